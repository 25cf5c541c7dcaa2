use std::fmt;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::ValueError;

/// The month on whose 1st the association's fiscal year starts.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, ToSchema,
)]
#[serde(try_from = "u32", into = "u32")]
#[schema(value_type = u32, minimum = 1, maximum = 12)]
pub struct FiscalYearStart(u32);

impl FiscalYearStart {
    pub const APRIL: FiscalYearStart = FiscalYearStart(4);

    pub fn parse(month: u32) -> Result<Self, ValueError> {
        if (1..=12).contains(&month) {
            Ok(Self(month))
        } else {
            Err(ValueError::new("value-month", vec![]))
        }
    }

    pub fn month(self) -> u32 {
        self.0
    }
}

/// The association's own fiscal year, as Canadian funders commonly use.
impl Default for FiscalYearStart {
    fn default() -> Self {
        Self::APRIL
    }
}

impl TryFrom<u32> for FiscalYearStart {
    type Error = ValueError;
    fn try_from(month: u32) -> Result<Self, Self::Error> {
        Self::parse(month)
    }
}

impl From<FiscalYearStart> for u32 {
    fn from(start: FiscalYearStart) -> Self {
        start.0
    }
}

/// A twelve-month fiscal year, named by the calendar year it starts in.
///
/// Only the starting year and month are kept, so building one from any date is
/// plain integer arithmetic and can never fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FiscalYear {
    start_year: i32,
    start: FiscalYearStart,
}

impl FiscalYear {
    pub fn containing(date: NaiveDate, start: FiscalYearStart) -> Self {
        let start_year = if date.month() >= start.month() {
            date.year()
        } else {
            date.year() - 1
        };
        Self { start_year, start }
    }

    pub fn start_year(self) -> i32 {
        self.start_year
    }

    /// The 1st of the starting month. Saturates at chrono's earliest date for
    /// the one fiscal year that begins before chrono's range does.
    pub fn starts_on(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.start_year, self.start.month(), 1).unwrap_or(NaiveDate::MIN)
    }

    pub fn next(self) -> Self {
        Self {
            start_year: self.start_year + 1,
            start: self.start,
        }
    }

    pub fn contains(self, date: NaiveDate) -> bool {
        Self::containing(date, self.start) == self
    }
}

/// `2026–27` when the year straddles two calendar years; a fiscal year that
/// starts in January is simply its calendar year, `2026`.
impl fmt::Display for FiscalYear {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.start.month() == 1 {
            write!(f, "{}", self.start_year)
        } else {
            write!(
                f,
                "{}–{:02}",
                self.start_year,
                (self.start_year + 1).rem_euclid(100)
            )
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn april_start_splits_at_the_first_of_april() {
        let april = FiscalYearStart::default();
        let march_31 = FiscalYear::containing(date(2027, 3, 31), april);
        let april_1 = FiscalYear::containing(date(2027, 4, 1), april);
        assert_eq!(march_31.to_string(), "2026–27");
        assert_eq!(april_1.to_string(), "2027–28");
        assert_eq!(march_31.next(), april_1);
        assert_eq!(april_1.starts_on(), date(2027, 4, 1));
        assert!(march_31.contains(date(2026, 4, 1)));
        assert!(!march_31.contains(date(2027, 4, 1)));
    }

    #[test]
    fn other_start_months() {
        let january = FiscalYearStart::parse(1).unwrap();
        assert_eq!(
            FiscalYear::containing(date(2026, 12, 31), january).to_string(),
            "2026"
        );
        let november = FiscalYearStart::parse(11).unwrap();
        let year = FiscalYear::containing(date(2000, 10, 31), november);
        assert_eq!(year.to_string(), "1999–00");
        assert_eq!(year.starts_on(), date(1999, 11, 1));
    }

    #[test]
    fn start_month_must_be_a_month() {
        assert!(FiscalYearStart::parse(0).is_err());
        assert!(FiscalYearStart::parse(13).is_err());
        assert!(serde_json::from_str::<FiscalYearStart>("13").is_err());
    }
}
