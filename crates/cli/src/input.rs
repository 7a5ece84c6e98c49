//! Reading an input path for `convert`, `validate` and `stats`: a dataset file (format given or
//! detected), a brat `.ann`/`.txt` pair or folder, or a `.txt`/`.md`/`.html` article.

use std::path::Path;

use spanmark_core::formats::{self, brat, Format, Imported};

/// What was read and as which format (`None`: a plain article).
pub struct Input {
    /// The documents and warnings.
    pub imported: Imported,
    /// The format read, if a dataset format.
    pub format: Option<Format>,
}

/// Reads `path` as `format`, or detects the format when `None`.
pub fn read(path: &str, format: Option<Format>) -> Result<Input, String> {
    let p = Path::new(path);
    if p.is_dir() {
        return read_brat_dir(p).map(|imported| Input {
            imported,
            format: Some(Format::Brat),
        });
    }
    let lower = path.to_ascii_lowercase();
    let is_pair_half =
        lower.ends_with(".ann") || (lower.ends_with(".txt") && p.with_extension("ann").is_file());
    if is_pair_half && matches!(format, None | Some(Format::Brat)) {
        return read_brat_pair(p).map(|imported| Input {
            imported,
            format: Some(Format::Brat),
        });
    }
    let bytes = std::fs::read(p).map_err(|e| format!("{path}: {e}"))?;
    let name = p
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.to_string());
    match format {
        Some(f) => formats::import(f, &name, &bytes)
            .map(|imported| Input {
                imported,
                format: Some(f),
            })
            .map_err(|e| e.to_string()),
        None => {
            let detected = formats::detect(&name, &bytes);
            formats::import_any(&name, &bytes)
                .map(|imported| Input {
                    imported,
                    format: detected,
                })
                .map_err(|e| e.to_string())
        }
    }
}

fn read_text(p: &Path) -> Result<String, String> {
    let bytes = std::fs::read(p).map_err(|e| format!("{}: {e}", p.display()))?;
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "{}: not UTF-8 (invalid byte at offset {})",
            p.display(),
            e.utf8_error().valid_up_to()
        )
    })
}

fn read_brat_pair(p: &Path) -> Result<Imported, String> {
    let (txt, ann) = (p.with_extension("txt"), p.with_extension("ann"));
    let stem = p
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let text = read_text(&txt)?;
    let ann_text = read_text(&ann)?;
    let mut warnings = vec![];
    let doc =
        brat::import_pair(&stem, &text, &ann_text, &mut warnings).map_err(|e| e.to_string())?;
    Ok(Imported {
        documents: vec![doc],
        warnings,
    })
}

fn read_brat_dir(dir: &Path) -> Result<Imported, String> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    entries.sort();
    let mut imported = Imported::default();
    for txt in entries {
        let ann = txt.with_extension("ann");
        let stem = txt
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let ann_text = if ann.is_file() {
            read_text(&ann)?
        } else {
            String::new()
        };
        let doc = brat::import_pair(&stem, &read_text(&txt)?, &ann_text, &mut imported.warnings)
            .map_err(|e| e.to_string())?;
        imported.documents.push(doc);
    }
    if imported.documents.is_empty() {
        return Err(format!("{}: no .txt files", dir.display()));
    }
    Ok(imported)
}

/// Prints warnings to standard error, one per line.
pub fn print_warnings(warnings: &[formats::Warning]) {
    for w in warnings {
        eprintln!("warning: {w}");
    }
}

/// Parses `IN [--format <fmt>]` (`--from` is accepted for `--format`), the arguments of the
/// commands that read one file.
pub fn path_and_format(args: &[String], usage: &str) -> Result<(String, Option<Format>), String> {
    let mut format: Option<Format> = None;
    let mut path = None;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--format" | "--from" => {
                let v = it.next().ok_or("--format needs a value")?;
                format = Some(v.parse().map_err(|e| format!("--format: {e}"))?);
            }
            flag if flag.starts_with("--") => return Err(format!("unknown option {flag}")),
            p => path = Some(p.to_string()),
        }
    }
    Ok((path.ok_or(usage)?, format))
}
