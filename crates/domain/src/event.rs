//! Module-series events: their kinds, the time zone they are announced in and
//! the address where an online event happens.

use std::fmt;

use crate::ValueError;
use crate::terms::defined_terms;

defined_terms! {
    /// What happens at an event of the module series.
    pub enum EventKind {
        Webinar => "webinar", "Webinar", "An online presentation, usually live, with questions from the audience.";
        Networking => "networking", "Networking event", "A gathering whose main aim is meeting peers, buyers or funders.";
        Workshop => "workshop", "Workshop", "A short, practical, interactive session on one subject.";
        Panel => "panel", "Panel", "A discussion among several speakers in front of an audience.";
    }
}

/// An IANA time zone name such as `America/Toronto`: the zone the event is
/// announced in, kept so that clients can show local times. Instants are
/// always stored and served in UTC.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeZoneName(chrono_tz::Tz);

impl TimeZoneName {
    pub fn parse(raw: &str) -> Result<Self, ValueError> {
        raw.trim().parse::<chrono_tz::Tz>().map(Self).map_err(|_| {
            ValueError::new(
                "must be an IANA time zone name such as America/Toronto, America/Vancouver or UTC",
            )
        })
    }

    pub fn as_str(&self) -> &'static str {
        self.0.name()
    }
}

impl fmt::Display for TimeZoneName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An absolute `http` or `https` address with a host, as a browser can open it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebUrl(String);

const WEB_URL_MAX: usize = 2048;

impl WebUrl {
    pub fn parse(raw: &str) -> Result<Self, ValueError> {
        let raw = raw.trim();
        let invalid = || {
            ValueError::new(
                "must be an absolute http or https URL such as https://example.org/join",
            )
        };
        if raw.len() > WEB_URL_MAX {
            return Err(ValueError::new(format!(
                "must be at most {WEB_URL_MAX} characters"
            )));
        }
        let url = url::Url::parse(raw).map_err(|_| invalid())?;
        let has_host = url.host_str().is_some_and(|host| !host.is_empty());
        if !matches!(url.scheme(), "http" | "https") || !has_host {
            return Err(invalid());
        }
        Ok(Self(url.into()))
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
    fn iana_names_parse_and_offsets_or_abbreviations_do_not() {
        assert_eq!(
            TimeZoneName::parse("America/Toronto").map(|tz| tz.as_str()),
            Ok("America/Toronto")
        );
        assert!(TimeZoneName::parse("UTC").is_ok());
        for bad in ["", "EST5", "+05:00", "Mars/Olympus_Mons", "toronto"] {
            assert!(TimeZoneName::parse(bad).is_err(), "{bad}");
        }
    }

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
    fn event_kinds_are_the_documented_ones() {
        let ids: Vec<&str> = EventKind::ALL.iter().map(|k| k.as_str()).collect();
        assert_eq!(ids, ["webinar", "networking", "workshop", "panel"]);
    }
}
