//! A joint mentorship application's lifecycle (docs/domain.md: `draft → submitted →
//! selected | waitlisted | declined`; `withdrawn` from draft or submitted).

use crate::terms::defined_terms;

defined_terms! {
    /// Where a joint application stands.
    pub enum ApplicationStatus {
        Draft => "draft", "Draft", "Being prepared by the mentee and the company; only drafts can be edited or endorsed.";
        Submitted => "submitted", "Submitted", "Sent to the association after passing every eligibility rule; awaiting a decision.";
        Selected => "selected", "Selected", "Chosen for a placement.";
        Waitlisted => "waitlisted", "Waitlisted", "Not chosen yet; may still be selected if a placement frees up.";
        Declined => "declined", "Declined", "Not chosen in this cycle.";
        Withdrawn => "withdrawn", "Withdrawn", "Withdrawn by the mentee before a decision.";
    }
}

impl ApplicationStatus {
    /// Staff have recorded an outcome.
    pub fn is_decided(self) -> bool {
        matches!(
            self,
            ApplicationStatus::Selected
                | ApplicationStatus::Waitlisted
                | ApplicationStatus::Declined
        )
    }

    pub fn can_withdraw(self) -> bool {
        matches!(
            self,
            ApplicationStatus::Draft | ApplicationStatus::Submitted
        )
    }

    /// A waitlisted application can still be decided again.
    pub fn can_decide(self) -> bool {
        matches!(
            self,
            ApplicationStatus::Submitted | ApplicationStatus::Waitlisted
        )
    }

    /// Counts against `one_application_per_cycle`: neither a draft nor withdrawn.
    pub fn is_active(self) -> bool {
        !matches!(
            self,
            ApplicationStatus::Draft | ApplicationStatus::Withdrawn
        )
    }
}

defined_terms! {
    /// What staff decide about a submitted application.
    pub enum Outcome {
        Selected => "selected", "Selected", "Chosen for a placement.";
        Waitlisted => "waitlisted", "Waitlisted", "Kept on a waiting list in case a placement frees up.";
        Declined => "declined", "Declined", "Not chosen in this cycle.";
    }
}

impl Outcome {
    pub fn status(self) -> ApplicationStatus {
        match self {
            Outcome::Selected => ApplicationStatus::Selected,
            Outcome::Waitlisted => ApplicationStatus::Waitlisted,
            Outcome::Declined => ApplicationStatus::Declined,
        }
    }
}

defined_terms! {
    /// How the mentor company takes the mentee on (the FAQ: a contract or
    /// employment, with or without deductions at source).
    pub enum Engagement {
        Contract => "contract", "Contract", "The mentee works on a contract; the company issues a T4A.";
        Employee => "employee", "Employee", "The company hires the mentee as an employee; the company issues a T4.";
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_drafts_and_submissions_can_be_withdrawn() {
        let withdrawable: Vec<_> = ApplicationStatus::ALL
            .iter()
            .filter(|status| status.can_withdraw())
            .collect();
        assert_eq!(
            withdrawable,
            [&ApplicationStatus::Draft, &ApplicationStatus::Submitted]
        );
    }

    #[test]
    fn outcomes_are_the_decided_statuses() {
        for outcome in Outcome::ALL {
            assert!(outcome.status().is_decided());
            assert_eq!(outcome.as_str(), outcome.status().as_str());
        }
        assert!(!ApplicationStatus::Draft.is_active());
        assert!(!ApplicationStatus::Withdrawn.is_active());
        assert!(ApplicationStatus::Waitlisted.is_active());
    }
}
