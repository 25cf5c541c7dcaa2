use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::ValueError;
use crate::profile::{EmploymentStatus, ResidencyStatus};
use crate::taxonomy::{Audience, CareerStage, Province};

/// A mentorship cycle's eligibility restrictions. An absent limit or an empty
/// list means no restriction, except `residency` (see `effective_residency`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(default)]
pub struct CycleRules {
    pub residency: Vec<ResidencyStatus>,
    pub min_age: Option<u32>,
    pub max_age: Option<u32>,
    /// Accepted statuses on the placement's start date, e.g. unemployed and
    /// underemployed.
    pub employment_statuses: Vec<EmploymentStatus>,
    pub student_required: bool,
    pub provinces: Vec<Province>,
    /// The mentee must self-identify in at least one of these.
    pub audiences_any: Vec<Audience>,
    pub career_stages: Vec<CareerStage>,
}

/// The FAQ's default: citizens, permanent residents and protected persons
/// within the meaning of the Immigration and Refugee Protection Act.
pub const DEFAULT_RESIDENCY: &[ResidencyStatus] = &[
    ResidencyStatus::Citizen,
    ResidencyStatus::PermanentResident,
    ResidencyStatus::ProtectedPerson,
];

impl CycleRules {
    /// The residency statuses this cycle accepts.
    pub fn effective_residency(&self) -> &[ResidencyStatus] {
        if self.residency.is_empty() {
            DEFAULT_RESIDENCY
        } else {
            &self.residency
        }
    }

    /// Refuses rules that no one could ever meet, so that a cycle cannot be
    /// published closed to everyone by a typo.
    pub fn validate(&self) -> Result<(), ValueError> {
        if let (Some(min), Some(max)) = (self.min_age, self.max_age)
            && min > max
        {
            return Err(ValueError::new(format!(
                "min_age ({min}) must not be above max_age ({max})"
            )));
        }
        Ok(())
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn absent_or_null_rules_restrict_nothing_but_residency() {
        let rules: CycleRules = serde_json::from_str(r#"{"min_age":null,"provinces":[]}"#).unwrap();
        assert_eq!(rules, CycleRules::default());
        assert_eq!(rules.effective_residency(), DEFAULT_RESIDENCY);
    }

    #[test]
    fn a_cycle_list_of_residency_replaces_the_default() {
        let rules: CycleRules = serde_json::from_str(r#"{"residency":["citizen"]}"#).unwrap();
        assert_eq!(rules.effective_residency(), &[ResidencyStatus::Citizen]);
    }

    #[test]
    fn an_inverted_age_range_is_refused() {
        let rules = CycleRules {
            min_age: Some(31),
            max_age: Some(30),
            ..CycleRules::default()
        };
        assert!(rules.validate().is_err());
        assert!(
            CycleRules {
                min_age: Some(30),
                max_age: Some(30),
                ..CycleRules::default()
            }
            .validate()
            .is_ok()
        );
    }
}
