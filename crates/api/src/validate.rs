//! Bounds shared by request bodies, so that a value both databases can store
//! is all that ever reaches them (PostgreSQL refuses years chrono accepts).

use chrono::{DateTime, Datelike, NaiveDate, Utc};

use crate::error::FieldError;

pub const EARLIEST_YEAR: i32 = 1900;
pub const LATEST_YEAR: i32 = 2200;

/// Today as the API counts days: the UTC date (docs/api-conventions.md:
/// a date derived from a timestamp is its UTC date).
pub fn today() -> NaiveDate {
    Utc::now().date_naive()
}

/// A date between 1900-01-01 and 2200-12-31.
pub fn plausible_date(field: &str, date: NaiveDate) -> Result<(), FieldError> {
    if (EARLIEST_YEAR..=LATEST_YEAR).contains(&date.year()) {
        Ok(())
    } else {
        Err(FieldError::new(
            field,
            format!("must be a date from {EARLIEST_YEAR}-01-01 to {LATEST_YEAR}-12-31"),
        ))
    }
}

/// A timestamp in the same years as [`plausible_date`].
pub fn plausible_timestamp(field: &str, at: DateTime<Utc>) -> Result<(), FieldError> {
    plausible_date(field, at.date_naive())
}

/// Trims `raw` and checks it has `min..=max` characters.
pub fn text(field: &str, raw: &str, min: usize, max: usize) -> Result<String, FieldError> {
    let text = raw.trim();
    let length = text.chars().count();
    if (min..=max).contains(&length) {
        Ok(text.to_owned())
    } else if min == 0 {
        Err(FieldError::new(
            field,
            format!("must be at most {max} characters"),
        ))
    } else {
        Err(FieldError::new(
            field,
            format!("must be {min} to {max} characters"),
        ))
    }
}

/// An absolute http(s) address, kept as sent; one rule for every URL field.
pub fn web_address(field: &str, raw: &str) -> Result<String, FieldError> {
    greenlight_domain::WebUrl::parse(raw)
        .map(|url| url.as_str().to_owned())
        .map_err(|error| FieldError::new(field, error.message))
}

/// Collects field errors so that one answer names every bad field.
#[derive(Debug, Default)]
pub struct Errors(pub Vec<FieldError>);

impl Errors {
    /// The value when valid; otherwise records the error and gives `None`.
    pub fn check<T>(&mut self, result: Result<T, FieldError>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(error) => {
                self.0.push(error);
                None
            }
        }
    }

    pub fn push(&mut self, field: impl Into<String>, message: impl Into<String>) {
        self.0.push(FieldError::new(field, message));
    }

    pub fn into_result(self) -> Result<(), crate::error::ApiError> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(crate::error::ApiError::Validation(self.0))
        }
    }
}
