//! The `gongwen` command.

fn main() {}
