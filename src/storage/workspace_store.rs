//! Saving and loading the workspace in IndexedDB, one record per document part.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};
use spanmark_core::{Document, DocumentId, LabelSet, Rejection, Relation, Span, Workspace};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::IdbDatabase;

use super::idb::{open, request_done, transaction, transaction_done};
use crate::dom::download::js_error;

const DB_NAME: &str = "spanmark";
const DB_VERSION: u32 = 1;
const TEXTS: &str = "texts";
const ANNOTATIONS: &str = "annotations";
const META: &str = "meta";
const META_KEY: &str = "workspace";
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

    /// Loads the whole workspace and the document that was open.
    pub async fn load(&self) -> Result<(Workspace, Option<DocumentId>), String> {
        let tx = transaction(&self.db, &[TEXTS, ANNOTATIONS, META], false)?;
        let store = |name| tx.object_store(name).map_err(js_error);
        let meta = request_done(
            &store(META)?
                .get(&JsValue::from_str(META_KEY))
                .map_err(js_error)?,
        )
        .await?;
        let texts = request_done(&store(TEXTS)?.get_all().map_err(js_error)?).await?;
        let notes = request_done(&store(ANNOTATIONS)?.get_all().map_err(js_error)?).await?;
        let meta: Option<MetaRecord> = match meta.as_string() {
            Some(json) => Some(
                serde_json::from_str(&json)
                    .map_err(|e| format!("saved workspace is unreadable: {e}"))?,
            ),
            None => None,
        };
        if let Some(m) = &meta {
            if m.version > RECORD_VERSION {
                return Err(format!(
                    "this workspace was saved by a newer Spanmark (record version {}); update the app",
                    m.version
                ));
            }
        }
        let mut docs: Vec<Document> = vec![];
        for value in texts.unchecked_into::<js_sys::Array>().iter() {
            let json = value.as_string().ok_or("a saved text is not a string")?;
            let t: TextRecord = serde_json::from_str(&json)
                .map_err(|e| format!("a saved text is unreadable: {e}"))?;
            docs.push(Document {
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
            });
        }
        let by_id: std::collections::HashMap<DocumentId, usize> = docs
            .iter()
            .enumerate()
            .map(|(i, d)| (d.id.clone(), i))
            .collect();
        for value in notes.unchecked_into::<js_sys::Array>().iter() {
            let json = value
                .as_string()
                .ok_or("saved annotations are not a string")?;
            let a: AnnotationRecord = serde_json::from_str(&json)
                .map_err(|e| format!("saved annotations are unreadable: {e}"))?;
            if let Some(d) = by_id.get(&a.id).map(|&i| &mut docs[i]) {
                d.spans = a.spans;
                d.relations = a.relations;
                d.rejected = a.rejected;
                d.done = a.done;
            }
        }
        let (labels, open, order) = match meta {
            Some(m) => (m.labels, m.open, m.order),
            None => (LabelSet::default(), None, vec![]),
        };
        // Documents in the saved order; any record missing from the order goes last, oldest first.
        let position: std::collections::HashMap<&DocumentId, usize> =
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

    /// Serialises what `dirty` names from `ws`.
    pub fn prepare(ws: &Workspace, open: Option<&DocumentId>, dirty: &Dirty) -> Batch {
        let mut puts = vec![];
        let mut deletes = vec![];
        // An import dirties a thousand documents at once: find them by id in one pass.
        let by_id: std::collections::HashMap<&DocumentId, &Document> =
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
