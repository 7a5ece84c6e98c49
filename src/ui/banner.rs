//! The error and notice banners, and the one that says another tab is editing.

use leptos::prelude::*;

use crate::state::saving::Writer;
use crate::state::{use_saving, use_screen};

/// Shows the current error (with `data-testid="error"`) and notice, each dismissible, and while
/// another tab writes, a banner (`tab-paused`) with a button to take over (`take-over`).
#[component]
pub fn Banners() -> impl IntoView {
    let state = use_screen();
    let saving = use_saving();
    view! {
        <div class="banner paused" role="alert" data-testid="tab-paused"
            hidden=move || saving.writer.get() != Writer::Paused>
            <pre>"Spanmark is open in another tab — editing here is paused, so that neither tab overwrites the other. What you see here may be out of date."</pre>
            <button class="primary" data-testid="take-over" on:click=move |_| saving.take_over()>"Edit here"</button>
        </div>
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
