use chrono::{DateTime, Utc};

use crate::evaluation::{Check, RuleId};
use crate::wording::{Fact, Wording};

/// Open from `opens_at` to `closes_at`, both instants included.
pub fn application_window(
    opens_at: DateTime<Utc>,
    closes_at: DateTime<Utc>,
    at: DateTime<Utc>,
) -> Check {
    let rule = RuleId::ApplicationWindow;
    let closes = Fact::Timestamp(closes_at);
    if at < opens_at {
        Check::fail(
            rule,
            Wording::new("window-not-open")
                .with("opens", Fact::Timestamp(opens_at))
                .with("closes", closes),
        )
    } else if at > closes_at {
        Check::fail(rule, Wording::new("window-closed").with("closes", closes))
    } else {
        Check::pass(rule, Wording::new("window-open").with("closes", closes))
    }
}

pub fn one_application_per_cycle(other_active_applications: u32) -> Check {
    let rule = RuleId::OneApplicationPerCycle;
    match other_active_applications {
        0 => Check::pass(rule, Wording::new("one-application-only")),
        count => Check::fail(
            rule,
            Wording::new("one-application-other").with("count", Fact::Count(count)),
        ),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn at(day: u32, hour: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 10, day, hour, 0, 0).unwrap()
    }

    #[test]
    fn window_includes_both_ends() {
        let (opens, closes) = (at(1, 9), at(31, 17));
        assert!(application_window(opens, closes, opens).passed);
        assert!(application_window(opens, closes, closes).passed);
    }

    #[test]
    fn too_early_or_too_late_fails_and_names_the_dates() {
        let (opens, closes) = (at(1, 9), at(31, 17));
        let early = application_window(opens, closes, at(1, 8));
        assert!(!early.passed);
        assert!(
            early
                .message
                .contains("open on 1 October 2026 at 09:00 UTC"),
            "{}",
            early.message
        );
        let late = application_window(opens, closes, at(31, 18));
        assert!(!late.passed);
        assert!(
            late.message
                .contains("closed on 31 October 2026 at 17:00 UTC")
        );
    }

    #[test]
    fn a_second_active_application_fails() {
        assert!(one_application_per_cycle(0).passed);
        assert!(!one_application_per_cycle(1).passed);
        assert!(
            one_application_per_cycle(2)
                .message
                .contains("2 applications")
        );
    }
}
