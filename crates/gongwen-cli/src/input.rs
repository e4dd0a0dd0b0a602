//! From a path on the command line to a read [`gongwen::Source`].

use std::path::Path;

use gongwen::{ReadOptions, Source, SourceFormat};

use crate::args::{InputFormat, ReadArgs};
use crate::io::{is_stdio, read_input};

/// Reads and parses one input: text, XML, DOCX or Markdown.
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
        Some(InputFormat::Docx) => SourceFormat::Docx,
        Some(InputFormat::Md) => SourceFormat::Markdown,
        None => {
            let extension = path.extension().map(|e| e.to_string_lossy());
            let extension = if is_stdio(path) { None } else { Some(extension.unwrap_or_default()) };
            gongwen::detect(&bytes, extension.as_deref())
        }
    };
    let options = ReadOptions {
        encoding,
        parse: args.parse_options(),
        source_name: Some(display_name(path)),
        official: args.official.options(),
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
