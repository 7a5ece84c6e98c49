//! Claims: reported assertions and checkable statements — sentences (or the part of a sentence
//! after its reporting clause) with a reporting or claim verb (said, told, announced, estimated,
//! accused, denied, according to, …) or a figure.
//!
//! Not claims: a quote with only its reporting clause ("“We will rebuild,” she said.",
//! "X wrote on X: “…”") — the quote is the suggestion there; lines that do not end a sentence
//! (headlines, bylines, time stamps, captions with a credit, page chrome such as "Share" or
//! "Close"); lines repeated elsewhere in the text (captions pasted twice); calls to action ("Sign
//! up for our newsletter."); questions. A dateline ("PARIS (Wire) - ") is left out of the claim,
//! and in "“…,” she said, adding that 300 nurses had quit." the claim is what was added.

use std::collections::HashMap;

use super::figures::Figure;
use super::lexicon::FastHash;
use super::lexicon::{F_CHROME_OPENER, F_CLAIM_VERB, F_REPORTING_VERB, F_WEAK_REPORT};
use super::quotes::Quote;
use super::tokens::{first_at_or_after, is_alnum, is_cjk, Kind, Lowered, Tok};

/// Japanese reporting expressions (the verb follows the quote: 「…」と述べた).
const JA_MARKERS: &[&str] = &[
    "述べ",
    "語っ",
    "話し",
    "発表",
    "明らかに",
    "によると",
    "推計",
    "報じ",
    "強調",
    "批判",
    "否定",
    "説明し",
    "指摘",
];

/// Claim ranges, in order.
pub(crate) fn find(
    chars: &[char],
    toks: &[Tok],
    sentences: &[(usize, usize)],
    quotes: &[Quote],
    figures: &[Figure],
    low: &Lowered,
) -> Vec<(usize, usize)> {
    let top: Vec<&Quote> = quotes.iter().filter(|q| q.depth == 0).collect();
    let lines = body_lines(chars);
    let mut out = vec![];
    let mut f = 0;
    let mut line = 0;
    // The first token of the sentence, walked forward with the sentences.
    let mut k0 = 0;
    for &(s, e) in sentences {
        while k0 < toks.len() && toks[k0].start < s {
            k0 += 1;
        }
        while line < lines.len() && lines[line].1 <= s {
            line += 1;
        }
        let Some(&(line_start, _, body)) = lines.get(line) else {
            break;
        };
        if !body || is_question(&chars[s..e]) {
            continue;
        }
        let Some((start, k)) = claim_start(chars, toks, low, &top, (s, e, k0), line_start) else {
            continue;
        };
        while f < figures.len() && figures[f].start < start {
            f += 1;
        }
        let has_figure = f < figures.len() && figures[f].start < e;
        let (words, verb, cjk_marker) = triggers(chars, toks, low, &top, (start, e, k));
        if words >= 3 && (verb || has_figure) || cjk_marker {
            out.push((start, e));
        }
    }
    out
}

/// Every line as (start, end, whether it may hold claims): a line holds claims when it ends a
/// sentence, is not a caption credit and is not repeated elsewhere.
fn body_lines(chars: &[char]) -> Vec<(usize, usize, bool)> {
    // Trimmed line ranges.
    let mut lines = Vec::with_capacity(chars.len() / 200 + 1);
    let mut s = 0;
    for (i, &c) in chars
        .iter()
        .enumerate()
        .chain(std::iter::once((chars.len(), &'\n')))
    {
        if c == '\n' {
            let (mut a, mut b) = (s, i);
            while a < b && chars[a].is_whitespace() {
                a += 1;
            }
            while b > a && chars[b - 1].is_whitespace() {
                b -= 1;
            }
            lines.push((a, b));
            s = i + 1;
        }
    }
    // Repeated lines (captions pasted twice): grouped by a fingerprint of their length and ends,
    // then compared in full.
    let fingerprint = |&(a, b): &(usize, usize)| {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ (b - a) as u64;
        for &c in chars[a..b]
            .iter()
            .take(8)
            .chain(chars[a..b].iter().rev().take(8))
        {
            h = (h ^ u64::from(c)).wrapping_mul(0x0100_0000_01b3);
        }
        h
    };
    let mut groups: HashMap<u64, (usize, u32), FastHash> =
        HashMap::with_capacity_and_hasher(lines.len(), FastHash::default());
    let mut same_as: Vec<Option<u64>> = vec![None; lines.len()];
    for (i, l) in lines.iter().enumerate() {
        if l.1 - l.0 <= 20 {
            continue;
        }
        let fp = fingerprint(l);
        let group = groups.entry(fp).or_insert((i, 0));
        let r = lines[group.0];
        if chars[r.0..r.1] == chars[l.0..l.1] {
            group.1 += 1;
            same_as[i] = Some(fp);
        }
    }
    lines
        .iter()
        .zip(&same_as)
        .map(|(&(a, b), fp)| {
            let t = &chars[a..b];
            let repeated = fp.is_some_and(|fp| groups.get(&fp).is_some_and(|g| g.1 > 1));
            // Captions and credits are short lines; a paragraph is not searched for one.
            (
                a,
                b,
                ends_sentence(t) && !repeated && !(t.len() < 400 && is_credit(t)),
            )
        })
        .collect()
}

/// Whether a line ends with sentence-final punctuation (possibly inside closing quotation marks).
fn ends_sentence(line: &[char]) -> bool {
    let mut i = line.len();
    while i > 0
        && matches!(
            line[i - 1],
            '”' | '"' | '’' | '\'' | '»' | '«' | '“' | '」' | ' ' | '\u{a0}'
        )
    {
        i -= 1;
    }
    i > 0
        && matches!(
            line[i - 1],
            '.' | '!' | '?' | '…' | '。' | '！' | '？' | '؟'
        )
}

/// Photo credits and caption labels: "Photograph: X/Wire", "REUTERS/Name", "Image caption".
fn is_credit(line: &[char]) -> bool {
    const MARKS: &[&str] = &[
        "Photograph:",
        "Photo:",
        "REUTERS/",
        "/AFP",
        "Getty Images",
        "Image caption",
        "(Photo",
    ];
    (0..line.len()).any(|i| {
        matches!(line[i], 'P' | 'R' | '/' | 'G' | 'I' | '(')
            && MARKS.iter().any(|m| {
                let mut rest = line[i..].iter();
                m.chars().all(|c| rest.next() == Some(&c))
            })
    })
}

/// Where the claim in sentence `s..e` (first token `k0`) starts, as a position and a token index,
/// or `None` when it holds none: a sentence that is a quote with its reporting clause, a call to
/// action, or a sentence inside a quote.
fn claim_start(
    chars: &[char],
    toks: &[Tok],
    low: &Lowered,
    top: &[&Quote],
    (s, e, k0): (usize, usize, usize),
    line_start: usize,
) -> Option<(usize, usize)> {
    let qi = top.partition_point(|q| q.end <= s);
    // A sentence inside a quote (a long quote's later sentences).
    if top.get(qi).is_some_and(|q| q.start < s) {
        return None;
    }
    let mut start = s;
    let mut k = k0;
    if s == line_start {
        if let Some(after) = after_dateline(chars, toks, k0, e) {
            k = after;
            start = toks.get(after).map_or(e, |t| t.start);
        }
    }
    if k < toks.len()
        && toks[k].kind == Kind::Word
        && chars[toks[k].start].is_uppercase()
        && low.is(k, F_CHROME_OPENER)
    {
        return None;
    }
    // The first quote in the sentence decides whether it is more than a quote.
    let Some(q) = top[qi..].iter().take_while(|q| q.start < e).next() else {
        return Some((start, k));
    };
    // Japanese: 「…」と述べた — the quote with its reporting verb.
    if chars[q.start] == '「' && chars.get(q.end) == Some(&'と') {
        return None;
    }
    let before = &chars[start..q.start.max(start)];
    let before_is_punct_only = before.iter().all(|c| !is_alnum(*c));
    if before_is_punct_only {
        // "“…,” she said, adding that …": the claim is what was added.
        let from = first_at_or_after(toks, q.end);
        let mut m = from;
        while m < toks.len() && toks[m].start < e {
            if matches!(low.get(m), "adding" | "saying") {
                return Some((toks[m].start, m));
            }
            m += 1;
        }
        return None;
    }
    let last_before = before.iter().rev().find(|c| !c.is_whitespace());
    let after_is_punct_only = chars[q.end.min(e)..e].iter().all(|c| !is_alnum(*c));
    if matches!(last_before, Some(':' | ',' | '،')) && (after_is_punct_only || q.end >= e) {
        return None;
    }
    Some((start, k))
}

/// The token after a dateline or time stamp that opens a line: "PARIS - ", "GENEVA, June 2
/// (Wire) - ", "09:42 GMT — ".
fn after_dateline(chars: &[char], toks: &[Tok], k0: usize, e: usize) -> Option<usize> {
    let first = toks.get(k0)?;
    let caps = first.kind == Kind::Word
        && first.end - first.start >= 2
        && chars[first.start..first.end]
            .iter()
            .all(|c| c.is_uppercase());
    let stamp = first.kind == Kind::Num;
    if !caps && !stamp {
        return agency_dateline(chars, toks, k0, e);
    }
    let mut k = k0 + 1;
    while k < toks.len() && k < k0 + 14 && toks[k].start < e {
        let t = toks[k];
        if t.kind == Kind::Punct
            && matches!(chars[t.start], '-' | '–' | '—')
            && t.start > 0
            && chars[t.start - 1] == ' '
        {
            return Some(k + 1);
        }
        k += 1;
    }
    None
}

/// A dateline without a dash, as Indian and some Asian agencies write it: "Guwahati, Jul 14
/// (Wire) More than …" — a place, a comma, a month and a day, the agency in brackets.
fn agency_dateline(chars: &[char], toks: &[Tok], k0: usize, e: usize) -> Option<usize> {
    let word = |k: usize| toks.get(k).filter(|t| t.kind == Kind::Word && t.start < e);
    let punct = |k: usize, c: char| {
        toks.get(k)
            .is_some_and(|t| t.kind == Kind::Punct && chars[t.start] == c)
    };
    let place = word(k0)?;
    if !chars[place.start].is_uppercase() || !punct(k0 + 1, ',') {
        return None;
    }
    let month = word(k0 + 2)?;
    let m: String = chars[month.start..month.end]
        .iter()
        .flat_map(|c| c.to_lowercase())
        .collect();
    if !super::lexicon::is_month(&m) {
        return None;
    }
    let mut k = k0 + 3;
    if punct(k, '.') {
        k += 1;
    }
    if !toks.get(k).is_some_and(|t| t.kind == Kind::Num) || !punct(k + 1, '(') {
        return None;
    }
    k += 2;
    while word(k).is_some() {
        k += 1;
    }
    (punct(k, ')') && word(k + 1).is_some()).then_some(k + 1)
}

/// Words in `start..e` (first token `k`), whether a claim or reporting verb occurs outside quotes, and whether a
/// Japanese reporting expression does.
fn triggers(
    chars: &[char],
    toks: &[Tok],
    low: &Lowered,
    top: &[&Quote],
    (start, e, mut k): (usize, usize, usize),
) -> (usize, bool, bool) {
    let mut words = 0;
    let mut verb = false;
    let mut cjk_marker = false;
    let mut qi = top.partition_point(|q| q.end <= start);
    while k < toks.len() && toks[k].start < e {
        let t = &toks[k];
        while qi < top.len() && top[qi].end <= t.start {
            qi += 1;
        }
        let quoted = top.get(qi).is_some_and(|q| q.start <= t.start);
        if t.kind == Kind::Word {
            words += 1;
            if !verb && !quoted {
                verb = low.is(k, F_CLAIM_VERB | F_REPORTING_VERB)
                    && (!low.is(k, F_WEAK_REPORT)
                        || (k + 1..(k + 5).min(toks.len()))
                            .any(|m| low.get(m) == "that" || toks[m].is_punct(chars, ':')));
                if !verb && t.end - t.start > 2 && is_cjk(chars[t.start]) {
                    let text: String = chars[t.start..t.end].iter().collect();
                    cjk_marker = cjk_marker || JA_MARKERS.iter().any(|m| text.contains(m));
                }
            }
        }
        k += 1;
    }
    (words, verb, cjk_marker)
}

/// Whether the sentence ends with a question mark outside quotation marks.
fn is_question(sentence: &[char]) -> bool {
    matches!(sentence.last(), Some('?' | '？' | '؟'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::suggest::tokens::Lowered;
    use crate::suggest::{figures, quotes, sentences, tokens::tokenize};

    fn claims(text: &str) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        let toks = tokenize(&chars);
        let sents = sentences::split(&chars);
        let low = Lowered::new(&chars, &toks);
        let figs = figures::find(&chars, &toks, &low);
        let qs = quotes::find(&chars);
        find(&chars, &toks, &sents, &qs, &figs, &low)
            .into_iter()
            .map(|(s, e)| chars[s..e].iter().collect())
            .collect()
    }

    #[test]
    fn reporting_verbs_and_figures_make_claims() {
        assert_eq!(
            claims("The ministry denied the report. The sky is blue. Prices rose 25% in May. Will it last?"),
            vec!["The ministry denied the report.", "Prices rose 25% in May."]
        );
    }

    #[test]
    fn dates_alone_do_not_make_claims() {
        assert!(claims("The meeting is on Jan. 13 at 10:30 in the hall.").is_empty());
    }

    #[test]
    fn a_quote_with_its_reporting_clause_is_not_a_claim() {
        assert!(
            claims("“We will rebuild,” she said. Ana Ruiz wrote on X: “We stay here.”").is_empty()
        );
    }

    #[test]
    fn the_added_part_of_a_quote_sentence_is_a_claim() {
        assert_eq!(
            claims("“We are exhausted,” said Haddad, adding that 300 nurses had quit."),
            vec!["adding that 300 nurses had quit."]
        );
    }

    #[test]
    fn a_quote_inside_a_clause_keeps_the_claim() {
        assert_eq!(
            claims("He blamed “armed gangs who do not want peace” for the violence."),
            vec!["He blamed “armed gangs who do not want peace” for the violence."]
        );
    }

    #[test]
    fn headlines_chrome_captions_and_datelines() {
        let text =
            "Floods kill 40 in delta\nShare\nSign up for our newsletter and get 3 alerts a day.\n\
                    PARIS (Wire) - Officials said 40 people died.\n\
                    Rescuers search the rubble, the army said. Photograph: Ana Cruz/Wire\n\
                    A dog waits on a roof as officials said 12 homes were lost.\n\
                    A dog waits on a roof as officials said 12 homes were lost.";
        assert_eq!(claims(text), vec!["Officials said 40 people died."]);
    }

    #[test]
    fn long_datelines_and_agency_datelines_without_a_dash() {
        let text =
            "SALDERA, Verana, Feb. 11 (Wire) - A quake killed 212 people, the agency said.\n\
                    Guwahati, Jul 14 (Wire) More than 5,000 people fled, officials said.";
        assert_eq!(
            claims(text),
            vec![
                "A quake killed 212 people, the agency said.",
                "More than 5,000 people fled, officials said."
            ]
        );
    }
}
