use std::path::PathBuf;

use diesel::result::{DatabaseErrorKind, Error as DieselError};
use thiserror::Error;

/// What can go wrong below the API. The API maps each variant to an HTTP
/// answer in one place; nothing here knows about HTTP.
#[derive(Debug, Error)]
pub enum StoreError {
    #[error("not found")]
    NotFound,
    /// A unique constraint refused the row; `constraint` names it when the
    /// backend says which.
    #[error("duplicate value violates {constraint:?}")]
    Conflict { constraint: Option<String> },
    /// A foreign key pointed nowhere.
    #[error("referenced row does not exist ({constraint:?})")]
    MissingReference { constraint: Option<String> },
    #[error("could not open the database at {url}: {source}")]
    Connect {
        url: String,
        #[source]
        source: diesel::ConnectionError,
    },
    #[error("could not create the data folder {path}: {source}")]
    DataDir {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("no database connection available: {0}")]
    Pool(#[from] r2d2::Error),
    #[error("migrations failed: {0}")]
    Migration(String),
    #[error("database error: {0}")]
    Database(DieselError),
}

impl From<DieselError> for StoreError {
    fn from(error: DieselError) -> Self {
        match error {
            DieselError::NotFound => StoreError::NotFound,
            DieselError::DatabaseError(DatabaseErrorKind::UniqueViolation, info) => {
                StoreError::Conflict {
                    constraint: info.constraint_name().map(str::to_owned),
                }
            }
            DieselError::DatabaseError(DatabaseErrorKind::ForeignKeyViolation, info) => {
                StoreError::MissingReference {
                    constraint: info.constraint_name().map(str::to_owned),
                }
            }
            other => StoreError::Database(other),
        }
    }
}

pub type StoreResult<T> = Result<T, StoreError>;

/// Reads a stored vocabulary id back into its domain type; a value the code
/// does not know means the database was written by something else, which is
/// a deserialization failure rather than bad input.
pub(crate) fn decode<T: std::str::FromStr>(raw: &str, column: &str) -> StoreResult<T> {
    raw.parse().map_err(|_| unknown_value(raw, column))
}

pub(crate) fn unknown_value(raw: &str, column: &str) -> StoreError {
    StoreError::Database(DieselError::DeserializationError(
        format!("unknown value {raw:?} in {column}").into(),
    ))
}
