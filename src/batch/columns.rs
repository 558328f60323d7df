//! Which column (CSV) or key (JSON Lines) holds which fact.
//!
//! A misspelt fact column is the batch's most dangerous mistake: `Delivered`
//! for `delivered` would pass through unread and every row would be taken
//! as "not delivered yet". So a name is a fact only when it is exactly the
//! fact's name, its Japanese name or mapped by `--column`; a name that
//! merely resembles one is refused until the user says what it is.

use crate::intake::Field;

use super::RESULT_COLUMNS;
use super::profile::{Ticket, TicketColumn};

/// What the user said about columns: `--column FACT=HEADER` and `--pass
/// HEADER`, which the file must have, and a profile's `[columns]` and
/// `pass`, used where the file has them (a preset names an export's
/// headers in both its languages).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ColumnRules {
    /// Headers (or keys) that hold a fact under another name.
    pub mapped: Vec<(Field, String)>,
    /// Headers (or keys) declared pass-through, whatever they resemble.
    pub passed: Vec<String>,
    /// A profile's headers of facts, where the file has them.
    pub may_map: Vec<(Field, String)>,
    /// A profile's pass-through headers, where the file has them.
    pub may_pass: Vec<String>,
    /// The result columns' names in words (each language's, as a CSV
    /// written for Excel has them), read as result columns too.
    pub result_names: Vec<[String; 6]>,
    /// The headers that may hold a ticket's hours worked (for
    /// `--comments`' estimate), the first the file has.
    pub hours: Vec<String>,
    /// Whether the estimate and comment columns are this run's results
    /// (`--comments`): without it a column of that name is the user's.
    pub comments: bool,
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
    /// `--project-column HEADER` names a header the file does not have.
    ProjectMissing { column: String },
}

impl ColumnRules {
    /// The flags' rules over a profile's: a fact the flags map is no
    /// longer mapped by the profile.
    pub fn over(self, profile: ColumnRules) -> ColumnRules {
        let mut may_map = profile.may_map;
        may_map.retain(|(fact, _)| !self.mapped.iter().any(|(f, _)| f == fact));
        ColumnRules {
            may_map,
            may_pass: profile.may_pass,
            ..self
        }
    }

    /// These rules, reading `names` as result columns too.
    pub fn with_result_names(self, names: Vec<[String; 6]>) -> ColumnRules {
        ColumnRules {
            result_names: names,
            ..self
        }
    }

    /// What `name` is under these rules.
    pub fn name(&self, name: &str) -> Name {
        if let Some((fact, _)) = self.mapped.iter().find(|(_, h)| h == name) {
            return Name::Fact(*fact);
        }
        if self.passed.iter().any(|p| p == name) {
            return Name::Pass;
        }
        if let Some((fact, _)) = self.may_map.iter().find(|(_, h)| h == name) {
            return Name::Fact(*fact);
        }
        if self.may_pass.iter().any(|p| p == name) {
            return Name::Pass;
        }
        if let Some(fact) = Field::from_column(name) {
            return Name::Fact(fact);
        }
        let results = super::result_count(self.comments);
        if let Some(i) = RESULT_COLUMNS[..results].iter().position(|r| *r == name) {
            return Name::Result(i);
        }
        if let Some(i) = self
            .result_names
            .iter()
            .find_map(|names| names[..results].iter().position(|r| r == name))
        {
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

/// The words in a header that point at a fact: Japanese stems found
/// anywhere in it (`納品予定日`, `外部要因の有無`), and English word
/// beginnings (`delivery_date`, `Actual delivery`, `reporter`, `Created`).
/// A header holding one is refused until it is mapped or passed: an export's
/// `納品予定日` read as nothing would make every ticket "not delivered yet".
pub const STEMS: [(Field, &[&str], &[&str]); Field::COUNT] = [
    (
        Field::Delivered,
        &["納品", "納入", "引渡", "引き渡"],
        &["deliver"],
    ),
    (
        Field::Reported,
        &["報告", "登録日", "起票", "受付日", "作成日"],
        &["report", "created"],
    ),
    (
        Field::ExternalCause,
        &["原因", "要因"],
        &["external", "cause"],
    ),
    (
        Field::Kind,
        &["種別", "種類", "分類", "トラッカー"],
        &["kind", "tracker", "type"],
    ),
    (
        Field::WarrantyMonths,
        &["保証", "瑕疵", "契約不適合"],
        &["warranty"],
    ),
    (Field::Plan, &["プラン", "保守契約"], &["plan"]),
    (
        Field::PlanStart,
        &["プラン開始", "契約開始", "保守開始"],
        &[],
    ),
    (
        Field::PlanEnd,
        &["プラン終了", "契約終了", "保守終了", "満了"],
        &[],
    ),
    (Field::Accepted, &["検収"], &["accept"]),
    (Field::WarrantyFrom, &["起算"], &[]),
    (Field::Learned, &["認識", "発覚"], &["learn"]),
    (
        Field::BuilderKnew,
        &["開発者認識", "故意", "重過失"],
        &["builder"],
    ),
    (Field::ImpairsOperation, &["稼働", "支障"], &["impair"]),
];

/// The fact `name` resembles, if any, the closest first: equal after
/// normalising; a header whose first word is a one-word fact's name
/// (`plan_name`); within two edits (one for the short names `kind` and
/// `plan` and the Japanese ones, so that `id` is not taken for `kind`);
/// holding a fact's stem ([`STEMS`]; the longest stem wins, so that
/// `契約不適合期間` is the warranty, not the plan).
fn near_miss(name: &str) -> Option<Field> {
    let lower = name.trim().to_lowercase();
    let plain = normalized(name);
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric() || !c.is_ascii())
        .filter(|w| !w.is_empty())
        .collect();
    let mut best: Option<((u8, usize), Field)> = None;
    for (fact, ja_stems, en_stems) in STEMS {
        let column = fact.column();
        let distance = strsim::levenshtein(&lower, column);
        let ja_distance = strsim::levenshtein(name.trim(), fact.ja_column());
        let limit = if column.len() <= 4 { 1 } else { 2 };
        let score = if plain == normalized(column) || plain == normalized(fact.ja_column()) {
            Some((0, 0))
        } else if words.first() == Some(&column) {
            Some((1, 0))
        } else if distance <= limit || ja_distance <= 1 {
            Some((2, distance.min(ja_distance)))
        } else {
            let ja = ja_stems
                .iter()
                .filter(|stem| name.contains(*stem))
                .map(|stem| stem.chars().count());
            let en = en_stems
                .iter()
                .filter(|stem| words.iter().any(|w| w.starts_with(*stem)))
                .map(|stem| stem.len());
            ja.chain(en).max().map(|longest| (3, usize::MAX - longest))
        };
        if let Some(score) = score
            && best.is_none_or(|(b, _)| score < b)
        {
            best = Some((score, fact));
        }
    }
    best.map(|(_, fact)| fact)
}

/// How a column (or key) is read, as `--explain-columns` says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    /// The fact, by its own name (English or Japanese) or a mapping.
    Fact { fact: Field, mapped: bool },
    /// A fact another column gives already: the header is refused.
    Twice(Field),
    /// The ticket's own column (a profile's `[ticket]`), passed through.
    Ticket(TicketColumn),
    /// A result column, replaced by this run's.
    Result,
    /// Passed through unread: declared so (`--pass`, a profile), or
    /// resembling no fact.
    Pass { declared: bool },
    /// Resembles a fact: the header is refused until mapped or passed.
    NearMiss(Field),
    /// Names each row's project, whose system gives the contract.
    Project,
}

/// How each of `names` is read under `rules`, with `ticket`'s columns and
/// the `project` column.
pub fn readings(
    names: &[String],
    rules: &ColumnRules,
    ticket: &Ticket,
    project: Option<&str>,
) -> Vec<Reading> {
    let mut seen: Vec<Field> = Vec::new();
    names
        .iter()
        .map(|name| match rules.name(name) {
            _ if project == Some(name.as_str()) => Reading::Project,
            Name::Fact(fact) if seen.contains(&fact) => Reading::Twice(fact),
            Name::Fact(fact) => {
                seen.push(fact);
                Reading::Fact {
                    fact,
                    mapped: Field::from_column(name) != Some(fact),
                }
            }
            Name::Result(_) => Reading::Result,
            Name::NearMiss(fact) => Reading::NearMiss(fact),
            Name::Pass => match ticket.column(name) {
                Some(column) => Reading::Ticket(column),
                None => Reading::Pass {
                    declared: rules
                        .passed
                        .iter()
                        .chain(&rules.may_pass)
                        .any(|p| p == name),
                },
            },
        })
        .collect()
}

/// Where a fact comes from when a row's cell is empty or there is no
/// column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fallback {
    /// A flag (its name).
    Flag(&'static str),
    /// The system file (its key).
    System(&'static str),
    /// The system file of the row's project (its key).
    ProjectSystem(&'static str),
    /// The profile's `[defaults]`.
    Profile,
    /// The report date of a row that gives none.
    Today,
}

/// Where a batch takes a fact from: a column, else a fallback.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FactSource {
    pub column: Option<String>,
    pub otherwise: Option<Fallback>,
}

/// Where each fact comes from, given the columns read and `fallback`.
pub fn fact_sources(
    names: &[String],
    readings: &[Reading],
    fallback: impl Fn(Field) -> Option<Fallback>,
) -> Vec<(Field, FactSource)> {
    Field::ALL
        .into_iter()
        .map(|field| {
            let column = names.iter().zip(readings).find_map(|(name, r)| {
                matches!(r, Reading::Fact { fact, .. } if *fact == field).then(|| name.clone())
            });
            let otherwise =
                fallback(field).or((field == Field::Reported).then_some(Fallback::Today));
            (field, FactSource { column, otherwise })
        })
        .collect()
}

/// Where each fact and result column of a CSV header is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    pub facts: Vec<(usize, Field)>,
    pub results: [Option<usize>; 6],
    /// The column naming each row's project (`--project-column`).
    pub project: Option<usize>,
    /// The column of the hours worked (`--comments`).
    pub hours: Option<usize>,
}

impl Layout {
    /// Read a header under `rules`; `has_defaults` says whether flags or a
    /// system file give facts of their own. Every problem is reported.
    pub fn of_header(
        header: &[String],
        rules: &ColumnRules,
        project: Option<&str>,
        has_defaults: bool,
    ) -> Result<Layout, Vec<HeaderProblem>> {
        let mut problems = Vec::new();
        let mut layout = Layout {
            facts: Vec::new(),
            results: [None; 6],
            project: None,
            hours: None,
        };
        for (i, column) in header.iter().enumerate() {
            if project == Some(column.as_str()) && layout.project.is_none() {
                layout.project = Some(i);
                continue;
            }
            if rules.comments && layout.hours.is_none() && rules.hours.contains(column) {
                layout.hours = Some(i);
                continue;
            }
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
        for column in rules.passed.iter().chain(&rules.may_pass) {
            if let Some(fact) = Field::from_column(column)
                && header.contains(column)
            {
                problems.push(HeaderProblem::PassedFact {
                    column: column.clone(),
                    fact,
                });
            } else if !header.contains(column) && rules.passed.contains(column) {
                problems.push(HeaderProblem::PassedMissing {
                    column: column.clone(),
                });
            }
        }
        if let Some(column) = project
            && layout.project.is_none()
        {
            problems.push(HeaderProblem::ProjectMissing {
                column: column.to_owned(),
            });
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

    /// Every stem, alone, inside a longer header and with a date's 日 or
    /// an English word after it, is refused as the fact it belongs to (or
    /// one whose longer stem it holds).
    #[test]
    fn every_stem_in_a_header_is_refused() {
        assert_eq!(STEMS.map(|(f, _, _)| f), Field::ALL, "STEMS in Field order");
        for (fact, ja, en) in STEMS {
            let headers = ja
                .iter()
                .flat_map(|stem| {
                    [
                        stem.to_string(),
                        format!("{stem}日"),
                        format!("実{stem}予定"),
                        format!("{stem}の有無"),
                    ]
                })
                .chain(en.iter().flat_map(|stem| {
                    [
                        stem.to_string(),
                        format!("Actual {stem}ed date"),
                        format!("{}_at", stem.to_uppercase()),
                    ]
                }));
            for header in headers {
                let (Name::NearMiss(found) | Name::Fact(found)) = name(&header) else {
                    panic!("{header} passed unread");
                };
                // A longer stem of another fact may win (保証 in 保証起算).
                let longer = STEMS
                    .iter()
                    .any(|(f, ja, _)| *f == found && ja.iter().any(|s| header.contains(s)));
                assert!(found == fact || longer, "{header}: {found:?}, not {fact:?}");
            }
        }
        for (header, fact) in [
            ("納品予定日", Field::Delivered),
            ("納品年月日", Field::Delivered),
            ("外部要因の有無", Field::ExternalCause),
            ("原因", Field::ExternalCause),
            ("登録日", Field::Reported),
            ("作成日", Field::Reported),
            ("Created", Field::Reported),
            ("トラッカー", Field::Kind),
            ("Issue Type", Field::Kind),
            ("契約不適合責任期間", Field::WarrantyMonths),
            ("瑕疵担保期間", Field::WarrantyMonths),
            ("保守契約", Field::Plan),
            ("契約開始日", Field::PlanStart),
            ("契約満了日", Field::PlanEnd),
            ("検収年月日", Field::Accepted),
            ("開発者認識の有無", Field::BuilderKnew),
            ("稼働への支障", Field::ImpairsOperation),
        ] {
            assert_eq!(name(header), Name::NearMiss(fact), "{header}");
        }
    }

    /// The other columns of Backlog's and Redmine's exports pass through.
    #[test]
    fn helpdesk_columns_that_are_no_fact_pass() {
        for header in [
            "キー",
            "件名",
            "詳細",
            "状態",
            "優先度",
            "担当者",
            "開始日",
            "期限日",
            "予定時間",
            "実績時間",
            "カテゴリー",
            "マイルストーン",
            "親課題",
            "更新日",
            "更新者",
            "登録者",
            "#",
            "ステータス",
            "題名",
            "説明",
            "作成者",
            "期日",
            "作業時間",
            "進捗率",
            "Key",
            "Summary",
            "Description",
            "Status",
            "Priority",
            "Assignee",
            "Subject",
            "Author",
            "Updated",
            "Start date",
            "Due date",
            "Spent time",
            "Estimated time",
        ] {
            assert_eq!(name(header), Name::Pass, "{header}");
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
            ..ColumnRules::default()
        };
        assert_eq!(rules.name("Delivery Date"), Name::Fact(Field::Delivered));
        assert_eq!(rules.name("Reporter"), Name::Pass);
    }

    #[test]
    fn a_fact_twice_and_nothing_to_classify_by_are_refused() {
        let header = |h: &[&str]| h.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let rules = ColumnRules::default();
        assert_eq!(
            Layout::of_header(&header(&["delivered", "納品日"]), &rules, None, false),
            Err(vec![HeaderProblem::FactTwice {
                fact: Field::Delivered,
                first: "delivered".into(),
                second: "納品日".into()
            }])
        );
        assert_eq!(
            Layout::of_header(&header(&["id", "title"]), &rules, None, false),
            Err(vec![HeaderProblem::NothingToClassifyBy])
        );
        assert!(Layout::of_header(&header(&["id", "title"]), &rules, None, true).is_ok());
    }
}
