//! A current cycle for each of the association's mentorship programs and a
//! few joint applications (`data/demo-mentorship.json`).

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use greenlight_domain::wording::date_in;
use greenlight_domain::{
    ApplicationStatus, Cents, CycleRules, DateRange, Engagement, Locale, NotificationDates, Role,
    Translation, Translations,
};
use serde::Deserialize;

use super::demo::{company_id, program_id, user_id};
use super::{days_from, invalid_data, parse_data};
use crate::AnyConnection;
use crate::applications::{self, Actor, NewApplication, Placement};
use crate::cycles::{self, Cycle, NewCycle};
use crate::error::StoreResult;
use crate::users::User;

const DATA: &str = include_str!("../../data/demo-mentorship.json");

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct MentorshipFile {
    cycles: Vec<DemoCycle>,
    applications: Vec<DemoApplication>,
}

/// Days are counted from the day of loading; the window opens at midnight
/// UTC and closes at the last second of its closing day.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoCycle {
    /// The title of a program of the demo catalogue.
    program: String,
    opens_in_days: i64,
    closes_in_days: i64,
    placement_starts_in_days: i64,
    placement_days: i64,
    max_placements: u32,
    stipend_cents: Cents,
    grant_cents: Cents,
    min_mentor_contribution_cents: Cents,
    rules: CycleRules,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoApplication {
    mentee: String,
    /// The program whose demo cycle the application is for.
    program: String,
    company: String,
    engagement: Engagement,
    deductions_at_source: bool,
    hours_per_week: u32,
    statement: String,
    endorsement: Option<DemoEndorsement>,
    submitted: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoEndorsement {
    by: String,
    mentor_name: String,
    contribution_cents: Cents,
}

pub(super) fn parse() -> StoreResult<MentorshipFile> {
    parse_data("demo-mentorship.json", DATA)
}

fn instant(day: NaiveDate, time: NaiveTime) -> DateTime<Utc> {
    day.and_time(time).and_utc()
}

fn new_cycle(program_id: String, cycle: &DemoCycle, today: NaiveDate) -> StoreResult<NewCycle> {
    let closes_on = days_from(today, cycle.closes_in_days);
    let placement_starts_on = days_from(today, cycle.placement_starts_in_days);
    let last_second = NaiveTime::from_hms_opt(23, 59, 59).unwrap_or(NaiveTime::MIN);
    Ok(NewCycle {
        program_id,
        name: format!("Placements from {}", placement_starts_on.format("%B %Y")),
        // The demo's own French wording (docs/demo.md).
        translations: Translations {
            fr: Some(Translation {
                name: Some(format!(
                    "Stages débutant en {}",
                    date_in(Locale::Fr, placement_starts_on)
                        .split_once(' ')
                        .map_or("", |(_, month_year)| month_year)
                )),
                ..Translation::default()
            }),
        },
        opens_at: instant(days_from(today, cycle.opens_in_days), NaiveTime::MIN),
        closes_at: instant(closes_on, last_second),
        placement_starts_on,
        placement_ends_on: days_from(placement_starts_on, cycle.placement_days),
        max_placements: cycle.max_placements,
        stipend: cycle.stipend_cents,
        grant: cycle.grant_cents,
        min_mentor_contribution: cycle.min_mentor_contribution_cents,
        rules: cycle.rules.clone(),
        notifications: NotificationDates::after_deadline(closes_on)
            .ok_or_else(|| invalid_data(format!("{}: deadline too far", cycle.program)))?,
    })
}

/// How many cycles and applications were created.
#[derive(Default)]
pub(super) struct Mentorship {
    pub(super) open_cycles: usize,
    pub(super) closed_cycles: usize,
    pub(super) applications: usize,
}

pub(super) fn load(
    conn: &mut AnyConnection,
    file: &MentorshipFile,
    users: &HashMap<String, User>,
    companies: &HashMap<String, String>,
    today: NaiveDate,
) -> StoreResult<Mentorship> {
    let mut by_program: HashMap<&str, Cycle> = HashMap::new();
    let mut loaded = Mentorship::default();
    for cycle in &file.cycles {
        let program_id = program_id(conn, &cycle.program)?;
        let created = cycles::create(conn, &new_cycle(program_id, cycle, today)?)?;
        if cycle.closes_in_days < 0 {
            loaded.closed_cycles += 1;
        } else {
            loaded.open_cycles += 1;
        }
        by_program.insert(&cycle.program, created);
    }
    for application in &file.applications {
        let cycle = by_program
            .get(application.program.as_str())
            .ok_or_else(|| invalid_data(format!("no demo cycle for {}", application.program)))?;
        let company_id = company_id(companies, &application.company)?;
        let mentee = Actor {
            user_id: user_id(users, &application.mentee)?,
            role: Role::Individual,
        };
        let dates = DateRange::new(cycle.placement_starts_on, cycle.placement_ends_on)
            .map_err(invalid_data)?;
        let draft = applications::create(
            conn,
            &NewApplication {
                cycle_id: cycle.id.clone(),
                mentee_id: mentee.user_id.to_owned(),
                company_id: company_id.to_owned(),
                placement: Placement {
                    dates,
                    engagement: application.engagement,
                    deductions_at_source: application.deductions_at_source,
                    hours_per_week: application.hours_per_week,
                },
                statement: application.statement.clone(),
            },
            mentee,
        )?;
        if let Some(endorsement) = &application.endorsement {
            applications::endorse(
                conn,
                &draft.id,
                &endorsement.mentor_name,
                endorsement.contribution_cents,
                user_id(users, &endorsement.by)?,
            )?;
        }
        if application.submitted {
            applications::transition(
                conn,
                &draft.id,
                ApplicationStatus::Draft,
                ApplicationStatus::Submitted,
                mentee,
                None,
            )?;
        }
        loaded.applications += 1;
    }
    Ok(loaded)
}
