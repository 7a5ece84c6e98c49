//! The app's state, one room per concern, each a narrow handle (cheap to copy) in context:
//! - `documents`: the workspace, its undo history, the open document and selection, and every
//!   user action on them (each a core `Edit` through `History`);
//! - `saving`: the store, start-up loading and retries, writing what `documents` left unsaved,
//!   and `SaveState`;
//! - `screen`: dialogs, the paste panel, the find bar, theme, filters and messages (enums);
//! - `reader_requests`: what the reader is asked to do (redraw, reveal, select), as data;
//! - `suggestions`: suggestions under review;
//! - `identity`: the user's name as an annotator;
//! - `comparison`: several annotators' files compared and adjudicated (apart from the workspace).
//! - `stories`: stories, quote clusters and figure groups across documents (linked in a worker).
//!
//! Data flows one way: ui → an action here → `History` → requests and unsaved records → the
//! reader and saving act on them. Nothing here imports from `ui`.

pub mod by_hand;
pub mod comparison;
pub mod documents;
pub mod identity;
pub mod reader_requests;
pub mod saving;
pub mod screen;
pub mod stories;
pub mod suggestions;

use leptos::prelude::*;

pub use comparison::{use_comparison, Comparison};
pub use documents::{use_documents, Documents};
pub use identity::{use_identity, Identity};
pub use saving::{use_saving, SaveState, Saving};
pub use screen::{use_screen, Dialog, Pane, Screen, StatusFilter, Theme};
pub use stories::{use_stories, StoriesState};
pub use suggestions::{use_suggestions, SuggestState};

/// Creates every room and puts its handle in context.
pub fn provide_state() -> (Documents, Saving, Screen, SuggestState) {
    let screen = Screen::new(Theme::from_name(crate::storage::prefs::theme()));
    let docs = Documents::new(screen);
    let saving = Saving::start(docs, screen);
    let suggest = SuggestState::new(docs, screen);
    provide_context(screen);
    provide_context(docs);
    provide_context(saving);
    provide_context(suggest);
    provide_context(Identity::new());
    provide_context(Comparison::new());
    provide_context(StoriesState::new(docs, screen));
    (docs, saving, screen, suggest)
}
