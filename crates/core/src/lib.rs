//! Spanmark's pure core: the annotation model, code-point offsets, undo history and dataset formats.
//!
//! No browser code lives here (no web-sys, no leptos): it is tested natively and shared by the web app
//! and the command line.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod formats;
pub mod history;
pub mod labels;
pub mod link;
pub mod model;
pub mod offsets;
pub mod suggest;
pub mod text;
pub mod transfer;

pub use history::{Edit, EditError, History};
pub use model::{
    Document, DocumentId, Label, LabelSet, Rejection, Relation, RelationId, Span, SpanError,
    SpanId, SpanShaping, Workspace,
};
pub use offsets::{ByteOffset, CharCheckpoints, CharOffset, OffsetIndex, Utf16Offset};
