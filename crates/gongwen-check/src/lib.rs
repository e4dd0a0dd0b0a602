//! gongwen-check: under construction.
