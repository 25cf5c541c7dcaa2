//! What a catalogue search asks: the filters and search words of `GET
//! /programs` (and of a saved search), an order, and where a page starts.

use chrono::NaiveDate;
use greenlight_domain::{Audience, CareerStage, Cents, Delivery, Format, Language, Region, Topic};

use crate::catalogue::Entry;
use crate::facets::Tags;
use crate::text::SearchText;

/// Which programs a search finds. Within one facet the values are OR'd; the
/// facets, the words and the other conditions are AND'ed. Facets match a
/// program's own tags literally (`regions: [BC]` does not find `national`
/// programs).
#[derive(Debug, Clone, PartialEq)]
pub struct ProgramQuery {
    pub text: Option<SearchText>,
    pub career_stages: Vec<CareerStage>,
    pub formats: Vec<Format>,
    pub topics: Vec<Topic>,
    pub regions: Vec<Region>,
    pub audiences: Vec<Audience>,
    pub deliveries: Vec<Delivery>,
    pub languages: Vec<Language>,
    pub provider_ids: Vec<String>,
    /// `Some(true)`: the deadline is on or after `today`, or there is none;
    /// `Some(false)`: the deadline is before `today`.
    pub open: Option<bool>,
    pub today: NaiveDate,
    /// Deadline strictly before this day.
    pub deadline_before: Option<NaiveDate>,
    /// Deadline strictly after this day.
    pub deadline_after: Option<NaiveDate>,
    pub max_cost: Option<Cents>,
}

impl ProgramQuery {
    /// Every program.
    pub fn everything(today: NaiveDate) -> Self {
        ProgramQuery {
            text: None,
            career_stages: Vec::new(),
            formats: Vec::new(),
            topics: Vec::new(),
            regions: Vec::new(),
            audiences: Vec::new(),
            deliveries: Vec::new(),
            languages: Vec::new(),
            provider_ids: Vec::new(),
            open: None,
            today,
            deadline_before: None,
            deadline_after: None,
            max_cost: None,
        }
    }

    /// The facet values asked for, as masks.
    pub(crate) fn selection(&self) -> Tags {
        Tags::from_terms(
            &self.career_stages,
            &self.formats,
            &self.topics,
            &self.regions,
            &self.audiences,
            &self.deliveries,
            &self.languages,
        )
    }

    /// Whether any condition other than facets and words is set.
    pub(crate) fn has_conditions(&self) -> bool {
        !self.provider_ids.is_empty()
            || self.open.is_some()
            || self.deadline_before.is_some()
            || self.deadline_after.is_some()
            || self.max_cost.is_some()
    }

    /// The conditions that are neither facets nor words.
    pub(crate) fn admits(&self, entry: &Entry) -> bool {
        let deadline = entry.deadline;
        (self.provider_ids.is_empty() || self.provider_ids.contains(&entry.provider_id))
            && match self.open {
                Some(true) => deadline.is_none_or(|d| d >= self.today),
                Some(false) => deadline.is_some_and(|d| d < self.today),
                None => true,
            }
            && self
                .deadline_before
                .is_none_or(|day| deadline.is_some_and(|d| d < day))
            && self
                .deadline_after
                .is_none_or(|day| deadline.is_some_and(|d| d > day))
            && self.max_cost.is_none_or(|max| entry.cost <= max)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sort {
    /// Best match first; without search words every score is 0.
    Relevance,
    /// Soonest deadline first, programs without one last.
    Deadline,
    Title,
    /// Most recently changed first.
    Updated,
}

/// Where the previous page ended, in the keys of the sort in use. Every sort
/// ends with the folded title and the id, so the order is total.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct After {
    pub score: i64,
    pub deadline: Option<NaiveDate>,
    /// Microseconds since the epoch.
    pub updated_at: i64,
    pub sort_title: String,
    pub id: String,
}
