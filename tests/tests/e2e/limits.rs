//! What abuse can cost is bounded: failed sign-ins per account, password
//! hashing, and the per-client limits, whose client address comes from
//! forwarding headers only when a trusted proxy wrote them.

use greenlight_api::maintenance;
use greenlight_tests::client::Answer;
use greenlight_tests::{Backend, Options, TestApp, e2e};
use serde_json::json;

const PASSWORD: &str = "a long enough password";

async fn sign_in(app: &TestApp, email: &str, password: &str) -> Answer {
    app.client
        .post(
            "/api/v1/auth/token",
            None,
            &json!({"email": email, "password": password}),
        )
        .await
}

fn retry_after(answer: &Answer) -> u64 {
    answer
        .header("retry-after")
        .unwrap_or_else(|| panic!("no Retry-After: {answer:?}"))
        .parse()
        .unwrap()
}

/// Each backend this machine has, with `options` made afresh for each.
async fn apps(options: impl Fn() -> Options) -> Vec<TestApp> {
    let mut apps = Vec::new();
    for backend in [Backend::Sqlite, Backend::Postgres] {
        if let Some(app) = TestApp::spawn_with(backend, options()).await {
            apps.push(app);
        }
    }
    apps
}

#[actix_web::test]
async fn failed_sign_ins_lock_one_account_from_every_address_until_the_window_passes() {
    let behind_a_proxy = || {
        let mut options = Options::default();
        options.config.trusted_proxies =
            greenlight_api::rate_limit::parse_trusted_proxies("127.0.0.0/8").unwrap();
        options
    };
    for app in apps(behind_a_proxy).await {
        app.register("ada@example.org").await;
        app.register("bob@example.org").await;
        for attempt in 0..10 {
            let answer = app
                .client
                .send(
                    app.client
                        .request(reqwest::Method::POST, "/api/v1/auth/token")
                        .header("X-Forwarded-For", format!("203.0.113.{attempt}"))
                        .json(&json!({"email": "ada@example.org", "password": "not the password"})),
                )
                .await;
            answer.assert_problem(401, "unauthorized");
        }
        let locked = sign_in(&app, "ada@example.org", PASSWORD).await;
        locked.assert_problem(429, "rate_limited");
        let wait = retry_after(&locked);
        assert!((1..=15 * 60 + 1).contains(&wait), "{wait}");
        assert_eq!(
            sign_in(&app, "bob@example.org", PASSWORD).await.status,
            200,
            "other accounts sign in"
        );

        // Once the failures are older than the window they are pruned and no
        // longer count.
        let later = greenlight_store::ids::now() + chrono::Duration::minutes(16);
        let window = Options::default().config.sign_in_failure_window;
        let pruned = maintenance::prune(&mut app.pool.get().unwrap(), later, window).unwrap();
        assert_eq!(pruned.sign_in_failures, 10);
        assert_eq!(sign_in(&app, "ada@example.org", PASSWORD).await.status, 200);
    }
}

e2e! {
    async fn unknown_emails_are_limited_alike_so_the_limit_reveals_no_account(app) {
        app.register("ada@example.org").await;
        for email in ["ada@example.org", "nobody@example.org"] {
            for _ in 0..10 {
                sign_in(&app, email, "not the password").await.assert_problem(401, "unauthorized");
            }
        }
        let known = sign_in(&app, "ada@example.org", "not the password").await;
        let unknown = sign_in(&app, "nobody@example.org", "not the password").await;
        known.assert_problem(429, "rate_limited");
        unknown.assert_problem(429, "rate_limited");
    }

    async fn a_successful_sign_in_clears_the_failures_before_it(app) {
        app.register("ada@example.org").await;
        for _ in 0..9 {
            sign_in(&app, "ada@example.org", "not the password").await.assert_problem(401, "unauthorized");
        }
        assert_eq!(sign_in(&app, "ada@example.org", PASSWORD).await.status, 200);
        for _ in 0..9 {
            sign_in(&app, "ada@example.org", "not the password").await.assert_problem(401, "unauthorized");
        }
        assert_eq!(sign_in(&app, "ada@example.org", PASSWORD).await.status, 200);
    }
}

#[actix_web::test]
async fn hashing_beyond_its_slots_and_queue_answers_503_with_retry_after() {
    let one_slot_no_queue = || {
        let mut options = Options::default();
        options.config.hashing_concurrency = 1;
        options.config.hashing_queue = 0;
        options
    };
    for app in apps(one_slot_no_queue).await {
        app.register("ada@example.org").await;
        let storm: Vec<_> = (0..8)
            .map(|_| sign_in(&app, "ada@example.org", PASSWORD))
            .collect();
        let answers = futures::future::join_all(storm).await;
        let refused: Vec<_> = answers.iter().filter(|a| a.status == 503).collect();
        assert!(
            answers.iter().all(|a| a.status == 200 || a.status == 503),
            "{answers:?}"
        );
        assert!(answers.iter().any(|a| a.status == 200), "{answers:?}");
        assert!(
            !refused.is_empty(),
            "8 at once, one slot: some must be refused"
        );
        for answer in refused {
            answer.assert_problem(503, "unavailable");
            assert_eq!(retry_after(answer), 1);
        }
        assert_eq!(app.client.get("/healthz", None).await.status, 200);
    }
}

fn strict_limits(trusted_proxies: &str) -> Options {
    let mut options = Options::default();
    options.config.auth_requests_per_minute = 1;
    options.config.auth_burst = 2;
    options.config.subscribe_requests_per_hour = 1;
    options.config.subscribe_burst = 2;
    options.config.trusted_proxies =
        greenlight_api::rate_limit::parse_trusted_proxies(trusted_proxies).unwrap();
    options
}

async fn sign_in_via(app: &TestApp, forwarded_for: &str) -> u16 {
    app.client
        .send(
            app.client
                .request(reqwest::Method::POST, "/api/v1/auth/token")
                .header("X-Forwarded-For", forwarded_for)
                .json(&json!({"email": "nobody@example.org", "password": "whatever it is"})),
        )
        .await
        .status
}

#[actix_web::test]
async fn behind_a_trusted_proxy_each_forwarded_client_has_its_own_limit() {
    for app in apps(|| strict_limits("127.0.0.0/8")).await {
        assert_eq!(sign_in_via(&app, "203.0.113.1").await, 401);
        assert_eq!(sign_in_via(&app, "203.0.113.1").await, 401);
        assert_eq!(sign_in_via(&app, "203.0.113.1").await, 429);
        assert_eq!(
            sign_in_via(&app, "203.0.113.2").await,
            401,
            "another client behind the proxy"
        );
        // A client cannot pass itself off as a proxy by adding hops: the
        // rightmost untrusted hop is the client.
        assert_eq!(sign_in_via(&app, "198.51.100.9, 203.0.113.1").await, 429);
    }
}

#[actix_web::test]
async fn forwarding_headers_from_an_untrusted_peer_are_ignored() {
    for app in apps(|| strict_limits("10.0.0.0/8")).await {
        assert_eq!(sign_in_via(&app, "203.0.113.1").await, 401);
        assert_eq!(sign_in_via(&app, "203.0.113.2").await, 401);
        assert_eq!(
            sign_in_via(&app, "203.0.113.3").await,
            429,
            "the peer is the client"
        );
    }
}

#[actix_web::test]
async fn subscribing_is_limited_per_client_and_confirming_is_not() {
    for app in apps(|| strict_limits("")).await {
        for email in ["a@example.org", "b@example.org"] {
            let accepted = app
                .client
                .post(
                    "/api/v1/subscriptions",
                    None,
                    &json!({"email": email, "topics": ["events"]}),
                )
                .await;
            assert_eq!(accepted.status, 202, "{}", accepted.text);
        }
        let limited = app
            .client
            .post(
                "/api/v1/subscriptions",
                None,
                &json!({"email": "c@example.org", "topics": ["events"]}),
            )
            .await;
        limited.assert_problem(429, "rate_limited");
        assert!(retry_after(&limited) >= 1);
        for _ in 0..3 {
            app.client
                .post(
                    "/api/v1/subscriptions/confirm",
                    None,
                    &json!({"token": "made-up"}),
                )
                .await
                .assert_problem(422, "validation_failed");
        }
    }
}
