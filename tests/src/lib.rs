//! The end-to-end test harness: a real server on a free port in front of a
//! fresh database per test, as zero-to-production's `spawn_app` does.
//!
//! Every scenario runs twice, on SQLite and PostgreSQL ([`e2e!`]). The
//! PostgreSQL run needs `GREENLIGHT_TEST_POSTGRES_URL`; without it the run
//! reports itself skipped, unless `GREENLIGHT_TEST_REQUIRE_POSTGRES=1` makes
//! the absence a failure.

pub mod catalogue;
pub mod client;
pub mod database;
pub mod receiver;
pub mod smtp;

use std::net::TcpListener;
use std::sync::Arc;
use std::time::Duration;

use greenlight_api::notifications::mailer::Mailer;
use greenlight_api::notifications::worker::{Worker, WorkerSettings};
use greenlight_api::read_model::ReadModel;
use greenlight_api::{ApiConfig, AppState, JwtKeys};
use greenlight_domain::{Email, Role};
use greenlight_store::{Pool, api_tokens};

pub use client::Client;
pub use database::{Backend, TestDatabase};

pub struct TestApp {
    pub address: String,
    pub backend: Option<Backend>,
    pub pool: Pool,
    pub client: Client,
    /// The server's read model, to look at what it holds.
    pub read_model: Arc<ReadModel>,
    /// The configuration the server runs with, for a worker beside it.
    pub config: ApiConfig,
    jwt_secret: Vec<u8>,
    server: actix_web::dev::ServerHandle,
    _database: Option<TestDatabase>,
}

/// Settings a test may change before the server starts.
pub struct Options {
    pub config: ApiConfig,
    pub workers: usize,
    /// Routes mounted behind the product's middleware (see
    /// `greenlight_api::serve_with`).
    pub extra_routes: fn(&mut actix_web::web::ServiceConfig),
}

impl Default for Options {
    fn default() -> Self {
        Options {
            // Generous, so that tests registering or subscribing many
            // addresses do not trip the limiters; the rate-limit tests set
            // their own.
            config: ApiConfig {
                auth_requests_per_minute: 60_000,
                auth_burst: 10_000,
                subscribe_requests_per_hour: 60_000,
                subscribe_burst: 10_000,
                public_url: "https://greenlight.test".to_owned(),
                // Webhook receivers run on a loopback port of the test.
                webhook_allow_private: true,
                ..ApiConfig::default()
            },
            workers: 2,
            extra_routes: |_| {},
        }
    }
}

impl TestApp {
    /// A server for `backend`, or `None` when the backend is not configured
    /// here and may be skipped.
    pub async fn spawn(backend: Backend) -> Option<TestApp> {
        Self::spawn_with(backend, Options::default()).await
    }

    pub async fn spawn_with(backend: Backend, options: Options) -> Option<TestApp> {
        let database = TestDatabase::create(backend)?;
        Some(Self::start(database.pool(), Some(database), options))
    }

    /// A server in front of `pool`; `database` is dropped with the app.
    pub fn start(pool: Pool, database: Option<TestDatabase>, options: Options) -> TestApp {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind a free port");
        let address = format!("http://{}", listener.local_addr().unwrap());
        let jwt_secret: Vec<u8> = uuid::Uuid::now_v7()
            .as_bytes()
            .iter()
            .chain(uuid::Uuid::new_v4().as_bytes())
            .copied()
            .collect();
        let read_model = Arc::new(ReadModel::new().unwrap());
        let config = options.config.clone();
        let state = AppState::new(
            pool.clone(),
            JwtKeys::new(&jwt_secret, Duration::from_secs(15 * 60)).unwrap(),
            config.clone(),
            read_model.clone(),
        );
        let server =
            greenlight_api::serve_with(listener, state, options.workers, options.extra_routes)
                .expect("server");
        let handle = server.handle();
        actix_web::rt::spawn(server);
        TestApp {
            config,
            client: Client::new(address.clone()),
            read_model,
            address,
            backend: database.as_ref().map(TestDatabase::backend),
            pool,
            jwt_secret,
            server: handle,
            _database: database,
        }
    }

    /// Opens every connection of the pool now. The pool opens connections
    /// lazily, so without this the first of several concurrent requests
    /// finishes while the others wait for new connections, and a test meant
    /// to make them race in the database sees them one after the other.
    pub fn warm_pool(&self) {
        let connections: Vec<_> = (0..self.pool.max_size())
            .map(|_| self.pool.get().expect("a connection"))
            .collect();
        drop(connections);
    }

    /// A delivery worker on this app's database that mails to `sink`.
    pub fn worker(&self, sink: &smtp::SmtpSink) -> Worker {
        self.worker_with(sink, WorkerSettings::default())
    }

    pub fn worker_with(&self, sink: &smtp::SmtpSink, settings: WorkerSettings) -> Worker {
        let mailer = Mailer::new(
            &sink.url(),
            "Greenlight <greenlight@greenlight.test>",
            &self.config.links(),
            4,
        )
        .unwrap();
        Worker::new(
            self.pool.clone(),
            self.config.clone(),
            self.read_model.clone(),
            Some(mailer),
            settings,
        )
    }

    /// One round of the worker's jobs, without mail: what a test that reads
    /// the outbox needs after a request that records news.
    pub async fn run_jobs(&self) {
        self.run_jobs_at(greenlight_store::ids::now()).await;
    }

    /// One round of the worker's jobs at `now`, without mail (webhooks are
    /// posted): a later `now` crosses a retry's delay without sleeping.
    pub async fn run_jobs_at(&self, now: chrono::DateTime<chrono::Utc>) {
        self.mail_less_worker().run_once(now).await.unwrap();
    }

    /// A worker on this app's database without a mailer.
    pub fn mail_less_worker(&self) -> Worker {
        Worker::new(
            self.pool.clone(),
            self.config.clone(),
            self.read_model.clone(),
            None,
            WorkerSettings::default(),
        )
    }

    pub fn jwt_secret(&self) -> &[u8] {
        &self.jwt_secret
    }

    /// Signs arbitrary claims with the server's own secret, to forge tokens
    /// that are genuine but wrong in one way (expired, other audience...).
    pub fn sign_claims(&self, claims: &serde_json::Value) -> String {
        jsonwebtoken::encode(
            &jsonwebtoken::Header::new(jsonwebtoken::Algorithm::HS256),
            claims,
            &jsonwebtoken::EncodingKey::from_secret(&self.jwt_secret),
        )
        .unwrap()
    }

    /// A user of `role` created directly in the store (as `greenlight user
    /// add` does) with a personal API token, returned as `(user id, token)`.
    pub fn user_with_role(&self, email: &str, role: Role) -> (String, String) {
        let mut conn = self.pool.get().unwrap();
        let email = Email::parse(email).unwrap();
        let user = greenlight_api::accounts::create_user(
            &mut conn,
            &email,
            "a long enough password",
            email.as_str(),
            role,
        )
        .unwrap();
        let token = greenlight_api::auth::personal_token::generate();
        api_tokens::create(
            &mut conn,
            &user.id,
            "test",
            &greenlight_api::auth::personal_token::digest(&token),
            None,
        )
        .unwrap();
        (user.id, token)
    }

    /// A member (made as [`TestApp::user_with_role`]) who represents a
    /// company in good standing until 2099, so that they hold the member
    /// privileges; returns `(user id, token)`.
    pub fn member(&self, email: &str) -> (String, String) {
        let (id, token) = self.user_with_role(email, Role::Member);
        let mut conn = self.pool.get().unwrap();
        let company = greenlight_store::companies::create(
            &mut conn,
            &greenlight_store::companies::CompanyFields {
                name: format!("{email} company"),
                province: greenlight_domain::Province::Bc,
                membership_expires_on: chrono::NaiveDate::from_ymd_opt(2099, 12, 31).unwrap(),
                website: None,
                genres: Vec::new(),
            },
        )
        .unwrap();
        greenlight_store::companies::add_representative(&mut conn, &company.id, &id).unwrap();
        (id, token)
    }

    pub fn staff(&self) -> String {
        self.user_with_role("staff@example.org", Role::Staff).1
    }

    /// Registers through the API and signs in; returns `(user id, JWT)`.
    pub async fn register(&self, email: &str) -> (String, String) {
        let password = "a long enough password";
        let registered = self
            .client
            .post(
                "/api/v1/auth/register",
                None,
                &serde_json::json!({"email": email, "password": password, "display_name": "Test User"}),
            )
            .await;
        assert_eq!(registered.status, 201, "{}", registered.text);
        let token = self
            .client
            .post(
                "/api/v1/auth/token",
                None,
                &serde_json::json!({"email": email, "password": password}),
            )
            .await;
        assert_eq!(token.status, 200, "{}", token.text);
        (
            registered.json["id"].as_str().unwrap().to_owned(),
            token.json["access_token"].as_str().unwrap().to_owned(),
        )
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        // Stop accepting and release the pool before the database is dropped.
        drop(self.server.stop(false));
    }
}

/// Declares end-to-end scenarios, each run once per backend:
///
/// ```ignore
/// e2e! {
///     async fn me_answers_the_caller(app) { ... }
/// }
/// ```
#[macro_export]
macro_rules! e2e {
    ($(async fn $name:ident($app:ident) $body:block)+) => {
        $(
            mod $name {
                #[allow(unused_imports)]
                use super::*;

                #[actix_web::test]
                async fn sqlite() {
                    let $app = $crate::TestApp::spawn($crate::Backend::Sqlite)
                        .await
                        .expect("SQLite is always available");
                    $body
                }

                #[actix_web::test]
                async fn postgres() {
                    let Some($app) = $crate::TestApp::spawn($crate::Backend::Postgres).await else {
                        return;
                    };
                    $body
                }
            }
        )+
    };
}
