//! The demo, loaded as `serve --demo` loads it, seen through the API: every
//! resource holds realistic data, dated from today, marked illustrative.

use greenlight_api::ApiError;
use greenlight_api::auth::password;
use greenlight_store::seed::DemoWorld;
use greenlight_tests::client::Answer;
use greenlight_tests::{TestApp, e2e};
use serde_json::{Value, json};

fn load(app: &TestApp) -> DemoWorld {
    let mut conn = app.pool.get().unwrap();
    greenlight_store::seed::demo(&mut conn, chrono::Utc::now().date_naive(), |plain| {
        password::check_policy(plain, &[])
            .map_err(|refusal| ApiError::validation("password", refusal))?;
        password::hash(plain)
    })
    .unwrap()
}

async fn sign_in(app: &TestApp, email: &str, password: &str) -> String {
    let answer = app
        .client
        .post(
            "/api/v1/auth/token",
            None,
            &json!({"email": email, "password": password}),
        )
        .await;
    assert_eq!(answer.status, 200, "{email}: {}", answer.text);
    answer.json["access_token"].as_str().unwrap().to_owned()
}

async fn items(app: &TestApp, path: &str, token: Option<&str>) -> Vec<Value> {
    let answer: Answer = app.client.get(path, token).await;
    assert_eq!(answer.status, 200, "{path}: {}", answer.text);
    assert_eq!(
        answer.json["next_cursor"],
        Value::Null,
        "{path} holds more than one page"
    );
    answer.json["items"].as_array().unwrap().clone()
}

fn strings<'a>(values: &'a [Value], field: &str) -> Vec<&'a str> {
    values
        .iter()
        .map(|value| value[field].as_str().unwrap())
        .collect()
}

fn illustrative(names: &[&str]) -> bool {
    names.iter().all(|name| name.ends_with("(illustrative)"))
}

e2e! {
    async fn the_demo_shows_every_resource_with_todays_dates(app) {
        let world = load(&app);
        let staff_account = world.staff().unwrap();
        let staff = sign_in(&app, &staff_account.email, &staff_account.password).await;
        let today = chrono::Utc::now().date_naive().to_string();
        let now = chrono::Utc::now().to_rfc3339();

        let published = items(&app, "/api/v1/programs?limit=100", None).await;
        assert_eq!(published.len(), world.counts.programs);
        assert!(published.len() >= 40);
        let pending = items(&app, "/api/v1/programs?review=pending", Some(&staff)).await;
        assert_eq!(strings(&pending, "title"), ["Equity in Development Lab (illustrative)"]);
        assert_eq!(pending[0]["status"], "pending");

        let open = items(&app, "/api/v1/cycles?status=open", None).await;
        assert_eq!(open.len(), 7, "the seven programs whose applications are open");
        assert!(open.iter().all(|cycle| cycle["closes_at"].as_str().unwrap() > now.as_str()));
        let closed = items(&app, "/api/v1/cycles?status=closed", None).await;
        assert_eq!(closed.len(), 1);
        let accelerator = app.client.get(&format!("/api/v1/programs/{}", closed[0]["program_id"].as_str().unwrap()), None).await;
        assert_eq!(accelerator.json["title"], "Black Producer Accelerator Program", "{}", accelerator.text);
        let mut programs: Vec<&str> = open.iter().chain(&closed).map(|cycle| cycle["program_id"].as_str().unwrap()).collect();
        programs.sort_unstable();
        programs.dedup();
        assert_eq!(programs.len(), 8, "a cycle for each mentorship program");

        let applications = items(&app, "/api/v1/applications", Some(&staff)).await;
        let mut statuses = strings(&applications, "status");
        statuses.sort_unstable();
        assert_eq!(statuses, ["draft", "submitted"]);

        let directory = items(&app, "/api/v1/companies", None).await;
        let everyone = items(&app, "/api/v1/companies", Some(&staff)).await;
        assert_eq!((directory.len(), everyone.len()), (4, 5), "one membership has lapsed");
        assert!(illustrative(&strings(&everyone, "name")));

        let grace = world.accounts.iter().find(|a| a.email.starts_with("grace@")).unwrap();
        let grace = sign_in(&app, &grace.email, &grace.password).await;
        let mentees = items(&app, "/api/v1/mentee-profiles", Some(&grace)).await;
        assert_eq!(mentees.len(), world.counts.public_profiles);
        assert_eq!(mentees.len(), 6);
        assert!(illustrative(&strings(&mentees, "display_name")));
        assert!(mentees.iter().all(|m| m.get("birth_date").is_none() && m.get("audiences").is_none()));

        let postings = items(&app, "/api/v1/postings", None).await;
        assert_eq!(postings.len(), 4);
        assert!(postings.iter().all(|p| p["closes_on"].as_str().unwrap() >= today.as_str() && p["open"] == true));
        let grace_posting = postings.iter().find(|p| p["company_name"] == "Coast Range Films (illustrative)").unwrap();
        let interests = items(&app, &format!("/api/v1/postings/{}/interests", grace_posting["id"].as_str().unwrap()), Some(&grace)).await;
        assert_eq!(interests.len(), 1);

        let modules = items(&app, "/api/v1/modules", None).await;
        let mut themes = strings(&modules, "theme");
        themes.sort_unstable();
        assert_eq!(themes, ["banking", "coproduction", "ip_commercialization", "post_production", "sustainability", "virtual_production"]);
        let upcoming = items(&app, &format!("/api/v1/events?from={today}"), None).await;
        assert!(upcoming.len() >= 4, "{upcoming:#?}");
        let banking = upcoming.iter().filter(|e| e["title"].as_str().unwrap().starts_with("Banking for Producers, unit")).count();
        assert_eq!(banking, 3, "Banking for Producers in three units");
        let clinic = upcoming.iter().find(|e| e["title"].as_str().unwrap().starts_with("Hands-on clinic")).unwrap();
        let clinic = app.client.get(&format!("/api/v1/events/{}", clinic["id"].as_str().unwrap()), None).await;
        assert_eq!(clinic.status, 200, "{}", clinic.text);
        assert_eq!((&clinic.json["seats_left"], &clinic.json["waitlisted_count"]), (&json!(0), &json!(1)));

        let surveys = items(&app, "/api/v1/surveys?status=open", Some(&staff)).await;
        assert_eq!(surveys.len(), 1);
        let results = app.client.get(&format!("/api/v1/surveys/{}/results?by=career_stage", surveys[0]["id"].as_str().unwrap()), Some(&staff)).await;
        assert_eq!(results.status, 200, "{}", results.text);
        let choices = results.json["items"].as_array().unwrap().iter().filter(|q| q["kind"] != "text");
        for question in choices {
            let shown: Vec<&Value> = question["groups"].as_array().unwrap().iter().filter(|g| g["career_stage"] != "unknown").collect();
            assert_eq!(shown.len(), 4, "{question}");
            assert!(shown.iter().all(|group| group["suppressed"] == false), "every stage has 5 or more responses: {question}");
        }
    }

    async fn every_demo_account_signs_in_with_its_printed_password(app) {
        let world = load(&app);
        for account in &world.accounts {
            let token = sign_in(&app, &account.email, &account.password).await;
            let me = app.client.get("/api/v1/me", Some(&token)).await;
            assert_eq!((me.status, &me.json["role"]), (200, &json!(account.role.as_str())), "{}", account.email);
            assert!(me.json["display_name"].as_str().unwrap().ends_with("(illustrative)"), "{}", me.text);
        }
        let respondents = &world.respondents;
        assert!(respondents.count >= 20);
        for email in [&respondents.first_email, &respondents.last_email] {
            sign_in(&app, email, &respondents.password).await;
        }
    }
}
