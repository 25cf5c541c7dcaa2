//! Whatever a client sends, the answer is a problem+json 4xx, never a 500.

use chrono::Utc;
use greenlight_tests::e2e;
use jsonwebtoken::{Algorithm, EncodingKey, Header, encode};
use reqwest::Method;
use serde_json::json;

e2e! {
    async fn malformed_json_is_a_bad_request(app) {
        let answer = app
            .client
            .send(
                app.client
                    .request(Method::POST, "/api/v1/auth/register")
                    .header("content-type", "application/json")
                    .body(r#"{"email": "ada@example.org", "#),
            )
            .await;
        answer.assert_problem(400, "bad_request");
        assert!(answer.json["detail"].as_str().unwrap().contains("not valid JSON"));
    }

    async fn a_wrong_type_names_the_field(app) {
        let answer = app
            .client
            .post("/api/v1/auth/register", None, &json!({"email": 42, "password": "correct horse battery", "display_name": "Ada"}))
            .await;
        answer.assert_problem(422, "validation_failed");
        assert_eq!(answer.json["errors"][0]["field"], "email");
    }

    async fn a_missing_field_is_named(app) {
        let answer = app
            .client
            .post("/api/v1/auth/register", None, &json!({"email": "ada@example.org", "display_name": "Ada"}))
            .await;
        answer.assert_problem(422, "validation_failed");
        assert_eq!(answer.json["errors"][0]["field"], "password");
        assert_eq!(answer.json["errors"][0]["message"], "is required");
    }

    async fn an_unknown_field_is_refused_by_name(app) {
        let answer = app
            .client
            .post("/api/v1/auth/register", None, &json!({"email": "ada@example.org", "password": "correct horse battery", "display_name": "Ada", "role": "staff"}))
            .await;
        answer.assert_problem(422, "validation_failed");
        assert!(answer.json["errors"][0]["message"].as_str().unwrap().contains("role"));
    }

    async fn an_oversize_body_is_payload_too_large(app) {
        let padding = "x".repeat(100 * 1024);
        let answer = app
            .client
            .post("/api/v1/auth/register", None, &json!({"email": "ada@example.org", "password": padding, "display_name": "Ada"}))
            .await;
        answer.assert_problem(413, "payload_too_large");
    }

    async fn a_body_that_is_not_json_is_unsupported(app) {
        let answer = app
            .client
            .send(
                app.client
                    .request(Method::POST, "/api/v1/auth/token")
                    .header("content-type", "application/x-www-form-urlencoded")
                    .body("email=a&password=b"),
            )
            .await;
        answer.assert_problem(415, "unsupported_media_type");
    }

    async fn an_unknown_route_is_not_found(app) {
        app.client.get("/api/v1/no-such-thing", None).await.assert_problem(404, "not_found");
        app.client.get("/nowhere", None).await.assert_problem(404, "not_found");
    }

    async fn a_wrong_method_is_not_allowed_with_allow(app) {
        let answer = app.client.delete("/api/v1/auth/register", None).await;
        answer.assert_problem(405, "method_not_allowed");
        assert_eq!(answer.header("allow"), Some("POST"));
        let answer = app.client.put("/api/v1/me/tokens", None, &json!({})).await;
        answer.assert_problem(405, "method_not_allowed");
        assert_eq!(answer.header("allow"), Some("GET, POST"));
    }

    async fn an_expired_jwt_is_refused(app) {
        let (id, _) = app.register("ada@example.org").await;
        let now = Utc::now().timestamp();
        let token = app.sign_claims(&json!({
            "sub": id, "iat": now - 7200, "exp": now - 3600, "iss": "greenlight", "aud": "greenlight-api"
        }));
        app.client.get("/api/v1/me", Some(&token)).await.assert_problem(401, "unauthorized");
    }

    async fn a_tampered_jwt_is_refused(app) {
        let (_, token) = app.register("ada@example.org").await;
        let (_, other) = app.register("bob@example.org").await;
        // Bob's claims under Ada's signature.
        let mut parts: Vec<&str> = token.split('.').collect();
        parts[1] = other.split('.').nth(1).unwrap();
        app.client.get("/api/v1/me", Some(&parts.join("."))).await.assert_problem(401, "unauthorized");
    }

    async fn an_alg_none_jwt_is_refused(app) {
        use base64::Engine;
        let (id, _) = app.register("ada@example.org").await;
        let encode_part = |v: serde_json::Value| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(v.to_string());
        let now = Utc::now().timestamp();
        let token = format!(
            "{}.{}.",
            encode_part(json!({"alg": "none", "typ": "JWT"})),
            encode_part(json!({"sub": id, "iat": now, "exp": now + 600, "iss": "greenlight", "aud": "greenlight-api"}))
        );
        app.client.get("/api/v1/me", Some(&token)).await.assert_problem(401, "unauthorized");
    }

    async fn a_jwt_for_another_audience_is_refused(app) {
        let (id, _) = app.register("ada@example.org").await;
        let now = Utc::now().timestamp();
        let token = app.sign_claims(&json!({
            "sub": id, "iat": now, "exp": now + 600, "iss": "greenlight", "aud": "someone-else"
        }));
        app.client.get("/api/v1/me", Some(&token)).await.assert_problem(401, "unauthorized");
    }

    async fn a_jwt_signed_with_hs512_is_refused(app) {
        let (id, _) = app.register("ada@example.org").await;
        let now = Utc::now().timestamp();
        let claims = json!({"sub": id, "iat": now, "exp": now + 600, "iss": "greenlight", "aud": "greenlight-api"});
        let token = encode(&Header::new(Algorithm::HS512), &claims, &EncodingKey::from_secret(app.jwt_secret())).unwrap();
        app.client.get("/api/v1/me", Some(&token)).await.assert_problem(401, "unauthorized");
    }

    async fn a_jwt_for_a_deleted_user_is_refused(app) {
        let now = Utc::now().timestamp();
        let token = app.sign_claims(&json!({
            "sub": "0193a5a4-0000-7000-8000-000000000000", "iat": now, "exp": now + 600, "iss": "greenlight", "aud": "greenlight-api"
        }));
        app.client.get("/api/v1/me", Some(&token)).await.assert_problem(401, "unauthorized");
    }

    async fn a_non_bearer_authorization_is_refused(app) {
        let answer = app
            .client
            .send(app.client.request(Method::GET, "/api/v1/me").basic_auth("ada", Some("pw")))
            .await;
        answer.assert_problem(401, "unauthorized");
    }
}
