//! W3C Web Annotation JSON-LD (<https://www.w3.org/TR/annotation-model/>).
//!
//! The export is one `AnnotationCollection` whose first page holds one `Annotation` per span:
//!
//! ```json
//! {"id":"urn:spanmark:doc:d1:span:1","type":"Annotation","motivation":"tagging",
//!  "body":[{"type":"TextualBody","purpose":"tagging","value":"quote"},
//!          {"type":"TextualBody","purpose":"commenting","value":"a note"}],
//!  "target":{"source":"urn:spanmark:doc:d1","selector":[
//!    {"type":"TextQuoteSelector","exact":"«no»","prefix":"he said ","suffix":", and left"},
//!    {"type":"TextPositionSelector","start":8,"end":12}]}}
//! ```
//!
//! **Unit.** `TextPositionSelector` counts Unicode code points, as the specification says
//! (Hypothesis and Recogito emit UTF-16 instead; an import of such a file re-anchors by quote and
//! warns). Prefix and suffix hold up to 32 code points, shortened so they never split a grapheme
//! cluster. Relations are annotations with `"motivation":"linking"`, a tagging body naming the
//! kind, the target span's annotation as a second body and the source span's as the target.
//!
//! **Attributes** are further bodies of the span's annotation, one each, in Spanmark's vocabulary
//! with the value as a plain JSON-LD literal (a number, a boolean or a string):
//! `{"type":"spanmark:Attribute","purpose":"describing","spanmark:name":"value","value":2000}`.
//!
//! The annotation model has no place for a document's full text, so the collection carries the
//! documents under `spanmark:documents` (prefix `spanmark:` = `urn:spanmark:vocab:`, declared in the
//! `@context`): `{"id":"urn:spanmark:doc:d1","type":"Text","label":title,"value":text,
//! "spanmark:addedAt":ms,…}`. Document ids are percent-encoded into the URN.
//!
//! **Import** checks each annotation's position against its quote; when they disagree, it finds
//! the quote in the text (the occurrence whose prefix and suffix match best, then the nearest),
//! uses that and reports the move as a warning. A quote found nowhere is an error.

use std::collections::{HashMap, HashSet};

use serde_json::{json, Value};
use unicode_segmentation::UnicodeSegmentation;

use super::{derived_title, ImportError, Imported, Warning};
use crate::attributes::AttrValue;
use crate::model::{check_range, Document, DocumentId, Relation, RelationId, Span, SpanId};
use crate::offsets::CharOffset;

/// The Web Annotation JSON-LD context.
pub const ANNO_CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";
/// The IRI prefix of Spanmark's own terms.
pub const VOCAB: &str = "urn:spanmark:vocab:";
const DOC_PREFIX: &str = "urn:spanmark:doc:";
/// Code points of context kept in prefix and suffix.
pub const CONTEXT_CHARS: usize = 32;

fn urn_encode(id: &str) -> String {
    let mut out = String::new();
    for b in id.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn urn_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = vec![];
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Some(b) = std::str::from_utf8(&bytes[i + 1..i + 3])
                .ok()
                .and_then(|h| u8::from_str_radix(h, 16).ok())
            {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The document's IRI.
pub fn document_iri(id: &str) -> String {
    format!("{DOC_PREFIX}{}", urn_encode(id))
}

/// Grapheme cluster boundaries of `chars`' text, as code-point offsets (0 and the end included).
fn grapheme_bounds(text: &str) -> Vec<usize> {
    let mut bounds = vec![0];
    let mut pos = 0;
    for g in text.graphemes(true) {
        pos += g.chars().count();
        bounds.push(pos);
    }
    bounds
}

/// Prefix and suffix of `start..end`: up to [`CONTEXT_CHARS`] code points each, cut at grapheme
/// boundaries.
fn context(chars: &[char], bounds: &[usize], start: usize, end: usize) -> (String, String) {
    let want = start.saturating_sub(CONTEXT_CHARS);
    let p = bounds[bounds.partition_point(|&b| b < want)..]
        .first()
        .copied()
        .unwrap_or(start)
        .min(start);
    let want = (end + CONTEXT_CHARS).min(chars.len());
    let s = bounds[..bounds.partition_point(|&b| b <= want)]
        .last()
        .copied()
        .unwrap_or(end)
        .max(end);
    (
        chars[p..start].iter().collect(),
        chars[end..s].iter().collect(),
    )
}

/// Writes documents as one W3C `AnnotationCollection` (pretty-printed JSON-LD).
pub fn export(docs: &[Document], _warnings: &mut Vec<Warning>) -> String {
    let mut items = vec![];
    let mut documents = vec![];
    for doc in docs {
        let iri = document_iri(&doc.id.0);
        let chars: Vec<char> = doc.text.chars().collect();
        let bounds = grapheme_bounds(&doc.text);
        let mut d = json!({
            "id": iri,
            "type": "Text",
            "format": "text/plain",
            "label": doc.title,
            "value": doc.text,
            "created": super::dates::iso8601(doc.added_at),
            "spanmark:addedAt": doc.added_at,
        });
        for (key, value) in [
            ("spanmark:source", &doc.source),
            ("spanmark:published", &doc.published),
            ("spanmark:byline", &doc.byline),
            ("spanmark:annotator", &doc.annotator),
        ] {
            if let Some(value) = value {
                d[key] = json!(value);
            }
        }
        if doc.line_endings_normalised {
            d["spanmark:lineEndingsNormalised"] = json!(true);
        }
        documents.push(d);
        for s in &doc.spans {
            let (start, end) = (s.start.0, s.end.0);
            let exact: String = chars[start..end].iter().collect();
            let (prefix, suffix) = context(&chars, &bounds, start, end);
            let mut body =
                vec![json!({"type": "TextualBody", "purpose": "tagging", "value": s.label})];
            if !s.note.is_empty() {
                body.push(json!({"type": "TextualBody", "purpose": "commenting", "value": s.note}));
            }
            for (name, value) in &s.attributes {
                body.push(json!({
                    "type": "spanmark:Attribute",
                    "purpose": "describing",
                    "spanmark:name": name,
                    "value": value.to_json(),
                }));
            }
            items.push(json!({
                "id": format!("{iri}:span:{}", s.id.0),
                "type": "Annotation",
                "motivation": "tagging",
                "body": body,
                "target": {
                    "source": iri,
                    "selector": [
                        {"type": "TextQuoteSelector", "exact": exact, "prefix": prefix, "suffix": suffix},
                        {"type": "TextPositionSelector", "start": start, "end": end},
                    ],
                },
            }));
        }
        for r in &doc.relations {
            items.push(json!({
                "id": format!("{iri}:relation:{}", r.id.0),
                "type": "Annotation",
                "motivation": "linking",
                "body": [
                    {"type": "TextualBody", "purpose": "tagging", "value": r.kind},
                    format!("{iri}:span:{}", r.to.0),
                ],
                "target": format!("{iri}:span:{}", r.from.0),
            }));
        }
    }
    let collection = json!({
        "@context": [ANNO_CONTEXT, {"spanmark": VOCAB}],
        "id": "urn:spanmark:export",
        "type": "AnnotationCollection",
        "label": "Spanmark export",
        "total": items.len(),
        "spanmark:offsetUnit": "codepoint",
        "spanmark:documents": documents,
        "first": {
            "id": "urn:spanmark:export:page:1",
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": items,
        },
    });
    let mut out = serde_json::to_string_pretty(&collection).expect("plain data serialises");
    out.push('\n');
    out
}

/// Finds `exact` in `chars`: the occurrence whose prefix and suffix match best, then the one nearest
/// `hint`. Returns its code-point range.
pub fn anchor_quote(
    chars: &[char],
    exact: &str,
    prefix: &str,
    suffix: &str,
    hint: Option<usize>,
) -> Option<(usize, usize)> {
    let exact: Vec<char> = exact.chars().collect();
    if exact.is_empty() || exact.len() > chars.len() {
        return None;
    }
    let prefix: Vec<char> = prefix.chars().collect();
    let suffix: Vec<char> = suffix.chars().collect();
    let mut best: Option<(usize, usize, usize)> = None; // (score, distance, start)
    for start in 0..=chars.len() - exact.len() {
        if chars[start..start + exact.len()] != exact[..] {
            continue;
        }
        let before = prefix
            .iter()
            .rev()
            .zip(chars[..start].iter().rev())
            .take_while(|(a, b)| a == b)
            .count();
        let after = suffix
            .iter()
            .zip(chars[start + exact.len()..].iter())
            .take_while(|(a, b)| a == b)
            .count();
        let score = before + after;
        let distance = hint.map_or(0, |h| h.abs_diff(start));
        let better = match best {
            None => true,
            Some((s, d, _)) => score > s || (score == s && distance < d),
        };
        if better {
            best = Some((score, distance, start));
        }
    }
    best.map(|(_, _, s)| (s, s + exact.len()))
}

fn as_list(v: Option<&Value>) -> Vec<&Value> {
    match v {
        Some(Value::Array(a)) => a.iter().collect(),
        Some(other) => vec![other],
        None => vec![],
    }
}

fn iri_of(v: &Value) -> Option<&str> {
    match v {
        Value::String(s) => Some(s),
        Value::Object(o) => o.get("id").or_else(|| o.get("@id")).and_then(Value::as_str),
        _ => None,
    }
}

fn type_is(v: &Value, ty: &str) -> bool {
    as_list(v.get("type").or_else(|| v.get("@type")))
        .iter()
        .any(|t| t.as_str() == Some(ty))
}

/// Reads a Spanmark W3C collection (annotations plus `spanmark:documents`).
pub fn import(input: &str) -> Result<Imported, ImportError> {
    let value: Value = serde_json::from_str(input)
        .map_err(|e| ImportError::at_line(e.line().max(1), format!("not valid JSON ({e})")))?;
    let Value::Object(root) = value else {
        return Err(ImportError::whole(
            "expected an AnnotationCollection object (a bare list of annotations carries no document text)",
        ));
    };
    let docs = root
        .get("spanmark:documents")
        .and_then(Value::as_array)
        .ok_or_else(|| {
            ImportError::whole(
                "no \"spanmark:documents\": W3C annotations alone do not carry the documents' text, \
                 so they cannot become documents",
            )
        })?;
    let mut documents: Vec<Document> = vec![];
    let mut by_iri: HashMap<String, usize> = HashMap::new();
    for (k, d) in docs.iter().enumerate() {
        let at = |m: &str| ImportError::at(format!("document {}", k + 1), m.to_string());
        let iri = iri_of(d).ok_or_else(|| at("no \"id\""))?;
        let id = iri
            .strip_prefix(DOC_PREFIX)
            .map(urn_decode)
            .unwrap_or_else(|| iri.to_string());
        let text = d
            .get("value")
            .and_then(Value::as_str)
            .ok_or_else(|| at("no \"value\" (the document's text)"))?;
        let title = d
            .get("label")
            .and_then(Value::as_str)
            .map(str::to_string)
            .unwrap_or_else(|| derived_title(text, &id));
        let added_at = d
            .get("spanmark:addedAt")
            .and_then(Value::as_u64)
            .or_else(|| {
                d.get("created")
                    .and_then(Value::as_str)
                    .and_then(super::dates::parse_iso8601)
            })
            .unwrap_or(0);
        let mut doc = Document::new(DocumentId(id), title, text, added_at);
        let text_of = |key: &str| d.get(key).and_then(Value::as_str).map(str::to_string);
        doc.source = text_of("spanmark:source");
        doc.published = text_of("spanmark:published");
        doc.byline = text_of("spanmark:byline");
        doc.annotator = text_of("spanmark:annotator");
        doc.line_endings_normalised = d
            .get("spanmark:lineEndingsNormalised")
            .and_then(Value::as_bool)
            .unwrap_or(false);
        if by_iri.insert(iri.to_string(), documents.len()).is_some() {
            return Err(at(&format!("document {iri:?} appears twice")));
        }
        documents.push(doc);
    }
    let empty = vec![];
    let items = root
        .get("first")
        .and_then(|f| f.get("items"))
        .or_else(|| root.get("items"))
        .and_then(Value::as_array)
        .unwrap_or(&empty);
    let mut warnings = vec![];
    let mut span_iris: HashMap<String, (usize, SpanId)> = HashMap::new();
    let mut used: Vec<HashSet<u64>> = vec![HashSet::new(); documents.len()];
    let mut links = vec![];
    let chars: Vec<Vec<char>> = documents.iter().map(|d| d.text.chars().collect()).collect();
    for (k, item) in items.iter().enumerate() {
        let n = k + 1;
        let err = |m: String| ImportError::at_record(n, m);
        if !type_is(item, "Annotation") {
            return Err(err("not an Annotation".into()));
        }
        if item.get("motivation").and_then(Value::as_str) == Some("linking") {
            links.push((n, item));
            continue;
        }
        let target = as_list(item.get("target"))
            .into_iter()
            .next()
            .ok_or_else(|| err("no target".into()))?;
        let source = target
            .get("source")
            .and_then(iri_of)
            .ok_or_else(|| err("target has no source".into()))?;
        let &d = by_iri.get(source).ok_or_else(|| {
            err(format!(
                "target source {source:?} is not one of the documents"
            ))
        })?;
        let text = &chars[d];
        let mut position = None;
        let mut quote: Option<(&str, &str, &str)> = None;
        for sel in as_list(target.get("selector")) {
            if type_is(sel, "TextPositionSelector") {
                let s = sel.get("start").and_then(Value::as_u64);
                let e = sel.get("end").and_then(Value::as_u64);
                match (s, e) {
                    (Some(s), Some(e)) => position = Some((s as usize, e as usize)),
                    _ => {
                        return Err(err(
                            "TextPositionSelector needs integer start and end".into()
                        ))
                    }
                }
            } else if type_is(sel, "TextQuoteSelector") {
                let get = |key| sel.get(key).and_then(Value::as_str).unwrap_or("");
                let exact = sel
                    .get("exact")
                    .and_then(Value::as_str)
                    .ok_or_else(|| err("TextQuoteSelector has no exact".into()))?;
                quote = Some((exact, get("prefix"), get("suffix")));
            }
        }
        let fits = |(s, e): (usize, usize)| {
            check_range(s as i64, e as i64, text.len()).is_ok()
                && quote.is_none_or(|(exact, _, _)| text[s..e].iter().copied().eq(exact.chars()))
        };
        let (start, end) = match (position, quote) {
            (Some(p), _) if fits(p) => p,
            (p, Some((exact, prefix, suffix))) => {
                let found = anchor_quote(text, exact, prefix, suffix, p.map(|p| p.0))
                    .ok_or_else(|| err(format!("quote {exact:?} is not in document {source:?}")))?;
                if let Some((s, e)) = p {
                    warnings.push(Warning::new(
                        format!("record {n}"),
                        format!(
                            "position {s}..{e} disagrees with the quote {exact:?}; re-anchored by \
                             quote to {}..{}",
                            found.0, found.1
                        ),
                    ));
                }
                found
            }
            (Some((s, e)), None) => {
                let why = check_range(s as i64, e as i64, text.len())
                    .err()
                    .map_or_else(|| "does not fit".to_string(), |e| e.to_string());
                return Err(err(format!("position {why}")));
            }
            (None, None) => return Err(err("no TextPositionSelector or TextQuoteSelector".into())),
        };
        let mut label = None;
        let mut note = String::new();
        let mut attributes = crate::attributes::Attributes::new();
        for b in as_list(item.get("body")) {
            if b.get("type").and_then(Value::as_str) == Some("spanmark:Attribute") {
                let name = b.get("spanmark:name").and_then(Value::as_str);
                let value = b.get("value").and_then(AttrValue::from_json);
                match (name, value) {
                    (Some(name), Some(value)) => {
                        attributes.insert(name.to_string(), value);
                    }
                    _ => warnings.push(Warning::new(
                        format!("record {n}"),
                        "an attribute body without a name or a string, number or boolean value; \
                         not imported",
                    )),
                }
                continue;
            }
            let purpose = b.get("purpose").and_then(Value::as_str);
            let value = b.get("value").and_then(Value::as_str);
            match (purpose, value) {
                (Some("tagging"), Some(v)) if label.is_none() => label = Some(v.to_string()),
                (Some("commenting"), Some(v)) => note = v.to_string(),
                (_, Some(v)) if label.is_none() && purpose.is_none() => label = Some(v.to_string()),
                _ => warnings.push(Warning::new(
                    format!("record {n}"),
                    "a body that is neither the first tagging nor a commenting body; not imported",
                )),
            }
        }
        let label = label
            .filter(|l| !l.is_empty())
            .ok_or_else(|| err("no tagging body naming the label".into()))?;
        let iri = iri_of(item).unwrap_or("").to_string();
        let wanted = iri
            .rsplit_once(":span:")
            .and_then(|(_, n)| n.parse::<u64>().ok())
            .filter(|id| !used[d].contains(id));
        let id = wanted.unwrap_or_else(|| {
            (1..)
                .find(|i| !used[d].contains(i))
                .expect("a free id exists")
        });
        used[d].insert(id);
        if !iri.is_empty() {
            span_iris.insert(iri, (d, SpanId(id)));
        }
        documents[d].spans.push(Span {
            id: SpanId(id),
            start: CharOffset(start),
            end: CharOffset(end),
            label,
            note,
            attributes,
        });
    }
    for (n, item) in links {
        let err = |m: String| ImportError::at_record(n, m);
        let target = as_list(item.get("target"))
            .into_iter()
            .next()
            .and_then(iri_of)
            .ok_or_else(|| err("linking annotation has no target".into()))?;
        let mut kind = String::new();
        let mut to = None;
        for b in as_list(item.get("body")) {
            if b.get("purpose").and_then(Value::as_str) == Some("tagging") {
                kind = b
                    .get("value")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_string();
            } else if let Some(iri) = iri_of(b) {
                to = Some(iri);
            }
        }
        let &(d, from) = span_iris
            .get(target)
            .ok_or_else(|| err(format!("target {target:?} is not a span annotation")))?;
        let to =
            to.ok_or_else(|| err("linking annotation has no body pointing at a span".into()))?;
        let &(d2, to) = span_iris
            .get(to)
            .ok_or_else(|| err(format!("body {to:?} is not a span annotation")))?;
        if d != d2 {
            return Err(err("a relation links spans of two documents".into()));
        }
        let iri = iri_of(item).unwrap_or("");
        let doc = &mut documents[d];
        let id = iri
            .rsplit_once(":relation:")
            .and_then(|(_, n)| n.parse::<u64>().ok())
            .filter(|id| doc.relations.iter().all(|r| r.id.0 != *id))
            .unwrap_or_else(|| doc.next_relation_id().0);
        doc.relations.push(Relation {
            id: RelationId(id),
            from,
            to,
            kind,
        });
    }
    Ok(Imported {
        documents,
        warnings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quote_anchoring_prefers_context_then_nearness() {
        let chars: Vec<char> = "no, no and no".chars().collect();
        assert_eq!(anchor_quote(&chars, "no", "and ", "", None), Some((11, 13)));
        assert_eq!(anchor_quote(&chars, "no", "", "", Some(5)), Some((4, 6)));
        assert_eq!(anchor_quote(&chars, "yes", "", "", None), None);
    }

    #[test]
    fn context_never_splits_a_grapheme() {
        // "e" + combining acute at 32..34: a 32-code-point window ending or starting at 33 would
        // split it.
        let text = format!("{}e\u{301}{}", "a".repeat(32), "b".repeat(40));
        let chars: Vec<char> = text.chars().collect();
        let bounds = grapheme_bounds(&text);
        let (_, suffix) = context(&chars, &bounds, 0, 1);
        assert_eq!(suffix, "a".repeat(31));
        let (prefix, _) = context(&chars, &bounds, 65, 66);
        assert_eq!(prefix, "b".repeat(31));
    }

    #[test]
    fn shifted_positions_are_reanchored_with_a_warning() {
        let mut d = Document::new(DocumentId("d".into()), "t", "😀 he said no", 0);
        d.spans.push(Span {
            id: SpanId(1),
            start: CharOffset(10),
            end: CharOffset(12),
            label: "x".into(),
            note: String::new(),
            attributes: Default::default(),
        });
        // As a UTF-16 tool would count: one more before the emoji's second half.
        let out = export(&[d], &mut vec![])
            .replace("\"start\": 10", "\"start\": 11")
            .replace("\"end\": 12", "\"end\": 13");
        let got = import(&out).unwrap();
        assert_eq!(got.documents[0].spans[0].start, CharOffset(10));
        assert_eq!(got.warnings.len(), 1, "{:?}", got.warnings);
    }
}
