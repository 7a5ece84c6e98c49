//! Speaker attribution: who said each quote, and who reports each sentence's figures.
//!
//! Attribution is a sieve: every top-level quote goes through the stages in order and the first
//! that answers wins; each answer records its [`Stage`] so that the stages can be measured one by
//! one.
//! 1. [`Stage::Pattern`]: a fixed shape right next to the quote — "…,” said X", "…,” X said",
//!    "X said: “…", "X wrote on P: “…" (the platform is never the speaker), "according to X",
//!    "…», a déclaré X", "…“, so X", Japanese "Xは「…」と述べた".
//! 2. [`Stage::ReportingVerb`]: a reporting verb further away with a named subject — "X, the
//!    clinic’s director, told Reuters", "X told Reuters on Tuesday that “…", "X called it “…”".
//! 3. [`Stage::Coreference`]: the subject is a pronoun ("he", "her post", "a-t-il", "او") or a
//!    definite description ("the official", "the sprinter"); it is carried to the nearest
//!    compatible named mention — the subject of its own sentence first, then the nearest person
//!    (or, for "it", organisation) named or attributed earlier, within and across paragraphs.
//! 4. [`Stage::Continuation`]: a quote that makes up its own sentence (or paragraph) right after an
//!    attributed quote keeps that speaker.
//! 5. [`Stage::ScareQuote`]: a quote inside a clause without a reporting verb takes the clause's
//!    subject ("officials blame the unrest on “agitators”").
//!
//! A subject is a name (a run of capitalised words with titles and particles: "Dr. Amal Haddad",
//! "Ursula von der Leyen"), a noun phrase ending in a speaker noun ("police spokesman", "health
//! ministry"), a run of words in a script without case, or a pronoun. The speaker returned is
//! always the entity's mention in the text, never the pronoun. A quote none of the stages reaches
//! gets no speaker.

use std::cell::Cell;
use std::collections::HashSet;

use super::lexicon::FastHash;
use super::lexicon::{
    currency_word, is_according, is_determiner, is_function_word, is_inverted_pronoun,
    is_naming_verb, is_pronoun, is_reporting_verb, is_speaker_noun, is_statement_noun, is_stopword,
    multiplier, F_ACCORDING, F_ADVERBIAL_OPENER, F_CLAIM_VERB, F_DETERMINER, F_FUNCTION_WORD,
    F_JOB_TITLE, F_NAME_PARTICLE, F_NAMING_VERB, F_ORG_WORD, F_PLATFORM, F_PREPOSITION, F_PRONOUN,
    F_REPORTING_VERB, F_SPEAKER_NOUN, F_STATEMENT_NOUN, F_STOPWORD, F_TITLE_ABBREV, F_VERB_FILLER,
};
use super::quotes::Quote;
use super::sentences::containing;
use super::tokens::{
    is_alnum, is_alpha, is_capitalised, is_cjk, is_uncased_letter, Kind, Lowered, Tok,
};
use super::Stage;

/// Every quote's attribution and every sentence's source, as [`attribute`] returns them.
pub(crate) type Attributions = (Vec<Option<Found>>, Vec<Option<(usize, usize)>>);

/// A speaker found for a quote: the entity's mention and the sieve stage that found it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Found {
    /// First code point of the mention.
    pub start: usize,
    /// One past its last code point.
    pub end: usize,
    /// The stage of the sieve that answered.
    pub stage: Stage,
}

/// Who a subject refers to before pronouns are resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Subject {
    /// A name or noun phrase at this range.
    Named(usize, usize),
    /// A pronoun at this position.
    Pronoun(usize),
    /// A definite description of a person ("the official") at this range.
    Definite(usize, usize),
}

/// What kind of antecedent a pronoun or description asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Wants {
    /// "he", "she", "the official": a person.
    Person,
    /// "they": a person or a group.
    Plural,
    /// "it": an organisation.
    Organisation,
}

/// A capitalised name run outside quotes that reads as a person or an organisation (positions as
/// `u32` to keep the list small: it is built for every text).
#[derive(Debug, Clone, Copy)]
struct Mention {
    start: u32,
    end: u32,
    /// The token of its last word.
    last: u32,
    sentence: u32,
    /// Whether it reads as a person (two or more name words, a title, or the surname of one).
    person: bool,
    /// Whether it reads as an organisation ("Red Crescent", "United Nations").
    org: bool,
}

impl Mention {
    fn span(&self) -> (usize, usize) {
        (self.start as usize, self.end as usize)
    }
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

/// How many sentences back a pronoun may find its antecedent.
const COREFERENCE_SENTENCES: usize = 8;

struct Ctx<'a> {
    chars: &'a [char],
    toks: &'a [Tok],
    low: &'a Lowered,
    sentences: &'a [(usize, usize)],
    /// Whether each token lies inside a top-level quote (marks included).
    in_quote: Vec<bool>,
    /// Name runs outside quotes, in order.
    mentions: Vec<Mention>,
    /// Where the last token look-up ended: look-ups start from there (see [`Ctx::tok`]).
    hint: Cell<usize>,
}

impl Ctx<'_> {
    /// The index of the first token starting at or after `pos` — `first_at_or_after`, searched
    /// outwards from the previous look-up: the rules look near the quote they work on, and a
    /// search over the whole token list misses the cache at every step on a long text.
    fn tok(&self, pos: usize) -> usize {
        let toks = self.toks;
        let n = toks.len();
        let h = self.hint.get().min(n);
        let (lo, hi) = if h < n && toks[h].start < pos {
            // The answer is after h: gallop forward.
            let (mut lo, mut step) = (h + 1, 1);
            loop {
                let probe = h + step;
                if probe >= n {
                    break (lo, n);
                }
                if toks[probe].start >= pos {
                    break (lo, probe);
                }
                lo = probe + 1;
                step *= 2;
            }
        } else {
            // The answer is h or before: gallop backward.
            let (mut hi, mut step) = (h, 1);
            loop {
                if hi == 0 {
                    break (0, 0);
                }
                let probe = hi - step.min(hi);
                if toks[probe].start < pos {
                    break (probe + 1, hi);
                }
                hi = probe;
                step *= 2;
            }
        };
        let k = lo + toks[lo..hi].partition_point(|t| t.start < pos);
        self.hint.set(k);
        k
    }

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
        is_capitalised(self.chars, &self.toks[k]) && !self.low.is(k, F_FUNCTION_WORD)
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
    /// Whether the span is a single social platform's name ("X", "Telegram").
    fn is_platform(&self, s: usize, e: usize) -> bool {
        let k = self.tok(s);
        k < self.toks.len() && self.toks[k].end >= e && self.low.is(k, F_PLATFORM)
    }
    /// Whether the span reads as an organisation or a group rather than a person.
    fn is_org_span(&self, s: usize, e: usize) -> bool {
        if self.chars[s].is_lowercase() {
            return true;
        }
        let mut k = self.tok(s);
        while k < self.toks.len() && self.toks[k].start < e {
            if self.low.is(k, F_ORG_WORD) {
                return true;
            }
            k += 1;
        }
        false
    }
}

/// Name runs outside quotes, with whether each reads as a person or an organisation.
fn find_mentions(ctx: &Ctx) -> Vec<Mention> {
    let mut out = vec![];
    let mut surnames: HashSet<&str, FastHash> = HashSet::default();
    let n = ctx.toks.len();
    let mut k = 0;
    let mut si = 0;
    while k < n {
        if ctx.in_quote[k] || !(ctx.is_name_word(k) || ctx.low.is(k, F_TITLE_ABBREV)) {
            k += 1;
            continue;
        }
        let first = k;
        let (mut words, mut titled, mut org) = (0, false, false);
        let mut last = k;
        while k < n && !ctx.in_quote[k] {
            if ctx.is_name_word(k) {
                words += 1;
                org = org || ctx.low.is(k, F_ORG_WORD);
                titled = titled || ctx.low.is(k, F_TITLE_ABBREV) || ctx.low.is(k, F_JOB_TITLE);
                last = k;
                k += 1;
                if k < n && ctx.is_punct(k, '.') && ctx.low.is(last, F_TITLE_ABBREV) {
                    k += 1;
                }
                if ctx.is_possessive(last) {
                    break;
                }
            } else if (ctx.is_word(k)
                && ctx.low.is(k, F_NAME_PARTICLE)
                && k + 1 < n
                && ctx.is_name_word(k + 1))
                || (ctx.is_punct(k, '\'') || ctx.is_punct(k, '’'))
                    && ctx.toks[k].start == ctx.toks[k - 1].end
                    && k + 1 < n
                    && ctx.is_name_word(k + 1)
            {
                // "Ursula von der Leyen", "Harwick Tenants' Alliance".
                k += 1;
            } else if org
                && matches!(ctx.lower(k), "of" | "for" | "to")
                && k + 1 < n
                && ctx.is_name_word(k + 1)
                && !ctx.in_quote[k + 1]
            {
                // "Royal College of Nursing", "Committee to Protect Journalists".
                k += 1;
            } else {
                break;
            }
        }
        // "2,4 Milliarden Euro", "Euro": German capitalises amounts and currencies; no name.
        let amount =
            multiplier(ctx.lower(first)).is_some() || currency_word(ctx.lower(first)).is_some();
        if words == 0 || amount {
            k = first + 1;
            continue;
        }
        // Job titles at the front are not the name: "Education Secretary Mark Fenwick".
        let mut first = first;
        // Honorifics stay ("Mrs. Adaeze Obi", "Mr Okafor").
        while first < last
            && ctx.low.is(first, F_JOB_TITLE)
            && !ctx.low.is(first, F_TITLE_ABBREV)
            && !ctx.low.is(last, F_ORG_WORD)
        {
            first += 1;
        }
        let start = ctx.toks[first].start;
        while si + 1 < ctx.sentences.len() && ctx.sentences[si].1 <= start {
            si += 1;
        }
        // "in Pine Hollow" is a place; "according to Ravi Menon" is not.
        let after_prep = first > 0
            && ctx.low.is(first - 1, F_PREPOSITION)
            && !(first > 1 && ctx.lower(first - 1) == "to" && ctx.low.is(first - 2, F_ACCORDING));
        let platform = words == 1 && ctx.low.is(last, F_PLATFORM);
        let surname = ctx.lower(last);
        let known_surname = surnames.contains(surname);
        let person = !org && !platform && !after_prep && (words >= 2 || titled || known_surname);
        if person && words >= 2 && !known_surname {
            surnames.insert(surname);
        }
        // Kept: what a pronoun may stand for, and longer names a short mention may shorten.
        let org = org && !after_prep;
        if person || org || words >= 2 {
            out.push(Mention {
                start: start as u32,
                last: last as u32,
                end: ctx.end_without_possessive(last) as u32,
                sentence: si as u32,
                person,
                org,
            });
        }
        k = k.max(first + 1);
    }
    out
}

/// The attribution of every quote (`None` for unattributed and nested quotes), aligned with
/// `quotes`, and the source of every sentence's statements (who reports them: "…, the ministry
/// said", "according to X", "He said …"), aligned with `sentences` — `None` where no sentence
/// source is asked for (`source_of[si]` false) or found.
pub(crate) fn attribute(
    chars: &[char],
    toks: &[Tok],
    sentences: &[(usize, usize)],
    quotes: &[Quote],
    low: &Lowered,
    source_of: &[bool],
) -> Attributions {
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
    let mut ctx = Ctx {
        chars,
        toks,
        low,
        sentences,
        in_quote,
        mentions: vec![],
        hint: Cell::new(0),
    };
    ctx.mentions = find_mentions(&ctx);
    let mut out = vec![None; quotes.len()];
    // Speakers attributed so far, sorted by start.
    let mut known: Vec<(usize, usize)> = vec![];
    // The last top-level quote seen, with its speaker.
    let mut last_top: Option<(usize, usize, Option<Found>)> = None;
    let mut next_top = 0;
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
            .or_else(|| japanese(&ctx, q).map(|s| (s, Stage::Pattern)));
        let found = match subject {
            Some((subject, stage)) => {
                resolve(&ctx, subject, &known).map(|(s, e, resolved)| Found {
                    start: s,
                    end: e,
                    stage: if resolved { Stage::Coreference } else { stage },
                })
            }
            None => None,
        }
        .or_else(|| continued_speech(&ctx, q, last_top))
        .or_else(|| {
            let subject = clause_subject(&ctx, q)?;
            let (s, e, _) = resolve(&ctx, subject, &known)?;
            Some(Found {
                start: s,
                end: e,
                stage: Stage::ScareQuote,
            })
        });
        let found = found.map(|f| {
            let (start, end) = full_name(&ctx, f.start, f.end);
            Found { start, end, ..f }
        });
        last_top = Some((q.start, q.end, found));
        if let Some(f) = found {
            // Kept in text order, so that a look-up reads only the window it needs.
            let at = known.partition_point(|&(s, _)| s <= f.start);
            known.insert(at, (f.start, f.end));
        }
        out[qi] = found;
    }
    let sources = (0..sentences.len())
        .map(|si| {
            if source_of.get(si).copied().unwrap_or(false) {
                sentence_source(&ctx, si, &known)
            } else {
                None
            }
        })
        .collect();
    (out, sources)
}

/// Turns a subject into the entity's mention: names stay (platforms are refused), pronouns and
/// definite descriptions are resolved. The flag says whether resolution was needed.
fn resolve(ctx: &Ctx, subject: Subject, known: &[(usize, usize)]) -> Option<(usize, usize, bool)> {
    match subject {
        Subject::Named(s, e) => (!ctx.is_platform(s, e)).then_some((s, e, false)),
        Subject::Pronoun(pos) => {
            let word: String = ctx.chars[pos..]
                .iter()
                .take_while(|c| is_alpha(**c))
                .collect::<String>()
                .to_lowercase();
            let wants = match word.as_str() {
                "they" | "their" | "ils" | "elles" => Wants::Plural,
                "it" | "its" => Wants::Organisation,
                _ => Wants::Person,
            };
            antecedent(ctx, pos, wants, known).map(|(s, e)| (s, e, true))
        }
        Subject::Definite(s, e) => indefinite_antecedent(ctx, s, e)
            .or_else(|| antecedent(ctx, s, Wants::Person, known))
            .map(|(a, b)| (a, b, true))
            .or(Some((s, e, false))),
    }
}

/// "a coastguard official … the official said": the earlier indefinite mention of the same noun,
/// within three sentences.
fn indefinite_antecedent(ctx: &Ctx, s: usize, e: usize) -> Option<(usize, usize)> {
    let noun_tok = ctx.tok(e) - 1;
    let noun = ctx.lower(noun_tok);
    let si = containing(ctx.sentences, s)?;
    let from = ctx.tok(ctx.sentences[si.saturating_sub(3)].0);
    let to = ctx.tok(s);
    let mut k = to;
    while k > from {
        k -= 1;
        if !ctx.in_quote[k] && ctx.lower(k) == noun && k != noun_tok {
            let mut j = k;
            while j > from && k - j < 3 && ctx.is_word(j - 1) && !ctx.low.is(j - 1, F_DETERMINER) {
                j -= 1;
            }
            if j > from && matches!(ctx.lower(j - 1), "a" | "an") {
                return Some((ctx.toks[j].start, ctx.toks[k].end));
            }
        }
    }
    None
}

/// The nearest compatible named antecedent of a pronoun at `pos`: the subject of its own sentence
/// when that comes first, else the nearest earlier person (or organisation) mention or attributed
/// speaker within [`COREFERENCE_SENTENCES`] sentences, across paragraphs.
fn antecedent(
    ctx: &Ctx,
    pos: usize,
    wants: Wants,
    known: &[(usize, usize)],
) -> Option<(usize, usize)> {
    let si = containing(ctx.sentences, pos).unwrap_or(0);
    let lowest = si.saturating_sub(COREFERENCE_SENTENCES);
    let window_start = ctx.sentences.get(lowest).map_or(0, |s| s.0);
    let fits = |m: &Mention| match wants {
        Wants::Person => m.person,
        Wants::Plural => m.person || m.org,
        Wants::Organisation => m.org,
    };
    let end = ctx.mentions.partition_point(|m| (m.start as usize) < pos);
    // The subject of the pronoun's own sentence, when it opens the sentence.
    if let Some(m) = ctx.mentions[..end]
        .iter()
        .rev()
        .take_while(|m| m.sentence as usize == si)
        .last()
    {
        let first_tok = ctx.tok(ctx.sentences[si].0);
        let m_tok = ctx.tok(m.start as usize);
        if fits(m) && m_tok <= first_tok + 3 {
            return Some(m.span());
        }
    }
    let mention = ctx.mentions[..end]
        .iter()
        .rev()
        .take_while(|m| m.start as usize >= window_start)
        .find(|m| fits(m))
        .map(Mention::span);
    let before = known.partition_point(|&(s, _)| s < pos);
    let attributed = known[..before]
        .iter()
        .rev()
        .take_while(|&&(s, _)| s >= window_start)
        .find(|&&(s, e)| match wants {
            Wants::Person => !ctx.is_org_span(s, e),
            Wants::Plural => true,
            Wants::Organisation => ctx.is_org_span(s, e),
        })
        .copied();
    match (attributed, mention) {
        (Some(a), Some(n)) => Some(if n.0 > a.0 { n } else { a }),
        (a, n) => a.or(n),
    }
}

/// The convention for continued speech: a quote that makes up its own sentence, right after a
/// sentence whose quote was attributed — in the same paragraph or opening the next one — continues
/// that speaker ("“It was chaos,” Haddad said. “Nobody came.”").
fn continued_speech(
    ctx: &Ctx,
    q: &Quote,
    earlier: Option<(usize, usize, Option<Found>)>,
) -> Option<Found> {
    let si = containing(ctx.sentences, q.start)?;
    let (s, _) = ctx.sentences[si];
    // The quote runs to the end of its sentence (or of several, for a long quote).
    let last = containing(ctx.sentences, q.end - 1)?;
    let e = ctx.sentences[last].1;
    let rest_outside = ctx.chars[s..q.start]
        .iter()
        .chain(&ctx.chars[q.end.min(e)..e])
        .any(|c| is_alnum(*c));
    if s != q.start || rest_outside || si == 0 {
        return None;
    }
    let (ps, pe) = ctx.sentences[si - 1];
    let (last_start, last_end, found) = earlier?;
    let found = found?;
    (last_start >= ps && last_end <= pe).then_some(Found {
        stage: Stage::Continuation,
        ..found
    })
}

/// The subject of the clause a quote sits in, for quotes no reporting verb reaches: "Officials
/// blamed the unrest on “agitators”", "He blamed “armed gangs”", "Last week he promised “zero
/// tolerance”". A quote that opens its sentence has no such clause.
fn clause_subject(ctx: &Ctx, q: &Quote) -> Option<Subject> {
    let win = before_window(ctx, q);
    if win.is_empty() || ctx.toks[win[0]].start >= q.start {
        return None;
    }
    let mut i = 0;
    if ctx.low.is(win[0], F_ADVERBIAL_OPENER) {
        match (1..win.len().min(9)).find(|&m| ctx.is_punct(win[m], ',')) {
            Some(c) => i = c + 1,
            None => {
                while i < win.len()
                    && i < 3
                    && !ctx.is_name_word(win[i])
                    && !ctx.low.is(win[i], F_PRONOUN)
                {
                    i += 1;
                }
            }
        }
    }
    if let Some((subject, _)) = subject_forward(ctx, &win, i) {
        if let Subject::Named(s, e) = subject {
            if ctx.chars[s].is_lowercase() || ctx.is_platform(s, e) {
                // "La ministre des Transports, Agnès Morel, …": prefer a person named in apposition.
                if let Some(m) = person_in(ctx, ctx.toks[win[i]].start, q.start) {
                    return Some(Subject::Named(m.0, m.1));
                }
            }
        }
        return Some(subject);
    }
    person_in(ctx, ctx.toks[win[i.min(win.len() - 1)]].start, q.start)
        .map(|(s, e)| Subject::Named(s, e))
}

/// The first person mention in `from..to`.
fn person_in(ctx: &Ctx, from: usize, to: usize) -> Option<(usize, usize)> {
    let k = ctx.mentions.partition_point(|m| (m.start as usize) < from);
    ctx.mentions[k..]
        .iter()
        .take_while(|m| (m.start as usize) < to)
        .find(|m| m.person)
        .map(Mention::span)
}

/// Who reports the statements of sentence `si`: "according to X", "X said …", "…, X said",
/// pronouns resolved.
fn sentence_source(ctx: &Ctx, si: usize, known: &[(usize, usize)]) -> Option<(usize, usize)> {
    let (s, e) = ctx.sentences[si];
    let from = ctx.tok(s);
    let to = ctx.tok(e);
    let mut win: Vec<usize> = Vec::with_capacity(to - from);
    win.extend((from..to).filter(|&k| !ctx.in_quote[k] && ctx.toks[k].kind != Kind::Break));
    if let Some(source) = japanese_source(ctx, &win) {
        return Some(source);
    }
    let mut subject = None;
    for (m, &k) in win.iter().enumerate() {
        // Persian "به گفته X" / "به گزارش X", German "nach Angaben X": according to X.
        let according_phrase = m > 0
            && ((matches!(ctx.lower(k), "گفته" | "گزارش") && ctx.lower(win[m - 1]) == "به")
                || (ctx.lower(k) == "angaben" && ctx.lower(win[m - 1]) == "nach"));
        if ctx.low.is(k, F_ACCORDING) || according_phrase {
            let skip = usize::from(m + 1 < win.len() && ctx.lower(win[m + 1]) == "to");
            subject = subject_forward(ctx, &win, m + 1 + skip).map(|(s, _)| s);
        } else if ctx.low.is(k, F_REPORTING_VERB) || ctx.low.is(k, F_CLAIM_VERB) {
            // Arabic and Persian drop the subject: "وأضاف أن …" continues the last speaker.
            if m == 0
                && ctx.uncased(k)
                && win
                    .get(1)
                    .is_some_and(|&n| matches!(ctx.lower(n), "إن" | "أن" | "که"))
            {
                subject = Some(Subject::Pronoun(ctx.toks[k].start));
                break;
            }
            subject = subject_before_verb(ctx, &win, m).or_else(|| {
                let (s, j) = subject_forward(ctx, &win, m + 1)?;
                // "…, teilte die Behörde mit.": a German verb particle may close the clause;
                // "قال الدفاع المدني إن …": Arabic puts the subject between the verb and "that".
                let closes = |j: usize| j >= win.len() || ctx.toks[win[j]].kind == Kind::Punct;
                let ends = closes(j)
                    || (matches!(ctx.lower(win[j]), "mit" | "an") && closes(j + 1))
                    || matches!(ctx.lower(win[j]), "إن" | "أن");
                ends.then_some(s)
            });
        }
        if subject.is_some() {
            break;
        }
    }
    resolve(ctx, subject?, known).map(|(s, e, _)| full_name(ctx, s, e))
}

/// The source of a Japanese sentence: "気象庁によると、…", "鹿児島県は、…と発表した".
fn japanese_source(ctx: &Ctx, win: &[usize]) -> Option<(usize, usize)> {
    let &k = win.first()?;
    let t = ctx.toks[k];
    if t.kind != Kind::Word || !is_cjk(ctx.chars[t.end - 1]) {
        return None;
    }
    let w = &ctx.chars[t.start..t.end];
    let ends = |suffix: &str| {
        let n = suffix.chars().count();
        w.len() > n && w[w.len() - n..].iter().copied().eq(suffix.chars())
    };
    if ends("によると") {
        return Some((t.start, t.end - 4));
    }
    if ends("は") && win.get(1).is_some_and(|&n| ctx.is_punct(n, '、')) {
        // The topic reports when the sentence ends in a reporting verb after と.
        let reports = win.iter().any(|&m| {
            let t = ctx.toks[m];
            let text = &ctx.chars[t.start..t.end];
            ["と発表", "と明らかに", "と述べ", "と指摘", "と説明", "と語"]
                .iter()
                .any(|v| {
                    let n = v.chars().count();
                    text.windows(n).any(|x| x.iter().copied().eq(v.chars()))
                })
        });
        if reports {
            return Some((t.start, t.end - 1));
        }
    }
    None
}

/// The entity's fullest earlier mention for a short one: "Lal" → "Priya Lal", "the alliance" →
/// "Harwick Tenants' Alliance" (same last word, within the last forty mentions).
fn full_name(ctx: &Ctx, s: usize, e: usize) -> (usize, usize) {
    // One name word, after honorifics or not: "Lal", "Dr. Velasco", "Mrs. Obi".
    let words = {
        let (from, to) = (ctx.tok(s), ctx.tok(e));
        (from..to)
            .filter(|&k| ctx.is_word(k) && !ctx.low.is(k, F_TITLE_ABBREV))
            .count()
    };
    let short = words <= 1 || ctx.chars[s].is_lowercase();
    if !short {
        return (s, e);
    }
    let last_tok = ctx.tok(e).saturating_sub(1);
    let word = ctx.lower(last_tok);
    let word = word.strip_suffix("'s").unwrap_or(word);
    if word.is_empty() {
        return (s, e);
    }
    let end = ctx.mentions.partition_point(|m| (m.start as usize) < s);
    ctx.mentions[end.saturating_sub(40)..end]
        .iter()
        .rev()
        .find(|m| {
            (m.end - m.start) as usize > e - s && {
                let w = ctx.lower(m.last as usize);
                w.strip_suffix("'s").unwrap_or(w) == word
            }
        })
        .map_or((s, e), Mention::span)
}

/// Token indices of the rest of the quote's sentence after it, up to the next quote.
fn after_window(ctx: &Ctx, q: &Quote, next_quote_start: usize) -> Vec<usize> {
    let Some(si) = containing(ctx.sentences, q.end - 1) else {
        return vec![];
    };
    let limit = ctx.sentences[si].1.min(next_quote_start);
    let mut out = Vec::with_capacity(16);
    let mut k = ctx.tok(q.end);
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
    let from = ctx.tok(ctx.sentences[si].0);
    let to = ctx.tok(q.start);
    let mut win = Vec::with_capacity(to - from);
    win.extend((from..to).filter(|&k| !ctx.in_quote[k]));
    win
}

fn after_quote(ctx: &Ctx, q: &Quote, next_quote_start: usize) -> Option<(Subject, Stage)> {
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
    let direct = |s: Option<(Subject, usize)>| s.map(|(s, _)| (s, Stage::Pattern));
    if is_inverted_pronoun(w0) {
        return Some((Subject::Pronoun(ctx.toks[win[i]].start), Stage::Pattern));
    }
    if is_according(w0) {
        let skip = usize::from(i + 1 < win.len() && ctx.lower(win[i + 1]) == "to");
        return direct(subject_forward(ctx, &win, i + 1 + skip));
    }
    if w0 == "so" && ctx.chars[ctx.toks[win[i]].start] == 's' {
        return direct(
            subject_forward(ctx, &win, i + 1).filter(|(s, _)| matches!(s, Subject::Named(..))),
        );
    }
    if is_reporting_verb(w0) {
        return direct(subject_forward(ctx, &win, i + 1));
    }
    if matches!(w0, "a" | "has") && i + 1 < win.len() && ctx.low.is(win[i + 1], F_REPORTING_VERB) {
        return direct(subject_forward(ctx, &win, i + 2));
    }
    // Subject first, then (a statement noun, an appositive, fillers and) the verb.
    let (subject, mut j) = subject_forward(ctx, &win, i)?;
    let at = j;
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
    let stage = if j == at {
        Stage::Pattern
    } else {
        Stage::ReportingVerb
    };
    (j < win.len() && ctx.low.is(win[j], F_REPORTING_VERB)).then_some((subject, stage))
}

fn before_quote(ctx: &Ctx, q: &Quote) -> Option<(Subject, Stage)> {
    let win = before_window(ctx, q);
    if win.is_empty() {
        return None;
    }
    let lowest = win.len().saturating_sub(14);
    let naming_from = win.len().saturating_sub(4);
    let v = (lowest..win.len()).rev().find(|&m| {
        ctx.low.is(win[m], F_REPORTING_VERB | F_ACCORDING)
            || (q.partial && m >= naming_from && ctx.low.is(win[m], F_NAMING_VERB))
    })?;
    let w = ctx.lower(win[v]);
    let persian_according = w == "گفته" && v > 0 && ctx.lower(win[v - 1]) == "به";
    if is_according(w) || persian_according {
        let skip = usize::from(v + 1 < win.len() && ctx.lower(win[v + 1]) == "to");
        return subject_forward(ctx, &win, v + 1 + skip).map(|(s, _)| (s, Stage::Pattern));
    }
    // "X said: “…", "X wrote on Telegram: “…": the verb (and a platform) right before the quote.
    let tail = &win[v + 1..];
    let adjacent = match tail.len() {
        0 => true,
        1 => ctx.toks[tail[0]].kind == Kind::Punct,
        3 => ctx.lower(tail[0]) == "on" && ctx.toks[tail[2]].kind == Kind::Punct,
        _ => false,
    };
    let stage = if adjacent && !is_naming_verb(w) {
        Stage::Pattern
    } else {
        Stage::ReportingVerb
    };
    // Inverted: "said Smith:", "a déclaré M. Dupont :", "قال X".
    let found = subject_before_verb(ctx, &win, v).or_else(|| {
        let (s, j) = subject_forward(ctx, &win, v + 1)?;
        let ends = j >= win.len()
            || ctx.is_punct(win[j], ':')
            || ctx.is_punct(win[j], ',')
            || ctx.is_punct(win[j], '،');
        ends.then_some(s)
    })?;
    Some((found, stage))
}

/// The subject of the verb at `win[v]`, walking left over fillers ("has also said") and an
/// appositive: "Dr. Lena Berg, the clinic’s director, told" gives the name before the commas,
/// "Its chairman, Rob Kealy, said" the name between them.
fn subject_before_verb(ctx: &Ctx, win: &[usize], v: usize) -> Option<Subject> {
    let mut b = v;
    while b > 0 && ctx.low.is(win[b - 1], F_VERB_FILLER) {
        b -= 1;
    }
    // "… wie das Portal Wohnblick am Montag mitteilte": a time phrase before a final verb.
    if b >= 2
        && is_weekday(ctx.lower(win[b - 1]))
        && ctx.low.is(win[b - 2], F_PREPOSITION | F_ADVERBIAL_OPENER)
    {
        b -= 2;
    }
    if b == 0 {
        return None;
    }
    let idx = b - 1;
    if ctx.is_punct(win[idx], ',') || ctx.is_punct(win[idx], '،') {
        let open = (idx.saturating_sub(16)..idx)
            .rev()
            .find(|&m| ctx.is_punct(win[m], ',') || ctx.is_punct(win[m], '،'))?;
        let outer = if open > 0 {
            subject_backward(ctx, win, open - 1)
        } else {
            None
        };
        // A name making up the whole appositive: "Its chairman, Rob Kealy, said".
        let inner = if idx > 0 && open + 1 < idx {
            subject_backward(ctx, win, idx - 1).filter(|s| match s {
                Subject::Named(s, _) => {
                    let at = ctx.tok(*s);
                    ctx.chars[*s].is_uppercase()
                        && (win[open + 1]..at)
                            .all(|t| ctx.low.is(t, F_JOB_TITLE) || ctx.low.is(t, F_DETERMINER))
                }
                _ => false,
            })
        } else {
            None
        };
        // The subject before the commas wins when it is a person's name (two words or more, not
        // after a preposition): "Dr. Lena Berg, the director,", "Lucia Ferri, who heads …,".
        let outer_is_person = match outer {
            Some(Subject::Named(s, e)) => {
                let first = ctx.tok(s);
                let words = ctx.chars[s..e].iter().filter(|c| c.is_whitespace()).count() + 1;
                ctx.chars[s].is_uppercase()
                    && (words >= 2 || inner.is_none())
                    && !(first > 0 && ctx.low.is(first - 1, F_PREPOSITION))
            }
            Some(Subject::Pronoun(_)) => true,
            _ => false,
        };
        return if outer_is_person {
            outer
        } else {
            inner.or(outer)
        };
    }
    subject_backward(ctx, win, idx)
}

/// Reads a subject starting at `win[i]`; returns it and the index after it.
fn subject_forward(ctx: &Ctx, win: &[usize], mut i: usize) -> Option<(Subject, usize)> {
    let mut the = false;
    if i < win.len() && ctx.low.is(win[i], F_DETERMINER) && i + 1 < win.len() {
        the = matches!(ctx.lower(win[i]), "the" | "le" | "la" | "der" | "die");
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
        // Up to the colon or comma that ends an inverted subject, at most six words.
        let limit = (i..win.len().min(i + 6))
            .find(|&m| {
                !ctx.uncased(win[m])
                    || ctx.low.is(win[m], F_REPORTING_VERB)
                    || matches!(ctx.lower(win[m]), "إن" | "أن" | "که")
            })
            .unwrap_or(win.len().min(i + 6));
        let j = if limit < win.len() && ctx.toks[win[limit]].kind == Kind::Punct {
            limit
        } else {
            limit.min(i + 3)
        };
        if j == i {
            return None;
        }
        // "المتحدث باسم الوزارة سامر الخطيب": a job title and its body before the name; the
        // name is the run's last two words.
        let first = if j - i >= 4 && is_uncased_title(ctx.lower(k)) {
            win[j - 2]
        } else {
            k
        };
        let (s, e) = (
            ctx.toks[first].start,
            ctx.end_without_possessive(win[j - 1]),
        );
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
        // "Interior Ministry spokesman Ahmad Karimi", "Red Cross spokeswoman Lena Ortiz": the
        // body's name, then a lower-case job title, then the person's name — the person speaks.
        if !ctx.is_possessive(last) {
            if let Some(m) = (j + 1..win.len().min(j + 3)).find(|&m| ctx.is_name_word(win[m])) {
                let titled = (j..m).all(|x| {
                    ctx.is_word(win[x])
                        && ctx.chars[ctx.toks[win[x]].start].is_lowercase()
                        && !ctx.low.is(win[x], F_STOPWORD)
                        && !ctx.low.is(win[x], F_REPORTING_VERB)
                        && !ctx.low.is(win[x], F_PREPOSITION)
                }) && ctx.low.is(win[m - 1], F_JOB_TITLE | F_SPEAKER_NOUN);
                if titled {
                    if let Some((Subject::Named(s2, e2), j2)) = subject_forward(ctx, win, m) {
                        if ctx.chars[s2..e2].iter().any(|c| c.is_whitespace()) {
                            return Some((Subject::Named(s2, e2), j2));
                        }
                    }
                }
            }
        }
        return Some((Subject::Named(ctx.toks[k].start, e), j));
    }
    // Lower-case words before a name: "guitarist Mick O’Donnell", "fire chief Dana Whitlock".
    if let Some(m) = (i + 1..win.len().min(i + 3)).find(|&m| ctx.is_name_word(win[m])) {
        if (i..m).all(|x| {
            ctx.is_word(win[x])
                && !ctx.low.is(win[x], F_STOPWORD)
                && !ctx.low.is(win[x], F_REPORTING_VERB)
                && !ctx.low.is(win[x], F_PREPOSITION)
        }) {
            return subject_forward(ctx, win, m);
        }
    }
    // Lower-case noun phrase ending in a speaker noun: "police spokesman", "health ministry".
    for (m, &t) in win.iter().enumerate().take(i + 4).skip(i) {
        if !ctx.is_word(t) {
            return None;
        }
        let w = ctx.lower(t);
        if is_speaker_noun(w) || (the && m == i && is_person_noun_followed(ctx, win, m)) {
            let (s, e) = (ctx.toks[k].start, ctx.end_without_possessive(t));
            // "the official said", "the sprinter wrote": a person described, not named.
            if the && m == i && !ctx.low.is(t, F_ORG_WORD) && is_person_description(w) {
                return Some((Subject::Definite(s, e), m + 1));
            }
            return Some((Subject::Named(s, e), m + 1));
        }
        if is_stopword(w) || is_reporting_verb(w) {
            return None;
        }
    }
    None
}

/// Job titles that open a speaker's description in Arabic and Persian ("the spokesman for …",
/// "minister of …"), before the body and the name.
fn is_uncased_title(w: &str) -> bool {
    matches!(
        w,
        "المتحدث"
            | "المتحدثة"
            | "الناطق"
            | "الناطقة"
            | "وزير"
            | "وزيرة"
            | "الوزير"
            | "رئيس"
            | "مدير"
            | "سخنگوی"
            | "وزیر"
            | "رئیس"
            | "مدیر"
    )
}

/// Day names in the languages the word lists cover.
fn is_weekday(w: &str) -> bool {
    matches!(
        w,
        "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "montag"
            | "dienstag"
            | "mittwoch"
            | "donnerstag"
            | "freitag"
            | "samstag"
            | "sonntag"
            | "lundi"
            | "mardi"
            | "mercredi"
            | "jeudi"
            | "vendredi"
            | "samedi"
            | "dimanche"
    )
}

/// "the sprinter wrote": a single lower-case noun right before a reporting verb.
fn is_person_noun_followed(ctx: &Ctx, win: &[usize], m: usize) -> bool {
    m + 1 < win.len()
        && ctx.low.is(win[m + 1], F_REPORTING_VERB)
        && !ctx.low.is(win[m], F_STOPWORD)
        && !ctx.lower(win[m]).ends_with('s')
}

/// Nouns that describe one person ("official", "minister", "sprinter"), as opposed to bodies and
/// groups ("ministry", "police", "officials").
fn is_person_description(w: &str) -> bool {
    !matches!(
        w,
        "police"
            | "ministry"
            | "army"
            | "military"
            | "government"
            | "agency"
            | "company"
            | "council"
            | "committee"
            | "embassy"
            | "office"
            | "union"
            | "court"
            | "charity"
            | "regulator"
            | "report"
            | "statement"
            | "group"
            | "ngo"
    ) && !w.ends_with('s')
}

/// Skips job titles at the front of the name run `win[from..to]`, keeping at least one word.
fn trim_titles(ctx: &Ctx, win: &[usize], mut from: usize, to: usize) -> usize {
    // "Environment Agency", "Health Ministry": an organisation keeps its words.
    if ctx.low.is(win[to - 1], F_ORG_WORD) {
        return from;
    }
    // Honorifics stay: "Mrs. Obi", "Mr Okafor" (a full stop after one is not the name's start).
    while from + 1 < to
        && ctx.is_word(win[from])
        && ctx.low.is(win[from], F_JOB_TITLE)
        && !ctx.low.is(win[from], F_TITLE_ABBREV)
    {
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
            } else if (ctx.is_word(p) && ctx.low.is(p, F_NAME_PARTICLE)
                || (ctx.is_punct(p, '\'') || ctx.is_punct(p, '’'))
                    && ctx.toks[win[j - 2]].end == ctx.toks[p].start)
                && j >= 2
                && ctx.is_name_word(win[j - 2])
            {
                // "Ursula von der Leyen", "Harwick Tenants' Alliance".
                j -= 1;
            } else {
                break;
            }
        }
        let mut j = trim_titles(ctx, win, j, idx + 1);
        // "Royal College of Nursing", "Observatory for Civilian Safety".
        if j >= 2
            && matches!(ctx.lower(win[j - 1]), "of" | "for" | "to")
            && ctx.is_name_word(win[j - 2])
            && ctx.low.is(win[j - 2], F_ORG_WORD)
        {
            j -= 2;
            while j > 0
                && ctx.is_name_word(win[j - 1])
                && !ctx.is_possessive(win[j - 1])
                && idx - j < 8
            {
                j -= 1;
            }
        }
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
    // "the city electoral commission said": a lower-case noun phrase after a determiner.
    let after_determiner = (1..=3).any(|d| {
        idx >= d
            && ctx.low.is(win[idx - d], F_DETERMINER)
            && (idx - d + 1..=idx).all(|x| {
                ctx.is_word(win[x])
                    && !ctx.low.is(win[x], F_STOPWORD)
                    && !is_reporting_verb(ctx.lower(win[x]))
            })
    });
    if is_speaker_noun(w) || (after_determiner && w.chars().all(char::is_alphabetic)) {
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
        let low = Lowered::new(&chars, &toks);
        let (sp, _) = attribute(&chars, &toks, &sents, &qs, &low, &[]);
        qs.iter()
            .zip(sp)
            .filter(|(q, _)| q.depth == 0)
            .map(|(q, s)| {
                (
                    chars[q.start..q.end].iter().collect(),
                    s.map(|f| chars[f.start..f.end].iter().collect()),
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
            vec![some("Ravi Menon"), some("Ravi Menon")]
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
    fn continued_speech_keeps_the_speaker_within_and_into_the_next_paragraph() {
        assert_eq!(
            speakers("“It was chaos,” Haddad said. “Nobody came.”\n\n“Help arrived late.”"),
            vec![some("Haddad"), some("Haddad"), some("Haddad")]
        );
        assert_eq!(
            speakers("“It was chaos,” Haddad said.\n\nThe river rose.\n\n“Help arrived late.”"),
            vec![some("Haddad"), None]
        );
    }

    /// (quote, speaker, stage) for every top-level quote.
    fn stages(text: &str) -> Vec<(Option<String>, Option<Stage>)> {
        let chars: Vec<char> = text.chars().collect();
        let toks = tokenize(&chars);
        let sents = sentences::split(&chars);
        let qs = quotes::find(&chars);
        let low = Lowered::new(&chars, &toks);
        let (sp, _) = attribute(&chars, &toks, &sents, &qs, &low, &[]);
        qs.iter()
            .zip(sp)
            .filter(|(q, _)| q.depth == 0)
            .map(|(_, f)| {
                (
                    f.map(|f| chars[f.start..f.end].iter().collect()),
                    f.map(|f| f.stage),
                )
            })
            .collect()
    }

    #[test]
    fn token_look_ups_from_a_hint_agree_with_a_full_search() {
        let text = "One two, three. Four\n\nfive six «seven» 8 nine ten.";
        let chars: Vec<char> = text.chars().collect();
        let toks = tokenize(&chars);
        let low = Lowered::new(&chars, &toks);
        let sents = sentences::split(&chars);
        let ctx = Ctx {
            chars: &chars,
            toks: &toks,
            low: &low,
            sentences: &sents,
            in_quote: vec![false; toks.len()],
            mentions: vec![],
            hint: Cell::new(0),
        };
        // Positions in a scrambled order, so that the hint moves both ways and jumps.
        let n = chars.len() + 2;
        for i in 0..3 * n {
            let pos = (i * 37 + 11) % n;
            assert_eq!(
                ctx.tok(pos),
                crate::suggest::tokens::first_at_or_after(&toks, pos),
                "{pos}"
            );
        }
    }

    #[test]
    fn each_sieve_stage_answers_its_own_shape() {
        let found = stages(
            "“We stay,” said Ana Ruiz. Dr. Lena Berg, the director, told Reuters: “No comment.” \
             Governor Tomas Reinholt arrived by helicopter. “Every hour counts,” he said. “Hurry.” \
             Minister Ruth Galloway blamed the unrest on “outside agitators” on Monday.",
        );
        assert_eq!(
            found,
            vec![
                (some("Ana Ruiz"), Some(Stage::Pattern)),
                (some("Dr. Lena Berg"), Some(Stage::ReportingVerb)),
                (some("Tomas Reinholt"), Some(Stage::Coreference)),
                (some("Tomas Reinholt"), Some(Stage::Continuation)),
                (some("Ruth Galloway"), Some(Stage::ScareQuote)),
            ]
        );
    }

    #[test]
    fn the_platform_is_never_the_speaker() {
        assert_eq!(
            speakers("Nadia Rahman wrote on X: “This strike is unfair.” On Telegram, “we stay” was posted."),
            vec![some("Nadia Rahman"), None]
        );
        assert_eq!(
            speakers("Victor Hale posted on Facebook. “Thank you all,” his post read."),
            vec![some("Victor Hale")]
        );
    }

    #[test]
    fn organisations_and_definite_descriptions() {
        assert_eq!(
            speakers("The alliance had said earlier that its chair Mina Cole “will not negotiate under threat”."),
            vec![some("alliance")]
        );
        assert_eq!(
            speakers("Governor Stefan Ilic spoke. “One got through,” the official said."),
            vec![some("Stefan Ilic")]
        );
        assert_eq!(
            speakers(
                "A coastguard official denied any delay. “We left at once,” the official said."
            ),
            vec![some("coastguard official")]
        );
    }

    #[test]
    fn what_she_called_takes_the_sentence_subject() {
        assert_eq!(
            speakers("Lucia Ferri, who heads the aid group Sea Watchers, criticised what she called the “deadly slowness” of the response."),
            vec![some("Lucia Ferri")]
        );
    }

    #[test]
    fn places_after_prepositions_are_not_antecedents() {
        assert_eq!(
            speakers("Resident Carol Ames lost her house in the town of Pine Hollow. “We had ten minutes,” she said."),
            vec![some("Carol Ames")]
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
    fn an_organisation_before_a_job_title_is_not_the_speaker() {
        assert_eq!(
            speakers("“Food is short,” said Red Cross spokeswoman Lena Ortiz. “Open,” Interior Ministry spokesman Ahmad Karimi told reporters."),
            vec![some("Lena Ortiz"), some("Ahmad Karimi")]
        );
    }

    #[test]
    fn honorifics_stay_and_short_names_take_the_full_mention() {
        assert_eq!(
            speakers("One broker, Mrs. Adaeze Obi of Lowland Marine, spoke. “Nobody wants it,” said Mrs. Obi. “Go,” said Mrs. Ines Kahn."),
            vec![some("Mrs. Adaeze Obi"), some("Mrs. Ines Kahn")]
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
