//! Every message of every kind, with sample facts, in every language: the
//! Japanese holds no English words (a leak of words below render, or a
//! message left untranslated), and no message with words is the same in two
//! languages.
//!
//! The samples of each kind are checked to reach every variant by an
//! exhaustive `match` (see [`covers`]): a new message does not build until
//! it has a sample here.

use crate::coverage::Span;
use crate::vocab::Lost;
use std::collections::BTreeSet;

use chrono::NaiveDate;

use super::clauses::{
    self, Assumed, DaysLeft, Outcome, RuleReason, Unknown, WarrantyClause, WarrantyLine,
};
use super::{Catalogue, Msg, Text, Usage, of};
use crate::batch::{BatchError, Decided, HeaderProblem, LineProblem, RowError, RowProblem};
use crate::compare::Fit;
use crate::coverage::{
    Answer, Case, Cause, Condition, Kind, KnownCause, RuleId, Stage, Terms, Verdict, classify,
};
use crate::date::{DateError, Era};
use crate::diff::{SavedError, SavedProblem};
use crate::file_error::{FileError, KeyProblem, Refused, SizeLimit, SyntaxLine, Token, Wanted};
use crate::intake::{FactProblem, Field, Values};
use crate::key_path::LineCol;
use crate::lang::Lang;
use crate::money::{Hours, Overflow, Rounding, Totals, Yen};
use crate::quote::{Band, Factor, QuoteError, Recurrence, Titles, Why};
use crate::rates::Estimate;
use crate::vocab::{
    Complexity, Expected, GapFrom, Got, NodeKind, PaymentMethod, Per, Platform, ServiceKind,
    TierLimit, WarrantyFrom, WebSystemKind, Work,
};

/// Asserts that `samples` reach every index `0..n` of `index`, an
/// exhaustive `match` over the kind's variants.
fn covers<T>(what: &str, samples: &[T], n: usize, index: impl Fn(&T) -> usize) {
    let seen: BTreeSet<usize> = samples.iter().map(index).collect();
    let missing: Vec<usize> = (0..n).filter(|i| !seen.contains(i)).collect();
    assert!(
        missing.is_empty(),
        "{what}: no sample of variants {missing:?}"
    );
}

fn day(text: &str) -> NaiveDate {
    crate::date::parse_date(text).unwrap()
}

/// A user's own text in the samples: Japanese, so that it is never taken
/// for a leak.
const NAME: &str = "さくら";

/// Words that stay as they are in Japanese: names of programs, formats,
/// platforms, standards and units, and the values hoshu accepts as input.
const ALLOWED: &[&str] = &[
    "Android",
    "Chromium",
    "Chrome",
    "chromium",
    "google",
    "chrome",
    "stable",
    "browser",
    "Debian",
    "Ubuntu",
    "macOS",
    "brew",
    "cask",
    "sudo",
    "install",
    "Excel",
    "JSON",
    "Lines",
    "TOML",
    "HTML",
    "YYYY",
    "true",
    "false",
    "MiB",
    "hoshu",
    "quote",
    "init",
    "firm",
    "format",
    "html",
    "xlsx",
    "jsonl",
    "table",
    "markdown",
    "output",
    "yes",
    "unknown",
    "defect",
    "change",
    "minor",
    "incident",
    "operation",
    "statutory",
    "delivery",
    "acceptance",
    "plan",
    "json",
    "null",
    "E-mail",
    "chromium-browser",
    "google-chrome",
];

/// Whether `token` names something hoshu reads or writes: a fact's column,
/// a value hoshu accepts, a listed name.
fn is_id(token: &str) -> bool {
    ALLOWED.contains(&token)
        || crate::batch::profile::PRESETS
            .iter()
            .any(|(name, _)| *name == token)
        || crate::intake::FACTS
            .iter()
            .any(|f| f.column == token || f.flag == token)
        || token
            .chars()
            .filter(char::is_ascii_alphabetic)
            .all(|c| c.is_ascii_uppercase())
}

/// Runs of four or more ASCII letters in `text` that are words, not ids:
/// outside backticks, double quotes and `[table]` names, not a flag, key,
/// path or environment variable, not an id ([`is_id`]).
fn english_words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let (mut in_tick, mut in_quote, mut in_table) = (false, false, false);
    let mut token = String::new();
    let mut flush = |token: &mut String, quoted: bool| {
        let t = std::mem::take(token);
        let letters_run = t
            .split(|c: char| !c.is_ascii_alphabetic())
            .any(|run| run.len() >= 4);
        let id = quoted || t.starts_with('-') || t.contains(['_', '.', '/', '=', '@']) || is_id(&t);
        if letters_run && !id {
            out.push(t);
        }
    };
    for c in text.chars() {
        if c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '/' | '=' | '@') {
            token.push(c);
            continue;
        }
        flush(&mut token, in_tick || in_quote || in_table);
        match c {
            '`' => in_tick = !in_tick,
            '"' => in_quote = !in_quote,
            '[' => in_table = true,
            ']' => in_table = false,
            _ => {}
        }
    }
    flush(&mut token, in_tick || in_quote || in_table);
    out
}

/// Every message, as each language says it: `(what, [en, ja])`.
fn every_message() -> Vec<(String, Vec<String>)> {
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    let mut say = |what: String, f: &dyn Fn(&dyn Catalogue) -> String| {
        out.push((what, Lang::ALL.iter().map(|l| f(of(*l))).collect()));
    };
    for t in Text::ALL {
        say(format!("{t:?}"), &|c| c.text(*t).to_owned());
    }
    for m in msgs() {
        say(format!("{m:?}"), &|c| c.say(&m));
    }
    for u in usages() {
        say(format!("{u:?}"), &|c| c.usage(&u));
    }
    for w in whys() {
        say(format!("item {w:?}"), &|c| c.item(&w));
        say(format!("why {w:?}"), &|c| c.why(&w));
        say(format!("factor {w:?}"), &|c| {
            c.factor(w.factor()).to_owned()
        });
    }
    for w in Work::ALL {
        say(format!("{w:?}"), &|c| c.work(w).to_owned());
    }
    for r in [Recurrence::Monthly, Recurrence::Yearly, Recurrence::OneTime] {
        say(format!("{r:?}"), &|c| c.per(r).to_owned());
    }
    for v in [Verdict::Covered, Verdict::Billable, Verdict::Negotiate] {
        say(format!("{v:?}"), &|c| c.verdict(v).to_owned());
        say(format!("gloss {v:?}"), &|c| c.verdict_gloss(v).to_owned());
    }
    for cond in conditions() {
        say(format!("{cond:?}"), &|c| c.rule_condition(cond));
    }
    for r in rule_reasons() {
        say(format!("{r:?}"), &|c| c.rule_reason(&r));
    }
    for w in warranty_lines() {
        say(format!("{w:?}"), &|c| c.warranty(&w));
    }
    let assumed = [
        Assumed::Cause(KnownCause::External),
        Assumed::Cause(KnownCause::Internal),
        Assumed::WarrantyMonths(3),
        Assumed::Impairs(true),
        Assumed::Impairs(false),
        Assumed::BuilderKnew(true),
        Assumed::BuilderKnew(false),
    ];
    let unknown = [
        Unknown::Cause,
        Unknown::WarrantyLength,
        Unknown::Impairs,
        Unknown::BuilderKnew,
    ];
    say("assumed".into(), &|c| c.assumed(&assumed));
    say("tries agree".into(), &|c| c.tries_agree(&unknown));
    let outcomes = [Outcome {
        assumed: assumed.to_vec(),
        verdict: Verdict::Billable,
        rule: RuleId::AfterExternalCause,
    }];
    say("unsettled".into(), &|c| c.unsettled(&unknown, &outcomes));
    for case in cases() {
        let cl = classify(&case).unwrap();
        say(format!("plan line {case:?}"), &|c| c.plan_line(&cl));
        say(format!("case line {case:?}"), &|c| c.case_line(&cl));
        say(format!("stage line {case:?}"), &|c| c.stage_line(&cl));
        say(format!("reason {case:?}"), &|c| super::reason(c, &cl));
        say(format!("warranty {case:?}"), &|c| {
            super::warranty_line(c, &cl)
        });
        for t in cl.tries.iter() {
            say(format!("assumption {case:?}"), &|c| {
                super::assumption(c, &cl, t)
            });
            for cond in conditions() {
                say(format!("condition {cond:?}"), &|c| c.condition(cond, t));
            }
        }
    }
    let estimate = Estimate {
        hours: Hours::from_hundredths(150),
        hourly: Yen(8_000),
        totals: Totals {
            subtotal: Yen(24_000),
            tax: Yen(2_400),
            total: Yen(26_400),
        },
    };
    say("estimate".into(), &|c| c.estimate(&estimate));
    for p in key_problems() {
        say(format!("{p:?}"), &|c| c.file_problem(&p));
    }
    for e in file_errors() {
        say(format!("{e:?}"), &|c| c.file_unusable(&e));
    }
    for p in fact_problems() {
        say(format!("{p:?}"), &|c| c.intake_problem(&p));
    }
    for e in [
        QuoteError::UnknownPlan {
            plan: NAME.into(),
            known: vec!["スタンダード".into()],
        },
        QuoteError::DiscountExceeds {
            index: 1,
            label: NAME.into(),
            applies_to: crate::vocab::DiscountOn::Annual,
            discounts: Yen(1_300_000),
            lines: Yen(1_200_000),
        },
        QuoteError::Overflow(Overflow),
    ] {
        say(format!("{e:?}"), &|c| c.quote_error(&e));
    }
    for e in [
        SavedError::NotAQuote {
            label: "old.json".into(),
            message: String::new(),
        },
        SavedError::Schema {
            label: "old.json".into(),
            schema: "hoshu.compare.v1".into(),
        },
    ]
    .into_iter()
    .chain(
        saved_problems()
            .into_iter()
            .map(|problem| SavedError::Figure {
                label: "old.json".into(),
                field: "monthly.total".into(),
                problem,
            }),
    ) {
        say(format!("{e:?}"), &|c| c.saved_error(&e));
    }
    for p in row_problems() {
        let e = RowError {
            row: 3,
            line: 4,
            problem: p,
        };
        say(format!("{e:?}"), &|c| c.row_error(&e));
    }
    for p in header_problems() {
        for key in [false, true] {
            say(format!("{p:?} {key}"), &|c| c.header_problem(&p, key));
        }
    }
    for e in batch_errors() {
        say(format!("{e:?}"), &|c| c.batch_error(&e));
    }
    out
}

fn msgs() -> Vec<Msg<'static>> {
    static WORKS: [Work; 2] = [Work::Backups, Work::MinorImprovements];
    static FIT: Fit = Fit::NoneFits {
        cheapest: String::new(),
        short: Yen(1_000),
    };
    let date = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
    let all = vec![
        Msg::QuoteHeading {
            system: NAME,
            customer: Some(NAME),
        },
        Msg::QuoteHeading {
            system: NAME,
            customer: None,
        },
        Msg::TaxRow {
            percent: 10,
            rounding: Rounding::Floor,
        },
        Msg::TaxRow {
            percent: 10,
            rounding: Rounding::Ceil,
        },
        Msg::TaxRow {
            percent: 10,
            rounding: Rounding::HalfUp,
        },
        Msg::FirstYear {
            subtotal: Yen(1_000),
            total: Yen(1_100),
        },
        Msg::SvgNotInXlsx { key: "seal" },
        Msg::NumberVersion {
            number: "202612-001-02",
            version: 2,
        },
        Msg::Issued {
            number: "202612-001",
            version: 1,
        },
        Msg::RegisterMade {
            path: "register.sqlite",
        },
        Msg::Exported {
            documents: 3,
            dir: "監査用",
        },
        Msg::MonthlyFee {
            year: 2026,
            month: 12,
        },
        Msg::TicketCharge {
            id: "T-1003",
            title: NAME,
            hours: "1.5",
            estimated: false,
        },
        Msg::TicketCharge {
            id: "T-1003",
            title: NAME,
            hours: "1.5",
            estimated: true,
        },
        Msg::InvoicePeriod {
            year: 2026,
            month: 12,
        },
        Msg::InvoiceSubject {
            system: NAME,
            contract: "202612-001",
        },
        Msg::RateSubtotal { percent: 10 },
        Msg::DueNote {
            due: chrono::NaiveDate::from_ymd_opt(2027, 1, 29).unwrap(),
        },
        Msg::NegotiateNote { tickets: "T-1004" },
        Msg::ReturnedSubtotal { percent: 10 },
        Msg::CreditSubject {
            invoice: "INV-202701-001",
            system: NAME,
        },
        Msg::CancelReason { reason: NAME },
        Msg::Cancelled {
            number: "202612-001",
        },
        Msg::RegisterIntact {
            path: "register.sqlite",
            records: 3,
            tip: Some("ab12"),
        },
        Msg::RegisterIntact {
            path: "register.sqlite",
            records: 0,
            tip: None,
        },
        Msg::Issued {
            number: "202612-001-02",
            version: 2,
        },
        Msg::DiscountBasis {
            percent: Some(5),
            base: Yen(100_000),
            applies_to: crate::vocab::DiscountOn::Monthly,
        },
        Msg::DiscountBasis {
            percent: None,
            base: Yen(100_000),
            applies_to: crate::vocab::DiscountOn::Annual,
        },
        Msg::DiscountBasis {
            percent: None,
            base: Yen(0),
            applies_to: crate::vocab::DiscountOn::OneTime,
        },
        Msg::DevelopmentRatio {
            basis_points: 1_344,
            development_cost: Yen(2_500_000),
            band: Band::Within,
            low: 5,
            high: 20,
        },
        Msg::DevelopmentRatio {
            basis_points: 3_073,
            development_cost: Yen(2_500_000),
            band: Band::Above,
            low: 5,
            high: 20,
        },
        Msg::Uncovered {
            plan: NAME,
            works: &WORKS,
        },
        Msg::DefaultSubject { name: NAME },
        Msg::Addressee {
            name: NAME,
            department: None,
            contact: None,
            person: true,
        },
        Msg::Addressee {
            name: NAME,
            department: Some("営業部"),
            contact: Some("山田 花子"),
            person: false,
        },
        Msg::Addressee {
            name: NAME,
            department: Some("営業部"),
            contact: None,
            person: false,
        },
        Msg::NoteWarranty { months: Some(3) },
        Msg::NoteWarranty { months: None },
        Msg::ValidUntil { date, days: 30 },
        Msg::BatchSummary {
            rows: 10,
            covered: 3,
            billable: 3,
            negotiate: 3,
            failed: 1,
            seconds: 0.5,
            per_second: 20,
            profile: None,
            preset: None,
        },
        Msg::BatchSummary {
            rows: 10,
            covered: 3,
            billable: 3,
            negotiate: 3,
            failed: 1,
            seconds: 0.5,
            per_second: 20,
            profile: Some("p.toml"),
            preset: Some("backlog"),
        },
        Msg::RulesConsidered { assumption: "" },
        Msg::RulesConsidered { assumption: NAME },
        Msg::CompareHeading {
            system: NAME,
            customer: Some(NAME),
            card: NAME,
            version: "2026.11",
            date,
        },
        Msg::Budget {
            limit: Yen(30_000),
            per_year: false,
            fit: &FIT,
        },
        Msg::Hours { hours: 24 },
        Msg::HolidaysForecast { after: 2027 },
        Msg::NoChange {
            old: "a.toml",
            new: "b.toml",
        },
        Msg::DiffHeading {
            old: "a.toml",
            new: "b.toml",
        },
        Msg::DiffSummary {
            monthly: "¥1,000",
            percent: "+5.00%",
        },
        Msg::Wrote { path: "firm.toml" },
        Msg::CheckOk {
            file: "a.toml",
            system: NAME,
            card: NAME,
            version: "2026.11",
        },
        Msg::ColumnsHeading {
            input: "a.csv",
            profile: Some("p.toml"),
            preset: Some("backlog"),
        },
        Msg::ColumnsHeading {
            input: "a.csv",
            profile: None,
            preset: None,
        },
        Msg::Unmappable { count: 3 },
        Msg::AcceptedUnused,
        Msg::GateTripped {
            flag: "--fail-above",
            threshold: "¥50,000",
            change: "+¥62,000",
        },
        Msg::ProfileOk {
            file: "p.toml",
            preset: Some("backlog"),
            headers: 2,
            values: 4,
            defaults: 0,
        },
        Msg::ProfileOk {
            file: "p.toml",
            preset: None,
            headers: 0,
            values: 0,
            defaults: 1,
        },
    ];
    covers("Msg", &all, 41, |m| match m {
        Msg::QuoteHeading { .. } => 0,
        Msg::TaxRow { .. } => 1,
        Msg::FirstYear { .. } => 2,
        Msg::DevelopmentRatio { .. } => 3,
        Msg::Uncovered { .. } => 4,
        Msg::DefaultSubject { .. } => 5,
        Msg::Addressee { .. } => 6,
        Msg::NoteWarranty { .. } => 7,
        Msg::ValidUntil { .. } => 8,
        Msg::BatchSummary { .. } => 9,
        Msg::RulesConsidered { .. } => 10,
        Msg::CompareHeading { .. } => 11,
        Msg::Budget { .. } => 12,
        Msg::Hours { .. } | Msg::HolidaysForecast { .. } => 13,
        Msg::NoChange { .. } => 14,
        Msg::DiffHeading { .. } => 15,
        Msg::DiffSummary { .. } => 16,
        Msg::Wrote { .. } | Msg::CheckOk { .. } => 17,
        Msg::ProfileOk { .. } => 18,
        Msg::ColumnsHeading { .. } => 19,
        Msg::Unmappable { .. } => 20,
        Msg::GateTripped { .. } => 21,
        Msg::AcceptedUnused => 22,
        Msg::DiscountBasis { .. } => 23,
        Msg::SvgNotInXlsx { .. } => 24,
        Msg::NumberVersion { .. } => 25,
        Msg::Issued { .. } => 26,
        Msg::RegisterMade { .. } => 27,
        Msg::Cancelled { .. } => 28,
        Msg::RegisterIntact { .. } => 29,
        Msg::Exported { .. } => 30,
        Msg::MonthlyFee { .. } => 31,
        Msg::TicketCharge { .. } => 32,
        Msg::InvoicePeriod { .. } => 33,
        Msg::InvoiceSubject { .. } => 34,
        Msg::RateSubtotal { .. } => 35,
        Msg::DueNote { .. } => 36,
        Msg::NegotiateNote { .. } => 37,
        Msg::ReturnedSubtotal { .. } => 38,
        Msg::CreditSubject { .. } => 39,
        Msg::CancelReason { .. } => 40,
    });
    all
}

fn usages() -> Vec<Usage> {
    let path = || "out.pdf".to_owned();
    let detail = String::new;
    let all = vec![
        Usage::NoFirm { config: None },
        Usage::NoRegister,
        Usage::NotAMonth {
            text: "2026-13".into(),
        },
        Usage::NeedsRegistration,
        Usage::NeedsProjectColumn,
        Usage::BinaryToTerminal { format: "pdf" },
        Usage::AlreadyThere { path: path() },
        Usage::NoConfigDir,
        Usage::NoBrowser { named: None },
        Usage::NoBrowser {
            named: Some(path()),
        },
        Usage::BrowserFailed {
            browser: "chromium".into(),
            detail: detail(),
        },
        Usage::BrowserTimedOut {
            browser: "chromium".into(),
            seconds: 60,
        },
        Usage::BadSeconds {
            variable: "HOSHU_PDF_TIMEOUT",
            value: "soon".into(),
            default: 60,
        },
        Usage::NoWorkFolder {
            dir: "/tmp".into(),
            detail: detail(),
        },
        Usage::FactInFile {
            file: "system.toml".into(),
            key: "delivery.date",
            problem: crate::intake::FactProblem::NoAcceptance,
        },
        Usage::CellTooLong {
            start: NAME.into(),
            chars: 40_000,
        },
        Usage::AmountNotExact {
            amount: Yen(i64::MAX),
        },
        Usage::CannotRender {
            format: "xlsx",
            detail: detail(),
        },
        Usage::OneCaseFlagsInBatch,
        Usage::OneCaseFormatInBatch,
        Usage::BatchFormatForOneCase,
        Usage::RejectsToStdout,
        Usage::ExcelNeedsCsv,
        Usage::NoJapaneseFont,
        Usage::BadPicture {
            key: "seal",
            path: path(),
            problem: crate::firm::PictureProblem::Unreadable(detail()),
        },
        Usage::BadPicture {
            key: "logo",
            path: path(),
            problem: crate::firm::PictureProblem::TooLarge,
        },
        Usage::BadPicture {
            key: "seal",
            path: path(),
            problem: crate::firm::PictureProblem::NotAnImage,
        },
        Usage::SystemsFolder {
            dir: path(),
            detail: detail(),
        },
        Usage::NoSystems { dir: path() },
        Usage::ProjectTwice {
            dir: path(),
            name: NAME.into(),
        },
        Usage::BatchInput {
            path: path(),
            detail: detail(),
        },
        Usage::BatchInputFolder { path: path() },
        Usage::DefaultPlan,
        Usage::CannotPrice { file: path() },
        Usage::NotAnAmount { text: NAME.into() },
        Usage::NotHours { text: NAME.into() },
        Usage::NotAPercent { text: NAME.into() },
        Usage::NotAColumnRule {
            text: NAME.into(),
            allowed: "delivered".into(),
        },
        Usage::UnknownPreset { got: NAME.into() },
        Usage::FirmIsTemplate {
            file: path(),
            keys: vec!["company", "registration"],
        },
        Usage::FirmIsTemplate {
            file: path(),
            keys: Vec::new(),
        },
        Usage::FlagValue {
            flag: "--kind".into(),
            value: NAME.into(),
            reason: None,
            allowed: Some("defect".into()),
        },
        Usage::UnknownFlag {
            flag: "--x".into(),
            suggested: Some("--y".into()),
        },
        Usage::MissingFlag {
            flags: "--batch".into(),
        },
        Usage::FlagConflict {
            flag: "--x".into(),
            other: "--y".into(),
        },
        Usage::UnknownCommand {
            command: NAME.into(),
            suggested: Some("quote".into()),
        },
        Usage::OutputLinkLoop {
            flag: "--output",
            path: path(),
        },
        Usage::OutputSameFile {
            flag: "--output",
            path: path(),
            other: "--rejects",
            path2: path(),
        },
        Usage::OutputIsInput {
            flag: "--output",
            path: path(),
            input: path(),
        },
        Usage::OutputNotKept {
            flag: "--output",
            path: path(),
            lost: Lost::Owner,
            detail: detail(),
        },
        Usage::OutputNotKept {
            flag: "--output",
            path: path(),
            lost: Lost::Acl,
            detail: detail(),
        },
        Usage::OutputCreate {
            flag: "--output",
            path: path(),
            dir: "/tmp".into(),
            detail: detail(),
        },
        Usage::OutputWrite {
            flag: "--output",
            path: path(),
            detail: detail(),
        },
    ]
    .into_iter()
    .chain(
        [
            NodeKind::Folder,
            NodeKind::Fifo,
            NodeKind::Device,
            NodeKind::Socket,
            NodeKind::Other,
        ]
        .map(|what| Usage::OutputNotAFile {
            flag: "--output",
            path: path(),
            what,
        }),
    )
    .collect::<Vec<_>>();
    covers("Usage", &all, 45, |u| match u {
        Usage::NoFirm { .. } => 0,
        Usage::BinaryToTerminal { .. } => 1,
        Usage::AlreadyThere { .. } => 2,
        Usage::NoConfigDir => 3,
        Usage::NoBrowser { .. } => 4,
        Usage::BrowserFailed { .. } => 5,
        Usage::CannotRender { .. } => 6,
        Usage::OneCaseFlagsInBatch => 7,
        Usage::OneCaseFormatInBatch => 8,
        Usage::BatchFormatForOneCase => 9,
        Usage::RejectsToStdout => 10,
        Usage::BatchInput { .. } => 11,
        Usage::BatchInputFolder { .. } => 12,
        Usage::DefaultPlan => 13,
        Usage::CannotPrice { .. } => 14,
        Usage::NotAnAmount { .. } | Usage::NotHours { .. } => 15,
        Usage::NotAPercent { .. } => 16,
        Usage::NotAColumnRule { .. } => 17,
        Usage::FlagValue { .. } => 18,
        Usage::UnknownFlag { .. } => 19,
        Usage::MissingFlag { .. } => 20,
        Usage::FlagConflict { .. } => 21,
        Usage::UnknownCommand { .. } => 22,
        Usage::OutputNotAFile { .. } => 23,
        Usage::OutputLinkLoop { .. } => 24,
        Usage::OutputSameFile { .. } => 25,
        Usage::OutputCreate { .. } | Usage::OutputWrite { .. } => 26,
        Usage::OutputIsInput { .. } => 27,
        Usage::OutputNotKept { .. } => 28,
        Usage::BrowserTimedOut { .. } => 29,
        Usage::BadSeconds { .. } => 30,
        Usage::NoWorkFolder { .. } => 31,
        Usage::CellTooLong { .. } => 32,
        Usage::AmountNotExact { .. } => 33,
        Usage::FactInFile { .. } => 34,
        Usage::UnknownPreset { .. } => 35,
        Usage::ExcelNeedsCsv => 36,
        Usage::SystemsFolder { .. } | Usage::NoSystems { .. } | Usage::ProjectTwice { .. } => 37,
        Usage::FirmIsTemplate { .. } => 38,
        Usage::NoJapaneseFont => 39,
        Usage::BadPicture { .. } => 40,
        Usage::NoRegister => 41,
        Usage::NotAMonth { .. } => 42,
        Usage::NeedsRegistration => 43,
        Usage::NeedsProjectColumn => 44,
    });
    all
}

fn saved_problems() -> Vec<SavedProblem> {
    let all = vec![
        SavedProblem::Currency("USD".into()),
        SavedProblem::TaxRate(110),
        SavedProblem::Negative(Yen(-1)),
        SavedProblem::NotProduct {
            quantity: 2,
            unit_price: Yen(10_000),
            product: Some(Yen(20_000)),
        },
        SavedProblem::NotProduct {
            quantity: 2,
            unit_price: Yen(i64::MAX),
            product: None,
        },
        SavedProblem::Twice {
            key: "servers/web".into(),
        },
        SavedProblem::Total {
            stated: Yen(1),
            derived: Some(Yen(436_700)),
        },
        SavedProblem::Total {
            stated: Yen(1),
            derived: None,
        },
        SavedProblem::DiscountAboveZero(Yen(1_000)),
        SavedProblem::DiscountFigure {
            stated: Yen(-1),
            derived: Some(Yen(-5_000)),
        },
        SavedProblem::DiscountFigure {
            stated: Yen(-1),
            derived: None,
        },
        SavedProblem::DiscountPercent(0),
        SavedProblem::DiscountRecurrence {
            applies_to: crate::vocab::DiscountOn::Annual,
            recurrence: Recurrence::Monthly,
        },
    ];
    covers("SavedProblem", &all, 10, |p| match p {
        SavedProblem::Currency(_) => 0,
        SavedProblem::TaxRate(_) => 1,
        SavedProblem::Negative(_) => 2,
        SavedProblem::NotProduct { .. } => 3,
        SavedProblem::Twice { .. } => 4,
        SavedProblem::Total { .. } => 5,
        SavedProblem::DiscountAboveZero(_) => 6,
        SavedProblem::DiscountFigure { .. } => 7,
        SavedProblem::DiscountPercent(_) => 8,
        SavedProblem::DiscountRecurrence { .. } => 9,
    });
    all
}

fn whys() -> Vec<Why> {
    let name = || NAME.to_owned();
    let mut all = vec![
        Why::AccessTier {
            tier: name(),
            title: Titles::default(),
            daily_visits: None,
            peak_per_minute: None,
            max_daily_visits: Some(1_000),
            max_peak_per_minute: None,
        },
        Why::AccessTier {
            tier: "low".into(),
            title: Titles {
                ja: Some("小規模".into()),
                en: Some("small".into()),
            },
            daily_visits: Some(150),
            peak_per_minute: Some(10),
            max_daily_visits: None,
            max_peak_per_minute: Some(60),
        },
        Why::Standby,
        Why::DataSync,
        Why::Servers {
            role: name(),
            count: 1,
            linked: false,
        },
        Why::Servers {
            role: name(),
            count: 2,
            linked: false,
        },
        Why::Servers {
            role: name(),
            count: 2,
            linked: true,
        },
        Why::ServerLinkage {
            role: name(),
            count: 2,
        },
        Why::Site {
            name: name(),
            pages: 1,
            max_pages: Some(50),
        },
        Why::Site {
            name: name(),
            pages: 120,
            max_pages: None,
        },
        Why::CreditCardIntegration { providers: 2 },
        Why::CreditCardIrregularOperations,
        Why::ConvenienceStoreIntegration { providers: 1 },
        Why::ConvenienceStoreOperations,
        Why::PlanFee {
            plan: "standard".into(),
            title: Titles {
                ja: Some("保守・運用".into()),
                en: Some("Maintenance and operation".into()),
            },
            covers: Work::ALL.to_vec(),
            response_hours: Some(8),
        },
    ];
    for counted_from in [
        GapFrom::Delivery,
        GapFrom::LastMaintained,
        GapFrom::PreviousEnd,
        GapFrom::ContractEnd,
    ] {
        all.push(Why::Takeover {
            last_maintained: day("2020-01-10"),
            counted_from,
            months_unmaintained: 70,
        });
    }
    for kind in [
        WebSystemKind::Ec,
        WebSystemKind::Reservation,
        WebSystemKind::Crm,
        WebSystemKind::Cms,
        WebSystemKind::Other,
    ] {
        for complexity in [Complexity::Low, Complexity::Medium, Complexity::High] {
            all.push(Why::WebSystem {
                name: name(),
                kind,
                complexity,
            });
        }
    }
    for platform in [Platform::Ios, Platform::Android] {
        all.push(Why::App {
            name: name(),
            platform,
        });
        all.push(Why::AppOsVersions {
            name: name(),
            platform,
            supported: 3,
        });
    }
    for kind in [
        ServiceKind::Domain,
        ServiceKind::Ssl,
        ServiceKind::Mail,
        ServiceKind::Server,
        ServiceKind::Other,
    ] {
        for per in [Per::Month, Per::Year] {
            all.push(Why::Service {
                kind,
                name: name(),
                cost: Yen(1_200),
                handling: Yen(500),
                per,
            });
        }
    }
    covers("Why", &all, crate::quote::WhyRule::ALL.len(), |w| {
        crate::quote::WhyRule::ALL
            .iter()
            .position(|r| *r == w.rule())
            .unwrap()
    });
    let factors: Vec<Factor> = all.iter().map(Why::factor).collect();
    covers("Factor", &factors, 9, |f| match f {
        Factor::Access => 0,
        Factor::Servers => 1,
        Factor::Sites => 2,
        Factor::WebSystems => 3,
        Factor::Payments => 4,
        Factor::Apps => 5,
        Factor::Services => 6,
        Factor::Plan => 7,
        Factor::OneTime => 8,
    });
    all
}

fn conditions() -> Vec<Condition> {
    let mut all = vec![
        Condition::Stage(Stage::BeforeDelivery),
        Condition::Stage(Stage::AfterDelivery),
        Condition::Cause(KnownCause::External),
        Condition::Cause(KnownCause::Internal),
    ];
    for k in Kind::ALL {
        all.push(Condition::Kind(k));
    }
    for b in [true, false] {
        all.extend([
            Condition::WithinWarranty(b),
            Condition::PlanInForce(b),
            Condition::PlanCovers(b),
            Condition::Impairs(b),
        ]);
    }
    covers("Condition", &all, 7, |c| match c {
        Condition::Stage(_) => 0,
        Condition::Kind(_) => 1,
        Condition::Cause(_) => 2,
        Condition::WithinWarranty(_) => 3,
        Condition::PlanInForce(_) => 4,
        Condition::PlanCovers(_) => 5,
        Condition::Impairs(_) => 6,
    });
    all
}

fn rule_reasons() -> Vec<RuleReason<'static>> {
    let end = Some(day("2024-04-10"));
    let clauses = [
        None,
        Some(WarrantyClause::Statutory { notice_end: end }),
        Some(WarrantyClause::EvenThreeMonths { end }),
        Some(WarrantyClause::LastDay { end }),
        Some(WarrantyClause::EvenSixMonthsEnded {
            end: day("2024-07-10"),
        }),
        Some(WarrantyClause::ClaimLasts { end }),
        Some(WarrantyClause::ClaimEnded {
            end: day("2034-01-10"),
        }),
    ];
    let rules = [
        RuleId::BeforeChange,
        RuleId::BeforeMinor,
        RuleId::BeforeOwnDefect,
        RuleId::BeforeExternalCause,
        RuleId::BeforeIncident,
        RuleId::AfterChange,
        RuleId::AfterWarranty,
        RuleId::AfterPlanCovers,
        RuleId::AfterPlanExcludes,
        RuleId::AfterWarrantyNotImpairing,
        RuleId::AfterWarrantyExpired,
        RuleId::AfterExternalCause,
        RuleId::AfterMinor,
        RuleId::AfterIncident,
        RuleId::BeforeOperation,
        RuleId::AfterOperation,
    ];
    let mut all = Vec::new();
    for rule in rules {
        for warranty in clauses {
            for (builder_knew, work) in [(false, Some(Work::OwnDefects)), (true, None)] {
                all.push(RuleReason {
                    rule,
                    builder_knew,
                    warranty,
                    plan: NAME,
                    reported: day("2024-03-01"),
                    work,
                });
            }
        }
    }
    // Unsettled has no rule's reason of its own (its reason is
    // `unsettled`): its index is past the count.
    covers("RuleId", &all, 16, |r| match r.rule {
        RuleId::BeforeChange => 0,
        RuleId::BeforeMinor => 1,
        RuleId::BeforeOwnDefect => 2,
        RuleId::BeforeExternalCause => 3,
        RuleId::BeforeIncident => 4,
        RuleId::AfterChange => 5,
        RuleId::AfterWarranty => 6,
        RuleId::AfterPlanCovers => 7,
        RuleId::AfterPlanExcludes => 8,
        RuleId::AfterWarrantyNotImpairing => 9,
        RuleId::AfterWarrantyExpired => 10,
        RuleId::AfterExternalCause => 11,
        RuleId::AfterMinor => 12,
        RuleId::AfterIncident => 13,
        RuleId::BeforeOperation => 14,
        RuleId::AfterOperation => 15,
        RuleId::Unsettled => 16,
    });
    all
}

fn warranty_lines() -> Vec<WarrantyLine> {
    let d = day("2024-04-10");
    let mut all = vec![
        WarrantyLine::NotDelivered,
        WarrantyLine::StartsAfter { delivered: d },
    ];
    for from in [WarrantyFrom::Delivery, WarrantyFrom::Acceptance] {
        for left in [
            DaysLeft(0),
            DaysLeft(1),
            DaysLeft(20),
            DaysLeft(-1),
            DaysLeft(-20),
        ] {
            all.push(WarrantyLine::Statutory {
                learned: d,
                notice_end: d,
                learning_end: d,
                delivery_end: d,
                left,
            });
            for rolled in [None, Some((d, true)), Some((d, false))] {
                all.push(WarrantyLine::Months {
                    months: 3,
                    from,
                    start: d,
                    end: d,
                    rolled,
                    left,
                });
            }
        }
    }
    all.push(WarrantyLine::Unknown {
        end_3: d,
        left_3: DaysLeft(3),
        end_6: d,
        left_6: DaysLeft(-3),
    });
    covers("WarrantyLine", &all, 5, |w| match w {
        WarrantyLine::NotDelivered => 0,
        WarrantyLine::StartsAfter { .. } => 1,
        WarrantyLine::Statutory { .. } => 2,
        WarrantyLine::Months { .. } => 3,
        WarrantyLine::Unknown { .. } => 4,
    });
    all
}

/// Cases that reach before and after delivery, known and unknown facts.
fn cases() -> Vec<Case<'static>> {
    let base = Case {
        reported: day("2024-03-01"),
        delivered: Some(day("2024-01-10")),
        cause: Cause::Internal,
        kind: Kind::Defect,
        warranty_months: Some(3),
        plan: None,
        terms: Terms::default(),
    };
    vec![
        base,
        Case {
            delivered: None,
            ..base
        },
        Case {
            cause: Cause::Unknown,
            warranty_months: None,
            reported: day("2024-05-20"),
            terms: Terms {
                impairs: Answer::Unknown,
                builder_knew: Answer::Unknown,
                ..Terms::default()
            },
            ..base
        },
        Case {
            warranty_months: None,
            terms: Terms {
                statutory: true,
                learned: Some(day("2024-02-01")),
                ..Terms::default()
            },
            ..base
        },
    ]
}

fn key_problems() -> Vec<KeyProblem> {
    let mut all = vec![
        KeyProblem::Missing,
        KeyProblem::TooSmall { min: 1, got: 0 },
        KeyProblem::Empty,
        KeyProblem::EndBeforeStart {
            start: "2024-01-10".into(),
            end: "2023-01-10".into(),
        },
        KeyProblem::LinkedAlone,
        KeyProblem::UnknownPlan {
            plan: NAME.into(),
            known: vec!["スタンダード".into()],
        },
        KeyProblem::Duplicate { name: NAME.into() },
        KeyProblem::TiersOutOfOrder {
            limit: TierLimit::Traffic,
        },
        KeyProblem::TiersOutOfOrder {
            limit: TierLimit::Pages,
        },
        KeyProblem::LastTierBounded,
        KeyProblem::NoEntries,
        KeyProblem::ProvidersWithoutMethod {
            method: PaymentMethod::CreditCard,
        },
        KeyProblem::Replaced {
            by: &["credit_card_providers", "convenience_store_providers"],
        },
        KeyProblem::NeedsPlan,
        KeyProblem::NeedsRollover,
        KeyProblem::PlanMissesWork {
            plan: NAME.into(),
            work: Work::Monitoring,
        },
        KeyProblem::EndBeforeDelivery {
            end: "2023-01-10".into(),
            delivered: "2024-01-10".into(),
        },
        KeyProblem::AfterQuoteDate {
            got: "2027-01-10".into(),
            date: "2026-11-28".into(),
        },
        KeyProblem::BadRegistration { got: NAME.into() },
        KeyProblem::NotYetEffective {
            version: "2027.01".into(),
            effective: "2027-01-01".into(),
            date: "2026-11-28".into(),
        },
        KeyProblem::NotAFact { got: NAME.into() },
        KeyProblem::NeedsCustomer,
        KeyProblem::AmountOrPercent { both: true },
        KeyProblem::AmountOrPercent { both: false },
        KeyProblem::BadPattern {
            problem: crate::register::numbering::PatternProblem::UnknownToken("{month}".into()),
        },
        KeyProblem::BadPattern {
            problem: crate::register::numbering::PatternProblem::Unbalanced,
        },
        KeyProblem::BadPattern {
            problem: crate::register::numbering::PatternProblem::Counter { wanted: "{seq}" },
        },
        KeyProblem::BadPattern {
            problem: crate::register::numbering::PatternProblem::Width("{seq:0}".into()),
        },
        KeyProblem::NotMonthDay {
            got: "13-01".into(),
        },
        KeyProblem::NeedsCode,
        KeyProblem::RenewsMonthly,
        KeyProblem::OutsideTerm {
            got: "2023-12".into(),
            start: "2024-02-01".into(),
            end: None,
        },
        KeyProblem::OutsideTerm {
            got: "2030-01".into(),
            start: "2024-02-01".into(),
            end: Some("2026-01-31".into()),
        },
        KeyProblem::UnknownPreset { got: NAME.into() },
        KeyProblem::FactValue {
            problem: FactProblem::NotOneOf {
                got: NAME.into(),
                values: Values::Kind,
            },
        },
    ];
    all.extend(refusals().into_iter().map(KeyProblem::Refused));
    covers("KeyProblem", &all, 30, |p| match p {
        KeyProblem::Refused(_) => 0,
        KeyProblem::Missing => 1,
        KeyProblem::TooSmall { .. } => 2,
        KeyProblem::Empty => 3,
        KeyProblem::EndBeforeStart { .. } => 4,
        KeyProblem::LinkedAlone => 5,
        KeyProblem::UnknownPlan { .. } => 6,
        KeyProblem::Duplicate { .. } => 7,
        KeyProblem::TiersOutOfOrder { .. } => 8,
        KeyProblem::LastTierBounded => 9,
        KeyProblem::NoEntries => 10,
        KeyProblem::ProvidersWithoutMethod { .. } => 11,
        KeyProblem::Replaced { .. } => 12,
        KeyProblem::NeedsPlan => 13,
        KeyProblem::PlanMissesWork { .. } => 14,
        KeyProblem::EndBeforeDelivery { .. } => 15,
        KeyProblem::AfterQuoteDate { .. } => 16,
        KeyProblem::BadRegistration { .. } => 17,
        KeyProblem::NotYetEffective { .. } => 18,
        KeyProblem::NeedsRollover => 19,
        KeyProblem::NotAFact { .. } => 20,
        KeyProblem::UnknownPreset { .. } => 21,
        KeyProblem::FactValue { .. } => 22,
        KeyProblem::NeedsCustomer => 23,
        KeyProblem::AmountOrPercent { .. } => 24,
        KeyProblem::BadPattern { .. } => 25,
        KeyProblem::NotMonthDay { .. } => 26,
        KeyProblem::NeedsCode => 27,
        KeyProblem::RenewsMonthly => 28,
        KeyProblem::OutsideTerm { .. } => 29,
    });
    all
}

fn refusals() -> Vec<Refused> {
    let mut all = vec![
        Refused::UnknownKey {
            key: NAME.into(),
            allowed: vec!["名前".into()],
        },
        Refused::UnknownKey {
            key: NAME.into(),
            allowed: Vec::new(),
        },
        Refused::NotAllowed {
            value: NAME.into(),
            allowed: vec!["ios".into()],
        },
        Refused::TooLarge {
            value: "99999999999999999999".into(),
        },
        Refused::Syntax(vec![
            SyntaxLine::TableHeader,
            SyntaxLine::Array,
            SyntaxLine::InlineTable,
            SyntaxLine::String,
            SyntaxLine::BasicString,
            SyntaxLine::LiteralString,
            SyntaxLine::Key,
            SyntaxLine::Integer,
            SyntaxLine::Float,
            SyntaxLine::Expected(vec![
                Token::Newline,
                Token::Digit,
                Token::Literal("`]`".into()),
            ]),
            SyntaxLine::DuplicateKey {
                key: "`name`".into(),
                table: None,
            },
        ]),
    ];
    all.extend(date_errors().into_iter().map(Refused::Date));
    let gots = [
        Some(Got::Text(NAME.into())),
        Some(Got::Integer("0".into())),
        Some(Got::Float("1.5".into())),
        Some(Got::Boolean("true".into())),
        Some(Got::List),
        Some(Got::Table),
        None,
    ];
    for &expected in Expected::ALL {
        for got in &gots {
            all.push(Refused::Invalid {
                value: got.is_some(),
                got: got.clone(),
                wanted: Wanted::Is(expected),
                max: Some(9),
            });
        }
    }
    covers("Refused", &all, 6, |r| match r {
        Refused::UnknownKey { .. } => 0,
        Refused::NotAllowed { .. } => 1,
        Refused::TooLarge { .. } => 2,
        Refused::Date(_) => 3,
        Refused::Invalid { .. } => 4,
        Refused::Syntax(_) => 5,
        // The parser's own words: said as they are, in every language.
        Refused::Said(_) => 6,
    });
    all
}

fn date_errors() -> Vec<DateError> {
    vec![
        DateError::Format(NAME.into()),
        DateError::NoSuchDay("2024-02-30".into()),
        DateError::HasTime("2024-01-10T10:00".into()),
        DateError::NotADate("10月1日".into()),
        DateError::Ambiguous("10/01/2025".into()),
        DateError::OutsideEra {
            text: "平成32年1月1日".into(),
            era: Era::Heisei,
        },
        DateError::OutsideEra {
            text: "令和元年4月1日".into(),
            era: Era::Reiwa,
        },
    ]
}

fn file_errors() -> Vec<FileError> {
    let origin = || "system.toml".to_owned();
    vec![
        FileError::Read {
            origin: origin(),
            source: std::io::Error::other(NAME),
        },
        FileError::Folder { origin: origin() },
        FileError::TooLarge {
            origin: origin(),
            limit: SizeLimit::Toml,
        },
        FileError::TooLarge {
            origin: origin(),
            limit: SizeLimit::SavedQuote,
        },
        FileError::NotText {
            origin: origin(),
            shift_jis: false,
        },
        FileError::NotText {
            origin: origin(),
            shift_jis: true,
        },
        FileError::TooLarge {
            origin: origin(),
            limit: SizeLimit::Tickets,
        },
        FileError::Invalid {
            origin: origin(),
            problems: Vec::new(),
        },
        FileError::Syntax {
            origin: origin(),
            refused: Box::new(Refused::Syntax(vec![SyntaxLine::Key])),
            at: Some(LineCol { line: 1, column: 1 }),
            line_text: None,
        },
    ]
}

fn fact_problems() -> Vec<FactProblem> {
    let mut all: Vec<FactProblem> = date_errors().into_iter().map(FactProblem::Date).collect();
    for values in [
        Values::Date,
        Values::Answer,
        Values::Kind,
        Values::Term,
        Values::Plan,
        Values::From,
    ] {
        all.push(FactProblem::NotOneOf {
            got: NAME.into(),
            values,
        });
    }
    let d = day("2024-01-10");
    all.extend([
        FactProblem::Months { got: NAME.into() },
        FactProblem::UnknownPlan {
            plan: NAME.into(),
            known: vec!["スタンダード".into()],
        },
        FactProblem::NoPlan,
        FactProblem::EndBeforeStart { start: d, end: d },
        FactProblem::NoAcceptance,
        FactProblem::AcceptedBeforeDelivery {
            accepted: d,
            delivered: d,
        },
        FactProblem::LearnedAfterReport {
            learned: d,
            reported: d,
        },
        FactProblem::LearnedBeforeDelivery {
            learned: d,
            delivered: d,
        },
        FactProblem::PastCalendarEnd {
            from: d,
            months: 3,
            span: Span::Warranty,
        },
        FactProblem::PastCalendarEnd {
            from: d,
            months: 12,
            span: Span::Notice,
        },
        FactProblem::PastCalendarEnd {
            from: d,
            months: 60,
            span: Span::Learning,
        },
        FactProblem::PastCalendarEnd {
            from: d,
            months: 120,
            span: Span::Delivery,
        },
        FactProblem::NotUtf8,
        FactProblem::OutsideCalendar { day: d },
        FactProblem::NotMapped {
            got: NAME.into(),
            field: Field::Kind,
        },
    ]);
    covers("FactProblem", &all, 14, |p| match p {
        FactProblem::Date(_) => 0,
        FactProblem::NotOneOf { .. } => 1,
        FactProblem::Months { .. } => 2,
        FactProblem::UnknownPlan { .. } => 3,
        FactProblem::NoPlan => 4,
        FactProblem::EndBeforeStart { .. } => 5,
        FactProblem::NoAcceptance => 6,
        FactProblem::AcceptedBeforeDelivery { .. } => 7,
        FactProblem::LearnedAfterReport { .. } => 8,
        FactProblem::PastCalendarEnd { .. } => 9,
        FactProblem::NotUtf8 => 10,
        FactProblem::OutsideCalendar { .. } => 11,
        FactProblem::LearnedBeforeDelivery { .. } => 12,
        FactProblem::NotMapped { .. } => 13,
    });
    all
}

fn header_problems() -> Vec<HeaderProblem> {
    let all = vec![
        HeaderProblem::NearMiss {
            column: "納品".into(),
            fact: Field::Delivered,
        },
        HeaderProblem::FactTwice {
            fact: Field::Delivered,
            first: "納品日".into(),
            second: "delivered".into(),
        },
        HeaderProblem::MappedMissing {
            fact: Field::Delivered,
            column: "納品".into(),
        },
        HeaderProblem::PassedMissing {
            column: "納品".into(),
        },
        HeaderProblem::PassedFact {
            column: "納品日".into(),
            fact: Field::Delivered,
        },
        HeaderProblem::NothingToClassifyBy,
        HeaderProblem::ProjectMissing {
            column: "プロジェクト".into(),
        },
    ];
    covers("HeaderProblem", &all, 7, |p| match p {
        HeaderProblem::NearMiss { .. } => 0,
        HeaderProblem::FactTwice { .. } => 1,
        HeaderProblem::MappedMissing { .. } => 2,
        HeaderProblem::PassedMissing { .. } => 3,
        HeaderProblem::NothingToClassifyBy => 4,
        HeaderProblem::PassedFact { .. } => 5,
        HeaderProblem::ProjectMissing { .. } => 6,
    });
    all
}

fn row_problems() -> Vec<RowProblem> {
    let mut all: Vec<RowProblem> = fact_problems()
        .into_iter()
        .flat_map(|problem| {
            [None, Some("納品日".to_owned())].map(|column| RowProblem::Fact {
                error: crate::intake::IntakeError {
                    field: Field::Delivered,
                    problem: problem.clone(),
                },
                column,
            })
        })
        .collect();
    for encoding in [Decided::Utf8, Decided::ShiftJis] {
        for column in [None, Some("納品日".to_owned())] {
            all.push(RowProblem::NotText { column, encoding });
        }
    }
    all.extend([
        RowProblem::TooManyFields { got: 5, header: 4 },
        RowProblem::UnclosedQuote { opened: 2 },
        RowProblem::Json(LineProblem::NotAnObject),
        RowProblem::Json(LineProblem::Syntax(String::new())),
        RowProblem::Json(LineProblem::DuplicateKey("納品日".into())),
        RowProblem::FactNotText {
            key: "納品日".into(),
        },
        RowProblem::NoFactGiven,
        RowProblem::NotHours {
            column: "実績時間".into(),
            got: NAME.into(),
        },
        RowProblem::UnknownProject {
            value: NAME.into(),
            column: "プロジェクト".into(),
            like: Some("顧客A".into()),
        },
        RowProblem::UnknownProject {
            value: String::new(),
            column: "プロジェクト".into(),
            like: None,
        },
    ]);
    all.extend(header_problems().into_iter().map(RowProblem::Keys));
    covers("RowProblem", &all, 10, |p| match p {
        RowProblem::Fact { .. } => 0,
        RowProblem::NotText { .. } => 1,
        RowProblem::TooManyFields { .. } => 2,
        RowProblem::Json(_) => 3,
        RowProblem::FactNotText { .. } => 4,
        RowProblem::Keys(_) => 5,
        RowProblem::UnclosedQuote { .. } => 6,
        RowProblem::NoFactGiven => 7,
        RowProblem::UnknownProject { .. } => 8,
        RowProblem::NotHours { .. } => 9,
    });
    all
}

fn batch_errors() -> Vec<BatchError> {
    vec![
        BatchError::Io(std::io::Error::other(NAME)),
        BatchError::Csv(String::new()),
        BatchError::NoHeader,
        BatchError::Header(header_problems()),
        BatchError::RowTooLarge { row: 0, line: 1 },
        BatchError::RowTooLarge { row: 3, line: 4 },
    ]
}

#[test]
fn japanese_holds_no_english_words() {
    let ja = Lang::ALL.iter().position(|l| *l == Lang::Ja).unwrap();
    let leaks: Vec<String> = every_message()
        .into_iter()
        .filter_map(|(what, said)| {
            let words = english_words(&said[ja]);
            (!words.is_empty()).then(|| format!("{what}\n  {}\n  {words:?}", said[ja]))
        })
        .collect();
    assert!(
        leaks.is_empty(),
        "{} leaks:\n{}",
        leaks.len(),
        leaks.join("\n")
    );
}

#[test]
fn no_message_with_words_is_the_same_in_two_languages() {
    let same: Vec<String> = every_message()
        .into_iter()
        .filter(|(_, said)| {
            let first = &said[0];
            !english_words(first).is_empty() && said[1..].iter().any(|s| s == first)
        })
        .map(|(what, said)| format!("{what}: {}", said[0]))
        .collect();
    assert!(same.is_empty(), "{}", same.join("\n"));
}

#[test]
fn the_english_words_finder_finds_words_and_passes_ids() {
    assert_eq!(
        english_words("`servers[0].count` は 0 です"),
        Vec::<String>::new()
    );
    assert_eq!(
        english_words("--batch と \"monitoring\" と YYYY-MM-DD"),
        Vec::<String>::new()
    );
    assert_eq!(english_words("上限（page limits）"), ["page", "limits"]);
    // The clauses used by the samples exist for every classification.
    let case = cases()[0];
    let c = classify(&case).unwrap();
    assert!(matches!(
        clauses::reason(&c),
        clauses::Reason::Decided { .. }
    ));
}

#[test]
fn dates_and_yen_in_running_text() {
    let d = day("2026-11-28");
    assert_eq!(of(Lang::Ja).date(d), "2026年11月28日");
    assert_eq!(of(Lang::En).date(d), "2026-11-28");
    assert_eq!(of(Lang::Ja).yen(Yen(1_234)), "1,234円");
    assert_eq!(of(Lang::En).yen(Yen(1_234)), "¥1,234");
    assert_eq!(of(Lang::Ja).yen(Yen(-5)), "-5円");
}

#[test]
fn every_template_has_the_same_holes_in_every_language() {
    use super::template::{Tpl, holes};
    let differ: Vec<String> = Tpl::ALL
        .iter()
        .filter_map(|t| {
            let mut each = Lang::ALL.iter().map(|l| {
                let mut h = holes(of(*l).template(*t));
                h.sort_unstable();
                h
            });
            let first = each.next()?;
            each.any(|h| h != first).then(|| format!("{t:?}"))
        })
        .collect();
    assert!(differ.is_empty(), "holes differ: {differ:?}");
}

#[test]
fn a_template_is_filled_by_name_with_braces_kept() {
    use super::template::fill;
    assert_eq!(
        fill("{b} と {a}、`{{code}}`", &[("a", &1), ("b", &"x")]),
        "x と 1、`{code}`"
    );
    assert_eq!(fill("no holes }} {{", &[]), "no holes } {");
}

#[test]
fn one_row_is_a_row() {
    let summary = |rows| Msg::BatchSummary {
        rows,
        covered: rows,
        billable: 0,
        negotiate: 0,
        failed: 0,
        seconds: 0.5,
        per_second: 2,
        profile: None,
        preset: None,
    };
    let en = of(Lang::En);
    assert!(en.say(&summary(1)).starts_with("hoshu: 1 row: 1 covered"));
    assert!(en.say(&summary(2)).starts_with("hoshu: 2 rows: 2 covered"));
    assert!(of(Lang::Ja).say(&summary(1)).starts_with("hoshu: 1行："));
}
