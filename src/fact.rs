//! The facts of a case as data, below every engine: which facts there are
//! (each declared once, with its names as a column and a flag), how each
//! is read, and what can be wrong with one. The readers (a batch profile's
//! values, a system file) and the engines (`intake`, `coverage`, `batch`)
//! share them; render words them.

use chrono::NaiveDate;

use crate::date::DateError;

/// How a fact's text is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Values {
    Date,
    /// yes, no or unknown; unknown is decided by trying both.
    Answer,
    Kind,
    /// 1 to 120 months, or `statutory`.
    Term,
    Plan,
    From,
}

/// A fact, declared once: its names as a batch column (English and
/// Japanese) and a flag, and how its value is read. A new fact is one entry
/// here, one field of `intake::CaseInput` and its use in its `resolve`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fact {
    pub field: Field,
    pub column: &'static str,
    pub ja_column: &'static str,
    pub flag: &'static str,
    pub values: Values,
}

/// The facts, each written once: the [`Field`] enum, its count and
/// [`FACTS`] are all made from this one list, so an array sized by the
/// facts cannot be sized by hand.
macro_rules! facts {
    ($($(#[$doc:meta])* $field:ident: $column:literal, $ja:literal, $flag:literal, $values:ident;)*) => {
        /// One fact of a case: a flag of `hoshu classify`, a column of a batch.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Field {
            $($(#[$doc])* $field,)*
        }

        impl Field {
            /// Every fact, in declaration order.
            pub const ALL: [Field; Field::COUNT] = [$(Field::$field),*];
            /// How many facts there are.
            pub const COUNT: usize = [$(Field::$field),*].len();
        }

        /// Every fact, in [`Field`] order.
        pub const FACTS: [Fact; Field::COUNT] = [$(Fact {
            field: Field::$field,
            column: $column,
            ja_column: $ja,
            flag: $flag,
            values: Values::$values,
        }),*];
    };
}

facts! {
    Delivered: "delivered", "納品日", "--delivered", Date;
    Reported: "reported", "報告日", "--reported", Date;
    ExternalCause: "external_cause", "外部要因", "--external-cause", Answer;
    Kind: "kind", "種別", "--kind", Kind;
    WarrantyMonths: "warranty_months", "保証月数", "--warranty-months", Term;
    Plan: "plan", "保守プラン", "--plan", Plan;
    PlanStart: "plan_start", "プラン開始日", "--plan-start", Date;
    PlanEnd: "plan_end", "プラン終了日", "--plan-end", Date;
    Accepted: "accepted", "検収日", "--accepted", Date;
    WarrantyFrom: "warranty_from", "保証起算", "--warranty-from", From;
    Learned: "learned", "認識日", "--learned", Date;
    BuilderKnew: "builder_knew", "開発者認識", "--builder-knew", Answer;
    ImpairsOperation: "impairs_operation", "稼働支障", "--impairs-operation", Answer;
}

impl Field {
    /// Its entry in [`FACTS`].
    pub fn fact(self) -> &'static Fact {
        &FACTS[self as usize]
    }

    /// The batch column name.
    pub fn column(self) -> &'static str {
        self.fact().column
    }

    /// The batch column name in Japanese, accepted as is beside [`Field::column`].
    pub fn ja_column(self) -> &'static str {
        self.fact().ja_column
    }

    /// The field named `name` as a batch column, English or Japanese.
    pub fn from_column(name: &str) -> Option<Field> {
        FACTS
            .iter()
            .find(|f| f.column == name || f.ja_column == name)
            .map(|f| f.field)
    }

    /// The command-line flag.
    pub fn flag(self) -> &'static str {
        self.fact().flag
    }

    /// Where a system file gives this fact (`delivery.date`), if it does.
    pub fn system_key(self) -> Option<&'static str> {
        Some(match self {
            Field::Delivered => "delivery.date",
            Field::WarrantyMonths => "delivery.warranty_months",
            Field::Accepted => "delivery.accepted",
            Field::WarrantyFrom => "delivery.warranty_from",
            Field::Plan => "maintenance.plan",
            Field::PlanStart => "maintenance.start",
            Field::PlanEnd => "maintenance.end",
            Field::Reported
            | Field::ExternalCause
            | Field::Kind
            | Field::Learned
            | Field::BuilderKnew
            | Field::ImpairsOperation => return None,
        })
    }
}

/// Which period a case counts: the contract's warranty, or one of the
/// statutory limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Span {
    /// The warranty's months after the delivery or the acceptance.
    Warranty,
    /// One year after the customer learned of the defect: the notice must
    /// come by then (Art. 637).
    Notice,
    /// Five years after the customer learned of it (Art. 166(1)(i)).
    Learning,
    /// Ten years after the delivery (Art. 166(1)(ii)).
    Delivery,
}

/// What is wrong with a fact of a case (a flag or a batch cell).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FactProblem {
    Date(DateError),
    /// A word outside its enumeration.
    NotOneOf {
        got: String,
        values: Values,
    },
    /// A word in a column a profile maps that the map does not have and
    /// hoshu does not read either.
    NotMapped {
        got: String,
        field: Field,
    },
    Months {
        got: String,
    },
    UnknownPlan {
        plan: String,
        known: Vec<String>,
    },
    /// Plan dates without a plan.
    NoPlan,
    EndBeforeStart {
        start: NaiveDate,
        end: NaiveDate,
    },
    /// The warranty counts from the acceptance, but no acceptance is given.
    NoAcceptance,
    AcceptedBeforeDelivery {
        accepted: NaiveDate,
        delivered: NaiveDate,
    },
    LearnedAfterReport {
        learned: NaiveDate,
        reported: NaiveDate,
    },
    LearnedBeforeDelivery {
        learned: NaiveDate,
        delivered: NaiveDate,
    },
    /// A period of `months` counted from `from` would end past the
    /// calendar's end; `span` says which period.
    PastCalendarEnd {
        from: NaiveDate,
        months: u32,
        span: Span,
    },
    /// Bytes that are not UTF-8 text.
    NotUtf8,
    /// With Art. 142's roll-over, a day outside the holiday calendar hoshu
    /// knows (1948-07-20, when the 祝日法 came into force, to 2099).
    OutsideCalendar {
        day: NaiveDate,
    },
}

impl std::error::Error for FactProblem {}
