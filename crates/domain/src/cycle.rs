use chrono::{DateTime, Days, Months, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::ValueError;
use crate::profile::{EmploymentStatus, ResidencyStatus};
use crate::taxonomy::{Audience, CareerStage, Province};
use crate::terms::defined_terms;

/// A mentorship cycle's eligibility restrictions. An absent limit or an empty
/// list means no restriction, except `residency` (see `effective_residency`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(default)]
pub struct CycleRules {
    pub residency: Vec<ResidencyStatus>,
    pub min_age: Option<u32>,
    pub max_age: Option<u32>,
    /// Accepted statuses on the placement's start date, e.g. unemployed and
    /// underemployed.
    pub employment_statuses: Vec<EmploymentStatus>,
    pub student_required: bool,
    pub provinces: Vec<Province>,
    /// The mentee must self-identify in at least one of these.
    pub audiences_any: Vec<Audience>,
    pub career_stages: Vec<CareerStage>,
}

/// The FAQ's default: citizens, permanent residents and protected persons
/// within the meaning of the Immigration and Refugee Protection Act.
pub const DEFAULT_RESIDENCY: &[ResidencyStatus] = &[
    ResidencyStatus::Citizen,
    ResidencyStatus::PermanentResident,
    ResidencyStatus::ProtectedPerson,
];

impl CycleRules {
    /// The residency statuses this cycle accepts.
    pub fn effective_residency(&self) -> &[ResidencyStatus] {
        if self.residency.is_empty() {
            DEFAULT_RESIDENCY
        } else {
            &self.residency
        }
    }

    /// Refuses rules that no one could ever meet, so that a cycle cannot be
    /// published closed to everyone by a typo.
    pub fn validate(&self) -> Result<(), ValueError> {
        if let (Some(min), Some(max)) = (self.min_age, self.max_age)
            && min > max
        {
            return Err(ValueError::new(
                "value-age-order",
                vec![("min", min.to_string()), ("max", max.to_string())],
            ));
        }
        Ok(())
    }
}

defined_terms! {
    /// Where a cycle stands at a given moment.
    pub enum CycleStatus {
        Upcoming => "upcoming", "Upcoming", "Applications have not opened yet.";
        Open => "open", "Open", "Applications are accepted, from `opens_at` to `closes_at` included.";
        Closed => "closed", "Closed", "The application deadline has passed.";
    }
}

impl CycleStatus {
    pub fn at(opens_at: DateTime<Utc>, closes_at: DateTime<Utc>, at: DateTime<Utc>) -> Self {
        if at < opens_at {
            CycleStatus::Upcoming
        } else if at > closes_at {
            CycleStatus::Closed
        } else {
            CycleStatus::Open
        }
    }
}

/// When mentees hear back (the FAQ): selected ones about six to eight weeks
/// after the application deadline, unsuccessful ones within two months.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotificationDates {
    pub selected_from: NaiveDate,
    pub selected_by: NaiveDate,
    pub unsuccessful_by: NaiveDate,
}

impl NotificationDates {
    /// From the deadline's (UTC) date. Two calendar months from a day the
    /// target month lacks ends on that month's last day (31 December →
    /// 28 or 29 February). `None` only past the end of chrono's calendar.
    pub fn after_deadline(deadline: NaiveDate) -> Option<Self> {
        Some(NotificationDates {
            selected_from: deadline.checked_add_days(Days::new(6 * 7))?,
            selected_by: deadline.checked_add_days(Days::new(8 * 7))?,
            unsuccessful_by: deadline.checked_add_months(Months::new(2))?,
        })
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn notification_dates_follow_the_deadline() {
        let dates = NotificationDates::after_deadline(date(2027, 1, 31)).unwrap();
        assert_eq!(dates.selected_from, date(2027, 3, 14));
        assert_eq!(dates.selected_by, date(2027, 3, 28));
        assert_eq!(dates.unsuccessful_by, date(2027, 3, 31));
    }

    #[test]
    fn two_months_from_a_missing_day_ends_on_the_last_day_of_the_month() {
        let unsuccessful = |d| {
            NotificationDates::after_deadline(d)
                .unwrap()
                .unsuccessful_by
        };
        assert_eq!(unsuccessful(date(2026, 12, 31)), date(2027, 2, 28));
        assert_eq!(unsuccessful(date(2027, 12, 31)), date(2028, 2, 29));
        assert_eq!(unsuccessful(date(2027, 12, 29)), date(2028, 2, 29));
        assert_eq!(unsuccessful(date(2028, 2, 29)), date(2028, 4, 29));
    }

    #[test]
    fn a_cycle_is_open_from_opening_to_closing_included() {
        let opens = Utc.with_ymd_and_hms(2026, 9, 1, 0, 0, 0).unwrap();
        let closes = Utc.with_ymd_and_hms(2026, 10, 31, 23, 59, 0).unwrap();
        let second = chrono::Duration::seconds(1);
        assert_eq!(
            CycleStatus::at(opens, closes, opens - second),
            CycleStatus::Upcoming
        );
        assert_eq!(CycleStatus::at(opens, closes, opens), CycleStatus::Open);
        assert_eq!(CycleStatus::at(opens, closes, closes), CycleStatus::Open);
        assert_eq!(
            CycleStatus::at(opens, closes, closes + second),
            CycleStatus::Closed
        );
    }

    #[test]
    fn absent_or_null_rules_restrict_nothing_but_residency() {
        let rules: CycleRules = serde_json::from_str(r#"{"min_age":null,"provinces":[]}"#).unwrap();
        assert_eq!(rules, CycleRules::default());
        assert_eq!(rules.effective_residency(), DEFAULT_RESIDENCY);
    }

    #[test]
    fn a_cycle_list_of_residency_replaces_the_default() {
        let rules: CycleRules = serde_json::from_str(r#"{"residency":["citizen"]}"#).unwrap();
        assert_eq!(rules.effective_residency(), &[ResidencyStatus::Citizen]);
    }

    #[test]
    fn an_inverted_age_range_is_refused() {
        let rules = CycleRules {
            min_age: Some(31),
            max_age: Some(30),
            ..CycleRules::default()
        };
        assert!(rules.validate().is_err());
        assert!(
            CycleRules {
                min_age: Some(30),
                max_age: Some(30),
                ..CycleRules::default()
            }
            .validate()
            .is_ok()
        );
    }
}
