//! Frames drawn into pixels by the browser: an SVG document as an image, onto a canvas, read
//! back as RGBA. The same document gives the same pixels in the same browser, so a film's bytes
//! do not change between runs.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, HtmlImageElement, MessageChannel, Url};

use crate::browser;

/// Lets the page handle its events and draw before more work: the rest runs in a task of its own
/// (a message the page sends itself). An SVG image can decode at once, and a film that only ever
/// awaited its images would then hold the page until its last frame.
pub async fn breathe() {
    let promise = js_sys::Promise::new(&mut |resolve, _| match MessageChannel::new() {
        Ok(channel) => {
            channel.port1().set_onmessage(Some(&resolve));
            let _ = channel.port2().post_message(&JsValue::NULL);
        }
        Err(_) => {
            let _ = resolve.call0(&JsValue::NULL);
        }
    });
    let _ = JsFuture::from(promise).await;
}

/// A canvas of the film's size that draws its frames.
pub struct Raster {
    canvas: HtmlCanvasElement,
    context: CanvasRenderingContext2d,
    size: (u32, u32),
}

fn said(e: JsValue) -> String {
    e.as_string()
        .or_else(|| {
            e.dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
        })
        .unwrap_or_else(|| "the browser refused".to_string())
}

impl Raster {
    /// A canvas of `width` × `height` pixels, not in the page.
    pub fn new(width: u32, height: u32) -> Result<Raster, String> {
        let canvas: HtmlCanvasElement = gloo::utils::document()
            .create_element("canvas")
            .map_err(said)?
            .unchecked_into();
        canvas.set_width(width);
        canvas.set_height(height);
        let options = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&options, &"willReadFrequently".into(), &true.into());
        let context = canvas
            .get_context_with_context_options("2d", &options)
            .map_err(said)?
            .and_then(|c| c.dyn_into::<CanvasRenderingContext2d>().ok())
            .ok_or("this browser has no 2D canvas")?;
        Ok(Raster {
            canvas,
            context,
            size: (width, height),
        })
    }

    /// The canvas (a video is recorded from it).
    pub fn canvas(&self) -> &HtmlCanvasElement {
        &self.canvas
    }

    /// Draws the SVG document `svg` on the canvas.
    pub async fn draw(&self, svg: &str) -> Result<(), String> {
        let blob = browser::blob_of(svg.as_bytes(), "image/svg+xml")
            .ok_or("the frame could not be made")?;
        let url = Url::create_object_url_with_blob(&blob).map_err(said)?;
        let image = HtmlImageElement::new().map_err(said)?;
        image.set_src(&url);
        let decoded = JsFuture::from(image.decode()).await;
        let _ = Url::revoke_object_url(&url);
        decoded.map_err(|_| "the browser could not draw a frame".to_string())?;
        let (w, h) = (f64::from(self.size.0), f64::from(self.size.1));
        self.context.clear_rect(0.0, 0.0, w, h);
        self.context
            .draw_image_with_html_image_element_and_dw_and_dh(&image, 0.0, 0.0, w, h)
            .map_err(said)
    }

    /// The canvas's pixels, RGBA, row by row.
    pub fn pixels(&self) -> Result<Vec<u8>, String> {
        let (w, h) = self.size;
        let data = self
            .context
            .get_image_data(0.0, 0.0, f64::from(w), f64::from(h))
            .map_err(said)?;
        Ok(data.data().0)
    }
}
