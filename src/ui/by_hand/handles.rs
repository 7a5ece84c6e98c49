//! Decorations of the selected span in the reader: a handle at either end, dragged with the mouse
//! to move that end (undoable), and the spans it is linked to marked in the text (also for a span
//! under the mouse). `data-linked` on the text element names the marked spans.

use leptos::task::spawn_local;
use leptos::{ev, html, prelude::*};
use spanmark_core::history::SpanEnd;
use spanmark_core::SpanId;
use wasm_bindgen::JsCast;

use crate::dom::reader_view::spans_at;
use crate::dom::{highlights, live_reader, perf, points};
use crate::state::use_documents;

/// The highlight that marks the spans linked to the selected (or hovered) span.
const LINKED: &str = "spanmark-linked";
/// The highlight that previews where a dragged handle would put the span.
const DRAG: &str = "spanmark-drag";

/// A handle's place inside the reader's scroll container: left, top, height (pixels).
type Place = (f64, f64, f64);

/// The handles of the selected span and the marks of its linked spans.
#[component]
pub fn SpanHandles() -> impl IntoView {
    let docs = use_documents();
    let layer = NodeRef::<html::Div>::new();
    let hovered = RwSignal::new(None::<SpanId>);
    let places = RwSignal::new(None::<(Place, Place)>);
    let dragging = RwSignal::new(None::<SpanEnd>);

    // The selected span's range in the open document.
    let selected_range = move || {
        let id = docs.selected.get()?;
        let doc = docs.current.get()?;
        docs.ws.with(|ws| {
            ws.document(&doc)
                .and_then(|d| d.span(id))
                .map(|s| (id, s.start.0, s.end.0))
        })
    };

    // Place the handles after every drawing of the text, every change of the selection and
    // every resize of the window (the text reflows). Measured in the next frame: measuring in the
    // key press's task would force a layout of the whole reader before the edit paints.
    let resized = Trigger::new();
    let resize = window_event_listener(ev::resize, move |_| resized.notify());
    on_cleanup(move || resize.remove());
    let placing = StoredValue::new(0u64);
    Effect::new(move |_| {
        docs.reader.drawn.track();
        resized.track();
        let range = selected_range();
        let run = placing.get_value() + 1;
        placing.set_value(run);
        spawn_local(async move {
            perf::next_frame().await;
            // A later change re-places them; this answer is stale.
            if placing.try_get_value() != Some(run) {
                return;
            }
            let placed = range.and_then(|(_, start, end)| {
                let layer = layer.get_untracked()?;
                let scroller = layer.parent_element()?;
                let origin = scroller.get_bounding_client_rect();
                let (left, top) = (
                    origin.left() - f64::from(scroller.scroll_left()),
                    origin.top() - f64::from(scroller.scroll_top()),
                );
                let (a, b) = points::ends_of(start, end)?;
                Some((
                    (a[0] - left, a[1] - top, a[2]),
                    (b[0] - left, b[1] - top, b[2]),
                ))
            });
            if places.try_get_untracked() != Some(placed) {
                places.try_set(placed);
            }
        });
    });

    // Mark the spans linked to the selected or hovered span.
    Effect::new(move |_| {
        docs.reader.drawn.track();
        let focus = hovered.get().or_else(|| docs.selected.get());
        let Some(doc) = docs.current.get() else {
            highlights::clear(LINKED);
            return;
        };
        let linked: Vec<(SpanId, usize, usize)> = docs.ws.with(|ws| {
            let Some(d) = ws.document(&doc) else {
                return vec![];
            };
            let Some(focus) = focus else { return vec![] };
            d.relations
                .iter()
                .filter_map(|r| {
                    let other = if r.from == focus {
                        r.to
                    } else if r.to == focus {
                        r.from
                    } else {
                        return None;
                    };
                    d.span(other).map(|s| (s.id, s.start.0, s.end.0))
                })
                .collect()
        });
        let ranges = live_reader::ranges_for(linked.iter().map(|(_, s, e)| (*s, *e)));
        if ranges.is_empty() {
            highlights::clear(LINKED);
        } else {
            highlights::set(LINKED, &ranges);
        }
        let ids: Vec<String> = linked.iter().map(|(id, _, _)| id.0.to_string()).collect();
        if let Some(text) = layer
            .get()
            .and_then(|l| l.parent_element())
            .and_then(|s| s.query_selector(".doc-text").ok().flatten())
        {
            let _ = text.set_attribute("data-linked", &ids.join(","));
        }
    });
    on_cleanup(|| {
        highlights::clear(LINKED);
        highlights::clear(DRAG);
    });

    // A span under the mouse shows its links too.
    let over = window_event_listener(ev::mouseover, move |e| {
        let in_text = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|el| el.closest(".doc-text").ok().flatten().is_some());
        let id = if in_text {
            e.target().and_then(|t| spans_at(&t).last().copied())
        } else {
            None
        };
        if hovered.get_untracked() != id {
            hovered.set(id);
        }
    });
    on_cleanup(move || over.remove());

    // Where the dragged end would go, and the span it would make.
    let target = move |e: &web_sys::MouseEvent| {
        let end = dragging.get_untracked()?;
        let (id, start, stop) = docs.selected.get_untracked().and_then(|id| {
            let doc = docs.current.get_untracked()?;
            docs.ws.with_untracked(|ws| {
                ws.document(&doc)
                    .and_then(|d| d.span(id))
                    .map(|s| (id, s.start.0, s.end.0))
            })
        })?;
        let at = points::offset_at(f64::from(e.client_x()), f64::from(e.client_y()))?;
        Some(match end {
            SpanEnd::Start => (id, at, stop),
            SpanEnd::End => (id, start, at),
        })
    };
    let moving = window_event_listener(ev::mousemove, move |e| {
        if dragging.get_untracked().is_none() {
            return;
        }
        e.prevent_default();
        match target(&e).filter(|(_, s, t)| s < t) {
            Some((_, s, t)) => {
                highlights::set(DRAG, &live_reader::ranges_for([(s, t)]));
            }
            None => highlights::clear(DRAG),
        }
    });
    on_cleanup(move || moving.remove());
    let up = window_event_listener(ev::mouseup, move |e| {
        if dragging.get_untracked().is_none() {
            return;
        }
        let to = target(&e);
        dragging.set(None);
        highlights::clear(DRAG);
        if let Some((id, start, end)) = to {
            docs.move_span(id, start, end);
        }
    });
    on_cleanup(move || up.remove());

    let handle = move |end: SpanEnd| {
        let place = move || {
            places.get().map(|(a, b)| match end {
                SpanEnd::Start => a,
                SpanEnd::End => b,
            })
        };
        let (testid, label) = match end {
            SpanEnd::Start => (
                "handle-start",
                "Drag to move the span's start (keys: Alt+Shift+↑ / ↓)",
            ),
            SpanEnd::End => (
                "handle-end",
                "Drag to move the span's end (keys: Alt+Shift+← / →)",
            ),
        };
        view! {
            <Show when=move || place().is_some()>
                <div class=move || format!("span-handle {}", if end == SpanEnd::Start { "start" } else { "end" })
                    data-testid=testid title=label aria-hidden="true"
                    class:dragging=move || dragging.get() == Some(end)
                    style:left=move || place().map(|p| format!("{}px", p.0)).unwrap_or_default()
                    style:top=move || place().map(|p| format!("{}px", p.1)).unwrap_or_default()
                    style:height=move || place().map(|p| format!("{}px", p.2)).unwrap_or_default()
                    on:mousedown=move |e| {
                        e.prevent_default();
                        e.stop_propagation();
                        dragging.set(Some(end));
                    }></div>
            </Show>
        }
    };
    view! {
        <div class="span-handles" node_ref=layer>
            {handle(SpanEnd::Start)}
            {handle(SpanEnd::End)}
        </div>
    }
}
