//! gongwen-decode: under construction.
