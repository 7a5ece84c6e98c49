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
//! label)` never returns `None`. The document's id, title, source, dates, byline and annotator ride
//! in Prodigy's `meta`; span ids, notes and attributes (`"attributes":{"value":2000}`, on the span
//! itself, not repeated in a relation's `head_span`/`child_span`) as extra span keys, which spaCy
//! and Prodigy keep as they are. Import also reads spaCy v2's `[text, {"entities": [[s, e,
//! label]]}]` lines, and skips (with a warning) Prodigy answers other than `accept`.

use std::borrow::Cow;
use std::cell::OnceCell;
use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};
use serde_json::Value;

mod scanner;

use super::tokens::{spacy_tokens, SpacyToken};
use super::{check_quote, derived_id, derived_title, ImportError, Imported, Warning};
use crate::attributes::Attributes;
use crate::model::{check_range, Document, DocumentId, Relation, RelationId, Span, SpanId};
use crate::offsets::{CharOffset, OffsetIndex};
use scanner::fast_task;

/// One line, with its token list as `Tokens`: [`Tokens`], or `IgnoredAny` for the rest of a line
/// whose tokens [`fast_task`] reads itself.
#[derive(Serialize, Deserialize, Debug, PartialEq)]
#[serde(bound(deserialize = "Tokens: Deserialize<'de>"))]
struct Task<Tokens> {
    text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    meta: Option<Meta>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    tokens: Option<Tokens>,
    #[serde(default)]
    spans: Vec<TaskSpan>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    relations: Vec<TaskRelation>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    answer: Option<String>,
}

#[derive(Serialize, Deserialize, Default, Debug, PartialEq)]
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
    #[serde(default, skip_serializing_if = "Option::is_none")]
    published: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    byline: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    annotator: Option<String>,
}

/// A task's tokens. Their texts borrow from the input where they hold no JSON escapes (a workspace
/// has millions of tokens; allocating each one's text was a large part of the import's time).
type Tokens<'a> = Vec<TaskToken<'a>>;

#[derive(Serialize, Deserialize, Debug, PartialEq)]
struct TaskToken<'a> {
    #[serde(borrow)]
    text: Cow<'a, str>,
    start: i64,
    end: i64,
    id: i64,
    ws: bool,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
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
    #[serde(default, skip_serializing_if = "Attributes::is_empty")]
    attributes: Attributes,
}

#[derive(Serialize, Deserialize, Debug, PartialEq)]
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
pub fn export(docs: &[Document], _warnings: &mut Vec<Warning>) -> Vec<u8> {
    let mut out: Vec<u8> = Vec::new();
    for (done, doc) in docs.iter().enumerate() {
        let ranges: Vec<(usize, usize)> = doc.spans.iter().map(|s| (s.start.0, s.end.0)).collect();
        let toks = spacy_tokens(&doc.text, &ranges);
        // Byte offset of every code point (and of the end): token texts are slices of the text.
        let bytes: Vec<usize> = doc
            .text
            .char_indices()
            .map(|(b, _)| b)
            .chain([doc.text.len()])
            .collect();
        // Tokens are in text order and do not overlap: sorted by start and by end alike.
        let starting_at = |c: usize| toks.binary_search_by_key(&c, |t| t.start).ok();
        let ending_at = |c: usize| toks.binary_search_by_key(&c, |t| t.end).ok();
        let task_span = |s: &Span| TaskSpan {
            start: s.start.0 as i64,
            end: s.end.0 as i64,
            token_start: starting_at(s.start.0).map(|i| i as i64),
            token_end: ending_at(s.end.0).map(|i| i as i64),
            label: s.label.clone(),
            id: Some(s.id.0),
            text: None,
            note: s.note.clone(),
            attributes: s.attributes.clone(),
        };
        let relations = doc
            .relations
            .iter()
            .filter_map(|r| {
                // The ends' attributes are on the spans themselves, not repeated here.
                let end = |s: &Span| TaskSpan {
                    attributes: Default::default(),
                    ..task_span(s)
                };
                let head = doc.span(r.from).map(end)?;
                let child = doc.span(r.to).map(end)?;
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
        let task: Task<Tokens> = Task {
            text: doc.text.clone(),
            meta: Some(Meta {
                id: Some(Value::String(doc.id.0.clone())),
                title: Some(doc.title.clone()),
                source: doc.source.clone(),
                added_at: Some(doc.added_at),
                line_endings_normalised: doc.line_endings_normalised,
                published: doc.published.clone(),
                byline: doc.byline.clone(),
                annotator: doc.annotator.clone(),
            }),
            // Written by `write_task`, by hand.
            tokens: None,
            spans: doc.spans.iter().map(task_span).collect(),
            relations,
            answer: Some("accept".into()),
        };
        let before = out.len();
        write_task(&mut out, &task, &doc.text, &bytes, &toks);
        out.push(b'\n');
        // After the first document, make room for what it says the rest will take (plus 10 %),
        // rather than doubling the output (and copying everything written so far) repeatedly.
        if done == 0 {
            let rest = (out.len() - before) * (docs.len() - 1);
            out.reserve(rest + rest / 10);
        }
    }
    out
}

/// Writes `task` exactly as `serde_json` writes it with its tokens set to `tokens` (with `text` and
/// `bytes`, the byte offset of each code point, for their texts). The tokens are written by hand: a
/// workspace has millions of them, and serde's generic path for them was most of an export's time.
fn write_task(
    out: &mut Vec<u8>,
    task: &Task<Tokens>,
    text: &str,
    bytes: &[usize],
    tokens: &[SpacyToken],
) {
    fn json(out: &mut Vec<u8>, value: &impl Serialize) {
        serde_json::to_writer(out, value).expect("plain data serialises");
    }
    out.extend_from_slice(b"{\"text\":");
    json(out, &task.text);
    if let Some(meta) = &task.meta {
        out.extend_from_slice(b",\"meta\":");
        json(out, meta);
    }
    out.extend_from_slice(b",\"tokens\":[");
    for (i, t) in tokens.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        out.extend_from_slice(b"{\"text\":");
        let token = &text[bytes[t.start]..bytes[t.end]];
        if token.bytes().all(|b| b >= 0x20 && b != b'"' && b != b'\\') {
            out.push(b'"');
            out.extend_from_slice(token.as_bytes());
            out.push(b'"');
        } else {
            json(out, &token);
        }
        out.extend_from_slice(b",\"start\":");
        write_number(out, t.start);
        out.extend_from_slice(b",\"end\":");
        write_number(out, t.end);
        out.extend_from_slice(b",\"id\":");
        write_number(out, i);
        out.extend_from_slice(if t.ws {
            b",\"ws\":true}"
        } else {
            b",\"ws\":false}"
        });
    }
    out.extend_from_slice(b"],\"spans\":");
    json(out, &task.spans);
    if !task.relations.is_empty() {
        out.extend_from_slice(b",\"relations\":");
        json(out, &task.relations);
    }
    if let Some(answer) = &task.answer {
        out.extend_from_slice(b",\"answer\":");
        json(out, answer);
    }
    out.push(b'}');
}

/// Writes `n` in decimal.
fn write_number(out: &mut Vec<u8>, mut n: usize) {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[i..]);
}

/// Reads spaCy / Prodigy JSONL (or spaCy v2 `[text, {"entities": …}]` lines).
pub fn import(stem: &str, input: &str) -> Result<Imported, ImportError> {
    let mut importer = Importer::new(stem);
    for (i, raw) in input.split('\n').enumerate() {
        importer.line(i + 1, raw)?;
    }
    importer.finish()
}

/// Reads a spaCy / Prodigy file one line at a time, so a large file can be read as it arrives (see
/// [`super::streamed`]); [`import`] is this over the whole text.
pub struct Importer {
    stem: String,
    documents: Vec<Document>,
    warnings: Vec<Warning>,
    ids: HashSet<DocumentId>,
}

impl Importer {
    /// An importer for a file whose stem names documents that carry no id.
    pub fn new(stem: &str) -> Self {
        Importer {
            stem: stem.to_string(),
            documents: vec![],
            warnings: vec![],
            ids: HashSet::new(),
        }
    }

    /// Reads line `n` (1-based; `raw` without its `\n`, a trailing `\r` allowed).
    pub fn line(&mut self, n: usize, raw: &str) -> Result<(), ImportError> {
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        if raw.trim().is_empty() {
            return Ok(());
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
            match fast_task(raw) {
                Some(task) => task,
                // Anything the fast path does not take (including every error) is read in full,
                // so results and error messages are serde's own.
                None => serde_json::from_str::<Task<Tokens>>(raw).map_err(|e| {
                    let problem = match e.classify() {
                        serde_json::error::Category::Data => "not a spaCy/Prodigy task",
                        _ => "not valid JSON",
                    };
                    ImportError::at_line(n, format!("{problem} ({e})"))
                })?,
            }
        };
        if let Some(answer) = task.answer.as_deref() {
            if answer != "accept" {
                self.warnings.push(Warning::new(
                    format!("line {n}"),
                    format!("answer is {answer:?}, not \"accept\"; task skipped"),
                ));
                return Ok(());
            }
        }
        let doc = task_to_document(task, &self.stem, self.documents.len() + 1)
            .map_err(|m| ImportError::at_line(n, m))?;
        if !self.ids.insert(doc.id.clone()) {
            return Err(ImportError::at_line(
                n,
                format!("document id {:?} appears twice", doc.id.0),
            ));
        }
        self.documents.push(doc);
        Ok(())
    }

    /// The documents read (an error when the file held none).
    pub fn finish(self) -> Result<Imported, ImportError> {
        if self.documents.is_empty() && self.warnings.is_empty() {
            return Err(ImportError::whole(
                "no documents: the file has no JSON lines",
            ));
        }
        Ok(Imported {
            documents: self.documents,
            warnings: self.warnings,
        })
    }
}

fn v2_task(pair: Vec<Value>) -> Result<Task<Tokens<'static>>, String> {
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
                attributes: Default::default(),
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

/// Checks every token's range and text, in order, stopping at the first bad one.
///
/// Tokens come sorted, so a cursor walks the text once instead of converting two code-point
/// offsets per token; a token behind the cursor, or far ahead of it, is found through the text's
/// [`OffsetIndex`] (built only then). A token whose text does not match is re-checked with
/// [`check_quote`], which words the error exactly as before.
fn check_tokens<'t>(
    text: &'t str,
    len_chars: usize,
    index: &OnceCell<OffsetIndex<'t>>,
    tokens: &[TaskToken],
) -> Result<(), String> {
    /// How far ahead (code points) the cursor walks before asking the index instead.
    const WALK_AT_MOST: usize = 256;
    let bytes = text.as_bytes();
    let index = || index.get_or_init(|| OffsetIndex::new(text));
    // The cursor: code point `at` starts at byte `at_byte`.
    let (mut at, mut at_byte) = (0usize, 0usize);
    for (k, t) in tokens.iter().enumerate() {
        check_range(t.start, t.end, len_chars).map_err(|m| format!("token {k}: span {m}"))?;
        let (start, end) = (t.start as usize, t.end as usize);
        let start_byte = if start >= at && start - at <= WALK_AT_MOST {
            let mut b = at_byte;
            for _ in at..start {
                b += 1;
                // Skip UTF-8 continuation bytes (0b10xx_xxxx).
                while b < bytes.len() && (bytes[b] as i8) < -0x40 {
                    b += 1;
                }
            }
            b
        } else {
            index()
                .char_to_byte(CharOffset(start))
                .map_err(|e| format!("token {k}: {e}"))?
                .0
        };
        // The text at `start..end` is the token's text exactly when the text from `start` begins
        // with it and it holds `end - start` code points.
        let quoted = t.text.as_ref();
        if bytes[start_byte..].starts_with(quoted.as_bytes())
            && quoted.chars().count() == end - start
        {
            (at, at_byte) = (end, start_byte + quoted.len());
        } else {
            check_quote(index(), start, end, Some(quoted))
                .map_err(|m| format!("token {k}: {}", m.replacen("span text", "token text", 1)))?;
            // Not reached (the two checks agree), but carry on correctly if it were.
            (at, at_byte) = (
                end,
                index().char_to_byte(CharOffset(end)).map_or(0, |b| b.0),
            );
        }
    }
    Ok(())
}

fn task_to_document(task: Task<Tokens>, stem: &str, n: usize) -> Result<Document, String> {
    let Task {
        text,
        meta,
        tokens,
        spans: task_spans,
        relations: task_relations,
        answer: _,
    } = task;
    let len_chars = text.chars().count();
    // Built on first use: only quoted span texts, out-of-order tokens and errors need it.
    let index: OnceCell<OffsetIndex> = OnceCell::new();
    if let Some(tokens) = &tokens {
        check_tokens(&text, len_chars, &index, tokens)?;
    }
    let meta = meta.unwrap_or_default();
    let id = match meta.id {
        Some(Value::String(s)) if !s.is_empty() => DocumentId(s),
        Some(Value::Number(x)) => DocumentId(x.to_string()),
        _ => derived_id(stem, n),
    };
    let title = meta.title.unwrap_or_else(|| derived_title(&text, &id.0));
    let mut used = HashSet::with_capacity(task_spans.len());
    let mut next = task_spans.iter().filter_map(|s| s.id).max().unwrap_or(0) + 1;
    // Relations find spans without ids by (start, end, label); only built when there are some.
    let mut keyed: HashMap<(i64, i64, &str), SpanId> = HashMap::new();
    let mut spans = Vec::with_capacity(task_spans.len());
    for (k, s) in task_spans.iter().enumerate() {
        let which = || format!("span {}", k + 1);
        check_range(s.start, s.end, len_chars).map_err(|m| format!("{}: span {m}", which()))?;
        if s.text.is_some() {
            let index = index.get_or_init(|| OffsetIndex::new(&text));
            check_quote(index, s.start as usize, s.end as usize, s.text.as_deref())
                .map_err(|m| format!("{}: {m}", which()))?;
        }
        if s.label.is_empty() {
            return Err(format!("{}: label is empty", which()));
        }
        if let (Some(tokens), Some(ts), Some(te)) = (&tokens, s.token_start, s.token_end) {
            let ok = ts >= 0
                && te >= ts
                && (te as usize) < tokens.len()
                && tokens[ts as usize].start == s.start
                && tokens[te as usize].end == s.end;
            if !ok {
                return Err(format!(
                    "{}: tokens {ts}..={te} do not cover characters {}..{}",
                    which(),
                    s.start,
                    s.end
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
            return Err(format!("{}: span id {id} appears twice", which()));
        }
        if !task_relations.is_empty() {
            keyed
                .entry((s.start, s.end, s.label.as_str()))
                .or_insert(SpanId(id));
        }
        spans.push(SpanId(id));
    }
    let mut relations = Vec::with_capacity(task_relations.len());
    let mut rel_ids = HashSet::new();
    for (k, r) in task_relations.iter().enumerate() {
        let which = format!("relation {}", k + 1);
        let find = |s: &Option<TaskSpan>, role: &str| -> Result<SpanId, String> {
            let s = s
                .as_ref()
                .ok_or_else(|| format!("{which}: no {role}_span"))?;
            match s.id.filter(|id| used.contains(id)) {
                Some(id) => Ok(SpanId(id)),
                None => keyed
                    .get(&(s.start, s.end, s.label.as_str()))
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
        relations.push(Relation {
            id: RelationId(id),
            from,
            to,
            kind: r.label.clone(),
        });
    }
    // They borrow the text and the spans' labels, which now move into the document.
    drop(keyed);
    drop(index);
    let mut doc = Document::new(id, title, text, meta.added_at.unwrap_or(0));
    doc.source = meta.source;
    doc.published = meta.published;
    doc.byline = meta.byline;
    doc.annotator = meta.annotator;
    doc.line_endings_normalised = meta.line_endings_normalised;
    doc.spans = task_spans
        .into_iter()
        .zip(spans)
        .map(|(s, id)| Span {
            id,
            start: CharOffset(s.start as usize),
            end: CharOffset(s.end as usize),
            label: s.label,
            note: s.note,
            attributes: s.attributes,
        })
        .collect();
    doc.relations = relations;
    Ok(doc)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn spans_fall_on_tokens_and_ws_is_spacy_style() {
        let mut d = Document::new(DocumentId("d".into()), "t", "Ali  said\nno", 0);
        d.spans.push(Span {
            id: SpanId(1),
            start: CharOffset(1),
            end: CharOffset(3),
            label: "x".into(),
            note: String::new(),
            attributes: Default::default(),
        });
        let line = String::from_utf8(export(&[d], &mut vec![])).expect("UTF-8");
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

    /// Exported lines (the usual shape) take the fast path, and read as serde reads them.
    #[test]
    fn hand_written_tokens_equal_serde() {
        let text = "He said: \"don't\" \u{1}x \\ «ok» 😀 3.5\n\nA 10 % rise";
        let mut d = Document::new(DocumentId("d".into()), "t", text, 0);
        for (i, (s, e)) in [(0, 2), (9, 16), (3, 7)].into_iter().enumerate() {
            d.spans.push(Span {
                id: SpanId(i as u64 + 1),
                start: CharOffset(s),
                end: CharOffset(e),
                label: "quote\"x".into(),
                note: if i == 0 { "n\\".into() } else { String::new() },
                attributes: Default::default(),
            });
        }
        for relations in [false, true] {
            if relations {
                d.relations.push(Relation {
                    id: RelationId(1),
                    from: SpanId(2),
                    to: SpanId(1),
                    kind: "said-by".into(),
                });
            }
            let ranges: Vec<(usize, usize)> =
                d.spans.iter().map(|s| (s.start.0, s.end.0)).collect();
            let toks = spacy_tokens(&d.text, &ranges);
            let bytes: Vec<usize> = d
                .text
                .char_indices()
                .map(|(b, _)| b)
                .chain([d.text.len()])
                .collect();
            let line = String::from_utf8(export(std::slice::from_ref(&d), &mut vec![])).unwrap();
            let mut task: Task<Tokens> = serde_json::from_str(line.trim_end()).unwrap();
            let mut by_hand = vec![];
            task.tokens = None;
            write_task(&mut by_hand, &task, &d.text, &bytes, &toks);
            task.tokens = Some(
                toks.iter()
                    .enumerate()
                    .map(|(i, t)| TaskToken {
                        text: Cow::Borrowed(&d.text[bytes[t.start]..bytes[t.end]]),
                        start: t.start as i64,
                        end: t.end as i64,
                        id: i as i64,
                        ws: t.ws,
                    })
                    .collect(),
            );
            assert_eq!(
                String::from_utf8(by_hand).unwrap(),
                serde_json::to_string(&task).unwrap()
            );
            assert_eq!(line.trim_end(), serde_json::to_string(&task).unwrap());
        }
    }

    #[test]
    fn exported_lines_take_the_fast_path() {
        let mut d = Document::new(DocumentId("d".into()), "t", "Ali  said \"no\"\n😀 x\\y", 0);
        d.spans.push(Span {
            id: SpanId(1),
            start: CharOffset(1),
            end: CharOffset(3),
            label: "x".into(),
            note: "a \"note\"".into(),
            attributes: Default::default(),
        });
        let line = String::from_utf8(export(&[d], &mut vec![])).expect("UTF-8");
        let line = line.trim_end();
        let fast = fast_task(line).expect("an exported line takes the fast path");
        assert_eq!(fast, serde_json::from_str::<Task<Tokens>>(line).unwrap());
        // Prodigy's layout: `json.dumps` separators, and a span with nulls and a quoted text.
        let prodigy = r#"{"text": "Ali said", "tokens": [{"text": "Ali", "start": 0, "end": 3, "id": 0, "ws": true}, {"start": 4, "id": 1, "ws": false, "end": 8, "text": "s\u0061id"}], "spans": [{"start": 0, "end": 3, "token_start": 0, "token_end": null, "label": "PER", "text": "Ali", "id": null}], "answer": "accept"}"#;
        let fast = fast_task(prodigy).expect("Prodigy's layout takes the fast path");
        assert_eq!(fast.tokens.as_ref().unwrap()[1].text, "said");
        assert_eq!(fast, serde_json::from_str::<Task<Tokens>>(prodigy).unwrap());
    }

    /// Keys written with escapes are left to serde, which still reads them as the keys they spell.
    #[test]
    fn escaped_keys_are_left_to_serde() {
        let tokens = r#"[{"text":"ab","start":0,"end":2,"id":0,"ws":false}]"#;
        let spans = r#"[{"start":0,"end":2,"label":"x"}]"#;
        for line in [
            format!(r#"{{"text":"ab","tok\u0065ns":{tokens},"spans":{spans}}}"#),
            format!(r#"{{"text":"ab","tokens":{tokens},"sp\u0061ns":{spans}}}"#),
            format!(r#"{{"text":"ab","tokens":{tokens},"tok\u0065ns":{tokens}}}"#),
        ] {
            let slow = serde_json::from_str::<Task<Tokens>>(&line).ok();
            if let Some(fast) = fast_task(&line) {
                assert_eq!(Some(fast), slow, "{line}");
            }
        }
        // A token that does not match the text is found wherever its key came from.
        let line = r#"{"text":"ab","tok\u0065ns":[{"text":"zz","start":0,"end":2,"id":0,"ws":false}],"spans":[]}"#;
        let err = import("f", line).unwrap_err();
        assert!(
            err.message.starts_with("token 0: token text \"zz\""),
            "{}",
            err.message
        );
    }

    /// The token checks as they were: each token's range, then its text, through the index.
    fn per_token_checks(text: &str, tokens: &[TaskToken]) -> Result<(), String> {
        let index = OffsetIndex::new(text);
        for (k, t) in tokens.iter().enumerate() {
            crate::model::check_range(t.start, t.end, index.len_chars())
                .map_err(|m| format!("token {k}: span {m}"))?;
            check_quote(&index, t.start as usize, t.end as usize, Some(&t.text))
                .map_err(|m| format!("token {k}: {}", m.replacen("span text", "token text", 1)))?;
        }
        Ok(())
    }

    fn unicode_text() -> impl Strategy<Value = String> {
        let pieces = prop_oneof![
            Just("a".to_string()),
            Just("Ali".to_string()),
            Just(" ".to_string()),
            Just("\n".to_string()),
            Just("😀".to_string()),
            Just("e\u{301}".to_string()),
            Just("سلام".to_string()),
            Just("\"".to_string()),
            Just("\\".to_string()),
            any::<char>().prop_map(|c| c.to_string()),
        ];
        proptest::collection::vec(pieces, 0..40).prop_map(|v| v.concat())
    }

    /// A line as the exporter writes it, for some text with some spans.
    fn exported_line() -> impl Strategy<Value = String> {
        (
            unicode_text(),
            proptest::collection::vec((0usize..200, 1usize..20), 0..4),
        )
            .prop_map(|(text, cuts)| {
                let len = text.chars().count();
                let mut d = Document::new(DocumentId("d".into()), "t", text, 0);
                for (k, (s, l)) in cuts.into_iter().enumerate() {
                    if len > 0 {
                        let start = s % len;
                        let end = (start + l).min(len);
                        d.spans.push(Span {
                            id: SpanId(k as u64 + 1),
                            start: CharOffset(start),
                            end: CharOffset(end),
                            label: "x".into(),
                            note: String::new(),
                            attributes: Default::default(),
                        });
                    }
                }
                String::from_utf8(export(&[d], &mut vec![]))
                    .expect("UTF-8")
                    .trim_end()
                    .to_string()
            })
    }

    /// Bits of JSON (and of broken JSON) to splice into lines.
    const SNIPPETS: &[&str] = &[
        " ",
        "\n",
        "\t",
        "-",
        "0",
        "7",
        ".5",
        "e3",
        "\"",
        "\\",
        "\\n",
        "\\u00e9",
        "null",
        "true",
        ",",
        ":",
        "{",
        "}",
        "[",
        "]",
        "\u{1}",
        "é",
        "99999999999999999999",
        "1234567890123456789",
        "\"text\":\"a\",",
        "\"id\":1,",
        "\"ws\":false,",
        "\"x\":[1,{\"y\":\"]\"}],",
        "\"tokens\":[],",
        "\"spans\":[],",
        "\"note\":null,",
        "\"label\":\"y\",",
        "\"tok\\u0065ns\":null,",
        "\"tok\\u0065ns\":[],",
        "\"sp\\u0061ns\":[],",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        /// Whatever the fast path reads, serde reads the same way; and an exported line, untouched,
        /// always takes it.
        #[test]
        fn fast_path_agrees_with_serde(
            line in exported_line(),
            edits in proptest::collection::vec((any::<usize>(), 0usize..SNIPPETS.len(), 0usize..4), 0..4),
            escape_key in 0u8..4,
        ) {
            let mut line = line;
            if edits.is_empty() && escape_key == 0 {
                prop_assert!(fast_task(&line).is_some());
            }
            match escape_key {
                1 => line = line.replacen("\"tokens\":", "\"tok\\u0065ns\":", 1),
                2 => line = line.replacen("\"spans\":", "\"sp\\u0061ns\":", 1),
                _ => {}
            }
            for (at, snippet, delete) in edits {
                let mut at = at % (line.len() + 1);
                while !line.is_char_boundary(at) {
                    at -= 1;
                }
                let mut end = (at + delete).min(line.len());
                while !line.is_char_boundary(end) {
                    end += 1;
                }
                line.replace_range(at..end, SNIPPETS[snippet]);
            }
            if let Some(fast) = fast_task(&line) {
                let slow = serde_json::from_str::<Task<Tokens>>(&line);
                prop_assert!(slow.is_ok(), "fast path took {:?}, which serde refuses: {:?}", line, slow.err());
                prop_assert_eq!(fast, slow.unwrap());
            }
        }

        /// The cursor walk over tokens finds exactly the errors (and the first of them) that
        /// checking each token through the index found.
        #[test]
        fn check_tokens_agrees_with_per_token_checks(
            text in unicode_text(),
            picks in proptest::collection::vec((-2i64..60, 0i64..8, 0u8..6), 0..30),
            sorted in any::<bool>(),
        ) {
            let chars: Vec<char> = text.chars().collect();
            let mut at = 0i64;
            let mut tokens: Vec<TaskToken> = picks
                .into_iter()
                .map(|(start, len, how)| {
                    // Mostly consecutive tokens, as files have them; some anywhere.
                    let start = if sorted && how != 0 { at + start.rem_euclid(3) } else { start };
                    let end = start + len;
                    at = end;
                    let covered = if 0 <= start && start <= end && end as usize <= chars.len() {
                        chars[start as usize..end as usize].iter().collect()
                    } else {
                        "?".to_string()
                    };
                    let text = match how {
                        5 => format!("{covered}x"),
                        4 => covered.chars().skip(1).collect(),
                        _ => covered,
                    };
                    TaskToken { text: Cow::Owned(text), start, end, id: 0, ws: false }
                })
                .collect();
            if sorted {
                tokens.sort_by_key(|t| t.start);
            }
            let walked = check_tokens(&text, chars.len(), &OnceCell::new(), &tokens);
            prop_assert_eq!(walked, per_token_checks(&text, &tokens));
        }
    }
}
