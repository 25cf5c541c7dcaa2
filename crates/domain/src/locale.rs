//! The service's two languages and the French wording editors give to
//! content (docs/domain.md, Languages).

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::ValueError;

/// A language the service answers in. English is the language content is
/// written in first; French text falls back to it field by field.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Locale {
    #[default]
    En,
    Fr,
}

impl Locale {
    pub const ALL: [Locale; 2] = [Locale::En, Locale::Fr];

    pub fn as_str(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::Fr => "fr",
        }
    }

    /// `en` or `fr`; a region (`fr-CA`) or another case (`FR`) names the
    /// same language.
    pub fn parse(raw: &str) -> Result<Self, ValueError> {
        let language = raw.split(['-', '_']).next().unwrap_or_default();
        match language.to_ascii_lowercase().as_str() {
            "en" => Ok(Locale::En),
            "fr" => Ok(Locale::Fr),
            _ => Err(ValueError::new("value-locale", vec![])),
        }
    }
}

impl std::str::FromStr for Locale {
    type Err = ValueError;
    fn from_str(raw: &str) -> Result<Self, Self::Err> {
        Locale::parse(raw)
    }
}

impl std::fmt::Display for Locale {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The French text of a resource's fields; an absent field shows in
/// English. Which fields a resource takes is its API module's concern.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Translation {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

impl Translation {
    pub fn is_empty(&self) -> bool {
        self == &Translation::default()
    }
}

/// A resource's translations by language: today French only, English being
/// the resource's own fields.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"fr": {"title": "Programme STAR pour producteurs"}}))]
pub struct Translations {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fr: Option<Translation>,
}

impl Translations {
    /// The translation into `locale`, if any (English has none: it is the
    /// original).
    pub fn get(&self, locale: Locale) -> Option<&Translation> {
        match locale {
            Locale::En => None,
            Locale::Fr => self.fr.as_ref(),
        }
    }

    /// `english`, or its translation into `locale` when there is one.
    pub fn pick<'a>(
        &'a self,
        locale: Locale,
        english: &'a str,
        field: impl Fn(&Translation) -> Option<&String>,
    ) -> &'a str {
        self.get(locale)
            .and_then(field)
            .map_or(english, String::as_str)
    }

    /// Drops empty translations, so storage and answers hold `{}` for none.
    pub fn normalized(mut self) -> Self {
        if self.fr.as_ref().is_some_and(Translation::is_empty) {
            self.fr = None;
        }
        self
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_locale_is_its_language_whatever_the_region_or_case() {
        assert_eq!(Locale::parse("fr-CA").unwrap(), Locale::Fr);
        assert_eq!(Locale::parse("EN").unwrap(), Locale::En);
        assert_eq!(Locale::parse("de").unwrap_err().message, "must be en or fr");
        assert!(Locale::parse("").is_err());
    }

    #[test]
    fn untranslated_fields_fall_back_to_english() {
        let translations: Translations =
            serde_json::from_str(r#"{"fr": {"title": "Titre"}}"#).unwrap();
        assert_eq!(
            translations.pick(Locale::Fr, "Title", |t| t.title.as_ref()),
            "Titre"
        );
        assert_eq!(
            translations.pick(Locale::Fr, "Summary", |t| t.summary.as_ref()),
            "Summary"
        );
        assert_eq!(
            translations.pick(Locale::En, "Title", |t| t.title.as_ref()),
            "Title"
        );
        assert!(serde_json::from_str::<Translations>(r#"{"de": {}}"#).is_err());
        let empty: Translations = serde_json::from_str(r#"{"fr": {}}"#).unwrap();
        assert_eq!(serde_json::to_string(&empty.normalized()).unwrap(), "{}");
    }
}
