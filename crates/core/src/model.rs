//! The annotation model: documents, spans, relations, labels and the workspace.
//!
//! Plain data, serde-derivable; reactivity lives in the app, never here.

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::offsets::{CharOffset, OffsetIndex};
use crate::text::{snap_to_words, trim_whitespace};

/// A document's identifier, unique within a workspace.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct DocumentId(pub String);

/// A span's identifier, unique within its document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct SpanId(pub u64);

/// A relation's identifier, unique within its document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct RelationId(pub u64);

/// A labelled stretch of a document's text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    /// Identifier within the document.
    pub id: SpanId,
    /// First code point covered.
    // Invariant: start < end <= document text length in code points.
    pub start: CharOffset,
    /// First code point after the span (exclusive).
    pub end: CharOffset,
    /// The label's name, e.g. "quote".
    pub label: String,
    /// Free-text note; empty when none.
    #[serde(default)]
    pub note: String,
}

/// A directed link between two spans of one document, e.g. a quote `said-by` a speaker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Relation {
    /// Identifier within the document.
    pub id: RelationId,
    /// The span the relation starts from (the quote).
    pub from: SpanId,
    /// The span it points to (the speaker).
    pub to: SpanId,
    /// The relation's kind, e.g. "said-by".
    pub kind: String,
}

/// One article and its annotations.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    /// Identifier within the workspace.
    pub id: DocumentId,
    /// Human title.
    pub title: String,
    /// Where the article came from (URL or outlet), if known.
    #[serde(default)]
    pub source: Option<String>,
    /// When it was added, in milliseconds since the Unix epoch.
    pub added_at: u64,
    /// The text, with line endings normalised to `\n`.
    pub text: String,
    /// Whether CR/CRLF line endings were replaced when the text arrived.
    #[serde(default)]
    pub line_endings_normalised: bool,
    /// Spans, in creation order. They may nest and overlap freely.
    #[serde(default)]
    pub spans: Vec<Span>,
    /// Relations between spans.
    #[serde(default)]
    pub relations: Vec<Relation>,
    /// Suggestions the user rejected for this document: never suggested again.
    #[serde(default)]
    pub rejected: Vec<Rejection>,
    /// Whether the user marked the document done.
    #[serde(default)]
    pub done: bool,
}

/// A suggestion the user rejected: its range and label.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Rejection {
    /// First code point.
    pub start: CharOffset,
    /// End (exclusive).
    pub end: CharOffset,
    /// The suggested label.
    pub label: String,
}

/// Why a range is not a non-empty stretch of a text. The one range check, [`check_range`], returns
/// it; every caller (the model's edits, each format's import and export) puts its own place in
/// front ("line 3: span …", "document \"d\", span 4: …").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum RangeError {
    /// An offset is below zero (only files can say so).
    #[error("{start}..{end} has a negative offset")]
    Negative {
        /// Given start.
        start: i64,
        /// Given end.
        end: i64,
    },
    /// The range ends before it starts.
    #[error("{start}..{end} ends before it starts")]
    Reversed {
        /// Given start.
        start: i64,
        /// Given end.
        end: i64,
    },
    /// The range covers nothing (or only whitespace, once trimmed).
    #[error("{start}..{end} is empty")]
    Empty {
        /// Given start.
        start: i64,
        /// Given end.
        end: i64,
    },
    /// The range reaches past the end of the text.
    #[error("{start}..{end} reaches past the end of the text ({len} code points)")]
    PastEnd {
        /// Given start.
        start: i64,
        /// Given end.
        end: i64,
        /// The text's length in code points.
        len: usize,
    },
}

/// Checks that `start..end` (code points, end exclusive) is a non-empty range inside a text of
/// `len_chars` code points, and returns it as offsets. Offsets are `i64` so that a file's negative
/// numbers are refused here rather than wrapped by a cast.
///
/// The checks run in this order: negative, reversed, empty, past the end.
pub fn check_range(
    start: i64,
    end: i64,
    len_chars: usize,
) -> Result<(CharOffset, CharOffset), RangeError> {
    if start < 0 || end < 0 {
        return Err(RangeError::Negative { start, end });
    }
    if end < start {
        return Err(RangeError::Reversed { start, end });
    }
    if end == start {
        return Err(RangeError::Empty { start, end });
    }
    if end as u64 > len_chars as u64 {
        return Err(RangeError::PastEnd {
            start,
            end,
            len: len_chars,
        });
    }
    Ok((CharOffset(start as usize), CharOffset(end as usize)))
}

/// A code-point offset as the `i64` [`check_range`] takes (saturating; offsets never come near).
pub(crate) fn signed(offset: CharOffset) -> i64 {
    i64::try_from(offset.0).unwrap_or(i64::MAX)
}

/// Why a span could not be made or changed.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum SpanError {
    /// The range is not a non-empty stretch of the text.
    #[error("span {0}")]
    Range(#[from] RangeError),
    /// No span with this id exists in the document.
    #[error("no span with id {0}")]
    NoSuchSpan(u64),
    /// The label is empty.
    #[error("a span needs a label")]
    NoLabel,
}

/// How a selected range becomes a span.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SpanShaping {
    /// Widen both ends to word boundaries.
    pub snap_to_words: bool,
}

impl Document {
    /// A document whose text has already been normalised.
    pub fn new(
        id: DocumentId,
        title: impl Into<String>,
        text: impl Into<String>,
        added_at: u64,
    ) -> Self {
        Document {
            id,
            title: title.into(),
            source: None,
            added_at,
            text: text.into(),
            line_endings_normalised: false,
            spans: vec![],
            relations: vec![],
            rejected: vec![],
            done: false,
        }
    }

    /// A document from pasted text: line endings are normalised to `\n` and that fact recorded.
    pub fn from_paste(
        id: DocumentId,
        title: impl Into<String>,
        pasted: &str,
        added_at: u64,
    ) -> Self {
        let (text, changed) = crate::text::normalise_line_endings(pasted);
        let mut doc = Document::new(id, title, text, added_at);
        doc.line_endings_normalised = changed;
        doc
    }

    /// The text's length in code points.
    pub fn len_chars(&self) -> usize {
        self.text.chars().count()
    }

    /// The span with this id.
    pub fn span(&self, id: SpanId) -> Option<&Span> {
        self.spans.iter().find(|s| s.id == id)
    }

    /// The next unused span id.
    pub fn next_span_id(&self) -> SpanId {
        SpanId(self.spans.iter().map(|s| s.id.0 + 1).max().unwrap_or(1))
    }

    /// The next unused relation id.
    pub fn next_relation_id(&self) -> RelationId {
        RelationId(self.relations.iter().map(|r| r.id.0 + 1).max().unwrap_or(1))
    }

    /// Checks a range against the text and returns it trimmed of surrounding whitespace (and snapped
    /// to words if asked). The result is what a new span would cover.
    pub fn shape_range(
        &self,
        start: CharOffset,
        end: CharOffset,
        shaping: SpanShaping,
    ) -> Result<(CharOffset, CharOffset), SpanError> {
        let len = self.len_chars();
        match check_range(signed(start), signed(end), len) {
            // An empty range is refused below, after trimming, with the range as given.
            Ok(_) | Err(RangeError::Empty { .. }) => {}
            Err(e) => return Err(e.into()),
        }
        // Work on the lines holding the range only: trimming stays inside the range, and word
        // boundaries never reach across a line break (UAX #29 breaks before and after one), so
        // shaping costs the range's lines, not the document (1 MB articles are normal).
        let (start_byte, end_byte) = (
            byte_of_char(&self.text, start.0),
            byte_of_char(&self.text, end.0),
        );
        let window_start = self.text[..start_byte].rfind('\n').map_or(0, |i| i + 1);
        let window_end = self.text[end_byte..]
            .find('\n')
            .map_or(self.text.len(), |i| end_byte + i);
        let window = &self.text[window_start..window_end];
        let base = start.0 - self.text[window_start..start_byte].chars().count();
        let local = |o: CharOffset| CharOffset(o.0 - base);
        let global =
            |(s, e): (CharOffset, CharOffset)| (CharOffset(s.0 + base), CharOffset(e.0 + base));
        let chars: Vec<char> = window.chars().collect();
        let (mut s, mut e) = trim_whitespace(&chars, local(start), local(end));
        if shaping.snap_to_words && s < e {
            (s, e) = snap_to_words(window, s, e);
            (s, e) = trim_whitespace(&chars, s, e);
        }
        let (s, e) = global((s, e));
        if s >= e {
            return Err(RangeError::Empty {
                start: signed(start),
                end: signed(end),
            }
            .into());
        }
        Ok((s, e))
    }

    /// Checks that an existing span's range is valid for this text, exactly as given.
    pub fn check_range(&self, start: CharOffset, end: CharOffset) -> Result<(), SpanError> {
        check_range(signed(start), signed(end), self.len_chars())?;
        Ok(())
    }

    /// The text a span covers.
    pub fn covered_text(&self, span: &Span) -> &str {
        OffsetIndex::new(&self.text)
            .slice(span.start, span.end)
            .unwrap_or("")
    }
}

/// One label of the label set.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Label {
    /// The name spans carry, e.g. "quote". Case and spelling are kept everywhere.
    pub name: String,
    /// Display colour as `#rrggbb`.
    pub colour: String,
    /// Keyboard shortcut: one character.
    pub key: char,
    /// Optional description, shown as a tooltip.
    #[serde(default)]
    pub description: String,
}

/// The labels a workspace offers, in display order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LabelSet {
    /// Labels in display order.
    pub labels: Vec<Label>,
}

impl Default for LabelSet {
    /// claim (1), quote (2), figure (3).
    fn default() -> Self {
        let label = |name: &str, colour: &str, key, description: &str| Label {
            name: name.into(),
            colour: colour.into(),
            key,
            description: description.into(),
        };
        LabelSet {
            labels: vec![
                label("claim", "#e0a000", '1', "A checkable assertion"),
                label("quote", "#2f7fd8", '2', "Reported speech"),
                label("figure", "#1f9d55", '3', "A number stating a quantity"),
            ],
        }
    }
}

impl LabelSet {
    /// The label bound to this key.
    pub fn by_key(&self, key: char) -> Option<&Label> {
        self.labels.iter().find(|l| l.key == key)
    }

    /// The label with this name.
    pub fn by_name(&self, name: &str) -> Option<&Label> {
        self.labels.iter().find(|l| l.name == name)
    }

    /// The label's position, used to pick its colour slot.
    pub fn position(&self, name: &str) -> Option<usize> {
        self.labels.iter().position(|l| l.name == name)
    }
}

/// Everything a user has: documents and the label set.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Workspace {
    /// Documents in the order they were added.
    pub documents: Vec<Document>,
    /// Labels offered for tagging.
    pub labels: LabelSet,
}

/// The byte offset of code point `n` of `text` (its length when `n` is past the end), counting
/// UTF-8 lead bytes a block at a time.
fn byte_of_char(text: &str, n: usize) -> usize {
    let bytes = text.as_bytes();
    let is_lead = |b: &u8| (*b as i8) >= -0x40;
    let (mut count, mut at) = (0, 0);
    for block in bytes.chunks(256) {
        let leads = block.iter().filter(|b| is_lead(b)).count();
        if count + leads > n {
            break;
        }
        count += leads;
        at += block.len();
    }
    for (i, b) in bytes[at..].iter().enumerate() {
        if is_lead(b) {
            if count == n {
                return at + i;
            }
            count += 1;
        }
    }
    bytes.len()
}

impl Workspace {
    /// The document with this id.
    pub fn document(&self, id: &DocumentId) -> Option<&Document> {
        self.documents.iter().find(|d| &d.id == id)
    }

    /// The document with this id, mutably.
    pub fn document_mut(&mut self, id: &DocumentId) -> Option<&mut Document> {
        self.documents.iter_mut().find(|d| &d.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> Document {
        Document::new(DocumentId("d1".into()), "t", text, 0)
    }

    #[test]
    fn shaping_trims_whitespace() {
        let d = doc("  he said  ");
        assert_eq!(
            d.shape_range(CharOffset(0), CharOffset(11), SpanShaping::default()),
            Ok((CharOffset(2), CharOffset(9)))
        );
    }

    #[test]
    fn shaping_rejects_empty_and_whitespace_only() {
        let d = doc("a   b");
        assert_eq!(
            d.shape_range(CharOffset(1), CharOffset(4), SpanShaping::default()),
            Err(SpanError::Range(RangeError::Empty { start: 1, end: 4 }))
        );
        assert_eq!(
            d.shape_range(CharOffset(2), CharOffset(2), SpanShaping::default()),
            Err(SpanError::Range(RangeError::Empty { start: 2, end: 2 }))
        );
    }

    #[test]
    fn shaping_rejects_out_of_range_naming_offsets() {
        let d = doc("abc");
        let err = d
            .shape_range(CharOffset(1), CharOffset(8), SpanShaping::default())
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "span 1..8 reaches past the end of the text (3 code points)"
        );
    }

    #[test]
    fn shaping_can_snap_to_words() {
        let d = doc("the minister said");
        let snap = SpanShaping {
            snap_to_words: true,
        };
        assert_eq!(
            d.shape_range(CharOffset(6), CharOffset(8), snap),
            Ok((CharOffset(4), CharOffset(12)))
        );
    }

    /// Shaping over the whole text, as it was first written: the reference for the windowed one.
    fn shape_whole_text(text: &str, start: usize, end: usize, snap: bool) -> (usize, usize) {
        let chars: Vec<char> = text.chars().collect();
        let (mut s, mut e) = trim_whitespace(&chars, CharOffset(start), CharOffset(end));
        if snap && s < e {
            (s, e) = snap_to_words(text, s, e);
            (s, e) = trim_whitespace(&chars, s, e);
        }
        (s.0, e.0)
    }

    proptest::proptest! {
        #[test]
        fn shaping_a_window_equals_shaping_the_whole_text(
            text in "[a-z é😀«»“”'.,\n\t-]{0,60}",
            a in 0usize..70, b in 0usize..70, snap: bool,
        ) {
            let d = doc(&text);
            let len = text.chars().count();
            let (start, end) = (a.min(b).min(len), a.max(b).min(len));
            let expected = shape_whole_text(&text, start, end, snap);
            let got = d.shape_range(CharOffset(start), CharOffset(end), SpanShaping { snap_to_words: snap });
            match got {
                Ok((s, e)) => proptest::prop_assert_eq!((s.0, e.0), expected),
                Err(_) => proptest::prop_assert!(expected.0 >= expected.1),
            }
        }

        #[test]
        fn byte_of_char_matches_char_indices(text in "[a-zé😀\n]{0,700}", n in 0usize..800) {
            let expected = text.char_indices().map(|(b, _)| b).nth(n).unwrap_or(text.len());
            proptest::prop_assert_eq!(byte_of_char(&text, n), expected);
        }
    }

    #[test]
    fn the_range_check_refuses_in_order_and_names_the_range() {
        let msg = |s, e, len| check_range(s, e, len).unwrap_err().to_string();
        assert_eq!(msg(-1, 3, 5), "-1..3 has a negative offset");
        assert_eq!(msg(4, 2, 5), "4..2 ends before it starts");
        assert_eq!(msg(9, 2, 5), "9..2 ends before it starts");
        assert_eq!(msg(2, 2, 5), "2..2 is empty");
        assert_eq!(
            msg(2, 6, 5),
            "2..6 reaches past the end of the text (5 code points)"
        );
        assert_eq!(check_range(0, 5, 5), Ok((CharOffset(0), CharOffset(5))));
        assert_eq!(check_range(4, 5, 5), Ok((CharOffset(4), CharOffset(5))));
    }

    #[test]
    fn documents_check_ranges_with_the_same_words() {
        let d = doc("abc");
        assert_eq!(
            d.check_range(CharOffset(1), CharOffset(4))
                .unwrap_err()
                .to_string(),
            "span 1..4 reaches past the end of the text (3 code points)"
        );
        assert_eq!(
            d.check_range(CharOffset(2), CharOffset(1))
                .unwrap_err()
                .to_string(),
            "span 2..1 ends before it starts"
        );
        assert_eq!(d.check_range(CharOffset(0), CharOffset(3)), Ok(()));
    }

    #[test]
    fn paste_normalises_crlf_and_records_it() {
        let d = Document::from_paste(DocumentId("d".into()), "t", "a\r\nb", 0);
        assert_eq!(d.text, "a\nb");
        assert!(d.line_endings_normalised);
    }

    #[test]
    fn covered_text_counts_code_points() {
        let mut d = doc("😀 «سلام»");
        d.spans.push(Span {
            id: SpanId(1),
            start: CharOffset(2),
            end: CharOffset(8),
            label: "quote".into(),
            note: String::new(),
        });
        assert_eq!(d.covered_text(&d.spans[0]), "«سلام»");
    }
}
