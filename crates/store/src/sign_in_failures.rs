//! Failed sign-ins per account key (a digest of the email the caller gave),
//! counted over a sliding window to limit password guessing on one account
//! from however many addresses.

use chrono::{DateTime, Utc};
use diesel::dsl::{count_star, min};
use diesel::prelude::*;

use crate::AnyConnection;
use crate::error::StoreResult;
use crate::ids::new_id;
use crate::schema::sign_in_failures;

/// The failures of `account_key` at or after `since`: how many, and when the
/// oldest of them happened (it is the first to leave the window).
pub fn since(
    conn: &mut AnyConnection,
    account_key: &str,
    since: DateTime<Utc>,
) -> StoreResult<(u64, Option<DateTime<Utc>>)> {
    let (count, oldest): (i64, Option<chrono::NaiveDateTime>) = sign_in_failures::table
        .filter(sign_in_failures::account_key.eq(account_key))
        .filter(sign_in_failures::failed_at.ge(since.naive_utc()))
        .select((count_star(), min(sign_in_failures::failed_at)))
        .first(conn)?;
    Ok((
        u64::try_from(count).unwrap_or_default(),
        oldest.map(|at| at.and_utc()),
    ))
}

pub fn record(conn: &mut AnyConnection, account_key: &str, at: DateTime<Utc>) -> StoreResult<()> {
    diesel::insert_into(sign_in_failures::table)
        .values((
            sign_in_failures::id.eq(new_id()),
            sign_in_failures::account_key.eq(account_key),
            sign_in_failures::failed_at.eq(at.naive_utc()),
        ))
        .execute(conn)?;
    Ok(())
}

/// Forgets the failures of an account after a successful sign-in.
pub fn clear(conn: &mut AnyConnection, account_key: &str) -> StoreResult<()> {
    diesel::delete(sign_in_failures::table.filter(sign_in_failures::account_key.eq(account_key)))
        .execute(conn)?;
    Ok(())
}

/// Deletes failures older than `before`; they no longer count. Returns how
/// many were deleted.
pub fn prune(conn: &mut AnyConnection, before: DateTime<Utc>) -> StoreResult<usize> {
    Ok(diesel::delete(
        sign_in_failures::table.filter(sign_in_failures::failed_at.lt(before.naive_utc())),
    )
    .execute(conn)?)
}
