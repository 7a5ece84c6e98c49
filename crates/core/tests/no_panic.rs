#![cfg(feature = "formats")]
//! Every importer, fed arbitrary or damaged input, returns an error or documents — never panics.
//! (The cargo-fuzz targets in `crates/core/fuzz/` go further on nightly.)

mod common;

use proptest::prelude::*;
use spanmark_core::formats::{self, Format};

fn feed(name: &str, bytes: &[u8]) {
    let _ = formats::detect(name, bytes);
    let _ = formats::import_any(name, bytes);
    for format in Format::ALL {
        if let Ok(imported) = formats::import(format, name, bytes) {
            // Whatever imports must export again.
            for f in Format::ALL {
                formats::export(f, &imported.documents, &Default::default()).unwrap_or_else(|e| {
                    panic!("{format} import gave documents {f} cannot export: {e}")
                });
            }
        }
    }
    for name in ["a.txt", "a.md", "a.html"] {
        let _ = formats::import_any(name, bytes);
    }
}

proptest! {
    #![proptest_config(common::proptest_config(64))]

    #[test]
    fn arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        feed("x.bin", &bytes);
    }

    #[test]
    fn arbitrary_strings(text in "\\PC{0,200}") {
        feed("x.jsonl", text.as_bytes());
    }

    /// Valid exports cut short or with one byte changed: close to every parser's edge cases.
    #[test]
    fn damaged_exports(docs in common::documents(), f in 0usize..8, cut in any::<prop::sample::Index>(), flip in any::<prop::sample::Index>(), byte in any::<u8>()) {
        let format = Format::ALL[f];
        let mut bytes = formats::export(format, &docs, &Default::default()).unwrap().bytes;
        let mut changed = bytes.clone();
        if !changed.is_empty() {
            let at = flip.index(changed.len());
            changed[at] = byte;
        }
        feed("x", &changed);
        bytes.truncate(cut.index(bytes.len() + 1));
        feed("x", &bytes);
    }
}

// Inputs that once panicked (issue 16's fuzzing campaign), each kept as found. Ids as large as
// `u64::MAX` are valid in every format that carries ids; the id after them used to overflow.
// brat's pair reader is not reached by the zip fuzz target (the zip's CRC guards the entries), so
// its inputs come from reading the code during the same campaign.

const MAX: &str = "18446744073709551615";

fn span_ids(imported: &formats::Imported) -> Vec<u64> {
    imported.documents[0].spans.iter().map(|s| s.id.0).collect()
}

fn relation_ids(imported: &formats::Imported) -> Vec<u64> {
    imported.documents[0]
        .relations
        .iter()
        .map(|r| r.id.0)
        .collect()
}

fn exports_everywhere(imported: &formats::Imported) {
    for f in Format::ALL {
        formats::export(f, &imported.documents, &Default::default())
            .unwrap_or_else(|e| panic!("{f} cannot export: {e}"));
    }
}

#[test]
fn brat_span_id_u64_max_then_a_fragment() {
    let ann = format!("T{MAX}\tx 0 3;9 11\tAli no\n");
    let got = formats::import_brat_pair("d", ("d.txt", b"Ali said no"), ("d.ann", ann.as_bytes()))
        .unwrap();
    assert_eq!(span_ids(&got), [u64::MAX, 1]);
    exports_everywhere(&got);
}

#[test]
fn brat_relation_id_u64_max_then_an_unnumbered_one() {
    let ann = format!("T1\tx 0 3\nT2\tx 9 11\nR{MAX}\tr Arg1:T1 Arg2:T2\nRx\tr Arg1:T2 Arg2:T1\n");
    let got = formats::import_brat_pair("d", ("d.txt", b"Ali said no"), ("d.ann", ann.as_bytes()))
        .unwrap();
    assert_eq!(relation_ids(&got), [u64::MAX, 1]);
    exports_everywhere(&got);
}

#[test]
fn label_studio_region_id_u64_max_with_two_labels() {
    let file = format!(
        r#"[{{"data":{{"text":"abc"}},"annotations":[{{"result":[{{"id":"s{MAX}","type":"labels","value":{{"start":0,"end":1,"labels":["x","y"]}}}}]}}]}}]"#
    );
    feed("x.json", file.as_bytes());
    let got = formats::import(Format::LabelStudio, "x.json", file.as_bytes()).unwrap();
    assert_eq!(span_ids(&got), [u64::MAX, 1]);
}

#[test]
fn w3c_relation_id_u64_max_then_an_unnumbered_one() {
    let d = "urn:spanmark:doc:d";
    let span = |n: u32, start: u32, end: u32| {
        format!(
            r#"{{"id":"{d}:span:{n}","type":"Annotation","motivation":"tagging","body":[{{"type":"TextualBody","purpose":"tagging","value":"x"}}],"target":{{"source":"{d}","selector":[{{"type":"TextPositionSelector","start":{start},"end":{end}}}]}}}}"#
        )
    };
    let link = |id: &str| {
        format!(
            r#"{{{id}"type":"Annotation","motivation":"linking","body":[{{"type":"TextualBody","purpose":"tagging","value":"r"}},"{d}:span:2"],"target":"{d}:span:1"}}"#
        )
    };
    let file = format!(
        r#"{{"@context":"http://www.w3.org/ns/anno.jsonld","type":"AnnotationCollection","spanmark:offsetUnit":"codepoint","spanmark:documents":[{{"id":"{d}","type":"Text","value":"Ali said no"}}],"first":{{"type":"AnnotationPage","items":[{},{},{},{}]}}}}"#,
        span(1, 0, 3),
        span(2, 9, 11),
        link(&format!(r#""id":"{d}:relation:{MAX}","#)),
        link(""),
    );
    feed("x.jsonld", file.as_bytes());
    let got = formats::import(Format::W3c, "x.jsonld", file.as_bytes()).unwrap();
    assert_eq!(relation_ids(&got), [u64::MAX, 1]);
}

#[test]
fn w3c_created_in_a_far_year_is_no_timestamp() {
    for year in ["10000000000000", "99999999999999999", "9223372036854775807"] {
        let file = format!(
            r#"{{"@context":"http://www.w3.org/ns/anno.jsonld","type":"AnnotationCollection","spanmark:documents":[{{"id":"urn:spanmark:doc:d","type":"Text","value":"abc","created":"{year}-01-01T00:00:00Z"}}],"first":{{"type":"AnnotationPage","items":[]}}}}"#
        );
        feed("x.jsonld", file.as_bytes());
        let got = formats::import(Format::W3c, "x.jsonld", file.as_bytes()).unwrap();
        assert_eq!(got.documents[0].added_at, 0, "{year}");
    }
}
