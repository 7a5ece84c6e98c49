//! Find in document (`/` or Ctrl+F): matches are found in the model's text (so a search sees the
//! whole document whatever the reader shows), painted with the CSS Custom Highlight API, and
//! stepped through with Enter / Shift+Enter. The current match becomes the text selection, so a
//! label key tags it after Escape.

use leptos::{html, prelude::*};
use spanmark_core::DocumentId;

use crate::dom::live_reader;
use crate::state::{use_documents, use_screen};

/// At most this many matches are painted (all are counted and stepped through).
const PAINT_LIMIT: usize = 5000;

/// Case-insensitive matches of `needle` in `text`, as code-point ranges (at most `limit`).
pub fn find_all(text: &str, needle: &str, limit: usize) -> Vec<(usize, usize)> {
    let fold = |c: char| c.to_lowercase().next().unwrap_or(c);
    let needle: Vec<char> = needle.chars().map(fold).collect();
    if needle.is_empty() {
        return vec![];
    }
    let hay: Vec<char> = text.chars().map(fold).collect();
    let mut out = vec![];
    let mut i = 0;
    while i + needle.len() <= hay.len() && out.len() < limit {
        if hay[i..i + needle.len()] == needle[..] {
            out.push((i, i + needle.len()));
            i += needle.len();
        } else {
            i += 1;
        }
    }
    out
}

/// Focuses the find input (after it is shown).
pub fn focus_input() {
    request_animation_frame(|| {
        if let Some(el) = document()
            .query_selector("[data-testid=find-input]")
            .ok()
            .flatten()
        {
            if let Some(input) = wasm_bindgen::JsCast::dyn_ref::<web_sys::HtmlInputElement>(&el) {
                let _ = input.focus();
                input.select();
            }
        }
    });
}

/// The find bar above the reader.
#[component]
pub fn FindBar() -> impl IntoView {
    let app = use_documents();
    let screen = use_screen();
    let query = RwSignal::new(String::new());
    let current = RwSignal::new(0usize);
    let input_ref = NodeRef::<html::Input>::new();
    let matches = Memo::new(move |_| {
        let q = query.get();
        let doc: Option<DocumentId> = app.current.get();
        if !screen.find_open.get() || q.is_empty() {
            return vec![];
        }
        app.ws.with_untracked(|ws| {
            doc.and_then(|d| ws.document(&d))
                .map(|d| find_all(&d.text, &q, 100_000))
                .unwrap_or_default()
        })
    });
    // A new search starts at its first match.
    Effect::new(move |_| {
        matches.track();
        current.set(0);
    });
    // Paint the matches, and again whenever the reader's DOM changes (its Ranges are then stale).
    let paint_current = move |i: usize| match matches.with_untracked(|m| m.get(i).copied()) {
        Some((s, e)) => {
            crate::dom::highlights::set("find-current", &live_reader::ranges_for([(s, e)]));
        }
        None => crate::dom::highlights::clear("find-current"),
    };
    Effect::new(move |_| {
        app.reader.drawn.track();
        if matches.with(Vec::is_empty) {
            // Nothing to paint (the find bar is closed, or no match): leave the registry alone.
            crate::dom::highlights::clear("find");
            crate::dom::highlights::clear("find-current");
            return;
        }
        let ranges =
            matches.with(|all| live_reader::ranges_for(all.iter().take(PAINT_LIMIT).copied()));
        crate::dom::highlights::set("find", &ranges);
        paint_current(current.get_untracked());
    });
    // Bring the current match into view when it moves (this may draw its part of the reader).
    Effect::new(move |_| {
        let i = current.get();
        if let Some((s, _)) = matches.with(|m| m.get(i).copied()) {
            live_reader::reveal(s);
        }
        paint_current(i);
    });
    on_cleanup(|| {
        crate::dom::highlights::clear("find");
        crate::dom::highlights::clear("find-current");
    });
    let step = move |delta: isize| {
        let n = matches.with_untracked(Vec::len);
        if n > 0 {
            current.update(|c| *c = (*c as isize + delta).rem_euclid(n as isize) as usize);
        }
    };
    let close = move || {
        // Leave the current match selected in the text, ready to be tagged.
        if let Some((s, e)) = matches.with_untracked(|m| m.get(current.get_untracked()).copied()) {
            live_reader::select_and_focus(s, e);
        }
        screen.find_open.set(false);
    };
    view! {
        <Show when=move || screen.find_open.get()>
            <div class="find-bar" role="search" data-testid="find-bar">
                <input data-testid="find-input" node_ref=input_ref type="search" placeholder="Find in document" aria-label="Find in document"
                    prop:value=move || query.get()
                    on:input=move |e| query.set(event_target_value(&e))
                    on:keydown=move |e| match e.key().as_str() {
                        "Enter" => { e.prevent_default(); step(if e.shift_key() { -1 } else { 1 }); }
                        "Escape" => { e.prevent_default(); close(); }
                        _ => {}
                    } />
                <span class="find-count" data-testid="find-count" aria-live="polite">{move || {
                    let n = matches.with(Vec::len);
                    if n == 0 { if query.with(String::is_empty) { String::new() } else { "no matches".into() } }
                    else { format!("{} / {}", current.get() + 1, n) }
                }}</span>
                <button data-testid="find-prev" aria-label="Previous match" on:click=move |_| step(-1)>"↑"</button>
                <button data-testid="find-next" aria-label="Next match" on:click=move |_| step(1)>"↓"</button>
                <button aria-label="Close find" on:click=move |_| close()>"×"</button>
            </div>
        </Show>
    }
}

#[cfg(test)]
mod tests {
    use super::find_all;

    #[test]
    fn matches_are_case_insensitive_code_points() {
        assert_eq!(
            find_all("😀 Ruiz said; ruiz", "RUIZ", 10),
            vec![(2, 6), (13, 17)]
        );
        assert_eq!(find_all("aaaa", "aa", 10), vec![(0, 2), (2, 4)]);
        assert!(find_all("abc", "", 10).is_empty());
    }
}
