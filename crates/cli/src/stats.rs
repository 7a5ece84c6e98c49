//! `spanmark stats IN [--format <fmt>]`: documents, spans per label, relations per kind.

use std::collections::BTreeMap;

use crate::input;

/// Runs `spanmark stats`.
pub fn run(args: &[String]) -> Result<u8, String> {
    let (path, format) = input::path_and_format(args, "usage: spanmark stats IN [--format <fmt>]")?;
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
