//! Small helpers for writing XML parts by hand: millimetre numbers, and the escaping
//! the DOCX writer shares.

use std::fmt::Write as _;

/// The namespace of every OFD part.
pub(crate) const NS: &str = "http://www.ofdspec.org/2016";

pub(crate) use gongwen_ast::escape_xml as escape;

/// Micrometres from points: OFD measures in millimetres, and a micrometre (1/350 pt) is
/// finer than the hundredth of a point the PDF keeps.
pub(crate) fn um(pt: f32) -> i64 {
    (f64::from(pt) * 25_400.0 / 72.0).round() as i64
}

/// Appends `v` micrometres as millimetres, with no trailing zeros.
pub(crate) fn mm(out: &mut String, v: i64) {
    let sign = if v < 0 { "-" } else { "" };
    let (whole, frac) = (v.unsigned_abs() / 1000, v.unsigned_abs() % 1000);
    let _ = if frac == 0 {
        write!(out, "{sign}{whole}")
    } else if frac % 100 == 0 {
        write!(out, "{sign}{whole}.{}", frac / 100)
    } else if frac % 10 == 0 {
        write!(out, "{sign}{whole}.{:02}", frac / 10)
    } else {
        write!(out, "{sign}{whole}.{frac:03}")
    };
}

/// Appends a box of micrometre numbers, space-separated.
pub(crate) fn numbers(out: &mut String, values: &[i64]) {
    for (i, &v) in values.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        mm(out, v);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn millimetres_are_short_and_exact() {
        let mut s = String::new();
        numbers(&mut s, &[0, 210_000, 1_500, 12_340, -7, 5_005]);
        assert_eq!(s, "0 210 1.5 12.34 -0.007 5.005");
        assert_eq!(um(72.0), 25_400);
    }
}
