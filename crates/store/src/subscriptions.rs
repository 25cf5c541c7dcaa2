//! The notification list with double opt-in: an address is `pending` until
//! it confirms with a single-use token, and every message it then receives
//! carries an unsubscribe token. Only SHA-256 digests of tokens are stored.

use chrono::{DateTime, Duration, Utc};
use diesel::prelude::*;
use greenlight_domain::{Locale, SubscriptionTopic};

use crate::error::{StoreResult, decode};
use crate::ids::new_id;
use crate::providers::corrupt;
use crate::schema::{subscription_tokens, subscription_topics, subscriptions};
use crate::{AnyConnection, StoreError};

/// How long a confirmation token stays valid; a request left unconfirmed
/// that long expires and is pruned.
pub const CONFIRMATION_VALIDITY: Duration = Duration::days(7);
/// The least time between two confirmation messages to one address, so that
/// the list cannot be used to flood someone's mailbox.
pub const CONFIRMATION_INTERVAL: Duration = Duration::hours(1);
/// How long the unsubscribe token of a message keeps working: well past the
/// 60 days Canada's anti-spam law asks of an unsubscribe mechanism. Every
/// message carries a fresh one.
pub const UNSUBSCRIBE_VALIDITY: Duration = Duration::days(365);

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
    /// The saved search (JSON, read by the API) the address hears about;
    /// `None` hears of everything.
    pub filters: Option<String>,
    /// The language of every message to the address.
    pub locale: Locale,
}

/// What a request to subscribe did.
#[derive(Debug, Clone, PartialEq)]
pub enum Requested {
    /// The request is recorded with a new confirmation token: send it.
    ConfirmationDue(Subscription),
    /// The address was sent a confirmation within [`CONFIRMATION_INTERVAL`]:
    /// nothing changed and nothing is to be sent.
    ConfirmationRecentlySent,
}

type SubscriptionRow = (
    String,
    String,
    String,
    Option<chrono::NaiveDateTime>,
    chrono::NaiveDateTime,
    chrono::NaiveDateTime,
    Option<chrono::NaiveDateTime>,
    String,
    Option<String>,
    Option<String>,
    String,
);

fn load(conn: &mut AnyConnection, row: SubscriptionRow) -> StoreResult<Subscription> {
    let (id, email, status, confirmed_at, _, _, _, locale, filters, _, _) = row;
    let locale = decode(&locale, "subscriptions.locale")?;
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
        filters,
        locale,
    })
}

fn find(conn: &mut AnyConnection, id: &str) -> StoreResult<Subscription> {
    let row: SubscriptionRow = subscriptions::table.find(id).first(conn)?;
    load(conn, row)
}

/// Records a request to receive `topics` at `email` in `locale`, to take
/// effect when the confirmation token whose digest is `confirm_hash` is used. Earlier unused
/// confirmation tokens of the address stop working. An unsubscribed address
/// becomes pending again; a confirmed one stays confirmed with its topics
/// until it confirms the new ones, so a stranger can never downgrade it.
/// Within [`CONFIRMATION_INTERVAL`] of the last confirmation the request
/// changes nothing.
pub fn request(
    conn: &mut AnyConnection,
    email: &str,
    topics: &[SubscriptionTopic],
    locale: Locale,
    confirm_hash: &str,
    now: DateTime<Utc>,
) -> StoreResult<Requested> {
    conn.transaction(|conn| {
        let at = now.naive_utc();
        // Written first, so that concurrent requests for one address take
        // turns (docs/architecture.md, Consistency).
        diesel::update(subscriptions::table.filter(subscriptions::email.eq(email)))
            .set(subscriptions::updated_at.eq(subscriptions::updated_at))
            .execute(conn)?;
        let existing: Option<SubscriptionRow> = subscriptions::table
            .filter(subscriptions::email.eq(email))
            .first(conn)
            .optional()?;
        let id = match existing {
            Some((_, _, _, _, _, _, Some(sent), ..))
                if sent.and_utc() + CONFIRMATION_INTERVAL > now =>
            {
                return Ok(Requested::ConfirmationRecentlySent);
            }
            Some((id, _, status, ..)) => {
                let status = if status == UNSUBSCRIBED {
                    PENDING
                } else {
                    status.as_str()
                };
                diesel::update(subscriptions::table.find(&id))
                    .set((
                        subscriptions::status.eq(status),
                        subscriptions::confirmation_sent_at.eq(at),
                        subscriptions::requested_locale.eq(locale.as_str()),
                        subscriptions::updated_at.eq(at),
                    ))
                    .execute(conn)?;
                id
            }
            None => {
                let id = new_id();
                let inserted = conn.transaction(|conn| {
                    diesel::insert_into(subscriptions::table)
                        .values((
                            subscriptions::id.eq(&id),
                            subscriptions::email.eq(email),
                            subscriptions::status.eq(PENDING),
                            subscriptions::created_at.eq(at),
                            subscriptions::updated_at.eq(at),
                            subscriptions::confirmation_sent_at.eq(at),
                            subscriptions::locale.eq(locale.as_str()),
                            subscriptions::requested_locale.eq(locale.as_str()),
                        ))
                        .execute(conn)
                        .map_err(StoreError::from)
                });
                match inserted {
                    Ok(_) => id,
                    // A concurrent request for the same new address won the
                    // insert, and its confirmation is on its way.
                    Err(StoreError::Conflict { .. }) => {
                        return Ok(Requested::ConfirmationRecentlySent);
                    }
                    Err(other) => return Err(other),
                }
            }
        };
        diesel::delete(
            subscription_topics::table
                .filter(subscription_topics::subscription_id.eq(&id))
                .filter(subscription_topics::state.eq(REQUESTED)),
        )
        .execute(conn)?;
        insert_topics(conn, &id, topics, REQUESTED)?;
        diesel::delete(
            subscription_tokens::table
                .filter(subscription_tokens::subscription_id.eq(&id))
                .filter(subscription_tokens::purpose.eq(CONFIRM))
                .filter(subscription_tokens::used_at.is_null()),
        )
        .execute(conn)?;
        insert_token(conn, &id, CONFIRM, confirm_hash, now)?;
        Ok(Requested::ConfirmationDue(find(conn, &id)?))
    })
}

/// Gives subscription `id` each of `topics` once, in `state`; returns how
/// many that is.
fn insert_topics(
    conn: &mut AnyConnection,
    id: &str,
    topics: &[SubscriptionTopic],
    state: &str,
) -> StoreResult<usize> {
    let mut wanted: Vec<&str> = topics.iter().map(|t| t.as_str()).collect();
    wanted.sort_unstable();
    wanted.dedup();
    for topic in &wanted {
        diesel::insert_into(subscription_topics::table)
            .values((
                subscription_topics::subscription_id.eq(id),
                subscription_topics::topic.eq(topic),
                subscription_topics::state.eq(state),
            ))
            .execute(conn)?;
    }
    Ok(wanted.len())
}

fn insert_token(
    conn: &mut AnyConnection,
    id: &str,
    purpose: &str,
    hash: &str,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    diesel::insert_into(subscription_tokens::table)
        .values((
            subscription_tokens::token_hash.eq(hash),
            subscription_tokens::subscription_id.eq(id),
            subscription_tokens::purpose.eq(purpose),
            subscription_tokens::created_at.eq(now.naive_utc()),
        ))
        .execute(conn)?;
    Ok(())
}

/// Stores the digest of an unsubscribe token carried by a message to `id`,
/// valid for [`UNSUBSCRIBE_VALIDITY`] from `now`.
pub fn add_unsubscribe_token(
    conn: &mut AnyConnection,
    id: &str,
    hash: &str,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    insert_token(conn, id, UNSUBSCRIBE, hash, now)
}

/// The subscription of a token of `purpose` that is still valid at `now`.
fn token_owner(
    conn: &mut AnyConnection,
    hash: &str,
    purpose: &str,
    validity: Duration,
    now: DateTime<Utc>,
) -> StoreResult<String> {
    let (id, created_at): (String, chrono::NaiveDateTime) = subscription_tokens::table
        .find(hash)
        .filter(subscription_tokens::purpose.eq(purpose))
        .select((
            subscription_tokens::subscription_id,
            subscription_tokens::created_at,
        ))
        .first(conn)?;
    if created_at.and_utc() + validity < now {
        return Err(StoreError::NotFound);
    }
    Ok(id)
}

/// Uses a confirmation token: the address is confirmed and receives the
/// topics it last asked for. An unknown, used or (at `now`) expired token is
/// [`StoreError::NotFound`].
pub fn confirm(
    conn: &mut AnyConnection,
    confirm_hash: &str,
    now: DateTime<Utc>,
) -> StoreResult<Subscription> {
    conn.transaction(|conn| {
        let at = now.naive_utc();
        // The write comes first and claims the token, so that two uses of it
        // cannot both pass.
        let claimed = diesel::update(
            subscription_tokens::table
                .find(confirm_hash)
                .filter(subscription_tokens::purpose.eq(CONFIRM))
                .filter(subscription_tokens::used_at.is_null()),
        )
        .set(subscription_tokens::used_at.eq(at))
        .execute(conn)?;
        if claimed == 0 {
            return Err(StoreError::NotFound);
        }
        let id = token_owner(conn, confirm_hash, CONFIRM, CONFIRMATION_VALIDITY, now)?;
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
                subscriptions::filters.eq(subscriptions::requested_filters),
                subscriptions::locale.eq(subscriptions::requested_locale),
            ))
            .execute(conn)?;
        find(conn, &id)
    })
}

/// Uses an unsubscribe token: the address receives nothing more until it
/// subscribes and confirms again. Using the token again is harmless. An
/// unknown or (at `now`) expired token is [`StoreError::NotFound`].
pub fn unsubscribe(
    conn: &mut AnyConnection,
    unsubscribe_hash: &str,
    now: DateTime<Utc>,
) -> StoreResult<Subscription> {
    conn.transaction(|conn| {
        let id = token_owner(
            conn,
            unsubscribe_hash,
            UNSUBSCRIBE,
            UNSUBSCRIBE_VALIDITY,
            now,
        )?;
        let at = now.naive_utc();
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

/// The saved search a pending request asks for, applied when it is
/// confirmed (as its topics are).
pub fn set_requested_filters(
    conn: &mut AnyConnection,
    id: &str,
    filters: Option<&str>,
) -> StoreResult<()> {
    diesel::update(subscriptions::table.find(id))
        .set(subscriptions::requested_filters.eq(filters))
        .execute(conn)?;
    Ok(())
}

/// The subscription an unsubscribe token (the one every list message
/// carries) belongs to, for its preference page; the token stays usable.
pub fn find_by_token(
    conn: &mut AnyConnection,
    unsubscribe_hash: &str,
    now: DateTime<Utc>,
) -> StoreResult<Subscription> {
    let id = token_owner(
        conn,
        unsubscribe_hash,
        UNSUBSCRIBE,
        UNSUBSCRIBE_VALIDITY,
        now,
    )?;
    find(conn, &id)
}

/// Sets what the holder of an unsubscribe token receives: its topics, its
/// saved search and its language, each when given. The token came in a message to the
/// address, so it proves the address as a confirmation does: the topics are
/// confirmed at once. No topics at all unsubscribes.
pub fn set_preferences(
    conn: &mut AnyConnection,
    unsubscribe_hash: &str,
    topics: Option<&[SubscriptionTopic]>,
    filters: Option<Option<&str>>,
    locale: Option<Locale>,
    now: DateTime<Utc>,
) -> StoreResult<Subscription> {
    conn.transaction(|conn| {
        let id = token_owner(
            conn,
            unsubscribe_hash,
            UNSUBSCRIBE,
            UNSUBSCRIBE_VALIDITY,
            now,
        )?;
        let at = now.naive_utc();
        if let Some(filters) = filters {
            diesel::update(subscriptions::table.find(&id))
                .set((
                    subscriptions::filters.eq(filters),
                    subscriptions::requested_filters.eq(filters),
                    subscriptions::updated_at.eq(at),
                ))
                .execute(conn)?;
        }
        if let Some(locale) = locale {
            diesel::update(subscriptions::table.find(&id))
                .set((
                    subscriptions::locale.eq(locale.as_str()),
                    subscriptions::requested_locale.eq(locale.as_str()),
                    subscriptions::updated_at.eq(at),
                ))
                .execute(conn)?;
        }
        let Some(topics) = topics else {
            return find(conn, &id);
        };
        diesel::delete(
            subscription_topics::table.filter(subscription_topics::subscription_id.eq(&id)),
        )
        .execute(conn)?;
        let given = insert_topics(conn, &id, topics, CONFIRMED)?;
        let (status, confirmed_at) = if given == 0 {
            (UNSUBSCRIBED, None)
        } else {
            (CONFIRMED, Some(at))
        };
        diesel::update(subscriptions::table.find(&id))
            .set((
                subscriptions::status.eq(status),
                subscriptions::updated_at.eq(at),
            ))
            .execute(conn)?;
        if let Some(confirmed_at) = confirmed_at {
            diesel::update(
                subscriptions::table
                    .find(&id)
                    .filter(subscriptions::confirmed_at.is_null()),
            )
            .set(subscriptions::confirmed_at.eq(confirmed_at))
            .execute(conn)?;
        }
        find(conn, &id)
    })
}

/// A confirmed subscriber of a topic, as the worker writes to it.
#[derive(Debug, Clone, PartialEq)]
pub struct Subscriber {
    pub subscription_id: String,
    pub email: String,
    pub locale: Locale,
    /// The saved search (JSON); `None` hears of everything.
    pub filters: Option<String>,
}

/// Confirmed subscribers who receive `topic`.
pub fn confirmed_with_filters(
    conn: &mut AnyConnection,
    topic: SubscriptionTopic,
) -> StoreResult<Vec<Subscriber>> {
    let rows: Vec<(String, String, String, Option<String>)> = subscriptions::table
        .inner_join(subscription_topics::table)
        .filter(subscriptions::status.eq(CONFIRMED))
        .filter(subscription_topics::state.eq(CONFIRMED))
        .filter(subscription_topics::topic.eq(topic.as_str()))
        .select((
            subscriptions::id,
            subscriptions::email,
            subscriptions::locale,
            subscriptions::filters,
        ))
        .order(subscriptions::id.asc())
        .load(conn)?;
    rows.into_iter()
        .map(|(subscription_id, email, locale, filters)| {
            Ok(Subscriber {
                locale: decode(&locale, "subscriptions.locale")?,
                subscription_id,
                email,
                filters,
            })
        })
        .collect()
}

/// What [`prune_expired`] deleted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Pruned {
    /// Requests to subscribe never confirmed in time.
    pub subscriptions: usize,
    /// Confirmation and unsubscribe tokens past their validity.
    pub tokens: usize,
}

/// Deletes what has expired at `now`: pending subscriptions whose last
/// confirmation was sent more than [`CONFIRMATION_VALIDITY`] ago (with their
/// tokens and requested topics), the unconfirmed topic changes of confirmed
/// addresses from then, and tokens past their validity. Confirmed and
/// unsubscribed addresses stay: the list must remember who left it.
pub fn prune_expired(conn: &mut AnyConnection, now: DateTime<Utc>) -> StoreResult<Pruned> {
    conn.transaction(|conn| {
        let confirmation_expired = (now - CONFIRMATION_VALIDITY).naive_utc();
        let stale_requests = subscriptions::table
            .filter(subscriptions::confirmation_sent_at.lt(confirmation_expired))
            .select(subscriptions::id);
        diesel::delete(
            subscription_topics::table
                .filter(subscription_topics::state.eq(REQUESTED))
                .filter(subscription_topics::subscription_id.eq_any(stale_requests)),
        )
        .execute(conn)?;
        let expired_confirmations = diesel::delete(
            subscription_tokens::table
                .filter(subscription_tokens::purpose.eq(CONFIRM))
                .filter(subscription_tokens::created_at.lt(confirmation_expired)),
        )
        .execute(conn)?;
        let expired_unsubscribes = diesel::delete(
            subscription_tokens::table
                .filter(subscription_tokens::purpose.eq(UNSUBSCRIBE))
                .filter(
                    subscription_tokens::created_at.lt((now - UNSUBSCRIBE_VALIDITY).naive_utc()),
                ),
        )
        .execute(conn)?;
        let subscriptions = diesel::delete(
            subscriptions::table
                .filter(subscriptions::status.eq(PENDING))
                .filter(subscriptions::confirmation_sent_at.lt(confirmation_expired)),
        )
        .execute(conn)?;
        Ok(Pruned {
            subscriptions,
            tokens: expired_confirmations + expired_unsubscribes,
        })
    })
}
