//! Spanmark's dataset formats (spaCy, doccano, Label Studio, brat, W3C, IOB2, HF, plain articles)
//! and its suggestion engine, as a WebAssembly module of their own: what the annotation loop does
//! not need at start-up. The app's start-up module carries only Spanmark's JSONL; it loads this one
//! when the page is idle after start-up, or the first time a file in another format is imported
//! or exported, or suggestions are asked for.
//!
//! The two modules do not share memory: documents cross as bytes (`spanmark_core::transfer`: the
//! model's `Document`s in a compact binary encoding both sides share), files as bytes, and an
//! export comes back as a `Blob`; warnings as `[location, message]` pairs.

use std::cell::RefCell;

use js_sys::{Array, Object, Reflect, Uint8Array};
use spanmark_core::formats::streamed::StreamedImport;
use spanmark_core::formats::{
    self, DoccanoVariant, ExportOptions, Format, ImportError, Imported, Warning,
};
use spanmark_core::link::{self, Stories};
use spanmark_core::suggest::accept::rejected_triples;
use spanmark_core::suggest::{fresh_suggestions, SuggestionKind};
use spanmark_core::transfer::{documents_from_bytes, documents_to_bytes, suggestions_to_bytes};
use spanmark_core::Document;
use wasm_bindgen::prelude::*;

mod agree;
mod warm_up;

/// Writes the documents (as `spanmark_core::transfer` encodes them) in `format` (its id). `labels` lists the labels a
/// layered format (IOB2, HF) keeps, one per line; `None` keeps all. Returns
/// `{ fileName, blob, warnings }`: the file is a `Blob` made straight from this module's memory
/// (one copy, however large the file), ready to download.
#[wasm_bindgen]
pub fn export_documents(
    format: &str,
    documents: &[u8],
    labels: Option<String>,
    doccano_entities: bool,
    schema: Option<String>,
) -> Result<JsValue, JsError> {
    entered();
    let format: Format = format.parse()?;
    let docs = read_documents(documents)?;
    let exported = formats::export(
        format,
        &docs,
        &options(labels, doccano_entities, schema.as_deref()),
    )?;
    let out = Object::new();
    set(&out, "fileName", &exported.file_name.into());
    set(
        &out,
        "blob",
        &blob(&exported.bytes, exported.media_type)?.into(),
    );
    set(&out, "warnings", &warnings(&exported.warnings).into());
    Ok(out.into())
}

/// The export dialog's preview of `format` for the first document of `document` (encoded as
/// `spanmark_core::transfer` does).
#[wasm_bindgen]
pub fn preview(
    format: &str,
    document: &[u8],
    labels: Option<String>,
    doccano_entities: bool,
    schema: Option<String>,
) -> Result<String, JsError> {
    entered();
    let format: Format = format.parse()?;
    let docs = read_documents(document)?;
    let first = docs.first().ok_or_else(|| JsError::new("no document"))?;
    Ok(formats::preview(
        format,
        first,
        &options(labels, doccano_entities, schema.as_deref()),
    ))
}

/// Imports one picked file: in `format` (its id), or detected from its content when `None`.
/// Returns `{ documents, warnings }` (documents encoded by `spanmark_core::transfer`); throws the import
/// error's text (it names the file, the line and the problem).
#[wasm_bindgen]
pub fn import_file(
    format: Option<String>,
    file_name: &str,
    bytes: &[u8],
    keep_valid: bool,
) -> Result<JsValue, JsError> {
    entered();
    let format = format.map(|f| f.parse::<Format>()).transpose()?;
    imported(formats::import_picked(format, file_name, bytes, keep_valid))
}

/// Imports a brat pair picked together (`<stem>.txt` and `<stem>.ann`); returns as `import_file`.
#[wasm_bindgen]
pub fn import_brat_pair(
    stem: &str,
    text_name: &str,
    text: &[u8],
    ann_name: &str,
    ann: &[u8],
) -> Result<JsValue, JsError> {
    entered();
    imported(formats::import_brat_pair(
        stem,
        (text_name, text),
        (ann_name, ann),
    ))
}

/// A file imported as it is read, a slice at a time (`spanmark_core::formats::streamed`).
#[wasm_bindgen]
pub struct LineImport(StreamedImport);

/// Starts importing `file_name` as it is read, in `format` (its id) or in the format its `head`
/// (first bytes, up to the end of its first line that is not blank) shows; `undefined` when that
/// format is imported whole (`import_file`).
#[wasm_bindgen]
pub fn start_line_import(
    format: Option<String>,
    file_name: &str,
    head: &[u8],
) -> Result<Option<LineImport>, JsError> {
    entered();
    let format = format.map(|f| f.parse::<Format>()).transpose()?;
    Ok(StreamedImport::start(format, file_name, head).map(LineImport))
}

/// Reads the file's next slice.
#[wasm_bindgen]
pub fn push_line_import(import: &mut LineImport, slice: &[u8]) -> Result<(), JsError> {
    Ok(import.0.push(slice)?)
}

/// Ends the import; returns as `import_file`.
#[wasm_bindgen]
pub fn finish_line_import(import: LineImport) -> Result<JsValue, JsError> {
    imported(import.0.finish())
}

/// The suggestion engine's new suggestions for each of the documents (encoded as
/// `spanmark_core::transfer` does), of the `kinds` (labels, one per line): those the document
/// does not have as a span and the user has not rejected. Returns them encoded by
/// `spanmark_core::transfer::suggestions_to_bytes`, one list per document, in order. The engine is
/// here, not in the app's start-up module, because start-up does not need it.
#[wasm_bindgen]
pub fn suggest_documents(documents: &[u8], kinds: &str) -> Result<Uint8Array, JsError> {
    entered();
    let kinds = kinds
        .lines()
        .map(|k| {
            SuggestionKind::from_label(k)
                .ok_or_else(|| JsError::new(&format!("no suggestion kind {k:?}")))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let per_document: Vec<_> = read_documents(documents)?
        .iter()
        .map(|d| fresh_suggestions(d, &rejected_triples(d), &kinds))
        .collect();
    Ok(Uint8Array::from(
        suggestions_to_bytes(&per_document).as_slice(),
    ))
}

/// Runs the large-file paths once on a small made-up workspace (30–50 ms), so that the
/// browser has optimised them before the user's first import or export: the app calls this when
/// the page is idle after loading the module. Does nothing once the module has been used; returns
/// whether it ran.
#[wasm_bindgen]
pub fn warm_up() -> bool {
    warm_up::warm_up()
}

/// Export options from the app's arguments; `schema` is the workspace's label set as JSON (its
/// attribute types decide how values are written), the default set when absent or unreadable.
fn options(labels: Option<String>, doccano_entities: bool, schema: Option<&str>) -> ExportOptions {
    ExportOptions {
        labels: labels.map(|l| l.lines().map(str::to_string).collect()),
        doccano: if doccano_entities {
            DoccanoVariant::EntitiesRelations
        } else {
            DoccanoVariant::LabelTuples
        },
        file_stem: None,
        schema: schema.and_then(|json| serde_json::from_str(json).ok()),
    }
}

/// A `Blob` of `bytes`: the Blob constructor copies them out of this module's memory at once.
fn blob(bytes: &[u8], media_type: &str) -> Result<web_sys::Blob, JsError> {
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(media_type);
    // SAFETY: the view is only read by the Blob constructor, which copies it before returning;
    // nothing allocates (which could move this module's memory) while the view exists.
    let view = unsafe { Uint8Array::view(bytes) };
    web_sys::Blob::new_with_u8_array_sequence_and_options(&Array::of1(&view), &options)
        .map_err(|e| JsError::new(&format!("the file could not be made: {e:?}")))
}

fn read_documents(bytes: &[u8]) -> Result<Vec<Document>, JsError> {
    documents_from_bytes(bytes).map_err(|e| JsError::new(&e))
}

/// Encoded documents, and the documents.
type Handover = (Vec<u8>, Vec<Document>);

thread_local! {
    /// The last import's documents, and their encoding the app copies out of this module's memory
    /// (see [`imported`]). Kept until the next call that starts something here: the encoding must
    /// outlive the call that returns a view of it, and freeing a large workspace's documents is
    /// then off the way of the import.
    static HANDED_OVER: RefCell<Handover> = const { RefCell::new((Vec::new(), Vec::new())) };
}

/// What every call that does work for the user (an import, an export, a preview, suggestions) does
/// first: no warming up after it, and what the last import handed over is freed.
fn entered() {
    warm_up::used();
    HANDED_OVER.with(|h| drop(h.take()));
}

/// `{ documents, warnings }`: `documents` is a view of this module's memory holding the encoded
/// documents (no copy on this side). It is valid only until this module runs again (its memory may
/// move): the app copies it before anything else happens (`lazy_formats::imported` in the app).
fn imported(result: Result<Imported, ImportError>) -> Result<JsValue, JsError> {
    let imported = result?;
    let out = Object::new();
    set(&out, "warnings", &warnings(&imported.warnings).into());
    let encoded = documents_to_bytes(&imported.documents);
    HANDED_OVER.with(|h| {
        let mut h = h.borrow_mut();
        *h = (encoded, imported.documents);
        // SAFETY: the view is of a buffer kept alive in `HANDED_OVER` until the next `entered`,
        // and nothing runs in this module (nothing can move its memory) before the app has copied
        // it: it does so as soon as this call returns.
        let view = unsafe { Uint8Array::view(&h.0) };
        set(&out, "documents", &view.into());
    });
    Ok(out.into())
}

fn warnings(warnings: &[Warning]) -> Array {
    warnings
        .iter()
        .map(|w| -> JsValue {
            Array::of2(&w.location.as_str().into(), &w.message.as_str().into()).into()
        })
        .collect()
}

fn set(object: &Object, key: &str, value: &JsValue) {
    // Setting a property on a fresh plain object cannot fail.
    let _ = Reflect::set(object, &key.into(), value);
}

/// Groups the documents (encoded as `spanmark_core::transfer` does) into stories and links their
/// quotes and figures (`spanmark_core::link`); with `suggest_if_empty`, documents with no quote or
/// figure spans of their own are read through the suggestion engine. `stories` is the user's
/// edited `Stories` as JSON: linking then keeps them (reconciled with the documents) instead of
/// grouping again. `progress`, if given, is called as `progress(done, total)` while documents are
/// read (every [`LINK_PROGRESS_EVERY`] documents, and once at the end). Returns the `Links` as
/// JSON. Meant to run in a Web Worker (the app's `link-worker.js`), off the page's thread.
#[wasm_bindgen]
pub fn link_documents(
    documents: &[u8],
    suggest_if_empty: bool,
    stories: Option<String>,
    progress: Option<js_sys::Function>,
) -> Result<String, JsError> {
    entered();
    let docs = read_documents(documents)?;
    let stories: Option<Stories> = stories
        .map(|json| serde_json::from_str(&json))
        .transpose()
        .map_err(|e| JsError::new(&format!("the stories could not be read: {e}")))?;
    let total = docs.len();
    let report = |done: usize| {
        if let Some(f) = &progress {
            let _ = f.call2(
                &JsValue::NULL,
                &(done as u32).into(),
                &(total as u32).into(),
            );
        }
    };
    let mut items = Vec::with_capacity(total);
    for (i, doc) in docs.iter().enumerate() {
        if i % LINK_PROGRESS_EVERY == 0 {
            report(i);
        }
        items.push(link::document_items(doc, suggest_if_empty));
    }
    report(total);
    let links = match stories {
        Some(stories) => link::link_in_stories(&docs, &items, &stories),
        None => link::link_items(&docs, &items, &link::GroupOptions::default()),
    };
    serde_json::to_string(&links).map_err(|e| JsError::new(&e.to_string()))
}

/// How many documents `link_documents` reads between two progress reports.
pub const LINK_PROGRESS_EVERY: usize = 250;
