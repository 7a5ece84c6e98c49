//! Keys for work by hand (listed in the `?` overlay): `r` starts a relation from the selected
//! span, `w` links the selected quote to the nearest speaker, Enter ends a relation at the
//! selected span and Escape cancels it; Shift+Delete asks to delete the open document; Alt+Shift+← / → move the selected span's end and
//! Alt+Shift+↑ / ↓ its start by a character (with Ctrl too: by a word).

use leptos::prelude::*;
use spanmark_core::history::{SpanEnd, Step};
use web_sys::KeyboardEvent;

use crate::state::{Documents, Pane, Screen};

/// Handles `e` if it is one of these keys; returns whether it was.
pub fn on_key(docs: Documents, screen: Screen, e: &KeyboardEvent) -> bool {
    if screen.pane.get_untracked() != Pane::Reader || screen.dialog.get_untracked().is_some() {
        return false;
    }
    let key = e.key();
    let ctrl = e.ctrl_key() || e.meta_key();
    if e.alt_key() && e.shift_key() {
        let (end, back) = match key.as_str() {
            "ArrowLeft" => (SpanEnd::End, true),
            "ArrowRight" => (SpanEnd::End, false),
            "ArrowUp" => (SpanEnd::Start, true),
            "ArrowDown" => (SpanEnd::Start, false),
            _ => return false,
        };
        let step = match (ctrl, back) {
            (false, true) => Step::CharBack,
            (false, false) => Step::CharForward,
            (true, true) => Step::WordBack,
            (true, false) => Step::WordForward,
        };
        docs.move_boundary(end, step);
        return true;
    }
    if ctrl || e.alt_key() {
        return false;
    }
    match key.as_str() {
        "Enter" if docs.is_linking() => match docs.selected.get_untracked() {
            Some(to) => docs.finish_link(to),
            None => screen.notify("Reach the target span with n / p first, then press Enter."),
        },
        "Escape" if docs.is_linking() => docs.cancel_link(),
        "Delete" if e.shift_key() && docs.current.get_untracked().is_some() => {
            docs.confirm_delete.set(docs.current.get_untracked())
        }
        "r" if docs.current.get_untracked().is_some() => docs.start_link(),
        "w" if docs.current.get_untracked().is_some() => docs.link_nearest(),
        _ => return false,
    }
    true
}
