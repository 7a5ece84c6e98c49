//! Work by hand: relations drawn from span to span, a span's typed attributes, boundaries moved
//! by keys and handles, and document details.

pub mod doc_delete;
pub mod doc_details;
pub mod handles;
pub mod keys;
pub mod link_bar;
pub mod relations;
pub mod span_details;
