//! The CSS Custom Highlight API (`CSS.highlights`), used to paint find matches without touching
//! the reader's DOM. Called through `js_sys::Reflect` (web-sys marks the API unstable).

use js_sys::{Array, Function, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::Range;

fn registry() -> Option<JsValue> {
    let window = web_sys::window()?;
    let css = Reflect::get(&window, &"CSS".into()).ok()?;
    let reg = Reflect::get(&css, &"highlights".into()).ok()?;
    (!reg.is_undefined()).then_some(reg)
}

fn call(target: &JsValue, method: &str, args: &[JsValue]) -> Option<JsValue> {
    let f: Function = Reflect::get(target, &method.into()).ok()?.dyn_into().ok()?;
    let args: Array = args.iter().collect();
    f.apply(target, &args).ok()
}

/// Paints `ranges` as highlight `name` (replacing what it painted before). Returns false when the
/// browser has no Custom Highlight API.
pub fn set(name: &str, ranges: &[Range]) -> bool {
    let Some(reg) = registry() else { return false };
    let Some(window) = web_sys::window() else {
        return false;
    };
    let Ok(ctor) =
        Reflect::get(&window, &"Highlight".into()).and_then(|c| c.dyn_into::<Function>())
    else {
        return false;
    };
    let args: Array = ranges.iter().map(JsValue::from).collect();
    let Ok(highlight) = Reflect::construct(&ctor, &args) else {
        return false;
    };
    call(&reg, "set", &[name.into(), highlight]).is_some()
}

/// Removes highlight `name`.
pub fn clear(name: &str) {
    if let Some(reg) = registry() {
        call(&reg, "delete", &[name.into()]);
    }
}
