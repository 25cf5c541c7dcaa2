//! Feeds for readers and calendars: an Atom feed (RFC 4287) of newly
//! published programs and an iCalendar (RFC 5545) of open application
//! deadlines.

use actix_web::{HttpRequest, HttpResponse, get, web};
use atom_syndication::{Category, Entry, Feed, FixedDateTime, Link, Person, Text};
use chrono::{DateTime, Days, Utc};
use greenlight_domain::{DefinedTerm, Locale, Program};
use greenlight_store::programs;
use icalendar::{Calendar, Component, Event, EventLike};
use utoipa_actix_web::service_config::ServiceConfig;

use crate::error::ApiResult;
use crate::http_cache;
use crate::language::{Lang, MESSAGES};
use crate::state::AppState;

pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(programs_atom).service(deadlines_ics);
}

/// How many programs the Atom feed holds.
const ATOM_ENTRIES: i64 = 50;

fn fixed(at: DateTime<Utc>) -> FixedDateTime {
    at.fixed_offset()
}

/// A program's text in `locale`, each untranslated field in English.
fn title_in(program: &Program, locale: Locale) -> String {
    let content = &program.content;
    content
        .translations
        .pick(locale, &content.title, |t| t.title.as_ref())
        .to_owned()
}

fn summary_in(program: &Program, locale: Locale) -> String {
    let content = &program.content;
    content
        .translations
        .pick(locale, &content.summary, |t| t.summary.as_ref())
        .to_owned()
}

fn provider_in(program: &Program, locale: Locale) -> String {
    program
        .provider_translations
        .pick(locale, &program.provider_name, |t| t.name.as_ref())
        .to_owned()
}

fn entry(program: &Program, locale: Locale, public_url: &str) -> Entry {
    let content = &program.content;
    let published = program.published_at.unwrap_or(program.created_at);
    let mut links = vec![Link {
        href: format!("{public_url}/api/v1/programs/{}", program.slug),
        rel: "alternate".to_owned(),
        mime_type: Some("application/json".to_owned()),
        ..Link::default()
    }];
    if let Some(url) = &content.url {
        links.push(Link {
            href: url.clone(),
            rel: "related".to_owned(),
            mime_type: Some("text/html".to_owned()),
            ..Link::default()
        });
    }
    Entry {
        // By id, which never changes (a slug may): the entry's permanent
        // IRI, and an address that answers.
        id: format!("{public_url}/api/v1/programs/{}", program.id),
        title: Text::plain(title_in(program, locale)),
        updated: fixed(program.updated_at),
        published: Some(fixed(published)),
        summary: Some(Text::plain(summary_in(program, locale))),
        authors: vec![Person {
            name: provider_in(program, locale),
            ..Person::default()
        }],
        categories: content
            .formats
            .iter()
            .map(|f| (f.as_str(), f.label_in(locale)))
            .chain(
                content
                    .topics
                    .iter()
                    .map(|t| (t.as_str(), t.label_in(locale))),
            )
            .map(|(term, label)| Category {
                term: term.to_owned(),
                label: Some(label),
                ..Category::default()
            })
            .collect(),
        links,
        ..Entry::default()
    }
}

/// Newly published programs, newest first (Atom), in the language asked
/// for (`?lang=`, `Accept-Language`).
#[utoipa::path(
    tag = "notifications",
    responses(
        (status = 200, description = "An Atom feed", content_type = "application/atom+xml", body = String),
        (status = 304, description = "Not modified"),
    )
)]
#[get("/feeds/programs.atom")]
async fn programs_atom(
    req: HttpRequest,
    state: web::Data<AppState>,
    lang: Lang,
) -> ApiResult<HttpResponse> {
    let locale = lang.0;
    let programs = state
        .db(|conn| Ok(programs::recently_published(conn, ATOM_ENTRIES)?))
        .await?;
    let updated = programs
        .iter()
        .map(|p| p.updated_at)
        .max()
        .unwrap_or(DateTime::UNIX_EPOCH);
    let public_url = &state.config.public_url;
    let feed = Feed {
        id: format!("{public_url}/api/v1/feeds/programs.atom"),
        title: Text::plain(MESSAGES.text(locale, "feed-programs-title", &[])),
        subtitle: Some(Text::plain(MESSAGES.text(
            locale,
            "feed-programs-subtitle",
            &[],
        ))),
        updated: fixed(updated),
        authors: vec![Person {
            name: "Greenlight".to_owned(),
            ..Person::default()
        }],
        links: vec![Link {
            href: format!("{public_url}/api/v1/feeds/programs.atom"),
            rel: "self".to_owned(),
            mime_type: Some("application/atom+xml".to_owned()),
            ..Link::default()
        }],
        entries: programs
            .iter()
            .map(|program| entry(program, locale, public_url))
            .collect(),
        ..Feed::default()
    };
    Ok(http_cache::cached(
        &req,
        feed.to_string().into_bytes(),
        "application/atom+xml; charset=utf-8",
    ))
}

/// An empty calendar that names Greenlight as its producer (RFC 5545 §3.7.3)
/// rather than the library that wrote it; every iCalendar feed starts here.
pub(crate) fn new_calendar(name: &str, description: &str) -> Calendar {
    let mut calendar = Calendar::empty();
    calendar
        .append_property(("VERSION", "2.0"))
        .append_property(("PRODID", "-//Greenlight//Greenlight API//EN"))
        .append_property(("CALSCALE", "GREGORIAN"))
        .name(name)
        .description(description);
    calendar
}

/// One all-day event per open application deadline (iCalendar), in the
/// language asked for (`?lang=`, `Accept-Language`).
#[utoipa::path(
    tag = "notifications",
    responses(
        (status = 200, description = "An iCalendar file", content_type = "text/calendar", body = String),
        (status = 304, description = "Not modified"),
    )
)]
#[get("/feeds/deadlines.ics")]
async fn deadlines_ics(
    req: HttpRequest,
    state: web::Data<AppState>,
    lang: Lang,
) -> ApiResult<HttpResponse> {
    let locale = lang.0;
    let today = Utc::now().date_naive();
    let programs = state
        .db(move |conn| Ok(programs::open_deadlines(conn, today)?))
        .await?;
    let mut calendar = new_calendar(
        &MESSAGES.text(locale, "feed-deadlines-name", &[]),
        &MESSAGES.text(locale, "feed-deadlines-description", &[]),
    );
    let public_url = &state.config.public_url;
    for program in &programs {
        let Some(deadline) = program.content.application_deadline else {
            continue;
        };
        let page = format!("{public_url}/api/v1/programs/{}", program.slug);
        let mut event = Event::new();
        event
            .uid(&format!("deadline-{}@greenlight", program.id))
            .summary(&MESSAGES.text(
                locale,
                "feed-deadline",
                &[("title", title_in(program, locale).into())],
            ))
            .description(&format!(
                "{} — {}\n{page}",
                provider_in(program, locale),
                summary_in(program, locale),
            ))
            .timestamp(program.updated_at)
            // All day: DTEND is exclusive, so the event ends the next day.
            .starts(deadline)
            .ends(deadline.checked_add_days(Days::new(1)).unwrap_or(deadline));
        // The provider's own page when there is one: it is where to apply.
        event.url(program.content.url.as_deref().unwrap_or(&page));
        calendar.push(event.done());
    }
    Ok(http_cache::cached(
        &req,
        calendar.done().to_string().into_bytes(),
        "text/calendar; charset=utf-8",
    ))
}
