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

#[cfg(test)]
mod tests {
    use super::*;

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
