//! The reader as drawn now (at most one): its `ReaderView`, the text it shows, and every mapping
//! between the window's Selection and code points. The reader component mounts it and gives it a
//! `Styler` (how spans look, asked for whenever a chunk is filled or paragraphs redrawn); the
//! rest of the app reaches the drawn text only through the functions here.

use std::cell::RefCell;
use std::ops::Range;
use std::rc::Rc;

use leptos::prelude::{document, request_animation_frame, window};
use spanmark_core::{Document, DocumentId};
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, KeyboardEvent};

use super::reader_view::{ReaderView, SpanStyle};
use super::selection::ReaderLayout;

/// Calls its argument with the document `id` and how its spans look now (nothing when the
/// document is gone).
pub type Styler = Rc<dyn Fn(&DocumentId, &mut dyn FnMut(&Document, &SpanStyle))>;

struct Live {
    doc: DocumentId,
    text: String,
    view: ReaderView,
    styler: Styler,
    /// Called after the drawing changed (Ranges into it must be made anew).
    on_drawn: Rc<dyn Fn()>,
}

thread_local! {
    /// The reader currently on screen (at most one).
    static LIVE: RefCell<Option<Live>> = const { RefCell::new(None) };
}

fn with_layout<R>(f: impl FnOnce(&ReaderLayout) -> R) -> Option<R> {
    LIVE.with_borrow(|live| {
        let live = live.as_ref()?;
        let layout = ReaderLayout {
            view: &live.view,
            text: &live.text,
        };
        Some(f(&layout))
    })
}

/// Draws document `doc` into `root` (replacing what was there) and makes it the live reader.
pub fn mount(root: HtmlElement, doc: &DocumentId, styler: Styler, on_drawn: Rc<dyn Fn()>) {
    let scroller = root.closest(".reader-scroll").ok().flatten();
    let mut drawn = None;
    styler(doc, &mut |d, style| {
        let view = super::perf::measure("spanmark-open", || {
            ReaderView::render(root.clone(), d, style)
        });
        drawn = Some((view, d.text.clone()));
    });
    let Some((mut view, text)) = drawn else {
        unmount(&root);
        return;
    };
    view.watch(scroller.as_ref(), |near| fill_chunks(&near));
    LIVE.set(Some(Live {
        doc: doc.clone(),
        text,
        view,
        styler,
        on_drawn: on_drawn.clone(),
    }));
    on_drawn();
}

/// Empties `root` and forgets the live reader.
pub fn unmount(root: &HtmlElement) {
    root.set_text_content(None);
    LIVE.set(None);
}

/// Forgets the live reader (its element is gone).
pub fn forget() {
    LIVE.set(None);
}

/// Redraws the paragraphs holding `ranges` of `doc`, if it is the document drawn.
pub fn redraw(doc: &DocumentId, ranges: &[Range<usize>]) {
    let redrawn = LIVE.with_borrow_mut(|live| {
        let live = live.as_mut().filter(|l| l.doc == *doc)?;
        let view = &mut live.view;
        (live.styler)(doc, &mut |d, style| {
            super::perf::measure("spanmark-redraw", || view.refresh(d, ranges, style))
        });
        Some(live.on_drawn.clone())
    });
    if let Some(on_drawn) = redrawn {
        on_drawn();
    }
}

/// The window selection inside the reader, in code points.
pub fn selection() -> Option<(usize, usize)> {
    with_layout(|l| l.selection()).flatten()
}

/// Collapses the window selection to its end (after tagging), keeping the caret where it was.
/// Done on the next frame: setting a selection forces a layout, which must not delay the edit's paint.
pub fn collapse_selection_to_end() {
    let Some(Some((_, end))) = with_layout(|l| l.selection()) else {
        return;
    };
    request_animation_frame(move || {
        with_layout(|l| l.select(end, end));
    });
}

/// DOM Ranges for code-point ranges of the open document (for highlights).
pub fn ranges_for(ranges: impl IntoIterator<Item = (usize, usize)>) -> Vec<web_sys::Range> {
    with_layout(|l| {
        ranges
            .into_iter()
            .filter_map(|(s, e)| {
                let (sn, so) = l.boundary_of(s)?;
                let (en, eo) = l.boundary_of(e)?;
                let r = web_sys::Range::new().ok()?;
                r.set_start(&sn, so).ok()?;
                r.set_end(&en, eo).ok()?;
                Some(r)
            })
            .collect()
    })
    .unwrap_or_default()
}

/// Selects `start..end` in the text and focuses the reader (keyboard users continue from there).
pub fn select_and_focus(start: usize, end: usize) {
    fill_around(start);
    fill_around(end);
    with_layout(|l| {
        if let Some(h) = l.root().dyn_ref::<HtmlElement>() {
            let _ = h.focus();
        }
        l.select(start, end);
    });
}

/// Scrolls the reader so code point `offset` is in view.
pub fn reveal(offset: usize) {
    fill_around(offset);
    with_layout(|l| {
        if let Some((node, _)) = l.boundary_of(offset) {
            if let Some(el) = node.parent_element() {
                let opts = web_sys::ScrollIntoViewOptions::new();
                opts.set_block(web_sys::ScrollLogicalPosition::Center);
                el.scroll_into_view_with_scroll_into_view_options(&opts);
            }
        }
    });
}

/// Fills raw chunks of the reader (see `dom::reader_view`), keeping the window selection where it
/// was in the text (its boundaries may lie in a raw chunk's text node, which filling replaces).
fn fill_chunks(chunks: &[usize]) {
    let filled = LIVE.with_borrow_mut(|live| {
        let live = live.as_mut()?;
        let raw: Vec<usize> = chunks
            .iter()
            .copied()
            .filter(|&c| live.view.chunk(c).is_some_and(|(_, _, filled)| !filled))
            .collect();
        if raw.is_empty() {
            return None;
        }
        let sel = window().get_selection().ok().flatten();
        let layout = ReaderLayout {
            view: &live.view,
            text: &live.text,
        };
        let keep = sel.as_ref().and_then(|sel| {
            let (an, fnode) = (sel.anchor_node()?, sel.focus_node()?);
            let inside = raw.iter().any(|&c| {
                live.view
                    .chunk(c)
                    .is_some_and(|(el, _, _)| el.contains(Some(&an)) || el.contains(Some(&fnode)))
            });
            if !inside {
                return None;
            }
            Some((
                layout.offset_of(&an, sel.anchor_offset())?,
                layout.offset_of(&fnode, sel.focus_offset())?,
            ))
        });
        let Live {
            view,
            doc,
            text,
            styler,
            on_drawn,
        } = live;
        styler(doc, &mut |d, style| view.fill(&raw, d, style));
        if let Some((anchor, focus)) = keep {
            ReaderLayout { view, text }.select(anchor, focus);
        }
        Some(on_drawn.clone())
    });
    if let Some(on_drawn) = filled {
        on_drawn();
    }
}

/// Fills the chunk holding code point `offset` and its neighbours (what scrolling to it shows).
fn fill_around(offset: usize) {
    let near = LIVE.with_borrow(|live| {
        let view = &live.as_ref()?.view;
        let c = *view.chunks_touching(offset, offset + 1).first()?;
        Some((c.saturating_sub(1)..(c + 2).min(view.chunk_count())).collect::<Vec<_>>())
    });
    if let Some(near) = near {
        fill_chunks(&near);
    }
}

/// Moves or extends the caret for a key (the reader is not editable, so the browser does not do
/// it by itself): arrows by character, Ctrl+arrows by word, Up/Down by line, Home/End, Ctrl+Home
/// and Ctrl+End to the text's ends. Returns whether the key was one of those.
pub fn move_caret(e: &KeyboardEvent) -> bool {
    let ctrl = e.ctrl_key() || e.meta_key();
    if ctrl && matches!(e.key().as_str(), "Home" | "End") {
        e.prevent_default();
        to_text_boundary(e.key() == "End", e.shift_key());
        return true;
    }
    let (direction, granularity) = match e.key().as_str() {
        "ArrowRight" => ("right", if ctrl { "word" } else { "character" }),
        "ArrowLeft" => ("left", if ctrl { "word" } else { "character" }),
        "ArrowDown" => ("forward", if ctrl { "paragraph" } else { "line" }),
        "ArrowUp" => ("backward", if ctrl { "paragraph" } else { "line" }),
        "Home" => ("backward", "lineboundary"),
        "End" => ("forward", "lineboundary"),
        _ => return false,
    };
    e.prevent_default();
    ensure_caret_inside();
    let Some(sel) = window().get_selection().ok().flatten() else {
        return true;
    };
    let alter = if e.shift_key() { "extend" } else { "move" };
    let _ = sel.modify(alter, direction, granularity);
    // The caret may have moved into a chunk not drawn yet (a page of lines).
    if let Some(focus) =
        with_layout(|l| l.offset_of(&sel.focus_node()?, sel.focus_offset())).flatten()
    {
        fill_around(focus);
    }
    show_caret();
    true
}

/// Ctrl+Home / Ctrl+End: the caret to the start or end of the text (not of the page, as the
/// browser's "documentboundary" would); with Shift, the selection extends there.
fn to_text_boundary(end: bool, extend: bool) {
    let Some(len) = LIVE.with_borrow(|live| live.as_ref().map(|l| l.text.chars().count())) else {
        return;
    };
    let target = if end { len } else { 0 };
    fill_around(target);
    let anchor = window()
        .get_selection()
        .ok()
        .flatten()
        .filter(|_| extend)
        .and_then(|sel| {
            let node = sel.anchor_node()?;
            with_layout(|l| l.offset_of(&node, sel.anchor_offset())).flatten()
        })
        .unwrap_or(target);
    with_layout(|l| l.select(anchor, target));
    show_caret();
}

/// Puts a caret at the start of the text if the selection is elsewhere.
pub fn ensure_caret_inside() {
    if selection().is_none() {
        with_layout(|l| l.select(0, 0));
    }
}

/// Draws the caret (a non-editable text shows none) at the selection's focus.
pub fn show_caret() {
    let Some(caret) = document().get_element_by_id("reader-caret") else {
        return;
    };
    let style = |el: &web_sys::Element, k: &str, v: &str| {
        if let Some(h) = el.dyn_ref::<HtmlElement>() {
            let _ = h.style().set_property(k, v);
        }
    };
    let rect = window().get_selection().ok().flatten().and_then(|sel| {
        let node = sel.focus_node()?;
        let range = document().create_range().ok()?;
        range.set_start(&node, sel.focus_offset()).ok()?;
        range.collapse_with_to_start(true);
        if let Some(el) = node.parent_element() {
            let opts = web_sys::ScrollIntoViewOptions::new();
            opts.set_block(web_sys::ScrollLogicalPosition::Nearest);
            el.scroll_into_view_with_scroll_into_view_options(&opts);
        }
        let rects = range.get_client_rects()?;
        rects
            .get(0)
            .or_else(|| Some(range.get_bounding_client_rect()))
    });
    match rect {
        Some(r) if r.height() > 0.0 => {
            style(&caret, "left", &format!("{}px", r.left()));
            style(&caret, "top", &format!("{}px", r.top()));
            style(&caret, "height", &format!("{}px", r.height()));
            style(&caret, "display", "block");
        }
        _ => style(&caret, "display", "none"),
    }
}

/// Hides the drawn caret.
pub fn hide_caret() {
    if let Some(caret) = document().get_element_by_id("reader-caret") {
        if let Some(h) = caret.dyn_ref::<HtmlElement>() {
            let _ = h.style().set_property("display", "none");
        }
    }
}

/// The code-point offset of DOM boundary (`node`, `offset`), if it lies in the reader.
pub fn offset_of_boundary(node: &web_sys::Node, offset: u32) -> Option<usize> {
    with_layout(|l| l.offset_of(node, offset)).flatten()
}
