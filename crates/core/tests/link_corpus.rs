//! Linking on a hand-written corpus: bunches of articles about invented events (several outlets,
//! quotes cut and re-cased, figures revised) and unrelated articles sharing words with them.
//!
//! `tests/link_corpus/tune` was looked at while building the linker; `held_out` was written before
//! the linker first ran on it and was never tuned on. Each has a `gold.json` of expected stories,
//! quote clusters and figure groups. Scores are pairwise: two documents (or occurrences in two
//! documents) grouped together in the output and in the gold count as a hit. The floors are the
//! measured figures rounded down, so a regression fails.
//!
//! `cargo test -p spanmark-core --test link_corpus -- --nocapture` prints the table.

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::Value;
use spanmark_core::link::{
    cli_json, export_jsonl, export_w3c, link, link_in_stories, LinkOptions, Links,
};
use spanmark_core::suggest::{add_to_document, suggest, SuggestionKind};
use spanmark_core::{Document, DocumentId};

fn load(dir: &str) -> (Vec<Document>, Value) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/link_corpus")
        .join(dir);
    let mut names: Vec<_> = std::fs::read_dir(&root)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    names.sort();
    let docs = names
        .iter()
        .map(|p| {
            let stem = p.file_stem().unwrap().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(p).unwrap();
            Document::from_paste(DocumentId(stem.clone()), stem, &text, 0)
        })
        .collect();
    let gold =
        serde_json::from_str(&std::fs::read_to_string(root.join("gold.json")).unwrap()).unwrap();
    (docs, gold)
}

/// A gold occurrence: document and code-point range of its substring (which must occur once).
type Occ = (String, usize, usize);

fn locate(docs: &[Document], doc: &str, needle: &str) -> Occ {
    let d = docs
        .iter()
        .find(|d| d.id.0 == doc)
        .unwrap_or_else(|| panic!("gold names unknown document {doc}"));
    let hits: Vec<usize> = d.text.match_indices(needle).map(|(i, _)| i).collect();
    assert_eq!(hits.len(), 1, "{doc}: {needle:?} must occur exactly once");
    let start = d.text[..hits[0]].chars().count();
    (doc.to_string(), start, start + needle.chars().count())
}

/// Gold groups of occurrences, with each group's expected flag (status or conflict).
fn gold_groups(docs: &[Document], gold: &Value, key: &str, flag: &str) -> Vec<(Vec<Occ>, String)> {
    gold[key]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            let occs = g["occurrences"]
                .as_array()
                .unwrap()
                .iter()
                .map(|o| locate(docs, o[0].as_str().unwrap(), o[1].as_str().unwrap()))
                .collect();
            (occs, g[flag].to_string().trim_matches('"').to_string())
        })
        .collect()
}

#[derive(Debug, Clone, Copy)]
struct Prf {
    p: f64,
    r: f64,
    pairs_out: usize,
    pairs_gold: usize,
}

fn ratio(hit: usize, all: usize) -> f64 {
    if all == 0 {
        1.0
    } else {
        hit as f64 / all as f64
    }
}

/// Pairwise precision and recall of `predicted` groups of (document, start, end) against `gold`
/// groups; an output occurrence stands for the gold occurrence it overlaps. Pairs within one
/// document are not counted.
fn pairwise(predicted: &[Vec<Occ>], gold: &[Vec<Occ>]) -> Prf {
    let gold_of = |o: &Occ| -> Option<(usize, usize)> {
        gold.iter().enumerate().find_map(|(g, occs)| {
            occs.iter()
                .position(|x| x.0 == o.0 && x.1 < o.2 && o.1 < x.2)
                .map(|k| (g, k))
        })
    };
    let (mut hit, mut out) = (0, 0);
    let mut recovered: BTreeSet<((usize, usize), (usize, usize))> = BTreeSet::new();
    for group in predicted {
        let mapped: Vec<(&Occ, Option<(usize, usize)>)> =
            group.iter().map(|o| (o, gold_of(o))).collect();
        for (i, (a, ga)) in mapped.iter().enumerate() {
            for (b, gb) in &mapped[i + 1..] {
                if a.0 == b.0 {
                    continue;
                }
                out += 1;
                if let (Some(x), Some(y)) = (ga, gb) {
                    if x.0 == y.0 {
                        hit += 1;
                        recovered.insert((*x.min(y), *x.max(y)));
                    }
                }
            }
        }
    }
    let mut gold_pairs = 0;
    let mut found = 0;
    for (g, occs) in gold.iter().enumerate() {
        for i in 0..occs.len() {
            for j in i + 1..occs.len() {
                if occs[i].0 != occs[j].0 {
                    gold_pairs += 1;
                    if recovered.contains(&((g, i), (g, j))) {
                        found += 1;
                    }
                }
            }
        }
    }
    Prf {
        p: ratio(hit, out),
        r: ratio(found, gold_pairs),
        pairs_out: out,
        pairs_gold: gold_pairs,
    }
}

/// For each gold group, the output group holding most of its occurrences: whether its flag
/// matches. Returns (matching flags, gold groups).
fn flags(predicted: &[(Vec<Occ>, String)], gold: &[(Vec<Occ>, String)]) -> (usize, usize) {
    let mut right = 0;
    for (occs, flag) in gold {
        let best = predicted
            .iter()
            .map(|(p, f)| {
                let n = occs
                    .iter()
                    .filter(|x| p.iter().any(|o| o.0 == x.0 && x.1 < o.2 && o.1 < x.2))
                    .count();
                (n, f)
            })
            .filter(|(n, _)| *n >= 2)
            .max_by_key(|(n, _)| *n);
        if best.is_some_and(|(_, f)| f == flag) {
            right += 1;
        }
    }
    (right, gold.len())
}

struct Scores {
    stories: Prf,
    quotes: Prf,
    figures: Prf,
    conflicts: (usize, usize),
    statuses: (usize, usize),
}

fn score(docs: &[Document], gold: &Value, links: &Links) -> Scores {
    // Stories as groups of whole documents.
    let doc_occ = |d: &str| (d.to_string(), 0usize, usize::MAX);
    let story_out: Vec<Vec<Occ>> = links
        .stories
        .stories
        .iter()
        .map(|s| s.documents.iter().map(|d| doc_occ(&d.0)).collect())
        .collect();
    let story_gold: Vec<Vec<Occ>> = gold["stories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            s.as_array()
                .unwrap()
                .iter()
                .map(|d| doc_occ(d.as_str().unwrap()))
                .collect()
        })
        .collect();
    let quote_gold = gold_groups(docs, gold, "quotes", "conflict");
    let quote_out: Vec<(Vec<Occ>, String)> = links
        .quotes
        .iter()
        .map(|c| {
            let occs = c
                .occurrences
                .iter()
                .map(|o| (o.document.0.clone(), o.start.0, o.end.0))
                .collect();
            (occs, c.conflict.to_string())
        })
        .collect();
    let figure_gold = gold_groups(docs, gold, "figures", "status");
    let figure_out: Vec<(Vec<Occ>, String)> = links
        .figures
        .iter()
        .map(|g| {
            let occs = g
                .occurrences
                .iter()
                .map(|o| (o.document.0.clone(), o.start.0, o.end.0))
                .collect();
            (occs, g.status.as_str().to_string())
        })
        .collect();
    let groups = |v: &[(Vec<Occ>, String)]| v.iter().map(|g| g.0.clone()).collect::<Vec<_>>();
    Scores {
        stories: pairwise(&story_out, &story_gold),
        quotes: pairwise(&groups(&quote_out), &groups(&quote_gold)),
        figures: pairwise(&groups(&figure_out), &groups(&figure_gold)),
        conflicts: flags(&quote_out, &quote_gold),
        statuses: flags(&figure_out, &figure_gold),
    }
}

fn print(name: &str, s: &Scores) {
    let row = |what: &str, p: &Prf| {
        println!(
            "{name:<9} {what:<14} P {:.2}  R {:.2}  ({} output pairs, {} gold pairs)",
            p.p, p.r, p.pairs_out, p.pairs_gold
        )
    };
    row("stories", &s.stories);
    row("quote clusters", &s.quotes);
    row("figure groups", &s.figures);
    println!(
        "{name:<9} conflict flags {}/{}   figure statuses {}/{}",
        s.conflicts.0, s.conflicts.1, s.statuses.0, s.statuses.1
    );
}

fn run(dir: &str) -> (Vec<Document>, Links, Scores) {
    let (docs, gold) = load(dir);
    let links = link(
        &docs,
        &LinkOptions {
            suggest: true,
            ..LinkOptions::default()
        },
    );
    let scores = score(&docs, &gold, &links);
    print(dir, &scores);
    (docs, links, scores)
}

fn at_least(what: &str, p: &Prf, precision: f64, recall: f64) {
    assert!(
        p.p >= precision && p.r >= recall,
        "{what}: P {:.2} R {:.2} below the floor P {precision} R {recall}",
        p.p,
        p.r
    );
}

// Measured on the tuning corpus (26 articles since the quake bunch was added): stories 1.00/1.00,
// quote clusters 1.00/1.00, figure groups P 0.96 R 0.96, conflict flags 5/6, figure statuses
// 19/19. (Before figures of one kind were told apart: figure groups P 0.54 R 1.00, statuses 13/19;
// on the 23 articles before the quake bunch, P 0.82 R 1.00.)
#[test]
fn tuning_corpus_scores_at_least_its_floors() {
    let (_, _, s) = run("tune");
    at_least("stories", &s.stories, 0.95, 0.95);
    at_least("quote clusters", &s.quotes, 0.95, 0.95);
    at_least("figure groups", &s.figures, 0.95, 0.95);
    assert!(s.conflicts.0 >= 5, "conflict flags {:?}", s.conflicts);
    assert!(s.statuses.0 >= 19, "figure statuses {:?}", s.statuses);
}

// Measured on the held-out corpus: stories 1.00/1.00, quote clusters 1.00/1.00, figure groups
// P 0.93 R 0.59, conflict flags 2/3, figure statuses 5/6. (Its first run, before the changes
// made on the tuning corpus after it: figure groups P 0.79 R 0.50, statuses 6/6; before figures
// of one kind were told apart, on `tune` only: P 0.75 R 0.41, statuses 4/6.)
#[test]
fn held_out_corpus_scores_at_least_its_floors() {
    let (_, _, s) = run("held_out");
    at_least("stories", &s.stories, 0.90, 0.90);
    at_least("quote clusters", &s.quotes, 0.90, 0.90);
    at_least("figure groups", &s.figures, 0.90, 0.55);
    assert!(s.conflicts.0 >= 2, "conflict flags {:?}", s.conflicts);
    assert!(s.statuses.0 >= 5, "figure statuses {:?}", s.statuses);
}

/// The browser scenario: three articles about one event pasted with one unrelated article
/// (and a workspace of two unrelated articles about similar events).
#[test]
fn a_small_workspace_links_too() {
    let (all, _) = load("tune");
    let pick = |ids: &[&str]| -> Vec<Document> {
        ids.iter()
            .map(|id| all.iter().find(|d| d.id.0 == *id).unwrap().clone())
            .collect()
    };
    let options = LinkOptions {
        suggest: true,
        ..LinkOptions::default()
    };
    let docs = pick(&[
        "dam-wire",
        "dam-herald",
        "dam-tabloid",
        "keldmouth-football",
    ]);
    let links = link(&docs, &options);
    let sizes: Vec<usize> = links
        .stories
        .stories
        .iter()
        .map(|s| s.documents.len())
        .collect();
    assert_eq!(sizes, vec![3, 1], "{:?}", links.stories);
    assert_eq!(links.quotes.len(), 1);
    assert_eq!(links.quotes[0].occurrences.len(), 3);
    assert!(links
        .figures
        .iter()
        .any(|g| g.quantity == "deaths" && g.status.as_str() == "divergent"));
    let apart = link(&pick(&["dam-wire", "flood-elsewhere"]), &options);
    assert_eq!(apart.stories.stories.len(), 2);
}

#[test]
fn annotations_link_like_the_suggestions_they_came_from() {
    let (docs, _) = load("tune");
    let annotated: Vec<Document> = docs
        .iter()
        .cloned()
        .map(|mut d| {
            let found = suggest(&d.text, SuggestionKind::ALL);
            add_to_document(&mut d, &found);
            d
        })
        .collect();
    let from_spans = link(&annotated, &LinkOptions::default());
    let suggested = link(
        &docs,
        &LinkOptions {
            suggest: true,
            ..LinkOptions::default()
        },
    );
    assert!(!from_spans.quotes.is_empty() && !from_spans.figures.is_empty());
    assert_eq!(from_spans, suggested);
    // Without --suggest, documents with no spans link nothing.
    let bare = link(&docs, &LinkOptions::default());
    assert!(bare.quotes.is_empty() && bare.figures.is_empty());
}

#[test]
fn linking_is_deterministic_and_edits_carry_through() {
    let (docs, _) = load("tune");
    let options = LinkOptions {
        suggest: true,
        ..LinkOptions::default()
    };
    let a = link(&docs, &options);
    assert_eq!(a, link(&docs, &options));
    // Splitting a story takes its quote clusters apart.
    let dam = a
        .stories
        .story_of(&DocumentId("dam-wire".into()))
        .unwrap()
        .clone();
    let moved: Vec<DocumentId> = dam
        .documents
        .iter()
        .filter(|d| d.0 != "dam-wire")
        .cloned()
        .collect();
    let (split, _) = a.stories.split(&dam.id, &moved).unwrap();
    let items = spanmark_core::link::collect_items(&docs, true);
    let after = link_in_stories(&docs, &items, &split);
    let dam_quotes = |l: &Links| {
        l.quotes
            .iter()
            .filter(|c| {
                c.occurrences
                    .iter()
                    .any(|o| o.document.0.starts_with("dam-"))
            })
            .map(|c| c.occurrences.len())
            .sum::<usize>()
    };
    assert!(dam_quotes(&after) < dam_quotes(&a));
    assert!(after
        .quotes
        .iter()
        .all(|c| c.occurrences.iter().all(|o| o.document.0 != "dam-wire")));
}

#[test]
fn exports_hold_every_occurrence() {
    let (docs, links, _) = run("tune");
    let jsonl = export_jsonl(&links);
    let lines: Vec<Value> = jsonl
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines[0]["format"], "spanmark-links/1");
    let count = |t: &str| lines.iter().filter(|l| l["type"] == t).count();
    assert_eq!(count("story"), links.stories.stories.len());
    assert_eq!(count("quote"), links.quotes.len());
    assert_eq!(count("figure"), links.figures.len());
    let w3c: Value = serde_json::from_str(&export_w3c(&links, &docs)).unwrap();
    let items = w3c["first"]["items"].as_array().unwrap();
    let quote_targets: usize = items
        .iter()
        .filter(|i| i["body"][0]["value"] == "quote-cluster")
        .map(|i| i["target"].as_array().unwrap().len())
        .sum();
    let occurrences: usize = links.quotes.iter().map(|c| c.occurrences.len()).sum();
    assert_eq!(quote_targets, occurrences);
    // Every target's exact text is the document's text at its position.
    for item in items.iter().filter(|i| i["body"][0]["value"] != "story") {
        for t in item["target"].as_array().unwrap() {
            let exact = t["selector"][0]["exact"].as_str().unwrap();
            let (s, e) = (
                t["selector"][1]["start"].as_u64().unwrap() as usize,
                t["selector"][1]["end"].as_u64().unwrap() as usize,
            );
            let id = t["source"].as_str().unwrap().rsplit(':').next().unwrap();
            let doc = docs.iter().find(|d| d.id.0 == id).unwrap();
            let text: String = doc.text.chars().skip(s).take(e - s).collect();
            assert_eq!(exact, text);
        }
    }
    let cli = cli_json(&links);
    let keys = |v: &Value| {
        v.as_object()
            .unwrap()
            .keys()
            .cloned()
            .collect::<BTreeSet<_>>()
    };
    let set = |k: &[&str]| k.iter().map(|s| s.to_string()).collect::<BTreeSet<_>>();
    assert_eq!(keys(&cli), set(&["stories", "quotes", "figures"]));
    assert_eq!(keys(&cli["stories"][0]), set(&["id", "documents"]));
    assert_eq!(
        keys(&cli["quotes"][0]),
        set(&["story", "text", "occurrences", "conflict"])
    );
    assert_eq!(
        keys(&cli["quotes"][0]["occurrences"][0]),
        set(&["document", "start", "end", "speaker"])
    );
    assert_eq!(
        keys(&cli["figures"][0]),
        set(&["story", "quantity", "status", "occurrences"])
    );
    assert_eq!(
        keys(&cli["figures"][0]["occurrences"][0]),
        set(&[
            "document",
            "start",
            "end",
            "value",
            "min",
            "max",
            "qualifier",
            "unit",
            "source"
        ])
    );
}
