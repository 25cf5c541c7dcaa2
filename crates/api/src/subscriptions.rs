//! The notification list (CASL double opt-in): subscribing queues a
//! confirmation message; only confirmed addresses receive anything else, and
//! every message carries a token that unsubscribes.

use actix_web::{HttpRequest, HttpResponse, post, web};
use greenlight_domain::{Email, Program, SubscriptionTopic};
use greenlight_store::AnyConnection;
use greenlight_store::outbox::{self, NewMessage};
use greenlight_store::subscriptions::{self, Requested, Subscription};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::auth::personal_token;
use crate::error::{ApiError, ApiResult};
use crate::extract::Json;
use crate::openapi::problems::{RateLimited, RuleBroken};
use crate::state::AppState;
use crate::validate;

pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(subscribe).service(confirm).service(unsubscribe);
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"email": "ada@example.org", "topics": ["new_programs", "deadlines"]}))]
pub struct SubscribeRequest {
    #[schema(format = "email", max_length = 254)]
    pub email: String,
    /// At least one.
    #[schema(value_type = Vec<SubscriptionTopic>, min_items = 1)]
    pub topics: Vec<String>,
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"status": "confirmation_sent", "detail": "If this address can receive mail, a message with a confirmation token is on its way. Nothing is sent before it is confirmed."}))]
pub struct SubscribeAccepted {
    pub status: &'static str,
    pub detail: &'static str,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"token": "glp_3q2-7wEjR3kq9oVb1c4xYz0aH6s8dF5gJ2lK7mN1pQ"}))]
pub struct SubscriptionTokenRequest {
    /// The token from a message of the notification list.
    pub token: String,
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"email": "ada@example.org", "status": "confirmed", "topics": ["new_programs"]}))]
pub struct SubscriptionBody {
    pub email: String,
    /// `pending`, `confirmed` or `unsubscribed`.
    pub status: String,
    /// What the address receives.
    pub topics: Vec<SubscriptionTopic>,
}

impl From<Subscription> for SubscriptionBody {
    fn from(subscription: Subscription) -> Self {
        SubscriptionBody {
            email: subscription.email,
            status: subscription.status,
            topics: subscription.topics,
        }
    }
}

/// A fresh secret token for a message and the digest that is stored.
fn new_token() -> (String, String) {
    let token = personal_token::generate();
    let digest = personal_token::digest(&token);
    (token, digest)
}

fn unsubscribe_footer(token: &str) -> String {
    format!(
        "\n\n--\nYou receive this because you subscribed to the Greenlight notification list. \
         To unsubscribe, POST {{\"token\": \"{token}\"}} to /api/v1/subscriptions/unsubscribe."
    )
}

/// Subscribe an address. Answers the same whatever the address's state, so
/// that the answer reveals nothing about who is subscribed; the message
/// sent asks the address's owner to confirm. An address is sent at most one
/// confirmation an hour (a request within the hour changes nothing), a
/// confirmed address keeps receiving its topics until it confirms new ones,
/// and a request left unconfirmed for 7 days expires. Each client address
/// may make 20 requests an hour, 5 at once (by default).
#[utoipa::path(
    tag = "notifications",
    request_body = SubscribeRequest,
    responses(
        (status = 422, response = RuleBroken),
        (status = 202, description = "A confirmation message is queued, unless one went to the address within the hour", body = SubscribeAccepted),
        (status = 429, response = RateLimited),
    )
)]
#[post("/subscriptions")]
async fn subscribe(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: Json<SubscribeRequest>,
) -> ApiResult<HttpResponse> {
    state.subscribe_limit.check(&req)?;
    let SubscribeRequest { email, topics } = body.0;
    let (email, (), topics) = validate::all((
        validate::parsed("email", Email::parse(&email)),
        validate::require(
            !topics.is_empty(),
            "topics",
            "must list at least one of new_programs, events, deadlines",
        ),
        topics
            .iter()
            .enumerate()
            .map(|(i, raw)| {
                validate::parsed(&format!("topics[{i}]"), raw.parse::<SubscriptionTopic>())
            })
            .collect::<Vec<_>>(),
    ))?;
    state
        .db(move |conn| {
            greenlight_store::transaction(conn, |conn| {
                let now = greenlight_store::ids::now();
                let (confirm_token, confirm_digest) = new_token();
                let Requested::ConfirmationDue(subscription) =
                    subscriptions::request(conn, email.as_str(), &topics, &confirm_digest, now)?
                else {
                    return Ok(());
                };
                let (unsubscribe_token, unsubscribe_digest) = new_token();
                subscriptions::add_unsubscribe_token(
                    conn,
                    &subscription.id,
                    &unsubscribe_digest,
                    now,
                )?;
                let listed: Vec<&str> = topics.iter().map(|t| t.label()).collect();
                let body = format!(
                    "Someone (we hope you) asked to receive Greenlight news about: {}.\n\n\
                     To confirm, POST {{\"token\": \"{confirm_token}\"}} to /api/v1/subscriptions/confirm \
                     within {} days. If you did not ask, ignore this message: nothing more will be sent.{}",
                    listed.join(", "),
                    subscriptions::CONFIRMATION_VALIDITY.num_days(),
                    unsubscribe_footer(&unsubscribe_token)
                );
                outbox::enqueue(
                    conn,
                    &NewMessage {
                        recipient: email.as_str(),
                        subject: "Confirm your Greenlight subscription",
                        body: &body,
                        kind: "subscription_confirmation",
                        dedupe_key: None,
                    },
                )?;
                Ok::<_, ApiError>(())
            })
        })
        .await?;
    Ok(HttpResponse::Accepted().json(SubscribeAccepted {
        status: "confirmation_sent",
        detail: "If this address can receive mail, a message with a confirmation token is on its way. Nothing is sent before it is confirmed.",
    }))
}

fn token_digest(raw: &str) -> Result<String, ApiError> {
    let token = raw.trim();
    if token.is_empty() {
        return Err(ApiError::validation("token", "is required"));
    }
    Ok(personal_token::digest(token))
}

/// Confirm a subscription with the token from its confirmation message.
#[utoipa::path(
    tag = "notifications",
    request_body = SubscriptionTokenRequest,
    responses(
        (status = 422, response = RuleBroken),(status = 200, description = "The confirmed subscription", body = SubscriptionBody))
)]
#[post("/subscriptions/confirm")]
async fn confirm(
    state: web::Data<AppState>,
    body: Json<SubscriptionTokenRequest>,
) -> ApiResult<HttpResponse> {
    let digest = token_digest(&body.0.token)?;
    let subscription = state
        .db(move |conn| match subscriptions::confirm(conn, &digest, greenlight_store::ids::now()) {
            Err(greenlight_store::StoreError::NotFound) => Err(ApiError::validation(
                "token",
                "is not a confirmation token that can still be used: it is unknown, already used or expired; subscribe again for a new one",
            )),
            other => Ok(other?),
        })
        .await?;
    Ok(HttpResponse::Ok().json(SubscriptionBody::from(subscription)))
}

/// Leave the notification list with the token any of its messages carries.
#[utoipa::path(
    tag = "notifications",
    request_body = SubscriptionTokenRequest,
    responses(
        (status = 422, response = RuleBroken),(status = 200, description = "The subscription, now unsubscribed", body = SubscriptionBody))
)]
#[post("/subscriptions/unsubscribe")]
async fn unsubscribe(
    state: web::Data<AppState>,
    body: Json<SubscriptionTokenRequest>,
) -> ApiResult<HttpResponse> {
    let digest = token_digest(&body.0.token)?;
    let subscription = state
        .db(
            move |conn| match subscriptions::unsubscribe(conn, &digest, greenlight_store::ids::now()) {
                Err(greenlight_store::StoreError::NotFound) => Err(ApiError::validation(
                    "token",
                    "is not an unsubscribe token from one of our messages of the last year; use the one in a recent message",
                )),
                other => Ok(other?),
            },
        )
        .await?;
    Ok(HttpResponse::Ok().json(SubscriptionBody::from(subscription)))
}

/// Queues one `new_program` message per confirmed `new_programs` subscriber.
/// Each is keyed by program and subscriber, so announcing twice sends once.
pub(crate) fn announce_new_program(
    conn: &mut AnyConnection,
    program: &Program,
) -> Result<(), ApiError> {
    let subject = format!("New in the catalogue: {}", program.content.title);
    for (subscription_id, email) in
        subscriptions::confirmed_for(conn, SubscriptionTopic::NewPrograms)?
    {
        let (token, digest) = new_token();
        let body = format!(
            "{} ({}) is now in the Greenlight catalogue.\n\n{}\n\nDetails: /api/v1/programs/{}{}",
            program.content.title,
            program.provider_name,
            program.content.summary,
            program.slug,
            unsubscribe_footer(&token)
        );
        let dedupe_key = format!("new_program:{}:{subscription_id}", program.id);
        let queued = outbox::enqueue(
            conn,
            &NewMessage {
                recipient: &email,
                subject: &subject,
                body: &body,
                kind: "new_program",
                dedupe_key: Some(&dedupe_key),
            },
        )?;
        if queued {
            subscriptions::add_unsubscribe_token(
                conn,
                &subscription_id,
                &digest,
                greenlight_store::ids::now(),
            )?;
        }
    }
    Ok(())
}
