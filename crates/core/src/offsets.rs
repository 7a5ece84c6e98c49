//! Offsets into a document's text.
//!
//! The canonical unit is the Unicode code point (what Python `str` indexing, spaCy, brat and the W3C
//! spec use); ends are exclusive. UTF-16 code units appear only where the DOM is touched, UTF-8 bytes
//! only where Rust slices strings. Each unit has its own newtype so one can never be passed for another.

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// A position in a text counted in Unicode code points (Rust `char`s).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct CharOffset(pub usize);

/// A position in a text counted in UTF-16 code units (JavaScript string indices, DOM Range offsets).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Utf16Offset(pub usize);

/// A position in a text counted in UTF-8 bytes (Rust `str` indices).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct ByteOffset(pub usize);

/// A conversion that could not be made.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum OffsetError {
    /// The offset lies past the end of the text.
    #[error("offset {offset} is past the end of the text ({len} {unit})")]
    OutOfRange {
        /// The offset tried.
        offset: usize,
        /// The text's length in the same unit.
        len: usize,
        /// The unit's name.
        unit: &'static str,
    },
    /// The UTF-16 offset falls between the two halves of a surrogate pair.
    #[error("UTF-16 offset {0} falls inside a surrogate pair")]
    InsideSurrogatePair(usize),
    /// The byte offset falls inside a multi-byte UTF-8 sequence.
    #[error("byte offset {0} falls inside a UTF-8 sequence")]
    InsideUtf8Sequence(usize),
}

/// How many code points lie between checkpoints of an [`OffsetIndex`].
const CHECKPOINT_EVERY: usize = 64;

/// One checkpoint: the same position expressed in all three units.
#[derive(Debug, Clone, Copy)]
struct Checkpoint {
    chars: usize,
    utf16: usize,
    bytes: usize,
}

/// Converts offsets between code points, UTF-16 units and UTF-8 bytes in O(log n + 64) per query.
///
/// Built once per text (O(n)); a 1 MB article with 10,000 spans converts all its spans in
/// milliseconds instead of re-scanning the text for every span.
#[derive(Debug, Clone)]
pub struct OffsetIndex<'a> {
    text: &'a str,
    // Invariant: checkpoints[i].chars == i * CHECKPOINT_EVERY, and the last entry is the text's end.
    checkpoints: Vec<Checkpoint>,
}

impl<'a> OffsetIndex<'a> {
    /// Indexes `text`.
    pub fn new(text: &'a str) -> Self {
        let mut checkpoints = vec![Checkpoint {
            chars: 0,
            utf16: 0,
            bytes: 0,
        }];
        let (mut chars, mut utf16) = (0usize, 0usize);
        for (byte, ch) in text.char_indices() {
            if chars > 0 && chars % CHECKPOINT_EVERY == 0 {
                checkpoints.push(Checkpoint {
                    chars,
                    utf16,
                    bytes: byte,
                });
            }
            chars += 1;
            utf16 += ch.len_utf16();
        }
        let end = Checkpoint {
            chars,
            utf16,
            bytes: text.len(),
        };
        if checkpoints.last().map(|c| c.chars) != Some(chars) {
            checkpoints.push(end);
        }
        OffsetIndex { text, checkpoints }
    }

    /// The text's length in code points.
    pub fn len_chars(&self) -> usize {
        self.end().chars
    }

    /// The text's length in UTF-16 code units.
    pub fn len_utf16(&self) -> usize {
        self.end().utf16
    }

    fn end(&self) -> Checkpoint {
        *self
            .checkpoints
            .last()
            .expect("an index always has its start")
    }

    fn checkpoint_before_char(&self, offset: usize) -> Checkpoint {
        self.checkpoints[(offset / CHECKPOINT_EVERY).min(self.checkpoints.len() - 1)]
    }

    /// The byte offset of a code-point offset.
    pub fn char_to_byte(&self, offset: CharOffset) -> Result<ByteOffset, OffsetError> {
        let len = self.len_chars();
        if offset.0 > len {
            return Err(OffsetError::OutOfRange {
                offset: offset.0,
                len,
                unit: "code points",
            });
        }
        let cp = self.checkpoint_before_char(offset.0);
        let rest = offset.0 - cp.chars;
        // The `rest`-th UTF-8 lead byte after the checkpoint (bytes are cheaper than decoding chars).
        let bytes = self.text.as_bytes()[cp.bytes..]
            .iter()
            .enumerate()
            .filter(|(_, &b)| (b as i8) >= -0x40)
            .nth(rest)
            .map(|(b, _)| cp.bytes + b)
            .unwrap_or(self.text.len());
        Ok(ByteOffset(bytes))
    }

    /// The UTF-16 offset of a code-point offset.
    pub fn char_to_utf16(&self, offset: CharOffset) -> Result<Utf16Offset, OffsetError> {
        let len = self.len_chars();
        if offset.0 > len {
            return Err(OffsetError::OutOfRange {
                offset: offset.0,
                len,
                unit: "code points",
            });
        }
        let cp = self.checkpoint_before_char(offset.0);
        let extra: usize = self.text[cp.bytes..]
            .chars()
            .take(offset.0 - cp.chars)
            .map(char::len_utf16)
            .sum();
        Ok(Utf16Offset(cp.utf16 + extra))
    }

    /// The code-point offset of a UTF-16 offset; an offset inside a surrogate pair is an error.
    pub fn utf16_to_char(&self, offset: Utf16Offset) -> Result<CharOffset, OffsetError> {
        let len = self.len_utf16();
        if offset.0 > len {
            return Err(OffsetError::OutOfRange {
                offset: offset.0,
                len,
                unit: "UTF-16 units",
            });
        }
        let i = self.checkpoints.partition_point(|c| c.utf16 <= offset.0) - 1;
        let cp = self.checkpoints[i];
        let (mut chars, mut utf16) = (cp.chars, cp.utf16);
        for ch in self.text[cp.bytes..].chars() {
            if utf16 >= offset.0 {
                break;
            }
            utf16 += ch.len_utf16();
            chars += 1;
        }
        if utf16 != offset.0 {
            return Err(OffsetError::InsideSurrogatePair(offset.0));
        }
        Ok(CharOffset(chars))
    }

    /// The code-point offset of a byte offset; an offset inside a UTF-8 sequence is an error.
    pub fn byte_to_char(&self, offset: ByteOffset) -> Result<CharOffset, OffsetError> {
        let len = self.text.len();
        if offset.0 > len {
            return Err(OffsetError::OutOfRange {
                offset: offset.0,
                len,
                unit: "bytes",
            });
        }
        if !self.text.is_char_boundary(offset.0) {
            return Err(OffsetError::InsideUtf8Sequence(offset.0));
        }
        let i = self.checkpoints.partition_point(|c| c.bytes <= offset.0) - 1;
        let cp = self.checkpoints[i];
        Ok(CharOffset(
            cp.chars + self.text[cp.bytes..offset.0].chars().count(),
        ))
    }

    /// The substring between two code-point offsets (end exclusive).
    pub fn slice(&self, start: CharOffset, end: CharOffset) -> Result<&'a str, OffsetError> {
        let s = self.char_to_byte(start)?.0;
        let e = self.char_to_byte(end)?.0;
        Ok(&self.text[s.min(e)..e])
    }
}

/// The byte position of every 256th code point of a text, owned (it does not borrow the text), for
/// slicing a long text by code points many times without re-scanning it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CharCheckpoints {
    // Invariant: bytes[i] is the byte offset of code point i * CHECKPOINT_EVERY.
    bytes: Vec<usize>,
    len_chars: usize,
}

impl CharCheckpoints {
    /// Scans `text` once.
    pub fn new(text: &str) -> Self {
        let mut bytes = vec![];
        let mut len_chars = 0;
        for (i, (b, _)) in text.char_indices().enumerate() {
            if i % CHECKPOINT_EVERY == 0 {
                bytes.push(b);
            }
            len_chars += 1;
        }
        CharCheckpoints { bytes, len_chars }
    }

    /// The text's length in code points.
    pub fn len_chars(&self) -> usize {
        self.len_chars
    }

    /// The byte offset of code point `offset` in `text` (the text these checkpoints were made from);
    /// offsets past the end give the text's end.
    pub fn byte_of(&self, text: &str, offset: CharOffset) -> ByteOffset {
        if offset.0 >= self.len_chars {
            return ByteOffset(text.len());
        }
        let base = self.bytes[offset.0 / CHECKPOINT_EVERY];
        let rest = offset.0 % CHECKPOINT_EVERY;
        ByteOffset(
            text[base..]
                .char_indices()
                .nth(rest)
                .map(|(b, _)| base + b)
                .unwrap_or(text.len()),
        )
    }

    /// The substring `start..end` (code points) of `text`.
    pub fn slice<'t>(&self, text: &'t str, start: CharOffset, end: CharOffset) -> &'t str {
        let (s, e) = (self.byte_of(text, start).0, self.byte_of(text, end).0);
        &text[s.min(e)..e]
    }
}

/// Converts a UTF-16 offset within `text` to code points, scanning from the start (for short texts,
/// such as one paragraph in the DOM).
pub fn utf16_to_char_in(text: &str, offset: Utf16Offset) -> Result<CharOffset, OffsetError> {
    let mut utf16 = 0;
    for (chars, ch) in text.chars().enumerate() {
        if utf16 == offset.0 {
            return Ok(CharOffset(chars));
        }
        if utf16 > offset.0 {
            return Err(OffsetError::InsideSurrogatePair(offset.0));
        }
        utf16 += ch.len_utf16();
    }
    match utf16.cmp(&offset.0) {
        std::cmp::Ordering::Equal => Ok(CharOffset(text.chars().count())),
        std::cmp::Ordering::Greater => Err(OffsetError::InsideSurrogatePair(offset.0)),
        std::cmp::Ordering::Less => Err(OffsetError::OutOfRange {
            offset: offset.0,
            len: utf16,
            unit: "UTF-16 units",
        }),
    }
}

/// Converts a code-point offset within `text` to UTF-16 units, scanning from the start.
pub fn char_to_utf16_in(text: &str, offset: CharOffset) -> Result<Utf16Offset, OffsetError> {
    let mut utf16 = 0;
    let mut count = 0;
    for ch in text.chars() {
        if count == offset.0 {
            return Ok(Utf16Offset(utf16));
        }
        utf16 += ch.len_utf16();
        count += 1;
    }
    if count == offset.0 {
        Ok(Utf16Offset(utf16))
    } else {
        Err(OffsetError::OutOfRange {
            offset: offset.0,
            len: count,
            unit: "code points",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The naive reference: a table of every code point's position in each unit.
    fn reference(text: &str) -> Vec<(usize, usize)> {
        let mut table = vec![];
        let mut utf16 = 0;
        for (byte, ch) in text.char_indices() {
            table.push((utf16, byte));
            utf16 += ch.len_utf16();
        }
        table.push((utf16, text.len()));
        table
    }

    fn unicode_text() -> impl Strategy<Value = String> {
        let pieces = prop_oneof![
            Just("a".to_string()),
            Just(" ".to_string()),
            Just("\n".to_string()),
            Just("😀".to_string()),
            Just("👩‍👩‍👧".to_string()),
            Just("e\u{301}".to_string()),
            Just("سلام دنیا".to_string()),
            Just("«".to_string()),
            Just("“".to_string()),
            any::<char>().prop_map(|c| c.to_string()),
        ];
        proptest::collection::vec(pieces, 0..700).prop_map(|v| v.concat())
    }

    #[test]
    fn emoji_counts_one_code_point_and_two_utf16_units() {
        let text = "a😀b";
        let index = OffsetIndex::new(text);
        assert_eq!(index.len_chars(), 3);
        assert_eq!(index.len_utf16(), 4);
        assert_eq!(index.char_to_utf16(CharOffset(2)), Ok(Utf16Offset(3)));
        assert_eq!(index.utf16_to_char(Utf16Offset(3)), Ok(CharOffset(2)));
        assert_eq!(
            index.utf16_to_char(Utf16Offset(2)),
            Err(OffsetError::InsideSurrogatePair(2))
        );
        assert_eq!(index.slice(CharOffset(1), CharOffset(3)), Ok("😀b"));
    }

    #[test]
    fn out_of_range_names_offset_and_length() {
        let index = OffsetIndex::new("abc");
        let err = index.char_to_byte(CharOffset(9)).unwrap_err();
        assert_eq!(
            err.to_string(),
            "offset 9 is past the end of the text (3 code points)"
        );
    }

    #[test]
    fn byte_inside_sequence_is_an_error() {
        let index = OffsetIndex::new("é");
        assert_eq!(
            index.byte_to_char(ByteOffset(1)),
            Err(OffsetError::InsideUtf8Sequence(1))
        );
    }

    proptest! {
        #[test]
        fn conversions_agree_with_reference(text in unicode_text()) {
            let index = OffsetIndex::new(&text);
            let table = reference(&text);
            prop_assert_eq!(index.len_chars(), table.len() - 1);
            for (chars, &(utf16, bytes)) in table.iter().enumerate() {
                prop_assert_eq!(index.char_to_utf16(CharOffset(chars)), Ok(Utf16Offset(utf16)));
                prop_assert_eq!(index.char_to_byte(CharOffset(chars)), Ok(ByteOffset(bytes)));
                prop_assert_eq!(index.utf16_to_char(Utf16Offset(utf16)), Ok(CharOffset(chars)));
                prop_assert_eq!(index.byte_to_char(ByteOffset(bytes)), Ok(CharOffset(chars)));
            }
        }

        #[test]
        fn local_scans_agree_with_index(text in unicode_text(), pick in 0usize..1000) {
            let index = OffsetIndex::new(&text);
            let chars = pick % (index.len_chars() + 1);
            let utf16 = index.char_to_utf16(CharOffset(chars)).unwrap();
            prop_assert_eq!(char_to_utf16_in(&text, CharOffset(chars)), Ok(utf16));
            prop_assert_eq!(utf16_to_char_in(&text, utf16), Ok(CharOffset(chars)));
            let owned = CharCheckpoints::new(&text);
            prop_assert_eq!(owned.byte_of(&text, CharOffset(chars)), index.char_to_byte(CharOffset(chars)).unwrap());
            prop_assert_eq!(owned.slice(&text, CharOffset(0), CharOffset(chars)), index.slice(CharOffset(0), CharOffset(chars)).unwrap());
        }
    }
}
