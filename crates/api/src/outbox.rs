//! The outbox: every message the service writes and how its delivery went,
//! readable by staff, who may queue a failed or dead message again.

use actix_web::{HttpRequest, HttpResponse, get, post, web};
use chrono::{DateTime, Utc};
use greenlight_domain::{Locale, Role, ValueError};
use greenlight_store::StoreError;
use greenlight_store::outbox::{self, MessageFilter};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_actix_web::service_config::ServiceConfig;

use crate::auth::Caller;
use crate::error::{ApiError, ApiResult, Wording};
use crate::extract::Query;
use crate::openapi::problems::{Conflict, Forbidden, NotFound, RuleBroken};
use crate::pagination::{Cursor, Page, PageParams};
use crate::state::AppState;

pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(list_outbox).service(retry_message);
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "id": "0193a5a4-8a9e-7c31-9f43-5b0c6f1d2e13",
    "to": "ada@example.org",
    "subject": "Confirm your subscription",
    "body": "Confirm with token ...",
    "kind": "subscription_confirmation",
    "created_at": "2026-11-22T16:00:00Z",
    "sent_at": null,
    "status": "failed",
    "attempts": 2,
    "last_error": "451 4.3.0 try again later",
    "next_attempt_at": "2026-11-22T16:03:00Z",
    "locale": "en"
}))]
pub struct MessageBody {
    pub id: String,
    pub to: String,
    pub subject: String,
    pub body: String,
    pub kind: String,
    pub created_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
    /// `queued`, `sent`, `failed` (tried again at `next_attempt_at`) or
    /// `dead` (given up).
    pub status: String,
    /// Delivery attempts so far.
    pub attempts: u32,
    /// What the last failed attempt answered.
    pub last_error: Option<String>,
    /// When the next attempt is due, while there is one.
    pub next_attempt_at: Option<DateTime<Utc>>,
    /// The language the message is written in (its recipient's), which the
    /// mail names in `Content-Language`.
    pub locale: Locale,
}

impl From<outbox::Message> for MessageBody {
    fn from(message: outbox::Message) -> Self {
        MessageBody {
            id: message.id,
            to: message.recipient,
            subject: message.subject,
            body: message.body,
            kind: message.kind,
            created_at: message.created_at,
            sent_at: message.sent_at,
            status: message.status,
            attempts: message.attempts,
            last_error: message.last_error,
            next_attempt_at: message.next_attempt_at,
            locale: message.locale,
        }
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OutboxFilter {
    /// Only messages of this kind (e.g. `subscription_confirmation`).
    pub kind: Option<String>,
    /// Only messages to this address.
    pub to: Option<String>,
    /// Only messages in this state: `queued`, `sent`, `failed` or `dead`.
    pub status: Option<String>,
}

/// Messages and their delivery, oldest first (staff).
#[utoipa::path(
    tag = "notifications",
    security(("bearer" = [])),
    params(OutboxFilter, PageParams),
    responses(
        (status = 200, description = "A page of messages", body = Page<MessageBody>),
        (status = 304, description = "Not modified"),
        (status = 403, response = Forbidden),
        (status = 422, response = RuleBroken),
    )
)]
#[get("/outbox")]
async fn list_outbox(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Caller,
    query: Query<OutboxFilter>,
    page: Query<PageParams>,
) -> ApiResult<HttpResponse> {
    caller.require_any(&[Role::Staff])?;
    let query = query.0;
    let limit = page.0.limit()?;
    let after = page.0.after()?.map(|cursor| cursor.id);
    if let Some(status) = &query.status
        && !outbox::status::ALL.contains(&status.as_str())
    {
        return Err(ApiError::validation(
            "status",
            ValueError::new(
                "value-one-of",
                vec![("allowed", outbox::status::ALL.join(", "))],
            ),
        ));
    }
    let filter = MessageFilter {
        kind: query.kind,
        recipient: query.to.map(|to| to.trim().to_lowercase()),
        status: query.status,
    };
    let rows = state
        .db(move |conn| {
            Ok(outbox::list(
                conn,
                &filter,
                after.as_deref(),
                i64::from(limit) + 1,
            )?)
        })
        .await?;
    Page::from_rows(rows, limit, |m| Cursor::new(m.id.clone(), m.id.clone()))
        .map(MessageBody::from)
        .respond(&req)
}

/// Queue a `failed` or `dead` message again (staff): it is due at once,
/// with a fresh count of attempts.
#[utoipa::path(
    tag = "notifications",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The message's id")),
    responses(
        (status = 200, description = "The message, queued again", body = MessageBody),
        (status = 403, response = Forbidden),
        (status = 404, response = NotFound),
        (status = 409, response = Conflict),
    )
)]
#[post("/outbox/{id}/retry")]
async fn retry_message(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    caller.require_any(&[Role::Staff])?;
    let id = id.into_inner();
    let message = state
        .db(
            move |conn| match outbox::retry(conn, &id, greenlight_store::ids::now()) {
                Err(StoreError::Conflict { .. }) => Err(ApiError::Conflict(Wording::of(
                    "detail-message-not-retryable",
                    vec![],
                ))),
                other => Ok(other?),
            },
        )
        .await?;
    Ok(HttpResponse::Ok()
        .insert_header(("Cache-Control", "no-store"))
        .json(MessageBody::from(message)))
}
