//! Agreement on matched spans' attributes and relations.
//!
//! [`attributes_of`] is the one place that reads them: the span's typed attributes, and for data
//! made before they existed, a note that is a JSON object (`{"value":2000,"unit":"trees"}`).
//! Everything else works on the resulting map.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{Document, Span, SpanId};

/// A span's attributes: name → value as text.
pub type Attributes = BTreeMap<String, String>;

/// The attributes of a span, each value as text: its typed attributes (`2000`, `yes`, `about`)
/// or, when it has none, its note read as a JSON object (a string as it is, anything else as
/// compact JSON). A note that is not a JSON object (free text, or empty) gives no attributes.
pub fn attributes_of(span: &Span) -> Attributes {
    if !span.attributes.is_empty() {
        return span
            .attributes
            .iter()
            .map(|(k, v)| (k.clone(), v.display()))
            .collect();
    }
    let note = span.note.trim_start();
    if !note.starts_with('{') {
        return Attributes::new();
    }
    match serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(note) {
        Ok(map) => map
            .into_iter()
            .map(|(k, v)| {
                let text = match v {
                    serde_json::Value::String(s) => s,
                    other => other.to_string(),
                };
                (k, text)
            })
            .collect(),
        Err(_) => Attributes::new(),
    }
}

/// How often two annotators agree on one attribute (or relation kind) over their matched spans.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct AgreementCount {
    /// Matched span pairs where at least one side has the attribute (or relation).
    pub compared: usize,
    /// Of those, the pairs where both sides have it with the same value (or target).
    pub agreed: usize,
}

impl AgreementCount {
    /// agreed / compared; `None` when nothing was compared.
    pub fn rate(&self) -> Option<f64> {
        super::ratio(self.agreed as f64, self.compared as f64)
    }

    /// Adds another count.
    pub fn add(&mut self, o: AgreementCount) {
        self.compared += o.compared;
        self.agreed += o.agreed;
    }
}

/// Attribute agreement of one matched pair (their [`attributes_of`]), added to `out` per name.
pub fn compare_attributes(
    x: &Attributes,
    y: &Attributes,
    out: &mut BTreeMap<String, AgreementCount>,
) {
    if x.is_empty() && y.is_empty() {
        return;
    }
    let names: BTreeSet<&String> = x.keys().chain(y.keys()).collect();
    for name in names {
        let c = out.entry(name.clone()).or_default();
        c.compared += 1;
        if x.get(name) == y.get(name) {
            c.agreed += 1;
        }
    }
}

/// Relation agreement over two annotators' versions of one document, given the matching of their
/// spans (`a`'s span id → `b`'s span id, over every label). For each matched pair and relation
/// kind where either side has outgoing relations, they agree when the targets correspond: the same
/// number of targets, each of `a`'s matched to one of `b`'s (the same speaker for a matched quote).
pub fn compare_relations(
    a: &Document,
    b: &Document,
    matched: &BTreeMap<SpanId, SpanId>,
    out: &mut BTreeMap<String, AgreementCount>,
) {
    let (out_a, out_b) = (outgoing(a), outgoing(b));
    let empty = BTreeSet::new();
    let mut keys: BTreeSet<(SpanId, SpanId, &str)> = BTreeSet::new();
    for &(from, kind) in out_a.keys() {
        if let Some(&to) = matched.get(&from) {
            keys.insert((from, to, kind));
        }
    }
    let back: BTreeMap<SpanId, SpanId> = matched.iter().map(|(x, y)| (*y, *x)).collect();
    for &(from, kind) in out_b.keys() {
        if let Some(&fa) = back.get(&from) {
            keys.insert((fa, from, kind));
        }
    }
    for (fa, fb, kind) in keys {
        let ta = out_a.get(&(fa, kind)).unwrap_or(&empty);
        let tb = out_b.get(&(fb, kind)).unwrap_or(&empty);
        let mapped: BTreeSet<SpanId> = ta.iter().filter_map(|t| matched.get(t).copied()).collect();
        let c = out.entry(kind.to_string()).or_default();
        c.compared += 1;
        if ta.len() == tb.len() && mapped == *tb {
            c.agreed += 1;
        }
    }
}

/// A document's relation targets by (source span, kind).
fn outgoing(doc: &Document) -> BTreeMap<(SpanId, &str), BTreeSet<SpanId>> {
    let mut map: BTreeMap<(SpanId, &str), BTreeSet<SpanId>> = BTreeMap::new();
    for r in &doc.relations {
        map.entry((r.from, r.kind.as_str()))
            .or_default()
            .insert(r.to);
    }
    map
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DocumentId, Relation, RelationId};
    use crate::offsets::CharOffset;

    fn span(id: u64, start: usize, end: usize, label: &str, note: &str) -> Span {
        Span {
            id: SpanId(id),
            start: CharOffset(start),
            end: CharOffset(end),
            label: label.into(),
            note: note.into(),
            attributes: Default::default(),
        }
    }

    #[test]
    fn attributes_come_from_a_json_object_note() {
        let s = span(1, 0, 4, "figure", r#"{"value":2000,"unit":"trees"}"#);
        let attrs = attributes_of(&s);
        assert_eq!(attrs.get("value").map(String::as_str), Some("2000"));
        assert_eq!(attrs.get("unit").map(String::as_str), Some("trees"));
        assert!(attributes_of(&span(1, 0, 4, "figure", "check this")).is_empty());
        assert!(attributes_of(&span(1, 0, 4, "figure", "{not json")).is_empty());
    }

    #[test]
    fn attribute_agreement_counts_each_name() {
        let mut out = BTreeMap::new();
        let a = span(1, 0, 4, "figure", r#"{"value":2000,"unit":"trees"}"#);
        let b = span(1, 0, 4, "figure", r#"{"value":"2000"}"#);
        compare_attributes(&attributes_of(&a), &attributes_of(&b), &mut out);
        assert_eq!(
            out["value"],
            AgreementCount {
                compared: 1,
                agreed: 1
            }
        );
        assert_eq!(
            out["unit"],
            AgreementCount {
                compared: 1,
                agreed: 0
            }
        );
    }

    fn doc(spans: Vec<Span>, relations: &[(u64, u64)]) -> Document {
        let mut d = Document::new(DocumentId("d".into()), "t", "x".repeat(60), 0);
        d.spans = spans;
        d.relations = relations
            .iter()
            .enumerate()
            .map(|(i, &(from, to))| Relation {
                id: RelationId(i as u64 + 1),
                from: SpanId(from),
                to: SpanId(to),
                kind: "said-by".into(),
            })
            .collect();
        d
    }

    #[test]
    fn a_matched_quote_agrees_when_its_speaker_is_the_matched_speaker() {
        // a: quote 1 said-by speaker 2; b: quote 11 said-by speaker 12 (agree), quote 13 said-by
        // speaker 14 where a's quote 3 has no speaker (disagree).
        let a = doc(
            vec![
                span(1, 0, 10, "quote", ""),
                span(2, 12, 16, "speaker", ""),
                span(3, 20, 30, "quote", ""),
            ],
            &[(1, 2)],
        );
        let b = doc(
            vec![
                span(11, 0, 10, "quote", ""),
                span(12, 12, 16, "speaker", ""),
                span(13, 20, 30, "quote", ""),
                span(14, 40, 44, "speaker", ""),
            ],
            &[(11, 12), (13, 14)],
        );
        let matched: BTreeMap<SpanId, SpanId> = [(1, 11), (2, 12), (3, 13)]
            .into_iter()
            .map(|(x, y)| (SpanId(x), SpanId(y)))
            .collect();
        let mut out = BTreeMap::new();
        compare_relations(&a, &b, &matched, &mut out);
        assert_eq!(
            out["said-by"],
            AgreementCount {
                compared: 2,
                agreed: 1
            }
        );
    }
}
