//! The outbox: messages queued for the mailer, readable by staff.

use actix_web::{HttpRequest, HttpResponse, get, web};
use chrono::{DateTime, Utc};
use greenlight_domain::Role;
use greenlight_store::outbox::{self, MessageFilter};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_actix_web::service_config::ServiceConfig;

use crate::auth::Caller;
use crate::error::ApiResult;
use crate::extract::Query;
use crate::openapi::problems::Forbidden;
use crate::pagination::{Cursor, Page, PageParams};
use crate::state::AppState;

pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(list_outbox);
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "id": "0193a5a4-8a9e-7c31-9f43-5b0c6f1d2e13",
    "to": "ada@example.org",
    "subject": "Confirm your subscription",
    "body": "Confirm with token ...",
    "kind": "subscription_confirmation",
    "created_at": "2026-11-22T16:00:00Z",
    "sent_at": null
}))]
pub struct MessageBody {
    pub id: String,
    pub to: String,
    pub subject: String,
    pub body: String,
    pub kind: String,
    pub created_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
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
}

/// Queued messages, oldest first (staff).
#[utoipa::path(
    tag = "notifications",
    security(("bearer" = [])),
    params(OutboxFilter, PageParams),
    responses(
        (status = 200, description = "A page of messages", body = Page<MessageBody>),
        (status = 304, description = "Not modified"),
        (status = 403, response = Forbidden),
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
    let filter = MessageFilter {
        kind: query.kind,
        recipient: query.to.map(|to| to.trim().to_lowercase()),
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
