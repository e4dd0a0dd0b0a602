//! Generated trees: written, read back to the same tree, written again to the same bytes;
//! damaged copies read without panics.

use gongwen_ast::{Document, Meta};
use proptest::prelude::*;

use crate::generate::document;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn round_trip(doc in document()) {
        let xml = gongwen_xml::to_string(&doc);
        let back = gongwen_xml::from_str(&xml);
        prop_assert!(back.is_ok(), "{:?}\n{}", back, xml);
        let back = back.unwrap();
        prop_assert_eq!(&back.without_spans(), &doc);
        prop_assert_eq!(gongwen_xml::to_string(&back), xml);
    }

    /// Damaged files (cut short, a piece cut out, a character put in) give a tree or an
    /// error pointing inside the file, never a panic; a tree read from one writes out in a
    /// form that reads back to itself.
    #[test]
    fn damaged_files_never_panic(
        doc in document(),
        cut in any::<prop::sample::Index>(),
        len in 0..40usize,
        insert in prop::sample::select(vec!["", "<", ">", "&", "\"", "/", "<p>", "</p>", "会"]),
    ) {
        let xml = gongwen_xml::to_string(&doc);
        let at = floor_char_boundary(&xml, cut.index(xml.len() + 1));
        let to = floor_char_boundary(&xml, (at + len).min(xml.len()));
        for damaged in [xml[..at].to_string(), format!("{}{insert}{}", &xml[..at], &xml[to..])] {
            match gongwen_xml::from_str(&damaged) {
                Ok(read) => {
                    let again = gongwen_xml::to_string(&read);
                    let reread = gongwen_xml::from_str(&again);
                    prop_assert!(reread.is_ok(), "{:?}", reread);
                    prop_assert_eq!(reread.unwrap().without_spans(), read.without_spans());
                }
                Err(e) => {
                    prop_assert!(e.offset <= damaged.len() && e.line >= 1 && e.column >= 1);
                    prop_assert!(!e.message.is_empty());
                }
            }
        }
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Attribute values cannot hold the characters XML forbids; the writer puts U+FFFD there
/// (documented) and the file stays well-formed and stable.
#[test]
fn forbidden_characters_in_attributes_become_replacement_characters() {
    let doc = Document {
        meta: Meta { speaker: Some("a\u{1}b\u{ffff}".into()), ..Meta::default() },
        blocks: vec![],
    };
    let xml = gongwen_xml::to_string(&doc);
    let back = gongwen_xml::from_str(&xml).expect("well-formed");
    assert_eq!(back.meta.speaker.as_deref(), Some("a\u{fffd}b\u{fffd}"));
    assert_eq!(gongwen_xml::to_string(&back), xml);
}
