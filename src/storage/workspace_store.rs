//! Saving and loading the workspace in IndexedDB. The records and their shape are the core's
//! (`spanmark_core::records`); this file only moves them in and out of the database.

use spanmark_core::records::{
    in_saved_order, parse_annotations, parse_meta, parse_summary, parse_text, Batch, DocSummary,
    Store, META_KEY, SUMMARY_KEY,
};
use spanmark_core::{Document, DocumentId, LabelSet, Workspace};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{IdbDatabase, IdbKeyRange, IdbTransaction};

use super::idb::{open, request_done, transaction, transaction_done};
use crate::dom::download::js_error;

const DB_NAME: &str = "spanmark";
const DB_VERSION: u32 = 1;
const STORES: &[&str] = &["texts", "annotations", "meta"];
/// Documents read per slice by the full load.
const LOAD_SLICE: u32 = 100;

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

fn store(tx: &IdbTransaction, store: Store) -> Result<web_sys::IdbObjectStore, String> {
    tx.object_store(store.name()).map_err(js_error)
}

async fn get(tx: &IdbTransaction, from: Store, key: &str) -> Result<Option<String>, String> {
    let value = request_done(
        &store(tx, from)?
            .get(&JsValue::from_str(key))
            .map_err(js_error)?,
    )
    .await?;
    Ok(value.as_string())
}

/// Reads one document's text and annotations in `tx`.
async fn read_document(tx: &IdbTransaction, id: &DocumentId) -> Result<Option<Document>, String> {
    let Some(text) = get(tx, Store::Texts, &id.0).await? else {
        return Ok(None);
    };
    let mut doc = parse_text(&id.0, &text)?;
    if let Some(notes) = get(tx, Store::Annotations, &id.0).await? {
        parse_annotations(&id.0, &notes)?.apply_to(&mut doc);
    }
    Ok(Some(doc))
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
            db: open(DB_NAME, DB_VERSION, STORES).await?,
        })
    }

    /// Reads what start-up needs first: the label set, the document that was open (text and
    /// spans) and the document list's summary, without reading every document. `listing` is
    /// `None` when the database has no summary yet (saved by an older version): load everything.
    pub async fn load_start(&self) -> Result<StartUp, String> {
        let tx = transaction(&self.db, STORES, false)?;
        let meta = get(&tx, Store::Meta, META_KEY).await?;
        let summary = get(&tx, Store::Meta, SUMMARY_KEY).await?;
        let meta = meta.as_deref().map(parse_meta).transpose()?;
        let (labels, open) = match &meta {
            Some(m) => (m.labels.clone(), m.open.clone()),
            None => (LabelSet::default(), None),
        };
        let Some(summary) = summary.as_deref().and_then(parse_summary) else {
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
        let tx = transaction(&self.db, &STORES[..2], false)?;
        read_document(&tx, id).await
    }

    /// Loads the whole workspace and the document that was open. Documents are read in slices
    /// of `LOAD_SLICE`, with a pause for the browser between slices, so a large workspace never
    /// holds the page for long.
    pub async fn load(&self) -> Result<(Workspace, Option<DocumentId>), String> {
        let meta = {
            let tx = transaction(&self.db, &STORES[2..], false)?;
            let json = get(&tx, Store::Meta, META_KEY).await?;
            json.as_deref().map(parse_meta).transpose()?
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
        in_saved_order(&mut docs, &order);
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
        let tx = transaction(&self.db, &STORES[..2], false)?;
        let from = match after {
            Some(key) => IdbKeyRange::lower_bound_with_open(&JsValue::from_str(key), true)
                .map_err(js_error)?,
            None => IdbKeyRange::lower_bound(&JsValue::from_str("")).map_err(js_error)?,
        };
        let keys = request_done(
            &store(&tx, Store::Texts)?
                .get_all_keys_with_key_and_limit(&from, LOAD_SLICE)
                .map_err(js_error)?,
        )
        .await?
        .unchecked_into::<js_sys::Array>();
        let texts = request_done(
            &store(&tx, Store::Texts)?
                .get_all_with_key_and_limit(&from, LOAD_SLICE)
                .map_err(js_error)?,
        )
        .await?
        .unchecked_into::<js_sys::Array>();
        let mut docs: Vec<Document> = vec![];
        for (key, value) in keys.iter().zip(texts.iter()) {
            let key = key.as_string().unwrap_or_default();
            let json = value
                .as_string()
                .ok_or_else(|| format!("the saved text of document {key:?} is not text"))?;
            docs.push(parse_text(&key, &json)?);
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
            &store(&tx, Store::Annotations)?
                .get_all_with_key(&range)
                .map_err(js_error)?,
        )
        .await?
        .unchecked_into::<js_sys::Array>();
        let by_id: std::collections::HashMap<DocumentId, usize> = docs
            .iter()
            .enumerate()
            .map(|(i, d)| (d.id.clone(), i))
            .collect();
        for value in notes.iter() {
            let json = value.as_string().ok_or("saved annotations are not text")?;
            let a = parse_annotations("?", &json)?;
            if let Some(&i) = by_id.get(&a.id) {
                a.apply_to(&mut docs[i]);
            }
        }
        Ok(docs)
    }

    /// Writes a batch in one transaction; resolves once it is durable.
    pub async fn write(&self, batch: Batch) -> Result<(), String> {
        let tx = transaction(&self.db, STORES, true)?;
        for (to, key, value) in &batch.puts {
            store(&tx, *to)?
                .put_with_key(&JsValue::from_str(value), &JsValue::from_str(key))
                .map_err(js_error)?;
        }
        for (from, key) in &batch.deletes {
            store(&tx, *from)?
                .delete(&JsValue::from_str(key))
                .map_err(js_error)?;
        }
        transaction_done(&tx).await
    }
}
