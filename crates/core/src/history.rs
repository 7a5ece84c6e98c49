//! Every change to annotations as a command, with undo and redo.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::attributes::{AttrError, AttrValue};
use crate::model::{
    check_range, parse_iso_date, signed, DocStory, Document, DocumentId, LabelSet, Rejection,
    Relation, RelationId, Span, SpanError, SpanId, Workspace,
};
use crate::offsets::CharOffset;
use crate::text::step_boundary;
pub use crate::text::{SpanEnd, Step};

/// A document detail that [`Edit::SetDocField`] sets or clears.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DocField {
    /// Where the article came from (its URL).
    Source,
    /// Its publication date, `YYYY-MM-DD`.
    Published,
    /// Who wrote it.
    Byline,
    /// Who annotated it.
    Annotator,
}

impl DocField {
    /// The field's name as forms show it.
    pub fn name(self) -> &'static str {
        match self {
            DocField::Source => "source",
            DocField::Published => "publication date",
            DocField::Byline => "byline",
            DocField::Annotator => "annotator",
        }
    }

    /// The field of a document.
    pub fn get(self, doc: &Document) -> &Option<String> {
        match self {
            DocField::Source => &doc.source,
            DocField::Published => &doc.published,
            DocField::Byline => &doc.byline,
            DocField::Annotator => &doc.annotator,
        }
    }

    fn get_mut(self, doc: &mut Document) -> &mut Option<String> {
        match self {
            DocField::Source => &mut doc.source,
            DocField::Published => &mut doc.published,
            DocField::Byline => &mut doc.byline,
            DocField::Annotator => &mut doc.annotator,
        }
    }
}

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
    /// Sets (`to: Some`) or clears (`to: None`) one of a span's attributes. Through
    /// [`History::apply`] the value must fit the type the label set gives the attribute.
    SetAttribute {
        /// The document.
        doc: DocumentId,
        /// The span.
        id: SpanId,
        /// The attribute's name.
        name: String,
        /// The value before (filled in by [`History::apply`]).
        from: Option<AttrValue>,
        /// The value after.
        to: Option<AttrValue>,
    },
    /// Moves a span's start and/or end (the range must stay a non-empty range of the text).
    MoveSpan {
        /// The document.
        doc: DocumentId,
        /// The span.
        id: SpanId,
        /// Start and end before (filled in by [`History::apply`]).
        from: (CharOffset, CharOffset),
        /// Start and end after.
        to: (CharOffset, CharOffset),
    },
    /// Changes a relation (same id): retargets it, points it from another span, or changes its
    /// kind.
    ChangeRelation {
        /// The document.
        doc: DocumentId,
        /// The relation before (filled in by [`History::apply`] from `to.id`).
        from: Relation,
        /// The relation after.
        to: Relation,
    },
    /// Renames a document.
    Rename {
        /// The document.
        doc: DocumentId,
        /// The title before (filled in by [`History::apply`]).
        from: String,
        /// The title after (not blank).
        to: String,
    },
    /// Sets or clears a document detail: source, publication date, byline or annotator.
    SetDocField {
        /// The document.
        doc: DocumentId,
        /// Which detail.
        field: DocField,
        /// The value before (filled in by [`History::apply`]).
        from: Option<String>,
        /// The value after; blank counts as none, a date must be `YYYY-MM-DD`.
        to: Option<String>,
    },
    /// Removes a document with its spans; undo puts it back where it was.
    DeleteDocument {
        /// The document as it was (filled in by [`History::apply`] from its id).
        document: Box<Document>,
        /// Its position in the workspace (filled in likewise).
        index: usize,
    },
    /// Adds a document at a position (the inverse of deleting it; past the end appends).
    AddDocument {
        /// The document.
        document: Box<Document>,
        /// Its position.
        index: usize,
    },
    /// Puts a document in a story of the user's, or (`to: None`) leaves it to the linker (see
    /// [`DocStory`]). Merging, splitting or renaming stories is a batch of these.
    SetStory {
        /// The document.
        doc: DocumentId,
        /// The story before (filled in by [`History::apply`]).
        from: Option<DocStory>,
        /// The story after.
        to: Option<DocStory>,
    },
    /// Several edits undone and redone as one.
    Batch(Vec<Edit>),
}

/// Why an edit could not be applied. The workspace is unchanged when one is returned.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum EditError {
    /// A journal asked to undo or redo with nothing there to take.
    #[error("nothing to undo or redo")]
    NothingToReplay,
    /// The document does not exist.
    #[error("no document with id {0}")]
    NoSuchDocument(String),
    /// The span is invalid or missing.
    #[error(transparent)]
    Span(#[from] SpanError),
    /// A span with that id exists already.
    #[error("a span with id {0} exists already")]
    DuplicateSpan(u64),
    /// No relation with that id exists in the document.
    #[error("no relation with id {0}")]
    NoSuchRelation(u64),
    /// A relation with that id exists already.
    #[error("a relation with id {0} exists already")]
    DuplicateRelation(u64),
    /// A relation from a span to itself.
    #[error("a relation needs two different spans (span {0} points at itself)")]
    SelfRelation(u64),
    /// An attribute value that does not fit, or an attribute the label does not have.
    #[error(transparent)]
    Attribute(#[from] AttrError),
    /// A document detail that is not acceptable (a blank title, a malformed date).
    #[error("{field}: {message}")]
    BadField {
        /// The detail, e.g. "publication date".
        field: &'static str,
        /// What is wrong.
        message: String,
    },
    /// A document with that id exists already.
    #[error("a document with id {0} exists already")]
    DuplicateDocument(String),
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
            Edit::SetAttribute {
                doc,
                id,
                name,
                from,
                to,
            } => Edit::SetAttribute {
                doc,
                id,
                name,
                from: to,
                to: from,
            },
            Edit::MoveSpan { doc, id, from, to } => Edit::MoveSpan {
                doc,
                id,
                from: to,
                to: from,
            },
            Edit::ChangeRelation { doc, from, to } => Edit::ChangeRelation {
                doc,
                from: to,
                to: from,
            },
            Edit::Rename { doc, from, to } => Edit::Rename {
                doc,
                from: to,
                to: from,
            },
            Edit::SetDocField {
                doc,
                field,
                from,
                to,
            } => Edit::SetDocField {
                doc,
                field,
                from: to,
                to: from,
            },
            Edit::DeleteDocument { document, index } => Edit::AddDocument { document, index },
            Edit::AddDocument { document, index } => Edit::DeleteDocument { document, index },
            Edit::SetStory { doc, from, to } => Edit::SetStory {
                doc,
                from: to,
                to: from,
            },
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
            | Edit::SetDone { doc, .. }
            | Edit::SetAttribute { doc, .. }
            | Edit::MoveSpan { doc, .. }
            | Edit::ChangeRelation { doc, .. }
            | Edit::Rename { doc, .. }
            | Edit::SetDocField { doc, .. }
            | Edit::SetStory { doc, .. } => vec![doc],
            Edit::DeleteDocument { document, .. } | Edit::AddDocument { document, .. } => {
                vec![&document.id]
            }
            Edit::SetLabels { .. } => vec![],
            Edit::Batch(edits) => {
                let mut docs: Vec<&DocumentId> = edits.iter().flat_map(Edit::documents).collect();
                docs.dedup();
                docs
            }
        }
    }

    /// The code-point ranges this edit touches, by document, for redrawing: a span's range (both
    /// its old and new ones for a move), both ends of a relation. `ws` is the workspace the edit
    /// was applied to (before or after: spans named by id are looked up in it). Document details,
    /// rejections, the done mark and the label set touch no range (see [`Edit::touches_labels`]).
    pub fn ranges(&self, ws: &Workspace) -> Vec<(DocumentId, std::ops::Range<usize>)> {
        if let Edit::Batch(_) = self {
            // Spans by id, indexed once per document: looked up by scanning, the ranges of a
            // batch of 10,000 accepted suggestions with their relations were quadratic.
            let mut by_doc: HashMap<DocumentId, HashMap<SpanId, std::ops::Range<usize>>> =
                HashMap::new();
            return self.ranges_by(&mut |doc, id| {
                by_doc
                    .entry(doc.clone())
                    .or_insert_with(|| {
                        ws.document(doc)
                            .map(|d| d.spans.iter().map(|s| (s.id, s.start.0..s.end.0)).collect())
                            .unwrap_or_default()
                    })
                    .get(&id)
                    .map(|r| (doc.clone(), r.clone()))
            });
        }
        self.ranges_by(&mut |doc, id| {
            ws.document(doc)
                .and_then(|d| d.span(id))
                .map(|s| (doc.clone(), s.start.0..s.end.0))
        })
    }

    /// [`Edit::ranges`], with spans named by id looked up by `span_range`.
    fn ranges_by(
        &self,
        span_range: &mut impl FnMut(&DocumentId, SpanId) -> Option<(DocumentId, std::ops::Range<usize>)>,
    ) -> Vec<(DocumentId, std::ops::Range<usize>)> {
        match self {
            Edit::CreateSpan { doc, span }
            | Edit::CreateSpanAt { doc, span, .. }
            | Edit::DeleteSpan { doc, span, .. } => vec![(doc.clone(), span.start.0..span.end.0)],
            Edit::Relabel { doc, id, .. }
            | Edit::SetNote { doc, id, .. }
            | Edit::SetAttribute { doc, id, .. } => span_range(doc, *id).into_iter().collect(),
            Edit::MoveSpan { doc, from, to, .. } => {
                vec![(doc.clone(), from.0 .0.min(to.0 .0)..from.1 .0.max(to.1 .0))]
            }
            Edit::CreateRelation { doc, relation } | Edit::DeleteRelation { doc, relation } => {
                [relation.from, relation.to]
                    .into_iter()
                    .filter_map(|id| span_range(doc, id))
                    .collect()
            }
            Edit::ChangeRelation { doc, from, to } => {
                let mut ids = vec![from.from, from.to, to.from, to.to];
                ids.sort();
                ids.dedup();
                ids.into_iter()
                    .filter_map(|id| span_range(doc, id))
                    .collect()
            }
            Edit::Reject { .. }
            | Edit::Unreject { .. }
            | Edit::SetLabels { .. }
            | Edit::SetDone { .. }
            | Edit::Rename { .. }
            | Edit::SetDocField { .. }
            | Edit::SetStory { .. }
            | Edit::DeleteDocument { .. }
            | Edit::AddDocument { .. } => vec![],
            Edit::Batch(edits) => edits.iter().flat_map(|e| e.ranges_by(span_range)).collect(),
        }
    }

    /// Whether this edit changes the label set (labels, their attributes, relation kinds).
    pub fn touches_labels(&self) -> bool {
        match self {
            Edit::SetLabels { .. } => true,
            Edit::Batch(edits) => edits.iter().any(Edit::touches_labels),
            _ => false,
        }
    }

    /// Applies the edit. On error nothing has changed.
    pub fn apply(&self, ws: &mut Workspace) -> Result<(), EditError> {
        self.apply_with(ws, &mut Lookups::default())
    }

    fn apply_with(&self, ws: &mut Workspace, lookups: &mut Lookups) -> Result<(), EditError> {
        if let Edit::Batch(edits) = self {
            let backup = BatchBackup::new(ws, self);
            let mut batch = Lookups::for_batch();
            let lookups = if lookups.batch { lookups } else { &mut batch };
            for e in edits {
                if let Err(err) = e.apply_with(ws, lookups) {
                    backup.restore(ws);
                    return Err(err);
                }
            }
            return Ok(());
        }
        match self {
            Edit::SetLabels { to, .. } => {
                ws.labels = to.clone();
                return Ok(());
            }
            Edit::DeleteDocument { document, .. } => {
                let i = ws
                    .documents
                    .iter()
                    .position(|d| d.id == document.id)
                    .ok_or_else(|| EditError::NoSuchDocument(document.id.0.clone()))?;
                ws.documents.remove(i);
                lookups.forget(&document.id);
                return Ok(());
            }
            Edit::AddDocument { document, index } => {
                if ws.document(&document.id).is_some() {
                    return Err(EditError::DuplicateDocument(document.id.0.clone()));
                }
                let index = (*index).min(ws.documents.len());
                ws.documents.insert(index, (**document).clone());
                lookups.forget(&document.id);
                return Ok(());
            }
            _ => {}
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
        // Only the edits that check spans, relations or the text look anything up: a batch of
        // story or detail edits over 10,000 documents needs none of it.
        let looks_up = matches!(
            self,
            Edit::CreateSpan { .. }
                | Edit::CreateSpanAt { .. }
                | Edit::DeleteSpan { .. }
                | Edit::CreateRelation { .. }
                | Edit::DeleteRelation { .. }
                | Edit::MoveSpan { .. }
        );
        let mut facts = if looks_up { lookups.of(doc) } else { None };
        match self {
            Edit::CreateSpan { span, .. } | Edit::CreateSpanAt { span, .. } => {
                let len = facts
                    .as_ref()
                    .map_or_else(|| doc.len_chars(), |f| f.len_chars);
                check_range(signed(span.start), signed(span.end), len).map_err(SpanError::from)?;
                if span.label.is_empty() {
                    return Err(SpanError::NoLabel.into());
                }
                let exists = match &facts {
                    Some(f) => f.spans.contains(&span.id),
                    None => doc.span(span.id).is_some(),
                };
                if exists {
                    return Err(EditError::DuplicateSpan(span.id.0));
                }
                let index = match self {
                    Edit::CreateSpanAt { index, .. } => (*index).min(doc.spans.len()),
                    _ => doc.spans.len(),
                };
                doc.spans.insert(index, span.clone());
                if let Some(f) = facts {
                    f.spans.insert(span.id);
                }
            }
            Edit::DeleteSpan { span, .. } => {
                let i = position(span.id)?;
                doc.spans.remove(i);
                doc.relations.retain(|r| {
                    let keep = r.from != span.id && r.to != span.id;
                    if let (false, Some(f)) = (keep, facts.as_mut()) {
                        f.relations.remove(&r.id);
                    }
                    keep
                });
                if let Some(f) = facts {
                    f.spans.remove(&span.id);
                    f.relations_sorted = f.relations_sorted || relations_sorted(doc);
                }
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
                let (exists, sorted) = match &facts {
                    Some(f) => {
                        check_relation_ends(relation, |id| f.spans.contains(&id))?;
                        (f.relations.contains(&relation.id), f.relations_sorted)
                    }
                    None => {
                        check_relation(doc, relation)?;
                        let exists = doc.relations.iter().any(|r| r.id == relation.id);
                        (exists, relations_sorted(doc))
                    }
                };
                if exists {
                    return Err(EditError::DuplicateRelation(relation.id.0));
                }
                // In id order when the list is (so undoing a span's deletion restores it as it was).
                let at = if sorted {
                    doc.relations.partition_point(|r| r.id < relation.id)
                } else {
                    doc.relations.len()
                };
                doc.relations.insert(at, relation.clone());
                if let Some(f) = facts {
                    f.relations.insert(relation.id);
                }
            }
            Edit::ChangeRelation { to, .. } => {
                check_relation(doc, to)?;
                let r = doc
                    .relations
                    .iter_mut()
                    .find(|r| r.id == to.id)
                    .ok_or(EditError::NoSuchRelation(to.id.0))?;
                *r = to.clone();
            }
            Edit::SetAttribute { id, name, to, .. } => {
                let i = position(*id)?;
                match to {
                    Some(value) => doc.spans[i].attributes.insert(name.clone(), value.clone()),
                    None => doc.spans[i].attributes.remove(name),
                };
            }
            Edit::MoveSpan { id, to, .. } => {
                let i = position(*id)?;
                let len = facts
                    .as_ref()
                    .map_or_else(|| doc.len_chars(), |f| f.len_chars);
                check_range(signed(to.0), signed(to.1), len).map_err(SpanError::from)?;
                (doc.spans[i].start, doc.spans[i].end) = *to;
            }
            Edit::Rename { to, .. } => doc.title = to.clone(),
            Edit::SetDocField { field, to, .. } => *field.get_mut(doc) = to.clone(),
            Edit::SetStory { to, .. } => doc.story = to.clone(),
            Edit::DeleteRelation { relation, .. } => {
                doc.relations.retain(|r| r.id != relation.id);
                if let Some(f) = facts {
                    f.relations.remove(&relation.id);
                    f.relations_sorted = f.relations_sorted || relations_sorted(doc);
                }
            }
            Edit::Reject { rejection, .. } => {
                if !doc.rejected.contains(rejection) {
                    doc.rejected.push(rejection.clone());
                }
            }
            Edit::Unreject { rejection, .. } => doc.rejected.retain(|r| r != rejection),
            Edit::SetDone { done, .. } => doc.done = *done,
            Edit::Batch(_)
            | Edit::SetLabels { .. }
            | Edit::DeleteDocument { .. }
            | Edit::AddDocument { .. } => unreachable!("handled above"),
        }
        Ok(())
    }
}

/// Checks a relation joins two different spans of the document.
fn check_relation(doc: &Document, relation: &Relation) -> Result<(), EditError> {
    check_relation_ends(relation, |id| doc.span(id).is_some())
}

/// [`check_relation`] with the spans' existence told by `exists`.
fn check_relation_ends(
    relation: &Relation,
    exists: impl Fn(SpanId) -> bool,
) -> Result<(), EditError> {
    for end in [relation.from, relation.to] {
        if !exists(end) {
            return Err(SpanError::NoSuchSpan(end.0).into());
        }
    }
    if relation.from == relation.to {
        return Err(EditError::SelfRelation(relation.from.0));
    }
    Ok(())
}

/// Applied edits, for undo and redo. Serialisable, so that undo survives a reload.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct History {
    done: Vec<Edit>,
    undone: Vec<Edit>,
}

/// One step taken through the history: what a journal records so that it can be taken again on
/// the saved workspace after a reload.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum HistoryStep {
    /// An edit applied (as completed by [`History::apply`]).
    Apply(Edit),
    /// The last edit undone.
    Undo,
    /// The last undone edit redone.
    Redo,
}

/// What a batch's edits look up in a document — its length in code points, which span and
/// relation ids exist, whether relations are in id order — found once per document and kept up
/// to date while the batch applies. Looked up afresh for each edit, "accept all" on a 1 MB article
/// with 10,000 suggestions was quadratic (counting the text and scanning the spans per span).
/// A single edit looks up directly: building sets for one lookup costs more than it saves.
#[derive(Default)]
struct Lookups {
    batch: bool,
    docs: HashMap<DocumentId, DocFacts>,
}

struct DocFacts {
    len_chars: usize,
    spans: HashSet<SpanId>,
    relations: HashSet<RelationId>,
    relations_sorted: bool,
}

impl Lookups {
    fn for_batch() -> Self {
        Lookups {
            batch: true,
            docs: HashMap::new(),
        }
    }

    /// The facts of `doc` when a batch applies (`None` for a single edit).
    fn of(&mut self, doc: &Document) -> Option<&mut DocFacts> {
        if !self.batch {
            return None;
        }
        if !self.docs.contains_key(&doc.id) {
            let facts = DocFacts {
                len_chars: doc.len_chars(),
                spans: doc.spans.iter().map(|s| s.id).collect(),
                relations: doc.relations.iter().map(|r| r.id).collect(),
                relations_sorted: relations_sorted(doc),
            };
            self.docs.insert(doc.id.clone(), facts);
        }
        self.docs.get_mut(&doc.id)
    }

    /// A document added or deleted is looked up afresh.
    fn forget(&mut self, id: &DocumentId) {
        self.docs.remove(id);
    }
}

fn relations_sorted(doc: &Document) -> bool {
    doc.relations.windows(2).all(|w| w[0].id < w[1].id)
}

/// What a batch can change, kept to put back when one of its edits fails: the documents it names
/// (with their places) and the label set. A copy of the whole workspace per batch cost every
/// article's text each time (30 MB for 10,000 articles).
struct BatchBackup {
    /// Every document the batch names, whether it exists now or not.
    named: HashSet<DocumentId>,
    /// The named documents that exist now, with their index, in index order.
    documents: Vec<(usize, Document)>,
    labels: Option<LabelSet>,
}

impl BatchBackup {
    fn new(ws: &Workspace, batch: &Edit) -> Self {
        let named: HashSet<DocumentId> = batch.documents().into_iter().cloned().collect();
        let documents = ws
            .documents
            .iter()
            .enumerate()
            .filter(|(_, d)| named.contains(&d.id))
            .map(|(i, d)| (i, d.clone()))
            .collect();
        let labels = batch.touches_labels().then(|| ws.labels.clone());
        BatchBackup {
            named,
            documents,
            labels,
        }
    }

    /// Puts the workspace back as it was: the documents the batch did not name kept their order,
    /// so the named ones go back at their old places, lowest first.
    fn restore(self, ws: &mut Workspace) {
        ws.documents.retain(|d| !self.named.contains(&d.id));
        for (i, doc) in self.documents {
            ws.documents.insert(i, doc);
        }
        if let Some(labels) = self.labels {
            ws.labels = labels;
        }
    }
}

impl History {
    /// Takes a step again: [`History::apply`], [`History::undo`] or [`History::redo`]. An undo
    /// or redo with nothing to take is an error here (the journal and the history disagree).
    pub fn replay(&mut self, ws: &mut Workspace, step: HistoryStep) -> Result<(), EditError> {
        let taken = match step {
            HistoryStep::Apply(edit) => return self.apply(ws, edit),
            HistoryStep::Undo => self.undo(ws)?,
            HistoryStep::Redo => self.redo(ws)?,
        };
        taken.map(|_| ()).ok_or(EditError::NothingToReplay)
    }

    /// The last applied edit, as recorded (completed).
    pub fn last_done(&self) -> Option<&Edit> {
        self.done.last()
    }

    /// A copy keeping only the last `n` edits to undo and to redo (what is saved).
    ///
    /// A document added (pasted) is kept in the edits to undo by its id and place only: undoing
    /// it needs nothing more, and [`History::undo`] takes the document as it stands then (the
    /// edits after the paste are undone by that time) for redo. Saved in full, a pasted 1 MB
    /// article would be written again with every later edit.
    pub fn trimmed(&self, n: usize) -> History {
        let tail = |v: &[Edit]| v[v.len().saturating_sub(n)..].to_vec();
        let done = self.done[self.done.len().saturating_sub(n)..]
            .iter()
            .map(|edit| match edit {
                Edit::AddDocument { document, index } => Edit::AddDocument {
                    document: Box::new(Document::new(
                        document.id.clone(),
                        document.title.clone(),
                        String::new(),
                        document.added_at,
                    )),
                    index: *index,
                },
                other => other.clone(),
            })
            .collect();
        History {
            done,
            undone: tail(&self.undone),
        }
    }

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
        // A document added is redone as it stands now (the history may hold only its id).
        let edit = match edit {
            Edit::AddDocument { document, index } => Edit::AddDocument {
                document: Box::new(ws.document(&document.id).cloned().unwrap_or(*document)),
                index,
            },
            other => other,
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

/// Fills in what an edit needs to be undone exactly (a deleted span's position and relations, a
/// deleted document, every previous value) and checks what the user gave: an attribute value
/// against its type, a title not blank, a date as `YYYY-MM-DD`.
fn complete(ws: &Workspace, edit: Edit) -> Result<Edit, EditError> {
    let document = |doc: &DocumentId| {
        ws.document(doc)
            .ok_or_else(|| EditError::NoSuchDocument(doc.0.clone()))
    };
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
        Edit::SetAttribute {
            doc, id, name, to, ..
        } => {
            let (_, span, _) = find(&doc, id)?;
            if let Some(value) = &to {
                ws.labels
                    .attribute(&span.label, &name)
                    .ok_or_else(|| AttrError::Unknown {
                        label: span.label.clone(),
                        attr: name.clone(),
                    })?
                    .check(value)?;
            }
            Edit::SetAttribute {
                doc,
                id,
                from: span.attributes.get(&name).cloned(),
                name,
                to,
            }
        }
        Edit::MoveSpan { doc, id, to, .. } => {
            let (_, span, _) = find(&doc, id)?;
            Edit::MoveSpan {
                doc,
                id,
                from: (span.start, span.end),
                to,
            }
        }
        Edit::ChangeRelation { doc, to, .. } => {
            let from = document(&doc)?
                .relations
                .iter()
                .find(|r| r.id == to.id)
                .cloned()
                .ok_or(EditError::NoSuchRelation(to.id.0))?;
            Edit::ChangeRelation { doc, from, to }
        }
        Edit::DeleteRelation { doc, relation } => {
            let relation = document(&doc)?
                .relations
                .iter()
                .find(|r| r.id == relation.id)
                .cloned()
                .ok_or(EditError::NoSuchRelation(relation.id.0))?;
            Edit::DeleteRelation { doc, relation }
        }
        Edit::Rename { doc, to, .. } => {
            let to = to.trim().to_string();
            if to.is_empty() {
                return Err(EditError::BadField {
                    field: "title",
                    message: "a document needs a title".into(),
                });
            }
            let from = document(&doc)?.title.clone();
            Edit::Rename { doc, from, to }
        }
        Edit::SetDocField { doc, field, to, .. } => {
            let to = to.map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
            let to = match (field, to) {
                (DocField::Published, Some(date)) => Some(parse_iso_date(&date).map_err(
                    |message| EditError::BadField {
                        field: field.name(),
                        message,
                    },
                )?),
                (_, to) => to,
            };
            let from = field.get(document(&doc)?).clone();
            Edit::SetDocField {
                doc,
                field,
                from,
                to,
            }
        }
        Edit::SetStory { doc, to, .. } => {
            let to = to.map(|s| DocStory {
                id: s.id,
                name: s
                    .name
                    .map(|n| n.trim().to_string())
                    .filter(|n| !n.is_empty()),
            });
            let from = document(&doc)?.story.clone();
            Edit::SetStory { doc, from, to }
        }
        Edit::DeleteDocument { document: d, .. } => {
            let index = ws
                .documents
                .iter()
                .position(|x| x.id == d.id)
                .ok_or_else(|| EditError::NoSuchDocument(d.id.0.clone()))?;
            Edit::DeleteDocument {
                document: Box::new(ws.documents[index].clone()),
                index,
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

/// The edit that deletes document `doc` (undo restores it with its spans, in place).
pub fn delete_document_edit(ws: &Workspace, doc: &DocumentId) -> Result<Edit, EditError> {
    complete(
        ws,
        Edit::DeleteDocument {
            document: Box::new(Document::new(doc.clone(), "", "", 0)),
            index: 0,
        },
    )
}

/// The edit that moves one end of span `id` by `step` (a character or a word, either way), or
/// `None` when that end cannot move so (the span would be empty or leave the text).
pub fn move_boundary_edit(
    ws: &Workspace,
    doc: &DocumentId,
    id: SpanId,
    end: SpanEnd,
    step: Step,
) -> Result<Option<Edit>, EditError> {
    let d = ws
        .document(doc)
        .ok_or_else(|| EditError::NoSuchDocument(doc.0.clone()))?;
    let span = d.span(id).ok_or(SpanError::NoSuchSpan(id.0))?;
    let mut to = (span.start, span.end);
    let at = match end {
        SpanEnd::Start => &mut to.0,
        SpanEnd::End => &mut to.1,
    };
    *at = step_boundary(&d.text, *at, end, step);
    if to == (span.start, span.end) || d.check_range(to.0, to.1).is_err() {
        return Ok(None);
    }
    Ok(Some(Edit::MoveSpan {
        doc: doc.clone(),
        id,
        from: (span.start, span.end),
        to,
    }))
}

/// The edit that links span `from` to span `to` with the kind the label set preselects for their
/// labels (or `kind` when given), under the document's next relation id.
pub fn relation_edit(
    ws: &Workspace,
    doc: &DocumentId,
    from: SpanId,
    to: SpanId,
    kind: Option<&str>,
) -> Result<Edit, EditError> {
    let d = ws
        .document(doc)
        .ok_or_else(|| EditError::NoSuchDocument(doc.0.clone()))?;
    let label = |id: SpanId| {
        d.span(id)
            .map(|s| s.label.as_str())
            .ok_or(SpanError::NoSuchSpan(id.0))
    };
    let (from_label, to_label) = (label(from)?, label(to)?);
    let kind = match kind {
        Some(k) => k.to_string(),
        None => ws
            .labels
            .preselected_kind(from_label, to_label)
            .map_or_else(|| "related".to_string(), |k| k.name.clone()),
    };
    let relation = Relation {
        id: d.next_relation_id(),
        from,
        to,
        kind,
    };
    check_relation(d, &relation)?;
    Ok(Edit::CreateRelation {
        doc: doc.clone(),
        relation,
    })
}

/// The span of label `label` nearest before span `id` (the one ending last at or before its start;
/// of those, the one starting last), else the nearest after it (starting first at or after its
/// end); `None` when there is neither.
pub fn nearest_span(doc: &Document, id: SpanId, label: &str) -> Option<SpanId> {
    let at = doc.span(id)?;
    let candidates = || doc.spans.iter().filter(|s| s.id != id && s.label == label);
    candidates()
        .filter(|s| s.end <= at.start)
        .max_by_key(|s| (s.end, s.start))
        .or_else(|| {
            candidates()
                .filter(|s| s.start >= at.end)
                .min_by_key(|s| (s.start, s.end))
        })
        .map(|s| s.id)
}

/// The edit that links span `from` (a quote) to the nearest span of label `to_label` (a speaker;
/// see [`nearest_span`]) with the preselected kind; `Ok(None)` when there is no such span.
pub fn link_nearest_edit(
    ws: &Workspace,
    doc: &DocumentId,
    from: SpanId,
    to_label: &str,
) -> Result<Option<Edit>, EditError> {
    let d = ws
        .document(doc)
        .ok_or_else(|| EditError::NoSuchDocument(doc.0.clone()))?;
    if d.span(from).is_none() {
        return Err(SpanError::NoSuchSpan(from.0).into());
    }
    match nearest_span(d, from, to_label) {
        Some(to) => relation_edit(ws, doc, from, to, None).map(Some),
        None => Ok(None),
    }
}

/// The relation with this id in a document.
pub fn relation(doc: &Document, id: RelationId) -> Option<&Relation> {
    doc.relations.iter().find(|r| r.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "“We will not wait,” said Mayor Ana Ruiz. At least 646 homes flooded.";

    fn d() -> DocumentId {
        DocumentId("d".into())
    }

    /// A quote (1), its speaker (2) and a figure (3), the quote `said-by` the speaker.
    fn ws() -> Workspace {
        let mut doc = Document::new(d(), "Flood", TEXT, 0);
        doc.spans = vec![
            Span::new(SpanId(1), CharOffset(0), CharOffset(19), "quote"),
            Span::new(SpanId(2), CharOffset(25), CharOffset(39), "speaker"),
            Span::new(SpanId(3), CharOffset(41), CharOffset(54), "figure"),
        ];
        doc.relations = vec![Relation {
            id: RelationId(1),
            from: SpanId(1),
            to: SpanId(2),
            kind: "said-by".into(),
        }];
        let other = Document::new(DocumentId("e".into()), "Other", "Second article.", 1);
        Workspace {
            documents: vec![doc, other],
            labels: LabelSet::default(),
        }
    }

    /// Applies `edit`, then checks undo gives the workspace back and redo the edited one.
    fn apply_undo_redo(edit: Edit) -> Workspace {
        let (mut ws, mut h) = (ws(), History::default());
        h.apply(&mut ws, edit).unwrap();
        let after = ws.clone();
        assert_ne!(after, self::ws(), "the edit changed nothing");
        h.undo(&mut ws).unwrap();
        assert_eq!(ws, self::ws());
        h.redo(&mut ws).unwrap();
        assert_eq!(ws, after);
        after
    }

    fn set_attr(id: u64, name: &str, to: Option<AttrValue>) -> Edit {
        Edit::SetAttribute {
            doc: d(),
            id: SpanId(id),
            name: name.into(),
            from: None,
            to,
        }
    }

    #[test]
    fn attributes_are_set_cleared_and_undone() {
        let after = apply_undo_redo(set_attr(3, "value", Some(AttrValue::Number(646.0))));
        assert_eq!(
            after.documents[0].spans[2].attributes.get("value"),
            Some(&AttrValue::Number(646.0))
        );
        let (mut ws, mut h) = (after, History::default());
        h.apply(&mut ws, set_attr(3, "value", None)).unwrap();
        assert!(ws.documents[0].spans[2].attributes.is_empty());
        h.undo(&mut ws).unwrap();
        assert_eq!(
            ws.documents[0].spans[2].attributes.get("value"),
            Some(&AttrValue::Number(646.0))
        );
    }

    #[test]
    fn a_value_that_does_not_fit_is_refused_and_nothing_stored() {
        let (mut ws, mut h) = (ws(), History::default());
        let text = Some(AttrValue::Text("many".into()));
        let err = h.apply(&mut ws, set_attr(3, "value", text)).unwrap_err();
        assert_eq!(err.to_string(), "value: many is not a number value");
        let around = Some(AttrValue::Text("around".into()));
        assert!(h.apply(&mut ws, set_attr(3, "qualifier", around)).is_err());
        let unknown = h
            .apply(&mut ws, set_attr(2, "value", Some(AttrValue::Number(1.0))))
            .unwrap_err();
        assert_eq!(
            unknown.to_string(),
            "label \"speaker\" has no attribute \"value\""
        );
        assert_eq!(ws, self::ws());
        assert!(!h.can_undo());
    }

    #[test]
    fn a_boundary_moves_validated_and_undoes() {
        let moved = Edit::MoveSpan {
            doc: d(),
            id: SpanId(2),
            from: (CharOffset(0), CharOffset(0)),
            to: (CharOffset(31), CharOffset(39)),
        };
        let after = apply_undo_redo(moved);
        assert_eq!(
            after.documents[0].covered_text(&after.documents[0].spans[1]),
            "Ana Ruiz"
        );
        for to in [(31, 31), (40, 31), (31, 999)] {
            let (mut ws, mut h) = (ws(), History::default());
            let bad = Edit::MoveSpan {
                doc: d(),
                id: SpanId(2),
                from: (CharOffset(0), CharOffset(0)),
                to: (CharOffset(to.0), CharOffset(to.1)),
            };
            assert!(h.apply(&mut ws, bad).is_err(), "{to:?}");
            assert_eq!(ws, self::ws());
        }
    }

    #[test]
    fn boundary_steps_by_word_make_a_move_edit() {
        let ws = ws();
        // The speaker "Mayor Ana Ruiz" (25..39): its start a word on is "Ana".
        let edit = move_boundary_edit(&ws, &d(), SpanId(2), SpanEnd::Start, Step::WordForward)
            .unwrap()
            .unwrap();
        let Edit::MoveSpan { to, .. } = &edit else {
            panic!("{edit:?}")
        };
        assert_eq!(*to, (CharOffset(31), CharOffset(39)));
        // The end back a word drops "Ruiz".
        let edit = move_boundary_edit(&ws, &d(), SpanId(2), SpanEnd::End, Step::WordBack).unwrap();
        assert!(matches!(
            edit,
            Some(Edit::MoveSpan {
                to: (_, CharOffset(34)),
                ..
            })
        ));
        // A one-word span cannot lose its only word.
        let mut one = ws.clone();
        one.documents[0].spans[1].start = CharOffset(35);
        assert_eq!(
            move_boundary_edit(&one, &d(), SpanId(2), SpanEnd::End, Step::WordBack),
            Ok(None)
        );
    }

    #[test]
    fn relations_are_added_retargeted_deleted_and_undone() {
        let (mut w, mut h) = (ws(), History::default());
        let about = relation_edit(&w, &d(), SpanId(1), SpanId(3), Some("about")).unwrap();
        h.apply(&mut w, about).unwrap();
        assert_eq!(w.documents[0].relations.len(), 2);
        h.undo(&mut w).unwrap();
        assert_eq!(w, ws());

        let retarget = Edit::ChangeRelation {
            doc: d(),
            from: ws().documents[0].relations[0].clone(),
            to: Relation {
                to: SpanId(3),
                ..ws().documents[0].relations[0].clone()
            },
        };
        let after = apply_undo_redo(retarget);
        assert_eq!(after.documents[0].relations[0].to, SpanId(3));

        let deleted = apply_undo_redo(Edit::DeleteRelation {
            doc: d(),
            relation: Relation {
                kind: String::new(),
                ..ws().documents[0].relations[0].clone()
            },
        });
        assert!(deleted.documents[0].relations.is_empty());
    }

    #[test]
    fn relations_refuse_missing_spans_self_links_and_duplicate_ids() {
        let (mut w, mut h) = (ws(), History::default());
        let rel = |id, from, to| Edit::CreateRelation {
            doc: d(),
            relation: Relation {
                id: RelationId(id),
                from: SpanId(from),
                to: SpanId(to),
                kind: "about".into(),
            },
        };
        assert_eq!(
            h.apply(&mut w, rel(2, 1, 9)),
            Err(EditError::Span(SpanError::NoSuchSpan(9)))
        );
        assert_eq!(
            h.apply(&mut w, rel(2, 1, 1)),
            Err(EditError::SelfRelation(1))
        );
        assert_eq!(
            h.apply(&mut w, rel(1, 1, 3)),
            Err(EditError::DuplicateRelation(1))
        );
        assert_eq!(w, ws());
    }

    #[test]
    fn the_preselected_kind_is_said_by_for_a_quote_and_its_speaker() {
        let w = ws();
        let Edit::CreateRelation { relation, .. } =
            relation_edit(&w, &d(), SpanId(1), SpanId(2), None).unwrap()
        else {
            panic!()
        };
        assert_eq!(
            (relation.kind.as_str(), relation.id),
            ("said-by", RelationId(2))
        );
    }

    #[test]
    fn deleting_a_span_deletes_its_relations_and_undo_restores_them_in_place() {
        let mut w = ws();
        w.documents[0].relations.push(Relation {
            id: RelationId(2),
            from: SpanId(3),
            to: SpanId(1),
            kind: "about".into(),
        });
        let before = w.clone();
        let mut h = History::default();
        let span = w.documents[0].spans[0].clone();
        h.apply(
            &mut w,
            Edit::DeleteSpan {
                doc: d(),
                span,
                index: 0,
                relations: vec![],
            },
        )
        .unwrap();
        assert!(w.documents[0].relations.is_empty());
        h.undo(&mut w).unwrap();
        assert_eq!(w, before);
    }

    #[test]
    fn document_details_are_renamed_set_and_undone() {
        let renamed = apply_undo_redo(Edit::Rename {
            doc: d(),
            from: String::new(),
            to: "  Flood: homes lost ".into(),
        });
        assert_eq!(renamed.documents[0].title, "Flood: homes lost");
        for (field, value) in [
            (DocField::Source, "https://news.example/flood"),
            (DocField::Published, "2024-02-29"),
            (DocField::Byline, "By Lea Park"),
            (DocField::Annotator, "ana"),
        ] {
            let after = apply_undo_redo(Edit::SetDocField {
                doc: d(),
                field,
                from: None,
                to: Some(value.into()),
            });
            assert_eq!(field.get(&after.documents[0]).as_deref(), Some(value));
        }
    }

    #[test]
    fn a_documents_story_is_set_undone_and_saved_in_its_journal_step() {
        let story = |name: Option<&str>| {
            Some(DocStory {
                id: crate::link::StoryId("s2".into()),
                name: name.map(str::to_string),
            })
        };
        let set = |to| Edit::SetStory {
            doc: d(),
            from: None,
            to,
        };
        let after = apply_undo_redo(set(story(Some("  Flood  "))));
        assert_eq!(
            after.documents[0].story,
            story(Some("Flood")),
            "the name trimmed"
        );
        assert_eq!(after.documents[1].story, None);
        // A blank name is no name; the previous story is filled in, so undo restores it.
        let (mut w, mut h) = (after.clone(), History::default());
        h.apply(&mut w, set(story(Some(" ")))).unwrap();
        assert_eq!(w.documents[0].story, story(None));
        let step = HistoryStep::Apply(h.last_done().unwrap().clone());
        let json = serde_json::to_string(&step).unwrap();
        assert_eq!(serde_json::from_str::<HistoryStep>(&json).unwrap(), step);
        h.undo(&mut w).unwrap();
        assert_eq!(w, after);
        assert_eq!(set(None).ranges(&w), vec![]);
        assert_eq!(set(None).documents(), vec![&d()]);
    }

    #[test]
    fn bad_dates_and_blank_titles_are_refused() {
        let (mut w, mut h) = (ws(), History::default());
        for bad in ["2023-02-29", "5 March 2024", "2024-3-5", "2024-13-01"] {
            let err = h
                .apply(
                    &mut w,
                    Edit::SetDocField {
                        doc: d(),
                        field: DocField::Published,
                        from: None,
                        to: Some(bad.into()),
                    },
                )
                .unwrap_err();
            assert!(err.to_string().starts_with("publication date: "), "{err}");
        }
        let blank = Edit::Rename {
            doc: d(),
            from: String::new(),
            to: " ".into(),
        };
        assert!(h.apply(&mut w, blank).is_err());
        assert_eq!(w, ws());
    }

    #[test]
    fn a_blank_detail_clears_it() {
        let mut w = ws();
        w.documents[0].byline = Some("x".into());
        let mut h = History::default();
        let clear = Edit::SetDocField {
            doc: d(),
            field: DocField::Byline,
            from: None,
            to: Some("  ".into()),
        };
        h.apply(&mut w, clear).unwrap();
        assert_eq!(w.documents[0].byline, None);
    }

    #[test]
    fn a_failing_batch_leaves_the_workspace_as_it_was() {
        let third = Document::new(DocumentId("f".into()), "Third", "Third article.", 2);
        let mut ws = ws();
        ws.documents.push(third);
        let before = ws.clone();
        let good_span = Span::new(SpanId(9), CharOffset(0), CharOffset(5), "claim");
        let past_end = Span::new(SpanId(10), CharOffset(60), CharOffset(99), "claim");
        let batch = Edit::Batch(vec![
            Edit::CreateSpan {
                doc: d(),
                span: good_span,
            },
            Edit::DeleteDocument {
                document: Box::new(before.documents[1].clone()),
                index: 1,
            },
            Edit::AddDocument {
                document: Box::new(Document::new(DocumentId("g".into()), "New", "New.", 3)),
                index: 0,
            },
            Edit::SetLabels {
                from: before.labels.clone(),
                to: LabelSet {
                    labels: vec![],
                    ..before.labels.clone()
                },
            },
            Edit::CreateSpan {
                doc: d(),
                span: past_end,
            },
        ]);
        let err = batch.apply(&mut ws).unwrap_err();
        assert!(
            matches!(err, EditError::Span(SpanError::Range(_))),
            "{err:?}"
        );
        assert_eq!(ws, before, "documents, their order and the labels put back");
    }

    #[test]
    fn a_batch_checks_every_span_against_the_text_counted_once() {
        let mut ws = ws();
        let len = TEXT.chars().count();
        let spans = |from: u64| {
            (0..30u64)
                .map(|i| Edit::CreateSpan {
                    doc: d(),
                    span: Span::new(
                        SpanId(from + i),
                        CharOffset(i as usize),
                        CharOffset(len - i as usize),
                        "claim",
                    ),
                })
                .collect::<Vec<_>>()
        };
        Edit::Batch(spans(100)).apply(&mut ws).unwrap();
        assert_eq!(ws.documents[0].spans.len(), 33);
        let mut too_long = spans(200);
        too_long.push(Edit::CreateSpan {
            doc: d(),
            span: Span::new(SpanId(300), CharOffset(0), CharOffset(len + 1), "claim"),
        });
        assert!(Edit::Batch(too_long).apply(&mut ws).is_err());
        assert_eq!(ws.documents[0].spans.len(), 33);
    }

    #[test]
    fn a_batch_applies_as_its_edits_one_by_one() {
        let span = |id: u64, start: usize| {
            Span::new(
                SpanId(id),
                CharOffset(start),
                CharOffset(start + 3),
                "claim",
            )
        };
        let relation = |id: u64, from: u64, to: u64| Relation {
            id: RelationId(id),
            from: SpanId(from),
            to: SpanId(to),
            kind: "said-by".into(),
        };
        let create = |s: Span| Edit::CreateSpan { doc: d(), span: s };
        let link = |r: Relation| Edit::CreateRelation {
            doc: d(),
            relation: r,
        };
        let mut start = ws();
        // Relations out of id order: new ones go at the end until the list is sorted again.
        start.documents[0].relations.push(relation(7, 3, 1));
        start.documents[0].relations.push(relation(5, 3, 2));
        let edits = vec![
            create(span(10, 2)),
            create(span(11, 8)),
            link(relation(6, 10, 11)),
            Edit::DeleteSpan {
                doc: d(),
                span: span(3, 41),
                index: usize::MAX,
                relations: vec![],
            },
            link(relation(2, 11, 10)),
            Edit::DeleteRelation {
                doc: d(),
                relation: relation(6, 10, 11),
            },
            link(relation(4, 1, 10)),
            Edit::MoveSpan {
                doc: d(),
                id: SpanId(10),
                from: (CharOffset(2), CharOffset(5)),
                to: (CharOffset(1), CharOffset(6)),
            },
        ];
        let mut one_by_one = start.clone();
        for e in &edits {
            e.apply(&mut one_by_one).unwrap();
        }
        let mut batched = start.clone();
        Edit::Batch(edits.clone()).apply(&mut batched).unwrap();
        assert_eq!(batched, one_by_one);
        let ids: Vec<u64> = batched.documents[0]
            .relations
            .iter()
            .map(|r| r.id.0)
            .collect();
        assert_eq!(ids, [1, 2, 4]);
        let each: Vec<_> = edits.iter().flat_map(|e| e.ranges(&batched)).collect();
        assert_eq!(Edit::Batch(edits.clone()).ranges(&batched), each);
        assert!(each.len() > edits.len(), "relations name both ends");
        // A duplicate span or relation id is refused inside a batch as outside.
        for dup in [create(span(10, 20)), link(relation(1, 11, 10))] {
            let mut ws = batched.clone();
            assert!(Edit::Batch(vec![dup]).apply(&mut ws).is_err());
            assert_eq!(ws, batched);
        }
    }

    #[test]
    fn a_deleted_document_comes_back_in_place_with_its_spans() {
        let w = ws();
        let edit = delete_document_edit(&w, &d()).unwrap();
        let after = apply_undo_redo(edit);
        assert_eq!(after.documents.len(), 1);
        assert_eq!(after.documents[0].id.0, "e");
        assert!(delete_document_edit(&w, &DocumentId("zz".into())).is_err());
    }

    #[test]
    fn edits_name_the_ranges_they_touch() {
        let w = ws();
        let moved = Edit::MoveSpan {
            doc: d(),
            id: SpanId(2),
            from: (CharOffset(25), CharOffset(39)),
            to: (CharOffset(31), CharOffset(40)),
        };
        assert_eq!(moved.ranges(&w), [(d(), 25..40)]);
        assert_eq!(set_attr(3, "value", None).ranges(&w), [(d(), 41..54)]);
        let link = relation_edit(&w, &d(), SpanId(1), SpanId(3), None).unwrap();
        assert_eq!(link.ranges(&w), [(d(), 0..19), (d(), 41..54)]);
        let rename = Edit::Rename {
            doc: d(),
            from: String::new(),
            to: "x".into(),
        };
        assert!(rename.ranges(&w).is_empty() && !rename.touches_labels());
        let labels = Edit::Batch(vec![
            rename,
            Edit::SetLabels {
                from: LabelSet::default(),
                to: LabelSet::default(),
            },
        ]);
        assert!(labels.touches_labels());
    }

    #[test]
    fn a_quote_links_to_the_nearest_speaker_before_it_else_after() {
        let mut w = ws();
        w.documents[0].relations.clear();
        // Only speaker: after the quote.
        assert_eq!(
            nearest_span(&w.documents[0], SpanId(1), "speaker"),
            Some(SpanId(2))
        );
        w.documents[0].spans.push(Span::new(
            SpanId(4),
            CharOffset(55),
            CharOffset(60),
            "speaker",
        ));
        w.documents[0].spans.push(Span::new(
            SpanId(5),
            CharOffset(60),
            CharOffset(66),
            "quote",
        ));
        w.documents[0].spans.push(Span::new(
            SpanId(6),
            CharOffset(40),
            CharOffset(44),
            "speaker",
        ));
        // Quote 5 (60..66): speakers 2 (25..39), 6 (40..44) and 4 (55..60) are before; 4 is nearest.
        assert_eq!(
            nearest_span(&w.documents[0], SpanId(5), "speaker"),
            Some(SpanId(4))
        );
        let edit = link_nearest_edit(&w, &d(), SpanId(5), "speaker")
            .unwrap()
            .unwrap();
        let Edit::CreateRelation { relation, .. } = &edit else {
            panic!()
        };
        assert_eq!(
            (relation.from, relation.to, relation.kind.as_str()),
            (SpanId(5), SpanId(4), "said-by")
        );
        assert_eq!(link_nearest_edit(&w, &d(), SpanId(5), "nobody"), Ok(None));
    }

    #[test]
    fn steps_replay_onto_a_saved_copy_and_history_round_trips() {
        let mut ws = Workspace::default();
        ws.documents.push(Document::new(
            DocumentId("d".into()),
            "t",
            "Ruiz said “go” today.",
            0,
        ));
        let saved_ws = ws.clone();
        let mut history = History::default();
        let saved_history = history.clone();
        let doc = DocumentId("d".into());
        let mut steps = vec![];
        for (id, (s, e)) in [(1, (0, 4)), (2, (10, 14))] {
            let span = Span::new(SpanId(id), CharOffset(s), CharOffset(e), "quote");
            history
                .apply(
                    &mut ws,
                    Edit::CreateSpan {
                        doc: doc.clone(),
                        span,
                    },
                )
                .unwrap();
            steps.push(HistoryStep::Apply(history.last_done().unwrap().clone()));
        }
        history.undo(&mut ws).unwrap();
        steps.push(HistoryStep::Undo);
        // The journal's steps, taken again on the saved copy, give the same workspace and history.
        let (mut again_ws, mut again) = (saved_ws, saved_history);
        for step in steps {
            let json = serde_json::to_string(&step).unwrap();
            again
                .replay(&mut again_ws, serde_json::from_str(&json).unwrap())
                .unwrap();
        }
        assert_eq!(again_ws, ws);
        assert_eq!(again, history);
        let json = serde_json::to_string(&history.trimmed(1)).unwrap();
        let back: History = serde_json::from_str(&json).unwrap();
        assert!(back.can_undo() && back.can_redo());
        assert_eq!(
            History::default().replay(&mut ws, HistoryStep::Redo),
            Err(EditError::NothingToReplay)
        );
    }

    #[test]
    fn a_pasted_document_is_saved_by_id_yet_undone_and_redone_whole() {
        let mut ws = Workspace::default();
        let mut history = History::default();
        let text = "A pasted article. ".repeat(1000);
        let doc = Document::new(DocumentId("p".into()), "Pasted", text.clone(), 7);
        history
            .apply(
                &mut ws,
                Edit::AddDocument {
                    document: Box::new(doc),
                    index: 0,
                },
            )
            .unwrap();
        let span = Span::new(SpanId(1), CharOffset(0), CharOffset(8), "claim");
        history
            .apply(
                &mut ws,
                Edit::CreateSpan {
                    doc: DocumentId("p".into()),
                    span,
                },
            )
            .unwrap();
        let json = serde_json::to_string(&history.trimmed(200)).unwrap();
        assert!(
            json.len() < 1000,
            "the pasted text is not saved again: {json}"
        );
        let mut restored: History = serde_json::from_str(&json).unwrap();
        restored.undo(&mut ws).unwrap();
        restored.undo(&mut ws).unwrap();
        assert!(ws.documents.is_empty());
        restored.redo(&mut ws).unwrap();
        restored.redo(&mut ws).unwrap();
        let back = &ws.documents[0];
        assert_eq!((back.text.as_str(), back.spans.len()), (text.as_str(), 1));
    }
}
