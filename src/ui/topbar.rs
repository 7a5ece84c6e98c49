//! The top bar: new document, undo/redo, export, import.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;

use spanmark_core::formats::{spanmark_jsonl, Format};

use crate::dom::files;
use crate::state::{
    use_documents, use_saving, use_screen, Dialog, Documents, Pane, SaveState, Screen, Theme,
};
use crate::ui::export::dialog::ExportDialog;
use crate::ui::import::{self, ImportState};

/// Imports picked or dropped files.
pub fn import_picked(import: ImportState, picked: Vec<web_sys::File>) {
    let files = picked.into_iter().map(files::PickedFile::new).collect();
    import::start(import, files, false);
}

/// Downloads the workspace as Spanmark JSONL, each record carrying the user's name as `annotator`
/// (unless it already names one).
fn export_jsonl(docs: Documents, screen: Screen, annotator: Option<String>) {
    let body = docs.ws.with_untracked(|ws| {
        let named = spanmark_core::Workspace {
            documents: ws
                .documents
                .iter()
                .map(|d| crate::state::Identity::stamp(annotator.as_deref(), d))
                .collect(),
            labels: ws.labels.clone(),
        };
        spanmark_jsonl::export_workspace(&named)
    });
    let name = format!("spanmark-{}.jsonl", crate::dom::download::today());
    if let Err(e) = crate::dom::download::download(&name, "application/jsonl", body.as_bytes()) {
        screen.fail(format!("The export could not be downloaded: {e}"));
    }
}

/// The app's top bar.
#[component]
pub fn TopBar() -> impl IntoView {
    let state = use_documents();
    let screen = use_screen();
    let saving = use_saving();
    let import = expect_context::<ImportState>();
    let identity = crate::state::use_identity();
    let comparison = crate::state::use_comparison();
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
        import_picked(import, picked);
        // Allow picking the same file again.
        input.set_value("");
    };
    view! {
        <header class="topbar">
            <h1>"Spanmark"</h1>
            <button data-testid="new-document" on:click=move |_| screen.pane.set(Pane::Paste)>"New document"</button>
            <button data-testid="undo" title="Undo (Ctrl+Z)" disabled=move || !state.can_undo.get() on:click=move |_| state.undo()>"Undo"</button>
            <button data-testid="redo" title="Redo (Ctrl+Shift+Z)" disabled=move || !state.can_redo.get() on:click=move |_| state.redo()>"Redo"</button>
            <span class="spacer"></span>
            <span class="save-state" data-testid="save-state" role="status" title="Everything is saved in this browser">
                {move || match saving.state.get() {
                    SaveState::Saving => "Saving…",
                    SaveState::Failed => "Not saved",
                    SaveState::Saved => "Saved",
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
            <button data-testid="export-open" on:click=move |_| state.when_loaded(move || screen.open_dialog(Dialog::Export))
                disabled=move || state.ws.with(|ws| ws.documents.is_empty())>"Export…"</button>
            <button data-testid="export-jsonl" class="primary" on:click=move |_| state.when_loaded(move || identity.ensure(move || export_jsonl(state, screen, identity.name.get_untracked())))
                disabled=move || state.ws.with(|ws| ws.documents.is_empty())>"Export JSONL"</button>
            <button data-testid="compare-open" title="Compare annotators' files and adjudicate" on:click=move |_| {
                crate::dom::lazy_formats::preload();
                comparison.open.set(true);
            }>"Compare…"</button>
            <button data-testid="stories-open" title="Stories across documents (g)" on:click=move |_| state.when_loaded(move || screen.open_dialog(Dialog::Stories))
                disabled=move || state.ws.with(|ws| ws.documents.is_empty())>"Stories"</button>
            <button data-testid="theme-toggle" title="Colour theme (remembered)" on:click=move |_| {
                let next = screen.theme.get_untracked().next();
                crate::storage::prefs::set_theme(next.name());
                screen.theme.set(next);
            }>{move || match screen.theme.get() {
                Theme::Dark => "◐ Dark",
                Theme::Light => "◐ Light",
                Theme::System => "◐ System",
            }}</button>
            <button data-testid="help-open" title="Keyboard shortcuts (?)" aria-label="Keyboard shortcuts" on:click=move |_| screen.open_dialog(Dialog::Help)>"?"</button>
            <ExportDialog />
        </header>
    }
}
