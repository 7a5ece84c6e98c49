//! `spanmark convert --from <fmt> --to <fmt> IN OUT`: any format to any other.

use spanmark_core::formats::{self, DoccanoVariant, ExportOptions, Format};

use crate::input;

const USAGE: &str = "usage: spanmark convert --from <fmt|auto> --to <fmt> [--labels a,b] \
[--doccano-variant tuples|entities] IN OUT
formats: spanmark, spacy, doccano, label-studio, brat, w3c, iob2, hf
IN may also be a brat .ann/.txt pair or folder, or a .txt/.md/.html article (with --from auto);
OUT may be - for standard output";

/// Runs `spanmark convert`.
pub fn run(args: &[String]) -> Result<u8, String> {
    let mut from: Option<Format> = None;
    let mut to: Option<Format> = None;
    let mut options = ExportOptions::default();
    let mut paths = vec![];
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = |name: &str| {
            it.next()
                .cloned()
                .ok_or_else(|| format!("{name} needs a value\n{USAGE}"))
        };
        match arg.as_str() {
            "--from" => {
                let v = value("--from")?;
                from = if v == "auto" {
                    None
                } else {
                    Some(v.parse().map_err(|e| format!("--from: {e}"))?)
                };
            }
            "--to" => to = Some(value("--to")?.parse().map_err(|e| format!("--to: {e}"))?),
            "--labels" => {
                options.labels = Some(
                    value("--labels")?
                        .split(',')
                        .map(str::trim)
                        .filter(|l| !l.is_empty())
                        .map(str::to_string)
                        .collect(),
                )
            }
            "--doccano-variant" => {
                options.doccano = match value("--doccano-variant")?.as_str() {
                    "tuples" | "label" => DoccanoVariant::LabelTuples,
                    "entities" | "relations" => DoccanoVariant::EntitiesRelations,
                    other => return Err(format!("--doccano-variant: unknown variant {other:?}")),
                }
            }
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(0);
            }
            flag if flag.starts_with("--") => {
                return Err(format!("unknown option {flag}\n{USAGE}"))
            }
            path => paths.push(path.to_string()),
        }
    }
    let to = to.ok_or_else(|| format!("--to is required\n{USAGE}"))?;
    let [input_path, output_path] =
        <[String; 2]>::try_from(paths).map_err(|_| format!("convert needs IN and OUT\n{USAGE}"))?;
    let read = input::read(&input_path, from)?;
    input::print_warnings(&read.imported.warnings);
    let exported =
        formats::export(to, &read.imported.documents, &options).map_err(|e| e.to_string())?;
    input::print_warnings(&exported.warnings);
    if output_path == "-" {
        use std::io::Write;
        std::io::stdout()
            .write_all(&exported.bytes)
            .map_err(|e| format!("standard output: {e}"))?;
    } else {
        std::fs::write(&output_path, &exported.bytes).map_err(|e| format!("{output_path}: {e}"))?;
    }
    eprintln!(
        "converted {} document(s) from {} to {to}{}",
        read.imported.documents.len(),
        read.format
            .map_or("plain text".to_string(), |f| f.to_string()),
        if exported.warnings.is_empty() {
            String::new()
        } else {
            format!(" with {} warning(s)", exported.warnings.len())
        }
    );
    Ok(0)
}
