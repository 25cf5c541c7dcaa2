//! The error answers as reusable OpenAPI responses, one per problem `code`.
//! Handlers name the ones specific to them (`response = NotFound`); those
//! every operation shares are added by [`super::document`].

use serde_json::json;
use utoipa::openapi::content::ContentBuilder;
use utoipa::openapi::extensions::ExtensionsBuilder;
use utoipa::openapi::{Ref, RefOr, Response, ResponseBuilder};

use crate::error::PROBLEM_JSON;

/// The refusals of well-formed requests: a schema cannot express the rules
/// they enforce, so the document marks them (`x-beyond-schema`) for fuzzers
/// and readers; `.ci/schemathesis_hooks.py` reads the mark.
const BEYOND_SCHEMA: [&str; 2] = ["RuleBroken", "QueryRuleBroken"];

fn problem_response(
    name: &str,
    description: &str,
    status: u16,
    code: &str,
    detail: &str,
) -> Response {
    let mut example = json!({
        "type": format!("/problems/{code}"),
        "title": actix_web::http::StatusCode::from_u16(status)
            .ok()
            .and_then(|s| s.canonical_reason())
            .unwrap_or("Error"),
        "status": status,
        "detail": detail,
        "code": code,
    });
    if code == "validation_failed" {
        example["errors"] = json!([{"field": "email", "message": "must be an email address such as name@example.com"}]);
    }
    if code == "ineligible" {
        example["checks"] = json!([{"rule": "mentor_contribution", "passed": false,
            "message": "The company's contribution of $4,000.00 is below this cycle's minimum of $5,000.00"}]);
    }
    let extensions = BEYOND_SCHEMA.contains(&name).then(|| {
        ExtensionsBuilder::new()
            .add("x-beyond-schema", true)
            .build()
    });
    ResponseBuilder::new()
        .description(description)
        .extensions(extensions)
        .content(
            PROBLEM_JSON,
            ContentBuilder::new()
                .schema(Some(Ref::from_schema_name("Problem")))
                .example(Some(example))
                .build(),
        )
        .build()
}

macro_rules! problems {
    ($($name:ident => ($status:literal, $code:literal, $description:literal, $detail:literal);)+) => {
        $(
            #[doc = $description]
            pub struct $name;

            impl<'r> utoipa::ToResponse<'r> for $name {
                fn response() -> (&'r str, RefOr<Response>) {
                    (stringify!($name), RefOr::T(problem_response(stringify!($name), $description, $status, $code, $detail)))
                }
            }
        )+

        /// Every problem response, to register under `components.responses`.
        pub fn all() -> Vec<(&'static str, RefOr<Response>)> {
            vec![$(<$name as utoipa::ToResponse>::response()),+]
        }
    };
}

problems! {
    BadRequest => (400, "bad_request", "Malformed request: the body is not JSON, or a parameter cannot be read", "The request body is not valid JSON: EOF while parsing an object");
    QueryRuleBroken => (400, "bad_request", "The parameters are each well formed but do not go together (such as `sort=relevance` without `q`), or a `cursor` is not one this API issued", "Query parameter `sort`: `relevance` needs a search `q`.");
    Unauthorized => (401, "unauthorized", "No valid bearer token (missing, expired, tampered or revoked), or wrong credentials", "The bearer token is invalid, expired or revoked.");
    Forbidden => (403, "forbidden", "The caller's role does not allow this action", "Your role does not allow this action.");
    NotFound => (404, "not_found", "No such resource, or not one the caller may see", "No resource exists at this address.");
    Conflict => (409, "conflict", "A unique value is taken, or the resource's state does not allow this", "An account with this email already exists.");
    PreconditionFailed => (412, "precondition_failed", "`If-Match` names another version than the current one: read the resource again", "The application changed since the ETag you sent; read it again.");
    PayloadTooLarge => (413, "payload_too_large", "The body exceeds 64 KiB", "The request body exceeds the limit of 65536 bytes.");
    UnsupportedMediaType => (415, "unsupported_media_type", "The body is not application/json", "Send the body as application/json, not text/plain.");
    ValidationFailed => (422, "validation_failed", "A field is missing, of the wrong type, or invalid; `errors` names each", "email: must be an email address such as name@example.com");
    RuleBroken => (422, "validation_failed", "Well formed, but breaks a rule the schema cannot express (an id that names nothing, dates out of order, a duplicate, a guessable password, a token that is not valid); `errors` names each field", "provider_id: no provider has this id");
    IdempotencyMismatch => (422, "idempotency_mismatch", "The `Idempotency-Key` was used within 24 hours for another request (method, path or body)", "This Idempotency-Key was used for another request (method, path or body) within 24 hours; use a new key for a new request.");
    Ineligible => (422, "ineligible", "An eligibility rule failed; `checks` lists every rule", "The application does not meet every eligibility rule.");
    RateLimited => (429, "rate_limited", "Too many requests from this address; see Retry-After", "Too many requests; retry in 2 s.");
    Internal => (500, "internal", "An unexpected failure; the X-Request-Id identifies it in the logs", "Something went wrong on our side; the request id identifies it in our logs.");
    Unavailable => (503, "unavailable", "The database is not answering", "The database is not answering.");
}

/// A `$ref` to one of the responses above.
pub fn reference(name: &str) -> RefOr<Response> {
    RefOr::Ref(Ref::new(format!("#/components/responses/{name}")))
}
