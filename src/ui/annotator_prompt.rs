//! The prompt for the user's name as an annotator, shown at the first export: the name is
//! remembered in this browser and written as `annotator` on every exported record.

use leptos::{html, prelude::*};

use crate::state::use_identity;

/// The annotator-name prompt (shown while `Identity::asking`).
#[component]
pub fn AnnotatorPrompt() -> impl IntoView {
    let identity = use_identity();
    let input = NodeRef::<html::Input>::new();
    Effect::new(move |_| {
        if identity.asking.get() {
            // After the dialog that asked has taken its own focus.
            request_animation_frame(move || {
                if let Some(i) = input.get_untracked() {
                    let _ = i.focus();
                }
            });
        }
    });
    let save = move || {
        if let Some(i) = input.get_untracked() {
            identity.set(&i.value());
        }
    };
    view! {
        <Show when=move || identity.asking.get()>
            <div class="overlay annotator-overlay" on:click=move |_| identity.cancel()></div>
            <div class="dialog annotator-prompt" role="dialog" aria-modal="true" aria-labelledby="annotator-title"
                data-testid="annotator-prompt"
                on:keydown=move |e| {
                    e.stop_propagation();
                    match e.key().as_str() {
                        "Escape" => identity.cancel(),
                        "Enter" => { e.prevent_default(); save() }
                        _ => {}
                    }
                }>
                <h2 id="annotator-title">"Your name as an annotator"</h2>
                <p>"Every record you export carries it as "<code>"annotator"</code>", so a team's files can be compared. It is remembered in this browser."</p>
                <div class="dialog-row">
                    <label for="annotator-name">"Name"</label>
                    <input id="annotator-name" data-testid="annotator-name" node_ref=input autocomplete="name"
                        prop:value=move || identity.name.get().unwrap_or_default() />
                </div>
                <div class="dialog-actions">
                    <button on:click=move |_| identity.cancel()>"Cancel"</button>
                    <button class="primary" data-testid="annotator-save" on:click=move |_| save()>"Save and continue"</button>
                </div>
            </div>
        </Show>
    }
}
