//! CoNLL IOB2: one token per line, `token<TAB>tag` with one tag column per label layer.
//!
//! ```text
//! (columns separated by tabs)
//! -DOCSTART-  O  O
//!
//! The  O  O
//! minister  B-speaker  O
//! said  O  O
//! ```
//!
//! Each document starts with a `-DOCSTART-` line (the CoNLL-2003 convention, tagged `O` so column
//! readers take it as a token), documents and sentences are separated by blank lines. Tokens are the
//! UAX #29 word tokens of [`super::tokens`]; sentences are UAX #29 sentences, merged where a span
//! would cross them. Each chosen label is one column (a layer), so spans of different labels may
//! nest; within a layer, see [`super::layers`] for what is widened or left out (with warnings).
//!
//! Labels are written as they are, except that whitespace, control characters and `%` are
//! percent-encoded as UTF-8 bytes (`Speaker Name` → `B-Speaker%20Name`), because CoNLL readers split
//! lines on any whitespace; import decodes them, so labels round-trip exactly.
//!
//! IOB keeps no whitespace, ids, titles, notes or relations: an import rebuilds the text by joining
//! tokens with one space and sentences with a newline, and derives ids and titles.

use unicode_segmentation::UnicodeSegmentation;

use super::layers::{join_tokens, layer, parse_tag, spans_from_tags, Layered, Tag};
use super::{derived_id, derived_title, labels_in, ImportError, Imported, Warning};
use crate::model::Document;

/// The marker line that starts each document.
pub const DOCSTART: &str = "-DOCSTART-";

/// Writes documents as IOB2 with one column per label in `labels` (all labels when `None`).
pub fn export(docs: &[Document], labels: Option<&[String]>, warnings: &mut Vec<Warning>) -> String {
    let labels: Vec<String> = labels
        .map(<[String]>::to_vec)
        .unwrap_or_else(|| labels_in(docs));
    let mut out = String::new();
    for doc in docs {
        let Layered {
            tokens,
            texts,
            layers,
        } = layer(doc, &labels, warnings);
        // Without labels there is still one (all-O) column, so the file stays token<TAB>tag.
        let columns = layers.len().max(1);
        out.push_str(DOCSTART);
        for _ in 0..columns {
            out.push_str("\tO");
        }
        out.push_str("\n\n");
        // Sentence starts (code points), from UAX #29.
        let mut sentence_starts = vec![];
        let mut pos = 0;
        for s in doc.text.split_sentence_bounds() {
            sentence_starts.push(pos);
            pos += s.chars().count();
        }
        let sentence_of = |offset: usize| sentence_starts.partition_point(|&s| s <= offset);
        for (i, text) in texts.iter().enumerate() {
            if i > 0 {
                let new_sentence = sentence_of(tokens[i].start) != sentence_of(tokens[i - 1].start);
                let continues = layers.iter().any(|(_, tags)| tags[i] == Tag::I);
                if new_sentence && !continues {
                    out.push('\n');
                }
            }
            out.push_str(text);
            for (label, tags) in &layers {
                out.push('\t');
                out.push_str(&Layered::tag_name(&encode_label(label), tags[i]));
            }
            if layers.is_empty() {
                out.push_str("\tO");
            }
            out.push('\n');
        }
        if !texts.is_empty() {
            out.push('\n');
        }
    }
    out
}

/// A label as an IOB2 tag carries it: whitespace, controls and `%` percent-encoded.
pub fn encode_label(label: &str) -> String {
    let mut out = String::new();
    for ch in label.chars() {
        if ch.is_whitespace() || ch.is_control() || ch == '%' {
            let mut buf = [0u8; 4];
            for b in ch.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        } else {
            out.push(ch);
        }
    }
    out
}

/// The label an IOB2 tag's label part stands for.
pub fn decode_label(s: &str) -> String {
    super::brat::percent_decode(s)
}

/// Whether a line looks like an IOB line (a token followed by tags), for format detection.
pub fn looks_like_line(line: &str) -> bool {
    let fields: Vec<&str> = split_fields(line);
    fields.len() >= 2 && fields[1..].iter().all(|f| parse_tag(f).is_ok())
}

fn split_fields(line: &str) -> Vec<&str> {
    if line.contains('\t') {
        line.split('\t').collect()
    } else {
        line.split_whitespace().collect()
    }
}

struct Pending {
    tokens: Vec<String>,
    breaks: Vec<bool>,
    lines: Vec<usize>,
    columns: Vec<Vec<(Tag, Option<String>)>>,
}

impl Pending {
    fn new() -> Self {
        Pending {
            tokens: vec![],
            breaks: vec![],
            lines: vec![],
            columns: vec![],
        }
    }
}

/// Reads an IOB2 file. Every tag column is a layer; its spans get the labels in its tags.
pub fn import(stem: &str, input: &str) -> Result<Imported, ImportError> {
    let mut documents = vec![];
    let mut warnings = vec![];
    let mut pending = Pending::new();
    let mut width: Option<usize> = None;
    let mut seen_docstart = false;
    let mut sentence_break = false;
    let finish = |p: Pending, documents: &mut Vec<Document>, warnings: &mut Vec<Warning>| {
        let n = documents.len() + 1;
        let (text, ranges) = join_tokens(&p.tokens, &p.breaks);
        let id = derived_id(stem, n);
        let mut doc = Document::new(id.clone(), derived_title(&text, &id.0), text, 0);
        let mut next_id = 1;
        for column in &p.columns {
            let lines = &p.lines;
            let location = |i: usize| format!("line {}", lines[i]);
            doc.spans.extend(spans_from_tags(
                column,
                &ranges,
                &mut next_id,
                &location,
                warnings,
            ));
        }
        documents.push(doc);
    };
    for (i, raw) in input.split('\n').enumerate() {
        let n = i + 1;
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        if line.trim().is_empty() {
            sentence_break = !pending.tokens.is_empty();
            continue;
        }
        let fields = split_fields(line);
        if fields.len() < 2 {
            return Err(ImportError::at_line(
                n,
                format!("expected a token and at least one tag separated by a tab, found {line:?}"),
            ));
        }
        match width {
            None => width = Some(fields.len()),
            Some(w) if w != fields.len() => {
                return Err(ImportError::at_line(
                    n,
                    format!(
                        "{} columns, but the file's first line has {w}",
                        fields.len()
                    ),
                ))
            }
            _ => {}
        }
        if fields[0].is_empty() {
            return Err(ImportError::at_line(
                n,
                "the token (the first column) is empty",
            ));
        }
        if fields[0] == DOCSTART {
            if seen_docstart || !pending.tokens.is_empty() {
                finish(
                    std::mem::replace(&mut pending, Pending::new()),
                    &mut documents,
                    &mut warnings,
                );
            }
            seen_docstart = true;
            sentence_break = false;
            continue;
        }
        if pending.columns.is_empty() {
            pending.columns = vec![vec![]; fields.len() - 1];
        }
        for (c, field) in fields[1..].iter().enumerate() {
            let (tag, label) = parse_tag(field).map_err(|m| ImportError::at_line(n, m))?;
            pending.columns[c].push((tag, label.map(decode_label)));
        }
        pending.tokens.push(fields[0].to_string());
        pending.breaks.push(sentence_break);
        pending.lines.push(n);
        sentence_break = false;
    }
    if seen_docstart || !pending.tokens.is_empty() {
        finish(pending, &mut documents, &mut warnings);
    }
    if documents.is_empty() {
        return Err(ImportError::whole("no tokens: the file is empty"));
    }
    Ok(Imported {
        documents,
        warnings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DocumentId, Span, SpanId};
    use crate::offsets::CharOffset;

    fn span(id: u64, start: usize, end: usize, label: &str) -> Span {
        Span {
            id: SpanId(id),
            start: CharOffset(start),
            end: CharOffset(end),
            label: label.into(),
            note: String::new(),
            attributes: Default::default(),
        }
    }

    #[test]
    fn nested_labels_get_their_own_columns() {
        let mut d = Document::new(DocumentId("d".into()), "t", "Ali said no.", 0);
        d.spans.push(span(1, 0, 12, "quote"));
        d.spans.push(span(2, 0, 3, "speaker"));
        let mut w = vec![];
        let out = export(&[d], None, &mut w);
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(
            out,
            "-DOCSTART-\tO\tO\n\nAli\tB-quote\tB-speaker\nsaid\tI-quote\tO\nno\tI-quote\tO\n.\tI-quote\tO\n\n"
        );
    }

    #[test]
    fn misaligned_and_overlapping_spans_are_reported() {
        let mut d = Document::new(DocumentId("d".into()), "t", "minister said", 0);
        d.spans.push(span(1, 0, 4, "x"));
        d.spans.push(span(2, 2, 13, "x"));
        let mut w = vec![];
        export(&[d], None, &mut w);
        assert_eq!(w.len(), 2, "{w:?}");
        assert!(w[0].message.contains("does not fall on token boundaries"));
        assert!(w[1].message.contains("overlaps span 1"));
    }

    #[test]
    fn an_empty_token_names_the_line() {
        // Found by the fuzzer: a line starting with a tab made a token of nothing, and a
        // document whose span covered no text.
        let err = import("f", "\tB-2 \0\0\0.\tB-4\r").unwrap_err();
        assert_eq!(err.location, "line 1");
        let err = import("f", "A\tB-x\n\tI-x\n").unwrap_err();
        assert_eq!(err.location, "line 2");
        assert!(err.message.contains("empty"), "{}", err.message);
    }

    #[test]
    fn bad_tag_names_the_line() {
        let err = import("f", "-DOCSTART-\tO\n\nA\tB-x\nb\tX-y\n").unwrap_err();
        assert_eq!(err.location, "line 4");
    }
}
