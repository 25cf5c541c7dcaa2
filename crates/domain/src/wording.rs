//! How messages for people write dates, lists and counts: eligibility rule
//! messages and match reasons read alike.

use std::fmt::Display;

use chrono::{Datelike, NaiveDate};

use crate::Locale;
use crate::l10n::MESSAGES;
use crate::taxonomy::CareerStage;
use crate::terms::DefinedTerm;

/// `4 January 2027`: unambiguous across the English and French conventions
/// that `01/04/2027` confuses.
pub fn long_date(date: NaiveDate) -> String {
    date_in(Locale::En, date)
}

const FRENCH_MONTHS: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

/// A date written out in `locale`: `5 April 2027`, `5 avril 2027` (French
/// writes the first of the month `1er`).
pub fn date_in(locale: Locale, date: NaiveDate) -> String {
    match locale {
        Locale::En => date.format("%-d %B %Y").to_string(),
        Locale::Fr => {
            let day = match date.day() {
                1 => "1er".to_owned(),
                day => day.to_string(),
            };
            let month = FRENCH_MONTHS[date.month0() as usize];
            format!("{day} {month} {}", date.year())
        }
    }
}

/// `A`, `A or B`, `A, B or C`.
pub fn or_list<T: Display>(items: impl IntoIterator<Item = T>) -> String {
    or_list_in(Locale::En, items)
}

/// [`or_list`] in `locale`: `A, B ou C`.
pub fn or_list_in<T: Display>(locale: Locale, items: impl IntoIterator<Item = T>) -> String {
    let items: Vec<String> = items.into_iter().map(|item| item.to_string()).collect();
    match items.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => MESSAGES.text(
            locale,
            "wording-or",
            &[
                ("first", rest.join(", ").into()),
                ("last", last.as_str().into()),
            ],
        ),
    }
}

/// `0 credits`, `1 credit`, `2 credits`.
pub fn credits(count: u32) -> String {
    credits_in(Locale::En, count)
}

/// [`credits`] in `locale`: `0 crédit`, `1 crédit`, `2 crédits`.
pub fn credits_in(locale: Locale, count: u32) -> String {
    MESSAGES.text(locale, "wording-credits", &[("count", count.into())])
}

/// `emerging or early career`.
pub fn stage_names(stages: &[CareerStage]) -> String {
    stage_names_in(Locale::En, stages)
}

/// [`stage_names`] in `locale`: `émergent ou début de carrière`.
pub fn stage_names_in(locale: Locale, stages: &[CareerStage]) -> String {
    or_list_in(
        locale,
        stages
            .iter()
            .map(|stage| stage.label_in(locale).to_lowercase()),
    )
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
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default();
        assert_eq!(date_in(Locale::Fr, day(2027, 4, 5)), "5 avril 2027");
        assert_eq!(date_in(Locale::Fr, day(2027, 8, 1)), "1er août 2027");
        assert_eq!(date_in(Locale::En, day(2027, 4, 5)), "5 April 2027");
        assert_eq!(credits(1), "1 credit");
        assert_eq!(credits_in(Locale::Fr, 0), "0 crédit");
        assert_eq!(credits_in(Locale::Fr, 2), "2 crédits");
        assert_eq!(or_list_in(Locale::Fr, ["BC", "NL", "ON"]), "BC, NL ou ON");
        assert_eq!(
            stage_names_in(
                Locale::Fr,
                &[CareerStage::Emerging, CareerStage::EarlyCareer]
            ),
            "émergent ou début de carrière"
        );
        assert_eq!(credits(0), "0 credits");
    }
}
