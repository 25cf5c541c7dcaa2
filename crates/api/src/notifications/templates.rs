//! One template per kind of message. Each says everything its reader needs
//! to act without signing in: what happened, to what, and where to go next,
//! with absolute links. Plain text in the reader's language, through the
//! `mail-*` messages of locales/{en,fr}.ftl; rendering takes the links and
//! that language as parameters, never the request.

use chrono::{DateTime, NaiveDate, Utc};
use greenlight_domain::l10n::Arg;
use greenlight_domain::wording::date_in;
use greenlight_domain::{
    Cents, DefinedTerm, Locale, Outcome, Program, SubscriptionTopic, TimeZoneName,
};
use greenlight_store::applications::Application;
use greenlight_store::cycles::Cycle;
use greenlight_store::events::Event;
use greenlight_store::postings::{Interest, Posting};

use super::{Links, MessageKind};
use crate::language::MESSAGES;

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

    /// The message in `locale`, its reader's language.
    pub fn render(&self, links: &Links, locale: Locale) -> Rendered {
        let mail = Mail { links, locale };
        match *self {
            Notice::SubscriptionConfirmation {
                topics,
                confirm_token,
                valid_days,
            } => mail.subscription_confirmation(topics, confirm_token, valid_days),
            Notice::NewProgram { program } => mail.new_program(program),
            Notice::Decision {
                outcome,
                program,
                cycle,
                application,
                mentee_name,
                company_name,
            } => mail.decision(
                outcome,
                program,
                cycle,
                application,
                mentee_name,
                company_name,
            ),
            Notice::PostingInterest { posting, interest } => {
                mail.posting_interest(posting, interest)
            }
            Notice::ClosingSoon {
                program,
                deadline,
                today,
            } => mail.closing_soon(program, deadline, today),
            Notice::DeadlineExtended { program, deadline } => {
                mail.deadline_extended(program, deadline)
            }
            Notice::NewEvent { event } => mail.new_event(event),
            Notice::WaitlistPromoted { event } => mail.waitlist_promoted(event),
            Notice::EventReminder { event } => mail.event_reminder(event),
        }
    }
}

/// What every template writes with: the links and the reader's language.
#[derive(Clone, Copy)]
struct Mail<'a> {
    links: &'a Links,
    locale: Locale,
}

/// The body a client posts to use a token, as messages quote it.
fn token_body(token: &str) -> String {
    format!("{{\"token\": \"{token}\"}}")
}

impl Mail<'_> {
    fn text(&self, id: &str, args: &[(&str, Arg<'_>)]) -> String {
        MESSAGES.text(self.locale, id, args)
    }

    fn date(&self, date: chrono::NaiveDate) -> String {
        date_in(self.locale, date)
    }

    fn money(&self, cents: Cents) -> String {
        cents.written(self.locale)
    }

    fn subscription_confirmation(
        &self,
        topics: &[SubscriptionTopic],
        confirm_token: &str,
        valid_days: i64,
    ) -> Rendered {
        let listed: Vec<String> = topics.iter().map(|t| t.label_in(self.locale)).collect();
        Rendered {
            subject: self.text("mail-confirmation-subject", &[]),
            text: [
                self.text(
                    "mail-confirmation-asked",
                    &[("topics", listed.join(", ").into())],
                ),
                self.text(
                    "mail-confirmation-how",
                    &[
                        ("body", token_body(confirm_token).into()),
                        ("url", self.links.api("/subscriptions/confirm").into()),
                        ("days", valid_days.into()),
                    ],
                ),
            ]
            .join("\n\n"),
        }
    }

    fn new_program(&self, program: &Program) -> Rendered {
        let content = &program.content;
        let (title, provider, summary) = self.program_words(program);
        let mut facts = Vec::new();
        if let Some(deadline) = content.application_deadline {
            facts.push(self.text(
                "mail-new-program-deadline",
                &[("date", self.date(deadline).into())],
            ));
        }
        if let (Some(starts), Some(ends)) = (content.starts_on, content.ends_on) {
            facts.push(self.text(
                "mail-new-program-runs",
                &[
                    ("starts", self.date(starts).into()),
                    ("ends", self.date(ends).into()),
                ],
            ));
        }
        let cost = if content.cost.is_zero() {
            self.text("mail-new-program-free", &[])
        } else {
            self.money(content.cost)
        };
        facts.push(self.text("mail-new-program-cost", &[("cost", cost.into())]));
        Rendered {
            subject: self.text("mail-new-program-subject", &[("title", title.into())]),
            text: [
                self.text(
                    "mail-new-program-intro",
                    &[("title", title.into()), ("provider", provider.into())],
                ),
                summary.to_owned(),
                facts.join("\n"),
                self.text(
                    "mail-new-program-details",
                    &[("url", self.links.program(program).into())],
                ),
            ]
            .join("\n\n"),
        }
    }

    fn decision(
        &self,
        outcome: Outcome,
        program: &Program,
        cycle: &Cycle,
        application: &Application,
        mentee_name: &str,
        company_name: &str,
    ) -> Rendered {
        let dates = application.placement.dates;
        let content = &program.content;
        let program_title = content
            .translations
            .pick(self.locale, &content.title, |t| t.title.as_ref());
        let cycle_name = cycle
            .translations
            .pick(self.locale, &cycle.name, |t| t.name.as_ref());
        let starts = self.date(dates.starts_on());
        let next_step = match outcome {
            Outcome::Selected => self.text(
                "mail-decision-next-selected",
                &[
                    ("company", company_name.into()),
                    ("mentee", mentee_name.into()),
                    ("starts", starts.as_str().into()),
                ],
            ),
            Outcome::Waitlisted => self.text(
                "mail-decision-next-waitlisted",
                &[("starts", starts.as_str().into())],
            ),
            Outcome::Declined => self.text(
                "mail-decision-next-declined",
                &[(
                    "url",
                    self.links
                        .api(&format!("/programs/{}/cycles", program.slug))
                        .into(),
                )],
            ),
        };
        let named: [(&str, Arg<'_>); 3] = [
            ("program", program_title.into()),
            ("cycle", cycle_name.into()),
            ("outcome", outcome.as_str().into()),
        ];
        Rendered {
            subject: self.text("mail-decision-subject", &named),
            text: [
                self.text(
                    "mail-decision-intro",
                    &[
                        named.as_slice(),
                        &[
                            ("mentee", mentee_name.into()),
                            ("company", company_name.into()),
                        ],
                    ]
                    .concat(),
                ),
                [
                    self.text(
                        "mail-decision-placement",
                        &[
                            ("starts", starts.as_str().into()),
                            ("ends", self.date(dates.ends_on()).into()),
                        ],
                    ),
                    self.text(
                        "mail-decision-stipend",
                        &[("stipend", self.money(cycle.stipend).into())],
                    ),
                ]
                .join("\n"),
                next_step,
                self.text(
                    "mail-decision-link",
                    &[(
                        "url",
                        self.links
                            .api(&format!("/applications/{}", application.id))
                            .into(),
                    )],
                ),
            ]
            .join("\n\n"),
        }
    }

    fn posting_interest(&self, posting: &Posting, interest: &Interest) -> Rendered {
        let named: [(&str, Arg<'_>); 2] = [
            ("name", interest.display_name.as_str().into()),
            ("posting", posting.title.as_str().into()),
        ];
        Rendered {
            subject: self.text("mail-posting-interest-subject", &named),
            text: [
                self.text("mail-posting-interest-intro", &named),
                interest.message.clone(),
                self.text(
                    "mail-posting-interest-all",
                    &[(
                        "url",
                        self.links
                            .api(&format!("/postings/{}/interests", posting.id))
                            .into(),
                    )],
                ),
            ]
            .join("\n\n"),
        }
    }
}

impl Mail<'_> {
    /// A program's title, provider and summary in the reader's language.
    fn program_words<'p>(&self, program: &'p Program) -> (&'p str, &'p str, &'p str) {
        let content = &program.content;
        let translations = &content.translations;
        (
            translations.pick(self.locale, &content.title, |t| t.title.as_ref()),
            program
                .provider_translations
                .pick(self.locale, &program.provider_name, |t| t.name.as_ref()),
            translations.pick(self.locale, &content.summary, |t| t.summary.as_ref()),
        )
    }

    fn closing_soon(&self, program: &Program, deadline: NaiveDate, today: NaiveDate) -> Rendered {
        let days = (deadline - today).num_days();
        self.deadline_news(
            ["mail-closing-soon-subject", "mail-closing-soon-intro"],
            program,
            deadline,
            &[("days", days.into())],
        )
    }

    fn deadline_extended(&self, program: &Program, deadline: NaiveDate) -> Rendered {
        self.deadline_news(
            [
                "mail-deadline-extended-subject",
                "mail-deadline-extended-intro",
            ],
            program,
            deadline,
            &[],
        )
    }

    /// A message about a program's deadline: its subject, its intro (which
    /// also reads `extra`), the program's summary and its link.
    fn deadline_news(
        &self,
        [subject, intro]: [&str; 2],
        program: &Program,
        deadline: NaiveDate,
        extra: &[(&str, Arg<'_>)],
    ) -> Rendered {
        let (title, provider, summary) = self.program_words(program);
        let date = self.date(deadline);
        let mut intro_args = vec![
            ("title", title.into()),
            ("provider", provider.into()),
            ("date", date.as_str().into()),
        ];
        intro_args.extend(extra.iter().cloned());
        Rendered {
            subject: self.text(
                subject,
                &[("title", title.into()), ("date", date.as_str().into())],
            ),
            text: [
                self.text(intro, &intro_args),
                summary.to_owned(),
                self.text(
                    "mail-closing-soon-details",
                    &[("url", self.links.program(program).into())],
                ),
            ]
            .join("\n\n"),
        }
    }

    /// On the clocks of the zone the event is announced in, with the zone.
    fn event_time(&self, zone: Option<&TimeZoneName>, at: DateTime<Utc>) -> String {
        match zone {
            Some(zone) => {
                let local = zone.wall_clock(at);
                format!(
                    "{} {} ({zone})",
                    self.date(local.date()),
                    local.format("%H:%M")
                )
            }
            None => format!(
                "{} {} (UTC)",
                self.date(at.date_naive()),
                at.format("%H:%M")
            ),
        }
    }

    /// When and where an event happens, as its readers need it.
    fn event_facts(&self, event: &Event) -> String {
        let zone = TimeZoneName::parse(&event.timezone).ok();
        let place = match (&event.location, event.online_url.is_some()) {
            (Some(location), true) => self.text(
                "mail-event-where-both",
                &[("location", location.as_str().into())],
            ),
            (Some(location), false) => location.clone(),
            (None, true) => self.text("mail-event-where-online", &[]),
            (None, false) => self.text("mail-event-where-unknown", &[]),
        };
        [
            self.text(
                "mail-event-starts",
                &[("at", self.event_time(zone.as_ref(), event.starts_at).into())],
            ),
            self.text(
                "mail-event-ends",
                &[("at", self.event_time(zone.as_ref(), event.ends_at).into())],
            ),
            self.text("mail-event-where", &[("place", place.into())]),
        ]
        .join("\n")
    }

    fn event_title<'e>(&self, event: &'e Event) -> &'e str {
        event
            .translations
            .pick(self.locale, &event.title, |t| t.title.as_ref())
    }

    fn new_event(&self, event: &Event) -> Rendered {
        let title = self.event_title(event);
        let audience = if event.members_only {
            "mail-new-event-members"
        } else {
            "mail-new-event-everyone"
        };
        Rendered {
            subject: self.text("mail-new-event-subject", &[("title", title.into())]),
            text: [
                self.text(
                    "mail-new-event-intro",
                    &[
                        ("title", title.into()),
                        ("kind", event.kind.label_in(self.locale).into()),
                    ],
                ) + " "
                    + &self.text(audience, &[]),
                self.event_facts(event),
                self.text(
                    "mail-new-event-register",
                    &[
                        (
                            "url",
                            self.links.api(&format!("/events/{}", event.id)).into(),
                        ),
                        (
                            "register",
                            self.links
                                .api(&format!("/events/{}/registrations", event.id))
                                .into(),
                        ),
                    ],
                ),
            ]
            .join("\n\n"),
        }
    }

    /// The event's page and how to give the seat back, for its registrants.
    fn registrant_links(&self, event: &Event) -> String {
        self.text(
            "mail-event-registrant-links",
            &[
                (
                    "url",
                    self.links.api(&format!("/events/{}", event.id)).into(),
                ),
                (
                    "cancel",
                    self.links
                        .api(&format!("/events/{}/registrations/me", event.id))
                        .into(),
                ),
            ],
        )
    }

    fn waitlist_promoted(&self, event: &Event) -> Rendered {
        let title = self.event_title(event);
        Rendered {
            subject: self.text("mail-waitlist-promoted-subject", &[("title", title.into())]),
            text: [
                self.text("mail-waitlist-promoted-intro", &[("title", title.into())]),
                self.event_facts(event),
                self.registrant_links(event),
            ]
            .join("\n\n"),
        }
    }

    fn event_reminder(&self, event: &Event) -> Rendered {
        let title = self.event_title(event);
        Rendered {
            subject: self.text("mail-event-reminder-subject", &[("title", title.into())]),
            text: [
                self.text("mail-event-reminder-intro", &[("title", title.into())]),
                self.event_facts(event),
                self.registrant_links(event),
            ]
            .join("\n\n"),
        }
    }
}

/// The end of every message to the notification list, in the reader's
/// `locale`: why it came and how to leave, with the message's own token.
pub fn list_footer(links: &Links, token: &str, locale: Locale) -> String {
    let mail = Mail { links, locale };
    let url = |url: String| [("url", Arg::from(url))];
    [
        "\n\n--".to_owned(),
        mail.text("mail-footer-why", &[]),
        mail.text(
            "mail-footer-leave",
            &url(links.one_click_unsubscribe(token)),
        ),
        mail.text("mail-footer-change", &url(links.manage_subscription(token))),
        mail.text(
            "mail-footer-post",
            &[
                ("body", token_body(token).into()),
                ("url", links.api("/subscriptions/unsubscribe").into()),
            ],
        ),
    ]
    .join("\n")
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use chrono::{NaiveDate, TimeZone, Utc};
    use greenlight_domain::{
        Delivery, Format, Language, ProgramContent, ProgramStatus, Region, Translation,
        Translations,
    };

    use super::*;

    fn links() -> Links {
        Links::new("https://gl.example")
    }

    fn confirmation(locale: Locale) -> Rendered {
        Notice::SubscriptionConfirmation {
            topics: &[SubscriptionTopic::NewPrograms],
            confirm_token: "glp_t",
            valid_days: 7,
        }
        .render(&links(), locale)
    }

    fn program() -> Program {
        let day = |m, d| NaiveDate::from_ymd_opt(2027, m, d).unwrap();
        let at = Utc.with_ymd_and_hms(2026, 10, 1, 0, 0, 0).unwrap();
        Program {
            id: "prog1".to_owned(),
            slug: "documentary-lab".to_owned(),
            provider_name: "Producers' Association".to_owned(),
            provider_translations: Translations {
                fr: Some(Translation {
                    name: Some("Association des producteurs".to_owned()),
                    ..Translation::default()
                }),
            },
            content: ProgramContent {
                title: "Documentary Lab".to_owned(),
                provider_id: "association".to_owned(),
                summary: "Six weeks on one film.".to_owned(),
                description: String::new(),
                formats: vec![Format::Lab],
                topics: Vec::new(),
                career_stages: Vec::new(),
                regions: vec![Region::National],
                audiences: Vec::new(),
                delivery: Delivery::Virtual,
                languages: vec![Language::En],
                cost: Cents::parse(120_000).unwrap(),
                stipend: None,
                application_deadline: Some(day(4, 5)),
                starts_on: Some(day(8, 1)),
                ends_on: Some(day(9, 12)),
                url: None,
                translations: Translations {
                    fr: Some(Translation {
                        title: Some("Labo documentaire".to_owned()),
                        ..Translation::default()
                    }),
                },
            },
            status: ProgramStatus::Published,
            submitted_by: None,
            published_at: Some(at),
            created_at: at,
            updated_at: at,
        }
    }

    #[test]
    fn the_footer_links_to_leaving_and_to_preferences_with_the_token() {
        for locale in Locale::ALL {
            let footer = list_footer(&links(), "glp_abc", locale);
            assert!(
                footer.contains("https://gl.example/api/v1/subscriptions/one-click?token=glp_abc")
            );
            assert!(
                footer.contains("https://gl.example/api/v1/subscriptions/manage?token=glp_abc")
            );
            assert!(footer.contains("{\"token\": \"glp_abc\"}"), "{footer}");
        }
        let french = list_footer(&links(), "glp_abc", Locale::Fr);
        assert!(french.contains("Désabonnement en un clic"), "{french}");
    }

    #[test]
    fn a_confirmation_names_the_topics_and_an_absolute_link() {
        let english = confirmation(Locale::En);
        assert_eq!(english.subject, "Confirm your Greenlight subscription");
        assert!(english.text.contains("New programs"), "{}", english.text);
        assert!(english.text.contains("within 7 days"), "{}", english.text);
        let french = confirmation(Locale::Fr);
        assert_eq!(french.subject, "Confirmez votre abonnement à Greenlight");
        assert!(
            french.text.contains("Nouveaux programmes"),
            "{}",
            french.text
        );
        assert!(french.text.contains("d'ici 7 jours"), "{}", french.text);
        for rendered in [english, french] {
            assert!(
                rendered
                    .text
                    .contains("https://gl.example/api/v1/subscriptions/confirm")
            );
            assert!(rendered.text.contains("{\"token\": \"glp_t\"}"));
        }
    }

    #[test]
    fn a_new_program_writes_dates_money_and_translations_in_the_readers_language() {
        let program = program();
        let notice = Notice::NewProgram { program: &program };
        let english = notice.render(&links(), Locale::En);
        assert_eq!(english.subject, "New in the catalogue: Documentary Lab");
        for expected in [
            "Documentary Lab (Producers' Association) is now in the Greenlight catalogue.",
            "Six weeks on one film.",
            "Apply by: 5 April 2027",
            "Runs: 1 August 2027 to 12 September 2027",
            "Cost: $1,200.00",
        ] {
            assert!(
                english.text.contains(expected),
                "{expected}: {}",
                english.text
            );
        }
        let french = notice.render(&links(), Locale::Fr);
        assert_eq!(french.subject, "Nouveau au catalogue : Labo documentaire");
        for expected in [
            "Labo documentaire (Association des producteurs) fait maintenant partie",
            "Six weeks on one film.",
            "Date limite de candidature : 5 avril 2027",
            "Dates : du 1er août 2027 au 12 septembre 2027",
            "Coût : 1\u{a0}200,00\u{a0}$",
        ] {
            assert!(
                french.text.contains(expected),
                "{expected}: {}",
                french.text
            );
        }
    }

    #[test]
    fn a_free_program_says_so() {
        let mut program = program();
        program.content.cost = Cents::ZERO;
        let notice = Notice::NewProgram { program: &program };
        assert!(
            notice
                .render(&links(), Locale::En)
                .text
                .contains("Cost: free")
        );
        assert!(
            notice
                .render(&links(), Locale::Fr)
                .text
                .contains("Coût : gratuit")
        );
    }

    fn event(members_only: bool) -> Event {
        let starts_at = Utc.with_ymd_and_hms(2026, 12, 9, 23, 0, 0).unwrap();
        Event {
            id: "ev1".to_owned(),
            module_id: "m1".to_owned(),
            title: "Working with your bank".to_owned(),
            kind: greenlight_domain::EventKind::ALL[0],
            starts_at,
            ends_at: starts_at + chrono::Duration::minutes(90),
            timezone: "America/Toronto".to_owned(),
            location: None,
            online_url: Some("https://example.org/private-room".to_owned()),
            capacity: 10,
            members_only,
            translations: Translations {
                fr: Some(Translation {
                    title: Some("Travailler avec sa banque".to_owned()),
                    ..Translation::default()
                }),
            },
            created_at: starts_at,
            updated_at: starts_at,
        }
    }

    #[test]
    fn closing_soon_says_today_tomorrow_or_in_some_days_in_both_languages() {
        let program = program();
        let deadline = NaiveDate::from_ymd_opt(2027, 4, 5).unwrap();
        let on = |days: i64, locale| {
            Notice::ClosingSoon {
                program: &program,
                deadline,
                today: deadline - chrono::Duration::days(days),
            }
            .render(&links(), locale)
        };
        assert!(
            on(0, Locale::En)
                .text
                .contains("close today, on 5 April 2027")
        );
        assert!(on(1, Locale::En).text.contains("close tomorrow"));
        let week = on(7, Locale::En);
        assert_eq!(
            week.subject,
            "Closing soon: Documentary Lab, apply by 5 April 2027"
        );
        assert!(week.text.contains("close in 7 days"), "{}", week.text);
        assert!(
            week.text
                .contains("https://gl.example/api/v1/programs/documentary-lab")
        );
        let french = on(7, Locale::Fr);
        assert!(
            french
                .subject
                .starts_with("Bientôt clos : Labo documentaire"),
            "{}",
            french.subject
        );
        assert!(
            french
                .text
                .contains("ferment dans 7 jours, le 5 avril 2027"),
            "{}",
            french.text
        );
    }

    #[test]
    fn event_times_are_on_the_clocks_of_the_events_zone() {
        let mail = Mail {
            links: &links(),
            locale: Locale::En,
        };
        let facts = mail.event_facts(&event(false));
        assert!(
            facts.contains("Starts: 9 December 2026 18:00 (America/Toronto)"),
            "{facts}"
        );
        assert!(
            facts.contains("Ends: 9 December 2026 19:30 (America/Toronto)"),
            "{facts}"
        );
        assert!(facts.contains("Where: online"), "{facts}");
    }

    #[test]
    fn news_of_an_event_says_who_may_come_and_keeps_its_online_link_for_registrants() {
        let members = Notice::NewEvent {
            event: &event(true),
        }
        .render(&links(), Locale::En);
        assert!(members.text.contains("open to members"), "{}", members.text);
        assert!(
            members
                .text
                .contains("https://gl.example/api/v1/events/ev1")
        );
        assert!(!members.text.contains("private-room"), "{}", members.text);
        let reminder = Notice::EventReminder {
            event: &event(false),
        }
        .render(&links(), Locale::Fr);
        assert_eq!(reminder.subject, "Demain : Travailler avec sa banque");
        assert!(
            reminder
                .text
                .contains("https://gl.example/api/v1/events/ev1/registrations/me")
        );
    }

    /// An id the files lack would be sent as the id itself: every `mail-`
    /// id this file names is in both locales (the ids and placeables of the
    /// two files agree by `language::tests`).
    #[test]
    fn every_message_named_here_is_in_both_locales() {
        let source = include_str!("templates.rs");
        let named: Vec<&str> = source
            .split('"')
            .filter(|piece| {
                piece.starts_with("mail-")
                    && !piece.ends_with('-')
                    && piece.chars().all(|c| c.is_ascii_lowercase() || c == '-')
            })
            .collect();
        assert!(named.len() > 20, "{named:?}");
        for id in named {
            for locale in Locale::ALL {
                assert!(MESSAGES.has(locale, id), "{id} is missing from {locale}");
            }
        }
    }
}
