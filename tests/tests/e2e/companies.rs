use greenlight_domain::Role;
use greenlight_tests::{TestApp, e2e};
use serde_json::json;

async fn company(app: &TestApp, staff: &str, name: &str, expires: &str) -> String {
    let created = app
        .client
        .post(
            "/api/v1/companies",
            Some(staff),
            &json!({"name": name, "province": "BC", "membership_expires_on": expires}),
        )
        .await;
    assert_eq!(created.status, 201, "{}", created.text);
    created.json["id"].as_str().unwrap().to_owned()
}

fn names(answer: &greenlight_tests::client::Answer) -> Vec<String> {
    answer.json["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap().to_owned())
        .collect()
}

e2e! {
    async fn staff_create_a_company_that_anyone_can_read(app) {
        let staff = app.staff();
        let created = app.client.post("/api/v1/companies", Some(&staff), &json!({
            "name": " Northern Lights Pictures ",
            "province": "BC",
            "membership_expires_on": "2099-03-31",
            "website": "https://northernlights.example",
            "genres": ["Drama", "documentary"]
        })).await;
        assert_eq!(created.status, 201, "{}", created.text);
        assert_eq!(created.json["name"], "Northern Lights Pictures");
        assert_eq!(created.json["active"], true);
        assert_eq!(created.json["genres"], json!(["documentary", "drama"]));
        let id = created.json["id"].as_str().unwrap();
        assert_eq!(created.header("location"), Some(format!("/api/v1/companies/{id}").as_str()));

        let read = app.client.get(&format!("/api/v1/companies/{id}"), None).await;
        assert_eq!(read.status, 200, "{}", read.text);
        assert_eq!(read.json["website"], "https://northernlights.example");
        assert!(read.json.get("representatives").is_none(), "only staff see representatives");
    }

    async fn anonymous_callers_see_only_active_members(app) {
        let staff = app.staff();
        let active = company(&app, &staff, "Active Films", "2099-01-01").await;
        let lapsed = company(&app, &staff, "Lapsed Films", "2020-01-01").await;
        let public = app.client.get("/api/v1/companies", None).await;
        assert_eq!(public.status, 200, "{}", public.text);
        assert_eq!(names(&public), vec!["Active Films"]);
        app.client.get(&format!("/api/v1/companies/{lapsed}"), None).await.assert_problem(404, "not_found");
        app.client.get(&format!("/api/v1/companies/{active}"), None).await.assert_status(200);
        app.client.get("/api/v1/companies?active=false", None).await.assert_problem(403, "forbidden");

        let all = app.client.get("/api/v1/companies", Some(&staff)).await;
        assert_eq!(names(&all), vec!["Active Films", "Lapsed Films"]);
        let only_lapsed = app.client.get("/api/v1/companies?active=false", Some(&staff)).await;
        assert_eq!(names(&only_lapsed), vec!["Lapsed Films"]);
        let lapsed_read = app.client.get(&format!("/api/v1/companies/{lapsed}"), Some(&staff)).await;
        assert_eq!(lapsed_read.json["active"], false);
    }

    async fn the_directory_pages_by_name(app) {
        let staff = app.staff();
        for name in ["Charlie", "alpha", "Bravo", "Delta", "Echo"] {
            company(&app, &staff, name, "2099-01-01").await;
        }
        let mut seen = Vec::new();
        let mut path = "/api/v1/companies?limit=2".to_owned();
        loop {
            let page = app.client.get(&path, None).await;
            assert_eq!(page.status, 200, "{}", page.text);
            seen.extend(names(&page));
            match page.json["next_cursor"].as_str() {
                Some(cursor) => path = format!("/api/v1/companies?limit=2&cursor={cursor}"),
                None => break,
            }
        }
        assert_eq!(seen, vec!["Bravo", "Charlie", "Delta", "Echo", "alpha"]);
    }

    async fn staff_renew_a_membership_with_patch(app) {
        let staff = app.staff();
        let id = company(&app, &staff, "Lapsed Films", "2020-01-01").await;
        let renewed = app.client.patch(&format!("/api/v1/companies/{id}"), Some(&staff), &json!({"membership_expires_on": "2099-12-31", "website": "http://lapsed.example"})).await;
        assert_eq!(renewed.status, 200, "{}", renewed.text);
        assert_eq!(renewed.json["active"], true);
        assert_eq!(renewed.json["name"], "Lapsed Films");
        let cleared = app.client.patch(&format!("/api/v1/companies/{id}"), Some(&staff), &json!({"website": null})).await;
        cleared.assert_status(200);
        assert_eq!(cleared.json["website"], json!(null));
        app.client.get(&format!("/api/v1/companies/{id}"), None).await.assert_status(200);
        app.client.patch("/api/v1/companies/nope", Some(&staff), &json!({"name": "x"})).await.assert_problem(404, "not_found");
    }

    async fn bad_companies_are_refused(app) {
        let staff = app.staff();
        let bad = app.client.post("/api/v1/companies", Some(&staff), &json!({"name": "", "province": "BC", "membership_expires_on": "2099-01-01", "website": "ftp://x"})).await;
        bad.assert_problem(422, "validation_failed");
        let fields: Vec<&str> = bad.json["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
        assert_eq!(fields, vec!["name", "website"]);
        let missing = app.client.post("/api/v1/companies", Some(&staff), &json!({"name": "X", "province": "BC"})).await;
        missing.assert_problem(422, "validation_failed");
        assert_eq!(missing.json["errors"][0]["field"], "membership_expires_on");
        let far = app.client.post("/api/v1/companies", Some(&staff), &json!({"name": "X", "province": "BC", "membership_expires_on": "9999-01-01"})).await;
        far.assert_problem(422, "validation_failed");
    }

    async fn only_staff_write_companies(app) {
        let staff = app.staff();
        let id = company(&app, &staff, "Films", "2099-01-01").await;
        let body = json!({"name": "X", "province": "BC", "membership_expires_on": "2099-01-01"});
        app.client.post("/api/v1/companies", None, &body).await.assert_problem(401, "unauthorized");
        let (_, individual) = app.register("ada@example.org").await;
        let (_, member) = app.user_with_role("rep@example.org", Role::Member);
        let (_, partner) = app.user_with_role("partner@example.org", Role::Partner);
        for token in [&individual, &member, &partner] {
            app.client.post("/api/v1/companies", Some(token), &body).await.assert_problem(403, "forbidden");
            app.client.patch(&format!("/api/v1/companies/{id}"), Some(token), &json!({"name": "Y"})).await.assert_problem(403, "forbidden");
            app.client.post(&format!("/api/v1/companies/{id}/representatives"), Some(token), &json!({"email": "ada@example.org"})).await.assert_problem(403, "forbidden");
        }
    }

    async fn a_representative_becomes_a_member_acting_for_the_company(app) {
        let staff = app.staff();
        let id = company(&app, &staff, "Films", "2020-01-01").await;
        let (user_id, token) = app.register("grace@example.org").await;
        let added = app.client.post(&format!("/api/v1/companies/{id}/representatives"), Some(&staff), &json!({"email": "Grace@Example.org"})).await;
        assert_eq!(added.status, 201, "{}", added.text);
        assert_eq!(added.json["user_id"], user_id.as_str());
        let me = app.client.get("/api/v1/me", Some(&token)).await;
        assert_eq!(me.json["role"], "member");
        let again = app.client.post(&format!("/api/v1/companies/{id}/representatives"), Some(&staff), &json!({"email": "grace@example.org"})).await;
        again.assert_problem(409, "conflict");

        let read = app.client.get(&format!("/api/v1/companies/{id}"), Some(&staff)).await;
        assert_eq!(read.json["representatives"][0]["email"], "grace@example.org");
        let own = app.client.get(&format!("/api/v1/companies/{id}"), Some(&token)).await;
        assert_eq!(own.status, 200, "a representative sees their lapsed company: {}", own.text);

        let unknown = app.client.post(&format!("/api/v1/companies/{id}/representatives"), Some(&staff), &json!({"email": "nobody@example.org"})).await;
        unknown.assert_problem(422, "validation_failed");
        assert_eq!(unknown.json["errors"][0]["field"], "email");
        let nowhere = app.client.post("/api/v1/companies/nope/representatives", Some(&staff), &json!({"email": "grace@example.org"})).await;
        nowhere.assert_problem(404, "not_found");
    }
}
