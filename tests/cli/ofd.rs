//! OFD from the command line: by extension, by --to, and the same bytes each time.

use super::{gongwen, sample};

#[test]
fn writes_ofd_by_extension_and_by_to() {
    let dir = tempfile::tempdir().unwrap();
    let by_name = dir.path().join("speech.ofd");
    let out = gongwen(&["convert", &sample("seed-002.txt"), "-o", by_name.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let bytes = std::fs::read(&by_name).unwrap();
    assert!(bytes.starts_with(b"PK\x03\x04"), "a zip");
    assert!(bytes.windows(7).any(|w| w == b"OFD.xml"), "its entry part");
    let out = gongwen(&["convert", &sample("seed-002.txt"), "--to", "ofd", "-o", "-"]);
    assert!(out.status.success());
    assert_eq!(out.stdout, bytes, "same input, same bytes");
}
