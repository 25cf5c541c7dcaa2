use chrono::NaiveDate;
use greenlight_domain::{DateRange, FiscalYear, FiscalYearStart};

use crate::evaluation::{Check, RuleId};
use crate::overlap::overlaps;
use crate::wording::{Fact, Wording};

fn range(range: DateRange) -> Fact {
    Fact::Words(Box::new(
        Wording::new("date-range")
            .with("starts", Fact::Date(range.starts_on()))
            .with("ends", Fact::Date(range.ends_on())),
    ))
}

pub fn one_program_at_a_time(placement: DateRange, other_selected: &[DateRange]) -> Check {
    let rule = RuleId::OneProgramAtATime;
    match other_selected
        .iter()
        .find(|other| overlaps(placement, **other))
    {
        Some(other) => Check::fail(
            rule,
            Wording::new("placement-overlaps")
                .with("other", range(*other))
                .with("placement", range(placement))
                .with("other_starts", Fact::Date(other.starts_on()))
                .with("other_ends", Fact::Date(other.ends_on())),
        ),
        None => Check::pass(
            rule,
            Wording::new("placement-alone").with("placement", range(placement)),
        ),
    }
}

/// Fiscal years are compared by the start dates of the placements that the
/// grants pay for. A placement whose cycle pays no grant (`carries_grant`
/// false) adds no grant, so it always passes.
pub fn one_grant_per_fiscal_year(
    placement_starts_on: NaiveDate,
    carries_grant: bool,
    other_grant_placement_starts: &[NaiveDate],
    fiscal_year_start: FiscalYearStart,
) -> Check {
    let rule = RuleId::OneGrantPerFiscalYear;
    let year = FiscalYear::containing(placement_starts_on, fiscal_year_start);
    let year_fact = || Fact::Plain(year.to_string());
    if !carries_grant {
        return Check::pass(rule, Wording::new("grant-none").with("year", year_fact()));
    }
    match other_grant_placement_starts
        .iter()
        .find(|other| year.contains(**other))
    {
        Some(other) => Check::fail(
            rule,
            Wording::new("grant-taken")
                .with("other", Fact::Date(*other))
                .with("year", year_fact())
                .with("next", Fact::Date(year.next().starts_on())),
        ),
        None => Check::pass(rule, Wording::new("grant-only").with("year", year_fact())),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn range(from: NaiveDate, to: NaiveDate) -> DateRange {
        DateRange::new(from, to).unwrap()
    }

    #[test]
    fn one_program_at_a_time_refuses_overlapping_placements() {
        let this = range(date(2027, 1, 4), date(2027, 6, 30));
        let touching = range(date(2026, 9, 1), date(2027, 1, 4));
        let before = range(date(2026, 9, 1), date(2027, 1, 3));
        assert!(one_program_at_a_time(this, &[]).passed);
        assert!(one_program_at_a_time(this, &[before]).passed);
        let check = one_program_at_a_time(this, &[before, touching]);
        assert!(!check.passed);
        assert!(
            check.message.contains("1 September 2026 to 4 January 2027"),
            "{}",
            check.message
        );
    }

    #[test]
    fn one_grant_per_fiscal_year_splits_on_the_first_of_april() {
        let april = FiscalYearStart::APRIL;
        let march_31 = date(2027, 3, 31);
        let april_1 = date(2027, 4, 1);
        assert!(one_grant_per_fiscal_year(april_1, true, &[march_31], april).passed);
        assert!(one_grant_per_fiscal_year(march_31, true, &[april_1], april).passed);
        let same_year = one_grant_per_fiscal_year(march_31, true, &[date(2026, 4, 1)], april);
        assert!(!same_year.passed);
        assert_eq!(
            same_year.message,
            "You already have an association grant for a placement starting 1 April 2026, in fiscal year 2026–27; only one grant per fiscal year is allowed — a placement starting in another fiscal year, such as on or after 1 April 2027, would pass"
        );
    }

    #[test]
    fn a_placement_without_a_grant_never_breaks_the_limit() {
        let april = FiscalYearStart::APRIL;
        let check = one_grant_per_fiscal_year(date(2027, 3, 31), false, &[date(2026, 4, 1)], april);
        assert!(check.passed);
        assert!(
            check.message.contains("no association grant"),
            "{}",
            check.message
        );
    }

    #[test]
    fn the_fiscal_year_start_month_is_configurable() {
        let january = FiscalYearStart::parse(1).unwrap();
        assert!(
            !one_grant_per_fiscal_year(date(2027, 3, 31), true, &[date(2027, 4, 1)], january)
                .passed
        );
    }
}
