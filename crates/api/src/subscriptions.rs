//! The notification list (CASL double opt-in): subscribing queues a
//! confirmation message; only confirmed addresses receive anything else, and
//! every message carries a token that unsubscribes.

use actix_web::{HttpRequest, HttpResponse, get, patch, post, web};
use chrono::NaiveDate;
use greenlight_catalogue::{ProgramQuery as CatalogueQuery, SearchText};
use greenlight_domain::{
    Audience, CareerStage, Delivery, Email, Format, Locale, Region, SubscriptionTopic, Topic,
    ValueError,
};
use greenlight_store::subscriptions::{self, Requested, Subscription};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_actix_web::service_config::ServiceConfig;

use crate::accounts;
use crate::auth::personal_token;
use crate::error::FieldError;
use crate::error::{ApiError, ApiResult, Wording};
use crate::extract::{Json, Query};
use crate::language::Lang;
use crate::notifications::{self, Notice, Recipient};
use crate::openapi::problems::{RateLimited, RuleBroken};
use crate::programs::SEARCH_TEXT_MAX;
use crate::state::AppState;
use crate::validate::{self, today};

pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(subscribe)
        .service(confirm)
        .service(unsubscribe)
        .service(one_click)
        .service(manage)
        .service(change_preferences);
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"email": "ada@example.org", "topics": ["new_programs", "deadlines"], "filters": {"career_stage": ["emerging"]}, "locale": "fr"}))]
pub struct SubscribeRequest {
    #[schema(format = "email", max_length = 254)]
    pub email: String,
    /// At least one.
    #[schema(value_type = Vec<SubscriptionTopic>, min_items = 1)]
    pub topics: Vec<String>,
    /// A saved search: `new_programs` and `deadlines` messages only about
    /// programs that match it. Applies once confirmed, like the topics.
    #[serde(default)]
    pub filters: Option<Filters>,
    /// `en` or `fr`: the language of every message to the address,
    /// the confirmation included. By default the language of this request
    /// (`?lang=`, `Accept-Language`). Applies once confirmed, like the
    /// topics.
    #[serde(default)]
    #[schema(value_type = Option<Locale>)]
    pub locale: Option<String>,
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
#[schema(example = json!({"email": "ada@example.org", "status": "confirmed", "topics": ["new_programs"], "filters": {"region": ["ON"]}, "locale": "fr"}))]
pub struct SubscriptionBody {
    pub email: String,
    /// `pending`, `confirmed` or `unsubscribed`.
    pub status: String,
    /// What the address receives.
    pub topics: Vec<SubscriptionTopic>,
    /// The saved search it hears about (`{}`: everything).
    pub filters: Filters,
    /// The language of every message to the address.
    pub locale: Locale,
}

impl From<Subscription> for SubscriptionBody {
    fn from(subscription: Subscription) -> Self {
        SubscriptionBody {
            email: subscription.email,
            status: subscription.status,
            topics: subscription.topics,
            filters: Filters::parse(subscription.filters.as_deref()).unwrap_or_default(),
            locale: subscription.locale,
        }
    }
}

/// A fresh secret token for a message and the digest that is stored.
fn new_token() -> (String, String) {
    let token = personal_token::generate();
    let digest = personal_token::digest(&token);
    (token, digest)
}

/// Subscribe an address. Answers the same whatever the address's state, so
/// that the answer reveals nothing about who is subscribed; the message
/// sent, in the requested `locale`, asks the address's owner to confirm.
/// An address is sent at most one confirmation an hour (a request within
/// the hour changes nothing), a confirmed address keeps receiving its
/// topics (and language) until it confirms new ones, and a request left
/// unconfirmed for 7 days expires. Each client address may make 20
/// requests an hour, 5 at once (by default).
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
    lang: Lang,
    body: Json<SubscribeRequest>,
) -> ApiResult<HttpResponse> {
    state.subscribe_limit.check(&req)?;
    let SubscribeRequest {
        email,
        topics,
        filters,
        locale,
    } = body.0;
    let filters = filters.unwrap_or_default();
    let (email, topics, _, locale) = validate::all((
        validate::parsed("email", Email::parse(&email)),
        parsed_topics(&topics, false),
        filters.query(today()),
        locale
            .map(|raw| accounts::locale(&raw, "locale"))
            .unwrap_or(Ok(lang.0)),
    ))?;
    let filters = filters.stored()?;
    let links = state.config.links();
    state
        .db(move |conn| {
            greenlight_store::transaction(conn, |conn| {
                let now = greenlight_store::ids::now();
                let (confirm_token, confirm_digest) = new_token();
                let Requested::ConfirmationDue(subscription) = subscriptions::request(
                    conn,
                    email.as_str(),
                    &topics,
                    locale,
                    &confirm_digest,
                    now,
                )?
                else {
                    return Ok(());
                };
                notifications::queue(
                    conn,
                    &links,
                    Recipient::Subscriber {
                        subscription_id: &subscription.id,
                        email: email.as_str(),
                        locale,
                    },
                    &Notice::SubscriptionConfirmation {
                        topics: &topics,
                        confirm_token: &confirm_token,
                        valid_days: subscriptions::CONFIRMATION_VALIDITY.num_days(),
                    },
                    None,
                )?;
                subscriptions::set_requested_filters(conn, &subscription.id, filters.as_deref())?;
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
        return Err(ApiError::validation(
            "token",
            Wording::of("validation-required", vec![]),
        ));
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
        .db(
            move |conn| match subscriptions::confirm(conn, &digest, greenlight_store::ids::now()) {
                Err(greenlight_store::StoreError::NotFound) => Err(ApiError::validation(
                    "token",
                    Wording::of("validation-confirmation-token", vec![]),
                )),
                other => Ok(other?),
            },
        )
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
        .db(move |conn| {
            unknown_token(subscriptions::unsubscribe(
                conn,
                &digest,
                greenlight_store::ids::now(),
            ))
        })
        .await?;
    Ok(HttpResponse::Ok().json(SubscriptionBody::from(subscription)))
}

/// The topics named in `raw`, each checked; at least one unless `may_be_empty`.
fn parsed_topics(
    raw: &[String],
    may_be_empty: bool,
) -> Result<Vec<SubscriptionTopic>, Vec<FieldError>> {
    let ((), topics) = validate::gathered((
        validate::require(
            may_be_empty || !raw.is_empty(),
            "topics",
            Wording::of("validation-topics-required", vec![]),
        ),
        raw.iter()
            .enumerate()
            .map(|(i, topic)| validate::parsed(&format!("topics[{i}]"), topic.parse()))
            .collect::<Vec<_>>(),
    ))?;
    Ok(topics)
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TokenParam {
    /// The token from a message of the notification list (its footer and
    /// `List-Unsubscribe` header carry it).
    #[param(min_length = 1, max_length = 200)]
    pub token: String,
}

/// The marker RFC 8058 requires in the body of a one-click unsubscribe.
const ONE_CLICK: (&str, &str) = ("List-Unsubscribe", "One-Click");

/// Leave the notification list with one click (RFC 8058): what a mail
/// client posts to the `List-Unsubscribe` URL, with the form body
/// `List-Unsubscribe=One-Click`. Posting again answers the same.
#[utoipa::path(
    tag = "notifications",
    params(TokenParam),
    request_body(content = String, content_type = "application/x-www-form-urlencoded",
        description = "`List-Unsubscribe=One-Click`", example = "List-Unsubscribe=One-Click"),
    responses(
        (status = 200, description = "The subscription, now unsubscribed", body = SubscriptionBody),
        (status = 422, response = RuleBroken),
    )
)]
#[post("/subscriptions/one-click")]
async fn one_click(
    state: web::Data<AppState>,
    query: Query<TokenParam>,
    body: web::Bytes,
) -> ApiResult<HttpResponse> {
    let asked = form_urlencoded::parse(&body)
        .any(|(key, value)| (key.as_ref(), value.as_ref()) == ONE_CLICK);
    if !asked {
        return Err(ApiError::validation(
            "List-Unsubscribe",
            Wording::of("validation-one-click", vec![]),
        ));
    }
    let digest = token_digest(&query.0.token)?;
    let subscription = state
        .db(move |conn| {
            unknown_token(subscriptions::unsubscribe(
                conn,
                &digest,
                greenlight_store::ids::now(),
            ))
        })
        .await?;
    Ok(HttpResponse::Ok().json(SubscriptionBody::from(subscription)))
}

/// A token from a list message that is unknown or more than a year old.
fn unknown_token<T>(result: Result<T, greenlight_store::StoreError>) -> ApiResult<T> {
    match result {
        Err(greenlight_store::StoreError::NotFound) => Err(ApiError::validation(
            "token",
            Wording::of("validation-list-token", vec![]),
        )),
        other => Ok(other?),
    }
}

/// The preference page of a subscription: what the address receives, read
/// with the token of any of its messages.
#[utoipa::path(
    tag = "notifications",
    params(TokenParam),
    responses(
        (status = 200, description = "The subscription", body = SubscriptionBody),
        (status = 422, response = RuleBroken),
    )
)]
#[get("/subscriptions/manage")]
async fn manage(state: web::Data<AppState>, query: Query<TokenParam>) -> ApiResult<HttpResponse> {
    let digest = token_digest(&query.0.token)?;
    let subscription = state
        .db(move |conn| {
            unknown_token(subscriptions::find_by_token(
                conn,
                &digest,
                greenlight_store::ids::now(),
            ))
        })
        .await?;
    Ok(HttpResponse::Ok()
        .insert_header(("Cache-Control", "no-store"))
        .json(SubscriptionBody::from(subscription)))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"topics": ["new_programs", "events"], "filters": {"format": ["lab"]}, "locale": "fr"}))]
pub struct PreferencesRequest {
    /// What the address receives from now on; `[]` leaves the list.
    #[schema(value_type = Option<Vec<SubscriptionTopic>>)]
    pub topics: Option<Vec<String>>,
    /// The saved search from now on; `{}` hears of everything.
    pub filters: Option<Filters>,
    /// `en` or `fr`: the language of the messages from now on.
    #[schema(value_type = Option<Locale>)]
    pub locale: Option<String>,
}

/// Change what a subscription receives and in which language, with the
/// token of any of its messages. The token proves the address, so new
/// topics apply at once.
#[utoipa::path(
    tag = "notifications",
    params(TokenParam),
    request_body = PreferencesRequest,
    responses(
        (status = 200, description = "The subscription as changed", body = SubscriptionBody),
        (status = 422, response = RuleBroken),
    )
)]
#[patch("/subscriptions/manage")]
async fn change_preferences(
    state: web::Data<AppState>,
    query: Query<TokenParam>,
    body: Json<PreferencesRequest>,
) -> ApiResult<HttpResponse> {
    let digest = token_digest(&query.0.token)?;
    let PreferencesRequest {
        topics,
        filters,
        locale,
    } = body.0;
    let (topics, _, locale) = validate::all((
        topics.map(|topics| parsed_topics(&topics, true)),
        filters.as_ref().map(|filters| filters.query(today())),
        locale.map(|raw| accounts::locale(&raw, "locale")),
    ))?;
    let filters = filters.map(|filters| filters.stored()).transpose()?;
    let subscription = state
        .db(move |conn| {
            unknown_token(subscriptions::set_preferences(
                conn,
                &digest,
                topics.as_deref(),
                filters.as_ref().map(Option::as_deref),
                locale,
                greenlight_store::ids::now(),
            ))
        })
        .await?;
    Ok(HttpResponse::Ok()
        .insert_header(("Cache-Control", "no-store"))
        .json(SubscriptionBody::from(subscription)))
}

/// A saved search: the `GET /programs` filters (same names, same meaning)
/// a subscription hears about. Empty hears of everything.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"career_stage": ["emerging"], "region": ["ON", "national"], "q": "documentary"}))]
pub struct Filters {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schema(value_type = Vec<CareerStage>)]
    pub career_stage: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schema(value_type = Vec<Format>)]
    pub format: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schema(value_type = Vec<Topic>)]
    pub topic: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schema(value_type = Vec<Region>)]
    pub region: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schema(value_type = Vec<Audience>)]
    pub audience: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schema(value_type = Vec<Delivery>)]
    pub delivery: Vec<String>,
    /// Full text, as `GET /programs?q=`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(max_length = 200)]
    pub q: Option<String>,
}

fn values<T: std::str::FromStr<Err = greenlight_domain::ValueError>>(
    field: &str,
    raw: &[String],
) -> Vec<Result<T, FieldError>> {
    raw.iter()
        .enumerate()
        .map(|(i, value)| validate::parsed(&format!("filters.{field}[{i}]"), value.parse()))
        .collect()
}

impl Filters {
    pub fn is_empty(&self) -> bool {
        self == &Filters::default()
    }

    /// The catalogue query these filters make, as `GET /programs` builds
    /// it, or every wrong value.
    pub fn query(&self, today: NaiveDate) -> Result<CatalogueQuery, Vec<FieldError>> {
        let text = match self.q.as_deref().map(str::trim) {
            None | Some("") => Ok(None),
            Some(raw) if raw.chars().count() > SEARCH_TEXT_MAX => Err(FieldError::new(
                "filters.q",
                ValueError::new("value-too-long", vec![("max", SEARCH_TEXT_MAX.to_string())]),
            )),
            Some(raw) => SearchText::parse(raw).map(Some).ok_or_else(|| {
                FieldError::new("filters.q", Wording::of("validation-search-text", vec![]))
            }),
        };
        let (text, career_stages, formats, topics, regions, audiences, deliveries) =
            validate::gathered((
                text,
                values("career_stage", &self.career_stage),
                values("format", &self.format),
                values("topic", &self.topic),
                values("region", &self.region),
                values("audience", &self.audience),
                values("delivery", &self.delivery),
            ))?;
        Ok(CatalogueQuery {
            text,
            career_stages,
            formats,
            topics,
            regions,
            audiences,
            deliveries,
            ..CatalogueQuery::everything(today)
        })
    }

    /// The filters as stored: `None` for none.
    fn stored(&self) -> Result<Option<String>, ApiError> {
        if self.is_empty() {
            return Ok(None);
        }
        serde_json::to_string(self)
            .map(Some)
            .map_err(ApiError::internal)
    }

    /// The filters a subscription stored: none stored is no filter;
    /// `None` for a value this version cannot read, which matches nothing
    /// rather than everything.
    pub fn parse(stored: Option<&str>) -> Option<Filters> {
        match stored {
            None => Some(Filters::default()),
            Some(json) => serde_json::from_str(json).ok(),
        }
    }
}
