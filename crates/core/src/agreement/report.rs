//! Every measure per label, per annotator pair, per document and over the whole set.
//!
//! All measures are built from counts that add up over documents (TP and span counts, 2×2 and
//! Fleiss character tables, α_U's sums), so the whole set's figures are computed on the summed
//! counts — micro-averaged — never as a mean of per-document figures. Pairwise measures use the
//! documents both annotators have; Fleiss' κ and α_U use the documents every annotator has.

use std::collections::{BTreeMap, BTreeSet};

use super::align::{align, AlignError, AlignedDocument};
use super::alpha_u::{AlphaU, AlphaUSums};
use super::attributes::{
    attributes_of, compare_attributes, compare_relations, AgreementCount, Attributes,
};
use super::coverage::{spans_by_label, units, Range};
use super::kappa::{CohenCounts, FleissCounts};
use super::matching::{exact_matches, relaxed_pairs, F1Counts};
use super::AnnotatorDocs;
use crate::model::{Span, SpanId};

/// Two annotators' counts for one label.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PairLabel {
    /// Exact span matches.
    pub exact: F1Counts,
    /// Relaxed span matches (IoU ≥ 0.5, maximum one-to-one).
    pub relaxed: F1Counts,
    /// The character table.
    pub chars: CohenCounts,
}

impl PairLabel {
    fn add(&mut self, o: &PairLabel) {
        self.exact.add(o.exact);
        self.relaxed.add(o.relaxed);
        self.chars.add(o.chars);
    }
}

/// Two annotators compared over their shared documents (or one document).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PairScores {
    /// Index of the first annotator.
    pub a: usize,
    /// Index of the second annotator.
    pub b: usize,
    /// Documents both have.
    pub documents: usize,
    /// Every label of the set (including ones this pair never used).
    pub labels: BTreeMap<String, PairLabel>,
    /// Per label, per attribute name: agreement over relaxed-matched spans.
    pub attributes: BTreeMap<String, BTreeMap<String, AgreementCount>>,
    /// Per relation kind: agreement over relaxed-matched spans with outgoing relations.
    pub relations: BTreeMap<String, AgreementCount>,
}

impl PairScores {
    /// Exact counts summed over labels (micro).
    pub fn overall_exact(&self) -> F1Counts {
        let mut c = F1Counts::default();
        self.labels.values().for_each(|l| c.add(l.exact));
        c
    }

    /// Relaxed counts summed over labels (micro).
    pub fn overall_relaxed(&self) -> F1Counts {
        let mut c = F1Counts::default();
        self.labels.values().for_each(|l| c.add(l.relaxed));
        c
    }

    fn add(&mut self, o: &PairScores) {
        self.documents += o.documents;
        for (label, counts) in &o.labels {
            self.labels.entry(label.clone()).or_default().add(counts);
        }
        for (label, names) in &o.attributes {
            let mine = self.attributes.entry(label.clone()).or_default();
            for (name, c) in names {
                mine.entry(name.clone()).or_default().add(*c);
            }
        }
        for (kind, c) in &o.relations {
            self.relations.entry(kind.clone()).or_default().add(*c);
        }
    }
}

/// All annotators together, for one label.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MultiScores {
    /// Fleiss' κ on characters.
    pub fleiss_kappa: Option<f64>,
    /// Krippendorff's α_U with its disagreements.
    pub alpha_u: AlphaU,
}

/// One document's figures.
#[derive(Debug, Clone, PartialEq)]
pub struct DocumentScores {
    /// The document's id (the first version's).
    pub id: String,
    /// Its title (the first version's).
    pub title: String,
    /// Which annotators have it.
    pub present: Vec<bool>,
    /// Each pair of annotators who both have it.
    pub pairs: Vec<PairScores>,
    /// Per label, all annotators together; empty unless every annotator has the document.
    pub labels: BTreeMap<String, MultiScores>,
}

impl DocumentScores {
    /// The mean over pairs of the overall relaxed F1: the figure documents are sorted by.
    /// `None` when no annotator marked anything in it.
    pub fn mean_f1_relaxed(&self) -> Option<f64> {
        Summary::of(self.pairs.iter().map(|p| p.overall_relaxed().f1())).mean
    }
}

/// Mean and population standard deviation of the defined values among several.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Summary {
    /// How many values were defined.
    pub n: usize,
    /// Their mean; `None` when none was.
    pub mean: Option<f64>,
    /// Their population standard deviation (0 for one value); `None` when none was defined.
    pub sd: Option<f64>,
}

impl Summary {
    /// Summarises the defined values, skipping `None`s.
    pub fn of(values: impl IntoIterator<Item = Option<f64>>) -> Summary {
        let v: Vec<f64> = values.into_iter().flatten().collect();
        if v.is_empty() {
            return Summary::default();
        }
        let n = v.len() as f64;
        let mean = v.iter().sum::<f64>() / n;
        let var = v.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / n;
        Summary {
            n: v.len(),
            mean: Some(mean),
            sd: Some(var.sqrt()),
        }
    }
}

/// Everything `spanmark agree` reports, and what the app's views read.
#[derive(Debug, Clone, PartialEq)]
pub struct AgreementReport {
    /// Annotator names, input order.
    pub annotators: Vec<String>,
    /// Documents present for at least two annotators.
    pub documents: usize,
    /// Of those, the ones every annotator has (what Fleiss' κ and α_U are computed on).
    pub complete_documents: usize,
    /// Documents only one annotator has (left out).
    pub single: usize,
    /// Labels used in the compared documents, sorted.
    pub labels: Vec<String>,
    /// Each pair of annotators over the documents both have, in input order (0-1, 0-2, 1-2…).
    pub pairs: Vec<PairScores>,
    /// Per label, all annotators together, over the documents every annotator has.
    pub multi: BTreeMap<String, MultiScores>,
    /// Per document, in order of first appearance.
    pub per_document: Vec<DocumentScores>,
}

impl AgreementReport {
    /// Mean ± sd over annotator pairs of a per-pair figure.
    pub fn over_pairs(&self, figure: impl Fn(&PairScores) -> Option<f64>) -> Summary {
        Summary::of(self.pairs.iter().map(figure))
    }

    /// The documents, lowest mean relaxed F1 first (documents without any span last).
    pub fn lowest_first(&self) -> Vec<&DocumentScores> {
        let mut docs: Vec<&DocumentScores> = self.per_document.iter().collect();
        docs.sort_by(|x, y| {
            let key = |d: &DocumentScores| d.mean_f1_relaxed().unwrap_or(f64::INFINITY);
            key(x).total_cmp(&key(y))
        });
        docs
    }

    /// The JSON object of `spanmark agree --json` (the shape in issue 19): undefined values are
    /// `null`, everything else a plain number.
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::{json, Map, Value};
        let pairs: Vec<Value> = self
            .pairs
            .iter()
            .map(|p| {
                let labels: Map<String, Value> = p
                    .labels
                    .iter()
                    .map(|(label, c)| {
                        (
                            label.clone(),
                            json!({
                                "f1_exact": c.exact.f1(),
                                "f1_relaxed": c.relaxed.f1(),
                                "kappa_chars": c.chars.kappa(),
                            }),
                        )
                    })
                    .collect();
                json!({
                    "a": self.annotators[p.a],
                    "b": self.annotators[p.b],
                    "labels": labels,
                    "overall": {
                        "f1_exact": p.overall_exact().f1(),
                        "f1_relaxed": p.overall_relaxed().f1(),
                    },
                })
            })
            .collect();
        let labels: Map<String, Value> = self
            .multi
            .iter()
            .map(|(label, m)| {
                (
                    label.clone(),
                    json!({
                        "alpha_u": m.alpha_u.alpha,
                        "fleiss_kappa_chars": m.fleiss_kappa,
                    }),
                )
            })
            .collect();
        json!({
            "annotators": self.annotators,
            "documents": self.documents,
            "pairs": pairs,
            "labels": labels,
        })
    }
}

/// Compares the annotators: aligns their documents, then measures every pair and all together.
pub fn agreement(annotators: &[AnnotatorDocs]) -> Result<AgreementReport, AlignError> {
    let aligned = align(annotators)?;
    let m = annotators.len();
    let labels: Vec<String> = aligned
        .documents
        .iter()
        .flat_map(|d| d.versions.iter().flatten())
        .flat_map(|doc| doc.spans.iter().map(|s| s.label.clone()))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let mut pairs: Vec<PairScores> = (0..m)
        .flat_map(|a| (a + 1..m).map(move |b| (a, b)))
        .map(|(a, b)| PairScores {
            a,
            b,
            labels: labels
                .iter()
                .map(|l| (l.clone(), PairLabel::default()))
                .collect(),
            ..Default::default()
        })
        .collect();
    let mut fleiss: BTreeMap<&str, FleissCounts> = BTreeMap::new();
    let mut alpha: BTreeMap<&str, AlphaUSums> = BTreeMap::new();
    let mut per_document = Vec::with_capacity(aligned.documents.len());
    for doc in &aligned.documents {
        let (scores, sections) = document_scores(doc, &labels);
        for section in sections {
            fleiss
                .entry(section.label)
                .or_insert_with(|| FleissCounts {
                    raters: m as u64,
                    ..Default::default()
                })
                .add(section.fleiss);
            alpha
                .entry(section.label)
                .or_insert_with(|| AlphaUSums::new(m))
                .add_section(doc.len_chars, &section.units);
        }
        for p in &scores.pairs {
            if let Some(total) = pairs.iter_mut().find(|t| (t.a, t.b) == (p.a, p.b)) {
                total.add(p);
            }
        }
        per_document.push(scores);
    }
    let multi = labels
        .iter()
        .map(|l| {
            let f = fleiss.get(l.as_str()).copied().unwrap_or_default();
            let a = alpha
                .get(l.as_str())
                .map(AlphaUSums::result)
                .unwrap_or_else(|| AlphaUSums::new(m).result());
            (
                l.clone(),
                MultiScores {
                    fleiss_kappa: f.kappa(),
                    alpha_u: a,
                },
            )
        })
        .collect();
    Ok(AgreementReport {
        annotators: aligned.names.iter().map(|n| n.to_string()).collect(),
        documents: aligned.documents.len(),
        complete_documents: aligned.documents.iter().filter(|d| d.complete()).count(),
        single: aligned.single,
        labels,
        pairs,
        multi,
        per_document,
    })
}

/// One label of a document every annotator has: what the whole set's sums need from it.
struct LabelSection<'l> {
    label: &'l str,
    fleiss: FleissCounts,
    /// Per annotator, the label's α_U units.
    units: Vec<Vec<Range>>,
}

/// One document's pairwise and all-annotator figures, and (for a document every annotator has)
/// each label's counts to be added to the whole set's.
fn document_scores<'l>(
    doc: &AlignedDocument<'_>,
    labels: &'l [String],
) -> (DocumentScores, Vec<LabelSection<'l>>) {
    let m = doc.versions.len();
    let by_label: Vec<Option<BTreeMap<&str, Vec<&Span>>>> =
        doc.versions.iter().map(|v| v.map(spans_by_label)).collect();
    let spans_of = |k: usize, label: &str| -> &[&Span] {
        by_label[k]
            .as_ref()
            .and_then(|map| map.get(label))
            .map_or(&[], Vec::as_slice)
    };
    // Each span's attributes, read once (only spans that have any are listed).
    let attributes: Vec<BTreeMap<SpanId, Attributes>> = doc
        .versions
        .iter()
        .map(|v| {
            v.map_or_else(BTreeMap::new, |d| {
                d.spans
                    .iter()
                    .map(|s| (s.id, attributes_of(s)))
                    .filter(|(_, a)| !a.is_empty())
                    .collect()
            })
        })
        .collect();
    let no_attributes = Attributes::new();
    let unit_lists: Vec<BTreeMap<&str, Vec<Range>>> = (0..m)
        .map(|k| {
            labels
                .iter()
                .map(|l| (l.as_str(), units(spans_of(k, l))))
                .collect()
        })
        .collect();
    let mut pairs = vec![];
    for a in 0..m {
        for b in a + 1..m {
            let (Some(da), Some(db)) = (doc.versions[a], doc.versions[b]) else {
                continue;
            };
            let mut p = PairScores {
                a,
                b,
                documents: 1,
                ..Default::default()
            };
            let mut matched: BTreeMap<SpanId, SpanId> = BTreeMap::new();
            for label in labels {
                let (sa, sb) = (spans_of(a, label), spans_of(b, label));
                let relaxed = relaxed_pairs(sa, sb);
                for &(i, j) in &relaxed {
                    matched.insert(sa[i].id, sb[j].id);
                    let x = attributes[a].get(&sa[i].id).unwrap_or(&no_attributes);
                    let y = attributes[b].get(&sb[j].id).unwrap_or(&no_attributes);
                    if !x.is_empty() || !y.is_empty() {
                        let names = p.attributes.entry(label.clone()).or_default();
                        compare_attributes(x, y, names);
                    }
                }
                let count = |tp| F1Counts {
                    tp,
                    a: sa.len(),
                    b: sb.len(),
                };
                p.labels.insert(
                    label.clone(),
                    PairLabel {
                        exact: count(exact_matches(sa, sb)),
                        relaxed: count(relaxed.len()),
                        chars: CohenCounts::from_ranges(
                            doc.len_chars,
                            &unit_lists[a][label.as_str()],
                            &unit_lists[b][label.as_str()],
                        ),
                    },
                );
            }
            compare_relations(da, db, &matched, &mut p.relations);
            pairs.push(p);
        }
    }
    let mut multi = BTreeMap::new();
    let mut whole_set = vec![];
    if doc.complete() {
        for label in labels {
            let sections: Vec<Vec<Range>> = (0..m)
                .map(|k| unit_lists[k][label.as_str()].clone())
                .collect();
            let f = FleissCounts::from_ranges(doc.len_chars, &sections);
            let mut sums = AlphaUSums::new(m);
            sums.add_section(doc.len_chars, &sections);
            multi.insert(
                label.clone(),
                MultiScores {
                    fleiss_kappa: f.kappa(),
                    alpha_u: sums.result(),
                },
            );
            whole_set.push(LabelSection {
                label,
                fleiss: f,
                units: sections,
            });
        }
    }
    let first = doc.versions.iter().flatten().next();
    let scores = DocumentScores {
        id: doc.id.0.clone(),
        title: first.map(|d| d.title.clone()).unwrap_or_default(),
        present: doc.versions.iter().map(Option::is_some).collect(),
        pairs,
        labels: multi,
    };
    (scores, whole_set)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Document, DocumentId};
    use crate::offsets::CharOffset;

    const TEXT: &str = "The mayor said: «We will plant 1,200 trees by 2026.» Critics doubt it. \
                        Costs reach €3 million, the council said.";

    fn version(id: &str, spans: &[(usize, usize, &str)]) -> Document {
        let mut d = Document::new(DocumentId(id.into()), "Harbour plan", TEXT, 0);
        d.spans = spans
            .iter()
            .enumerate()
            .map(|(i, &(s, e, label))| Span {
                id: SpanId(i as u64 + 1),
                start: CharOffset(s),
                end: CharOffset(e),
                label: label.into(),
                note: String::new(),
                attributes: Default::default(),
            })
            .collect();
        d
    }

    #[test]
    fn identical_annotations_agree_perfectly() {
        let spans = [(16, 52, "quote"), (31, 36, "figure")];
        let input = [
            AnnotatorDocs::new("ana", vec![version("h1", &spans)]),
            AnnotatorDocs::new("ben", vec![version("h1", &spans)]),
            AnnotatorDocs::new("cy", vec![version("h1", &spans)]),
        ];
        let r = agreement(&input).unwrap();
        assert_eq!(
            (r.documents, r.complete_documents, r.pairs.len()),
            (1, 1, 3)
        );
        for p in &r.pairs {
            assert_eq!(p.overall_exact().f1(), Some(1.0));
            assert_eq!(p.labels["quote"].chars.kappa(), Some(1.0));
        }
        assert_eq!(r.multi["figure"].fleiss_kappa, Some(1.0));
        assert_eq!(r.multi["quote"].alpha_u.alpha, Some(1.0));
    }

    /// Hand-worked: ana has quote 16..52 and figure 31..36; ben has quote 15..52 (IoU 36/37) and
    /// figure 75..77 (no overlap). Exact F1: 0 of 2+2 → 0; relaxed: the quote → 2·1/4 = 0.5.
    #[test]
    fn pair_f1_by_hand() {
        let input = [
            AnnotatorDocs::new(
                "ana",
                vec![version("h1", &[(16, 52, "quote"), (31, 36, "figure")])],
            ),
            AnnotatorDocs::new(
                "ben",
                vec![version("h1", &[(15, 52, "quote"), (75, 77, "figure")])],
            ),
        ];
        let r = agreement(&input).unwrap();
        let p = &r.pairs[0];
        assert_eq!(p.overall_exact().f1(), Some(0.0));
        assert_eq!(p.overall_relaxed().f1(), Some(0.5));
        assert_eq!(p.labels["figure"].relaxed.f1(), Some(0.0));
        assert_eq!(p.labels["quote"].relaxed.f1(), Some(1.0));
        let json = r.to_json();
        assert_eq!(json["pairs"][0]["overall"]["f1_relaxed"], 0.5);
        assert_eq!(json["annotators"][1], "ben");
    }

    #[test]
    fn unused_labels_and_empty_documents_are_null_not_zero() {
        let input = [
            AnnotatorDocs::new(
                "ana",
                vec![version("h1", &[]), version("h2", &[(0, 3, "claim")])],
            ),
            AnnotatorDocs::new("ben", vec![version("h1", &[])]),
        ];
        let r = agreement(&input).unwrap();
        // h2 is ana's only: left out, so "claim" is not a label of the compared documents.
        assert_eq!((r.documents, r.single), (1, 1));
        assert!(r.labels.is_empty());
        let json = r.to_json();
        assert_eq!(
            json["pairs"][0]["overall"]["f1_exact"],
            serde_json::Value::Null
        );
        assert_eq!(r.per_document[0].mean_f1_relaxed(), None);
    }

    #[test]
    fn documents_sort_by_lowest_agreement() {
        let good = [(16, 52, "quote")];
        let input = [
            AnnotatorDocs::new("ana", vec![version("a", &good), version("b", &good)]),
            AnnotatorDocs::new(
                "ben",
                vec![version("a", &good), version("b", &[(60, 70, "quote")])],
            ),
        ];
        let r = agreement(&input).unwrap();
        let order: Vec<&str> = r.lowest_first().iter().map(|d| d.id.as_str()).collect();
        assert_eq!(order, vec!["b", "a"]);
        let s = r.over_pairs(|p| p.overall_relaxed().f1());
        assert_eq!((s.n, s.mean, s.sd), (1, Some(0.5), Some(0.0)));
    }

    #[test]
    fn summary_is_population_sd() {
        let s = Summary::of([Some(1.0), None, Some(0.5), Some(0.0)]);
        assert_eq!(s.n, 3);
        assert_eq!(s.mean, Some(0.5));
        assert!((s.sd.unwrap() - (1.0f64 / 6.0).sqrt()).abs() < 1e-12);
    }
}
