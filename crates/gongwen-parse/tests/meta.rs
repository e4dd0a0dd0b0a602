//! What the reader puts in `Meta`: the title lines joined, the speaker and the date from a
//! subtitle or from the end matter.

use gongwen_parse::{ParseOptions, parse};

fn meta(source: &str) -> (Option<String>, Option<String>, Option<String>) {
    let m = parse(source, &ParseOptions::default()).document.meta;
    (m.title, m.speaker, m.date)
}

#[test]
fn from_subtitles() {
    let source = "凝心聚力 真抓实干\n奋力开创新局面\n——在全市经济工作会议上的讲话\n市委书记 王某某\n（2022年1月5日）\n同志们：\n";
    assert_eq!(
        meta(source),
        (
            Some("凝心聚力 真抓实干奋力开创新局面".into()),
            Some("市委书记 王某某".into()),
            Some("2022年1月5日".into())
        )
    );
}

#[test]
fn from_comrade_subtitle_and_title() {
    assert_eq!(meta("在全县大会上的讲话\n李四同志\n").1.as_deref(), Some("李四"));
    assert_eq!(meta("张三同志在全县大会上的讲话\n同志们：\n").1.as_deref(), Some("张三"));
}

#[test]
fn from_end_matter() {
    let source = "关于做好值班工作的通知\n各单位：\n请做好值班。\n特此通知。\n某某县人民政府办公室\n二〇一一年十月二十六日\n";
    assert_eq!(
        meta(source),
        (
            Some("关于做好值班工作的通知".into()),
            Some("某某县人民政府办公室".into()),
            Some("二〇一一年十月二十六日".into())
        )
    );
}

#[test]
fn pinyin_left_out_of_the_title() {
    assert_eq!(
        meta("在縣委工作會(huì)上的發(fā)言稿\n").0.as_deref(),
        Some("在縣委工作會上的發言稿")
    );
}

#[test]
fn nothing_when_the_text_says_nothing() {
    assert_eq!(meta("今天，我们召开会议。\n"), (None, None, None));
}

#[test]
fn simplified_with_the_text() {
    let source = "在全縣工作會議上的講話\n張三同志\n（2022年1月5日）\n同志們：\n";
    let options = ParseOptions { simplified: true, ..ParseOptions::default() };
    let m = parse(source, &options).document.meta;
    assert_eq!(m.title.as_deref(), Some("在全县工作会议上的讲话"));
    assert_eq!(m.speaker.as_deref(), Some("张三"));
    let m = parse(source, &ParseOptions::default()).document.meta;
    assert_eq!(m.speaker.as_deref(), Some("張三"));
}

#[test]
fn from_dash_and_glued_subtitles() {
    let source = "在全县乡村振兴工作推进会上的讲话\n——县委书记 王建国\n同志们：\n";
    assert_eq!(meta(source).1.as_deref(), Some("县委书记 王建国"));
    let source = "在全县大会上的讲话\n县委副书记、县长李四\n（2024年3月5日）\n同志们：\n";
    let (_, speaker, date) = meta(source);
    assert_eq!(
        (speaker.as_deref(), date.as_deref()),
        (Some("县委副书记、县长李四"), Some("2024年3月5日"))
    );
    let source = "在全市大会上的讲话\n市委书记 张三（2024年3月5日）\n";
    assert_eq!(meta(source).1.as_deref(), Some("市委书记 张三"));
    let source = "在全市大会上的讲话\n——市委书记张三在全市经济工作会议上的讲话\n";
    assert_eq!(meta(source).1.as_deref(), Some("市委书记张三"));
    // A dash subtitle that names the meeting names no one.
    assert_eq!(meta("凝心聚力 奋勇争先\n——在全县大会上的讲话\n同志们：\n").1, None);
}
