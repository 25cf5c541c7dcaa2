//! What a partner's webhook may hear of, and which network addresses a
//! delivery may reach (docs/partners.md, Webhooks).

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use crate::ValueError;

/// The kinds of event a webhook subscribes to, as the contract names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum WebhookEvent {
    ProgramPublished,
    ProgramUpdated,
    ProgramUnpublished,
    CycleOpened,
    CycleUpdated,
    EventPublished,
    EventUpdated,
    EventCancelled,
    /// Sent on request (`POST /webhooks/{id}/ping`), to every webhook.
    Ping,
}

impl WebhookEvent {
    pub const ALL: [WebhookEvent; 9] = [
        WebhookEvent::ProgramPublished,
        WebhookEvent::ProgramUpdated,
        WebhookEvent::ProgramUnpublished,
        WebhookEvent::CycleOpened,
        WebhookEvent::CycleUpdated,
        WebhookEvent::EventPublished,
        WebhookEvent::EventUpdated,
        WebhookEvent::EventCancelled,
        WebhookEvent::Ping,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            WebhookEvent::ProgramPublished => "program.published",
            WebhookEvent::ProgramUpdated => "program.updated",
            WebhookEvent::ProgramUnpublished => "program.unpublished",
            WebhookEvent::CycleOpened => "cycle.opened",
            WebhookEvent::CycleUpdated => "cycle.updated",
            WebhookEvent::EventPublished => "event.published",
            WebhookEvent::EventUpdated => "event.updated",
            WebhookEvent::EventCancelled => "event.cancelled",
            WebhookEvent::Ping => "ping",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, ValueError> {
        Self::ALL
            .into_iter()
            .find(|event| event.as_str() == raw)
            .ok_or_else(|| {
                let names: Vec<&str> = Self::ALL.iter().map(|event| event.as_str()).collect();
                ValueError::new("value-one-of", vec![("allowed", names.join(", "))])
            })
    }
}

impl std::fmt::Display for WebhookEvent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Whether a delivery may connect to `address`: only to the public
/// internet. Anything else (this machine, the private network it sits in,
/// a cloud's metadata service on a link-local address, shared carrier NAT,
/// multicast, unspecified or documentation ranges) could let a partner make
/// the service probe or call what only it can reach.
pub fn is_public_address(address: IpAddr) -> bool {
    match address {
        IpAddr::V4(v4) => is_public_v4(v4),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => is_public_v4(v4),
            None => is_public_v6(v6),
        },
    }
}

fn is_public_v4(address: Ipv4Addr) -> bool {
    let [a, b, c, _] = address.octets();
    let cgnat = a == 100 && (64..128).contains(&b);
    let this_network = a == 0;
    let ietf_protocols = a == 192 && b == 0 && c == 0;
    let benchmarking = a == 198 && (b == 18 || b == 19);
    let reserved = a >= 240;
    !(address.is_private()
        || address.is_loopback()
        || address.is_link_local()
        || address.is_unspecified()
        || address.is_multicast()
        || address.is_broadcast()
        || address.is_documentation()
        || cgnat
        || this_network
        || ietf_protocols
        || benchmarking
        || reserved)
}

fn is_public_v6(address: Ipv6Addr) -> bool {
    let first = address.segments()[0];
    let unique_local = (first & 0xfe00) == 0xfc00;
    let link_local = (first & 0xffc0) == 0xfe80;
    let site_local = (first & 0xffc0) == 0xfec0;
    let documentation = first == 0x2001 && address.segments()[1] == 0x0db8;
    // NAT64 and 6to4 embed an IPv4 address the check above would not see.
    let translated = first == 0x0064 || first == 0x2002;
    !(address.is_loopback()
        || address.is_unspecified()
        || address.is_multicast()
        || unique_local
        || link_local
        || site_local
        || documentation
        || translated
        || address.to_ipv4().is_some())
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn public(raw: &str) -> bool {
        is_public_address(raw.parse().expect("an address"))
    }

    #[test]
    fn every_event_reads_back_from_its_name() {
        for event in WebhookEvent::ALL {
            assert_eq!(WebhookEvent::parse(event.as_str()), Ok(event));
        }
        let refused = WebhookEvent::parse("program.deleted").expect_err("not an event");
        assert!(refused.message.contains("program.published"), "{refused}");
    }

    #[test]
    fn public_addresses_pass() {
        for raw in [
            "93.184.216.34",
            "8.8.8.8",
            "2606:4700:4700::1111",
            "100.128.0.1",
        ] {
            assert!(public(raw), "{raw}");
        }
    }

    #[test]
    fn private_and_special_addresses_are_refused() {
        for raw in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "100.127.255.255",
            "0.0.0.0",
            "224.0.0.1",
            "255.255.255.255",
            "::1",
            "::",
            "fc00::1",
            "fd12:3456::1",
            "fe80::1",
            "ff02::1",
            "::ffff:127.0.0.1",
            "::ffff:10.0.0.1",
            "64:ff9b::a00:1",
            "2002:7f00:1::",
        ] {
            assert!(!public(raw), "{raw}");
        }
    }

    proptest! {
        #[test]
        fn a_mapped_address_is_judged_as_its_ipv4(octets in any::<[u8; 4]>()) {
            let v4 = Ipv4Addr::from(octets);
            prop_assert_eq!(
                is_public_address(IpAddr::V6(v4.to_ipv6_mapped())),
                is_public_address(IpAddr::V4(v4))
            );
        }

        #[test]
        fn no_loopback_or_private_ipv4_passes(rest in any::<[u8; 3]>(), first in prop::sample::select(vec![10u8, 127])) {
            let address = Ipv4Addr::new(first, rest[0], rest[1], rest[2]);
            prop_assert!(!is_public_address(IpAddr::V4(address)));
        }
    }
}
