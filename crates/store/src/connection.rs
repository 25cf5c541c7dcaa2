use std::path::{Path, PathBuf};
use std::time::Duration;

use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::r2d2::R2D2Connection;

use crate::StoreError;

/// One connection type over both backends; the pool manager below picks the
/// variant from the URL.
#[derive(diesel::MultiConnection)]
pub enum AnyConnection {
    Postgresql(diesel::PgConnection),
    Sqlite(diesel::SqliteConnection),
}

impl AnyConnection {
    pub fn backend(&self) -> Backend {
        match self {
            AnyConnection::Postgresql(_) => Backend::Postgres,
            AnyConnection::Sqlite(_) => Backend::Sqlite,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Where the data lives, parsed from `DATABASE_URL`: `postgres://…` (or
/// `postgresql://…`), `sqlite://path`, or a bare file path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DatabaseUrl {
    Sqlite(PathBuf),
    Postgres(String),
}

impl DatabaseUrl {
    pub const DEFAULT_SQLITE_PATH: &'static str = "./data/greenlight.db";

    pub fn parse(raw: &str) -> Self {
        if raw.starts_with("postgres://") || raw.starts_with("postgresql://") {
            return DatabaseUrl::Postgres(raw.to_owned());
        }
        let path = raw
            .strip_prefix("sqlite://")
            .or_else(|| raw.strip_prefix("sqlite:"))
            .unwrap_or(raw);
        DatabaseUrl::Sqlite(PathBuf::from(path))
    }

    pub fn backend(&self) -> Backend {
        match self {
            DatabaseUrl::Sqlite(_) => Backend::Sqlite,
            DatabaseUrl::Postgres(_) => Backend::Postgres,
        }
    }

    /// The folder that holds the SQLite file, where the dev JWT secret is kept too.
    pub fn data_dir(&self) -> Option<&Path> {
        match self {
            DatabaseUrl::Sqlite(path) => path.parent(),
            DatabaseUrl::Postgres(_) => None,
        }
    }

    /// Safe to log: a Postgres URL loses its password.
    pub fn redacted(&self) -> String {
        match self {
            DatabaseUrl::Sqlite(path) => format!("sqlite://{}", path.display()),
            DatabaseUrl::Postgres(url) => redact_password(url),
        }
    }
}

fn redact_password(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    match rest.split_once('@') {
        Some((credentials, host)) => {
            let user = credentials.split(':').next().unwrap_or_default();
            format!("{scheme}://{user}:***@{host}")
        }
        None => url.to_owned(),
    }
}

/// Opens connections for r2d2. Written by hand (as vaultwarden does) because the
/// derived `establish` tries each backend in turn and hides the real error.
#[derive(Debug, Clone)]
pub struct ConnectionManager {
    url: DatabaseUrl,
}

/// How long SQLite waits on a locked database before it gives up.
const SQLITE_BUSY_TIMEOUT: Duration = Duration::from_secs(10);

diesel::define_sql_function! {
    /// SQLite's built-in `lower` folds ASCII only; this one folds all of Unicode,
    /// like PostgreSQL's, so case-insensitive matches agree across backends.
    fn lower(x: diesel::sql_types::Text) -> diesel::sql_types::Text;
}

/// Creates the database file readable by its owner only, before SQLite
/// would create it world-readable under the usual umask. SQLite gives the
/// `-wal` and `-shm` files it creates later the mode of the database file,
/// so they are private too. An existing file is left as it is.
fn create_private(path: &std::path::Path) -> std::io::Result<()> {
    if path.as_os_str() == ":memory:" || path.exists() {
        return Ok(());
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    match options.open(path) {
        Ok(_) => Ok(()),
        // Another connection of the pool created it first.
        Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(error) => Err(error),
    }
}

fn open(url: &DatabaseUrl) -> Result<AnyConnection, ConnectionError> {
    match url {
        DatabaseUrl::Postgres(url) => {
            diesel::PgConnection::establish(url).map(AnyConnection::Postgresql)
        }
        DatabaseUrl::Sqlite(path) => {
            create_private(path).map_err(|error| {
                ConnectionError::BadConnection(format!("{}: {error}", path.display()))
            })?;
            let mut conn = diesel::SqliteConnection::establish(&path.to_string_lossy())?;
            conn.batch_execute(&format!(
                "PRAGMA foreign_keys = ON;
                 PRAGMA journal_mode = WAL;
                 PRAGMA synchronous = NORMAL;
                 PRAGMA busy_timeout = {};",
                SQLITE_BUSY_TIMEOUT.as_millis()
            ))
            .map_err(ConnectionError::CouldntSetupConfiguration)?;
            lower_utils::register_impl(&mut conn, |text: String| text.to_lowercase())
                .map_err(ConnectionError::CouldntSetupConfiguration)?;
            Ok(AnyConnection::Sqlite(conn))
        }
    }
}

impl diesel::r2d2::ManageConnection for ConnectionManager {
    type Connection = AnyConnection;
    type Error = diesel::r2d2::Error;

    fn connect(&self) -> Result<Self::Connection, Self::Error> {
        open(&self.url).map_err(diesel::r2d2::Error::ConnectionError)
    }

    fn is_valid(&self, conn: &mut Self::Connection) -> Result<(), Self::Error> {
        conn.ping().map_err(diesel::r2d2::Error::QueryError)
    }

    fn has_broken(&self, conn: &mut Self::Connection) -> bool {
        conn.is_broken()
    }
}

pub type Pool = diesel::r2d2::Pool<ConnectionManager>;
pub type PooledConnection = diesel::r2d2::PooledConnection<ConnectionManager>;

#[derive(Debug, Clone)]
pub struct PoolOptions {
    pub max_size: u32,
    /// How long a checkout waits for a free connection (or a new one to
    /// open) before it fails.
    pub connect_timeout: Duration,
}

impl Default for PoolOptions {
    fn default() -> Self {
        Self {
            max_size: 16,
            connect_timeout: Duration::from_secs(5),
        }
    }
}

/// Builds the pool and opens one connection eagerly, so a wrong URL or a
/// database that is down fails at start-up with the real error.
pub fn connect_pool(url: &DatabaseUrl, options: &PoolOptions) -> Result<Pool, StoreError> {
    if let Some(dir) = url.data_dir().filter(|dir| !dir.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|source| StoreError::DataDir {
            path: dir.to_path_buf(),
            source,
        })?;
    }
    // Fail fast with the backend's own words rather than r2d2's timeout.
    open(url).map_err(|source| StoreError::Connect {
        url: url.redacted(),
        source,
    })?;
    Ok(lazy_pool(url, options))
}

/// A pool that connects only when a connection is first asked for.
pub fn lazy_pool(url: &DatabaseUrl, options: &PoolOptions) -> Pool {
    diesel::r2d2::Pool::builder()
        .max_size(options.max_size)
        .min_idle(Some(0))
        .connection_timeout(options.connect_timeout)
        .test_on_check_out(false)
        .build_unchecked(ConnectionManager { url: url.clone() })
}

/// On SQLite, makes the current transaction a writer from its first
/// statement, as `BEGIN IMMEDIATE` would. A deferred transaction that reads
/// first cannot become a writer once another connection has committed since
/// its read began: SQLite answers "database is locked" at once, whatever the
/// busy timeout. Holding the write lock from the start makes such
/// read-modify-write transactions wait their turn instead. PostgreSQL needs
/// nothing of the kind.
pub fn claim_write_lock(conn: &mut AnyConnection) -> Result<(), StoreError> {
    if let AnyConnection::Sqlite(sqlite) = conn {
        sqlite.batch_execute("UPDATE __diesel_schema_migrations SET run_on = run_on WHERE 0")?;
    }
    Ok(())
}

/// Runs `work` in a transaction (a savepoint when already inside one) for
/// callers whose error type is not diesel's, such as the API's: `work`
/// failing rolls back and returns its own error unchanged. On SQLite the
/// transaction holds the write lock from its start ([`claim_write_lock`]):
/// the API's transactions read, then write.
pub fn transaction<T, E>(
    conn: &mut AnyConnection,
    work: impl FnOnce(&mut AnyConnection) -> Result<T, E>,
) -> Result<T, E>
where
    E: From<StoreError>,
{
    enum Failure<E> {
        Work(E),
        Database(diesel::result::Error),
    }
    impl<E> From<diesel::result::Error> for Failure<E> {
        fn from(error: diesel::result::Error) -> Self {
            Failure::Database(error)
        }
    }
    conn.transaction(|conn| {
        claim_write_lock(conn).map_err(|error| Failure::Work(error.into()))?;
        work(conn).map_err(Failure::Work)
    })
    .map_err(|failure| match failure {
        Failure::Work(error) => error,
        Failure::Database(error) => StoreError::from(error).into(),
    })
}

/// Runs `insert` in a savepoint and answers `Ok(false)` when it breaks a
/// unique constraint: the row is there already. The savepoint keeps the
/// duplicate from aborting a caller's transaction on PostgreSQL.
pub(crate) fn insert_unless_present(
    conn: &mut AnyConnection,
    insert: impl FnOnce(&mut AnyConnection) -> QueryResult<usize>,
) -> Result<bool, StoreError> {
    match conn.transaction(|conn| insert(conn).map_err(StoreError::from)) {
        Ok(_) => Ok(true),
        Err(StoreError::Conflict { .. }) => Ok(false),
        Err(other) => Err(other),
    }
}

/// Answers whether the database responds, for `/readyz`.
pub fn ping(conn: &mut AnyConnection) -> Result<(), StoreError> {
    conn.ping().map_err(StoreError::from)
}

/// `LIKE` pattern matching `needle` anywhere, its wildcards taken literally.
pub(crate) fn contains_pattern(needle: &str) -> String {
    let mut pattern = String::with_capacity(needle.len() + 2);
    pattern.push('%');
    for c in needle.to_lowercase().chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    pattern
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_pick_their_backend() {
        assert_eq!(
            DatabaseUrl::parse("postgres://u:p@h/db"),
            DatabaseUrl::Postgres("postgres://u:p@h/db".into())
        );
        assert_eq!(
            DatabaseUrl::parse("sqlite://data/x.db"),
            DatabaseUrl::Sqlite("data/x.db".into())
        );
        assert_eq!(
            DatabaseUrl::parse("./data/greenlight.db"),
            DatabaseUrl::Sqlite("./data/greenlight.db".into())
        );
    }

    #[test]
    fn redaction_hides_the_password() {
        let url = DatabaseUrl::parse("postgres://app:s3cret@db:5432/greenlight");
        assert_eq!(url.redacted(), "postgres://app:***@db:5432/greenlight");
    }
}
