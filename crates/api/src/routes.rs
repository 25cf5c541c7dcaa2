//! Where every endpoint is mounted. The same function serves the running app
//! and the OpenAPI document, so the two cannot disagree.

use actix_governor::governor::middleware::NoOpMiddleware;
use actix_governor::{Governor, GovernorConfig, GovernorConfigBuilder, PeerIpKeyExtractor};
use utoipa_actix_web::scope;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::state::ApiConfig;
use crate::{
    accounts, applications, companies, cycles, events, feeds, mentee_profiles, modules, operations,
    outbox, postings, profiles, programs, providers, reports, subscriptions, surveys, taxonomy,
};

pub type AuthRateLimit = GovernorConfig<PeerIpKeyExtractor, NoOpMiddleware>;

/// The limiter for `/auth/*`: a burst, then a steady rate per client address.
pub fn auth_rate_limit(config: &ApiConfig) -> AuthRateLimit {
    let per_minute = u64::from(config.auth_requests_per_minute.max(1));
    GovernorConfigBuilder::default()
        .period(std::time::Duration::from_nanos(60_000_000_000 / per_minute))
        .burst_size(config.auth_burst.max(1))
        .finish()
        .unwrap_or_default()
}

pub fn all(cfg: &mut ServiceConfig) {
    mount(cfg, &auth_rate_limit(&ApiConfig::default()));
}

pub fn mount(cfg: &mut ServiceConfig, auth_limit: &AuthRateLimit) {
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
            .configure(programs::routes)
            .configure(reports::routes)
            .configure(subscriptions::routes)
            .configure(feeds::routes),
    );
}
