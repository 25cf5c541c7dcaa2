//! Issue 7: what a careful outsider must not see or slip through, on both
//! backends. Each scenario failed on the main branch it was written against.

use greenlight_tests::e2e;
use serde_json::json;

use crate::support::{self, world};

e2e! {
    async fn nul_in_a_text_field_is_refused_naming_the_field(app) {
        let w = world(&app).await;
        // PostgreSQL cannot store NUL: this answered 500 there.
        let answer = app
            .client
            .post("/api/v1/companies", Some(&w.staff), &json!({"name": "North\u{0}ern", "province": "BC", "membership_expires_on": "2099-12-31"}))
            .await;
        answer.assert_problem(422, "validation_failed");
        assert_eq!(answer.json["errors"][0]["field"], "name", "{}", answer.text);

        // A field no handler checks as text is still covered, by its path.
        let mut body = support::application_body(&w.cycle, &w.company, support::STARTS_ON, support::ENDS_ON);
        body["placement"]["engagement"] = json!("employee\u{0}");
        let answer = app.client.post("/api/v1/applications", Some(&w.mentee), &body).await;
        answer.assert_problem(422, "validation_failed");
        assert_eq!(answer.json["errors"][0]["field"], "placement.engagement", "{}", answer.text);

        let answer = app.client.get("/api/v1/applications?cycle_id=a%00b", Some(&w.mentee)).await;
        answer.assert_problem(400, "bad_request");
        let answer = app.client.get("/api/v1/programs/a%00b", None).await;
        assert!(answer.status < 500, "{} {}", answer.status, answer.text);
    }

    async fn line_breaks_only_in_long_text_and_no_other_control_characters(app) {
        let w = world(&app).await;
        let mut body = support::application_body(&w.cycle, &w.company, support::STARTS_ON, support::ENDS_ON);
        body["statement"] = json!("First line.\nSecond line.");
        let created = app.client.post("/api/v1/applications", Some(&w.mentee), &body).await;
        assert_eq!(created.status, 201, "{}", created.text);
        assert_eq!(created.json["statement"], "First line.\nSecond line.");

        let id = created.json["id"].as_str().unwrap();
        let answer = app
            .client
            .post(&format!("/api/v1/applications/{id}/endorse"), Some(&w.rep), &json!({"mentor_name": "Grace\nProducer", "contribution_cents": 500_000, "acknowledges_tax_slip": true}))
            .await;
        answer.assert_problem(422, "validation_failed");
        assert_eq!(answer.json["errors"][0]["field"], "mentor_name");

        let answer = app
            .client
            .patch(&format!("/api/v1/applications/{id}"), Some(&w.mentee), &json!({"statement": "Tab\there"}))
            .await;
        answer.assert_problem(422, "validation_failed");
        assert_eq!(answer.json["errors"][0]["field"], "statement");
    }

    async fn one_answer_names_every_bad_field_of_a_program(app) {
        let staff = app.staff();
        let answer = app
            .client
            .post("/api/v1/programs", Some(&staff), &json!({
                "title": "", "provider_id": " ", "summary": "s", "description": "",
                "formats": [], "regions": ["nowhere"], "delivery": "teleport",
                "cost_cents": -1, "starts_on": "2030-05-01", "ends_on": "2030-04-01"
            }))
            .await;
        answer.assert_problem(422, "validation_failed");
        let mut fields: Vec<&str> = answer.json["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["field"].as_str().unwrap())
            .collect();
        fields.sort_unstable();
        assert_eq!(
            fields,
            ["cost_cents", "delivery", "ends_on", "formats", "provider_id", "regions[0]", "title"],
            "{}",
            answer.text
        );
    }
}

/// A module with one members-only webinar 30 days out; returns the event id.
async fn members_only_event(app: &greenlight_tests::TestApp, staff: &str) -> String {
    let module = app
        .client
        .post(
            "/api/v1/modules",
            Some(staff),
            &json!({
                "title": "Banking for Producers", "theme": "financing", "year": 2026,
                "summary": "Working with banks.", "audiences": ["emerging"]
            }),
        )
        .await;
    assert_eq!(module.status, 201, "{}", module.text);
    let starts_at = chrono::Utc::now() + chrono::Duration::days(30);
    let event = app
        .client
        .post(
            &format!(
                "/api/v1/modules/{}/events",
                module.json["id"].as_str().unwrap()
            ),
            Some(staff),
            &json!({
                "title": "Members' webinar", "kind": "webinar",
                "starts_at": starts_at.to_rfc3339(),
                "ends_at": (starts_at + chrono::Duration::minutes(90)).to_rfc3339(),
                "timezone": "America/Toronto",
                "online_url": "https://example.org/webinars/members-secret",
                "capacity": 10, "members_only": true
            }),
        )
        .await;
    assert_eq!(event.status, 201, "{}", event.text);
    event.json["id"].as_str().unwrap().to_owned()
}

const JOIN_LINK: &str = "https://example.org/webinars/members-secret";

e2e! {
    async fn the_company_sees_passed_per_rule_but_no_personal_fact(app) {
        let w = world(&app).await;
        let id = support::draft(&app, &w.mentee, &w.cycle, &w.company).await;
        let path = format!("/api/v1/applications/{id}/eligibility");

        let for_mentee = app.client.get(&path, Some(&w.mentee)).await;
        assert_eq!(for_mentee.status, 200, "{}", for_mentee.text);
        let for_company = app.client.get(&path, Some(&w.rep)).await;
        assert_eq!(for_company.status, 200, "{}", for_company.text);
        let for_staff = app.client.get(&path, Some(&w.staff)).await;
        assert_eq!(for_staff.json, for_mentee.json, "staff read the full explanation");
        assert_eq!(for_company.json["eligible"], for_mentee.json["eligible"]);

        let mentee_checks = for_mentee.json["checks"].as_array().unwrap();
        let company_checks = for_company.json["checks"].as_array().unwrap();
        assert_eq!(mentee_checks.len(), company_checks.len());
        let residency = |checks: &[serde_json::Value]| {
            checks.iter().find(|c| c["rule"] == "residency").unwrap()["message"].as_str().unwrap().to_owned()
        };
        assert!(residency(mentee_checks).contains("citizen"), "the mentee sees why");
        for (mine, theirs) in mentee_checks.iter().zip(company_checks) {
            assert_eq!(mine["rule"], theirs["rule"]);
            assert_eq!(mine["passed"], theirs["passed"]);
            let message = theirs["message"].as_str().unwrap().to_lowercase();
            for fact in ["citizen", "1996", "born", "aged", "credit", "paid work", "unemployed", " employed", "british columbia"] {
                assert!(!message.contains(fact), "{}: {message}", theirs["rule"]);
            }
        }
        assert!(for_company.header("cache-control").is_some_and(|v| v.contains("no-store")));
    }

    async fn a_members_only_join_link_is_shown_only_to_who_may_register(app) {
        let staff = app.staff();
        let event = members_only_event(&app, &staff).await;
        let current = support::company(&app, &staff, "Current Pictures", "2099-12-31").await;
        let member = support::representative(&app, &staff, &current, "rep@current.example").await;
        let yesterday = (chrono::Utc::now().date_naive() - chrono::Duration::days(1)).to_string();
        let lapsed = support::company(&app, &staff, "Lapsed Pictures", &yesterday).await;
        let lapsed_rep = support::representative(&app, &staff, &lapsed, "rep@lapsed.example").await;
        let (_, individual) = app.register("ada@example.org").await;

        let shown = |answer: &greenlight_tests::client::Answer| answer.text.contains(JOIN_LINK);
        for (who, token, sees) in [
            ("anonymous", None, false),
            ("an individual", Some(individual.as_str()), false),
            ("a lapsed member", Some(lapsed_rep.as_str()), false),
            ("a member in good standing", Some(member.as_str()), true),
            ("staff", Some(staff.as_str()), true),
        ] {
            let one = app.client.get(&format!("/api/v1/events/{event}"), token).await;
            assert_eq!(one.status, 200, "{who}: {}", one.text);
            assert_eq!(shown(&one), sees, "{who}: {}", one.text);
            let listed = app.client.get("/api/v1/events", token).await;
            assert_eq!(shown(&listed), sees, "{who}: {}", listed.text);
            let module = one.json["module_id"].as_str().unwrap().to_owned();
            let detail = app.client.get(&format!("/api/v1/modules/{module}"), token).await;
            assert_eq!(shown(&detail), sees, "the module's events too, for {who}: {}", detail.text);
        }
        let feed = app.client.get("/api/v1/feeds/events.ics", None).await;
        assert_eq!(feed.status, 200);
        assert!(feed.text.contains("Members' webinar") && !shown(&feed), "{}", feed.text);
    }

    async fn member_privileges_need_a_company_in_good_standing_today(app) {
        let staff = app.staff();
        let event = members_only_event(&app, &staff).await;
        let yesterday = (chrono::Utc::now().date_naive() - chrono::Duration::days(1)).to_string();
        let lapsed = support::company(&app, &staff, "Lapsed Pictures", &yesterday).await;
        let rep = support::representative(&app, &staff, &lapsed, "rep@lapsed.example").await;

        app.client.get("/api/v1/mentee-profiles", Some(&rep)).await.assert_problem(403, "forbidden");
        app.client
            .post(&format!("/api/v1/events/{event}/registrations"), Some(&rep), &json!({}))
            .await
            .assert_problem(403, "forbidden");

        // Renewed today: the same token holds the privileges at once.
        let renewed = app
            .client
            .patch(&format!("/api/v1/companies/{lapsed}"), Some(&staff), &json!({"membership_expires_on": "2099-12-31"}))
            .await;
        assert_eq!(renewed.status, 200, "{}", renewed.text);
        assert_eq!(app.client.get("/api/v1/mentee-profiles", Some(&rep)).await.status, 200);
        let registered = app
            .client
            .post(&format!("/api/v1/events/{event}/registrations"), Some(&rep), &json!({}))
            .await;
        assert_eq!(registered.status, 201, "{}", registered.text);
    }

    async fn a_lapsed_company_cannot_endorse(app) {
        let w = world(&app).await;
        let id = support::draft(&app, &w.mentee, &w.cycle, &w.company).await;
        let yesterday = (chrono::Utc::now().date_naive() - chrono::Duration::days(1)).to_string();
        let lapsed = app
            .client
            .patch(&format!("/api/v1/companies/{}", w.company), Some(&w.staff), &json!({"membership_expires_on": yesterday}))
            .await;
        assert_eq!(lapsed.status, 200, "{}", lapsed.text);
        support::endorse(&app, &w.rep, &id, 500_000).await.assert_problem(403, "forbidden");
    }

    async fn removing_a_representative_takes_the_member_role_away(app) {
        let staff = app.staff();
        let company = support::company(&app, &staff, "Northern Lights", "2099-12-31").await;
        let other = support::company(&app, &staff, "Southern Lights", "2099-12-31").await;
        let rep = support::representative(&app, &staff, &company, "rep@northern.example").await;
        let me = app.client.get("/api/v1/me", Some(&rep)).await;
        let user_id = me.json["id"].as_str().unwrap().to_owned();
        let added = app
            .client
            .post(&format!("/api/v1/companies/{other}/representatives"), Some(&staff), &json!({"email": "rep@northern.example"}))
            .await;
        assert_eq!(added.status, 201, "{}", added.text);

        let path = |company: &str| format!("/api/v1/companies/{company}/representatives/{user_id}");
        app.client.delete(&path(&company), Some(&rep)).await.assert_problem(403, "forbidden");
        app.client.delete(&path(&company), Some(&staff)).await.assert_status(204);
        app.client.delete(&path(&company), Some(&staff)).await.assert_problem(404, "not_found");
        assert_eq!(app.client.get("/api/v1/me", Some(&rep)).await.json["role"], "member", "still represents another");
        app.client.delete(&path(&other), Some(&staff)).await.assert_status(204);
        assert_eq!(app.client.get("/api/v1/me", Some(&rep)).await.json["role"], "individual");
        app.client.get("/api/v1/mentee-profiles", Some(&rep)).await.assert_problem(403, "forbidden");
    }

    async fn a_disabled_users_tokens_stop_working_at_once(app) {
        let staff = app.staff();
        let (id, jwt) = app.register("ada@example.org").await;
        let personal = app.client.post("/api/v1/me/tokens", Some(&jwt), &json!({"name": "script"})).await;
        assert_eq!(personal.status, 201, "{}", personal.text);
        let personal = personal.json["token"].as_str().unwrap().to_owned();

        app.client.patch(&format!("/api/v1/users/{id}"), Some(&jwt), &json!({"disabled": true})).await.assert_problem(403, "forbidden");
        let disabled = app.client.patch(&format!("/api/v1/users/{id}"), Some(&staff), &json!({"disabled": true})).await;
        assert_eq!(disabled.status, 200, "{}", disabled.text);
        assert_eq!(disabled.json["disabled"], true);
        app.client.get("/api/v1/me", Some(&jwt)).await.assert_problem(401, "unauthorized");
        app.client.get("/api/v1/me", Some(&personal)).await.assert_problem(401, "unauthorized");
        app.client
            .post("/api/v1/auth/token", None, &json!({"email": "ada@example.org", "password": "a long enough password"}))
            .await
            .assert_problem(401, "unauthorized");

        let enabled = app.client.patch(&format!("/api/v1/users/{id}"), Some(&staff), &json!({"disabled": false, "role": "partner"})).await;
        assert_eq!(enabled.json["role"], "partner", "{}", enabled.text);
        assert_eq!(app.client.get("/api/v1/me", Some(&personal)).await.json["role"], "partner");

        let staff_id = app.client.get("/api/v1/me", Some(&staff)).await.json["id"].as_str().unwrap().to_owned();
        app.client.patch(&format!("/api/v1/users/{staff_id}"), Some(&staff), &json!({"disabled": true})).await.assert_problem(409, "conflict");
        app.client.patch("/api/v1/users/no-such-user", Some(&staff), &json!({"disabled": true})).await.assert_problem(404, "not_found");
    }

    async fn changing_the_password_needs_the_current_one_and_the_policy(app) {
        let (_, jwt) = app.register("ada@example.org").await;
        let change = |current: &str, new: &str| json!({"current_password": current, "new_password": new});
        let wrong = app.client.post("/api/v1/me/password", Some(&jwt), &change("not my password", "staple moon kettle orchard")).await;
        wrong.assert_problem(422, "validation_failed");
        assert_eq!(wrong.json["errors"][0]["field"], "current_password");
        let weak = app.client.post("/api/v1/me/password", Some(&jwt), &change("a long enough password", "aaaaaaaaaaaa")).await;
        weak.assert_problem(422, "validation_failed");
        assert_eq!(weak.json["errors"][0]["field"], "new_password");

        let changed = app.client.post("/api/v1/me/password", Some(&jwt), &change("a long enough password", "staple moon kettle orchard")).await;
        assert_eq!(changed.status, 204, "{}", changed.text);
        assert!(changed.header("cache-control").is_some_and(|v| v.contains("no-store")));
        let sign_in = |password: &str| json!({"email": "ada@example.org", "password": password});
        app.client.post("/api/v1/auth/token", None, &sign_in("a long enough password")).await.assert_problem(401, "unauthorized");
        let fresh = app.client.post("/api/v1/auth/token", None, &sign_in("staple moon kettle orchard")).await;
        assert_eq!(fresh.status, 200, "{}", fresh.text);
        let fresh = fresh.json["access_token"].as_str().unwrap().to_owned();
        assert_eq!(app.client.get("/api/v1/me", Some(&fresh)).await.status, 200);
    }

    async fn a_new_password_signs_out_older_access_tokens_but_not_personal_tokens(app) {
        let (_, jwt) = app.register("ada@example.org").await;
        let sign_in = json!({"email": "ada@example.org", "password": "a long enough password"});
        let other_session = app.client.post("/api/v1/auth/token", None, &sign_in).await.json["access_token"].as_str().unwrap().to_owned();
        let personal = app.client.post("/api/v1/me/tokens", Some(&jwt), &json!({"name": "script"})).await;
        assert_eq!(personal.status, 201, "{}", personal.text);
        let personal = personal.json["token"].as_str().unwrap().to_owned();

        let change = json!({"current_password": "a long enough password", "new_password": "staple moon kettle orchard"});
        assert_eq!(app.client.post("/api/v1/me/password", Some(&jwt), &change).await.status, 204);

        app.client.get("/api/v1/me", Some(&jwt)).await.assert_problem(401, "unauthorized");
        app.client.get("/api/v1/me", Some(&other_session)).await.assert_problem(401, "unauthorized");
        assert_eq!(app.client.get("/api/v1/me", Some(&personal)).await.status, 200);
    }

    async fn the_company_endorses_only_the_terms_it_read(app) {
        let w = world(&app).await;
        let id = support::draft(&app, &w.mentee, &w.cycle, &w.company).await;
        let path = format!("/api/v1/applications/{id}");
        let read = app.client.get(&path, Some(&w.rep)).await;
        let seen = read.header("etag").unwrap().to_owned();

        let edited = app.client.patch(&path, Some(&w.mentee), &json!({"statement": "Changed after the company read it."})).await;
        assert_eq!(edited.status, 200, "{}", edited.text);
        let endorse = |etag: String| {
            app.client
                .request(reqwest::Method::POST, &format!("{path}/endorse"))
                .bearer_auth(&w.rep)
                .header("if-match", etag)
                .json(&json!({"mentor_name": "Grace Producer", "contribution_cents": 500_000, "acknowledges_tax_slip": true}))
        };
        app.client.send(endorse(seen)).await.assert_problem(412, "precondition_failed");
        let current = edited.header("etag").unwrap().to_owned();
        assert_eq!(app.client.get(&path, Some(&w.rep)).await.header("etag"), Some(current.as_str()));
        let endorsed = app.client.send(endorse(current.clone())).await;
        assert_eq!(endorsed.status, 200, "{}", endorsed.text);
        assert!(endorsed.json["endorsed_at"].is_string());

        // An edit after endorsement clears it: the company must see the new terms.
        let endorsed_etag = endorsed.header("etag").unwrap().to_owned();
        let edited = app.client.patch(&path, Some(&w.mentee), &json!({"statement": "Changed again."})).await;
        assert!(edited.json["endorsed_at"].is_null(), "{}", edited.text);
        assert!(edited.json["mentor_name"].is_null());
        let submit = |etag: &str| {
            app.client
                .request(reqwest::Method::POST, &format!("{path}/submit"))
                .bearer_auth(&w.mentee)
                .header("if-match", etag.to_owned())
                .json(&json!({}))
        };
        app.client.send(submit(&endorsed_etag)).await.assert_problem(412, "precondition_failed");
        let endorsed = support::endorse(&app, &w.rep, &id, 500_000).await;
        let etag = endorsed.header("etag").unwrap().to_owned();
        let submitted = app.client.send(submit(&etag)).await;
        assert_eq!(submitted.status, 200, "{}", submitted.text);
        assert_eq!(submitted.json["status"], "submitted");
    }

    async fn personal_answers_are_not_stored_and_nothing_is_sniffed(app) {
        let (_, jwt) = app.register("ada@example.org").await;
        for path in ["/api/v1/me", "/api/v1/me/tokens", "/api/v1/applications"] {
            let answer = app.client.get(path, Some(&jwt)).await;
            assert_eq!(answer.header("cache-control"), Some("no-store"), "{path}");
            assert_eq!(answer.header("x-content-type-options"), Some("nosniff"), "{path}");
        }
        for path in ["/api/v1/programs", "/api/v1/no-such-thing", "/openapi.json", "/api/v1/feeds/events.ics"] {
            let answer = app.client.get(path, None).await;
            assert_eq!(answer.header("x-content-type-options"), Some("nosniff"), "{path}");
            assert_ne!(answer.header("cache-control"), Some("no-store"), "{path}");
        }
        let refused = app.client.get("/api/v1/me", None).await;
        assert_eq!(refused.header("cache-control"), Some("no-store"));
        assert_eq!(refused.header("x-content-type-options"), Some("nosniff"));
    }

    async fn a_jwt_living_longer_than_the_configured_lifetime_is_refused(app) {
        let (id, _) = app.register("ada@example.org").await;
        let now = chrono::Utc::now().timestamp();
        let claims = |iat: i64, exp: i64| json!({"sub": id, "iat": iat, "exp": exp, "iss": "greenlight", "aud": "greenlight-api"});
        let fine = app.sign_claims(&claims(now, now + 600));
        assert_eq!(app.client.get("/api/v1/me", Some(&fine)).await.status, 200);
        // Signed with the real secret, unexpired, but minted for a week.
        let forged = app.sign_claims(&claims(now, now + 7 * 24 * 3600));
        app.client.get("/api/v1/me", Some(&forged)).await.assert_problem(401, "unauthorized");
    }
}

#[test]
fn the_sqlite_file_and_its_wal_are_private_to_their_owner() {
    use std::os::unix::fs::PermissionsExt;

    let database = greenlight_tests::TestDatabase::create(greenlight_tests::Backend::Sqlite)
        .expect("SQLite is always available");
    let pool = database.pool();
    let mut conn = pool.get().unwrap();
    greenlight_store::users::count(&mut conn).unwrap();
    let main = std::path::PathBuf::from(database.url());
    for path in [main.clone(), main.with_extension("db-wal")] {
        let mode = std::fs::metadata(&path)
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
            .permissions()
            .mode();
        assert_eq!(mode & 0o077, 0, "{} is {:o}", path.display(), mode);
    }
}
