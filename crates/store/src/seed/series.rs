//! The STAR Producer Program (`data/demo-series.json`): its modules, past
//! events for past modules, upcoming ones for the current modules, and a few
//! registrations (one small workshop already has a waitlist).

use std::collections::HashMap;

use chrono::{Duration, NaiveDate, NaiveTime};
use greenlight_domain::{CareerStage, EventKind, TimeZoneName, Translations, WebUrl};
use serde::Deserialize;

use super::demo::user_id;
use super::{days_from, invalid_data, parse_data};
use crate::error::StoreResult;
use crate::events::{self, NewEvent};
use crate::modules::{self, NewModule};
use crate::users::User;
use crate::{AnyConnection, StoreError};

const DATA: &str = include_str!("../../data/demo-series.json");

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct SeriesFile {
    modules: Vec<DemoModule>,
}

/// A module's year is the year of its first event.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoModule {
    title: String,
    theme: String,
    summary: String,
    audiences: Vec<CareerStage>,
    events: Vec<DemoEvent>,
    /// The demo's own French wording (docs/demo.md).
    #[serde(default)]
    translations: Translations,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoEvent {
    title: String,
    kind: EventKind,
    starts_in_days: i64,
    /// `HH:MM:SS` in UTC on that day.
    starts_at_utc: NaiveTime,
    duration_minutes: i64,
    timezone: String,
    location: Option<String>,
    online_url: Option<String>,
    capacity: i32,
    members_only: bool,
    /// Emails of demo accounts, in registration order.
    #[serde(default)]
    registrations: Vec<String>,
    /// The demo's own French wording (docs/demo.md).
    #[serde(default)]
    translations: Translations,
}

pub(super) fn parse() -> StoreResult<SeriesFile> {
    parse_data("demo-series.json", DATA)
}

/// How many modules, events and registrations were created.
#[derive(Default)]
pub(super) struct Series {
    pub(super) modules: usize,
    pub(super) events: usize,
    pub(super) registrations: usize,
}

pub(super) fn load(
    conn: &mut AnyConnection,
    file: &SeriesFile,
    users: &HashMap<String, User>,
    today: NaiveDate,
) -> StoreResult<Series> {
    let mut loaded = Series::default();
    for module in &file.modules {
        let first_event = module
            .events
            .iter()
            .map(|event| event.starts_in_days)
            .min()
            .ok_or_else(|| invalid_data(format!("{} has no events", module.title)))?;
        let created = modules::create(
            conn,
            &NewModule {
                title: &module.title,
                theme: &module.theme,
                year: chrono::Datelike::year(&days_from(today, first_event)),
                summary: &module.summary,
                audiences: &module.audiences,
                translations: &module.translations,
            },
        )?;
        loaded.modules += 1;
        for event in &module.events {
            let event_id = create_event(conn, &created.id, event, today)?;
            loaded.events += 1;
            for email in &event.registrations {
                events::register(conn, &event_id, user_id(users, email)?)?;
                loaded.registrations += 1;
            }
        }
    }
    Ok(loaded)
}

fn create_event(
    conn: &mut AnyConnection,
    module_id: &str,
    event: &DemoEvent,
    today: NaiveDate,
) -> StoreResult<String> {
    let bad = |what: &str, e: greenlight_domain::ValueError| -> StoreError {
        invalid_data(format!("{}: {what} {e}", event.title))
    };
    let timezone = TimeZoneName::parse(&event.timezone).map_err(|e| bad("timezone", e))?;
    let online_url = event
        .online_url
        .as_deref()
        .map(WebUrl::parse)
        .transpose()
        .map_err(|e| bad("online_url", e))?;
    let starts_at = days_from(today, event.starts_in_days)
        .and_time(event.starts_at_utc)
        .and_utc();
    let created = events::create(
        conn,
        module_id,
        &NewEvent {
            title: &event.title,
            kind: event.kind,
            starts_at,
            ends_at: starts_at + Duration::minutes(event.duration_minutes),
            timezone: &timezone,
            location: event.location.as_deref(),
            online_url: online_url.as_ref(),
            capacity: event.capacity,
            members_only: event.members_only,
            translations: &event.translations,
        },
    )?;
    Ok(created.id)
}
