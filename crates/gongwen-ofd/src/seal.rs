//! The seal image of a sealed copy: one MultiMedia resource (the PNG itself, under
//! `Res/`) in DocumentRes.xml, drawn by an ImageObject at each place the layout marks
//! for a seal, fitted to the seal's diameter and centred on it, over the page's text.

use std::fmt::Write as _;

use gongwen_layout::{Page, SealImage};

use crate::content::Ids;
use crate::xml::{NS, numbers, um};

/// The seal's file under `Doc_0/Res/`.
pub(crate) const FILE: &str = "seal.png";

/// The seal resource: its id and image, when a page has a seal to draw.
#[derive(Clone, Copy)]
pub(crate) struct Resource<'a> {
    pub(crate) id: u32,
    pub(crate) image: &'a SealImage,
}

/// DocumentRes.xml: empty, or the seal as its one MultiMedia.
pub(crate) fn document_res(seal: Option<Resource<'_>>) -> String {
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ofd:Res xmlns:ofd=\"{NS}\" BaseLoc=\"Res\""
    );
    match seal {
        None => out.push_str("/>\n"),
        Some(seal) => {
            let _ = writeln!(
                out,
                "><ofd:MultiMedias><ofd:MultiMedia ID=\"{}\" Type=\"Image\" Format=\"PNG\"><ofd:MediaFile>{FILE}</ofd:MediaFile></ofd:MultiMedia></ofd:MultiMedias></ofd:Res>",
                seal.id
            );
        }
    }
    out
}

/// Writes an ImageObject of `seal` for each of `page`'s seals: its Boundary the fitted
/// image's box, its CTM scaling the unit image to that box.
pub(crate) fn objects(out: &mut String, page: &Page, seal: Option<&SealImage>, ids: &mut Ids) {
    let Some(seal) = seal else { return };
    for place in &page.seals {
        let (w, h) = seal.fit(place.diameter);
        let (x, y) = (um(place.x - w / 2.0), um(place.y - h / 2.0));
        let (w, h) = (um(w), um(h));
        let (id, resource) = (ids.next(), ids.seal());
        let _ = write!(out, "<ofd:ImageObject ID=\"{id}\" ResourceID=\"{resource}\" Boundary=\"");
        numbers(out, &[x, y, w, h]);
        out.push_str("\" CTM=\"");
        numbers(out, &[w, 0, 0, h, 0, 0]);
        out.push_str("\"/>\n");
    }
}
