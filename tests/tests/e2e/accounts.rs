use greenlight_domain::Role;
use greenlight_tests::{Backend, Options, TestApp, e2e};
use serde_json::json;

e2e! {
    async fn registration_answers_the_new_individual(app) {
        let answer = app
            .client
            .post(
                "/api/v1/auth/register",
                None,
                &json!({"email": " Ada@Example.org ", "password": "correct horse battery", "display_name": "Ada"}),
            )
            .await;
        assert_eq!(answer.status, 201, "{}", answer.text);
        assert_eq!(answer.json["email"], "ada@example.org");
        assert_eq!(answer.json["role"], "individual");
        assert_eq!(answer.json["display_name"], "Ada");
        assert!(answer.json.get("password_hash").is_none());
        assert!(!answer.text.contains("argon2"));
    }

    async fn registering_an_existing_email_is_a_conflict(app) {
        app.register("ada@example.org").await;
        let again = app
            .client
            .post(
                "/api/v1/auth/register",
                None,
                &json!({"email": "ADA@example.org", "password": "another long password", "display_name": "Ada"}),
            )
            .await;
        again.assert_problem(409, "conflict");
    }

    async fn registration_names_every_invalid_field(app) {
        let answer = app
            .client
            .post(
                "/api/v1/auth/register",
                None,
                &json!({"email": "not-an-email", "password": "short", "display_name": "  "}),
            )
            .await;
        answer.assert_problem(422, "validation_failed");
        let fields: Vec<&str> = answer.json["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["field"].as_str().unwrap())
            .collect();
        assert_eq!(fields, ["email", "password", "display_name"]);
    }

    async fn registration_refuses_a_guessable_password_and_says_what_to_do(app) {
        for (password, display_name) in [
            ("aaaaaaaaaaaa", "Ada"),
            ("password1234", "Ada"),
            ("zorblaxquentinworth", "Zorblax Quentinworth"),
        ] {
            let answer = app
                .client
                .post(
                    "/api/v1/auth/register",
                    None,
                    &json!({"email": "zorblax@example.org", "password": password, "display_name": display_name}),
                )
                .await;
            answer.assert_problem(422, "validation_failed");
            assert_eq!(answer.json["errors"][0]["field"], "password", "{password}");
            let message = answer.json["errors"][0]["message"].as_str().unwrap();
            assert!(message.contains("too easy to guess") && message.contains("passphrase"), "{message}");
        }
        let strong = app
            .client
            .post(
                "/api/v1/auth/register",
                None,
                &json!({"email": "zorblax@example.org", "password": "zorblaxquentinworth", "display_name": "Z"}),
            )
            .await;
        assert_eq!(strong.status, 201, "strong when it is not the account's own name: {}", strong.text);
    }

    async fn sign_in_gives_a_bearer_token_that_identifies_the_user(app) {
        let (id, token) = app.register("ada@example.org").await;
        let me = app.client.get("/api/v1/me", Some(&token)).await;
        assert_eq!(me.status, 200, "{}", me.text);
        assert_eq!(me.json["id"], id.as_str());
        assert_eq!(me.json["email"], "ada@example.org");
    }

    async fn sign_in_answers_the_same_for_unknown_email_and_wrong_password(app) {
        app.register("ada@example.org").await;
        let wrong_password = app
            .client
            .post("/api/v1/auth/token", None, &json!({"email": "ada@example.org", "password": "not the password"}))
            .await;
        let unknown = app
            .client
            .post("/api/v1/auth/token", None, &json!({"email": "nobody@example.org", "password": "not the password"}))
            .await;
        wrong_password.assert_problem(401, "unauthorized");
        unknown.assert_problem(401, "unauthorized");
        assert_eq!(wrong_password.json["detail"], unknown.json["detail"]);
    }

    async fn token_response_has_the_documented_shape(app) {
        app.register("ada@example.org").await;
        let answer = app
            .client
            .post("/api/v1/auth/token", None, &json!({"email": "ada@example.org", "password": "a long enough password"}))
            .await;
        assert_eq!(answer.status, 200);
        assert_eq!(answer.json["token_type"], "Bearer");
        let expires_in = answer.json["expires_in"].as_u64().unwrap();
        assert!((15 * 60..=60 * 60).contains(&expires_in), "{expires_in}");
    }

    async fn me_requires_a_token(app) {
        app.client.get("/api/v1/me", None).await.assert_problem(401, "unauthorized");
        let answer = app.client.get("/api/v1/me", Some("not-a-token")).await;
        answer.assert_problem(401, "unauthorized");
        assert_eq!(answer.header("www-authenticate"), Some("Bearer"));
    }

    async fn me_answers_304_when_unchanged(app) {
        let (_, token) = app.register("ada@example.org").await;
        let first = app.client.get("/api/v1/me", Some(&token)).await;
        let etag = first.header("etag").unwrap().to_owned();
        let again = app
            .client
            .send(app.client.request(reqwest::Method::GET, "/api/v1/me").bearer_auth(&token).header("If-None-Match", &etag))
            .await;
        assert_eq!(again.status, 304);
        assert!(again.text.is_empty());
    }

    async fn personal_tokens_authenticate_until_revoked(app) {
        let (id, jwt) = app.register("ada@example.org").await;
        let created = app
            .client
            .post("/api/v1/me/tokens", Some(&jwt), &json!({"name": "sync script", "expires_in_days": 30}))
            .await;
        assert_eq!(created.status, 201, "{}", created.text);
        let secret = created.json["token"].as_str().unwrap().to_owned();
        assert!(secret.starts_with("glp_"));
        assert!(created.json["expires_at"].is_string());

        let me = app.client.get("/api/v1/me", Some(&secret)).await;
        assert_eq!(me.json["id"], id.as_str());

        let listed = app.client.get("/api/v1/me/tokens", Some(&jwt)).await;
        assert_eq!(listed.json["items"].as_array().unwrap().len(), 1);
        assert!(!listed.text.contains(&secret), "the secret is shown only once");

        let token_id = created.json["id"].as_str().unwrap();
        let revoked = app.client.delete(&format!("/api/v1/me/tokens/{token_id}"), Some(&jwt)).await;
        assert_eq!(revoked.status, 204);
        app.client.get("/api/v1/me", Some(&secret)).await.assert_problem(401, "unauthorized");
    }

    async fn another_users_token_cannot_be_revoked(app) {
        let (_, ada) = app.register("ada@example.org").await;
        let (_, bob) = app.register("bob@example.org").await;
        let created = app.client.post("/api/v1/me/tokens", Some(&ada), &json!({"name": "mine"})).await;
        let token_id = created.json["id"].as_str().unwrap();
        app.client
            .delete(&format!("/api/v1/me/tokens/{token_id}"), Some(&bob))
            .await
            .assert_problem(404, "not_found");
        let secret = created.json["token"].as_str().unwrap();
        assert_eq!(app.client.get("/api/v1/me", Some(secret)).await.status, 200);
    }

    async fn token_requests_are_validated(app) {
        let (_, jwt) = app.register("ada@example.org").await;
        let answer = app
            .client
            .post("/api/v1/me/tokens", Some(&jwt), &json!({"name": "", "expires_in_days": 0}))
            .await;
        answer.assert_problem(422, "validation_failed");
        assert_eq!(answer.json["errors"].as_array().unwrap().len(), 2);
    }

    async fn an_expired_personal_token_is_refused(app) {
        let (user_id, _) = app.user_with_role("old@example.org", Role::Individual);
        let secret = greenlight_api::auth::personal_token::generate();
        let mut conn = app.pool.get().unwrap();
        greenlight_store::api_tokens::create(
            &mut conn,
            &user_id,
            "expired",
            &greenlight_api::auth::personal_token::digest(&secret),
            Some(chrono::Utc::now() - chrono::Duration::minutes(1)),
        )
        .unwrap();
        app.client.get("/api/v1/me", Some(&secret)).await.assert_problem(401, "unauthorized");
    }

    async fn a_role_change_takes_effect_on_the_next_request(app) {
        let (id, jwt) = app.register("ada@example.org").await;
        let mut conn = app.pool.get().unwrap();
        greenlight_store::users::set_role(&mut conn, &id, Role::Member).unwrap();
        let me = app.client.get("/api/v1/me", Some(&jwt)).await;
        assert_eq!(me.json["role"], "member");
    }
}

#[actix_web::test]
async fn auth_endpoints_are_rate_limited_per_client() {
    let mut options = Options::default();
    options.config.auth_requests_per_minute = 1;
    options.config.auth_burst = 2;
    let app = TestApp::spawn_with(Backend::Sqlite, options).await.unwrap();
    let body = json!({"email": "nobody@example.org", "password": "whatever it is"});
    let mut statuses = Vec::new();
    for _ in 0..3 {
        statuses.push(app.client.post("/api/v1/auth/token", None, &body).await);
    }
    assert_eq!(statuses[0].status, 401);
    assert_eq!(statuses[1].status, 401);
    statuses[2].assert_problem(429, "rate_limited");
    let retry_after: u64 = statuses[2].header("retry-after").unwrap().parse().unwrap();
    assert!(retry_after >= 1);
    // Other endpoints are not limited.
    assert_eq!(app.client.get("/healthz", None).await.status, 200);
}
