//! The comparison of several annotators' files of the same documents, kept apart from the user's
//! own workspace (nothing here is saved): the annotators' documents, the agreement report, and the
//! adjudication of one document into its gold version.
//!
//! The measures and the adjudication are computed by the core's `agreement` module through the
//! formats module (`dom::lazy_agree`); the report and the items come back as JSON, read here.

use std::collections::BTreeMap;

use leptos::prelude::*;
use leptos::task::spawn_local;
use serde::Deserialize;
use spanmark_core::transfer::documents_to_bytes;
use spanmark_core::Document;

use crate::dom::lazy_agree;

/// Three measures of two annotators for one label (or overall, without κ).
#[derive(Debug, Clone, Copy, PartialEq, Deserialize, Default)]
pub struct Scores {
    /// Exact span F1.
    pub f1_exact: Option<f64>,
    /// Relaxed span F1 (IoU ≥ 0.5).
    pub f1_relaxed: Option<f64>,
    /// Cohen's κ on characters.
    #[serde(default)]
    pub kappa: Option<f64>,
}

/// Two annotators compared.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Pair {
    /// First annotator's index.
    pub a: usize,
    /// Second annotator's index.
    pub b: usize,
    /// Per label.
    pub labels: BTreeMap<String, Scores>,
    /// Over all labels (micro).
    pub overall: Scores,
}

/// All annotators together, for one label.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
pub struct Multi {
    /// Krippendorff's α_U.
    pub alpha_u: Option<f64>,
    /// Fleiss' κ on characters.
    pub fleiss: Option<f64>,
}

/// One compared document.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Row {
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Per annotator, the index of its version in that annotator's documents.
    pub versions: Vec<Option<usize>>,
    /// Mean exact F1 over pairs.
    pub f1_exact: Option<f64>,
    /// Mean relaxed F1 over pairs (the table is sorted by it, lowest first).
    pub f1_relaxed: Option<f64>,
}

/// The agreement report, as the views read it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Report {
    /// Annotator names.
    pub annotators: Vec<String>,
    /// Documents two annotators or more have.
    pub documents: usize,
    /// Documents every annotator has.
    pub complete: usize,
    /// Documents only one annotator has (left out).
    pub single: usize,
    /// Labels used.
    pub labels: Vec<String>,
    /// Each pair of annotators.
    pub pairs: Vec<Pair>,
    /// Per label, all annotators together.
    pub multi: BTreeMap<String, Multi>,
    /// Documents, lowest agreement first.
    pub rows: Vec<Row>,
}

impl Report {
    /// The pair of annotators `a` and `b` (either order).
    pub fn pair(&self, a: usize, b: usize) -> Option<&Pair> {
        self.pairs
            .iter()
            .find(|p| (p.a, p.b) == (a, b) || (p.a, p.b) == (b, a))
    }
}

/// One lane's span in an item.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct LaneSpan {
    /// First character.
    pub start: usize,
    /// End (exclusive).
    pub end: usize,
    /// Label.
    pub label: String,
    /// Attributes as text.
    pub attributes: BTreeMap<String, String>,
    /// Outgoing relations: kind and target item.
    pub relations: Vec<(String, usize)>,
}

/// One place of the adjudicated document and each lane's span there.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Item {
    /// Its id.
    pub id: usize,
    /// What the lanes disagree on (`missing`, `boundary`, `label`, `attribute`, `relation`);
    /// empty when they agree.
    pub kinds: Vec<String>,
    /// The lane with the most common version (`None`: most say no span).
    pub proposed: Option<usize>,
    /// First character any lane covers.
    pub start: usize,
    /// End of the last.
    pub end: usize,
    /// Per lane, its span.
    pub lanes: Vec<Option<LaneSpan>>,
}

impl Item {
    /// Whether every lane agrees.
    pub fn agreed(&self) -> bool {
        self.kinds.is_empty()
    }
}

/// The adjudicator's choice for one item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Choice {
    /// The proposed version.
    Accept,
    /// No span.
    Reject,
    /// Lane k's version.
    Lane(usize),
    /// A span of the adjudicator's own.
    Edit {
        /// First character.
        start: usize,
        /// End (exclusive).
        end: usize,
        /// Label.
        label: String,
    },
}

impl Choice {
    fn to_json(&self) -> serde_json::Value {
        use serde_json::json;
        match self {
            Choice::Accept => json!("accept"),
            Choice::Reject => json!("reject"),
            Choice::Lane(k) => json!({ "lane": k }),
            Choice::Edit { start, end, label } => {
                json!({ "edit": { "start": start, "end": end, "label": label, "note": "" } })
            }
        }
    }
}

/// The document being adjudicated.
#[derive(Debug, Clone, PartialEq)]
pub struct Adjudicating {
    /// Its row in the report.
    pub row: usize,
    /// Its text.
    pub text: String,
    /// Its items, in document order.
    pub items: Vec<Item>,
}

/// The comparison room.
#[derive(Clone, Copy)]
pub struct Comparison {
    /// Whether the comparison view is shown.
    pub open: RwSignal<bool>,
    /// The annotators: name and documents, in import order.
    pub annotators: RwSignal<Vec<(String, Vec<Document>)>>,
    /// The report, once computed (or why it could not be).
    pub report: RwSignal<Option<Result<Report, String>>>,
    /// How long the last comparison took, in milliseconds.
    pub took_ms: RwSignal<Option<f64>>,
    /// The document being adjudicated, if any.
    pub adjudicating: RwSignal<Option<Adjudicating>>,
    /// Decisions per document id, per item.
    pub decisions: RwSignal<BTreeMap<String, BTreeMap<usize, Choice>>>,
    /// Whether items everyone agrees on are taken without a decision.
    pub accept_agreed: RwSignal<bool>,
    /// The item shown in the adjudication view.
    pub cursor: RwSignal<Option<usize>>,
    /// Gold documents made so far (Spanmark JSONL lines), by document id.
    pub golds: RwSignal<BTreeMap<String, String>>,
    run: StoredValue<u64>,
}

impl Comparison {
    /// An empty comparison.
    pub fn new() -> Self {
        Comparison {
            open: RwSignal::new(false),
            annotators: RwSignal::new(vec![]),
            report: RwSignal::new(None),
            took_ms: RwSignal::new(None),
            adjudicating: RwSignal::new(None),
            decisions: RwSignal::new(BTreeMap::new()),
            accept_agreed: RwSignal::new(true),
            cursor: RwSignal::new(None),
            golds: RwSignal::new(BTreeMap::new()),
            run: StoredValue::new(0),
        }
    }

    /// Adds imported files' documents (file name, documents), then compares again: each document
    /// goes to the annotator its record names, else to its file's name without the extension;
    /// documents of an annotator already here join theirs.
    pub fn add_files(&self, files: Vec<(String, Vec<Document>)>) {
        self.annotators.update(|list| {
            for (file_name, documents) in files {
                add_file(list, &file_name, documents);
            }
        });
        self.recompute();
    }

    /// Forgets every annotator, the report and the adjudication.
    pub fn clear(&self) {
        self.annotators.set(vec![]);
        self.report.set(None);
        self.took_ms.set(None);
        self.adjudicating.set(None);
        self.decisions.set(BTreeMap::new());
        self.golds.set(BTreeMap::new());
        self.cursor.set(None);
    }

    /// Compares the annotators again (measured as `spanmark-agree`).
    pub fn recompute(&self) {
        let this = *self;
        self.adjudicating.set(None);
        let (names, encoded) = self.annotators.with_untracked(|list| {
            let names: Vec<String> = list.iter().map(|(n, _)| n.clone()).collect();
            (
                names,
                list.iter()
                    .map(|(_, d)| documents_to_bytes(d))
                    .collect::<Vec<_>>(),
            )
        });
        if names.len() < 2 {
            self.report.set(None);
            return;
        }
        self.run.update_value(|n| *n += 1);
        let run = self.run.get_value();
        spawn_local(async move {
            let measure = crate::dom::perf::Measure::start("spanmark-agree");
            let started = js_sys::Date::now();
            let result = lazy_agree::report(&names, &encoded)
                .await
                .and_then(|json| serde_json::from_str::<Report>(&json).map_err(|e| e.to_string()));
            let took = js_sys::Date::now() - started;
            measure.end();
            if this.run.get_value() != run {
                return;
            }
            this.took_ms.set(Some(took));
            this.report.set(Some(result));
        });
    }

    /// Each lane's version of the report's row `row`, encoded (empty: the lane lacks it).
    fn versions(&self, row: &Row) -> (Vec<String>, Vec<Vec<u8>>, String) {
        self.annotators.with_untracked(|list| {
            let names = list.iter().map(|(n, _)| n.clone()).collect();
            let mut text = String::new();
            let versions = row
                .versions
                .iter()
                .zip(list)
                .map(|(v, (_, docs))| match v.and_then(|i| docs.get(i)) {
                    Some(d) => {
                        text.clone_from(&d.text);
                        documents_to_bytes([d])
                    }
                    None => vec![],
                })
                .collect();
            (names, versions, text)
        })
    }

    fn row(&self, row: usize) -> Option<Row> {
        self.report.with_untracked(|r| match r {
            Some(Ok(r)) => r.rows.get(row).cloned(),
            _ => None,
        })
    }

    /// Opens the adjudication of the report's row `row`; `then` gets the error, if any.
    pub fn adjudicate(&self, row: usize, on_error: impl Fn(String) + 'static) {
        let Some(r) = self.row(row) else { return };
        let this = *self;
        let (names, versions, text) = self.versions(&r);
        spawn_local(async move {
            let items = lazy_agree::items(&names, &versions).await.and_then(|json| {
                serde_json::from_str::<Vec<Item>>(&json).map_err(|e| e.to_string())
            });
            match items {
                Ok(items) => {
                    let first = items.iter().position(|i| !i.agreed());
                    this.adjudicating
                        .set(Some(Adjudicating { row, text, items }));
                    this.cursor.set(first.or(Some(0)).filter(|_| {
                        this.adjudicating
                            .with_untracked(|a| a.as_ref().is_some_and(|a| !a.items.is_empty()))
                    }));
                }
                Err(e) => on_error(e),
            }
        });
    }

    /// The id of the document being adjudicated.
    pub fn current_id(&self) -> Option<String> {
        let row = self
            .adjudicating
            .with_untracked(|a| a.as_ref().map(|a| a.row))?;
        self.row(row).map(|r| r.id)
    }

    /// Records the decision for the item under the cursor and moves to the next undecided
    /// disagreement.
    pub fn decide(&self, choice: Choice) {
        let (Some(id), Some(item)) = (self.current_id(), self.cursor.get_untracked()) else {
            return;
        };
        self.decisions.update(|d| {
            d.entry(id).or_default().insert(item, choice);
        });
        self.step(1, true);
    }

    /// Forgets the decision for the item under the cursor.
    pub fn undecide(&self) {
        let (Some(id), Some(item)) = (self.current_id(), self.cursor.get_untracked()) else {
            return;
        };
        self.decisions.update(|d| {
            if let Some(m) = d.get_mut(&id) {
                m.remove(&item);
            }
        });
    }

    /// The decision for `item` of the document being adjudicated (tracked).
    pub fn decision(&self, item: usize) -> Option<Choice> {
        let id = self.current_id()?;
        self.decisions
            .with(|d| d.get(&id).and_then(|m| m.get(&item)).cloned())
    }

    /// Moves the cursor to the next (`dir` 1) or previous (-1) disagreement, wrapping; with
    /// `undecided`, to the next one without a decision (staying put when there is none).
    pub fn step(&self, dir: i32, undecided: bool) {
        let id = self.current_id().unwrap_or_default();
        let decided: Vec<usize> = self.decisions.with_untracked(|d| {
            d.get(&id)
                .map(|m| m.keys().copied().collect())
                .unwrap_or_default()
        });
        let next = self.adjudicating.with_untracked(|a| {
            let a = a.as_ref()?;
            let n = a.items.len();
            let from = self.cursor.get_untracked().unwrap_or(0);
            (1..=n)
                .map(|k| (from as i64 + dir as i64 * k as i64).rem_euclid(n as i64) as usize)
                .find(|&i| {
                    let settled = undecided && decided.contains(&i);
                    !a.items[i].agreed() && !settled
                })
        });
        if let Some(i) = next {
            self.cursor.set(Some(i));
        }
    }

    /// Builds the gold version of the document being adjudicated, keeps it with the others, and
    /// returns every gold document made so far as a JSONL file.
    pub async fn gold_file(&self, annotator: Option<String>) -> Result<String, String> {
        let Some(row) = self
            .adjudicating
            .with_untracked(|a| a.as_ref().map(|a| a.row))
        else {
            return Err("no document is being adjudicated".into());
        };
        let r = self.row(row).ok_or("the comparison changed")?;
        let (names, versions, _) = self.versions(&r);
        let decisions: serde_json::Map<String, serde_json::Value> =
            self.decisions.with_untracked(|d| {
                d.get(&r.id)
                    .map(|m| {
                        m.iter()
                            .map(|(k, c)| (k.to_string(), c.to_json()))
                            .collect()
                    })
                    .unwrap_or_default()
            });
        let line = lazy_agree::gold(
            &names,
            &versions,
            &serde_json::Value::Object(decisions).to_string(),
            self.accept_agreed.get_untracked(),
            annotator,
        )
        .await?;
        self.golds.update(|g| {
            g.insert(r.id.clone(), line);
        });
        Ok(self.golds.with_untracked(|g| {
            g.values().fold(String::new(), |mut out, l| {
                out.push_str(l);
                out.push('\n');
                out
            })
        }))
    }
}

impl Default for Comparison {
    fn default() -> Self {
        Self::new()
    }
}

fn add_file(list: &mut Vec<(String, Vec<Document>)>, file_name: &str, documents: Vec<Document>) {
    let stem = file_name
        .rsplit_once('.')
        .map_or(file_name, |(stem, _)| stem)
        .to_string();
    for doc in documents {
        let name = doc
            .annotator
            .clone()
            .filter(|n| !n.trim().is_empty())
            .unwrap_or_else(|| stem.clone());
        match list.iter_mut().find(|(n, _)| *n == name) {
            Some((_, docs)) => docs.push(doc),
            None => list.push((name, vec![doc])),
        }
    }
}

/// Reads the comparison from context.
pub fn use_comparison() -> Comparison {
    expect_context::<Comparison>()
}
