//! Asks before a document is deleted (the button in its list row, Shift+Delete for the open one);
//! says how many spans go with it and that undo brings it back.

use leptos::prelude::*;

use crate::state::use_documents;

/// The confirmation, shown above the document list while a deletion is asked for.
#[component]
pub fn DocDeleteConfirm() -> impl IntoView {
    let docs = use_documents();
    let asked = Memo::new(move |_| {
        let id = docs.confirm_delete.get()?;
        docs.ws.with(|ws| {
            ws.document(&id)
                .map(|d| (id.clone(), d.title.clone(), d.spans.len()))
        })
    });
    let yes = NodeRef::<leptos::html::Button>::new();
    Effect::new(move |_| {
        if let Some(b) = yes.get() {
            let _ = b.focus();
        }
    });
    move || {
        asked.get().map(|(id, title, spans)| {
            view! {
                <div class="confirm doc-delete-confirm" role="alertdialog" aria-label="Confirm deletion"
                    data-testid="doc-delete-confirm"
                    on:keydown=move |e| if e.key() == "Escape" { docs.confirm_delete.set(None) }>
                    <span dir="auto">{format!("Delete “{title}” and its {spans} span(s)? Undo (Ctrl+Z) brings it back.")}</span>
                    <button class="danger" data-testid="doc-delete-yes" node_ref=yes
                        on:click=move |_| { docs.confirm_delete.set(None); docs.delete_document(id.clone()); }>"Delete"</button>
                    <button data-testid="doc-delete-no" on:click=move |_| docs.confirm_delete.set(None)>"Keep it"</button>
                </div>
            }
        })
    }
}
