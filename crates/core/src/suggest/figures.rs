//! Figures: numeric expressions that state a quantity, with their qualifier and counted noun.
//!
//! Read from the token stream: a number (digits in any known script, with thousands separators and
//! a decimal mark, or a number word such as "three" or "a dozen") grows to the right over a
//! multiplier ("million", "bn"), a percent sign or word, a currency word and a range ("10-15",
//! "10 to 15"), then takes the next word as its counted noun ("646 people"), and to the left over
//! a currency sign and a qualifier ("at least", "nearly"). Dates, clock times, time zones, years,
//! ordinals, identifiers ("Article 5", "G20"), phone numbers and URLs are recognised first and
//! skipped.

use super::lexicon::{
    currency_symbol, currency_word, glued_multiplier, is_function_word, is_identifier_label,
    is_month, is_percent_word, is_stopword, is_time_word, is_year_preposition, multiplier,
    number_word, F_INDEFINITE, F_MONTH, F_NUMBER_WORD, F_PERCENT_WORD, F_TIME_WORD, QUALIFIERS,
};
use super::tokens::{digit_value, is_cjk, text_of, Kind, Lowered, Tok};

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
    /// The qualifier as written, lower-cased ("at least").
    pub qualifier: Option<String>,
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
        if e - s < 5
            || !self.chars[s..e]
                .iter()
                .any(|c| matches!(c, '/' | '@') || c.is_ascii_alphabetic())
        {
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

    /// Qualifier words ending just before token `first`: (start position, qualifier).
    fn qualifier_before(&self, first: usize) -> Option<(usize, String)> {
        if first == 0 || !self.is_word(first - 1) {
            return None;
        }
        let last = self.lower(first - 1);
        for q in QUALIFIERS {
            if !q.ends_with(last) {
                continue;
            }
            let count = q.split(' ').count();
            if count > first {
                continue;
            }
            let from = first - count;
            let matched = q
                .split(' ')
                .enumerate()
                .all(|(n, w)| self.is_word(from + n) && self.lower(from + n) == w);
            if matched {
                return Some((self.toks[from].start, q.to_string()));
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
            || is_stopword(w)
            || is_month(w)
            || is_time_word(w)
            || is_function_word(w)
            || multiplier(w).is_some()
            || (w.is_ascii() && (w.ends_with("ed") || w.ends_with("ing") || w.ends_with("ly")))
        {
            return None;
        }
        let mut text = text_of(self.chars, t);
        for suffix in ["’s", "'s", "’", "'"] {
            if let Some(stripped) = text.strip_suffix(suffix) {
                text = stripped.to_string();
            }
        }
        Some(text)
    }
}

/// Parses a number token's digits. `dot_groups` allows a single "." before exactly three digits
/// to read as a thousands separator ("1.500 Menschen"). Returns `None` for malformed groups
/// (dates such as "13.01.2024", versions such as "1.2.3").
fn parse_number(chars: &[char], dot_groups: bool) -> Option<f64> {
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
    out
}

/// Reads a figure starting at number token `k`; returns the next token to look at.
fn number_at(s: &Scan, k: usize, out: &mut Vec<Figure>) -> usize {
    let chars = s.chars;
    let t = s.toks[k];
    let digits = &chars[t.start..t.end];
    if s.in_url(t.start) {
        return k + 1;
    }
    // Glued to letters before: identifiers such as G20, B52, COVID-19, F-35.
    if s.glued(k) {
        if s.is_word(k - 1) && !is_cjk(chars[s.toks[k - 1].end - 1]) {
            return k + 1;
        }
        match s.punct(k - 1) {
            Some('-') if k >= 2 && s.glued(k - 1) && s.is_word(k - 2) => return k + 1,
            Some('#') => return k + 1,
            Some(':' | '/' | '.') if k >= 2 && s.glued(k - 1) && s.is_num(k - 2) => return k + 1,
            Some('+') if k >= 2 && s.is_word(k - 2) && s.low.is(k - 2, F_TIME_WORD) => {
                return s.skip_groups(k);
            }
            Some('+') => return s.skip_groups(k),
            Some('(') if s.punct(k + 1) == Some(')') => return s.skip_groups(k),
            _ => {}
        }
    }
    if k >= 1
        && matches!(s.punct(k - 1), Some('+' | '-' | '−'))
        && k >= 2
        && s.low.is(k - 2, F_TIME_WORD)
    {
        return s.skip_groups(k);
    }
    // Leading zero: phone numbers, codes, clock hours.
    if digits.len() > 1 && digit_value(digits[0]) == Some(0) && digit_value(digits[1]).is_some() {
        return s.skip_groups(k);
    }
    // Shapes glued after the number: 10:30, 13/01/2024, 2024-01-13, 9/11.
    if s.glued(k + 1) && s.is_num(k + 2) && s.glued(k + 2) {
        match s.punct(k + 1) {
            Some(':' | '/') => return s.skip_groups(k),
            Some('-' | '.') if s.punct(k + 3).is_some() && s.is_num(k + 4) => {
                return s.skip_groups(k)
            }
            _ => {}
        }
    }
    // Ordinals and clock times glued: 21st, 1er, 3pm, 15h30, 1990s; Japanese dates 1月13日.
    if s.glued(k + 1) && s.is_word(k + 1) {
        let w = s.lower(k + 1);
        let first = chars[s.toks[k + 1].start];
        if matches!(
            w,
            "st" | "nd" | "rd" | "th" | "er" | "e" | "ème" | "eme" | "re" | "s" | "ºc" | "x"
        ) || is_time_word(w)
            || (matches!(first, '年' | '月' | '日' | '時' | '分' | '秒')
                && !(first == '時' && chars.get(s.toks[k + 1].start + 1) == Some(&'間')))
        {
            return k + 2;
        }
    }
    if s.punct(k + 1) == Some('.') && s.glued(k + 1) && s.low.is(k + 2, F_MONTH) {
        return k + 3;
    }
    // Dates: a month name before or after.
    let prev_word = if s.punct(k.wrapping_sub(1)) == Some('.') && k >= 2 {
        s.lower(k - 2)
    } else if k >= 1 {
        s.lower(k - 1)
    } else {
        ""
    };
    if is_month(prev_word) || (s.is_word(k + 1) && s.low.is(k + 1, F_MONTH)) {
        return k + 1;
    }
    // Times written "3 p.m." / "10.30 a.m.".
    if s.is_word(k + 1)
        && matches!(s.lower(k + 1), "a" | "p")
        && s.punct(k + 2) == Some('.')
        && s.lower(k + 3) == "m"
    {
        return k + 4;
    }
    if s.is_word(k + 1) && !s.glued(k + 1) && s.low.is(k + 1, F_TIME_WORD) {
        return k + 2;
    }
    if k >= 1 && is_identifier_label(prev_word) {
        return k + 1;
    }
    // Ages in apposition: "Okoro, 54, had served".
    if k >= 2
        && s.punct(k - 1) == Some(',')
        && s.punct(k + 1) == Some(',')
        && s.tok(k - 2)
            .is_some_and(|p| super::tokens::is_capitalised(chars, p))
        && digits.len() <= 3
    {
        return k + 1;
    }
    // Years used as dates, and year ranges.
    let plain = digits.iter().all(|&c| digit_value(c).is_some());
    if plain && digits.len() == 4 {
        let year: u32 = digits
            .iter()
            .fold(0, |acc, &c| acc * 10 + digit_value(c).unwrap_or(0));
        let looks_like_year = (1800..=2100).contains(&year) || (1300..=1499).contains(&year);
        if looks_like_year {
            let noun = s.counted_noun(k + 1);
            let counted = noun.as_deref().is_some_and(|n| {
                let n = n.to_lowercase();
                n.ends_with('s') || matches!(n.as_str(), "people" | "menschen" | "نفر")
            });
            if !counted || is_year_preposition(prev_word) {
                let mut next = k + 1;
                if matches!(s.punct(k + 1), Some('-' | '–' | '/')) && s.is_num(k + 2) {
                    next = k + 3;
                }
                return next;
            }
        }
    }

    // It is a quantity. Grow to the right.
    let dot_groups = s.is_word(k + 1)
        && multiplier(s.lower(k + 1)).is_none()
        && !s.low.is(k + 1, F_PERCENT_WORD);
    let Some(mut value) = parse_number(digits, dot_groups) else {
        return s.skip_groups(k);
    };
    let mut value_max: Option<f64> = None;
    let mut unit: Option<String> = None;
    let mut factor = 1.0;
    let mut end = t.end;
    let mut j = k + 1;
    let mut first = k;
    let mut start = t.start;

    // Currency before: $, €, US$, USD.
    if k >= 1 {
        if let Some(code) = s.punct(k - 1).and_then(currency_symbol) {
            if s.near(k) {
                unit = Some(code.into());
                first = k - 1;
                start = s.toks[k - 1].start;
                if k >= 2 && s.glued(k - 1) && s.is_word(k - 2) && s.lower(k - 2).len() <= 2 {
                    first = k - 2;
                    start = s.toks[k - 2].start;
                }
            }
        } else if let Some(code) = currency_word(prev_word).filter(|_| s.is_word(k - 1)) {
            if prev_word.chars().all(|c| c.is_ascii_alphabetic()) && prev_word.len() == 3 {
                unit = Some(code.into());
                first = k - 1;
                start = s.toks[k - 1].start;
            }
        }
    }
    // Glued suffix: 3.5bn, 40m, 20k, 10km; Japanese 3万人, 500億円.
    if s.glued(j) && s.is_word(j) {
        let w = s.lower(j);
        let wt = s.toks[j];
        if let Some(f) = glued_multiplier(w) {
            factor = f;
            end = wt.end;
            j += 1;
        } else if is_cjk(chars[wt.start]) {
            let mut p = wt.start;
            while p < wt.end {
                match chars[p] {
                    '万' => factor *= 1e4,
                    '億' => factor *= 1e8,
                    '千' => factor *= 1e3,
                    _ => break,
                }
                p += 1;
            }
            if p < wt.end {
                let c = chars[p];
                let mut unit_end = p + 1;
                let two = (matches!(c, 'カ' | 'か' | 'ヵ' | 'ケ')
                    && chars.get(p + 1) == Some(&'所'))
                    || (c == '時' && chars.get(p + 1) == Some(&'間'));
                if two {
                    unit_end = p + 2;
                } else if matches!(c, '\u{30a1}'..='\u{30fa}' | 'ー') {
                    while unit_end < wt.end
                        && matches!(chars[unit_end], '\u{30a1}'..='\u{30fa}' | 'ー')
                    {
                        unit_end += 1;
                    }
                }
                unit = Some(match c {
                    '円' => "JPY".into(),
                    _ => chars[p..unit_end].iter().collect(),
                });
                p = unit_end;
            }
            end = p;
            j += 1;
        } else if w.chars().all(|c| c.is_ascii_alphabetic()) && w.len() <= 3 {
            unit = Some(text_of(chars, &wt));
            end = wt.end;
            j += 1;
        } else {
            return j + 1;
        }
    }
    // Percent sign, glued or after a (narrow) space as in French.
    if matches!(s.punct(j), Some('%' | '٪')) && s.near(j) {
        unit = Some("%".into());
        end = s.toks[j].end;
        j += 1;
    }
    // Range: 10-15, 10–15, 10 to 15, between 10 and 15.
    let connector = s.punct(j).filter(|c| matches!(c, '-' | '–' | '—'));
    let word_connector = s.is_word(j).then(|| s.lower(j));
    let before_first = if first >= 1 { s.lower(first - 1) } else { "" };
    let ranged = s.is_num(j + 1)
        && (connector.is_some()
            || (word_connector == Some("to") && before_first != "from")
            || (word_connector == Some("and") && before_first == "between"));
    if ranged {
        let hi = &chars[s.toks[j + 1].start..s.toks[j + 1].end];
        if let Some(v) = parse_number(hi, dot_groups) {
            value_max = Some(v);
            end = s.toks[j + 1].end;
            j += 2;
            if s.glued(j) && s.is_word(j) {
                if let Some(f) = glued_multiplier(s.lower(j)) {
                    factor = f;
                    end = s.toks[j].end;
                    j += 1;
                }
            }
            if matches!(s.punct(j), Some('%' | '٪')) && s.near(j) {
                unit = Some("%".into());
                end = s.toks[j].end;
                j += 1;
            }
        }
    }
    // Multiplier words: 1.5 million, 3,5 Milliarden, ۲ میلیون.
    if s.is_word(j) && !s.glued(j) {
        if let Some(f) = multiplier(s.lower(j)) {
            factor *= f;
            end = s.toks[j].end;
            j += 1;
        }
    }
    // Percent words and currency after.
    if unit.as_deref() != Some("%") && s.is_word(j) {
        let w = s.lower(j);
        if is_percent_word(w) {
            unit = Some("%".into());
            end = s.toks[j].end;
            j += 1;
        } else if matches!(w, "per" | "pour") && s.lower(j + 1) == "cent" {
            unit = Some("%".into());
            end = s.toks[j + 1].end;
            j += 2;
        } else if let Some(code) = currency_word(w) {
            unit = Some(code.into());
            end = s.toks[j].end;
            j += 1;
        }
    }
    if unit.is_none() {
        if let Some(code) = s.punct(j).and_then(currency_symbol).filter(|_| s.near(j)) {
            unit = Some(code.into());
            end = s.toks[j].end;
            j += 1;
        }
    }
    // Counted noun: "646 people", "10-year", "۶۴۶ نفر".
    if unit.is_none() {
        if let Some(noun) = s.counted_noun(j) {
            unit = Some(noun);
            end = s.toks[j].end;
            j += 1;
        } else if s.punct(j) == Some('-') && s.glued(j) && s.is_word(j + 1) && s.glued(j + 1) {
            unit = Some(text_of(chars, &s.toks[j + 1]));
            end = s.toks[j + 1].end;
            j += 2;
        }
    }
    if let Some((qs, _)) = s.qualifier_before(first) {
        start = qs;
    }
    // Japanese qualifiers glued before the number: 約300ミリ, 少なくとも12人.
    let mut ja_qualifier = None;
    if first == k && s.glued(k) && s.is_word(k - 1) {
        for q in ["少なくとも", "およそ", "最大", "約"] {
            let qc: Vec<char> = q.chars().collect();
            if t.start >= qc.len() && chars[t.start - qc.len()..t.start] == qc[..] {
                start = t.start - qc.len();
                ja_qualifier = Some(q.to_string());
                break;
            }
        }
    }
    let qualifier = ja_qualifier
        .or_else(|| s.qualifier_before(first).map(|(_, q)| q))
        .or_else(|| {
            (before_first == "between" && value_max.is_some()).then(|| "between".to_string())
        });
    if qualifier.as_deref() == Some("between") {
        start = s.toks[first - 1].start;
    }
    value *= factor;
    value_max = value_max.map(|v| v * factor);
    out.push(Figure {
        start,
        end,
        value,
        value_max,
        unit,
        qualifier,
    });
    j
}

/// Reads a figure written in words at token `k` ("three weeks", "a dozen people", "a million").
fn word_at(s: &Scan, k: usize, out: &mut Vec<Figure>) -> usize {
    let w = s.lower(k);
    let mut j;
    let mut value;
    if matches!(w, "a" | "an") {
        let next = s.lower(k + 1);
        if next == "dozen" {
            value = 12.0;
        } else if let Some(f) = multiplier(next).filter(|_| next != "thousands") {
            value = f;
        } else {
            return k + 1;
        }
        j = k + 2;
    } else {
        value = 0.0;
        for p in w.split('-') {
            match number_word(p) {
                Some(v) if p != "hundred" && p != "dozen" => value += v,
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
        }
    }
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
    if let Some(noun) = s.counted_noun(j) {
        unit = Some(noun);
        end = s.toks[j].end;
        j += 1;
    } else if s.is_word(j) && currency_word(s.lower(j)).is_some() {
        unit = currency_word(s.lower(j)).map(String::from);
        end = s.toks[j].end;
        j += 1;
    }
    if unit.is_none() && !scaled {
        return k + 1;
    }
    let (start, qualifier) = match s.qualifier_before(k) {
        Some((qs, q)) => (qs, Some(q)),
        None => (s.toks[k].start, None),
    };
    out.push(Figure {
        start,
        end,
        value,
        value_max: None,
        unit,
        qualifier,
    });
    j
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::suggest::tokens::tokenize;

    fn figures(text: &str) -> Vec<(String, f64, Option<String>, Option<String>)> {
        let chars: Vec<char> = text.chars().collect();
        let toks = tokenize(&chars);
        let low = Lowered::new(text, &chars, &toks);
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
                Some("at least".into())
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
        let low = Lowered::new(text, &chars, &toks);
        let f = find(&chars, &toks, &low);
        assert_eq!(f[0].value, 10.0);
        assert_eq!(f[0].value_max, Some(15.0));
        assert_eq!(f[0].qualifier.as_deref(), Some("between"));
        assert_eq!(f[1].value_max, Some(30.0));
        assert_eq!(f[1].unit.as_deref(), Some("%"));
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
        assert_eq!(f[1].3.as_deref(), Some("約"));
        assert_eq!(f[2].0, "少なくとも12人");
        assert_eq!(f.len(), 3);
    }

    #[test]
    fn ages_in_apposition_are_not_figures() {
        assert!(spans("Okoro, 54, had served in the cabinet.").is_empty());
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
