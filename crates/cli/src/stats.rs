//! `spanmark stats IN [--format <fmt>]`: documents, spans per label, relations per kind.

use std::collections::BTreeMap;

use spanmark_core::formats::Format;

use crate::input;

/// Runs `spanmark stats`.
pub fn run(args: &[String]) -> Result<u8, String> {
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
    let path = path.ok_or("usage: spanmark stats IN [--format <fmt>]")?;
    let read = input::read(&path, format)?;
    input::print_warnings(&read.imported.warnings);
    let docs = &read.imported.documents;
    let mut labels: BTreeMap<&str, usize> = BTreeMap::new();
    let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
    for d in docs {
        for s in &d.spans {
            *labels.entry(&s.label).or_default() += 1;
        }
        for r in &d.relations {
            *kinds.entry(&r.kind).or_default() += 1;
        }
    }
    let spans: usize = labels.values().sum();
    println!(
        "format: {}",
        read.format
            .map_or("plain text".to_string(), |f| f.to_string())
    );
    println!("documents: {}", docs.len());
    println!("spans: {spans}");
    for (label, n) in &labels {
        println!("  {label}\t{n}");
    }
    let relations: usize = kinds.values().sum();
    println!("relations: {relations}");
    for (kind, n) in &kinds {
        println!("  {kind}\t{n}");
    }
    Ok(0)
}
