//! IOB2 layers shared by the CoNLL and Hugging Face exports: tags over word tokens, one layer per
//! label, and the reverse (tags back to spans).
//!
//! IOB cannot express nested or overlapping spans, and it can only mark whole tokens. So each label
//! is its own layer (nesting across labels survives), and within a layer every span that does not
//! fall on token boundaries is widened to the tokens it touches, and every span that overlaps an
//! earlier one is left out — each with a warning naming the span, never silently.

use super::tokens::{word_tokens, Token};
use super::Warning;
use crate::model::{Document, Span, SpanId};
use crate::offsets::CharOffset;

/// One token's tag in a layer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tag {
    /// Outside any span.
    O,
    /// Begins a span.
    B,
    /// Continues a span.
    I,
}

/// A document tokenised, with one tag column per label.
pub(crate) struct Layered {
    /// Word tokens of the text.
    pub tokens: Vec<Token>,
    /// Token texts.
    pub texts: Vec<String>,
    /// (label, one tag per token) per layer.
    pub layers: Vec<(String, Vec<Tag>)>,
}

impl Layered {
    /// The string form of a tag in a layer, e.g. `B-quote`.
    pub fn tag_name(label: &str, tag: Tag) -> String {
        match tag {
            Tag::O => "O".into(),
            Tag::B => format!("B-{label}"),
            Tag::I => format!("I-{label}"),
        }
    }
}

/// Tokenises `doc` and lays its spans out as one IOB2 layer per label in `labels`.
pub(crate) fn layer(doc: &Document, labels: &[String], warnings: &mut Vec<Warning>) -> Layered {
    if !doc.relations.is_empty() {
        warnings.push(Warning::new(
            format!("document {:?}", doc.id.0),
            format!(
                "{} relation(s) not exported: token tags have no place for relations",
                doc.relations.len()
            ),
        ));
    }
    let with_attributes = doc
        .spans
        .iter()
        .filter(|s| !s.attributes.is_empty())
        .count();
    if with_attributes > 0 {
        warnings.push(Warning::new(
            format!("document {:?}", doc.id.0),
            format!(
                "the attributes of {with_attributes} span(s) not exported: token tags have no \
                 place for attributes"
            ),
        ));
    }
    let tokens = word_tokens(&doc.text);
    let chars: Vec<char> = doc.text.chars().collect();
    let texts = tokens
        .iter()
        .map(|t| chars[t.start..t.end].iter().collect())
        .collect();
    let mut layers = vec![];
    for label in labels {
        let mut tags = vec![Tag::O; tokens.len()];
        let mut owner: Vec<Option<SpanId>> = vec![None; tokens.len()];
        let mut spans: Vec<&Span> = doc.spans.iter().filter(|s| &s.label == label).collect();
        spans.sort_by_key(|s| (s.start, std::cmp::Reverse(s.end), s.id));
        for span in spans {
            let at = format!("document {:?}, span {}", doc.id.0, span.id.0);
            let first = tokens.iter().position(|t| t.end > span.start.0);
            let last = tokens.iter().rposition(|t| t.start < span.end.0);
            let (Some(first), Some(last)) = (first, last) else {
                warnings.push(Warning::new(
                    at,
                    format!(
                        "{label:?} span {}..{} covers no token (only whitespace); not exported",
                        span.start.0, span.end.0
                    ),
                ));
                continue;
            };
            if first > last {
                warnings.push(Warning::new(
                    at,
                    format!(
                        "{label:?} span {}..{} covers no token (only whitespace); not exported",
                        span.start.0, span.end.0
                    ),
                ));
                continue;
            }
            if let Some(other) = owner[first..=last].iter().flatten().next() {
                warnings.push(Warning::new(
                    at,
                    format!(
                        "{label:?} span {}..{} overlaps span {} in the {label:?} layer; IOB cannot \
                         nest within one label, so it is not exported",
                        span.start.0, span.end.0, other.0
                    ),
                ));
                continue;
            }
            let (ts, te) = (tokens[first].start, tokens[last].end);
            if (ts, te) != (span.start.0, span.end.0) {
                warnings.push(Warning::new(
                    at,
                    format!(
                        "{label:?} span {}..{} does not fall on token boundaries; exported as \
                         tokens {first}..={last} ({ts}..{te})",
                        span.start.0, span.end.0
                    ),
                ));
            }
            tags[first] = Tag::B;
            for t in &mut tags[first + 1..=last] {
                *t = Tag::I;
            }
            for o in &mut owner[first..=last] {
                *o = Some(span.id);
            }
        }
        layers.push((label.clone(), tags));
    }
    Layered {
        tokens,
        texts,
        layers,
    }
}

/// Parses a tag string: `O`, `B-X`, `I-X` (IOB2; IOB1/BIOES-style `E-`/`S-`/`L-`/`U-` are read as
/// well). The error is a message.
pub(crate) fn parse_tag(tag: &str) -> Result<(Tag, Option<&str>), String> {
    if tag == "O" {
        return Ok((Tag::O, None));
    }
    let (kind, label) = tag
        .split_once('-')
        .ok_or_else(|| format!("tag {tag:?} is not O, B-<label> or I-<label>"))?;
    if label.is_empty() {
        return Err(format!("tag {tag:?} has no label"));
    }
    match kind {
        "B" | "S" | "U" => Ok((Tag::B, Some(label))),
        "I" | "E" | "L" => Ok((Tag::I, Some(label))),
        _ => Err(format!("tag {tag:?} is not O, B-<label> or I-<label>")),
    }
}

/// Builds a document's text from tokens (joined by one space; `breaks` marks tokens that start a
/// new line) and returns the text and each token's code-point range.
pub(crate) fn join_tokens(tokens: &[String], breaks: &[bool]) -> (String, Vec<(usize, usize)>) {
    let mut text = String::new();
    let mut ranges = vec![];
    let mut pos = 0;
    for (i, t) in tokens.iter().enumerate() {
        if i > 0 {
            text.push(if breaks.get(i).copied().unwrap_or(false) {
                '\n'
            } else {
                ' '
            });
            pos += 1;
        }
        let n = t.chars().count();
        text.push_str(t);
        ranges.push((pos, pos + n));
        pos += n;
    }
    (text, ranges)
}

/// Turns a column of parsed tags into spans over `ranges` (token code-point ranges). An `I-X` that
/// does not continue an `X` span starts one, with a warning.
pub(crate) fn spans_from_tags(
    tags: &[(Tag, Option<String>)],
    ranges: &[(usize, usize)],
    next_id: &mut u64,
    location: &dyn Fn(usize) -> String,
    warnings: &mut Vec<Warning>,
) -> Vec<Span> {
    let mut spans = vec![];
    let mut open: Option<(usize, usize, String)> = None;
    let mut close = |open: &mut Option<(usize, usize, String)>, spans: &mut Vec<Span>| {
        if let Some((first, last, label)) = open.take() {
            spans.push(Span {
                id: SpanId(*next_id),
                start: CharOffset(ranges[first].0),
                end: CharOffset(ranges[last].1),
                label,
                note: String::new(),
                attributes: Default::default(),
            });
            *next_id += 1;
        }
    };
    for (i, (tag, label)) in tags.iter().enumerate() {
        match tag {
            Tag::O => close(&mut open, &mut spans),
            Tag::B => {
                close(&mut open, &mut spans);
                open = Some((i, i, label.clone().unwrap_or_default()));
            }
            Tag::I => {
                let label = label.clone().unwrap_or_default();
                match &mut open {
                    Some((_, last, l)) if *l == label => *last = i,
                    _ => {
                        close(&mut open, &mut spans);
                        warnings.push(Warning::new(
                            location(i),
                            format!(
                                "I-{label} does not continue a {label:?} span; read as B-{label}"
                            ),
                        ));
                        open = Some((i, i, label));
                    }
                }
            }
        }
    }
    close(&mut open, &mut spans);
    spans
}
