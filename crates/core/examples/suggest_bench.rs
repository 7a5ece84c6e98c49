//! Throughput of the suggestion engine on a generated text (1 MB unless told otherwise).
//!
//! `cargo run --release -p spanmark-core --example suggest_bench [MEGABYTES]`
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

fn main() {
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
