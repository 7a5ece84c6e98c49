//! The top bar: new document, undo/redo, export, import.

use leptos::{prelude::*, task::spawn_local};
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;

use crate::{
    dom::files,
    state::{use_app, AppState},
};

/// Reads picked or dropped files and imports them.
pub fn import_picked(state: AppState, picked: Vec<web_sys::File>) {
    if picked.is_empty() {
        return;
    }
    spawn_local(async move {
        let mut read = vec![];
        for f in &picked {
            match files::read(f).await {
                Ok(p) => read.push(p),
                Err(e) => {
                    state.error.set(Some(format!(
                        "{}: could not be read ({e}). Nothing was imported.",
                        f.name()
                    )));
                    return;
                }
            }
        }
        state.import_files(read);
    });
}

/// The app's top bar.
#[component]
pub fn TopBar() -> impl IntoView {
    let state = use_app();
    let on_pick = move |e: web_sys::Event| {
        let Some(input) = e
            .target()
            .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
        else {
            return;
        };
        let picked = input
            .files()
            .map(|l| files::files_of(&l))
            .unwrap_or_default();
        import_picked(state, picked);
        // Allow picking the same file again.
        input.set_value("");
    };
    view! {
        <header class="topbar">
            <h1>"Spanmark"</h1>
            <button data-testid="new-document" on:click=move |_| state.show_paste.set(true)>"New document"</button>
            <button data-testid="undo" title="Undo (Ctrl+Z)" disabled=move || !state.can_undo.get() on:click=move |_| state.undo()>"Undo"</button>
            <button data-testid="redo" title="Redo (Ctrl+Shift+Z)" disabled=move || !state.can_redo.get() on:click=move |_| state.redo()>"Redo"</button>
            <span class="spacer"></span>
            <span class="save-state" data-testid="save-state" role="status" title="Everything is saved in this browser">
                {move || match state.save_state.get() {
                    "saving" => "Saving…",
                    "error" => "Not saved",
                    _ => "Saved",
                }}
            </span>
            <label class="file-button">
                <button tabindex="-1" aria-hidden="true">"Import JSONL…"</button>
                <input type="file" data-testid="import-file" accept=".jsonl,.json,application/jsonl" multiple aria-label="Import Spanmark JSONL files" on:change=on_pick />
            </label>
            <button data-testid="export-jsonl" class="primary" on:click=move |_| state.export_jsonl()
                disabled=move || state.ws.with(|ws| ws.documents.is_empty())>"Export JSONL"</button>
        </header>
    }
}
