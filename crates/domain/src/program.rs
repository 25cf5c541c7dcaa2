use chrono::{DateTime, NaiveDate, Utc};

use crate::locale::Translations;
use crate::money::Cents;
use crate::taxonomy::{
    Audience, CareerStage, Delivery, Format, Language, ProgramStatus, Region, Topic,
};

/// Everything an editor writes about a catalogue program, except its slug.
#[derive(Debug, Clone, PartialEq)]
pub struct ProgramContent {
    pub title: String,
    pub provider_id: String,
    pub summary: String,
    pub description: String,
    pub formats: Vec<Format>,
    pub topics: Vec<Topic>,
    /// Empty when the program is open at every stage.
    pub career_stages: Vec<CareerStage>,
    pub regions: Vec<Region>,
    /// Empty when the program is not reserved for a self-identified group.
    pub audiences: Vec<Audience>,
    pub delivery: Delivery,
    pub languages: Vec<Language>,
    pub cost: Cents,
    pub stipend: Option<Cents>,
    pub application_deadline: Option<NaiveDate>,
    pub starts_on: Option<NaiveDate>,
    pub ends_on: Option<NaiveDate>,
    pub url: Option<String>,
    /// French `title`, `summary` and `description`.
    pub translations: Translations,
}

/// A catalogue program as stored: its content, its address and its review
/// state.
#[derive(Debug, Clone, PartialEq)]
pub struct Program {
    pub id: String,
    pub slug: String,
    pub provider_name: String,
    /// The provider's French `name`, if it has one.
    pub provider_translations: Translations,
    pub content: ProgramContent,
    pub status: ProgramStatus,
    /// The staff member or partner who submitted it; shown only to staff and
    /// to that user.
    pub submitted_by: Option<String>,
    pub published_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}
