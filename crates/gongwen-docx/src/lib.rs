//! gongwen-docx: under construction.
