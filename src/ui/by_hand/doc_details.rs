//! The open document's details above its text: byline, publication date and source, and a
//! fold-out form to rename it and change them (each stored on Enter or on leaving the field,
//! undoable), and to delete it.

use leptos::prelude::*;
use spanmark_core::{DocField, DocumentId};

use crate::state::use_documents;

#[derive(Debug, Clone, PartialEq, Eq)]
struct Details {
    id: DocumentId,
    title: String,
    source: String,
    published: String,
    byline: String,
}

/// The open document's details.
#[component]
pub fn DocDetails() -> impl IntoView {
    let docs = use_documents();
    let details = Memo::new(move |_| {
        let id = docs.current.get()?;
        docs.ws.with(|ws| {
            ws.document(&id).map(|d| Details {
                id: d.id.clone(),
                title: d.title.clone(),
                source: d.source.clone().unwrap_or_default(),
                published: d.published.clone().unwrap_or_default(),
                byline: d.byline.clone().unwrap_or_default(),
            })
        })
    });
    let summary = move || {
        details.with(|d| {
            let Some(d) = d else { return String::new() };
            let parts: Vec<String> = [
                (!d.byline.is_empty()).then(|| format!("By {}", d.byline)),
                (!d.published.is_empty()).then(|| d.published.clone()),
                (!d.source.is_empty()).then(|| d.source.clone()),
            ]
            .into_iter()
            .flatten()
            .collect();
            if parts.is_empty() {
                "No byline, date or source yet".into()
            } else {
                parts.join(" · ")
            }
        })
    };
    let id = move || details.with_untracked(|d| d.as_ref().map(|d| d.id.clone()));
    let field = move |testid: &'static str,
                      label: &'static str,
                      which: Option<DocField>,
                      placeholder: &'static str| {
        let value = move || {
            details.with(|d| {
                d.as_ref()
                    .map(|d| match which {
                        None => d.title.clone(),
                        Some(DocField::Source) => d.source.clone(),
                        Some(DocField::Published) => d.published.clone(),
                        Some(_) => d.byline.clone(),
                    })
                    .unwrap_or_default()
            })
        };
        view! {
            <label>
                <span>{label}</span>
                <input data-testid=testid placeholder=placeholder prop:value=value
                    on:change=move |e| {
                        let Some(doc) = id() else { return };
                        let v = event_target_value(&e);
                        let ok = match which {
                            None => docs.rename_document(doc, &v),
                            Some(f) => docs.set_doc_field(doc, f, &v),
                        };
                        if !ok {
                            // Refused (the banner says why): show the stored value again.
                            event_target::<web_sys::HtmlInputElement>(&e).set_value(&value());
                        }
                    } />
            </label>
        }
    };
    view! {
        <Show when=move || details.with(Option::is_some)>
            <details class="doc-details" data-testid="doc-details">
                <summary><span data-testid="doc-meta" dir="auto">{summary}</span>" — details"</summary>
                <div class="doc-details-form">
                    {field("doc-title", "Title", None, "Headline")}
                    {field("doc-source", "Source", Some(DocField::Source), "https://…")}
                    {field("doc-published", "Published", Some(DocField::Published), "YYYY-MM-DD")}
                    {field("doc-byline", "Byline", Some(DocField::Byline), "Who wrote it")}
                    <button class="danger" data-testid="doc-delete-open" title="Delete this document (Shift+Delete)"
                        on:click=move |_| docs.confirm_delete.set(id())>"Delete document…"</button>
                </div>
            </details>
        </Show>
    }
}
