//! Typed span attributes: what a label set defines per label (name, type, required or not), the
//! values spans carry, and reading a value the user typed against its type.
//!
//! A value is text, a number, yes/no, or one of a list (stored as the chosen option's text). In
//! JSON a value is the plain JSON value (`2000`, `true`, `"about"`); a span's attributes are an
//! object from name to value, ordered by name.

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use thiserror::Error;

/// A span's attributes, by name (ordered, so exports are stable).
pub type Attributes = BTreeMap<String, AttrValue>;

/// One attribute value.
#[derive(Debug, Clone, PartialEq)]
pub enum AttrValue {
    /// Free text, or the chosen option of a one-of-a-list attribute.
    Text(String),
    /// A number.
    // Invariant: finite (never NaN or infinite), which is what makes equality total.
    Number(f64),
    /// Yes (`true`) or no (`false`).
    Bool(bool),
}

// Numbers are finite (see the invariant), so equality is reflexive.
impl Eq for AttrValue {}

impl AttrValue {
    /// The number, if it is one.
    pub fn as_number(&self) -> Option<f64> {
        match self {
            AttrValue::Number(v) => Some(*v),
            _ => None,
        }
    }

    /// The text, if it is one.
    pub fn as_text(&self) -> Option<&str> {
        match self {
            AttrValue::Text(t) => Some(t),
            _ => None,
        }
    }

    /// A number value; `None` for NaN or an infinity (which JSON cannot write).
    pub fn number(x: f64) -> Option<Self> {
        x.is_finite().then_some(AttrValue::Number(x))
    }

    /// The value as text, as an input shows it: `2000`, `3.5`, `yes`, `about`.
    pub fn display(&self) -> String {
        self.to_string()
    }

    /// The value as a JSON value (numbers as JSON numbers, integers without a fraction).
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::to_value(self).expect("finite numbers serialise")
    }

    /// A value from a JSON value: a string, a finite number or a boolean; `None` for anything else.
    pub fn from_json(value: &serde_json::Value) -> Option<Self> {
        match value {
            serde_json::Value::String(s) => Some(AttrValue::Text(s.clone())),
            serde_json::Value::Bool(b) => Some(AttrValue::Bool(*b)),
            serde_json::Value::Number(n) => n.as_f64().and_then(AttrValue::number),
            _ => None,
        }
    }
}

impl fmt::Display for AttrValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AttrValue::Text(s) => f.write_str(s),
            AttrValue::Number(x) => match as_integer(*x) {
                Some(i) => write!(f, "{i}"),
                None => write!(f, "{x}"),
            },
            AttrValue::Bool(true) => f.write_str("yes"),
            AttrValue::Bool(false) => f.write_str("no"),
        }
    }
}

/// `x` as an integer when it is one that an `f64` holds exactly.
fn as_integer(x: f64) -> Option<i64> {
    const EXACT: f64 = 9_007_199_254_740_992.0; // 2^53
    (x.fract() == 0.0 && x.abs() <= EXACT).then_some(x as i64)
}

/// The value as a binary format (postcard) writes it: tagged, since such a format cannot guess.
#[derive(Serialize, Deserialize)]
enum Tagged {
    Text(String),
    Number(f64),
    Bool(bool),
}

impl Serialize for AttrValue {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if !serializer.is_human_readable() {
            return match self {
                AttrValue::Text(s) => Tagged::Text(s.clone()),
                AttrValue::Number(x) => Tagged::Number(*x),
                AttrValue::Bool(b) => Tagged::Bool(*b),
            }
            .serialize(serializer);
        }
        match self {
            AttrValue::Text(s) => serializer.serialize_str(s),
            AttrValue::Number(x) => match as_integer(*x) {
                Some(i) => serializer.serialize_i64(i),
                None => serializer.serialize_f64(*x),
            },
            AttrValue::Bool(b) => serializer.serialize_bool(*b),
        }
    }
}

impl<'de> Deserialize<'de> for AttrValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        if !deserializer.is_human_readable() {
            return Ok(match Tagged::deserialize(deserializer)? {
                Tagged::Text(s) => AttrValue::Text(s),
                Tagged::Number(x) => AttrValue::number(x)
                    .ok_or_else(|| de::Error::custom("a number attribute must be finite"))?,
                Tagged::Bool(b) => AttrValue::Bool(b),
            });
        }
        struct Plain;
        impl Visitor<'_> for Plain {
            type Value = AttrValue;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string, a number or a boolean")
            }
            fn visit_bool<E: de::Error>(self, b: bool) -> Result<AttrValue, E> {
                Ok(AttrValue::Bool(b))
            }
            fn visit_i64<E: de::Error>(self, i: i64) -> Result<AttrValue, E> {
                Ok(AttrValue::Number(i as f64))
            }
            fn visit_u64<E: de::Error>(self, u: u64) -> Result<AttrValue, E> {
                Ok(AttrValue::Number(u as f64))
            }
            fn visit_f64<E: de::Error>(self, x: f64) -> Result<AttrValue, E> {
                AttrValue::number(x).ok_or_else(|| E::custom("a number attribute must be finite"))
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<AttrValue, E> {
                Ok(AttrValue::Text(s.to_string()))
            }
            fn visit_string<E: de::Error>(self, s: String) -> Result<AttrValue, E> {
                Ok(AttrValue::Text(s))
            }
        }
        deserializer.deserialize_any(Plain)
    }
}

/// What kind of value an attribute takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AttrType {
    /// Free text.
    Text,
    /// A number (`2000`, `2,000`, `3.5`, `-1`).
    Number,
    /// Yes or no.
    Bool,
    /// One of the attribute's options.
    Choice,
}

impl AttrType {
    /// The type's name as the label editor shows it.
    pub fn name(self) -> &'static str {
        match self {
            AttrType::Text => "text",
            AttrType::Number => "number",
            AttrType::Bool => "yes/no",
            AttrType::Choice => "one of a list",
        }
    }
}

/// One attribute a label defines.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct AttributeDef {
    /// The attribute's name, e.g. `"value"`; unique within its label.
    pub name: String,
    /// The kind of value it takes.
    #[serde(rename = "type")]
    pub kind: AttrType,
    /// For [`AttrType::Choice`]: the options, in display order (empty for the other types).
    // Always written (no `skip_serializing_if`): binary encodings have no field names to skip by.
    #[serde(default)]
    pub options: Vec<String>,
    /// Whether a finished span should have it (the app marks spans that lack it).
    #[serde(default)]
    pub required: bool,
}

/// Why a typed value or an attribute definition is refused. Messages say what would be accepted.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum AttrError {
    /// Not a number.
    #[error("{attr}: {input:?} is not a number — write digits, e.g. 2000, 2,000, 3.5 or -12")]
    NotNumber {
        /// The attribute.
        attr: String,
        /// What was typed.
        input: String,
    },
    /// Not yes or no.
    #[error("{attr}: {input:?} is not yes or no — write yes or no")]
    NotBool {
        /// The attribute.
        attr: String,
        /// What was typed.
        input: String,
    },
    /// Not one of the options.
    #[error("{attr}: {input:?} is not one of the list — choose one of: {}", options.join(", "))]
    NotChoice {
        /// The attribute.
        attr: String,
        /// What was typed.
        input: String,
        /// The options.
        options: Vec<String>,
    },
    /// A stored value of the wrong type (e.g. text where a number belongs).
    #[error("{attr}: {value} is not a {} value", kind.name())]
    WrongType {
        /// The attribute.
        attr: String,
        /// The value, as text.
        value: String,
        /// The attribute's type.
        kind: AttrType,
    },
    /// The span's label defines no attribute of that name.
    #[error("label {label:?} has no attribute {attr:?}")]
    Unknown {
        /// The span's label.
        label: String,
        /// The attribute asked for.
        attr: String,
    },
    /// An attribute definition without a name.
    #[error("label {label:?}: an attribute has no name")]
    EmptyName {
        /// The label.
        label: String,
    },
    /// A name kept for the span's own fields (`label`, `note`), which formats write beside
    /// attributes.
    #[error(
        "label {label:?}: {attr:?} cannot be an attribute's name (spans have their own {attr})"
    )]
    ReservedName {
        /// The label.
        label: String,
        /// The name.
        attr: String,
    },
    /// Two attributes of a label share a name.
    #[error("label {label:?}: two attributes are called {attr:?}")]
    DuplicateName {
        /// The label.
        label: String,
        /// The name.
        attr: String,
    },
    /// A one-of-a-list attribute without options, or another type with some.
    #[error("label {label:?}, attribute {attr:?}: {message}")]
    BadOptions {
        /// The label.
        label: String,
        /// The attribute.
        attr: String,
        /// What is wrong.
        message: String,
    },
}

impl AttributeDef {
    /// A definition of `kind` (options empty, not required).
    pub fn new(name: &str, kind: AttrType) -> Self {
        AttributeDef {
            name: name.into(),
            kind,
            options: vec![],
            required: false,
        }
    }

    /// A one-of-a-list definition.
    pub fn choice(name: &str, options: &[&str]) -> Self {
        AttributeDef {
            options: options.iter().map(|o| o.to_string()).collect(),
            ..AttributeDef::new(name, AttrType::Choice)
        }
    }

    /// Reads what the user typed. Surrounding whitespace is ignored; an empty input is `Ok(None)`
    /// (the attribute is cleared). Numbers may group thousands with `,`, a space or `_` (groups of
    /// three); yes/no reads `yes`/`no`, `y`/`n`, `true`/`false`; a choice matches an option ignoring
    /// case and gives the option's own spelling.
    pub fn parse(&self, input: &str) -> Result<Option<AttrValue>, AttrError> {
        let input = input.trim();
        if input.is_empty() {
            return Ok(None);
        }
        let value = match self.kind {
            AttrType::Text => AttrValue::Text(input.to_string()),
            AttrType::Number => parse_number(input).ok_or_else(|| AttrError::NotNumber {
                attr: self.name.clone(),
                input: input.to_string(),
            })?,
            AttrType::Bool => match input.to_lowercase().as_str() {
                "yes" | "y" | "true" => AttrValue::Bool(true),
                "no" | "n" | "false" => AttrValue::Bool(false),
                _ => {
                    return Err(AttrError::NotBool {
                        attr: self.name.clone(),
                        input: input.to_string(),
                    })
                }
            },
            AttrType::Choice => {
                let lower = input.to_lowercase();
                let option = self.options.iter().find(|o| o.to_lowercase() == lower);
                AttrValue::Text(
                    option
                        .ok_or_else(|| AttrError::NotChoice {
                            attr: self.name.clone(),
                            input: input.to_string(),
                            options: self.options.clone(),
                        })?
                        .clone(),
                )
            }
        };
        Ok(Some(value))
    }

    /// Checks a value (from a file or an edit) against the type: a number for a number, yes/no for
    /// yes/no, one of the options (exactly) for a choice, text for text.
    pub fn check(&self, value: &AttrValue) -> Result<(), AttrError> {
        let fits = match (self.kind, value) {
            (AttrType::Text, AttrValue::Text(_))
            | (AttrType::Number, AttrValue::Number(_))
            | (AttrType::Bool, AttrValue::Bool(_)) => true,
            (AttrType::Choice, AttrValue::Text(s)) => {
                if !self.options.contains(s) {
                    return Err(AttrError::NotChoice {
                        attr: self.name.clone(),
                        input: s.clone(),
                        options: self.options.clone(),
                    });
                }
                true
            }
            _ => false,
        };
        if fits {
            Ok(())
        } else {
            Err(AttrError::WrongType {
                attr: self.name.clone(),
                value: value.to_string(),
                kind: self.kind,
            })
        }
    }
}

/// Reads a number as people type one: an optional sign, digits (optionally grouped by three with
/// `,`, a space, a no-break space or `_`), an optional `.` fraction and exponent. Finite only.
pub fn parse_number(input: &str) -> Option<AttrValue> {
    let s = input.trim();
    let (sign, rest) = match s.strip_prefix(['-', '−']) {
        Some(rest) => ("-", rest),
        None => ("", s.strip_prefix('+').unwrap_or(s)),
    };
    let (mantissa, exponent) = match rest.find(['e', 'E']) {
        Some(i) => (&rest[..i], Some(&rest[i + 1..])),
        None => (rest, None),
    };
    let (whole, fraction) = match mantissa.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (mantissa, None),
    };
    let groups: Vec<&str> = whole.split([',', ' ', '\u{a0}', '\u{202f}', '_']).collect();
    let grouped_ok = groups.len() == 1
        || (!groups[0].is_empty()
            && groups[0].len() <= 3
            && groups[1..].iter().all(|g| g.len() == 3));
    let digits = |t: &str| t.chars().all(|c| c.is_ascii_digit());
    if !grouped_ok
        || !groups.iter().all(|g| digits(g))
        || (whole.is_empty() && fraction.is_none_or(str::is_empty))
        || !fraction.is_none_or(&digits)
        || !exponent.is_none_or(|e| {
            let e = e.strip_prefix(['-', '+']).unwrap_or(e);
            !e.is_empty() && digits(e)
        })
    {
        return None;
    }
    let mut plain = format!("{sign}{}", groups.concat());
    if plain.len() == sign.len() {
        plain.push('0');
    }
    if let Some(f) = fraction {
        plain = format!("{plain}.{f}");
    }
    if let Some(e) = exponent {
        plain = format!("{plain}e{e}");
    }
    plain.parse::<f64>().ok().and_then(AttrValue::number)
}

/// Names an attribute cannot have: the span's own fields, which formats write beside attributes
/// (Label Studio's per-region `label` and `note` results, for one).
pub const RESERVED_NAMES: [&str; 2] = ["label", "note"];

/// Checks a label's attribute definitions: names non-empty, unique and not reserved, a choice has
/// options (none empty or repeated), other types have none.
pub fn validate_defs(label: &str, defs: &[AttributeDef]) -> Result<(), AttrError> {
    for (i, def) in defs.iter().enumerate() {
        if def.name.trim().is_empty() {
            return Err(AttrError::EmptyName {
                label: label.into(),
            });
        }
        if RESERVED_NAMES.contains(&def.name.as_str()) {
            return Err(AttrError::ReservedName {
                label: label.into(),
                attr: def.name.clone(),
            });
        }
        if defs[..i].iter().any(|d| d.name == def.name) {
            return Err(AttrError::DuplicateName {
                label: label.into(),
                attr: def.name.clone(),
            });
        }
        let bad = |message: &str| AttrError::BadOptions {
            label: label.into(),
            attr: def.name.clone(),
            message: message.into(),
        };
        match def.kind {
            AttrType::Choice if def.options.is_empty() => {
                return Err(bad("a one-of-a-list attribute needs options"))
            }
            AttrType::Choice => {
                for (k, o) in def.options.iter().enumerate() {
                    if o.trim().is_empty() {
                        return Err(bad("an option is empty"));
                    }
                    if def.options[..k].contains(o) {
                        return Err(bad(&format!("option {o:?} appears twice")));
                    }
                }
            }
            _ if !def.options.is_empty() => {
                return Err(bad("only a one-of-a-list attribute has options"))
            }
            _ => {}
        }
    }
    Ok(())
}

/// The qualifiers a figure can carry, in display order.
pub const QUALIFIERS: [&str; 8] = [
    "exact",
    "about",
    "at least",
    "at most",
    "more than",
    "less than",
    "up to",
    "between",
];

/// The default attributes of the default labels (`claim`, `quote`, `figure`); empty for others.
pub fn default_defs(label: &str) -> Vec<AttributeDef> {
    use AttrType::*;
    match label {
        "figure" => vec![
            AttributeDef::new("value", Number),
            AttributeDef::new("value_max", Number),
            AttributeDef::new("unit", Text),
            AttributeDef::choice("qualifier", &QUALIFIERS),
            AttributeDef::new("quantity", Text),
            AttributeDef::new("source", Text),
        ],
        "claim" => vec![
            AttributeDef::new("check_worthy", Bool),
            AttributeDef::choice(
                "verdict",
                &["true", "false", "misleading", "unverifiable", "not checked"],
            ),
        ],
        "quote" => vec![AttributeDef::choice(
            "kind",
            &["direct", "partial", "scare"],
        )],
        _ => vec![],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn num(x: f64) -> Option<AttrValue> {
        Some(AttrValue::Number(x))
    }

    #[test]
    fn numbers_are_read_as_people_write_them() {
        for (input, expected) in [
            ("2000", 2000.0),
            ("2,000", 2000.0),
            ("1 250 000", 1_250_000.0),
            ("-3.5", -3.5),
            ("−12", -12.0),
            ("+7", 7.0),
            (".5", 0.5),
            ("1.5e3", 1500.0),
            ("0", 0.0),
        ] {
            assert_eq!(parse_number(input), num(expected), "{input}");
        }
        for bad in [
            "",
            "-",
            "2k",
            "about 2000",
            "2,5",
            "20,00",
            "1,2345",
            ",200",
            "1.2.3",
            "e5",
            "1e",
            "NaN",
            "inf",
            "1e999",
            "3 %",
        ] {
            assert_eq!(parse_number(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_bad_number_is_refused_saying_what_a_number_looks_like() {
        let def = AttributeDef::new("value", AttrType::Number);
        let err = def.parse("two thousand").unwrap_err();
        assert_eq!(
            err.to_string(),
            "value: \"two thousand\" is not a number — write digits, e.g. 2000, 2,000, 3.5 or -12"
        );
        assert_eq!(def.parse(" 2,000 "), Ok(num(2000.0)));
        assert_eq!(def.parse("  "), Ok(None));
    }

    #[test]
    fn a_choice_takes_an_option_ignoring_case_and_lists_them_when_refused() {
        let def = AttributeDef::choice("qualifier", &QUALIFIERS);
        assert_eq!(
            def.parse("At Least"),
            Ok(Some(AttrValue::Text("at least".into())))
        );
        let err = def.parse("around").unwrap_err().to_string();
        assert_eq!(
            err,
            "qualifier: \"around\" is not one of the list — choose one of: exact, about, at least, \
             at most, more than, less than, up to, between"
        );
    }

    #[test]
    fn yes_no_reads_yes_and_no() {
        let def = AttributeDef::new("check_worthy", AttrType::Bool);
        assert_eq!(def.parse("Yes"), Ok(Some(AttrValue::Bool(true))));
        assert_eq!(def.parse("n"), Ok(Some(AttrValue::Bool(false))));
        assert!(def
            .parse("maybe")
            .unwrap_err()
            .to_string()
            .contains("write yes or no"));
    }

    #[test]
    fn check_refuses_values_of_the_wrong_type() {
        let def = AttributeDef::new("value", AttrType::Number);
        assert!(def.check(&AttrValue::Number(3.0)).is_ok());
        assert!(def.check(&AttrValue::Text("3".into())).is_err());
        let choice = AttributeDef::choice("kind", &["direct", "partial"]);
        assert!(choice.check(&AttrValue::Text("direct".into())).is_ok());
        assert!(choice.check(&AttrValue::Text("Direct".into())).is_err());
    }

    #[test]
    fn json_writes_plain_values_with_integers_without_a_fraction() {
        let mut attrs = Attributes::new();
        attrs.insert("value".into(), AttrValue::Number(2000.0));
        attrs.insert("ratio".into(), AttrValue::Number(0.25));
        attrs.insert("ok".into(), AttrValue::Bool(true));
        attrs.insert("unit".into(), AttrValue::Text("people".into()));
        let json = serde_json::to_string(&attrs).unwrap();
        assert_eq!(
            json,
            r#"{"ok":true,"ratio":0.25,"unit":"people","value":2000}"#
        );
        assert_eq!(serde_json::from_str::<Attributes>(&json).unwrap(), attrs);
        assert!(serde_json::from_str::<Attributes>(r#"{"x":null}"#).is_err());
    }

    #[test]
    fn postcard_carries_values_tagged() {
        let values = vec![
            AttrValue::Number(-1.5),
            AttrValue::Text("2".into()),
            AttrValue::Bool(false),
        ];
        let bytes = postcard::to_allocvec(&values).unwrap();
        assert_eq!(
            postcard::from_bytes::<Vec<AttrValue>>(&bytes).unwrap(),
            values
        );
    }

    #[test]
    fn definitions_are_validated() {
        for label in ["figure", "claim", "quote"] {
            assert_eq!(validate_defs(label, &default_defs(label)), Ok(()));
        }
        let mut defs = default_defs("quote");
        defs[0].options.push("direct".into());
        assert!(validate_defs("quote", &defs).is_err());
        let reserved = [AttributeDef::new("note", AttrType::Text)];
        assert!(matches!(
            validate_defs("x", &reserved),
            Err(AttrError::ReservedName { .. })
        ));
        let empty_choice = [AttributeDef::choice("k", &[])];
        assert!(validate_defs("x", &empty_choice).is_err());
        let twice = [
            AttributeDef::new("a", AttrType::Text),
            AttributeDef::new("a", AttrType::Bool),
        ];
        assert!(matches!(
            validate_defs("x", &twice),
            Err(AttrError::DuplicateName { .. })
        ));
    }
}
