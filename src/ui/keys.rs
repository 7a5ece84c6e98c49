//! Global keyboard shortcuts (outside text fields), all listed in the `?` overlay (`ui::help`):
//! label keys tag the selection, Ctrl+Z / Ctrl+Shift+Z undo and redo, Delete removes the selected
//! span, n / p step through spans, ] / [ through documents, m marks a document done, e opens the
//! export, l the labels, s runs suggestions, / or Ctrl+F finds, ? shows the keys, Escape deselects.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, KeyboardEvent};

use crate::state::AppState;
use crate::ui::reader;
use crate::ui::suggest::SuggestState;

/// Handles a keydown that reached the window.
pub fn on_global_key(state: &AppState, suggest: &SuggestState, e: &KeyboardEvent) {
    if e.default_prevented() || in_text_field(e) {
        return;
    }
    let key = e.key();
    let ctrl = e.ctrl_key() || e.meta_key();
    if ctrl && !e.alt_key() {
        match key.to_lowercase().as_str() {
            "f" => {
                state.find_open.set(true);
                crate::ui::find::focus_input();
            }
            "z" if e.shift_key() => state.redo(),
            "z" => state.undo(),
            "y" => state.redo(),
            _ => return,
        }
        e.prevent_default();
        return;
    }
    if e.alt_key() {
        return;
    }
    {
        if suggest.active(state) && !state.show_paste.get_untracked() {
            let on_button = e
                .target()
                .and_then(|t| t.dyn_into::<HtmlElement>().ok())
                .is_some_and(|el| el.tag_name() == "BUTTON");
            let handled = match key.as_str() {
                "Enter" | "a" if !(on_button && key == "Enter") => {
                    suggest.accept(*state, &[suggest.cursor.get_untracked()]);
                    true
                }
                "x" => {
                    suggest.reject(*state, suggest.cursor.get_untracked());
                    true
                }
                "j" => {
                    suggest.step(*state, 1);
                    true
                }
                "k" => {
                    suggest.step(*state, -1);
                    true
                }
                _ => false,
            };
            if handled {
                e.prevent_default();
                return;
            }
        }
    }
    match key.as_str() {
        "Delete" | "Backspace" => {
            if state.selected.get_untracked().is_some() {
                e.prevent_default();
                state.delete_selected();
            }
        }
        "Escape" => {
            let open = [
                state.help_open,
                state.export_open,
                state.labels_open,
                state.find_open,
            ];
            if open.iter().any(|o| o.get_untracked()) {
                open.iter().for_each(|o| o.set(false));
            } else {
                state.select_span(None);
            }
        }
        "?" => state.help_open.update(|o| *o = !*o),
        "/" => {
            e.prevent_default();
            state.find_open.set(true);
            crate::ui::find::focus_input();
        }
        "n" => state.step_span(1),
        "p" => state.step_span(-1),
        "]" => state.step_document(1),
        "[" => state.step_document(-1),
        "m" => state.toggle_done(),
        "e" if state.ws.with_untracked(|ws| !ws.documents.is_empty()) => {
            let open = state.export_open;
            state.when_loaded(move || open.set(true))
        }
        "l" => {
            let open = state.labels_open;
            state.when_loaded(move || open.set(true))
        }
        "s" => {
            if let Some(d) = state.current.get_untracked() {
                suggest.run(*state, &[d]);
            }
        }
        _ => {
            let mut chars = key.chars();
            let (Some(c), None) = (chars.next(), chars.next()) else {
                return;
            };
            let label = state
                .ws
                .with_untracked(|ws| ws.labels.by_key(c).map(|l| l.name.clone()));
            if let Some(label) = label {
                if state.current.get_untracked().is_some() && !state.show_paste.get_untracked() {
                    e.prevent_default();
                    state.tag(&label, reader::live_selection());
                    reader::collapse_selection_to_end();
                }
            }
        }
    }
}

fn in_text_field(e: &KeyboardEvent) -> bool {
    let Some(el) = e.target().and_then(|t| t.dyn_into::<HtmlElement>().ok()) else {
        return false;
    };
    matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT") || el.is_content_editable()
}
