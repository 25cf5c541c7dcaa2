//! Conditional GETs: every JSON read carries a strong `ETag` derived from the
//! body, and `If-None-Match` answers 304 without the body.

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderValue};
use actix_web::middleware::Next;
use actix_web::web::Bytes;
use actix_web::{HttpRequest, HttpResponse};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::error::{ApiError, Wording};

pub fn etag_for(body: &[u8]) -> String {
    let digest = Sha256::digest(body);
    format!("\"{}\"", hex::encode(&digest[..16]))
}

/// Whether the client's `If-None-Match` already names `etag` (weak
/// comparison, as RFC 9110 §13.1.2 asks for GET).
pub fn not_modified(req: &HttpRequest, etag: &str) -> bool {
    let strip_weak = |tag: &str| tag.trim().trim_start_matches("W/").to_owned();
    req.headers()
        .get_all(header::IF_NONE_MATCH)
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .any(|candidate| candidate.trim() == "*" || strip_weak(candidate) == strip_weak(etag))
}

/// What a request's `If-Match` asks for: absent, any version (`*`), or one
/// of the listed strong ETags. Read before the handler's transaction, checked
/// inside it with [`IfMatch::check`].
#[derive(Debug, Clone)]
pub enum IfMatch {
    Absent,
    Any,
    Tags(Vec<String>),
}

impl IfMatch {
    pub fn of(req: &HttpRequest) -> IfMatch {
        let values: Vec<&str> = req
            .headers()
            .get_all(header::IF_MATCH)
            .filter_map(|value| value.to_str().ok())
            .flat_map(|value| value.split(','))
            .map(str::trim)
            .filter(|tag| !tag.is_empty())
            .collect();
        if values.is_empty() {
            IfMatch::Absent
        } else if values.contains(&"*") {
            IfMatch::Any
        } else {
            IfMatch::Tags(values.into_iter().map(str::to_owned).collect())
        }
    }

    /// 412 unless the current version is one the client named. `If-Match`
    /// compares strongly (RFC 9110 §13.1.1): a weak tag never matches.
    pub fn check<T: Serialize>(&self, current: &T) -> Result<(), ApiError> {
        let IfMatch::Tags(tags) = self else {
            return Ok(());
        };
        let etag = etag_for(&serde_json::to_vec(current).map_err(ApiError::internal)?);
        if tags.contains(&etag) {
            Ok(())
        } else {
            Err(ApiError::PreconditionFailed(Wording::of(
                "detail-etag-changed",
                vec![],
            )))
        }
    }
}

/// 200 with the JSON body and its ETag, or 304 when the client has it.
pub fn json_ok<T: Serialize>(req: &HttpRequest, value: &T) -> Result<HttpResponse, ApiError> {
    let body = serde_json::to_vec(value).map_err(ApiError::internal)?;
    Ok(cached(req, body, "application/json"))
}

/// Like [`json_ok`] for a body already rendered, in any media type.
pub fn cached(req: &HttpRequest, body: Vec<u8>, content_type: &str) -> HttpResponse {
    let etag = etag_for(&body);
    cached_with_etag(req, body.into(), &etag, content_type)
}

/// Like [`cached`] for a body whose ETag was computed when it was rendered.
pub fn cached_with_etag(
    req: &HttpRequest,
    body: Bytes,
    etag: &str,
    content_type: &str,
) -> HttpResponse {
    let is_fresh = not_modified(req, etag);
    let mut response = if is_fresh {
        HttpResponse::NotModified()
    } else {
        HttpResponse::Ok()
    };
    if let Ok(value) = HeaderValue::from_str(etag) {
        response.insert_header((header::ETAG, value));
    }
    if is_fresh {
        return response.finish();
    }
    response.content_type(content_type.to_owned()).body(body)
}

/// Whether the answers under `path` are about a person (the caller or
/// someone the caller may see): the caller's account, applications,
/// registrations, survey responses, interest in postings, mentee profiles,
/// eligibility checks, matches, the outbox and user administration
/// (docs/api-conventions.md, "Caching").
pub fn is_personal(path: &str) -> bool {
    let Some(rest) = path.strip_prefix("/api/v1/") else {
        return false;
    };
    let mut segments = rest.split('/');
    let first = segments.next().unwrap_or_default();
    let _id = segments.next();
    let third = segments.next().unwrap_or_default();
    matches!(
        first,
        "me" | "auth"
            | "applications"
            | "mentee-profiles"
            | "outbox"
            | "users"
            | "eligibility"
            | "webhooks"
    ) || (first == "events" && third == "registrations")
        || (first == "surveys" && third == "responses")
        || (first == "postings" && (third == "interest" || third == "interests"))
        || rest == "programs/match"
}

/// `Cache-Control: no-store` on every personal answer, errors included, so
/// that no browser or proxy keeps a copy (one rule, for every route).
pub async fn no_store_for_personal(
    request: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let personal = is_personal(request.path());
    let mut response = next.call(request).await?;
    if personal {
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn personal_paths_are_named_by_their_resource() {
        for path in [
            "/api/v1/me",
            "/api/v1/me/profile",
            "/api/v1/applications/abc/eligibility",
            "/api/v1/events/abc/registrations/me",
            "/api/v1/surveys/abc/responses/me",
            "/api/v1/outbox",
            "/api/v1/postings/abc/interests",
            "/api/v1/mentee-profiles/abc",
            "/api/v1/programs/match",
            "/api/v1/webhooks/abc/deliveries",
        ] {
            assert!(is_personal(path), "{path}");
        }
        for path in [
            "/api/v1/programs",
            "/api/v1/programs/abc",
            "/api/v1/events/abc",
            "/api/v1/surveys/abc/results",
            "/api/v1/feeds/events.ics",
            "/openapi.json",
            "/api/v1/meetings",
        ] {
            assert!(!is_personal(path), "{path}");
        }
    }
}
