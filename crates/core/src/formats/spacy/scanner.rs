//! The fast path for reading a spaCy / Prodigy task line: a cursor over raw JSON that reads the
//! `tokens` and `spans` arrays of their usual shape, leaving the rest of the line to serde.

use std::borrow::Cow;

use serde::de::IgnoredAny;

use super::{Task, TaskSpan, TaskToken, Tokens};

/// The fast path for a task line: `None` when it does not take the line, which is then read in full
/// by serde (so every error, and every unusual line, gets serde's own reading and message).
///
/// A line is mostly its token array: a 3 KB text has some 600 tokens, each an object of five keys,
/// then its spans. serde spent most of an import reading those objects, so here [`Scanner`] reads
/// the `tokens` and `spans` arrays (only their usual shape; see [`Scanner::tokens`] and
/// [`Scanner::spans`]), and serde reads the rest of the line with those arrays replaced by `null`
/// and `[]`. Reading a JSON object is compositional (serde reads one member after another, each
/// value on its own), so when both readings succeed the result is the one serde would give for the
/// whole line — checked by `fast_path_agrees_with_serde`.
pub(super) fn fast_task(line: &str) -> Option<Task<Tokens<'_>>> {
    let members = Scanner::new(line).members()?;
    // The spliced-out arrays, in line order, each with what stands in for it.
    let mut cuts: Vec<(std::ops::Range<usize>, &str)> = vec![];
    if let Some((_, range)) = &members.tokens {
        cuts.push((range.clone(), "null"));
    }
    if let Some((_, range)) = &members.spans {
        cuts.push((range.clone(), "[]"));
    }
    if cuts.is_empty() {
        return None;
    }
    cuts.sort_by_key(|(range, _)| range.start);
    let mut rest = String::with_capacity(line.len());
    let mut from = 0;
    for (range, stand_in) in cuts {
        rest.push_str(&line[from..range.start]);
        rest.push_str(stand_in);
        from = range.end;
    }
    rest.push_str(&line[from..]);
    let task: Task<IgnoredAny> = serde_json::from_str(&rest).ok()?;
    // Where the scanner read `tokens`, `rest` has null (a second `tokens` key, even escaped, made
    // serde give up). Where it found none, serde may still have: a key written with escapes.
    if task.tokens.is_some() {
        return None;
    }
    Some(Task {
        text: task.text,
        meta: task.meta,
        tokens: members.tokens.map(|(tokens, _)| tokens),
        spans: match members.spans {
            Some((spans, _)) => spans,
            None => task.spans,
        },
        relations: task.relations,
        answer: task.answer,
    })
}

/// The arrays [`Scanner::members`] read, with their byte ranges in the line.
struct Members<'a> {
    tokens: Option<(Tokens<'a>, std::ops::Range<usize>)>,
    spans: Option<(Vec<TaskSpan>, std::ops::Range<usize>)>,
}

/// A cursor over one line of raw JSON, for [`fast_task`].
///
/// It accepts only a strict subset of JSON (any doubt gives `None`), so whatever it reads is valid
/// JSON that serde would read the same way.
struct Scanner<'a> {
    text: &'a str,
    bytes: &'a [u8],
    at: usize,
}

/// The byte after JSON whitespace from `at`.
#[inline(always)]
fn after_ws(bytes: &[u8], mut at: usize) -> usize {
    while let Some(b' ' | b'\t' | b'\n' | b'\r') = bytes.get(at) {
        at += 1;
    }
    at
}

/// The byte after `want` at `at`, if it is there.
#[inline(always)]
fn after(bytes: &[u8], at: usize, want: &[u8]) -> Option<usize> {
    bytes[at..].starts_with(want).then_some(at + want.len())
}

/// `"key"`, optional whitespace, `:` and optional whitespace from `at`: the byte after them.
#[inline(always)]
fn after_key(bytes: &[u8], at: usize, quoted_key: &[u8]) -> Option<usize> {
    let at = after(bytes, after_ws(bytes, at), quoted_key)?;
    Some(after_ws(bytes, after(bytes, after_ws(bytes, at), b":")?))
}

/// Optional whitespace and `,` from `at`: the byte after them.
#[inline(always)]
fn after_comma(bytes: &[u8], at: usize) -> Option<usize> {
    after(bytes, after_ws(bytes, at), b",")
}

/// A non-negative integer of 1 to 18 digits (so it fits an `i64`) at `at`, without a fraction or
/// exponent and without a leading zero, and the byte after it.
#[inline(always)]
fn integer_at(bytes: &[u8], at: usize) -> Option<(i64, usize)> {
    let mut end = at;
    let mut value: i64 = 0;
    while let Some(&d) = bytes.get(end) {
        if !d.is_ascii_digit() || end - at == 18 {
            break;
        }
        value = value * 10 + i64::from(d - b'0');
        end += 1;
    }
    let digits = end - at;
    if digits == 0 || (digits > 1 && bytes[at] == b'0') {
        return None;
    }
    match bytes.get(end) {
        // A 19th digit, a fraction or an exponent.
        Some(b'0'..=b'9' | b'.' | b'e' | b'E') => None,
        _ => Some((value, end)),
    }
}

/// `true` or `false` at `at`, and the byte after it.
#[inline(always)]
fn boolean_at(bytes: &[u8], at: usize) -> Option<(bool, usize)> {
    if bytes[at..].starts_with(b"true") {
        Some((true, at + 4))
    } else if bytes[at..].starts_with(b"false") {
        Some((false, at + 5))
    } else {
        None
    }
}

impl<'a> Scanner<'a> {
    fn new(text: &'a str) -> Self {
        Scanner {
            text,
            bytes: text.as_bytes(),
            at: 0,
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn next(&mut self) -> Option<u8> {
        let b = self.peek()?;
        self.at += 1;
        Some(b)
    }

    fn eat(&mut self, want: u8) -> Option<()> {
        (self.next()? == want).then_some(())
    }

    fn skip_ws(&mut self) {
        self.at = after_ws(self.bytes, self.at);
    }

    /// Walks the top-level object's members, reading its `tokens` array (which must then be one
    /// [`Self::tokens`] reads) and its `spans` array (left to serde when [`Self::spans`] does not
    /// read it). `None` when the line is not an object, the tokens are not of the usual shape, or
    /// either key comes twice. Other members are skipped without being checked: serde reads them.
    fn members(&mut self) -> Option<Members<'a>> {
        let mut members = Members {
            tokens: None,
            spans: None,
        };
        let mut spans_seen = false;
        self.skip_ws();
        self.eat(b'{')?;
        self.skip_ws();
        if self.peek() == Some(b'}') {
            return Some(members);
        }
        loop {
            self.skip_ws();
            let key = self.at;
            self.skip_string()?;
            let key = &self.bytes[key..self.at];
            self.skip_ws();
            self.eat(b':')?;
            self.skip_ws();
            let start = self.at;
            // Keys are compared as written: an escaped key (`"tok\u0065ns"`) is left to serde,
            // which then finds it (a second `tokens`, say) on its own.
            match key {
                b"\"tokens\"" => {
                    if members.tokens.is_some() {
                        return None;
                    }
                    let tokens = self.tokens()?;
                    members.tokens = Some((tokens, start..self.at));
                }
                b"\"spans\"" => {
                    if spans_seen {
                        return None;
                    }
                    spans_seen = true;
                    match self.spans() {
                        Some(spans) => members.spans = Some((spans, start..self.at)),
                        None => {
                            self.at = start;
                            self.skip_value()?;
                        }
                    }
                }
                _ => self.skip_value()?,
            }
            self.skip_ws();
            match self.next()? {
                b',' => {}
                b'}' => return Some(members),
                _ => return None,
            }
        }
    }

    /// Moves past a string (its opening quote at the cursor) without decoding it. Returns whether
    /// it holds an escape.
    fn skip_string(&mut self) -> Option<bool> {
        self.eat(b'"')?;
        let mut escaped = false;
        loop {
            match self.next()? {
                b'"' => return Some(escaped),
                b'\\' => {
                    escaped = true;
                    self.next()?;
                }
                _ => {}
            }
        }
    }

    /// Moves past any JSON value, tracking only strings and nesting.
    fn skip_value(&mut self) -> Option<()> {
        match self.peek()? {
            b'"' => {
                self.skip_string()?;
            }
            b'{' | b'[' => {
                let mut depth = 0usize;
                loop {
                    match self.peek()? {
                        b'"' => {
                            self.skip_string()?;
                            continue;
                        }
                        b'{' | b'[' => depth += 1,
                        b'}' | b']' => {
                            depth -= 1;
                            if depth == 0 {
                                self.at += 1;
                                break;
                            }
                        }
                        _ => {}
                    }
                    self.at += 1;
                }
            }
            _ => {
                let first = self.at;
                while !matches!(
                    self.peek(),
                    None | Some(b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r')
                ) {
                    self.at += 1;
                }
                if self.at == first {
                    return None;
                }
            }
        }
        Some(())
    }

    /// A JSON array of tokens of the usual shape: objects with exactly the keys `text`, `start`,
    /// `end`, `id` and `ws` (any order, any JSON whitespace), non-negative integers of at most 18
    /// digits, and a boolean. `None` for anything else — another shape, an unknown or repeated key,
    /// a negative, fractional or huge number — so that whatever it returns is exactly what serde
    /// would read as [`Tokens`].
    fn tokens(&mut self) -> Option<Tokens<'a>> {
        let mut tokens = Vec::new();
        self.eat(b'[')?;
        self.skip_ws();
        if self.peek() == Some(b']') {
            self.at += 1;
            return Some(tokens);
        }
        loop {
            let token = match self.ordered_token(self.at) {
                Some((token, end)) => {
                    self.at = end;
                    token
                }
                None => self.token()?,
            };
            tokens.push(token);
            self.skip_ws();
            match self.next()? {
                b',' => self.skip_ws(),
                b']' => return Some(tokens),
                _ => return None,
            }
        }
    }

    /// A token whose keys come in the order spaCy, Prodigy and [`export`] write them (`text`,
    /// `start`, `end`, `id`, `ws`), and the byte after it; `None` for anything else, which
    /// [`Self::token`] then reads.
    fn ordered_token(&self, at: usize) -> Option<(TaskToken<'a>, usize)> {
        let bytes = self.bytes;
        let at = after(bytes, at, b"{")?;
        let at = after_key(bytes, at, b"\"text\"")?;
        let (text, at) = self.string_at(at)?;
        let at = after_key(bytes, after_comma(bytes, at)?, b"\"start\"")?;
        let (start, at) = integer_at(bytes, at)?;
        let at = after_key(bytes, after_comma(bytes, at)?, b"\"end\"")?;
        let (end, at) = integer_at(bytes, at)?;
        let at = after_key(bytes, after_comma(bytes, at)?, b"\"id\"")?;
        let (id, at) = integer_at(bytes, at)?;
        let at = after_key(bytes, after_comma(bytes, at)?, b"\"ws\"")?;
        let (ws, at) = boolean_at(bytes, at)?;
        let at = after(bytes, after_ws(bytes, at), b"}")?;
        Some((
            TaskToken {
                text,
                start,
                end,
                id,
                ws,
            },
            at,
        ))
    }

    /// One `{"text": …, "start": …, "end": …, "id": …, "ws": …}` object, its keys in any order.
    fn token(&mut self) -> Option<TaskToken<'a>> {
        const TEXT: u8 = 1;
        const START: u8 = 2;
        const END: u8 = 4;
        const ID: u8 = 8;
        const WS: u8 = 16;
        self.eat(b'{')?;
        let mut token = TaskToken {
            text: Cow::Borrowed(""),
            start: 0,
            end: 0,
            id: 0,
            ws: false,
        };
        let mut seen = 0u8;
        loop {
            self.skip_ws();
            let rest = &self.bytes[self.at..];
            let (key, len) = if rest.starts_with(b"\"text\"") {
                (TEXT, 6)
            } else if rest.starts_with(b"\"start\"") {
                (START, 7)
            } else if rest.starts_with(b"\"end\"") {
                (END, 5)
            } else if rest.starts_with(b"\"id\"") {
                (ID, 4)
            } else if rest.starts_with(b"\"ws\"") {
                (WS, 4)
            } else {
                return None;
            };
            if seen & key != 0 {
                return None;
            }
            seen |= key;
            self.at += len;
            self.skip_ws();
            self.eat(b':')?;
            self.skip_ws();
            let bytes = self.bytes;
            self.at = match key {
                TEXT => {
                    let (text, end) = self.string_at(self.at)?;
                    token.text = text;
                    end
                }
                START | END | ID => {
                    let (n, end) = integer_at(bytes, self.at)?;
                    *match key {
                        START => &mut token.start,
                        END => &mut token.end,
                        _ => &mut token.id,
                    } = n;
                    end
                }
                _ => {
                    let (ws, end) = boolean_at(bytes, self.at)?;
                    token.ws = ws;
                    end
                }
            };
            self.skip_ws();
            match self.next()? {
                b',' => {}
                b'}' => break,
                _ => return None,
            }
        }
        (seen == TEXT | START | END | ID | WS).then_some(token)
    }

    /// A JSON array of spans: objects with the keys `start`, `end` and `label`, and any of
    /// `token_start`, `token_end`, `id`, `text` and `note`, each at most once, in any order, with
    /// the values [`Self::tokens`] takes (or `null` for the optional ones but `note`). `None` for
    /// anything else — an unknown key included — so that whatever it returns is exactly what serde
    /// would read as `Vec<TaskSpan>`.
    fn spans(&mut self) -> Option<Vec<TaskSpan>> {
        let mut spans = Vec::new();
        self.eat(b'[')?;
        self.skip_ws();
        if self.peek() == Some(b']') {
            self.at += 1;
            return Some(spans);
        }
        loop {
            spans.push(self.span()?);
            self.skip_ws();
            match self.next()? {
                b',' => self.skip_ws(),
                b']' => return Some(spans),
                _ => return None,
            }
        }
    }

    /// One span object (see [`Self::spans`]).
    fn span(&mut self) -> Option<TaskSpan> {
        const KEYS: [&[u8]; 9] = [
            b"\"start\"",
            b"\"end\"",
            b"\"token_start\"",
            b"\"token_end\"",
            b"\"label\"",
            b"\"id\"",
            b"\"text\"",
            b"\"note\"",
            b"\"attributes\"",
        ];
        const REQUIRED: u16 = 0b1_0011; // start, end, label
        self.eat(b'{')?;
        let mut span = TaskSpan {
            start: 0,
            end: 0,
            token_start: None,
            token_end: None,
            label: String::new(),
            id: None,
            text: None,
            note: String::new(),
            attributes: Default::default(),
        };
        let mut seen = 0u16;
        loop {
            self.skip_ws();
            let rest = &self.bytes[self.at..];
            let key = KEYS.iter().position(|k| rest.starts_with(k))?;
            if seen & (1 << key) != 0 {
                return None;
            }
            seen |= 1 << key;
            self.at += KEYS[key].len();
            self.skip_ws();
            self.eat(b':')?;
            self.skip_ws();
            let bytes = self.bytes;
            let null = bytes[self.at..].starts_with(b"null");
            self.at = match key {
                0 | 1 => {
                    let (n, end) = integer_at(bytes, self.at)?;
                    *if key == 0 {
                        &mut span.start
                    } else {
                        &mut span.end
                    } = n;
                    end
                }
                2 | 3 | 5 | 6 if null => self.at + 4,
                2 | 3 => {
                    let (n, end) = integer_at(bytes, self.at)?;
                    *if key == 2 {
                        &mut span.token_start
                    } else {
                        &mut span.token_end
                    } = Some(n);
                    end
                }
                5 => {
                    let (n, end) = integer_at(bytes, self.at)?;
                    span.id = Some(n as u64);
                    end
                }
                8 => {
                    // Rare and small: the value is skipped over, then read by serde itself.
                    let start = self.at;
                    self.skip_value()?;
                    span.attributes = serde_json::from_str(&self.text[start..self.at]).ok()?;
                    self.at
                }
                _ => {
                    let (text, end) = self.string_at(self.at)?;
                    let text = text.into_owned();
                    match key {
                        4 => span.label = text,
                        6 => span.text = Some(text),
                        _ => span.note = text,
                    }
                    end
                }
            };
            self.skip_ws();
            match self.next()? {
                b',' => {}
                b'}' => break,
                _ => return None,
            }
        }
        (seen & REQUIRED == REQUIRED).then_some(span)
    }

    /// The string at `at` and the byte after it: borrowed when it has no escapes, else decoded by
    /// serde. Raw control characters, which JSON forbids, give `None`.
    fn string_at(&self, at: usize) -> Option<(Cow<'a, str>, usize)> {
        let bytes = self.bytes;
        if bytes.get(at) != Some(&b'"') {
            return None;
        }
        let mut end = at + 1;
        loop {
            match *bytes.get(end)? {
                b'"' => return Some((Cow::Borrowed(&self.text[at + 1..end]), end + 1)),
                b'\\' => break,
                0x00..=0x1f => return None,
                _ => end += 1,
            }
        }
        // An escape: find the string's end, and let serde decode it.
        let mut p = Scanner {
            text: self.text,
            bytes,
            at,
        };
        p.skip_string()?;
        let decoded = serde_json::from_str::<String>(&self.text[at..p.at]).ok()?;
        Some((Cow::Owned(decoded), p.at))
    }
}
