//! `spanmark eval GOLD_DIR`: scores the suggestion engine against a directory of gold articles.
//!
//! The directory holds `NAME.txt` + `NAME.gold.json` pairs (the hand-written development format,
//! see `spanmark_core::suggest::eval::gold_from_json`) and/or native `.jsonl` files whose spans and
//! `said-by` relations are the gold.

use std::path::Path;

use spanmark_core::formats::spanmark_jsonl;
use spanmark_core::suggest::eval::{evaluate_gold, gold_from_json};
use spanmark_core::Document;

const USAGE: &str = "usage: spanmark eval GOLD_DIR";

/// Runs `spanmark eval`.
pub fn run(args: &[String]) -> Result<u8, String> {
    let [dir] = args else {
        return Err(USAGE.into());
    };
    let docs = load_gold_dir(Path::new(dir))?;
    if docs.is_empty() {
        return Err(format!(
            "{dir}: no gold found (expected NAME.txt + NAME.gold.json pairs or .jsonl files)"
        ));
    }
    print!("{}", evaluate_gold(&docs).table());
    Ok(0)
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
