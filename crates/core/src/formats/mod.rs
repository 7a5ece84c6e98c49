//! Dataset formats: one module per format, each with an export and an import.

pub mod spanmark_jsonl;

use thiserror::Error;

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

    /// An error about the input as a whole.
    pub fn whole(message: impl Into<String>) -> Self {
        ImportError {
            location: "file".into(),
            message: message.into(),
        }
    }
}
