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
        raw.trim()
            .parse::<chrono_tz::Tz>()
            .map(Self)
            .map_err(|_| ValueError::new("value-time-zone", vec![]))
    }

    pub fn as_str(&self) -> &'static str {
        self.0.name()
    }

    /// What the clocks of this zone show at `at`.
    pub fn wall_clock(&self, at: chrono::DateTime<chrono::Utc>) -> chrono::NaiveDateTime {
        at.with_timezone(&self.0).naive_local()
    }
}

impl fmt::Display for TimeZoneName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
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
    fn event_kinds_are_the_documented_ones() {
        let ids: Vec<&str> = EventKind::ALL.iter().map(|k| k.as_str()).collect();
        assert_eq!(ids, ["webinar", "networking", "workshop", "panel"]);
    }
}
