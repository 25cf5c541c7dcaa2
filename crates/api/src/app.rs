//! Assembles the HTTP server: middleware order, extractor configuration, the
//! fallback that tells 404 from 405, docs and metrics.

use std::net::TcpListener;
use std::time::Duration;

use actix_cors::Cors;
use actix_web::dev::{ResourceDef, Server, ServerHandle};
use actix_web::http::{Method, header};
use actix_web::middleware::{DefaultHeaders, ErrorHandlers, from_fn};
use actix_web::rt::signal;
use actix_web::{App, HttpRequest, HttpResponse, HttpServer, ResponseError, web};
use actix_web_prom::PrometheusMetricsBuilder;
use tracing_actix_web::TracingLogger;
use utoipa::openapi::OpenApi as Document;
use utoipa_actix_web::service_config::ServiceConfig;
use utoipa_swagger_ui::SwaggerUi;

use crate::error::{ApiError, Wording, problem_for_framework_errors};
use crate::state::{ApiConfig, AppState};
use crate::telemetry::{AccessLog, X_REQUEST_ID, request_context};
use crate::{http_cache, openapi, rate_limit, routes};

/// Every documented path with the methods it answers, so that a request
/// whose path exists but whose method does not gets 405 and `Allow`.
#[derive(Debug)]
struct RouteTable(Vec<(ResourceDef, Vec<String>)>);

impl RouteTable {
    fn from_document(document: &Document) -> Self {
        let routes = document
            .paths
            .paths
            .iter()
            .map(|(path, item)| {
                let methods = [
                    ("GET", item.get.is_some()),
                    ("POST", item.post.is_some()),
                    ("PUT", item.put.is_some()),
                    ("PATCH", item.patch.is_some()),
                    ("DELETE", item.delete.is_some()),
                ]
                .into_iter()
                .filter(|(_, present)| *present)
                .map(|(method, _)| method.to_owned())
                .collect();
                (ResourceDef::new(path.as_str()), methods)
            })
            .collect();
        RouteTable(routes)
    }

    fn allowed_methods(&self, path: &str) -> Option<Vec<String>> {
        self.0
            .iter()
            .find(|(def, _)| def.is_match(path))
            .map(|(_, methods)| methods.clone())
    }
}

async fn fallback(req: HttpRequest, table: web::Data<RouteTable>) -> HttpResponse {
    let error = match table.allowed_methods(req.path()) {
        Some(allow) if !allow.iter().any(|m| m == req.method().as_str()) => {
            ApiError::MethodNotAllowed { allow }
        }
        _ => ApiError::NotFound,
    };
    error.error_response()
}

fn cors(config: &ApiConfig) -> Cors {
    let cors = if config.cors_origins.iter().any(|origin| origin == "*") {
        Cors::default().allow_any_origin()
    } else {
        config
            .cors_origins
            .iter()
            .fold(Cors::default(), |cors, origin| cors.allowed_origin(origin))
    };
    cors.allowed_methods([
        Method::GET,
        Method::POST,
        Method::PUT,
        Method::PATCH,
        Method::DELETE,
    ])
    .allowed_headers([
        header::AUTHORIZATION,
        header::CONTENT_TYPE,
        header::ACCEPT,
        header::IF_NONE_MATCH,
        crate::idempotency::IDEMPOTENCY_KEY,
        X_REQUEST_ID,
    ])
    .expose_headers([
        header::ETAG,
        header::LINK,
        header::LOCATION,
        header::RETRY_AFTER,
        crate::idempotency::IDEMPOTENT_REPLAYED,
        X_REQUEST_ID,
    ])
    .max_age(3600)
}

/// `/docs` without the slash: the page's relative asset links only resolve
/// from `/docs/`.
async fn docs_without_slash() -> HttpResponse {
    HttpResponse::PermanentRedirect()
        .insert_header((header::LOCATION, "/docs/"))
        .finish()
}

/// Whether the path, once percent-decoded, holds a control character
/// (`%00`..`%1F`, `%7F`): no id or slug of this API does.
fn has_encoded_control(path: &str) -> bool {
    path.split('%').skip(1).any(|escape| {
        escape
            .get(..2)
            .and_then(|hex| u8::from_str_radix(hex, 16).ok())
            .is_some_and(|byte| byte < 0x20 || byte == 0x7f)
    })
}

/// 404 for a path with a control character in it, before any handler sees
/// it: a path segment reaches the database as an id, and PostgreSQL refuses
/// NUL in text with an error rather than finding nothing
/// (docs/api-conventions.md, "Text fields").
async fn printable_path(
    request: actix_web::dev::ServiceRequest,
    next: actix_web::middleware::Next<impl actix_web::body::MessageBody + 'static>,
) -> Result<actix_web::dev::ServiceResponse<actix_web::body::BoxBody>, actix_web::Error> {
    if has_encoded_control(request.path()) {
        let response = ApiError::NotFound.error_response();
        return Ok(request.into_response(response));
    }
    next.call(request)
        .await
        .map(|response| response.map_into_boxed_body())
}

/// How often the rate limiters forget clients whose allowance is full again.
const LIMITER_HOUSEKEEPING: Duration = Duration::from_secs(60);

/// Builds the server on an already-bound listener (port 0 in tests). The
/// returned future runs until the server is stopped through its handle
/// ([`stop_on_signal`] does that for the binary); it then drains
/// connections.
pub fn serve(listener: TcpListener, state: AppState, workers: usize) -> std::io::Result<Server> {
    serve_with(listener, state, workers, |_| {})
}

/// [`serve`] with `extra_routes` mounted behind the same middleware as every
/// endpoint, for tests that need a handler the product has no reason to
/// have: one that panics, say.
pub fn serve_with(
    listener: TcpListener,
    state: AppState,
    workers: usize,
    extra_routes: fn(&mut web::ServiceConfig),
) -> std::io::Result<Server> {
    let document = openapi::document();
    let route_table = web::Data::new(RouteTable::from_document(&document));
    let metrics = PrometheusMetricsBuilder::new("greenlight")
        .endpoint("/metrics")
        .mask_unmatched_patterns("UNMATCHED")
        .build()
        .map_err(std::io::Error::other)?;
    let auth_limit = routes::auth_rate_limit(&state.config)?;
    let subscribe_limit = state.subscribe_limit.clone();
    let housekept_auth_limit = auth_limit.clone();
    actix_web::rt::spawn(async move {
        let mut every = actix_web::rt::time::interval(LIMITER_HOUSEKEEPING);
        loop {
            every.tick().await;
            rate_limit::forget_idle_clients(&housekept_auth_limit);
            subscribe_limit.forget_idle_clients();
        }
    });
    let config = state.config.clone();
    // The read model loads at once and then follows other instances' writes.
    actix_web::rt::spawn(crate::read_model::follow(
        std::sync::Arc::downgrade(&state.read_model),
        state.pool.clone(),
    ));
    let state = web::Data::new(state);

    let server = HttpServer::new(move || {
        App::new()
            .app_data(state.clone())
            .app_data(route_table.clone())
            .app_data(web::QueryConfig::default().error_handler(|error, _| {
                ApiError::BadRequest(
                    Wording::of("detail-query-string", vec![])
                        .placing("message", Wording::untranslated(error.to_string())),
                )
                .into()
            }))
            .app_data(web::PathConfig::default().error_handler(|_, _| ApiError::NotFound.into()))
            // Innermost, so that a replayed answer leaves through every
            // other middleware (request id, CORS, problem rewriting) afresh.
            .wrap(from_fn(crate::idempotency::idempotency))
            // Outside CORS, so that its refusals are problems too.
            .wrap(cors(&config))
            .wrap(ErrorHandlers::new().default_handler(problem_for_framework_errors))
            // Outside the error handlers, so that every problem is put into
            // the answer's language, whoever made it.
            .wrap(from_fn(crate::language::localize))
            .wrap(metrics.clone())
            .wrap(TracingLogger::<AccessLog>::new())
            .wrap(from_fn(request_context))
            .wrap(from_fn(http_cache::no_store_for_personal))
            .wrap(from_fn(printable_path))
            // Outermost, so that every answer carries it, the framework's
            // own refusals included.
            .wrap(DefaultHeaders::new().add((header::X_CONTENT_TYPE_OPTIONS, "nosniff")))
            .configure(|cfg| routes::mount(&mut ServiceConfig::new(cfg), &auth_limit))
            .configure(extra_routes)
            .route("/docs", web::get().to(docs_without_slash))
            .service(SwaggerUi::new("/docs/{_:.*}").url("/openapi.json", document.clone()))
            .default_service(web::to(fallback))
    })
    .workers(workers.max(1))
    .shutdown_timeout(SHUTDOWN_TIMEOUT_SECS)
    .disable_signals()
    .listen(listener)?
    .run();
    Ok(server)
}

/// How long in-flight requests may take to finish once the server stops.
const SHUTDOWN_TIMEOUT_SECS: u64 = 30;

/// Waits for SIGTERM or SIGINT, then shuts down in order: `/readyz` answers
/// 503 at once, the server keeps serving for `drain_delay` (so that load
/// balancers see it and stop sending requests), then it stops accepting
/// connections and lets requests in flight finish.
pub async fn stop_on_signal(
    server: ServerHandle,
    state: AppState,
    drain_delay: Duration,
) -> std::io::Result<()> {
    let mut terminate = signal::unix::signal(signal::unix::SignalKind::terminate())?;
    tokio::select! {
        _ = terminate.recv() => {}
        _ = signal::ctrl_c() => {}
    }
    state.start_draining();
    tracing::info!(
        drain_delay_secs = drain_delay.as_secs_f64(),
        "shutting down: /readyz answers 503"
    );
    actix_web::rt::time::sleep(drain_delay).await;
    tracing::info!("no longer accepting connections; finishing requests in flight");
    server.stop(true).await;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::has_encoded_control;

    #[test]
    fn encoded_control_characters_are_found_in_any_case() {
        for path in ["/api/v1/programs/a%00b", "/x/%1f", "/x/%7F", "/x/%0A"] {
            assert!(has_encoded_control(path), "{path}");
        }
        for path in [
            "/api/v1/programs/caf%C3%A9",
            "/x/%20y",
            "/x/100%",
            "/x/%zz",
            "/x/%2",
        ] {
            assert!(!has_encoded_control(path), "{path}");
        }
    }
}
