//! Which column (CSV) or key (JSON Lines) holds which fact.
//!
//! A misspelt fact column is the batch's most dangerous mistake: `Delivered`
//! for `delivered` would pass through unread and every row would be taken
//! as "not delivered yet". So a name is a fact only when it is exactly the
//! fact's name, its Japanese name or mapped by `--column`; a name that
//! merely resembles one is refused until the user says what it is.

use crate::intake::Field;

use super::RESULT_COLUMNS;

/// What the user said about columns: `--column FACT=HEADER` and `--pass HEADER`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ColumnRules {
    /// Headers (or keys) that hold a fact under another name.
    pub mapped: Vec<(Field, String)>,
    /// Headers (or keys) declared pass-through, whatever they resemble.
    pub passed: Vec<String>,
}

/// What a column or key is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Name {
    Fact(Field),
    /// One of [`RESULT_COLUMNS`], by index: replaced by this run's result.
    Result(usize),
    /// Passed through unread.
    Pass,
    /// Resembles a fact's name: refused until mapped or passed.
    NearMiss(Field),
}

/// A header (or the keys given) that cannot be classified by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HeaderProblem {
    /// A column whose name resembles a fact's.
    NearMiss { column: String, fact: Field },
    /// A fact given by two columns (or a column and a mapping).
    FactTwice {
        fact: Field,
        first: String,
        second: String,
    },
    /// `--column FACT=HEADER` names a header the file does not have.
    MappedMissing { fact: Field, column: String },
    /// `--pass HEADER` names a header the file does not have.
    PassedMissing { column: String },
    /// `--pass HEADER` names a fact's own column: passed, the fact would
    /// silently be read from nowhere (every row "not delivered yet").
    PassedFact { column: String, fact: Field },
    /// No fact column, no fact flag, no system file.
    NothingToClassifyBy,
}

impl ColumnRules {
    /// What `name` is under these rules.
    pub fn name(&self, name: &str) -> Name {
        if let Some((fact, _)) = self.mapped.iter().find(|(_, h)| h == name) {
            return Name::Fact(*fact);
        }
        if self.passed.iter().any(|p| p == name) {
            return Name::Pass;
        }
        if let Some(fact) = Field::from_column(name) {
            return Name::Fact(fact);
        }
        if let Some(i) = RESULT_COLUMNS.iter().position(|r| *r == name) {
            return Name::Result(i);
        }
        near_miss(name).map_or(Name::Pass, Name::NearMiss)
    }
}

/// Lower case, without surrounding space, `-`, `_` or spaces inside.
fn normalized(name: &str) -> String {
    name.trim()
        .chars()
        .filter(|c| !matches!(c, '-' | '_' | ' ' | '\u{3000}'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// The first word of each fact's name: a header beginning with it is taken
/// for that fact (`delivery_date`, `reporter`, `plan_name`).
const FIRST_WORDS: [&str; 9] = [
    "deliver", "report", "external", "warranty", "plan", "accept", "learn", "builder", "impair",
];

/// The fact `name` resembles, if any: equal after normalising, within two
/// edits (one for the short names `kind` and `plan` and the Japanese ones,
/// so that `id` is not taken for `kind`), or beginning with a fact's first
/// word. The closest fact wins.
fn near_miss(name: &str) -> Option<Field> {
    let lower = name.trim().to_lowercase();
    let plain = normalized(name);
    let mut best: Option<(usize, Field)> = None;
    for fact in Field::ALL {
        let column = fact.column();
        let distance = strsim::levenshtein(&lower, column);
        let ja_distance = strsim::levenshtein(name.trim(), fact.ja_column());
        let limit = if column.len() <= 4 { 1 } else { 2 };
        let same = plain == normalized(column) || plain == normalized(fact.ja_column());
        let first_word = FIRST_WORDS
            .iter()
            .find(|w| column.starts_with(*w) && lower.starts_with(*w));
        // The closest: equal when normalised, then a header beginning with
        // the whole of a one-word name (`plan_name` is `plan`), then edits.
        let score = if same {
            0
        } else if first_word.is_some_and(|w| *w == column) {
            1
        } else {
            distance.min(ja_distance)
        };
        let resembles = same || distance <= limit || ja_distance <= 1 || first_word.is_some();
        if resembles && best.is_none_or(|(d, _)| score < d) {
            best = Some((score, fact));
        }
    }
    best.map(|(_, fact)| fact)
}

/// Where each fact and result column of a CSV header is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    pub facts: Vec<(usize, Field)>,
    pub results: [Option<usize>; 4],
}

impl Layout {
    /// Read a header under `rules`; `has_defaults` says whether flags or a
    /// system file give facts of their own. Every problem is reported.
    pub fn of_header(
        header: &[String],
        rules: &ColumnRules,
        has_defaults: bool,
    ) -> Result<Layout, Vec<HeaderProblem>> {
        let mut problems = Vec::new();
        let mut layout = Layout {
            facts: Vec::new(),
            results: [None; 4],
        };
        for (i, column) in header.iter().enumerate() {
            match rules.name(column) {
                Name::Fact(fact) => match layout.facts.iter().find(|(_, f)| *f == fact) {
                    Some(&(first, _)) => problems.push(HeaderProblem::FactTwice {
                        fact,
                        first: header[first].clone(),
                        second: column.clone(),
                    }),
                    None => layout.facts.push((i, fact)),
                },
                Name::Result(k) if layout.results[k].is_none() => layout.results[k] = Some(i),
                Name::Result(_) | Name::Pass => {}
                Name::NearMiss(fact) => problems.push(HeaderProblem::NearMiss {
                    column: column.clone(),
                    fact,
                }),
            }
        }
        for (fact, column) in &rules.mapped {
            if !header.contains(column) {
                problems.push(HeaderProblem::MappedMissing {
                    fact: *fact,
                    column: column.clone(),
                });
            }
        }
        for column in &rules.passed {
            if let Some(fact) = Field::from_column(column)
                && header.contains(column)
            {
                problems.push(HeaderProblem::PassedFact {
                    column: column.clone(),
                    fact,
                });
            } else if !header.contains(column) {
                problems.push(HeaderProblem::PassedMissing {
                    column: column.clone(),
                });
            }
        }
        if layout.facts.is_empty() && !has_defaults {
            problems.push(HeaderProblem::NothingToClassifyBy);
        }
        if problems.is_empty() {
            Ok(layout)
        } else {
            Err(problems)
        }
    }

    /// Whether any result column is in the input already.
    pub fn has_results(&self) -> bool {
        self.results.iter().any(Option::is_some)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(n: &str) -> Name {
        ColumnRules::default().name(n)
    }

    #[test]
    fn exact_names_english_and_japanese_are_facts() {
        assert_eq!(name("delivered"), Name::Fact(Field::Delivered));
        assert_eq!(name("納品日"), Name::Fact(Field::Delivered));
        assert_eq!(name("プラン終了日"), Name::Fact(Field::PlanEnd));
        assert_eq!(name("verdict"), Name::Result(0));
    }

    #[test]
    fn near_misses_are_named_with_the_fact_they_resemble() {
        for (header, fact) in [
            ("Delivered", Field::Delivered),
            (" delivered ", Field::Delivered),
            ("delivery_date", Field::Delivered),
            ("Reported-At", Field::Reported),
            ("reporter", Field::Reported),
            ("External Cause", Field::ExternalCause),
            ("warranty_month", Field::WarrantyMonths),
            ("Warranty-From", Field::WarrantyFrom),
            ("acceptance", Field::Accepted),
            ("kinds", Field::Kind),
            ("plan-end", Field::PlanEnd),
            ("planstart", Field::PlanStart),
            ("plan_name", Field::Plan),
            ("納品", Field::Delivered),
            ("納品日 ", Field::Delivered),
        ] {
            assert_eq!(name(header), Name::NearMiss(fact), "{header}");
        }
    }

    #[test]
    fn common_other_columns_pass() {
        for header in ["id", "title", "note", "assignee", "status", "priority", ""] {
            assert_eq!(name(header), Name::Pass, "{header}");
        }
    }

    #[test]
    fn mapping_and_passing_decide_first() {
        let rules = ColumnRules {
            mapped: vec![(Field::Delivered, "Delivery Date".into())],
            passed: vec!["Reporter".into()],
        };
        assert_eq!(rules.name("Delivery Date"), Name::Fact(Field::Delivered));
        assert_eq!(rules.name("Reporter"), Name::Pass);
    }

    #[test]
    fn a_fact_twice_and_nothing_to_classify_by_are_refused() {
        let header = |h: &[&str]| h.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let rules = ColumnRules::default();
        assert_eq!(
            Layout::of_header(&header(&["delivered", "納品日"]), &rules, false),
            Err(vec![HeaderProblem::FactTwice {
                fact: Field::Delivered,
                first: "delivered".into(),
                second: "納品日".into()
            }])
        );
        assert_eq!(
            Layout::of_header(&header(&["id", "title"]), &rules, false),
            Err(vec![HeaderProblem::NothingToClassifyBy])
        );
        assert!(Layout::of_header(&header(&["id", "title"]), &rules, true).is_ok());
    }
}
