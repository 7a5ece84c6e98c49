//! The same story across outlets: documents grouped into stories, quotes that recur across them and
//! figures that differ.
//!
//! ```text
//! documents ─► items (annotations, or suggestions)  ─► quote sets (all documents)
//!           └► fingerprints (MinHash, weighted words) ─┴► stories ─► quote clusters + figure groups
//! ```
//!
//! - [`items`]: what is read from each document — quotes with speakers, figures with value,
//!   qualifier, unit, source, and the article's date.
//! - [`stories`]: grouping by MinHash/LSH, shared names and shared quotes; the user's edits, kept
//!   on the documents ([`crate::DocStory`]) and grouped within.
//! - [`quotes`]: normalisation, fuzzy alignment, diffs, speaker conflicts.
//! - [`figures`]: ranges from qualifiers, quantities, agree/divergent/contradictory.
//! - [`export`]: `spanmark-links/1` JSONL, W3C Web Annotations and the CLI's JSON.
//!
//! Pure and single-threaded, with no clock: it runs the same natively and in WebAssembly.
//!
//! ```
//! use spanmark_core::link::{link, LinkOptions};
//! use spanmark_core::{Document, DocumentId};
//!
//! let doc = |id: &str, text: &str| Document::new(DocumentId(id.into()), id, text, 0);
//! let docs = [
//!     doc("a", "Floods in the Varro valley have killed at least 480 people, the Red Cove \
//!              Alliance said. “The river took whole streets,” said Mayor Ilse Brandauer."),
//!     doc("b", "Officials in the Varro valley put the death toll at around 1,500 people. \
//!              “THE RIVER TOOK WHOLE STREETS,” Mayor Brandauer said of the Varro floods."),
//! ];
//! let links = link(&docs, &LinkOptions { suggest: true, ..LinkOptions::default() });
//! assert_eq!(links.stories.stories.len(), 1);
//! assert_eq!(links.quotes[0].occurrences.len(), 2);
//! assert!(!links.quotes[0].conflict);
//! assert_eq!(links.figures[0].quantity, "deaths");
//! assert_eq!(links.figures[0].status.as_str(), "divergent");
//! ```

pub mod export;
pub mod figures;
pub mod items;
pub mod quotes;
pub mod stories;
mod text;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub use export::{cli_json, export_jsonl, export_w3c, LINKS_FORMAT};
pub use figures::{figure_range, FigureRange, FigureStatus, APPROX_TOLERANCE};
pub use items::{document_items, figure_details, DocItems, FigureDetails, FigureItem, QuoteItem};
pub use quotes::{normalise_quote, word_diff, DiffOp};
pub use stories::{forget_edit, GroupOptions, Stories, Story, StoryError, StoryId};

use crate::model::{Document, DocumentId};
use crate::offsets::CharOffset;
use quotes::QuoteKey;

/// How [`link`] works.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct LinkOptions {
    /// Use suggestions for documents with no quote or figure spans of their own.
    pub suggest: bool,
    /// Story grouping thresholds and seed.
    pub grouping: GroupOptions,
}

/// One occurrence of a clustered quote.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuoteOccurrence {
    /// The document.
    pub document: DocumentId,
    /// First code point of the quote span.
    pub start: CharOffset,
    /// End, exclusive.
    pub end: CharOffset,
    /// The text as the document has it.
    pub text: String,
    /// The speaker named, if any.
    pub speaker: Option<String>,
    /// Word diff against the canonical text, when the wording differs beyond case, punctuation
    /// and cutting (`None`: same words, or a contiguous fragment of them).
    pub diff: Option<Vec<DiffOp>>,
}

/// The same quote in several documents of one story.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuoteCluster {
    /// The story.
    pub story: StoryId,
    /// The canonical text (longest occurrence, marks stripped).
    pub text: String,
    /// Occurrences in workspace order, then text order; at least two documents.
    pub occurrences: Vec<QuoteOccurrence>,
    /// Whether occurrences name speakers that cannot be one person or body.
    pub conflict: bool,
}

/// One occurrence of a figure in a group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FigureOccurrence {
    /// The document.
    pub document: DocumentId,
    /// First code point.
    pub start: CharOffset,
    /// End, exclusive.
    pub end: CharOffset,
    /// The text as the document has it.
    pub text: String,
    /// The value stated (a range's lower bound).
    pub value: Option<f64>,
    /// The range the qualifier allows (see [`figures`]).
    pub range: Option<FigureRange>,
    /// Qualifier, lower-cased.
    pub qualifier: Option<String>,
    /// Unit.
    pub unit: Option<String>,
    /// Who reports it.
    pub source: Option<String>,
    /// The article's date, `YYYY-MM-DD`.
    pub date: Option<String>,
}

/// Figures of one story about one quantity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FigureGroup {
    /// The story.
    pub story: StoryId,
    /// What is counted ("deaths", "injured", "tariff (%)", …).
    pub quantity: String,
    /// Whether the occurrences agree.
    pub status: FigureStatus,
    /// Occurrences in workspace order, then text order; at least two documents.
    pub occurrences: Vec<FigureOccurrence>,
}

/// Everything linking finds.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Links {
    /// The stories.
    pub stories: Stories,
    /// Quote clusters, by story then first occurrence.
    pub quotes: Vec<QuoteCluster>,
    /// Figure groups, by story then first occurrence.
    pub figures: Vec<FigureGroup>,
}

/// Union-find over `0..n` with path halving and union by size.
pub(crate) struct UnionFind {
    parent: Vec<u32>,
    size: Vec<u32>,
}

impl UnionFind {
    pub(crate) fn new(n: usize) -> Self {
        UnionFind {
            parent: (0..n as u32).collect(),
            size: vec![1; n],
        }
    }

    pub(crate) fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] as usize != x {
            let p = self.parent[x] as usize;
            self.parent[x] = self.parent[p];
            x = self.parent[x] as usize;
        }
        x
    }

    pub(crate) fn union(&mut self, a: usize, b: usize) {
        let (mut a, mut b) = (self.find(a), self.find(b));
        if a == b {
            return;
        }
        if self.size[a] < self.size[b] {
            std::mem::swap(&mut a, &mut b);
        }
        self.parent[b] = a as u32;
        self.size[a] += self.size[b];
    }

    /// A set number per element, numbered by each set's first element.
    pub(crate) fn labels(&mut self) -> Vec<usize> {
        let mut number: Vec<usize> = vec![usize::MAX; self.parent.len()];
        let mut next = 0;
        (0..self.parent.len())
            .map(|i| {
                let r = self.find(i);
                if number[r] == usize::MAX {
                    number[r] = next;
                    next += 1;
                }
                number[r]
            })
            .collect()
    }
}

/// The items of every document (see [`document_items`]).
pub fn collect_items(docs: &[Document], suggest_if_empty: bool) -> Vec<DocItems> {
    docs.iter()
        .map(|d| document_items(d, suggest_if_empty))
        .collect()
}

/// Quotes of all documents, matched into sets.
struct QuoteSets {
    /// (document index, quote index) of every quote.
    refs: Vec<(usize, usize)>,
    keys: Vec<QuoteKey>,
    /// Set number per quote.
    labels: Vec<usize>,
}

fn quote_sets(items: &[DocItems]) -> QuoteSets {
    let mut refs = vec![];
    let mut keys = vec![];
    for (d, it) in items.iter().enumerate() {
        for (q, quote) in it.quotes.iter().enumerate() {
            refs.push((d, q));
            keys.push(QuoteKey::new(&quote.text));
        }
    }
    let labels = quotes::cluster(&keys);
    QuoteSets { refs, keys, labels }
}

/// Words a shared quote needs before it counts as evidence that two documents cover one event.
const EVIDENCE_WORDS: usize = 5;

/// Pairs of documents that share a quote of [`EVIDENCE_WORDS`] words or more.
fn shared_quote_pairs(sets: &QuoteSets) -> Vec<(usize, usize)> {
    let mut by_set: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (k, &l) in sets.labels.iter().enumerate() {
        if sets.keys[k].words.len() >= EVIDENCE_WORDS {
            by_set.entry(l).or_default().push(sets.refs[k].0);
        }
    }
    let mut pairs = vec![];
    for docs in by_set.values_mut() {
        docs.sort_unstable();
        docs.dedup();
        if docs.len() > 16 {
            pairs.extend(docs[1..].iter().map(|&d| (docs[0], d)));
        } else {
            for (x, &a) in docs.iter().enumerate() {
                pairs.extend(docs[x + 1..].iter().map(|&b| (a, b)));
            }
        }
    }
    pairs
}

/// Groups documents into stories (see [`stories`]); `items` from [`collect_items`].
pub fn group_stories(docs: &[Document], items: &[DocItems], options: &GroupOptions) -> Stories {
    let sets = quote_sets(items);
    group_with(docs, &sets, options)
}

fn group_with(docs: &[Document], sets: &QuoteSets, options: &GroupOptions) -> Stories {
    let prints: Vec<stories::Fingerprint> = docs
        .iter()
        .map(|d| stories::fingerprint(&d.text, options.seed))
        .collect();
    stories::group(docs, prints, &shared_quote_pairs(sets), options)
}

/// Groups the documents and links quotes and figures within each story.
pub fn link(docs: &[Document], options: &LinkOptions) -> Links {
    let items = collect_items(docs, options.suggest);
    link_items(docs, &items, &options.grouping)
}

/// [`link`] on items already read (`items[i]` is `docs[i]`'s, from [`collect_items`]): the app
/// keeps each document's items and reads again only the documents that changed.
pub fn link_items(docs: &[Document], items: &[DocItems], grouping: &GroupOptions) -> Links {
    let sets = quote_sets(items);
    let stories = group_with(docs, &sets, grouping);
    link_with(docs, items, &sets, &stories)
}

/// Links quotes and figures within stories the user has (perhaps) edited. Documents missing from
/// `stories` are treated as stories of their own (see [`Stories::reconcile`]).
pub fn link_in_stories(docs: &[Document], items: &[DocItems], stories: &Stories) -> Links {
    let sets = quote_sets(items);
    link_with(docs, items, &sets, &stories.reconcile(docs))
}

fn link_with(docs: &[Document], items: &[DocItems], sets: &QuoteSets, stories: &Stories) -> Links {
    let index: std::collections::HashMap<&DocumentId, usize> =
        docs.iter().enumerate().map(|(i, d)| (&d.id, i)).collect();
    let mut story_of = vec![usize::MAX; docs.len()];
    for (s, story) in stories.stories.iter().enumerate() {
        for d in &story.documents {
            if let Some(&i) = index.get(d) {
                story_of[i] = s;
            }
        }
    }
    // Quote clusters: each quote set, split by story.
    let mut parts: BTreeMap<(usize, usize), Vec<usize>> = BTreeMap::new();
    for (k, &(d, _)) in sets.refs.iter().enumerate() {
        parts
            .entry((story_of[d], sets.labels[k]))
            .or_default()
            .push(k);
    }
    let mut quote_clusters: Vec<(usize, (usize, usize), QuoteCluster)> = vec![];
    for ((s, _), members) in parts {
        let distinct = {
            let mut d: Vec<usize> = members.iter().map(|&k| sets.refs[k].0).collect();
            d.dedup();
            d.len()
        };
        if s == usize::MAX || distinct < 2 {
            continue;
        }
        let quote = |k: usize| &items[sets.refs[k].0].quotes[sets.refs[k].1];
        // Canonical: holds most others as fragments, then most words, then not in capitals.
        let canon = *members
            .iter()
            .min_by_key(|&&k| {
                let held = members
                    .iter()
                    .filter(|&&o| {
                        o != k && quotes::is_fragment(&sets.keys[o].words, &sets.keys[k].words)
                    })
                    .count();
                let t = &quote(k).text;
                let shouting = !t.chars().any(char::is_lowercase);
                (
                    std::cmp::Reverse(held),
                    std::cmp::Reverse(sets.keys[k].words.len()),
                    shouting,
                    sets.refs[k],
                )
            })
            .expect("a part has members");
        let canon_text = quotes::strip_marks(&quote(canon).text).to_string();
        let canon_words = &sets.keys[canon].words;
        let mut occurrences: Vec<QuoteOccurrence> = members
            .iter()
            .map(|&k| {
                let q = quote(k);
                let own = &sets.keys[k].words;
                let diff = (!quotes::is_fragment(own, canon_words))
                    .then(|| word_diff(&canon_text, quotes::strip_marks(&q.text)));
                QuoteOccurrence {
                    document: docs[sets.refs[k].0].id.clone(),
                    start: q.start,
                    end: q.end,
                    text: q.text.clone(),
                    speaker: q.speaker.clone(),
                    diff,
                }
            })
            .collect();
        let first = members
            .iter()
            .map(|&k| sets.refs[k])
            .min()
            .unwrap_or((0, 0));
        occurrences.sort_by_key(|o| (index[&o.document], o.start, o.end));
        let speakers: Vec<&str> = occurrences
            .iter()
            .filter_map(|o| o.speaker.as_deref())
            .collect();
        let conflict = speakers.iter().enumerate().any(|(i, a)| {
            speakers[i + 1..]
                .iter()
                .any(|b| !quotes::same_speaker(a, b))
        });
        quote_clusters.push((
            s,
            first,
            QuoteCluster {
                story: stories.stories[s].id.clone(),
                text: canon_text,
                occurrences,
                conflict,
            },
        ));
    }
    quote_clusters.sort_by_key(|(s, first, _)| (*s, *first));
    // Figure groups: per story, per quantity.
    let mut groups: BTreeMap<(usize, String), Vec<(usize, usize)>> = BTreeMap::new();
    for (d, it) in items.iter().enumerate() {
        if story_of[d] == usize::MAX {
            continue;
        }
        for (f, fig) in it.figures.iter().enumerate() {
            if let Some(q) = &fig.quantity {
                groups
                    .entry((story_of[d], q.clone()))
                    .or_default()
                    .push((d, f));
            }
        }
    }
    // Occurrences naming two places or more are split by place (see `figures::split_by_place`).
    /// (story, quantity) → (document, figure) of each member.
    type Group = ((usize, String), Vec<(usize, usize)>);
    let groups: Vec<Group> = groups
        .into_iter()
        .flat_map(|((s, quantity), members)| {
            let places: Vec<Option<&str>> = members
                .iter()
                .map(|&(d, f)| items[d].figures[f].place.as_deref())
                .collect();
            figures::split_by_place(&places)
                .into_iter()
                .map(|(place, part)| {
                    let name = match place {
                        Some(p) => format!("{quantity} ({p})"),
                        None => quantity.clone(),
                    };
                    ((s, name), part.into_iter().map(|i| members[i]).collect())
                })
                .collect::<Vec<_>>()
        })
        .collect();
    let mut figure_groups: Vec<(usize, (usize, usize), FigureGroup)> = vec![];
    for ((s, quantity), members) in groups {
        let mut ds: Vec<usize> = members.iter().map(|m| m.0).collect();
        ds.dedup();
        if ds.len() < 2 {
            continue;
        }
        let occurrences: Vec<FigureOccurrence> = members
            .iter()
            .map(|&(d, f)| {
                let fig = &items[d].figures[f];
                let v = fig.details.value;
                FigureOccurrence {
                    document: docs[d].id.clone(),
                    start: fig.start,
                    end: fig.end,
                    text: fig.text.clone(),
                    value: v,
                    range: v.map(|v| {
                        figure_range(v, fig.details.value_max, fig.details.qualifier.as_deref())
                    }),
                    qualifier: fig.details.qualifier.clone(),
                    unit: fig.details.unit.clone(),
                    source: fig.source.clone(),
                    date: items[d].date.clone(),
                }
            })
            .collect();
        let ranged: Vec<(Option<f64>, FigureRange)> = occurrences
            .iter()
            .filter_map(|o| o.range.map(|r| (o.value, r)))
            .collect();
        figure_groups.push((
            s,
            members[0],
            FigureGroup {
                story: stories.stories[s].id.clone(),
                quantity,
                status: figures::status(&ranged),
                occurrences,
            },
        ));
    }
    figure_groups.sort_by_key(|a| (a.0, a.1));
    Links {
        stories: stories.clone(),
        quotes: quote_clusters.into_iter().map(|(_, _, c)| c).collect(),
        figures: figure_groups.into_iter().map(|(_, _, g)| g).collect(),
    }
}
