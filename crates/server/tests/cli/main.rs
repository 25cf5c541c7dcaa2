//! The `greenlight` binary as a newcomer and a staff script use it: spawned
//! for real, against a fresh database on each backend. `commands` drives the
//! commands one by one; `readme` follows the README's walkthroughs.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is the failure report

mod commands;
mod operations;
mod readme;

use std::io::{BufRead, BufReader, Read};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex, mpsc};
use std::time::Duration;

use greenlight_tests::{Backend, TestDatabase};
use serde_json::{Value, json};

const JWT_SECRET: &str = "cli-test-secret-cli-test-secret-cli-test";

/// The binary with the environment every test gives it: its own database,
/// data folder and signing secret.
fn greenlight(database: &TestDatabase, data_dir: &std::path::Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_greenlight"));
    command
        .env("DATABASE_URL", database.url())
        .env("GREENLIGHT_DATA_DIR", data_dir)
        .env("GREENLIGHT_JWT_SECRET", JWT_SECRET)
        .env("RUST_LOG", "warn");
    command
}

fn run(command: &mut Command) -> String {
    let output = command.output().unwrap();
    assert!(
        output.status.success(),
        "{command:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// A database of each backend configured here, each with a data folder.
fn backends() -> Vec<(TestDatabase, tempfile::TempDir)> {
    [Backend::Sqlite, Backend::Postgres]
        .into_iter()
        .filter_map(TestDatabase::create)
        .map(|database| (database, tempfile::tempdir().unwrap()))
        .collect()
}

/// A running `greenlight serve` on a port the system chose, with what it
/// printed. Killed if a test fails before stopping it.
struct Server {
    child: Child,
    /// `http://127.0.0.1:PORT`, read from the line `serve` prints.
    base: String,
    /// Everything printed on stdout up to and including that line.
    printed: Vec<String>,
    stderr: Arc<Mutex<String>>,
}

impl Server {
    fn start(mut command: Command, extra_args: &[&str]) -> Server {
        let mut child = command
            .args(["serve", "--bind", "127.0.0.1:0"])
            .args(extra_args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let mut stderr_pipe = child.stderr.take().unwrap();
        let stderr = Arc::new(Mutex::new(String::new()));
        let sink = Arc::clone(&stderr);
        std::thread::spawn(move || {
            let mut buffer = [0u8; 4096];
            while let Ok(read) = stderr_pipe.read(&mut buffer) {
                if read == 0 {
                    break;
                }
                sink.lock()
                    .unwrap()
                    .push_str(&String::from_utf8_lossy(&buffer[..read]));
            }
        });
        // Keep draining stdout: a closed pipe would fail the server's later prints.
        let (lines_tx, lines_rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                let _ = lines_tx.send(line);
            }
        });
        let mut printed = Vec::new();
        let base = loop {
            let line = lines_rx
                .recv_timeout(Duration::from_secs(60))
                .unwrap_or_else(|_| {
                    panic!(
                        "serve never said where it listens; it printed {printed:#?} and logged {}",
                        stderr.lock().unwrap()
                    )
                });
            printed.push(line.clone());
            if let Some(base) = line.strip_prefix("Serving on ") {
                break base.trim().to_owned();
            }
        };
        Server {
            child,
            base,
            printed,
            stderr,
        }
    }

    fn send_sigterm(&self) {
        let pid = self.child.id().to_string();
        assert!(
            Command::new("kill")
                .args(["-TERM", &pid])
                .status()
                .unwrap()
                .success()
        );
    }

    fn terminate(&mut self) -> std::process::ExitStatus {
        self.send_sigterm();
        self.child.wait().unwrap()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `GET /api/v1/me` with `token`: who the server says signed in.
async fn me(client: &reqwest::Client, base: &str, token: &str) -> (u16, Value) {
    let answer = client
        .get(format!("{base}/api/v1/me"))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    let status = answer.status().as_u16();
    (status, answer.json().await.unwrap())
}

/// Signs in with a password; the access token, or the status refusing it.
async fn sign_in(
    client: &reqwest::Client,
    base: &str,
    email: &str,
    password: &str,
) -> Result<String, u16> {
    let answer = client
        .post(format!("{base}/api/v1/auth/token"))
        .json(&json!({"email": email, "password": password}))
        .send()
        .await
        .unwrap();
    if answer.status() != 200 {
        return Err(answer.status().as_u16());
    }
    let body: Value = answer.json().await.unwrap();
    Ok(body["access_token"].as_str().unwrap().to_owned())
}
