//! Hugging Face NER JSONL, the shape `datasets` token-classification scripts train on.
//!
//! One line per document and label layer:
//!
//! ```json
//! {"id":"d1/quote","document_id":"d1","layer":"quote","tokens":["Ali","said"],"ner_tags":[1,0],
//!  "ner_tag_names":["O","B-quote","I-quote"]}
//! ```
//!
//! `ner_tags` are integers indexing `ner_tag_names`, the file's whole label list (`O`, then `B-X`,
//! `I-X` for each exported label), repeated on every line so each line is self-describing and
//! `datasets.load_dataset("json")` reads the file as it is; cast `ner_tags` to
//! `Sequence(ClassLabel(names=ner_tag_names))` to get named classes. Tokens and layers are those of
//! [`super::layers`] (one layer per label, nothing dropped silently). Import joins a document's
//! layers back and rebuilds its text by joining tokens with one space.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::layers::{join_tokens, layer, parse_tag, spans_from_tags, Layered, Tag};
use super::{derived_title, labels_in, ImportError, Imported, Warning};
use crate::model::{Document, DocumentId};

#[derive(Serialize, Deserialize)]
struct Line {
    #[serde(default)]
    id: Option<serde_json::Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    document_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    layer: Option<String>,
    tokens: Vec<String>,
    ner_tags: Vec<serde_json::Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    ner_tag_names: Option<Vec<String>>,
}

/// One layer's parsed tags.
type TagColumn = Vec<(Tag, Option<String>)>;
/// A document's tokens and its layers (line number, tags).
type Group = (Vec<String>, Vec<(usize, TagColumn)>);

/// The file's label list: `O`, then `B-X`, `I-X` per label.
pub fn tag_names(labels: &[String]) -> Vec<String> {
    let mut names = vec!["O".to_string()];
    for l in labels {
        names.push(format!("B-{l}"));
        names.push(format!("I-{l}"));
    }
    names
}

/// Writes one line per document and label in `labels` (all labels when `None`; a document of a
/// file without labels gets one all-`O` line so it is not lost).
pub fn export(docs: &[Document], labels: Option<&[String]>, warnings: &mut Vec<Warning>) -> String {
    let labels: Vec<String> = labels
        .map(<[String]>::to_vec)
        .unwrap_or_else(|| labels_in(docs));
    let names = tag_names(&labels);
    let mut out = String::new();
    for doc in docs {
        let Layered { texts, layers, .. } = layer(doc, &labels, warnings);
        let layers: Vec<(Option<String>, Vec<Tag>)> = if layers.is_empty() {
            vec![(None, vec![Tag::O; texts.len()])]
        } else {
            layers.into_iter().map(|(l, t)| (Some(l), t)).collect()
        };
        for (label, tags) in layers {
            let offset = label
                .as_ref()
                .and_then(|l| labels.iter().position(|x| x == l))
                .map(|p| 1 + 2 * p)
                .unwrap_or(0);
            let ner_tags = tags
                .iter()
                .map(|t| {
                    serde_json::Value::from(match t {
                        Tag::O => 0,
                        Tag::B => offset,
                        Tag::I => offset + 1,
                    })
                })
                .collect();
            let id = match &label {
                Some(l) => format!("{}/{l}", doc.id.0),
                None => doc.id.0.clone(),
            };
            let line = Line {
                id: Some(id.into()),
                document_id: Some(doc.id.0.clone()),
                layer: label,
                tokens: texts.clone(),
                ner_tags,
                ner_tag_names: Some(names.clone()),
            };
            out.push_str(&serde_json::to_string(&line).expect("plain data serialises"));
            out.push('\n');
        }
    }
    out
}

/// Reads HF NER JSONL. `ner_tags` may be integers (with `ner_tag_names` on the line) or tag strings.
/// Lines with the same `document_id` (or `id` when absent) are layers of one document.
pub fn import(input: &str) -> Result<Imported, ImportError> {
    let mut order: Vec<String> = vec![];
    let mut groups: HashMap<String, Group> = HashMap::new();
    for (i, raw) in input.split('\n').enumerate() {
        let n = i + 1;
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        if raw.trim().is_empty() {
            continue;
        }
        let line: Line = serde_json::from_str(raw)
            .map_err(|e| ImportError::at_line(n, format!("not an HF NER line ({e})")))?;
        if line.tokens.len() != line.ner_tags.len() {
            return Err(ImportError::at_line(
                n,
                format!(
                    "{} tokens but {} ner_tags",
                    line.tokens.len(),
                    line.ner_tags.len()
                ),
            ));
        }
        if let Some(k) = line.tokens.iter().position(|t| t.is_empty()) {
            return Err(ImportError::at_line(n, format!("token {k} is empty")));
        }
        let mut tags = Vec::with_capacity(line.ner_tags.len());
        for (k, value) in line.ner_tags.iter().enumerate() {
            let name: String = match value {
                serde_json::Value::String(s) => s.clone(),
                serde_json::Value::Number(num) => {
                    let names = line.ner_tag_names.as_ref().ok_or_else(|| {
                        ImportError::at_line(
                            n,
                            "ner_tags are integers but the line has no ner_tag_names list",
                        )
                    })?;
                    num.as_u64()
                        .and_then(|x| names.get(x as usize))
                        .cloned()
                        .ok_or_else(|| {
                            ImportError::at_line(
                                n,
                                format!(
                                    "ner_tags[{k}] = {num} is not an index into ner_tag_names ({} names)",
                                    names.len()
                                ),
                            )
                        })?
                }
                other => {
                    return Err(ImportError::at_line(
                        n,
                        format!("ner_tags[{k}] = {other} is neither an integer nor a tag"),
                    ))
                }
            };
            let (tag, label) = parse_tag(&name)
                .map_err(|m| ImportError::at_line(n, format!("ner_tags[{k}]: {m}")))?;
            tags.push((tag, label.map(str::to_string)));
        }
        let key = match (&line.document_id, &line.id) {
            (Some(d), _) => d.clone(),
            (None, Some(serde_json::Value::String(s))) => s.clone(),
            (None, Some(v)) => v.to_string(),
            (None, None) => format!("line-{n}"),
        };
        match groups.get_mut(&key) {
            Some((tokens, layers)) => {
                if *tokens != line.tokens {
                    return Err(ImportError::at_line(
                        n,
                        format!("document {key:?} appears again with different tokens"),
                    ));
                }
                layers.push((n, tags));
            }
            None => {
                order.push(key.clone());
                groups.insert(key, (line.tokens, vec![(n, tags)]));
            }
        }
    }
    if order.is_empty() {
        return Err(ImportError::whole(
            "no documents: the file has no JSON lines",
        ));
    }
    let mut documents = vec![];
    let mut warnings = vec![];
    for key in order {
        let (tokens, layers) = groups.remove(&key).expect("every key has a group");
        let (text, ranges) = join_tokens(&tokens, &[]);
        let mut doc = Document::new(DocumentId(key.clone()), derived_title(&text, &key), text, 0);
        let mut next_id = 1;
        for (n, tags) in layers {
            let location = move |k: usize| format!("line {n}, token {k}");
            doc.spans.extend(spans_from_tags(
                &tags,
                &ranges,
                &mut next_id,
                &location,
                &mut warnings,
            ));
        }
        documents.push(doc);
    }
    Ok(Imported {
        documents,
        warnings,
    })
}
