//! Saving and loading the workspace in IndexedDB, one record per document part.

use std::collections::{BTreeSet, HashMap};

use serde::{Deserialize, Serialize};
use spanmark_core::{Document, DocumentId, LabelSet, Rejection, Relation, Span, Workspace};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{IdbDatabase, IdbKeyRange};

use super::idb::{open, request_done, transaction, transaction_done};
use crate::dom::download::js_error;

const DB_NAME: &str = "spanmark";
const DB_VERSION: u32 = 1;
const TEXTS: &str = "texts";
const ANNOTATIONS: &str = "annotations";
const META: &str = "meta";
const META_KEY: &str = "workspace";
/// The document list's summary (`SummaryRecord`), kept in the meta store.
const SUMMARY_KEY: &str = "summary";
/// Documents read per slice by the full load.
const LOAD_SLICE: u32 = 100;
/// The version of the records' shape; bump it and migrate in `load` when it changes.
const RECORD_VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
struct TextRecord {
    id: DocumentId,
    title: String,
    source: Option<String>,
    added_at: u64,
    line_endings_normalised: bool,
    text: String,
}

#[derive(Serialize, Deserialize)]
struct AnnotationRecord {
    id: DocumentId,
    spans: Vec<Span>,
    relations: Vec<Relation>,
    #[serde(default)]
    rejected: Vec<Rejection>,
    #[serde(default)]
    done: bool,
}

#[derive(Serialize, Deserialize)]
struct MetaRecord {
    version: u32,
    order: Vec<DocumentId>,
    labels: LabelSet,
    open: Option<DocumentId>,
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
    /// Spans per label name, in no particular order.
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

#[derive(Serialize, Deserialize)]
struct SummaryRecord {
    version: u32,
    documents: Vec<DocSummary>,
}

/// What start-up reads before the rest of the workspace (see `WorkspaceStore::load_start`).
pub struct StartUp {
    /// The saved label set.
    pub labels: LabelSet,
    /// The document to open.
    pub open: Option<DocumentId>,
    /// That document, read in full.
    pub open_document: Option<Document>,
    /// Every document's summary in the saved order; `None` if there is no summary to trust.
    pub listing: Option<Vec<DocSummary>>,
}

/// What changed since the last save.
#[derive(Debug, Default, Clone)]
pub struct Dirty {
    /// The document order, label set or open document.
    pub meta: bool,
    /// Documents added (their text must be written).
    pub texts: BTreeSet<DocumentId>,
    /// Documents whose spans or relations changed.
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

    /// Adds another set of changes to this one.
    pub fn merge(&mut self, other: Dirty) {
        self.meta |= other.meta;
        self.texts.extend(other.texts);
        self.annotations.extend(other.annotations);
        self.removed.extend(other.removed);
    }
}

fn parse_meta(value: &JsValue) -> Result<Option<MetaRecord>, String> {
    let Some(json) = value.as_string() else {
        return Ok(None);
    };
    let meta: MetaRecord =
        serde_json::from_str(&json).map_err(|e| format!("saved workspace is unreadable: {e}"))?;
    if meta.version > RECORD_VERSION {
        return Err(format!(
            "this workspace was saved by a newer Spanmark (record version {}); update the app",
            meta.version
        ));
    }
    Ok(Some(meta))
}

fn parse_text(value: &JsValue) -> Result<Document, String> {
    let json = value.as_string().ok_or("a saved text is not a string")?;
    let t: TextRecord =
        serde_json::from_str(&json).map_err(|e| format!("a saved text is unreadable: {e}"))?;
    Ok(Document {
        id: t.id,
        title: t.title,
        source: t.source,
        added_at: t.added_at,
        text: t.text,
        line_endings_normalised: t.line_endings_normalised,
        spans: vec![],
        relations: vec![],
        rejected: vec![],
        done: false,
    })
}

fn parse_annotations(value: &JsValue) -> Result<AnnotationRecord, String> {
    let json = value
        .as_string()
        .ok_or("saved annotations are not a string")?;
    serde_json::from_str(&json).map_err(|e| format!("saved annotations are unreadable: {e}"))
}

impl AnnotationRecord {
    fn apply_to(self, doc: &mut Document) {
        doc.spans = self.spans;
        doc.relations = self.relations;
        doc.rejected = self.rejected;
        doc.done = self.done;
    }
}

/// Reads one document's text and annotations in `tx`.
async fn read_document(
    tx: &web_sys::IdbTransaction,
    id: &DocumentId,
) -> Result<Option<Document>, String> {
    let key = JsValue::from_str(&id.0);
    let text = request_done(
        &tx.object_store(TEXTS)
            .map_err(js_error)?
            .get(&key)
            .map_err(js_error)?,
    )
    .await?;
    if text.is_undefined() {
        return Ok(None);
    }
    let mut doc = parse_text(&text)?;
    let notes = request_done(
        &tx.object_store(ANNOTATIONS)
            .map_err(js_error)?
            .get(&key)
            .map_err(js_error)?,
    )
    .await?;
    if !notes.is_undefined() {
        parse_annotations(&notes)?.apply_to(&mut doc);
    }
    Ok(Some(doc))
}

/// Serialised records, ready to write (taken synchronously, so later edits cannot tear them).
pub struct Batch {
    puts: Vec<(&'static str, String, String)>,
    deletes: Vec<(&'static str, String)>,
}

/// The open database.
#[derive(Clone)]
pub struct WorkspaceStore {
    db: IdbDatabase,
}

impl WorkspaceStore {
    /// Opens the database, creating it on first use.
    pub async fn open() -> Result<Self, String> {
        Ok(WorkspaceStore {
            db: open(DB_NAME, DB_VERSION, &[TEXTS, ANNOTATIONS, META]).await?,
        })
    }

    /// Reads what start-up needs first: the label set, the document that was open (text and
    /// spans) and the document list's summary, without reading every document. `listing` is
    /// `None` when the database has no summary yet (saved by an older version): load everything.
    pub async fn load_start(&self) -> Result<StartUp, String> {
        let tx = transaction(&self.db, &[TEXTS, ANNOTATIONS, META], false)?;
        let meta_store = tx.object_store(META).map_err(js_error)?;
        let meta = request_done(
            &meta_store
                .get(&JsValue::from_str(META_KEY))
                .map_err(js_error)?,
        )
        .await?;
        let summary = request_done(
            &meta_store
                .get(&JsValue::from_str(SUMMARY_KEY))
                .map_err(js_error)?,
        )
        .await?;
        let meta = parse_meta(&meta)?;
        let summary: Option<SummaryRecord> = match summary.as_string() {
            // An unreadable summary is only a lost shortcut: the full load rebuilds it.
            Some(json) => serde_json::from_str(&json).ok(),
            None => None,
        };
        let (labels, open) = match &meta {
            Some(m) => (m.labels.clone(), m.open.clone()),
            None => (LabelSet::default(), None),
        };
        let Some(summary) = summary.filter(|s| s.version == RECORD_VERSION) else {
            return Ok(StartUp {
                labels,
                open,
                open_document: None,
                listing: None,
            });
        };
        let open = open
            .filter(|id| summary.documents.iter().any(|d| d.id == *id))
            .or_else(|| summary.documents.first().map(|d| d.id.clone()));
        let open_document = match &open {
            Some(id) => read_document(&tx, id).await?,
            None => None,
        };
        Ok(StartUp {
            labels,
            open,
            open_document,
            listing: Some(summary.documents),
        })
    }

    /// Reads one document (text and annotations), if it is saved.
    pub async fn load_document(&self, id: &DocumentId) -> Result<Option<Document>, String> {
        let tx = transaction(&self.db, &[TEXTS, ANNOTATIONS], false)?;
        read_document(&tx, id).await
    }

    /// Loads the whole workspace and the document that was open. Documents are read in slices
    /// of `LOAD_SLICE`, with a pause for the browser between slices, so a large workspace never
    /// holds the page for long.
    pub async fn load(&self) -> Result<(Workspace, Option<DocumentId>), String> {
        let meta = {
            let tx = transaction(&self.db, &[META], false)?;
            let value = request_done(
                &tx.object_store(META)
                    .map_err(js_error)?
                    .get(&JsValue::from_str(META_KEY))
                    .map_err(js_error)?,
            )
            .await?;
            parse_meta(&value)?
        };
        let mut docs: Vec<Document> = vec![];
        let mut after: Option<String> = None;
        loop {
            let slice = self.load_slice(after.as_deref()).await?;
            let Some(last) = slice.last() else { break };
            after = Some(last.id.0.clone());
            let last_slice = slice.len() < LOAD_SLICE as usize;
            docs.extend(slice);
            if last_slice {
                break;
            }
            crate::dom::perf::yield_to_browser().await;
        }
        let (labels, open, order) = match meta {
            Some(m) => (m.labels, m.open, m.order),
            None => (LabelSet::default(), None, vec![]),
        };
        // Documents in the saved order; any record missing from the order goes last, oldest first.
        let position: HashMap<&DocumentId, usize> =
            order.iter().enumerate().map(|(i, id)| (id, i)).collect();
        docs.sort_by_cached_key(|d| {
            (
                position.get(&d.id).copied().unwrap_or(usize::MAX),
                d.added_at,
            )
        });
        Ok((
            Workspace {
                documents: docs,
                labels,
            },
            open,
        ))
    }

    /// Up to `LOAD_SLICE` documents whose keys follow `after`, in key order, with their spans.
    async fn load_slice(&self, after: Option<&str>) -> Result<Vec<Document>, String> {
        let tx = transaction(&self.db, &[TEXTS, ANNOTATIONS], false)?;
        let store = |name| tx.object_store(name).map_err(js_error);
        let from = match after {
            Some(key) => IdbKeyRange::lower_bound_with_open(&JsValue::from_str(key), true)
                .map_err(js_error)?,
            None => IdbKeyRange::lower_bound(&JsValue::from_str("")).map_err(js_error)?,
        };
        let texts = request_done(
            &store(TEXTS)?
                .get_all_with_key_and_limit(&from, LOAD_SLICE)
                .map_err(js_error)?,
        )
        .await?
        .unchecked_into::<js_sys::Array>();
        let mut docs: Vec<Document> = vec![];
        for value in texts.iter() {
            docs.push(parse_text(&value)?);
        }
        let (Some(first), Some(last)) = (docs.first(), docs.last()) else {
            return Ok(docs);
        };
        let range = IdbKeyRange::bound(
            &JsValue::from_str(&first.id.0),
            &JsValue::from_str(&last.id.0),
        )
        .map_err(js_error)?;
        let notes = request_done(
            &store(ANNOTATIONS)?
                .get_all_with_key(&range)
                .map_err(js_error)?,
        )
        .await?
        .unchecked_into::<js_sys::Array>();
        let by_id: HashMap<DocumentId, usize> = docs
            .iter()
            .enumerate()
            .map(|(i, d)| (d.id.clone(), i))
            .collect();
        for value in notes.iter() {
            let a = parse_annotations(&value)?;
            if let Some(&i) = by_id.get(&a.id) {
                a.apply_to(&mut docs[i]);
            }
        }
        Ok(docs)
    }

    /// Serialises what `dirty` names from `ws`.
    pub fn prepare(ws: &Workspace, open: Option<&DocumentId>, dirty: &Dirty) -> Batch {
        let mut puts = vec![];
        let mut deletes = vec![];
        // An import dirties a thousand documents at once: find them by id in one pass.
        let by_id: HashMap<&DocumentId, &Document> =
            ws.documents.iter().map(|d| (&d.id, d)).collect();
        let document = |id: &DocumentId| by_id.get(id).copied();
        for id in &dirty.texts {
            if let Some(d) = document(id) {
                let rec = TextRecord {
                    id: d.id.clone(),
                    title: d.title.clone(),
                    source: d.source.clone(),
                    added_at: d.added_at,
                    line_endings_normalised: d.line_endings_normalised,
                    text: d.text.clone(),
                };
                puts.push((
                    TEXTS,
                    id.0.clone(),
                    serde_json::to_string(&rec).expect("plain data"),
                ));
            }
        }
        for id in dirty.annotations.iter().chain(&dirty.texts) {
            if let Some(d) = document(id) {
                let rec = AnnotationRecord {
                    id: d.id.clone(),
                    spans: d.spans.clone(),
                    relations: d.relations.clone(),
                    rejected: d.rejected.clone(),
                    done: d.done,
                };
                puts.push((
                    ANNOTATIONS,
                    id.0.clone(),
                    serde_json::to_string(&rec).expect("plain data"),
                ));
            }
        }
        for id in &dirty.removed {
            deletes.push((TEXTS, id.0.clone()));
            deletes.push((ANNOTATIONS, id.0.clone()));
        }
        if dirty.meta || !dirty.texts.is_empty() || !dirty.removed.is_empty() {
            let rec = MetaRecord {
                version: RECORD_VERSION,
                order: ws.documents.iter().map(|d| d.id.clone()).collect(),
                labels: ws.labels.clone(),
                open: open.cloned(),
            };
            puts.push((
                META,
                META_KEY.into(),
                serde_json::to_string(&rec).expect("plain data"),
            ));
        }
        // Every change to a document or to the order changes the list: keep its summary current.
        if !puts.is_empty() || !deletes.is_empty() {
            let rec = SummaryRecord {
                version: RECORD_VERSION,
                documents: ws.documents.iter().map(DocSummary::of).collect(),
            };
            puts.push((
                META,
                SUMMARY_KEY.into(),
                serde_json::to_string(&rec).expect("plain data"),
            ));
        }
        Batch { puts, deletes }
    }

    /// Writes a batch in one transaction; resolves once it is durable.
    pub async fn write(&self, batch: Batch) -> Result<(), String> {
        let tx = transaction(&self.db, &[TEXTS, ANNOTATIONS, META], true)?;
        for (store, key, value) in &batch.puts {
            tx.object_store(store)
                .map_err(js_error)?
                .put_with_key(&JsValue::from_str(value), &JsValue::from_str(key))
                .map_err(js_error)?;
        }
        for (store, key) in &batch.deletes {
            tx.object_store(store)
                .map_err(js_error)?
                .delete(&JsValue::from_str(key))
                .map_err(js_error)?;
        }
        transaction_done(&tx).await
    }
}
