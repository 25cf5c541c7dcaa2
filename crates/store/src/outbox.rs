//! The outbox: every message the service writes, and its delivery state
//! (docs/notifications.md). Workers in any number of instances claim due
//! messages here; a claim is a lease, so a worker that dies mid-send leaves
//! its messages to be claimed again once the lease runs out.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use greenlight_domain::Locale;

use crate::error::{StoreResult, decode};
use crate::ids::{new_id, now};
use crate::schema::messages;
use crate::{AnyConnection, StoreError};

/// Where a message is in its delivery.
pub mod status {
    /// Waiting for its first attempt (or re-queued by staff).
    pub const QUEUED: &str = "queued";
    /// Accepted by the SMTP server.
    pub const SENT: &str = "sent";
    /// Failed at least once; tried again at `next_attempt_at`.
    pub const FAILED: &str = "failed";
    /// Given up: a permanent failure, or too many attempts.
    pub const DEAD: &str = "dead";
    pub const ALL: [&str; 4] = [QUEUED, SENT, FAILED, DEAD];
}

#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    pub id: String,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    pub kind: String,
    pub created_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
    pub status: String,
    /// Attempts made so far, the one in progress included.
    pub attempts: u32,
    pub last_error: Option<String>,
    pub next_attempt_at: Option<DateTime<Utc>>,
    /// The one-click unsubscribe URL of list mail.
    pub list_unsubscribe: Option<String>,
    /// The language the message is written in.
    pub locale: Locale,
}

#[derive(Queryable)]
struct MessageRow {
    id: String,
    recipient: String,
    subject: String,
    body: String,
    kind: String,
    _dedupe_key: Option<String>,
    created_at: chrono::NaiveDateTime,
    sent_at: Option<chrono::NaiveDateTime>,
    status: String,
    attempts: i32,
    last_error: Option<String>,
    next_attempt_at: Option<chrono::NaiveDateTime>,
    list_unsubscribe: Option<String>,
    locale: String,
}

impl TryFrom<MessageRow> for Message {
    type Error = StoreError;

    fn try_from(row: MessageRow) -> StoreResult<Self> {
        Ok(Message {
            id: row.id,
            recipient: row.recipient,
            subject: row.subject,
            body: row.body,
            kind: row.kind,
            created_at: row.created_at.and_utc(),
            sent_at: row.sent_at.map(|at| at.and_utc()),
            status: row.status,
            attempts: u32::try_from(row.attempts).unwrap_or(0),
            last_error: row.last_error,
            next_attempt_at: row.next_attempt_at.map(|at| at.and_utc()),
            list_unsubscribe: row.list_unsubscribe,
            locale: decode(&row.locale, "messages.locale")?,
        })
    }
}

#[derive(Debug, Clone, Default)]
pub struct NewMessage<'a> {
    pub recipient: &'a str,
    pub subject: &'a str,
    pub body: &'a str,
    pub kind: &'a str,
    /// Names the event this message reports (e.g. `decision:{application}:{recipient}`);
    /// queuing the same key again is a no-op.
    pub dedupe_key: Option<&'a str>,
    pub list_unsubscribe: Option<&'a str>,
    pub locale: Locale,
}

/// Queues a message, due at once; `Ok(false)` when one with the same dedupe
/// key exists.
pub fn enqueue(conn: &mut AnyConnection, message: &NewMessage<'_>) -> StoreResult<bool> {
    let created_at = now().naive_utc();
    crate::connection::insert_unless_present(conn, |conn| {
        diesel::insert_into(messages::table)
            .values((
                messages::id.eq(new_id()),
                messages::recipient.eq(message.recipient),
                messages::subject.eq(message.subject),
                messages::body.eq(message.body),
                messages::kind.eq(message.kind),
                messages::dedupe_key.eq(message.dedupe_key),
                messages::created_at.eq(created_at),
                messages::status.eq(status::QUEUED),
                messages::next_attempt_at.eq(Some(created_at)),
                messages::list_unsubscribe.eq(message.list_unsubscribe),
                messages::locale.eq(message.locale.as_str()),
            ))
            .execute(conn)
    })
}

#[derive(Debug, Clone, Default)]
pub struct MessageFilter {
    pub kind: Option<String>,
    pub recipient: Option<String>,
    pub status: Option<String>,
}

/// Messages oldest first, after the message with id `after`, up to `limit`.
pub fn list(
    conn: &mut AnyConnection,
    filter: &MessageFilter,
    after: Option<&str>,
    limit: i64,
) -> StoreResult<Vec<Message>> {
    let mut query = messages::table.into_boxed();
    if let Some(kind) = &filter.kind {
        query = query.filter(messages::kind.eq(kind));
    }
    if let Some(recipient) = &filter.recipient {
        query = query.filter(messages::recipient.eq(recipient));
    }
    if let Some(status) = &filter.status {
        query = query.filter(messages::status.eq(status));
    }
    if let Some(after) = after {
        query = query.filter(messages::id.gt(after));
    }
    let rows: Vec<MessageRow> = query.order(messages::id.asc()).limit(limit).load(conn)?;
    rows.into_iter().map(TryInto::try_into).collect()
}

pub fn find(conn: &mut AnyConnection, id: &str) -> StoreResult<Message> {
    let row: MessageRow = messages::table.find(id).first(conn)?;
    row.try_into()
}

/// Claims up to `limit` messages due at `now`, oldest due first: each one's
/// attempt is counted and its next attempt moved to `now + lease`, so that
/// no other worker claims it while this one sends. PostgreSQL skips rows
/// another worker's claim holds (`FOR UPDATE SKIP LOCKED`); on SQLite the
/// claim holds the write lock from its start, so claims run one at a time.
pub fn claim_due(
    conn: &mut AnyConnection,
    now: DateTime<Utc>,
    lease: chrono::Duration,
    limit: i64,
) -> StoreResult<Vec<Message>> {
    let now = now.naive_utc();
    crate::transaction(conn, |conn| {
        let due = messages::table
            .select(messages::id)
            .filter(messages::status.eq_any([status::QUEUED, status::FAILED]))
            .filter(messages::next_attempt_at.le(now))
            .order((messages::next_attempt_at.asc(), messages::id.asc()))
            .limit(limit);
        let ids: Vec<String> = match conn {
            AnyConnection::Postgresql(pg) => due.for_update().skip_locked().load(pg)?,
            AnyConnection::Sqlite(_) => due.load(conn)?,
        };
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        diesel::update(messages::table.filter(messages::id.eq_any(&ids)))
            .set((
                messages::attempts.eq(messages::attempts + 1),
                messages::next_attempt_at.eq(Some(now + lease)),
            ))
            .execute(conn)?;
        let rows: Vec<MessageRow> = messages::table
            .filter(messages::id.eq_any(&ids))
            .order((messages::next_attempt_at.asc(), messages::id.asc()))
            .load(conn)?;
        rows.into_iter()
            .map(TryInto::try_into)
            .collect::<StoreResult<Vec<Message>>>()
    })
}

/// What became of one claimed attempt.
#[derive(Debug, Clone, PartialEq)]
pub enum Attempt {
    Sent,
    /// Tried again at the given time.
    Failed {
        error: String,
        retry_at: DateTime<Utc>,
    },
    Dead {
        error: String,
    },
}

/// Records the outcome of attempt number `attempt` of each message. A
/// message whose attempts moved on meanwhile (its lease ran out and another
/// worker claimed it) is left to that worker.
pub fn record(
    conn: &mut AnyConnection,
    outcomes: &[(String, u32, Attempt)],
    now: DateTime<Utc>,
) -> StoreResult<()> {
    if outcomes.is_empty() {
        return Ok(());
    }
    let now = now.naive_utc();
    crate::transaction(conn, |conn| {
        for (id, attempt, outcome) in outcomes {
            let attempt = i32::try_from(*attempt).unwrap_or(i32::MAX);
            let target = messages::table
                .filter(messages::id.eq(id))
                .filter(messages::attempts.eq(attempt));
            match outcome {
                Attempt::Sent => diesel::update(target)
                    .set((
                        messages::status.eq(status::SENT),
                        messages::sent_at.eq(Some(now)),
                        messages::next_attempt_at.eq(None::<chrono::NaiveDateTime>),
                        messages::last_error.eq(None::<String>),
                    ))
                    .execute(conn)?,
                Attempt::Failed { error, retry_at } => diesel::update(target)
                    .set((
                        messages::status.eq(status::FAILED),
                        messages::next_attempt_at.eq(Some(retry_at.naive_utc())),
                        messages::last_error.eq(Some(error)),
                    ))
                    .execute(conn)?,
                Attempt::Dead { error } => diesel::update(target)
                    .set((
                        messages::status.eq(status::DEAD),
                        messages::next_attempt_at.eq(None::<chrono::NaiveDateTime>),
                        messages::last_error.eq(Some(error)),
                    ))
                    .execute(conn)?,
            };
        }
        Ok::<_, StoreError>(())
    })
}

/// Queues a `failed` or `dead` message again, due at `now` with a fresh
/// count of attempts. `Conflict` when it is queued or sent.
pub fn retry(conn: &mut AnyConnection, id: &str, now: DateTime<Utc>) -> StoreResult<Message> {
    crate::transaction(conn, |conn| {
        let message = find(conn, id)?;
        if message.status != status::FAILED && message.status != status::DEAD {
            return Err(StoreError::Conflict { constraint: None });
        }
        diesel::update(messages::table.find(id))
            .set((
                messages::status.eq(status::QUEUED),
                messages::attempts.eq(0),
                messages::next_attempt_at.eq(Some(now.naive_utc())),
            ))
            .execute(conn)?;
        find(conn, id)
    })
}
