//! Where every endpoint is mounted. The same function serves the running app
//! and the OpenAPI document, so the two cannot disagree.

use actix_governor::Governor;
use utoipa_actix_web::scope;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::rate_limit::{ScopeLimit, scope_limit};
use crate::state::ApiConfig;
use crate::{
    accounts, applications, companies, cycles, events, feeds, hsds, mentee_profiles, modules,
    operations, outbox, postings, profiles, program_changes, programs, providers, reports,
    subscriptions, surveys, taxonomy, users, webhooks,
};

/// The limiter for `/auth/*`: a burst, then a steady rate per client address.
pub fn auth_rate_limit(config: &ApiConfig) -> std::io::Result<ScopeLimit> {
    scope_limit(config.auth_rate(), config.clients())
        .ok_or_else(|| std::io::Error::other("the /auth rate limit must not be zero"))
}

/// Every route, for the OpenAPI document.
pub fn all(cfg: &mut ServiceConfig) {
    if let Ok(limit) = auth_rate_limit(&ApiConfig::default()) {
        mount(cfg, &limit);
    }
}

pub fn mount(cfg: &mut ServiceConfig, auth_limit: &ScopeLimit) {
    cfg.configure(operations::routes).service(
        scope("/api/v1")
            .service(
                scope("/auth")
                    .wrap(Governor::new(auth_limit))
                    .configure(accounts::auth_routes),
            )
            .service(
                scope("/me")
                    .configure(accounts::me_routes)
                    .configure(profiles::me_routes),
            )
            .configure(companies::routes)
            .configure(cycles::routes)
            .configure(applications::routes)
            .configure(outbox::routes)
            .configure(mentee_profiles::routes)
            .configure(postings::routes)
            .configure(modules::routes)
            .configure(events::routes)
            .configure(events::feed_routes)
            .configure(surveys::routes)
            .configure(taxonomy::routes)
            .configure(providers::routes)
            .configure(program_changes::routes)
            .configure(programs::routes)
            .configure(reports::routes)
            .configure(subscriptions::routes)
            .configure(feeds::routes)
            .configure(users::routes)
            .configure(hsds::routes)
            .configure(webhooks::routes),
    );
}
