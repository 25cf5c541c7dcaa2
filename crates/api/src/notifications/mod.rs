//! Every message the service writes: what kinds there are, what each says
//! (one template per kind, in [`templates`]), who receives it, the links it
//! carries, and how it is queued in the outbox. Handlers describe what
//! happened with a [`Notice`] and call [`queue`]; the [`worker`] delivers
//! what is queued. See docs/notifications.md.

pub mod links;
pub mod mailer;
pub mod templates;
pub mod webhooks;
pub mod worker;

use chrono::{DateTime, NaiveDate, Utc};
use greenlight_catalogue::Reader;
use greenlight_domain::{Locale, ProgramStatus};
use greenlight_store::outbox::{self, NewMessage};
use greenlight_store::{AnyConnection, StoreError, announcements, programs, subscriptions};

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
        }
    }

    /// Mail to the notification list, which its reader may leave with one
    /// click; the others are about the reader's own business.
    pub fn is_list_mail(self) -> bool {
        matches!(
            self,
            MessageKind::SubscriptionConfirmation | MessageKind::NewProgram
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

/// What [`fan_out`] reads: a program was published.
const NEW_PROGRAM: &str = "new_program";

/// Records that `program` was published, for the worker to tell each
/// confirmed `new_programs` subscriber whose saved search matches it. One row,
/// whatever the number of subscribers; publishing again records nothing new.
pub fn announce_new_program(
    conn: &mut AnyConnection,
    program: &greenlight_domain::Program,
) -> Result<(), ApiError> {
    announcements::add(
        conn,
        NEW_PROGRAM,
        &program.id,
        &format!("{NEW_PROGRAM}:{}", program.id),
    )?;
    Ok(())
}

/// Announcements fanned out per call; the rest wait for the next turn.
const ANNOUNCEMENTS_PER_ROUND: i64 = 20;

/// Writes the messages of pending announcements: one per interested
/// subscriber, each keyed by announcement and subscription so that a second
/// run (or a second worker) writes nothing new. Saved searches are matched
/// by the catalogue's own code, against the read model (caught up first, so
/// it holds the program just published). Returns the messages queued.
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
        let program = match programs::find(conn, &announcement.subject_id) {
            Ok(program) if program.status == ProgramStatus::Published => Some(program),
            Ok(_) | Err(StoreError::NotFound) => None,
            Err(other) => return Err(other.into()),
        };
        let hearing = match (&program, announcement.kind.as_str()) {
            (Some(program), NEW_PROGRAM) => {
                let subscribers = subscriptions::confirmed_with_filters(
                    conn,
                    greenlight_domain::SubscriptionTopic::NewPrograms,
                )?;
                let reader = read_model.read()?;
                let mut hearing = Vec::new();
                for subscriber in subscribers {
                    if hears_of(&reader, &program.id, subscriber.filters.as_deref(), today)? {
                        hearing.push(subscriber);
                    }
                }
                hearing
            }
            _ => Vec::new(),
        };
        greenlight_store::transaction(conn, |conn| {
            if let Some(program) = &program {
                let notice = Notice::NewProgram { program };
                for subscriber in &hearing {
                    let dedupe_key = format!(
                        "{NEW_PROGRAM}:{}:{}",
                        program.id, subscriber.subscription_id
                    );
                    let fresh = queue(
                        conn,
                        links,
                        Recipient::Subscriber {
                            subscription_id: &subscriber.subscription_id,
                            email: &subscriber.email,
                            locale: subscriber.locale,
                        },
                        &notice,
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
