//! Global keyboard shortcuts (outside text fields): label keys tag the selection, Ctrl+Z / Ctrl+Shift+Z
//! undo and redo, Delete removes the selected span, Escape deselects.

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
        "Escape" => state.select_span(None),
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
