//! Request ids, the access log and the last line of defence against panics.

use std::panic::AssertUnwindSafe;
use std::time::Instant;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::middleware::Next;
use actix_web::{Error, HttpMessage, ResponseError};
use futures_util::FutureExt;
use tracing::Span;
use tracing::field::Empty;
use tracing_actix_web::RootSpanBuilder;

use crate::error::ApiError;

pub const X_REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// The id that ties a response to its log lines: the caller's own
/// `X-Request-Id` when it is sane, a fresh UUIDv7 otherwise.
#[derive(Debug, Clone)]
pub struct RequestId(pub String);

#[derive(Debug, Clone, Copy)]
struct ReceivedAt(Instant);

fn acceptable_request_id(value: &HeaderValue) -> Option<String> {
    let text = value.to_str().ok()?;
    let sane = !text.is_empty()
        && text.len() <= 128
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_.:/+=".contains(&b));
    sane.then(|| text.to_owned())
}

/// The outermost middleware: assigns the request id, stamps it on every
/// response (errors and panics included), and turns a panicking handler into a
/// 500 problem instead of a dropped connection.
pub async fn request_context(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    let request_id = req
        .headers()
        .get(X_REQUEST_ID)
        .and_then(acceptable_request_id)
        .unwrap_or_else(|| uuid::Uuid::now_v7().to_string());
    req.extensions_mut().insert(RequestId(request_id.clone()));
    req.extensions_mut().insert(ReceivedAt(Instant::now()));

    // The request cannot be cloned before routing, so failures that never
    // became a response leave as errors that render themselves with the id.
    let outcome = AssertUnwindSafe(next.call(req)).catch_unwind().await;
    let mut response = match outcome {
        Ok(Ok(response)) => response,
        Ok(Err(error)) => {
            return Err(Stamped { error, request_id }.into());
        }
        Err(panic) => {
            let message = panic
                .downcast_ref::<&str>()
                .map(ToString::to_string)
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            tracing::error!(request_id = %request_id, panic = %message, "handler panicked");
            let error = ApiError::Internal("handler panicked".to_owned()).into();
            return Err(Stamped { error, request_id }.into());
        }
    };
    if let Ok(value) = HeaderValue::from_str(&request_id) {
        response.headers_mut().insert(X_REQUEST_ID, value);
    }
    Ok(response)
}

/// An error carried out of the middleware so that actix-web renders it with
/// the request id attached.
#[derive(Debug)]
struct Stamped {
    error: Error,
    request_id: String,
}

impl std::fmt::Display for Stamped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "request {} failed: {}", self.request_id, self.error)
    }
}

impl ResponseError for Stamped {
    fn status_code(&self) -> actix_web::http::StatusCode {
        self.error.as_response_error().status_code()
    }

    fn error_response(&self) -> actix_web::HttpResponse {
        let mut response = self.error.error_response();
        if let Ok(value) = HeaderValue::from_str(&self.request_id) {
            response.headers_mut().insert(X_REQUEST_ID, value);
        }
        response
    }
}

/// The fields of every request's span. The query string is left out on
/// purpose: it may carry personal data (an email in a filter, a token).
#[derive(Debug)]
pub struct AccessLog;

impl RootSpanBuilder for AccessLog {
    fn on_request_start(request: &ServiceRequest) -> Span {
        let request_id = request
            .extensions()
            .get::<RequestId>()
            .map(|id| id.0.clone())
            .unwrap_or_default();
        tracing::info_span!(
            "request",
            request_id = %request_id,
            method = %request.method(),
            path = %request.path(),
            route = Empty,
            status = Empty,
            latency_ms = Empty,
        )
    }

    fn on_request_end<B: MessageBody>(span: Span, outcome: &Result<ServiceResponse<B>, Error>) {
        let Ok(response) = outcome else {
            tracing::warn!(parent: &span, "request failed before a response was built");
            return;
        };
        let request = response.request();
        let status = response.status().as_u16();
        let latency_ms = request
            .extensions()
            .get::<ReceivedAt>()
            .map(|at| at.0.elapsed().as_secs_f64() * 1000.0)
            .unwrap_or_default();
        span.record("route", request.match_pattern().unwrap_or_default());
        span.record("status", status);
        span.record("latency_ms", latency_ms);
        if status >= 500 {
            tracing::error!(parent: &span, status, latency_ms, "request completed");
        } else {
            tracing::info!(parent: &span, status, latency_ms, "request completed");
        }
    }
}

#[cfg(test)]
mod tests {
    use actix_web::middleware::from_fn;
    use actix_web::{App, HttpResponse, test, web};

    use super::*;

    async fn panicking_handler() -> HttpResponse {
        panic!("a bug in a handler")
    }

    #[actix_web::test]
    async fn a_panicking_handler_answers_a_500_problem_with_the_request_id() {
        let app = test::init_service(
            App::new()
                .wrap(from_fn(request_context))
                .route("/boom", web::get().to(panicking_handler)),
        )
        .await;
        let request = test::TestRequest::get()
            .uri("/boom")
            .insert_header((X_REQUEST_ID, "req-42"))
            .to_request();
        let response = match test::try_call_service(&app, request).await {
            Ok(response) => response.into_parts().1.map_into_boxed_body(),
            Err(error) => error.error_response(),
        };
        assert_eq!(response.status(), 500);
        assert_eq!(
            response
                .headers()
                .get(X_REQUEST_ID)
                .and_then(|v| v.to_str().ok()),
            Some("req-42")
        );
        assert_eq!(
            response
                .headers()
                .get("content-type")
                .and_then(|v| v.to_str().ok()),
            Some("application/problem+json")
        );
        let body = actix_web::body::to_bytes(response.into_body())
            .await
            .unwrap_or_default();
        let problem: serde_json::Value = serde_json::from_slice(&body).unwrap_or_default();
        assert_eq!(problem["code"], "internal");
        assert!(
            !problem.to_string().contains("a bug in a handler"),
            "internals leaked"
        );
    }
}
