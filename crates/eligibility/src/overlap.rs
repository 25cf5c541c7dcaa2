use greenlight_domain::DateRange;

/// Whether two inclusive ranges share at least one day: a placement ending on
/// the day another starts overlaps it.
pub fn overlaps(a: DateRange, b: DateRange) -> bool {
    a.starts_on() <= b.ends_on() && b.starts_on() <= a.ends_on()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use chrono::NaiveDate;

    use super::*;

    fn range(from: (u32, u32), to: (u32, u32)) -> DateRange {
        let day = |(m, d)| NaiveDate::from_ymd_opt(2027, m, d).unwrap();
        DateRange::new(day(from), day(to)).unwrap()
    }

    #[test]
    fn sharing_one_day_overlaps() {
        assert!(overlaps(range((1, 1), (3, 31)), range((3, 31), (6, 30))));
    }

    #[test]
    fn consecutive_ranges_do_not_overlap() {
        assert!(!overlaps(range((1, 1), (3, 30)), range((3, 31), (6, 30))));
    }

    #[test]
    fn containment_overlaps() {
        assert!(overlaps(range((1, 1), (12, 31)), range((5, 1), (5, 1))));
    }
}
