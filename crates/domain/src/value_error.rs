use thiserror::Error;

/// Why a raw value could not become a domain value. The message is written for
/// the API caller, so it names what would have been accepted.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{message}")]
pub struct ValueError {
    pub message: String,
}

impl ValueError {
    pub fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
        }
    }
}
