//! What an operator relies on: a SIGTERM loses no acknowledged write and
//! turns `/readyz` to 503 first; a backup taken while the server writes
//! restores every write acknowledged before it.

use std::path::Path;
use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use greenlight_store::{DatabaseUrl, Pool, providers};
use greenlight_tests::{Backend, TestDatabase};

use super::{Server, backends, greenlight, run};

const STAFF_PASSWORD: &str = "saffron-tundra-pixel-harbour";

/// `greenlight serve` on a port the system chose, with a staff access token.
struct Served {
    server: Server,
    token: String,
}

fn serve_with_staff(database: &TestDatabase, data_dir: &Path, env: &[(&str, &str)]) -> Served {
    run(greenlight(database, data_dir).args([
        "user",
        "add",
        "--email",
        "staff@example.org",
        "--password",
        STAFF_PASSWORD,
        "--role",
        "staff",
    ]));
    let token = run(greenlight(database, data_dir).args(["token", "--email", "staff@example.org"]))
        .trim()
        .to_owned();
    let mut command = greenlight(database, data_dir);
    command.envs(env.iter().copied());
    Served {
        server: Server::start(command, &[]),
        token,
    }
}

type Acknowledged = Vec<(String, Instant)>;

/// Creates providers as staff until `stop` is set or the server is gone;
/// returns the id of every creation answered 201, with when it was answered,
/// and counts them in `count`.
async fn write_until(
    base: String,
    token: String,
    writer: usize,
    stop: Arc<AtomicBool>,
    count: Arc<AtomicUsize>,
) -> Acknowledged {
    let client = reqwest::Client::new();
    let mut acknowledged = Vec::new();
    for n in 0.. {
        if stop.load(Ordering::SeqCst) {
            break;
        }
        let sent = client
            .post(format!("{base}/api/v1/providers"))
            .bearer_auth(&token)
            .json(&serde_json::json!({"name": format!("Writer {writer} provider {n}"), "kind": "nonprofit"}))
            .send()
            .await;
        let Ok(response) = sent else {
            break;
        };
        if response.status() == 201 {
            let body: serde_json::Value = response.json().await.unwrap();
            acknowledged.push((body["id"].as_str().unwrap().to_owned(), Instant::now()));
            count.fetch_add(1, Ordering::SeqCst);
        }
    }
    acknowledged
}

fn missing_from(pool: &Pool, ids: &[(String, Instant)]) -> Vec<String> {
    let mut conn = pool.get().unwrap();
    ids.iter()
        .filter(|(id, _)| providers::find(&mut conn, id).is_err())
        .map(|(id, _)| id.clone())
        .collect()
}

/// Four concurrent writers against a served `greenlight`.
struct Writers {
    stop: Arc<AtomicBool>,
    count: Arc<AtomicUsize>,
    running: Vec<tokio::task::JoinHandle<Acknowledged>>,
}

impl Writers {
    fn start(served: &Served) -> Self {
        let stop = Arc::new(AtomicBool::new(false));
        let count = Arc::new(AtomicUsize::new(0));
        let running = (0..4)
            .map(|writer| {
                tokio::spawn(write_until(
                    served.server.base.clone(),
                    served.token.clone(),
                    writer,
                    stop.clone(),
                    count.clone(),
                ))
            })
            .collect();
        Writers {
            stop,
            count,
            running,
        }
    }

    /// Waits (polling) until `count` writes have been acknowledged in all.
    async fn until_acknowledged(&self, count: usize) {
        let started = Instant::now();
        while self.count.load(Ordering::SeqCst) < count {
            assert!(
                started.elapsed() < Duration::from_secs(60),
                "writes are not acknowledged"
            );
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }

    /// What every writer had acknowledged when it ended.
    async fn join(self) -> Acknowledged {
        let mut acknowledged = Vec::new();
        for writer in self.running {
            acknowledged.extend(writer.await.unwrap());
        }
        acknowledged
    }

    async fn stop(self) -> Acknowledged {
        self.stop.store(true, Ordering::SeqCst);
        self.join().await
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_with_writes_in_flight_keeps_every_acknowledged_write_and_readyz_turns_503_first() {
    for (database, data_dir) in backends() {
        let mut served = serve_with_staff(
            &database,
            data_dir.path(),
            &[("GREENLIGHT_SHUTDOWN_DRAIN_SECONDS", "2")],
        );
        let writers = Writers::start(&served);
        writers.until_acknowledged(20).await;

        served.server.send_sigterm();
        let client = reqwest::Client::new();
        let draining_seen = loop {
            match client
                .get(format!("{}/readyz", served.server.base))
                .send()
                .await
            {
                Ok(answer) if answer.status() == 503 => break Instant::now(),
                Ok(_) => tokio::time::sleep(Duration::from_millis(10)).await,
                Err(error) => panic!("the server stopped before /readyz answered 503: {error}"),
            }
        };
        let status = tokio::task::spawn_blocking(move || served.server.child.wait().unwrap())
            .await
            .unwrap();
        assert!(
            status.success(),
            "graceful shutdown exits 0, got {status:?}"
        );

        let acknowledged = writers.join().await;
        assert!(
            acknowledged.iter().any(|(_, at)| *at > draining_seen),
            "writes go on while /readyz answers 503"
        );
        assert_eq!(
            missing_from(&database.pool(), &acknowledged),
            Vec::<String>::new()
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_taken_under_concurrent_writes_restores_every_write_acknowledged_before_it() {
    let database = TestDatabase::create(Backend::Sqlite).unwrap();
    let data_dir = tempfile::tempdir().unwrap();
    let served = serve_with_staff(&database, data_dir.path(), &[]);
    let writers = Writers::start(&served);
    writers.until_acknowledged(20).await;

    let dir = tempfile::tempdir().unwrap();
    let backup = dir.path().join("backup.db");
    let backup_started = Instant::now();
    let backed_up = {
        let database_url = database.url();
        let backup = backup.clone();
        tokio::task::spawn_blocking(move || {
            Command::new(env!("CARGO_BIN_EXE_greenlight"))
                .env("DATABASE_URL", database_url)
                .env("RUST_LOG", "warn")
                .args(["backup", "--to", &backup.display().to_string()])
                .output()
                .unwrap()
        })
        .await
        .unwrap()
    };
    assert!(
        backed_up.status.success(),
        "{}",
        String::from_utf8_lossy(&backed_up.stderr)
    );
    writers.until_acknowledged(40).await;
    let acknowledged = writers.stop().await;
    let before_backup: Acknowledged = acknowledged
        .into_iter()
        .filter(|(_, at)| *at < backup_started)
        .collect();
    assert!(before_backup.len() >= 20);

    let restored = dir.path().join("restored.db");
    restore(&backup, &restored).unwrap();
    let pool = greenlight_store::connect_pool(
        &DatabaseUrl::Sqlite(restored.clone()),
        &greenlight_store::connection::PoolOptions::default(),
    )
    .unwrap();
    assert_eq!(missing_from(&pool, &before_backup), Vec::<String>::new());
    drop(pool);

    let again = restore(&backup, &restored).unwrap_err();
    assert!(again.contains("not empty"), "{again}");
}

/// `greenlight restore --from backup` into the SQLite file `into`; the
/// command's error output when it fails.
fn restore(backup: &Path, into: &Path) -> Result<(), String> {
    let output = Command::new(env!("CARGO_BIN_EXE_greenlight"))
        .env("DATABASE_URL", into.display().to_string())
        .env("RUST_LOG", "warn")
        .args(["restore", "--from", &backup.display().to_string()])
        .output()
        .unwrap();
    if output.status.success() {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&output.stderr).into_owned())
    }
}

#[test]
fn backup_and_restore_point_postgresql_to_its_own_tools() {
    let Some(database) = TestDatabase::create(Backend::Postgres) else {
        return;
    };
    let data_dir = tempfile::tempdir().unwrap();
    let target = data_dir.path().join("backup.db").display().to_string();
    for args in [["backup", "--to", &target], ["restore", "--from", &target]] {
        let output = greenlight(&database, data_dir.path())
            .args(args)
            .output()
            .unwrap();
        assert!(!output.status.success());
        let said = String::from_utf8_lossy(&output.stderr);
        assert!(
            said.contains("pg_dump") && said.contains("pg_restore"),
            "{said}"
        );
    }
}
