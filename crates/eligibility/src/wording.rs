//! How rule messages are worded (docs/architecture.md, Languages): a check
//! keeps the id of its message in `locales/*.ftl` and the facts the message
//! places, so that it reads in English when made and in any language on
//! request ([`crate::Check::in_locale`]). Dates, amounts, lists and counts
//! read per language as match reasons do (`greenlight_domain::wording`).

use std::sync::LazyLock;

use chrono::{DateTime, NaiveDate, Utc};
use greenlight_domain::l10n::{Arg, Messages};
use greenlight_domain::wording::{credits_in, date_in, or_list_in, stage_names_in};
use greenlight_domain::{
    Audience, CareerStage, Cents, DefinedTerm, EmploymentStatus, Locale, Province, ResidencyStatus,
};

/// The rules' messages in both languages.
static MESSAGES: LazyLock<Messages> = LazyLock::new(|| {
    Messages::new(
        include_str!("../locales/en.ftl"),
        include_str!("../locales/fr.ftl"),
    )
});

/// A fact a message places, written out in the reader's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fact {
    /// Words no language changes: ages, fiscal years, province codes.
    Plain(String),
    /// A count plural forms depend on.
    Count(u32),
    Date(NaiveDate),
    Timestamp(DateTime<Utc>),
    Money(Cents),
    Credits(u32),
    Stage(CareerStage),
    Stages(Vec<CareerStage>),
    Provinces(Vec<Province>),
    Residency(ResidencyStatus),
    AnyResidency(Vec<ResidencyStatus>),
    Employment(EmploymentStatus),
    AnyEmployment(Vec<EmploymentStatus>),
    Audiences(Vec<Audience>),
    /// A message placed inside another (an age limit, a date range).
    Words(Box<Wording>),
}

/// A message of `locales/*.ftl` with the facts it places.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wording {
    id: &'static str,
    facts: Vec<(&'static str, Fact)>,
}

fn lower_labels<T: DefinedTerm>(locale: Locale, terms: &[T]) -> Vec<String> {
    terms
        .iter()
        .map(|term| term.label_in(locale).to_lowercase())
        .collect()
}

impl Fact {
    fn written(&self, locale: Locale) -> Arg<'static> {
        match self {
            Fact::Plain(text) => text.clone().into(),
            Fact::Count(count) => (*count).into(),
            Fact::Date(date) => date_in(locale, *date).into(),
            Fact::Timestamp(at) => timestamp_in(locale, *at).into(),
            Fact::Money(amount) => amount.written(locale).into(),
            Fact::Credits(count) => credits_in(locale, *count).into(),
            Fact::Stage(stage) => stage.label_in(locale).to_lowercase().into(),
            Fact::Stages(stages) => stage_names_in(locale, stages).into(),
            Fact::Provinces(provinces) => or_list_in(locale, provinces).into(),
            Fact::Residency(status) => status.label_in(locale).to_lowercase().into(),
            Fact::AnyResidency(statuses) => {
                or_list_in(locale, lower_labels(locale, statuses)).into()
            }
            Fact::Employment(status) => status.label_in(locale).to_lowercase().into(),
            Fact::AnyEmployment(statuses) => {
                or_list_in(locale, lower_labels(locale, statuses)).into()
            }
            Fact::Audiences(groups) => groups
                .iter()
                .map(|group| group.label_in(locale))
                .collect::<Vec<_>>()
                .join(", ")
                .into(),
            Fact::Words(wording) => wording.render(locale).into(),
        }
    }
}

impl Wording {
    pub fn new(id: &'static str) -> Self {
        Wording {
            id,
            facts: Vec::new(),
        }
    }

    /// The message with `fact` placed as `name`.
    pub fn with(mut self, name: &'static str, fact: Fact) -> Self {
        self.facts.push((name, fact));
        self
    }

    /// The message written in `locale`.
    pub fn render(&self, locale: Locale) -> String {
        let args: Vec<(&str, Arg<'static>)> = self
            .facts
            .iter()
            .map(|(name, fact)| (*name, fact.written(locale)))
            .collect();
        MESSAGES.text(locale, self.id, &args)
    }
}

/// `4 January 2027 at 17:00 UTC`; `4 janvier 2027 à 17 h 00 UTC`.
fn timestamp_in(locale: Locale, at: DateTime<Utc>) -> String {
    let day = date_in(locale, at.date_naive());
    match locale {
        Locale::En => format!("{day} at {} UTC", at.format("%H:%M")),
        Locale::Fr => format!("{day} à {} UTC", at.format("%H h %M")),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    #[test]
    fn the_messages_are_written_in_both_languages() {
        let problems = greenlight_domain::l10n::catalogue_problems(
            include_str!("../locales/en.ftl"),
            include_str!("../locales/fr.ftl"),
        );
        assert!(problems.is_empty(), "{problems:#?}");
    }

    #[test]
    fn facts_are_written_in_the_reader_s_language() {
        let at = Utc.with_ymd_and_hms(2027, 4, 5, 23, 59, 0).unwrap();
        let wording = Wording::new("window-open").with("closes", Fact::Timestamp(at));
        assert_eq!(
            wording.render(Locale::En),
            "Applications are open until 5 April 2027 at 23:59 UTC"
        );
        assert_eq!(
            wording.render(Locale::Fr),
            "Les candidatures sont ouvertes jusqu'au 5 avril 2027 à 23 h 59 UTC"
        );
        let minimum = Wording::new("contribution-missing")
            .with("minimum", Fact::Money(Cents::parse(120_000).unwrap()));
        assert!(
            minimum
                .render(Locale::Fr)
                .ends_with("est de 1\u{a0}200,00\u{a0}$")
        );
    }
}
