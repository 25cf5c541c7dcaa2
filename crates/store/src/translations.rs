//! The `translations` column of content tables: the French wording as JSON
//! text, the same on both backends (docs/domain.md, Languages).

use greenlight_domain::Translations;

use crate::error::{StoreResult, unknown_value};

pub(crate) fn encode(translations: &Translations) -> String {
    serde_json::to_string(&translations.clone().normalized()).unwrap_or_else(|_| "{}".to_owned())
}

pub(crate) fn decode(raw: &str, column: &str) -> StoreResult<Translations> {
    serde_json::from_str(raw).map_err(|_| unknown_value(raw, column))
}
