//! The reader: the open document's title and text with its highlights.
//!
//! The text is drawn imperatively by `dom::live_reader` / `dom::reader_view` (see there for the
//! design); this component owns when to draw: all of it when the open document or the labels
//! change, and otherwise what the documents room queues (`ReaderRequest`): the paragraphs an edit
//! touched, a span to reveal, a range to select. Ghost highlights come in through `ghosts`.

use std::rc::Rc;
use std::sync::Arc;

use leptos::{html, prelude::*};
use spanmark_core::{DocumentId, LabelSet, SpanId, Workspace};

use crate::dom::live_reader::{self, Styler};
use crate::dom::reader_view::{spans_at, SpanStyle};
use crate::state::reader_requests::ReaderRequest;
use crate::state::suggestions::Ghosts;
use crate::state::use_documents;

/// The ghost highlights (suggestions) of a document in a workspace.
pub type GhostsOf = dyn Fn(&DocumentId, &Workspace) -> Ghosts + Send + Sync;

/// Where the reader gets the ghost highlights of a document.
#[derive(Clone)]
pub struct GhostSource(pub Arc<GhostsOf>);

fn slot_of(labels: &LabelSet) -> impl Fn(&str) -> usize + '_ {
    move |name| labels.position(name).unwrap_or(labels.labels.len()) % 12
}

/// The open document.
#[component]
pub fn Reader(
    /// The ghost highlights to draw over the text.
    ghosts: GhostSource,
) -> impl IntoView {
    let docs = use_documents();
    let text_ref = NodeRef::<html::Div>::new();
    let labels = Memo::new(move |_| docs.ws.with(|ws| ws.labels.clone()));
    let title = Memo::new(move |_| {
        let id = docs.current.get();
        docs.ws
            .with(|ws| id.and_then(|id| ws.document(&id).map(|d| d.title.clone())))
    });
    // How spans look now: asked for whenever part of the text is drawn.
    let styler: Styler = Rc::new(move |doc_id, draw| {
        let selected = docs.selected.get_untracked();
        docs.ws.with_untracked(|ws| {
            let Some(doc) = ws.document(doc_id) else {
                return;
            };
            let ghosts = (ghosts.0)(doc_id, ws);
            let slot = slot_of(&ws.labels);
            draw(
                doc,
                &SpanStyle {
                    slot_of: &slot,
                    selected,
                    ghosts: &ghosts.ranges,
                    ghost_slots: &ghosts.slots,
                    current_ghost: ghosts.current,
                },
            );
        })
    });
    let on_drawn: Rc<dyn Fn()> = Rc::new(move || docs.reader.mark_drawn());

    // Full draw: when the element appears, the open document changes, or the labels change.
    Effect::new(move |_| {
        let current = docs.current.get();
        labels.track();
        let Some(root) = text_ref.get() else { return };
        match current {
            Some(id) => live_reader::mount(root.into(), &id, styler.clone(), on_drawn.clone()),
            None => live_reader::unmount(&root.into()),
        }
    });
    // What the state asks for, in order.
    Effect::new(move |_| {
        docs.reader.track();
        for request in docs.reader.drain() {
            match request {
                ReaderRequest::Redraw { doc, ranges } => live_reader::redraw(&doc, &ranges),
                ReaderRequest::Reveal { offset } => live_reader::reveal(offset),
                ReaderRequest::Select { start, end } => live_reader::select_and_focus(start, end),
            }
        }
    });
    on_cleanup(live_reader::forget);

    let selectionchange = window_event_listener(leptos::ev::selectionchange, move |_| {
        let sel = live_reader::selection();
        if docs.text_selection.get_untracked() != sel {
            docs.text_selection.set(sel);
        }
    });
    on_cleanup(move || selectionchange.remove());

    let on_click = move |e: web_sys::MouseEvent| {
        // A click that ends a drag-selection is not a click on a span.
        if live_reader::selection().is_some_and(|(s, e)| s != e) {
            return;
        }
        let Some(target) = e.target() else { return };
        let ids = spans_at(&target);
        // Drawing a relation: the span clicked (the innermost) is its target.
        if docs.is_linking() {
            if let Some(&to) = ids.last() {
                docs.finish_link(to);
            }
            return;
        }
        if ids.is_empty() {
            docs.select_span(None);
            return;
        }
        // Repeated clicks walk outwards through the nested spans.
        let current = docs.selected.get_untracked();
        let next: Option<SpanId> = match current.and_then(|c| ids.iter().position(|&i| i == c)) {
            Some(0) | None => ids.last().copied(),
            Some(k) => Some(ids[k - 1]),
        };
        docs.select_span(next);
    };
    let on_key = move |e: web_sys::KeyboardEvent| {
        // Alt+Shift+arrows move the selected span's ends (`ui::by_hand::keys`), not the caret.
        if e.alt_key() {
            return;
        }
        if live_reader::move_caret(&e) {
            docs.text_selection.set(live_reader::selection());
        }
    };

    view! {
        <div class="reader-scroll" on:scroll=move |_| live_reader::hide_caret()>
            <Show when=move || docs.current.with(Option::is_some) fallback=|| view! {
                <p class="empty">"Open a document, paste a new one, or import a JSONL file."</p>
            }>
                <h2 class="reader-title" dir="auto">{move || title.get().unwrap_or_default()}</h2>
            </Show>
            <div class="doc-text" data-testid="doc-text" node_ref=text_ref tabindex="0" role="document"
                aria-label="Document text"
                on:keydown=on_key
                on:focus=move |e| {
                    // Only a keyboard focus (Tab) places a caret; a click places its own.
                    let by_keyboard = event_target::<web_sys::Element>(&e).matches(":focus-visible").unwrap_or(false);
                    if by_keyboard { live_reader::ensure_caret_inside(); live_reader::show_caret(); }
                }
                on:blur=move |_| live_reader::hide_caret()
                on:mousedown=move |_| live_reader::hide_caret()
                on:click=on_click></div>
            <div class="caret" id="reader-caret" aria-hidden="true"></div>
            <crate::ui::by_hand::handles::SpanHandles />
        </div>
    }
}
