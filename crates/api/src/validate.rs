//! The one way a request body is validated: each field's check gives a
//! `Result`, and [`all`] turns the lot into the built values or into one
//! answer naming every bad field. Because the values come out only when
//! every check passed, a handler never holds a half-validated request.
//!
//! Text rules live here too, once: [`text`] for one-line fields and
//! [`long_text`] for the few that may hold line breaks
//! (docs/api-conventions.md, "Text fields"). Bounds keep values to what both
//! databases store (PostgreSQL refuses years chrono accepts, and NUL in
//! text).

use chrono::{DateTime, Datelike, NaiveDate, Utc};

use greenlight_domain::ValueError;
use greenlight_store::StoreError;

use crate::error::{ApiError, FieldError, Wording};

pub const EARLIEST_YEAR: i32 = 1900;
pub const LATEST_YEAR: i32 = 2200;

/// Today as the API counts days: the UTC date (docs/api-conventions.md:
/// a date derived from a timestamp is its UTC date).
pub fn today() -> NaiveDate {
    Utc::now().date_naive()
}

/// A field check's outcome, or a group of them, that [`all`] can collect.
pub trait Checked {
    type Value;
    /// The value when every check inside passed; otherwise records why not.
    fn gather(self, errors: &mut Vec<FieldError>) -> Option<Self::Value>;
}

impl<T> Checked for Result<T, FieldError> {
    type Value = T;
    fn gather(self, errors: &mut Vec<FieldError>) -> Option<T> {
        self.map_err(|error| errors.push(error)).ok()
    }
}

impl<T> Checked for Result<T, Vec<FieldError>> {
    type Value = T;
    fn gather(self, errors: &mut Vec<FieldError>) -> Option<T> {
        self.map_err(|found| errors.extend(found)).ok()
    }
}

/// An optional field: absent is fine, present must pass.
impl<C: Checked> Checked for Option<C> {
    type Value = Option<C::Value>;
    fn gather(self, errors: &mut Vec<FieldError>) -> Option<Self::Value> {
        match self {
            Some(checked) => checked.gather(errors).map(Some),
            None => Some(None),
        }
    }
}

/// A list field: every item is checked, so one answer names each bad one.
impl<C: Checked> Checked for Vec<C> {
    type Value = Vec<C::Value>;
    fn gather(self, errors: &mut Vec<FieldError>) -> Option<Self::Value> {
        let before = errors.len();
        let values: Vec<_> = self
            .into_iter()
            .filter_map(|checked| checked.gather(errors))
            .collect();
        (errors.len() == before).then_some(values)
    }
}

macro_rules! checked_tuple {
    ($($name:ident),+) => {
        impl<$($name: Checked),+> Checked for ($($name,)+) {
            type Value = ($($name::Value,)+);
            #[allow(non_snake_case)]
            fn gather(self, errors: &mut Vec<FieldError>) -> Option<Self::Value> {
                let ($($name,)+) = self;
                // Every member is collected before any is unwrapped, so the
                // answer names every bad field, not the first.
                let ($($name,)+) = ($($name.gather(errors),)+);
                Some(($($name?,)+))
            }
        }
    };
}

checked_tuple!(A);
checked_tuple!(A, B);
checked_tuple!(A, B, C);
checked_tuple!(A, B, C, D);
checked_tuple!(A, B, C, D, E);
checked_tuple!(A, B, C, D, E, F);
checked_tuple!(A, B, C, D, E, F, G);
checked_tuple!(A, B, C, D, E, F, G, H);
checked_tuple!(A, B, C, D, E, F, G, H, I);
checked_tuple!(A, B, C, D, E, F, G, H, I, J);
checked_tuple!(A, B, C, D, E, F, G, H, I, J, K);
checked_tuple!(A, B, C, D, E, F, G, H, I, J, K, L);

/// The checked values, or every field that failed, for a check made of
/// other checks (a nested object, a list).
pub fn gathered<C: Checked>(checked: C) -> Result<C::Value, Vec<FieldError>> {
    let mut errors = Vec::new();
    match checked.gather(&mut errors) {
        Some(value) if errors.is_empty() => Ok(value),
        _ => Err(errors),
    }
}

/// The checked values, or a 422 naming every field that failed.
pub fn all<C: Checked>(checked: C) -> Result<C::Value, ApiError> {
    gathered(checked).map_err(ApiError::Validation)
}

/// A check that needs no value: `Err` naming `field` unless `holds`.
pub fn require(holds: bool, field: &str, message: impl Into<Wording>) -> Result<(), FieldError> {
    if holds {
        Ok(())
    } else {
        Err(FieldError::new(field, message))
    }
}

/// A date between 1900-01-01 and 2200-12-31.
pub fn plausible_date(field: &str, date: NaiveDate) -> Result<NaiveDate, FieldError> {
    require(
        (EARLIEST_YEAR..=LATEST_YEAR).contains(&date.year()),
        field,
        Wording::of(
            "validation-date-years",
            vec![
                ("earliest", EARLIEST_YEAR.to_string()),
                ("latest", LATEST_YEAR.to_string()),
            ],
        ),
    )
    .map(|()| date)
}

/// A timestamp in the same years as [`plausible_date`].
pub fn plausible_timestamp(field: &str, at: DateTime<Utc>) -> Result<DateTime<Utc>, FieldError> {
    plausible_date(field, at.date_naive()).map(|_| at)
}

/// Whether `c` may appear in any text: no C0 control character and no DEL,
/// line breaks aside (which only [`long_text`] keeps).
fn forbidden(c: char) -> bool {
    (c.is_ascii_control() && c != '\n' && c != '\r') || c == '\u{7f}'
}

/// Refuses the control characters no text field of the API takes (NUL
/// among them, which PostgreSQL cannot store). The body extractor applies
/// it to every string of every body, so a field that skips [`text`] is still
/// covered.
pub fn printable(field: &str, raw: &str) -> Result<(), FieldError> {
    require(
        !raw.chars().any(forbidden),
        field,
        Wording::of("validation-control-characters", vec![]),
    )
}

/// A one-line text: trimmed, `min..=max` characters, no control characters
/// or line breaks.
pub fn text(field: &str, raw: &str, min: usize, max: usize) -> Result<String, FieldError> {
    require(
        !raw.trim().contains(['\n', '\r']),
        field,
        Wording::of("validation-single-line", vec![]),
    )?;
    long_text(field, raw, min, max)
}

/// A text that may hold line breaks (`description`, `bio`, `statement`,
/// `message`, `summary`): trimmed, `min..=max` characters, no other control
/// characters.
pub fn long_text(field: &str, raw: &str, min: usize, max: usize) -> Result<String, FieldError> {
    printable(field, raw)?;
    let text = raw.trim();
    let length = text.chars().count();
    if (min..=max).contains(&length) {
        Ok(text.to_owned())
    } else if min == 0 {
        Err(FieldError::new(
            field,
            ValueError::new("value-too-long", vec![("max", max.to_string())]),
        ))
    } else {
        Err(FieldError::new(
            field,
            Wording::of(
                "validation-length",
                vec![("min", min.to_string()), ("max", max.to_string())],
            ),
        ))
    }
}

/// An absolute http(s) address, kept as sent; one rule for every URL field.
pub fn web_address(field: &str, raw: &str) -> Result<String, FieldError> {
    greenlight_domain::WebUrl::parse(raw)
        .map(|url| url.as_str().to_owned())
        .map_err(|error| FieldError::new(field, error))
}

/// A reference a body makes to another record: a field error when no such
/// record exists, any other failure of the lookup as it is.
pub fn exists<T>(
    field: &str,
    message: Wording,
    found: Result<T, StoreError>,
) -> Result<Result<(), FieldError>, ApiError> {
    match found {
        Ok(_) => Ok(Ok(())),
        Err(StoreError::NotFound) => Ok(Err(FieldError::new(field, message))),
        Err(error) => Err(error.into()),
    }
}

/// A value parsed by a domain type, its complaint named after `field`.
pub fn parsed<T>(
    field: &str,
    result: Result<T, greenlight_domain::ValueError>,
) -> Result<T, FieldError> {
    result.map_err(|error| FieldError::new(field, error))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn fields(error: ApiError) -> Vec<String> {
        match error {
            ApiError::Validation(errors) => errors.into_iter().map(|e| e.field).collect(),
            other => panic!("expected a validation error, got {other:?}"),
        }
    }

    #[test]
    fn all_names_every_bad_field_in_order() {
        let checked = (
            text("title", "", 1, 10),
            Ok::<_, FieldError>(3),
            vec![
                text("tags[0]", "ok", 1, 5),
                text("tags[1]", "far too long", 1, 5),
            ],
            Some(web_address("url", "nope")),
            require(
                false,
                "ends_on",
                Wording::of("validation-not-before", vec![("other", "starts_on".into())]),
            ),
        );
        let names = all(checked).err().map(fields);
        assert_eq!(
            names,
            Some(vec![
                "title".into(),
                "tags[1]".into(),
                "url".into(),
                "ends_on".into()
            ])
        );
    }

    #[test]
    fn all_gives_the_values_when_every_check_passed() {
        let checked = (
            text("title", " A title ", 1, 10),
            None::<Result<u8, FieldError>>,
        );
        assert_eq!(all(checked).ok(), Some(("A title".to_owned(), None)));
    }

    #[test]
    fn line_breaks_only_in_long_text() {
        assert!(text("title", "two\nlines", 1, 20).is_err());
        assert_eq!(
            long_text("description", "two\r\nlines", 1, 20)
                .ok()
                .as_deref(),
            Some("two\r\nlines")
        );
        assert!(long_text("description", "tab\there", 1, 20).is_err());
    }

    #[test]
    fn text_refusals_are_worded_in_french_too() {
        let french = |refused: Option<FieldError>| {
            refused.map(|error| {
                let english = error.message.clone();
                (
                    english,
                    error.in_locale(greenlight_domain::Locale::Fr).message,
                )
            })
        };
        assert_eq!(
            french(text("title", "", 1, 200).err()),
            Some((
                "must be 1 to 200 characters".to_owned(),
                "doit compter de 1 à 200 caractères".to_owned()
            ))
        );
        assert_eq!(
            french(text("title", "far too long", 0, 5).err()),
            Some((
                "must be at most 5 characters".to_owned(),
                "doit compter au plus 5 caractères".to_owned()
            ))
        );
        assert_eq!(
            french(printable("title", "a\u{0}b").err()),
            Some((
                "must not contain control characters".to_owned(),
                "ne doit pas contenir de caractères de contrôle".to_owned()
            ))
        );
        let year = NaiveDate::from_ymd_opt(1800, 1, 1).unwrap_or_default();
        assert_eq!(
            french(plausible_date("starts_on", year).err()),
            Some((
                "must be a date from 1900-01-01 to 2200-12-31".to_owned(),
                "doit être une date du 1900-01-01 au 2200-12-31".to_owned()
            ))
        );
    }

    proptest! {
        #[test]
        fn no_control_character_passes_any_text_check(
            before in "[a-z ]{0,5}",
            control in prop_oneof![(0u32..0x20), Just(0x7f)],
            after in "[a-z ]{0,5}",
        ) {
            let c = char::from_u32(control).unwrap_or('\0');
            let raw = format!("{before}x{c}x{after}");
            prop_assert!(text("f", &raw, 0, 100).is_err());
            prop_assert_eq!(long_text("f", &raw, 0, 100).is_ok(), c == '\n' || c == '\r');
            prop_assert_eq!(printable("f", &raw).is_ok(), c == '\n' || c == '\r');
        }
    }
}
