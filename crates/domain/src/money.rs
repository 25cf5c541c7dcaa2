use std::fmt;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::ValueError;

/// An amount of Canadian dollars in cents, never negative. Integer cents keep
/// sums exact and store the same way on every database.
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    ToSchema,
)]
#[serde(try_from = "i64", into = "i64")]
#[schema(value_type = i64, minimum = 0)]
pub struct Cents(i64);

impl Cents {
    pub const ZERO: Cents = Cents(0);

    pub fn parse(cents: i64) -> Result<Self, ValueError> {
        if cents < 0 {
            return Err(ValueError::new("value-cents", vec![]));
        }
        Ok(Self(cents))
    }

    pub fn get(self) -> i64 {
        self.0
    }

    pub fn is_zero(self) -> bool {
        self.0 == 0
    }
}

impl TryFrom<i64> for Cents {
    type Error = ValueError;
    fn try_from(cents: i64) -> Result<Self, Self::Error> {
        Self::parse(cents)
    }
}

impl From<Cents> for i64 {
    fn from(cents: Cents) -> Self {
        cents.0
    }
}

impl Cents {
    /// Dollars as people of `locale` write them: `$1,200.00` in English,
    /// `1 200,00 $` in French (no-break spaces, as in Canadian French).
    pub fn written(self, locale: crate::Locale) -> String {
        let (group, decimal) = match locale {
            crate::Locale::En => (',', '.'),
            crate::Locale::Fr => ('\u{a0}', ','),
        };
        let dollars = (self.0 / 100).to_string();
        let mut grouped = String::with_capacity(dollars.len() + dollars.len() / 3 * 2);
        for (position, digit) in dollars.chars().enumerate() {
            if position > 0 && (dollars.len() - position).is_multiple_of(3) {
                grouped.push(group);
            }
            grouped.push(digit);
        }
        let cents = self.0 % 100;
        match locale {
            crate::Locale::En => format!("${grouped}{decimal}{cents:02}"),
            crate::Locale::Fr => format!("{grouped}{decimal}{cents:02}\u{a0}$"),
        }
    }
}

/// Dollars with thousands separators, as people write them in English:
/// `$4,000.00`.
impl fmt::Display for Cents {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.written(crate::Locale::En))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn displays_as_dollars_with_separators() {
        let shown = |cents| Cents::parse(cents).unwrap().to_string();
        assert_eq!(shown(0), "$0.00");
        assert_eq!(shown(5), "$0.05");
        assert_eq!(shown(99_999), "$999.99");
        assert_eq!(shown(400_000), "$4,000.00");
        assert_eq!(shown(123_456_789), "$1,234,567.89");
        assert_eq!(shown(i64::MAX), "$92,233,720,368,547,758.07");
    }

    #[test]
    fn french_writes_groups_and_decimals_its_own_way() {
        let shown = |cents| Cents::parse(cents).unwrap().written(crate::Locale::Fr);
        assert_eq!(shown(120_000), "1\u{a0}200,00\u{a0}$");
        assert_eq!(shown(5), "0,05\u{a0}$");
        assert_eq!(shown(123_456_789), "1\u{a0}234\u{a0}567,89\u{a0}$");
    }

    #[test]
    fn refuses_negative_amounts_in_code_and_in_json() {
        assert!(Cents::parse(-1).is_err());
        assert!(serde_json::from_str::<Cents>("-100").is_err());
        assert_eq!(serde_json::from_str::<Cents>("250").unwrap().get(), 250);
    }
}
