use greenlight_domain::Role;
use greenlight_tests::e2e;
use serde_json::json;

fn full_profile() -> serde_json::Value {
    json!({
        "display_name": "Ada Producer",
        "headline": "  Documentary producer  ",
        "bio": "Two shorts.",
        "birth_date": "1998-05-14",
        "province": "BC",
        "residency_status": "protected_person",
        "employment": {"paid_work": true, "in_field": true, "full_time": false},
        "student": false,
        "producing_credits": 4,
        "audiences": ["women", "racialized", "women"],
        "interests": ["financing", "development"],
        "genres": ["Drama", " documentary", "drama"],
        "public": true
    })
}

e2e! {
    async fn an_individual_saves_and_reads_back_their_profile(app) {
        let (_, token) = app.register("ada@example.org").await;
        app.client.get("/api/v1/me/profile", Some(&token)).await.assert_problem(404, "not_found");

        let saved = app.client.put("/api/v1/me/profile", Some(&token), &full_profile()).await;
        assert_eq!(saved.status, 200, "{}", saved.text);
        assert_eq!(saved.json["headline"], "Documentary producer");
        assert_eq!(saved.json["career_stage"], "mid_career");
        assert_eq!(saved.json["employment_status"], "underemployed", "part-time in one's field");
        assert_eq!(saved.json["audiences"], json!(["racialized", "women"]));
        assert_eq!(saved.json["interests"], json!(["development", "financing"]));
        assert_eq!(saved.json["genres"], json!(["documentary", "drama"]));
        assert_eq!(saved.json["employment"]["contract_ends_on"], json!(null));

        let read = app.client.get("/api/v1/me/profile", Some(&token)).await;
        assert_eq!(read.status, 200, "{}", read.text);
        assert_eq!(read.json, saved.json);
        assert!(read.header("etag").is_some());
    }

    async fn put_replaces_the_whole_profile(app) {
        let (_, token) = app.register("ada@example.org").await;
        app.client.put("/api/v1/me/profile", Some(&token), &full_profile()).await.assert_status(200);
        let replaced = app.client.put("/api/v1/me/profile", Some(&token), &json!({"producing_credits": 0})).await;
        assert_eq!(replaced.status, 200, "{}", replaced.text);
        assert_eq!(replaced.json["display_name"], "Test User", "defaults to the account's name");
        assert_eq!(replaced.json["audiences"], json!([]));
        assert_eq!(replaced.json["employment"], json!(null));
        assert_eq!(replaced.json["employment_status"], json!(null));
        assert_eq!(replaced.json["career_stage"], "emerging");
    }

    async fn no_paid_work_derives_unemployed(app) {
        let (_, token) = app.register("ada@example.org").await;
        let saved = app.client.put("/api/v1/me/profile", Some(&token), &json!({"employment": {"paid_work": false}})).await;
        assert_eq!(saved.json["employment_status"], "unemployed");
        let outside = app.client.put("/api/v1/me/profile", Some(&token), &json!({"employment": {"paid_work": true, "in_field": false, "full_time": true}})).await;
        assert_eq!(outside.json["employment_status"], "underemployed", "any work outside one's field");
    }

    async fn bad_profiles_are_refused_naming_the_field(app) {
        let (_, token) = app.register("ada@example.org").await;
        let future = app.client.put("/api/v1/me/profile", Some(&token), &json!({"birth_date": "2999-01-01"})).await;
        future.assert_problem(422, "validation_failed");
        assert_eq!(future.json["errors"][0]["field"], "birth_date");
        let credits = app.client.put("/api/v1/me/profile", Some(&token), &json!({"producing_credits": 1001})).await;
        credits.assert_problem(422, "validation_failed");
        assert_eq!(credits.json["errors"][0]["field"], "producing_credits");
        let negative = app.client.put("/api/v1/me/profile", Some(&token), &json!({"producing_credits": -1})).await;
        negative.assert_problem(422, "validation_failed");
        let province = app.client.put("/api/v1/me/profile", Some(&token), &json!({"province": "XX"})).await;
        province.assert_problem(422, "validation_failed");
        assert_eq!(province.json["errors"][0]["field"], "province");
        let unknown = app.client.put("/api/v1/me/profile", Some(&token), &json!({"salary": 1})).await;
        unknown.assert_problem(422, "validation_failed");
        let genres: Vec<String> = (0..21).map(|n| format!("genre {n}")).collect();
        let many = app.client.put("/api/v1/me/profile", Some(&token), &json!({"genres": genres})).await;
        many.assert_problem(422, "validation_failed");
        assert_eq!(many.json["errors"][0]["field"], "genres");
        let contract = app.client.put("/api/v1/me/profile", Some(&token), &json!({"employment": {"paid_work": true, "contract_ends_on": "+20000-01-01"}})).await;
        assert!(contract.status == 422 || contract.status == 400, "{}", contract.text);
    }

    async fn only_individuals_have_a_profile(app) {
        app.client.get("/api/v1/me/profile", None).await.assert_problem(401, "unauthorized");
        app.client.put("/api/v1/me/profile", None, &full_profile()).await.assert_problem(401, "unauthorized");
        let staff = app.staff();
        app.client.get("/api/v1/me/profile", Some(&staff)).await.assert_problem(403, "forbidden");
        let (_, member) = app.user_with_role("rep@example.org", Role::Member);
        app.client.put("/api/v1/me/profile", Some(&member), &full_profile()).await.assert_problem(403, "forbidden");
        let (_, partner) = app.user_with_role("partner@example.org", Role::Partner);
        app.client.get("/api/v1/me/profile", Some(&partner)).await.assert_problem(403, "forbidden");
    }

    async fn each_individual_sees_only_their_own_profile(app) {
        let (_, ada) = app.register("ada@example.org").await;
        let (_, bob) = app.register("bob@example.org").await;
        app.client.put("/api/v1/me/profile", Some(&ada), &full_profile()).await.assert_status(200);
        app.client.get("/api/v1/me/profile", Some(&bob)).await.assert_problem(404, "not_found");
    }
}
