//! News the worker tells subscribers about (docs/notifications.md, "Fan-out"):
//! a request that publishes something writes one row here, in its own
//! transaction, and the worker writes one message per interested subscriber
//! later. Two workers may fan out one announcement at once: the messages'
//! dedupe keys make the second one write nothing.

use chrono::{DateTime, Utc};
use diesel::prelude::*;

use crate::AnyConnection;
use crate::error::StoreResult;
use crate::ids::{new_id, now};
use crate::schema::announcements;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Announcement {
    pub id: String,
    /// What happened, e.g. `new_program`.
    pub kind: String,
    /// The id of what it happened to.
    pub subject_id: String,
    /// Names the news itself (`new_program:{program}`): each message of its
    /// fan-out is keyed by it and the subscription.
    pub dedupe_key: String,
}

/// Records news to fan out; `Ok(false)` when `dedupe_key` was recorded
/// before.
pub fn add(
    conn: &mut AnyConnection,
    kind: &str,
    subject_id: &str,
    dedupe_key: &str,
) -> StoreResult<bool> {
    crate::connection::insert_unless_present(conn, |conn| {
        diesel::insert_into(announcements::table)
            .values((
                announcements::id.eq(new_id()),
                announcements::kind.eq(kind),
                announcements::subject_id.eq(subject_id),
                announcements::dedupe_key.eq(dedupe_key),
                announcements::created_at.eq(now().naive_utc()),
            ))
            .execute(conn)
    })
}

/// Announcements not fanned out yet, oldest first.
pub fn pending(conn: &mut AnyConnection, limit: i64) -> StoreResult<Vec<Announcement>> {
    let rows: Vec<(String, String, String, String)> = announcements::table
        .filter(announcements::done_at.is_null())
        .order((announcements::created_at.asc(), announcements::id.asc()))
        .select((
            announcements::id,
            announcements::kind,
            announcements::subject_id,
            announcements::dedupe_key,
        ))
        .limit(limit)
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(id, kind, subject_id, dedupe_key)| Announcement {
            id,
            kind,
            subject_id,
            dedupe_key,
        })
        .collect())
}

pub fn mark_done(conn: &mut AnyConnection, id: &str, at: DateTime<Utc>) -> StoreResult<()> {
    diesel::update(announcements::table.find(id))
        .set(announcements::done_at.eq(Some(at.naive_utc())))
        .execute(conn)?;
    Ok(())
}
