//! The span list beside the text: label, covered text, offsets, note, delete.
//!
//! A 1 MB article can carry 10,000 spans, so the list is virtualised: rows have a fixed height and
//! only those in (or near) view exist in the DOM.

use leptos::prelude::*;
use spanmark_core::{CharCheckpoints, CharOffset, DocumentId, Edit, SpanId};

use crate::state::use_documents;
use crate::ui::by_hand::relations::{relation_rows, RelationChips, RelationRow};
use crate::ui::virtual_list::VirtualList;

/// Row height in pixels; must match `.span-item { height }` in the stylesheet.
const ROW_HEIGHT: f64 = 110.0;
/// Rows drawn above and below the visible ones.
const OVERSCAN: usize = 3;
/// Characters of covered text shown in a row.
const PREVIEW_CHARS: usize = 120;

#[derive(Clone, PartialEq, Eq, Hash)]
struct Row {
    id: SpanId,
    start: usize,
    end: usize,
    label: String,
    note: String,
    /// Every relation from or to this span.
    relations: Vec<RelationRow>,
}

/// The spans of the open document, in text order.
#[component]
pub fn SpanList() -> impl IntoView {
    let state = use_documents();
    let list = VirtualList::new(ROW_HEIGHT, OVERSCAN);
    let rows = Memo::new(move |_| {
        let Some(id) = state.current.get() else {
            return vec![];
        };
        state.ws.with(|ws| {
            let Some(doc) = ws.document(&id) else {
                return vec![];
            };
            let mut links = relation_rows(doc);
            let mut rows: Vec<Row> = doc
                .spans
                .iter()
                .map(|s| Row {
                    id: s.id,
                    start: s.start.0,
                    end: s.end.0,
                    label: s.label.clone(),
                    note: s.note.clone(),
                    relations: links.remove(&s.id).unwrap_or_default(),
                })
                .collect();
            rows.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end), r.id));
            rows
        })
    });
    // Checkpoints of the open text, rebuilt only when another document opens.
    let checkpoints = Memo::new(move |_| {
        let id = state.current.get();
        state.ws.with_untracked(|ws| {
            id.and_then(|id| ws.document(&id))
                .map(|d| CharCheckpoints::new(&d.text))
        })
    });
    let labels = Memo::new(move |_| {
        state.ws.with(|ws| {
            ws.labels
                .labels
                .iter()
                .map(|l| l.name.clone())
                .collect::<Vec<_>>()
        })
    });

    // The rows drawn: those in view and a few around them.
    let window = Memo::new(move |_| list.window(rows.with(Vec::len)));
    let visible = move || {
        let (first, last) = window.get();
        let doc = state.current.get_untracked();
        let previews: Vec<(Row, String)> = rows.with(|rows| {
            checkpoints.with(|cp| {
                state.ws.with_untracked(|ws| {
                    let text = doc
                        .as_ref()
                        .and_then(|d| ws.document(d))
                        .map(|d| d.text.as_str())
                        .unwrap_or("");
                    (first..last)
                        .map(|i| {
                            let r = &rows[i];
                            let preview = cp
                                .as_ref()
                                .map(|cp| {
                                    let end = r.end.min(r.start + PREVIEW_CHARS);
                                    let mut p = cp
                                        .slice(text, CharOffset(r.start), CharOffset(end))
                                        .replace('\n', " ⏎ ");
                                    if end < r.end {
                                        p.push('…');
                                    }
                                    p
                                })
                                .unwrap_or_default();
                            (r.clone(), preview)
                        })
                        .collect()
                })
            })
        });
        previews
    };

    // Keep the selected span's row in view.
    Effect::new(move |_| {
        let Some(sel) = state.selected.get() else {
            return;
        };
        if let Some(index) = rows.with_untracked(|rows| rows.iter().position(|r| r.id == sel)) {
            list.keep_in_view(index);
        }
    });

    let doc_id = move || {
        state
            .current
            .get_untracked()
            .unwrap_or(DocumentId(String::new()))
    };
    view! {
        <h2>{move || format!("Spans ({})", rows.with(Vec::len))}</h2>
        <div class="span-list-scroll" node_ref=list.scroll_ref on:scroll=move |e| list.on_scroll(&e)>
            // Rows are keyed by their content, not their position: an edit re-creates only the
            // rows it changed; the list's top padding stands for the rows above the drawn ones.
            <ul class="span-list" data-testid="span-list" aria-label="Spans in text order"
                style:height=move || list.px(rows.with(Vec::len))
                style:padding-top=move || list.px(window.get().0)>
                <For each=visible key=|(row, preview)| (row.clone(), preview.clone()) let:item>
                    {
                        let (row, preview) = item;
                        let id = row.id;
                        let slot = labels.with_untracked(|l| l.iter().position(|n| *n == row.label).unwrap_or(l.len()) % 12);
                        let start = row.start;
                        let current_label = row.label.clone();
                        let relations = row.relations.clone();
                        // A label the set lacks (e.g. from an import) is offered as it is, not
                        // shown as the first label.
                        let mut options = labels.get_untracked();
                        if !options.contains(&current_label) {
                            options.push(current_label.clone());
                        }
                        view! {
                            <li class=format!("span-item lab-{slot}") data-testid="span-item" tabindex="0"
                                data-label=row.label.clone() data-start=row.start data-end=row.end data-id=id.0
                                class:selected=move || state.selected.get() == Some(id)
                                aria-label=format!("{} {}–{}: {}", row.label, row.start, row.end, preview)
                                on:click=move |_| {
                                    if state.is_linking() { state.finish_link(id); return; }
                                    state.select_span(Some(id)); state.reader.reveal(start);
                                }>
                                <div class="row">
                                    <select data-testid="span-label" aria-label="Label" on:change=move |e| {
                                        let to = event_target_value(&e);
                                        state.apply(Edit::Relabel { doc: doc_id(), id, from: String::new(), to });
                                    }>
                                        {options.into_iter().map(|name| {
                                            let selected = name == current_label;
                                            view! { <option value=name.clone() selected=selected>{name.clone()}</option> }
                                        }).collect_view()}
                                    </select>
                                    <span class="offsets">{format!("{}–{}", row.start, row.end)}</span>
                                    <button data-testid="span-delete" aria-label="Delete span" title="Delete (Del)"
                                        on:click=move |e| { e.stop_propagation(); state.delete_span(doc_id(), id); }>"✕"</button>
                                </div>
                                <div class="row covered" dir="auto">{preview.clone()}</div>
                                <div class="row">
                                    <input data-testid="span-note" placeholder="Note" aria-label="Note" prop:value=row.note.clone()
                                        on:change=move |e| {
                                            let to = event_target_value(&e);
                                            state.apply(Edit::SetNote { doc: doc_id(), id, from: String::new(), to });
                                        } />
                                </div>
                                <RelationChips relations=relations />
                            </li>
                        }
                    }
                </For>
            </ul>
            <Show when=move || rows.with(Vec::is_empty)>
                <p class="status">"No spans yet: select text in the reader and press 1, 2 or 3."</p>
            </Show>
        </div>
    }
}
