//! Absolute links, from `GREENLIGHT_PUBLIC_URL`: a message is read far from
//! the request that caused it, so a path alone leads nowhere.

use greenlight_domain::Program;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Links {
    /// Scheme, host and any path prefix, without a trailing slash.
    base: String,
}

impl Links {
    pub fn new(public_url: &str) -> Self {
        Links {
            base: public_url.trim().trim_end_matches('/').to_owned(),
        }
    }

    pub fn base(&self) -> &str {
        &self.base
    }

    /// The host of the public URL, which names this service in each
    /// `Message-ID`.
    pub fn host(&self) -> &str {
        let after_scheme = self
            .base
            .split_once("://")
            .map_or(self.base.as_str(), |(_, rest)| rest);
        let authority = after_scheme.split('/').next().unwrap_or_default();
        let host = authority.rsplit('@').next().unwrap_or_default();
        let host = host.split(':').next().unwrap_or_default();
        if host.is_empty() { "localhost" } else { host }
    }

    /// `path` under `/api/v1`, e.g. `api("/programs/x")`.
    pub fn api(&self, path: &str) -> String {
        format!("{}/api/v1{path}", self.base)
    }

    pub fn program(&self, program: &Program) -> String {
        self.api(&format!("/programs/{}", program.slug))
    }

    pub fn one_click_unsubscribe(&self, token: &str) -> String {
        self.api(&format!("/subscriptions/one-click?token={token}"))
    }

    pub fn manage_subscription(&self, token: &str) -> String {
        self.api(&format!("/subscriptions/manage?token={token}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_absolute_whatever_the_trailing_slash() {
        let links = Links::new("https://greenlight.example.org/");
        assert_eq!(
            links.api("/outbox"),
            "https://greenlight.example.org/api/v1/outbox"
        );
        assert_eq!(links.host(), "greenlight.example.org");
    }

    #[test]
    fn the_host_leaves_out_port_and_credentials() {
        assert_eq!(
            Links::new("http://u:p@127.0.0.1:8080/x").host(),
            "127.0.0.1"
        );
        assert_eq!(Links::new("").host(), "localhost");
    }
}
