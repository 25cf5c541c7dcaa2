//! Webhooks: partners (and staff) register an https endpoint for the events
//! they want; the worker posts each one, signed (docs/partners.md,
//! Webhooks). A partner sees only its own webhooks; staff see all.

use actix_web::{HttpRequest, HttpResponse, delete, get, patch, post, web};
use chrono::{DateTime, Utc};
use greenlight_domain::{Role, WebUrl, WebhookEvent, is_public_address};
use greenlight_store::StoreError;
use greenlight_store::webhooks::{self, Delivery, NewWebhook, Webhook, WebhookChanges};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::auth::Caller;
use crate::error::{ApiError, ApiResult, FieldError, Wording};
use crate::extract::{Json, Query};
use crate::http_cache;
use crate::notifications::webhooks::{self as delivery, ROTATION_GRACE};
use crate::openapi::problems::{Conflict, Forbidden, NotFound, RuleBroken};
use crate::pagination::{Cursor, Page, PageParams};
use crate::state::AppState;
use crate::validate;

pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(create_webhook)
        .service(list_webhooks)
        .service(get_webhook)
        .service(update_webhook)
        .service(delete_webhook)
        .service(rotate_secret)
        .service(ping)
        .service(list_deliveries)
        .service(redeliver);
}

/// How many webhooks one account may have: enough for a partner's sites
/// and environments, few enough that one account cannot multiply the
/// service's outgoing requests.
pub const WEBHOOKS_PER_OWNER: i64 = 10;
const DESCRIPTION_MAX: usize = 500;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "url": "https://partner.example/hooks/greenlight",
    "events": ["program.published", "program.unpublished"],
    "description": "Catalogue sync"
}))]
pub struct CreateWebhookRequest {
    /// An `https` address on the public internet.
    pub url: String,
    /// At least one of `program.published`, `program.updated`,
    /// `program.unpublished`, `cycle.opened`, `cycle.updated`,
    /// `event.published`, `event.updated`, `event.cancelled`, `ping`.
    pub events: Vec<String>,
    pub description: Option<String>,
}

/// A partial update: an absent field is left unchanged; `null` clears
/// `description`. `active: true` turns a webhook disabled by a 410 back on.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"events": ["program.published"], "active": true}))]
pub struct WebhookPatch {
    pub url: Option<String>,
    pub events: Option<Vec<String>>,
    #[serde(default, deserialize_with = "crate::extract::present")]
    #[schema(value_type = Option<String>)]
    pub description: Option<Option<String>>,
    pub active: Option<bool>,
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "id": "0193a5a4-8a9e-7c31-9f43-5b0c6f1d2e13",
    "url": "https://partner.example/hooks/greenlight",
    "events": ["program.published", "program.unpublished"],
    "description": "Catalogue sync",
    "active": true,
    "created_at": "2026-12-02T10:00:00Z",
    "updated_at": "2026-12-02T10:00:00Z"
}))]
pub struct WebhookBody {
    pub id: String,
    pub url: String,
    pub events: Vec<String>,
    pub description: Option<String>,
    /// `false` once the receiver answered 410 Gone (or after `PATCH` with
    /// `active: false`): nothing is delivered until it is `true` again.
    pub active: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<Webhook> for WebhookBody {
    fn from(webhook: Webhook) -> Self {
        WebhookBody {
            id: webhook.id,
            url: webhook.url,
            events: webhook.events,
            description: webhook.description,
            active: webhook.active,
            created_at: webhook.created_at,
            updated_at: webhook.updated_at,
        }
    }
}

/// A webhook with its signing secret, answered once: on creation and on
/// rotation.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "id": "0193a5a4-8a9e-7c31-9f43-5b0c6f1d2e13",
    "url": "https://partner.example/hooks/greenlight",
    "events": ["program.published"],
    "description": null,
    "active": true,
    "created_at": "2026-12-02T10:00:00Z",
    "updated_at": "2026-12-02T10:00:00Z",
    "secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSwMfKQ9r8GKYo="
}))]
pub struct WebhookWithSecret {
    #[serde(flatten)]
    pub webhook: WebhookBody,
    /// `whsec_` and the base64 of 32 random bytes: the HMAC-SHA256 key is
    /// the decoded bytes. Shown only in this answer.
    pub secret: String,
}

impl From<Webhook> for WebhookWithSecret {
    fn from(webhook: Webhook) -> Self {
        let secret = webhook.secret.clone();
        WebhookWithSecret {
            webhook: webhook.into(),
            secret,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "id": "0193a5b0-0c1d-7e2f-8a3b-4c5d6e7f8091",
    "event": "program.published",
    "status": "failed",
    "attempts": 2,
    "response_status": 503,
    "last_error": "answered 503 Service Unavailable",
    "next_attempt_at": "2026-12-02T10:04:00Z",
    "created_at": "2026-12-02T10:00:00Z"
}))]
pub struct DeliveryBody {
    /// Also the `webhook-id` header of every attempt, so a receiver can drop
    /// a repeat.
    pub id: String,
    pub event: String,
    /// `queued`, `sent`, `failed` (tried again at `next_attempt_at`) or
    /// `dead` (given up).
    pub status: String,
    pub attempts: u32,
    /// What the receiver answered last, if it answered.
    pub response_status: Option<u16>,
    /// Why the last attempt failed.
    pub last_error: Option<String>,
    pub next_attempt_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

impl From<Delivery> for DeliveryBody {
    fn from(delivery: Delivery) -> Self {
        DeliveryBody {
            id: delivery.id,
            event: delivery.event,
            status: delivery.status,
            attempts: delivery.attempts,
            response_status: delivery.response_status,
            last_error: delivery.last_error,
            next_attempt_at: delivery.next_attempt_at,
            created_at: delivery.created_at,
        }
    }
}

/// An `https` address (or `http` where private targets are allowed) whose
/// host, when written as an IP address, is public. A name is checked at
/// every connection, where it is resolved (`notifications::webhooks`).
fn target_url(raw: &str, allow_private: bool) -> Result<String, FieldError> {
    let url = WebUrl::parse(raw).map_err(|error| FieldError::new("url", error))?;
    let parsed = url::Url::parse(url.as_str()).map_err(|error| {
        FieldError::new(
            "url",
            Wording::of(
                "validation-url-unreadable",
                vec![("reason", error.to_string())],
            ),
        )
    })?;
    if allow_private {
        return Ok(url.as_str().to_owned());
    }
    validate::require(
        parsed.scheme() == "https",
        "url",
        Wording::of("validation-https", vec![]),
    )?;
    let literal = match parsed.host() {
        Some(url::Host::Ipv4(v4)) => Some(std::net::IpAddr::V4(v4)),
        Some(url::Host::Ipv6(v6)) => Some(std::net::IpAddr::V6(v6)),
        _ => None,
    };
    validate::require(
        literal.is_none_or(is_public_address),
        "url",
        Wording::of("validation-public-address", vec![]),
    )?;
    Ok(url.as_str().to_owned())
}

/// The event names, sorted and without repeats; each one the contract lists.
fn event_names(raw: &[String]) -> Result<Vec<String>, FieldError> {
    validate::require(
        !raw.is_empty(),
        "events",
        Wording::of("validation-events-required", vec![]),
    )?;
    let mut names = Vec::with_capacity(raw.len());
    for (index, name) in raw.iter().enumerate() {
        let event = validate::parsed(&format!("events[{index}]"), WebhookEvent::parse(name))?;
        names.push(event.as_str().to_owned());
    }
    names.sort();
    names.dedup();
    Ok(names)
}

fn description(raw: Option<&str>) -> Result<Option<String>, FieldError> {
    raw.map(|text| validate::long_text("description", text, 0, DESCRIPTION_MAX))
        .transpose()
        .map(|text| text.filter(|text| !text.is_empty()))
}

/// The webhook if the caller may see it: staff any, a partner its own;
/// anyone else's answers 404, as if it did not exist.
fn visible(caller: &Caller, webhook: Webhook) -> Result<Webhook, ApiError> {
    if caller.is_staff() || webhook.owner_id == caller.id() {
        Ok(webhook)
    } else {
        Err(ApiError::NotFound)
    }
}

fn find_visible(
    conn: &mut greenlight_store::AnyConnection,
    caller: &Caller,
    id: &str,
) -> Result<Webhook, ApiError> {
    visible(caller, webhooks::find(conn, id)?)
}

const WHO: [Role; 2] = [Role::Staff, Role::Partner];

/// Register a webhook (staff, partner). The answer holds the signing secret,
/// shown this once (`POST /webhooks/{id}/rotate-secret` issues another).
#[utoipa::path(
    tag = "partners",
    security(("bearer" = [])),
    request_body = CreateWebhookRequest,
    responses(
        (status = 422, response = RuleBroken),
        (status = 201, description = "The webhook and its secret", body = WebhookWithSecret,
            headers(("Location" = String, description = "The webhook's address"))),
        (status = 403, response = Forbidden),
        (status = 409, response = Conflict),
    )
)]
#[post("/webhooks")]
async fn create_webhook(
    state: web::Data<AppState>,
    caller: Caller,
    body: Json<CreateWebhookRequest>,
) -> ApiResult<HttpResponse> {
    caller.require_any(&WHO)?;
    let request = body.0;
    let (url, events, description) = validate::all((
        target_url(&request.url, state.config.webhook_allow_private),
        event_names(&request.events),
        description(request.description.as_deref()),
    ))?;
    let owner = caller.id().to_owned();
    let webhook = state
        .db(move |conn| {
            greenlight_store::transaction(conn, |conn| {
                // Counted under the owner's row lock, so concurrent
                // registrations cannot pass the bound.
                webhooks::lock_owner(conn, &owner)?;
                if webhooks::count_of(conn, &owner)? >= WEBHOOKS_PER_OWNER {
                    return Err(ApiError::Conflict(Wording::of(
                        "detail-webhooks-limit",
                        vec![("max", WEBHOOKS_PER_OWNER.to_string())],
                    )));
                }
                let secret = delivery::new_secret();
                Ok(webhooks::create(
                    conn,
                    &NewWebhook {
                        owner_id: &owner,
                        url: &url,
                        description: description.as_deref(),
                        events: &events,
                        secret: &secret,
                    },
                    greenlight_store::ids::now(),
                )?)
            })
        })
        .await?;
    Ok(HttpResponse::Created()
        .insert_header(("Location", format!("/api/v1/webhooks/{}", webhook.id)))
        .json(WebhookWithSecret::from(webhook)))
}

/// Webhooks, oldest first: a partner's own, or every one for staff.
#[utoipa::path(
    tag = "partners",
    security(("bearer" = [])),
    params(PageParams),
    responses(
        (status = 200, description = "A page of webhooks", body = Page<WebhookBody>),
        (status = 304, description = "Not modified"),
        (status = 403, response = Forbidden),
    )
)]
#[get("/webhooks")]
async fn list_webhooks(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Caller,
    page: Query<PageParams>,
) -> ApiResult<HttpResponse> {
    caller.require_any(&WHO)?;
    let limit = page.0.limit()?;
    let after = page.0.after()?.map(|cursor| cursor.id);
    let owner = (!caller.is_staff()).then(|| caller.id().to_owned());
    let rows = state
        .db(move |conn| {
            Ok(webhooks::list(
                conn,
                owner.as_deref(),
                after.as_deref(),
                i64::from(limit) + 1,
            )?)
        })
        .await?;
    Page::from_rows(rows, limit, |w| Cursor::new(w.id.clone(), w.id.clone()))
        .map(WebhookBody::from)
        .respond(&req)
}

/// One webhook (its owner, or staff).
#[utoipa::path(
    tag = "partners",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The webhook's id")),
    responses(
        (status = 200, description = "The webhook", body = WebhookBody),
        (status = 304, description = "Not modified"),
        (status = 403, response = Forbidden),
        (status = 404, response = NotFound),
    )
)]
#[get("/webhooks/{id}")]
async fn get_webhook(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    caller.require_any(&WHO)?;
    let id = id.into_inner();
    let webhook = state
        .db(move |conn| find_visible(conn, &caller, &id))
        .await?;
    http_cache::json_ok(&req, &WebhookBody::from(webhook))
}

/// Change a webhook (its owner, or staff); absent fields are left as they are.
#[utoipa::path(
    tag = "partners",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The webhook's id")),
    request_body = WebhookPatch,
    responses(
        (status = 422, response = RuleBroken),
        (status = 200, description = "The webhook", body = WebhookBody),
        (status = 403, response = Forbidden),
        (status = 404, response = NotFound),
    )
)]
#[patch("/webhooks/{id}")]
async fn update_webhook(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: Json<WebhookPatch>,
) -> ApiResult<HttpResponse> {
    caller.require_any(&WHO)?;
    let patch = body.0;
    let allow_private = state.config.webhook_allow_private;
    let (url, events, description) = validate::all((
        patch
            .url
            .as_deref()
            .map(|url| target_url(url, allow_private))
            .transpose(),
        patch.events.as_deref().map(event_names).transpose(),
        patch
            .description
            .map(|text| description(text.as_deref()))
            .transpose(),
    ))?;
    let changes = WebhookChanges {
        url,
        description,
        events,
        active: patch.active,
    };
    let id = id.into_inner();
    let webhook = state
        .db(move |conn| {
            find_visible(conn, &caller, &id)?;
            Ok(webhooks::update(
                conn,
                &id,
                &changes,
                greenlight_store::ids::now(),
            )?)
        })
        .await?;
    Ok(HttpResponse::Ok().json(WebhookBody::from(webhook)))
}

/// Remove a webhook and its deliveries (its owner, or staff).
#[utoipa::path(
    tag = "partners",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The webhook's id")),
    responses(
        (status = 204, description = "Removed"),
        (status = 403, response = Forbidden),
        (status = 404, response = NotFound),
    )
)]
#[delete("/webhooks/{id}")]
async fn delete_webhook(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    caller.require_any(&WHO)?;
    let id = id.into_inner();
    state
        .db(move |conn| {
            find_visible(conn, &caller, &id)?;
            Ok(webhooks::delete(conn, &id)?)
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Issue a new signing secret (its owner, or staff). For 24 hours the old
/// secret still signs each delivery, as a second `v1,` signature in
/// `webhook-signature`, so the receiver can switch without missing one.
#[utoipa::path(
    tag = "partners",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The webhook's id")),
    responses(
        (status = 200, description = "The webhook and its new secret", body = WebhookWithSecret),
        (status = 403, response = Forbidden),
        (status = 404, response = NotFound),
    )
)]
#[post("/webhooks/{id}/rotate-secret")]
async fn rotate_secret(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    caller.require_any(&WHO)?;
    let id = id.into_inner();
    let webhook = state
        .db(move |conn| {
            find_visible(conn, &caller, &id)?;
            let now = greenlight_store::ids::now();
            Ok(webhooks::rotate_secret(
                conn,
                &id,
                &delivery::new_secret(),
                now + ROTATION_GRACE,
                now,
            )?)
        })
        .await?;
    Ok(HttpResponse::Ok().json(WebhookWithSecret::from(webhook)))
}

/// Queue a `ping` delivery to the webhook (its owner, or staff), whatever
/// events it subscribes to; the worker posts it at its next round.
#[utoipa::path(
    tag = "partners",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The webhook's id")),
    responses(
        (status = 202, description = "The queued delivery", body = DeliveryBody),
        (status = 403, response = Forbidden),
        (status = 404, response = NotFound),
    )
)]
#[post("/webhooks/{id}/ping")]
async fn ping(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    caller.require_any(&WHO)?;
    let id = id.into_inner();
    let links = state.config.links();
    let queued = state
        .db(move |conn| {
            find_visible(conn, &caller, &id)?;
            Ok(delivery::ping(
                conn,
                &links,
                &id,
                greenlight_store::ids::now(),
            )?)
        })
        .await?;
    Ok(HttpResponse::Accepted().json(DeliveryBody::from(queued)))
}

/// The webhook's deliveries, newest first (its owner, or staff).
#[utoipa::path(
    tag = "partners",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The webhook's id"), PageParams),
    responses(
        (status = 200, description = "A page of deliveries", body = Page<DeliveryBody>),
        (status = 304, description = "Not modified"),
        (status = 403, response = Forbidden),
        (status = 404, response = NotFound),
    )
)]
#[get("/webhooks/{id}/deliveries")]
async fn list_deliveries(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    page: Query<PageParams>,
) -> ApiResult<HttpResponse> {
    caller.require_any(&WHO)?;
    let limit = page.0.limit()?;
    let before = page.0.after()?.map(|cursor| cursor.id);
    let id = id.into_inner();
    let rows = state
        .db(move |conn| {
            find_visible(conn, &caller, &id)?;
            Ok(webhooks::deliveries(
                conn,
                &id,
                before.as_deref(),
                i64::from(limit) + 1,
            )?)
        })
        .await?;
    Page::from_rows(rows, limit, |d| Cursor::new(d.id.clone(), d.id.clone()))
        .map(DeliveryBody::from)
        .respond(&req)
}

/// Deliver again (its owner, or staff): the delivery is due at once with a
/// fresh count of attempts, and keeps its id, so a receiver that has it
/// already can tell. 409 while it waits for its first attempt.
#[utoipa::path(
    tag = "partners",
    security(("bearer" = [])),
    params(
        ("id" = String, Path, description = "The webhook's id"),
        ("delivery" = String, Path, description = "The delivery's id"),
    ),
    responses(
        (status = 200, description = "The delivery, queued again", body = DeliveryBody),
        (status = 403, response = Forbidden),
        (status = 404, response = NotFound),
        (status = 409, response = Conflict),
    )
)]
#[post("/webhooks/{id}/deliveries/{delivery}/redeliver")]
async fn redeliver(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(String, String)>,
) -> ApiResult<HttpResponse> {
    caller.require_any(&WHO)?;
    let (id, delivery_id) = path.into_inner();
    let queued = state
        .db(move |conn| {
            find_visible(conn, &caller, &id)?;
            match webhooks::redeliver(conn, &id, &delivery_id, greenlight_store::ids::now()) {
                Err(StoreError::Conflict { .. }) => Err(ApiError::Conflict(Wording::of(
                    "detail-delivery-queued",
                    vec![],
                ))),
                other => Ok(other?),
            }
        })
        .await?;
    Ok(HttpResponse::Ok().json(DeliveryBody::from(queued)))
}
