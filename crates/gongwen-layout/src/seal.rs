//! The seal image of a sealed copy (`--seal seal.png`): a PNG read once, kept as its own
//! bytes (the DOCX and the OFD carry the file itself) and as 8-bit RGB with its alpha
//! (the PDF's image and soft mask). Decoded with the `png` crate, so that a file that
//! does not decode is refused before anything is written.

use std::fmt;
use std::sync::Arc;

/// A decoded seal image. Cloning shares the pixels.
#[derive(Clone, PartialEq, Eq)]
pub struct SealImage(Arc<Decoded>);

#[derive(PartialEq, Eq)]
struct Decoded {
    png: Vec<u8>,
    width: u32,
    height: u32,
    rgb: Vec<u8>,
    alpha: Option<Vec<u8>>,
}

/// Why a seal image was refused.
#[derive(Debug, thiserror::Error)]
pub enum SealError {
    /// The bytes are not a PNG that decodes.
    #[error("not a readable PNG image: {0}")]
    Decode(String),
    /// The image has no pixels, or more than a seal needs.
    #[error("a {0} × {1} pixel image cannot be a seal (1 to {MAX_SIDE} pixels a side)")]
    Size(u32, u32),
}

/// The largest side accepted: 4096 pixels are 2,500 dpi over a 42 mm seal.
pub const MAX_SIDE: u32 = 4096;

impl SealImage {
    /// Decodes `png`, a PNG file's bytes, of any colour type and bit depth.
    pub fn from_png(png: &[u8]) -> Result<SealImage, SealError> {
        let decode = |e: png::DecodingError| SealError::Decode(e.to_string());
        let mut decoder = png::Decoder::new(std::io::Cursor::new(png));
        decoder.set_transformations(png::Transformations::normalize_to_color8());
        let header = decoder.read_header_info().map_err(decode)?;
        let (width, height) = (header.width, header.height);
        if width == 0 || height == 0 || width > MAX_SIDE || height > MAX_SIDE {
            return Err(SealError::Size(width, height));
        }
        let mut reader = decoder.read_info().map_err(decode)?;
        let size = reader
            .output_buffer_size()
            .ok_or_else(|| SealError::Decode("the image is too large to decode".into()))?;
        let mut buffer = vec![0; size];
        let frame = reader.next_frame(&mut buffer).map_err(decode)?;
        let pixels = &buffer[..frame.buffer_size()];
        let n = (width * height) as usize;
        let (rgb, alpha) = match frame.color_type {
            png::ColorType::Rgb => (pixels.to_vec(), None),
            png::ColorType::Rgba => {
                let rgb = pixels.chunks_exact(4).flat_map(|p| [p[0], p[1], p[2]]).collect();
                (rgb, Some(pixels.chunks_exact(4).map(|p| p[3]).collect()))
            }
            png::ColorType::Grayscale => (pixels.iter().flat_map(|&g| [g, g, g]).collect(), None),
            png::ColorType::GrayscaleAlpha => {
                let rgb = pixels.chunks_exact(2).flat_map(|p| [p[0], p[0], p[0]]).collect();
                (rgb, Some(pixels.chunks_exact(2).map(|p| p[1]).collect()))
            }
            png::ColorType::Indexed => {
                return Err(SealError::Decode("indexed colour was not expanded".into()));
            }
        };
        if rgb.len() != 3 * n {
            return Err(SealError::Decode("the image data is shorter than its size".into()));
        }
        Ok(SealImage(Arc::new(Decoded { png: png.to_vec(), width, height, rgb, alpha })))
    }

    /// The PNG file's bytes, as given.
    pub fn png(&self) -> &[u8] {
        &self.0.png
    }

    /// Width and height in pixels.
    pub fn size(&self) -> (u32, u32) {
        (self.0.width, self.0.height)
    }

    /// The pixels as 8-bit RGB, row by row.
    pub fn rgb(&self) -> &[u8] {
        &self.0.rgb
    }

    /// The alpha of each pixel, when the image has one.
    pub fn alpha(&self) -> Option<&[u8]> {
        self.0.alpha.as_deref()
    }

    /// The image's width and height when drawn to fit a square `side` wide, centred:
    /// the longer side takes `side`.
    pub fn fit(&self, side: f32) -> (f32, f32) {
        let (w, h) = (self.0.width as f32, self.0.height as f32);
        if w >= h { (side, side * h / w) } else { (side * w / h, side) }
    }
}

impl fmt::Debug for SealImage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SealImage({} × {}, {} bytes)", self.0.width, self.0.height, self.0.png.len())
    }
}
