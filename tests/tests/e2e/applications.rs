use crate::support::*;
use greenlight_domain::Role;
use greenlight_tests::e2e;
use serde_json::json;

e2e! {
    async fn a_joint_application_goes_from_draft_to_submitted(app) {
        let w = world(&app).await;
        let created = app.client.post("/api/v1/applications", Some(&w.mentee), &application_body(&w.cycle, &w.company, STARTS_ON, ENDS_ON)).await;
        assert_eq!(created.status, 201, "{}", created.text);
        assert_eq!(created.json["status"], "draft");
        assert_eq!(created.json["mentee_id"], w.mentee_id.as_str());
        assert_eq!(created.json["endorsed_at"], json!(null));
        let id = created.json["id"].as_str().unwrap().to_owned();
        assert_eq!(created.header("location"), Some(format!("/api/v1/applications/{id}").as_str()));

        let endorsed = endorse(&app, &w.rep, &id, 750_000).await;
        assert_eq!(endorsed.status, 200, "{}", endorsed.text);
        assert!(endorsed.json["endorsed_at"].is_string());
        assert_eq!(endorsed.json["contribution_cents"], 750_000);
        assert_eq!(endorsed.json["acknowledges_tax_slip"], true);

        let evaluation = app.client.get(&format!("/api/v1/applications/{id}/eligibility"), Some(&w.mentee)).await;
        assert_eq!(evaluation.status, 200, "{}", evaluation.text);
        assert_eq!(evaluation.json["eligible"], true, "{}", evaluation.text);
        assert_eq!(evaluation.json["checks"].as_array().unwrap().len(), 14);

        let sent = submit(&app, &w.mentee, &id).await;
        assert_eq!(sent.status, 200, "{}", sent.text);
        assert_eq!(sent.json["status"], "submitted");
        assert!(sent.json["submitted_at"].is_string());

        app.client.patch(&format!("/api/v1/applications/{id}"), Some(&w.mentee), &json!({"statement": "Late edit"})).await.assert_problem(409, "conflict");
        endorse(&app, &w.rep, &id, 750_000).await.assert_problem(409, "conflict");
        submit(&app, &w.mentee, &id).await.assert_problem(409, "conflict");

        let history = app.client.get(&format!("/api/v1/applications/{id}/history"), Some(&w.mentee)).await;
        assert_eq!(history.status, 200, "{}", history.text);
        let items = history.json["items"].as_array().unwrap();
        assert_eq!(items.len(), 2);
        assert_eq!(items[0]["from"], json!(null));
        assert_eq!(items[0]["to"], "draft");
        assert_eq!(items[0]["actor"], w.mentee_id.as_str());
        assert_eq!(items[1]["from"], "draft");
        assert_eq!(items[1]["to"], "submitted");
    }

    async fn nobody_applies_unmatched(app) {
        let w = world(&app).await;
        let id = draft(&app, &w.mentee, &w.cycle, &w.company).await;
        let refused = submit(&app, &w.mentee, &id).await;
        refused.assert_problem(422, "ineligible");
        assert_eq!(refused.json["checks"].as_array().unwrap().len(), 14);
        assert_eq!(failed_rules(&refused), vec!["mentor_endorsement", "mentor_contribution"]);
        let still = app.client.get(&format!("/api/v1/applications/{id}"), Some(&w.mentee)).await;
        assert_eq!(still.json["status"], "draft");
    }

    async fn the_company_contribution_must_reach_the_minimum(app) {
        let w = world(&app).await;
        let id = draft(&app, &w.mentee, &w.cycle, &w.company).await;
        assert_eq!(endorse(&app, &w.rep, &id, 499_999).await.status, 200);
        let refused = submit(&app, &w.mentee, &id).await;
        refused.assert_problem(422, "ineligible");
        assert_eq!(failed_rules(&refused), vec!["mentor_contribution"]);
        assert_eq!(endorse(&app, &w.rep, &id, 500_000).await.status, 200);
        assert_eq!(submit(&app, &w.mentee, &id).await.status, 200);
    }

    async fn mentors_must_be_members_in_good_standing(app) {
        let w = world(&app).await;
        let lapsed = company(&app, &w.staff, "Lapsed Films", "2099-12-31").await;
        let rep = representative(&app, &w.staff, &lapsed, "rep@lapsed.example").await;
        let id = draft(&app, &w.mentee, &w.cycle, &lapsed).await;
        assert_eq!(endorse(&app, &rep, &id, 500_000).await.status, 200);
        // The membership lapses between endorsement and submission.
        let lapses = app
            .client
            .patch(&format!("/api/v1/companies/{lapsed}"), Some(&w.staff), &json!({"membership_expires_on": "2020-01-01"}))
            .await;
        assert_eq!(lapses.status, 200, "{}", lapses.text);
        let refused = submit(&app, &w.mentee, &id).await;
        refused.assert_problem(422, "ineligible");
        assert_eq!(failed_rules(&refused), vec!["mentor_membership"]);
    }

    async fn endorsing_requires_acknowledging_the_tax_slip(app) {
        let w = world(&app).await;
        let id = draft(&app, &w.mentee, &w.cycle, &w.company).await;
        let refused = app.client.post(&format!("/api/v1/applications/{id}/endorse"), Some(&w.rep), &json!({
            "mentor_name": "Grace", "contribution_cents": 500_000, "acknowledges_tax_slip": false
        })).await;
        refused.assert_problem(422, "validation_failed");
        assert_eq!(refused.json["errors"][0]["field"], "acknowledges_tax_slip");
        let negative = app.client.post(&format!("/api/v1/applications/{id}/endorse"), Some(&w.rep), &json!({
            "mentor_name": "Grace", "contribution_cents": -5, "acknowledges_tax_slip": true
        })).await;
        negative.assert_problem(422, "validation_failed");
        assert_eq!(negative.json["errors"][0]["field"], "contribution_cents");
    }

    async fn editing_a_draft_clears_the_endorsement(app) {
        let w = world(&app).await;
        let id = draft(&app, &w.mentee, &w.cycle, &w.company).await;
        endorse(&app, &w.rep, &id, 500_000).await.assert_status(200);
        let edited = app.client.patch(&format!("/api/v1/applications/{id}"), Some(&w.mentee), &json!({
            "placement": {"starts_on": "2030-05-01", "ends_on": "2030-10-31", "engagement": "contract", "deductions_at_source": false, "hours_per_week": 20}
        })).await;
        assert_eq!(edited.status, 200, "{}", edited.text);
        assert_eq!(edited.json["placement"]["engagement"], "contract");
        assert_eq!(edited.json["endorsed_at"], json!(null));
        assert_eq!(edited.json["statement"], "I want to learn documentary development.");
        let bad = app.client.patch(&format!("/api/v1/applications/{id}"), Some(&w.mentee), &json!({
            "placement": {"starts_on": "2030-05-01", "ends_on": "2030-04-30", "engagement": "contract", "deductions_at_source": false, "hours_per_week": 0}
        })).await;
        bad.assert_problem(422, "validation_failed");
        let fields: Vec<&str> = bad.json["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
        assert_eq!(fields, vec!["placement.hours_per_week", "placement.ends_on"]);
    }

    async fn bad_new_applications_name_the_field(app) {
        let w = world(&app).await;
        let unknown = app.client.post("/api/v1/applications", Some(&w.mentee), &application_body("nope", "nada", STARTS_ON, ENDS_ON)).await;
        unknown.assert_problem(422, "validation_failed");
        let fields: Vec<&str> = unknown.json["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
        assert_eq!(fields, vec!["cycle_id", "company_id"]);
        let mut body = application_body(&w.cycle, &w.company, STARTS_ON, ENDS_ON);
        body["placement"]["engagement"] = json!("volunteer");
        let engagement = app.client.post("/api/v1/applications", Some(&w.mentee), &body).await;
        engagement.assert_problem(422, "validation_failed");
        assert_eq!(engagement.json["errors"][0]["field"], "placement.engagement");
        app.client.post("/api/v1/applications", Some(&w.rep), &application_body(&w.cycle, &w.company, STARTS_ON, ENDS_ON)).await.assert_problem(403, "forbidden");
        app.client.post("/api/v1/applications", Some(&w.staff), &application_body(&w.cycle, &w.company, STARTS_ON, ENDS_ON)).await.assert_problem(403, "forbidden");
    }

    async fn one_application_per_cycle_counts_neither_drafts_nor_withdrawn(app) {
        let w = world(&app).await;
        let first = submitted(&app, &w.mentee, &w.rep, &w.cycle, &w.company).await;
        let second = draft(&app, &w.mentee, &w.cycle, &w.company).await;
        endorse(&app, &w.rep, &second, 500_000).await.assert_status(200);
        let refused = submit(&app, &w.mentee, &second).await;
        refused.assert_problem(422, "ineligible");
        assert_eq!(failed_rules(&refused), vec!["one_application_per_cycle"]);
        let withdrawn = app.client.post(&format!("/api/v1/applications/{first}/withdraw"), Some(&w.mentee), &json!({})).await;
        assert_eq!(withdrawn.status, 200, "{}", withdrawn.text);
        assert_eq!(withdrawn.json["status"], "withdrawn");
        app.client.post(&format!("/api/v1/applications/{first}/withdraw"), Some(&w.mentee), &json!({})).await.assert_problem(409, "conflict");
        assert_eq!(submit(&app, &w.mentee, &second).await.status, 200);
    }

    async fn concurrent_submissions_by_one_mentee_submit_one_application_per_cycle(app) {
        // Several mentees, each firing all their endorsed drafts at once, so
        // that some of each mentee's submissions overlap in the database.
        let w = world(&app).await;
        let mut drafts = Vec::new();
        for n in 0..4 {
            let (_, mentee) = mentee(&app, &format!("racer{n}@example.org"), eligible_profile()).await;
            for _ in 0..8 {
                let id = draft(&app, &mentee, &w.cycle, &w.company).await;
                endorse(&app, &w.rep, &id, 500_000).await.assert_status(200);
                drafts.push((n, mentee.clone(), id));
            }
        }
        app.warm_pool();
        let answers = futures::future::join_all(drafts.iter().map(|(_, mentee, id)| submit(&app, mentee, id))).await;
        let mut submitted = [0; 4];
        for ((n, _, _), answer) in drafts.iter().zip(&answers) {
            match answer.status {
                200 => submitted[*n] += 1,
                _ => {
                    answer.assert_problem(422, "ineligible");
                    assert_eq!(failed_rules(answer), vec!["one_application_per_cycle"]);
                }
            }
        }
        assert_eq!(submitted, [1; 4], "each mentee's guard row serializes their submissions");
    }

    async fn a_draft_can_be_withdrawn(app) {
        let w = world(&app).await;
        let id = draft(&app, &w.mentee, &w.cycle, &w.company).await;
        let withdrawn = app.client.post(&format!("/api/v1/applications/{id}/withdraw"), Some(&w.mentee), &json!({})).await;
        assert_eq!(withdrawn.json["status"], "withdrawn");
        let history = app.client.get(&format!("/api/v1/applications/{id}/history"), Some(&w.rep)).await;
        assert_eq!(history.json["items"][1]["from"], "draft");
        assert_eq!(history.json["items"][1]["to"], "withdrawn");
    }

    async fn each_role_lists_the_applications_it_is_party_to(app) {
        let w = world(&app).await;
        let other_company = company(&app, &w.staff, "Other Films", "2099-01-01").await;
        let other_rep = representative(&app, &w.staff, &other_company, "rep@other.example").await;
        let (_, other_mentee) = mentee(&app, "other@example.org", eligible_profile()).await;
        let mine = draft(&app, &w.mentee, &w.cycle, &w.company).await;
        let theirs = draft(&app, &other_mentee, &w.cycle, &other_company).await;
        let ids = |answer: greenlight_tests::client::Answer| -> Vec<String> {
            assert_eq!(answer.status, 200, "{}", answer.text);
            answer.json["items"].as_array().unwrap().iter().map(|a| a["id"].as_str().unwrap().to_owned()).collect()
        };
        assert_eq!(ids(app.client.get("/api/v1/applications", Some(&w.mentee)).await), vec![mine.clone()]);
        assert_eq!(ids(app.client.get("/api/v1/applications", Some(&w.rep)).await), vec![mine.clone()]);
        assert_eq!(ids(app.client.get("/api/v1/applications", Some(&other_rep)).await), vec![theirs.clone()]);
        assert_eq!(ids(app.client.get("/api/v1/applications", Some(&w.staff)).await), vec![mine.clone(), theirs.clone()]);
        endorse(&app, &w.rep, &mine, 500_000).await.assert_status(200);
        submit(&app, &w.mentee, &mine).await.assert_status(200);
        assert_eq!(ids(app.client.get("/api/v1/applications?status=submitted", Some(&w.staff)).await), vec![mine.clone()]);
        assert_eq!(ids(app.client.get(&format!("/api/v1/applications?cycle_id={}&limit=1", w.cycle), Some(&w.staff)).await), vec![mine]);
        let (_, partner) = app.user_with_role("partner@example.org", Role::Partner);
        assert!(ids(app.client.get("/api/v1/applications", Some(&partner)).await).is_empty());
        app.client.get("/api/v1/applications", None).await.assert_problem(401, "unauthorized");
    }

    async fn outsiders_get_404_and_parties_403_for_what_is_not_theirs_to_do(app) {
        let w = world(&app).await;
        let id = draft(&app, &w.mentee, &w.cycle, &w.company).await;
        let (_, other_individual) = mentee(&app, "other@example.org", eligible_profile()).await;
        let other_company = company(&app, &w.staff, "Other Films", "2099-01-01").await;
        let other_member = representative(&app, &w.staff, &other_company, "rep@other.example").await;
        let (_, partner) = app.user_with_role("partner@example.org", Role::Partner);
        let endorsement = json!({"mentor_name": "G", "contribution_cents": 500_000, "acknowledges_tax_slip": true});
        let patch = json!({"statement": "x"});
        let decision = json!({"outcome": "declined"});
        let base = format!("/api/v1/applications/{id}");

        // Anonymous: 401 everywhere.
        for path in [base.clone(), format!("{base}/eligibility"), format!("{base}/history")] {
            app.client.get(&path, None).await.assert_problem(401, "unauthorized");
        }
        app.client.patch(&base, None, &patch).await.assert_problem(401, "unauthorized");
        for action in ["endorse", "submit", "withdraw", "decision"] {
            app.client.post(&format!("{base}/{action}"), None, &endorsement).await.assert_problem(401, "unauthorized");
        }
        // Not a party: 404 everywhere, as if it did not exist.
        for outsider in [&other_individual, &other_member, &partner] {
            for path in [base.clone(), format!("{base}/eligibility"), format!("{base}/history")] {
                app.client.get(&path, Some(outsider)).await.assert_problem(404, "not_found");
            }
            app.client.patch(&base, Some(outsider), &patch).await.assert_problem(404, "not_found");
            app.client.post(&format!("{base}/endorse"), Some(outsider), &endorsement).await.assert_problem(404, "not_found");
            app.client.post(&format!("{base}/submit"), Some(outsider), &json!({})).await.assert_problem(404, "not_found");
            app.client.post(&format!("{base}/withdraw"), Some(outsider), &json!({})).await.assert_problem(404, "not_found");
            app.client.post(&format!("{base}/decision"), Some(outsider), &decision).await.assert_problem(404, "not_found");
        }
        // Parties read; each acts only in its own part.
        for party in [&w.mentee, &w.rep, &w.staff] {
            for path in [base.clone(), format!("{base}/eligibility"), format!("{base}/history")] {
                let answer = app.client.get(&path, Some(party)).await;
                assert_eq!(answer.status, 200, "{path}: {}", answer.text);
            }
        }
        for not_mentee in [&w.rep, &w.staff] {
            app.client.patch(&base, Some(not_mentee), &patch).await.assert_problem(403, "forbidden");
            app.client.post(&format!("{base}/submit"), Some(not_mentee), &json!({})).await.assert_problem(403, "forbidden");
            app.client.post(&format!("{base}/withdraw"), Some(not_mentee), &json!({})).await.assert_problem(403, "forbidden");
        }
        for not_company in [&w.mentee, &w.staff] {
            app.client.post(&format!("{base}/endorse"), Some(not_company), &endorsement).await.assert_problem(403, "forbidden");
        }
        for not_staff in [&w.mentee, &w.rep] {
            app.client.post(&format!("{base}/decision"), Some(not_staff), &decision).await.assert_problem(403, "forbidden");
        }
        app.client.get("/api/v1/applications/nope", Some(&w.staff)).await.assert_problem(404, "not_found");
    }
}
