use chrono::NaiveDate;
use greenlight_domain::Cents;

use crate::evaluation::{Check, RuleId};
use crate::wording::{Fact, Wording};

/// A membership is in good standing through its expiry date.
pub fn mentor_membership(expires_on: Option<NaiveDate>, on: NaiveDate) -> Check {
    let rule = RuleId::MentorMembership;
    match expires_on {
        Some(expires_on) if expires_on >= on => Check::pass(
            rule,
            Wording::new("membership-met").with("expires", Fact::Date(expires_on)),
        ),
        Some(expires_on) => Check::fail(
            rule,
            Wording::new("membership-expired")
                .with("expires", Fact::Date(expires_on))
                .with("on", Fact::Date(on)),
        ),
        None => Check::fail(
            rule,
            Wording::new("membership-none").with("on", Fact::Date(on)),
        ),
    }
}

/// Nobody applies unmatched: the company co-signs the application.
pub fn mentor_endorsement(endorsed: bool) -> Check {
    let rule = RuleId::MentorEndorsement;
    if endorsed {
        Check::pass(rule, Wording::new("endorsement-met"))
    } else {
        Check::fail(rule, Wording::new("endorsement-missing"))
    }
}

/// `contribution` is `None` until the company states it when endorsing.
pub fn mentor_contribution(contribution: Option<Cents>, minimum: Cents) -> Check {
    let rule = RuleId::MentorContribution;
    let wording = |id| Wording::new(id).with("minimum", Fact::Money(minimum));
    match contribution {
        None if minimum.is_zero() => Check::pass(rule, Wording::new("contribution-none-asked")),
        None => Check::fail(rule, wording("contribution-missing")),
        Some(amount) if amount >= minimum => Check::pass(
            rule,
            wording("contribution-met").with("amount", Fact::Money(amount)),
        ),
        Some(amount) => Check::fail(
            rule,
            wording("contribution-not-met").with("amount", Fact::Money(amount)),
        ),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn dollars(amount: i64) -> Cents {
        Cents::parse(amount * 100).unwrap()
    }

    #[test]
    fn mentors_must_be_members_on_the_day() {
        let on = date(2026, 10, 15);
        assert!(
            mentor_membership(Some(on), on).passed,
            "expiring that day still counts"
        );
        assert!(mentor_membership(Some(date(2027, 3, 31)), on).passed);
        let lapsed = mentor_membership(Some(date(2026, 10, 14)), on);
        assert!(!lapsed.passed);
        assert!(lapsed.message.contains("expired on 14 October 2026"));
        assert!(!mentor_membership(None, on).passed);
    }

    #[test]
    fn nobody_applies_unmatched() {
        assert!(mentor_endorsement(true).passed);
        assert!(!mentor_endorsement(false).passed);
    }

    #[test]
    fn contribution_must_reach_the_minimum() {
        let minimum = dollars(5_000);
        let short = mentor_contribution(Some(dollars(4_000)), minimum);
        assert!(!short.passed);
        assert_eq!(
            short.message,
            "The company's contribution of $4,000.00 is below this cycle's minimum of $5,000.00"
        );
        assert!(mentor_contribution(Some(minimum), minimum).passed);
        assert!(mentor_contribution(Some(dollars(7_500)), minimum).passed);
        assert!(!mentor_contribution(None, minimum).passed);
        assert!(mentor_contribution(None, Cents::ZERO).passed);
    }
}
