//! The notification list: double opt-in, announcements of new programs,
//! unsubscribing, and answers that reveal nothing about who is subscribed.

use chrono::Duration;
use greenlight_domain::{Locale, Role, SubscriptionTopic};
use greenlight_store::StoreError;
use greenlight_store::subscriptions::{self, Pruned, Requested};
use greenlight_tests::catalogue::{create_program, program, provider};
use greenlight_tests::{TestApp, e2e};
use serde_json::{Value, json};

/// Messages of `kind` to `to`, oldest first, read from the outbox as staff.
pub(crate) async fn messages(app: &TestApp, staff: &str, kind: &str, to: &str) -> Vec<Value> {
    let answer = app
        .client
        .get(
            &format!("/api/v1/outbox?kind={kind}&to={to}&limit=100"),
            Some(staff),
        )
        .await;
    assert_eq!(answer.status, 200, "{}", answer.text);
    answer.json["items"].as_array().unwrap().clone()
}

/// The token that follows `marker` in a message body.
fn token_after(body: &str, marker: &str) -> String {
    let start = body
        .find(marker)
        .unwrap_or_else(|| panic!("{marker} not in {body}"))
        + marker.len();
    body[start..].split('"').next().unwrap().to_owned()
}

fn confirm_token(message: &Value) -> String {
    let body = message["body"].as_str().unwrap();
    let before_confirm = body.split("/api/v1/subscriptions/confirm").next().unwrap();
    token_after(before_confirm, "{\"token\": \"")
}

fn unsubscribe_token(message: &Value) -> String {
    let body = message["body"].as_str().unwrap();
    let footer = body.rsplit("--\n").next().unwrap();
    token_after(footer, "{\"token\": \"")
}

async fn subscribe(app: &TestApp, email: &str, topics: Value) {
    let answer = app
        .client
        .post(
            "/api/v1/subscriptions",
            None,
            &json!({"email": email, "topics": topics}),
        )
        .await;
    assert_eq!(answer.status, 202, "{}", answer.text);
}

/// Subscribes `email` to new programs with the saved search `filters`, and
/// confirms it.
async fn subscribe_with(app: &TestApp, staff: &str, email: &str, filters: Value) {
    let answer = app
        .client
        .post(
            "/api/v1/subscriptions",
            None,
            &json!({"email": email, "topics": ["new_programs"], "filters": filters}),
        )
        .await;
    assert_eq!(answer.status, 202, "{}", answer.text);
    confirm_last(app, staff, email).await;
}

async fn confirmed(app: &TestApp, staff: &str, email: &str) {
    subscribe(app, email, json!(["new_programs"])).await;
    confirm_last(app, staff, email).await;
}

pub(crate) async fn confirm_last(app: &TestApp, staff: &str, email: &str) {
    let message = messages(app, staff, "subscription_confirmation", email)
        .await
        .pop()
        .unwrap();
    let answer = app
        .client
        .post(
            "/api/v1/subscriptions/confirm",
            None,
            &json!({"token": confirm_token(&message)}),
        )
        .await;
    assert_eq!(answer.status, 200, "{}", answer.text);
}

e2e! {
    async fn subscribers_confirm_with_the_token_from_their_message(app) {
        let staff = app.staff();
        subscribe(&app, "ada@example.org", json!(["new_programs", "deadlines"])).await;
        let sent = messages(&app, &staff, "subscription_confirmation", "ada@example.org").await;
        assert_eq!(sent.len(), 1);
        let token = confirm_token(&sent[0]);
        assert!(token.len() > 40);

        let confirmed = app.client.post("/api/v1/subscriptions/confirm", None, &json!({"token": token})).await;
        assert_eq!(confirmed.status, 200, "{}", confirmed.text);
        assert_eq!(confirmed.json, json!({"email": "ada@example.org", "status": "confirmed", "topics": ["new_programs", "deadlines"], "filters": {}, "locale": "en"}));

        let again = app.client.post("/api/v1/subscriptions/confirm", None, &json!({"token": token})).await;
        again.assert_problem(422, "validation_failed");
        assert_eq!(again.json["errors"][0]["field"], "token");
        app.client.post("/api/v1/subscriptions/confirm", None, &json!({"token": "made-up"})).await.assert_problem(422, "validation_failed");
    }

    async fn only_confirmed_subscribers_hear_of_new_programs_once(app) {
        let staff = app.staff();
        let provider_id = provider(&app, &staff, "Producers' Association", "association").await;
        confirmed(&app, &staff, "ada@example.org").await;
        subscribe(&app, "bob@example.org", json!(["new_programs"])).await;
        confirmed(&app, &staff, "cy@example.org").await;
        subscribe(&app, "cy@example.org", json!(["events"])).await;

        create_program(&app, &staff, &program(&provider_id, "Fresh Lab")).await;
        app.run_jobs().await;
        assert_eq!(messages(&app, &staff, "new_program", "ada@example.org").await.len(), 1);
        assert!(messages(&app, &staff, "new_program", "bob@example.org").await.is_empty(), "unconfirmed");
        assert_eq!(messages(&app, &staff, "new_program", "cy@example.org").await.len(), 1,
            "a change of topics waits for its own confirmation");

        let (_, partner) = app.user_with_role("partner@example.org", Role::Partner);
        create_program(&app, &partner, &program(&provider_id, "Partner Lab")).await;
        app.run_jobs().await;
        assert_eq!(messages(&app, &staff, "new_program", "ada@example.org").await.len(), 1, "pending is not announced");
        for _ in 0..2 {
            let published = app.client.post("/api/v1/programs/partner-lab/publish", Some(&staff), &json!({})).await;
            assert_eq!(published.status, 200);
            app.run_jobs().await;
        }
        let sent = messages(&app, &staff, "new_program", "ada@example.org").await;
        assert_eq!(sent.len(), 2, "published twice, announced once");
        assert!(sent[1]["subject"].as_str().unwrap().contains("Partner Lab"));
        assert!(sent[1]["body"].as_str().unwrap().contains("/api/v1/programs/partner-lab"));
    }

    async fn every_message_carries_a_working_unsubscribe_token(app) {
        let staff = app.staff();
        let provider_id = provider(&app, &staff, "Producers' Association", "association").await;
        confirmed(&app, &staff, "ada@example.org").await;
        create_program(&app, &staff, &program(&provider_id, "First")).await;
        app.run_jobs().await;
        let announcement = messages(&app, &staff, "new_program", "ada@example.org").await.pop().unwrap();
        let token = unsubscribe_token(&announcement);
        let left = app.client.post("/api/v1/subscriptions/unsubscribe", None, &json!({"token": token})).await;
        assert_eq!(left.status, 200, "{}", left.text);
        assert_eq!(left.json["status"], "unsubscribed");
        assert_eq!(left.json["topics"], json!([]));
        assert_eq!(app.client.post("/api/v1/subscriptions/unsubscribe", None, &json!({"token": token})).await.status, 200);

        create_program(&app, &staff, &program(&provider_id, "Second")).await;
        app.run_jobs().await;
        assert_eq!(messages(&app, &staff, "new_program", "ada@example.org").await.len(), 1);

        let confirmation = messages(&app, &staff, "subscription_confirmation", "ada@example.org").await.pop().unwrap();
        assert!(!unsubscribe_token(&confirmation).is_empty());
        app.client.post("/api/v1/subscriptions/unsubscribe", None, &json!({"token": "nope"})).await.assert_problem(422, "validation_failed");
    }

    async fn new_programs_reach_only_the_subscribers_whose_saved_search_matches(app) {
        let staff = app.staff();
        let provider_id = provider(&app, &staff, "Producers' Association", "association").await;
        confirmed(&app, &staff, "everything@example.org").await;
        subscribe_with(&app, &staff, "docs@example.org", json!({"q": "documentary", "delivery": ["virtual"]})).await;
        subscribe_with(&app, &staff, "inperson@example.org", json!({"delivery": ["in_person"]})).await;

        create_program(&app, &staff, &program(&provider_id, "Fresh Lab")).await;
        create_program(&app, &staff, &program(&provider_id, "Documentary Lab")).await;
        app.run_jobs().await;
        let subjects = |list: Vec<Value>| list.iter().map(|m| m["subject"].as_str().unwrap().to_owned()).collect::<Vec<_>>();
        assert_eq!(messages(&app, &staff, "new_program", "everything@example.org").await.len(), 2);
        assert_eq!(subjects(messages(&app, &staff, "new_program", "docs@example.org").await),
            ["New in the catalogue: Documentary Lab"]);
        assert!(messages(&app, &staff, "new_program", "inperson@example.org").await.is_empty());

        app.run_jobs().await;
        assert_eq!(messages(&app, &staff, "new_program", "everything@example.org").await.len(), 2, "a second round writes nothing");

        let wrong = app.client.post("/api/v1/subscriptions", None,
            &json!({"email": "x@example.org", "topics": ["new_programs"], "filters": {"format": ["gala"], "q": "!!"}})).await;
        wrong.assert_problem(422, "validation_failed");
        let fields: Vec<&str> = wrong.json["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
        assert_eq!(fields, ["filters.q", "filters.format[0]"]);
    }

    async fn publishing_answers_without_writing_a_message_per_subscriber(app) {
        let staff = app.staff();
        let provider_id = provider(&app, &staff, "Producers' Association", "association").await;
        confirmed(&app, &staff, "ada@example.org").await;
        create_program(&app, &staff, &program(&provider_id, "Fresh Lab")).await;
        assert!(messages(&app, &staff, "new_program", "ada@example.org").await.is_empty(),
            "the request records the news; the worker writes the messages");
        app.run_jobs().await;
        assert_eq!(messages(&app, &staff, "new_program", "ada@example.org").await.len(), 1);
    }

    async fn subscribing_answers_alike_whoever_is_subscribed(app) {
        let staff = app.staff();
        confirmed(&app, &staff, "ada@example.org").await;
        let known = app.client.post("/api/v1/subscriptions", None, &json!({"email": "ada@example.org", "topics": ["events"]})).await;
        let unknown = app.client.post("/api/v1/subscriptions", None, &json!({"email": "new@example.org", "topics": ["events"]})).await;
        assert_eq!((known.status, unknown.status), (202, 202));
        assert_eq!(known.json, unknown.json);

        let bad = app.client.post("/api/v1/subscriptions", None, &json!({"email": "nope", "topics": ["gossip"]})).await;
        bad.assert_problem(422, "validation_failed");
        let fields: Vec<&str> = bad.json["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
        assert_eq!(fields, ["email", "topics[0]"]);
        app.client.post("/api/v1/subscriptions", None, &json!({"email": "a@example.org", "topics": []})).await.assert_problem(422, "validation_failed");
    }
}

/// The subscription request for `email` in `locale` as the store records
/// it at `at`.
fn request_at(
    app: &TestApp,
    email: &str,
    topics: &[SubscriptionTopic],
    locale: Locale,
    at: chrono::DateTime<chrono::Utc>,
) -> Requested {
    let digest = greenlight_api::auth::personal_token::digest(&format!("token-{at}"));
    subscriptions::request(
        &mut app.pool.get().unwrap(),
        email,
        topics,
        locale,
        &digest,
        at,
    )
    .unwrap()
}

e2e! {
    async fn an_address_is_sent_at_most_one_confirmation_an_hour(app) {
        let staff = app.staff();
        for _ in 0..5 {
            subscribe(&app, "ada@example.org", json!(["events"])).await;
        }
        let sent = messages(&app, &staff, "subscription_confirmation", "ada@example.org").await;
        assert_eq!(sent.len(), 1, "five requests, one message");
        let token = confirm_token(&sent[0]);

        let now = greenlight_store::ids::now();
        assert_eq!(
            request_at(&app, "ada@example.org", &[SubscriptionTopic::Deadlines], Locale::En, now + Duration::minutes(59)),
            Requested::ConfirmationRecentlySent
        );
        let confirmed = app.client.post("/api/v1/subscriptions/confirm", None, &json!({"token": token})).await;
        assert_eq!(confirmed.json["topics"], json!(["events"]), "a request within the hour changed nothing");
        assert!(matches!(
            request_at(&app, "ada@example.org", &[SubscriptionTopic::Deadlines], Locale::En, now + Duration::minutes(61)),
            Requested::ConfirmationDue(_)
        ));
    }

    async fn resubscribing_never_downgrades_a_confirmed_address(app) {
        let staff = app.staff();
        let provider_id = provider(&app, &staff, "Producers' Association", "association").await;
        confirmed(&app, &staff, "ada@example.org").await;

        let later = greenlight_store::ids::now() + Duration::hours(2);
        let Requested::ConfirmationDue(subscription) =
            request_at(&app, "ada@example.org", &[SubscriptionTopic::Events], Locale::Fr, later)
        else {
            panic!("a confirmation is due two hours later");
        };
        assert_eq!(subscription.status, "confirmed");
        assert_eq!(subscription.topics, [SubscriptionTopic::NewPrograms]);
        assert_eq!(subscription.locale, Locale::En, "the language waits for the confirmation too");
        // A stranger's request through the API changes nothing either.
        subscribe(&app, "ada@example.org", json!(["deadlines"])).await;

        create_program(&app, &staff, &program(&provider_id, "Still Announced")).await;
        app.run_jobs().await;
        assert_eq!(messages(&app, &staff, "new_program", "ada@example.org").await.len(), 1);
    }

    async fn unconfirmed_requests_and_unused_tokens_expire_and_are_pruned(app) {
        let staff = app.staff();
        confirmed(&app, &staff, "ada@example.org").await;
        subscribe(&app, "bob@example.org", json!(["events"])).await;
        let bob_message = messages(&app, &staff, "subscription_confirmation", "bob@example.org").await.pop().unwrap();
        let bob_token = confirm_token(&bob_message);
        let digest = greenlight_api::auth::personal_token::digest(&bob_token);
        let now = greenlight_store::ids::now();
        let mut conn = app.pool.get().unwrap();

        assert!(
            matches!(subscriptions::confirm(&mut conn, &digest, now + Duration::days(8)), Err(StoreError::NotFound)),
            "expired before it is pruned"
        );
        assert_eq!(subscriptions::prune_expired(&mut conn, now + Duration::days(6)).unwrap(), Pruned::default());
        let pruned = subscriptions::prune_expired(&mut conn, now + Duration::days(8)).unwrap();
        assert_eq!(pruned.subscriptions, 1, "bob never confirmed");
        assert_eq!(pruned.tokens, 2, "both confirmation tokens");
        drop(conn);
        app.client
            .post("/api/v1/subscriptions/confirm", None, &json!({"token": bob_token}))
            .await
            .assert_problem(422, "validation_failed");

        // Ada stays confirmed; her unsubscribe link works for a year, then is pruned.
        let ada_message = messages(&app, &staff, "subscription_confirmation", "ada@example.org").await.pop().unwrap();
        let unsubscribe = greenlight_api::auth::personal_token::digest(&unsubscribe_token(&ada_message));
        let mut conn = app.pool.get().unwrap();
        let pruned = subscriptions::prune_expired(&mut conn, now + Duration::days(366)).unwrap();
        assert_eq!(pruned, Pruned { subscriptions: 0, tokens: 1 });
        assert!(matches!(subscriptions::unsubscribe(&mut conn, &unsubscribe, now), Err(StoreError::NotFound)));
        assert_eq!(subscriptions::confirmed_with_filters(&mut conn, SubscriptionTopic::NewPrograms).unwrap().len(), 1);
    }
}
