//! Decodes text files of unknown encoding for gongwen.
//!
//! Chinese documents arrive as UTF-8, UTF-16 (from Windows tools), GB18030/GBK/GB2312 or
//! Big5. [`decode`] finds the encoding — a byte-order mark first (UTF-8, UTF-16 or
//! GB18030's), then UTF-8 if the bytes are UTF-8 (a few damaged sequences allowed), then
//! UTF-16 by where NUL bytes fall (or, with no ASCII to give NULs, by where the high bytes
//! of Chinese characters fall), then a guess by chardetng — and only ever one of those:
//! text chardetng takes for windows-1252 or EUC-KR is read in the nearest of them, with an
//! [`Code::EncodingUncertain`] warning that names `--encoding`, as is a guess made from
//! damaged text or a forced encoding the bytes contradict. UTF-32 is refused by name. It
//! decodes without losing track of what it
//! could not decode: every undecodable sequence becomes one U+FFFD in the text and an
//! [`Code::InvalidBytes`] diagnostic whose span points at it and whose message gives the
//! byte offset in the input. Binary input (NUL bytes, an image, a zip, a PDF) is refused
//! with a [`DecodeError`].
//!
//! Line endings are left alone: spans index the decoded text exactly, and the parser
//! handles CRLF and CR.
//!
//! ```
//! let gbk = [0xC4, 0xE3, 0xBA, 0xC3]; // 你好 in GBK
//! let decoded = gongwen_decode::decode(&gbk, None).unwrap();
//! assert_eq!(decoded.text, "你好");
//! assert_eq!(decoded.encoding, encoding_rs::GB18030);
//! ```

use std::fmt;

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{BIG5, DecoderResult, Encoding, GB18030, GBK, UTF_8, UTF_16BE, UTF_16LE};
use gongwen_ast::{Code, Diagnostic, Span};

/// A decoded text and how it was decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, byte-order mark removed, line endings as in the input.
    pub text: String,
    /// The encoding the text was decoded from; its `name()` goes into
    /// `Document.meta.encoding`. GBK and GB2312 are reported as GB18030, the superset
    /// they were decoded with.
    pub encoding: &'static Encoding,
    /// Whether the input began with a byte-order mark.
    pub bom: bool,
    /// One [`Code::InvalidBytes`] error per run of undecodable bytes, in input order.
    pub diagnostics: Vec<Diagnostic>,
}

/// Why input could not be read as text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    /// The input is not a text file.
    #[error("not a text file: {evidence}")]
    Binary {
        /// What gave it away.
        evidence: Evidence,
    },
    /// UTF-32 text (every character four bytes), which gongwen does not read.
    #[error(
        "the text is {} without a byte-order mark, which gongwen does not read; convert it \
         to UTF-8 first (iconv -f {0} -t UTF-8)",
        if *.big_endian { "UTF-32BE" } else { "UTF-32LE" }
    )]
    Utf32 {
        /// Whether the most significant byte comes first.
        big_endian: bool,
    },
}

/// What shows that input is binary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Evidence {
    /// A NUL byte (or, in UTF-16, a NUL character), which text never holds.
    Nul {
        /// Byte offset in the input.
        offset: usize,
    },
    /// The input starts with the signature of a known binary format.
    Signature {
        /// The format, in words: "a PNG image", "a ZIP archive (or DOCX)".
        format: &'static str,
    },
    /// Too many control characters for text.
    ControlCharacters {
        /// How many control characters.
        count: usize,
        /// How many characters in all.
        total: usize,
    },
}

impl fmt::Display for Evidence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Evidence::Nul { offset } => write!(
                f,
                "it holds a NUL byte at byte offset {offset} (if it is UTF-16 text without a \
                 byte-order mark, name the encoding: --encoding {})",
                // ASCII in UTF-16LE is the letter then NUL, in UTF-16BE NUL then the letter.
                if offset % 2 == 1 { "utf-16le" } else { "utf-16be" }
            ),
            Evidence::Signature { format } => write!(f, "it is {format}"),
            Evidence::ControlCharacters { count, total } => {
                write!(f, "{count} of its {total} characters are control characters")
            }
        }
    }
}

/// Leading bytes of binary formats a user might hand over by mistake.
const SIGNATURES: &[(&[u8], &str)] = &[
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xFF\xD8\xFF", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF file"),
    (b"PK\x03\x04", "a ZIP archive (or a DOCX, XLSX or ODT file)"),
    (b"PK\x05\x06", "an empty ZIP archive"),
    (b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", "an OLE2 file (an old .doc, .xls or .wps)"),
    (b"{\\rtf", "an RTF file"),
    (b"\x1F\x8B", "a gzip archive"),
    (b"Rar!\x1A\x07", "a RAR archive"),
    (b"7z\xBC\xAF\x27\x1C", "a 7-Zip archive"),
    (b"\x7FELF", "an ELF executable"),
    (b"MZ\x90\x00", "a Windows executable"),
];

/// GB18030's byte-order mark (U+FEFF encoded), which `Encoding::for_bom` does not know.
const GB18030_BOM: &[u8] = b"\x84\x31\x95\x33";

/// How many bytes chardetng sees. It reads about 1.5 MB/s, and a Chinese text gives its
/// encoding away long before 64 KiB (some 20,000 characters).
const DETECTION_PREFIX: usize = 64 * 1024;

/// Below this many non-ASCII bytes chardetng's guess is weak ("你好" in GBK comes out as
/// EUC-KR), so clean GB18030 or Big5 is preferred to a non-Chinese guess.
const WEAK_EVIDENCE: usize = 64;

/// Bytes in GB18030 or Big5 with at most one bad sequence per this many non-ASCII bytes
/// are that encoding, damaged, rather than whatever chardetng fell back on.
const CHINESE_GOOD_PER_BAD: usize = 50;

/// Below [`WEAK_EVIDENCE`], bytes in GB18030 or Big5 with at most one bad sequence per this
/// many non-ASCII bytes (about four characters) are that encoding, damaged. Latin-1 text
/// read as GB18030 has a bad sequence at nearly every accented letter.
const WEAK_GOOD_PER_BAD: usize = 8;

/// A UTF-8 text with a few damaged sequences is still UTF-8 when it has this many good
/// non-ASCII characters per damaged one. GBK or Big5 read as UTF-8 has about one valid
/// sequence per fifty bad ones, so even a 30-character notice with one pasted GBK name or
/// two stray bytes stays UTF-8.
const UTF8_GOOD_PER_BAD: usize = 3;

/// The encodings `--encoding` accepts, by any of their WHATWG labels.
const LABELLED: [&Encoding; 6] = [UTF_8, UTF_16LE, UTF_16BE, GBK, GB18030, BIG5];

/// The encoding named by `label` (case-insensitive, surrounding spaces ignored), if it is
/// one gongwen reads: utf-8, utf-16le, utf-16be, gbk, gb2312, gb18030 or big5 (and their
/// WHATWG aliases such as utf8, cp936, big5-hkscs).
pub fn encoding_from_label(label: &str) -> Option<&'static Encoding> {
    Encoding::for_label(label.trim().as_bytes()).filter(|e| LABELLED.contains(e))
}

/// Decodes `bytes`, in `forced` if given, else in the encoding the bytes show.
///
/// A byte-order mark is removed when it matches the encoding used. GBK is decoded as
/// GB18030. Undecodable bytes do not fail: each run becomes one U+FFFD and one
/// diagnostic. Only binary input fails.
pub fn decode(bytes: &[u8], forced: Option<&'static Encoding>) -> Result<Decoded, DecodeError> {
    if let Some(&(_, format)) = SIGNATURES.iter().find(|(magic, _)| bytes.starts_with(magic)) {
        return Err(DecodeError::Binary { evidence: Evidence::Signature { format } });
    }
    let bom = Encoding::for_bom(bytes)
        .or_else(|| bytes.starts_with(GB18030_BOM).then_some((GB18030, GB18030_BOM.len())));
    let (encoding, doubt) = match (forced, bom) {
        (Some(forced), _) => (forced, None),
        (None, Some((bom, _))) => (bom, None),
        (None, None) => {
            if let Some(big_endian) = utf32(bytes) {
                return Err(DecodeError::Utf32 { big_endian });
            }
            detect(bytes)
        }
    };
    let encoding = if encoding == GBK { GB18030 } else { encoding };
    let bom_len = match bom {
        Some((e, len)) if e == encoding => len,
        _ => 0,
    };
    let valid_utf8 = (encoding == UTF_8).then(|| std::str::from_utf8(&bytes[bom_len..]).ok());
    let (text, mut diagnostics) = match valid_utf8.flatten() {
        // Valid UTF-8 needs no decoder.
        Some(text) => (text.to_owned(), Vec::new()),
        None => decode_in(encoding, bytes, bom_len),
    };
    refuse_binary(&text, bytes, encoding, bom_len)?;
    let doubt = doubt.or_else(|| forced.and_then(|f| against_the_bytes(f, bytes, bom, &text)));
    if let Some(why) = doubt {
        let warning = Diagnostic::warning(Code::EncodingUncertain, Span::new(0, 0), why)
            .with_hint("if the text looks garbled, name its encoding: --encoding utf-8, gbk, big5, utf-16le or utf-16be");
        diagnostics.insert(0, warning);
    }
    Ok(Decoded { text, encoding, bom: bom_len > 0, diagnostics })
}

/// Why the encoding a user forced looks wrong for `bytes`, if it does: they are valid
/// UTF-8 read as something else (`--encoding utf-16le` on a UTF-8 file), or they carry
/// another encoding's byte-order mark.
fn against_the_bytes(
    forced: &'static Encoding,
    bytes: &[u8],
    bom: Option<(&'static Encoding, usize)>,
    text: &str,
) -> Option<String> {
    let forced = if forced == GBK { GB18030 } else { forced };
    if let Some((bom, _)) = bom.filter(|(e, _)| *e != forced) {
        return Some(format!(
            "the input starts with a {} byte-order mark but was read as {}, as asked",
            bom.name(),
            forced.name()
        ));
    }
    let utf8 = std::str::from_utf8(bytes).ok()?;
    (forced != UTF_8 && utf8 != text).then(|| {
        format!(
            "the input is valid UTF-8 but was read as {}, as asked; the text is likely garbled",
            forced.name()
        )
    })
}

/// Whether BOM-less `bytes` are UTF-32 (and in which order): every four bytes one
/// Unicode scalar value, which text in any other encoding never is for long.
fn utf32(bytes: &[u8]) -> Option<bool> {
    if bytes.len() < 8 || !bytes.len().is_multiple_of(4) {
        return None;
    }
    let units = || bytes.chunks_exact(4).take(DETECTION_PREFIX / 4);
    let scalar = |u: u32| char::from_u32(u).is_some_and(|c| c != '\0');
    if units().all(|u| scalar(u32::from_le_bytes([u[0], u[1], u[2], u[3]]))) {
        return Some(false);
    }
    if units().all(|u| scalar(u32::from_be_bytes([u[0], u[1], u[2], u[3]]))) {
        return Some(true);
    }
    None
}

/// BOM-less UTF-16 told by its NUL bytes: ASCII in UTF-16LE is the letter then NUL, in
/// UTF-16BE the other way round, so a text's NULs all fall on odd or all on even offsets.
fn utf16_by_nuls(bytes: &[u8]) -> Option<&'static Encoding> {
    let prefix = &bytes[..bytes.len().min(DETECTION_PREFIX)];
    let (mut even, mut odd) = (0usize, 0usize);
    for (i, _) in prefix.iter().enumerate().filter(|(_, b)| **b == 0) {
        if i.is_multiple_of(2) { even += 1 } else { odd += 1 }
    }
    // Two NULs at least, all on one side: one could be a stray byte.
    let encoding = match (even, odd) {
        (0, n) if n >= 2 => UTF_16LE,
        (n, 0) if n >= 2 => UTF_16BE,
        _ => return None,
    };
    // And what they decode to must read as text: binary data whose NULs happen to fall on
    // one side decodes to control characters and broken surrogates.
    reads_as_text(encoding, &prefix[..prefix.len() - prefix.len() % 2])
}

/// BOM-less UTF-16 with too few NULs to tell by (Chinese text with no ASCII in it), told
/// by where its high bytes fall: a Chinese character or punctuation mark is one unit of
/// U+3000–U+9FFF or U+FF00–U+FFEF, so read in its own order most units land there, and
/// read in the other the same bytes scatter over the whole plane (GBK and Big5 read as
/// UTF-16 land mostly in Hangul, surrogates and private use). Taken when 60% of the units
/// at least are Chinese in one order and 20 points fewer in the other, a fifth at least
/// of the low bytes are under 0x80, and what they decode to reads as text.
fn utf16_by_han(bytes: &[u8]) -> Option<&'static Encoding> {
    let prefix = &bytes[..bytes.len().min(DETECTION_PREFIX)];
    let whole = &prefix[..prefix.len() - prefix.len() % 2];
    let units = whole.len() / 2;
    if units < 4 {
        return None;
    }
    let chinese = |u: u16| matches!(u, 0x2010..=0x206F | 0x3000..=0x303F | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xFF00..=0xFFEF);
    let count = |unit: fn([u8; 2]) -> u16| {
        whole.chunks_exact(2).filter(|u| chinese(unit([u[0], u[1]]))).count()
    };
    let (le, be) = (count(u16::from_le_bytes), count(u16::from_be_bytes));
    // Read in the wrong order, Chinese text still lands there some 40% of the time.
    let clear = |own: usize, other: usize| own * 10 >= units * 6 && own * 5 >= other * 5 + units;
    let encoding = if clear(le, be) {
        UTF_16LE
    } else if clear(be, le) {
        UTF_16BE
    } else {
        return None;
    };
    // The low bytes of Chinese characters are spread over 0x00–0xFF. GBK and Big5 read as
    // UTF-16 can put their trail bytes where the high bytes go, but then their lead bytes,
    // all 0x81 and up, are the low bytes.
    let low = |u: &[u8]| if encoding == UTF_16LE { u[0] } else { u[1] };
    if whole.chunks_exact(2).filter(|u| low(u) < 0x80).count() * 5 < units {
        return None;
    }
    reads_as_text(encoding, whole)
}

/// `encoding`, when `bytes` decode in it to text: no controls, no broken surrogates
/// (but at the end, where a prefix may cut a pair).
fn reads_as_text(encoding: &'static Encoding, bytes: &[u8]) -> Option<&'static Encoding> {
    let (text, _) = encoding.decode_without_bom_handling(bytes);
    let is_text = |c: char| c != '\u{fffd}' && (!c.is_control() || "\t\n\r\u{c}".contains(c));
    text.trim_end_matches('\u{fffd}').chars().all(is_text).then_some(encoding)
}

/// Guesses the encoding of BOM-less input, among those gongwen reads (UTF-8, UTF-16,
/// GB18030, Big5), with the reason to doubt the guess when there is one.
fn detect(bytes: &[u8]) -> (&'static Encoding, Option<String>) {
    if looks_utf8(bytes) {
        return (UTF_8, None);
    }
    // Chinese characters first: 一 (U+4E00) has a NUL byte too, on the side ASCII does not.
    let utf16 = utf16_by_han(bytes)
        .map(|e| (e, "the bytes of its Chinese characters"))
        .or_else(|| utf16_by_nuls(bytes).map(|e| (e, "its NUL bytes")));
    if let Some((utf16, by)) = utf16 {
        let doubt = format!("no byte-order mark: read as {} by where {by} fall", utf16.name());
        return (utf16, Some(doubt));
    }
    let prefix = &bytes[..bytes.len().min(DETECTION_PREFIX)];
    let guess = chardet(prefix);
    if [GBK, GB18030, BIG5, UTF_8].contains(&guess) {
        return (guess, None);
    }
    // chardetng rules an encoding out on one bad sequence, and on little text it may
    // prefer EUC-KR or a Cyrillic code page: look for a Chinese encoding then.
    let non_ascii = prefix.iter().filter(|b| !b.is_ascii()).count();
    let mut best: Option<(usize, &'static Encoding)> = None;
    let mut fewest: Option<(usize, &'static Encoding)> = None;
    for encoding in [GB18030, BIG5] {
        let (clean, bad) = without_malformed(encoding, prefix);
        let fits = if bad == 0 {
            non_ascii < WEAK_EVIDENCE
        } else if non_ascii < WEAK_EVIDENCE {
            // On little text chardetng's guess is no better than a damaged Chinese reading.
            bad * WEAK_GOOD_PER_BAD <= non_ascii
        } else {
            bad * CHINESE_GOOD_PER_BAD <= non_ascii && [encoding, GBK].contains(&chardet(&clean))
        };
        if fits && best.is_none_or(|(least, _)| bad < least) {
            best = Some((bad, encoding));
        }
        if fewest.is_none_or(|(least, _)| bad < least) {
            fewest = Some((bad, encoding));
        }
    }
    if let Some((bad, encoding)) = best {
        let doubt = (bad > 0)
            .then(|| format!("the encoding was guessed as {} from damaged text", encoding.name()));
        return (encoding, doubt);
    }
    // Not text in an encoding gongwen reads (chardetng thinks it is another): read it in
    // the nearest one, every bad byte marked, and say so.
    let utf8_bad = bytes[..prefix.len()].utf8_chunks().filter(|c| !c.invalid().is_empty()).count();
    let (_, encoding) = match fewest {
        Some((bad, encoding)) if bad < utf8_bad => (bad, encoding),
        _ => (utf8_bad, UTF_8),
    };
    let doubt = format!(
        "the bytes fit none of UTF-8, UTF-16, GB18030 and Big5 (they look like {}); read as {}",
        guess.name(),
        encoding.name()
    );
    (encoding, Some(doubt))
}

/// chardetng's guess, with no TLD hint (it would override the content).
fn chardet(bytes: &[u8]) -> &'static Encoding {
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    // Never `last = true`: a cut (or a truncated file) that splits a character would
    // rule out the right encoding and leave windows-1252.
    detector.feed(bytes, false);
    detector.guess(None, Utf8Detection::Allow)
}

/// Whether `bytes` are UTF-8, allowing a character cut off at the end and rare damage.
fn looks_utf8(bytes: &[u8]) -> bool {
    let Err(error) = std::str::from_utf8(bytes) else { return true };
    if error.error_len().is_none() {
        // The only error is a character cut off at the end: a truncated UTF-8 file.
        return true;
    }
    let (mut good, mut bad) = (0, 0);
    for chunk in bytes.utf8_chunks() {
        good += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        if !chunk.invalid().is_empty() {
            bad += 1;
        }
    }
    good >= UTF8_GOOD_PER_BAD * bad
}

/// `bytes` without the sequences malformed in `encoding` (a cut-off one at the end is
/// kept), and how many there were.
fn without_malformed(encoding: &'static Encoding, bytes: &[u8]) -> (Vec<u8>, usize) {
    let mut clean = Vec::with_capacity(bytes.len());
    let (mut kept, mut bad) = (0, 0);
    decode_pieces(encoding, bytes, false, |piece| {
        if let Piece::Malformed(range) = piece {
            clean.extend_from_slice(&bytes[kept..range.start.max(kept)]);
            kept = range.end;
            bad += 1;
        }
    });
    clean.extend_from_slice(&bytes[kept..]);
    (clean, bad)
}

/// A piece of decoded input: text, or the range of a malformed sequence in the input.
enum Piece<'a> {
    Text(&'a str),
    Malformed(std::ops::Range<usize>),
}

/// Decodes `bytes` piece by piece through a small buffer. (Decoding into one big `String`
/// costs time in proportion to its spare capacity at every malformed sequence.)
fn decode_pieces(
    encoding: &'static Encoding,
    bytes: &[u8],
    last: bool,
    mut on: impl FnMut(Piece<'_>),
) {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut buffer = "\0".repeat(16 * 1024);
    let mut read = 0;
    loop {
        let (result, n, written) =
            decoder.decode_to_str_without_replacement(&bytes[read..], &mut buffer, last);
        read += n;
        on(Piece::Text(&buffer[..written]));
        match result {
            DecoderResult::InputEmpty => return,
            DecoderResult::OutputFull => {}
            DecoderResult::Malformed(bad, after) => {
                let end = read - usize::from(after);
                on(Piece::Malformed(end.saturating_sub(usize::from(bad))..end));
            }
        }
    }
}

/// A run of undecodable bytes and the U+FFFD that stands for it.
struct Damage {
    bytes: std::ops::Range<usize>,
    at: usize,
}

/// Decodes `bytes[skip..]`, marking each run of undecodable bytes with one U+FFFD.
fn decode_in(encoding: &'static Encoding, bytes: &[u8], skip: usize) -> (String, Vec<Diagnostic>) {
    let input = &bytes[skip..];
    let mut text = String::with_capacity(input.len() + input.len() / 2);
    let mut damage: Vec<Damage> = Vec::new();
    decode_pieces(encoding, input, true, |piece| match piece {
        Piece::Text(t) => text.push_str(t),
        Piece::Malformed(range) => {
            let (start, end) = (skip + range.start, skip + range.end);
            match damage.last_mut() {
                // Adjacent damage is one run with one U+FFFD.
                Some(last) if last.bytes.end == start && last.at + 3 == text.len() => {
                    last.bytes.end = end;
                }
                _ => {
                    damage.push(Damage { bytes: start..end, at: text.len() });
                    text.push('\u{FFFD}');
                }
            }
        }
    });
    let diagnostics = damage.iter().map(|d| invalid_bytes(d, bytes, encoding)).collect();
    (text, diagnostics)
}

fn invalid_bytes(damage: &Damage, bytes: &[u8], encoding: &'static Encoding) -> Diagnostic {
    const SHOWN: usize = 8;
    let run = &bytes[damage.bytes.clone()];
    let name = encoding.name();
    let mut hex: Vec<String> = run.iter().take(SHOWN).map(|b| format!("0x{b:02X}")).collect();
    if run.len() > SHOWN {
        hex.push("…".into());
    }
    let what = if run.len() == 1 {
        format!(
            "byte {} at byte offset {} is not valid {}; it stands",
            hex.join(" "),
            damage.bytes.start,
            name
        )
    } else {
        format!(
            "{} bytes {} at byte offsets {}–{} are not valid {}; they stand",
            run.len(),
            hex.join(" "),
            damage.bytes.start,
            damage.bytes.end - 1,
            name
        )
    };
    Diagnostic::error(
        Code::InvalidBytes,
        Span::new(damage.at, damage.at + '\u{FFFD}'.len_utf8()),
        format!("{what} as one U+FFFD in the text"),
    )
    .with_hint(
        "the file may be damaged, or in another encoding: if the guess is wrong, name the \
         encoding (gbk, big5, utf-16le …)",
    )
}

/// Refuses decoded text that is binary: a NUL, or too many control characters.
fn refuse_binary(
    text: &str,
    bytes: &[u8],
    encoding: &'static Encoding,
    skip: usize,
) -> Result<(), DecodeError> {
    if text.contains('\0') {
        let offset = if encoding == UTF_16LE || encoding == UTF_16BE {
            (skip..bytes.len().saturating_sub(1))
                .step_by(2)
                .find(|&i| bytes[i] == 0 && bytes[i + 1] == 0)
        } else {
            bytes.iter().position(|&b| b == 0)
        };
        let offset = offset.unwrap_or(skip);
        return Err(DecodeError::Binary { evidence: Evidence::Nul { offset } });
    }
    let (mut count, mut total) = (0, 0);
    for c in text.chars() {
        total += 1;
        if c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0B' | '\x0C' | '\x1B') {
            count += 1;
        }
    }
    // One control character in ten is far beyond any text, however damaged.
    if count * 10 > total {
        return Err(DecodeError::Binary { evidence: Evidence::ControlCharacters { count, total } });
    }
    Ok(())
}
