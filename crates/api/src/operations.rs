//! Probes for orchestrators: liveness and readiness.

use std::time::Duration;

use actix_web::{HttpResponse, get, web};
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::error::{ApiError, Wording};
use crate::openapi::problems::Unavailable;
use crate::state::AppState;

pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(healthz).service(readyz);
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"status": "ok"}))]
pub struct Health {
    pub status: &'static str,
}

/// Liveness: 200 while the process runs.
#[utoipa::path(tag = "operations", responses((status = 200, body = Health)))]
#[get("/healthz")]
async fn healthz() -> HttpResponse {
    HttpResponse::Ok().json(Health { status: "ok" })
}

/// A readiness probe must answer before the orchestrator's own timeout.
const READINESS_TIMEOUT: Duration = Duration::from_secs(2);

/// Readiness: 200 when the database answers, 503 when it does not or once
/// the instance has begun shutting down.
#[utoipa::path(tag = "operations", responses((status = 200, body = Health), (status = 503, response = Unavailable)))]
#[get("/readyz")]
async fn readyz(state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    if state.is_draining() {
        return Err(ApiError::Unavailable(Wording::of(
            "detail-shutting-down",
            vec![],
        )));
    }
    let pool = state.pool.clone();
    let answered = web::block(move || {
        pool.get_timeout(READINESS_TIMEOUT)
            .ok()
            .is_some_and(|mut conn| greenlight_store::connection::ping(&mut conn).is_ok())
    })
    .await?;
    if answered {
        Ok(HttpResponse::Ok().json(Health { status: "ok" }))
    } else {
        Err(ApiError::Unavailable(Wording::of(
            "detail-database-down",
            vec![],
        )))
    }
}
