//! Every message the service writes: what kinds there are, what each says
//! (one template per kind, in [`templates`]), who receives it, the links it
//! carries, and how it is queued in the outbox. Handlers describe what
//! happened with a [`Notice`] and call [`queue`]; the [`worker`] delivers
//! what is queued. See docs/notifications.md.

pub mod links;
pub mod mailer;
pub mod templates;
pub mod worker;

use greenlight_store::outbox::{self, NewMessage};
use greenlight_store::{AnyConnection, subscriptions};

pub use links::Links;
pub use templates::{Notice, Rendered};

use crate::auth::personal_token;
use crate::error::ApiError;

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

/// Who a message goes to.
#[derive(Debug, Clone, Copy)]
pub enum Recipient<'a> {
    /// A person, about their own business (an application, a posting).
    Person { email: &'a str },
    /// A subscription of the notification list: the message carries a fresh
    /// token that unsubscribes and opens the preference page.
    Subscriber {
        subscription_id: &'a str,
        email: &'a str,
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
    let rendered = notice.render(links);
    let (email, unsubscribe) = match to {
        Recipient::Person { email } => (email, None),
        Recipient::Subscriber {
            subscription_id,
            email,
        } => {
            let token = personal_token::generate();
            (email, Some((subscription_id, token)))
        }
    };
    let body = match &unsubscribe {
        None => rendered.text,
        Some((_, token)) => format!("{}{}", rendered.text, templates::list_footer(links, token)),
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

/// Queues one `new_program` message per confirmed `new_programs`
/// subscriber. Each is keyed by program and subscriber, so announcing twice
/// sends once.
pub fn announce_new_program(
    conn: &mut AnyConnection,
    links: &Links,
    program: &greenlight_domain::Program,
) -> Result<(), ApiError> {
    let notice = Notice::NewProgram { program };
    for (subscription_id, email) in
        subscriptions::confirmed_for(conn, greenlight_domain::SubscriptionTopic::NewPrograms)?
    {
        let dedupe_key = format!("new_program:{}:{subscription_id}", program.id);
        queue(
            conn,
            links,
            Recipient::Subscriber {
                subscription_id: &subscription_id,
                email: &email,
            },
            &notice,
            Some(&dedupe_key),
        )?;
    }
    Ok(())
}
