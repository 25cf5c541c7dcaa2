use std::fmt;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::ValueError;
use crate::text::fold_words;

/// A program's address in URLs: lower-case ASCII words joined by hyphens
/// (`star-producer-program`). A slug is never shaped like a program id (a
/// UUID, with or without hyphens), so that `{program}` in a path, which is
/// looked up by id first, can never be taken over by another program's slug.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(try_from = "String", into = "String")]
#[schema(value_type = String, example = "star-producer-program")]
pub struct Slug(String);

const MAX_LEN: usize = 80;

impl Slug {
    pub fn parse(raw: &str) -> Result<Self, ValueError> {
        let well_formed = !raw.is_empty()
            && raw.len() <= MAX_LEN
            && raw.split('-').all(|word| {
                !word.is_empty()
                    && word
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
            });
        if !well_formed {
            return Err(ValueError::new(
                "value-slug",
                vec![("max", MAX_LEN.to_string())],
            ));
        }
        if looks_like_an_id(raw) {
            return Err(ValueError::new("value-slug-like-id", vec![]));
        }
        Ok(Slug(raw.to_owned()))
    }

    /// The slug a title suggests: accents folded, words hyphenated, cut at a
    /// word boundary; `program` when the title has no letter or digit.
    pub fn from_title(title: &str) -> Self {
        let mut slug = String::new();
        for word in fold_words(title).split(' ').filter(|word| !word.is_empty()) {
            let extra = usize::from(!slug.is_empty()) + word.len();
            if slug.len() + extra > MAX_LEN {
                break;
            }
            if !slug.is_empty() {
                slug.push('-');
            }
            slug.push_str(word);
        }
        if slug.is_empty() {
            slug.push_str("program");
        } else if looks_like_an_id(&slug) {
            slug.insert_str(0, "program-");
        }
        Slug(slug)
    }

    /// This slug with `-n` appended, shortened first if needed, for the n-th
    /// program that wants the same one.
    pub fn numbered(&self, n: u32) -> Self {
        let suffix = format!("-{n}");
        let mut base = self.0.as_str();
        while base.len() + suffix.len() > MAX_LEN {
            base = match base.rfind('-') {
                Some(at) => &base[..at],
                None => &base[..MAX_LEN - suffix.len()],
            };
        }
        Slug(format!("{base}{suffix}"))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Program ids are UUIDs; the hyphenated and the plain 32-digit forms both
/// fit the slug alphabet.
fn looks_like_an_id(raw: &str) -> bool {
    uuid::Uuid::try_parse(raw).is_ok()
}

impl TryFrom<String> for Slug {
    type Error = ValueError;
    fn try_from(raw: String) -> Result<Self, Self::Error> {
        Self::parse(&raw)
    }
}

impl From<Slug> for String {
    fn from(slug: Slug) -> Self {
        slug.0
    }
}

impl fmt::Display for Slug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn titles_become_hyphenated_ascii() {
        assert_eq!(
            Slug::from_title("Programme de mentorat : Télé-Québec").as_str(),
            "programme-de-mentorat-tele-quebec"
        );
        assert_eq!(
            Slug::from_title("STAR Producer Program").as_str(),
            "star-producer-program"
        );
        assert_eq!(Slug::from_title("!!!").as_str(), "program");
    }

    #[test]
    fn long_titles_are_cut_at_a_word() {
        let slug = Slug::from_title(&"word ".repeat(40));
        assert!(slug.as_str().len() <= MAX_LEN);
        assert!(slug.as_str().ends_with("word"));
        assert!(Slug::parse(slug.numbered(12).as_str()).is_ok());
    }

    #[test]
    fn numbering_appends_the_count() {
        let slug = Slug::from_title("My Program");
        assert_eq!(slug.numbered(2).as_str(), "my-program-2");
    }

    #[test]
    fn parse_refuses_what_from_title_would_never_make() {
        for bad in [
            "",
            "Upper",
            "two--hyphens",
            "-lead",
            "trail-",
            "spa ce",
            "é",
        ] {
            assert!(Slug::parse(bad).is_err(), "{bad:?}");
        }
        assert!(Slug::parse("my-program-2").is_ok());
    }

    #[test]
    fn slugs_are_never_shaped_like_ids() {
        let id = "0193a5a4-8a9e-7c31-9f43-5b0c6f1d2e30";
        for bad in [id, "0193a5a48a9e7c319f435b0c6f1d2e30"] {
            let error = Slug::parse(bad).unwrap_err();
            assert!(
                error.message.contains("program id"),
                "{bad}: {}",
                error.message
            );
        }
        assert_eq!(Slug::from_title(id).as_str(), format!("program-{id}"));
        assert!(Slug::parse(Slug::from_title(id).as_str()).is_ok());
        assert!(
            Slug::parse(&format!("{id}-2")).is_ok(),
            "a word more is no longer an id"
        );
    }
}
