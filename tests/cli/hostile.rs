//! What a hostile or unlucky user does to the command: special files and links at the
//! output path, modes, link loops in a batch folder, unreadable folders, absurd `-j`,
//! full standard output, stale temporaries, endless input.

use std::fs;
use std::os::unix::fs::{FileTypeExt, PermissionsExt, symlink};
use std::path::Path;
use std::process::{Command, Stdio};

use super::{BIN, assert_clean_failure, gongwen, sample, stderr};

fn mode(path: &Path) -> u32 {
    fs::metadata(path).unwrap().permissions().mode() & 0o777
}

fn is_root() -> bool {
    // Root reads a chmod-000 folder; everyone else does not.
    let dir = tempfile::tempdir().unwrap();
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o000)).unwrap();
    let readable = fs::read_dir(dir.path()).is_ok();
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o700)).unwrap();
    readable
}

/// Converts the folder `inbox` to XML in `out` beside it.
fn batch_to_xml(inbox: &Path) -> (std::path::PathBuf, std::process::Output) {
    let out_dir = inbox.with_file_name("out");
    let args = ["convert", inbox.to_str().unwrap(), "--to", "xml", "--out-dir"];
    let out = gongwen(&[&args[..], &[out_dir.to_str().unwrap()]].concat());
    (out_dir, out)
}

#[test]
fn dev_stdout_into_a_pipe_is_written_into() {
    // /dev/stdout → /proc/self/fd/1 → "pipe:[N]", a link no name follows.
    let out = gongwen(&["convert", &sample("seed-001.txt"), "--to", "xml", "-o", "/dev/stdout"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let xml = String::from_utf8(out.stdout).unwrap();
    assert!(xml.starts_with("<?xml") && xml.contains("<title>"), "{xml}");
}

#[test]
fn a_fifo_at_the_output_path_is_written_into_not_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.xml");
    let made = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo runs");
    assert!(made.success());
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || fs::read(fifo).unwrap())
    };
    let out = gongwen(&["convert", &sample("seed-000.txt"), "-o", fifo.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let read = reader.join().unwrap();
    assert!(read.starts_with(b"<?xml"), "the reader got the XML");
    assert!(fs::metadata(&fifo).unwrap().file_type().is_fifo(), "still a FIFO");
}

/// A character device to write into: a fresh node in `dir` as root (so that a regression
/// could never replace the system's /dev/null or /dev/full), else the system's, which
/// nobody but root can replace.
fn device(dir: &Path, name: &str, minor: u32) -> std::path::PathBuf {
    let node = dir.join(name);
    let made = Command::new("mknod").arg(&node).args(["c", "1", &minor.to_string()]).output();
    if made.is_ok_and(|o| o.status.success()) { node } else { Path::new("/dev").join(name) }
}

#[test]
fn character_devices_are_written_as_they_are() {
    let dir = tempfile::tempdir().unwrap();
    let null = device(dir.path(), "null", 3);
    let out =
        gongwen(&["convert", &sample("seed-000.txt"), "--to", "xml", "-o", null.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(fs::metadata(&null).unwrap().file_type().is_char_device());
    let full = device(dir.path(), "full", 7);
    let out =
        gongwen(&["convert", &sample("seed-000.txt"), "--to", "xml", "-o", full.to_str().unwrap()]);
    assert_clean_failure(&out, "no space left on device");
    assert!(fs::metadata(&full).unwrap().file_type().is_char_device());
}

#[test]
fn a_symlink_at_the_output_path_is_written_through_and_stays_a_link() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("real.xml");
    fs::write(&target, "old").unwrap();
    let link = dir.path().join("link.xml");
    symlink("real.xml", &link).unwrap();
    let out = gongwen(&["convert", &sample("seed-000.txt"), "-o", link.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(fs::symlink_metadata(&link).unwrap().file_type().is_symlink(), "still a link");
    assert!(fs::read(&target).unwrap().starts_with(b"<?xml"), "its target was written");

    // A dangling link creates the file it names; a link to an input is refused.
    let dangling = dir.path().join("dangling.xml");
    symlink("new.xml", &dangling).unwrap();
    let out = gongwen(&["convert", &sample("seed-000.txt"), "-o", dangling.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(dir.path().join("new.xml").is_file());
    let input = dir.path().join("in.xml");
    fs::copy(&target, &input).unwrap();
    let to_input = dir.path().join("to-input.xml");
    symlink(&input, &to_input).unwrap();
    let out = gongwen(&["convert", input.to_str().unwrap(), "-o", to_input.to_str().unwrap()]);
    assert_clean_failure(&out, "refusing to overwrite");
}

#[test]
fn new_files_follow_the_umask_and_replaced_files_keep_their_mode() {
    let dir = tempfile::tempdir().unwrap();
    let private = dir.path().join("private.xml");
    let run = |umask: &str, output: &Path| {
        Command::new("sh")
            .arg("-c")
            .arg(format!("umask {umask}; exec \"$0\" convert \"$1\" -o \"$2\""))
            .arg(BIN)
            .arg(sample("seed-000.txt"))
            .arg(output)
            .stdin(Stdio::null())
            .output()
            .unwrap()
    };
    let out = run("077", &private);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(mode(&private), 0o600, "umask 077 gives a private file");
    let shared = dir.path().join("shared.xml");
    let out = run("002", &shared);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(mode(&shared), 0o664);

    // A 0600 copy replaced under a permissive umask stays 0600.
    let out = run("000", &private);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(mode(&private), 0o600, "the replaced file's mode is kept");
}

#[test]
fn link_loops_in_a_batch_folder_end_and_convert_each_file_once() {
    let dir = tempfile::tempdir().unwrap();
    let inbox = dir.path().join("inbox");
    fs::create_dir_all(inbox.join("sub")).unwrap();
    fs::copy(sample("seed-000.txt"), inbox.join("a.txt")).unwrap();
    fs::copy(sample("seed-002.txt"), inbox.join("sub/b.txt")).unwrap();
    symlink(".", inbox.join("loop")).unwrap();
    symlink("..", inbox.join("sub/up")).unwrap();
    symlink("sub", inbox.join("sub-again")).unwrap();
    let (out_dir, out) = batch_to_xml(&inbox);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("converted 2 of 2 inputs"), "{}", stderr(&out));
    assert!(out_dir.join("a.xml").is_file() && out_dir.join("sub/b.xml").is_file());
    assert!(!out_dir.join("loop").exists() && !out_dir.join("sub-again").exists());
}

#[test]
fn an_unreadable_entry_is_one_error_and_the_batch_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let inbox = dir.path().join("inbox");
    fs::create_dir_all(&inbox).unwrap();
    fs::copy(sample("seed-000.txt"), inbox.join("a.txt")).unwrap();
    fs::copy(sample("seed-002.txt"), inbox.join("z.txt")).unwrap();
    // Two links naming each other cannot be followed, by root or anyone: one failure.
    symlink("m-loop", inbox.join("l-loop")).unwrap();
    symlink("l-loop", inbox.join("m-loop")).unwrap();
    // A folder nobody but root can read: a failure too when not root.
    let locked = inbox.join("locked");
    fs::create_dir(&locked).unwrap();
    fs::write(locked.join("c.txt"), "在会议上的讲话\n同志们：\n今天开会。\n").unwrap();
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
    let root = is_root();
    let (out_dir, out) = batch_to_xml(&inbox);
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o700)).unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(err.contains("l-loop: "), "{err}");
    assert!(out_dir.join("a.xml").is_file() && out_dir.join("z.xml").is_file(), "{err}");
    if root {
        // Root reads the locked folder: the loop is the one failure.
        assert!(err.contains("converted 3 of 5 inputs"), "{err}");
    } else {
        assert!(err.contains("locked: permission denied"), "{err}");
        assert!(err.contains("converted 2 of 5 inputs"), "{err}");
    }
}

#[test]
fn jobs_are_bounded_with_a_clear_message() {
    let out = gongwen(&["convert", &sample("seed-000.txt"), "--to", "xml", "-o", "-", "-j", "0"]);
    assert_clean_failure(&out, "from 1 to 256");
    let out =
        gongwen(&["convert", &sample("seed-000.txt"), "--to", "xml", "-o", "-", "-j", "100000"]);
    assert_clean_failure(&out, "from 1 to 256");
    let out = gongwen(&["convert", &sample("seed-000.txt"), "--to", "xml", "-o", "-", "-j", "256"]);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn a_full_standard_output_is_an_error_not_a_panic() {
    let full = || fs::OpenOptions::new().write(true).open("/dev/full").unwrap();
    let cases: [&[&str]; 8] = [
        &["style", "--print"],
        &["--help"],
        &["convert", "--help"],
        &["--version"],
        &["completions", "bash"],
        &["man"],
        &["convert", &sample("seed-000.txt"), "--to", "xml", "-o", "-"],
        &["check", &sample("seed-001.txt")],
    ];
    for args in cases {
        let out =
            Command::new(BIN).args(args).stdin(Stdio::null()).stdout(full()).output().unwrap();
        assert_clean_failure(&out, "standard output");
    }
}

#[test]
fn stale_temporaries_of_our_naming_are_cleaned_on_the_next_run() {
    let dir = tempfile::tempdir().unwrap();
    // pid_max is at most 4,194,304: the run that left this one is gone.
    let stale = dir.path().join(".gongwen-999999999-AbC123.tmp");
    let alive = dir.path().join(format!(".gongwen-{}-AbC123.tmp", std::process::id()));
    let other = dir.path().join(".gongwen-notes");
    for f in [&stale, &alive, &other] {
        fs::write(f, "x").unwrap();
    }
    let output = dir.path().join("out.xml");
    let out = gongwen(&["convert", &sample("seed-000.txt"), "-o", output.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!stale.exists(), "the dead run's temporary is removed");
    assert!(alive.exists() && other.exists(), "a live run's and other files stay");
}

#[test]
fn out_dir_equal_to_the_input_folder_suffixes_a_colliding_name() {
    let dir = tempfile::tempdir().unwrap();
    let xml = dir.path().join("speech.xml");
    let out = gongwen(&["convert", &sample("seed-000.txt"), "-o", xml.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let before = fs::read(&xml).unwrap();
    let d = dir.path().to_str().unwrap();
    let out = gongwen(&["convert", d, "--to", "xml", "--out-dir", d]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(fs::read(&xml).unwrap(), before, "the input is untouched");
    assert_eq!(fs::read(dir.path().join("speech-2.xml")).unwrap(), before);
}

#[test]
fn endless_input_ends_in_a_clear_error() {
    let out = Command::new(BIN)
        .args(["convert", "-", "--to", "xml", "-o", "-", "--max-input", "1"])
        .stdin(fs::File::open("/dev/zero").unwrap())
        .output()
        .unwrap();
    assert_clean_failure(&out, "larger than 1 MB; raise the limit with --max-input");
    let big = tempfile::NamedTempFile::new().unwrap();
    fs::write(big.path(), vec![b'a'; 1024 * 1024 + 1]).unwrap();
    let out = gongwen(&["check", big.path().to_str().unwrap(), "--max-input", "1"]);
    assert_clean_failure(&out, "--max-input");
}

/// The best of two wall-clock times of `gongwen args` on `input`, and its stdout and
/// stderr sizes.
fn timed(args: &[&str], input: &Path) -> (f64, usize) {
    let mut best = f64::MAX;
    let mut size = 0;
    for _ in 0..2 {
        let started = std::time::Instant::now();
        let out = gongwen(&[args, &[input.to_str().unwrap()]].concat());
        best = best.min(started.elapsed().as_secs_f64());
        size = out.stdout.len() + out.stderr.len();
        assert!(!stderr(&out).contains("panicked"));
    }
    (best, size)
}

/// Diagnostics stay linear: four times the findings take at most about four times as
/// long and print four times as much (quadratic growth would be sixteen times). Sizes are
/// chosen so that start-up is small beside the work.
#[test]
fn warnings_and_check_output_grow_linearly() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: String| {
        let path = dir.path().join(name);
        fs::write(&path, text).unwrap();
        path
    };
    // One paragraph with a repair and a finding every few characters.
    let one_line = |n: usize| format!("在会议上的讲话\n{}\n", "我们要加强学习,提高认识,".repeat(n));
    // A line each with its own character no font has (plane 15 private use).
    let per_line = |n: u32| {
        let lines: String = (0..n)
            .map(|i| format!("今天我们召开会议{}。\n", char::from_u32(0xF0000 + i).unwrap()))
            .collect();
        format!("在会议上的讲话\n{lines}")
    };
    let pdf_out = dir.path().join("out.pdf").to_str().unwrap().to_string();
    let cases: [(&[&str], std::path::PathBuf, std::path::PathBuf); 3] = [
        (&["check", "--verbose"], write("a1.txt", one_line(800)), write("a4.txt", one_line(3200))),
        (
            &["check", "--verbose", "--format", "json"],
            dir.path().join("a1.txt"),
            dir.path().join("a4.txt"),
        ),
        (
            &["convert", "--to", "pdf", "-o", &pdf_out],
            write("b1.txt", per_line(1500)),
            write("b4.txt", per_line(6000)),
        ),
    ];
    for (args, small, large) in cases {
        let (t1, s1) = timed(args, &small);
        let (t4, s4) = timed(args, &large);
        let size_ratio = s4 as f64 / s1 as f64;
        assert!((3.5..4.5).contains(&size_ratio), "{args:?}: output grew {size_ratio:.2}×");
        eprintln!("{args:?}: {t1:.3} s → {t4:.3} s, output {s1} → {s4} bytes");
        assert!(t4 / t1 < 7.0, "{args:?}: {t1:.3} s → {t4:.3} s for 4× the input");
    }
}

/// The Han characters of `text` (URO and Extension A).
fn han(text: &str) -> std::collections::BTreeSet<char> {
    text.chars().filter(|c| ('\u{3400}'..='\u{9FFF}').contains(c)).collect()
}

#[test]
fn traditional_and_rare_characters_print_from_the_bundled_faces() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["seed-003", "seed-004"] {
        let pdf = dir.path().join(format!("{name}.pdf"));
        let input = sample(&format!("{name}.txt"));
        let out = gongwen(&["convert", &input, "--no-system-fonts", "-o", pdf.to_str().unwrap()]);
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(!stderr(&out).contains("no font has"), "{}", stderr(&out));
        let fonts = Command::new("pdffonts").arg(&pdf).output().expect("poppler's pdffonts runs");
        assert!(String::from_utf8_lossy(&fonts.stdout).contains("GongwenFallbackSerif"));
        let text = Command::new("pdftotext").arg(&pdf).arg("-").output().expect("pdftotext runs");
        let printed = han(&String::from_utf8_lossy(&text.stdout));
        // The text a reader keeps is what the XML holds outside <removed>.
        let xml = gongwen(&["convert", &input, "--to", "xml", "-o", "-"]);
        let xml = String::from_utf8(xml.stdout).unwrap();
        let kept: String =
            xml.split("<removed").map(|s| s.split_once("</removed>").map_or(s, |p| p.1)).collect();
        let lost: String = han(&kept).difference(&printed).collect();
        assert!(lost.is_empty(), "{name}: {lost}");
        assert!(
            printed.contains(&'強') || printed.contains(&'產'),
            "{name}: traditional text is printed"
        );
    }
}

/// System faces are read only for a document with characters the bundled faces lack, and
/// then they print them: 𠀡 (Extension B) is in AR PL UMing (fonts-arphic-uming), not in
/// Fandol or the bundled fallback face; a plain speech in the same run needs no system face.
#[test]
fn a_character_only_a_system_face_has_is_printed_from_it() {
    let dir = tempfile::tempdir().unwrap();
    let rare = dir.path().join("rare.txt");
    fs::write(&rare, "在会议上的讲话\n同志们：\n今天我们召开会议𠀡。\n").unwrap();
    let plain = dir.path().join("plain.txt");
    fs::write(&plain, "在会议上的讲话\n同志们：\n今天我们召开会议。\n").unwrap();
    let out_dir = dir.path().join("out");
    let out = gongwen(&[
        "convert",
        rare.to_str().unwrap(),
        plain.to_str().unwrap(),
        "--to",
        "pdf",
        "--out-dir",
        out_dir.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!stderr(&out).contains("no font has"), "{}", stderr(&out));
    let fonts = |name: &str| {
        let out = Command::new("pdffonts").arg(out_dir.join(name)).output().expect("pdffonts runs");
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    assert!(fonts("rare.pdf").contains("UMing"), "{}", fonts("rare.pdf"));
    assert!(!fonts("plain.pdf").contains("UMing"), "{}", fonts("plain.pdf"));
    let text = Command::new("pdftotext").arg(out_dir.join("rare.pdf")).arg("-").output().unwrap();
    assert!(String::from_utf8_lossy(&text.stdout).contains("会议𠀡。"));
}

#[test]
fn a_character_no_face_has_is_reported_once_at_its_place_and_denied() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("rare.txt");
    fs::write(&input, "在会议上的讲话\n同志们：\n今天我们召开会议𠀀。\n这是𠀀和𪜀。\n").unwrap();
    let pdf = dir.path().join("rare.pdf");
    let args =
        ["convert", input.to_str().unwrap(), "--no-system-fonts", "-o", pdf.to_str().unwrap()];
    let out = gongwen(&args);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert_eq!(err.matches("U+20000").count(), 1, "once per character: {err}");
    assert!(err.contains("rare.txt:3:9: warning: no font has the character “𠀀”"), "{err}");
    assert!(err.contains("rare.txt:4:5: warning: no font has the character “𪜀”"), "{err}");
    let out = gongwen(&[&args[..], &["--deny", "warnings"]].concat());
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(pdf.is_file(), "the PDF is still written");
}

#[test]
fn a_malformed_font_in_font_dir_is_skipped_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    // A face named like the Latin role's font whose outline tables are destroyed: it is
    // listed and matched by name, and would fail the PDF after layout.
    let good = fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../gongwen-fonts/fonts/LiberationSerif-Regular.ttf"),
    )
    .unwrap();
    let mut bad = good.clone();
    let tables = u16::from_be_bytes([bad[4], bad[5]]) as usize;
    for i in 0..tables {
        let record = 12 + 16 * i;
        let tag = &good[record..record + 4];
        let at = |k: usize| {
            u32::from_be_bytes(good[record + k..record + k + 4].try_into().unwrap()) as usize
        };
        if tag == b"glyf" || tag == b"loca" {
            bad[at(8)..at(8) + at(12)].fill(0xFF);
        }
    }
    fs::write(dir.path().join("broken.ttf"), &bad).unwrap();
    fs::write(dir.path().join("junk.otf"), b"OTTO not really a font").unwrap();
    let pdf = dir.path().join("out.pdf");
    let out = gongwen(&[
        "convert",
        &sample("seed-000.txt"),
        "--font-dir",
        dir.path().to_str().unwrap(),
        "-o",
        pdf.to_str().unwrap(),
    ]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(fs::read(&pdf).unwrap().starts_with(b"%PDF"));
    // The file that holds no font is named; the damaged copy of a bundled face is passed
    // over as a copy, the bundled one serving.
    assert!(err.contains("junk.otf skipped: not a readable font"), "{err}");
}

#[test]
fn convert_says_how_many_lines_it_removed_and_how_to_list_them() {
    let dir = tempfile::tempdir().unwrap();
    let docx = dir.path().join("out.docx");
    let docx = docx.to_str().unwrap();
    let out = gongwen(&["convert", &sample("seed-001.txt"), "-o", docx]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("removed 2 lines as web noise"), "{err}");
    assert!(err.contains("`gongwen check "), "{err}");
    let out =
        gongwen(&["convert", &sample("seed-001.txt"), "--keep-noise", "--to", "docx", "-o", docx]);
    assert!(!stderr(&out).contains("removed"), "{}", stderr(&out));
}

#[test]
fn a_doubtful_encoding_is_told_on_stderr_with_encoding_named() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("notice.txt");
    fs::write(&input, "关于召开会议的通知\n各单位：\n请准时参加。\n").unwrap();
    let out = gongwen(&[
        "convert",
        input.to_str().unwrap(),
        "--encoding",
        "utf-16le",
        "--to",
        "xml",
        "-o",
        "-",
    ]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("valid UTF-8 but was read as UTF-16LE"), "{err}");
    assert!(err.contains("--encoding"), "{err}");
    // Latin-1 is no encoding gongwen reads: never guessed, and said so.
    fs::write(&input, b"Le caf\xe9 cr\xe8me co\xfbte tr\xe8s cher.\n").unwrap();
    let out = gongwen(&["convert", input.to_str().unwrap(), "--to", "xml", "-o", "-"]);
    assert!(
        stderr(&out).contains("fit none of UTF-8, UTF-16, GB18030 and Big5"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn bidi_and_zero_width_controls_are_reported_and_removed_as_changes() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("bidi.txt");
    let text = "在会议上的讲话\n同志们：\n一、\u{202E}提高认识\n今天\u{200B}我们召开\u{2066}会议\u{FEFF}。\n";
    fs::write(&input, text).unwrap();
    let name = input.to_str().unwrap();
    let out = gongwen(&["check", name, "--verbose", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let messages: Vec<&str> =
        report.as_array().unwrap().iter().map(|f| f["message"].as_str().unwrap()).collect();
    let reported = |what: &str| messages.iter().filter(|m| m.contains(what)).count();
    assert_eq!(reported("bidirectional control"), 2, "{messages:?}");
    assert_eq!(reported("zero-width"), 2, "{messages:?}");
    assert_eq!(reported("invisible control"), 4, "each removal is a recorded change: {messages:?}");
    let docx = dir.path().join("bidi.docx");
    let out = gongwen(&["convert", name, "-o", docx.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let body = Command::new("python3")
        .args(["-c", "import sys,zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read('word/document.xml').decode())"])
        .arg(&docx)
        .output()
        .unwrap();
    let body = String::from_utf8(body.stdout).unwrap();
    assert!(body.contains("提高认识") && body.contains("今天我们召开会议。"), "{body}");
    assert!(!body.contains(['\u{202E}', '\u{200B}', '\u{2066}', '\u{FEFF}']));
}

#[test]
fn absurd_style_profiles_are_refused_naming_the_key() {
    let dir = tempfile::tempdir().unwrap();
    for (toml, key) in [
        ("[page]\nchar_spacing_pt = -100\n", "page.char_spacing_pt"),
        ("[title]\nsize_pt = 1e30\n", "title.size_pt"),
        // 100 lines would overlap: the pitch falls below the body size.
        ("[page]\nlines_per_page = 100\n", "page.lines_per_page"),
    ] {
        let style = dir.path().join("office.toml");
        fs::write(&style, toml).unwrap();
        let pdf = dir.path().join("out.pdf");
        let out = gongwen(&[
            "convert",
            &sample("seed-000.txt"),
            "--style",
            style.to_str().unwrap(),
            "-o",
            pdf.to_str().unwrap(),
        ]);
        assert_clean_failure(&out, &format!("`{key}`"));
        assert!(!pdf.exists(), "nothing written for {toml:?}");
    }
}
