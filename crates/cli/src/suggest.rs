//! `spanmark suggest IN.txt|IN.jsonl [--labels quote,figure,claim] [--format jsonl] [--merge]`:
//! prints suggestions as native JSONL.
//!
//! A `.txt` file becomes one document (line endings normalised) whose spans are the suggestions.
//! Each document of a `.jsonl` file is printed with the suggestions as its spans; with `--merge`
//! its own spans and relations are kept and only fresh suggestions (no span with the same start,
//! end and label) are added. Spans are added by the same rule as accepting suggestions in the app
//! (`spanmark_core::suggest::accept::plan`): attributed quotes get a `speaker` span (the named
//! entity) and a `said-by` relation, and spans or relations the document has are not repeated.
//! Quote style and figure attributes (value, value_max, unit, qualifier, quantity, source) go in
//! the span's note as compact JSON.

use std::path::Path;

use spanmark_core::formats::spanmark_jsonl;
use spanmark_core::suggest::{add_to_document, fresh_suggestions, suggest, SuggestionKind};
use spanmark_core::{CharOffset, Document, DocumentId};

const USAGE: &str =
    "usage: spanmark suggest IN.txt|IN.jsonl [--labels quote,figure,claim] [--format jsonl] [--merge]";

/// Runs `spanmark suggest`.
pub fn run(args: &[String]) -> Result<u8, String> {
    let mut input = None;
    let mut kinds: Vec<SuggestionKind> = SuggestionKind::ALL.to_vec();
    let mut merge = false;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--labels" => {
                let list = it
                    .next()
                    .ok_or("--labels needs a value, e.g. quote,figure")?;
                kinds = parse_labels(list)?;
            }
            "--format" => {
                let f = it.next().ok_or("--format needs a value")?;
                if f != "jsonl" {
                    return Err(format!("unknown format {f:?}: only jsonl is supported"));
                }
            }
            "--merge" => merge = true,
            other if other.starts_with("--") => {
                return Err(format!("unknown option {other:?}\n{USAGE}"))
            }
            other if input.is_none() => input = Some(other.to_string()),
            other => return Err(format!("unexpected argument {other:?}\n{USAGE}")),
        }
    }
    let input = input.ok_or(USAGE)?;
    let path = Path::new(&input);
    let raw = std::fs::read_to_string(path).map_err(|e| format!("{input}: {e}"))?;
    let docs = if input.ends_with(".jsonl") {
        spanmark_jsonl::import(&raw).map_err(|e| format!("{input}: {e}"))?
    } else {
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("document")
            .to_string();
        vec![Document::from_paste(
            DocumentId(stem.clone()),
            stem,
            &raw,
            0,
        )]
    };
    let mut out = String::new();
    for mut doc in docs {
        let found = if merge {
            let none: [(CharOffset, CharOffset, &str); 0] = [];
            fresh_suggestions(&doc, &none, &kinds)
        } else {
            doc.spans.clear();
            doc.relations.clear();
            suggest(&doc.text, &kinds)
        };
        add_to_document(&mut doc, &found);
        out.push_str(&spanmark_jsonl::export_document(&doc));
        out.push('\n');
    }
    print!("{out}");
    Ok(0)
}

/// Parses `quote,figure,claim` (and `speaker`). Asking for quotes also asks for speakers, so that
/// `said-by` relations have both ends.
fn parse_labels(list: &str) -> Result<Vec<SuggestionKind>, String> {
    let mut kinds = vec![];
    for name in list.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        let kind = SuggestionKind::from_label(name).ok_or_else(|| {
            format!("unknown label {name:?}: choose from quote, speaker, figure, claim")
        })?;
        if !kinds.contains(&kind) {
            kinds.push(kind);
        }
        if kind == SuggestionKind::Quote && !kinds.contains(&SuggestionKind::Speaker) {
            kinds.push(SuggestionKind::Speaker);
        }
    }
    if kinds.is_empty() {
        return Err("--labels is empty".into());
    }
    Ok(kinds)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_parse_and_quote_brings_speaker() {
        assert_eq!(
            parse_labels("quote, figure").unwrap(),
            vec![
                SuggestionKind::Quote,
                SuggestionKind::Speaker,
                SuggestionKind::Figure
            ]
        );
        assert!(parse_labels("quotes")
            .unwrap_err()
            .contains("unknown label"));
    }
}
