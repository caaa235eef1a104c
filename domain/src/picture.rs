//! The profile picture's rules, shared by the page and the backend: the type,
//! the size in bytes, the signature and pixel size read from the file's first
//! bytes, the smallest side WhatsApp accepts, and the square crop the page
//! makes before uploading.
//!
//! The page checks a file in this order before sending it: [`type_ok`],
//! [`size_ok`], [`Format::sniff`], then (once the browser has decoded it)
//! [`big_enough`]. The backend reads the same signature and pixel size from the
//! bytes it receives with [`inspect`].

/// The largest picture the backend accepts, in bytes (the page downsizes to 640 × 640 first).
pub const PICTURE_MAX_BYTES: usize = 5 * 1024 * 1024;
/// The smallest picture side WhatsApp accepts, in pixels.
pub const PICTURE_MIN_SIDE: u32 = 192;
/// The side the page downsizes pictures to before uploading.
pub const PICTURE_UPLOAD_SIDE: u32 = 640;

/// The largest zoom, in percent; also limited so the crop keeps [`PICTURE_MIN_SIDE`] pixels.
pub const ZOOM_MAX: u32 = 400;
/// The zoom slider's step, in percent.
pub const ZOOM_STEP: u32 = 5;

/// The first bytes of every JPEG.
pub const JPEG_MAGIC: &[u8] = &[0xFF, 0xD8, 0xFF];
/// The first bytes of every PNG.
pub const PNG_MAGIC: &[u8] = &[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];

/// A byte count in "MB" as the hint says it (1 MB = 1,048,576 bytes, as the limit).
const MB: f64 = 1_048_576.0;

/// Whether the browser's MIME type or the file name says JPEG or PNG.
pub fn type_ok(mime: &str, name: &str) -> bool {
    let mime = mime.trim().to_ascii_lowercase();
    let name = name.trim().to_ascii_lowercase();
    matches!(
        mime.as_str(),
        "image/jpeg" | "image/jpg" | "image/pjpeg" | "image/png"
    ) || [".jpg", ".jpeg", ".png"]
        .iter()
        .any(|ext| name.ends_with(ext))
}

/// Whether a file of `bytes` bytes is within [`PICTURE_MAX_BYTES`].
pub fn size_ok(bytes: f64) -> bool {
    bytes <= PICTURE_MAX_BYTES as f64
}

/// A file's size and the limit, in whole tenths of a megabyte, for the page's
/// "must be 5 MB or smaller; this one is 7.2 MB": `(50, 72)`. A file over the
/// limit never reads as the limit ("5.0 MB").
pub fn oversize_tenths(bytes: f64) -> (u64, u64) {
    // Whole tenths of a MB, formatted as integers: float formatting would add kilobytes of wasm.
    let limit = (PICTURE_MAX_BYTES as f64 / MB * 10.0).round() as u64;
    let tenths = ((bytes / MB * 10.0).round() as u64).max(limit + 1);
    (limit, tenths)
}

/// Whether both sides are at least [`PICTURE_MIN_SIDE`] pixels.
pub fn big_enough(width: u32, height: u32) -> bool {
    width >= PICTURE_MIN_SIDE && height >= PICTURE_MIN_SIDE
}

/// "The picture must be at least 192 × 192 pixels; this one is 120 × 90".
pub fn too_small(width: u32, height: u32) -> String {
    format!("The picture must be at least {PICTURE_MIN_SIDE} × {PICTURE_MIN_SIDE} pixels; this one is {width} × {height}")
}

/// The two kinds of picture accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// JPEG (JFIF, Exif...).
    Jpeg,
    /// PNG.
    Png,
}

impl Format {
    /// The format whose signature `head` starts with, if any.
    pub fn sniff(head: &[u8]) -> Option<Format> {
        if head.starts_with(PNG_MAGIC) {
            Some(Format::Png)
        } else if head.starts_with(JPEG_MAGIC) {
            Some(Format::Jpeg)
        } else {
            None
        }
    }

    /// Its MIME type.
    pub fn content_type(self) -> &'static str {
        match self {
            Format::Jpeg => "image/jpeg",
            Format::Png => "image/png",
        }
    }

    /// (width, height) from the header of a file in this format: the PNG
    /// header or the JPEG frame header. `None` when it cannot be read.
    pub fn size(self, bytes: &[u8]) -> Option<(u32, u32)> {
        match self {
            Format::Jpeg => jpeg_size(bytes),
            Format::Png => png_size(bytes),
        }
    }
}

/// Why [`inspect`] refused a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// It starts with neither a JPEG nor a PNG signature.
    NotAnImage,
    /// Its header cannot be read.
    Unreadable,
    /// A side is under [`PICTURE_MIN_SIDE`] pixels (see [`too_small`]).
    TooSmall {
        /// Its width in pixels.
        width: u32,
        /// Its height in pixels.
        height: u32,
    },
}

/// The picture's format and size (width, height), or why it is refused.
///
/// The format comes from the file's first bytes, whatever the name or MIME type
/// say; the size from the PNG header or the JPEG frame header. Any bytes give
/// an answer: it never panics.
pub fn inspect(bytes: &[u8]) -> Result<(Format, (u32, u32)), Refusal> {
    let format = Format::sniff(bytes).ok_or(Refusal::NotAnImage)?;
    let (width, height) = format.size(bytes).ok_or(Refusal::Unreadable)?;
    if !big_enough(width, height) {
        return Err(Refusal::TooSmall { width, height });
    }
    Ok((format, (width, height)))
}

/// (width, height) from a PNG's IHDR chunk, which must come first.
fn png_size(bytes: &[u8]) -> Option<(u32, u32)> {
    let ihdr = bytes.get(PNG_MAGIC.len()..PNG_MAGIC.len() + 16)?;
    if ihdr[..8] != [0, 0, 0, 13, b'I', b'H', b'D', b'R'] {
        return None;
    }
    let word = |at: usize| u32::from_be_bytes([ihdr[at], ihdr[at + 1], ihdr[at + 2], ihdr[at + 3]]);
    let (width, height) = (word(8), word(12));
    // The PNG specification allows 1 to 2^31 - 1 for each.
    let ok = |side: u32| (1..=i32::MAX as u32).contains(&side);
    (ok(width) && ok(height)).then_some((width, height))
}

/// (width, height) from a JPEG's first frame header (SOF0 to SOF15, not DHT, JPG or DAC).
fn jpeg_size(bytes: &[u8]) -> Option<(u32, u32)> {
    let byte = |at: usize| bytes.get(at).copied();
    let mut at = 2; // after SOI
    loop {
        if byte(at)? != 0xFF {
            return None;
        }
        while byte(at)? == 0xFF {
            at += 1; // fill bytes
        }
        let marker = byte(at)?;
        at += 1;
        match marker {
            0x01 | 0xD0..=0xD7 => continue, // no length
            0xC4 | 0xC8 | 0xCC => {}
            0xC0..=0xCF => {
                let height = u16::from_be_bytes([byte(at + 3)?, byte(at + 4)?]);
                let width = u16::from_be_bytes([byte(at + 5)?, byte(at + 6)?]);
                return Some((u32::from(width), u32::from(height)));
            }
            // A second SOI, the end, or image data before any frame header.
            0xD8..=0xDA => return None,
            _ => {}
        }
        let length = usize::from(u16::from_be_bytes([byte(at)?, byte(at + 1)?]));
        if length < 2 {
            return None;
        }
        at += length;
    }
}

/// The zoom slider's top, in percent: up to 400 %, but never a crop under 192 pixels.
pub fn max_zoom(width: u32, height: u32) -> u32 {
    let short = f64::from(width.min(height));
    let most = (short / f64::from(PICTURE_MIN_SIDE) * 100.0).floor() as u32;
    (most.min(ZOOM_MAX) / ZOOM_STEP * ZOOM_STEP).max(100)
}

/// A square inside the image, in whole image pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Crop {
    /// Left edge.
    pub x: f64,
    /// Top edge.
    pub y: f64,
    /// Side.
    pub side: f64,
}

impl Crop {
    /// The square for a zoom (percent, 100 = the whole short side, at most
    /// [`max_zoom`]) and a position (0 to 100 across the room left on each
    /// axis, 50 = centred) in an image of `width` × `height` pixels.
    pub fn new(width: u32, height: u32, zoom: u32, across: u32, down: u32) -> Self {
        let (w, h) = (f64::from(width.max(1)), f64::from(height.max(1)));
        let zoom = f64::from(zoom.clamp(100, max_zoom(width, height))) / 100.0;
        // max/min rather than f64::clamp, whose panic message brings float formatting into the wasm.
        // Rounded before the room is measured, so the square never pokes out of the image.
        let side = (w.min(h) / zoom).max(1.0).min(w.min(h)).round();
        let at = |room: f64, pct: u32| (room * f64::from(pct.min(100)) / 100.0).round();
        Crop {
            x: at(w - side, across),
            y: at(h - side, down),
            side,
        }
    }

    /// The room left to move this square across and down an image of `width` × `height`, in image pixels.
    pub fn room(self, width: u32, height: u32) -> (f64, f64) {
        (f64::from(width) - self.side, f64::from(height) - self.side)
    }
}

/// A position (0 to 100, as [`Crop::new`] takes) after dragging the preview by
/// `moved` CSS pixels from `from`, when the preview is `shown` CSS pixels wide,
/// shows a square of `side` image pixels, and `room` image pixels are left on
/// that axis. Dragging right (positive) shows more of the left, so the position
/// goes down.
pub fn dragged(from: u32, moved: f64, side: f64, shown: f64, room: f64) -> u32 {
    if room < 1.0 || shown <= 0.0 {
        return from;
    }
    // Image pixels per CSS pixel of the preview.
    let scale = side / shown;
    // `as` saturates: below 0 (or NaN) becomes 0.
    (f64::from(from) - moved * scale / room * 100.0)
        .round()
        .min(100.0) as u32
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn png_header(width: u32, height: u32) -> Vec<u8> {
        let mut b = PNG_MAGIC.to_vec();
        b.extend([0, 0, 0, 13]);
        b.extend(b"IHDR");
        b.extend(width.to_be_bytes());
        b.extend(height.to_be_bytes());
        b.extend([8, 0, 0, 0, 0]);
        b
    }

    fn jpeg_header(width: u16, height: u16) -> Vec<u8> {
        let mut b = vec![0xFF, 0xD8];
        // APP0 (JFIF), 16 bytes long, then a DHT-like C4 segment that is not a frame.
        b.extend([0xFF, 0xE0, 0, 16]);
        b.extend(b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0");
        b.extend([0xFF, 0xC4, 0, 4, 0, 0]);
        b.extend([0xFF, 0xFF, 0xC2, 0, 17, 8]); // fill byte, then progressive SOF2
        b.extend(height.to_be_bytes());
        b.extend(width.to_be_bytes());
        b.extend([3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
        b.extend([0xFF, 0xD9]);
        b
    }

    #[test]
    fn type_by_mime_or_name() {
        assert!(type_ok("image/png", "logo"));
        assert!(type_ok("image/jpeg", "photo.bin"));
        assert!(type_ok("", "Photo.JPG"));
        assert!(type_ok("", "logo.png"));
        assert!(!type_ok("image/gif", "logo.gif"));
        assert!(!type_ok("application/pdf", "brochure.pdf"));
        assert!(!type_ok("", "notes.txt"));
    }

    #[test]
    fn signatures() {
        assert_eq!(Format::sniff(&[0xFF, 0xD8, 0xFF, 0xE0]), Some(Format::Jpeg));
        assert_eq!(Format::sniff(PNG_MAGIC), Some(Format::Png));
        assert_eq!(Format::sniff(b"hello, world"), None);
        assert_eq!(Format::sniff(&[0xFF, 0xD8]), None);
        assert_eq!(Format::sniff(b"GIF89a"), None);
        assert_eq!(Format::Jpeg.content_type(), "image/jpeg");
        assert_eq!(Format::Png.content_type(), "image/png");
    }

    #[test]
    fn byte_size_rule() {
        assert!(size_ok(0.0));
        assert!(size_ok(PICTURE_MAX_BYTES as f64));
        assert!(!size_ok(PICTURE_MAX_BYTES as f64 + 1.0));
    }

    #[test]
    fn messages() {
        assert_eq!(oversize_tenths(7.2 * MB), (50, 72));
        // Just over the limit never reads as "5.0 MB".
        assert_eq!(oversize_tenths(5.0 * MB + 1.0), (50, 51));
        assert_eq!(
            too_small(120, 90),
            "The picture must be at least 192 × 192 pixels; this one is 120 × 90"
        );
    }

    #[test]
    fn reads_png_and_jpeg_sizes() {
        assert_eq!(
            inspect(&png_header(640, 480)),
            Ok((Format::Png, (640, 480)))
        );
        assert_eq!(
            inspect(&jpeg_header(300, 200)),
            Ok((Format::Jpeg, (300, 200)))
        );
    }

    #[test]
    fn refuses_what_is_not_a_usable_picture() {
        assert_eq!(inspect(b"hello, I am text"), Err(Refusal::NotAnImage));
        assert_eq!(inspect(b""), Err(Refusal::NotAnImage));
        assert_eq!(inspect(&png_header(0, 500)), Err(Refusal::Unreadable));
        assert_eq!(
            inspect(&png_header(640, 480)[..20]),
            Err(Refusal::Unreadable)
        );
        let mut not_ihdr = png_header(640, 480);
        not_ihdr[12] = b'X';
        assert_eq!(inspect(&not_ihdr), Err(Refusal::Unreadable));
        assert_eq!(
            inspect(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0]),
            Err(Refusal::Unreadable)
        );
        assert_eq!(
            inspect(&[0xFF, 0xD8, 0xFF, 0xDA, 0, 4, 0, 0]),
            Err(Refusal::Unreadable)
        );
        let mut truncated = jpeg_header(300, 200);
        truncated.truncate(30);
        assert_eq!(inspect(&truncated), Err(Refusal::Unreadable));
        assert_eq!(
            inspect(&png_header(100, 100)),
            Err(Refusal::TooSmall {
                width: 100,
                height: 100
            })
        );
        assert_eq!(
            inspect(&jpeg_header(640, 191)),
            Err(Refusal::TooSmall {
                width: 640,
                height: 191
            })
        );
        assert!(inspect(&png_header(192, 192)).is_ok());
    }

    #[test]
    fn crops_stay_square_inside_the_image() {
        let c = Crop::new(800, 600, 100, 50, 50);
        assert_eq!(
            c,
            Crop {
                x: 100.0,
                y: 0.0,
                side: 600.0
            }
        );
        assert_eq!(c.room(800, 600), (200.0, 0.0));
        let c = Crop::new(800, 600, 200, 0, 100);
        assert_eq!(
            c,
            Crop {
                x: 0.0,
                y: 300.0,
                side: 300.0
            }
        );
        // A half-pixel side used to round up while its room rounded up too: 500 + 301 > 800.
        let c = Crop::new(800, 601, 200, 100, 100);
        assert!(c.x + c.side <= 800.0 && c.y + c.side <= 601.0, "{c:?}");
    }

    #[test]
    fn zoom_keeps_enough_pixels() {
        assert_eq!(max_zoom(192, 500), 100);
        assert_eq!(max_zoom(800, 600), 310);
        assert_eq!(max_zoom(4000, 3000), 400);
        assert_eq!(max_zoom(0, 0), 100);
    }

    #[test]
    fn dragging_moves_the_other_way() {
        // 480 CSS pixels show 600 image pixels; 200 pixels of room across.
        assert_eq!(dragged(50, 40.0, 600.0, 480.0, 200.0), 25);
        assert_eq!(dragged(50, -40.0, 600.0, 480.0, 200.0), 75);
        assert_eq!(dragged(50, 1000.0, 600.0, 480.0, 200.0), 0);
        assert_eq!(dragged(50, -1000.0, 600.0, 480.0, 200.0), 100);
        // No room, or no preview: the position stays.
        assert_eq!(dragged(37, 40.0, 600.0, 480.0, 0.0), 37);
        assert_eq!(dragged(37, 40.0, 600.0, 0.0, 200.0), 37);
    }

    fn any_magic() -> impl Strategy<Value = Vec<u8>> {
        prop_oneof![
            Just(PNG_MAGIC.to_vec()),
            Just(JPEG_MAGIC.to_vec()),
            Just(Vec::new()),
        ]
    }

    proptest! {
        /// Any bytes after either signature give an answer, never a panic or a hang.
        #[test]
        fn inspect_never_panics(
            magic in any_magic(),
            rest in proptest::collection::vec(any::<u8>(), 0..200),
        ) {
            let mut bytes = magic;
            bytes.extend(rest);
            let _ = inspect(&bytes);
        }

        /// A header's size is read back, and the 192-pixel rule decides.
        #[test]
        fn headers_read_back(width in 1u32..5000, height in 1u32..5000, png: bool) {
            let (bytes, format) = if png {
                (png_header(width, height), Format::Png)
            } else {
                (jpeg_header(width as u16, height as u16), Format::Jpeg)
            };
            let expected = if big_enough(width, height) {
                Ok((format, (width, height)))
            } else {
                Err(Refusal::TooSmall { width, height })
            };
            prop_assert_eq!(inspect(&bytes), expected);
        }

        /// Every crop is a whole-pixel square inside the image, at least the
        /// minimum side (or the whole short side of a smaller image).
        #[test]
        fn every_crop_lies_inside_the_image(
            width in 1u32..6000,
            height in 1u32..6000,
            zoom in 0u32..1000,
            across in 0u32..200,
            down in 0u32..200,
        ) {
            let c = Crop::new(width, height, zoom, across, down);
            let (w, h) = (f64::from(width), f64::from(height));
            prop_assert!(c.side >= f64::from(PICTURE_MIN_SIDE.min(width.min(height))), "{:?}", c);
            prop_assert!(c.side <= w.min(h), "{:?}", c);
            prop_assert!(c.x >= 0.0 && c.x + c.side <= w, "{:?}", c);
            prop_assert!(c.y >= 0.0 && c.y + c.side <= h, "{:?}", c);
            prop_assert!(c.x.fract() == 0.0 && c.y.fract() == 0.0 && c.side.fract() == 0.0);
            let (room_x, room_y) = c.room(width, height);
            prop_assert!(room_x >= 0.0 && room_y >= 0.0);
        }

        /// The zoom slider's top is a whole step from 100 to 400, and at that top
        /// a picture that passed the checks still keeps 192 pixels.
        #[test]
        fn the_most_zoom_keeps_the_minimum_side(width in 192u32..20_000, height in 192u32..20_000) {
            let top = max_zoom(width, height);
            prop_assert!((100..=ZOOM_MAX).contains(&top) && top.is_multiple_of(ZOOM_STEP));
            prop_assert!(Crop::new(width, height, top, 50, 50).side >= f64::from(PICTURE_MIN_SIDE));
        }

        /// Dragging always leaves a position from 0 to 100.
        #[test]
        fn a_drag_stays_in_range(
            from in 0u32..=100,
            moved in -10_000.0f64..10_000.0,
            side in 1.0f64..6000.0,
            shown in 0.0f64..2000.0,
            room in 0.0f64..6000.0,
        ) {
            prop_assert!(dragged(from, moved, side, shown, room) <= 100);
        }

        /// The message never shows the limit itself for a file over it.
        #[test]
        fn too_large_says_more_than_the_limit(extra in 1.0f64..1e9) {
            let bytes = PICTURE_MAX_BYTES as f64 + extra;
            prop_assert!(!size_ok(bytes));
            let (limit, size) = oversize_tenths(bytes);
            prop_assert!(size > limit);
        }
    }
}
