//! The views: one component per file.

pub mod annotator_prompt;
pub mod banner;
pub mod by_hand;
pub mod compare;
pub mod doc_list;
pub mod export;
pub mod find;
pub mod help;
pub mod import;
pub mod keys;
pub mod labels;
pub mod palette;
pub mod paste_panel;
pub mod reader;
pub mod span_list;
pub mod storage_indicator;
pub mod stories;
pub mod suggest_panel;
pub mod topbar;
pub mod virtual_list;
