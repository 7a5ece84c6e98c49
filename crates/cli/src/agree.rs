//! `spanmark agree FILE FILE [FILE…] [--names a,b,c] [--format F] [--json]`: inter-annotator
//! agreement between several annotators' files of the same documents.

use std::path::Path;

use spanmark_core::agreement::report::Summary;
use spanmark_core::agreement::{agreement, AgreementReport, AlignError, AnnotatorDocs};

use crate::input;

const USAGE: &str =
    "usage: spanmark agree FILE FILE [FILE...] [--names a,b,c] [--format <fmt>] [--json]

Compares two or more annotators' files of the same documents (any format spanmark reads; the
format is detected per file unless --format is given). Documents are matched by id, else by
identical text; documents only one file has are left out. Each file is one annotator, named by
--names (in file order) or else by the file name without its extension.

Measures, per label and over all labels (micro), over all compared documents:
  f1_exact      pairwise span F1 = 2*TP / (|A| + |B|), same label, start and end
  f1_relaxed    the same with same label and character IoU >= 0.5, one-to-one maximum matching
  kappa_chars   Cohen's kappa per pair, each character in or out of the label
  fleiss_kappa_chars  Fleiss' kappa the same way, all annotators (documents everyone has;
                for two annotators it equals Scott's pi)
  alpha_u       Krippendorff's unitizing alpha (1995), per label, on characters
The table also shows mean +- sd over pairs, agreement on matched spans' attributes and
relations, and the documents with the lowest agreement.

--json prints one object:
  {\"annotators\":[...], \"documents\":N, \"pairs\":[{\"a\",\"b\",\"labels\":{LABEL:{\"f1_exact\",
  \"f1_relaxed\",\"kappa_chars\"}}, \"overall\":{\"f1_exact\",\"f1_relaxed\"}}],
  \"labels\":{LABEL:{\"alpha_u\",\"fleiss_kappa_chars\"}}}
Values are plain numbers; null means undefined (0/0): F1 when neither annotator marked the
label, kappa when every character is on the same side for everyone, alpha_u when nobody
marked the label. The table prints those as '-'.

Exit status 1 when the files share no document, or a document has a different text under
the same id in two files.";

/// Runs `spanmark agree`.
pub fn run(args: &[String]) -> Result<u8, String> {
    let mut paths: Vec<String> = vec![];
    let mut names: Option<Vec<String>> = None;
    let mut format = None;
    let mut json = false;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--names" => {
                let v = it
                    .next()
                    .ok_or("--names needs a value, e.g. --names ana,ben")?;
                names = Some(v.split(',').map(|n| n.trim().to_string()).collect());
            }
            "--format" | "--from" => {
                let v = it.next().ok_or("--format needs a value")?;
                format = Some(v.parse().map_err(|e| format!("--format: {e}"))?);
            }
            "--json" => json = true,
            "--help" | "-h" => {
                println!("{USAGE}");
                return Ok(0);
            }
            flag if flag.starts_with("--") => {
                return Err(format!("unknown option {flag}\n{USAGE}"))
            }
            p => paths.push(p.to_string()),
        }
    }
    if paths.len() < 2 {
        return Err(format!("agree needs at least two files\n{USAGE}"));
    }
    let names = match names {
        Some(n) if n.len() != paths.len() => {
            return Err(format!(
                "--names gives {} names for {} files",
                n.len(),
                paths.len()
            ))
        }
        Some(n) if n.iter().any(String::is_empty) => return Err("--names: a name is empty".into()),
        Some(n) => n,
        None => paths.iter().map(|p| stem(p)).collect(),
    };
    let mut annotators = Vec::with_capacity(paths.len());
    for (path, name) in paths.iter().zip(&names) {
        let read = input::read(path, format)?;
        for w in &read.imported.warnings {
            eprintln!("warning: {path}: {w}");
        }
        annotators.push(AnnotatorDocs::new(name.clone(), read.imported.documents));
    }
    let report = agreement(&annotators).map_err(|e| explain(e, &paths, &names))?;
    if json {
        println!("{}", report.to_json());
    } else {
        print!("{}", table(&report));
    }
    Ok(0)
}

/// The file name without directories and extension.
fn stem(path: &str) -> String {
    Path::new(path.trim_end_matches(['/', '\\']))
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.to_string())
}

/// An alignment error in terms of the files the user gave.
fn explain(e: AlignError, paths: &[String], names: &[String]) -> String {
    let file = |k: usize| format!("{} ({})", paths[k], names[k]);
    match e {
        AlignError::TextDiffers {
            id, first, second, ..
        } => format!(
            "document {id:?} has a different text in {} and in {}: the same id must mean the same \
             text (re-export both from the same source, or give the documents different ids)",
            file(first),
            file(second)
        ),
        AlignError::NoCommonDocument => format!(
            "no document in common between {} (documents are matched by id, else by identical text)",
            (0..paths.len()).map(file).collect::<Vec<_>>().join(", ")
        ),
        AlignError::DuplicateId { annotator, id, .. } => {
            format!("{}: two documents have the id {id:?}", file(annotator))
        }
        AlignError::DuplicateName(name) => format!(
            "two files are both called {name:?}: give each annotator a name with --names a,b,..."
        ),
        AlignError::InvalidSpan {
            annotator,
            id,
            span,
            source,
            ..
        } => format!("{}: document {id:?}, span {span}: {source}", file(annotator)),
        AlignError::TooFewAnnotators(_) => format!("agree needs at least two files\n{USAGE}"),
    }
}

fn num(v: Option<f64>) -> String {
    v.map_or("-".into(), |x| format!("{x:.3}"))
}

fn mean_sd(s: Summary) -> String {
    match (s.mean, s.sd) {
        (Some(m), Some(sd)) => format!("{m:.3} ± {sd:.3}"),
        _ => "-".into(),
    }
}

/// The readable report.
fn table(r: &AgreementReport) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let pair_name = |a: usize, b: usize| format!("{}–{}", r.annotators[a], r.annotators[b]);
    let _ = writeln!(out, "annotators: {}", r.annotators.join(", "));
    let _ = writeln!(
        out,
        "documents: {} compared ({} with every annotator){}",
        r.documents,
        r.complete_documents,
        if r.single > 0 {
            format!("; {} in one file only, left out", r.single)
        } else {
            String::new()
        }
    );
    let width = r
        .labels
        .iter()
        .map(|l| l.chars().count())
        .chain([7])
        .max()
        .unwrap_or(7)
        + 2;
    let pair_width = r
        .pairs
        .iter()
        .map(|p| pair_name(p.a, p.b).chars().count())
        .chain([11])
        .max()
        .unwrap_or(11)
        + 2;
    let _ = writeln!(out, "\nper pair: span F1 and Cohen's κ on characters");
    let _ = writeln!(
        out,
        "{:<width$}{:<pair_width$}{:>10}{:>12}{:>10}",
        "label", "pair", "F1 exact", "F1 relaxed", "κ chars"
    );
    for label in &r.labels {
        for p in &r.pairs {
            let c = &p.labels[label];
            let _ = writeln!(
                out,
                "{:<width$}{:<pair_width$}{:>10}{:>12}{:>10}",
                label,
                pair_name(p.a, p.b),
                num(c.exact.f1()),
                num(c.relaxed.f1()),
                num(c.chars.kappa())
            );
        }
    }
    for p in &r.pairs {
        let _ = writeln!(
            out,
            "{:<width$}{:<pair_width$}{:>10}{:>12}",
            "overall",
            pair_name(p.a, p.b),
            num(p.overall_exact().f1()),
            num(p.overall_relaxed().f1())
        );
    }
    if r.pairs.len() > 1 {
        let _ = writeln!(out, "\nmean ± sd over {} pairs", r.pairs.len());
        let _ = writeln!(
            out,
            "{:<width$}{:>18}{:>18}{:>18}",
            "label", "F1 exact", "F1 relaxed", "κ chars"
        );
        for label in &r.labels {
            let _ = writeln!(
                out,
                "{:<width$}{:>18}{:>18}{:>18}",
                label,
                mean_sd(r.over_pairs(|p| p.labels[label].exact.f1())),
                mean_sd(r.over_pairs(|p| p.labels[label].relaxed.f1())),
                mean_sd(r.over_pairs(|p| p.labels[label].chars.kappa()))
            );
        }
        let _ = writeln!(
            out,
            "{:<width$}{:>18}{:>18}",
            "overall",
            mean_sd(r.over_pairs(|p| p.overall_exact().f1())),
            mean_sd(r.over_pairs(|p| p.overall_relaxed().f1()))
        );
    }
    let _ = writeln!(
        out,
        "\nall annotators ({} documents everyone has)",
        r.complete_documents
    );
    let _ = writeln!(out, "{:<width$}{:>10}{:>12}", "label", "α_U", "Fleiss κ");
    for (label, m) in &r.multi {
        let _ = writeln!(
            out,
            "{:<width$}{:>10}{:>12}",
            label,
            num(m.alpha_u.alpha),
            num(m.fleiss_kappa)
        );
    }
    let attributes: Vec<String> = r
        .pairs
        .iter()
        .flat_map(|p| {
            p.attributes.iter().flat_map(move |(label, names)| {
                names.iter().map(move |(name, c)| {
                    format!(
                        "  {label}.{name}  {}  {}/{} agree ({})",
                        pair_name(p.a, p.b),
                        c.agreed,
                        c.compared,
                        num(c.rate())
                    )
                })
            })
        })
        .collect();
    if !attributes.is_empty() {
        let _ = writeln!(out, "\nattributes of matched spans (relaxed matching)");
        attributes.iter().for_each(|l| {
            let _ = writeln!(out, "{l}");
        });
    }
    let relations: Vec<String> = r
        .pairs
        .iter()
        .flat_map(|p| {
            p.relations.iter().map(move |(kind, c)| {
                format!(
                    "  {kind}  {}  {}/{} agree ({})",
                    pair_name(p.a, p.b),
                    c.agreed,
                    c.compared,
                    num(c.rate())
                )
            })
        })
        .collect();
    if !relations.is_empty() {
        let _ = writeln!(out, "\nrelations of matched spans (same target)");
        relations.iter().for_each(|l| {
            let _ = writeln!(out, "{l}");
        });
    }
    let lowest: Vec<_> = r
        .lowest_first()
        .into_iter()
        .filter(|d| d.mean_f1_relaxed().is_some_and(|f| f < 1.0))
        .take(10)
        .collect();
    if !lowest.is_empty() {
        let _ = writeln!(out, "\nlowest agreement (mean relaxed F1 over pairs)");
        for d in lowest {
            let _ = writeln!(
                out,
                "  {:>6}  {}  {}",
                num(d.mean_f1_relaxed()),
                d.id,
                d.title
            );
        }
    }
    out
}
