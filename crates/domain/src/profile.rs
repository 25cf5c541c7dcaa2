//! A mentee's or producer's profile (`PUT /me/profile`). Every field
//! has a default so that a partial profile, such as the one an anonymous
//! pre-check sends, still deserializes.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::taxonomy::{Audience, CareerStage, Province, Topic};
use crate::terms::defined_terms;

defined_terms! {
    /// Standing in Canada under the Immigration and Refugee Protection Act.
    pub enum ResidencyStatus {
        Citizen => "citizen", "Citizen", "A citizen of Canada.";
        PermanentResident => "permanent_resident", "Permanent resident", "A permanent resident of Canada.";
        ProtectedPerson => "protected_person", "Protected person", "A protected person within the meaning of the Immigration and Refugee Protection Act.";
        Other => "other", "Other", "Any other status, such as a visitor, student or work permit holder.";
    }
}

defined_terms! {
    /// Employment status on a placement's start date, as the mentorship FAQ
    /// defines it; derived from `Employment`, never entered directly.
    pub enum EmploymentStatus {
        Unemployed => "unemployed", "Unemployed", "Not paid for any activity; or the only paid work is a term or contract that ends before the placement begins, with no job prospects.";
        Underemployed => "underemployed", "Underemployed", "Working part-time in one's field of expertise or study, or full- or part-time outside it.";
        Employed => "employed", "Employed", "Working full-time in one's field of expertise or study.";
    }
}

/// The facts about a person's work from which `EmploymentStatus` is derived.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(default)]
pub struct Employment {
    /// Paid for any activity at all.
    pub paid_work: bool,
    /// The paid work is in the person's field of expertise or study.
    pub in_field: bool,
    pub full_time: bool,
    /// Last day of a term or contract job, when the paid work is one.
    pub contract_ends_on: Option<NaiveDate>,
    pub has_job_prospects: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(default)]
pub struct Profile {
    pub display_name: String,
    pub headline: String,
    pub bio: String,
    pub birth_date: Option<NaiveDate>,
    pub province: Option<Province>,
    pub residency_status: Option<ResidencyStatus>,
    pub employment: Option<Employment>,
    /// Enrolled as a student.
    pub student: bool,
    /// Professional producing credits: produced, released or broadcast works
    /// with a producer credit.
    pub producing_credits: u32,
    /// Self-identified, private and optional.
    pub audiences: Vec<Audience>,
    pub interests: Vec<Topic>,
    pub genres: Vec<String>,
    /// Listed in the mentee directory that member companies browse.
    pub public: bool,
}

impl Profile {
    pub fn career_stage(&self) -> CareerStage {
        CareerStage::from_credits(self.producing_credits)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_partial_profile_deserializes_with_defaults() {
        let profile: Profile = serde_json::from_str(
            r#"{"province":"BC","producing_credits":3,"employment":{"paid_work":true}}"#,
        )
        .unwrap();
        assert_eq!(profile.province, Some(Province::Bc));
        assert_eq!(profile.career_stage(), CareerStage::MidCareer);
        assert_eq!(
            profile.employment,
            Some(Employment {
                paid_work: true,
                ..Employment::default()
            })
        );
        assert!(profile.audiences.is_empty() && !profile.public);
    }

    #[test]
    fn residency_statuses_use_their_api_ids() {
        assert_eq!(
            serde_json::from_str::<ResidencyStatus>("\"protected_person\"").unwrap(),
            ResidencyStatus::ProtectedPerson
        );
        assert!("refugee".parse::<ResidencyStatus>().is_err());
    }
}
