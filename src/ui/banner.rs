//! The error and notice banners.

use leptos::prelude::*;

use crate::state::use_screen;

/// Shows the current error (with `data-testid="error"`) and notice, each dismissible.
#[component]
pub fn Banners() -> impl IntoView {
    let state = use_screen();
    view! {
        <div class="banner error" role="alert" data-testid="error" hidden=move || state.error.with(Option::is_none)>
            <pre>{move || state.error.with(|e| e.as_ref().map(|e| e.text.clone()).unwrap_or_default())}</pre>
            <button on:click=move |_| state.error.set(None) aria-label="Dismiss error">"×"</button>
        </div>
        <div class="banner info" role="status" data-testid="notice" hidden=move || state.notice.with(Option::is_none)>
            <pre>{move || state.notice.get().unwrap_or_default()}</pre>
            <button on:click=move |_| state.notice.set(None) aria-label="Dismiss notice">"×"</button>
        </div>
    }
}
