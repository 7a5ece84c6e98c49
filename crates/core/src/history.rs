//! Every change to annotations as a command, with undo and redo.

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::model::{DocumentId, LabelSet, Rejection, Relation, Span, SpanError, SpanId, Workspace};

/// One reversible change to a document's annotations.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Edit {
    /// Adds a span (at the end of the list).
    CreateSpan {
        /// The document.
        doc: DocumentId,
        /// The new span.
        span: Span,
    },
    /// Removes a span, and the relations that touch it.
    DeleteSpan {
        /// The document.
        doc: DocumentId,
        /// The span as it was.
        span: Span,
        /// Its position in the span list, so undo puts it back in place.
        index: usize,
        /// Relations removed with it.
        relations: Vec<Relation>,
    },
    /// Changes a span's label.
    Relabel {
        /// The document.
        doc: DocumentId,
        /// The span.
        id: SpanId,
        /// The label before.
        from: String,
        /// The label after.
        to: String,
    },
    /// Changes a span's note.
    SetNote {
        /// The document.
        doc: DocumentId,
        /// The span.
        id: SpanId,
        /// The note before.
        from: String,
        /// The note after.
        to: String,
    },
    /// Adds a relation.
    CreateRelation {
        /// The document.
        doc: DocumentId,
        /// The new relation.
        relation: Relation,
    },
    /// Puts a span back at a given position (the inverse of a deletion).
    CreateSpanAt {
        /// The document.
        doc: DocumentId,
        /// The span.
        span: Span,
        /// Its position in the span list.
        index: usize,
    },
    /// Removes a relation (the inverse of creating it).
    DeleteRelation {
        /// The document.
        doc: DocumentId,
        /// The relation as it was.
        relation: Relation,
    },
    /// Records a rejected suggestion, so it is not suggested again.
    Reject {
        /// The document.
        doc: DocumentId,
        /// What was rejected.
        rejection: Rejection,
    },
    /// Forgets a rejection (the inverse of `Reject`).
    Unreject {
        /// The document.
        doc: DocumentId,
        /// The rejection to forget.
        rejection: Rejection,
    },
    /// Marks a document done or not.
    SetDone {
        /// The document.
        doc: DocumentId,
        /// Whether it is done.
        done: bool,
    },
    /// Replaces the workspace's label set.
    SetLabels {
        /// The set before.
        from: LabelSet,
        /// The set after.
        to: LabelSet,
    },
    /// Several edits undone and redone as one.
    Batch(Vec<Edit>),
}

/// Why an edit could not be applied. The workspace is unchanged when one is returned.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum EditError {
    /// The document does not exist.
    #[error("no document with id {0}")]
    NoSuchDocument(String),
    /// The span is invalid or missing.
    #[error(transparent)]
    Span(#[from] SpanError),
    /// A span with that id exists already.
    #[error("a span with id {0} exists already")]
    DuplicateSpan(u64),
}

impl Edit {
    /// The edit that undoes this one.
    pub fn inverse(&self) -> Edit {
        match self.clone() {
            Edit::CreateSpan { doc, span } => Edit::DeleteSpan {
                doc,
                span,
                index: usize::MAX,
                relations: vec![],
            },
            Edit::DeleteSpan {
                doc,
                span,
                index,
                relations,
            } => {
                let mut edits = vec![Edit::CreateSpanAt {
                    doc: doc.clone(),
                    span,
                    index,
                }];
                edits.extend(relations.into_iter().map(|relation| Edit::CreateRelation {
                    doc: doc.clone(),
                    relation,
                }));
                if edits.len() == 1 {
                    edits.pop().unwrap()
                } else {
                    Edit::Batch(edits)
                }
            }
            Edit::Relabel { doc, id, from, to } => Edit::Relabel {
                doc,
                id,
                from: to,
                to: from,
            },
            Edit::SetNote { doc, id, from, to } => Edit::SetNote {
                doc,
                id,
                from: to,
                to: from,
            },
            Edit::CreateRelation { doc, relation } => Edit::DeleteRelation { doc, relation },
            Edit::Batch(edits) => Edit::Batch(edits.iter().rev().map(Edit::inverse).collect()),
            Edit::CreateSpanAt { doc, span, index } => Edit::DeleteSpan {
                doc,
                span,
                index,
                relations: vec![],
            },
            Edit::DeleteRelation { doc, relation } => Edit::CreateRelation { doc, relation },
            Edit::Reject { doc, rejection } => Edit::Unreject { doc, rejection },
            Edit::SetLabels { from, to } => Edit::SetLabels { from: to, to: from },
            Edit::SetDone { doc, done } => Edit::SetDone { doc, done: !done },
            Edit::Unreject { doc, rejection } => Edit::Reject { doc, rejection },
        }
    }

    /// The documents this edit touches.
    pub fn documents(&self) -> Vec<&DocumentId> {
        match self {
            Edit::CreateSpan { doc, .. }
            | Edit::DeleteSpan { doc, .. }
            | Edit::Relabel { doc, .. }
            | Edit::SetNote { doc, .. }
            | Edit::CreateRelation { doc, .. }
            | Edit::CreateSpanAt { doc, .. }
            | Edit::DeleteRelation { doc, .. }
            | Edit::Reject { doc, .. }
            | Edit::Unreject { doc, .. }
            | Edit::SetDone { doc, .. } => vec![doc],
            Edit::SetLabels { .. } => vec![],
            Edit::Batch(edits) => {
                let mut docs: Vec<&DocumentId> = edits.iter().flat_map(Edit::documents).collect();
                docs.dedup();
                docs
            }
        }
    }

    /// Applies the edit. On error nothing has changed.
    pub fn apply(&self, ws: &mut Workspace) -> Result<(), EditError> {
        if let Edit::Batch(edits) = self {
            let backup = ws.clone();
            for e in edits {
                if let Err(err) = e.apply(ws) {
                    *ws = backup;
                    return Err(err);
                }
            }
            return Ok(());
        }
        if let Edit::SetLabels { to, .. } = self {
            ws.labels = to.clone();
            return Ok(());
        }
        let doc_id = self.documents()[0].clone();
        let doc = ws
            .document_mut(&doc_id)
            .ok_or_else(|| EditError::NoSuchDocument(doc_id.0.clone()))?;
        let position = |id: SpanId| {
            doc.spans
                .iter()
                .position(|s| s.id == id)
                .ok_or(EditError::Span(SpanError::NoSuchSpan(id.0)))
        };
        match self {
            Edit::CreateSpan { span, .. } | Edit::CreateSpanAt { span, .. } => {
                doc.check_range(span.start, span.end)?;
                if span.label.is_empty() {
                    return Err(SpanError::NoLabel.into());
                }
                if doc.span(span.id).is_some() {
                    return Err(EditError::DuplicateSpan(span.id.0));
                }
                let index = match self {
                    Edit::CreateSpanAt { index, .. } => (*index).min(doc.spans.len()),
                    _ => doc.spans.len(),
                };
                doc.spans.insert(index, span.clone());
            }
            Edit::DeleteSpan { span, .. } => {
                let i = position(span.id)?;
                doc.spans.remove(i);
                doc.relations
                    .retain(|r| r.from != span.id && r.to != span.id);
            }
            Edit::Relabel { id, to, .. } => {
                if to.is_empty() {
                    return Err(SpanError::NoLabel.into());
                }
                let i = position(*id)?;
                doc.spans[i].label = to.clone();
            }
            Edit::SetNote { id, to, .. } => {
                let i = position(*id)?;
                doc.spans[i].note = to.clone();
            }
            Edit::CreateRelation { relation, .. } => {
                position(relation.from)?;
                position(relation.to)?;
                doc.relations.push(relation.clone());
            }
            Edit::DeleteRelation { relation, .. } => doc.relations.retain(|r| r.id != relation.id),
            Edit::Reject { rejection, .. } => {
                if !doc.rejected.contains(rejection) {
                    doc.rejected.push(rejection.clone());
                }
            }
            Edit::Unreject { rejection, .. } => doc.rejected.retain(|r| r != rejection),
            Edit::SetDone { done, .. } => doc.done = *done,
            Edit::Batch(_) | Edit::SetLabels { .. } => unreachable!("handled above"),
        }
        Ok(())
    }
}

/// Applied edits, for undo and redo.
#[derive(Debug, Clone, Default)]
pub struct History {
    done: Vec<Edit>,
    undone: Vec<Edit>,
}

impl History {
    /// Applies an edit and records it; the redo stack is cleared.
    ///
    /// A `DeleteSpan` is completed with the span's current position and relations before it is
    /// recorded, so undo restores it exactly.
    pub fn apply(&mut self, ws: &mut Workspace, edit: Edit) -> Result<(), EditError> {
        let edit = complete(ws, edit)?;
        edit.apply(ws)?;
        self.done.push(edit);
        self.undone.clear();
        Ok(())
    }

    /// Undoes the last edit; returns it, or `None` when there is nothing to undo.
    pub fn undo(&mut self, ws: &mut Workspace) -> Result<Option<Edit>, EditError> {
        let Some(edit) = self.done.pop() else {
            return Ok(None);
        };
        if let Err(err) = edit.inverse().apply(ws) {
            self.done.push(edit);
            return Err(err);
        }
        self.undone.push(edit.clone());
        Ok(Some(edit))
    }

    /// Redoes the last undone edit; returns it, or `None` when there is nothing to redo.
    pub fn redo(&mut self, ws: &mut Workspace) -> Result<Option<Edit>, EditError> {
        let Some(edit) = self.undone.pop() else {
            return Ok(None);
        };
        if let Err(err) = edit.apply(ws) {
            self.undone.push(edit);
            return Err(err);
        }
        self.done.push(edit.clone());
        Ok(Some(edit))
    }

    /// Whether there is an edit to undo.
    pub fn can_undo(&self) -> bool {
        !self.done.is_empty()
    }

    /// Whether there is an edit to redo.
    pub fn can_redo(&self) -> bool {
        !self.undone.is_empty()
    }
}

/// Fills in what an edit needs to be undone exactly: a deleted span's position and relations,
/// a relabel's or note's previous value.
fn complete(ws: &Workspace, edit: Edit) -> Result<Edit, EditError> {
    let find = |doc: &DocumentId, id: SpanId| -> Result<(usize, Span, Vec<Relation>), EditError> {
        let d = ws
            .document(doc)
            .ok_or_else(|| EditError::NoSuchDocument(doc.0.clone()))?;
        let i = d
            .spans
            .iter()
            .position(|s| s.id == id)
            .ok_or(SpanError::NoSuchSpan(id.0))?;
        let rels = d
            .relations
            .iter()
            .filter(|r| r.from == id || r.to == id)
            .cloned()
            .collect();
        Ok((i, d.spans[i].clone(), rels))
    };
    Ok(match edit {
        Edit::DeleteSpan { doc, span, .. } => {
            let (index, span, relations) = find(&doc, span.id)?;
            Edit::DeleteSpan {
                doc,
                span,
                index,
                relations,
            }
        }
        Edit::Relabel { doc, id, to, .. } => {
            let (_, span, _) = find(&doc, id)?;
            Edit::Relabel {
                doc,
                id,
                from: span.label,
                to,
            }
        }
        Edit::SetNote { doc, id, to, .. } => {
            let (_, span, _) = find(&doc, id)?;
            Edit::SetNote {
                doc,
                id,
                from: span.note,
                to,
            }
        }
        Edit::Batch(edits) => {
            // Later edits of a batch may depend on earlier ones: complete against a scratch copy.
            let mut scratch = ws.clone();
            let mut done = vec![];
            for e in edits {
                let e = complete(&scratch, e)?;
                e.apply(&mut scratch)?;
                done.push(e);
            }
            Edit::Batch(done)
        }
        other => other,
    })
}
