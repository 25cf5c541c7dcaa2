use std::collections::BTreeSet;

use greenlight_domain::Role;
use greenlight_tests::client::Answer;
use greenlight_tests::{TestApp, e2e};
use serde_json::{Value, json};

/// Registers an individual and saves their profile; returns `(user id, token)`.
async fn mentee(app: &TestApp, email: &str, profile: Value) -> (String, String) {
    let (id, token) = app.register(email).await;
    let saved = app
        .client
        .put("/api/v1/me/profile", Some(&token), &profile)
        .await;
    assert_eq!(saved.status, 200, "{}", saved.text);
    (id, token)
}

fn private_details(display_name: &str, credits: u32, public: bool) -> Value {
    json!({
        "display_name": display_name,
        "headline": "Producer",
        "bio": "Short films.",
        "birth_date": "1998-05-14",
        "province": "BC",
        "residency_status": "protected_person",
        "employment": {"paid_work": false},
        "student": true,
        "producing_credits": credits,
        "audiences": ["indigenous"],
        "interests": ["development"],
        "genres": ["drama"],
        "public": public
    })
}

fn ids(answer: &Answer) -> Vec<String> {
    assert_eq!(answer.status, 200, "{}", answer.text);
    answer.json["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap().to_owned())
        .collect()
}

async fn listed(app: &TestApp, token: &str, query: &str) -> Vec<String> {
    sorted(ids(&app
        .client
        .get(&format!("/api/v1/mentee-profiles?{query}"), Some(token))
        .await))
}

fn sorted(mut ids: Vec<String>) -> Vec<String> {
    ids.sort();
    ids
}

e2e! {
    async fn a_listed_profile_has_exactly_the_public_fields(app) {
        let (id, _) = mentee(&app, "ada@example.org", json!({
            "display_name": "Ada Producer",
            "headline": "Documentary producer",
            "bio": "Two shorts.",
            "birth_date": "1998-05-14",
            "province": "BC",
            "residency_status": "permanent_resident",
            "employment": {"paid_work": true, "in_field": true, "full_time": false},
            "student": true,
            "producing_credits": 2,
            "audiences": ["racialized", "women"],
            "interests": ["financing", "development"],
            "genres": ["Documentary"],
            "public": true
        })).await;
        let (_, member) = app.member("rep@example.org");
        let expected: BTreeSet<&str> = ["id", "display_name", "headline", "bio", "province", "career_stage", "interests", "genres"].into();

        let list = app.client.get("/api/v1/mentee-profiles", Some(&member)).await;
        assert_eq!(ids(&list), vec![id.clone()], "the profile's id is its owner's user id");
        let item = &list.json["items"][0];
        let keys: BTreeSet<&str> = item.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(keys, expected);
        assert_eq!(item, &json!({
            "id": id,
            "display_name": "Ada Producer",
            "headline": "Documentary producer",
            "bio": "Two shorts.",
            "province": "BC",
            "career_stage": "early_career",
            "interests": ["development", "financing"],
            "genres": ["documentary"]
        }));

        let one = app.client.get(&format!("/api/v1/mentee-profiles/{id}"), Some(&member)).await;
        assert_eq!(one.status, 200, "{}", one.text);
        assert_eq!(&one.json, item);
        assert!(one.header("etag").is_some());
        for private in ["1998-05-14", "permanent_resident", "racialized", "paid_work"] {
            assert!(!list.text.contains(private), "{private} leaked: {}", list.text);
            assert!(!one.text.contains(private), "{private} leaked: {}", one.text);
        }
    }

    async fn private_profiles_are_never_listed_or_read(app) {
        let (public, _) = mentee(&app, "public@example.org", private_details("Public", 0, true)).await;
        let (private, _) = mentee(&app, "private@example.org", private_details("Private", 0, false)).await;
        let (turned, turned_token) = mentee(&app, "turned@example.org", private_details("Turned", 0, true)).await;
        let staff = app.staff();

        assert_eq!(ids(&app.client.get("/api/v1/mentee-profiles", Some(&staff)).await), sorted(vec![public.clone(), turned.clone()]));
        app.client.get(&format!("/api/v1/mentee-profiles/{private}"), Some(&staff)).await.assert_problem(404, "not_found");

        let hidden = app.client.put("/api/v1/me/profile", Some(&turned_token), &private_details("Turned", 0, false)).await;
        assert_eq!(hidden.status, 200, "{}", hidden.text);
        assert_eq!(ids(&app.client.get("/api/v1/mentee-profiles", Some(&staff)).await), vec![public]);
        app.client.get(&format!("/api/v1/mentee-profiles/{turned}"), Some(&staff)).await.assert_problem(404, "not_found");
        app.client.get("/api/v1/mentee-profiles/no-such-user", Some(&staff)).await.assert_problem(404, "not_found");
    }

    async fn a_mentee_who_becomes_a_representative_leaves_the_directory(app) {
        let staff = app.staff();
        let (id, _) = mentee(&app, "ada@example.org", private_details("Ada", 0, true)).await;
        let company = app.client.post("/api/v1/companies", Some(&staff), &json!({"name": "Films", "province": "BC", "membership_expires_on": "2099-01-01"})).await;
        let company_id = company.json["id"].as_str().unwrap();
        let linked = app.client.post(&format!("/api/v1/companies/{company_id}/representatives"), Some(&staff), &json!({"email": "ada@example.org"})).await;
        assert_eq!(linked.status, 201, "{}", linked.text);
        assert_eq!(ids(&app.client.get("/api/v1/mentee-profiles", Some(&staff)).await), Vec::<String>::new());
        app.client.get(&format!("/api/v1/mentee-profiles/{id}"), Some(&staff)).await.assert_problem(404, "not_found");
    }

    async fn filters_narrow_the_directory(app) {
        let (emerging, _) = mentee(&app, "a@example.org", json!({"display_name": "Émilie Tremblay", "headline": "Animation", "province": "QC", "producing_credits": 0, "interests": ["development"], "public": true})).await;
        let (early, _) = mentee(&app, "b@example.org", json!({"display_name": "Ben", "headline": "100% DOCUMENTARY", "province": "BC", "producing_credits": 2, "interests": ["financing"], "public": true})).await;
        let (mid, _) = mentee(&app, "c@example.org", json!({"display_name": "Cy", "bio": "Drama series in ÉCOLE settings", "province": "BC", "producing_credits": 3, "interests": ["export", "financing"], "public": true})).await;
        let (established, _) = mentee(&app, "d@example.org", json!({"display_name": "Di", "province": "ON", "producing_credits": 10, "public": true})).await;
        let (_, member) = app.member("rep@example.org");
        let list = |query: &'static str| listed(&app, &member, query);

        assert_eq!(list("province=BC").await, sorted(vec![early.clone(), mid.clone()]));
        assert_eq!(list("interest=financing").await, sorted(vec![early.clone(), mid.clone()]));
        assert_eq!(list("interest=development&interest=export").await, sorted(vec![emerging.clone(), mid.clone()]));
        assert_eq!(list("career_stage=emerging").await, vec![emerging.clone()]);
        assert_eq!(list("career_stage=early_career").await, vec![early.clone()]);
        assert_eq!(list("career_stage=mid_career&career_stage=established").await, sorted(vec![mid.clone(), established.clone()]));
        assert_eq!(list("q=%C3%A9milie").await, vec![emerging.clone()], "Unicode case folding of é");
        assert_eq!(list("q=%C3%A9cole").await, vec![mid.clone()], "matches the bio");
        assert_eq!(list("q=documentary").await, vec![early.clone()], "matches the headline");
        assert_eq!(list("q=100%25").await, vec![early.clone()], "% is taken literally");
        assert_eq!(list("q=_").await, Vec::<String>::new(), "_ is taken literally");
        assert_eq!(list("province=BC&interest=export&career_stage=mid_career&q=drama").await, vec![mid]);

        app.client.get("/api/v1/mentee-profiles?career_stage=veteran", Some(&member)).await.assert_problem(400, "bad_request");
        app.client.get("/api/v1/mentee-profiles?interest=cooking", Some(&member)).await.assert_problem(400, "bad_request");
        app.client.get("/api/v1/mentee-profiles?province=XX", Some(&member)).await.assert_problem(400, "bad_request");
        let long = "x".repeat(101);
        app.client.get(&format!("/api/v1/mentee-profiles?q={long}"), Some(&member)).await.assert_problem(400, "bad_request");
    }

    async fn the_directory_pages_without_repeats(app) {
        let mut expected = Vec::new();
        for n in 0..5 {
            expected.push(mentee(&app, &format!("m{n}@example.org"), json!({"public": true})).await.0);
        }
        let staff = app.staff();
        let mut seen = Vec::new();
        let mut path = "/api/v1/mentee-profiles?limit=2".to_owned();
        loop {
            let page = app.client.get(&path, Some(&staff)).await;
            seen.extend(ids(&page));
            match page.json["next_cursor"].as_str() {
                Some(cursor) => {
                    assert!(page.header("link").is_some());
                    path = format!("/api/v1/mentee-profiles?limit=2&cursor={cursor}");
                }
                None => break,
            }
        }
        assert_eq!(seen, sorted(expected));
    }

    async fn only_members_and_staff_browse_mentees(app) {
        let (id, individual) = mentee(&app, "ada@example.org", json!({"public": true})).await;
        let (_, partner) = app.user_with_role("partner@example.org", Role::Partner);
        let (_, member) = app.member("rep@example.org");
        let staff = app.staff();
        for path in ["/api/v1/mentee-profiles".to_owned(), format!("/api/v1/mentee-profiles/{id}")] {
            app.client.get(&path, None).await.assert_problem(401, "unauthorized");
            app.client.get(&path, Some(&individual)).await.assert_problem(403, "forbidden");
            app.client.get(&path, Some(&partner)).await.assert_problem(403, "forbidden");
            assert_eq!(app.client.get(&path, Some(&member)).await.status, 200, "{path}");
            assert_eq!(app.client.get(&path, Some(&staff)).await.status, 200, "{path}");
        }
    }
}
