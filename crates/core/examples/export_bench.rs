//! Export time of a workspace, natively.
//!
//! `cargo run --release -p spanmark-core --example export_bench -- WORKSPACE.jsonl [FORMAT] [RUNS]`
//!
//! A benchmark that prints figures, not a timed test: it reads a Spanmark JSONL workspace once,
//! exports it `RUNS` times (default 10) as `FORMAT` (default `spacy`) with the default options, as
//! the app's Export… dialog does, and prints the minimum and median wall time in milliseconds.

mod bench_common;

use std::time::Instant;

use bench_common::{args, fail, format, timing};
use spanmark_core::formats::{self, ExportOptions, Format};

fn main() {
    let args = args("export_bench WORKSPACE.jsonl [FORMAT] [RUNS]");
    let format = format(args.format.as_deref().unwrap_or("spacy"));
    let docs = formats::import(Format::Spanmark, &args.path, &args.bytes)
        .unwrap_or_else(|e| fail(format!("{}: {}", e.location, e.message), 1))
        .documents;
    let mut times = Vec::with_capacity(args.runs);
    let mut size = 0;
    for _ in 0..args.runs {
        let start = Instant::now();
        let exported = formats::export(format, &docs, &ExportOptions::default())
            .unwrap_or_else(|e| fail(e, 1));
        times.push(start.elapsed());
        size = exported.bytes.len();
    }
    println!(
        "{}: {} documents as {} ({} MB); {}",
        args.path,
        docs.len(),
        format.id(),
        size / 1_000_000,
        timing(&mut times)
    );
}
