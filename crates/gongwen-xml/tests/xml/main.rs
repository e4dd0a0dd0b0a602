//! Integration tests of gongwen-xml, one binary.

mod cases;
mod generate;
mod roundtrip;
mod samples;
mod schema;
