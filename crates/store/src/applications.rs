use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use diesel::prelude::*;
use greenlight_domain::{ApplicationStatus, Cents, DateRange, Engagement, Role};

use crate::error::{StoreResult, decode};
use crate::ids::{new_id, now};
use crate::schema::{application_events, applications, cycles, mentee_guards};
use crate::{AnyConnection, StoreError};

/// What the company states when it co-signs.
#[derive(Debug, Clone, PartialEq)]
pub struct Endorsement {
    pub mentor_name: String,
    pub contribution: Cents,
    pub endorsed_at: DateTime<Utc>,
    pub endorsed_by: String,
}

/// The placement the mentee and the company propose.
#[derive(Debug, Clone, PartialEq)]
pub struct Placement {
    pub dates: DateRange,
    pub engagement: Engagement,
    pub deductions_at_source: bool,
    pub hours_per_week: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Application {
    pub id: String,
    pub cycle_id: String,
    pub mentee_id: String,
    pub company_id: String,
    pub status: ApplicationStatus,
    pub placement: Placement,
    pub statement: String,
    pub endorsement: Option<Endorsement>,
    pub submitted_at: Option<DateTime<Utc>>,
    pub decided_at: Option<DateTime<Utc>>,
    pub decision_note: Option<String>,
    pub released_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Queryable)]
struct ApplicationRow {
    id: String,
    cycle_id: String,
    mentee_id: String,
    company_id: String,
    status: String,
    placement_starts_on: NaiveDate,
    placement_ends_on: NaiveDate,
    engagement: String,
    deductions_at_source: bool,
    hours_per_week: i32,
    statement: String,
    mentor_name: Option<String>,
    contribution_cents: Option<i64>,
    _acknowledges_tax_slip: bool,
    endorsed_at: Option<NaiveDateTime>,
    endorsed_by: Option<String>,
    submitted_at: Option<NaiveDateTime>,
    decided_at: Option<NaiveDateTime>,
    decision_note: Option<String>,
    released_at: Option<NaiveDateTime>,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
}

fn corrupt(message: String) -> StoreError {
    StoreError::Database(diesel::result::Error::DeserializationError(message.into()))
}

impl TryFrom<ApplicationRow> for Application {
    type Error = StoreError;
    fn try_from(row: ApplicationRow) -> Result<Self, Self::Error> {
        let dates = DateRange::new(row.placement_starts_on, row.placement_ends_on)
            .map_err(|e| corrupt(format!("applications placement: {e}")))?;
        let endorsement = match (
            row.mentor_name,
            row.contribution_cents,
            row.endorsed_at,
            row.endorsed_by,
        ) {
            (Some(mentor_name), Some(cents), Some(at), Some(by)) => Some(Endorsement {
                mentor_name,
                contribution: Cents::parse(cents)
                    .map_err(|e| corrupt(format!("applications.contribution_cents: {e}")))?,
                endorsed_at: at.and_utc(),
                endorsed_by: by,
            }),
            _ => None,
        };
        Ok(Application {
            status: decode(&row.status, "applications.status")?,
            placement: Placement {
                dates,
                engagement: decode(&row.engagement, "applications.engagement")?,
                deductions_at_source: row.deductions_at_source,
                hours_per_week: u32::try_from(row.hours_per_week).unwrap_or(0),
            },
            id: row.id,
            cycle_id: row.cycle_id,
            mentee_id: row.mentee_id,
            company_id: row.company_id,
            statement: row.statement,
            endorsement,
            submitted_at: row.submitted_at.map(|at| at.and_utc()),
            decided_at: row.decided_at.map(|at| at.and_utc()),
            decision_note: row.decision_note,
            released_at: row.released_at.map(|at| at.and_utc()),
            created_at: row.created_at.and_utc(),
            updated_at: row.updated_at.and_utc(),
        })
    }
}

/// Who made a change, as the history records it.
#[derive(Debug, Clone, Copy)]
pub struct Actor<'a> {
    pub user_id: &'a str,
    pub role: Role,
}

#[derive(Debug, Clone)]
pub struct NewApplication {
    pub cycle_id: String,
    pub mentee_id: String,
    pub company_id: String,
    pub placement: Placement,
    pub statement: String,
}

fn hours(placement: &Placement) -> i32 {
    i32::try_from(placement.hours_per_week).unwrap_or(i32::MAX)
}

/// Creates a draft and its first history entry (`from: null`), and makes
/// sure the mentee has the guard row that selections lock.
pub fn create(
    conn: &mut AnyConnection,
    new: &NewApplication,
    actor: Actor<'_>,
) -> StoreResult<Application> {
    conn.transaction(|conn| {
        ensure_mentee_guard(conn, &new.mentee_id)?;
        let id = new_id();
        let at = now().naive_utc();
        diesel::insert_into(applications::table)
            .values((
                applications::id.eq(&id),
                applications::cycle_id.eq(&new.cycle_id),
                applications::mentee_id.eq(&new.mentee_id),
                applications::company_id.eq(&new.company_id),
                applications::status.eq(ApplicationStatus::Draft.as_str()),
                applications::placement_starts_on.eq(new.placement.dates.starts_on()),
                applications::placement_ends_on.eq(new.placement.dates.ends_on()),
                applications::engagement.eq(new.placement.engagement.as_str()),
                applications::deductions_at_source.eq(new.placement.deductions_at_source),
                applications::hours_per_week.eq(hours(&new.placement)),
                applications::statement.eq(&new.statement),
                applications::acknowledges_tax_slip.eq(false),
                applications::created_at.eq(at),
                applications::updated_at.eq(at),
            ))
            .execute(conn)?;
        record(conn, &id, actor, None, ApplicationStatus::Draft, None, at)?;
        find(conn, &id)
    })
}

/// Inserts the guard row unless it exists. Writing first (rather than
/// checking first) keeps SQLite's transaction a write transaction from its
/// first statement; the savepoint keeps a duplicate from aborting the
/// caller's transaction on PostgreSQL.
fn ensure_mentee_guard(conn: &mut AnyConnection, user_id: &str) -> StoreResult<()> {
    let inserted = conn.transaction(|conn| {
        diesel::insert_into(mentee_guards::table)
            .values((
                mentee_guards::user_id.eq(user_id),
                mentee_guards::lock_version.eq(0_i64),
            ))
            .execute(conn)
            .map_err(StoreError::from)
    });
    match inserted {
        Ok(_) | Err(StoreError::Conflict { .. }) => Ok(()),
        Err(other) => Err(other),
    }
}

/// Write-touches the mentee's guard row (see [`crate::cycles::lock`]).
pub fn lock_mentee(conn: &mut AnyConnection, user_id: &str) -> StoreResult<()> {
    let touched = diesel::update(mentee_guards::table.find(user_id))
        .set(mentee_guards::lock_version.eq(mentee_guards::lock_version + 1_i64))
        .execute(conn)?;
    if touched == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

pub fn find(conn: &mut AnyConnection, id: &str) -> StoreResult<Application> {
    let row: ApplicationRow = applications::table.find(id).first(conn)?;
    row.try_into()
}

#[derive(Debug, Clone, Default)]
pub struct ApplicationFilter {
    pub mentee_id: Option<String>,
    /// Applications naming one of these companies.
    pub company_ids: Option<Vec<String>>,
    pub cycle_id: Option<String>,
    pub status: Option<ApplicationStatus>,
}

/// Applications oldest first, after the one with id `after`.
pub fn list(
    conn: &mut AnyConnection,
    filter: &ApplicationFilter,
    after: Option<&str>,
    limit: i64,
) -> StoreResult<Vec<Application>> {
    let mut query = applications::table.into_boxed();
    if let Some(mentee_id) = &filter.mentee_id {
        query = query.filter(applications::mentee_id.eq(mentee_id.clone()));
    }
    if let Some(company_ids) = &filter.company_ids {
        query = query.filter(applications::company_id.eq_any(company_ids.clone()));
    }
    if let Some(cycle_id) = &filter.cycle_id {
        query = query.filter(applications::cycle_id.eq(cycle_id.clone()));
    }
    if let Some(status) = filter.status {
        query = query.filter(applications::status.eq(status.as_str()));
    }
    if let Some(after) = after {
        query = query.filter(applications::id.gt(after.to_owned()));
    }
    let rows: Vec<ApplicationRow> = query
        .order(applications::id.asc())
        .limit(limit)
        .load(conn)?;
    rows.into_iter().map(TryInto::try_into).collect()
}

/// Replaces a draft's placement and statement. Any endorsement is cleared:
/// the company co-signed different terms. `Conflict` when no longer a draft.
pub fn update_draft(
    conn: &mut AnyConnection,
    id: &str,
    placement: &Placement,
    statement: &str,
) -> StoreResult<Application> {
    let changed = diesel::update(
        applications::table
            .find(id)
            .filter(applications::status.eq(ApplicationStatus::Draft.as_str())),
    )
    .set((
        applications::placement_starts_on.eq(placement.dates.starts_on()),
        applications::placement_ends_on.eq(placement.dates.ends_on()),
        applications::engagement.eq(placement.engagement.as_str()),
        applications::deductions_at_source.eq(placement.deductions_at_source),
        applications::hours_per_week.eq(hours(placement)),
        applications::statement.eq(statement),
        applications::mentor_name.eq(None::<String>),
        applications::contribution_cents.eq(None::<i64>),
        applications::acknowledges_tax_slip.eq(false),
        applications::endorsed_at.eq(None::<NaiveDateTime>),
        applications::endorsed_by.eq(None::<String>),
        applications::updated_at.eq(now().naive_utc()),
    ))
    .execute(conn)?;
    changed_or_conflict(conn, id, changed)
}

/// Records the company's co-signature on a draft; `Conflict` when no longer
/// a draft.
pub fn endorse(
    conn: &mut AnyConnection,
    id: &str,
    mentor_name: &str,
    contribution: Cents,
    by: &str,
) -> StoreResult<Application> {
    let at = now().naive_utc();
    let changed = diesel::update(
        applications::table
            .find(id)
            .filter(applications::status.eq(ApplicationStatus::Draft.as_str())),
    )
    .set((
        applications::mentor_name.eq(mentor_name),
        applications::contribution_cents.eq(contribution.get()),
        applications::acknowledges_tax_slip.eq(true),
        applications::endorsed_at.eq(at),
        applications::endorsed_by.eq(by),
        applications::updated_at.eq(at),
    ))
    .execute(conn)?;
    changed_or_conflict(conn, id, changed)
}

fn changed_or_conflict(
    conn: &mut AnyConnection,
    id: &str,
    changed: usize,
) -> StoreResult<Application> {
    let application = find(conn, id)?;
    if changed == 0 {
        return Err(StoreError::Conflict { constraint: None });
    }
    Ok(application)
}

#[derive(AsChangeset)]
#[diesel(table_name = applications)]
struct StatusChange {
    status: String,
    updated_at: NaiveDateTime,
    submitted_at: Option<NaiveDateTime>,
    decided_at: Option<NaiveDateTime>,
    decision_note: Option<Option<String>>,
    released_at: Option<Option<NaiveDateTime>>,
}

/// Moves the application from `from` to `to` and records it in the history.
/// The `WHERE status = from` guard makes a concurrent change lose with
/// `Conflict` instead of overwriting. A decision forgets an earlier release,
/// so the new outcome is released again.
pub fn transition(
    conn: &mut AnyConnection,
    id: &str,
    from: ApplicationStatus,
    to: ApplicationStatus,
    actor: Actor<'_>,
    note: Option<&str>,
) -> StoreResult<Application> {
    conn.transaction(|conn| {
        let at = now().naive_utc();
        let decided = to.is_decided();
        let change = StatusChange {
            status: to.as_str().to_owned(),
            updated_at: at,
            submitted_at: (to == ApplicationStatus::Submitted).then_some(at),
            decided_at: decided.then_some(at),
            decision_note: decided.then(|| note.map(str::to_owned)),
            released_at: decided.then_some(None),
        };
        let changed = diesel::update(
            applications::table
                .find(id)
                .filter(applications::status.eq(from.as_str())),
        )
        .set(&change)
        .execute(conn)?;
        if changed == 0 {
            find(conn, id)?;
            return Err(StoreError::Conflict { constraint: None });
        }
        record(conn, id, actor, Some(from), to, note, at)?;
        find(conn, id)
    })
}

fn record(
    conn: &mut AnyConnection,
    application_id: &str,
    actor: Actor<'_>,
    from: Option<ApplicationStatus>,
    to: ApplicationStatus,
    note: Option<&str>,
    at: NaiveDateTime,
) -> StoreResult<()> {
    diesel::insert_into(application_events::table)
        .values((
            application_events::id.eq(new_id()),
            application_events::application_id.eq(application_id),
            application_events::at.eq(at),
            application_events::actor_id.eq(actor.user_id),
            application_events::actor_role.eq(actor.role.as_str()),
            application_events::from_status.eq(from.map(ApplicationStatus::as_str)),
            application_events::to_status.eq(to.as_str()),
            application_events::note.eq(note),
        ))
        .execute(conn)?;
    Ok(())
}

/// The mentee's applications in the cycle, other than `except`, that count
/// against one application per cycle (neither drafts nor withdrawn).
pub fn other_active_in_cycle(
    conn: &mut AnyConnection,
    mentee_id: &str,
    cycle_id: &str,
    except: &str,
) -> StoreResult<i64> {
    Ok(applications::table
        .filter(applications::mentee_id.eq(mentee_id))
        .filter(applications::cycle_id.eq(cycle_id))
        .filter(applications::id.ne(except))
        .filter(applications::status.ne_all([
            ApplicationStatus::Draft.as_str(),
            ApplicationStatus::Withdrawn.as_str(),
        ]))
        .count()
        .get_result(conn)?)
}

/// A placement the mentee was selected for, and whether its cycle pays an
/// association grant.
#[derive(Debug, Clone, PartialEq)]
pub struct SelectedPlacement {
    pub dates: DateRange,
    pub carries_grant: bool,
}

/// The mentee's selected placements in any cycle, other than `except`.
pub fn other_selected_placements(
    conn: &mut AnyConnection,
    mentee_id: &str,
    except: &str,
) -> StoreResult<Vec<SelectedPlacement>> {
    let rows: Vec<(NaiveDate, NaiveDate, i64)> = applications::table
        .inner_join(cycles::table)
        .filter(applications::mentee_id.eq(mentee_id))
        .filter(applications::id.ne(except))
        .filter(applications::status.eq(ApplicationStatus::Selected.as_str()))
        .select((
            applications::placement_starts_on,
            applications::placement_ends_on,
            cycles::grant_cents,
        ))
        .order(applications::placement_starts_on)
        .load(conn)?;
    rows.into_iter()
        .map(|(starts_on, ends_on, grant_cents)| {
            Ok(SelectedPlacement {
                dates: DateRange::new(starts_on, ends_on)
                    .map_err(|e| corrupt(format!("applications placement: {e}")))?,
                carries_grant: grant_cents > 0,
            })
        })
        .collect()
}

#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub at: DateTime<Utc>,
    pub actor_id: String,
    pub actor_role: Role,
    pub from: Option<ApplicationStatus>,
    pub to: ApplicationStatus,
    pub note: Option<String>,
}

/// Every status change of the application, oldest first.
pub fn history(conn: &mut AnyConnection, id: &str) -> StoreResult<Vec<Event>> {
    type EventRow = (
        NaiveDateTime,
        String,
        String,
        Option<String>,
        String,
        Option<String>,
    );
    let rows: Vec<EventRow> = application_events::table
        .filter(application_events::application_id.eq(id))
        .select((
            application_events::at,
            application_events::actor_id,
            application_events::actor_role,
            application_events::from_status,
            application_events::to_status,
            application_events::note,
        ))
        .order(application_events::id.asc())
        .load(conn)?;
    rows.into_iter()
        .map(|(at, actor_id, role, from, to, note)| {
            Ok(Event {
                at: at.and_utc(),
                actor_id,
                actor_role: decode(&role, "application_events.actor_role")?,
                from: from
                    .as_deref()
                    .map(|raw| decode(raw, "application_events.from_status"))
                    .transpose()?,
                to: decode(&to, "application_events.to_status")?,
                note,
            })
        })
        .collect()
}

/// The cycle's decided applications whose outcome has not been released.
pub fn decided_unreleased(
    conn: &mut AnyConnection,
    cycle_id: &str,
) -> StoreResult<Vec<Application>> {
    let rows: Vec<ApplicationRow> = applications::table
        .filter(applications::cycle_id.eq(cycle_id))
        .filter(applications::status.eq_any([
            ApplicationStatus::Selected.as_str(),
            ApplicationStatus::Waitlisted.as_str(),
            ApplicationStatus::Declined.as_str(),
        ]))
        .filter(applications::released_at.is_null())
        .order(applications::id.asc())
        .load(conn)?;
    rows.into_iter().map(TryInto::try_into).collect()
}

pub fn mark_released(conn: &mut AnyConnection, id: &str) -> StoreResult<()> {
    diesel::update(applications::table.find(id))
        .set(applications::released_at.eq(now().naive_utc()))
        .execute(conn)?;
    Ok(())
}
