//! Colour, rules and seals of an official copy: the red issuer mark, the red rule of the
//! head and the rules of the foot, drawn as filled rectangles; the seal image drawn over
//! each sealed signature where the layout marks it, one image XObject with its alpha as
//! a soft mask, shared by every seal.

use pdf_writer::{Content, Name, Ref};

use gongwen_layout::{Page, Seal, SealImage};

use crate::Fnv;
use crate::file::{File, Kind};

/// The seal image's name in the pages' resources.
pub(crate) const SEAL: &[u8] = b"Seal";

/// Sets the fill colour for a line's text when it differs from the `current` one: its
/// `colour`, or black. A page of black lines gets no colour operator at all, so that a
/// speech's content stream is as it was.
pub(crate) fn colour(
    content: &mut Content,
    current: &mut Option<[u8; 3]>,
    colour: Option<[u8; 3]>,
) {
    if *current == colour {
        return;
    }
    let [r, g, b] = colour.unwrap_or([0, 0, 0]).map(|c| f32::from(c) / 255.0);
    content.set_fill_rgb(r, g, b);
    *current = colour;
}

/// Draws `page`'s rules, each in its colour, leaving the fill colour as it was.
pub(crate) fn rules(content: &mut Content, page: &Page, page_height: f32) {
    for rule in &page.rules {
        let [r, g, b] = rule.colour.map(|c| f32::from(c) / 255.0);
        content.save_state();
        content.set_fill_rgb(r, g, b);
        content.rect(rule.x, page_height - rule.y - rule.thickness, rule.width, rule.thickness);
        content.fill_nonzero();
        content.restore_state();
    }
}

/// Writes `seal` as an image XObject, its alpha as its soft mask, when a page has a seal
/// to draw (`sealed`); returns its id. The pixels go into the file id `id`.
pub(crate) fn seal_image(
    file: &mut File,
    sealed: bool,
    seal: Option<&SealImage>,
    id: &mut Fnv,
) -> Option<Ref> {
    let seal = seal.filter(|_| sealed)?;
    let (width, height) = seal.size();
    let (width, height) = (width as i32, height as i32);
    id.write(seal.rgb());
    let mask = seal.alpha().map(|alpha| {
        let mask = file.alloc();
        file.stream(mask, Kind::Text, alpha, |d| {
            image_dict(d, width, height, b"DeviceGray");
        });
        mask
    });
    let image = file.alloc();
    file.stream(image, Kind::Text, seal.rgb(), |d| {
        image_dict(d, width, height, b"DeviceRGB");
        if let Some(mask) = mask {
            d.pair(Name(b"SMask"), mask);
        }
    });
    Some(image)
}

fn image_dict(d: &mut pdf_writer::Dict<'_>, width: i32, height: i32, space: &[u8]) {
    d.pair(Name(b"Type"), Name(b"XObject"));
    d.pair(Name(b"Subtype"), Name(b"Image"));
    d.pair(Name(b"Width"), width);
    d.pair(Name(b"Height"), height);
    d.pair(Name(b"ColorSpace"), Name(space));
    d.pair(Name(b"BitsPerComponent"), 8);
}

/// Appends to `data`, a page's content, the seal image drawn at each of the page's
/// `seals`: fitted to the seal's diameter, centred on it, over the text. Nothing without
/// an image.
pub(crate) fn draw_seals(
    data: &mut Vec<u8>,
    seals: &[Seal],
    page_height: f32,
    seal: Option<&SealImage>,
) {
    let Some(seal) = seal else { return };
    if seals.is_empty() {
        return;
    }
    let mut content = Content::new();
    for place in seals {
        let (w, h) = seal.fit(place.diameter);
        content.save_state();
        content.transform([w, 0.0, 0.0, h, place.x - w / 2.0, page_height - place.y - h / 2.0]);
        content.x_object(Name(SEAL));
        content.restore_state();
    }
    data.push(b'\n');
    data.extend_from_slice(&content.finish().into_vec());
}
