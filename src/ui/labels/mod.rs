//! The label-set editor.

pub mod editor;
