//! Paste a new article (or try the sample).

use leptos::prelude::*;

use crate::sample;
use crate::state::{use_documents, use_screen, Pane};

/// Title + text → new document.
#[component]
pub fn PastePanel() -> impl IntoView {
    let state = use_documents();
    let screen = use_screen();
    let title = RwSignal::new(String::new());
    let text = RwSignal::new(String::new());
    let submit = move || match state.add_pasted(&title.get_untracked(), &text.get_untracked()) {
        Ok(()) => {
            title.set(String::new());
            text.set(String::new());
        }
        Err(e) => screen.fail(e),
    };
    view! {
        <form class="paste-panel" on:submit=move |e| { e.prevent_default(); submit(); }>
            <h2>"New document"</h2>
            <label for="paste-title">"Title"</label>
            <input id="paste-title" data-testid="paste-title" placeholder="Headline (optional)"
                prop:value=move || title.get() on:input=move |e| title.set(event_target_value(&e)) />
            <label for="paste-text">"Article text"</label>
            <textarea id="paste-text" data-testid="paste-text" placeholder="Paste the article here"
                prop:value=move || text.get() on:input=move |e| text.set(event_target_value(&e))></textarea>
            <div class="actions">
                <button type="submit" class="primary" data-testid="paste-submit">"Add document"</button>
                <button type="button" data-testid="sample-load" on:click=move |_| {
                    let _ = state.add_pasted(sample::TITLE, sample::TEXT);
                }>"Try a sample article"</button>
                <Show when=move || state.ws.with(|ws| !ws.documents.is_empty())>
                    <button type="button" on:click=move |_| screen.pane.set(Pane::Reader)>"Cancel"</button>
                </Show>
            </div>
        </form>
    }
}
