//! Feeds, parsed back with the same libraries a reader would use.

use greenlight_tests::catalogue::{create_program, program, provider, with};
use greenlight_tests::e2e;
use icalendar::Component;
use serde_json::json;

e2e! {
    async fn the_atom_feed_lists_published_programs_newest_first(app) {
        let staff = app.staff();
        let provider_id = provider(&app, &staff, "Producers' Association", "association").await;
        create_program(&app, &staff, &program(&provider_id, "Older Lab")).await;
        create_program(&app, &staff, &with(program(&provider_id, "Newer Lab"), json!({"url": "https://example.org/newer"}))).await;
        let (_, partner) = app.user_with_role("partner@example.org", greenlight_domain::Role::Partner);
        create_program(&app, &partner, &program(&provider_id, "Not Yet")).await;

        let answer = app.client.get("/api/v1/feeds/programs.atom", None).await;
        assert_eq!(answer.status, 200);
        assert!(answer.header("content-type").unwrap().starts_with("application/atom+xml"));
        let feed: atom_syndication::Feed = answer.text.parse().unwrap();
        let titles: Vec<&str> = feed.entries().iter().map(|e| e.title().as_str()).collect();
        assert_eq!(titles, ["Newer Lab", "Older Lab"]);
        let newer = &feed.entries()[0];
        let public_url = &app.config.public_url;
        assert!(newer.id().starts_with(&format!("{public_url}/api/v1/programs/")), "{}", newer.id());
        assert_eq!(newer.authors()[0].name(), "Producers' Association");
        assert!(newer.links().iter().any(|l| l.href() == format!("{public_url}/api/v1/programs/newer-lab")));
        assert!(newer.links().iter().any(|l| l.href() == "https://example.org/newer"));
        assert_eq!(newer.summary().unwrap().as_str(), "About Newer Lab");
        assert!(newer.published().is_some());
    }

    async fn the_deadline_calendar_has_one_all_day_event_per_open_deadline(app) {
        let staff = app.staff();
        let provider_id = provider(&app, &staff, "Producers' Association", "association").await;
        create_program(&app, &staff, &with(program(&provider_id, "Open Call, with; commas"), json!({"application_deadline": "2099-03-15"}))).await;
        create_program(&app, &staff, &with(program(&provider_id, "Past Call"), json!({"application_deadline": "2001-03-15"}))).await;
        create_program(&app, &staff, &program(&provider_id, "No Deadline")).await;

        let answer = app.client.get("/api/v1/feeds/deadlines.ics", None).await;
        assert_eq!(answer.status, 200);
        assert!(answer.header("content-type").unwrap().starts_with("text/calendar"));
        let calendar: icalendar::Calendar = answer.text.parse().unwrap();
        let events: Vec<&icalendar::Event> = calendar.events().collect();
        assert_eq!(events.len(), 1);
        let event = events[0];
        assert_eq!(event.get_summary(), Some("Deadline: Open Call, with; commas"));
        let day = chrono::NaiveDate::from_ymd_opt(2099, 3, 15).unwrap();
        assert_eq!(event.get_start(), Some(day.into()));
        assert_eq!(event.get_end(), Some(day.succ_opt().unwrap().into()));
        assert!(event.get_uid().unwrap().starts_with("deadline-"));
        let etag = answer.header("etag").unwrap().to_owned();
        let again = app.client.send(app.client.request(reqwest::Method::GET, "/api/v1/feeds/deadlines.ics").header("If-None-Match", etag)).await;
        assert_eq!(again.status, 304);
    }
}
