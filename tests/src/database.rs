use std::io::Write;
use std::path::PathBuf;

use diesel::Connection;
use diesel::connection::SimpleConnection;
pub use greenlight_store::connection::Backend;
use greenlight_store::connection::PoolOptions;
use greenlight_store::{DatabaseUrl, Pool, connect_pool, migrations};

pub const POSTGRES_URL_VAR: &str = "GREENLIGHT_TEST_POSTGRES_URL";
pub const REQUIRE_POSTGRES_VAR: &str = "GREENLIGHT_TEST_REQUIRE_POSTGRES";

/// A migrated database of its own for one test: a temporary SQLite file, or
/// a fresh PostgreSQL schema that is dropped afterwards.
pub struct TestDatabase {
    url: DatabaseUrl,
    cleanup: Cleanup,
}

enum Cleanup {
    Sqlite(#[allow(dead_code)] tempfile::TempDir),
    Postgres { admin_url: String, schema: String },
}

impl TestDatabase {
    /// `None` when PostgreSQL is not configured and not required: the caller
    /// reports the test as skipped.
    pub fn create(backend: Backend) -> Option<TestDatabase> {
        let database = match backend {
            Backend::Sqlite => {
                let dir = tempfile::tempdir().expect("temporary directory");
                let path: PathBuf = dir.path().join("greenlight.db");
                TestDatabase {
                    url: DatabaseUrl::Sqlite(path),
                    cleanup: Cleanup::Sqlite(dir),
                }
            }
            Backend::Postgres => {
                let admin_url = postgres_url()?;
                let schema = format!("test_{}", uuid::Uuid::now_v7().simple());
                let mut admin = diesel::PgConnection::establish(&admin_url)
                    .unwrap_or_else(|e| panic!("{POSTGRES_URL_VAR} does not connect: {e}"));
                admin
                    .batch_execute(&format!("CREATE SCHEMA {schema}"))
                    .expect("create test schema");
                let separator = if admin_url.contains('?') { '&' } else { '?' };
                let url = format!("{admin_url}{separator}options=-csearch_path%3D{schema}");
                TestDatabase {
                    url: DatabaseUrl::Postgres(url),
                    cleanup: Cleanup::Postgres { admin_url, schema },
                }
            }
        };
        let pool = database.pool();
        migrations::run_pending(&mut pool.get().expect("connection")).expect("migrations");
        Some(database)
    }

    /// The `DATABASE_URL` a spawned `greenlight` process should use.
    pub fn url(&self) -> String {
        match &self.url {
            DatabaseUrl::Sqlite(path) => path.display().to_string(),
            DatabaseUrl::Postgres(url) => url.clone(),
        }
    }

    pub fn backend(&self) -> Backend {
        self.url.backend()
    }

    pub fn pool(&self) -> Pool {
        self.pool_with(&PoolOptions {
            max_size: 8,
            ..PoolOptions::default()
        })
    }

    pub fn pool_with(&self, options: &PoolOptions) -> Pool {
        connect_pool(&self.url, options).expect("test database pool")
    }
}

fn postgres_url() -> Option<String> {
    match std::env::var(POSTGRES_URL_VAR) {
        Ok(url) if !url.trim().is_empty() => Some(url),
        _ => {
            let required = std::env::var(REQUIRE_POSTGRES_VAR).is_ok_and(|v| v == "1");
            assert!(
                !required,
                "{REQUIRE_POSTGRES_VAR}=1 but {POSTGRES_URL_VAR} is not set"
            );
            // Once per test binary, and past libtest's output capture (which
            // only intercepts the print macros), so a plain `cargo test`
            // shows that the PostgreSQL half did not run.
            static NOTICE: std::sync::Once = std::sync::Once::new();
            NOTICE.call_once(|| {
                let _ = writeln!(
                    std::io::stderr(),
                    "skipped: PostgreSQL runs of these tests ({POSTGRES_URL_VAR} is not set)"
                );
            });
            None
        }
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        if let Cleanup::Postgres { admin_url, schema } = &self.cleanup
            && let Ok(mut admin) = diesel::PgConnection::establish(admin_url)
        {
            let _ = admin.batch_execute(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE"));
        }
    }
}
