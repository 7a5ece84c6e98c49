//! The only code that touches browser storage: IndexedDB (the workspace), localStorage
//! (preferences), the StorageManager (quota and persistence).
//!
//! The records and their shape are the core's (`spanmark_core::records`: texts, annotations,
//! meta, and the journal of steps not folded yet); `workspace_store` moves them in and out of
//! IndexedDB, `writer_lock` keeps to one writing tab.

pub mod idb;
pub mod prefs;
pub mod quota;
pub mod workspace_store;
pub mod writer_lock;
