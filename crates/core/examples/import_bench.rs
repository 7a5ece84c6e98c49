//! Import time of one file, natively.
//!
//! `cargo run --release -p spanmark-core --example import_bench -- FILE [FORMAT] [RUNS]`
//!
//! A benchmark that prints figures, not a timed test: it reads `FILE` once, imports it `RUNS` times
//! (default 10) as `FORMAT` (default: detected from the content, as the app does with `import_any`)
//! and prints the minimum and median wall time in milliseconds. To make a spaCy input, convert a
//! Spanmark workspace: `spanmark convert --from spanmark --to spacy workspace.jsonl out.jsonl`.

mod bench_common;

use std::time::Instant;

use bench_common::{args, fail, format, timing};
use spanmark_core::formats;

fn main() {
    let args = args("import_bench FILE [FORMAT|auto] [RUNS]");
    let format = match args.format.as_deref() {
        None | Some("auto") => None,
        Some(id) => Some(format(id)),
    };
    let mut times = Vec::with_capacity(args.runs);
    let mut summary = String::new();
    for _ in 0..args.runs {
        let start = Instant::now();
        let imported = match format {
            Some(f) => formats::import(f, &args.path, &args.bytes),
            None => formats::import_any(&args.path, &args.bytes),
        };
        let elapsed = start.elapsed();
        let imported =
            imported.unwrap_or_else(|e| fail(format!("{}: {}", e.location, e.message), 1));
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
    println!(
        "{}: {} MB, {summary}; {}",
        args.path,
        args.bytes.len() / 1_000_000,
        timing(&mut times)
    );
}
