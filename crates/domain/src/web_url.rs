use std::fmt;

use crate::ValueError;

/// An absolute `http` or `https` address with a host, as a browser can open it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebUrl(String);

const WEB_URL_MAX: usize = 2048;

impl WebUrl {
    pub fn parse(raw: &str) -> Result<Self, ValueError> {
        let raw = raw.trim();
        let invalid = || ValueError::new("value-web-url", vec![]);
        if raw.len() > WEB_URL_MAX {
            return Err(ValueError::new(
                "value-too-long",
                vec![("max", WEB_URL_MAX.to_string())],
            ));
        }
        let url = url::Url::parse(raw).map_err(|_| invalid())?;
        let has_host = url.host_str().is_some_and(|host| !host.is_empty());
        if !matches!(url.scheme(), "http" | "https")
            || !has_host
            || raw.contains(char::is_whitespace)
        {
            return Err(invalid());
        }
        // Kept as sent (trimmed): the parser's normal form would add a
        // trailing slash the caller did not write.
        Ok(Self(raw.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for WebUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_absolute_web_urls_are_accepted() {
        assert!(WebUrl::parse("https://example.org/join?id=1").is_ok());
        for bad in [
            "example.org",
            "ftp://example.org",
            "https://",
            "mailto:a@b.c",
            "not a url",
        ] {
            assert!(WebUrl::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn an_address_is_kept_as_sent() {
        assert_eq!(
            WebUrl::parse(" https://telefilm.ca ").map(|url| url.to_string()),
            Ok("https://telefilm.ca".to_owned())
        );
        assert!(WebUrl::parse("https://example.org/a b").is_err());
    }
}
