//! brat standoff: a `.zip` holding, per document, `<name>.txt` (the UTF-8 text) and `<name>.ann`,
//! plus one `annotation.conf` listing the labels and relation kinds.
//!
//! ```text
//! (fields separated by tabs)
//! T1  speaker 0 3  Ali
//! T2  quote 9 21  «no comment»
//! R1  said-by Arg1:T2 Arg2:T1
//! #1  AnnotatorNotes T2  checked against the video
//! ```
//!
//! Offsets are code points of the `.txt`, 0-based, end exclusive. `T<n>` is span id `n`, `R<n>`
//! relation id `n`. `<name>` is the document id with characters that file systems reject (`/ \ : * ?
//! " < > |`, `%`, control characters, a leading `.`) percent-encoded.
//!
//! **Labels.** brat types cannot contain spaces, `annotation.conf` gives `: , | = < > ! #` and
//! brackets their own meaning, and brat readers such as `bratly` accept only `[\w/-]+`. Spanmark
//! writes letters, digits and `-` as they are (Unicode letters and case included) and every other
//! character as `_` followed by two hex digits per UTF-8 byte: `Claim X` → `Claim_20X`,
//! `speaker_name` → `speaker_5Fname`, `a:b` → `a_3Ab`. Since `_` itself is always encoded, import
//! decodes `_XX` back unambiguously, and labels and relation kinds round-trip exactly.
//!
//! The covered text after the second tab is the span's text with line breaks and tabs replaced by
//! spaces (a `.ann` line cannot hold them); import compares it the same way and rejects a mismatch.
//! Notes are `AnnotatorNotes`; backslash, tab and line breaks in them are escaped as `\\`, `\t`,
//! `\n`, `\r` and `\u{…}`. Import splits a discontinuous `T` (`0 5;9 12`) into one span per fragment
//! and reports normalisations (`N`), events (`E`) and equivalences (`*`), which the model has no
//! place for, as warnings. brat has no title, date or byline: an import derives the title.
//!
//! **Attributes.** Yes/no and one-of-a-list attributes (one-of-a-list per the label set) are brat
//! multi-valued attributes, declared in `annotation.conf` under `[attributes]` with the values seen
//! (a choice's options, `yes|no`): `A1<TAB>check_worthy T4 yes`, `A2<TAB>qualifier T3 at_20least`
//! (name and value encoded as labels are). Text and number attributes, which brat attributes cannot
//! hold, are notes typed with the attribute's name: `#3<TAB>unit T3<TAB>trees` (escaped as notes
//! are). Import reads an `A` (or old-style `M`) line back as yes/no when its value is `yes` or `no`
//! (or absent: a binary attribute is yes), as text otherwise; a note of another type than
//! `AnnotatorNotes` becomes an attribute, a number when its text is a number as Spanmark writes it
//! (`2000`, `-3.5`), text otherwise.

use std::collections::{HashMap, HashSet};
use std::io::{Cursor, Read, Write};

use super::{derived_title, labels_in, ExportError, ImportError, Imported, Warning};
use crate::attributes::{AttrType, AttrValue};
use crate::model::{free_id, Document, DocumentId, LabelSet, Relation, RelationId, Span, SpanId};
use crate::offsets::{CharOffset, OffsetIndex};

/// Characters percent-encoded in file names (besides controls).
const NAME_SPECIAL: &[char] = &['%', '/', '\\', ':', '*', '?', '"', '<', '>', '|'];

fn percent_encode(s: &str, special: &[char]) -> String {
    let mut out = String::new();
    for ch in s.chars() {
        if ch.is_whitespace() || ch.is_control() || special.contains(&ch) {
            let mut buf = [0u8; 4];
            for b in ch.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        } else {
            out.push(ch);
        }
    }
    out
}

fn hex_decode(s: &str, escape: u8) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == escape && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok();
            if let Some(b) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// Decodes `%XX` sequences (UTF-8 bytes); anything else is kept.
pub(crate) fn percent_decode(s: &str) -> String {
    hex_decode(s, b'%')
}

/// Whether a label character is written as it is: ASCII letters, digits and `-`, and other letters
/// and digits that do not combine with the character before them (what brat readers' `[\w-]`
/// accepts).
fn label_char_kept(ch: char) -> bool {
    if ch.is_ascii() {
        return ch.is_ascii_alphanumeric() || ch == '-';
    }
    use unicode_segmentation::UnicodeSegmentation;
    ch.is_alphanumeric() && format!("a{ch}").graphemes(true).count() == 2
}

/// A label or relation kind as brat writes it (reversible; see the module doc): every character
/// but letters, digits and `-` becomes `_` and two hex digits per UTF-8 byte.
pub fn encode_label(label: &str) -> String {
    let mut out = String::new();
    for ch in label.chars() {
        if label_char_kept(ch) {
            out.push(ch);
        } else {
            let mut buf = [0u8; 4];
            for b in ch.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("_{b:02X}"));
            }
        }
    }
    out
}

/// The label a brat type stands for.
pub fn decode_label(brat_type: &str) -> String {
    hex_decode(brat_type, b'_')
}

/// A document id as a file name stem.
pub fn encode_name(id: &str) -> String {
    let mut name = percent_encode(id, NAME_SPECIAL);
    if name.starts_with('.') {
        name.replace_range(0..1, "%2E");
    }
    if name.is_empty() {
        name = "%00".into();
    }
    name
}

/// Whether a code point starts a new line for Python's `str.splitlines` (which brat readers use).
fn is_line_break(ch: char) -> bool {
    matches!(
        ch,
        '\n' | '\r'
            | '\u{b}'
            | '\u{c}'
            | '\u{1c}'
            | '\u{1d}'
            | '\u{1e}'
            | '\u{85}'
            | '\u{2028}'
            | '\u{2029}'
    )
}

/// The covered text as a `.ann` line holds it.
fn ann_text(s: &str) -> String {
    s.chars()
        .map(|c| {
            if is_line_break(c) || c == '\t' {
                ' '
            } else {
                c
            }
        })
        .collect()
}

fn escape_note(note: &str) -> String {
    let mut out = String::new();
    for ch in note.chars() {
        match ch {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if is_line_break(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

fn unescape_note(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars().peekable();
    while let Some(ch) = chars.next() {
        if ch != '\\' {
            out.push(ch);
            continue;
        }
        match chars.peek().copied() {
            Some('\\') => {
                chars.next();
                out.push('\\');
            }
            Some('n') => {
                chars.next();
                out.push('\n');
            }
            Some('r') => {
                chars.next();
                out.push('\r');
            }
            Some('t') => {
                chars.next();
                out.push('\t');
            }
            Some('u') => {
                let rest: String = chars.clone().collect();
                let decoded = rest
                    .strip_prefix("u{")
                    .and_then(|r| r.split_once('}'))
                    .and_then(|(hex, _)| {
                        u32::from_str_radix(hex, 16)
                            .ok()
                            .and_then(char::from_u32)
                            .map(|c| (c, hex.len() + 3))
                    });
                match decoded {
                    Some((c, used)) => {
                        for _ in 0..used {
                            chars.next();
                        }
                        out.push(c);
                    }
                    None => out.push('\\'),
                }
            }
            _ => out.push('\\'),
        }
    }
    out
}

/// How an attribute value is written: as an `A` line's value (yes/no and one-of-a-list), or as the
/// text of a typed note (text and numbers).
fn as_a_line(schema: &LabelSet, span: &Span, name: &str, value: &AttrValue) -> Option<String> {
    match value {
        AttrValue::Bool(_) => Some(value.to_string()),
        AttrValue::Text(t)
            if schema
                .attribute(&span.label, name)
                .is_some_and(|d| d.kind == AttrType::Choice) =>
        {
            Some(encode_label(t))
        }
        _ => None,
    }
}

/// The `.ann` file of one document. `schema` says which text attributes are one-of-a-list.
pub fn export_ann(doc: &Document, schema: &LabelSet, warnings: &mut Vec<Warning>) -> String {
    let index = OffsetIndex::new(&doc.text);
    let mut out = String::new();
    for s in &doc.spans {
        let text = index.slice(s.start, s.end).unwrap_or("");
        out.push_str(&format!(
            "T{}\t{} {} {}\t{}\n",
            s.id.0,
            encode_label(&s.label),
            s.start.0,
            s.end.0,
            ann_text(text)
        ));
    }
    for r in &doc.relations {
        let kind = if r.kind.is_empty() {
            warnings.push(Warning::new(
                format!("document {:?}, relation {}", doc.id.0, r.id.0),
                "brat relations need a type; the empty kind is written as \"related\"",
            ));
            "related".to_string()
        } else {
            encode_label(&r.kind)
        };
        out.push_str(&format!(
            "R{}\t{kind} Arg1:T{} Arg2:T{}\n",
            r.id.0, r.from.0, r.to.0
        ));
    }
    let mut n = 0;
    for s in doc.spans.iter().filter(|s| !s.note.is_empty()) {
        n += 1;
        out.push_str(&format!(
            "#{n}\tAnnotatorNotes T{}\t{}\n",
            s.id.0,
            escape_note(&s.note)
        ));
    }
    let mut a = 0;
    let mut typed_notes = String::new();
    for s in &doc.spans {
        for (name, value) in &s.attributes {
            match as_a_line(schema, s, name, value) {
                Some(v) => {
                    a += 1;
                    out.push_str(&format!("A{a}\t{} T{} {v}\n", encode_label(name), s.id.0));
                }
                None => {
                    n += 1;
                    typed_notes.push_str(&format!(
                        "#{n}\t{} T{}\t{}\n",
                        encode_label(name),
                        s.id.0,
                        escape_note(&value.to_string())
                    ));
                }
            }
        }
    }
    out.push_str(&typed_notes);
    out
}

/// `annotation.conf` for these documents: every label under `[entities]`, every relation kind
/// under `[relations]` (between any entities), every yes/no and one-of-a-list attribute under
/// `[attributes]` with its values (a choice's options from `schema`, then any other value seen).
pub fn annotation_conf(docs: &[Document], schema: &LabelSet) -> String {
    let mut out = String::from(
        "# brat annotation configuration written by Spanmark.\n\
         # Labels are percent-encoded where brat needs it (space -> _20, _ -> _5F; see docs/formats.md).\n\
         [entities]\n",
    );
    for label in labels_in(docs) {
        out.push_str(&encode_label(&label));
        out.push('\n');
    }
    out.push_str("\n[relations]\n");
    let mut kinds: Vec<String> = vec![];
    for d in docs {
        for r in &d.relations {
            let k = if r.kind.is_empty() {
                "related".to_string()
            } else {
                encode_label(&r.kind)
            };
            if !kinds.contains(&k) {
                kinds.push(k);
            }
        }
    }
    for k in kinds {
        out.push_str(&format!("{k}\tArg1:<ENTITY>, Arg2:<ENTITY>\n"));
    }
    out.push_str("\n[events]\n\n[attributes]\n");
    let mut attributes: Vec<(String, Vec<String>)> = vec![];
    for d in docs {
        for s in &d.spans {
            for (name, value) in &s.attributes {
                let Some(v) = as_a_line(schema, s, name, value) else {
                    continue;
                };
                let name = encode_label(name);
                let i = match attributes.iter().position(|(n, _)| *n == name) {
                    Some(i) => i,
                    None => {
                        let known: Vec<String> = match value {
                            AttrValue::Bool(_) => vec!["yes".into(), "no".into()],
                            _ => schema
                                .attribute(&s.label, &decode_label(&name))
                                .map(|d| d.options.iter().map(|o| encode_label(o)).collect())
                                .unwrap_or_default(),
                        };
                        attributes.push((name, known));
                        attributes.len() - 1
                    }
                };
                if !attributes[i].1.contains(&v) {
                    attributes[i].1.push(v);
                }
            }
        }
    }
    for (name, values) in attributes {
        out.push_str(&format!(
            "{name}\tArg:<ENTITY>, Value:{}\n",
            values.join("|")
        ));
    }
    out
}

/// Writes the zip: `<name>.txt` + `<name>.ann` per document, then `annotation.conf`.
pub fn export_zip(
    docs: &[Document],
    schema: &LabelSet,
    warnings: &mut Vec<Warning>,
) -> Result<Vec<u8>, ExportError> {
    use zip::write::SimpleFileOptions;
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let err = |e: &dyn std::fmt::Display| ExportError::Archive(e.to_string());
    let mut names = HashSet::new();
    for doc in docs {
        let mut name = encode_name(&doc.id.0);
        let mut k = 2;
        while !names.insert(name.clone()) {
            name = format!("{}~{k}", encode_name(&doc.id.0));
            k += 1;
        }
        writer
            .start_file(format!("{name}.txt"), options)
            .map_err(|e| err(&e))?;
        writer.write_all(doc.text.as_bytes()).map_err(|e| err(&e))?;
        writer
            .start_file(format!("{name}.ann"), options)
            .map_err(|e| err(&e))?;
        writer
            .write_all(export_ann(doc, schema, warnings).as_bytes())
            .map_err(|e| err(&e))?;
    }
    writer
        .start_file("annotation.conf", options)
        .map_err(|e| err(&e))?;
    writer
        .write_all(annotation_conf(docs, schema).as_bytes())
        .map_err(|e| err(&e))?;
    let cursor = writer.finish().map_err(|e| err(&e))?;
    Ok(cursor.into_inner())
}

/// Whether a line looks like a brat annotation line (for format detection).
pub fn looks_like_ann(line: &str) -> bool {
    let Some((id, rest)) = line.split_once('\t') else {
        return false;
    };
    let mut chars = id.chars();
    matches!(
        chars.next(),
        Some('T' | 'R' | 'A' | 'M' | 'E' | 'N' | '#' | '*')
    ) && chars.all(|c| c.is_ascii_digit())
        && !rest.is_empty()
        && (id.len() > 1 || id == "*")
}

/// Reads one brat document from its text and `.ann` content. `name` is the file stem (it becomes
/// the document id, decoded) and prefixes error locations as `<name>.ann line N`.
///
/// Offsets count every character of the `.txt` as brat and Python's `open(encoding="utf-8")` read
/// it: a `\r` before a `\n` and a leading byte-order mark (U+FEFF) included. Some tools skip such a
/// mark when they write offsets; when the `.ann` only fits the text without it, the mark is left
/// out and a warning says so.
pub fn import_pair(
    name: &str,
    text: &str,
    ann: &str,
    warnings: &mut Vec<Warning>,
) -> Result<Document, ImportError> {
    let mut kept_warnings = vec![];
    let kept_error = match read_pair(name, text, ann, &mut kept_warnings) {
        Ok(doc) => {
            warnings.append(&mut kept_warnings);
            return Ok(doc);
        }
        Err(e) => e,
    };
    let Some(without_mark) = text.strip_prefix('\u{feff}') else {
        return Err(kept_error);
    };
    let mut stripped_warnings = vec![Warning::new(
        format!("{name}.txt"),
        "starts with a byte-order mark (U+FEFF) that the .ann offsets do not count; the mark was \
         left out of the text",
    )];
    match read_pair(name, without_mark, ann, &mut stripped_warnings) {
        Ok(doc) => {
            warnings.append(&mut stripped_warnings);
            Ok(doc)
        }
        Err(_) => Err(kept_error),
    }
}

fn read_pair(
    name: &str,
    text: &str,
    ann: &str,
    warnings: &mut Vec<Warning>,
) -> Result<Document, ImportError> {
    let id = DocumentId(percent_decode(name));
    let mut doc = Document::new(id.clone(), derived_title(text, &id.0), text, 0);
    let index = OffsetIndex::new(text);
    let at = |n: usize| format!("{name}.ann line {n}");
    // First pass: ids used by T lines, so fragments and unnumbered ids get fresh ones.
    let mut t_numbers = HashSet::new();
    for line in ann.lines() {
        if let Some(rest) = line.strip_prefix('T') {
            if let Some(n) = rest.split('\t').next().and_then(|d| d.parse::<u64>().ok()) {
                t_numbers.insert(n);
            }
        }
    }
    let mut next = t_numbers.iter().max().map_or(1, |m| m.saturating_add(1));
    let mut t_ids: HashMap<String, SpanId> = HashMap::new();
    let mut used = HashSet::new();
    let mut rel_ids = HashSet::new();
    let mut pending_relations = vec![];
    let mut notes = vec![];
    let mut attributes = vec![];
    for (i, raw) in ann.split('\n').enumerate() {
        let n = i + 1;
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        if line.trim().is_empty() {
            continue;
        }
        let mut fields = line.splitn(3, '\t');
        let ann_id = fields.next().unwrap_or("");
        let body = fields.next().unwrap_or("");
        let third = fields.next();
        match ann_id.chars().next() {
            Some('T') => {
                let (ty, ranges) = body.split_once(' ').ok_or_else(|| {
                    ImportError::at(at(n), "expected `T<n><TAB>TYPE START END<TAB>text`")
                })?;
                let label = decode_label(ty);
                if label.is_empty() {
                    return Err(ImportError::at(at(n), "the type (label) is empty"));
                }
                let mut fragments = vec![];
                for part in ranges.split(';') {
                    let mut nums = part.split_whitespace();
                    let (Some(s), Some(e), None) = (nums.next(), nums.next(), nums.next()) else {
                        return Err(ImportError::at(
                            at(n),
                            format!("offsets {part:?} are not `START END`"),
                        ));
                    };
                    let (Ok(s), Ok(e)) = (s.parse::<i64>(), e.parse::<i64>()) else {
                        return Err(ImportError::at(
                            at(n),
                            format!("offsets {part:?} are not integers"),
                        ));
                    };
                    crate::model::check_range(s, e, index.len_chars())
                        .map_err(|m| ImportError::at(at(n), format!("span {m}")))?;
                    fragments.push((s as usize, e as usize));
                }
                if let Some(given) = third {
                    let covered: Vec<&str> = fragments
                        .iter()
                        .map(|&(s, e)| {
                            index
                                .slice(CharOffset(s), CharOffset(e))
                                .unwrap_or_default()
                        })
                        .collect();
                    let expected = ann_text(&covered.join(" "));
                    if ann_text(given) != expected {
                        return Err(ImportError::at(
                            at(n),
                            format!(
                                "text {given:?} does not match the document text at {ranges} ({expected:?})"
                            ),
                        ));
                    }
                }
                if fragments.len() > 1 {
                    warnings.push(Warning::new(
                        at(n),
                        format!(
                            "{ann_id} is discontinuous ({ranges}); imported as {} spans, one per \
                             fragment",
                            fragments.len()
                        ),
                    ));
                }
                for (k, (s, e)) in fragments.into_iter().enumerate() {
                    let wanted = ann_id[1..].parse::<u64>().ok().filter(|_| k == 0);
                    let id = match wanted {
                        Some(id) if !used.contains(&id) => id,
                        Some(id) => {
                            return Err(ImportError::at(at(n), format!("T{id} appears twice")))
                        }
                        None => {
                            let id = free_id(next, |i| used.contains(&i) || t_numbers.contains(&i));
                            next = id.saturating_add(1);
                            id
                        }
                    };
                    used.insert(id);
                    if k == 0 {
                        t_ids.insert(ann_id.to_string(), SpanId(id));
                    }
                    doc.spans.push(Span {
                        id: SpanId(id),
                        start: CharOffset(s),
                        end: CharOffset(e),
                        label: label.clone(),
                        note: String::new(),
                        attributes: Default::default(),
                    });
                }
            }
            Some('R') => {
                let mut parts = body.split_whitespace();
                let ty = parts.next().unwrap_or("");
                let mut args = HashMap::new();
                for p in parts {
                    if let Some((role, target)) = p.split_once(':') {
                        args.insert(role.to_string(), target.to_string());
                    }
                }
                let (Some(a1), Some(a2)) = (args.get("Arg1"), args.get("Arg2")) else {
                    return Err(ImportError::at(
                        at(n),
                        "expected `R<n><TAB>TYPE Arg1:T<a> Arg2:T<b>`",
                    ));
                };
                pending_relations.push((
                    n,
                    ann_id.to_string(),
                    decode_label(ty),
                    a1.clone(),
                    a2.clone(),
                ));
            }
            Some('#') => {
                let mut parts = body.split_whitespace();
                let ty = parts.next().unwrap_or("");
                let target = parts.next().unwrap_or("").to_string();
                let text = unescape_note(third.unwrap_or(""));
                if ty == "AnnotatorNotes" {
                    notes.push((n, target, text));
                } else {
                    let value = crate::attributes::parse_number(&text)
                        .filter(|v| v.to_string() == text)
                        .unwrap_or(AttrValue::Text(text));
                    attributes.push((n, target, decode_label(ty), value));
                }
            }
            Some('A' | 'M') => {
                let mut parts = body.split_whitespace();
                let (Some(ty), Some(target)) = (parts.next(), parts.next()) else {
                    return Err(ImportError::at(
                        at(n),
                        "expected `A<n><TAB>NAME T<n> [VALUE]`",
                    ));
                };
                let value = match parts.next() {
                    None | Some("yes") => AttrValue::Bool(true),
                    Some("no") => AttrValue::Bool(false),
                    Some(v) => AttrValue::Text(decode_label(v)),
                };
                attributes.push((n, target.to_string(), decode_label(ty), value));
            }
            Some('E' | 'N' | '*') => warnings.push(Warning::new(
                at(n),
                format!(
                    "{ann_id} ({}) has no place in Spanmark's model; not imported",
                    body
                ),
            )),
            _ => {
                return Err(ImportError::at(
                    at(n),
                    format!("{ann_id:?} is not a brat annotation id (T, R, A, M, E, N, # or *)"),
                ))
            }
        }
    }
    for (n, rid, kind, a1, a2) in pending_relations {
        let find = |t: &str| {
            t_ids.get(t).copied().ok_or_else(|| {
                ImportError::at(at(n), format!("{rid} points at {t}, which is not a T line"))
            })
        };
        let (from, to) = (find(&a1)?, find(&a2)?);
        let id = match rid[1..].parse::<u64>() {
            Ok(id) if rel_ids.insert(id) => id,
            Ok(id) => return Err(ImportError::at(at(n), format!("R{id} appears twice"))),
            Err(_) => {
                // Every relation so far has its id in `rel_ids`.
                let id = doc.next_relation_id().0;
                rel_ids.insert(id);
                id
            }
        };
        doc.relations.push(Relation {
            id: RelationId(id),
            from,
            to,
            kind,
        });
    }
    for (n, target, note) in notes {
        match t_ids.get(&target) {
            Some(id) => {
                if let Some(s) = doc.spans.iter_mut().find(|s| s.id == *id) {
                    if !s.note.is_empty() {
                        s.note.push('\n');
                    }
                    s.note.push_str(&note);
                }
            }
            None => warnings.push(Warning::new(
                at(n),
                format!("note on {target:?}, which is not a T line; not imported"),
            )),
        }
    }
    for (n, target, name, value) in attributes {
        match t_ids.get(&target) {
            Some(id) => {
                if let Some(s) = doc.spans.iter_mut().find(|s| s.id == *id) {
                    s.attributes.insert(name, value);
                }
            }
            None => warnings.push(Warning::new(
                at(n),
                format!("attribute {name:?} on {target:?}, which is not a T line; not imported"),
            )),
        }
    }
    Ok(doc)
}

/// Reads a brat zip (or, given a `.ann` or `.txt` alone, explains that both are needed).
pub fn import_file(file_name: &str, bytes: &[u8]) -> Result<Imported, ImportError> {
    if bytes.starts_with(b"PK") {
        return import_zip(bytes);
    }
    Err(ImportError::whole(format!(
        "{file_name:?} is not a zip; a brat document needs its .txt and .ann together (import both \
         files at once, or a zip of them)"
    )))
}

/// Reads a zip of `.txt` + `.ann` pairs (in any folders; `annotation.conf` and other files are
/// ignored). A `.txt` without `.ann` is a document without spans; a `.ann` without `.txt` is an error.
pub fn import_zip(bytes: &[u8]) -> Result<Imported, ImportError> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| ImportError::whole(format!("not a readable zip ({e})")))?;
    let mut texts: Vec<(String, String)> = vec![];
    let mut anns: HashMap<String, String> = HashMap::new();
    for i in 0..archive.len() {
        let mut entry = archive
            .by_index(i)
            .map_err(|e| ImportError::at_record(i + 1, format!("unreadable zip entry ({e})")))?;
        if entry.is_dir() {
            continue;
        }
        let path = entry.name().to_string();
        let (is_txt, is_ann) = (path.ends_with(".txt"), path.ends_with(".ann"));
        if !is_txt && !is_ann {
            continue;
        }
        if entry.size() > 256 * 1024 * 1024 {
            return Err(ImportError::at(path, "larger than 256 MiB"));
        }
        let mut content = Vec::new();
        entry
            .read_to_end(&mut content)
            .map_err(|e| ImportError::at(path.clone(), format!("unreadable ({e})")))?;
        let content = String::from_utf8(content).map_err(|e| {
            ImportError::at(
                path.clone(),
                format!(
                    "not UTF-8 (invalid byte at offset {})",
                    e.utf8_error().valid_up_to()
                ),
            )
        })?;
        let key = path[..path.len() - 4].to_string();
        if is_txt {
            texts.push((key, content));
        } else {
            anns.insert(key, content);
        }
    }
    let mut documents: Vec<Document> = vec![];
    let mut warnings = vec![];
    for (key, text) in &texts {
        let ann = anns.remove(key).unwrap_or_default();
        let name = key.rsplit('/').next().unwrap_or(key);
        let doc = import_pair(name, text, &ann, &mut warnings)?;
        if documents.iter().any(|d| d.id == doc.id) {
            return Err(ImportError::at(
                format!("{key}.txt"),
                format!("document id {:?} appears twice", doc.id.0),
            ));
        }
        documents.push(doc);
    }
    if let Some(key) = anns.keys().min() {
        return Err(ImportError::at(
            format!("{key}.ann"),
            format!("has no {key}.txt beside it"),
        ));
    }
    if documents.is_empty() {
        return Err(ImportError::whole("the zip holds no .txt/.ann documents"));
    }
    Ok(Imported {
        documents,
        warnings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_encode_reversibly() {
        for label in [
            "Claim X",
            "a:b,c",
            "100%",
            "سخن گفت",
            "نقل‌قول",
            "Quote",
            "x\ty",
            "a_b",
            "é",
        ] {
            let enc = encode_label(label);
            assert!(
                enc.chars()
                    .all(|c| c.is_alphanumeric() || c == '-' || c == '_'),
                "{enc}"
            );
            assert_eq!(decode_label(&enc), label);
        }
        assert_eq!(encode_label("Claim X"), "Claim_20X");
        assert_eq!(encode_label("speaker_name"), "speaker_5Fname");
    }

    #[test]
    fn notes_escape_reversibly() {
        for note in [
            "a\nb",
            "back\\slash \\n",
            "tab\there",
            "\u{2028}x",
            "\\u{zz}",
        ] {
            let esc = escape_note(note);
            assert!(!esc.contains(['\n', '\t', '\u{2028}']));
            assert_eq!(unescape_note(&esc), note);
        }
    }

    #[test]
    fn discontinuous_spans_become_fragments_with_a_warning() {
        let mut w = vec![];
        let doc = import_pair("d", "Ali said no", "T1\tx 0 3;9 11\tAli no\n", &mut w).unwrap();
        assert_eq!(doc.spans.len(), 2);
        assert_eq!(w.len(), 1);
    }

    #[test]
    fn a_leading_byte_order_mark_counts_as_brat_counts_it() {
        let mut w = vec![];
        let doc = import_pair("d", "\u{feff}Ali said", "T1\tx 1 4\tAli\n", &mut w).unwrap();
        assert_eq!(doc.text, "\u{feff}Ali said");
        assert_eq!((doc.spans[0].start.0, doc.spans[0].end.0), (1, 4));
        assert!(w.is_empty(), "{w:?}");
    }

    #[test]
    fn a_byte_order_mark_the_ann_skipped_is_left_out_with_a_warning() {
        let mut w = vec![];
        let doc = import_pair("d", "\u{feff}Ali said", "T1\tx 0 3\tAli\n", &mut w).unwrap();
        assert_eq!(doc.text, "Ali said");
        assert_eq!((doc.spans[0].start.0, doc.spans[0].end.0), (0, 3));
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].location, "d.txt");
        // Spans reaching the last character only fit without the mark too.
        let doc = import_pair("d", "\u{feff}Ali", "T1\tx 0 3\n", &mut vec![]).unwrap();
        assert_eq!(doc.text, "\u{feff}Ali");
        let doc = import_pair("d", "\u{feff}Ali", "T1\tx 1 4\n", &mut vec![]).unwrap();
        assert_eq!(doc.text, "\u{feff}Ali");
    }

    #[test]
    fn an_ann_that_fits_neither_reading_reports_the_text_as_written() {
        let err =
            import_pair("d", "\u{feff}Ali said", "T1\tx 0 3\tBob\n", &mut vec![]).unwrap_err();
        assert_eq!(err.location, "d.ann line 1");
        assert!(err.message.contains(r"\u{feff}Al"), "{}", err.message);
    }

    #[test]
    fn crlf_text_keeps_its_offsets() {
        let text = "Ali said:\r\n\u{201c}No.\u{201d}\r\nEnd";
        let doc = import_pair(
            "d",
            text,
            "T1\tQuote 11 16\t\u{201c}No.\u{201d}\n",
            &mut vec![],
        )
        .unwrap();
        assert_eq!(doc.text, text);
        assert_eq!((doc.spans[0].start.0, doc.spans[0].end.0), (11, 16));
    }

    #[test]
    fn a_pair_picked_together_keeps_crlf_offsets() {
        let text = "Ali said:\r\n\u{201c}No.\u{201d}\r\nEnd";
        let ann = "T1\tQuote 11 16\t\u{201c}No.\u{201d}\r\n";
        let got = crate::formats::import_brat_pair(
            "d",
            ("d.txt", text.as_bytes()),
            ("d.ann", ann.as_bytes()),
        )
        .unwrap();
        let doc = &got.documents[0];
        assert_eq!(doc.text, text);
        assert_eq!((doc.spans[0].start.0, doc.spans[0].end.0), (11, 16));
    }

    #[test]
    fn wrong_text_names_file_and_line() {
        let err = import_pair("d", "Ali said", "\nT1\tx 0 3\tBob\n", &mut vec![]).unwrap_err();
        assert_eq!(err.location, "d.ann line 2");
    }
}
