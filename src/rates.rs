//! The rate card: what every cost factor costs, the tax rule, and the
//! maintenance plans with the work each covers.
//!
//! A default card is compiled in (`rates/default.toml`) and printed by
//! `hoshu rates`; a user's card passed with `--rates` replaces it whole and is
//! checked as strictly. Every quote names the card that priced it.

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serialize};
use std::path::Path;

use crate::file_error::{Checked, FileError, KeyProblem};
use crate::key_path;
use crate::key_path::KeyPath;
use crate::money::{Rounding, TaxRate, Yen};
use crate::toml_read::{dates, numbers};
pub use crate::vocab::Work;
use crate::vocab::{Complexity, Platform, TierLimit, WebSystemKind};

/// The text of the default card, exactly as `hoshu rates` prints it.
pub const DEFAULT_CARD: &str = include_str!("../rates/default.toml");

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RateCard {
    pub name: String,
    pub version: String,
    /// The day the prices took effect.
    #[serde(deserialize_with = "dates::de")]
    pub effective: NaiveDate,
    pub tax: TaxRule,
    pub development_ratio: DevelopmentBand,
    pub access: AccessRates,
    pub servers: ServerRates,
    pub sites: SiteRates,
    pub web_systems: WebSystemRates,
    pub payments: PaymentRates,
    pub apps: AppRates,
    pub takeover: TakeoverRates,
    /// Work outside every plan, billed by the hour.
    pub extra_work: ExtraWorkRates,
    /// Managed services passed on at cost, plus handling.
    pub services: ServiceRates,
    pub plans: Vec<Plan>,
}

/// What N hours of work outside the plan cost: an estimate for a billable
/// or negotiable case, tax rounded once on its total.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Estimate {
    pub hours: crate::money::Hours,
    pub hourly: Yen,
    #[serde(flatten)]
    pub totals: crate::money::Totals,
}

impl RateCard {
    /// `hours` of work at the card's hourly rate, the amount rounded once
    /// by the card's rounding, with tax.
    pub fn estimate(&self, hours: crate::money::Hours) -> Result<Estimate, crate::money::Overflow> {
        let hourly = self.extra_work.hourly.0;
        let subtotal =
            crate::money::hundredths_of(hourly, hours.hundredths().into(), self.tax.rounding)?;
        Ok(Estimate {
            hours,
            hourly,
            totals: crate::money::Totals::from_subtotal(
                subtotal,
                self.tax.rate_percent,
                self.tax.rounding,
            )?,
        })
    }
}

/// The handling fee on a managed service: a percent of its cost, at least
/// the minimum, for each time it is paid (a month or a year).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceRates {
    #[serde(deserialize_with = "numbers::percent")]
    pub handling_percent: u32,
    pub handling_minimum: Price,
}

impl ServiceRates {
    /// The fee on `cost`: the percent, rounded down to the yen, at least the
    /// minimum.
    pub fn handling(&self, cost: Yen) -> Result<Yen, crate::money::Overflow> {
        let percent = cost.percent_floor(self.handling_percent)?;
        Ok(percent.max(self.handling_minimum.0))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ExtraWorkRates {
    /// One hour of work no plan in force covers (spec changes included).
    pub hourly: Price,
}

/// A price in a rate card: whole yen, never negative.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, schemars::JsonSchema)]
#[serde(transparent)]
pub struct Price(#[schemars(range(min = 0))] pub Yen);

impl<'de> Deserialize<'de> for Price {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Price, D::Error> {
        crate::toml_read::numbers::price(deserializer).map(Price)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TaxRule {
    #[serde(deserialize_with = "numbers::tax_rate")]
    pub rate_percent: TaxRate,
    #[serde(default)]
    pub rounding: Rounding,
}

/// The public rule of thumb for a year of maintenance against the build cost.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DevelopmentBand {
    #[serde(deserialize_with = "numbers::percent")]
    pub low_percent: u32,
    #[serde(deserialize_with = "numbers::percent")]
    pub high_percent: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AccessRates {
    pub standby_monthly: Price,
    pub data_sync_monthly: Price,
    pub tiers: Vec<AccessTier>,
}

/// A traffic tier: it fits a system whose traffic is within both limits (an
/// absent limit has no bound).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AccessTier {
    pub name: String,
    /// Its name on a Japanese quote, and on an English one.
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub title_en: Option<String>,
    #[serde(default, deserialize_with = "numbers::opt_limit")]
    pub max_daily_visits: Option<u64>,
    #[serde(default, deserialize_with = "numbers::opt_limit")]
    pub max_peak_per_minute: Option<u64>,
    pub monthly: Price,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServerRates {
    pub per_server_monthly: Price,
    pub linkage_per_server_monthly: Price,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteRates {
    pub tiers: Vec<SiteTier>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteTier {
    #[serde(default, deserialize_with = "numbers::opt_count")]
    pub max_pages: Option<u32>,
    pub monthly: Price,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WebSystemRates {
    pub ec: ByComplexity,
    pub reservation: ByComplexity,
    pub crm: ByComplexity,
    pub cms: ByComplexity,
    pub other: ByComplexity,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ByComplexity {
    pub low: Price,
    pub medium: Price,
    pub high: Price,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PaymentRates {
    pub credit_card_integration_per_provider_monthly: Price,
    pub credit_card_irregular_operations_monthly: Price,
    pub convenience_store_integration_per_provider_monthly: Price,
    pub convenience_store_operations_monthly: Price,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AppRates {
    pub ios: PlatformRates,
    pub android: PlatformRates,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlatformRates {
    pub monthly: Price,
    pub per_extra_os_version_monthly: Price,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TakeoverRates {
    /// Months without maintenance after which the take-over line applies.
    #[serde(deserialize_with = "numbers::count")]
    pub after_months: u32,
    /// One-time, per full year unmaintained (at least one).
    pub per_year: Price,
}

/// A maintenance plan (保守・運用契約).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    pub name: String,
    /// Its name on a Japanese quote, and on an English one.
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub title_en: Option<String>,
    pub monthly: Price,
    pub covers: Vec<Work>,
    /// The first response to a failure, within this many hours.
    #[serde(default, deserialize_with = "numbers::opt_count")]
    pub response_hours: Option<u32>,
}

impl Plan {
    pub fn covers(&self, work: Work) -> bool {
        self.covers.contains(&work)
    }
}

impl WebSystemRates {
    pub fn price(&self, kind: WebSystemKind, complexity: Complexity) -> Price {
        let by = match kind {
            WebSystemKind::Ec => self.ec,
            WebSystemKind::Reservation => self.reservation,
            WebSystemKind::Crm => self.crm,
            WebSystemKind::Cms => self.cms,
            WebSystemKind::Other => self.other,
        };
        match complexity {
            Complexity::Low => by.low,
            Complexity::Medium => by.medium,
            Complexity::High => by.high,
        }
    }
}

impl AppRates {
    pub fn platform(&self, platform: Platform) -> PlatformRates {
        match platform {
            Platform::Ios => self.ios,
            Platform::Android => self.android,
        }
    }
}

impl RateCard {
    /// The card compiled into hoshu.
    pub fn default_card() -> RateCard {
        RateCard::from_toml(DEFAULT_CARD, "the default rate card")
            .expect("the default rate card is checked by its tests")
    }

    pub fn from_file(path: &Path) -> Result<RateCard, FileError> {
        let text = FileError::read(path)?;
        RateCard::from_toml(&text, &path.display().to_string())
    }

    pub fn from_toml(text: &str, origin: &str) -> Result<RateCard, FileError> {
        FileError::parse_checked(origin, text)
    }

    pub fn plan(&self, name: &str) -> Option<&Plan> {
        self.plans.iter().find(|p| p.name == name)
    }

    pub fn plan_names(&self) -> Vec<String> {
        self.plans.iter().map(|p| p.name.clone()).collect()
    }

    /// The problem of a file naming `plan` when this card has no such plan.
    pub fn unknown_plan(&self, plan: &str) -> Option<KeyProblem> {
        self.plan(plan).is_none().then(|| KeyProblem::UnknownPlan {
            plan: plan.to_owned(),
            known: self.plan_names(),
        })
    }

    /// Check what depends on the quote date: the card is in effect on it.
    /// `text` and `origin` are the card's, to point at the key.
    pub fn check_dated(&self, date: NaiveDate, text: &str, origin: &str) -> Result<(), FileError> {
        let problems = if self.effective > date {
            vec![(
                key_path!["effective"],
                KeyProblem::NotYetEffective {
                    version: self.version.clone(),
                    effective: self.effective.to_string(),
                    date: date.to_string(),
                },
            )]
        } else {
            Vec::new()
        };
        FileError::check(origin, text, problems)
    }
}

impl Checked for RateCard {
    fn problems(&self) -> Vec<(KeyPath, KeyProblem)> {
        let mut out = Vec::new();
        if self.name.trim().is_empty() {
            out.push((key_path!["name"], KeyProblem::Empty));
        }
        if self.version.trim().is_empty() {
            out.push((key_path!["version"], KeyProblem::Empty));
        }
        let mut seen = std::collections::HashSet::new();
        for (i, tier) in self.access.tiers.iter().enumerate() {
            if tier.name.trim().is_empty() {
                out.push((key_path!["access", "tiers", i, "name"], KeyProblem::Empty));
            } else if !seen.insert(tier.name.as_str()) {
                out.push((
                    key_path!["access", "tiers", i, "name"],
                    KeyProblem::Duplicate {
                        name: tier.name.clone(),
                    },
                ));
            }
        }
        if self.development_ratio.low_percent > self.development_ratio.high_percent {
            out.push((
                key_path!["development_ratio", "high_percent"],
                KeyProblem::TooSmall {
                    min: self.development_ratio.low_percent.into(),
                    got: self.development_ratio.high_percent.into(),
                },
            ));
        }
        let access: Vec<_> = self
            .access
            .tiers
            .iter()
            .map(|t| ([t.max_daily_visits, t.max_peak_per_minute], t.monthly))
            .collect();
        tier_problems(
            &access,
            key_path!["access", "tiers"],
            TierLimit::Traffic,
            &mut out,
        );
        let sites: Vec<_> = self
            .sites
            .tiers
            .iter()
            .map(|t| ([t.max_pages.map(u64::from)], t.monthly))
            .collect();
        tier_problems(
            &sites,
            key_path!["sites", "tiers"],
            TierLimit::Pages,
            &mut out,
        );
        if self.plans.is_empty() {
            out.push((key_path!["plans"], KeyProblem::NoEntries));
        }
        let mut plans_seen = std::collections::HashSet::new();
        for (i, plan) in self.plans.iter().enumerate() {
            // Every quote charges for monitoring (the traffic tier at
            // least): a plan that did not cover it would charge for work it
            // does not do, or leave the system unwatched.
            if !plan.covers(Work::Monitoring) {
                out.push((
                    key_path!["plans", i, "covers"],
                    KeyProblem::PlanMissesWork {
                        plan: plan.name.clone(),
                        work: Work::Monitoring,
                    },
                ));
            }
            let mut covered = std::collections::HashSet::new();
            if let Some(work) = plan.covers.iter().find(|w| !covered.insert(**w)) {
                out.push((
                    key_path!["plans", i, "covers"],
                    KeyProblem::Duplicate {
                        name: work.as_str().to_owned(),
                    },
                ));
            }
            if plan.name.trim().is_empty() {
                out.push((key_path!["plans", i, "name"], KeyProblem::Empty));
            } else if !plans_seen.insert(plan.name.as_str()) {
                out.push((
                    key_path!["plans", i, "name"],
                    KeyProblem::Duplicate {
                        name: plan.name.clone(),
                    },
                ));
            }
        }
        out
    }
}

/// Tiers must rise in every limit (an absent limit is the top), end with a
/// tier without limits, and never fall in price: then more never costs less.
fn tier_problems<const N: usize>(
    tiers: &[([Option<u64>; N], Price)],
    path: KeyPath,
    limit: TierLimit,
    out: &mut Vec<(KeyPath, KeyProblem)>,
) {
    let Some((last, _)) = tiers.last() else {
        out.push((path, KeyProblem::NoEntries));
        return;
    };
    if last.iter().any(Option::is_some) {
        out.push((
            path.clone().index(tiers.len() - 1),
            KeyProblem::LastTierBounded,
        ));
    }
    for (i, pair) in tiers.windows(2).enumerate() {
        let ((lower, lower_price), (upper, upper_price)) = (&pair[0], &pair[1]);
        let rises = lower.iter().zip(upper).all(|(lo, up)| match (lo, up) {
            (Some(lo), Some(up)) => lo < up,
            (Some(_), None) | (None, None) => true,
            (None, Some(_)) => false,
        });
        if !rises || upper_price < lower_price {
            out.push((
                path.clone().index(i + 1),
                KeyProblem::TiersOutOfOrder { limit },
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn card_with(from: &str, to: &str) -> Result<RateCard, FileError> {
        assert!(DEFAULT_CARD.contains(from), "{from}");
        RateCard::from_toml(&DEFAULT_CARD.replacen(from, to, 1), "r.toml")
    }

    #[test]
    fn default_card_is_valid_and_named() {
        let card = RateCard::default_card();
        assert_eq!(card.name, "hoshu standard rates");
        assert_eq!(card.tax.rate_percent, TaxRate(10));
        assert_eq!(card.tax.rounding, Rounding::Floor);
    }

    #[test]
    fn default_plans_rise_in_price_and_coverage() {
        let card = RateCard::default_card();
        let [operation, standard, full] =
            ["operation", "standard", "full"].map(|n| card.plan(n).unwrap());
        assert!(operation.monthly < standard.monthly && standard.monthly < full.monthly);
        // 運用: monitoring, backups, restore.
        assert_eq!(
            operation.covers,
            [Work::Monitoring, Work::Backups, Work::Restore]
        );
        // 保守・運用 adds the upkeep, own defects and small improvements (STEP04).
        assert!(
            Work::ALL
                .iter()
                .all(|w| standard.covers(*w) && full.covers(*w))
        );
        // full costs more for its answer within 2 hours, not for more work.
        assert!(full.response_hours < standard.response_hours);
    }

    #[test]
    fn a_plan_that_leaves_out_monitoring_is_refused_naming_the_plan_and_the_work() {
        let e = card_with(
            "covers = [\"monitoring\", \"backups\", \"restore\"]",
            "covers = [\"backups\", \"restore\"]",
        )
        .unwrap_err()
        .to_string();
        assert!(
            e.contains("`plans[0].covers` of the plan `operation` leaves out monitoring"),
            "{e}"
        );
    }

    #[test]
    fn spec_changes_cannot_be_covered() {
        let e = card_with("\"minor_improvements\"]", "\"spec_change\"]")
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("`spec_change` is not allowed; allowed: monitoring, backups, restore"),
            "{e}"
        );
    }

    #[test]
    fn negative_prices_are_refused_at_their_line() {
        let e = card_with("per_server_monthly = 10000", "per_server_monthly = -1")
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("`servers.per_server_monthly`: invalid value: integer `-1`, expected a price in whole yen, 0 or more\n  --> r.toml:75:22"),
            "{e}"
        );
    }

    #[test]
    fn tiers_whose_price_falls_are_refused() {
        let e = card_with("monthly = 120000", "monthly = 1000")
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("`access.tiers[3]` must list tiers with rising traffic limits"),
            "{e}"
        );
    }

    #[test]
    fn the_last_tier_must_be_unbounded() {
        let e = card_with(
            "[[sites.tiers]]\nmonthly = 50000",
            "[[sites.tiers]]\nmax_pages = 5000\nmonthly = 50000",
        )
        .unwrap_err()
        .to_string();
        assert!(
            e.contains("`sites.tiers[4]` must end with a tier without limits"),
            "{e}"
        );
    }

    #[test]
    fn unknown_rounding_lists_the_allowed() {
        let e = card_with("rounding = \"floor\"", "rounding = \"bankers\"")
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with(
                "`tax.rounding`: `bankers` is not allowed; allowed: floor, ceil, half_up"
            ),
            "{e}"
        );
    }

    #[test]
    fn a_tax_rate_over_100_is_refused_at_its_line() {
        let e = card_with("rate_percent = 10", "rate_percent = 110")
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with(
                "`tax.rate_percent`: invalid value: integer `110`, expected a whole percent from 0 to 100\n  --> r.toml:16:16"
            ),
            "{e}"
        );
    }

    #[test]
    fn duplicate_plan_names_are_refused() {
        let e = card_with("name = \"full\"", "name = \"standard\"")
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("`plans[2].name` repeats the name `standard`"),
            "{e}"
        );
    }
}
