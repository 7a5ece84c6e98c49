//! The app's reactive state and every action a user can take, wired to history and storage.
//!
//! The model stays plain data (`spanmark_core::Workspace`) inside one signal; views read it with
//! `with`, never by cloning. The reader does not observe the workspace: it is told which code-point
//! ranges to redraw through `redraw`, so an edit costs one paragraph, not one document.

use std::ops::Range;

use leptos::prelude::*;
use leptos::task::spawn_local;
use spanmark_core::formats::spanmark_jsonl;
use spanmark_core::{
    CharOffset, Document, DocumentId, Edit, History, SpanId, SpanShaping, Workspace,
};

use crate::storage::workspace_store::{Dirty, DocSummary, StartUp, WorkspaceStore};

/// A request to the reader to redraw part of the open document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redraw {
    /// The document concerned.
    pub doc: DocumentId,
    /// Code-point ranges whose paragraphs must be redrawn.
    pub ranges: Vec<Range<usize>>,
}

/// Everything the views share. All fields are reactive handles (cheap to copy).
#[derive(Clone, Copy)]
pub struct AppState {
    /// The user's documents and label set.
    pub ws: RwSignal<Workspace>,
    /// The document open in the reader.
    pub current: RwSignal<Option<DocumentId>>,
    /// The span selected in the reader or the span list.
    pub selected: RwSignal<Option<SpanId>>,
    /// The last text selection in the reader, in code points.
    pub text_selection: RwSignal<Option<(usize, usize)>>,
    /// Undo/redo stacks.
    pub history: StoredValue<History>,
    /// Whether undo / redo are possible (mirrors `history`).
    pub can_undo: RwSignal<bool>,
    /// See `can_undo`.
    pub can_redo: RwSignal<bool>,
    /// The error shown to the user, if any.
    pub error: RwSignal<Option<String>>,
    /// A passing notice (import summary, save status).
    pub notice: RwSignal<Option<String>>,
    /// Redraw requests for the reader, queued until it drains them (several may come in one tick).
    pub redraw: RwSignal<Vec<Redraw>>,
    /// Counts changes to the reader's DOM (a chunk filled, paragraphs redrawn): DOM Ranges into
    /// the reader (find highlights) must be made anew after each.
    pub reader_dom: RwSignal<u64>,
    /// Whether the whole saved workspace has been loaded (nothing is saved before, and actions
    /// over every document wait for it).
    pub loaded: RwSignal<bool>,
    /// While the workspace loads: the saved document list (read first, so the list shows at
    /// once). `ws` then holds only the documents read so far (the open one, any opened or added).
    pub listing: RwSignal<Option<Vec<DocSummary>>>,
    /// Whether the paste panel is shown instead of the reader.
    pub show_paste: RwSignal<bool>,
    /// Whether new spans snap to word boundaries.
    pub snap_to_words: RwSignal<bool>,
    /// Where saving stands: "saved", "saving" or "error" (also on `<html data-save-state>`).
    pub save_state: RwSignal<&'static str>,
    /// The colour theme: "light", "dark", or `None` to follow the system (remembered).
    pub theme: RwSignal<Option<&'static str>>,
    /// Whether the export dialog is open.
    pub export_open: RwSignal<bool>,
    /// Whether the label editor is open.
    pub labels_open: RwSignal<bool>,
    /// Whether the keyboard help is open.
    pub help_open: RwSignal<bool>,
    /// Whether the find bar is open.
    pub find_open: RwSignal<bool>,
    /// Only documents with this status are listed: `None` all, `Some(true)` done, `Some(false)` to do.
    pub status_filter: RwSignal<Option<bool>>,
    store: StoredValue<Option<WorkspaceStore>, LocalStorage>,
    dirty: StoredValue<Dirty>,
    flushing: StoredValue<bool>,
}

/// How often start-up reads the rest of the workspace again when the background read fails, and
/// how long it waits before each retry.
const LOAD_RETRIES: usize = 2;
const LOAD_RETRY_MS: i32 = 300;

/// Reads the shared state from context.
pub fn use_app() -> AppState {
    expect_context::<AppState>()
}

impl AppState {
    /// Creates the state and starts loading the saved workspace.
    pub fn new() -> Self {
        let state = AppState {
            ws: RwSignal::new(Workspace::default()),
            current: RwSignal::new(None),
            selected: RwSignal::new(None),
            text_selection: RwSignal::new(None),
            history: StoredValue::new(History::default()),
            can_undo: RwSignal::new(false),
            can_redo: RwSignal::new(false),
            error: RwSignal::new(None),
            notice: RwSignal::new(None),
            redraw: RwSignal::new(vec![]),
            reader_dom: RwSignal::new(0),
            loaded: RwSignal::new(false),
            listing: RwSignal::new(None),
            show_paste: RwSignal::new(false),
            snap_to_words: RwSignal::new(false),
            save_state: RwSignal::new("saved"),
            theme: RwSignal::new(crate::storage::prefs::theme()),
            export_open: RwSignal::new(false),
            labels_open: RwSignal::new(false),
            help_open: RwSignal::new(false),
            find_open: RwSignal::new(false),
            status_filter: RwSignal::new(None),
            store: StoredValue::new_local(None),
            dirty: StoredValue::new(Dirty::default()),
            flushing: StoredValue::new(false),
        };
        spawn_local(async move { state.load().await });
        state
    }

    async fn load(self) {
        let store = match WorkspaceStore::open().await {
            Ok(s) => s,
            Err(e) => {
                self.error.set(Some(format!(
                    "Browser storage is unavailable ({e}). You can work, but nothing is saved: export before closing the tab."
                )));
                self.loaded.set(true);
                self.show_paste.set(true);
                return;
            }
        };
        crate::dom::perf::milestone("spanmark-store-open");
        // First what the screen needs (the list and the open document), then everything else.
        let start = store.load_start().await;
        crate::dom::perf::milestone("spanmark-start-read");
        match start {
            Ok(StartUp {
                labels,
                open,
                open_document,
                listing: Some(listing),
            }) if !listing.is_empty() => {
                self.ws.set(Workspace {
                    documents: open_document.into_iter().collect(),
                    labels,
                });
                self.listing.set(Some(listing));
                self.current.set(open);
                self.show_paste.set(false);
                self.store.set_value(Some(store.clone()));
                crate::dom::perf::after_paint().await;
                let mut full = store.load().await;
                for _ in 0..LOAD_RETRIES {
                    if full.is_ok() {
                        break;
                    }
                    crate::dom::perf::sleep(LOAD_RETRY_MS).await;
                    full = store.load().await;
                }
                self.listing.set(None);
                match full {
                    Ok((full, _)) => self.merge_loaded(full),
                    Err(e) => {
                        // Saving now would write the document list from the documents read so
                        // far, dropping the others from it: this tab saves nothing instead.
                        self.error.set(Some(format!(
                            "Could not read the whole saved workspace ({e}). To keep what is saved intact, this tab saves nothing: reload the page to try again, and export anything you do here first."
                        )));
                        self.store.set_value(None);
                        self.loaded.set(true);
                        return;
                    }
                }
                crate::dom::perf::milestone("spanmark-all-read");
            }
            Ok(_) => self.load_everything(&store).await,
            Err(e) => {
                self.error
                    .set(Some(format!("Could not read the saved workspace: {e}")));
                self.show_paste.set(true);
            }
        }
        self.store.set_value(Some(store));
        self.loaded.set(true);
        // The other dataset formats are a second module: fetch it once the workspace is loaded
        // and the page is idle, so it does not delay start-up, yet is there for a file dropped
        // or picked right away (picking, dropping or exporting also starts it, see
        // `lazy_formats::preload`). Its compilation runs off the main thread.
        spawn_local(async {
            crate::dom::perf::after_paint().await;
            crate::dom::lazy_formats::preload();
        });
        // Anything done while loading is saved now.
        self.flush_soon();
    }

    /// Loads the whole workspace at once (no summary saved yet), then saves the summary.
    async fn load_everything(&self, store: &WorkspaceStore) {
        match store.load().await {
            Ok((ws, open)) => {
                let open = open
                    .filter(|id| ws.document(id).is_some())
                    .or_else(|| ws.documents.first().map(|d| d.id.clone()));
                let empty = ws.documents.is_empty();
                self.ws.set(ws);
                self.current.set(open);
                self.show_paste.set(empty);
                if !empty {
                    // Writes the summary the next start-up reads first.
                    self.dirty.update_value(|d| d.meta = true);
                }
            }
            Err(e) => {
                self.error
                    .set(Some(format!("Could not read the saved workspace: {e}")));
                self.show_paste.set(true);
            }
        }
    }

    /// Puts the fully loaded workspace in place of the partial one, keeping what was read or
    /// made meanwhile: documents already in memory (perhaps edited) win over their saved copy,
    /// documents added meanwhile go last, and the label set in memory is kept.
    fn merge_loaded(&self, full: Workspace) {
        let removed = self.dirty.with_value(|d| d.removed.clone());
        self.ws.update(|ws| {
            let mut in_memory: std::collections::HashMap<DocumentId, Document> =
                ws.documents.drain(..).map(|d| (d.id.clone(), d)).collect();
            let mut documents = Vec::with_capacity(full.documents.len() + in_memory.len());
            for saved in full.documents {
                if removed.contains(&saved.id) {
                    continue;
                }
                documents.push(in_memory.remove(&saved.id).unwrap_or(saved));
            }
            let mut added: Vec<Document> = in_memory.into_values().collect();
            added.sort_by_key(|d| d.added_at);
            documents.extend(added);
            ws.documents = documents;
        });
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
        let state = *self;
        spawn_local(async move {
            state.until_loaded().await;
            action();
        });
    }

    /// Records what must be saved, and saves it after the current event.
    fn mark_dirty(&self, dirty: Dirty) {
        self.dirty.update_value(|d| d.merge(dirty));
        self.flush_soon();
    }

    fn flush_soon(&self) {
        if self.flushing.get_value() || !self.loaded.get_untracked() {
            return;
        }
        self.flushing.set_value(true);
        self.save_state.set("saving");
        let state = *self;
        spawn_local(async move {
            // Save after the edit has painted; edits made meanwhile join this save.
            crate::dom::perf::after_paint().await;
            loop {
                let dirty = state
                    .dirty
                    .try_update_value(std::mem::take)
                    .unwrap_or_default();
                if dirty.is_empty() {
                    break;
                }
                let Some(store) = state.store.get_value() else {
                    // No storage (unavailable, or the saved workspace unreadable): the error
                    // shown says so; the state must not claim the work is saved.
                    state.save_state.set("error");
                    state.flushing.set_value(false);
                    return;
                };
                let open = state.current.get_untracked();
                let batch = state
                    .ws
                    .with_untracked(|ws| WorkspaceStore::prepare(ws, open.as_ref(), &dirty));
                if let Err(e) = store.write(batch).await {
                    state.error.set(Some(format!(
                        "Could not save to this browser's storage ({e}). Your work is still here in this tab: export it to keep a copy."
                    )));
                    // Keep what failed so the next edit retries it.
                    state.dirty.update_value(|d| d.merge(dirty));
                    state.save_state.set("error");
                    state.flushing.set_value(false);
                    return;
                }
            }
            if state.save_state.get_untracked() == "error"
                || state.error.with_untracked(|e| {
                    e.as_deref()
                        .is_some_and(|e| e.starts_with("Could not save"))
                })
            {
                state.error.set(None);
                state.notice.set(Some(
                    "Saved: everything is stored in this browser again.".into(),
                ));
            }
            state.save_state.set("saved");
            state.flushing.set_value(false);
        });
    }

    /// Adds a pasted document and opens it. Line endings are normalised here, once.
    pub fn add_pasted(&self, title: &str, text: &str) -> Result<(), String> {
        if text.trim().is_empty() {
            return Err("Paste the article's text first: the text box is empty.".into());
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
        self.ws.update(|ws| ws.documents.push(doc));
        self.mark_dirty(Dirty {
            texts: [id.clone()].into(),
            ..Dirty::default()
        });
        self.open(id);
        self.show_paste.set(false);
        Ok(())
    }

    /// Opens a document in the reader (reading it first if the workspace is still loading).
    pub fn open(&self, id: DocumentId) {
        if self.ws.with_untracked(|ws| ws.document(&id).is_none()) {
            let (Some(store), false) = (self.store.get_value(), self.loaded.get_untracked()) else {
                return;
            };
            let state = *self;
            spawn_local(async move {
                match store.load_document(&id).await {
                    Ok(Some(doc)) => {
                        state.ws.update(|ws| {
                            if ws.document(&doc.id).is_none() {
                                ws.documents.push(doc);
                            }
                        });
                        state.show(id);
                    }
                    Ok(None) => {}
                    Err(e) => state
                        .error
                        .set(Some(format!("Could not read that document: {e}"))),
                }
            });
            return;
        }
        self.show(id);
    }

    fn show(&self, id: DocumentId) {
        self.selected.set(None);
        self.text_selection.set(None);
        self.current.set(Some(id));
        self.show_paste.set(false);
        self.mark_dirty(Dirty {
            meta: true,
            ..Dirty::default()
        });
    }

    /// Tags the reader's current text selection with `label`.
    pub fn tag(&self, label: &str, selection: Option<(usize, usize)>) {
        let Some(doc_id) = self.current.get_untracked() else {
            return;
        };
        let Some((start, end)) = selection.or_else(|| self.text_selection.get_untracked()) else {
            self.notice.set(Some(
                "Select some text first, then press a label key.".into(),
            ));
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
                let span = spanmark_core::Span {
                    id,
                    start: s,
                    end: e,
                    label: label.to_string(),
                    note: String::new(),
                };
                if self.apply(Edit::CreateSpan { doc: doc_id, span }) {
                    self.select_span(Some(id));
                    self.text_selection.set(None);
                }
            }
            Err(e) => self.notice.set(Some(format!("Nothing tagged: {e}."))),
        }
    }

    /// Applies an edit through the history; shows the error if it fails. Returns whether it applied.
    pub fn apply(&self, edit: Edit) -> bool {
        let mut result = Ok(());
        crate::dom::perf::measure("spanmark-apply", || {
            self.ws.update(|ws| {
                self.history
                    .update_value(|h| result = h.apply(ws, edit.clone()))
            })
        });
        match result {
            Ok(()) => {
                self.after_edit(&edit);
                true
            }
            Err(e) => {
                self.error
                    .set(Some(format!("That change could not be made: {e}")));
                false
            }
        }
    }

    /// Undoes the last edit.
    pub fn undo(&self) {
        let mut result = Ok(None);
        self.ws
            .update(|ws| self.history.update_value(|h| result = h.undo(ws)));
        self.after_history(result);
    }

    /// Redoes the last undone edit.
    pub fn redo(&self) {
        let mut result = Ok(None);
        self.ws
            .update(|ws| self.history.update_value(|h| result = h.redo(ws)));
        self.after_history(result);
    }

    fn after_history(&self, result: Result<Option<Edit>, spanmark_core::EditError>) {
        match result {
            Ok(Some(edit)) => {
                if let Some(sel) = self.selected.get_untracked() {
                    let exists = self.current_doc_has(sel);
                    if !exists {
                        self.selected.set(None);
                    }
                }
                self.after_edit(&edit);
            }
            Ok(None) => {}
            Err(e) => self.error.set(Some(format!("Undo/redo failed: {e}"))),
        }
    }

    fn current_doc_has(&self, id: SpanId) -> bool {
        let Some(doc) = self.current.get_untracked() else {
            return false;
        };
        self.ws
            .with_untracked(|ws| ws.document(&doc).and_then(|d| d.span(id)).is_some())
    }

    fn after_edit(&self, edit: &Edit) {
        self.can_undo
            .set(self.history.with_value(History::can_undo));
        self.can_redo
            .set(self.history.with_value(History::can_redo));
        let docs: Vec<DocumentId> = edit.documents().into_iter().cloned().collect();
        let ranges = self.ws.with_untracked(|ws| edit_ranges(ws, edit));
        if let Some(current) = self.current.get_untracked() {
            let ranges: Vec<Range<usize>> = ranges
                .into_iter()
                .filter(|(d, _)| *d == current)
                .map(|(_, r)| r)
                .collect();
            if !ranges.is_empty() {
                self.request_redraw(Redraw {
                    doc: current,
                    ranges,
                });
            }
        }
        self.mark_dirty(Dirty {
            meta: touches_labels(edit),
            annotations: docs.into_iter().collect(),
            ..Dirty::default()
        });
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

    /// Queues a redraw of part of a document.
    pub fn request_redraw(&self, redraw: Redraw) {
        self.redraw.update(|queue| queue.push(redraw));
    }

    /// Selects the next (`delta` 1) or previous (-1) span in text order and scrolls to it.
    pub fn step_span(&self, delta: isize) {
        let Some(doc) = self.current.get_untracked() else {
            return;
        };
        let order: Vec<(SpanId, usize)> = self.ws.with_untracked(|ws| {
            let mut spans: Vec<_> = ws
                .document(&doc)
                .map(|d| {
                    d.spans
                        .iter()
                        .map(|s| (s.start, std::cmp::Reverse(s.end), s.id))
                        .collect()
                })
                .unwrap_or_default();
            spans.sort();
            spans.into_iter().map(|(s, _, id)| (id, s.0)).collect()
        });
        if order.is_empty() {
            return;
        }
        let at = self
            .selected
            .get_untracked()
            .and_then(|id| order.iter().position(|(i, _)| *i == id));
        let next = match at {
            Some(i) => (i as isize + delta).clamp(0, order.len() as isize - 1) as usize,
            None if delta < 0 => order.len() - 1,
            None => 0,
        };
        self.select_span(Some(order[next].0));
        crate::ui::reader::scroll_to(order[next].1);
    }

    /// The documents the list shows (after the status filter), in order.
    pub fn listed_documents(&self) -> Vec<DocumentId> {
        let filter = self.status_filter.get_untracked();
        self.ws.with_untracked(|ws| {
            self.listing.with_untracked(|listing| {
                document_order(ws, listing.as_deref())
                    .into_iter()
                    .filter(|(_, done)| filter.is_none_or(|f| *done == f))
                    .map(|(id, _)| id)
                    .collect()
            })
        })
    }

    /// Opens the next (`delta` 1) or previous (-1) listed document.
    pub fn step_document(&self, delta: isize) {
        let docs = self.listed_documents();
        if docs.is_empty() {
            return;
        }
        let at = self
            .current
            .get_untracked()
            .and_then(|c| docs.iter().position(|d| *d == c));
        let next = match at {
            Some(i) => (i as isize + delta).rem_euclid(docs.len() as isize) as usize,
            None => 0,
        };
        self.open(docs[next].clone());
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

    /// Selects a span and asks the reader to redraw the old and new selection.
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
        self.request_redraw(Redraw { doc, ranges });
    }

    /// Exports the workspace as native JSONL and offers it as a download.
    pub fn export_jsonl(&self) {
        let body = self.ws.with_untracked(spanmark_jsonl::export_workspace);
        let name = format!("spanmark-{}.jsonl", today());
        if let Err(e) = crate::dom::download::download(&name, "application/jsonl", body.as_bytes())
        {
            self.error
                .set(Some(format!("The export could not be downloaded: {e}")));
        }
    }

    /// Adds the labels of an imported label set that the workspace lacks (by name); a key already
    /// in use is left off. Returns how many were added.
    pub fn merge_labels(&self, set: spanmark_core::LabelSet) -> usize {
        let mut added = 0;
        self.ws.update(|ws| {
            for mut label in set.labels {
                if ws.labels.by_name(&label.name).is_some() {
                    continue;
                }
                if ws.labels.by_key(label.key).is_some() {
                    label.key = ' ';
                }
                ws.labels.labels.push(label);
                added += 1;
            }
        });
        if added > 0 {
            self.mark_dirty(Dirty {
                meta: true,
                ..Dirty::default()
            });
        }
        added
    }

    /// Adds imported documents: ids already in use get a suffix, missing dates become now, unknown
    /// labels join the label set. Returns the ids added.
    pub fn add_documents(&self, docs: Vec<Document>) -> (Vec<DocumentId>, usize) {
        let now = js_sys::Date::now() as u64;
        let (mut added, mut renamed) = (vec![], 0);
        self.ws.update(|ws| {
            let mut taken: std::collections::HashSet<DocumentId> =
                ws.documents.iter().map(|d| d.id.clone()).collect();
            for mut doc in docs {
                if taken.contains(&doc.id) {
                    let base = doc.id.0.clone();
                    let mut n = 2;
                    while taken.contains(&DocumentId(format!("{base}-{n}"))) {
                        n += 1;
                    }
                    doc.id = DocumentId(format!("{base}-{n}"));
                    renamed += 1;
                }
                taken.insert(doc.id.clone());
                if doc.added_at == 0 {
                    doc.added_at = now;
                }
                for s in &doc.spans {
                    if ws.labels.by_name(&s.label).is_none() {
                        let slot = ws.labels.labels.len();
                        let key = std::char::from_digit((slot as u32 + 1) % 10, 10)
                            .filter(|k| ws.labels.by_key(*k).is_none())
                            .unwrap_or(' ');
                        ws.labels.labels.push(spanmark_core::Label {
                            name: s.label.clone(),
                            colour: String::new(),
                            key,
                            description: String::new(),
                        });
                    }
                }
                added.push(doc.id.clone());
                ws.documents.push(doc);
            }
        });
        self.mark_dirty(Dirty {
            meta: true,
            texts: added.iter().cloned().collect(),
            ..Dirty::default()
        });
        (added, renamed)
    }
}

impl Default for AppState {
    fn default() -> Self {
        Self::new()
    }
}

/// Every document's id and done mark in list order: the workspace's documents, or while it
/// loads, the saved listing (documents already in memory overriding their summary) followed by
/// documents added meanwhile.
pub fn document_order(ws: &Workspace, listing: Option<&[DocSummary]>) -> Vec<(DocumentId, bool)> {
    let Some(listing) = listing else {
        return ws
            .documents
            .iter()
            .map(|d| (d.id.clone(), d.done))
            .collect();
    };
    let mut order: Vec<(DocumentId, bool)> = listing
        .iter()
        .map(|s| {
            let done = ws.document(&s.id).map_or(s.done, |d| d.done);
            (s.id.clone(), done)
        })
        .collect();
    let listed: std::collections::HashSet<&DocumentId> = listing.iter().map(|s| &s.id).collect();
    order.extend(
        ws.documents
            .iter()
            .filter(|d| !listed.contains(&d.id))
            .map(|d| (d.id.clone(), d.done)),
    );
    order
}

/// The code-point ranges an edit touches, for redrawing.
fn edit_ranges(ws: &Workspace, edit: &Edit) -> Vec<(DocumentId, Range<usize>)> {
    match edit {
        Edit::CreateSpan { doc, span }
        | Edit::CreateSpanAt { doc, span, .. }
        | Edit::DeleteSpan { doc, span, .. } => vec![(doc.clone(), span.start.0..span.end.0)],
        Edit::Relabel { doc, id, .. } | Edit::SetNote { doc, id, .. } => ws
            .document(doc)
            .and_then(|d| d.span(*id))
            .map(|s| vec![(doc.clone(), s.start.0..s.end.0)])
            .unwrap_or_default(),
        Edit::CreateRelation { .. }
        | Edit::DeleteRelation { .. }
        | Edit::Reject { .. }
        | Edit::Unreject { .. }
        | Edit::SetLabels { .. }
        | Edit::SetDone { .. } => vec![],
        Edit::Batch(edits) => edits.iter().flat_map(|e| edit_ranges(ws, e)).collect(),
    }
}

fn touches_labels(edit: &Edit) -> bool {
    match edit {
        Edit::SetLabels { .. } => true,
        Edit::Batch(edits) => edits.iter().any(touches_labels),
        _ => false,
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

fn today() -> String {
    let d = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date()
    )
}
