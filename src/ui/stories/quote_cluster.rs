//! One quote cluster: the canonical text and each occurrence side by side (outlet, text as
//! written, speaker, word diff); an occurrence opens its span in the reader.

use leptos::prelude::*;
use spanmark_core::link::{DiffOp, QuoteCluster};

use super::Outlets;
use crate::state::use_stories;

/// A quote cluster.
#[component]
pub fn QuoteClusterView(cluster: QuoteCluster, outlets: Outlets) -> impl IntoView {
    let stories = use_stories();
    let conflict = cluster.conflict;
    let occurrences = cluster
        .occurrences
        .into_iter()
        .map(|o| {
            let outlet = outlets.name(&o.document);
            let speaker = o
                .speaker
                .clone()
                .unwrap_or_else(|| "no speaker named".into());
            let named = o.speaker.is_some();
            let text = match &o.diff {
                Some(diff) => diff
                    .iter()
                    .map(|op| match op {
                        DiffOp::Same(w) => view! { <span>{format!("{w} ")}</span> }.into_any(),
                        DiffOp::Added(w) => view! { <ins>{w.clone()}</ins>" " }.into_any(),
                        DiffOp::Removed(w) => view! { <del>{w.clone()}</del>" " }.into_any(),
                    })
                    .collect_view()
                    .into_any(),
                None => view! { <span>{o.text.clone()}</span> }.into_any(),
            };
            let (doc, start, end) = (o.document.clone(), o.start.0, o.end.0);
            view! {
                <li>
                    <button class="quote-occurrence" data-testid="quote-occurrence"
                        data-document=o.document.0.clone()
                        title="Open this quote in the reader"
                        on:click=move |_| stories.open_occurrence(doc.clone(), start, end)>
                        <span class="occ-outlet">{outlet}</span>
                        <span class="occ-text" dir="auto">{text}</span>
                        <span class="occ-speaker" class:unnamed=!named>{speaker}</span>
                    </button>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="quote-cluster" data-testid="quote-cluster" data-conflict=conflict.to_string()>
            <h5 dir="auto">
                "“" {cluster.text} "”"
                {conflict.then(|| view! { <span class="badge conflict" title="The occurrences name speakers who cannot be one person">"speakers differ"</span> })}
            </h5>
            <ul class="occurrences">{occurrences}</ul>
        </section>
    }
}
