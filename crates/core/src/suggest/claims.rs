//! Claims: sentences that assert something checkable — those with a reporting verb (said, told,
//! announced, estimated, accused, denied, according to, …) and those carrying a figure. Questions
//! are not claims.

use super::figures::Figure;
use super::lexicon::{F_CLAIM_VERB, F_REPORTING_VERB};
use super::tokens::{first_at_or_after, is_cjk, Kind, Lowered, Tok};

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
];

/// Sentence ranges (from `sentences`) that are claims, in order.
pub(crate) fn find(
    chars: &[char],
    toks: &[Tok],
    sentences: &[(usize, usize)],
    figures: &[Figure],
    low: &Lowered,
) -> Vec<(usize, usize)> {
    let mut out = vec![];
    let mut f = 0;
    for &(s, e) in sentences {
        while f < figures.len() && figures[f].start < s {
            f += 1;
        }
        let has_figure = f < figures.len() && figures[f].start < e;
        if is_question(&chars[s..e]) {
            continue;
        }
        let mut words = 0;
        let mut verb = false;
        let mut cjk_marker = false;
        let mut k = first_at_or_after(toks, s);
        while k < toks.len() && toks[k].start < e {
            let t = &toks[k];
            if t.kind == Kind::Word {
                words += 1;
                if !verb {
                    verb = low.is(k, F_CLAIM_VERB | F_REPORTING_VERB);
                    if !verb && t.end - t.start > 2 && is_cjk(chars[t.start]) {
                        let text: String = chars[t.start..t.end].iter().collect();
                        cjk_marker = cjk_marker || JA_MARKERS.iter().any(|m| text.contains(m));
                    }
                }
            }
            k += 1;
        }
        if words >= 3 && (verb || has_figure) || cjk_marker {
            out.push((s, e));
        }
    }
    out
}

/// Whether the sentence ends with a question mark outside quotation marks.
fn is_question(sentence: &[char]) -> bool {
    matches!(sentence.last(), Some('?' | '？' | '؟'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::suggest::tokens::Lowered;
    use crate::suggest::{figures, sentences, tokens::tokenize};

    fn claims(text: &str) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        let toks = tokenize(&chars);
        let sents = sentences::split(&chars);
        let low = Lowered::new(text, &chars, &toks);
        let figs = figures::find(&chars, &toks, &low);
        find(&chars, &toks, &sents, &figs, &low)
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
    fn attributed_quote_sentence_is_a_claim() {
        assert_eq!(
            claims("“We will rebuild,” she said. Nothing else."),
            vec!["“We will rebuild,” she said."]
        );
    }
}
