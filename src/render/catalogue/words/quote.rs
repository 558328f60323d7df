//! A quote's lines: what each item is and why it costs, decided once.

use super::super::Catalogue;
use super::super::template::Tpl;
use crate::money::{Yen, group_thousands as group};
use crate::quote::Why;
use crate::system::{Complexity, Per, Platform, ServiceKind, WebSystemKind};
use crate::vocab::GapFrom;

impl dyn Catalogue + '_ {
    /// `n` of a thing: `1 page`, `12 pages` (`one` and `many` its two forms).
    pub(super) fn count(&self, n: u64, one: Tpl, many: Tpl) -> String {
        if n == 1 {
            self.put(one, &[])
        } else {
            self.put(many, &[("n", &group(n))])
        }
    }

    pub(super) fn platform(&self, p: Platform) -> &'static str {
        self.template(match p {
            Platform::Ios => Tpl::PlatformIos,
            Platform::Android => Tpl::PlatformAndroid,
        })
    }

    fn system_kind(&self, k: WebSystemKind) -> &'static str {
        self.template(match k {
            WebSystemKind::Ec => Tpl::SystemEc,
            WebSystemKind::Reservation => Tpl::SystemReservation,
            WebSystemKind::Crm => Tpl::SystemCrm,
            WebSystemKind::Cms => Tpl::SystemCms,
            WebSystemKind::Other => Tpl::SystemOther,
        })
    }

    fn service(&self, k: ServiceKind) -> &'static str {
        self.template(match k {
            ServiceKind::Domain => Tpl::ServiceDomain,
            ServiceKind::Ssl => Tpl::ServiceSsl,
            ServiceKind::Mail => Tpl::ServiceMail,
            ServiceKind::Server => Tpl::ServiceServer,
            ServiceKind::Other => Tpl::ServiceOther,
        })
    }

    fn complexity(&self, c: Complexity) -> &'static str {
        self.template(match c {
            Complexity::Low => Tpl::ComplexityLow,
            Complexity::Medium => Tpl::ComplexityMedium,
            Complexity::High => Tpl::ComplexityHigh,
        })
    }

    /// A server by its role: `web server`; a role that already says so
    /// (`Web server`, `Webサーバー`, `DBサーバ`) as it is.
    fn server(&self, role: &str) -> String {
        if role.to_lowercase().ends_with("server")
            || role.ends_with("サーバー")
            || role.ends_with("サーバ")
        {
            role.to_owned()
        } else {
            self.put(Tpl::ServerOfRole, &[("role", &role)])
        }
    }

    /// A traffic tier's two limits: visits a day and requests a minute.
    fn tier_limits(&self, visits: Option<u64>, requests: Option<u64>) -> [String; 2] {
        let limit = |max: Option<u64>, up_to, none| match max {
            Some(max) => self.put(up_to, &[("n", &group(max))]),
            None => self.put(none, &[]),
        };
        [
            limit(visits, Tpl::VisitsUpTo, Tpl::VisitsNoLimit),
            limit(requests, Tpl::RequestsUpTo, Tpl::RequestsNoLimit),
        ]
    }

    /// What a quote's line is: `site "Corporate" (12 pages)`.
    pub fn item(&self, why: &Why) -> String {
        match why {
            Why::AccessTier { tier, title, .. } => self.put(
                Tpl::ItemAccessTier,
                &[("tier", &self.title(title).unwrap_or(tier))],
            ),
            Why::Standby => self.put(Tpl::ItemStandby, &[]),
            Why::DataSync => self.put(Tpl::ItemDataSync, &[]),
            Why::Servers {
                role, linked: true, ..
            } => self.put(Tpl::ItemServerLinked, &[("server", &self.server(role))]),
            Why::Servers { role, .. } => self.server(role),
            Why::ServerLinkage { role, .. } => {
                self.put(Tpl::ItemServerLinkage, &[("server", &self.server(role))])
            }
            Why::Site { name, pages, .. } => self.put(
                Tpl::ItemSite,
                &[
                    ("name", name),
                    (
                        "pages",
                        &self.count((*pages).into(), Tpl::PageOne, Tpl::Pages),
                    ),
                ],
            ),
            Why::WebSystem {
                name,
                kind,
                complexity,
            } => self.put(
                Tpl::ItemWebSystem,
                &[
                    ("name", name),
                    ("kind", &self.system_kind(*kind)),
                    ("complexity", &self.complexity(*complexity)),
                ],
            ),
            Why::CreditCardIntegration { .. } => self.put(Tpl::ItemCreditCardIntegration, &[]),
            Why::CreditCardIrregularOperations => {
                self.put(Tpl::ItemCreditCardIrregularOperations, &[])
            }
            Why::ConvenienceStoreIntegration { .. } => {
                self.put(Tpl::ItemConvenienceStoreIntegration, &[])
            }
            Why::ConvenienceStoreOperations => self.put(Tpl::ItemConvenienceStoreOperations, &[]),
            Why::App { name, platform } => self.put(
                Tpl::ItemApp,
                &[("name", name), ("platform", &self.platform(*platform))],
            ),
            Why::AppOsVersions { name, platform, .. } => self.put(
                Tpl::ItemAppOsVersions,
                &[("name", name), ("platform", &self.platform(*platform))],
            ),
            Why::Service { kind, name, .. } => self.put(
                Tpl::ItemService,
                &[("service", &self.service(*kind)), ("name", name)],
            ),
            Why::PlanFee { plan, title, .. } => self.put(
                Tpl::ItemPlanFee,
                &[("plan", &self.title(title).unwrap_or(plan))],
            ),
            Why::Takeover { .. } => self.put(Tpl::ItemTakeover, &[]),
        }
    }

    /// Why a quote's line costs what it does, as one or two sentences.
    pub fn why(&self, why: &Why) -> String {
        match why {
            Why::AccessTier {
                tier,
                title,
                daily_visits,
                peak_per_minute,
                max_daily_visits,
                max_peak_per_minute,
            } => {
                let tier = self.title(title).unwrap_or(tier);
                let [visits, requests] = self.tier_limits(*max_daily_visits, *max_peak_per_minute);
                let limits: [super::super::template::Arg; 3] = [
                    ("tier", &tier),
                    ("visits", &visits),
                    ("requests", &requests),
                ];
                match daily_visits {
                    None => self.put(Tpl::WhyLowestTier, &limits),
                    Some(daily) => {
                        let peak = peak_per_minute.map_or_else(String::new, |p| {
                            self.put(Tpl::WhyPeak, &[("n", &group(p))])
                        });
                        let daily = group(*daily);
                        let mut args = limits.to_vec();
                        args.extend([("daily", &daily as _), ("peak", &peak as _)]);
                        self.put(Tpl::WhyTier, &args)
                    }
                }
            }
            Why::Standby => self.put(Tpl::WhyStandby, &[]),
            Why::DataSync => self.put(Tpl::WhyDataSync, &[]),
            Why::Servers {
                count: 1,
                linked: false,
                ..
            } => self.put(Tpl::WhyOneServer, &[]),
            Why::Servers { count, linked, .. } => self.put(
                if *linked {
                    Tpl::WhyServersLinked
                } else {
                    Tpl::WhyServersUnlinked
                },
                &[("count", count)],
            ),
            Why::ServerLinkage { count, .. } => {
                self.put(Tpl::WhyServerLinkage, &[("count", count)])
            }
            Why::Site {
                pages, max_pages, ..
            } => {
                let tier = max_pages.map_or_else(
                    || self.put(Tpl::SiteTierNoLimit, &[]),
                    |m| self.put(Tpl::SiteTierUpTo, &[("n", &group(m.into()))]),
                );
                self.put(
                    Tpl::WhySite,
                    &[
                        (
                            "pages",
                            &self.count((*pages).into(), Tpl::PageOne, Tpl::Pages),
                        ),
                        ("tier", &tier),
                    ],
                )
            }
            Why::WebSystem {
                kind, complexity, ..
            } => self.put(
                Tpl::WhyWebSystem,
                &[
                    ("kind", &self.system_kind(*kind)),
                    ("complexity", &self.complexity(*complexity)),
                ],
            ),
            Why::CreditCardIntegration { providers } => self.put(
                Tpl::WhyCreditCardIntegration,
                &[(
                    "providers",
                    &self.count((*providers).into(), Tpl::ProviderOne, Tpl::Providers),
                )],
            ),
            Why::CreditCardIrregularOperations => {
                self.put(Tpl::WhyCreditCardIrregularOperations, &[])
            }
            Why::ConvenienceStoreIntegration { providers } => self.put(
                Tpl::WhyConvenienceStoreIntegration,
                &[(
                    "providers",
                    &self.count((*providers).into(), Tpl::ProviderOne, Tpl::Providers),
                )],
            ),
            Why::ConvenienceStoreOperations => self.put(Tpl::WhyConvenienceStoreOperations, &[]),
            Why::App { platform, .. } => self.put(
                match platform {
                    Platform::Android => Tpl::WhyAppAndroid,
                    Platform::Ios => Tpl::WhyAppIos,
                },
                &[],
            ),
            Why::AppOsVersions {
                platform,
                supported,
                ..
            } => self.put(
                Tpl::WhyAppOsVersions,
                &[
                    ("supported", supported),
                    ("platform", &self.platform(*platform)),
                ],
            ),
            Why::PlanFee {
                covers,
                response_hours,
                ..
            } => {
                let covers: Vec<&str> = covers.iter().map(|w| self.work(*w)).collect();
                let response = response_hours.map_or_else(String::new, |h| {
                    let hours = self.count(h.into(), Tpl::HourOne, Tpl::Hours);
                    self.put(Tpl::WhyResponse, &[("hours", &hours)])
                });
                self.put(
                    Tpl::WhyPlanFee,
                    &[
                        ("covers", &covers.join(self.template(Tpl::ListSep))),
                        ("response", &response),
                    ],
                )
            }
            Why::Service {
                cost,
                handling,
                per,
                ..
            } => {
                let monthly = Yen(cost.0.saturating_add(handling.0) / 12);
                self.put(
                    match per {
                        Per::Month => Tpl::WhyServiceMonthly,
                        Per::Year => Tpl::WhyServiceYearly,
                    },
                    &[
                        ("cost", &self.yen(*cost)),
                        ("handling", &self.yen(*handling)),
                        ("monthly", &self.yen(monthly)),
                    ],
                )
            }
            Why::Takeover {
                last_maintained,
                counted_from,
                months_unmaintained,
            } => {
                let from = match counted_from {
                    GapFrom::Delivery => Tpl::GapDelivery,
                    GapFrom::LastMaintained => Tpl::GapLastMaintained,
                    GapFrom::PreviousEnd => Tpl::GapPreviousEnd,
                    GapFrom::ContractEnd => Tpl::GapContractEnd,
                };
                self.put(
                    Tpl::WhyTakeover,
                    &[
                        ("since", &self.date(*last_maintained)),
                        ("from", &self.template(from)),
                        ("months", months_unmaintained),
                    ],
                )
            }
        }
    }
}
