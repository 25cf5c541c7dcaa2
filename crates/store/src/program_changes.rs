//! The catalogue's change log (docs/architecture.md, Read model): every
//! change to the published catalogue, numbered in the order the changes
//! commit, with the slug the program had.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use greenlight_domain::Program;

use crate::error::{StoreResult, decode};
use crate::ids::now;
use crate::schema::{program_change_head, program_changes};
use crate::{AnyConnection, StoreError};

/// What happened to a program in the published catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeKind {
    Published,
    Updated,
    /// Taken out of the published catalogue but kept.
    Unpublished,
    Deleted,
}

impl ChangeKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeKind::Published => "published",
            ChangeKind::Updated => "updated",
            ChangeKind::Unpublished => "unpublished",
            ChangeKind::Deleted => "deleted",
        }
    }
}

impl std::str::FromStr for ChangeKind {
    type Err = ();
    fn from_str(raw: &str) -> Result<Self, ()> {
        [
            ChangeKind::Published,
            ChangeKind::Updated,
            ChangeKind::Unpublished,
            ChangeKind::Deleted,
        ]
        .into_iter()
        .find(|kind| kind.as_str() == raw)
        .ok_or(())
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgramChange {
    pub seq: i64,
    pub program_id: String,
    pub slug: String,
    pub change: ChangeKind,
    pub at: DateTime<Utc>,
}

/// Write-touches the log's head row: called first in every transaction that
/// writes programs, it makes catalogue writers take turns (a row lock on
/// PostgreSQL; on SQLite the write lock from the first statement), so that
/// sequence numbers commit in order and limits counted afterwards hold.
pub fn lock(conn: &mut AnyConnection) -> StoreResult<()> {
    let touched = diesel::update(program_change_head::table.find(1_i64))
        .set(program_change_head::seq.eq(program_change_head::seq))
        .execute(conn)?;
    match touched {
        1 => Ok(()),
        _ => Err(StoreError::NotFound),
    }
}

/// The sequence number of the latest change: a reader that has applied it
/// has applied every change.
pub fn head(conn: &mut AnyConnection) -> StoreResult<i64> {
    Ok(program_change_head::table
        .find(1_i64)
        .select(program_change_head::seq)
        .first(conn)?)
}

/// Logs a change of `program` (after [`lock`], in the same transaction).
pub fn record(conn: &mut AnyConnection, program: &Program, change: ChangeKind) -> StoreResult<()> {
    record_row(conn, &program.id, &program.slug, change)
}

pub(crate) fn record_row(
    conn: &mut AnyConnection,
    program_id: &str,
    slug: &str,
    change: ChangeKind,
) -> StoreResult<()> {
    record_many(conn, &[(program_id.to_owned(), slug.to_owned())], change)
}

/// Logs the same change of several programs, as `(id, slug)`, in order.
pub(crate) fn record_many(
    conn: &mut AnyConnection,
    programs: &[(String, String)],
    change: ChangeKind,
) -> StoreResult<()> {
    if programs.is_empty() {
        return Ok(());
    }
    let last = head(conn)?;
    let at = now().naive_utc();
    let count = i64::try_from(programs.len()).unwrap_or(i64::MAX);
    let rows: Vec<_> = programs
        .iter()
        .zip(last + 1..)
        .map(|((id, slug), seq)| {
            (
                program_changes::seq.eq(seq),
                program_changes::program_id.eq(id.as_str()),
                program_changes::slug.eq(slug.as_str()),
                program_changes::change.eq(change.as_str()),
                program_changes::at.eq(at),
            )
        })
        .collect();
    // Multi-row inserts do not compile for the multi backend; the statement
    // is the same on both. Batches stay under SQLite's bound-parameter cap.
    for chunk in rows.chunks(1_000) {
        let query = diesel::insert_into(program_changes::table).values(chunk.to_vec());
        match conn {
            AnyConnection::Sqlite(conn) => query.execute(conn)?,
            AnyConnection::Postgresql(conn) => query.execute(conn)?,
        };
    }
    diesel::update(program_change_head::table.find(1_i64))
        .set(program_change_head::seq.eq(last + count))
        .execute(conn)?;
    Ok(())
}

/// Up to `limit` changes after `seq`, oldest first.
pub fn after(conn: &mut AnyConnection, seq: i64, limit: i64) -> StoreResult<Vec<ProgramChange>> {
    let rows: Vec<(i64, String, String, String, chrono::NaiveDateTime)> = program_changes::table
        .filter(program_changes::seq.gt(seq))
        .order(program_changes::seq.asc())
        .limit(limit)
        .load(conn)?;
    rows.into_iter()
        .map(|(seq, program_id, slug, change, at)| {
            Ok(ProgramChange {
                seq,
                program_id,
                slug,
                change: decode(&change, "program_changes.change")?,
                at: at.and_utc(),
            })
        })
        .collect()
}
