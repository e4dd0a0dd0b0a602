//! The file around the objects: dictionaries packed into one compressed object stream,
//! streams written as they are, and a compressed cross-reference stream (PDF 1.5).
//!
//! A speech has about fifty small dictionaries (pages, fonts, outline items); written one
//! by one with a classic cross-reference table they cost more than the page contents.
//! Packed and compressed together they take a few hundred bytes.

use std::cell::RefCell;
use std::io::Write as _;

use libdeflater::{CompressionLvl, Compressor};
use pdf_writer::{Chunk, Dict, Name, Obj, Ref, Settings, Str};

/// Where an object can be found, for the cross-reference stream.
#[derive(Debug, Clone, Copy)]
enum Entry {
    /// Written at this byte offset.
    At(usize),
    /// The `index`-th object of the object stream.
    Packed(u32),
}

/// Builds the file: allocate ids, add objects and streams, then [`File::finish`].
pub(crate) struct File {
    out: Vec<u8>,
    entries: Vec<Option<Entry>>,
    /// Ids and bodies of the objects bound for the object stream.
    packed: Vec<(Ref, Vec<u8>)>,
}

const SETTINGS: Settings = Settings { pretty: false };

/// How a stream is compressed, by what it holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Font programs: most of the file. Charstrings hold few repeats, so Huffman coding
    /// alone (`huffman`) comes within 5 % of libdeflate's level 1 at an eighth of the
    /// instructions.
    Font,
    /// Page content, ToUnicode maps, the object and cross-reference streams: text, which
    /// LZ77 shrinks to two fifths. For seed-002's 26 KB of it libdeflate's level 1 writes
    /// 10,338 bytes in 1.5 M instructions, level 6 9,506 bytes in 2.8 M.
    Text,
}

/// The compressor for text streams and its output buffer.
struct Deflate {
    text: Compressor,
    buffer: Vec<u8>,
}

thread_local! {
    /// The compressor and its output buffer, kept for the next stream and the next file
    /// on this thread: fresh ones cost a megabyte of newly mapped pages per file in a
    /// batch.
    static DEFLATE: RefCell<Deflate> = RefCell::new(Deflate {
        text: Compressor::new(CompressionLvl::new(TEXT_LEVEL).unwrap_or_default()),
        buffer: Vec::new(),
    });
}

/// libdeflate's level for text streams: its fastest, 832 bytes more than level 6 on
/// seed-002 (0.3 % of the file) for half the instructions.
const TEXT_LEVEL: i32 = 1;

impl File {
    /// A file expected to hold about `capacity` bytes.
    pub fn new(capacity: usize) -> File {
        let mut out = Vec::with_capacity(capacity);
        out.extend_from_slice(b"%PDF-1.7\n%\x80\x80\x80\x80\n");
        File { out, entries: vec![None], packed: Vec::new() }
    }

    /// A fresh object id.
    pub fn alloc(&mut self) -> Ref {
        self.entries.push(None);
        Ref::new(self.entries.len() as i32 - 1)
    }

    /// Adds a dictionary or other non-stream object; `write` fills it in.
    pub fn object(&mut self, id: Ref, write: impl FnOnce(Obj<'_>)) {
        let mut chunk = Chunk::with_settings(SETTINGS);
        write(chunk.indirect(id));
        // pdf-writer frames an indirect object as "N 0 obj\n" … "\nendobj\n"; inside an
        // object stream only the body between goes.
        let body = unframed(chunk.as_bytes());
        let start = body.iter().position(|&b| b == b'\n').map_or(0, |i| i + 1);
        self.packed.push((id, body[start..].to_vec()));
    }

    /// Adds a stream with `data` compressed; `dict` adds entries besides the length and
    /// filter.
    pub fn stream(&mut self, id: Ref, kind: Kind, data: &[u8], dict: impl FnOnce(&mut Dict<'_>)) {
        match kind {
            // Planned first, so that its length is known and it is coded into the file.
            Kind::Font => {
                let zlib = crate::huffman::Zlib::plan(data);
                self.write_stream(id, zlib.len(), dict, |out| zlib.write(data, out));
            }
            Kind::Text => DEFLATE.with_borrow_mut(|Deflate { text, buffer }| {
                let bound = text.zlib_compress_bound(data.len());
                if buffer.len() < bound {
                    buffer.resize(bound, 0);
                }
                let n = text
                    .zlib_compress(data, buffer)
                    .expect("libdeflate's own bound for this input is room enough");
                self.write_stream(id, n, dict, |out| out.extend_from_slice(&buffer[..n]));
            }),
        }
    }

    /// Writes a stream object straight into the file: its dictionary through pdf-writer,
    /// then its `len` bytes of data, which `data` appends.
    fn write_stream(
        &mut self,
        id: Ref,
        len: usize,
        dict: impl FnOnce(&mut Dict<'_>),
        data: impl FnOnce(&mut Vec<u8>),
    ) {
        let mut chunk = Chunk::with_settings(SETTINGS);
        {
            let mut d = chunk.indirect(id).dict();
            d.pair(Name(b"Length"), len as i32);
            d.pair(Name(b"Filter"), Name(b"FlateDecode"));
            dict(&mut d);
        }
        self.entries[id.get() as usize] = Some(Entry::At(self.out.len()));
        self.out.extend_from_slice(unframed(chunk.as_bytes()));
        self.out.extend_from_slice(b"\nstream\n");
        let start = self.out.len();
        data(&mut self.out);
        debug_assert_eq!(self.out.len() - start, len, "the stream's length as given");
        self.out.extend_from_slice(b"\nendstream\nendobj\n");
    }

    /// Writes the object stream, the cross-reference stream and the trailer. `id` is the
    /// file identifier (the same for the same content).
    pub fn finish(mut self, catalog: Ref, info: Ref, id: [u8; 16]) -> Vec<u8> {
        // The object stream: "id offset" pairs, then the bodies.
        let packed = std::mem::take(&mut self.packed);
        let stream_id = self.alloc();
        let mut head = Vec::new();
        let mut body = Vec::new();
        for (index, (obj, bytes)) in packed.iter().enumerate() {
            write!(head, "{} {} ", obj.get(), body.len()).expect("writing to a Vec");
            body.extend_from_slice(bytes);
            body.push(b'\n');
            self.entries[obj.get() as usize] = Some(Entry::Packed(index as u32));
        }
        let first = head.len() as i32;
        head.extend_from_slice(&body);
        self.stream(stream_id, Kind::Text, &head, |s| {
            s.pair(Name(b"Type"), Name(b"ObjStm"));
            s.pair(Name(b"N"), packed.len() as i32);
            s.pair(Name(b"First"), first);
        });

        // The cross-reference stream lists itself too.
        let xref_id = self.alloc();
        let xref_offset = self.out.len();
        self.entries[xref_id.get() as usize] = Some(Entry::At(xref_offset));
        let offset_width = bytes_for(xref_offset as u64);
        let index_width = bytes_for(packed.len() as u64);
        let mut table = Vec::with_capacity(self.entries.len() * 6);
        for entry in &self.entries {
            let (kind, field2, field3) = match entry {
                // Object 0 heads the (empty) free list.
                None => (0u8, 0u64, 0u64),
                Some(Entry::At(offset)) => (1, *offset as u64, 0),
                Some(Entry::Packed(index)) => {
                    (2, u64::from(stream_id.get() as u32), u64::from(*index))
                }
            };
            table.push(kind);
            table.extend_from_slice(&field2.to_be_bytes()[8 - offset_width..]);
            table.extend_from_slice(&field3.to_be_bytes()[8 - index_width..]);
        }
        let size = self.entries.len() as i32;
        self.stream(xref_id, Kind::Text, &table, |s| {
            s.pair(Name(b"Type"), Name(b"XRef"));
            s.pair(Name(b"Size"), size);
            s.insert(Name(b"W")).array().items([1, offset_width as i32, index_width as i32]);
            s.pair(Name(b"Root"), catalog);
            s.pair(Name(b"Info"), info);
            s.insert(Name(b"ID")).array().items([Str(&id), Str(&id)]);
        });
        write!(self.out, "startxref\n{xref_offset}\n%%EOF\n").expect("writing to a Vec");
        self.out
    }
}

/// Bytes needed to hold `n` (at least one).
fn bytes_for(n: u64) -> usize {
    ((64 - n.leading_zeros() as usize).div_ceil(8)).max(1)
}

/// An indirect object as pdf-writer frames it, without its closing "\nendobj\n".
fn unframed(object: &[u8]) -> &[u8] {
    object.strip_suffix(b"\nendobj\n").unwrap_or(object)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_widths() {
        assert_eq!(bytes_for(0), 1);
        assert_eq!(bytes_for(255), 1);
        assert_eq!(bytes_for(256), 2);
        assert_eq!(bytes_for(300_000), 3);
    }
}
