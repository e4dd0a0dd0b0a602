//! End-to-end tests of the `gongwen` binary: what a user types, what they get back.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

#[path = "cli/explain.rs"]
mod explain;
#[path = "cli/hostile.rs"]
mod hostile;
#[path = "cli/ofd.rs"]
mod ofd;
#[path = "cli/official.rs"]
mod official;

const BIN: &str = env!("CARGO_BIN_EXE_gongwen");

fn samples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../samples")
}

fn gongwen(args: &[&str]) -> Output {
    Command::new(BIN).args(args).stdin(Stdio::null()).output().expect("the binary runs")
}

fn gongwen_with_stdin(args: &[&str], input: &[u8]) -> Output {
    use std::io::Write;
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A failure a user sees: exit status 1, one line starting "error:", no panic.
fn assert_clean_failure(out: &Output, needle: &str) {
    let err = stderr(out);
    assert_eq!(out.status.code(), Some(1), "exit status; stderr: {err}");
    assert!(err.starts_with("error: "), "{err}");
    assert!(err.contains(needle), "expected `{needle}` in: {err}");
    assert!(!err.contains("panicked"), "{err}");
}

fn sample(name: &str) -> String {
    samples().join(name).to_string_lossy().into_owned()
}

#[test]
fn converts_a_sample_to_xml_on_stdout() {
    let out = gongwen(&["convert", &sample("seed-001.txt"), "--to", "xml", "-o", "-"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let xml = String::from_utf8(out.stdout).unwrap();
    assert!(xml.starts_with("<?xml"), "{}", &xml[..xml.len().min(200)]);
    assert!(xml.contains("在机关重点任务部署会后的总结讲话"));
    assert!(xml.contains("<heading"), "headings are written");
    assert!(xml.contains("reason=\"paywall\""), "the paywall line is kept as removed");
}

#[test]
fn same_input_gives_the_same_bytes() {
    let a = gongwen(&["convert", &sample("seed-004.txt"), "--to", "xml", "-o", "-"]);
    let b = gongwen(&["convert", &sample("seed-004.txt"), "--to", "xml", "-o", "-"]);
    assert!(a.status.success());
    assert_eq!(a.stdout, b.stdout);
}

#[test]
fn xml_is_read_back_and_written_again_identically() {
    let dir = tempfile::tempdir().unwrap();
    let first = dir.path().join("first.xml");
    let out = gongwen(&["convert", &sample("seed-002.txt"), "-o", first.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = gongwen(&["convert", first.to_str().unwrap(), "--to", "xml", "-o", "-"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(out.stdout, fs::read(&first).unwrap());
}

#[test]
fn reads_standard_input() {
    let text = "在全县安全生产工作会议上的讲话\n同志们：\n一、提高认识\n今天我们召开会议。\n";
    let out = gongwen_with_stdin(&["convert", "-", "--to", "xml", "-o", "-"], text.as_bytes());
    assert!(out.status.success(), "{}", stderr(&out));
    let xml = String::from_utf8(out.stdout).unwrap();
    assert!(xml.contains("提高认识") && xml.contains("<salutation"), "{xml}");
}

#[test]
fn writes_beside_the_input_or_into_out_dir() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("speech.txt");
    fs::copy(samples().join("seed-000.txt"), &input).unwrap();
    let out = gongwen(&["convert", input.to_str().unwrap(), "--to", "xml"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(dir.path().join("speech.xml").is_file());

    let out_dir = dir.path().join("out/nested");
    let out = gongwen(&[
        "convert",
        &sample("seed-000.txt"),
        &sample("seed-001.txt"),
        "--to",
        "xml",
        "--out-dir",
        out_dir.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(out_dir.join("seed-000.xml").is_file() && out_dir.join("seed-001.xml").is_file());
    let leftovers: Vec<_> = fs::read_dir(&out_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".gongwen-"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left behind: {leftovers:?}");
}

#[test]
fn missing_file_is_a_clear_error() {
    let out = gongwen(&["convert", "no-such-speech.txt", "--to", "xml", "-o", "-"]);
    assert_clean_failure(&out, "no-such-speech.txt: no such file or directory");
}

#[test]
fn directory_input_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = gongwen(&["convert", dir.path().to_str().unwrap(), "--to", "xml", "-o", "-"]);
    assert_clean_failure(&out, "is a directory");
}

#[test]
fn binary_input_is_refused_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("image.txt");
    fs::write(&input, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10").unwrap();
    let output = dir.path().join("image.xml");
    let out = gongwen(&["convert", input.to_str().unwrap(), "-o", output.to_str().unwrap()]);
    assert_clean_failure(&out, "image.txt");
    assert!(!output.exists(), "no output for binary input");
}

#[test]
fn unknown_output_format_is_a_clear_error() {
    let out = gongwen(&["convert", &sample("seed-000.txt"), "-o", "speech.odt"]);
    assert_clean_failure(&out, "cannot tell the format");
    let out = gongwen(&["convert", &sample("seed-000.txt"), "--to", "odt"]);
    assert_eq!(out.status.code(), Some(2), "clap rejects unknown values: {}", stderr(&out));
}

#[test]
fn unwritable_output_directory_is_a_clear_error() {
    let out = gongwen(&["convert", &sample("seed-000.txt"), "-o", "/proc/gongwen-test/out.xml"]);
    assert_clean_failure(&out, "/proc/gongwen-test");
}

#[test]
fn never_overwrites_an_input() {
    let dir = tempfile::tempdir().unwrap();
    let xml = dir.path().join("speech.xml");
    let out = gongwen(&["convert", &sample("seed-000.txt"), "-o", xml.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let before = fs::read(&xml).unwrap();
    let out = gongwen(&["convert", xml.to_str().unwrap(), "-o", xml.to_str().unwrap()]);
    assert_clean_failure(&out, "refusing to overwrite");
    assert_eq!(fs::read(&xml).unwrap(), before);
}

#[test]
fn one_bad_input_does_not_stop_the_others() {
    let dir = tempfile::tempdir().unwrap();
    let out = gongwen(&[
        "convert",
        "missing.txt",
        &sample("seed-002.txt"),
        "--to",
        "xml",
        "--out-dir",
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("converted 1 of 2 inputs"), "{}", stderr(&out));
    assert!(stderr(&out).contains("1 failed"), "{}", stderr(&out));
    assert!(dir.path().join("seed-002.xml").is_file());
}

#[test]
fn check_reports_the_repeated_heading_in_seed_001() {
    let out = gongwen(&["check", &sample("seed-001.txt"), "--format", "json"]);
    let findings: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON output");
    let repeated: Vec<_> =
        findings.as_array().unwrap().iter().filter(|d| d["code"] == "heading-repeated").collect();
    assert_eq!(repeated.len(), 1, "{findings:#}");
    let d = repeated[0];
    assert_eq!(d["line"], 14, "the second （二） stands on line 14: {d}");
    assert!(d["file"].as_str().unwrap().ends_with("seed-001.txt"));
    for key in ["column", "severity", "message", "hint"] {
        assert!(!d[key].is_null(), "{key} missing in {d}");
    }
}

#[test]
fn check_human_output_points_at_the_line() {
    let out = gongwen(&["check", &sample("seed-001.txt")]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("heading-repeated"), "{text}");
    assert!(text.contains("seed-001.txt:14:"), "{text}");
}

#[test]
fn deny_warnings_turns_warnings_into_failure() {
    let plain = gongwen(&["check", &sample("seed-001.txt")]);
    let denied = gongwen(&["check", &sample("seed-001.txt"), "--deny", "warnings"]);
    assert_eq!(denied.status.code(), Some(1));
    assert!(plain.status.code() == Some(0) || plain.status.code() == Some(1));
}

#[test]
fn style_print_is_a_profile_that_reads_back() {
    let out = gongwen(&["style", "--print"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("仿宋_GB2312") && text.contains("[page]"));
    let dir = tempfile::tempdir().unwrap();
    let style = dir.path().join("office.toml");
    fs::write(&style, text.replace("仿宋_GB2312", "方正仿宋_GBK")).unwrap();
    let out = gongwen(&[
        "convert",
        &sample("seed-000.txt"),
        "--style",
        style.to_str().unwrap(),
        "--to",
        "xml",
        "-o",
        "-",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn bad_style_file_names_the_key_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let style = dir.path().join("bad.toml");
    fs::write(&style, "[body]\nsize_pt = 16\nfont_szie = 3\n").unwrap();
    let out = gongwen(&[
        "convert",
        &sample("seed-000.txt"),
        "--style",
        style.to_str().unwrap(),
        "--to",
        "xml",
        "-o",
        "-",
    ]);
    assert_clean_failure(&out, "font_szie");
    assert!(stderr(&out).contains("line 3"), "{}", stderr(&out));
}

#[test]
fn help_has_examples_and_version_prints() {
    let out = gongwen(&["--help"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Examples:") && text.contains("gongwen convert speech.txt"), "{text}");
    let out = gongwen(&["--version"]);
    assert!(String::from_utf8(out.stdout).unwrap().starts_with("gongwen "));
}

#[test]
fn completions_and_man_page_are_generated_from_the_command_line() {
    let out = gongwen(&["completions", "bash"]);
    assert!(out.status.success());
    let script = String::from_utf8(out.stdout).unwrap();
    assert!(script.contains("gongwen") && script.contains("--out-dir"), "{script}");
    let out = gongwen(&["man"]);
    assert!(out.status.success());
    let page = String::from_utf8(out.stdout).unwrap();
    assert!(page.starts_with(".ie") || page.contains(".TH gongwen"), "{}", &page[..200]);
    assert!(page.contains("convert"));
}

#[test]
fn converts_a_folder_to_several_formats_keeping_its_structure() {
    let dir = tempfile::tempdir().unwrap();
    let inbox = dir.path().join("inbox");
    fs::create_dir_all(inbox.join("2022")).unwrap();
    fs::create_dir_all(inbox.join(".hidden")).unwrap();
    fs::copy(samples().join("seed-000.txt"), inbox.join("speech.txt")).unwrap();
    fs::copy(samples().join("seed-001.txt"), inbox.join("2022/speech.txt")).unwrap();
    fs::copy(samples().join("seed-002.txt"), inbox.join(".hidden/skip.txt")).unwrap();
    fs::write(inbox.join("notes.pdf"), "not an input").unwrap();
    let out_dir = dir.path().join("out");
    let out = gongwen(&[
        "convert",
        inbox.to_str().unwrap(),
        "--to",
        "xml,docx",
        "--out-dir",
        out_dir.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    for name in ["speech.xml", "speech.docx", "2022/speech.xml", "2022/speech.docx"] {
        assert!(out_dir.join(name).is_file(), "{name} missing");
    }
    assert!(!out_dir.join("skip.xml").exists() && !out_dir.join(".hidden").exists());
    assert!(stderr(&out).contains("converted 2 of 2 inputs"), "{}", stderr(&out));
}

#[test]
fn a_folder_batch_takes_word_and_markdown_drafts_too() {
    let dir = tempfile::tempdir().unwrap();
    let inbox = dir.path().join("inbox");
    fs::create_dir_all(&inbox).unwrap();
    fs::copy(samples().join("seed-000.txt"), inbox.join("speech.txt")).unwrap();
    // A Word draft: the sample as gongwen's own DOCX, read back by the DOCX reader.
    let word = gongwen(&[
        "convert",
        samples().join("seed-001.txt").to_str().unwrap(),
        "-o",
        inbox.join("draft.docx").to_str().unwrap(),
    ]);
    assert!(word.status.success(), "{}", stderr(&word));
    fs::write(inbox.join("notes.md"), "# 关于开展安全检查的通知\n\n## 检查范围\n\n全县各企业。\n")
        .unwrap();
    fs::write(inbox.join("notes.rtf"), "{\\rtf1 not an input}").unwrap();
    let out_dir = dir.path().join("out");
    let out = gongwen(&[
        "convert",
        inbox.to_str().unwrap(),
        "--to",
        "xml",
        "--out-dir",
        out_dir.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("converted 3 of 3 inputs"), "{}", stderr(&out));
    let md = fs::read_to_string(out_dir.join("notes.xml")).unwrap();
    assert!(md.contains("关于开展安全检查的通知") && md.contains("一、"), "{md}");
    let docx = fs::read_to_string(out_dir.join("draft.xml")).unwrap();
    let txt = gongwen(&[
        "convert",
        samples().join("seed-001.txt").to_str().unwrap(),
        "--to",
        "xml",
        "-o",
        "-",
    ]);
    // The DOCX draft reads like its text: the same headings, labels and levels (the DOCX
    // holds the canonical labels, so the typed ones are not compared).
    let headings = |xml: &str| -> Vec<String> {
        xml.lines()
            .filter(|l| l.trim_start().starts_with("<heading"))
            .map(|l| match (l.find(" source-label=\""), l.find("\" run-in")) {
                (Some(a), Some(b)) if a < b => format!("{}{}", &l[..a], &l[b + 1..]),
                _ => l.to_string(),
            })
            .collect()
    };
    let want = headings(&String::from_utf8_lossy(&txt.stdout));
    assert!(!want.is_empty());
    assert_eq!(headings(&docx), want);
    assert!(out_dir.join("speech.xml").is_file());
    let outputs = fs::read_dir(&out_dir).unwrap().count();
    assert_eq!(outputs, 3, "the .rtf is not an input");
}

#[test]
fn same_names_from_different_folders_do_not_collide() {
    let dir = tempfile::tempdir().unwrap();
    for sub in ["a", "b"] {
        fs::create_dir_all(dir.path().join(sub)).unwrap();
        fs::copy(samples().join("seed-000.txt"), dir.path().join(sub).join("speech.txt")).unwrap();
    }
    let out_dir = dir.path().join("out");
    let a = dir.path().join("a/speech.txt");
    let b = dir.path().join("b/speech.txt");
    let out = gongwen(&[
        "convert",
        a.to_str().unwrap(),
        b.to_str().unwrap(),
        "--to",
        "xml",
        "--out-dir",
        out_dir.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(out_dir.join("speech.xml").is_file() && out_dir.join("speech-2.xml").is_file());
    // Re-running overwrites the same outputs rather than adding more.
    let again = gongwen(&[
        "convert",
        a.to_str().unwrap(),
        b.to_str().unwrap(),
        "--to",
        "xml",
        "--out-dir",
        out_dir.to_str().unwrap(),
    ]);
    assert!(again.status.success());
    assert_eq!(fs::read_dir(&out_dir).unwrap().count(), 2);
}

#[test]
fn source_date_epoch_must_be_a_number() {
    let out = Command::new(BIN)
        .args(["convert", &sample("seed-000.txt"), "--to", "xml", "-o", "-"])
        .env("SOURCE_DATE_EPOCH", "yesterday")
        .output()
        .unwrap();
    assert_clean_failure(&out, "SOURCE_DATE_EPOCH");
}

#[test]
fn gbk_input_with_a_bad_byte_is_reported_once_with_its_offset() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("notice.txt");
    // "关于召开会议的通知\n各单位：" in GBK, with one byte that is not valid GBK.
    let mut bytes = vec![
        0xB9, 0xD8, 0xD3, 0xDA, 0xD5, 0xD9, 0xBF, 0xAA, 0xBB, 0xE1, 0xD2, 0xE9, 0xB5, 0xC4, 0xCD,
        0xA8, 0xD6, 0xAA, b'\n', 0xB8, 0xF7, 0xB5, 0xA5, 0xCE, 0xBB, 0xA3, 0xBA, b'\n',
    ];
    bytes.extend([0xC7, 0xEB, 0xFF, 0xB2, 0xCE, 0xBC, 0xD3, 0xA1, 0xA3, b'\n']);
    fs::write(&input, &bytes).unwrap();
    let out = gongwen(&["check", input.to_str().unwrap(), "--format", "json"]);
    assert_eq!(out.status.code(), Some(1), "an undecodable byte is an error");
    let findings: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let bad: Vec<_> = findings
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "invalid-bytes" || d["code"] == "mojibake")
        .collect();
    assert_eq!(bad.len(), 1, "{findings:#}");
    assert!(bad[0]["message"].as_str().unwrap().contains("offset 30"), "{}", bad[0]);
    assert_eq!(bad[0]["line"], 3);
    let xml = gongwen(&["convert", input.to_str().unwrap(), "--to", "xml", "-o", "-"]);
    let xml = String::from_utf8(xml.stdout).unwrap();
    assert!(xml.contains("关于召开会议的通知") && xml.contains("encoding=\"gb18030\""), "{xml}");
}

#[test]
fn pdf_output_embeds_its_fonts_and_reads_back_as_text() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("speech.pdf");
    let out = gongwen(&["convert", &sample("seed-000.txt"), "-o", pdf.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let bytes = fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    let text = Command::new("pdftotext").arg(&pdf).arg("-").output().expect("pdftotext runs");
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.contains("县长在四季度县政府班子碰头会上的讲话"), "{text}");
    let squeezed: String = text.chars().filter(|c| *c != ' ').collect();
    assert!(squeezed.contains("—1—") && squeezed.contains("—2—"), "page numbers: {text}");
}

#[test]
fn a_missing_font_dir_is_a_clear_error() {
    let out = gongwen(&[
        "convert",
        &sample("seed-000.txt"),
        "--to",
        "pdf",
        "--font-dir",
        "/no/such/fonts",
        "-o",
        "-",
    ]);
    assert_clean_failure(&out, "/no/such/fonts");
}

#[test]
fn check_counts_what_repair_changed_and_removed() {
    let out = gongwen(&["check", &sample("seed-003.txt")]);
    let text = String::from_utf8(out.stdout).unwrap();
    let line = text.lines().find(|l| l.contains("repaired:")).unwrap_or_else(|| panic!("{text}"));
    assert!(line.contains(" punctuation"), "{line}");
    assert!(line.contains("removed: 1 duplicate, 120 pinyin"), "{line}");
    assert!(!text.contains("note[repaired]"), "changes are listed only with --verbose");
}

#[test]
fn check_verbose_lists_every_change_with_its_place() {
    let input = "同志们:\n他强调,要\"马上就办\"...真抓实干。\n";
    let out =
        gongwen_with_stdin(&["check", "-", "--verbose", "--format", "json"], input.as_bytes());
    let findings: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON output");
    let repaired: Vec<_> =
        findings.as_array().unwrap().iter().filter(|d| d["code"] == "repaired").collect();
    // ":" and "," widened, two quotes paired, "..." made "……".
    assert_eq!(repaired.len(), 5, "{findings:#}");
    let quote = repaired.iter().find(|d| d["message"].as_str().unwrap().starts_with("quotes"));
    let quote = quote.expect("a quote change");
    assert_eq!((quote["line"].as_u64(), quote["column"].as_u64()), (Some(2), Some(6)), "{quote}");
    for d in &repaired {
        assert_eq!(d["severity"], "note");
        for key in ["file", "line", "column", "message", "hint"] {
            assert!(!d[key].is_null(), "{key} missing in {d}");
        }
    }
    let human = gongwen_with_stdin(&["check", "-", "--verbose"], input.as_bytes());
    let text = String::from_utf8(human.stdout).unwrap();
    assert!(text.contains("note[repaired]") && text.contains("<stdin>:2:6"), "{text}");
    assert!(text.contains("repaired: 2 punctuation, 2 quotes, 1 ellipsis"), "{text}");
}

#[test]
fn no_normalize_keeps_punctuation_and_simplified_converts() {
    let xml = |args: &[&str]| {
        let mut all = vec!["convert", "-", "--from", "text", "--to", "xml", "-o", "-"];
        all.extend_from_slice(args);
        let out = gongwen_with_stdin(
            &all,
            "縣委工作會上的發言稿\n同志們:\n今天開會,\"馬上就辦\"。\n".as_bytes(),
        );
        assert!(out.status.success(), "{}", stderr(&out));
        String::from_utf8(out.stdout).unwrap()
    };
    let normal = xml(&[]);
    assert!(normal.contains("今天開會，“馬上就辦”。"), "{normal}");
    let kept = xml(&["--no-normalize"]);
    assert!(
        kept.contains("今天開會,&quot;馬上就辦&quot;。")
            || kept.contains("今天開會,\"馬上就辦\"。"),
        "{kept}"
    );
    let simple = xml(&["--simplified"]);
    assert!(
        simple.contains("县委工作会上的发言稿") && simple.contains("今天开会，“马上就办”。"),
        "{simple}"
    );
    let check = gongwen(&["check", &sample("seed-004.txt"), "--simplified"]);
    let text = String::from_utf8(check.stdout).unwrap();
    assert!(text.contains(" simplified"), "{text}");
}

#[test]
fn fix_numbers_applies_checks_date_and_range_fixes_as_repairs() {
    let input =
        "关于召开会议的通知\n各单位：\n定于二〇二二年一月五日召开，1-9月工作总结。\n".as_bytes();
    let xml = |extra: &[&str]| {
        let args = [&["convert", "-", "--from", "text", "--to", "xml", "-o", "-"], extra].concat();
        let out = gongwen_with_stdin(&args, input);
        assert!(out.status.success(), "{}", stderr(&out));
        String::from_utf8(out.stdout).unwrap()
    };
    let plain = xml(&[]);
    assert!(plain.contains("二〇二二年一月五日召开，1-9月"), "{plain}");
    let fixed = xml(&["--fix-numbers"]);
    assert!(fixed.contains("定于2022年1月5日召开，1—9月工作总结。"), "{fixed}");
    // check tells them as findings without the option, as repairs with it.
    let out = gongwen_with_stdin(&["check", "-", "--verbose"], input);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("chinese-numeral-date") || text.contains("Chinese numerals"), "{text}");
    let out = gongwen_with_stdin(&["check", "-", "--verbose", "--fix-numbers"], input);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("1 date, 1 range"), "{text}");
    assert!(!text.contains("written in Chinese numerals"), "{text}");
}

#[test]
fn encoded_copies_give_the_same_tree_as_the_utf8_originals() {
    // GBK, GB18030, UTF-16LE with a BOM, and Big5 (HKSCS) copies of the samples.
    let copies = [
        ("seed-000.txt", "encodings/seed-000.gbk.txt", "gb18030"),
        ("seed-001.txt", "encodings/seed-001.gb18030.txt", "gb18030"),
        ("seed-002.txt", "encodings/seed-002.utf16le.txt", "UTF-16LE"),
        ("seed-003.txt", "encodings/seed-003.big5.txt", "Big5"),
        ("seed-004.txt", "encodings/seed-004.big5.txt", "Big5"),
    ];
    // The tree without its meta line (source name and encoding differ by design).
    let tree = |name: &str| {
        let out = gongwen(&["convert", &sample(name), "--to", "xml", "-o", "-"]);
        assert!(out.status.success(), "{name}: {}", stderr(&out));
        let xml = String::from_utf8(out.stdout).unwrap();
        let meta = xml.lines().find(|l| l.trim_start().starts_with("<meta")).unwrap().to_string();
        (xml.replace(&meta, ""), meta)
    };
    for (original, copy, encoding) in copies {
        let (expected, _) = tree(original);
        let (actual, meta) = tree(copy);
        assert_eq!(actual, expected, "{copy} reads differently from {original}");
        assert!(meta.contains(&format!("encoding=\"{encoding}\"")), "{copy}: {meta}");
    }
}
