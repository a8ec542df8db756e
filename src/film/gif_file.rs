//! An animated GIF of a film's frames: one palette for the whole film (the graph's few flat
//! colours exactly, the most used of their blends after them), and each frame only the rectangle
//! that changed since the last, its unchanged pixels transparent. A step's frames differ in a
//! message's dot and a label, so a film of a hundred frames costs a few full frames. The same
//! frames give the same bytes: nothing here depends on time or chance.

use std::collections::HashMap;

use gif::{DisposalMethod, Encoder, Frame, Repeat};

/// The palette index of a pixel unchanged since the last frame.
const CLEAR: u8 = 255;

/// How often each colour is used in the frames seen, to choose the palette by.
#[derive(Default)]
pub struct Colours(HashMap<u32, u64>);

impl Colours {
    /// Counts the colours of a frame (RGBA).
    pub fn add(&mut self, frame: &[u8]) {
        // Counted a run at a time: most of a frame is runs of its background and fills.
        let mut run: Option<(u32, u64)> = None;
        for pixel in frame.chunks_exact(4) {
            let colour = rgb(pixel);
            match &mut run {
                Some((c, n)) if *c == colour => *n += 1,
                _ => {
                    if let Some((c, n)) = run.replace((colour, 1)) {
                        *self.0.entry(c).or_default() += n;
                    }
                }
            }
        }
        if let Some((c, n)) = run {
            *self.0.entry(c).or_default() += n;
        }
    }

    /// The 255 colours most used, the most used first (ties by colour).
    pub fn palette(self) -> Palette {
        let mut ranked: Vec<(u32, u64)> = self.0.into_iter().collect();
        chainrule::sort::sort_by(&mut ranked, |a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let colours: Vec<[u8; 3]> = ranked
            .iter()
            .take(usize::from(CLEAR))
            .map(|&(c, _)| [(c >> 16) as u8, (c >> 8) as u8, c as u8])
            .collect();
        let nearest = colours
            .iter()
            .enumerate()
            .map(|(i, c)| (rgb(c), i as u8))
            .collect();
        Palette { colours, nearest }
    }
}

/// The film's colours, and the nearest of them for each colour met.
pub struct Palette {
    colours: Vec<[u8; 3]>,
    nearest: HashMap<u32, u8>,
}

fn rgb(pixel: &[u8]) -> u32 {
    u32::from(pixel[0]) << 16 | u32::from(pixel[1]) << 8 | u32::from(pixel[2])
}

impl Palette {
    /// The index of the palette's colour nearest `colour`.
    fn index(&mut self, colour: u32) -> u8 {
        let colours = &self.colours;
        *self.nearest.entry(colour).or_insert_with(|| {
            let [r, g, b] = [
                (colour >> 16) as i32,
                (colour >> 8 & 0xff) as i32,
                (colour & 0xff) as i32,
            ];
            let distance = |c: &[u8; 3]| {
                let (dr, dg, db) = (
                    i32::from(c[0]) - r,
                    i32::from(c[1]) - g,
                    i32::from(c[2]) - b,
                );
                // Weighted as the eye weighs them (green most, blue least).
                3 * dr * dr + 4 * dg * dg + 2 * db * db
            };
            (0..colours.len())
                .min_by_key(|&i| distance(&colours[i]))
                .unwrap_or(0) as u8
        })
    }

    /// The palette as the GIF writes it: 256 colours, the last the transparent one.
    fn table(&self) -> Vec<u8> {
        let mut table: Vec<u8> = self.colours.iter().flatten().copied().collect();
        table.resize(256 * 3, 0);
        table
    }
}

/// An animated GIF being written, frame by frame.
pub struct GifFile {
    encoder: Encoder<Vec<u8>>,
    palette: Palette,
    size: (u16, u16),
    last: Option<Vec<u8>>,
    /// How many frames it holds.
    frames: usize,
    /// The last frame that changed anything, written once its time is known in full.
    pending: Option<Frame<'static>>,
}

fn failed(e: gif::EncodingError) -> String {
    format!("the GIF could not be written: {e}")
}

impl GifFile {
    /// A GIF of `width` × `height` pixels in `palette`'s colours, looping for ever.
    pub fn new(width: u16, height: u16, palette: Palette) -> Result<GifFile, String> {
        let mut encoder =
            Encoder::new(Vec::new(), width, height, &palette.table()).map_err(failed)?;
        encoder.set_repeat(Repeat::Infinite).map_err(failed)?;
        Ok(GifFile {
            encoder,
            palette,
            size: (width, height),
            last: None,
            frames: 0,
            pending: None,
        })
    }

    /// Adds a frame (RGBA, the GIF's size) shown for `ms` milliseconds.
    pub fn push(&mut self, rgba: Vec<u8>, ms: u32) -> Result<(), String> {
        let (w, h) = (usize::from(self.size.0), usize::from(self.size.1));
        if rgba.len() != w * h * 4 {
            return Err(format!(
                "a frame of {} bytes is not {w} × {h} pixels",
                rgba.len()
            ));
        }
        let delay = (ms / 10).clamp(2, u32::from(u16::MAX)) as u16;
        let changed = match &self.last {
            None => Some((0, 0, w, h)),
            Some(last) => changed(last, &rgba, w),
        };
        let Some((x0, y0, x1, y1)) = changed else {
            // Nothing changed: the frame before is shown for longer.
            if let Some(frame) = &mut self.pending {
                frame.delay = frame.delay.saturating_add(delay);
            }
            return Ok(());
        };
        let mut buffer = Vec::with_capacity((x1 - x0) * (y1 - y0));
        // The colour last looked up, and its index: runs of one colour look it up once.
        let mut recent = None;
        for y in y0..y1 {
            for x in x0..x1 {
                let i = (y * w + x) * 4;
                let same = self
                    .last
                    .as_ref()
                    .is_some_and(|l| l[i..i + 3] == rgba[i..i + 3]);
                buffer.push(if same {
                    CLEAR
                } else {
                    let colour = rgb(&rgba[i..i + 4]);
                    match recent {
                        Some((c, index)) if c == colour => index,
                        _ => {
                            let index = self.palette.index(colour);
                            recent = Some((colour, index));
                            index
                        }
                    }
                });
            }
        }
        let frame = Frame {
            delay,
            dispose: DisposalMethod::Keep,
            transparent: self.last.is_some().then_some(CLEAR),
            left: x0 as u16,
            top: y0 as u16,
            width: (x1 - x0) as u16,
            height: (y1 - y0) as u16,
            buffer: buffer.into(),
            ..Frame::default()
        };
        self.frames += 1;
        if let Some(before) = self.pending.replace(frame) {
            self.encoder.write_frame(&before).map_err(failed)?;
        }
        self.last = Some(rgba);
        Ok(())
    }

    /// How many frames it holds: a frame that changed nothing is the one before held longer.
    pub fn frames(&self) -> usize {
        self.frames
    }

    /// The GIF's bytes.
    pub fn finish(mut self) -> Result<Vec<u8>, String> {
        if let Some(frame) = self.pending.take() {
            self.encoder.write_frame(&frame).map_err(failed)?;
        }
        self.encoder.into_inner().map_err(failed)
    }
}

/// The rectangle (x0, y0, x1, y1, ends excluded) holding every pixel whose colour differs
/// between `a` and `b` (RGBA rows of `width` pixels), or None if none does.
fn changed(a: &[u8], b: &[u8], width: usize) -> Option<(usize, usize, usize, usize)> {
    let row = width * 4;
    let differs = |y: usize| a[y * row..(y + 1) * row] != b[y * row..(y + 1) * row];
    let rows = a.len() / row;
    let y0 = (0..rows).find(|&y| differs(y))?;
    let y1 = (y0..rows).rev().find(|&y| differs(y))? + 1;
    let column = |x: usize| {
        (y0..y1).any(|y| {
            a[y * row + x * 4..y * row + x * 4 + 3] != b[y * row + x * 4..y * row + x * 4 + 3]
        })
    };
    let x0 = (0..width).find(|&x| column(x))?;
    let x1 = (x0..width).rev().find(|&x| column(x))? + 1;
    Some((x0, y0, x1, y1))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A `w` × `h` frame of `back` with a `colour` square of side 4 at (x, y).
    fn frame(
        w: usize,
        h: usize,
        back: [u8; 3],
        square: Option<(usize, usize, [u8; 3])>,
    ) -> Vec<u8> {
        let mut rgba = Vec::with_capacity(w * h * 4);
        for y in 0..h {
            for x in 0..w {
                let c = match square {
                    Some((sx, sy, c)) if (sx..sx + 4).contains(&x) && (sy..sy + 4).contains(&y) => {
                        c
                    }
                    _ => back,
                };
                rgba.extend_from_slice(&[c[0], c[1], c[2], 255]);
            }
        }
        rgba
    }

    /// Every frame of a GIF as the decoder composes it, with its delay.
    fn decode(bytes: &[u8]) -> Vec<(Vec<u8>, u16)> {
        let mut options = gif::DecodeOptions::new();
        options.set_color_output(gif::ColorOutput::RGBA);
        let mut decoder = options.read_info(bytes).expect("a GIF");
        let (w, h) = (usize::from(decoder.width()), usize::from(decoder.height()));
        let mut screen = vec![0u8; w * h * 4];
        let mut frames = Vec::new();
        while let Some(f) = decoder.read_next_frame().expect("a frame") {
            for y in 0..usize::from(f.height) {
                for x in 0..usize::from(f.width) {
                    let s = (y * usize::from(f.width) + x) * 4;
                    if f.buffer[s + 3] == 0 {
                        continue;
                    }
                    let d = ((y + usize::from(f.top)) * w + x + usize::from(f.left)) * 4;
                    screen[d..d + 4].copy_from_slice(&f.buffer[s..s + 4]);
                }
            }
            frames.push((screen.clone(), f.delay));
        }
        frames
    }

    #[test]
    fn frames_read_back_as_drawn_and_only_changes_are_written() {
        let (w, h) = (40, 30);
        let white = [255, 255, 255];
        let films = [
            frame(w, h, white, None),
            frame(w, h, white, Some((3, 5, [0, 114, 178]))),
            frame(w, h, white, Some((20, 9, [0, 114, 178]))),
            frame(w, h, white, Some((20, 9, [0, 114, 178]))),
        ];
        let write = || {
            let mut colours = Colours::default();
            films.iter().for_each(|f| colours.add(f));
            let mut gif = GifFile::new(w as u16, h as u16, colours.palette()).expect("a writer");
            for (f, ms) in films.iter().zip([1000, 50, 50, 1500]) {
                gif.push(f.clone(), ms).expect("a frame");
            }
            gif.finish().expect("the bytes")
        };
        let bytes = write();
        assert_eq!(bytes, write(), "the same frames give the same bytes");
        let frames = decode(&bytes);
        // The last frame changed nothing: the one before it is held for both times.
        assert_eq!(frames.len(), 3);
        let mut gif =
            GifFile::new(w as u16, h as u16, Colours::default().palette()).expect("a writer");
        films
            .iter()
            .for_each(|f| gif.push(f.clone(), 100).expect("a frame"));
        assert_eq!(gif.frames(), 3);
        assert_eq!(
            frames.iter().map(|f| f.1).collect::<Vec<_>>(),
            vec![100, 5, 155]
        );
        for (decoded, drawn) in frames.iter().zip(&films) {
            assert_eq!(&decoded.0, drawn);
        }
        // Only the square's old and new places are in the third frame.
        let mut options = gif::DecodeOptions::new();
        options.set_color_output(gif::ColorOutput::Indexed);
        let mut decoder = options.read_info(bytes.as_slice()).expect("a GIF");
        let sizes: Vec<(u16, u16)> = std::iter::from_fn(|| {
            decoder
                .read_next_frame()
                .ok()
                .flatten()
                .map(|f| (f.width, f.height))
        })
        .collect();
        assert_eq!(sizes, vec![(40, 30), (4, 4), (21, 8)]);
    }

    #[test]
    fn a_colour_not_in_the_palette_is_drawn_in_the_nearest() {
        let mut colours = Colours::default();
        colours.add(&[255, 255, 255, 255, 0, 0, 0, 255, 200, 0, 0, 255]);
        let mut palette = colours.palette();
        assert_eq!(palette.colours.len(), 3);
        let red = palette.index(0xf0_10_10);
        assert_eq!(palette.colours[usize::from(red)], [200, 0, 0]);
        let light = palette.index(0xee_ee_ee);
        assert_eq!(palette.colours[usize::from(light)], [255, 255, 255]);
    }

    #[test]
    fn a_frame_of_the_wrong_size_is_refused() {
        let mut gif = GifFile::new(4, 4, Colours::default().palette()).expect("a writer");
        assert!(gif.push(vec![0; 12], 100).unwrap_err().contains("4 × 4"));
    }
}
