//! The one error type of the HTTP layer and its mapping to RFC 9457
//! `application/problem+json`. Every failure the API reports passes through
//! here, so the shape, the `code` vocabulary and what reaches the logs are
//! decided in one place.

use actix_web::body::MessageBody;
use actix_web::dev::ServiceResponse;
use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::middleware::ErrorHandlerResponse;
use actix_web::{HttpResponse, ResponseError};
use greenlight_domain::Locale;
use greenlight_domain::l10n::{Arg, Phrase};
use greenlight_store::StoreError;
use serde::Serialize;
use utoipa::ToSchema;

use crate::language::MESSAGES;

/// The largest request body accepted: the body extractor enforces it and
/// the framework's own 413 answers name it.
pub const BODY_LIMIT_BYTES: usize = 64 * 1024;

pub const PROBLEM_JSON: &str = "application/problem+json";

/// One invalid field of a request, named by its JSON path (`placement.starts_on`).
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct FieldError {
    #[schema(example = "email")]
    pub field: String,
    /// In the language of the answer; English when no other wording exists.
    #[schema(example = "must be an email address such as name@example.com")]
    pub message: String,
    /// The message's id and values, from which the answer words it in the
    /// caller's language (`ApiError::errors_in`); `None` for words that
    /// arrived from elsewhere ([`Wording::untranslated`]).
    #[serde(skip)]
    phrase: Option<Phrase>,
}

/// What a field error or a problem's detail says: its English text and,
/// when there is one, the message it was worded from. Handlers word
/// through [`Wording::of`], so every answer they give can be put into the
/// caller's language; only words that arrive from elsewhere (a framework's
/// own detail) are [`Wording::untranslated`].
#[derive(Debug, Clone, PartialEq)]
pub struct Wording {
    english: String,
    phrase: Option<Phrase>,
}

impl Wording {
    /// Message `id` of this crate's `locales/*.ftl`, its placeables filled
    /// from `args`.
    pub fn of(id: &'static str, args: Vec<(&'static str, String)>) -> Self {
        Phrase::new(&MESSAGES, id, args).into()
    }

    /// An English text more precise than message `id` (details that a
    /// library words in English only), with `id` for other languages.
    pub fn with_english(english: String, id: &'static str) -> Self {
        Wording {
            english,
            phrase: Some(Phrase::new(&MESSAGES, id, vec![])),
        }
    }

    /// "must be between `min` and `max`".
    pub fn between(min: impl ToString, max: impl ToString) -> Self {
        Wording::of(
            "validation-between",
            vec![("min", min.to_string()), ("max", max.to_string())],
        )
    }

    /// The same wording with placeable `name` filled by `inner` in the
    /// same language (`Query parameter `{ $name }`: { $message }`).
    pub fn placing(self, name: &'static str, inner: impl Into<Wording>) -> Self {
        let Some(outer) = self.phrase else {
            return self;
        };
        let inner = inner.into();
        match inner.phrase {
            Some(phrase) => outer.placing(name, phrase),
            None => outer.with(name, inner.english),
        }
        .into()
    }

    /// Words that arrived in English from outside this crate (what
    /// actix-web or a middleware said), kept as they are in every language.
    pub fn untranslated(english: impl Into<String>) -> Self {
        Wording {
            english: english.into(),
            phrase: None,
        }
    }

    pub fn in_locale(&self, locale: Locale) -> String {
        worded(&self.english, self.phrase.as_ref(), locale)
    }
}

/// `english` as it is in English (or without a phrase), else `phrase` in
/// `locale`: English answers keep the text exactly as it was written.
fn worded(english: &str, phrase: Option<&Phrase>, locale: Locale) -> String {
    match phrase {
        Some(phrase) if locale != Locale::En => phrase.in_locale(locale),
        _ => english.to_owned(),
    }
}

impl std::fmt::Display for Wording {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.english)
    }
}

impl From<Phrase> for Wording {
    fn from(phrase: Phrase) -> Self {
        Wording {
            english: phrase.in_locale(Locale::En),
            phrase: Some(phrase),
        }
    }
}

impl From<greenlight_domain::ValueError> for Wording {
    fn from(error: greenlight_domain::ValueError) -> Self {
        Wording {
            english: error.message,
            phrase: Some(error.phrase),
        }
    }
}

impl FieldError {
    pub fn new(field: impl Into<String>, message: impl Into<Wording>) -> Self {
        let Wording { english, phrase } = message.into();
        Self {
            field: field.into(),
            message: english,
            phrase,
        }
    }

    /// The same error with its message in `locale`.
    pub fn in_locale(&self, locale: Locale) -> Self {
        Self {
            message: worded(&self.message, self.phrase.as_ref(), locale),
            ..self.clone()
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("{0}")]
    BadRequest(Wording),
    #[error("request failed validation")]
    Validation(Vec<FieldError>),
    #[error("{0}")]
    Unauthorized(Wording),
    #[error("{0}")]
    Forbidden(Wording),
    #[error("not found")]
    NotFound,
    #[error("method not allowed")]
    MethodNotAllowed { allow: Vec<String> },
    #[error("{0}")]
    Conflict(Wording),
    /// `If-Match` names another version than the current one.
    #[error("{0}")]
    PreconditionFailed(Wording),
    #[error("request body too large")]
    PayloadTooLarge { limit_bytes: usize },
    #[error("{0}")]
    UnsupportedMediaType(Wording),
    /// `detail` is the id of its wording in `locales/*.ftl`.
    #[error("{detail}")]
    Ineligible {
        detail: &'static str,
        evaluation: Box<greenlight_eligibility::Evaluation>,
    },
    #[error("too many requests")]
    RateLimited { retry_after_secs: u64 },
    /// The cause is logged, never sent: it may hold internals.
    #[error("internal error: {0}")]
    Internal(String),
    #[error("{0}")]
    Unavailable(Wording),
    /// A bounded resource (the password-hashing slots) is taken; the caller
    /// may retry after the delay.
    #[error("the server is at capacity")]
    Overloaded { retry_after_secs: u64 },
    /// An `Idempotency-Key` sent again with another request than the one it
    /// was first used for (crate::idempotency).
    #[error("an Idempotency-Key reused for another request")]
    IdempotencyMismatch,
}

/// The body of every error answer.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "type": "/problems/validation_failed",
    "title": "Validation failed",
    "status": 422,
    "detail": "1 field is invalid",
    "code": "validation_failed",
    "errors": [{"field": "email", "message": "must be an email address such as name@example.com"}]
}))]
pub struct Problem {
    /// A URI reference naming the problem type: `/problems/{code}`.
    #[serde(rename = "type")]
    pub type_: String,
    pub title: String,
    pub status: u16,
    pub detail: String,
    /// Stable machine-readable code: one of `bad_request`, `validation_failed`,
    /// `unauthorized`, `forbidden`, `not_found`, `method_not_allowed`, `conflict`,
    /// `precondition_failed`, `payload_too_large`, `unsupported_media_type`, `ineligible`,
    /// `rate_limited`, `internal`, `unavailable`, `idempotency_mismatch`.
    pub code: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub errors: Option<Vec<FieldError>>,
    /// With `ineligible`: every rule evaluated, as in `/eligibility`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<Vec<Object>>)]
    pub checks: Option<serde_json::Value>,
}

impl ApiError {
    pub fn validation(field: impl Into<String>, message: impl Into<Wording>) -> Self {
        ApiError::Validation(vec![FieldError::new(field, message)])
    }

    /// A query parameter longer than `max` characters.
    pub fn parameter_too_long(name: &str, max: usize) -> Self {
        ApiError::BadRequest(Wording::of(
            "detail-parameter-too-long",
            vec![("name", name.to_owned()), ("max", max.to_string())],
        ))
    }

    /// A query parameter outside `min..=max`.
    pub fn parameter_out_of_range(name: &str, min: impl ToString, max: impl ToString) -> Self {
        ApiError::BadRequest(Wording::of(
            "detail-parameter-range",
            vec![
                ("name", name.to_owned()),
                ("min", min.to_string()),
                ("max", max.to_string()),
            ],
        ))
    }

    /// A query parameter whose value `message` refuses.
    pub fn bad_parameter(name: &str, message: impl Into<Wording>) -> Self {
        ApiError::BadRequest(
            Wording::of("detail-parameter", vec![("name", name.to_owned())])
                .placing("message", message),
        )
    }

    pub fn internal(cause: impl std::fmt::Display) -> Self {
        ApiError::Internal(cause.to_string())
    }

    pub fn code(&self) -> &'static str {
        match self {
            ApiError::BadRequest(_) => "bad_request",
            ApiError::Validation(_) => "validation_failed",
            ApiError::Unauthorized(_) => "unauthorized",
            ApiError::Forbidden(_) => "forbidden",
            ApiError::NotFound => "not_found",
            ApiError::MethodNotAllowed { .. } => "method_not_allowed",
            ApiError::Conflict(_) => "conflict",
            ApiError::PreconditionFailed(_) => "precondition_failed",
            ApiError::PayloadTooLarge { .. } => "payload_too_large",
            ApiError::UnsupportedMediaType(_) => "unsupported_media_type",
            ApiError::Ineligible { .. } => "ineligible",
            ApiError::RateLimited { .. } => "rate_limited",
            ApiError::Internal(_) => "internal",
            ApiError::Unavailable(_) | ApiError::Overloaded { .. } => "unavailable",
            ApiError::IdempotencyMismatch => "idempotency_mismatch",
        }
    }

    /// The problem's detail in `locale`.
    pub fn detail_in(&self, locale: Locale) -> String {
        let text = |id: &str, args: &[(&str, Arg<'_>)]| MESSAGES.text(locale, id, args);
        match self {
            ApiError::BadRequest(wording)
            | ApiError::Unauthorized(wording)
            | ApiError::Forbidden(wording)
            | ApiError::Conflict(wording)
            | ApiError::PreconditionFailed(wording)
            | ApiError::UnsupportedMediaType(wording)
            | ApiError::Unavailable(wording) => wording.in_locale(locale),
            ApiError::Validation(errors) => match errors.as_slice() {
                [one] => text(
                    "problem-validation_failed.one",
                    &[
                        ("field", one.field.as_str().into()),
                        ("message", one.in_locale(locale).message.into()),
                    ],
                ),
                many => text(
                    "problem-validation_failed.many",
                    &[("count", many.len().into())],
                ),
            },
            ApiError::NotFound => text("problem-not_found.detail", &[]),
            ApiError::MethodNotAllowed { allow } => text(
                "problem-method_not_allowed.detail",
                &[("allow", allow.join(", ").into())],
            ),
            ApiError::PayloadTooLarge { limit_bytes } => text(
                "problem-payload_too_large.detail",
                &[("limit", limit_bytes.to_string().into())],
            ),
            ApiError::RateLimited { retry_after_secs } => text(
                "problem-rate_limited.detail",
                &[("seconds", retry_after_secs.to_string().into())],
            ),
            ApiError::Overloaded { retry_after_secs } => text(
                "problem-unavailable.overloaded",
                &[("seconds", retry_after_secs.to_string().into())],
            ),
            ApiError::Internal(_) => text("problem-internal.detail", &[]),
            ApiError::Ineligible { detail, .. } => text(detail, &[]),
            ApiError::IdempotencyMismatch => text("problem-idempotency_mismatch.detail", &[]),
        }
    }

    /// With `validation_failed`: every field error, its message in `locale`.
    pub fn errors_in(&self, locale: Locale) -> Option<Vec<FieldError>> {
        let ApiError::Validation(errors) = self else {
            return None;
        };
        Some(errors.iter().map(|error| error.in_locale(locale)).collect())
    }

    /// With `ineligible`: every rule's check, its message in `locale`.
    pub fn checks_in(&self, locale: Locale) -> Option<serde_json::Value> {
        let ApiError::Ineligible { evaluation, .. } = self else {
            return None;
        };
        let checks = evaluation.as_ref().clone().in_locale(locale).into_checks();
        serde_json::to_value(checks).ok()
    }

    pub fn problem(&self) -> Problem {
        let status = self.status_code();
        Problem {
            type_: format!("/problems/{}", self.code()),
            title: status.canonical_reason().unwrap_or("Error").to_owned(),
            status: status.as_u16(),
            detail: self.detail_in(Locale::En),
            code: self.code().to_owned(),
            errors: self.errors_in(Locale::En),
            checks: match self {
                ApiError::Ineligible { .. } => self.checks_in(Locale::En),
                _ => None,
            },
        }
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        match self {
            ApiError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ApiError::Validation(_)
            | ApiError::Ineligible { .. }
            | ApiError::IdempotencyMismatch => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            ApiError::Forbidden(_) => StatusCode::FORBIDDEN,
            ApiError::NotFound => StatusCode::NOT_FOUND,
            ApiError::MethodNotAllowed { .. } => StatusCode::METHOD_NOT_ALLOWED,
            ApiError::Conflict(_) => StatusCode::CONFLICT,
            ApiError::PreconditionFailed(_) => StatusCode::PRECONDITION_FAILED,
            ApiError::PayloadTooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::RateLimited { .. } => StatusCode::TOO_MANY_REQUESTS,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
            ApiError::Unavailable(_) | ApiError::Overloaded { .. } => {
                StatusCode::SERVICE_UNAVAILABLE
            }
        }
    }

    fn error_response(&self) -> HttpResponse {
        if let ApiError::Internal(cause) = self {
            tracing::error!(error.cause = %cause, "request failed");
        }
        let mut response = HttpResponse::build(self.status_code());
        response.content_type(PROBLEM_JSON);
        match self {
            ApiError::Unauthorized(_) => {
                response.insert_header((header::WWW_AUTHENTICATE, "Bearer"));
            }
            ApiError::MethodNotAllowed { allow } => {
                response.insert_header((header::ALLOW, allow.join(", ")));
            }
            ApiError::RateLimited { retry_after_secs }
            | ApiError::Overloaded { retry_after_secs } => {
                response.insert_header((header::RETRY_AFTER, retry_after_secs.to_string()));
            }
            _ => {}
        }
        response.json(self.problem())
    }
}

impl From<StoreError> for ApiError {
    fn from(error: StoreError) -> Self {
        match error {
            StoreError::NotFound => ApiError::NotFound,
            StoreError::Conflict { constraint } => ApiError::Conflict(match constraint {
                Some(name) => Wording::of("detail-unique-value-named", vec![("constraint", name)]),
                None => Wording::of("detail-unique-value", vec![]),
            }),
            // Deleting a row others still point at; handlers check references
            // on insert, so this is the delete (or a race with one).
            StoreError::MissingReference { .. } => {
                ApiError::Conflict(Wording::of("detail-still-referred-to", vec![]))
            }
            StoreError::Pool(_) => {
                ApiError::Unavailable(Wording::of("detail-database-down", vec![]))
            }
            other => ApiError::internal(other),
        }
    }
}

impl From<actix_web::error::BlockingError> for ApiError {
    fn from(error: actix_web::error::BlockingError) -> Self {
        ApiError::internal(error)
    }
}

/// Rewrites the error answers that actix-web or a middleware produced on its
/// own (unmatched route, wrong method, oversize body, rate limit...) into
/// problem+json, so that clients see one error shape whoever answered.
pub fn problem_for_framework_errors<B: MessageBody + 'static>(
    response: ServiceResponse<B>,
) -> actix_web::Result<ErrorHandlerResponse<B>> {
    if is_problem(response.headers()) {
        return Ok(ErrorHandlerResponse::Response(
            response.map_into_left_body(),
        ));
    }
    let (request, original) = response.into_parts();
    let detail = original
        .error()
        .map(ToString::to_string)
        .filter(|said| !said.is_empty());
    let mut problem =
        framework_problem(original.status(), original.headers(), detail).error_response();
    // Keep what the other middleware said about the answer (CORS, Vary,
    // the request id) unless the problem says it itself.
    let own: Vec<header::HeaderName> = problem.headers().keys().cloned().collect();
    for (name, value) in original.headers() {
        let body_header = name == header::CONTENT_TYPE || name == header::CONTENT_LENGTH;
        if !body_header && !own.contains(name) {
            problem.headers_mut().append(name.clone(), value.clone());
        }
    }
    Ok(ErrorHandlerResponse::Response(
        ServiceResponse::new(request, problem).map_into_right_body(),
    ))
}

fn is_problem(headers: &header::HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .is_some_and(|value| value.as_bytes().starts_with(PROBLEM_JSON.as_bytes()))
}

/// The problem for an error answer that actix-web or a middleware made in
/// its own words; `detail`, when given, says what it said (a CORS refusal:
/// "Origin is not allowed to make this request").
fn framework_problem(
    status: StatusCode,
    headers: &header::HeaderMap,
    detail: Option<String>,
) -> ApiError {
    match status {
        StatusCode::NOT_FOUND => ApiError::NotFound,
        StatusCode::METHOD_NOT_ALLOWED => ApiError::MethodNotAllowed {
            allow: header_list(headers.get(header::ALLOW)),
        },
        StatusCode::PAYLOAD_TOO_LARGE => ApiError::PayloadTooLarge {
            limit_bytes: BODY_LIMIT_BYTES,
        },
        StatusCode::TOO_MANY_REQUESTS => ApiError::RateLimited {
            retry_after_secs: headers
                .get(header::RETRY_AFTER)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.parse().ok())
                .unwrap_or(1),
        },
        StatusCode::UNSUPPORTED_MEDIA_TYPE => {
            ApiError::UnsupportedMediaType(Wording::of("detail-send-json", vec![]))
        }
        StatusCode::UNAUTHORIZED => {
            ApiError::Unauthorized(Wording::of("detail-authentication-required", vec![]))
        }
        StatusCode::FORBIDDEN => ApiError::Forbidden(Wording::of("detail-not-allowed", vec![])),
        status if status.is_server_error() => {
            ApiError::Internal(format!("{status} from a middleware"))
        }
        _ => ApiError::BadRequest(match detail {
            Some(said) => Wording::untranslated(said),
            None => match status.canonical_reason() {
                Some(reason) => Wording::of("detail-refused", vec![("reason", reason.to_owned())]),
                None => Wording::of("detail-not-understood", vec![]),
            },
        }),
    }
}

fn header_list(value: Option<&HeaderValue>) -> Vec<String> {
    value
        .and_then(|v| v.to_str().ok())
        .map(|v| v.split(',').map(|m| m.trim().to_owned()).collect())
        .unwrap_or_default()
}

pub type ApiResult<T> = Result<T, ApiError>;

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn every_kind() -> Vec<ApiError> {
        vec![
            ApiError::BadRequest(Wording::untranslated("b")),
            ApiError::validation("email", Wording::untranslated("must be an email address")),
            ApiError::Validation(vec![
                FieldError::new("a", Wording::untranslated("x")),
                FieldError::new("b", Wording::untranslated("y")),
            ]),
            ApiError::Unauthorized(Wording::untranslated("u")),
            ApiError::Forbidden(Wording::of("detail-not-allowed", vec![])),
            ApiError::NotFound,
            ApiError::MethodNotAllowed {
                allow: vec!["GET".to_owned(), "POST".to_owned()],
            },
            ApiError::Conflict(Wording::of(
                "detail-unique-value-named",
                vec![("constraint", "users_email".to_owned())],
            )),
            ApiError::PayloadTooLarge { limit_bytes: 65536 },
            ApiError::UnsupportedMediaType(Wording::untranslated("m")),
            ApiError::Ineligible {
                detail: "problem-ineligible.submit",
                evaluation: Box::new(greenlight_eligibility::Evaluation::new(vec![
                    greenlight_eligibility::rules::student(false, true),
                ])),
            },
            ApiError::RateLimited {
                retry_after_secs: 3,
            },
            ApiError::Internal("cause".to_owned()),
            ApiError::Unavailable(Wording::untranslated("d")),
            ApiError::Overloaded {
                retry_after_secs: 2,
            },
        ]
    }

    #[test]
    fn every_refusal_the_source_names_is_in_both_locales() {
        let source = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/src"));
        let missing = greenlight_domain::l10n::missing_ids_named_in(
            &MESSAGES,
            source,
            &["detail-", "validation-"],
        )
        .unwrap();
        assert!(missing.is_empty(), "{missing:#?}");
    }

    #[test]
    fn field_errors_are_worded_in_the_language_asked_for() {
        let error = ApiError::Validation(vec![
            FieldError::new("title", Wording::of("validation-single-line", vec![])),
            FieldError::new("note", Wording::untranslated("is written in English only")),
            FieldError::new("url", greenlight_domain::WebUrl::parse("nope").unwrap_err()),
        ]);
        let said = |locale| -> Vec<(String, String)> {
            let errors = error.errors_in(locale).unwrap();
            errors.into_iter().map(|e| (e.field, e.message)).collect()
        };
        let english = [
            ("title", "must be a single line"),
            ("note", "is written in English only"),
            (
                "url",
                "must be an absolute http or https URL such as https://example.org/join",
            ),
        ];
        let english: Vec<(String, String)> = english
            .into_iter()
            .map(|(field, message)| (field.to_owned(), message.to_owned()))
            .collect();
        assert_eq!(said(Locale::En), english);
        assert_eq!(
            error.problem().errors.unwrap(),
            error.errors_in(Locale::En).unwrap()
        );
        let french = said(Locale::Fr);
        assert_eq!(french[0].1, "doit tenir sur une seule ligne");
        assert_eq!(french[1].1, "is written in English only");
        assert_eq!(
            french[2].1,
            "doit être une adresse http ou https absolue comme https://example.org/join"
        );
    }

    #[test]
    fn the_detail_of_one_bad_field_follows_its_message() {
        let error = ApiError::validation(
            "password",
            Wording::with_english(
                "is too easy to guess (a common word)".to_owned(),
                "validation-password-guessable",
            ),
        );
        assert_eq!(
            error.detail_in(Locale::En),
            "password: is too easy to guess (a common word)"
        );
        let french = error.detail_in(Locale::Fr);
        assert!(
            french.starts_with("password : est trop facile à deviner"),
            "{french}"
        );
    }

    #[test]
    fn english_titles_are_the_status_reasons_and_every_code_has_a_french_one() {
        for error in every_kind() {
            let id = format!("problem-{}", error.code());
            assert_eq!(
                MESSAGES.text(Locale::En, &id, &[]),
                error.problem().title,
                "{id}"
            );
            assert!(MESSAGES.has(Locale::Fr, &id), "{id}");
        }
    }

    #[test]
    fn details_of_the_http_layer_read_in_both_languages() {
        let errors = every_kind();
        assert_eq!(
            errors[1].problem().detail,
            "email: must be an email address"
        );
        assert_eq!(errors[2].problem().detail, "2 fields are invalid");
        assert_eq!(
            errors[8].problem().detail,
            "The request body exceeds the limit of 65536 bytes."
        );
        let worded = [
            (2, Locale::Fr, "2 champs ne sont pas valides"),
            (6, Locale::Fr, "Cette ressource répond à GET, POST."),
            (0, Locale::Fr, "b"),
            (4, Locale::Fr, "Cette action n'est pas permise."),
            (
                7,
                Locale::En,
                "A resource with the same unique value exists (users_email).",
            ),
            (
                7,
                Locale::Fr,
                "Une ressource a déjà la même valeur unique (users_email).",
            ),
        ];
        for (index, locale, expected) in worded {
            assert_eq!(
                errors[index].detail_in(locale),
                expected,
                "{index} in {locale}"
            );
        }
        assert_eq!(
            errors[10].checks_in(Locale::Fr).unwrap()[0]["message"],
            "Ce cycle s'adresse aux étudiants inscrits — votre profil indique que vous n'êtes pas étudiant"
        );
        assert_eq!(
            errors[10].checks_in(Locale::Fr).unwrap()[0]["rule"],
            "student"
        );
    }
}
