//! The token stream every rule family reads: words, numbers, punctuation and line breaks, with
//! positions in code points. Built once per text by a single pass over its `char`s.

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Letters, with inner apostrophes, hyphens and joiners ("don’t", "al-Sadr", "می‌گوید").
    Word,
    /// Digits, with inner separators ("10,721", "3.5", "12 345", "۶۴۶").
    Num,
    /// Any other single visible character.
    Punct,
    /// One or more line breaks (a paragraph boundary).
    Break,
}

/// One token.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Tok {
    /// First code point.
    pub start: usize,
    /// First code point after the token.
    pub end: usize,
    /// What it is.
    pub kind: Kind,
}

impl Tok {
    /// Whether this is a punctuation token for `c`.
    #[inline(always)]
    pub fn is_punct(&self, chars: &[char], c: char) -> bool {
        self.kind == Kind::Punct && chars[self.start] == c
    }
}

/// The value of a decimal digit in any script the scanner knows (ASCII, Arabic-Indic, Persian,
/// full-width).
#[inline(always)]
pub(crate) fn digit_value(c: char) -> Option<u32> {
    if c.is_ascii() {
        return c.is_ascii_digit().then(|| c as u32 - '0' as u32);
    }
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '\u{660}'..='\u{669}' => Some(c as u32 - 0x660),
        '\u{6f0}'..='\u{6f9}' => Some(c as u32 - 0x6f0),
        '\u{ff10}'..='\u{ff19}' => Some(c as u32 - 0xff10),
        _ => None,
    }
}

/// Whether `c` is a decimal digit of a known script.
#[inline(always)]
pub(crate) fn is_digit(c: char) -> bool {
    digit_value(c).is_some()
}

/// Spaces that may separate thousands groups ("12 345", "12\u{202f}345").
fn is_group_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}')
}

/// Characters that continue a word without being letters: combining marks and joiners.
fn is_word_mark(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36f}' | '\u{64b}'..='\u{65f}' | '\u{670}' | '\u{200c}' | '\u{200d}')
}

/// `char::is_alphabetic` with fast answers for the blocks news text is made of (Latin, Arabic
/// script, CJK, punctuation, quotation marks, emoji); the Unicode tables only for the rest.
#[inline(always)]
pub(crate) fn is_alpha(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    match c {
        '\u{aa}' | '\u{b5}' | '\u{ba}' => true,
        '\u{80}'..='\u{bf}' | '\u{d7}' | '\u{f7}' => false,
        '\u{c0}'..='\u{24f}' => true,
        '\u{621}'..='\u{64a}' | '\u{671}'..='\u{6d3}' => true,
        '\u{2000}'..='\u{206f}' | '\u{3000}'..='\u{3004}' | '\u{3008}'..='\u{3020}' => false,
        '\u{3041}'..='\u{3096}' | '\u{30a1}'..='\u{30fa}' | '\u{4e00}'..='\u{9fff}' => true,
        '\u{1f000}'..='\u{1faff}' | '\u{fe00}'..='\u{fe0f}' => false,
        _ => c.is_alphabetic(),
    }
}

/// `char::is_alphanumeric`, with the fast answers of [`is_alpha`].
#[inline(always)]
pub(crate) fn is_alnum(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    is_alpha(c)
        || (!matches!(c, '\u{2000}'..='\u{206f}' | '\u{3008}'..='\u{3020}') && c.is_numeric())
}

/// Whether `c` may appear inside a word.
#[inline(always)]
pub(crate) fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    (is_alpha(c) && !is_digit(c)) || is_word_mark(c)
}

/// Whether `c` belongs to a script written without letter case or spaces between words that the
/// capitalisation rules cannot read (Arabic script, Hebrew, CJK).
#[inline(always)]
pub(crate) fn is_uncased_letter(c: char) -> bool {
    is_alpha(c) && !c.is_uppercase() && !c.is_lowercase()
}

/// Whether `c` is a CJK ideograph or kana.
#[inline(always)]
pub(crate) fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30ff}' | '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{f900}'..='\u{faff}')
}

/// Splits `chars` into tokens. Whitespace other than line breaks separates tokens and is dropped.
pub(crate) fn tokenize(chars: &[char]) -> Vec<Tok> {
    let n = chars.len();
    let mut toks = Vec::with_capacity(n / 4 + 1);
    let mut i = 0;
    while i < n {
        let c = chars[i];
        let start = i;
        if c == '\n' {
            while i < n && chars[i] == '\n' {
                i += 1;
            }
            toks.push(Tok {
                start,
                end: i,
                kind: Kind::Break,
            });
        } else if c == ' ' || c.is_whitespace() {
            i += 1;
        } else if is_digit(c) {
            i += 1;
            let mut group = 1;
            loop {
                while i < n && is_digit(chars[i]) {
                    i += 1;
                    group += 1;
                }
                if i + 1 < n
                    && matches!(chars[i], ',' | '.' | '\u{66b}' | '\u{66c}')
                    && is_digit(chars[i + 1])
                {
                    i += 1;
                    group = 0;
                    continue;
                }
                // A space-separated thousands group: 1–3 digits, a space, exactly three digits.
                if i + 3 < n
                    && is_group_space(chars[i])
                    && group <= 3
                    && chars[i + 1..i + 4].iter().all(|&d| is_digit(d))
                    && !(i + 4 < n && (is_digit(chars[i + 4]) || chars[i + 4] == ':'))
                {
                    i += 1;
                    group = 0;
                    continue;
                }
                break;
            }
            toks.push(Tok {
                start,
                end: i,
                kind: Kind::Num,
            });
        } else if is_word_char(c) {
            i += 1;
            loop {
                while i < n && is_word_char(chars[i]) {
                    i += 1;
                }
                if i + 1 < n
                    && matches!(chars[i], '\'' | '’' | '-')
                    && is_word_char(chars[i + 1])
                    && !is_cjk(chars[i + 1])
                {
                    i += 2;
                    continue;
                }
                break;
            }
            toks.push(Tok {
                start,
                end: i,
                kind: Kind::Word,
            });
        } else {
            i += 1;
            toks.push(Tok {
                start,
                end: i,
                kind: Kind::Punct,
            });
        }
    }
    toks
}

/// The token's text.
pub(crate) fn text_of(chars: &[char], t: &Tok) -> String {
    chars[t.start..t.end].iter().collect()
}

/// Every token's text in lower case (apostrophes folded to `'`), built once so that rules compare
/// words without allocating.
pub(crate) struct Lowered {
    buf: String,
    // Invariant: bounds[k] is token k's byte range in buf (empty for tokens that are not words).
    bounds: Vec<(u32, u32)>,
    // Invariant: flags[k] is `lexicon::flags` of token k's lower-cased text.
    flags: Vec<u32>,
}

impl Lowered {
    /// Lower-cases every word token of `toks` and looks it up in the word lists once.
    pub fn new(chars: &[char], toks: &[Tok]) -> Self {
        let mut buf = String::with_capacity(chars.len());
        let mut bounds = Vec::with_capacity(toks.len());
        for t in toks {
            let start = buf.len() as u32;
            if t.kind == Kind::Word {
                // Straight from the code points: no byte offsets into the text to keep.
                for &c in &chars[t.start..t.end] {
                    if c.is_ascii() {
                        buf.push(c.to_ascii_lowercase());
                    } else if c == '’' {
                        buf.push('\'');
                    } else {
                        buf.extend(c.to_lowercase());
                    }
                }
            }
            bounds.push((start, buf.len() as u32));
        }
        let flags = bounds
            .iter()
            .map(|&(s, e)| {
                if s == e {
                    0
                } else {
                    super::lexicon::flags(&buf[s as usize..e as usize])
                }
            })
            .collect();
        Lowered { buf, bounds, flags }
    }

    /// Word token `k` in lower case; empty for other tokens and past the end.
    #[inline(always)]
    pub fn get(&self, k: usize) -> &str {
        self.bounds
            .get(k)
            .map_or("", |&(s, e)| &self.buf[s as usize..e as usize])
    }

    /// Whether word token `k` is in the word list of `flag` (a `lexicon::F_*` constant).
    #[inline(always)]
    pub fn is(&self, k: usize, flag: u32) -> bool {
        self.flags.get(k).is_some_and(|f| f & flag != 0)
    }
}

/// Whether the token is a word whose first letter is upper case.
#[inline(always)]
pub(crate) fn is_capitalised(chars: &[char], t: &Tok) -> bool {
    t.kind == Kind::Word && chars[t.start].is_uppercase()
}

/// The index of the first token starting at or after `pos`.
#[inline(always)]
pub(crate) fn first_at_or_after(toks: &[Tok], pos: usize) -> usize {
    toks.partition_point(|t| t.start < pos)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(String, Kind)> {
        let chars: Vec<char> = text.chars().collect();
        tokenize(&chars)
            .iter()
            .map(|t| (text_of(&chars, t), t.kind))
            .collect()
    }

    #[test]
    fn words_keep_inner_apostrophes_and_hyphens() {
        let k = kinds("don’t al-Sadr's ’n’");
        assert_eq!(k[0].0, "don’t");
        assert_eq!(k[1].0, "al-Sadr's");
        assert_eq!(k[2], ("’".into(), Kind::Punct));
    }

    #[test]
    fn fast_character_classes_agree_with_the_standard_library() {
        let samples =
            "aZ09 ªµº«»×÷ÀéÿŁſ ءبيٱۓ۰۹ “”‘’—–… 　、。「」ぁゖァヺ一龥 😀🗳\u{fe0f} ß Ω ж ﬁ ① ½ ٣";
        for c in samples.chars().chain('\u{0}'..='\u{3100}') {
            assert_eq!(is_alpha(c), c.is_alphabetic(), "{c:?}");
            assert_eq!(is_alnum(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn numbers_keep_separators_and_groups() {
        let k = kinds("10,721 people, 3.5bn, 12\u{202f}345 and ۶۴۶ in 2024 500");
        assert_eq!(k[0], ("10,721".into(), Kind::Num));
        assert_eq!(k[3], ("3.5".into(), Kind::Num));
        assert_eq!(k[4], ("bn".into(), Kind::Word));
        assert_eq!(k[6], ("12\u{202f}345".into(), Kind::Num));
        assert_eq!(k[8], ("۶۴۶".into(), Kind::Num));
        assert_eq!(k[10], ("2024".into(), Kind::Num));
    }
}
