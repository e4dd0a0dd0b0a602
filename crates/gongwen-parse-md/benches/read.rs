//! The Markdown reader on seed-002 (4 pages) written as Markdown — `#` title, `##`
//! headings, front matter — against the text reader on its text.

use criterion::{Criterion, criterion_group, criterion_main};
use gongwen_ast::Block;
use gongwen_parse::{ParseOptions, parse};

fn seed_002(c: &mut Criterion) {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../samples/seed-002.txt");
    let text = std::fs::read_to_string(path).expect("sample exists");
    let options = ParseOptions::default();
    let doc = parse(&text, &options).document;
    let mut md = String::from("---\ntitle: 讲话\ndate: 2024年3月1日\n---\n\n");
    for block in doc.blocks.iter().filter(|b| !matches!(b, Block::Removed(_))) {
        let line = match block {
            Block::Title(t) => {
                format!("# {}", t.lines.iter().map(|l| l.text()).collect::<String>())
            }
            Block::Heading(h) if !h.run_in => {
                format!(
                    "{} {}{}",
                    "#".repeat(h.level as usize + 1),
                    h.label.source,
                    h.content.text()
                )
            }
            b => b.plain_text(),
        };
        md.push_str(&line);
        md.push_str("\n\n");
    }
    c.bench_function("text/seed-002", |b| b.iter(|| parse(&text, &options)));
    c.bench_function("md/seed-002", |b| b.iter(|| gongwen_parse_md::read(&md, &options)));
}

criterion_group!(benches, seed_002);
criterion_main!(benches);
