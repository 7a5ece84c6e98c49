//! The list of documents with their span counts.

use leptos::prelude::*;
use spanmark_core::DocumentId;

use crate::state::use_app;

/// Documents in the workspace; click one to open it.
#[component]
pub fn DocList() -> impl IntoView {
    let state = use_app();
    let rows = Memo::new(move |_| {
        state.ws.with(|ws| {
            ws.documents
                .iter()
                .map(|d| (d.id.clone(), d.title.clone(), d.spans.len()))
                .collect::<Vec<_>>()
        })
    });
    view! {
        <h2>"Documents"</h2>
        <ul class="doc-list" data-testid="doc-list">
            <For each=move || rows.get() key=|row| row.clone() let:row>
                {
                    let (id, title, count) = row;
                    let open_id: DocumentId = id.clone();
                    let is_current = Signal::derive(move || state.current.with(|c| c.as_ref() == Some(&id)));
                    view! {
                        <li data-testid="doc-item" class:current=is_current>
                            <button on:click=move |_| state.open(open_id.clone()) aria-current=move || if is_current.get() { "page" } else { "false" }>
                                <span class="title">{title}</span>
                                <span class="count" title="spans">{count}</span>
                            </button>
                        </li>
                    }
                }
            </For>
        </ul>
        <Show when=move || rows.with(Vec::is_empty)>
            <p class="status">"No documents yet."</p>
        </Show>
    }
}
