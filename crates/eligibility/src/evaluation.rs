use std::fmt;

use greenlight_domain::Locale;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::wording::Wording;

/// The stable id of each rule in docs/domain.md (Mentorship rules), in the order
/// evaluations list them.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum RuleId {
    ApplicationWindow,
    OneApplicationPerCycle,
    Residency,
    Age,
    EmploymentStatus,
    Student,
    Region,
    Audience,
    CareerStage,
    MentorMembership,
    MentorEndorsement,
    MentorContribution,
    OneProgramAtATime,
    OneGrantPerFiscalYear,
}

impl RuleId {
    pub const ALL: [RuleId; 14] = [
        RuleId::ApplicationWindow,
        RuleId::OneApplicationPerCycle,
        RuleId::Residency,
        RuleId::Age,
        RuleId::EmploymentStatus,
        RuleId::Student,
        RuleId::Region,
        RuleId::Audience,
        RuleId::CareerStage,
        RuleId::MentorMembership,
        RuleId::MentorEndorsement,
        RuleId::MentorContribution,
        RuleId::OneProgramAtATime,
        RuleId::OneGrantPerFiscalYear,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RuleId::ApplicationWindow => "application_window",
            RuleId::OneApplicationPerCycle => "one_application_per_cycle",
            RuleId::Residency => "residency",
            RuleId::Age => "age",
            RuleId::EmploymentStatus => "employment_status",
            RuleId::Student => "student",
            RuleId::Region => "region",
            RuleId::Audience => "audience",
            RuleId::CareerStage => "career_stage",
            RuleId::MentorMembership => "mentor_membership",
            RuleId::MentorEndorsement => "mentor_endorsement",
            RuleId::MentorContribution => "mentor_contribution",
            RuleId::OneProgramAtATime => "one_program_at_a_time",
            RuleId::OneGrantPerFiscalYear => "one_grant_per_fiscal_year",
        }
    }
}

impl fmt::Display for RuleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The outcome of one rule. The message is written for the applicant: on a
/// failure it says what is wrong and what would pass. It reads in English
/// until [`Check::in_locale`] writes it in another language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Check {
    pub rule: RuleId,
    pub passed: bool,
    pub message: String,
    /// What the message says, to write it in another language; a check
    /// read back from JSON has only its message.
    #[serde(skip)]
    pub(crate) wording: Option<Wording>,
}

impl Check {
    pub fn pass(rule: RuleId, wording: Wording) -> Self {
        Self::new(rule, true, wording)
    }

    pub fn fail(rule: RuleId, wording: Wording) -> Self {
        Self::new(rule, false, wording)
    }

    fn new(rule: RuleId, passed: bool, wording: Wording) -> Self {
        Self {
            rule,
            passed,
            message: wording.render(Locale::En),
            wording: Some(wording),
        }
    }

    /// The check with another message (`wording`), as another reader sees it.
    pub(crate) fn reworded(self, wording: Wording) -> Self {
        Self::new(self.rule, self.passed, wording)
    }

    /// The check with its message in `locale`.
    pub fn in_locale(mut self, locale: Locale) -> Self {
        if let Some(wording) = &self.wording {
            self.message = wording.render(locale);
        }
        self
    }
}

/// Every check of one evaluation. `eligible` is serialized for clients but
/// always derived from the checks, so the two cannot disagree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct Evaluation {
    eligible: bool,
    checks: Vec<Check>,
}

impl Evaluation {
    pub fn new(checks: Vec<Check>) -> Self {
        Self {
            eligible: checks.iter().all(|check| check.passed),
            checks,
        }
    }

    pub fn eligible(&self) -> bool {
        self.eligible
    }

    pub fn checks(&self) -> &[Check] {
        &self.checks
    }

    pub fn failures(&self) -> impl Iterator<Item = &Check> {
        self.checks.iter().filter(|check| !check.passed)
    }

    pub fn into_checks(self) -> Vec<Check> {
        self.checks
    }

    /// Every check's message in `locale`; outcomes and rule ids unchanged.
    pub fn in_locale(self, locale: Locale) -> Evaluation {
        Evaluation::new(
            self.checks
                .into_iter()
                .map(|check| check.in_locale(locale))
                .collect(),
        )
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::wording::Fact;

    #[test]
    fn serializes_as_the_api_shape() {
        let evaluation = Evaluation::new(vec![
            Check::pass(RuleId::Age, Wording::new("age-no-limit")),
            Check::fail(
                RuleId::OneGrantPerFiscalYear,
                Wording::new("grant-only").with("year", Fact::Plain("2026-27".to_owned())),
            ),
        ]);
        assert_eq!(
            serde_json::to_value(&evaluation).unwrap(),
            serde_json::json!({
                "eligible": false,
                "checks": [
                    {"rule": "age", "passed": true, "message": "This cycle has no age limit"},
                    {"rule": "one_grant_per_fiscal_year", "passed": false, "message": "This is your only association grant in fiscal year 2026-27"},
                ]
            })
        );
    }

    #[test]
    fn rule_ids_serialize_as_their_names() {
        for rule in RuleId::ALL {
            assert_eq!(
                serde_json::to_value(rule).unwrap(),
                serde_json::Value::from(rule.as_str())
            );
        }
    }

    #[test]
    fn no_checks_is_eligible() {
        assert!(Evaluation::new(Vec::new()).eligible());
    }
}
