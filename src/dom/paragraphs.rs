//! Splitting a document into paragraphs and computing each paragraph's highlighted segments.
//!
//! Pure logic (no web-sys), shared by the renderer and the selection mapping: a paragraph is the text
//! between two `\n`; the `\n` itself is rendered as a plain text node after the paragraph's content so
//! the reader's text content equals the document text exactly.

use std::ops::Range;

use spanmark_core::{Span, SpanId};

/// Paragraph boundaries of one text, in code points and bytes.
#[derive(Debug, Clone, Default)]
pub struct Paragraphs {
    // Invariant: starts[0] == 0; paragraph i covers chars starts[i]..ends[i], and ends[i] is either
    // the text's end or the position of a '\n' (which belongs to no paragraph's content).
    char_starts: Vec<usize>,
    char_ends: Vec<usize>,
    byte_starts: Vec<usize>,
    byte_ends: Vec<usize>,
}

impl Paragraphs {
    /// Splits `text` at every `\n`.
    pub fn new(text: &str) -> Self {
        let mut p = Paragraphs::default();
        let (mut chars, mut start_char, mut start_byte) = (0usize, 0usize, 0usize);
        for (byte, ch) in text.char_indices() {
            if ch == '\n' {
                p.push(start_char, chars, start_byte, byte);
                start_char = chars + 1;
                start_byte = byte + 1;
            }
            chars += 1;
        }
        p.push(start_char, chars, start_byte, text.len());
        p
    }

    fn push(&mut self, cs: usize, ce: usize, bs: usize, be: usize) {
        self.char_starts.push(cs);
        self.char_ends.push(ce);
        self.byte_starts.push(bs);
        self.byte_ends.push(be);
    }

    /// How many paragraphs there are (at least one: an empty text has one empty paragraph).
    pub fn count(&self) -> usize {
        self.char_starts.len()
    }

    /// Paragraph `i`'s content in code points (without its `\n`).
    pub fn chars(&self, i: usize) -> Range<usize> {
        self.char_starts[i]..self.char_ends[i]
    }

    /// Paragraph `i`'s content in bytes (without its `\n`).
    pub fn bytes(&self, i: usize) -> Range<usize> {
        self.byte_starts[i]..self.byte_ends[i]
    }

    /// Whether paragraph `i` is followed by a `\n`.
    pub fn has_newline(&self, i: usize) -> bool {
        i + 1 < self.count()
    }

    /// The paragraph containing code point `offset` (a `\n` belongs to the paragraph it ends).
    pub fn index_of(&self, offset: usize) -> usize {
        self.char_starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1)
    }

    /// Groups consecutive paragraphs into chunks of about `target_chars` code points (at most
    /// `max_paragraphs` each): the reader lays out and fills one chunk at a time.
    pub fn chunks(&self, target_chars: usize, max_paragraphs: usize) -> Vec<Range<usize>> {
        let mut chunks = vec![];
        let mut first = 0;
        for i in 0..self.count() {
            let chars = self.char_ends[i] + 1 - self.char_starts[first];
            if chars >= target_chars || i + 1 - first >= max_paragraphs || i + 1 == self.count() {
                chunks.push(first..i + 1);
                first = i + 1;
            }
        }
        chunks
    }

    /// Code points of paragraphs `paras` together, with the `\n` after the last one if it has one.
    pub fn span_chars(&self, paras: &Range<usize>) -> Range<usize> {
        let last = paras.end - 1;
        let nl = usize::from(self.has_newline(last));
        self.char_starts[paras.start]..self.char_ends[last] + nl
    }

    /// Bytes of paragraphs `paras` together, with the `\n` after the last one if it has one.
    pub fn span_bytes(&self, paras: &Range<usize>) -> Range<usize> {
        let last = paras.end - 1;
        let nl = usize::from(self.has_newline(last));
        self.byte_starts[paras.start]..self.byte_ends[last] + nl
    }

    /// The paragraphs that a code-point range touches.
    pub fn touching(&self, start: usize, end: usize) -> Range<usize> {
        let first = self.index_of(start);
        let last = self.index_of(end.saturating_sub(1).max(start));
        first..last + 1
    }
}

/// One run of text within a paragraph, covered by the same spans.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// Code points, absolute in the document.
    pub chars: Range<usize>,
    /// The covering spans, outermost first (longest first at equal starts).
    pub spans: Vec<SpanId>,
    /// Indices (into the `ghosts` given) of the suggestions covering it.
    pub ghosts: Vec<usize>,
}

/// Cuts paragraph range `para` into segments at every span boundary inside it.
///
/// `spans` are all spans touching the paragraph (others are ignored).
/// `ghosts` are suggested ranges, drawn as ghost highlights; they cut segments too.
pub fn segments(para: Range<usize>, spans: &[&Span], ghosts: &[Range<usize>]) -> Vec<Segment> {
    let mut inside: Vec<&Span> = spans
        .iter()
        .copied()
        .filter(|s| s.start.0 < para.end && s.end.0 > para.start)
        .collect();
    inside.sort_by_key(|s| (s.start, std::cmp::Reverse(s.end), s.id));
    let mut cuts = vec![para.start, para.end];
    for s in &inside {
        cuts.push(s.start.0.clamp(para.start, para.end));
        cuts.push(s.end.0.clamp(para.start, para.end));
    }
    let ghosts_inside: Vec<usize> = (0..ghosts.len())
        .filter(|&i| ghosts[i].start < para.end && ghosts[i].end > para.start)
        .collect();
    for &i in &ghosts_inside {
        cuts.push(ghosts[i].start.clamp(para.start, para.end));
        cuts.push(ghosts[i].end.clamp(para.start, para.end));
    }
    cuts.sort_unstable();
    cuts.dedup();
    cuts.windows(2)
        .map(|w| Segment {
            chars: w[0]..w[1],
            spans: inside
                .iter()
                .filter(|s| s.start.0 <= w[0] && s.end.0 >= w[1])
                .map(|s| s.id)
                .collect(),
            ghosts: ghosts_inside
                .iter()
                .copied()
                .filter(|&i| ghosts[i].start <= w[0] && ghosts[i].end >= w[1])
                .collect(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use spanmark_core::CharOffset;

    fn span(id: u64, start: usize, end: usize) -> Span {
        Span::new(SpanId(id), CharOffset(start), CharOffset(end), "quote")
    }

    #[test]
    fn paragraphs_split_at_newlines() {
        let p = Paragraphs::new("ab\n\ncd");
        assert_eq!(p.count(), 3);
        assert_eq!(p.chars(0), 0..2);
        assert_eq!(p.chars(1), 3..3);
        assert_eq!(p.chars(2), 4..6);
        assert_eq!(p.index_of(2), 0);
        assert_eq!(p.index_of(4), 2);
        assert_eq!(p.touching(1, 5), 0..3);
    }

    #[test]
    fn chunks_cover_every_paragraph_once() {
        let p = Paragraphs::new("aaaa\nbb\n\ncccccc\nd");
        let chunks = p.chunks(6, 10);
        assert_eq!(chunks, vec![0..2, 2..4, 4..5]);
        assert_eq!(p.span_chars(&chunks[0]), 0..8);
        assert_eq!(p.span_chars(&chunks[2]), 16..17);
        assert_eq!(p.chunks(1000, 2), vec![0..2, 2..4, 4..5]);
        assert_eq!(Paragraphs::new("").chunks(10, 10), vec![0..1]);
        let text = "aé\n🌧b\nc";
        let p = Paragraphs::new(text);
        let all = p.chunks(2, 10);
        let joined: String = all.iter().map(|c| &text[p.span_bytes(c)]).collect();
        assert_eq!(joined, text);
    }

    #[test]
    fn nested_spans_cut_segments() {
        let (a, b) = (span(1, 0, 6), span(2, 2, 4));
        let segs = segments(0..8, &[&a, &b], &[]);
        let cut: Vec<_> = segs
            .iter()
            .map(|s| (s.chars.clone(), s.spans.len()))
            .collect();
        assert_eq!(cut, vec![(0..2, 1), (2..4, 2), (4..6, 1), (6..8, 0)]);
        assert_eq!(segs[1].spans, vec![SpanId(1), SpanId(2)]);
    }

    #[test]
    fn spans_are_clipped_to_the_paragraph() {
        let a = span(1, 0, 10);
        let segs = segments(3..5, &[&a], &[]);
        assert_eq!(
            segs,
            vec![Segment {
                chars: 3..5,
                spans: vec![SpanId(1)],
                ghosts: vec![]
            }]
        );
    }
}
