//! The three moments rules are evaluated at: the anonymous pre-check, a
//! submission (or an on-demand check of an application), and selection.

use chrono::{DateTime, NaiveDate, Utc};
use greenlight_domain::Profile;

use crate::evaluation::{Check, Evaluation};
use crate::facts::{ApplicationFacts, CycleFacts};
use crate::rules;

/// The mentee-side rules, in the order of docs/domain.md, for someone who has not
/// applied yet: is the cycle open `at`, and does this profile qualify?
pub fn evaluate_mentee(profile: &Profile, cycle: &CycleFacts, at: DateTime<Utc>) -> Evaluation {
    let mut checks = vec![rules::application_window(
        cycle.opens_at,
        cycle.closes_at,
        at,
    )];
    checks.extend(profile_checks(profile, cycle, cycle.placement_starts_on));
    Evaluation::new(checks)
}

/// Every rule, in the order of docs/domain.md. Employment is derived on the start of
/// the placement the application proposes, which is the one the FAQ speaks of;
/// age stays on the cycle's `placement_starts_on`, as docs/domain.md fixes it.
pub fn evaluate_application(
    profile: &Profile,
    cycle: &CycleFacts,
    application: &ApplicationFacts,
) -> Evaluation {
    let submitted_on = application.submitted_at.date_naive();
    let mut checks = vec![
        rules::application_window(cycle.opens_at, cycle.closes_at, application.submitted_at),
        rules::one_application_per_cycle(application.other_active_applications_in_cycle),
    ];
    checks.extend(profile_checks(
        profile,
        cycle,
        application.placement.starts_on(),
    ));
    checks.extend([
        rules::mentor_membership(application.company_membership_expires_on, submitted_on),
        rules::mentor_endorsement(application.endorsed),
        rules::mentor_contribution(application.contribution, cycle.min_mentor_contribution),
    ]);
    checks.extend(placement_checks(application));
    Evaluation::new(checks)
}

/// What can change between submission and selection, checked again on the
/// day of the decision (`decided_at`), in the order of docs/domain.md.
pub fn selection_recheck(application: &ApplicationFacts, decided_at: DateTime<Utc>) -> Evaluation {
    let mut checks = vec![rules::mentor_membership(
        application.company_membership_expires_on,
        decided_at.date_naive(),
    )];
    checks.extend(placement_checks(application));
    Evaluation::new(checks)
}

fn profile_checks(profile: &Profile, cycle: &CycleFacts, employment_on: NaiveDate) -> [Check; 7] {
    let rules_of_cycle = &cycle.rules;
    [
        rules::residency(
            profile.residency_status,
            rules_of_cycle.effective_residency(),
        ),
        rules::age(
            profile.birth_date,
            rules_of_cycle.min_age,
            rules_of_cycle.max_age,
            cycle.placement_starts_on,
        ),
        rules::employment_status(
            profile.employment.as_ref(),
            &rules_of_cycle.employment_statuses,
            employment_on,
        ),
        rules::student(profile.student, rules_of_cycle.student_required),
        rules::region(profile.province, &rules_of_cycle.provinces),
        rules::audience(&profile.audiences, &rules_of_cycle.audiences_any),
        rules::career_stage(profile.producing_credits, &rules_of_cycle.career_stages),
    ]
}

fn placement_checks(application: &ApplicationFacts) -> [Check; 2] {
    [
        rules::one_program_at_a_time(
            application.placement,
            &application.other_selected_placements,
        ),
        rules::one_grant_per_fiscal_year(
            application.placement.starts_on(),
            application.carries_grant,
            &application.other_grant_placement_starts,
            application.fiscal_year_start,
        ),
    ]
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use chrono::TimeZone;
    use greenlight_domain::{
        Cents, CycleRules, DateRange, FiscalYearStart, Province, ResidencyStatus,
    };

    use super::*;
    use crate::evaluation::RuleId;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn cycle() -> CycleFacts {
        CycleFacts {
            opens_at: Utc.with_ymd_and_hms(2026, 9, 1, 0, 0, 0).unwrap(),
            closes_at: Utc.with_ymd_and_hms(2026, 10, 31, 23, 59, 0).unwrap(),
            placement_starts_on: date(2027, 1, 4),
            rules: CycleRules {
                provinces: vec![Province::Bc, Province::Nl],
                ..CycleRules::default()
            },
            min_mentor_contribution: Cents::parse(500_000).unwrap(),
        }
    }

    fn profile() -> Profile {
        Profile {
            province: Some(Province::Bc),
            residency_status: Some(ResidencyStatus::PermanentResident),
            ..Profile::default()
        }
    }

    fn application() -> ApplicationFacts {
        ApplicationFacts {
            submitted_at: Utc.with_ymd_and_hms(2026, 10, 15, 12, 0, 0).unwrap(),
            placement: DateRange::new(date(2027, 1, 4), date(2027, 6, 30)).unwrap(),
            other_active_applications_in_cycle: 0,
            company_membership_expires_on: Some(date(2027, 3, 31)),
            endorsed: true,
            contribution: Some(Cents::parse(500_000).unwrap()),
            other_selected_placements: Vec::new(),
            carries_grant: true,
            other_grant_placement_starts: Vec::new(),
            fiscal_year_start: FiscalYearStart::APRIL,
        }
    }

    fn rule_ids(evaluation: &Evaluation) -> Vec<RuleId> {
        evaluation.checks().iter().map(|check| check.rule).collect()
    }

    #[test]
    fn an_application_is_checked_against_every_rule_in_order() {
        let evaluation = evaluate_application(&profile(), &cycle(), &application());
        assert_eq!(rule_ids(&evaluation), RuleId::ALL);
        assert!(
            evaluation.eligible(),
            "{:#?}",
            evaluation.failures().collect::<Vec<_>>()
        );
    }

    #[test]
    fn the_pre_check_covers_only_the_mentee_side() {
        let evaluation = evaluate_mentee(&profile(), &cycle(), application().submitted_at);
        assert_eq!(
            rule_ids(&evaluation),
            [
                RuleId::ApplicationWindow,
                RuleId::Residency,
                RuleId::Age,
                RuleId::EmploymentStatus,
                RuleId::Student,
                RuleId::Region,
                RuleId::Audience,
                RuleId::CareerStage,
            ]
        );
        assert!(evaluation.eligible());
        let elsewhere = Profile {
            province: Some(Province::On),
            ..profile()
        };
        let evaluation = evaluate_mentee(&elsewhere, &cycle(), application().submitted_at);
        assert!(!evaluation.eligible());
        let failed: Vec<RuleId> = evaluation.failures().map(|check| check.rule).collect();
        assert_eq!(failed, [RuleId::Region]);
    }

    #[test]
    fn an_unendorsed_application_is_ineligible() {
        let unendorsed = ApplicationFacts {
            endorsed: false,
            contribution: None,
            ..application()
        };
        let evaluation = evaluate_application(&profile(), &cycle(), &unendorsed);
        let failed: Vec<RuleId> = evaluation.failures().map(|check| check.rule).collect();
        assert_eq!(
            failed,
            [RuleId::MentorEndorsement, RuleId::MentorContribution]
        );
    }

    #[test]
    fn selection_rechecks_membership_on_the_decision_day() {
        let decided_at = Utc.with_ymd_and_hms(2027, 4, 2, 9, 0, 0).unwrap();
        let evaluation = selection_recheck(&application(), decided_at);
        assert_eq!(
            rule_ids(&evaluation),
            [
                RuleId::MentorMembership,
                RuleId::OneProgramAtATime,
                RuleId::OneGrantPerFiscalYear,
            ]
        );
        assert!(!evaluation.eligible(), "membership lapsed on 31 March 2027");
    }

    #[test]
    fn selection_refuses_a_second_grant_in_the_same_fiscal_year() {
        let granted = ApplicationFacts {
            other_grant_placement_starts: vec![date(2026, 4, 1)],
            ..application()
        };
        let decided_at = Utc.with_ymd_and_hms(2026, 11, 20, 9, 0, 0).unwrap();
        let failed: Vec<RuleId> = selection_recheck(&granted, decided_at)
            .failures()
            .map(|check| check.rule)
            .collect();
        assert_eq!(failed, [RuleId::OneGrantPerFiscalYear]);
        let without_grant = ApplicationFacts {
            carries_grant: false,
            ..granted
        };
        assert!(selection_recheck(&without_grant, decided_at).eligible());
    }
}
