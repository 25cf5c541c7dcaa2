use chrono::NaiveDate;
use greenlight_domain::{Employment, EmploymentStatus};

/// Employment status on the day a placement starts, worded as the mentorship
/// FAQ defines it. The contract case is tested first because a term job that
/// is over before the placement leaves the person without paid work then,
/// whatever kind of job it was.
pub fn employment_status_on(
    employment: &Employment,
    placement_starts_on: NaiveDate,
) -> EmploymentStatus {
    if !employment.paid_work {
        return EmploymentStatus::Unemployed;
    }
    let contract_over_before_placement = employment
        .contract_ends_on
        .is_some_and(|ends_on| ends_on < placement_starts_on);
    if contract_over_before_placement && !employment.has_job_prospects {
        return EmploymentStatus::Unemployed;
    }
    if !employment.in_field || !employment.full_time {
        return EmploymentStatus::Underemployed;
    }
    EmploymentStatus::Employed
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    const PLACEMENT_STARTS: (i32, u32, u32) = (2027, 1, 4);

    fn status(employment: Employment) -> EmploymentStatus {
        let (y, m, d) = PLACEMENT_STARTS;
        employment_status_on(&employment, date(y, m, d))
    }

    fn full_time_in_field() -> Employment {
        Employment {
            paid_work: true,
            in_field: true,
            full_time: true,
            contract_ends_on: None,
            has_job_prospects: false,
        }
    }

    #[test]
    fn no_paid_activity_is_unemployed() {
        assert_eq!(status(Employment::default()), EmploymentStatus::Unemployed);
    }

    #[test]
    fn a_contract_ending_before_the_placement_without_prospects_is_unemployed() {
        let employment = Employment {
            contract_ends_on: Some(date(2027, 1, 3)),
            ..full_time_in_field()
        };
        assert_eq!(status(employment), EmploymentStatus::Unemployed);
    }

    #[test]
    fn a_contract_ending_before_the_placement_with_prospects_is_not_unemployed() {
        let employment = Employment {
            contract_ends_on: Some(date(2027, 1, 3)),
            has_job_prospects: true,
            ..full_time_in_field()
        };
        assert_eq!(status(employment), EmploymentStatus::Employed);
    }

    #[test]
    fn a_contract_ending_on_or_after_the_placement_start_is_not_unemployed() {
        for ends_on in [date(2027, 1, 4), date(2027, 6, 30)] {
            let employment = Employment {
                contract_ends_on: Some(ends_on),
                ..full_time_in_field()
            };
            assert_eq!(status(employment), EmploymentStatus::Employed);
        }
    }

    #[test]
    fn part_time_in_field_is_underemployed() {
        let employment = Employment {
            full_time: false,
            ..full_time_in_field()
        };
        assert_eq!(status(employment), EmploymentStatus::Underemployed);
    }

    #[test]
    fn any_work_outside_the_field_is_underemployed() {
        for full_time in [true, false] {
            let employment = Employment {
                in_field: false,
                full_time,
                ..full_time_in_field()
            };
            assert_eq!(status(employment), EmploymentStatus::Underemployed);
        }
    }

    #[test]
    fn full_time_in_field_is_employed() {
        assert_eq!(status(full_time_in_field()), EmploymentStatus::Employed);
    }
}
