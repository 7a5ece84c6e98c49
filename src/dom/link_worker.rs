//! Linking across documents (stories, quote clusters, figure groups: `spanmark_core::link`) in a
//! Web Worker, so that the page stays responsive on a large workspace. The page's loader (init.js)
//! offers `spanmarkLink(documents, suggest, stories, onProgress)`, which starts `link-worker.js`
//! once; the worker loads the formats module (`crates/formats-web`, which holds the linker and the
//! suggestion engine) and runs its `link_documents`. Documents cross as bytes
//! (`spanmark_core::transfer`), handed over to the worker without a copy; the links come back as
//! JSON.

use js_sys::{Function, Reflect, Uint8Array};
use spanmark_core::link::{Links, Stories};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use crate::dom::download::js_error;

/// Links `documents` (encoded by `spanmark_core::transfer`) in the worker: grouped into stories
/// afresh, or within `stories` (the user's edits) when given; with `suggest`, documents with no
/// quote or figure spans are read through the suggestion engine. `on_progress(done, total)` is
/// called as the worker reads the documents.
pub async fn link(
    documents: Vec<u8>,
    suggest: bool,
    stories: Option<&Stories>,
    on_progress: impl Fn(usize, usize) + 'static,
) -> Result<Links, String> {
    let start = web_sys::window()
        .and_then(|w| Reflect::get(&w, &"spanmarkLink".into()).ok())
        .and_then(|f| f.dyn_into::<Function>().ok())
        .ok_or("this page has no loader for the linking worker")?;
    let stories = match stories {
        Some(s) => JsValue::from(serde_json::to_string(s).map_err(|e| e.to_string())?),
        None => JsValue::UNDEFINED,
    };
    let progress = Closure::<dyn Fn(u32, u32)>::new(move |done: u32, total: u32| {
        on_progress(done as usize, total as usize)
    });
    let args = js_sys::Array::of4(
        &Uint8Array::from(documents.as_slice()).into(),
        &suggest.into(),
        &stories,
        progress.as_ref(),
    );
    drop(documents);
    let promise = start
        .apply(&JsValue::NULL, &args)
        .map_err(js_error)?
        .dyn_into::<js_sys::Promise>()
        .map_err(|_| "the linking worker gave no answer")?;
    let json = JsFuture::from(promise)
        .await
        .map_err(|e| format!("linking failed: {}", js_error(e)))?
        .as_string()
        .ok_or("the linking worker gave no links")?;
    // Kept alive until the answer: the worker reports progress up to then.
    drop(progress);
    crate::dom::perf::measure("spanmark-link-read", || serde_json::from_str(&json))
        .map_err(|e| format!("the links could not be read: {e}"))
}
