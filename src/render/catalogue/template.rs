//! A language's sentences as data: each [`Tpl`] is one sentence with named
//! holes (`{path}`), which every catalogue words in its `template` table
//! and [`fill`] completes. Which sentence is said, and with which facts, is
//! decided once in `words`; a language only supplies the text.

use std::fmt::{Display, Write as _};

/// Declares [`Tpl`] and [`Tpl::ALL`] from one list, so that a test over
/// every template cannot miss one.
macro_rules! templates {
    ($($tpl:ident,)*) => {
        /// A sentence with holes, one per message a catalogue words the
        /// same way in every language but for its text.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Tpl {
            $($tpl,)*
        }

        impl Tpl {
            /// Every template, in declaration order.
            pub const ALL: &[Tpl] = &[$(Tpl::$tpl),*];
        }
    };
}

templates! {
    UsageNotAMonth,
    UsageNeedsProjectColumn,
    UsageNeedsRegistration,
    UsageNoRegister,
    UsageBinaryToTerminal,
    UsageAlreadyThere,
    UsageNoConfigDir,
    UsageNoBrowser,
    UsageNoBrowser2,
    UsageNoJapaneseFont,
    UsageBrowserFailed,
    UsageBrowserTimedOut,
    UsageCellTooLong,
    UsageAmountNotExact,
    UsageFactInFile,
    UsageNoWorkFolder,
    UsageBadSeconds,
    UsageCannotRender,
    UsageOneCaseFlagsInBatch,
    UsageOneCaseFormatInBatch,
    UsageBatchFormatForOneCase,
    UsageSystemsFolder,
    UsageNoSystems,
    UsageProjectTwice,
    UsageExcelNeedsCsv,
    UsageRejectsToStdout,
    UsageBatchInput,
    UsageBatchInputFolder,
    UsageDefaultPlan,
    UsageCannotPrice,
    UsageNotAnAmount,
    UsageNotHours,
    UsageNotAPercent,
    UsageNotAColumnRule,
    UsageMissingFlag,
    UsageFlagConflict,
    UsageOutputLinkLoop,
    UsageOutputSameFile,
    UsageOutputIsInput,
    UsageOutputNotKeptOwner,
    UsageOutputNotKeptAcl,
    UsageOutputCreate,
    UsageOutputWrite,
    RegisterInvoiced,
    RegisterCredited,
    RegisterDatabase,
    RegisterNotARegister,
    RegisterTooNew,
    RegisterExists,
    RegisterMissing,
    RegisterUnknownNumber,
    RegisterCancelled,
    RegisterNotLatest,
    RegisterNumberTaken,
    TicketsNoProjectColumn,
    TicketsUnknownProject,
    TicketsNotAResult,
    TicketsNoVerdict,
    TicketsNoVerdict2,
    TicketsNotItsRule,
    TicketsUnknownRule,
    TicketsNotHours,
    TicketsUnreadable,
    InvoiceNeedsCode,
    InvoiceNotAContract,
    InvoiceContractCancelled,
    InvoiceNotAnInvoice,
    InvoiceNotCancelled,
    InvoiceDoesNotAddUp,
    InvoiceNoHours,
    UsageNoFirm,
    YourConfigFolder,
    UsageBadPicture,
    PictureUnreadable,
    PictureTooLarge,
    PictureNotAnImage,
    UsageFirmIsTemplate,
    FirmTemplateKeys,
    UsageUnknownPreset,
    DidYouMean,
    UsageFlagValue,
    FlagValueReason,
    FlagValueAllowed,
    UsageUnknownFlag,
    UsageUnknownCommand,
    FlagDidYouMean,
    UsageOutputNotAFile,
    NodeFolder,
    NodeFifo,
    NodeDevice,
    NodeSocket,
    NodeOther,
    RegisterAfterRecord,
    RegisterRecord,
    RegisterChanged,
    RegisterChain,
    RegisterTruncated,
    TicketsNoIdColumn,
    InvoiceCreditBeforeInvoice,
    InvoiceOutOfTerm,
    TermEnd,
    TermOpen,
    InvoicePastCalendar,
    HeaderName,
    ListSep,
    // ids:end
}

/// A named hole's value.
pub type Arg<'a> = (&'a str, &'a dyn Display);

/// `template` with each `{name}` replaced by its value in `args`; `{{` and
/// `}}` are a brace. A hole no argument names is kept as written (and
/// fails the debug assertion the catalogue's tests run under).
pub fn fill(template: &str, args: &[Arg]) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(at) = rest.find(['{', '}']) {
        out.push_str(&rest[..at]);
        let brace = &rest[at..at + 1];
        let after = &rest[at + 1..];
        if after.starts_with(brace) {
            out.push_str(brace);
            rest = &after[1..];
            continue;
        }
        let hole = (brace == "{").then(|| after.find('}')).flatten();
        match hole.and_then(|end| {
            let name = &after[..end];
            args.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, value)| (end, *value))
        }) {
            Some((end, value)) => {
                let _ = write!(out, "{value}");
                rest = &after[end + 1..];
            }
            None => {
                debug_assert!(false, "no value for a hole of {template:?}");
                out.push_str(brace);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The names of `template`'s holes, in order (for the test that every
/// language fills the same holes).
#[cfg(test)]
pub fn holes(template: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = template;
    while let Some(at) = rest.find(['{', '}']) {
        let brace = &rest[at..at + 1];
        let after = &rest[at + 1..];
        if after.starts_with(brace) {
            rest = &after[1..];
        } else if let (true, Some(end)) = (brace == "{", after.find('}')) {
            names.push(&after[..end]);
            rest = &after[end + 1..];
        } else {
            rest = after;
        }
    }
    names
}
