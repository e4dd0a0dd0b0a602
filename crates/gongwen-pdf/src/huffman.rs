//! A zlib stream of one Huffman-coded deflate block without back-references, for the font
//! programs.
//!
//! CFF charstrings have few repeats for LZ77 to find: what deflate gains on them comes
//! from coding the bytes by their frequency. Coding only that takes a count of the bytes
//! and one table lookup a byte, against libdeflate's match search at its fastest level,
//! which was half of a one-page PDF's instructions. Measured on seed-002's six subsets
//! (327,837 bytes; callgrind instructions of the compression alone):
//!
//! | method                                   | bytes   | instructions |
//! |------------------------------------------|--------:|-------------:|
//! | stored (libdeflate level 0)              | 327,923 |    ~0.03 M   |
//! | this module                              | 276,077 |     6.1 M    |
//! | zlib-rs 0.6, `Strategy::HuffmanOnly`     | 277,068 |    25 M      |
//! | miniz_oxide 0.8, Huffman only            | 276,434 |    58 M      |
//! | libdeflate 1.26 level 1                  | 264,604 |    15 M      |
//! | libdeflate 1.26 level 6                  | 262,347 |   (slower)   |
//!
//! The libraries' Huffman-only modes run their general block machinery (symbol buffers,
//! block splitting) a byte at a time, so they are no faster than libdeflate's match
//! search; hence this module. Its output is ordinary deflate (RFC 1951) in a zlib wrapper
//! (RFC 1950) that every PDF reader inflates.

/// Longest code deflate allows for literals.
const MAX_BITS: usize = 15;
/// Longest code for the code-length alphabet.
const MAX_CL_BITS: usize = 7;
/// End of block.
const EOB: usize = 256;
/// The order in which the code-length code lengths are sent (RFC 1951 §3.2.7).
const CL_ORDER: [usize; 19] = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

/// A zlib stream of one dynamic-Huffman block of literals, planned: its codes are chosen
/// and its exact length known before a byte is written, so that the PDF writer gives the
/// length in the stream's dictionary and codes the data straight into the file.
pub(crate) struct Zlib {
    /// Code and length of each literal and of the end of block.
    codes: Vec<(u16, u8)>,
    max_len: u8,
    /// The code-length code and the code lengths sent with it.
    cl_codes: Vec<(u16, u8)>,
    cl_lens: [u8; 19],
    hclen: usize,
    tokens: Vec<(u8, u8, u8)>,
    /// The stream's length in bytes.
    len: usize,
}

impl Zlib {
    /// Chooses the code for `data`.
    pub(crate) fn plan(data: &[u8]) -> Zlib {
        let mut freq = histogram(data);
        freq[EOB] = 1;
        // A literal code needs two symbols to be complete, which strict inflaters require.
        if freq[..EOB].iter().all(|&f| f == 0) {
            freq[0] = 1;
        }
        let mut lens = [0u8; EOB + 1];
        code_lengths(&freq, MAX_BITS, &mut lens);
        let codes = canonical(&lens);

        // The code lengths of literals, then of two distance codes of one bit each: the
        // block uses no distances, but zlib writes two and some inflaters insist on them.
        let mut all_lens = [0u8; EOB + 1 + 2];
        all_lens[..=EOB].copy_from_slice(&lens);
        all_lens[EOB + 1..].copy_from_slice(&[1, 1]);
        let tokens = run_lengths(&all_lens);
        let mut cl_freq = [0u64; 19];
        for &(sym, _, _) in &tokens {
            cl_freq[usize::from(sym)] += 1;
        }
        if cl_freq.iter().filter(|&&f| f > 0).count() < 2 {
            let spare = if cl_freq[0] == 0 { 0 } else { 1 };
            cl_freq[spare] = 1;
        }
        let mut cl_lens = [0u8; 19];
        code_lengths(&cl_freq, MAX_CL_BITS, &mut cl_lens);
        let cl_codes = canonical(&cl_lens);
        let hclen = CL_ORDER.iter().rposition(|&s| cl_lens[s] != 0).map_or(4, |i| (i + 1).max(4));

        // Literals counted with the end of block (its count is 1), which `freq` holds.
        let body_bits: u64 = freq.iter().zip(&lens).map(|(&f, &l)| f * u64::from(l)).sum();
        let token_bits: u64 = tokens
            .iter()
            .map(|&(sym, _, extra_bits)| u64::from(cl_lens[usize::from(sym)] + extra_bits))
            .sum();
        let header_bits = 3 + 5 + 5 + 4 + 3 * hclen as u64 + token_bits;
        // The zlib header, the block padded to a whole byte, the Adler-32 checksum.
        let len = 2 + (header_bits + body_bits).div_ceil(8) as usize + 4;
        let max_len = lens.iter().copied().max().unwrap_or(0);
        Zlib { codes, max_len, cl_codes, cl_lens, hclen, tokens, len }
    }

    /// The length of the stream in bytes.
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    /// Appends the stream of `data`, which must be the data planned for, to `out`.
    pub(crate) fn write(&self, data: &[u8], out: &mut Vec<u8>) {
        let mut w = BitWriter::new(out, self.len - 4);
        // CMF: deflate with a 32 KB window; FLG: "fastest" level, no dictionary, and the
        // check bits that make CMF·256 + FLG a multiple of 31.
        w.put(0x78, 8);
        w.put(0x01, 8);
        w.put(1, 1); // the final block
        w.put(2, 2); // dynamic Huffman codes
        w.put((EOB + 1 - 257) as u64, 5);
        w.put(2 - 1, 5);
        w.put((self.hclen - 4) as u64, 4);
        for &sym in &CL_ORDER[..self.hclen] {
            w.put(u64::from(self.cl_lens[sym]), 3);
        }
        for &(sym, extra, extra_bits) in &self.tokens {
            let (code, len) = self.cl_codes[usize::from(sym)];
            w.put(u64::from(code), len);
            w.put(u64::from(extra), extra_bits);
        }
        w.literals(data, &self.codes[..EOB], self.max_len);
        let (code, len) = self.codes[EOB];
        w.put(u64::from(code), len);
        w.finish();
        out.extend_from_slice(&libdeflater::adler32(data).to_be_bytes());
    }
}

/// How often each byte value occurs; four counts side by side, so that a run of one byte
/// does not wait on its own increments.
fn histogram(data: &[u8]) -> [u64; EOB + 1] {
    let mut counts = [[0u32; 256]; 4];
    let mut chunks = data.chunks_exact(4);
    // u32 counts: a chunk of at most 2^32 - 1 bytes per lane.
    for chunk in chunks.by_ref() {
        counts[0][usize::from(chunk[0])] += 1;
        counts[1][usize::from(chunk[1])] += 1;
        counts[2][usize::from(chunk[2])] += 1;
        counts[3][usize::from(chunk[3])] += 1;
    }
    for &b in chunks.remainder() {
        counts[0][usize::from(b)] += 1;
    }
    let mut freq = [0u64; EOB + 1];
    for (i, f) in freq[..EOB].iter_mut().enumerate() {
        *f = counts.iter().map(|c| u64::from(c[i])).sum();
    }
    freq
}

/// Huffman code lengths for `freq`, none longer than `limit`; symbols that never occur
/// get none. Two-queue Huffman over the symbols sorted by frequency, then over-long codes
/// shortened the way miniz does it (moving codes down until the Kraft sum is exact),
/// which keeps the code complete.
fn code_lengths(freq: &[u64], limit: usize, lens: &mut [u8]) {
    let mut leaves: Vec<(u64, usize)> =
        freq.iter().enumerate().filter(|(_, f)| **f > 0).map(|(s, &f)| (f, s)).collect();
    leaves.sort_unstable();
    let n = leaves.len();
    lens.iter_mut().for_each(|l| *l = 0);
    if n == 1 {
        lens[leaves[0].1] = 1;
    }
    if n < 2 {
        return;
    }
    // Nodes 0..n are the leaves in order; n.. the inner nodes in the order made, which is
    // also the order of their weights.
    let mut weight: Vec<u64> = leaves.iter().map(|&(f, _)| f).collect();
    weight.reserve(n - 1);
    let mut parent = vec![0usize; 2 * n - 1];
    let (mut leaf, mut inner) = (0, n);
    for made in n..2 * n - 1 {
        let mut pick = || {
            let take_leaf = leaf < n && (inner >= made || weight[leaf] <= weight[inner]);
            let node = if take_leaf { &mut leaf } else { &mut inner };
            *node += 1;
            *node - 1
        };
        let (a, b) = (pick(), pick());
        weight.push(weight[a] + weight[b]);
        parent[a] = made;
        parent[b] = made;
    }
    let mut depth = vec![0usize; 2 * n - 1];
    for node in (0..2 * n - 2).rev() {
        depth[node] = depth[parent[node]] + 1;
    }
    // How many codes of each length, the over-long ones counted at the limit.
    let mut count = vec![0u64; limit + 1];
    for &d in &depth[..n] {
        count[d.min(limit)] += 1;
    }
    let full = 1u64 << limit;
    let mut kraft: u64 = (1..=limit).map(|l| count[l] << (limit - l)).sum();
    while kraft > full {
        // Drop a code at the limit and split a shorter one into two a bit longer: one
        // unit less each time, the number of codes unchanged.
        count[limit] -= 1;
        if let Some(l) = (1..limit).rev().find(|&l| count[l] > 0) {
            count[l] -= 1;
            count[l + 1] += 2;
        }
        kraft -= 1;
    }
    // The rarest symbols get the longest codes.
    let mut next = leaves.iter();
    for l in (1..=limit).rev() {
        for _ in 0..count[l] {
            if let Some(&(_, sym)) = next.next() {
                lens[sym] = l as u8;
            }
        }
    }
}

/// The canonical codes for `lens` (RFC 1951 §3.2.2), bit-reversed for writing least
/// significant bit first: (code, length).
fn canonical(lens: &[u8]) -> Vec<(u16, u8)> {
    let mut count = [0u16; MAX_BITS + 1];
    for &l in lens {
        count[usize::from(l)] += 1;
    }
    count[0] = 0;
    let mut next = [0u16; MAX_BITS + 2];
    let mut code = 0u16;
    for bits in 1..=MAX_BITS {
        code = (code + count[bits - 1]) << 1;
        next[bits] = code;
    }
    lens.iter()
        .map(|&l| {
            if l == 0 {
                return (0, 0);
            }
            let code = next[usize::from(l)];
            next[usize::from(l)] += 1;
            (code.reverse_bits() >> (16 - l), l)
        })
        .collect()
}

/// The code lengths as code-length symbols: (symbol, extra bits value, extra bit count),
/// runs of zeros as 17 and 18, repeats of a length as 16.
fn run_lengths(lens: &[u8]) -> Vec<(u8, u8, u8)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < lens.len() {
        let l = lens[i];
        let run = lens[i..].iter().take_while(|&&x| x == l).count();
        let mut left = run;
        if l == 0 {
            while left >= 11 {
                let n = left.min(138);
                out.push((18, (n - 11) as u8, 7));
                left -= n;
            }
            if left >= 3 {
                out.push((17, (left - 3) as u8, 3));
                left = 0;
            }
        } else {
            out.push((l, 0, 0));
            left -= 1;
            while left >= 3 {
                let n = left.min(6);
                out.push((16, (n - 3) as u8, 2));
                left -= n;
            }
        }
        out.extend(std::iter::repeat_n((l, 0, 0), left));
        i += run;
    }
    out
}

/// Bits packed least significant first into a buffer sized up front.
struct BitWriter<'a> {
    out: &'a mut Vec<u8>,
    /// Where the next whole byte goes.
    pos: usize,
    acc: u64,
    bits: u32,
}

impl<'a> BitWriter<'a> {
    /// Room for `bytes` more, and eight spare for whole-word stores.
    fn new(out: &'a mut Vec<u8>, bytes: usize) -> BitWriter<'a> {
        let pos = out.len();
        out.resize(pos + bytes + 8, 0);
        BitWriter { out, pos, acc: 0, bits: 0 }
    }

    /// Stores the accumulator's whole bytes; fewer than eight bits are left.
    #[inline(always)]
    fn flush(&mut self) {
        self.out[self.pos..self.pos + 8].copy_from_slice(&self.acc.to_le_bytes());
        let bytes = self.bits / 8;
        self.pos += bytes as usize;
        // Two shifts: a shift by 64 would overflow when all eight bytes went out.
        self.acc = (self.acc >> (bytes * 4)) >> (bytes * 4);
        self.bits -= bytes * 8;
    }

    /// Writes the low `len` bits of `value` (at most 32).
    fn put(&mut self, value: u64, len: u8) {
        self.acc |= value << self.bits;
        self.bits += u32::from(len);
        self.flush();
    }

    /// Writes each byte of `data` by `table`, whose codes are at most `max_len` bits:
    /// as many codes a word as fit in the 57 bits free after a flush.
    fn literals(&mut self, data: &[u8], table: &[(u16, u8)], max_len: u8) {
        if max_len <= 14 {
            self.literals_by::<4>(data, table);
        } else {
            self.literals_by::<3>(data, table);
        }
    }

    fn literals_by<const N: usize>(&mut self, data: &[u8], table: &[(u16, u8)]) {
        let mut chunks = data.chunks_exact(N);
        for chunk in chunks.by_ref() {
            for &b in chunk {
                let (code, len) = table[usize::from(b)];
                self.acc |= u64::from(code) << self.bits;
                self.bits += u32::from(len);
            }
            self.flush();
        }
        for &b in chunks.remainder() {
            let (code, len) = table[usize::from(b)];
            self.put(u64::from(code), len);
        }
    }

    /// Pads the last byte and drops the spare room.
    fn finish(mut self) {
        self.bits = self.bits.div_ceil(8) * 8;
        self.flush();
        self.out.truncate(self.pos);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inflate(stream: &[u8], len: usize) -> Vec<u8> {
        let mut out = vec![0; len];
        let n = libdeflater::Decompressor::new()
            .zlib_decompress(stream, &mut out)
            .expect("a valid zlib stream with the right checksum");
        out.truncate(n);
        out
    }

    fn round_trip(data: &[u8]) -> usize {
        let mut stream = b"before".to_vec();
        let zlib = Zlib::plan(data);
        zlib.write(data, &mut stream);
        assert_eq!(&stream[..6], b"before", "appended");
        let stream = stream.split_off(6);
        assert_eq!(stream.len(), zlib.len(), "the length planned");
        assert_eq!(inflate(&stream, data.len()), data);
        // zlib-rs's inflater (zlib's, ported; through flate2) is strict about incomplete codes.
        let mut back = Vec::new();
        std::io::Read::read_to_end(&mut flate2::read::ZlibDecoder::new(&stream[..]), &mut back)
            .expect("zlib reads it");
        assert_eq!(back, data);
        stream.len()
    }

    #[test]
    fn empty_one_byte_and_one_value() {
        round_trip(b"");
        round_trip(b"a");
        round_trip(&[7; 1000]);
        round_trip(&[0, 255]);
    }

    #[test]
    fn skewed_counts_are_cut_to_fifteen_bits() {
        // Each symbol twice as common as the one before: unlimited, the tree is as deep
        // as it has symbols.
        let mut data = Vec::new();
        for sym in 0..20u8 {
            data.extend(std::iter::repeat_n(sym, 1 << sym));
        }
        let mut freq = histogram(&data);
        freq[EOB] = 1;
        let mut lens = [0u8; EOB + 1];
        code_lengths(&freq, 32, &mut lens);
        assert!(lens.iter().copied().max() > Some(18), "{:?}", &lens[..20]);
        code_lengths(&freq, MAX_BITS, &mut lens);
        assert_eq!(lens.iter().copied().max(), Some(15));
        let kraft: f64 = lens.iter().filter(|&&l| l > 0).map(|&l| 0.5f64.powi(l.into())).sum();
        assert_eq!(kraft, 1.0, "a complete code");
        round_trip(&data);
    }

    #[test]
    fn every_byte_value_and_uneven_text() {
        let all: Vec<u8> = (0..=255).cycle().take(10_000).collect();
        round_trip(&all);
        let text = "公文格式 GB/T 9704-2012 ".repeat(300);
        let n = round_trip(text.as_bytes());
        assert!(n < text.len() * 3 / 4, "{n} of {}", text.len());
    }

    #[test]
    fn a_subset_shrinks_nearly_as_much_as_with_libdeflate() {
        use skrifa::MetadataProvider;
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../samples/seed-002.txt");
        let text = std::fs::read_to_string(path).expect("the sample");
        let fang = gongwen_fonts::bundled("FandolFang-Regular").expect("bundled").data;
        let charmap = skrifa::FontRef::new(fang).expect("parses").charmap();
        let mut glyphs = vec![0u16];
        for c in text.chars() {
            if let Some(g) = charmap.map(c).map(|g| g.to_u32() as u16)
                && !glyphs.contains(&g)
            {
                glyphs.push(g);
            }
        }
        let Ok(gongwen_subset::FontProgram::Cff(data)) = gongwen_subset::subset(fang, 0, &glyphs)
        else {
            panic!("a CFF subset")
        };
        let n = round_trip(&data);
        let mut level1 = vec![0; data.len() + 1000];
        let m = libdeflater::Compressor::new(libdeflater::CompressionLvl::new(1).expect("a level"))
            .zlib_compress(&data, &mut level1)
            .expect("room enough");
        assert!(n < data.len() * 7 / 8 && n < m * 106 / 100, "{n} against {m} of {}", data.len());
    }

    #[test]
    fn pseudo_random_inputs() {
        // A fixed LCG, so that the test is the same each run.
        let mut x = 12345u64;
        for len in [1, 2, 3, 4, 5, 63, 64, 65, 1000, 4099] {
            for skew in [1u64, 3, 17, 255] {
                let data: Vec<u8> = (0..len)
                    .map(|_| {
                        x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                        ((x >> 33) % (skew + 1)) as u8 ^ ((x >> 60) as u8 & 1)
                    })
                    .collect();
                round_trip(&data);
            }
        }
    }
}
