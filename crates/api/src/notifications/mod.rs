//! Every message the service writes: what kinds there are, what each says
//! (one template per kind, in [`templates`]), who receives it, the links it
//! carries, and how it is queued in the outbox. Handlers describe what
//! happened with a [`Notice`] and call [`queue`]; the [`worker`] delivers
//! what is queued. See docs/notifications.md.

pub mod links;
pub mod mailer;
pub mod reminders;
pub mod templates;
pub mod webhooks;
pub mod worker;

use chrono::{DateTime, NaiveDate, Utc};
use greenlight_catalogue::Reader;
use greenlight_domain::{Locale, Program, ProgramStatus, SubscriptionTopic};
use greenlight_store::events::{Event, Registration};
use greenlight_store::outbox::{self, NewMessage};
use greenlight_store::subscriptions::Subscriber;
use greenlight_store::{
    AnyConnection, StoreError, announcements, events, programs, subscriptions, users,
};

pub use links::Links;
pub use templates::{Notice, Rendered};

use crate::auth::personal_token;
use crate::error::ApiError;
use crate::read_model::ReadModel;
use crate::subscriptions::Filters;

/// The kinds of message, as `GET /outbox?kind=` names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MessageKind {
    SubscriptionConfirmation,
    NewProgram,
    DecisionSelected,
    DecisionWaitlisted,
    DecisionDeclined,
    PostingInterest,
    ClosingSoon,
    DeadlineExtended,
    NewEvent,
    WaitlistPromoted,
    EventReminder,
}

impl MessageKind {
    pub fn as_str(self) -> &'static str {
        match self {
            MessageKind::SubscriptionConfirmation => "subscription_confirmation",
            MessageKind::NewProgram => "new_program",
            MessageKind::DecisionSelected => "decision_selected",
            MessageKind::DecisionWaitlisted => "decision_waitlisted",
            MessageKind::DecisionDeclined => "decision_declined",
            MessageKind::PostingInterest => "posting_interest",
            MessageKind::ClosingSoon => "closing_soon",
            MessageKind::DeadlineExtended => "deadline_extended",
            MessageKind::NewEvent => "new_event",
            MessageKind::WaitlistPromoted => "waitlist_promoted",
            MessageKind::EventReminder => "event_reminder",
        }
    }

    /// Mail to the notification list, which its reader may leave with one
    /// click; the others are about the reader's own business.
    pub fn is_list_mail(self) -> bool {
        matches!(
            self,
            MessageKind::SubscriptionConfirmation
                | MessageKind::NewProgram
                | MessageKind::ClosingSoon
                | MessageKind::DeadlineExtended
                | MessageKind::NewEvent
        )
    }
}

/// Who a message goes to, and the language they read (`users.locale`,
/// `subscriptions.locale`), which the whole message is written in.
#[derive(Debug, Clone, Copy)]
pub enum Recipient<'a> {
    /// A person, about their own business (an application, a posting).
    Person { email: &'a str, locale: Locale },
    /// A subscription of the notification list: the message carries a fresh
    /// token that unsubscribes and opens the preference page.
    Subscriber {
        subscription_id: &'a str,
        email: &'a str,
        locale: Locale,
    },
}

/// Queues `notice` for `to`; `Ok(false)` when `dedupe_key` was queued
/// before (nothing new is written then, not even a token).
pub fn queue(
    conn: &mut AnyConnection,
    links: &Links,
    to: Recipient<'_>,
    notice: &Notice<'_>,
    dedupe_key: Option<&str>,
) -> Result<bool, ApiError> {
    let kind = notice.kind();
    let (email, locale, unsubscribe) = match to {
        Recipient::Person { email, locale } => (email, locale, None),
        Recipient::Subscriber {
            subscription_id,
            email,
            locale,
        } => {
            let token = personal_token::generate();
            (email, locale, Some((subscription_id, token)))
        }
    };
    let rendered = notice.render(links, locale);
    let body = match &unsubscribe {
        None => rendered.text,
        Some((_, token)) => format!(
            "{}{}",
            rendered.text,
            templates::list_footer(links, token, locale)
        ),
    };
    let one_click = unsubscribe
        .as_ref()
        .map(|(_, token)| links.one_click_unsubscribe(token));
    let queued = outbox::enqueue(
        conn,
        &NewMessage {
            recipient: email,
            subject: &rendered.subject,
            body: &body,
            kind: kind.as_str(),
            dedupe_key,
            list_unsubscribe: one_click.as_deref(),
            locale,
        },
    )?;
    if let (true, Some((subscription_id, token))) = (queued, unsubscribe) {
        subscriptions::add_unsubscribe_token(
            conn,
            subscription_id,
            &personal_token::digest(&token),
            greenlight_store::ids::now(),
        )?;
    }
    Ok(queued)
}

/// What [`fan_out`] reads: a program was published, a published
/// program's deadline moved later, an event was published.
const NEW_PROGRAM: &str = "new_program";
const DEADLINE_EXTENDED: &str = "deadline_extended";
const NEW_EVENT: &str = "new_event";

/// Records that `program` was published, for the worker to tell each
/// confirmed `new_programs` subscriber whose saved search matches it. One row,
/// whatever the number of subscribers; publishing again records nothing new.
pub fn announce_new_program(conn: &mut AnyConnection, program: &Program) -> Result<(), ApiError> {
    announcements::add(
        conn,
        NEW_PROGRAM,
        &program.id,
        &format!("{NEW_PROGRAM}:{}", program.id),
    )?;
    Ok(())
}

/// The news that `program`'s deadline is now `deadline`.
fn deadline_extended_key(program_id: &str, deadline: NaiveDate) -> String {
    format!("{DEADLINE_EXTENDED}:{program_id}:{deadline}")
}

/// Records, when a published program's deadline moved later than
/// `previous`, that `deadlines` subscribers whose saved search matches it
/// are to hear of it. A deadline set where there was none is no extension.
pub fn announce_deadline_change(
    conn: &mut AnyConnection,
    previous: Option<NaiveDate>,
    program: &Program,
) -> Result<(), ApiError> {
    if let (ProgramStatus::Published, Some(before), Some(now)) = (
        program.status,
        previous,
        program.content.application_deadline,
    ) && now > before
    {
        announcements::add(
            conn,
            DEADLINE_EXTENDED,
            &program.id,
            &deadline_extended_key(&program.id, now),
        )?;
    }
    Ok(())
}

/// Records that `event` was published, for the worker to tell every
/// confirmed `events` subscriber.
pub fn announce_new_event(conn: &mut AnyConnection, event: &Event) -> Result<(), ApiError> {
    announcements::add(
        conn,
        NEW_EVENT,
        &event.id,
        &format!("{NEW_EVENT}:{}", event.id),
    )?;
    Ok(())
}

/// Tells each registration moved from the waitlist to a seat, in the
/// transaction that moved it.
pub fn tell_promoted(
    conn: &mut AnyConnection,
    links: &Links,
    event: &Event,
    promoted: &[Registration],
) -> Result<(), ApiError> {
    for registration in promoted {
        let user = users::find(conn, &registration.user_id)?;
        queue(
            conn,
            links,
            Recipient::Person {
                email: &user.email,
                locale: user.locale,
            },
            &Notice::WaitlistPromoted { event },
            Some(&format!("waitlist_promoted:{}", registration.id)),
        )?;
    }
    Ok(())
}

/// Announcements fanned out per call; the rest wait for the next turn.
const ANNOUNCEMENTS_PER_ROUND: i64 = 20;

/// Writes the messages of pending announcements: one per interested
/// subscriber, each keyed by announcement and subscription so that a second
/// run (or a second worker) writes nothing new. Saved searches are matched
/// by the catalogue's own code, against the read model (caught up first, so
/// it holds the program just published). News that no longer holds (a
/// program unpublished since, a deadline moved again) is dropped. Returns
/// the messages queued.
pub fn fan_out(
    conn: &mut AnyConnection,
    read_model: &ReadModel,
    links: &Links,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<usize, ApiError> {
    read_model.catch_up(conn)?;
    let mut queued = 0;
    for announcement in announcements::pending(conn, ANNOUNCEMENTS_PER_ROUND)? {
        // What the news is about, as it is now.
        let kind = announcement.kind.as_str();
        let program = match kind {
            NEW_PROGRAM | DEADLINE_EXTENDED => published(conn, &announcement.subject_id)?,
            _ => None,
        };
        let event = match kind {
            NEW_EVENT => match events::find(conn, &announcement.subject_id) {
                Ok(event) => Some(event),
                Err(StoreError::NotFound) => None,
                Err(other) => return Err(other.into()),
            },
            _ => None,
        };
        let notice = match (kind, &program, &event) {
            (NEW_PROGRAM, Some(program), _) => Some(Notice::NewProgram { program }),
            (DEADLINE_EXTENDED, Some(program), _) => program
                .content
                .application_deadline
                .filter(|deadline| {
                    deadline_extended_key(&program.id, *deadline) == announcement.dedupe_key
                })
                .map(|deadline| Notice::DeadlineExtended { program, deadline }),
            (NEW_EVENT, _, Some(event)) => Some(Notice::NewEvent { event }),
            _ => None,
        };
        let hearing = match &notice {
            Some(Notice::NewProgram { program }) => matching_subscribers(
                conn,
                read_model,
                program,
                SubscriptionTopic::NewPrograms,
                today,
            )?,
            Some(Notice::DeadlineExtended { program, .. }) => matching_subscribers(
                conn,
                read_model,
                program,
                SubscriptionTopic::Deadlines,
                today,
            )?,
            Some(Notice::NewEvent { .. }) => {
                subscriptions::confirmed_with_filters(conn, SubscriptionTopic::Events)?
            }
            _ => Vec::new(),
        };
        greenlight_store::transaction(conn, |conn| {
            if let Some(notice) = &notice {
                for subscriber in &hearing {
                    let dedupe_key =
                        format!("{}:{}", announcement.dedupe_key, subscriber.subscription_id);
                    let fresh = queue(
                        conn,
                        links,
                        Recipient::Subscriber {
                            subscription_id: &subscriber.subscription_id,
                            email: &subscriber.email,
                            locale: subscriber.locale,
                        },
                        notice,
                        Some(&dedupe_key),
                    )?;
                    queued += usize::from(fresh);
                }
            }
            announcements::mark_done(conn, &announcement.id, now)?;
            Ok::<_, ApiError>(())
        })?;
    }
    Ok(queued)
}

/// The program with this id if it is published.
fn published(conn: &mut AnyConnection, id: &str) -> Result<Option<Program>, ApiError> {
    match programs::find(conn, id) {
        Ok(program) if program.status == ProgramStatus::Published => Ok(Some(program)),
        Ok(_) | Err(StoreError::NotFound) => Ok(None),
        Err(other) => Err(other.into()),
    }
}

/// Confirmed subscribers to `topic` whose saved search matches `program`.
fn matching_subscribers(
    conn: &mut AnyConnection,
    read_model: &ReadModel,
    program: &Program,
    topic: SubscriptionTopic,
    today: NaiveDate,
) -> Result<Vec<Subscriber>, ApiError> {
    let subscribers = subscriptions::confirmed_with_filters(conn, topic)?;
    let reader = read_model.read()?;
    let mut hearing = Vec::new();
    for subscriber in subscribers {
        if hears_of(&reader, &program.id, subscriber.filters.as_deref(), today)? {
            hearing.push(subscriber);
        }
    }
    Ok(hearing)
}

/// Whether a subscription with the saved search `stored` hears of the
/// program: the same matching as `GET /programs` with those filters.
fn hears_of(
    reader: &Reader<'_, crate::program_body::Rendered>,
    program_id: &str,
    stored: Option<&str>,
    today: NaiveDate,
) -> Result<bool, ApiError> {
    let Some(filters) = Filters::parse(stored) else {
        return Ok(false);
    };
    let Ok(query) = filters.query(today) else {
        return Ok(false);
    };
    reader
        .matches(program_id, &query)
        .map_err(ApiError::internal)
}
