/// A character that draws nothing but changes how text around it shows: bidirectional
/// embeddings, overrides and isolates (U+202A–202E, U+2066–2069), marks (U+200E, U+200F,
/// U+061C), zero-width characters (U+200B–200D, U+2060–2064) and a byte-order mark inside
/// the text (U+FEFF).
///
/// One U+202E in a heading makes Word and LibreOffice show "一、识认高提" where the PDF,
/// which ignores it, prints "一、提高认识": the reader removes them (as recorded repairs)
/// and `check` reports them.
pub fn is_invisible_control(c: char) -> bool {
    matches!(c,
        '\u{061C}'
        | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{2069}'
        | '\u{FEFF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bidi_and_zero_width_controls_are_invisible_and_text_is_not() {
        for c in ['\u{202E}', '\u{2066}', '\u{200F}', '\u{200B}', '\u{FEFF}', '\u{061C}'] {
            assert!(is_invisible_control(c), "U+{:04X}", c as u32);
        }
        for c in ['一', ' ', '\u{3000}', '—', '\u{2010}', '\u{2070}'] {
            assert!(!is_invisible_control(c), "U+{:04X}", c as u32);
        }
    }
}
