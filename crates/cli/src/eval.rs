//! `spanmark eval GOLD_DIR [HELDOUT_DIR]`: scores the suggestion engine against a directory of
//! gold articles (the development set) and, when there is one, a held-out directory — by default
//! `GOLD_DIR/heldout`. Each set gets its own table: P/R/F1 for quotes, speakers, figures and
//! claims, attribution accuracy and what each sieve stage attributed, and P/R/F1 for every figure
//! attribute.
//!
//! A directory holds `NAME.txt` + `NAME.gold.json` pairs (the hand-written format, see
//! `spanmark_core::suggest::eval::gold_from_json`) and/or native `.jsonl` files whose spans and
//! `said-by` relations are the gold.

use std::path::{Path, PathBuf};

use spanmark_core::formats::spanmark_jsonl;
use spanmark_core::suggest::eval::{evaluate_gold, gold_from_json};
use spanmark_core::Document;

const USAGE: &str = "usage: spanmark eval GOLD_DIR [HELDOUT_DIR]";

/// Runs `spanmark eval`.
pub fn run(args: &[String]) -> Result<u8, String> {
    let (dev, held) = match args {
        [dev] => {
            let held = Path::new(dev).join("heldout");
            (PathBuf::from(dev), held.is_dir().then_some(held))
        }
        [dev, held] => (PathBuf::from(dev), Some(PathBuf::from(held))),
        _ => return Err(USAGE.into()),
    };
    print!("{}", report(&dev, "development")?);
    if let Some(held) = held {
        print!("\n{}", report(&held, "held out")?);
    }
    Ok(0)
}

/// The evaluation table of one gold directory, under a heading.
fn report(dir: &Path, name: &str) -> Result<String, String> {
    let docs = load_gold_dir(dir)?;
    if docs.is_empty() {
        return Err(format!(
            "{}: no gold found (expected NAME.txt + NAME.gold.json pairs or .jsonl files)",
            dir.display()
        ));
    }
    Ok(format!(
        "== {name}: {} ==\n{}",
        dir.display(),
        evaluate_gold(&docs).table()
    ))
}

/// Reads every gold document in `dir`, in file-name order.
pub fn load_gold_dir(dir: &Path) -> Result<Vec<Document>, String> {
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    paths.sort();
    let mut docs = vec![];
    for path in paths {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_string();
        let read =
            |p: &Path| std::fs::read_to_string(p).map_err(|e| format!("{}: {e}", p.display()));
        if let Some(stem) = name.strip_suffix(".gold.json") {
            let text_path = path.with_file_name(format!("{stem}.txt"));
            let text = read(&text_path)?;
            docs.push(gold_from_json(stem, &text, &read(&path)?)?);
        } else if name.ends_with(".jsonl") {
            let imported = spanmark_jsonl::import(&read(&path)?)
                .map_err(|e| format!("{}: {e}", path.display()))?;
            docs.extend(imported);
        }
    }
    Ok(docs)
}
