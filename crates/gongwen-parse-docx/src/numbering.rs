//! Word's automatic numbering, rendered to the label text a reader sees.
//!
//! `word/numbering.xml` is read here with quick-xml rather than through docx-rs: docx-rs
//! 0.4.22 parses the levels but keeps `w:start`, `w:lvlText`, `w:lvlRestart` and `w:lvlJc`
//! in private fields with no accessors, so a reader outside the crate cannot learn a
//! level's start value or its text; and it indexes attributes by position
//! (`attributes[0]`), which panics on `<w:start/>`.
//!
//! Counting follows Word: lists (`w:num`) that share an abstract definition continue one
//! another; a `w:lvlOverride/w:startOverride` restarts its level where that list is first
//! used; using a level restarts the deeper ones unless their `w:lvlRestart` says otherwise;
//! `w:isLgl` writes every number in a level's text as decimal.

use std::collections::{HashMap, HashSet};

use gongwen_ast::chinese_numeral;
use quick_xml::events::{BytesStart, Event};

/// One level of a list definition.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Level {
    start: u32,
    format: String,
    text: String,
    /// `w:lvlRestart`: restart after a use of level `r` (1-based) or above; 0 never.
    restart: Option<u32>,
    legal: bool,
    style: Option<String>,
}

#[derive(Debug, Clone, Default)]
struct Num {
    abstract_id: u32,
    /// Per level: a start override and a replacement level.
    overrides: HashMap<u8, (Option<u32>, Option<Level>)>,
}

/// The numbering definitions and the counters of the lists read so far.
#[derive(Debug, Default)]
pub(crate) struct Numbering {
    abstracts: HashMap<u32, Vec<Level>>,
    nums: HashMap<u32, Num>,
    /// Counters per abstract definition, per level: the last number given.
    counters: HashMap<u32, [Option<u32>; 9]>,
    /// Lists whose start overrides were applied.
    started: HashSet<u32>,
}

impl Numbering {
    /// Reads `numbering.xml`. Anything malformed ends reading there: what was read stays.
    pub(crate) fn parse(xml: &[u8]) -> Numbering {
        let mut n = Numbering::default();
        let mut reader = quick_xml::Reader::from_reader(xml);
        let mut buf = Vec::new();
        // Where the reader stands.
        let mut abstract_id: Option<u32> = None;
        let mut num_id: Option<u32> = None;
        let mut override_level: Option<u8> = None;
        let mut level: Option<(u8, Level)> = None;
        loop {
            let event = match reader.read_event_into(&mut buf) {
                Ok(Event::Eof) | Err(_) => break,
                Ok(e) => e,
            };
            match event {
                Event::Start(e) | Event::Empty(e) => {
                    let local = e.local_name();
                    let name: &str = local.as_ref();
                    match name {
                        "abstractNum" => abstract_id = attr_u32(&e, "abstractNumId"),
                        "num" => {
                            num_id = attr_u32(&e, "numId");
                            if let Some(id) = num_id {
                                n.nums.insert(id, Num::default());
                            }
                        }
                        "abstractNumId" => {
                            if let (Some(id), Some(v)) = (num_id, attr_u32(&e, "val"))
                                && let Some(num) = n.nums.get_mut(&id)
                            {
                                num.abstract_id = v;
                            }
                        }
                        "lvlOverride" => override_level = attr_u32(&e, "ilvl").map(|v| v as u8),
                        "startOverride" => {
                            if let (Some(id), Some(l)) = (num_id, override_level)
                                && let Some(num) = n.nums.get_mut(&id)
                            {
                                num.overrides.entry(l).or_default().0 = attr_u32(&e, "val");
                            }
                        }
                        "lvl" => {
                            let ilvl = attr_u32(&e, "ilvl").unwrap_or(0).min(8) as u8;
                            let fresh =
                                Level { start: 1, format: "decimal".into(), ..Level::default() };
                            level = Some((ilvl, fresh));
                        }
                        _ => {
                            if let Some((_, l)) = level.as_mut() {
                                let val = attr(&e, "val");
                                match name {
                                    "start" => {
                                        l.start = val.and_then(|v| v.parse().ok()).unwrap_or(1)
                                    }
                                    "numFmt" => l.format = val.unwrap_or_default(),
                                    "lvlText" => l.text = val.unwrap_or_default(),
                                    "lvlRestart" => l.restart = val.and_then(|v| v.parse().ok()),
                                    "isLgl" => {
                                        l.legal = val.is_none_or(|v| v != "0" && v != "false")
                                    }
                                    "pStyle" => l.style = val,
                                    _ => {}
                                }
                            }
                        }
                    }
                }
                Event::End(e) => match AsRef::<str>::as_ref(&e.local_name()) {
                    "lvl" => {
                        if let Some((ilvl, l)) = level.take() {
                            if let (Some(id), Some(ol)) = (num_id, override_level) {
                                if let Some(num) = n.nums.get_mut(&id) {
                                    num.overrides.entry(ol).or_default().1 = Some(l);
                                }
                            } else if let Some(id) = abstract_id {
                                let levels = n.abstracts.entry(id).or_default();
                                if levels.len() <= ilvl as usize {
                                    levels.resize(ilvl as usize + 1, Level::default());
                                }
                                levels[ilvl as usize] = l;
                            }
                        }
                    }
                    "abstractNum" => abstract_id = None,
                    "num" => num_id = None,
                    "lvlOverride" => override_level = None,
                    _ => {}
                },
                _ => {}
            }
            buf.clear();
        }
        n
    }

    /// The level of list `num` whose paragraph style is `style`, for a style that carries
    /// numbering without a level.
    pub(crate) fn level_of_style(&self, num: u32, style: &str) -> Option<u8> {
        let abstract_id = self.nums.get(&num)?.abstract_id;
        let levels = self.abstracts.get(&abstract_id)?;
        levels.iter().position(|l| l.style.as_deref() == Some(style)).map(|i| i as u8)
    }

    /// The label of the next paragraph numbered by list `num` at level `ilvl`, counting
    /// it; `None` when the list does not exist (numId 0 means "no numbering"). Bullets and
    /// `none` give no label.
    pub(crate) fn next_label(&mut self, num: u32, ilvl: u8) -> Option<String> {
        let ilvl = ilvl.min(8);
        let entry = self.nums.get(&num)?.clone();
        let levels: Vec<Level> = (0..9u8)
            .map(|i| {
                let base = self.abstracts.get(&entry.abstract_id).and_then(|ls| ls.get(i as usize));
                let mut level = entry
                    .overrides
                    .get(&i)
                    .and_then(|o| o.1.clone())
                    .or_else(|| base.cloned())
                    .unwrap_or_default();
                if let Some(start) = entry.overrides.get(&i).and_then(|o| o.0) {
                    level.start = start;
                }
                level
            })
            .collect();
        let counters = self.counters.entry(entry.abstract_id).or_default();
        if self.started.insert(num) {
            for (i, o) in &entry.overrides {
                if o.0.is_some() {
                    counters[*i as usize] = None;
                }
            }
        }
        let this = &levels[ilvl as usize];
        let value = counters[ilvl as usize].map_or(this.start, |v| v + 1);
        counters[ilvl as usize] = Some(value);
        for deeper in ilvl as usize + 1..9 {
            let restart = levels[deeper].restart.unwrap_or(deeper as u32);
            if restart != 0 && u32::from(ilvl) < restart {
                counters[deeper] = None;
            }
        }
        if matches!(this.format.as_str(), "bullet" | "none") {
            return None;
        }
        let mut label = String::new();
        let mut chars = this.text.chars().peekable();
        while let Some(c) = chars.next() {
            match (c, chars.peek().and_then(|d| d.to_digit(10))) {
                ('%', Some(d)) if (1..=9).contains(&d) => {
                    chars.next();
                    let i = d as usize - 1;
                    let n = counters[i].unwrap_or(levels[i].start);
                    let format = if this.legal { "decimal" } else { levels[i].format.as_str() };
                    label.push_str(&format_number(n, format));
                }
                _ => label.push(c),
            }
        }
        Some(label)
    }
}

fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .map(|a| a.value.to_string())
}

fn attr_u32(e: &BytesStart<'_>, name: &str) -> Option<u32> {
    attr(e, name).and_then(|v| v.trim().parse().ok())
}

/// `n` written in Word's number format `format`. Formats this reader does not know are
/// written as decimal, the way Word falls back.
pub(crate) fn format_number(n: u32, format: &str) -> String {
    const CIRCLED: &str = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳";
    const PAREN: &str = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇";
    const STOP: &str = "⒈⒉⒊⒋⒌⒍⒎⒏⒐⒑⒒⒓⒔⒕⒖⒗⒘⒙⒚⒛";
    const STEMS: &str = "甲乙丙丁戊己庚辛壬癸";
    let nth =
        |set: &str| (n >= 1).then(|| set.chars().nth(n as usize - 1)).flatten().map(String::from);
    let found = match format {
        "chineseCounting"
        | "chineseCountingThousand"
        | "japaneseCounting"
        | "taiwaneseCounting"
        | "taiwaneseCountingThousand" => Some(chinese_numeral(n)),
        "chineseLegalSimplified" => Some(legal_simplified(n)),
        "ideographDigital" | "taiwaneseDigital" => Some(
            n.to_string()
                .chars()
                .map(|d| {
                    "〇一二三四五六七八九"
                        .chars()
                        .nth(d.to_digit(10).unwrap_or(0) as usize)
                        .unwrap_or('〇')
                })
                .collect(),
        ),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" | "ideographEnclosedCircle" => {
            nth(CIRCLED)
        }
        "decimalEnclosedParen" => nth(PAREN),
        "decimalEnclosedFullstop" => nth(STOP),
        "ideographTraditional" => nth(STEMS),
        "decimalFullWidth" | "decimalFullWidth2" => Some(
            n.to_string()
                .chars()
                .map(|d| char::from_u32(u32::from(d) - u32::from('0') + 0xFF10).unwrap_or(d))
                .collect(),
        ),
        "decimalZero" => Some(format!("{n:02}")),
        "lowerLetter" | "upperLetter" if n >= 1 => {
            let base = if format == "lowerLetter" { b'a' } else { b'A' };
            let letter = char::from(base + ((n - 1) % 26) as u8);
            Some(letter.to_string().repeat((n as usize - 1) / 26 + 1))
        }
        "lowerRoman" => Some(roman(n).to_lowercase()),
        "upperRoman" => Some(roman(n)),
        _ => None,
    };
    found.unwrap_or_else(|| n.to_string())
}

/// 壹贰叁…: the financial numerals.
fn legal_simplified(n: u32) -> String {
    chinese_numeral(n)
        .chars()
        .map(|c| match c {
            '一' => '壹',
            '二' => '贰',
            '三' => '叁',
            '四' => '肆',
            '五' => '伍',
            '六' => '陆',
            '七' => '柒',
            '八' => '捌',
            '九' => '玖',
            '十' => '拾',
            '百' => '佰',
            '千' => '仟',
            '〇' => '零',
            c => c,
        })
        .collect()
}

fn roman(mut n: u32) -> String {
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (value, digits) in TABLE {
        while n >= value {
            out.push_str(digits);
            n -= value;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const XML: &str = r#"<w:numbering xmlns:w="w">
      <w:abstractNum w:abstractNumId="0">
        <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
        <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
        <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
        <w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlRestart w:val="1"/><w:lvlText w:val="%1.%4"/></w:lvl>
      </w:abstractNum>
      <w:abstractNum w:abstractNumId="1">
        <w:lvl w:ilvl="0"><w:start/><w:numFmt w:val="decimalEnclosedCircle"/><w:lvlText w:val="%1"/></w:lvl>
      </w:abstractNum>
      <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
      <w:num w:numId="2"><w:abstractNumId w:val="0"/></w:num>
      <w:num w:numId="3"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>
      <w:num w:numId="4"><w:abstractNumId w:val="1"/></w:num>
    </w:numbering>"#;

    #[test]
    fn levels_count_restart_and_continue() {
        let mut n = Numbering::parse(XML.as_bytes());
        let mut next = |num, lvl| n.next_label(num, lvl).unwrap_or_default();
        assert_eq!(next(1, 0), "一、");
        assert_eq!(next(1, 1), "（一）");
        assert_eq!(next(1, 1), "（二）");
        assert_eq!(next(1, 2), "1.");
        assert_eq!(next(1, 3), "一.1", "the level's own text decides the formats");
        assert_eq!(next(1, 0), "二、");
        assert_eq!(next(1, 1), "（一）", "a deeper level restarts");
        // A second list of the same definition continues it.
        assert_eq!(next(2, 0), "三、");
        // A start override restarts where its list is first used.
        assert_eq!(next(3, 0), "五、");
        assert_eq!(next(3, 0), "六、");
        assert_eq!(next(4, 0), "①", "<w:start/> without a value starts at 1");
        assert_eq!(next(4, 0), "②");
        assert_eq!(n.next_label(9, 0), None);
    }

    #[test]
    fn number_formats() {
        assert_eq!(format_number(12, "chineseCounting"), "十二");
        assert_eq!(format_number(105, "chineseCountingThousand"), chinese_numeral(105));
        assert_eq!(format_number(10, "ideographDigital"), "一〇");
        assert_eq!(format_number(3, "decimalEnclosedCircle"), "③");
        assert_eq!(format_number(21, "decimalEnclosedCircle"), "21");
        assert_eq!(format_number(2, "decimalEnclosedParen"), "⑵");
        assert_eq!(format_number(4, "upperRoman"), "IV");
        assert_eq!(format_number(28, "lowerLetter"), "bb");
        assert_eq!(format_number(7, "decimalFullWidth"), "７");
        assert_eq!(format_number(3, "ideographTraditional"), "丙");
        assert_eq!(format_number(7, "nonsense"), "7");
    }
}
