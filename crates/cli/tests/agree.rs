//! `spanmark agree` end to end: files written here, the binary run on them.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const TEXT: &str = "Ferry fares rise 5 % in May, the operator says. Café owners object.";

/// A native JSONL line for one document with (start, end, label) spans over `text`.
fn line(id: &str, text: &str, spans: &[(usize, usize, &str)]) -> String {
    let chars: Vec<char> = text.chars().collect();
    let spans: Vec<serde_json::Value> = spans
        .iter()
        .enumerate()
        .map(|(i, &(s, e, label))| {
            // The text has no characters outside the BMP, so UTF-16 offsets equal code points.
            serde_json::json!({"id": i + 1, "start": s, "end": e, "start_utf16": s,
                "end_utf16": e, "label": label, "text": chars[s..e].iter().collect::<String>(),
                "note": ""})
        })
        .collect();
    serde_json::json!({"schema": "spanmark/1", "offset_unit": "codepoint", "id": id,
        "title": "Ferry fares rise", "added_at": 0, "text": text, "spans": spans,
        "relations": []})
    .to_string()
}

fn dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("spanmark-agree-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn write(d: &Path, file: &str, lines: &[String]) -> String {
    let p = d.join(file);
    std::fs::write(&p, lines.join("\n") + "\n").unwrap();
    p.to_string_lossy().into_owned()
}

fn agree(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_spanmark"))
        .arg("agree")
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn json_has_the_documented_shape_and_hand_checked_numbers() {
    let d = dir("json");
    // ana: figure "5 %" (17..20), claim (48..67). ben: figure "5 % in May" (17..27, IoU 3/10),
    // claim identical. Figure F1 0 (exact and relaxed), claim 1; overall 2·1/4 = 0.5.
    let a = write(
        &d,
        "ana.jsonl",
        &[line("f1", TEXT, &[(17, 20, "figure"), (48, 67, "claim")])],
    );
    let b = write(
        &d,
        "ben.jsonl",
        &[line("f1", TEXT, &[(17, 27, "figure"), (48, 67, "claim")])],
    );
    let out = agree(&[&a, &b, "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["annotators"], serde_json::json!(["ana", "ben"]));
    assert_eq!(v["documents"], 1);
    let pair = &v["pairs"][0];
    assert_eq!(
        (pair["a"].as_str(), pair["b"].as_str()),
        (Some("ana"), Some("ben"))
    );
    assert_eq!(pair["labels"]["figure"]["f1_relaxed"], 0.0);
    assert_eq!(pair["labels"]["claim"]["f1_exact"], 1.0);
    assert_eq!(pair["labels"]["claim"]["kappa_chars"], 1.0);
    assert_eq!(pair["overall"]["f1_exact"], 0.5);
    // Characters: 67, ana's figure 3, ben's 10, shared 3. p_o = 60/67,
    // p_e = (3·10 + 64·57)/67², κ = (p_o − p_e)/(1 − p_e) = 0.4350… (worked by hand).
    let k = pair["labels"]["figure"]["kappa_chars"].as_f64().unwrap();
    let (po, pe) = (60.0 / 67.0, (30.0 + 64.0 * 57.0) / (67.0f64 * 67.0));
    assert!((k - (po - pe) / (1.0 - pe)).abs() < 1e-12);
    assert_eq!(v["labels"]["claim"]["alpha_u"], 1.0);
    assert!(v["labels"]["figure"]["fleiss_kappa_chars"].is_f64());
}

#[test]
fn names_and_the_readable_table() {
    let d = dir("table");
    let a = write(&d, "1.jsonl", &[line("f1", TEXT, &[(17, 20, "figure")])]);
    let b = write(
        &d,
        "2.jsonl",
        &[line("other-id", TEXT, &[(17, 20, "figure")])],
    );
    let out = agree(&[&a, &b, "--names", "ana,ben"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(out.status.success());
    assert!(text.contains("annotators: ana, ben"), "{text}");
    assert!(text.contains("documents: 1 compared"), "{text}");
    assert!(text.contains("ana–ben"), "{text}");
}

#[test]
fn no_document_in_common_names_the_files() {
    let d = dir("none");
    let a = write(&d, "ana.jsonl", &[line("f1", TEXT, &[])]);
    let b = write(&d, "ben.jsonl", &[line("f2", "Another text.", &[])]);
    let out = agree(&[&a, &b]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("no document in common"), "{err}");
    assert!(
        err.contains("ana.jsonl") && err.contains("ben.jsonl"),
        "{err}"
    );
}

#[test]
fn same_id_with_another_text_names_the_files_and_the_document() {
    let d = dir("differs");
    let a = write(&d, "ana.jsonl", &[line("f1", TEXT, &[])]);
    let b = write(&d, "ben.jsonl", &[line("f1", "Ferry fares fall.", &[])]);
    let out = agree(&[&a, &b]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("\"f1\""), "{err}");
    assert!(
        err.contains("ana.jsonl") && err.contains("ben.jsonl"),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn wrong_arguments_are_refused() {
    let d = dir("args");
    let a = write(&d, "ana.jsonl", &[line("f1", TEXT, &[])]);
    assert_eq!(agree(&[&a]).status.code(), Some(1));
    assert_eq!(agree(&[&a, &a, "--names", "x"]).status.code(), Some(1));
    assert_eq!(agree(&[&a, &a]).status.code(), Some(1)); // both called "ana"
}
