//! Suggestions under review: run the core's rule engine (in the formats module, loaded after
//! start-up) on a document (or all), hold what it finds per document, accept or reject them
//! (through the documents room's history; rejections are remembered per document). The reader
//! shows them as ghost highlights (`Ghosts`) and the suggestion panel lists them.

use std::collections::HashMap;
use std::ops::Range;

use leptos::prelude::*;
use leptos::task::spawn_local;
use spanmark_core::suggest::accept::{acceptance_edit, rejection_edit};
use spanmark_core::suggest::{Suggestion, SuggestionKind};
use spanmark_core::transfer::documents_to_bytes;
use spanmark_core::{Document, DocumentId, Workspace};

use super::documents::Documents;
use super::screen::Screen;
use crate::dom::lazy_formats;

/// The kinds the app suggests (speakers come with their quotes).
pub const KINDS: [SuggestionKind; 3] = [
    SuggestionKind::Quote,
    SuggestionKind::Figure,
    SuggestionKind::Claim,
];

/// The ghost highlights of one document, for the reader.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Ghosts {
    /// Listed suggestions' ranges, in code points.
    pub ranges: Vec<Range<usize>>,
    /// Their labels' colour slots.
    pub slots: Vec<usize>,
    /// The one under review.
    pub current: Option<usize>,
}

/// Suggestions waiting for review, per document.
#[derive(Clone, Copy)]
pub struct SuggestState {
    /// Open suggestions per document, sorted by start.
    pub by_doc: RwSignal<HashMap<DocumentId, Vec<Suggestion>>>,
    /// Index (into the filtered list) of the suggestion under review.
    pub cursor: RwSignal<usize>,
    /// Only this kind is listed (and accepted by "accept all"); `None`: all kinds.
    pub filter: RwSignal<Option<SuggestionKind>>,
    docs: Documents,
    screen: Screen,
}

/// Reads the suggestions handle from context.
pub fn use_suggestions() -> SuggestState {
    expect_context::<SuggestState>()
}

impl SuggestState {
    /// Creates the state.
    pub fn new(docs: Documents, screen: Screen) -> Self {
        SuggestState {
            by_doc: RwSignal::new(HashMap::new()),
            cursor: RwSignal::new(0),
            filter: RwSignal::new(None),
            docs,
            screen,
        }
    }

    /// The listed suggestions of `doc` (after the filter), untracked.
    pub fn listed_untracked(&self, doc: &DocumentId) -> Vec<Suggestion> {
        let filter = self.filter.get_untracked();
        self.by_doc.with_untracked(|m| filtered(m.get(doc), filter))
    }

    /// The listed suggestions of `doc` (after the filter), tracked.
    pub fn listed(&self, doc: &DocumentId) -> Vec<Suggestion> {
        let filter = self.filter.get();
        self.by_doc.with(|m| filtered(m.get(doc), filter))
    }

    /// Ghost ranges, their label colour slots, and the current one, for the reader.
    pub fn ghosts(&self, doc: &DocumentId, ws: &Workspace) -> Ghosts {
        let listed = self.listed_untracked(doc);
        let slot = |label: &str| ws.labels.position(label).unwrap_or(ws.labels.labels.len()) % 12;
        Ghosts {
            ranges: listed.iter().map(|s| s.start.0..s.end.0).collect(),
            slots: listed.iter().map(|s| slot(s.label())).collect(),
            current: (!listed.is_empty())
                .then(|| self.cursor.get_untracked().min(listed.len() - 1)),
        }
    }

    /// Runs the engine on documents and lists what it finds. The engine is in the formats module
    /// (loaded after start-up): the documents go there as bytes and their suggestions come back.
    pub fn run(&self, docs: &[DocumentId]) {
        let this = *self;
        let (app, screen) = (self.docs, self.screen);
        let measure = crate::dom::perf::Measure::start("spanmark-suggest");
        let (ids, encoded): (Vec<DocumentId>, Vec<u8>) = app.ws.with_untracked(|ws| {
            let found: Vec<&Document> = docs.iter().filter_map(|id| ws.document(id)).collect();
            (
                found.iter().map(|d| d.id.clone()).collect(),
                documents_to_bytes(found.iter().copied()),
            )
        });
        spawn_local(async move {
            let lists = match lazy_formats::suggest(encoded, &KINDS).await {
                Ok(lists) => lists,
                Err(e) => {
                    screen.fail(format!("Suggestions could not be made: {e}"));
                    return;
                }
            };
            measure.end();
            let old = this.all_ranges(&ids);
            let total: usize = lists.iter().map(Vec::len).sum();
            let documents = ids.len();
            this.by_doc.update(|m| m.extend(ids.into_iter().zip(lists)));
            this.cursor.set(0);
            screen.notify(match (documents, total) {
                (_, 0) => "No new suggestions: everything the rules find is annotated or rejected."
                    .to_string(),
                (1, n) => {
                    format!("{n} suggestion(s): j/k to move, Enter or a to accept, x to reject.")
                }
                (d, n) => format!("{n} suggestion(s) in {d} documents."),
            });
            this.redraw(old);
        });
    }

    /// Accepts the listed suggestions at `indices` of the current document.
    pub fn accept(&self, indices: &[usize]) {
        let app = self.docs;
        let Some(doc_id) = app.current.get_untracked() else {
            return;
        };
        let listed = self.listed_untracked(&doc_id);
        let chosen: Vec<Suggestion> = indices
            .iter()
            .filter_map(|&i| listed.get(i).cloned())
            .collect();
        if chosen.is_empty() {
            return;
        }
        let edit = app
            .ws
            .with_untracked(|ws| ws.document(&doc_id).map(|d| acceptance_edit(d, &chosen)));
        let Some(edit) = edit else { return };
        let old = self.all_ranges(std::slice::from_ref(&doc_id));
        if app.apply(edit) {
            self.remove(&doc_id, &chosen);
            self.redraw(old);
        }
    }

    /// Rejects the listed suggestion at `index` of the current document.
    pub fn reject(&self, index: usize) {
        let app = self.docs;
        let Some(doc_id) = app.current.get_untracked() else {
            return;
        };
        let Some(chosen) = self.listed_untracked(&doc_id).get(index).cloned() else {
            return;
        };
        let edit = app
            .ws
            .with_untracked(|ws| ws.document(&doc_id).map(|d| rejection_edit(d, &chosen)));
        let Some(edit) = edit else { return };
        let old = self.all_ranges(std::slice::from_ref(&doc_id));
        if app.apply(edit) {
            self.remove(&doc_id, std::slice::from_ref(&chosen));
            self.redraw(old);
        }
    }

    /// Moves the review cursor by `delta` and scrolls the reader to it.
    pub fn step(&self, delta: isize) {
        let app = self.docs;
        let Some(doc_id) = app.current.get_untracked() else {
            return;
        };
        let listed = self.listed_untracked(&doc_id);
        if listed.is_empty() {
            return;
        }
        let old = self.all_ranges(std::slice::from_ref(&doc_id));
        let next = (self.cursor.get_untracked() as isize + delta)
            .clamp(0, listed.len() as isize - 1) as usize;
        self.cursor.set(next);
        app.reader.reveal(listed[next].start.0);
        self.redraw(old);
    }

    /// Lists only `kind` (or all kinds).
    pub fn set_filter(&self, kind: Option<SuggestionKind>) {
        let app = self.docs;
        let Some(doc_id) = app.current.get_untracked() else {
            self.filter.set(kind);
            return;
        };
        let old = self.all_ranges(std::slice::from_ref(&doc_id));
        self.filter.set(kind);
        self.cursor.set(0);
        self.redraw(old);
    }

    /// Whether the current document has listed suggestions.
    pub fn active(&self) -> bool {
        self.docs
            .current
            .get_untracked()
            .is_some_and(|d| !self.listed_untracked(&d).is_empty())
    }

    fn remove(&self, doc: &DocumentId, gone: &[Suggestion]) {
        self.by_doc.update(|m| {
            if let Some(list) = m.get_mut(doc) {
                list.retain(|s| !gone.contains(s));
            }
        });
        let len = self.listed_untracked(doc).len();
        if self.cursor.get_untracked() >= len {
            self.cursor.set(len.saturating_sub(1));
        }
    }

    fn all_ranges(&self, docs: &[DocumentId]) -> Vec<(DocumentId, Range<usize>)> {
        self.by_doc.with_untracked(|m| {
            docs.iter()
                .flat_map(|d| {
                    m.get(d)
                        .into_iter()
                        .flatten()
                        .map(move |s| (d.clone(), s.start.0..s.end.0))
                })
                .collect()
        })
    }

    /// Redraws what was and what is now highlighted as a suggestion in the open document.
    fn redraw(&self, old: Vec<(DocumentId, Range<usize>)>) {
        let app = self.docs;
        let Some(current) = app.current.get_untracked() else {
            return;
        };
        let mut ranges: Vec<Range<usize>> = old
            .into_iter()
            .filter(|(d, _)| *d == current)
            .map(|(_, r)| r)
            .collect();
        ranges.extend(
            self.all_ranges(std::slice::from_ref(&current))
                .into_iter()
                .map(|(_, r)| r),
        );
        app.reader.redraw(current, ranges);
    }
}

fn filtered(list: Option<&Vec<Suggestion>>, filter: Option<SuggestionKind>) -> Vec<Suggestion> {
    list.into_iter()
        .flatten()
        .filter(|s| filter.is_none_or(|k| s.kind == k))
        .cloned()
        .collect()
}
