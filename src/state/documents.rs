//! The documents room: the workspace, its undo history, the open document and the selection, and
//! every action a user takes on them. An action makes a core `Edit` and applies it through
//! `History`; what changed then travels as data: ranges for the reader to redraw
//! (`ReaderQueue`) and records for saving to write (`take_unsaved`).

use std::rc::Rc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use spanmark_core::merge::{self, Added};
use spanmark_core::navigation::{document_order, span_order, step_index};
use spanmark_core::records::{Dirty, DocSummary};
use spanmark_core::{
    CharOffset, Document, DocumentId, Edit, EditError, History, HistoryStep, LabelSet, Span,
    SpanId, SpanShaping, Workspace,
};

use super::reader_requests::ReaderQueue;
use super::screen::{Pane, Screen};

/// What a paused tab says when asked to change something.
pub const PAUSED: &str =
    "Spanmark is open in another tab — editing here is paused. Choose “Edit here” to take over.";

/// Where every step through the history goes the moment it is taken (the saving room's journal).
pub type StepSink = Rc<dyn Fn(&HistoryStep)>;

/// The documents and everything about them. Every field is a reactive handle (cheap to copy).
#[derive(Clone, Copy)]
pub struct Documents {
    /// The user's documents and label set.
    pub ws: RwSignal<Workspace>,
    /// The document open in the reader.
    pub current: RwSignal<Option<DocumentId>>,
    /// The span selected in the reader or the span list.
    pub selected: RwSignal<Option<SpanId>>,
    /// The last text selection in the reader, in code points.
    pub text_selection: RwSignal<Option<(usize, usize)>>,
    /// Whether undo is possible (mirrors the history).
    pub can_undo: RwSignal<bool>,
    /// Whether redo is possible.
    pub can_redo: RwSignal<bool>,
    /// Whether the whole saved workspace has been read (actions over every document wait).
    pub loaded: RwSignal<bool>,
    /// While the workspace loads: the saved document list (read first, so the list shows at
    /// once). `ws` then holds only the documents read so far.
    pub listing: RwSignal<Option<Vec<DocSummary>>>,
    /// A listed document not read yet that the user opened: saving reads it, then shows it.
    pub wanted: RwSignal<Option<DocumentId>>,
    /// Whether new spans snap to word boundaries.
    pub snap_to_words: RwSignal<bool>,
    /// A relation being drawn by hand: from which span, to which the next span picked goes.
    pub linking: RwSignal<Option<super::by_hand::Linking>>,
    /// A document the user asked to delete, waiting for confirmation.
    pub confirm_delete: RwSignal<Option<DocumentId>>,
    /// Requests to the reader.
    pub reader: ReaderQueue,
    /// Notified whenever something is left to save (see `take_unsaved`).
    pub changed: Trigger,
    /// Whether another tab writes: every change is refused here until the user takes over.
    pub paused: RwSignal<bool>,
    history: StoredValue<History>,
    step_sink: StoredValue<Option<StepSink>, LocalStorage>,
    unsaved: StoredValue<Dirty>,
    pub(super) screen: Screen,
}

/// Reads the documents handle from context.
pub fn use_documents() -> Documents {
    expect_context::<Documents>()
}

impl Documents {
    /// An empty workspace; `screen` shows its messages.
    pub fn new(screen: Screen) -> Self {
        Documents {
            ws: RwSignal::new(Workspace::default()),
            current: RwSignal::new(None),
            selected: RwSignal::new(None),
            text_selection: RwSignal::new(None),
            can_undo: RwSignal::new(false),
            can_redo: RwSignal::new(false),
            loaded: RwSignal::new(false),
            listing: RwSignal::new(None),
            wanted: RwSignal::new(None),
            snap_to_words: RwSignal::new(false),
            linking: RwSignal::new(None),
            confirm_delete: RwSignal::new(None),
            reader: ReaderQueue::new(),
            changed: Trigger::new(),
            paused: RwSignal::new(false),
            history: StoredValue::new(History::default()),
            step_sink: StoredValue::new_local(None),
            unsaved: StoredValue::new(Dirty::default()),
            screen,
        }
    }

    /// Sends every step taken from now on to `sink` (the saving room's journal).
    pub fn on_step(&self, sink: StepSink) {
        self.step_sink.set_value(Some(sink));
    }

    fn journal(&self, step: HistoryStep) {
        if let Some(sink) = self.step_sink.get_value() {
            sink(&step);
        }
    }

    /// Refuses a change while another tab writes; returns whether it was refused.
    fn refused_while_paused(&self) -> bool {
        let paused = self.paused.get_untracked();
        if paused {
            self.screen.notify(PAUSED);
        }
        paused
    }

    /// Empties the workspace and its history (before reading it again from storage).
    pub fn reset(&self) {
        self.ws.set(Workspace::default());
        self.history.set_value(History::default());
        self.unsaved.set_value(Dirty::default());
        self.current.set(None);
        self.selected.set(None);
        self.text_selection.set(None);
        self.listing.set(None);
        self.loaded.set(false);
        self.refresh_history_buttons();
    }

    /// Puts a saved history in place (kept only if nothing was done since start-up).
    pub fn restore_history(&self, saved: History) {
        let fresh = self.history.with_value(|h| !h.can_undo() && !h.can_redo());
        if fresh {
            self.history.set_value(saved);
            self.refresh_history_buttons();
        }
    }

    /// Reads the history (to save it).
    pub fn with_history<R>(&self, f: impl FnOnce(&History) -> R) -> R {
        self.history.with_value(f)
    }

    /// Takes the journal's steps again on the workspace (at start-up, on the saved records).
    pub fn replay(&self, journal: &[(String, String)]) -> spanmark_core::records::Replayed {
        let mut out = spanmark_core::records::Replayed::default();
        self.ws.update(|ws| {
            self.history.update_value(|h| {
                out = spanmark_core::records::replay_journal(ws, h, journal);
            })
        });
        self.refresh_history_buttons();
        out
    }

    fn refresh_history_buttons(&self) {
        self.can_undo
            .set(self.history.with_value(History::can_undo));
        self.can_redo
            .set(self.history.with_value(History::can_redo));
    }

    /// Records what must be saved and tells saving.
    pub fn mark_unsaved(&self, dirty: Dirty) {
        self.unsaved.update_value(|d| d.merge(dirty));
        self.changed.notify();
    }

    /// Puts back what could not be saved, without asking for a save (the next change retries).
    pub fn mark_unsaved_quietly(&self, dirty: Dirty) {
        self.unsaved.update_value(|d| d.merge(dirty));
    }

    /// Takes what is left to save.
    pub fn take_unsaved(&self) -> Dirty {
        self.unsaved
            .try_update_value(std::mem::take)
            .unwrap_or_default()
    }

    /// Documents removed since the last save (start-up's merge must not bring them back).
    pub fn removed_unsaved(&self) -> std::collections::HashSet<DocumentId> {
        self.unsaved
            .with_value(|d| d.removed.iter().cloned().collect())
    }

    /// Resolves once the whole workspace is loaded (at once if it is).
    pub async fn until_loaded(&self) {
        while !self.loaded.get_untracked() {
            crate::dom::perf::yield_to_browser().await;
        }
    }

    /// Runs `action`, which concerns every document, now, or once the workspace has loaded.
    pub fn when_loaded(&self, action: impl FnOnce() + 'static) {
        if self.loaded.get_untracked() {
            action();
            return;
        }
        let docs = *self;
        spawn_local(async move {
            docs.until_loaded().await;
            action();
        });
    }

    /// Adds a pasted document and opens it. Line endings are normalised here, once.
    pub fn add_pasted(&self, title: &str, text: &str) -> Result<(), String> {
        if text.trim().is_empty() {
            return Err("Paste the article's text first: the text box is empty.".into());
        }
        if self.paused.get_untracked() {
            return Err(PAUSED.into());
        }
        let title = if title.trim().is_empty() {
            first_words(text)
        } else {
            title.trim().to_string()
        };
        let now = js_sys::Date::now() as u64;
        let id = DocumentId(format!(
            "doc-{now:x}-{:06x}",
            (js_sys::Math::random() * 16_777_216.0) as u32
        ));
        let doc = Document::from_paste(id.clone(), title, text, now);
        let index = self.ws.with_untracked(|ws| ws.documents.len());
        // Through the history: journaled at once like any edit, and undoable.
        if !self.apply(Edit::AddDocument {
            document: Box::new(doc),
            index,
        }) {
            return Err("The document could not be added.".into());
        }
        self.open(id);
        Ok(())
    }

    /// Opens a document in the reader (if it is listed but not read yet, saving reads it first).
    pub fn open(&self, id: DocumentId) {
        if self.ws.with_untracked(|ws| ws.document(&id).is_none()) {
            if !self.loaded.get_untracked() {
                self.wanted.set(Some(id));
            }
            return;
        }
        self.show(id);
    }

    /// Shows a document that is in memory.
    pub fn show(&self, id: DocumentId) {
        self.selected.set(None);
        self.text_selection.set(None);
        self.current.set(Some(id));
        self.screen.pane.set(Pane::Reader);
        self.mark_unsaved(Dirty {
            meta: true,
            ..Dirty::default()
        });
    }

    /// Tags `selection` (or the reader's last text selection) with `label`.
    pub fn tag(&self, label: &str, selection: Option<(usize, usize)>) {
        let Some(doc_id) = self.current.get_untracked() else {
            return;
        };
        let Some((start, end)) = selection.or_else(|| self.text_selection.get_untracked()) else {
            self.screen
                .notify("Select some text first, then press a label key.");
            return;
        };
        let shaping = SpanShaping {
            snap_to_words: self.snap_to_words.get_untracked(),
        };
        let shaped = self.ws.with_untracked(|ws| {
            let doc = ws.document(&doc_id).ok_or("the document is gone")?;
            let (s, e) = doc
                .shape_range(CharOffset(start), CharOffset(end), shaping)
                .map_err(|e| e.to_string())?;
            Ok::<_, String>((s, e, doc.next_span_id()))
        });
        match shaped {
            Ok((s, e, id)) => {
                let span = Span::new(id, s, e, label);
                if self.apply(Edit::CreateSpan { doc: doc_id, span }) {
                    self.select_span(Some(id));
                    self.text_selection.set(None);
                }
            }
            Err(e) => self.screen.notify(format!("Nothing tagged: {e}.")),
        }
    }

    /// Applies an edit through the history; shows the error if it fails. Returns whether it applied.
    pub fn apply(&self, edit: Edit) -> bool {
        if self.refused_while_paused() {
            return false;
        }
        let mut result = Ok(());
        crate::dom::perf::measure("spanmark-apply", || {
            self.ws.update(|ws| {
                self.history
                    .update_value(|h| result = h.apply(ws, edit.clone()))
            })
        });
        match result {
            Ok(()) => {
                if let Some(done) = self.history.with_value(|h| h.last_done().cloned()) {
                    self.journal(HistoryStep::Apply(done));
                }
                self.after_edit(&edit);
                true
            }
            Err(e) => {
                self.screen
                    .fail(format!("That change could not be made: {e}"));
                false
            }
        }
    }

    /// Undoes the last edit.
    pub fn undo(&self) {
        if self.refused_while_paused() {
            return;
        }
        let mut result = Ok(None);
        self.ws
            .update(|ws| self.history.update_value(|h| result = h.undo(ws)));
        if matches!(result, Ok(Some(_))) {
            self.journal(HistoryStep::Undo);
        }
        // What changed is the inverse of the edit undone (undoing a document's deletion saves it
        // again rather than deleting it once more).
        self.after_history(result.map(|e| e.map(|e| e.inverse())));
    }

    /// Redoes the last undone edit.
    pub fn redo(&self) {
        if self.refused_while_paused() {
            return;
        }
        let mut result = Ok(None);
        self.ws
            .update(|ws| self.history.update_value(|h| result = h.redo(ws)));
        if matches!(result, Ok(Some(_))) {
            self.journal(HistoryStep::Redo);
        }
        self.after_history(result);
    }

    fn after_history(&self, result: Result<Option<Edit>, EditError>) {
        match result {
            Ok(Some(edit)) => {
                if let Some(sel) = self.selected.get_untracked() {
                    if !self.current_doc_has(sel) {
                        self.selected.set(None);
                    }
                }
                self.after_edit(&edit);
            }
            Ok(None) => {}
            Err(e) => self.screen.fail(format!("Undo/redo failed: {e}")),
        }
    }

    fn current_doc_has(&self, id: SpanId) -> bool {
        let Some(doc) = self.current.get_untracked() else {
            return false;
        };
        self.ws
            .with_untracked(|ws| ws.document(&doc).and_then(|d| d.span(id)).is_some())
    }

    /// After an edit (or its undo): the history's buttons, the reader's ranges, what to save.
    fn after_edit(&self, edit: &Edit) {
        self.refresh_history_buttons();
        if let Some(current) = self.current.get_untracked() {
            let ranges = self.ws.with_untracked(|ws| edit.ranges(ws));
            let ranges = ranges
                .into_iter()
                .filter(|(d, _)| *d == current)
                .map(|(_, r)| r)
                .collect();
            self.reader.redraw(current, ranges);
        }
        self.mark_unsaved(Dirty::of_edit(edit));
    }

    /// Deletes the selected span.
    pub fn delete_selected(&self) {
        let (Some(doc), Some(id)) = (self.current.get_untracked(), self.selected.get_untracked())
        else {
            return;
        };
        self.delete_span(doc, id);
    }

    /// Deletes a span.
    pub fn delete_span(&self, doc: DocumentId, id: SpanId) {
        let span = self
            .ws
            .with_untracked(|ws| ws.document(&doc).and_then(|d| d.span(id).cloned()));
        if let Some(span) = span {
            if self.apply(Edit::DeleteSpan {
                doc,
                span,
                index: 0,
                relations: vec![],
            }) && self.selected.get_untracked() == Some(id)
            {
                self.selected.set(None);
            }
        }
    }

    /// Selects the next (`delta` 1) or previous (-1) span in text order and reveals it.
    pub fn step_span(&self, delta: isize) {
        let Some(doc) = self.current.get_untracked() else {
            return;
        };
        let order = self
            .ws
            .with_untracked(|ws| ws.document(&doc).map(span_order).unwrap_or_default());
        let at = self
            .selected
            .get_untracked()
            .and_then(|id| order.iter().position(|(i, _)| *i == id));
        let Some(next) = step_index(at, delta, order.len(), false) else {
            return;
        };
        let (id, start) = order[next];
        self.select_span(Some(id));
        self.reader.reveal(start);
    }

    /// The documents the list shows (after the status filter), in order.
    pub fn listed_documents(&self) -> Vec<DocumentId> {
        let filter = self.screen.status_filter.get_untracked();
        self.ws.with_untracked(|ws| {
            self.listing.with_untracked(|listing| {
                document_order(ws, listing.as_deref())
                    .into_iter()
                    .filter(|(_, done)| filter.admits(*done))
                    .map(|(id, _)| id)
                    .collect()
            })
        })
    }

    /// Opens the next (`delta` 1) or previous (-1) listed document, wrapping around.
    pub fn step_document(&self, delta: isize) {
        let docs = self.listed_documents();
        let at = self
            .current
            .get_untracked()
            .and_then(|c| docs.iter().position(|d| *d == c));
        if let Some(next) = step_index(at, delta, docs.len(), true) {
            self.open(docs[next].clone());
        }
    }

    /// Marks the open document done, or not done (undoable).
    pub fn toggle_done(&self) {
        let Some(doc) = self.current.get_untracked() else {
            return;
        };
        let done = self
            .ws
            .with_untracked(|ws| ws.document(&doc).is_some_and(|d| d.done));
        self.apply(Edit::SetDone { doc, done: !done });
    }

    /// Selects a span (or none) and has the reader redraw the old and new selection.
    pub fn select_span(&self, id: Option<SpanId>) {
        let old = self.selected.get_untracked();
        if old == id {
            return;
        }
        self.selected.set(id);
        let Some(doc) = self.current.get_untracked() else {
            return;
        };
        let ranges = self.ws.with_untracked(|ws| {
            let d = ws.document(&doc);
            [old, id]
                .into_iter()
                .flatten()
                .filter_map(|i| d.and_then(|d| d.span(i)).map(|s| s.start.0..s.end.0))
                .collect()
        });
        self.reader.redraw(doc, ranges);
    }

    /// Adds the labels of a shared label set that the workspace lacks. Returns how many.
    pub fn merge_labels(&self, set: LabelSet) -> usize {
        if self.refused_while_paused() {
            return 0;
        }
        let mut added = vec![];
        self.ws.update(|ws| added = merge::merge_labels(ws, set));
        if !added.is_empty() {
            self.mark_unsaved(Dirty {
                meta: true,
                ..Dirty::default()
            });
        }
        added.len()
    }

    /// Adds imported documents (see `spanmark_core::merge::add_documents`).
    pub fn add_documents(&self, docs: Vec<Document>) -> Added {
        if self.refused_while_paused() {
            return Added::default();
        }
        let now = js_sys::Date::now() as u64;
        let mut added = Added::default();
        self.ws
            .update(|ws| added = merge::add_documents(ws, docs, now));
        self.mark_unsaved(Dirty {
            meta: true,
            texts: added.ids.iter().cloned().collect(),
            ..Dirty::default()
        });
        added
    }
}

fn first_words(text: &str) -> String {
    let line = text.trim().lines().next().unwrap_or("").trim();
    let mut title: String = line.chars().take(60).collect();
    if line.chars().count() > 60 {
        title.push('…');
    }
    title
}
