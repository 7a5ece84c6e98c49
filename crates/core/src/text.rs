//! Text preparation at paste/import, and span boundary adjustments.

use unicode_segmentation::UnicodeSegmentation;

use crate::offsets::CharOffset;

/// Replaces every CRLF and lone CR with LF. Nothing else about the text changes.
///
/// Returns the normalised text and whether anything was replaced (the document records it).
pub fn normalise_line_endings(text: &str) -> (String, bool) {
    if !text.contains('\r') {
        return (text.to_string(), false);
    }
    (text.replace("\r\n", "\n").replace('\r', "\n"), true)
}

/// Shrinks `start..end` (code points) so it neither starts nor ends with whitespace.
/// A range of only whitespace shrinks to an empty range at its start.
pub fn trim_whitespace(
    chars: &[char],
    start: CharOffset,
    end: CharOffset,
) -> (CharOffset, CharOffset) {
    let (mut s, mut e) = (start.0.min(chars.len()), end.0.min(chars.len()));
    while s < e && chars[s].is_whitespace() {
        s += 1;
    }
    while e > s && chars[e - 1].is_whitespace() {
        e -= 1;
    }
    (CharOffset(s), CharOffset(e))
}

/// Widens `start..end` so both ends fall on Unicode word boundaries (UAX #29), never crossing
/// whitespace that the range does not already include.
pub fn snap_to_words(text: &str, start: CharOffset, end: CharOffset) -> (CharOffset, CharOffset) {
    let mut boundaries = vec![0usize];
    let mut chars = 0;
    for word in text.split_word_bounds() {
        chars += word.chars().count();
        boundaries.push(chars);
    }
    let s = boundaries
        .iter()
        .rev()
        .find(|&&b| b <= start.0)
        .copied()
        .unwrap_or(0);
    let e = boundaries
        .iter()
        .find(|&&b| b >= end.0)
        .copied()
        .unwrap_or(chars);
    (CharOffset(s), CharOffset(e))
}

/// Which end of a span a boundary move changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum SpanEnd {
    /// The first code point.
    Start,
    /// The end (exclusive).
    End,
}

/// How far a span boundary moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Step {
    /// One code point back.
    CharBack,
    /// One code point forward.
    CharForward,
    /// To the previous word (its start for a span's start, its end for a span's end).
    WordBack,
    /// To the next word (its start for a span's start, its end for a span's end).
    WordForward,
}

/// Where boundary `at` (code points) of a span's `end` lands after `step` in `text`, within the
/// text. A start moves between word starts and an end between word ends (words being the
/// non-whitespace pieces of UAX #29 segmentation), so a span gains or loses whole words. Looks at
/// most [`WORD_WINDOW`] code points either way.
pub fn step_boundary(text: &str, at: CharOffset, end: SpanEnd, step: Step) -> CharOffset {
    let at = at.0;
    match step {
        Step::CharBack => return CharOffset(at.saturating_sub(1)),
        Step::CharForward => return CharOffset((at + 1).min(text.chars().count())),
        Step::WordBack | Step::WordForward => {}
    }
    let from = at.saturating_sub(WORD_WINDOW);
    let mut indices = text.char_indices().skip(from);
    let first_byte = indices.next().map_or(text.len(), |(b, _)| b);
    let last_byte = text[first_byte..]
        .char_indices()
        .nth(2 * WORD_WINDOW)
        .map_or(text.len(), |(b, _)| first_byte + b);
    let window = &text[first_byte..last_byte];
    // Word starts (or ends) in the window, in code points from the text's start.
    let mut edges = vec![];
    let mut pos = from;
    for piece in window.split_word_bounds() {
        let n = piece.chars().count();
        if !piece.chars().all(char::is_whitespace) {
            edges.push(match end {
                SpanEnd::Start => pos,
                SpanEnd::End => pos + n,
            });
        }
        pos += n;
    }
    let found = match step {
        Step::WordForward => edges.into_iter().find(|&e| e > at),
        _ => edges.into_iter().rev().find(|&e| e < at),
    };
    CharOffset(found.unwrap_or(at))
}

/// How far (code points) [`step_boundary`] looks for the next word either way.
pub const WORD_WINDOW: usize = 512;

/// English month names, January first, lower case (dates in datelines, bylines and page chrome).
pub(crate) const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boundaries_step_by_characters_and_whole_words() {
        let text = "The minister said «no», twice.";
        let step = |at, end, step| step_boundary(text, CharOffset(at), end, step).0;
        // "minister" is 4..12, "said" 13..17.
        assert_eq!(step(4, SpanEnd::Start, Step::WordForward), 13);
        assert_eq!(step(13, SpanEnd::Start, Step::WordBack), 4);
        assert_eq!(step(12, SpanEnd::End, Step::WordForward), 17);
        assert_eq!(step(17, SpanEnd::End, Step::WordBack), 12);
        assert_eq!(step(6, SpanEnd::Start, Step::WordBack), 4);
        assert_eq!(step(0, SpanEnd::Start, Step::WordBack), 0);
        assert_eq!(step(30, SpanEnd::End, Step::WordForward), 30);
        assert_eq!(step(0, SpanEnd::Start, Step::CharBack), 0);
        assert_eq!(step(29, SpanEnd::End, Step::CharForward), 30);
        assert_eq!(step(30, SpanEnd::End, Step::CharForward), 30);
        // « is a word of its own (punctuation), so a quote's start can take it in.
        assert_eq!(step(19, SpanEnd::Start, Step::WordBack), 18);
    }

    #[test]
    fn word_steps_cross_lines_and_far_offsets() {
        let text = format!("{}end\n\nnext word", "x ".repeat(2000));
        let at = text.chars().count() - 9; // the start of "next"
        assert_eq!(
            step_boundary(&text, CharOffset(at), SpanEnd::Start, Step::WordBack).0,
            4000
        );
        assert_eq!(
            step_boundary(&text, CharOffset(4003), SpanEnd::End, Step::WordForward).0,
            at + 4
        );
    }

    #[test]
    fn crlf_and_lone_cr_become_lf() {
        assert_eq!(
            normalise_line_endings("a\r\nb\rc\n"),
            ("a\nb\nc\n".to_string(), true)
        );
        assert_eq!(normalise_line_endings("a\nb"), ("a\nb".to_string(), false));
    }

    #[test]
    fn trim_removes_surrounding_whitespace_only() {
        let chars: Vec<char> = "  a b \n".chars().collect();
        assert_eq!(
            trim_whitespace(&chars, CharOffset(0), CharOffset(7)),
            (CharOffset(2), CharOffset(5))
        );
        assert_eq!(
            trim_whitespace(&chars, CharOffset(0), CharOffset(2)),
            (CharOffset(2), CharOffset(2))
        );
    }

    #[test]
    fn snap_widens_to_whole_words() {
        let text = "the minister said";
        assert_eq!(
            snap_to_words(text, CharOffset(5), CharOffset(9)),
            (CharOffset(4), CharOffset(12))
        );
        assert_eq!(
            snap_to_words(text, CharOffset(4), CharOffset(12)),
            (CharOffset(4), CharOffset(12))
        );
    }
}
