//! A classification as text for support and as JSON
//! (`hoshu.classification.v1`) for scripts; the reason of every rule.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::{Style, escape, text};
use crate::coverage::{
    self, Answer, Cause, Classification, Condition, Kind, KnownCause, RuleCheck, RuleId, Stage,
    Try, Verdict, Warranty, WarrantyFrom,
};
use crate::rates::Estimate;

pub fn verdict(v: Verdict) -> &'static str {
    match v {
        Verdict::Covered => "covered",
        Verdict::Billable => "billable",
        Verdict::Negotiate => "negotiate",
    }
}

fn verdict_gloss(v: Verdict) -> &'static str {
    match v {
        Verdict::Covered => "fixed free of charge",
        Verdict::Billable => "the customer pays",
        Verdict::Negotiate => "consult the customer before deciding",
    }
}

fn stage(s: Stage) -> &'static str {
    match s {
        Stage::BeforeDelivery => "before delivery",
        Stage::AfterDelivery => "after delivery",
    }
}

fn kind(k: Kind) -> &'static str {
    match k {
        Kind::Defect => "defect",
        Kind::Change => "spec change",
        Kind::Minor => "minor request",
        Kind::Incident => "incident (restore after a failure)",
    }
}

fn known_cause(c: KnownCause) -> &'static str {
    match c {
        KnownCause::External => "external cause",
        KnownCause::Internal => "the system's own defect (cause not external)",
    }
}

fn the_work(c: &Classification, t: &Try) -> &'static str {
    coverage::work_asked(c.kind, t.cause).map_or("spec changes", text::work)
}

fn plan_name<'a>(c: &Classification<'a>) -> &'a str {
    c.plan.name.unwrap_or("-")
}

/// The reason for one try's rule, in a sentence.
fn rule_reason(c: &Classification, t: &Try) -> String {
    let end = c
        .warranty
        .and_then(|w| coverage_end(&w, t.warranty_months))
        .map_or_else(String::new, |e| e.to_string());
    match t.rule {
        RuleId::BeforeChange => {
            "A spec change or a fix the contract did not include costs extra (別途費用).".into()
        }
        RuleId::BeforeMinor => "Before delivery, a minor item can sometimes be absorbed within the budget, \
             but as a rule each one needs consultation (協議)."
            .into(),
        RuleId::BeforeOwnDefect => {
            "Found before delivery: a defect against the agreed spec is fixed at development cost.".into()
        }
        RuleId::BeforeExternalCause => {
            "Found before delivery, but caused outside the delivered program: who pays needs consultation.".into()
        }
        RuleId::AfterChange => {
            "A spec change is covered by no warranty and no plan: it is quoted and paid separately.".into()
        }
        RuleId::AfterWarranty if t.builder_knew => {
            "The system's own defect, which the builder knew of at delivery (or missed through gross negligence): \
             no time limit protects the builder (Civil Code Art. 637(2)), so it is fixed free.".into()
        }
        RuleId::AfterWarranty => format!(
            "The system's own defect, impairing the running, reported within the warranty (契約不適合責任, formerly 瑕疵担保; {}): fixed free, whatever the plan.",
            match c.warranty {
                Some(w) if w.statutory.is_some() => format!(
                    "the contract sets no term, so the Civil Code's: notice within a year of learning of it, by {end}"
                ),
                Some(w) if w.months.is_none() => format!(
                    "even a 3-month warranty lasts to {}",
                    w.end_if_3_months.map_or_else(String::new, |e| e.to_string())
                ),
                _ => format!("last day {end}"),
            }
        ),
        RuleId::AfterPlanCovers => format!(
            "The maintenance plan \"{}\" is in force on {} and covers {}.",
            plan_name(c),
            c.reported,
            the_work(c, t)
        ),
        RuleId::AfterPlanExcludes => format!(
            "The maintenance plan \"{}\" is in force on {} but does not cover {}.",
            plan_name(c),
            c.reported,
            the_work(c, t)
        ),
        RuleId::AfterWarrantyExpired => format!(
            "The system's own defect, reported after the warranty ended ({}), with no maintenance plan in force.",
            match c.warranty.and_then(|w| w.end_if_6_months) {
                Some(e6) => format!("even a 6-month warranty ended {e6}"),
                None => format!("last day {end}"),
            }
        ),
        RuleId::AfterExternalCause => "A failure from an external cause is not a defect of the delivered program; \
             with no maintenance plan in force it is paid work."
            .into(),
        RuleId::AfterMinor => "A minor request after delivery with no maintenance plan in force is paid work.".into(),
        RuleId::BeforeIncident => {
            "Before delivery the system is still the builder's: a failure is restored at development cost.".into()
        }
        RuleId::AfterIncident => {
            "Restoring after a failure (server down, data lost) is operation work; with no maintenance plan in force it is paid work.".into()
        }
        RuleId::AfterWarrantyNotImpairing => format!(
            "Reported within the warranty (契約不適合責任, formerly 瑕疵担保; last day {end}), but the defect does not impair the program's running: \
             the free fix is for defects that do (稼働に支障が出る場合), so with no plan in force it is paid work."
        ),
        RuleId::Unsettled => String::new(),
    }
}

fn coverage_end(w: &Warranty, months: Option<u32>) -> Option<NaiveDate> {
    match (w.months, months) {
        (Some(_), _) | (None, None) => w.end,
        (None, Some(m)) if m == coverage::UNKNOWN_WARRANTY_TRIES[0] => w.end_if_3_months,
        (None, Some(_)) => w.end_if_6_months,
    }
}

fn assumption(t: &Try, c: &Classification) -> String {
    let mut parts = Vec::new();
    if c.cause == Cause::Unknown {
        parts.push(match t.cause {
            KnownCause::External => "the cause is external".to_owned(),
            KnownCause::Internal => "the cause is not external".to_owned(),
        });
    }
    if let (Some(w), Some(m)) = (c.warranty, t.warranty_months)
        && w.months.is_none()
    {
        parts.push(format!("the warranty is {m} months"));
    }
    if c.impairs == Answer::Unknown && t.facts.stage == coverage::Stage::AfterDelivery {
        parts.push(if t.impairs {
            "it impairs the running".to_owned()
        } else {
            "it does not impair the running".to_owned()
        });
    }
    if c.builder_knew == Answer::Unknown && t.facts.stage == coverage::Stage::AfterDelivery {
        parts.push(if t.builder_knew {
            "the builder knew of it".to_owned()
        } else {
            "the builder did not know of it".to_owned()
        });
    }
    parts.join(" and ")
}

/// Why the verdict is what it is, in a few sentences.
pub fn reason(c: &Classification) -> String {
    let first = c.tries.first();
    if c.rule != RuleId::Unsettled {
        let mut out = rule_reason(c, first);
        let mut unknown = Vec::new();
        if c.cause == Cause::Unknown {
            unknown.push("the cause");
        }
        if c.warranty
            .is_some_and(|w| w.months.is_none() && w.statutory.is_none())
        {
            unknown.push("the warranty length");
        }
        if c.impairs == Answer::Unknown {
            unknown.push("whether it impairs the running");
        }
        if c.builder_knew == Answer::Unknown {
            unknown.push("whether the builder knew of it");
        }
        if !unknown.is_empty() && c.tries.iter().count() > 1 {
            out.push_str(&format!(
                " {} not known, but every possibility gives the same verdict.",
                capitalize(&format!(
                    "{} {}",
                    unknown.join(" and "),
                    if unknown.len() > 1 { "are" } else { "is" }
                ))
            ));
        }
        return out;
    }
    let mut settle = Vec::new();
    if c.unsettled.cause {
        settle.push("whether the cause is external");
    }
    if c.unsettled.warranty_months {
        settle.push("the warranty's length in months");
    }
    if c.unsettled.impairs {
        settle.push("whether the defect impairs the program's running");
    }
    if c.unsettled.builder_knew {
        settle.push("whether the builder knew of it at delivery");
    }
    let outcomes: Vec<String> = c
        .tries
        .iter()
        .map(|t| {
            format!(
                "if {}: {} ({})",
                assumption(t, c),
                verdict(t.verdict),
                t.rule.as_str()
            )
        })
        .collect();
    format!(
        "The verdict depends on facts not known yet; settle {} and classify again. {}.",
        settle.join(" and "),
        capitalize(&outcomes.join("; "))
    )
}

fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map_or_else(String::new, |c| {
        c.to_uppercase().collect::<String>() + chars.as_str()
    })
}

fn days(reported: NaiveDate, end: NaiveDate) -> String {
    let n = (end - reported).num_days();
    match n {
        0 => "last day today".into(),
        1 => "1 day left".into(),
        n if n > 0 => format!("{n} days left"),
        -1 => "1 day past".into(),
        n => format!("{} days past", -n),
    }
}

fn from(w: Warranty) -> &'static str {
    match w.from {
        WarrantyFrom::Delivery => " after delivery",
        WarrantyFrom::Acceptance => " after acceptance",
    }
}

fn warranty_line(c: &Classification) -> String {
    match c.warranty {
        None => match c.delivered {
            None => "none yet (not delivered)".into(),
            Some(d) => format!("starts after delivery on {d}"),
        },
        Some(w) => match (w.months, w.end, w.statutory) {
            (_, _, Some(s)) => format!(
                "no term in the contract, so the Civil Code's (Arts. 637, 166): learned {}, notice by {}, claims end {} (5 years) and {} (10 years{}) ({})",
                s.learned,
                s.notice_end,
                s.learning_end,
                s.delivery_end,
                from(w),
                days(
                    c.reported,
                    s.notice_end.min(s.learning_end).min(s.delivery_end)
                )
            ),
            (Some(m), Some(end), None) => format!(
                "{m} months from the {}, {} to {end}{} ({})",
                match w.from {
                    WarrantyFrom::Delivery => "delivery",
                    WarrantyFrom::Acceptance => "acceptance (検収)",
                },
                w.start,
                w.rolled_from.map_or_else(String::new, |plain| format!(
                    ", moved from {plain} {} by Civil Code Art. 142",
                    if plain.weekday() == chrono::Weekday::Sun {
                        "(a Sunday)"
                    } else {
                        "(a day off)"
                    }
                )),
                days(c.reported, end)
            ),
            _ => {
                let (e3, e6) = (
                    w.end_if_3_months.expect("tried"),
                    w.end_if_6_months.expect("tried"),
                );
                format!(
                    "length unknown: 3 months ends {e3} ({}), 6 months ends {e6} ({})",
                    days(c.reported, e3),
                    days(c.reported, e6)
                )
            }
        },
    }
}

fn condition(cond: Condition, t: &Try) -> String {
    let f = &t.facts;
    let yes_no = |b: bool| if b { "yes" } else { "no" };
    match cond {
        Condition::Stage(s) => format!("stage is {} (saw {})", stage(s), stage(f.stage)),
        Condition::Kind(k) => format!("kind is {} (saw {})", kind(k), kind(f.kind)),
        Condition::Cause(k) => {
            format!("cause is {} (saw {})", short_cause(k), short_cause(f.cause))
        }
        Condition::WithinWarranty(b) => format!(
            "reported within the warranty: {} (saw {}{})",
            yes_no(b),
            yes_no(f.within_warranty),
            if t.builder_knew {
                "; the builder knew of it, so no time limit"
            } else {
                ""
            }
        ),
        Condition::PlanInForce(b) => format!(
            "a plan is in force: {} (saw {})",
            yes_no(b),
            yes_no(f.plan_in_force)
        ),
        Condition::PlanCovers(b) => format!(
            "the plan covers the work: {} (saw {})",
            yes_no(b),
            yes_no(f.plan_covers)
        ),
        Condition::Impairs(b) => format!(
            "the defect impairs the running: {} (saw {})",
            yes_no(b),
            yes_no(f.impairs)
        ),
    }
}

fn short_cause(c: KnownCause) -> &'static str {
    match c {
        KnownCause::External => "external",
        KnownCause::Internal => "not external",
    }
}

/// The classification as support reads it. With `explain`, every rule
/// considered for every try, and why it did or did not match.
/// `estimate`: what `--hours` asked for, when the verdict is not covered.
pub fn table(
    c: &Classification,
    explain: bool,
    estimate: Option<&Estimate>,
    style: Style,
) -> String {
    let mut out = String::new();
    let head = format!(
        "{} — {}",
        verdict(c.verdict).to_uppercase(),
        verdict_gloss(c.verdict)
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
    let delivered = c
        .delivered
        .map_or_else(|| "not delivered".to_owned(), |d| format!("delivered {d}"));
    let plan = match c.plan.name {
        None => "none".to_owned(),
        Some(name) if c.plan.in_force => format!("{name}, in force on {}", c.reported),
        Some(name) => format!("{name}, not in force on {}", c.reported),
    };
    let cause = match c.cause {
        Cause::Unknown => "cause unknown".to_owned(),
        Cause::External => "external cause".to_owned(),
        Cause::Internal => "cause not external".to_owned(),
    };
    let rows = [
        ("Rule", c.rule.as_str().to_owned()),
        ("Reason", reason(c)),
        ("Case", format!("{}, {cause}", kind(c.kind))),
        (
            "Stage",
            format!("{} ({delivered}, reported {})", stage(c.stage), c.reported),
        ),
        ("Warranty", warranty_line(c)),
        ("Plan", plan),
    ];
    for (name, value) in rows {
        // A plan's name comes from the user's rate card or flags.
        out.push_str(&format!("{:<9} {}\n", format!("{name}:"), escape(&value)));
    }
    if let Some(e) = estimate {
        out.push_str(&format!("{:<9} {}\n", "Estimate:", estimate_line(e)));
    }
    if explain {
        for t in c.tries.iter() {
            out.push('\n');
            match assumption(t, c) {
                a if a.is_empty() => out.push_str("Rules considered, in order:\n"),
                a => out.push_str(&format!("Rules considered if {a}:\n")),
            }
            for check in coverage::explain(&t.facts) {
                out.push_str(&explain_rule(&check, t));
            }
        }
    }
    out
}

fn explain_rule(check: &RuleCheck, t: &Try) -> String {
    let mark = if check.matched { "✓" } else { "✗" };
    let mut out = format!(
        "  {mark} {:<22} → {}\n",
        check.rule.as_str(),
        verdict(check.verdict)
    );
    for c in &check.conditions {
        out.push_str(&format!(
            "      {} {}\n",
            if c.held { "holds:" } else { "fails:" },
            condition(c.condition, t)
        ));
    }
    out
}

fn estimate_line(e: &Estimate) -> String {
    format!(
        "{} × {} = {} before tax, {} tax, {} with tax (税込)",
        if e.hours == 1 {
            "1 hour".to_owned()
        } else {
            format!("{} hours", e.hours)
        },
        e.hourly,
        e.totals.subtotal,
        e.totals.tax,
        e.totals.total
    )
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
pub fn json(c: &Classification, explain: bool, estimate: Option<&Estimate>) -> String {
    let doc = JsonClassification {
        schema: "hoshu.classification.v1",
        verdict: c.verdict,
        rule: c.rule,
        reason: reason(c),
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
pub fn rules_table() -> String {
    let mut out = String::new();
    for rule in coverage::RULES {
        let when: Vec<String> = rule
            .when
            .iter()
            .map(|c| match c {
                Condition::Stage(s) => stage(*s).to_owned(),
                Condition::Kind(k) => kind(*k).to_owned(),
                Condition::Cause(k) => known_cause(*k).to_owned(),
                Condition::WithinWarranty(b) => {
                    format!("within warranty: {}", if *b { "yes" } else { "no" })
                }
                Condition::PlanInForce(b) => {
                    format!("plan in force: {}", if *b { "yes" } else { "no" })
                }
                Condition::PlanCovers(b) => {
                    format!("plan covers the work: {}", if *b { "yes" } else { "no" })
                }
                Condition::Impairs(b) => {
                    format!("impairs the running: {}", if *b { "yes" } else { "no" })
                }
            })
            .collect();
        out.push_str(&format!(
            "| `{}` | {} | {} |\n",
            rule.id.as_str(),
            when.join("; "),
            verdict(rule.verdict)
        ));
    }
    out
}

/// The JSON Schema (draft 2020-12) of `hoshu.classification.v1`.
pub fn schema() -> schemars::Schema {
    schemars::schema_for!(JsonClassification<'static>)
}
