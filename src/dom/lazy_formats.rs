//! The dataset formats and the suggestion engine, loaded after start-up: Spanmark JSONL is read
//! and written here, in the app's own module; every other format, and the engine, are in a second
//! WebAssembly module (`crates/formats-web`) that the page's loader (init.js) fetches when the page
//! is idle after start-up or the first time it is needed, so that start-up downloads only what the
//! annotation loop needs.
//!
//! The modules share no memory: documents cross as bytes (encoded by
//! `spanmark_core::transfer`, which both modules share), files as bytes, exports as `Blob`s.

use js_sys::{Array, Function, Reflect, Uint8Array};
use spanmark_core::formats::{
    self, spanmark_jsonl, DoccanoVariant, ExportOptions, Format, ImportError, Imported, Warning,
};
use spanmark_core::suggest::{Suggestion, SuggestionKind};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use crate::dom::download::js_error;
use crate::dom::files::OpenedFile;

/// The page's loader (init.js) offers `spanmarkLoadFormats()`: a promise of the formats module,
/// loaded once.
fn load_formats() -> js_sys::Promise {
    let loader = web_sys::window()
        .and_then(|w| Reflect::get(&w, &"spanmarkLoadFormats".into()).ok())
        .and_then(|f| f.dyn_into::<Function>().ok());
    match loader.map(|f| f.call0(&JsValue::NULL)) {
        Some(Ok(promise)) => promise
            .dyn_into::<js_sys::Promise>()
            .unwrap_or_else(|v| js_sys::Promise::resolve(&v)),
        Some(Err(e)) => js_sys::Promise::reject(&e),
        None => js_sys::Promise::reject(&"this page has no loader for the formats module".into()),
    }
}

/// Starts loading the formats module in the background, so the first import or export in another
/// format does not wait for it: start-up calls it once the page is idle, and so do the first signs
/// of an import (the file picker opening, a file dragged over the page). Loading happens once; a
/// failure is ignored here: the first use tries again and reports it.
///
/// Once loaded, the module warms up (its `warm_up`) the next time the page is idle, unless it has
/// been used by then: its large-file paths then run at full speed from the user's first file.
pub fn preload() {
    wasm_bindgen_futures::spawn_local(async {
        if JsFuture::from(load_formats()).await.is_ok() {
            crate::dom::perf::after_paint().await;
            // Recorded (`spanmark-warm-up`) only when the warm-up ran, and ran through.
            let measure = crate::dom::perf::Measure::start("spanmark-warm-up");
            if call("warm_up", &[])
                .await
                .ok()
                .and_then(|ran| ran.as_bool())
                == Some(true)
            {
                measure.end();
            }
        }
    });
}

/// A file an export made, ready to download. Its body stays a browser `Blob`, made by the formats
/// module from its own memory: a workspace in a verbose format is tens of megabytes, never copied
/// into this module.
#[derive(Clone)]
pub struct ExportedFile {
    /// The suggested file name.
    pub file_name: String,
    /// The file (its media type set).
    pub blob: web_sys::Blob,
    /// What the format could not hold exactly.
    pub warnings: Vec<Warning>,
}

/// Writes documents (encoded by `spanmark_core::transfer`) in `format`, through the formats module. Taking the
/// bytes, not the documents, leaves the workspace free while it runs.
pub async fn export(
    format: Format,
    documents: Vec<u8>,
    options: &ExportOptions,
) -> Result<ExportedFile, String> {
    let (labels, doccano, schema) = option_args(options);
    let out = call(
        "export_documents",
        &[
            format.id().into(),
            Uint8Array::from(documents.as_slice()).into(),
            labels,
            doccano,
            schema,
        ],
    )
    .await?;
    Ok(ExportedFile {
        file_name: field(&out, "fileName")?.as_string().ok_or("no file name")?,
        blob: field(&out, "blob")?
            .dyn_into::<web_sys::Blob>()
            .map_err(|_| "no file")?,
        warnings: warnings(&field(&out, "warnings")?),
    })
}

/// The export dialog's preview of `format` for one document (encoded by `spanmark_core::transfer`).
pub async fn preview(
    format: Format,
    document: Vec<u8>,
    options: &ExportOptions,
) -> Result<String, String> {
    let (labels, doccano, schema) = option_args(options);
    let one = Uint8Array::from(document.as_slice());
    call(
        "preview",
        &[format.id().into(), one.into(), labels, doccano, schema],
    )
    .await?
    .as_string()
    .ok_or_else(|| "no preview".to_string())
}

/// Imports one picked file (its contents as the browser read them) in `format`, or detected from
/// its content when `None`, through the formats module; with `keep_valid`, the valid lines of a
/// line-based file whose other lines fail. Spanmark JSONL detected before is read by
/// `import_native`, in this module.
pub async fn import(
    format: Option<Format>,
    file_name: &str,
    contents: &Uint8Array,
    keep_valid: bool,
) -> Result<Imported, String> {
    let format = format.map_or(JsValue::UNDEFINED, |f| f.id().into());
    let out = call(
        "import_file",
        &[format, file_name.into(), contents.into(), keep_valid.into()],
    )
    .await?;
    imported(&out)
}

/// Imports a file as it is read, a piece at a time, if its format is read that way (spaCy /
/// Prodigy JSONL, chosen or detected from its first line): reading overlaps parsing, and neither
/// module holds the whole file. `None` when the format is read whole, and when the import fails:
/// the caller then imports the file whole, which reports the problem in full (and can keep the
/// valid lines).
pub async fn import_streamed(
    format: Option<Format>,
    file_name: &str,
    opened: OpenedFile,
) -> Option<Imported> {
    let format = format.map_or(JsValue::UNDEFINED, |f| f.id().into());
    let head = Uint8Array::from(opened.head.as_slice());
    let import = call(
        "start_line_import",
        &[format, file_name.into(), head.into()],
    )
    .await
    .ok()
    .filter(|import| !import.is_undefined() && !import.is_null())?;
    let result = read_on(&import, opened).await;
    if result.is_none() {
        // Free what the formats module has read so far (after `finish`, this does nothing).
        let free = Reflect::get(&import, &"free".into()).ok()?;
        let _ = free.dyn_into::<Function>().ok()?.call0(&import);
    }
    result
}

async fn read_on(import: &JsValue, opened: OpenedFile) -> Option<Imported> {
    for piece in opened.read {
        push_piece(import, piece).await?;
    }
    let mut rest = opened.rest;
    while let Some(piece) = rest.next().await.ok()? {
        push_piece(import, piece).await?;
    }
    let out = call("finish_line_import", std::slice::from_ref(import))
        .await
        .ok()?;
    imported(&out).ok()
}

async fn push_piece(import: &JsValue, piece: Uint8Array) -> Option<()> {
    call("push_line_import", &[import.clone(), piece.into()])
        .await
        .ok()
        .map(drop)
}

/// The suggestion engine's new suggestions (of `kinds`) for each of `documents` (encoded by
/// `spanmark_core::transfer`), through the formats module, which holds the engine: one list per
/// document, in order.
pub async fn suggest(
    documents: Vec<u8>,
    kinds: &[SuggestionKind],
) -> Result<Vec<Vec<Suggestion>>, String> {
    let kinds: Vec<&str> = kinds.iter().map(|k| k.label()).collect();
    let out = call(
        "suggest_documents",
        &[
            Uint8Array::from(documents.as_slice()).into(),
            kinds.join("\n").into(),
        ],
    )
    .await?;
    let bytes = out
        .dyn_into::<Uint8Array>()
        .map_err(|_| "no suggestions")?
        .to_vec();
    spanmark_core::transfer::suggestions_from_bytes(&bytes)
}

/// Imports a brat pair picked together (`<stem>.txt` and `<stem>.ann`).
pub async fn import_brat_pair(
    stem: &str,
    (text_name, text): (&str, &Uint8Array),
    (ann_name, ann): (&str, &Uint8Array),
) -> Result<Imported, String> {
    let out = call(
        "import_brat_pair",
        &[
            stem.into(),
            text_name.into(),
            text.into(),
            ann_name.into(),
            ann.into(),
        ],
    )
    .await?;
    imported(&out)
}

/// Imports a Spanmark JSONL file, here (no formats module needed); with `keep_valid`, its valid
/// lines when others fail.
pub fn import_native(
    file_name: &str,
    bytes: &[u8],
    keep_valid: bool,
) -> Result<Imported, ImportError> {
    let read = |text: &str| {
        spanmark_jsonl::import(text).map(|documents| Imported {
            documents,
            warnings: vec![],
        })
    };
    let text = formats::utf8(bytes).map_err(|e| e.in_file(file_name))?;
    match read(text) {
        Ok(imported) => Ok(imported),
        Err(e) if keep_valid => {
            formats::keep_valid_lines(file_name, text, e.in_file(file_name), read)
        }
        Err(e) => Err(e.in_file(file_name)),
    }
}

/// Calls `name` of the formats module (loading it first, once).
pub(crate) async fn call(name: &str, args: &[JsValue]) -> Result<JsValue, String> {
    let module = JsFuture::from(load_formats()).await.map_err(|e| {
        format!(
            "the formats and suggestions module could not be loaded ({}); \
             Spanmark JSONL import and export still work",
            js_error(e)
        )
    })?;
    let function: Function = Reflect::get(&module, &name.into())
        .map_err(js_error)?
        .dyn_into()
        .map_err(|_| format!("the formats module has no {name}"))?;
    let args: Array = args.iter().collect();
    function.apply(&JsValue::NULL, &args).map_err(js_error)
}

fn option_args(options: &ExportOptions) -> (JsValue, JsValue, JsValue) {
    let labels = options
        .labels
        .as_ref()
        .map_or(JsValue::UNDEFINED, |l| l.join("\n").into());
    let doccano = (options.doccano == DoccanoVariant::EntitiesRelations).into();
    let schema = options
        .schema
        .as_ref()
        .and_then(|set| serde_json::to_string(set).ok())
        .map_or(JsValue::UNDEFINED, JsValue::from);
    (labels, doccano, schema)
}

/// The result of an import call: its documents are a view of the formats module's memory, valid
/// until that module runs again, so this copies them at once (call it straight after the call
/// returns, with no `await` between).
fn imported(out: &JsValue) -> Result<Imported, String> {
    let bytes = field(out, "documents")?
        .dyn_into::<Uint8Array>()
        .map_err(|_| "no documents")?
        .to_vec();
    let documents = spanmark_core::transfer::documents_from_bytes(&bytes)?;
    Ok(Imported {
        documents,
        warnings: warnings(&field(out, "warnings")?),
    })
}

fn field(object: &JsValue, key: &str) -> Result<JsValue, String> {
    Reflect::get(object, &key.into()).map_err(js_error)
}

fn warnings(list: &JsValue) -> Vec<Warning> {
    Array::from(list)
        .iter()
        .map(|pair| {
            let pair = Array::from(&pair);
            Warning::new(
                pair.get(0).as_string().unwrap_or_default(),
                pair.get(1).as_string().unwrap_or_default(),
            )
        })
        .collect()
}
