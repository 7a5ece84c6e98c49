//! The label set: validation (names, shortcut keys, colours), contrast checks, the undoable edits
//! that rename or delete a label everywhere, and the small JSON file a team shares a scheme with.

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::attributes::{validate_defs, AttrError};
use crate::history::Edit;
use crate::model::{Label, LabelSet, RelationKind, Workspace};

/// Keys that are not available as label shortcuts: they review suggestions (`a`, `x`, `j`, `k`), mark
/// a document done (`m`), open the label editor (`l`) or the stories (`g`),
/// find (`/`), show help (`?`), step through spans and documents (`n`, `p`, `[`, `]`, `e`, `s`),
/// start a relation (`r`) or link a quote to its nearest speaker (`w`).
pub const RESERVED_KEYS: &[char] = &[
    'a', 'x', 'j', 'k', '/', '?', 'n', 'p', '[', ']', 'e', 's', 'm', 'l', 'g', 'r', 'w', ' ',
];

/// The schema id of a label-set file.
pub const LABELS_SCHEMA: &str = "spanmark-labels/1";

/// Why a label set is not acceptable.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum LabelError {
    /// A label has no name.
    #[error("label {0} has no name")]
    EmptyName(usize),
    /// Two labels share a name.
    #[error("two labels are called {0:?}")]
    DuplicateName(String),
    /// Two labels share a shortcut key.
    #[error("key {key:?} is already used by {other:?}")]
    DuplicateKey {
        /// The key.
        key: char,
        /// The label that has it.
        other: String,
    },
    /// A key that is not a digit 1–9 or a letter, or a reserved one.
    #[error("key {0:?} cannot be a label shortcut (use 1–9 or a letter other than a, e, j, k, l, m, n, p, r, s, w, x)")]
    BadKey(char),
    /// A colour that is not `#rrggbb`.
    #[error("colour {0:?} is not of the form #rrggbb")]
    BadColour(String),
    /// An attribute definition that is not acceptable.
    #[error(transparent)]
    Attribute(#[from] AttrError),
    /// A relation kind without a name.
    #[error("relation kind {0} has no name")]
    EmptyRelationKind(usize),
    /// Two relation kinds share a name.
    #[error("two relation kinds are called {0:?}")]
    DuplicateRelationKind(String),
    /// A label-set file that cannot be read.
    #[error("{0}")]
    BadFile(String),
}

/// Checks names (non-empty, unique), keys (1–9 or a letter, unique, not reserved; a space means
/// "no key"), colours, each label's attribute definitions and the relation kinds' names.
pub fn validate(set: &LabelSet) -> Result<(), LabelError> {
    for (i, label) in set.labels.iter().enumerate() {
        if label.name.trim().is_empty() {
            return Err(LabelError::EmptyName(i + 1));
        }
        if set.labels[..i].iter().any(|l| l.name == label.name) {
            return Err(LabelError::DuplicateName(label.name.clone()));
        }
        if label.key != ' ' {
            let ok = matches!(label.key, '1'..='9') || label.key.is_alphabetic();
            if !ok || RESERVED_KEYS.contains(&label.key) {
                return Err(LabelError::BadKey(label.key));
            }
            if let Some(other) = set.labels[..i].iter().find(|l| l.key == label.key) {
                return Err(LabelError::DuplicateKey {
                    key: label.key,
                    other: other.name.clone(),
                });
            }
        }
        if !label.colour.is_empty() && parse_colour(&label.colour).is_none() {
            return Err(LabelError::BadColour(label.colour.clone()));
        }
        validate_defs(&label.name, &label.attributes)?;
    }
    for (i, kind) in set.relation_kinds.iter().enumerate() {
        if kind.name.trim().is_empty() {
            return Err(LabelError::EmptyRelationKind(i + 1));
        }
        if set.relation_kinds[..i].iter().any(|k| k.name == kind.name) {
            return Err(LabelError::DuplicateRelationKind(kind.name.clone()));
        }
    }
    Ok(())
}

/// `#rrggbb` as three bytes.
pub fn parse_colour(colour: &str) -> Option<[u8; 3]> {
    let hex = colour.strip_prefix('#')?;
    if hex.len() != 6 || !hex.is_ascii() {
        return None;
    }
    let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    Some([byte(0)?, byte(2)?, byte(4)?])
}

fn luminance([r, g, b]: [u8; 3]) -> f64 {
    let channel = |c: u8| {
        let c = c as f64 / 255.0;
        if c <= 0.039_28 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
}

/// The WCAG contrast ratio of two colours (1 to 21).
pub fn contrast_ratio(a: [u8; 3], b: [u8; 3]) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// `colour` mixed `weight` (0–1) over `background`, as the reader paints a highlight.
pub fn mix(colour: [u8; 3], weight: f64, background: [u8; 3]) -> [u8; 3] {
    let m = |c: u8, b: u8| (c as f64 * weight + b as f64 * (1.0 - weight)).round() as u8;
    [
        m(colour[0], background[0]),
        m(colour[1], background[1]),
        m(colour[2], background[2]),
    ]
}

/// The page and text colours of the light and dark themes (as in the stylesheet).
pub const THEMES: [(&str, [u8; 3], [u8; 3]); 2] = [
    ("light", [0xfb, 0xfa, 0xf7], [0x1d, 0x1d, 0x1f]),
    ("dark", [0x17, 0x18, 0x1c], [0xe8, 0xe8, 0xea]),
];

/// Problems a colour has as a label colour, in either theme: text on its highlight below 4.5:1,
/// or its underline against the page below 3:1. Empty when it reads well in both.
pub fn contrast_warnings(colour: &str) -> Vec<String> {
    let Some(c) = parse_colour(colour) else {
        return vec![];
    };
    let mut out = vec![];
    for (theme, page, text) in THEMES {
        let highlight = mix(c, 0.22, page);
        let on_highlight = contrast_ratio(text, highlight);
        if on_highlight < 4.5 {
            out.push(format!("{theme} theme: text on this highlight has contrast {on_highlight:.1}:1 (needs 4.5:1)"));
        }
        let underline = contrast_ratio(c, page);
        if underline < 3.0 {
            out.push(format!("{theme} theme: the underline has contrast {underline:.1}:1 against the page (needs 3:1)"));
        }
    }
    out
}

/// How many spans, in all documents, carry `label`.
pub fn spans_with(ws: &Workspace, label: &str) -> usize {
    ws.documents
        .iter()
        .map(|d| d.spans.iter().filter(|s| s.label == label).count())
        .sum()
}

/// The undoable edit that renames a label in the set and on every span that carries it.
pub fn rename_edit(ws: &Workspace, from: &str, to: &str) -> Result<Edit, LabelError> {
    let mut labels = ws.labels.clone();
    let Some(label) = labels.labels.iter_mut().find(|l| l.name == from) else {
        return Err(LabelError::BadFile(format!("no label called {from:?}")));
    };
    label.name = to.to_string();
    for kind in &mut labels.relation_kinds {
        for end in [&mut kind.from, &mut kind.to] {
            if end.as_deref() == Some(from) {
                *end = Some(to.to_string());
            }
        }
    }
    validate(&labels)?;
    let mut edits = vec![Edit::SetLabels {
        from: ws.labels.clone(),
        to: labels,
    }];
    for doc in &ws.documents {
        for span in doc.spans.iter().filter(|s| s.label == from) {
            edits.push(Edit::Relabel {
                doc: doc.id.clone(),
                id: span.id,
                from: from.into(),
                to: to.into(),
            });
        }
    }
    Ok(Edit::Batch(edits))
}

/// The undoable edit that deletes a label and every span that carries it.
pub fn delete_edit(ws: &Workspace, name: &str) -> Edit {
    let mut edits = vec![];
    for doc in &ws.documents {
        for (index, span) in doc
            .spans
            .iter()
            .enumerate()
            .filter(|(_, s)| s.label == name)
        {
            edits.push(Edit::DeleteSpan {
                doc: doc.id.clone(),
                span: span.clone(),
                index,
                relations: vec![],
            });
        }
    }
    let mut labels = ws.labels.clone();
    labels.labels.retain(|l| l.name != name);
    edits.push(Edit::SetLabels {
        from: ws.labels.clone(),
        to: labels,
    });
    Edit::Batch(edits)
}

/// The undoable edit that replaces the label set (add, recolour, reorder, describe, rekey), after
/// validating it. Renames and deletions go through [`rename_edit`] and [`delete_edit`].
pub fn set_edit(ws: &Workspace, to: LabelSet) -> Result<Edit, LabelError> {
    validate(&to)?;
    Ok(Edit::SetLabels {
        from: ws.labels.clone(),
        to,
    })
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct LabelFile {
    schema: String,
    labels: Vec<Label>,
    /// Absent in files written before relation kinds existed (the set is then upgraded).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    relation_kinds: Option<Vec<RelationKind>>,
}

/// The label set as a small JSON file.
pub fn export_file(set: &LabelSet) -> String {
    let file = LabelFile {
        schema: LABELS_SCHEMA.into(),
        labels: set.labels.clone(),
        relation_kinds: Some(set.relation_kinds.clone()),
    };
    serde_json::to_string_pretty(&file).expect("plain data")
}

/// Reads a label-set file, validating it.
pub fn import_file(text: &str) -> Result<LabelSet, LabelError> {
    let file: LabelFile = serde_json::from_str(text.trim_start_matches('\u{feff}'))
        .map_err(|e| LabelError::BadFile(format!("not a Spanmark label set: {e}")))?;
    if file.schema != LABELS_SCHEMA {
        return Err(LabelError::BadFile(format!(
            "unknown schema {:?} (expected {LABELS_SCHEMA:?})",
            file.schema
        )));
    }
    let set = LabelSet::upgraded(file.labels, file.relation_kinds);
    validate(&set)?;
    Ok(set)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::History;
    use crate::model::{Document, DocumentId, Span, SpanId};
    use crate::offsets::CharOffset;

    fn ws() -> Workspace {
        let mut d = Document::new(DocumentId("d".into()), "t", "one two three", 0);
        for (i, (s, e, l)) in [(0, 3, "quote"), (4, 7, "claim"), (8, 13, "quote")]
            .into_iter()
            .enumerate()
        {
            d.spans.push(Span {
                id: SpanId(i as u64 + 1),
                start: CharOffset(s),
                end: CharOffset(e),
                label: l.into(),
                note: String::new(),
                attributes: Default::default(),
            });
        }
        Workspace {
            documents: vec![d],
            labels: LabelSet::default(),
        }
    }

    #[test]
    fn defaults_are_valid() {
        assert_eq!(validate(&LabelSet::default()), Ok(()));
    }

    #[test]
    fn conflicting_and_reserved_keys_are_refused() {
        let mut set = LabelSet::default();
        set.labels[1].key = '1';
        assert_eq!(
            validate(&set),
            Err(LabelError::DuplicateKey {
                key: '1',
                other: "claim".into()
            })
        );
        set.labels[1].key = 'j';
        assert_eq!(validate(&set), Err(LabelError::BadKey('j')));
        set.labels[1].key = 'q';
        assert_eq!(validate(&set), Ok(()));
    }

    #[test]
    fn rename_relabels_every_span_and_undoes() {
        let mut ws = ws();
        let mut h = History::default();
        let edit = rename_edit(&ws, "quote", "Direct Quote").unwrap();
        h.apply(&mut ws, edit).unwrap();
        assert!(ws.labels.by_name("Direct Quote").is_some());
        assert_eq!(
            ws.documents[0]
                .spans
                .iter()
                .filter(|s| s.label == "Direct Quote")
                .count(),
            2
        );
        h.undo(&mut ws).unwrap();
        assert_eq!(ws, self::ws());
    }

    #[test]
    fn relation_kinds_follow_a_renamed_label() {
        let mut ws = ws();
        let mut h = History::default();
        let edit = rename_edit(&ws, "speaker", "source person").unwrap();
        h.apply(&mut ws, edit).unwrap();
        assert_eq!(
            ws.labels
                .preselected_kind("quote", "source person")
                .map(|k| k.name.as_str()),
            Some("said-by")
        );
        assert_eq!(
            ws.labels.relation_kinds[0].to.as_deref(),
            Some("source person")
        );
    }

    #[test]
    fn attribute_definitions_and_relation_kinds_are_validated() {
        let mut set = LabelSet::default();
        set.labels[2].attributes[0].name = "unit".into();
        assert!(matches!(validate(&set), Err(LabelError::Attribute(_))));
        let mut set = LabelSet::default();
        set.relation_kinds
            .push(crate::model::RelationKind::any("said-by"));
        assert_eq!(
            validate(&set),
            Err(LabelError::DuplicateRelationKind("said-by".into()))
        );
    }

    #[test]
    fn an_old_label_file_is_upgraded_and_a_new_one_kept() {
        let old = r##"{"schema":"spanmark-labels/1","labels":[
            {"name":"quote","colour":"#2f7fd8","key":"2"}]}"##;
        let set = import_file(old).unwrap();
        assert_eq!(set.labels.len(), 2);
        assert_eq!(set.by_name("quote").unwrap().attributes.len(), 1);
        assert_eq!(set.by_key('4').map(|l| l.name.as_str()), Some("speaker"));
        let mut mine = LabelSet::default();
        mine.relation_kinds.clear();
        assert_eq!(import_file(&export_file(&mine)), Ok(mine));
    }

    #[test]
    fn rename_to_an_existing_name_is_refused() {
        assert_eq!(
            rename_edit(&ws(), "quote", "claim"),
            Err(LabelError::DuplicateName("claim".into()))
        );
    }

    #[test]
    fn delete_removes_the_label_and_its_spans_and_undoes_in_place() {
        let mut ws = ws();
        assert_eq!(spans_with(&ws, "quote"), 2);
        let mut h = History::default();
        let edit = delete_edit(&ws, "quote");
        h.apply(&mut ws, edit).unwrap();
        assert!(ws.labels.by_name("quote").is_none());
        assert_eq!(ws.documents[0].spans.len(), 1);
        h.undo(&mut ws).unwrap();
        assert_eq!(ws, self::ws());
    }

    #[test]
    fn label_file_round_trips_and_rejects_bad_input() {
        let set = LabelSet::default();
        assert_eq!(import_file(&export_file(&set)), Ok(set));
        assert!(matches!(
            import_file("{\"schema\":\"x\",\"labels\":[]}"),
            Err(LabelError::BadFile(_))
        ));
        assert!(matches!(import_file("nope"), Err(LabelError::BadFile(_))));
    }

    #[test]
    fn contrast_of_default_colours_is_fine_and_pale_yellow_is_not() {
        for l in LabelSet::default().labels {
            let w = contrast_warnings(&l.colour);
            assert!(
                w.iter().all(|w| !w.contains("text on")),
                "{}: {w:?}",
                l.name
            );
        }
        assert!(!contrast_warnings("#ffff66").is_empty());
        assert!((contrast_ratio([0, 0, 0], [255, 255, 255]) - 21.0).abs() < 1e-9);
    }
}
