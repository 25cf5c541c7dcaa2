use chrono::NaiveDate;
use greenlight_domain::{
    Audience, CareerStage, Employment, EmploymentStatus, Province, ResidencyStatus,
};

use crate::age::age_on;
use crate::employment_status::employment_status_on;
use crate::evaluation::{Check, RuleId};
use crate::wording::{Fact, Wording};

/// `accepted` is the cycle's effective list (`CycleRules::effective_residency`).
pub fn residency(status: Option<ResidencyStatus>, accepted: &[ResidencyStatus]) -> Check {
    let rule = RuleId::Residency;
    let accepted_fact = || Fact::AnyResidency(accepted.to_vec());
    match status {
        None => Check::fail(
            rule,
            Wording::new("residency-missing").with("accepted", accepted_fact()),
        ),
        Some(status) if accepted.contains(&status) => Check::pass(
            rule,
            Wording::new("residency-met").with("status", Fact::Residency(status)),
        ),
        Some(status) => Check::fail(
            rule,
            Wording::new("residency-not-met")
                .with("accepted", accepted_fact())
                .with("status", Fact::Residency(status)),
        ),
    }
}

fn age_limit(min_age: u32, max_age: Option<u32>) -> Fact {
    let plain = |age: u32| Fact::Plain(age.to_string());
    Fact::Words(Box::new(match max_age {
        Some(max) => Wording::new("age-limit-range")
            .with("min", plain(min_age))
            .with("max", plain(max)),
        None => Wording::new("age-limit-min").with("min", plain(min_age)),
    }))
}

/// Age is taken on the day the placement starts, both limits included.
pub fn age(
    birth_date: Option<NaiveDate>,
    min_age: Option<u32>,
    max_age: Option<u32>,
    placement_starts_on: NaiveDate,
) -> Check {
    let rule = RuleId::Age;
    let limit = match (min_age, max_age) {
        (None, None) => return Check::pass(rule, Wording::new("age-no-limit")),
        (Some(min), max) => age_limit(min, max),
        (None, Some(max)) => Fact::Words(Box::new(
            Wording::new("age-limit-max").with("max", Fact::Plain(max.to_string())),
        )),
    };
    let starts = Fact::Date(placement_starts_on);
    let Some(birth_date) = birth_date else {
        return Check::fail(
            rule,
            Wording::new("age-missing")
                .with("limit", limit)
                .with("starts", starts),
        );
    };
    let age = age_on(birth_date, placement_starts_on);
    let old_enough = min_age.is_none_or(|min| age >= min);
    let young_enough = max_age.is_none_or(|max| age <= max);
    let wording = |id| {
        Wording::new(id)
            .with("age", Fact::Plain(age.to_string()))
            .with("starts", starts.clone())
            .with("limit", limit.clone())
    };
    if old_enough && young_enough {
        Check::pass(rule, wording("age-met"))
    } else {
        Check::fail(rule, wording("age-not-met"))
    }
}

/// Derived on `placement_starts_on`; `accepted` empty means no requirement.
pub fn employment_status(
    employment: Option<&Employment>,
    accepted: &[EmploymentStatus],
    placement_starts_on: NaiveDate,
) -> Check {
    let rule = RuleId::EmploymentStatus;
    if accepted.is_empty() {
        return Check::pass(rule, Wording::new("employment-no-requirement"));
    }
    let accepted_fact = || Fact::AnyEmployment(accepted.to_vec());
    let starts = Fact::Date(placement_starts_on);
    let Some(employment) = employment else {
        return Check::fail(
            rule,
            Wording::new("employment-missing")
                .with("accepted", accepted_fact())
                .with("starts", starts),
        );
    };
    let status = employment_status_on(employment, placement_starts_on);
    if accepted.contains(&status) {
        Check::pass(
            rule,
            Wording::new("employment-met")
                .with("status", Fact::Employment(status))
                .with("starts", starts),
        )
    } else {
        Check::fail(
            rule,
            Wording::new("employment-not-met")
                .with("accepted", accepted_fact())
                .with("starts", starts)
                .with("status", Fact::Employment(status)),
        )
    }
}

pub fn student(is_student: bool, required: bool) -> Check {
    let rule = RuleId::Student;
    match (required, is_student) {
        (false, _) => Check::pass(rule, Wording::new("student-not-required")),
        (true, true) => Check::pass(rule, Wording::new("student-met")),
        (true, false) => Check::fail(rule, Wording::new("student-not-met")),
    }
}

/// `provinces` empty means the cycle is national.
pub fn region(province: Option<Province>, provinces: &[Province]) -> Check {
    let rule = RuleId::Region;
    if provinces.is_empty() {
        return Check::pass(rule, Wording::new("region-national"));
    }
    let listed = Fact::Provinces(provinces.to_vec());
    match province {
        Some(province) if provinces.contains(&province) => Check::pass(
            rule,
            Wording::new("region-met").with("province", Fact::Plain(province.to_string())),
        ),
        Some(province) => Check::fail(
            rule,
            Wording::new("region-not-met")
                .with("provinces", listed)
                .with("province", Fact::Plain(province.to_string())),
        ),
        None => Check::fail(
            rule,
            Wording::new("region-missing").with("provinces", listed),
        ),
    }
}

/// Passes when the mentee self-identifies in at least one of `audiences_any`.
pub fn audience(self_identified: &[Audience], audiences_any: &[Audience]) -> Check {
    let rule = RuleId::Audience;
    if audiences_any.is_empty() {
        return Check::pass(rule, Wording::new("audience-none"));
    }
    let shared: Vec<Audience> = audiences_any
        .iter()
        .copied()
        .filter(|group| self_identified.contains(group))
        .collect();
    if shared.is_empty() {
        Check::fail(
            rule,
            Wording::new("audience-not-met")
                .with("groups", Fact::Audiences(audiences_any.to_vec())),
        )
    } else {
        Check::pass(
            rule,
            Wording::new("audience-met").with("groups", Fact::Audiences(shared)),
        )
    }
}

/// The stage is derived from `producing_credits`; `stages` empty means every
/// stage is welcome.
pub fn career_stage(producing_credits: u32, stages: &[CareerStage]) -> Check {
    let rule = RuleId::CareerStage;
    if stages.is_empty() {
        return Check::pass(rule, Wording::new("stage-every"));
    }
    let stage = CareerStage::from_credits(producing_credits);
    let have = Fact::Credits(producing_credits);
    if stages.contains(&stage) {
        Check::pass(
            rule,
            Wording::new("stage-met")
                .with("credits", have)
                .with("stage", Fact::Stage(stage)),
        )
    } else {
        Check::fail(
            rule,
            Wording::new("stage-not-met")
                .with("stages", Fact::Stages(stages.to_vec()))
                .with("credits", have)
                .with("stage", Fact::Stage(stage)),
        )
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use greenlight_domain::DEFAULT_RESIDENCY;

    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn permanent_residents_and_protected_persons_are_eligible_by_default() {
        for status in DEFAULT_RESIDENCY {
            assert!(residency(Some(*status), DEFAULT_RESIDENCY).passed);
        }
        let other = residency(Some(ResidencyStatus::Other), DEFAULT_RESIDENCY);
        assert!(!other.passed);
        assert_eq!(
            other.message,
            "This cycle is open to a citizen, permanent resident or protected person — your profile says other"
        );
    }

    #[test]
    fn missing_residency_asks_to_fill_it() {
        let check = residency(None, DEFAULT_RESIDENCY);
        assert!(!check.passed);
        assert!(check.message.starts_with("Add your residency status"));
    }

    #[test]
    fn a_cycle_list_of_residency_is_enforced() {
        let citizens_only = [ResidencyStatus::Citizen];
        assert!(!residency(Some(ResidencyStatus::PermanentResident), &citizens_only).passed);
    }

    #[test]
    fn age_limits_include_both_ends_on_the_placement_start() {
        let starts = date(2027, 1, 4);
        let limits = (Some(18), Some(30));
        let check = |born| age(Some(born), limits.0, limits.1, starts).passed;
        assert!(check(date(2009, 1, 4)), "18 on the day");
        assert!(!check(date(2009, 1, 5)), "turns 18 a day late");
        assert!(check(date(1996, 1, 5)), "still 30");
        assert!(!check(date(1996, 1, 4)), "31 on the day");
    }

    #[test]
    fn age_failure_says_the_limit_and_the_age() {
        let check = age(Some(date(1990, 1, 1)), None, Some(30), date(2027, 1, 4));
        assert_eq!(
            check.message,
            "This cycle is for producers aged 30 or younger on 4 January 2027, when the placement starts — you will be 37"
        );
    }

    #[test]
    fn missing_birth_date_fails_only_when_there_is_a_limit() {
        let starts = date(2027, 1, 4);
        let unlimited = age(None, None, None, starts);
        assert!(unlimited.passed);
        assert_eq!(unlimited.message, "This cycle has no age limit");
        let limited = age(None, Some(18), None, starts);
        assert!(!limited.passed);
        assert!(limited.message.contains("add your birth date"));
    }

    #[test]
    fn employment_requirement_uses_the_derived_status() {
        let starts = date(2027, 1, 4);
        let wanted = [
            EmploymentStatus::Unemployed,
            EmploymentStatus::Underemployed,
        ];
        let contract_over = Employment {
            paid_work: true,
            in_field: true,
            full_time: true,
            contract_ends_on: Some(date(2026, 12, 20)),
            has_job_prospects: false,
        };
        assert!(employment_status(Some(&contract_over), &wanted, starts).passed);
        let with_prospects = Employment {
            has_job_prospects: true,
            ..contract_over.clone()
        };
        let check = employment_status(Some(&with_prospects), &wanted, starts);
        assert!(!check.passed);
        assert!(
            check.message.ends_with("make you employed"),
            "{}",
            check.message
        );
        assert!(!employment_status(None, &wanted, starts).passed);
        assert!(employment_status(None, &[], starts).passed);
    }

    #[test]
    fn student_is_required_only_when_the_cycle_says_so() {
        assert!(student(false, false).passed);
        assert!(student(true, true).passed);
        assert!(!student(false, true).passed);
    }

    #[test]
    fn regional_cycles_name_their_provinces_and_the_mentees() {
        let bc_or_nl = [Province::Bc, Province::Nl];
        let check = region(Some(Province::On), &bc_or_nl);
        assert!(!check.passed);
        assert_eq!(
            check.message,
            "Only producers in BC or NL can apply to this cycle — your profile says ON"
        );
        assert!(region(Some(Province::Nl), &bc_or_nl).passed);
        assert!(!region(None, &bc_or_nl).passed);
        assert!(region(None, &[]).passed);
    }

    #[test]
    fn audience_needs_one_shared_group() {
        let for_indigenous = [Audience::Indigenous];
        assert!(audience(&[Audience::Women, Audience::Indigenous], &for_indigenous).passed);
        assert!(!audience(&[Audience::Women], &for_indigenous).passed);
        assert!(!audience(&[], &for_indigenous).passed);
        assert!(audience(&[], &[]).passed);
    }

    #[test]
    fn checks_read_in_french_with_the_same_outcome() {
        let check = age(Some(date(1990, 1, 1)), Some(18), Some(30), date(2027, 4, 5));
        let french = check.clone().in_locale(greenlight_domain::Locale::Fr);
        assert_eq!((french.rule, french.passed), (check.rule, check.passed));
        assert_eq!(
            french.message,
            "Ce cycle s'adresse aux producteurs âgés de 18 à 30 ans le 5 avril 2027, au début du stage — vous aurez 37 ans"
        );
        let french =
            career_stage(1, &[CareerStage::Emerging]).in_locale(greenlight_domain::Locale::Fr);
        assert_eq!(
            french.message,
            "Ce cycle s'adresse aux producteurs à l'étape émergent — avec 1 crédit, vous êtes à l'étape début de carrière"
        );
    }

    #[test]
    fn career_stage_is_derived_from_credits() {
        let early = [CareerStage::Emerging, CareerStage::EarlyCareer];
        assert!(career_stage(0, &early).passed);
        assert!(career_stage(2, &early).passed);
        let check = career_stage(3, &early);
        assert!(!check.passed);
        assert_eq!(
            check.message,
            "This cycle is for emerging or early career producers — with 3 credits you are mid career"
        );
        assert!(career_stage(50, &[]).passed);
    }
}
