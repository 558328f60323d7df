//! The quote engine: a system, a rate card, a plan and the quote date in; a
//! priced list of lines and three totals out.
//!
//! Each line carries a structured [`Why`]: the seed rule that put it there
//! and the numbers it used. A line's text, in any language, is made by the
//! render layer's catalogue from that, never here.

use chrono::NaiveDate;
use serde::Serialize;

use crate::money::{Overflow, Rounding, TaxRate, Totals, Yen};
use crate::period;
use crate::rates::{AccessTier, Plan, Price, RateCard};
use crate::system::System;
pub use crate::vocab::Recurrence;
use crate::vocab::Work;
use crate::vocab::{Complexity, DiscountOn, GapFrom, Per, Platform, ServiceKind, WebSystemKind};

/// The cost factors of the policy page, in its order, plus the plan's fee and
/// one-time work.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Factor {
    Access,
    Servers,
    Sites,
    WebSystems,
    Payments,
    Apps,
    /// STEP03: services run for the customer, passed on at cost.
    Services,
    Plan,
    OneTime,
}

impl Factor {
    /// The page's code, `#01` to `#06`, for the six cost factors.
    pub fn code(self) -> Option<&'static str> {
        match self {
            Factor::Access => Some("#01"),
            Factor::Servers => Some("#02"),
            Factor::Sites => Some("#03"),
            Factor::WebSystems => Some("#04"),
            Factor::Payments => Some("#05"),
            Factor::Apps => Some("#06"),
            Factor::Services | Factor::Plan | Factor::OneTime => None,
        }
    }
}

/// A name as the customer reads it, in each language the card gives; the
/// id stands in where it gives none. Never in JSON, which keeps ids.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Titles {
    pub ja: Option<String>,
    pub en: Option<String>,
}

/// Why a line is on the quote: the rule and the facts it used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum Why {
    /// #01: the traffic tier the system falls in.
    AccessTier {
        tier: String,
        #[serde(skip)]
        #[schemars(skip)]
        title: Titles,
        /// `None` when the system gives no `[traffic]`: the first tier.
        daily_visits: Option<u64>,
        peak_per_minute: Option<u64>,
        max_daily_visits: Option<u64>,
        max_peak_per_minute: Option<u64>,
    },
    /// #01: a business-critical system keeps a standby system.
    Standby,
    /// #01: and keeps the standby's data identical to the live system's.
    DataSync,
    /// #02: n identical servers cost n times one.
    Servers {
        role: String,
        count: u32,
        linked: bool,
    },
    /// #02: linked servers cost the upkeep of the link.
    ServerLinkage { role: String, count: u32 },
    /// #03: every site costs, by its size.
    Site {
        name: String,
        pages: u32,
        max_pages: Option<u32>,
    },
    /// #04: every web system, by kind and complexity.
    WebSystem {
        name: String,
        kind: WebSystemKind,
        complexity: Complexity,
    },
    /// #05: following each provider's spec.
    CreditCardIntegration { providers: u32 },
    /// #05: refunds, partial discounts, suspensions.
    CreditCardIrregularOperations,
    /// #05: convenience-store payment, each provider.
    ConvenienceStoreIntegration { providers: u32 },
    /// #05: store payment reconciliation.
    ConvenienceStoreOperations,
    /// #06: an app on one platform.
    App { name: String, platform: Platform },
    /// #06: each supported OS version beyond the newest.
    AppOsVersions {
        name: String,
        platform: Platform,
        supported: u32,
    },
    /// STEP03: a service run for the customer, at cost plus handling.
    Service {
        kind: ServiceKind,
        name: String,
        cost: Yen,
        handling: Yen,
        per: Per,
    },
    /// The plan's own fee and the work it covers.
    PlanFee {
        plan: String,
        #[serde(skip)]
        #[schemars(skip)]
        title: Titles,
        covers: Vec<Work>,
        response_hours: Option<u32>,
    },
    /// A system unmaintained for long needs investigation first.
    Takeover {
        last_maintained: NaiveDate,
        /// Which date it counted from.
        counted_from: GapFrom,
        months_unmaintained: u32,
    },
}

/// Declares [`WhyRule`] and its list from one list of names, so that a
/// count or a walk over the rules cannot miss one.
macro_rules! why_rules {
    ($($rule:ident),* $(,)?) => {
        /// Which rule put a line on the quote: a [`Why`] without its facts.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum WhyRule {
            $($rule,)*
        }

        impl WhyRule {
            /// Every rule, in declaration order.
            pub const ALL: &[WhyRule] = &[$(WhyRule::$rule),*];
        }
    };
}

why_rules!(
    AccessTier,
    Standby,
    DataSync,
    Servers,
    ServerLinkage,
    Site,
    WebSystem,
    CreditCardIntegration,
    CreditCardIrregularOperations,
    ConvenienceStoreIntegration,
    ConvenienceStoreOperations,
    App,
    AppOsVersions,
    Service,
    PlanFee,
    Takeover,
);

impl WhyRule {
    pub fn factor(self) -> Factor {
        match self {
            WhyRule::AccessTier | WhyRule::Standby | WhyRule::DataSync => Factor::Access,
            WhyRule::Servers | WhyRule::ServerLinkage => Factor::Servers,
            WhyRule::Site => Factor::Sites,
            WhyRule::WebSystem => Factor::WebSystems,
            WhyRule::CreditCardIntegration
            | WhyRule::CreditCardIrregularOperations
            | WhyRule::ConvenienceStoreIntegration
            | WhyRule::ConvenienceStoreOperations => Factor::Payments,
            WhyRule::App | WhyRule::AppOsVersions => Factor::Apps,
            WhyRule::Service => Factor::Services,
            WhyRule::PlanFee => Factor::Plan,
            WhyRule::Takeover => Factor::OneTime,
        }
    }

    /// The kind of work the rule's lines pay for; `None` for the plan's
    /// own fee (the work no line prices: backups, own-defect fixes, minor
    /// improvements, as the plan covers them) and one-time work.
    ///
    /// A plan charges a line only when it covers the line's work, so it
    /// charges only for work it covers and covers all it charges for.
    pub fn work(self) -> Option<Work> {
        match self {
            // 運用: the traffic, each server and site watched and kept
            // running, and the day-to-day payment operations.
            WhyRule::AccessTier
            | WhyRule::Servers
            | WhyRule::ServerLinkage
            | WhyRule::Site
            | WhyRule::CreditCardIrregularOperations
            | WhyRule::ConvenienceStoreOperations => Some(Work::Monitoring),
            // Redundancy exists to restore at once after a failure.
            WhyRule::Standby | WhyRule::DataSync => Some(Work::Restore),
            // 保守: keeping up with framework, provider, law and OS changes.
            WhyRule::WebSystem
            | WhyRule::CreditCardIntegration
            | WhyRule::ConvenienceStoreIntegration
            | WhyRule::App
            | WhyRule::AppOsVersions => Some(Work::ExternalCauses),
            // Passed on at cost whatever the plan, like the plan's own fee.
            WhyRule::Service | WhyRule::PlanFee | WhyRule::Takeover => None,
        }
    }
}

impl Why {
    /// The rule, without its facts.
    pub fn rule(&self) -> WhyRule {
        match self {
            Why::AccessTier { .. } => WhyRule::AccessTier,
            Why::Standby => WhyRule::Standby,
            Why::DataSync => WhyRule::DataSync,
            Why::Servers { .. } => WhyRule::Servers,
            Why::ServerLinkage { .. } => WhyRule::ServerLinkage,
            Why::Site { .. } => WhyRule::Site,
            Why::WebSystem { .. } => WhyRule::WebSystem,
            Why::CreditCardIntegration { .. } => WhyRule::CreditCardIntegration,
            Why::CreditCardIrregularOperations => WhyRule::CreditCardIrregularOperations,
            Why::ConvenienceStoreIntegration { .. } => WhyRule::ConvenienceStoreIntegration,
            Why::ConvenienceStoreOperations => WhyRule::ConvenienceStoreOperations,
            Why::App { .. } => WhyRule::App,
            Why::AppOsVersions { .. } => WhyRule::AppOsVersions,
            Why::Service { .. } => WhyRule::Service,
            Why::PlanFee { .. } => WhyRule::PlanFee,
            Why::Takeover { .. } => WhyRule::Takeover,
        }
    }

    pub fn factor(&self) -> Factor {
        self.rule().factor()
    }

    /// The kind of work the line pays for (see [`WhyRule::work`]).
    pub fn work(&self) -> Option<Work> {
        self.rule().work()
    }

    /// The line's identity: its factor and its item (see [`Line::key`]).
    pub fn key(&self) -> String {
        let platform = |p: &Platform| match p {
            Platform::Ios => "ios",
            Platform::Android => "android",
        };
        match self {
            Why::AccessTier { .. } => "access/tier".into(),
            Why::Standby => "access/standby".into(),
            Why::DataSync => "access/data_sync".into(),
            Why::Servers { role, .. } => format!("servers/{role}"),
            Why::ServerLinkage { role, .. } => format!("servers/{role}/linkage"),
            Why::Site { name, .. } => format!("sites/{name}"),
            Why::WebSystem { name, .. } => format!("web_systems/{name}"),
            Why::CreditCardIntegration { .. } => "payments/credit_card/integration".into(),
            Why::CreditCardIrregularOperations => "payments/credit_card/operations".into(),
            Why::ConvenienceStoreIntegration { .. } => {
                "payments/convenience_store/integration".into()
            }
            Why::ConvenienceStoreOperations => "payments/convenience_store/operations".into(),
            Why::App { name, platform: p } => format!("apps/{name}/{}", platform(p)),
            Why::AppOsVersions {
                name, platform: p, ..
            } => {
                format!("apps/{name}/{}/os_versions", platform(p))
            }
            Why::Service { kind, name, .. } => service_key(*kind, name),
            Why::PlanFee { plan, .. } => format!("plan/{plan}"),
            Why::Takeover { .. } => "one_time/takeover".into(),
        }
    }

    pub fn recurrence(&self) -> Recurrence {
        match self {
            Why::Takeover { .. } => Recurrence::OneTime,
            Why::Service { per: Per::Year, .. } => Recurrence::Yearly,
            _ => Recurrence::Monthly,
        }
    }
}

/// The key of a service's line: `services/domain/sakura-shop.jp`.
pub fn service_key(kind: crate::vocab::ServiceKind, name: &str) -> String {
    format!("services/{}/{name}", kind.as_str())
}

/// For each of the six cost factors, the kinds of work its lines pay for,
/// in the order they first appear: what [`WhyRule::work`] says, listed.
pub fn work_by_factor() -> Vec<(Factor, Vec<Work>)> {
    let mut out: Vec<(Factor, Vec<Work>)> = Vec::new();
    for rule in WhyRule::ALL {
        let Some(work) = rule.work() else { continue };
        match out.iter_mut().find(|(f, _)| *f == rule.factor()) {
            Some((_, works)) if works.contains(&work) => {}
            Some((_, works)) => works.push(work),
            None => out.push((rule.factor(), vec![work])),
        }
    }
    out
}

/// One priced line: amount = quantity × unit price.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Line {
    /// The line's identity, stable across versions of a system and quotes:
    /// the cost factor and the item (`servers/web`, `apps/Shop/ios`,
    /// `plan/standard`). `hoshu diff` matches lines by it.
    pub key: String,
    pub factor: Factor,
    /// The kind of work the line pays for (see [`Why::work`]).
    pub work: Option<Work>,
    pub quantity: u64,
    pub unit_price: Yen,
    pub amount: Yen,
    pub recurrence: Recurrence,
    pub why: Why,
}

impl Line {
    fn new(why: Why, quantity: u64, unit_price: Price) -> Result<Line, Overflow> {
        Ok(Line {
            key: why.key(),
            factor: why.factor(),
            work: why.work(),
            quantity,
            unit_price: unit_price.0,
            amount: unit_price.0.checked_mul(quantity)?,
            recurrence: why.recurrence(),
            why,
        })
    }
}

/// A discount (値引き) as taken: a negative amount before tax.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Discount {
    /// `discount/` and the label (`#2` after a label that repeats): what
    /// `hoshu diff` matches it by.
    pub key: String,
    /// The user's own label (出精値引き).
    pub label: String,
    pub applies_to: DiscountOn,
    /// The whole percent taken, when the discount is one.
    pub percent: Option<u32>,
    /// The subtotal the discount is taken from, before any discount: the
    /// lines it applies to (for `annual`, 12 months and the yearly lines).
    pub base: Yen,
    /// Zero or less: the fixed amount, or `percent`% of `base` rounded down
    /// to the yen, as a negative amount.
    pub amount: Yen,
    /// How often it is taken (an annual discount is a yearly line).
    pub recurrence: Recurrence,
}

/// The bases a discount can be taken from, given the lines' sums:
/// monthly, annual (12 × monthly + yearly) and one-time.
pub fn discount_base(on: DiscountOn, lines: [Yen; 3]) -> Result<Yen, Overflow> {
    let [monthly, yearly, one_time] = lines;
    match on {
        DiscountOn::Monthly => Ok(monthly),
        DiscountOn::Annual => monthly.checked_mul(12)?.checked_add(yearly),
        DiscountOn::OneTime => Ok(one_time),
    }
}

/// A discount's amount: the fixed yen, or `percent`% of `base` rounded
/// down (the customer never gets more off than the percent says), as a
/// negative amount.
pub fn discount_amount(
    fixed: Option<Yen>,
    percent: Option<u32>,
    base: Yen,
) -> Result<Yen, Overflow> {
    let off = match (fixed, percent) {
        (Some(yen), _) => yen,
        (None, Some(p)) => base.percent_floor(p)?,
        (None, None) => Yen::ZERO,
    };
    Ok(Yen(-off.0))
}

/// The sums of lines by recurrence: monthly, yearly, one-time.
pub fn sums(lines: impl IntoIterator<Item = (Recurrence, Yen)>) -> Result<[Yen; 3], Overflow> {
    let mut out = [Yen::ZERO; 3];
    for (recurrence, amount) in lines {
        let sum = &mut out[match recurrence {
            Recurrence::Monthly => 0,
            Recurrence::Yearly => 1,
            Recurrence::OneTime => 2,
        }];
        *sum = sum.checked_add(amount)?;
    }
    Ok(out)
}

/// The monthly, annual and one-time totals of priced lines, each taxed
/// once: the annual subtotal is 12 × the monthly one plus the yearly
/// lines. `hoshu diff` checks a saved quote by this same rule.
pub fn totals(
    lines: impl IntoIterator<Item = (Recurrence, Yen)>,
    rate: TaxRate,
    rounding: Rounding,
) -> Result<[Totals; 3], Overflow> {
    let [monthly, yearly, one_time] = sums(lines)?;
    let monthly = Totals::from_subtotal(monthly, rate, rounding)?;
    let annual = Totals::from_subtotal(
        monthly.subtotal.checked_mul(12)?.checked_add(yearly)?,
        rate,
        rounding,
    )?;
    Ok([
        monthly,
        annual,
        Totals::from_subtotal(one_time, rate, rounding)?,
    ])
}

/// Where a year of maintenance falls against the public 5–20% rule of thumb.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Band {
    Below,
    Within,
    Above,
}

/// Annual maintenance as a share of what the system cost to build.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct DevelopmentRatio {
    pub development_cost: Yen,
    /// The annual subtotal before tax.
    pub annual: Yen,
    /// annual / development cost, in hundredths of a percent, rounded down.
    pub basis_points: i64,
    pub low_percent: u32,
    pub high_percent: u32,
    pub band: Band,
}

/// The rate card that priced a quote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct CardId {
    pub name: String,
    pub version: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Quote {
    /// `Q-` and 10 hex digits of a SHA-256 over the system, the card's name
    /// and version, the plan and the date: the same inputs, the same number.
    pub quote_id: String,
    pub system: String,
    pub customer: Option<String>,
    pub plan: String,
    pub plan_title: Option<String>,
    pub rate_card: CardId,
    pub date: NaiveDate,
    pub tax_rate: TaxRate,
    pub rounding: Rounding,
    pub lines: Vec<Line>,
    /// `[[quote.discounts]]` as taken, in the file's order; the totals are
    /// the lines and these.
    pub discounts: Vec<Discount>,
    /// Work the system needs that the plan does not cover, so it is not
    /// priced: it is billed by the hour when it is needed.
    pub uncovered: Vec<Work>,
    pub monthly: Totals,
    /// 12 × the monthly subtotal plus the yearly lines, its tax rounded once
    /// on that.
    pub annual: Totals,
    pub one_time: Totals,
    /// The first year: the annual and the one-time totals added, before
    /// tax, tax and with tax (each taxed once, as it is invoiced).
    pub first_year: Totals,
    pub development: Option<DevelopmentRatio>,
}

/// The reproducible number of a quote (see [`Quote::quote_id`]).
pub fn quote_id(system: &System, card: &RateCard, plan: &str, date: NaiveDate) -> String {
    use sha2::{Digest, Sha256};
    // serde_json writes fields in declaration order: a canonical form.
    let canonical =
        serde_json::to_string(&(system, &card.name, &card.version, plan, date)).unwrap_or_default();
    let digest = Sha256::digest(canonical.as_bytes());
    let hex: String = digest.iter().take(5).map(|b| format!("{b:02x}")).collect();
    format!("Q-{hex}")
}

/// A quote that cannot be made: data, said by the catalogue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QuoteError {
    UnknownPlan {
        plan: String,
        known: Vec<String>,
    },
    /// Discounts that take more than the lines they apply to: `label` is
    /// the one that goes past, the `index`th of `[[quote.discounts]]`.
    DiscountExceeds {
        index: usize,
        label: String,
        /// The period that would fall below zero.
        applies_to: DiscountOn,
        /// That period's discounts up to and with this one, as yen off
        /// (for the year, the monthly ones 12 times).
        discounts: Yen,
        /// What there is to take from.
        lines: Yen,
    },
    Overflow(Overflow),
}

impl std::error::Error for QuoteError {}

impl From<Overflow> for QuoteError {
    fn from(e: Overflow) -> QuoteError {
        QuoteError::Overflow(e)
    }
}

/// Price `system` on `card` under `plan`, as of `date` (the quote date).
pub fn quote(
    system: &System,
    card: &RateCard,
    plan: &str,
    date: NaiveDate,
) -> Result<Quote, QuoteError> {
    let plan = card.plan(plan).ok_or_else(|| QuoteError::UnknownPlan {
        plan: plan.to_owned(),
        known: card.plan_names(),
    })?;
    let mut lines = lines(system, card, plan, date)?;
    // Two groups with one role (or two apps of one name on one platform)
    // keep apart: `servers/web`, `servers/web#2`.
    let mut seen: std::collections::HashMap<String, usize> =
        std::collections::HashMap::with_capacity(lines.len());
    for line in &mut lines {
        let repeats = seen.entry(line.key.clone()).or_default();
        *repeats += 1;
        if *repeats > 1 {
            line.key = format!("{}#{}", line.key, repeats);
        }
    }
    let mut uncovered = Vec::new();
    lines.retain(|line| match line.work {
        Some(work) if !plan.covers(work) => {
            if !uncovered.contains(&work) {
                uncovered.push(work);
            }
            false
        }
        _ => true,
    });
    let discounts = discounts(system, &lines)?;
    let [monthly, annual, one_time] = totals(
        lines
            .iter()
            .map(|l| (l.recurrence, l.amount))
            .chain(discounts.iter().map(|d| (d.recurrence, d.amount))),
        card.tax.rate_percent,
        card.tax.rounding,
    )?;
    // The first year is the annual and the one-time totals added, each
    // taxed as it is invoiced: every figure of it is the sum of the two
    // shown beside it, before and with tax, whatever the rounding.
    let first_year = annual.checked_add(one_time)?;
    let development = system
        .development_cost
        .map(|cost| development_ratio(cost, annual.subtotal, card))
        .transpose()?;
    Ok(Quote {
        quote_id: quote_id(system, card, &plan.name, date),
        system: system.name.clone(),
        customer: system.customer.clone(),
        plan: plan.name.clone(),
        plan_title: plan.title.clone(),
        rate_card: CardId {
            name: card.name.clone(),
            version: card.version.clone(),
        },
        date,
        tax_rate: card.tax.rate_percent,
        rounding: card.tax.rounding,
        lines,
        discounts,
        uncovered,
        monthly,
        annual,
        one_time,
        first_year,
        development,
    })
}

/// The system's discounts taken from `lines`, refused when they take more
/// than a period has: a monthly or one-time subtotal, or a year, below zero.
fn discounts(system: &System, lines: &[Line]) -> Result<Vec<Discount>, QuoteError> {
    let terms = system.quote.as_ref().map_or(&[][..], |q| &q.discounts[..]);
    let sums = sums(lines.iter().map(|l| (l.recurrence, l.amount)))?;
    let mut out: Vec<Discount> = Vec::with_capacity(terms.len());
    // Yen off so far: monthly, annual (the monthly ones count 12 times),
    // one-time.
    let mut off = [Yen::ZERO; 3];
    let mut seen = std::collections::HashMap::<&str, usize>::new();
    let year = discount_base(DiscountOn::Annual, sums)?;
    for (index, term) in terms.iter().enumerate() {
        let base = discount_base(term.applies_to, sums)?;
        let amount = discount_amount(term.amount, term.percent, base)?;
        let taken = Yen(-amount.0);
        let period = match term.applies_to {
            DiscountOn::Monthly => 0,
            DiscountOn::Annual => 1,
            DiscountOn::OneTime => 2,
        };
        off[period] = off[period].checked_add(taken)?;
        if term.applies_to == DiscountOn::Monthly {
            off[1] = off[1].checked_add(taken.checked_mul(12)?)?;
        }
        // A monthly discount takes from the year too, and an annual one
        // can leave the year below zero after monthly ones: every period
        // is checked after every discount.
        let periods = [
            (DiscountOn::Monthly, sums[0], off[0]),
            (DiscountOn::Annual, year, off[1]),
            (DiscountOn::OneTime, sums[2], off[2]),
        ];
        if let Some(&(applies_to, lines, discounts)) =
            periods.iter().find(|(_, lines, off)| off > lines)
        {
            return Err(QuoteError::DiscountExceeds {
                index,
                label: term.label.clone(),
                applies_to,
                discounts,
                lines,
            });
        }
        let repeats = seen.entry(term.label.as_str()).or_default();
        *repeats += 1;
        let key = match *repeats {
            1 => format!("discount/{}", term.label),
            n => format!("discount/{}#{n}", term.label),
        };
        out.push(Discount {
            key,
            label: term.label.clone(),
            applies_to: term.applies_to,
            percent: term.amount.is_none().then_some(term.percent).flatten(),
            base,
            amount,
            recurrence: term.applies_to.recurrence(),
        });
    }
    Ok(out)
}

/// Every line, in the page's factor order.
fn lines(
    system: &System,
    card: &RateCard,
    plan: &Plan,
    date: NaiveDate,
) -> Result<Vec<Line>, Overflow> {
    let mut out = Vec::new();

    // #01 access volume.
    let traffic = system.traffic.as_ref();
    let daily = traffic.map(|t| t.daily_visits);
    let peak = traffic.and_then(|t| t.peak_per_minute);
    let tier = access_tier(&card.access.tiers, daily.unwrap_or(0), peak.unwrap_or(0));
    out.push(Line::new(
        Why::AccessTier {
            tier: tier.name.clone(),
            title: Titles {
                ja: tier.title.clone(),
                en: tier.title_en.clone(),
            },
            daily_visits: daily,
            peak_per_minute: peak,
            max_daily_visits: tier.max_daily_visits,
            max_peak_per_minute: tier.max_peak_per_minute,
        },
        1,
        tier.monthly,
    )?);
    if traffic.is_some_and(|t| t.business_critical) {
        out.push(Line::new(Why::Standby, 1, card.access.standby_monthly)?);
        out.push(Line::new(Why::DataSync, 1, card.access.data_sync_monthly)?);
    }

    // #02 managed servers.
    for group in &system.servers {
        let count = u64::from(group.count);
        let why = Why::Servers {
            role: group.role.clone(),
            count: group.count,
            linked: group.linked,
        };
        out.push(Line::new(why, count, card.servers.per_server_monthly)?);
        if group.linked {
            let why = Why::ServerLinkage {
                role: group.role.clone(),
                count: group.count,
            };
            out.push(Line::new(
                why,
                count,
                card.servers.linkage_per_server_monthly,
            )?);
        }
    }

    // #03 sites: each one, by size, shared server or not.
    for site in &system.sites {
        let tier = card
            .sites
            .tiers
            .iter()
            .find(|t| t.max_pages.is_none_or(|max| site.pages <= max))
            .unwrap_or_else(|| {
                card.sites
                    .tiers
                    .last()
                    .expect("a checked card has site tiers")
            });
        let why = Why::Site {
            name: site.name.clone(),
            pages: site.pages,
            max_pages: tier.max_pages,
        };
        out.push(Line::new(why, 1, tier.monthly)?);
    }

    // #04 web systems.
    for ws in &system.web_systems {
        let why = Why::WebSystem {
            name: ws.name.clone(),
            kind: ws.kind,
            complexity: ws.complexity,
        };
        out.push(Line::new(
            why,
            1,
            card.web_systems.price(ws.kind, ws.complexity),
        )?);
    }

    // #05 payment functions: each method's providers on their own.
    if let Some(p) = &system.payments {
        let rates = &card.payments;
        if p.credit_card {
            let providers = p.credit_card_providers();
            let why = Why::CreditCardIntegration { providers };
            out.push(Line::new(
                why,
                providers.into(),
                rates.credit_card_integration_per_provider_monthly,
            )?);
            out.push(Line::new(
                Why::CreditCardIrregularOperations,
                1,
                rates.credit_card_irregular_operations_monthly,
            )?);
        }
        if p.convenience_store {
            let providers = p.convenience_store_providers();
            let why = Why::ConvenienceStoreIntegration { providers };
            out.push(Line::new(
                why,
                providers.into(),
                rates.convenience_store_integration_per_provider_monthly,
            )?);
            out.push(Line::new(
                Why::ConvenienceStoreOperations,
                1,
                rates.convenience_store_operations_monthly,
            )?);
        }
    }

    // #06 smartphone apps.
    for app in &system.apps {
        let rates = card.apps.platform(app.platform);
        out.push(Line::new(
            Why::App {
                name: app.name.clone(),
                platform: app.platform,
            },
            1,
            rates.monthly,
        )?);
        let extra = app.supported_os_versions.saturating_sub(1);
        if extra > 0 {
            let why = Why::AppOsVersions {
                name: app.name.clone(),
                platform: app.platform,
                supported: app.supported_os_versions,
            };
            out.push(Line::new(
                why,
                extra.into(),
                rates.per_extra_os_version_monthly,
            )?);
        }
    }

    // STEP03: services run for the customer, at cost plus handling.
    for service in &system.services {
        let handling = card.services.handling(service.cost)?;
        let why = Why::Service {
            kind: service.kind,
            name: service.name.clone(),
            cost: service.cost,
            handling,
            per: service.per,
        };
        out.push(Line::new(
            why,
            1,
            Price(service.cost.checked_add(handling)?),
        )?);
    }

    // The plan's own fee.
    let why = Why::PlanFee {
        plan: plan.name.clone(),
        title: Titles {
            ja: plan.title.clone(),
            en: plan.title_en.clone(),
        },
        covers: plan.covers.clone(),
        response_hours: plan.response_hours,
    };
    out.push(Line::new(why, 1, plan.monthly)?);

    // One-time take-over of a system left unmaintained.
    if let Some((last, counted_from)) = system.unmaintained_since(date)
        && let Some(months) = months_unmaintained(last, date, card.takeover.after_months)
    {
        let years = u64::from(months / 12).max(1);
        let why = Why::Takeover {
            last_maintained: last,
            counted_from,
            months_unmaintained: months,
        };
        out.push(Line::new(why, years, card.takeover.per_year)?);
    }
    Ok(out)
}

/// The first tier whose limits both hold. Tiers rise and the last has no
/// limits (the card is checked for it), so more traffic never fits an
/// earlier tier.
fn access_tier(tiers: &[AccessTier], daily: u64, peak: u64) -> &AccessTier {
    tiers
        .iter()
        .find(|t| {
            t.max_daily_visits.is_none_or(|m| daily <= m)
                && t.max_peak_per_minute.is_none_or(|m| peak <= m)
        })
        .unwrap_or_else(|| tiers.last().expect("a checked card has access tiers"))
}

/// Whole months from `last` to `date` when more than `threshold` months have
/// passed, counted as the Civil Code counts periods; else `None`.
fn months_unmaintained(last: NaiveDate, date: NaiveDate, threshold: u32) -> Option<u32> {
    let ended = |months| period::months_after(last, months).is_some_and(|p| p.end < date);
    if !ended(threshold) {
        return None;
    }
    // The largest whole number of months that have fully passed.
    let (mut low, mut high) = (threshold, threshold.saturating_mul(2).max(threshold + 1));
    while ended(high) {
        low = high;
        high = high.saturating_mul(2);
        if high == low {
            break;
        }
    }
    while high - low > 1 {
        let mid = low + (high - low) / 2;
        if ended(mid) { low = mid } else { high = mid }
    }
    Some(low)
}

fn development_ratio(
    cost: Yen,
    annual: Yen,
    card: &RateCard,
) -> Result<DevelopmentRatio, Overflow> {
    let bp = i128::from(annual.0) * 10_000 / i128::from(cost.0.max(1));
    let basis_points = i64::try_from(bp).map_err(|_| Overflow)?;
    let (low, high) = (
        card.development_ratio.low_percent,
        card.development_ratio.high_percent,
    );
    let band = if basis_points < i64::from(low) * 100 {
        Band::Below
    } else if basis_points > i64::from(high) * 100 {
        Band::Above
    } else {
        Band::Within
    };
    Ok(DevelopmentRatio {
        development_cost: cost,
        annual,
        basis_points,
        low_percent: low,
        high_percent: high,
        band,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::parse_date;

    #[test]
    fn months_unmaintained_counts_whole_months_past_the_threshold() {
        let d = |s| parse_date(s).unwrap();
        // 12 months from 2023-04-01 end on 2024-04-01.
        assert_eq!(
            months_unmaintained(d("2023-04-01"), d("2024-04-01"), 12),
            None
        );
        assert_eq!(
            months_unmaintained(d("2023-04-01"), d("2024-04-02"), 12),
            Some(12)
        );
        assert_eq!(
            months_unmaintained(d("2023-04-01"), d("2026-11-28"), 12),
            Some(43)
        );
        assert_eq!(
            months_unmaintained(d("0001-01-01"), d("9999-12-31"), 12),
            Some(119_987)
        );
    }
}
