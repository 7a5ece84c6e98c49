//! What linking reads from each document: its quotes (with speakers), its figures (with value,
//! qualifier, unit and source) and its date — from the user's spans, or from suggestions for a
//! document that has none.

use serde::{Deserialize, Serialize};

use super::text::is_sentence_end;
use crate::model::{Document, Span, SpanId};
use crate::offsets::CharOffset;
use crate::suggest::{suggest, Suggestion, SuggestionKind, SAID_BY};
use crate::text::MONTHS;

/// A quote of one document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuoteItem {
    /// First code point (the opening mark, when the span includes it).
    pub start: CharOffset,
    /// End, exclusive.
    pub end: CharOffset,
    /// The covered text.
    pub text: String,
    /// The speaker's words, when the quote is attributed.
    pub speaker: Option<String>,
}

/// The numeric details of a figure.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FigureDetails {
    /// The value (for a range, its lower bound).
    #[serde(default)]
    pub value: Option<f64>,
    /// The upper bound of a written range ("10-15").
    #[serde(default)]
    pub value_max: Option<f64>,
    /// "%", a currency code or the counted noun ("people").
    #[serde(default)]
    pub unit: Option<String>,
    /// The qualifier, lower-cased ("at least", "around").
    #[serde(default)]
    pub qualifier: Option<String>,
}

/// A figure of one document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FigureItem {
    /// First code point.
    pub start: CharOffset,
    /// End, exclusive.
    pub end: CharOffset,
    /// The covered text.
    pub text: String,
    /// Value, range, unit and qualifier.
    pub details: FigureDetails,
    /// Who reports it: the speaker of the quote it sits in, or the attribution of its sentence.
    pub source: Option<String>,
    /// What it counts ("deaths", "injured", "tariff (%)"), read from its unit and sentence by
    /// [`quantity`](super::figures::quantity); `None`: nothing to group it by.
    pub quantity: Option<String>,
    /// Where it happened, when its sentence says ([`place`](super::figures::place)).
    #[serde(default)]
    pub place: Option<String>,
}

/// Everything linking reads from one document.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct DocItems {
    /// Quotes in text order.
    pub quotes: Vec<QuoteItem>,
    /// Figures in text order.
    pub figures: Vec<FigureItem>,
    /// The article's date as `YYYY-MM-DD`: the document's publication date, else one its first
    /// lines carry.
    pub date: Option<String>,
    /// Whether the quotes and figures are suggestions (the document had none of its own).
    pub suggested: bool,
}

/// Reads a figure's details from a span: its typed attributes (`value`, `value_max`, `unit`,
/// `qualifier`), or for figures made before attributes existed, its note as JSON
/// (`{"value":2000,"unit":"people","qualifier":"around"}`). Neither gives no details (the figure
/// still links by its text's number, see [`details_from_text`]).
pub fn figure_details(span: &Span) -> FigureDetails {
    use crate::attributes::AttrValue;
    if !span.attributes.is_empty() {
        let number = |name: &str| match span.attributes.get(name) {
            Some(AttrValue::Number(x)) => Some(*x),
            _ => None,
        };
        let text = |name: &str| match span.attributes.get(name) {
            Some(AttrValue::Text(t)) if !t.trim().is_empty() => Some(t.trim().to_string()),
            _ => None,
        };
        return FigureDetails {
            value: number("value"),
            value_max: number("value_max"),
            unit: text("unit"),
            qualifier: text("qualifier").map(|q| q.to_lowercase()),
        };
    }
    let parsed = serde_json::from_str::<FigureDetails>(span.note.trim()).ok();
    parsed.unwrap_or_default()
}

/// Details read from a figure's own words, for a span without them: the first number (with
/// thousands separators), a range's second number, and the qualifier and unit suggestions give
/// for the same text.
pub fn details_from_text(text: &str) -> FigureDetails {
    suggest(text, &[SuggestionKind::Figure])
        .into_iter()
        .next()
        .map(|s| FigureDetails {
            value: s.value,
            value_max: s.value_max,
            unit: s.unit,
            qualifier: s.qualifier,
        })
        .unwrap_or_default()
}

/// The items of a document: its own quote and figure spans when it has any, otherwise (when
/// `suggest_if_empty`) the suggestions for its text.
pub fn document_items(doc: &Document, suggest_if_empty: bool) -> DocItems {
    let own = doc
        .spans
        .iter()
        .any(|s| s.label == "quote" || s.label == "figure");
    if own || !suggest_if_empty {
        items_from_annotations(doc)
    } else {
        items_from_suggestions(doc)
    }
}

/// Quotes and figures from the document's spans (labels `quote`, `figure`, `speaker`; a quote's
/// speaker through its `said-by` relation).
pub fn items_from_annotations(doc: &Document) -> DocItems {
    let chars: Vec<char> = doc.text.chars().collect();
    let slice = |s: CharOffset, e: CharOffset| -> String {
        chars[s.0.min(chars.len())..e.0.min(chars.len())]
            .iter()
            .collect()
    };
    let speaker_of = |id: SpanId| -> Option<String> {
        let r = doc
            .relations
            .iter()
            .find(|r| r.from == id && r.kind == SAID_BY)?;
        doc.span(r.to).map(|s| slice(s.start, s.end))
    };
    let mut quotes: Vec<QuoteItem> = doc
        .spans
        .iter()
        .filter(|s| s.label == "quote" && s.start < s.end)
        .map(|s| QuoteItem {
            start: s.start,
            end: s.end,
            text: slice(s.start, s.end),
            speaker: speaker_of(s.id),
        })
        .collect();
    quotes.sort_by_key(|q| (q.start, q.end));
    let speakers: Vec<(usize, usize, String)> = doc
        .spans
        .iter()
        .filter(|s| s.label == "speaker")
        .map(|s| (s.start.0, s.end.0, slice(s.start, s.end)))
        .collect();
    let mut figures: Vec<FigureItem> = doc
        .spans
        .iter()
        .filter(|s| s.label == "figure" && s.start < s.end)
        .map(|s| {
            let text = slice(s.start, s.end);
            let mut details = figure_details(s);
            if details.value.is_none() {
                let from_text = details_from_text(&text);
                details.value = from_text.value;
                details.value_max = details.value_max.or(from_text.value_max);
                details.unit = details.unit.or(from_text.unit);
                details.qualifier = details.qualifier.or(from_text.qualifier);
            }
            figure_item(
                &chars, s.start.0, s.end.0, text, details, &quotes, &speakers,
            )
        })
        .collect();
    figures.sort_by_key(|f| (f.start, f.end));
    DocItems {
        quotes,
        figures,
        date: doc.published.clone().or_else(|| article_date(&chars)),
        suggested: false,
    }
}

/// Quotes and figures suggested for the document's text.
pub fn items_from_suggestions(doc: &Document) -> DocItems {
    let found = suggest(&doc.text, &[SuggestionKind::Quote, SuggestionKind::Figure]);
    items_from(doc, &found)
}

/// Quotes and figures from suggestions already made for the document (sorted as `suggest` sorts).
pub fn items_from(doc: &Document, found: &[Suggestion]) -> DocItems {
    let chars: Vec<char> = doc.text.chars().collect();
    let slice = |s: usize, e: usize| -> String {
        chars[s.min(chars.len())..e.min(chars.len())]
            .iter()
            .collect()
    };
    let quotes: Vec<QuoteItem> = found
        .iter()
        .filter(|s| s.kind == SuggestionKind::Quote)
        .map(|s| QuoteItem {
            start: s.start,
            end: s.end,
            text: slice(s.start.0, s.end.0),
            speaker: s.speaker.map(|(a, b)| slice(a.0, b.0)),
        })
        .collect();
    let speakers: Vec<(usize, usize, String)> = found
        .iter()
        .filter_map(|s| s.speaker)
        .map(|(a, b)| (a.0, b.0, slice(a.0, b.0)))
        .collect();
    let figures = found
        .iter()
        .filter(|s| s.kind == SuggestionKind::Figure)
        .map(|s| {
            let details = FigureDetails {
                value: s.value,
                value_max: s.value_max,
                unit: s.unit.clone(),
                qualifier: s.qualifier.clone(),
            };
            let text = slice(s.start.0, s.end.0);
            figure_item(
                &chars, s.start.0, s.end.0, text, details, &quotes, &speakers,
            )
        })
        .collect();
    DocItems {
        quotes,
        figures,
        date: doc.published.clone().or_else(|| article_date(&chars)),
        suggested: true,
    }
}

/// The sentence around `start..end`: (first code point, end).
pub(crate) fn sentence_bounds(chars: &[char], start: usize, end: usize) -> (usize, usize) {
    let mut s = start.min(chars.len());
    while s > 0 {
        let c = chars[s - 1];
        if c == '\n' || (is_sentence_end(c) && s < chars.len() && chars[s].is_whitespace()) {
            break;
        }
        s -= 1;
    }
    let mut e = end.min(chars.len());
    while e < chars.len() {
        let c = chars[e];
        if c == '\n' {
            break;
        }
        e += 1;
        if is_sentence_end(c) && (e == chars.len() || chars[e].is_whitespace()) {
            break;
        }
    }
    (s, e)
}

fn figure_item(
    chars: &[char],
    start: usize,
    end: usize,
    text: String,
    details: FigureDetails,
    quotes: &[QuoteItem],
    speakers: &[(usize, usize, String)],
) -> FigureItem {
    let (ss, se) = sentence_bounds(chars, start, end);
    let before: String = chars[ss..start.min(chars.len())].iter().collect();
    let sentence: String = chars[ss..se].iter().collect();
    let at = super::text::word_strings(&before).len();
    let quantity =
        super::figures::quantity(&text, &details, &super::text::word_strings(&sentence), at);
    let place = super::figures::place(
        &super::text::cased_words(&sentence),
        at,
        super::text::word_strings(&text).len(),
    );
    let in_quote = quotes
        .iter()
        .find(|q| q.start.0 <= start && end <= q.end.0 && q.speaker.is_some())
        .and_then(|q| q.speaker.clone());
    let source = in_quote
        .or_else(|| {
            speakers
                .iter()
                .filter(|(a, b, _)| *a >= ss && *b <= se)
                .min_by_key(|(a, _, _)| a.abs_diff(start))
                .map(|(_, _, s)| s.clone())
        })
        .or_else(|| attribution(&chars[ss..se]));
    FigureItem {
        start: CharOffset(start),
        end: CharOffset(end),
        text,
        details,
        source,
        quantity,
        place,
    }
}

/// "according to X" or "X said/says/estimates" in a sentence: X, up to six words, as written.
fn attribution(sentence: &[char]) -> Option<String> {
    let s: String = sentence.iter().collect();
    let lower = s.to_lowercase();
    if lower.len() != s.len() {
        return None;
    }
    let cut = |from: usize| -> Option<String> {
        let rest = &s[from..];
        let stop = rest
            .find([',', '.', ';', ':', '(', '—', '–', '\n'])
            .unwrap_or(rest.len());
        let phrase: Vec<&str> = rest[..stop].split_whitespace().take(6).collect();
        let phrase = phrase.join(" ");
        (!phrase.is_empty()).then_some(phrase)
    };
    if let Some(i) = lower.find("according to ") {
        return cut(i + "according to ".len());
    }
    for verb in [
        " said",
        " says",
        " estimated",
        " estimates",
        " reported",
        " told",
    ] {
        let Some(i) = lower.find(verb) else { continue };
        let after = i + verb.len();
        let next_is_space = s[after..].starts_with(' ');
        let before = s[..i].trim_end();
        // "…, the ministry said" / "Officials said": the words just before the verb.
        let start = before.rfind([',', '.', '“', '”', '"', ';']).map_or(0, |k| {
            k + before[k..].chars().next().map_or(1, char::len_utf8)
        });
        let subject = before[start..].trim();
        // Drop a leading time or number ("11:45 The agency says") and a trailing adverb.
        let mut words: Vec<&str> = subject
            .split_whitespace()
            .skip_while(|w| w.starts_with(|c: char| c.is_ascii_digit()))
            .collect();
        while words
            .last()
            .is_some_and(|w| ["now", "also", "later", "previously", "again", "then"].contains(w))
        {
            words.pop();
        }
        if !words.is_empty() && words.len() <= 6 {
            return Some(words.join(" "));
        }
        // "…, said the health ministry."
        if next_is_space {
            return cut(after + 1);
        }
    }
    None
}

fn month_number(w: &str) -> Option<u32> {
    let w = w.trim_end_matches('.');
    if w.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| m.starts_with(w) && (w.len() >= 3))
        .map(|i| i as u32 + 1)
}

/// The article's date from its first 400 code points: `2026-03-14`, `March 14, 2026`, `Mar. 14,
/// 2026` or `14 March 2026`, as `YYYY-MM-DD`.
pub fn article_date(chars: &[char]) -> Option<String> {
    let head: String = chars[..chars.len().min(400)].iter().collect();
    let toks: Vec<&str> = head
        .split(|c: char| c.is_whitespace() || c == ',' || c == '|' || c == '(' || c == ')')
        .filter(|t| !t.is_empty())
        .collect();
    let year = |t: &str| -> Option<u32> {
        let t = t.trim_end_matches(['.', ':', ';']);
        (t.len() == 4 && t.chars().all(|c| c.is_ascii_digit()))
            .then(|| t.parse().ok())
            .flatten()
            .filter(|y| (1900..2200).contains(y))
    };
    let day = |t: &str| -> Option<u32> {
        let t = t.trim_end_matches(['.', ',']);
        let t = t.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        (t.len() <= 2)
            .then(|| t.parse().ok())
            .flatten()
            .filter(|d| (1..=31).contains(d))
    };
    let iso = |y: u32, m: u32, d: u32| format!("{y:04}-{m:02}-{d:02}");
    for (i, t) in toks.iter().enumerate() {
        let bytes = t.as_bytes();
        if bytes.len() >= 10
            && bytes[4] == b'-'
            && bytes[7] == b'-'
            && t[..4].chars().all(|c| c.is_ascii_digit())
        {
            if let (Ok(y), Ok(m), Ok(d)) = (t[..4].parse(), t[5..7].parse(), t[8..10].parse()) {
                if (1..=12).contains(&m) && (1..=31).contains(&d) {
                    return Some(iso(y, m, d));
                }
            }
        }
        let Some(m) = month_number(&t.to_lowercase()) else {
            continue;
        };
        // Month Day Year
        if let (Some(d), Some(y)) = (
            toks.get(i + 1).and_then(|t| day(t)),
            toks.get(i + 2).and_then(|t| year(t)),
        ) {
            return Some(iso(y, m, d));
        }
        // Day Month Year
        if let (Some(d), Some(y)) = (
            i.checked_sub(1).and_then(|k| day(toks[k])),
            toks.get(i + 1).and_then(|t| year(t)),
        ) {
            return Some(iso(y, m, d));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DocumentId, Relation, RelationId};

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn dates_in_three_styles() {
        assert_eq!(
            article_date(&chars("KELDMOUTH, March 3, 2026 — Rescuers")),
            Some("2026-03-03".into())
        );
        assert_eq!(
            article_date(&chars("Published 4 Mar. 2026 | 14:05")),
            Some("2026-03-04".into())
        );
        assert_eq!(
            article_date(&chars("2026-11-30T08:00 Update")),
            Some("2026-11-30".into())
        );
        assert_eq!(article_date(&chars("No date here, may 5 be.")), None);
    }

    #[test]
    fn the_documents_publication_date_comes_first() {
        let mut d = Document::new(DocumentId("d".into()), "t", "March 3, 2026 — Rescuers", 0);
        assert_eq!(document_items(&d, true).date.as_deref(), Some("2026-03-03"));
        d.published = Some("2026-03-04".into());
        assert_eq!(document_items(&d, true).date.as_deref(), Some("2026-03-04"));
        assert_eq!(
            document_items(&d, false).date.as_deref(),
            Some("2026-03-04")
        );
    }

    #[test]
    fn attribution_before_and_after_the_verb() {
        assert_eq!(
            attribution(&chars("At least 40 died, according to the Red Crescent.")),
            Some("the Red Crescent".into())
        );
        assert_eq!(
            attribution(&chars("The toll rose to 40, the health ministry said.")),
            Some("the health ministry".into())
        );
        assert_eq!(
            attribution(&chars("11:45 The regional government now says 52 died.")),
            Some("The regional government".into())
        );
        assert_eq!(
            attribution(&chars("The toll rose to 40, said Mayor Ina Falk.")),
            Some("Mayor Ina Falk".into())
        );
    }

    #[test]
    fn typed_attributes_give_figure_details() {
        use crate::attributes::AttrValue;
        let mut span = Span::new(SpanId(1), CharOffset(0), CharOffset(5), "figure");
        span.attributes
            .insert("value".into(), AttrValue::Number(480.0));
        span.attributes
            .insert("qualifier".into(), AttrValue::Text("At least".into()));
        let details = figure_details(&span);
        assert_eq!(details.value, Some(480.0));
        assert_eq!(details.qualifier.as_deref(), Some("at least"));
        assert_eq!(details.unit, None);
    }

    #[test]
    fn annotations_give_speakers_and_figure_notes() {
        let text = "“We found 12 bodies,” said Ana Ruiz. Around 2,000 people fled.";
        let mut d = Document::new(DocumentId("d".into()), "t", text, 0);
        let span = |id, s, e, label: &str, note: &str| Span {
            id: SpanId(id),
            start: CharOffset(s),
            end: CharOffset(e),
            label: label.into(),
            note: note.into(),
            attributes: Default::default(),
        };
        d.spans = vec![
            span(1, 0, 21, "quote", ""),
            span(2, 27, 35, "speaker", ""),
            span(3, 10, 19, "figure", ""),
            span(
                4,
                37,
                55,
                "figure",
                r#"{"value":2000,"unit":"people","qualifier":"around"}"#,
            ),
        ];
        d.relations = vec![Relation {
            id: RelationId(1),
            from: SpanId(1),
            to: SpanId(2),
            kind: "said-by".into(),
        }];
        let items = document_items(&d, true);
        assert!(!items.suggested);
        assert_eq!(items.quotes[0].speaker.as_deref(), Some("Ana Ruiz"));
        assert_eq!(items.figures[0].details.value, Some(12.0), "read from text");
        assert_eq!(items.figures[0].source.as_deref(), Some("Ana Ruiz"));
        assert_eq!(
            items.figures[1].details.qualifier.as_deref(),
            Some("around")
        );
        assert_eq!(items.figures[1].details.value, Some(2000.0));
    }
}
