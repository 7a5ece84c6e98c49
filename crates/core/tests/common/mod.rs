//! Shared generators and fixtures for the format tests.
#![allow(dead_code)]

use proptest::prelude::*;
use spanmark_core::{
    AttrValue, Attributes, CharOffset, Document, DocumentId, Relation, RelationId, Span, SpanId,
};

/// `cases` generated inputs per property in CI; `PROPTEST_CASES=20000 cargo test --release`
/// explores further (a CI failure's input is printed, shrunk, to be kept as a unit test).
pub fn proptest_config(cases: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(cases);
    ProptestConfig {
        cases,
        ..ProptestConfig::default()
    }
}

/// Text pieces that trip offset code: emoji (astral and ZWJ sequences), Persian with ZWNJ,
/// combining marks, guillemets and curly quotes, newlines, tabs, no-break spaces.
pub fn unicode_text() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        4 => "[A-Za-z]{1,8}",
        3 => Just(" ".to_string()),
        1 => Just("\n".to_string()),
        1 => Just("\n\n".to_string()),
        1 => Just("  ".to_string()),
        1 => Just("\t".to_string()),
        1 => Just("\u{a0}".to_string()),
        1 => Just("😀".to_string()),
        1 => Just("👩‍👩‍👧".to_string()),
        1 => Just("🇫🇷".to_string()),
        1 => Just("e\u{301}".to_string()),
        1 => Just("سلام دنیا".to_string()),
        1 => Just("می‌گوید".to_string()),
        1 => Just("«".to_string()),
        1 => Just("»".to_string()),
        1 => Just("“".to_string()),
        1 => Just("”".to_string()),
        1 => Just(".".to_string()),
        1 => Just(",".to_string()),
        1 => Just("3.5".to_string()),
        1 => Just("can't".to_string()),
        1 => any::<char>().prop_map(|c| c.to_string()),
    ];
    proptest::collection::vec(pieces, 1..40).prop_map(|v| v.concat())
}

/// Labels with case, spaces, punctuation and other scripts, which every format must keep.
pub fn label() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("quote".to_string()),
        Just("Quote".to_string()),
        Just("Claim X".to_string()),
        Just("figure:number".to_string()),
        Just("نقل‌قول".to_string()),
        Just("100%".to_string()),
        "[a-zA-Z][a-zA-Z _-]{0,6}[a-zA-Z]",
    ]
}

fn note() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => Just(String::new()),
        1 => Just("checked\nagainst «video»".to_string()),
        1 => "[a-z \\\\\t]{0,10}",
    ]
}

/// Attribute values of every type. Text starts with a letter and is never `yes` or `no`: formats
/// without value types (brat, Label Studio choices) read `2000` as a number and `yes` as yes/no,
/// which the app puts right with the label set (`LabelSet::conform`).
pub fn attr_value() -> impl Strategy<Value = AttrValue> {
    prop_oneof![
        "[A-Za-z][A-Za-z «»é\n\t\\\\]{0,8}"
            .prop_filter("not yes/no", |t| t != "yes" && t != "no")
            .prop_map(AttrValue::Text),
        any::<bool>().prop_map(AttrValue::Bool),
        any::<i32>().prop_map(|i| AttrValue::Number(i as f64)),
        (-1e7f64..1e7).prop_map(AttrValue::Number),
        any::<f64>().prop_filter_map("finite", AttrValue::number),
    ]
}

/// A span's attributes (mostly none).
pub fn attributes() -> impl Strategy<Value = Attributes> {
    prop_oneof![
        2 => Just(Attributes::new()),
        1 => proptest::collection::btree_map(
            "[a-z][a-z_]{0,7}".prop_filter("not reserved", |n| n != "note" && n != "label"),
            attr_value(),
            1..4,
        ),
    ]
}

/// One generated document with spans (nested and overlapping allowed) and relations.
pub fn document(id: String) -> impl Strategy<Value = Document> {
    (
        unicode_text(),
        proptest::collection::vec(
            (0usize..200, 1usize..25, label(), note(), attributes()),
            0..8,
        ),
        proptest::collection::vec(
            (
                0usize..8,
                0usize..8,
                prop_oneof![Just("said-by"), Just("Refers To")],
            ),
            0..3,
        ),
        "[A-Za-z «»😀]{0,12}",
        proptest::option::of("[a-z.]{1,10}"),
        0u64..2_000_000_000_000,
        any::<bool>(),
        (
            proptest::option::of("[0-9]{4}-[0-9]{2}-[0-9]{2}"),
            proptest::option::of("[A-Za-z .é]{1,12}"),
            proptest::option::of("[a-z]{1,6}"),
        ),
    )
        .prop_map(
            move |(text, raw_spans, raw_rels, title, source, added_at, normalised, details)| {
                let len = text.chars().count();
                let mut doc = Document::new(DocumentId(id.clone()), title, text, added_at);
                doc.source = source;
                (doc.published, doc.byline, doc.annotator) = details;
                doc.line_endings_normalised = normalised;
                for (i, (start, width, label, note, attributes)) in
                    raw_spans.into_iter().enumerate()
                {
                    let start = start % len;
                    let end = (start + width).min(len);
                    if start < end {
                        doc.spans.push(Span {
                            id: SpanId(i as u64 + 1),
                            start: CharOffset(start),
                            end: CharOffset(end),
                            label,
                            note,
                            attributes,
                        });
                    }
                }
                let n = doc.spans.len();
                if n > 0 {
                    for (k, (a, b, kind)) in raw_rels.into_iter().enumerate() {
                        doc.relations.push(Relation {
                            id: RelationId(k as u64 + 1),
                            from: doc.spans[a % n].id,
                            to: doc.spans[b % n].id,
                            kind: kind.to_string(),
                        });
                    }
                }
                doc
            },
        )
}

/// One to three documents with distinct ids (some needing escaping in file names and IRIs).
pub fn documents() -> impl Strategy<Value = Vec<Document>> {
    (
        document("d1".into()),
        proptest::option::of(document("news/2024 é:1".into())),
        proptest::option::of(document(".hidden%".into())),
    )
        .prop_map(|(a, b, c)| {
            let mut v = vec![a];
            v.extend(b);
            v.extend(c);
            v
        })
}

fn span(id: u64, start: usize, end: usize, label: &str, note: &str) -> Span {
    Span {
        id: SpanId(id),
        start: CharOffset(start),
        end: CharOffset(end),
        label: label.into(),
        note: note.into(),
        attributes: Default::default(),
    }
}

fn set(span: &mut Span, attributes: &[(&str, AttrValue)]) {
    for (name, value) in attributes {
        span.attributes.insert(name.to_string(), value.clone());
    }
}

/// The hand-checked synthetic sample used by the golden files and the interop tests (invented text).
pub fn sample() -> Vec<Document> {
    let text1 = "Harbour council approves «green quay» plan\n\n\
                 The mayor, Dana Rivera, said: «We will plant 1,200 trees by 2026.» \
                 Critics 😀 doubt it.\nدر بندر، شورا می‌گوید که هزینه ۳ میلیون است.";
    let mut d1 = Document::new(
        DocumentId("harbour-1".into()),
        "Harbour council approves green quay",
        text1,
        1_714_564_800_000,
    );
    d1.source = Some("The Example Gazette".into());
    let chars: Vec<char> = text1.chars().collect();
    let find = |needle: &str| {
        let n: Vec<char> = needle.chars().collect();
        (0..chars.len())
            .find(|&i| chars[i..].starts_with(&n))
            .map(|i| (i, i + n.len()))
            .expect("needle in sample")
    };
    let (q0, q1) = find("«We will plant 1,200 trees by 2026.»");
    let (s0, s1) = find("Dana Rivera");
    let (f0, f1) = find("1,200 trees");
    let (c0, c1) = find("Critics 😀 doubt it.");
    let (p0, p1) = find("هزینه ۳ میلیون");
    d1.spans = vec![
        span(1, q0, q1, "quote", ""),
        span(2, s0, s1, "Speaker Name", "mayor since 2021"),
        span(3, f0, f1, "figure", ""),
        span(4, c0, c1, "claim", ""),
        span(5, p0, p1, "figure", "Persian digits"),
    ];
    d1.published = Some("2024-05-01".into());
    d1.byline = Some("By Noor Haddad".into());
    d1.annotator = Some("ana".into());
    set(
        &mut d1.spans[0],
        &[("kind", AttrValue::Text("direct".into()))],
    );
    set(
        &mut d1.spans[2],
        &[
            ("value", AttrValue::Number(1200.0)),
            ("unit", AttrValue::Text("trees".into())),
            ("qualifier", AttrValue::Text("at most".into())),
            ("quantity", AttrValue::Text("trees planted".into())),
        ],
    );
    set(
        &mut d1.spans[3],
        &[
            ("check_worthy", AttrValue::Bool(false)),
            ("verdict", AttrValue::Text("not checked".into())),
        ],
    );
    set(
        &mut d1.spans[4],
        &[
            ("value", AttrValue::Number(3_000_000.0)),
            ("qualifier", AttrValue::Text("about".into())),
        ],
    );
    d1.relations = vec![
        Relation {
            id: RelationId(1),
            from: SpanId(1),
            to: SpanId(2),
            kind: "said-by".into(),
        },
        Relation {
            id: RelationId(2),
            from: SpanId(4),
            to: SpanId(3),
            kind: "about".into(),
        },
    ];
    let text2 = "Ferry fares rise\n\nFares rise 5\u{a0}% in May, the operator says. Cafe\u{301} owners object.";
    let mut d2 = Document::new(
        DocumentId("ferry/2".into()),
        "Ferry fares rise",
        text2,
        1_714_651_200_000,
    );
    d2.line_endings_normalised = true;
    let chars2: Vec<char> = text2.chars().collect();
    let find2 = |needle: &str| {
        let n: Vec<char> = needle.chars().collect();
        (0..chars2.len())
            .find(|&i| chars2[i..].starts_with(&n))
            .map(|i| (i, i + n.len()))
            .expect("needle in sample")
    };
    let (a0, a1) = find2("5\u{a0}%");
    let (b0, b1) = find2("Cafe\u{301} owners object.");
    d2.spans = vec![span(1, a0, a1, "figure", ""), span(2, b0, b1, "claim", "")];
    set(
        &mut d2.spans[0],
        &[
            ("value", AttrValue::Number(5.0)),
            ("unit", AttrValue::Text("%".into())),
            ("qualifier", AttrValue::Text("exact".into())),
            ("quantity", AttrValue::Text("fare rise".into())),
        ],
    );
    set(&mut d2.spans[1], &[("check_worthy", AttrValue::Bool(true))]);
    vec![d1, d2]
}
