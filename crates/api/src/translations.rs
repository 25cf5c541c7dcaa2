//! `translations` in request bodies (docs/api-conventions.md, Languages):
//! each resource names the fields it translates and how long each may be,
//! as its English field may be; everything else is refused naming the field.

use greenlight_domain::{Locale, Translation, Translations};

use crate::error::{FieldError, Wording};
use crate::validate;

/// A translatable field of a resource and the most characters it takes.
#[derive(Debug, Clone, Copy)]
pub struct Translatable {
    pub name: &'static str,
    pub max: usize,
    /// Long text (`description`, `summary`) may hold line breaks.
    pub long_text: bool,
}

pub const fn field(name: &'static str, max: usize, long_text: bool) -> Translatable {
    Translatable {
        name,
        max,
        long_text,
    }
}

fn slot<'a>(translation: &'a mut Translation, name: &str) -> Option<&'a mut Option<String>> {
    match name {
        "title" => Some(&mut translation.title),
        "summary" => Some(&mut translation.summary),
        "description" => Some(&mut translation.description),
        "name" => Some(&mut translation.name),
        _ => None,
    }
}

const EVERY_FIELD: [&str; 4] = ["title", "summary", "description", "name"];

/// The translations trimmed, or an error for each field that is not among
/// `allowed` or breaks its English field's rules (`crate::validate`).
pub fn checked(
    translations: Translations,
    allowed: &[Translatable],
) -> Result<Translations, Vec<FieldError>> {
    let Some(mut french) = translations.fr else {
        return Ok(Translations::default());
    };
    let mut errors = Vec::new();
    for name in EVERY_FIELD {
        let path = format!("translations.fr.{name}");
        let Some(value) = slot(&mut french, name) else {
            continue;
        };
        let Some(raw) = value.take() else {
            continue;
        };
        let Some(rule) = allowed.iter().find(|rule| rule.name == name) else {
            let names: Vec<&str> = allowed.iter().map(|rule| rule.name).collect();
            errors.push(FieldError::new(
                path,
                Wording::of(
                    "validation-not-translatable",
                    vec![("translatable", names.join(", "))],
                ),
            ));
            continue;
        };
        let text = if rule.long_text {
            validate::long_text(&path, &raw, 1, rule.max)
        } else {
            validate::text(&path, &raw, 1, rule.max)
        };
        match text {
            Ok(text) => *value = Some(text),
            Err(error) => errors.push(error),
        }
    }
    if errors.is_empty() {
        Ok(Translations { fr: Some(french) }.normalized())
    } else {
        Err(errors)
    }
}

/// Puts `text` (an English field of an answer) into `locale` when
/// `translations` has it.
pub fn localize(
    text: &mut String,
    translations: &Translations,
    locale: Locale,
    field: fn(&Translation) -> Option<&String>,
) {
    if let Some(translated) = translations.get(locale).and_then(field) {
        text.clone_from(translated);
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    const PROGRAM: [Translatable; 2] = [field("title", 10, false), field("summary", 50, true)];

    #[test]
    fn only_the_resource_s_fields_are_taken_trimmed_and_bounded() {
        let translations: Translations = serde_json::from_value(serde_json::json!({
            "fr": {"title": "  Titre ", "summary": "Ligne\nsuivante"}
        }))
        .unwrap();
        let kept = checked(translations, &PROGRAM).unwrap();
        assert_eq!(kept.fr.as_ref().unwrap().title.as_deref(), Some("Titre"));
        assert_eq!(
            kept.fr.as_ref().unwrap().summary.as_deref(),
            Some("Ligne\nsuivante")
        );

        let translations: Translations = serde_json::from_value(serde_json::json!({
            "fr": {"title": "Beaucoup trop long", "summary": "Tab\there", "name": "Nom"}
        }))
        .unwrap();
        let errors = checked(translations, &PROGRAM).unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "translations.fr.title",
                "translations.fr.summary",
                "translations.fr.name"
            ]
        );
        assert!(
            errors[2].message.contains("title, summary"),
            "{}",
            errors[2].message
        );
    }

    #[test]
    fn no_translation_stores_as_none() {
        assert_eq!(
            checked(Translations::default(), &PROGRAM).unwrap(),
            Translations::default()
        );
        let empty: Translations = serde_json::from_value(serde_json::json!({"fr": {}})).unwrap();
        assert_eq!(checked(empty, &PROGRAM).unwrap(), Translations::default());
    }
}
