//! Ranks catalogue programs for a producer's profile (`POST
//! /programs/match`): hard constraints decide `eligible`, soft signals decide
//! `score`, and every returned item says why in plain language.

use std::cmp::Ordering;

use chrono::NaiveDate;
use std::sync::LazyLock;

use greenlight_domain::l10n::{Arg, Messages};
use greenlight_domain::wording::{credits_in, date_in, or_list_in, stage_names_in};
use greenlight_domain::{
    Audience, CareerStage, DefinedTerm, Delivery, Locale, Profile, Region, Topic,
};

use crate::catalogue::Entry;
use crate::facets::{Facet, bit, mask, terms};

/// The reasons' wording in both languages (`locales/*.ftl`).
static MESSAGES: LazyLock<Messages> = LazyLock::new(|| {
    Messages::new(
        include_str!("../locales/en.ftl"),
        include_str!("../locales/fr.ftl"),
    )
});

const POINTS_PER_SHARED_INTEREST: i32 = 10;
const POINTS_FREE: i32 = 5;
/// Virtual delivery is reachable from anywhere, hybrid from anywhere with
/// some loss, in-person only nearby.
const POINTS_VIRTUAL: i32 = 4;
const POINTS_HYBRID: i32 = 2;
const POINTS_IN_PERSON_IN_OWN_PROVINCE: i32 = 2;
/// Sooner deadlines rank higher so that they are not missed, as (days left at
/// most, points) from the most urgent.
const URGENCY: [(i64, i32); 3] = [(14, 3), (30, 2), (60, 1)];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MatchResult {
    /// Position of the program in the slice given to `match_programs`.
    pub index: usize,
    pub score: i32,
    pub eligible: bool,
    pub reasons: Vec<String>,
}

/// The best `limit` programs for `profile`: eligible ones first, then by score
/// descending; ties keep their order in `programs`, so equal inputs always
/// give equal output and the caller chooses the tie order (the API passes the
/// catalogue in title order). Comparing positions rather than titles keeps
/// ranking ten thousand programs to integer comparisons. Reasons are
/// written in `locale`.
pub fn match_programs(
    profile: &Profile,
    programs: &[&Entry],
    today: NaiveDate,
    limit: usize,
    locale: Locale,
) -> Vec<MatchResult> {
    if limit == 0 {
        return Vec::new();
    }
    let producer = Producer::new(profile, locale);
    let mut ranked: Vec<Ranked> = programs
        .iter()
        .enumerate()
        .map(|(index, program)| Ranked {
            index,
            eligible: producer.is_eligible(program, today),
            score: producer.score(program, today),
        })
        .collect();
    let order = |a: &Ranked, b: &Ranked| -> Ordering {
        b.eligible
            .cmp(&a.eligible)
            .then(b.score.cmp(&a.score))
            .then(a.index.cmp(&b.index))
    };
    // Only the first `limit` need sorting; partitioning first keeps a large
    // catalogue at linear cost.
    if limit < ranked.len() {
        ranked.select_nth_unstable_by(limit - 1, order);
        ranked.truncate(limit);
    }
    ranked.sort_unstable_by(order);
    ranked
        .into_iter()
        .map(|item| {
            let program = programs[item.index];
            MatchResult {
                index: item.index,
                score: item.score,
                eligible: item.eligible,
                reasons: producer.reasons(program, today),
            }
        })
        .collect()
}

struct Ranked {
    index: usize,
    eligible: bool,
    score: i32,
}

/// The profile facts matching looks at, derived once per request as the
/// bit masks of the program tags they are compared with.
struct Producer<'a> {
    profile: &'a Profile,
    stage: CareerStage,
    region: Option<Region>,
    stage_bit: u32,
    region_bits: u32,
    audiences: u32,
    interests: u32,
    /// The language the reasons are written in.
    locale: Locale,
}

impl<'a> Producer<'a> {
    fn new(profile: &'a Profile, locale: Locale) -> Self {
        let stage = profile.career_stage();
        let region = profile.province.map(Region::from);
        Self {
            profile,
            stage,
            region,
            stage_bit: bit(stage),
            // A program for the whole country fits every producer.
            region_bits: bit(Region::National) | region.map_or(0, bit),
            audiences: mask(&profile.audiences),
            interests: mask(&profile.interests),
            locale,
        }
    }

    fn stage_fits(&self, program: &Entry) -> bool {
        let stages = program.tags.get(Facet::CareerStage);
        stages == 0 || stages & self.stage_bit != 0
    }

    /// A program that lists no region is treated like a national one.
    fn region_fits(&self, program: &Entry) -> bool {
        let regions = program.tags.get(Facet::Region);
        regions == 0 || regions & self.region_bits != 0
    }

    fn audience_fits(&self, program: &Entry) -> bool {
        let audiences = program.tags.get(Facet::Audience);
        audiences == 0 || audiences & self.audiences != 0
    }

    fn is_eligible(&self, program: &Entry, today: NaiveDate) -> bool {
        self.stage_fits(program)
            && self.region_fits(program)
            && self.audience_fits(program)
            && program.deadline.is_none_or(|deadline| deadline >= today)
    }

    fn in_own_region(&self, program: &Entry) -> bool {
        self.region
            .is_some_and(|region| program.tags.get(Facet::Region) & bit(region) != 0)
    }

    fn score(&self, program: &Entry, today: NaiveDate) -> i32 {
        let shared = (program.tags.get(Facet::Topic) & self.interests).count_ones();
        let shared = i32::try_from(shared).unwrap_or(i32::MAX);
        let delivery = match program.delivery {
            Delivery::Virtual => POINTS_VIRTUAL,
            Delivery::Hybrid => POINTS_HYBRID,
            Delivery::InPerson if self.in_own_region(program) => POINTS_IN_PERSON_IN_OWN_PROVINCE,
            Delivery::InPerson => 0,
        };
        let cost = if program.cost.is_zero() {
            POINTS_FREE
        } else {
            0
        };
        let urgency = program
            .deadline
            .map(|deadline| (deadline - today).num_days())
            .filter(|days_left| *days_left >= 0)
            .and_then(|days_left| URGENCY.iter().find(|(within, _)| days_left <= *within))
            .map_or(0, |(_, points)| *points);
        shared.saturating_mul(POINTS_PER_SHARED_INTEREST) + delivery + cost + urgency
    }

    fn text(&self, id: &str, args: &[(&str, Arg<'_>)]) -> String {
        MESSAGES.text(self.locale, id, args)
    }

    fn reasons(&self, program: &Entry, today: NaiveDate) -> Vec<String> {
        let mut reasons = vec![self.stage_reason(program), self.region_reason(program)];
        reasons.extend(self.audience_reason(program));
        reasons.push(self.deadline_reason(program.deadline, today));
        let shared: Vec<String> = terms::<Topic>(program.tags.get(Facet::Topic) & self.interests)
            .into_iter()
            .map(|topic| topic.label_in(self.locale).to_lowercase())
            .collect();
        if !shared.is_empty() {
            reasons.push(self.text("match-interests", &[("topics", shared.join(", ").into())]));
        }
        reasons.push(self.text(
            match program.delivery {
                Delivery::Virtual => "match-virtual",
                Delivery::Hybrid => "match-hybrid",
                Delivery::InPerson => "match-in-person",
            },
            &[],
        ));
        reasons.push(if program.cost.is_zero() {
            self.text("match-free", &[])
        } else {
            self.text(
                "match-costs",
                &[("cost", program.cost.written(self.locale).into())],
            )
        });
        reasons
    }

    fn stage_reason(&self, program: &Entry) -> String {
        let locale = self.locale;
        let stages = terms::<CareerStage>(program.tags.get(Facet::CareerStage));
        if stages.is_empty() {
            return self.text("match-every-stage", &[]);
        }
        let mut args = vec![
            ("stages", stage_names_in(locale, &stages).into()),
            (
                "credits",
                credits_in(locale, self.profile.producing_credits).into(),
            ),
        ];
        if self.stage_fits(program) {
            self.text("match-stage-open", &args)
        } else {
            args.push(("stage", self.stage.label_in(locale).to_lowercase().into()));
            self.text("match-stage-other", &args)
        }
    }

    fn region_reason(&self, program: &Entry) -> String {
        let regions = terms::<Region>(program.tags.get(Facet::Region));
        if regions.is_empty() || regions.contains(&Region::National) {
            return self.text("match-anywhere", &[]);
        }
        let listed: Arg<'_> = or_list_in(self.locale, &regions).into();
        match self.region {
            Some(region) => self.text(
                if regions.contains(&region) {
                    "match-region-in"
                } else {
                    "match-region-out"
                },
                &[("regions", listed), ("region", region.as_str().into())],
            ),
            None => self.text("match-region-unknown", &[("regions", listed)]),
        }
    }

    fn audience_reason(&self, program: &Entry) -> Option<String> {
        let audiences = terms::<Audience>(program.tags.get(Facet::Audience));
        if audiences.is_empty() {
            return None;
        }
        let labels = |groups: &mut dyn Iterator<Item = &Audience>| -> String {
            groups
                .map(|group| group.label_in(self.locale))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let shared = labels(
            &mut audiences
                .iter()
                .filter(|group| self.profile.audiences.contains(group)),
        );
        Some(if shared.is_empty() {
            self.text(
                "match-audience-other",
                &[("groups", labels(&mut audiences.iter()).into())],
            )
        } else {
            self.text("match-audience-yours", &[("groups", shared.into())])
        })
    }

    fn deadline_reason(&self, deadline: Option<NaiveDate>, today: NaiveDate) -> String {
        let Some(deadline) = deadline else {
            return self.text("match-no-deadline", &[]);
        };
        let date: Arg<'_> = date_in(self.locale, deadline).into();
        match (deadline - today).num_days() {
            days if days < 0 => self.text("match-deadline-passed", &[("date", date)]),
            0 => self.text("match-deadline-today", &[("date", date)]),
            days => self.text(
                "match-deadline-left",
                &[("date", date), ("days", days.into())],
            ),
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use chrono::TimeZone;
    use greenlight_domain::{Audience, Cents, Format, Province};

    use super::*;
    use crate::facets::Tags;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn today() -> NaiveDate {
        date(2026, 11, 1)
    }

    fn program(id: &str) -> Entry {
        let mut tags = Tags::default();
        tags.set(Facet::Format, bit(Format::Workshop));
        tags.set(Facet::Region, bit(Region::National));
        tags.set(Facet::Delivery, bit(Delivery::InPerson));
        Entry {
            id: id.to_owned(),
            slug: id.to_owned(),
            sort_title: format!("program {id}"),
            provider_id: "provider".to_owned(),
            submitted_by: None,
            delivery: Delivery::InPerson,
            cost: Cents::parse(10_000).unwrap(),
            deadline: None,
            updated_at: chrono::Utc.with_ymd_and_hms(2026, 10, 1, 0, 0, 0).unwrap(),
            tags,
        }
    }

    fn tagged(mut program: Entry, facet: Facet, mask: u32) -> Entry {
        program.tags.set(facet, mask);
        program
    }

    fn emerging_in_on() -> Profile {
        Profile {
            province: Some(Province::On),
            interests: vec![Topic::Financing, Topic::Export],
            ..Profile::default()
        }
    }

    fn only(profile: &Profile, program: Entry) -> MatchResult {
        match_programs(profile, &[&program], today(), 1, Locale::En).remove(0)
    }

    #[test]
    fn career_stage_is_a_hard_constraint() {
        let established_only = tagged(
            program("a"),
            Facet::CareerStage,
            bit(CareerStage::Established),
        );
        let result = only(&emerging_in_on(), established_only);
        assert!(!result.eligible);
        assert_eq!(
            result.reasons[0],
            "For established producers — you have 0 credits, which makes you emerging"
        );
        let emerging = tagged(program("b"), Facet::CareerStage, bit(CareerStage::Emerging));
        let result = only(&emerging_in_on(), emerging);
        assert!(result.eligible);
        assert_eq!(
            result.reasons[0],
            "Open to emerging producers — you have 0 credits"
        );
    }

    #[test]
    fn regions_other_than_national_need_the_producers_province() {
        let bc = tagged(program("a"), Facet::Region, bit(Region::Bc));
        let result = only(&emerging_in_on(), bc.clone());
        assert!(!result.eligible);
        assert_eq!(
            result.reasons[1],
            "Only for producers in BC — your profile says ON"
        );
        let in_bc = Profile {
            province: Some(Province::Bc),
            ..emerging_in_on()
        };
        assert!(only(&in_bc, bc).eligible);
        assert!(only(&Profile::default(), program("national")).eligible);
    }

    #[test]
    fn audiences_need_one_self_identified_group() {
        let for_black_producers = tagged(program("a"), Facet::Audience, bit(Audience::Black));
        assert!(!only(&emerging_in_on(), for_black_producers.clone()).eligible);
        let self_identified = Profile {
            audiences: vec![Audience::Black],
            ..emerging_in_on()
        };
        assert!(only(&self_identified, for_black_producers).eligible);
    }

    #[test]
    fn a_passed_deadline_is_ineligible_but_today_is_not() {
        let passed = Entry {
            deadline: Some(date(2026, 10, 31)),
            ..program("a")
        };
        let result = only(&emerging_in_on(), passed);
        assert!(!result.eligible);
        assert!(
            result
                .reasons
                .contains(&"The application deadline passed on 31 October 2026".to_owned())
        );
        let due_today = Entry {
            deadline: Some(today()),
            ..program("b")
        };
        assert!(only(&emerging_in_on(), due_today).eligible);
    }

    #[test]
    fn soft_signals_raise_the_score_and_are_explained() {
        let plain = only(&emerging_in_on(), program("plain"));
        let attractive = Entry {
            delivery: Delivery::Virtual,
            cost: Cents::ZERO,
            deadline: Some(date(2026, 11, 10)),
            ..tagged(
                program("attractive"),
                Facet::Topic,
                mask(&[Topic::Export, Topic::Banking, Topic::Financing]),
            )
        };
        let attractive = only(&emerging_in_on(), attractive);
        assert_eq!(plain.score, 0);
        assert_eq!(
            attractive.score,
            2 * POINTS_PER_SHARED_INTEREST + POINTS_VIRTUAL + POINTS_FREE + 3
        );
        for reason in [
            "Matches your interests: financing, export",
            "Virtual: reachable from anywhere",
            "Free",
            "Apply by 10 November 2026 (9 days left)",
        ] {
            assert!(
                attractive.reasons.contains(&reason.to_owned()),
                "{reason:?} in {:?}",
                attractive.reasons
            );
        }
        assert!(plain.reasons.contains(&"Costs $100.00".to_owned()));
    }

    #[test]
    fn eligible_first_then_score_then_the_callers_order() {
        let programs = [
            Entry {
                delivery: Delivery::Virtual,
                ..tagged(program("ineligible"), Facet::Region, bit(Region::Bc))
            },
            program("b2"),
            program("b1"),
            program("a"),
            tagged(program("scored"), Facet::Topic, bit(Topic::Export)),
        ];
        let refs: Vec<&Entry> = programs.iter().collect();
        let ids = |limit| {
            match_programs(&emerging_in_on(), &refs, today(), limit, Locale::En)
                .into_iter()
                .map(|result| programs[result.index].id.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(10), ["scored", "b2", "b1", "a", "ineligible"]);
        assert_eq!(ids(2), ["scored", "b2"]);
        assert!(ids(0).is_empty());
    }
}
