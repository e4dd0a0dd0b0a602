//! The official-copy options: a speech set as an official copy without editing it, the
//! options winning over the text and `check` saying so, and a speech without them
//! rendered byte for byte as the library renders it.

use super::{gongwen, sample, stderr};

/// The document XML of `docx` bytes.
fn document_xml(docx: &[u8]) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("a DOCX");
    let mut part = zip.by_name("word/document.xml").expect("document part");
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut part, &mut xml).expect("UTF-8");
    xml
}

#[test]
fn options_make_a_speech_an_official_copy() {
    let out = gongwen(&[
        "convert",
        &sample("seed-001.txt"),
        "--to",
        "xml",
        "-o",
        "-",
        "--issuer",
        "某市人民政府文件",
        "--number",
        "某政发〔2024〕3号",
        "--cc",
        "市委办公室。",
        "--printed",
        "某市人民政府办公室 2024年3月2日",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let xml = String::from_utf8(out.stdout).unwrap();
    for part in ["<issuer", "某市人民政府", "<number", "某政发〔2024〕3号", "<cc", "<printed"]
    {
        assert!(xml.contains(part), "{part} in the tree");
    }
    let out = gongwen(&[
        "convert",
        &sample("seed-001.txt"),
        "--to",
        "docx",
        "-o",
        "-",
        "--issuer",
        "某市人民政府文件",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(document_xml(&out.stdout).contains("IssuerMark"), "the red issuer mark");
}

#[test]
fn options_win_over_the_text_and_check_says_so() {
    let args = ["--number", "某政发〔2024〕99号", "--signer", "王五"];
    let out = gongwen(&[&["check", &sample("official-001.txt")][..], &args].concat());
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(report.contains("option-override") || report.contains("--number replaces"), "{report}");
    assert!(report.contains("某政发〔2024〕12号"), "names the replaced number: {report}");
    let out = gongwen(
        &[&["convert", &sample("official-001.txt"), "--to", "xml", "-o", "-"][..], &args].concat(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("--number replaces"), "convert tells too: {}", stderr(&out));
    let xml = String::from_utf8(out.stdout).unwrap();
    assert!(xml.contains("某政发〔2024〕99号") && !xml.contains("某政发〔2024〕12号"));
    assert!(xml.contains("王五"));
}

#[test]
fn a_speech_without_options_renders_as_the_library_renders_it() {
    let path = sample("seed-000.txt");
    let text = std::fs::read(&path).unwrap();
    for (format, library) in [("docx", gongwen::Format::Docx), ("xml", gongwen::Format::Xml)] {
        let out = gongwen(&["convert", &path, "--to", format, "-o", "-"]);
        assert!(out.status.success(), "{}", stderr(&out));
        let mut options = gongwen::Options::default();
        options.read.source_name = Some(path.clone());
        let want = gongwen::convert(&text, library, &options).expect("renders").bytes;
        assert!(out.stdout == want, "{format}: the same bytes without official options");
    }
}

#[test]
fn a_seal_that_is_no_png_stops_the_run_before_anything_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let seal = dir.path().join("seal.png");
    std::fs::write(&seal, b"GIF89a not a PNG").unwrap();
    let out_pdf = dir.path().join("out.pdf");
    let out = gongwen(&[
        "convert",
        &sample("official-001.txt"),
        "--seal",
        seal.to_str().unwrap(),
        "-o",
        out_pdf.to_str().unwrap(),
    ]);
    super::assert_clean_failure(&out, "seal.png: --seal: not a readable PNG image");
    assert!(!out_pdf.exists(), "nothing written");
    let missing = dir.path().join("missing.png");
    let out = gongwen(&[
        "convert",
        &sample("official-001.txt"),
        "--seal",
        missing.to_str().unwrap(),
        "-o",
        out_pdf.to_str().unwrap(),
    ]);
    super::assert_clean_failure(&out, "missing.png");
    assert!(!out_pdf.exists(), "nothing written");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "only the seal file");
}
