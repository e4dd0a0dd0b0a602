//! Damaged and foreign input: a clear error, never a panic, bounded work and memory.

use std::io::Write;
use std::process::Command;

use gongwen_parse::{ParseOptions, parse};
use gongwen_parse_docx::{DocxError, Kind, read};

fn sample_docx() -> Vec<u8> {
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../samples/seed-000.txt"))
            .expect("sample");
    let doc = parse(&text, &ParseOptions::default()).document;
    gongwen_docx::docx(&doc, &Default::default(), &Default::default()).expect("docx")
}

fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, data) in entries {
        zip.start_file(*name, zip::write::SimpleFileOptions::default()).expect("entry");
        zip.write_all(data).expect("write");
    }
    zip.finish().expect("finish").into_inner()
}

#[test]
fn a_truncated_file_is_an_error_wherever_it_is_cut() {
    let whole = sample_docx();
    assert!(read(&whole, &ParseOptions::default()).is_ok());
    for cut in (0..whole.len()).step_by(whole.len() / 40 + 1).skip(1) {
        let result = read(&whole[..cut], &ParseOptions::default());
        assert!(
            matches!(result, Err(DocxError::Damaged(_) | DocxError::NotZip)),
            "cut at {cut}: {result:?}"
        );
    }
    let message =
        read(&whole[..whole.len() / 2], &ParseOptions::default()).unwrap_err().to_string();
    assert!(message.contains("damaged or truncated"), "{message}");
}

#[test]
fn a_zip_without_a_word_document_is_named_as_such() {
    let bytes = zip_of(&[("readme.txt", b"hello")]);
    let error = read(&bytes, &ParseOptions::default()).unwrap_err();
    assert!(matches!(error, DocxError::NoDocument), "{error:?}");
    assert!(error.to_string().contains("word/document.xml"));
    let odt = zip_of(&[
        ("mimetype", b"application/vnd.oasis.opendocument.text"),
        ("content.xml", b"<x/>"),
    ]);
    let error = read(&odt, &ParseOptions::default()).unwrap_err();
    assert!(matches!(error, DocxError::Other(Kind::OpenDocument)), "{error:?}");
    assert!(error.to_string().contains("soffice --headless --convert-to docx"), "{error}");
}

#[test]
fn old_word_and_rtf_files_name_the_way_out() {
    // The OLE compound-file signature a .doc or .wps starts with.
    let mut doc = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    doc.resize(4096, 0);
    let error = read(&doc, &ParseOptions::default()).unwrap_err();
    assert!(matches!(error, DocxError::Other(Kind::Ole)), "{error:?}");
    assert!(error.to_string().contains("save it as .docx"));
    let error = read(b"{\\rtf1\\ansi hello}", &ParseOptions::default()).unwrap_err();
    assert!(matches!(error, DocxError::Other(Kind::Rtf)), "{error:?}");
}

/// A password-protected file made by msoffcrypto-tool, which encrypts as Office does.
#[test]
fn a_password_protected_file_is_named_as_such() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (plain, encrypted) = (dir.path().join("plain.docx"), dir.path().join("encrypted.docx"));
    std::fs::write(&plain, sample_docx()).expect("write");
    let output = Command::new("msoffcrypto-tool")
        .args(["-e", "-p", "secret"])
        .args([&plain, &encrypted])
        .output()
        .expect("msoffcrypto-tool must be installed: pip install msoffcrypto-tool");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let bytes = std::fs::read(&encrypted).expect("read");
    let error = read(&bytes, &ParseOptions::default()).unwrap_err();
    assert!(matches!(error, DocxError::Encrypted), "{error:?}");
    assert!(error.to_string().contains("password"));
}

/// 1 GiB of zeros as word/document.xml, deflated to about 10 MiB: refused from its declared
/// size, and again when the header lies about the size (then inflating stops at the cap).
#[test]
fn a_zip_bomb_is_refused() {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(1));
    zip.start_file("[Content_Types].xml", options).expect("entry");
    zip.write_all(b"<Types/>").expect("write");
    zip.start_file("word/document.xml", options).expect("entry");
    let chunk = vec![b' '; 1 << 20];
    for _ in 0..1024 {
        zip.write_all(&chunk).expect("write");
    }
    let mut bomb = zip.finish().expect("finish").into_inner();
    assert!(bomb.len() < 16 << 20, "the bomb is small: {} bytes", bomb.len());
    let error = read(&bomb, &ParseOptions::default()).unwrap_err();
    assert!(matches!(error, DocxError::TooLarge { .. }), "{error:?}");
    assert!(error.to_string().contains("word/document.xml"), "{error}");

    // The same bomb with its sizes in the local and central headers set to 100 bytes.
    let patch = |bomb: &mut Vec<u8>, signature: [u8; 4], size_at: usize| {
        let mut i = 0;
        while let Some(found) = bomb[i..].windows(4).position(|w| w == signature) {
            let at = i + found;
            let name_len = u16::from_le_bytes([
                bomb[at + if signature[2] == 1 { 28 } else { 26 }],
                bomb[at + if signature[2] == 1 { 29 } else { 27 }],
            ]);
            let name_at = at + if signature[2] == 1 { 46 } else { 30 };
            if bomb.get(name_at..name_at + name_len as usize)
                == Some(b"word/document.xml".as_slice())
            {
                bomb[at + size_at..at + size_at + 4].copy_from_slice(&100u32.to_le_bytes());
            }
            i = at + 4;
        }
    };
    patch(&mut bomb, [0x50, 0x4B, 0x03, 0x04], 22);
    patch(&mut bomb, [0x50, 0x4B, 0x01, 0x02], 24);
    let error = read(&bomb, &ParseOptions::default()).unwrap_err();
    assert!(matches!(error, DocxError::TooLarge { .. } | DocxError::Damaged(_)), "{error:?}");
}
