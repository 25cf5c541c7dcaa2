//! `Idempotency-Key` on every POST (docs/partners.md, Retrying a POST
//! safely): the first answer to a key is kept for [`KEEP_FOR`], and a retry
//! with the same key and request gets that answer again without acting
//! again; the same key on another request answers 422
//! `idempotency_mismatch`. Keys belong to the caller (the signed-in user,
//! or every anonymous caller together), so nobody can replay someone else's
//! answer by guessing their key.
//!
//! A request claims its key in the database before the handler runs, so of
//! two concurrent requests with one key exactly one acts, on any instance;
//! the other waits for its answer (up to [`WAIT_FOR`], then 409).

use std::panic::AssertUnwindSafe;
use std::time::Duration;

use actix_web::body::{BoxBody, MessageBody, to_bytes};
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::http::{Method, StatusCode, header};
use actix_web::middleware::Next;
use actix_web::{Error, HttpMessage, HttpResponse, ResponseError, web};
use futures_util::FutureExt;
use greenlight_store::idempotency_keys::{self, Claim, StoredAnswer};
use sha2::{Digest, Sha256};

use crate::auth::MaybeCaller;
use crate::error::{ApiError, Wording};
use crate::state::AppState;

pub const IDEMPOTENCY_KEY: header::HeaderName = header::HeaderName::from_static("idempotency-key");

/// Marks an answer that was replayed rather than produced again.
pub const IDEMPOTENT_REPLAYED: header::HeaderName =
    header::HeaderName::from_static("idempotent-replayed");

/// How long a key's first answer is kept (the contract's 24 hours).
pub const KEEP_FOR: chrono::Duration = chrono::Duration::hours(24);

/// How long a request waits for a concurrent one with the same key.
const WAIT_FOR: Duration = Duration::from_secs(10);
const POLL_EVERY: Duration = Duration::from_millis(25);

/// The longest key accepted (the IETF draft suggests UUIDs; 255 leaves
/// room for any scheme).
const MAX_KEY_LENGTH: usize = 255;

/// Fields of an answer that hold a secret shown once (a personal API token,
/// an access token, a webhook's signing secret). The database never keeps a
/// secret in the clear, so such an answer is not replayed: a retry learns
/// with 409 that the first request acted (a token that will not be shown
/// again was created), instead of an answer missing its secret.
const SECRET_FIELDS: [&str; 3] = ["token", "access_token", "secret"];

/// The answer's body as kept: its top-level secrets nulled.
fn without_secrets(body: String) -> String {
    let Ok(serde_json::Value::Object(mut object)) = serde_json::from_str(&body) else {
        return body;
    };
    let mut redacted = false;
    for field in SECRET_FIELDS {
        if let Some(value) = object.get_mut(field).filter(|value| value.is_string()) {
            *value = serde_json::Value::Null;
            redacted = true;
        }
    }
    if !redacted {
        return body;
    }
    serde_json::to_string(&object).unwrap_or_default()
}

/// Answers that are not kept: the request may well succeed if tried again.
fn worth_retrying(status: StatusCode) -> bool {
    status.is_server_error() || status == StatusCode::TOO_MANY_REQUESTS
}

fn parse_key(raw: &header::HeaderValue) -> Result<String, ApiError> {
    let key = raw.to_str().ok().map(str::trim).unwrap_or_default();
    let printable = key.bytes().all(|b| (0x21..=0x7e).contains(&b));
    if key.is_empty() || key.len() > MAX_KEY_LENGTH || !printable {
        return Err(ApiError::BadRequest(Wording::of(
            "detail-idempotency-key-shape",
            vec![("max", MAX_KEY_LENGTH.to_string())],
        )));
    }
    Ok(key.to_owned())
}

/// What tells a retry from another request: method, path, query and body.
fn fingerprint(req: &ServiceRequest, body: &[u8]) -> String {
    let mut digest = Sha256::new();
    for part in [
        req.method().as_str().as_bytes(),
        req.path().as_bytes(),
        req.query_string().as_bytes(),
        body,
    ] {
        digest.update((part.len() as u64).to_be_bytes());
        digest.update(part);
    }
    hex::encode(digest.finalize())
}

fn replay(answer: StoredAnswer) -> Result<HttpResponse, ApiError> {
    if withheld_secret(&answer.body) {
        return Err(ApiError::Conflict(Wording::of(
            "detail-idempotency-secret-withheld",
            vec![],
        )));
    }
    let status = StatusCode::from_u16(answer.status).unwrap_or(StatusCode::OK);
    let mut response = HttpResponse::build(status);
    response.insert_header((IDEMPOTENT_REPLAYED, "true"));
    if let Some(content_type) = answer.content_type {
        response.insert_header((header::CONTENT_TYPE, content_type));
    }
    if let Some(location) = answer.location {
        response.insert_header((header::LOCATION, location));
    }
    Ok(response.body(answer.body))
}

/// Whether the kept answer is one [`without_secrets`] emptied: a live
/// answer never carries a secret field as `null`.
fn withheld_secret(body: &str) -> bool {
    let Ok(serde_json::Value::Object(object)) = serde_json::from_str(body) else {
        return false;
    };
    SECRET_FIELDS
        .iter()
        .any(|field| object.get(*field).is_some_and(serde_json::Value::is_null))
}

/// The answer kept for the first request, once it has one, or the refusal
/// of a request that reuses the key for something else.
async fn await_answer(
    state: &AppState,
    scope: &str,
    key: &str,
    fingerprint: &str,
    first: Claim,
) -> Result<Option<HttpResponse>, ApiError> {
    let deadline = std::time::Instant::now() + WAIT_FOR;
    let mut held = Some(first);
    loop {
        match held {
            None | Some(Claim::Won) => return Ok(None),
            Some(Claim::Taken {
                fingerprint: ref theirs,
                ..
            }) if theirs != fingerprint => return Err(ApiError::IdempotencyMismatch),
            Some(Claim::Taken {
                answer: Some(answer),
                ..
            }) => return replay(answer).map(Some),
            Some(Claim::Taken { answer: None, .. }) => {}
        }
        if std::time::Instant::now() >= deadline {
            return Err(ApiError::Conflict(Wording::of(
                "detail-idempotency-in-progress",
                vec![],
            )));
        }
        actix_web::rt::time::sleep(POLL_EVERY).await;
        let (scope, key) = (scope.to_owned(), key.to_owned());
        held = state
            .db(move |conn| Ok(idempotency_keys::peek(conn, &scope, &key)?))
            .await?;
    }
}

/// Read off the OpenAPI document, which is collected from the routes.
static SIGN_IN_REQUIRED: std::sync::LazyLock<std::collections::HashSet<String>> =
    std::sync::LazyLock::new(crate::openapi::posts_requiring_sign_in);

/// The middleware. POSTs without the header pass straight through.
pub async fn idempotency(
    mut req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    let raw_key = match req.headers().get(IDEMPOTENCY_KEY) {
        Some(raw) if req.method() == Method::POST => raw.clone(),
        _ => {
            return next
                .call(req)
                .await
                .map(ServiceResponse::map_into_boxed_body);
        }
    };
    let Some(state) = req.app_data::<web::Data<AppState>>().cloned() else {
        return next
            .call(req)
            .await
            .map(ServiceResponse::map_into_boxed_body);
    };
    let key = match parse_key(&raw_key) {
        Ok(key) => key,
        Err(error) => return Ok(req.error_response(error)),
    };
    // A bad token, or none where one is required, is the handler's to refuse
    // (401); nothing is kept for it.
    let signed_out_where_required = |req: &ServiceRequest| {
        req.match_pattern()
            .is_some_and(|pattern| SIGN_IN_REQUIRED.contains(&pattern))
    };
    let scope = match req.extract::<MaybeCaller>().await {
        Ok(MaybeCaller(Some(caller))) => caller.id().to_owned(),
        Ok(MaybeCaller(None)) if !signed_out_where_required(&req) => String::new(),
        _ => {
            return next
                .call(req)
                .await
                .map(ServiceResponse::map_into_boxed_body);
        }
    };
    let body = match crate::extract::read_limited(req.take_payload()).await {
        Ok(body) => body,
        Err(error) => return Ok(req.error_response(error)),
    };
    let fingerprint = fingerprint(&req, &body);
    req.set_payload(Payload::from(body));

    let claim = {
        let (scope, key, fingerprint) = (scope.clone(), key.clone(), fingerprint.clone());
        state
            .db(move |conn| {
                let now = greenlight_store::ids::now();
                Ok(idempotency_keys::claim(
                    conn,
                    &scope,
                    &key,
                    &fingerprint,
                    now,
                    now - KEEP_FOR,
                )?)
            })
            .await
    };
    let claim = match claim {
        Ok(claim) => claim,
        Err(error) => return Ok(req.error_response(error)),
    };
    if claim != Claim::Won {
        return Ok(
            match await_answer(&state, &scope, &key, &fingerprint, claim).await {
                Ok(Some(replayed)) => req.into_response(replayed),
                // Released while we waited: act, as if first.
                Ok(None) => return act(req, next, state, scope, key).await,
                Err(error) => req.error_response(error),
            },
        );
    }
    act(req, next, state, scope, key).await
}

/// Runs the handler for the request that holds the key, and keeps its answer
/// (or gives the key up when the answer is worth retrying).
async fn act(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
    state: web::Data<AppState>,
    scope: String,
    key: String,
) -> Result<ServiceResponse<BoxBody>, Error> {
    let release = |state: web::Data<AppState>, scope: String, key: String| async move {
        let released = state
            .db(move |conn| Ok(idempotency_keys::release(conn, &scope, &key)?))
            .await;
        if let Err(error) = released {
            tracing::warn!(%error, "an idempotency key could not be released");
        }
    };
    let outcome = AssertUnwindSafe(next.call(req)).catch_unwind().await;
    let response = match outcome {
        Ok(Ok(response)) => response,
        Ok(Err(error)) => {
            release(state, scope, key).await;
            return Err(error);
        }
        Err(panic) => {
            release(state, scope, key).await;
            std::panic::resume_unwind(panic);
        }
    };
    if worth_retrying(response.status()) {
        release(state, scope, key).await;
        return Ok(response.map_into_boxed_body());
    }
    let (request, response) = response.into_parts();
    let (head, body) = response.into_parts();
    let bytes = match to_bytes(body).await {
        Ok(bytes) => bytes,
        Err(_) => {
            release(state, scope, key).await;
            let error = ApiError::internal("an answer's body could not be read to keep it");
            return Ok(ServiceResponse::new(request, error.error_response()));
        }
    };
    let header_text = |name: header::HeaderName| {
        head.headers()
            .get(name)
            .and_then(|value| value.to_str().ok())
            .map(str::to_owned)
    };
    match String::from_utf8(bytes.to_vec()) {
        Ok(text) => {
            let answer = StoredAnswer {
                status: head.status().as_u16(),
                content_type: header_text(header::CONTENT_TYPE),
                location: header_text(header::LOCATION),
                body: without_secrets(text),
            };
            let kept = state
                .db(move |conn| Ok(idempotency_keys::complete(conn, &scope, &key, &answer)?))
                .await;
            if let Err(error) = kept {
                // The request has acted: the key stays claimed, so a retry
                // waits and then hears 409 rather than acting twice.
                tracing::error!(%error, "the answer to an idempotent request could not be kept");
            }
        }
        // Every answer to a POST is JSON or empty; keep nothing otherwise.
        Err(_) => release(state, scope, key).await,
    }
    let response = head.set_body(bytes).map_into_boxed_body();
    Ok(ServiceResponse::new(request, response))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_visible_ascii_up_to_255_characters() {
        let parse = |raw: &str| parse_key(&header::HeaderValue::from_str(raw).unwrap());
        assert_eq!(parse(" 8e0c-1 ").unwrap(), "8e0c-1");
        assert!(parse("").is_err());
        assert!(parse("two words").is_err());
        assert!(parse(&"k".repeat(255)).is_ok());
        assert!(parse(&"k".repeat(256)).is_err());
    }

    #[test]
    fn secrets_are_never_kept() {
        let kept = without_secrets(r#"{"id":"t1","token":"glp_x","name":"n"}"#.to_owned());
        let kept: serde_json::Value = serde_json::from_str(&kept).unwrap();
        assert_eq!(
            kept,
            serde_json::json!({"id": "t1", "token": null, "name": "n"})
        );
        let plain = r#"{"id":"p1","title":"Lab"}"#;
        assert_eq!(without_secrets(plain.to_owned()), plain);
        assert_eq!(without_secrets(String::new()), "");
    }

    #[test]
    fn only_answers_worth_retrying_are_forgotten() {
        assert!(worth_retrying(StatusCode::SERVICE_UNAVAILABLE));
        assert!(worth_retrying(StatusCode::TOO_MANY_REQUESTS));
        assert!(!worth_retrying(StatusCode::CREATED));
        assert!(!worth_retrying(StatusCode::UNPROCESSABLE_ENTITY));
    }
}
