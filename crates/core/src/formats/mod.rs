//! Dataset formats: one module per format, each with an export and an import, all from the one model.
//!
//! The registry (`registry.rs`) is what the CLI and the web app call: [`Format`] names a format by
//! its id, `detect` guesses it from a file's bytes, `export` writes documents as one file (bytes, a
//! file name and warnings about what the format could not hold) and `import` reads the bytes of a
//! picked file back into documents (plus warnings). `checks.rs` holds the checks every format shares,
//! `dates.rs` the timestamps. Offsets are code points everywhere (see `docs/formats.md`).

#[cfg(feature = "formats")]
pub mod brat;
#[cfg(feature = "formats")]
pub mod doccano;
#[cfg(feature = "formats")]
pub mod hf;
#[cfg(feature = "formats")]
pub mod iob2;
#[cfg(feature = "formats")]
pub mod label_studio;
#[cfg(feature = "formats")]
mod layers;
#[cfg(feature = "formats")]
pub mod plain;
#[cfg(feature = "formats")]
pub mod spacy;
pub mod spanmark_jsonl;
#[cfg(feature = "formats")]
pub mod streamed;
#[cfg(feature = "formats")]
pub mod tokens;
#[cfg(feature = "formats")]
pub mod w3c;

mod checks;
#[cfg(feature = "formats")]
pub(crate) mod dates;
mod registry;

use std::fmt;

use thiserror::Error;

pub use checks::utf8;
#[cfg(feature = "formats")]
pub(crate) use checks::{check_quote, checked};
#[cfg(feature = "formats")]
pub use registry::{detect, export, import, import_any, import_brat_pair, import_picked, preview};
pub use registry::{
    keep_valid_lines, DoccanoVariant, ExportOptions, Exported, Format, Imported, UnknownFormat,
};

use crate::model::{Document, DocumentId};

/// Why an import failed. It names where (line or record) and what, so the user can fix the file;
/// the workspace is never touched by a failed import.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{location}: {message}")]
pub struct ImportError {
    /// Where the problem is, e.g. "line 3" or "record 2, span 4".
    pub location: String,
    /// What is wrong.
    pub message: String,
}

impl ImportError {
    /// An error on a 1-based line of the input.
    pub fn at_line(line: usize, message: impl Into<String>) -> Self {
        ImportError {
            location: format!("line {line}"),
            message: message.into(),
        }
    }

    /// An error on a 1-based record (an element of a JSON array, a document of an archive).
    pub fn at_record(record: usize, message: impl Into<String>) -> Self {
        ImportError {
            location: format!("record {record}"),
            message: message.into(),
        }
    }

    /// An error at a named place, e.g. `"doc1.ann line 4"`.
    pub fn at(location: impl Into<String>, message: impl Into<String>) -> Self {
        ImportError {
            location: location.into(),
            message: message.into(),
        }
    }

    /// An error about the input as a whole.
    pub fn whole(message: impl Into<String>) -> Self {
        ImportError {
            location: "file".into(),
            message: message.into(),
        }
    }

    /// The same error with the file's name in front of its location.
    pub fn in_file(mut self, file_name: &str) -> Self {
        if !file_name.is_empty() {
            self.location = format!("{file_name}, {}", self.location);
        }
        self
    }
}

/// Something an export or import could not carry over exactly; the operation still succeeded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// Where, e.g. `"document d1, span 3"` or `"line 7"`.
    pub location: String,
    /// What happened to the data.
    pub message: String,
}

impl Warning {
    /// A warning at a place.
    pub fn new(location: impl Into<String>, message: impl Into<String>) -> Self {
        Warning {
            location: location.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location, self.message)
    }
}

/// Why an export failed (exports of valid documents do not fail; this guards invalid ones).
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ExportError {
    /// A span lies outside its document's text.
    #[error("document {document:?}, span {span}: {message}")]
    InvalidSpan {
        /// The document's id.
        document: String,
        /// The span's id.
        span: u64,
        /// What is wrong.
        message: String,
    },
    /// A relation points at a span its document does not have.
    #[error("document {document:?}, relation {relation}: {message}")]
    InvalidRelation {
        /// The document's id.
        document: String,
        /// The relation's id.
        relation: u64,
        /// What is wrong.
        message: String,
    },
    /// The archive could not be written.
    #[error("could not write the archive: {0}")]
    Archive(String),
}

/// A file name without directories and without its last extension.
pub fn file_stem(file_name: &str) -> String {
    let base = file_name.rsplit(['/', '\\']).next().unwrap_or(file_name);
    let stem = match base.rfind('.') {
        Some(i) if i > 0 => &base[..i],
        _ => base,
    };
    if stem.is_empty() {
        "import".into()
    } else {
        stem.to_string()
    }
}

/// The id given to the `n`th (1-based) document of a file that carries none: `<stem>-<n>`.
pub fn derived_id(stem: &str, n: usize) -> DocumentId {
    DocumentId(format!("{stem}-{n}"))
}

/// The title given to a document whose file carries none: its first non-blank line, cut to 80
/// code points at a word boundary when longer; the fallback when the text is blank.
pub fn derived_title(text: &str, fallback: &str) -> String {
    let Some(line) = text.lines().map(str::trim).find(|l| !l.is_empty()) else {
        return fallback.to_string();
    };
    if line.chars().count() <= 80 {
        return line.to_string();
    }
    let cut: String = line.chars().take(80).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > 20 => cut[..i].to_string(),
        _ => cut,
    };
    format!("{}…", cut.trim_end())
}

/// The labels of `docs` in order of first appearance.
pub fn labels_in(docs: &[Document]) -> Vec<String> {
    let mut labels: Vec<String> = vec![];
    for d in docs {
        for s in &d.spans {
            if !labels.contains(&s.label) {
                labels.push(s.label.clone());
            }
        }
    }
    labels
}

#[cfg(all(test, feature = "formats"))]
mod tests {
    use super::*;

    #[test]
    fn derived_titles_use_the_first_line() {
        assert_eq!(derived_title("\n  Budget row\nmore", "x"), "Budget row");
        assert_eq!(derived_title("  ", "x"), "x");
    }

    #[test]
    fn stems_drop_directories_and_extension() {
        assert_eq!(file_stem("a/b/news.jsonl"), "news");
        assert_eq!(file_stem(""), "import");
    }
}
