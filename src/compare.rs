//! Plans side by side: the seed page's first step proposes "several
//! patterns with a rough cost", then features chosen to fit the customer's
//! budget. Each column is exactly `quote --plan P`.

use chrono::NaiveDate;
use serde::Serialize;

use crate::money::{Totals, Yen};
use crate::quote::{CardId, Discount, QuoteError, quote};
use crate::rates::{RateCard, Work};
use crate::system::System;

/// What the customer can spend, tax included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(tag = "per", content = "yen", rename_all = "snake_case")]
pub enum Budget {
    /// A month's total with tax.
    Month(Yen),
    /// A year's total with tax (12 months and the yearly items).
    Year(Yen),
}

/// One plan's column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Column {
    pub plan: String,
    /// The card's display title (Japanese) and its English one.
    pub title: Option<String>,
    pub title_en: Option<String>,
    pub covers: Vec<Work>,
    pub response_hours: Option<u32>,
    pub quote_id: String,
    pub monthly: Totals,
    pub annual: Totals,
    pub one_time: Totals,
    pub first_year: Totals,
    /// The system's discounts as this plan's lines give them (a percent
    /// takes more from a dearer plan); the totals above include them.
    pub discounts: Vec<Discount>,
    /// Within the budget, when one is given.
    pub fits: Option<bool>,
}

/// The budget's answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(tag = "result", rename_all = "snake_case")]
pub enum Fit {
    /// The cheapest plan within the budget.
    Cheapest { plan: String },
    /// No plan fits; the cheapest misses by `short`.
    NoneFits { cheapest: String, short: Yen },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Comparison {
    pub system: String,
    pub customer: Option<String>,
    pub rate_card: CardId,
    pub date: NaiveDate,
    pub columns: Vec<Column>,
    pub budget: Option<Budget>,
    pub fit: Option<Fit>,
}

impl Column {
    /// What the discounts take in the first year, before tax (zero or
    /// less): the monthly ones 12 times, the others once.
    pub fn first_year_discount(&self) -> Yen {
        Yen(self
            .discounts
            .iter()
            .map(|d| match d.recurrence {
                crate::quote::Recurrence::Monthly => d.amount.0.saturating_mul(12),
                _ => d.amount.0,
            })
            .fold(0i64, i64::saturating_add))
    }
}

impl Budget {
    /// What the budget is measured against in a column.
    fn spent(self, column: &Column) -> Yen {
        match self {
            Budget::Month(_) => column.monthly.total,
            Budget::Year(_) => column.annual.total,
        }
    }

    fn limit(self) -> Yen {
        match self {
            Budget::Month(y) | Budget::Year(y) => y,
        }
    }
}

/// Quote `system` under each of `plans` (every plan of the card when empty),
/// in the card's order, and weigh them against `budget`.
pub fn compare(
    system: &System,
    card: &RateCard,
    plans: &[String],
    date: NaiveDate,
    budget: Option<Budget>,
) -> Result<Comparison, QuoteError> {
    let names: Vec<&str> = if plans.is_empty() {
        card.plans.iter().map(|p| p.name.as_str()).collect()
    } else {
        plans.iter().map(String::as_str).collect()
    };
    let mut columns = Vec::with_capacity(names.len());
    for name in names {
        let q = quote(system, card, name, date)?;
        let plan = card.plan(name).ok_or_else(|| QuoteError::UnknownPlan {
            plan: name.to_owned(),
            known: card.plan_names(),
        })?;
        let mut column = Column {
            plan: plan.name.clone(),
            title: plan.title.clone(),
            title_en: plan.title_en.clone(),
            covers: plan.covers.clone(),
            response_hours: plan.response_hours,
            quote_id: q.quote_id,
            monthly: q.monthly,
            annual: q.annual,
            one_time: q.one_time,
            first_year: q.first_year,
            discounts: q.discounts,
            fits: None,
        };
        column.fits = budget.map(|b| b.spent(&column) <= b.limit());
        columns.push(column);
    }
    let fit = budget.and_then(|b| {
        let cheapest = |fitting: bool| {
            columns
                .iter()
                .filter(|c| !fitting || c.fits == Some(true))
                .min_by_key(|c| b.spent(c))
        };
        match cheapest(true) {
            Some(c) => Some(Fit::Cheapest {
                plan: c.plan.clone(),
            }),
            None => cheapest(false).map(|c| Fit::NoneFits {
                cheapest: c.plan.clone(),
                short: Yen(b.spent(c).0 - b.limit().0),
            }),
        }
    });
    Ok(Comparison {
        system: system.name.clone(),
        customer: system.customer.clone(),
        rate_card: CardId {
            name: card.name.clone(),
            version: card.version.clone(),
        },
        date,
        columns,
        budget,
        fit,
    })
}
