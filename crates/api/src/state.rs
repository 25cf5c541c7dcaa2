use std::sync::Arc;

use actix_web::web;
use greenlight_store::{AnyConnection, Pool, StoreError};

use crate::auth::JwtKeys;
use crate::error::ApiError;
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
    /// The month (1–12) on whose 1st the association's fiscal year starts.
    pub fiscal_year_start_month: u32,
    /// How many programs one partner may have waiting for review at once.
    pub partner_pending_limit: i64,
}

impl Default for ApiConfig {
    fn default() -> Self {
        Self {
            cors_origins: Vec::new(),
            auth_requests_per_minute: 30,
            auth_burst: 10,
            fiscal_year_start_month: 4,
            partner_pending_limit: 100,
        }
    }
}

#[derive(Debug, Clone)]
pub struct AppState {
    pub pool: Pool,
    pub jwt: JwtKeys,
    pub config: ApiConfig,
    /// The published catalogue in memory, shared by every worker.
    pub read_model: Arc<ReadModel>,
}

impl AppState {
    /// Runs `work` on the blocking pool with a connection, so diesel's
    /// synchronous calls never stall the async workers. A request waits for
    /// a free connection as long as the pool's `connect_timeout` (5 s by
    /// default), then answers 503.
    pub async fn db<T, F>(&self, work: F) -> Result<T, ApiError>
    where
        F: FnOnce(&mut AnyConnection) -> Result<T, ApiError> + Send + 'static,
        T: Send + 'static,
    {
        let pool = self.pool.clone();
        web::block(move || {
            let mut conn = pool.get().map_err(StoreError::from)?;
            work(&mut conn)
        })
        .await?
    }
}
