//! Closed vocabularies in which every value has a stable id, a label for people
//! and a plain-language definition, so that the API can serve the taxonomy
//! with its meaning instead of bare codes.

use crate::l10n::MESSAGES;
use crate::{Locale, ValueError};

/// One value of a closed vocabulary, as served by `GET /taxonomy`.
pub trait DefinedTerm: Copy + 'static {
    /// The enum's name: the first part of its terms' message ids.
    const VOCABULARY: &'static str;
    fn all() -> &'static [Self];
    /// The stable id used in JSON, query strings and the database.
    fn as_str(self) -> &'static str;
    fn label(self) -> &'static str;
    fn definition(self) -> &'static str;

    /// The label in `locale` (`locales/*.ftl`, ids `{Vocabulary}-{id}`);
    /// the English one for a vocabulary the `.ftl` files do not hold.
    fn label_in(self, locale: Locale) -> String {
        let id = format!("{}-{}", Self::VOCABULARY, self.as_str());
        if locale == Locale::En || !MESSAGES.has(locale, &id) {
            return self.label().to_owned();
        }
        MESSAGES.text(locale, &id, &[])
    }

    /// The definition in `locale`, with the same fallback as [`Self::label_in`].
    fn definition_in(self, locale: Locale) -> String {
        let id = format!("{}-{}.definition", Self::VOCABULARY, self.as_str());
        if locale == Locale::En || !MESSAGES.has(locale, &id) {
            return self.definition().to_owned();
        }
        MESSAGES.text(locale, &id, &[])
    }
}

/// Parses a term by its id; the error lists every accepted id so that a caller
/// can correct the request without reading the documentation.
pub(crate) fn parse_term<T: DefinedTerm>(raw: &str) -> Result<T, ValueError> {
    T::all()
        .iter()
        .copied()
        .find(|term| term.as_str() == raw)
        .ok_or_else(|| {
            let allowed: Vec<&str> = T::all().iter().map(|term| term.as_str()).collect();
            ValueError::new("value-one-of", vec![("allowed", allowed.join(", "))])
        })
}

/// Declares a vocabulary enum from one table of `Variant => "id", "Label",
/// "Definition";` rows, so that the serde name, `as_str`, `FromStr`, the label
/// and the definition cannot drift apart.
///
/// The id is captured as `tt`, not `literal`: a `literal` fragment reaches
/// derive macros wrapped in an invisible group, and utoipa then ignores the
/// `serde(rename)` and documents the Rust variant names instead.
macro_rules! defined_terms {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $variant:ident => $id:tt, $label:literal, $definition:literal; )+
        }
    ) => {
        $(#[$meta])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord,
            serde::Serialize, serde::Deserialize, utoipa::ToSchema,
        )]
        pub enum $name {
            $(
                #[doc = $definition]
                #[serde(rename = $id)]
                $variant,
            )+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $id,)+
                }
            }

            pub fn label(self) -> &'static str {
                match self {
                    $($name::$variant => $label,)+
                }
            }

            pub fn definition(self) -> &'static str {
                match self {
                    $($name::$variant => $definition,)+
                }
            }
        }

        impl $crate::terms::DefinedTerm for $name {
            const VOCABULARY: &'static str = stringify!($name);
            fn all() -> &'static [Self] {
                Self::ALL
            }
            fn as_str(self) -> &'static str {
                $name::as_str(self)
            }
            fn label(self) -> &'static str {
                $name::label(self)
            }
            fn definition(self) -> &'static str {
                $name::definition(self)
            }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::ValueError;
            fn from_str(raw: &str) -> Result<Self, Self::Err> {
                $crate::terms::parse_term(raw)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

pub(crate) use defined_terms;
