use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::money::Cents;
use crate::taxonomy::{Audience, CareerStage, Delivery, Format, Region, Topic};

/// What matching needs to know about a catalogue program: its tags, cost and
/// deadline, without its texts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ProgramFacts {
    pub id: String,
    pub title: String,
    pub formats: Vec<Format>,
    pub topics: Vec<Topic>,
    /// Empty when the program is open at every stage.
    pub career_stages: Vec<CareerStage>,
    pub regions: Vec<Region>,
    /// Empty when the program is not reserved for a self-identified group.
    pub audiences: Vec<Audience>,
    pub delivery: Delivery,
    pub cost: Cents,
    pub application_deadline: Option<NaiveDate>,
}
