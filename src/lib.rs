//! Spanmark, the browser app (Leptos, client-side only).
//!
//! - `app`: the root component; `state`: reactive state and user actions;
//! - `ui/`: one component per file; `dom/`: the only code mapping DOM text to code points;
//! - `storage/`: the only code touching IndexedDB.

pub mod app;
pub mod dom;
pub mod sample;
pub mod state;
pub mod storage;
pub mod ui;
