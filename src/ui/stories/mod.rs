//! The Stories view (issue 20): stories and their documents, quote clusters side by side, a table
//! per quantity, and the links exports.

pub mod dialog;
pub mod figure_group;
pub mod quote_cluster;
pub mod story_detail;

use std::collections::HashMap;

use spanmark_core::DocumentId;

/// How each document is named in the view: its outlet and title.
#[derive(Clone, Default, PartialEq)]
pub struct Outlets(pub HashMap<DocumentId, String>);

impl Outlets {
    /// The name shown for `doc`.
    pub fn name(&self, doc: &DocumentId) -> String {
        self.0.get(doc).cloned().unwrap_or_else(|| doc.0.clone())
    }
}
