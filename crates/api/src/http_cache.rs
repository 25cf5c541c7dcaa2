//! Conditional GETs: every JSON read carries a strong `ETag` derived from the
//! body, and `If-None-Match` answers 304 without the body.

use actix_web::http::header::{self, HeaderValue};
use actix_web::web::Bytes;
use actix_web::{HttpRequest, HttpResponse};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::error::ApiError;

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
