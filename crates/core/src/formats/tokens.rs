//! Tokenisation shared by the token-based formats (spaCy/Prodigy, CoNLL IOB2, Hugging Face NER).
//!
//! **Rule.** Tokens are the Unicode word segments of the text (UAX #29, crate
//! `unicode-segmentation`), with whitespace taken out: a segment's maximal runs of non-whitespace
//! code points are its tokens (a segment is only ever split when it holds whitespace, as a combining
//! mark after a space does). Punctuation is a token of its own; `can't`, `3.5` and `👩‍👩‍👧` stay whole.
//!
//! The spaCy export adds two things on top, so that `Doc(words, spaces)` rebuilds the text exactly and
//! every span lands on token boundaries: tokens are also split at every span boundary, and whitespace
//! is laid out as spaCy's tokenizer does it — one U+0020 after a token is that token's `ws`, any other
//! whitespace (newlines, a second space, tabs, no-break spaces) is a token of its own.

use unicode_segmentation::UnicodeSegmentation;

/// A token: code-point offsets into the text (end exclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// First code point.
    pub start: usize,
    /// First code point after the token.
    pub end: usize,
}

/// The word tokens of `text`: UAX #29 word segments with whitespace removed.
///
/// Whitespace never joins what is on its two sides into one segment (no UAX #29 rule looks across
/// it), so each maximal run of non-whitespace is segmented on its own: an all-ASCII run (most words
/// of most articles) by [`ascii_word_bounds`], any other by `unicode-segmentation`. The result is
/// the same as segmenting the whole text (a property test checks it); the ASCII path skips the
/// Unicode table lookups, which were most of a spaCy export's time.
pub fn word_tokens(text: &str) -> Vec<Token> {
    let mut tokens = vec![];
    // The run being read: its first byte, first code point, and whether it is all ASCII.
    let mut run: Option<(usize, usize, bool)> = None;
    for (pos, (byte, ch)) in text.char_indices().enumerate() {
        if ch.is_whitespace() {
            if let Some((b, c, ascii)) = run.take() {
                run_tokens(&text[b..byte], c, ascii, &mut tokens);
            }
        } else {
            match &mut run {
                Some((_, _, ascii)) => *ascii &= ch.is_ascii(),
                None => run = Some((byte, pos, ch.is_ascii())),
            }
        }
    }
    if let Some((b, c, ascii)) = run {
        run_tokens(&text[b..], c, ascii, &mut tokens);
    }
    tokens
}

/// Appends the word tokens of `run` (no whitespace in it), which starts at code point `start`.
fn run_tokens(run: &str, start: usize, ascii: bool, tokens: &mut Vec<Token>) {
    if ascii {
        let mut from = 0;
        for to in ascii_word_bounds(run.as_bytes()) {
            tokens.push(Token {
                start: start + from,
                end: start + to,
            });
            from = to;
        }
    } else {
        let mut pos = start;
        for segment in run.split_word_bounds() {
            let len = segment.chars().count();
            tokens.push(Token {
                start: pos,
                end: pos + len,
            });
            pos += len;
        }
    }
}

/// UAX #29 word break classes of the ASCII characters that are not whitespace.
#[derive(Clone, Copy, PartialEq, Eq)]
enum AsciiClass {
    Letter,
    Numeric,
    /// `_` (ExtendNumLet).
    Connector,
    /// `:` (MidLetter).
    MidLetter,
    /// `,` `;` (MidNum).
    MidNum,
    /// `.` `'` (MidNumLet, Single_Quote: between letters and between digits alike).
    MidNumLet,
    Other,
}

fn ascii_class(b: u8) -> AsciiClass {
    match b {
        b'A'..=b'Z' | b'a'..=b'z' => AsciiClass::Letter,
        b'0'..=b'9' => AsciiClass::Numeric,
        b'_' => AsciiClass::Connector,
        b':' => AsciiClass::MidLetter,
        b',' | b';' => AsciiClass::MidNum,
        b'.' | b'\'' => AsciiClass::MidNumLet,
        _ => AsciiClass::Other,
    }
}

/// The ends of the UAX #29 word segments of an all-ASCII run without whitespace (rules WB5–WB13b;
/// the rules for other scripts, marks, emoji and flags cannot apply to ASCII).
fn ascii_word_bounds(run: &[u8]) -> impl Iterator<Item = usize> + '_ {
    use AsciiClass::*;
    let class = |i: usize| run.get(i).map_or(Other, |&b| ascii_class(b));
    let joined = move |i: usize| {
        // Whether there is no break between run[i - 1] and run[i].
        let (before, after) = (class(i - 1), class(i));
        let mid_letter = |c| matches!(c, MidLetter | MidNumLet);
        let mid_num = |c| matches!(c, MidNum | MidNumLet);
        match (before, after) {
            (Letter | Numeric, Letter | Numeric) => true, // WB5, WB8, WB9, WB10
            (Letter | Numeric | Connector, Connector) => true, // WB13a
            (Connector, Letter | Numeric) => true,        // WB13b
            (Letter, mid) if mid_letter(mid) => class(i + 1) == Letter, // WB6
            (mid, Letter) if mid_letter(mid) => i >= 2 && class(i - 2) == Letter, // WB7
            (Numeric, mid) if mid_num(mid) => class(i + 1) == Numeric, // WB12
            (mid, Numeric) if mid_num(mid) => i >= 2 && class(i - 2) == Numeric, // WB11
            _ => false,
        }
    };
    (1..=run.len()).filter(move |&i| i == run.len() || !joined(i))
}

/// A spaCy-style token: its range and whether one U+0020 follows it as its trailing whitespace.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SpacyToken {
    /// First code point.
    pub start: usize,
    /// First code point after the token's text (its `ws` is not included).
    pub end: usize,
    /// Whether a single space follows, belonging to this token.
    pub ws: bool,
}

/// spaCy-style tokens covering every code point of `text`, split at both ends of every range in
/// `spans`, so that text = concatenation of token texts and their `ws` spaces and every span starts
/// at a token's start and ends at a token's end.
pub fn spacy_tokens(text: &str, spans: &[(usize, usize)]) -> Vec<SpacyToken> {
    let chars: Vec<char> = text.chars().collect();
    let n = chars.len();
    // Where spans start and end (offsets past the text are ignored).
    let mut starts = vec![false; n + 1];
    let mut ends = vec![false; n + 1];
    for &(s, e) in spans {
        if s <= n {
            starts[s] = true;
        }
        if e <= n {
            ends[e] = true;
        }
    }
    // Boundaries: word tokens' edges, whitespace runs' edges, and the cuts.
    let mut bounds = vec![false; n + 1];
    bounds[0] = true;
    bounds[n] = true;
    for t in word_tokens(text) {
        bounds[t.start] = true;
        bounds[t.end] = true;
    }
    for (c, bound) in bounds.iter_mut().enumerate() {
        *bound |= starts[c] || ends[c];
    }
    let mut pieces: Vec<(usize, usize)> = vec![];
    let mut start = 0;
    for (i, &bound) in bounds.iter().enumerate().skip(1) {
        if bound {
            pieces.push((start, i));
            start = i;
        }
    }
    let mut tokens: Vec<SpacyToken> = vec![];
    for (s, e) in pieces {
        if !chars[s].is_whitespace() {
            tokens.push(SpacyToken {
                start: s,
                end: e,
                ws: false,
            });
            continue;
        }
        // A whitespace piece: its first space may become the previous token's ws, unless a span
        // starts at that space or ends just after it (the space would then hide the boundary).
        let mut s = s;
        if chars[s] == ' ' {
            if let Some(prev) = tokens.last_mut() {
                if prev.end == s
                    && !prev.ws
                    && !starts[s]
                    && !ends.get(s + 1).copied().unwrap_or(false)
                {
                    prev.ws = true;
                    s += 1;
                }
            }
        }
        if s < e {
            tokens.push(SpacyToken {
                start: s,
                end: e,
                ws: false,
            });
        }
    }
    tokens
}

/// Maps code-point offsets to token indices for a token list sorted by position.
pub struct TokenIndex {
    starts: std::collections::HashMap<usize, usize>,
    ends: std::collections::HashMap<usize, usize>,
}

impl TokenIndex {
    /// Indexes tokens given as (start, end) pairs.
    pub fn new(tokens: impl IntoIterator<Item = (usize, usize)>) -> Self {
        let mut starts = std::collections::HashMap::new();
        let mut ends = std::collections::HashMap::new();
        for (i, (s, e)) in tokens.into_iter().enumerate() {
            starts.insert(s, i);
            ends.insert(e, i);
        }
        TokenIndex { starts, ends }
    }

    /// The index of the token starting at `offset`.
    pub fn starting_at(&self, offset: usize) -> Option<usize> {
        self.starts.get(&offset).copied()
    }

    /// The index of the token ending at `offset`.
    pub fn ending_at(&self, offset: usize) -> Option<usize> {
        self.ends.get(&offset).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// `word_tokens` as first written: every UAX #29 segment of the whole text, whitespace out.
    fn reference_word_tokens(text: &str) -> Vec<Token> {
        let mut tokens = vec![];
        let mut pos = 0;
        for segment in text.split_word_bounds() {
            let mut run_start: Option<usize> = None;
            for ch in segment.chars() {
                if ch.is_whitespace() {
                    if let Some(s) = run_start.take() {
                        tokens.push(Token { start: s, end: pos });
                    }
                } else if run_start.is_none() {
                    run_start = Some(pos);
                }
                pos += 1;
            }
            if let Some(s) = run_start {
                tokens.push(Token { start: s, end: pos });
            }
        }
        tokens
    }

    /// Characters that exercise every word-break rule: ASCII of each class, whitespace of several
    /// kinds, letters and digits of other scripts, marks, joiners, emoji, flags, Katakana, Hebrew,
    /// curly quotes and the non-ASCII MidLetter/MidNum/MidNumLet characters.
    const ALPHABET: &[char] = &[
        'a', 'Z', 'q', '0', '7', '_', ':', ',', ';', '.', '\'', '"', '-', '(', '%', '$', '/', '?',
        ' ', ' ', '\n', '\r', '\t', '\u{a0}', '\u{2009}', '\u{3000}', '\u{2028}', '\u{85}', 'é',
        'ß', 'ж', 'ش', '۳', '٫', '\u{301}', '\u{200d}', '\u{200b}', '\u{200c}', '\u{fe0f}', '😀',
        '👩', '🇫', '🇷', 'カ', 'ー', 'א', 'ב', '\u{5f3}', '\u{2019}', '\u{2018}', '“', '”', '«',
        '»', '·', '\u{2024}', '\u{ff0e}', '\u{37e}', '１', '中',
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]

        #[test]
        fn word_tokens_equal_segmenting_the_whole_text(
            picks in proptest::collection::vec(0..ALPHABET.len(), 0..40)
        ) {
            let text: String = picks.iter().map(|&i| ALPHABET[i]).collect();
            prop_assert_eq!(word_tokens(&text), reference_word_tokens(&text), "{:?}", text);
        }

        #[test]
        fn ascii_words_equal_segmenting_the_whole_text(text in "[a-c0-2_:,;.' \"!-]{0,30}") {
            prop_assert_eq!(word_tokens(&text), reference_word_tokens(&text), "{:?}", text);
        }
    }

    fn texts(text: &str, toks: &[Token]) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        toks.iter()
            .map(|t| chars[t.start..t.end].iter().collect())
            .collect()
    }

    #[test]
    fn words_follow_uax29_and_drop_whitespace() {
        let text = "He said: «can't stop» 3.5 😀\n";
        assert_eq!(
            texts(text, &word_tokens(text)),
            ["He", "said", ":", "«", "can't", "stop", "»", "3.5", "😀"]
        );
    }

    #[test]
    fn spacy_layout_rebuilds_the_text() {
        let text = "a  b\nc d";
        let toks = spacy_tokens(text, &[]);
        let chars: Vec<char> = text.chars().collect();
        let rebuilt: String = toks
            .iter()
            .map(|t| {
                let mut s: String = chars[t.start..t.end].iter().collect();
                if t.ws {
                    s.push(' ');
                }
                s
            })
            .collect();
        assert_eq!(rebuilt, text);
        let words: Vec<String> = toks
            .iter()
            .map(|t| chars[t.start..t.end].iter().collect())
            .collect();
        assert_eq!(words, ["a", " ", "b", "\n", "c", "d"]);
    }

    #[test]
    fn spacy_tokens_split_at_span_boundaries() {
        let toks = spacy_tokens("minister", &[(0, 3)]);
        assert_eq!(toks.len(), 2);
        assert_eq!((toks[0].start, toks[0].end), (0, 3));
    }
}
