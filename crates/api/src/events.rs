//! Events of the module series, registrations with a waitlist, and the
//! iCalendar feed of upcoming events.

use actix_web::{HttpRequest, HttpResponse, delete, get, post, web};
use chrono::{DateTime, NaiveDate, SubsecRound, Utc};
use greenlight_domain::l10n::Arg;
use greenlight_domain::{DefinedTerm, EventKind, Locale, Role, TimeZoneName, Translations, WebUrl};
use greenlight_store::StoreError;
use greenlight_store::events::{
    self, Event, EventFilter, EventKey, NewEvent, Registration, RegistrationKey, RegistrationStatus,
};
use icalendar::{Component, EventLike};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_actix_web::service_config::ServiceConfig;

use crate::auth::{Caller, MaybeCaller};
use crate::error::{ApiError, ApiResult, FieldError, Wording};
use crate::extract::{Json, Query};
use crate::http_cache;
use crate::language::{Lang, MESSAGES};
use crate::notifications::{self, webhooks};
use crate::openapi::problems::{Conflict, Forbidden, NotFound, RuleBroken};
use crate::pagination::bad_cursor;
use crate::pagination::{Cursor, Page, PageParams};
use crate::state::AppState;
use crate::translations::{Translatable, field, localize};
use crate::validate;

pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(create_event)
        .service(list_events)
        .service(get_event)
        .service(register)
        .service(my_registration)
        .service(cancel_registration)
        .service(list_registrations);
}

/// `GET /feeds/events.ics`, mounted apart so that it sits with the other feeds.
pub fn feed_routes(cfg: &mut ServiceConfig) {
    cfg.service(events_feed);
}

/// Who may take a seat at an event: anyone signed in, except that a
/// members-only event is for representatives of members in good standing
/// (and staff). The same callers, and only they, see a members-only
/// event's `online_url`.
fn may_register(caller: &Caller, event: &Event) -> bool {
    !event.members_only || caller.has_member_privileges()
}

/// The event as `caller` may see it: a members-only join link is kept from
/// anyone who may not register (anonymous callers included).
pub(crate) fn shown_to(caller: Option<&Caller>, mut event: Event) -> EventBody {
    if event.members_only && !caller.is_some_and(|caller| may_register(caller, &event)) {
        event.online_url = None;
    }
    event.into()
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "title": "Working with your bank: project financing",
    "kind": "webinar",
    "starts_at": "2026-12-03T17:00:00Z",
    "ends_at": "2026-12-03T18:30:00Z",
    "timezone": "America/Toronto",
    "location": null,
    "online_url": "https://example.org/webinars/banking-101",
    "capacity": 100,
    "members_only": true,
    "translations": {"fr": {"title": "Travailler avec votre banque : le financement de projets"}}
}))]
pub struct CreateEventRequest {
    #[schema(min_length = 1, max_length = 200, pattern = r"\S")]
    pub title: String,
    #[schema(value_type = EventKind)]
    pub kind: String,
    /// RFC 3339 with an offset (`Z` or `-05:00`); stored and served in UTC.
    #[schema(value_type = DateTime<Utc>)]
    pub starts_at: String,
    /// After `starts_at`.
    #[schema(value_type = DateTime<Utc>)]
    pub ends_at: String,
    /// The IANA time zone the event is announced in, such as `America/Toronto`.
    #[schema(example = "America/Toronto")]
    pub timezone: String,
    /// Where it happens in person. Optional, like `online_url`: a venue may be
    /// announced later.
    #[schema(max_length = 300)]
    pub location: Option<String>,
    /// An absolute http(s) address where it happens online; absent or null
    /// when there is none (yet).
    #[schema(format = "uri", max_length = 2048)]
    pub online_url: Option<String>,
    /// Seats; registrations beyond it join the waitlist.
    #[schema(minimum = 1, maximum = 100000)]
    pub capacity: i64,
    /// Only representatives of members in good standing (and staff) may
    /// register, and only they are shown its `online_url`.
    pub members_only: bool,
    /// The French `title`.
    #[serde(default)]
    pub translations: Translations,
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "id": "0193a5a4-8a9e-7c31-9f43-5b0c6f1d2e30",
    "module_id": "0193a5a4-8a9e-7c31-9f43-5b0c6f1d2e20",
    "title": "Working with your bank: project financing",
    "kind": "webinar",
    "starts_at": "2026-12-03T17:00:00Z",
    "ends_at": "2026-12-03T18:30:00Z",
    "timezone": "America/Toronto",
    "location": null,
    "online_url": "https://example.org/webinars/banking-101",
    "capacity": 100,
    "members_only": true,
    "translations": {"fr": {"title": "Travailler avec votre banque : le financement de projets"}},
    "created_at": "2026-11-22T16:00:00Z",
    "updated_at": "2026-11-22T16:00:00Z"
}))]
pub struct EventBody {
    pub id: String,
    pub module_id: String,
    pub title: String,
    pub kind: EventKind,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub timezone: String,
    pub location: Option<String>,
    /// For a `members_only` event, given only to callers who may register
    /// (representatives of members in good standing, staff).
    pub online_url: Option<String>,
    pub capacity: i32,
    pub members_only: bool,
    /// The French `title` as written; `title` shows it when French is asked
    /// for.
    pub translations: Translations,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl EventBody {
    /// The event with its title in `locale`.
    pub fn localized(mut self, locale: Locale) -> Self {
        localize(&mut self.title, &self.translations, locale, |t| {
            t.title.as_ref()
        });
        self
    }
}

impl From<Event> for EventBody {
    fn from(event: Event) -> Self {
        EventBody {
            id: event.id,
            module_id: event.module_id,
            title: event.title,
            kind: event.kind,
            starts_at: event.starts_at,
            ends_at: event.ends_at,
            timezone: event.timezone,
            location: event.location,
            online_url: event.online_url,
            capacity: event.capacity,
            members_only: event.members_only,
            translations: event.translations,
            created_at: event.created_at,
            updated_at: event.updated_at,
        }
    }
}

/// An event with how full it is.
#[derive(Debug, Serialize, ToSchema)]
pub struct EventDetail {
    #[serde(flatten)]
    pub event: EventBody,
    /// People holding a seat.
    pub registered_count: i64,
    /// People waiting for a seat.
    pub waitlisted_count: i64,
    /// Seats still free; 0 once registrations go to the waitlist.
    pub seats_left: i64,
}

const TITLE_MAX: usize = 200;
const LOCATION_MAX: usize = 300;
const CAPACITY: std::ops::RangeInclusive<i64> = 1..=100_000;

const TRANSLATABLE: [Translatable; 1] = [field("title", TITLE_MAX, false)];

struct ValidEvent {
    title: String,
    kind: EventKind,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    timezone: TimeZoneName,
    location: Option<String>,
    online_url: Option<WebUrl>,
    capacity: i32,
    members_only: bool,
    translations: Translations,
}

fn timestamp(raw: &str, field: &str) -> Result<DateTime<Utc>, FieldError> {
    DateTime::parse_from_rfc3339(raw.trim())
        // PostgreSQL keeps microseconds; cut the rest so what is read back equals what was sent.
        .map(|at| at.with_timezone(&Utc).trunc_subsecs(6))
        .map_err(|_| FieldError::new(field, Wording::of("validation-timestamp", vec![])))
}

fn validate(request: CreateEventRequest) -> Result<ValidEvent, ApiError> {
    let starts_at = timestamp(&request.starts_at, "starts_at");
    let ends_at = timestamp(&request.ends_at, "ends_at");
    let in_order = match (&starts_at, &ends_at) {
        (Ok(starts_at), Ok(ends_at)) => ends_at > starts_at,
        _ => true,
    };
    let location = request
        .location
        .as_deref()
        .map(|raw| validate::text("location", raw, 0, LOCATION_MAX))
        .transpose()
        .map(|location| location.filter(|location| !location.is_empty()));
    let capacity = i32::try_from(request.capacity)
        .ok()
        .filter(|_| CAPACITY.contains(&request.capacity))
        .ok_or_else(|| {
            FieldError::new(
                "capacity",
                Wording::between(CAPACITY.start(), CAPACITY.end()),
            )
        });
    let (
        title,
        kind,
        starts_at,
        ends_at,
        (),
        timezone,
        location,
        online_url,
        capacity,
        translations,
    ) = validate::all((
        validate::text("title", &request.title, 1, TITLE_MAX),
        validate::parsed("kind", request.kind.parse::<EventKind>()),
        starts_at,
        ends_at,
        validate::require(
            in_order,
            "ends_at",
            Wording::of("validation-after", vec![("other", "starts_at".into())]),
        ),
        validate::parsed("timezone", TimeZoneName::parse(&request.timezone)),
        location,
        request
            .online_url
            .as_deref()
            .map(|raw| validate::parsed("online_url", WebUrl::parse(raw))),
        capacity,
        crate::translations::checked(request.translations, &TRANSLATABLE),
    ))?;
    Ok(ValidEvent {
        title,
        kind,
        starts_at,
        ends_at,
        timezone,
        location,
        online_url,
        capacity,
        members_only: request.members_only,
        translations,
    })
}

/// Add an event to a module (staff); `events` subscribers hear of it.
#[utoipa::path(
    tag = "events",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The module's id")),
    request_body = CreateEventRequest,
    responses(
        (status = 422, response = RuleBroken),
        (status = 201, description = "The event", body = EventBody,
            headers(("Location" = String, description = "The event's address"))),
        (status = 403, response = Forbidden),
        (status = 404, response = NotFound),
    )
)]
#[post("/modules/{id}/events")]
async fn create_event(
    state: web::Data<AppState>,
    caller: Caller,
    lang: Lang,
    id: web::Path<String>,
    body: Json<CreateEventRequest>,
) -> ApiResult<HttpResponse> {
    caller.require_any(&[Role::Staff])?;
    let valid = validate(body.0)?;
    let module_id = id.into_inner();
    let links = state.config.links();
    let event = state
        .db(move |conn| {
            greenlight_store::transaction(conn, |conn| {
                let event = events::create(
                    conn,
                    &module_id,
                    &NewEvent {
                        title: &valid.title,
                        kind: valid.kind,
                        starts_at: valid.starts_at,
                        ends_at: valid.ends_at,
                        timezone: &valid.timezone,
                        location: valid.location.as_deref(),
                        online_url: valid.online_url.as_ref(),
                        capacity: valid.capacity,
                        members_only: valid.members_only,
                        translations: &valid.translations,
                    },
                )?;
                webhooks::event_published(conn, &links, &event)?;
                notifications::announce_new_event(conn, &event)?;
                Ok::<_, ApiError>(event)
            })
        })
        .await?;
    Ok(HttpResponse::Created()
        .insert_header(("Location", format!("/api/v1/events/{}", event.id)))
        .json(EventBody::from(event).localized(lang.0)))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct EventListFilter {
    /// Only events starting on or after this date (`YYYY-MM-DD`, compared
    /// with the UTC date of `starts_at`).
    pub from: Option<NaiveDate>,
    /// Only events starting on or before this date (`YYYY-MM-DD`, inclusive,
    /// compared with the UTC date of `starts_at`).
    pub to: Option<NaiveDate>,
    /// Only the events of this module.
    pub module_id: Option<String>,
}

impl EventListFilter {
    fn into_store(self) -> Result<EventFilter, ApiError> {
        if let (Some(from), Some(to)) = (self.from, self.to)
            && from > to
        {
            return Err(ApiError::BadRequest(Wording::of(
                "detail-events-from-after-to",
                vec![("from", from.to_string()), ("to", to.to_string())],
            )));
        }
        let midnight = |date: NaiveDate| date.and_time(chrono::NaiveTime::MIN).and_utc();
        Ok(EventFilter {
            starts_from: self.from.map(midnight),
            // The day after `to` has no successor only at chrono's last date,
            // where "before the end of time" is no limit at all.
            starts_before: self.to.and_then(|to| to.succ_opt()).map(midnight),
            ends_after: None,
            module_id: self.module_id,
        })
    }
}

/// Events by start time, then id. A token is optional; with one that may
/// register, members-only events show their `online_url`.
#[utoipa::path(
    tag = "events",
    security((), ("bearer" = [])),
    params(EventListFilter, PageParams),
    responses(
        (status = 200, description = "A page of events", body = Page<EventBody>),
        (status = 304, description = "Not modified"),
    )
)]
#[get("/events")]
async fn list_events(
    req: HttpRequest,
    state: web::Data<AppState>,
    lang: Lang,
    caller: MaybeCaller,
    filter: Query<EventListFilter>,
    page: Query<PageParams>,
) -> ApiResult<HttpResponse> {
    let filter = filter.0.into_store()?;
    let limit = page.0.limit()?;
    let after = page
        .0
        .after()?
        .map(|cursor| {
            DateTime::parse_from_rfc3339(&cursor.key)
                .map(|at| EventKey {
                    starts_at: at.with_timezone(&Utc),
                    id: cursor.id,
                })
                .map_err(|_| bad_cursor())
        })
        .transpose()?;
    let rows = state
        .db(move |conn| {
            Ok(events::list(
                conn,
                &filter,
                after.as_ref(),
                i64::from(limit) + 1,
            )?)
        })
        .await?;
    Page::from_rows(rows, limit, |e| {
        Cursor::new(e.starts_at.to_rfc3339(), e.id.clone())
    })
    .map(|event| shown_to(caller.0.as_ref(), event).localized(lang.0))
    .respond(&req)
}

/// One event, with its registration counts and seats left (`online_url` as
/// for the list).
#[utoipa::path(
    tag = "events",
    security((), ("bearer" = [])),
    params(("id" = String, Path, description = "The event's id")),
    responses(
        (status = 200, description = "The event", body = EventDetail),
        (status = 304, description = "Not modified"),
        (status = 404, response = NotFound),
    )
)]
#[get("/events/{id}")]
async fn get_event(
    req: HttpRequest,
    state: web::Data<AppState>,
    lang: Lang,
    caller: MaybeCaller,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let (event, counts) = state
        .db(move |conn| {
            let event = events::find(conn, &id)?;
            let counts = events::counts(conn, &id)?;
            Ok((event, counts))
        })
        .await?;
    let seats_left = (i64::from(event.capacity) - counts.registered).max(0);
    http_cache::json_ok(
        &req,
        &EventDetail {
            event: shown_to(caller.0.as_ref(), event).localized(lang.0),
            registered_count: counts.registered,
            waitlisted_count: counts.waitlisted,
            seats_left,
        },
    )
}

#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum RegistrationStatusBody {
    /// Holds a seat.
    Registered,
    /// Waits for a seat; the first in line gets the next one freed.
    Waitlisted,
}

impl From<RegistrationStatus> for RegistrationStatusBody {
    fn from(status: RegistrationStatus) -> Self {
        match status {
            RegistrationStatus::Registered => RegistrationStatusBody::Registered,
            RegistrationStatus::Waitlisted => RegistrationStatusBody::Waitlisted,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "event_id": "0193a5a4-8a9e-7c31-9f43-5b0c6f1d2e30",
    "user_id": "0193a5a4-8a9e-7c31-9f43-5b0c6f1d2e11",
    "status": "waitlisted",
    "registered_at": "2026-11-22T16:05:00Z"
}))]
pub struct RegistrationBody {
    pub event_id: String,
    pub user_id: String,
    pub status: RegistrationStatusBody,
    pub registered_at: DateTime<Utc>,
}

impl From<Registration> for RegistrationBody {
    fn from(registration: Registration) -> Self {
        RegistrationBody {
            event_id: registration.event_id,
            user_id: registration.user_id,
            status: registration.status.into(),
            registered_at: registration.registered_at,
        }
    }
}

/// One line of an event's registration list.
#[derive(Debug, Serialize, ToSchema)]
pub struct RegistrationItem {
    pub user_id: String,
    pub status: RegistrationStatusBody,
    pub registered_at: DateTime<Utc>,
}

impl From<Registration> for RegistrationItem {
    fn from(registration: Registration) -> Self {
        RegistrationItem {
            user_id: registration.user_id,
            status: registration.status.into(),
            registered_at: registration.registered_at,
        }
    }
}

/// Register the caller for an event: a seat while one is free, else the
/// waitlist.
#[utoipa::path(
    tag = "events",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The event's id")),
    responses(
        (status = 201, description = "Registered (`registered`) or on the waitlist (`waitlisted`)", body = RegistrationBody,
            headers(("Location" = String, description = "The caller's registration"))),
        (status = 403, response = Forbidden),
        (status = 404, response = NotFound),
        (status = 409, response = Conflict),
    )
)]
#[post("/events/{id}/registrations")]
async fn register(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let event_id = id.into_inner();
    let registration = state
        .db(move |conn| {
            let event = events::find(conn, &event_id)?;
            if !may_register(&caller, &event) {
                return Err(ApiError::Forbidden(Wording::of(
                    "detail-event-members-only",
                    vec![],
                )));
            }
            if event.starts_at <= greenlight_store::ids::now() {
                return Err(ApiError::Conflict(Wording::of(
                    "detail-registration-closed",
                    vec![("at", event.starts_at.to_rfc3339())],
                )));
            }
            events::register(conn, &event.id, caller.id()).map_err(|error| match error {
                StoreError::Conflict { .. } => {
                    ApiError::Conflict(Wording::of("detail-already-registered", vec![]))
                }
                other => other.into(),
            })
        })
        .await?;
    Ok(HttpResponse::Created()
        .insert_header((
            "Location",
            format!("/api/v1/events/{}/registrations/me", registration.event_id),
        ))
        .json(RegistrationBody::from(registration)))
}

/// The caller's registration for an event.
#[utoipa::path(
    tag = "events",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The event's id")),
    responses(
        (status = 200, description = "The caller's registration", body = RegistrationBody),
        (status = 304, description = "Not modified"),
        (status = 404, response = NotFound),
    )
)]
#[get("/events/{id}/registrations/me")]
async fn my_registration(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let event_id = id.into_inner();
    let registration = state
        .db(move |conn| Ok(events::registration_of(conn, &event_id, caller.id())?))
        .await?;
    http_cache::json_ok(&req, &RegistrationBody::from(registration))
}

/// Cancel the caller's registration; the first person on the waitlist takes
/// the seat it frees and is sent a message saying so.
#[utoipa::path(
    tag = "events",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The event's id")),
    responses(
        (status = 204, description = "Cancelled"),
        (status = 404, response = NotFound),
    )
)]
#[delete("/events/{id}/registrations/me")]
async fn cancel_registration(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let event_id = id.into_inner();
    let links = state.config.links();
    state
        .db(move |conn| {
            greenlight_store::transaction(conn, |conn| {
                let promoted = events::cancel(conn, &event_id, caller.id())?;
                if !promoted.is_empty() {
                    let event = events::find(conn, &event_id)?;
                    notifications::tell_promoted(conn, &links, &event, &promoted)?;
                }
                Ok::<_, ApiError>(())
            })
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Everyone registered or waitlisted, in registration order (staff).
#[utoipa::path(
    tag = "events",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The event's id"), PageParams),
    responses(
        (status = 200, description = "A page of registrations", body = Page<RegistrationItem>),
        (status = 304, description = "Not modified"),
        (status = 403, response = Forbidden),
        (status = 404, response = NotFound),
    )
)]
#[get("/events/{id}/registrations")]
async fn list_registrations(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    page: Query<PageParams>,
) -> ApiResult<HttpResponse> {
    caller.require_any(&[Role::Staff])?;
    let event_id = id.into_inner();
    let limit = page.0.limit()?;
    let after = page
        .0
        .after()?
        .map(|cursor| {
            DateTime::parse_from_rfc3339(&cursor.key)
                .map(|at| RegistrationKey {
                    registered_at: at.with_timezone(&Utc),
                    id: cursor.id,
                })
                .map_err(|_| bad_cursor())
        })
        .transpose()?;
    let rows = state
        .db(move |conn| {
            events::find(conn, &event_id)?;
            Ok(events::registrations(
                conn,
                &event_id,
                after.as_ref(),
                i64::from(limit) + 1,
            )?)
        })
        .await?;
    Page::from_rows(rows, limit, |r| {
        Cursor::new(r.registered_at.to_rfc3339(), r.id.clone())
    })
    .map(RegistrationItem::from)
    .respond(&req)
}

/// The most events one feed carries; the series runs a few dozen a year.
const FEED_MAX: i64 = 1000;

/// Upcoming events (those not yet over) as an iCalendar (RFC 5545) feed.
#[utoipa::path(
    tag = "events",
    responses(
        (status = 200, description = "The calendar: one VEVENT per event not yet over, UID `{event id}@greenlight`, times in UTC",
            content_type = "text/calendar", body = String),
        (status = 304, description = "Not modified"),
    )
)]
#[get("/feeds/events.ics")]
async fn events_feed(
    req: HttpRequest,
    state: web::Data<AppState>,
    lang: Lang,
) -> ApiResult<HttpResponse> {
    let locale = lang.0;
    let (upcoming, module_titles) = state
        .db(move |conn| {
            let filter = EventFilter {
                ends_after: Some(greenlight_store::ids::now()),
                ..EventFilter::default()
            };
            let upcoming = events::list(conn, &filter, None, FEED_MAX)?;
            let module_ids: Vec<String> = upcoming.iter().map(|e| e.module_id.clone()).collect();
            let titles = greenlight_store::modules::titles(conn, &module_ids, locale)?;
            Ok((upcoming, titles))
        })
        .await?;
    let text = |id: &str, args: &[(&str, Arg<'_>)]| MESSAGES.text(locale, id, args);
    let mut calendar = crate::feeds::new_calendar(
        &text("feed-events-name", &[]),
        &text("feed-events-description", &[]),
    );
    for event in &upcoming {
        let audience = text(
            if event.members_only {
                "feed-event-members-only"
            } else {
                "feed-event-open"
            },
            &[],
        );
        let mut args: Vec<(&str, Arg<'_>)> = vec![
            ("kind", event.kind.label_in(locale).into()),
            ("timezone", event.timezone.as_str().into()),
            ("audience", audience.into()),
        ];
        let description = match module_titles.get(&event.module_id) {
            Some(module) => {
                args.push(("module", module.as_str().into()));
                text("feed-event-in-module", &args)
            }
            None => text("feed-event", &args),
        };
        let mut vevent = icalendar::Event::new();
        vevent
            .uid(&format!("{}@greenlight", event.id))
            // The last change, not the time of the request, so that the feed
            // (and its ETag) only changes when an event does.
            .timestamp(event.updated_at)
            .summary(
                event
                    .translations
                    .pick(locale, &event.title, |t| t.title.as_ref()),
            )
            .description(&description)
            .starts(event.starts_at)
            .ends(event.ends_at);
        if let Some(location) = &event.location {
            vevent.location(location);
        }
        // The feed is public: a members-only join link never goes in it; the
        // event's page is its address otherwise.
        let page = format!("{}/api/v1/events/{}", state.config.public_url, event.id);
        let join = event.online_url.as_deref().filter(|_| !event.members_only);
        vevent.url(join.unwrap_or(&page));
        calendar.push(vevent.done());
    }
    Ok(http_cache::cached(
        &req,
        calendar.to_string().into_bytes(),
        "text/calendar; charset=utf-8",
    ))
}
