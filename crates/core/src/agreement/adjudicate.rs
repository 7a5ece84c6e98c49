//! Adjudication of one document: every annotator's version side by side (one lane each), the
//! places they disagree, and the gold document built from the adjudicator's decisions.
//!
//! Spans are grouped into items, each holding at most one span per lane:
//! 1. spans of the same label are grouped when their IoU with the item's first span is ≥ 0.5,
//!    lane by lane, by a maximum one-to-one matching (as relaxed F1 pairs them);
//! 2. items that miss lanes are then merged with an item of another label covering the same
//!    stretch (IoU ≥ 0.5, no lane in common), best IoU first: that is a label disagreement.
//!
//! An item on which every lane that has the document shows the same span (range, label,
//! attributes, relations) is agreed; any other is a disagreement of one or more [`ItemKind`]s.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use thiserror::Error;

use super::attributes::{attributes_of, Attributes};
use super::coverage::Range;
use super::matching::{candidates, max_matching, overlap_and_union};
use crate::model::{Document, Relation, RelationId, Span, SpanError, SpanId};
use crate::offsets::CharOffset;

/// What the lanes of an item disagree on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ItemKind {
    /// Some annotators have no span here.
    Missing,
    /// The spans start or end at different places.
    Boundary,
    /// The spans carry different labels.
    Label,
    /// The spans' attributes differ.
    Attribute,
    /// The spans' relations point to different places (e.g. another speaker for the quote).
    Relation,
}

/// One annotator's span in an item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Version {
    /// The span as the annotator made it.
    pub span: Span,
    /// Its attributes (see [`attributes_of`]).
    pub attributes: Attributes,
    /// Its outgoing relations: kind and the item the target span belongs to.
    pub relations: BTreeSet<(String, usize)>,
}

impl Version {
    fn same_as(&self, other: &Version) -> bool {
        (
            self.span.start,
            self.span.end,
            &self.span.label,
            &self.attributes,
            &self.relations,
        ) == (
            other.span.start,
            other.span.end,
            &other.span.label,
            &other.attributes,
            &other.relations,
        )
    }
}

/// One place in the document and each lane's span there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// Its index in [`Adjudication::items`].
    pub id: usize,
    /// Per lane (annotator, input order), their span here, if any.
    pub lanes: Vec<Option<Version>>,
    /// What the lanes disagree on; empty when they all agree.
    pub kinds: BTreeSet<ItemKind>,
    /// The lane holding the most common version (ties: the earliest lane), or `None` when the
    /// most common answer is no span at all. What [`Decision::Accept`] takes.
    pub proposed: Option<usize>,
    /// First character any lane covers here.
    pub start: CharOffset,
    /// End of the last character any lane covers here.
    pub end: CharOffset,
}

impl Item {
    /// Whether every lane that has the document shows the same span.
    pub fn agreed(&self) -> bool {
        self.kinds.is_empty()
    }
}

/// One document's items, in document order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Adjudication {
    /// Lane names (annotators), input order.
    pub names: Vec<String>,
    /// Which lanes have the document at all (an absent lane never counts as missing a span).
    pub present: Vec<bool>,
    /// Items sorted by start, then end.
    pub items: Vec<Item>,
}

impl Adjudication {
    /// The items the lanes disagree on.
    pub fn disagreements(&self) -> impl Iterator<Item = &Item> {
        self.items.iter().filter(|i| !i.agreed())
    }

    /// The items everyone agrees on.
    pub fn agreed(&self) -> impl Iterator<Item = &Item> {
        self.items.iter().filter(|i| i.agreed())
    }

    /// The first disagreement after item `after` (from the start when `None`), wrapping around.
    pub fn next_disagreement(&self, after: Option<usize>) -> Option<usize> {
        let from = after.map_or(0, |a| a + 1);
        let n = self.items.len();
        (0..n)
            .map(|k| (from + k) % n)
            .find(|&i| !self.items[i].agreed())
    }
}

/// The adjudicator's choice for one item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// Take the proposed version ([`Item::proposed`]; no span when that is `None`).
    Accept,
    /// No span here in the gold.
    Reject,
    /// Take lane k's version (no span if lane k has none).
    TakeLane(usize),
    /// A span of the adjudicator's own.
    Edit {
        /// First character.
        start: CharOffset,
        /// End (exclusive).
        end: CharOffset,
        /// Label.
        label: String,
        /// Note (attributes as a JSON object, or free text).
        note: String,
    },
}

/// Why a gold document could not be built.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum AdjudicationError {
    /// A decision names an item that does not exist.
    #[error("no item {item} (the document has {count})")]
    NoSuchItem {
        /// The item named.
        item: usize,
        /// How many items there are.
        count: usize,
    },
    /// A decision takes a lane that does not exist.
    #[error("item {item}: no lane {lane} ({count} annotators)")]
    NoSuchLane {
        /// The item.
        item: usize,
        /// The lane named.
        lane: usize,
        /// How many lanes there are.
        count: usize,
    },
    /// An edited span is not a valid range of the text.
    #[error("item {item}: {source}")]
    BadEdit {
        /// The item.
        item: usize,
        /// What is wrong with the range.
        source: SpanError,
    },
}

/// The adjudicated document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gold {
    /// The document with the gold spans and relations (ids from 1, in document order).
    pub document: Document,
    /// For each gold span, the annotators whose own span was the same (range, label, attributes).
    pub agreed_by: BTreeMap<SpanId, Vec<String>>,
    /// Items left out because nothing was decided for them.
    pub undecided: Vec<usize>,
}

/// Groups the lanes' spans of one document into items. `versions[k]` is lane k's version of the
/// document (all of the same text), `None` when that annotator does not have it.
pub fn adjudicate(names: &[&str], versions: &[Option<&Document>]) -> Adjudication {
    let m = versions.len();
    let clusters = cluster(versions);
    // Items in document order; the map from (lane, span index) to item resolves relations.
    let lane_span =
        |k: usize, i: usize| &versions[k].expect("a member's lane has the document").spans[i];
    let mut order: Vec<(Range, usize)> = clusters
        .iter()
        .enumerate()
        .map(|(c, members)| {
            let spans = members
                .iter()
                .enumerate()
                .filter_map(|(k, i)| i.map(|i| lane_span(k, i)));
            let (s, e) = spans.fold((usize::MAX, 0), |(s, e), sp| {
                (s.min(sp.start.0), e.max(sp.end.0))
            });
            ((s, e), c)
        })
        .collect();
    order.sort();
    let mut item_of: Vec<HashMap<SpanId, usize>> = vec![HashMap::new(); m];
    for (id, &(_, c)) in order.iter().enumerate() {
        for (k, member) in clusters[c].iter().enumerate() {
            if let Some(i) = member {
                item_of[k].insert(lane_span(k, *i).id, id);
            }
        }
    }
    let present: Vec<bool> = versions.iter().map(Option::is_some).collect();
    let items = order
        .iter()
        .enumerate()
        .map(|(id, &((start, end), c))| {
            let lanes: Vec<Option<Version>> = clusters[c]
                .iter()
                .enumerate()
                .map(|(k, member)| {
                    member.map(|i| {
                        let doc = versions[k].expect("a member's lane has the document");
                        let span = doc.spans[i].clone();
                        let relations = doc
                            .relations
                            .iter()
                            .filter(|r| r.from == span.id)
                            .filter_map(|r| item_of[k].get(&r.to).map(|&t| (r.kind.clone(), t)))
                            .collect();
                        Version {
                            attributes: attributes_of(&span),
                            span,
                            relations,
                        }
                    })
                })
                .collect();
            let kinds = kinds_of(&lanes, &present);
            Item {
                id,
                proposed: proposal(&lanes, &present),
                kinds,
                lanes,
                start: CharOffset(start),
                end: CharOffset(end),
            }
        })
        .collect();
    Adjudication {
        names: names.iter().map(|n| n.to_string()).collect(),
        present,
        items,
    }
}

/// Per cluster, per lane, the index of the lane's span in its document.
fn cluster(versions: &[Option<&Document>]) -> Vec<Vec<Option<usize>>> {
    let m = versions.len();
    struct Cluster {
        members: Vec<Option<usize>>,
        anchor: Range,
        label: String,
    }
    let mut clusters: Vec<Cluster> = vec![];
    // 1. Same label, lane by lane.
    for (k, doc) in versions.iter().enumerate() {
        let Some(doc) = doc else { continue };
        let mut by_label: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for (i, s) in doc.spans.iter().enumerate() {
            by_label.entry(&s.label).or_default().push(i);
        }
        for (label, mut idxs) in by_label {
            idxs.sort_by_key(|&i| (doc.spans[i].start, doc.spans[i].end));
            let mut open: Vec<usize> = (0..clusters.len())
                .filter(|&c| clusters[c].label == label && clusters[c].members[k].is_none())
                .collect();
            open.sort_by_key(|&c| clusters[c].anchor);
            let anchors: Vec<Range> = open.iter().map(|&c| clusters[c].anchor).collect();
            let ranges: Vec<Range> = idxs
                .iter()
                .map(|&i| (doc.spans[i].start.0, doc.spans[i].end.0))
                .collect();
            let matched = max_matching(&candidates(&ranges, &anchors), anchors.len());
            for (n, partner) in matched.into_iter().enumerate() {
                match partner {
                    Some(a) => clusters[open[a]].members[k] = Some(idxs[n]),
                    None => {
                        let mut members = vec![None; m];
                        members[k] = Some(idxs[n]);
                        clusters.push(Cluster {
                            members,
                            anchor: ranges[n],
                            label: label.to_string(),
                        });
                    }
                }
            }
        }
    }
    // 2. Incomplete clusters of different labels over the same stretch: one item, labels differ.
    let lanes = |c: &Cluster| -> Vec<bool> { c.members.iter().map(Option::is_some).collect() };
    let mut incomplete: Vec<usize> = (0..clusters.len())
        .filter(|&c| {
            clusters[c]
                .members
                .iter()
                .zip(versions)
                .any(|(member, v)| member.is_none() && v.is_some())
        })
        .collect();
    incomplete.sort_by_key(|&c| clusters[c].anchor);
    let mut pairs: Vec<(usize, usize, usize, usize)> = vec![];
    for (n, &x) in incomplete.iter().enumerate() {
        let ax = clusters[x].anchor;
        for &y in &incomplete[n + 1..] {
            let ay = clusters[y].anchor;
            if ay.0 >= ax.1 {
                break;
            }
            let (inter, union) = overlap_and_union(ax, ay);
            let disjoint = lanes(&clusters[x])
                .iter()
                .zip(lanes(&clusters[y]))
                .all(|(a, b)| !(*a && b));
            if clusters[x].label != clusters[y].label && disjoint && inter > 0 && 2 * inter >= union
            {
                pairs.push((inter, union, x, y));
            }
        }
    }
    pairs.sort_by(|p, q| {
        (q.0 * p.1)
            .cmp(&(p.0 * q.1))
            .then((p.2, p.3).cmp(&(q.2, q.3)))
    });
    let mut root: Vec<usize> = (0..clusters.len()).collect();
    let find = |root: &Vec<usize>, mut c: usize| {
        while root[c] != c {
            c = root[c];
        }
        c
    };
    for (_, _, x, y) in pairs {
        let (rx, ry) = (find(&root, x), find(&root, y));
        if rx == ry {
            continue;
        }
        let clash =
            (0..m).any(|k| clusters[rx].members[k].is_some() && clusters[ry].members[k].is_some());
        if clash {
            continue;
        }
        for k in 0..m {
            if let Some(i) = clusters[ry].members[k] {
                clusters[rx].members[k] = Some(i);
            }
        }
        root[ry] = rx;
    }
    clusters
        .into_iter()
        .enumerate()
        .filter(|(c, _)| root[*c] == *c)
        .map(|(_, c)| c.members)
        .collect()
}

fn kinds_of(lanes: &[Option<Version>], present: &[bool]) -> BTreeSet<ItemKind> {
    let mut kinds = BTreeSet::new();
    if lanes.iter().zip(present).any(|(l, p)| *p && l.is_none()) {
        kinds.insert(ItemKind::Missing);
    }
    let versions: Vec<&Version> = lanes.iter().flatten().collect();
    let differ = |key: &dyn Fn(&Version) -> String| {
        versions
            .iter()
            .map(|v| key(v))
            .collect::<BTreeSet<_>>()
            .len()
            > 1
    };
    if differ(&|v| format!("{}..{}", v.span.start.0, v.span.end.0)) {
        kinds.insert(ItemKind::Boundary);
    }
    if differ(&|v| v.span.label.clone()) {
        kinds.insert(ItemKind::Label);
    }
    if differ(&|v| format!("{:?}", v.attributes)) {
        kinds.insert(ItemKind::Attribute);
    }
    if differ(&|v| format!("{:?}", v.relations)) {
        kinds.insert(ItemKind::Relation);
    }
    kinds
}

/// The lane whose version most lanes share (no span counts as a version too); ties go to the
/// earliest lane.
fn proposal(lanes: &[Option<Version>], present: &[bool]) -> Option<usize> {
    let same = |a: &Option<Version>, b: &Option<Version>| match (a, b) {
        (Some(a), Some(b)) => a.same_as(b),
        (None, None) => true,
        _ => false,
    };
    let candidates: Vec<usize> = (0..lanes.len()).filter(|&k| present[k]).collect();
    let mut best: Option<(usize, usize)> = None;
    for &k in &candidates {
        let votes = candidates
            .iter()
            .filter(|&&j| same(&lanes[k], &lanes[j]))
            .count();
        if best.is_none_or(|(_, v)| votes > v) {
            best = Some((k, votes));
        }
    }
    best.and_then(|(k, _)| lanes[k].as_ref().map(|_| k))
}

/// Builds the gold version of `base` (whose text, id and metadata it keeps) from the decisions,
/// keyed by item id. Items without a decision are taken when they are agreed and
/// `accept_agreed` is on, and otherwise left out and listed in [`Gold::undecided`]. Relations
/// are kept from the lane a span was taken from when their target item also made it into the
/// gold; an edited span has none.
pub fn build_gold(
    adjudication: &Adjudication,
    base: &Document,
    decisions: &BTreeMap<usize, Decision>,
    accept_agreed: bool,
) -> Result<Gold, AdjudicationError> {
    let count = adjudication.items.len();
    let lanes = adjudication.names.len();
    if let Some(&item) = decisions.keys().find(|&&i| i >= count) {
        return Err(AdjudicationError::NoSuchItem { item, count });
    }
    enum Chosen<'a> {
        Lane(&'a Version),
        Own(Span),
    }
    let mut chosen: Vec<Option<Chosen<'_>>> = Vec::with_capacity(count);
    let mut undecided = vec![];
    for item in &adjudication.items {
        let lane = |k: usize| -> Result<Option<Chosen<'_>>, AdjudicationError> {
            let version = item.lanes.get(k).ok_or(AdjudicationError::NoSuchLane {
                item: item.id,
                lane: k,
                count: lanes,
            })?;
            Ok(version.as_ref().map(Chosen::Lane))
        };
        let choice = match decisions.get(&item.id) {
            Some(Decision::Accept) => item.proposed.map(lane).transpose()?.flatten(),
            Some(Decision::Reject) => None,
            Some(Decision::TakeLane(k)) => lane(*k)?,
            Some(Decision::Edit {
                start,
                end,
                label,
                note,
            }) => {
                base.check_range(*start, *end)
                    .map_err(|source| AdjudicationError::BadEdit {
                        item: item.id,
                        source,
                    })?;
                if label.is_empty() {
                    return Err(AdjudicationError::BadEdit {
                        item: item.id,
                        source: SpanError::NoLabel,
                    });
                }
                Some(Chosen::Own(Span {
                    id: SpanId(0),
                    start: *start,
                    end: *end,
                    label: label.clone(),
                    note: note.clone(),
                    attributes: Default::default(),
                }))
            }
            None if item.agreed() && accept_agreed => {
                item.proposed.map(lane).transpose()?.flatten()
            }
            None => {
                undecided.push(item.id);
                None
            }
        };
        chosen.push(choice);
    }
    let mut document = base.clone();
    document.spans.clear();
    document.relations.clear();
    document.rejected.clear();
    let mut gold_id: Vec<Option<SpanId>> = vec![None; count];
    let mut agreed_by = BTreeMap::new();
    for (item, choice) in adjudication.items.iter().zip(&chosen) {
        let Some(choice) = choice else { continue };
        let id = SpanId(document.spans.len() as u64 + 1);
        let mut span = match choice {
            Chosen::Lane(v) => v.span.clone(),
            Chosen::Own(s) => s.clone(),
        };
        span.id = id;
        let attributes = attributes_of(&span);
        let who: Vec<String> = item
            .lanes
            .iter()
            .enumerate()
            .filter_map(|(k, v)| v.as_ref().map(|v| (k, v)))
            .filter(|(_, v)| {
                (v.span.start, v.span.end, &v.span.label, &v.attributes)
                    == (span.start, span.end, &span.label, &attributes)
            })
            .map(|(k, _)| adjudication.names[k].clone())
            .collect();
        agreed_by.insert(id, who);
        gold_id[item.id] = Some(id);
        document.spans.push(span);
    }
    for (item, choice) in adjudication.items.iter().zip(&chosen) {
        let (Some(Chosen::Lane(v)), Some(from)) = (choice, gold_id[item.id]) else {
            continue;
        };
        for (kind, target) in &v.relations {
            if let Some(to) = gold_id[*target] {
                document.relations.push(Relation {
                    id: RelationId(document.relations.len() as u64 + 1),
                    from,
                    to,
                    kind: kind.clone(),
                });
            }
        }
    }
    Ok(Gold {
        document,
        agreed_by,
        undecided,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::DocumentId;

    const TEXT: &str = "Harbour council approves green quay plan. The mayor, Dana Rivera, said: \
        «We will plant 1,200 trees by 2026.» Critics doubt it. Costs reach €3 million, said \
        treasurer Olu Bakare.";
    const DANA: (usize, usize) = (53, 64);
    const QUOTE: (usize, usize) = (72, 108);
    const QUOTE_INNER: (usize, usize) = (73, 107);
    const TREES: (usize, usize) = (87, 98);
    const CRITICS: (usize, usize) = (109, 126);
    const COSTS: (usize, usize) = (139, 149);
    const OLU: (usize, usize) = (166, 176);

    /// A version: spans (id, range, label, note) and said-by relations (from id, to id).
    fn version(spans: &[(u64, (usize, usize), &str, &str)], said_by: &[(u64, u64)]) -> Document {
        let mut d = Document::new(DocumentId("harbour".into()), "Harbour", TEXT, 0);
        d.spans = spans
            .iter()
            .map(|&(id, (s, e), label, note)| Span {
                id: SpanId(id),
                start: CharOffset(s),
                end: CharOffset(e),
                label: label.into(),
                note: note.into(),
                attributes: Default::default(),
            })
            .collect();
        d.relations = said_by
            .iter()
            .enumerate()
            .map(|(i, &(from, to))| Relation {
                id: RelationId(i as u64 + 1),
                from: SpanId(from),
                to: SpanId(to),
                kind: "said-by".into(),
            })
            .collect();
        d
    }

    /// ana, ben and cy on one article: the speakers agree; ben's quote leaves out the guillemets
    /// and cy's quote is said by another speaker; cy reads another value for the trees; ben calls
    /// the critics' line a quote where ana calls it a claim and cy marks nothing; only ana marks
    /// the costs.
    fn three() -> [Document; 3] {
        [
            version(
                &[
                    (1, DANA, "speaker", ""),
                    (2, QUOTE, "quote", ""),
                    (3, TREES, "figure", r#"{"value":1200}"#),
                    (4, CRITICS, "claim", ""),
                    (5, COSTS, "figure", r#"{"value":3000000}"#),
                    (6, OLU, "speaker", ""),
                ],
                &[(2, 1)],
            ),
            version(
                &[
                    (10, OLU, "speaker", ""),
                    (11, QUOTE_INNER, "quote", ""),
                    (12, DANA, "speaker", ""),
                    (13, CRITICS, "quote", ""),
                    (14, TREES, "figure", r#"{"value":1200}"#),
                ],
                &[(11, 12)],
            ),
            version(
                &[
                    (1, DANA, "speaker", ""),
                    (2, QUOTE, "quote", ""),
                    (3, TREES, "figure", r#"{"value":12000}"#),
                    (4, OLU, "speaker", ""),
                ],
                &[(2, 4)],
            ),
        ]
    }

    fn adjudicated(docs: &[Document; 3]) -> Adjudication {
        let versions: Vec<Option<&Document>> = docs.iter().map(Some).collect();
        adjudicate(&["ana", "ben", "cy"], &versions)
    }

    fn kinds(item: &Item) -> Vec<ItemKind> {
        item.kinds.iter().copied().collect()
    }

    #[test]
    fn items_list_each_disagreement_in_document_order() {
        use ItemKind::*;
        let docs = three();
        let adj = adjudicated(&docs);
        let spans: Vec<(usize, usize)> = adj.items.iter().map(|i| (i.start.0, i.end.0)).collect();
        assert_eq!(spans, vec![DANA, QUOTE, TREES, CRITICS, COSTS, OLU]);
        assert!(adj.items[0].agreed() && adj.items[5].agreed());
        assert_eq!(kinds(&adj.items[1]), vec![Boundary, Relation]);
        assert_eq!(kinds(&adj.items[2]), vec![Attribute]);
        assert_eq!(kinds(&adj.items[3]), vec![Missing, Label]);
        assert_eq!(kinds(&adj.items[4]), vec![Missing]);
        // The relation targets are items: ana's and ben's quote point to Dana, cy's to Olu.
        let targets: Vec<_> = adj.items[1]
            .lanes
            .iter()
            .map(|v| v.as_ref().unwrap().relations.iter().next().unwrap().1)
            .collect();
        assert_eq!(targets, vec![0, 0, 5]);
        // Most common versions: the trees' value 1200 (ana, ben); for the costs no span (ben, cy).
        assert_eq!(adj.items[2].proposed, Some(0));
        assert_eq!(adj.items[4].proposed, None);
        assert_eq!(adj.next_disagreement(None), Some(1));
        assert_eq!(adj.next_disagreement(Some(4)), Some(1));
        assert_eq!(adj.disagreements().count(), 4);
    }

    #[test]
    fn gold_follows_the_decisions_and_records_who_agreed() {
        let docs = three();
        let adj = adjudicated(&docs);
        let decisions: BTreeMap<usize, Decision> = [
            (1, Decision::Accept),
            (2, Decision::TakeLane(0)),
            (3, Decision::TakeLane(1)),
            (4, Decision::Reject),
        ]
        .into_iter()
        .collect();
        let gold = build_gold(&adj, &docs[0], &decisions, true).unwrap();
        assert!(gold.undecided.is_empty());
        let got: Vec<((usize, usize), &str)> = gold
            .document
            .spans
            .iter()
            .map(|s| ((s.start.0, s.end.0), s.label.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![
                (DANA, "speaker"),
                (QUOTE, "quote"),
                (TREES, "figure"),
                (CRITICS, "quote"),
                (OLU, "speaker")
            ]
        );
        // The accepted quote is ana's: said by Dana (gold span 1).
        assert_eq!(gold.document.relations.len(), 1);
        let r = &gold.document.relations[0];
        assert_eq!((r.from, r.to), (SpanId(2), SpanId(1)));
        let who = |id: u64| gold.agreed_by[&SpanId(id)].join(",");
        assert_eq!(who(1), "ana,ben,cy");
        assert_eq!(who(2), "ana,cy");
        assert_eq!(who(3), "ana,ben");
        assert_eq!(who(4), "ben");
    }

    #[test]
    fn without_decisions_only_agreed_spans_are_taken_and_that_can_be_switched_off() {
        let docs = three();
        let adj = adjudicated(&docs);
        let gold = build_gold(&adj, &docs[0], &BTreeMap::new(), true).unwrap();
        assert_eq!(gold.document.spans.len(), 2);
        assert_eq!(gold.undecided, vec![1, 2, 3, 4]);
        let gold = build_gold(&adj, &docs[0], &BTreeMap::new(), false).unwrap();
        assert!(gold.document.spans.is_empty());
        assert_eq!(gold.undecided, vec![0, 1, 2, 3, 4, 5]);
    }

    #[test]
    fn bad_decisions_are_errors() {
        let docs = three();
        let adj = adjudicated(&docs);
        let one = |k, d| [(k, d)].into_iter().collect::<BTreeMap<_, _>>();
        assert!(matches!(
            build_gold(&adj, &docs[0], &one(9, Decision::Accept), true),
            Err(AdjudicationError::NoSuchItem { item: 9, count: 6 })
        ));
        assert!(matches!(
            build_gold(&adj, &docs[0], &one(1, Decision::TakeLane(3)), true),
            Err(AdjudicationError::NoSuchLane { lane: 3, .. })
        ));
        let edit = Decision::Edit {
            start: CharOffset(170),
            end: CharOffset(190),
            label: "quote".into(),
            note: String::new(),
        };
        assert!(matches!(
            build_gold(&adj, &docs[0], &one(1, edit), true),
            Err(AdjudicationError::BadEdit { item: 1, .. })
        ));
    }

    #[test]
    fn a_nested_second_label_is_its_own_item_not_a_label_clash() {
        // ana marks the quote and, on the same words, a claim; ben only the quote.
        let a = version(&[(1, QUOTE, "quote", ""), (2, QUOTE, "claim", "")], &[]);
        let b = version(&[(1, QUOTE, "quote", "")], &[]);
        let adj = adjudicate(&["ana", "ben"], &[Some(&a), Some(&b)]);
        assert_eq!(adj.items.len(), 2);
        assert_eq!(adj.agreed().count(), 1);
        assert_eq!(
            kinds(adj.disagreements().next().unwrap()),
            vec![ItemKind::Missing]
        );
    }

    #[test]
    fn an_annotator_without_the_document_is_not_missing_spans() {
        let a = version(&[(1, DANA, "speaker", "")], &[]);
        let b = version(&[(1, DANA, "speaker", "")], &[]);
        let adj = adjudicate(&["ana", "ben", "cy"], &[Some(&a), Some(&b), None]);
        assert!(adj.items[0].agreed());
        assert_eq!(adj.present, vec![true, true, false]);
    }
}
