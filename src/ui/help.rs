//! The `?` overlay: every keyboard shortcut.

use leptos::prelude::*;

use crate::state::{use_screen, Dialog};

/// Every key the app answers to, with what it does.
pub const SHORTCUTS: &[(&str, &str)] = &[
    (
        "Tab / Shift+Tab",
        "move between controls; Tab into the text to select with the keyboard",
    ),
    ("← → (Ctrl: by word)", "move the caret in the text"),
    ("↑ ↓ (Ctrl: by paragraph)", "move the caret by line"),
    ("Home / End (Ctrl: document)", "start or end of the line"),
    ("Shift + any of the above", "extend the selection"),
    (
        "1 2 3 … or a label's letter",
        "tag the selection with that label",
    ),
    ("n / p", "next / previous span (selects it)"),
    ("Delete", "delete the selected span"),
    ("Ctrl+Z / Ctrl+Shift+Z (Ctrl+Y)", "undo / redo"),
    ("] / [", "next / previous document"),
    ("m", "mark the document done (again: not done)"),
    ("s", "suggest quotes, speakers, figures and claims"),
    (
        "j / k, Enter or a, x",
        "next / previous suggestion, accept, reject",
    ),
    (
        "/ or Ctrl+F",
        "find in the document; Enter / Shift+Enter next / previous match",
    ),
    ("e", "export dialog"),
    ("l", "label editor"),
    ("g", "stories across documents (↑ ↓ move between stories)"),
    (
        "r, then a click or n / p and Enter",
        "link the selected span to another (a relation; “Link to…” in the span panel)",
    ),
    ("w", "link the selected quote to the nearest speaker before it"),
    (
        "Alt+Shift+← / →",
        "move the selected span's end back / forward a character (Ctrl too: a word)",
    ),
    (
        "Alt+Shift+↑ / ↓",
        "move the selected span's start back / forward a character (Ctrl too: a word); or drag the handles",
    ),
    (
        "Shift+Delete",
        "delete the open document (asks first; undo brings it back)",
    ),
    ("?", "this help"),
    ("Escape", "close a dialog, cancel a relation being drawn, deselect"),
];

/// The keyboard help overlay.
#[component]
pub fn Help() -> impl IntoView {
    let screen = use_screen();
    view! {
        <Show when=move || screen.is_open(Dialog::Help)>
            <div class="overlay" on:click=move |_| screen.close_dialog()></div>
            <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="help-title" data-testid="help"
                on:keydown=move |e| if e.key() == "Escape" { screen.close_dialog() }>
                <h2 id="help-title">"Keyboard shortcuts"</h2>
                <dl class="help-grid">
                    {SHORTCUTS.iter().map(|(k, what)| view! { <dt><kbd>{*k}</kbd></dt><dd>{*what}</dd> }).collect_view()}
                </dl>
                <div class="dialog-actions">
                    <button class="primary" autofocus on:click=move |_| screen.close_dialog()>"Close"</button>
                </div>
            </div>
        </Show>
    }
}
