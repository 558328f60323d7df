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
    KeyMissing,
    KeyTooSmall,
    KeyEmpty,
    KeyEndBeforeStart,
    KeyLinkedAlone,
    KeyUnknownPlan,
    KeyDuplicate,
    KeyTiersOutOfOrderLimitTraffic,
    KeyTiersOutOfOrderLimitPages,
    KeyTiersOutOfOrder,
    KeyLastTierBounded,
    KeyNoEntries,
    KeyProvidersWithoutMethod,
    KeyNeedsRollover,
    KeyNeedsPlan,
    KeyEndBeforeDelivery,
    KeyAfterQuoteDate,
    KeyBadRegistration,
    KeyNotYetEffective,
    KeyRenewsMonthly,
    KeyOutsideTermSome,
    KeyOutsideTermNone,
    KeyNeedsCode,
    KeyNotMonthDay,
    KeyAmountOrPercent,
    KeyAmountOrPercent2,
    KeyNeedsCustomer,
    KeyNotAFact,
    KeyUnknownPreset,
    KeyFactValue,
    FileRead,
    FileFolder,
    FileTooLarge,
    FileTooLarge2,
    FileNotText,
    FileNotText2,
    FileTooLarge3,
    FileInvalid,
    DateFormat,
    DateNoSuchDay,
    DateHasTime,
    DateNotADate,
    DateAmbiguous,
    SavedError,
    SavedFigureCurrency,
    SavedFigureTaxRate,
    SavedFigureNegative,
    SavedFigureNotProduct,
    SavedFigureNotProduct2,
    SavedFigureTwice,
    SavedFigureTotal,
    SavedFigureUncountable,
    SavedFigureDiscountAboveZero,
    SavedFigureDiscountFigure,
    SavedFigureDiscountPercent,
    SavedFigureDiscountRecurrence,
    SavedFigure,
    SavedError3,
    UnknownPlan,
    DiscountOnMonthly,
    DiscountOnAnnual,
    DiscountOnOneTime,
    QuoteDiscountExceeds,
    BatchIo,
    BatchCsv,
    BatchNoHeader,
    BatchRowTooLarge,
    BatchRowTooLarge2,
    FactNotOneOf,
    FactNotMapped,
    FactNoPlan,
    FactEndBeforeStart,
    FactNotUtf8,
    FactNoAcceptance,
    FactAcceptedBeforeDelivery,
    FactLearnedAfterReport,
    FactLearnedBeforeDelivery,
    FactOutsideCalendar,
    FactPastCalendarEndPeriodWarranty,
    FactPastCalendarEndPeriodNotice,
    FactPastCalendarEndPeriodLearning,
    FactPastCalendarEndPeriodDelivery,
    FactPastCalendarEnd,
    MsgQuoteHeadingSome,
    MsgQuoteHeadingNone,
    MsgTaxRowRoundingFloor,
    MsgTaxRowRoundingCeil,
    MsgTaxRowRoundingHalfUp,
    MsgTaxRow,
    MsgFirstYear,
    MsgExported,
    MsgTicketChargeNo,
    MsgTicketChargeYes,
    MsgInvoiceSubject,
    MsgRateSubtotal,
    MsgDueNote,
    MsgReturnedSubtotal,
    MsgCreditSubject,
    MsgCancelReason,
    MsgNegotiateNote,
    MsgRegisterMade,
    MsgCancelled,
    MsgRegisterIntactSome,
    MsgRegisterIntactNone,
    MsgIssued,
    MsgIssued2,
    MsgNumberVersion,
    MsgSvgNotInXlsx,
    MsgDiscountBasisSome,
    MsgDiscountBasisNone,
    MsgDevelopmentRatioBandBelow,
    MsgDevelopmentRatioBandWithin,
    MsgDevelopmentRatioBandAbove,
    MsgDevelopmentRatio,
    MsgDefaultSubject,
    MsgValidUntil,
    MsgRulesConsidered,
    MsgRulesConsidered2,
    MsgCompareHeading,
    MsgHours,
    MsgHolidaysForecast,
    MsgNoChange,
    MsgDiffHeading,
    MsgDiffSummary,
    MsgWrote,
    MsgCheckOk,
    MsgAcceptedUnused,
    MsgGateTripped,
    MsgUnmappable,
    KeyReplaced,
    AndSep,
    KeyPlanMissesWork,
    KeyBadPattern,
    PatternUnknownToken,
    PatternUnbalanced,
    PatternCounter,
    PatternWidth,
    CodeName,
    DateOutsideEra,
    EraToday,
    FactMonths,
    MsgMonthlyFee,
    MsgInvoicePeriod,
    MsgUncovered,
    WorkSep,
    MsgNoteWarranty,
    MsgNoteWarrantyStatutory,
    MsgBatchSummary,
    SummaryByBoth,
    SummaryByProfile,
    SummaryByPreset,
    MsgColumnsHeading,
    ColumnsByBoth,
    ColumnsByProfile,
    ColumnsByPreset,
    MsgBudgetFits,
    MsgBudgetNoneFits,
    PerYear,
    PerMonth,
    MsgProfileOk,
    ProfileOverPreset,
    AddresseeTo,
    AddresseeDepartment,
    AddresseeContact,
    AddresseePerson,
    BatchHeader,
    RowsOne,
    RowsMany,
    PlatformIos,
    PlatformAndroid,
    SystemEc,
    SystemReservation,
    SystemCrm,
    SystemCms,
    SystemOther,
    ServiceDomain,
    ServiceSsl,
    ServiceMail,
    ServiceServer,
    ServiceOther,
    ComplexityLow,
    ComplexityMedium,
    ComplexityHigh,
    ServerOfRole,
    PageOne,
    Pages,
    ProviderOne,
    Providers,
    HourOne,
    Hours,
    ItemAccessTier,
    ItemStandby,
    ItemDataSync,
    ItemServerLinked,
    ItemServerLinkage,
    ItemSite,
    ItemWebSystem,
    ItemCreditCardIntegration,
    ItemCreditCardIrregularOperations,
    ItemConvenienceStoreIntegration,
    ItemConvenienceStoreOperations,
    ItemApp,
    ItemAppOsVersions,
    ItemService,
    ItemPlanFee,
    ItemTakeover,
    VisitsUpTo,
    VisitsNoLimit,
    RequestsUpTo,
    RequestsNoLimit,
    WhyLowestTier,
    WhyPeak,
    WhyTier,
    WhyStandby,
    WhyDataSync,
    WhyOneServer,
    WhyServersUnlinked,
    WhyServersLinked,
    WhyServerLinkage,
    SiteTierUpTo,
    SiteTierNoLimit,
    WhySite,
    WhyWebSystem,
    WhyCreditCardIntegration,
    WhyCreditCardIrregularOperations,
    WhyConvenienceStoreIntegration,
    WhyConvenienceStoreOperations,
    WhyAppAndroid,
    WhyAppIos,
    WhyAppOsVersions,
    WhyResponse,
    WhyPlanFee,
    WhyServiceMonthly,
    WhyServiceYearly,
    GapDelivery,
    GapLastMaintained,
    GapPreviousEnd,
    GapContractEnd,
    WhyTakeover,
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
