//! One template per kind of message. Each says everything its reader needs
//! to act without signing in: what happened, to what, and where to go next,
//! with absolute links. Plain text; rendering takes the links (and will take
//! the reader's language) as parameters, never the request.

use greenlight_domain::{Cents, Outcome, Program, SubscriptionTopic};
use greenlight_store::applications::Application;
use greenlight_store::cycles::Cycle;
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
    use super::*;

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
