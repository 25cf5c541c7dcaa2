use greenlight_domain::Role;
use greenlight_store::outbox::{self, NewMessage};
use greenlight_tests::e2e;

fn queue(app: &greenlight_tests::TestApp, recipient: &str, dedupe_key: Option<&str>) -> bool {
    let mut conn = app.pool.get().unwrap();
    outbox::enqueue(
        &mut conn,
        &NewMessage {
            recipient,
            subject: "Hello",
            body: "Body",
            kind: "test",
            dedupe_key,
            list_unsubscribe: None,
            locale: greenlight_domain::Locale::En,
        },
    )
    .unwrap()
}

e2e! {
    async fn staff_read_the_outbox_page_by_page(app) {
        for n in 0..5 {
            queue(&app, &format!("p{n}@example.org"), None);
        }
        let staff = app.staff();
        let first = app.client.get("/api/v1/outbox?limit=2", Some(&staff)).await;
        assert_eq!(first.status, 200, "{}", first.text);
        let items = first.json["items"].as_array().unwrap();
        assert_eq!(items.len(), 2);
        assert_eq!(items[0]["to"], "p0@example.org");
        let link = first.header("link").unwrap().to_owned();
        assert!(link.ends_with("rel=\"next\""), "{link}");

        let mut seen: Vec<String> = items.iter().map(|m| m["to"].as_str().unwrap().to_owned()).collect();
        let mut cursor = first.json["next_cursor"].as_str().map(str::to_owned);
        while let Some(next) = cursor {
            let page = app.client.get(&format!("/api/v1/outbox?limit=2&cursor={next}"), Some(&staff)).await;
            seen.extend(page.json["items"].as_array().unwrap().iter().map(|m| m["to"].as_str().unwrap().to_owned()));
            cursor = page.json["next_cursor"].as_str().map(str::to_owned);
        }
        let expected: Vec<String> = (0..5).map(|n| format!("p{n}@example.org")).collect();
        assert_eq!(seen, expected);
    }

    async fn queuing_the_same_event_twice_yields_one_message(app) {
        assert!(queue(&app, "ada@example.org", Some("event-1")));
        assert!(!queue(&app, "ada@example.org", Some("event-1")));
        let staff = app.staff();
        let page = app.client.get("/api/v1/outbox?to=ada@example.org", Some(&staff)).await;
        assert_eq!(page.json["items"].as_array().unwrap().len(), 1);
    }

    async fn only_staff_read_the_outbox(app) {
        let (_, individual) = app.register("ada@example.org").await;
        app.client.get("/api/v1/outbox", Some(&individual)).await.assert_problem(403, "forbidden");
        let (_, partner) = app.user_with_role("partner@example.org", Role::Partner);
        app.client.get("/api/v1/outbox", Some(&partner)).await.assert_problem(403, "forbidden");
        app.client.get("/api/v1/outbox", None).await.assert_problem(401, "unauthorized");
    }

    async fn bad_paging_parameters_are_bad_requests(app) {
        let staff = app.staff();
        app.client.get("/api/v1/outbox?limit=0", Some(&staff)).await.assert_problem(400, "bad_request");
        app.client.get("/api/v1/outbox?limit=abc", Some(&staff)).await.assert_problem(400, "bad_request");
        app.client.get("/api/v1/outbox?cursor=nonsense", Some(&staff)).await.assert_problem(400, "bad_request");
    }
}
