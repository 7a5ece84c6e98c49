//! `spanmark validate IN [--format <fmt>]`: checks a file; exits 1 with the first problem, naming
//! its line or record, or 0 (printing any warnings).

use crate::input;

/// Runs `spanmark validate`.
pub fn run(args: &[String]) -> Result<u8, String> {
    let (path, format) =
        input::path_and_format(args, "usage: spanmark validate IN [--format <fmt>]")?;
    match input::read(&path, format) {
        Ok(read) => {
            input::print_warnings(&read.imported.warnings);
            let spans: usize = read.imported.documents.iter().map(|d| d.spans.len()).sum();
            println!(
                "{path}: valid {} ({} document(s), {spans} span(s), {} warning(s))",
                read.format
                    .map_or("plain text".to_string(), |f| f.to_string()),
                read.imported.documents.len(),
                read.imported.warnings.len()
            );
            Ok(0)
        }
        Err(message) => {
            eprintln!("{path}: invalid: {message}");
            Ok(1)
        }
    }
}
