//! gongwen-layout: under construction.
