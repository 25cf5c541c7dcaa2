//! How messages for people write dates, lists and counts: eligibility rule
//! messages and match reasons read alike.

use std::fmt::Display;

use chrono::NaiveDate;

use crate::taxonomy::CareerStage;

/// `4 January 2027`: unambiguous across the English and French conventions
/// that `01/04/2027` confuses.
pub fn long_date(date: NaiveDate) -> String {
    date.format("%-d %B %Y").to_string()
}

/// `A`, `A or B`, `A, B or C`.
pub fn or_list<T: Display>(items: impl IntoIterator<Item = T>) -> String {
    let items: Vec<String> = items.into_iter().map(|item| item.to_string()).collect();
    match items.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
    }
}

/// `0 credits`, `1 credit`, `2 credits`.
pub fn credits(count: u32) -> String {
    if count == 1 {
        "1 credit".to_owned()
    } else {
        format!("{count} credits")
    }
}

/// `emerging or early career`.
pub fn stage_names(stages: &[CareerStage]) -> String {
    or_list(stages.iter().map(|stage| stage.label().to_lowercase()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_read_as_sentences() {
        assert_eq!(or_list(Vec::<&str>::new()), "");
        assert_eq!(or_list(["BC"]), "BC");
        assert_eq!(or_list(["BC", "NL"]), "BC or NL");
        assert_eq!(or_list(["BC", "NL", "ON"]), "BC, NL or ON");
        assert_eq!(
            stage_names(&[CareerStage::Emerging, CareerStage::EarlyCareer]),
            "emerging or early career"
        );
    }

    #[test]
    fn dates_are_written_out() {
        assert_eq!(
            long_date(NaiveDate::from_ymd_opt(2027, 1, 4).unwrap_or_default()),
            "4 January 2027"
        );
        assert_eq!(credits(1), "1 credit");
        assert_eq!(credits(0), "0 credits");
    }
}
