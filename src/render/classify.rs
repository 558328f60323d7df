//! A classification as text for support and as JSON
//! (`hoshu.classification.v1`) for scripts; the reason of every rule.

use chrono::NaiveDate;
use serde::Serialize;

use super::catalogue::{self, Catalogue, Msg, Text};
use super::{Style, escape};
use crate::coverage::{
    self, Answer, Cause, Classification, Kind, KnownCause, RuleCheck, RuleId, Stage, Try, Verdict,
    WarrantyFrom,
};
use crate::lang::Lang;
use crate::rates::Estimate;

/// The classification as support reads it. With `explain`, every rule
/// considered for every try, and why it did or did not match.
/// `estimate`: what `--hours` asked for, when the verdict is not covered.
pub fn table(
    c: &Classification,
    explain: bool,
    estimate: Option<&Estimate>,
    style: Style,
    lang: Lang,
) -> String {
    let cat = catalogue::of(lang);
    let mut out = String::new();
    let head = format!(
        "{} — {}",
        cat.verdict(c.verdict).to_uppercase(),
        cat.verdict_gloss(c.verdict)
    );
    if style.color {
        // Bold, in the verdict's colour (SGR: 32 green, 31 red, 33 yellow).
        let color = match c.verdict {
            Verdict::Covered => 32,
            Verdict::Billable => 31,
            Verdict::Negotiate => 33,
        };
        out.push_str(&format!("\x1b[1;{color}m{head}\x1b[0m\n"));
    } else {
        out.push_str(&head);
        out.push('\n');
    }
    let mut rows = facts(c, cat);
    if let Some(e) = estimate {
        rows.push((cat.text(Text::Estimate), cat.estimate(e)));
    }
    let width = rows
        .iter()
        .map(|(name, _)| super::width(name) + super::width(colon(lang)))
        .max()
        .unwrap_or(0);
    for (name, value) in rows {
        // A plan's name comes from the user's rate card or flags. Long
        // values wrap under themselves, within the terminal's width.
        let label = format!("{name}{}", colon(lang));
        let pad = " ".repeat(width.saturating_sub(super::width(&label)));
        out.push_str(&hanging(&format!("{label}{pad} "), &escape(&value), style));
    }
    if explain {
        for t in c.tries.iter() {
            out.push('\n');
            let heading = cat.say(&Msg::RulesConsidered {
                assumption: &catalogue::assumption(cat, c, t),
            });
            out.push_str(&hanging("", &heading, style));
            for check in coverage::explain(&t.facts) {
                out.push_str(&explain_rule(&check, t, cat, style));
            }
        }
    }
    out
}

/// `prefix` then `text`, wrapped within the terminal's width, its further
/// lines indented under its first; a line of its own.
fn hanging(prefix: &str, text: &str, style: Style) -> String {
    let indent = super::width(prefix);
    let room = style
        .width
        .and_then(|w| usize::from(w).checked_sub(indent))
        .filter(|room| *room >= 20)
        .and_then(|room| u16::try_from(room).ok());
    let wrapped = super::wrap(text, room);
    let under = format!("\n{}", " ".repeat(indent));
    format!("{prefix}{}\n", wrapped.replace('\n', &under))
}

fn colon(lang: Lang) -> &'static str {
    match lang {
        Lang::En => ":",
        Lang::Ja => "：",
    }
}

/// The rows under the verdict: label and value.
fn facts(c: &Classification, cat: &dyn Catalogue) -> Vec<(&'static str, String)> {
    let mut rows = vec![
        (cat.text(Text::Rule), c.rule.as_str().to_owned()),
        (cat.text(Text::Reason), catalogue::reason(cat, c)),
        (cat.text(Text::Case), cat.case_line(c)),
        (cat.text(Text::Stage), cat.stage_line(c)),
        (cat.text(Text::Warranty), catalogue::warranty_line(cat, c)),
        (cat.text(Text::Plan), cat.plan_line(c)),
    ];
    if c.holidays_forecast {
        rows.push((
            cat.text(Text::Calendar),
            cat.say(&Msg::HolidaysForecast {
                after: crate::holidays::LAST_ANNOUNCED_YEAR,
            }),
        ));
    }
    rows
}

fn explain_rule(check: &RuleCheck, t: &Try, cat: &dyn Catalogue, style: Style) -> String {
    let mark = if check.matched { "✓" } else { "✗" };
    let mut out = format!(
        "  {mark} {:<22} → {}\n",
        check.rule.as_str(),
        cat.verdict(check.verdict)
    );
    for c in &check.conditions {
        let held = cat.text(if c.held { Text::Holds } else { Text::Fails });
        out.push_str(&hanging(
            &format!("      {held} "),
            &cat.condition(c.condition, t),
            style,
        ));
    }
    out
}

/// The classification as a ticket comment (GitHub-flavoured Markdown).
pub fn markdown(
    c: &Classification,
    explain: bool,
    estimate: Option<&Estimate>,
    lang: Lang,
) -> String {
    let cat = catalogue::of(lang);
    let mut out = format!(
        "### {}: **{}** — {}\n\n",
        cat.text(Text::Verdict),
        cat.verdict(c.verdict),
        cat.verdict_gloss(c.verdict)
    );
    let mut rows = facts(c, cat);
    if let Some(e) = estimate {
        rows.push((cat.text(Text::Estimate), cat.estimate(e)));
    }
    out.push_str("| | |\n|---|---|\n");
    for (name, value) in rows {
        let value = if name == cat.text(Text::Rule) {
            format!("`{value}`")
        } else {
            super::markdown_cell(&value)
        };
        out.push_str(&format!("| **{name}** | {value} |\n"));
    }
    if explain {
        for t in c.tries.iter() {
            out.push_str(&format!(
                "\n{}\n\n",
                cat.say(&Msg::RulesConsidered {
                    assumption: &catalogue::assumption(cat, c, t),
                })
            ));
            for check in coverage::explain(&t.facts) {
                out.push_str(&format!(
                    "- {} `{}` → {}\n",
                    if check.matched { "✓" } else { "✗" },
                    check.rule.as_str(),
                    cat.verdict(check.verdict)
                ));
                for cond in &check.conditions {
                    out.push_str(&format!(
                        "  - {} {}\n",
                        cat.text(if cond.held { Text::Holds } else { Text::Fails }),
                        super::markdown_cell(&cat.condition(cond.condition, t))
                    ));
                }
            }
        }
    }
    out
}

#[derive(Serialize, schemars::JsonSchema)]
#[schemars(title = "hoshu.classification.v1")]
struct JsonClassification<'a> {
    schema: &'static str,
    verdict: Verdict,
    rule: RuleId,
    reason: String,
    stage: Stage,
    reported: NaiveDate,
    delivered: Option<NaiveDate>,
    kind: Kind,
    external_cause: &'static str,
    impairs_operation: Answer,
    builder_knew: Answer,
    warranty: Option<JsonWarranty>,
    plan: JsonPlan<'a>,
    /// The facts to settle when the verdict is negotiate for want of them.
    unsettled: Vec<&'static str>,
    /// Art. 142's roll-over checked a day in a year whose holidays are a
    /// forecast (its equinoxes not announced yet): the dates are
    /// provisional.
    holidays_forecast: bool,
    tries: Vec<JsonTry>,
    /// `--hours` on a case that is not covered: hours × the hourly rate.
    #[serde(skip_serializing_if = "Option::is_none")]
    estimate: Option<&'a Estimate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    explain: Option<Vec<Vec<RuleCheck>>>,
}

#[derive(Serialize, schemars::JsonSchema)]
struct JsonWarranty {
    months: Option<u32>,
    from: WarrantyFrom,
    statutory: Option<coverage::Statutory>,
    start: NaiveDate,
    end: Option<NaiveDate>,
    /// The last day before Art. 142 moved it.
    rolled_from: Option<NaiveDate>,
    end_if_3_months: Option<NaiveDate>,
    end_if_6_months: Option<NaiveDate>,
    /// The last day Civil Code Art. 166(1) leaves a claim (5 years after
    /// learning, 10 years after delivery): it bounds every case.
    claim_end: Option<NaiveDate>,
    /// Days from the report to the last covered day; negative when past.
    days_left: Option<i64>,
}

#[derive(Serialize, schemars::JsonSchema)]
struct JsonPlan<'a> {
    name: Option<&'a str>,
    in_force: bool,
}

#[derive(Serialize, schemars::JsonSchema)]
struct JsonTry {
    external_cause: bool,
    warranty_months: Option<u32>,
    impairs_operation: bool,
    builder_knew: bool,
    rule: RuleId,
    verdict: Verdict,
}

/// The classification as `hoshu.classification.v1` JSON.
pub fn json(c: &Classification, explain: bool, estimate: Option<&Estimate>, lang: Lang) -> String {
    let doc = JsonClassification {
        schema: "hoshu.classification.v1",
        verdict: c.verdict,
        rule: c.rule,
        reason: catalogue::reason(catalogue::of(lang), c),
        stage: c.stage,
        reported: c.reported,
        delivered: c.delivered,
        kind: c.kind,
        external_cause: match c.cause {
            Cause::External => "yes",
            Cause::Internal => "no",
            Cause::Unknown => "unknown",
        },
        impairs_operation: c.impairs,
        builder_knew: c.builder_knew,
        warranty: c.warranty.map(|w| JsonWarranty {
            months: w.months,
            from: w.from,
            statutory: w.statutory,
            start: w.start,
            end: w.end,
            rolled_from: w.rolled_from,
            end_if_3_months: w.end_if_3_months,
            end_if_6_months: w.end_if_6_months,
            claim_end: w.claim_end,
            days_left: w.end.map(|e| (e - c.reported).num_days()),
        }),
        plan: JsonPlan {
            name: c.plan.name,
            in_force: c.plan.in_force,
        },
        unsettled: [
            (c.unsettled.cause, "external_cause"),
            (c.unsettled.warranty_months, "warranty_months"),
            (c.unsettled.impairs, "impairs_operation"),
            (c.unsettled.builder_knew, "builder_knew"),
        ]
        .into_iter()
        .filter_map(|(is, name)| is.then_some(name))
        .collect(),
        holidays_forecast: c.holidays_forecast,
        tries: c
            .tries
            .iter()
            .map(|t| JsonTry {
                external_cause: t.cause == KnownCause::External,
                warranty_months: t.warranty_months,
                impairs_operation: t.impairs,
                builder_knew: t.builder_knew,
                rule: t.rule,
                verdict: t.verdict,
            })
            .collect(),
        estimate,
        explain: explain.then(|| {
            c.tries
                .iter()
                .map(|t| coverage::explain(&t.facts))
                .collect()
        }),
    };
    let mut text = serde_json::to_string_pretty(&doc).expect("a classification always serializes");
    text.push('\n');
    text
}

/// The decision table itself, for README and `--explain` readers.
pub fn rules_table(lang: Lang) -> String {
    let cat = catalogue::of(lang);
    let mut out = String::new();
    for rule in coverage::RULES {
        let when: Vec<String> = rule.when.iter().map(|c| cat.rule_condition(*c)).collect();
        out.push_str(&format!(
            "| `{}` | {} | {} |\n",
            rule.id.as_str(),
            when.join("; "),
            cat.verdict(rule.verdict)
        ));
    }
    out
}

/// The JSON Schema (draft 2020-12) of `hoshu.classification.v1`.
pub fn schema() -> schemars::Schema {
    schemars::schema_for!(JsonClassification<'static>)
}
