//! Points on screen ⇄ code points of the reader, for handles dragged with the mouse.

use js_sys::{Function, Reflect};
use wasm_bindgen::JsCast;

use super::live_reader;

/// The code-point offset of the text under viewport point (`x`, `y`), if it is in the reader.
pub fn offset_at(x: f64, y: f64) -> Option<usize> {
    let document = web_sys::window()?.document()?;
    let f: Function = Reflect::get(&document, &"caretRangeFromPoint".into())
        .ok()?
        .dyn_into()
        .ok()?;
    let range: web_sys::Range = f
        .call2(&document, &x.into(), &y.into())
        .ok()?
        .dyn_into()
        .ok()?;
    live_reader::offset_of_boundary(&range.start_container().ok()?, range.start_offset().ok()?)
}

/// Where `start..end` of the reader's text is drawn, in the viewport: the left, top and height of
/// its first line box and the right, top and height of its last one.
pub fn ends_of(start: usize, end: usize) -> Option<([f64; 3], [f64; 3])> {
    let range = live_reader::ranges_for([(start, end)]).pop()?;
    let rects = range.get_client_rects()?;
    let visible: Vec<web_sys::DomRect> = (0..rects.length())
        .filter_map(|i| rects.get(i))
        .filter(|r| r.width() > 0.0 || r.height() > 0.0)
        .collect();
    let (first, last) = (visible.first()?, visible.last()?);
    Some((
        [first.left(), first.top(), first.height()],
        [last.right(), last.top(), last.height()],
    ))
}
