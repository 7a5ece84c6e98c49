//! Evaluating suggestions against hand-made gold annotations.
//!
//! Gold is a [`Document`] whose spans are labelled "quote", "speaker", "figure" and "claim", with
//! `said-by` relations from quotes to speakers — what the app exports, or what
//! [`gold_from_json`] builds from the hand-written development format (spans given by their text,
//! so the author never counts code points).
//!
//! Scores per label: precision, recall and F1 on exact matches (same start and end) and on
//! overlap (a prediction counts if it overlaps any gold span of its label, a gold span counts if
//! any prediction overlaps it). Attribution accuracy is measured over the gold quotes that were
//! found (exactly or by overlap): a quote is right when both sides say "no speaker", or when the
//! predicted speaker overlaps the gold speaker or names the same person (same last word, so
//! "Haddad" matches "Dr. Amal Haddad"). Attribution is also reported per sieve [`Stage`]: how
//! many found quotes each stage attributed and how many of those were right.
//!
//! Figure attributes ([`FIGURE_ATTRIBUTES`]) are scored on every gold figure whose gold note
//! carries the attribute (a gold file annotates "quantity" and "source" only when it says so),
//! against the predicted figure that matches it exactly or overlaps it most: precision over the
//! predicted values, recall over the gold values. Numbers must be equal, units and qualifiers equal
//! ignoring case, quantities and sources must share their last word ("ministry" matches "the
//! health ministry").

use serde::Deserialize;

use super::{suggest, AttrValue, Stage, Suggestion, SuggestionKind, FIGURE_ATTRIBUTES, SAID_BY};
use crate::model::{Document, DocumentId, Relation, RelationId, Span, SpanId};
use crate::offsets::CharOffset;

/// Labels scored, in table order.
pub const LABELS: &[&str] = &["quote", "speaker", "figure", "claim"];

/// Counts and scores for one label.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LabelScore {
    /// The label.
    pub label: String,
    /// Gold spans.
    pub gold: usize,
    /// Predicted spans.
    pub predicted: usize,
    /// Predicted spans matching a gold span exactly.
    pub exact: usize,
    /// Predicted spans overlapping some gold span.
    pub overlap_predicted: usize,
    /// Gold spans overlapped by some prediction.
    pub overlap_gold: usize,
}

/// Precision, recall and F1 as fractions in 0..=1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Prf {
    /// Correct predictions / predictions (1 when nothing was predicted).
    pub precision: f64,
    /// Found gold / gold (1 when there is no gold).
    pub recall: f64,
    /// Harmonic mean of the two.
    pub f1: f64,
}

impl Prf {
    fn new(correct_pred: usize, predicted: usize, found_gold: usize, gold: usize) -> Prf {
        let precision = ratio(correct_pred, predicted);
        let recall = ratio(found_gold, gold);
        let f1 = if precision + recall == 0.0 {
            0.0
        } else {
            2.0 * precision * recall / (precision + recall)
        };
        Prf {
            precision,
            recall,
            f1,
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

impl LabelScore {
    /// Scores on exact matches.
    pub fn exact(&self) -> Prf {
        Prf::new(self.exact, self.predicted, self.exact, self.gold)
    }

    /// Scores on overlap.
    pub fn overlap(&self) -> Prf {
        Prf::new(
            self.overlap_predicted,
            self.predicted,
            self.overlap_gold,
            self.gold,
        )
    }
}

/// What one sieve stage did: quotes it attributed (among found gold quotes) and how many rightly.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StageScore {
    /// The stage.
    pub stage: Stage,
    /// Found gold quotes this stage gave a speaker.
    pub attributed: usize,
    /// Of those, quotes whose speaker is right.
    pub correct: usize,
}

/// Counts for one figure attribute.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AttributeScore {
    /// The attribute's name ("quantity").
    pub name: String,
    /// Gold figures carrying a value for it.
    pub gold: usize,
    /// Predicted values for it on figures matched to gold figures that annotate it.
    pub predicted: usize,
    /// Predicted values equal to the gold value.
    pub correct: usize,
}

impl AttributeScore {
    /// Precision, recall and F1.
    pub fn prf(&self) -> Prf {
        Prf::new(self.correct, self.predicted, self.correct, self.gold)
    }
}

/// The result of an evaluation.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Report {
    /// Documents evaluated.
    pub documents: usize,
    /// One entry per label of [`LABELS`].
    pub labels: Vec<LabelScore>,
    /// Gold quotes found by a predicted quote (the attribution denominator).
    pub attribution_total: usize,
    /// Of those, quotes whose speaker decision was right.
    pub attribution_correct: usize,
    /// Figures matched exactly whose value equals the gold value (where gold gives one).
    pub values_correct: usize,
    /// Figures matched exactly whose gold gives a value.
    pub values_total: usize,
    /// One entry per sieve stage, in sieve order.
    pub stages: Vec<StageScore>,
    /// Found gold quotes left without a speaker, and of those, how many have none in the gold.
    pub unattributed: (usize, usize),
    /// One entry per figure attribute of [`FIGURE_ATTRIBUTES`].
    pub attributes: Vec<AttributeScore>,
}

impl Report {
    /// The score of one label.
    pub fn label(&self, label: &str) -> Option<&LabelScore> {
        self.labels.iter().find(|l| l.label == label)
    }

    /// Attribution accuracy in 0..=1 (1 when no gold quote was found).
    pub fn attribution_accuracy(&self) -> f64 {
        ratio(self.attribution_correct, self.attribution_total)
    }

    /// The score of one sieve stage.
    pub fn stage(&self, stage: Stage) -> Option<&StageScore> {
        self.stages.iter().find(|s| s.stage == stage)
    }

    /// The score of one figure attribute.
    pub fn attribute(&self, name: &str) -> Option<&AttributeScore> {
        self.attributes.iter().find(|a| a.name == name)
    }

    /// A plain-text table: P/R/F1 per label (exact and overlap), then attribution accuracy.
    pub fn table(&self) -> String {
        let mut out = format!(
            "{:<8} {:>5} {:>5}   {:>6} {:>6} {:>6}   {:>6} {:>6} {:>6}\n",
            "label", "gold", "pred", "P", "R", "F1", "P~", "R~", "F1~"
        );
        for l in &self.labels {
            let (e, o) = (l.exact(), l.overlap());
            out.push_str(&format!(
                "{:<8} {:>5} {:>5}   {:>6.3} {:>6.3} {:>6.3}   {:>6.3} {:>6.3} {:>6.3}\n",
                l.label,
                l.gold,
                l.predicted,
                e.precision,
                e.recall,
                e.f1,
                o.precision,
                o.recall,
                o.f1
            ));
        }
        out.push_str(&format!(
            "attribution accuracy: {:.3} ({}/{} found quotes)\n",
            self.attribution_accuracy(),
            self.attribution_correct,
            self.attribution_total
        ));
        out.push_str("attribution by sieve stage (found gold quotes):\n");
        for st in &self.stages {
            out.push_str(&format!(
                "  {:<15} {:>4} attributed, {:>4} right ({:.3})\n",
                st.stage.name(),
                st.attributed,
                st.correct,
                ratio(st.correct, st.attributed)
            ));
        }
        out.push_str(&format!(
            "  {:<15} {:>4} left without, {:>4} right ({:.3})\n",
            "no speaker",
            self.unattributed.0,
            self.unattributed.1,
            ratio(self.unattributed.1, self.unattributed.0)
        ));
        out.push_str(&format!(
            "figure values: {}/{} exact figures carry the gold value\n",
            self.values_correct, self.values_total
        ));
        out.push_str(&format!(
            "{:<18} {:>5} {:>5}   {:>6} {:>6} {:>6}\n",
            "figure attribute", "gold", "pred", "P", "R", "F1"
        ));
        for a in &self.attributes {
            let p = a.prf();
            out.push_str(&format!(
                "{:<18} {:>5} {:>5}   {:>6.3} {:>6.3} {:>6.3}\n",
                a.name, a.gold, a.predicted, p.precision, p.recall, p.f1
            ));
        }
        out.push_str(&format!(
            "documents: {}; P/R/F1 exact match, ~ overlap\n",
            self.documents
        ));
        out
    }
}

/// Runs [`suggest`] on every gold document's text and scores the result.
pub fn evaluate_gold(gold: &[Document]) -> Report {
    let pairs: Vec<(&Document, Vec<Suggestion>)> = gold
        .iter()
        .map(|d| (d, suggest(&d.text, SuggestionKind::ALL)))
        .collect();
    evaluate(pairs.iter().map(|(d, p)| (*d, p.as_slice())))
}

/// Scores predictions against gold, one (gold document, predictions for its text) pair per
/// document.
pub fn evaluate<'a>(pairs: impl IntoIterator<Item = (&'a Document, &'a [Suggestion])>) -> Report {
    let mut report = Report {
        labels: LABELS
            .iter()
            .map(|l| LabelScore {
                label: l.to_string(),
                ..LabelScore::default()
            })
            .collect(),
        stages: Stage::ALL
            .iter()
            .map(|&stage| StageScore {
                stage,
                attributed: 0,
                correct: 0,
            })
            .collect(),
        attributes: FIGURE_ATTRIBUTES
            .iter()
            .map(|n| AttributeScore {
                name: n.to_string(),
                ..AttributeScore::default()
            })
            .collect(),
        ..Report::default()
    };
    for (gold, predicted) in pairs {
        report.documents += 1;
        for score in &mut report.labels {
            let g: Vec<(usize, usize)> = gold
                .spans
                .iter()
                .filter(|s| s.label == score.label)
                .map(|s| (s.start.0, s.end.0))
                .collect();
            let p: Vec<(usize, usize)> = predicted
                .iter()
                .filter(|s| s.label() == score.label)
                .map(|s| (s.start.0, s.end.0))
                .collect();
            score.gold += g.len();
            score.predicted += p.len();
            score.exact += p.iter().filter(|x| g.contains(x)).count();
            score.overlap_predicted += p
                .iter()
                .filter(|x| g.iter().any(|y| overlaps(**x, *y)))
                .count();
            score.overlap_gold += g
                .iter()
                .filter(|y| p.iter().any(|x| overlaps(*x, **y)))
                .count();
        }
        attribution(gold, predicted, &mut report);
        figure_values(gold, predicted, &mut report);
        figure_attributes(gold, predicted, &mut report);
    }
    report
}

fn overlaps(a: (usize, usize), b: (usize, usize)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

fn attribution(gold: &Document, predicted: &[Suggestion], report: &mut Report) {
    let chars: Vec<char> = gold.text.chars().collect();
    let quotes: Vec<&Suggestion> = predicted
        .iter()
        .filter(|s| s.kind == SuggestionKind::Quote)
        .collect();
    for q in gold.spans.iter().filter(|s| s.label == "quote") {
        let g = (q.start.0, q.end.0);
        let found = quotes
            .iter()
            .find(|p| (p.start.0, p.end.0) == g)
            .or_else(|| {
                quotes
                    .iter()
                    .filter(|p| overlaps((p.start.0, p.end.0), g))
                    .max_by_key(|p| p.end.0.min(g.1) - p.start.0.max(g.0))
            });
        let Some(p) = found else { continue };
        report.attribution_total += 1;
        let gold_speaker = gold
            .relations
            .iter()
            .find(|r| r.kind == SAID_BY && r.from == q.id)
            .and_then(|r| gold.span(r.to))
            .map(|s| (s.start.0, s.end.0));
        let pred_speaker = p.speaker.map(|(a, b)| (a.0, b.0));
        let right = match (gold_speaker, pred_speaker) {
            (None, None) => true,
            (Some(g), Some(p)) => overlaps(g, p) || last_word(&chars, g) == last_word(&chars, p),
            _ => false,
        };
        if right {
            report.attribution_correct += 1;
        }
        match p.attribution.as_ref().map(|a| a.stage) {
            Some(stage) => {
                if let Some(st) = report.stages.iter_mut().find(|s| s.stage == stage) {
                    st.attributed += 1;
                    st.correct += usize::from(right);
                }
            }
            None => {
                report.unattributed.0 += 1;
                report.unattributed.1 += usize::from(right);
            }
        }
    }
}

fn figure_attributes(gold: &Document, predicted: &[Suggestion], report: &mut Report) {
    let figures: Vec<&Suggestion> = predicted
        .iter()
        .filter(|s| s.kind == SuggestionKind::Figure)
        .collect();
    for g in gold.spans.iter().filter(|s| s.label == "figure") {
        let Ok(serde_json::Value::Object(note)) = serde_json::from_str(&g.note) else {
            continue;
        };
        let span = (g.start.0, g.end.0);
        let matched = figures
            .iter()
            .find(|p| (p.start.0, p.end.0) == span)
            .or_else(|| {
                figures
                    .iter()
                    .filter(|p| overlaps((p.start.0, p.end.0), span))
                    .max_by_key(|p| p.end.0.min(span.1) - p.start.0.max(span.0))
            });
        for score in &mut report.attributes {
            // Only attributes the gold annotates (present in the note, possibly null).
            let Some(want) = note.get(&score.name) else {
                continue;
            };
            let got = matched.and_then(|p| p.attribute(&score.name));
            let want_some = !want.is_null();
            score.gold += usize::from(want_some);
            score.predicted += usize::from(got.is_some());
            if let (true, Some(got)) = (want_some, got) {
                if attribute_matches(&score.name, want, got) {
                    score.correct += 1;
                }
            }
        }
    }
}

fn attribute_matches(name: &str, want: &serde_json::Value, got: &AttrValue) -> bool {
    match (want, got) {
        (serde_json::Value::Number(w), AttrValue::Number(g)) => w
            .as_f64()
            .is_some_and(|w| (w - g).abs() <= 1e-9 * w.abs().max(1.0)),
        (serde_json::Value::String(w), AttrValue::Text(g)) => match name {
            "quantity" | "source" => head_word(w) == head_word(g),
            _ => w.to_lowercase() == g.to_lowercase(),
        },
        _ => false,
    }
}

/// The last word, lower-cased, without a possessive or a plural "s" ("Ministry’s" → "ministry").
fn head_word(s: &str) -> String {
    let w = s.split_whitespace().last().unwrap_or("");
    let w = w
        .trim_end_matches("’s")
        .trim_end_matches("'s")
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    match w.strip_suffix('s') {
        Some(stem) if stem.chars().count() > 2 => stem.to_string(),
        _ => w,
    }
}

fn last_word(chars: &[char], (s, e): (usize, usize)) -> String {
    let text: String = chars[s..e.min(chars.len())].iter().collect();
    let word = text.split_whitespace().last().unwrap_or("");
    let word = word
        .trim_end_matches("’s")
        .trim_end_matches("'s")
        .trim_matches(|c: char| !c.is_alphanumeric());
    word.to_lowercase()
}

fn figure_values(gold: &Document, predicted: &[Suggestion], report: &mut Report) {
    for g in gold.spans.iter().filter(|s| s.label == "figure") {
        let Some(want) = serde_json::from_str::<serde_json::Value>(&g.note)
            .ok()
            .and_then(|v| v.get("value").and_then(serde_json::Value::as_f64))
        else {
            continue;
        };
        let Some(p) = predicted
            .iter()
            .find(|p| p.kind == SuggestionKind::Figure && p.start == g.start && p.end == g.end)
        else {
            continue;
        };
        report.values_total += 1;
        if p.value
            .is_some_and(|v| (v - want).abs() <= 1e-9 * want.abs().max(1.0))
        {
            report.values_correct += 1;
        }
    }
}

/// One span of the hand-written gold format.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct GoldSpan {
    label: String,
    text: String,
    /// Which occurrence of `text` (0-based).
    #[serde(default)]
    nth: usize,
    /// Quotes: the speaker's text; absent or null for an unattributed quote.
    #[serde(default)]
    speaker: Option<String>,
    /// Quotes: which occurrence of the speaker's text; by default the one nearest the quote
    /// (outside it).
    #[serde(default)]
    speaker_nth: Option<usize>,
    /// Quotes: "full" or "partial".
    #[serde(default)]
    style: Option<String>,
    /// Figures.
    #[serde(default)]
    value: Option<f64>,
    #[serde(default)]
    value_max: Option<f64>,
    #[serde(default)]
    unit: Option<String>,
    #[serde(default)]
    qualifier: Option<String>,
    /// Figures: what is counted ("deaths", "days").
    #[serde(default)]
    quantity: Option<String>,
    /// Figures: who reports it.
    #[serde(default)]
    source: Option<String>,
}

/// The hand-written gold file for one article.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct GoldFile {
    #[serde(default)]
    title: String,
    #[serde(default)]
    note: String,
    /// Figure attributes beyond value, unit and qualifier that this file annotates on every figure
    /// ("quantity", "source"); a figure without one then means "none".
    #[serde(default)]
    figure_attributes: Vec<String>,
    spans: Vec<GoldSpan>,
}

/// Builds a gold document from an article's text and its hand-written gold JSON:
///
/// ```json
/// {"title": "…", "spans": [
///   {"label": "quote", "text": "“We will rebuild,”", "speaker": "Haddad", "style": "full"},
///   {"label": "figure", "text": "at least 646 people", "value": 646, "unit": "people",
///    "qualifier": "at least"},
///   {"label": "claim", "text": "The ministry denied the report.", "nth": 0}]}
/// ```
///
/// Spans are located by their text (`nth` picks a later occurrence), so offsets are always right
/// by construction. Speakers become "speaker" spans with a `said-by` relation from the quote. The
/// text's line endings are normalised as a paste would (CRLF articles stay CRLF on disk). A figure
/// without a qualifier is "exact".
///
/// # Errors
/// Names the span whose text does not occur in the article (or not `nth + 1` times).
pub fn gold_from_json(id: &str, text: &str, json: &str) -> Result<Document, String> {
    let file: GoldFile = serde_json::from_str(json).map_err(|e| format!("{id}: {e}"))?;
    let _ = &file.note;
    let mut doc = Document::from_paste(DocumentId(id.into()), file.title.clone(), text, 0);
    let chars: Vec<char> = doc.text.chars().collect();
    for (n, g) in file.spans.iter().enumerate() {
        let which = format!("{id}: span {} ({} {:?})", n + 1, g.label, g.text);
        let hits = occurrences(&chars, &g.text);
        let &start = hits.get(g.nth).ok_or_else(|| {
            format!(
                "{which}: occurrence {} not found ({} in the text)",
                g.nth,
                hits.len()
            )
        })?;
        let end = start + g.text.chars().count();
        let mut note = serde_json::Map::new();
        if let Some(s) = &g.style {
            note.insert("style".into(), s.clone().into());
        }
        if let Some(v) = g.value {
            note.insert("value".into(), v.into());
        }
        if let Some(v) = g.value_max {
            note.insert("value_max".into(), v.into());
        }
        if let Some(u) = &g.unit {
            note.insert("unit".into(), u.clone().into());
        }
        if g.label == "figure" {
            let q = g.qualifier.clone().unwrap_or_else(|| "exact".into());
            note.insert("qualifier".into(), q.into());
            for name in &file.figure_attributes {
                let v = match name.as_str() {
                    "quantity" => g.quantity.clone(),
                    "source" => g.source.clone(),
                    other => return Err(format!("{id}: unknown figure attribute {other:?}")),
                };
                note.insert(name.clone(), v.map_or(serde_json::Value::Null, Into::into));
            }
        } else if let Some(q) = &g.qualifier {
            note.insert("qualifier".into(), q.clone().into());
        }
        let note = if note.is_empty() {
            String::new()
        } else {
            serde_json::Value::Object(note).to_string()
        };
        let qid = push(&mut doc, start, end, &g.label, note);
        if let Some(sp) = &g.speaker {
            let hits = occurrences(&chars, sp);
            let s = match g.speaker_nth {
                Some(k) => hits.get(k).copied(),
                None => {
                    let len = sp.chars().count();
                    hits.iter()
                        .filter(|&&h| h + len <= start || h >= end)
                        .min_by_key(|&&h| {
                            if h < start {
                                start - (h + len)
                            } else {
                                h - end
                            }
                        })
                        .copied()
                }
            }
            .ok_or_else(|| format!("{which}: speaker {sp:?} not found"))?;
            let e = s + sp.chars().count();
            let existing = doc
                .spans
                .iter()
                .find(|x| x.label == "speaker" && x.start.0 == s && x.end.0 == e)
                .map(|x| x.id);
            let sid = existing.unwrap_or_else(|| push(&mut doc, s, e, "speaker", String::new()));
            let rid = RelationId(doc.relations.len() as u64 + 1);
            doc.relations.push(Relation {
                id: rid,
                from: qid,
                to: sid,
                kind: SAID_BY.into(),
            });
        }
    }
    Ok(doc)
}

fn push(doc: &mut Document, start: usize, end: usize, label: &str, note: String) -> SpanId {
    let id = doc.next_span_id();
    doc.spans.push(Span {
        id,
        start: CharOffset(start),
        end: CharOffset(end),
        label: label.into(),
        note,
        attributes: Default::default(),
    });
    id
}

/// Code-point positions where `needle` occurs in `chars`.
fn occurrences(chars: &[char], needle: &str) -> Vec<usize> {
    let n: Vec<char> = needle.chars().collect();
    if n.is_empty() || n.len() > chars.len() {
        return vec![];
    }
    (0..=chars.len() - n.len())
        .filter(|&i| chars[i..i + n.len()] == n[..])
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str =
        "“We counted 646 people,” said Amal Haddad. Police said 12 people were arrested.";
    const GOLD: &str = r#"{"title": "t", "figure_attributes": ["quantity", "source"], "spans": [
        {"label": "quote", "text": "“We counted 646 people,”", "speaker": "Amal Haddad", "style": "full"},
        {"label": "figure", "text": "646 people", "value": 646, "unit": "people", "quantity": "people", "source": "Amal Haddad"},
        {"label": "figure", "text": "12 people", "value": 12, "unit": "people", "quantity": "arrests", "source": "Police"},
        {"label": "claim", "text": "Police said 12 people were arrested."}
    ]}"#;

    #[test]
    fn gold_is_located_by_text() {
        let doc = gold_from_json("a", TEXT, GOLD).unwrap();
        assert_eq!(doc.spans.len(), 5);
        assert_eq!(doc.covered_text(&doc.spans[1]), "Amal Haddad");
        assert_eq!(doc.relations.len(), 1);
    }

    #[test]
    fn missing_text_is_named() {
        let err = gold_from_json("a", TEXT, r#"{"spans":[{"label":"claim","text":"nope"}]}"#)
            .unwrap_err();
        assert_eq!(
            err,
            "a: span 1 (claim \"nope\"): occurrence 0 not found (0 in the text)"
        );
    }

    #[test]
    fn perfect_predictions_score_one() {
        let doc = gold_from_json("a", TEXT, GOLD).unwrap();
        let report = evaluate_gold(std::slice::from_ref(&doc));
        for l in &report.labels {
            assert_eq!(l.exact().f1, 1.0, "{}", l.label);
        }
        assert_eq!(report.attribution_accuracy(), 1.0);
        assert_eq!((report.values_correct, report.values_total), (2, 2));
        let pattern = report.stage(Stage::Pattern).unwrap();
        assert_eq!((pattern.attributed, pattern.correct), (1, 1));
        for name in FIGURE_ATTRIBUTES {
            let a = report.attribute(name).unwrap();
            assert_eq!(a.correct, a.gold, "{name}");
            assert_eq!(a.predicted, a.gold, "{name}");
        }
        assert_eq!(report.attribute("quantity").unwrap().gold, 2);
    }

    #[test]
    fn wrong_attributes_and_speakers_are_counted_per_stage() {
        let gold = GOLD
            .replace(r#""quantity": "arrests""#, r#""quantity": "deaths""#)
            .replace(r#""speaker": "Amal Haddad""#, r#""speaker": "Police""#);
        let doc = gold_from_json("a", TEXT, &gold).unwrap();
        let report = evaluate_gold(std::slice::from_ref(&doc));
        let q = report.attribute("quantity").unwrap();
        assert_eq!((q.gold, q.predicted, q.correct), (2, 2, 1));
        let pattern = report.stage(Stage::Pattern).unwrap();
        assert_eq!((pattern.attributed, pattern.correct), (1, 0));
        assert_eq!(report.attribution_accuracy(), 0.0);
    }

    #[test]
    fn overlap_counts_partial_hits() {
        let doc = gold_from_json(
            "a",
            TEXT,
            r#"{"spans":[{"label":"figure","text":"counted 646 people"}]}"#,
        )
        .unwrap();
        let report = evaluate_gold(std::slice::from_ref(&doc));
        let f = report.label("figure").unwrap();
        assert_eq!(f.exact().recall, 0.0);
        assert_eq!(f.overlap().recall, 1.0);
    }
}
