use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use actix_web::web;
use greenlight_store::{AnyConnection, Pool, StoreError};
use ipnet::IpNet;

use crate::auth::JwtKeys;
use crate::auth::password::Hashing;
use crate::error::ApiError;
use crate::notifications::Links;
use crate::rate_limit::{ClientAddress, PerClient, Rate};
use crate::read_model::ReadModel;

/// Settings the HTTP layer needs; the server binary fills them from the
/// environment.
#[derive(Debug, Clone)]
pub struct ApiConfig {
    /// Origins allowed to call the API from a browser; empty means none.
    pub cors_origins: Vec<String>,
    /// Requests per minute one client address may make to `/auth/*`.
    pub auth_requests_per_minute: u32,
    /// How many `/auth/*` requests may come at once before the rate applies.
    pub auth_burst: u32,
    /// Peers whose `Forwarded`/`X-Forwarded-For` name the client for the
    /// rate limits; nobody else's are read.
    pub trusted_proxies: Vec<IpNet>,
    /// Failed sign-ins one account may take within `sign_in_failure_window`
    /// before sign-in answers 429 for it, from every address.
    pub sign_in_failure_limit: u32,
    pub sign_in_failure_window: Duration,
    /// `POST /subscriptions` requests one client address may make per hour,
    /// and at once.
    pub subscribe_requests_per_hour: u32,
    pub subscribe_burst: u32,
    /// Password hashes run at once, and requests that may wait for one.
    pub hashing_concurrency: usize,
    pub hashing_queue: usize,
    /// The month (1–12) on whose 1st the association's fiscal year starts.
    pub fiscal_year_start_month: u32,
    /// How many programs one partner may have waiting for review at once.
    pub partner_pending_limit: i64,
    /// The absolute base of every link the service writes
    /// (`GREENLIGHT_PUBLIC_URL`).
    pub public_url: String,
    /// Whether webhooks may be `http://` and reach private, loopback and
    /// link-local addresses (`GREENLIGHT_WEBHOOK_ALLOW_PRIVATE`): for
    /// development and tests only.
    pub webhook_allow_private: bool,
}

impl Default for ApiConfig {
    fn default() -> Self {
        let hashing = Hashing::default_size();
        Self {
            cors_origins: Vec::new(),
            auth_requests_per_minute: 30,
            auth_burst: 10,
            trusted_proxies: Vec::new(),
            sign_in_failure_limit: 10,
            sign_in_failure_window: Duration::from_secs(15 * 60),
            subscribe_requests_per_hour: 20,
            subscribe_burst: 5,
            hashing_concurrency: hashing.0,
            hashing_queue: hashing.1,
            fiscal_year_start_month: 4,
            partner_pending_limit: 100,
            public_url: "http://127.0.0.1:8080".to_owned(),
            webhook_allow_private: false,
        }
    }
}

impl ApiConfig {
    pub fn clients(&self) -> ClientAddress {
        ClientAddress::new(self.trusted_proxies.clone())
    }

    pub fn auth_rate(&self) -> Rate {
        Rate::per(
            self.auth_requests_per_minute,
            Duration::from_secs(60),
            self.auth_burst,
        )
    }

    pub fn links(&self) -> Links {
        Links::new(&self.public_url)
    }

    pub fn subscribe_rate(&self) -> Rate {
        Rate::per(
            self.subscribe_requests_per_hour,
            Duration::from_secs(60 * 60),
            self.subscribe_burst,
        )
    }
}

#[derive(Debug, Clone)]
pub struct AppState {
    pub pool: Pool,
    pub jwt: JwtKeys,
    pub config: ApiConfig,
    /// The published catalogue in memory, shared by every worker.
    pub read_model: Arc<ReadModel>,
    pub hashing: Hashing,
    pub subscribe_limit: PerClient,
    draining: Arc<AtomicBool>,
}

impl AppState {
    pub fn new(pool: Pool, jwt: JwtKeys, config: ApiConfig, read_model: Arc<ReadModel>) -> Self {
        AppState {
            pool,
            jwt,
            read_model,
            hashing: Hashing::new(config.hashing_concurrency, config.hashing_queue),
            subscribe_limit: PerClient::new(config.subscribe_rate(), config.clients()),
            config,
            draining: Arc::new(AtomicBool::new(false)),
        }
    }

    /// Marks the instance as shutting down: `/readyz` answers 503 from now
    /// on, so that load balancers stop sending it new requests.
    pub fn start_draining(&self) {
        self.draining.store(true, Ordering::SeqCst);
    }

    pub fn is_draining(&self) -> bool {
        self.draining.load(Ordering::SeqCst)
    }

    /// Runs `work` on the blocking pool with a connection, so diesel's
    /// synchronous calls never stall the async workers. A request waits for
    /// a free connection as long as the pool's `connect_timeout` (5 s by
    /// default), then answers 503.
    pub async fn db<T, F>(&self, work: F) -> Result<T, ApiError>
    where
        F: FnOnce(&mut AnyConnection) -> Result<T, ApiError> + Send + 'static,
        T: Send + 'static,
    {
        run_blocking(&self.pool, work).await
    }
}

/// Runs `work` with a connection from `pool` on the blocking pool (see
/// [`AppState::db`]).
pub async fn run_blocking<T, F>(pool: &Pool, work: F) -> Result<T, ApiError>
where
    F: FnOnce(&mut AnyConnection) -> Result<T, ApiError> + Send + 'static,
    T: Send + 'static,
{
    let pool = pool.clone();
    web::block(move || {
        let mut conn = pool.get().map_err(StoreError::from)?;
        work(&mut conn)
    })
    .await?
}
