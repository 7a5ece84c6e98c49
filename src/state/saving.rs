//! The saving room: the store, which tab writes, start-up loading (with retries and the journal
//! taken again), the journal entry written the moment a step is taken, the fold of what is
//! unsaved into the records when the page is idle or hidden, and where saving stands
//! (`SaveState`). It reads the documents room and fills it at start-up; nothing else calls into it.

use std::rc::Rc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use spanmark_core::merge::merge_loaded;
use spanmark_core::records::{
    history_json, journal_json, journal_key, prepare, JournalEntry, Store, HISTORY_KEY,
};
use spanmark_core::{HistoryStep, Workspace};

use super::documents::Documents;
use super::screen::{ErrorAbout, Pane, Screen};
use crate::storage::workspace_store::{Loaded, StartUp, WorkspaceStore};
use crate::storage::writer_lock::{self, Ask, Held};

/// How often start-up reads the rest of the workspace again when the background read fails, and
/// how long it waits before each retry.
const LOAD_RETRIES: usize = 2;
const LOAD_RETRY_MS: i32 = 300;

/// Where saving stands (also on `<html data-save-state>`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveState {
    /// Everything is stored.
    Saved,
    /// A write is under way or waiting.
    Saving,
    /// The last write failed, or there is no storage: work is only in this tab.
    Failed,
}

impl SaveState {
    /// The attribute value tests and styles read.
    pub fn as_str(self) -> &'static str {
        match self {
            SaveState::Saved => "saved",
            SaveState::Saving => "saving",
            SaveState::Failed => "error",
        }
    }
}

/// Whether this tab writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Writer {
    /// Asking the browser which tab writes.
    Asking,
    /// This tab writes.
    Writing,
    /// Another tab writes; editing here is paused.
    Paused,
}

/// The saving handle (cheap to copy).
#[derive(Clone, Copy)]
pub struct Saving {
    /// Where saving stands.
    pub state: RwSignal<SaveState>,
    /// Whether this tab writes.
    pub writer: RwSignal<Writer>,
    store: StoredValue<Option<WorkspaceStore>, LocalStorage>,
    /// The writer's lock, while this tab holds it.
    held: StoredValue<Option<Held>, LocalStorage>,
    /// Counts claims, so that a wait granted after a newer claim lets go at once.
    claims: StoredValue<u64>,
    /// Counts loads: a load overtaken by a newer one (the tab read the workspace again when it
    /// became the writer) stops at its next step and changes nothing.
    loads: StoredValue<u64>,
    /// This tab's name in journal entries.
    tab: StoredValue<String>,
    /// Journal keys written by this tab (or taken again at start-up) and not folded yet.
    journaled: StoredValue<Vec<String>>,
    /// Journal writes under way.
    journal_writes: StoredValue<usize>,
    counter: StoredValue<u64>,
    flushing: StoredValue<bool>,
    docs: Documents,
    screen: Screen,
}

/// Reads the saving handle from context.
pub fn use_saving() -> Saving {
    expect_context::<Saving>()
}

impl Saving {
    /// Asks to be the writing tab, loads the saved workspace into `docs`, and from then on
    /// journals every step at once and folds what is unsaved into the records.
    pub fn start(docs: Documents, screen: Screen) -> Self {
        let saving = Saving {
            state: RwSignal::new(SaveState::Saved),
            writer: RwSignal::new(Writer::Asking),
            store: StoredValue::new_local(None),
            held: StoredValue::new_local(None),
            claims: StoredValue::new(0),
            loads: StoredValue::new(0),
            tab: StoredValue::new(format!(
                "tab-{:x}-{:06x}",
                js_sys::Date::now() as u64,
                (js_sys::Math::random() * 16_777_216.0) as u32
            )),
            journaled: StoredValue::new(vec![]),
            journal_writes: StoredValue::new(0),
            counter: StoredValue::new(0),
            flushing: StoredValue::new(false),
            docs,
            screen,
        };
        docs.on_step(Rc::new(move |step| saving.journal(step)));
        // The one effect that syncs the documents to storage.
        Effect::new(move |_| {
            docs.changed.track();
            saving.flush_soon(false);
        });
        // A listed document opened before the whole workspace is read: read it alone.
        Effect::new(move |_| {
            if let Some(id) = docs.wanted.get() {
                saving.read_wanted(id);
            }
        });
        // Leaving or hiding the page folds what is unsaved now (the journal already holds it).
        for event in ["pagehide", "visibilitychange"] {
            let listener = window_event_listener_untyped(event, move |_| {
                if document().visibility_state() == web_sys::VisibilityState::Hidden
                    || event == "pagehide"
                {
                    saving.flush_soon(true);
                }
            });
            on_cleanup(move || listener.remove());
        }
        spawn_local(async move {
            saving.claim(Ask::IfFree).await;
            saving.load().await;
        });
        saving
    }

    /// Asks to write (`IfFree` at start, `Steal` to take over); pauses editing when another tab
    /// writes, and then waits for the lock to come free.
    async fn claim(self, ask: Ask) {
        let claim = self
            .claims
            .try_update_value(|n| {
                *n += 1;
                *n
            })
            .unwrap_or(0);
        let on_lost = move || self.pause(true);
        let held = writer_lock::acquire(ask, on_lost)
            .await
            .unwrap_or_else(|e| {
                web_sys::console::warn_1(
                    &format!("Web Locks failed ({e}); this tab writes").into(),
                );
                None
            });
        match held {
            Some(held) => {
                self.held.set_value(Some(held));
                self.writer.set(Writer::Writing);
                self.docs.paused.set(false);
            }
            None => self.pause(false),
        }
        let _ = claim;
    }

    /// Another tab writes: edits here are refused until the lock comes back (the other tab
    /// closes or lets go) or the user takes over; either way the workspace is read again first.
    fn pause(&self, told: bool) {
        self.held.set_value(None);
        self.writer.set(Writer::Paused);
        self.docs.paused.set(true);
        if told {
            self.screen.notify(super::documents::PAUSED);
        }
        let this = *self;
        let waiting_for = self.claims.get_value();
        spawn_local(async move {
            let Ok(Some(held)) = writer_lock::acquire(Ask::Wait, move || this.pause(true)).await
            else {
                return;
            };
            if this.writer.get_untracked() == Writer::Writing
                || this.claims.get_value() != waiting_for
            {
                // A newer claim (taking over) won meanwhile.
                held.release();
                return;
            }
            this.held.set_value(Some(held));
            this.writer.set(Writer::Writing);
            // Edits wait for the workspace read again (`load` lets them through at its end).
            this.reload("The other tab let go: editing here again, with the workspace read again from storage.")
                .await;
        });
    }

    /// Takes over from the tab that writes: this tab writes from now on, reading the workspace
    /// again (with what the other tab saved) first.
    pub fn take_over(&self) {
        let this = *self;
        spawn_local(async move {
            this.claim(Ask::Steal).await;
            if this.writer.get_untracked() == Writer::Writing {
                // Edits wait for the workspace read again (`load` lets them through at its end).
                this.docs.paused.set(true);
                this.reload("Editing here: the workspace was read again from storage.")
                    .await;
            }
        });
    }

    async fn reload(self, notice: &str) {
        self.journaled.set_value(vec![]);
        self.docs.reset();
        self.screen.notify(notice);
        self.load().await;
    }

    fn writes(&self) -> bool {
        self.writer.get_untracked() == Writer::Writing
    }

    /// Writes a step to the journal at once: the request leaves in this task, before the edit
    /// paints, so a tab closed right after the key press keeps the edit.
    fn journal(&self, step: &HistoryStep) {
        let Some(store) = self.store.get_value().filter(|_| self.writes()) else {
            return;
        };
        let n = self
            .counter
            .try_update_value(|c| {
                *c += 1;
                *c
            })
            .unwrap_or(0);
        let key = journal_key(js_sys::Date::now() as u64, n);
        let entry = JournalEntry {
            tab: self.tab.get_value(),
            step: step.clone(),
        };
        let measure = crate::dom::perf::Measure::start("spanmark-durable");
        match store.append_journal(&key, &journal_json(&entry)) {
            Ok(done) => {
                self.journaled.update_value(|k| k.push(key));
                self.journal_writes.update_value(|n| *n += 1);
                if self.state.get_untracked() != SaveState::Failed {
                    self.state.set(SaveState::Saving);
                }
                let this = *self;
                spawn_local(async move {
                    let result = done.await;
                    measure.end();
                    this.journal_writes.update_value(|n| *n -= 1);
                    match result {
                        Ok(()) => this.settle(),
                        Err(e) => this.failed(e),
                    }
                });
            }
            Err(e) => self.failed(e),
        }
    }

    /// Marks everything saved once no journal write and no fold is under way.
    fn settle(&self) {
        if self.journal_writes.get_value() > 0 || self.flushing.get_value() {
            return;
        }
        if self.state.get_untracked() == SaveState::Failed {
            return;
        }
        self.state.set(SaveState::Saved);
    }

    fn failed(&self, e: String) {
        self.screen.fail_about(
            ErrorAbout::Saving,
            format!(
                "Could not save to this browser's storage ({e}). Your work is still here in this tab: export it to keep a copy."
            ),
        );
        self.state.set(SaveState::Failed);
    }

    async fn load(self) {
        let docs = self.docs;
        let this_load = self
            .loads
            .try_update_value(|n| {
                *n += 1;
                *n
            })
            .unwrap_or(0);
        let overtaken = move || self.loads.get_value() != this_load;
        let store = match self.store.get_value() {
            Some(store) => store,
            None => match WorkspaceStore::open().await {
                Ok(s) if overtaken() => {
                    drop(s);
                    return;
                }
                Ok(s) => s,
                Err(_) if overtaken() => return,
                Err(e) => {
                    self.screen.fail(format!(
                        "Browser storage is unavailable ({e}). You can work, but nothing is saved: export before closing the tab."
                    ));
                    docs.loaded.set(true);
                    self.screen.pane.set(Pane::Paste);
                    self.flush_soon(false);
                    return;
                }
            },
        };
        crate::dom::perf::milestone("spanmark-store-open");
        // First what the screen needs (the list and the open document), then everything else.
        let start = store.load_start().await;
        if overtaken() {
            return;
        }
        crate::dom::perf::milestone("spanmark-start-read");
        match start {
            Ok(StartUp {
                labels,
                open,
                open_document,
                listing: Some(listing),
            }) if !listing.is_empty() => {
                docs.ws.set(Workspace {
                    documents: open_document.into_iter().collect(),
                    labels,
                });
                docs.listing.set(Some(listing));
                docs.current.set(open);
                self.screen.pane.set(Pane::Reader);
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
                if overtaken() {
                    return;
                }
                docs.listing.set(None);
                match full {
                    Ok(loaded) => {
                        let removed = docs.removed_unsaved();
                        docs.ws
                            .update(|ws| merge_loaded(ws, loaded.workspace, &removed));
                        docs.restore_history(loaded.history);
                        self.report(&loaded.problems);
                    }
                    Err(e) => {
                        // Saving now would write the document list from the documents read so
                        // far, dropping the others from it: this tab saves nothing instead.
                        self.screen.fail(format!(
                            "Could not read the whole saved workspace ({e}). To keep what is saved intact, this tab saves nothing: reload the page to try again, and export anything you do here first."
                        ));
                        self.store.set_value(None);
                        docs.loaded.set(true);
                        self.flush_soon(false);
                        return;
                    }
                }
                crate::dom::perf::milestone("spanmark-all-read");
            }
            Ok(_) => {
                if !self.load_everything(&store, overtaken).await {
                    return;
                }
            }
            Err(e) => {
                self.screen
                    .fail(format!("Could not read the saved workspace: {e}"));
                self.screen.pane.set(Pane::Paste);
            }
        }
        self.store.set_value(Some(store));
        docs.loaded.set(true);
        docs.paused
            .set(self.writer.get_untracked() != Writer::Writing);
        // The other dataset formats are a second module: fetch it once the workspace is loaded
        // and the page is idle, so it does not delay start-up, yet is there for a file dropped
        // or picked right away (picking, dropping or exporting also starts it, see
        // `lazy_formats::preload`). Its compilation runs off the main thread.
        spawn_local(async {
            crate::dom::perf::after_paint().await;
            crate::dom::lazy_formats::preload();
        });
        // Anything done while loading, or taken again from the journal, is folded now.
        self.flush_soon(false);
    }

    /// Loads the whole workspace at once (no summary saved yet, or steps left in the journal),
    /// takes the journal's steps again, then saves the summary.
    /// Returns false when a newer load overtook this one (nothing was changed).
    async fn load_everything(&self, store: &WorkspaceStore, overtaken: impl Fn() -> bool) -> bool {
        let docs = self.docs;
        let loaded = store.load().await;
        if overtaken() {
            return false;
        }
        match loaded {
            Ok(Loaded {
                workspace,
                open,
                history,
                journal,
                problems,
            }) => {
                docs.ws.set(workspace);
                docs.restore_history(history);
                let replayed = docs.replay(&journal);
                for skipped in &replayed.skipped {
                    web_sys::console::warn_1(&format!("not taken again: {skipped}").into());
                }
                self.journaled
                    .update_value(|k| k.extend(journal.iter().map(|(key, _)| key.clone())));
                let (open, empty) = docs.ws.with_untracked(|ws| {
                    let open = open
                        .filter(|id| ws.document(id).is_some())
                        .or_else(|| ws.documents.first().map(|d| d.id.clone()));
                    (open, ws.documents.is_empty())
                });
                docs.current.set(open);
                self.screen
                    .pane
                    .set(if empty { Pane::Paste } else { Pane::Reader });
                let mut dirty = replayed.dirty;
                // Writes the summary the next start-up reads first.
                dirty.meta |= !empty;
                docs.mark_unsaved(dirty);
                self.report(&problems);
            }
            Err(e) => {
                self.screen
                    .fail(format!("Could not read the saved workspace: {e}"));
                self.screen.pane.set(Pane::Paste);
            }
        }
        true
    }

    /// Says which saved records could not be read (everything else loaded).
    fn report(&self, problems: &[String]) {
        if !problems.is_empty() {
            self.screen.fail(format!(
                "Part of the saved workspace could not be read; everything else is loaded and can be exported:\n{}",
                problems.join("\n")
            ));
        }
    }

    fn read_wanted(&self, id: spanmark_core::DocumentId) {
        let Some(store) = self.store.get_value() else {
            return;
        };
        let (docs, screen) = (self.docs, self.screen);
        spawn_local(async move {
            match store.load_document(&id).await {
                Ok(Some(doc)) => {
                    docs.ws.update(|ws| {
                        if ws.document(&doc.id).is_none() {
                            ws.documents.push(doc);
                        }
                    });
                    docs.show(id);
                }
                Ok(None) => {}
                Err(e) => screen.fail(format!("Could not read that document: {e}")),
            }
        });
    }

    /// Folds what is unsaved into the records: after the next paint, or at once when `now` (the
    /// page is being hidden or left). Edits made meanwhile join the fold; the journal entries it
    /// covers are deleted in the same transaction.
    fn flush_soon(&self, now: bool) {
        if self.flushing.get_value() || !self.docs.loaded.get_untracked() {
            return;
        }
        if self.writer.get_untracked() == Writer::Paused {
            // Another tab writes; what this tab shows is not saved from here.
            return;
        }
        self.flushing.set_value(true);
        // After a failure the indicator keeps saying so until a write succeeds.
        if self.state.get_untracked() != SaveState::Failed {
            self.state.set(SaveState::Saving);
        }
        let this = *self;
        spawn_local(async move {
            if !now {
                crate::dom::perf::after_paint().await;
            }
            let docs = this.docs;
            loop {
                let Some(store) = this.store.get_value().filter(|_| this.writes()) else {
                    // No storage (unavailable, or the saved workspace unreadable): the error
                    // shown says so; the state must not claim the work is saved. A paused tab
                    // simply stops here.
                    if this.writer.get_untracked() != Writer::Paused {
                        this.state.set(SaveState::Failed);
                    }
                    this.flushing.set_value(false);
                    return;
                };
                let dirty = docs.take_unsaved();
                let folded: Vec<String> = this.journaled.get_value();
                if dirty.is_empty() && folded.is_empty() {
                    break;
                }
                let open = docs.current.get_untracked();
                let mut batch = docs
                    .ws
                    .with_untracked(|ws| prepare(ws, open.as_ref(), &dirty));
                if !folded.is_empty() || !dirty.is_empty() {
                    let history = docs.with_history(history_json);
                    batch.puts.push((Store::Meta, HISTORY_KEY.into(), history));
                }
                batch
                    .deletes
                    .extend(folded.iter().map(|k| (Store::Journal, k.clone())));
                if let Err(e) = store.write(batch).await {
                    this.failed(e);
                    // Keep what failed so the next edit retries it.
                    docs.mark_unsaved_quietly(dirty);
                    this.flushing.set_value(false);
                    return;
                }
                this.journaled
                    .update_value(|k| k.retain(|key| !folded.contains(key)));
            }
            let failed_before = this.state.get_untracked() == SaveState::Failed;
            if this.screen.clear_error_about(ErrorAbout::Saving) || failed_before {
                this.screen
                    .notify("Saved: everything is stored in this browser again.");
            }
            this.flushing.set_value(false);
            this.state.set(SaveState::Saving);
            this.settle();
        });
    }
}
