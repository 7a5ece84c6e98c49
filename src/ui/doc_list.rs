//! The list of documents: progress (done / total), spans per label, a status filter.

use leptos::prelude::*;
use spanmark_core::DocumentId;

use crate::state::use_app;

#[derive(Clone, PartialEq, Eq, Hash)]
struct DocRow {
    id: DocumentId,
    title: String,
    spans: usize,
    per_label: Vec<(String, usize)>,
    done: bool,
}

/// Documents in the workspace; click one to open it.
#[component]
pub fn DocList() -> impl IntoView {
    let state = use_app();
    let rows = Memo::new(move |_| {
        let filter = state.status_filter.get();
        state.ws.with(|ws| {
            ws.documents
                .iter()
                .filter(|d| filter.is_none_or(|f| d.done == f))
                .map(|d| {
                    let per_label = ws
                        .labels
                        .labels
                        .iter()
                        .map(|l| {
                            (
                                l.name.clone(),
                                d.spans.iter().filter(|s| s.label == l.name).count(),
                            )
                        })
                        .filter(|(_, n)| *n > 0)
                        .collect();
                    DocRow {
                        id: d.id.clone(),
                        title: d.title.clone(),
                        spans: d.spans.len(),
                        per_label,
                        done: d.done,
                    }
                })
                .collect::<Vec<_>>()
        })
    });
    let progress = Memo::new(move |_| {
        state.ws.with(|ws| {
            (
                ws.documents.iter().filter(|d| d.done).count(),
                ws.documents.len(),
            )
        })
    });
    view! {
        <h2>"Documents"</h2>
        <div class="doc-progress" data-testid="doc-progress">
            <span>{move || { let (d, t) = progress.get(); format!("{d} / {t} done") }}</span>
            <progress aria-label="Documents done" max=move || progress.get().1.max(1) value=move || progress.get().0></progress>
            <select data-testid="doc-filter" aria-label="Show documents" on:change=move |e| {
                state.status_filter.set(match event_target_value(&e).as_str() {
                    "done" => Some(true),
                    "todo" => Some(false),
                    _ => None,
                })
            }>
                <option value="all">"all"</option>
                <option value="todo">"to do"</option>
                <option value="done">"done"</option>
            </select>
        </div>
        <ul class="doc-list" data-testid="doc-list">
            <For each=move || rows.get() key=|row| row.clone() let:row>
                {
                    let DocRow { id, title, spans, per_label, done } = row;
                    let open_id: DocumentId = id.clone();
                    let is_current = Signal::derive(move || state.current.with(|c| c.as_ref() == Some(&id)));
                    let summary = per_label.iter().map(|(l, n)| format!("{n} {l}")).collect::<Vec<_>>().join(", ");
                    view! {
                        <li data-testid="doc-item" class:current=move || is_current.get() data-done=done.to_string()>
                            <button on:click=move |_| state.open(open_id.clone())
                                aria-current=move || if is_current.get() { "page" } else { "false" }
                                title=summary.clone()>
                                <span class="title" dir="auto">{if done { "✓ " } else { "" }}{title}</span>
                                <span class="count" aria-label=format!("{spans} spans")>{spans}</span>
                            </button>
                            <div class="per-label">{summary.clone()}</div>
                        </li>
                    }
                }
            </For>
        </ul>
        <Show when=move || rows.with(Vec::is_empty)>
            <p class="status">{move || if progress.get().1 == 0 { "No documents yet." } else { "No documents with this status." }}</p>
        </Show>
    }
}
