//! doccano JSONL, both variants doccano writes:
//!
//! * label tuples (sequence labelling, the default): `{"id","text","label":[[start,end,"LABEL"],…]}`;
//! * entities and relations (relation extraction):
//!   `{"id","text","entities":[{"id","start_offset","end_offset","label"}],"relations":[{"id","from_id","to_id","type"}]}`.
//!
//! Offsets are code points, end exclusive. `title`, `source`, `published`, `byline`, `annotator`
//! and `added_at` are written as extra top-level keys (doccano keeps unknown keys as the example's
//! metadata). Import reads both variants and the older `"labels"` key. The tuple variant cannot hold
//! span ids, notes, attributes or relations; the entities variant cannot hold notes or attributes:
//! an export says so in its warnings.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{derived_id, derived_title, DoccanoVariant, ImportError, Imported, Warning};
use crate::model::{check_range, Document, DocumentId, Relation, RelationId, Span, SpanId};
use crate::offsets::{CharOffset, OffsetIndex};

#[derive(Serialize)]
struct TupleLine<'a> {
    id: &'a str,
    text: &'a str,
    label: Vec<(usize, usize, &'a str)>,
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    published: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    byline: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    annotator: Option<&'a str>,
    added_at: u64,
}

#[derive(Serialize, Deserialize)]
struct Entity {
    id: u64,
    start_offset: i64,
    end_offset: i64,
    label: String,
}

#[derive(Serialize, Deserialize)]
struct DRelation {
    id: u64,
    from_id: u64,
    to_id: u64,
    #[serde(rename = "type")]
    kind: String,
}

#[derive(Serialize)]
struct EntitiesLine<'a> {
    id: &'a str,
    text: &'a str,
    entities: Vec<Entity>,
    relations: Vec<DRelation>,
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    published: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    byline: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    annotator: Option<&'a str>,
    added_at: u64,
}

/// Writes documents as doccano JSONL in the chosen variant.
pub fn export(docs: &[Document], variant: DoccanoVariant, warnings: &mut Vec<Warning>) -> String {
    let mut out = String::new();
    for doc in docs {
        for s in doc.spans.iter().filter(|s| !s.note.is_empty()) {
            warnings.push(Warning::new(
                format!("document {:?}, span {}", doc.id.0, s.id.0),
                "doccano has no span notes; the note is not exported",
            ));
        }
        for s in doc.spans.iter().filter(|s| !s.attributes.is_empty()) {
            let names: Vec<&str> = s.attributes.keys().map(String::as_str).collect();
            warnings.push(Warning::new(
                format!("document {:?}, span {}", doc.id.0, s.id.0),
                format!(
                    "doccano has no span attributes; {} not exported",
                    names.join(", ")
                ),
            ));
        }
        let line = match variant {
            DoccanoVariant::LabelTuples => {
                if !doc.relations.is_empty() {
                    warnings.push(Warning::new(
                        format!("document {:?}", doc.id.0),
                        format!(
                            "{} relation(s) not exported: the label-tuple variant has none (choose \
                             the entities/relations variant)",
                            doc.relations.len()
                        ),
                    ));
                }
                serde_json::to_string(&TupleLine {
                    id: &doc.id.0,
                    text: &doc.text,
                    label: doc
                        .spans
                        .iter()
                        .map(|s| (s.start.0, s.end.0, s.label.as_str()))
                        .collect(),
                    title: &doc.title,
                    source: doc.source.as_deref(),
                    published: doc.published.as_deref(),
                    byline: doc.byline.as_deref(),
                    annotator: doc.annotator.as_deref(),
                    added_at: doc.added_at,
                })
            }
            DoccanoVariant::EntitiesRelations => serde_json::to_string(&EntitiesLine {
                id: &doc.id.0,
                text: &doc.text,
                entities: doc
                    .spans
                    .iter()
                    .map(|s| Entity {
                        id: s.id.0,
                        start_offset: s.start.0 as i64,
                        end_offset: s.end.0 as i64,
                        label: s.label.clone(),
                    })
                    .collect(),
                relations: doc
                    .relations
                    .iter()
                    .map(|r| DRelation {
                        id: r.id.0,
                        from_id: r.from.0,
                        to_id: r.to.0,
                        kind: r.kind.clone(),
                    })
                    .collect(),
                title: &doc.title,
                source: doc.source.as_deref(),
                published: doc.published.as_deref(),
                byline: doc.byline.as_deref(),
                annotator: doc.annotator.as_deref(),
                added_at: doc.added_at,
            }),
        }
        .expect("plain data serialises");
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// Reads doccano JSONL (either variant, `label` or `labels`).
pub fn import(stem: &str, input: &str) -> Result<Imported, ImportError> {
    let mut documents = vec![];
    let mut ids = HashSet::new();
    for (i, raw) in input.split('\n').enumerate() {
        let n = i + 1;
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        if raw.trim().is_empty() {
            continue;
        }
        let value: Value = serde_json::from_str(raw)
            .map_err(|e| ImportError::at_line(n, format!("not valid JSON ({e})")))?;
        let doc = line_to_document(value, stem, documents.len() + 1)
            .map_err(|m| ImportError::at_line(n, m))?;
        if !ids.insert(doc.id.clone()) {
            return Err(ImportError::at_line(
                n,
                format!("document id {:?} appears twice", doc.id.0),
            ));
        }
        documents.push(doc);
    }
    if documents.is_empty() {
        return Err(ImportError::whole(
            "no documents: the file has no JSON lines",
        ));
    }
    Ok(Imported {
        documents,
        warnings: vec![],
    })
}

fn line_to_document(value: Value, stem: &str, n: usize) -> Result<Document, String> {
    let Value::Object(obj) = value else {
        return Err("a doccano line is a JSON object".into());
    };
    let text = obj
        .get("text")
        .or_else(|| obj.get("data"))
        .and_then(Value::as_str)
        .ok_or("no \"text\" string")?
        .to_string();
    let id = match obj.get("id") {
        Some(Value::String(s)) if !s.is_empty() => DocumentId(s.clone()),
        Some(Value::Number(x)) => DocumentId(x.to_string()),
        _ => derived_id(stem, n),
    };
    let title = obj
        .get("title")
        .and_then(Value::as_str)
        .map(str::to_string)
        .unwrap_or_else(|| derived_title(&text, &id.0));
    let added_at = obj.get("added_at").and_then(Value::as_u64).unwrap_or(0);
    let mut doc = Document::new(id, title, text, added_at);
    let text_of = |key: &str| obj.get(key).and_then(Value::as_str).map(str::to_string);
    doc.source = text_of("source");
    doc.published = text_of("published");
    doc.byline = text_of("byline");
    doc.annotator = text_of("annotator");
    let text_copy = doc.text.clone();
    let index = OffsetIndex::new(&text_copy);
    let mut span_ids = HashSet::new();
    let mut push = |doc: &mut Document, id: u64, s: i64, e: i64, label: String, which: String| {
        check_range(s, e, index.len_chars()).map_err(|m| format!("{which}: span {m}"))?;
        if label.is_empty() {
            return Err(format!("{which}: label is empty"));
        }
        if !span_ids.insert(id) {
            return Err(format!("{which}: entity id {id} appears twice"));
        }
        doc.spans.push(Span {
            id: SpanId(id),
            start: CharOffset(s as usize),
            end: CharOffset(e as usize),
            label,
            note: String::new(),
            attributes: Default::default(),
        });
        Ok(())
    };
    if let Some(entities) = obj.get("entities") {
        let entities: Vec<Entity> = serde_json::from_value(entities.clone()).map_err(|e| {
            format!("entities must be objects with id, start_offset, end_offset and label ({e})")
        })?;
        for (k, e) in entities.into_iter().enumerate() {
            push(
                &mut doc,
                e.id,
                e.start_offset,
                e.end_offset,
                e.label,
                format!("entity {}", k + 1),
            )?;
        }
        if let Some(relations) = obj.get("relations") {
            let relations: Vec<DRelation> =
                serde_json::from_value(relations.clone()).map_err(|e| {
                    format!("relations must be objects with id, from_id, to_id and type ({e})")
                })?;
            for (k, r) in relations.into_iter().enumerate() {
                for end in [r.from_id, r.to_id] {
                    if !span_ids.contains(&end) {
                        return Err(format!("relation {}: no entity with id {end}", k + 1));
                    }
                }
                doc.relations.push(Relation {
                    id: RelationId(r.id),
                    from: SpanId(r.from_id),
                    to: SpanId(r.to_id),
                    kind: r.kind,
                });
            }
        }
    } else if let Some((key, labels)) = obj
        .get("label")
        .map(|l| ("label", l))
        .or_else(|| obj.get("labels").map(|l| ("labels", l)))
    {
        let tuples: Vec<(i64, i64, String)> =
            serde_json::from_value(labels.clone()).map_err(|e| {
                format!("{key:?} must be a list of [start, end, \"LABEL\"] triples ({e})")
            })?;
        for (k, (s, e, label)) in tuples.into_iter().enumerate() {
            push(&mut doc, k as u64 + 1, s, e, label, format!("{key}[{k}]"))?;
        }
    }
    Ok(doc)
}
