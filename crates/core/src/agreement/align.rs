//! Which documents are the same across annotators: matched by id, else by identical text.

use std::collections::HashMap;

use thiserror::Error;

use super::AnnotatorDocs;
use crate::model::{Document, DocumentId, SpanError};

/// Why the annotators' documents cannot be compared.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum AlignError {
    /// Fewer than two annotators were given.
    #[error("agreement needs at least two annotators, got {0}")]
    TooFewAnnotators(usize),
    /// Two annotators share a name, so their results could not be told apart.
    #[error("two annotators are both called {0:?}: give each a different name")]
    DuplicateName(String),
    /// One annotator has two documents with the same id.
    #[error("{name} has two documents with id {id:?}")]
    DuplicateId {
        /// The annotator's index in the input.
        annotator: usize,
        /// The annotator's name.
        name: String,
        /// The repeated id.
        id: String,
    },
    /// A document has a different text in two annotators' versions under the same id.
    #[error("document {id:?} has a different text for {first_name} and {second_name}")]
    TextDiffers {
        /// The document's id.
        id: String,
        /// The index of the annotator whose version came first.
        first: usize,
        /// Their name.
        first_name: String,
        /// The index of the annotator whose text differs.
        second: usize,
        /// Their name.
        second_name: String,
    },
    /// A span is not a non-empty range inside its document's text (the model's invariant).
    #[error("{name}'s document {id:?}: span {span}: {source}")]
    InvalidSpan {
        /// The annotator's index in the input.
        annotator: usize,
        /// The annotator's name.
        name: String,
        /// The document's id.
        id: String,
        /// The span's id.
        span: u64,
        /// What is wrong with its range.
        source: SpanError,
    },
    /// No document is present for two annotators or more.
    #[error("no document is present for two annotators (matched by id, else by identical text)")]
    NoCommonDocument,
}

/// One document and each annotator's version of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AlignedDocument<'a> {
    /// The id of the first version seen (later versions may carry another id if matched by text).
    pub id: DocumentId,
    /// The text, identical in every version.
    pub text: &'a str,
    /// The text's length in code points.
    pub len_chars: usize,
    /// Per annotator (input order), their version if they have one.
    pub versions: Vec<Option<&'a Document>>,
}

impl AlignedDocument<'_> {
    /// How many annotators have this document.
    pub fn annotator_count(&self) -> usize {
        self.versions.iter().filter(|v| v.is_some()).count()
    }

    /// Whether every annotator has it.
    pub fn complete(&self) -> bool {
        self.versions.iter().all(Option::is_some)
    }
}

/// The annotators' documents side by side.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Aligned<'a> {
    /// Annotator names, input order.
    pub names: Vec<&'a str>,
    /// Documents present for at least two annotators, in order of first appearance.
    pub documents: Vec<AlignedDocument<'a>>,
    /// How many documents only one annotator has (left out of every measure).
    pub single: usize,
}

/// Lines up the annotators' documents: the same id means the same document (its text must then be
/// identical), and a document whose id no one else uses is matched to another annotator's document
/// with exactly the same text. Documents only one annotator has are counted and left out.
pub fn align(annotators: &[AnnotatorDocs]) -> Result<Aligned<'_>, AlignError> {
    let n = annotators.len();
    if n < 2 {
        return Err(AlignError::TooFewAnnotators(n));
    }
    for (i, a) in annotators.iter().enumerate() {
        if annotators[..i].iter().any(|b| b.name == a.name) {
            return Err(AlignError::DuplicateName(a.name.clone()));
        }
    }
    let mut groups: Vec<AlignedDocument<'_>> = vec![];
    let mut by_id: HashMap<&str, usize> = HashMap::new();
    let mut by_text: HashMap<&str, Vec<usize>> = HashMap::new();
    for (k, annotator) in annotators.iter().enumerate() {
        let mut seen_ids: HashMap<&str, ()> = HashMap::new();
        for doc in &annotator.documents {
            if seen_ids.insert(&doc.id.0, ()).is_some() {
                return Err(AlignError::DuplicateId {
                    annotator: k,
                    name: annotator.name.clone(),
                    id: doc.id.0.clone(),
                });
            }
            let len = doc.len_chars();
            for span in &doc.spans {
                let problem =
                    crate::model::check_range(span.start.0 as i64, span.end.0 as i64, len)
                        .err()
                        .map(SpanError::Range);
                if let Some(source) = problem {
                    return Err(AlignError::InvalidSpan {
                        annotator: k,
                        name: annotator.name.clone(),
                        id: doc.id.0.clone(),
                        span: span.id.0,
                        source,
                    });
                }
            }
            let group = match by_id.get(doc.id.0.as_str()) {
                Some(&g) => {
                    if groups[g].text != doc.text {
                        let first = groups[g]
                            .versions
                            .iter()
                            .position(Option::is_some)
                            .unwrap_or(0);
                        return Err(AlignError::TextDiffers {
                            id: doc.id.0.clone(),
                            first,
                            first_name: annotators[first].name.clone(),
                            second: k,
                            second_name: annotator.name.clone(),
                        });
                    }
                    Some(g)
                }
                None => by_text.get(doc.text.as_str()).and_then(|candidates| {
                    candidates
                        .iter()
                        .copied()
                        .find(|&g| groups[g].versions[k].is_none())
                }),
            };
            let g = match group {
                Some(g) if groups[g].versions[k].is_none() => g,
                // The same id twice for one annotator was caught above; the same text under two
                // ids for one annotator makes a second group.
                _ => {
                    groups.push(AlignedDocument {
                        id: doc.id.clone(),
                        text: &doc.text,
                        len_chars: len,
                        versions: vec![None; n],
                    });
                    by_text.entry(&doc.text).or_default().push(groups.len() - 1);
                    groups.len() - 1
                }
            };
            groups[g].versions[k] = Some(doc);
            by_id.entry(&doc.id.0).or_insert(g);
        }
    }
    let total = groups.len();
    let documents: Vec<_> = groups
        .into_iter()
        .filter(|g| g.annotator_count() >= 2)
        .collect();
    if documents.is_empty() {
        return Err(AlignError::NoCommonDocument);
    }
    Ok(Aligned {
        names: annotators.iter().map(|a| a.name.as_str()).collect(),
        single: total - documents.len(),
        documents,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(id: &str, text: &str) -> Document {
        Document::new(DocumentId(id.into()), id, text, 0)
    }

    #[test]
    fn matches_by_id_then_by_text() {
        let a = AnnotatorDocs::new("ana", vec![doc("1", "Rain."), doc("2", "Snow.")]);
        let b = AnnotatorDocs::new("ben", vec![doc("b-1", "Snow."), doc("1", "Rain.")]);
        let input = [a, b];
        let aligned = align(&input).unwrap();
        assert_eq!(aligned.documents.len(), 2);
        assert_eq!(aligned.documents[0].id.0, "1");
        assert!(aligned.documents[0].complete());
        assert_eq!(aligned.documents[1].versions[1].unwrap().id.0, "b-1");
    }

    #[test]
    fn same_id_different_text_is_an_error_naming_both() {
        let input = [
            AnnotatorDocs::new("ana", vec![doc("1", "Rain.")]),
            AnnotatorDocs::new("ben", vec![doc("1", "Rain!")]),
        ];
        let err = align(&input).unwrap_err();
        assert_eq!(
            err.to_string(),
            "document \"1\" has a different text for ana and ben"
        );
    }

    #[test]
    fn nothing_in_common_is_an_error() {
        let input = [
            AnnotatorDocs::new("ana", vec![doc("1", "Rain.")]),
            AnnotatorDocs::new("ben", vec![doc("2", "Snow.")]),
        ];
        assert_eq!(align(&input).unwrap_err(), AlignError::NoCommonDocument);
    }

    #[test]
    fn documents_only_one_annotator_has_are_counted_apart() {
        let input = [
            AnnotatorDocs::new("ana", vec![doc("1", "Rain."), doc("2", "Snow.")]),
            AnnotatorDocs::new("ben", vec![doc("1", "Rain.")]),
            AnnotatorDocs::new("cy", vec![doc("3", "Hail.")]),
        ];
        let aligned = align(&input).unwrap();
        assert_eq!((aligned.documents.len(), aligned.single), (1, 2));
        assert!(!aligned.documents[0].complete());
    }

    #[test]
    fn a_span_outside_its_text_is_refused_not_a_panic() {
        let mut d = doc("1", "Rain.");
        d.spans.push(crate::model::Span {
            id: crate::model::SpanId(7),
            start: crate::offsets::CharOffset(2),
            end: crate::offsets::CharOffset(40),
            label: "claim".into(),
            note: String::new(),
            attributes: Default::default(),
        });
        let input = [
            AnnotatorDocs::new("ana", vec![doc("1", "Rain.")]),
            AnnotatorDocs::new("ben", vec![d]),
        ];
        let err = align(&input).unwrap_err();
        assert!(
            matches!(
                err,
                AlignError::InvalidSpan {
                    annotator: 1,
                    span: 7,
                    ..
                }
            ),
            "{err}"
        );
    }

    #[test]
    fn one_annotator_or_a_repeated_name_or_id_is_refused() {
        let one = [AnnotatorDocs::new("ana", vec![doc("1", "Rain.")])];
        assert_eq!(align(&one).unwrap_err(), AlignError::TooFewAnnotators(1));
        let twice = [
            AnnotatorDocs::new("ana", vec![doc("1", "Rain.")]),
            AnnotatorDocs::new("ana", vec![doc("1", "Rain.")]),
        ];
        assert!(matches!(align(&twice), Err(AlignError::DuplicateName(_))));
        let dup = [
            AnnotatorDocs::new("ana", vec![doc("1", "Rain."), doc("1", "Rain.")]),
            AnnotatorDocs::new("ben", vec![doc("1", "Rain.")]),
        ];
        assert!(matches!(align(&dup), Err(AlignError::DuplicateId { .. })));
    }
}
