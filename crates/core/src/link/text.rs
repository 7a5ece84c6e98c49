//! What the link passes share: seeded hashing, a word scanner and a stopword list.
//!
//! Hashes are FNV-1a over code points finished by splitmix64, with fixed seeds, so every run (native
//! or WebAssembly, any machine) groups the same documents the same way. No `HashMap` iteration order
//! ever reaches a result: whatever is read out of one is sorted first.

use std::collections::HashSet;
use std::sync::OnceLock;

/// splitmix64's finaliser: spreads every input bit over the output.
#[inline]
pub(crate) fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0100_0000_01b3;

/// A word hash built one code point at a time.
#[derive(Clone, Copy)]
pub(crate) struct WordHash(u64);

impl WordHash {
    #[inline]
    pub(crate) fn new() -> Self {
        WordHash(FNV_OFFSET)
    }
    #[inline]
    pub(crate) fn push(&mut self, c: char) {
        self.0 = (self.0 ^ u64::from(c as u32)).wrapping_mul(FNV_PRIME);
    }
    #[inline]
    pub(crate) fn finish(self) -> u64 {
        mix(self.0)
    }
}

/// The hash of a lower-case word, as [`words`] computes it.
pub(crate) fn hash_word(w: &str) -> u64 {
    let mut h = WordHash::new();
    for c in w.chars() {
        h.push(c);
    }
    h.finish()
}

/// Combines two hashes (order matters).
#[inline]
pub(crate) fn combine(a: u64, b: u64) -> u64 {
    mix(a.rotate_left(17) ^ b.wrapping_mul(0x9e37_79b9_7f4a_7c15))
}

/// One word of a text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Word {
    /// Hash of the lower-cased word (apostrophes dropped).
    pub hash: u64,
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// Starts with an upper-case letter.
    pub capital: bool,
    /// Every letter is upper-case (and there are at least two).
    pub all_caps: bool,
    /// Begins a sentence or a paragraph (or follows an opening quotation mark).
    pub initial: bool,
    /// Letters, as opposed to digits.
    pub alphabetic: bool,
    /// Length in code points.
    pub len: usize,
}

pub(crate) fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ')
}

/// Whether `c` ends a sentence.
pub(crate) fn is_sentence_end(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…' | '。' | '！' | '？' | '؟')
}

/// Whether `c` opens or closes a quotation.
pub(crate) fn is_quote_mark(c: char) -> bool {
    matches!(
        c,
        '"' | '“'
            | '”'
            | '„'
            | '‟'
            | '«'
            | '»'
            | '‘'
            | '’'
            | '‚'
            | '‛'
            | '‹'
            | '›'
            | '「'
            | '」'
            | '『'
            | '』'
    )
}

/// Scans `chars` into words: runs of letters and digits, with apostrophes inside a word kept in it
/// (and dropped from its hash: "don't" and "dont" are one word). Offsets are code points from
/// `base`.
pub(crate) fn words(chars: &[char], base: usize) -> Vec<Word> {
    let mut out = Vec::with_capacity(chars.len() / 5);
    let mut i = 0;
    let mut initial = true;
    while i < chars.len() {
        let c = chars[i];
        if !c.is_alphanumeric() {
            if is_sentence_end(c) || c == '\n' {
                initial = true;
            } else if is_quote_mark(c) && !initial {
                // A word right after an opening mark is as good as sentence-initial.
                initial = i == 0 || chars[i - 1].is_whitespace();
            }
            i += 1;
            continue;
        }
        let start = i;
        let mut h = WordHash::new();
        let (mut upper, mut letters, mut alpha) = (0usize, 0usize, false);
        while i < chars.len() {
            let c = chars[i];
            if c.is_alphanumeric() {
                if c.is_alphabetic() {
                    alpha = true;
                    letters += 1;
                    if c.is_uppercase() {
                        upper += 1;
                    }
                }
                for l in c.to_lowercase() {
                    h.push(l);
                }
                i += 1;
            } else if is_apostrophe(c) && i + 1 < chars.len() && chars[i + 1].is_alphanumeric() {
                i += 1;
            } else {
                break;
            }
        }
        out.push(Word {
            hash: h.finish(),
            start: base + start,
            end: base + i,
            capital: chars[start].is_uppercase(),
            all_caps: letters >= 2 && upper == letters,
            initial,
            alphabetic: alpha,
            len: i - start,
        });
        initial = false;
    }
    out
}

/// Lower-cased words of `text` as strings (apostrophes dropped), for quotes and names.
pub(crate) fn word_strings(text: &str) -> Vec<String> {
    split_words(text, true)
}

/// The words of `text` as [`word_strings`] splits them, with their case kept.
pub(crate) fn cased_words(text: &str) -> Vec<String> {
    split_words(text, false)
}

fn split_words(text: &str, lower: bool) -> Vec<String> {
    word_runs(text)
        .into_iter()
        .map(|run| {
            let letters = run.iter().filter(|c| !is_apostrophe(**c));
            if lower {
                letters.flat_map(|c| c.to_lowercase()).collect()
            } else {
                letters.collect()
            }
        })
        .collect()
}

/// The words of `text` as written: runs of letters and digits, an apostrophe between two of them
/// kept inside ("don’t", "Holt's"). Every word list of the linker is made from these runs, so they
/// all split in the same places.
pub(crate) fn word_runs(text: &str) -> Vec<Vec<char>> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = vec![];
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_alphanumeric() {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len()
            && (chars[i].is_alphanumeric()
                || (is_apostrophe(chars[i])
                    && chars.get(i + 1).is_some_and(|c| c.is_alphanumeric())))
        {
            i += 1;
        }
        out.push(chars[start..i].to_vec());
    }
    out
}

const STOPWORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "after",
    "again",
    "against",
    "all",
    "also",
    "am",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "down",
    "during",
    "each",
    "even",
    "few",
    "for",
    "from",
    "further",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "however",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "just",
    "last",
    "later",
    "least",
    "less",
    "like",
    "many",
    "may",
    "me",
    "might",
    "more",
    "most",
    "much",
    "must",
    "my",
    "near",
    "nearly",
    "new",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "on",
    "once",
    "one",
    "only",
    "or",
    "other",
    "our",
    "ours",
    "out",
    "over",
    "own",
    "said",
    "same",
    "say",
    "says",
    "she",
    "should",
    "since",
    "so",
    "some",
    "still",
    "such",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "told",
    "too",
    "two",
    "under",
    "until",
    "up",
    "us",
    "very",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "would",
    "yesterday",
    "today",
    "tomorrow",
    "you",
    "your",
    "yours",
    "according",
    "around",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "mr",
    "mrs",
    "ms",
    "dr",
    "per",
    "cent",
    "percent",
    "year",
    "years",
    "week",
    "day",
    "days",
    "people",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "first",
    "second",
    "another",
    "among",
    "across",
    "several",
    "told",
    "added",
    "asked",
    "updated",
    "reported",
    "reporting",
    "news",
    "statement",
    "officials",
    "official",
];

/// Hashes of the stopwords: words that say nothing about which event an article covers.
pub(crate) fn stopwords() -> &'static HashSet<u64> {
    static SET: OnceLock<HashSet<u64>> = OnceLock::new();
    SET.get_or_init(|| STOPWORDS.iter().map(|w| hash_word(w)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_fold_case_and_apostrophes() {
        let chars: Vec<char> = "Don’t PANIC, dont panic.".chars().collect();
        let w = words(&chars, 0);
        assert_eq!(w.len(), 4);
        assert_eq!(w[0].hash, w[2].hash);
        assert_eq!(w[1].hash, w[3].hash);
        assert!(w[1].all_caps && !w[3].all_caps);
        assert!(w[0].initial && !w[1].initial);
        assert_eq!((w[0].start, w[0].end), (0, 5));
    }

    #[test]
    fn word_strings_lower_and_split_on_dashes() {
        assert_eq!(
            word_strings("“We’re HERE—for good,”"),
            vec!["were", "here", "for", "good"]
        );
    }
}
