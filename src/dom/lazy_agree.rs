//! Agreement and adjudication, through the formats module (`crates/formats-web`, its `agree`
//! part), which holds the agreement core: the start-up module does not carry it. Documents cross
//! encoded by `spanmark_core::transfer`; results come back as JSON text.

use js_sys::{Array, Uint8Array};
use wasm_bindgen::JsValue;

use crate::dom::lazy_formats::call;

fn array(parts: &[Vec<u8>]) -> Array {
    parts
        .iter()
        .map(|p| JsValue::from(Uint8Array::from(p.as_slice())))
        .collect()
}

fn text(value: JsValue) -> Result<String, String> {
    value.as_string().ok_or_else(|| "no result".to_string())
}

/// The agreement report (JSON) of the annotators `names`, each with its documents encoded.
pub async fn report(names: &[String], documents: &[Vec<u8>]) -> Result<String, String> {
    text(
        call(
            "agree_report",
            &[names.join("\n").into(), array(documents).into()],
        )
        .await?,
    )
}

/// One document's adjudication items (JSON); `versions` one encoded document per lane, empty
/// for a lane without it.
pub async fn items(names: &[String], versions: &[Vec<u8>]) -> Result<String, String> {
    text(
        call(
            "adjudicate_items",
            &[names.join("\n").into(), array(versions).into()],
        )
        .await?,
    )
}

/// The gold document (a Spanmark JSONL line) from the decisions (JSON, see the formats module).
pub async fn gold(
    names: &[String],
    versions: &[Vec<u8>],
    decisions: &str,
    accept_agreed: bool,
    annotator: Option<String>,
) -> Result<String, String> {
    let annotator = annotator.map_or(JsValue::UNDEFINED, JsValue::from);
    text(
        call(
            "adjudicate_gold",
            &[
                names.join("\n").into(),
                array(versions).into(),
                decisions.into(),
                accept_agreed.into(),
                annotator,
            ],
        )
        .await?,
    )
}
