//! Generated trees: written, read back to the same tree, written again to the same bytes.

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
