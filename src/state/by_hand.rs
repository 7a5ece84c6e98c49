//! Annotations made and corrected by hand: relations drawn from span to span, typed attributes,
//! span boundaries moved, and documents renamed, described and deleted. Each action is one core
//! `Edit` through `Documents::apply`, so each is undoable and saved like any other.

use leptos::prelude::*;
use spanmark_core::history::{
    delete_document_edit, link_nearest_edit, move_boundary_edit, relation, relation_edit, SpanEnd,
    Step,
};
use spanmark_core::model::parse_iso_date;
use spanmark_core::records::Dirty;
use spanmark_core::{CharOffset, DocField, DocumentId, Edit, Relation, RelationId, SpanId};

use super::documents::Documents;

/// A relation being drawn: the next span picked becomes its target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Linking {
    /// The span it starts from.
    pub from: SpanId,
    /// The relation whose target is being changed, when retargeting one.
    pub retarget: Option<RelationId>,
    /// The kind chosen; `None` takes the one the label set preselects for the two labels.
    pub kind: Option<String>,
}

/// The label whose spans a quote is linked to by [`Documents::link_nearest`].
pub const SPEAKER: &str = "speaker";

/// Document details a pasted article arrives with.
#[derive(Debug, Clone, Default)]
pub struct PastedDetails {
    /// Where it came from.
    pub source: String,
    /// Its publication date, `YYYY-MM-DD` (blank: unknown).
    pub published: String,
    /// Who wrote it.
    pub byline: String,
}

impl Documents {
    fn open_doc(&self) -> Option<DocumentId> {
        self.current.get_untracked()
    }

    /// Starts a relation from the selected span.
    pub fn start_link(&self) {
        let Some(from) = self.selected.get_untracked() else {
            self.screen
                .notify("Select a span first (click it, or n / p), then press r to link it.");
            return;
        };
        // The link bar (`ui::by_hand::link_bar`) says what to do next.
        self.linking.set(Some(Linking {
            from,
            retarget: None,
            kind: None,
        }));
    }

    /// Starts changing the target of `relation`: the next span picked becomes its target.
    pub fn start_retarget(&self, relation: &Relation) {
        self.linking.set(Some(Linking {
            from: relation.from,
            retarget: Some(relation.id),
            kind: Some(relation.kind.clone()),
        }));
        self.select_span(Some(relation.to));
    }

    /// Stops drawing a relation.
    pub fn cancel_link(&self) {
        if self.linking.get_untracked().is_some() {
            self.linking.set(None);
        }
    }

    /// Whether a relation is being drawn.
    pub fn is_linking(&self) -> bool {
        self.linking.with_untracked(Option::is_some)
    }

    /// Ends the relation being drawn at span `to` (a span cannot point at itself: drawing goes on).
    pub fn finish_link(&self, to: SpanId) {
        let (Some(linking), Some(doc)) = (self.linking.get_untracked(), self.open_doc()) else {
            return;
        };
        if to == linking.from {
            self.screen
                .notify("A span cannot point at itself: pick another span (Escape cancels).");
            return;
        }
        let edit = self.ws.with_untracked(|ws| match linking.retarget {
            Some(id) => ws
                .document(&doc)
                .and_then(|d| relation(d, id))
                .map(|r| Edit::ChangeRelation {
                    doc: doc.clone(),
                    from: r.clone(),
                    to: Relation {
                        to,
                        kind: linking.kind.clone().unwrap_or_else(|| r.kind.clone()),
                        ..r.clone()
                    },
                })
                .ok_or_else(|| "the relation is gone".to_string()),
            None => relation_edit(ws, &doc, linking.from, to, linking.kind.as_deref())
                .map_err(|e| e.to_string()),
        });
        self.linking.set(None);
        match edit {
            Ok(edit) => {
                if self.apply(edit) {
                    self.select_span(Some(linking.from));
                }
            }
            Err(e) => self.screen.fail(format!("Not linked: {e}.")),
        }
    }

    /// Links the selected span (a quote) to the nearest speaker span before it (else after it).
    pub fn link_nearest(&self) {
        let (Some(doc), Some(from)) = (self.open_doc(), self.selected.get_untracked()) else {
            self.screen
                .notify("Select a quote first, then press w to link it to its speaker.");
            return;
        };
        let edit = self
            .ws
            .with_untracked(|ws| link_nearest_edit(ws, &doc, from, SPEAKER));
        match edit {
            Ok(Some(edit)) => {
                self.apply(edit);
            }
            Ok(None) => self.screen.notify(
                "No speaker in this document yet: select the speaker's name and press 4 first.",
            ),
            Err(e) => self.screen.fail(format!("Not linked: {e}.")),
        }
    }

    /// Deletes relation `id` of the open document.
    pub fn delete_relation(&self, id: RelationId) {
        let Some(doc) = self.open_doc() else { return };
        let found = self
            .ws
            .with_untracked(|ws| ws.document(&doc).and_then(|d| relation(d, id)).cloned());
        if let Some(relation) = found {
            self.apply(Edit::DeleteRelation { doc, relation });
        }
    }

    /// Stores what the user typed for attribute `name` of span `id`; a value that does not fit
    /// its type is refused (nothing stored) with a message saying what it must look like.
    pub fn set_attribute(&self, id: SpanId, name: &str, input: &str) -> Result<(), String> {
        let Some(doc) = self.open_doc() else {
            return Ok(());
        };
        let parsed = self.ws.with_untracked(|ws| {
            let span = ws
                .document(&doc)
                .and_then(|d| d.span(id))
                .ok_or("the span is gone")?;
            let value = ws
                .labels
                .parse_attribute(&span.label, name, input)
                .map_err(|e| e.to_string())?;
            Ok::<_, String>((span.attributes.get(name).cloned(), value))
        })?;
        let (from, to) = parsed;
        if from == to {
            return Ok(());
        }
        let edit = Edit::SetAttribute {
            doc,
            id,
            name: name.to_string(),
            from,
            to,
        };
        if self.apply(edit) {
            Ok(())
        } else {
            Err("not stored".into())
        }
    }

    /// Moves one end of the selected span by `step`.
    pub fn move_boundary(&self, end: SpanEnd, step: Step) {
        let (Some(doc), Some(id)) = (self.open_doc(), self.selected.get_untracked()) else {
            self.screen
                .notify("Select a span first, then move its start or end with Alt+Shift+arrows.");
            return;
        };
        match self
            .ws
            .with_untracked(|ws| move_boundary_edit(ws, &doc, id, end, step))
        {
            Ok(Some(edit)) => {
                self.apply(edit);
            }
            Ok(None) => self
                .screen
                .notify("That end cannot move further: a span keeps at least one character."),
            Err(e) => self.screen.fail(format!("Not moved: {e}.")),
        }
    }

    /// Moves span `id` to `start..end` (a handle dragged).
    pub fn move_span(&self, id: SpanId, start: usize, end: usize) {
        let Some(doc) = self.open_doc() else { return };
        let from = self.ws.with_untracked(|ws| {
            ws.document(&doc)
                .and_then(|d| d.span(id))
                .map(|s| (s.start, s.end))
        });
        let Some(from) = from else { return };
        let to = (CharOffset(start), CharOffset(end));
        if to == from {
            return;
        }
        if start >= end {
            self.screen
                .notify("Not moved: a span keeps at least one character.");
            return;
        }
        self.apply(Edit::MoveSpan { doc, id, from, to });
    }

    /// Renames document `doc` (a blank title is refused).
    pub fn rename_document(&self, doc: DocumentId, title: &str) -> bool {
        let same = self
            .ws
            .with_untracked(|ws| ws.document(&doc).is_some_and(|d| d.title == title.trim()));
        same || self.apply(Edit::Rename {
            doc,
            from: String::new(),
            to: title.to_string(),
        })
    }

    /// Sets or clears (blank) a detail of document `doc`; a malformed date is refused.
    pub fn set_doc_field(&self, doc: DocumentId, field: DocField, value: &str) -> bool {
        let value = value.trim();
        let same = self.ws.with_untracked(|ws| {
            ws.document(&doc)
                .is_some_and(|d| field.get(d).as_deref().unwrap_or("") == value)
        });
        same || self.apply(Edit::SetDocField {
            doc,
            field,
            from: None,
            to: (!value.is_empty()).then(|| value.to_string()),
        })
    }

    /// Deletes document `doc` with its spans (undo brings it back).
    pub fn delete_document(&self, doc: DocumentId) {
        let edit = self.ws.with_untracked(|ws| delete_document_edit(ws, &doc));
        let edit = match edit {
            Ok(edit) => edit,
            Err(e) => return self.screen.fail(format!("Not deleted: {e}.")),
        };
        let title = match &edit {
            Edit::DeleteDocument { document, .. } => document.title.clone(),
            _ => String::new(),
        };
        if self.current.get_untracked().as_ref() == Some(&doc) {
            self.linking.set(None);
            self.selected.set(None);
            self.current.set(None);
        }
        if self.apply(edit) {
            self.screen.notify(format!(
                "Deleted “{title}”. Undo (Ctrl+Z) brings it back with its spans."
            ));
        }
    }

    /// Adds a pasted article with its details and opens it; a malformed date adds nothing.
    pub fn add_pasted_with(
        &self,
        title: &str,
        text: &str,
        details: &PastedDetails,
    ) -> Result<(), String> {
        let published = match details.published.trim() {
            "" => None,
            date => Some(parse_iso_date(date).map_err(|e| format!("Publication date: {e}."))?),
        };
        self.add_pasted(title, text)?;
        let Some(id) = self.open_doc() else {
            return Ok(());
        };
        let filled = |v: &str| Some(v.trim().to_string()).filter(|v| !v.is_empty());
        self.ws.update(|ws| {
            if let Some(d) = ws.document_mut(&id) {
                d.source = filled(&details.source);
                d.published = published;
                d.byline = filled(&details.byline);
            }
        });
        self.mark_unsaved(Dirty {
            texts: [id].into(),
            ..Dirty::default()
        });
        Ok(())
    }
}
