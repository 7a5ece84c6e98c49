//! Stories: documents grouped by the event they cover, and the user's edits to the grouping.
//!
//! **Grouping** ([`group`]) joins two documents when one of three kinds of evidence says so:
//!
//! 1. *Near-copies* — MinHash over word trigrams ([`MINHASH`] bins of one seeded permutation), with
//!    locality-sensitive hashing ([`BANDS`] bands of [`ROWS`] rows) to find candidate pairs without
//!    comparing every two documents; a pair joins when its estimated Jaccard similarity is at least
//!    `min_jaccard` and their weighted-feature cosine (below) at least `quote_cosine` — shared
//!    boilerplate alone makes no near-copy. This catches wire copy that outlets re-edit lightly.
//! 2. *Shared names and rare words* — each document's words (stopwords aside) weighted by inverse
//!    document frequency (against [`BACKGROUND`] imagined unrelated documents too), names (capitalised words not at a sentence start) counted twice; each
//!    document's rarest shared features (its keywords) find candidates through an inverted index,
//!    and a pair joins when the cosine of their weighted feature sets is at least `min_cosine`
//!    and they share at least three rare words (in at most 2 % of the documents, or five) — one
//!    shared name is not an event. This catches the same event written up independently.
//! 3. *Shared quotes* — two documents quoting the same passage of six words or more join at the
//!    lower cosine `quote_cosine`.
//!
//! Joined documents form stories by union-find; a document joined to no other is a story of its
//! own. Everything is seeded and sorted, so the grouping is deterministic.
//!
//! **Editing** ([`Stories::merge`], [`Stories::split`], [`Stories::rename`],
//! [`Stories::move_document`], [`Stories::reconcile`]) is pure: each returns a new [`Stories`].
//!
//! **Kept stories**: the user's edits are kept on the documents ([`DocStory`], changed through
//! [`Stories::keep_edit`] and [`forget_edit`], undoable like any edit). When some document has
//! one, [`group`] keeps them: documents sharing a story id form that story, named as the user
//! named it or else from its documents; a document with none (added since) joins the kept story
//! most of its grouping companions are in, or forms a new story with the companions that have none.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::text::{combine, mix, stopwords, words, Word};
use super::UnionFind;
use crate::history::Edit;
use crate::model::{DocStory, Document, DocumentId};

/// MinHash functions per document.
pub const MINHASH: usize = 64;
/// LSH bands.
pub const BANDS: usize = 16;
/// Rows (hash values) per band: BANDS × ROWS = MINHASH. Pairs above a Jaccard of about
/// (1/16)^(1/4) = 0.5 land in one bucket with high probability.
pub const ROWS: usize = 4;
/// Keywords per document used to find candidate pairs.
const KEYWORDS: usize = 16;
/// A keyword shared by more documents than this finds no candidates (it names no one event).
const MAX_KEYWORD_DF: usize = 200;
/// Documents assumed besides the workspace's, none holding any of its words (stopwords aside),
/// when weighing words by inverse document frequency. In a workspace of three articles about one
/// event, the words all three share would otherwise weigh least of all; with thousands of
/// documents it changes nothing.
const BACKGROUND: f32 = 20.0;
/// A word in at most this share of the documents (or five documents, if more) is rare.
const RARE_SHARE: f32 = 0.02;
/// Rare words two documents must share to join on their cosine alone.
const MIN_RARE_SHARED: usize = 3;
/// LSH buckets larger than this compare their members with the first one only.
const MAX_BUCKET: usize = 64;

/// A story's identifier: `s1`, `s2`, … Kept by merges and renames; a split makes a new one.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct StoryId(pub String);

/// One story: an event and the documents that cover it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Story {
    /// Identifier.
    pub id: StoryId,
    /// A display name: generated from the names its documents share, or given by the user.
    pub name: String,
    /// Whether the user gave the name.
    #[serde(default)]
    pub renamed: bool,
    /// Its documents, in workspace order.
    pub documents: Vec<DocumentId>,
}

/// Every story of a workspace; each document is in exactly one.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Stories {
    /// Stories, in the order of their first document.
    pub stories: Vec<Story>,
}

/// Why a story edit could not be made.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum StoryError {
    /// No story has this id.
    #[error("no story {0:?}")]
    NoSuchStory(String),
    /// The document is in no story.
    #[error("document {0:?} is in no story")]
    NoSuchDocument(String),
    /// A story cannot be merged with itself.
    #[error("story {0:?} cannot be merged with itself")]
    SameStory(String),
    /// Splitting would leave a story empty, or take nothing.
    #[error("splitting story {0:?} needs some but not all of its documents")]
    BadSplit(String),
    /// A name must have some text.
    #[error("a story needs a name")]
    EmptyName,
}

/// Thresholds and seed of [`group`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct GroupOptions {
    /// Seed of the MinHash functions.
    pub seed: u64,
    /// Estimated Jaccard similarity of word trigrams at which two documents join.
    pub min_jaccard: f64,
    /// Weighted-feature cosine at which two documents join.
    pub min_cosine: f64,
    /// Cosine at which two documents that share a quote join.
    pub quote_cosine: f64,
}

impl Default for GroupOptions {
    fn default() -> Self {
        GroupOptions {
            seed: 0x5eed_2026,
            min_jaccard: 0.5,
            min_cosine: 0.2,
            quote_cosine: 0.08,
        }
    }
}

/// What grouping reads from one document.
pub(crate) struct Fingerprint {
    minhash: Vec<u64>,
    /// Feature hashes, sorted, with whether each is a name.
    features: Vec<(u64, bool)>,
    /// Name phrases with their surface text (first seen), for naming stories.
    names: Vec<(u64, String)>,
}

const NAME_SEED: u64 = 0x6e61_6d65;

/// A document's fingerprint for grouping.
pub(crate) fn fingerprint(text: &str, seed: u64) -> Fingerprint {
    let chars: Vec<char> = text.chars().collect();
    let ws: Vec<Word> = words(&chars, 0);
    let stop = stopwords();
    let minhash = one_permutation_minhash(
        ws.windows(3)
            .map(|w| combine(combine(w[0].hash, w[1].hash), w[2].hash)),
        seed,
    );
    let mut features = Vec::with_capacity(ws.len());
    for w in &ws {
        if !w.alphabetic || w.len < 3 || stop.contains(&w.hash) {
            continue;
        }
        features.push((w.hash, false));
        if w.capital && !w.initial && !w.all_caps {
            features.push((combine(NAME_SEED, w.hash), true));
        }
    }
    // Name phrases, for naming stories: runs of capitalised words one space apart ("Port Ansel",
    // "Selwyn Lines"), of two words or more, or one word not at a sentence start.
    let mut names: Vec<(u64, String)> = vec![];
    let capital = |w: &Word| w.capital && !w.all_caps && w.alphabetic && !stop.contains(&w.hash);
    let mut k = 0;
    while k < ws.len() {
        if !capital(&ws[k]) {
            k += 1;
            continue;
        }
        let mut e = k + 1;
        while e < ws.len()
            && capital(&ws[e])
            && ws[e].start == ws[e - 1].end + 1
            && chars[ws[e - 1].end] == ' '
        {
            e += 1;
        }
        if e - k >= 2 || !ws[k].initial {
            let phrase: String = chars[ws[k].start..ws[e - 1].end].iter().collect();
            let phrase = phrase
                .strip_suffix("'s")
                .or_else(|| phrase.strip_suffix("’s"))
                .unwrap_or(&phrase)
                .to_string();
            let h = super::text::hash_word(&phrase.to_lowercase());
            if !names.iter().any(|(n, _)| *n == h) {
                names.push((h, phrase));
            }
        }
        k = e;
    }
    features.sort_unstable();
    features.dedup();
    // Kept until the whole workspace is fingerprinted: no spare capacity.
    features.shrink_to_fit();
    names.shrink_to_fit();
    Fingerprint {
        minhash,
        features,
        names,
    }
}

/// MinHash by one permutation (Li, Owen and Zhang, 2012): each shingle's seeded hash picks one of
/// [`MINHASH`] bins by its top bits and lowers that bin's minimum, so a document costs one hash
/// per shingle rather than [`MINHASH`]. Empty bins borrow from the next filled bin to the right,
/// mixed with the distance (densification, Shrivastava and Li, 2014), which keeps two documents'
/// bins comparable. A document with no shingle keeps every bin at `u64::MAX`.
fn one_permutation_minhash(shingles: impl Iterator<Item = u64>, seed: u64) -> Vec<u64> {
    const BITS: u32 = MINHASH.trailing_zeros();
    let mut bins = vec![u64::MAX; MINHASH];
    let salt = mix(seed);
    for s in shingles {
        let h = mix(s ^ salt);
        let bin = (h >> (64 - BITS)) as usize;
        let v = h & (u64::MAX >> BITS);
        if v < bins[bin] {
            bins[bin] = v;
        }
    }
    if bins.iter().all(|&b| b == u64::MAX) {
        return bins;
    }
    let filled = bins.clone();
    for (i, bin) in bins.iter_mut().enumerate() {
        if *bin != u64::MAX {
            continue;
        }
        let (k, v) = (1..MINHASH)
            .map(|k| (k, filled[(i + k) % MINHASH]))
            .find(|(_, v)| *v != u64::MAX)
            .expect("some bin is filled");
        *bin = combine(v, k as u64) & (u64::MAX >> BITS);
    }
    bins
}

fn jaccard(a: &Fingerprint, b: &Fingerprint) -> f64 {
    let same = a
        .minhash
        .iter()
        .zip(&b.minhash)
        .filter(|(x, y)| x == y && **x != u64::MAX)
        .count();
    same as f64 / MINHASH as f64
}

/// Weighted features of every document: (hash, weight) sorted by hash, and the vector's norm.
struct Weighted {
    /// (feature, weight, is a name).
    vectors: Vec<Vec<(u64, f32, bool)>>,
    /// The weight of a word found in [`RARE_SHARE`] of the documents (or five, if more).
    rare_weight: f32,
    norms: Vec<f32>,
    df: HashMap<u64, u32>,
}

/// Weighs every document's features; the fingerprints give them up (they are not needed again).
fn weigh(prints: &mut [Fingerprint]) -> Weighted {
    let mut df: HashMap<u64, u32> = HashMap::new();
    for p in prints.iter() {
        for (f, _) in &p.features {
            *df.entry(*f).or_insert(0) += 1;
        }
    }
    let n = prints.len() as f32;
    let mut vectors = Vec::with_capacity(prints.len());
    let mut norms = Vec::with_capacity(prints.len());
    for p in prints.iter_mut() {
        let v: Vec<(u64, f32, bool)> = std::mem::take(&mut p.features)
            .iter()
            .map(|(f, name)| {
                let idf = ((n + BACKGROUND + 1.0) / df[f] as f32).ln();
                (*f, if *name { 2.0 * idf } else { idf }, *name)
            })
            .collect();
        norms.push(v.iter().map(|(_, w, _)| w * w).sum::<f32>().sqrt());
        vectors.push(v);
    }
    let rare_df = (n * RARE_SHARE).max(5.0);
    Weighted {
        vectors,
        rare_weight: ((n + BACKGROUND + 1.0) / rare_df).ln() - 1e-6,
        norms,
        df,
    }
}

/// The cosine of two documents' weighted features, and how many rare words (not names: a name
/// is counted once, as its word) they share.
fn cosine(w: &Weighted, i: usize, j: usize) -> (f64, usize) {
    let (a, b) = (&w.vectors[i], &w.vectors[j]);
    let (mut x, mut y, mut dot, mut rare) = (0, 0, 0f32, 0);
    while x < a.len() && y < b.len() {
        match a[x].0.cmp(&b[y].0) {
            std::cmp::Ordering::Less => x += 1,
            std::cmp::Ordering::Greater => y += 1,
            std::cmp::Ordering::Equal => {
                dot += a[x].1 * b[y].1;
                if !a[x].2 && a[x].1 >= w.rare_weight {
                    rare += 1;
                }
                x += 1;
                y += 1;
            }
        }
    }
    let norm = w.norms[i] * w.norms[j];
    let cos = if norm == 0.0 {
        0.0
    } else {
        f64::from(dot / norm)
    };
    (cos, rare)
}

/// Evidence found for a candidate pair.
#[derive(Default, Clone, Copy)]
struct Pair {
    lsh: bool,
    quote: bool,
    keywords: bool,
}

/// Groups documents into stories. `shared_quotes` lists pairs of document indices that quote the
/// same passage (six words or more); see the module documentation for the rules.
pub(crate) fn group(
    docs: &[Document],
    mut prints: Vec<Fingerprint>,
    shared_quotes: &[(usize, usize)],
    options: &GroupOptions,
) -> Stories {
    let n = docs.len();
    let mut candidates: HashMap<(u32, u32), Pair> = HashMap::new();
    let key = |i: usize, j: usize| {
        let (a, b) = if i < j { (i, j) } else { (j, i) };
        (a as u32, b as u32)
    };
    // 1. LSH buckets.
    let mut buckets: HashMap<(u8, u64), Vec<u32>> = HashMap::new();
    for (d, p) in prints.iter().enumerate() {
        if p.minhash[0] == u64::MAX {
            continue;
        }
        for band in 0..BANDS {
            let rows = &p.minhash[band * ROWS..(band + 1) * ROWS];
            let h = rows.iter().fold(band as u64, |acc, &r| combine(acc, r));
            buckets.entry((band as u8, h)).or_default().push(d as u32);
        }
    }
    for members in buckets.values().filter(|m| m.len() >= 2) {
        if members.len() > MAX_BUCKET {
            for &m in &members[1..] {
                candidates
                    .entry(key(members[0] as usize, m as usize))
                    .or_default()
                    .lsh = true;
            }
            continue;
        }
        for (x, &i) in members.iter().enumerate() {
            for &j in &members[x + 1..] {
                candidates
                    .entry(key(i as usize, j as usize))
                    .or_default()
                    .lsh = true;
            }
        }
    }
    // 2. Keyword postings.
    let weighted = weigh(&mut prints);
    let mut postings: HashMap<u64, Vec<u32>> = HashMap::new();
    for (d, v) in weighted.vectors.iter().enumerate() {
        let mut kws: Vec<(f32, u64)> = v
            .iter()
            .filter(|(f, _, name)| {
                // A name's word is a feature too, with the same document frequency: keywords
                // are words, so that two shared keywords are two different words.
                let df = weighted.df[f] as usize;
                !name && (2..=MAX_KEYWORD_DF).contains(&df)
            })
            .map(|(f, w, _)| (*w, *f))
            .collect();
        kws.sort_unstable_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        for (_, f) in kws.into_iter().take(KEYWORDS) {
            postings.entry(f).or_default().push(d as u32);
        }
    }
    let mut shared_keywords: HashMap<(u32, u32), u8> = HashMap::new();
    for list in postings.values().filter(|l| l.len() >= 2) {
        for (x, &i) in list.iter().enumerate() {
            for &j in &list[x + 1..] {
                let n = shared_keywords
                    .entry(key(i as usize, j as usize))
                    .or_default();
                *n = n.saturating_add(1);
            }
        }
    }
    // One shared keyword is one shared name or word: not worth a cosine (a join needs three
    // shared rare words anyway).
    for (k, _) in shared_keywords.into_iter().filter(|(_, n)| *n >= 2) {
        candidates.entry(k).or_default().keywords = true;
    }
    // 3. Shared quotes.
    for &(i, j) in shared_quotes {
        if i != j {
            candidates.entry(key(i, j)).or_default().quote = true;
        }
    }
    let mut pairs: Vec<((u32, u32), Pair)> = candidates.into_iter().collect();
    pairs.sort_unstable_by_key(|(k, _)| *k);
    let mut uf = UnionFind::new(n);
    for ((i, j), ev) in pairs {
        let (i, j) = (i as usize, j as usize);
        if uf.find(i) == uf.find(j) {
            continue;
        }
        let near_copy = ev.lsh && jaccard(&prints[i], &prints[j]) >= options.min_jaccard;
        if !(near_copy || ev.keywords || ev.quote) {
            continue;
        }
        let (c, rare) = cosine(&weighted, i, j);
        // A near-copy must also share some rarer words: boilerplate (an outlet's footer, a
        // newsletter box) makes articles about different events look like copies. And one shared
        // name is not an event: similarity needs a few shared rare words too.
        let join = (c >= options.min_cosine && rare >= MIN_RARE_SHARED)
            || (ev.quote && c >= options.quote_cosine)
            || (near_copy && c >= options.quote_cosine);
        if join {
            uf.union(i, j);
        }
    }
    let labels = uf.labels();
    if docs.iter().any(|d| d.story.is_some()) {
        return within_kept(docs, &labels, &prints);
    }
    let count = labels.iter().max().map_or(0, |m| m + 1);
    let mut members: Vec<Vec<usize>> = vec![vec![]; count];
    for (d, &l) in labels.iter().enumerate() {
        members[l].push(d);
    }
    Stories {
        stories: members
            .into_iter()
            .enumerate()
            .map(|(k, m)| Story {
                id: StoryId(format!("s{}", k + 1)),
                name: story_name(&m, docs, &prints),
                renamed: false,
                documents: m.iter().map(|&d| docs[d].id.clone()).collect(),
            })
            .collect(),
    }
}

/// The stories kept on the documents, with each document that has none placed by the grouping
/// (`labels`: a group number per document): into the kept story most documents of its group are in
/// (the first seen on a tie), else into a new story with the documents of its group that have none.
/// A story's name is the first one the user gave among its documents, else generated.
fn within_kept(docs: &[Document], labels: &[usize], prints: &[Fingerprint]) -> Stories {
    let count = labels.iter().max().map_or(0, |m| m + 1);
    let mut votes: Vec<Vec<(&StoryId, usize)>> = vec![vec![]; count];
    for (d, &g) in labels.iter().enumerate() {
        if let Some(s) = &docs[d].story {
            match votes[g].iter_mut().find(|(id, _)| *id == &s.id) {
                Some((_, n)) => *n += 1,
                None => votes[g].push((&s.id, 1)),
            }
        }
    }
    let mut last = docs
        .iter()
        .filter_map(|d| {
            d.story
                .as_ref()?
                .id
                .0
                .strip_prefix('s')?
                .parse::<u64>()
                .ok()
        })
        .max()
        .unwrap_or(0);
    let mut fresh: Vec<Option<StoryId>> = vec![None; count];
    let mut order: Vec<StoryId> = vec![];
    let mut members: HashMap<StoryId, Vec<usize>> = HashMap::new();
    for (d, doc) in docs.iter().enumerate() {
        let id = match &doc.story {
            Some(s) => s.id.clone(),
            None => {
                let g = labels[d];
                let most =
                    votes[g]
                        .iter()
                        .fold(
                            None,
                            |best: Option<(&StoryId, usize)>, &(id, n)| match best {
                                Some((_, m)) if m >= n => best,
                                _ => Some((id, n)),
                            },
                        );
                match most {
                    Some((id, _)) => id.clone(),
                    None => fresh[g]
                        .get_or_insert_with(|| {
                            last += 1;
                            StoryId(format!("s{last}"))
                        })
                        .clone(),
                }
            }
        };
        let list = members.entry(id.clone()).or_default();
        if list.is_empty() {
            order.push(id);
        }
        list.push(d);
    }
    Stories {
        stories: order
            .into_iter()
            .map(|id| {
                let m = &members[&id];
                let given = m.iter().find_map(|&d| {
                    let s = docs[d].story.as_ref().filter(|s| s.id == id)?;
                    s.name.clone()
                });
                Story {
                    name: given.clone().unwrap_or_else(|| story_name(m, docs, prints)),
                    renamed: given.is_some(),
                    documents: m.iter().map(|&d| docs[d].id.clone()).collect(),
                    id,
                }
            })
            .collect(),
    }
}

/// The edit that leaves every document's story to the linker again (forgets the user's merges,
/// splits and names), or `None` when no document has one.
pub fn forget_edit(docs: &[Document]) -> Option<Edit> {
    let edits: Vec<Edit> = docs
        .iter()
        .filter(|d| d.story.is_some())
        .map(|d| Edit::SetStory {
            doc: d.id.clone(),
            from: d.story.clone(),
            to: None,
        })
        .collect();
    (!edits.is_empty()).then_some(Edit::Batch(edits))
}

/// Up to three name phrases most of the story's documents share (longer first among equals, and
/// none inside one already chosen), else the first document's title.
fn story_name(members: &[usize], docs: &[Document], prints: &[Fingerprint]) -> String {
    let first_title = || docs[members[0]].title.clone();
    if members.len() < 2 {
        return first_title();
    }
    let mut counts: HashMap<u64, (usize, &str)> = HashMap::new();
    for &d in members {
        for (h, s) in &prints[d].names {
            counts.entry(*h).or_insert((0, s.as_str())).0 += 1;
        }
    }
    let mut ranked: Vec<(usize, usize, &str)> = counts
        .into_values()
        .filter(|(c, _)| *c * 2 > members.len())
        .map(|(c, s)| (c, s.split(' ').count(), s))
        .collect();
    ranked.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)).then(a.2.cmp(b.2)));
    let mut chosen: Vec<&str> = vec![];
    for (_, _, phrase) in ranked {
        let inside = chosen
            .iter()
            .any(|c| c.split(' ').any(|w| phrase.split(' ').any(|p| p == w)));
        if !inside {
            chosen.push(phrase);
        }
        if chosen.len() == 3 {
            break;
        }
    }
    if chosen.is_empty() {
        first_title()
    } else {
        chosen.join(" · ")
    }
}

impl Stories {
    /// The story with this id.
    pub fn story(&self, id: &StoryId) -> Option<&Story> {
        self.stories.iter().find(|s| &s.id == id)
    }

    /// The story holding this document.
    pub fn story_of(&self, doc: &DocumentId) -> Option<&Story> {
        self.stories.iter().find(|s| s.documents.contains(doc))
    }

    fn position(&self, id: &StoryId) -> Result<usize, StoryError> {
        self.stories
            .iter()
            .position(|s| &s.id == id)
            .ok_or_else(|| StoryError::NoSuchStory(id.0.clone()))
    }

    /// An id no story has: one past the highest `sN`.
    pub fn next_id(&self) -> StoryId {
        let max = self
            .stories
            .iter()
            .filter_map(|s| s.id.0.strip_prefix('s')?.parse::<u64>().ok())
            .max()
            .unwrap_or(0);
        StoryId(format!("s{}", max + 1))
    }

    /// Moves every document of `from` into `into` (which keeps its id and name) and drops `from`.
    pub fn merge(&self, into: &StoryId, from: &StoryId) -> Result<Stories, StoryError> {
        if into == from {
            return Err(StoryError::SameStory(into.0.clone()));
        }
        let (a, b) = (self.position(into)?, self.position(from)?);
        let mut out = self.clone();
        let moved = out.stories[b].documents.clone();
        out.stories[a].documents.extend(moved);
        out.stories.remove(b);
        Ok(out)
    }

    /// Moves `documents` (some but not all of story `id`'s) into a new story, placed after it.
    /// Returns the new stories and the new story's id.
    pub fn split(
        &self,
        id: &StoryId,
        documents: &[DocumentId],
    ) -> Result<(Stories, StoryId), StoryError> {
        let at = self.position(id)?;
        let story = &self.stories[at];
        let (taken, kept): (Vec<DocumentId>, Vec<DocumentId>) = story
            .documents
            .iter()
            .cloned()
            .partition(|d| documents.contains(d));
        if taken.is_empty() || kept.is_empty() || taken.len() != documents.len() {
            return Err(StoryError::BadSplit(id.0.clone()));
        }
        let new_id = self.next_id();
        let mut out = self.clone();
        out.stories[at].documents = kept;
        out.stories.insert(
            at + 1,
            Story {
                id: new_id.clone(),
                name: format!("{} (split)", story.name),
                renamed: false,
                documents: taken,
            },
        );
        Ok((out, new_id))
    }

    /// Gives story `id` a name (trimmed; not empty).
    pub fn rename(&self, id: &StoryId, name: &str) -> Result<Stories, StoryError> {
        let name = name.trim();
        if name.is_empty() {
            return Err(StoryError::EmptyName);
        }
        let at = self.position(id)?;
        let mut out = self.clone();
        out.stories[at].name = name.to_string();
        out.stories[at].renamed = true;
        Ok(out)
    }

    /// Moves one document into story `to`; a story left empty is dropped.
    pub fn move_document(&self, doc: &DocumentId, to: &StoryId) -> Result<Stories, StoryError> {
        let target = self.position(to)?;
        let from = self
            .stories
            .iter()
            .position(|s| s.documents.contains(doc))
            .ok_or_else(|| StoryError::NoSuchDocument(doc.0.clone()))?;
        if from == target {
            return Ok(self.clone());
        }
        let mut out = self.clone();
        out.stories[from].documents.retain(|d| d != doc);
        out.stories[target].documents.push(doc.clone());
        if out.stories[from].documents.is_empty() {
            out.stories.remove(from);
        }
        Ok(out)
    }

    /// The edit that keeps these stories on the documents (see [`DocStory`]): one
    /// [`Edit::SetStory`] per document whose story changes, as one batch (a name only on the
    /// stories the user named); `None` when none changes. Documents in no story are left to the
    /// linker.
    pub fn keep_edit(&self, docs: &[Document]) -> Option<Edit> {
        let wanted: HashMap<&DocumentId, DocStory> = self
            .stories
            .iter()
            .flat_map(|s| {
                let kept = DocStory {
                    id: s.id.clone(),
                    name: s.renamed.then(|| s.name.clone()),
                };
                s.documents.iter().map(move |d| (d, kept.clone()))
            })
            .collect();
        let edits: Vec<Edit> = docs
            .iter()
            .filter_map(|d| {
                let to = wanted.get(&d.id).cloned();
                (to != d.story).then(|| Edit::SetStory {
                    doc: d.id.clone(),
                    from: d.story.clone(),
                    to,
                })
            })
            .collect();
        (!edits.is_empty()).then_some(Edit::Batch(edits))
    }

    /// Brings saved stories up to date with the workspace: documents no longer there are dropped
    /// (and stories left empty), documents in no story become stories of their own.
    pub fn reconcile(&self, docs: &[Document]) -> Stories {
        let mut out = self.clone();
        for s in &mut out.stories {
            s.documents.retain(|d| docs.iter().any(|x| &x.id == d));
        }
        out.stories.retain(|s| !s.documents.is_empty());
        for d in docs {
            if out.story_of(&d.id).is_none() {
                let id = out.next_id();
                out.stories.push(Story {
                    id,
                    name: d.title.clone(),
                    renamed: false,
                    documents: vec![d.id.clone()],
                });
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stories() -> Stories {
        let story = |id: &str, docs: &[&str]| Story {
            id: StoryId(id.into()),
            name: id.to_uppercase(),
            renamed: false,
            documents: docs.iter().map(|d| DocumentId(d.to_string())).collect(),
        };
        Stories {
            stories: vec![story("s1", &["a", "b", "c"]), story("s2", &["d"])],
        }
    }

    fn id(s: &str) -> StoryId {
        StoryId(s.into())
    }

    #[test]
    fn merge_keeps_the_target() {
        let m = stories().merge(&id("s1"), &id("s2")).unwrap();
        assert_eq!(m.stories.len(), 1);
        assert_eq!(m.stories[0].documents.len(), 4);
        assert_eq!(
            stories().merge(&id("s1"), &id("s1")),
            Err(StoryError::SameStory("s1".into()))
        );
    }

    #[test]
    fn split_makes_a_new_story_and_refuses_to_empty_one() {
        let (s, new) = stories()
            .split(&id("s1"), &[DocumentId("c".into())])
            .unwrap();
        assert_eq!(new, id("s3"));
        assert_eq!(s.stories[1].documents, vec![DocumentId("c".into())]);
        assert_eq!(s.stories[0].documents.len(), 2);
        let all: Vec<DocumentId> = ["a", "b", "c"]
            .iter()
            .map(|d| DocumentId(d.to_string()))
            .collect();
        assert!(stories().split(&id("s1"), &all).is_err());
    }

    #[test]
    fn rename_and_move_and_reconcile() {
        let s = stories().rename(&id("s2"), "  Dam  ").unwrap();
        assert_eq!(s.stories[1].name, "Dam");
        assert!(s.stories[1].renamed);
        let s = s.move_document(&DocumentId("d".into()), &id("s1")).unwrap();
        assert_eq!(s.stories.len(), 1, "the emptied story is dropped");
        let docs = vec![
            Document::new(DocumentId("a".into()), "A", "x", 0),
            Document::new(DocumentId("z".into()), "Z", "y", 0),
        ];
        let r = s.reconcile(&docs);
        assert_eq!(r.stories.len(), 2);
        assert_eq!(r.stories[0].documents, vec![DocumentId("a".into())]);
        assert_eq!(r.stories[1].documents, vec![DocumentId("z".into())]);
        let json = serde_json::to_string(&r).unwrap();
        assert_eq!(serde_json::from_str::<Stories>(&json).unwrap(), r);
    }

    fn article(id: &str, text: &str) -> Document {
        Document::new(DocumentId(id.into()), id.to_uppercase(), text, 0)
    }

    /// Two articles about one dam collapse, one about a ferry timetable.
    fn articles() -> Vec<Document> {
        vec![
            article("a", "The Orlan Dam collapsed above Dunmere on Saturday. Governor Mirela Tovanic said rescue crews from Halvik reached the Sable River villages by boat, and the relief agency opened shelters."),
            article("b", "Rescue crews reached Dunmere and Halvik by boat after the Orlan Dam collapse. Governor Mirela Tovanic said the Sable River villages were flooded and the relief agency opened shelters."),
            article("f", "The Lindmark harbour council voted to add two evening ferries to the island route. Council member Jonas Ebbe said islanders asked for a decade."),
        ]
    }

    fn grouped(docs: &[Document]) -> Stories {
        let items = crate::link::collect_items(docs, false);
        crate::link::group_stories(docs, &items, &GroupOptions::default())
    }

    fn ids(s: &Story) -> Vec<&str> {
        s.documents.iter().map(|d| d.0.as_str()).collect()
    }

    #[test]
    fn kept_stories_are_grouped_within_and_named_as_the_user_named_them() {
        let mut docs = articles();
        let auto = grouped(&docs);
        assert_eq!(
            auto.stories.iter().map(ids).collect::<Vec<_>>(),
            vec![vec!["a", "b"], vec!["f"]]
        );
        // The user merges the ferry story into the dam's and names it.
        let edited = auto
            .merge(&id("s1"), &id("s2"))
            .unwrap()
            .rename(&id("s1"), "Everything")
            .unwrap();
        let mut ws = crate::Workspace {
            documents: docs.clone(),
            ..Default::default()
        };
        let mut history = crate::History::default();
        let keep = edited.keep_edit(&ws.documents).unwrap();
        history.apply(&mut ws, keep).unwrap();
        assert_eq!(
            edited.keep_edit(&ws.documents),
            None,
            "nothing left to change"
        );
        let kept = grouped(&ws.documents);
        assert_eq!(kept.stories.len(), 1);
        assert_eq!(
            (kept.stories[0].name.as_str(), kept.stories[0].renamed),
            ("Everything", true)
        );
        assert_eq!(ids(&kept.stories[0]), vec!["a", "b", "f"]);
        // Undo: grouped afresh again.
        history.undo(&mut ws).unwrap();
        assert_eq!(grouped(&ws.documents), auto);
        history.redo(&mut ws).unwrap();
        // A new article about the dam joins the kept story; an unrelated one is a story of its own.
        docs = ws.documents.clone();
        docs.push(article("c", "Governor Mirela Tovanic visited Dunmere after the Orlan Dam collapse; relief agency shelters along the Sable River villages hold rescue crews from Halvik."));
        docs.push(article(
            "j",
            "A jazz festival in Keldmouth drew record crowds despite rain over the long weekend.",
        ));
        let s = grouped(&docs);
        assert_eq!(
            s.stories.iter().map(ids).collect::<Vec<_>>(),
            vec![vec!["a", "b", "f", "c"], vec!["j"]]
        );
        assert_eq!(s.stories[1].id, id("s2"), "a new id past the kept ones");
        // A deleted document leaves its story; the rest keep theirs.
        let s = grouped(&docs[1..]);
        assert_eq!(ids(&s.stories[0]), vec!["b", "f", "c"]);
        // Forgetting: grouped afresh.
        let forget = forget_edit(&ws.documents).unwrap();
        forget.apply(&mut ws).unwrap();
        assert!(ws.documents.iter().all(|d| d.story.is_none()));
        assert_eq!(forget_edit(&ws.documents), None);
    }

    #[test]
    fn a_split_keeps_the_new_story_and_names_it_from_its_documents() {
        let docs = articles();
        let auto = grouped(&docs);
        let (edited, new) = auto.split(&id("s1"), &[DocumentId("b".into())]).unwrap();
        let mut ws = crate::Workspace {
            documents: docs,
            ..Default::default()
        };
        edited
            .keep_edit(&ws.documents)
            .unwrap()
            .apply(&mut ws)
            .unwrap();
        let b = ws.document(&DocumentId("b".into())).unwrap();
        assert_eq!(
            b.story,
            Some(DocStory {
                id: new.clone(),
                name: None
            })
        );
        let kept = grouped(&ws.documents);
        assert_eq!(
            kept.stories.iter().map(ids).collect::<Vec<_>>(),
            vec![vec!["a"], vec!["b"], vec!["f"]]
        );
        assert_eq!(kept.story_of(&DocumentId("b".into())).unwrap().id, new);
        assert_eq!(
            kept.stories[1].name, "B",
            "a one-document story is named by its title"
        );
        assert!(!kept.stories[1].renamed);
    }

    #[test]
    fn near_copies_share_minhash() {
        let a = fingerprint("The dam above Keldmouth burst on Tuesday night and the water reached the old town before dawn, officials said.", 1);
        let b = fingerprint("The dam above Keldmouth burst on Tuesday night and the water reached the old town before dawn, police said.", 1);
        let c = fingerprint(
            "A jazz festival in the harbour drew record crowds over the long weekend despite rain.",
            1,
        );
        assert!(jaccard(&a, &b) > 0.6);
        assert!(jaccard(&a, &c) < 0.1);
    }
}
