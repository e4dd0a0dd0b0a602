//! The OFD container: a zip with fixed timestamps and entries in the order given, so the
//! same parts give the same bytes. Written here rather than with the `zip` crate, whose
//! deflate goes through flate2 (zlib-rs); libdeflate, which the PDF writer already uses,
//! compresses whole buffers 1.6× faster at level 6 and smaller, and the font programs
//! are most of every file.

use std::cell::RefCell;

use libdeflater::{CompressionLvl, Compressor};

/// MS-DOS date of 1980-01-01, the earliest a zip can say; time 00:00.
const DOS_DATE: u16 = (1 << 5) | 1;

/// Builds the archive entry by entry.
pub(crate) struct Zip {
    out: Vec<u8>,
    /// (name, crc, method, compressed size, size, offset of the local header).
    entries: Vec<(String, u32, u16, u32, u32, u32)>,
}

/// The compressors (level 6 for the XML parts, a faster level for the font programs, see
/// [`Level`]) and their output buffer, kept for the next entry and the next file on this
/// thread: fresh ones cost newly mapped pages every time.
struct Deflate {
    compressors: [Compressor; 2],
    packed: Vec<u8>,
}

thread_local! {
    static DEFLATE: RefCell<Deflate> = RefCell::new(Deflate {
        compressors: [6, FONT_LEVEL]
            .map(|n| Compressor::new(CompressionLvl::new(n).unwrap_or_default())),
        packed: Vec::new(),
    });
}

/// How hard to compress an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Level {
    /// The XML parts: small, and they shrink a lot.
    Text,
    /// The font programs: most of the file. Level 1 makes seed-002's OFD 249,819 bytes
    /// against 246,040 at level 6, in a fraction of the time.
    Font,
}

const FONT_LEVEL: i32 = 1;

impl Zip {
    pub(crate) fn new(capacity: usize) -> Zip {
        Zip { out: Vec::with_capacity(capacity), entries: Vec::new() }
    }

    /// Adds `data` as `name`, deflated unless that would make it larger.
    pub(crate) fn add(&mut self, name: &str, data: &[u8], level: Level) {
        deflate(data, level, |method, body| {
            self.entry(name, libdeflater::crc32(data), method, data.len(), body)
        });
    }

    /// Adds an entry packed before, as `name`.
    pub(crate) fn add_packed(&mut self, name: &str, packed: &Packed) {
        self.entry(name, packed.crc, packed.method, packed.size as usize, &packed.body);
    }

    /// Writes the local header and `body`, data of `size` bytes and checksum `crc` as
    /// stored with `method`.
    fn entry(&mut self, name: &str, crc: u32, method: u16, size: usize, body: &[u8]) {
        let offset = self.out.len() as u32;
        let o = &mut self.out;
        o.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        header(o, method, crc, body.len() as u32, size as u32, name);
        o.extend_from_slice(&0u16.to_le_bytes()); // no extra field
        o.extend_from_slice(name.as_bytes());
        o.extend_from_slice(body);
        self.entries.push((name.to_string(), crc, method, body.len() as u32, size as u32, offset));
    }

    /// Writes the central directory and returns the archive.
    pub(crate) fn finish(mut self) -> Vec<u8> {
        let start = self.out.len() as u32;
        let o = &mut self.out;
        for (name, crc, method, packed, size, offset) in &self.entries {
            o.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
            o.extend_from_slice(&20u16.to_le_bytes()); // made by: MS-DOS, zip 2.0
            header(o, *method, *crc, *packed, *size, name);
            o.extend_from_slice(&[0; 8]); // extra, comment, disk, internal attributes
            o.extend_from_slice(&0u32.to_le_bytes()); // external attributes
            o.extend_from_slice(&offset.to_le_bytes());
            o.extend_from_slice(name.as_bytes());
        }
        let size = self.out.len() as u32 - start;
        let n = self.entries.len() as u16;
        let o = &mut self.out;
        o.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
        o.extend_from_slice(&[0; 4]); // this disk, the disk the directory starts on
        o.extend_from_slice(&n.to_le_bytes());
        o.extend_from_slice(&n.to_le_bytes());
        o.extend_from_slice(&size.to_le_bytes());
        o.extend_from_slice(&start.to_le_bytes());
        o.extend_from_slice(&0u16.to_le_bytes());
        self.out
    }
}

/// An entry's data compressed ahead of its place in the archive: a page's Content.xml as
/// it arrives, so that a long document's pages are held at a fraction of their size.
pub(crate) struct Packed {
    crc: u32,
    method: u16,
    size: u32,
    body: Vec<u8>,
}

impl Packed {
    /// How many bytes it takes in the archive.
    pub(crate) fn len(&self) -> usize {
        self.body.len()
    }
}

/// `data` packed as [`Zip::add`] would write it.
pub(crate) fn pack(data: &[u8], level: Level) -> Packed {
    let crc = libdeflater::crc32(data);
    deflate(data, level, |method, body| Packed {
        crc,
        method,
        size: data.len() as u32,
        body: body.to_vec(),
    })
}

/// Hands `f` the method and the body of `data`: deflated at `level`, or stored when
/// deflating would make it larger.
fn deflate<R>(data: &[u8], level: Level, f: impl FnOnce(u16, &[u8]) -> R) -> R {
    DEFLATE.with_borrow_mut(|d| {
        let compressor = &mut d.compressors[usize::from(level == Level::Font)];
        let bound = compressor.deflate_compress_bound(data.len());
        if d.packed.len() < bound {
            d.packed.resize(bound, 0);
        }
        let n = compressor.deflate_compress(data, &mut d.packed).unwrap_or(usize::MAX);
        if n < data.len() { f(8, &d.packed[..n]) } else { f(0, data) }
    })
}

/// The fields local and central headers share, up to the name's length.
fn header(o: &mut Vec<u8>, method: u16, crc: u32, packed: u32, size: u32, name: &str) {
    o.extend_from_slice(&20u16.to_le_bytes()); // version needed: 2.0
    // Bit 11: the name is UTF-8.
    let flags: u16 = if name.is_ascii() { 0 } else { 1 << 11 };
    o.extend_from_slice(&flags.to_le_bytes());
    o.extend_from_slice(&method.to_le_bytes());
    o.extend_from_slice(&0u16.to_le_bytes());
    o.extend_from_slice(&DOS_DATE.to_le_bytes());
    o.extend_from_slice(&crc.to_le_bytes());
    o.extend_from_slice(&packed.to_le_bytes());
    o.extend_from_slice(&size.to_le_bytes());
    o.extend_from_slice(&(name.len() as u16).to_le_bytes());
}
