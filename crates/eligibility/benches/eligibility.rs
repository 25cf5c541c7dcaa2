//! Evaluating every rule must stay negligible next to the database round
//! trips around it.

#![allow(
    clippy::unwrap_used,
    reason = "fixed benchmark inputs; a bad one should stop the run"
)]

use std::hint::black_box;

use chrono::{Days, NaiveDate, TimeZone, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use greenlight_domain::{
    Audience, CareerStage, Cents, CycleRules, DateRange, Employment, EmploymentStatus,
    FiscalYearStart, Profile, Province, ResidencyStatus, Topic,
};
use greenlight_eligibility::{ApplicationFacts, CycleFacts, evaluate_application};

fn day(offset: u64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, 1)
        .and_then(|start| start.checked_add_days(Days::new(offset)))
        .unwrap()
}

fn profile() -> Profile {
    Profile {
        birth_date: Some(day(0) - Days::new(26 * 365)),
        province: Some(Province::Bc),
        residency_status: Some(ResidencyStatus::PermanentResident),
        employment: Some(Employment {
            paid_work: true,
            in_field: false,
            full_time: false,
            contract_ends_on: None,
            has_job_prospects: false,
        }),
        producing_credits: 2,
        audiences: vec![Audience::Women, Audience::Indigenous],
        interests: vec![Topic::Financing, Topic::Export, Topic::Development],
        ..Profile::default()
    }
}

fn evaluation(c: &mut Criterion) {
    let profile = profile();
    let cycle = CycleFacts {
        opens_at: Utc.with_ymd_and_hms(2026, 9, 1, 0, 0, 0).unwrap(),
        closes_at: Utc.with_ymd_and_hms(2026, 10, 31, 23, 59, 0).unwrap(),
        placement_starts_on: day(368),
        rules: CycleRules {
            min_age: Some(18),
            max_age: Some(35),
            employment_statuses: vec![
                EmploymentStatus::Unemployed,
                EmploymentStatus::Underemployed,
            ],
            provinces: vec![Province::Bc, Province::Nl],
            audiences_any: vec![Audience::Indigenous],
            career_stages: vec![CareerStage::Emerging, CareerStage::EarlyCareer],
            ..CycleRules::default()
        },
        min_mentor_contribution: Cents::parse(500_000).unwrap(),
    };
    let application = ApplicationFacts {
        submitted_at: Utc.with_ymd_and_hms(2026, 10, 15, 12, 0, 0).unwrap(),
        placement: DateRange::new(day(368), day(545)).unwrap(),
        other_active_applications_in_cycle: 0,
        company_membership_expires_on: Some(day(450)),
        endorsed: true,
        contribution: Cents::parse(600_000).ok(),
        other_selected_placements: vec![DateRange::new(day(0), day(180)).unwrap()],
        carries_grant: true,
        other_grant_placement_starts: vec![day(0)],
        fiscal_year_start: FiscalYearStart::APRIL,
    };
    c.bench_function("evaluate all 14 rules", |b| {
        b.iter(|| {
            evaluate_application(
                black_box(&profile),
                black_box(&cycle),
                black_box(&application),
            )
        })
    });
}

criterion_group!(benches, evaluation);
criterion_main!(benches);
