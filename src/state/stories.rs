//! Stories across the workspace (issue 20): documents grouped by event, quotes that recur and
//! figures that differ (`spanmark_core::link`), computed in a Web Worker (`dom::link_worker`) so
//! the page stays responsive, with progress. The user's merges, splits and renames are edits of the
//! workspace (`Edit::SetStory` on each document whose story changes, see `spanmark_core::DocStory`):
//! undone like any edit, journaled and saved with the documents, exported with them. Linking then
//! runs within them (the documents carry them to the worker).

use leptos::prelude::*;
use leptos::task::spawn_local;
use spanmark_core::link::{forget_edit, Links, Stories, StoryError, StoryId};
use spanmark_core::transfer::documents_to_bytes;
use spanmark_core::DocumentId;

use super::documents::Documents;
use super::reader_requests::ReaderRequest;
use super::screen::Screen;
use crate::dom::{link_worker, perf};

/// The Stories view's state. Every field is a reactive handle: the struct is cheap to copy.
#[derive(Clone, Copy)]
pub struct StoriesState {
    /// The last links computed, if any.
    pub links: RwSignal<Option<Links>>,
    /// While linking runs: documents read, and how many there are.
    pub progress: RwSignal<Option<(usize, usize)>>,
    /// The story shown.
    pub selected: RwSignal<Option<StoryId>>,
    /// Whether the workspace changed since the links were computed.
    pub outdated: RwSignal<bool>,
    /// Bumped by each run: an older run's answer is dropped.
    run: StoredValue<u64>,
    docs: Documents,
    screen: Screen,
}

/// Reads the stories handle from context.
pub fn use_stories() -> StoriesState {
    expect_context::<StoriesState>()
}

impl StoriesState {
    /// Creates the state; the links go out of date whenever the workspace changes.
    pub fn new(docs: Documents, screen: Screen) -> Self {
        let state = StoriesState {
            links: RwSignal::new(None),
            progress: RwSignal::new(None),
            selected: RwSignal::new(None),
            outdated: RwSignal::new(true),
            run: StoredValue::new(0),
            docs,
            screen,
        };
        Effect::new(move |_| {
            docs.ws.track();
            state.outdated.set(true);
        });
        state
    }

    /// Whether linking is running (tracked).
    pub fn running(&self) -> bool {
        self.progress.with(Option::is_some)
    }

    /// Links again if the workspace changed since the last time.
    pub fn refresh(&self) {
        if self.outdated.get_untracked() || self.links.with_untracked(Option::is_none) {
            self.relink();
        }
    }

    /// Links the workspace (within the stories the user kept, if any), in the worker; suggestions
    /// stand in for documents with no quote or figure spans. Recorded as `spanmark-link` (on the
    /// page's thread: `spanmark-link-encode`, the documents encoded, and `spanmark-link-read`, the
    /// links read back).
    pub fn relink(&self) {
        let this = *self;
        let run = self.run.get_value() + 1;
        self.run.set_value(run);
        self.progress.set(Some((0, 0)));
        spawn_local(async move {
            this.docs.until_loaded().await;
            let measure = perf::Measure::start("spanmark-link");
            this.outdated.set(false);
            let bytes = perf::measure("spanmark-link-encode", || {
                this.docs
                    .ws
                    .with_untracked(|ws| documents_to_bytes(&ws.documents))
            });
            let on_progress = move |done, total| {
                if this.run.get_value() == run {
                    this.progress.set(Some((done, total)));
                }
            };
            let result = link_worker::link(bytes, true, None, on_progress).await;
            if this.run.get_value() != run {
                return;
            }
            this.progress.set(None);
            match result {
                Ok(links) => {
                    measure.end();
                    let keep = this
                        .selected
                        .get_untracked()
                        .filter(|id| links.stories.story(id).is_some());
                    let first = || links.stories.stories.first().map(|s| s.id.clone());
                    this.selected.set(keep.or_else(first));
                    this.links.set(Some(links));
                }
                Err(e) => this
                    .screen
                    .fail(format!("Stories could not be linked: {e}")),
            }
        });
    }

    /// Forgets the user's stories (an edit, undoable) and groups the documents afresh.
    pub fn regroup(&self) {
        match self.docs.ws.with_untracked(|ws| forget_edit(&ws.documents)) {
            // The workspace changes: the view links again.
            Some(edit) => {
                self.docs.apply(edit);
            }
            None => self.relink(),
        }
    }

    /// The stories as they are now (the last links'), for an edit.
    fn current(&self) -> Option<Stories> {
        self.links
            .with_untracked(|l| l.as_ref().map(|l| l.stories.clone()))
    }

    /// Keeps the stories `f` makes of the current ones on the documents, as one edit through the
    /// history (the workspace changes: the view links again).
    fn edit(&self, f: impl FnOnce(&Stories) -> Result<Stories, StoryError>) {
        let Some(stories) = self.current() else {
            return;
        };
        match f(&stories) {
            Ok(edited) => {
                let edit = self
                    .docs
                    .ws
                    .with_untracked(|ws| edited.keep_edit(&ws.documents));
                if let Some(edit) = edit {
                    self.docs.apply(edit);
                }
            }
            Err(e) => self
                .screen
                .fail(format!("The stories could not be changed: {e}.")),
        }
    }

    /// Moves every document of `from` into `into`.
    pub fn merge(&self, into: StoryId, from: StoryId) {
        self.selected.set(Some(into.clone()));
        self.edit(|s| s.merge(&into, &from));
    }

    /// Moves `documents` of story `id` into a new story.
    pub fn split(&self, id: StoryId, documents: Vec<DocumentId>) {
        let selected = self.selected;
        self.edit(move |s| {
            s.split(&id, &documents).map(|(stories, new)| {
                selected.set(Some(new));
                stories
            })
        });
    }

    /// Names story `id`.
    pub fn rename(&self, id: StoryId, name: String) {
        self.edit(|s| s.rename(&id, &name));
    }

    /// Opens `doc` in the reader with `start..end` selected and in view (the span there, if the
    /// document has one exactly there, is selected too).
    pub fn open_occurrence(&self, doc: DocumentId, start: usize, end: usize) {
        let docs = self.docs;
        self.screen.close_dialog();
        docs.open(doc.clone());
        spawn_local(async move {
            // Once the reader has drawn the document.
            perf::yield_to_browser().await;
            if docs.current.get_untracked().as_ref() != Some(&doc) {
                return;
            }
            let span = docs.ws.with_untracked(|ws| {
                ws.document(&doc).and_then(|d| {
                    d.spans
                        .iter()
                        .find(|s| s.start.0 == start && s.end.0 == end)
                        .map(|s| s.id)
                })
            });
            if span.is_some() {
                docs.select_span(span);
            }
            docs.reader.reveal(start);
            docs.reader.push(ReaderRequest::Select { start, end });
        });
    }
}
