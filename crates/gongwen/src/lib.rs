//! gongwen (公文): Chinese official speeches and documents, from plain text to GB/T 9704-2012
//! DOCX, PDF or XML.

pub use gongwen_ast as ast;
pub use gongwen_parse::{ParseOptions, Parsed, parse};
pub use gongwen_style::StyleProfile;
