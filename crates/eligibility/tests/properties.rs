//! Properties that must hold for every input, not just the examples in the
//! unit tests.

#![allow(clippy::unwrap_used)]

use chrono::{DateTime, Datelike, Days, NaiveDate, TimeZone, Utc};
use greenlight_domain::{
    Audience, CareerStage, Cents, CycleRules, DateRange, Employment, EmploymentStatus, FiscalYear,
    FiscalYearStart, Profile, Province, ResidencyStatus, Topic,
};
use greenlight_eligibility::{
    ApplicationFacts, Check, CycleFacts, Evaluation, RuleId, evaluate_application, evaluate_mentee,
    overlaps,
};
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

/// How a cycle's rules are loosened: each field widens one rule (or leaves
/// it as it is), never narrows it. Lists whose emptiness means "no
/// restriction" are either cleared or given more values; residency, whose
/// empty list means the default, is widened from its effective list.
#[derive(Debug, Clone)]
struct Relaxation {
    opens_earlier_hours: i64,
    closes_later_hours: i64,
    /// `None` removes the limit; `Some(n)` moves it `n` years.
    min_age: Option<u32>,
    max_age: Option<u32>,
    drop_student_requirement: bool,
    residency: Vec<ResidencyStatus>,
    employment_statuses: Widening<EmploymentStatus>,
    provinces: Widening<Province>,
    audiences_any: Widening<Audience>,
    career_stages: Widening<CareerStage>,
    lower_contribution_by: i64,
}

#[derive(Debug, Clone)]
enum Widening<T> {
    Clear,
    Add(Vec<T>),
}

impl<T: Clone + PartialEq> Widening<T> {
    fn apply(&self, list: &[T]) -> Vec<T> {
        if list.is_empty() {
            return Vec::new();
        }
        match self {
            Widening::Clear => Vec::new(),
            Widening::Add(extra) => {
                let mut wider = list.to_vec();
                wider.extend(extra.iter().filter(|value| !list.contains(value)).cloned());
                wider
            }
        }
    }
}

impl Relaxation {
    fn apply(&self, strict: &CycleFacts) -> CycleFacts {
        let rules = &strict.rules;
        let mut residency = rules.effective_residency().to_vec();
        residency.extend(
            self.residency
                .iter()
                .filter(|status| !residency.contains(status))
                .copied()
                .collect::<Vec<_>>(),
        );
        CycleFacts {
            opens_at: strict.opens_at - chrono::Duration::hours(self.opens_earlier_hours),
            closes_at: strict.closes_at + chrono::Duration::hours(self.closes_later_hours),
            placement_starts_on: strict.placement_starts_on,
            rules: CycleRules {
                residency,
                min_age: rules
                    .min_age
                    .and_then(|min| self.min_age.map(|by| min.saturating_sub(by))),
                max_age: rules
                    .max_age
                    .and_then(|max| self.max_age.map(|by| max + by)),
                employment_statuses: self.employment_statuses.apply(&rules.employment_statuses),
                student_required: rules.student_required && !self.drop_student_requirement,
                provinces: self.provinces.apply(&rules.provinces),
                audiences_any: self.audiences_any.apply(&rules.audiences_any),
                career_stages: self.career_stages.apply(&rules.career_stages),
            },
            min_mentor_contribution: Cents::parse(
                (strict.min_mentor_contribution.get() - self.lower_contribution_by).max(0),
            )
            .unwrap(),
        }
    }
}

fn widening<T: Clone + std::fmt::Debug + 'static>(
    all: &'static [T],
) -> impl Strategy<Value = Widening<T>> {
    prop_oneof![Just(Widening::Clear), some_of(all).prop_map(Widening::Add)]
}

prop_compose! {
    fn relaxation()(
        opens_earlier_hours in 0i64..2_000,
        closes_later_hours in 0i64..2_000,
        min_age in proptest::option::of(0u32..10),
        max_age in proptest::option::of(0u32..10),
        drop_student_requirement in any::<bool>(),
        residency in some_of(ResidencyStatus::ALL),
        employment_statuses in widening(EmploymentStatus::ALL),
        provinces in widening(Province::ALL),
        audiences_any in widening(Audience::ALL),
        career_stages in widening(CareerStage::ALL),
        lower_contribution_by in 0i64..1_000_000,
    ) -> Relaxation {
        Relaxation {
            opens_earlier_hours,
            closes_later_hours,
            min_age,
            max_age,
            drop_student_requirement,
            residency,
            employment_statuses,
            provinces,
            audiences_any,
            career_stages,
            lower_contribution_by,
        }
    }
}

fn rule(evaluation: &Evaluation, id: RuleId) -> Check {
    evaluation
        .checks()
        .iter()
        .find(|check| check.rule == id)
        .cloned()
        .unwrap()
}

/// Birth dates with many leap days among them, the hard case.
fn birth_date() -> impl Strategy<Value = NaiveDate> {
    prop_oneof![
        (1960i32..2015, 1u32..=12, 1u32..=28)
            .prop_map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap()),
        (1960i32..2015).prop_map(|y| {
            let leap = y - y.rem_euclid(4);
            NaiveDate::from_ymd_opt(leap, 2, 29).unwrap()
        }),
    ]
}

/// A day a few days either side of the `years`-th birthday (1 March for a
/// 29 February birthday in a common year).
fn near_birthday(birth_date: NaiveDate, years: i32, days: i64) -> NaiveDate {
    let birthday = birthday_in(birth_date, birth_date.year() + years);
    birthday + chrono::Duration::days(days)
}

/// Written apart from the crate's `age_on`, the way a person counts: the
/// birthdays that have come by `on`. In a common year a 29 February
/// birthday comes on 1 March.
fn birthday_in(birth_date: NaiveDate, year: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, birth_date.month(), birth_date.day())
        .unwrap_or_else(|| NaiveDate::from_ymd_opt(year, 3, 1).unwrap())
}

fn birthdays_passed(birth_date: NaiveDate, on: NaiveDate) -> u32 {
    (birth_date.year() + 1..=on.year())
        .filter(|year| birthday_in(birth_date, *year) <= on)
        .count() as u32
}

/// The mentorship FAQ's definitions, read literally and written apart from
/// the crate's: "unemployed if you are not being paid for any activities
/// ... [or] working on a term or contract job that ends before the proposed
/// placement begins and you have no job prospects"; "underemployed if
/// you're working part-time in your field of expertise or study, or you're
/// working full-time or part-time in an area not related to" it.
fn status_in_faq_terms(employment: &Employment, placement_begins: NaiveDate) -> EmploymentStatus {
    let paid_for_something = employment.paid_work;
    let term_over_before_placement =
        matches!(employment.contract_ends_on, Some(end) if end < placement_begins);
    let unemployed =
        !paid_for_something || (term_over_before_placement && !employment.has_job_prospects);
    let part_time_in_field = employment.in_field && !employment.full_time;
    let outside_field = !employment.in_field;
    match (unemployed, part_time_in_field || outside_field) {
        (true, _) => EmploymentStatus::Unemployed,
        (false, true) => EmploymentStatus::Underemployed,
        (false, false) => EmploymentStatus::Employed,
    }
}

/// Employment facts with a contract ending within days of the placement,
/// where the rule's boundary lies.
fn employment_near() -> impl Strategy<Value = (Employment, DateRange)> {
    (
        any::<[bool; 4]>(),
        proptest::option::of(-5i64..5),
        date_range(),
    )
        .prop_map(
            |([paid_work, in_field, full_time, has_job_prospects], contract_offset, placement)| {
                let employment = Employment {
                    paid_work,
                    in_field,
                    full_time,
                    contract_ends_on: contract_offset
                        .map(|days| placement.starts_on() + chrono::Duration::days(days)),
                    has_job_prospects,
                };
                (employment, placement)
            },
        )
}

proptest! {
    #[test]
    fn relaxing_a_cycle_rule_never_turns_a_pass_into_a_fail(
        profile in profile(),
        strict in cycle(),
        relaxation in relaxation(),
        application in application(),
    ) {
        let relaxed = relaxation.apply(&strict);
        let at = application.submitted_at;
        for (before, after) in [
            (evaluate_application(&profile, &strict, &application), evaluate_application(&profile, &relaxed, &application)),
            (evaluate_mentee(&profile, &strict, at), evaluate_mentee(&profile, &relaxed, at)),
        ] {
            prop_assert_eq!(before.checks().len(), after.checks().len());
            for (was, is) in before.checks().iter().zip(after.checks()) {
                prop_assert_eq!(was.rule, is.rule);
                prop_assert!(!was.passed || is.passed, "{} passed under {:?} but failed relaxed to {:?}", was.rule, strict.rules, relaxed.rules);
            }
            prop_assert!(!before.eligible() || after.eligible());
        }
    }

    #[test]
    fn the_age_rule_agrees_with_counting_birthdays(
        birth_date in birth_date(),
        years in 10i32..45,
        days_after_birthday in -3i64..4,
        limits in (proptest::option::of(14u32..40), proptest::option::of(14u32..40)),
        cycle in cycle(),
        application in application(),
    ) {
        let (min_age, max_age) = limits;
        let starts_on = near_birthday(birth_date, years, days_after_birthday);
        let cycle = CycleFacts {
            placement_starts_on: starts_on,
            rules: CycleRules { min_age, max_age, ..CycleRules::default() },
            ..cycle
        };
        let profile = Profile { birth_date: Some(birth_date), ..Profile::default() };
        // Age is taken on the cycle's placement start, whatever the
        // application proposes (docs/domain.md, Mentorship rules).
        let age = birthdays_passed(birth_date, starts_on);
        let within = min_age.is_none_or(|min| age >= min) && max_age.is_none_or(|max| age <= max);
        for evaluation in [
            evaluate_mentee(&profile, &cycle, cycle.opens_at),
            evaluate_application(&profile, &cycle, &application),
        ] {
            let check = rule(&evaluation, RuleId::Age);
            prop_assert_eq!(check.passed, within, "born {}, placement {}, age {}: {}", birth_date, starts_on, age, check.message);
        }
        prop_assert_eq!(greenlight_eligibility::age_on(birth_date, starts_on), age);
    }

    #[test]
    fn the_employment_rule_agrees_with_the_faq(
        facts in employment_near(),
        accepted in some_of(EmploymentStatus::ALL),
        cycle in cycle(),
        application in application(),
    ) {
        let (employment, placement) = facts;
        let application = ApplicationFacts { placement, ..application };
        let profile = Profile { employment: Some(employment.clone()), ..Profile::default() };
        let cycle = CycleFacts {
            rules: CycleRules { employment_statuses: accepted.clone(), ..CycleRules::default() },
            ..cycle
        };
        // The FAQ speaks of the placement the application proposes, not the cycle's.
        let status = status_in_faq_terms(&employment, placement.starts_on());
        let check = rule(&evaluate_application(&profile, &cycle, &application), RuleId::EmploymentStatus);
        prop_assert_eq!(
            check.passed,
            accepted.is_empty() || accepted.contains(&status),
            "{:?} on {} is {:?}; accepted {:?}: {}", employment, placement.starts_on(), status, accepted, check.message
        );
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
