//! The customer's system, as sales describe it in `system.toml`.
//!
//! The key names are a public contract (README "The system description"):
//! files live in customers' git repositories, so keys are added, never
//! renamed. Parsing is strict: an unknown key, a value of the wrong type or a
//! word outside an enumeration is an error that names the file, line and
//! column; checks that need more than one value, or a minimum, run after
//! parsing and are located in the file the same way.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::path::Path;

use crate::file_error::{Checked, FileError, KeyProblem};
use crate::holidays::ClosedDay;
use crate::key_path;
use crate::key_path::KeyPath;
use crate::money::Yen;
use crate::rates::RateCard;
use crate::toml_read::{dates, numbers, tag};
use crate::vocab::Expected;
pub use crate::vocab::{Complexity, Per, Platform, ServiceKind, WarrantyFrom, WebSystemKind};
use crate::vocab::{GapFrom, PaymentMethod, Term};

/// The whole description of one customer's system.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct System {
    /// What the system is called on the quote.
    pub name: String,
    /// The customer's company name.
    #[serde(default)]
    pub customer: Option<String>,
    /// What building the system cost, in yen: the quote states annual
    /// maintenance as a percent of it.
    #[serde(default, deserialize_with = "numbers::opt_yen")]
    pub development_cost: Option<Yen>,
    /// When anyone last maintained the system.
    #[serde(default, deserialize_with = "dates::de_opt")]
    pub last_maintained: Option<NaiveDate>,
    /// #01: absent means low traffic.
    #[serde(default)]
    pub traffic: Option<Traffic>,
    /// #02: groups of identical servers.
    #[serde(default)]
    pub servers: Vec<ServerGroup>,
    /// #03
    #[serde(default)]
    pub sites: Vec<Site>,
    /// #04
    #[serde(default)]
    pub web_systems: Vec<WebSystem>,
    /// #05
    #[serde(default)]
    pub payments: Option<Payments>,
    /// #06
    #[serde(default)]
    pub apps: Vec<App>,
    /// Services the firm runs for the customer and passes on at cost
    /// (STEP03): domain, SSL certificate, mail, the server rental.
    #[serde(default)]
    pub services: Vec<Service>,
    /// The development contract: delivery date and warranty.
    #[serde(default)]
    pub delivery: Option<Delivery>,
    /// The maintenance contract in force, if any.
    #[serde(default)]
    pub maintenance: Option<Maintenance>,
    /// How the quote document (見積書) is addressed and what it says.
    /// Left out of the canonical form when absent, so quote numbers made
    /// before it existed stay the same.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<QuoteTerms>,
    /// `[calendar]`: the firm's own days off, for Art. 142 with
    /// `[delivery] holiday_rollover`. Left out of the canonical form when
    /// absent, so quote numbers stay the same.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calendar: Option<Calendar>,
}

/// `[calendar]`: days without business beside Sundays, national holidays
/// and Dec 29 – Jan 3.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Calendar {
    /// `"2026-08-13"` once, `"08-13"` every year: a summer closure, the
    /// firm's founding day.
    #[serde(default)]
    pub closed: Vec<ClosedDay>,
}

/// A firm-wide list of days off (`--closed-days FILE`): a TOML file with
/// the system file's `[calendar]` table and nothing else.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CalendarFile {
    pub calendar: Calendar,
}

impl CalendarFile {
    /// Parse and check a calendar file; `origin` names it in errors.
    pub fn from_toml(text: &str, origin: &str) -> Result<CalendarFile, FileError> {
        FileError::parse_checked(origin, text)
    }
}

impl Checked for CalendarFile {
    fn problems(&self) -> Vec<(KeyPath, KeyProblem)> {
        Vec::new()
    }
}

impl System {
    /// The firm's own days off, none when `[calendar]` is absent.
    pub fn closed_days(&self) -> &[ClosedDay] {
        self.calendar.as_ref().map_or(&[], |c| &c.closed)
    }
}

/// `[quote]`: the 見積書's subject, honorific and notes.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct QuoteTerms {
    /// 件名; absent: `{name} 保守・運用`.
    #[serde(default)]
    pub subject: Option<String>,
    /// `onchu` (御中, a company: the default) or `sama` (様, a person).
    #[serde(default)]
    pub honorific: Honorific,
    /// The customer's department (営業部), after the customer's name.
    #[serde(default)]
    pub department: Option<String>,
    /// The person the quote is for (担当者): addressed 様, in place of 御中.
    #[serde(default)]
    pub contact: Option<String>,
    /// The firm's short code for the customer (`SAKURA`), for a numbering
    /// pattern with `{code}`: its documents are numbered on their own.
    /// Left out of the canonical form when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_code: Option<String>,
    /// The customer's postal code and address, above the name.
    #[serde(default)]
    pub postal_code: Option<String>,
    #[serde(default)]
    pub address: Option<String>,
    /// 備考 of this quote, before the standing notes: a string or a list.
    #[serde(default, deserialize_with = "one_or_many")]
    pub notes: Vec<String>,
    /// `[[quote.discounts]]`: 値引き, taken before tax, in this order.
    /// Left out of the canonical form when there are none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub discounts: Vec<DiscountTerm>,
}

/// One discount (値引き, 出精値引き): a fixed amount or a percent of the
/// lines it is taken from, before tax.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct DiscountTerm {
    /// What the document calls it (出精値引き).
    pub label: String,
    /// `monthly`, `annual` or `one_time`.
    pub applies_to: crate::vocab::DiscountOn,
    /// Yen off, 1 or more.
    #[serde(default, deserialize_with = "numbers::opt_yen")]
    pub amount: Option<Yen>,
    /// A whole percent off the lines it applies to (before any discount),
    /// 1 to 100, rounded down to the yen.
    #[serde(default, deserialize_with = "numbers::opt_percent_from_one")]
    pub percent: Option<u32>,
}

/// How the addressee is addressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Honorific {
    /// 御中: a company or a department.
    #[default]
    Onchu,
    /// 様: a person.
    Sama,
}

/// A string, or a list of strings.
fn one_or_many<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    struct Notes;
    impl<'de> serde::de::Visitor<'de> for Notes {
        type Value = Vec<String>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str(&tag::expected(Expected::TextOrList))
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
            Ok(vec![v.to_owned()])
        }
        fn visit_seq<A: serde::de::SeqAccess<'de>>(
            self,
            mut seq: A,
        ) -> Result<Self::Value, A::Error> {
            let mut out = Vec::new();
            while let Some(note) = seq.next_element::<String>()? {
                out.push(note);
            }
            Ok(out)
        }
    }
    d.deserialize_any(Notes)
}

/// #01 access volume.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Traffic {
    #[serde(deserialize_with = "numbers::any")]
    pub daily_visits: u64,
    /// Requests a minute at the peak.
    #[serde(default, deserialize_with = "numbers::opt_any")]
    pub peak_per_minute: Option<u64>,
    /// A failure loses money directly: a standby system is kept in sync.
    #[serde(default)]
    pub business_critical: bool,
}

/// #02 a group of identical servers.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ServerGroup {
    pub role: String,
    #[serde(deserialize_with = "numbers::count")]
    pub count: u32,
    /// The servers cooperate (load balancing, replication).
    #[serde(default)]
    pub linked: bool,
}

/// #03 a site.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Site {
    pub name: String,
    #[serde(deserialize_with = "numbers::count")]
    pub pages: u32,
}

/// #04 a web system inside a site.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct WebSystem {
    pub name: String,
    pub kind: WebSystemKind,
    pub complexity: Complexity,
}

/// #05 payment functions.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Payments {
    #[serde(default)]
    pub credit_card: bool,
    #[serde(default)]
    pub convenience_store: bool,
    /// Card companies and payment agents for card payment; absent: one.
    #[serde(default, deserialize_with = "numbers::opt_count")]
    pub credit_card_providers: Option<u32>,
    /// Payment agents for convenience-store payment; absent: one.
    #[serde(default, deserialize_with = "numbers::opt_count")]
    pub convenience_store_providers: Option<u32>,
    /// The old key counting both methods' providers together: refused with
    /// a message naming the keys that replaced it.
    #[serde(default, skip_serializing)]
    pub providers: Option<Present>,
}

/// A key that is there, whatever its value: read only to be refused well.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Present;

impl<'de> Deserialize<'de> for Present {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Present, D::Error> {
        serde::de::IgnoredAny::deserialize(d).map(|_| Present)
    }
}

impl Payments {
    /// Card providers to price: none when card payment is off, else as
    /// given, else one.
    pub fn credit_card_providers(&self) -> u32 {
        if self.credit_card {
            self.credit_card_providers.unwrap_or(1)
        } else {
            0
        }
    }

    /// Store-payment providers to price, as for cards.
    pub fn convenience_store_providers(&self) -> u32 {
        if self.convenience_store {
            self.convenience_store_providers.unwrap_or(1)
        } else {
            0
        }
    }
}

/// #06 a smartphone app on one platform.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct App {
    pub name: String,
    pub platform: Platform,
    /// Major OS versions supported.
    #[serde(default = "one", deserialize_with = "numbers::count")]
    pub supported_os_versions: u32,
}

/// A service the firm runs for the customer, passed on at cost plus the
/// card's handling fee.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Service {
    pub kind: ServiceKind,
    pub name: String,
    /// What the service costs the firm, in yen, for each `per`.
    #[serde(deserialize_with = "numbers::yen_any")]
    pub cost: Yen,
    pub per: Per,
    /// A yearly service's month of renewal (1–12), when it is billed;
    /// absent: the contract's first month.
    #[serde(
        default,
        deserialize_with = "numbers::opt_month_of_year",
        skip_serializing_if = "Option::is_none"
    )]
    pub renews: Option<u32>,
}

/// The development contract.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Delivery {
    #[serde(deserialize_with = "dates::de")]
    pub date: NaiveDate,
    /// The warranty (契約不適合責任期間, formerly 瑕疵担保期間) in months, or
    /// `"statutory"` when the contract sets no term (the Civil Code's
    /// limits); absent when support does not know it, which classify treats
    /// as "somewhere from 3 to 6".
    #[serde(default, deserialize_with = "opt_term")]
    pub warranty_months: Option<Term>,
    /// The acceptance (検収) date.
    #[serde(default, deserialize_with = "dates::de_opt")]
    pub accepted: Option<NaiveDate>,
    /// What the warranty counts from; absent: the delivery.
    #[serde(default)]
    pub warranty_from: Option<WarrantyFrom>,
    /// Civil Code Art. 142: a warranty or plan ending on a Sunday, a
    /// national holiday or Dec 29 – Jan 3 ends on the next working day.
    #[serde(default)]
    pub holiday_rollover: bool,
    /// With the roll-over: Saturdays are days off too.
    #[serde(default)]
    pub saturday_off: bool,
}

/// `warranty_months`: a whole number of months, or `"statutory"`.
fn opt_term<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Term>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Raw {
        Months(i64),
        Word(String),
    }
    let expected = tag::expected(Expected::Term);
    let expected = expected.as_str();
    match Raw::deserialize(d) {
        Ok(Raw::Months(m)) => u32::try_from(m)
            .ok()
            .filter(|m| WARRANTY_MONTHS.contains(m))
            .map(|m| Some(Term::Months(m)))
            .ok_or_else(|| {
                serde::de::Error::invalid_value(serde::de::Unexpected::Signed(m), &expected)
            }),
        Ok(Raw::Word(w)) if w == "statutory" => Ok(Some(Term::Statutory)),
        Ok(Raw::Word(w)) => Err(serde::de::Error::invalid_value(
            serde::de::Unexpected::Str(&w),
            &expected,
        )),
        Err(_) => Err(serde::de::Error::custom(format!(
            "invalid type, expected {expected}"
        ))),
    }
}

/// The maintenance contract.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Maintenance {
    /// A plan of the rate card: the contract in force. Absent when none is
    /// (only an earlier contract's end is known).
    #[serde(default)]
    pub plan: Option<String>,
    /// The last day of an earlier maintenance contract that has ended: the
    /// system was maintained until then.
    #[serde(default, deserialize_with = "dates::de_opt")]
    pub previous_end: Option<NaiveDate>,
    /// The first day in force; absent means from delivery.
    #[serde(default, deserialize_with = "dates::de_opt")]
    pub start: Option<NaiveDate>,
    /// The last day in force, inclusive; absent means open-ended.
    #[serde(default, deserialize_with = "dates::de_opt")]
    pub end: Option<NaiveDate>,
    /// The month the one-time work is invoiced (`"YYYY-MM"`), within the
    /// term; absent: the contract's first month.
    #[serde(
        default,
        deserialize_with = "dates::month_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub one_time_month: Option<crate::date::Month>,
}

fn one() -> u32 {
    1
}

pub use crate::vocab::WARRANTY_MONTHS;

impl System {
    /// Read and check a system file.
    pub fn from_file(path: &Path) -> Result<System, FileError> {
        let text = FileError::read(path)?;
        System::from_toml(&text, &path.display().to_string())
    }

    /// Check what depends on the quote date: nobody maintained the system
    /// after it. `text` and `origin` are the file's, to point at the key.
    pub fn check_dated(&self, date: NaiveDate, text: &str, origin: &str) -> Result<(), FileError> {
        let previous_end = self.maintenance.as_ref().and_then(|m| m.previous_end);
        let problems = [
            (key_path!["last_maintained"], self.last_maintained),
            (key_path!["maintenance", "previous_end"], previous_end),
        ]
        .into_iter()
        .filter_map(|(path, day)| {
            day.filter(|d| *d > date).map(|d| {
                (
                    path,
                    KeyProblem::AfterQuoteDate {
                        got: d.to_string(),
                        date: date.to_string(),
                    },
                )
            })
        })
        .collect();
        FileError::check(origin, text, problems)
    }

    /// Since when the system has gone without maintenance on `date`: the
    /// latest of the delivery, `last_maintained`, an earlier contract's end
    /// and this contract's end when it has passed, with which of them it
    /// is. `None` when a contract is in force on `date` (it maintains the
    /// system) or nothing is known.
    pub fn unmaintained_since(&self, date: NaiveDate) -> Option<(NaiveDate, GapFrom)> {
        let delivered = self.delivery.as_ref().map(|d| d.date);
        let m = self.maintenance.as_ref();
        let in_force = m.is_some_and(|m| {
            m.plan.is_some()
                && m.start.or(delivered).is_none_or(|s| s <= date)
                && m.end.is_none_or(|e| date <= e)
        });
        if in_force {
            return None;
        }
        [
            (delivered, GapFrom::Delivery),
            (self.last_maintained, GapFrom::LastMaintained),
            (m.and_then(|m| m.previous_end), GapFrom::PreviousEnd),
            (
                m.and_then(|m| m.end).filter(|e| *e < date),
                GapFrom::ContractEnd,
            ),
        ]
        .into_iter()
        .filter_map(|(day, from)| day.map(|d| (d, from)))
        .max_by_key(|(day, _)| *day)
    }

    /// Parse and check a system description; `origin` names it in errors.
    pub fn from_toml(text: &str, origin: &str) -> Result<System, FileError> {
        FileError::parse_checked(origin, text)
    }

    /// Parse and check `text` as [`System::from_toml`] does, and against
    /// `card`: a plan the card does not have is said with every other
    /// problem of the file, not only once they are fixed.
    pub fn from_toml_against(
        text: &str,
        origin: &str,
        card: &RateCard,
    ) -> Result<System, FileError> {
        match System::from_toml(text, origin) {
            Ok(system) => {
                system.check_against(card, text, origin)?;
                Ok(system)
            }
            Err(e @ FileError::Invalid { .. }) => {
                let plan = toml::from_str::<toml::Table>(text).ok().and_then(|t| {
                    t.get("maintenance")?
                        .get("plan")?
                        .as_str()
                        .map(str::to_owned)
                });
                let more = plan
                    .and_then(|plan| card.unknown_plan(&plan))
                    .map(|problem| (key_path!["maintenance", "plan"], problem));
                Err(e.and(text, more.into_iter().collect()))
            }
            Err(e) => Err(e),
        }
    }

    /// Check what refers to the rate card: the maintenance plan must exist.
    /// `text` and `origin` are the file's, to point at the key.
    pub fn check_against(
        &self,
        card: &RateCard,
        text: &str,
        origin: &str,
    ) -> Result<(), FileError> {
        let problems = self
            .maintenance
            .as_ref()
            .and_then(|m| m.plan.as_deref())
            .and_then(|plan| card.unknown_plan(plan))
            .map(|problem| (key_path!["maintenance", "plan"], problem))
            .into_iter()
            .collect();
        FileError::check(origin, text, problems)
    }
}

impl Checked for System {
    /// Every rule a parsed description can break on its own.
    fn problems(&self) -> Vec<(KeyPath, KeyProblem)> {
        let mut out = Vec::new();
        // Days off matter only to Art. 142's roll-over: the same pair rule
        // as the flags' (--rest-days and --closed-days need it).
        let rollover = self.delivery.as_ref().is_some_and(|d| d.holiday_rollover);
        if !rollover {
            if self.delivery.as_ref().is_some_and(|d| d.saturday_off) {
                out.push((
                    key_path!["delivery", "saturday_off"],
                    KeyProblem::NeedsRollover,
                ));
            }
            if !self.closed_days().is_empty() {
                out.push((key_path!["calendar", "closed"], KeyProblem::NeedsRollover));
            }
        }
        if self.name.trim().is_empty() {
            out.push((key_path!["name"], KeyProblem::Empty));
        }
        if self.customer.as_ref().is_some_and(|c| c.trim().is_empty()) {
            out.push((key_path!["customer"], KeyProblem::Empty));
        }
        if self
            .quote
            .as_ref()
            .and_then(|q| q.customer_code.as_ref())
            .is_some_and(|c| {
                c.trim().is_empty() || c.chars().any(|ch| ch.is_whitespace() || ch.is_control())
            })
        {
            out.push((key_path!["quote", "customer_code"], KeyProblem::Empty));
        }
        let discounts = self.quote.as_ref().map_or(&[][..], |q| &q.discounts[..]);
        for (i, discount) in discounts.iter().enumerate() {
            if discount.label.trim().is_empty() {
                out.push((
                    key_path!["quote", "discounts", i, "label"],
                    KeyProblem::Empty,
                ));
            }
            if discount.amount.is_some() == discount.percent.is_some() {
                out.push((
                    key_path!["quote", "discounts", i],
                    KeyProblem::AmountOrPercent {
                        both: discount.amount.is_some(),
                    },
                ));
            }
        }
        for (i, group) in self.servers.iter().enumerate() {
            if group.role.trim().is_empty() {
                out.push((key_path!["servers", i, "role"], KeyProblem::Empty));
            }
            if group.linked && group.count == 1 {
                out.push((key_path!["servers", i, "linked"], KeyProblem::LinkedAlone));
            }
        }
        let services: Vec<&str> = self.services.iter().map(|s| s.name.as_str()).collect();
        names(&services, "services", &mut out);
        let sites: Vec<&str> = self.sites.iter().map(|s| s.name.as_str()).collect();
        names(&sites, "sites", &mut out);
        let systems: Vec<&str> = self.web_systems.iter().map(|w| w.name.as_str()).collect();
        names(&systems, "web_systems", &mut out);
        // One app on two platforms is one name twice; the same app on the
        // same platform twice is a mistake.
        let mut seen = std::collections::HashSet::with_capacity(self.apps.len());
        for (i, app) in self.apps.iter().enumerate() {
            if app.name.trim().is_empty() {
                out.push((key_path!["apps", i, "name"], KeyProblem::Empty));
            } else if !seen.insert((app.name.as_str(), app.platform)) {
                out.push((
                    key_path!["apps", i, "name"],
                    KeyProblem::Duplicate {
                        name: app.name.clone(),
                    },
                ));
            }
        }
        if let Some(p) = &self.payments {
            if p.providers.is_some() {
                out.push((
                    key_path!["payments", "providers"],
                    KeyProblem::Replaced {
                        by: &const {
                            [
                                PaymentMethod::CreditCard.providers_key(),
                                PaymentMethod::ConvenienceStore.providers_key(),
                            ]
                        },
                    },
                ));
            }
            if p.credit_card_providers.is_some() && !p.credit_card {
                out.push((
                    key_path!["payments", "credit_card_providers"],
                    KeyProblem::ProvidersWithoutMethod {
                        method: PaymentMethod::CreditCard,
                    },
                ));
            }
            if p.convenience_store_providers.is_some() && !p.convenience_store {
                out.push((
                    key_path!["payments", "convenience_store_providers"],
                    KeyProblem::ProvidersWithoutMethod {
                        method: PaymentMethod::ConvenienceStore,
                    },
                ));
            }
        }
        for (i, s) in self.services.iter().enumerate() {
            if s.renews.is_some() && s.per == Per::Month {
                out.push((
                    key_path!["services", i, "renews"],
                    KeyProblem::RenewsMonthly,
                ));
            }
        }
        if let Some(m) = &self.maintenance {
            // The one-time work is invoiced within the term.
            let start = m.start.or(self.delivery.as_ref().map(|d| d.date));
            if let (Some(month), Some(start)) = (m.one_time_month, start) {
                let before = month < crate::date::Month::of(start);
                let after = m.end.is_some_and(|end| month > crate::date::Month::of(end));
                if before || after {
                    out.push((
                        key_path!["maintenance", "one_time_month"],
                        KeyProblem::OutsideTerm {
                            got: month.to_string(),
                            start: start.to_string(),
                            end: m.end.map(|e| e.to_string()),
                        },
                    ));
                }
            }
            if m.plan.is_none() && (m.start.is_some() || m.end.is_some()) {
                let key = if m.start.is_some() { "start" } else { "end" };
                out.push((key_path!["maintenance", key], KeyProblem::NeedsPlan));
            }
            if let (Some(start), Some(end)) = (m.start, m.end)
                && end < start
            {
                out.push((
                    key_path!["maintenance", "end"],
                    KeyProblem::EndBeforeStart {
                        start: start.to_string(),
                        end: end.to_string(),
                    },
                ));
            } else if let (Some(end), Some(d)) = (m.end, &self.delivery)
                && end < d.date
            {
                out.push((
                    key_path!["maintenance", "end"],
                    KeyProblem::EndBeforeDelivery {
                        end: end.to_string(),
                        delivered: d.date.to_string(),
                    },
                ));
            }
        }
        out
    }
}

/// Names in a list of tables must be given and unique.
fn names(names: &[&str], table: &'static str, out: &mut Vec<(KeyPath, KeyProblem)>) {
    let mut seen = std::collections::HashSet::with_capacity(names.len());
    for (i, name) in names.iter().enumerate() {
        if name.trim().is_empty() {
            out.push((key_path![table, i, "name"], KeyProblem::Empty));
        } else if !seen.insert(*name) {
            out.push((
                key_path![table, i, "name"],
                KeyProblem::Duplicate {
                    name: (*name).to_owned(),
                },
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FULL: &str = r#"
name = "Sakura Shop"
customer = "Sakura Trading Co., Ltd."
development_cost = 12000000
last_maintained = 2023-04-01

[traffic]
daily_visits = 3000
peak_per_minute = 1000
business_critical = true

[[servers]]
role = "web"
count = 2
linked = true

[[sites]]
name = "shop"
pages = 120

[[web_systems]]
name = "store"
kind = "ec"
complexity = "medium"

[payments]
credit_card = true
convenience_store = true

[[apps]]
name = "Sakura app"
platform = "android"
supported_os_versions = 3

[delivery]
date = 2024-01-10
warranty_months = 3

[maintenance]
plan = "standard"
start = "2024-02-01"
end = 2025-01-31
"#;

    fn err(text: &str) -> String {
        System::from_toml(text, "s.toml").unwrap_err().to_string()
    }

    #[test]
    fn reads_the_documented_example() {
        let s = System::from_toml(FULL, "s.toml").unwrap();
        assert_eq!(s.name, "Sakura Shop");
        assert_eq!(s.development_cost, Some(Yen(12_000_000)));
        assert_eq!(s.payments.as_ref().unwrap().credit_card_providers(), 1);
        assert_eq!(s.servers[0].count, 2);
        assert_eq!(s.apps[0].platform, Platform::Android);
        let m = s.maintenance.unwrap();
        assert_eq!(
            m.start,
            NaiveDate::from_ymd_opt(2024, 2, 1),
            "a quoted date is read too"
        );
        assert_eq!(m.end, NaiveDate::from_ymd_opt(2025, 1, 31));
    }

    /// The lines `-->` of every problem, in order.
    fn places(e: &str) -> Vec<&str> {
        e.lines()
            .filter_map(|l| l.trim_start().strip_prefix("--> "))
            .collect()
    }

    #[test]
    fn unknown_keys_are_errors_with_their_line() {
        let e = err("name = \"x\"\n[traffic]\ndaily_visits = 1\npeak = 3\n");
        assert_eq!(places(&e), ["s.toml:4:1"]);
        assert!(
            e.starts_with("`traffic.peak`: unknown key `peak`; allowed: daily_visits, peak_per_minute, business_critical"),
            "{e}"
        );
    }

    #[test]
    fn enumerations_are_closed() {
        let e = err(
            "name = \"x\"\n[[web_systems]]\nname = \"a\"\nkind = \"erp\"\ncomplexity = \"low\"\n",
        );
        assert_eq!(places(&e), ["s.toml:4:8"]);
        assert!(
            e.starts_with("`web_systems[0].kind`: `erp` is not allowed; allowed: ec, reservation, crm, cms, other"),
            "{e}"
        );
    }

    #[test]
    fn counts_must_be_at_least_one_and_name_the_key() {
        let e = err(
            "name = \"x\"\n[[servers]]\nrole = \"web\"\ncount = 1\n[[servers]]\nrole = \"db\"\ncount = 0\n",
        );
        assert_eq!(
            e,
            "`servers[1].count`: invalid value: integer `0`, expected a whole number, 1 or more\n  --> s.toml:7:9\n  |\n7 | count = 0\n  |         ^"
        );
    }

    #[test]
    fn negative_counts_are_type_errors_with_a_caret() {
        let e = err("name = \"x\"\n[[sites]]\nname = \"a\"\npages = -5\n");
        assert_eq!(places(&e), ["s.toml:4:9"]);
        assert!(
            e.starts_with(
                "`sites[0].pages`: invalid value: integer `-5`, expected a whole number, 1 or more"
            ),
            "{e}"
        );
        let e = err("name = \"x\"\n[[sites]]\nname = \"a\"\npages = \"many\"\n");
        assert!(
            e.contains("invalid type: string \"many\", expected a whole number, 1 or more"),
            "{e}"
        );
        let e = err("name = \"x\"\ndevelopment_cost = 0\n");
        assert!(
            e.contains("invalid value: integer `0`, expected whole yen, 1 or more"),
            "{e}"
        );
    }

    #[test]
    fn date_times_are_refused() {
        let e = err("name = \"x\"\n[delivery]\ndate = 2024-01-10T10:00:00\n");
        assert_eq!(places(&e), ["s.toml:3:8"]);
        assert!(e.contains("has a time or an offset"), "{e}");
        let e = err("name = \"x\"\n[delivery]\ndate = \"2024-02-30\"\n");
        assert_eq!(places(&e), ["s.toml:3:8"]);
        assert!(e.contains("not a day of the calendar"), "{e}");
    }

    #[test]
    fn a_bare_date_that_is_no_day_gets_the_quoted_forms_message() {
        let bare = err("name = \"x\"\n[delivery]\ndate = 2024-02-30\n");
        let quoted = err("name = \"x\"\n[delivery]\ndate = \"2024-02-30\"\n");
        let first = |e: &str| e.lines().next().unwrap().to_owned();
        assert_eq!(first(&bare), first(&quoted));
        assert_eq!(places(&bare), ["s.toml:3:8"]);
    }

    #[test]
    fn numbers_out_of_range_say_the_range() {
        let e = err("name = \"x\"\n[[servers]]\nrole = \"a\"\ncount = 18446744073709551615\n");
        assert!(
            e.contains(
                "`18446744073709551615` is too large: a number here goes up to 9223372036854775807"
            ),
            "{e}"
        );
        let e = err("name = \"x\"\n[[servers]]\nrole = \"a\"\ncount = 4294967296\n");
        assert!(
            e.contains("expected a whole number, 1 or more, at most 4294967295"),
            "{e}"
        );
    }

    #[test]
    fn words_not_allowed_name_the_likely_one() {
        let first = |t: &str| err(t).lines().next().unwrap().to_owned();
        assert!(
            first("name = \"x\"\n[[apps]]\nname = \"a\"\nplatform = \"iOS\"\n")
                .ends_with("did you mean `ios`?")
        );
        assert!(first(
            "name = \"x\"\n[[web_systems]]\nname = \"a\"\nkind = \"ec\"\ncomplexity = \"Medium\"\n"
        )
        .ends_with("did you mean `medium`?"));
        assert!(
            first("name = \"x\"\n[traffic]\ndaily_visits = 1\npeak_per_minut = 3\n")
                .ends_with("did you mean `peak_per_minute`?")
        );
    }

    #[test]
    fn maintenance_end_not_before_start() {
        let e = err(
            "name = \"x\"\n[maintenance]\nplan = \"standard\"\nstart = 2024-02-01\nend = 2024-01-31\n",
        );
        assert_eq!(
            e,
            "`maintenance.end` is 2024-01-31, before the start 2024-02-01; the end must be on or after the start\n  --> s.toml:5:1\n  |\n5 | end = 2024-01-31\n  | ^"
        );
    }

    #[test]
    fn warranty_months_within_range() {
        let e = err("name = \"x\"\n[delivery]\ndate = 2024-01-10\nwarranty_months = 121\n");
        assert_eq!(places(&e), ["s.toml:4:19"]);
        assert!(
            e.contains(
                "invalid value: integer `121`, expected a whole number of months from 1 to 120, or \"statutory\""
            ),
            "{e}"
        );
        let s = System::from_toml(
            "name = \"x\"\n[delivery]\ndate = 2024-01-10\nwarranty_months = \"statutory\"\n",
            "s.toml",
        )
        .unwrap();
        assert_eq!(s.delivery.unwrap().warranty_months, Some(Term::Statutory));
        let e = err("name = \"x\"\n[delivery]\ndate = 2024-01-10\nwarranty_months = \"none\"\n");
        assert!(e.contains("invalid value: string \"none\""), "{e}");
    }

    #[test]
    fn unknown_plan_names_the_allowed_ones() {
        let text = "name = \"x\"\n[maintenance]\nplan = \"gold\"\n";
        let s = System::from_toml(text, "s.toml").unwrap();
        let e = s
            .check_against(&RateCard::default_card(), text, "s.toml")
            .unwrap_err()
            .to_string();
        assert_eq!(
            e,
            "`maintenance.plan` names the plan `gold`, which the rate card does not have; allowed: operation, standard, full\n  --> s.toml:3:1\n  |\n3 | plan = \"gold\"\n  | ^"
        );
    }

    #[test]
    fn every_problem_is_reported_at_once_in_file_order() {
        let e = err("name = \"\"\n[[servers]]\nrole = \"web\"\ncount = 1\nlinked = true\n");
        assert_eq!(places(&e), ["s.toml:1:1", "s.toml:5:1"], "{e}");
        // Parser problems and checks together, in file order.
        let e = err(
            "name = \"\"\ncolour = 1\n[[servers]]\nrole = \"web\"\ncount = 0\n[[apps]]\nname = \"a\"\nplatform = \"iOS\"\n[delivery]\ndate = 2024-02-30\n",
        );
        assert_eq!(
            places(&e),
            [
                "s.toml:1:1",
                "s.toml:2:1",
                "s.toml:5:9",
                "s.toml:8:12",
                "s.toml:10:8"
            ],
            "{e}"
        );
        assert_eq!(e.matches("\nerror: ").count(), 4);
    }

    #[test]
    fn at_most_twenty_problems() {
        let mut text = String::from("name = \"x\"\n");
        for i in 0..30 {
            text.push_str(&format!("[[sites]]\nname = \"s{i}\"\npages = 0\n"));
        }
        assert_eq!(places(&err(&text)).len(), 20);
    }
}
