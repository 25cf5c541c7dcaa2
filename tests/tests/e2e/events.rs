//! The module series: modules, events, registrations with a waitlist and the
//! iCalendar feed, on both backends.

use chrono::{Duration, SubsecRound, Utc};
use greenlight_domain::Role;
use greenlight_tests::{TestApp, e2e};
use icalendar::{Component, EventLike};
use serde_json::{Value, json};

fn module_body() -> Value {
    json!({
        "title": "Banking for Producers",
        "theme": "financing",
        "year": 2026,
        "summary": "Working with banks to fund productions and grow a production business.",
        "audiences": ["emerging", "established"]
    })
}

async fn create_module(app: &TestApp, staff: &str) -> String {
    let answer = app
        .client
        .post("/api/v1/modules", Some(staff), &module_body())
        .await;
    assert_eq!(answer.status, 201, "{}", answer.text);
    answer.json["id"].as_str().unwrap().to_owned()
}

fn event_body(starts_in_days: i64, capacity: i64, members_only: bool) -> Value {
    let starts_at = Utc::now().trunc_subsecs(0) + Duration::days(starts_in_days);
    json!({
        "title": "Working with your bank",
        "kind": "webinar",
        "starts_at": starts_at.to_rfc3339(),
        "ends_at": (starts_at + Duration::minutes(90)).to_rfc3339(),
        "timezone": "America/Toronto",
        "online_url": "https://example.org/webinars/banking",
        "capacity": capacity,
        "members_only": members_only
    })
}

async fn create_event(app: &TestApp, staff: &str, module: &str, body: &Value) -> String {
    let answer = app
        .client
        .post(
            &format!("/api/v1/modules/{module}/events"),
            Some(staff),
            body,
        )
        .await;
    assert_eq!(answer.status, 201, "{}", answer.text);
    answer.json["id"].as_str().unwrap().to_owned()
}

/// A module with one future, open event of `capacity` seats; returns `(staff token, event id)`.
async fn open_event(app: &TestApp, capacity: i64) -> (String, String) {
    let staff = app.staff();
    let module = create_module(app, &staff).await;
    let event = create_event(app, &staff, &module, &event_body(30, capacity, false)).await;
    (staff, event)
}

fn field_names(answer: &greenlight_tests::client::Answer) -> Vec<String> {
    answer.json["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap().to_owned())
        .collect()
}

async fn register(app: &TestApp, event: &str, token: &str) -> greenlight_tests::client::Answer {
    app.client
        .post(
            &format!("/api/v1/events/{event}/registrations"),
            Some(token),
            &json!({}),
        )
        .await
}

async fn cancel(app: &TestApp, event: &str, token: &str) -> greenlight_tests::client::Answer {
    app.client
        .delete(
            &format!("/api/v1/events/{event}/registrations/me"),
            Some(token),
        )
        .await
}

/// `registered` or `waitlisted`: the caller's own registration.
async fn registration_status(app: &TestApp, event: &str, token: &str) -> Value {
    let mine = app
        .client
        .get(
            &format!("/api/v1/events/{event}/registrations/me"),
            Some(token),
        )
        .await;
    assert_eq!(mine.status, 200, "{}", mine.text);
    mine.json["status"].clone()
}

async fn registration_list(app: &TestApp, event: &str, staff: &str) -> Vec<(String, String)> {
    let answer = app
        .client
        .get(
            &format!("/api/v1/events/{event}/registrations?limit=100"),
            Some(staff),
        )
        .await;
    assert_eq!(answer.status, 200, "{}", answer.text);
    answer.json["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["user_id"].as_str().unwrap().to_owned(),
                r["status"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

e2e! {
    async fn staff_create_modules_and_anyone_reads_them_with_their_events(app) {
        let staff = app.staff();
        let created = app.client.post("/api/v1/modules", Some(&staff), &module_body()).await;
        assert_eq!(created.status, 201, "{}", created.text);
        let id = created.json["id"].as_str().unwrap().to_owned();
        assert_eq!(created.header("location"), Some(format!("/api/v1/modules/{id}").as_str()));
        assert_eq!(created.json["audiences"], json!(["emerging", "established"]));

        let later = create_event(&app, &staff, &id, &event_body(20, 50, false)).await;
        let sooner = create_event(&app, &staff, &id, &event_body(10, 50, true)).await;

        let module = app.client.get(&format!("/api/v1/modules/{id}"), None).await;
        assert_eq!(module.status, 200, "{}", module.text);
        assert_eq!(module.json["title"], "Banking for Producers");
        let events: Vec<&str> = module.json["events"].as_array().unwrap().iter().map(|e| e["id"].as_str().unwrap()).collect();
        assert_eq!(events, [sooner.as_str(), later.as_str()]);

        let etag = module.header("etag").unwrap().to_owned();
        let again = app.client.send(app.client.request(reqwest::Method::GET, &format!("/api/v1/modules/{id}")).header("if-none-match", etag)).await;
        assert_eq!(again.status, 304);

        app.client.get("/api/v1/modules/no-such-module", None).await.assert_problem(404, "not_found");
    }

    async fn modules_list_by_year_page_by_page(app) {
        let staff = app.staff();
        for year in [2027, 2025, 2026, 2026] {
            let mut body = module_body();
            body["year"] = json!(year);
            let answer = app.client.post("/api/v1/modules", Some(&staff), &body).await;
            assert_eq!(answer.status, 201, "{}", answer.text);
        }
        let mut years = Vec::new();
        let mut path = "/api/v1/modules?limit=3".to_owned();
        loop {
            let page = app.client.get(&path, None).await;
            assert_eq!(page.status, 200, "{}", page.text);
            years.extend(page.json["items"].as_array().unwrap().iter().map(|m| m["year"].as_i64().unwrap()));
            match page.json["next_cursor"].as_str() {
                Some(cursor) => path = format!("/api/v1/modules?limit=3&cursor={cursor}"),
                None => break,
            }
        }
        assert_eq!(years, [2025, 2026, 2026, 2027]);
        let only = app.client.get("/api/v1/modules?year=2026", None).await;
        assert_eq!(only.json["items"].as_array().unwrap().len(), 2);
        app.client.get("/api/v1/modules?cursor=garbage", None).await.assert_problem(400, "bad_request");
    }

    async fn invalid_modules_name_each_field(app) {
        let staff = app.staff();
        let answer = app
            .client
            .post(
                "/api/v1/modules",
                Some(&staff),
                &json!({"title": " ", "theme": "", "year": 1999, "summary": "s", "audiences": ["veteran"]}),
            )
            .await;
        answer.assert_problem(422, "validation_failed");
        assert_eq!(field_names(&answer), ["title", "theme", "year", "audiences[0]"]);
        let audiences = &answer.json["errors"][3]["message"];
        for stage in ["emerging", "early_career", "mid_career", "established"] {
            assert!(audiences.as_str().unwrap().contains(stage), "{audiences}");
        }
        let unknown = app.client.post("/api/v1/modules", Some(&staff), &json!({"title": "t", "theme": "t", "year": 2026, "summary": "s", "audiences": [], "colour": "red"})).await;
        unknown.assert_problem(422, "validation_failed");
        let missing = app.client.post("/api/v1/modules", Some(&staff), &json!({"title": "t"})).await;
        missing.assert_problem(422, "validation_failed");
    }

    async fn only_staff_write_modules_and_events(app) {
        let staff = app.staff();
        let module = create_module(&app, &staff).await;
        let (_, individual) = app.register("ada@example.org").await;
        let (_, member) = app.user_with_role("rep@example.org", Role::Member);
        for token in [&individual, &member] {
            app.client.post("/api/v1/modules", Some(token), &module_body()).await.assert_problem(403, "forbidden");
            app.client.post(&format!("/api/v1/modules/{module}/events"), Some(token), &event_body(5, 10, false)).await.assert_problem(403, "forbidden");
        }
        app.client.post("/api/v1/modules", None, &module_body()).await.assert_problem(401, "unauthorized");
        app.client.post(&format!("/api/v1/modules/{module}/events"), None, &event_body(5, 10, false)).await.assert_problem(401, "unauthorized");
        app.client.post("/api/v1/modules/nope/events", Some(&staff), &event_body(5, 10, false)).await.assert_problem(404, "not_found");
    }

    async fn invalid_events_name_each_field(app) {
        let staff = app.staff();
        let module = create_module(&app, &staff).await;
        let path = format!("/api/v1/modules/{module}/events");
        let answer = app
            .client
            .post(
                &path,
                Some(&staff),
                &json!({
                    "title": "Kickoff",
                    "kind": "party",
                    "starts_at": "2026-12-03T18:00:00Z",
                    "ends_at": "2026-12-03T17:00:00-00:00",
                    "timezone": "Eastern",
                    "online_url": "zoom meeting",
                    "capacity": 0,
                    "members_only": false
                }),
            )
            .await;
        answer.assert_problem(422, "validation_failed");
        assert_eq!(field_names(&answer), ["kind", "ends_at", "timezone", "online_url", "capacity"]);
        assert!(answer.text.contains("webinar, networking, workshop, panel"), "{}", answer.text);

        let mut naive = event_body(5, 10, false);
        naive["starts_at"] = json!("2026-12-03T17:00:00");
        let answer = app.client.post(&path, Some(&staff), &naive).await;
        assert_eq!(field_names(&answer), ["starts_at"]);

        let mut in_person = event_body(5, 10, false);
        in_person.as_object_mut().unwrap().remove("online_url");
        in_person["location"] = json!("TIFF Lightbox, Toronto");
        in_person["starts_at"] = json!("2026-12-03T12:00:00-05:00");
        in_person["ends_at"] = json!("2026-12-03T14:00:00-05:00");
        let created = app.client.post(&path, Some(&staff), &in_person).await;
        assert_eq!(created.status, 201, "{}", created.text);
        assert_eq!(created.json["starts_at"], "2026-12-03T17:00:00Z");
        assert_eq!(created.json["location"], "TIFF Lightbox, Toronto");
        assert_eq!(created.json["online_url"], Value::Null);
    }

    async fn an_event_may_be_announced_before_its_venue(app) {
        let staff = app.staff();
        let module = create_module(&app, &staff).await;
        let path = format!("/api/v1/modules/{module}/events");
        let mut venue_to_come = event_body(5, 10, false);
        venue_to_come.as_object_mut().unwrap().remove("online_url");
        venue_to_come["location"] = json!("  ");
        let created = app.client.post(&path, Some(&staff), &venue_to_come).await;
        assert_eq!(created.status, 201, "{}", created.text);
        assert_eq!(created.json["location"], Value::Null);
        assert_eq!(created.json["online_url"], Value::Null);
        let id = created.json["id"].as_str().unwrap();
        let read_back = app.client.get(&format!("/api/v1/events/{id}"), None).await;
        assert_eq!(read_back.status, 200, "{}", read_back.text);
        assert_eq!(read_back.json["location"], Value::Null);
        let feed = app.client.get("/api/v1/feeds/events.ics", None).await;
        assert_eq!(feed.status, 200, "{}", feed.text);
        let calendar: icalendar::Calendar = feed.text.parse().unwrap();
        let uid = format!("{id}@greenlight");
        let listed = calendar.events().find(|event| event.get_uid() == Some(uid.as_str()));
        assert_eq!(listed.and_then(|event| event.get_location()), None, "listed, with no LOCATION");
        assert!(listed.is_some(), "{}", feed.text);

        // An empty address is not a way of saying "none": leave it out or send null.
        let mut empty_url = event_body(5, 10, false);
        empty_url["online_url"] = json!("");
        let refused = app.client.post(&path, Some(&staff), &empty_url).await;
        refused.assert_problem(422, "validation_failed");
        assert_eq!(refused.json["errors"][0]["field"], "online_url");
    }

    async fn events_list_by_start_filtered_by_date_and_module(app) {
        let staff = app.staff();
        let first_module = create_module(&app, &staff).await;
        let second_module = create_module(&app, &staff).await;
        let mut ids = Vec::new();
        for (module, day) in [(&first_module, "2026-12-10"), (&second_module, "2026-12-01"), (&first_module, "2026-12-20"), (&first_module, "2026-12-01")] {
            let mut body = event_body(1, 10, false);
            body["starts_at"] = json!(format!("{day}T23:30:00Z"));
            body["ends_at"] = json!(format!("{day}T23:59:00Z"));
            ids.push(create_event(&app, &staff, module, &body).await);
        }
        let listed = |answer: &greenlight_tests::client::Answer| -> Vec<String> {
            answer.json["items"].as_array().unwrap().iter().map(|e| e["id"].as_str().unwrap().to_owned()).collect()
        };
        let mut all = Vec::new();
        let mut path = "/api/v1/events?limit=3".to_owned();
        loop {
            let page = app.client.get(&path, None).await;
            assert_eq!(page.status, 200, "{}", page.text);
            all.extend(listed(&page));
            match page.json["next_cursor"].as_str() {
                Some(cursor) => path = format!("/api/v1/events?limit=3&cursor={cursor}"),
                None => break,
            }
        }
        // Same start: the earlier-created id first.
        assert_eq!(all, [ids[1].clone(), ids[3].clone(), ids[0].clone(), ids[2].clone()]);

        let window = app.client.get("/api/v1/events?from=2026-12-02&to=2026-12-10", None).await;
        assert_eq!(listed(&window), [ids[0].clone()]);
        let day = app.client.get("/api/v1/events?from=2026-12-01&to=2026-12-01", None).await;
        assert_eq!(listed(&day), [ids[1].clone(), ids[3].clone()]);
        let module = app.client.get(&format!("/api/v1/events?module_id={first_module}&from=2026-12-05"), None).await;
        assert_eq!(listed(&module), [ids[0].clone(), ids[2].clone()]);

        app.client.get("/api/v1/events?from=2026-12-10&to=2026-12-01", None).await.assert_problem(400, "bad_request");
        app.client.get("/api/v1/events?from=tomorrow", None).await.assert_problem(400, "bad_request");
    }

    async fn an_event_shows_its_counts_and_seats_left(app) {
        let (_, event) = open_event(&app, 2).await;
        let fresh = app.client.get(&format!("/api/v1/events/{event}"), None).await;
        assert_eq!(fresh.status, 200, "{}", fresh.text);
        assert_eq!((fresh.json["registered_count"].as_i64(), fresh.json["waitlisted_count"].as_i64(), fresh.json["seats_left"].as_i64()), (Some(0), Some(0), Some(2)));
        for n in 0..3 {
            let (_, token) = app.register(&format!("p{n}@example.org")).await;
            assert_eq!(register(&app, &event, &token).await.status, 201);
        }
        let full = app.client.get(&format!("/api/v1/events/{event}"), None).await;
        assert_eq!((full.json["registered_count"].as_i64(), full.json["waitlisted_count"].as_i64(), full.json["seats_left"].as_i64()), (Some(2), Some(1), Some(0)));
        app.client.get("/api/v1/events/nope", None).await.assert_problem(404, "not_found");
    }

    async fn registration_needs_a_sign_in_and_an_existing_event(app) {
        let (staff, event) = open_event(&app, 5).await;
        register(&app, &event, "not-a-token").await.assert_problem(401, "unauthorized");
        let anonymous = app.client.post(&format!("/api/v1/events/{event}/registrations"), None, &json!({})).await;
        anonymous.assert_problem(401, "unauthorized");
        let (_, individual) = app.register("ada@example.org").await;
        register(&app, "nope", &individual).await.assert_problem(404, "not_found");
        app.client.delete("/api/v1/events/nope/registrations/me", Some(&individual)).await.assert_problem(404, "not_found");
        app.client.delete(&format!("/api/v1/events/{event}/registrations/me"), Some(&individual)).await.assert_problem(404, "not_found");
        app.client.delete(&format!("/api/v1/events/{event}/registrations/me"), None).await.assert_problem(401, "unauthorized");
        app.client.get(&format!("/api/v1/events/{event}/registrations"), Some(&individual)).await.assert_problem(403, "forbidden");
        app.client.get(&format!("/api/v1/events/{event}/registrations"), None).await.assert_problem(401, "unauthorized");
        app.client.get("/api/v1/events/nope/registrations", Some(&staff)).await.assert_problem(404, "not_found");
    }

    async fn members_only_events_refuse_individuals_and_admit_members(app) {
        let staff = app.staff();
        let module = create_module(&app, &staff).await;
        let event = create_event(&app, &staff, &module, &event_body(30, 10, true)).await;
        let (_, individual) = app.register("ada@example.org").await;
        let refused = register(&app, &event, &individual).await;
        refused.assert_problem(403, "forbidden");
        assert!(refused.json["detail"].as_str().unwrap().contains("member"), "{}", refused.text);
        let (_, partner) = app.user_with_role("partner@example.org", Role::Partner);
        register(&app, &event, &partner).await.assert_problem(403, "forbidden");

        let (member_id, member) = app.member("rep@example.org");
        let admitted = register(&app, &event, &member).await;
        assert_eq!(admitted.status, 201, "{}", admitted.text);
        assert_eq!(admitted.json["status"], "registered");
        assert_eq!(admitted.json["user_id"], member_id.as_str());
        assert_eq!(register(&app, &event, &staff).await.status, 201);
    }

    async fn registering_twice_is_a_conflict_even_from_the_waitlist(app) {
        let (_, event) = open_event(&app, 1).await;
        let (_, first) = app.register("first@example.org").await;
        let (_, second) = app.register("second@example.org").await;
        assert_eq!(register(&app, &event, &first).await.json["status"], "registered");
        assert_eq!(register(&app, &event, &second).await.json["status"], "waitlisted");
        register(&app, &event, &first).await.assert_problem(409, "conflict");
        let again = register(&app, &event, &second).await;
        again.assert_problem(409, "conflict");
        assert!(again.json["detail"].as_str().unwrap().contains("already registered"), "{}", again.text);
    }

    async fn an_event_that_has_started_refuses_registrations(app) {
        let staff = app.staff();
        let module = create_module(&app, &staff).await;
        let event = create_event(&app, &staff, &module, &event_body(-1, 10, false)).await;
        let (_, individual) = app.register("ada@example.org").await;
        let late = register(&app, &event, &individual).await;
        late.assert_problem(409, "conflict");
        assert!(late.json["detail"].as_str().unwrap().contains("started"), "{}", late.text);
    }

    async fn cancelling_promotes_the_first_on_the_waitlist(app) {
        let (staff, event) = open_event(&app, 2).await;
        let mut people = Vec::new();
        for n in 0..5 {
            people.push(app.register(&format!("p{n}@example.org")).await);
        }
        let mut statuses = Vec::new();
        for (_, token) in &people {
            let answer = register(&app, &event, token).await;
            assert_eq!(answer.status, 201, "{}", answer.text);
            statuses.push(answer.json["status"].as_str().unwrap().to_owned());
        }
        assert_eq!(statuses, ["registered", "registered", "waitlisted", "waitlisted", "waitlisted"]);

        // A waitlisted person leaving frees no seat.
        let cancelled = app.client.delete(&format!("/api/v1/events/{event}/registrations/me"), Some(&people[3].1)).await;
        assert_eq!(cancelled.status, 204, "{}", cancelled.text);
        // A seat holder leaving gives the seat to p2, first in line.
        let cancelled = app.client.delete(&format!("/api/v1/events/{event}/registrations/me"), Some(&people[0].1)).await;
        assert_eq!(cancelled.status, 204, "{}", cancelled.text);

        let expected: Vec<(String, String)> = [(1, "registered"), (2, "registered"), (4, "waitlisted")]
            .into_iter()
            .map(|(n, status)| (people[n].0.clone(), status.to_owned()))
            .collect();
        assert_eq!(registration_list(&app, &event, &staff).await, expected);
        let mine = app.client.get(&format!("/api/v1/events/{event}/registrations/me"), Some(&people[2].1)).await;
        assert_eq!(mine.json["status"], "registered", "{}", mine.text);
        app.client.get(&format!("/api/v1/events/{event}/registrations/me"), Some(&people[0].1)).await.assert_problem(404, "not_found");

        // Whoever left may come back, at the end of the line.
        assert_eq!(register(&app, &event, &people[0].1).await.json["status"], "waitlisted");
    }

    async fn a_cancellation_racing_a_registration_gives_the_seat_in_order(app) {
        // One-seat events, each held by someone; half have someone waiting.
        // In every event at once, the holder cancels while a newcomer registers.
        let staff = app.staff();
        let module = create_module(&app, &staff).await;
        let mut races = Vec::new();
        for n in 0..12 {
            let event = create_event(&app, &staff, &module, &event_body(30, 1, false)).await;
            let person = |who: &str| app.user_with_role(&format!("{who}{n}@example.org"), Role::Individual).1;
            let (holder, newcomer) = (person("holder"), person("newcomer"));
            assert_eq!(register(&app, &event, &holder).await.json["status"], "registered");
            let waiting = (n % 2 == 0).then(|| person("waiting"));
            if let Some(waiting) = &waiting {
                assert_eq!(register(&app, &event, waiting).await.json["status"], "waitlisted");
            }
            races.push((event, holder, newcomer, waiting));
        }
        app.warm_pool();
        let app = &app;
        let raced = futures::future::join_all(races.iter().map(|(event, holder, newcomer, _)| async move {
            futures::join!(cancel(app, event, holder), register(app, event, newcomer))
        }))
        .await;
        for ((event, _, newcomer, waiting), (cancelled, registered)) in races.iter().zip(&raced) {
            cancelled.assert_status(204);
            registered.assert_status(201);
            let status_of = |token| registration_status(app, event, token);
            let detail = app.client.get(&format!("/api/v1/events/{event}"), None).await;
            assert_eq!(detail.status, 200, "{}", detail.text);
            match waiting {
                // The seat goes to whoever waited first, never to the newcomer ahead of them.
                Some(waiting) => {
                    assert_eq!(status_of(waiting).await, "registered");
                    assert_eq!(status_of(newcomer).await, "waitlisted");
                    assert_eq!((&detail.json["registered_count"], &detail.json["waitlisted_count"]), (&json!(1), &json!(1)));
                }
                // No seat stays empty while someone waits for it.
                None => {
                    assert_eq!(status_of(newcomer).await, "registered", "{}", detail.text);
                    assert_eq!((&detail.json["registered_count"], &detail.json["waitlisted_count"]), (&json!(1), &json!(0)));
                }
            }
        }
    }

    async fn concurrent_registrations_never_oversell_seats(app) {
        let (staff, event) = open_event(&app, 3).await;
        let tokens: Vec<String> = (0..10)
            .map(|n| app.user_with_role(&format!("p{n}@example.org"), Role::Individual).1)
            .collect();
        app.warm_pool();
        let answers = futures::future::join_all(tokens.iter().map(|token| register(&app, &event, token))).await;
        let mut registered = 0;
        let mut waitlisted = 0;
        for answer in &answers {
            assert_eq!(answer.status, 201, "{}", answer.text);
            match answer.json["status"].as_str() {
                Some("registered") => registered += 1,
                Some("waitlisted") => waitlisted += 1,
                other => panic!("unexpected status {other:?}"),
            }
        }
        assert_eq!((registered, waitlisted), (3, 7));
        let list = registration_list(&app, &event, &staff).await;
        assert_eq!(list.len(), 10);
        // Registration order puts every seat holder before the waitlist.
        let statuses: Vec<&str> = list.iter().map(|(_, status)| status.as_str()).collect();
        assert_eq!(statuses[..3], ["registered"; 3]);
        assert_eq!(statuses[3..], ["waitlisted"; 7]);
        let detail = app.client.get(&format!("/api/v1/events/{event}"), None).await;
        assert_eq!(detail.json["seats_left"], 0);
        assert_eq!(detail.json["waitlisted_count"], 7);
    }

    async fn the_events_feed_is_an_icalendar_of_upcoming_events(app) {
        let staff = app.staff();
        let module = create_module(&app, &staff).await;
        let online = create_event(&app, &staff, &module, &event_body(3, 10, true)).await;
        let mut in_person = event_body(7, 10, false);
        in_person.as_object_mut().unwrap().remove("online_url");
        in_person["title"] = json!("Networking, with commas; and semicolons");
        in_person["kind"] = json!("networking");
        in_person["location"] = json!("TIFF Lightbox, 350 King St W, Toronto");
        let venue = create_event(&app, &staff, &module, &in_person).await;
        let past = create_event(&app, &staff, &module, &event_body(-3, 10, false)).await;

        let feed = app.client.get("/api/v1/feeds/events.ics", None).await;
        assert_eq!(feed.status, 200, "{}", feed.text);
        assert_eq!(feed.header("content-type"), Some("text/calendar; charset=utf-8"));
        assert!(feed.text.contains("\r\n"));

        let calendar: icalendar::Calendar = feed.text.parse().unwrap();
        assert_eq!(calendar.property_value("VERSION"), Some("2.0"));
        let events: Vec<&icalendar::Event> = calendar.events().collect();
        let uids: Vec<&str> = events.iter().map(|e| e.get_uid().unwrap()).collect();
        assert_eq!(uids, [format!("{online}@greenlight"), format!("{venue}@greenlight")]);
        assert!(!feed.text.contains(&past));

        let detail = app.client.get(&format!("/api/v1/events/{online}"), None).await;
        let starts_at: chrono::DateTime<Utc> = detail.json["starts_at"].as_str().unwrap().parse().unwrap();
        let first = events[0];
        assert_eq!(first.get_start(), Some(starts_at.into()));
        assert_eq!(first.get_end(), Some((starts_at + Duration::minutes(90)).into()));
        assert_eq!(first.get_summary(), Some("Working with your bank"));
        // Members only: the public feed never carries its join link, only
        // the event's own page.
        assert_eq!(first.get_url(), Some(format!("{}/api/v1/events/{online}", app.config.public_url).as_str()));
        assert!(first.get_description().unwrap().contains("Banking for Producers"));
        assert!(first.get_description().unwrap().contains("America/Toronto"));
        let second = events[1];
        assert_eq!(second.get_summary(), Some("Networking, with commas; and semicolons"));
        assert_eq!(second.get_location(), Some("TIFF Lightbox, 350 King St W, Toronto"));
        // Instants in UTC (a trailing Z), never floating local times.
        let dtstart = feed.text.lines().find(|l| l.starts_with("DTSTART")).unwrap();
        assert!(dtstart.trim_end().ends_with('Z'), "{dtstart}");

        let etag = feed.header("etag").unwrap().to_owned();
        let again = app.client.send(app.client.request(reqwest::Method::GET, "/api/v1/feeds/events.ics").header("if-none-match", etag)).await;
        assert_eq!(again.status, 304);
    }
}
