//! The browser's VP8 encoder, through `video.js` (web-sys has WebCodecs only as an unstable API).

use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

use super::webm::Chunk;

#[wasm_bindgen(module = "/src/film/video.js")]
extern "C" {
    /// An encoder taking frames from a canvas.
    pub type VideoSink;

    #[wasm_bindgen(constructor, catch)]
    fn create(width: u32, height: u32) -> Result<VideoSink, JsValue>;

    #[wasm_bindgen(method, catch)]
    async fn add(
        this: &VideoSink,
        canvas: &HtmlCanvasElement,
        ms: f64,
        duration: f64,
        key: bool,
    ) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(method, catch)]
    async fn finish(this: &VideoSink) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(method)]
    fn count(this: &VideoSink) -> u32;

    #[wasm_bindgen(method)]
    fn data(this: &VideoSink, i: u32) -> Vec<u8>;

    #[wasm_bindgen(method)]
    fn ms(this: &VideoSink, i: u32) -> f64;

    #[wasm_bindgen(method)]
    fn key(this: &VideoSink, i: u32) -> bool;

    #[wasm_bindgen(js_name = videoSupported)]
    fn supported() -> bool;
}

fn said(e: JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "the browser's video encoder failed".to_string())
}

/// A VP8 encoder of `width` × `height` frames, or why there is none.
pub fn encoder(width: u32, height: u32) -> Result<VideoSink, String> {
    if !supported() {
        return Err("this browser cannot encode video (it has no WebCodecs encoder); the GIF and the slides work in any browser".to_string());
    }
    VideoSink::create(width, height).map_err(said)
}

impl VideoSink {
    /// Encodes the canvas as the frame shown from `ms` for `duration` milliseconds.
    pub async fn frame(
        &self,
        canvas: &HtmlCanvasElement,
        ms: u64,
        duration: u32,
        key: bool,
    ) -> Result<(), String> {
        self.add(canvas, ms as f64, f64::from(duration), key)
            .await
            .map(drop)
            .map_err(said)
    }

    /// Every frame encoded, in order.
    pub async fn chunks(self) -> Result<Vec<Chunk>, String> {
        self.finish().await.map_err(said)?;
        Ok((0..self.count())
            .map(|i| Chunk {
                data: self.data(i),
                ms: self.ms(i).round() as u64,
                key: self.key(i),
            })
            .collect())
    }
}
