//! The checks every format shares: a file's bytes as UTF-8 text, a span's quoted text against the
//! document, and every document an import hands over or an export writes (ranges through the one
//! range check, [`crate::model::check_range`]).

#[cfg(not(feature = "formats"))]
use super::ImportError;
#[cfg(feature = "formats")]
use super::{ExportError, ImportError, Imported};
#[cfg(feature = "formats")]
use crate::model::{check_range, signed, Document};
#[cfg(feature = "formats")]
use crate::offsets::{CharOffset, OffsetIndex};

/// The text of a file's bytes, without a byte-order mark; the error names the line of the first
/// byte that is not UTF-8.
pub fn utf8(bytes: &[u8]) -> Result<&str, ImportError> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let line = bytes[..e.valid_up_to()]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1;
        ImportError::at_line(
            line,
            format!("not UTF-8 (invalid byte at offset {})", e.valid_up_to()),
        )
    })?;
    Ok(text.strip_prefix('\u{feff}').unwrap_or(text))
}

/// What an importer read, refused if a span is not a non-empty range inside its text or a relation
/// points at a span the document lacks: each importer checks its format's offsets, and this holds
/// for every format that nothing reaches the workspace that the reader could not draw or an export
/// could not write.
#[cfg(feature = "formats")]
pub(crate) fn checked(imported: Imported) -> Result<Imported, ImportError> {
    for doc in &imported.documents {
        check_document(doc).map_err(|e| ImportError::whole(e.to_string()))?;
    }
    Ok(imported)
}

/// Checks every span of a document lies inside its text (through [`check_range`]) and every
/// relation joins two of its spans.
#[cfg(feature = "formats")]
pub(crate) fn check_document(doc: &Document) -> Result<(), ExportError> {
    let len = doc.len_chars();
    for s in &doc.spans {
        check_range(signed(s.start), signed(s.end), len).map_err(|e| ExportError::InvalidSpan {
            document: doc.id.0.clone(),
            span: s.id.0,
            message: e.to_string(),
        })?;
    }
    for r in &doc.relations {
        if let Some(end) = [r.from, r.to]
            .into_iter()
            .find(|&id| doc.span(id).is_none())
        {
            return Err(ExportError::InvalidRelation {
                document: doc.id.0.clone(),
                relation: r.id.0,
                message: format!("no span with id {}", end.0),
            });
        }
    }
    Ok(())
}

#[cfg(feature = "formats")]
/// Checks that `quoted` (when the file gives it) is the text at `start..end`.
pub(crate) fn check_quote(
    index: &OffsetIndex,
    start: usize,
    end: usize,
    quoted: Option<&str>,
) -> Result<(), String> {
    let Some(quoted) = quoted else { return Ok(()) };
    let covered = index
        .slice(CharOffset(start), CharOffset(end))
        .map_err(|e| e.to_string())?;
    if covered != quoted {
        return Err(format!(
            "span text {quoted:?} does not match the document text at {start}..{end} ({covered:?})"
        ));
    }
    Ok(())
}

#[cfg(all(test, feature = "formats"))]
mod tests {
    use super::*;
    use crate::model::DocumentId;

    #[test]
    fn no_import_hands_over_a_span_outside_its_text() {
        let mut doc = Document::new(DocumentId("d".into()), "", "abc", 0);
        doc.spans.push(crate::model::Span {
            id: crate::model::SpanId(4),
            start: CharOffset(2),
            end: CharOffset(2),
            label: "x".into(),
            note: String::new(),
            attributes: Default::default(),
        });
        let err = checked(Imported {
            documents: vec![doc],
            warnings: vec![],
        })
        .unwrap_err();
        assert_eq!(err.location, "file");
        assert!(
            err.message.starts_with("document \"d\", span 4: 2..2"),
            "{}",
            err.message
        );
    }

    #[test]
    fn no_import_hands_over_a_relation_to_a_missing_span() {
        let mut doc = Document::new(DocumentId("d".into()), "", "abc", 0);
        doc.relations.push(crate::model::Relation {
            id: crate::model::RelationId(2),
            from: crate::model::SpanId(1),
            to: crate::model::SpanId(1),
            kind: "said-by".into(),
        });
        let err = checked(Imported {
            documents: vec![doc],
            warnings: vec![],
        })
        .unwrap_err();
        assert_eq!(err.message, "document \"d\", relation 2: no span with id 1");
    }
}
