//! Greenlight's persistence. Every query lives here, written once for both
//! backends against [`AnyConnection`]; the rare place where SQLite and
//! PostgreSQL truly differ branches on the variant, side by side.
//!
//! Functions take a connection rather than a pool (as Lemmy's do) so that a
//! caller can run several of them inside one transaction.

pub mod announcements;
pub mod api_tokens;
pub mod applications;
pub mod backup;
pub mod companies;
pub mod connection;
pub mod cycles;
pub mod error;
pub mod events;
pub mod idempotency_keys;
pub mod ids;
pub mod introspection;
pub mod mentee_profiles;
pub mod migrations;
pub mod modules;
pub mod outbox;
pub mod postings;
pub mod profiles;
pub mod program_changes;
pub mod programs;
pub mod providers;
pub mod schema;
pub mod seed;
pub mod sign_in_failures;
pub mod subscriptions;
pub mod surveys;
pub(crate) mod translations;
pub mod users;
pub mod webhooks;

pub use connection::{
    AnyConnection, DatabaseUrl, Pool, PooledConnection, connect_pool, transaction,
};
pub use error::StoreError;
