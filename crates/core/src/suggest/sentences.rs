//! Sentence splitting that survives abbreviations ("Jan. 13", "U.S.", "Dr.") and quotes that end
//! with their punctuation inside the marks ("“We will win.” She left." is two sentences,
//! "“Will we?” he asked." is one).

use super::lexicon::{
    flags, F_ABBREVIATION, F_FINAL_ABBREVIATION, F_MONTH, F_SENTENCE_OPENER, F_TITLE_ABBREV,
};
use super::tokens::is_alnum;

/// Marks that may follow a sentence's final punctuation and still belong to the sentence.
fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '”' | '’' | '\'' | '»' | '›' | '“' | '」' | '』' | ')' | ']' | '）'
    )
}

/// Punctuation that ends a sentence in any script the engine reads.
#[inline(always)]
fn is_terminal(c: char) -> bool {
    if c.is_ascii() {
        return matches!(c, '.' | '!' | '?');
    }
    matches!(c, '…' | '。' | '！' | '？' | '؟')
}

/// Sentences of `chars` as trimmed `start..end` ranges in code points, in order. A line break
/// always ends a sentence.
pub(crate) fn split(chars: &[char]) -> Vec<(usize, usize)> {
    let n = chars.len();
    let mut out = Vec::with_capacity(n / 80 + 1);
    let mut start = 0;
    let mut i = 0;
    let push = |out: &mut Vec<(usize, usize)>, s: usize, e: usize| {
        let (mut s, mut e) = (s, e);
        while s < e && chars[s].is_whitespace() {
            s += 1;
        }
        while e > s && chars[e - 1].is_whitespace() {
            e -= 1;
        }
        if s < e {
            out.push((s, e));
        }
    };
    while i < n {
        let c = chars[i];
        // ASCII letters and the marks after "?": nothing to do (one comparison).
        if ('@'..='\u{7f}').contains(&c) {
            i += 1;
            continue;
        }
        if c == '\n' {
            push(&mut out, start, i);
            start = i + 1;
            i += 1;
            continue;
        }
        if !is_terminal(c) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < n && is_terminal(chars[j]) {
            j += 1;
        }
        loop {
            if j < n && is_closer(chars[j]) {
                j += 1;
            } else if j + 1 < n
                && matches!(chars[j], ' ' | '\u{a0}' | '\u{202f}')
                && matches!(chars[j + 1], '»' | '›')
                && !chars.get(j + 2).is_some_and(|c| is_alnum(*c))
            {
                // French: a (narrow) space before the closing guillemet (which, unlike a German »…«
                // opening one, is not followed by a letter).
                j += 2;
            } else {
                break;
            }
        }
        let cjk = matches!(c, '。' | '！' | '？');
        if cjk || j >= n {
            push(&mut out, start, j);
            start = j;
            i = j;
            continue;
        }
        if !chars[j].is_whitespace() {
            i = j.max(i + 1);
            continue;
        }
        let mut k = j;
        while k < n && chars[k].is_whitespace() && chars[k] != '\n' {
            k += 1;
        }
        if k >= n || chars[k] == '\n' {
            push(&mut out, start, j);
            start = j;
            i = j;
            continue;
        }
        let next = chars[k];
        let splits = if next.is_lowercase() || matches!(next, ',' | ';' | ':') {
            false
        } else if c == '.' && j == i + 1 {
            period_ends_sentence(chars, i, k)
        } else if c == '…' || (c == '.' && j > i + 1 && chars[i + 1] == '.') {
            !next.is_ascii_digit()
        } else {
            true
        };
        if splits {
            push(&mut out, start, j);
            start = j;
        }
        i = j;
    }
    push(&mut out, start, n);
    out
}

/// Whether the full stop at `dot` ends a sentence, given that the next sentence would start at
/// `next` (not lower case).
fn period_ends_sentence(chars: &[char], dot: usize, next: usize) -> bool {
    // The word before the full stop, including inner full stops ("U.S").
    let mut s = dot;
    while s > 0 && (is_alnum(chars[s - 1]) || chars[s - 1] == '.') {
        s -= 1;
    }
    if s == dot {
        return true;
    }
    // No abbreviation in the lists is longer than six letters: a longer word without inner full
    // stops ends the sentence (most full stops end here, without building any string).
    if dot - s > 6 && !chars[s..dot].contains(&'.') {
        return true;
    }
    let word = &chars[s..dot];
    // Both words in lower case on the stack: this runs at most full stops of a long article.
    let mut buf = [0u8; 48];
    let lower = lower_into(word, &mut buf);
    let mut next_buf = [0u8; 48];
    let alphabetic = chars[next..]
        .iter()
        .take_while(|c| c.is_alphabetic())
        .count();
    let next_word = lower_into(&chars[next..next + alphabetic], &mut next_buf);
    // One lookup per word for all the lists asked about below.
    let (word_is, next_is) = (flags(lower), flags(next_word));
    let opener = next_is & F_SENTENCE_OPENER != 0;
    // A single capital letter is an initial ("J. Smith"); dotted acronyms ("U.S", "U.N").
    let letters = word.iter().filter(|c| c.is_alphabetic()).count();
    if letters == 1 && word.iter().all(|c| c.is_uppercase()) {
        return false;
    }
    if word.contains(&'.') && word.iter().all(|c| c.is_alphabetic() || *c == '.') {
        return opener;
    }
    // Abbreviations that can also end a sentence ("Inc.", "etc."): only before a typical opener.
    if word_is & F_FINAL_ABBREVIATION != 0 {
        return opener;
    }
    if word.len() <= 2 && word.iter().all(|c| c.is_ascii_digit()) && next_is & F_MONTH != 0 {
        // German dates: "am 3. April".
        return false;
    }
    if word_is & (F_ABBREVIATION | F_TITLE_ABBREV) != 0 {
        // "Jan. 13", "Dr. Haddad", "No. 10": never a sentence end.
        return false;
    }
    true
}

/// `chars` in lower case, written into `buf`; empty when they do not fit (no abbreviation,
/// opener or month is that long).
fn lower_into<'a>(chars: &[char], buf: &'a mut [u8; 48]) -> &'a str {
    let mut n = 0;
    for &c in chars {
        if c.is_ascii() && n < buf.len() {
            buf[n] = c.to_ascii_lowercase() as u8;
            n += 1;
            continue;
        }
        for l in c.to_lowercase() {
            if n + l.len_utf8() > buf.len() {
                return "";
            }
            n += l.encode_utf8(&mut buf[n..]).len();
        }
    }
    std::str::from_utf8(&buf[..n]).unwrap_or("")
}

/// The index of the sentence containing `pos`, if any.
pub(crate) fn containing(sentences: &[(usize, usize)], pos: usize) -> Option<usize> {
    let i = sentences.partition_point(|&(s, _)| s <= pos);
    if i == 0 {
        return None;
    }
    let (s, e) = sentences[i - 1];
    (s <= pos && pos < e).then_some(i - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        split(&chars)
            .into_iter()
            .map(|(s, e)| chars[s..e].iter().collect())
            .collect()
    }

    #[test]
    fn long_words_end_sentences_and_abbreviations_stay_short() {
        assert_eq!(
            texts("They walked. Then left."),
            vec!["They walked.", "Then left."]
        );
        assert_eq!(texts("It is approx. 5 km."), vec!["It is approx. 5 km."]);
        assert!(crate::suggest::lexicon::longest_abbreviation() <= 6);
    }

    #[test]
    fn abbreviations_do_not_split() {
        assert_eq!(
            texts("On Jan. 13 Dr. Haddad met J. Smith in the U.S. capital. They spoke."),
            vec![
                "On Jan. 13 Dr. Haddad met J. Smith in the U.S. capital.",
                "They spoke."
            ]
        );
    }

    #[test]
    fn dotted_acronym_ends_a_sentence_before_an_opener() {
        assert_eq!(
            texts("He flew to the U.S. The talks failed."),
            vec!["He flew to the U.S.", "The talks failed."]
        );
    }

    #[test]
    fn punctuation_inside_quotes() {
        assert_eq!(
            texts("“We will win.” She left. “Will we?” he asked. “No,” said Ali."),
            vec![
                "“We will win.”",
                "She left.",
                "“Will we?” he asked.",
                "“No,” said Ali."
            ]
        );
    }

    #[test]
    fn french_spaced_closers_and_german_dates() {
        assert_eq!(
            texts("«\u{a0}Nous partons.\u{a0}» Il part. Am 3. April ist Schluss."),
            vec![
                "«\u{a0}Nous partons.\u{a0}»",
                "Il part.",
                "Am 3. April ist Schluss."
            ]
        );
    }

    #[test]
    fn german_reversed_guillemets_open_a_new_sentence() {
        assert_eq!(
            texts("Sie widersprach. »Wir bauen«, sagte sie."),
            vec!["Sie widersprach.", "»Wir bauen«, sagte sie."]
        );
    }

    #[test]
    fn line_breaks_and_cjk() {
        assert_eq!(
            texts("Title\n\n田中氏は「遺憾だ」と述べた。次の文。"),
            vec!["Title", "田中氏は「遺憾だ」と述べた。", "次の文。"]
        );
    }

    #[test]
    fn decimals_and_arabic_script() {
        assert_eq!(
            texts("It rose 3.5 percent. او گفت. بعد"),
            vec!["It rose 3.5 percent.", "او گفت.", "بعد"]
        );
    }
}
