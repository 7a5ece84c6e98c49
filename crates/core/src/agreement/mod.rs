//! Inter-annotator agreement and adjudication: several annotators' versions of the same documents.
//!
//! The pieces, one concern per file:
//! - [`align`]: which documents are the same (by id, else by identical text) across annotators;
//! - [`matching`]: pairwise span F1, exact and relaxed (one-to-one maximum matching);
//! - [`coverage`]: each annotator's characters per label, as sorted disjoint ranges;
//! - [`kappa`]: Cohen's κ (per pair) and Fleiss' κ (all annotators) on characters;
//! - [`alpha_u`]: Krippendorff's unitizing α_U (1995), per label, on characters;
//! - [`attributes`]: agreement on matched spans' attributes and relations;
//! - [`adjudicate`]: one document's disagreements and the gold document built from decisions;
//! - [`report`]: all of it per label, per pair, per document and over the whole set.
//!
//! The input is a list of [`AnnotatorDocs`]: a name and that annotator's documents. Where the name
//! comes from (a `--names` option, a file name, a record field) is the caller's business.
//!
//! # Undefined values
//!
//! A measure is `None` (JSON `null`) exactly when its formula divides zero by zero:
//! - F1 = 2·TP / (|A| + |B|) when neither annotator has a span of the label (or of any label, for
//!   the overall figure);
//! - Cohen's and Fleiss' κ when chance agreement is 1: every character is in (or every one out of)
//!   the label for every annotator — the "zero variance" case, where scikit-learn and statsmodels
//!   return NaN;
//! - α_U when the expected disagreement is 0, i.e. nobody marked the label at all (DKPro Agreement
//!   returns NaN there too);
//! - a mean over annotator pairs when no pair has a value; the standard deviation is the
//!   population one (the pairs are all the pairs, not a sample), 0 for a single pair.
//!
//! Two annotators disagreeing completely is not undefined: κ is then 0 or below, F1 is 0.

pub mod adjudicate;
pub mod align;
pub mod alpha_u;
pub mod attributes;
pub mod coverage;
pub mod kappa;
pub mod matching;
pub mod report;

pub use adjudicate::{adjudicate, build_gold, Adjudication, Decision, Gold, Item, ItemKind};
pub use align::{align, AlignError, Aligned, AlignedDocument};
pub use report::{agreement, AgreementReport};

use crate::model::Document;

/// One annotator's version of the documents: a name and the documents, in any order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnnotatorDocs {
    /// The annotator's name, e.g. "ana" (from `--names`, a file name or the records).
    pub name: String,
    /// The documents as this annotator annotated them.
    pub documents: Vec<Document>,
}

impl AnnotatorDocs {
    /// An annotator's documents under a name.
    pub fn new(name: impl Into<String>, documents: Vec<Document>) -> Self {
        AnnotatorDocs {
            name: name.into(),
            documents,
        }
    }
}

/// `num / den`, or `None` when both are zero (see "Undefined values" above). A zero denominator
/// with a non-zero numerator cannot happen in these measures; it is also reported as `None`.
pub(crate) fn ratio(num: f64, den: f64) -> Option<f64> {
    (den != 0.0).then(|| num / den)
}
