//! The relations of a span, as chips in its span-list row: every relation from it (→) and to it
//! (←), each with its kind, the other end's text, a button to change its target and one to delete
//! it.

use std::collections::HashMap;

use leptos::prelude::*;
use spanmark_core::{Document, Relation, RelationId, SpanId};

use crate::state::use_documents;

/// Characters of the other end's text a chip shows.
const OTHER_CHARS: usize = 32;

/// One relation as a span's row shows it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RelationRow {
    /// The relation.
    pub id: RelationId,
    /// Its kind.
    pub kind: String,
    /// The span it starts from.
    pub from: SpanId,
    /// The span it points to.
    pub to: SpanId,
    /// Whether it starts from the row's span (else it points to it).
    pub outgoing: bool,
    /// The other end's start (to reveal it) and text.
    pub other_start: usize,
    /// The other end's text, shortened.
    pub other_text: String,
}

/// Every relation of `doc`, listed under both of its ends.
pub fn relation_rows(doc: &Document) -> HashMap<SpanId, Vec<RelationRow>> {
    let mut rows: HashMap<SpanId, Vec<RelationRow>> = HashMap::new();
    for r in &doc.relations {
        for outgoing in [true, false] {
            let (this, other) = if outgoing {
                (r.from, r.to)
            } else {
                (r.to, r.from)
            };
            let Some(other) = doc.span(other) else {
                continue;
            };
            let text = doc.covered_text(other).replace('\n', " ");
            let mut other_text: String = text.chars().take(OTHER_CHARS).collect();
            if text.chars().count() > OTHER_CHARS {
                other_text.push('…');
            }
            rows.entry(this).or_default().push(RelationRow {
                id: r.id,
                kind: r.kind.clone(),
                from: r.from,
                to: r.to,
                outgoing,
                other_start: other.start.0,
                other_text,
            });
        }
    }
    rows
}

/// A span's relations.
#[component]
pub fn RelationChips(relations: Vec<RelationRow>) -> impl IntoView {
    let docs = use_documents();
    (!relations.is_empty()).then(|| {
        view! {
            <div class="row relations" aria-label="Relations">
                {relations.into_iter().map(|r| {
                    let other = if r.outgoing { r.to } else { r.from };
                    let relation = Relation { id: r.id, from: r.from, to: r.to, kind: r.kind.clone() };
                    let arrow = if r.outgoing { "→" } else { "←" };
                    let what = format!("{arrow} {}: {}", r.kind, r.other_text);
                    let start = r.other_start;
                    view! {
                        <span class="relation-chip" data-testid="relation-item" data-kind=r.kind.clone()
                            data-from=r.from.0 data-to=r.to.0 data-id=r.id.0
                            data-direction=if r.outgoing { "out" } else { "in" }
                            title=format!("{what} (click: go to it)")
                            aria-label=what.clone()
                            on:click=move |e| {
                                e.stop_propagation();
                                docs.select_span(Some(other));
                                docs.reader.reveal(start);
                            }>
                            <span class="relation-text" dir="auto">{what.clone()}</span>
                            <button data-testid="relation-retarget" title="Change the target: pick another span"
                                aria-label="Change the relation's target"
                                on:click=move |e| { e.stop_propagation(); docs.start_retarget(&relation); }>"⇢"</button>
                            <button data-testid="relation-delete" title="Delete this relation (undo: Ctrl+Z)"
                                aria-label="Delete the relation"
                                on:click=move |e| { e.stop_propagation(); docs.delete_relation(r.id); }>"✕"</button>
                        </span>
                    }
                }).collect_view()}
            </div>
        }
    })
}
