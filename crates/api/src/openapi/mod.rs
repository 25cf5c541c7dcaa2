//! The OpenAPI 3.1 document. Paths and schemas are collected from the routes
//! themselves (utoipa-actix-web), so the document cannot drift from what is
//! served; the error responses every operation shares are added here.

pub mod problems;

use actix_web::App;
use utoipa::openapi::Required;
use utoipa::openapi::path::{Parameter, ParameterBuilder, ParameterIn};
use utoipa::openapi::schema::{AnyOfBuilder, ArrayItems, ObjectBuilder, Schema, SchemaType, Type};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{OpenApi as Document, PathItem, RefOr};
use utoipa::{Modify, OpenApi};
use utoipa_actix_web::AppExt;

use crate::error::{FieldError, Problem};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Greenlight API",
        description = "Professional development and mentorship for independent media producers: the program catalogue, joint mentorship applications and their eligibility rules, module series and events, the notification list and the skills survey.\n\nErrors are RFC 9457 `application/problem+json` with a stable `code`. Authenticate with `Authorization: Bearer <token>`, where the token is a JWT from `POST /api/v1/auth/token` or a personal API token from `POST /api/v1/me/tokens`.",
        license(name = "MIT", identifier = "MIT"),
    ),
    tags(
        (name = "accounts", description = "Registration, sign-in and personal API tokens"),
        (name = "operations", description = "Health and readiness probes"),
        (name = "companies", description = "Member companies: the member directory and their representatives"),
        (name = "mentorship", description = "Mentorship cycles, joint applications, eligibility and decisions"),
        (name = "matching", description = "Matching people and companies: public mentee profiles that member companies browse, and the mentorship opportunities companies post for candidates to answer"),
        (name = "events", description = "The module series: modules, their events, registrations with a waitlist, and the iCalendar feed of upcoming events"),
        (name = "catalogue", description = "Providers, programs, the taxonomy, search, matching and the landscape report"),
        (name = "notifications", description = "The notification list, its outbox and feeds"),
        (name = "hsds", description = "The catalogue as Open Referral HSDS 3.0: published programs as services, providers as organizations, the taxonomy as taxonomies and their terms"),
        (name = "surveys", description = "The skills survey: surveys, one response per person, and aggregated results where any group of fewer than 5 respondents is suppressed"),
    ),
    components(schemas(Problem, FieldError)),
    modifiers(&BearerScheme),
)]
struct ApiDoc;

struct BearerScheme;

impl Modify for BearerScheme {
    fn modify(&self, openapi: &mut Document) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT or personal API token (glp_...)")
                    .build(),
            ),
        );
    }
}

/// The whole document, as served at `/openapi.json` and committed at
/// `api-spec/openapi.json`.
pub fn document() -> Document {
    let (_, mut document) = App::new()
        .into_utoipa_app()
        .openapi(ApiDoc::openapi())
        .configure(crate::routes::all)
        .split_for_parts();
    document_idempotency_keys(&mut document);
    document_languages(&mut document);
    add_shared_error_responses(&mut document);
    add_shared_headers(&mut document);
    allow_empty_query_values(&mut document);
    document_text_rule(&mut document);
    document
}

/// Fields that may hold line breaks (`validate::long_text`, and the outbox's
/// message `body`) and passwords, which are taken as typed: all refuse every
/// other control character.
const MULTI_LINE_FIELDS: [&str; 9] = [
    "body",
    "description",
    "bio",
    "statement",
    "message",
    "summary",
    "password",
    "current_password",
    "new_password",
];
const ONE_LINE: &str = r"^[^\x00-\x1f\x7f]*$";
const MULTI_LINE: &str = r"^[^\x00-\x09\x0b\x0c\x0e-\x1f\x7f]*$";
/// The same rules for a required text (`pattern: \S` before): one visible
/// character at least.
const ONE_LINE_VISIBLE: &str = r"^[^\x00-\x1f\x7f]*[^\s\x00-\x1f\x7f][^\x00-\x1f\x7f]*$";
const MULTI_LINE_VISIBLE: &str =
    r"^[^\x00-\x09\x0b\x0c\x0e-\x1f\x7f]*[^\s\x00-\x1f\x7f][^\x00-\x09\x0b\x0c\x0e-\x1f\x7f]*$";
/// Error answers echo what was refused, so the rule is not theirs.
const ECHOING_SCHEMAS: [&str; 2] = ["Problem", "FieldError"];

/// The text rule every body string passes (`validate.rs`, docs/api-conventions.md
/// "Text fields") written into the schema as a `pattern`, so that clients and
/// the fuzzer know a control character is refused before they send one.
/// Strings with a format, an enumeration or a pattern of their own keep it.
fn document_text_rule(document: &mut Document) {
    if let Some(components) = document.components.as_mut() {
        for (name, schema) in &mut components.schemas {
            if !ECHOING_SCHEMAS.contains(&name.as_str()) {
                text_rule_in(schema, None);
            }
        }
    }
    for item in document.paths.paths.values_mut() {
        for operation in operations_mut(item) {
            // Query values pass the one-line rule (`extract::Query`).
            for parameter in operation.parameters.iter_mut().flatten() {
                if let RefOr::T(parameter) = parameter
                    && parameter.parameter_in == ParameterIn::Query
                    && let Some(schema) = parameter.schema.as_mut()
                {
                    text_rule_in(schema, None);
                }
            }
            let Some(RefOr::T(body)) = operation.request_body.as_mut() else {
                continue;
            };
            for content in body.content.values_mut() {
                if let RefOr::T(content) = content
                    && let Some(schema) = content.schema.as_mut()
                {
                    text_rule_in(schema, None);
                }
            }
        }
    }
}

fn text_rule_in(schema: &mut RefOr<Schema>, field: Option<&str>) {
    let RefOr::T(schema) = schema else {
        return;
    };
    match schema {
        Schema::Object(object) => {
            let is_string = match &object.schema_type {
                SchemaType::Type(kind) => *kind == Type::String,
                SchemaType::Array(kinds) => kinds.contains(&Type::String),
                SchemaType::AnyValue => false,
            };
            let visible = object.pattern.as_deref() == Some(r"\S");
            if is_string
                && object.format.is_none()
                && object.enum_values.is_none()
                && (object.pattern.is_none() || visible)
            {
                let multi_line = field.is_some_and(|name| MULTI_LINE_FIELDS.contains(&name));
                let pattern = match (multi_line, visible) {
                    (false, false) => ONE_LINE,
                    (true, false) => MULTI_LINE,
                    (false, true) => ONE_LINE_VISIBLE,
                    (true, true) => MULTI_LINE_VISIBLE,
                };
                object.pattern = Some(pattern.to_owned());
            }
            for (name, property) in &mut object.properties {
                text_rule_in(property, Some(name));
            }
        }
        Schema::Array(array) => {
            if let ArrayItems::RefOrSchema(items) = &mut array.items {
                text_rule_in(items, field);
            }
        }
        Schema::OneOf(one_of) => one_of.items.iter_mut().for_each(|s| text_rule_in(s, field)),
        Schema::AllOf(all_of) => all_of.items.iter_mut().for_each(|s| text_rule_in(s, field)),
        Schema::AnyOf(any_of) => any_of.items.iter_mut().for_each(|s| text_rule_in(s, field)),
        _ => {}
    }
}

/// Every POST takes an `Idempotency-Key` (crate::idempotency): the header,
/// the 422 for a key reused on another request and the 409 for one whose
/// first request is still being answered.
fn document_idempotency_keys(document: &mut Document) {
    let header = ParameterBuilder::new()
        .name("Idempotency-Key")
        .parameter_in(ParameterIn::Header)
        .required(Required::False)
        .description(Some(
            "Makes the POST safe to retry: the same key with the same request within 24 hours answers what the first answered (with `Idempotent-Replayed: true`) and acts only once; the same key with another request answers 422 `idempotency_mismatch`. Keys belong to the caller; use a fresh UUID per request.",
        ))
        .schema(Some(
            ObjectBuilder::new()
                .schema_type(Type::String)
                .min_length(Some(1))
                .max_length(Some(255))
                .pattern(Some("^[!-~]+$")),
        ))
        .build();
    for item in document.paths.paths.values_mut() {
        let Some(post) = item.post.as_mut() else {
            continue;
        };
        post.parameters
            .get_or_insert_with(Vec::new)
            .push(RefOr::T(header.clone()));
        let responses = &mut post.responses.responses;
        responses
            .entry("409".to_owned())
            .or_insert_with(|| problems::reference("Conflict"));
        responses
            .entry("422".to_owned())
            .or_insert_with(|| problems::reference("IdempotencyMismatch"));
    }
}

/// Every answer of the API is in the language negotiated once for the
/// request (`language::localize`): `lang` wins over `Accept-Language`, so a
/// typed client can ask for French without setting a header.
fn document_languages(document: &mut Document) {
    let lang = ParameterBuilder::new()
        .name(crate::language::LANG)
        .parameter_in(ParameterIn::Query)
        .required(Required::False)
        .description(Some(
            "The answer's language, over `Accept-Language`: localized content, taxonomy labels, problem titles and details, validation, eligibility and match messages. Field names, codes and rule ids never change.",
        ))
        .schema(Some(
            ObjectBuilder::new()
                .schema_type(Type::String)
                .enum_values(Some(["en", "fr"])),
        ))
        .build();
    let accept_language = ParameterBuilder::new()
        .name("Accept-Language")
        .parameter_in(ParameterIn::Header)
        .required(Required::False)
        .description(Some(
            "Languages by preference, with q-values (`fr-CA, en;q=0.5`); English when it names neither English nor French. The answer says which it used in `Content-Language`.",
        ))
        .schema(Some(ObjectBuilder::new().schema_type(Type::String)))
        .build();
    for (path, item) in document.paths.paths.iter_mut() {
        if !path.starts_with("/api/v1/") {
            continue;
        }
        for operation in operations_mut(item) {
            let parameters = operation.parameters.get_or_insert_with(Vec::new);
            parameters.push(RefOr::T(lang.clone()));
            parameters.push(RefOr::T(accept_language.clone()));
        }
    }
}

/// Every list and filter reads an empty query value (`?province=`) as the
/// parameter left out (docs/api-conventions.md), so each optional query
/// parameter's schema also admits the empty string.
fn allow_empty_query_values(document: &mut Document) {
    let empty: RefOr<Schema> = ObjectBuilder::new()
        .schema_type(Type::String)
        .max_length(Some(0))
        .into();
    for item in document.paths.paths.values_mut() {
        for operation in operations_mut(item) {
            let parameters = operation.parameters.iter_mut().flatten();
            let optional_in_query = parameters.filter_map(|parameter| match parameter {
                RefOr::T(parameter)
                    if parameter.parameter_in == ParameterIn::Query
                        && parameter.required == Required::False =>
                {
                    Some(parameter)
                }
                _ => None,
            });
            for parameter in optional_in_query {
                if let Some(schema) = parameter.schema.take() {
                    parameter.schema =
                        Some(AnyOfBuilder::new().item(schema).item(empty.clone()).into());
                }
            }
        }
    }
}

/// Documents the errors any operation of a kind can answer, so that no
/// operation forgets them: 500 and 503 everywhere, 401 where a token is
/// required, 400/413/415/422 where a body is read (400 for a cursor the API
/// did not issue on lists), 429 on the rate-limited `/auth/*`.
fn add_shared_error_responses(document: &mut Document) {
    let components = document.components.get_or_insert_with(Default::default);
    for (name, response) in problems::all() {
        components.responses.insert(name.to_owned(), response);
    }
    for (path, item) in document.paths.paths.iter_mut() {
        let rate_limited = path.starts_with("/api/v1/auth/");
        for operation in operations_mut(item) {
            let mut shared = vec![("500", "Internal")];
            if operation.security.as_ref().is_some_and(|s| !s.is_empty()) {
                shared.push(("401", "Unauthorized"));
            }
            if operation.request_body.is_some() {
                shared.extend([
                    ("400", "BadRequest"),
                    ("413", "PayloadTooLarge"),
                    ("415", "UnsupportedMediaType"),
                    ("422", "ValidationFailed"),
                ]);
            }
            let parameters = operation.parameters.as_deref().unwrap_or_default();
            let names_cursor = |parameter: &RefOr<Parameter>| matches!(parameter, RefOr::T(parameter) if ["cursor", "after"].contains(&parameter.name.as_str()));
            if parameters.iter().any(names_cursor) {
                shared.push(("400", "QueryRuleBroken"));
            } else if !parameters.is_empty() {
                shared.push(("400", "BadRequest"));
            }
            // Any operation may wait in vain for a database connection, or
            // find the instance shutting down.
            shared.push(("503", "Unavailable"));
            if rate_limited {
                shared.push(("429", "RateLimited"));
            }
            for (status, name) in shared {
                operation
                    .responses
                    .responses
                    .entry(status.to_owned())
                    .or_insert_with(|| problems::reference(name));
            }
        }
    }
}

/// The headers the middleware adds (`app.rs`, `http_cache.rs`): `nosniff` on
/// every answer, `Cache-Control: no-store` on every answer of a personal path
/// (docs/api-conventions.md, "Caching"). Written from the same
/// `http_cache::is_personal` the middleware asks, so the two agree.
fn add_shared_headers(document: &mut Document) {
    let header = |description: &str| {
        let mut header = utoipa::openapi::header::Header::default();
        header.description = Some(description.to_owned());
        RefOr::T(header)
    };
    let nosniff = header("Always `nosniff`: the media type is the one to use");
    let no_store = header("`no-store`: a personal answer no cache may keep");
    let mut responses: Vec<&mut utoipa::openapi::Response> = Vec::new();
    let mut personal: Vec<&mut utoipa::openapi::Response> = Vec::new();
    for (path, item) in document.paths.paths.iter_mut() {
        let is_personal = crate::http_cache::is_personal(path);
        for operation in operations_mut(item) {
            for response in operation.responses.responses.values_mut() {
                if let RefOr::T(response) = response {
                    if is_personal {
                        personal.push(response);
                    } else {
                        responses.push(response);
                    }
                }
            }
        }
    }
    for response in personal {
        response
            .headers
            .insert("Cache-Control".to_owned(), no_store.clone());
        responses.push(response);
    }
    if let Some(components) = document.components.as_mut() {
        responses.extend(components.responses.values_mut().filter_map(|r| match r {
            RefOr::T(response) => Some(response),
            RefOr::Ref(_) => None,
        }));
    }
    for response in responses {
        response
            .headers
            .insert("X-Content-Type-Options".to_owned(), nosniff.clone());
    }
}

fn operations_mut(
    item: &mut PathItem,
) -> impl Iterator<Item = &mut utoipa::openapi::path::Operation> {
    [
        item.get.as_mut(),
        item.put.as_mut(),
        item.post.as_mut(),
        item.delete.as_mut(),
        item.patch.as_mut(),
        item.head.as_mut(),
        item.options.as_mut(),
        item.trace.as_mut(),
    ]
    .into_iter()
    .flatten()
}

/// The POST routes that answer 401 to a caller without a token (their
/// security has no anonymous alternative), as `HttpRequest::match_pattern`
/// names them.
pub fn posts_requiring_sign_in() -> std::collections::HashSet<String> {
    let anonymous = utoipa::openapi::security::SecurityRequirement::default();
    document()
        .paths
        .paths
        .into_iter()
        .filter_map(|(path, item)| {
            let security = item.post?.security?;
            (!security.is_empty() && !security.contains(&anonymous)).then_some(path)
        })
        .collect()
}

/// The document as committed: pretty JSON with a final newline.
pub fn to_pretty_json(document: &Document) -> String {
    let mut json = document.to_pretty_json().unwrap_or_default();
    json.push('\n');
    json
}
