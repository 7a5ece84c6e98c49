//! What the native format benchmarks (`import_bench`, `export_bench`) share: their arguments,
//! input and summary line.

use std::time::Duration;

use spanmark_core::formats::Format;

/// Prints `message` and exits with `code`.
pub fn fail(message: impl std::fmt::Display, code: i32) -> ! {
    eprintln!("{message}");
    std::process::exit(code)
}

/// `FILE [FORMAT] [RUNS]`, and the file's bytes.
pub struct Args {
    /// The input file.
    pub path: String,
    /// The format given, if any.
    pub format: Option<String>,
    /// How many runs (at least one; default 10).
    pub runs: usize,
    /// The input, read once.
    pub bytes: Vec<u8>,
}

/// Reads the arguments (`usage` is printed when the file is missing) and the input file.
pub fn args(usage: &str) -> Args {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .unwrap_or_else(|| fail(format!("usage: {usage}"), 2));
    let format = args.next();
    let runs = args
        .next()
        .and_then(|r| r.parse().ok())
        .unwrap_or(10usize)
        .max(1);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| fail(format!("{path}: {e}"), 2));
    Args {
        path,
        format,
        runs,
        bytes,
    }
}

/// The format named `id`.
pub fn format(id: &str) -> Format {
    id.parse().unwrap_or_else(|e| fail(e, 2))
}

/// "N runs: min … ms, median … ms".
pub fn timing(times: &mut [Duration]) -> String {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    format!(
        "{} runs: min {:.1} ms, median {:.1} ms",
        times.len(),
        ms(times[0]),
        ms(times[times.len() / 2])
    )
}
