//! gongwen-fonts: under construction.
