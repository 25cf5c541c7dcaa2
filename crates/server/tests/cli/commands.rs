//! Each command on its own, as a staff script or a newcomer runs it.

use serde_json::json;

use super::{Server, backends, greenlight, me, run, sign_in};

#[tokio::test]
async fn a_token_printed_by_the_command_line_signs_requests_in() {
    for (database, data_dir) in backends() {
        let created = run(greenlight(&database, data_dir.path()).args([
            "user",
            "add",
            "--email",
            "Staff@Example.org",
            "--password",
            "saffron-tundra-pixel-harbour",
            "--role",
            "staff",
            "--name",
            "Staff",
        ]));
        assert!(created.contains("staff@example.org"), "{created}");
        let token = run(greenlight(&database, data_dir.path()).args([
            "token",
            "--email",
            "staff@example.org",
        ]));

        let server = Server::start(greenlight(&database, data_dir.path()), &[]);
        let client = reqwest::Client::new();
        let (status, signed_in) = me(&client, &server.base, token.trim()).await;
        assert_eq!(status, 200, "{signed_in}");
        assert_eq!(
            (&signed_in["email"], &signed_in["role"]),
            (&json!("staff@example.org"), &json!("staff"))
        );
        let (status, _) = me(&client, &server.base, &format!("{}x", token.trim())).await;
        assert_eq!(status, 401, "a token that is not the printed one");

        let refused = greenlight(&database, data_dir.path())
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

        let guessable = greenlight(&database, data_dir.path())
            .args([
                "user",
                "add",
                "--email",
                "y@example.org",
                "--password",
                "aaaaaaaaaaaa",
                "--role",
                "staff",
            ])
            .output()
            .unwrap();
        assert!(!guessable.status.success());
        let refusal = String::from_utf8_lossy(&guessable.stderr);
        assert!(
            refusal.contains("--password") && refusal.contains("too easy to guess"),
            "{refusal}"
        );
    }
}

/// The `role email password` lines under "Demo accounts".
fn printed_accounts(printed: &[String]) -> Vec<(String, String, String)> {
    printed
        .iter()
        .skip_while(|line| !line.starts_with("Demo accounts"))
        .skip(1)
        .take_while(|line| !line.trim().is_empty())
        .filter_map(|line| {
            let words: Vec<&str> = line.split_whitespace().collect();
            match words.as_slice() {
                [role, email, password] => {
                    Some((role.to_string(), email.to_string(), password.to_string()))
                }
                _ => None,
            }
        })
        .collect()
}

#[tokio::test]
async fn serve_demo_prints_accounts_that_sign_in_and_the_port_it_bound() {
    for (database, data_dir) in backends() {
        let mut command = greenlight(&database, data_dir.path());
        // Every printed account signs in below, more than the default burst;
        // info logs give the colour check below lines to look at.
        command
            .env("GREENLIGHT_AUTH_BURST", "100")
            .env("RUST_LOG", "info");
        let mut server = Server::start(command, &["--demo"]);
        let client = reqwest::Client::new();

        let accounts = printed_accounts(&server.printed);
        let roles: Vec<&str> = accounts.iter().map(|(role, _, _)| role.as_str()).collect();
        for role in ["staff", "partner", "member", "individual"] {
            assert!(roles.contains(&role), "no {role} in {:#?}", server.printed);
        }
        for (role, email, password) in &accounts {
            let token = sign_in(&client, &server.base, email, password)
                .await
                .unwrap_or_else(|status| panic!("{email} with the printed password: {status}"));
            let (_, signed_in) = me(&client, &server.base, &token).await;
            assert_eq!(signed_in["role"], role.as_str(), "{email}");
        }
        let respondents = server
            .printed
            .iter()
            .find(|line| line.contains("survey respondents"))
            .unwrap_or_else(|| panic!("no respondents in {:#?}", server.printed));
        let respondent_password = respondents.split_whitespace().last().unwrap();
        for number in ["01", "24"] {
            let email = format!("respondent-{number}@survey.example");
            assert!(respondents.contains(&email), "{respondents}");
            let signed_in = sign_in(&client, &server.base, &email, respondent_password).await;
            assert!(signed_in.is_ok(), "{email}: {signed_in:?}");
        }

        let token = server
            .printed
            .iter()
            .find_map(|line| line.strip_prefix("Staff personal API token (valid until revoked): "))
            .unwrap_or_else(|| panic!("no staff token in {:#?}", server.printed))
            .trim()
            .to_owned();
        let hints: Vec<&String> = server
            .printed
            .iter()
            .filter(|line| line.contains("http://"))
            .collect();
        assert!(hints.len() >= 4, "{hints:#?}");
        for hint in &hints {
            assert!(
                hint.contains(&server.base),
                "{hint} names another port than {}",
                server.base
            );
        }
        let (_, staff) = me(&client, &server.base, &token).await;
        assert_eq!(staff["role"], "staff");

        let status = server.terminate();
        assert!(
            status.success(),
            "graceful shutdown exits 0, got {status:?}"
        );
        let logged = server.stderr.lock().unwrap().clone();
        assert!(logged.contains("listening"), "{logged}");
        assert!(
            !logged.contains('\u{1b}'),
            "ANSI colour codes in piped logs: {logged:?}"
        );
    }
}

#[test]
fn seed_demo_loads_into_an_empty_database_only() {
    for (database, data_dir) in backends() {
        let first = run(greenlight(&database, data_dir.path()).args(["seed", "demo"]));
        assert!(first.contains("Demo loaded"), "{first}");
        assert!(first.contains("staff@greenlight.example"), "{first}");
        let second = run(greenlight(&database, data_dir.path()).args(["seed", "demo"]));
        assert!(second.contains("already holds data"), "{second}");
        assert!(!second.contains("Demo loaded"), "{second}");
    }
}

#[tokio::test]
async fn a_user_disabled_from_the_command_line_is_signed_out_at_once() {
    for (database, data_dir) in backends() {
        run(greenlight(&database, data_dir.path()).args([
            "user",
            "add",
            "--email",
            "ada@example.org",
            "--password",
            "saffron-tundra-pixel-harbour",
            "--role",
            "individual",
        ]));
        let token = run(greenlight(&database, data_dir.path()).args([
            "token",
            "--email",
            "ada@example.org",
        ]));
        let server = Server::start(greenlight(&database, data_dir.path()), &[]);
        let client = reqwest::Client::new();
        let (status, _) = me(&client, &server.base, token.trim()).await;
        assert_eq!(status, 200);

        let disabled = run(greenlight(&database, data_dir.path()).args([
            "user",
            "disable",
            "--email",
            "Ada@Example.org",
        ]));
        assert!(disabled.contains("disabled ada@example.org"), "{disabled}");
        let (status, body) = me(&client, &server.base, token.trim()).await;
        assert_eq!(
            status, 401,
            "the running server refuses the token at once: {body}"
        );

        let token_for_disabled = greenlight(&database, data_dir.path())
            .args(["token", "--email", "ada@example.org"])
            .output()
            .unwrap();
        assert!(!token_for_disabled.status.success());
        assert!(token_for_disabled.stdout.is_empty());
        assert!(String::from_utf8_lossy(&token_for_disabled.stderr).contains("is disabled"));

        let unknown = greenlight(&database, data_dir.path())
            .args(["user", "disable", "--email", "nobody@example.org"])
            .output()
            .unwrap();
        assert!(!unknown.status.success());
        assert!(String::from_utf8_lossy(&unknown.stderr).contains("no user"));
    }
}
