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
pub fn word_tokens(text: &str) -> Vec<Token> {
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
    let starts: std::collections::HashSet<usize> = spans.iter().map(|s| s.0).collect();
    let ends: std::collections::HashSet<usize> = spans.iter().map(|s| s.1).collect();
    let chars: Vec<char> = text.chars().collect();
    let n = chars.len();
    // Boundaries: word tokens' edges, whitespace runs' edges, and the cuts.
    let mut bounds = vec![false; n + 1];
    bounds[0] = true;
    bounds[n] = true;
    for t in word_tokens(text) {
        bounds[t.start] = true;
        bounds[t.end] = true;
    }
    for &c in starts.iter().chain(ends.iter()) {
        if c <= n {
            bounds[c] = true;
        }
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
                if prev.end == s && !prev.ws && !starts.contains(&s) && !ends.contains(&(s + 1)) {
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
