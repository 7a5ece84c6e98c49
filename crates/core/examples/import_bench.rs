//! Import time of one file, natively.
//!
//! `cargo run --release -p spanmark-core --example import_bench -- FILE [FORMAT] [RUNS]`
//!
//! A benchmark that prints figures, not a timed test: it reads `FILE` once, imports it `RUNS` times
//! (default 10) as `FORMAT` (default: detected from the content, as the app does with `import_any`)
//! and prints the minimum and median wall time in milliseconds. To make a spaCy input, convert a
//! Spanmark workspace: `spanmark convert --from spanmark --to spacy workspace.jsonl out.jsonl`.

use std::time::{Duration, Instant};

use spanmark_core::formats::{self, Format};

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: import_bench FILE [FORMAT|auto] [RUNS]");
        std::process::exit(2);
    };
    let format: Option<Format> = match args.next().as_deref() {
        None | Some("auto") => None,
        Some(f) => Some(f.parse().unwrap_or_else(|e| {
            eprintln!("{e}");
            std::process::exit(2)
        })),
    };
    let runs: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(10);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| {
        eprintln!("{path}: {e}");
        std::process::exit(2)
    });
    let mut times: Vec<Duration> = Vec::with_capacity(runs);
    let mut summary = String::new();
    for _ in 0..runs.max(1) {
        let start = Instant::now();
        let imported = match format {
            Some(f) => formats::import(f, &path, &bytes),
            None => formats::import_any(&path, &bytes),
        };
        let elapsed = start.elapsed();
        let imported = imported.unwrap_or_else(|e| {
            eprintln!("{}: {}", e.location, e.message);
            std::process::exit(1)
        });
        let spans: usize = imported.documents.iter().map(|d| d.spans.len()).sum();
        summary = format!(
            "{} documents, {spans} spans, {} warnings",
            imported.documents.len(),
            imported.warnings.len()
        );
        // Dropping the result is not part of the import.
        drop(imported);
        times.push(elapsed);
    }
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{path}: {} MB, {summary}; {} runs: min {:.1} ms, median {:.1} ms",
        bytes.len() / 1_000_000,
        times.len(),
        ms(times[0]),
        ms(times[times.len() / 2])
    );
}
