use chrono::{Datelike, NaiveDate};

/// Whole years from `birth_date` to `on`; 0 when `on` is before the birth.
///
/// Someone born on 29 February turns a year older on 1 March in non-leap
/// years: until the end of 28 February they have not yet reached the day they
/// were born on. Comparing (month, day) pairs gives exactly that.
pub fn age_on(birth_date: NaiveDate, on: NaiveDate) -> u32 {
    let birthday_not_yet_reached = (on.month(), on.day()) < (birth_date.month(), birth_date.day());
    let years = on.year() - birth_date.year() - i32::from(birthday_not_yet_reached);
    u32::try_from(years).unwrap_or(0)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn a_birthday_counts_from_its_day() {
        let born = date(1997, 6, 15);
        assert_eq!(age_on(born, date(2027, 6, 14)), 29);
        assert_eq!(age_on(born, date(2027, 6, 15)), 30);
    }

    #[test]
    fn leap_day_birthdays_turn_on_the_first_of_march_in_common_years() {
        let born = date(2000, 2, 29);
        assert_eq!(age_on(born, date(2027, 2, 28)), 26);
        assert_eq!(age_on(born, date(2027, 3, 1)), 27);
        assert_eq!(age_on(born, date(2028, 2, 28)), 27);
        assert_eq!(age_on(born, date(2028, 2, 29)), 28);
    }

    #[test]
    fn a_date_before_birth_is_age_zero() {
        assert_eq!(age_on(date(2030, 1, 1), date(2027, 1, 1)), 0);
    }
}
