use crate::support::*;
use greenlight_domain::Role;
use greenlight_tests::e2e;
use serde_json::json;

e2e! {
    async fn staff_open_a_cycle_with_its_notification_dates(app) {
        let staff = app.staff();
        let program = program(&app, "Production Mentorship");
        let created = app.client.post(&format!("/api/v1/programs/{program}/cycles"), Some(&staff), &cycle_body(json!({
            "opens_at": "2026-11-01T00:00:00Z",
            "closes_at": "2027-01-31T23:59:59Z",
            "rules": {"employment_statuses": ["unemployed", "underemployed"], "provinces": ["BC", "NL"], "min_age": null}
        }))).await;
        assert_eq!(created.status, 201, "{}", created.text);
        let cycle = &created.json;
        assert_eq!(cycle["notify_selected_from"], "2027-03-14");
        assert_eq!(cycle["notify_selected_by"], "2027-03-28");
        assert_eq!(cycle["notify_unsuccessful_by"], "2027-03-31");
        assert_eq!(cycle["program_id"], program.as_str());
        assert_eq!(cycle["rules"]["residency"], json!(["citizen", "permanent_resident", "protected_person"]));
        assert_eq!(cycle["rules"]["provinces"], json!(["BC", "NL"]));
        assert_eq!(cycle["rules"]["min_age"], json!(null));
        let id = cycle["id"].as_str().unwrap();
        assert_eq!(created.header("location"), Some(format!("/api/v1/cycles/{id}").as_str()));

        let read = app.client.get(&format!("/api/v1/cycles/{id}"), None).await;
        assert_eq!(read.status, 200, "{}", read.text);
        assert_eq!(read.json["notify_unsuccessful_by"], "2027-03-31");
        assert!(read.header("etag").is_some());
    }

    async fn two_months_after_a_deadline_ends_on_the_month_last_day_and_uses_the_utc_date(app) {
        let staff = app.staff();
        let program = program(&app, "Production Mentorship");
        for (closes_at, unsuccessful_by) in [
            ("2027-12-31T12:00:00Z", "2028-02-29"),
            ("2026-12-31T12:00:00Z", "2027-02-28"),
            ("2028-02-29T12:00:00Z", "2028-04-29"),
            // 23:30 in Toronto on 31 January is 1 February in UTC.
            ("2027-01-31T23:30:00-05:00", "2027-04-01"),
        ] {
            let created = app.client.post(&format!("/api/v1/programs/{program}/cycles"), Some(&staff), &cycle_body(json!({
                "opens_at": "2026-01-01T00:00:00Z", "closes_at": closes_at
            }))).await;
            assert_eq!(created.status, 201, "{}", created.text);
            assert_eq!(created.json["notify_unsuccessful_by"], unsuccessful_by, "{closes_at}");
        }
    }

    async fn a_cycle_program_may_be_named_by_slug(app) {
        let staff = app.staff();
        program(&app, "Production Mentorship");
        let created = app.client.post("/api/v1/programs/production-mentorship/cycles", Some(&staff), &cycle_body(json!({}))).await;
        assert_eq!(created.status, 201, "{}", created.text);
        app.client.post("/api/v1/programs/nowhere/cycles", Some(&staff), &cycle_body(json!({}))).await.assert_problem(404, "not_found");
    }

    async fn impossible_cycles_are_refused_naming_each_field(app) {
        let staff = app.staff();
        let program = program(&app, "Production Mentorship");
        let bad = app.client.post(&format!("/api/v1/programs/{program}/cycles"), Some(&staff), &cycle_body(json!({
            "name": " ",
            "opens_at": "2027-02-01T00:00:00Z",
            "closes_at": "2027-01-31T00:00:00Z",
            "placement_starts_on": "2027-05-01",
            "placement_ends_on": "2027-04-30",
            "max_placements": 0,
            "grant_cents": -1,
            "rules": {"min_age": 31, "max_age": 30}
        }))).await;
        bad.assert_problem(422, "validation_failed");
        let fields: Vec<&str> = bad.json["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
        assert_eq!(fields, vec!["name", "closes_at", "placement_ends_on", "max_placements", "grant_cents", "rules.max_age"]);
        let wrong_rule = app.client.post(&format!("/api/v1/programs/{program}/cycles"), Some(&staff), &cycle_body(json!({"rules": {"residency": ["tourist"]}}))).await;
        wrong_rule.assert_problem(422, "validation_failed");
        assert_eq!(wrong_rule.json["errors"][0]["field"], "rules.residency[0]");
    }

    async fn only_staff_open_cycles(app) {
        let staff = app.staff();
        let program = program(&app, "Production Mentorship");
        let path = format!("/api/v1/programs/{program}/cycles");
        app.client.post(&path, None, &cycle_body(json!({}))).await.assert_problem(401, "unauthorized");
        let (_, individual) = app.register("ada@example.org").await;
        let (_, member) = app.user_with_role("rep@example.org", Role::Member);
        let (_, partner) = app.user_with_role("partner@example.org", Role::Partner);
        for token in [&individual, &member, &partner] {
            app.client.post(&path, Some(token), &cycle_body(json!({}))).await.assert_problem(403, "forbidden");
        }
        assert_eq!(app.client.post(&path, Some(&staff), &cycle_body(json!({}))).await.status, 201);
    }

    async fn cycles_are_listed_by_status_and_program(app) {
        let staff = app.staff();
        let first = program(&app, "First");
        let second = program(&app, "Second");
        let open = cycle(&app, &staff, &first, json!({"name": "open"})).await;
        let upcoming = cycle(&app, &staff, &first, json!({"name": "upcoming", "opens_at": "2099-01-01T00:00:00Z", "closes_at": "2099-02-01T00:00:00Z"})).await;
        let closed = cycle(&app, &staff, &second, json!({"name": "closed", "opens_at": "2020-01-01T00:00:00Z", "closes_at": "2020-02-01T00:00:00Z"})).await;
        let ids = |answer: &greenlight_tests::client::Answer| -> Vec<String> {
            answer.json["items"].as_array().unwrap().iter().map(|c| c["id"].as_str().unwrap().to_owned()).collect()
        };
        let all = app.client.get("/api/v1/cycles", None).await;
        assert_eq!(ids(&all), vec![open.clone(), upcoming.clone(), closed.clone()]);
        assert_eq!(all.json["items"][1]["status"], "upcoming");
        assert_eq!(ids(&app.client.get("/api/v1/cycles?status=open", None).await), vec![open.clone()]);
        assert_eq!(ids(&app.client.get("/api/v1/cycles?status=upcoming", None).await), vec![upcoming.clone()]);
        assert_eq!(ids(&app.client.get("/api/v1/cycles?status=closed", None).await), vec![closed.clone()]);
        assert_eq!(ids(&app.client.get(&format!("/api/v1/cycles?program={second}"), None).await), vec![closed.clone()]);
        assert_eq!(ids(&app.client.get("/api/v1/cycles?program=first", None).await), vec![open.clone(), upcoming.clone()]);
        assert!(ids(&app.client.get("/api/v1/cycles?program=nowhere", None).await).is_empty());
        let page = app.client.get("/api/v1/cycles?limit=2", None).await;
        assert_eq!(ids(&page), vec![open, upcoming]);
        let next = page.json["next_cursor"].as_str().unwrap();
        assert_eq!(ids(&app.client.get(&format!("/api/v1/cycles?limit=2&cursor={next}"), None).await), vec![closed]);
        app.client.get("/api/v1/cycles?status=finished", None).await.assert_problem(400, "bad_request");
        app.client.get("/api/v1/cycles/nope", None).await.assert_problem(404, "not_found");
    }

    async fn the_pre_check_answers_the_mentee_side_rules_to_anyone(app) {
        let staff = app.staff();
        let program = program(&app, "BC Mentorship");
        let cycle = cycle(&app, &staff, &program, json!({"rules": {
            "employment_statuses": ["unemployed", "underemployed"], "provinces": ["BC"], "min_age": 18, "max_age": 35
        }})).await;
        let check = |profile: serde_json::Value| {
            let app = &app;
            let cycle = cycle.clone();
            async move {
                let answer = app.client.post("/api/v1/eligibility/check", None, &json!({"cycle_id": cycle, "profile": profile})).await;
                assert_eq!(answer.status, 200, "{}", answer.text);
                answer
            }
        };
        let base = json!({"birth_date": "1996-05-01", "province": "BC", "employment": {"paid_work": false}});
        let with = |changes: serde_json::Value| {
            let mut profile = base.clone();
            for (key, value) in changes.as_object().unwrap() {
                profile[key] = value.clone();
            }
            profile
        };

        let permanent = check(with(json!({"residency_status": "permanent_resident"}))).await;
        assert_eq!(permanent.json["eligible"], true, "{}", permanent.text);
        let rules: Vec<&str> = permanent.json["checks"].as_array().unwrap().iter().map(|c| c["rule"].as_str().unwrap()).collect();
        assert_eq!(rules, vec!["application_window", "residency", "age", "employment_status", "student", "region", "audience", "career_stage"]);
        assert_eq!(check(with(json!({"residency_status": "protected_person"}))).await.json["eligible"], true);
        assert_eq!(failed_rules(&check(with(json!({"residency_status": "other"}))).await), vec!["residency"]);

        // A term contract that ends before the placement, with no prospects: unemployed.
        let contract = check(with(json!({"residency_status": "citizen", "employment": {
            "paid_work": true, "in_field": true, "full_time": true, "contract_ends_on": "2030-03-31", "has_job_prospects": false
        }}))).await;
        assert_eq!(contract.json["eligible"], true, "{}", contract.text);
        // ... but with prospects, full time in one's field: employed.
        let prospects = check(with(json!({"residency_status": "citizen", "employment": {
            "paid_work": true, "in_field": true, "full_time": true, "contract_ends_on": "2030-03-31", "has_job_prospects": true
        }}))).await;
        assert_eq!(failed_rules(&prospects), vec!["employment_status"]);
        // Part time in one's field, or any work outside it: underemployed.
        for employment in [json!({"paid_work": true, "in_field": true, "full_time": false}), json!({"paid_work": true, "in_field": false, "full_time": true})] {
            let answer = check(with(json!({"residency_status": "citizen", "employment": employment}))).await;
            assert_eq!(answer.json["eligible"], true, "{}", answer.text);
        }
        let elsewhere = check(with(json!({"residency_status": "citizen", "province": "ON", "birth_date": "1980-01-01"}))).await;
        assert_eq!(failed_rules(&elsewhere), vec!["age", "region"]);

        let unknown = app.client.post("/api/v1/eligibility/check", None, &json!({"cycle_id": "nope", "profile": {}})).await;
        unknown.assert_problem(422, "validation_failed");
        assert_eq!(unknown.json["errors"][0]["field"], "cycle_id");
        let future = app.client.post("/api/v1/eligibility/check", None, &json!({"cycle_id": cycle, "profile": {"birth_date": "2999-01-01"}})).await;
        future.assert_problem(422, "validation_failed");
        assert_eq!(future.json["errors"][0]["field"], "profile.birth_date");
    }
}
