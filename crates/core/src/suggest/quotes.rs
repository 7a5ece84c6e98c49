//! Quotations: text between quotation marks of every common style, with nesting and quotes that
//! run over several paragraphs.
//!
//! A single pass over the `char`s keeps a stack of open marks. Each mark knows which marks close it
//! (“…”, „…“, „…”, «…», »…«, ‹…›, ‘…’, ‚…‘, "…", '…', 「…」, 『…』). Straight marks are read from
//! their neighbours: `"` opens after a space and closes after a letter or punctuation; `'` and `’`
//! between letters are apostrophes (don’t, Iran’s), and ’90s, ’n’ and ’em never open a quote.
//! A paragraph that ends with a quote still open continues it only when the next paragraph opens
//! with the same mark (the convention for multi-paragraph quotes); otherwise the open mark is
//! dropped.

use super::tokens::{is_alnum, is_alpha, is_cjk};

/// One quotation found in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Quote {
    /// The opening mark's position.
    pub start: usize,
    /// One past the closing mark.
    pub end: usize,
    /// 0 for a top-level quote, 1 for a quote inside it, …
    pub depth: usize,
    /// Whether it is a short partial or scare quote (one to three words).
    pub partial: bool,
}

#[derive(Debug, Clone, Copy)]
struct Open {
    pos: usize,
    open: char,
    closers: &'static [char],
}

enum Action {
    Open(&'static [char]),
    Close(usize),
    Skip(usize),
    Nothing,
}

fn is_opening_mark(c: char) -> bool {
    matches!(
        c,
        '“' | '„' | '«' | '‹' | '‚' | '‘' | '「' | '『' | '"' | '\''
    )
}

fn opens_context(prev: Option<char>) -> bool {
    match prev {
        None => true,
        Some(p) => {
            p.is_whitespace()
                || matches!(p, '(' | '[' | '{' | '—' | '–' | '-' | '/' | ':')
                || is_opening_mark(p)
        }
    }
}

fn find_closer(stack: &[Open], c: char) -> Option<usize> {
    stack.iter().rposition(|o| o.closers.contains(&c))
}

/// Whether `chars[i..]` (just after a single mark) reads as an elided year or word: ’90s, ’em, ’til.
fn elision_follows(chars: &[char], i: usize) -> bool {
    let rest = &chars[i.min(chars.len())..];
    let digits = rest.iter().take_while(|c| c.is_ascii_digit()).count();
    if digits == 2 {
        return true;
    }
    let word: String = rest
        .iter()
        .take_while(|c| is_alpha(**c))
        .collect::<String>()
        .to_lowercase();
    matches!(word.as_str(), "em" | "til" | "cause" | "tis" | "twas")
}

fn classify(chars: &[char], i: usize, stack: &[Open]) -> Action {
    let c = chars[i];
    let prev = i.checked_sub(1).map(|p| chars[p]);
    let next = chars.get(i + 1).copied();
    let next_space = next.is_none_or(char::is_whitespace);
    let prev_space = prev.is_none_or(char::is_whitespace);
    let alnum = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    match c {
        '"' => {
            if let Some(k) = find_closer(stack, '"').filter(|_| !prev_space) {
                Action::Close(k)
            } else if opens_context(prev) && !next_space {
                Action::Open(&['"'])
            } else {
                Action::Nothing
            }
        }
        '\'' | '‘' | '’' => {
            if alnum(prev) && alnum(next) {
                return Action::Nothing;
            }
            // rock ’n’ roll, rock 'n' roll
            if next == Some('n')
                && matches!(chars.get(i + 2), Some('\'' | '’'))
                && !alnum(chars.get(i + 3).copied())
            {
                return Action::Skip(3);
            }
            let closers: &'static [char] = match c {
                '\'' => &['\''],
                _ => &['’'],
            };
            if c != '‘' {
                if let Some(k) = find_closer(stack, c).filter(|_| !prev_space) {
                    if !alnum(next) && !plural_possessive(chars, i) {
                        return Action::Close(k);
                    }
                }
            } else if let Some(k) = find_closer(stack, '‘') {
                return Action::Close(k);
            }
            if c != '’' && opens_context(prev) && !next_space && !elision_follows(chars, i + 1) {
                Action::Open(closers)
            } else {
                Action::Nothing
            }
        }
        '“' => match find_closer(stack, '“') {
            Some(k) => Action::Close(k),
            None if !next_space => Action::Open(&['”']),
            None => Action::Nothing,
        },
        '”' | '」' | '』' => find_closer(stack, c).map_or(Action::Nothing, Action::Close),
        '„' if !next_space => Action::Open(&['“', '”']),
        '‚' if !next_space && !alnum(prev) => Action::Open(&['‘', '’']),
        '「' => Action::Open(&['」']),
        '『' => Action::Open(&['』']),
        '«' => match find_closer(stack, '«') {
            Some(k) => Action::Close(k),
            None => Action::Open(&['»']),
        },
        '‹' => match find_closer(stack, '‹') {
            Some(k) => Action::Close(k),
            None => Action::Open(&['›']),
        },
        '»' | '›' => match find_closer(stack, c) {
            Some(k) => Action::Close(k),
            None if opens_context(prev) && !next_space => {
                Action::Open(if c == '»' { &['«'] } else { &['‹'] })
            }
            None => Action::Nothing,
        },
        _ => Action::Nothing,
    }
}

/// Whether the single closing mark at `i` reads better as a plural possessive ("the fans’
/// decision"): it follows an "s", a lower-case word follows, and a later mark in the paragraph can
/// close the quote instead.
fn plural_possessive(chars: &[char], i: usize) -> bool {
    let c = chars[i];
    if i == 0 || chars[i - 1] != 's' || chars.get(i + 1).is_none_or(|n| *n != ' ') {
        return false;
    }
    if !chars.get(i + 2).is_some_and(|n| n.is_lowercase()) {
        return false;
    }
    let opener = if c == '’' { '‘' } else { '\'' };
    for j in i + 2..chars.len() {
        let d = chars[j];
        if d == '\n' || (d == opener && chars[j - 1].is_whitespace()) {
            return false;
        }
        if d == c
            && !chars[j - 1].is_whitespace()
            && !chars.get(j + 1).is_some_and(|n| is_alnum(*n))
        {
            return true;
        }
    }
    false
}

/// Whether `c` can start a continuation paragraph of a quote opened with `open`.
fn continues(open: char, c: char) -> bool {
    c == open || (open == '«' && c == '»')
}

/// All quotations in `chars`, sorted by start (outer before inner).
pub(crate) fn find(chars: &[char]) -> Vec<Quote> {
    let n = chars.len();
    let mut found: Vec<(usize, usize)> = vec![];
    let mut stack: Vec<Open> = vec![];
    let mut i = 0;
    while i < n {
        let c = chars[i];
        // Letters, digits and the ASCII marks after the apostrophe: nothing to do (one comparison).
        if ('('..='\u{7f}').contains(&c) {
            i += 1;
            continue;
        }
        if c == '\n' {
            let mut j = i;
            while j < n && chars[j].is_whitespace() {
                j += 1;
            }
            let carry = stack
                .first()
                .copied()
                .filter(|o| j < n && continues(o.open, chars[j]));
            stack.clear();
            match carry {
                Some(o) => {
                    stack.push(o);
                    i = j + 1;
                }
                None => i = j,
            }
            continue;
        }
        // Two tests for the ASCII most text is made of, the list for the rest.
        let mark = if c.is_ascii() {
            c == '"' || c == '\''
        } else {
            matches!(
                c,
                '‘' | '’'
                    | '“'
                    | '”'
                    | '„'
                    | '‚'
                    | '«'
                    | '»'
                    | '‹'
                    | '›'
                    | '「'
                    | '」'
                    | '『'
                    | '』'
            )
        };
        if !mark {
            i += 1;
            continue;
        }
        match classify(chars, i, &stack) {
            Action::Open(closers) => stack.push(Open {
                pos: i,
                open: c,
                closers,
            }),
            Action::Close(k) => {
                let o = stack[k];
                stack.truncate(k);
                found.push((o.pos, i + 1));
            }
            Action::Skip(len) => {
                i += len;
                continue;
            }
            Action::Nothing => {}
        }
        i += 1;
    }
    found.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
    let mut out = Vec::with_capacity(found.len());
    let mut ends: Vec<usize> = vec![];
    for (start, end) in found {
        if !has_content(&chars[start + 1..end - 1]) {
            continue;
        }
        while ends.last().is_some_and(|&e| e <= start) {
            ends.pop();
        }
        out.push(Quote {
            start,
            end,
            depth: ends.len(),
            partial: is_partial(&chars[start + 1..end - 1]),
        });
        ends.push(end);
    }
    out
}

fn has_content(inner: &[char]) -> bool {
    inner.iter().any(|c| is_alnum(*c))
}

/// One to three words (or, in CJK text without spaces, up to six characters).
fn is_partial(inner: &[char]) -> bool {
    let mut words = 0;
    let mut in_word = false;
    let mut cjk = 0;
    for &c in inner {
        if is_cjk(c) {
            cjk += 1;
        }
        if c.is_whitespace() {
            in_word = false;
        } else if !in_word && is_alnum(c) {
            in_word = true;
            words += 1;
        }
    }
    if cjk > 0 {
        return inner.len() <= 6;
    }
    words <= 3
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quotes(text: &str) -> Vec<(String, usize, bool)> {
        let chars: Vec<char> = text.chars().collect();
        find(&chars)
            .into_iter()
            .map(|q| (chars[q.start..q.end].iter().collect(), q.depth, q.partial))
            .collect()
    }

    fn texts(text: &str) -> Vec<String> {
        quotes(text).into_iter().map(|q| q.0).collect()
    }

    #[test]
    fn straight_and_curly() {
        assert_eq!(
            texts(r#"He said "we will stay here" and “we mean it today”."#),
            vec!["\"we will stay here\"", "“we mean it today”"]
        );
    }

    #[test]
    fn french_german_polish_japanese() {
        assert_eq!(
            texts("« Nous resterons ici », a-t-il dit. „Wir bleiben hier“, sagte er. „Zostaniemy tu”. 「遺憾だ」と述べた。"),
            vec![
                "« Nous resterons ici »",
                "„Wir bleiben hier“",
                "„Zostaniemy tu”",
                "「遺憾だ」"
            ]
        );
    }

    #[test]
    fn reversed_guillemets() {
        assert_eq!(texts("Er sagte »Wir gehen« und ging."), vec!["»Wir gehen«"]);
    }

    #[test]
    fn nesting_is_depth() {
        let q = quotes("“She told me ‘never again’ twice,” he said.");
        assert_eq!(q[0].1, 0);
        assert_eq!(q[1], ("‘never again’".into(), 1, true));
    }

    #[test]
    fn apostrophes_are_not_quotes() {
        assert!(texts("Iran’s envoy didn’t say he’d go; the ’90s, rock ’n’ roll, 'em.").is_empty());
        assert!(texts("Iran's envoy didn't say he'd go; rock 'n' roll in the '90s.").is_empty());
    }

    #[test]
    fn apostrophe_inside_a_single_quote() {
        assert_eq!(
            texts("He called it ‘Iran’s best chance’ yesterday."),
            vec!["‘Iran’s best chance’"]
        );
    }

    #[test]
    fn plural_possessive_inside_a_single_quote() {
        assert_eq!(
            texts("‘It’s the fans’ decision,’ she said. The players’ union agreed."),
            vec!["‘It’s the fans’ decision,’"]
        );
    }

    #[test]
    fn multi_paragraph_quote_continues_only_when_reopened() {
        let text = "Ali said: “We stayed.\n\n“We will stay,” he added.\n\n“Unclosed here.\n\nNext paragraph.";
        assert_eq!(texts(text), vec!["“We stayed.\n\n“We will stay,”"]);
    }

    #[test]
    fn partial_versus_full() {
        let q = quotes("It was “a disgrace”, he said, “and we will fight it in every court”.");
        assert!(q[0].2);
        assert!(!q[1].2);
    }

    #[test]
    fn inch_marks_and_stray_marks_are_ignored() {
        assert!(texts("a 6\" pipe and \" stray").is_empty());
    }
}
