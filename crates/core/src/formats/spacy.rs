//! spaCy / Prodigy JSONL: one task per line, the shape Prodigy's `ner.manual` writes and
//! `spacy.training` scripts read.
//!
//! ```json
//! {"text":"Ali said","tokens":[{"text":"Ali","start":0,"end":3,"id":0,"ws":true},…],
//!  "spans":[{"start":0,"end":3,"token_start":0,"token_end":0,"label":"speaker","id":1}],
//!  "relations":[{"head":0,"child":1,"head_span":{…},"child_span":{…},"label":"said-by","id":1}],
//!  "meta":{"id":"d1","title":"…","source":"…","added_at":0},"answer":"accept"}
//! ```
//!
//! Offsets are code points; `token_end` is INCLUSIVE, `end` exclusive. Tokens follow
//! [`super::tokens::spacy_tokens`]: `Doc(nlp.vocab, words=[t["text"]], spaces=[t["ws"]])` rebuilds the
//! text exactly, and every span starts and ends on a token boundary, so `doc.char_span(start, end,
//! label)` never returns `None`. The document's id, title, source and date ride in Prodigy's `meta`;
//! span ids and notes as extra span keys. Import also reads spaCy v2's `[text, {"entities": [[s, e,
//! label]]}]` lines, and skips (with a warning) Prodigy answers other than `accept`.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::tokens::spacy_tokens;
use super::{check_quote, check_range, derived_id, derived_title, ImportError, Imported, Warning};
use crate::model::{Document, DocumentId, Relation, RelationId, Span, SpanId};
use crate::offsets::OffsetIndex;

#[derive(Serialize, Deserialize)]
struct Task {
    text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    meta: Option<Meta>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    tokens: Option<Vec<TaskToken>>,
    #[serde(default)]
    spans: Vec<TaskSpan>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    relations: Vec<TaskRelation>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    answer: Option<String>,
}

#[derive(Serialize, Deserialize, Default)]
struct Meta {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    id: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    added_at: Option<u64>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    line_endings_normalised: bool,
}

#[derive(Serialize, Deserialize)]
struct TaskToken {
    text: String,
    start: i64,
    end: i64,
    id: i64,
    ws: bool,
}

#[derive(Serialize, Deserialize, Clone)]
struct TaskSpan {
    start: i64,
    end: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    token_start: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    token_end: Option<i64>,
    label: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    id: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    text: Option<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    note: String,
}

#[derive(Serialize, Deserialize)]
struct TaskRelation {
    #[serde(default)]
    head: Option<i64>,
    #[serde(default)]
    child: Option<i64>,
    #[serde(default)]
    head_span: Option<TaskSpan>,
    #[serde(default)]
    child_span: Option<TaskSpan>,
    label: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    id: Option<u64>,
}

/// Writes documents as spaCy / Prodigy JSONL, one task per line.
pub fn export(docs: &[Document], _warnings: &mut Vec<Warning>) -> String {
    let mut out = String::new();
    for doc in docs {
        let ranges: Vec<(usize, usize)> = doc.spans.iter().map(|s| (s.start.0, s.end.0)).collect();
        let toks = spacy_tokens(&doc.text, &ranges);
        let chars: Vec<char> = doc.text.chars().collect();
        let by_start: HashMap<usize, usize> =
            toks.iter().enumerate().map(|(i, t)| (t.start, i)).collect();
        let by_end: HashMap<usize, usize> =
            toks.iter().enumerate().map(|(i, t)| (t.end, i)).collect();
        let task_span = |s: &Span| TaskSpan {
            start: s.start.0 as i64,
            end: s.end.0 as i64,
            token_start: by_start.get(&s.start.0).map(|&i| i as i64),
            token_end: by_end.get(&s.end.0).map(|&i| i as i64),
            label: s.label.clone(),
            id: Some(s.id.0),
            text: None,
            note: s.note.clone(),
        };
        let relations = doc
            .relations
            .iter()
            .filter_map(|r| {
                let head = doc.span(r.from).map(task_span)?;
                let child = doc.span(r.to).map(task_span)?;
                Some(TaskRelation {
                    head: head.token_end,
                    child: child.token_end,
                    head_span: Some(head),
                    child_span: Some(child),
                    label: r.kind.clone(),
                    id: Some(r.id.0),
                })
            })
            .collect();
        let task = Task {
            text: doc.text.clone(),
            meta: Some(Meta {
                id: Some(Value::String(doc.id.0.clone())),
                title: Some(doc.title.clone()),
                source: doc.source.clone(),
                added_at: Some(doc.added_at),
                line_endings_normalised: doc.line_endings_normalised,
            }),
            tokens: Some(
                toks.iter()
                    .enumerate()
                    .map(|(i, t)| TaskToken {
                        text: chars[t.start..t.end].iter().collect(),
                        start: t.start as i64,
                        end: t.end as i64,
                        id: i as i64,
                        ws: t.ws,
                    })
                    .collect(),
            ),
            spans: doc.spans.iter().map(task_span).collect(),
            relations,
            answer: Some("accept".into()),
        };
        out.push_str(&serde_json::to_string(&task).expect("plain data serialises"));
        out.push('\n');
    }
    out
}

/// Reads spaCy / Prodigy JSONL (or spaCy v2 `[text, {"entities": …}]` lines).
pub fn import(stem: &str, input: &str) -> Result<Imported, ImportError> {
    let mut documents: Vec<Document> = vec![];
    let mut warnings = vec![];
    let mut ids = HashSet::new();
    for (i, raw) in input.split('\n').enumerate() {
        let n = i + 1;
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        if raw.trim().is_empty() {
            continue;
        }
        // Tasks are parsed straight into their shape (no intermediate `Value` tree); only v2
        // `[text, {...}]` pairs go through `Value`.
        let task = if raw.trim_start().starts_with('[') {
            let value: Value = serde_json::from_str(raw)
                .map_err(|e| ImportError::at_line(n, format!("not valid JSON ({e})")))?;
            match value {
                Value::Array(pair) => v2_task(pair).map_err(|m| ImportError::at_line(n, m))?,
                _ => unreachable!("a line starting with [ parses as an array"),
            }
        } else {
            serde_json::from_str::<Task>(raw).map_err(|e| {
                let problem = match e.classify() {
                    serde_json::error::Category::Data => "not a spaCy/Prodigy task",
                    _ => "not valid JSON",
                };
                ImportError::at_line(n, format!("{problem} ({e})"))
            })?
        };
        if let Some(answer) = task.answer.as_deref() {
            if answer != "accept" {
                warnings.push(Warning::new(
                    format!("line {n}"),
                    format!("answer is {answer:?}, not \"accept\"; task skipped"),
                ));
                continue;
            }
        }
        let doc = task_to_document(task, stem, documents.len() + 1)
            .map_err(|m| ImportError::at_line(n, m))?;
        if !ids.insert(doc.id.clone()) {
            return Err(ImportError::at_line(
                n,
                format!("document id {:?} appears twice", doc.id.0),
            ));
        }
        documents.push(doc);
    }
    if documents.is_empty() && warnings.is_empty() {
        return Err(ImportError::whole(
            "no documents: the file has no JSON lines",
        ));
    }
    Ok(Imported {
        documents,
        warnings,
    })
}

fn v2_task(pair: Vec<Value>) -> Result<Task, String> {
    let [text, annotations] = <[Value; 2]>::try_from(pair)
        .map_err(|_| "a spaCy v2 line is [text, {\"entities\": [...]}]".to_string())?;
    let text = text
        .as_str()
        .ok_or("a spaCy v2 line starts with the text as a string")?
        .to_string();
    let mut spans = vec![];
    if let Some(entities) = annotations.get("entities") {
        let entities: Vec<(i64, i64, String)> = serde_json::from_value(entities.clone())
            .map_err(|e| format!("entities must be [start, end, label] triples ({e})"))?;
        for (start, end, label) in entities {
            spans.push(TaskSpan {
                start,
                end,
                token_start: None,
                token_end: None,
                label,
                id: None,
                text: None,
                note: String::new(),
            });
        }
    }
    Ok(Task {
        text,
        meta: None,
        tokens: None,
        spans,
        relations: vec![],
        answer: None,
    })
}

fn task_to_document(task: Task, stem: &str, n: usize) -> Result<Document, String> {
    let index = OffsetIndex::new(&task.text);
    if let Some(tokens) = &task.tokens {
        for (k, t) in tokens.iter().enumerate() {
            check_range(&index, t.start, t.end).map_err(|m| format!("token {k}: {m}"))?;
            check_quote(&index, t.start as usize, t.end as usize, Some(&t.text))
                .map_err(|m| format!("token {k}: {}", m.replacen("span text", "token text", 1)))?;
        }
    }
    let meta = task.meta.unwrap_or_default();
    let id = match meta.id {
        Some(Value::String(s)) if !s.is_empty() => DocumentId(s),
        Some(Value::Number(x)) => DocumentId(x.to_string()),
        _ => derived_id(stem, n),
    };
    let title = meta
        .title
        .unwrap_or_else(|| derived_title(&task.text, &id.0));
    let mut doc = Document::new(id, title, task.text.clone(), meta.added_at.unwrap_or(0));
    doc.source = meta.source;
    doc.line_endings_normalised = meta.line_endings_normalised;
    let mut used = HashSet::new();
    let mut next = task.spans.iter().filter_map(|s| s.id).max().unwrap_or(0) + 1;
    let mut keyed: HashMap<(i64, i64, String), SpanId> = HashMap::new();
    for (k, s) in task.spans.iter().enumerate() {
        let which = format!("span {}", k + 1);
        check_range(&index, s.start, s.end).map_err(|m| format!("{which}: {m}"))?;
        check_quote(&index, s.start as usize, s.end as usize, s.text.as_deref())
            .map_err(|m| format!("{which}: {m}"))?;
        if s.label.is_empty() {
            return Err(format!("{which}: label is empty"));
        }
        if let (Some(tokens), Some(ts), Some(te)) = (&task.tokens, s.token_start, s.token_end) {
            let ok = ts >= 0
                && te >= ts
                && (te as usize) < tokens.len()
                && tokens[ts as usize].start == s.start
                && tokens[te as usize].end == s.end;
            if !ok {
                return Err(format!(
                    "{which}: tokens {ts}..={te} do not cover characters {}..{}",
                    s.start, s.end
                ));
            }
        }
        let id = match s.id {
            Some(id) => id,
            None => {
                next += 1;
                next - 1
            }
        };
        if !used.insert(id) {
            return Err(format!("{which}: span id {id} appears twice"));
        }
        keyed
            .entry((s.start, s.end, s.label.clone()))
            .or_insert(SpanId(id));
        doc.spans.push(Span {
            id: SpanId(id),
            start: crate::offsets::CharOffset(s.start as usize),
            end: crate::offsets::CharOffset(s.end as usize),
            label: s.label.clone(),
            note: s.note.clone(),
        });
    }
    let mut rel_ids = HashSet::new();
    for (k, r) in task.relations.iter().enumerate() {
        let which = format!("relation {}", k + 1);
        let find = |s: &Option<TaskSpan>, role: &str| -> Result<SpanId, String> {
            let s = s
                .as_ref()
                .ok_or_else(|| format!("{which}: no {role}_span"))?;
            match s.id.filter(|id| used.contains(id)) {
                Some(id) => Ok(SpanId(id)),
                None => keyed
                    .get(&(s.start, s.end, s.label.clone()))
                    .copied()
                    .ok_or_else(|| {
                        format!(
                            "{which}: {role}_span {}..{} {:?} is not one of the task's spans",
                            s.start, s.end, s.label
                        )
                    }),
            }
        };
        let from = find(&r.head_span, "head")?;
        let to = find(&r.child_span, "child")?;
        let id = r.id.unwrap_or(k as u64 + 1);
        if !rel_ids.insert(id) {
            return Err(format!("{which}: relation id {id} appears twice"));
        }
        let _ = (r.head, r.child);
        doc.relations.push(Relation {
            id: RelationId(id),
            from,
            to,
            kind: r.label.clone(),
        });
    }
    Ok(doc)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::offsets::CharOffset;

    #[test]
    fn spans_fall_on_tokens_and_ws_is_spacy_style() {
        let mut d = Document::new(DocumentId("d".into()), "t", "Ali  said\nno", 0);
        d.spans.push(Span {
            id: SpanId(1),
            start: CharOffset(1),
            end: CharOffset(3),
            label: "x".into(),
            note: String::new(),
        });
        let line = export(&[d], &mut vec![]);
        let v: Value = serde_json::from_str(line.trim()).unwrap();
        let words: Vec<&str> = v["tokens"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["text"].as_str().unwrap())
            .collect();
        assert_eq!(words, ["A", "li", " ", "said", "\n", "no"]);
        assert_eq!(v["tokens"][1]["ws"], true);
        assert_eq!(v["spans"][0]["token_start"], 1);
        assert_eq!(v["spans"][0]["token_end"], 1);
    }

    #[test]
    fn v2_tuples_are_read() {
        let got = import("f", r#"["Ali said", {"entities": [[0, 3, "PER"]]}]"#).unwrap();
        assert_eq!(got.documents[0].spans[0].label, "PER");
        assert_eq!(got.documents[0].id.0, "f-1");
    }

    #[test]
    fn rejected_answers_are_skipped_with_a_warning() {
        let got = import("f", r#"{"text":"a","spans":[],"answer":"reject"}"#).unwrap();
        assert!(got.documents.is_empty());
        assert_eq!(got.warnings[0].location, "line 1");
    }
}
