//! The annotation model: documents, spans, relations, labels and the workspace.
//!
//! Plain data, serde-derivable; reactivity lives in the app, never here.

use serde::ser::SerializeStruct;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use thiserror::Error;

use crate::attributes::{default_defs, AttrError, AttrValue, AttributeDef, Attributes};
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
///
/// Serialised with its fields in this order; `attributes` is left out of human-readable forms
/// (JSON) when empty, so records written before attributes existed read and write as they did.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
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
    /// Typed attributes by name (the label set says which the label has and of what type).
    #[serde(default)]
    pub attributes: Attributes,
}

impl Serialize for Span {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // A binary form (postcard) has no field names, so it writes every field.
        let skip = serializer.is_human_readable() && self.attributes.is_empty();
        let mut st = serializer.serialize_struct("Span", if skip { 5 } else { 6 })?;
        st.serialize_field("id", &self.id)?;
        st.serialize_field("start", &self.start)?;
        st.serialize_field("end", &self.end)?;
        st.serialize_field("label", &self.label)?;
        st.serialize_field("note", &self.note)?;
        if skip {
            st.skip_field("attributes")?;
        } else {
            st.serialize_field("attributes", &self.attributes)?;
        }
        st.end()
    }
}

impl Span {
    /// A span without note or attributes.
    pub fn new(id: SpanId, start: CharOffset, end: CharOffset, label: impl Into<String>) -> Self {
        Span {
            id,
            start,
            end,
            label: label.into(),
            note: String::new(),
            attributes: Attributes::new(),
        }
    }
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
    /// When the article was published, as an ISO date `YYYY-MM-DD` (see [`parse_iso_date`]).
    #[serde(default)]
    pub published: Option<String>,
    /// Who wrote the article, as its byline gives it.
    #[serde(default)]
    pub byline: Option<String>,
    /// Who annotated this copy (for agreement between annotators of the same article).
    #[serde(default)]
    pub annotator: Option<String>,
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
    /// The story the user put the document in (see [`DocStory`]); `None` while the linker groups
    /// it. Written in every serialised form, as `null` when none (postcard cannot skip a field).
    #[serde(default)]
    pub story: Option<DocStory>,
}

/// The story a document belongs to once the user has merged, split or renamed stories in the
/// Stories view (issue 20).
///
/// Kept on each document rather than as one list on the [`Workspace`]: a document's deletion then
/// takes its membership with it and its undo brings it back (the deleted document is in the edit),
/// an added or imported document brings its own, the native JSONL carries it per line, and each
/// change is an ordinary per-document [`crate::Edit::SetStory`] saved in the document's annotation
/// record. The documents sharing an `id` form one story; its name is the first member's `name` (in
/// workspace order) that is set — a story the user did not name is named by the linker from its
/// documents. Documents with no story are grouped by the linker and join the stored story its
/// grouping puts most of their companions in ([`crate::link::stories`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocStory {
    /// The story's id (`s1`, `s2`, …), the same on every document of the story.
    pub id: crate::link::StoryId,
    /// The name the user gave the story; `None`: named by the linker.
    #[serde(default)]
    pub name: Option<String>,
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
            published: None,
            byline: None,
            annotator: None,
            added_at,
            text: text.into(),
            line_endings_normalised: false,
            spans: vec![],
            relations: vec![],
            rejected: vec![],
            done: false,
            story: None,
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

    /// The next unused span id: one past the largest (or the first free one when an imported file
    /// used `u64::MAX`).
    pub fn next_span_id(&self) -> SpanId {
        let largest = self.spans.iter().map(|s| s.id.0).max().unwrap_or(0);
        SpanId(free_id(largest.saturating_add(1), |i| {
            self.spans.iter().any(|s| s.id.0 == i)
        }))
    }

    /// The next unused relation id: one past the largest (or the first free one when an imported
    /// file used `u64::MAX`).
    pub fn next_relation_id(&self) -> RelationId {
        let largest = self.relations.iter().map(|r| r.id.0).max().unwrap_or(0);
        RelationId(free_id(largest.saturating_add(1), |i| {
            self.relations.iter().any(|r| r.id.0 == i)
        }))
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
    /// The typed attributes spans of this label can carry, in display order.
    #[serde(default)]
    pub attributes: Vec<AttributeDef>,
}

/// A kind of relation the schema offers, e.g. `said-by` from a quote to a speaker.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct RelationKind {
    /// The name relations carry, e.g. `"said-by"`.
    pub name: String,
    /// The label of the span it starts from, when it is meant for one (`None`: any).
    #[serde(default)]
    pub from: Option<String>,
    /// The label of the span it points to, when it is meant for one (`None`: any).
    #[serde(default)]
    pub to: Option<String>,
    /// Optional description.
    #[serde(default)]
    pub description: String,
}

impl RelationKind {
    /// A kind between spans of any labels.
    pub fn any(name: &str) -> Self {
        RelationKind {
            name: name.into(),
            from: None,
            to: None,
            description: String::new(),
        }
    }

    /// Whether the kind is meant for a relation from a `from` span to a `to` span.
    pub fn fits(&self, from: &str, to: &str) -> bool {
        self.from.as_deref().is_none_or(|l| l == from) && self.to.as_deref().is_none_or(|l| l == to)
    }
}

/// The labels a workspace offers, in display order, and the kinds of relation between spans.
///
/// A set stored before relation kinds existed (JSON without `relation_kinds`) is upgraded as it
/// is read: its `claim`, `quote` and `figure` labels without attributes gain the default ones, it
/// gains the `speaker` label when it has a `quote` label, none called `speaker` and key `4` is free,
/// and it gets the default relation kinds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LabelSet {
    /// Labels in display order.
    pub labels: Vec<Label>,
    /// Relation kinds in display order; the first that fits a pair of spans is preselected.
    // Always written: its absence is what marks a set stored before it existed.
    pub relation_kinds: Vec<RelationKind>,
}

impl<'de> Deserialize<'de> for LabelSet {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        struct Stored {
            labels: Vec<Label>,
            #[serde(default)]
            relation_kinds: Option<Vec<RelationKind>>,
        }
        #[derive(Deserialize)]
        struct Binary {
            labels: Vec<Label>,
            relation_kinds: Vec<RelationKind>,
        }
        if deserializer.is_human_readable() {
            let s = Stored::deserialize(deserializer)?;
            Ok(LabelSet::upgraded(s.labels, s.relation_kinds))
        } else {
            let b = Binary::deserialize(deserializer)?;
            Ok(LabelSet {
                labels: b.labels,
                relation_kinds: b.relation_kinds,
            })
        }
    }
}

/// The default labels: claim (1), quote (2), figure (3), speaker (4).
fn default_label(name: &str) -> Option<Label> {
    let (colour, key, description) = match name {
        "claim" => ("#e0a000", '1', "A checkable assertion"),
        "quote" => ("#2f7fd8", '2', "Reported speech"),
        "figure" => ("#1f9d55", '3', "A number stating a quantity"),
        "speaker" => ("#a855c7", '4', "Who is quoted"),
        _ => return None,
    };
    Some(Label {
        name: name.into(),
        colour: colour.into(),
        key,
        description: description.into(),
        attributes: default_defs(name),
    })
}

/// The default relation kind: a quote `said-by` a speaker.
pub fn default_relation_kinds() -> Vec<RelationKind> {
    vec![RelationKind {
        name: "said-by".into(),
        from: Some("quote".into()),
        to: Some("speaker".into()),
        description: "Who said the quote".into(),
    }]
}

impl Default for LabelSet {
    /// claim (1), quote (2), figure (3), speaker (4), with their default attributes, and `said-by`.
    fn default() -> Self {
        LabelSet {
            labels: ["claim", "quote", "figure", "speaker"]
                .into_iter()
                .filter_map(default_label)
                .collect(),
            relation_kinds: default_relation_kinds(),
        }
    }
}

impl LabelSet {
    /// A set from its parts as stored; `relation_kinds` is `None` for a set stored before relation
    /// kinds existed, which is upgraded (see [`LabelSet`]).
    pub fn upgraded(mut labels: Vec<Label>, relation_kinds: Option<Vec<RelationKind>>) -> Self {
        if let Some(relation_kinds) = relation_kinds {
            return LabelSet {
                labels,
                relation_kinds,
            };
        }
        for label in &mut labels {
            if label.attributes.is_empty() {
                label.attributes = default_defs(&label.name);
            }
        }
        let has = |name: &str| labels.iter().any(|l| l.name == name);
        if has("quote") && !has("speaker") && !labels.iter().any(|l| l.key == '4') {
            labels.extend(default_label("speaker"));
        }
        LabelSet {
            labels,
            relation_kinds: default_relation_kinds(),
        }
    }

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

    /// The definition of attribute `attr` of label `label`.
    pub fn attribute(&self, label: &str, attr: &str) -> Option<&AttributeDef> {
        self.by_name(label)?
            .attributes
            .iter()
            .find(|a| a.name == attr)
    }

    /// Reads what the user typed for attribute `attr` of a `label` span (see
    /// [`AttributeDef::parse`]); `Ok(None)` clears it.
    pub fn parse_attribute(
        &self,
        label: &str,
        attr: &str,
        input: &str,
    ) -> Result<Option<AttrValue>, AttrError> {
        self.attribute(label, attr)
            .ok_or_else(|| AttrError::Unknown {
                label: label.into(),
                attr: attr.into(),
            })?
            .parse(input)
    }

    /// The required attributes of `span`'s label that it lacks.
    pub fn missing_required<'a>(&'a self, span: &Span) -> Vec<&'a str> {
        self.by_name(&span.label)
            .map(|l| {
                l.attributes
                    .iter()
                    .filter(|a| a.required && !span.attributes.contains_key(&a.name))
                    .map(|a| a.name.as_str())
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Gives the attributes of `doc`'s spans the types this set defines, where a value can change
    /// type without loss: a number or yes/no written as text (formats without types, such as brat
    /// notes, read `2000` as a number and `yes` as yes/no), text that reads as a number or as
    /// yes/no. Values that still do not fit, and attributes the set does not define, are kept as
    /// they are; returns how many values that left not fitting (the app can point them out).
    pub fn conform(&self, doc: &mut Document) -> usize {
        let mut misfits = 0;
        for span in &mut doc.spans {
            for (name, value) in span.attributes.iter_mut() {
                let Some(def) = self.attribute(&span.label, name) else {
                    continue;
                };
                if def.check(value).is_ok() {
                    continue;
                }
                let typed = def
                    .parse(&value.to_string())
                    .ok()
                    .flatten()
                    .filter(|v| def.check(v).is_ok() && v.to_string() == value.to_string());
                match typed {
                    Some(v) => *value = v,
                    None => misfits += 1,
                }
            }
        }
        misfits
    }

    /// The relation kind with this name.
    pub fn relation_kind(&self, name: &str) -> Option<&RelationKind> {
        self.relation_kinds.iter().find(|k| k.name == name)
    }

    /// The kind to preselect for a relation from a `from` span to a `to` span: the first that is
    /// meant for that pair, else the first meant for any pair.
    pub fn preselected_kind(&self, from: &str, to: &str) -> Option<&RelationKind> {
        self.relation_kinds
            .iter()
            .find(|k| (k.from.is_some() || k.to.is_some()) && k.fits(from, to))
            .or_else(|| self.relation_kinds.iter().find(|k| k.fits(from, to)))
    }
}

/// Checks a publication date is an ISO calendar date `YYYY-MM-DD` that exists (1000–9999) and
/// returns it trimmed.
pub fn parse_iso_date(input: &str) -> Result<String, String> {
    let s = input.trim();
    let bad = || format!("{s:?} is not a date — write it as YYYY-MM-DD, e.g. 2024-03-05");
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return Err(bad());
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = &s[r];
        part.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| part.parse().ok())?
    };
    let (Some(y), Some(m), Some(d)) = (num(0..4), num(5..7), num(8..10)) else {
        return Err(bad());
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return Err(bad()),
    };
    if y < 1000 || d == 0 || d > days {
        return Err(format!("{s:?} is not a day of the calendar"));
    }
    Ok(s.to_string())
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

/// The first id from `from` up that is not `taken`, wrapping round to 1 past `u64::MAX`: ids read
/// from a file may be as large as `u64::MAX`, and the one after them must not overflow.
pub(crate) fn free_id(from: u64, taken: impl Fn(u64) -> bool) -> u64 {
    (from.max(1)..=u64::MAX)
        .chain(1..from)
        .find(|&i| !taken(i))
        .expect("fewer ids in use than u64 values")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> Document {
        Document::new(DocumentId("d1".into()), "t", text, 0)
    }

    #[test]
    fn next_ids_do_not_overflow_past_u64_max() {
        let mut d = doc("abc");
        assert_eq!(d.next_span_id(), SpanId(1));
        for id in [u64::MAX, 1, 3] {
            d.spans.push(Span {
                id: SpanId(id),
                start: CharOffset(0),
                end: CharOffset(1),
                label: "x".into(),
                note: String::new(),
                attributes: Default::default(),
            });
        }
        assert_eq!(d.next_span_id(), SpanId(2));
        d.spans.truncate(0);
        d.relations.push(Relation {
            id: RelationId(7),
            from: SpanId(1),
            to: SpanId(1),
            kind: String::new(),
        });
        assert_eq!(d.next_relation_id(), RelationId(8));
        d.relations[0].id = RelationId(u64::MAX);
        assert_eq!(d.next_relation_id(), RelationId(1));
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

    /// A label set as stored before attributes and relation kinds existed.
    const OLD_SET: &str = r##"{"labels":[
        {"name":"claim","colour":"#e0a000","key":"1","description":"A checkable assertion"},
        {"name":"quote","colour":"#2f7fd8","key":"2","description":"Reported speech"},
        {"name":"figure","colour":"#1f9d55","key":"3","description":"A number stating a quantity"}]}"##;

    #[test]
    fn an_old_default_set_loads_with_attributes_speaker_and_said_by() {
        let set: LabelSet = serde_json::from_str(OLD_SET).unwrap();
        assert_eq!(set, LabelSet::default());
        let figure = set.by_name("figure").unwrap();
        let names: Vec<&str> = figure.attributes.iter().map(|a| a.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "value",
                "value_max",
                "unit",
                "qualifier",
                "quantity",
                "source"
            ]
        );
        assert_eq!(set.by_key('4').map(|l| l.name.as_str()), Some("speaker"));
        assert_eq!(
            set.preselected_kind("quote", "speaker")
                .map(|k| k.name.as_str()),
            Some("said-by")
        );
    }

    #[test]
    fn an_old_set_whose_key_4_is_taken_gains_no_speaker() {
        let old = OLD_SET.replace(
            r##"{"name":"figure","colour":"#1f9d55","key":"3""##,
            r##"{"name":"figure","colour":"#1f9d55","key":"4""##,
        );
        let set: LabelSet = serde_json::from_str(&old).unwrap();
        assert!(set.by_name("speaker").is_none());
        assert_eq!(set.by_key('4').map(|l| l.name.as_str()), Some("figure"));
    }

    #[test]
    fn a_new_set_loads_as_written_even_without_speaker() {
        let mut set = LabelSet::default();
        set.labels.retain(|l| l.name != "speaker");
        set.labels[0].attributes.clear();
        set.relation_kinds.push(RelationKind::any("same-as"));
        let json = serde_json::to_string(&set).unwrap();
        assert_eq!(serde_json::from_str::<LabelSet>(&json).unwrap(), set);
        let bytes = postcard::to_allocvec(&set).unwrap();
        assert_eq!(postcard::from_bytes::<LabelSet>(&bytes).unwrap(), set);
    }

    #[test]
    fn typed_input_is_read_against_the_label_set() {
        let set = LabelSet::default();
        assert_eq!(
            set.parse_attribute("figure", "value", "2,000"),
            Ok(Some(AttrValue::Number(2000.0)))
        );
        assert!(set
            .parse_attribute("figure", "value", "lots")
            .unwrap_err()
            .to_string()
            .contains("is not a number"));
        assert!(set.parse_attribute("figure", "colour", "red").is_err());
        let mut span = Span::new(SpanId(1), CharOffset(0), CharOffset(1), "figure");
        let mut required = set.clone();
        required.labels[2].attributes[0].required = true;
        assert_eq!(required.missing_required(&span), ["value"]);
        span.attributes
            .insert("value".into(), AttrValue::Number(1.0));
        assert!(required.missing_required(&span).is_empty());
    }

    #[test]
    fn conform_gives_values_the_types_of_the_label_set() {
        let set = LabelSet::default();
        let mut doc = doc("x");
        let mut figure = Span::new(SpanId(1), CharOffset(0), CharOffset(1), "figure");
        figure.attributes = [
            ("unit", AttrValue::Number(2000.0)),
            ("value", AttrValue::Text("2000".into())),
            ("qualifier", AttrValue::Text("about".into())),
            ("value_max", AttrValue::Text("lots".into())),
            ("other", AttrValue::Bool(true)),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect();
        let mut claim = Span::new(SpanId(2), CharOffset(0), CharOffset(1), "claim");
        claim.attributes = [
            ("check_worthy", AttrValue::Text("yes".into())),
            ("verdict", AttrValue::Bool(false)),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect();
        doc.spans = vec![figure, claim];
        assert_eq!(set.conform(&mut doc), 2, "{:?}", doc.spans);
        let a = &doc.spans[0].attributes;
        assert_eq!(a["unit"], AttrValue::Text("2000".into()));
        assert_eq!(a["value"], AttrValue::Number(2000.0));
        assert_eq!(a["value_max"], AttrValue::Text("lots".into()));
        assert_eq!(a["other"], AttrValue::Bool(true));
        let c = &doc.spans[1].attributes;
        assert_eq!(c["check_worthy"], AttrValue::Bool(true));
        // `no` is not one of the verdicts: kept, and counted.
        assert_eq!(c["verdict"], AttrValue::Bool(false));
    }

    #[test]
    fn spans_without_attributes_write_as_before_and_old_records_load() {
        let span = Span::new(SpanId(1), CharOffset(0), CharOffset(2), "quote");
        let json = serde_json::to_string(&span).unwrap();
        assert_eq!(
            json,
            r#"{"id":1,"start":0,"end":2,"label":"quote","note":""}"#
        );
        assert_eq!(serde_json::from_str::<Span>(&json).unwrap(), span);
        let mut with = span.clone();
        with.attributes
            .insert("kind".into(), AttrValue::Text("direct".into()));
        let json = serde_json::to_string(&with).unwrap();
        assert!(
            json.ends_with(r#""attributes":{"kind":"direct"}}"#),
            "{json}"
        );
        assert_eq!(serde_json::from_str::<Span>(&json).unwrap(), with);
        for s in [span, with] {
            let bytes = postcard::to_allocvec(&s).unwrap();
            assert_eq!(postcard::from_bytes::<Span>(&bytes).unwrap(), s);
        }
    }

    #[test]
    fn an_old_document_record_loads_without_the_new_details() {
        let old = r#"{"id":"d","title":"t","source":null,"added_at":0,"text":"ab"}"#;
        let doc: Document = serde_json::from_str(old).unwrap();
        assert_eq!(
            (doc.published, doc.byline, doc.annotator),
            (None, None, None)
        );
    }

    #[test]
    fn iso_dates_must_exist() {
        assert_eq!(parse_iso_date(" 2024-02-29 "), Ok("2024-02-29".into()));
        for bad in [
            "2023-02-29",
            "2024-04-31",
            "2024-00-10",
            "24-01-01",
            "2024/01/01",
            "2024-1-1",
        ] {
            assert!(parse_iso_date(bad).is_err(), "{bad}");
        }
        assert_eq!(
            parse_iso_date("March 5").unwrap_err(),
            "\"March 5\" is not a date — write it as YYYY-MM-DD, e.g. 2024-03-05"
        );
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
            attributes: Default::default(),
        });
        assert_eq!(d.covered_text(&d.spans[0]), "«سلام»");
    }
}
