//! Speed of the agreement measures: 1,000 documents × 3 annotators × 50 spans.
//!
//! `cargo run --release -p spanmark-core --example agree_bench [DOCUMENTS] [RUNS]`
//!
//! A benchmark that prints figures, not a timed test. A seeded generator writes news-like
//! documents (about 3,000 characters each) and a first annotator's 50 spans over four labels,
//! with said-by relations and figure values; the other two annotators copy them with changes —
//! moved boundaries, other labels, other values, dropped and added spans — so every code path
//! (exact and relaxed matching, character tables, α_U, attributes, relations) does real work.
//! It prints the best and median wall time of `agreement()` over the runs and its mean CPU time
//! (robust to a busy machine), and the time to build every document's adjudication items.

use std::time::{Duration, Instant};

use spanmark_core::agreement::{adjudicate, agreement, align, AnnotatorDocs};
use spanmark_core::model::{Document, DocumentId, Relation, RelationId, Span, SpanId};
use spanmark_core::offsets::CharOffset;

const SENTENCES: &[&str] = &[
    "The harbour council approved the green quay plan on Tuesday after a four-hour debate.",
    "“We will plant 1,200 trees by 2026,” said Mayor Dana Rivera, who has backed the project.",
    "Critics say the budget of €3.5 million is far too low for a project of this size.",
    "Ferry fares will rise by 5 % in May, the operator announced in a statement.",
    "Café owners on the quay object, saying the works will cost them half their summer trade.",
    "“Nobody asked us,” said Olu Bakare, who runs a fish stall near the old customs house.",
    "The regional water board estimated that 40 % of the quay floods at least twice a year.",
    "Construction is due to start in September and should take about eighteen months.",
];
const LABELS: &[&str] = &["claim", "quote", "figure", "speaker"];
const SPANS: usize = 50;

/// xorshift64*: small, seeded, good enough to scatter spans.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn text(rng: &mut Rng) -> String {
    let mut t = String::new();
    while t.chars().count() < 3000 {
        t.push_str(SENTENCES[rng.below(SENTENCES.len())]);
        t.push(if rng.below(4) == 0 { '\n' } else { ' ' });
    }
    t
}

fn span(id: u64, start: usize, end: usize, label: &str, note: String) -> Span {
    Span {
        id: SpanId(id),
        start: CharOffset(start),
        end: CharOffset(end),
        label: label.into(),
        note,
        attributes: Default::default(),
    }
}

/// The first annotator: 50 spans of 5–120 characters, quotes said by a speaker span.
fn first(id: usize, text: &str, rng: &mut Rng) -> Document {
    let len = text.chars().count();
    let mut d = Document::new(
        DocumentId(format!("doc-{id}")),
        format!("Article {id}"),
        text,
        0,
    );
    for n in 0..SPANS {
        let width = 5 + rng.below(116);
        let start = rng.below(len - width);
        let label = LABELS[rng.below(LABELS.len())];
        let note = if label == "figure" {
            format!("{{\"value\":{}}}", rng.below(5000))
        } else {
            String::new()
        };
        d.spans
            .push(span(n as u64 + 1, start, start + width, label, note));
    }
    link_quotes(&mut d, rng);
    d
}

fn link_quotes(d: &mut Document, rng: &mut Rng) {
    let speakers: Vec<SpanId> = d
        .spans
        .iter()
        .filter(|s| s.label == "speaker")
        .map(|s| s.id)
        .collect();
    if speakers.is_empty() {
        return;
    }
    let quotes: Vec<SpanId> = d
        .spans
        .iter()
        .filter(|s| s.label == "quote")
        .map(|s| s.id)
        .collect();
    for q in quotes {
        let to = speakers[rng.below(speakers.len())];
        let id = RelationId(d.relations.len() as u64 + 1);
        d.relations.push(Relation {
            id,
            from: q,
            to,
            kind: "said-by".into(),
        });
    }
}

/// Another annotator: the first's spans, some moved, relabelled, revalued, dropped or replaced.
fn variant(base: &Document, rng: &mut Rng) -> Document {
    let len = base.len_chars();
    let mut d = base.clone();
    d.relations.clear();
    let mut spans = vec![];
    for s in &base.spans {
        let mut s = s.clone();
        match rng.below(10) {
            0 | 1 => {
                // Boundaries moved by a few characters.
                let shift = |x: usize, rng: &mut Rng| (x + rng.below(7)).saturating_sub(3);
                let (a, b) = (shift(s.start.0, rng), shift(s.end.0, rng).min(len));
                if a < b {
                    s.start = CharOffset(a);
                    s.end = CharOffset(b);
                }
            }
            2 => s.label = LABELS[rng.below(LABELS.len())].into(),
            3 if s.label == "figure" => s.note = format!("{{\"value\":{}}}", rng.below(5000)),
            4 => {
                // Replaced by a span somewhere else.
                let start = rng.below(len - 40);
                s.start = CharOffset(start);
                s.end = CharOffset(start + 5 + rng.below(35));
            }
            _ => {}
        }
        spans.push(s);
    }
    d.spans = spans;
    link_quotes(&mut d, rng);
    d
}

/// This process's user + system CPU time, where the platform tells it (Linux `/proc`): robust to
/// a machine busy with other work, unlike wall time.
fn cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let fields: Vec<&str> = stat.rsplit(')').next()?.split_whitespace().collect();
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    // USER_HZ is 100 on every Linux configuration in practice.
    Some(Duration::from_millis(ticks * 10))
}

fn main() {
    let mut args = std::env::args().skip(1);
    let docs: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(1000);
    let runs: usize = args
        .next()
        .and_then(|a| a.parse().ok())
        .unwrap_or(10)
        .max(1);
    let mut rng = Rng(0x5eed_0019);
    let mut lanes: Vec<Vec<Document>> = vec![vec![], vec![], vec![]];
    for i in 0..docs {
        let t = text(&mut rng);
        let base = first(i, &t, &mut rng);
        lanes[1].push(variant(&base, &mut rng));
        lanes[2].push(variant(&base, &mut rng));
        lanes[0].push(base);
    }
    let annotators: Vec<AnnotatorDocs> = ["ana", "ben", "cy"]
        .iter()
        .zip(lanes)
        .map(|(n, d)| AnnotatorDocs::new(*n, d))
        .collect();
    let chars: usize = annotators[0]
        .documents
        .iter()
        .map(Document::len_chars)
        .sum();
    println!(
        "{docs} documents × 3 annotators × {SPANS} spans ({:.1} M characters per annotator)",
        chars as f64 / 1e6
    );
    let mut times: Vec<Duration> = vec![];
    let mut report = None;
    let cpu_before = cpu_time();
    for _ in 0..runs {
        let start = Instant::now();
        report = Some(agreement(&annotators).expect("generated documents align"));
        times.push(start.elapsed());
    }
    let cpu = cpu_before.zip(cpu_time()).map_or("n/a".into(), |(a, b)| {
        format!(
            "{:.1} ms",
            (b.saturating_sub(a) / runs as u32).as_secs_f64() * 1e3
        )
    });
    times.sort();
    let report = report.expect("at least one run");
    println!(
        "agreement: wall best {:.1} ms, median {:.1} ms; cpu {cpu} per run ({runs} runs)",
        times[0].as_secs_f64() * 1e3,
        times[times.len() / 2].as_secs_f64() * 1e3
    );
    let start = Instant::now();
    let aligned = align(&annotators).expect("generated documents align");
    let items: usize = aligned
        .documents
        .iter()
        .map(|d| adjudicate(&aligned.names, &d.versions).items.len())
        .sum();
    println!(
        "adjudication items for every document: {:.1} ms ({items} items)",
        start.elapsed().as_secs_f64() * 1e3
    );
    let overall = report.over_pairs(|p| p.overall_relaxed().f1());
    println!(
        "(check: mean relaxed F1 over pairs {:.3}, α_U quote {:.3})",
        overall.mean.unwrap_or(f64::NAN),
        report.multi["quote"].alpha_u.alpha.unwrap_or(f64::NAN)
    );
}
