//! The label-set editor.

pub mod attributes;
pub mod editor;
