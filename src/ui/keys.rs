//! Global keyboard shortcuts (outside text fields), all listed in the `?` overlay (`ui::help`):
//! label keys tag the selection, Ctrl+Z / Ctrl+Shift+Z undo and redo, Delete removes the selected
//! span, n / p step through spans, ] / [ through documents, m marks a document done, e opens the
//! export, l the labels, g the stories, s runs suggestions, / or Ctrl+F finds, ? shows the keys, Escape deselects.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, KeyboardEvent};

use crate::dom::live_reader;
use crate::state::{Dialog, Documents, Pane, Screen, SuggestState};

/// Handles a keydown that reached the window.
pub fn on_global_key(docs: Documents, screen: Screen, suggest: SuggestState, e: &KeyboardEvent) {
    if e.default_prevented() || in_text_field(e) {
        return;
    }
    if crate::ui::by_hand::keys::on_key(docs, screen, e) {
        e.prevent_default();
        return;
    }
    let key = e.key();
    let ctrl = e.ctrl_key() || e.meta_key();
    if ctrl && !e.alt_key() {
        match key.to_lowercase().as_str() {
            "f" => open_find(screen),
            "z" if e.shift_key() => docs.redo(),
            "z" => docs.undo(),
            "y" => docs.redo(),
            _ => return,
        }
        e.prevent_default();
        return;
    }
    if e.alt_key() {
        return;
    }
    let reading = screen.pane.get_untracked() == Pane::Reader;
    if reading && suggest.active() && review_key(suggest, e) {
        e.prevent_default();
        return;
    }
    match key.as_str() {
        "Delete" | "Backspace" => {
            if docs.selected.get_untracked().is_some() {
                e.prevent_default();
                docs.delete_selected();
            }
        }
        "Escape" => {
            if screen.dialog.get_untracked().is_some() || screen.find_open.get_untracked() {
                screen.close_dialog();
                screen.find_open.set(false);
            } else {
                docs.select_span(None);
            }
        }
        "?" => screen.dialog.update(|d| {
            *d = match d {
                Some(Dialog::Help) => None,
                _ => Some(Dialog::Help),
            }
        }),
        "/" => {
            e.prevent_default();
            open_find(screen);
        }
        "n" => docs.step_span(1),
        "p" => docs.step_span(-1),
        "]" => docs.step_document(1),
        "[" => docs.step_document(-1),
        "m" => docs.toggle_done(),
        "e" if docs.ws.with_untracked(|ws| !ws.documents.is_empty()) => {
            docs.when_loaded(move || screen.open_dialog(Dialog::Export))
        }
        "l" => docs.when_loaded(move || screen.open_dialog(Dialog::Labels)),
        "g" if docs.ws.with_untracked(|ws| !ws.documents.is_empty()) => {
            docs.when_loaded(move || screen.open_dialog(Dialog::Stories))
        }
        "s" => {
            if let Some(d) = docs.current.get_untracked() {
                suggest.run(&[d]);
            }
        }
        _ => {
            let mut chars = key.chars();
            let (Some(c), None) = (chars.next(), chars.next()) else {
                return;
            };
            let label = docs
                .ws
                .with_untracked(|ws| ws.labels.by_key(c).map(|l| l.name.clone()));
            if let Some(label) = label {
                if docs.current.get_untracked().is_some() && reading {
                    e.prevent_default();
                    docs.tag(&label, live_reader::selection());
                    live_reader::collapse_selection_to_end();
                }
            }
        }
    }
}

/// Keys that review suggestions while some are listed; returns whether `e` was one.
fn review_key(suggest: SuggestState, e: &KeyboardEvent) -> bool {
    let key = e.key();
    let on_button = e
        .target()
        .and_then(|t| t.dyn_into::<HtmlElement>().ok())
        .is_some_and(|el| el.tag_name() == "BUTTON");
    match key.as_str() {
        "Enter" | "a" if !(on_button && key == "Enter") => {
            suggest.accept(&[suggest.cursor.get_untracked()])
        }
        "x" => suggest.reject(suggest.cursor.get_untracked()),
        "j" => suggest.step(1),
        "k" => suggest.step(-1),
        _ => return false,
    }
    true
}

fn open_find(screen: Screen) {
    screen.find_open.set(true);
    crate::ui::find::focus_input();
}

fn in_text_field(e: &KeyboardEvent) -> bool {
    let Some(el) = e.target().and_then(|t| t.dyn_into::<HtmlElement>().ok()) else {
        return false;
    };
    matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT") || el.is_content_editable()
}
