use greenlight_tests::{Options, TestApp, e2e};
use reqwest::Method;

e2e! {
    async fn healthz_and_readyz_answer_ok(app) {
        let health = app.client.get("/healthz", None).await;
        assert_eq!(health.status, 200);
        assert_eq!(health.json, serde_json::json!({"status": "ok"}));
        let ready = app.client.get("/readyz", None).await;
        assert_eq!(ready.status, 200, "{}", ready.text);
    }

    async fn every_response_carries_a_request_id(app) {
        let generated = app.client.get("/healthz", None).await;
        assert!(generated.header("x-request-id").is_some_and(|id| id.len() >= 32));
        let echoed = app
            .client
            .send(app.client.request(Method::GET, "/nowhere").header("X-Request-Id", "abc-123"))
            .await;
        assert_eq!(echoed.status, 404);
        assert_eq!(echoed.header("x-request-id"), Some("abc-123"));
        let unsafe_id = app
            .client
            .send(app.client.request(Method::GET, "/healthz").header("X-Request-Id", "has spaces and \"quotes\""))
            .await;
        assert_ne!(unsafe_id.header("x-request-id"), Some("has spaces and \"quotes\""));
    }

    async fn metrics_count_requests_per_route_and_status(app) {
        app.client.get("/healthz", None).await.assert_status(200);
        app.client.get("/api/v1/me", None).await.assert_status(401);
        let metrics = app.client.get("/metrics", None).await;
        assert_eq!(metrics.status, 200);
        let line = metrics
            .text
            .lines()
            .find(|line| line.starts_with("greenlight_http_requests_total") && line.contains("endpoint=\"/api/v1/me\"") && line.contains("status=\"401\""))
            .unwrap_or_else(|| panic!("no counter for /api/v1/me 401 in\n{}", metrics.text));
        assert!(line.ends_with(" 1"), "{line}");
        assert!(metrics.text.contains("greenlight_http_requests_duration_seconds_bucket"));
    }

    async fn the_served_openapi_document_is_the_committed_one(app) {
        let served = app.client.get("/openapi.json", None).await;
        assert_eq!(served.status, 200);
        let committed: serde_json::Value =
            serde_json::from_str(include_str!("../../../api-spec/openapi.json")).unwrap();
        assert_eq!(served.json, committed);
        assert_eq!(served.json["openapi"], "3.1.0");
    }

    async fn interactive_docs_are_served_without_the_internet(app) {
        let page = app.client.get("/docs/", None).await;
        assert_eq!(page.status, 200);
        assert!(page.header("content-type").unwrap().starts_with("text/html"));
        assert!(page.text.contains("swagger"), "{}", page.text);
        let bundle = app.client.get("/docs/swagger-ui-bundle.js", None).await;
        assert_eq!(bundle.status, 200);
    }

    async fn docs_without_the_slash_redirects_to_the_page(app) {
        let answer = app.client.get("/docs", None).await;
        assert_eq!(answer.status, 308, "{}", answer.text);
        assert_eq!(answer.header("location"), Some("/docs/"));
    }
}

#[actix_web::test]
async fn readyz_is_unavailable_when_the_database_does_not_answer() {
    let unreachable = greenlight_store::connection::lazy_pool(
        &greenlight_store::DatabaseUrl::parse("postgres://nobody@127.0.0.1:1/none"),
        &greenlight_store::connection::PoolOptions {
            max_size: 1,
            connect_timeout: std::time::Duration::from_millis(500),
        },
    );
    let app = TestApp::start(unreachable, None, Options::default());
    let answer = app.client.get("/readyz", None).await;
    answer.assert_problem(503, "unavailable");
}
