//! Request extractors whose failures are problem+json naming the field.

use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::web::BytesMut;
use actix_web::{FromRequest, HttpRequest};
use futures_util::StreamExt;
use futures_util::future::LocalBoxFuture;
use serde::Deserialize;
use serde::de::DeserializeOwned;

use crate::error::{ApiError, BODY_LIMIT_BYTES, FieldError, Wording};
use crate::validate::printable;

/// A JSON body. Unlike `actix_web::web::Json`, a type or missing-field error
/// answers 422 with the JSON path of the field, syntax errors 400, oversize
/// bodies 413 and other media types 415.
#[derive(Debug)]
pub struct Json<T>(pub T);

impl<T: DeserializeOwned + 'static> FromRequest for Json<T> {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let checked = check_content_type(req).and_then(|()| check_declared_length(req));
        let payload = payload.take();
        Box::pin(async move {
            checked?;
            let body = read_limited(payload).await?;
            parse_json(&body).map(Json)
        })
    }
}

/// The whole body, refused (413) past [`BODY_LIMIT_BYTES`].
pub async fn read_limited(mut payload: Payload) -> Result<actix_web::web::Bytes, ApiError> {
    let mut body = BytesMut::new();
    while let Some(chunk) = payload.next().await {
        let chunk = chunk.map_err(|error| {
            ApiError::BadRequest(Wording::of(
                "detail-body-unreadable",
                vec![("reason", error.to_string())],
            ))
        })?;
        if body.len() + chunk.len() > BODY_LIMIT_BYTES {
            return Err(ApiError::PayloadTooLarge {
                limit_bytes: BODY_LIMIT_BYTES,
            });
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body.freeze())
}

fn check_content_type(req: &HttpRequest) -> Result<(), ApiError> {
    let Some(value) = req.headers().get(header::CONTENT_TYPE) else {
        // curl without -H still deserves an answer about the body itself.
        return Ok(());
    };
    let essence = value
        .to_str()
        .unwrap_or_default()
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    if essence == "application/json" || essence.ends_with("+json") {
        Ok(())
    } else {
        Err(ApiError::UnsupportedMediaType(Wording::of(
            "detail-send-json-not",
            vec![("sent", essence)],
        )))
    }
}

fn check_declared_length(req: &HttpRequest) -> Result<(), ApiError> {
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    match declared {
        Some(length) if length > BODY_LIMIT_BYTES => Err(ApiError::PayloadTooLarge {
            limit_bytes: BODY_LIMIT_BYTES,
        }),
        _ => Ok(()),
    }
}

/// Deserializes a body, turning serde's complaint into an answer that names
/// the field by its JSON path.
pub fn parse_json<T: DeserializeOwned>(body: &[u8]) -> Result<T, ApiError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(ApiError::BadRequest(Wording::of(
            "detail-body-empty",
            vec![],
        )));
    }
    let mut value: serde_json::Value = serde_json::from_slice(body).map_err(|error| {
        ApiError::BadRequest(Wording::of(
            "detail-body-not-json",
            vec![("reason", error.to_string())],
        ))
    })?;
    // Every body of this API is an object; serde would also read a struct
    // from an array of its fields in order (`[null, null]`).
    if !value.is_object() {
        return Err(ApiError::validation(
            "body",
            Wording::of("validation-json-object", vec![]),
        ));
    }
    integral_floats_to_integers(&mut value);
    let mut unprintable = Vec::new();
    control_characters(&value, "", &mut unprintable);
    if !unprintable.is_empty() {
        return Err(ApiError::Validation(unprintable));
    }
    serde_path_to_error::deserialize(value).map_err(|error| {
        let path = error.path().to_string();
        ApiError::Validation(vec![field_error(&path, &error.into_inner())])
    })
}

/// JSON Schema counts `3.0` as an integer, and so do many clients' encoders;
/// serde does not. Rewriting whole-valued floats lets integer fields accept
/// them while `3.5` is still refused.
fn integral_floats_to_integers(value: &mut serde_json::Value) {
    use serde_json::Value;
    match value {
        Value::Number(number) if number.is_f64() => {
            if let Some(float) = number.as_f64()
                && float.fract() == 0.0
                && float.abs() < 9.0e15
            {
                // Exact: the magnitude is below 2^53, so the cast loses nothing.
                #[allow(clippy::cast_possible_truncation)]
                let whole = float as i64;
                *value = Value::from(whole);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(integral_floats_to_integers),
        Value::Object(fields) => fields.values_mut().for_each(integral_floats_to_integers),
        _ => {}
    }
}

/// Every string of a body, keys included, passes the one text rule before
/// any handler sees it: a field a handler forgets to check still cannot
/// carry NUL to PostgreSQL (docs/api-conventions.md, "Text fields").
fn control_characters(value: &serde_json::Value, path: &str, found: &mut Vec<FieldError>) {
    use serde_json::Value;
    let field = |path: &str| {
        if path.is_empty() {
            "body".to_owned()
        } else {
            path.to_owned()
        }
    };
    match value {
        Value::String(text) => found.extend(printable(&field(path), text).err()),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                control_characters(item, &format!("{}[{i}]", field(path)), found);
            }
        }
        Value::Object(fields) => {
            for (key, item) in fields {
                let inner = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                found.extend(printable(&inner, key).err());
                control_characters(item, &inner, found);
            }
        }
        _ => {}
    }
}

fn field_error(path: &str, error: &serde_json::Error) -> FieldError {
    let message = without_position(&error.to_string());
    // serde reports a missing field at its parent's path, naming it in backticks.
    if let Some(missing) = message
        .strip_prefix("missing field `")
        .and_then(|rest| rest.strip_suffix('`'))
    {
        let field = if path == "." {
            missing.to_owned()
        } else {
            format!("{path}.{missing}")
        };
        return FieldError::new(field, Wording::of("validation-required", vec![]));
    }
    let field = if path == "." { "body" } else { path };
    // serde words its complaint in English only: other languages say what
    // it means without its details.
    FieldError::new(
        field,
        Wording::with_english(message, "validation-malformed"),
    )
}

fn without_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(at) => message[..at].to_owned(),
        None => message.to_owned(),
    }
}

/// A query string. Unlike `actix_web::web::Query`, a repeated key fills a
/// `Vec` (`?format=lab&format=course`), and a bad value answers 400 naming the
/// parameter.
#[derive(Debug)]
pub struct Query<T>(pub T);

impl<T: DeserializeOwned> FromRequest for Query<T> {
    type Error = ApiError;
    type Future = std::future::Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        std::future::ready(parse_query(req.query_string()).map(Query))
    }
}

pub fn parse_query<T: DeserializeOwned>(query: &str) -> Result<T, ApiError> {
    // An empty value (`?kind=`) means the parameter was left out, as HTML
    // forms and many scripts send it.
    // `lang` picks the answer's language on every endpoint
    // (`crate::language`), so no endpoint's own parameters see it.
    let present: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes())
        .filter(|(key, value)| !value.is_empty() && key != crate::language::LANG)
        .map(|(key, value)| (key.into_owned(), value.into_owned()))
        .collect();
    if let Some((key, _)) = present
        .iter()
        .find(|(key, value)| printable(key, value).is_err())
    {
        return Err(ApiError::bad_parameter(
            key,
            Wording::of("validation-control-characters", vec![]),
        ));
    }
    let query = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(&present)
        .finish();
    let deserializer = serde_html_form::Deserializer::from_bytes(query.as_bytes());
    serde_path_to_error::deserialize(deserializer).map_err(|error| {
        let path = error.path().to_string();
        let message = error.into_inner().to_string();
        let parameter = if path == "." {
            message
                .strip_prefix("missing field `")
                .and_then(|rest| rest.split('`').next())
                .unwrap_or("query")
                .to_owned()
        } else {
            path
        };
        ApiError::bad_parameter(
            &parameter,
            Wording::with_english(message, "validation-malformed"),
        )
    })
}

/// For a field of a partial update that may be absent (unchanged), `null`
/// (cleared) or a value: with `#[serde(default)]`, absent stays `None` and
/// `null` becomes `Some(None)`.
pub fn present<'de, T, D>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
where
    T: serde::Deserialize<'de>,
    D: serde::Deserializer<'de>,
{
    Option::<T>::deserialize(deserializer).map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Body {
        email: String,
        nested: Nested,
    }

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Nested {
        count: u32,
    }

    fn field_errors(body: &str) -> Vec<FieldError> {
        match parse_json::<Body>(body.as_bytes()) {
            Err(ApiError::Validation(errors)) => errors,
            other => panic!("expected a validation error, got {other:?}"),
        }
    }

    #[test]
    fn missing_field_is_named_with_its_path() {
        assert_eq!(
            field_errors(r#"{"email":"a@b.c","nested":{}}"#),
            vec![FieldError::new(
                "nested.count",
                Wording::of("validation-required", vec![])
            )]
        );
        assert_eq!(field_errors(r#"{"nested":{"count":1}}"#)[0].field, "email");
    }

    #[test]
    fn wrong_type_is_named_with_its_path() {
        let errors = field_errors(r#"{"email":"a@b.c","nested":{"count":"three"}}"#);
        assert_eq!(errors[0].field, "nested.count");
        assert!(errors[0].message.contains("invalid type"));
    }

    #[test]
    fn whole_floats_fill_integer_fields_but_fractions_do_not() {
        let body: Result<Body, _> = parse_json(br#"{"email":"a@b.c","nested":{"count":3.0}}"#);
        assert_eq!(body.map(|b| b.nested.count).ok(), Some(3));
        assert_eq!(
            field_errors(r#"{"email":"a@b.c","nested":{"count":3.5}}"#)[0].field,
            "nested.count"
        );
    }

    #[derive(Debug, serde::Deserialize)]
    struct Filter {
        kind: Option<String>,
        format: Vec<String>,
    }

    #[test]
    fn queries_repeat_keys_and_treat_empty_values_as_absent() {
        let filter: Filter = match parse_query("kind=&format=lab&format=course") {
            Ok(filter) => filter,
            Err(error) => panic!("{error:?}"),
        };
        assert_eq!(filter.kind, None);
        assert_eq!(filter.format, ["lab", "course"]);
    }

    #[test]
    fn syntax_errors_and_empty_bodies_are_bad_requests() {
        for body in [
            "{",
            "",
            "   ",
            r#"{"email":"a@b.c","nested":{"count":1}} trailing"#,
        ] {
            assert!(
                matches!(
                    parse_json::<Body>(body.as_bytes()),
                    Err(ApiError::BadRequest(_))
                ),
                "{body:?}"
            );
        }
    }

    #[test]
    fn control_characters_anywhere_in_a_body_are_named() {
        let errors =
            field_errors(r#"{"email":"a\u0000b","nested":{"count":1},"tags":["ok","x\u001f"]}"#);
        let named: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(named, ["email", "tags[1]"]);
        assert!(parse_query::<Filter>("kind=a%00b").is_err());
    }

    #[test]
    fn a_body_must_be_an_object_not_the_fields_in_a_row() {
        for body in [r#"["a@b.c", {"count": 1}]"#, "null", "3", r#""text""#] {
            match parse_json::<Body>(body.as_bytes()) {
                Err(ApiError::Validation(errors)) => assert_eq!(errors[0].field, "body", "{body}"),
                other => panic!("{body}: {other:?}"),
            }
        }
    }
}
