//! `spanmark link FILE… [--suggest] [--regroup] [--json] [--jsonl OUT] [--w3c OUT]`: groups the
//! documents of the files into stories and links quotes that recur and figures that differ across
//! them.
//!
//! Inputs are any dataset format or `.txt`/`.md`/`.html` articles (a `.txt` file's document id is
//! its file name without extension; offsets are code points into the text as imported). With
//! `--suggest`, documents without quote or figure spans are linked on suggestions. `--json` prints
//! one object (`{"stories":[…],"quotes":[…],"figures":[…]}`); without it, a readable summary.
//! `--jsonl` and `--w3c` also write the `spanmark-links/1` and W3C Web Annotation exports.
//!
//! Stories a Spanmark JSONL file keeps (its lines' `story` and `story_name`, written when the user
//! merged, split or renamed stories in the app) are kept: documents without one are grouped and
//! placed among them. `--regroup` ignores them and groups every document afresh.

use std::collections::HashSet;

use spanmark_core::link::{
    cli_json, collect_items, export_jsonl, export_w3c, link_items, DiffOp, FigureOccurrence,
    LinkOptions, Links,
};
use spanmark_core::Document;

use crate::input;

const USAGE: &str =
    "usage: spanmark link FILE… [--suggest] [--regroup] [--json] [--jsonl OUT.jsonl] [--w3c OUT.jsonld]";

/// Runs `spanmark link`.
pub fn run(args: &[String]) -> Result<u8, String> {
    let (mut paths, mut suggest, mut json, mut regroup) = (vec![], false, false, false);
    let (mut jsonl_out, mut w3c_out) = (None, None);
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--suggest" => suggest = true,
            "--json" => json = true,
            "--regroup" => regroup = true,
            "--jsonl" => jsonl_out = Some(it.next().ok_or("--jsonl needs a file name")?.clone()),
            "--w3c" => w3c_out = Some(it.next().ok_or("--w3c needs a file name")?.clone()),
            flag if flag.starts_with("--") => {
                return Err(format!("unknown option {flag:?}\n{USAGE}"))
            }
            path => paths.push(path.to_string()),
        }
    }
    if paths.is_empty() {
        return Err(USAGE.into());
    }
    let mut docs: Vec<Document> = vec![];
    let mut seen = HashSet::new();
    for path in &paths {
        let read = input::read(path, None)?;
        input::print_warnings(&read.imported.warnings);
        for doc in read.imported.documents {
            if !seen.insert(doc.id.clone()) {
                return Err(format!(
                    "{path}: document id {:?} is already used by an earlier file; rename one",
                    doc.id.0
                ));
            }
            docs.push(doc);
        }
    }
    if regroup {
        docs.iter_mut().for_each(|d| d.story = None);
    }
    let options = LinkOptions {
        suggest,
        ..LinkOptions::default()
    };
    let items = collect_items(&docs, options.suggest);
    let links = link_items(&docs, &items, &options.grouping);
    if let Some(out) = &jsonl_out {
        std::fs::write(out, export_jsonl(&links)).map_err(|e| format!("{out}: {e}"))?;
    }
    if let Some(out) = &w3c_out {
        std::fs::write(out, export_w3c(&links, &docs)).map_err(|e| format!("{out}: {e}"))?;
    }
    let out = if json {
        format!("{}\n", cli_json(&links))
    } else {
        let suggested = items.iter().filter(|i| i.suggested).count();
        summary(&links, docs.len(), suggested)
    };
    // A closed pipe (`| head`) is not an error worth a panic.
    match std::io::Write::write_all(&mut std::io::stdout().lock(), out.as_bytes()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(format!("stdout: {e}")),
        _ => Ok(0),
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn bound(v: Option<f64>, open: &str) -> String {
    v.map_or(open.to_string(), |v| {
        if v.fract() == 0.0 {
            format!("{}", v as i64)
        } else {
            format!("{v}")
        }
    })
}

fn range_text(o: &FigureOccurrence) -> String {
    match o.range {
        Some(r) if r.min == r.max => format!("= {}", bound(r.min, "?")),
        Some(r) => format!("[{}, {}]", bound(r.min, "-∞"), bound(r.max, "∞")),
        None => "no value".into(),
    }
}

fn diff_text(diff: &[DiffOp]) -> String {
    diff.iter()
        .map(|d| match d {
            DiffOp::Same(w) => w.clone(),
            DiffOp::Added(w) => format!("{{+{w}+}}"),
            DiffOp::Removed(w) => format!("[-{w}-]"),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The readable summary printed without `--json`.
fn summary(links: &Links, documents: usize, suggested: usize) -> String {
    let mut out = format!(
        "{}, {}, {} ({}; suggestions used for {})\n",
        plural(links.stories.stories.len(), "story", "stories"),
        plural(links.quotes.len(), "quote cluster", "quote clusters"),
        plural(links.figures.len(), "figure group", "figure groups"),
        plural(documents, "document", "documents"),
        suggested
    );
    for story in &links.stories.stories {
        let quotes: Vec<_> = links
            .quotes
            .iter()
            .filter(|c| c.story == story.id)
            .collect();
        let figures: Vec<_> = links
            .figures
            .iter()
            .filter(|g| g.story == story.id)
            .collect();
        if story.documents.len() < 2 && quotes.is_empty() && figures.is_empty() {
            continue;
        }
        let docs: Vec<&str> = story.documents.iter().map(|d| d.0.as_str()).collect();
        out.push_str(&format!(
            "\nstory {} “{}” — {}: {}\n",
            story.id.0,
            story.name,
            plural(docs.len(), "document", "documents"),
            docs.join(", ")
        ));
        for c in quotes {
            out.push_str(&format!(
                "  quote “{}”{}\n",
                c.text,
                if c.conflict {
                    "  [speakers differ]"
                } else {
                    ""
                }
            ));
            for o in &c.occurrences {
                out.push_str(&format!(
                    "    {} {}..{}  {}\n",
                    o.document.0,
                    o.start.0,
                    o.end.0,
                    o.speaker.as_deref().unwrap_or("(no speaker)")
                ));
                if let Some(d) = &o.diff {
                    out.push_str(&format!("      wording: {}\n", diff_text(d)));
                }
            }
        }
        for g in figures {
            out.push_str(&format!(
                "  figure {} — {}\n",
                g.quantity,
                g.status.as_str()
            ));
            for o in &g.occurrences {
                out.push_str(&format!(
                    "    {} {}..{}  {:<24} {:<18} {}{}\n",
                    o.document.0,
                    o.start.0,
                    o.end.0,
                    o.text,
                    range_text(o),
                    o.source.as_deref().unwrap_or("(no source)"),
                    o.date
                        .as_deref()
                        .map(|d| format!("  {d}"))
                        .unwrap_or_default()
                ));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use spanmark_core::DocumentId;

    #[test]
    fn summary_shows_stories_quotes_and_figures() {
        let doc = |id: &str, text: &str| Document::new(DocumentId(id.into()), id, text, 0);
        let docs = [
            doc(
                "a",
                "Floods in the Varro valley killed at least 480 people, the Red Cove Alliance \
                 said. “The river took whole streets,” said Mayor Ilse Brandauer of Varro.",
            ),
            doc(
                "b",
                "Varro valley officials put the death toll at around 1,500 people. “THE RIVER \
                 TOOK WHOLE STREETS,” Mayor Brandauer said of the Varro floods.",
            ),
        ];
        let links = spanmark_core::link::link(
            &docs,
            &LinkOptions {
                suggest: true,
                ..LinkOptions::default()
            },
        );
        let text = summary(&links, 2, 2);
        assert!(text.starts_with("1 story, 1 quote cluster, 1 figure group (2 documents"));
        assert!(text.contains("quote “The river took whole streets”"));
        assert!(text.contains("figure deaths — divergent"));
        assert!(text.contains("[480, ∞]"));
        assert!(text.contains("[1350, 1650]"));
    }
}
