use crate::support::*;
use futures_util::future::join_all;
use greenlight_domain::{ApplicationStatus, DateRange, Engagement, Role};
use greenlight_store::applications::{self, Actor, NewApplication, Placement};
use greenlight_tests::{TestApp, e2e};
use serde_json::json;

/// A submitted application in a cycle whose window has passed, arranged in
/// the store (the API only submits while a cycle is open).
fn submitted_in_the_past(app: &TestApp, cycle: &str, company: &str, mentee: &str) -> String {
    let mut conn = app.pool.get().unwrap();
    let actor = Actor {
        user_id: mentee,
        role: Role::Individual,
    };
    let day = |raw: &str| raw.parse().unwrap();
    let created = applications::create(
        &mut conn,
        &NewApplication {
            cycle_id: cycle.to_owned(),
            mentee_id: mentee.to_owned(),
            company_id: company.to_owned(),
            placement: Placement {
                dates: DateRange::new(day("2020-06-01"), day("2020-09-30")).unwrap(),
                engagement: Engagement::Contract,
                deductions_at_source: false,
                hours_per_week: 30,
            },
            statement: "Past".to_owned(),
        },
        actor,
    )
    .unwrap();
    applications::transition(
        &mut conn,
        &created.id,
        ApplicationStatus::Draft,
        ApplicationStatus::Submitted,
        actor,
        None,
    )
    .unwrap();
    created.id
}

fn ids(answer: &greenlight_tests::client::Answer) -> Vec<String> {
    assert_eq!(answer.status, 200, "{}", answer.text);
    answer.json["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap().to_owned())
        .collect()
}

e2e! {
    async fn staff_decide_and_the_history_keeps_actor_and_note(app) {
        let w = world(&app).await;
        let id = submitted(&app, &w.mentee, &w.rep, &w.cycle, &w.company).await;
        let waitlisted = app.client.post(&format!("/api/v1/applications/{id}/decision"), Some(&w.staff), &json!({"outcome": "waitlisted", "note": "Strong, but the cycle is tight"})).await;
        assert_eq!(waitlisted.status, 200, "{}", waitlisted.text);
        assert_eq!(waitlisted.json["status"], "waitlisted");
        assert_eq!(waitlisted.json["decision_note"], "Strong, but the cycle is tight");
        let selected = decide(&app, &w.staff, &id, "selected").await;
        assert_eq!(selected.status, 200, "{}", selected.text);
        assert_eq!(selected.json["status"], "selected");
        decide(&app, &w.staff, &id, "declined").await.assert_problem(409, "conflict");
        app.client.post(&format!("/api/v1/applications/{id}/withdraw"), Some(&w.mentee), &json!({})).await.assert_problem(409, "conflict");

        let history = app.client.get(&format!("/api/v1/applications/{id}/history"), Some(&w.rep)).await;
        let items = history.json["items"].as_array().unwrap();
        let steps: Vec<(serde_json::Value, serde_json::Value)> = items.iter().map(|i| (i["from"].clone(), i["to"].clone())).collect();
        assert_eq!(steps, vec![
            (json!(null), json!("draft")),
            (json!("draft"), json!("submitted")),
            (json!("submitted"), json!("waitlisted")),
            (json!("waitlisted"), json!("selected")),
        ]);
        assert_eq!(items[2]["note"], "Strong, but the cycle is tight");
        assert_eq!(items[2]["actor_role"], "staff");
        assert_eq!(items[1]["actor_role"], "individual");
    }

    async fn only_submitted_or_waitlisted_applications_are_decided(app) {
        let w = world(&app).await;
        let id = draft(&app, &w.mentee, &w.cycle, &w.company).await;
        decide(&app, &w.staff, &id, "selected").await.assert_problem(409, "conflict");
        let bad = app.client.post(&format!("/api/v1/applications/{id}/decision"), Some(&w.staff), &json!({"outcome": "maybe"})).await;
        bad.assert_problem(422, "validation_failed");
        assert_eq!(bad.json["errors"][0]["field"], "outcome");
    }

    async fn a_full_cycle_refuses_another_selection(app) {
        let w = world(&app).await;
        let small = cycle(&app, &w.staff, &w.program, json!({"max_placements": 1})).await;
        let first = submitted(&app, &w.mentee, &w.rep, &small, &w.company).await;
        let (_, other) = mentee(&app, "other@example.org", eligible_profile()).await;
        let second = submitted(&app, &other, &w.rep, &small, &w.company).await;
        assert_eq!(decide(&app, &w.staff, &first, "selected").await.status, 200);
        decide(&app, &w.staff, &second, "selected").await.assert_problem(409, "conflict");
        assert_eq!(decide(&app, &w.staff, &second, "waitlisted").await.status, 200, "a full cycle still waitlists");
    }

    async fn selection_refuses_a_second_overlapping_placement(app) {
        let w = world(&app).await;
        let other_cycle = cycle(&app, &w.staff, &w.program, json!({"name": "Other", "grant_cents": 0})).await;
        let first = submitted(&app, &w.mentee, &w.rep, &w.cycle, &w.company).await;
        let second = submitted_on(&app, &w.mentee, &w.rep, &other_cycle, &w.company, "2030-09-01", "2030-12-31").await;
        assert_eq!(decide(&app, &w.staff, &first, "selected").await.status, 200);
        let refused = decide(&app, &w.staff, &second, "selected").await;
        refused.assert_problem(422, "ineligible");
        assert_eq!(failed_rules(&refused), vec!["one_program_at_a_time"]);
        let status = app.client.get(&format!("/api/v1/applications/{second}"), Some(&w.mentee)).await;
        assert_eq!(status.json["status"], "submitted");
    }

    async fn selection_refuses_a_second_grant_in_the_same_fiscal_year(app) {
        let w = world(&app).await;
        let same_year = cycle(&app, &w.staff, &w.program, json!({"name": "Autumn"})).await;
        let next_year = cycle(&app, &w.staff, &w.program, json!({"name": "Next year"})).await;
        let first = submitted(&app, &w.mentee, &w.rep, &w.cycle, &w.company).await;
        // After the first placement ends, but before the next 1 April.
        let second = submitted_on(&app, &w.mentee, &w.rep, &same_year, &w.company, "2031-01-06", "2031-03-31").await;
        let third = submitted_on(&app, &w.mentee, &w.rep, &next_year, &w.company, "2031-04-01", "2031-06-30").await;
        assert_eq!(decide(&app, &w.staff, &first, "selected").await.status, 200);
        let refused = decide(&app, &w.staff, &second, "selected").await;
        refused.assert_problem(422, "ineligible");
        assert_eq!(failed_rules(&refused), vec!["one_grant_per_fiscal_year"]);
        assert_eq!(decide(&app, &w.staff, &third, "selected").await.status, 200, "1 April starts a new fiscal year");
    }

    async fn a_placement_without_a_grant_does_not_count_as_one(app) {
        let w = world(&app).await;
        let unfunded = cycle(&app, &w.staff, &w.program, json!({"name": "Unfunded", "grant_cents": 0})).await;
        let first = submitted(&app, &w.mentee, &w.rep, &w.cycle, &w.company).await;
        let second = submitted_on(&app, &w.mentee, &w.rep, &unfunded, &w.company, "2031-01-06", "2031-03-31").await;
        assert_eq!(decide(&app, &w.staff, &first, "selected").await.status, 200);
        assert_eq!(decide(&app, &w.staff, &second, "selected").await.status, 200);
    }

    async fn a_membership_that_lapsed_after_submission_blocks_selection(app) {
        let w = world(&app).await;
        let id = submitted(&app, &w.mentee, &w.rep, &w.cycle, &w.company).await;
        let lapsed = app.client.patch(&format!("/api/v1/companies/{}", w.company), Some(&w.staff), &json!({"membership_expires_on": "2020-01-01"})).await;
        assert_eq!(lapsed.status, 200, "{}", lapsed.text);
        let refused = decide(&app, &w.staff, &id, "selected").await;
        refused.assert_problem(422, "ineligible");
        assert_eq!(failed_rules(&refused), vec!["mentor_membership"]);
        assert_eq!(decide(&app, &w.staff, &id, "declined").await.status, 200, "declining re-checks nothing");
    }

    async fn parallel_selections_never_overfill_a_cycle(app) {
        let w = world(&app).await;
        let mut submitted_ids = Vec::new();
        for n in 0..8 {
            let (_, mentee_token) = mentee(&app, &format!("m{n}@example.org"), eligible_profile()).await;
            submitted_ids.push(submitted(&app, &mentee_token, &w.rep, &w.cycle, &w.company).await);
        }
        app.warm_pool();
        let answers = join_all(submitted_ids.iter().map(|id| decide(&app, &w.staff, id, "selected"))).await;
        let statuses: Vec<u16> = answers.iter().map(|a| a.status).collect();
        assert_eq!(statuses.iter().filter(|s| **s == 200).count(), 3, "{statuses:?}");
        assert_eq!(statuses.iter().filter(|s| **s == 409).count(), 5, "{statuses:?}");
        let selected = app.client.get(&format!("/api/v1/applications?cycle_id={}&status=selected", w.cycle), Some(&w.staff)).await;
        assert_eq!(ids(&selected).len(), 3);
    }

    async fn parallel_selections_of_one_mentee_grant_once_per_fiscal_year(app) {
        let w = world(&app).await;
        let autumn = cycle(&app, &w.staff, &w.program, json!({"name": "Autumn"})).await;
        let spring = submitted(&app, &w.mentee, &w.rep, &w.cycle, &w.company).await;
        let winter = submitted_on(&app, &w.mentee, &w.rep, &autumn, &w.company, "2031-01-06", "2031-03-31").await;
        app.warm_pool();
        let answers = join_all([
            decide(&app, &w.staff, &spring, "selected"),
            decide(&app, &w.staff, &winter, "selected"),
        ]).await;
        let mut statuses: Vec<u16> = answers.iter().map(|a| a.status).collect();
        statuses.sort();
        assert_eq!(statuses, vec![200, 422], "{answers:?}");
        let refused = answers.iter().find(|a| a.status == 422).unwrap();
        assert_eq!(failed_rules(refused), vec!["one_grant_per_fiscal_year"]);
    }

    async fn releasing_decisions_queues_one_message_per_party_once(app) {
        let w = world(&app).await;
        let second_rep = representative(&app, &w.staff, &w.company, "rep2@northern.example").await;
        let (_, other) = mentee(&app, "other@example.org", eligible_profile()).await;
        let (_, third) = mentee(&app, "third@example.org", eligible_profile()).await;
        let selected = submitted(&app, &w.mentee, &w.rep, &w.cycle, &w.company).await;
        let declined = submitted(&app, &other, &second_rep, &w.cycle, &w.company).await;
        submitted(&app, &third, &w.rep, &w.cycle, &w.company).await;
        decide(&app, &w.staff, &selected, "selected").await.assert_status(200);
        decide(&app, &w.staff, &declined, "declined").await.assert_status(200);

        let released = app.client.post(&format!("/api/v1/cycles/{}/release-decisions", w.cycle), Some(&w.staff), &json!({})).await;
        assert_eq!(released.status, 200, "{}", released.text);
        assert_eq!(released.json["queued"], 6, "two applications, each to the mentee and two representatives");
        assert_eq!(released.json["released"], 2);
        let again = app.client.post(&format!("/api/v1/cycles/{}/release-decisions", w.cycle), Some(&w.staff), &json!({})).await;
        assert_eq!(again.json["queued"], 0);

        let outbox = app.client.get("/api/v1/outbox?kind=decision_selected", Some(&w.staff)).await;
        let recipients: Vec<&str> = outbox.json["items"].as_array().unwrap().iter().map(|m| m["to"].as_str().unwrap()).collect();
        assert_eq!(recipients.len(), 3);
        assert!(recipients.contains(&"mentee@example.org"), "{recipients:?}");
        assert!(recipients.contains(&"rep@northern.example"));
        assert!(recipients.contains(&"rep2@northern.example"));
        let declined_messages = app.client.get("/api/v1/outbox?kind=decision_declined&to=other@example.org", Some(&w.staff)).await;
        assert_eq!(declined_messages.json["items"].as_array().unwrap().len(), 1);
        assert!(declined_messages.json["items"][0]["subject"].as_str().unwrap().contains("declined"));
        let read = app.client.get(&format!("/api/v1/applications/{selected}"), Some(&w.mentee)).await;
        assert!(read.json["released_at"].is_string());

        app.client.post(&format!("/api/v1/cycles/{}/release-decisions", w.cycle), Some(&w.rep), &json!({})).await.assert_problem(403, "forbidden");
        app.client.post(&format!("/api/v1/cycles/{}/release-decisions", w.cycle), None, &json!({})).await.assert_problem(401, "unauthorized");
        app.client.post("/api/v1/cycles/nope/release-decisions", Some(&w.staff), &json!({})).await.assert_problem(404, "not_found");
    }

    async fn staff_see_cycles_late_on_their_notification_dates(app) {
        let w = world(&app).await;
        let past = json!({"name": "Past", "opens_at": "2020-01-01T00:00:00Z", "closes_at": "2020-01-31T00:00:00Z"});
        let late = cycle(&app, &w.staff, &w.program, past.clone()).await;
        cycle(&app, &w.staff, &w.program, past).await;
        let application = submitted_in_the_past(&app, &late, &w.company, &w.mentee_id);
        assert_eq!(ids(&app.client.get("/api/v1/cycles?late=true", Some(&w.staff)).await), vec![late.clone()]);

        decide(&app, &w.staff, &application, "selected").await.assert_status(200);
        assert_eq!(ids(&app.client.get("/api/v1/cycles?late=true", Some(&w.staff)).await), vec![late.clone()], "selected but not told");
        app.client.post(&format!("/api/v1/cycles/{late}/release-decisions"), Some(&w.staff), &json!({})).await.assert_status(200);
        assert!(ids(&app.client.get("/api/v1/cycles?late=true", Some(&w.staff)).await).is_empty());

        app.client.get("/api/v1/cycles?late=true", Some(&w.mentee)).await.assert_problem(403, "forbidden");
        app.client.get("/api/v1/cycles?late=true", None).await.assert_problem(403, "forbidden");
    }
}
