//! Bad glyph lists and bad font bytes come back as errors, never as panics.

use gongwen_subset::{FontProgram, SubsetError, subset};
use proptest::prelude::*;

fn fang() -> &'static [u8] {
    gongwen_fonts::bundled("FandolFang-Regular").unwrap().data
}

fn liberation() -> &'static [u8] {
    gongwen_fonts::bundled("LiberationSerif").unwrap().data
}

/// Where the `CFF ` table lies in FandolFang-Regular.otf, read from the table directory.
fn fang_cff() -> std::ops::Range<usize> {
    let data = fang();
    let count = usize::from(u16::from_be_bytes([data[4], data[5]]));
    let field = |record: &[u8], at: usize| {
        u32::from_be_bytes(record[at..at + 4].try_into().unwrap()) as usize
    };
    (0..count)
        .map(|i| &data[12 + 16 * i..28 + 16 * i])
        .find(|record| &record[..4] == b"CFF ")
        .map(|record| field(record, 8)..field(record, 8) + field(record, 12))
        .expect("a CFF table")
}

#[test]
fn bad_glyph_lists() {
    for font in [fang(), liberation()] {
        assert_eq!(subset(font, 0, &[]), Err(SubsetError::Empty));
        assert_eq!(subset(font, 0, &[5, 0]), Err(SubsetError::NotdefFirst(5)));
        assert_eq!(subset(font, 0, &[0, 7, 9, 7]), Err(SubsetError::Repeated(7)));
        assert_eq!(subset(font, 0, &[0, 0]), Err(SubsetError::Repeated(0)));
    }
    assert_eq!(
        subset(fang(), 0, &[0, 3, 10365]),
        Err(SubsetError::OutOfRange { glyph: 10365, count: 10365 })
    );
    assert_eq!(
        subset(liberation(), 0, &[0, u16::MAX]),
        Err(SubsetError::OutOfRange { glyph: u16::MAX, count: 2602 })
    );
    assert!(subset(fang(), 0, &[0, 10364]).is_ok());
}

#[test]
fn not_a_font() {
    assert!(matches!(subset(b"", 0, &[0]), Err(SubsetError::Malformed(_))));
    assert!(matches!(subset(b"OTTO\0\0\0\0", 0, &[0]), Err(SubsetError::Malformed(_))));
    // Liberation Serif with its glyf table renamed.
    let mut data = liberation().to_vec();
    let count = usize::from(u16::from_be_bytes([data[4], data[5]]));
    let glyf = (0..count).map(|i| 12 + 16 * i).find(|&at| &data[at..at + 4] == b"glyf").unwrap();
    data[glyf..glyf + 4].copy_from_slice(b"glyx");
    assert_eq!(subset(&data, 0, &[0, 1]), Err(SubsetError::NoOutlines));
    // A single font has no face 1.
    assert!(matches!(subset(fang(), 1, &[0]), Err(SubsetError::Malformed(_))));
}

#[test]
fn truncated_cff_table() {
    // The directory still points at the whole table: neither path finds a CFF table.
    let cut = &fang()[..fang_cff().start + 1000];
    assert!(subset(cut, 0, &[0, 1, 2]).is_err());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn random_bytes_are_an_error(bytes in proptest::collection::vec(any::<u8>(), 0..2000),
                                 sfnt in prop::sample::select(vec![&b"OTTO"[..], b"\0\x01\0\0", b"ttcf"])) {
        let mut data = sfnt.to_vec();
        data.extend(bytes);
        prop_assert!(subset(&data, 0, &[0, 1]).is_err());
    }

    /// Every cut before the end of FandolFang's CFF table loses outlines.
    #[test]
    fn truncated_fang_is_an_error(len in 0usize..7_000_000) {
        let len = len % fang_cff().end;
        prop_assert!(subset(&fang()[..len], 0, &[0, 1, 2]).is_err());
    }

    /// Liberation Serif's last tables are not needed for a subset, so a cut there may
    /// still work; anywhere it must not panic.
    #[test]
    fn truncated_liberation_never_panics(len in 0usize..393_576) {
        let _ = subset(&liberation()[..len], 0, &[0, 1, 2]);
    }

    /// Corrupting the CFF structures gives a subset or an error. The header, INDEXes, Top
    /// DICT, charset, FDSelect and CharStrings offsets sit in its first 40 KB, the FDArray
    /// and Private DICT in its last 100 bytes.
    #[test]
    fn corrupt_cff_never_panics(
        edits in proptest::collection::vec((0usize..40_000, any::<u8>(), any::<bool>()), 1..8)
    ) {
        let mut data = fang().to_vec();
        let cff = fang_cff();
        for (at, byte, at_end) in edits {
            data[if at_end { cff.end - 1 - at % 100 } else { cff.start + at }] = byte;
        }
        let _ = subset(&data, 0, &[0, 17, 3, 500]);
    }

    #[test]
    fn random_glyph_lists(glyphs in proptest::collection::vec(any::<u16>(), 0..40)) {
        let result = subset(fang(), 0, &glyphs);
        let mut seen = std::collections::HashSet::new();
        let expected = match glyphs.first() {
            None => Some(SubsetError::Empty),
            Some(&first) if first != 0 => Some(SubsetError::NotdefFirst(first)),
            _ => glyphs.iter().find(|g| !seen.insert(**g)).map(|&g| SubsetError::Repeated(g)).or_else(|| {
                glyphs.iter().find(|&&g| g >= 10365).map(|&glyph| SubsetError::OutOfRange { glyph, count: 10365 })
            }),
        };
        match expected {
            Some(error) => prop_assert_eq!(result, Err(error)),
            None => prop_assert!(matches!(result, Ok(FontProgram::Cff(_)))),
        }
    }
}
