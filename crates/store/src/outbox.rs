use chrono::{DateTime, Utc};
use diesel::prelude::*;

use crate::error::StoreResult;
use crate::ids::{new_id, now};
use crate::schema::messages;
use crate::{AnyConnection, StoreError};

#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    pub id: String,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    pub kind: String,
    pub created_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
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
}

impl From<MessageRow> for Message {
    fn from(row: MessageRow) -> Self {
        Message {
            id: row.id,
            recipient: row.recipient,
            subject: row.subject,
            body: row.body,
            kind: row.kind,
            created_at: row.created_at.and_utc(),
            sent_at: row.sent_at.map(|at| at.and_utc()),
        }
    }
}

#[derive(Debug, Clone)]
pub struct NewMessage<'a> {
    pub recipient: &'a str,
    pub subject: &'a str,
    pub body: &'a str,
    pub kind: &'a str,
    /// Names the event this message reports (e.g. `decision:{application}:{recipient}`);
    /// queuing the same key again is a no-op.
    pub dedupe_key: Option<&'a str>,
}

/// Queues a message; `Ok(false)` when one with the same dedupe key exists.
/// The insert runs in a savepoint so that, inside a caller's transaction, a
/// duplicate does not abort the whole transaction on PostgreSQL.
pub fn enqueue(conn: &mut AnyConnection, message: &NewMessage<'_>) -> StoreResult<bool> {
    let inserted = conn.transaction(|conn| {
        diesel::insert_into(messages::table)
            .values((
                messages::id.eq(new_id()),
                messages::recipient.eq(message.recipient),
                messages::subject.eq(message.subject),
                messages::body.eq(message.body),
                messages::kind.eq(message.kind),
                messages::dedupe_key.eq(message.dedupe_key),
                messages::created_at.eq(now().naive_utc()),
            ))
            .execute(conn)
            .map_err(StoreError::from)
    });
    match inserted {
        Ok(_) => Ok(true),
        Err(StoreError::Conflict { .. }) => Ok(false),
        Err(other) => Err(other),
    }
}

#[derive(Debug, Clone, Default)]
pub struct MessageFilter {
    pub kind: Option<String>,
    pub recipient: Option<String>,
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
    if let Some(after) = after {
        query = query.filter(messages::id.gt(after));
    }
    let rows: Vec<MessageRow> = query.order(messages::id.asc()).limit(limit).load(conn)?;
    Ok(rows.into_iter().map(Into::into).collect())
}
