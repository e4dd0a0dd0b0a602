//! gongwen-pdf: under construction.
