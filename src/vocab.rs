//! The shared vocabulary: the words of the domain as enums, for the model,
//! the readers, the engines and the render layer alike. Nothing here is a
//! sentence and nothing here imports from hoshu: what a kind of work or a
//! platform is called in English or Japanese is the catalogue's business
//! (`render::catalogue`); the ids below are what files and JSON say.

use serde::{Deserialize, Serialize};

/// #04 the kind of a web system.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum WebSystemKind {
    Ec,
    Reservation,
    Crm,
    Cms,
    Other,
}

/// #04 how complex a web system is.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Deserialize,
    Serialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Complexity {
    Low,
    Medium,
    High,
}

/// #06 a smartphone platform.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Platform {
    Ios,
    Android,
}

/// A service run for the customer and passed on at cost.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ServiceKind {
    Domain,
    Ssl,
    Mail,
    Server,
    Other,
}

impl ServiceKind {
    /// The name in system files and quote keys.
    pub fn as_str(self) -> &'static str {
        match self {
            ServiceKind::Domain => "domain",
            ServiceKind::Ssl => "ssl",
            ServiceKind::Mail => "mail",
            ServiceKind::Server => "server",
            ServiceKind::Other => "other",
        }
    }
}

/// How often a service is paid for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Per {
    Month,
    Year,
}

/// Work a plan can cover. Spec changes are not among them: no plan covers a
/// spec change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Work {
    Monitoring,
    Backups,
    Restore,
    /// Fixing the system's own defects.
    OwnDefects,
    /// Fixing failures from external causes: OS, middleware, browser,
    /// third-party API, payment-provider or law changes.
    ExternalCauses,
    MinorImprovements,
}

impl Work {
    /// Every kind of work a plan can cover, in the order documents list them.
    pub const ALL: [Work; 6] = [
        Work::Monitoring,
        Work::Backups,
        Work::Restore,
        Work::ExternalCauses,
        Work::OwnDefects,
        Work::MinorImprovements,
    ];

    /// The name in rate cards and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Work::Monitoring => "monitoring",
            Work::Backups => "backups",
            Work::Restore => "restore",
            Work::OwnDefects => "own_defects",
            Work::ExternalCauses => "external_causes",
            Work::MinorImprovements => "minor_improvements",
        }
    }
}

/// How often a quote line is charged.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Recurrence {
    Monthly,
    /// Paid once a year: in the annual total, not the monthly one.
    Yearly,
    OneTime,
}

impl Recurrence {
    /// Its id, as JSON spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            Recurrence::Monthly => "monthly",
            Recurrence::Yearly => "yearly",
            Recurrence::OneTime => "one_time",
        }
    }
}

/// What a discount (値引き) is taken from: the monthly fee, the year's
/// (once a year) or the one-time work.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum DiscountOn {
    /// Every month: the monthly subtotal, and so 12 times in the year's.
    Monthly,
    /// Once a year: the annual subtotal (12 months and the yearly lines).
    Annual,
    /// The one-time work.
    OneTime,
}

impl DiscountOn {
    /// Its id, as files and JSON spell it.
    pub fn as_str(self) -> &'static str {
        match self {
            DiscountOn::Monthly => "monthly",
            DiscountOn::Annual => "annual",
            DiscountOn::OneTime => "one_time",
        }
    }

    /// How often the discount is taken, as a line.
    pub fn recurrence(self) -> Recurrence {
        match self {
            DiscountOn::Monthly => Recurrence::Monthly,
            DiscountOn::Annual => Recurrence::Yearly,
            DiscountOn::OneTime => Recurrence::OneTime,
        }
    }
}

/// What the warranty counts from.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Default,
    Serialize,
    serde::Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum WarrantyFrom {
    /// The delivery (納品), as the policy page says.
    #[default]
    Delivery,
    /// The acceptance (検収), as the IPA/METI model contract says.
    Acceptance,
}

/// A warranty term as a contract gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Term {
    Months(u32),
    /// The contract sets none: the Civil Code's limits.
    Statutory,
}

/// The warranty lengths a contract may name, in months.
pub const WARRANTY_MONTHS: std::ops::RangeInclusive<u32> = 1..=120;

/// Which date a system's time without maintenance counts from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum GapFrom {
    /// The delivery: never maintained since.
    Delivery,
    /// `last_maintained`.
    LastMaintained,
    /// `[maintenance] previous_end`: an earlier contract's end.
    PreviousEnd,
    /// `[maintenance] end`, passed: this contract's end.
    ContractEnd,
}

/// A payment method of #05, by its key in a system file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PaymentMethod {
    CreditCard,
    ConvenienceStore,
}

impl PaymentMethod {
    /// The key that switches the method on (`[payments] credit_card`).
    pub fn key(self) -> &'static str {
        match self {
            PaymentMethod::CreditCard => "credit_card",
            PaymentMethod::ConvenienceStore => "convenience_store",
        }
    }

    /// The key that counts its providers.
    pub const fn providers_key(self) -> &'static str {
        match self {
            PaymentMethod::CreditCard => "credit_card_providers",
            PaymentMethod::ConvenienceStore => "convenience_store_providers",
        }
    }
}

/// What a tier of the rate card is bounded by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TierLimit {
    /// Visits a day and requests a minute (#01).
    Traffic,
    /// Pages of a site (#03).
    Pages,
}

/// What a path names, when it is not a regular file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NodeKind {
    Folder,
    Fifo,
    Device,
    Socket,
    /// Anything else that is not a regular file.
    Other,
}

/// Declares [`Expected`], its list and its ids from one list, so that a
/// test over every expectation cannot miss one.
macro_rules! expectations {
    ($($(#[$doc:meta])* $name:ident => $id:literal,)*) => {
        /// What a value must be: said by the catalogue, named by the readers.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Expected {
            $($(#[$doc])* $name,)*
        }

        impl Expected {
            /// Every expectation, for tests that go over all of them.
            pub const ALL: &[Expected] = &[$(Expected::$name),*];

            /// Its id, as the readers tag serde's messages with it
            /// (`toml_read::tag`).
            pub fn id(self) -> &'static str {
                match self {
                    $(Expected::$name => $id,)*
                }
            }
        }
    };
}

expectations! {
    /// A whole number, 1 or more (a count, a limit).
    WholeFromOne => "whole-from-one",
    /// A whole number, 0 or more.
    WholeFromZero => "whole-from-zero",
    /// Whole yen, 1 or more.
    YenFromOne => "yen-from-one",
    /// Whole yen, 0 or more.
    YenFromZero => "yen-from-zero",
    /// A price in whole yen, 0 or more.
    PriceFromZero => "price-from-zero",
    /// A whole percent, 0 to 100.
    Percent => "percent",
    /// A whole percent, 1 to 100.
    PercentFromOne => "percent-from-one",
    /// A warranty term: whole months from 1 to 120, or `statutory`.
    Term => "term",
    /// A date, `YYYY-MM-DD` (a TOML date or a quoted string).
    Date => "date",
    /// A firm's day off: `YYYY-MM-DD` once, or `MM-DD` every year.
    ClosedDay => "closed-day",
    /// A month of the year, 1 to 12.
    MonthOfYear => "month-of-year",
    /// A month of a year, `YYYY-MM`.
    YearMonth => "year-month",
    /// serde's own expectations.
    Text => "text",
    TextOrList => "text-or-list",
    Boolean => "boolean",
    List => "list",
    Table => "table",
}

impl Expected {
    /// The expectation serde itself names this way (`a string`, `a
    /// boolean`).
    pub fn from_serde(words: &str) -> Option<Expected> {
        Some(match words {
            "a string" | "string" => Expected::Text,
            "a string or a list of strings" => Expected::TextOrList,
            "a boolean" | "bool" => Expected::Boolean,
            "a sequence" => Expected::List,
            "a map" | "struct" => Expected::Table,
            _ => return None,
        })
    }
}

/// A value as serde names it in a refusal: `string "many"`, `integer `5``.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Got {
    Text(String),
    Integer(String),
    Float(String),
    Boolean(String),
    List,
    Table,
    /// serde's own words for a value hoshu does not know.
    Other(String),
}

impl Got {
    /// serde's `Unexpected` as it writes it.
    pub fn from_serde(words: &str) -> Got {
        let quoted = |rest: &str| rest.trim_matches(['"', '`']).to_owned();
        if let Some(rest) = words.strip_prefix("string ") {
            Got::Text(quoted(rest))
        } else if let Some(rest) = words.strip_prefix("integer ") {
            Got::Integer(quoted(rest))
        } else if let Some(rest) = words.strip_prefix("floating point ") {
            Got::Float(quoted(rest))
        } else if let Some(rest) = words.strip_prefix("boolean ") {
            Got::Boolean(quoted(rest))
        } else {
            match words {
                "sequence" => Got::List,
                "map" => Got::Table,
                other => Got::Other(other.to_owned()),
            }
        }
    }
}

/// What a replaced file had that its new version may fail to keep.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lost {
    /// Its owner and group.
    Owner,
    /// Its access control list (the named users and groups).
    Acl,
}

#[cfg(test)]
mod tests {
    use super::{DiscountOn, Recurrence};

    /// The ids the messages quote are the ids files and JSON spell.
    #[test]
    fn ids_are_serdes() {
        for r in [Recurrence::Monthly, Recurrence::Yearly, Recurrence::OneTime] {
            assert_eq!(serde_json::to_value(r).unwrap(), r.as_str());
        }
        for on in [DiscountOn::Monthly, DiscountOn::Annual, DiscountOn::OneTime] {
            assert_eq!(serde_json::to_value(on).unwrap(), on.as_str());
            let back: DiscountOn = serde_json::from_value(on.as_str().into()).unwrap();
            assert_eq!(back, on);
        }
    }
}
