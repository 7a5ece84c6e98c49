//! Spanmark's pure core: the annotation model, code-point offsets, undo history, dataset formats and
//! inter-annotator agreement.
//!
//! No browser code lives here (no web-sys, no leptos): it is tested natively and shared by the web app
//! and the command line.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod agreement;
pub mod formats;
pub mod history;
pub mod labels;
pub mod merge;
pub mod model;
pub mod navigation;
pub mod offsets;
pub mod records;
pub mod suggest;
pub mod text;
pub mod transfer;

pub use history::{Edit, EditError, History};
pub use model::{
    Document, DocumentId, Label, LabelSet, Rejection, Relation, RelationId, Span, SpanError,
    SpanId, SpanShaping, Workspace,
};
pub use offsets::{ByteOffset, CharCheckpoints, CharOffset, OffsetIndex, Utf16Offset};
