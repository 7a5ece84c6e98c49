//! The list of documents: progress (done / total), spans per label, a status filter.
//!
//! A workspace of 1,000 documents is normal, so the list is virtualised like the span list: rows
//! have a fixed height and only those in (or near) view exist in the DOM; `data-count` on the list
//! says how many documents it lists.

use leptos::prelude::*;
use std::collections::HashSet;

use spanmark_core::{Document, DocumentId, LabelSet};

use spanmark_core::navigation::document_order;
use spanmark_core::records::DocSummary;

use crate::state::{use_documents, use_screen, StatusFilter};
use crate::ui::by_hand::doc_delete::DocDeleteConfirm;
use crate::ui::virtual_list::VirtualList;

fn docs_confirm(docs: crate::state::Documents, id: DocumentId) {
    docs.confirm_delete.set(Some(id));
}

#[derive(Clone, PartialEq, Eq, Hash)]
struct DocRow {
    id: DocumentId,
    title: String,
    spans: usize,
    per_label: Vec<(String, usize)>,
    done: bool,
    /// Publication date and source, when the document is read (the saved list lacks them).
    published: String,
    source: String,
}

impl DocRow {
    /// The row for a document summary; spans per label in the label set's order.
    fn new(summary: &DocSummary, labels: &LabelSet) -> Self {
        let per_label = labels
            .labels
            .iter()
            .filter_map(|l| {
                summary
                    .per_label
                    .iter()
                    .find(|(name, _)| *name == l.name)
                    .map(|(_, n)| (l.name.clone(), *n))
            })
            .collect();
        DocRow {
            id: summary.id.clone(),
            title: summary.title.clone(),
            spans: summary.spans,
            per_label,
            done: summary.done,
            published: String::new(),
            source: String::new(),
        }
    }

    /// The row for a document that is read: with its date and source.
    fn of_document(doc: &Document, labels: &LabelSet) -> Self {
        DocRow {
            published: doc.published.clone().unwrap_or_default(),
            source: doc.source.clone().unwrap_or_default(),
            ..DocRow::new(&DocSummary::of(doc), labels)
        }
    }
}

/// How the list is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SortBy {
    Added,
    Date,
    Source,
    Title,
}

/// A source as the list shows it: the host of a URL, else as it is.
fn short_source(source: &str) -> &str {
    let rest = source
        .strip_prefix("https://")
        .or_else(|| source.strip_prefix("http://"))
        .unwrap_or(source);
    let host = rest.split('/').next().unwrap_or(rest);
    host.strip_prefix("www.").unwrap_or(host)
}

/// Row height in pixels; must match `.doc-list li { height }` in the stylesheet.
const ROW_HEIGHT: f64 = 56.0;
/// Rows drawn above and below the visible ones.
const OVERSCAN: usize = 8;

/// Documents in the workspace; click one to open it.
#[component]
pub fn DocList() -> impl IntoView {
    let state = use_documents();
    let screen = use_screen();
    let list = VirtualList::new(ROW_HEIGHT, OVERSCAN);
    let sort = RwSignal::new(SortBy::Added);
    let rows = Memo::new(move |_| {
        let filter = screen.status_filter.get();
        let sort = sort.get();
        state.ws.with(|ws| {
            state.listing.with(|listing| {
                let labels = &ws.labels;
                let of_doc = |d: &Document| DocRow::of_document(d, labels);
                let rows: Vec<DocRow> = match listing {
                    None => ws.documents.iter().map(of_doc).collect(),
                    // Still loading: the saved list, with the documents read so far up to date.
                    Some(listing) => {
                        let listed: HashSet<&DocumentId> = listing.iter().map(|s| &s.id).collect();
                        listing
                            .iter()
                            .map(|s| match ws.document(&s.id) {
                                Some(d) => of_doc(d),
                                None => DocRow::new(s, labels),
                            })
                            .chain(
                                ws.documents
                                    .iter()
                                    .filter(|d| !listed.contains(&d.id))
                                    .map(of_doc),
                            )
                            .collect()
                    }
                };
                let mut rows = rows
                    .into_iter()
                    .filter(|r| filter.admits(r.done))
                    .collect::<Vec<_>>();
                // Newest first by date; documents without a date or source go last.
                match sort {
                    SortBy::Added => {}
                    SortBy::Date => rows.sort_by(|a, b| {
                        (a.published.is_empty(), std::cmp::Reverse(&a.published))
                            .cmp(&(b.published.is_empty(), std::cmp::Reverse(&b.published)))
                    }),
                    SortBy::Source => rows.sort_by(|a, b| {
                        let key = |r: &DocRow| {
                            (r.source.is_empty(), short_source(&r.source).to_lowercase())
                        };
                        key(a).cmp(&key(b))
                    }),
                    SortBy::Title => rows.sort_by_key(|r| r.title.to_lowercase()),
                }
                rows
            })
        })
    });
    let progress = Memo::new(move |_| {
        state.ws.with(|ws| {
            state.listing.with(|listing| {
                let order = document_order(ws, listing.as_deref());
                (order.iter().filter(|(_, done)| *done).count(), order.len())
            })
        })
    });
    let window = Memo::new(move |_| list.window(rows.with(Vec::len)));
    let visible = move || {
        let (first, last) = window.get();
        rows.with(|rows| {
            rows[first..last]
                .iter()
                .cloned()
                .enumerate()
                .map(|(k, row)| (first + k, row))
                .collect::<Vec<_>>()
        })
    };
    // Keep the open document's row in view (it changes with ] and [ too).
    Effect::new(move |_| {
        let Some(current) = state.current.get() else {
            return;
        };
        if let Some(index) = rows.with(|rows| rows.iter().position(|r| r.id == current)) {
            list.keep_in_view(index);
        }
    });
    view! {
        <h2>"Documents"</h2>
        <div class="doc-progress" data-testid="doc-progress">
            <span>{move || { let (d, t) = progress.get(); format!("{d} / {t} done") }}</span>
            <progress aria-label="Documents done" max=move || progress.get().1.max(1) value=move || progress.get().0></progress>
            <select data-testid="doc-filter" aria-label="Show documents" on:change=move |e| {
                screen.status_filter.set(match event_target_value(&e).as_str() {
                    "done" => StatusFilter::Done,
                    "todo" => StatusFilter::ToDo,
                    _ => StatusFilter::All,
                })
            }>
                <option value="all">"all"</option>
                <option value="todo">"to do"</option>
                <option value="done">"done"</option>
            </select>
            <select data-testid="doc-sort" aria-label="Sort documents" on:change=move |e| {
                sort.set(match event_target_value(&e).as_str() {
                    "date" => SortBy::Date,
                    "source" => SortBy::Source,
                    "title" => SortBy::Title,
                    _ => SortBy::Added,
                })
            }>
                <option value="added">"as added"</option>
                <option value="date">"by date"</option>
                <option value="source">"by source"</option>
                <option value="title">"by title"</option>
            </select>
        </div>
        <DocDeleteConfirm />
        <div class="doc-list-scroll" node_ref=list.scroll_ref on:scroll=move |e| list.on_scroll(&e)>
        <ul class="doc-list" data-testid="doc-list" data-count=move || rows.with(Vec::len)
            style:height=move || list.px(rows.with(Vec::len))
            style:padding-top=move || list.px(window.get().0)>
            <For each=visible key=|(_, row)| row.clone() let:item>
                {
                    let (index, row) = item;
                    let total = rows.with_untracked(Vec::len);
                    let DocRow { id, title, spans, per_label, done, published, source } = row;
                    let open_id: DocumentId = id.clone();
                    let delete_id: DocumentId = id.clone();
                    let is_current = Signal::derive(move || state.current.with(|c| c.as_ref() == Some(&id)));
                    let summary = per_label.iter().map(|(l, n)| format!("{n} {l}")).collect::<Vec<_>>().join(", ");
                    let about = [published.clone(), short_source(&source).to_string()]
                        .into_iter()
                        .filter(|s| !s.is_empty())
                        .collect::<Vec<_>>()
                        .join(" · ");
                    view! {
                        <li data-testid="doc-item" class:current=move || is_current.get() data-done=done.to_string()
                            aria-posinset=index + 1 aria-setsize=total>
                            <button on:click=move |_| state.open(open_id.clone())
                                aria-current=move || if is_current.get() { "page" } else { "false" }
                                title=summary.clone()>
                                <span class="title" dir="auto" title=title.clone()>{if done { "✓ " } else { "" }}{title.clone()}</span>
                                <span class="count" aria-label=format!("{spans} spans")>{spans}</span>
                            </button>
                            <div class="per-label">
                                {(!about.is_empty()).then(|| view! { <span class="doc-about" data-testid="doc-about" title=source.clone()>{about.clone()}" · "</span> })}
                                {summary.clone()}
                            </div>
                            // Not a <button>: a row holds one button, the one that opens it.
                            <span class="doc-delete" role="button" tabindex="0" data-testid="doc-delete" aria-label=format!("Delete {title}")
                                title="Delete this document (asks first; undo brings it back)"
                                on:click={
                                    let id = delete_id.clone();
                                    move |_| docs_confirm(state, id.clone())
                                }
                                on:keydown=move |e| if matches!(e.key().as_str(), "Enter" | " ") {
                                    e.prevent_default();
                                    docs_confirm(state, delete_id.clone());
                                }>"✕"</span>
                        </li>
                    }
                }
            </For>
        </ul>
        </div>
        <Show when=move || rows.with(Vec::is_empty)>
            <p class="status">{move || if progress.get().1 == 0 { "No documents yet." } else { "No documents with this status." }}</p>
        </Show>
    }
}
