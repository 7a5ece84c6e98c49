//! Spanmark's pure core: the annotation model, code-point offsets, undo history, dataset formats and
//! inter-annotator agreement.
//!
//! No browser code lives here (no web-sys, no leptos): it is tested natively and shared by the web app
//! and the command line.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod agreement;
pub mod attributes;
pub mod formats;
pub mod history;
pub mod labels;
pub mod link;
pub mod merge;
pub mod model;
pub mod navigation;
pub mod offsets;
pub mod paste;
pub mod records;
pub mod suggest;
pub mod text;
pub mod transfer;

pub use attributes::{AttrError, AttrType, AttrValue, AttributeDef, Attributes};
pub use history::{DocField, Edit, EditError, History, HistoryStep};
pub use model::{
    check_range, parse_iso_date, DocStory, Document, DocumentId, Label, LabelSet, RangeError,
    Rejection, Relation, RelationId, RelationKind, Span, SpanError, SpanId, SpanShaping, Workspace,
};
pub use offsets::{ByteOffset, CharCheckpoints, CharOffset, OffsetIndex, Utf16Offset};
