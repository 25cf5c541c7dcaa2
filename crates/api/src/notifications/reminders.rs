//! The worker's scheduled reminders: what falls due with the passing of
//! time rather than with a request. Each takes the time it runs at and
//! keys every message by what it reminds of, so a second run, or a second
//! instance running at once, writes nothing new.

use std::collections::BTreeMap;

use chrono::{DateTime, Days, NaiveDate, Utc};
use greenlight_domain::SubscriptionTopic;
use greenlight_store::{AnyConnection, events, programs, users};

use super::{Links, Notice, Recipient, matching_subscribers, queue};
use crate::error::ApiError;
use crate::read_model::ReadModel;

/// How long before its deadline a program is "closing soon".
pub const CLOSING_SOON: Days = Days::new(7);

/// How many hours before an event starts its registrants are reminded.
pub const EVENT_REMINDER_HOURS: i64 = 24;

/// Tells each confirmed `deadlines` subscriber of every published program
/// matching their saved search whose deadline is [`CLOSING_SOON`] or less
/// after `today`: once per program and subscription. Returns the messages
/// queued.
pub fn closing_soon(
    conn: &mut AnyConnection,
    read_model: &ReadModel,
    links: &Links,
    today: NaiveDate,
) -> Result<usize, ApiError> {
    read_model.catch_up(conn)?;
    let horizon = today
        .checked_add_days(CLOSING_SOON)
        .unwrap_or(NaiveDate::MAX);
    let mut queued = 0;
    for program in programs::open_deadlines(conn, today)? {
        let Some(deadline) = program
            .content
            .application_deadline
            .filter(|deadline| *deadline <= horizon)
        else {
            // Soonest first: every later program closes later still.
            break;
        };
        let hearing = matching_subscribers(
            conn,
            read_model,
            &program,
            SubscriptionTopic::Deadlines,
            today,
        )?;
        let notice = Notice::ClosingSoon {
            program: &program,
            deadline,
            today,
        };
        greenlight_store::transaction(conn, |conn| {
            for subscriber in &hearing {
                let fresh = queue(
                    conn,
                    links,
                    Recipient::Subscriber {
                        subscription_id: &subscriber.subscription_id,
                        email: &subscriber.email,
                        locale: subscriber.locale,
                    },
                    &notice,
                    Some(&format!(
                        "closing_soon:{}:{}",
                        program.id, subscriber.subscription_id
                    )),
                )?;
                queued += usize::from(fresh);
            }
            Ok::<_, ApiError>(())
        })?;
    }
    Ok(queued)
}

/// Reminds each seat holder of every event starting within
/// [`EVENT_REMINDER_HOURS`] after `now` (not the waitlist): once per
/// registration. Returns the messages queued.
pub fn event_reminders(
    conn: &mut AnyConnection,
    links: &Links,
    now: DateTime<Utc>,
) -> Result<usize, ApiError> {
    let mut by_event: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    for (event_id, registration_id, user_id) in events::seat_holders_of_events_starting(
        conn,
        now,
        now + chrono::Duration::hours(EVENT_REMINDER_HOURS),
    )? {
        by_event
            .entry(event_id)
            .or_default()
            .push((registration_id, user_id));
    }
    let mut queued = 0;
    for (event_id, seat_holders) in by_event {
        let event = events::find(conn, &event_id)?;
        greenlight_store::transaction(conn, |conn| {
            for (registration_id, user_id) in &seat_holders {
                let user = users::find(conn, user_id)?;
                let fresh = queue(
                    conn,
                    links,
                    Recipient::Person {
                        email: &user.email,
                        locale: user.locale,
                    },
                    &Notice::EventReminder { event: &event },
                    Some(&format!("event_reminder:{registration_id}")),
                )?;
                queued += usize::from(fresh);
            }
            Ok::<_, ApiError>(())
        })?;
    }
    Ok(queued)
}
