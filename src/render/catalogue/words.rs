//! The sentences every language says alike: which [`Tpl`] a message is,
//! and the facts in its holes, decided once over the message's data. A
//! catalogue only supplies each template's text.

use super::template::{Arg, Tpl, fill};
use super::{Catalogue, Text, Usage};
use crate::batch::profile::PRESETS;
use crate::render::escape;
use crate::vocab::Lost;
use crate::vocab::NodeKind;

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
                self.put(Tpl::UsageBinaryToTerminal, &[("arg", &format)])
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
                &[("arg", &format), ("detail", &detail)],
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

    // words:end
}

/// `` `a`, `b` ``: keys as the user writes them.
pub(super) fn ticks(keys: &[&str]) -> String {
    keys.iter()
        .map(|k| format!("`{k}`"))
        .collect::<Vec<_>>()
        .join(", ")
}
