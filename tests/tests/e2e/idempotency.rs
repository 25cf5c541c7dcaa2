//! `Idempotency-Key` on POSTs: a retry replays the first answer and acts
//! once, another request under the same key is refused, and concurrent
//! requests with one key create one resource.

use greenlight_tests::TestApp;
use greenlight_tests::catalogue::{program, provider};
use greenlight_tests::client::Answer;
use greenlight_tests::e2e;
use reqwest::Method;
use serde_json::{Value, json};

async fn post_with_key(
    app: &TestApp,
    path: &str,
    token: Option<&str>,
    key: &str,
    body: &Value,
) -> Answer {
    let request = app
        .client
        .request(Method::POST, path)
        .header("Idempotency-Key", key)
        .json(body);
    let request = match token {
        Some(token) => request.bearer_auth(token),
        None => request,
    };
    app.client.send(request).await
}

async fn program_count(app: &TestApp, staff: &str) -> usize {
    let listing = app
        .client
        .get("/api/v1/programs?limit=100", Some(staff))
        .await;
    listing.assert_status(200);
    listing.json["items"].as_array().unwrap().len()
}

e2e! {
    async fn a_retried_post_replays_the_first_answer_and_creates_nothing_new(app) {
        let staff = app.staff();
        let provider_id = provider(&app, &staff, "Producers' Association", "association").await;
        let body = program(&provider_id, "Retry Lab");
        let first = post_with_key(&app, "/api/v1/programs", Some(&staff), "key-1", &body).await;
        first.assert_status(201);
        assert!(first.header("idempotent-replayed").is_none());
        let again = post_with_key(&app, "/api/v1/programs", Some(&staff), "key-1", &body).await;
        again.assert_status(201);
        assert_eq!(again.header("idempotent-replayed"), Some("true"));
        assert_eq!(again.json["id"], first.json["id"]);
        assert_eq!(again.text, first.text);
        assert_eq!(again.header("content-type"), Some("application/json"));
        assert!(again.header("x-request-id").is_some());
        assert_eq!(program_count(&app, &staff).await, 1);

        // Without a key, or with another one, the same body acts again
        // (and meets the slug's uniqueness).
        let fresh = post_with_key(&app, "/api/v1/programs", Some(&staff), "key-2", &body).await;
        fresh.assert_status(201);
        assert_ne!(fresh.json["id"], first.json["id"]);
    }

    async fn the_same_key_on_another_request_is_refused(app) {
        let staff = app.staff();
        let provider_id = provider(&app, &staff, "Producers' Association", "association").await;
        post_with_key(&app, "/api/v1/programs", Some(&staff), "key-1", &program(&provider_id, "One")).await.assert_status(201);
        let other = post_with_key(&app, "/api/v1/programs", Some(&staff), "key-1", &program(&provider_id, "Two")).await;
        other.assert_problem(422, "idempotency_mismatch");
        let elsewhere = post_with_key(&app, "/api/v1/providers", Some(&staff), "key-1", &program(&provider_id, "One")).await;
        elsewhere.assert_problem(422, "idempotency_mismatch");
        assert_eq!(program_count(&app, &staff).await, 1);
    }

    async fn keys_belong_to_their_caller(app) {
        let staff = app.staff();
        let provider_id = provider(&app, &staff, "Producers' Association", "association").await;
        let (_, partner) = app.user_with_role("partner@example.org", greenlight_domain::Role::Partner);
        let body = program(&provider_id, "Shared Key");
        let staffs = post_with_key(&app, "/api/v1/programs", Some(&staff), "same", &body).await;
        staffs.assert_status(201);
        // The partner's request under the same key is theirs: it acts, and
        // never sees the staff answer.
        let partners = post_with_key(&app, "/api/v1/programs", Some(&partner), "same", &body).await;
        partners.assert_status(201);
        assert_ne!(partners.json["id"], staffs.json["id"]);
        assert_eq!(partners.json["status"], "pending");
    }

    async fn answers_worth_retrying_are_not_kept_but_refusals_are(app) {
        let staff = app.staff();
        let refused = post_with_key(&app, "/api/v1/programs", Some(&staff), "k", &program("no-such-provider", "Lab")).await;
        refused.assert_problem(422, "validation_failed");
        let replayed = post_with_key(&app, "/api/v1/programs", Some(&staff), "k", &program("no-such-provider", "Lab")).await;
        replayed.assert_problem(422, "validation_failed");
        assert_eq!(replayed.header("idempotent-replayed"), Some("true"));
        post_with_key(&app, "/api/v1/programs", Some(&staff), "bad key", &json!({})).await.assert_problem(400, "bad_request");
        // A bad token is refused as without a key, and nothing is kept.
        post_with_key(&app, "/api/v1/programs", Some("not-a-token"), "k2", &json!({})).await.assert_problem(401, "unauthorized");
        // No token where one is required: 401, even under a key an anonymous
        // request used for something else.
        post_with_key(&app, "/api/v1/subscriptions", None, "shared", &json!({"email": "ada@example.org", "topics": ["new_programs"]})).await.assert_status(202);
        post_with_key(&app, "/api/v1/programs", None, "shared", &json!({})).await.assert_problem(401, "unauthorized");
    }

    async fn an_answer_holding_a_secret_is_not_replayed(app) {
        let staff = app.staff();
        let body = json!({"name": "nightly sync"});
        let first = post_with_key(&app, "/api/v1/me/tokens", Some(&staff), "token-key", &body).await;
        first.assert_status(201);
        assert!(first.json["token"].as_str().is_some_and(|secret| secret.starts_with("glp_")));
        let retried = post_with_key(&app, "/api/v1/me/tokens", Some(&staff), "token-key", &body).await;
        retried.assert_problem(409, "conflict");
        assert!(retried.json["detail"].as_str().unwrap().contains("shown only once"));
        let tokens = app.client.get("/api/v1/me/tokens", Some(&staff)).await;
        tokens.assert_status(200);
        let named: Vec<&Value> = tokens.json["items"].as_array().unwrap().iter().filter(|t| t["name"] == "nightly sync").collect();
        assert_eq!(named.len(), 1, "the retry created nothing");
    }

    async fn concurrent_requests_with_one_key_create_one_resource(app) {
        let options = greenlight_tests::Options { workers: 4, ..Default::default() };
        let app = TestApp::start(app.pool.clone(), None, options);
        let staff = app.staff();
        let provider_id = provider(&app, &staff, "Producers' Association", "association").await;
        let body = program(&provider_id, "Raced Lab");
        app.warm_pool();
        let answers = futures::future::join_all(
            (0..6).map(|_| post_with_key(&app, "/api/v1/programs", Some(&staff), "raced", &body)),
        )
        .await;
        for answer in &answers {
            answer.assert_status(201);
            assert_eq!(answer.json["id"], answers[0].json["id"]);
        }
        let replayed = answers.iter().filter(|a| a.header("idempotent-replayed").is_some()).count();
        assert_eq!(replayed, 5);
        assert_eq!(program_count(&app, &staff).await, 1);
    }

    async fn anonymous_posts_take_keys_too(app) {
        let body = json!({"email": "reader@example.org", "topics": ["new_programs"]});
        let first = post_with_key(&app, "/api/v1/subscriptions", None, "sub-1", &body).await;
        first.assert_status(202);
        let again = post_with_key(&app, "/api/v1/subscriptions", None, "sub-1", &body).await;
        again.assert_status(202);
        assert_eq!(again.header("idempotent-replayed"), Some("true"));
        let outbox = app.client.get("/api/v1/outbox", Some(&app.staff())).await;
        outbox.assert_status(200);
        assert_eq!(outbox.json["items"].as_array().unwrap().len(), 1);
    }
}
