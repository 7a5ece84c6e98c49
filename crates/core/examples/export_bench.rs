//! Export time of a workspace, natively.
//!
//! `cargo run --release -p spanmark-core --example export_bench -- WORKSPACE.jsonl [FORMAT] [RUNS]`
//!
//! A benchmark that prints figures, not a timed test: it reads a Spanmark JSONL workspace once,
//! exports it `RUNS` times (default 10) as `FORMAT` (default `spacy`) with the default options, as
//! the app's Export… dialog does, and prints the minimum and median wall time in milliseconds.

use std::time::{Duration, Instant};

use spanmark_core::formats::{self, ExportOptions, Format};

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: export_bench WORKSPACE.jsonl [FORMAT] [RUNS]");
        std::process::exit(2);
    };
    let format: Format = args
        .next()
        .unwrap_or_else(|| "spacy".into())
        .parse()
        .unwrap_or_else(|e| {
            eprintln!("{e}");
            std::process::exit(2)
        });
    let runs: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(10);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| {
        eprintln!("{path}: {e}");
        std::process::exit(2)
    });
    let docs = formats::import(Format::Spanmark, &path, &bytes)
        .unwrap_or_else(|e| {
            eprintln!("{}: {}", e.location, e.message);
            std::process::exit(1)
        })
        .documents;
    let mut times: Vec<Duration> = Vec::with_capacity(runs);
    let mut size = 0;
    for _ in 0..runs.max(1) {
        let start = Instant::now();
        let exported =
            formats::export(format, &docs, &ExportOptions::default()).unwrap_or_else(|e| {
                eprintln!("{e}");
                std::process::exit(1)
            });
        times.push(start.elapsed());
        size = exported.bytes.len();
    }
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{path}: {} documents as {} ({} MB); {} runs: min {:.1} ms, median {:.1} ms",
        docs.len(),
        format.id(),
        size / 1_000_000,
        times.len(),
        ms(times[0]),
        ms(times[times.len() / 2])
    );
}
