//! The messages that time and changes bring, through the worker to a real
//! SMTP sink: "closing soon" reminders, extended deadlines, new events,
//! seats given from the waitlist and reminders of events. The worker takes
//! the time it runs at, so a test crosses days by passing a later time;
//! every job run a second time sends nothing new.

use chrono::{DateTime, Duration, NaiveDate, SubsecRound, Utc};
use greenlight_tests::catalogue::{create_program, program, provider, with};
use greenlight_tests::smtp::{Received, SmtpSink};
use greenlight_tests::{TestApp, e2e};
use serde_json::{Value, json};

use crate::subscriptions::{confirm_last, messages};

/// The time the worker runs at, unless a test moves it on: that of the
/// store, so that what was just queued is due.
fn now() -> DateTime<Utc> {
    greenlight_store::ids::now()
}

/// A time to start an event at, in the whole seconds the API takes.
fn in_days(days: i64) -> DateTime<Utc> {
    Utc::now().trunc_subsecs(0) + Duration::days(days)
}

fn today() -> NaiveDate {
    now().date_naive()
}

/// A date as English mail writes it.
fn written(date: NaiveDate) -> String {
    date.format("%-d %B %Y").to_string()
}

/// Subscribes `email` to `topics` with the saved search `filters` and
/// confirms it.
async fn subscriber(app: &TestApp, staff: &str, email: &str, topics: Value, filters: Value) {
    let answer = app
        .client
        .post(
            "/api/v1/subscriptions",
            None,
            &json!({"email": email, "topics": topics, "filters": filters}),
        )
        .await;
    assert_eq!(answer.status, 202, "{}", answer.text);
    confirm_last(app, staff, email).await;
}

/// What the sink received for `to` whose subject starts with `subject`.
fn mails(sink: &SmtpSink, to: &str, subject: &str) -> Vec<Received> {
    sink.received()
        .into_iter()
        .filter(|mail| mail.rcpt_to == [to])
        .filter(|mail| {
            mail.header("Subject")
                .is_some_and(|s| s.starts_with(subject))
        })
        .collect()
}

/// A published program with this deadline, virtual unless `overrides` say
/// otherwise; returns its slug.
async fn program_closing(
    app: &TestApp,
    staff: &str,
    title: &str,
    deadline: NaiveDate,
    overrides: Value,
) -> String {
    let provider_id = provider(app, staff, &format!("{title} Provider"), "association").await;
    let body = with(
        with(
            program(&provider_id, title),
            json!({"application_deadline": deadline}),
        ),
        overrides,
    );
    let created = create_program(app, staff, &body).await;
    created["slug"].as_str().unwrap().to_owned()
}

async fn module(app: &TestApp, staff: &str) -> String {
    let answer = app
        .client
        .post(
            "/api/v1/modules",
            Some(staff),
            &json!({"title": "Banking for Producers", "theme": "financing", "year": 2026,
                "summary": "Working with banks.", "audiences": ["emerging"]}),
        )
        .await;
    assert_eq!(answer.status, 201, "{}", answer.text);
    answer.json["id"].as_str().unwrap().to_owned()
}

/// An event of `module` starting at `starts_at` with `capacity` seats;
/// returns its id.
async fn event(
    app: &TestApp,
    staff: &str,
    module: &str,
    starts_at: DateTime<Utc>,
    capacity: i64,
) -> String {
    let answer = app
        .client
        .post(
            &format!("/api/v1/modules/{module}/events"),
            Some(staff),
            &json!({
                "title": "Working with your bank",
                "kind": "webinar",
                "starts_at": starts_at.to_rfc3339(),
                "ends_at": (starts_at + Duration::minutes(90)).to_rfc3339(),
                "timezone": "America/Toronto",
                "location": "Toronto",
                "online_url": "https://example.org/webinars/banking",
                "capacity": capacity,
                "members_only": false
            }),
        )
        .await;
    assert_eq!(answer.status, 201, "{}", answer.text);
    answer.json["id"].as_str().unwrap().to_owned()
}

async fn register(app: &TestApp, event: &str, token: &str) -> Value {
    let answer = app
        .client
        .post(
            &format!("/api/v1/events/{event}/registrations"),
            Some(token),
            &json!({}),
        )
        .await;
    assert_eq!(answer.status, 201, "{}", answer.text);
    answer.json.into_value()
}

e2e! {
    async fn deadlines_subscribers_hear_once_that_a_matching_program_closes_within_a_week(app) {
        let sink = SmtpSink::start();
        let staff = app.staff();
        subscriber(&app, &staff, "virtual@example.org", json!(["deadlines"]), json!({"delivery": ["virtual"]})).await;
        subscriber(&app, &staff, "inperson@example.org", json!(["deadlines"]), json!({"delivery": ["in_person"]})).await;
        subscriber(&app, &staff, "news@example.org", json!(["new_programs"]), json!({})).await;
        let deadline = today() + Duration::days(20);
        let slug = program_closing(&app, &staff, "Financing Lab", deadline, json!({})).await;
        program_closing(&app, &staff, "Later Lab", today() + Duration::days(40), json!({})).await;

        app.worker(&sink).run_once(now()).await.unwrap();
        assert!(mails(&sink, "virtual@example.org", "Closing soon").is_empty(), "20 days before is not soon");

        let week_before = now() + Duration::days(13);
        let round = app.worker(&sink).run_once(week_before).await.unwrap();
        assert_eq!(round.sent, 1, "{round:?}");
        let reminded = mails(&sink, "virtual@example.org", "Closing soon");
        assert_eq!(reminded.len(), 1);
        let mail = &reminded[0];
        assert_eq!(mail.header("Subject").unwrap(), format!("Closing soon: Financing Lab, apply by {}", written(deadline)));
        let text = mail.text();
        assert!(text.contains(&format!("close in 7 days, on {}", written(deadline))), "{text}");
        assert!(text.contains(&format!("https://greenlight.test/api/v1/programs/{slug}")), "{text}");
        assert!(mail.header("List-Unsubscribe").unwrap().contains("/subscriptions/one-click?token=glp_"));
        assert!(mails(&sink, "inperson@example.org", "Closing soon").is_empty(), "their search does not match");
        assert!(mails(&sink, "news@example.org", "Closing soon").is_empty(), "not a deadlines subscriber");

        let again = app.worker(&sink).run_once(week_before + Duration::days(3)).await.unwrap();
        assert_eq!(again.sent, 0, "once per program and subscriber: {again:?}");
        assert_eq!(mails(&sink, "virtual@example.org", "Closing soon").len(), 1);
        let listed = messages(&app, &staff, "closing_soon", "virtual@example.org").await;
        assert_eq!(listed.len(), 1);
        assert_eq!(listed[0]["status"], "sent");
    }

    async fn two_workers_at_once_send_one_closing_soon_reminder_each(app) {
        let sink = SmtpSink::start();
        let staff = app.staff();
        for n in 0..5 {
            subscriber(&app, &staff, &format!("d{n}@example.org"), json!(["deadlines"]), json!({})).await;
        }
        program_closing(&app, &staff, "Financing Lab", today() + Duration::days(3), json!({})).await;
        app.worker(&sink).run_once(now()).await.unwrap();
        // The reminders were written and sent in that round; a fresh program
        // lets two workers race for new ones.
        let deadline = today() + Duration::days(5);
        program_closing(&app, &staff, "Second Lab", deadline, json!({})).await;
        let (one, two) = (app.worker(&sink), app.worker(&sink));
        let at = now() + Duration::hours(1);
        let (a, b) = futures::join!(one.run_once(at), two.run_once(at));
        let (a, b) = (a.unwrap(), b.unwrap());
        assert_eq!(a.sent + b.sent, 5, "{a:?} {b:?}");
        for n in 0..5 {
            let to = format!("d{n}@example.org");
            assert_eq!(mails(&sink, &to, "Closing soon: Financing Lab").len(), 1, "{to}");
            assert_eq!(mails(&sink, &to, "Closing soon: Second Lab").len(), 1, "{to}");
            assert_eq!(messages(&app, &staff, "closing_soon", &to).await.len(), 2);
        }
    }

    async fn a_deadline_moved_later_reaches_the_deadlines_subscribers_whose_search_matches(app) {
        let sink = SmtpSink::start();
        let staff = app.staff();
        subscriber(&app, &staff, "virtual@example.org", json!(["deadlines"]), json!({"delivery": ["virtual"]})).await;
        subscriber(&app, &staff, "inperson@example.org", json!(["deadlines"]), json!({"delivery": ["in_person"]})).await;
        let slug = program_closing(&app, &staff, "Financing Lab", today() + Duration::days(30), json!({})).await;
        app.worker(&sink).run_once(now()).await.unwrap();

        let earlier = app.client.patch(&format!("/api/v1/programs/{slug}"), Some(&staff),
            &json!({"application_deadline": today() + Duration::days(25)})).await;
        assert_eq!(earlier.status, 200, "{}", earlier.text);
        app.worker(&sink).run_once(now()).await.unwrap();
        assert!(mails(&sink, "virtual@example.org", "Deadline extended").is_empty(), "an earlier deadline is no extension");

        let extended = today() + Duration::days(45);
        let later = app.client.patch(&format!("/api/v1/programs/{slug}"), Some(&staff),
            &json!({"application_deadline": extended})).await;
        assert_eq!(later.status, 200, "{}", later.text);
        assert!(messages(&app, &staff, "deadline_extended", "virtual@example.org").await.is_empty(),
            "the request records the news; the worker writes the messages");
        let round = app.worker(&sink).run_once(now()).await.unwrap();
        assert_eq!(round.sent, 1, "{round:?}");
        let told = mails(&sink, "virtual@example.org", "Deadline extended");
        assert_eq!(told.len(), 1);
        assert_eq!(told[0].header("Subject").unwrap(), format!("Deadline extended: Financing Lab, now {}", written(extended)));
        let text = told[0].text();
        assert!(text.contains(&format!("accepted until {}", written(extended))), "{text}");
        assert!(text.contains(&format!("https://greenlight.test/api/v1/programs/{slug}")), "{text}");
        assert!(told[0].header("List-Unsubscribe").is_some());
        assert!(mails(&sink, "inperson@example.org", "Deadline extended").is_empty());

        let again = app.worker(&sink).run_once(now() + Duration::hours(1)).await.unwrap();
        assert_eq!(again.sent, 0, "{again:?}");
        let unchanged = app.client.patch(&format!("/api/v1/programs/{slug}"), Some(&staff),
            &json!({"summary": "New words, same deadline"})).await;
        assert_eq!(unchanged.status, 200, "{}", unchanged.text);
        app.worker(&sink).run_once(now()).await.unwrap();
        assert_eq!(mails(&sink, "virtual@example.org", "Deadline extended").len(), 1);
    }

    async fn events_subscribers_hear_of_each_new_event_once(app) {
        let sink = SmtpSink::start();
        let staff = app.staff();
        subscriber(&app, &staff, "events@example.org", json!(["events"]), json!({})).await;
        subscriber(&app, &staff, "news@example.org", json!(["new_programs"]), json!({})).await;
        let module = module(&app, &staff).await;
        let starts_at = in_days(10);
        let id = event(&app, &staff, &module, starts_at, 20).await;

        let round = app.worker(&sink).run_once(now()).await.unwrap();
        assert!(round.sent >= 1, "{round:?}");
        let told = mails(&sink, "events@example.org", "New event");
        assert_eq!(told.len(), 1);
        assert_eq!(told[0].header("Subject").unwrap(), "New event: Working with your bank");
        let text = told[0].text();
        assert!(text.contains(&format!("https://greenlight.test/api/v1/events/{id}")), "{text}");
        assert!(text.contains("Where: Toronto, and online"), "{text}");
        assert!(text.contains("(America/Toronto)"), "{text}");
        assert!(!text.contains("example.org/webinars"), "the online link is for registrants: {text}");
        assert!(told[0].header("List-Unsubscribe").is_some());
        assert!(mails(&sink, "news@example.org", "New event").is_empty());

        let again = app.worker(&sink).run_once(now() + Duration::hours(1)).await.unwrap();
        assert_eq!(again.sent, 0, "{again:?}");
        assert_eq!(messages(&app, &staff, "new_event", "events@example.org").await.len(), 1);
    }

    async fn a_seat_given_from_the_waitlist_is_told_in_the_cancelling_transaction(app) {
        let sink = SmtpSink::start();
        let staff = app.staff();
        let module = module(&app, &staff).await;
        let id = event(&app, &staff, &module, in_days(10), 1).await;
        let (_, first) = app.register("first@example.org").await;
        let (_, second) = app.register("second@example.org").await;
        assert_eq!(register(&app, &id, &first).await["status"], "registered");
        assert_eq!(register(&app, &id, &second).await["status"], "waitlisted");

        let cancelled = app.client.delete(&format!("/api/v1/events/{id}/registrations/me"), Some(&first)).await;
        assert_eq!(cancelled.status, 204, "{}", cancelled.text);
        let queued = messages(&app, &staff, "waitlist_promoted", "second@example.org").await;
        assert_eq!(queued.len(), 1, "queued with the promotion itself");
        assert!(messages(&app, &staff, "waitlist_promoted", "first@example.org").await.is_empty());

        app.worker(&sink).run_once(now()).await.unwrap();
        let told = mails(&sink, "second@example.org", "You have a seat");
        assert_eq!(told.len(), 1);
        assert_eq!(told[0].header("Subject").unwrap(), "You have a seat at Working with your bank");
        let text = told[0].text();
        assert!(text.contains("moved from the waitlist to registered"), "{text}");
        assert!(text.contains(&format!("https://greenlight.test/api/v1/events/{id}/registrations/me")), "{text}");
        assert!(told[0].header("List-Unsubscribe").is_none(), "about the reader's own registration");
        let again = app.worker(&sink).run_once(now() + Duration::hours(1)).await.unwrap();
        assert_eq!(again.sent, 0, "{again:?}");
    }

    async fn seat_holders_are_reminded_once_a_day_before_the_event(app) {
        let sink = SmtpSink::start();
        let staff = app.staff();
        let module = module(&app, &staff).await;
        let starts_at = in_days(3);
        let id = event(&app, &staff, &module, starts_at, 1).await;
        let (_, seated) = app.register("seated@example.org").await;
        let (_, waiting) = app.register("waiting@example.org").await;
        register(&app, &id, &seated).await;
        register(&app, &id, &waiting).await;

        app.worker(&sink).run_once(now()).await.unwrap();
        assert!(mails(&sink, "seated@example.org", "Tomorrow").is_empty(), "three days before is early");

        let day_before = starts_at - Duration::hours(23);
        let (one, two) = (app.worker(&sink), app.worker(&sink));
        let (a, b) = futures::join!(one.run_once(day_before), two.run_once(day_before));
        let (a, b) = (a.unwrap(), b.unwrap());
        assert_eq!(a.sent + b.sent, 1, "{a:?} {b:?}");
        let reminded = mails(&sink, "seated@example.org", "Tomorrow");
        assert_eq!(reminded.len(), 1);
        assert_eq!(reminded[0].header("Subject").unwrap(), "Tomorrow: Working with your bank");
        let text = reminded[0].text();
        assert!(text.contains(&format!("https://greenlight.test/api/v1/events/{id}")), "{text}");
        assert!(text.contains("Starts: "), "{text}");
        assert!(reminded[0].header("List-Unsubscribe").is_none());
        assert!(mails(&sink, "waiting@example.org", "Tomorrow").is_empty(), "the waitlist holds no seat");

        let again = app.worker(&sink).run_once(day_before + Duration::hours(12)).await.unwrap();
        assert_eq!(again.sent, 0, "{again:?}");
        let after = app.worker(&sink).run_once(starts_at + Duration::hours(1)).await.unwrap();
        assert_eq!(after.sent, 0, "a started event is not reminded of: {after:?}");
        assert_eq!(messages(&app, &staff, "event_reminder", "seated@example.org").await.len(), 1);
    }
}
