//! Who reads an evaluation, and what each reader may be told. The mentee's
//! own rules explain themselves with the mentee's facts (age, residency,
//! employment, audience, credits, other placements); the company that
//! mentors sees only whether each passed, in words that state no personal
//! fact (docs/domain.md, "Who sees what").

use greenlight_domain::Locale;

use crate::evaluation::{Check, Evaluation, RuleId};
use crate::wording::{Fact, Wording};

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

    /// What the rule asks for, without any person's facts: the id of its
    /// name in `locales/*.ftl`.
    fn requirement(self) -> &'static str {
        match self {
            RuleId::ApplicationWindow => "requirement-application_window",
            RuleId::OneApplicationPerCycle => "requirement-one_application_per_cycle",
            RuleId::Residency => "requirement-residency",
            RuleId::Age => "requirement-age",
            RuleId::EmploymentStatus => "requirement-employment_status",
            RuleId::Student => "requirement-student",
            RuleId::Region => "requirement-region",
            RuleId::Audience => "requirement-audience",
            RuleId::CareerStage => "requirement-career_stage",
            RuleId::MentorMembership => "requirement-mentor_membership",
            RuleId::MentorEndorsement => "requirement-mentor_endorsement",
            RuleId::MentorContribution => "requirement-mentor_contribution",
            RuleId::OneProgramAtATime => "requirement-one_program_at_a_time",
            RuleId::OneGrantPerFiscalYear => "requirement-one_grant_per_fiscal_year",
        }
    }
}

/// The neutral wording of a mentee-side rule: the same words whatever the
/// mentee's facts, so the wording itself discloses nothing but `passed`.
fn neutral(rule: RuleId, passed: bool) -> Wording {
    let requirement = Fact::Words(Box::new(Wording::new(rule.requirement())));
    Wording::new(if passed {
        "neutral-met"
    } else {
        "neutral-not-met"
    })
    .with("requirement", requirement)
}

/// [`neutral`] in English.
pub fn neutral_message(rule: RuleId, passed: bool) -> String {
    neutral(rule, passed).render(Locale::En)
}

impl Check {
    /// The check as `reader` may see it.
    pub fn for_reader(self, reader: Reader) -> Check {
        match reader {
            Reader::MentorCompany if self.rule.concerns_the_mentee() => {
                let wording = neutral(self.rule, self.passed);
                self.reworded(wording)
            }
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
            let check = Check { rule, passed, message: personal.clone(), wording: None };
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
            crate::rules::age(
                chrono::NaiveDate::from_ymd_opt(1986, 1, 1),
                Some(18),
                Some(35),
                chrono::NaiveDate::from_ymd_opt(2027, 4, 5).unwrap(),
            ),
            Check::pass(RuleId::MentorEndorsement, Wording::new("endorsement-met")),
        ]);
        let seen = evaluation.for_reader(Reader::MentorCompany);
        assert!(!seen.eligible());
        assert_eq!(
            seen.checks()[1].message,
            "The mentor company has endorsed this application"
        );
        assert!(!seen.checks()[0].message.contains("41"));
        let french = seen.in_locale(Locale::Fr);
        assert_eq!(
            french.checks()[0].message,
            "Le stagiaire ne respecte pas encore la règle de ce cycle : âge ; seuls le stagiaire et le personnel en voient la raison"
        );
        assert!(!french.eligible());
    }
}
