//! The sentences every language says alike: which [`Tpl`] a message is,
//! and the facts in its holes, decided once over the message's data. A
//! catalogue only supplies each template's text.

use super::template::{Arg, Tpl, fill};
use super::{Catalogue, Text, Usage};
use crate::batch::profile::PRESETS;
use crate::render::escape;
use crate::vocab::Lost;
use crate::vocab::NodeKind;

use super::Msg;
use crate::batch::{BatchError, MAX_ROW_BYTES};
use crate::coverage::Span;
use crate::date::DateError;
use crate::file_error::{FileError, KeyProblem, MAX_INPUT, MAX_SAVED_QUOTE, SizeLimit};
use crate::intake::FactProblem;
use crate::intake::Field;
use crate::intake::Values;
use crate::money::Rounding;
use crate::quote::Band;
use crate::quote::QuoteError;
use crate::vocab::{DiscountOn, TierLimit};

mod batch;
mod case;
mod quote;
mod toml;
mod vocab;

impl dyn Catalogue + '_ {
    /// Template `t` in this language, filled.
    pub fn put(&self, t: Tpl, args: &[Arg]) -> String {
        fill(self.template(t), args)
    }

    pub fn usage(&self, u: &Usage) -> String {
        match u {
            Usage::NotAMonth { text } => self.put(Tpl::UsageNotAMonth, &[("text", &escape(text))]),
            Usage::NeedsProjectColumn => self.put(Tpl::UsageNeedsProjectColumn, &[]),
            Usage::NeedsRegistration => self.put(Tpl::UsageNeedsRegistration, &[]),
            Usage::NoRegister => self.put(Tpl::UsageNoRegister, &[]),
            Usage::NoFirm { config } => {
                let place = match config {
                    Some(dir) => dir.clone(),
                    None => self.put(Tpl::YourConfigFolder, &[]),
                };
                self.put(Tpl::UsageNoFirm, &[("config", &place)])
            }
            Usage::BinaryToTerminal { format } => {
                self.put(Tpl::UsageBinaryToTerminal, &[("format", &format)])
            }
            Usage::AlreadyThere { path } => self.put(Tpl::UsageAlreadyThere, &[("path", &path)]),
            Usage::NoConfigDir => self.put(Tpl::UsageNoConfigDir, &[]),
            Usage::NoBrowser { named: Some(path) } => {
                self.put(Tpl::UsageNoBrowser, &[("path", &path)])
            }
            Usage::NoBrowser { named: None } => self.put(Tpl::UsageNoBrowser2, &[]),
            Usage::BadPicture { key, path, problem } => {
                use crate::firm::PictureProblem as P;
                let problem = match problem {
                    P::Unreadable(detail) => {
                        self.put(Tpl::PictureUnreadable, &[("detail", detail)])
                    }
                    P::TooLarge => self.put(Tpl::PictureTooLarge, &[]),
                    P::NotAnImage => self.put(Tpl::PictureNotAnImage, &[]),
                };
                self.put(
                    Tpl::UsageBadPicture,
                    &[("key", key), ("path", &escape(path)), ("problem", &problem)],
                )
            }
            Usage::NoJapaneseFont => self.put(Tpl::UsageNoJapaneseFont, &[]),
            Usage::BrowserFailed { browser, detail } => self.put(
                Tpl::UsageBrowserFailed,
                &[("browser", &browser), ("detail", &detail)],
            ),
            Usage::BrowserTimedOut { browser, seconds } => self.put(
                Tpl::UsageBrowserTimedOut,
                &[("browser", &browser), ("seconds", &seconds)],
            ),
            Usage::CellTooLong { start, chars } => self.put(
                Tpl::UsageCellTooLong,
                &[("start", &escape(start)), ("chars", &chars)],
            ),
            Usage::AmountNotExact { amount } => {
                self.put(Tpl::UsageAmountNotExact, &[("amount", &self.yen(*amount))])
            }
            Usage::FactInFile { file, key, problem } => self.put(
                Tpl::UsageFactInFile,
                &[
                    ("file", &file),
                    ("key", &key),
                    ("problem", &self.intake_problem(problem)),
                ],
            ),
            Usage::NoWorkFolder { dir, detail } => self.put(
                Tpl::UsageNoWorkFolder,
                &[("dir", &dir), ("detail", &detail)],
            ),
            Usage::BadSeconds {
                variable,
                value,
                default,
            } => self.put(
                Tpl::UsageBadSeconds,
                &[
                    ("variable", &variable),
                    ("value", &escape(value)),
                    ("default", &default),
                ],
            ),
            Usage::CannotRender { format, detail } => self.put(
                Tpl::UsageCannotRender,
                &[("format", &format), ("detail", &detail)],
            ),
            Usage::OneCaseFlagsInBatch => self.put(Tpl::UsageOneCaseFlagsInBatch, &[]),
            Usage::OneCaseFormatInBatch => self.put(Tpl::UsageOneCaseFormatInBatch, &[]),
            Usage::BatchFormatForOneCase => self.put(Tpl::UsageBatchFormatForOneCase, &[]),
            Usage::SystemsFolder { dir, detail } => self.put(
                Tpl::UsageSystemsFolder,
                &[("dir", &escape(dir)), ("detail", &detail)],
            ),
            Usage::NoSystems { dir } => self.put(Tpl::UsageNoSystems, &[("dir", &escape(dir))]),
            Usage::ProjectTwice { dir, name } => self.put(
                Tpl::UsageProjectTwice,
                &[("dir", &escape(dir)), ("name", &escape(name))],
            ),
            Usage::ExcelNeedsCsv => self.put(Tpl::UsageExcelNeedsCsv, &[]),
            Usage::RejectsToStdout => self.put(Tpl::UsageRejectsToStdout, &[]),
            Usage::BatchInput { path, detail } => self.put(
                Tpl::UsageBatchInput,
                &[("path", &path), ("detail", &detail)],
            ),
            Usage::BatchInputFolder { path } => {
                self.put(Tpl::UsageBatchInputFolder, &[("path", &path)])
            }
            Usage::DefaultPlan => self.put(Tpl::UsageDefaultPlan, &[]),
            Usage::CannotPrice { file } => self.put(Tpl::UsageCannotPrice, &[("file", &file)]),
            Usage::NotAnAmount { text } => {
                self.put(Tpl::UsageNotAnAmount, &[("text", &escape(text))])
            }
            Usage::NotHours { text } => self.put(Tpl::UsageNotHours, &[("text", &escape(text))]),
            Usage::NotAPercent { text } => {
                self.put(Tpl::UsageNotAPercent, &[("text", &escape(text))])
            }
            Usage::FirmIsTemplate { file, keys } => {
                let keys = if keys.is_empty() {
                    String::new()
                } else {
                    self.put(Tpl::FirmTemplateKeys, &[("keys", &ticks(keys))])
                };
                self.put(
                    Tpl::UsageFirmIsTemplate,
                    &[("file", &escape(file)), ("keys", &keys)],
                )
            }
            Usage::UnknownPreset { got } => {
                let names = PRESETS.map(|(name, _)| name);
                self.put(
                    Tpl::UsageUnknownPreset,
                    &[
                        ("got", &escape(got)),
                        ("presets", &names.join(", ")),
                        ("suggestion", &self.did_you_mean(got, names)),
                    ],
                )
            }
            Usage::NotAColumnRule { text, allowed } => self.put(
                Tpl::UsageNotAColumnRule,
                &[("text", &escape(text)), ("allowed", &allowed)],
            ),
            Usage::FlagValue {
                flag,
                value,
                reason,
                allowed,
            } => {
                let reason = reason.as_ref().map_or(String::new(), |r| {
                    self.put(Tpl::FlagValueReason, &[("reason", r)])
                });
                let allowed = allowed.as_ref().map_or(String::new(), |a| {
                    self.put(Tpl::FlagValueAllowed, &[("allowed", a)])
                });
                self.put(
                    Tpl::UsageFlagValue,
                    &[
                        ("value", &escape(value)),
                        ("flag", flag),
                        ("reason", &reason),
                        ("allowed", &allowed),
                    ],
                )
            }
            Usage::UnknownFlag { flag, suggested } => self.put(
                Tpl::UsageUnknownFlag,
                &[
                    ("flag", &escape(flag)),
                    ("suggestion", &self.flag_suggestion(suggested.as_deref())),
                ],
            ),
            Usage::MissingFlag { flags } => self.put(Tpl::UsageMissingFlag, &[("flags", &flags)]),
            Usage::FlagConflict { flag, other } => self.put(
                Tpl::UsageFlagConflict,
                &[("flag", &flag), ("other", &other)],
            ),
            Usage::UnknownCommand { command, suggested } => self.put(
                Tpl::UsageUnknownCommand,
                &[
                    ("command", &escape(command)),
                    ("suggestion", &self.flag_suggestion(suggested.as_deref())),
                ],
            ),
            Usage::OutputNotAFile { flag, path, what } => {
                let what = self.put(
                    match what {
                        NodeKind::Folder => Tpl::NodeFolder,
                        NodeKind::Fifo => Tpl::NodeFifo,
                        NodeKind::Device => Tpl::NodeDevice,
                        NodeKind::Socket => Tpl::NodeSocket,
                        NodeKind::Other => Tpl::NodeOther,
                    },
                    &[],
                );
                self.put(
                    Tpl::UsageOutputNotAFile,
                    &[("flag", flag), ("path", path), ("what", &what)],
                )
            }
            Usage::OutputLinkLoop { flag, path } => self.put(
                Tpl::UsageOutputLinkLoop,
                &[("flag", &flag), ("path", &path)],
            ),
            Usage::OutputSameFile {
                flag,
                path,
                other,
                path2,
            } => self.put(
                Tpl::UsageOutputSameFile,
                &[
                    ("flag", &flag),
                    ("path", &path),
                    ("other", &other),
                    ("path2", &path2),
                ],
            ),
            Usage::OutputIsInput { flag, path, input } => self.put(
                Tpl::UsageOutputIsInput,
                &[("flag", &flag), ("path", &path), ("input", &input)],
            ),
            Usage::OutputNotKept {
                flag,
                path,
                lost,
                detail,
            } => match lost {
                Lost::Owner => self.put(
                    Tpl::UsageOutputNotKeptOwner,
                    &[("flag", &flag), ("path", &path), ("detail", &detail)],
                ),
                Lost::Acl => self.put(
                    Tpl::UsageOutputNotKeptAcl,
                    &[("flag", &flag), ("path", &path), ("detail", &detail)],
                ),
            },
            Usage::OutputCreate {
                flag,
                path,
                dir,
                detail,
            } => self.put(
                Tpl::UsageOutputCreate,
                &[
                    ("flag", &flag),
                    ("path", &path),
                    ("dir", &dir),
                    ("detail", &detail),
                ],
            ),
            Usage::OutputWrite { flag, path, detail } => self.put(
                Tpl::UsageOutputWrite,
                &[("flag", &flag), ("path", &path), ("detail", &detail)],
            ),
        }
    }

    pub fn register_error(&self, e: &crate::register::RegisterError) -> String {
        use crate::register::RegisterError as R;
        match e {
            R::Invoiced {
                contract,
                period,
                existing,
            } => self.put(
                Tpl::RegisterInvoiced,
                &[
                    ("contract", &escape(contract)),
                    ("period", &escape(period)),
                    ("existing", &escape(existing)),
                ],
            ),
            R::Credited { invoice, existing } => self.put(
                Tpl::RegisterCredited,
                &[
                    ("invoice", &escape(invoice)),
                    ("existing", &escape(existing)),
                ],
            ),
            R::Tampered { seq, number, why } => {
                let which = if number.is_empty() {
                    self.put(Tpl::RegisterAfterRecord, &[("seq", seq)])
                } else {
                    self.put(
                        Tpl::RegisterRecord,
                        &[("seq", seq), ("number", &escape(number))],
                    )
                };
                let t = match why {
                    crate::register::Broken::Changed => Tpl::RegisterChanged,
                    crate::register::Broken::Chain => Tpl::RegisterChain,
                    crate::register::Broken::Truncated => Tpl::RegisterTruncated,
                };
                self.put(t, &[("which", &which)])
            }
            R::Database { path, detail } => self.put(
                Tpl::RegisterDatabase,
                &[("path", &escape(path)), ("detail", &escape(detail))],
            ),
            R::NotARegister { path } => {
                self.put(Tpl::RegisterNotARegister, &[("path", &escape(path))])
            }
            R::TooNew { path, version } => self.put(
                Tpl::RegisterTooNew,
                &[("path", &escape(path)), ("version", &version)],
            ),
            R::Exists { path } => self.put(Tpl::RegisterExists, &[("path", &escape(path))]),
            R::Missing { path } => self.put(Tpl::RegisterMissing, &[("path", &escape(path))]),
            R::UnknownNumber { number } => {
                self.put(Tpl::RegisterUnknownNumber, &[("number", &escape(number))])
            }
            R::Cancelled { number } => {
                self.put(Tpl::RegisterCancelled, &[("number", &escape(number))])
            }
            R::NotLatest { number, latest } => self.put(
                Tpl::RegisterNotLatest,
                &[("number", &escape(number)), ("latest", &escape(latest))],
            ),
            R::NumberTaken { number } => {
                self.put(Tpl::RegisterNumberTaken, &[("number", &escape(number))])
            }
        }
    }

    pub fn tickets_error(&self, e: &crate::invoice::tickets::TicketsError) -> String {
        use crate::invoice::tickets::{ID_HEADERS, TicketsError as T};
        match e {
            T::NoProjectColumn { header } => {
                self.put(Tpl::TicketsNoProjectColumn, &[("header", &escape(header))])
            }
            T::UnknownProject { line, got } => self.put(
                Tpl::TicketsUnknownProject,
                &[("line", &line), ("got", &escape(got))],
            ),
            T::NotAResult => self.put(Tpl::TicketsNotAResult, &[]),
            T::NoIdColumn => {
                let headers = ID_HEADERS.map(|h| self.put(Tpl::HeaderName, &[("header", &h)]));
                self.put(
                    Tpl::TicketsNoIdColumn,
                    &[("headers", &headers.join(self.template(Tpl::ListSep)))],
                )
            }
            T::NoVerdict { line, got } if got.is_empty() => {
                self.put(Tpl::TicketsNoVerdict, &[("line", &line)])
            }
            T::NoVerdict { line, got } => self.put(
                Tpl::TicketsNoVerdict2,
                &[("line", &line), ("got", &escape(got))],
            ),
            T::NotItsRule {
                line,
                verdict,
                rule,
                decides,
            } => self.put(
                Tpl::TicketsNotItsRule,
                &[
                    ("line", &line),
                    ("verdict", &self.verdict(*verdict)),
                    ("rule", &escape(rule)),
                    ("decides", &self.verdict(*decides)),
                ],
            ),
            T::UnknownRule { line, got } => self.put(
                Tpl::TicketsUnknownRule,
                &[("line", &line), ("got", &escape(got))],
            ),
            T::NotHours { line, got } => self.put(
                Tpl::TicketsNotHours,
                &[("line", &line), ("got", &escape(got))],
            ),
            T::Unreadable { line, message } => self.put(
                Tpl::TicketsUnreadable,
                &[("line", &line), ("message", &escape(message))],
            ),
        }
    }

    pub fn invoice_error(&self, e: &crate::invoice::InvoiceError) -> String {
        use crate::invoice::InvoiceError as I;
        match e {
            I::NeedsCode { number } => {
                self.put(Tpl::InvoiceNeedsCode, &[("number", &escape(number))])
            }
            I::NotAContract { number } => {
                self.put(Tpl::InvoiceNotAContract, &[("number", &escape(number))])
            }
            I::ContractCancelled { number } => self.put(
                Tpl::InvoiceContractCancelled,
                &[("number", &escape(number))],
            ),
            I::NotAnInvoice { number } => {
                self.put(Tpl::InvoiceNotAnInvoice, &[("number", &escape(number))])
            }
            I::NotCancelled { number } => {
                self.put(Tpl::InvoiceNotCancelled, &[("number", &escape(number))])
            }
            I::DoesNotAddUp { number } => {
                self.put(Tpl::InvoiceDoesNotAddUp, &[("number", &escape(number))])
            }
            I::CreditBeforeInvoice { number, issued } => self.put(
                Tpl::InvoiceCreditBeforeInvoice,
                &[("number", &escape(number)), ("issued", &self.date(*issued))],
            ),
            I::OutOfTerm { month, start, end } => {
                let end = match end {
                    Some(end) => self.put(Tpl::TermEnd, &[("end", &self.date(*end))]),
                    None => self.put(Tpl::TermOpen, &[]),
                };
                self.put(
                    Tpl::InvoiceOutOfTerm,
                    &[
                        ("month", &self.month(*month)),
                        ("start", &self.date(*start)),
                        ("end", &end),
                    ],
                )
            }
            I::NoHours { id, line } => {
                self.put(Tpl::InvoiceNoHours, &[("id", &escape(id)), ("line", &line)])
            }
            I::PastCalendar { day } => {
                self.put(Tpl::InvoicePastCalendar, &[("day", &self.date(*day))])
            }
            I::Overflow => self.text(Text::Overflow).to_owned(),
        }
    }

    /// `; did you mean `x`?` when `got` is near one of `candidates`, else
    /// nothing.
    pub fn did_you_mean<'c>(
        &self,
        got: &str,
        candidates: impl IntoIterator<Item = &'c str>,
    ) -> String {
        crate::suggest::closest(got, candidates).map_or_else(String::new, |name| {
            self.put(Tpl::DidYouMean, &[("name", &name)])
        })
    }

    /// `; did you mean '--x'?` after a flag or command clap does not know.
    fn flag_suggestion(&self, suggested: Option<&str>) -> String {
        suggested.map_or_else(String::new, |name| {
            self.put(Tpl::FlagDidYouMean, &[("name", &name)])
        })
    }

    pub fn file_problem(&self, p: &KeyProblem) -> String {
        match p {
            KeyProblem::Refused(r) => self.refused(r),
            KeyProblem::Missing => self.put(Tpl::KeyMissing, &[]),
            KeyProblem::TooSmall { min, got } => {
                self.put(Tpl::KeyTooSmall, &[("got", &got), ("min", &min)])
            }
            KeyProblem::Empty => self.put(Tpl::KeyEmpty, &[]),
            KeyProblem::EndBeforeStart { start, end } => {
                self.put(Tpl::KeyEndBeforeStart, &[("end", &end), ("start", &start)])
            }
            KeyProblem::LinkedAlone => self.put(Tpl::KeyLinkedAlone, &[]),
            KeyProblem::UnknownPlan { plan, known } => self.put(
                Tpl::KeyUnknownPlan,
                &[
                    ("plan", &escape(plan)),
                    ("known", &known.join(", ")),
                    (
                        "suggestion",
                        &self.did_you_mean(plan, known.iter().map(String::as_str)),
                    ),
                ],
            ),
            KeyProblem::Duplicate { name } => {
                self.put(Tpl::KeyDuplicate, &[("name", &escape(name))])
            }
            KeyProblem::TiersOutOfOrder { limit } => {
                let said_limit = match limit {
                    TierLimit::Traffic => self.put(Tpl::KeyTiersOutOfOrderLimitTraffic, &[]),
                    TierLimit::Pages => self.put(Tpl::KeyTiersOutOfOrderLimitPages, &[]),
                };
                self.put(Tpl::KeyTiersOutOfOrder, &[("limit", &said_limit)])
            }
            KeyProblem::LastTierBounded => self.put(Tpl::KeyLastTierBounded, &[]),
            KeyProblem::NoEntries => self.put(Tpl::KeyNoEntries, &[]),
            KeyProblem::ProvidersWithoutMethod { method } => {
                self.put(Tpl::KeyProvidersWithoutMethod, &[("method", &method.key())])
            }
            KeyProblem::Replaced { by } => self.put(
                Tpl::KeyReplaced,
                &[("by", &by.join(self.template(Tpl::AndSep)))],
            ),
            KeyProblem::PlanMissesWork { plan, work } => self.put(
                Tpl::KeyPlanMissesWork,
                &[
                    ("plan", &escape(plan)),
                    ("work", &self.work(*work)),
                    ("id", &work.as_str()),
                ],
            ),
            KeyProblem::NeedsRollover => self.put(Tpl::KeyNeedsRollover, &[]),
            KeyProblem::NeedsPlan => self.put(Tpl::KeyNeedsPlan, &[]),
            KeyProblem::EndBeforeDelivery { end, delivered } => self.put(
                Tpl::KeyEndBeforeDelivery,
                &[("end", &end), ("delivered", &delivered)],
            ),
            KeyProblem::AfterQuoteDate { got, date } => {
                self.put(Tpl::KeyAfterQuoteDate, &[("got", &got), ("date", &date)])
            }
            KeyProblem::BadRegistration { got } => {
                self.put(Tpl::KeyBadRegistration, &[("got", &escape(got))])
            }
            KeyProblem::NotYetEffective {
                version,
                effective,
                date,
            } => self.put(
                Tpl::KeyNotYetEffective,
                &[
                    ("version", &escape(version)),
                    ("effective", &effective),
                    ("date", &date),
                ],
            ),
            KeyProblem::BadPattern { problem } => {
                use crate::register::numbering::{PatternProblem as P, TOKENS};
                let why = match problem {
                    P::UnknownToken(t) => {
                        self.put(Tpl::PatternUnknownToken, &[("token", &escape(t))])
                    }
                    P::Unbalanced => self.put(Tpl::PatternUnbalanced, &[]),
                    P::Counter { wanted } => self.put(Tpl::PatternCounter, &[("wanted", wanted)]),
                    P::Width(t) => self.put(Tpl::PatternWidth, &[("token", &escape(t))]),
                };
                let tokens = TOKENS.map(|t| self.put(Tpl::CodeName, &[("name", &t)]));
                self.put(
                    Tpl::KeyBadPattern,
                    &[
                        ("why", &why),
                        ("tokens", &tokens.join(self.template(Tpl::ListSep))),
                    ],
                )
            }
            KeyProblem::RenewsMonthly => self.put(Tpl::KeyRenewsMonthly, &[]),
            KeyProblem::OutsideTerm { got, start, end } => match end {
                Some(end) => self.put(
                    Tpl::KeyOutsideTermSome,
                    &[("got", &escape(got)), ("start", &start), ("end", &end)],
                ),
                None => self.put(
                    Tpl::KeyOutsideTermNone,
                    &[("got", &escape(got)), ("start", &start)],
                ),
            },
            KeyProblem::NeedsCode => self.put(Tpl::KeyNeedsCode, &[]),
            KeyProblem::NotMonthDay { got } => {
                self.put(Tpl::KeyNotMonthDay, &[("got", &escape(got))])
            }
            KeyProblem::AmountOrPercent { both: true } => self.put(Tpl::KeyAmountOrPercent, &[]),
            KeyProblem::AmountOrPercent { both: false } => self.put(Tpl::KeyAmountOrPercent2, &[]),
            KeyProblem::NeedsCustomer => self.put(Tpl::KeyNeedsCustomer, &[]),
            KeyProblem::NotAFact { got } => self.put(
                Tpl::KeyNotAFact,
                &[
                    ("got", &escape(got)),
                    ("facts", &Field::ALL.map(|f| f.column()).join(", ")),
                    (
                        "suggestion",
                        &self.did_you_mean(got, Field::ALL.map(|f| f.column())),
                    ),
                ],
            ),
            KeyProblem::UnknownPreset { got } => self.put(
                Tpl::KeyUnknownPreset,
                &[
                    ("got", &escape(got)),
                    ("presets", &PRESETS.map(|(name, _)| name).join(", ")),
                    (
                        "suggestion",
                        &self.did_you_mean(got, PRESETS.map(|(name, _)| name)),
                    ),
                ],
            ),
            KeyProblem::FactValue { problem } => self.put(
                Tpl::KeyFactValue,
                &[("problem", &self.intake_problem(problem))],
            ),
        }
    }

    pub fn file_unusable(&self, e: &FileError) -> String {
        match e {
            FileError::Read { origin, source } => {
                self.put(Tpl::FileRead, &[("origin", &origin), ("source", &source)])
            }
            FileError::Folder { origin } => self.put(Tpl::FileFolder, &[("origin", &origin)]),
            FileError::TooLarge {
                origin,
                limit: SizeLimit::Toml,
            } => self.put(
                Tpl::FileTooLarge,
                &[("origin", &origin), ("mib", &(MAX_INPUT >> 20))],
            ),
            FileError::TooLarge {
                origin,
                limit: SizeLimit::SavedQuote,
            } => self.put(
                Tpl::FileTooLarge2,
                &[("origin", &origin), ("mib", &(MAX_SAVED_QUOTE >> 20))],
            ),
            FileError::NotText {
                origin,
                shift_jis: false,
            } => self.put(Tpl::FileNotText, &[("origin", &origin)]),
            FileError::NotText {
                origin,
                shift_jis: true,
            } => self.put(Tpl::FileNotText2, &[("origin", &origin)]),
            FileError::TooLarge {
                origin,
                limit: SizeLimit::Tickets,
            } => self.put(
                Tpl::FileTooLarge3,
                &[
                    ("origin", &origin),
                    ("mib", &(crate::file_error::MAX_TICKETS >> 20)),
                ],
            ),
            FileError::Syntax { refused, .. } => self.refused(refused),
            FileError::Invalid { origin, .. } => self.put(Tpl::FileInvalid, &[("origin", &origin)]),
        }
    }

    pub fn date_error(&self, e: &DateError) -> String {
        match e {
            DateError::Format(t) => self.put(Tpl::DateFormat, &[("t", &escape(t))]),
            DateError::NoSuchDay(t) => self.put(Tpl::DateNoSuchDay, &[("t", &escape(t))]),
            DateError::HasTime(t) => self.put(Tpl::DateHasTime, &[("t", &escape(t))]),
            DateError::NotADate(t) => self.put(Tpl::DateNotADate, &[("t", &escape(t))]),
            DateError::Ambiguous(t) => self.put(Tpl::DateAmbiguous, &[("t", &escape(t))]),
            DateError::OutsideEra { text, era } => {
                let last = era
                    .last_day()
                    .map_or_else(|| self.put(Tpl::EraToday, &[]), |d| self.date(d));
                self.put(
                    Tpl::DateOutsideEra,
                    &[
                        ("text", &escape(text)),
                        ("era", &self.era(*era)),
                        ("first", &self.date(era.first_day())),
                        ("last", &last),
                    ],
                )
            }
        }
    }

    pub fn saved_error(&self, e: &crate::diff::SavedError) -> String {
        match e {
            crate::diff::SavedError::NotAQuote { label, message } => {
                self.put(Tpl::SavedError, &[("label", &label), ("message", &message)])
            }
            crate::diff::SavedError::Figure {
                label,
                field,
                problem,
            } => {
                use crate::diff::SavedProblem as P;
                let what = match problem {
                    P::Currency(got) => {
                        self.put(Tpl::SavedFigureCurrency, &[("got", &escape(got))])
                    }
                    P::TaxRate(got) => self.put(Tpl::SavedFigureTaxRate, &[("got", &got)]),
                    P::Negative(yen) => {
                        self.put(Tpl::SavedFigureNegative, &[("yen", &self.yen(*yen))])
                    }
                    P::NotProduct {
                        quantity,
                        unit_price,
                        product: Some(product),
                    } => self.put(
                        Tpl::SavedFigureNotProduct,
                        &[
                            ("quantity", &quantity),
                            ("unit_price", &self.yen(*unit_price)),
                            ("product", &self.yen(*product)),
                        ],
                    ),
                    P::NotProduct {
                        quantity,
                        unit_price,
                        product: None,
                    } => self.put(
                        Tpl::SavedFigureNotProduct2,
                        &[
                            ("quantity", &quantity),
                            ("unit_price", &self.yen(*unit_price)),
                        ],
                    ),
                    P::Twice { key } => self.put(Tpl::SavedFigureTwice, &[("key", &escape(key))]),
                    P::Total {
                        stated,
                        derived: Some(derived),
                    } => self.put(
                        Tpl::SavedFigureTotal,
                        &[
                            ("stated", &self.yen(*stated)),
                            ("derived", &self.yen(*derived)),
                        ],
                    ),
                    P::Total {
                        stated,
                        derived: None,
                    } => self.put(
                        Tpl::SavedFigureUncountable,
                        &[("stated", &self.yen(*stated))],
                    ),
                    P::DiscountAboveZero(yen) => self.put(
                        Tpl::SavedFigureDiscountAboveZero,
                        &[("yen", &self.yen(*yen))],
                    ),
                    P::DiscountFigure {
                        stated,
                        derived: Some(derived),
                    } => self.put(
                        Tpl::SavedFigureDiscountFigure,
                        &[
                            ("stated", &self.yen(*stated)),
                            ("derived", &self.yen(*derived)),
                        ],
                    ),
                    P::DiscountFigure {
                        stated,
                        derived: None,
                    } => self.put(
                        Tpl::SavedFigureUncountable,
                        &[("stated", &self.yen(*stated))],
                    ),
                    P::DiscountPercent(p) => {
                        self.put(Tpl::SavedFigureDiscountPercent, &[("p", &p)])
                    }
                    P::DiscountRecurrence {
                        applies_to,
                        recurrence,
                    } => self.put(
                        Tpl::SavedFigureDiscountRecurrence,
                        &[
                            ("recurrence", &recurrence.as_str()),
                            ("applies_to", &applies_to.as_str()),
                            ("its_recurrence", &applies_to.recurrence().as_str()),
                        ],
                    ),
                };
                self.put(
                    Tpl::SavedFigure,
                    &[("label", &label), ("field", &field), ("what", &what)],
                )
            }
            crate::diff::SavedError::Schema { label, schema } => self.put(
                Tpl::SavedError3,
                &[("label", &label), ("schema", &escape(schema))],
            ),
        }
    }

    pub fn quote_error(&self, e: &QuoteError) -> String {
        match e {
            QuoteError::UnknownPlan { plan, known } => self.put(
                Tpl::UnknownPlan,
                &[
                    ("plan", &escape(plan)),
                    ("known", &known.join(", ")),
                    (
                        "suggestion",
                        &self.did_you_mean(plan, known.iter().map(String::as_str)),
                    ),
                ],
            ),
            QuoteError::DiscountExceeds {
                index,
                label,
                applies_to,
                discounts,
                lines,
            } => {
                let said_applies_to = self.discount_on(*applies_to);
                self.put(
                    Tpl::QuoteDiscountExceeds,
                    &[
                        ("index", &index),
                        ("label", &escape(label)),
                        ("discounts", &self.yen(*discounts)),
                        ("applies_to", &said_applies_to),
                        ("lines", &self.yen(*lines)),
                    ],
                )
            }
            QuoteError::Overflow(_) => self.text(Text::Overflow).to_owned(),
        }
    }

    pub fn batch_error(&self, e: &BatchError) -> String {
        match e {
            BatchError::Io(e) => self.put(Tpl::BatchIo, &[("e", &e)]),
            BatchError::Csv(message) => self.put(Tpl::BatchCsv, &[("message", &escape(message))]),
            BatchError::NoHeader => self.put(Tpl::BatchNoHeader, &[]),
            BatchError::RowTooLarge { row: 0, .. } => {
                self.put(Tpl::BatchRowTooLarge, &[("mib", &(MAX_ROW_BYTES >> 20))])
            }
            BatchError::RowTooLarge { row, line } => self.put(
                Tpl::BatchRowTooLarge2,
                &[
                    ("row", &row),
                    ("line", &line),
                    ("mib", &(MAX_ROW_BYTES >> 20)),
                ],
            ),
            BatchError::Header(problems) => {
                let lines: Vec<String> = problems
                    .iter()
                    .map(|p| self.header_problem(p, false))
                    .collect();
                self.put(Tpl::BatchHeader, &[("problems", &lines.join("\n  "))])
            }
        }
    }

    pub fn intake_problem(&self, p: &FactProblem) -> String {
        match p {
            FactProblem::Date(e) => self.date_error(e),
            FactProblem::NotOneOf { got, values } => self.put(
                Tpl::FactNotOneOf,
                &[("got", &escape(got)), ("values", &self.values(*values))],
            ),
            FactProblem::NotMapped { got, field } => self.put(
                Tpl::FactNotMapped,
                &[
                    ("got", &escape(got)),
                    ("field", &field.column()),
                    ("field2", &self.values(field.fact().values)),
                ],
            ),
            FactProblem::Months { got } => self.put(
                Tpl::FactMonths,
                &[
                    ("got", &escape(got)),
                    ("allowed", &self.values(Values::Term)),
                ],
            ),
            FactProblem::UnknownPlan { plan, known } => self.put(
                Tpl::UnknownPlan,
                &[
                    ("plan", &escape(plan)),
                    ("known", &known.join(", ")),
                    (
                        "suggestion",
                        &self.did_you_mean(plan, known.iter().map(String::as_str)),
                    ),
                ],
            ),
            FactProblem::NoPlan => self.put(Tpl::FactNoPlan, &[]),
            FactProblem::EndBeforeStart { start, end } => self.put(
                Tpl::FactEndBeforeStart,
                &[("end", &self.date(*end)), ("start", &self.date(*start))],
            ),
            FactProblem::NotUtf8 => self.put(Tpl::FactNotUtf8, &[]),
            FactProblem::NoAcceptance => self.put(Tpl::FactNoAcceptance, &[]),
            FactProblem::AcceptedBeforeDelivery {
                accepted,
                delivered,
            } => self.put(
                Tpl::FactAcceptedBeforeDelivery,
                &[
                    ("accepted", &self.date(*accepted)),
                    ("delivered", &self.date(*delivered)),
                ],
            ),
            FactProblem::LearnedAfterReport { learned, reported } => self.put(
                Tpl::FactLearnedAfterReport,
                &[
                    ("learned", &self.date(*learned)),
                    ("reported", &self.date(*reported)),
                ],
            ),
            FactProblem::LearnedBeforeDelivery { learned, delivered } => self.put(
                Tpl::FactLearnedBeforeDelivery,
                &[
                    ("learned", &self.date(*learned)),
                    ("delivered", &self.date(*delivered)),
                ],
            ),
            FactProblem::OutsideCalendar { day } => {
                self.put(Tpl::FactOutsideCalendar, &[("day", &self.date(*day))])
            }
            FactProblem::PastCalendarEnd { from, months, span } => {
                let period = match span {
                    Span::Warranty => self.put(
                        Tpl::FactPastCalendarEndPeriodWarranty,
                        &[("months", &months), ("from", &self.date(*from))],
                    ),
                    Span::Notice => self.put(
                        Tpl::FactPastCalendarEndPeriodNotice,
                        &[("from", &self.date(*from))],
                    ),
                    Span::Learning => self.put(
                        Tpl::FactPastCalendarEndPeriodLearning,
                        &[("from", &self.date(*from))],
                    ),
                    Span::Delivery => self.put(
                        Tpl::FactPastCalendarEndPeriodDelivery,
                        &[("from", &self.date(*from))],
                    ),
                };
                self.put(Tpl::FactPastCalendarEnd, &[("period", &period)])
            }
        }
    }

    pub fn say(&self, m: &Msg) -> String {
        match m {
            Msg::QuoteHeading { system, customer } => match customer {
                Some(c) => self.put(Tpl::MsgQuoteHeadingSome, &[("system", &system), ("c", &c)]),
                None => self.put(Tpl::MsgQuoteHeadingNone, &[("system", &system)]),
            },
            Msg::TaxRow { percent, rounding } => {
                let said_rounding = match rounding {
                    Rounding::Floor => self.put(Tpl::MsgTaxRowRoundingFloor, &[]),
                    Rounding::Ceil => self.put(Tpl::MsgTaxRowRoundingCeil, &[]),
                    Rounding::HalfUp => self.put(Tpl::MsgTaxRowRoundingHalfUp, &[]),
                };
                self.put(
                    Tpl::MsgTaxRow,
                    &[("percent", &percent), ("rounding", &said_rounding)],
                )
            }
            Msg::FirstYear { subtotal, total } => self.put(
                Tpl::MsgFirstYear,
                &[
                    ("subtotal", &self.yen(*subtotal)),
                    ("total", &self.yen(*total)),
                ],
            ),
            Msg::Exported { documents, dir } => self.put(
                Tpl::MsgExported,
                &[("documents", &documents), ("dir", &dir)],
            ),
            Msg::MonthlyFee { year, month } => self.put(
                Tpl::MsgMonthlyFee,
                &[(
                    "month",
                    &self.month(crate::date::Month {
                        year: *year,
                        month: *month,
                    }),
                )],
            ),
            Msg::TicketCharge {
                id,
                title,
                hours,
                estimated,
            } => match estimated {
                false => self.put(
                    Tpl::MsgTicketChargeNo,
                    &[("id", &id), ("title", &title), ("hours", &hours)],
                ),
                true => self.put(
                    Tpl::MsgTicketChargeYes,
                    &[("id", &id), ("title", &title), ("hours", &hours)],
                ),
            },
            Msg::InvoicePeriod { year, month } => self.put(
                Tpl::MsgInvoicePeriod,
                &[(
                    "month",
                    &self.month(crate::date::Month {
                        year: *year,
                        month: *month,
                    }),
                )],
            ),
            Msg::InvoiceSubject { system, contract } => self.put(
                Tpl::MsgInvoiceSubject,
                &[("system", &system), ("contract", &contract)],
            ),
            Msg::RateSubtotal { percent } => {
                self.put(Tpl::MsgRateSubtotal, &[("percent", &percent)])
            }
            Msg::DueNote { due } => self.put(Tpl::MsgDueNote, &[("due", &self.date(*due))]),
            Msg::ReturnedSubtotal { percent } => {
                self.put(Tpl::MsgReturnedSubtotal, &[("percent", &percent)])
            }
            Msg::CreditSubject { invoice, system } => self.put(
                Tpl::MsgCreditSubject,
                &[("system", &system), ("invoice", &invoice)],
            ),
            Msg::CancelReason { reason } => self.put(Tpl::MsgCancelReason, &[("reason", &reason)]),
            Msg::NegotiateNote { tickets } => {
                self.put(Tpl::MsgNegotiateNote, &[("tickets", &tickets)])
            }
            Msg::RegisterMade { path } => self.put(Tpl::MsgRegisterMade, &[("path", &path)]),
            Msg::Cancelled { number } => self.put(Tpl::MsgCancelled, &[("number", &number)]),
            Msg::RegisterIntact { path, records, tip } => match tip {
                Some(tip) => self.put(
                    Tpl::MsgRegisterIntactSome,
                    &[("path", &path), ("records", &records), ("tip", &tip)],
                ),
                None => self.put(Tpl::MsgRegisterIntactNone, &[("path", &path)]),
            },
            Msg::Issued { number, version: 1 } => self.put(Tpl::MsgIssued, &[("number", &number)]),
            Msg::Issued { number, version } => self.put(
                Tpl::MsgIssued2,
                &[("number", &number), ("version", &version)],
            ),
            Msg::NumberVersion { number, version } => self.put(
                Tpl::MsgNumberVersion,
                &[("number", &number), ("version", &version)],
            ),
            Msg::SvgNotInXlsx { key } => self.put(Tpl::MsgSvgNotInXlsx, &[("key", &key)]),
            Msg::DiscountBasis {
                percent,
                base,
                applies_to,
            } => {
                let of = self.discount_on(*applies_to);
                match percent {
                    Some(p) => self.put(
                        Tpl::MsgDiscountBasisSome,
                        &[("p", &p), ("of", &of), ("base", &self.yen(*base))],
                    ),
                    None => self.put(Tpl::MsgDiscountBasisNone, &[("of", &of)]),
                }
            }
            Msg::DevelopmentRatio {
                basis_points,
                development_cost,
                band,
                low,
                high,
            } => {
                let said_band = match band {
                    Band::Below => self.put(Tpl::MsgDevelopmentRatioBandBelow, &[]),
                    Band::Within => self.put(Tpl::MsgDevelopmentRatioBandWithin, &[]),
                    Band::Above => self.put(Tpl::MsgDevelopmentRatioBandAbove, &[]),
                };
                self.put(
                    Tpl::MsgDevelopmentRatio,
                    &[
                        ("basis_points", &(basis_points / 100)),
                        ("cents", &format!("{:02}", basis_points % 100)),
                        ("development_cost", &self.yen(*development_cost)),
                        ("band", &said_band),
                        ("low", &low),
                        ("high", &high),
                    ],
                )
            }
            Msg::Uncovered { plan, works } => {
                let works: Vec<_> = works.iter().map(|w| self.work(*w)).collect();
                self.put(
                    Tpl::MsgUncovered,
                    &[
                        ("plan", plan),
                        ("works", &works.join(self.template(Tpl::WorkSep))),
                    ],
                )
            }
            Msg::DefaultSubject { name } => self.put(Tpl::MsgDefaultSubject, &[("name", &name)]),
            Msg::Addressee {
                name,
                department,
                contact,
                person,
            } => {
                let department = department.map_or_else(String::new, |d| {
                    self.put(Tpl::AddresseeDepartment, &[("department", &d)])
                });
                match contact {
                    Some(c) => self.put(
                        Tpl::AddresseeContact,
                        &[("name", name), ("department", &department), ("contact", c)],
                    ),
                    None if *person => self.put(
                        Tpl::AddresseePerson,
                        &[("name", name), ("department", &department)],
                    ),
                    None => self.put(
                        Tpl::AddresseeTo,
                        &[("name", name), ("department", &department)],
                    ),
                }
            }
            Msg::NoteWarranty { months } => match months {
                Some(m) => self.put(Tpl::MsgNoteWarranty, &[("months", m)]),
                None => self.put(Tpl::MsgNoteWarrantyStatutory, &[]),
            },
            Msg::ValidUntil { date, days } => self.put(
                Tpl::MsgValidUntil,
                &[("date", &self.date(*date)), ("days", &days)],
            ),
            Msg::BatchSummary {
                rows,
                covered,
                billable,
                negotiate,
                failed,
                seconds,
                per_second,
                profile,
                preset,
            } => {
                let by = self.read_by(
                    *profile,
                    *preset,
                    [
                        Tpl::SummaryByBoth,
                        Tpl::SummaryByProfile,
                        Tpl::SummaryByPreset,
                    ],
                );
                self.put(
                    Tpl::MsgBatchSummary,
                    &[
                        (
                            "rows",
                            &self.put(
                                if *rows == 1 {
                                    Tpl::RowsOne
                                } else {
                                    Tpl::RowsMany
                                },
                                &[("rows", rows)],
                            ),
                        ),
                        ("by", &by),
                        ("covered", covered),
                        ("billable", billable),
                        ("negotiate", negotiate),
                        ("failed", failed),
                        ("seconds", &format!("{seconds:.3}")),
                        ("per_second", per_second),
                    ],
                )
            }
            Msg::RulesConsidered { assumption: "" } => self.put(Tpl::MsgRulesConsidered, &[]),
            Msg::RulesConsidered { assumption } => {
                self.put(Tpl::MsgRulesConsidered2, &[("assumption", &assumption)])
            }
            Msg::CompareHeading {
                system,
                customer,
                card,
                version,
                date,
            } => self.put(
                Tpl::MsgCompareHeading,
                &[
                    ("system", &system),
                    (
                        "customer",
                        &customer.map_or(String::new(), |c| format!(" — {c}")),
                    ),
                    ("card", &card),
                    ("version", &version),
                    ("date", &self.date(*date)),
                ],
            ),
            Msg::Budget {
                limit,
                per_year,
                fit,
            } => {
                let per = self.put(
                    if *per_year {
                        Tpl::PerYear
                    } else {
                        Tpl::PerMonth
                    },
                    &[],
                );
                let limit = self.yen(*limit);
                match fit {
                    crate::compare::Fit::Cheapest { plan } => self.put(
                        Tpl::MsgBudgetFits,
                        &[("limit", &limit), ("per", &per), ("plan", &escape(plan))],
                    ),
                    crate::compare::Fit::NoneFits { cheapest, short } => self.put(
                        Tpl::MsgBudgetNoneFits,
                        &[
                            ("limit", &limit),
                            ("per", &per),
                            ("cheapest", &escape(cheapest)),
                            ("short", &self.yen(*short)),
                        ],
                    ),
                }
            }
            Msg::Hours { hours } => self.put(Tpl::MsgHours, &[("hours", &hours)]),
            Msg::HolidaysForecast { after } => {
                self.put(Tpl::MsgHolidaysForecast, &[("after", &after)])
            }
            Msg::NoChange { old, new } => {
                self.put(Tpl::MsgNoChange, &[("old", &old), ("new", &new)])
            }
            Msg::DiffHeading { old, new } => {
                self.put(Tpl::MsgDiffHeading, &[("old", &old), ("new", &new)])
            }
            Msg::DiffSummary { monthly, percent } => self.put(
                Tpl::MsgDiffSummary,
                &[("monthly", &monthly), ("percent", &percent)],
            ),
            Msg::Wrote { path } => self.put(Tpl::MsgWrote, &[("path", &path)]),
            Msg::CheckOk {
                file,
                system,
                card,
                version,
            } => self.put(
                Tpl::MsgCheckOk,
                &[
                    ("file", &file),
                    ("system", &system),
                    ("card", &card),
                    ("version", &version),
                ],
            ),
            Msg::ColumnsHeading {
                input,
                profile,
                preset,
            } => {
                let by = self.read_by(
                    *profile,
                    *preset,
                    [
                        Tpl::ColumnsByBoth,
                        Tpl::ColumnsByProfile,
                        Tpl::ColumnsByPreset,
                    ],
                );
                self.put(Tpl::MsgColumnsHeading, &[("input", input), ("by", &by)])
            }
            Msg::AcceptedUnused => self.put(Tpl::MsgAcceptedUnused, &[]),
            Msg::GateTripped {
                flag,
                threshold,
                change,
            } => self.put(
                Tpl::MsgGateTripped,
                &[
                    ("flag", &flag),
                    ("threshold", &threshold),
                    ("change", &change),
                ],
            ),
            Msg::Unmappable { count } => self.put(Tpl::MsgUnmappable, &[("count", &count)]),
            Msg::ProfileOk {
                file,
                preset,
                headers,
                values,
                defaults,
            } => {
                let preset = preset.map_or_else(String::new, |p| {
                    self.put(Tpl::ProfileOverPreset, &[("preset", &p)])
                });
                self.put(
                    Tpl::MsgProfileOk,
                    &[
                        ("file", file),
                        ("preset", &preset),
                        ("headers", headers),
                        ("values", values),
                        ("defaults", defaults),
                    ],
                )
            }
        }
    }

    /// The subtotal a discount applies to: monthly, annual, one-time.
    fn discount_on(&self, on: DiscountOn) -> String {
        self.put(
            match on {
                DiscountOn::Monthly => Tpl::DiscountOnMonthly,
                DiscountOn::Annual => Tpl::DiscountOnAnnual,
                DiscountOn::OneTime => Tpl::DiscountOnOneTime,
            },
            &[],
        )
    }

    /// Whose columns a batch read by: the profile and the preset, in one of
    /// three sentences (`with`: both, the profile alone, the preset alone).
    fn read_by(&self, profile: Option<&str>, preset: Option<&str>, with: [Tpl; 3]) -> String {
        match (profile, preset) {
            (Some(f), Some(p)) => self.put(with[0], &[("profile", &f), ("preset", &p)]),
            (Some(f), None) => self.put(with[1], &[("profile", &f)]),
            (None, Some(p)) => self.put(with[2], &[("preset", &p)]),
            (None, None) => String::new(),
        }
    }

    // words:end
}

/// `` `a`, `b` ``: keys as the user writes them.
fn ticks(keys: &[&str]) -> String {
    keys.iter()
        .map(|k| format!("`{k}`"))
        .collect::<Vec<_>>()
        .join(", ")
}
