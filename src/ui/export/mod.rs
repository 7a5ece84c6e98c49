//! Exporting the workspace in any dataset format.

pub mod dialog;
