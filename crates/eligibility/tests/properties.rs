//! Properties that must hold for every input, not just the examples in the
//! unit tests.

#![allow(clippy::unwrap_used)]

use chrono::{DateTime, Days, NaiveDate, TimeZone, Utc};
use greenlight_domain::{
    Audience, CareerStage, Cents, CycleRules, DateRange, Employment, EmploymentStatus, FiscalYear,
    FiscalYearStart, Profile, Province, ResidencyStatus, Topic,
};
use greenlight_eligibility::{ApplicationFacts, CycleFacts, evaluate_application, overlaps};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::{select, subsequence};

fn base() -> NaiveDate {
    NaiveDate::from_ymd_opt(2020, 1, 1).unwrap()
}

fn date() -> impl Strategy<Value = NaiveDate> {
    (0u64..4_000).prop_map(|days| base().checked_add_days(Days::new(days)).unwrap())
}

fn instant() -> impl Strategy<Value = DateTime<Utc>> {
    (0i64..4_000 * 86_400).prop_map(|seconds| {
        Utc.from_utc_datetime(&base().and_hms_opt(0, 0, 0).unwrap())
            + chrono::Duration::seconds(seconds)
    })
}

fn date_range() -> impl Strategy<Value = DateRange> {
    (date(), 0u64..400).prop_map(|(starts_on, length)| {
        DateRange::new(
            starts_on,
            starts_on.checked_add_days(Days::new(length)).unwrap(),
        )
        .unwrap()
    })
}

fn some_of<T: Clone + std::fmt::Debug + 'static>(
    all: &'static [T],
) -> impl Strategy<Value = Vec<T>> {
    subsequence(all.to_vec(), 0..=all.len())
}

fn cents() -> impl Strategy<Value = Cents> {
    (0i64..1_000_000).prop_map(|amount| Cents::parse(amount).unwrap())
}

fn employment() -> impl Strategy<Value = Employment> {
    (any::<[bool; 4]>(), proptest::option::of(date())).prop_map(
        |([paid_work, in_field, full_time, has_job_prospects], contract_ends_on)| Employment {
            paid_work,
            in_field,
            full_time,
            contract_ends_on,
            has_job_prospects,
        },
    )
}

fn profile() -> impl Strategy<Value = Profile> {
    (
        proptest::option::of(date()),
        proptest::option::of(select(Province::ALL)),
        proptest::option::of(select(ResidencyStatus::ALL)),
        proptest::option::of(employment()),
        any::<bool>(),
        0u32..15,
        some_of(Audience::ALL),
        some_of(Topic::ALL),
    )
        .prop_map(
            |(
                birth_date,
                province,
                residency_status,
                employment,
                student,
                producing_credits,
                audiences,
                interests,
            )| Profile {
                birth_date,
                province,
                residency_status,
                employment,
                student,
                producing_credits,
                audiences,
                interests,
                ..Profile::default()
            },
        )
}

fn cycle() -> impl Strategy<Value = CycleFacts> {
    let rules = (
        some_of(ResidencyStatus::ALL),
        proptest::option::of(15u32..40),
        proptest::option::of(15u32..40),
        some_of(EmploymentStatus::ALL),
        any::<bool>(),
        some_of(Province::ALL),
        some_of(Audience::ALL),
        some_of(CareerStage::ALL),
    )
        .prop_map(
            |(
                residency,
                min_age,
                max_age,
                employment_statuses,
                student_required,
                provinces,
                audiences_any,
                career_stages,
            )| CycleRules {
                residency,
                min_age,
                max_age,
                employment_statuses,
                student_required,
                provinces,
                audiences_any,
                career_stages,
            },
        );
    (instant(), instant(), date(), rules, cents()).prop_map(
        |(opens_at, closes_at, placement_starts_on, rules, min_mentor_contribution)| CycleFacts {
            opens_at,
            closes_at,
            placement_starts_on,
            rules,
            min_mentor_contribution,
        },
    )
}

fn application() -> impl Strategy<Value = ApplicationFacts> {
    (
        instant(),
        date_range(),
        0u32..3,
        proptest::option::of(date()),
        any::<bool>(),
        proptest::option::of(cents()),
        vec(date_range(), 0..3),
        vec(date(), 0..3),
        1u32..=12,
    )
        .prop_map(
            |(
                submitted_at,
                placement,
                others,
                expires,
                endorsed,
                contribution,
                placements,
                grants,
                month,
            )| {
                ApplicationFacts {
                    submitted_at,
                    placement,
                    other_active_applications_in_cycle: others,
                    company_membership_expires_on: expires,
                    endorsed,
                    contribution,
                    other_selected_placements: placements,
                    carries_grant: true,
                    other_grant_placement_starts: grants,
                    fiscal_year_start: FiscalYearStart::parse(month).unwrap(),
                }
            },
        )
}

proptest! {
    #[test]
    fn an_application_is_eligible_exactly_when_every_check_passes(
        profile in profile(),
        cycle in cycle(),
        application in application(),
    ) {
        let evaluation = evaluate_application(&profile, &cycle, &application);
        prop_assert_eq!(evaluation.checks().len(), 14);
        prop_assert_eq!(
            evaluation.eligible(),
            evaluation.checks().iter().all(|check| check.passed)
        );
        for check in evaluation.checks() {
            prop_assert!(!check.message.is_empty());
        }
    }

    #[test]
    fn the_fiscal_year_of_a_date_never_goes_back_as_the_date_advances(
        a in date(),
        b in date(),
        month in 1u32..=12,
    ) {
        let start = FiscalYearStart::parse(month).unwrap();
        let (earlier, later) = if a <= b { (a, b) } else { (b, a) };
        prop_assert!(FiscalYear::containing(earlier, start) <= FiscalYear::containing(later, start));
        prop_assert!(FiscalYear::containing(a, start).contains(a));
    }

    #[test]
    fn overlap_is_symmetric(a in date_range(), b in date_range()) {
        prop_assert_eq!(overlaps(a, b), overlaps(b, a));
        prop_assert!(overlaps(a, a));
    }

    #[test]
    fn more_credits_never_mean_an_earlier_career_stage(a in any::<u32>(), b in any::<u32>()) {
        let (fewer, more) = if a <= b { (a, b) } else { (b, a) };
        prop_assert!(CareerStage::from_credits(fewer) <= CareerStage::from_credits(more));
    }
}
