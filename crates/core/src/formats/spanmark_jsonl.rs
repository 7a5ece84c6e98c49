//! Spanmark's native JSONL: one document per line, every line self-describing.
//!
//! Each line carries `"schema": "spanmark/1"` and `"offset_unit": "codepoint"` (a per-line field
//! rather than a header line, so that line-oriented loaders such as `datasets.load_dataset("json")`
//! read the file as it is). Spans carry `start`/`end` in code points (end exclusive), the same in
//! UTF-16 units (`start_utf16`/`end_utf16`) for JavaScript consumers, and the covered `text`, which
//! import verifies.

use std::collections::{BTreeMap, HashSet};

use serde::{Deserialize, Serialize};

use super::ImportError;
use crate::attributes::Attributes;
use crate::link::StoryId;
use crate::model::{
    check_range, DocStory, Document, DocumentId, Label, LabelSet, Relation, RelationId,
    RelationKind, Span, SpanId, Workspace,
};
use crate::offsets::{CharOffset, OffsetIndex, Utf16Offset};

/// The schema identifier written on every line.
pub const SCHEMA: &str = "spanmark/1";
/// The offset unit written on every line.
pub const OFFSET_UNIT: &str = "codepoint";

/// One line of the file.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Line {
    schema: String,
    offset_unit: String,
    id: String,
    title: String,
    #[serde(default)]
    source: Option<String>,
    // Written on every line (null when unknown), as `source` is: line-oriented loaders such as
    // `datasets` then see the same columns on every line.
    /// Publication date `YYYY-MM-DD`.
    #[serde(default)]
    published: Option<String>,
    /// The article's byline.
    #[serde(default)]
    byline: Option<String>,
    /// Who annotated the document.
    #[serde(default)]
    annotator: Option<String>,
    #[serde(default)]
    added_at: u64,
    #[serde(default)]
    line_endings_normalised: bool,
    text: String,
    #[serde(default)]
    spans: Vec<LineSpan>,
    #[serde(default)]
    relations: Vec<LineRelation>,
    /// Whether the document was marked done (written only when it was).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    done: bool,
    /// Whether the document is an adjudicated gold version (written only when it is; read and
    /// ignored: the model does not keep it).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    adjudicated: bool,
    /// The story the user put the document in, by id (written only when there is one): the
    /// documents sharing it form one story (`spanmark link` and the Stories view keep it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    story: Option<String>,
    /// The name the user gave that story (written only when there is one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    story_name: Option<String>,
    /// The workspace's label set (written by workspace exports, on every line).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    labels: Option<Vec<Label>>,
    /// The workspace's relation kinds (written by workspace exports, with the labels).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    relation_kinds: Option<Vec<RelationKind>>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct LineSpan {
    id: u64,
    start: usize,
    end: usize,
    start_utf16: usize,
    end_utf16: usize,
    label: String,
    text: String,
    #[serde(default)]
    note: String,
    /// Typed attributes by name, numbers as JSON numbers. Written on every span (`{}` when none):
    /// `datasets` reads spans whose keys differ as opaque JSON rather than as a struct.
    #[serde(default)]
    attributes: Attributes,
    /// In an adjudicated document, the annotators whose own span was this one (written only there;
    /// read and ignored).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    agreed_by: Option<Vec<String>>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct LineRelation {
    id: u64,
    from: u64,
    to: u64,
    kind: String,
}

/// Writes one document as one JSON line (without the trailing newline).
pub fn export_document(doc: &Document) -> String {
    export_line(doc, None, None)
}

/// Writes an adjudicated (gold) document as one JSON line: `"adjudicated": true`, and on each
/// span `agreed_by`, the annotators whose own span was the same (`[]` when none; a span missing
/// from the map gets `[]` too). Spanmark reads such lines back as ordinary documents.
pub fn export_gold(doc: &Document, agreed_by: &BTreeMap<SpanId, Vec<String>>) -> String {
    export_line(doc, None, Some(agreed_by))
}

/// Writes a whole workspace: every line also carries the label set, so an import restores the
/// team's scheme (colours, keys, descriptions) with the documents.
pub fn export_workspace(ws: &Workspace) -> String {
    let mut out = String::new();
    for doc in &ws.documents {
        out.push_str(&export_line(doc, Some(&ws.labels), None));
        out.push('\n');
    }
    out
}

/// The label set carried by a workspace export (the first line that has one), if any. A file
/// written before relation kinds existed gives a set upgraded as [`LabelSet::upgraded`] says.
pub fn labels_of(input: &str) -> Option<LabelSet> {
    input.lines().find_map(|l| {
        let line: Line = serde_json::from_str(l.trim_start_matches('\u{feff}')).ok()?;
        line.labels
            .map(|labels| LabelSet::upgraded(labels, line.relation_kinds))
    })
}

fn export_line(
    doc: &Document,
    labels: Option<&LabelSet>,
    agreed_by: Option<&BTreeMap<SpanId, Vec<String>>>,
) -> String {
    let index = OffsetIndex::new(&doc.text);
    let spans = doc
        .spans
        .iter()
        .map(|s| LineSpan {
            id: s.id.0,
            start: s.start.0,
            end: s.end.0,
            start_utf16: index.char_to_utf16(s.start).map(|o| o.0).unwrap_or(0),
            end_utf16: index.char_to_utf16(s.end).map(|o| o.0).unwrap_or(0),
            label: s.label.clone(),
            text: index.slice(s.start, s.end).unwrap_or("").to_string(),
            note: s.note.clone(),
            attributes: s.attributes.clone(),
            agreed_by: agreed_by.map(|a| a.get(&s.id).cloned().unwrap_or_default()),
        })
        .collect();
    let relations = doc
        .relations
        .iter()
        .map(|r| LineRelation {
            id: r.id.0,
            from: r.from.0,
            to: r.to.0,
            kind: r.kind.clone(),
        })
        .collect();
    let line = Line {
        schema: SCHEMA.into(),
        offset_unit: OFFSET_UNIT.into(),
        id: doc.id.0.clone(),
        title: doc.title.clone(),
        source: doc.source.clone(),
        published: doc.published.clone(),
        byline: doc.byline.clone(),
        annotator: doc.annotator.clone(),
        added_at: doc.added_at,
        line_endings_normalised: doc.line_endings_normalised,
        text: doc.text.clone(),
        spans,
        relations,
        done: doc.done,
        adjudicated: agreed_by.is_some(),
        story: doc.story.as_ref().map(|s| s.id.0.clone()),
        story_name: doc.story.as_ref().and_then(|s| s.name.clone()),
        labels: labels.map(|l| l.labels.clone()),
        relation_kinds: labels.map(|l| l.relation_kinds.clone()),
    };
    serde_json::to_string(&line).expect("plain data always serialises")
}

/// Writes documents as JSONL, one per line, each line ending in `\n`.
pub fn export<'a>(docs: impl IntoIterator<Item = &'a Document>) -> String {
    let mut out = String::new();
    for doc in docs {
        out.push_str(&export_document(doc));
        out.push('\n');
    }
    out
}

/// Reads a whole file. Every line is checked; the first problem is returned with its line number.
/// Blank lines are skipped; a UTF-8 byte-order mark is allowed.
pub fn import(input: &str) -> Result<Vec<Document>, ImportError> {
    let input = input.strip_prefix('\u{feff}').unwrap_or(input);
    let mut docs = vec![];
    let mut ids = HashSet::new();
    for (i, raw) in input.split('\n').enumerate() {
        let n = i + 1;
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        if raw.trim().is_empty() {
            continue;
        }
        let doc = import_line(raw).map_err(|message| ImportError::at_line(n, message))?;
        if !ids.insert(doc.id.clone()) {
            return Err(ImportError::at_line(
                n,
                format!("document id {:?} appears twice", doc.id.0),
            ));
        }
        docs.push(doc);
    }
    if docs.is_empty() {
        return Err(ImportError::whole(
            "no documents: the file has no JSON lines",
        ));
    }
    Ok(docs)
}

/// Whether a file is Spanmark JSONL, judged as `formats::detect` does: its first non-blank line
/// is a JSON object whose `schema` starts with `spanmark/` (and is not a W3C annotation).
pub fn looks_native(bytes: &[u8]) -> bool {
    #[derive(serde::Deserialize)]
    struct Head {
        schema: Option<String>,
        #[serde(rename = "@context")]
        context: Option<serde::de::IgnoredAny>,
        #[serde(rename = "type")]
        kind: Option<serde_json::Value>,
    }
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    let Some(first) = bytes
        .split(|&b| b == b'\n')
        .find(|l| !l.iter().all(u8::is_ascii_whitespace))
    else {
        return false;
    };
    match serde_json::from_slice::<Head>(first) {
        Ok(head) => {
            let annotation = head
                .kind
                .as_ref()
                .and_then(serde_json::Value::as_str)
                .is_some_and(|k| {
                    matches!(k, "Annotation" | "AnnotationCollection" | "AnnotationPage")
                });
            head.context.is_none()
                && !annotation
                && head.schema.is_some_and(|s| s.starts_with("spanmark/"))
        }
        Err(_) => false,
    }
}

/// Reads one line; the error is a message without the line number.
pub fn import_line(raw: &str) -> Result<Document, String> {
    let line: Line = serde_json::from_str(raw).map_err(|e| describe_json_error(&e))?;
    if line.schema != SCHEMA {
        return Err(format!(
            "unknown schema {:?} (this version reads {SCHEMA:?})",
            line.schema
        ));
    }
    if line.offset_unit != OFFSET_UNIT {
        return Err(format!(
            "offset_unit is {:?}, but Spanmark files count offsets in {OFFSET_UNIT:?}",
            line.offset_unit
        ));
    }
    if line.id.is_empty() {
        return Err("document id is empty".into());
    }
    let story = match line.story {
        Some(id) if id.trim().is_empty() => return Err("story is empty".into()),
        Some(id) => Some(DocStory {
            id: StoryId(id),
            name: line
                .story_name
                .map(|n| n.trim().to_string())
                .filter(|n| !n.is_empty()),
        }),
        None => None,
    };
    let index = OffsetIndex::new(&line.text);
    let len = index.len_chars();
    let mut span_ids = HashSet::new();
    let mut spans = Vec::with_capacity(line.spans.len());
    for (k, s) in line.spans.iter().enumerate() {
        let which = format!("span {} (id {})", k + 1, s.id);
        check_range(s.start as i64, s.end as i64, len).map_err(|e| format!("{which}: {e}"))?;
        if s.label.is_empty() {
            return Err(format!("{which}: label is empty"));
        }
        let covered = index
            .slice(CharOffset(s.start), CharOffset(s.end))
            .map_err(|e| format!("{which}: {e}"))?;
        if covered != s.text {
            return Err(format!(
                "{which}: text {:?} does not match the document text at {}..{} ({covered:?})",
                s.text, s.start, s.end
            ));
        }
        let (u16s, u16e) = (
            index
                .char_to_utf16(CharOffset(s.start))
                .map_err(|e| e.to_string())?,
            index
                .char_to_utf16(CharOffset(s.end))
                .map_err(|e| e.to_string())?,
        );
        if (Utf16Offset(s.start_utf16), Utf16Offset(s.end_utf16)) != (u16s, u16e) {
            return Err(format!(
                "{which}: start_utf16/end_utf16 {}..{} disagree with code points {}..{} (expected {}..{})",
                s.start_utf16, s.end_utf16, s.start, s.end, u16s.0, u16e.0
            ));
        }
        if !span_ids.insert(s.id) {
            return Err(format!("{which}: span id {} appears twice", s.id));
        }
        spans.push(Span {
            id: SpanId(s.id),
            start: CharOffset(s.start),
            end: CharOffset(s.end),
            label: s.label.clone(),
            note: s.note.clone(),
            attributes: s.attributes.clone(),
        });
    }
    let mut relations = vec![];
    for (k, r) in line.relations.iter().enumerate() {
        for end in [r.from, r.to] {
            if !span_ids.contains(&end) {
                return Err(format!(
                    "relation {} (id {}): no span with id {end}",
                    k + 1,
                    r.id
                ));
            }
        }
        relations.push(Relation {
            id: RelationId(r.id),
            from: SpanId(r.from),
            to: SpanId(r.to),
            kind: r.kind.clone(),
        });
    }
    Ok(Document {
        id: DocumentId(line.id),
        title: line.title,
        source: line.source,
        published: line.published,
        byline: line.byline,
        annotator: line.annotator,
        added_at: line.added_at,
        text: line.text,
        line_endings_normalised: line.line_endings_normalised,
        spans,
        relations,
        rejected: vec![],
        done: line.done,
        story,
    })
}

fn describe_json_error(e: &serde_json::Error) -> String {
    use serde_json::error::Category;
    match e.classify() {
        Category::Syntax | Category::Eof => format!("not valid JSON ({e})"),
        Category::Data => format!("not a Spanmark document ({e})"),
        Category::Io => e.to_string(),
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn looks_native_agrees_with_detect() {
        let doc = crate::model::Document::from_paste(
            crate::model::DocumentId("d".into()),
            "T",
            "Text « ok » 😀",
            0,
        );
        let native = export([&doc]);
        let samples: Vec<(&[u8], bool)> = vec![
            (native.as_bytes(), true),
            (b"\n\n{\"schema\": \"spanmark/1\", \"id\": \"x\"}\n", true),
            (b"\xef\xbb\xbf{\"schema\":\"spanmark/1\"}", true),
            (b"{\"text\":\"a\",\"spans\":[]}", false),
            (
                b"{\"schema\":\"spanmark/1\",\"@context\":\"http://www.w3.org/ns/anno.jsonld\"}",
                false,
            ),
            (
                b"{\"schema\":\"spanmark/1\",\"type\":\"Annotation\"}",
                false,
            ),
            (b"plain text", false),
            (b"", false),
        ];
        for (bytes, expected) in samples {
            assert_eq!(
                looks_native(bytes),
                expected,
                "{:?}",
                String::from_utf8_lossy(bytes)
            );
            #[cfg(feature = "formats")]
            assert_eq!(
                crate::formats::detect("f.jsonl", bytes) == Some(crate::formats::Format::Spanmark),
                expected
            );
        }
    }

    use super::*;
    use proptest::prelude::*;

    fn sample() -> Document {
        let mut d = Document::new(
            DocumentId("d1".into()),
            "Café 😀",
            "😀 سلام «Hello», he said.",
            7,
        );
        d.source = Some("Example Gazette".into());
        d.spans.push(Span {
            id: SpanId(1),
            start: CharOffset(7),
            end: CharOffset(14),
            label: "quote".into(),
            note: "n".into(),
            attributes: Default::default(),
        });
        d.spans.push(Span {
            id: SpanId(2),
            start: CharOffset(8),
            end: CharOffset(13),
            label: "Claim X".into(),
            note: String::new(),
            attributes: Default::default(),
        });
        d.relations.push(Relation {
            id: RelationId(1),
            from: SpanId(1),
            to: SpanId(2),
            kind: "said-by".into(),
        });
        d
    }

    #[test]
    fn export_declares_unit_and_utf16_and_text() {
        let line = export_document(&sample());
        let v: serde_json::Value = serde_json::from_str(&line).unwrap();
        assert_eq!(v["schema"], "spanmark/1");
        assert_eq!(v["offset_unit"], "codepoint");
        assert_eq!(v["spans"][0]["text"], "«Hello»");
        assert_eq!(v["spans"][0]["start"], 7);
        assert_eq!(v["spans"][0]["start_utf16"], 8);
    }

    #[test]
    fn workspace_export_carries_the_label_set() {
        let mut ws = Workspace {
            documents: vec![sample()],
            ..Workspace::default()
        };
        ws.labels.labels[0].description = "Checkable".into();
        let file = export_workspace(&ws);
        assert_eq!(labels_of(&file), Some(ws.labels.clone()));
        assert_eq!(import(&file).unwrap(), ws.documents);
        assert_eq!(labels_of(&export(&ws.documents)), None);
    }

    #[test]
    fn gold_carries_adjudicated_and_agreed_by_and_reads_back() {
        let doc = sample();
        let agreed_by = BTreeMap::from([(SpanId(1), vec!["ana".to_string(), "ben".to_string()])]);
        let line = export_gold(&doc, &agreed_by);
        let v: serde_json::Value = serde_json::from_str(&line).unwrap();
        assert_eq!(v["adjudicated"], true);
        assert_eq!(
            v["spans"][0]["agreed_by"],
            serde_json::json!(["ana", "ben"])
        );
        assert_eq!(v["spans"][1]["agreed_by"], serde_json::json!([]));
        assert_eq!(import(&line).unwrap(), vec![doc.clone()]);
        // Ordinary lines carry neither field.
        let plain: serde_json::Value = serde_json::from_str(&export_document(&doc)).unwrap();
        assert!(plain.get("adjudicated").is_none());
        assert!(plain["spans"][0].get("agreed_by").is_none());
    }

    #[test]
    fn round_trip_is_exact() {
        let docs = vec![sample()];
        assert_eq!(import(&export(&docs)).unwrap(), docs);
    }

    #[test]
    fn the_users_story_round_trips_and_is_left_out_when_none() {
        let mut doc = sample();
        let plain: serde_json::Value = serde_json::from_str(&export_document(&doc)).unwrap();
        assert!(plain.get("story").is_none() && plain.get("story_name").is_none());
        doc.story = Some(DocStory {
            id: StoryId("s4".into()),
            name: Some("Orlan Dam".into()),
        });
        let line = export_document(&doc);
        let v: serde_json::Value = serde_json::from_str(&line).unwrap();
        assert_eq!(
            (&v["story"], &v["story_name"]),
            (&"s4".into(), &"Orlan Dam".into())
        );
        assert_eq!(import(&line).unwrap(), vec![doc.clone()]);
        // A story without a name of the user's: only its id is written.
        doc.story = Some(DocStory {
            id: StoryId("s4".into()),
            name: None,
        });
        let v: serde_json::Value = serde_json::from_str(&export_document(&doc)).unwrap();
        assert!(v.get("story_name").is_none());
        assert_eq!(import(&export_document(&doc)).unwrap(), vec![doc.clone()]);
        let blank = line.replace("\"story\":\"s4\"", "\"story\":\" \"");
        assert_eq!(import(&blank).unwrap_err().message, "story is empty");
    }

    #[test]
    fn malformed_json_names_the_line() {
        let good = export_document(&sample());
        let err = import(&format!("{good}\n{{\"schema\": oops\n")).unwrap_err();
        assert_eq!(err.location, "line 2");
        assert!(err.message.starts_with("not valid JSON"), "{err}");
    }

    #[test]
    fn shifted_span_text_is_rejected() {
        let line =
            export_document(&sample()).replace("\"start\":7,\"end\":14", "\"start\":6,\"end\":13");
        let err = import(&line).unwrap_err();
        assert_eq!(err.location, "line 1");
        assert!(
            err.message
                .contains("does not match the document text at 6..13"),
            "{err}"
        );
    }

    #[test]
    fn out_of_range_span_is_rejected() {
        let line =
            export_document(&sample()).replace("\"start\":7,\"end\":14", "\"start\":7,\"end\":99");
        assert!(import(&line)
            .unwrap_err()
            .message
            .contains("7..99 reaches past the end of the text (24 code points)"));
    }

    #[test]
    fn wrong_unit_is_rejected() {
        let line = export_document(&sample()).replace("\"codepoint\"", "\"utf16\"");
        assert!(import(&line)
            .unwrap_err()
            .message
            .contains("offset_unit is \"utf16\""));
    }

    #[test]
    fn duplicate_documents_are_rejected() {
        let line = export_document(&sample());
        let err = import(&format!("{line}\n{line}\n")).unwrap_err();
        assert_eq!(err.to_string(), "line 2: document id \"d1\" appears twice");
    }

    #[test]
    fn empty_file_is_rejected() {
        assert_eq!(import("\n\n").unwrap_err().location, "file");
    }

    /// Attributes of every type, numbers integral or not (any finite `f64` must come back exactly).
    fn attributes() -> impl Strategy<Value = Attributes> {
        use crate::attributes::AttrValue;
        let value = prop_oneof![
            ".{0,6}".prop_map(AttrValue::Text),
            any::<bool>().prop_map(AttrValue::Bool),
            (-1e6f64..1e6).prop_map(AttrValue::Number),
            any::<i32>().prop_map(|i| AttrValue::Number(i as f64)),
            any::<f64>().prop_filter_map("finite", AttrValue::number),
        ];
        proptest::collection::btree_map("[a-z_]{1,8}", value, 0..4)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(128))]
        #[test]
        fn export_then_import_is_identity(
            text in "[a-z 😀«»“”\u{301}سلام\n]{1,80}",
            raw_spans in proptest::collection::vec((0usize..100, 1usize..30, "[a-zA-Z -]{1,8}", ".{0,5}", attributes()), 0..8),
            published in proptest::option::of("[0-9]{4}-[0-9]{2}-[0-9]{2}"),
            byline in proptest::option::of(".{0,12}"),
        ) {
            let len = text.chars().count();
            let mut doc = Document::new(DocumentId("p".into()), "t", text, 1);
            (doc.published, doc.byline) = (published, byline);
            for (i, (start, width, label, note, attributes)) in raw_spans.into_iter().enumerate() {
                let start = start % len;
                let end = (start + width).min(len);
                if start < end {
                    doc.spans.push(Span { id: SpanId(i as u64 + 1), start: CharOffset(start), end: CharOffset(end), label, note, attributes });
                }
            }
            let docs = vec![doc];
            prop_assert_eq!(import(&export(&docs)).unwrap(), docs);
        }
    }
}
