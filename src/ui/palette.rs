//! The palette above the reader: a button per label (tags the selection), done, the label
//! editor, suggestions, and whether new spans snap to words.

use leptos::prelude::*;

use crate::dom::live_reader;
use crate::state::{use_documents, use_screen, use_suggestions, Dialog};

/// The label palette and document actions.
#[component]
pub fn Palette() -> impl IntoView {
    let docs = use_documents();
    let screen = use_screen();
    let suggest = use_suggestions();
    let labels = Memo::new(move |_| docs.ws.with(|ws| ws.labels.labels.clone()));
    let done = move || {
        let id = docs.current.get();
        docs.ws
            .with(|ws| id.and_then(|id| ws.document(&id).map(|d| d.done)))
            .unwrap_or(false)
    };
    let label_items = move || labels.get().into_iter().enumerate().collect::<Vec<_>>();
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
                                docs.tag(&name, live_reader::selection());
                                live_reader::collapse_selection_to_end();
                            }>
                            {label.name.clone()}
                            {(label.key != ' ').then(|| view! { <kbd>{label.key.to_string()}</kbd> })}
                        </button>
                    }
                }
            </For>
            <button data-testid="doc-done" title="Mark this document done (m)"
                aria-pressed=move || done().to_string()
                on:click=move |_| docs.toggle_done()>
                {move || if done() { "✓ Done" } else { "Mark done" }}
            </button>
            <button data-testid="labels-open" title="Edit labels"
                on:click=move |_| docs.when_loaded(move || screen.open_dialog(Dialog::Labels))>"Labels…"</button>
            <button data-testid="suggest-run" title="Suggest quotes, speakers, figures and claims in this document"
                on:click=move |_| if let Some(d) = docs.current.get_untracked() { suggest.run(&[d]) }>"Suggest"</button>
            <button data-testid="suggest-run-all" title="Suggest in every document"
                on:click=move |_| docs.when_loaded(move || {
                    let all: Vec<_> = docs.ws.with_untracked(|ws| ws.documents.iter().map(|d| d.id.clone()).collect());
                    suggest.run(&all);
                })>"Suggest all"</button>
            <label class="hint"><input type="checkbox" prop:checked=move || docs.snap_to_words.get()
                on:change=move |e| docs.snap_to_words.set(event_target_checked(&e)) />" snap to words"</label>
            <span class="hint">"Select text, then press a label key. Arrows + Shift select with the keyboard."</span>
        </div>
    }
}
