//! Events of the module series and the registrations for them, with a
//! waitlist once the seats are taken.

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use greenlight_domain::{EventKind, TimeZoneName, Translations, WebUrl};

use crate::error::StoreResult;
use crate::ids::{new_id, now};
use crate::schema::{event_registrations, events, modules};
use crate::{AnyConnection, StoreError, translations};

#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub id: String,
    pub module_id: String,
    pub title: String,
    pub kind: EventKind,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    /// The IANA zone the event is announced in.
    pub timezone: String,
    pub location: Option<String>,
    pub online_url: Option<String>,
    pub capacity: i32,
    pub members_only: bool,
    /// The French `title` and `description`, if any.
    pub translations: Translations,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Queryable)]
struct EventRow {
    id: String,
    module_id: String,
    title: String,
    kind: String,
    starts_at: NaiveDateTime,
    ends_at: NaiveDateTime,
    timezone: String,
    location: Option<String>,
    online_url: Option<String>,
    capacity: i32,
    members_only: bool,
    _lock_version: i64,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
    translations: String,
}

fn corrupt(what: String) -> StoreError {
    StoreError::Database(diesel::result::Error::DeserializationError(what.into()))
}

impl TryFrom<EventRow> for Event {
    type Error = StoreError;
    fn try_from(row: EventRow) -> Result<Self, Self::Error> {
        let kind = row
            .kind
            .parse()
            .map_err(|_| corrupt(format!("unknown event kind {:?} in events", row.kind)))?;
        Ok(Event {
            id: row.id,
            module_id: row.module_id,
            title: row.title,
            kind,
            starts_at: row.starts_at.and_utc(),
            ends_at: row.ends_at.and_utc(),
            timezone: row.timezone,
            location: row.location,
            online_url: row.online_url,
            capacity: row.capacity,
            members_only: row.members_only,
            translations: translations::decode(&row.translations, "events.translations")?,
            created_at: row.created_at.and_utc(),
            updated_at: row.updated_at.and_utc(),
        })
    }
}

fn events_from(rows: Vec<EventRow>) -> StoreResult<Vec<Event>> {
    rows.into_iter().map(Event::try_from).collect()
}

#[derive(Debug, Clone)]
pub struct NewEvent<'a> {
    pub title: &'a str,
    pub kind: EventKind,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub timezone: &'a TimeZoneName,
    pub location: Option<&'a str>,
    pub online_url: Option<&'a WebUrl>,
    pub capacity: i32,
    pub members_only: bool,
    pub translations: &'a Translations,
}

/// Adds an event to a module; a module that does not exist is
/// [`StoreError::NotFound`].
pub fn create(conn: &mut AnyConnection, module_id: &str, new: &NewEvent<'_>) -> StoreResult<Event> {
    conn.transaction(|conn| {
        modules::table
            .find(module_id)
            .select(modules::id)
            .first::<String>(conn)?;
        let at = now().naive_utc();
        let row: EventRow = diesel::insert_into(events::table)
            .values((
                events::id.eq(new_id()),
                events::module_id.eq(module_id),
                events::title.eq(new.title),
                events::kind.eq(new.kind.as_str()),
                events::starts_at.eq(new.starts_at.naive_utc()),
                events::ends_at.eq(new.ends_at.naive_utc()),
                events::timezone.eq(new.timezone.as_str()),
                events::location.eq(new.location),
                events::online_url.eq(new.online_url.map(WebUrl::as_str)),
                events::capacity.eq(new.capacity),
                events::members_only.eq(new.members_only),
                events::translations.eq(translations::encode(new.translations)),
                events::lock_version.eq(0_i64),
                events::created_at.eq(at),
                events::updated_at.eq(at),
            ))
            .returning(events::all_columns)
            .get_result(conn)?;
        Event::try_from(row)
    })
}

pub fn find(conn: &mut AnyConnection, id: &str) -> StoreResult<Event> {
    let row: EventRow = events::table.find(id).first(conn)?;
    Event::try_from(row)
}

#[derive(Debug, Clone, Default)]
pub struct EventFilter {
    /// Only events starting at or after this instant.
    pub starts_from: Option<DateTime<Utc>>,
    /// Only events starting before this instant.
    pub starts_before: Option<DateTime<Utc>>,
    /// Only events that end after this instant (not over yet).
    pub ends_after: Option<DateTime<Utc>>,
    pub module_id: Option<String>,
}

/// Where the previous page of events ended: its last event's start and id.
#[derive(Debug, Clone)]
pub struct EventKey {
    pub starts_at: DateTime<Utc>,
    pub id: String,
}

/// Events by start, then id, after `after`, up to `limit`.
pub fn list(
    conn: &mut AnyConnection,
    filter: &EventFilter,
    after: Option<&EventKey>,
    limit: i64,
) -> StoreResult<Vec<Event>> {
    let mut query = events::table.into_boxed();
    if let Some(from) = filter.starts_from {
        query = query.filter(events::starts_at.ge(from.naive_utc()));
    }
    if let Some(before) = filter.starts_before {
        query = query.filter(events::starts_at.lt(before.naive_utc()));
    }
    if let Some(ends_after) = filter.ends_after {
        query = query.filter(events::ends_at.gt(ends_after.naive_utc()));
    }
    if let Some(module_id) = &filter.module_id {
        query = query.filter(events::module_id.eq(module_id));
    }
    if let Some(after) = after {
        let starts_at = after.starts_at.naive_utc();
        query = query.filter(
            events::starts_at.gt(starts_at).or(events::starts_at
                .eq(starts_at)
                .and(events::id.gt(&after.id))),
        );
    }
    let rows: Vec<EventRow> = query
        .order((events::starts_at.asc(), events::id.asc()))
        .limit(limit)
        .load(conn)?;
    events_from(rows)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RegistrationStatus {
    Registered,
    Waitlisted,
}

impl RegistrationStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            RegistrationStatus::Registered => "registered",
            RegistrationStatus::Waitlisted => "waitlisted",
        }
    }

    fn parse(raw: &str) -> StoreResult<Self> {
        match raw {
            "registered" => Ok(RegistrationStatus::Registered),
            "waitlisted" => Ok(RegistrationStatus::Waitlisted),
            other => Err(corrupt(format!(
                "unknown status {other:?} in event_registrations"
            ))),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Registration {
    pub id: String,
    pub event_id: String,
    pub user_id: String,
    pub status: RegistrationStatus,
    pub registered_at: DateTime<Utc>,
}

#[derive(Queryable)]
struct RegistrationRow {
    id: String,
    event_id: String,
    user_id: String,
    status: String,
    registered_at: NaiveDateTime,
}

impl TryFrom<RegistrationRow> for Registration {
    type Error = StoreError;
    fn try_from(row: RegistrationRow) -> Result<Self, Self::Error> {
        Ok(Registration {
            id: row.id,
            event_id: row.event_id,
            user_id: row.user_id,
            status: RegistrationStatus::parse(&row.status)?,
            registered_at: row.registered_at.and_utc(),
        })
    }
}

/// Takes the event's seat lock for the rest of the caller's transaction.
///
/// The lock is a write to the event's row, made before anything is read:
/// on PostgreSQL the row lock makes every other transaction that writes the
/// same row wait until this one ends, so they count seats one after the
/// other; on SQLite a transaction whose first statement is a write takes the
/// database's write lock at once (as `BEGIN IMMEDIATE` does), and the others
/// wait for it under `busy_timeout`. Reading first would let two transactions
/// count the same free seat. An event that does not exist is
/// [`StoreError::NotFound`].
fn lock_seats(conn: &mut AnyConnection, event_id: &str) -> StoreResult<i32> {
    let touched = diesel::update(events::table.find(event_id))
        .set(events::lock_version.eq(events::lock_version + 1_i64))
        .execute(conn)?;
    if touched == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(events::table
        .find(event_id)
        .select(events::capacity)
        .first(conn)?)
}

fn registered_count(conn: &mut AnyConnection, event_id: &str) -> StoreResult<i64> {
    Ok(event_registrations::table
        .filter(event_registrations::event_id.eq(event_id))
        .filter(event_registrations::status.eq(RegistrationStatus::Registered.as_str()))
        .count()
        .get_result(conn)?)
}

/// Registers the user for the event: a seat while one is free, else a place
/// on the waitlist. A second registration of the same user is
/// [`StoreError::Conflict`] (the unique index on `(event_id, user_id)`).
pub fn register(
    conn: &mut AnyConnection,
    event_id: &str,
    user_id: &str,
) -> StoreResult<Registration> {
    conn.transaction(|conn| {
        let capacity = lock_seats(conn, event_id)?;
        let status = if registered_count(conn, event_id)? < i64::from(capacity) {
            RegistrationStatus::Registered
        } else {
            RegistrationStatus::Waitlisted
        };
        // Taken under the lock, so registration order is commit order.
        let row: RegistrationRow = diesel::insert_into(event_registrations::table)
            .values((
                event_registrations::id.eq(new_id()),
                event_registrations::event_id.eq(event_id),
                event_registrations::user_id.eq(user_id),
                event_registrations::status.eq(status.as_str()),
                event_registrations::registered_at.eq(now().naive_utc()),
            ))
            .returning(event_registrations::all_columns)
            .get_result(conn)?;
        Registration::try_from(row)
    })
}

/// Cancels the user's registration and, in the same transaction, gives every
/// seat that is now free to the waitlist in registration order. Returns the
/// registrations promoted. Not registered is [`StoreError::NotFound`].
pub fn cancel(
    conn: &mut AnyConnection,
    event_id: &str,
    user_id: &str,
) -> StoreResult<Vec<Registration>> {
    conn.transaction(|conn| {
        let capacity = lock_seats(conn, event_id)?;
        let deleted = diesel::delete(
            event_registrations::table
                .filter(event_registrations::event_id.eq(event_id))
                .filter(event_registrations::user_id.eq(user_id)),
        )
        .execute(conn)?;
        if deleted == 0 {
            return Err(StoreError::NotFound);
        }
        let free = i64::from(capacity) - registered_count(conn, event_id)?;
        if free <= 0 {
            return Ok(Vec::new());
        }
        let next: Vec<RegistrationRow> = event_registrations::table
            .filter(event_registrations::event_id.eq(event_id))
            .filter(event_registrations::status.eq(RegistrationStatus::Waitlisted.as_str()))
            .order((
                event_registrations::registered_at.asc(),
                event_registrations::id.asc(),
            ))
            .limit(free)
            .load(conn)?;
        let ids: Vec<&str> = next.iter().map(|row| row.id.as_str()).collect();
        diesel::update(event_registrations::table.filter(event_registrations::id.eq_any(&ids)))
            .set(event_registrations::status.eq(RegistrationStatus::Registered.as_str()))
            .execute(conn)?;
        next.into_iter()
            .map(|row| {
                Registration::try_from(row).map(|registration| Registration {
                    status: RegistrationStatus::Registered,
                    ..registration
                })
            })
            .collect()
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RegistrationCounts {
    pub registered: i64,
    pub waitlisted: i64,
}

pub fn counts(conn: &mut AnyConnection, event_id: &str) -> StoreResult<RegistrationCounts> {
    let by_status: Vec<(String, i64)> = event_registrations::table
        .filter(event_registrations::event_id.eq(event_id))
        .group_by(event_registrations::status)
        .select((event_registrations::status, diesel::dsl::count_star()))
        .load(conn)?;
    let mut counts = RegistrationCounts::default();
    for (status, count) in by_status {
        match RegistrationStatus::parse(&status)? {
            RegistrationStatus::Registered => counts.registered = count,
            RegistrationStatus::Waitlisted => counts.waitlisted = count,
        }
    }
    Ok(counts)
}

/// Where the previous page of registrations ended.
#[derive(Debug, Clone)]
pub struct RegistrationKey {
    pub registered_at: DateTime<Utc>,
    pub id: String,
}

/// The event's registrations in registration order (seat holders and the
/// waitlist together), after `after`, up to `limit`.
pub fn registrations(
    conn: &mut AnyConnection,
    event_id: &str,
    after: Option<&RegistrationKey>,
    limit: i64,
) -> StoreResult<Vec<Registration>> {
    let mut query = event_registrations::table
        .filter(event_registrations::event_id.eq(event_id))
        .into_boxed();
    if let Some(after) = after {
        let at = after.registered_at.naive_utc();
        query = query.filter(
            event_registrations::registered_at
                .gt(at)
                .or(event_registrations::registered_at
                    .eq(at)
                    .and(event_registrations::id.gt(&after.id))),
        );
    }
    let rows: Vec<RegistrationRow> = query
        .order((
            event_registrations::registered_at.asc(),
            event_registrations::id.asc(),
        ))
        .limit(limit)
        .load(conn)?;
    rows.into_iter().map(Registration::try_from).collect()
}

/// Every event of a module, by start.
pub fn for_module(conn: &mut AnyConnection, module_id: &str) -> StoreResult<Vec<Event>> {
    let rows: Vec<EventRow> = events::table
        .filter(events::module_id.eq(module_id))
        .order((events::starts_at.asc(), events::id.asc()))
        .load(conn)?;
    events_from(rows)
}

/// The user's registration for the event, if any.
pub fn registration_of(
    conn: &mut AnyConnection,
    event_id: &str,
    user_id: &str,
) -> StoreResult<Registration> {
    let row: RegistrationRow = event_registrations::table
        .filter(event_registrations::event_id.eq(event_id))
        .filter(event_registrations::user_id.eq(user_id))
        .first(conn)?;
    Registration::try_from(row)
}

/// The seat holders (not the waitlist) of every event starting at or after
/// `from` and before `until`, as `(event id, registration id, user id)`, by
/// the event's start.
pub fn seat_holders_of_events_starting(
    conn: &mut AnyConnection,
    from: DateTime<Utc>,
    until: DateTime<Utc>,
) -> StoreResult<Vec<(String, String, String)>> {
    Ok(event_registrations::table
        .inner_join(events::table)
        .filter(events::starts_at.ge(from.naive_utc()))
        .filter(events::starts_at.lt(until.naive_utc()))
        .filter(event_registrations::status.eq(RegistrationStatus::Registered.as_str()))
        .order((
            events::starts_at.asc(),
            events::id.asc(),
            event_registrations::id.asc(),
        ))
        .select((
            events::id,
            event_registrations::id,
            event_registrations::user_id,
        ))
        .load(conn)?)
}
