//! The English text of quote lines: a short item name and the reason.

use crate::money::Yen;
use crate::quote::Why;
use crate::rates::Work;
use crate::system::{Complexity, Per, Platform, ServiceKind, WebSystemKind};

fn platform(p: Platform) -> &'static str {
    match p {
        Platform::Ios => "iOS",
        Platform::Android => "Android",
    }
}

fn kind(k: WebSystemKind) -> &'static str {
    match k {
        WebSystemKind::Ec => "EC",
        WebSystemKind::Reservation => "reservation",
        WebSystemKind::Crm => "customer management",
        WebSystemKind::Cms => "CMS",
        WebSystemKind::Other => "other",
    }
}

fn service(k: ServiceKind) -> &'static str {
    match k {
        ServiceKind::Domain => "domain",
        ServiceKind::Ssl => "SSL certificate",
        ServiceKind::Mail => "mail",
        ServiceKind::Server => "server rental",
        ServiceKind::Other => "service",
    }
}

fn complexity(c: Complexity) -> &'static str {
    match c {
        Complexity::Low => "low",
        Complexity::Medium => "medium",
        Complexity::High => "high",
    }
}

pub(crate) fn work(w: Work) -> &'static str {
    match w {
        Work::Monitoring => "monitoring",
        Work::Backups => "backups",
        Work::Restore => "restore after failure",
        Work::OwnDefects => "fixes of the system's own defects",
        Work::ExternalCauses => "upkeep for external changes (OS, browsers, APIs, providers, law)",
        Work::MinorImprovements => "minor improvement requests",
    }
}

fn plural(n: u64, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{} {many}", group(n))
    }
}

pub(crate) use crate::money::group_thousands as group;

fn limit(max: Option<u64>, unit: &str) -> String {
    match max {
        Some(max) => format!("up to {} {unit}", group(max)),
        None => format!("no limit on {unit}"),
    }
}

/// The short name of a quote line.
pub fn item(why: &Why) -> String {
    match why {
        Why::AccessTier { tier, .. } => format!("traffic tier \"{tier}\""),
        Why::Standby => "standby system (redundancy)".into(),
        Why::DataSync => "data sync with the standby".into(),
        Why::Servers {
            role, linked: true, ..
        } => format!("{role} server (linked)"),
        Why::Servers { role, .. } => format!("{role} server"),
        Why::ServerLinkage { role, .. } => format!("{role} server linkage"),
        Why::Site { name, pages, .. } => format!(
            "site \"{name}\" ({})",
            plural((*pages).into(), "page", "pages")
        ),
        Why::WebSystem {
            name,
            kind: k,
            complexity: c,
        } => {
            format!(
                "\"{name}\": {} system, {} complexity",
                kind(*k),
                complexity(*c)
            )
        }
        Why::CreditCardIntegration { .. } => "credit-card provider integration".into(),
        Why::CreditCardIrregularOperations => "credit-card irregular operations".into(),
        Why::ConvenienceStoreIntegration { .. } => "convenience-store payment integration".into(),
        Why::ConvenienceStoreOperations => "convenience-store payment operations".into(),
        Why::App { name, platform: p } => format!("app \"{name}\" on {}", platform(*p)),
        Why::AppOsVersions {
            name, platform: p, ..
        } => format!("app \"{name}\": older {} versions", platform(*p)),
        Why::Service { kind, name, .. } => format!("{} \"{name}\"", service(*kind)),
        Why::PlanFee { plan, .. } => format!("plan \"{plan}\""),
        Why::Takeover { .. } => "investigation and take-over".into(),
    }
}

/// Why a quote line is there, in a sentence.
pub fn why(why: &Why) -> String {
    match why {
        Why::AccessTier { tier, daily_visits: None, max_daily_visits, max_peak_per_minute, .. } => format!(
            "No [traffic] given, so the lowest tier \"{tier}\" ({}, {}).",
            limit(*max_daily_visits, "visits a day"),
            limit(*max_peak_per_minute, "requests a minute")
        ),
        Why::AccessTier { tier, daily_visits: Some(daily), peak_per_minute, max_daily_visits, max_peak_per_minute } => {
            let peak = peak_per_minute.map_or(String::new(), |p| format!(" and {} requests a minute at peak", group(p)));
            format!(
                "{} visits a day{peak} fit tier \"{tier}\" ({}, {}).",
                group(*daily),
                limit(*max_daily_visits, "visits a day"),
                limit(*max_peak_per_minute, "requests a minute")
            )
        }
        Why::Standby => "Business critical: a failure loses money directly, so a standby system is kept ready to take over.".into(),
        Why::DataSync => "Business critical: the standby's data is kept identical to the live servers'.".into(),
        Why::Servers { count: 1, linked: false, .. } => "One server: watched and kept running.".into(),
        Why::Servers { count, linked: false, .. } => {
            format!("{count} identical servers that do not cooperate: exactly {count} × one server's monitoring.")
        }
        Why::Servers { count, linked: true, .. } => {
            format!("{count} identical servers: {count} × one server's monitoring; the link is priced on its own line.")
        }
        Why::ServerLinkage { count, .. } => {
            format!("The {count} servers are linked: keeping the link healthy costs extra, per server.")
        }
        Why::Site { pages, max_pages, .. } => format!(
            "Every site costs, shared server or not; {} fall in the size tier {}.",
            plural((*pages).into(), "page", "pages"),
            max_pages.map_or("without a limit".to_owned(), |m| format!("up to {}", group(m.into())))
        ),
        Why::WebSystem { kind: k, complexity: c, .. } => {
            format!("Each web system adds upkeep, by kind ({}) and complexity ({}).", kind(*k), complexity(*c))
        }
        Why::CreditCardIntegration { providers } => format!(
            "Credit payment follows each provider's spec and law changes at once: {}.",
            plural((*providers).into(), "provider", "providers")
        ),
        Why::CreditCardIrregularOperations => {
            "Refunds after phone cancellations, partial discounts, suspending users whose charge failed twice.".into()
        }
        Why::ConvenienceStoreIntegration { providers } => format!(
            "Convenience-store payment adds each provider's spec and payment slips: {}.",
            plural((*providers).into(), "provider", "providers")
        ),
        Why::ConvenienceStoreOperations => "Reconciling store payments, expired slips and late payments.".into(),
        Why::App { platform: Platform::Android, .. } => {
            "Every app platform costs; Android's vendor-customised OS builds raise more bugs than iOS.".into()
        }
        Why::App { platform: Platform::Ios, .. } => "Every app platform costs: each iOS update can break the app.".into(),
        Why::AppOsVersions { platform: p, supported, .. } => format!(
            "{supported} major {} versions supported: each beyond the newest costs extra.",
            platform(*p)
        ),
        Why::PlanFee { covers, response_hours, .. } => {
            let covers: Vec<_> = covers.iter().map(|w| work(*w)).collect();
            let response = response_hours.map_or(String::new(), |h| {
                format!(" A failure is answered within {}.", plural(h.into(), "hour", "hours"))
            });
            format!("The plan's own fee; it covers {}.{response}", covers.join(", "))
        }
        Why::Service { cost, handling, per: Per::Month, .. } => format!(
            "Run for you and passed on at cost: {cost} a month, plus handling {handling}."
        ),
        Why::Service { cost, handling, per: Per::Year, .. } => {
            let year = cost.0.saturating_add(handling.0);
            format!(
                "Run for you and passed on at cost: {cost} a year, plus handling {handling}; about {} a month.",
                Yen(year / 12)
            )
        }
        Why::Takeover { last_maintained, months_unmaintained } => format!(
            "Unmaintained since {last_maintained} ({months_unmaintained} months): finding causes needs investigation first; per full year."
        ),
    }
}
