//! Consistent copies of a SQLite database, taken while the server writes, and
//! their restoration. `VACUUM INTO` reads the database inside one read
//! transaction, so the copy is the database as of one instant (writers in WAL
//! mode carry on meanwhile) and comes out compact and defragmented.
//! PostgreSQL has its own tools for this (`pg_dump`, `pg_restore`).

use std::path::Path;

use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::sql_types::Text;

use crate::{AnyConnection, StoreError};

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error(
        "this is a PostgreSQL database: back it up with pg_dump and restore it with pg_restore (see the README)"
    )]
    Postgres,
    #[error("{0} already exists; choose a new file")]
    TargetExists(String),
    #[error("{0} is not empty; restore into a new database file")]
    TargetNotEmpty(String),
    #[error("{path} is not a Greenlight backup: {reason}")]
    NotABackup { path: String, reason: String },
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<diesel::result::Error> for BackupError {
    fn from(error: diesel::result::Error) -> Self {
        BackupError::Store(error.into())
    }
}

/// Writes a consistent copy of the database behind `conn` to `to`, a file
/// that must not exist yet, and checks the copy.
pub fn backup(conn: &mut AnyConnection, to: &Path) -> Result<(), BackupError> {
    let AnyConnection::Sqlite(conn) = conn else {
        return Err(BackupError::Postgres);
    };
    if to.exists() {
        return Err(BackupError::TargetExists(to.display().to_string()));
    }
    vacuum_into(conn, to)?;
    check(to)
}

/// Copies the backup `from` into `to`, a database file that does not exist
/// yet or is empty; the caller then migrates it to the current schema.
pub fn restore(from: &Path, to: &Path) -> Result<(), BackupError> {
    if std::fs::metadata(to).is_ok_and(|meta| meta.len() > 0) {
        return Err(BackupError::TargetNotEmpty(to.display().to_string()));
    }
    check(from)?;
    let mut source = open(from)?;
    if to.exists() {
        // VACUUM INTO refuses any existing file, even an empty one.
        std::fs::remove_file(to).map_err(|source| StoreError::DataDir {
            path: to.to_path_buf(),
            source,
        })?;
    }
    vacuum_into(&mut source, to)
}

fn vacuum_into(conn: &mut SqliteConnection, to: &Path) -> Result<(), BackupError> {
    diesel::sql_query("VACUUM INTO ?")
        .bind::<Text, _>(to.to_string_lossy())
        .execute(conn)?;
    Ok(())
}

fn open(path: &Path) -> Result<SqliteConnection, BackupError> {
    SqliteConnection::establish(&path.to_string_lossy()).map_err(|error| BackupError::NotABackup {
        path: path.display().to_string(),
        reason: error.to_string(),
    })
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    count: i64,
}

#[derive(QueryableByName)]
struct QuickCheck {
    #[diesel(sql_type = Text)]
    quick_check: String,
}

/// The file is an intact SQLite database that Greenlight's migrations made.
fn check(path: &Path) -> Result<(), BackupError> {
    let not_a_backup = |reason: String| BackupError::NotABackup {
        path: path.display().to_string(),
        reason,
    };
    if !path.is_file() {
        return Err(not_a_backup("no such file".to_owned()));
    }
    let mut conn = open(path)?;
    conn.batch_execute("PRAGMA query_only = ON;")?;
    let verdict: Vec<QuickCheck> = diesel::sql_query("PRAGMA quick_check")
        .load(&mut conn)
        .map_err(|error| not_a_backup(error.to_string()))?;
    if verdict.iter().any(|row| row.quick_check != "ok") {
        return Err(not_a_backup(
            verdict
                .into_iter()
                .map(|row| row.quick_check)
                .collect::<Vec<_>>()
                .join("; "),
        ));
    }
    let tables: Count = diesel::sql_query(
        "SELECT count(*) AS count FROM sqlite_master WHERE type = 'table' AND name IN ('__diesel_schema_migrations', 'users')",
    )
    .get_result(&mut conn)?;
    if tables.count < 2 {
        return Err(not_a_backup(
            "it has no Greenlight tables (users, __diesel_schema_migrations)".to_owned(),
        ));
    }
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::connection::{DatabaseUrl, PoolOptions, connect_pool};

    fn migrated(path: &Path) -> crate::Pool {
        let pool = connect_pool(
            &DatabaseUrl::Sqlite(path.to_path_buf()),
            &PoolOptions::default(),
        )
        .unwrap();
        crate::migrations::run_pending(&mut pool.get().unwrap()).unwrap();
        pool
    }

    #[test]
    fn a_backup_restores_into_a_new_file_only() {
        let dir = tempfile::tempdir().unwrap();
        let live = migrated(&dir.path().join("live.db"));
        let copy = dir.path().join("copy.db");
        backup(&mut live.get().unwrap(), &copy).unwrap();
        assert!(matches!(
            backup(&mut live.get().unwrap(), &copy),
            Err(BackupError::TargetExists(_))
        ));
        let restored = dir.path().join("restored.db");
        restore(&copy, &restored).unwrap();
        assert!(matches!(
            restore(&copy, &restored),
            Err(BackupError::TargetNotEmpty(_))
        ));
        let stray = dir.path().join("stray.txt");
        std::fs::write(&stray, "not a database at all, just words").unwrap();
        assert!(matches!(
            restore(&stray, &dir.path().join("other.db")),
            Err(BackupError::NotABackup { .. })
        ));
    }
}
