use std::fmt;

use serde::{Deserialize, Serialize};

use crate::ValueError;

/// An email address, trimmed and lower-cased so that one mailbox is one account.
///
/// Validation is deliberately shallow (one `@`, a dotted domain, no spaces): the
/// only real proof of an address is a message that arrives.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Email(String);

const MAX_LEN: usize = 254;

impl Email {
    pub fn parse(raw: &str) -> Result<Self, ValueError> {
        let email = raw.trim().to_lowercase();
        let invalid = || ValueError::new("value-email", vec![]);
        if email.is_empty() || email.len() > MAX_LEN || email.chars().any(char::is_whitespace) {
            return Err(invalid());
        }
        let (local, domain) = email.split_once('@').ok_or_else(invalid)?;
        let domain_ok = domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains('@')
            && !domain.contains("..");
        if local.is_empty() || !domain_ok {
            return Err(invalid());
        }
        Ok(Self(email))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Email {
    type Error = ValueError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Email> for String {
    fn from(value: Email) -> Self {
        value.0
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_and_trims() {
        assert_eq!(
            Email::parse("  Ada@Example.ORG ").map(String::from),
            Ok("ada@example.org".to_owned())
        );
    }

    #[test]
    fn rejects_what_cannot_be_a_mailbox() {
        for bad in [
            "",
            "ada",
            "ada@",
            "@example.org",
            "ada@example",
            "a da@example.org",
            "ada@@example.org",
            "ada@example..org",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad:?} was accepted");
        }
    }
}
