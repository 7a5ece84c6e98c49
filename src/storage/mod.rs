//! The only code that touches browser storage: IndexedDB (the workspace), localStorage
//! (preferences), the StorageManager (quota and persistence).
//!
//! Database `spanmark`, version 1, three object stores keyed by document id or name:
//! - `texts`: a document's immutable part (title, source, text), written once;
//! - `annotations`: a document's spans and relations, rewritten when they change;
//! - `meta`: key `workspace` → document order, label set, open document, schema version.
//!
//! An edit therefore rewrites one small record, never the whole workspace.

pub mod idb;
pub mod prefs;
pub mod quota;
pub mod workspace_store;
