//! Quote clusters: the same quote in several documents.
//!
//! **Normalisation** ([`normalise_quote`]): lower case; quotation marks, dashes, a comma or full
//! stop inside the closing mark and every other punctuation mark dropped; apostrophes inside a word
//! dropped ("don’t" = "dont"); whitespace collapsed. What is left is a sequence of words.
//!
//! **Alignment.** Two quotes are the same when one's word trigrams are mostly (≥ 60 %, and at least
//! three, or all when it has fewer) found in the other: a fragment cut from a longer quote matches
//! it completely, a quote with a word changed keeps most of its trigrams. Quotes of one or two words match only when their words are equal;
//! trigrams said by a great many quotes (stock phrases) are not used to find candidates. Matching
//! is transitive (union-find), so two fragments of one long quote join through it.
//!
//! A cluster's **canonical text** is the occurrence that holds the most others as fragments, then
//! the longest, then one not in capitals, without the marks around it. An occurrence whose words are not a contiguous run of the
//! canonical words carries a word-level diff against them; one that is merely cut short does not.
//! A cluster is **in conflict** when two occurrences name speakers that cannot be one person
//! ("Amal Haddad", "Haddad" and "Dr. Haddad" can; "Haddad" and "the ministry" cannot).

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::text::{combine, hash_word, is_apostrophe, is_quote_mark, word_runs, word_strings};
use super::UnionFind;

/// Fraction of the shorter quote's trigrams the longer must hold.
pub const CONTAINMENT: f64 = 0.6;
/// A trigram found in more quotes than this is a stock phrase and finds no candidates.
const MAX_POSTING: usize = 300;

/// The normalised words of a quote: what two quotes are compared on.
pub fn normalise_quote(text: &str) -> Vec<String> {
    word_strings(text)
}

/// The quote's text without surrounding quotation marks, whitespace, or the comma or full stop
/// inside the closing mark.
pub fn strip_marks(text: &str) -> &str {
    let t = text.trim();
    let t = t.trim_start_matches(|c: char| is_quote_mark(c) || c.is_whitespace());
    let t = t.trim_end_matches(|c: char| is_quote_mark(c) || c.is_whitespace());
    t.trim_end_matches([',', ';', ':', ' ', '\u{a0}'])
}

/// One step of a word diff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "op", content = "word", rename_all = "lowercase")]
pub enum DiffOp {
    /// In both.
    Same(String),
    /// Only in the occurrence.
    Added(String),
    /// Only in the canonical text.
    Removed(String),
}

/// Word-level diff from `canonical` to `other` (longest common subsequence of their normalised
/// words; words shown as the canonical or the occurrence writes them, without punctuation).
pub fn word_diff(canonical: &str, other: &str) -> Vec<DiffOp> {
    let a = surface_words(canonical);
    let b = surface_words(other);
    let (na, nb) = (normalise_quote(canonical), normalise_quote(other));
    if na.len() != a.len() || nb.len() != b.len() || na.len() * nb.len() > 250_000 {
        return vec![
            DiffOp::Removed(canonical.into()),
            DiffOp::Added(other.into()),
        ];
    }
    let (n, m) = (na.len(), nb.len());
    // lcs[i][j]: LCS length of na[i..] and nb[j..].
    let mut lcs = vec![0u32; (n + 1) * (m + 1)];
    let at = |i: usize, j: usize| i * (m + 1) + j;
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[at(i, j)] = if na[i] == nb[j] {
                lcs[at(i + 1, j + 1)] + 1
            } else {
                lcs[at(i + 1, j)].max(lcs[at(i, j + 1)])
            };
        }
    }
    let (mut i, mut j, mut out) = (0, 0, vec![]);
    while i < n || j < m {
        if i < n && j < m && na[i] == nb[j] {
            out.push(DiffOp::Same(a[i].clone()));
            i += 1;
            j += 1;
        } else if i < n && (j == m || lcs[at(i + 1, j)] >= lcs[at(i, j + 1)]) {
            out.push(DiffOp::Removed(a[i].clone()));
            i += 1;
        } else {
            out.push(DiffOp::Added(b[j].clone()));
            j += 1;
        }
    }
    out
}

/// Words as written (case kept), split exactly where [`normalise_quote`] splits.
fn surface_words(text: &str) -> Vec<String> {
    word_runs(text)
        .into_iter()
        .map(|run| run.into_iter().collect())
        .collect()
}

/// Whether `part` is a contiguous run of `whole`.
pub(crate) fn is_fragment(part: &[String], whole: &[String]) -> bool {
    part.is_empty() || whole.windows(part.len()).any(|w| w == part)
}

/// Words that say what a speaker is rather than who: titles, honorifics, ranks, roles, articles
/// ("Interior Minister", "Dr.", "the spokeswoman for"). A word just before one of them qualifies
/// the role ("Interior" in "Interior Minister") and is left out too.
const ROLE_WORDS: &[&str] = &[
    "a",
    "an",
    "the",
    "of",
    "for",
    "to",
    "and",
    "at",
    "in",
    "on",
    "mr",
    "mrs",
    "ms",
    "mx",
    "miss",
    "dr",
    "prof",
    "professor",
    "sir",
    "dame",
    "lord",
    "lady",
    "rev",
    "reverend",
    "father",
    "sheikh",
    "imam",
    "rabbi",
    "mme",
    "mlle",
    "herr",
    "frau",
    "jr",
    "sr",
    "snr",
    "jnr",
    "ii",
    "iii",
    "mayor",
    "minister",
    "ministers",
    "president",
    "vice",
    "deputy",
    "prime",
    "premier",
    "chancellor",
    "governor",
    "chief",
    "general",
    "gen",
    "captain",
    "capt",
    "colonel",
    "col",
    "major",
    "lieutenant",
    "lt",
    "sergeant",
    "sgt",
    "commander",
    "admiral",
    "inspector",
    "superintendent",
    "detective",
    "constable",
    "officer",
    "official",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "senator",
    "sen",
    "rep",
    "representative",
    "congressman",
    "congresswoman",
    "mp",
    "judge",
    "justice",
    "director",
    "head",
    "chair",
    "chairman",
    "chairwoman",
    "chairperson",
    "ceo",
    "founder",
    "secretary",
    "ambassador",
    "commissioner",
    "councillor",
    "councilor",
    "sheriff",
    "king",
    "queen",
    "prince",
    "princess",
    "bishop",
    "archbishop",
    "cardinal",
    "coach",
    "manager",
    "leader",
    "speaker",
    "adviser",
    "advisor",
    "aide",
    "office",
    "told",
    "said",
    "says",
];

/// The words of a speaker as written: lower-cased, with whether each began with a capital; a
/// possessive `'s` is dropped ("Holt's" is "Holt").
fn speaker_words(text: &str) -> Vec<(String, bool)> {
    word_runs(text)
        .into_iter()
        .map(|mut run| {
            let capital = run[0].is_uppercase();
            if let [.., a, 's' | 'S'] = run[..] {
                if is_apostrophe(a) {
                    run.truncate(run.len() - 2);
                }
            }
            let word = run
                .iter()
                .filter(|c| !is_apostrophe(**c))
                .flat_map(|c| c.to_lowercase())
                .collect();
            (word, capital)
        })
        .collect()
}

/// The name a speaker is given: the words of its part that names someone ("Lena Holt" in "Lena
/// Holt, the interior minister"; the first part with a capitalised word left once
/// [`ROLE_WORDS`] and numbers are dropped, else the first with any word left), lower-cased.
fn speaker_name(speaker: &str) -> Vec<String> {
    let role = |w: &str| ROLE_WORDS.contains(&w);
    let linking = |w: &str| {
        matches!(
            w,
            "a" | "an" | "the" | "of" | "for" | "and" | "to" | "at" | "in" | "on"
        )
    };
    let parts: Vec<Vec<(String, bool)>> = speaker
        .split([',', ';', '(', ')', '–', '—'])
        .map(|part| {
            let words = speaker_words(part);
            let kept = |qualifiers: bool| -> Vec<(String, bool)> {
                words
                    .iter()
                    .enumerate()
                    .filter(|(k, (w, _))| {
                        let qualifier = qualifiers
                            && words
                                .get(k + 1)
                                .is_some_and(|(n, _)| role(n) && !linking(n));
                        !role(w) && !w.chars().all(char::is_numeric) && !qualifier
                    })
                    .map(|(_, w)| w.clone())
                    .collect()
            };
            // "Interior" in "Interior Minister Holt" qualifies the role; "Holt" in "Holt's
            // office" is the only name there is.
            let named = kept(true);
            if named.is_empty() {
                kept(false)
            } else {
                named
            }
        })
        .collect();
    let names = |part: &Vec<(String, bool)>| part.iter().any(|(_, capital)| *capital);
    parts
        .iter()
        .find(|p| !p.is_empty() && names(p))
        .or_else(|| parts.iter().find(|p| !p.is_empty()))
        .map(|p| p.iter().map(|(w, _)| w.clone()).collect())
        .unwrap_or_default()
}

/// Whether name `short` can be the person `long` names: each of its words is one of `long`'s (a
/// single letter standing for a word it starts), its last word (the surname) among them exactly.
fn names_fit(short: &[String], long: &[String]) -> bool {
    let initial = |a: &str, b: &str| a.chars().count() == 1 && b.starts_with(a);
    let fits = |w: &String| {
        long.iter()
            .any(|v| v == w || initial(w, v) || initial(v, w))
    };
    short.iter().all(fits) && short.last().is_some_and(|last| long.contains(last))
}

/// Whether two speakers can be one person or body. Compared by name ([`speaker_name`]: titles,
/// honorifics and roles dropped, possessives and case too): "Interior Minister Lena Holt", "Holt",
/// "Lena Holt", "L. Holt" and "Holt's" can; "Lena Holt" and "Marcus Holt" cannot, nor "Holt" and
/// "the ministry".
pub fn same_speaker(a: &str, b: &str) -> bool {
    let (na, nb) = (speaker_name(a), speaker_name(b));
    if na.is_empty() || nb.is_empty() {
        return word_strings(a) == word_strings(b);
    }
    let (short, long) = if na.len() <= nb.len() {
        (&na, &nb)
    } else {
        (&nb, &na)
    };
    names_fit(short, long) || (short.len() == long.len() && names_fit(long, short))
}

/// Trigram hashes of normalised words (the whole sequence's hash when shorter than three).
pub(crate) fn trigrams(words: &[String]) -> Vec<u64> {
    let h: Vec<u64> = words.iter().map(|w| hash_word(w)).collect();
    let mut out: Vec<u64> = if h.len() < 3 {
        vec![h.iter().fold(0x51_7cc1, |acc, &x| combine(acc, x))]
    } else {
        h.windows(3)
            .map(|w| combine(combine(w[0], w[1]), w[2]))
            .collect()
    };
    out.sort_unstable();
    out.dedup();
    out
}

/// One quote to cluster: its normalised words and trigrams.
pub(crate) struct QuoteKey {
    pub words: Vec<String>,
    pub grams: Vec<u64>,
}

impl QuoteKey {
    pub(crate) fn new(text: &str) -> Self {
        let words = normalise_quote(text);
        let grams = trigrams(&words);
        QuoteKey { words, grams }
    }
}

/// Whether two quotes are the same by [`CONTAINMENT`] (or equal words when one is short).
pub(crate) fn quotes_match(a: &QuoteKey, b: &QuoteKey) -> bool {
    if a.words.is_empty() || b.words.is_empty() {
        return false;
    }
    if a.words.len() < 3 || b.words.len() < 3 {
        return a.words == b.words;
    }
    let (short, long) = if a.grams.len() <= b.grams.len() {
        (a, b)
    } else {
        (b, a)
    };
    let shared = short
        .grams
        .iter()
        .filter(|g| long.grams.binary_search(g).is_ok())
        .count();
    // A short fragment (three trigrams or fewer) must be found whole.
    let n = short.grams.len();
    let need = ((CONTAINMENT * n as f64).ceil() as usize).max(n.min(3));
    shared >= need
}

/// Groups quotes (all documents together) into matching sets; returns a set number per quote.
/// Deterministic: sets are numbered by their first quote.
pub(crate) fn cluster(keys: &[QuoteKey]) -> Vec<usize> {
    let mut postings: HashMap<u64, Vec<u32>> = HashMap::new();
    for (i, k) in keys.iter().enumerate() {
        for &g in &k.grams {
            postings.entry(g).or_default().push(i as u32);
        }
    }
    let mut uf = UnionFind::new(keys.len());
    let mut lists: Vec<&Vec<u32>> = postings
        .values()
        .filter(|l| l.len() >= 2 && l.len() <= MAX_POSTING)
        .collect();
    lists.sort_unstable();
    let mut checked: std::collections::HashSet<(u32, u32)> = std::collections::HashSet::new();
    for list in lists {
        for (x, &i) in list.iter().enumerate() {
            for &j in &list[x + 1..] {
                if uf.find(i as usize) == uf.find(j as usize) || !checked.insert((i, j)) {
                    continue;
                }
                if quotes_match(&keys[i as usize], &keys[j as usize]) {
                    uf.union(i as usize, j as usize);
                }
            }
        }
    }
    uf.labels()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalisation_ignores_case_marks_dashes_and_the_inner_comma() {
        assert_eq!(
            normalise_quote("“WE WILL REBUILD — EVERY HOME,”"),
            normalise_quote("\"we will rebuild every home.\"")
        );
        assert_eq!(strip_marks("“We will rebuild,” "), "We will rebuild");
    }

    #[test]
    fn fragments_and_small_edits_match_unrelated_quotes_do_not() {
        let full = QuoteKey::new("“The water came at night and took everything we had built.”");
        let frag = QuoteKey::new("‘took everything we had built’");
        let edit = QuoteKey::new("“The water came at night and took all we had built”");
        let other = QuoteKey::new("“We had built a new school before the storm came.”");
        assert!(quotes_match(&full, &frag));
        assert!(quotes_match(&full, &edit));
        assert!(!quotes_match(&full, &other));
        assert!(!quotes_match(&QuoteKey::new("“at night”"), &full));
    }

    #[test]
    fn diff_shows_changed_words_only() {
        let d = word_diff("The water took everything", "the water took all");
        assert_eq!(
            d,
            vec![
                DiffOp::Same("The".into()),
                DiffOp::Same("water".into()),
                DiffOp::Same("took".into()),
                DiffOp::Removed("everything".into()),
                DiffOp::Added("all".into()),
            ]
        );
    }

    #[test]
    fn speakers_compare_by_name_words() {
        assert!(same_speaker("Dr. Amal Haddad", "Haddad"));
        assert!(same_speaker("Mayor Ina Falk", "Ina Falk"));
        assert!(!same_speaker("Haddad", "the interior ministry"));
    }

    #[test]
    fn one_person_under_titles_possessives_and_case_is_one_speaker() {
        let holt = [
            "Interior Minister Lena Holt",
            "Holt",
            "Lena Holt",
            "LENA HOLT",
            "Minister Holt",
            "Ms. Holt",
            "Holt's",
            "Holt’s office",
            "L. Holt",
            "Lena Holt, the interior minister",
            "the interior minister, Lena Holt",
            "Deputy Prime Minister Lena Holt-Berg",
        ];
        for a in holt {
            for b in holt {
                assert!(same_speaker(a, b), "{a:?} and {b:?} are one person");
            }
        }
        assert!(same_speaker("the Interior Ministry", "interior ministry"));
        assert!(same_speaker("Ryn Tal, 54,", "Mr Tal"));
    }

    #[test]
    fn different_people_and_bodies_are_different_speakers() {
        for (a, b) in [
            ("Lena Holt", "Marcus Holt"),
            ("Interior Minister Lena Holt", "Lena Marsh"),
            ("Holt", "the interior ministry"),
            ("Holt", "Falk"),
            ("Dr. Amal Haddad", "Dr. Ina Falk"),
            ("the union", "the ministry"),
        ] {
            assert!(!same_speaker(a, b), "{a:?} and {b:?}");
            assert!(!same_speaker(b, a), "{b:?} and {a:?}");
        }
    }

    #[test]
    fn clusters_join_fragments_through_the_full_quote() {
        let keys: Vec<QuoteKey> = [
            "“We will not leave until every family is found, and we will rebuild.”",
            "“until every family is found”",
            "“WE WILL REBUILD”",
            "“a different quote about the budget and the tax rate”",
            "“we will not leave until every family is found, and we will rebuild”",
        ]
        .iter()
        .map(|t| QuoteKey::new(t))
        .collect();
        let c = cluster(&keys);
        assert_eq!(c[0], c[1]);
        assert_eq!(c[0], c[2]);
        assert_eq!(c[0], c[4]);
        assert_ne!(c[0], c[3]);
    }
}
