//! Documents (and suggestions) as bytes for crossing between two WebAssembly modules of the app
//! (the start-up module and the formats module share no memory). Both run this same code and the
//! same model, so the encoding is compact binary (postcard: strings as length and bytes, numbers as
//! varints, no field names) rather than JSON: no escaping, no keys, no number parsing, and no
//! offset checks to redo. Not a file format: nothing is stored or exported in it.

use serde::{Deserialize, Serialize};

use crate::model::Document;
use crate::offsets::CharOffset;
use crate::suggest::{AttrValue, Attribution, QuoteStyle, Stage, Suggestion, SuggestionKind};

/// Encodes documents for `documents_from_bytes`.
pub fn documents_to_bytes<'a>(docs: impl IntoIterator<Item = &'a Document>) -> Vec<u8> {
    let docs: Vec<&Document> = docs.into_iter().collect();
    // Sized once (texts and labels as bytes, a few bytes per number): a workspace is megabytes,
    // and growing the buffer copies it again at each doubling.
    let estimate: usize = docs
        .iter()
        .map(|d| {
            let spans: usize = d
                .spans
                .iter()
                .map(|s| s.label.len() + s.note.len() + 12)
                .sum();
            d.text.len() + d.title.len() + d.id.0.len() + spans + 16 * d.relations.len() + 64
        })
        .sum();
    postcard::serialize_with_flavor(&docs, Bytes(Vec::with_capacity(estimate + 8)))
        .expect("plain data encodes")
}

/// Encodes each document's suggestions for `suggestions_from_bytes`.
pub fn suggestions_to_bytes(per_document: &[Vec<Suggestion>]) -> Vec<u8> {
    // Borrowed, not cloned: the same bytes as `WireSuggestion` without a copy of every string.
    let wire: Vec<Vec<WireSuggestionRef>> = per_document
        .iter()
        .map(|list| list.iter().map(WireSuggestionRef::from).collect())
        .collect();
    let estimate: usize = per_document.iter().map(|l| 48 * l.len() + 4).sum();
    postcard::serialize_with_flavor(&wire, Bytes(Vec::with_capacity(estimate)))
        .expect("plain data encodes")
}

/// Decodes what `suggestions_to_bytes` encoded.
pub fn suggestions_from_bytes(bytes: &[u8]) -> Result<Vec<Vec<Suggestion>>, String> {
    let wire: Vec<Vec<WireSuggestion>> = postcard::from_bytes(bytes)
        .map_err(|e| format!("suggestions could not be decoded: {e}"))?;
    Ok(wire
        .into_iter()
        .map(|list| list.into_iter().map(Suggestion::from).collect())
        .collect())
}

/// A [`Suggestion`] with every field written (its JSON form leaves out empty ones, which a format
/// without field names cannot do).
#[derive(Serialize, Deserialize)]
struct WireSuggestion {
    kind: SuggestionKind,
    start: CharOffset,
    end: CharOffset,
    speaker: Option<(CharOffset, CharOffset)>,
    quote_style: Option<QuoteStyle>,
    value: Option<f64>,
    value_max: Option<f64>,
    unit: Option<String>,
    qualifier: Option<String>,
    attribution: Option<WireAttribution>,
    attributes: Vec<(String, WireValue)>,
}

/// A [`WireSuggestion`] to encode, borrowing from the [`Suggestion`] (field for field the same
/// encoding: postcard writes a `&str` as it writes a `String`).
#[derive(Serialize)]
struct WireSuggestionRef<'a> {
    kind: SuggestionKind,
    start: CharOffset,
    end: CharOffset,
    speaker: Option<(CharOffset, CharOffset)>,
    quote_style: Option<QuoteStyle>,
    value: Option<f64>,
    value_max: Option<f64>,
    unit: Option<&'a str>,
    qualifier: Option<&'a str>,
    attribution: Option<WireAttributionRef<'a>>,
    attributes: Vec<(&'a str, WireValueRef<'a>)>,
}

/// A [`WireAttribution`] to encode, borrowed.
type WireAttributionRef<'a> = (&'a str, Option<(CharOffset, CharOffset)>, Stage);

/// A [`WireValue`] to encode, borrowed.
#[derive(Serialize)]
enum WireValueRef<'a> {
    Number(f64),
    Text(&'a str),
    Bool(bool),
}

impl<'a> From<&'a Suggestion> for WireSuggestionRef<'a> {
    fn from(s: &'a Suggestion) -> Self {
        WireSuggestionRef {
            kind: s.kind,
            start: s.start,
            end: s.end,
            speaker: s.speaker,
            quote_style: s.quote_style,
            value: s.value,
            value_max: s.value_max,
            unit: s.unit.as_deref(),
            qualifier: s.qualifier.as_deref(),
            attribution: s
                .attribution
                .as_ref()
                .map(|a| (a.name.as_str(), a.span, a.stage)),
            attributes: s
                .attributes
                .iter()
                .map(|(k, v)| {
                    let v = match v {
                        AttrValue::Number(n) => WireValueRef::Number(*n),
                        AttrValue::Text(t) => WireValueRef::Text(t),
                        AttrValue::Bool(b) => WireValueRef::Bool(*b),
                    };
                    (k.as_ref(), v)
                })
                .collect(),
        }
    }
}

/// An attribute's name as a suggestion holds it: the engine's own names (every figure carries
/// some) borrowed, any other one owned.
fn attribute_name(k: String) -> std::borrow::Cow<'static, str> {
    match crate::suggest::FIGURE_ATTRIBUTES.iter().find(|n| **n == k) {
        Some(n) => std::borrow::Cow::Borrowed(n),
        None => std::borrow::Cow::Owned(k),
    }
}

/// An [`Attribution`]: the name, the span and the stage.
type WireAttribution = (String, Option<(CharOffset, CharOffset)>, Stage);

/// An [`AttrValue`] with its variant written (postcard cannot read untagged enums).
#[derive(Serialize, Deserialize)]
enum WireValue {
    Number(f64),
    Text(String),
    Bool(bool),
}

impl From<WireSuggestion> for Suggestion {
    fn from(w: WireSuggestion) -> Self {
        Suggestion {
            kind: w.kind,
            start: w.start,
            end: w.end,
            speaker: w.speaker,
            quote_style: w.quote_style,
            value: w.value,
            value_max: w.value_max,
            unit: w.unit,
            qualifier: w.qualifier,
            attribution: w
                .attribution
                .map(|(name, span, stage)| Attribution { name, span, stage }),
            attributes: w
                .attributes
                .into_iter()
                .map(|(k, v)| {
                    let v = match v {
                        WireValue::Number(n) => AttrValue::Number(n),
                        WireValue::Text(t) => AttrValue::Text(t),
                        WireValue::Bool(b) => AttrValue::Bool(b),
                    };
                    (attribute_name(k), v)
                })
                .collect(),
        }
    }
}

/// A `Vec<u8>` that postcard writes into, a string's bytes at a time (its `to_extend` copies them
/// one byte at a time, a tenth of the formats module's time handing a workspace over).
struct Bytes(Vec<u8>);

impl postcard::ser_flavors::Flavor for Bytes {
    type Output = Vec<u8>;

    fn try_extend(&mut self, data: &[u8]) -> postcard::Result<()> {
        self.0.extend_from_slice(data);
        Ok(())
    }

    fn try_push(&mut self, data: u8) -> postcard::Result<()> {
        self.0.push(data);
        Ok(())
    }

    fn finalize(self) -> postcard::Result<Vec<u8>> {
        Ok(self.0)
    }
}

/// Decodes what `documents_to_bytes` encoded.
pub fn documents_from_bytes(bytes: &[u8]) -> Result<Vec<Document>, String> {
    postcard::from_bytes(bytes).map_err(|e| format!("documents could not be decoded: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Rejection, Relation, RelationId, Span, SpanId};
    use crate::offsets::CharOffset;

    #[test]
    fn documents_cross_unchanged() {
        let mut doc = Document::from_paste(
            crate::model::DocumentId("d1".into()),
            "Title",
            "Ünïcödé «quote» 😀\r\nline",
            7,
        );
        doc.source = Some("https://example.org/a".into());
        doc.done = true;
        doc.spans = vec![
            Span {
                id: SpanId(1),
                start: CharOffset(8),
                end: CharOffset(15),
                label: "quote".into(),
                note: "n".into(),
                attributes: Default::default(),
            },
            Span {
                id: SpanId(2),
                start: CharOffset(0),
                end: CharOffset(7),
                label: "speaker".into(),
                note: String::new(),
                attributes: Default::default(),
            },
        ];
        doc.rejected = vec![Rejection {
            start: CharOffset(0),
            end: CharOffset(3),
            label: "claim".into(),
        }];
        doc.relations = vec![Relation {
            id: RelationId(1),
            from: SpanId(1),
            to: SpanId(2),
            kind: "said-by".into(),
        }];
        doc.spans[0].attributes.insert(
            "kind".into(),
            crate::attributes::AttrValue::Text("direct".into()),
        );
        doc.published = Some("2024-05-01".into());
        doc.byline = Some("By Lea Park".into());
        let empty = Document::from_paste(crate::model::DocumentId("d2".into()), "", "", 0);
        let docs = vec![doc, empty];
        let bytes = documents_to_bytes(&docs);
        assert_eq!(documents_from_bytes(&bytes).unwrap(), docs);
        assert!(documents_from_bytes(&bytes[..bytes.len() / 2]).is_err());
    }

    #[test]
    fn suggestions_cross_unchanged() {
        let text =
            "“We will not wait,” said Mayor Ana Ruiz. At least 646 homes, nearly 30% of them, \
                    flooded; « solide » 🌊 and $3.5bn to 4bn in costs.";
        let found = crate::suggest::suggest(text, crate::suggest::SuggestionKind::ALL);
        assert!(found.iter().any(|s| s.speaker.is_some()), "{found:?}");
        assert!(
            found
                .iter()
                .any(|s| s.value.is_some() && s.qualifier.is_some()),
            "{found:?}"
        );
        let per_document = vec![found, vec![], crate::suggest::suggest("No figures.", &[])];
        let bytes = suggestions_to_bytes(&per_document);
        assert_eq!(suggestions_from_bytes(&bytes).unwrap(), per_document);
        assert!(suggestions_from_bytes(&bytes[..bytes.len() - 3]).is_err());
    }
}
