//! Speaker attribution: who said each quote.
//!
//! Rules, tried in order for every top-level quote:
//! 1. After the quote, in the rest of its sentence: "…,” said X", "…,” X said", "…,” X, the
//!    spokesperson, told Reuters", "…,” according to X", "…», a-t-il dit", "…“, so Müller".
//! 2. Before the quote, in its sentence: "X said: “…", "X told Reuters on Tuesday that “…",
//!    "According to X, “…", "X’s post continued: “…", "said X: “…".
//! 3. Japanese: "Xは…「…」と述べた".
//!
//! A subject is a name (a run of capitalised words with titles and particles: "Dr. Amal Haddad",
//! "Ursula von der Leyen"), a noun phrase ending in a speaker noun ("police spokesman", "health
//! ministry"), or a pronoun (he/she/they/his/her and their French, German and Persian
//! counterparts). A pronoun is carried to the nearest preceding named speaker — an earlier
//! attributed speaker or a person-like name — in the same or the three previous sentences, never
//! inside a quote. A quote none of the rules reaches gets no speaker.

use std::collections::HashSet;

use super::lexicon::{
    is_according, is_determiner, is_function_word, is_inverted_pronoun, is_naming_verb, is_pronoun,
    is_reporting_verb, is_speaker_noun, is_statement_noun, is_stopword, F_DETERMINER, F_JOB_TITLE,
    F_NAME_PARTICLE, F_ORG_WORD, F_PRONOUN, F_REPORTING_VERB, F_SPEAKER_NOUN, F_STATEMENT_NOUN,
    F_TITLE_ABBREV, F_VERB_FILLER,
};
use super::quotes::Quote;
use super::sentences::containing;
use super::tokens::{first_at_or_after, is_capitalised, is_uncased_letter, Kind, Lowered, Tok};

/// A top-level quote's range and its speaker's range, if any.
type Attributed = (usize, usize, Option<(usize, usize)>);

/// Who a subject refers to before pronouns are resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Subject {
    /// A name or noun phrase at this range.
    Named(usize, usize),
    /// A pronoun at this position.
    Pronoun(usize),
}

/// Japanese reporting verbs after と.
const JA_VERBS: &[&str] = &[
    "述べ",
    "語っ",
    "話し",
    "言っ",
    "強調し",
    "説明し",
    "発表し",
    "明らかにし",
    "訴え",
    "指摘し",
    "批判し",
    "書い",
    "投稿し",
];

struct Ctx<'a> {
    chars: &'a [char],
    toks: &'a [Tok],
    low: &'a Lowered,
    sentences: &'a [(usize, usize)],
    /// Whether each token lies inside a top-level quote (marks included).
    in_quote: Vec<bool>,
}

impl Ctx<'_> {
    #[inline(always)]
    fn lower(&self, k: usize) -> &str {
        self.low.get(k)
    }
    #[inline(always)]
    fn is_word(&self, k: usize) -> bool {
        self.toks[k].kind == Kind::Word
    }
    #[inline(always)]
    fn is_punct(&self, k: usize, c: char) -> bool {
        self.toks[k].is_punct(self.chars, c)
    }
    #[inline(always)]
    fn uncased(&self, k: usize) -> bool {
        self.is_word(k) && is_uncased_letter(self.chars[self.toks[k].start])
    }
    /// A capitalised word that may be part of a name.
    #[inline(always)]
    fn is_name_word(&self, k: usize) -> bool {
        is_capitalised(self.chars, &self.toks[k]) && !is_function_word(self.lower(k))
    }
    /// The end of token `k` without a possessive ’s.
    fn end_without_possessive(&self, k: usize) -> usize {
        let t = self.toks[k];
        let n = t.end - t.start;
        if n > 2 && matches!(self.chars[t.end - 2], '’' | '\'') && self.chars[t.end - 1] == 's' {
            t.end - 2
        } else {
            t.end
        }
    }
    fn is_possessive(&self, k: usize) -> bool {
        self.is_word(k) && self.end_without_possessive(k) != self.toks[k].end
    }
}

/// The speaker span of every quote (`None` for unattributed and nested quotes), aligned with
/// `quotes`.
pub(crate) fn attribute(
    chars: &[char],
    toks: &[Tok],
    sentences: &[(usize, usize)],
    quotes: &[Quote],
    low: &Lowered,
) -> Vec<Option<(usize, usize)>> {
    let top: Vec<&Quote> = quotes.iter().filter(|q| q.depth == 0).collect();
    let mut in_quote = vec![false; toks.len()];
    {
        let mut qi = 0;
        for (k, t) in toks.iter().enumerate() {
            while qi < top.len() && top[qi].end <= t.start {
                qi += 1;
            }
            in_quote[k] = qi < top.len() && top[qi].start <= t.start;
        }
    }
    let ctx = Ctx {
        chars,
        toks,
        low,
        sentences,
        in_quote,
    };
    let mut out = vec![None; quotes.len()];
    // Speakers attributed so far: (start, end, lower-cased last word).
    let mut known: Vec<(usize, usize, String)> = vec![];
    let mut known_words: HashSet<String> = HashSet::new();
    let mut next_top = 0;
    // Top-level quotes seen so far with their speakers.
    let mut out_top: Vec<Attributed> = vec![];
    for (qi, q) in quotes.iter().enumerate() {
        if q.depth > 0 {
            continue;
        }
        while next_top < top.len() && top[next_top].start <= q.start {
            next_top += 1;
        }
        let next_quote_start = top.get(next_top).map_or(chars.len(), |n| n.start);
        let subject = after_quote(&ctx, q, next_quote_start)
            .or_else(|| before_quote(&ctx, q))
            .or_else(|| japanese(&ctx, q));
        let span = match subject {
            Some(Subject::Named(s, e)) => Some((s, e)),
            Some(Subject::Pronoun(pos)) => resolve_pronoun(&ctx, pos, &known, &known_words),
            None => continued_speech(&ctx, q, &out_top),
        };
        out_top.push((q.start, q.end, span));
        if let Some((s, e)) = span {
            let last: String = chars[s..e]
                .split(|c| c.is_whitespace())
                .next_back()
                .map(|w| w.iter().collect::<String>().to_lowercase())
                .unwrap_or_default();
            known_words.insert(last.clone());
            known.push((s, e, last));
        }
        out[qi] = span;
    }
    out
}

/// The convention for continued speech: a quote that makes up its own sentence, right after a
/// sentence whose quote was attributed, in the same paragraph, continues that speaker
/// ("“It was chaos,” Haddad said. “Nobody came.”").
fn continued_speech(ctx: &Ctx, q: &Quote, earlier: &[Attributed]) -> Option<(usize, usize)> {
    let si = containing(ctx.sentences, q.start)?;
    let (s, e) = ctx.sentences[si];
    // The sentence is the quote alone (trailing punctuation aside).
    let rest_outside = ctx.chars[s..q.start]
        .iter()
        .chain(&ctx.chars[q.end.min(e)..e])
        .any(|c| c.is_alphanumeric());
    if s != q.start || rest_outside || si == 0 {
        return None;
    }
    let (ps, pe) = ctx.sentences[si - 1];
    if ctx.chars[pe..s].contains(&'\n') {
        return None;
    }
    let &(_, _, speaker) = earlier.last()?;
    let (last_start, last_end, _) = *earlier.last()?;
    (last_start >= ps && last_end <= pe).then_some(speaker)?
}

/// Token indices of the rest of the quote's sentence after it, up to the next quote.
fn after_window(ctx: &Ctx, q: &Quote, next_quote_start: usize) -> Vec<usize> {
    let Some(si) = containing(ctx.sentences, q.end - 1) else {
        return vec![];
    };
    let limit = ctx.sentences[si].1.min(next_quote_start);
    let mut out = vec![];
    let mut k = first_at_or_after(ctx.toks, q.end);
    while k < ctx.toks.len() && ctx.toks[k].start < limit && ctx.toks[k].kind != Kind::Break {
        out.push(k);
        k += 1;
    }
    out
}

/// Token indices of the quote's sentence before it, outside other quotes.
fn before_window(ctx: &Ctx, q: &Quote) -> Vec<usize> {
    let Some(si) = containing(ctx.sentences, q.start) else {
        return vec![];
    };
    let from = first_at_or_after(ctx.toks, ctx.sentences[si].0);
    let to = first_at_or_after(ctx.toks, q.start);
    (from..to).filter(|&k| !ctx.in_quote[k]).collect()
}

fn after_quote(ctx: &Ctx, q: &Quote, next_quote_start: usize) -> Option<Subject> {
    let win = after_window(ctx, q, next_quote_start);
    let mut i = 0;
    while i < win.len() && i < 2 && ctx.toks[win[i]].kind == Kind::Punct {
        if ctx.is_punct(win[i], '.') {
            return None;
        }
        i += 1;
    }
    if i >= win.len() || !ctx.is_word(win[i]) {
        return None;
    }
    let w0 = ctx.lower(win[i]);
    if is_inverted_pronoun(w0) {
        return Some(Subject::Pronoun(ctx.toks[win[i]].start));
    }
    if is_according(w0) {
        let skip = usize::from(i + 1 < win.len() && ctx.lower(win[i + 1]) == "to");
        return subject_forward(ctx, &win, i + 1 + skip).map(|(s, _)| s);
    }
    if w0 == "so" && ctx.chars[ctx.toks[win[i]].start] == 's' {
        return subject_forward(ctx, &win, i + 1)
            .filter(|(s, _)| matches!(s, Subject::Named(..)))
            .map(|(s, _)| s);
    }
    if is_reporting_verb(w0) {
        return subject_forward(ctx, &win, i + 1).map(|(s, _)| s);
    }
    if matches!(w0, "a" | "has") && i + 1 < win.len() && ctx.low.is(win[i + 1], F_REPORTING_VERB) {
        return subject_forward(ctx, &win, i + 2).map(|(s, _)| s);
    }
    // Subject first, then (an appositive and) the verb.
    let (subject, mut j) = subject_forward(ctx, &win, i)?;
    if j < win.len() && ctx.low.is(win[j], F_STATEMENT_NOUN) {
        j += 1;
    }
    if j < win.len() && ctx.is_punct(win[j], ',') {
        let close = (j + 1..win.len().min(j + 16)).find(|&m| ctx.is_punct(win[m], ','))?;
        j = close + 1;
    }
    while j < win.len() && ctx.low.is(win[j], F_VERB_FILLER) {
        j += 1;
    }
    (j < win.len() && ctx.low.is(win[j], F_REPORTING_VERB)).then_some(subject)
}

fn before_quote(ctx: &Ctx, q: &Quote) -> Option<Subject> {
    let win = before_window(ctx, q);
    if win.is_empty() {
        return None;
    }
    let lowest = win.len().saturating_sub(14);
    let naming_from = win.len().saturating_sub(4);
    let v = (lowest..win.len()).rev().find(|&m| {
        let w = ctx.lower(win[m]);
        is_reporting_verb(w)
            || is_according(w)
            || (q.partial && m >= naming_from && is_naming_verb(w))
    })?;
    let w = ctx.lower(win[v]);
    let persian_according = w == "گفته" && v > 0 && ctx.lower(win[v - 1]) == "به";
    if is_according(w) || persian_according {
        let skip = usize::from(v + 1 < win.len() && ctx.lower(win[v + 1]) == "to");
        return subject_forward(ctx, &win, v + 1 + skip).map(|(s, _)| s);
    }
    let mut b = v;
    while b > 0 && ctx.low.is(win[b - 1], F_VERB_FILLER) {
        b -= 1;
    }
    let mut found = None;
    if b > 0 {
        let idx = b - 1;
        found = if ctx.is_punct(win[idx], ',') || ctx.is_punct(win[idx], '،') {
            let open = (idx.saturating_sub(16)..idx)
                .rev()
                .find(|&m| ctx.is_punct(win[m], ',') || ctx.is_punct(win[m], '،'));
            match open {
                Some(o) if o > 0 => subject_backward(ctx, &win, o - 1),
                _ => None,
            }
        } else {
            subject_backward(ctx, &win, idx)
        };
    }
    // Inverted: "said Smith:", "a déclaré M. Dupont :", "قال X".
    found.or_else(|| {
        let (s, j) = subject_forward(ctx, &win, v + 1)?;
        let ends = j >= win.len()
            || ctx.is_punct(win[j], ':')
            || ctx.is_punct(win[j], ',')
            || ctx.is_punct(win[j], '،');
        ends.then_some(s)
    })
}

/// Reads a subject starting at `win[i]`; returns it and the index after it.
fn subject_forward(ctx: &Ctx, win: &[usize], mut i: usize) -> Option<(Subject, usize)> {
    if i < win.len() && ctx.low.is(win[i], F_DETERMINER) && i + 1 < win.len() {
        i += 1;
    }
    let k = *win.get(i)?;
    if !ctx.is_word(k) {
        return None;
    }
    let w = ctx.lower(k);
    if is_pronoun(w) {
        return Some((Subject::Pronoun(ctx.toks[k].start), i + 1));
    }
    if ctx.uncased(k) {
        let mut j = i;
        while j < win.len()
            && j < i + 3
            && ctx.uncased(win[j])
            && !ctx.low.is(win[j], F_REPORTING_VERB)
        {
            j += 1;
        }
        if j == i {
            return None;
        }
        let (s, e) = (ctx.toks[k].start, ctx.end_without_possessive(win[j - 1]));
        return Some((Subject::Named(s, e), j));
    }
    if ctx.is_name_word(k) {
        let mut j = i;
        let mut names = 0;
        let mut real = 0;
        while j < win.len() && names < 7 {
            let t = win[j];
            if ctx.is_name_word(t) {
                names += 1;
                if !ctx.low.is(t, F_TITLE_ABBREV) {
                    real += 1;
                }
                j += 1;
                if j < win.len()
                    && ctx.is_punct(win[j], '.')
                    && ctx.toks[win[j]].start == ctx.toks[t].end
                    && ctx.low.is(t, F_TITLE_ABBREV)
                {
                    j += 1;
                }
                if ctx.is_possessive(t) {
                    break;
                }
            } else if ctx.is_word(t)
                && ctx.low.is(t, F_NAME_PARTICLE)
                && j + 1 < win.len()
                && ctx.is_name_word(win[j + 1])
            {
                j += 1;
            } else {
                break;
            }
        }
        if real == 0 {
            return None;
        }
        let first = trim_titles(ctx, win, i, j);
        let k = win[first];
        let last = win[j - 1];
        let e = if ctx.is_punct(last, '.') {
            ctx.toks[last].end
        } else {
            ctx.end_without_possessive(last)
        };
        // "Iran’s foreign ministry": a possessive name followed by a speaker noun phrase.
        if ctx.is_possessive(last) {
            if let Some(m) = (j..win.len().min(j + 3)).find(|&m| ctx.low.is(win[m], F_SPEAKER_NOUN))
            {
                if (j..m).all(|x| ctx.is_word(win[x])) {
                    return Some((
                        Subject::Named(ctx.toks[k].start, ctx.end_without_possessive(win[m])),
                        m + 1,
                    ));
                }
            }
        }
        return Some((Subject::Named(ctx.toks[k].start, e), j));
    }
    // Lower-case job title before a name: "guitarist Mick O’Donnell", "deputy mayor Marek Nowak".
    if let Some(m) = (i + 1..win.len().min(i + 3)).find(|&m| ctx.is_name_word(win[m])) {
        if (i..m).all(|x| ctx.low.is(win[x], F_JOB_TITLE) || ctx.low.is(win[x], F_SPEAKER_NOUN)) {
            return subject_forward(ctx, win, m);
        }
    }
    // Lower-case noun phrase ending in a speaker noun: "police spokesman", "health ministry".
    for (m, &t) in win.iter().enumerate().take(i + 4).skip(i) {
        if !ctx.is_word(t) {
            return None;
        }
        let w = ctx.lower(t);
        if is_speaker_noun(w) {
            return Some((
                Subject::Named(ctx.toks[k].start, ctx.end_without_possessive(t)),
                m + 1,
            ));
        }
        if is_stopword(w) || is_reporting_verb(w) {
            return None;
        }
    }
    None
}

/// Skips job titles at the front of the name run `win[from..to]`, keeping at least one word.
fn trim_titles(ctx: &Ctx, win: &[usize], mut from: usize, to: usize) -> usize {
    while from + 1 < to && ctx.is_word(win[from]) && ctx.low.is(win[from], F_JOB_TITLE) {
        from += 1;
    }
    from
}

/// Reads a subject ending at `win[idx]`, walking left.
fn subject_backward(ctx: &Ctx, win: &[usize], idx: usize) -> Option<Subject> {
    let k = win[idx];
    if !ctx.is_word(k) {
        return None;
    }
    let w = ctx.lower(k);
    if is_pronoun(w) {
        return Some(Subject::Pronoun(ctx.toks[k].start));
    }
    if is_statement_noun(w) && idx > 0 {
        let p = win[idx - 1];
        if ctx.low.is(p, F_PRONOUN) {
            return Some(Subject::Pronoun(ctx.toks[p].start));
        }
        if ctx.is_possessive(p) {
            return subject_backward(ctx, win, idx - 1);
        }
    }
    if ctx.is_name_word(k) {
        let mut j = idx;
        while j > 0 && idx - j < 7 {
            let p = win[j - 1];
            if ctx.is_name_word(p) && !ctx.is_possessive(p) {
                j -= 1;
            } else if ctx.is_punct(p, '.')
                && j >= 2
                && ctx.toks[win[j - 2]].end == ctx.toks[p].start
                && ctx.low.is(win[j - 2], F_TITLE_ABBREV)
            {
                j -= 2;
            } else if ctx.is_word(p)
                && ctx.low.is(p, F_NAME_PARTICLE)
                && j >= 2
                && ctx.is_name_word(win[j - 2])
            {
                j -= 1;
            } else {
                break;
            }
        }
        let j = trim_titles(ctx, win, j, idx + 1);
        return Some(Subject::Named(
            ctx.toks[win[j]].start,
            ctx.end_without_possessive(k),
        ));
    }
    if ctx.uncased(k) {
        let mut j = idx;
        while j > 0
            && idx - j < 2
            && ctx.uncased(win[j - 1])
            && !ctx.low.is(win[j - 1], F_DETERMINER)
        {
            j -= 1;
        }
        return Some(Subject::Named(
            ctx.toks[win[j]].start,
            ctx.end_without_possessive(k),
        ));
    }
    if is_speaker_noun(w) {
        let mut j = idx;
        while j > 0 && idx - j < 3 {
            let p = win[j - 1];
            let pw = ctx.lower(p);
            if !ctx.is_word(p)
                || is_determiner(pw)
                || is_stopword(pw)
                || is_reporting_verb(pw)
                || (is_function_word(pw) && !ctx.is_possessive(p))
            {
                break;
            }
            j -= 1;
        }
        return Some(Subject::Named(
            ctx.toks[win[j]].start,
            ctx.end_without_possessive(k),
        ));
    }
    None
}

/// "Xは…「…」と述べた": the topic before the quote speaks.
fn japanese(ctx: &Ctx, q: &Quote) -> Option<Subject> {
    let chars = ctx.chars;
    if chars[q.start] != '「' || chars.get(q.end) != Some(&'と') {
        return None;
    }
    let after: String = chars[q.end + 1..(q.end + 8).min(chars.len())]
        .iter()
        .collect();
    if !JA_VERBS.iter().any(|v| after.starts_with(v)) {
        return None;
    }
    let si = containing(ctx.sentences, q.start)?;
    let from = ctx.sentences[si].0;
    let topic = (from..q.start).find(|&p| chars[p] == 'は' || chars[p] == 'が')?;
    let mut s = topic;
    while s > from && !matches!(chars[s - 1], '、' | '。' | ' ' | '「' | '」') {
        s -= 1;
    }
    if chars[s..topic].starts_with(&['あ', 'る']) {
        s += 2;
    }
    if s >= topic {
        return None;
    }
    let name: String = chars[s..topic].iter().collect();
    if matches!(name.as_str(), "同氏" | "彼" | "彼女" | "同相" | "同大統領") {
        return Some(Subject::Pronoun(s));
    }
    Some(Subject::Named(s, topic))
}

/// The nearest preceding named speaker for a pronoun at `pos`.
fn resolve_pronoun(
    ctx: &Ctx,
    pos: usize,
    known: &[(usize, usize, String)],
    known_words: &HashSet<String>,
) -> Option<(usize, usize)> {
    let si = containing(ctx.sentences, pos).unwrap_or(0);
    let window_start = ctx.sentences.get(si.saturating_sub(3)).map_or(0, |s| s.0);
    // The nearest earlier attributed speaker.
    // The nearest earlier attributed speaker that is named (not "hospital director"), except for
    // plural pronouns, which may stand for a group ("officials … they said").
    let plural = matches!(
        ctx.chars[pos..]
            .iter()
            .take_while(|c| c.is_alphabetic())
            .collect::<String>()
            .to_lowercase()
            .as_str(),
        "they" | "their" | "ils" | "elles"
    );
    let attributed = known
        .iter()
        .rev()
        .filter(|(s, _, _)| plural || !ctx.chars[*s].is_lowercase())
        .find(|(s, _, _)| *s < pos && *s >= window_start)
        .map(|(s, e, _)| (*s, *e));
    // The nearest person-like name outside quotes.
    let mut k = first_at_or_after(ctx.toks, pos);
    let lowest = first_at_or_after(ctx.toks, window_start);
    let mut name = None;
    while k > lowest {
        k -= 1;
        if ctx.in_quote[k] || !ctx.is_name_word(k) {
            continue;
        }
        let mut j = k;
        let mut words = 1;
        let mut titled = false;
        let mut org = ctx.low.is(k, F_ORG_WORD);
        while j > lowest {
            let p = j - 1;
            if ctx.in_quote[p] {
                break;
            }
            if ctx.is_name_word(p) && !ctx.is_possessive(p) {
                words += 1;
                org = org || ctx.low.is(p, F_ORG_WORD);
                titled = titled || ctx.low.is(p, F_TITLE_ABBREV);
                j = p;
            } else if ctx.is_punct(p, '.') && p > lowest && ctx.low.is(p - 1, F_TITLE_ABBREV) {
                titled = true;
                j = p - 1;
            } else if ctx.is_word(p)
                && ctx.low.is(p, F_NAME_PARTICLE)
                && p > lowest
                && ctx.is_name_word(p - 1)
            {
                j = p;
            } else {
                break;
            }
        }
        let end = ctx.end_without_possessive(k);
        let last: String = ctx.chars[ctx.toks[k].start..end]
            .iter()
            .collect::<String>()
            .to_lowercase();
        let is_known = known_words.contains(&last);
        if is_known || (!org && (words >= 2 || titled)) {
            while j < k && ctx.low.is(j, F_JOB_TITLE) {
                j += 1;
            }
            name = Some((ctx.toks[j].start, end));
            break;
        }
        k = j;
    }
    match (attributed, name) {
        (Some(a), Some(n)) => Some(if n.0 > a.0 { n } else { a }),
        (a, n) => a.or(n),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::suggest::tokens::Lowered;
    use crate::suggest::{quotes, sentences, tokens::tokenize};

    /// (quote text, speaker text) for every top-level quote.
    fn attributions(text: &str) -> Vec<(String, Option<String>)> {
        let chars: Vec<char> = text.chars().collect();
        let toks = tokenize(&chars);
        let sents = sentences::split(&chars);
        let qs = quotes::find(&chars);
        let low = Lowered::new(text, &chars, &toks);
        let sp = attribute(&chars, &toks, &sents, &qs, &low);
        qs.iter()
            .zip(sp)
            .filter(|(q, _)| q.depth == 0)
            .map(|(q, s)| {
                (
                    chars[q.start..q.end].iter().collect(),
                    s.map(|(a, b)| chars[a..b].iter().collect()),
                )
            })
            .collect()
    }

    fn speakers(text: &str) -> Vec<Option<String>> {
        attributions(text).into_iter().map(|a| a.1).collect()
    }

    fn some(s: &str) -> Option<String> {
        Some(s.to_string())
    }

    #[test]
    fn said_after_quote_both_orders() {
        assert_eq!(
            speakers("“We will rebuild,” said Amal Haddad. “It is hard,” Omar Farouk said."),
            vec![some("Amal Haddad"), some("Omar Farouk")]
        );
    }

    #[test]
    fn appositive_and_told() {
        assert_eq!(
            speakers("“No comment,” Dr. Lena Berg, the clinic’s director, told Reuters."),
            vec![some("Dr. Lena Berg")]
        );
    }

    #[test]
    fn before_quote_with_colon_and_wrote_on() {
        assert_eq!(
            speakers("Maria Okafor wrote on Facebook: “We are safe.” Later, the health ministry said “nothing” changed."),
            vec![some("Maria Okafor"), some("health ministry")]
        );
    }

    #[test]
    fn according_to_and_possessive_post() {
        assert_eq!(
            speakers("According to Ravi Menon, “the count is wrong.” Menon’s post continued: “Check it.”"),
            vec![some("Ravi Menon"), some("Menon")]
        );
    }

    #[test]
    fn pronoun_carries_to_previous_named_speaker() {
        assert_eq!(
            speakers(
                "Dr. Amal Haddad runs the clinic in the north. “We are overwhelmed,” she said."
            ),
            vec![some("Dr. Amal Haddad")]
        );
    }

    #[test]
    fn singular_pronoun_skips_unnamed_speakers() {
        assert_eq!(
            speakers("Nurse Carla Mendes said the director had told staff “the money is coming” soon. “Be patient, he says,” she said."),
            vec![some("director"), some("Carla Mendes")]
        );
    }

    #[test]
    fn pronoun_without_antecedent_is_unattributed() {
        assert_eq!(speakers("“We are overwhelmed,” she said."), vec![None]);
    }

    #[test]
    fn quote_without_reporting_verb_is_unattributed() {
        assert_eq!(
            speakers("Haddad left. “It was chaos.”\n\n“Nobody came.”"),
            vec![None, None]
        );
    }

    #[test]
    fn continued_speech_keeps_the_speaker_within_a_paragraph() {
        assert_eq!(
            speakers("“It was chaos,” Haddad said. “Nobody came.”\n\n“Help arrived late.”"),
            vec![some("Haddad"), some("Haddad"), None]
        );
    }

    #[test]
    fn job_titles_are_left_out_and_partial_quotes_take_naming_verbs() {
        assert_eq!(
            speakers("“No,” said guitarist Mick O’Donnell. Transport Minister Helen Okoro called it “a mess”."),
            vec![some("Mick O’Donnell"), some("Helen Okoro")]
        );
    }

    #[test]
    fn french_german_persian_japanese() {
        assert_eq!(
            speakers("« Nous resterons », a déclaré M. Dupont. « Toujours », a-t-il ajouté."),
            vec![some("M. Dupont"), some("M. Dupont")]
        );
        assert_eq!(
            speakers("„Wir bleiben“, sagte Anna Keller."),
            vec![some("Anna Keller")]
        );
        assert_eq!(
            speakers("علی رضایی، سخنگوی وزارت، گفت: «ما می‌مانیم.» او افزود: «کار ادامه دارد.»"),
            vec![some("علی رضایی"), some("علی رضایی")]
        );
        assert_eq!(
            speakers("田中外相は記者会見で「遺憾だ」と述べた。"),
            vec![some("田中外相")]
        );
    }
}
