//! Arrangements shared by the mentorship scenarios: a program, a member
//! company with a representative, a cycle open now, a mentee with an eligible
//! profile, and joint applications at each stage.

#![allow(dead_code)]

use greenlight_domain::ProgramContent;
use greenlight_domain::{Cents, Delivery, Format, ProgramStatus, ProviderKind, Region};
use greenlight_store::programs::{self, NewProgram};
use greenlight_store::providers::{self, NewProvider};
use greenlight_tests::TestApp;
use greenlight_tests::client::Answer;
use serde_json::{Value, json};

/// A placement in fiscal year 2030–31 (April start), far from any real date.
pub const STARTS_ON: &str = "2030-04-08";
pub const ENDS_ON: &str = "2030-09-27";

/// A published mentorship program arranged through the store; returns its id.
pub fn program(app: &TestApp, title: &str) -> String {
    let mut conn = app.pool.get().unwrap();
    let provider = providers::create(
        &mut conn,
        &NewProvider {
            name: format!("{title} provider"),
            kind: ProviderKind::Association,
            website: None,
            province: None,
            translations: Default::default(),
        },
    )
    .unwrap();
    programs::create(
        &mut conn,
        &NewProgram {
            content: ProgramContent {
                title: title.to_owned(),
                provider_id: provider.id,
                summary: "Placements in member companies".to_owned(),
                description: "Joint applications".to_owned(),
                formats: vec![Format::Mentorship],
                topics: Vec::new(),
                career_stages: Vec::new(),
                regions: vec![Region::National],
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
    .unwrap()
    .id
}

/// A cycle body open from yesterday for 30 days; `changes` overrides fields.
pub fn cycle_body(changes: Value) -> Value {
    let now = chrono::Utc::now();
    let mut body = json!({
        "name": "Spring 2030",
        "opens_at": (now - chrono::Duration::days(1)).to_rfc3339(),
        "closes_at": (now + chrono::Duration::days(30)).to_rfc3339(),
        "placement_starts_on": STARTS_ON,
        "placement_ends_on": ENDS_ON,
        "max_placements": 3,
        "stipend_cents": 1_200_000,
        "grant_cents": 600_000,
        "min_mentor_contribution_cents": 500_000,
        "rules": {}
    });
    for (key, value) in changes.as_object().unwrap() {
        body[key] = value.clone();
    }
    body
}

pub async fn cycle(app: &TestApp, staff: &str, program: &str, changes: Value) -> String {
    let created = app
        .client
        .post(
            &format!("/api/v1/programs/{program}/cycles"),
            Some(staff),
            &cycle_body(changes),
        )
        .await;
    assert_eq!(created.status, 201, "{}", created.text);
    created.json["id"].as_str().unwrap().to_owned()
}

pub async fn company(app: &TestApp, staff: &str, name: &str, expires: &str) -> String {
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

/// Registers `email` and makes them a representative of the company;
/// returns their token.
pub async fn representative(app: &TestApp, staff: &str, company: &str, email: &str) -> String {
    let (_, token) = app.register(email).await;
    let added = app
        .client
        .post(
            &format!("/api/v1/companies/{company}/representatives"),
            Some(staff),
            &json!({"email": email}),
        )
        .await;
    assert_eq!(added.status, 201, "{}", added.text);
    token
}

pub fn eligible_profile() -> Value {
    json!({
        "display_name": "Mentee",
        "birth_date": "1996-02-29",
        "province": "BC",
        "residency_status": "citizen",
        "employment": {"paid_work": false},
        "producing_credits": 1
    })
}

/// Registers a mentee and saves `profile`; returns `(id, token)`.
pub async fn mentee(app: &TestApp, email: &str, profile: Value) -> (String, String) {
    let (id, token) = app.register(email).await;
    let saved = app
        .client
        .put("/api/v1/me/profile", Some(&token), &profile)
        .await;
    assert_eq!(saved.status, 200, "{}", saved.text);
    (id, token)
}

pub fn application_body(cycle: &str, company: &str, starts_on: &str, ends_on: &str) -> Value {
    json!({
        "cycle_id": cycle,
        "company_id": company,
        "placement": {"starts_on": starts_on, "ends_on": ends_on, "engagement": "employee",
                      "deductions_at_source": true, "hours_per_week": 35},
        "statement": "I want to learn documentary development."
    })
}

pub async fn draft(app: &TestApp, mentee: &str, cycle: &str, company: &str) -> String {
    draft_on(app, mentee, cycle, company, STARTS_ON, ENDS_ON).await
}

pub async fn draft_on(
    app: &TestApp,
    mentee: &str,
    cycle: &str,
    company: &str,
    starts_on: &str,
    ends_on: &str,
) -> String {
    let created = app
        .client
        .post(
            "/api/v1/applications",
            Some(mentee),
            &application_body(cycle, company, starts_on, ends_on),
        )
        .await;
    assert_eq!(created.status, 201, "{}", created.text);
    created.json["id"].as_str().unwrap().to_owned()
}

pub async fn endorse(app: &TestApp, rep: &str, application: &str, contribution: i64) -> Answer {
    app.client
        .post(
            &format!("/api/v1/applications/{application}/endorse"),
            Some(rep),
            &json!({"mentor_name": "Grace Producer", "contribution_cents": contribution, "acknowledges_tax_slip": true}),
        )
        .await
}

pub async fn submit(app: &TestApp, mentee: &str, application: &str) -> Answer {
    app.client
        .post(
            &format!("/api/v1/applications/{application}/submit"),
            Some(mentee),
            &json!({}),
        )
        .await
}

pub async fn decide(app: &TestApp, staff: &str, application: &str, outcome: &str) -> Answer {
    app.client
        .post(
            &format!("/api/v1/applications/{application}/decision"),
            Some(staff),
            &json!({"outcome": outcome}),
        )
        .await
}

/// Draft, endorse at the minimum and submit; returns the application id.
pub async fn submitted(
    app: &TestApp,
    mentee: &str,
    rep: &str,
    cycle: &str,
    company: &str,
) -> String {
    submitted_on(app, mentee, rep, cycle, company, STARTS_ON, ENDS_ON).await
}

pub async fn submitted_on(
    app: &TestApp,
    mentee: &str,
    rep: &str,
    cycle: &str,
    company: &str,
    starts_on: &str,
    ends_on: &str,
) -> String {
    let id = draft_on(app, mentee, cycle, company, starts_on, ends_on).await;
    let endorsed = endorse(app, rep, &id, 500_000).await;
    assert_eq!(endorsed.status, 200, "{}", endorsed.text);
    let sent = submit(app, mentee, &id).await;
    assert_eq!(sent.status, 200, "{}", sent.text);
    id
}

/// The rules that failed in an evaluation or an `ineligible` problem.
pub fn failed_rules(answer: &Answer) -> Vec<String> {
    answer.json["checks"]
        .as_array()
        .unwrap_or_else(|| panic!("no checks: {}", answer.text))
        .iter()
        .filter(|check| check["passed"] == false)
        .map(|check| check["rule"].as_str().unwrap().to_owned())
        .collect()
}

/// Everything a joint application needs: staff, a program with an open
/// cycle, a member company with a representative, an eligible mentee.
pub struct World {
    pub staff: String,
    pub program: String,
    pub cycle: String,
    pub company: String,
    pub rep: String,
    pub mentee_id: String,
    pub mentee: String,
}

pub async fn world(app: &TestApp) -> World {
    let staff = app.staff();
    let program = program(app, "Production Mentorship");
    let cycle = cycle(app, &staff, &program, json!({})).await;
    let company = company(app, &staff, "Northern Lights", "2099-12-31").await;
    let rep = representative(app, &staff, &company, "rep@northern.example").await;
    let (mentee_id, mentee) = mentee(app, "mentee@example.org", eligible_profile()).await;
    World {
        staff,
        program,
        cycle,
        company,
        rep,
        mentee_id,
        mentee,
    }
}
