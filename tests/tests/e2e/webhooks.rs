//! Webhooks over real HTTP to a receiver on a loopback port: registration
//! and who sees what, catalogue changes fanned out and signed (every
//! signature checked with the `standardwebhooks` crate, as a partner
//! would), retries, 410, redirects, the address guard, secret rotation,
//! pings, the deliveries log, redelivery, and two workers delivering once.
//! The worker takes the time it runs at, so a retry's delay is crossed by
//! passing a later time, never by sleeping.

use chrono::Duration;
use greenlight_api::maintenance;
use greenlight_domain::Role;
use greenlight_tests::catalogue::{create_program, program, provider};
use greenlight_tests::receiver::{Receiver, Request};
use greenlight_tests::{Backend, Options, TestApp, e2e};
use serde_json::{Value, json};

fn now() -> chrono::DateTime<chrono::Utc> {
    greenlight_store::ids::now()
}

/// Registers a webhook for `events` at `url` as `token`; answers the
/// created webhook (with its secret).
async fn register(app: &TestApp, token: &str, url: &str, events: &[&str]) -> Value {
    let created = app
        .client
        .post(
            "/api/v1/webhooks",
            Some(token),
            &json!({"url": url, "events": events}),
        )
        .await;
    created.assert_status(201);
    created.json.into_value()
}

fn id_of(webhook: &Value) -> String {
    webhook["id"].as_str().unwrap().to_owned()
}

fn secret_of(webhook: &Value) -> String {
    webhook["secret"].as_str().unwrap().to_owned()
}

async fn deliveries(app: &TestApp, token: &str, webhook: &str) -> Vec<Value> {
    let page = app
        .client
        .get(
            &format!("/api/v1/webhooks/{webhook}/deliveries"),
            Some(token),
        )
        .await;
    page.assert_status(200);
    page.json["items"].as_array().unwrap().clone()
}

async fn ping(app: &TestApp, token: &str, webhook: &str) -> Value {
    let queued = app
        .client
        .post(
            &format!("/api/v1/webhooks/{webhook}/ping"),
            Some(token),
            &json!({}),
        )
        .await;
    queued.assert_status(202);
    queued.json.into_value()
}

fn verified(request: &Request, secret: &str) {
    request
        .verify(secret)
        .unwrap_or_else(|error| panic!("signature refused ({error}): {request:?}"));
}

e2e! {
    async fn partners_see_their_own_webhooks_and_the_secret_once(app) {
        let staff = app.staff();
        let (_, sam) = app.user_with_role("sam@partner.example", Role::Partner);
        let (_, other) = app.user_with_role("olu@other.example", Role::Partner);
        let (_, member) = app.user_with_role("mo@member.example", Role::Member);

        let created = app.client.post("/api/v1/webhooks", Some(&sam),
            &json!({"url": "https://partner.example/hooks", "events": ["program.published", "ping", "program.published"], "description": "Sync"})).await;
        created.assert_status(201);
        let id = created.json["id"].as_str().unwrap().to_owned();
        assert_eq!(created.header("location"), Some(format!("/api/v1/webhooks/{id}").as_str()));
        assert_eq!(created.json["url"], "https://partner.example/hooks");
        assert_eq!(created.json["events"], json!(["ping", "program.published"]), "sorted by name");
        assert_eq!(created.json["active"], true);
        let secret = created.json["secret"].as_str().unwrap();
        assert!(secret.starts_with("whsec_"), "{secret}");
        assert!(standardwebhooks::Webhook::new(secret).is_ok());

        let read = app.client.get(&format!("/api/v1/webhooks/{id}"), Some(&sam)).await;
        read.assert_status(200);
        assert_eq!(read.json["description"], "Sync");
        assert!(read.json.value().get("secret").is_none(), "the secret is shown once: {}", read.text);
        assert_eq!(read.header("cache-control"), Some("no-store"));

        // Another partner cannot tell it exists; staff see it.
        app.client.get(&format!("/api/v1/webhooks/{id}"), Some(&other)).await.assert_problem(404, "not_found");
        app.client.patch(&format!("/api/v1/webhooks/{id}"), Some(&other), &json!({"active": false})).await.assert_problem(404, "not_found");
        app.client.post(&format!("/api/v1/webhooks/{id}/ping"), Some(&other), &json!({})).await.assert_problem(404, "not_found");
        app.client.get(&format!("/api/v1/webhooks/{id}/deliveries"), Some(&other)).await.assert_problem(404, "not_found");
        app.client.post(&format!("/api/v1/webhooks/{id}/rotate-secret"), Some(&other), &json!({})).await.assert_problem(404, "not_found");
        app.client.delete(&format!("/api/v1/webhooks/{id}"), Some(&other)).await.assert_problem(404, "not_found");
        let theirs = app.client.get("/api/v1/webhooks", Some(&other)).await;
        theirs.assert_status(200);
        assert_eq!(theirs.json["items"], json!([]));
        register(&app, &staff, "https://staff.example/hooks", &["cycle.opened"]).await;
        let all = app.client.get("/api/v1/webhooks", Some(&staff)).await;
        assert_eq!(all.json["items"].as_array().unwrap().len(), 2, "{}", all.text);
        let mine = app.client.get("/api/v1/webhooks", Some(&sam)).await;
        assert_eq!(mine.json["items"].as_array().unwrap().len(), 1, "{}", mine.text);
        assert!(mine.json["items"][0].get("secret").is_none());
        app.client.get("/api/v1/webhooks", Some(&member)).await.assert_problem(403, "forbidden");
        app.client.post("/api/v1/webhooks", Some(&member),
            &json!({"url": "https://m.example/h", "events": ["ping"]})).await.assert_problem(403, "forbidden");

        // A bad event is named by its place; so is a bad address.
        let bad = app.client.post("/api/v1/webhooks", Some(&sam),
            &json!({"url": "https://partner.example/hooks", "events": ["program.deleted"]})).await;
        bad.assert_problem(422, "validation_failed");
        assert_eq!(bad.json["errors"][0]["field"], "events[0]", "{}", bad.text);
        let none = app.client.post("/api/v1/webhooks", Some(&sam),
            &json!({"url": "not a url", "events": []})).await;
        none.assert_problem(422, "validation_failed");
        let fields: Vec<&str> = none.json["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
        assert_eq!(fields, ["url", "events"]);

        let patched = app.client.patch(&format!("/api/v1/webhooks/{id}"), Some(&sam),
            &json!({"events": ["program.unpublished"], "description": null})).await;
        patched.assert_status(200);
        assert_eq!(patched.json["events"], json!(["program.unpublished"]));
        assert!(patched.json["description"].is_null());
        assert_eq!(patched.json["url"], "https://partner.example/hooks");

        // The owner's bound holds: ten webhooks, then 409.
        for n in 1..10 {
            register(&app, &sam, &format!("https://partner.example/hooks/{n}"), &["ping"]).await;
        }
        app.client.post("/api/v1/webhooks", Some(&sam),
            &json!({"url": "https://partner.example/one-more", "events": ["ping"]})).await.assert_problem(409, "conflict");

        app.client.delete(&format!("/api/v1/webhooks/{id}"), Some(&sam)).await.assert_status(204);
        app.client.get(&format!("/api/v1/webhooks/{id}"), Some(&sam)).await.assert_problem(404, "not_found");
    }

    async fn publishing_and_unpublishing_reach_the_partner_signed(app) {
        let receiver = Receiver::start();
        let staff = app.staff();
        let (_, sam) = app.user_with_role("sam@partner.example", Role::Partner);
        let webhook = register(&app, &sam, &receiver.url("/hooks"),
            &["program.published", "program.unpublished"]).await;
        let provider_id = provider(&app, &staff, "Producers' Association", "association").await;
        let listing = create_program(&app, &sam, &program(&provider_id, "Partner Lab")).await;
        let slug = listing["slug"].as_str().unwrap().to_owned();
        app.run_jobs().await;
        assert!(receiver.received().is_empty(), "a pending program was never public");

        app.client.post(&format!("/api/v1/programs/{slug}/publish"), Some(&staff), &json!({})).await.assert_status(200);
        app.run_jobs().await;
        let received = receiver.received();
        assert_eq!(received.len(), 1, "{received:?}");
        let published = &received[0];
        assert_eq!(published.method, "POST");
        assert_eq!(published.path, "/hooks");
        assert_eq!(published.header("content-type"), Some("application/json"));
        verified(published, &secret_of(&webhook));
        let body = published.json();
        assert_eq!(body["type"], "program.published");
        assert_eq!(body["data"]["id"], listing["id"]);
        assert_eq!(body["data"]["slug"], slug.as_str());
        let url = body["data"]["url"].as_str().unwrap();
        assert_eq!(url, format!("https://greenlight.test/api/v1/programs/{}", listing["id"].as_str().unwrap()));
        assert!(body["timestamp"].as_str().unwrap().ends_with('Z'), "{body}");

        app.client.post(&format!("/api/v1/programs/{slug}/unpublish"), Some(&staff), &json!({})).await.assert_status(200);
        app.run_jobs().await;
        app.run_jobs().await;
        let received = receiver.received();
        assert_eq!(received.len(), 2, "each change is delivered once: {received:?}");
        verified(&received[1], &secret_of(&webhook));
        assert_eq!(received[1].json()["type"], "program.unpublished");
        assert_ne!(received[0].header("webhook-id"), received[1].header("webhook-id"));

        let log = deliveries(&app, &sam, &id_of(&webhook)).await;
        let events: Vec<&str> = log.iter().map(|d| d["event"].as_str().unwrap()).collect();
        assert_eq!(events, ["program.unpublished", "program.published"], "newest first");
        assert!(log.iter().all(|d| d["status"] == "sent" && d["attempts"] == 1 && d["response_status"] == 200), "{log:?}");
        assert_eq!(log[0]["id"].as_str(), received[1].header("webhook-id"));
    }

    async fn a_new_cycle_and_a_new_event_are_announced(app) {
        let receiver = Receiver::start();
        let staff = app.staff();
        let webhook = register(&app, &staff, &receiver.url("/hooks"), &["cycle.opened", "event.published"]).await;
        let program = crate::support::program(&app, "Production Mentorship");
        let cycle = crate::support::cycle(&app, &staff, &program, json!({})).await;
        app.run_jobs().await;
        let received = receiver.received();
        assert_eq!(received.len(), 1, "a program change is not subscribed to: {received:?}");
        verified(&received[0], &secret_of(&webhook));
        let body = received[0].json();
        assert_eq!(body["type"], "cycle.opened");
        assert_eq!(body["data"]["id"], cycle.as_str());
        assert_eq!(body["data"]["program_id"], program.as_str());
        assert_eq!(body["data"]["url"], format!("https://greenlight.test/api/v1/cycles/{cycle}"));
        let followed = app.client.get(&format!("/api/v1/cycles/{cycle}"), None).await;
        followed.assert_status(200);

        let module = app.client.post("/api/v1/modules", Some(&staff), &json!({
            "title": "Banking for Producers", "theme": "financing", "year": 2026,
            "summary": "Working with banks.", "audiences": ["emerging"]})).await;
        module.assert_status(201);
        let starts_at = chrono::Utc::now() + Duration::days(10);
        let event = app.client.post(&format!("/api/v1/modules/{}/events", module.json["id"].as_str().unwrap()), Some(&staff), &json!({
            "title": "Working with your bank", "kind": "webinar",
            "starts_at": starts_at.to_rfc3339(), "ends_at": (starts_at + Duration::minutes(90)).to_rfc3339(),
            "timezone": "America/Toronto", "capacity": 30, "members_only": false})).await;
        event.assert_status(201);
        app.run_jobs().await;
        let received = receiver.received();
        assert_eq!(received.len(), 2, "{received:?}");
        verified(&received[1], &secret_of(&webhook));
        let body = received[1].json();
        assert_eq!(body["type"], "event.published");
        assert_eq!(body["data"]["id"], event.json["id"]);
        assert_eq!(body["data"]["module_id"], module.json["id"]);
        assert_eq!(body["data"]["url"], format!("https://greenlight.test/api/v1/events/{}", event.json["id"].as_str().unwrap()));
    }

    async fn a_failed_delivery_is_retried_after_its_delay(app) {
        let receiver = Receiver::start();
        let (_, sam) = app.user_with_role("sam@partner.example", Role::Partner);
        let webhook = register(&app, &sam, &receiver.url("/hooks"), &["ping"]).await;
        let id = id_of(&webhook);
        ping(&app, &sam, &id).await;
        receiver.answer_next(500);
        let started = now();
        app.run_jobs_at(started).await;
        let failed = &deliveries(&app, &sam, &id).await[0];
        assert_eq!(failed["status"], "failed");
        assert_eq!(failed["attempts"], 1);
        assert_eq!(failed["response_status"], 500);
        assert!(failed["last_error"].as_str().unwrap().contains("500"), "{failed}");
        let retry_at: chrono::DateTime<chrono::Utc> = failed["next_attempt_at"].as_str().unwrap().parse().unwrap();
        assert!(retry_at > started && retry_at <= started + Duration::seconds(60), "{retry_at}");

        app.run_jobs_at(started + Duration::seconds(20)).await;
        assert_eq!(receiver.received().len(), 1, "not due before its delay");
        app.run_jobs_at(started + Duration::seconds(61)).await;
        let received = receiver.received();
        assert_eq!(received.len(), 2);
        assert_eq!(received[0].header("webhook-id"), received[1].header("webhook-id"), "a retry keeps its id");
        assert_ne!(received[0].header("webhook-timestamp"), received[1].header("webhook-timestamp"));
        assert_eq!(received[0].body, received[1].body);
        verified(&received[1], &secret_of(&webhook));
        let sent = &deliveries(&app, &sam, &id).await[0];
        assert_eq!(sent["status"], "sent");
        assert_eq!(sent["attempts"], 2);
        assert_eq!(sent["response_status"], 200);
        assert!(sent["next_attempt_at"].is_null());
    }

    async fn a_410_disables_the_webhook(app) {
        let receiver = Receiver::start();
        let (_, sam) = app.user_with_role("sam@partner.example", Role::Partner);
        let id = id_of(&register(&app, &sam, &receiver.url("/hooks"), &["ping"]).await);
        ping(&app, &sam, &id).await;
        receiver.answer_next(410);
        app.run_jobs().await;
        let gone = &deliveries(&app, &sam, &id).await[0];
        assert_eq!(gone["status"], "dead");
        assert_eq!(gone["response_status"], 410);
        let webhook = app.client.get(&format!("/api/v1/webhooks/{id}"), Some(&sam)).await;
        assert_eq!(webhook.json["active"], false);

        ping(&app, &sam, &id).await;
        app.run_jobs_at(now() + Duration::hours(1)).await;
        assert_eq!(receiver.received().len(), 1, "nothing goes to a disabled webhook");

        app.client.patch(&format!("/api/v1/webhooks/{id}"), Some(&sam), &json!({"active": true})).await.assert_status(200);
        app.run_jobs().await;
        assert_eq!(receiver.received().len(), 2, "turned on again, it gets what waited");
    }

    async fn a_redirect_is_not_followed(app) {
        let receiver = Receiver::start();
        let (_, sam) = app.user_with_role("sam@partner.example", Role::Partner);
        let id = id_of(&register(&app, &sam, &receiver.url("/hooks"), &["ping"]).await);
        ping(&app, &sam, &id).await;
        receiver.answer_next(302);
        app.run_jobs().await;
        let received = receiver.received();
        assert_eq!(received.len(), 1, "{received:?}");
        assert_eq!(received[0].path, "/hooks");
        let failed = &deliveries(&app, &sam, &id).await[0];
        assert_eq!(failed["status"], "failed");
        assert_eq!(failed["response_status"], 302);
        assert!(failed["last_error"].as_str().unwrap().contains("redirects are not followed"), "{failed}");
    }

    async fn a_rotated_secret_signs_beside_the_new_one(app) {
        let receiver = Receiver::start();
        let (_, sam) = app.user_with_role("sam@partner.example", Role::Partner);
        let webhook = register(&app, &sam, &receiver.url("/hooks"), &["ping"]).await;
        let id = id_of(&webhook);
        let rotated = app.client.post(&format!("/api/v1/webhooks/{id}/rotate-secret"), Some(&sam), &json!({})).await;
        rotated.assert_status(200);
        let (old, new) = (secret_of(&webhook), rotated.json["secret"].as_str().unwrap().to_owned());
        assert!(new.starts_with("whsec_"));
        assert_ne!(old, new);
        assert_eq!(rotated.json["id"], id.as_str());

        ping(&app, &sam, &id).await;
        app.run_jobs().await;
        let received = receiver.received();
        assert_eq!(received.len(), 1);
        assert_eq!(received[0].signatures().len(), 2, "{received:?}");
        verified(&received[0], &new);
        verified(&received[0], &old);
        assert!(received[0].verify(&greenlight_api::notifications::webhooks::new_secret()).is_err(),
            "a secret that is neither does not verify");

        // After the grace period only the new secret signs.
        ping(&app, &sam, &id).await;
        app.run_jobs_at(now() + Duration::hours(25)).await;
        let later = &receiver.received()[1];
        assert_eq!(later.signatures().len(), 1, "{later:?}");
        let signed = greenlight_api::notifications::webhooks::signature(
            &new,
            later.header("webhook-id").unwrap(),
            later.header("webhook-timestamp").unwrap().parse().unwrap(),
            &later.body,
        );
        assert_eq!(later.signatures().first(), signed.as_ref());
    }

    async fn ping_the_log_and_redelivery(app) {
        let receiver = Receiver::start();
        let (_, sam) = app.user_with_role("sam@partner.example", Role::Partner);
        let webhook = register(&app, &sam, &receiver.url("/hooks"), &["program.published"]).await;
        let id = id_of(&webhook);
        let queued = ping(&app, &sam, &id).await;
        assert_eq!(queued["event"], "ping");
        assert_eq!(queued["status"], "queued");
        assert_eq!(queued["attempts"], 0);
        assert!(queued["response_status"].is_null());
        let delivery = queued["id"].as_str().unwrap().to_owned();
        let redeliver = format!("/api/v1/webhooks/{id}/deliveries/{delivery}/redeliver");
        app.client.post(&redeliver, Some(&sam), &json!({})).await.assert_problem(409, "conflict");

        app.run_jobs().await;
        let received = receiver.received();
        assert_eq!(received.len(), 1);
        verified(&received[0], &secret_of(&webhook));
        let body = received[0].json();
        assert_eq!(body["type"], "ping");
        assert_eq!(body["data"]["id"], id.as_str());
        assert_eq!(body["data"]["url"], format!("https://greenlight.test/api/v1/webhooks/{id}"));

        let again = app.client.post(&redeliver, Some(&sam), &json!({})).await;
        again.assert_status(200);
        assert_eq!(again.json["status"], "queued");
        assert_eq!(again.json["attempts"], 0);
        app.run_jobs().await;
        let received = receiver.received();
        assert_eq!(received.len(), 2);
        assert_eq!(received[1].header("webhook-id"), Some(delivery.as_str()));
        verified(&received[1], &secret_of(&webhook));

        let (_, other) = app.user_with_role("olu@other.example", Role::Partner);
        app.client.post(&redeliver, Some(&other), &json!({})).await.assert_problem(404, "not_found");
        let elsewhere = id_of(&register(&app, &other, &receiver.url("/other"), &["ping"]).await);
        app.client.post(&format!("/api/v1/webhooks/{elsewhere}/deliveries/{delivery}/redeliver"), Some(&other), &json!({}))
            .await.assert_problem(404, "not_found");

        // The log pages like every list.
        for _ in 0..2 {
            ping(&app, &sam, &id).await;
        }
        let first = app.client.get(&format!("/api/v1/webhooks/{id}/deliveries?limit=2"), Some(&sam)).await;
        first.assert_status(200);
        assert_eq!(first.json["items"].as_array().unwrap().len(), 2);
        let cursor = first.json["next_cursor"].as_str().unwrap();
        let rest = app.client.get(&format!("/api/v1/webhooks/{id}/deliveries?limit=2&cursor={cursor}"), Some(&sam)).await;
        rest.assert_status(200);
        assert_eq!(rest.json["items"].as_array().unwrap().len(), 1);
        assert_eq!(rest.json["items"][0]["id"], delivery.as_str());
        assert!(rest.json["next_cursor"].is_null());
    }

    async fn finished_deliveries_leave_the_log_after_thirty_days(app) {
        let receiver = Receiver::start();
        let (_, sam) = app.user_with_role("sam@partner.example", Role::Partner);
        let id = id_of(&register(&app, &sam, &receiver.url("/hooks"), &["ping"]).await);
        ping(&app, &sam, &id).await;
        app.run_jobs().await;
        receiver.answer_next(503);
        ping(&app, &sam, &id).await;
        app.run_jobs().await;
        let statuses: Vec<Value> = deliveries(&app, &sam, &id).await.iter().map(|d| d["status"].clone()).collect();
        assert_eq!(statuses, [json!("failed"), json!("sent")], "newest first");

        let window = Options::default().config.sign_in_failure_window;
        let prune_at = |later: Duration| {
            let mut conn = app.pool.get().unwrap();
            maintenance::prune(&mut conn, now() + later, window).unwrap().webhook_deliveries
        };
        assert_eq!(prune_at(Duration::days(29)), 0, "a month's log is kept");
        assert_eq!(prune_at(Duration::days(31)), 1, "only the finished delivery goes");
        let left = deliveries(&app, &sam, &id).await;
        assert_eq!(left.len(), 1);
        assert_eq!(left[0]["status"], "failed", "a delivery still being retried stays, whatever its age");
    }

    async fn two_workers_deliver_each_message_once(app) {
        let receiver = Receiver::start();
        let staff = app.staff();
        let (_, sam) = app.user_with_role("sam@partner.example", Role::Partner);
        let webhook = register(&app, &sam, &receiver.url("/hooks"), &["program.published", "ping"]).await;
        let id = id_of(&webhook);
        for _ in 0..10 {
            ping(&app, &sam, &id).await;
        }
        let provider_id = provider(&app, &staff, "Producers' Association", "association").await;
        for n in 0..10 {
            create_program(&app, &staff, &program(&provider_id, &format!("Lab {n}"))).await;
        }
        app.warm_pool();
        let (one, two) = (app.mail_less_worker(), app.mail_less_worker());
        let at = now();
        let (a, b) = futures::join!(one.run_once(at), two.run_once(at));
        a.unwrap();
        b.unwrap();
        let received = receiver.received();
        let mut ids: Vec<&str> = received.iter().map(|r| r.header("webhook-id").unwrap()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(received.len(), 20, "ten pings and ten programs, each once");
        assert_eq!(ids.len(), 20);
        let published = received.iter().filter(|r| r.json()["type"] == "program.published").count();
        assert_eq!(published, 10, "each change fanned out once");
        for request in &received {
            verified(request, &secret_of(&webhook));
        }
        let log = deliveries(&app, &sam, &id).await;
        assert_eq!(log.len(), 20);
        assert!(log.iter().all(|d| d["status"] == "sent" && d["attempts"] == 1), "{log:?}");
    }
}

/// Without `GREENLIGHT_WEBHOOK_ALLOW_PRIVATE` a webhook must be https, an
/// IP address must be public, and a name that resolves to a private
/// address is refused when the worker connects.
#[actix_web::test]
async fn private_addresses_are_refused_without_the_flag() {
    for backend in [Backend::Sqlite, Backend::Postgres] {
        let mut options = Options::default();
        options.config.webhook_allow_private = false;
        let Some(app) = TestApp::spawn_with(backend, options).await else {
            continue;
        };
        let receiver = Receiver::start();
        let (_, sam) = app.user_with_role("sam@partner.example", Role::Partner);
        for url in [
            receiver.url("/hooks"),
            format!("https://127.0.0.1:{}/hooks", receiver.port()),
            "https://[::1]/hooks".to_owned(),
            "https://169.254.169.254/latest/meta-data".to_owned(),
            "https://10.0.0.8/hooks".to_owned(),
        ] {
            let refused = app
                .client
                .post(
                    "/api/v1/webhooks",
                    Some(&sam),
                    &json!({"url": url, "events": ["ping"]}),
                )
                .await;
            refused.assert_problem(422, "validation_failed");
            assert_eq!(
                refused.json["errors"][0]["field"], "url",
                "{url}: {}",
                refused.text
            );
        }

        let webhook = register(
            &app,
            &sam,
            &format!("https://localhost:{}/hooks", receiver.port()),
            &["ping"],
        )
        .await;
        let id = id_of(&webhook);
        ping(&app, &sam, &id).await;
        app.run_jobs().await;
        assert!(
            receiver.received().is_empty(),
            "nothing reaches a loopback address"
        );
        let failed = &deliveries(&app, &sam, &id).await[0];
        assert_eq!(failed["status"], "failed");
        assert!(failed["response_status"].is_null());
        assert!(
            failed["last_error"]
                .as_str()
                .unwrap()
                .contains("not a public address"),
            "{failed}"
        );
    }
}
