//! Rate limits per client, and who a request comes from: the peer's
//! address, or, when the peer is one of the operator's trusted proxies, the
//! address that proxy reports in `Forwarded` (RFC 7239) or
//! `X-Forwarded-For`. Headers from anyone else are ignored: a client could
//! write any address there and pick a fresh limit for each request.

use std::net::{IpAddr, Ipv6Addr, SocketAddr};
use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::Duration;

use actix_governor::governor::clock::{Clock, DefaultClock, QuantaInstant};
use actix_governor::governor::middleware::NoOpMiddleware;
use actix_governor::governor::{DefaultKeyedRateLimiter, NotUntil, Quota, RateLimiter};
use actix_governor::{
    GovernorConfig, GovernorConfigBuilder, KeyExtractor, SimpleKeyExtractionError,
};
use actix_web::dev::ServiceRequest;
use actix_web::http::header::{self, HeaderMap};
use actix_web::{HttpRequest, HttpResponse, HttpResponseBuilder, ResponseError};
use ipnet::IpNet;

use crate::error::ApiError;

/// A steady rate with a burst: `burst` requests at once, then one per
/// `period`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rate {
    pub period: Duration,
    pub burst: u32,
}

impl Rate {
    /// `count` requests spread over `window`, `burst` of them at once.
    pub fn per(count: u32, window: Duration, burst: u32) -> Self {
        Rate {
            period: window / count.max(1),
            burst: burst.max(1),
        }
    }

    fn quota(self) -> Quota {
        Quota::with_period(self.period.max(Duration::from_nanos(1)))
            .unwrap_or_else(|| Quota::per_second(NonZeroU32::MIN))
            .allow_burst(NonZeroU32::new(self.burst).unwrap_or(NonZeroU32::MIN))
    }
}

/// The middleware limit for a whole scope (`/auth/*`).
pub type ScopeLimit = GovernorConfig<ClientAddress, NoOpMiddleware>;

/// `None` only for a zero period or burst, which [`Rate`] never holds.
pub fn scope_limit(rate: Rate, clients: ClientAddress) -> Option<ScopeLimit> {
    GovernorConfigBuilder::default()
        .period(rate.period.max(Duration::from_nanos(1)))
        .burst_size(rate.burst.max(1))
        .key_extractor(clients)
        .finish()
}

/// See [`PerClient::forget_idle_clients`].
pub fn forget_idle_clients(limit: &ScopeLimit) {
    let limiter = limit.limiter();
    limiter.retain_recent();
    limiter.shrink_to_fit();
}

/// A limit a handler checks itself, for one operation of a scope
/// (`POST /subscriptions`, not the confirmations beside it).
#[derive(Debug, Clone)]
pub struct PerClient {
    limiter: Arc<DefaultKeyedRateLimiter<IpAddr>>,
    clients: ClientAddress,
}

impl PerClient {
    pub fn new(rate: Rate, clients: ClientAddress) -> Self {
        PerClient {
            limiter: Arc::new(RateLimiter::keyed(rate.quota())),
            clients,
        }
    }

    /// Takes one request from the caller's allowance, or answers 429 with the
    /// wait in `Retry-After`.
    pub fn check(&self, req: &HttpRequest) -> Result<(), ApiError> {
        let peer = req
            .peer_addr()
            .map_or(IpAddr::from([0, 0, 0, 0]), |peer| peer.ip());
        let key = limit_key(self.clients.client_of(peer, req.headers()));
        self.limiter
            .check_key(&key)
            .map_err(|negative| rate_limited(&negative))
    }

    /// Forgets clients whose allowance is full again, so that the limiter's
    /// memory follows the clients of the last minutes, not of all time.
    pub fn forget_idle_clients(&self) {
        self.limiter.retain_recent();
        self.limiter.shrink_to_fit();
    }
}

fn rate_limited(negative: &NotUntil<QuantaInstant>) -> ApiError {
    let wait = negative.wait_time_from(DefaultClock::default().now());
    ApiError::RateLimited {
        retry_after_secs: seconds_rounded_up(wait).max(1),
    }
}

/// The networks of the reverse proxies in front of the service, from
/// `GREENLIGHT_TRUSTED_PROXIES`: comma-separated CIDRs or single addresses.
pub fn parse_trusted_proxies(raw: &str) -> Result<Vec<IpNet>, String> {
    raw.split(',')
        .map(str::trim)
        .filter(|entry| !entry.is_empty())
        .map(|entry| {
            entry
                .parse::<IpNet>()
                .or_else(|_| entry.parse::<IpAddr>().map(IpNet::from))
                .map_err(|_| {
                    format!("{entry:?} is neither a CIDR (10.0.0.0/8) nor an address (10.0.0.1)")
                })
        })
        .collect()
}

/// The rate limiters' key: the client's address, with IPv6 taken by its /64
/// network, which is what one subscriber is usually given.
#[derive(Debug, Clone)]
pub struct ClientAddress {
    trusted_proxies: Vec<IpNet>,
}

impl ClientAddress {
    pub fn new(trusted_proxies: Vec<IpNet>) -> Self {
        ClientAddress { trusted_proxies }
    }

    fn trusts(&self, address: IpAddr) -> bool {
        self.trusted_proxies
            .iter()
            .any(|network| network.contains(&address))
    }

    /// Walks the forwarding chain from the nearest hop outwards while the
    /// hops are trusted proxies; the first untrusted hop is the client. A
    /// hop that cannot be read ends the walk at the proxy that wrote it.
    pub fn client_of(&self, peer: IpAddr, headers: &HeaderMap) -> IpAddr {
        let mut client = canonical(peer);
        if !self.trusts(client) {
            return client;
        }
        for hop in forwarded_chain(headers).into_iter().rev() {
            let Some(hop) = hop else {
                break;
            };
            client = canonical(hop);
            if !self.trusts(client) {
                break;
            }
        }
        client
    }
}

/// IPv4-mapped IPv6 addresses (`::ffff:192.0.2.1`) as the IPv4 they are.
fn canonical(address: IpAddr) -> IpAddr {
    match address {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(address, IpAddr::V4),
        IpAddr::V4(_) => address,
    }
}

/// The limiter's key for a client address.
fn limit_key(address: IpAddr) -> IpAddr {
    match address {
        IpAddr::V4(_) => address,
        IpAddr::V6(v6) => {
            let segments = v6.segments();
            IpAddr::V6(Ipv6Addr::new(
                segments[0],
                segments[1],
                segments[2],
                segments[3],
                0,
                0,
                0,
                0,
            ))
        }
    }
}

/// The addresses a request passed through, client first, from `Forwarded`
/// when present and `X-Forwarded-For` otherwise; `None` for a hop that is not
/// an address (`unknown`, an obfuscated name).
fn forwarded_chain(headers: &HeaderMap) -> Vec<Option<IpAddr>> {
    let values = |name| {
        headers
            .get_all(name)
            .filter_map(|value| value.to_str().ok())
            .flat_map(|value| value.split(','))
            .map(str::trim)
            .filter(|element| !element.is_empty())
            .map(str::to_owned)
            .collect::<Vec<String>>()
    };
    let forwarded = values(header::FORWARDED);
    if !forwarded.is_empty() {
        return forwarded
            .iter()
            .map(|element| {
                element
                    .split(';')
                    .filter_map(|pair| pair.split_once('='))
                    .find(|(key, _)| key.trim().eq_ignore_ascii_case("for"))
                    .and_then(|(_, value)| node_address(value))
            })
            .collect();
    }
    values(header::X_FORWARDED_FOR)
        .iter()
        .map(|hop| node_address(hop))
        .collect()
}

/// An address as proxies write it: `192.0.2.1`, `"192.0.2.1:4711"`,
/// `"[2001:db8::1]:4711"` or `2001:db8::1`.
fn node_address(raw: &str) -> Option<IpAddr> {
    let node = raw.trim().trim_matches('"');
    if let Ok(address) = node.parse::<IpAddr>() {
        return Some(address);
    }
    if let Ok(socket) = node.parse::<SocketAddr>() {
        return Some(socket.ip());
    }
    node.strip_prefix('[')
        .and_then(|rest| rest.split_once(']'))
        .and_then(|(inside, _)| inside.parse().ok())
}

fn seconds_rounded_up(wait: Duration) -> u64 {
    wait.as_secs() + u64::from(wait.subsec_nanos() > 0)
}

impl KeyExtractor for ClientAddress {
    type Key = IpAddr;
    type KeyExtractionError = SimpleKeyExtractionError<&'static str>;

    fn extract(&self, req: &ServiceRequest) -> Result<Self::Key, Self::KeyExtractionError> {
        let peer = req
            .peer_addr()
            .map_or(IpAddr::from([0, 0, 0, 0]), |peer| peer.ip());
        Ok(limit_key(self.client_of(peer, req.headers())))
    }

    fn exceed_rate_limit_response(
        &self,
        negative: &NotUntil<QuantaInstant>,
        _response: HttpResponseBuilder,
    ) -> HttpResponse {
        rate_limited(negative).error_response()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use actix_web::http::header::{HeaderName, HeaderValue};

    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(
                HeaderName::from_static(name),
                HeaderValue::from_static(value),
            );
        }
        map
    }

    fn ip(raw: &str) -> IpAddr {
        raw.parse().unwrap()
    }

    fn behind(proxies: &str) -> ClientAddress {
        ClientAddress::new(parse_trusted_proxies(proxies).unwrap())
    }

    #[test]
    fn an_untrusted_peer_is_the_client_whatever_it_forwards() {
        let spoofed = headers(&[("x-forwarded-for", "203.0.113.9")]);
        assert_eq!(
            behind("").client_of(ip("198.51.100.7"), &spoofed),
            ip("198.51.100.7")
        );
        assert_eq!(
            behind("10.0.0.0/8").client_of(ip("198.51.100.7"), &spoofed),
            ip("198.51.100.7")
        );
    }

    #[test]
    fn a_trusted_proxy_names_the_client_and_spoofed_hops_before_it_are_ignored() {
        let proxies = behind("10.0.0.0/8, 192.168.1.1");
        let chain = headers(&[("x-forwarded-for", "1.2.3.4, 203.0.113.9, 10.1.1.1")]);
        assert_eq!(
            proxies.client_of(ip("192.168.1.1"), &chain),
            ip("203.0.113.9")
        );
        let split_over_lines = headers(&[
            ("x-forwarded-for", "203.0.113.9"),
            ("x-forwarded-for", "10.1.1.1"),
        ]);
        assert_eq!(
            proxies.client_of(ip("10.2.2.2"), &split_over_lines),
            ip("203.0.113.9")
        );
    }

    #[test]
    fn forwarded_wins_over_x_forwarded_for_and_reads_every_node_form() {
        let proxies = behind("10.0.0.1");
        let both = headers(&[
            ("forwarded", r#"for="[2001:db8:cafe::17]:4711";proto=https"#),
            ("x-forwarded-for", "203.0.113.9"),
        ]);
        assert_eq!(
            proxies.client_of(ip("10.0.0.1"), &both),
            ip("2001:db8:cafe::17")
        );
        let quoted_v4 = headers(&[("forwarded", r#"For="192.0.2.43:47011", for=10.0.0.1"#)]);
        assert_eq!(
            proxies.client_of(ip("10.0.0.1"), &quoted_v4),
            ip("192.0.2.43")
        );
    }

    #[test]
    fn an_unreadable_hop_stops_at_the_proxy_that_wrote_it() {
        let proxies = behind("10.0.0.0/8");
        let obfuscated = headers(&[("forwarded", "for=unknown, for=10.0.0.5")]);
        assert_eq!(
            proxies.client_of(ip("10.0.0.1"), &obfuscated),
            ip("10.0.0.5")
        );
        assert_eq!(
            proxies.client_of(ip("10.0.0.1"), &HeaderMap::new()),
            ip("10.0.0.1")
        );
    }

    #[test]
    fn ipv6_clients_share_a_limit_per_64_and_mapped_ipv4_is_ipv4() {
        assert_eq!(
            limit_key(ip("2001:db8:1:2:aaaa::1")),
            limit_key(ip("2001:db8:1:2:bbbb::9"))
        );
        assert_ne!(
            limit_key(ip("2001:db8:1:2::1")),
            limit_key(ip("2001:db8:1:3::1"))
        );
        assert_eq!(canonical(ip("::ffff:192.0.2.1")), ip("192.0.2.1"));
    }

    #[test]
    fn settings_name_the_entry_they_cannot_read() {
        assert_eq!(parse_trusted_proxies(" ").unwrap(), Vec::<IpNet>::new());
        assert_eq!(parse_trusted_proxies("10.0.0.0/8,::1").unwrap().len(), 2);
        assert!(
            parse_trusted_proxies("10.0.0.0/8, proxy.local")
                .unwrap_err()
                .contains("proxy.local")
        );
    }
}
