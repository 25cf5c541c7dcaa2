//! The notification list with double opt-in: an address is `pending` until
//! it confirms with a single-use token, and every message it then receives
//! carries an unsubscribe token. Only SHA-256 digests of tokens are stored.

use chrono::{DateTime, Duration, Utc};
use diesel::prelude::*;
use greenlight_domain::SubscriptionTopic;

use crate::error::StoreResult;
use crate::ids::{new_id, now};
use crate::providers::corrupt;
use crate::schema::{subscription_tokens, subscription_topics, subscriptions};
use crate::{AnyConnection, StoreError};

/// How long a confirmation token stays valid.
pub const CONFIRMATION_VALIDITY: Duration = Duration::days(7);

const PENDING: &str = "pending";
const CONFIRMED: &str = "confirmed";
const UNSUBSCRIBED: &str = "unsubscribed";
const REQUESTED: &str = "requested";
const CONFIRM: &str = "confirm";
const UNSUBSCRIBE: &str = "unsubscribe";

#[derive(Debug, Clone, PartialEq)]
pub struct Subscription {
    pub id: String,
    pub email: String,
    /// `pending`, `confirmed` or `unsubscribed`.
    pub status: String,
    /// The topics the address receives (confirmed ones only).
    pub topics: Vec<SubscriptionTopic>,
    pub confirmed_at: Option<DateTime<Utc>>,
}

type SubscriptionRow = (
    String,
    String,
    String,
    Option<chrono::NaiveDateTime>,
    chrono::NaiveDateTime,
    chrono::NaiveDateTime,
);

fn load(conn: &mut AnyConnection, row: SubscriptionRow) -> StoreResult<Subscription> {
    let (id, email, status, confirmed_at, _, _) = row;
    let mut topics = subscription_topics::table
        .filter(subscription_topics::subscription_id.eq(&id))
        .filter(subscription_topics::state.eq(CONFIRMED))
        .select(subscription_topics::topic)
        .load::<String>(conn)?
        .into_iter()
        .map(|topic| {
            topic
                .parse()
                .map_err(|_| corrupt("subscription_topics", "topic", &topic))
        })
        .collect::<StoreResult<Vec<SubscriptionTopic>>>()?;
    topics.sort_unstable();
    Ok(Subscription {
        id,
        email,
        status,
        topics,
        confirmed_at: confirmed_at.map(|at| at.and_utc()),
    })
}

fn find(conn: &mut AnyConnection, id: &str) -> StoreResult<Subscription> {
    let row: SubscriptionRow = subscriptions::table.find(id).first(conn)?;
    load(conn, row)
}

/// Records a request to receive `topics` at `email`, to take effect when the
/// confirmation token whose digest is `confirm_hash` is used. Earlier unused
/// confirmation tokens of the address stop working. An unsubscribed address
/// becomes pending again; a confirmed one keeps its topics until it confirms.
pub fn request(
    conn: &mut AnyConnection,
    email: &str,
    topics: &[SubscriptionTopic],
    confirm_hash: &str,
) -> StoreResult<Subscription> {
    conn.transaction(|conn| {
        let at = now().naive_utc();
        let existing: Option<SubscriptionRow> = subscriptions::table
            .filter(subscriptions::email.eq(email))
            .first(conn)
            .optional()?;
        let id = match existing {
            Some((id, _, status, ..)) => {
                if status == UNSUBSCRIBED {
                    diesel::update(subscriptions::table.find(&id))
                        .set((
                            subscriptions::status.eq(PENDING),
                            subscriptions::updated_at.eq(at),
                        ))
                        .execute(conn)?;
                }
                id
            }
            None => {
                let id = new_id();
                diesel::insert_into(subscriptions::table)
                    .values((
                        subscriptions::id.eq(&id),
                        subscriptions::email.eq(email),
                        subscriptions::status.eq(PENDING),
                        subscriptions::created_at.eq(at),
                        subscriptions::updated_at.eq(at),
                    ))
                    .execute(conn)?;
                id
            }
        };
        diesel::delete(
            subscription_topics::table
                .filter(subscription_topics::subscription_id.eq(&id))
                .filter(subscription_topics::state.eq(REQUESTED)),
        )
        .execute(conn)?;
        let mut wanted: Vec<&str> = topics.iter().map(|t| t.as_str()).collect();
        wanted.sort_unstable();
        wanted.dedup();
        for topic in wanted {
            diesel::insert_into(subscription_topics::table)
                .values((
                    subscription_topics::subscription_id.eq(&id),
                    subscription_topics::topic.eq(topic),
                    subscription_topics::state.eq(REQUESTED),
                ))
                .execute(conn)?;
        }
        diesel::delete(
            subscription_tokens::table
                .filter(subscription_tokens::subscription_id.eq(&id))
                .filter(subscription_tokens::purpose.eq(CONFIRM))
                .filter(subscription_tokens::used_at.is_null()),
        )
        .execute(conn)?;
        insert_token(conn, &id, CONFIRM, confirm_hash)?;
        find(conn, &id)
    })
}

fn insert_token(conn: &mut AnyConnection, id: &str, purpose: &str, hash: &str) -> StoreResult<()> {
    diesel::insert_into(subscription_tokens::table)
        .values((
            subscription_tokens::token_hash.eq(hash),
            subscription_tokens::subscription_id.eq(id),
            subscription_tokens::purpose.eq(purpose),
            subscription_tokens::created_at.eq(now().naive_utc()),
        ))
        .execute(conn)?;
    Ok(())
}

/// Stores the digest of an unsubscribe token carried by a message to `id`.
pub fn add_unsubscribe_token(conn: &mut AnyConnection, id: &str, hash: &str) -> StoreResult<()> {
    insert_token(conn, id, UNSUBSCRIBE, hash)
}

/// Uses a confirmation token: the address is confirmed and receives the
/// topics it last asked for. An unknown, used or expired token is
/// [`StoreError::NotFound`].
pub fn confirm(conn: &mut AnyConnection, confirm_hash: &str) -> StoreResult<Subscription> {
    conn.transaction(|conn| {
        let at = now();
        let (id, created_at): (String, chrono::NaiveDateTime) = subscription_tokens::table
            .find(confirm_hash)
            .filter(subscription_tokens::purpose.eq(CONFIRM))
            .filter(subscription_tokens::used_at.is_null())
            .select((
                subscription_tokens::subscription_id,
                subscription_tokens::created_at,
            ))
            .first(conn)?;
        if created_at.and_utc() + CONFIRMATION_VALIDITY < at {
            return Err(StoreError::NotFound);
        }
        let at = at.naive_utc();
        diesel::update(subscription_tokens::table.find(confirm_hash))
            .set(subscription_tokens::used_at.eq(at))
            .execute(conn)?;
        diesel::delete(
            subscription_topics::table
                .filter(subscription_topics::subscription_id.eq(&id))
                .filter(subscription_topics::state.eq(CONFIRMED)),
        )
        .execute(conn)?;
        diesel::update(
            subscription_topics::table
                .filter(subscription_topics::subscription_id.eq(&id))
                .filter(subscription_topics::state.eq(REQUESTED)),
        )
        .set(subscription_topics::state.eq(CONFIRMED))
        .execute(conn)?;
        diesel::update(subscriptions::table.find(&id))
            .set((
                subscriptions::status.eq(CONFIRMED),
                subscriptions::confirmed_at.eq(at),
                subscriptions::updated_at.eq(at),
            ))
            .execute(conn)?;
        find(conn, &id)
    })
}

/// Uses an unsubscribe token: the address receives nothing more until it
/// subscribes and confirms again. Using the token again is harmless. An
/// unknown token is [`StoreError::NotFound`].
pub fn unsubscribe(conn: &mut AnyConnection, unsubscribe_hash: &str) -> StoreResult<Subscription> {
    conn.transaction(|conn| {
        let id: String = subscription_tokens::table
            .find(unsubscribe_hash)
            .filter(subscription_tokens::purpose.eq(UNSUBSCRIBE))
            .select(subscription_tokens::subscription_id)
            .first(conn)?;
        let at = now().naive_utc();
        diesel::update(subscription_tokens::table.find(unsubscribe_hash))
            .set(subscription_tokens::used_at.eq(at))
            .execute(conn)?;
        diesel::delete(
            subscription_topics::table.filter(subscription_topics::subscription_id.eq(&id)),
        )
        .execute(conn)?;
        diesel::update(subscriptions::table.find(&id))
            .set((
                subscriptions::status.eq(UNSUBSCRIBED),
                subscriptions::updated_at.eq(at),
            ))
            .execute(conn)?;
        find(conn, &id)
    })
}

/// Confirmed subscribers who receive `topic`, as `(subscription id, email)`.
pub fn confirmed_for(
    conn: &mut AnyConnection,
    topic: SubscriptionTopic,
) -> StoreResult<Vec<(String, String)>> {
    Ok(subscriptions::table
        .inner_join(subscription_topics::table)
        .filter(subscriptions::status.eq(CONFIRMED))
        .filter(subscription_topics::state.eq(CONFIRMED))
        .filter(subscription_topics::topic.eq(topic.as_str()))
        .select((subscriptions::id, subscriptions::email))
        .order(subscriptions::id.asc())
        .load(conn)?)
}
