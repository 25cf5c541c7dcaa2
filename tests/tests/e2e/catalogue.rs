//! The program catalogue over HTTP: CRUD and validation, slugs, filters,
//! search, pagination, caching, JSON-LD and partner moderation.

use greenlight_domain::Role;
use greenlight_tests::catalogue::{create_program, program, provider, titles, with};
use greenlight_tests::{TestApp, e2e};
use serde_json::json;

async fn association(app: &TestApp, staff: &str) -> String {
    provider(app, staff, "Producers' Association", "association").await
}

async fn list(app: &TestApp, query: &str) -> Vec<String> {
    let answer = app
        .client
        .get(&format!("/api/v1/programs?{query}"), None)
        .await;
    assert_eq!(answer.status, 200, "{query}: {}", answer.text);
    titles(&answer.json)
}

e2e! {
    async fn the_demo_catalogue_answers_searches_and_filters(app) {
        let today = chrono::Utc::now().date_naive();
        greenlight_store::seed::demo_catalogue(&mut app.pool.get().unwrap(), None, today).unwrap();
        assert_eq!(list(&app, "q=bob%20crowe").await, ["Bob Crowe Mentorship Program for Emerging Indigenous Producers"]);
        assert_eq!(list(&app, "region=NL&format=mentorship").await, ["Atlantic Doc Lab", "PictureNL Producer Mentorship Program"]);
        let closed = list(&app, "status=closed").await;
        assert!(closed.contains(&"Black Producer Accelerator Program".to_owned()), "{closed:?}");
        let star = list(&app, "q=star%20producer&limit=50").await;
        assert_eq!(star.len(), 6, "{star:?}");
        assert!(list(&app, "q=banking").await[0].contains("Banking for Producers"));
        assert_eq!(list(&app, "q=ecoproduction").await[0], "Atelier écoproduction", "the exact word ranks first");
        // Both have the word in a title (the STAR module in its French one).
        let mut coproduction = list(&app, "q=coproduction").await;
        coproduction.truncate(2);
        coproduction.sort();
        assert_eq!(
            coproduction,
            ["Laboratoire de coproduction francophone", "STAR Producer Program: Co-production"],
            "hyphenated words also match joined"
        );
    }

    async fn staff_create_read_update_and_delete_a_program(app) {
        let staff = app.staff();
        let provider_id = association(&app, &staff).await;
        let body = with(program(&provider_id, "STAR Producer Program"), json!({
            "description": "Modules on co-production and banking.",
            "formats": ["webinar", "mentorship"],
            "topics": ["coproduction", "banking"],
            "career_stages": ["emerging"],
            "languages": ["en", "fr"],
            "stipend_cents": 500000,
            "application_deadline": "2030-01-15",
            "starts_on": "2030-02-01",
            "ends_on": "2030-06-30",
            "url": "https://example.org/star"
        }));
        let created = app.client.post("/api/v1/programs", Some(&staff), &body).await;
        assert_eq!(created.status, 201, "{}", created.text);
        let program = created.json;
        assert_eq!(created.headers["location"], "/api/v1/programs/star-producer-program");
        assert_eq!(program["slug"], "star-producer-program");
        assert_eq!(program["status"], "published");
        assert_eq!(program["provider"], json!({"id": provider_id, "name": "Producers' Association"}));
        assert_eq!(program["formats"], json!(["mentorship", "webinar"]));
        assert_eq!(program["stipend_cents"], 500000);

        let by_slug = app.client.get("/api/v1/programs/star-producer-program", None).await;
        assert_eq!(by_slug.status, 200);
        assert_eq!(by_slug.json["id"], program["id"]);
        let id = program["id"].as_str().unwrap();
        assert_eq!(app.client.get(&format!("/api/v1/programs/{id}"), None).await.json["slug"], "star-producer-program");

        let patched = app.client.patch(&format!("/api/v1/programs/{id}"), Some(&staff),
            &json!({"summary": "New summary", "stipend_cents": null, "topics": ["financing"]})).await;
        assert_eq!(patched.status, 200, "{}", patched.text);
        assert_eq!(patched.json["summary"], "New summary");
        assert_eq!(patched.json["stipend_cents"], json!(null));
        assert_eq!(patched.json["topics"], json!(["financing"]));
        assert_eq!(patched.json["title"], "STAR Producer Program", "absent fields are unchanged");
        assert_eq!(patched.json["formats"], json!(["mentorship", "webinar"]));
        assert_eq!(patched.json["application_deadline"], "2030-01-15");

        let deleted = app.client.delete("/api/v1/programs/star-producer-program", Some(&staff)).await;
        assert_eq!(deleted.status, 204);
        app.client.get(&format!("/api/v1/programs/{id}"), None).await.assert_problem(404, "not_found");
    }

    async fn invalid_programs_are_refused_naming_each_field_and_what_is_allowed(app) {
        let staff = app.staff();
        let provider_id = association(&app, &staff).await;
        let body = with(program(&provider_id, "Bad"), json!({
            "formats": ["lab", "hackathon"],
            "regions": ["bc"],
            "delivery": "telepathy",
            "cost_cents": -1,
            "stipend_cents": -5,
            "starts_on": "2030-05-02",
            "ends_on": "2030-05-01"
        }));
        let answer = app.client.post("/api/v1/programs", Some(&staff), &body).await;
        answer.assert_problem(422, "validation_failed");
        let errors = answer.json["errors"].as_array().unwrap();
        let message = |field: &str| -> String {
            errors.iter().find(|e| e["field"] == field)
                .unwrap_or_else(|| panic!("no error for {field}: {errors:?}"))["message"]
                .as_str().unwrap().to_owned()
        };
        assert!(message("formats[1]").contains("mentorship, internship, accelerator"));
        assert!(message("regions[0]").contains("national, AB, BC"));
        assert!(message("delivery").contains("in_person, virtual, hybrid"));
        assert!(message("cost_cents").contains("zero or more"));
        assert!(message("stipend_cents").contains("zero or more"));
        assert!(message("ends_on").contains("starts_on"));

        let unknown_provider = app.client.post("/api/v1/programs", Some(&staff), &program("nope", "X")).await;
        unknown_provider.assert_problem(422, "validation_failed");
        assert_eq!(unknown_provider.json["errors"][0]["field"], "provider_id");

        let wrong_type = app.client.post("/api/v1/programs", Some(&staff),
            &with(program(&provider_id, "X"), json!({"cost_cents": "free"}))).await;
        wrong_type.assert_problem(422, "validation_failed");
        assert_eq!(wrong_type.json["errors"][0]["field"], "cost_cents");

        let created = create_program(&app, &staff, &program(&provider_id, "Fine")).await;
        let id = created["id"].as_str().unwrap();
        let bad_patch = app.client.patch(&format!("/api/v1/programs/{id}"), Some(&staff),
            &json!({"ends_on": "2020-01-01", "starts_on": "2021-01-01"})).await;
        bad_patch.assert_problem(422, "validation_failed");
        assert_eq!(bad_patch.json["errors"][0]["field"], "ends_on");
        let unknown_field = app.client.patch(&format!("/api/v1/programs/{id}"), Some(&staff), &json!({"colour": "red"})).await;
        assert_eq!(unknown_field.status, 422, "{}", unknown_field.text);
    }

    async fn slugs_fold_accents_number_collisions_and_refuse_taken_ones(app) {
        let staff = app.staff();
        let provider_id = association(&app, &staff).await;
        let first = create_program(&app, &staff, &program(&provider_id, "Café des Producteurs")).await;
        let second = create_program(&app, &staff, &program(&provider_id, "CAFÉ des producteurs!")).await;
        assert_eq!(first["slug"], "cafe-des-producteurs");
        assert_eq!(second["slug"], "cafe-des-producteurs-2");
        let chosen = create_program(&app, &staff, &with(program(&provider_id, "Other"), json!({"slug": "my-choice"}))).await;
        assert_eq!(chosen["slug"], "my-choice");
        app.client.post("/api/v1/programs", Some(&staff), &with(program(&provider_id, "Again"), json!({"slug": "my-choice"})))
            .await.assert_problem(409, "conflict");
        let malformed = app.client.post("/api/v1/programs", Some(&staff), &with(program(&provider_id, "Again"), json!({"slug": "Not A Slug"}))).await;
        malformed.assert_problem(422, "validation_failed");
        assert_eq!(malformed.json["errors"][0]["field"], "slug");
    }

    async fn staff_writes_refuse_other_roles(app) {
        let staff = app.staff();
        let provider_id = association(&app, &staff).await;
        let created = create_program(&app, &staff, &program(&provider_id, "Locked")).await;
        let id = created["id"].as_str().unwrap();
        let (_, member) = app.user_with_role("member@example.org", Role::Member);
        let (_, partner) = app.user_with_role("partner@example.org", Role::Partner);
        app.client.post("/api/v1/programs", Some(&member), &program(&provider_id, "X")).await.assert_problem(403, "forbidden");
        app.client.post("/api/v1/programs", None, &program(&provider_id, "X")).await.assert_problem(401, "unauthorized");
        for token in [&member, &partner] {
            app.client.patch(&format!("/api/v1/programs/{id}"), Some(token), &json!({"title": "Mine"})).await.assert_problem(403, "forbidden");
            app.client.delete(&format!("/api/v1/programs/{id}"), Some(token)).await.assert_problem(403, "forbidden");
            app.client.post("/api/v1/providers", Some(token), &json!({"name": "P", "kind": "company"})).await.assert_problem(403, "forbidden");
            app.client.get("/api/v1/reports/landscape", Some(token)).await.assert_problem(403, "forbidden");
        }
    }

    async fn providers_crud_with_partial_updates(app) {
        let staff = app.staff();
        let created = app.client.post("/api/v1/providers", Some(&staff),
            &json!({"name": "Telefilm", "kind": "public_funder", "website": "https://telefilm.ca", "province": "QC"})).await;
        assert_eq!(created.status, 201, "{}", created.text);
        let id = created.json["id"].as_str().unwrap().to_owned();
        app.client.post("/api/v1/providers", Some(&staff), &json!({"name": "Telefilm", "kind": "public_funder"}))
            .await.assert_problem(409, "conflict");
        let bad = app.client.post("/api/v1/providers", Some(&staff), &json!({"name": "X", "kind": "bank", "province": "Quebec"})).await;
        bad.assert_problem(422, "validation_failed");
        assert!(bad.json["errors"][0]["message"].as_str().unwrap().contains("public_funder"));
        let patched = app.client.patch(&format!("/api/v1/providers/{id}"), Some(&staff), &json!({"province": null})).await;
        assert_eq!(patched.status, 200, "{}", patched.text);
        assert_eq!(patched.json["province"], json!(null));
        assert_eq!(patched.json["website"], "https://telefilm.ca");
        let listed = app.client.get("/api/v1/providers", None).await;
        assert_eq!(listed.json["items"][0]["name"], "Telefilm");

        let program = create_program(&app, &staff, &program(&id, "Funded")).await;
        app.client.delete(&format!("/api/v1/providers/{id}"), Some(&staff)).await.assert_problem(409, "conflict");
        let renamed = app.client.patch(&format!("/api/v1/providers/{id}"), Some(&staff), &json!({"name": "Téléfilm Canada"})).await;
        assert_eq!(renamed.status, 200);
        assert_eq!(list(&app, "q=telefilm").await, ["Funded"], "search follows the provider's new name");
        app.client.delete(&format!("/api/v1/programs/{}", program["id"].as_str().unwrap()), Some(&staff)).await.assert_status(204);
        assert_eq!(app.client.delete(&format!("/api/v1/providers/{id}"), Some(&staff)).await.status, 204);
        app.client.get(&format!("/api/v1/providers/{id}"), None).await.assert_problem(404, "not_found");
    }

    async fn the_taxonomy_defines_every_term(app) {
        let answer = app.client.get("/api/v1/taxonomy", None).await;
        assert_eq!(answer.status, 200);
        let stages = answer.json["career_stages"].as_array().unwrap();
        assert_eq!(stages[1], json!({"id": "early_career", "label": "Early career",
            "definition": "1 or 2 professional producing credits.", "min_credits": 1, "max_credits": 2}));
        assert_eq!(stages[3]["max_credits"], json!(null));
        assert_eq!(answer.json["formats"].as_array().unwrap().len(), 13);
        assert_eq!(answer.json["regions"][0]["id"], "national");
        assert!(answer.json["audiences"][0]["definition"].as_str().unwrap().len() > 10);
        for key in ["topics", "deliveries", "languages", "provider_kinds"] {
            assert!(!answer.json[key].as_array().unwrap().is_empty(), "{key}");
        }
        let etag = answer.header("etag").unwrap().to_owned();
        let cached = app.client.send(app.client.request(reqwest::Method::GET, "/api/v1/taxonomy").header("If-None-Match", etag)).await;
        assert_eq!(cached.status, 304);
    }

    async fn every_filter_narrows_the_list_and_repeated_values_are_ored(app) {
        let staff = app.staff();
        let association = association(&app, &staff).await;
        let funder = provider(&app, &staff, "Screen Fund", "public_funder").await;
        create_program(&app, &staff, &with(program(&association, "Alpha"), json!({
            "formats": ["mentorship"], "topics": ["financing"], "career_stages": ["emerging"],
            "regions": ["BC"], "audiences": ["indigenous"], "delivery": "in_person", "languages": ["en"],
            "cost_cents": 0, "application_deadline": "2020-01-10"
        }))).await;
        create_program(&app, &staff, &with(program(&association, "Bravo"), json!({
            "formats": ["lab"], "topics": ["export"], "career_stages": ["mid_career"],
            "regions": ["national"], "delivery": "virtual", "languages": ["fr"],
            "cost_cents": 50000, "application_deadline": "2099-03-01"
        }))).await;
        create_program(&app, &staff, &with(program(&funder, "Charlie"), json!({
            "formats": ["lab", "funding"], "topics": ["financing", "export"], "career_stages": ["emerging", "established"],
            "regions": ["ON"], "delivery": "hybrid", "languages": ["en", "fr"],
            "cost_cents": 10000
        }))).await;
        assert_eq!(list(&app, "").await, ["Alpha", "Bravo", "Charlie"]);
        assert_eq!(list(&app, "format=lab").await, ["Bravo", "Charlie"]);
        assert_eq!(list(&app, "format=mentorship&format=funding").await, ["Alpha", "Charlie"]);
        assert_eq!(list(&app, "topic=financing").await, ["Alpha", "Charlie"]);
        assert_eq!(list(&app, "career_stage=emerging").await, ["Alpha", "Charlie"]);
        assert_eq!(list(&app, "career_stage=mid_career&career_stage=established").await, ["Bravo", "Charlie"]);
        assert_eq!(list(&app, "region=BC").await, ["Alpha"], "regions match literally");
        assert_eq!(list(&app, "region=BC&region=national").await, ["Alpha", "Bravo"]);
        assert_eq!(list(&app, "audience=indigenous").await, ["Alpha"]);
        assert_eq!(list(&app, "delivery=virtual&delivery=hybrid").await, ["Bravo", "Charlie"]);
        assert_eq!(list(&app, "language=fr").await, ["Bravo", "Charlie"]);
        assert_eq!(list(&app, &format!("provider={funder}")).await, ["Charlie"]);
        assert_eq!(list(&app, "status=open").await, ["Bravo", "Charlie"]);
        assert_eq!(list(&app, "status=closed").await, ["Alpha"]);
        assert_eq!(list(&app, "deadline_before=2050-01-01").await, ["Alpha"]);
        assert_eq!(list(&app, "deadline_after=2050-01-01").await, ["Bravo"]);
        assert_eq!(list(&app, "max_cost_cents=10000").await, ["Alpha", "Charlie"]);
        assert_eq!(list(&app, "format=lab&topic=financing&max_cost_cents=20000").await, ["Charlie"]);
        assert_eq!(list(&app, "format=lab&region=BC").await, Vec::<String>::new());
        assert_eq!(list(&app, "sort=deadline").await, ["Alpha", "Bravo", "Charlie"], "no deadline sorts last");

        let bad = app.client.get("/api/v1/programs?format=hackathon", None).await;
        bad.assert_problem(400, "bad_request");
        assert!(bad.json["detail"].as_str().unwrap().contains("format"));
        app.client.get("/api/v1/programs?max_cost_cents=-1", None).await.assert_problem(400, "bad_request");
        app.client.get("/api/v1/programs?sort=relevance", None).await.assert_problem(400, "bad_request");
        app.client.get("/api/v1/programs?q=%21%21", None).await.assert_problem(400, "bad_request");
        let longest = "a".repeat(200);
        app.client.get(&format!("/api/v1/programs?q={longest}"), None).await.assert_status(200);
        let too_long = app.client.get(&format!("/api/v1/programs?q={longest}a"), None).await;
        too_long.assert_problem(400, "bad_request");
        assert!(too_long.json["detail"].as_str().unwrap().contains("at most 200"));
    }

    async fn search_ranks_title_hits_first_and_ignores_accents_and_case(app) {
        let staff = app.staff();
        let provider_id = association(&app, &staff).await;
        create_program(&app, &staff, &with(program(&provider_id, "Financing Basics"), json!({"summary": "Money"}))).await;
        create_program(&app, &staff, &with(program(&provider_id, "Writers Room"), json!({"description": "Some financing advice"}))).await;
        create_program(&app, &staff, &with(program(&provider_id, "Pitch Lab"), json!({"summary": "Learn financing plans"}))).await;
        create_program(&app, &staff, &with(program(&provider_id, "Café Crème"), json!({"summary": "Rencontres au café"}))).await;
        create_program(&app, &staff, &program(&provider_id, "Unrelated")).await;
        assert_eq!(list(&app, "q=financing").await, ["Financing Basics", "Pitch Lab", "Writers Room"]);
        assert_eq!(list(&app, "q=FINANC").await, ["Financing Basics", "Pitch Lab", "Writers Room"], "word prefixes match");
        assert_eq!(list(&app, "q=cafe").await, ["Café Crème"]);
        assert_eq!(list(&app, "q=CAFÉ%20creme").await, ["Café Crème"]);
        assert_eq!(list(&app, "q=association").await.len(), 5, "the provider's name is searched");
        assert_eq!(list(&app, "q=financing&sort=title").await, ["Financing Basics", "Pitch Lab", "Writers Room"]);
        assert_eq!(list(&app, "q=financing%20plans").await, ["Pitch Lab"], "every word must match");
    }

    async fn pages_are_stable_while_programs_are_added(app) {
        let staff = app.staff();
        let provider_id = association(&app, &staff).await;
        for n in 0..7 {
            create_program(&app, &staff, &with(program(&provider_id, &format!("Program {n} financing")), json!({
                "application_deadline": if n % 2 == 0 { json!(format!("2099-0{}-01", n + 1)) } else { json!(null) }
            }))).await;
        }
        for sort in ["title", "deadline", "updated", "relevance"] {
            let mut seen: Vec<String> = Vec::new();
            let mut path = format!("/api/v1/programs?q=financing&sort={sort}&limit=3");
            let mut inserted = 0;
            loop {
                let page = app.client.get(&path, None).await;
                assert_eq!(page.status, 200, "{}", page.text);
                seen.extend(titles(&page.json));
                // A program added between pages shows up on no page or once.
                create_program(&app, &staff, &program(&provider_id, &format!("{sort} extra {inserted} financing"))).await;
                inserted += 1;
                match page.json["next_cursor"].as_str() {
                    Some(_) => {
                        let link = page.header("link").unwrap();
                        path = link.trim_start_matches('<').split('>').next().unwrap().to_owned();
                    }
                    None => break,
                }
            }
            let originals: Vec<&String> = seen.iter().filter(|t| t.starts_with("Program")).collect();
            assert_eq!(originals.len(), 7, "{sort}: {seen:?}");
            let mut distinct = seen.clone();
            distinct.sort();
            distinct.dedup();
            assert_eq!(distinct.len(), seen.len(), "{sort}: no repeats in {seen:?}");
        }
        app.client.get("/api/v1/programs?cursor=bm9wZQ", None).await.assert_problem(400, "bad_request");
    }

    async fn lists_and_items_answer_304_when_unchanged(app) {
        let staff = app.staff();
        let provider_id = association(&app, &staff).await;
        create_program(&app, &staff, &program(&provider_id, "Cached")).await;
        for path in ["/api/v1/programs?format=workshop", "/api/v1/programs/cached"] {
            let first = app.client.get(path, None).await;
            let etag = first.header("etag").unwrap().to_owned();
            let again = app.client.send(app.client.request(reqwest::Method::GET, path).header("If-None-Match", &etag)).await;
            assert_eq!(again.status, 304, "{path}");
            assert!(again.text.is_empty());
        }
        let before = app.client.get("/api/v1/programs/cached", None).await.header("etag").unwrap().to_owned();
        app.client.patch("/api/v1/programs/cached", Some(&staff), &json!({"summary": "Changed"})).await.assert_status(200);
        let after = app.client.send(app.client.request(reqwest::Method::GET, "/api/v1/programs/cached").header("If-None-Match", &before)).await;
        assert_eq!(after.status, 200, "a change gives a new ETag");
    }

    async fn json_ld_describes_the_program_with_schema_org(app) {
        let staff = app.staff();
        let provider_id = association(&app, &staff).await;
        create_program(&app, &staff, &with(program(&provider_id, "Virtual Production Lab"), json!({
            "formats": ["lab"], "application_deadline": "2099-05-01", "starts_on": "2099-06-01",
            "cost_cents": 12550, "url": "https://example.org/vp", "languages": ["en"]
        }))).await;
        let answer = app.client.send(app.client.request(reqwest::Method::GET, "/api/v1/programs/virtual-production-lab")
            .header("Accept", "application/ld+json")).await;
        assert_eq!(answer.status, 200, "{}", answer.text);
        assert!(answer.header("content-type").unwrap().starts_with("application/ld+json"));
        let document: serde_json::Value = serde_json::from_str(&answer.text).unwrap();
        assert_eq!(document["@context"], "https://schema.org");
        assert_eq!(document["@type"], "EducationalOccupationalProgram");
        assert_eq!(document["name"], "Virtual Production Lab");
        assert_eq!(document["provider"]["name"], "Producers' Association");
        assert_eq!(document["applicationDeadline"], "2099-05-01");
        assert_eq!(document["startDate"], "2099-06-01");
        assert_eq!(document["offers"]["price"], "125.50");
        assert_eq!(document["offers"]["priceCurrency"], "CAD");
        assert_eq!(document["educationalProgramMode"], "online");
        let id = document["identifier"].as_str().unwrap();
        assert_eq!(document["@id"], format!("{}/api/v1/programs/{id}", app.config.public_url));
        assert_eq!(document["url"], "https://example.org/vp");
        // The same document at its own address, for typed clients.
        let own = app.client.get("/api/v1/programs/virtual-production-lab/jsonld", None).await;
        own.assert_status(200);
        assert!(own.header("content-type").unwrap().starts_with("application/ld+json"));
        assert_eq!(serde_json::from_str::<serde_json::Value>(&own.text).unwrap(), document);
        app.client.get("/api/v1/programs/no-such-program/jsonld", None).await.assert_problem(404, "not_found");
        let plain = app.client.get("/api/v1/programs/virtual-production-lab", None).await;
        assert!(plain.header("content-type").unwrap().starts_with("application/json"));
    }

    async fn partner_programs_wait_for_staff_before_anyone_else_sees_them(app) {
        let staff = app.staff();
        let provider_id = association(&app, &staff).await;
        let (partner_id, partner) = app.user_with_role("partner@example.org", Role::Partner);
        let (_, other_partner) = app.user_with_role("other@example.org", Role::Partner);
        let submitted = create_program(&app, &partner, &program(&provider_id, "Partner Lab")).await;
        assert_eq!(submitted["status"], "pending");
        assert_eq!(submitted["submitted_by"], partner_id.as_str());
        let path = "/api/v1/programs/partner-lab";

        app.client.get(path, None).await.assert_problem(404, "not_found");
        app.client.get(path, Some(&other_partner)).await.assert_problem(404, "not_found");
        assert_eq!(app.client.get(path, Some(&partner)).await.status, 200);
        assert_eq!(app.client.get(path, Some(&staff)).await.status, 200);
        assert!(list(&app, "").await.is_empty(), "pending programs are not listed");
        let review = app.client.get("/api/v1/programs?review=pending", Some(&staff)).await;
        assert_eq!(titles(&review.json), ["Partner Lab"]);
        let own = app.client.get("/api/v1/programs?review=pending", Some(&other_partner)).await;
        assert!(titles(&own.json).is_empty(), "partners see only their own submissions");
        app.client.get("/api/v1/programs?review=pending", None).await.assert_problem(403, "forbidden");

        app.client.post(&format!("{path}/publish"), Some(&partner), &json!({})).await.assert_problem(403, "forbidden");
        let published = app.client.post(&format!("{path}/publish"), Some(&staff), &json!({})).await;
        assert_eq!(published.status, 200, "{}", published.text);
        assert_eq!(published.json["status"], "published");
        assert_eq!(app.client.get(path, None).await.status, 200);
        assert_eq!(list(&app, "").await, ["Partner Lab"]);
        app.client.post("/api/v1/programs/nothing-here/publish", Some(&staff), &json!({})).await.assert_problem(404, "not_found");
    }

    async fn a_slug_cannot_take_over_another_programs_id(app) {
        let staff = app.staff();
        let provider_id = association(&app, &staff).await;
        let real = create_program(&app, &staff, &program(&provider_id, "Real Program")).await;
        let real_id = real["id"].as_str().unwrap().to_owned();
        let (_, partner) = app.user_with_role("partner@example.org", Role::Partner);
        let impostor = app.client.post("/api/v1/programs", Some(&partner),
            &with(program(&provider_id, "Impostor"), json!({"slug": real_id}))).await;
        impostor.assert_problem(422, "validation_failed");
        assert_eq!(impostor.json["errors"][0]["field"], "slug");
        let plain = real_id.replace('-', "");
        app.client.post("/api/v1/programs", Some(&partner),
            &with(program(&provider_id, "Impostor"), json!({"slug": plain}))).await
            .assert_problem(422, "validation_failed");
        let titled = create_program(&app, &partner, &program(&provider_id, &real_id)).await;
        assert_ne!(titled["slug"], real_id.as_str(), "a derived slug is never shaped like an id either");
        let published = app.client.post(&format!("/api/v1/programs/{}/publish", titled["id"].as_str().unwrap()), Some(&staff), &json!({})).await;
        assert_eq!(published.status, 200, "{}", published.text);

        let read = app.client.get(&format!("/api/v1/programs/{real_id}"), None).await;
        assert_eq!(read.status, 200);
        assert_eq!(read.json["title"], "Real Program", "the id answers the real program");
        let patched = app.client.patch(&format!("/api/v1/programs/{real_id}"), Some(&staff), &json!({"summary": "Edited"})).await;
        assert_eq!(patched.status, 200, "{}", patched.text);
        assert_eq!(patched.json["id"], real_id.as_str(), "staff PATCH on the id edits the real program");
        let renamed = app.client.patch(&format!("/api/v1/programs/{real_id}"), Some(&staff), &json!({"slug": titled["id"]})).await;
        renamed.assert_problem(422, "validation_failed");
        assert_eq!(renamed.json["errors"][0]["field"], "slug");
    }

    async fn only_staff_and_the_submitter_see_who_submitted_a_program(app) {
        let staff = app.staff();
        let provider_id = association(&app, &staff).await;
        let (partner_id, partner) = app.user_with_role("partner@example.org", Role::Partner);
        let (_, other) = app.user_with_role("other@example.org", Role::Partner);
        let submitted = create_program(&app, &partner, &program(&provider_id, "Partner Lab")).await;
        assert_eq!(submitted["submitted_by"], partner_id.as_str(), "the submitter sees it");
        let id = submitted["id"].as_str().unwrap();
        let published = app.client.post(&format!("/api/v1/programs/{id}/publish"), Some(&staff), &json!({})).await;
        assert_eq!(published.status, 200, "{}", published.text);
        assert_eq!(published.json["submitted_by"], partner_id.as_str(), "staff see it");
        let path = format!("/api/v1/programs/{id}");
        for token in [None, Some(other.as_str())] {
            let read = app.client.get(&path, token).await;
            assert_eq!(read.status, 200);
            assert!(read.json.get("submitted_by").is_none_or(|v| v.is_null()), "{token:?}: {}", read.text);
            let listed = app.client.get("/api/v1/programs", token).await;
            assert!(!listed.text.contains(&partner_id), "{token:?}: {}", listed.text);
            let matched = app.client.post("/api/v1/programs/match", token, &json!({"profile": {}})).await;
            assert_eq!(matched.status, 200);
            assert!(!matched.text.contains(&partner_id), "{}", matched.text);
        }
        for token in [&staff, &partner] {
            assert_eq!(app.client.get(&path, Some(token)).await.json["submitted_by"], partner_id.as_str());
            let listed = app.client.get("/api/v1/programs", Some(token)).await;
            assert_eq!(listed.json["items"][0]["submitted_by"], partner_id.as_str());
        }
    }

    async fn partners_hold_a_bounded_number_of_pending_programs(app) {
        let mut options = greenlight_tests::Options::default();
        options.config.partner_pending_limit = 2;
        let app = TestApp::start(app.pool.clone(), None, options);
        let staff = app.staff();
        let provider_id = association(&app, &staff).await;
        let (_, partner) = app.user_with_role("partner@example.org", Role::Partner);
        let (_, other) = app.user_with_role("other@example.org", Role::Partner);
        assert!(list(&app, "").await.is_empty(), "the read model is loaded");
        let published_before = app.read_model.applied();
        assert!(published_before.is_some());
        let first = create_program(&app, &partner, &program(&provider_id, "One")).await;
        create_program(&app, &partner, &program(&provider_id, "Two")).await;
        let refused = app.client.post("/api/v1/programs", Some(&partner), &program(&provider_id, "Three")).await;
        refused.assert_problem(409, "conflict");
        assert!(refused.json["detail"].as_str().unwrap().contains("waiting for review"), "{}", refused.text);
        create_program(&app, &other, &program(&provider_id, "Other's")).await;
        assert_eq!(app.read_model.applied(), published_before, "pending writes leave the published read model alone");
        let published = app.client.post(&format!("/api/v1/programs/{}/publish", first["id"].as_str().unwrap()), Some(&staff), &json!({})).await;
        assert_eq!(published.status, 200, "{}", published.text);
        create_program(&app, &partner, &program(&provider_id, "Three")).await;
        let review = app.client.get("/api/v1/programs?review=pending&q=three", Some(&partner)).await;
        assert_eq!(titles(&review.json), ["Three"], "pending programs are searched by the same engine");
    }

    async fn concurrent_submissions_never_pass_the_pending_limit(app) {
        let mut options = greenlight_tests::Options::default();
        options.config.partner_pending_limit = 3;
        options.workers = 4;
        let app = TestApp::start(app.pool.clone(), None, options);
        let staff = app.staff();
        let provider_id = association(&app, &staff).await;
        let (_, partner) = app.user_with_role("partner@example.org", Role::Partner);
        let bodies: Vec<serde_json::Value> = (0..8).map(|n| program(&provider_id, &format!("Rush {n}"))).collect();
        let answers = futures::future::join_all(
            bodies.iter().map(|body| app.client.post("/api/v1/programs", Some(&partner), body)),
        )
        .await;
        let created = answers.iter().filter(|a| a.status == 201).count();
        let refused = answers.iter().filter(|a| a.status == 409).count();
        assert_eq!((created, refused), (3, 5), "{:?}", answers.iter().map(|a| a.status).collect::<Vec<_>>());
        let review = app.client.get("/api/v1/programs?review=pending&limit=100", Some(&staff)).await;
        assert_eq!(titles(&review.json).len(), 3);
    }

    async fn matching_ranks_eligible_programs_first_with_reasons(app) {
        let staff = app.staff();
        let provider_id = association(&app, &staff).await;
        create_program(&app, &staff, &with(program(&provider_id, "Established Only"), json!({
            "career_stages": ["established"], "topics": ["financing"]
        }))).await;
        create_program(&app, &staff, &with(program(&provider_id, "Financing For Newcomers"), json!({
            "career_stages": ["emerging"], "topics": ["financing"]
        }))).await;
        create_program(&app, &staff, &with(program(&provider_id, "General Workshop"), json!({
            "cost_cents": 10000, "delivery": "in_person"
        }))).await;
        create_program(&app, &staff, &with(program(&provider_id, "BC Only"), json!({"regions": ["BC"]}))).await;
        let answer = app.client.post("/api/v1/programs/match", None, &json!({
            "profile": {"province": "ON", "producing_credits": 0, "interests": ["financing"]},
            "limit": 4
        })).await;
        assert_eq!(answer.status, 200, "{}", answer.text);
        let items = answer.json["items"].as_array().unwrap();
        let order: Vec<&str> = items.iter().map(|i| i["program"]["title"].as_str().unwrap()).collect();
        // Eligible first; among the ineligible, the shared interest scores higher.
        assert_eq!(order, ["Financing For Newcomers", "General Workshop", "Established Only", "BC Only"]);
        assert_eq!(items[0]["eligible"], true);
        assert!(items[0]["score"].as_i64().unwrap() > items[1]["score"].as_i64().unwrap());
        assert_eq!(items[2]["eligible"], false);
        assert!(items[2]["score"].as_i64().unwrap() > items[3]["score"].as_i64().unwrap());
        let reasons: Vec<&str> = items[3]["reasons"].as_array().unwrap().iter().map(|r| r.as_str().unwrap()).collect();
        assert!(reasons.contains(&"Only for producers in BC — your profile says ON"), "{reasons:?}");
        assert_eq!(items[0]["program"]["provider"]["name"], "Producers' Association");

        let too_many = app.client.post("/api/v1/programs/match", None, &json!({"profile": {}, "limit": 1000})).await;
        too_many.assert_problem(422, "validation_failed");
        let bad_profile = app.client.post("/api/v1/programs/match", None, &json!({"profile": {"province": "Ontario"}})).await;
        bad_profile.assert_problem(422, "validation_failed");
        assert_eq!(bad_profile.json["errors"][0]["field"], "profile.province");
        let implausible = app
            .client
            .post("/api/v1/programs/match", None, &json!({"profile": {"producing_credits": 2_147_483_648_u64, "birth_date": "2999-01-01"}}))
            .await;
        implausible.assert_problem(422, "validation_failed");
        let fields: Vec<&str> = implausible.json["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
        assert_eq!(fields, ["profile.birth_date", "profile.producing_credits"]);
    }

    async fn landscape_counts_published_programs_as_json_and_csv(app) {
        let staff = app.staff();
        let association = association(&app, &staff).await;
        let school = provider(&app, &staff, "Film School", "school").await;
        create_program(&app, &staff, &with(program(&association, "One"), json!({"career_stages": ["emerging"], "formats": ["lab"]}))).await;
        create_program(&app, &staff, &with(program(&association, "Two"), json!({"career_stages": ["emerging", "mid_career"]}))).await;
        create_program(&app, &staff, &with(program(&school, "Three"), json!({"regions": ["QC"]}))).await;
        let (_, partner) = app.user_with_role("partner@example.org", Role::Partner);
        create_program(&app, &partner, &program(&school, "Pending")).await;

        let report = app.client.get("/api/v1/reports/landscape", Some(&staff)).await;
        assert_eq!(report.status, 200, "{}", report.text);
        assert_eq!(report.json["total"], 3);
        let row = |dimension: &str, value: &str| report.json[dimension].as_array().unwrap().iter()
            .find(|r| r["value"] == value).unwrap().clone();
        assert_eq!(row("by_career_stage", "emerging")["count"], 2);
        assert_eq!(row("by_career_stage", "emerging")["share"], 0.6667);
        assert_eq!(row("by_career_stage", "established")["count"], 0);
        assert_eq!(row("by_provider_kind", "school")["count"], 1);
        assert_eq!(row("by_region", "national")["label"], "National");
        assert_eq!(row("by_format", "workshop")["count"], 2);

        let csv = app.client.get("/api/v1/reports/landscape?format=csv", Some(&staff)).await;
        assert_eq!(csv.status, 200);
        assert!(csv.header("content-type").unwrap().starts_with("text/csv"));
        let mut reader = csv::Reader::from_reader(csv.text.as_bytes());
        assert_eq!(reader.headers().unwrap(), vec!["dimension", "value", "count", "share"]);
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        let emerging = rows.iter().find(|r| &r[0] == "career_stage" && &r[1] == "emerging").unwrap();
        assert_eq!((&emerging[2], &emerging[3]), ("2", "0.6667"));
        let quebec = rows.iter().find(|r| &r[0] == "region" && &r[1] == "QC").unwrap();
        assert_eq!(&quebec[2], "1");
        app.client.get("/api/v1/reports/landscape?format=xml", Some(&staff)).await.assert_problem(400, "bad_request");
    }
}

/// The same catalogue gives the same search results, in the same order, on
/// both backends: search runs in the catalogue engine, not in SQL, and its
/// scores depend on each program alone.
#[actix_web::test]
async fn both_backends_rank_search_results_identically() {
    let mut orders = Vec::new();
    for backend in [
        greenlight_tests::Backend::Sqlite,
        greenlight_tests::Backend::Postgres,
    ] {
        let Some(app) = TestApp::spawn(backend).await else {
            continue;
        };
        let staff = app.staff();
        let provider_id = provider(&app, &staff, "Coproduction Partners", "company").await;
        for (title, summary, description) in [
            (
                "Coproduction Market",
                "Meet partners",
                "Treaty coproduction basics",
            ),
            ("Treaty Clinic", "Coproduction treaties explained", ""),
            (
                "Export Lab",
                "Sell abroad",
                "Includes a coproduction module",
            ),
            ("Co-production 101", "Basics", ""),
            ("Banking Day", "Interim financing", ""),
            (
                "Zebra Coproduction",
                "Coproduction for all",
                "coproduction again",
            ),
        ] {
            create_program(
                &app,
                &staff,
                &with(
                    program(&provider_id, title),
                    json!({
                        "summary": summary, "description": description
                    }),
                ),
            )
            .await;
        }
        let mut pages = Vec::new();
        for query in [
            "q=coproduction",
            "q=coprod%20treaty",
            "q=partners",
            "q=co&sort=deadline",
        ] {
            pages.push(list(&app, query).await);
        }
        orders.push(pages);
    }
    if let [sqlite, postgres] = orders.as_slice() {
        assert_eq!(sqlite, postgres);
    }
    assert_eq!(
        orders[0][0],
        [
            "Zebra Coproduction",
            "Coproduction Market",
            "Co-production 101",
            "Treaty Clinic",
            "Export Lab",
            "Banking Day"
        ],
        "title hits first, shorter titles and more mentions higher (hyphenated words match joined); then summary hits; then the rest"
    );
}

/// Another instance's writes reach this instance's read model within its
/// staleness bound, through the change log alone.
#[actix_web::test]
async fn writes_through_another_instance_show_within_the_staleness_bound() {
    for backend in [
        greenlight_tests::Backend::Sqlite,
        greenlight_tests::Backend::Postgres,
    ] {
        let Some(writer) = TestApp::spawn(backend).await else {
            continue;
        };
        let reader = TestApp::start(
            writer.pool.clone(),
            None,
            greenlight_tests::Options::default(),
        );
        let staff = writer.staff();
        let provider_id = association(&writer, &staff).await;
        let first = create_program(&writer, &staff, &program(&provider_id, "First")).await;
        within_staleness(&reader, "", &["First"]).await;
        create_program(&writer, &staff, &program(&provider_id, "Second")).await;
        assert_eq!(
            list(&writer, "").await,
            ["First", "Second"],
            "the writer sees its write at once"
        );
        within_staleness(&reader, "", &["First", "Second"]).await;
        let item = reader.client.get("/api/v1/programs/second", None).await;
        assert_eq!(item.status, 200);

        let patched = writer
            .client
            .patch(
                &format!("/api/v1/programs/{}", first["id"].as_str().unwrap()),
                Some(&staff),
                &json!({"title": "Third", "summary": "Renamed"}),
            )
            .await;
        assert_eq!(patched.status, 200, "{}", patched.text);
        within_staleness(&reader, "q=renamed", &["Third"]).await;
        let deleted = writer
            .client
            .delete("/api/v1/programs/second", Some(&staff))
            .await;
        assert_eq!(deleted.status, 204);
        within_staleness(&reader, "", &["Third"]).await;
        reader
            .client
            .get("/api/v1/programs/second", None)
            .await
            .assert_problem(404, "not_found");
    }
}

/// Polls `reader` until the list answers `expected`, failing if that takes
/// longer than the read model's staleness bound (plus a margin for a busy
/// test machine).
async fn within_staleness(reader: &TestApp, query: &str, expected: &[&str]) {
    let started = std::time::Instant::now();
    let bound = greenlight_api::read_model::STALENESS + std::time::Duration::from_millis(500);
    loop {
        let seen = list(reader, query).await;
        if seen == expected {
            return;
        }
        assert!(
            started.elapsed() < bound,
            "{query}: still {seen:?} after {:?}",
            started.elapsed()
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}
