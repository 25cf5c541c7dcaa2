use thiserror::Error;

use crate::Locale;
use crate::l10n::{MESSAGES, Phrase};

/// Why a raw value could not become a domain value. The message is written for
/// the API caller, so it names what would have been accepted; `message` is
/// its English, [`ValueError::in_locale`] any language.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{message}")]
pub struct ValueError {
    pub message: String,
    pub phrase: Phrase,
}

impl ValueError {
    /// The complaint worded by message `id` of `locales/*.ftl`, its
    /// placeables filled from `args`.
    pub fn new(id: &'static str, args: Vec<(&'static str, String)>) -> Self {
        let phrase = Phrase::new(&MESSAGES, id, args);
        Self {
            message: phrase.in_locale(Locale::En),
            phrase,
        }
    }

    pub fn in_locale(&self, locale: Locale) -> String {
        self.phrase.in_locale(locale)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn the_english_message_is_the_english_wording() {
        let error = ValueError::new("value-one-of", vec![("allowed", "open, closed".into())]);
        assert_eq!(error.message, "must be one of open, closed");
        assert_eq!(error.to_string(), error.message);
        assert_eq!(
            error.in_locale(Locale::Fr),
            "doit être l'une des valeurs open, closed"
        );
    }

    #[test]
    fn every_complaint_the_source_names_is_in_both_locales() {
        let source = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/src"));
        let missing =
            crate::l10n::missing_ids_named_in(&MESSAGES, source, &["value-", "survey-"]).unwrap();
        assert!(missing.is_empty(), "{missing:#?}");
    }
}
