//! Scale of linking: 10,000 generated articles (~30 MB) grouped into stories and linked.
//!
//! `cargo run --release -p spanmark-core --example link_bench [ARTICLES] [--suggest] [--write FILE]`
//! (`--write` also saves the articles as Spanmark JSONL, for the browser's figure: `bench/link.mjs`)
//! (under `/usr/bin/time -v` for peak memory).
//!
//! A benchmark that prints figures, not a timed test. The articles are generated from a fixed seed:
//! events (invented places, people, organisations, a quote, death and injury tolls) each covered
//! by one to six outlets that word the lead differently, cut and re-case the quote and revise the
//! figures, padded with generic news sentences to about 3 KB. By default each article carries
//! its quote, speaker and figure spans (as a user's annotations would), so the time is linking's
//! own; with `--suggest` the articles have no spans and the suggestion engine's time is included.
//! It also prints pairwise story precision and recall against the generator's events.

use std::time::Instant;

use spanmark_core::link::{collect_items, group_stories, link_items, GroupOptions};
use spanmark_core::{CharOffset, Document, DocumentId, Relation, RelationId, Span, SpanId};

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len())]
    }
}

const SYLLABLES: &[&str] = &[
    "ka", "lo", "ren", "vi", "mar", "tes", "sel", "dor", "an", "bri", "ko", "val", "mi", "sto",
    "ra", "len", "gar", "ose", "hal", "tin", "vor", "ela", "bre", "nu", "sk", "ard", "mo", "ly",
];
const KINDS: &[(&str, &str)] = &[
    ("flood", "floods"),
    ("fire", "a wildfire"),
    ("collapse", "a building collapse"),
    ("blast", "an explosion at a chemical plant"),
    ("crash", "a train crash"),
    ("storm", "a storm"),
];
const QUOTE_WORDS: &[&str] = &[
    "we", "will", "not", "rest", "until", "every", "family", "is", "safe", "and", "the", "town",
    "has", "lost", "its", "heart", "nobody", "could", "have", "imagined", "this", "night", "our",
    "teams", "are", "working", "without", "sleep", "to", "find", "them", "all", "water", "came",
    "so", "fast", "people", "had", "no", "time", "run", "grief", "here", "beyond", "words",
    "promise", "rebuild", "street", "by", "help", "must", "come", "now",
];
const FILLER: &[&str] = &[
    "Local traders said business had been slow since the {noun} reopened in {month}.",
    "The council's budget for {noun} rose modestly this year, documents show.",
    "Residents have long complained about the state of the {noun} near the {noun2}.",
    "A spokesperson for the {noun2} declined to comment on the {noun}.",
    "Analysts expect the {noun} market to recover slowly over the coming months.",
    "The {noun} was built in the 1960s and last renovated a decade ago.",
    "Schools in the district will stay open, the education office said.",
    "Traffic on the ring road was diverted while crews inspected the {noun}.",
    "Several {noun2} groups have offered volunteers and supplies.",
    "The weather service forecast rain for the rest of the week.",
    "Insurance companies said it was too early to estimate claims for the {noun}.",
    "Opposition politicians called for a debate on the {noun} in parliament.",
    "Television pictures showed crowds gathering outside the {noun2}.",
    "The national {noun2} has sent a team of specialists to the area.",
    "Shops near the {noun} kept their shutters down on Tuesday.",
    "Officials promised to publish a full report on the {noun} within weeks.",
];
const NOUNS: &[&str] = &[
    "bridge",
    "market",
    "harbour",
    "station",
    "library",
    "stadium",
    "hospital",
    "school",
    "museum",
    "factory",
    "warehouse",
    "pier",
    "tunnel",
    "square",
    "theatre",
    "clinic",
    "courthouse",
    "depot",
    "reservoir",
    "canal",
    "terminal",
    "tower",
    "garden",
    "ferry",
];
const NOUNS2: &[&str] = &[
    "ministry",
    "union",
    "charity",
    "chamber of commerce",
    "red cross",
    "church",
    "university",
    "police",
    "fire service",
    "port authority",
    "chamber",
    "agency",
];
const MONTHS: &[&str] = &["January", "February", "March", "April", "May", "June"];

struct Event {
    id: usize,
    place: String,
    person: String,
    org: String,
    kind: (&'static str, &'static str),
    quote: Vec<&'static str>,
    deaths: u64,
    injured: u64,
    day: usize,
}

fn name(rng: &mut Rng, parts: usize) -> String {
    let mut s: String = (0..parts).map(|_| rng.pick(SYLLABLES)).collect();
    s[..1].make_ascii_uppercase();
    s
}

/// Builds an article while recording spans at code-point offsets.
struct Writer {
    text: String,
    chars: usize,
    spans: Vec<Span>,
    relations: Vec<Relation>,
}

impl Writer {
    fn push(&mut self, s: &str) {
        self.chars += s.chars().count();
        self.text.push_str(s);
    }
    fn span(&mut self, s: &str, label: &str, note: String) -> SpanId {
        let start = self.chars;
        self.push(s);
        let id = SpanId(self.spans.len() as u64 + 1);
        self.spans.push(Span {
            id,
            start: CharOffset(start),
            end: CharOffset(self.chars),
            label: label.into(),
            note,
            attributes: Default::default(),
        });
        id
    }
}

fn article(rng: &mut Rng, e: &Event, outlet: usize, annotate: bool) -> Document {
    let mut w = Writer {
        text: String::new(),
        chars: 0,
        spans: vec![],
        relations: vec![],
    };
    let figure = |w: &mut Writer, q: &str, n: u64, unit: &str| {
        let text = if q.is_empty() {
            format!("{n} {unit}")
        } else {
            format!("{q} {n} {unit}")
        };
        let mut note = format!(r#"{{"value":{n},"unit":"{unit}""#);
        if !q.is_empty() {
            note.push_str(&format!(r#","qualifier":"{}""#, q.to_lowercase()));
        }
        note.push('}');
        if annotate {
            w.span(&text, "figure", note);
        } else {
            w.push(&text);
        }
    };
    w.push(&format!(
        "{}, {} {}, 2026 — ",
        e.place.to_uppercase(),
        MONTHS[e.day % 6],
        1 + e.day % 28
    ));
    // Lead: the toll, revised by later outlets.
    let deaths = e.deaths + (outlet as u64) * (e.deaths / 10);
    let qual = ["At least", "", "Around", "More than", "Nearly", ""][outlet % 6];
    figure(&mut w, qual, deaths, "people");
    w.push(&format!(
        " were killed in {} after {} on {}, {} said.\n\n",
        e.place,
        e.kind.1,
        ["Monday", "Tuesday", "Wednesday"][outlet % 3],
        e.org
    ));
    // The quote, whole or cut, sometimes in capitals.
    let (a, b) = match outlet % 3 {
        0 => (0, e.quote.len()),
        1 => (0, e.quote.len() - 3),
        _ => (2, e.quote.len()),
    };
    let mut q = e.quote[a..b].join(" ");
    q[..1].make_ascii_uppercase();
    if outlet == 4 {
        q = q.to_uppercase();
    }
    let quote_id = if annotate {
        Some(w.span(&format!("“{q},”"), "quote", String::new()))
    } else {
        w.push(&format!("“{q},”"));
        None
    };
    w.push(" said ");
    let speaker = if outlet & 1 == 0 {
        e.person.clone()
    } else {
        e.person.split(' ').next_back().unwrap_or("").to_string()
    };
    let speaker_id = if annotate {
        Some(w.span(&speaker, "speaker", String::new()))
    } else {
        w.push(&speaker);
        None
    };
    if let (Some(from), Some(to)) = (quote_id, speaker_id) {
        w.relations.push(Relation {
            id: RelationId(1),
            from,
            to,
            kind: "said-by".into(),
        });
    }
    w.push(&format!(", the mayor of {}.\n\n", e.place));
    figure(
        &mut w,
        ["", "About", "More than"][outlet % 3],
        e.injured,
        "people",
    );
    w.push(&format!(
        " were injured, according to {}. Rescue teams from {} reached the {} district by nightfall.\n\n",
        e.org,
        e.place,
        e.kind.0
    ));
    while w.text.len() < 3000 {
        let t = rng
            .pick(FILLER)
            .replace("{noun}", rng.pick(NOUNS))
            .replace("{noun2}", rng.pick(NOUNS2))
            .replace("{month}", rng.pick(MONTHS));
        w.push(&t);
        w.push(if rng.below(4) == 0 { "\n\n" } else { " " });
    }
    let mut d = Document::new(
        DocumentId(format!("e{}-o{}", e.id, outlet)),
        format!("{} {}", e.place, e.kind.0),
        w.text,
        0,
    );
    d.spans = w.spans;
    d.relations = w.relations;
    d
}

fn generate(n: usize, annotate: bool) -> (Vec<Document>, Vec<usize>) {
    let mut rng = Rng(2026);
    let (mut docs, mut truth) = (vec![], vec![]);
    let mut id = 0;
    while docs.len() < n {
        let quote_len = 10 + rng.below(6);
        let e = Event {
            id,
            place: format!("{} {}", name(&mut rng, 2), name(&mut rng, 1)),
            person: format!("{} {}", name(&mut rng, 2), name(&mut rng, 3)),
            org: format!(
                "the {} {}",
                name(&mut rng, 2),
                rng.pick(&["Alliance", "Relief Fund", "Rescue Service"])
            ),
            kind: KINDS[rng.below(KINDS.len())],
            quote: (0..quote_len).map(|_| rng.pick(QUOTE_WORDS)).collect(),
            deaths: 5 + rng.below(500) as u64,
            injured: 10 + rng.below(900) as u64,
            day: rng.below(180),
        };
        let outlets = 1 + rng.below(6);
        for o in 0..outlets.min(n - docs.len()) {
            docs.push(article(&mut rng, &e, o, annotate));
            truth.push(id);
        }
        id += 1;
    }
    (docs, truth)
}

/// This process's user + system CPU time in milliseconds (Linux `/proc`; USER_HZ = 100): a
/// figure that a busy, shared machine does not inflate the way it does wall time.
fn cpu_ms() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let fields: Vec<&str> = stat.rsplit(')').next()?.split_whitespace().collect();
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some(ticks * 10)
}

/// A `/proc/self/status` field in kB (Linux only).
fn memory(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let suggest = args.iter().any(|a| a == "--suggest");
    let n = args
        .iter()
        .filter(|a| !a.contains('.') && !a.contains('/'))
        .find_map(|a| a.parse().ok())
        .unwrap_or(10_000usize);
    let (docs, truth) = generate(n, !suggest);
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    if let Some(file) = args
        .iter()
        .position(|a| a == "--write")
        .and_then(|i| args.get(i + 1))
    {
        std::fs::write(file, spanmark_core::formats::spanmark_jsonl::export(&docs))
            .expect("the articles are written");
        println!("written to {file}");
    }
    println!(
        "{} articles, {:.1} MB, {} events; {}",
        docs.len(),
        bytes as f64 / 1e6,
        truth.iter().max().map_or(0, |m| m + 1),
        if suggest {
            "no spans: suggestions used"
        } else {
            "annotated: spans used"
        }
    );
    let before = memory("VmRSS");
    let mut options = GroupOptions::default();
    if let Ok(v) = std::env::var("LINK_OPTS") {
        let v: Vec<f64> = v.split(',').map(|x| x.parse().unwrap()).collect();
        (
            options.min_jaccard,
            options.min_cosine,
            options.quote_cosine,
        ) = (v[0], v[1], v[2]);
    }
    let cpu0 = cpu_ms();
    let t0 = Instant::now();
    let items = collect_items(&docs, suggest);
    let t1 = Instant::now();
    let links = link_items(&docs, &items, &options);
    let t2 = Instant::now();
    let cpu2 = cpu_ms();
    let stories = group_stories(&docs, &items, &options);
    let t3 = Instant::now();
    println!(
        "read items {:>7.0} ms   (suggestions included with --suggest)\n\
         group + link {:>5.0} ms   (of which grouping alone: {:.0} ms)\n\
         total {:>12.0} ms",
        (t1 - t0).as_secs_f64() * 1e3,
        (t2 - t1).as_secs_f64() * 1e3,
        (t3 - t2).as_secs_f64() * 1e3,
        (t2 - t0).as_secs_f64() * 1e3
    );
    assert_eq!(stories, links.stories);
    if let (Some(a), Some(b)) = (cpu0, cpu2) {
        println!("CPU time of items + group + link: {} ms", b - a);
    }
    if let (Some(before), Some(peak)) = (before, memory("VmHWM")) {
        println!(
            "memory: {:.0} MB resident with the articles generated, {:.0} MB peak",
            before as f64 / 1024.0,
            peak as f64 / 1024.0
        );
    }
    println!(
        "{} stories, {} quote clusters, {} figure groups",
        links.stories.stories.len(),
        links.quotes.len(),
        links.figures.len()
    );
    // Pairwise story precision and recall against the generator's events.
    let index: std::collections::HashMap<&str, usize> = docs
        .iter()
        .enumerate()
        .map(|(i, d)| (d.id.0.as_str(), i))
        .collect();
    let (mut out_pairs, mut hits) = (0u64, 0u64);
    for s in &links.stories.stories {
        let ds: Vec<usize> = s.documents.iter().map(|d| index[d.0.as_str()]).collect();
        for (x, &a) in ds.iter().enumerate() {
            for &b in &ds[x + 1..] {
                out_pairs += 1;
                hits += u64::from(truth[a] == truth[b]);
            }
        }
    }
    let mut sizes = std::collections::HashMap::<usize, u64>::new();
    for &t in &truth {
        *sizes.entry(t).or_default() += 1;
    }
    let gold_pairs: u64 = sizes.values().map(|&k| k * (k - 1) / 2).sum();
    println!(
        "story pairs: precision {:.3}, recall {:.3} ({} output pairs, {} true pairs)",
        hits as f64 / out_pairs.max(1) as f64,
        hits as f64 / gold_pairs.max(1) as f64,
        out_pairs,
        gold_pairs
    );
}
