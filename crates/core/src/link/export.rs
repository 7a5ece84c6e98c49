//! Writing links out: `spanmark-links/1` JSONL, cross-document W3C Web Annotations, and the JSON
//! object `spanmark link --json` prints.
//!
//! **`spanmark-links/1`** is one JSON object per line. The first is a header,
//! `{"format":"spanmark-links/1","offsetUnit":"codepoint","stories":n,"quotes":n,"figures":n}`;
//! then one line per story (`{"type":"story","id","name","renamed","documents":[id…]}`), quote
//! cluster (`{"type":"quote","story","text","conflict","occurrences":[{"document","start","end",
//! "text","speaker","diff"}]}`) and figure group (`{"type":"figure","story","quantity","status",
//! "occurrences":[{"document","start","end","text","value","min","max","qualifier","unit",
//! "source","date"}]}`). Offsets are code points into the document's text, end exclusive; `min`
//! or `max` null means unbounded.
//!
//! **W3C**: an `AnnotationCollection` whose items are `linking` annotations with one target per
//! occurrence (source IRI `urn:spanmark:doc:<id>`, as the W3C span export writes it, plus a
//! `TextQuoteSelector` and a `TextPositionSelector`) — a story targets its documents whole.

use serde_json::{json, Value};

use super::{FigureGroup, FigureOccurrence, Links, QuoteCluster, QuoteOccurrence};
use crate::model::Document;

/// The JSONL format's name, written in its header.
pub const LINKS_FORMAT: &str = "spanmark-links/1";

/// A number as JSON: whole numbers without ".0", infinities as null.
fn number(v: Option<f64>) -> Value {
    match v {
        Some(v) if v.is_finite() && v.fract() == 0.0 && v.abs() < 9.0e15 => json!(v as i64),
        Some(v) if v.is_finite() => json!(v),
        _ => Value::Null,
    }
}

fn quote_occurrence(o: &QuoteOccurrence, full: bool) -> Value {
    let mut v = json!({
        "document": o.document.0,
        "start": o.start.0,
        "end": o.end.0,
        "speaker": o.speaker,
    });
    if full {
        v["text"] = json!(o.text);
        v["diff"] = json!(o.diff);
    }
    v
}

fn figure_occurrence(o: &FigureOccurrence, full: bool) -> Value {
    let mut v = json!({
        "document": o.document.0,
        "start": o.start.0,
        "end": o.end.0,
        "value": number(o.value),
        "min": number(o.range.and_then(|r| r.min)),
        "max": number(o.range.and_then(|r| r.max)),
        "qualifier": o.qualifier,
        "unit": o.unit,
        "source": o.source,
    });
    if full {
        v["text"] = json!(o.text);
        v["date"] = json!(o.date);
    }
    v
}

fn quote_value(c: &QuoteCluster, full: bool) -> Value {
    json!({
        "story": c.story.0,
        "text": c.text,
        "occurrences": c.occurrences.iter().map(|o| quote_occurrence(o, full)).collect::<Vec<_>>(),
        "conflict": c.conflict,
    })
}

fn figure_value(g: &FigureGroup, full: bool) -> Value {
    json!({
        "story": g.story.0,
        "quantity": g.quantity,
        "status": g.status.as_str(),
        "occurrences": g.occurrences.iter().map(|o| figure_occurrence(o, full)).collect::<Vec<_>>(),
    })
}

/// The object `spanmark link --json` prints: `{"stories":[{"id","documents"}],"quotes":[…],
/// "figures":[…]}`, exactly the shape issue 20 specifies.
pub fn cli_json(links: &Links) -> Value {
    json!({
        "stories": links.stories.stories.iter().map(|s| json!({
            "id": s.id.0,
            "documents": s.documents.iter().map(|d| d.0.as_str()).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "quotes": links.quotes.iter().map(|c| quote_value(c, false)).collect::<Vec<_>>(),
        "figures": links.figures.iter().map(|g| figure_value(g, false)).collect::<Vec<_>>(),
    })
}

/// `spanmark-links/1` JSONL (see the module documentation); ends with a newline.
pub fn export_jsonl(links: &Links) -> String {
    let mut lines = vec![json!({
        "format": LINKS_FORMAT,
        "offsetUnit": "codepoint",
        "stories": links.stories.stories.len(),
        "quotes": links.quotes.len(),
        "figures": links.figures.len(),
    })];
    for s in &links.stories.stories {
        lines.push(json!({
            "type": "story",
            "id": s.id.0,
            "name": s.name,
            "renamed": s.renamed,
            "documents": s.documents.iter().map(|d| d.0.as_str()).collect::<Vec<_>>(),
        }));
    }
    for c in &links.quotes {
        let mut v = quote_value(c, true);
        v["type"] = json!("quote");
        lines.push(v);
    }
    for g in &links.figures {
        let mut v = figure_value(g, true);
        v["type"] = json!("figure");
        lines.push(v);
    }
    let mut out = String::new();
    for l in lines {
        out.push_str(&serde_json::to_string(&l).expect("plain data serialises"));
        out.push('\n');
    }
    out
}

/// Percent-encodes a document id into the URN, as the W3C span export does.
fn document_iri(id: &str) -> String {
    let mut out = String::from("urn:spanmark:doc:");
    for b in id.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Code points of context in prefix and suffix.
const CONTEXT: usize = 32;

fn target(docs: &[Document], id: &str, start: usize, end: usize) -> Value {
    let source = document_iri(id);
    let Some(doc) = docs.iter().find(|d| d.id.0 == id) else {
        return json!({"source": source, "selector": {"type": "TextPositionSelector", "start": start, "end": end}});
    };
    let chars: Vec<char> = doc.text.chars().collect();
    let (s, e) = (start.min(chars.len()), end.min(chars.len()));
    let exact: String = chars[s..e].iter().collect();
    let prefix: String = chars[s.saturating_sub(CONTEXT)..s].iter().collect();
    let suffix: String = chars[e..(e + CONTEXT).min(chars.len())].iter().collect();
    json!({
        "source": source,
        "selector": [
            {"type": "TextQuoteSelector", "exact": exact, "prefix": prefix, "suffix": suffix},
            {"type": "TextPositionSelector", "start": start, "end": end},
        ],
    })
}

/// Cross-document W3C Web Annotations: one `linking` annotation per story, quote cluster and
/// figure group, with one target per document or occurrence (pretty-printed JSON-LD).
pub fn export_w3c(links: &Links, docs: &[Document]) -> String {
    let tag = |v: &str| json!({"type": "TextualBody", "purpose": "tagging", "value": v});
    let describe = |v: &str| json!({"type": "TextualBody", "purpose": "describing", "value": v});
    let mut items = vec![];
    for s in &links.stories.stories {
        items.push(json!({
            "id": format!("urn:spanmark:links:story:{}", s.id.0),
            "type": "Annotation",
            "motivation": "linking",
            "body": [tag("story"), describe(&s.name)],
            "target": s.documents.iter().map(|d| json!(document_iri(&d.0))).collect::<Vec<_>>(),
        }));
    }
    for (n, c) in links.quotes.iter().enumerate() {
        let mut body = vec![tag("quote-cluster"), describe(&c.text)];
        if c.conflict {
            body.push(tag("speaker-conflict"));
        }
        items.push(json!({
            "id": format!("urn:spanmark:links:quote:{}", n + 1),
            "type": "Annotation",
            "motivation": "linking",
            "spanmark:story": c.story.0,
            "body": body,
            "target": c.occurrences.iter()
                .map(|o| target(docs, &o.document.0, o.start.0, o.end.0))
                .collect::<Vec<_>>(),
        }));
    }
    for (n, g) in links.figures.iter().enumerate() {
        items.push(json!({
            "id": format!("urn:spanmark:links:figure:{}", n + 1),
            "type": "Annotation",
            "motivation": "linking",
            "spanmark:story": g.story.0,
            "body": [tag("figure-group"), describe(&g.quantity), tag(g.status.as_str())],
            "target": g.occurrences.iter()
                .map(|o| target(docs, &o.document.0, o.start.0, o.end.0))
                .collect::<Vec<_>>(),
        }));
    }
    let collection = json!({
        "@context": ["http://www.w3.org/ns/anno.jsonld", {"spanmark": "urn:spanmark:vocab:"}],
        "id": "urn:spanmark:links",
        "type": "AnnotationCollection",
        "label": "Spanmark links",
        "total": items.len(),
        "spanmark:offsetUnit": "codepoint",
        "first": {
            "id": "urn:spanmark:links:page:1",
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": items,
        },
    });
    let mut out = serde_json::to_string_pretty(&collection).expect("plain data serialises");
    out.push('\n');
    out
}
