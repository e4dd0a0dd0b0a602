//! From a path on the command line to a read [`gongwen::Source`].

use std::path::Path;

use gongwen::{ParseOptions, ReadOptions, Source, SourceFormat};

use crate::args::{InputFormat, ReadArgs};
use crate::io::{is_stdio, read_input};

/// Reads and parses one input, as text or XML.
pub fn read_source(
    path: &Path,
    from: Option<InputFormat>,
    args: &ReadArgs,
) -> Result<Source, String> {
    let encoding = match &args.encoding {
        None => None,
        Some(label) => Some(gongwen::encoding_from_label(label).ok_or_else(|| {
            format!(
                "unknown encoding `{label}`; use utf-8, gbk, gb18030, big5, utf-16le or utf-16be"
            )
        })?),
    };
    let bytes = read_input(path, args.max_input.saturating_mul(1024 * 1024))?;
    let format = match from {
        Some(InputFormat::Text) => SourceFormat::Text,
        Some(InputFormat::Xml) => SourceFormat::Xml,
        None if has_extension(path, "xml") || (is_stdio(path) && looks_like_xml(&bytes)) => {
            SourceFormat::Xml
        }
        None => SourceFormat::Text,
    };
    let options = ReadOptions {
        encoding,
        parse: ParseOptions {
            remove_noise: !args.keep_noise,
            normalize: !args.no_normalize,
            simplified: args.simplified,
        },
        source_name: Some(display_name(path)),
    };
    gongwen::read(&bytes, format, &options).map_err(|e| format!("{}: {e}", display_name(path)))
}

/// How an input is named in messages and in the document's meta.
pub fn display_name(path: &Path) -> String {
    if is_stdio(path) { "<stdin>".to_string() } else { path.display().to_string() }
}

/// Whether `path` ends in `.ext`, ignoring case.
pub fn has_extension(path: &Path, ext: &str) -> bool {
    path.extension().is_some_and(|e| e.eq_ignore_ascii_case(ext))
}

fn looks_like_xml(bytes: &[u8]) -> bool {
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let start = text.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(text.len());
    text[start..].starts_with(b"<?xml") || text[start..].starts_with(b"<document")
}
