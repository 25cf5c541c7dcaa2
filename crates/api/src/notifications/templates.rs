//! One template per kind of message. Each says everything its reader needs
//! to act without signing in: what happened, to what, and where to go next,
//! with absolute links. Plain text; rendering takes the links (and will take
//! the reader's language) as parameters, never the request.

use chrono::NaiveDate;
use greenlight_domain::{Cents, Outcome, Program, SubscriptionTopic, TimeZoneName};
use greenlight_store::applications::Application;
use greenlight_store::cycles::Cycle;
use greenlight_store::events::Event;
use greenlight_store::postings::{Interest, Posting};

use super::{Links, MessageKind};

/// What happened, with what the message about it needs.
#[derive(Debug, Clone, Copy)]
pub enum Notice<'a> {
    SubscriptionConfirmation {
        topics: &'a [SubscriptionTopic],
        confirm_token: &'a str,
        valid_days: i64,
    },
    NewProgram {
        program: &'a Program,
    },
    /// A released decision on a joint application, to the mentee or to one
    /// of the company's representatives.
    Decision {
        outcome: Outcome,
        program: &'a Program,
        cycle: &'a Cycle,
        application: &'a Application,
        mentee_name: &'a str,
        company_name: &'a str,
    },
    PostingInterest {
        posting: &'a Posting,
        interest: &'a Interest,
    },
    /// A matching program's deadline is a week away or less.
    ClosingSoon {
        program: &'a Program,
        deadline: NaiveDate,
        today: NaiveDate,
    },
    /// A published program's deadline moved later.
    DeadlineExtended {
        program: &'a Program,
        deadline: NaiveDate,
    },
    NewEvent {
        event: &'a Event,
    },
    /// A seat freed up and went to the reader, who was on the waitlist.
    WaitlistPromoted {
        event: &'a Event,
    },
    /// The event the reader holds a seat at starts within a day.
    EventReminder {
        event: &'a Event,
    },
}

/// A message ready for the outbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub subject: String,
    pub text: String,
}

impl Notice<'_> {
    pub fn kind(&self) -> MessageKind {
        match self {
            Notice::SubscriptionConfirmation { .. } => MessageKind::SubscriptionConfirmation,
            Notice::NewProgram { .. } => MessageKind::NewProgram,
            Notice::Decision { outcome, .. } => match outcome {
                Outcome::Selected => MessageKind::DecisionSelected,
                Outcome::Waitlisted => MessageKind::DecisionWaitlisted,
                Outcome::Declined => MessageKind::DecisionDeclined,
            },
            Notice::PostingInterest { .. } => MessageKind::PostingInterest,
            Notice::ClosingSoon { .. } => MessageKind::ClosingSoon,
            Notice::DeadlineExtended { .. } => MessageKind::DeadlineExtended,
            Notice::NewEvent { .. } => MessageKind::NewEvent,
            Notice::WaitlistPromoted { .. } => MessageKind::WaitlistPromoted,
            Notice::EventReminder { .. } => MessageKind::EventReminder,
        }
    }

    pub fn render(&self, links: &Links) -> Rendered {
        match *self {
            Notice::SubscriptionConfirmation {
                topics,
                confirm_token,
                valid_days,
            } => subscription_confirmation(links, topics, confirm_token, valid_days),
            Notice::NewProgram { program } => new_program(links, program),
            Notice::Decision {
                outcome,
                program,
                cycle,
                application,
                mentee_name,
                company_name,
            } => decision(
                links,
                outcome,
                program,
                cycle,
                application,
                mentee_name,
                company_name,
            ),
            Notice::PostingInterest { posting, interest } => {
                posting_interest(links, posting, interest)
            }
            Notice::ClosingSoon {
                program,
                deadline,
                today,
            } => closing_soon(links, program, deadline, today),
            Notice::DeadlineExtended { program, deadline } => {
                deadline_extended(links, program, deadline)
            }
            Notice::NewEvent { event } => new_event(links, event),
            Notice::WaitlistPromoted { event } => waitlist_promoted(links, event),
            Notice::EventReminder { event } => event_reminder(links, event),
        }
    }
}

fn subscription_confirmation(
    links: &Links,
    topics: &[SubscriptionTopic],
    confirm_token: &str,
    valid_days: i64,
) -> Rendered {
    let listed: Vec<&str> = topics.iter().map(|t| t.label()).collect();
    Rendered {
        subject: "Confirm your Greenlight subscription".to_owned(),
        text: format!(
            "Someone (we hope you) asked to receive Greenlight news about: {}.\n\n\
             To confirm, POST {{\"token\": \"{confirm_token}\"}} to {} within {valid_days} days. \
             If you did not ask, ignore this message: nothing more will be sent.",
            listed.join(", "),
            links.api("/subscriptions/confirm"),
        ),
    }
}

fn new_program(links: &Links, program: &Program) -> Rendered {
    let content = &program.content;
    let mut facts = Vec::new();
    if let Some(deadline) = content.application_deadline {
        facts.push(format!("Apply by: {deadline}"));
    }
    if let (Some(starts), Some(ends)) = (content.starts_on, content.ends_on) {
        facts.push(format!("Runs: {starts} to {ends}"));
    }
    facts.push(format!("Cost: {}", money(content.cost)));
    Rendered {
        subject: format!("New in the catalogue: {}", content.title),
        text: format!(
            "{} ({}) is now in the Greenlight catalogue.\n\n{}\n\n{}\n\nDetails: {}",
            content.title,
            program.provider_name,
            content.summary,
            facts.join("\n"),
            links.program(program),
        ),
    }
}

fn decision(
    links: &Links,
    outcome: Outcome,
    program: &Program,
    cycle: &Cycle,
    application: &Application,
    mentee_name: &str,
    company_name: &str,
) -> Rendered {
    let dates = application.placement.dates;
    let next_step = match outcome {
        Outcome::Selected => format!(
            "Next step: {company_name} and {mentee_name} confirm the placement terms with the \
             association before the placement starts on {}; the stipend is paid as the cycle's \
             terms describe.",
            dates.starts_on()
        ),
        Outcome::Waitlisted => format!(
            "Next step: nothing for now. If a placement frees up before {}, the association \
             writes again; the application stays as it is.",
            dates.starts_on()
        ),
        Outcome::Declined => format!(
            "Next step: the program's next cycles are listed at {}; a new joint application \
             may be made to any of them.",
            links.api(&format!("/programs/{}/cycles", program.slug))
        ),
    };
    Rendered {
        subject: format!(
            "{}, {}: your joint application is {}",
            program.content.title, cycle.name, outcome
        ),
        text: format!(
            "The joint application of {mentee_name} with {company_name} to {} ({}) has been {outcome}.\n\n\
             Placement: {} to {}\n\
             Stipend: {}\n\n\
             {next_step}\n\n\
             The application: {}",
            program.content.title,
            cycle.name,
            dates.starts_on(),
            dates.ends_on(),
            money(cycle.stipend),
            links.api(&format!("/applications/{}", application.id)),
        ),
    }
}

fn posting_interest(links: &Links, posting: &Posting, interest: &Interest) -> Rendered {
    Rendered {
        subject: format!("{} answered “{}”", interest.display_name, posting.title),
        text: format!(
            "{} is interested in your posting “{}”:\n\n{}\n\nSee every answer at {}.",
            interest.display_name,
            posting.title,
            interest.message,
            links.api(&format!("/postings/{}/interests", posting.id)),
        ),
    }
}

fn closing_soon(
    links: &Links,
    program: &Program,
    deadline: NaiveDate,
    today: NaiveDate,
) -> Rendered {
    let title = &program.content.title;
    let when = closing_in((deadline - today).num_days());
    Rendered {
        subject: format!("Closing soon: {title}, apply by {deadline}"),
        text: format!(
            "Applications to {title} ({}) close {when}, on {deadline}.\n\n{}\n\n\
             Cost: {}\n\
             Details and how to apply: {}",
            program.provider_name,
            program.content.summary,
            money(program.content.cost),
            links.program(program),
        ),
    }
}

/// How far off a deadline `days` away is, as a reader says it.
fn closing_in(days: i64) -> String {
    match days {
        0 => "today".to_owned(),
        1 => "tomorrow".to_owned(),
        days => format!("in {days} days"),
    }
}

fn deadline_extended(links: &Links, program: &Program, deadline: NaiveDate) -> Rendered {
    let title = &program.content.title;
    Rendered {
        subject: format!("Deadline extended: {title}, now {deadline}"),
        text: format!(
            "The application deadline of {title} ({}) has moved later: applications are now \
             accepted until {deadline}.\n\n{}\n\nDetails and how to apply: {}",
            program.provider_name,
            program.content.summary,
            links.program(program),
        ),
    }
}

/// When and where an event happens, as its readers need it: the start and
/// end on the clocks of the zone it is announced in, and its place.
fn event_facts(event: &Event) -> String {
    let (starts, ends) = match TimeZoneName::parse(&event.timezone) {
        Ok(zone) => (
            format!(
                "{} ({})",
                zone.wall_clock(event.starts_at).format("%Y-%m-%d %H:%M"),
                zone
            ),
            format!(
                "{} ({})",
                zone.wall_clock(event.ends_at).format("%Y-%m-%d %H:%M"),
                zone
            ),
        ),
        Err(_) => (
            event.starts_at.format("%Y-%m-%d %H:%M UTC").to_string(),
            event.ends_at.format("%Y-%m-%d %H:%M UTC").to_string(),
        ),
    };
    let place = match (&event.location, event.online_url.is_some()) {
        (Some(location), true) => format!("{location}, and online"),
        (Some(location), false) => location.clone(),
        (None, true) => "online".to_owned(),
        (None, false) => "to be announced".to_owned(),
    };
    format!("Starts: {starts}\nEnds: {ends}\nWhere: {place}")
}

fn event_link(links: &Links, event: &Event) -> String {
    links.api(&format!("/events/{}", event.id))
}

fn new_event(links: &Links, event: &Event) -> Rendered {
    let audience = if event.members_only {
        "It is open to members of the association."
    } else {
        "It is open to everyone."
    };
    Rendered {
        subject: format!("New event: {}", event.title),
        text: format!(
            "{} ({}) is now on the Greenlight calendar. {audience}\n\n{}\n\n\
             Details and registration: {}\n\
             Register: POST {}",
            event.title,
            event.kind.label(),
            event_facts(event),
            event_link(links, event),
            links.api(&format!("/events/{}/registrations", event.id)),
        ),
    }
}

fn waitlist_promoted(links: &Links, event: &Event) -> Rendered {
    Rendered {
        subject: format!("You have a seat at {}", event.title),
        text: format!(
            "A seat at {} freed up and is yours: you moved from the waitlist to registered.\n\n\
             {}\n\n\
             The event: {}\n\
             If you can no longer come, cancel so that the next person on the waitlist gets \
             the seat: DELETE {}",
            event.title,
            event_facts(event),
            event_link(links, event),
            links.api(&format!("/events/{}/registrations/me", event.id)),
        ),
    }
}

fn event_reminder(links: &Links, event: &Event) -> Rendered {
    Rendered {
        subject: format!("Tomorrow: {}", event.title),
        text: format!(
            "A reminder: {}, which you are registered for, starts within a day.\n\n{}\n\n\
             The event (with its online link, if it has one): {}\n\
             If you can no longer come, cancel so that someone on the waitlist gets your \
             seat: DELETE {}",
            event.title,
            event_facts(event),
            event_link(links, event),
            links.api(&format!("/events/{}/registrations/me", event.id)),
        ),
    }
}

/// The end of every message to the notification list: why it came and how
/// to leave, with the message's own token.
pub fn list_footer(links: &Links, token: &str) -> String {
    format!(
        "\n\n--\nYou receive this because you subscribed to the Greenlight notification list.\n\
         Leave with one click: {}\n\
         Change what you receive: {}\n\
         (or POST {{\"token\": \"{token}\"}} to {})",
        links.one_click_unsubscribe(token),
        links.manage_subscription(token),
        links.api("/subscriptions/unsubscribe"),
    )
}

fn money(cents: Cents) -> String {
    if cents == Cents::ZERO {
        "free".to_owned()
    } else {
        format!("{cents} CAD")
    }
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, Utc};
    use greenlight_domain::{EventKind, Translations};

    use super::*;

    fn event(members_only: bool) -> Event {
        let starts_at: DateTime<Utc> = "2026-12-09T23:00:00Z".parse().unwrap();
        Event {
            id: "ev1".to_owned(),
            module_id: "m1".to_owned(),
            title: "Working with your bank".to_owned(),
            kind: EventKind::ALL[0],
            starts_at,
            ends_at: starts_at + chrono::Duration::minutes(90),
            timezone: "America/Toronto".to_owned(),
            location: None,
            online_url: Some("https://example.org/private-room".to_owned()),
            capacity: 10,
            members_only,
            translations: Translations::default(),
            created_at: starts_at,
            updated_at: starts_at,
        }
    }

    #[test]
    fn a_deadline_is_today_tomorrow_or_in_some_days() {
        assert_eq!(closing_in(0), "today");
        assert_eq!(closing_in(1), "tomorrow");
        assert_eq!(closing_in(7), "in 7 days");
    }

    #[test]
    fn event_times_are_on_the_clocks_of_the_events_zone() {
        let facts = event_facts(&event(false));
        assert!(
            facts.contains("Starts: 2026-12-09 18:00 (America/Toronto)"),
            "{facts}"
        );
        assert!(
            facts.contains("Ends: 2026-12-09 19:30 (America/Toronto)"),
            "{facts}"
        );
        assert!(facts.contains("Where: online"), "{facts}");
    }

    #[test]
    fn news_of_an_event_says_who_may_come_and_keeps_its_online_link_for_registrants() {
        let links = Links::new("https://gl.example");
        let members = new_event(&links, &event(true));
        assert!(members.text.contains("open to members"), "{}", members.text);
        assert!(
            members
                .text
                .contains("https://gl.example/api/v1/events/ev1")
        );
        assert!(!members.text.contains("private-room"), "{}", members.text);
        let reminder = event_reminder(&links, &event(false));
        assert!(
            reminder
                .text
                .contains("https://gl.example/api/v1/events/ev1/registrations/me")
        );
        assert_eq!(reminder.subject, "Tomorrow: Working with your bank");
    }

    #[test]
    fn the_footer_links_to_leaving_and_to_preferences_with_the_token() {
        let footer = list_footer(&Links::new("https://gl.example"), "glp_abc");
        assert!(footer.contains("https://gl.example/api/v1/subscriptions/one-click?token=glp_abc"));
        assert!(footer.contains("https://gl.example/api/v1/subscriptions/manage?token=glp_abc"));
    }

    #[test]
    fn a_confirmation_names_the_topics_and_an_absolute_link() {
        let rendered = subscription_confirmation(
            &Links::new("https://gl.example"),
            &[SubscriptionTopic::NewPrograms],
            "glp_t",
            7,
        );
        assert!(rendered.text.contains("New programs"), "{}", rendered.text);
        assert!(
            rendered
                .text
                .contains("https://gl.example/api/v1/subscriptions/confirm")
        );
        assert!(rendered.text.contains("{\"token\": \"glp_t\"}"));
    }
}
