//! An official copy's head and foot as poppler (pdftotext -bbox) and qpdf see them: the
//! issuer mark's top 35 mm below the text block's top (72 mm from the page top), the red
//! rule 4 mm below the 发文字号, the last rule of the 版记 on the text block's bottom edge
//! (262 mm), red drawn with colour operators, no page number on the 版记 page and the blank
//! page before it, when there is one (§7.5), and only then. The tools
//! are required: the test fails, never skips, when one is missing.

use std::path::Path;

use gongwen_layout::layout;
use gongwen_pdf::{PdfOptions, pdf};
use gongwen_style::StyleProfile;

#[path = "../../../tests/support/pdf_rects.rs"]
mod pdf_rects;
use pdf_rects::pdf_rects;

#[path = "../../../tests/support/pdf_words.rs"]
mod pdf_words;
use pdf_words::pdf_pages;

#[path = "../../../tests/support/samples.rs"]
mod samples;
use samples::{book, sample};

const MM: f64 = 72.0 / 25.4;

/// The sample rendered to PDF in `dir`.
fn render(dir: &Path, name: &str) -> std::path::PathBuf {
    let book = book();
    let doc = sample(name);
    let laid = layout(&doc, &StyleProfile::default(), &book);
    let bytes = pdf(&laid, &book, &PdfOptions::for_document(&doc)).expect("PDF is written");
    let out = dir.join(format!("{name}.pdf"));
    std::fs::write(&out, bytes).unwrap();
    out
}

/// Word boxes of `page` (1-based): text, yMin and yMax in mm from the page top.
fn words(pdf: &Path, page: usize) -> Vec<(String, f64, f64)> {
    let mut pages = pdf_pages(pdf);
    pages
        .swap_remove(page - 1)
        .words
        .into_iter()
        .map(|w| (w.text, f64::from(w.y_min) / MM, f64::from(w.y_max) / MM))
        .collect()
}

/// The words under the text block (262 mm from the page top), joined: the page number.
fn page_number(words: &[(String, f64, f64)]) -> String {
    words.iter().filter(|w| w.1 > 262.0).map(|w| w.0.as_str()).collect()
}

/// Filled rectangles per page: (fill colour as `rg` set it, top mm, height mm).
fn rules(pdf: &Path) -> Vec<Vec<(String, f64, f64)>> {
    pdf_rects(pdf, 841.889_76)
        .into_iter()
        .map(|page| page.into_iter().map(|r| (r.colour, r.top / MM, r.height / MM)).collect())
        .collect()
}

#[test]
fn head_and_foot_of_a_notice_land_where_the_standard_puts_them() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = render(dir.path(), "official-001");
    let first = words(&pdf, 1);
    let mark = first.iter().find(|w| w.0.contains("人民政府文件")).expect("issuer mark");
    assert!((mark.1 - 72.0).abs() <= 1.0, "issuer mark top at {:.2} mm", mark.1);
    // The script space parts "〔2024〕12" from "号" into two words for pdftotext.
    let number = first.iter().find(|w| w.0.contains("〔2024〕12")).expect("number");
    let pages = rules(&pdf);
    let red = pages[0].iter().find(|r| r.0 == "1 0 0").expect("a red rule on page 1");
    let gap = red.1 - number.2;
    assert!((gap - 4.0).abs() <= 0.5, "red rule {gap:.2} mm below the number");
    // (The red rule's colour is the `rg` before it: red is set with rg.)
    // The 版记 on the last page, its last rule's bottom edge on the text block's bottom.
    let last = pages.last().unwrap();
    let bottom = last.iter().map(|r| r.1 + r.2).fold(0.0, f64::max);
    assert!((bottom - 262.0).abs() <= 0.5, "last 版记 rule ends at {bottom:.2} mm");
    assert_eq!(last.len(), 3, "thick, thin and thick rules: {last:?}");
    assert!(last[0].2 > last[1].2 && last[2].2 > last[1].2, "thick first and last: {last:?}");
    let n = pages.len();
    let foot = words(&pdf, n);
    assert!(foot.iter().any(|w| w.0.starts_with("抄送")), "抄送 on the last page");
    // It shares the last page of text, no blank page before it: numbered (§7.5).
    assert_eq!(page_number(&foot), format!("—{n}—"), "the 版记 page is numbered");
    assert_eq!(n % 2, 0, "the 版记 is on an even page");
    // Each attachment starts a page, "附件N" its first line (the script space between 附件
    // and N parts the words).
    let first_line = |page: usize| -> String {
        let words = words(&pdf, page);
        let top = words.first().map_or(0.0, |w| w.1);
        words.iter().take_while(|w| (w.1 - top).abs() < 1.0).map(|w| w.0.as_str()).collect()
    };
    for label in ["附件1", "附件2"] {
        let page = (1..=n).find(|&p| first_line(p) == label).expect(label);
        assert!(page > 1, "{label} opens page {page}");
    }
}

/// A copy whose last page of text is even and full: a blank page, then the 版记 on an even
/// page; neither carries a page number, the pages before do.
#[test]
fn a_blank_page_before_the_foot_and_the_foot_page_carry_no_number() {
    let book = book();
    let doc = samples::official_padded(8);
    let laid = layout(&doc, &StyleProfile::default(), &book);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("padded.pdf");
    let bytes = pdf(&laid, &book, &PdfOptions::for_document(&doc)).expect("PDF is written");
    std::fs::write(&path, bytes).unwrap();
    let n = pdf_pages(&path).len();
    assert_eq!(n, 4, "two pages of text, a blank one, the 版记's");
    assert!(words(&path, 3).is_empty(), "page 3 blank");
    let last = words(&path, 4);
    assert!(last.iter().any(|w| w.0.starts_with("抄送")), "抄送 on page 4");
    assert_eq!(page_number(&last), "", "no number on the 版记 page");
    for page in 1..=2 {
        assert_eq!(page_number(&words(&path, page)), format!("—{page}—"), "page {page}");
    }
}

#[test]
fn a_joint_issue_stacks_the_organs_and_sets_the_suffix_once() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = render(dir.path(), "official-003");
    let first = words(&pdf, 1);
    let host = first.iter().find(|w| w.0 == "中共某县委员会").expect("host organ");
    let other = first.iter().find(|w| w.0 == "某县人民政府").expect("second organ");
    let suffix = first.iter().find(|w| w.0 == "文件").expect("文件 once");
    assert!((host.1 - 72.0).abs() <= 1.0, "mark top at {:.2} mm", host.1);
    assert!(other.1 > host.2 - 0.5, "stacked");
    let middle = (host.1 + other.2) / 2.0;
    assert!(((suffix.1 + suffix.2) / 2.0 - middle).abs() < 1.0, "文件 centred on the names");
}
