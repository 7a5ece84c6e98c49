//! Figures: numeric expressions that state a quantity, with their qualifier, counted noun and
//! what they count.
//!
//! Read from the token stream: a number (digits in any known script, with thousands separators and
//! a decimal mark, or a number word such as "three" or "a dozen") grows to the right over a
//! multiplier ("million", "bn"), a percent sign or word, a currency word and a range ("10-15",
//! "10 to 15"), then takes the next word as its counted noun ("646 people"), and to the left over
//! a currency sign and a qualifier ("at least", "nearly"). Dates, clock times, time zones, years,
//! ordinals, identifiers ("Article 5", "G20"), phone numbers, URLs and time stamps ("4 hours ago")
//! are recognised first and skipped.
//!
//! The qualifier is reduced to a small vocabulary ([`qualifier_class`]), and the quantity — what
//! is counted — is read from the words around: an event ("were killed" → deaths, "injuring" →
//! injured), a tariff, "N% of X" / "$N in X", "X rose N%", else the counted noun itself.

use super::lexicon::{
    currency_symbol, currency_word, event_quantity, glued_multiplier, is_identifier_label,
    is_month, is_percent_word, is_stopword, is_time_word, is_year_preposition, multiplier,
    number_word, qualifier_class, qualifiers_ending_with, F_CHANGE_VERB, F_DETERMINER,
    F_FUNCTION_WORD, F_INDEFINITE, F_MONTH, F_NUMBER_WORD, F_PERCENT_WORD, F_PRONOUN,
    F_QUALIFIER_END, F_STOPWORD, F_TIME_WORD, F_VERB_FILLER,
};
use super::tokens::{digit_value, is_alnum, is_cjk, text_of, Kind, Lowered, Tok};

/// One figure found in the text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Figure {
    /// First code point (the qualifier or currency sign when there is one).
    pub start: usize,
    /// One past the last code point (the counted noun, unit or multiplier when there is one).
    pub end: usize,
    /// The normalised value: multipliers applied, separators resolved.
    pub value: f64,
    /// The upper bound of a range.
    pub value_max: Option<f64>,
    /// "%", an ISO currency code, or the counted noun as written.
    pub unit: Option<String>,
    /// The qualifier's class: "exact", "about", "at least", "at most", "more than", "less than",
    /// "up to" or "between".
    pub qualifier: &'static str,
    /// What is counted: "deaths", "injured", "arrests", "tariff rate", "days", "homes", ….
    pub quantity: Option<String>,
}

struct Scan<'a> {
    chars: &'a [char],
    toks: &'a [Tok],
    low: &'a Lowered,
}

impl Scan<'_> {
    #[inline(always)]
    fn tok(&self, k: usize) -> Option<&Tok> {
        self.toks.get(k)
    }
    #[inline(always)]
    fn lower(&self, k: usize) -> &str {
        self.low.get(k)
    }
    #[inline(always)]
    fn is_word(&self, k: usize) -> bool {
        self.tok(k).is_some_and(|t| t.kind == Kind::Word)
    }
    #[inline(always)]
    fn is_num(&self, k: usize) -> bool {
        self.tok(k).is_some_and(|t| t.kind == Kind::Num)
    }
    #[inline(always)]
    fn punct(&self, k: usize) -> Option<char> {
        self.tok(k)
            .filter(|t| t.kind == Kind::Punct)
            .map(|t| self.chars[t.start])
    }
    /// Whether token `k` touches the token before it (no space between).
    #[inline(always)]
    fn glued(&self, k: usize) -> bool {
        k > 0 && k < self.toks.len() && self.toks[k - 1].end == self.toks[k].start
    }
    /// Whether token `k` is separated from the one before by at most one space.
    #[inline(always)]
    fn near(&self, k: usize) -> bool {
        k > 0 && k < self.toks.len() && self.toks[k].start - self.toks[k - 1].end <= 1
    }

    /// Whether the whitespace-delimited chunk around `pos` is a URL or an e-mail address.
    fn in_url(&self, pos: usize) -> bool {
        let mut s = pos;
        while s > 0 && !self.chars[s - 1].is_whitespace() {
            s -= 1;
        }
        let mut e = pos;
        while e < self.chars.len() && !self.chars[e].is_whitespace() {
            e += 1;
        }
        // Every marker below holds a '/', an '@' or a full stop before a letter.
        let marked = self.chars[s..e].iter().enumerate().any(|(i, c)| {
            matches!(c, '/' | '@')
                || (*c == '.'
                    && self
                        .chars
                        .get(s + i + 1)
                        .is_some_and(|n| n.is_ascii_alphabetic()))
        });
        if e - s < 5 || !marked {
            return false;
        }
        let chunk: String = self.chars[s..e].iter().collect::<String>().to_lowercase();
        [
            "://", "www.", "@", ".com", ".org", ".net", ".gov", ".html", ".ir/", ".de/", ".fr/",
        ]
        .iter()
        .any(|p| chunk.contains(p))
    }

    /// The index after a phone-like run of number groups starting at `k`.
    fn skip_groups(&self, mut k: usize) -> usize {
        k += 1;
        while k < self.toks.len()
            && self.near(k)
            && (self.is_num(k) || matches!(self.punct(k), Some('-' | '(' | ')' | '.')))
        {
            k += 1;
        }
        k
    }

    /// Qualifier words ending just before token `first`: (their first token, the qualifier).
    fn qualifier_before(&self, first: usize) -> Option<(usize, &'static str)> {
        if first == 0 || !self.is_word(first - 1) {
            return None;
        }
        if !self.low.is(first - 1, F_QUALIFIER_END) {
            return None;
        }
        for (q, words) in qualifiers_ending_with(self.lower(first - 1)) {
            let q: &'static str = q;
            let count = words.len();
            if count > first {
                continue;
            }
            let from = first - count;
            let matched = words
                .iter()
                .enumerate()
                .all(|(n, w)| self.is_word(from + n) && self.lower(from + n) == *w);
            // "over two years", "over six regions": a span of time or space, not a qualifier.
            let across = q == "over"
                && self.is_word(first + 1)
                && matches!(
                    self.lower(first + 1),
                    "years" | "months" | "weeks" | "days" | "hours" | "decades" | "regions"
                );
            // "ein Sparpaket über 3,5 Millionen Euro": after a noun with its article, "über" says
            // what the thing is worth, not that the amount is exceeded.
            let worth = q == "über"
                && from >= 2
                && self.is_word(from - 1)
                && self
                    .tok(from - 1)
                    .is_some_and(|t| self.chars[t.start].is_uppercase())
                && matches!(
                    self.lower(from - 2),
                    "ein"
                        | "eine"
                        | "einen"
                        | "einem"
                        | "einer"
                        | "den"
                        | "dem"
                        | "der"
                        | "die"
                        | "das"
                );
            if matched && !across && !worth {
                return Some((from, q));
            }
        }
        None
    }

    /// The counted noun at token `k`, if it is one.
    fn counted_noun(&self, k: usize) -> Option<String> {
        let t = self.tok(k)?;
        if t.kind != Kind::Word || self.glued(k) || !self.near(k) {
            return None;
        }
        let w = self.lower(k);
        if w.chars().count() < 2
            || self.low.is(k, F_STOPWORD | F_MONTH | F_TIME_WORD | F_FUNCTION_WORD)
            || multiplier(w).is_some()
            // Persian "دو برابر": twice as much, not a count.
            || w == "برابر"
            // "over 200 dead", "12 hurt": the event, not what is counted.
            || matches!(w, "dead" | "alive" | "hurt" | "homeless")
            // "the FTSE 100 fell", "3,000 fled": a verb, not a noun.
            || (self.low.is(k, F_CHANGE_VERB)
                && !matches!(w, "rise" | "rises" | "fall" | "falls" | "hit" | "up" | "down"))
            || is_irregular_past(w)
            || (w.is_ascii() && (w.ends_with("ed") || w.ends_with("ing") || w.ends_with("ly")))
        {
            return None;
        }
        // Without a possessive ending ("’s", "'s", "’", "'"), collected once.
        let word = &self.chars[t.start..t.end];
        let word = word.strip_suffix(&['’', 's']).unwrap_or(word);
        let word = word.strip_suffix(&['\'', 's']).unwrap_or(word);
        let word = word.strip_suffix(&['’']).unwrap_or(word);
        let word = word.strip_suffix(&['\'']).unwrap_or(word);
        Some(word.iter().collect())
    }

    /// The counted noun at token `k`, over one adjective before it ("40 new homes", "16 more
    /// cities", "3 million Syrian refugees"): the noun and its token.
    fn counted_phrase(&self, k: usize) -> Option<(String, usize)> {
        if self.is_word(k) && !self.glued(k) && self.near(k) {
            let w = self.lower(k);
            let adjective = is_count_adjective(w) || {
                // A nationality before a lower-case plural: "Syrian refugees", "British troops".
                let t = self.toks[k];
                let first = self.chars[t.start];
                first.is_uppercase()
                    && w.len() >= 4
                    && (w.ends_with("an")
                        || w.ends_with("ese")
                        || w.ends_with("ish")
                        || w.ends_with('i'))
                    && self.tok(k + 1).is_some_and(|n| {
                        n.kind == Kind::Word
                            && self.chars[n.start].is_lowercase()
                            && self.lower(k + 1).ends_with('s')
                    })
            };
            if adjective {
                if let Some(noun) = self.counted_noun(k + 1) {
                    return Some((noun, k + 1));
                }
            }
            // A model between the number and its noun: "six Type 45 destroyers".
            if is_identifier_label(w)
                && self.chars[self.toks[k].start].is_uppercase()
                && self.is_num(k + 1)
            {
                if let Some(noun) = self.counted_noun(k + 2) {
                    return Some((noun, k + 2));
                }
            }
        }
        let noun = self.counted_noun(k)?;
        // A compound: "1,400 relief camps", "12 aid workers" (a singular noun before a plural).
        let w = self.lower(k);
        let compound = !w.ends_with('s')
            && w.bytes().all(|b| b.is_ascii_lowercase())
            && !matches!(w, "people" | "staff" | "police" | "children" | "cattle")
            && !is_measure(w)
            && self
                .tok(k + 1)
                .is_some_and(|n| n.kind == Kind::Word && self.chars[n.start].is_lowercase())
            && self.lower(k + 1).ends_with('s')
            && !self.lower(k + 1).ends_with("ss")
            && self.counted_noun(k + 1).is_some();
        if compound {
            let t = self.toks[k + 1];
            let plural: String = self.chars[t.start..t.end].iter().collect();
            return Some((format!("{noun} {plural}"), k + 1));
        }
        Some((noun, k))
    }
}

/// Irregular past tenses that may follow a number as its verb ("3,000 fled").
fn is_irregular_past(w: &str) -> bool {
    matches!(
        w,
        "fled"
            | "went"
            | "came"
            | "lost"
            | "won"
            | "took"
            | "made"
            | "held"
            | "met"
            | "ran"
            | "saw"
            | "gave"
            | "got"
            | "told"
            | "began"
            | "fought"
            | "spent"
            | "sent"
            | "paid"
            | "sold"
            | "bought"
            | "brought"
            | "kept"
            | "became"
            | "stayed"
            | "remain"
            | "remained"
            | "died"
    )
}

/// Adjectives that may stand between a number and its counted noun ("300 more troops").
fn is_count_adjective(w: &str) -> bool {
    matches!(
        w,
        "new"
            | "more"
            | "fewer"
            | "other"
            | "extra"
            | "additional"
            | "further"
            | "young"
            | "elderly"
            | "local"
            | "foreign"
            | "armed"
            | "senior"
            | "registered"
            | "eligible"
            | "unaccompanied"
            | "homeless"
            | "international"
            | "weitere"
            | "neue"
    )
}

/// The denominator of a share written "N in M" or "N out of M" ("one in five", "seven out of
/// 10"), from the token after the numerator: the denominator and the token after it.
fn share_denominator(s: &Scan, j: usize) -> Option<(f64, usize)> {
    let at = match s.lower(j) {
        "in" => j + 1,
        "out" if s.lower(j + 1) == "of" => j + 2,
        _ => return None,
    };
    let d = if s.is_num(at) {
        let t = s.toks[at];
        parse_number(&s.chars[t.start..t.end], false)?
    } else if s.is_word(at) {
        number_word(s.lower(at))?
    } else {
        return None;
    };
    Some((d, at + 1))
}

/// The counted noun after a French multiplier: "de personnes", "d'habitants" (the noun and its
/// token).
fn french_de_noun(s: &Scan, j: usize) -> Option<(String, usize)> {
    if !s.is_word(j) {
        return None;
    }
    let w = s.lower(j);
    if w == "de" {
        return s.counted_noun(j + 1).map(|n| (n, j + 1));
    }
    let rest = w.strip_prefix("d'")?;
    let n = rest.chars().count();
    if n <= 2 || is_stopword(rest) {
        return None;
    }
    let t = s.toks[j];
    Some((s.chars[t.end - n..t.end].iter().collect(), j))
}

/// The denominator a fraction word names: "third" (of "a third", "two-thirds") is 3.
fn fraction_denominator(w: &str) -> Option<f64> {
    Some(match w {
        "half" | "halves" => 2.0,
        "third" | "thirds" => 3.0,
        "quarter" | "quarters" => 4.0,
        "fifth" | "fifths" => 5.0,
        "tenth" | "tenths" => 10.0,
        _ => return None,
    })
}

/// Parses a number token's digits. `dot_groups` allows a single "." before exactly three digits
/// to read as a thousands separator ("1.500 Menschen"). Returns `None` for malformed groups
/// (dates such as "13.01.2024", versions such as "1.2.3").
fn parse_number(chars: &[char], dot_groups: bool) -> Option<f64> {
    // Most numbers are a few ASCII digits: read them without building strings. Up to 15 digits
    // the value is exact in an f64, as the general reading below gives it.
    if chars.len() <= 15 && chars.iter().all(char::is_ascii_digit) {
        return Some(
            chars
                .iter()
                .fold(0.0, |v, c| v * 10.0 + f64::from(*c as u32 - '0' as u32)),
        );
    }
    let mut groups: Vec<String> = vec![String::new()];
    let mut seps: Vec<char> = vec![];
    for &c in chars {
        if let Some(d) = digit_value(c) {
            groups
                .last_mut()
                .expect("starts with a group")
                .push(char::from_digit(d, 10).expect("a digit"));
        } else {
            seps.push(match c {
                '\u{66b}' => 'D',
                '\u{66c}' | ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}' => 'T',
                other => other,
            });
            groups.push(String::new());
        }
    }
    if seps.is_empty() {
        return groups[0].parse().ok();
    }
    let commas = seps.iter().filter(|&&s| s == ',').count();
    let dots = seps.iter().filter(|&&s| s == '.').count();
    let last_len = groups.last().map_or(0, String::len);
    let decimal: Option<char> = if seps.contains(&'D') {
        Some('D')
    } else if commas > 0 && dots > 0 {
        seps.iter().rev().find(|&&s| s == ',' || s == '.').copied()
    } else if commas == 1 && last_len != 3 {
        Some(',')
    } else if dots == 1 && !(last_len == 3 && dot_groups && groups[0].len() <= 3) {
        Some('.')
    } else {
        None
    };
    let mut int = String::new();
    let mut frac = String::new();
    let mut after_decimal = false;
    for (n, g) in groups.iter().enumerate() {
        if n > 0 {
            let sep = seps[n - 1];
            if Some(sep) == decimal {
                if after_decimal {
                    return None;
                }
                after_decimal = true;
            } else if after_decimal || g.len() != 3 || groups[0].len() > 3 {
                return None;
            }
        }
        if after_decimal && n > 0 && Some(seps[n - 1]) == decimal {
            frac.push_str(g);
        } else if after_decimal {
            return None;
        } else {
            int.push_str(g);
        }
    }
    let joined = if frac.is_empty() {
        int
    } else {
        format!("{int}.{frac}")
    };
    joined.parse().ok()
}

/// All figures in the text, in order.
pub(crate) fn find(chars: &[char], toks: &[Tok], low: &Lowered) -> Vec<Figure> {
    let scan = Scan { chars, toks, low };
    let mut out = vec![];
    let mut k = 0;
    while k < toks.len() {
        let step = match toks[k].kind {
            Kind::Num => number_at(&scan, k, &mut out),
            Kind::Word
                if low.is(k, F_NUMBER_WORD | F_INDEFINITE)
                    || low.get(k).as_bytes().contains(&b'-') =>
            {
                word_at(&scan, k, &mut out)
            }
            _ => k + 1,
        };
        k = step.max(k + 1);
    }
    share_quantities(chars, &mut out);
    out
}

/// A figure that continues the one before it in the same clause counts the same thing: "to 25%
/// from 10%", "17 civilians, including five children", "2.8% …, down from 3.4%".
fn share_quantities(chars: &[char], figs: &mut [Figure]) {
    for i in 1..figs.len() {
        let (before, after) = figs.split_at_mut(i);
        let (prev, cur) = (&before[i - 1], &mut after[0]);
        let gap = &chars[prev.end..cur.start];
        if gap.len() > 80
            || gap
                .iter()
                .any(|&c| matches!(c, '.' | '\n' | ';' | '!' | '?'))
        {
            continue;
        }
        // The gap's last word, lower-cased.
        let mut e = gap.len();
        while e > 0 && !is_alnum(gap[e - 1]) {
            e -= 1;
        }
        let mut b = e;
        while b > 0 && is_alnum(gap[b - 1]) {
            b -= 1;
        }
        let last: String = gap[b..e].iter().flat_map(|c| c.to_lowercase()).collect();
        let last = last.as_str();
        let continues = (last == "including" && prev.quantity.is_some())
            || (matches!(last, "from" | "to" | "and" | "or") && prev.unit == cur.unit);
        if continues && (cur.quantity.is_none() || last == "including") {
            cur.quantity = prev.quantity.clone();
        }
    }
}

/// Reads a figure starting at number token `k`; returns the next token to look at.
fn number_at(s: &Scan, k: usize, out: &mut Vec<Figure>) -> usize {
    if let Some(next) = not_a_quantity(s, k) {
        return next;
    }
    let Some(mut r) = Reading::start(s, k) else {
        return s.skip_groups(k);
    };
    r.currency_before(s);
    if let Err(next) = r.glued_suffix(s) {
        return next;
    }
    r.share(s);
    r.percent_sign(s);
    r.range(s);
    r.multiplier_word(s);
    r.unit_word_after(s);
    r.magnitude(s);
    r.or_more(s);
    r.counted_noun(s);
    r.per_unit(s);
    r.vote_tally(s);
    // "rose 2.5 times", "3 times higher": a multiple, not a quantity.
    if r.unit.is_none() && s.is_word(r.j) && s.lower(r.j) == "times" {
        return r.j + 1;
    }
    if r.time_stamp(s) || r.tally {
        return r.j;
    }
    let next = r.j;
    out.push(r.finish(s));
    next
}

/// The token after the shape when the number at `k` is not a quantity: part of a URL, an
/// identifier (G20, #5, Article 5), a phone number, a date, a clock time or time zone, an
/// ordinal, an age in apposition or a year.
fn not_a_quantity(s: &Scan, k: usize) -> Option<usize> {
    let chars = s.chars;
    let t = s.toks[k];
    let digits = &chars[t.start..t.end];
    if s.in_url(t.start) {
        return Some(k + 1);
    }
    // Glued to letters before: identifiers such as G20, B52, COVID-19, F-35.
    if s.glued(k) {
        if s.is_word(k - 1) && !is_cjk(chars[s.toks[k - 1].end - 1]) {
            return Some(k + 1);
        }
        match s.punct(k - 1) {
            Some('-') if k >= 2 && s.glued(k - 1) && s.is_word(k - 2) => return Some(k + 1),
            Some('#') => return Some(k + 1),
            // "10:30", "13/01", "aged 18-24": the second part of a shape already read.
            Some(':' | '/' | '.' | '-' | '–') if k >= 2 && s.glued(k - 1) && s.is_num(k - 2) => {
                return Some(k + 1)
            }
            Some('+') => return Some(s.skip_groups(k)),
            Some('(') if s.punct(k + 1) == Some(')') => return Some(s.skip_groups(k)),
            _ => {}
        }
    }
    if k >= 2 && matches!(s.punct(k - 1), Some('+' | '-' | '−')) && s.low.is(k - 2, F_TIME_WORD) {
        return Some(s.skip_groups(k));
    }
    // Three number groups in a row, one space apart: a phone number ("808 24 24 24").
    if s.is_num(k + 1) && s.is_num(k + 2) && spaced(s, k + 1) && spaced(s, k + 2) {
        return Some(s.skip_groups(k));
    }
    // Leading zero: phone numbers, codes, clock hours.
    if digits.len() > 1 && digit_value(digits[0]) == Some(0) && digit_value(digits[1]).is_some() {
        return Some(s.skip_groups(k));
    }
    date_or_time(s, k)
        .or_else(|| label_or_age(s, k))
        .or_else(|| year(s, k))
}

/// Whether token `k` follows the one before after exactly one space.
fn spaced(s: &Scan, k: usize) -> bool {
    k > 0 && k < s.toks.len() && s.toks[k].start == s.toks[k - 1].end + 1
}

/// Dates and clock times: 10:30, 13/01/2024, 2024-01-13, 21st, 3pm, 15h30, 1月13日, "3. April",
/// "Jan. 13", "13 January", "3 p.m.", "10 GMT".
fn date_or_time(s: &Scan, k: usize) -> Option<usize> {
    let chars = s.chars;
    if s.glued(k + 1) && s.is_num(k + 2) && s.glued(k + 2) {
        match s.punct(k + 1) {
            Some(':' | '/') => return Some(s.skip_groups(k)),
            Some('-' | '.') if s.punct(k + 3).is_some() && s.is_num(k + 4) => {
                return Some(s.skip_groups(k))
            }
            _ => {}
        }
    }
    if s.glued(k + 1) && s.is_word(k + 1) {
        let w = s.lower(k + 1);
        let first = chars[s.toks[k + 1].start];
        if matches!(
            w,
            "st" | "nd" | "rd" | "th" | "er" | "e" | "ème" | "eme" | "re" | "s" | "ºc" | "x"
        ) || is_time_word(w)
            || (matches!(first, '年' | '月' | '日' | '時' | '分' | '秒')
                && !(first == '時' && chars.get(s.toks[k + 1].start + 1) == Some(&'間')))
            // "台風10号", "3位": a designation or a rank; "2回目": an ordinal.
            || matches!(first, '号' | '位')
            || chars.get(s.toks[k + 1].start + 1) == Some(&'目')
        {
            return Some(k + 2);
        }
    }
    if s.punct(k + 1) == Some('.') && s.glued(k + 1) && s.low.is(k + 2, F_MONTH) {
        return Some(k + 3);
    }
    if is_month(prev_word(s, k)) || (s.is_word(k + 1) && s.low.is(k + 1, F_MONTH)) {
        return Some(k + 1);
    }
    if s.is_word(k + 1)
        && matches!(s.lower(k + 1), "a" | "p")
        && s.punct(k + 2) == Some('.')
        && s.lower(k + 3) == "m"
    {
        return Some(k + 4);
    }
    if s.is_word(k + 1) && !s.glued(k + 1) && s.low.is(k + 1, F_TIME_WORD) {
        return Some(k + 2);
    }
    None
}

/// The word before number `k` (skipping an abbreviation's full stop: "Jan. 13").
fn prev_word<'a>(s: &'a Scan, k: usize) -> &'a str {
    if s.punct(k.wrapping_sub(1)) == Some('.') && k >= 2 {
        s.lower(k - 2)
    } else if k >= 1 {
        s.lower(k - 1)
    } else {
        ""
    }
}

/// Identifiers after a label ("Article 5", "Flight 752") and ages in apposition ("Okoro, 54,").
fn label_or_age(s: &Scan, k: usize) -> Option<usize> {
    if k >= 1 && is_identifier_label(prev_word(s, k)) {
        return Some(k + 1);
    }
    // "S&P 500": an index named by initials.
    if k >= 3 && s.is_word(k - 1) && s.punct(k - 2) == Some('&') && s.glued(k - 1) {
        return Some(k + 1);
    }
    // "aged 34": an age.
    if k >= 1 && s.is_word(k - 1) && matches!(s.lower(k - 1), "aged" | "age") {
        return Some(k + 1);
    }
    // "aged between 18 and 25", "aged 18 to 25": an age range.
    if k >= 2 && s.lower(k - 1) == "between" && matches!(s.lower(k - 2), "aged" | "age") {
        return Some((k + 3).min(s.toks.len()));
    }
    let t = s.toks[k];
    if k >= 2
        && s.punct(k - 1) == Some(',')
        && s.punct(k + 1) == Some(',')
        && s.tok(k - 2)
            .is_some_and(|p| super::tokens::is_capitalised(s.chars, p))
        && t.end - t.start <= 3
    {
        return Some(k + 1);
    }
    None
}

/// Years used as dates ("in 2023", "2019-2021"), unless a plural noun shows a count ("2000
/// people").
fn year(s: &Scan, k: usize) -> Option<usize> {
    let t = s.toks[k];
    let digits = &s.chars[t.start..t.end];
    if digits.len() != 4 || !digits.iter().all(|&c| digit_value(c).is_some()) {
        return None;
    }
    let year: u32 = digits
        .iter()
        .fold(0, |acc, &c| acc * 10 + digit_value(c).unwrap_or(0));
    if !((1800..=2100).contains(&year) || (1300..=1499).contains(&year)) {
        return None;
    }
    let noun = s.counted_noun(k + 1);
    let counted = noun.as_deref().is_some_and(|n| {
        let n = n.to_lowercase();
        n.ends_with('s') || matches!(n.as_str(), "people" | "menschen" | "نفر")
    });
    if counted && !is_year_preposition(prev_word(s, k)) {
        return None;
    }
    if matches!(s.punct(k + 1), Some('-' | '–' | '/')) && s.is_num(k + 2) {
        Some(k + 3)
    } else {
        Some(k + 1)
    }
}

/// The ISO code of a dollar written with a country prefix: "NZ$", "A$", "HK$", "R$" (the real).
fn dollar_code(prefix: &str) -> &'static str {
    match prefix {
        "a" | "au" => "AUD",
        "nz" => "NZD",
        "hk" => "HKD",
        "c" | "ca" => "CAD",
        "s" | "sg" => "SGD",
        "r" => "BRL",
        "mx" => "MXN",
        "nt" => "TWD",
        _ => "USD",
    }
}

/// A figure being read from its number token outwards.
struct Reading {
    /// The number token.
    k: usize,
    /// The first token of the figure (a currency sign or code before the number).
    first: usize,
    /// The next token to read.
    j: usize,
    start: usize,
    end: usize,
    value: f64,
    value_max: Option<f64>,
    unit: Option<String>,
    factor: f64,
    /// Whether "1.500" may read as fifteen hundred.
    dot_groups: bool,
    /// A Japanese qualifier glued before the number.
    ja_qualifier: Option<&'static str>,
    /// Whether it reads as a tally or score ("31-22") or an age ("15-year-old"): no figure.
    tally: bool,
    /// Whether the counted noun is glued by a hyphen ("10-day"): it counts days.
    compound: bool,
    /// Whether a multiplier word was read ("2 millions"): a French "de" + noun may follow.
    multiplier_word: bool,
    /// The counted noun of a share ("one in five adults").
    share_noun: Option<String>,
    /// A qualifier after the number ("or more").
    post_qualifier: Option<&'static str>,
}

impl Reading {
    /// Parses the number at `k`; `None` for malformed groups (dates, versions).
    fn start(s: &Scan, k: usize) -> Option<Reading> {
        let t = s.toks[k];
        let dot_groups = s.is_word(k + 1)
            && multiplier(s.lower(k + 1)).is_none()
            && !s.low.is(k + 1, F_PERCENT_WORD);
        let value = parse_number(&s.chars[t.start..t.end], dot_groups)?;
        Some(Reading {
            k,
            first: k,
            j: k + 1,
            start: t.start,
            end: t.end,
            value,
            value_max: None,
            unit: None,
            factor: 1.0,
            dot_groups,
            ja_qualifier: None,
            tally: false,
            compound: false,
            multiplier_word: false,
            share_noun: None,
            post_qualifier: None,
        })
    }

    /// Currency before: $, €, US$, USD.
    fn currency_before(&mut self, s: &Scan) {
        let k = self.k;
        if k == 0 {
            return;
        }
        if let Some(code) = s.punct(k - 1).and_then(currency_symbol) {
            if s.near(k) {
                self.unit = Some(code.into());
                self.first = k - 1;
                self.start = s.toks[k - 1].start;
                if k >= 2 && s.glued(k - 1) && s.is_word(k - 2) && s.lower(k - 2).len() <= 2 {
                    self.first = k - 2;
                    self.start = s.toks[k - 2].start;
                    if s.chars[s.toks[k - 1].start] == '$' {
                        self.unit = Some(dollar_code(s.lower(k - 2)).into());
                    }
                }
            }
        } else if let Some(code) = currency_word(prev_word(s, k)) {
            // "USD 40", "CHF 20", "Rs 102", "Rs. 102".
            let w = prev_word(s, k);
            let at = if s.is_word(k - 1) {
                Some(k - 1)
            } else if k >= 2 && w == "rs" && s.punct(k - 1) == Some('.') && s.glued(k - 1) {
                Some(k - 2)
            } else {
                None
            };
            if let Some(at) = at.filter(|_| {
                (w.chars().all(|c| c.is_ascii_alphabetic()) && w.len() == 3) || w == "rs"
            }) {
                self.unit = Some(code.into());
                self.first = at;
                self.start = s.toks[at].start;
            }
        }
    }

    /// A suffix glued to the number: 3.5bn, 40m, 20k, 10km; Japanese 3万人, 500億円. `Err` with
    /// the next token when the glued word shows it is no figure.
    fn glued_suffix(&mut self, s: &Scan) -> Result<(), usize> {
        let j = self.j;
        if !(s.glued(j) && s.is_word(j)) {
            return Ok(());
        }
        let chars = s.chars;
        let w = s.lower(j);
        let wt = s.toks[j];
        if let Some(f) = glued_multiplier(w) {
            self.factor = f;
            self.end = wt.end;
            self.j += 1;
        } else if matches!(s.chars[wt.start], 'G' | 'D') && wt.end - wt.start == 1 {
            // "5G", "3D": a technology, not a quantity.
            return Err(j + 1);
        } else if w == "pc" {
            // British "10pc": per cent.
            self.unit = Some("%".into());
            self.end = wt.end;
            self.j += 1;
        } else if is_cjk(chars[wt.start]) {
            self.cjk_counter(s, wt);
            self.j += 1;
            // "1万2000人", "1億2000万円": the next group continues the number.
            let mut last = wt;
            while self.unit.is_none()
                && self.factor > 1.0
                && self.end == last.end
                && s.is_num(self.j)
                && s.glued(self.j)
                && s.is_word(self.j + 1)
                && s.glued(self.j + 1)
                && is_cjk(chars[s.toks[self.j + 1].start])
            {
                let t = s.toks[self.j];
                let Some(n) = parse_number(&chars[t.start..t.end], false) else {
                    break;
                };
                let big = self.value * self.factor;
                self.factor = 1.0;
                last = s.toks[self.j + 1];
                self.cjk_counter(s, last);
                self.value = big / self.factor + n;
                self.j += 2;
            }
        } else if w.chars().all(|c| c.is_ascii_alphabetic()) && w.len() <= 3 {
            self.unit = Some(text_of(chars, &wt));
            self.end = wt.end;
            self.j += 1;
        } else {
            return Err(j + 1);
        }
        Ok(())
    }

    /// Japanese multipliers and counters glued after the number: 3万人, 500億円, 24時間.
    fn cjk_counter(&mut self, s: &Scan, wt: Tok) {
        let chars = s.chars;
        let mut p = wt.start;
        while p < wt.end {
            match chars[p] {
                '万' => self.factor *= 1e4,
                '億' => self.factor *= 1e8,
                '千' => self.factor *= 1e3,
                _ => break,
            }
            p += 1;
        }
        if p < wt.end {
            let c = chars[p];
            let mut unit_end = p + 1;
            let two = (matches!(c, 'カ' | 'か' | 'ヵ' | 'ケ') && chars.get(p + 1) == Some(&'所'))
                || (c == '時' && chars.get(p + 1) == Some(&'間'));
            if two {
                unit_end = p + 2;
            } else if matches!(c, '\u{30a1}'..='\u{30fa}' | 'ー') {
                while unit_end < wt.end && matches!(chars[unit_end], '\u{30a1}'..='\u{30fa}' | 'ー')
                {
                    unit_end += 1;
                }
            }
            self.unit = Some(match c {
                '円' => "JPY".into(),
                // "3割": tenths, a share.
                '割' => {
                    self.factor *= 10.0;
                    "%".into()
                }
                _ => chars[p..unit_end].iter().collect(),
            });
            // "2倍": a multiple, not a quantity.
            self.tally = self.tally || c == '倍';
            p = unit_end;
            // A qualifier after the counter: "1000人以上", "50人未満", "300棟余り".
            let rest = &chars[p..wt.end];
            for (q, class) in [
                ("以上", "more than"),
                ("超", "more than"),
                ("余り", "more than"),
                ("未満", "less than"),
                ("近く", "about"),
                ("前後", "about"),
                ("程度", "about"),
            ] {
                let n = q.chars().count();
                if rest.len() >= n && rest[..n].iter().copied().eq(q.chars()) {
                    self.post_qualifier = Some(class);
                    p += q.chars().count();
                    break;
                }
            }
        }
        self.end = p;
    }

    /// A share written "N in M" or "N out of M" ("1 in 5 adults", "7 out of 10"): a percentage,
    /// with the counted noun after it.
    fn share(&mut self, s: &Scan) {
        if self.unit.is_some() || self.factor != 1.0 {
            return;
        }
        let Some((d, next)) = share_denominator(s, self.j) else {
            return;
        };
        if d <= self.value || d > 1000.0 {
            return;
        }
        self.value = self.value * 100.0 / d;
        self.unit = Some("%".into());
        self.end = s.toks[next - 1].end;
        self.j = next;
        if let Some((noun, at)) = s.counted_phrase(next) {
            self.share_noun = Some(noun.to_lowercase());
            self.end = s.toks[at].end;
            self.j = at + 1;
        }
    }

    /// A qualifier after the number: "300 or more people" (at least), "40 or so" (about).
    fn or_more(&mut self, s: &Scan) {
        let j = self.j;
        if self.value_max.is_none() && s.is_word(j) && s.lower(j) == "or" && s.is_word(j + 1) {
            let q = match s.lower(j + 1) {
                "more" => "at least",
                "so" => "about",
                _ => return,
            };
            self.post_qualifier = Some(q);
            self.end = s.toks[j + 1].end;
            self.j = j + 2;
        }
    }

    /// "a magnitude 6.8 earthquake": the scale's name comes first and is the unit.
    fn magnitude(&mut self, s: &Scan) {
        if self.unit.is_none()
            && self.first == self.k
            && self.k >= 1
            && s.lower(self.k - 1) == "magnitude"
        {
            self.unit = Some("magnitude".into());
            self.first = self.k - 1;
            self.start = s.toks[self.k - 1].start;
        }
    }

    /// A percent sign, glued or after a (narrow) space as in French.
    fn percent_sign(&mut self, s: &Scan) {
        if matches!(s.punct(self.j), Some('%' | '٪' | '％')) && s.near(self.j) {
            self.unit = Some("%".into());
            self.end = s.toks[self.j].end;
            self.j += 1;
        }
    }

    /// A range: 10-15, 10–15, 10 to 15, between 10 and 15.
    fn range(&mut self, s: &Scan) {
        let j = self.j;
        let connector = s.punct(j).filter(|c| matches!(c, '-' | '–' | '—'));
        let word_connector = s.is_word(j).then(|| s.lower(j));
        let before_first = self.before_first(s);
        // The upper bound's number token: "10-15", or "$5bn-$7bn", "between £200 and £300" with
        // the same currency sign again.
        let hi_k = if s.is_num(j + 1) {
            j + 1
        } else if self.unit.is_some()
            && s.punct(j + 1).and_then(currency_symbol) == self.unit.as_deref()
            && s.is_num(j + 2)
            && s.glued(j + 2)
        {
            j + 2
        } else {
            return;
        };
        let ranged = connector.is_some()
            || (word_connector == Some("to") && before_first != "from")
            || word_connector == Some("or")
            || (word_connector == Some("and") && before_first == "between");
        if !ranged {
            return;
        }
        let hi = &s.chars[s.toks[hi_k].start..s.toks[hi_k].end];
        let Some(v) = parse_number(hi, self.dot_groups) else {
            return;
        };
        if v <= self.value && connector.is_some() {
            // "voted 31-22", "won 3-1", "a 50-50 chance": a tally or a score, not a range.
            self.tally = true;
        }
        if v <= self.value && word_connector == Some("or") {
            // "5 or 3": no range.
            return;
        }
        self.value_max = Some(v);
        self.end = s.toks[hi_k].end;
        self.j = hi_k + 1;
        if s.glued(self.j) && s.is_word(self.j) {
            if let Some(f) = glued_multiplier(s.lower(self.j)) {
                self.factor = f;
                self.end = s.toks[self.j].end;
                self.j += 1;
            } else if self
                .unit
                .as_deref()
                .is_some_and(|u| u.eq_ignore_ascii_case(s.lower(self.j)))
            {
                // "between 35C and 38C": the unit again after the upper bound.
                self.end = s.toks[self.j].end;
                self.j += 1;
            }
        }
        self.percent_sign(s);
    }

    /// The lower-cased word before the figure's first token.
    fn before_first<'a>(&self, s: &'a Scan) -> &'a str {
        if self.first >= 1 {
            s.lower(self.first - 1)
        } else {
            ""
        }
    }

    /// Multiplier words: 1.5 million, 3,5 Milliarden, ۲ میلیون.
    fn multiplier_word(&mut self, s: &Scan) {
        if s.is_word(self.j) && !s.glued(self.j) {
            if let Some(f) = multiplier(s.lower(self.j)) {
                self.factor *= f;
                self.end = s.toks[self.j].end;
                self.j += 1;
                self.multiplier_word = true;
                // "3,5 Mrd. Euro": the abbreviation's full stop before a currency word.
                if s.punct(self.j) == Some('.')
                    && s.glued(self.j)
                    && s.is_word(self.j + 1)
                    && currency_word(s.lower(self.j + 1)).is_some()
                {
                    self.j += 1;
                }
            }
        }
    }

    /// Percent words ("percent", "per cent") and currency words after the number.
    fn unit_word_after(&mut self, s: &Scan) {
        let j = self.j;
        if self.unit.as_deref() != Some("%") && s.is_word(j) {
            let w = s.lower(j);
            if is_percent_word(w) {
                self.unit = Some("%".into());
                self.end = s.toks[j].end;
                self.j += 1;
            } else if matches!(w, "percentage" | "basis")
                && matches!(s.lower(j + 1), "point" | "points")
            {
                self.unit = Some(format!("{w} point"));
                self.end = s.toks[j + 1].end;
                self.j += 2;
            } else if (matches!(w, "per" | "pour") && s.lower(j + 1) == "cent")
                || (matches!(w, "في" | "بالمئة") && matches!(s.lower(j + 1), "المئة" | "المائة"))
            {
                // "per cent", "pour cent", Arabic "في المئة".
                self.unit = Some("%".into());
                self.end = s.toks[j + 1].end;
                self.j += 2;
            } else if let Some(code) = currency_word(w) {
                self.unit = Some(code.into());
                self.end = s.toks[j].end;
                self.j += 1;
            }
        }
        if self.unit.is_none() {
            if let Some(code) = s
                .punct(self.j)
                .and_then(currency_symbol)
                .filter(|_| s.near(self.j))
            {
                self.unit = Some(code.into());
                self.end = s.toks[self.j].end;
                self.j += 1;
            }
        }
    }

    /// The counted noun: "646 people", "10-year", "۶۴۶ نفر".
    fn counted_noun(&mut self, s: &Scan) {
        if self.unit.is_some() {
            return;
        }
        let j = self.j;
        if let Some((noun, at)) = french_de_noun(s, j).filter(|_| self.multiplier_word) {
            // "2 millions de personnes", "3 millions d'habitants".
            self.unit = Some(noun);
            self.end = s.toks[at].end;
            self.j = at + 1;
            return;
        }
        if let Some((noun, at)) = s.counted_phrase(j) {
            self.unit = Some(noun);
            self.end = s.toks[at].end;
            self.j = at + 1;
        } else if s.punct(j) == Some('-') && s.glued(j) && s.is_word(j + 1) && s.glued(j + 1) {
            if s.lower(j + 1).ends_with("-old") {
                // "a 15-year-old": an age, not a figure.
                self.tally = true;
            }
            self.unit = Some(text_of(s.chars, &s.toks[j + 1]));
            self.end = s.toks[j + 1].end;
            self.j += 2;
            self.compound = true;
        }
    }

    /// A unit per another glued after it: "190 km/h", "3m/s".
    fn per_unit(&mut self, s: &Scan) {
        let Some(u) = self.unit.as_deref() else {
            return;
        };
        let j = self.j;
        let short =
            |w: &str| !w.is_empty() && w.len() <= 3 && w.bytes().all(|b| b.is_ascii_lowercase());
        if short(u)
            && s.punct(j) == Some('/')
            && s.glued(j)
            && s.is_word(j + 1)
            && s.glued(j + 1)
            && short(s.lower(j + 1))
        {
            self.unit = Some(format!("{u}/{}", text_of(s.chars, &s.toks[j + 1])));
            self.end = s.toks[j + 1].end;
            self.j += 2;
        }
    }

    /// "by 312 votes to 291": a tally in words, like "voted 31-22".
    fn vote_tally(&mut self, s: &Scan) {
        let j = self.j;
        if self
            .unit
            .as_deref()
            .is_some_and(|u| u.eq_ignore_ascii_case("votes"))
            && s.is_word(j)
            && s.lower(j) == "to"
            && s.is_num(j + 1)
        {
            self.tally = true;
            self.j = j + 2;
        }
    }

    /// "4 hours ago": a time stamp, not a figure.
    fn time_stamp(&self, s: &Scan) -> bool {
        s.is_word(self.j) && s.lower(self.j) == "ago"
    }

    /// Applies the multiplier, reads the qualifier and the quantity, and builds the figure.
    fn finish(mut self, s: &Scan) -> Figure {
        let chars = s.chars;
        let t = s.toks[self.k];
        let qualified = s.qualifier_before(self.first);
        // The figure's first token: the qualifier's, else the currency sign's or the number's.
        let mut first_tok = self.first;
        if let Some((from, _)) = qualified {
            self.start = s.toks[from].start;
            first_tok = from;
        }
        // Japanese qualifiers glued before the number: 約300ミリ, 少なくとも12人.
        if self.first == self.k && s.glued(self.k) && s.is_word(self.k - 1) {
            for q in ["少なくとも", "およそ", "最大", "約"] {
                let n = q.chars().count();
                if t.start >= n && chars[t.start - n..t.start].iter().copied().eq(q.chars()) {
                    self.start = t.start - n;
                    self.ja_qualifier = Some(q);
                    break;
                }
            }
        }
        let between = self.before_first(s) == "between" && self.value_max.is_some();
        let qualifier = match (self.ja_qualifier, qualified) {
            (Some(q), _) => qualifier_class(q),
            (None, Some((_, q))) => qualifier_class(q),
            (None, None) if self.post_qualifier.is_some() => self.post_qualifier.unwrap_or("exact"),
            (None, None) if between => "between",
            (None, None) if self.value_max.is_some() => "between",
            _ => "exact",
        };
        if between {
            self.start = s.toks[self.first - 1].start;
            first_tok = self.first - 1;
        }
        let mut quantity = quantity(s, first_tok, self.k, self.j, self.unit.as_deref());
        if self
            .unit
            .as_deref()
            .is_some_and(|u| u.chars().next().is_some_and(is_cjk))
        {
            if let Some(q) = japanese_event(chars, self.start, self.end) {
                quantity = Some(q.into());
            }
        }
        if quantity.is_none() {
            quantity = self.share_noun.take();
        }
        // "a 10-day halt" counts days.
        if let (true, Some(q)) = (self.compound, quantity.as_mut()) {
            if self
                .unit
                .as_deref()
                .is_some_and(|u| u.eq_ignore_ascii_case(q))
                && q.chars().all(|c| c.is_ascii_alphabetic())
                && !q.ends_with('s')
            {
                q.push('s');
            }
        }
        Figure {
            start: self.start,
            end: self.end,
            value: self.value * self.factor,
            value_max: self.value_max.map(|v| v * self.factor),
            unit: self.unit,
            qualifier,
            quantity,
        }
    }
}

/// The event a Japanese count names around it: "死者は12人", "3万人が避難し", "3人がけが".
fn japanese_event(chars: &[char], start: usize, end: usize) -> Option<&'static str> {
    let at = |p: usize, w: &str| {
        let n = w.chars().count();
        p + n <= chars.len() && chars[p..p + n].iter().copied().eq(w.chars())
    };
    let mut p = end;
    if p < chars.len() && matches!(chars[p], 'が' | 'は' | 'も' | 'を') {
        p += 1;
    }
    const AFTER: &[(&str, &str)] = &[
        ("死亡", "deaths"),
        ("死去", "deaths"),
        ("けが", "injured"),
        ("負傷", "injured"),
        ("避難", "evacuated"),
        ("行方不明", "missing"),
        ("救助", "rescued"),
        ("救出", "rescued"),
        ("逮捕", "arrests"),
    ];
    if let Some((_, q)) = AFTER.iter().find(|(w, _)| at(p, w)) {
        return Some(q);
    }
    // "死者は12人", "負傷者12人": the event noun before.
    const BEFORE: &[(&str, &str)] = &[
        ("死者", "deaths"),
        ("負傷者", "injured"),
        ("避難者", "evacuated"),
        ("不明者", "missing"),
    ];
    let mut b = start;
    if b > 0 && matches!(chars[b - 1], 'は' | 'が' | 'も') {
        b -= 1;
    }
    BEFORE
        .iter()
        .find(|(w, _)| {
            let n = w.chars().count();
            b >= n && chars[b - n..b].iter().copied().eq(w.chars())
        })
        .map(|(_, q)| *q)
}

/// Months, weekdays and calendar units: "in January", "on Thursday", "a year earlier".
fn is_time_noun(w: &str) -> bool {
    is_month(w)
        || matches!(
            w,
            "monday"
                | "tuesday"
                | "wednesday"
                | "thursday"
                | "friday"
                | "saturday"
                | "sunday"
                | "year"
                | "month"
                | "week"
                | "day"
                | "morning"
                | "evening"
                | "night"
                | "today"
        )
}

/// Units of measure, money and percentages: they say how, not what, is counted.
fn is_measure(unit: &str) -> bool {
    const MEASURES: &[&str] = &[
        "mm",
        "cm",
        "km",
        "m",
        "kg",
        "g",
        "km/h",
        "mph",
        "c",
        "f",
        "metres",
        "meters",
        "kilometres",
        "kilometers",
        "miles",
        "hectares",
        "acres",
        "tonnes",
        "tons",
        "litres",
        "liters",
        "degrees",
        "percentage",
        "percentage point",
        "basis point",
        "points",
        "ng",
        "mg",
        "ミリ",
    ];
    unit == "%"
        || (unit.len() == 3 && unit.chars().all(|c| c.is_ascii_uppercase()))
        || MEASURES.iter().any(|m| m.eq_ignore_ascii_case(unit))
}

/// What the figure spanning tokens `first..next` (number at `k`) counts.
fn quantity(s: &Scan, first: usize, k: usize, next: usize, unit: Option<&str>) -> Option<String> {
    let stop = |m: usize| {
        s.tok(m)
            .is_none_or(|t| t.kind == Kind::Break || t.kind == Kind::Num)
            || matches!(
                s.punct(m),
                Some('.' | ',' | ';' | ':' | '!' | '?' | '(' | ')' | '،')
            )
            || matches!(s.lower(m), "and" | "or" | "but" | "while" | "including")
    };
    // An event after the figure: "were killed", "injured", "had been arrested".
    let mut m = next;
    while m < next + 6 && !stop(m) {
        if let Some(q) = event_quantity(s.lower(m)) {
            return Some(q.into());
        }
        m += 1;
    }
    // An event or a tariff just before: "killing two", "injuring nine", "a 25% tariff".
    for m in first.saturating_sub(2)..first {
        if let Some(q) = event_quantity(s.lower(m)) {
            return Some(q.into());
        }
    }
    if unit == Some("%") {
        let near = first.saturating_sub(6)..(next + 3).min(s.toks.len());
        if near.into_iter().any(|m| {
            matches!(
                s.lower(m),
                "tariff" | "tariffs" | "duties" | "duty" | "levy"
            )
        }) {
            return Some("tariff rate".into());
        }
    }
    let measured = unit.is_none_or(is_measure);
    let money = unit.is_some_and(|u| u.len() == 3 && u.chars().all(|c| c.is_ascii_uppercase()));
    let prep = s.lower(next);
    // "20% of services", "$18m in reserves", "99,000 tonnes of beef", "۲۵ درصد از یارانه".
    // German "57 Prozent der Haushalte": a genitive after a percentage.
    let of = matches!(prep, "of" | "des" | "de" | "du" | "از" | "من")
        || (prep == "der" && unit == Some("%"))
        || (money && matches!(prep, "in" | "on" | "for"));
    if measured && of {
        let mut m = next + 1;
        while s.low.is(m, F_DETERMINER)
            || s.low.is(m, F_PRONOUN)
            || matches!(
                s.lower(m),
                "our" | "them" | "leurs" | "leur" | "ses" | "son" | "sa" | "nos" | "vos"
            )
        {
            m += 1;
        }
        let from = m;
        while m < from + 3
            && s.is_word(m)
            && !s.low.is(m, F_STOPWORD)
            && !s.low.is(m, F_VERB_FILLER)
            && !s.low.is(m, F_CHANGE_VERB)
            && !is_time_noun(s.lower(m))
            && !s.lower(m).ends_with("ed")
        {
            m += 1;
        }
        if m > from {
            // Nouns come first in French, Persian and Arabic; last in English.
            let head = if matches!(prep, "des" | "de" | "du" | "der" | "از" | "من") {
                from
            } else {
                m - 1
            };
            return Some(s.lower(head).to_string());
        }
    }
    // "Consumer prices rose 2.8%", "the main interest rate at 4.25%", "would reach 41C".
    if measured && first >= 2 {
        let mut v = first - 1;
        if matches!(s.lower(v), "by" | "to" | "at" | "from" | "de" | "um") && v > 0 {
            v -= 1;
        }
        if s.lower(v) == "rate" && v > 0 && s.is_word(v - 1) && !s.low.is(v - 1, F_STOPWORD) {
            return Some(format!("{} rate", s.lower(v - 1)));
        }
        if s.low.is(v, F_CHANGE_VERB) && v > 0 {
            let mut n = v - 1;
            while n > 0
                && (s.low.is(n, F_VERB_FILLER)
                    || matches!(s.lower(n), "would" | "will" | "could" | "may" | "might"))
            {
                n -= 1;
            }
            let w = s.lower(n);
            if s.is_word(n)
                && !s.low.is(n, F_STOPWORD)
                && !s.low.is(n, F_PRONOUN)
                && !is_time_noun(w)
            {
                return Some(w.to_string());
            }
        }
    }
    let _ = k;
    unit.filter(|u| !is_measure(u)).map(|u| u.to_lowercase())
}

/// The noun of a hyphenated count ("three-year", "two-day"): calendar and counting units, not
/// ages ("five-year-old"), fractions ("two-thirds") or manners ("two-way", "three-time").
fn is_compound_noun(w: &str) -> bool {
    matches!(
        w,
        "year"
            | "month"
            | "week"
            | "day"
            | "hour"
            | "minute"
            | "storey"
            | "story"
            | "mile"
            | "kilometre"
            | "member"
            | "point"
            | "seat"
            | "bed"
            | "page"
    )
}

/// Reads a figure written in words at token `k` ("three weeks", "a dozen people", "a million").
fn word_at(s: &Scan, k: usize, out: &mut Vec<Figure>) -> usize {
    let w = s.lower(k);
    let mut j;
    let mut value;
    // "one" and its kin make a figure only with a multiplier, a percent word, a fraction or as a
    // share ("one million", "one per cent", "one third", "one in five"): "one broker" is no count.
    let one = matches!(w, "one" | "un" | "une" | "d'un" | "d'une" | "ein" | "eine");
    if one || matches!(w, "a" | "an") {
        let next = s.lower(k + 1);
        // "a third time", "a fifth consecutive day": an ordinal before its noun, not a share.
        let ordinal = || {
            s.is_word(k + 2)
                && !s.low.is(k + 2, F_STOPWORD)
                && !s.lower(k + 2).ends_with("ed")
                && !s.glued(k + 2)
        };
        if let Some(d) = fraction_denominator(next).filter(|_| {
            !ordinal()
                && !matches!(
                    next,
                    "half" | "halves" | "thirds" | "quarters" | "fifths" | "tenths"
                )
                && (!s.glued(k + 2) || s.punct(k + 2) != Some('-'))
        }) {
            // "a fifth", "a quarter", "one third": a share, as a percentage.
            return push_share(s, out, (k, k + 1), 100.0 / d, None);
        } else if next == "dozen" && !one {
            value = 12.0;
        } else if let Some(f) =
            multiplier(next).filter(|_| next != "thousands" && next != "millions")
        {
            value = f;
        } else if w == "one" && share_denominator(s, k + 1).is_some() {
            return share_at(s, k, 1.0, k + 1, out);
        } else if one
            && !w.starts_with('d')
            && (is_percent_word(next)
                || (matches!(next, "per" | "pour") && s.lower(k + 2) == "cent"))
        {
            return number_word_figure(s, k, k + 1, 1.0, out);
        } else {
            return k + 1;
        }
        j = k + 2;
    } else if matches!(w, "half" | "moitié" | "hälfte") {
        let prev = if k >= 1 { s.lower(k - 1) } else { "" };
        if w != "half" {
            // "la moitié", "die Hälfte", with the article.
            if matches!(prev, "la" | "die") {
                return push_share(s, out, (k - 1, k), 50.0, None);
            }
            return k + 1;
        }
        // "the first half", "half-time", "a half".
        if matches!(
            prev,
            "the"
                | "first"
                | "second"
                | "other"
                | "latter"
                | "former"
                | "top"
                | "bottom"
                | "this"
                | "that"
                | "each"
                | "one"
                | "a"
                | "in"
        ) || s.glued(k + 1)
        {
            return k + 1;
        }
        let next = s.lower(k + 1);
        let million = s
            .is_word(k + 2)
            .then(|| multiplier(s.lower(k + 2)))
            .flatten()
            .filter(|_| !s.lower(k + 2).ends_with('s'));
        if let (true, Some(f)) = (matches!(next, "a" | "an"), million) {
            // "half a million people".
            value = 0.5 * f;
            j = k + 3;
        } else if matches!(
            next,
            "of" | "the" | "their" | "its" | "his" | "her" | "our" | "all"
        ) || (s.qualifier_before(k).is_some()
            && !matches!(next, "a" | "an")
            && !is_time_noun(next))
        {
            // "half of voters", "more than half": a share.
            return push_share(s, out, (k, k), 50.0, None);
        } else {
            return k + 1;
        }
    } else {
        value = 0.0;
        let parts = w.split('-').count();
        // "two-thirds", "one-third", "three-quarters": a share.
        if let Some((n, d)) = w.split_once('-').and_then(|(a, b)| {
            let n = if a == "one" {
                Some(1.0)
            } else {
                number_word(a)
            };
            Some((n?, fraction_denominator(b)?))
        }) {
            // "a two-thirds majority": a kind of majority, not a share.
            let modifier = k >= 1 && matches!(s.lower(k - 1), "a" | "an" | "the");
            if n < d && !modifier {
                return push_share(s, out, (k, k), n * 100.0 / d, None);
            }
            if modifier {
                return k + 1;
            }
        }
        for (n, p) in w.split('-').enumerate() {
            match number_word(p) {
                Some(v) if p != "hundred" && p != "dozen" => value += v,
                // "a three-year term", "a two-day strike": the counted noun glued by a hyphen.
                _ if n > 0 && n + 1 == parts && is_compound_noun(p) => {
                    let t = s.toks[k];
                    let unit: String = s.chars[t.start..t.end]
                        .iter()
                        .collect::<String>()
                        .rsplit('-')
                        .next()
                        .unwrap_or_default()
                        .to_string();
                    let (first, qualifier) = match s.qualifier_before(k) {
                        Some((from, q)) => (from, qualifier_class(q)),
                        None => (k, "exact"),
                    };
                    let quantity = Some(format!("{}s", p.trim_end_matches('s')));
                    out.push(Figure {
                        start: s.toks[first].start,
                        end: t.end,
                        value,
                        value_max: None,
                        unit: Some(unit),
                        qualifier,
                        quantity,
                    });
                    return k + 1;
                }
                _ => return k + 1,
            }
        }
        j = k + 1;
        let next = s.lower(j);
        if next == "hundred" {
            value *= 100.0;
            j += 1;
        } else if next == "dozen" {
            value *= 12.0;
            j += 1;
        } else if let Some(d) = fraction_denominator(next).filter(|&d| value < d) {
            // "two thirds", "three quarters": a share.
            return push_share(s, out, (k, j), value * 100.0 / d, None);
        } else if share_denominator(s, j).is_some() {
            // "seven out of 10 voters", "three in four".
            return share_at(s, k, value, j, out);
        } else if matches!(next, "to" | "or") && !(k >= 1 && s.lower(k - 1) == "from") {
            // "two to three days", "five or six people": a range in words.
            if let Some(hi) = number_word(s.lower(j + 1)).filter(|&hi| hi > value) {
                return number_word_range(s, k, j + 2, (value, hi), out);
            }
        }
    }
    number_word_figure(s, k, j, value, out)
}

/// A range in words ("two to three days") whose upper bound ends before token `j`.
fn number_word_range(
    s: &Scan,
    k: usize,
    j: usize,
    (lo, hi): (f64, f64),
    out: &mut Vec<Figure>,
) -> usize {
    let before = out.len();
    let next = number_word_figure(s, k, j, lo, out);
    if out.len() > before {
        let f = &mut out[before];
        f.value_max = Some(hi * (f.value / lo));
        if f.qualifier == "exact" {
            f.qualifier = "between";
        }
        return next;
    }
    k + 1
}

/// A share figure from token `from` to token `last` (or the counted noun after it), with the
/// qualifier before it.
fn push_share(
    s: &Scan,
    out: &mut Vec<Figure>,
    (from, last): (usize, usize),
    value: f64,
    noun: Option<(String, usize)>,
) -> usize {
    let (first, qualifier) = qualifier_at(s, from);
    let end_tok = noun.as_ref().map_or(last, |n| n.1);
    let mut quantity = quantity(s, first, from, end_tok + 1, Some("%"));
    if quantity.is_none() {
        quantity = noun.map(|n| n.0.to_lowercase());
    }
    out.push(Figure {
        start: s.toks[first].start,
        end: s.toks[end_tok].end,
        value,
        value_max: None,
        unit: Some("%".into()),
        qualifier,
        quantity,
    });
    end_tok + 1
}

/// A share written in words from token `k` ("one in five adults", "seven out of 10"), whose
/// numerator `value` ends before token `j`.
fn share_at(s: &Scan, k: usize, value: f64, j: usize, out: &mut Vec<Figure>) -> usize {
    match share_denominator(s, j) {
        Some((d, next)) if value < d && d <= 1000.0 => {
            let noun = s.counted_phrase(next);
            push_share(s, out, (k, next - 1), value * 100.0 / d, noun)
        }
        _ => k + 1,
    }
}

/// The qualifier before the figure word at `k`: its first token and class. French elides "de"
/// into the number word ("près d'un million").
fn qualifier_at(s: &Scan, k: usize) -> (usize, &'static str) {
    if k >= 1 && s.lower(k).starts_with("d'") && s.is_word(k - 1) {
        let q = match s.lower(k - 1) {
            "près" => "près de",
            "plus" => "plus de",
            "moins" => "moins de",
            _ => "",
        };
        if !q.is_empty() {
            return (k - 1, qualifier_class(q));
        }
    }
    match s.qualifier_before(k) {
        Some((from, q)) => (from, qualifier_class(q)),
        None => (k, "exact"),
    }
}

/// The rest of a figure in words whose number (`value`, from token `k`) ends before token `j`:
/// a multiplier, a percent word or a counted noun, or an event that makes a bare number count.
fn number_word_figure(
    s: &Scan,
    k: usize,
    mut j: usize,
    mut value: f64,
    out: &mut Vec<Figure>,
) -> usize {
    let mut scaled = j > k + 1;
    if s.is_word(j) {
        if let Some(f) = multiplier(s.lower(j)) {
            if !s.lower(j).ends_with('s') || s.lower(j) == "millions" {
                value *= f;
                j += 1;
                scaled = true;
            }
        }
    }
    let mut end = s.toks[j - 1].end;
    let mut unit = None;
    // "five per cent", "ten percent", "twenty %".
    let percent = if s.is_word(j) && is_percent_word(s.lower(j)) {
        1
    } else if s.is_word(j) && matches!(s.lower(j), "per" | "pour") && s.lower(j + 1) == "cent" {
        2
    } else if matches!(s.punct(j), Some('%' | '٪' | '％')) && s.near(j) {
        1
    } else {
        0
    };
    if percent > 0 {
        unit = Some("%".to_string());
        end = s.toks[j + percent - 1].end;
        j += percent;
    } else if s.is_word(j) && currency_word(s.lower(j)).is_some() {
        unit = currency_word(s.lower(j)).map(String::from);
        end = s.toks[j].end;
        j += 1;
    } else if let Some((noun, at)) = french_de_noun(s, j).filter(|_| scaled) {
        // "un million de personnes".
        unit = Some(noun);
        end = s.toks[at].end;
        j = at + 1;
    } else if let Some((noun, at)) = s.counted_phrase(j) {
        unit = Some(noun);
        end = s.toks[at].end;
        j = at + 1;
    } else if s.is_word(j) && currency_word(s.lower(j)).is_some() {
        unit = currency_word(s.lower(j)).map(String::from);
        end = s.toks[j].end;
        j += 1;
    }
    // "killing two and injuring nine": a bare number word counts after an event verb.
    // "six were still missing": or before one, over auxiliaries.
    let event_follows = || {
        let mut m = j;
        while m < j + 4
            && matches!(
                s.lower(m),
                "were" | "was" | "are" | "is" | "have" | "has" | "had" | "been" | "still" | "also"
            )
        {
            m += 1;
        }
        m > j && event_quantity(s.lower(m)).is_some()
    };
    let after_event =
        (k >= 1 && event_quantity(s.lower(k - 1)).is_some()) || (unit.is_none() && event_follows());
    if (unit.is_none() && !scaled && !after_event) || (s.is_word(j) && s.lower(j) == "ago") {
        return k + 1;
    }
    let (first, qualifier) = qualifier_at(s, k);
    let start = s.toks[first].start;
    let quantity = quantity(s, first, k, j, unit.as_deref());
    out.push(Figure {
        start,
        end,
        value,
        value_max: None,
        unit,
        qualifier,
        quantity,
    });
    j
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::suggest::tokens::tokenize;

    fn figures(text: &str) -> Vec<(String, f64, Option<String>, &'static str)> {
        let chars: Vec<char> = text.chars().collect();
        let toks = tokenize(&chars);
        let low = Lowered::new(&chars, &toks);
        find(&chars, &toks, &low)
            .into_iter()
            .map(|f| {
                (
                    chars[f.start..f.end].iter().collect(),
                    f.value,
                    f.unit,
                    f.qualifier,
                )
            })
            .collect()
    }

    fn spans(text: &str) -> Vec<String> {
        figures(text).into_iter().map(|f| f.0).collect()
    }

    #[test]
    fn counted_noun_and_qualifier() {
        assert_eq!(
            figures("at least 10,721 people were hurt"),
            vec![(
                "at least 10,721 people".into(),
                10721.0,
                Some("people".into()),
                "at least"
            )]
        );
    }

    #[test]
    fn currency_multipliers_and_percent() {
        let f = figures("It cost $3.5bn, or €40 million, up 25% and 3.5 per cent.");
        assert_eq!(f[0].0, "$3.5bn");
        assert_eq!(f[0].1, 3.5e9);
        assert_eq!(f[0].2.as_deref(), Some("USD"));
        assert_eq!(f[1].0, "€40 million");
        assert_eq!(f[1].1, 4e7);
        assert_eq!(f[2].0, "25%");
        assert_eq!(f[2].2.as_deref(), Some("%"));
        assert_eq!(f[3].0, "3.5 per cent");
    }

    #[test]
    fn ranges() {
        let text = "between 10 and 15 people, 20-30%";
        let chars: Vec<char> = text.chars().collect();
        let toks = tokenize(&chars);
        let low = Lowered::new(&chars, &toks);
        let f = find(&chars, &toks, &low);
        assert_eq!(f[0].value, 10.0);
        assert_eq!(f[0].value_max, Some(15.0));
        assert_eq!(f[0].qualifier, "between");
        assert_eq!(f[1].value_max, Some(30.0));
        assert_eq!(f[1].unit.as_deref(), Some("%"));
    }

    #[test]
    fn units_per_unit_and_currency_ranges() {
        let f = figures("Gusts of up to 190 km/h and 120km/h; $5bn-$7bn, between £200 and £300.");
        assert_eq!(f[0].0, "up to 190 km/h");
        assert_eq!(f[0].2.as_deref(), Some("km/h"));
        assert_eq!(f[1].0, "120km/h");
        assert_eq!(f[2].0, "$5bn-$7bn");
        assert_eq!((f[2].1, f[2].2.as_deref()), (5e9, Some("USD")));
        assert_eq!(f[3].0, "between £200 and £300");
        assert_eq!(f[3].3, "between");
        assert_eq!(f.len(), 4);
    }

    #[test]
    fn number_words_with_percent_or_an_event_after() {
        let f = figures("a five per cent cut; 23 were rescued and six were still missing.");
        assert_eq!(f[0].0, "five per cent");
        assert_eq!(f[0].2.as_deref(), Some("%"));
        assert_eq!(f[2].0, "six");
        assert!(spans("Two of them came, and two were there.").is_empty());
    }

    #[test]
    fn fractions_hyphenated_counts_and_ages() {
        let f = figures("Fares rise by a fifth; a three-year term; a 15-year-old, aged 34, left.");
        assert_eq!(f[0].0, "a fifth");
        assert_eq!((f[0].1, f[0].2.as_deref()), (20.0, Some("%")));
        assert_eq!(f[1].0, "three-year");
        assert_eq!(f.len(), 2);
    }

    #[test]
    fn number_words() {
        let f = figures("It took three weeks and a dozen people; 1.5 million voted.");
        assert_eq!(f[0].0, "three weeks");
        assert_eq!(f[0].1, 3.0);
        assert_eq!(f[1].0, "a dozen people");
        assert_eq!(f[1].1, 12.0);
        assert_eq!(f[2].0, "1.5 million");
        assert_eq!(f[2].1, 1.5e6);
    }

    #[test]
    fn dates_are_not_figures() {
        assert!(spans("On Jan. 13, 2024, and 13 January and March 5 and 2024-01-13 and 13/01/2024 and 13.01.2024.").is_empty());
    }

    #[test]
    fn years_are_not_figures_but_year_sized_counts_are() {
        assert!(spans("In 2023 the 2024 election was held since 1999.").is_empty());
        assert_eq!(spans("Some 2000 people marched."), vec!["Some 2000 people"]);
    }

    #[test]
    fn times_and_zones_are_not_figures() {
        assert!(spans("at 10:30, 3 p.m., 3pm, 10.30am, 15h30, GMT+03:00, UTC+3").is_empty());
    }

    #[test]
    fn phones_urls_ordinals_identifiers_are_not_figures() {
        assert!(spans("Call +1 202 555 0143 or (202) 555-0143 or 0207 946 0958.").is_empty());
        assert!(spans("See https://example.com/news/2024/500 or www.example.org/a/12.").is_empty());
        assert!(
            spans("the 21st century, the 3rd round, G20, COVID-19, Article 5, Flight 752")
                .is_empty()
        );
    }

    #[test]
    fn other_scripts_and_separators() {
        let f = figures(
            "دست‌کم ۶۴۶ نفر و 3,5 Milliarden Euro und 12\u{202f}345 personnes, 1.500 Menschen",
        );
        assert_eq!(f[0].0, "دست‌کم ۶۴۶ نفر");
        assert_eq!(f[0].1, 646.0);
        assert_eq!(f[1].1, 3.5e9);
        assert_eq!(f[1].2.as_deref(), Some("EUR"));
        assert_eq!(f[2].1, 12345.0);
        assert_eq!(f[3].1, 1500.0);
    }

    #[test]
    fn japanese_counters_units_and_qualifiers() {
        let f = figures("24時間に約300ミリの雨、少なくとも12人が死亡。13日午前9時");
        assert_eq!(f[0].0, "24時間");
        assert_eq!(f[1].0, "約300ミリ");
        assert_eq!(f[1].3, "about");
        assert_eq!(f[2].0, "少なくとも12人");
        assert_eq!(f.len(), 3);
    }

    #[test]
    fn ages_in_apposition_are_not_figures() {
        assert!(spans("Okoro, 54, had served in the cabinet.").is_empty());
    }

    #[test]
    fn qualifiers_beyond_the_basic_list() {
        let f = figures(
            "well over 60 aftershocks, in the region of $2bn, little more than 20%, gut 200 Stadtwerke, nahezu 57 Prozent, jusqu'à 40 %, أكثر من ٣٠٠ منزل",
        );
        let got: Vec<(&str, &str)> = f.iter().map(|f| (f.0.as_str(), f.3)).collect();
        assert_eq!(
            got,
            vec![
                ("well over 60 aftershocks", "more than"),
                ("in the region of $2bn", "about"),
                ("little more than 20%", "more than"),
                ("gut 200 Stadtwerke", "more than"),
                ("nahezu 57 Prozent", "about"),
                ("jusqu'à 40 %", "up to"),
                ("أكثر من ٣٠٠ منزل", "more than"),
            ]
        );
        // "ein Sparpaket über 3,5 Millionen Euro": what it is worth, not "more than".
        assert_eq!(
            spans("ein Sparpaket über 3,5 Millionen Euro"),
            vec!["3,5 Millionen Euro"]
        );
        // "a further", "another": no qualifier.
        assert_eq!(spans("a further 300 troops"), vec!["300 troops"]);
    }

    #[test]
    fn shares_and_fractions() {
        let f = figures(
            "More than half of voters, almost a third of calls, two-thirds of the dead, one in five buildings, seven out of 10 voters, three quarters of homes",
        );
        let got: Vec<(&str, f64)> = f.iter().map(|f| (f.0.as_str(), f.1)).collect();
        assert_eq!(
            got,
            vec![
                ("More than half", 50.0),
                ("almost a third", 100.0 / 3.0),
                ("two-thirds", 200.0 / 3.0),
                ("one in five buildings", 20.0),
                ("seven out of 10 voters", 70.0),
                ("three quarters", 75.0),
            ]
        );
        assert!(f.iter().all(|f| f.2.as_deref() == Some("%")));
        let fr = figures("plus de la moitié de leurs revenus; Mehr als die Hälfte der Haushalte");
        assert_eq!(fr[0].0, "plus de la moitié");
        assert_eq!(fr[1].0, "Mehr als die Hälfte");
        assert!(spans("in the first half of the year, half an hour, at half-time").is_empty());
    }

    #[test]
    fn one_counts_only_with_a_multiplier_share_or_percent() {
        assert_eq!(
            spans("one million people, about half a million people, one per cent"),
            vec![
                "one million people",
                "about half a million people",
                "one per cent"
            ]
        );
        assert!(spans("One broker said one got through.").is_empty());
        let fr = figures("près d'un million de demandes, plus de 2 millions de personnes");
        assert_eq!(fr[0].0, "près d'un million de demandes");
        assert_eq!((fr[0].1, fr[0].3), (1e6, "about"));
        assert_eq!(fr[1].0, "plus de 2 millions de personnes");
        assert_eq!(fr[1].2.as_deref(), Some("personnes"));
    }

    #[test]
    fn currencies_scales_and_units() {
        let f = figures(
            "₦617, Rs 102, ₺40, R$50, A$3bn, NZ$12, HK$25, 3,5 Mrd. Euro, 250 basis points, a magnitude 6.8 quake, between 35C and 38C",
        );
        let got: Vec<(&str, Option<&str>)> =
            f.iter().map(|f| (f.0.as_str(), f.2.as_deref())).collect();
        assert_eq!(
            got,
            vec![
                ("₦617", Some("NGN")),
                ("Rs 102", Some("INR")),
                ("₺40", Some("TRY")),
                ("R$50", Some("BRL")),
                ("A$3bn", Some("AUD")),
                ("NZ$12", Some("NZD")),
                ("HK$25", Some("HKD")),
                ("3,5 Mrd. Euro", Some("EUR")),
                ("250 basis points", Some("basis point")),
                ("magnitude 6.8", Some("magnitude")),
                ("between 35C and 38C", Some("C")),
            ]
        );
    }

    #[test]
    fn adjectives_before_the_counted_noun_and_event_adjectives() {
        assert_eq!(
            spans("40 new homes, 16 more cities, 3 million Syrian refugees; over 200 dead"),
            vec![
                "40 new homes",
                "16 more cities",
                "3 million Syrian refugees",
                "over 200"
            ]
        );
    }

    #[test]
    fn ordinals_tallies_models_and_post_qualifiers() {
        assert!(spans(
            "The Boeing 737 Max flew for a third time, a fifth consecutive day, by 312 votes to 291, short of a two-thirds majority, aged between 18 and 25."
        )
        .is_empty());
        let f = figures("300 or more people, 40 or so flights");
        assert_eq!(
            (f[0].0.as_str(), f[0].3),
            ("300 or more people", "at least")
        );
        assert_eq!((f[1].0.as_str(), f[1].3), ("40 or so flights", "about"));
    }

    #[test]
    fn ranges_in_words_or_ranges_lakh_crore_pc_and_multiples() {
        let text = "two to three days, five or six boats, 40 or 50 people, three to four per cent";
        let chars: Vec<char> = text.chars().collect();
        let toks = tokenize(&chars);
        let low = Lowered::new(&chars, &toks);
        let f = find(&chars, &toks, &low);
        let got: Vec<(f64, Option<f64>, &str)> = f
            .iter()
            .map(|f| (f.value, f.value_max, f.qualifier))
            .collect();
        assert_eq!(
            got,
            vec![
                (2.0, Some(3.0), "between"),
                (5.0, Some(6.0), "between"),
                (40.0, Some(50.0), "between"),
                (3.0, Some(4.0), "between"),
            ]
        );
        let f = figures("Rs 1,200 crore, 5.2 lakh people, 4.9pc");
        assert_eq!((f[0].1, f[0].2.as_deref()), (1.2e10, Some("INR")));
        assert_eq!(f[1].1, 5.2e5);
        assert_eq!((f[2].0.as_str(), f[2].2.as_deref()), ("4.9pc", Some("%")));
        assert!(
            spans("Rain was 3 times the normal and rose 2.5 times; a 50-50 chance.").is_empty()
        );
    }

    #[test]
    fn noun_compounds_are_the_counted_noun() {
        assert_eq!(
            spans("about 1,400 relief camps and 12 aid workers; 3 million people fled"),
            vec![
                "about 1,400 relief camps",
                "12 aid workers",
                "3 million people"
            ]
        );
    }

    #[test]
    fn indices_designations_technologies_and_verbs_after_numbers() {
        assert_eq!(
            spans("The FTSE 100 fell 1.2%, the S&P 500 rose, a 5G network, 3D printers, aged 18-24, World War 2, Tier 4 rules."),
            vec!["1.2%"]
        );
        assert_eq!(spans("About 3,000 fled."), vec!["About 3,000"]);
        assert_eq!(
            spans("to refit six Type 45 destroyers"),
            vec!["six Type 45 destroyers"]
        );
    }

    #[test]
    fn phone_and_emergency_numbers_are_not_figures() {
        assert!(spans("call 112 or the health line on 808 24 24 24").is_empty());
    }

    #[test]
    fn japanese_groups_tenths_post_qualifiers_and_designations() {
        let f = figures("約1万2000人が避難、1000人以上、50人未満、3割、５０％、1億2000万円。台風10号、2回目、平年の2倍。");
        let got: Vec<(&str, f64, &str)> = f.iter().map(|f| (f.0.as_str(), f.1, f.3)).collect();
        assert_eq!(
            got,
            vec![
                ("約1万2000人", 12000.0, "about"),
                ("1000人以上", 1000.0, "more than"),
                ("50人未満", 50.0, "less than"),
                ("3割", 30.0, "exact"),
                ("５０％", 50.0, "exact"),
                ("1億2000万円", 1.2e8, "exact"),
            ]
        );
    }

    #[test]
    fn japanese_counters() {
        let f = figures("死者は646人、被害額は500億円にのぼる。1月13日");
        assert_eq!(f[0].0, "646人");
        assert_eq!(f[0].2.as_deref(), Some("人"));
        assert_eq!(f[1].1, 5e10);
        assert_eq!(f[1].2.as_deref(), Some("JPY"));
        assert_eq!(f.len(), 2);
    }
}
