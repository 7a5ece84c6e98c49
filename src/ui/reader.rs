//! The reader: the label palette and the document text with its highlights.
//!
//! The text is drawn imperatively by `dom::reader_view` (see there for the design); this component
//! owns when to draw: all of it when the open document or the labels change, and only the touched
//! paragraphs when `AppState::redraw` says an edit happened.

use std::cell::RefCell;

use leptos::{html, prelude::*};
use spanmark_core::{Document, DocumentId, LabelSet, SpanId};
use web_sys::KeyboardEvent;

use crate::dom::reader_view::{spans_at, ReaderView, SpanStyle};
use crate::dom::selection::ReaderLayout;
use crate::state::{use_app, AppState};
use crate::ui::find::FindBar;
use crate::ui::labels::editor::LabelEditor;
use crate::ui::suggest::SuggestState;

struct Live {
    doc: DocumentId,
    text: String,
    view: ReaderView,
    state: AppState,
    suggest: SuggestState,
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

/// The window selection inside the reader, in code points.
pub fn live_selection() -> Option<(usize, usize)> {
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
        if let Some(h) = wasm_bindgen::JsCast::dyn_ref::<web_sys::HtmlElement>(l.root()) {
            let _ = h.focus();
        }
        l.select(start, end);
    });
}

/// Scrolls the reader so code point `offset` is in view.
pub fn scroll_to(offset: usize) {
    fill_around(offset);
    with_layout(|l| {
        if let Some((node, _)) = l.boundary_of(offset) {
            let el = node.parent_element();
            if let Some(el) = el {
                let opts = web_sys::ScrollIntoViewOptions::new();
                opts.set_block(web_sys::ScrollLogicalPosition::Center);
                el.scroll_into_view_with_scroll_into_view_options(&opts);
            }
        }
    });
}

fn slot_of(labels: &LabelSet) -> impl Fn(&str) -> usize + '_ {
    move |name| labels.position(name).unwrap_or(labels.labels.len()) % 12
}

/// Calls `f` with the document `doc_id` and how its spans look now.
fn with_style<R>(
    state: &AppState,
    suggest: &SuggestState,
    doc_id: &DocumentId,
    f: impl FnOnce(&Document, &SpanStyle) -> R,
) -> Option<R> {
    let selected = state.selected.get_untracked();
    state.ws.with_untracked(|ws| {
        let doc = ws.document(doc_id)?;
        let (ghosts, ghost_slots, current_ghost) = suggest.ghosts(doc_id, ws);
        let slot = slot_of(&ws.labels);
        let style = SpanStyle {
            slot_of: &slot,
            selected,
            ghosts: &ghosts,
            ghost_slots: &ghost_slots,
            current_ghost,
        };
        Some(f(doc, &style))
    })
}

fn draw_all(
    state: &AppState,
    suggest: &SuggestState,
    root: web_sys::HtmlElement,
    doc_id: &DocumentId,
) {
    let scroller = root.closest(".reader-scroll").ok().flatten();
    let Some(mut view) = with_style(state, suggest, doc_id, |doc, style| {
        crate::dom::perf::measure("spanmark-open", || ReaderView::render(root, doc, style))
    }) else {
        return;
    };
    view.watch(scroller.as_ref(), |near| fill_chunks(&near));
    let text = state
        .ws
        .with_untracked(|ws| ws.document(doc_id).map(|d| d.text.clone()))
        .unwrap_or_default();
    LIVE.set(Some(Live {
        doc: doc_id.clone(),
        text,
        view,
        state: *state,
        suggest: *suggest,
    }));
    state.reader_dom.update(|n| *n += 1);
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
            state,
            suggest,
            text,
        } = live;
        with_style(state, suggest, doc, |doc, style| {
            view.fill(&raw, doc, style)
        });
        if let Some((anchor, focus)) = keep {
            ReaderLayout { view, text }.select(anchor, focus);
        }
        Some(*state)
    });
    if let Some(state) = filled {
        state.reader_dom.update(|n| *n += 1);
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

/// Moves or extends the caret with the keyboard (the reader is not editable, so the browser does
/// not do it by itself): arrows by character, Ctrl+arrows by word, Up/Down by line, Home/End.
fn on_caret_key(state: &AppState, e: &KeyboardEvent) {
    let ctrl = e.ctrl_key() || e.meta_key();
    if ctrl && matches!(e.key().as_str(), "Home" | "End") {
        e.prevent_default();
        to_text_boundary(state, e.key() == "End", e.shift_key());
        return;
    }
    let (direction, granularity) = match e.key().as_str() {
        "ArrowRight" => ("right", if ctrl { "word" } else { "character" }),
        "ArrowLeft" => ("left", if ctrl { "word" } else { "character" }),
        "ArrowDown" => ("forward", if ctrl { "paragraph" } else { "line" }),
        "ArrowUp" => ("backward", if ctrl { "paragraph" } else { "line" }),
        "Home" => ("backward", "lineboundary"),
        "End" => ("forward", "lineboundary"),
        _ => return,
    };
    e.prevent_default();
    ensure_caret_inside();
    let Some(sel) = window().get_selection().ok().flatten() else {
        return;
    };
    let alter = if e.shift_key() { "extend" } else { "move" };
    let _ = sel.modify(alter, direction, granularity);
    // The caret may have moved into a chunk not drawn yet (a page of lines).
    if let Some(focus) =
        with_layout(|l| l.offset_of(&sel.focus_node()?, sel.focus_offset())).flatten()
    {
        fill_around(focus);
    }
    state.text_selection.set(live_selection());
    show_caret();
}

/// Ctrl+Home / Ctrl+End: the caret to the start or end of the text (not of the page, as the
/// browser's "documentboundary" would); with Shift, the selection extends there.
fn to_text_boundary(state: &AppState, end: bool, extend: bool) {
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
    state.text_selection.set(live_selection());
    show_caret();
}

/// Puts a caret at the start of the selected span, or of the text, if the selection is elsewhere.
fn ensure_caret_inside() {
    if live_selection().is_none() {
        with_layout(|l| l.select(0, 0));
    }
}

/// Draws the caret (a non-editable text shows none) at the selection's focus.
fn show_caret() {
    let Some(caret) = document().get_element_by_id("reader-caret") else {
        return;
    };
    let style = |el: &web_sys::Element, k: &str, v: &str| {
        if let Some(h) = wasm_bindgen::JsCast::dyn_ref::<web_sys::HtmlElement>(el) {
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

fn hide_caret() {
    if let Some(caret) = document().get_element_by_id("reader-caret") {
        if let Some(h) = wasm_bindgen::JsCast::dyn_ref::<web_sys::HtmlElement>(&caret) {
            let _ = h.style().set_property("display", "none");
        }
    }
}

/// The palette and the open document.
#[component]
pub fn Reader() -> impl IntoView {
    let state = use_app();
    let suggest = expect_context::<SuggestState>();
    let labels_open = state.labels_open;
    let text_ref = NodeRef::<html::Div>::new();
    let labels = Memo::new(move |_| state.ws.with(|ws| ws.labels.clone()));
    let title = Memo::new(move |_| {
        let id = state.current.get();
        state
            .ws
            .with(|ws| id.and_then(|id| ws.document(&id).map(|d| d.title.clone())))
    });

    // Full draw: when the element appears, the open document changes, or the labels change.
    Effect::new(move |_| {
        let current = state.current.get();
        labels.track();
        let Some(root) = text_ref.get() else { return };
        match current {
            Some(id) => draw_all(&state, &suggest, root.into(), &id),
            None => {
                root.set_text_content(None);
                LIVE.set(None);
            }
        }
    });
    // Partial draw after an edit.
    Effect::new(move |_| {
        state.redraw.track();
        let queue = state
            .redraw
            .try_update_untracked(std::mem::take)
            .unwrap_or_default();
        if queue.is_empty() {
            return;
        }
        LIVE.with_borrow_mut(|live| {
            let Some(live) = live.as_mut() else { return };
            let ranges: Vec<_> = queue
                .into_iter()
                .filter(|r| r.doc == live.doc)
                .flat_map(|r| r.ranges)
                .collect();
            let view = &mut live.view;
            with_style(&state, &suggest, &live.doc, |doc, style| {
                crate::dom::perf::measure("spanmark-redraw", || view.refresh(doc, &ranges, style))
            });
        });
        state.reader_dom.update(|n| *n += 1);
    });
    on_cleanup(|| LIVE.set(None));

    let selectionchange = window_event_listener(leptos::ev::selectionchange, move |_| {
        let sel = live_selection();
        if state.text_selection.get_untracked() != sel {
            state.text_selection.set(sel);
        }
    });
    on_cleanup(move || selectionchange.remove());

    let on_click = move |e: web_sys::MouseEvent| {
        // A click that ends a drag-selection is not a click on a span.
        if live_selection().is_some_and(|(s, e)| s != e) {
            return;
        }
        let Some(target) = e.target() else { return };
        let ids = spans_at(&target);
        if ids.is_empty() {
            state.select_span(None);
            return;
        }
        // Repeated clicks walk outwards through the nested spans.
        let current = state.selected.get_untracked();
        let next: Option<SpanId> = match current.and_then(|c| ids.iter().position(|&i| i == c)) {
            Some(0) | None => ids.last().copied(),
            Some(k) => Some(ids[k - 1]),
        };
        state.select_span(next);
    };

    let label_items = move || {
        labels
            .get()
            .labels
            .into_iter()
            .enumerate()
            .collect::<Vec<_>>()
    };
    view! {
        <div class="palette" role="toolbar" aria-label="Labels">
            <For each=label_items key=|(i, l)| (*i, l.clone()) let:item>
                {
                    let (i, label) = item;
                    let name = label.name.clone();
                    view! {
                        <button class=format!("label-button lab-{}", i % 12) data-testid=format!("label-{}", label.name)
                            title=label.description.clone()
                            on:mousedown=|e| e.prevent_default()
                            on:click=move |_| {
                                state.tag(&name, live_selection());
                                collapse_selection_to_end();
                            }>
                            {label.name.clone()}
                            {(label.key != ' ').then(|| view! { <kbd>{label.key.to_string()}</kbd> })}
                        </button>
                    }
                }
            </For>
            <button data-testid="doc-done" title="Mark this document done (m)"
                aria-pressed=move || {
                    let id = state.current.get();
                    state.ws.with(|ws| id.and_then(|id| ws.document(&id).map(|d| d.done)).unwrap_or(false)).to_string()
                }
                on:click=move |_| state.toggle_done()>
                {move || {
                    let id = state.current.get();
                    if state.ws.with(|ws| id.and_then(|id| ws.document(&id).map(|d| d.done)).unwrap_or(false)) { "✓ Done" } else { "Mark done" }
                }}
            </button>
            <button data-testid="labels-open" title="Edit labels" on:click=move |_| state.when_loaded(move || labels_open.set(true))>"Labels…"</button>
            <LabelEditor open=labels_open />
            <button data-testid="suggest-run" title="Suggest quotes, speakers, figures and claims in this document"
                on:click=move |_| if let Some(d) = state.current.get_untracked() { suggest.run(state, &[d]) }>"Suggest"</button>
            <button data-testid="suggest-run-all" title="Suggest in every document"
                on:click=move |_| state.when_loaded(move || {
                    let all: Vec<_> = state.ws.with_untracked(|ws| ws.documents.iter().map(|d| d.id.clone()).collect());
                    suggest.run(state, &all);
                })>"Suggest all"</button>
            <label class="hint"><input type="checkbox" prop:checked=move || state.snap_to_words.get()
                on:change=move |e| state.snap_to_words.set(event_target_checked(&e)) />" snap to words"</label>
            <span class="hint">"Select text, then press a label key. Arrows + Shift select with the keyboard."</span>
        </div>
        <FindBar />
        <div class="reader-scroll" on:scroll=move |_| hide_caret()>
            <Show when=move || state.current.with(Option::is_some) fallback=|| view! {
                <p class="empty">"Open a document, paste a new one, or import a JSONL file."</p>
            }>
                <h2 class="reader-title" dir="auto">{move || title.get().unwrap_or_default()}</h2>
            </Show>
            <div class="doc-text" data-testid="doc-text" node_ref=text_ref tabindex="0" role="document"
                aria-label="Document text"
                on:keydown=move |e| on_caret_key(&state, &e)
                on:focus=move |e| {
                    // Only a keyboard focus (Tab) places a caret; a click places its own.
                    let by_keyboard = event_target::<web_sys::Element>(&e).matches(":focus-visible").unwrap_or(false);
                    if by_keyboard { ensure_caret_inside(); show_caret(); }
                }
                on:blur=move |_| hide_caret()
                on:mousedown=move |_| hide_caret()
                on:click=on_click></div>
            <div class="caret" id="reader-caret" aria-hidden="true"></div>
        </div>
    }
}
