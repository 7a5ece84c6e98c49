//! Label Studio JSON tasks, for a `<Labels name="label" toName="text">` + `<Text name="text"
//! value="$text">` labelling config.
//!
//! ```json
//! [{"id":1,"data":{"text":"…","doc_id":"d1","title":"…","added_at":0},
//!   "annotations":[{"id":1,"result":[
//!     {"id":"s1","from_name":"label","to_name":"text","type":"labels",
//!      "value":{"start":0,"end":3,"text":"Ali","labels":["speaker"]}},
//!     {"id":"s1","from_name":"note","to_name":"text","type":"textarea",
//!      "value":{"start":0,"end":3,"text":["a note"]}},
//!     {"type":"relation","from_id":"s2","to_id":"s1","direction":"right","labels":["said-by"]}]}]}]
//! ```
//!
//! Offsets are code points (what Label Studio's `<Text>` uses), and the text is always included
//! (Label Studio #6027). Region ids are `s<span id>`; a note is a per-region `textarea` result with
//! the region's id (a `<TextArea name="note" perRegion="true">` in the config). Relation ids are not
//! kept by Label Studio, so an import numbers relations 1, 2, … Import reads the first annotation of
//! each task (or its first prediction when it has no annotation) and warns about the others.
//!
//! **Attributes** are per-region results named after the attribute (`from_name`), with the region's
//! id, as `<Number>`, `<Choices>` and `<TextArea>` controls with `perRegion="true"` write them:
//! a number is `"type":"number"` (`{"number":2000}`), yes/no is `"type":"choices"` with `["yes"]` or
//! `["no"]`, a one-of-a-list value (per the label set) `"type":"choices"` with the option, and text
//! `"type":"textarea"`. Import reads them back the same way; a `choices` result of exactly `yes`
//! or `no` reads as yes/no. The attributes `label` and `note` cannot exist (the label set refuses
//! those names), so they never meet the label and note results. The document's publication date,
//! byline and annotator ride in `data` as `published`, `byline` and `annotator`.

use std::collections::HashMap;

use serde_json::{json, Value};

use super::{check_quote, derived_id, derived_title, ImportError, Imported, Warning};
use crate::attributes::{AttrType, AttrValue};
use crate::model::{
    check_range, free_id, Document, DocumentId, LabelSet, Relation, RelationId, Span, SpanId,
};
use crate::offsets::{CharOffset, OffsetIndex};

/// Writes documents as a JSON array of Label Studio tasks (pretty-printed, one task per document).
/// `schema` says which text attributes are one-of-a-list (written as `choices`).
pub fn export(docs: &[Document], schema: &LabelSet) -> String {
    let tasks: Vec<Value> = docs
        .iter()
        .enumerate()
        .map(|(i, doc)| {
            let index = OffsetIndex::new(&doc.text);
            let mut result = vec![];
            for s in &doc.spans {
                let text = index.slice(s.start, s.end).unwrap_or("");
                result.push(json!({
                    "id": format!("s{}", s.id.0),
                    "from_name": "label",
                    "to_name": "text",
                    "type": "labels",
                    "value": {"start": s.start.0, "end": s.end.0, "text": text, "labels": [s.label]},
                }));
                if !s.note.is_empty() {
                    result.push(json!({
                        "id": format!("s{}", s.id.0),
                        "from_name": "note",
                        "to_name": "text",
                        "type": "textarea",
                        "value": {"start": s.start.0, "end": s.end.0, "text": [s.note]},
                    }));
                }
                for (name, value) in &s.attributes {
                    let choice = schema
                        .attribute(&s.label, name)
                        .is_some_and(|d| d.kind == AttrType::Choice);
                    let (kind, key, v) = match value {
                        AttrValue::Number(_) => ("number", "number", value.to_json()),
                        AttrValue::Bool(_) => ("choices", "choices", json!([value.to_string()])),
                        AttrValue::Text(t) if choice => ("choices", "choices", json!([t])),
                        AttrValue::Text(t) => ("textarea", "text", json!([t])),
                    };
                    result.push(json!({
                        "id": format!("s{}", s.id.0),
                        "from_name": name,
                        "to_name": "text",
                        "type": kind,
                        "value": {"start": s.start.0, "end": s.end.0, key: v},
                    }));
                }
            }
            for r in &doc.relations {
                result.push(json!({
                    "type": "relation",
                    "from_id": format!("s{}", r.from.0),
                    "to_id": format!("s{}", r.to.0),
                    "direction": "right",
                    "labels": [r.kind],
                }));
            }
            let mut data = json!({
                "text": doc.text,
                "doc_id": doc.id.0,
                "title": doc.title,
                "added_at": doc.added_at,
            });
            for (key, value) in [
                ("source", &doc.source),
                ("published", &doc.published),
                ("byline", &doc.byline),
                ("annotator", &doc.annotator),
            ] {
                if let Some(value) = value {
                    data[key] = json!(value);
                }
            }
            if doc.line_endings_normalised {
                data["line_endings_normalised"] = json!(true);
            }
            json!({
                "id": i + 1,
                "data": data,
                "annotations": [{"id": i + 1, "result": result}],
            })
        })
        .collect();
    let mut out = serde_json::to_string_pretty(&tasks).expect("plain data serialises");
    out.push('\n');
    out
}

/// Reads a Label Studio JSON export (an array of tasks, or one task).
pub fn import(stem: &str, input: &str) -> Result<Imported, ImportError> {
    let value: Value = serde_json::from_str(input)
        .map_err(|e| ImportError::at_line(e.line().max(1), format!("not valid JSON ({e})")))?;
    let tasks = match value {
        Value::Array(tasks) => tasks,
        task @ Value::Object(_) => vec![task],
        _ => {
            return Err(ImportError::whole(
                "a Label Studio export is a JSON array of tasks",
            ))
        }
    };
    let mut documents: Vec<Document> = vec![];
    let mut warnings = vec![];
    for (i, task) in tasks.into_iter().enumerate() {
        let n = i + 1;
        let doc = task_to_document(&task, stem, n, &mut warnings)
            .map_err(|m| ImportError::at_record(n, m))?;
        if documents.iter().any(|d| d.id == doc.id) {
            return Err(ImportError::at_record(
                n,
                format!("document id {:?} appears twice", doc.id.0),
            ));
        }
        documents.push(doc);
    }
    if documents.is_empty() {
        return Err(ImportError::whole("no tasks: the array is empty"));
    }
    Ok(Imported {
        documents,
        warnings,
    })
}

fn task_to_document(
    task: &Value,
    stem: &str,
    n: usize,
    warnings: &mut Vec<Warning>,
) -> Result<Document, String> {
    let data = task
        .get("data")
        .and_then(Value::as_object)
        .ok_or("no \"data\" object")?;
    let text = data
        .get("text")
        .and_then(Value::as_str)
        .ok_or("data has no \"text\" string (exports without the text cannot be imported)")?;
    let id = match (data.get("doc_id"), task.get("id")) {
        (Some(Value::String(s)), _) if !s.is_empty() => DocumentId(s.clone()),
        (_, Some(Value::Number(x))) => DocumentId(format!("{stem}-{x}")),
        (_, Some(Value::String(s))) if !s.is_empty() => DocumentId(s.clone()),
        _ => derived_id(stem, n),
    };
    let title = data
        .get("title")
        .and_then(Value::as_str)
        .map(str::to_string)
        .unwrap_or_else(|| derived_title(text, &id.0));
    let added_at = data.get("added_at").and_then(Value::as_u64).unwrap_or(0);
    let mut doc = Document::new(id, title, text, added_at);
    let text_of = |key: &str| data.get(key).and_then(Value::as_str).map(str::to_string);
    doc.source = text_of("source");
    doc.published = text_of("published");
    doc.byline = text_of("byline");
    doc.annotator = text_of("annotator");
    doc.line_endings_normalised = data
        .get("line_endings_normalised")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    let empty = vec![];
    let annotations = task
        .get("annotations")
        .and_then(Value::as_array)
        .filter(|a| !a.is_empty())
        .or_else(|| task.get("predictions").and_then(Value::as_array))
        .unwrap_or(&empty);
    if annotations.len() > 1 {
        warnings.push(Warning::new(
            format!("record {n}"),
            format!(
                "{} annotations; only the first is imported",
                annotations.len()
            ),
        ));
    }
    let Some(annotation) = annotations.first() else {
        return Ok(doc);
    };
    let results = annotation
        .get("result")
        .and_then(Value::as_array)
        .ok_or("annotation has no \"result\" list")?;
    let index = OffsetIndex::new(&doc.text);
    // Region id → span ids (a region with several labels becomes several spans).
    let mut regions: HashMap<String, Vec<SpanId>> = HashMap::new();
    let explicit: Vec<u64> = results
        .iter()
        .filter_map(|r| r.get("id")?.as_str()?.strip_prefix('s')?.parse().ok())
        .collect();
    let mut next = explicit.iter().max().map_or(1, |m| m.saturating_add(1));
    let mut used = std::collections::HashSet::new();
    let mut notes: Vec<(String, String)> = vec![];
    let mut attributes: Vec<(String, String, AttrValue)> = vec![];
    let mut relations = vec![];
    for (k, r) in results.iter().enumerate() {
        let which = format!("result {}", k + 1);
        let kind = r.get("type").and_then(Value::as_str).unwrap_or("");
        let value = r.get("value");
        match kind {
            "labels" => {
                let value = value.ok_or_else(|| format!("{which}: no \"value\""))?;
                let start = value.get("start").and_then(Value::as_i64);
                let end = value.get("end").and_then(Value::as_i64);
                let (Some(start), Some(end)) = (start, end) else {
                    return Err(format!("{which}: value needs integer start and end"));
                };
                check_range(start, end, index.len_chars())
                    .map_err(|m| format!("{which}: span {m}"))?;
                check_quote(
                    &index,
                    start as usize,
                    end as usize,
                    value.get("text").and_then(Value::as_str),
                )
                .map_err(|m| format!("{which}: {m}"))?;
                let labels: Vec<String> = value
                    .get("labels")
                    .and_then(Value::as_array)
                    .map(|a| {
                        a.iter()
                            .filter_map(Value::as_str)
                            .map(str::to_string)
                            .collect()
                    })
                    .unwrap_or_default();
                if labels.is_empty() {
                    return Err(format!("{which}: no labels"));
                }
                let region = r
                    .get("id")
                    .and_then(Value::as_str)
                    .map(str::to_string)
                    .unwrap_or_else(|| format!("#{k}"));
                for label in labels {
                    if label.is_empty() {
                        return Err(format!("{which}: label is empty"));
                    }
                    let wanted = region.strip_prefix('s').and_then(|d| d.parse::<u64>().ok());
                    let id = match wanted {
                        Some(id) if !used.contains(&id) => id,
                        _ => {
                            next = free_id(next, |i| used.contains(&i) || explicit.contains(&i));
                            next
                        }
                    };
                    used.insert(id);
                    regions.entry(region.clone()).or_default().push(SpanId(id));
                    doc.spans.push(Span {
                        id: SpanId(id),
                        start: CharOffset(start as usize),
                        end: CharOffset(end as usize),
                        label,
                        note: String::new(),
                        attributes: Default::default(),
                    });
                }
            }
            "textarea" | "choices" | "number" => {
                let region = r
                    .get("id")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_string();
                let name = r.get("from_name").and_then(Value::as_str).unwrap_or("note");
                let strings = |key: &str| -> Vec<&str> {
                    value
                        .and_then(|v| v.get(key))
                        .and_then(Value::as_array)
                        .map(|a| a.iter().filter_map(Value::as_str).collect())
                        .unwrap_or_default()
                };
                let got = match kind {
                    "textarea" if name == "note" => {
                        notes.push((region, strings("text").join("\n")));
                        continue;
                    }
                    "textarea" => Some(AttrValue::Text(strings("text").join("\n"))),
                    "number" => value
                        .and_then(|v| v.get("number"))
                        .and_then(AttrValue::from_json)
                        .filter(|v| matches!(v, AttrValue::Number(_))),
                    _ => match strings("choices")[..] {
                        ["yes"] => Some(AttrValue::Bool(true)),
                        ["no"] => Some(AttrValue::Bool(false)),
                        [one] => Some(AttrValue::Text(one.to_string())),
                        _ => None,
                    },
                };
                match got {
                    Some(v) => attributes.push((region, name.to_string(), v)),
                    None => warnings.push(Warning::new(
                        format!("record {n}, {which}"),
                        format!(
                            "{kind} result {name:?} holds no single value Spanmark can keep; not \
                             imported"
                        ),
                    )),
                }
            }
            "relation" => relations.push((k, r)),
            other => warnings.push(Warning::new(
                format!("record {n}, {which}"),
                format!("result type {other:?} is not a span or relation; not imported"),
            )),
        }
    }
    for (region, note) in notes {
        match regions.get(&region) {
            Some(ids) => {
                for id in ids {
                    if let Some(s) = doc.spans.iter_mut().find(|s| s.id == *id) {
                        s.note = note.clone();
                    }
                }
            }
            None => warnings.push(Warning::new(
                format!("record {n}"),
                format!("textarea result {region:?} belongs to no labelled region; not imported"),
            )),
        }
    }
    for (region, name, value) in attributes {
        match regions.get(&region) {
            Some(ids) => {
                for id in ids {
                    if let Some(s) = doc.spans.iter_mut().find(|s| s.id == *id) {
                        s.attributes.insert(name.clone(), value.clone());
                    }
                }
            }
            None => warnings.push(Warning::new(
                format!("record {n}"),
                format!("{name:?} result {region:?} belongs to no labelled region; not imported"),
            )),
        }
    }
    for (k, r) in relations {
        let which = format!("result {}", k + 1);
        let end = |key: &str| -> Result<SpanId, String> {
            let id = r
                .get(key)
                .and_then(Value::as_str)
                .ok_or_else(|| format!("{which}: relation has no {key}"))?;
            regions
                .get(id)
                .and_then(|ids| ids.first().copied())
                .ok_or_else(|| format!("{which}: {key} {id:?} is not a region of this annotation"))
        };
        let (mut from, mut to) = (end("from_id")?, end("to_id")?);
        if r.get("direction").and_then(Value::as_str) == Some("left") {
            std::mem::swap(&mut from, &mut to);
        }
        let labels: Vec<&str> = r
            .get("labels")
            .and_then(Value::as_array)
            .map(|a| a.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        let kinds = if labels.is_empty() { vec![""] } else { labels };
        for kind in kinds {
            let id = doc.next_relation_id();
            doc.relations.push(Relation {
                id: RelationId(id.0),
                from,
                to,
                kind: kind.to_string(),
            });
        }
    }
    Ok(doc)
}
