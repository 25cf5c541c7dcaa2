//! Partners' webhooks, their deliveries and the fan-out cursor over the
//! catalogue's change log (docs/partners.md, Webhooks). Deliveries are a
//! queue like the outbox (`outbox.rs`): claimed under a lease, recorded only
//! by the worker whose claim is still current.

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;

use crate::error::StoreResult;
use crate::ids::new_id;
use crate::outbox::{Attempt, status};
use crate::schema::{users, webhook_deliveries, webhook_dispatch, webhook_events, webhooks};
use crate::{AnyConnection, StoreError};

#[derive(Debug, Clone, PartialEq)]
pub struct Webhook {
    pub id: String,
    pub owner_id: String,
    pub url: String,
    pub description: Option<String>,
    pub active: bool,
    /// The event names it subscribes to, sorted.
    pub events: Vec<String>,
    pub secret: String,
    pub previous_secret: Option<String>,
    pub previous_secret_expires_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Webhook {
    /// The secrets that sign a delivery at `now`: the current one, and the
    /// one it replaced while its grace period lasts.
    pub fn signing_secrets(&self, now: DateTime<Utc>) -> Vec<&str> {
        let mut secrets = vec![self.secret.as_str()];
        if let (Some(previous), Some(until)) =
            (&self.previous_secret, self.previous_secret_expires_at)
            && now < until
        {
            secrets.push(previous);
        }
        secrets
    }
}

#[derive(Queryable)]
struct WebhookRow {
    id: String,
    owner_id: String,
    url: String,
    description: Option<String>,
    active: bool,
    secret: String,
    previous_secret: Option<String>,
    previous_secret_expires_at: Option<NaiveDateTime>,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
}

impl WebhookRow {
    fn with_events(self, events: Vec<String>) -> Webhook {
        Webhook {
            id: self.id,
            owner_id: self.owner_id,
            url: self.url,
            description: self.description,
            active: self.active,
            events,
            secret: self.secret,
            previous_secret: self.previous_secret,
            previous_secret_expires_at: self.previous_secret_expires_at.map(|at| at.and_utc()),
            created_at: self.created_at.and_utc(),
            updated_at: self.updated_at.and_utc(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct NewWebhook<'a> {
    pub owner_id: &'a str,
    pub url: &'a str,
    pub description: Option<&'a str>,
    pub events: &'a [String],
    pub secret: &'a str,
}

/// Write-touches the owner's user row, so that webhooks counted afterwards
/// in the same transaction stay counted until it commits (a row lock on
/// PostgreSQL; the write lock on SQLite).
pub fn lock_owner(conn: &mut AnyConnection, owner_id: &str) -> StoreResult<()> {
    let touched = diesel::update(users::table.find(owner_id))
        .set(users::id.eq(users::id))
        .execute(conn)?;
    match touched {
        1 => Ok(()),
        _ => Err(StoreError::NotFound),
    }
}

pub fn count_of(conn: &mut AnyConnection, owner_id: &str) -> StoreResult<i64> {
    Ok(webhooks::table
        .filter(webhooks::owner_id.eq(owner_id))
        .count()
        .get_result(conn)?)
}

pub fn create(
    conn: &mut AnyConnection,
    new: &NewWebhook<'_>,
    now: DateTime<Utc>,
) -> StoreResult<Webhook> {
    let id = new_id();
    let at = now.naive_utc();
    diesel::insert_into(webhooks::table)
        .values((
            webhooks::id.eq(&id),
            webhooks::owner_id.eq(new.owner_id),
            webhooks::url.eq(new.url),
            webhooks::description.eq(new.description),
            webhooks::active.eq(true),
            webhooks::secret.eq(new.secret),
            webhooks::created_at.eq(at),
            webhooks::updated_at.eq(at),
        ))
        .execute(conn)?;
    write_events(conn, &id, new.events)?;
    find(conn, &id)
}

fn write_events(conn: &mut AnyConnection, id: &str, events: &[String]) -> StoreResult<()> {
    diesel::delete(webhook_events::table.filter(webhook_events::webhook_id.eq(id)))
        .execute(conn)?;
    for event in events {
        diesel::insert_into(webhook_events::table)
            .values((
                webhook_events::webhook_id.eq(id),
                webhook_events::event.eq(event),
            ))
            .execute(conn)?;
    }
    Ok(())
}

fn events_of(conn: &mut AnyConnection, ids: &[String]) -> StoreResult<Vec<(String, String)>> {
    Ok(webhook_events::table
        .filter(webhook_events::webhook_id.eq_any(ids))
        .order((webhook_events::webhook_id, webhook_events::event))
        .load(conn)?)
}

fn assemble(conn: &mut AnyConnection, rows: Vec<WebhookRow>) -> StoreResult<Vec<Webhook>> {
    let ids: Vec<String> = rows.iter().map(|row| row.id.clone()).collect();
    let events = events_of(conn, &ids)?;
    Ok(rows
        .into_iter()
        .map(|row| {
            let mine = events
                .iter()
                .filter(|(webhook, _)| *webhook == row.id)
                .map(|(_, event)| event.clone())
                .collect();
            row.with_events(mine)
        })
        .collect())
}

pub fn find(conn: &mut AnyConnection, id: &str) -> StoreResult<Webhook> {
    let row: WebhookRow = webhooks::table.find(id).first(conn)?;
    assemble(conn, vec![row])?.pop().ok_or(StoreError::NotFound)
}

/// Webhooks oldest first after the one with id `after`, only `owner`'s
/// when given.
pub fn list(
    conn: &mut AnyConnection,
    owner: Option<&str>,
    after: Option<&str>,
    limit: i64,
) -> StoreResult<Vec<Webhook>> {
    let mut query = webhooks::table.into_boxed();
    if let Some(owner) = owner {
        query = query.filter(webhooks::owner_id.eq(owner));
    }
    if let Some(after) = after {
        query = query.filter(webhooks::id.gt(after));
    }
    let rows: Vec<WebhookRow> = query.order(webhooks::id.asc()).limit(limit).load(conn)?;
    assemble(conn, rows)
}

/// What a `PATCH` changes; `None` keeps a field.
#[derive(Debug, Clone, Default)]
pub struct WebhookChanges {
    pub url: Option<String>,
    pub description: Option<Option<String>>,
    pub events: Option<Vec<String>>,
    pub active: Option<bool>,
}

pub fn update(
    conn: &mut AnyConnection,
    id: &str,
    changes: &WebhookChanges,
    now: DateTime<Utc>,
) -> StoreResult<Webhook> {
    crate::transaction(conn, |conn| {
        let current = find(conn, id)?;
        diesel::update(webhooks::table.find(id))
            .set((
                webhooks::url.eq(changes.url.as_ref().unwrap_or(&current.url)),
                webhooks::description
                    .eq(changes.description.as_ref().unwrap_or(&current.description)),
                webhooks::active.eq(changes.active.unwrap_or(current.active)),
                webhooks::updated_at.eq(now.naive_utc()),
            ))
            .execute(conn)?;
        if let Some(events) = &changes.events {
            write_events(conn, id, events)?;
        }
        find(conn, id)
    })
}

pub fn delete(conn: &mut AnyConnection, id: &str) -> StoreResult<()> {
    match diesel::delete(webhooks::table.find(id)).execute(conn)? {
        0 => Err(StoreError::NotFound),
        _ => Ok(()),
    }
}

/// Deletes the finished deliveries (`sent` or `dead`) written before
/// `before`, so the log a partner reads stays bounded; deliveries still due
/// or failing are kept, whatever their age.
pub fn prune_deliveries(conn: &mut AnyConnection, before: DateTime<Utc>) -> StoreResult<usize> {
    Ok(diesel::delete(
        webhook_deliveries::table
            .filter(webhook_deliveries::status.eq_any([status::SENT, status::DEAD]))
            .filter(webhook_deliveries::created_at.lt(before.naive_utc())),
    )
    .execute(conn)?)
}

/// Replaces the signing secret; the old one keeps signing until
/// `old_signs_until`.
pub fn rotate_secret(
    conn: &mut AnyConnection,
    id: &str,
    secret: &str,
    old_signs_until: DateTime<Utc>,
    now: DateTime<Utc>,
) -> StoreResult<Webhook> {
    crate::transaction(conn, |conn| {
        let current = find(conn, id)?;
        diesel::update(webhooks::table.find(id))
            .set((
                webhooks::secret.eq(secret),
                webhooks::previous_secret.eq(Some(&current.secret)),
                webhooks::previous_secret_expires_at.eq(Some(old_signs_until.naive_utc())),
                webhooks::updated_at.eq(now.naive_utc()),
            ))
            .execute(conn)?;
        find(conn, id)
    })
}

/// Active webhooks subscribed to `event` that existed at `at`: a webhook
/// hears of what happens after it is registered.
pub fn subscribed(
    conn: &mut AnyConnection,
    event: &str,
    at: DateTime<Utc>,
) -> StoreResult<Vec<String>> {
    Ok(webhooks::table
        .inner_join(webhook_events::table)
        .filter(webhook_events::event.eq(event))
        .filter(webhooks::active.eq(true))
        .filter(webhooks::created_at.le(at.naive_utc()))
        .select(webhooks::id)
        .order(webhooks::id.asc())
        .load(conn)?)
}

/// Locks the fan-out cursor (first, in the transaction that fans changes
/// out) and answers the last change fanned out.
pub fn lock_dispatch(conn: &mut AnyConnection) -> StoreResult<i64> {
    let touched = diesel::update(webhook_dispatch::table.find(1_i64))
        .set(webhook_dispatch::seq.eq(webhook_dispatch::seq))
        .execute(conn)?;
    if touched != 1 {
        return Err(StoreError::NotFound);
    }
    dispatched(conn)
}

/// The last change fanned out, read without a lock: enough to tell there is
/// nothing to do.
pub fn dispatched(conn: &mut AnyConnection) -> StoreResult<i64> {
    Ok(webhook_dispatch::table
        .find(1_i64)
        .select(webhook_dispatch::seq)
        .first(conn)?)
}

pub fn advance_dispatch(conn: &mut AnyConnection, seq: i64) -> StoreResult<()> {
    diesel::update(webhook_dispatch::table.find(1_i64))
        .set(webhook_dispatch::seq.eq(seq))
        .execute(conn)?;
    Ok(())
}

#[derive(Debug, Clone, PartialEq)]
pub struct Delivery {
    pub id: String,
    pub webhook_id: String,
    pub event: String,
    pub payload: String,
    pub status: String,
    /// Attempts made so far, the one in progress included.
    pub attempts: u32,
    pub response_status: Option<u16>,
    pub last_error: Option<String>,
    pub next_attempt_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub delivered_at: Option<DateTime<Utc>>,
}

#[derive(Queryable)]
struct DeliveryRow {
    id: String,
    webhook_id: String,
    event: String,
    payload: String,
    status: String,
    attempts: i32,
    response_status: Option<i32>,
    last_error: Option<String>,
    next_attempt_at: Option<NaiveDateTime>,
    created_at: NaiveDateTime,
    delivered_at: Option<NaiveDateTime>,
}

impl From<DeliveryRow> for Delivery {
    fn from(row: DeliveryRow) -> Self {
        Delivery {
            id: row.id,
            webhook_id: row.webhook_id,
            event: row.event,
            payload: row.payload,
            status: row.status,
            attempts: u32::try_from(row.attempts).unwrap_or(0),
            response_status: row.response_status.and_then(|s| u16::try_from(s).ok()),
            last_error: row.last_error,
            next_attempt_at: row.next_attempt_at.map(|at| at.and_utc()),
            created_at: row.created_at.and_utc(),
            delivered_at: row.delivered_at.map(|at| at.and_utc()),
        }
    }
}

/// Queues one delivery of `payload`, due at `now`.
pub fn enqueue(
    conn: &mut AnyConnection,
    webhook_id: &str,
    event: &str,
    payload: &str,
    now: DateTime<Utc>,
) -> StoreResult<Delivery> {
    let id = new_id();
    let at = now.naive_utc();
    diesel::insert_into(webhook_deliveries::table)
        .values((
            webhook_deliveries::id.eq(&id),
            webhook_deliveries::webhook_id.eq(webhook_id),
            webhook_deliveries::event.eq(event),
            webhook_deliveries::payload.eq(payload),
            webhook_deliveries::status.eq(status::QUEUED),
            webhook_deliveries::attempts.eq(0),
            webhook_deliveries::next_attempt_at.eq(Some(at)),
            webhook_deliveries::created_at.eq(at),
        ))
        .execute(conn)?;
    find_delivery(conn, webhook_id, &id)
}

/// One delivery of one webhook; `NotFound` for another webhook's.
pub fn find_delivery(
    conn: &mut AnyConnection,
    webhook_id: &str,
    id: &str,
) -> StoreResult<Delivery> {
    let row: DeliveryRow = webhook_deliveries::table
        .find(id)
        .filter(webhook_deliveries::webhook_id.eq(webhook_id))
        .first(conn)?;
    Ok(row.into())
}

/// A webhook's deliveries, newest first, before the one with id `before`.
pub fn deliveries(
    conn: &mut AnyConnection,
    webhook_id: &str,
    before: Option<&str>,
    limit: i64,
) -> StoreResult<Vec<Delivery>> {
    let mut query = webhook_deliveries::table
        .filter(webhook_deliveries::webhook_id.eq(webhook_id))
        .into_boxed();
    if let Some(before) = before {
        query = query.filter(webhook_deliveries::id.lt(before));
    }
    let rows: Vec<DeliveryRow> = query
        .order(webhook_deliveries::id.desc())
        .limit(limit)
        .load(conn)?;
    Ok(rows.into_iter().map(Into::into).collect())
}

/// A claimed delivery, with the webhook it goes to.
#[derive(Debug, Clone)]
pub struct Claimed {
    pub delivery: Delivery,
    pub webhook: Webhook,
}

/// Claims up to `limit` deliveries due at `now` to active webhooks, as
/// `outbox::claim_due` claims messages: each attempt counted, its next one
/// pushed to `now + lease`; `FOR UPDATE SKIP LOCKED` on PostgreSQL, the
/// write lock on SQLite.
pub fn claim_due(
    conn: &mut AnyConnection,
    now: DateTime<Utc>,
    lease: chrono::Duration,
    limit: i64,
) -> StoreResult<Vec<Claimed>> {
    let at = now.naive_utc();
    crate::transaction(conn, |conn| {
        let active = webhooks::table
            .filter(webhooks::active.eq(true))
            .select(webhooks::id);
        let due = webhook_deliveries::table
            .select(webhook_deliveries::id)
            .filter(webhook_deliveries::status.eq_any([status::QUEUED, status::FAILED]))
            .filter(webhook_deliveries::next_attempt_at.le(at))
            .filter(webhook_deliveries::webhook_id.eq_any(active))
            .order((
                webhook_deliveries::next_attempt_at.asc(),
                webhook_deliveries::id.asc(),
            ))
            .limit(limit);
        let ids: Vec<String> = match conn {
            AnyConnection::Postgresql(pg) => due.for_update().skip_locked().load(pg)?,
            AnyConnection::Sqlite(_) => due.load(conn)?,
        };
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        diesel::update(webhook_deliveries::table.filter(webhook_deliveries::id.eq_any(&ids)))
            .set((
                webhook_deliveries::attempts.eq(webhook_deliveries::attempts + 1),
                webhook_deliveries::next_attempt_at.eq(Some(at + lease)),
            ))
            .execute(conn)?;
        let rows: Vec<DeliveryRow> = webhook_deliveries::table
            .filter(webhook_deliveries::id.eq_any(&ids))
            .order(webhook_deliveries::id.asc())
            .load(conn)?;
        let mut webhook_ids: Vec<String> = rows.iter().map(|row| row.webhook_id.clone()).collect();
        webhook_ids.sort();
        webhook_ids.dedup();
        let webhook_rows: Vec<WebhookRow> = webhooks::table
            .filter(webhooks::id.eq_any(&webhook_ids))
            .load(conn)?;
        let targets = assemble(conn, webhook_rows)?;
        Ok::<_, StoreError>(
            rows.into_iter()
                .filter_map(|row| {
                    let webhook = targets.iter().find(|w| w.id == row.webhook_id)?.clone();
                    Some(Claimed {
                        delivery: row.into(),
                        webhook,
                    })
                })
                .collect(),
        )
    })
}

/// The outcome of one claimed attempt.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    pub delivery_id: String,
    pub webhook_id: String,
    /// The attempt's number, as claimed.
    pub attempt: u32,
    pub attempt_result: Attempt,
    /// The receiver's HTTP status, when it answered.
    pub response_status: Option<u16>,
    /// The receiver answered 410 Gone: it wants no more deliveries.
    pub disable_webhook: bool,
}

/// Records outcomes as `outbox::record` does: only where the attempt count
/// is still the claimed one. A 410 turns its webhook off in the same
/// transaction.
pub fn record(
    conn: &mut AnyConnection,
    outcomes: &[Outcome],
    now: DateTime<Utc>,
) -> StoreResult<()> {
    if outcomes.is_empty() {
        return Ok(());
    }
    let at = now.naive_utc();
    crate::transaction(conn, |conn| {
        for outcome in outcomes {
            let attempt = i32::try_from(outcome.attempt).unwrap_or(i32::MAX);
            let response_status = outcome.response_status.map(i32::from);
            let target = webhook_deliveries::table
                .filter(webhook_deliveries::id.eq(&outcome.delivery_id))
                .filter(webhook_deliveries::attempts.eq(attempt));
            let (state, next_attempt_at, delivered_at, error) = match &outcome.attempt_result {
                Attempt::Sent => (status::SENT, None, Some(at), None),
                Attempt::Failed { error, retry_at } => (
                    status::FAILED,
                    Some(retry_at.naive_utc()),
                    None,
                    Some(error.as_str()),
                ),
                Attempt::Dead { error } => (status::DEAD, None, None, Some(error.as_str())),
            };
            let recorded = diesel::update(target)
                .set((
                    webhook_deliveries::status.eq(state),
                    webhook_deliveries::next_attempt_at.eq(next_attempt_at),
                    webhook_deliveries::delivered_at.eq(delivered_at),
                    webhook_deliveries::last_error.eq(error),
                    webhook_deliveries::response_status.eq(response_status),
                ))
                .execute(conn)?;
            if recorded == 1 && outcome.disable_webhook {
                diesel::update(webhooks::table.find(&outcome.webhook_id))
                    .set((webhooks::active.eq(false), webhooks::updated_at.eq(at)))
                    .execute(conn)?;
            }
        }
        Ok::<_, StoreError>(())
    })
}

/// Queues a delivery again, due at `now` with a fresh count of attempts.
/// `Conflict` while it is queued for its first attempt already.
pub fn redeliver(
    conn: &mut AnyConnection,
    webhook_id: &str,
    id: &str,
    now: DateTime<Utc>,
) -> StoreResult<Delivery> {
    crate::transaction(conn, |conn| {
        let delivery = find_delivery(conn, webhook_id, id)?;
        if delivery.status == status::QUEUED {
            return Err(StoreError::Conflict { constraint: None });
        }
        diesel::update(webhook_deliveries::table.find(id))
            .set((
                webhook_deliveries::status.eq(status::QUEUED),
                webhook_deliveries::attempts.eq(0),
                webhook_deliveries::next_attempt_at.eq(Some(now.naive_utc())),
            ))
            .execute(conn)?;
        find_delivery(conn, webhook_id, id)
    })
}
