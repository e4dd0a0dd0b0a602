//! gongwen-xml: under construction.
