//! The rate card as JSON (`hoshu.rates.v1`): what each plan costs and
//! covers, and which work each priced item pays for.

use serde::Serialize;

use crate::quote::Factor;
use crate::rates::{ExtraWorkRates, Plan, RateCard, Work};

#[derive(Serialize, schemars::JsonSchema)]
#[schemars(title = "hoshu.rates.v1")]
struct JsonCard<'a> {
    schema: &'static str,
    name: &'a str,
    version: &'a str,
    effective: chrono::NaiveDate,
    currency: &'static str,
    tax_rate_percent: u32,
    plans: &'a [Plan],
    /// For each cost factor, the kinds of work its lines pay for: a plan
    /// charges a line only when it covers that work.
    work_by_factor: Vec<FactorWork>,
    extra_work: ExtraWorkRates,
}

#[derive(Serialize, schemars::JsonSchema)]
struct FactorWork {
    factor: Factor,
    code: Option<&'static str>,
    work: Vec<Work>,
}

/// The card as pretty JSON, ending in a newline.
pub fn json(card: &RateCard) -> String {
    let doc = JsonCard {
        schema: "hoshu.rates.v1",
        name: &card.name,
        version: &card.version,
        effective: card.effective,
        currency: "JPY",
        tax_rate_percent: card.tax.rate_percent.0,
        plans: &card.plans,
        work_by_factor: crate::quote::work_by_factor()
            .into_iter()
            .map(|(factor, work)| FactorWork {
                factor,
                code: factor.code(),
                work,
            })
            .collect(),
        extra_work: card.extra_work,
    };
    let mut text = serde_json::to_string_pretty(&doc).expect("a rate card always serializes");
    text.push('\n');
    text
}

/// The JSON Schema of `hoshu.rates.v1` (`hoshu schema rates`).
pub fn schema() -> schemars::Schema {
    schemars::schema_for!(JsonCard<'static>)
}
