use std::collections::BTreeSet;

use chrono::{Days, NaiveDate, Utc};
use greenlight_domain::ProgramContent;
use greenlight_domain::{Cents, Delivery, ProgramStatus, ProviderKind, Province, Role};
use greenlight_store::postings::{self, PostingFields};
use greenlight_store::programs::{self, NewProgram};
use greenlight_store::providers::{self, NewProvider};
use greenlight_tests::client::Answer;
use greenlight_tests::{TestApp, e2e};
use serde_json::{Value, json};

fn today() -> NaiveDate {
    Utc::now().date_naive()
}

fn in_days(days: u64) -> String {
    (today() + Days::new(days)).to_string()
}

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

/// Registers a user and makes them a representative of the company; returns
/// `(user id, token)`.
async fn representative(
    app: &TestApp,
    staff: &str,
    company_id: &str,
    email: &str,
) -> (String, String) {
    let (id, token) = app.register(email).await;
    let linked = app
        .client
        .post(
            &format!("/api/v1/companies/{company_id}/representatives"),
            Some(staff),
            &json!({"email": email}),
        )
        .await;
    assert_eq!(linked.status, 201, "{}", linked.text);
    (id, token)
}

fn posting_body(company_id: &str) -> Value {
    json!({
        "company_id": company_id,
        "title": "  Development mentee  ",
        "description": "Six months in development with our producers.",
        "province": "BC",
        "genres": ["Documentary", "drama"],
        "remote_ok": true,
        "closes_on": in_days(30)
    })
}

async fn post_posting(app: &TestApp, token: &str, body: &Value) -> String {
    let created = app.client.post("/api/v1/postings", Some(token), body).await;
    assert_eq!(created.status, 201, "{}", created.text);
    created.json["id"].as_str().unwrap().to_owned()
}

/// A posting that closed yesterday, written through the store because the
/// API refuses a past closing date.
fn closed_posting(app: &TestApp, company_id: &str, created_by: &str) -> String {
    let mut conn = app.pool.get().unwrap();
    postings::create(
        &mut conn,
        company_id,
        created_by,
        &PostingFields {
            title: "Closed".to_owned(),
            description: "Too late.".to_owned(),
            program_id: None,
            province: Province::Bc,
            genres: Vec::new(),
            remote_ok: false,
            closes_on: today() - Days::new(1),
        },
    )
    .unwrap()
    .id
}

fn published_program(app: &TestApp, title: &str) -> (String, String) {
    let mut conn = app.pool.get().unwrap();
    let provider = providers::create(
        &mut conn,
        &NewProvider {
            name: "Producers' Association".to_owned(),
            kind: ProviderKind::Association,
            website: None,
            province: None,
            translations: Default::default(),
        },
    )
    .unwrap();
    let program = programs::create(
        &mut conn,
        &NewProgram {
            content: ProgramContent {
                title: title.to_owned(),
                provider_id: provider.id,
                summary: "A summary".to_owned(),
                description: "A description".to_owned(),
                formats: Vec::new(),
                topics: Vec::new(),
                career_stages: Vec::new(),
                regions: Vec::new(),
                audiences: Vec::new(),
                delivery: Delivery::InPerson,
                languages: Vec::new(),
                cost: Cents::ZERO,
                stipend: None,
                application_deadline: None,
                starts_on: None,
                ends_on: None,
                url: None,
                translations: Default::default(),
            },
            slug: None,
            status: ProgramStatus::Published,
            submitted_by: None,
        },
    )
    .unwrap();
    (program.id, program.slug)
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

async fn listed(app: &TestApp, query: String) -> Vec<String> {
    ids(&app
        .client
        .get(&format!("/api/v1/postings?{query}"), None)
        .await)
}

fn error_fields(answer: &Answer) -> Vec<String> {
    answer.assert_problem(422, "validation_failed");
    answer.json["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap().to_owned())
        .collect()
}

/// Everyone the role matrix asks about, around one company.
struct Cast {
    staff: String,
    company: String,
    rep: String,
    rep_id: String,
    other_member: String,
    individual: String,
    partner: String,
}

async fn cast(app: &TestApp) -> Cast {
    let staff = app.staff();
    let company_id = company(app, &staff, "Northern Lights", "2099-01-01").await;
    let other = company(app, &staff, "Other Films", "2099-01-01").await;
    let (rep_id, rep) = representative(app, &staff, &company_id, "rep@example.org").await;
    let (_, other_member) = representative(app, &staff, &other, "other@example.org").await;
    let (_, individual) = app.register("ada@example.org").await;
    let (_, partner) = app.user_with_role("partner@example.org", Role::Partner);
    Cast {
        staff,
        company: company_id,
        rep,
        rep_id,
        other_member,
        individual,
        partner,
    }
}

e2e! {
    async fn a_representative_posts_and_anyone_reads(app) {
        let cast = cast(&app).await;
        let created = app.client.post("/api/v1/postings", Some(&cast.rep), &posting_body(&cast.company)).await;
        assert_eq!(created.status, 201, "{}", created.text);
        let id = created.json["id"].as_str().unwrap();
        assert_eq!(created.header("location"), Some(format!("/api/v1/postings/{id}").as_str()));
        assert_eq!(created.json["title"], "Development mentee");
        assert_eq!(created.json["company_id"], cast.company.as_str());
        assert_eq!(created.json["company_name"], "Northern Lights");
        assert_eq!(created.json["genres"], json!(["documentary", "drama"]));
        assert_eq!(created.json["program_id"], json!(null));
        assert_eq!(created.json["open"], true);
        assert_eq!(created.json["closes_on"], in_days(30));

        let read = app.client.get(&format!("/api/v1/postings/{id}"), None).await;
        assert_eq!(read.status, 200, "{}", read.text);
        assert_eq!(read.json, created.json);
        assert!(read.header("etag").is_some());
        assert_eq!(ids(&app.client.get("/api/v1/postings", None).await), vec![id.to_owned()]);
    }

    async fn only_representatives_of_the_company_and_staff_post(app) {
        let cast = cast(&app).await;
        let body = posting_body(&cast.company);
        app.client.post("/api/v1/postings", None, &body).await.assert_problem(401, "unauthorized");
        app.client.post("/api/v1/postings", Some(&cast.individual), &body).await.assert_problem(403, "forbidden");
        app.client.post("/api/v1/postings", Some(&cast.partner), &body).await.assert_problem(403, "forbidden");
        app.client.post("/api/v1/postings", Some(&cast.other_member), &body).await.assert_problem(403, "forbidden");
        post_posting(&app, &cast.rep, &body).await;
        post_posting(&app, &cast.staff, &body).await;
        assert_eq!(ids(&app.client.get("/api/v1/postings", None).await).len(), 2);
    }

    async fn only_representatives_and_staff_change_or_delete(app) {
        let cast = cast(&app).await;
        let id = post_posting(&app, &cast.rep, &posting_body(&cast.company)).await;
        let path = format!("/api/v1/postings/{id}");
        let change = json!({"title": "Renamed", "remote_ok": false});
        app.client.patch(&path, None, &change).await.assert_problem(401, "unauthorized");
        app.client.delete(&path, None).await.assert_problem(401, "unauthorized");
        for outsider in [&cast.individual, &cast.partner, &cast.other_member] {
            app.client.patch(&path, Some(outsider), &change).await.assert_problem(403, "forbidden");
            app.client.delete(&path, Some(outsider)).await.assert_problem(403, "forbidden");
        }
        let changed = app.client.patch(&path, Some(&cast.rep), &change).await;
        assert_eq!(changed.status, 200, "{}", changed.text);
        assert_eq!(changed.json["title"], "Renamed");
        assert_eq!(changed.json["remote_ok"], false);
        assert_eq!(changed.json["genres"], json!(["documentary", "drama"]), "fields left out stay");
        let by_staff = app.client.patch(&path, Some(&cast.staff), &json!({"genres": []})).await;
        assert_eq!(by_staff.status, 200, "{}", by_staff.text);
        assert_eq!(by_staff.json["genres"], json!([]));

        assert_eq!(app.client.delete(&path, Some(&cast.rep)).await.status, 204);
        app.client.get(&path, None).await.assert_problem(404, "not_found");
        app.client.delete(&path, Some(&cast.rep)).await.assert_problem(404, "not_found");
        let again = post_posting(&app, &cast.rep, &posting_body(&cast.company)).await;
        assert_eq!(app.client.delete(&format!("/api/v1/postings/{again}"), Some(&cast.staff)).await.status, 204);
        app.client.patch("/api/v1/postings/nope", Some(&cast.staff), &change).await.assert_problem(404, "not_found");
    }

    async fn closed_postings_are_listed_only_on_request(app) {
        let cast = cast(&app).await;
        let open = post_posting(&app, &cast.rep, &posting_body(&cast.company)).await;
        let closed = closed_posting(&app, &cast.company, &cast.rep_id);
        assert_eq!(ids(&app.client.get("/api/v1/postings", None).await), vec![open.clone()]);

        let one = app.client.get(&format!("/api/v1/postings/{closed}"), None).await;
        assert_eq!(one.status, 200, "a closed posting can still be read: {}", one.text);
        assert_eq!(one.json["open"], false);

        let all = app.client.get("/api/v1/postings?include_closed=true", Some(&cast.staff)).await;
        assert_eq!(ids(&all), vec![closed.clone(), open.clone()], "soonest closing first");
        let own = app.client.get(&format!("/api/v1/postings?include_closed=true&company_id={}", cast.company), Some(&cast.rep)).await;
        assert_eq!(ids(&own), vec![closed, open]);
        app.client.get("/api/v1/postings?include_closed=true", None).await.assert_problem(403, "forbidden");
        app.client.get("/api/v1/postings?include_closed=true", Some(&cast.rep)).await.assert_problem(403, "forbidden");
        app.client.get(&format!("/api/v1/postings?include_closed=true&company_id={}", cast.company), Some(&cast.other_member)).await.assert_problem(403, "forbidden");
    }

    async fn postings_of_a_lapsed_member_are_hidden_from_the_public(app) {
        let cast = cast(&app).await;
        let id = post_posting(&app, &cast.rep, &posting_body(&cast.company)).await;
        let lapsed = app.client.patch(&format!("/api/v1/companies/{}", cast.company), Some(&cast.staff), &json!({"membership_expires_on": "2020-01-01"})).await;
        assert_eq!(lapsed.status, 200, "{}", lapsed.text);
        let path = format!("/api/v1/postings/{id}");
        app.client.get(&path, None).await.assert_problem(404, "not_found");
        app.client.get(&path, Some(&cast.other_member)).await.assert_problem(404, "not_found");
        app.client.patch(&path, Some(&cast.other_member), &json!({"title": "x"})).await.assert_problem(404, "not_found");
        app.client.post(&format!("{path}/interest"), Some(&cast.individual), &json!({"message": "Hi"})).await.assert_problem(404, "not_found");
        assert_eq!(ids(&app.client.get("/api/v1/postings", None).await), Vec::<String>::new());
        assert_eq!(app.client.get(&path, Some(&cast.rep)).await.status, 200);
        assert_eq!(ids(&app.client.get("/api/v1/postings", Some(&cast.rep)).await), vec![id.clone()]);
        assert_eq!(ids(&app.client.get("/api/v1/postings", Some(&cast.staff)).await), vec![id]);
        let refused = app.client.post("/api/v1/postings", Some(&cast.rep), &posting_body(&cast.company)).await;
        assert_eq!(error_fields(&refused), vec!["company_id"]);
    }

    async fn filters_narrow_the_list_and_pages_follow_closing_dates(app) {
        let cast = cast(&app).await;
        let (program_id, program_slug) = published_program(&app, "Production Mentorship");
        let mut late = posting_body(&cast.company);
        late["closes_on"] = json!(in_days(60));
        late["remote_ok"] = json!(false);
        let late = post_posting(&app, &cast.rep, &late).await;
        let mut linked = posting_body(&cast.company);
        linked["program_id"] = json!(program_slug);
        linked["province"] = json!("ON");
        let created = app.client.post("/api/v1/postings", Some(&cast.rep), &linked).await;
        assert_eq!(created.status, 201, "{}", created.text);
        assert_eq!(created.json["program_id"], program_id.as_str(), "a slug is stored as the program's id");
        let linked = created.json["id"].as_str().unwrap().to_owned();
        let mut soon = posting_body(&cast.company);
        soon["closes_on"] = json!(in_days(1));
        let soon = post_posting(&app, &cast.rep, &soon).await;
        let other_company = app.client.get("/api/v1/companies", None).await.json["items"]
            .as_array().unwrap().iter()
            .map(|c| c["id"].as_str().unwrap().to_owned())
            .find(|id| *id != cast.company).unwrap();
        let mut theirs = posting_body(&other_company);
        theirs["closes_on"] = json!(in_days(90));
        let theirs = post_posting(&app, &cast.other_member, &theirs).await;

        let list = |query: String| listed(&app, query);
        assert_eq!(list(String::new()).await, vec![soon.clone(), linked.clone(), late.clone(), theirs.clone()]);
        assert_eq!(list("province=ON".into()).await, vec![linked.clone()]);
        assert_eq!(list(format!("program_id={program_id}")).await, vec![linked.clone()]);
        assert_eq!(list("remote_ok=false".into()).await, vec![late.clone()]);
        assert_eq!(list(format!("company_id={other_company}")).await, vec![theirs.clone()]);

        let mut seen = Vec::new();
        let mut path = "/api/v1/postings?limit=3".to_owned();
        loop {
            let page = app.client.get(&path, None).await;
            seen.extend(ids(&page));
            match page.json["next_cursor"].as_str() {
                Some(cursor) => path = format!("/api/v1/postings?limit=3&cursor={cursor}"),
                None => break,
            }
        }
        assert_eq!(seen, vec![soon, linked, late, theirs]);
        app.client.get("/api/v1/postings?remote_ok=maybe", None).await.assert_problem(400, "bad_request");
        app.client.get("/api/v1/postings?cursor=bm9wZQ", None).await.assert_problem(400, "bad_request");
    }

    async fn bad_postings_are_refused_naming_the_field(app) {
        let cast = cast(&app).await;
        let mut bad = posting_body(&cast.company);
        bad["title"] = json!("  ");
        bad["description"] = json!("x".repeat(10_001));
        bad["closes_on"] = json!((today() - Days::new(1)).to_string());
        bad["genres"] = json!([""]);
        let answer = app.client.post("/api/v1/postings", Some(&cast.rep), &bad).await;
        assert_eq!(error_fields(&answer), vec!["title", "description", "genres", "closes_on"]);

        let mut unknown_program = posting_body(&cast.company);
        unknown_program["program_id"] = json!("no-such-program");
        assert_eq!(error_fields(&app.client.post("/api/v1/postings", Some(&cast.rep), &unknown_program).await), vec!["program_id"]);
        let unknown_company = posting_body("no-such-company");
        assert_eq!(error_fields(&app.client.post("/api/v1/postings", Some(&cast.staff), &unknown_company).await), vec!["company_id"]);
        let mut bad_province = posting_body(&cast.company);
        bad_province["province"] = json!("XX");
        assert_eq!(error_fields(&app.client.post("/api/v1/postings", Some(&cast.rep), &bad_province).await), vec!["province"]);
        let mut missing = posting_body(&cast.company);
        missing.as_object_mut().unwrap().remove("remote_ok");
        assert_eq!(error_fields(&app.client.post("/api/v1/postings", Some(&cast.rep), &missing).await), vec!["remote_ok"]);

        let id = post_posting(&app, &cast.rep, &posting_body(&cast.company)).await;
        let path = format!("/api/v1/postings/{id}");
        assert_eq!(error_fields(&app.client.patch(&path, Some(&cast.rep), &json!({"closes_on": "2020-01-01"})).await), vec!["closes_on"]);
        assert_eq!(error_fields(&app.client.patch(&path, Some(&cast.rep), &json!({"program_id": ""})).await), vec!["program_id"]);
        assert_eq!(error_fields(&app.client.patch(&path, Some(&cast.rep), &json!({"company_id": "x"})).await), vec!["company_id"]);
        let unlinked = app.client.patch(&path, Some(&cast.rep), &json!({"program_id": null, "closes_on": today().to_string()})).await;
        assert_eq!(unlinked.status, 200, "closing today is allowed: {}", unlinked.text);
        assert_eq!(unlinked.json["open"], true);
    }

    async fn an_individual_answers_a_posting_once(app) {
        let cast = cast(&app).await;
        let id = post_posting(&app, &cast.rep, &posting_body(&cast.company)).await;
        let path = format!("/api/v1/postings/{id}/interest");
        let message = json!({"message": "  I produced two shorts.  "});
        let answered = app.client.post(&path, Some(&cast.individual), &message).await;
        assert_eq!(answered.status, 201, "{}", answered.text);
        assert_eq!(answered.json["message"], "I produced two shorts.");
        assert_eq!(answered.json["posting_id"], id.as_str());
        assert_eq!(answered.json["display_name"], "Test User");
        let again = app.client.post(&path, Some(&cast.individual), &json!({"message": "Again"})).await;
        again.assert_problem(409, "conflict");

        let (_, second) = app.register("ben@example.org").await;
        assert_eq!(app.client.post(&path, Some(&second), &message).await.status, 201, "one per person, not one per posting");

        let outbox = app.client.get("/api/v1/outbox?kind=posting_interest&to=rep@example.org", Some(&cast.staff)).await;
        assert_eq!(outbox.json["items"].as_array().unwrap().len(), 2, "{}", outbox.text);
        assert!(outbox.json["items"][0]["body"].as_str().unwrap().contains("I produced two shorts."));
    }

    async fn only_individuals_answer_and_only_open_postings(app) {
        let cast = cast(&app).await;
        let id = post_posting(&app, &cast.rep, &posting_body(&cast.company)).await;
        let path = format!("/api/v1/postings/{id}/interest");
        let message = json!({"message": "Hello"});
        app.client.post(&path, None, &message).await.assert_problem(401, "unauthorized");
        for not_individual in [&cast.partner, &cast.other_member, &cast.rep, &cast.staff] {
            app.client.post(&path, Some(not_individual), &message).await.assert_problem(403, "forbidden");
        }
        app.client.post("/api/v1/postings/nope/interest", Some(&cast.individual), &message).await.assert_problem(404, "not_found");
        assert_eq!(error_fields(&app.client.post(&path, Some(&cast.individual), &json!({"message": " "})).await), vec!["message"]);
        assert_eq!(error_fields(&app.client.post(&path, Some(&cast.individual), &json!({})).await), vec!["message"]);

        let closed = closed_posting(&app, &cast.company, &cast.rep_id);
        app.client.post(&format!("/api/v1/postings/{closed}/interest"), Some(&cast.individual), &message).await.assert_problem(409, "conflict");
    }

    async fn only_the_company_and_staff_read_the_answers(app) {
        let cast = cast(&app).await;
        let id = post_posting(&app, &cast.rep, &posting_body(&cast.company)).await;
        let ada = app.client.post(&format!("/api/v1/postings/{id}/interest"), Some(&cast.individual), &json!({"message": "First"})).await;
        assert_eq!(ada.status, 201, "{}", ada.text);
        let (ben_id, ben) = app.register("ben@example.org").await;
        app.client.post(&format!("/api/v1/postings/{id}/interest"), Some(&ben), &json!({"message": "Second"})).await.assert_status(201);

        let path = format!("/api/v1/postings/{id}/interests");
        app.client.get(&path, None).await.assert_problem(401, "unauthorized");
        for outsider in [&cast.individual, &cast.partner, &cast.other_member] {
            app.client.get(&path, Some(outsider)).await.assert_problem(403, "forbidden");
        }
        app.client.get("/api/v1/postings/nope/interests", Some(&cast.staff)).await.assert_problem(404, "not_found");

        let by_rep = app.client.get(&path, Some(&cast.rep)).await;
        assert_eq!(by_rep.status, 200, "{}", by_rep.text);
        let items = by_rep.json["items"].as_array().unwrap();
        let messages: Vec<&str> = items.iter().map(|i| i["message"].as_str().unwrap()).collect();
        assert_eq!(messages, vec!["First", "Second"], "oldest first");
        assert_eq!(items[1]["user_id"], ben_id.as_str());
        let keys: BTreeSet<&str> = items[0].as_object().unwrap().keys().map(String::as_str).collect();
        for key in ["id", "user_id", "display_name", "message", "created_at"] {
            assert!(keys.contains(key), "{key} missing from {keys:?}");
        }
        let by_staff = app.client.get(&format!("{path}?limit=1"), Some(&cast.staff)).await;
        assert_eq!(by_staff.json["items"].as_array().unwrap().len(), 1);
        let next = by_staff.json["next_cursor"].as_str().unwrap();
        let second_page = app.client.get(&format!("{path}?limit=1&cursor={next}"), Some(&cast.staff)).await;
        assert_eq!(second_page.json["items"][0]["message"], "Second");
        assert_eq!(second_page.json["next_cursor"], json!(null));

        assert_eq!(app.client.delete(&format!("/api/v1/postings/{id}"), Some(&cast.rep)).await.status, 204);
        app.client.get(&path, Some(&cast.rep)).await.assert_problem(404, "not_found");
    }
}
