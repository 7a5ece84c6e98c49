//! Throughput of the suggestion engine on a generated text (1 MB unless told otherwise).
//!
//! `cargo run --release -p spanmark-core --example suggest_bench [MEGABYTES]`, or
//! `… --example suggest_bench -- bench/out/articles.jsonl` for the app's round trip on the
//! benchmark's 1 MB article (encode, decode, engine, filtering, suggestions back).
//!
//! A benchmark that prints figures, not a timed test: it builds a deterministic text from varied
//! news-like paragraphs (several quote styles and scripts, figures, dates, abbreviations), runs
//! `suggest` with every kind a few times and prints MB/s (UTF-8 bytes) for the whole pipeline and
//! for each kind on its own.

use std::time::{Duration, Instant};

use spanmark_core::suggest::{suggest, SuggestionKind};

const PARAGRAPHS: &[&str] = &[
    "At least {n} people have died after floods in the delta, the health ministry said on Jan. 13.",
    "“We have never seen water rise this fast,” said Dr. Amal Haddad, who runs the clinic. “Entire villages are gone.”",
    "Haddad said the clinic had treated more than {n},200 patients since Sunday. She added: “We are running out of insulin.”",
    "The ministry estimated that {n} locations were flooded and that damage could reach $3.5bn. Officials said about 40% of farmland was under water.",
    "Union leader Tomas Reyes told reporters: \"Management told us 'there is no money' while posting record profits.\"",
    "«\u{a0}Nous ne reculerons pas\u{a0}», a déclaré M. Julien Moreau. Plus de 1 {n} vols ont été annulés, selon le ministère.",
    "„Wir mussten handeln“, sagte Bürgermeisterin Petra Albrecht. Rund {n} Stellen sollen bis 2026 wegfallen.",
    "علی رضایی، سخنگوی اتحادیه، گفت: «بیش از ۴۰۰ نانوایی در خطر تعطیلی هستند.» او افزود: «کار ادامه دارد.»",
    "田中外相は記者会見で「被害の全容把握を急ぐ」と述べた。警視庁は、少なくとも{n}人が死亡したと発表した。",
    "The convoy left at 6:45 a.m. (GMT+03:00); call +1 202 555 0143 or see https://example.org/{n}. The U.S. pledged $40 million.",
    "‘We didn’t think anyone would come,’ said guitarist Mick O’Donnell. ‘Then {n} people turned up.’ It was rock ’n’ roll in the ’90s.",
    "Rebel spokesman Idris Kamal denied the accusation. Between 10 and {n} explosions were recorded, according to the monitoring group.",
    "Rescue teams worked through the night, and three weeks later a dozen volunteers were still there.",
    "14:52 GMT\nShare\nFacebook\nX\nOpposition MP Daniel Oyelaran has been posting from the square. \"The crowd is peaceful,\" he wrote on X. His post continued: \"Nobody here wants violence.\"",
    "Interior Minister Ruth Galloway blamed the unrest on “outside agitators”. She said more than {n} people had travelled from other cities, adding that 63 were arrested.",
    "KALVAR, March 4 (Wire) - At least {n} people were killed and 230 injured, the provincial disaster office said.\nSign up for our newsletter\nClose\nResidents wade through water. Photograph: Ian Dorsey/Wire",
];

const RUNS: u32 = 5;

fn generate(bytes: usize) -> String {
    let mut text = String::with_capacity(bytes + 1024);
    let mut i: usize = 0;
    while text.len() < bytes {
        let p = PARAGRAPHS[i % PARAGRAPHS.len()];
        text.push_str(&p.replace("{n}", &(17 + (i * 7919) % 983).to_string()));
        text.push_str(if i % 3 == 2 { "\n\n" } else { " " });
        i += 1;
    }
    text
}

/// This process's user + system CPU time, where the platform tells it (Linux `/proc`).
fn cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let fields: Vec<&str> = stat.rsplit(')').next()?.split_whitespace().collect();
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    // USER_HZ is 100 on every Linux configuration in practice.
    Some(Duration::from_millis(ticks * 10))
}

/// Best wall time of `runs`, mean CPU time per run (if known), and the number of suggestions.
fn measure(text: &str, kinds: &[SuggestionKind], runs: u32) -> (Duration, Option<Duration>, usize) {
    let mut best = Duration::MAX;
    let mut count = 0;
    let cpu_before = cpu_time();
    for _ in 0..runs {
        let start = Instant::now();
        let found = suggest(text, kinds);
        best = best.min(start.elapsed());
        count = found.len();
    }
    let cpu = cpu_before
        .zip(cpu_time())
        .map(|(a, b)| b.saturating_sub(a) / runs);
    (best, cpu, count)
}

/// The app's round trip on the longest document of a Spanmark JSONL file (the benchmark's
/// `bench/out/articles.jsonl`, spans included): the document encoded as the app sends it, decoded
/// in the formats module, its fresh suggestions, encoded and decoded back.
fn round_trip(path: &str) {
    use spanmark_core::suggest::accept::rejected_triples;
    use spanmark_core::suggest::fresh_suggestions;
    use spanmark_core::transfer::{
        documents_from_bytes, documents_to_bytes, suggestions_from_bytes, suggestions_to_bytes,
    };
    let input = std::fs::read_to_string(path).expect("the article file reads");
    let doc = input
        .lines()
        .filter(|l| !l.trim().is_empty())
        .max_by_key(|l| l.len())
        .map(|l| spanmark_core::formats::spanmark_jsonl::import_line(l).expect("a document"))
        .expect("one document");
    let mb = doc.text.len() as f64 / 1e6;
    // The app's kinds: quotes (speakers come with them), figures, claims.
    let kinds = [
        SuggestionKind::Quote,
        SuggestionKind::Figure,
        SuggestionKind::Claim,
    ];
    println!(
        "article: {mb:.2} MB UTF-8, {} spans; app kinds, best and median of {RUNS} runs",
        doc.spans.len()
    );
    let mut rows: Vec<(&str, Vec<f64>)> = ["encode", "decode", "engine", "fresh", "back", "total"]
        .iter()
        .map(|n| (*n, vec![]))
        .collect();
    let mut count = 0;
    for _ in 0..=RUNS {
        let t0 = Instant::now();
        let bytes = documents_to_bytes([&doc]);
        let t1 = Instant::now();
        let docs = documents_from_bytes(&bytes).expect("decodes");
        let t2 = Instant::now();
        let engine = suggest(&docs[0].text, &kinds);
        let t3 = Instant::now();
        let fresh: Vec<_> = docs
            .iter()
            .map(|d| fresh_suggestions(d, &rejected_triples(d), &kinds))
            .collect();
        let t4 = Instant::now();
        let back = suggestions_from_bytes(&suggestions_to_bytes(&fresh)).expect("decodes");
        let t5 = Instant::now();
        count = back[0].len();
        drop(engine);
        let ts = [t0, t1, t2, t3, t4, t5];
        let fresh_time = (t4 - t3).as_secs_f64();
        let engine_time = (t3 - t2).as_secs_f64();
        let times = [
            (t1 - t0).as_secs_f64(),
            (t2 - t1).as_secs_f64(),
            engine_time,
            fresh_time,
            (t5 - t4).as_secs_f64(),
            // The app's path runs the engine once, inside `fresh`.
            (ts[5] - ts[0]).as_secs_f64() - engine_time,
        ];
        for (row, t) in rows.iter_mut().zip(times) {
            row.1.push(t);
        }
    }
    for (name, mut xs) in rows {
        xs.remove(0);
        xs.sort_by(f64::total_cmp);
        println!(
            "{name:<8} best {:>7.1} ms  median {:>7.1} ms  ({:.1} MB/s best)",
            xs[0] * 1e3,
            xs[xs.len() / 2] * 1e3,
            mb / xs[0]
        );
    }
    println!("{count} suggestions");
    // "Accept all": every fresh suggestion made a span (with its relations) in one batch.
    let fresh = fresh_suggestions(&doc, &rejected_triples(&doc), &kinds);
    let mut times = vec![];
    let mut made = 0;
    for _ in 0..=RUNS {
        let mut copy = doc.clone();
        let t0 = Instant::now();
        made = spanmark_core::suggest::add_to_document(&mut copy, &fresh).len();
        times.push(t0.elapsed().as_secs_f64());
    }
    times.remove(0);
    times.sort_by(f64::total_cmp);
    println!(
        "accept all: best {:.1} ms  median {:.1} ms  ({made} spans made)",
        times[0] * 1e3,
        times[times.len() / 2] * 1e3
    );
}

fn main() {
    if let Some(path) = std::env::args().nth(1).filter(|a| a.ends_with(".jsonl")) {
        round_trip(&path);
        return;
    }
    let megabytes: f64 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1.0);
    let text = generate((megabytes * 1_000_000.0) as usize);
    let mb = text.len() as f64 / 1e6;
    println!(
        "text: {:.2} MB UTF-8, {} code points",
        mb,
        text.chars().count()
    );
    let rows: &[(&str, &[SuggestionKind])] = &[
        (
            "quote+speaker",
            &[SuggestionKind::Quote, SuggestionKind::Speaker],
        ),
        ("figure", &[SuggestionKind::Figure]),
        ("claim", &[SuggestionKind::Claim]),
        ("all kinds", SuggestionKind::ALL),
    ];
    // Warm-up: first-touch page faults and the word-list table are not the engine's speed.
    suggest(&text, SuggestionKind::ALL);
    println!("(wall: best of {RUNS} runs; cpu: mean CPU time per run, robust to a busy machine)");
    for (name, kinds) in rows {
        let (best, cpu, count) = measure(&text, kinds, RUNS);
        let cpu = cpu.map_or("n/a".to_string(), |c| {
            format!("{:.1} MB/s cpu", mb / c.as_secs_f64().max(1e-3))
        });
        println!(
            "{name:<14} {:>8.1} MB/s wall  {cpu:>16}  ({:>6.1} ms, {count} suggestions)",
            mb / best.as_secs_f64(),
            best.as_secs_f64() * 1e3
        );
    }
}
