//! Making one export: the frames of the walk drawn one after another, each handed to its
//! format's writer, the page told how far it has got after each. Between two frames the browser
//! decodes the next one's image, so the page keeps answering while a film is made; a frame's own
//! work (its changes found, its colours looked up, its pixels compressed) takes a few
//! milliseconds, which the result reports.

use std::cell::Cell;

use super::frame::{frame, graph_alone};
use super::gif_file::{Colours, GifFile};
use super::raster::{breathe, Raster};
use super::script::{shots, slides, Shot};
use super::webm::webm;
use super::{deck, stylesheet, video, zip};
use crate::components::graph::scene::{scene, Scene};
use crate::session::Model;

/// What is made.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// An animated GIF.
    Gif,
    /// A WebM video.
    Video,
    /// A slide deck in one HTML file.
    Deck,
    /// The slides as SVG files, in a ZIP archive.
    Svgs,
}

impl Format {
    /// Every format, in the menu's order.
    pub const ALL: [Format; 4] = [Format::Gif, Format::Video, Format::Deck, Format::Svgs];

    /// Its name in the menu.
    pub fn label(self) -> &'static str {
        match self {
            Format::Gif => "Animated GIF",
            Format::Video => "Video (WebM)",
            Format::Deck => "Slide deck (one HTML file)",
            Format::Svgs => "Slides as SVG files (.zip)",
        }
    }

    /// Its name in forms and tests.
    pub fn key(self) -> &'static str {
        match self {
            Format::Gif => "gif",
            Format::Video => "webm",
            Format::Deck => "deck",
            Format::Svgs => "svg",
        }
    }

    /// Whether it moves (so has a hold time and is drawn into pixels).
    pub fn animated(self) -> bool {
        matches!(self, Format::Gif | Format::Video)
    }
}

/// The frame's size.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Size {
    /// 1280 × 720, a projector's.
    Wide,
    /// 1920 × 1080.
    FullHd,
    /// 1080 × 1080, for a square slide or a post.
    Square,
}

impl Size {
    /// Every size, in the menu's order.
    pub const ALL: [Size; 3] = [Size::Wide, Size::FullHd, Size::Square];

    /// Its pixels, width and height.
    pub fn pixels(self) -> (u32, u32) {
        match self {
            Size::Wide => (1280, 720),
            Size::FullHd => (1920, 1080),
            Size::Square => (1080, 1080),
        }
    }

    /// Its name in the menu and in the file's.
    pub fn label(self) -> String {
        let (w, h) = self.pixels();
        format!("{w}×{h}")
    }
}

/// What to make.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Order {
    /// The format.
    pub format: Format,
    /// The frame's size.
    pub size: Size,
    /// The dark theme's colours, or the light's.
    pub dark: bool,
    /// How long each step is held once its messages have arrived, in milliseconds.
    pub hold_ms: u32,
}

/// A finished export.
pub struct Made {
    /// The file's name.
    pub name: String,
    /// Its media type.
    pub mime: &'static str,
    /// Its bytes.
    pub bytes: Vec<u8>,
    /// How many frames or slides it has.
    pub frames: usize,
    /// The time it took, in milliseconds.
    pub elapsed_ms: f64,
    /// The longest a GIF's frame held up the page, in milliseconds (its colours looked up and
    /// its pixels compressed; a video's frames are encoded by the browser).
    pub longest_ms: f64,
}

fn now() -> f64 {
    gloo::utils::window().performance().map_or(0.0, |p| p.now())
}

/// The most steps an animation shows: 200 steps at 2 s a step is seven minutes of film, and a
/// graph with that many nodes no longer reads at 1280 × 720.
pub const MOST_FILM_STEPS: usize = 200;
/// The most steps a deck or a folder of slides shows (each slide holds the whole graph).
pub const MOST_SLIDE_STEPS: usize = 400;

/// Why `order` cannot be made of `model`'s walk, in words, if it cannot.
pub fn refusal(model: &Model, order: Order) -> Option<String> {
    let steps = model.trace.step_count();
    let (most, what) = if order.format.animated() {
        (MOST_FILM_STEPS, "an animation")
    } else {
        (MOST_SLIDE_STEPS, "the slides")
    };
    (steps > most).then(|| {
        format!(
            "This walk has {steps} steps, and {what} can show at most {most}. Export a smaller \
             expression{}.",
            if order.format.animated() {
                ", or choose the slides (up to 400 steps)"
            } else {
                ""
            }
        )
    })
}

/// How many frames `order` makes of `model`'s walk.
pub fn frame_count(model: &Model, order: Order) -> usize {
    let steps = model.trace.step_count();
    if order.format.animated() {
        shots(steps, order.hold_ms).len()
    } else {
        steps + 1
    }
}

/// The frames the palette is chosen from: a forward step's and a backward step's messages on
/// their way and arrived, and the finished walk, so every colour the film uses is among them.
fn palette_shots(model: &Model) -> Vec<Shot> {
    let steps = model.trace.step_count();
    let forward = model.trace.forward_count();
    let mut cursors = vec![1, (forward + 2).min(steps), steps];
    cursors.dedup();
    cursors
        .into_iter()
        .flat_map(|cursor| {
            [Some(0.5), None].map(|travel| Shot {
                cursor,
                travel,
                ms: 0,
            })
        })
        .collect()
}

/// The frames of a film drawn into pixels, one shot at a time.
struct Studio<'a> {
    model: &'a Model,
    scene: &'a Scene,
    raster: Raster,
    style: String,
    size: (u32, u32),
}

impl<'a> Studio<'a> {
    fn new(model: &'a Model, scene: &'a Scene, order: Order) -> Result<Studio<'a>, String> {
        let size = order.size.pixels();
        Ok(Studio {
            model,
            scene,
            raster: Raster::new(size.0, size.1)?,
            style: stylesheet::collect(order.dark, "svg"),
            size,
        })
    }

    /// Draws `shot` on the canvas, once the page has had its turn; false if `stop` was set
    /// meanwhile.
    async fn draw(&self, shot: Shot, stop: &Cell<bool>) -> Result<bool, String> {
        breathe().await;
        let svg = frame(self.model, self.scene, shot, self.size, &self.style);
        self.raster.draw(&svg).await?;
        Ok(!stop.get())
    }
}

/// Makes `order` of `model`'s walk, calling `report(done, total)` after each frame; None if
/// `stop` was set before it finished.
pub async fn make(
    model: &Model,
    order: Order,
    report: &dyn Fn(usize, usize),
    stop: &Cell<bool>,
) -> Result<Option<Made>, String> {
    if let Some(why) = refusal(model, order) {
        return Err(why);
    }
    let start = now();
    let (w, h) = order.size.pixels();
    let scene = scene(model);
    let steps = model.trace.step_count();
    let size = order.size.label();
    let theme = if order.dark { "dark" } else { "light" };
    let mut longest = 0.0f64;
    let (name, mime, bytes, frames) = match order.format {
        Format::Gif => {
            let studio = Studio::new(model, &scene, order)?;
            let mut colours = Colours::default();
            for shot in palette_shots(model) {
                if !studio.draw(shot, stop).await? {
                    return Ok(None);
                }
                let t = now();
                colours.add(&studio.raster.pixels()?);
                longest = longest.max(now() - t);
            }
            let film = shots(steps, order.hold_ms);
            let mut gif = GifFile::new(w as u16, h as u16, colours.palette())?;
            for (i, shot) in film.iter().enumerate() {
                if !studio.draw(*shot, stop).await? {
                    return Ok(None);
                }
                let t = now();
                gif.push(studio.raster.pixels()?, shot.ms)?;
                longest = longest.max(now() - t);
                report(i + 1, film.len());
            }
            let name = format!("chainrule-walk-{size}-{theme}.gif");
            let frames = gif.frames();
            (name, "image/gif", gif.finish()?, frames)
        }
        Format::Video => {
            let studio = Studio::new(model, &scene, order)?;
            let sink = video::encoder(w, h)?;
            let film = shots(steps, order.hold_ms);
            let mut at = 0u64;
            for (i, shot) in film.iter().enumerate() {
                if !studio.draw(*shot, stop).await? {
                    return Ok(None);
                }
                // Each held frame is a key frame: a player can start at any step.
                let key = i == 0 || shot.travel.is_none();
                sink.frame(studio.raster.canvas(), at, shot.ms, key).await?;
                at += u64::from(shot.ms);
                report(i + 1, film.len());
            }
            let chunks = sink.chunks().await?;
            let name = format!("chainrule-walk-{size}-{theme}.webm");
            (name, "video/webm", webm(&chunks, (w, h), at), film.len())
        }
        Format::Deck | Format::Svgs => {
            let own = order.format == Format::Svgs;
            let style = stylesheet::collect(order.dark, if own { "svg" } else { ":root" });
            let pages: Vec<String> = slides(steps)
                .map(|shot| {
                    if own {
                        frame(model, &scene, shot, (w, h), &style)
                    } else {
                        graph_alone(model, &scene, shot, deck::GRAPH_WIDTH)
                    }
                })
                .collect();
            report(pages.len(), pages.len());
            if own {
                let files: Vec<(String, Vec<u8>)> = pages
                    .into_iter()
                    .enumerate()
                    .map(|(k, svg)| {
                        (
                            format!("chainrule-slides/{:02}.svg", k + 1),
                            svg.into_bytes(),
                        )
                    })
                    .collect();
                let name = format!("chainrule-slides-{size}-{theme}.zip");
                (name, "application/zip", zip::zip(&files), files.len())
            } else {
                let html = deck::deck(model, &pages, &style);
                let name = format!("chainrule-slides-{theme}.html");
                (name, "text/html", html.into_bytes(), pages.len())
            }
        }
    };
    Ok(Some(Made {
        name,
        mime,
        bytes,
        frames,
        elapsed_ms: now() - start,
        longest_ms: longest,
    }))
}
