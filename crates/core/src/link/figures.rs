//! Figure groups: figures of one story about the same quantity, and whether they agree.
//!
//! **Ranges from qualifiers** ([`figure_range`]), for a stated value v:
//!
//! | qualifier | range |
//! |---|---|
//! | none | [v, v] |
//! | at least, more than, over, upwards of, in excess of, no fewer than, just over | [v, ∞) |
//! | at most, up to, as many as, fewer than, less than, under, no more than | [0, v] (for v ≥ 0) |
//! | nearly, almost, close to, just under | [v − 10 %, v] |
//! | around, about, some, roughly, approximately, an estimated, estimated | [v − 10 %, v + 10 %] |
//! | a written range "10-15", "between 10 and 15" | [10, 15] |
//!
//! The ±10 % is [`APPROX_TOLERANCE`]: "around 1,500" is [1,350, 1,650]. A figure with no value
//! (a span the user marked whose words hold no number) has no range and never makes a group
//! contradictory.
//!
//! **Quantity.** What a figure counts is read from its unit and the words of its sentence, with a
//! small lexicon of quantities: events (deaths, injured, missing, displaced, arrested, rescued),
//! things (homes, jobs, votes, cancellations) and people (workers, protesters), and for money and
//! percentages tariff, rate, pay, shares and cost. A thing as the unit wins ("87 homes"); for
//! people ("48 people", "17 miners") the nearest event word within [`QUANTITY_WINDOW`] words
//! names it, then a thing or person word; any other counted noun is its own quantity ("40 trees"
//! → "tree"). Money and percentages without a rate or cost word, and people without any word, form
//! no group.
//!
//! Figures of one kind are told apart, so that different figures do not share a group:
//! - people of a kind that is usually part of a toll ([`PEOPLE_OF_A_KIND`]: children, women,
//!   soldiers, police…) make their own quantity, "deaths (children)" beside "deaths";
//! - an earlier count (a word such as "first", "initial", "previous" in the six words before it)
//!   is "votes (earlier)", apart from the latest;
//! - a pay figure is an "offer" or a "demand" by the nearest such word;
//! - in a story, the occurrences of one quantity that name two places or more ("21 died in Talmo",
//!   "13 in Verrick": [`place`]) are split by place ([`split_by_place`]); one place is no split.
//!
//! **Status** of a group: `contradictory` when two occurrences' ranges do not overlap, otherwise
//! `divergent` when their stated values differ, otherwise `agree` ("around 12,000" and "12,000"
//! agree: the same value, qualified differently).

use serde::{Deserialize, Serialize};

use super::items::FigureDetails;

/// Relative half-width of an "around" figure's range.
pub const APPROX_TOLERANCE: f64 = 0.10;

/// How the occurrences of a figure group relate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FigureStatus {
    /// Every occurrence states the same value (qualifiers may differ).
    Agree,
    /// Values differ but every two ranges overlap.
    Divergent,
    /// Some two ranges do not overlap.
    Contradictory,
}

impl FigureStatus {
    /// "agree", "divergent" or "contradictory".
    pub fn as_str(self) -> &'static str {
        match self {
            FigureStatus::Agree => "agree",
            FigureStatus::Divergent => "divergent",
            FigureStatus::Contradictory => "contradictory",
        }
    }
}

/// The range a figure allows: `min` and `max` inclusive, `None` for unbounded.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct FigureRange {
    /// Lower bound; `None`: unbounded below.
    pub min: Option<f64>,
    /// Upper bound; `None`: unbounded above.
    pub max: Option<f64>,
}

impl FigureRange {
    /// Whether two ranges share a value.
    pub fn overlaps(&self, other: &FigureRange) -> bool {
        let lo = |r: &FigureRange| r.min.unwrap_or(f64::NEG_INFINITY);
        let hi = |r: &FigureRange| r.max.unwrap_or(f64::INFINITY);
        lo(self) <= hi(other) && lo(other) <= hi(self)
    }
}

/// The range of a figure of value `value` (and written upper bound `value_max`) with this
/// qualifier; see the module documentation for the table.
pub fn figure_range(value: f64, value_max: Option<f64>, qualifier: Option<&str>) -> FigureRange {
    if let Some(hi) = value_max {
        return FigureRange {
            min: Some(value.min(hi)),
            max: Some(value.max(hi)),
        };
    }
    let q = qualifier
        .map(|q| q.trim().to_lowercase())
        .unwrap_or_default();
    let floor = if value >= 0.0 { Some(0.0) } else { None };
    let tol = value.abs() * APPROX_TOLERANCE;
    match q.as_str() {
        "at least" | "more than" | "over" | "upwards of" | "in excess of" | "no fewer than"
        | "no less than" | "just over" | "plus de" | "au moins" | "mehr als" | "mindestens"
        | "über" => FigureRange {
            min: Some(value),
            max: None,
        },
        "at most" | "up to" | "as many as" | "as much as" | "fewer than" | "less than"
        | "under" | "no more than" | "moins de" | "weniger als" | "bis zu" => FigureRange {
            min: floor,
            max: Some(value),
        },
        "nearly" | "almost" | "close to" | "just under" | "près de" | "fast" | "knapp" => {
            FigureRange {
                min: Some(value - tol),
                max: Some(value),
            }
        }
        "around" | "about" | "some" | "roughly" | "approximately" | "an estimated"
        | "estimated" | "environ" | "rund" | "etwa" | "quelque" | "as few as" => FigureRange {
            min: Some(value - tol),
            max: Some(value + tol),
        },
        _ => FigureRange {
            min: Some(value),
            max: Some(value),
        },
    }
}

/// Quantities and the words that name them (lower case).
const QUANTITIES: &[(&str, &[&str])] = &[
    (
        "deaths",
        &[
            "killed",
            "dead",
            "died",
            "death",
            "deaths",
            "toll",
            "killing",
            "fatalities",
            "bodies",
            "lives",
            "perished",
            "drowned",
            "fatal",
            "victims",
            "slain",
            "murdered",
            "massacred",
            "executed",
            "kills",
            "die",
            "dying",
            "corpses",
        ],
    ),
    (
        "injured",
        &[
            "injured",
            "wounded",
            "hurt",
            "injuries",
            "hospitalised",
            "hospitalized",
            "treated",
            "injuring",
            "injures",
            "wounding",
            "maimed",
            "burns",
        ],
    ),
    (
        "missing",
        &["missing", "unaccounted", "disappeared", "trapped"],
    ),
    (
        "displaced",
        &[
            "displaced",
            "evacuated",
            "evacuate",
            "homeless",
            "fled",
            "evacuation",
            "shelters",
            "sheltering",
            "evacuees",
            "refugees",
            "relocated",
            "displacing",
            "flee",
            "fleeing",
            "uprooted",
            "evacuating",
            "shelter",
        ],
    ),
    (
        "arrested",
        &[
            "arrested",
            "detained",
            "arrests",
            "detentions",
            "custody",
            "arresting",
            "jailed",
            "detaining",
        ],
    ),
    (
        "rescued",
        &[
            "rescued",
            "saved",
            "pulled",
            "airlifted",
            "rescuing",
            "freed",
        ],
    ),
    (
        "cases",
        &[
            "cases",
            "infections",
            "infected",
            "sickened",
            "ill",
            "outbreak",
        ],
    ),
    (
        "without power",
        &["outages", "outage", "blackout", "blackouts", "powerless"],
    ),
    ("stranded", &["stranded"]),
    (
        "attendance",
        &[
            "visitors",
            "spectators",
            "attendees",
            "attendance",
            "audience",
            "crowds",
        ],
    ),
    (
        "homes",
        &[
            "homes",
            "houses",
            "buildings",
            "dwellings",
            "destroyed",
            "damaged",
            "flattened",
            "apartments",
            "flats",
            "properties",
            "structures",
            "razed",
            "gutted",
        ],
    ),
    (
        "protesters",
        &[
            "protesters",
            "demonstrators",
            "marchers",
            "crowd",
            "rally",
            "protest",
            "protests",
            "marched",
            "rallied",
        ],
    ),
    (
        "workers",
        &[
            "workers",
            "dockworkers",
            "employees",
            "staff",
            "strikers",
            "miners",
            "nurses",
            "teachers",
            "members",
        ],
    ),
    (
        "jobs",
        &[
            "jobs",
            "layoffs",
            "redundancies",
            "posts",
            "laid",
            "cuts",
            "positions",
        ],
    ),
    ("votes", &["votes", "turnout", "ballots", "voters", "vote"]),
    (
        "tariff",
        &[
            "tariff", "tariffs", "duty", "duties", "levy", "import", "imports",
        ],
    ),
    (
        "rate",
        &[
            "rate",
            "inflation",
            "interest",
            "unemployment",
            "growth",
            "tax",
            "taxes",
        ],
    ),
    (
        "cost",
        &[
            "damage",
            "damages",
            "cost",
            "costs",
            "losses",
            "bill",
            "budget",
            "aid",
            "fund",
            "funding",
            "package",
            "fine",
            "compensation",
            "price",
            "deal",
            "investment",
            "ransom",
            "bail",
            "spending",
            "debt",
            "deficit",
            "revenue",
            "profit",
            "loss",
            "sales",
            "worth",
            "grant",
            "bailout",
            "settlement",
        ],
    ),
    (
        "cancellations",
        &[
            "flights",
            "sailings",
            "crossings",
            "trains",
            "cancelled",
            "canceled",
            "cancellations",
            "grounded",
            "suspended",
        ],
    ),
    (
        "pay",
        &[
            "pay", "wage", "wages", "salary", "salaries", "raise", "rise", "offer", "offered",
        ],
    ),
    ("shares", &["shares", "stock", "stocks", "index"]),
];

/// Quantities named by the counted thing rather than by what happened to it: a figure whose own
/// unit is one of their words ("87 homes", "120 sailings") counts that, whatever the verb.
const THING_QUANTITIES: &[&str] = &[
    "homes",
    "jobs",
    "votes",
    "cancellations",
    "attendance",
    "tariff",
    "rate",
    "cost",
    "pay",
    "shares",
];
/// Quantities of people named by who they are ("2,000 dockworkers", "30,000 protesters"): used
/// only when no event word is near.
const PERSON_QUANTITIES: &[&str] = &["workers", "protesters"];

/// Counted nouns for people: a figure counting them is named by what happened to them.
const PERSON_NOUNS: &[&str] = &[
    "people",
    "persons",
    "residents",
    "civilians",
    "children",
    "adults",
    "men",
    "women",
    "miners",
    "workers",
    "dockworkers",
    "firefighters",
    "soldiers",
    "troops",
    "police",
    "officers",
    "patients",
    "passengers",
    "students",
    "migrants",
    "villagers",
    "families",
    "protesters",
    "demonstrators",
    "staff",
    "employees",
    "members",
    "nurses",
    "teachers",
    "inhabitants",
    "citizens",
    "tourists",
    "fans",
    "journalists",
    "prisoners",
    "strikers",
    "minors",
    "babies",
    "infants",
    "rescuers",
    "foreigners",
];

/// Counted people of a kind that is usually part of a larger toll ("9 children" among "34
/// people"): a figure of them is a quantity of its own. Others (miners in a mine, passengers of a
/// ferry) are the people the story is about and count as people.
const PEOPLE_OF_A_KIND: &[&str] = &[
    "children",
    "minors",
    "babies",
    "infants",
    "women",
    "men",
    "adults",
    "civilians",
    "soldiers",
    "troops",
    "police",
    "officers",
    "firefighters",
    "rescuers",
    "journalists",
    "tourists",
    "foreigners",
];

/// Quantities of what happened to people: counted people of a kind ("children", "soldiers") make
/// a quantity of that kind ("deaths (children)"), apart from the people in general.
const EVENT_QUANTITIES: &[&str] = &[
    "deaths",
    "injured",
    "missing",
    "displaced",
    "arrested",
    "rescued",
    "cases",
    "stranded",
];

/// Words that introduce a place ("in Dunmere", "near Halvik").
const PLACE_WORDS: &[&str] = &["in", "at", "near", "across", "outside", "from"];

/// Capitalised words that name no place.
const NOT_PLACES: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "the",
    "a",
    "an",
    "this",
    "that",
    "his",
    "her",
    "their",
    "its",
    "our",
];

/// Where a figure happened, when its sentence says so within [`QUANTITY_WINDOW`] words: the
/// capitalised words after "in", "at", "near"… ("Dunmere" in "48 people died in Dunmere", "Halvik"
/// in "In Halvik, 30 people died"); after the figure first, then before it. Months, weekdays and
/// articles are no place. `words` are the sentence's words with their case, the figure's first at
/// `at`, `len` words long.
pub fn place(words: &[String], at: usize, len: usize) -> Option<String> {
    let capital = |w: &String| {
        w.chars().next().is_some_and(char::is_uppercase) && {
            let l = w.to_lowercase();
            !NOT_PLACES.contains(&l.as_str()) && !crate::text::MONTHS.contains(&l.as_str())
        }
    };
    let run_at = |k: usize| -> Option<String> {
        let lead = words.get(k)?.to_lowercase();
        if !PLACE_WORDS.contains(&lead.as_str()) {
            return None;
        }
        let run: Vec<&str> = words[k + 1..]
            .iter()
            .take_while(|w| capital(w))
            .take(3)
            .map(String::as_str)
            .collect();
        (!run.is_empty()).then(|| run.join(" "))
    };
    let end = at + len.max(1);
    (end..(end + QUANTITY_WINDOW).min(words.len()))
        .find_map(run_at)
        .or_else(|| {
            (at.saturating_sub(QUANTITY_WINDOW)..at)
                .rev()
                .filter(|k| k + 1 < at)
                .find_map(run_at)
        })
}

/// Splits the occurrences of one quantity (`places[i]`: where occurrence `i` happened) by place
/// when they name two places or more: one part per place, and one of the occurrences that name
/// none. One place or none: one part. Returns each part's place and occurrence indices.
pub fn split_by_place(places: &[Option<&str>]) -> Vec<(Option<String>, Vec<usize>)> {
    let mut named: Vec<&str> = places.iter().flatten().copied().collect();
    named.sort_unstable();
    named.dedup();
    if named.len() < 2 {
        return vec![(None, (0..places.len()).collect())];
    }
    let mut parts: Vec<(Option<String>, Vec<usize>)> = vec![];
    for (i, p) in places.iter().enumerate() {
        let key = p.map(str::to_string);
        match parts.iter_mut().find(|(k, _)| *k == key) {
            Some((_, list)) => list.push(i),
            None => parts.push((key, vec![i])),
        }
    }
    parts
}

/// Words just before a figure that make it an earlier count ("the first count had given him 298
/// votes"): a quantity of its own, "votes (earlier)".
const EARLIER_WORDS: &[&str] = &[
    "first",
    "initial",
    "initially",
    "original",
    "originally",
    "earlier",
    "previous",
    "previously",
    "preliminary",
];
/// How many words before a figure are read for [`EARLIER_WORDS`].
const EARLIER_WINDOW: usize = 6;

/// Words that make a pay figure an offer ("offered a rise of 3.5%") or a demand ("the union wants
/// 6%"): the nearest within [`QUANTITY_WINDOW`] words decides.
const PAY_SIDES: &[(&str, &[&str])] = &[
    (
        "offer",
        &[
            "offer", "offers", "offered", "offering", "proposal", "proposed",
        ],
    ),
    (
        "demand",
        &[
            "demand",
            "demands",
            "demanding",
            "demanded",
            "seeking",
            "seek",
            "seeks",
            "wants",
            "want",
            "asking",
            "asks",
            "claim",
        ],
    ),
];

/// Units of time and length: a figure in them ("three days", "300 metres") is its own quantity.
const MEASURE_UNITS: &[&str] = &[
    "second",
    "seconds",
    "minute",
    "minutes",
    "hour",
    "hours",
    "day",
    "days",
    "week",
    "weeks",
    "month",
    "months",
    "year",
    "years",
    "decade",
    "decades",
    "metre",
    "metres",
    "meter",
    "meters",
    "kilometre",
    "kilometres",
    "km",
    "mile",
    "miles",
    "hectare",
    "hectares",
];

/// Words of the figure's sentence within this many words of it are read for its quantity.
pub const QUANTITY_WINDOW: usize = 10;

fn lexicon_of(word: &str) -> impl Iterator<Item = &'static str> + '_ {
    QUANTITIES
        .iter()
        .filter(move |(_, words)| words.contains(&word))
        .map(|(name, _)| *name)
}

/// What a figure counts (see the module documentation). `None`: nothing to group it by.
///
/// In order: a figure whose unit is a thing of the lexicon counts that thing; a unit of time or
/// length, or a counted noun that is neither people nor in the lexicon, is its own quantity
/// (singular); otherwise the nearest event word (killed, injured, evacuated…) within
/// [`QUANTITY_WINDOW`] words names it, then the nearest thing or person word. Money and
/// percentages only take rate, cost, pay, tariff, shares and votes words, and form no group
/// without one.
///
/// `text` is the figure's own text, `sentence` the lower-cased words of its sentence (as
/// [`normalise_quote`](super::quotes::normalise_quote) splits them) and `at` the position of
/// the figure's first word among them.
pub fn quantity(
    text: &str,
    details: &FigureDetails,
    sentence: &[String],
    at: usize,
) -> Option<String> {
    let name = kind(text, details, sentence, at)?;
    // An earlier count is not the latest one.
    let before = at.min(sentence.len());
    let earlier = sentence[before.saturating_sub(EARLIER_WINDOW)..before]
        .iter()
        .any(|w| EARLIER_WORDS.contains(&w.as_str()));
    Some(if earlier {
        format!("{name} (earlier)")
    } else {
        name
    })
}

/// [`quantity`] before an earlier count is told apart.
fn kind(text: &str, details: &FigureDetails, sentence: &[String], at: usize) -> Option<String> {
    let unit = details.unit.as_deref().map(str::to_lowercase);
    let money_or_percent = unit
        .as_deref()
        .is_some_and(|u| u == "%" || (u.len() == 3 && u.chars().all(|c| c.is_ascii_lowercase())));
    let fits = |name: &str| {
        let money = matches!(name, "tariff" | "rate" | "cost" | "pay" | "shares");
        if money_or_percent {
            money || name == "votes"
        } else {
            !money
        }
    };
    let suffix = |name: &str| match (money_or_percent, unit.as_deref()) {
        (true, Some("%")) => format!("{name} (%)"),
        (true, Some(u)) => format!("{name} ({})", u.to_uppercase()),
        _ => name.to_string(),
    };
    if let Some(u) = unit.as_deref().filter(|_| !money_or_percent) {
        if let Some(name) = lexicon_of(u).find(|n| THING_QUANTITIES.contains(n)) {
            return Some(name.to_string());
        }
        if MEASURE_UNITS.contains(&u) {
            return Some(u.trim_end_matches('s').to_string());
        }
        if !PERSON_NOUNS.contains(&u) && lexicon_of(u).next().is_none() {
            let singular = u.strip_suffix('s').filter(|s| s.len() >= 3).unwrap_or(u);
            return Some(singular.to_string());
        }
    }
    let figure_words = super::text::word_strings(text).len().max(1);
    let (from, to) = (at, at + figure_words);
    // (tier, distance, name): tier 0 event words, 1 thing and person words.
    let mut best: Option<(u8, usize, &str)> = None;
    for (k, w) in sentence.iter().enumerate() {
        let dist = if k < from {
            from - k
        } else if k >= to {
            k + 1 - to
        } else {
            0
        };
        if dist > QUANTITY_WINDOW {
            continue;
        }
        for name in lexicon_of(w).filter(|n| fits(n)) {
            let tier =
                u8::from(THING_QUANTITIES.contains(&name) || PERSON_QUANTITIES.contains(&name));
            if best.is_none_or(|(t, d, _)| (tier, dist) < (t, d)) {
                best = Some((tier, dist, name));
            }
        }
    }
    let (_, _, name) = best?;
    let distance = |k: usize| {
        if k < from {
            from - k
        } else if k >= to {
            k + 1 - to
        } else {
            0
        }
    };
    let mut name = name.to_string();
    // An offer and a demand are two figures of pay.
    if name == "pay" {
        let side = PAY_SIDES
            .iter()
            .filter_map(|(side, words)| {
                let d = (0..sentence.len())
                    .filter(|&k| words.contains(&sentence[k].as_str()))
                    .map(distance)
                    .filter(|&d| d <= QUANTITY_WINDOW)
                    .min()?;
                Some((d, *side))
            })
            .min();
        if let Some((_, side)) = side {
            name = format!("pay {side}");
        }
    }
    let mut name = suffix(&name);
    // Counted people of a kind: "12 children killed" is not "48 people killed".
    if let Some(u) = unit.as_deref() {
        if EVENT_QUANTITIES.contains(&name.as_str()) && PEOPLE_OF_A_KIND.contains(&u) {
            name = format!("{name} ({u})");
        }
    }
    Some(name)
}

/// The status of a group from its occurrences' values and ranges.
pub fn status(occurrences: &[(Option<f64>, FigureRange)]) -> FigureStatus {
    let with_value: Vec<&(Option<f64>, FigureRange)> =
        occurrences.iter().filter(|(v, _)| v.is_some()).collect();
    for (i, a) in with_value.iter().enumerate() {
        for b in &with_value[i + 1..] {
            if !a.1.overlaps(&b.1) {
                return FigureStatus::Contradictory;
            }
        }
    }
    let first = with_value.first().and_then(|(v, _)| *v);
    if with_value.iter().all(|(v, _)| *v == first) {
        FigureStatus::Agree
    } else {
        FigureStatus::Divergent
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The quantity of `text` (found in `sentence`) with this unit.
    fn fig(sentence: &str, text: &str, unit: Option<&str>) -> Option<String> {
        let before = &sentence[..sentence.find(text).unwrap()];
        let details = FigureDetails {
            value: Some(1.0),
            value_max: None,
            unit: unit.map(Into::into),
            qualifier: None,
        };
        let words = super::super::text::word_strings(sentence);
        let at = super::super::text::word_strings(before).len();
        quantity(text, &details, &words, at)
    }

    #[test]
    fn qualifiers_give_ranges() {
        let r = figure_range(480.0, None, Some("at least"));
        assert_eq!((r.min, r.max), (Some(480.0), None));
        let r = figure_range(1500.0, None, Some("around"));
        assert_eq!((r.min, r.max), (Some(1350.0), Some(1650.0)));
        let r = figure_range(300.0, None, Some("up to"));
        assert_eq!((r.min, r.max), (Some(0.0), Some(300.0)));
        let r = figure_range(10.0, Some(15.0), Some("between"));
        assert_eq!((r.min, r.max), (Some(10.0), Some(15.0)));
    }

    #[test]
    fn the_issue_example_is_divergent_and_disjoint_ranges_contradict() {
        let a = (Some(1500.0), figure_range(1500.0, None, Some("around")));
        let b = (Some(480.0), figure_range(480.0, None, Some("at least")));
        assert_eq!(status(&[a, b]), FigureStatus::Divergent);
        let c = (Some(300.0), figure_range(300.0, None, None));
        assert_eq!(status(&[a, c]), FigureStatus::Contradictory);
        assert_eq!(status(&[c, c]), FigureStatus::Agree);
        let d = (Some(300.0), figure_range(300.0, None, Some("about")));
        assert_eq!(status(&[c, d]), FigureStatus::Agree);
    }

    #[test]
    fn quantity_comes_from_nearby_words_then_unit() {
        let f = fig(
            "Floods have killed at least 480 people in the valley.",
            "at least 480 people",
            Some("people"),
        );
        assert_eq!(f.as_deref(), Some("deaths"));
        let f = fig(
            "About 300 people were injured, doctors said.",
            "About 300 people",
            Some("people"),
        );
        assert_eq!(f.as_deref(), Some("injured"));
        let f = fig("The new tariff of 25% starts in May.", "25%", Some("%"));
        assert_eq!(f.as_deref(), Some("tariff (%)"));
        let f = fig("They planted 40 trees.", "40 trees", Some("trees"));
        assert_eq!(f.as_deref(), Some("tree"));
        let f = fig(
            "She said 4,300 residents were evacuated and 87 homes destroyed.",
            "87 homes",
            Some("homes"),
        );
        assert_eq!(f.as_deref(), Some("homes"), "the unit is a thing");
        let f = fig(
            "Seventeen miners were killed in the blast.",
            "Seventeen miners",
            Some("miners"),
        );
        assert_eq!(f.as_deref(), Some("deaths"), "people: the event names it");
        let f = fig("The strike lasted three days.", "three days", Some("days"));
        assert_eq!(f.as_deref(), Some("day"));
        let f = fig(
            "Shares were flat while 12 people watched.",
            "12 people",
            Some("people"),
        );
        assert_eq!(f, None, "people with no event word");
    }

    #[test]
    fn people_of_a_kind_are_a_quantity_of_their_own() {
        let f = fig(
            "The blast killed 12 children.",
            "12 children",
            Some("children"),
        );
        assert_eq!(f.as_deref(), Some("deaths (children)"));
        let f = fig(
            "At least 48 people were killed.",
            "48 people",
            Some("people"),
        );
        assert_eq!(f.as_deref(), Some("deaths"));
        let f = fig(
            "Two firefighters were injured.",
            "Two firefighters",
            Some("firefighters"),
        );
        assert_eq!(f.as_deref(), Some("injured (firefighters)"));
        let f = fig(
            "About 2,000 dockworkers walked out.",
            "2,000 dockworkers",
            Some("dockworkers"),
        );
        assert_eq!(
            f.as_deref(),
            Some("workers"),
            "who they are is the quantity"
        );
    }

    #[test]
    fn offers_demands_and_earlier_counts_are_quantities_of_their_own() {
        let s = "The company has offered a 3.5% pay rise; the union wants 6%.";
        assert_eq!(fig(s, "3.5%", Some("%")).as_deref(), Some("pay offer (%)"));
        assert_eq!(fig(s, "6%", Some("%")).as_deref(), Some("pay demand (%)"));
        let s = "Wren won by 312 votes; the first count had given him 298 votes more.";
        assert_eq!(fig(s, "312 votes", Some("votes")).as_deref(), Some("votes"));
        assert_eq!(
            fig(s, "298 votes", Some("votes")).as_deref(),
            Some("votes (earlier)")
        );
    }

    #[test]
    fn more_words_name_quantities() {
        let f = fig(
            "The storm left 30,000 homes facing outages.",
            "30,000",
            None,
        );
        assert_eq!(f.as_deref(), Some("without power"));
        let f = fig(
            "Police said 14 people were jailed overnight.",
            "14 people",
            Some("people"),
        );
        assert_eq!(f.as_deref(), Some("arrested"));
        let f = fig(
            "Some 40 people were slain in the attack.",
            "40 people",
            Some("people"),
        );
        assert_eq!(f.as_deref(), Some("deaths"));
        let f = fig(
            "Health officials counted 210 cases by Friday.",
            "210 cases",
            Some("cases"),
        );
        assert_eq!(f.as_deref(), Some("cases"));
        let f = fig(
            "Some 210 people were infected.",
            "210 people",
            Some("people"),
        );
        assert_eq!(f.as_deref(), Some("cases"));
    }

    fn place_of(sentence: &str, figure: &str) -> Option<String> {
        let before = &sentence[..sentence.find(figure).unwrap()];
        let words = super::super::text::cased_words(sentence);
        let at = super::super::text::cased_words(before).len();
        place(&words, at, super::super::text::cased_words(figure).len())
    }

    #[test]
    fn places_come_after_the_figure_then_before() {
        assert_eq!(
            place_of(
                "At least 48 people died in Dunmere on Saturday.",
                "48 people"
            )
            .as_deref(),
            Some("Dunmere")
        );
        assert_eq!(
            place_of("In Kestrel Bay, 30 people died.", "30 people").as_deref(),
            Some("Kestrel Bay")
        );
        assert_eq!(
            place_of("At least 48 people died in March.", "48 people"),
            None
        );
        assert_eq!(
            place_of("At least 48 people died on Saturday.", "48 people"),
            None
        );
        assert_eq!(
            place_of("At least 48 people died in the floods.", "48 people"),
            None
        );
    }

    #[test]
    fn two_places_split_a_group_one_does_not() {
        assert_eq!(
            split_by_place(&[Some("A"), None, Some("A")]),
            vec![(None, vec![0, 1, 2])]
        );
        assert_eq!(
            split_by_place(&[Some("A"), None, Some("B"), Some("A")]),
            vec![
                (Some("A".to_string()), vec![0, 3]),
                (None, vec![1]),
                (Some("B".to_string()), vec![2])
            ]
        );
    }
}
