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

use std::borrow::Cow;
use std::collections::{BTreeMap, HashSet};

use serde::{Deserialize, Serialize};

use crate::history::Edit;
use crate::model::{Document, SpanId, Workspace};
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

/// The stage of the attribution sieve that found a quote's speaker (see `speakers` for the
/// order in which they are tried).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Stage {
    /// A fixed shape next to the quote: "X said", "said X", "X wrote on P:", "according to X".
    Pattern,
    /// A reporting verb further away with a named subject.
    ReportingVerb,
    /// A pronoun or "the official" resolved to a named person or organisation.
    Coreference,
    /// A quote on its own right after an attributed one keeps its speaker.
    Continuation,
    /// A quote inside a clause without a reporting verb takes the clause's subject.
    ScareQuote,
}

impl Stage {
    /// Every stage, in sieve order.
    pub const ALL: &'static [Stage] = &[
        Stage::Pattern,
        Stage::ReportingVerb,
        Stage::Coreference,
        Stage::Continuation,
        Stage::ScareQuote,
    ];

    /// A short name for tables: "pattern", "reporting-verb", ….
    pub fn name(self) -> &'static str {
        match self {
            Stage::Pattern => "pattern",
            Stage::ReportingVerb => "reporting-verb",
            Stage::Coreference => "coreference",
            Stage::Continuation => "continuation",
            Stage::ScareQuote => "scare-quote",
        }
    }
}

/// Who said a quote: the named entity (never the pronoun next to the quote).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attribution {
    /// The entity's name as written at its mention ("Dr. Amal Haddad", "health ministry").
    pub name: String,
    /// The mention's span in the text, when the entity is named in it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub span: Option<(CharOffset, CharOffset)>,
    /// The sieve stage that found it.
    pub stage: Stage,
}

/// Suggestions carry the same typed values spans do.
pub use crate::attributes::AttrValue;

/// The names of a figure's attributes, in display order.
pub const FIGURE_ATTRIBUTES: &[&str] = &[
    "value",
    "value_max",
    "unit",
    "qualifier",
    "quantity",
    "source",
];

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
    /// Quotes: the speaker's span, when the quote could be attributed (the span of
    /// [`Suggestion::attribution`], kept for callers that only need the range).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker: Option<(CharOffset, CharOffset)>,
    /// Quotes: who said it — the entity's name, its span and the sieve stage that found it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attribution: Option<Attribution>,
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
    /// Figures: the qualifier, one of "exact", "about", "at least", "at most", "more than",
    /// "less than", "up to", "between".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qualifier: Option<String>,
    /// Figures: every attribute by name ([`FIGURE_ATTRIBUTES`]): "value" and "value_max" as
    /// numbers; "unit", "qualifier", "quantity" (what is counted: "deaths", "injured",
    /// "arrests", "tariff rate", "days", …) and "source" (who reports it) as text. The fields
    /// `value`, `value_max`, `unit` and `qualifier` repeat the first four. (Names are
    /// [`Cow`]s so that the engine's own names cost no allocation; look them up by `&str`.)
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub attributes: BTreeMap<Cow<'static, str>, AttrValue>,
}

impl Suggestion {
    fn plain(kind: SuggestionKind, start: usize, end: usize) -> Self {
        Suggestion {
            kind,
            start: CharOffset(start),
            end: CharOffset(end),
            speaker: None,
            attribution: None,
            quote_style: None,
            value: None,
            value_max: None,
            unit: None,
            qualifier: None,
            attributes: BTreeMap::new(),
        }
    }

    /// A figure attribute's value by name ([`FIGURE_ATTRIBUTES`]).
    pub fn attribute(&self, name: &str) -> Option<&AttrValue> {
        self.attributes.get(name)
    }

    /// The span label it becomes.
    pub fn label(&self) -> &'static str {
        self.kind.label()
    }

    /// The extra fields as compact JSON for a span's note (a span holds text only):
    /// `{"style":"partial"}` for quotes, the attributes in [`FIGURE_ATTRIBUTES`] order for figures
    /// (`{"value":10721,"unit":"people","qualifier":"at least","quantity":"people"}`); empty
    /// otherwise.
    pub fn note(&self) -> String {
        let mut out = String::new();
        if let Some(style) = self.quote_style {
            out.push_str(&serde_json::json!({ "style": style }).to_string());
            return out;
        }
        if self.attributes.is_empty() {
            return out;
        }
        out.push('{');
        for name in FIGURE_ATTRIBUTES {
            let Some(v) = self.attributes.get(*name as &str) else {
                continue;
            };
            if out.len() > 1 {
                out.push(',');
            }
            let v = match v {
                AttrValue::Number(n) => json_number(*n),
                AttrValue::Text(t) => serde_json::Value::from(t.as_str()),
                AttrValue::Bool(b) => serde_json::Value::from(*b),
            };
            out.push_str(&format!("{}:{v}", serde_json::Value::from(*name)));
        }
        out.push('}');
        out
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
    let low = tokens::Lowered::new(&chars, &toks);
    let figures_wanted = want(SuggestionKind::Figure);
    let quotes = quotes::find(&chars);
    let figs = if figures_wanted || want(SuggestionKind::Claim) {
        figures::find(&chars, &toks, &low)
    } else {
        vec![]
    };
    // Sentences whose source a figure needs.
    // The sentence of each figure, found by walking both lists in order (figures are sorted).
    let mut figure_sentence: Vec<Option<usize>> = Vec::with_capacity(figs.len());
    let mut source_of = vec![false; if figures_wanted { sents.len() } else { 0 }];
    if figures_wanted {
        let mut si = 0;
        for f in &figs {
            while si < sents.len() && sents[si].1 <= f.start {
                si += 1;
            }
            let inside = sents.get(si).is_some_and(|&(s, _)| s <= f.start);
            figure_sentence.push(inside.then_some(si));
            if inside {
                source_of[si] = true;
            }
        }
    }
    let need_speakers =
        want(SuggestionKind::Quote) || want(SuggestionKind::Speaker) || figures_wanted;
    let (speakers, sources) = if need_speakers {
        speakers::attribute(&chars, &toks, &sents, &quotes, &low, &source_of)
    } else {
        (vec![None; quotes.len()], vec![])
    };
    let name_of = |s: usize, e: usize| -> String { chars[s..e].iter().collect() };
    // Sized once: a suggestion is a large value, and growing the list copies them all again.
    let mut out = Vec::with_capacity(2 * quotes.len() + figs.len() + sents.len());
    if want(SuggestionKind::Quote) || want(SuggestionKind::Speaker) {
        let mut speaker_spans: Vec<(usize, usize)> = vec![];
        let mut seen = std::collections::HashSet::new();
        for (q, found) in quotes.iter().zip(&speakers) {
            if want(SuggestionKind::Quote) {
                let mut s = Suggestion::plain(SuggestionKind::Quote, q.start, q.end);
                s.quote_style = Some(if q.partial {
                    QuoteStyle::Partial
                } else {
                    QuoteStyle::Full
                });
                s.speaker = found.map(|f| (CharOffset(f.start), CharOffset(f.end)));
                s.attribution = found.map(|f| Attribution {
                    name: name_of(f.start, f.end),
                    span: Some((CharOffset(f.start), CharOffset(f.end))),
                    stage: f.stage,
                });
                out.push(s);
            }
            if let Some(f) = found {
                if seen.insert((f.start, f.end)) {
                    speaker_spans.push((f.start, f.end));
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
    if figures_wanted || want(SuggestionKind::Claim) {
        if want(SuggestionKind::Claim) {
            for (s, e) in claims::find(&chars, &toks, &sents, &quotes, &figs, &low) {
                out.push(Suggestion::plain(SuggestionKind::Claim, s, e));
            }
        }
        if figures_wanted {
            let top: Vec<(usize, &quotes::Quote)> = quotes
                .iter()
                .enumerate()
                .filter(|(_, q)| q.depth == 0)
                .collect();
            let mut k = 0;
            for (f, si) in figs.into_iter().zip(figure_sentence) {
                // Inside a quote, the quote's speaker reports it; elsewhere, its sentence's source.
                while k < top.len() && top[k].1.start <= f.start {
                    k += 1;
                }
                let in_quote = k
                    .checked_sub(1)
                    .map(|k| top[k])
                    .filter(|(_, q)| f.end <= q.end);
                let source = match in_quote {
                    Some((qi, _)) => speakers[qi].map(|f| (f.start, f.end)),
                    None => si.and_then(|si| sources.get(si).copied().flatten()),
                };
                let mut s = Suggestion::plain(SuggestionKind::Figure, f.start, f.end);
                s.value = Some(f.value);
                s.value_max = f.value_max;
                s.qualifier = Some(f.qualifier.to_string());
                let attrs = &mut s.attributes;
                attrs.insert(Cow::Borrowed("value"), AttrValue::Number(f.value));
                if let Some(v) = f.value_max {
                    attrs.insert(Cow::Borrowed("value_max"), AttrValue::Number(v));
                }
                if let Some(u) = &f.unit {
                    attrs.insert(Cow::Borrowed("unit"), AttrValue::Text(u.clone()));
                }
                attrs.insert(
                    Cow::Borrowed("qualifier"),
                    AttrValue::Text(f.qualifier.into()),
                );
                if let Some(q) = f.quantity {
                    attrs.insert(Cow::Borrowed("quantity"), AttrValue::Text(q));
                }
                if let Some((a, b)) = source {
                    attrs.insert(Cow::Borrowed("source"), AttrValue::Text(name_of(a, b)));
                }
                s.unit = f.unit;
                out.push(s);
            }
        }
    }
    sort_suggestions(out)
}

/// Sorts by start, then longest first, then kind, keeping the order of equal ones — through a
/// list of indices, so that each (large) suggestion moves once instead of at every merge.
fn sort_suggestions(out: Vec<Suggestion>) -> Vec<Suggestion> {
    let mut order: Vec<u32> = (0..out.len() as u32).collect();
    order.sort_by(|&a, &b| {
        let (a, b) = (&out[a as usize], &out[b as usize]);
        a.start
            .cmp(&b.start)
            .then(b.end.cmp(&a.end))
            .then(a.kind.cmp(&b.kind))
    });
    let mut slots: Vec<Option<Suggestion>> = out.into_iter().map(Some).collect();
    order
        .into_iter()
        .map(|i| slots[i as usize].take().expect("each index once"))
        .collect()
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
    // Looked up once per suggestion: a long article has thousands of spans and suggestions, and
    // a scan of every span for every suggestion was most of the time the app waited.
    let mut taken: HashSet<(usize, usize, &str)> =
        HashSet::with_capacity(doc.spans.len() + rejected.len());
    taken.extend(
        doc.spans
            .iter()
            .map(|s| (s.start.0, s.end.0, s.label.as_str())),
    );
    taken.extend(rejected.iter().map(|(s, e, l)| (s.0, e.0, l.as_ref())));
    let rejected_speakers: HashSet<(usize, usize)> = rejected
        .iter()
        .filter(|(_, _, l)| l.as_ref() == "speaker")
        .map(|(s, e, _)| (s.0, e.0))
        .collect();
    suggest(&doc.text, kinds)
        .into_iter()
        .filter(|s| !taken.contains(&(s.start.0, s.end.0, s.label())))
        .map(|mut s| {
            if s.speaker
                .is_some_and(|(a, b)| rejected_speakers.contains(&(a.0, b.0)))
            {
                s.speaker = None;
            }
            s
        })
        .collect()
}

/// Adds suggestions to a document as spans, by the same rule as the app's
/// [`accept::acceptance_edit`] ([`accept::plan`]): a speaker span and a [`SAID_BY`] relation for
/// every attributed quote, spans with the same range and label reused, relations not repeated.
/// Returns the span id each suggestion ended up as, in the order of `suggestions`.
pub fn add_to_document(doc: &mut Document, suggestions: &[Suggestion]) -> Vec<SpanId> {
    let (edits, ids) = accept::plan(doc, suggestions);
    let placeholder = Document::new(doc.id.clone(), "", "", 0);
    let mut ws = Workspace {
        documents: vec![std::mem::replace(doc, placeholder)],
        ..Workspace::default()
    };
    let applied = Edit::Batch(edits).apply(&mut ws);
    *doc = ws
        .documents
        .pop()
        .expect("the workspace holds the one document");
    applied.expect("a plan made for a document applies to it");
    ids
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
            r#"{"value":646,"unit":"people","qualifier":"at least","quantity":"people","source":"Amal Haddad"}"#
        );
    }

    #[test]
    fn figure_attributes_are_typed() {
        let text = "At least 40 people were killed and 12 injured, the health ministry said.";
        let f = suggest(text, &[SuggestionKind::Figure]);
        let text_of = |i: usize, name: &str| f[i].attribute(name).and_then(AttrValue::as_text);
        assert_eq!(
            f[0].attribute("value").and_then(AttrValue::as_number),
            Some(40.0)
        );
        assert_eq!(text_of(0, "qualifier"), Some("at least"));
        assert_eq!(text_of(0, "quantity"), Some("deaths"));
        assert_eq!(text_of(0, "source"), Some("health ministry"));
        assert_eq!(text_of(1, "quantity"), Some("injured"));
        assert_eq!(text_of(1, "qualifier"), Some("exact"));
    }

    #[test]
    fn quotes_carry_the_named_entity_and_the_stage() {
        let text = "Transport Minister Helen Okoro resigned. “I made mistakes,” she wrote on X.";
        let q = suggest(text, &[SuggestionKind::Quote]).remove(0);
        let a = q.attribution.expect("attributed");
        assert_eq!(a.name, "Helen Okoro");
        assert_eq!(a.stage, Stage::Coreference);
        assert_eq!(q.speaker, a.span);
    }

    #[test]
    fn fresh_skips_existing_and_rejected() {
        let text = format!("{TEXT} Officials said the river rose.");
        let mut d = Document::new(DocumentId("d".into()), "t", text.as_str(), 0);
        let all = suggest(&text, SuggestionKind::ALL);
        let quote = all
            .iter()
            .find(|s| s.kind == SuggestionKind::Quote)
            .unwrap();
        let figure = all
            .iter()
            .find(|s| s.kind == SuggestionKind::Figure)
            .unwrap();
        add_to_document(&mut d, std::slice::from_ref(quote));
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
        let mut claim = quote.clone();
        claim.kind = SuggestionKind::Claim;
        claim.speaker = None;
        add_to_document(&mut d, &[claim]);
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
        assert_eq!(quote.note, "", "the note stays free for the user");
        assert_eq!(
            quote.attributes.get("kind"),
            Some(&AttrValue::Text("direct".into()))
        );
        let figure = d.spans.iter().find(|s| s.label == "figure").unwrap();
        assert_eq!(
            figure.attributes.get("value"),
            Some(&AttrValue::Number(646.0))
        );
        assert_eq!(
            figure.attributes.get("qualifier"),
            Some(&AttrValue::Text("at least".into()))
        );
    }
}
