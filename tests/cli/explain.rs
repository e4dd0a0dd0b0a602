//! `gongwen check --explain`: why each line that is not a plain paragraph took its role.

use super::gongwen_with_stdin;

#[test]
fn explain_names_the_role_and_the_evidence_of_each_line() {
    let page = "首页 > 政务公开 > 通知公告\n阅读量：3606\n某政办发〔2024〕5号\n关于做好春节期间安全工作的通知\n各乡镇人民政府：\n春节将至，为确保全县人民度过一个欢乐祥和的节日，现将有关事项通知如下。\n一、切实做好安全生产工作\n";
    let out = gongwen_with_stdin(&["check", "--explain", "-"], page.as_bytes());
    let text = String::from_utf8_lossy(&out.stdout);
    // Explanation lines name a place: "<stdin>:LINE:COL: kind: why: text".
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| {
            l.strip_prefix("<stdin>:").is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()))
        })
        .collect();
    let kinds: Vec<&str> = lines.iter().map(|l| l.split(": ").nth(1).unwrap_or("")).collect();
    assert_eq!(kinds, ["removed", "removed", "number", "title", "salutation", "heading"], "{text}");
    assert!(lines[0].starts_with("<stdin>:1:1: removed: "), "{}", lines[0]);
    assert!(lines[1].contains("furniture vocabulary"), "{}", lines[1]);
    assert!(lines[2].contains("文号"), "{}", lines[2]);
}

#[test]
fn without_explain_check_prints_no_explanations() {
    let out = gongwen_with_stdin(&["check", "-"], "关于做好春节期间安全工作的通知\n".as_bytes());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(!text.contains(": title: "), "{text}");
}
