//! The top bar: new document, undo/redo, export, import.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;

use spanmark_core::formats::Format;

use crate::dom::files;
use crate::state::{use_app, AppState};
use crate::ui::export::dialog::ExportDialog;
use crate::ui::import::{self, ImportState};

/// Imports picked or dropped files.
pub fn import_picked(state: AppState, import: ImportState, picked: Vec<web_sys::File>) {
    let files = picked.into_iter().map(files::PickedFile::new).collect();
    import::start(state, import, files, false);
}

/// The app's top bar.
#[component]
pub fn TopBar() -> impl IntoView {
    let state = use_app();
    let import = expect_context::<ImportState>();
    let export_open = state.export_open;
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
        import_picked(state, import, picked);
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
            <crate::ui::storage_indicator::StorageIndicator />
            <select data-testid="import-format" aria-label="Format of imported files" title="Format of imported files"
                on:change=move |e| import.format.set(event_target_value(&e).parse::<Format>().ok())>
                <option value="auto">"Auto-detect"</option>
                {Format::ALL.iter().map(|f| view! { <option value=f.id()>{f.name()}</option> }).collect_view()}
            </select>
            <label class="file-button">
                <span class="button-like" aria-hidden="true">"Import…"</span>
                <input type="file" data-testid="import-file" multiple
                    accept=".jsonl,.json,.jsonld,.zip,.txt,.ann,.md,.html,.htm,.conll,.iob,.tsv"
                    aria-label="Import files (any supported format, or .txt/.md/.html articles)" on:change=on_pick
                    on:click=|_| crate::dom::lazy_formats::preload() />
            </label>
            <button data-testid="export-open" on:click=move |_| state.when_loaded(move || export_open.set(true))
                disabled=move || state.ws.with(|ws| ws.documents.is_empty())>"Export…"</button>
            <button data-testid="export-jsonl" class="primary" on:click=move |_| state.when_loaded(move || state.export_jsonl())
                disabled=move || state.ws.with(|ws| ws.documents.is_empty())>"Export JSONL"</button>
            <button data-testid="theme-toggle" title="Colour theme (remembered)" on:click=move |_| {
                let next = match state.theme.get_untracked() {
                    None => Some("dark"),
                    Some("dark") => Some("light"),
                    _ => None,
                };
                crate::storage::prefs::set_theme(next);
                state.theme.set(next);
            }>{move || match state.theme.get() {
                Some("dark") => "◐ Dark",
                Some(_) => "◐ Light",
                None => "◐ System",
            }}</button>
            <button data-testid="help-open" title="Keyboard shortcuts (?)" aria-label="Keyboard shortcuts" on:click=move |_| state.help_open.set(true)>"?"</button>
            <ExportDialog open=export_open />
        </header>
    }
}
