//! The look of a python-docx draft as evidence: bold sentences opening paragraphs are
//! run-in headings, right-aligned lines at the end the signature and the date — where the
//! same text typed plainly reads as body text. python-docx is required: a missing one
//! fails the test.

#[path = "../../../tests/support/python.rs"]
mod python;

use gongwen_ast::Block;
use gongwen_parse::{ParseOptions, parse};

/// The draft's paragraphs: (bold opening, rest, right-aligned).
const PARAS: [(&str, &str, bool); 7] = [
    ("", "关于加强安全生产工作的通知", false),
    ("", "一、总体要求", false),
    ("压实企业主体责任。", "各企业要建立健全全员安全生产责任制，层层落实到岗位。", false),
    ("强化隐患排查整治", "。各乡镇要组织开展拉网式排查，发现一处整改一处。", false),
    ("", "请各单位认真抓好落实，确保全年安全生产形势稳定。", false),
    ("", "县安全生产委员会办公室", true),
    ("", "2024年3月1日", true),
];

fn python_docx(path: &std::path::Path) {
    let rows: Vec<String> = PARAS
        .iter()
        .map(|(bold, rest, right)| {
            format!("({bold:?}, {rest:?}, {})", if *right { "True" } else { "False" })
        })
        .collect();
    let script = format!(
        "import docx, sys\n\
         from docx.enum.text import WD_ALIGN_PARAGRAPH\n\
         from docx.shared import Pt\n\
         d = docx.Document()\n\
         for bold, rest, right in [{}]:\n    \
             p = d.add_paragraph()\n    \
             if bold:\n        \
                 p.add_run(bold).bold = True\n    \
             p.add_run(rest)\n    \
             if right:\n        \
                 p.alignment = WD_ALIGN_PARAGRAPH.RIGHT\n        \
                 p.paragraph_format.right_indent = Pt(64)\n\
         d.save(sys.argv[1])\n",
        rows.join(", ")
    );
    python::python_docx(&script, path);
}

fn kinds(blocks: &[Block]) -> Vec<String> {
    blocks
        .iter()
        .map(|b| match b {
            Block::Heading(h) => format!(
                "h{}{} {}{}",
                h.level,
                if h.run_in { " run-in" } else { "" },
                h.label.canonical(),
                h.content.text()
            ),
            b => format!("{} {}", b.kind_name(), b.plain_text()),
        })
        .collect()
}

#[test]
fn bold_openings_are_run_in_headings_and_right_aligned_lines_sign_and_date() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("styled.docx");
    python_docx(&path);
    let draft = gongwen_parse_docx::read(&std::fs::read(&path).unwrap(), &ParseOptions::default())
        .expect("the draft reads");
    let got = kinds(&draft.parsed.document.blocks);
    assert_eq!(
        got,
        [
            "title 关于加强安全生产工作的通知",
            "h1 一、总体要求",
            "h2 run-in （一）压实企业主体责任。",
            "p 各企业要建立健全全员安全生产责任制，层层落实到岗位。",
            "h2 run-in （二）强化隐患排查整治。",
            "p 各乡镇要组织开展拉网式排查，发现一处整改一处。",
            "p 请各单位认真抓好落实，确保全年安全生产形势稳定。",
            "signature 县安全生产委员会办公室",
            "date 2024年3月1日",
        ]
    );
    // The same words typed plainly: the bold sentences are body text.
    let plain: String = PARAS.iter().map(|(b, r, _)| format!("{b}{r}\n")).collect();
    let typed = kinds(&parse(&plain, &ParseOptions::default()).document.blocks);
    assert!(
        typed.contains(
            &"p 压实企业主体责任。各企业要建立健全全员安全生产责任制，层层落实到岗位。".to_string()
        ),
        "{typed:?}"
    );
}
