//! Greenlight's HTTP layer: handlers grouped by resource, authentication,
//! the problem+json error mapping and the OpenAPI document.

pub mod accounts;
pub mod app;
pub mod applications;
pub mod auth;
pub mod companies;
pub mod cycles;
pub mod error;
pub mod events;
pub mod extract;
pub mod feeds;
pub mod hsds;
pub mod http_cache;
pub mod idempotency;
pub mod language;
pub mod maintenance;
pub mod mentee_profiles;
pub mod modules;
pub mod notifications;
pub mod openapi;
pub mod operations;
pub mod outbox;
pub mod pagination;
pub mod postings;
pub mod profiles;
pub mod program_body;
pub mod program_changes;
pub mod programs;
pub mod providers;
pub mod rate_limit;
pub mod read_model;
pub mod reports;
pub mod routes;
pub mod state;
pub mod subscriptions;
pub mod surveys;
pub mod taxonomy;
pub mod telemetry;
pub mod translations;
pub mod users;
pub mod validate;
pub mod webhooks;

pub use app::{serve, serve_with};
pub use auth::JwtKeys;
pub use error::ApiError;
pub use state::{ApiConfig, AppState};
