//! Offline suggestions: quotes with their speakers, figures and claims.
//!
//! Pure Rust with no dependencies beyond the core's, so it runs the same natively and in
//! WebAssembly. Every rule is a hand-written scanner over the text's `char`s (no regular
//! expressions): one pass builds a token stream ([`tokens`]), then each rule family reads it —
//! [`sentences`], [`quotes`], [`speakers`], [`figures`], [`claims`]. The whole pipeline is linear in
//! the text's length.
//!
//! Offsets are code points ([`CharOffset`]), end exclusive, like every span in the model.
//!
//! ```
//! use spanmark_core::suggest::{suggest, SuggestionKind};
//!
//! let text = "“We counted 646 people,” said Amal Haddad.";
//! let found = suggest(text, SuggestionKind::ALL);
//! let quote = found.iter().find(|s| s.kind == SuggestionKind::Quote).unwrap();
//! assert_eq!((quote.start.0, quote.end.0), (0, 24));
//! assert_eq!(quote.speaker.map(|(s, e)| (s.0, e.0)), Some((30, 41)));
//! let figure = found.iter().find(|s| s.kind == SuggestionKind::Figure).unwrap();
//! assert_eq!((figure.value, figure.unit.as_deref()), (Some(646.0), Some("people")));
//! ```

pub mod accept;
mod claims;
pub mod eval;
mod figures;
mod lexicon;
mod quotes;
mod sentences;
mod speakers;
mod tokens;

use serde::{Deserialize, Serialize};

use crate::model::{Document, Relation, Span, SpanId};
use crate::offsets::CharOffset;

/// The relation kind linking a quote to its speaker.
pub const SAID_BY: &str = "said-by";

/// What a suggestion marks. Its label is the span label it becomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SuggestionKind {
    /// Reported speech between quotation marks (marks included).
    Quote,
    /// The person or body a quote is attributed to.
    Speaker,
    /// A number stating a quantity, with its qualifier and counted noun.
    Figure,
    /// A sentence asserting something checkable.
    Claim,
}

impl SuggestionKind {
    /// Every kind, in display order.
    pub const ALL: &'static [SuggestionKind] = &[
        SuggestionKind::Quote,
        SuggestionKind::Speaker,
        SuggestionKind::Figure,
        SuggestionKind::Claim,
    ];

    /// The span label: "quote", "speaker", "figure" or "claim".
    pub fn label(self) -> &'static str {
        match self {
            SuggestionKind::Quote => "quote",
            SuggestionKind::Speaker => "speaker",
            SuggestionKind::Figure => "figure",
            SuggestionKind::Claim => "claim",
        }
    }

    /// The kind for a label, if it is one of the four.
    pub fn from_label(label: &str) -> Option<SuggestionKind> {
        SuggestionKind::ALL
            .iter()
            .copied()
            .find(|k| k.label() == label)
    }
}

/// Whether a quote is reported speech or a short partial/scare quote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteStyle {
    /// Speech of four words or more.
    Full,
    /// One to three words (in CJK text without spaces: up to six characters).
    Partial,
}

/// One suggested span.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Suggestion {
    /// What it marks.
    pub kind: SuggestionKind,
    /// First code point covered.
    // Invariant: start < end <= the text's length in code points.
    pub start: CharOffset,
    /// First code point after the span.
    pub end: CharOffset,
    /// Quotes: the speaker's span, when the quote could be attributed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker: Option<(CharOffset, CharOffset)>,
    /// Quotes: full speech or partial.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote_style: Option<QuoteStyle>,
    /// Figures: the normalised value (multipliers applied: "$3.5bn" is 3.5e9); for a range, its
    /// lower bound.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    /// Figures: the upper bound of a range ("10-15 people").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_max: Option<f64>,
    /// Figures: "%", an ISO 4217 currency code, or the counted noun as written ("people").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// Figures: the qualifier, lower-cased ("at least", "nearly", "between").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qualifier: Option<String>,
}

impl Suggestion {
    fn plain(kind: SuggestionKind, start: usize, end: usize) -> Self {
        Suggestion {
            kind,
            start: CharOffset(start),
            end: CharOffset(end),
            speaker: None,
            quote_style: None,
            value: None,
            value_max: None,
            unit: None,
            qualifier: None,
        }
    }

    /// The span label it becomes.
    pub fn label(&self) -> &'static str {
        self.kind.label()
    }

    /// The extra fields as compact JSON for a span's note: `{"style":"partial"}` for quotes,
    /// `{"value":10721,"unit":"people","qualifier":"at least"}` for figures; empty otherwise.
    pub fn note(&self) -> String {
        #[derive(Serialize)]
        struct Note<'a> {
            #[serde(skip_serializing_if = "Option::is_none")]
            style: Option<QuoteStyle>,
            #[serde(skip_serializing_if = "Option::is_none")]
            value: Option<serde_json::Value>,
            #[serde(skip_serializing_if = "Option::is_none")]
            value_max: Option<serde_json::Value>,
            #[serde(skip_serializing_if = "Option::is_none")]
            unit: Option<&'a str>,
            #[serde(skip_serializing_if = "Option::is_none")]
            qualifier: Option<&'a str>,
        }
        let note = Note {
            style: self.quote_style,
            value: self.value.map(json_number),
            value_max: self.value_max.map(json_number),
            unit: self.unit.as_deref(),
            qualifier: self.qualifier.as_deref(),
        };
        if self.quote_style.is_none() && self.value.is_none() {
            return String::new();
        }
        serde_json::to_string(&note).expect("plain data always serialises")
    }
}

/// A whole number prints without ".0".
fn json_number(v: f64) -> serde_json::Value {
    if v.fract() == 0.0 && v.abs() < 9.0e15 {
        serde_json::Value::from(v as i64)
    } else {
        serde_json::Value::from(v)
    }
}

/// Suggests spans of the requested kinds in `text`, sorted by start, then longest first.
///
/// Quotes carry their speaker (when one is found) whether or not [`SuggestionKind::Speaker`] is
/// requested; asking for `Speaker` adds one speaker suggestion per distinct speaker span.
pub fn suggest(text: &str, kinds: &[SuggestionKind]) -> Vec<Suggestion> {
    let want = |k| kinds.contains(&k);
    let mut chars: Vec<char> = Vec::with_capacity(text.len());
    chars.extend(text.chars());
    let toks = tokens::tokenize(&chars);
    let sents = sentences::split(&chars);
    let low = tokens::Lowered::new(text, &chars, &toks);
    let mut out = vec![];
    if want(SuggestionKind::Quote) || want(SuggestionKind::Speaker) {
        let quotes = quotes::find(&chars);
        let speakers = speakers::attribute(&chars, &toks, &sents, &quotes, &low);
        let mut speaker_spans: Vec<(usize, usize)> = vec![];
        let mut seen = std::collections::HashSet::new();
        for (q, sp) in quotes.iter().zip(&speakers) {
            if want(SuggestionKind::Quote) {
                let mut s = Suggestion::plain(SuggestionKind::Quote, q.start, q.end);
                s.quote_style = Some(if q.partial {
                    QuoteStyle::Partial
                } else {
                    QuoteStyle::Full
                });
                s.speaker = sp.map(|(a, b)| (CharOffset(a), CharOffset(b)));
                out.push(s);
            }
            if let Some(span) = sp {
                if seen.insert(*span) {
                    speaker_spans.push(*span);
                }
            }
        }
        if want(SuggestionKind::Speaker) {
            out.extend(
                speaker_spans
                    .into_iter()
                    .map(|(s, e)| Suggestion::plain(SuggestionKind::Speaker, s, e)),
            );
        }
    }
    if want(SuggestionKind::Figure) || want(SuggestionKind::Claim) {
        let figs = figures::find(&chars, &toks, &low);
        if want(SuggestionKind::Claim) {
            for (s, e) in claims::find(&chars, &toks, &sents, &figs, &low) {
                out.push(Suggestion::plain(SuggestionKind::Claim, s, e));
            }
        }
        if want(SuggestionKind::Figure) {
            for f in figs {
                let mut s = Suggestion::plain(SuggestionKind::Figure, f.start, f.end);
                s.value = Some(f.value);
                s.value_max = f.value_max;
                s.unit = f.unit;
                s.qualifier = f.qualifier;
                out.push(s);
            }
        }
    }
    out.sort_by(|a, b| {
        a.start
            .cmp(&b.start)
            .then(b.end.cmp(&a.end))
            .then(a.kind.cmp(&b.kind))
    });
    out
}

/// Suggestions for a document the user is annotating: those of [`suggest`], minus any whose
/// (start, end, label) the document already has as a span or the user has rejected.
///
/// A quote whose speaker span was rejected keeps the quote but loses the speaker.
pub fn fresh_suggestions<S: AsRef<str>>(
    doc: &Document,
    rejected: &[(CharOffset, CharOffset, S)],
    kinds: &[SuggestionKind],
) -> Vec<Suggestion> {
    let taken = |start: CharOffset, end: CharOffset, label: &str| {
        doc.spans
            .iter()
            .any(|s| s.start == start && s.end == end && s.label == label)
            || rejected
                .iter()
                .any(|(s, e, l)| *s == start && *e == end && l.as_ref() == label)
    };
    let rejected_speaker = |start: CharOffset, end: CharOffset| {
        rejected
            .iter()
            .any(|(s, e, l)| *s == start && *e == end && l.as_ref() == "speaker")
    };
    suggest(&doc.text, kinds)
        .into_iter()
        .filter(|s| !taken(s.start, s.end, s.label()))
        .map(|mut s| {
            if s.speaker.is_some_and(|(a, b)| rejected_speaker(a, b)) {
                s.speaker = None;
            }
            s
        })
        .collect()
}

/// Adds suggestions to a document as spans (notes from [`Suggestion::note`]), with a speaker span
/// and a [`SAID_BY`] relation for every attributed quote. A speaker span the document already has
/// (same range, label "speaker") is reused rather than duplicated. Returns the new spans' ids in
/// the order of `suggestions`.
pub fn add_to_document(doc: &mut Document, suggestions: &[Suggestion]) -> Vec<SpanId> {
    let mut ids = Vec::with_capacity(suggestions.len());
    for s in suggestions {
        let existing = doc
            .spans
            .iter()
            .find(|x| x.start == s.start && x.end == s.end && x.label == s.label())
            .map(|x| x.id);
        let id = match existing.filter(|_| s.kind == SuggestionKind::Speaker) {
            Some(id) => id,
            None => push_span(doc, s.start, s.end, s.label(), s.note()),
        };
        ids.push(id);
        if let Some((a, b)) = s.speaker {
            let speaker = doc
                .spans
                .iter()
                .find(|x| x.start == a && x.end == b && x.label == "speaker")
                .map(|x| x.id)
                .unwrap_or_else(|| push_span(doc, a, b, "speaker", String::new()));
            let rid = doc.next_relation_id();
            doc.relations.push(Relation {
                id: rid,
                from: id,
                to: speaker,
                kind: SAID_BY.into(),
            });
        }
    }
    ids
}

fn push_span(
    doc: &mut Document,
    start: CharOffset,
    end: CharOffset,
    label: &str,
    note: String,
) -> SpanId {
    let id = doc.next_span_id();
    doc.spans.push(Span {
        id,
        start,
        end,
        label: label.into(),
        note,
        attributes: Default::default(),
    });
    id
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::DocumentId;

    const TEXT: &str = "“We counted at least 646 people,” said Amal Haddad on Jan. 13.";

    fn doc() -> Document {
        Document::new(DocumentId("d".into()), "t", TEXT, 0)
    }

    #[test]
    fn suggest_filters_kinds() {
        let quotes = suggest(TEXT, &[SuggestionKind::Quote]);
        assert_eq!(quotes.len(), 1);
        assert_eq!(quotes[0].quote_style, Some(QuoteStyle::Full));
        assert!(quotes[0].speaker.is_some());
        let speakers = suggest(TEXT, &[SuggestionKind::Speaker]);
        assert_eq!(speakers.len(), 1);
        assert_eq!(speakers[0].label(), "speaker");
    }

    #[test]
    fn figure_note_is_compact_json() {
        let f = suggest(TEXT, &[SuggestionKind::Figure]);
        assert_eq!(f.len(), 1);
        assert_eq!(
            f[0].note(),
            r#"{"value":646,"unit":"people","qualifier":"at least"}"#
        );
    }

    #[test]
    fn fresh_skips_existing_and_rejected() {
        let mut d = doc();
        let all = suggest(TEXT, SuggestionKind::ALL);
        let quote = all
            .iter()
            .find(|s| s.kind == SuggestionKind::Quote)
            .unwrap();
        let figure = all
            .iter()
            .find(|s| s.kind == SuggestionKind::Figure)
            .unwrap();
        push_span(&mut d, quote.start, quote.end, "quote", String::new());
        let rejected = [(figure.start, figure.end, "figure")];
        let fresh = fresh_suggestions(&d, &rejected, SuggestionKind::ALL);
        assert!(fresh.iter().all(|s| s.kind != SuggestionKind::Quote));
        assert!(fresh.iter().all(|s| s.kind != SuggestionKind::Figure));
        assert!(fresh.iter().any(|s| s.kind == SuggestionKind::Claim));
    }

    #[test]
    fn a_differently_labelled_span_does_not_hide_a_suggestion() {
        let mut d = doc();
        let quote = suggest(TEXT, &[SuggestionKind::Quote]).remove(0);
        push_span(&mut d, quote.start, quote.end, "claim", String::new());
        let none: [(CharOffset, CharOffset, String); 0] = [];
        assert_eq!(
            fresh_suggestions(&d, &none, &[SuggestionKind::Quote]).len(),
            1
        );
    }

    #[test]
    fn rejected_speaker_is_dropped_from_its_quote() {
        let d = doc();
        let quote = suggest(TEXT, &[SuggestionKind::Quote]).remove(0);
        let (a, b) = quote.speaker.unwrap();
        let fresh = fresh_suggestions(
            &d,
            &[(a, b, "speaker".to_string())],
            &[SuggestionKind::Quote],
        );
        assert_eq!(fresh[0].speaker, None);
    }

    #[test]
    fn add_to_document_links_quotes_to_speakers() {
        let mut d = doc();
        let all = suggest(TEXT, SuggestionKind::ALL);
        add_to_document(&mut d, &all);
        let speakers: Vec<_> = d.spans.iter().filter(|s| s.label == "speaker").collect();
        assert_eq!(speakers.len(), 1, "speaker span reused, not duplicated");
        assert_eq!(d.covered_text(speakers[0]), "Amal Haddad");
        assert_eq!(d.relations.len(), 1);
        assert_eq!(d.relations[0].kind, "said-by");
        let quote = d.span(d.relations[0].from).unwrap();
        assert_eq!(quote.label, "quote");
        assert_eq!(quote.note, r#"{"style":"full"}"#);
    }
}
