//! English.

use chrono::NaiveDate;

use super::clauses::{
    Assumed, DaysLeft, Outcome, RuleReason, Unknown, WarrantyClause, WarrantyLine,
};
use super::template::Tpl;
use super::{Catalogue, Text};
use crate::batch::{
    Decided, FactSource, Fallback, HeaderProblem, LineProblem, Reading, RowError, RowProblem,
    TicketColumn,
};
use crate::coverage::{
    Cause, Classification, Condition, Kind, KnownCause, RuleId, Stage, Try, Verdict, WarrantyFrom,
};
use crate::date::Era;
use crate::file_error::{Refused, SyntaxLine, Token, Wanted};
use crate::intake::Field;
use crate::intake::Values;
use crate::money::{Yen, group_thousands as group};
use crate::quote::{Factor, Recurrence, Why};
use crate::rates::{Estimate, Work};
use crate::render::escape;
use crate::system::{Complexity, Per, Platform, ServiceKind, WebSystemKind};
use crate::vocab::{Expected, GapFrom, Got};

pub struct En;

fn work_name(w: Work) -> &'static str {
    match w {
        Work::Monitoring => "monitoring",
        Work::Backups => "backups",
        Work::Restore => "restore after failure",
        Work::OwnDefects => "fixes of the system's own defects",
        Work::ExternalCauses => "upkeep for external changes (OS, browsers, APIs, providers, law)",
        Work::MinorImprovements => "minor improvement requests",
    }
}

impl Catalogue for En {
    fn month(&self, m: crate::date::Month) -> String {
        m.to_string()
    }

    fn values(&self, v: Values) -> &'static str {
        match v {
            Values::Date => "a date, YYYY-MM-DD",
            Values::Answer => "yes, no, unknown (はい, いいえ, 不明)",
            Values::Kind => {
                "defect, change, minor, incident, operation (不具合, 仕様変更, 軽微, 障害, 運用作業)"
            }
            Values::Term => "a whole number of months from 1 to 120, or statutory (法定)",
            Values::Plan => "a plan of the rate card",
            Values::From => "delivery, acceptance (納品, 検収)",
        }
    }

    fn fact_name(&self, f: Field) -> &'static str {
        f.column()
    }

    fn era(&self, e: Era) -> &'static str {
        match e {
            Era::Meiji => "Meiji",
            Era::Taisho => "Taishō",
            Era::Showa => "Shōwa",
            Era::Heisei => "Heisei",
            Era::Reiwa => "Reiwa",
        }
    }

    #[rustfmt::skip]
    fn template(&self, t: Tpl) -> &'static str {
        match t {
            Tpl::UsageNotAMonth => "`{text}` is not a month; give YYYY-MM (2026-12)",
            Tpl::UsageNeedsProjectColumn => "`invoice --all --tickets FILE` needs --project-column HEADER: the column naming each ticket's contract (its system's name, its customer or its number); or give each contract its own file with --tickets-dir",
            Tpl::UsageNeedsRegistration => "an invoice the customer can claim tax on (適格請求書) names the issuer's registration number: add `registration = \"T…\"` to the firm profile",
            Tpl::UsageNoRegister => "no register to record in: give --register FILE, set HOSHU_REGISTER, or put `register = \"register.sqlite\"` in the firm profile; make one with `hoshu register init FILE`",
            Tpl::UsageBinaryToTerminal => "--format {format} writes a binary file, not text for the terminal; give --output FILE, or redirect: > quote.{format}",
            Tpl::UsageAlreadyThere => "{path} already exists; edit it, or remove it first to start again",
            Tpl::UsageNoConfigDir => "no config folder is known (is HOME set?); give --output FILE",
            Tpl::UsageNoBrowser => "HOSHU_CHROME names {path}, which is not a file; name the Chromium or Chrome program, or unset it",
            Tpl::UsageNoBrowser2 => "--format pdf prints with a headless Chromium, and none was found on PATH (chromium, chromium-browser, google-chrome); install one (Debian, Ubuntu: sudo apt-get install chromium; macOS: brew install --cask chromium) or name it with HOSHU_CHROME; --format html gives the same document to print from any browser",
            Tpl::UsageNoJapaneseFont => "--format pdf needs a font covering Japanese for the browser, and fontconfig knows none: the PDF would show boxes for every Japanese character; install one (Debian, Ubuntu: sudo apt-get install fonts-noto-cjk; macOS has one) and print again",
            Tpl::UsageBrowserFailed => "{browser} did not print the PDF ({detail}); --format html gives the same document to print from a browser",
            Tpl::UsageBrowserTimedOut => "{browser} did not print the PDF within {seconds} s and was stopped; \
                 HOSHU_PDF_TIMEOUT=SECONDS gives it longer, and --format html gives the same document to print from a browser",
            Tpl::UsageCellTooLong => "the text \"{start}…\" has {chars} characters, more than a worksheet cell holds (32,767); shorten it in the system file, or use another --format",
            Tpl::UsageAmountNotExact => "{amount} is more than a spreadsheet holds exactly (2^53 = 9,007,199,254,740,992); use --format json or csv",
            Tpl::UsageFactInFile => "{file}: `{key}`: {problem}",
            Tpl::UsageNoWorkFolder => "cannot make the browser's work folder in {dir} ({detail}); TMPDIR names where it goes: give a folder you can write",
            Tpl::UsageBadSeconds => "{variable} is `{value}`; give whole seconds, 1 to 3600 (default {default})",
            Tpl::UsageCannotRender => "cannot write the quote as {format}: {detail}",
            Tpl::UsageOneCaseFlagsInBatch => "--explain, --exit-code and --hours are for one case; a batch gives each row's verdict in its output (use --fail-on as its gate)",
            Tpl::UsageOneCaseFormatInBatch => "--format table and markdown are for one case; a batch writes csv or jsonl",
            Tpl::UsageBatchFormatForOneCase => "--format csv and jsonl are for --batch; one case prints table, json or markdown",
            Tpl::UsageSystemsFolder => "--systems {dir}: cannot read the folder: {detail}",
            Tpl::UsageNoSystems => "--systems {dir}: the folder has no system file (*.toml); put one per customer there",
            Tpl::UsageProjectTwice => "--systems {dir}: two system files are the project `{name}` (by file name or `name`); a row naming it could be either, so rename one",
            Tpl::UsageExcelNeedsCsv => "--excel, --output-encoding and --result-columns shape a CSV output; this one is JSON Lines (give --format csv)",
            Tpl::UsageRejectsToStdout => "--rejects -: the output already goes to stdout; give --output or a --rejects file",
            Tpl::UsageBatchInput => "--batch {path}: cannot read the file: {detail}",
            Tpl::UsageBatchInputFolder => "--batch {path}: is a folder; give the file to classify",
            Tpl::UsageDefaultPlan => "no --plan and no [maintenance] plan, so the default `standard`",
            Tpl::UsageCannotPrice => "{file}: cannot price this system",
            Tpl::UsageNotAnAmount => "`{text}` is not an amount; give whole yen, 0 or more, e.g. 550000",
            Tpl::UsageNotHours => "`{text}` is not a number of hours; give more than 0 and at most 10000, to the hundredth, e.g. 3, 1.5 or 0.25",
            Tpl::UsageNotAPercent => "`{text}` is not a percent; give e.g. 10 or 2.5",
            Tpl::UsageNotAColumnRule => "`{text}` is not FACT=HEADER with a fact; FACT is one of {allowed}",
            Tpl::UsageMissingFlag => "the following required arguments were not provided: {flags}",
            Tpl::UsageFlagConflict => "the argument '{flag}' cannot be used with '{other}'",
            Tpl::UsageOutputLinkLoop => "{flag} {path}: too many levels of symbolic links",
            Tpl::UsageOutputSameFile => "{flag} {path} and {other} {path2} are the same file; give two files",
            Tpl::UsageOutputIsInput => "{flag} {path}: is the input {input}; writing it would lose the input: give another file",
            Tpl::UsageOutputNotKeptOwner => "{flag} {path}: written, but its owner could not be kept ({detail}); the file is now yours",
            Tpl::UsageOutputNotKeptAcl => "{flag} {path}: written, but its access control list could not be kept ({detail}); the users and groups it named have lost their access, check with `getfacl`",
            Tpl::UsageOutputCreate => "{flag} {path}: cannot create a file in {dir}: {detail}",
            Tpl::UsageOutputWrite => "{flag} {path}: cannot write the file: {detail}",
            Tpl::RegisterInvoiced => "{contract} is invoiced for {period} already as `{existing}`: revise it (`--revises {existing}`) or cancel it first",
            Tpl::RegisterCredited => "the invoice `{invoice}` has its credit note already: `{existing}`",
            Tpl::RegisterDatabase => "the register {path} cannot be used: {detail}; nothing was written (is another hoshu holding it, or the disk full?)",
            Tpl::RegisterNotARegister => "{path} is not a hoshu register (a database of something else); nothing was written",
            Tpl::RegisterTooNew => "the register {path} was written by a newer hoshu (schema {version}); update hoshu to use it",
            Tpl::RegisterExists => "{path} exists already; a register is made once (`hoshu register list --register {path}` shows what it holds)",
            Tpl::RegisterMissing => "there is no register at {path}; make one with `hoshu register init {path}`",
            Tpl::RegisterUnknownNumber => "the register has no document numbered `{number}` (`hoshu register list` shows them)",
            Tpl::RegisterCancelled => "`{number}` was cancelled: it is neither revised nor cancelled again; issue a new document instead",
            Tpl::RegisterNotLatest => "`{number}` has a later version, `{latest}`: revise the latest",
            Tpl::RegisterNumberTaken => "the numbering pattern gives `{number}`, which the register holds already: the pattern was changed to one that numbered before; change `[numbering] quote` in the firm profile",
            Tpl::TicketsNoProjectColumn => "the ticket file has no column `{header}` (--project-column)",
            Tpl::TicketsUnknownProject => "line {line} of the ticket file: project `{got}` names no contract invoiced this month (its system's name, its customer or its number); nothing was issued",
            Tpl::TicketsNotAResult => "the ticket file has no `verdict` column: it is not a result of `hoshu classify --batch`; triage the export first and pass the result",
            Tpl::TicketsNoVerdict => "line {line} of the ticket file has no verdict (it failed in the batch): fix the row and run the batch again",
            Tpl::TicketsNoVerdict2 => "line {line} of the ticket file: `{got}` is no verdict; allowed: covered, billable, negotiate (or the words the batch wrote)",
            Tpl::TicketsNotItsRule => "line {line} of the ticket file says `{verdict}`, but its rule `{rule}` decides `{decides}`: the file was changed after the batch; classify the export again, or empty the rule cell of a verdict settled by hand",
            Tpl::TicketsUnknownRule => "line {line} of the ticket file: `{got}` is no rule hoshu knows (`hoshu classify --explain` lists them); classify the export again",
            Tpl::TicketsNotHours => "line {line} of the ticket file: `{got}` is no number of hours (more than 0, up to 10,000, to the hundredth)",
            Tpl::TicketsUnreadable => "the ticket file does not read at line {line}: {message}",
            Tpl::InvoiceNeedsCode => "the firm numbers invoices with the customer's code (`{{code}}`), and the contract `{number}` gives none: issue it again with `customer_code` in [quote]",
            Tpl::InvoiceNotAContract => "`{number}` is no issued quote in the register: invoice a contract by its quote's number (`hoshu register list --kind quote`)",
            Tpl::InvoiceContractCancelled => "the contract `{number}` was cancelled: it is not invoiced",
            Tpl::InvoiceNotAnInvoice => "`{number}` is no invoice in the register: a credit note returns an invoice (`hoshu register list --kind invoice`)",
            Tpl::InvoiceNotCancelled => "the invoice `{number}` stands: cancel it first (`hoshu register cancel {number} --reason \"…\"`), then make its credit note",
            Tpl::InvoiceDoesNotAddUp => "the register's invoice `{number}` does not add up (its lines, tax and total disagree): no credit note is made from it; run `hoshu register verify`",
            Tpl::InvoiceNoHours => "ticket `{id}` (line {line}) is billable but gives no hours: add its hours (an `hours` column, or the estimate in `estimated hours`) and invoice again",
            Tpl::UsageNoFirm => "the 見積書 and the invoice name their issuer, and no firm profile was found: give --firm FILE, set HOSHU_FIRM, or put firm.toml in {config} (`hoshu init firm` writes one to fill in)",
            Tpl::YourConfigFolder => "your config folder",
            Tpl::UsageBadPicture => "the firm profile's {key} {path}: {problem}",
            Tpl::PictureUnreadable => "cannot read the file: {detail}",
            Tpl::PictureTooLarge => "is larger than 1 MiB; give a smaller image",
            Tpl::PictureNotAnImage => "is not a PNG, JPEG or SVG image",
            Tpl::UsageFirmIsTemplate => "{file}: edit the firm profile first: it is still the template of `hoshu init firm`, with a fictitious firm{keys}; put in your firm's details, then delete `template = true`",
            Tpl::FirmTemplateKeys => " (still the template's: {keys})",
            Tpl::UsageUnknownPreset => "`{got}` is no preset; presets: {presets}{suggestion}",
            Tpl::DidYouMean => "; did you mean `{name}`?",
            Tpl::UsageFlagValue => "invalid value '{value}' for '{flag}'{reason}{allowed}",
            Tpl::FlagValueReason => ": {reason}",
            Tpl::FlagValueAllowed => " [possible values: {allowed}]",
            Tpl::UsageUnknownFlag => "unexpected argument '{flag}' found{suggestion}",
            Tpl::UsageUnknownCommand => "unrecognized subcommand '{command}'{suggestion}",
            Tpl::FlagDidYouMean => "; did you mean '{name}'?",
            Tpl::UsageOutputNotAFile => "{flag} {path}: is {what}, not a regular file; give the path of a file to write",
            Tpl::NodeFolder => "a folder",
            Tpl::NodeFifo => "a FIFO",
            Tpl::NodeDevice => "a device",
            Tpl::NodeSocket => "a socket",
            Tpl::NodeOther => "not a regular file",
            Tpl::RegisterAfterRecord => "after record {seq}",
            Tpl::RegisterRecord => "record {seq} (`{number}`)",
            Tpl::RegisterChanged => "the register was altered: {which} is not as hoshu wrote it (its contents no longer give its hash); restore the register from a backup",
            Tpl::RegisterChain => "the register was altered: {which} does not follow the record before it (one was removed or put in); restore the register from a backup",
            Tpl::RegisterTruncated => "the register was altered: the records {which} are gone (the register's tip names a later one); restore the register from a backup",
            Tpl::TicketsNoIdColumn => "the ticket file has no column hoshu reads as the ticket's id; allowed: {headers}",
            Tpl::InvoiceCreditBeforeInvoice => "the invoice `{number}` was issued on {issued}: date its credit note that day or later (--date)",
            Tpl::InvoiceOutOfTerm => "the contract is not in force in {month}: it runs from {start}{end}",
            Tpl::TermEnd => " to {end}",
            Tpl::TermOpen => "",
            Tpl::InvoicePastCalendar => "the due date {day} is past the holiday calendar hoshu knows (to 2099)",
            Tpl::HeaderName => "{header}",
            Tpl::ListSep => ", ",
            Tpl::KeyMissing => "is missing; the key is required",
            Tpl::KeyTooSmall => "is {got}; it must be at least {min}",
            Tpl::KeyEmpty => "is empty; give a name",
            Tpl::KeyEndBeforeStart => "is {end}, before the start {start}; the end must be on or after the start",
            Tpl::KeyLinkedAlone => "is true for a single server; servers in a group are linked to each other, so a linked group needs count >= 2",
            Tpl::KeyUnknownPlan => "names the plan `{plan}`, which the rate card does not have; allowed: {known}{suggestion}",
            Tpl::KeyDuplicate => "repeats the name `{name}`; names must be unique",
            Tpl::KeyTiersOutOfOrderLimitTraffic => "traffic limits",
            Tpl::KeyTiersOutOfOrderLimitPages => "page limits",
            Tpl::KeyTiersOutOfOrder => "must list tiers with rising {limit} and prices that never fall, so that more never costs less",
            Tpl::KeyLastTierBounded => "must end with a tier without limits, so that every input fits a tier",
            Tpl::KeyNoEntries => "is empty; it needs at least one entry",
            Tpl::KeyProvidersWithoutMethod => "counts providers for a payment method that is off; set {method} = true, or remove the count",
            Tpl::KeyNeedsRollover => "counts days off, which only Civil Code Art. 142's roll-over uses; set [delivery] holiday_rollover = true, or remove it",
            Tpl::KeyNeedsPlan => "dates a contract without its plan; add plan = \"…\", or give only previous_end for a contract that has ended",
            Tpl::KeyEndBeforeDelivery => "is {end}, before the delivery {delivered}; a maintenance contract ends after the delivery",
            Tpl::KeyAfterQuoteDate => "is {got}, after the quote date {date}; give a day on or before the quote date",
            Tpl::KeyBadRegistration => "is `{got}`, not a registration number: T and the 13 digits of the corporate number, whose first digit checks the rest (e.g. T7123456789012)",
            Tpl::KeyNotYetEffective => "says the card {version} takes effect {effective}; the quote is dated {date}: date the quote on or after {effective}, or use the card in force then",
            Tpl::KeyRenewsMonthly => "is for a yearly service (`per = \"year\"`): this one is billed every month; remove `renews`",
            Tpl::KeyOutsideTermSome => "is {got}, outside the maintenance term {start} to {end}: give a month within it",
            Tpl::KeyOutsideTermNone => "is {got}, before the maintenance starts on {start}: give a month from then",
            Tpl::KeyNeedsCode => "is missing: the firm numbers documents with the customer's code (`{{code}}` in `[numbering]`); add `customer_code = \"SAKURA\"` to [quote]",
            Tpl::KeyNotMonthDay => "is `{got}`; give the fiscal year's last day as MM-DD (`03-31`)",
            Tpl::KeyAmountOrPercent => "gives both `amount` and `percent`: a discount is an amount of yen or a percent, one of the two",
            Tpl::KeyAmountOrPercent2 => "needs `amount` (yen off) or `percent` (1 to 100)",
            Tpl::KeyNeedsCustomer => "is missing: a 見積書 is addressed to the customer; add `customer = \"…\"` (and [quote] `department`, `contact`, `address` as you address them)",
            Tpl::KeyNotAFact => "names `{got}`, which is no fact hoshu reads; facts: {facts}{suggestion}",
            Tpl::KeyUnknownPreset => "is `{got}`, which is no preset; presets: {presets}{suggestion}",
            Tpl::KeyFactValue => "gives a value hoshu does not read: {problem}",
            Tpl::FileRead => "{origin}: cannot read the file: {source}",
            Tpl::FileFolder => "{origin}: is a folder; give the path of a file",
            Tpl::FileTooLarge => "{origin}: is larger than {mib} MiB; a system file or rate card is far smaller, so this is not one",
            Tpl::FileTooLarge2 => "{origin}: is larger than {mib} MiB; a saved quote of the largest system file is about 14 MiB, so this is not one",
            Tpl::FileNotText => "{origin}: is not UTF-8 text; save it as UTF-8",
            Tpl::FileNotText2 => "{origin}: is neither UTF-8 nor Shift_JIS text; save it as CSV (UTF-8)",
            Tpl::FileTooLarge3 => "{origin}: is larger than {mib} MiB; give each customer's tickets in a file of its own (--tickets-dir)",
            Tpl::FileInvalid => "{origin}: invalid",
            Tpl::DateFormat => "`{t}` is not a date: write YYYY-MM-DD, for example 2024-01-10",
            Tpl::DateNoSuchDay => "`{t}` is not a day of the calendar (month 1-12, day within the month)",
            Tpl::DateHasTime => "`{t}` has a time or an offset; give the date alone, YYYY-MM-DD",
            Tpl::DateNotADate => "`{t}` is not a date: write it year first, as 2025-10-01, 2025/10/1, 2025年10月1日 or 令和7年10月1日 (R7.10.1), with a time after it if you like",
            Tpl::DateAmbiguous => "`{t}` could be read day first or month first: write the year first, as 2025/10/01",
            Tpl::SavedError => "{label}: not a hoshu quote saved as JSON (`hoshu quote --format json`): {message}",
            Tpl::SavedFigureCurrency => "is `{got}`; hoshu quotes in yen (`JPY`)",
            Tpl::SavedFigureTaxRate => "is {got}%; a tax rate is 0 to 100",
            Tpl::SavedFigureNegative => "is {yen}; an amount is never below zero",
            Tpl::SavedFigureNotProduct => "is not {quantity} × {unit_price} = {product}",
            Tpl::SavedFigureNotProduct2 => "is not {quantity} × {unit_price}, which is too large to count",
            Tpl::SavedFigureTwice => "`{key}` stands on an earlier line too",
            Tpl::SavedFigureTotal => "is {stated}, but the lines give {derived} with the stated tax rate and rounding",
            Tpl::SavedFigureUncountable => "is {stated}, but the lines add up to more than hoshu can count",
            Tpl::SavedFigureDiscountAboveZero => "is {yen}; a discount is never above zero",
            Tpl::SavedFigureDiscountFigure => "is {stated}, but the lines and the discount's terms give {derived}",
            Tpl::SavedFigureDiscountPercent => "is {p}%; a discount's percent is 1 to 100",
            Tpl::SavedFigureDiscountRecurrence => "is `{recurrence}`, but a discount on `{applies_to}` is `{its_recurrence}`",
            Tpl::SavedFigure => "{label}: `{field}` {what}: the saved quote was edited or is not hoshu's; \
                     save it again with `hoshu quote --format json`",
            Tpl::SavedError3 => "{label}: is `{schema}`, not `hoshu.quote.v1`",
            Tpl::UnknownPlan => "the rate card has no plan `{plan}`; allowed: {known}{suggestion}",
            Tpl::DiscountOnMonthly => "monthly",
            Tpl::DiscountOnAnnual => "annual",
            Tpl::DiscountOnOneTime => "one-time",
            Tpl::QuoteDiscountExceeds => "`quote.discounts[{index}]` (`{label}`) takes {discounts} off in all from the {applies_to} subtotal, which is {lines}: discounts cannot take more than the lines they apply to",
            Tpl::BatchIo => "cannot read or write the batch: {e}",
            Tpl::BatchCsv => "the input is not CSV that can be read: {message}",
            Tpl::BatchNoHeader => "the input is empty: a CSV batch needs a header row naming its columns",
            Tpl::BatchRowTooLarge => "the header row is larger than {mib} MiB, the most a row may hold: this is not a CSV file of tickets; nothing was written",
            Tpl::BatchRowTooLarge2 => "row {row} (line {line}) is larger than {mib} MiB, the most a row may hold: a quote opened in it and never closed, or the file is not one of tickets; the run stopped there",
            Tpl::FactNotOneOf => "`{got}` is not allowed; allowed: {values}",
            Tpl::FactNotMapped => "`{got}` is neither a value the profile maps nor one hoshu reads; add it to the profile's [values.{field}] (\"{got}\" = \"…\"), or use one of: {field2}",
            Tpl::FactNoPlan => "is given without a plan; name the plan too",
            Tpl::FactEndBeforeStart => "{end} is before the plan's start {start}; the end must be on or after the start",
            Tpl::FactNotUtf8 => "is not valid UTF-8 text",
            Tpl::FactNoAcceptance => "is needed: the warranty counts from the acceptance (--warranty-from acceptance); give the acceptance date",
            Tpl::FactAcceptedBeforeDelivery => "{accepted} is before the delivery {delivered}; the customer accepts what was delivered",
            Tpl::FactLearnedAfterReport => "{learned} is after the report {reported}; the customer learns of a defect before reporting it",
            Tpl::FactLearnedBeforeDelivery => "{learned} is before the delivery {delivered}; a defect of what was delivered is learned of after it is delivered",
            Tpl::FactOutsideCalendar => "with the holiday roll-over (Civil Code Art. 142), {day} is outside the holiday calendar hoshu knows (1948-07-20, when the national holidays law came into force, to 2099-12-31); classify without --holiday-rollover",
            Tpl::FactPastCalendarEndPeriodWarranty => "a warranty of {months} months after {from}",
            Tpl::FactPastCalendarEndPeriodNotice => "the statutory notice period (one year after the customer learned of the defect on {from}, Civil Code Art. 637)",
            Tpl::FactPastCalendarEndPeriodLearning => "the statutory limit of five years after the customer learned of the defect on {from} (Civil Code Art. 166(1)(i))",
            Tpl::FactPastCalendarEndPeriodDelivery => "the statutory limit of ten years after the delivery on {from} (Civil Code Art. 166(1)(ii))",
            Tpl::FactPastCalendarEnd => "{period} would end past 9999-12-31, the calendar's end",
            Tpl::MsgQuoteHeadingSome => "Maintenance quote: {system} — {c}",
            Tpl::MsgQuoteHeadingNone => "Maintenance quote: {system}",
            Tpl::MsgTaxRowRoundingFloor => "rounded down",
            Tpl::MsgTaxRowRoundingCeil => "rounded up",
            Tpl::MsgTaxRowRoundingHalfUp => "rounded half up",
            Tpl::MsgTaxRow => "Consumption tax {percent}% (消費税, {rounding})",
            Tpl::MsgFirstYear => "First year (12 months + one-time): {subtotal} before tax, {total} with tax.",
            Tpl::MsgExported => "wrote {documents} documents and index.csv into {dir}",
            Tpl::MsgTicketChargeNo => "{id} {title} ({hours} h of work)",
            Tpl::MsgTicketChargeYes => "{id} {title} ({hours} h estimated)",
            Tpl::MsgInvoiceSubject => "{system}: maintenance and operation (contract {contract})",
            Tpl::MsgRateSubtotal => "Subtotal at {percent}% (before tax)",
            Tpl::MsgDueNote => "Please pay by {due} into the account above.",
            Tpl::MsgReturnedSubtotal => "Returned at {percent}% (before tax)",
            Tpl::MsgCreditSubject => "{system}: return of invoice {invoice}",
            Tpl::MsgCancelReason => "The invoice was cancelled: {reason}",
            Tpl::MsgNegotiateNote => "Not billed, to settle with the customer first (negotiate): {tickets}.",
            Tpl::MsgRegisterMade => "made the register {path}: keep it on a local disk and back it up as one file",
            Tpl::MsgCancelled => "recorded the cancellation of {number}; the document stays in the register",
            Tpl::MsgRegisterIntactSome => "{path}: all {records} records are as written; the last one's hash is {tip} (note it elsewhere: a register cut short after it is found against it)",
            Tpl::MsgRegisterIntactNone => "{path}: no records yet",
            Tpl::MsgIssued => "issued {number} and recorded it in the register",
            Tpl::MsgIssued2 => "issued {number} (version {version}) and recorded it in the register",
            Tpl::MsgNumberVersion => "{number} (version {version})",
            Tpl::MsgSvgNotInXlsx => "the firm profile's `{key}` is an SVG, which a worksheet cannot hold: the XLSX has none (the HTML and PDF have it); give a PNG or JPEG to have it in the XLSX too",
            Tpl::MsgDiscountBasisSome => "{p}% of the {of} subtotal {base} before discounts, rounded down to the yen.",
            Tpl::MsgDiscountBasisNone => "A fixed amount off the {of} subtotal, before tax.",
            Tpl::MsgDevelopmentRatioBandBelow => "below",
            Tpl::MsgDevelopmentRatioBandWithin => "within",
            Tpl::MsgDevelopmentRatioBandAbove => "above",
            Tpl::MsgDevelopmentRatio => "A year of maintenance is {basis_points}.{cents}% of the development cost {development_cost} ({band} the usual {low}–{high}% a year).",
            Tpl::MsgDefaultSubject => "{name}: maintenance and operation",
            Tpl::MsgValidUntil => "{date} (valid for {days} days)",
            Tpl::MsgRulesConsidered => "Rules considered, in order:",
            Tpl::MsgRulesConsidered2 => "Rules considered if {assumption}:",
            Tpl::MsgCompareHeading => "Plans compared: {system}{customer}\nRate card: {card} {version} · Quote date: {date}",
            Tpl::MsgHours => "{hours} h",
            Tpl::MsgHolidaysForecast => "provisional: holidays after {after} are a forecast (the equinox days are announced each February for the next year)",
            Tpl::MsgNoChange => "No change: {old} and {new} quote the same.",
            Tpl::MsgDiffHeading => "Quote diff: {old} → {new}",
            Tpl::MsgDiffSummary => "Maintenance quote: {monthly} a month with tax ({percent})",
            Tpl::MsgWrote => "wrote {path}: fill it in; hoshu reads it for the 見積書 (quote --format html, pdf, xlsx)",
            Tpl::MsgCheckOk => "{file}: ok — \"{system}\", checked against the rate card {card} {version}",
            Tpl::MsgAcceptedUnused => "the acceptance date is not used: the warranty counts from the delivery; add --warranty-from acceptance (or [delivery] warranty_from = \"acceptance\") to count it from the acceptance",
            Tpl::MsgGateTripped => "the gate {flag} {threshold} tripped: the monthly total with tax changes by {change}",
            Tpl::MsgUnmappable => "{count} characters of the output have no Shift_JIS code and were written as `?`; write UTF-8 (--output-encoding utf-8, with a BOM for Excel) to keep them",
            Tpl::KeyReplaced => "counted card and store providers together and is no longer read; give {by} instead (each 1 or more, default 1 when its method is on)",
            Tpl::AndSep => " and ",
            Tpl::KeyPlanMissesWork => "of the plan `{plan}` leaves out {work} (\"{id}\"), which every quote charges for; a plan charges only for the work it covers, so add \"{id}\"",
            Tpl::KeyBadPattern => "cannot number documents: {why}; the tokens are {tokens} (`{{yyyy}}{{mm}}-{{seq:3}}` gives 202612-001)",
            Tpl::PatternUnknownToken => "`{token}` is no token",
            Tpl::PatternUnbalanced => "a brace is not closed",
            Tpl::PatternCounter => "it needs exactly one `{wanted}`",
            Tpl::PatternWidth => "`{token}`: a width is 1 to 9 digits",
            Tpl::CodeName => "`{name}`",
            Tpl::DateOutsideEra => "`{text}` is not a day of the {era} era ({first} to {last})",
            Tpl::EraToday => "today",
            Tpl::FactMonths => "`{got}` is not a warranty term; give {allowed}",
            Tpl::MsgMonthlyFee => "Maintenance and operation, {month}",
            Tpl::MsgInvoicePeriod => "{month}",
            Tpl::MsgUncovered => "Not in the plan \"{plan}\", so not priced here: {works}; billed by the hour when needed, or choose a plan that covers it.",
            Tpl::WorkSep => "; ",
            Tpl::MsgNoteWarranty => "Defects of the system itself that impair its running and are reported within the warranty ({months} months after delivery; 契約不適合責任, formerly 瑕疵担保) are fixed free of charge, whatever the plan.",
            Tpl::MsgNoteWarrantyStatutory => "Defects of the system itself that impair its running and are reported within the warranty (契約不適合責任, formerly 瑕疵担保) are fixed free of charge, whatever the plan.",
            Tpl::MsgBatchSummary => "hoshu: {rows}{by}: {covered} covered, {billable} billable, {negotiate} negotiate, {failed} failed; {seconds} s, {per_second} rows/s",
            Tpl::SummaryByBoth => " by the profile {profile} (over the preset {preset})",
            Tpl::SummaryByProfile => " by the profile {profile}",
            Tpl::SummaryByPreset => " by the preset {preset}",
            Tpl::MsgColumnsHeading => "How hoshu reads {input}{by}:",
            Tpl::ColumnsByBoth => " by the profile {profile} (over the preset {preset})",
            Tpl::ColumnsByProfile => " by the profile {profile}",
            Tpl::ColumnsByPreset => " by the preset {preset}",
            Tpl::MsgBudgetFits => "Budget {limit} {per} with tax: the cheapest plan that fits is \"{plan}\".",
            Tpl::MsgBudgetNoneFits => "Budget {limit} {per} with tax: no plan fits; the cheapest, \"{cheapest}\", is {short} over.",
            Tpl::PerYear => "a year",
            Tpl::PerMonth => "a month",
            Tpl::MsgProfileOk => "{file}: ok — a batch profile{preset}; headers of facts: {headers}, values mapped: {values}, defaults: {defaults}",
            Tpl::ProfileOverPreset => " over the preset {preset}",
            Tpl::AddresseeTo => "To: {name}{department}",
            Tpl::AddresseeDepartment => ", {department}",
            Tpl::AddresseeContact => "To: {name}{department}, Attn:\u{a0}{contact}",
            Tpl::AddresseePerson => "To: {name}{department}",
            Tpl::BatchHeader => "the header cannot be classified by; nothing was read or written:\n  {problems}",
            Tpl::RowsOne => "{rows} row",
            Tpl::RowsMany => "{rows} rows",
            Tpl::PlatformIos => "iOS",
            Tpl::PlatformAndroid => "Android",
            Tpl::SystemEc => "EC",
            Tpl::SystemReservation => "reservation",
            Tpl::SystemCrm => "customer management",
            Tpl::SystemCms => "CMS",
            Tpl::SystemOther => "other",
            Tpl::ServiceDomain => "domain",
            Tpl::ServiceSsl => "SSL certificate",
            Tpl::ServiceMail => "mail",
            Tpl::ServiceServer => "server rental",
            Tpl::ServiceOther => "service",
            Tpl::ComplexityLow => "low",
            Tpl::ComplexityMedium => "medium",
            Tpl::ComplexityHigh => "high",
            Tpl::ServerOfRole => "{role} server",
            Tpl::PageOne => "1 page",
            Tpl::Pages => "{n} pages",
            Tpl::ProviderOne => "1 provider",
            Tpl::Providers => "{n} providers",
            Tpl::HourOne => "1 hour",
            Tpl::Hours => "{n} hours",
            Tpl::ItemAccessTier => "traffic tier \"{tier}\"",
            Tpl::ItemStandby => "standby system (redundancy)",
            Tpl::ItemDataSync => "data sync with the standby",
            Tpl::ItemServerLinked => "{server} (linked)",
            Tpl::ItemServerLinkage => "{server} linkage",
            Tpl::ItemSite => "site \"{name}\" ({pages})",
            Tpl::ItemWebSystem => "\"{name}\": {kind} system, {complexity} complexity",
            Tpl::ItemCreditCardIntegration => "credit-card provider integration",
            Tpl::ItemCreditCardIrregularOperations => "credit-card irregular operations",
            Tpl::ItemConvenienceStoreIntegration => "convenience-store payment integration",
            Tpl::ItemConvenienceStoreOperations => "convenience-store payment operations",
            Tpl::ItemApp => "app \"{name}\" on {platform}",
            Tpl::ItemAppOsVersions => "app \"{name}\": older {platform} versions",
            Tpl::ItemService => "{service} \"{name}\"",
            Tpl::ItemPlanFee => "plan \"{plan}\"",
            Tpl::ItemTakeover => "investigation and take-over",
            Tpl::VisitsUpTo => "up to {n} visits a day",
            Tpl::VisitsNoLimit => "no limit on visits a day",
            Tpl::RequestsUpTo => "up to {n} requests a minute",
            Tpl::RequestsNoLimit => "no limit on requests a minute",
            Tpl::WhyLowestTier => "No [traffic] given, so the lowest tier \"{tier}\" ({visits}, {requests}).",
            Tpl::WhyPeak => " and {n} requests a minute at peak",
            Tpl::WhyTier => "{daily} visits a day{peak} fit tier \"{tier}\" ({visits}, {requests}).",
            Tpl::WhyStandby => "Business critical: a failure loses money directly, so a standby system is kept ready to take over.",
            Tpl::WhyDataSync => "Business critical: the standby's data is kept identical to the live servers'.",
            Tpl::WhyOneServer => "One server: watched and kept running.",
            Tpl::WhyServersUnlinked => "{count} identical servers that do not cooperate: exactly {count} × one server's monitoring.",
            Tpl::WhyServersLinked => "{count} identical servers: {count} × one server's monitoring; the link is priced on its own line.",
            Tpl::WhyServerLinkage => "The {count} servers are linked: keeping the link healthy costs extra, per server.",
            Tpl::SiteTierUpTo => "up to {n}",
            Tpl::SiteTierNoLimit => "without a limit",
            Tpl::WhySite => "Every site costs, shared server or not; {pages} fall in the size tier {tier}.",
            Tpl::WhyWebSystem => "Each web system adds upkeep, by kind ({kind}) and complexity ({complexity}).",
            Tpl::WhyCreditCardIntegration => "Credit payment follows each provider's spec and law changes at once: {providers}.",
            Tpl::WhyCreditCardIrregularOperations => "Refunds after phone cancellations, partial discounts, suspending users whose charge failed twice.",
            Tpl::WhyConvenienceStoreIntegration => "Convenience-store payment adds each provider's spec and payment slips: {providers}.",
            Tpl::WhyConvenienceStoreOperations => "Reconciling store payments, expired slips and late payments.",
            Tpl::WhyAppAndroid => "Every app platform costs; Android's vendor-customised OS builds raise more bugs than iOS.",
            Tpl::WhyAppIos => "Every app platform costs: each iOS update can break the app.",
            Tpl::WhyAppOsVersions => "{supported} major {platform} versions supported: each beyond the newest costs extra.",
            Tpl::WhyResponse => " A failure is answered within {hours}.",
            Tpl::WhyPlanFee => "The plan's own fee; it covers {covers}.{response}",
            Tpl::WhyServiceMonthly => "Run for you and passed on at cost: {cost} a month, plus handling {handling}.",
            Tpl::WhyServiceYearly => "Run for you and passed on at cost: {cost} a year, plus handling {handling}; about {monthly} a month.",
            Tpl::GapDelivery => "the delivery",
            Tpl::GapLastMaintained => "last maintained",
            Tpl::GapPreviousEnd => "the previous contract's end",
            Tpl::GapContractEnd => "the contract's end",
            Tpl::WhyTakeover => "Unmaintained since {since} ({from}; {months} months): finding causes needs investigation first; per full year.",
            Tpl::ClauseStatutory => "the contract sets no term, so the Civil Code's: notice within a year of learning of it, by {end}",
            Tpl::ClauseEvenThreeMonths => "even a 3-month warranty lasts to {end}",
            Tpl::ClauseEvenSixMonthsEnded => "even a 6-month warranty ended {end}",
            Tpl::ClauseLastDay => "last day {end}",
            Tpl::ClauseClaimLasts => "within Civil Code Art. 166(1)'s limits (5 years after learning of it, 10 years after delivery) to {end}",
            Tpl::ClauseClaimEnded => "the claim ended {end} by Civil Code Art. 166(1): 5 years after learning of it or 10 years after delivery, whatever the builder knew",
            Tpl::WorkSpecChanges => "spec changes",
            Tpl::RuleBeforeChange => "A spec change or a fix the contract did not include costs extra (別途費用).",
            Tpl::RuleBeforeMinor => "Before delivery, a minor item can sometimes be absorbed within the budget, but as a rule each one needs consultation (協議).",
            Tpl::RuleBeforeOwnDefect => "Found before delivery: a defect against the agreed spec is fixed at development cost.",
            Tpl::RuleBeforeExternalCause => "Found before delivery, but caused outside the delivered program: who pays needs consultation.",
            Tpl::RuleAfterChange => "A spec change is covered by no warranty and no plan: it is quoted and paid separately.",
            Tpl::RuleAfterWarrantyBuilderKnew => "The system's own defect, which the builder knew of at delivery (or missed through gross negligence): neither the notice period nor a contract's term protects the builder (Civil Code Arts. 637(2), 559, 572), and the claim is {clause}, so it is fixed free.",
            Tpl::RuleAfterWarranty => "The system's own defect, impairing the running, reported within the warranty (契約不適合責任, formerly 瑕疵担保; {clause}): fixed free, whatever the plan.",
            Tpl::RuleAfterPlanCovers => "The maintenance plan \"{plan}\" is in force on {reported} and covers {work}.",
            Tpl::RuleAfterPlanExcludes => "The maintenance plan \"{plan}\" is in force on {reported} but does not cover {work}.",
            Tpl::RuleAfterWarrantyExpired => "The system's own defect, reported after the warranty ended ({clause}), with no maintenance plan in force.",
            Tpl::RuleAfterExternalCause => "A failure from an external cause is not a defect of the delivered program; with no maintenance plan in force it is paid work.",
            Tpl::RuleAfterMinor => "A minor request after delivery with no maintenance plan in force is paid work.",
            Tpl::RuleBeforeOperation => "Before delivery nothing is in operation yet: whether an operations request is part of the build needs consultation (協議).",
            Tpl::RuleAfterOperation => "An operations request (a refund, a partial discount, suspending a user, a routine operation) with no maintenance plan in force is paid work; a plan in force prices and covers it.",
            Tpl::RuleBeforeIncident => "Before delivery the system is still the builder's: a failure is restored at development cost.",
            Tpl::RuleAfterIncident => "Restoring after a failure (server down, data lost) is operation work; with no maintenance plan in force it is paid work.",
            Tpl::RuleAfterWarrantyNotImpairing => "Reported within the warranty (契約不適合責任, formerly 瑕疵担保; {clause}), but the defect does not impair the program's running: the free fix is for defects that do (稼働に支障が出る場合), so with no plan in force it is paid work.",
            Tpl::AssumedExternal => "the cause is external",
            Tpl::AssumedInternal => "the cause is not external",
            Tpl::AssumedWarrantyMonths => "the warranty is {months} months",
            Tpl::AssumedImpairs => "it impairs the running",
            Tpl::AssumedNotImpairs => "it does not impair the running",
            Tpl::AssumedBuilderKnew => "the builder knew of it",
            Tpl::AssumedBuilderDidNotKnow => "the builder did not know of it",
            Tpl::AssumedSep => " and ",
            Tpl::UnknownCause => "the cause",
            Tpl::UnknownWarrantyLength => "the warranty length",
            Tpl::UnknownImpairs => "whether it impairs the running",
            Tpl::UnknownBuilderKnew => "whether the builder knew of it",
            Tpl::UnknownSep => " and ",
            Tpl::TriesAgreeOne => " {unknown} is not known, but every possibility gives the same verdict.",
            Tpl::TriesAgreeMany => " {unknown} are not known, but every possibility gives the same verdict.",
            Tpl::SettleCause => "whether the cause is external",
            Tpl::SettleWarrantyLength => "the warranty's length in months",
            Tpl::SettleImpairs => "whether the defect impairs the program's running",
            Tpl::SettleBuilderKnew => "whether the builder knew of it at delivery",
            Tpl::SettleSep => " and ",
            Tpl::Outcome => "if {assumed}: {verdict} ({rule})",
            Tpl::OutcomeSep => "; ",
            Tpl::Unsettled => "The verdict depends on facts not known yet; settle {settle} and classify again. {outcomes}.",
            Tpl::WarrantyFromDelivery => "delivery",
            Tpl::WarrantyFromAcceptance => "acceptance (検収)",
            Tpl::WarrantyNotDelivered => "none yet (not delivered)",
            Tpl::WarrantyStartsAfter => "starts after delivery on {delivered}",
            Tpl::WarrantyStatutory => "no term in the contract, so the Civil Code's (Arts. 637, 166): learned {learned}, notice by {notice_end}, claims end {learning_end} (5 years) and {delivery_end} (10 years after delivery) ({left})",
            Tpl::RolledSunday => "(a Sunday)",
            Tpl::RolledDayOff => "(a day off)",
            Tpl::WarrantyRolled => ", moved from {plain} {day} by Civil Code Art. 142",
            Tpl::WarrantyMonths => "{months} months from the {from}, {start} to {end}{rolled} ({left})",
            Tpl::WarrantyUnknown => "length unknown: 3 months ends {end_3} ({left_3}), 6 months ends {end_6} ({left_6})",
            Tpl::DaysLastDay => "last day today",
            Tpl::DayLeft => "1 day left",
            Tpl::DaysLeft => "{n} days left",
            Tpl::DayPast => "1 day past",
            Tpl::DaysPast => "{n} days past",
            Tpl::Yes => "yes",
            Tpl::No => "no",
            Tpl::ShortCauseExternal => "external",
            Tpl::ShortCauseInternal => "not external",
            Tpl::CondStage => "stage is {want} (saw {saw})",
            Tpl::CondKind => "kind is {want} (saw {saw})",
            Tpl::CondCause => "cause is {want} (saw {saw})",
            Tpl::CondBuilderKnew => "; the builder knew of it, so only Art. 166(1)'s limits",
            Tpl::CondWithinWarranty => "reported within the warranty: {want} (saw {saw}{knew})",
            Tpl::CondPlanInForce => "a plan is in force: {want} (saw {saw})",
            Tpl::CondPlanCovers => "the plan covers the work: {want} (saw {saw})",
            Tpl::CondImpairs => "the defect impairs the running: {want} (saw {saw})",
            Tpl::RuleCondWithinWarranty => "within warranty: {want}",
            Tpl::RuleCondPlanInForce => "plan in force: {want}",
            Tpl::RuleCondPlanCovers => "plan covers the work: {want}",
            Tpl::RuleCondImpairs => "impairs the running: {want}",
            Tpl::Estimate => "{hours} × {hourly} = {subtotal} before tax, {tax} tax, {total} with tax (税込)",
            Tpl::PlanNone => "none",
            Tpl::PlanInForceOn => "{plan}, in force on {reported}",
            Tpl::PlanNotInForceOn => "{plan}, not in force on {reported}",
            Tpl::CauseUnknown => "cause unknown",
            Tpl::CauseExternal => "external cause",
            Tpl::CauseNotExternal => "cause not external",
            Tpl::CaseLine => "{kind}, {cause}",
            Tpl::NotDelivered => "not delivered",
            Tpl::DeliveredOn => "delivered {delivered}",
            Tpl::StageLine => "{stage} ({delivered}, reported {reported})",
            Tpl::RowAt => "row {row} (line {line}): {problem}",
            Tpl::RowColumn => "column {column}: {problem}",
            Tpl::RowFactNotInRow => "fact {fact} (not in the row): {problem}",
            Tpl::NotTextColumn => "column {column}",
            Tpl::NotTextWholeLine => "column (the whole line)",
            Tpl::NotTextExcelHint => " (a file saved by Excel in Japan may need --encoding shift_jis)",
            Tpl::RowNotText => "{place}: not valid {encoding} text; the output shows � where the bytes are not text, and --rejects keeps the row as it was{hint}",
            Tpl::RowUnclosedQuote => "the quote opened on line {opened} is never closed, so everything from there to the end of the file was read as one cell (the rows after it too); close the quote, or write a quote inside a cell twice (\"\")",
            Tpl::RowTooManyFields => "has {got} fields but the header has {header}: is a comma in a cell not quoted? The row is not classified; the output keeps its first {header} fields, --rejects keeps the whole row",
            Tpl::RowNotAnObject => "not a JSON object: a JSON Lines row is one object `{{...}}` on one line",
            Tpl::RowJsonSyntax => "not a JSON object that can be read: {message}",
            Tpl::RowDuplicateKey => "the key `{key}` is given twice; give each key once",
            Tpl::RowFactNotText => "key {key}: give text, a whole number or null",
            Tpl::RowNoFactGiven => "nothing to classify by: every fact of this row is empty, and no fact flag or --system gives one; fill in at least the delivery and the report date",
            Tpl::RowNotHours => "column {column}: `{got}` is not a number of hours; give more than 0 and at most 10,000, to the hundredth (1.5, 0.25), or leave it empty",
            Tpl::RowNoProject => "column {column}: no project given, so no system file of --systems gives this row its contract",
            Tpl::RowUnknownProject => "column {column}: no system file of --systems is the project `{value}` (by its file name or its `name`){like}",
            Tpl::HeaderKey => "key",
            Tpl::HeaderColumn => "column",
            Tpl::HeaderNearMiss => "the {what} `{column}` looks like the fact {fact} but is not its exact name, so it would not be read; rename it to `{name}`, map it with --column {mapping}, or pass it through unread with --pass {pass}",
            Tpl::HeaderFactTwice => "the fact {fact} is given twice, by `{first}` and by `{second}`; keep one",
            Tpl::HeaderMappedMissing => "--column {name}={column} names a {what} the file does not have",
            Tpl::HeaderPassedMissing => "--pass {column} names a {what} the file does not have",
            Tpl::HeaderPassedFact => "--pass {column} names the {what} of the fact {name}: passed through, every row would be classified without it; --pass is for a {what} that only looks like a fact (rename the {what} if it is not one)",
            Tpl::HeaderNothingToClassifyBy => "nothing to classify by: no {what} is a fact ({facts}), and no fact flag or --system gives one",
            Tpl::HeaderProjectMissing => "--project-column {column} names a {what} the file does not have",
            Tpl::ReadingFactName => "the fact {name} ({ja})",
            Tpl::ReadingMapped => ", mapped",
            Tpl::ReadingValues => "; values: {values}",
            Tpl::ReadingTwice => "refused: {fact} is given by an earlier column",
            Tpl::ReadingTicketId => "the ticket's id, passed through",
            Tpl::ReadingTicketTitle => "the ticket's title, passed through",
            Tpl::ReadingTicketHours => "the hours worked, passed through",
            Tpl::ReadingResult => "a result, replaced by this run's",
            Tpl::ReadingProject => "the row's project: its system file of --systems gives the contract",
            Tpl::ReadingPassDeclared => "passed through, as told",
            Tpl::ReadingPassUndeclared => "passed through: no fact's name",
            Tpl::ReadingNearMiss => "refused: looks like {fact}; map it (--column {name}=…, or [columns] in a profile) or pass it (--pass)",
            Tpl::FallbackFlag => "the flag {flag}",
            Tpl::FallbackSystem => "the system file ({key})",
            Tpl::FallbackProjectSystem => "the row's project's system file ({key})",
            Tpl::FallbackProfile => "the profile's [defaults]",
            Tpl::FallbackToday => "today",
            Tpl::SourceColumnOr => "the column {column}; where it is empty, {fallback}",
            Tpl::SourceColumn => "the column {column}",
            Tpl::SourceNone => "not given",
            // templates:end
        }
    }

    fn date(&self, d: NaiveDate) -> String {
        d.to_string()
    }

    fn yen(&self, y: Yen) -> String {
        y.to_string()
    }

    fn work(&self, w: Work) -> &'static str {
        work_name(w)
    }

    fn text(&self, t: Text) -> &'static str {
        match t {
            Text::Plan => "Plan",
            Text::RateCard => "Rate card",
            Text::QuoteDate => "Quote date",
            Text::QuoteNumber => "No.",
            Text::Factor => "Factor",
            Text::ItemAndWhy => "Item and why",
            Text::Item => "Item",
            Text::Quantity => "Qty",
            Text::Unit => "Unit",
            Text::Per => "Per",
            Text::UnitPrice => "Unit price",
            Text::Amount => "Amount",
            Text::Monthly => "Monthly",
            Text::Annual => "Annual (12 months)",
            Text::OneTime => "One-time",
            Text::Discounts => "Discounts",
            Text::DiscountsFirstYear => "Discounts, first year (before tax)",
            Text::RecordNumber => "No.",
            Text::RecordVersion => "Ver.",
            Text::RecordIssuedOn => "Issued",
            Text::RecordCustomer => "Customer",
            Text::RecordAmount => "Amount (with tax)",
            Text::RecordStatus => "Status",
            Text::RecordSubject => "System / reason",
            Text::RecordIssued => "issued",
            Text::RecordCancelled => "cancelled",
            Text::RecordCancellation => "cancellation",
            Text::RegisterEmpty => "No records match.",
            Text::InvoiceTitle => "INVOICE",
            Text::InvoiceNumber => "Invoice No.",
            Text::InvoiceDate => "Date",
            Text::TransactionMonth => "For",
            Text::DueDate => "Payment due",
            Text::InvoiceGreeting => "We invoice you as follows.",
            Text::AmountDue => "Amount due (with tax)",
            Text::TaxRateColumn => "Tax rate",
            Text::BankAccount => "Pay to",
            Text::TaxOncePerInvoice => {
                "Consumption tax is computed once per tax rate on this invoice, not per line."
            }
            Text::IssuerColumn => "Issuer",
            Text::CreditTitle => "CREDIT NOTE",
            Text::CreditNumber => "Credit note No.",
            Text::CreditDate => "Date of return",
            Text::CreditedInvoice => "Invoice returned",
            Text::CreditedInvoiceDate => "Invoice date",
            Text::CreditGreeting => "We return the amount of the invoice below in full.",
            Text::AmountReturned => "Amount returned (with tax)",
            Text::TaxAsInvoiced => {
                "The tax returned at each rate is the tax the invoice charged at that rate."
            }

            Text::RecordFile => "File",
            Text::RecordContract => "Contract",
            Text::FirstYear => "First year (12 months + one-time)",
            Text::Subtotal => "Subtotal before tax (税抜)",
            Text::Total => "Total with tax (税込)",
            Text::TaxOncePerTotal => "Tax is rounded once per total, not per line.",
            Text::DocumentTitle => "QUOTATION",
            Text::InternalMark => "INTERNAL",
            Text::Issued => "Date of issue",
            Text::ValidUntil => "Valid until",
            Text::Subject => "Subject",
            Text::Remarks => "Remarks",
            Text::GrandTotal => "Quoted amount (first year, with tax)",
            Text::MonthlyWithTax => "Monthly, with tax",
            Text::Person => "Contact",
            Text::Registration => "Registration No.",
            Text::Phone => "Tel",
            Text::Email => "Email",
            Text::ChartTitle => "Monthly cost by factor (before tax)",
            Text::Greeting => "We are pleased to submit our quotation as follows.",
            Text::NoteSpecChanges => {
                "Spec changes and new features are not maintenance: they are quoted separately."
            }
            Text::UnitSet => "set",
            Text::UnitServer => "server",
            Text::UnitProvider => "provider",
            Text::Rule => "Rule",
            Text::Reason => "Reason",
            Text::Case => "Case",
            Text::Stage => "Stage",
            Text::Warranty => "Warranty",
            Text::Estimate => "Estimate",
            Text::Holds => "holds:",
            Text::Fails => "fails:",
            Text::Verdict => "Verdict",
            Text::Calendar => "Calendar",
            Text::Error => "error",
            Text::Warning => "warning",
            Text::Colon => ": ",
            Text::TimeLeft => "eta",
            Text::ResultVerdict => "verdict",
            Text::ResultRule => "rule",
            Text::ResultWarrantyEnd => "warranty_end",
            Text::ResultError => "error",
            Text::ResultEstimate => "estimate",
            Text::ResultComment => "comment",
            Text::Column => "Column",
            Text::ReadAs => "Read as",
            Text::Fact => "Fact",
            Text::From => "From",
            Text::DefaultCard => "the default rate card",
            Text::MonthlyBeforeTax => "Monthly before tax",
            Text::MonthlyWithTaxRow => "Monthly with tax",
            Text::AnnualBeforeTax => "Annual before tax",
            Text::AnnualWithTax => "Annual with tax",
            Text::OneTimeBeforeTax => "One-time before tax",
            Text::OneTimeWithTax => "One-time with tax",
            Text::FirstYearWithTax => "First year with tax (12 months + one-time)",
            Text::WhatThePlanCovers => "What the plan covers",
            Text::SpecChangesSeparately => "spec changes (quoted separately)",
            Text::FirstResponse => "first response to a failure",
            Text::Fits => "✓ fits",
            Text::Change => "Change",
            Text::Before => "Before",
            Text::After => "After",
            Text::Difference => "Difference",
            Text::BeforeWithTax => "Before (税込)",
            Text::AfterWithTax => "After (税込)",
            Text::DifferenceBeforeTax => "Difference (税抜)",
            Text::DifferenceWithTax => "Difference (税込)",
            Text::Added => "+ added",
            Text::Removed => "- removed",
            Text::Changed => "~ changed",
            Text::Overflow => "the amount is too large to compute (over 9223372036854775807 yen)",
        }
    }

    fn at_key(&self, key: &str, problem: &str, parse: bool) -> String {
        if parse {
            format!("`{key}`: {problem}")
        } else {
            format!("`{key}` {problem}")
        }
    }

    fn refused(&self, r: &Refused) -> String {
        match r {
            Refused::UnknownKey { key, allowed } if allowed.is_empty() => {
                format!("unknown key `{}`; this table takes no keys", escape(key))
            }
            Refused::UnknownKey { key, allowed } => format!(
                "unknown key `{}`; allowed: {}{}",
                escape(key),
                allowed.join(", "),
                (self as &dyn Catalogue).did_you_mean(key, allowed.iter().map(String::as_str))
            ),
            Refused::NotAllowed { value, allowed } => format!(
                "`{}` is not allowed; allowed: {}{}",
                escape(value),
                allowed.join(", "),
                (self as &dyn Catalogue).did_you_mean(value, allowed.iter().map(String::as_str))
            ),
            Refused::TooLarge { value } => format!(
                "`{}` is too large: a number here goes up to {}",
                escape(value),
                i64::MAX
            ),
            Refused::Date(e) => (self as &dyn Catalogue).date_error(e),
            Refused::Invalid {
                value,
                got,
                wanted,
                max,
            } => {
                let what = if *value { "value" } else { "type" };
                let got = got
                    .as_ref()
                    .map_or_else(String::new, |g| format!(": {}", got_words(g)));
                let max = max.map_or_else(String::new, |m| format!(", at most {m}"));
                format!(
                    "invalid {what}{got}, expected {}{max}",
                    wanted_words(wanted)
                )
            }
            Refused::Syntax(lines) => lines.iter().map(syntax_line).collect::<Vec<_>>().join("\n"),
            Refused::Said(message) => message.clone(),
        }
    }

    fn syntax(&self, r: &Refused) -> String {
        self.refused(r)
    }

    /// A batch that stopped.
    fn factor(&self, f: Factor) -> &'static str {
        match f {
            Factor::Access => "Access volume",
            Factor::Servers => "Managed servers",
            Factor::Sites => "Sites",
            Factor::WebSystems => "Web systems",
            Factor::Payments => "Payments",
            Factor::Apps => "Smartphone apps",
            Factor::Services => "Managed services",
            Factor::Plan => "Maintenance plan",
            Factor::OneTime => "One-time",
        }
    }

    fn title<'a>(&self, titles: &'a crate::quote::Titles) -> Option<&'a str> {
        titles.en.as_deref()
    }

    fn per(&self, r: Recurrence) -> &'static str {
        match r {
            Recurrence::OneTime => "once",
            Recurrence::Yearly => "/yr",
            Recurrence::Monthly => "/mo",
        }
    }

    fn verdict(&self, v: Verdict) -> &'static str {
        match v {
            Verdict::Covered => "covered",
            Verdict::Billable => "billable",
            Verdict::Negotiate => "negotiate",
        }
    }

    fn verdict_gloss(&self, v: Verdict) -> &'static str {
        match v {
            Verdict::Covered => "fixed free of charge",
            Verdict::Billable => "the customer pays",
            Verdict::Negotiate => "consult the customer before deciding",
        }
    }

    fn stage(&self, s: Stage) -> &'static str {
        match s {
            Stage::BeforeDelivery => "before delivery",
            Stage::AfterDelivery => "after delivery",
        }
    }

    fn kind(&self, k: Kind) -> &'static str {
        match k {
            Kind::Defect => "defect",
            Kind::Change => "spec change",
            Kind::Minor => "minor request",
            Kind::Incident => "incident (restore after a failure)",
            Kind::Operation => {
                "operations request (refunds, discounts, suspending users, routine operations)"
            }
        }
    }

    fn known_cause(&self, c: KnownCause) -> &'static str {
        match c {
            KnownCause::External => "external cause",
            KnownCause::Internal => "the system's own defect (cause not external)",
        }
    }

}

/// What a value must be.
fn expected(e: Expected) -> &'static str {
    match e {
        Expected::WholeFromOne => "a whole number, 1 or more",
        Expected::WholeFromZero => "a whole number, 0 or more",
        Expected::YenFromOne => "whole yen, 1 or more",
        Expected::YenFromZero => "whole yen, 0 or more",
        Expected::PriceFromZero => "a price in whole yen, 0 or more",
        Expected::Percent => "a whole percent from 0 to 100",
        Expected::PercentFromOne => "a whole percent from 1 to 100",
        Expected::Term => "a whole number of months from 1 to 120, or \"statutory\"",
        Expected::Date => "a date, YYYY-MM-DD (a TOML date or a quoted string)",
        Expected::ClosedDay => "a day off: \"YYYY-MM-DD\" once, or \"MM-DD\" every year",
        Expected::MonthOfYear => "a month of the year, 1 to 12",
        Expected::YearMonth => "a month, \"YYYY-MM\"",
        Expected::Text => "a string",
        Expected::TextOrList => "a string or a list of strings",
        Expected::Boolean => "a boolean",
        Expected::List => "a sequence",
        Expected::Table => "a map",
    }
}

fn wanted_words(w: &Wanted) -> String {
    match w {
        Wanted::Is(e) => expected(*e).to_owned(),
        Wanted::Said(words) => words.clone(),
    }
}

/// A value as the parser gave it: `string "many"`, ``integer `5` ``.
fn got_words(g: &Got) -> String {
    match g {
        Got::Text(t) => format!("string \"{t}\""),
        Got::Integer(n) => format!("integer `{n}`"),
        Got::Float(x) => format!("floating point `{x}`"),
        Got::Boolean(b) => format!("boolean `{b}`"),
        Got::List => "sequence".to_owned(),
        Got::Table => "map".to_owned(),
        Got::Other(words) => words.clone(),
    }
}

fn syntax_line(line: &SyntaxLine) -> String {
    match line {
        SyntaxLine::TableHeader => "invalid table header".to_owned(),
        SyntaxLine::Array => "invalid array".to_owned(),
        SyntaxLine::InlineTable => "invalid inline table".to_owned(),
        SyntaxLine::String => "invalid string".to_owned(),
        SyntaxLine::BasicString => "invalid basic string".to_owned(),
        SyntaxLine::LiteralString => "invalid literal string".to_owned(),
        SyntaxLine::Key => "invalid key".to_owned(),
        SyntaxLine::Integer => "invalid integer".to_owned(),
        SyntaxLine::Float => "invalid floating-point number".to_owned(),
        SyntaxLine::Expected(tokens) => {
            let tokens: Vec<&str> = tokens
                .iter()
                .map(|t| match t {
                    Token::Newline => "newline",
                    Token::Digit => "digit",
                    Token::Literal(l) => l,
                })
                .collect();
            format!("expected {}", tokens.join(", "))
        }
        SyntaxLine::DuplicateKey { key, table } => format!(
            "duplicate key {key} in {}",
            table
                .as_ref()
                .map_or_else(|| "document root".to_owned(), |t| format!("table {t}"))
        ),
        SyntaxLine::Said(words) => words.clone(),
    }
}

