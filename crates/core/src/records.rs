//! The records the app saves a workspace as (in IndexedDB), built and read here without any
//! browser code, so their shape is tested natively.
//!
//! Three stores keyed by document id or name:
//! - `texts`: a document's text and details (title, source), written when it is added or renamed;
//! - `annotations`: its spans, relations, rejections, done mark and story (the user's, if any),
//!   rewritten when they change;
//! - `meta`: key `workspace` → document order, label set, open document, record version; key
//!   `summary` → the document list's summary, read first at start-up; key `history` → the undo
//!   and redo stacks (bounded);
//! - `journal`: every step through the history (`HistoryStep`), written the moment it is taken, by
//!   a time-ordered key; folded into the records above when the page is idle (and the folded
//!   entries deleted in the same transaction). Start-up takes the steps left in it again.
//!
//! An edit therefore writes one tiny journal entry at once and later one small record, never the
//! whole workspace.

use std::collections::{BTreeSet, HashMap};

use serde::{Deserialize, Serialize};

use crate::history::{Edit, History, HistoryStep};
use crate::model::{
    DocStory, Document, DocumentId, LabelSet, Rejection, Relation, Span, Workspace,
};

/// The version of the records' shape; bump it and migrate in the reader when it changes.
pub const RECORD_VERSION: u32 = 1;
/// The meta store's key for the workspace record.
pub const META_KEY: &str = "workspace";
/// The meta store's key for the document list's summary.
pub const SUMMARY_KEY: &str = "summary";
/// The meta store's key for the undo history.
pub const HISTORY_KEY: &str = "history";
/// How many edits to undo (and to redo) are kept across a reload.
pub const HISTORY_KEPT: usize = 200;

/// An object store of the saved workspace.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Store {
    /// Texts and document details, by document id.
    Texts,
    /// Annotations, by document id.
    Annotations,
    /// The workspace record, the summary and the history, by key.
    Meta,
    /// Steps not folded into the records yet, by time-ordered key.
    Journal,
}

impl Store {
    /// Every store, in the order they are created.
    pub const ALL: [Store; 4] = [
        Store::Texts,
        Store::Annotations,
        Store::Meta,
        Store::Journal,
    ];

    /// The store's name in the database.
    pub fn name(self) -> &'static str {
        match self {
            Store::Texts => "texts",
            Store::Annotations => "annotations",
            Store::Meta => "meta",
            Store::Journal => "journal",
        }
    }
}

/// A document's text and details.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextRecord {
    /// The document's id.
    pub id: DocumentId,
    /// Its title.
    pub title: String,
    /// Where it came from.
    pub source: Option<String>,
    /// Publication date, `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    /// Byline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub byline: Option<String>,
    /// Who annotated it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub annotator: Option<String>,
    /// When it was added (ms since the epoch).
    pub added_at: u64,
    /// Whether CR/CRLF were normalised when it arrived.
    pub line_endings_normalised: bool,
    /// The text.
    pub text: String,
}

/// A document's annotations.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnnotationRecord {
    /// The document's id.
    pub id: DocumentId,
    /// Its spans.
    pub spans: Vec<Span>,
    /// Its relations.
    pub relations: Vec<Relation>,
    /// Suggestions rejected in it.
    #[serde(default)]
    pub rejected: Vec<Rejection>,
    /// Whether it is marked done.
    #[serde(default)]
    pub done: bool,
    /// The story the user put it in (left out when none; records saved before stories were kept
    /// have none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub story: Option<DocStory>,
}

/// The workspace record: order, labels, open document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MetaRecord {
    /// The records' shape version.
    pub version: u32,
    /// Document ids in list order.
    pub order: Vec<DocumentId>,
    /// The label set.
    pub labels: LabelSet,
    /// The document open when it was saved.
    pub open: Option<DocumentId>,
}

/// One line of the document list, saved in its own record so that the list can show before
/// every document has been read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocSummary {
    /// The document's id.
    pub id: DocumentId,
    /// Its title.
    pub title: String,
    /// How many spans it has.
    pub spans: usize,
    /// Spans per label name, in first-use order.
    pub per_label: Vec<(String, usize)>,
    /// Whether it is marked done.
    pub done: bool,
}

impl DocSummary {
    /// The summary of `doc`.
    pub fn of(doc: &Document) -> Self {
        let mut per_label: Vec<(String, usize)> = vec![];
        for span in &doc.spans {
            match per_label.iter_mut().find(|(l, _)| *l == span.label) {
                Some((_, n)) => *n += 1,
                None => per_label.push((span.label.clone(), 1)),
            }
        }
        DocSummary {
            id: doc.id.clone(),
            title: doc.title.clone(),
            spans: doc.spans.len(),
            per_label,
            done: doc.done,
        }
    }
}

/// The document list's summary record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SummaryRecord {
    /// The records' shape version.
    pub version: u32,
    /// Every document's summary, in list order.
    pub documents: Vec<DocSummary>,
}

/// What changed since the last save.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Dirty {
    /// The document order, label set or open document.
    pub meta: bool,
    /// Documents added or whose details changed (their text record must be written).
    pub texts: BTreeSet<DocumentId>,
    /// Documents whose annotations changed.
    pub annotations: BTreeSet<DocumentId>,
    /// Documents removed.
    pub removed: BTreeSet<DocumentId>,
}

impl Dirty {
    /// Whether there is nothing to save.
    pub fn is_empty(&self) -> bool {
        !self.meta
            && self.texts.is_empty()
            && self.annotations.is_empty()
            && self.removed.is_empty()
    }

    /// What an applied (or undone) edit leaves to save.
    pub fn of_edit(edit: &Edit) -> Dirty {
        let mut dirty = Dirty::default();
        dirty.add_edit(edit);
        dirty
    }

    fn add_edit(&mut self, edit: &Edit) {
        match edit {
            Edit::SetLabels { .. } => self.meta = true,
            Edit::Rename { doc, .. } | Edit::SetDocField { doc, .. } => {
                self.texts.insert(doc.clone());
            }
            Edit::DeleteDocument { document, .. } => {
                self.meta = true;
                self.texts.remove(&document.id);
                self.annotations.remove(&document.id);
                self.removed.insert(document.id.clone());
            }
            Edit::AddDocument { document, .. } => {
                self.meta = true;
                self.removed.remove(&document.id);
                self.texts.insert(document.id.clone());
            }
            Edit::Batch(edits) => edits.iter().for_each(|e| self.add_edit(e)),
            other => self
                .annotations
                .extend(other.documents().into_iter().cloned()),
        }
    }

    /// Adds changes made after these: a document removed then added back is written, not
    /// deleted, and one added then removed is deleted, not written.
    pub fn merge(&mut self, other: Dirty) {
        for id in other.texts.iter().chain(&other.annotations) {
            self.removed.remove(id);
        }
        for id in &other.removed {
            self.texts.remove(id);
            self.annotations.remove(id);
        }
        self.meta |= other.meta;
        self.texts.extend(other.texts);
        self.annotations.extend(other.annotations);
        self.removed.extend(other.removed);
    }
}

/// Serialised records ready to write in one transaction (taken synchronously, so later edits
/// cannot tear them).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Batch {
    /// (store, key, JSON) to put.
    pub puts: Vec<(Store, String, String)>,
    /// (store, key) to delete.
    pub deletes: Vec<(Store, String)>,
}

fn json<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).expect("records are plain data")
}

/// The text record of `doc`.
pub fn text_record(doc: &Document) -> TextRecord {
    TextRecord {
        id: doc.id.clone(),
        title: doc.title.clone(),
        source: doc.source.clone(),
        published: doc.published.clone(),
        byline: doc.byline.clone(),
        annotator: doc.annotator.clone(),
        added_at: doc.added_at,
        line_endings_normalised: doc.line_endings_normalised,
        text: doc.text.clone(),
    }
}

/// The annotation record of `doc`.
pub fn annotation_record(doc: &Document) -> AnnotationRecord {
    AnnotationRecord {
        id: doc.id.clone(),
        spans: doc.spans.clone(),
        relations: doc.relations.clone(),
        rejected: doc.rejected.clone(),
        done: doc.done,
        story: doc.story.clone(),
    }
}

/// Serialises what `dirty` names from `ws`.
pub fn prepare(ws: &Workspace, open: Option<&DocumentId>, dirty: &Dirty) -> Batch {
    let mut batch = Batch::default();
    // An import dirties a thousand documents at once: find them by id in one pass.
    let by_id: HashMap<&DocumentId, &Document> = ws.documents.iter().map(|d| (&d.id, d)).collect();
    let document = |id: &DocumentId| by_id.get(id).copied();
    for d in dirty.texts.iter().filter_map(document) {
        batch
            .puts
            .push((Store::Texts, d.id.0.clone(), json(&text_record(d))));
    }
    let annotated: BTreeSet<&DocumentId> = dirty.annotations.iter().chain(&dirty.texts).collect();
    for d in annotated.into_iter().filter_map(document) {
        batch.puts.push((
            Store::Annotations,
            d.id.0.clone(),
            json(&annotation_record(d)),
        ));
    }
    for id in &dirty.removed {
        if document(id).is_none() {
            batch.deletes.push((Store::Texts, id.0.clone()));
            batch.deletes.push((Store::Annotations, id.0.clone()));
        }
    }
    if dirty.meta || !dirty.texts.is_empty() || !dirty.removed.is_empty() {
        let rec = MetaRecord {
            version: RECORD_VERSION,
            order: ws.documents.iter().map(|d| d.id.clone()).collect(),
            labels: ws.labels.clone(),
            open: open.cloned(),
        };
        batch.puts.push((Store::Meta, META_KEY.into(), json(&rec)));
    }
    // Every change to a document or to the order changes the list: keep its summary current.
    if !batch.puts.is_empty() || !batch.deletes.is_empty() {
        let rec = SummaryRecord {
            version: RECORD_VERSION,
            documents: ws.documents.iter().map(DocSummary::of).collect(),
        };
        batch
            .puts
            .push((Store::Meta, SUMMARY_KEY.into(), json(&rec)));
    }
    batch
}

/// Reads the workspace record; refuses one saved by a newer version.
pub fn parse_meta(json: &str) -> Result<MetaRecord, String> {
    let meta: MetaRecord = serde_json::from_str(json)
        .map_err(|e| format!("the saved workspace is unreadable: {e}"))?;
    if meta.version > RECORD_VERSION {
        return Err(format!(
            "this workspace was saved by a newer Spanmark (record version {}); update the app",
            meta.version
        ));
    }
    Ok(meta)
}

/// Reads the summary record; `None` when it is unreadable or of another version (it is only a
/// shortcut: the full load rebuilds it).
pub fn parse_summary(json: &str) -> Option<SummaryRecord> {
    serde_json::from_str::<SummaryRecord>(json)
        .ok()
        .filter(|s| s.version == RECORD_VERSION)
}

/// Reads a text record into a document without annotations. `key` names the record in errors.
pub fn parse_text(key: &str, json: &str) -> Result<Document, String> {
    let t: TextRecord = serde_json::from_str(json)
        .map_err(|e| format!("the saved text of document {key:?} is unreadable: {e}"))?;
    let mut doc = Document::new(t.id, t.title, t.text, t.added_at);
    doc.source = t.source;
    doc.published = t.published;
    doc.byline = t.byline;
    doc.annotator = t.annotator;
    doc.line_endings_normalised = t.line_endings_normalised;
    Ok(doc)
}

/// Reads an annotation record. `key` names the record in errors.
pub fn parse_annotations(key: &str, json: &str) -> Result<AnnotationRecord, String> {
    serde_json::from_str(json)
        .map_err(|e| format!("the saved annotations of document {key:?} are unreadable: {e}"))
}

impl AnnotationRecord {
    /// Puts these annotations on `doc`.
    pub fn apply_to(self, doc: &mut Document) {
        doc.spans = self.spans;
        doc.relations = self.relations;
        doc.rejected = self.rejected;
        doc.done = self.done;
        doc.story = self.story;
    }
}

/// One journal entry: a step and the tab that took it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JournalEntry {
    /// The tab that took the step (each tab names itself at start).
    pub tab: String,
    /// The step.
    pub step: HistoryStep,
}

/// A journal key: milliseconds since the epoch and a per-tab counter, zero-padded so that keys
/// sort in the order the steps were taken.
pub fn journal_key(now_ms: u64, counter: u64) -> String {
    format!("{now_ms:015}-{counter:09}")
}

/// The journal entry's JSON.
pub fn journal_json(entry: &JournalEntry) -> String {
    json(entry)
}

/// The history record's JSON (the last [`HISTORY_KEPT`] edits each way).
pub fn history_json(history: &History) -> String {
    json(&history.trimmed(HISTORY_KEPT))
}

/// Reads the history record; an unreadable one gives an empty history (only undo is lost).
pub fn parse_history(json: &str) -> History {
    serde_json::from_str(json).unwrap_or_default()
}

/// What taking the journal's steps again did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Replayed {
    /// Steps taken.
    pub taken: usize,
    /// Steps that could not be taken (unreadable, or refused by the workspace), with why.
    pub skipped: Vec<String>,
    /// What the steps changed, to fold into the records.
    pub dirty: Dirty,
}

/// Takes the journal's steps (`(key, JSON)` in key order) again on the saved workspace and history.
pub fn replay_journal(
    ws: &mut Workspace,
    history: &mut History,
    entries: &[(String, String)],
) -> Replayed {
    let mut out = Replayed::default();
    for (key, json) in entries {
        let entry: JournalEntry = match serde_json::from_str(json) {
            Ok(e) => e,
            Err(e) => {
                out.skipped.push(format!("journal entry {key}: {e}"));
                continue;
            }
        };
        let touched = match &entry.step {
            HistoryStep::Apply(edit) => Some(edit.clone()),
            // What an undo changes is the inverse of the edit it undoes.
            HistoryStep::Undo => history.last_done().map(Edit::inverse),
            HistoryStep::Redo => None,
        };
        match history.replay(ws, entry.step) {
            Ok(()) => {
                out.taken += 1;
                let edit = touched.or_else(|| history.last_done().cloned());
                if let Some(edit) = edit {
                    out.dirty.merge(Dirty::of_edit(&edit));
                }
            }
            Err(e) => out.skipped.push(format!("journal entry {key}: {e}")),
        }
    }
    out
}

/// Puts saved documents in the saved order; any missing from the order go last, oldest first.
pub fn in_saved_order(docs: &mut [Document], order: &[DocumentId]) {
    let position: HashMap<&DocumentId, usize> =
        order.iter().enumerate().map(|(i, id)| (id, i)).collect();
    docs.sort_by_cached_key(|d| {
        (
            position.get(&d.id).copied().unwrap_or(usize::MAX),
            d.added_at,
        )
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Rejection, RelationId, SpanId};
    use crate::offsets::CharOffset;

    fn sample() -> Document {
        let mut d = Document::from_paste(
            DocumentId("doc-1".into()),
            "Flood «update» 🌊",
            "Officials said \u{201c}40 homes\u{201d} flooded.\r\nروز دوم",
            42,
        );
        d.source = Some("https://news.example/flood".into());
        d.published = Some("2026-03-02".into());
        d.byline = Some("Lena Okafor".into());
        d.spans = vec![
            Span {
                id: SpanId(1),
                start: CharOffset(0),
                end: CharOffset(9),
                label: "speaker".into(),
                note: "the council".into(),
                attributes: Default::default(),
            },
            Span {
                id: SpanId(2),
                start: CharOffset(15),
                end: CharOffset(25),
                label: "quote".into(),
                note: String::new(),
                attributes: Default::default(),
            },
        ];
        d.relations = vec![Relation {
            id: RelationId(1),
            from: SpanId(2),
            to: SpanId(1),
            kind: "said-by".into(),
        }];
        d.rejected = vec![Rejection {
            start: CharOffset(15),
            end: CharOffset(17),
            label: "figure".into(),
        }];
        d.done = true;
        d.spans[0]
            .attributes
            .insert("count".into(), crate::AttrValue::Number(40.0));
        d
    }

    fn read_back(batch: &Batch, id: &str) -> Document {
        let get = |store| {
            batch
                .puts
                .iter()
                .find(|(s, k, _)| *s == store && k == id)
                .map(|(_, _, v)| v.clone())
                .expect("record written")
        };
        let mut doc = parse_text(id, &get(Store::Texts)).expect("text parses");
        parse_annotations(id, &get(Store::Annotations))
            .expect("annotations parse")
            .apply_to(&mut doc);
        doc
    }

    #[test]
    fn a_document_round_trips_through_its_records() {
        let doc = sample();
        let ws = Workspace {
            documents: vec![doc.clone()],
            labels: LabelSet::default(),
        };
        let dirty = Dirty {
            texts: [doc.id.clone()].into(),
            ..Dirty::default()
        };
        let batch = prepare(&ws, Some(&doc.id), &dirty);
        assert_eq!(read_back(&batch, "doc-1"), doc);
        let meta = batch
            .puts
            .iter()
            .find(|(s, k, _)| *s == Store::Meta && k == META_KEY)
            .expect("meta written");
        let meta = parse_meta(&meta.2).expect("meta parses");
        assert_eq!(meta.order, vec![doc.id.clone()]);
        assert_eq!(meta.open, Some(doc.id.clone()));
        assert_eq!(meta.labels, LabelSet::default());
    }

    #[test]
    fn a_story_change_rewrites_the_annotation_record_and_older_records_read_without_one() {
        let mut doc = sample();
        let id = doc.id.clone();
        let edit = Edit::SetStory {
            doc: id.clone(),
            from: None,
            to: Some(crate::DocStory {
                id: crate::link::StoryId("s3".into()),
                name: Some("Flood".into()),
            }),
        };
        let dirty = Dirty::of_edit(&edit);
        assert_eq!(dirty.annotations, [id.clone()].into());
        assert!(!dirty.meta && dirty.texts.is_empty());
        let mut ws = Workspace {
            documents: vec![doc.clone()],
            labels: LabelSet::default(),
        };
        edit.apply(&mut ws).unwrap();
        let batch = prepare(
            &ws,
            None,
            &Dirty {
                texts: [id.clone()].into(),
                ..Dirty::default()
            },
        );
        assert_eq!(read_back(&batch, "doc-1"), ws.documents[0]);
        // A record saved before stories were kept has no `story` field; one without a story
        // writes none.
        doc.story = None;
        let rec = json(&annotation_record(&doc));
        assert!(!rec.contains("story"), "{rec}");
        let mut back = doc.clone();
        back.story = ws.documents[0].story.clone();
        parse_annotations("doc-1", &rec)
            .unwrap()
            .apply_to(&mut back);
        assert_eq!(back, doc);
    }

    #[test]
    fn an_annotation_change_writes_one_record_and_the_summary() {
        let doc = sample();
        let ws = Workspace {
            documents: vec![doc.clone()],
            labels: LabelSet::default(),
        };
        let dirty = Dirty {
            annotations: [doc.id.clone()].into(),
            ..Dirty::default()
        };
        let batch = prepare(&ws, None, &dirty);
        let stores: Vec<(Store, &str)> = batch
            .puts
            .iter()
            .map(|(s, k, _)| (*s, k.as_str()))
            .collect();
        assert_eq!(
            stores,
            vec![(Store::Annotations, "doc-1"), (Store::Meta, SUMMARY_KEY)]
        );
        let summary = parse_summary(&batch.puts[1].2).expect("summary parses");
        assert_eq!(summary.documents, vec![DocSummary::of(&doc)]);
        assert_eq!(
            summary.documents[0].per_label,
            vec![("speaker".into(), 1), ("quote".into(), 1)]
        );
    }

    #[test]
    fn removed_documents_are_deleted_unless_they_came_back() {
        let doc = sample();
        let ws = Workspace {
            documents: vec![doc.clone()],
            labels: LabelSet::default(),
        };
        let dirty = Dirty {
            removed: [DocumentId("gone".into()), doc.id.clone()].into(),
            ..Dirty::default()
        };
        let batch = prepare(&ws, None, &dirty);
        assert_eq!(
            batch.deletes,
            vec![
                (Store::Texts, "gone".to_string()),
                (Store::Annotations, "gone".to_string())
            ]
        );
    }

    #[test]
    fn edits_dirty_the_records_they_change() {
        let doc = sample();
        let id = doc.id.clone();
        let rename = Edit::Rename {
            doc: id.clone(),
            from: String::new(),
            to: "New".into(),
        };
        assert_eq!(Dirty::of_edit(&rename).texts, [id.clone()].into());
        let done = Edit::SetDone {
            doc: id.clone(),
            done: true,
        };
        assert_eq!(Dirty::of_edit(&done).annotations, [id.clone()].into());
        let delete = Edit::DeleteDocument {
            document: Box::new(doc.clone()),
            index: 0,
        };
        let gone = Dirty::of_edit(&Edit::Batch(vec![done.clone(), delete]));
        assert!(gone.meta && gone.annotations.is_empty());
        assert_eq!(gone.removed, [id.clone()].into());
        let back = Edit::AddDocument {
            document: Box::new(doc),
            index: 0,
        };
        let mut dirty = gone;
        dirty.merge(Dirty::of_edit(&back));
        assert_eq!(dirty.texts, [id.clone()].into());
    }

    #[test]
    fn nothing_dirty_writes_nothing() {
        let ws = Workspace::default();
        assert_eq!(prepare(&ws, None, &Dirty::default()), Batch::default());
        assert!(Dirty::default().is_empty());
    }

    #[test]
    fn unreadable_records_name_the_document() {
        let e = parse_text("doc-9", "{\"id\":").unwrap_err();
        assert!(e.contains("\"doc-9\""), "{e}");
        let e = parse_annotations("doc-9", "[]").unwrap_err();
        assert!(e.contains("\"doc-9\""), "{e}");
        let newer = r#"{"version":99,"order":[],"labels":{"labels":[]},"open":null}"#;
        assert!(parse_meta(newer).unwrap_err().contains("newer Spanmark"));
        assert_eq!(parse_summary(r#"{"version":0,"documents":[]}"#), None);
    }

    #[test]
    fn saved_order_puts_unlisted_documents_last_oldest_first() {
        let d = |id: &str, at| Document::new(DocumentId(id.into()), id, "x", at);
        let mut docs = vec![d("c", 3), d("x", 9), d("a", 1), d("y", 2)];
        in_saved_order(&mut docs, &[DocumentId("a".into()), DocumentId("c".into())]);
        let ids: Vec<&str> = docs.iter().map(|d| d.id.0.as_str()).collect();
        assert_eq!(ids, vec!["a", "c", "y", "x"]);
    }

    #[test]
    fn the_journal_is_taken_again_on_the_saved_records() {
        let saved = sample();
        let id = saved.id.clone();
        let mut ws = Workspace {
            documents: vec![saved.clone()],
            labels: LabelSet::default(),
        };
        let mut history = History::default();
        let mut live_ws = ws.clone();
        let mut live = History::default();
        let mut entries = vec![];
        let mut step = |n: u64, step: HistoryStep| {
            entries.push((
                journal_key(1_700_000_000_000, n),
                journal_json(&JournalEntry {
                    tab: "t1".into(),
                    step,
                }),
            ))
        };
        let span = Span::new(SpanId(7), CharOffset(26), CharOffset(33), "claim");
        live.apply(
            &mut live_ws,
            Edit::CreateSpan {
                doc: id.clone(),
                span,
            },
        )
        .unwrap();
        step(1, HistoryStep::Apply(live.last_done().unwrap().clone()));
        live.apply(
            &mut live_ws,
            Edit::SetDone {
                doc: id.clone(),
                done: false,
            },
        )
        .unwrap();
        step(2, HistoryStep::Apply(live.last_done().unwrap().clone()));
        live.undo(&mut live_ws).unwrap();
        step(3, HistoryStep::Undo);
        entries.push((journal_key(1_700_000_000_000, 4), "{not json".into()));
        assert!(
            entries.windows(2).all(|w| w[0].0 < w[1].0),
            "keys sort in order"
        );

        let replayed = replay_journal(&mut ws, &mut history, &entries);
        assert_eq!(replayed.taken, 3);
        assert_eq!(replayed.skipped.len(), 1);
        assert_eq!(ws, live_ws);
        assert_eq!(history, live);
        assert_eq!(replayed.dirty.annotations, [id].into());
        let saved_history = parse_history(&history_json(&history));
        assert_eq!(saved_history, history);
        assert_eq!(parse_history("garbage"), History::default());
    }

    #[test]
    fn an_undone_deletion_taken_again_saves_the_document_back() {
        let doc = sample();
        let id = doc.id.clone();
        let mut ws = Workspace {
            documents: vec![doc.clone()],
            labels: LabelSet::default(),
        };
        let mut live_ws = ws.clone();
        let mut live = History::default();
        live.apply(
            &mut live_ws,
            Edit::DeleteDocument {
                document: Box::new(doc),
                index: 0,
            },
        )
        .unwrap();
        let entries = vec![
            (
                journal_key(1, 1),
                journal_json(&JournalEntry {
                    tab: "t".into(),
                    step: HistoryStep::Apply(live.last_done().unwrap().clone()),
                }),
            ),
            (
                journal_key(1, 2),
                journal_json(&JournalEntry {
                    tab: "t".into(),
                    step: HistoryStep::Undo,
                }),
            ),
        ];
        let replayed = replay_journal(&mut ws, &mut History::default(), &entries);
        assert_eq!(replayed.taken, 2);
        assert_eq!(ws.documents.len(), 1);
        assert!(replayed.dirty.removed.is_empty(), "{:?}", replayed.dirty);
        assert!(replayed.dirty.texts.contains(&id));
    }
}
