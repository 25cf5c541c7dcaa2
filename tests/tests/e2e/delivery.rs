//! Delivery of the outbox over real SMTP to a sink on a loopback port: the
//! headers, retries after temporary failures, giving up after permanent
//! ones, staff re-queuing, and two workers on one database sending each
//! message once. The worker takes the time it runs at, so a retry's delay
//! is crossed by passing a later time, never by sleeping.

use chrono::Duration;
use greenlight_api::notifications::worker::WorkerSettings;
use greenlight_store::outbox::{self, NewMessage};
use greenlight_tests::smtp::SmtpSink;
use greenlight_tests::{TestApp, e2e};
use serde_json::{Value, json};

fn queue(app: &TestApp, recipient: &str) -> String {
    let mut conn = app.pool.get().unwrap();
    assert!(
        outbox::enqueue(
            &mut conn,
            &NewMessage {
                recipient,
                subject: "Hello",
                body: "Body",
                kind: "test",
                ..NewMessage::default()
            },
        )
        .unwrap()
    );
    let listed = outbox::list(
        &mut conn,
        &outbox::MessageFilter {
            recipient: Some(recipient.to_owned()),
            ..Default::default()
        },
        None,
        100,
    )
    .unwrap();
    listed.last().unwrap().id.clone()
}

async fn message(app: &TestApp, staff: &str, to: &str) -> Value {
    let page = app
        .client
        .get(&format!("/api/v1/outbox?to={to}"), Some(staff))
        .await;
    assert_eq!(page.status, 200, "{}", page.text);
    let items = page.json["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "{}", page.text);
    items[0].clone()
}

fn now() -> chrono::DateTime<chrono::Utc> {
    greenlight_store::ids::now()
}

e2e! {
    async fn a_confirmation_reaches_the_smtp_server_with_list_headers(app) {
        let sink = SmtpSink::start();
        let staff = app.staff();
        let subscribed = app.client.post("/api/v1/subscriptions", None,
            &json!({"email": "ada@example.org", "topics": ["new_programs"]})).await;
        assert_eq!(subscribed.status, 202, "{}", subscribed.text);
        let queued = message(&app, &staff, "ada@example.org").await;
        assert_eq!(queued["status"], "queued");
        assert_eq!(queued["attempts"], 0);

        let delivered = app.worker(&sink).run_once(now()).await.unwrap();
        assert_eq!(delivered.sent, 1);
        let received = sink.received();
        assert_eq!(received.len(), 1);
        let mail = &received[0];
        assert_eq!(mail.rcpt_to, ["ada@example.org"]);
        assert_eq!(mail.mail_from, "greenlight@greenlight.test");
        assert_eq!(mail.header("Subject").unwrap(), "Confirm your Greenlight subscription");
        let id = queued["id"].as_str().unwrap();
        assert_eq!(mail.header("Message-ID").unwrap(), format!("<{id}@greenlight.test>"));
        let unsubscribe = mail.header("List-Unsubscribe").unwrap();
        assert!(unsubscribe.starts_with("<https://greenlight.test/api/v1/subscriptions/one-click?token=glp_"), "{unsubscribe}");
        assert_eq!(mail.header("List-Unsubscribe-Post").unwrap(), "List-Unsubscribe=One-Click");
        let text = mail.text();
        assert!(text.contains("https://greenlight.test/api/v1/subscriptions/confirm"), "{text}");

        let sent = message(&app, &staff, "ada@example.org").await;
        assert_eq!(sent["status"], "sent");
        assert_eq!(sent["attempts"], 1);
        assert!(sent["sent_at"].is_string());
        assert!(sent["next_attempt_at"].is_null());
        let page = app.client.get("/api/v1/outbox?status=sent", Some(&staff)).await;
        assert_eq!(page.json["items"].as_array().unwrap().len(), 1);

        let again = app.worker(&sink).run_once(now() + Duration::days(3)).await.unwrap();
        assert_eq!(again.sent, 0, "a sent message is never sent again");
        assert_eq!(sink.received().len(), 1);
    }

    async fn mail_to_a_person_carries_no_list_headers(app) {
        let sink = SmtpSink::start();
        queue(&app, "grace@example.org");
        app.worker(&sink).run_once(now()).await.unwrap();
        let received = sink.received();
        assert_eq!(received.len(), 1);
        assert!(received[0].header("List-Unsubscribe").is_none());
        assert_eq!(received[0].text().trim_end(), "Body");
    }

    async fn a_temporary_failure_is_retried_after_a_growing_delay(app) {
        let sink = SmtpSink::start();
        let staff = app.staff();
        queue(&app, "grace@example.org");
        sink.answer_next("451 4.3.0 try again later");
        let started = now();
        let first = app.worker(&sink).run_once(started).await.unwrap();
        assert_eq!(first.failed, 1);
        let failed = message(&app, &staff, "grace@example.org").await;
        assert_eq!(failed["status"], "failed");
        assert_eq!(failed["attempts"], 1);
        assert!(failed["last_error"].as_str().unwrap().contains("try again later"), "{failed}");
        let retry_at: chrono::DateTime<chrono::Utc> = failed["next_attempt_at"].as_str().unwrap().parse().unwrap();
        assert!(retry_at > started && retry_at <= started + Duration::seconds(60), "{retry_at}");

        let early = app.worker(&sink).run_once(started + Duration::seconds(1)).await.unwrap();
        assert_eq!(early.sent + early.failed, 0, "not due before its delay");

        sink.answer_next("421 4.7.0 still busy");
        let second = app.worker(&sink).run_once(retry_at).await.unwrap();
        assert_eq!(second.failed, 1);
        let again = message(&app, &staff, "grace@example.org").await;
        let second_retry: chrono::DateTime<chrono::Utc> = again["next_attempt_at"].as_str().unwrap().parse().unwrap();
        assert!(second_retry - retry_at > Duration::seconds(59), "the second delay is longer: {second_retry}");

        let third = app.worker(&sink).run_once(second_retry).await.unwrap();
        assert_eq!(third.sent, 1);
        assert_eq!(sink.received().len(), 1);
        let sent = message(&app, &staff, "grace@example.org").await;
        assert_eq!(sent["status"], "sent");
        assert_eq!(sent["attempts"], 3);
    }

    async fn a_permanent_failure_is_dead_until_staff_queue_it_again(app) {
        let sink = SmtpSink::start();
        let staff = app.staff();
        let id = queue(&app, "nobody@example.org");
        sink.answer_next("550 5.1.1 no such mailbox");
        let round = app.worker(&sink).run_once(now()).await.unwrap();
        assert_eq!(round.dead, 1);
        let dead = message(&app, &staff, "nobody@example.org").await;
        assert_eq!(dead["status"], "dead");
        assert!(dead["next_attempt_at"].is_null());
        assert!(dead["last_error"].as_str().unwrap().contains("no such mailbox"));
        let later = app.worker(&sink).run_once(now() + Duration::days(30)).await.unwrap();
        assert_eq!(later.sent, 0, "a dead message is not tried again");

        let (_, individual) = app.register("ada@example.org").await;
        app.client.post(&format!("/api/v1/outbox/{id}/retry"), Some(&individual), &json!({})).await.assert_problem(403, "forbidden");
        app.client.post("/api/v1/outbox/no-such-message/retry", Some(&staff), &json!({})).await.assert_problem(404, "not_found");
        let requeued = app.client.post(&format!("/api/v1/outbox/{id}/retry"), Some(&staff), &json!({})).await;
        assert_eq!(requeued.status, 200, "{}", requeued.text);
        assert_eq!(requeued.json["status"], "queued");
        assert_eq!(requeued.json["attempts"], 0);
        app.client.post(&format!("/api/v1/outbox/{id}/retry"), Some(&staff), &json!({})).await.assert_problem(409, "conflict");

        let round = app.worker(&sink).run_once(now()).await.unwrap();
        assert_eq!(round.sent, 1);
        assert_eq!(message(&app, &staff, "nobody@example.org").await["status"], "sent");
    }

    async fn too_many_temporary_failures_give_up(app) {
        let sink = SmtpSink::start();
        let staff = app.staff();
        queue(&app, "grace@example.org");
        let settings = WorkerSettings {
            retry: greenlight_domain::RetryPolicy { max_attempts: 2, ..Default::default() },
            ..WorkerSettings::default()
        };
        sink.answer_next("451 4.3.0 busy");
        sink.answer_next("451 4.3.0 busy");
        let worker = app.worker_with(&sink, settings);
        assert_eq!(worker.run_once(now()).await.unwrap().failed, 1);
        assert_eq!(worker.run_once(now() + Duration::hours(1)).await.unwrap().dead, 1);
        assert_eq!(message(&app, &staff, "grace@example.org").await["status"], "dead");
    }

    async fn two_workers_on_one_database_send_each_message_once(app) {
        let sink = SmtpSink::start();
        for n in 0..60 {
            queue(&app, &format!("p{n}@example.org"));
        }
        let settings = WorkerSettings { batch: 5, concurrency: 2, ..WorkerSettings::default() };
        let one = app.worker_with(&sink, settings.clone());
        let two = app.worker_with(&sink, settings);
        let at = now();
        let (a, b) = futures::join!(one.run_once(at), two.run_once(at));
        let (a, b) = (a.unwrap(), b.unwrap());
        assert_eq!(a.sent + b.sent, 60, "{a:?} {b:?}");
        let received = sink.received();
        let mut ids: Vec<String> = received.iter().map(|m| m.header("Message-ID").unwrap()).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(received.len(), 60);
        assert_eq!(ids.len(), 60, "each message once");
    }

    async fn without_a_mailer_messages_stay_queued(app) {
        let staff = app.staff();
        queue(&app, "grace@example.org");
        let worker = greenlight_api::notifications::worker::Worker::new(
            app.pool.clone(), app.config.clone(), app.read_model.clone(), None, WorkerSettings::default());
        let round = worker.run_once(now()).await.unwrap();
        assert_eq!(round.sent, 0);
        let queued = message(&app, &staff, "grace@example.org").await;
        assert_eq!(queued["status"], "queued");
        assert_eq!(queued["attempts"], 0);
    }

    async fn the_outbox_filters_by_status_and_names_a_wrong_one(app) {
        let staff = app.staff();
        queue(&app, "grace@example.org");
        let queued = app.client.get("/api/v1/outbox?status=queued", Some(&staff)).await;
        assert_eq!(queued.json["items"].as_array().unwrap().len(), 1);
        let dead = app.client.get("/api/v1/outbox?status=dead", Some(&staff)).await;
        assert_eq!(dead.json["items"].as_array().unwrap().len(), 0);
        let wrong = app.client.get("/api/v1/outbox?status=lost", Some(&staff)).await;
        wrong.assert_problem(422, "validation_failed");
        assert_eq!(wrong.json["errors"][0]["field"], "status");
    }

    async fn a_subscriber_leaves_with_one_click_from_the_mail_header(app) {
        let sink = SmtpSink::start();
        app.client.post("/api/v1/subscriptions", None,
            &json!({"email": "ada@example.org", "topics": ["new_programs"]})).await.assert_status(202);
        app.worker(&sink).run_once(now()).await.unwrap();
        let header = sink.received()[0].header("List-Unsubscribe").unwrap();
        let path = header.trim_matches(|c| c == '<' || c == '>').strip_prefix("https://greenlight.test").unwrap().to_owned();
        let token = path.split_once("token=").unwrap().1.to_owned();

        let shown = app.client.get(&format!("/api/v1/subscriptions/manage?token={token}"), None).await;
        assert_eq!(shown.status, 200, "{}", shown.text);
        assert_eq!(shown.json["email"], "ada@example.org");
        assert_eq!(shown.json["status"], "pending");
        assert_eq!(shown.header("cache-control"), Some("no-store"));

        let changed = app.client.patch(&format!("/api/v1/subscriptions/manage?token={token}"), None,
            &json!({"topics": ["events", "deadlines"]})).await;
        assert_eq!(changed.status, 200, "{}", changed.text);
        assert_eq!(changed.json["status"], "confirmed", "the token proves the address");
        assert_eq!(changed.json["topics"], json!(["events", "deadlines"]));
        let wrong = app.client.patch(&format!("/api/v1/subscriptions/manage?token={token}"), None,
            &json!({"topics": ["gossip"]})).await;
        wrong.assert_problem(422, "validation_failed");
        assert_eq!(wrong.json["errors"][0]["field"], "topics[0]");

        let without_marker = app.client.send(app.client.request(reqwest::Method::POST, &path)
            .header("content-type", "application/x-www-form-urlencoded").body("")).await;
        without_marker.assert_problem(422, "validation_failed");
        for _ in 0..2 {
            let left = app.client.send(app.client.request(reqwest::Method::POST, &path)
                .header("content-type", "application/x-www-form-urlencoded")
                .body("List-Unsubscribe=One-Click")).await;
            assert_eq!(left.status, 200, "{}", left.text);
            assert_eq!(left.json["status"], "unsubscribed");
            assert_eq!(left.json["topics"], json!([]));
        }
        app.client.get("/api/v1/subscriptions/manage?token=glp_unknown", None).await.assert_problem(422, "validation_failed");
    }
}
