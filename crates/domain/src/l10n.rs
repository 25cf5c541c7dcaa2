//! Messages for people in English and French through Project Fluent
//! (docs/architecture.md, Languages): each crate keeps one `.ftl` file per
//! locale in its `locales/` folder and reads them through [`Messages`].
//! [`catalogue_problems`] is what each crate's test runs over its two files,
//! so that no id is missing from a locale and no placeable is left unused.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};
use fluent_syntax::ast;

use crate::Locale;

/// A value a message places (`{ $count }`): text or a number, which
/// plural selectors read.
pub type Arg<'a> = fluent_bundle::FluentValue<'a>;

/// The domain's own messages: the vocabularies' labels and definitions
/// (ids `{Vocabulary}-{id}`) and how lists and counts are written.
pub static MESSAGES: LazyLock<Messages> = LazyLock::new(|| {
    Messages::new(
        include_str!("../locales/en.ftl"),
        include_str!("../locales/fr.ftl"),
    )
});

/// One crate's messages in both locales.
pub struct Messages {
    en: FluentBundle<FluentResource>,
    fr: FluentBundle<FluentResource>,
}

impl std::fmt::Debug for Messages {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Messages").finish_non_exhaustive()
    }
}

fn bundle(locale: Locale, source: &str) -> FluentBundle<FluentResource> {
    let language = match locale {
        Locale::En => unic_langid::LanguageIdentifier::from_bytes(b"en"),
        Locale::Fr => unic_langid::LanguageIdentifier::from_bytes(b"fr"),
    }
    .unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![language]);
    // Answers are JSON and mail, not bidirectional text: no isolation marks
    // around placeables.
    bundle.set_use_isolating(false);
    // The sources are compiled in and checked by each crate's test
    // (`catalogue_problems`); what parses is kept either way.
    let resource =
        FluentResource::try_new(source.to_owned()).unwrap_or_else(|(partial, _)| partial);
    let _ = bundle.add_resource(resource);
    bundle
}

impl Messages {
    /// The messages of `en` and `fr` (`.ftl` sources, as `include_str!`
    /// reads them).
    pub fn new(en: &str, fr: &str) -> Self {
        Messages {
            en: bundle(Locale::En, en),
            fr: bundle(Locale::Fr, fr),
        }
    }

    fn bundle(&self, locale: Locale) -> &FluentBundle<FluentResource> {
        match locale {
            Locale::En => &self.en,
            Locale::Fr => &self.fr,
        }
    }

    /// Message `id` (or `id.attribute`) in `locale`, its placeables filled
    /// from `args`. An unknown id answers the id itself: the crates' tests
    /// keep that from happening.
    pub fn text(&self, locale: Locale, id: &str, args: &[(&str, Arg<'_>)]) -> String {
        let bundle = self.bundle(locale);
        let (message_id, attribute) = match id.split_once('.') {
            Some((message, attribute)) => (message, Some(attribute)),
            None => (id, None),
        };
        let Some(message) = bundle.get_message(message_id) else {
            return id.to_owned();
        };
        let pattern = match attribute {
            Some(attribute) => message.get_attribute(attribute).map(|a| a.value()),
            None => message.value(),
        };
        let Some(pattern) = pattern else {
            return id.to_owned();
        };
        let mut fluent_args = FluentArgs::with_capacity(args.len());
        for (name, value) in args {
            fluent_args.set(*name, value.clone());
        }
        let mut errors = Vec::new();
        bundle
            .format_pattern(pattern, Some(&fluent_args), &mut errors)
            .into_owned()
    }

    /// Whether `locale` has message `id` (or `id.attribute`).
    pub fn has(&self, locale: Locale, id: &str) -> bool {
        let (message_id, attribute) = match id.split_once('.') {
            Some((message, attribute)) => (message, Some(attribute)),
            None => (id, None),
        };
        self.bundle(locale)
            .get_message(message_id)
            .is_some_and(|message| match attribute {
                Some(attribute) => message.get_attribute(attribute).is_some(),
                None => message.value().is_some(),
            })
    }
}

/// A message of one crate's catalogue and the values it places, kept
/// unworded until the language of the answer is known.
#[derive(Clone)]
pub struct Phrase {
    messages: &'static Messages,
    id: &'static str,
    args: Vec<(&'static str, String)>,
    /// Placeables that are phrases themselves (a query parameter's name
    /// around what is wrong with its value), worded in the same language.
    nested: Vec<(&'static str, Phrase)>,
}

impl Phrase {
    pub fn new(
        messages: &'static Messages,
        id: &'static str,
        args: Vec<(&'static str, String)>,
    ) -> Self {
        Phrase {
            messages,
            id,
            args,
            nested: Vec::new(),
        }
    }

    /// The same phrase with placeable `name` filled by `inner`, worded in
    /// whichever language this one is.
    pub fn placing(mut self, name: &'static str, inner: Phrase) -> Self {
        self.nested.push((name, inner));
        self
    }

    /// The same phrase with placeable `name` filled by `value`.
    pub fn with(mut self, name: &'static str, value: String) -> Self {
        self.args.push((name, value));
        self
    }

    pub fn in_locale(&self, locale: Locale) -> String {
        let nested: Vec<(&str, String)> = self
            .nested
            .iter()
            .map(|(name, inner)| (*name, inner.in_locale(locale)))
            .collect();
        let args: Vec<(&str, Arg<'_>)> = self
            .args
            .iter()
            .chain(&nested)
            .map(|(name, value)| (*name, Arg::from(value.as_str())))
            .collect();
        self.messages.text(locale, self.id, &args)
    }
}

impl PartialEq for Phrase {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.messages, other.messages)
            && self.id == other.id
            && self.args == other.args
            && self.nested == other.nested
    }
}

impl Eq for Phrase {}

impl std::fmt::Debug for Phrase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Phrase")
            .field("id", &self.id)
            .field("args", &self.args)
            .field("nested", &self.nested)
            .finish_non_exhaustive()
    }
}

/// Each message (and attribute, as `id.attribute`) of an `.ftl` source with
/// the variables it places; parse errors as `Err`.
fn placeables(source: &str) -> Result<BTreeMap<String, BTreeSet<String>>, String> {
    let resource =
        fluent_syntax::parser::parse(source).map_err(|(_, errors)| format!("{errors:?}"))?;
    let mut found = BTreeMap::new();
    for entry in resource.body {
        let ast::Entry::Message(message) = entry else {
            continue;
        };
        if let Some(value) = &message.value {
            let mut variables = BTreeSet::new();
            pattern_variables(value, &mut variables);
            found.insert(message.id.name.to_owned(), variables);
        }
        for attribute in &message.attributes {
            let mut variables = BTreeSet::new();
            pattern_variables(&attribute.value, &mut variables);
            found.insert(
                format!("{}.{}", message.id.name, attribute.id.name),
                variables,
            );
        }
    }
    Ok(found)
}

fn pattern_variables(pattern: &ast::Pattern<&str>, into: &mut BTreeSet<String>) {
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            expression_variables(expression, into);
        }
    }
}

fn expression_variables(expression: &ast::Expression<&str>, into: &mut BTreeSet<String>) {
    match expression {
        ast::Expression::Select { selector, variants } => {
            inline_variables(selector, into);
            for variant in variants {
                pattern_variables(&variant.value, into);
            }
        }
        ast::Expression::Inline(inline) => inline_variables(inline, into),
    }
}

fn inline_variables(inline: &ast::InlineExpression<&str>, into: &mut BTreeSet<String>) {
    match inline {
        ast::InlineExpression::VariableReference { id } => {
            into.insert(id.name.to_owned());
        }
        ast::InlineExpression::FunctionReference { arguments, .. } => {
            for argument in &arguments.positional {
                inline_variables(argument, into);
            }
            for argument in &arguments.named {
                inline_variables(&argument.value, into);
            }
        }
        ast::InlineExpression::Placeable { expression } => expression_variables(expression, into),
        _ => {}
    }
}

/// What is wrong with a crate's two `.ftl` files: parse errors, ids only
/// one locale has, and placeables one locale's message uses and the
/// other's leaves out. Empty when they agree.
pub fn catalogue_problems(en: &str, fr: &str) -> Vec<String> {
    let (en, fr) = match (placeables(en), placeables(fr)) {
        (Ok(en), Ok(fr)) => (en, fr),
        (en, fr) => {
            return [
                en.err().map(|e| format!("en: {e}")),
                fr.err().map(|e| format!("fr: {e}")),
            ]
            .into_iter()
            .flatten()
            .collect();
        }
    };
    let mut problems = Vec::new();
    for (id, variables) in &en {
        match fr.get(id) {
            None => problems.push(format!("{id}: missing from fr")),
            Some(french) if french != variables => problems.push(format!(
                "{id}: en places {variables:?}, fr places {french:?}"
            )),
            Some(_) => {}
        }
    }
    for id in fr.keys().filter(|id| !en.contains_key(*id)) {
        problems.push(format!("{id}: missing from en"));
    }
    problems
}

/// The ids that a crate's source under `source_dir` names as string
/// literals starting with one of `prefixes` (`"detail-"`) and that `messages`
/// lacks in a locale, as `id (locale)`. Each crate's test runs it: a
/// missing id would be answered as the id itself.
pub fn missing_ids_named_in(
    messages: &Messages,
    source_dir: &std::path::Path,
    prefixes: &[&str],
) -> std::io::Result<Vec<String>> {
    let mut missing = Vec::new();
    let mut folders = vec![source_dir.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder)? {
            let path = entry?.path();
            if path.is_dir() {
                folders.push(path);
                continue;
            }
            if path.extension().is_none_or(|extension| extension != "rs") {
                continue;
            }
            let source = std::fs::read_to_string(&path)?;
            let named = source.split('"').filter(|piece| {
                prefixes.iter().any(|prefix| piece.starts_with(prefix))
                    && !piece.ends_with('-')
                    && piece
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c == '-' || c == '_' || c == '.')
            });
            for id in named {
                for locale in Locale::ALL {
                    if !messages.has(locale, id) {
                        missing.push(format!("{id} ({locale})"));
                    }
                }
            }
        }
    }
    Ok(missing)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    const EN: &str = "greeting = Hello, { $name }\ncredits = { $count ->\n    [one] 1 credit\n   *[other] { $count } credits\n}\nterm = Lab\n    .definition = Hands-on\n";
    const FR: &str = "greeting = Bonjour, { $name }\ncredits = { $count ->\n    [one] 1 crédit\n   *[other] { $count } crédits\n}\nterm = Labo\n    .definition = Pratique\n";

    #[test]
    fn messages_fill_their_placeables_in_each_locale() {
        let messages = Messages::new(EN, FR);
        assert_eq!(
            messages.text(Locale::Fr, "greeting", &[("name", "Ana".into())]),
            "Bonjour, Ana"
        );
        assert_eq!(
            messages.text(Locale::En, "credits", &[("count", 1.into())]),
            "1 credit"
        );
        assert_eq!(
            messages.text(Locale::Fr, "credits", &[("count", 3.into())]),
            "3 crédits"
        );
        assert_eq!(
            messages.text(Locale::Fr, "term.definition", &[]),
            "Pratique"
        );
        assert_eq!(messages.text(Locale::Fr, "nope", &[]), "nope");
        assert!(messages.has(Locale::En, "term.definition") && !messages.has(Locale::En, "x"));
    }

    #[test]
    fn problems_name_missing_ids_and_unused_placeables() {
        assert!(catalogue_problems(EN, FR).is_empty());
        let problems = catalogue_problems(EN, "greeting = Bonjour\nextra = x\n");
        assert!(
            problems
                .iter()
                .any(|p| p.starts_with("greeting: en places")),
            "{problems:?}"
        );
        assert!(
            problems.contains(&"credits: missing from fr".to_owned()),
            "{problems:?}"
        );
        assert!(problems.contains(&"term.definition: missing from fr".to_owned()));
        assert!(problems.contains(&"extra: missing from en".to_owned()));
        assert!(!catalogue_problems(EN, "greeting = {").is_empty());
    }

    #[test]
    fn ids_the_source_names_but_a_file_lacks_are_found_in_nested_folders() {
        let messages = Messages::new(EN, "greeting = Bonjour, { $name }\n");
        let source = std::env::temp_dir().join(format!("l10n-scan-{}", std::process::id()));
        std::fs::create_dir_all(source.join("nested")).unwrap();
        std::fs::write(
            source.join("nested/module.rs"),
            "fn f() { text(\"greeting\"); text(\"credits\"); text(\"other-id\"); }",
        )
        .unwrap();
        std::fs::write(source.join("notes.txt"), "\"credits\"").unwrap();
        let missing = missing_ids_named_in(&messages, &source, &["greeting", "credits"]).unwrap();
        std::fs::remove_dir_all(&source).unwrap();
        assert_eq!(
            missing,
            ["credits (fr)"],
            "only .rs files, only the prefixes"
        );
    }
}
