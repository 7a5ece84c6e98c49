//! Runs the suggestion engine over the development and held-out gold sets and checks score floors.
//!
//! `cargo test -p spanmark-core --test suggest_gold -- --nocapture` prints both tables and, for the
//! development set only, every mismatch (missed gold spans, spurious predictions, wrong speakers).
//! The held-out articles are for measuring, not for tuning: their mismatches are not printed.

use std::path::Path;

use spanmark_core::suggest::eval::{evaluate_gold, gold_from_json, Report, LABELS};
use spanmark_core::suggest::{suggest, Stage, SuggestionKind, SAID_BY};
use spanmark_core::Document;

fn gold() -> Vec<Document> {
    gold_in("tests/suggest_gold")
}

fn gold_in(sub: &str) -> Vec<Document> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(sub);
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("gold dir")
        .map(|e| e.expect("entry").path())
        .collect();
    paths.sort();
    paths
        .iter()
        .filter_map(|p| {
            let name = p.file_name()?.to_str()?;
            let stem = name.strip_suffix(".gold.json")?;
            let text = std::fs::read_to_string(p.with_file_name(format!("{stem}.txt"))).ok()?;
            let json = std::fs::read_to_string(p).ok()?;
            Some(gold_from_json(stem, &text, &json).unwrap_or_else(|e| panic!("{e}")))
        })
        .collect()
}

fn slice(text: &str, s: usize, e: usize) -> String {
    text.chars().skip(s).take(e - s).collect()
}

/// Prints what differs between gold and predictions, document by document.
fn print_mismatches(docs: &[Document]) {
    for d in docs {
        let pred = suggest(&d.text, SuggestionKind::ALL);
        for label in LABELS {
            let g: Vec<(usize, usize)> = d
                .spans
                .iter()
                .filter(|s| s.label == *label)
                .map(|s| (s.start.0, s.end.0))
                .collect();
            let p: Vec<(usize, usize)> = pred
                .iter()
                .filter(|s| s.label() == *label)
                .map(|s| (s.start.0, s.end.0))
                .collect();
            for x in g.iter().filter(|x| !p.contains(x)) {
                eprintln!("{} MISSED {label}: {:?}", d.id.0, slice(&d.text, x.0, x.1));
            }
            for x in p.iter().filter(|x| !g.contains(x)) {
                eprintln!("{} EXTRA  {label}: {:?}", d.id.0, slice(&d.text, x.0, x.1));
            }
        }
        for g in d.spans.iter().filter(|s| s.label == "figure") {
            let Ok(serde_json::Value::Object(note)) = serde_json::from_str(&g.note) else {
                continue;
            };
            let Some(p) = pred
                .iter()
                .find(|p| p.kind == SuggestionKind::Figure && p.start == g.start && p.end == g.end)
            else {
                continue;
            };
            for name in ["qualifier", "quantity", "source"] {
                let Some(want) = note.get(name) else { continue };
                let got = p.attribute(name).and_then(|v| v.as_text());
                if want.as_str().map(str::to_lowercase) != got.map(str::to_lowercase) {
                    eprintln!(
                        "{} FIGURE {:?} {name}: gold {want}, predicted {got:?}",
                        d.id.0,
                        d.covered_text(g)
                    );
                }
            }
        }
        for q in d.spans.iter().filter(|s| s.label == "quote") {
            let gold_speaker = d
                .relations
                .iter()
                .find(|r| r.kind == SAID_BY && r.from == q.id)
                .and_then(|r| d.span(r.to))
                .map(|s| d.covered_text(s).to_string());
            let predicted = pred
                .iter()
                .find(|p| p.kind == SuggestionKind::Quote && p.start == q.start && p.end == q.end)
                .map(|p| p.speaker.map(|(a, b)| slice(&d.text, a.0, b.0)));
            if let Some(ps) = predicted {
                if ps != gold_speaker {
                    eprintln!(
                        "{} SPEAKER {:?}: gold {:?}, predicted {:?}",
                        d.id.0,
                        d.covered_text(q),
                        gold_speaker,
                        ps
                    );
                }
            }
        }
    }
}

#[test]
fn suggest_gold_set_is_large_and_varied_enough() {
    let dev = gold();
    let held = gold_in("tests/suggest_gold/heldout");
    assert!(dev.len() >= 30, "{} development articles", dev.len());
    assert!(held.len() >= 14, "{} held-out articles", held.len());
    for d in dev.iter().chain(&held) {
        assert!(!d.text.contains('\r'), "{} kept CR line endings", d.id.0);
    }
    // Some articles are pasted with CRLF line endings, as from a Windows clipboard.
    assert!(dev.iter().any(|d| d.line_endings_normalised));
    assert!(held.iter().any(|d| d.line_endings_normalised));
}

/// Checks exact and overlap F1 per label, attribution accuracy, and F1 per figure attribute.
fn check_floors(
    report: &Report,
    labels: &[(&str, f64, f64)],
    attribution: f64,
    attributes: &[(&str, f64)],
) {
    for &(label, exact, overlap) in labels {
        let s = report.label(label).expect("label scored");
        assert!(
            s.exact().f1 >= exact,
            "{label} exact F1 {:.3} < {exact}",
            s.exact().f1
        );
        assert!(
            s.overlap().f1 >= overlap,
            "{label} overlap F1 {:.3} < {overlap}",
            s.overlap().f1
        );
    }
    assert!(
        report.attribution_accuracy() >= attribution,
        "attribution accuracy {:.3} < {attribution}",
        report.attribution_accuracy()
    );
    for &(name, f1) in attributes {
        let a = report.attribute(name).expect("attribute scored");
        assert!(a.prf().f1 >= f1, "{name} F1 {:.3} < {f1}", a.prf().f1);
    }
}

#[test]
fn suggest_engine_meets_floors_on_gold_set() {
    let docs = gold();
    let report = evaluate_gold(&docs);
    eprintln!("{}", report.table());
    print_mismatches(&docs);
    // Floors set just under what the engine achieves (see the table printed above).
    check_floors(
        &report,
        &[
            // (label, exact F1, overlap F1)
            ("quote", 0.98, 0.98),
            ("speaker", 0.96, 0.97),
            ("figure", 0.98, 0.99),
            ("claim", 0.96, 0.96),
        ],
        0.95,
        &[
            ("value", 0.99),
            ("unit", 0.99),
            ("qualifier", 0.98),
            ("quantity", 0.85),
            ("source", 0.86),
        ],
    );
    assert_eq!(report.values_correct, report.values_total, "figure values");
    // Every sieve stage that answers is right at least nine times in ten.
    for stage in Stage::ALL {
        let s = report.stage(*stage).expect("stage scored");
        assert!(s.attributed > 0, "{} attributed nothing", stage.name());
        assert!(
            s.correct * 10 >= s.attributed * 9,
            "{}: {}/{} right",
            stage.name(),
            s.correct,
            s.attributed
        );
    }
}

/// The held-out articles (the four older ones and ten of the new ones) were written and annotated
/// before the engine was run on them, and no rule was changed for them: their mismatches are not
/// printed. Their floors sit just under the first (and only) measurement.
#[test]
fn suggest_engine_meets_floors_on_held_out_set() {
    let docs = gold_in("tests/suggest_gold/heldout");
    let report = evaluate_gold(&docs);
    eprintln!("held out:\n{}", report.table());
    check_floors(
        &report,
        &[
            ("quote", 0.98, 0.98),
            ("speaker", 0.84, 0.95),
            ("figure", 0.89, 0.95),
            ("claim", 0.95, 0.95),
        ],
        0.92,
        &[
            ("value", 0.95),
            ("unit", 0.95),
            ("qualifier", 0.90),
            ("quantity", 0.78),
            ("source", 0.88),
        ],
    );
    let claims = report.label("claim").expect("claims scored").exact();
    assert!(
        claims.precision >= 0.95 && claims.recall >= 0.93,
        "{claims:?}"
    );
}
