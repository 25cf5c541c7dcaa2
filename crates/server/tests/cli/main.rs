//! The `greenlight` binary as a newcomer and a staff script use it: spawned
//! for real, against a fresh database on each backend.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is the failure report

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use greenlight_tests::{Backend, TestDatabase};

const JWT_SECRET: &str = "cli-test-secret-cli-test-secret-cli-test";

fn greenlight(database: &TestDatabase) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_greenlight"));
    command
        .env("DATABASE_URL", database.url())
        .env("GREENLIGHT_JWT_SECRET", JWT_SECRET)
        .env("RUST_LOG", "warn");
    command
}

fn run(database: &TestDatabase, args: &[&str]) -> String {
    let output = greenlight(database).args(args).output().unwrap();
    assert!(
        output.status.success(),
        "greenlight {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Kills the server if a test fails before stopping it.
struct Server(Child);

impl Server {
    fn terminate(&mut self) -> std::process::ExitStatus {
        let pid = self.0.id().to_string();
        assert!(
            Command::new("kill")
                .args(["-TERM", &pid])
                .status()
                .unwrap()
                .success()
        );
        self.0.wait().unwrap()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn backends() -> Vec<TestDatabase> {
    [Backend::Sqlite, Backend::Postgres]
        .into_iter()
        .filter_map(TestDatabase::create)
        .collect()
}

#[test]
fn user_add_then_token_prints_a_working_jwt() {
    for database in backends() {
        let created = run(
            &database,
            &[
                "user",
                "add",
                "--email",
                "Staff@Example.org",
                "--password",
                "a long enough password",
                "--role",
                "staff",
                "--name",
                "Staff",
            ],
        );
        assert!(created.contains("staff@example.org"), "{created}");
        let token = run(&database, &["token", "--email", "staff@example.org"]);
        assert_eq!(token.trim().split('.').count(), 3, "{token}");

        let refused = greenlight(&database)
            .args([
                "user",
                "add",
                "--email",
                "x@example.org",
                "--password",
                "short",
                "--role",
                "staff",
            ])
            .output()
            .unwrap();
        assert!(!refused.status.success());
        assert!(String::from_utf8_lossy(&refused.stderr).contains("--password"));
    }
}

#[tokio::test]
async fn serve_demo_answers_with_the_printed_token_and_stops_on_sigterm() {
    for database in backends() {
        let port = free_port();
        let mut child = greenlight(&database)
            .args(["serve", "--demo", "--bind", &format!("127.0.0.1:{port}")])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let mut server = Server(child);
        // Keep draining stdout: a closed pipe would fail the server's later prints.
        let (token_tx, token_rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(token) = line.trim().strip_prefix("staff token:") {
                    let _ = token_tx.send(token.trim().to_owned());
                }
            }
        });
        let token = token_rx
            .recv_timeout(Duration::from_secs(30))
            .expect("serve --demo prints a staff token");

        let client = reqwest::Client::new();
        let base = format!("http://127.0.0.1:{port}");
        let started = Instant::now();
        loop {
            let health = client.get(format!("{base}/healthz")).send().await;
            if health.is_ok_and(|r| r.status() == 200) {
                break;
            }
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "never became healthy"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let me: serde_json::Value = client
            .get(format!("{base}/api/v1/me"))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(me["role"], "staff");

        let status = server.terminate();
        assert!(
            status.success(),
            "graceful shutdown exits 0, got {status:?}"
        );
    }
}
