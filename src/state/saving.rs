//! The saving room: the store, start-up loading (with retries), writing what the documents room
//! left unsaved, and where saving stands (`SaveState`). It reads the documents room and fills it
//! at start-up; nothing else calls into it.

use leptos::prelude::*;
use leptos::task::spawn_local;
use spanmark_core::merge::merge_loaded;
use spanmark_core::records::{prepare, Dirty};
use spanmark_core::Workspace;

use super::documents::Documents;
use super::screen::{ErrorAbout, Pane, Screen};
use crate::storage::workspace_store::{StartUp, WorkspaceStore};

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

/// The saving handle (cheap to copy).
#[derive(Clone, Copy)]
pub struct Saving {
    /// Where saving stands.
    pub state: RwSignal<SaveState>,
    store: StoredValue<Option<WorkspaceStore>, LocalStorage>,
    flushing: StoredValue<bool>,
    docs: Documents,
    screen: Screen,
}

/// Reads the saving handle from context.
pub fn use_saving() -> Saving {
    expect_context::<Saving>()
}

impl Saving {
    /// Starts loading the saved workspace into `docs`, and saves what `docs` leaves unsaved from
    /// then on.
    pub fn start(docs: Documents, screen: Screen) -> Self {
        let saving = Saving {
            state: RwSignal::new(SaveState::Saved),
            store: StoredValue::new_local(None),
            flushing: StoredValue::new(false),
            docs,
            screen,
        };
        // The one effect that syncs the documents to storage.
        Effect::new(move |_| {
            docs.changed.track();
            saving.flush_soon();
        });
        // A listed document opened before the whole workspace is read: read it alone.
        Effect::new(move |_| {
            if let Some(id) = docs.wanted.get() {
                saving.read_wanted(id);
            }
        });
        spawn_local(async move { saving.load().await });
        saving
    }

    async fn load(self) {
        let docs = self.docs;
        let store = match WorkspaceStore::open().await {
            Ok(s) => s,
            Err(e) => {
                self.screen.fail(format!(
                    "Browser storage is unavailable ({e}). You can work, but nothing is saved: export before closing the tab."
                ));
                docs.loaded.set(true);
                self.screen.pane.set(Pane::Paste);
                self.flush_soon();
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
                docs.listing.set(None);
                match full {
                    Ok((full, _)) => {
                        let removed = docs.removed_unsaved();
                        docs.ws.update(|ws| merge_loaded(ws, full, &removed));
                    }
                    Err(e) => {
                        // Saving now would write the document list from the documents read so
                        // far, dropping the others from it: this tab saves nothing instead.
                        self.screen.fail(format!(
                            "Could not read the whole saved workspace ({e}). To keep what is saved intact, this tab saves nothing: reload the page to try again, and export anything you do here first."
                        ));
                        self.store.set_value(None);
                        docs.loaded.set(true);
                        self.flush_soon();
                        return;
                    }
                }
                crate::dom::perf::milestone("spanmark-all-read");
            }
            Ok(_) => self.load_everything(&store).await,
            Err(e) => {
                self.screen
                    .fail(format!("Could not read the saved workspace: {e}"));
                self.screen.pane.set(Pane::Paste);
            }
        }
        self.store.set_value(Some(store));
        docs.loaded.set(true);
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
        let docs = self.docs;
        match store.load().await {
            Ok((ws, open)) => {
                let open = open
                    .filter(|id| ws.document(id).is_some())
                    .or_else(|| ws.documents.first().map(|d| d.id.clone()));
                let empty = ws.documents.is_empty();
                docs.ws.set(ws);
                docs.current.set(open);
                self.screen
                    .pane
                    .set(if empty { Pane::Paste } else { Pane::Reader });
                if !empty {
                    // Writes the summary the next start-up reads first.
                    docs.mark_unsaved(Dirty {
                        meta: true,
                        ..Dirty::default()
                    });
                }
            }
            Err(e) => {
                self.screen
                    .fail(format!("Could not read the saved workspace: {e}"));
                self.screen.pane.set(Pane::Paste);
            }
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

    /// Saves what is unsaved, after the current event; edits made meanwhile join this save.
    fn flush_soon(&self) {
        if self.flushing.get_value() || !self.docs.loaded.get_untracked() {
            return;
        }
        self.flushing.set_value(true);
        self.state.set(SaveState::Saving);
        let this = *self;
        spawn_local(async move {
            // Save after the edit has painted; edits made meanwhile join this save.
            crate::dom::perf::after_paint().await;
            let docs = this.docs;
            loop {
                let Some(store) = this.store.get_value() else {
                    // No storage (unavailable, or the saved workspace unreadable): the error
                    // shown says so; the state must not claim the work is saved.
                    this.state.set(SaveState::Failed);
                    this.flushing.set_value(false);
                    return;
                };
                let dirty = docs.take_unsaved();
                if dirty.is_empty() {
                    break;
                }
                let open = docs.current.get_untracked();
                let batch = docs
                    .ws
                    .with_untracked(|ws| prepare(ws, open.as_ref(), &dirty));
                if let Err(e) = store.write(batch).await {
                    this.screen.fail_about(ErrorAbout::Saving, format!(
                        "Could not save to this browser's storage ({e}). Your work is still here in this tab: export it to keep a copy."
                    ));
                    // Keep what failed so the next edit retries it.
                    docs.mark_unsaved_quietly(dirty);
                    this.state.set(SaveState::Failed);
                    this.flushing.set_value(false);
                    return;
                }
            }
            let failed_before = this.state.get_untracked() == SaveState::Failed;
            if this.screen.clear_error_about(ErrorAbout::Saving) || failed_before {
                this.screen
                    .notify("Saved: everything is stored in this browser again.");
            }
            this.state.set(SaveState::Saved);
            this.flushing.set_value(false);
        });
    }
}
