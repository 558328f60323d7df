//! The shared vocabulary's words: a kind of work, a verdict, a stage, what
//! a value must be. One template each, chosen here for every language.

use super::super::Catalogue;
use super::super::template::Tpl;
use crate::coverage::{Kind, KnownCause, Stage, Verdict};
use crate::date::Era;
use crate::intake::Values;
use crate::quote::{Factor, Recurrence};
use crate::vocab::Work;

impl dyn Catalogue + '_ {
    pub fn factor(&self, x: Factor) -> &'static str {
        self.template(match x {
            Factor::Access => Tpl::FactorAccess,
            Factor::Servers => Tpl::FactorServers,
            Factor::Sites => Tpl::FactorSites,
            Factor::WebSystems => Tpl::FactorWebSystems,
            Factor::Payments => Tpl::FactorPayments,
            Factor::Apps => Tpl::FactorApps,
            Factor::Services => Tpl::FactorServices,
            Factor::Plan => Tpl::FactorPlan,
            Factor::OneTime => Tpl::FactorOneTime,
        })
    }

    pub fn per(&self, x: Recurrence) -> &'static str {
        self.template(match x {
            Recurrence::OneTime => Tpl::RecurrenceOneTime,
            Recurrence::Yearly => Tpl::RecurrenceYearly,
            Recurrence::Monthly => Tpl::RecurrenceMonthly,
        })
    }

    pub fn verdict(&self, x: Verdict) -> &'static str {
        self.template(match x {
            Verdict::Covered => Tpl::VerdictCovered,
            Verdict::Billable => Tpl::VerdictBillable,
            Verdict::Negotiate => Tpl::VerdictNegotiate,
        })
    }

    pub fn verdict_gloss(&self, x: Verdict) -> &'static str {
        self.template(match x {
            Verdict::Covered => Tpl::VerdictGlossCovered,
            Verdict::Billable => Tpl::VerdictGlossBillable,
            Verdict::Negotiate => Tpl::VerdictGlossNegotiate,
        })
    }

    pub fn stage(&self, x: Stage) -> &'static str {
        self.template(match x {
            Stage::BeforeDelivery => Tpl::StageBeforeDelivery,
            Stage::AfterDelivery => Tpl::StageAfterDelivery,
        })
    }

    pub fn kind(&self, x: Kind) -> &'static str {
        self.template(match x {
            Kind::Defect => Tpl::KindDefect,
            Kind::Change => Tpl::KindChange,
            Kind::Minor => Tpl::KindMinor,
            Kind::Incident => Tpl::KindIncident,
            Kind::Operation => Tpl::KindOperation,
        })
    }

    pub fn known_cause(&self, x: KnownCause) -> &'static str {
        self.template(match x {
            KnownCause::External => Tpl::KnownCauseExternal,
            KnownCause::Internal => Tpl::KnownCauseInternal,
        })
    }

    pub fn values(&self, x: Values) -> &'static str {
        self.template(match x {
            Values::Date => Tpl::ValuesDate,
            Values::Answer => Tpl::ValuesAnswer,
            Values::Kind => Tpl::ValuesKind,
            Values::Term => Tpl::ValuesTerm,
            Values::Plan => Tpl::ValuesPlan,
            Values::From => Tpl::ValuesFrom,
        })
    }

    pub fn era(&self, x: Era) -> &'static str {
        self.template(match x {
            Era::Meiji => Tpl::EraMeiji,
            Era::Taisho => Tpl::EraTaisho,
            Era::Showa => Tpl::EraShowa,
            Era::Heisei => Tpl::EraHeisei,
            Era::Reiwa => Tpl::EraReiwa,
        })
    }

    pub fn work(&self, x: Work) -> &'static str {
        self.template(match x {
            Work::Monitoring => Tpl::WorkMonitoring,
            Work::Backups => Tpl::WorkBackups,
            Work::Restore => Tpl::WorkRestore,
            Work::OwnDefects => Tpl::WorkOwnDefects,
            Work::ExternalCauses => Tpl::WorkExternalCauses,
            Work::MinorImprovements => Tpl::WorkMinorImprovements,
        })
    }
}
