//! Who reads an evaluation, and what each reader may be told. The mentee's
//! own rules explain themselves with the mentee's facts (age, residency,
//! employment, audience, credits, other placements); the company that
//! mentors sees only whether each passed, in words that state no personal
//! fact (docs/domain.md, "Who sees what").

use crate::evaluation::{Check, Evaluation, RuleId};

/// The party an evaluation is worded for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reader {
    /// The applicant, and staff who decide: the full explanation.
    Applicant,
    /// The representatives of the mentor company.
    MentorCompany,
}

impl RuleId {
    /// Whether the rule judges the mentee's own facts, which only the
    /// applicant and staff may read.
    pub fn concerns_the_mentee(self) -> bool {
        !matches!(
            self,
            RuleId::ApplicationWindow
                | RuleId::MentorMembership
                | RuleId::MentorEndorsement
                | RuleId::MentorContribution
        )
    }

    /// What the rule asks for, without any person's facts.
    fn requirement(self) -> &'static str {
        match self {
            RuleId::ApplicationWindow => "application window",
            RuleId::OneApplicationPerCycle => "one application per cycle",
            RuleId::Residency => "residency",
            RuleId::Age => "age",
            RuleId::EmploymentStatus => "employment status",
            RuleId::Student => "student",
            RuleId::Region => "region",
            RuleId::Audience => "audience",
            RuleId::CareerStage => "career stage",
            RuleId::MentorMembership => "mentor membership",
            RuleId::MentorEndorsement => "mentor endorsement",
            RuleId::MentorContribution => "mentor contribution",
            RuleId::OneProgramAtATime => "one program at a time",
            RuleId::OneGrantPerFiscalYear => "one grant per fiscal year",
        }
    }
}

/// The neutral message of a mentee-side rule: the same words whatever the
/// mentee's facts, so the wording itself discloses nothing but `passed`.
pub fn neutral_message(rule: RuleId, passed: bool) -> String {
    let requirement = rule.requirement();
    if passed {
        format!("The mentee meets this cycle's {requirement} rule")
    } else {
        format!(
            "The mentee does not yet meet this cycle's {requirement} rule; only the mentee and staff see why"
        )
    }
}

impl Check {
    /// The check as `reader` may see it.
    pub fn for_reader(self, reader: Reader) -> Check {
        match reader {
            Reader::MentorCompany if self.rule.concerns_the_mentee() => Check {
                message: neutral_message(self.rule, self.passed),
                ..self
            },
            _ => self,
        }
    }
}

impl Evaluation {
    /// Every check worded for `reader`; `passed` and `eligible` unchanged.
    pub fn for_reader(self, reader: Reader) -> Evaluation {
        Evaluation::new(
            self.into_checks()
                .into_iter()
                .map(|check| check.for_reader(reader))
                .collect(),
        )
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn any_rule() -> impl Strategy<Value = RuleId> {
        proptest::sample::select(RuleId::ALL.to_vec())
    }

    proptest! {
        #[test]
        fn the_company_sees_the_same_words_whatever_the_mentee_facts(
            rule in any_rule(),
            passed: bool,
            personal in ".{0,60}",
        ) {
            let check = Check { rule, passed, message: personal.clone() };
            let seen = check.clone().for_reader(Reader::MentorCompany);
            prop_assert_eq!(seen.passed, passed);
            prop_assert_eq!(seen.rule, rule);
            if rule.concerns_the_mentee() {
                prop_assert_eq!(seen.message, neutral_message(rule, passed));
            } else {
                prop_assert_eq!(seen.message, personal.clone());
            }
            prop_assert_eq!(check.clone().for_reader(Reader::Applicant), check);
        }
    }

    #[test]
    fn neutral_messages_state_no_personal_fact() {
        for rule in RuleId::ALL
            .into_iter()
            .filter(|rule| rule.concerns_the_mentee())
        {
            for passed in [true, false] {
                let message = neutral_message(rule, passed);
                assert!(!message.chars().any(|c| c.is_ascii_digit()), "{message}");
                for fact in [
                    "citizen",
                    "resident",
                    "employed",
                    "student at",
                    "born",
                    "credit",
                ] {
                    assert!(!message.to_lowercase().contains(fact), "{message}");
                }
            }
        }
    }

    #[test]
    fn eligibility_survives_rewording() {
        let evaluation = Evaluation::new(vec![
            Check::fail(RuleId::Age, "You are 41; this cycle is for 18 to 35"),
            Check::pass(RuleId::MentorEndorsement, "Endorsed"),
        ]);
        let seen = evaluation.for_reader(Reader::MentorCompany);
        assert!(!seen.eligible());
        assert_eq!(seen.checks()[1].message, "Endorsed");
        assert!(!seen.checks()[0].message.contains("41"));
    }
}
