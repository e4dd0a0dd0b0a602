//! The ZIP container, checked before any XML is read: what the file really is, whether it
//! is whole, and how much it inflates to. docx-rs inflates every part it reads with no
//! limit and unwraps read errors (a truncated or corrupted part panics), so every part is
//! inflated here first, into nothing, with a cap; only a container that passes is handed
//! to docx-rs.

use std::io::{Cursor, Read};

use crate::DocxError;

/// The most any one part may inflate to. The largest real drafts' `document.xml` are a
/// few MiB; this leaves two orders of magnitude.
pub(crate) const MAX_PART: u64 = 64 << 20;
/// The most all parts together may inflate to.
pub(crate) const MAX_TOTAL: u64 = 256 << 20;
/// The most entries a container may hold.
const MAX_ENTRIES: usize = 10_000;

const OLE_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
const MAIN: &str = "word/document.xml";
const NUMBERING: &str = "word/numbering.xml";

/// What the checked container holds besides what docx-rs reads.
pub(crate) struct Checked {
    /// `word/numbering.xml`, when there is one.
    pub numbering: Option<Vec<u8>>,
}

/// Checks `bytes` and returns the parts this crate reads itself.
pub(crate) fn check(bytes: &[u8]) -> Result<Checked, DocxError> {
    if bytes.starts_with(OLE_MAGIC) {
        // An OLE compound file: a Word 97–2003 or WPS document, or an encrypted OOXML
        // package (Office puts a password-protected .docx in an OLE file).
        let encrypted = contains_utf16(bytes, "EncryptedPackage");
        return Err(if encrypted { DocxError::Encrypted } else { DocxError::Other(Kind::Ole) });
    }
    if bytes.starts_with(b"{\\rtf") {
        return Err(DocxError::Other(Kind::Rtf));
    }
    if !bytes.starts_with(b"PK") {
        return Err(DocxError::NotZip);
    }
    let mut archive =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| DocxError::Damaged(e.to_string()))?;
    if archive.len() > MAX_ENTRIES {
        return Err(DocxError::Damaged(format!("it holds {} entries", archive.len())));
    }
    if let Ok(mut mimetype) = archive.by_name("mimetype") {
        let mut head = Vec::new();
        let _ = (&mut mimetype).take(100).read_to_end(&mut head);
        if head.starts_with(b"application/vnd.oasis.opendocument") {
            return Err(DocxError::Other(Kind::OpenDocument));
        }
    }
    if archive.index_for_name(MAIN).is_none() {
        return Err(DocxError::NoDocument);
    }
    let mut total = 0u64;
    for i in 0..archive.len() {
        let declared = archive.by_index_raw(i).map(|f| f.size()).unwrap_or(0);
        total = total.saturating_add(declared);
        if declared > MAX_PART || total > MAX_TOTAL {
            let name = archive.name_for_index(i).unwrap_or("?").to_string();
            return Err(DocxError::TooLarge { part: name, size: declared.max(total) });
        }
    }
    // Sizes in the headers can lie: inflate every part, capped, and let the CRC check
    // catch truncated or corrupted data.
    let mut numbering = None;
    let mut inflated = 0u64;
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).map_err(|e| DocxError::Damaged(e.to_string()))?;
        let name = file.name().to_string();
        let keep = name == NUMBERING;
        let mut sink = Sink { kept: keep.then(Vec::new), len: 0 };
        let read = std::io::copy(&mut (&mut file).take(MAX_PART + 1), &mut sink);
        if let Err(e) = read {
            return Err(DocxError::Damaged(format!("{name}: {e}")));
        }
        inflated += sink.len;
        if sink.len > MAX_PART || inflated > MAX_TOTAL {
            return Err(DocxError::TooLarge { part: name, size: sink.len.max(inflated) });
        }
        if keep {
            numbering = sink.kept;
        }
    }
    Ok(Checked { numbering })
}

/// Counts what is written to it and keeps it only when asked to.
struct Sink {
    kept: Option<Vec<u8>>,
    len: u64,
}

impl std::io::Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.len += buf.len() as u64;
        if let Some(kept) = &mut self.kept {
            kept.extend_from_slice(buf);
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Whether `bytes` holds `name` in UTF-16LE, as OLE directory entries store names.
fn contains_utf16(bytes: &[u8], name: &str) -> bool {
    let needle: Vec<u8> = name.encode_utf16().flat_map(u16::to_le_bytes).collect();
    bytes.windows(needle.len()).any(|w| w == needle.as_slice())
}

/// A format this crate does not read, named in the error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// An OLE compound file: Word 97–2003 (.doc) or WPS (.wps).
    Ole,
    /// OpenDocument (.odt) and its relatives.
    OpenDocument,
    /// Rich Text Format (.rtf).
    Rtf,
}

impl Kind {
    /// How the error names it.
    pub fn describe(self) -> &'static str {
        match self {
            Kind::Ole => "a Word 97–2003 (.doc) or WPS (.wps) file",
            Kind::OpenDocument => "an OpenDocument (.odt) file",
            Kind::Rtf => "an RTF file",
        }
    }
}
