//! Every end-to-end scenario in one test binary: each module is a resource
//! or a concern, and they share the harness in `greenlight_tests` and the
//! mentorship arrangements in `support`. One binary links the server once,
//! instead of once per file.

mod support;

mod accounts;
mod applications;
mod catalogue;
mod catalogue_search;
mod catalogue_store;
mod change_feed;
mod companies;
mod cycles;
mod decisions;
mod delivery;
mod demo;
mod errors;
mod events;
mod feeds;
mod hsds;
mod idempotency;
mod languages;
mod limits;
mod mentee_profiles;
mod middleware;
mod openapi;
mod operations;
mod outbox;
mod postings;
mod privacy;
mod profiles;
mod reminders;
mod schema;
mod subscriptions;
mod surveys;
mod webhooks;
