//! Follows the README as a newcomer would: every ```` ```sh ```` block, in
//! order, in one bash session, against a fresh `greenlight serve --demo`, on
//! each backend. A step fails when a command exits non-zero, an HTTP answer
//! is not the status the README shows (or not 2xx where it shows none), the
//! printed JSON lacks what the README shows, or a variable assigned from a
//! command substitution comes out empty or `null`. The convention itself is
//! written in the README's Development section.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use serde_json::Value;

use super::{Server, backends, greenlight};

const README: &str = include_str!("../../../../README.md");
/// The address the README's commands are written for; the test's server
/// listens on a port of its own.
const README_BASE: &str = "http://127.0.0.1:8080";
/// The mail sink the README's Mail section starts; the test starts one on a
/// port of its own, writing into `mail` beside the steps, as the README's does.
const README_SMTP: &str = "smtp://127.0.0.1:1025";
const README_MAIL_DIR: &str = "mail";
const REQUIRE_TOOLS_VAR: &str = "GREENLIGHT_TEST_REQUIRE_README_TOOLS";
const EXPECTATION: &str = "# → ";

/// What the README shows after a command: its HTTP status, and what it prints.
#[derive(Debug, Clone, PartialEq)]
struct Expectation {
    status: u16,
    shows: Option<Shows>,
}

#[derive(Debug, Clone, PartialEq)]
enum Shows {
    /// Every field shown is in the printed JSON with this value.
    Json(Value),
    /// The printed text contains this.
    Text(String),
}

/// Commands up to an expectation (or the end of their block).
#[derive(Debug, Clone, PartialEq)]
struct Step {
    /// The line of README.md the step starts on.
    line: usize,
    script: String,
    expectation: Option<Expectation>,
    /// Variables the step assigns from a command substitution (`X=$(...)`).
    assigned: Vec<String>,
}

/// A shell block is fenced `sh` (run) or `sh unchecked` (shown only: it
/// builds, starts servers or needs Docker); any other shell fence is refused
/// so that no walkthrough escapes the check by its spelling.
fn block_is_checked(info: &str, line: usize) -> Option<bool> {
    match info.split_whitespace().collect::<Vec<_>>().as_slice() {
        ["sh"] => Some(true),
        ["sh", "unchecked"] => Some(false),
        [shell, ..] if ["sh", "bash", "shell", "console", "zsh"].contains(shell) => {
            panic!("README.md:{line}: fence shell blocks `sh` or `sh unchecked`, not `{info}`")
        }
        _ => None,
    }
}

fn assigned_variable(line: &str) -> Option<String> {
    let line = line.trim_start();
    let name: String = line
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    let starts_well = name.chars().next().is_some_and(|c| !c.is_ascii_digit());
    (starts_well && line[name.len()..].starts_with("=$(")).then_some(name)
}

fn expectation(text: &str, line: usize) -> Expectation {
    let (status, rest) = text.trim().split_once(' ').unwrap_or((text.trim(), ""));
    let status = status
        .parse()
        .unwrap_or_else(|_| panic!("README.md:{line}: `# → {text}` does not start with a status"));
    let rest = rest.trim();
    let shows = if rest.is_empty() {
        None
    } else if rest.starts_with(['{', '[']) {
        Some(Shows::Json(serde_json::from_str(rest).unwrap_or_else(
            |e| panic!("README.md:{line}: the JSON after the status does not parse: {e}"),
        )))
    } else {
        Some(Shows::Text(rest.to_owned()))
    };
    Expectation { status, shows }
}

/// The steps of every checked block, in README order.
fn steps(readme: &str) -> Vec<Step> {
    let mut steps = Vec::new();
    let mut in_block: Option<bool> = None;
    let mut current: Vec<(usize, &str)> = Vec::new();
    let mut pending: Option<(usize, String)> = None;
    let finish = |steps: &mut Vec<Step>,
                  current: &mut Vec<(usize, &str)>,
                  pending: Option<(usize, String)>| {
        let runs_something = current.iter().any(|(_, line)| {
            let line = line.trim();
            !line.is_empty() && !line.starts_with('#')
        });
        if let Some(line) = pending.as_ref().map(|(line, _)| *line)
            && !runs_something
        {
            panic!("README.md:{line}: an expectation with no command before it");
        }
        if runs_something {
            steps.push(Step {
                line: current[0].0,
                script: current
                    .iter()
                    .map(|(_, l)| *l)
                    .collect::<Vec<_>>()
                    .join("\n"),
                expectation: pending.map(|(line, text)| expectation(&text, line)),
                assigned: current
                    .iter()
                    .filter_map(|(_, l)| assigned_variable(l))
                    .collect(),
            });
        }
        current.clear();
    };
    for (index, line) in readme.lines().enumerate() {
        let number = index + 1;
        let fence = line.trim_start().strip_prefix("```");
        match (in_block, fence) {
            (None, Some(info)) => in_block = Some(block_is_checked(info, number).unwrap_or(false)),
            (Some(checked), Some(_)) => {
                if checked {
                    let last = pending.take();
                    finish(&mut steps, &mut current, last);
                }
                in_block = None;
            }
            (Some(true), None) => {
                if let Some(text) = line.strip_prefix(EXPECTATION) {
                    let previous = pending.replace((number, text.to_owned()));
                    assert!(
                        previous.is_none(),
                        "README.md:{number}: two expectations with no command between them"
                    );
                } else if let (Some((_, text)), Some(more)) =
                    (pending.as_mut(), line.strip_prefix("#  "))
                {
                    text.push(' ');
                    text.push_str(more.trim());
                } else {
                    if pending.is_some() {
                        let last = pending.take();
                        finish(&mut steps, &mut current, last);
                    }
                    current.push((number, line));
                }
            }
            _ => {}
        }
    }
    assert!(in_block.is_none(), "README.md ends inside a code block");
    steps
}

/// Every field of `expected` is in `actual` with a value it shows; arrays
/// have the same length and show element by element.
fn shows(expected: &Value, actual: &Value) -> bool {
    match (expected, actual) {
        (Value::Object(expected), Value::Object(actual)) => expected
            .iter()
            .all(|(key, value)| actual.get(key).is_some_and(|found| shows(value, found))),
        (Value::Array(expected), Value::Array(actual)) => {
            expected.len() == actual.len() && expected.iter().zip(actual).all(|(e, a)| shows(e, a))
        }
        _ => expected == actual,
    }
}

/// Records the status of every HTTP answer a step gets, whether curl runs
/// in a pipeline or a command substitution.
const PRELUDE: &str = r#"
set -u -o pipefail
curl() {
    local headers rc
    headers=$(mktemp)
    command curl --max-time 30 -D "$headers" "$@"
    rc=$?
    awk 'toupper($1) ~ /^HTTP\// { status = $2 } END { print status }' "$headers" >> "$GL_CALLS"
    rm -f "$headers"
    return $rc
}
"#;

/// One bash process that runs the steps in turn, so that what one step
/// defines the next can use.
struct Session {
    stdin: ChildStdin,
    done: Receiver<String>,
    dir: PathBuf,
    child: std::process::Child,
}

/// What running one step left behind.
struct Outcome {
    exit: String,
    stdout: String,
    stderr: String,
    statuses: Vec<String>,
    values: Vec<(String, String)>,
}

impl Session {
    /// In `dir`, with the environment of `greenlight` (its database, data
    /// folder and secret) and the `greenlight` command on the `PATH`, as a
    /// newcomer's shell beside their server has.
    fn start(dir: &Path, greenlight: &Command) -> Session {
        let mut shell = Command::new("bash");
        for (name, value) in greenlight.get_envs() {
            if let Some(value) = value {
                shell.env(name, value);
            }
        }
        let bin_dir = Path::new(greenlight.get_program())
            .parent()
            .unwrap()
            .to_path_buf();
        let path = std::env::var_os("PATH").unwrap_or_default();
        let path =
            std::env::join_paths(std::iter::once(bin_dir).chain(std::env::split_paths(&path)))
                .unwrap();
        let mut child = shell
            .env("PATH", path)
            .args(["--norc", "--noprofile"])
            .current_dir(dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (done_tx, done) = channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                let _ = done_tx.send(line);
            }
        });
        stdin.write_all(PRELUDE.as_bytes()).unwrap();
        Session {
            stdin,
            done,
            dir: dir.to_path_buf(),
            child,
        }
    }

    /// Runs one step; `Err` with what the step wrote on standard error when
    /// the shell itself stopped (`set -u` ends it at an unset variable).
    fn run(&mut self, number: usize, script: &str, assigned: &[String]) -> Result<Outcome, String> {
        let file = |suffix: &str| self.dir.join(format!("step-{number}.{suffix}"));
        std::fs::write(file("sh"), script).unwrap();
        let values: String = assigned
            .iter()
            .map(|name| {
                format!(
                    "printf '%s=%s\\n' {name} \"${{{name}-}}\" >> {}\n",
                    file("vars").display()
                )
            })
            .collect();
        let command = format!(
            "GL_CALLS={calls}; : > \"$GL_CALLS\"; : > {vars}\n\
             . {script} > {out} 2> {err}; echo $? > {exit}\n{values}echo step-{number}-done\n",
            calls = file("calls").display(),
            vars = file("vars").display(),
            script = file("sh").display(),
            out = file("out").display(),
            err = file("err").display(),
            exit = file("exit").display(),
        );
        let read = |suffix: &str| std::fs::read_to_string(file(suffix)).unwrap_or_default();
        let sent = self
            .stdin
            .write_all(command.as_bytes())
            .and_then(|()| self.stdin.flush());
        match sent.map(|()| self.done.recv_timeout(Duration::from_secs(120))) {
            Ok(Ok(finished)) => assert_eq!(finished, format!("step-{number}-done")),
            _ => return Err(read("err")),
        }
        Ok(Outcome {
            exit: read("exit").trim().to_owned(),
            stdout: read("out"),
            stderr: read("err"),
            statuses: read("calls").lines().map(str::to_owned).collect(),
            values: read("vars")
                .lines()
                .filter_map(|line| line.split_once('='))
                .map(|(name, value)| (name.to_owned(), value.to_owned()))
                .collect(),
        })
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Why the outcome differs from what the README shows, if it does.
fn mismatch(step: &Step, outcome: &Outcome) -> Option<String> {
    if outcome.exit != "0" {
        return Some(format!("the commands exited with status {}", outcome.exit));
    }
    if let Some((name, value)) = outcome
        .values
        .iter()
        .find(|(_, value)| value.is_empty() || value == "null")
    {
        return Some(format!("${name} came out {value:?}"));
    }
    let (last, earlier) = match outcome.statuses.split_last() {
        Some((last, earlier)) => (Some(last), earlier),
        None => (None, &[][..]),
    };
    let is_success = |status: &String| status.starts_with('2');
    if let Some(bad) = earlier.iter().find(|status| !is_success(status)) {
        return Some(format!(
            "an HTTP answer other than the last one was {bad:?}"
        ));
    }
    match (&step.expectation, last) {
        (None, Some(last)) if !is_success(last) => {
            return Some(format!(
                "answered {last:?} where the README shows no status"
            ));
        }
        (Some(expected), None) => {
            return Some(format!(
                "shows status {} but made no HTTP request",
                expected.status
            ));
        }
        (Some(expected), Some(last)) if *last != expected.status.to_string() => {
            return Some(format!(
                "answered {last:?}, the README shows {}",
                expected.status
            ));
        }
        _ => {}
    }
    match step.expectation.as_ref().and_then(|e| e.shows.as_ref()) {
        Some(Shows::Json(expected)) => {
            let printed: Result<Vec<Value>, _> =
                serde_json::Deserializer::from_str(&outcome.stdout)
                    .into_iter::<Value>()
                    .collect();
            match printed.ok().and_then(|values| values.last().cloned()) {
                Some(actual) if shows(expected, &actual) => {}
                Some(actual) => {
                    return Some(format!("printed {actual}, which does not show {expected}"));
                }
                None => return Some("printed no JSON".to_owned()),
            }
        }
        Some(Shows::Text(expected)) if !outcome.stdout.contains(expected.as_str()) => {
            return Some(format!("printed nothing containing {expected:?}"));
        }
        _ => {}
    }
    None
}

/// A running `greenlight mail-sink` on a port the system chose.
struct MailSink {
    child: std::process::Child,
    /// `smtp://127.0.0.1:PORT`, read from the line it prints.
    url: String,
}

impl MailSink {
    fn start(mut command: Command, dir: &Path) -> MailSink {
        let mut child = command
            .args(["mail-sink", "--bind", "127.0.0.1:0", "--dir"])
            .arg(dir)
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let url = line
            .strip_prefix("Receiving mail on ")
            .and_then(|rest| rest.split(',').next())
            .unwrap_or_else(|| panic!("mail-sink said {line:?}"))
            .to_owned();
        MailSink { child, url }
    }
}

impl Drop for MailSink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn tools_present() -> bool {
    let missing: Vec<&str> = ["bash", "curl", "jq"]
        .into_iter()
        .filter(|tool| {
            Command::new(tool)
                .arg("--version")
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .is_err()
        })
        .collect();
    if missing.is_empty() {
        return true;
    }
    let required = std::env::var(REQUIRE_TOOLS_VAR).is_ok_and(|value| value == "1");
    assert!(
        !required,
        "{REQUIRE_TOOLS_VAR}=1 but {missing:?} are not installed"
    );
    eprintln!("skipped: the README walkthroughs ({missing:?} not installed)");
    false
}

#[test]
fn every_readme_shell_block_answers_as_the_readme_shows() {
    let steps = steps(README);
    assert!(steps.len() > 20, "found only {} steps", steps.len());
    if !tools_present() {
        return;
    }
    for (database, data_dir) in backends() {
        let scratch = tempfile::tempdir().unwrap();
        let sink = MailSink::start(
            greenlight(&database, data_dir.path()),
            &scratch.path().join(README_MAIL_DIR),
        );
        let mut serve = greenlight(&database, data_dir.path());
        serve.env("GREENLIGHT_SMTP_URL", &sink.url);
        let server = Server::start(serve, &["--demo"]);
        let mut session = Session::start(scratch.path(), &greenlight(&database, data_dir.path()));
        for (number, step) in steps.iter().enumerate() {
            let script = step
                .script
                .replace(README_BASE, &server.base)
                .replace(README_SMTP, &sink.url);
            let outcome = session
                .run(number, &script, &step.assigned)
                .unwrap_or_else(|stderr| {
                    panic!(
                        "README.md:{}: the shell stopped running\n{}\n--- stderr\n{stderr}",
                        step.line, step.script
                    )
                });
            if let Some(problem) = mismatch(step, &outcome) {
                panic!(
                    "README.md:{} ({:?}): {problem}\n--- commands\n{}\n--- HTTP statuses {:?}\n--- stdout\n{}\n--- stderr\n{}",
                    step.line,
                    database.backend(),
                    step.script,
                    outcome.statuses,
                    outcome.stdout,
                    outcome.stderr
                );
            }
        }
    }
}

#[test]
fn the_readme_convention_reads_steps_and_what_they_show() {
    let readme = "intro\n```sh\nA=1\n# say hi\nX=$(curl -s $API/x | jq -r .id)\n# → 201 {\"a\":\n#   1}\ncurl -s $API/y\n```\n```sh unchecked\ncargo run\n```\n```sh\necho hi\n# → 200 hi\n```\n";
    let parsed = steps(readme);
    assert_eq!(parsed.len(), 3, "{parsed:#?}");
    assert_eq!(parsed[0].line, 3);
    assert_eq!(parsed[0].assigned, ["X"]);
    assert_eq!(
        parsed[0].expectation,
        Some(Expectation {
            status: 201,
            shows: Some(Shows::Json(serde_json::json!({"a": 1})))
        })
    );
    assert_eq!(
        (parsed[1].script.as_str(), &parsed[1].expectation),
        ("curl -s $API/y", &None)
    );
    assert_eq!(
        parsed[2].expectation,
        Some(Expectation {
            status: 200,
            shows: Some(Shows::Text("hi".to_owned()))
        })
    );

    let object = serde_json::json!({"a": 1, "b": [1, {"c": 2, "d": 3}], "e": null});
    assert!(shows(&serde_json::json!({"b": [1, {"c": 2}]}), &object));
    assert!(shows(&serde_json::json!({"e": null}), &object));
    assert!(
        !shows(&serde_json::json!({"b": [1]}), &object),
        "arrays show every element"
    );
    assert!(
        !shows(&serde_json::json!({"f": null}), &object),
        "an absent field is not null"
    );
    assert!(!shows(&serde_json::json!({"a": "1"}), &object));
}
