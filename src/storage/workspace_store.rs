//! Saving and loading the workspace in IndexedDB. The records and their shape are the core's
//! (`spanmark_core::records`); this file only moves them in and out of the database.

use std::future::Future;

use spanmark_core::records::{
    in_saved_order, parse_annotations, parse_history, parse_meta, parse_summary, parse_text, Batch,
    DocSummary, Store, HISTORY_KEY, META_KEY, SUMMARY_KEY,
};
use spanmark_core::History;
use spanmark_core::{Document, DocumentId, LabelSet, Workspace};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{IdbDatabase, IdbKeyRange, IdbTransaction};

use super::idb::{open, request_done, transaction, transaction_done};
use crate::dom::download::js_error;

const DB_NAME: &str = "spanmark";
/// Version 2 added the journal store (created on upgrade; version-1 data is read as it is).
const DB_VERSION: u32 = 2;
const STORES: &[&str] = &["texts", "annotations", "meta", "journal"];
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
    /// Every document's summary in the saved order; `None` if there is no summary to trust (or
    /// the journal holds steps: then everything is read and the steps taken again).
    pub listing: Option<Vec<DocSummary>>,
}

/// The whole saved workspace as read.
pub struct Loaded {
    /// The documents and labels.
    pub workspace: Workspace,
    /// The document that was open.
    pub open: Option<DocumentId>,
    /// The undo history as saved.
    pub history: History,
    /// Steps not yet folded into the records, `(key, JSON)` in the order they were taken.
    pub journal: Vec<(String, String)>,
    /// Records that could not be read, each naming its document; everything else is loaded.
    pub problems: Vec<String>,
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

/// Every record of `from` whose key follows `after` (all when `None`), as (key, JSON) in key
/// order, at most `limit`.
async fn read_all(
    tx: &IdbTransaction,
    from: Store,
    after: Option<&str>,
    limit: Option<u32>,
) -> Result<Vec<(String, String)>, String> {
    let range = match after {
        Some(key) => IdbKeyRange::lower_bound_with_open(&JsValue::from_str(key), true),
        None => IdbKeyRange::lower_bound(&JsValue::from_str("")),
    }
    .map_err(js_error)?;
    let object_store = store(tx, from)?;
    let (keys, values) = match limit {
        Some(n) => (
            object_store.get_all_keys_with_key_and_limit(&range, n),
            object_store.get_all_with_key_and_limit(&range, n),
        ),
        None => (
            object_store.get_all_keys_with_key(&range),
            object_store.get_all_with_key(&range),
        ),
    };
    let keys = request_done(&keys.map_err(js_error)?).await?;
    let values = request_done(&values.map_err(js_error)?).await?;
    let keys = keys.unchecked_into::<js_sys::Array>();
    let values = values.unchecked_into::<js_sys::Array>();
    Ok(keys
        .iter()
        .zip(values.iter())
        .map(|(k, v)| {
            (
                k.as_string().unwrap_or_default(),
                v.as_string().unwrap_or_default(),
            )
        })
        .collect())
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
        let journal = request_done(&store(&tx, Store::Journal)?.count().map_err(js_error)?)
            .await?
            .as_f64()
            .unwrap_or(0.0);
        let meta = meta.as_deref().map(parse_meta).transpose()?;
        let (labels, open) = match &meta {
            Some(m) => (m.labels.clone(), m.open.clone()),
            None => (LabelSet::default(), None),
        };
        let summary = summary
            .as_deref()
            .and_then(parse_summary)
            .filter(|_| journal == 0.0);
        let Some(summary) = summary else {
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
            // An unreadable open document is reported by the full load, which skips it.
            Some(id) => read_document(&tx, id).await.ok().flatten(),
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
    pub async fn load(&self) -> Result<Loaded, String> {
        let (meta, history, journal) = {
            let tx = transaction(&self.db, &STORES[2..], false)?;
            let json = get(&tx, Store::Meta, META_KEY).await?;
            let history = get(&tx, Store::Meta, HISTORY_KEY).await?;
            let journal = read_all(&tx, Store::Journal, None, None).await?;
            (
                json.as_deref().map(parse_meta).transpose()?,
                history.as_deref().map(parse_history).unwrap_or_default(),
                journal,
            )
        };
        let mut docs: Vec<Document> = vec![];
        let mut problems: Vec<String> = vec![];
        let mut after: Option<String> = None;
        loop {
            let (slice, last_key) = self
                .load_slice(after.as_deref(), &mut docs, &mut problems)
                .await?;
            let Some(last) = last_key else { break };
            after = Some(last);
            if slice < LOAD_SLICE as usize {
                break;
            }
            crate::dom::perf::yield_to_browser().await;
        }
        let (labels, open, order) = match meta {
            Some(m) => (m.labels, m.open, m.order),
            None => (LabelSet::default(), None, vec![]),
        };
        in_saved_order(&mut docs, &order);
        Ok(Loaded {
            workspace: Workspace {
                documents: docs,
                labels,
            },
            open,
            history,
            journal,
            problems,
        })
    }

    /// Reads up to `LOAD_SLICE` documents whose keys follow `after`, in key order, with their
    /// annotations, into `docs`. A record that cannot be read is reported in `problems` and left
    /// out (a text: the document; annotations: the document comes without them). Returns how many
    /// text records the slice held and the last key.
    async fn load_slice(
        &self,
        after: Option<&str>,
        docs: &mut Vec<Document>,
        problems: &mut Vec<String>,
    ) -> Result<(usize, Option<String>), String> {
        let tx = transaction(&self.db, &STORES[..2], false)?;
        let texts = read_all(&tx, Store::Texts, after, Some(LOAD_SLICE)).await?;
        let count = texts.len();
        let last = texts.last().map(|(k, _)| k.clone());
        let (Some(first), Some(last_key)) = (texts.first().map(|(k, _)| k.clone()), last.clone())
        else {
            return Ok((0, None));
        };
        let start = docs.len();
        for (key, json) in &texts {
            match parse_text(key, json) {
                Ok(doc) => docs.push(doc),
                Err(e) => problems.push(format!("{e}; that document is left out")),
            }
        }
        let range = IdbKeyRange::bound(&JsValue::from_str(&first), &JsValue::from_str(&last_key))
            .map_err(js_error)?;
        let notes = store(&tx, Store::Annotations)?
            .get_all_with_key(&range)
            .map_err(js_error)?;
        let keys = store(&tx, Store::Annotations)?
            .get_all_keys_with_key(&range)
            .map_err(js_error)?;
        let notes = request_done(&notes)
            .await?
            .unchecked_into::<js_sys::Array>();
        let keys = request_done(&keys).await?.unchecked_into::<js_sys::Array>();
        let by_id: std::collections::HashMap<DocumentId, usize> = docs[start..]
            .iter()
            .enumerate()
            .map(|(i, d)| (d.id.clone(), start + i))
            .collect();
        for (key, value) in keys.iter().zip(notes.iter()) {
            let key = key.as_string().unwrap_or_default();
            let Some(&i) = by_id.get(&DocumentId(key.clone())) else {
                continue;
            };
            let parsed = value
                .as_string()
                .ok_or_else(|| format!("the saved annotations of document {key:?} are not text"))
                .and_then(|json| parse_annotations(&key, &json));
            match parsed {
                Ok(a) => a.apply_to(&mut docs[i]),
                Err(e) => problems.push(format!(
                    "{e}; “{}” is loaded without its spans",
                    docs[i].title
                )),
            }
        }
        Ok((count, last))
    }

    /// Starts writing one journal entry now (the request leaves in this task, before any paint);
    /// the future resolves once it is durable.
    pub fn append_journal(
        &self,
        key: &str,
        json: &str,
    ) -> Result<impl Future<Output = Result<(), String>>, String> {
        let tx = transaction(&self.db, &STORES[3..], true)?;
        store(&tx, Store::Journal)?
            .put_with_key(&JsValue::from_str(json), &JsValue::from_str(key))
            .map_err(js_error)?;
        Ok(async move { transaction_done(&tx).await })
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
