//! Which language an answer is in (docs/api-conventions.md, Languages):
//! `?lang=en|fr` wins, then `Accept-Language` by its q-values, then English.
//! Every answer says which it used (`Content-Language`) and that it depends
//! on the header (`Vary: Accept-Language`), so caches keep one copy per
//! language; problem answers are put into that language here, in one place.

use std::sync::LazyLock;

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderMap, HeaderValue};
use actix_web::middleware::Next;
use actix_web::{Error, FromRequest, HttpMessage, HttpRequest, HttpResponse, ResponseError};
use greenlight_domain::Locale;
use greenlight_domain::l10n::Messages;

use crate::error::{ApiError, PROBLEM_JSON};

/// The API crate's messages: problem titles and details, the feeds and
/// the mail templates (`notifications::templates`).
pub static MESSAGES: LazyLock<Messages> = LazyLock::new(|| {
    Messages::new(
        include_str!("../locales/en.ftl"),
        include_str!("../locales/fr.ftl"),
    )
});

/// The query parameter that picks the language over the header.
pub const LANG: &str = "lang";

/// The language `Accept-Language` asks for: the acceptable one (`q` > 0)
/// with the highest weight, the first listed on a tie; `*` stands for
/// English. English when it names neither.
pub fn from_accept_language(headers: &HeaderMap) -> Locale {
    let mut best: Option<(f32, Locale)> = None;
    for range in headers
        .get_all(header::ACCEPT_LANGUAGE)
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
    {
        let mut parts = range.split(';').map(str::trim);
        let tag = parts.next().unwrap_or_default();
        let weight = parts
            .find_map(|param| {
                param
                    .strip_prefix("q=")
                    .or_else(|| param.strip_prefix("Q="))
            })
            .map_or(Some(1.0), |q| {
                q.parse::<f32>().ok().filter(|q| (0.0..=1.0).contains(q))
            });
        let Some(weight) = weight.filter(|&q| q > 0.0) else {
            continue;
        };
        let locale = if tag == "*" {
            Some(Locale::En)
        } else {
            Locale::parse(tag).ok()
        };
        if let Some(locale) = locale
            && best.is_none_or(|(best, _)| weight > best)
        {
            best = Some((weight, locale));
        }
    }
    best.map_or(Locale::En, |(_, locale)| locale)
}

/// The language of the answer to `req`; a `lang` that names neither
/// language is a bad request.
pub fn negotiate(req: &HttpRequest) -> Result<Locale, ApiError> {
    let asked = form_urlencoded::parse(req.query_string().as_bytes())
        .find(|(key, value)| key == LANG && !value.is_empty())
        .map(|(_, value)| value.into_owned());
    match asked {
        Some(raw) => Locale::parse(&raw).map_err(|error| ApiError::bad_parameter(LANG, error)),
        None => Ok(from_accept_language(req.headers())),
    }
}

/// The language of the answer, for handlers that write localized text.
#[derive(Debug, Clone, Copy)]
pub struct Lang(pub Locale);

impl FromRequest for Lang {
    type Error = ApiError;
    type Future = std::future::Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let negotiated = req.extensions().get::<Locale>().copied();
        std::future::ready(match negotiated {
            Some(locale) => Ok(Lang(locale)),
            None => negotiate(req).map(Lang),
        })
    }
}

fn mark(headers: &mut HeaderMap, locale: Locale) {
    headers.insert(
        header::CONTENT_LANGUAGE,
        HeaderValue::from_static(locale.as_str()),
    );
    headers.append(header::VARY, HeaderValue::from_static("Accept-Language"));
}

/// Negotiates the language of every request, marks every answer with it
/// and puts problem answers into it.
pub async fn localize(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    let locale = match negotiate(req.request()) {
        Ok(locale) => locale,
        Err(error) => {
            let mut response = req.into_response(error.error_response());
            mark(response.headers_mut(), Locale::En);
            return Ok(response);
        }
    };
    req.extensions_mut().insert(locale);
    let response = next.call(req).await?;
    let mut response = if locale != Locale::En && is_problem(response.headers()) {
        translated_problem(response, locale).await
    } else {
        response.map_into_boxed_body()
    };
    mark(response.headers_mut(), locale);
    Ok(response)
}

fn is_problem(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .is_some_and(|value| value.as_bytes().starts_with(PROBLEM_JSON.as_bytes()))
}

/// The problem answer with its title, detail and field errors in `locale`. The handler's
/// error, when the answer still carries it, words the detail; an answer a
/// middleware made keeps the details only its code implies.
async fn translated_problem(
    response: ServiceResponse<impl MessageBody + 'static>,
    locale: Locale,
) -> ServiceResponse<BoxBody> {
    let (request, response) = response.into_parts();
    let error = response
        .error()
        .and_then(|error| error.as_error::<ApiError>());
    let detail = error.map(|error| error.detail_in(locale));
    let checks = error.and_then(|error| error.checks_in(locale));
    let errors = error.and_then(|error| error.errors_in(locale));
    let (head, body) = response.into_parts();
    let Ok(bytes) = actix_web::body::to_bytes(body).await else {
        return ServiceResponse::new(request, head.set_body(BoxBody::new(())));
    };
    let Ok(mut problem) = serde_json::from_slice::<serde_json::Value>(&bytes) else {
        return ServiceResponse::new(request, head.set_body(BoxBody::new(bytes)));
    };
    let code = problem["code"].as_str().unwrap_or_default().to_owned();
    let title_id = format!("problem-{code}");
    if MESSAGES.has(locale, &title_id) {
        problem["title"] = MESSAGES.text(locale, &title_id, &[]).into();
    }
    let detail = detail.or_else(|| {
        let fixed = format!("{title_id}.detail");
        (matches!(code.as_str(), "not_found" | "internal") && MESSAGES.has(locale, &fixed))
            .then(|| MESSAGES.text(locale, &fixed, &[]))
    });
    if let Some(detail) = detail {
        problem["detail"] = detail.into();
    }
    if let Some(checks) = checks {
        problem["checks"] = checks;
    }
    if let Some(errors) = errors.and_then(|errors| serde_json::to_value(errors).ok()) {
        problem["errors"] = errors;
    }
    let body = serde_json::to_vec(&problem).unwrap_or_else(|_| bytes.to_vec());
    let mut translated = HttpResponse::build(head.status());
    for (name, value) in head.headers() {
        if name != header::CONTENT_LENGTH {
            translated.append_header((name.clone(), value.clone()));
        }
    }
    ServiceResponse::new(request, translated.body(body))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use actix_web::test::TestRequest;

    use super::*;

    fn accept(value: &str) -> Locale {
        let req = TestRequest::default()
            .insert_header((header::ACCEPT_LANGUAGE, value))
            .to_http_request();
        from_accept_language(req.headers())
    }

    #[test]
    fn the_heaviest_acceptable_language_wins() {
        assert_eq!(accept("fr-CA"), Locale::Fr);
        assert_eq!(accept("en;q=0.5, fr;q=0.9"), Locale::Fr);
        assert_eq!(accept("fr;q=0.4, en"), Locale::En);
        assert_eq!(accept("de, fr;q=0.1"), Locale::Fr);
        assert_eq!(accept("fr;q=0, *"), Locale::En, "q=0 refuses French");
        assert_eq!(
            accept("fr;q=abc"),
            Locale::En,
            "a malformed weight is ignored"
        );
        assert_eq!(accept("de"), Locale::En);
        assert_eq!(accept("fr, en"), Locale::Fr, "a tie goes to the first");
    }

    #[test]
    fn the_lang_parameter_wins_over_the_header() {
        let req = TestRequest::with_uri("/x?lang=en")
            .insert_header((header::ACCEPT_LANGUAGE, "fr"))
            .to_http_request();
        assert_eq!(negotiate(&req).unwrap(), Locale::En);
        let req = TestRequest::with_uri("/x?lang=de").to_http_request();
        let Err(error @ ApiError::BadRequest(_)) = negotiate(&req) else {
            panic!("expected a bad request");
        };
        let said = error.detail_in(Locale::En);
        assert!(said.starts_with("Query parameter `lang`: "), "{said}");
        let french = error.detail_in(Locale::Fr);
        assert!(
            french.starts_with("Paramètre de requête `lang` : "),
            "{french}"
        );
    }

    #[test]
    fn the_messages_are_written_in_both_languages() {
        let problems = greenlight_domain::l10n::catalogue_problems(
            include_str!("../locales/en.ftl"),
            include_str!("../locales/fr.ftl"),
        );
        assert!(problems.is_empty(), "{problems:#?}");
    }
}
