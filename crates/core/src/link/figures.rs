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
//! **Quantity.** What a figure counts is read from the words of its sentence: the nearest word of a
//! small lexicon of quantities (deaths, injured, missing, displaced, arrested, homes, workers,
//! cancellations, and for money and percentages tariff, rate, pay, shares, cost, …) within six
//! words of it; failing that, its unit ("%" and currencies with the nearest money or rate noun, or
//! the counted noun, singular). A figure with neither belongs to no group.
//!
//! **Status** of a group: `contradictory` when two occurrences' ranges do not overlap, otherwise
//! `divergent` when their stated values differ, otherwise `agree` ("around 12,000" and "12,000"
//! agree: the same value, qualified differently).

use serde::{Deserialize, Serialize};

use super::items::FigureItem;

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
    let q = qualifier.map(|q| q.trim().to_lowercase()).unwrap_or_default();
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
            "killed", "dead", "died", "death", "deaths", "toll", "killing", "fatalities",
            "bodies", "lives", "perished", "drowned", "fatal", "victims",
        ],
    ),
    (
        "injured",
        &[
            "injured", "wounded", "hurt", "injuries", "hospitalised", "hospitalized", "treated",
        ],
    ),
    ("missing", &["missing", "unaccounted"]),
    (
        "displaced",
        &[
            "displaced", "evacuated", "homeless", "fled", "evacuation", "shelters", "sheltering",
            "evacuees", "refugees", "relocated",
        ],
    ),
    (
        "arrested",
        &["arrested", "detained", "arrests", "detentions", "custody"],
    ),
    (
        "rescued",
        &["rescued", "saved", "pulled", "airlifted"],
    ),
    (
        "homes",
        &["homes", "houses", "buildings", "dwellings", "destroyed", "damaged", "flattened"],
    ),
    (
        "protesters",
        &["protesters", "demonstrators", "marchers", "crowd", "rally", "protest"],
    ),
    (
        "workers",
        &[
            "workers", "dockworkers", "employees", "staff", "strikers", "miners", "nurses",
            "teachers", "members",
        ],
    ),
    ("jobs", &["jobs", "layoffs", "redundancies", "posts"]),
    ("votes", &["votes", "turnout", "ballots", "voters"]),
    (
        "tariff",
        &["tariff", "tariffs", "duty", "duties", "levy", "import"],
    ),
    ("rate", &["rate", "inflation", "interest", "unemployment", "growth"]),
    (
        "cost",
        &[
            "damage", "damages", "cost", "costs", "losses", "bill", "budget", "aid", "fund",
            "funding", "package", "fine", "compensation", "price", "deal", "investment",
        ],
    ),
    (
        "cancellations",
        &["flights", "sailings", "crossings", "trains", "cancelled", "canceled"],
    ),
    ("pay", &["pay", "wage", "wages", "salary", "salaries", "raise"]),
    ("shares", &["shares", "stock", "stocks", "index"]),
];

/// What a figure counts: a lexicon quantity named near it, otherwise its unit (see the module
/// documentation). `None`: nothing to group it by.
pub fn quantity(figure: &FigureItem) -> Option<String> {
    let unit = figure.details.unit.as_deref().map(str::to_lowercase);
    let money_or_percent = unit
        .as_deref()
        .is_some_and(|u| u == "%" || (u.len() == 3 && u.chars().all(|c| c.is_ascii_lowercase())));
    let figure_words = super::text::word_strings(&figure.text).len().max(1);
    let (from, to) = (figure.at, figure.at + figure_words);
    let mut best: Option<(usize, &str)> = None;
    for (k, w) in figure.context.iter().enumerate() {
        let dist = if k < from {
            from - k
        } else if k >= to {
            k + 1 - to
        } else {
            0
        };
        if dist > 6 {
            continue;
        }
        for (name, words) in QUANTITIES {
            // Money and percentages name a rate or a cost, never a head count.
            let fits = if money_or_percent {
                matches!(*name, "tariff" | "rate" | "cost" | "votes" | "pay" | "shares")
            } else {
                !matches!(*name, "tariff" | "rate" | "cost" | "pay" | "shares")
            };
            if fits && words.contains(&w.as_str()) && best.is_none_or(|(d, _)| dist < d) {
                best = Some((dist, name));
            }
        }
    }
    let suffix = if money_or_percent {
        unit.as_deref().map(|u| format!(" ({})", if u == "%" { "%" } else { u }))
    } else {
        None
    };
    if let Some((_, name)) = best {
        return Some(format!("{name}{}", suffix.unwrap_or_default()));
    }
    let u = unit?;
    if money_or_percent {
        return Some(if u == "%" { "%".into() } else { u.to_uppercase() });
    }
    let singular = u.strip_suffix('s').filter(|s| s.len() >= 3).unwrap_or(&u);
    Some(singular.to_string())
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
    use crate::link::items::FigureDetails;
    use crate::offsets::CharOffset;

    fn fig(sentence: &str, text: &str, unit: Option<&str>) -> FigureItem {
        let before = &sentence[..sentence.find(text).unwrap()];
        FigureItem {
            start: CharOffset(0),
            end: CharOffset(1),
            text: text.into(),
            details: FigureDetails {
                value: Some(1.0),
                value_max: None,
                unit: unit.map(Into::into),
                qualifier: None,
            },
            source: None,
            context: super::super::text::word_strings(sentence),
            at: super::super::text::word_strings(before).len(),
        }
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
        assert_eq!(quantity(&f).as_deref(), Some("deaths"));
        let f = fig(
            "About 300 people were injured, doctors said.",
            "About 300 people",
            Some("people"),
        );
        assert_eq!(quantity(&f).as_deref(), Some("injured"));
        let f = fig("The new tariff of 25% starts in May.", "25%", Some("%"));
        assert_eq!(quantity(&f).as_deref(), Some("tariff (%)"));
        let f = fig("They planted 40 trees.", "40 trees", Some("trees"));
        assert_eq!(quantity(&f).as_deref(), Some("tree"));
    }
}
