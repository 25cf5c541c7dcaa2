use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::ValueError;

/// Consecutive days, both ends included, such as a placement from its first
/// to its last working day.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, ToSchema,
)]
#[serde(try_from = "UncheckedDateRange")]
pub struct DateRange {
    starts_on: NaiveDate,
    ends_on: NaiveDate,
}

#[derive(Deserialize)]
struct UncheckedDateRange {
    starts_on: NaiveDate,
    ends_on: NaiveDate,
}

impl DateRange {
    pub fn new(starts_on: NaiveDate, ends_on: NaiveDate) -> Result<Self, ValueError> {
        if ends_on < starts_on {
            return Err(ValueError::new("value-ends-before-start", vec![]));
        }
        Ok(Self { starts_on, ends_on })
    }

    pub fn starts_on(self) -> NaiveDate {
        self.starts_on
    }

    pub fn ends_on(self) -> NaiveDate {
        self.ends_on
    }
}

impl TryFrom<UncheckedDateRange> for DateRange {
    type Error = ValueError;
    fn try_from(raw: UncheckedDateRange) -> Result<Self, Self::Error> {
        Self::new(raw.starts_on, raw.ends_on)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_single_day_is_a_range_but_a_backwards_one_is_not() {
        let day = NaiveDate::from_ymd_opt(2026, 5, 1).unwrap();
        assert!(DateRange::new(day, day).is_ok());
        assert!(DateRange::new(day, day.pred_opt().unwrap()).is_err());
        assert!(
            serde_json::from_str::<DateRange>(
                r#"{"starts_on":"2026-05-02","ends_on":"2026-05-01"}"#
            )
            .is_err()
        );
    }
}
