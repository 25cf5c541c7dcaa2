//! The first answers to POSTs sent with an `Idempotency-Key`, kept so that a
//! retry replays the answer instead of acting twice (docs/partners.md).
//!
//! A request claims its key by inserting the row before it acts; the
//! primary key lets one claim win on both backends, whoever else arrives at
//! the same moment, and the others find the claim and wait for its answer.

use chrono::{DateTime, Utc};
use diesel::prelude::*;

use crate::error::StoreResult;
use crate::schema::idempotency_keys;
use crate::{AnyConnection, StoreError};

/// The answer kept for a key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredAnswer {
    pub status: u16,
    pub content_type: Option<String>,
    pub location: Option<String>,
    pub body: String,
}

/// What a claim found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Claim {
    /// The key was free (or its last use expired): this request acts.
    Won,
    /// An earlier request holds the key: its fingerprint, and its answer once
    /// it has one.
    Taken {
        fingerprint: String,
        answer: Option<StoredAnswer>,
    },
}

type Row = (
    String,
    Option<i32>,
    Option<String>,
    Option<String>,
    Option<String>,
);

fn taken((fingerprint, status, content_type, location, body): Row) -> Claim {
    let answer = status
        .and_then(|status| u16::try_from(status).ok())
        .map(|status| StoredAnswer {
            status,
            content_type,
            location,
            body: body.unwrap_or_default(),
        });
    Claim::Taken {
        fingerprint,
        answer,
    }
}

/// Claims `key` for `scope`, unless a use of it since `expired_before`
/// holds it. Each statement commits on its own: a failed insert must not
/// abort a surrounding PostgreSQL transaction, and the claim must be visible
/// to concurrent requests at once.
pub fn claim(
    conn: &mut AnyConnection,
    scope: &str,
    key: &str,
    fingerprint: &str,
    now: DateTime<Utc>,
    expired_before: DateTime<Utc>,
) -> StoreResult<Claim> {
    let this = idempotency_keys::table
        .filter(idempotency_keys::scope.eq(scope))
        .filter(idempotency_keys::idempotency_key.eq(key));
    diesel::delete(this.filter(idempotency_keys::created_at.lt(expired_before.naive_utc())))
        .execute(conn)?;
    // A holder may release the key between a failed insert and the read
    // that follows; then the insert is tried again.
    loop {
        let inserted = diesel::insert_into(idempotency_keys::table)
            .values((
                idempotency_keys::scope.eq(scope),
                idempotency_keys::idempotency_key.eq(key),
                idempotency_keys::fingerprint.eq(fingerprint),
                idempotency_keys::created_at.eq(now.naive_utc()),
            ))
            .execute(conn);
        match inserted.map_err(StoreError::from) {
            Ok(_) => return Ok(Claim::Won),
            Err(StoreError::Conflict { .. }) => {
                if let Some(held) = peek(conn, scope, key)? {
                    return Ok(held);
                }
            }
            Err(other) => return Err(other),
        }
    }
}

/// What holds `key` now, if anything.
pub fn peek(conn: &mut AnyConnection, scope: &str, key: &str) -> StoreResult<Option<Claim>> {
    let row: Option<Row> = idempotency_keys::table
        .filter(idempotency_keys::scope.eq(scope))
        .filter(idempotency_keys::idempotency_key.eq(key))
        .select((
            idempotency_keys::fingerprint,
            idempotency_keys::status,
            idempotency_keys::content_type,
            idempotency_keys::location,
            idempotency_keys::body,
        ))
        .first(conn)
        .optional()?;
    Ok(row.map(taken))
}

/// Keeps the answer of the request that won the claim.
pub fn complete(
    conn: &mut AnyConnection,
    scope: &str,
    key: &str,
    answer: &StoredAnswer,
) -> StoreResult<()> {
    diesel::update(
        idempotency_keys::table
            .filter(idempotency_keys::scope.eq(scope))
            .filter(idempotency_keys::idempotency_key.eq(key)),
    )
    .set((
        idempotency_keys::status.eq(i32::from(answer.status)),
        idempotency_keys::content_type.eq(answer.content_type.as_deref()),
        idempotency_keys::location.eq(answer.location.as_deref()),
        idempotency_keys::body.eq(&answer.body),
    ))
    .execute(conn)?;
    Ok(())
}

/// Gives the key up without an answer (the request failed in a way worth
/// retrying), so that the next request with it acts.
pub fn release(conn: &mut AnyConnection, scope: &str, key: &str) -> StoreResult<()> {
    diesel::delete(
        idempotency_keys::table
            .filter(idempotency_keys::scope.eq(scope))
            .filter(idempotency_keys::idempotency_key.eq(key))
            .filter(idempotency_keys::status.is_null()),
    )
    .execute(conn)?;
    Ok(())
}

/// Deletes keys claimed before `before`; returns how many.
pub fn prune(conn: &mut AnyConnection, before: DateTime<Utc>) -> StoreResult<usize> {
    Ok(diesel::delete(
        idempotency_keys::table.filter(idempotency_keys::created_at.lt(before.naive_utc())),
    )
    .execute(conn)?)
}
