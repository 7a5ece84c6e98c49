//! Agreement between annotators and adjudication (`spanmark_core::agreement`), for the app's
//! comparison view. Here rather than in the app's start-up module: comparing is rare, and the
//! start-up download stays small.
//!
//! Documents cross as bytes (`spanmark_core::transfer`), one array element per annotator (or per
//! lane, for one document: an empty array for a lane that does not have it); results come back as
//! JSON text the app reads with serde.

use std::collections::{BTreeMap, HashMap};

use js_sys::{Array, Uint8Array};
use serde_json::{json, Value};
use spanmark_core::agreement::adjudicate::{Adjudication, ItemKind};
use spanmark_core::agreement::report::DocumentScores;
use spanmark_core::agreement::{adjudicate, agreement, align, build_gold, AnnotatorDocs, Decision};
use spanmark_core::formats::spanmark_jsonl;
use spanmark_core::transfer::documents_from_bytes;
use spanmark_core::{CharOffset, Document};
use wasm_bindgen::prelude::*;

/// Compares the annotators (`names`, one per line; `documents`, each annotator's documents
/// encoded) and returns the report as JSON: `annotators`, `documents`, `complete`, `single`,
/// `labels`, `pairs` (`a`, `b`, per label `f1_exact`, `f1_relaxed`, `kappa`, and `overall`),
/// `multi` (per label `alpha_u`, `fleiss`) and `rows`: one per compared document, lowest mean
/// relaxed F1 first, with `id`, `title`, `versions` (per annotator, the index of its version in
/// that annotator's documents, or null), `f1_exact` and `f1_relaxed` (means over pairs).
/// Throws the alignment's error (two annotators with one name, no document in common…).
#[wasm_bindgen]
pub fn agree_report(names: &str, documents: Array) -> Result<String, JsError> {
    super::entered();
    let annotators = annotators(names, &documents)?;
    let report = agreement(&annotators).map_err(|e| JsError::new(&e.to_string()))?;
    let aligned = align(&annotators).map_err(|e| JsError::new(&e.to_string()))?;
    // Each aligned version's index in its annotator's list.
    let positions: Vec<HashMap<*const Document, usize>> = annotators
        .iter()
        .map(|a| {
            a.documents
                .iter()
                .enumerate()
                .map(|(i, d)| (d as *const Document, i))
                .collect()
        })
        .collect();
    let mut order: Vec<usize> = (0..report.per_document.len()).collect();
    let key = |d: &DocumentScores| d.mean_f1_relaxed().unwrap_or(f64::INFINITY);
    order.sort_by(|&x, &y| key(&report.per_document[x]).total_cmp(&key(&report.per_document[y])));
    let rows: Vec<Value> = order
        .iter()
        .map(|&i| {
            let scores = &report.per_document[i];
            let versions: Vec<Value> = aligned.documents[i]
                .versions
                .iter()
                .enumerate()
                .map(|(k, v)| match v {
                    Some(d) => json!(positions[k].get(&(*d as *const Document))),
                    None => Value::Null,
                })
                .collect();
            let mean =
                |f: &dyn Fn(&spanmark_core::agreement::report::PairScores) -> Option<f64>| {
                    spanmark_core::agreement::report::Summary::of(scores.pairs.iter().map(f)).mean
                };
            json!({
                "id": scores.id,
                "title": scores.title,
                "versions": versions,
                "f1_exact": mean(&|p| p.overall_exact().f1()),
                "f1_relaxed": scores.mean_f1_relaxed(),
            })
        })
        .collect();
    let pairs: Vec<Value> = report
        .pairs
        .iter()
        .map(|p| {
            let labels: serde_json::Map<String, Value> = p
                .labels
                .iter()
                .map(|(l, c)| {
                    (
                        l.clone(),
                        json!({
                            "f1_exact": c.exact.f1(),
                            "f1_relaxed": c.relaxed.f1(),
                            "kappa": c.chars.kappa(),
                        }),
                    )
                })
                .collect();
            json!({
                "a": p.a,
                "b": p.b,
                "labels": labels,
                "overall": {
                    "f1_exact": p.overall_exact().f1(),
                    "f1_relaxed": p.overall_relaxed().f1(),
                },
            })
        })
        .collect();
    let multi: serde_json::Map<String, Value> = report
        .multi
        .iter()
        .map(|(l, m)| {
            (
                l.clone(),
                json!({ "alpha_u": m.alpha_u.alpha, "fleiss": m.fleiss_kappa }),
            )
        })
        .collect();
    Ok(json!({
        "annotators": report.annotators,
        "documents": report.documents,
        "complete": report.complete_documents,
        "single": report.single,
        "labels": report.labels,
        "pairs": pairs,
        "multi": multi,
        "rows": rows,
    })
    .to_string())
}

/// One document's adjudication items as JSON: `[{ id, kinds, proposed, start, end, lanes }]`,
/// `lanes` holding per lane null or `{ start, end, label, attributes, relations }`. `names` one per
/// line; `versions` one encoded document per lane (empty: the lane does not have it).
#[wasm_bindgen]
pub fn adjudicate_items(names: &str, versions: Array) -> Result<String, JsError> {
    super::entered();
    let (names, docs) = lanes(names, &versions)?;
    let adjudication = run(&names, &docs);
    let items: Vec<Value> = adjudication
        .items
        .iter()
        .map(|item| {
            let lanes: Vec<Value> = item
                .lanes
                .iter()
                .map(|v| match v {
                    None => Value::Null,
                    Some(v) => json!({
                        "start": v.span.start.0,
                        "end": v.span.end.0,
                        "label": v.span.label,
                        "attributes": v.attributes,
                        "relations": v.relations.iter().collect::<Vec<_>>(),
                    }),
                })
                .collect();
            json!({
                "id": item.id,
                "kinds": item.kinds.iter().map(|k| kind_name(*k)).collect::<Vec<_>>(),
                "proposed": item.proposed,
                "start": item.start.0,
                "end": item.end.0,
                "lanes": lanes,
            })
        })
        .collect();
    Ok(Value::Array(items).to_string())
}

/// The gold version of one document as a Spanmark JSONL line (`"adjudicated": true`, `agreed_by`
/// on each span), built from `decisions`: a JSON object from item id to `"accept"`, `"reject"`,
/// `{"lane": k}` or `{"edit": {"start", "end", "label", "note"}}`. Items without one are taken
/// when agreed and `accept_agreed` is on. The gold's `annotator` is `annotator` when given.
#[wasm_bindgen]
pub fn adjudicate_gold(
    names: &str,
    versions: Array,
    decisions: &str,
    accept_agreed: bool,
    annotator: Option<String>,
) -> Result<String, JsError> {
    super::entered();
    let (names, docs) = lanes(names, &versions)?;
    let adjudication = run(&names, &docs);
    let base = docs
        .iter()
        .flatten()
        .next()
        .ok_or_else(|| JsError::new("no lane has the document"))?;
    let decisions = read_decisions(decisions)?;
    let mut gold = build_gold(&adjudication, base, &decisions, accept_agreed)
        .map_err(|e| JsError::new(&e.to_string()))?;
    gold.document.annotator = annotator.or(gold.document.annotator);
    gold.document.done = false;
    Ok(spanmark_jsonl::export_gold(&gold.document, &gold.agreed_by))
}

fn run(names: &[String], docs: &[Option<Document>]) -> Adjudication {
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    let versions: Vec<Option<&Document>> = docs.iter().map(Option::as_ref).collect();
    adjudicate(&names, &versions)
}

fn kind_name(kind: ItemKind) -> &'static str {
    match kind {
        ItemKind::Missing => "missing",
        ItemKind::Boundary => "boundary",
        ItemKind::Label => "label",
        ItemKind::Attribute => "attribute",
        ItemKind::Relation => "relation",
    }
}

fn read_decisions(json: &str) -> Result<BTreeMap<usize, Decision>, JsError> {
    let bad = |what: &str| JsError::new(&format!("bad decision: {what}"));
    let map: serde_json::Map<String, Value> =
        serde_json::from_str(json).map_err(|e| bad(&e.to_string()))?;
    map.into_iter()
        .map(|(item, d)| {
            let item: usize = item.parse().map_err(|_| bad(&item))?;
            let decision = match &d {
                Value::String(s) if s == "accept" => Decision::Accept,
                Value::String(s) if s == "reject" => Decision::Reject,
                Value::Object(o) if o.contains_key("lane") => Decision::TakeLane(
                    o["lane"].as_u64().ok_or_else(|| bad(&d.to_string()))? as usize,
                ),
                Value::Object(o) if o.contains_key("edit") => {
                    let e = &o["edit"];
                    let num = |k: &str| {
                        e[k].as_u64()
                            .map(|n| CharOffset(n as usize))
                            .ok_or_else(|| bad(&d.to_string()))
                    };
                    let text = |k: &str| e[k].as_str().unwrap_or_default().to_string();
                    Decision::Edit {
                        start: num("start")?,
                        end: num("end")?,
                        label: text("label"),
                        note: text("note"),
                    }
                }
                _ => return Err(bad(&d.to_string())),
            };
            Ok((item, decision))
        })
        .collect()
}

fn bytes_of(value: JsValue) -> Vec<u8> {
    Uint8Array::new(&value).to_vec()
}

fn annotators(names: &str, documents: &Array) -> Result<Vec<AnnotatorDocs>, JsError> {
    names
        .lines()
        .zip(documents.iter())
        .map(|(name, bytes)| {
            let docs = documents_from_bytes(&bytes_of(bytes)).map_err(|e| JsError::new(&e))?;
            Ok(AnnotatorDocs::new(name, docs))
        })
        .collect()
}

type Lanes = (Vec<String>, Vec<Option<Document>>);

fn lanes(names: &str, versions: &Array) -> Result<Lanes, JsError> {
    let names: Vec<String> = names.lines().map(str::to_string).collect();
    let docs = versions
        .iter()
        .map(|bytes| {
            let bytes = bytes_of(bytes);
            if bytes.is_empty() {
                return Ok(None);
            }
            let mut docs = documents_from_bytes(&bytes).map_err(|e| JsError::new(&e))?;
            Ok(docs.pop())
        })
        .collect::<Result<Vec<_>, JsError>>()?;
    Ok((names, docs))
}
