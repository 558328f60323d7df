//! A batch profile: what differs per firm and per helpdesk between an
//! export and hoshu's facts. Which header holds which fact (`[columns]`),
//! what the helpdesk's words mean (`[values.FACT]`: `"自社起因" = "no"`),
//! the facts the export lacks (`[defaults]`), and the columns to pass
//! through unread (`pass`). A profile may start from a built-in preset for
//! a helpdesk's export (`preset = "backlog"`), and `--preset NAME` is that
//! preset alone.
//!
//! A profile is checked as a system file is: every problem at once, at its
//! line and key; a value it maps to must be one hoshu reads.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::file_error::{Checked, FileError, KeyProblem};
use crate::intake::{CaseInput, FactProblem, Field, IntakeError, parse_field};
use crate::key_path::KeyPath;
use crate::rates::RateCard;

use super::columns::ColumnRules;

/// The built-in presets: name, and the profile it is.
pub const PRESETS: [(&str, &str); 4] = [
    ("backlog", include_str!("presets/backlog.toml")),
    ("redmine", include_str!("presets/redmine.toml")),
    ("jira", include_str!("presets/jira.toml")),
    ("zendesk", include_str!("presets/zendesk.toml")),
];

/// A header, or several a fact may have (an export's Japanese and English
/// headers).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub enum Headers {
    One(String),
    Many(Vec<String>),
}

impl Headers {
    fn all(&self) -> &[String] {
        match self {
            Headers::One(h) => std::slice::from_ref(h),
            Headers::Many(hs) => hs,
        }
    }
}

/// A profile file as written.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// A built-in preset this profile starts from.
    #[serde(default)]
    pub preset: Option<String>,
    /// Fact = header (or headers).
    #[serde(default)]
    pub columns: BTreeMap<String, Headers>,
    /// Fact → the helpdesk's value → hoshu's value.
    #[serde(default)]
    pub values: BTreeMap<String, BTreeMap<String, String>>,
    /// Fact = value, for the facts the export lacks.
    #[serde(default)]
    pub defaults: BTreeMap<String, String>,
    /// Headers passed through unread, whatever they resemble.
    #[serde(default)]
    pub pass: Vec<String>,
    /// The headers of the ticket's own columns.
    #[serde(default)]
    pub ticket: Ticket,
}

/// Which headers hold the ticket's id, title and hours worked: passed
/// through, and named when a header is explained.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ticket {
    #[serde(default)]
    pub id: Option<Headers>,
    #[serde(default)]
    pub title: Option<Headers>,
    #[serde(default)]
    pub hours: Option<Headers>,
}

/// A column of the ticket itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TicketColumn {
    Id,
    Title,
    Hours,
}

impl Ticket {
    /// Each column with its headers.
    pub fn columns(&self) -> impl Iterator<Item = (TicketColumn, &String)> {
        [
            (TicketColumn::Id, &self.id),
            (TicketColumn::Title, &self.title),
            (TicketColumn::Hours, &self.hours),
        ]
        .into_iter()
        .flat_map(|(c, h)| h.iter().flat_map(|h| h.all()).map(move |h| (c, h)))
    }

    /// What `header` is of the ticket, if anything.
    pub fn column(&self, header: &str) -> Option<TicketColumn> {
        self.columns().find(|(_, h)| *h == header).map(|(c, _)| c)
    }

    fn extend(&mut self, other: Ticket) {
        self.id = other.id.or(self.id.take());
        self.title = other.title.or(self.title.take());
        self.hours = other.hours.or(self.hours.take());
    }
}

impl Profile {
    pub fn from_toml(text: &str, origin: &str) -> Result<Profile, FileError> {
        FileError::parse_checked(origin, text)
    }

    /// A built-in preset by name.
    pub fn preset(name: &str) -> Option<Profile> {
        let (_, text) = PRESETS.iter().find(|(n, _)| *n == name)?;
        // The presets are checked by a test (`every_preset_reads_and_checks`).
        Some(Profile::from_toml(text, name).expect("a built-in preset reads"))
    }

    /// Check what refers to the rate card: a plan the profile gives (a
    /// default, or a value it maps to) must exist. `text` and `origin` are
    /// the file's, to point at the key.
    pub fn check_against(
        &self,
        card: &RateCard,
        text: &str,
        origin: &str,
    ) -> Result<(), FileError> {
        // Read as a cell is: trimmed.
        let unknown = |plan: &str| card.unknown_plan(plan.trim());
        let mut problems = Vec::new();
        for (fact, value) in &self.defaults {
            if Field::from_column(fact) == Some(Field::Plan)
                && let Some(p) = unknown(value)
            {
                problems.push((KeyPath::default().key("defaults").key(fact.as_str()), p));
            }
        }
        for (fact, map) in &self.values {
            if Field::from_column(fact) != Some(Field::Plan) {
                continue;
            }
            for (from, to) in map {
                if let Some(p) = unknown(to) {
                    problems.push((
                        KeyPath::default()
                            .key("values")
                            .key(fact.as_str())
                            .key(from.as_str()),
                        p,
                    ));
                }
            }
        }
        FileError::check(origin, text, problems)
    }

    /// This profile over the preset it names (its own entries win).
    pub fn with_preset(self) -> Profile {
        let Some(mut base) = self.preset.as_deref().and_then(Profile::preset) else {
            return self;
        };
        base.preset = self.preset;
        base.columns.extend(self.columns);
        for (fact, map) in self.values {
            base.values.entry(fact).or_default().extend(map);
        }
        base.defaults.extend(self.defaults);
        base.pass.extend(self.pass);
        base.ticket.extend(self.ticket);
        base
    }

    /// What the profile says, read: column rules, value maps and default
    /// texts by fact. Call on a checked profile.
    pub fn read(&self) -> ProfileRules {
        let mut rules = ProfileRules::default();
        for (fact, headers) in &self.columns {
            if let Some(field) = Field::from_column(fact) {
                for h in headers.all() {
                    rules.columns.may_map.push((field, h.clone()));
                }
            }
        }
        // The ticket's own columns pass, whatever they resemble.
        rules.columns.may_pass = self.pass.clone();
        rules
            .columns
            .may_pass
            .extend(self.ticket.columns().map(|(_, h)| h.clone()));
        rules.ticket = self.ticket.clone();
        for (fact, map) in &self.values {
            if let Some(field) = Field::from_column(fact) {
                let mut sorted: ValueMap = map
                    .iter()
                    .map(|(from, to)| (from.trim().as_bytes().into(), to.as_bytes().into()))
                    .collect();
                sorted.sort();
                // Keys equal once trimmed are refused by the check.
                sorted.dedup_by(|a, b| a.0 == b.0);
                rules.values.maps[field as usize] = Some(sorted);
            }
        }
        for (fact, value) in &self.defaults {
            if let Some(field) = Field::from_column(fact) {
                rules.defaults.push((field, value.clone()));
            }
        }
        rules
    }
}

/// A profile read for a run.
#[derive(Debug, Clone, Default)]
pub struct ProfileRules {
    pub columns: ColumnRules,
    pub ticket: Ticket,
    pub values: ValueMaps,
    /// The facts the export lacks, as text (read like a cell).
    pub defaults: Vec<(Field, String)>,
}

impl ProfileRules {
    /// The defaults as facts, over `base` (a flag or the system file wins).
    pub fn defaults_under<'a>(&'a self, base: CaseInput<'a>) -> CaseInput<'a> {
        let mut input = CaseInput::default();
        for (field, text) in &self.defaults {
            // Checked when the profile was read.
            let _ = parse_field(&mut input, *field, text.as_bytes());
        }
        base.or(input)
    }
}

/// One fact's map: the helpdesk's value (trimmed), hoshu's; sorted by the
/// helpdesk's value and searched by halves (a few comparisons of short
/// bytes, no hashing of every cell).
type ValueMap = Vec<(Box<[u8]>, Box<[u8]>)>;

/// The helpdesk's values of each fact, mapped to hoshu's.
#[derive(Debug, Clone, Default)]
pub struct ValueMaps {
    maps: [Option<ValueMap>; Field::COUNT],
}

impl ValueMaps {
    /// No maps.
    pub const fn none() -> ValueMaps {
        ValueMaps {
            maps: [const { None }; Field::COUNT],
        }
    }

    /// Read `cell` as `field` into `input`, through `field`'s map: a value
    /// neither the map has nor hoshu reads is [`FactProblem::NotMapped`].
    #[inline]
    pub fn parse<'i>(
        &'i self,
        input: &mut CaseInput<'i>,
        field: Field,
        cell: &'i [u8],
    ) -> Result<(), IntakeError> {
        let key = cell.trim_ascii();
        let Some(map) = &self.maps[field as usize] else {
            // A blank cell gives nothing, unless a map reads it.
            if key.is_empty() {
                return Ok(());
            }
            return parse_field(input, field, key);
        };
        match map.binary_search_by(|(from, _)| (**from).cmp(key)) {
            Ok(i) => parse_field(input, field, &map[i].1),
            Err(_) => parse_field(input, field, cell).map_err(|mut e| {
                if let FactProblem::NotOneOf { got, .. } = e.problem {
                    e.problem = FactProblem::NotMapped { got, field };
                }
                e
            }),
        }
    }
}

impl Checked for Profile {
    fn problems(&self) -> Vec<(KeyPath, KeyProblem)> {
        let mut out = Vec::new();
        let fact = |section: &'static str, name: &str, out: &mut Vec<_>| {
            let field = Field::from_column(name);
            if field.is_none() {
                out.push((
                    KeyPath::default().key(section).key(name),
                    KeyProblem::NotAFact {
                        got: name.to_owned(),
                    },
                ));
            }
            field
        };
        if let Some(name) = &self.preset
            && Profile::preset(name).is_none()
        {
            out.push((
                KeyPath::default().key("preset"),
                KeyProblem::UnknownPreset { got: name.clone() },
            ));
        }
        let bad_value = |field: Field, text: &str| -> Option<FactProblem> {
            let mut input = CaseInput::default();
            if text.trim().is_empty() {
                return Some(FactProblem::NotOneOf {
                    got: text.to_owned(),
                    values: field.fact().values,
                });
            }
            parse_field(&mut input, field, text.as_bytes())
                .err()
                .map(|e: IntakeError| e.problem)
        };
        for (name, headers) in &self.columns {
            fact("columns", name, &mut out);
            for h in headers.all() {
                if h.trim().is_empty() {
                    out.push((
                        KeyPath::default().key("columns").key(name.as_str()),
                        KeyProblem::Empty,
                    ));
                }
            }
        }
        for (name, map) in &self.values {
            let Some(field) = fact("values", name, &mut out) else {
                continue;
            };
            let mut trimmed = std::collections::HashSet::new();
            for (from, to) in map {
                if !trimmed.insert(from.trim()) {
                    out.push((
                        KeyPath::default()
                            .key("values")
                            .key(name.as_str())
                            .key(from.as_str()),
                        KeyProblem::Duplicate {
                            name: from.trim().to_owned(),
                        },
                    ));
                }
                if let Some(problem) = bad_value(field, to) {
                    out.push((
                        KeyPath::default()
                            .key("values")
                            .key(name.as_str())
                            .key(from.as_str()),
                        KeyProblem::FactValue { problem },
                    ));
                }
            }
        }
        for (name, value) in &self.defaults {
            let Some(field) = fact("defaults", name, &mut out) else {
                continue;
            };
            if let Some(problem) = bad_value(field, value) {
                out.push((
                    KeyPath::default().key("defaults").key(name.as_str()),
                    KeyProblem::FactValue { problem },
                ));
            }
        }
        for (i, h) in self.pass.iter().enumerate() {
            if h.trim().is_empty() {
                out.push((KeyPath::default().key("pass").index(i), KeyProblem::Empty));
            }
        }
        for (column, h) in self.ticket.columns() {
            if h.trim().is_empty() {
                let key = match column {
                    TicketColumn::Id => "id",
                    TicketColumn::Title => "title",
                    TicketColumn::Hours => "hours",
                };
                out.push((KeyPath::default().key("ticket").key(key), KeyProblem::Empty));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_preset_reads_and_checks() {
        for (name, text) in PRESETS {
            let profile = Profile::from_toml(text, name).unwrap();
            assert_eq!(profile.problems(), Vec::new(), "{name}");
            assert!(Profile::preset(name).is_some());
        }
    }
}
