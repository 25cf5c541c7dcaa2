//! What the middleware does for every endpoint, through the real stack on
//! both backends: CORS, a panicking handler, an exhausted connection pool.

use std::time::Duration;

use actix_web::{HttpResponse, web};
use greenlight_api::{ApiConfig, ApiError, AppState};
use greenlight_store::connection::PoolOptions;
use greenlight_tests::client::Answer;
use greenlight_tests::{Backend, Options, TestApp, TestDatabase};
use reqwest::Method;

const ORIGIN: &str = "https://app.example.org";
const BACKENDS: [Backend; 2] = [Backend::Sqlite, Backend::Postgres];

fn allowing(origins: &[&str]) -> Options {
    let defaults = Options::default();
    Options {
        config: ApiConfig {
            cors_origins: origins.iter().map(|origin| (*origin).to_owned()).collect(),
            ..defaults.config
        },
        ..defaults
    }
}

async fn preflight(app: &TestApp, origin: &str, method: &str) -> Answer {
    app.client
        .send(
            app.client
                .request(Method::OPTIONS, "/api/v1/programs")
                .header("Origin", origin)
                .header("Access-Control-Request-Method", method)
                .header(
                    "Access-Control-Request-Headers",
                    "authorization, content-type",
                ),
        )
        .await
}

/// A browser's GET from `ORIGIN`.
async fn from_origin(app: &TestApp, path: &str) -> Answer {
    app.client
        .send(
            app.client
                .request(Method::GET, path)
                .header("Origin", ORIGIN),
        )
        .await
}

fn listed(answer: &Answer, header: &str) -> Vec<String> {
    answer
        .header(header)
        .unwrap_or_else(|| panic!("no {header} in {:?}", answer.headers))
        .split(',')
        .map(|value| value.trim().to_lowercase())
        .collect()
}

#[actix_web::test]
async fn cors_preflights_are_answered_for_allowed_origins_only() {
    for backend in BACKENDS {
        let Some(app) = TestApp::spawn_with(backend, allowing(&[ORIGIN])).await else {
            continue;
        };
        let allowed = preflight(&app, ORIGIN, "POST").await;
        allowed.assert_status(200);
        assert_eq!(allowed.header("access-control-allow-origin"), Some(ORIGIN));
        assert!(listed(&allowed, "access-control-allow-methods").contains(&"post".to_owned()));
        let headers = listed(&allowed, "access-control-allow-headers");
        assert!(
            headers.contains(&"authorization".to_owned())
                && headers.contains(&"content-type".to_owned()),
            "{headers:?}"
        );
        assert_eq!(allowed.header("access-control-max-age"), Some("3600"));

        let actual = from_origin(&app, "/api/v1/programs").await;
        actual.assert_status(200);
        assert_eq!(actual.header("access-control-allow-origin"), Some(ORIGIN));
        let exposed = listed(&actual, "access-control-expose-headers");
        for header in ["etag", "link", "x-request-id"] {
            assert!(
                exposed.contains(&header.to_owned()),
                "{header} not exposed: {exposed:?}"
            );
        }

        // A browser may read the errors an allowed origin gets.
        for path in ["/api/v1/me", "/api/v1/nowhere"] {
            let error = from_origin(&app, path).await;
            assert!(
                error.status == 401 || error.status == 404,
                "{path}: {}",
                error.status
            );
            assert_eq!(
                error.header("access-control-allow-origin"),
                Some(ORIGIN),
                "{path}"
            );
        }

        // Refusals are problems like every other error, and allow nothing.
        let elsewhere = preflight(&app, "https://evil.example", "POST").await;
        elsewhere.assert_problem(400, "bad_request");
        assert!(
            elsewhere.json["detail"]
                .as_str()
                .unwrap()
                .contains("Origin"),
            "{}",
            elsewhere.text
        );
        assert_eq!(elsewhere.header("access-control-allow-origin"), None);
        assert!(elsewhere.header("x-request-id").is_some());
        let other_method = preflight(&app, ORIGIN, "TRACE").await;
        other_method.assert_problem(400, "bad_request");
        assert_eq!(other_method.header("access-control-allow-origin"), None);
    }
}

#[actix_web::test]
async fn without_configured_origins_no_browser_may_call_across_origins() {
    for backend in BACKENDS {
        let Some(app) = TestApp::spawn(backend).await else {
            continue;
        };
        let refused = preflight(&app, ORIGIN, "GET").await;
        refused.assert_problem(400, "bad_request");
        assert_eq!(refused.header("access-control-allow-origin"), None);
        let read = from_origin(&app, "/api/v1/programs").await;
        assert_eq!(read.header("access-control-allow-origin"), None);
    }
}

const PANIC_MESSAGE: &str = "an internal detail that must not leak";

async fn panics() -> HttpResponse {
    panic!("{PANIC_MESSAGE}")
}

async fn panics_in_the_database(state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    state
        .db(|_| -> Result<(), ApiError> { panic!("{PANIC_MESSAGE}") })
        .await?;
    Ok(HttpResponse::Ok().finish())
}

fn panicking_routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/test/panic", web::get().to(panics)).route(
        "/test/panic-in-database",
        web::get().to(panics_in_the_database),
    );
}

#[actix_web::test]
async fn a_panicking_handler_answers_a_500_problem_and_the_server_lives_on() {
    for backend in BACKENDS {
        let options = Options {
            extra_routes: panicking_routes,
            ..Options::default()
        };
        let Some(app) = TestApp::spawn_with(backend, options).await else {
            continue;
        };
        for path in ["/test/panic", "/test/panic-in-database"] {
            for attempt in 0..4 {
                let request_id = format!("panic-{attempt}");
                let answer = app
                    .client
                    .send(
                        app.client
                            .request(Method::GET, path)
                            .header("X-Request-Id", &request_id),
                    )
                    .await;
                answer.assert_problem(500, "internal");
                assert_eq!(
                    answer.header("x-request-id"),
                    Some(request_id.as_str()),
                    "{path}"
                );
                assert!(
                    !answer.text.contains(PANIC_MESSAGE),
                    "{path} leaked: {}",
                    answer.text
                );
            }
        }
        // Every worker still serves: a panic took down no thread.
        for _ in 0..8 {
            app.client.get("/healthz", None).await.assert_status(200);
        }
    }
}

#[actix_web::test]
async fn an_exhausted_pool_answers_503_and_recovers() {
    for backend in BACKENDS {
        let Some(database) = TestDatabase::create(backend) else {
            continue;
        };
        let pool = database.pool_with(&PoolOptions {
            max_size: 2,
            connect_timeout: Duration::from_millis(300),
        });
        let app = TestApp::start(pool, Some(database), Options::default());
        let held: Vec<_> = (0..2).map(|_| app.pool.get().unwrap()).collect();
        let starved = app.client.get("/api/v1/companies", None).await;
        starved.assert_problem(503, "unavailable");
        assert!(starved.header("x-request-id").is_some());
        drop(held);
        app.client
            .get("/api/v1/companies", None)
            .await
            .assert_status(200);
    }
}
