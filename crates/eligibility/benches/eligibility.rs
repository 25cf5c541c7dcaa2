//! Matching must stay within a few milliseconds for a 10,000-program
//! catalogue, and evaluating every rule must stay negligible next to the
//! database round trips around it.

#![allow(
    clippy::unwrap_used,
    reason = "fixed benchmark inputs; a bad one should stop the run"
)]

use std::hint::black_box;

use chrono::{Days, NaiveDate, TimeZone, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use greenlight_domain::{
    Audience, CareerStage, Cents, CycleRules, DateRange, Delivery, Employment, EmploymentStatus,
    FiscalYearStart, Format, Profile, ProgramFacts, Province, Region, ResidencyStatus, Topic,
};
use greenlight_eligibility::{ApplicationFacts, CycleFacts, evaluate_application, match_programs};

const CATALOGUE_SIZE: usize = 10_000;

fn day(offset: u64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, 1)
        .and_then(|start| start.checked_add_days(Days::new(offset)))
        .unwrap()
}

/// Varied but reproducible programs: every tag list cycles through its
/// vocabulary at a different pace so that no two facets line up.
fn catalogue() -> Vec<ProgramFacts> {
    (0..CATALOGUE_SIZE)
        .map(|index| {
            let pick = |all_len: usize, pace: usize| (index / pace + index) % all_len;
            ProgramFacts {
                id: format!("program-{index:05}"),
                title: format!("Program {}", index % 997),
                formats: vec![Format::ALL[pick(Format::ALL.len(), 1)]],
                topics: vec![
                    Topic::ALL[pick(Topic::ALL.len(), 1)],
                    Topic::ALL[pick(Topic::ALL.len(), 3)],
                ],
                career_stages: if index % 3 == 0 {
                    Vec::new()
                } else {
                    vec![CareerStage::ALL[pick(CareerStage::ALL.len(), 5)]]
                },
                regions: vec![
                    Region::ALL[pick(Region::ALL.len(), 2) * usize::from(index % 2 == 0)],
                ],
                audiences: if index % 7 == 0 {
                    vec![Audience::ALL[pick(Audience::ALL.len(), 7)]]
                } else {
                    Vec::new()
                },
                delivery: Delivery::ALL[pick(Delivery::ALL.len(), 11)],
                cost: Cents::parse(25_000 * (index % 5) as i64).unwrap(),
                application_deadline: (index % 4 != 0).then(|| day((index % 600) as u64)),
            }
        })
        .collect()
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

fn matching(c: &mut Criterion) {
    let programs = catalogue();
    let profile = profile();
    let today = day(200);
    c.bench_function("match 10,000 programs, top 20", |b| {
        b.iter(|| match_programs(black_box(&profile), black_box(&programs), today, 20))
    });
    c.bench_function("match 10,000 programs, top 100", |b| {
        b.iter(|| match_programs(black_box(&profile), black_box(&programs), today, 100))
    });
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

criterion_group!(benches, matching, evaluation);
criterion_main!(benches);
