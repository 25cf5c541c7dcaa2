//! Greenlight's persistence. Every query lives here, written once for both
//! backends against [`AnyConnection`]; the rare place where SQLite and
//! PostgreSQL truly differ branches on the variant, side by side.
//!
//! Functions take a connection rather than a pool (as Lemmy's do) so that a
//! caller can run several of them inside one transaction.

pub mod api_tokens;
pub mod catalogue_index;
pub mod connection;
pub mod error;
pub mod ids;
pub mod introspection;
pub mod migrations;
pub mod outbox;
pub mod programs;
pub mod providers;
pub mod schema;
pub mod seed;
pub mod subscriptions;
pub mod users;

pub use connection::{
    AnyConnection, DatabaseUrl, Pool, PooledConnection, connect_pool, transaction,
};
pub use error::StoreError;
