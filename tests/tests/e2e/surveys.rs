use greenlight_domain::Role;
use greenlight_tests::{TestApp, e2e};
use serde_json::{Value, json};

fn skills_survey() -> Value {
    json!({
        "title": "Skills development survey",
        "questions": [
            {"key": "pd_importance", "kind": "likert",
             "prompt": "How important are training and professional development to your career?",
             "options": ["Not important", "Somewhat important", "Very important", "Essential"]},
            {"key": "preferred_format", "kind": "single", "prompt": "Which format do you prefer?",
             "options": ["Mentorship", "Workshop", "Webinar"]},
            {"key": "helpful_topics", "kind": "multi", "prompt": "Which topics helped your career?",
             "options": ["Financing", "Export", "Leadership"]},
            {"key": "comments", "kind": "text", "prompt": "Anything else?"}
        ]
    })
}

/// Creates and opens the skills survey; returns its id.
async fn open_survey(app: &TestApp, staff: &str) -> String {
    let created = app
        .client
        .post("/api/v1/surveys", Some(staff), &skills_survey())
        .await;
    assert_eq!(created.status, 201, "{}", created.text);
    let id = created.json["id"].as_str().unwrap().to_owned();
    let opened = app
        .client
        .post(
            &format!("/api/v1/surveys/{id}/open"),
            Some(staff),
            &json!({}),
        )
        .await;
    assert_eq!(opened.status, 200, "{}", opened.text);
    id
}

/// A signed-in individual; with `credits`, one whose profile says so.
async fn respondent(app: &TestApp, name: &str, credits: Option<u32>) -> String {
    let (_, token) = app.user_with_role(&format!("{name}@example.org"), Role::Individual);
    if let Some(credits) = credits {
        let saved = app
            .client
            .put(
                "/api/v1/me/profile",
                Some(&token),
                &json!({"producing_credits": credits}),
            )
            .await;
        assert_eq!(saved.status, 200, "{}", saved.text);
    }
    token
}

async fn answer(
    app: &TestApp,
    survey: &str,
    token: &str,
    answers: Value,
) -> greenlight_tests::client::Answer {
    app.client
        .post(
            &format!("/api/v1/surveys/{survey}/responses"),
            Some(token),
            &json!({"answers": answers}),
        )
        .await
}

async fn send(
    app: &TestApp,
    method: &str,
    path: &str,
    token: Option<&str>,
) -> greenlight_tests::client::Answer {
    match method {
        "GET" => app.client.get(path, token).await,
        _ => app.client.post(path, token, &skills_survey()).await,
    }
}

fn fields(answer: &greenlight_tests::client::Answer) -> Vec<String> {
    answer.json["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap().to_owned())
        .collect()
}

e2e! {
    async fn a_new_survey_is_closed_until_staff_open_it(app) {
        let staff = app.staff();
        let mut body = skills_survey();
        body["questions"][0]["options"] = json!([]);
        let created = app.client.post("/api/v1/surveys", Some(&staff), &body).await;
        assert_eq!(created.status, 201, "{}", created.text);
        assert_eq!(created.json["status"], "closed");
        let id = created.json["id"].as_str().unwrap().to_owned();
        assert_eq!(created.header("location"), Some(format!("/api/v1/surveys/{id}").as_str()));
        assert_eq!(
            created.json["questions"][0]["options"],
            json!(["Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"]),
            "a likert question without labels gets the default scale"
        );
        assert_eq!(created.json["questions"][3]["options"], json!([]));

        let path = format!("/api/v1/surveys/{id}");
        app.client.get(&path, None).await.assert_problem(404, "not_found");
        assert_eq!(app.client.get(&path, Some(&staff)).await.status, 200);
        let listed = app.client.get("/api/v1/surveys", None).await;
        assert_eq!(listed.json["items"], json!([]));

        let opened = app.client.post(&format!("{path}/open"), Some(&staff), &json!({})).await;
        assert_eq!(opened.status, 200, "{}", opened.text);
        assert_eq!(opened.json["status"], "open");
        let read = app.client.get(&path, None).await;
        assert_eq!(read.status, 200);
        assert_eq!(read.json["title"], "Skills development survey");
        assert!(read.header("etag").is_some());
        let listed = app.client.get("/api/v1/surveys", None).await;
        assert_eq!(listed.json["items"][0]["id"], id.as_str());

        let closed = app.client.post(&format!("{path}/close"), Some(&staff), &json!({})).await;
        assert_eq!(closed.status, 200);
        assert_eq!(closed.json["status"], "closed");
        app.client.get(&path, None).await.assert_problem(404, "not_found");
        assert_eq!(app.client.get("/api/v1/surveys", None).await.json["items"], json!([]));
        app.client.get("/api/v1/surveys?status=closed", None).await.assert_problem(403, "forbidden");
        let staff_list = app.client.get("/api/v1/surveys?status=closed", Some(&staff)).await;
        assert_eq!(staff_list.json["items"][0]["id"], id.as_str());
        app.client.post("/api/v1/surveys/nope/open", Some(&staff), &json!({})).await.assert_problem(404, "not_found");
    }

    async fn the_survey_list_pages_newest_first(app) {
        let staff = app.staff();
        let first = open_survey(&app, &staff).await;
        let second = open_survey(&app, &staff).await;
        let page = app.client.get("/api/v1/surveys?limit=1", None).await;
        assert_eq!(page.json["items"][0]["id"], second.as_str());
        let cursor = page.json["next_cursor"].as_str().unwrap();
        let next = app.client.get(&format!("/api/v1/surveys?limit=1&cursor={cursor}"), None).await;
        assert_eq!(next.json["items"][0]["id"], first.as_str());
        assert_eq!(next.json["next_cursor"], json!(null));
    }

    async fn invalid_surveys_are_refused_naming_the_field(app) {
        let staff = app.staff();
        let post = |body: Value| {
            let staff = staff.clone();
            let client = &app.client;
            async move { client.post("/api/v1/surveys", Some(&staff), &body).await }
        };
        let broken = post(json!({"title": "Skills", "questions": [
            {"key": "format", "kind": "single", "prompt": "Format?", "options": ["Online", "In person"]},
            {"key": "format", "kind": "text", "prompt": "Again?"},
            {"key": "only", "kind": "single", "prompt": "One?", "options": ["Yes", "yes"]},
            {"key": "Bad-Key", "kind": "multi", "prompt": "Which?", "options": ["a"]},
            {"key": "scale", "kind": "likert", "prompt": "Rate", "options": ["only"]},
            {"key": "note", "kind": "text", "prompt": "Note", "options": ["x"]}
        ]})).await;
        broken.assert_problem(422, "validation_failed");
        assert_eq!(fields(&broken), [
            "questions[1].key",
            "questions[2].options[1]",
            "questions[2].options",
            "questions[3].key",
            "questions[3].options",
            "questions[4].options",
            "questions[5].options",
        ]);

        let empty = post(json!({"title": "Skills", "questions": []})).await;
        empty.assert_problem(422, "validation_failed");
        assert_eq!(fields(&empty), ["questions"]);
        let many: Vec<Value> = (0..51).map(|n| json!({"key": format!("q{n}"), "kind": "text", "prompt": "?"})).collect();
        assert_eq!(fields(&post(json!({"title": "Skills", "questions": many})).await), ["questions"]);
        let kind = post(json!({"title": "Skills", "questions": [{"key": "q", "kind": "rating", "prompt": "?"}]})).await;
        kind.assert_problem(422, "validation_failed");
        assert_eq!(fields(&kind), ["questions[0].kind"]);
        let title = post(json!({"title": "  ", "questions": [{"key": "q", "kind": "text", "prompt": "?"}]})).await;
        assert_eq!(fields(&title), ["title"]);
        let unknown = post(json!({"title": "t", "questions": [{"key": "q", "kind": "text", "prompt": "?", "required": true}]})).await;
        unknown.assert_problem(422, "validation_failed");
        let listed = app.client.get("/api/v1/surveys", Some(&staff)).await;
        assert_eq!(listed.json["items"], json!([]), "nothing was stored");
    }

    async fn each_person_answers_once(app) {
        let staff = app.staff();
        let survey = open_survey(&app, &staff).await;
        let token = respondent(&app, "ada", Some(1)).await;
        let first = answer(&app, &survey, &token, json!({
            "helpful_topics": ["Leadership", "Financing"],
            "pd_importance": "Essential",
            "comments": "  More export labs  "
        })).await;
        assert_eq!(first.status, 201, "{}", first.text);
        assert_eq!(first.json["career_stage"], "early_career");
        assert_eq!(first.json["answers"], json!({
            "pd_importance": "Essential",
            "helpful_topics": ["Financing", "Leadership"],
            "comments": "More export labs"
        }));
        let location = first.header("location").unwrap().to_owned();
        assert_eq!(location, format!("/api/v1/surveys/{survey}/responses/me"));
        let mine = app.client.get(&location, Some(&token)).await;
        assert_eq!(mine.status, 200, "{}", mine.text);
        assert_eq!(mine.json, first.json);

        let again = answer(&app, &survey, &token, json!({"pd_importance": "Not important"})).await;
        again.assert_problem(409, "conflict");
        assert!(again.json["detail"].as_str().unwrap().contains("already answered"));

        let other = respondent(&app, "bob", None).await;
        app.client.get(&location, Some(&other)).await.assert_problem(404, "not_found");
        let second = answer(&app, &survey, &other, json!({"preferred_format": "Webinar"})).await;
        assert_eq!(second.status, 201, "{}", second.text);
        assert_eq!(second.json["career_stage"], json!(null), "no profile");
        answer(&app, &survey, "", json!({"pd_importance": "Not important"})).await.assert_problem(401, "unauthorized");
        answer(&app, "missing", &other, json!({"pd_importance": "Not important"})).await.assert_problem(404, "not_found");
    }

    async fn a_closed_survey_refuses_responses(app) {
        let staff = app.staff();
        let created = app.client.post("/api/v1/surveys", Some(&staff), &skills_survey()).await;
        let survey = created.json["id"].as_str().unwrap().to_owned();
        let token = respondent(&app, "ada", None).await;
        let never_opened = answer(&app, &survey, &token, json!({"pd_importance": "Very important"})).await;
        never_opened.assert_problem(409, "conflict");
        assert!(never_opened.json["detail"].as_str().unwrap().contains("closed"));

        app.client.post(&format!("/api/v1/surveys/{survey}/open"), Some(&staff), &json!({})).await.assert_status(200);
        app.client.post(&format!("/api/v1/surveys/{survey}/close"), Some(&staff), &json!({})).await.assert_status(200);
        answer(&app, &survey, &token, json!({"pd_importance": "Very important"})).await.assert_problem(409, "conflict");

        app.client.post(&format!("/api/v1/surveys/{survey}/open"), Some(&staff), &json!({})).await.assert_status(200);
        assert_eq!(answer(&app, &survey, &token, json!({"pd_importance": "Very important"})).await.status, 201, "reopened");
    }

    async fn the_default_scale_takes_its_points_by_number_and_counts_by_label(app) {
        let staff = app.staff();
        let created = app.client.post("/api/v1/surveys", Some(&staff), &json!({"title": "Pulse", "questions": [
            {"key": "agree", "kind": "likert", "prompt": "Training is important to my career", "options": []}
        ]})).await;
        assert_eq!(created.status, 201, "{}", created.text);
        let survey = created.json["id"].as_str().unwrap().to_owned();
        app.client.post(&format!("/api/v1/surveys/{survey}/open"), Some(&staff), &json!({})).await.assert_status(200);
        for (n, value) in [json!(5), json!(4.0), json!("Agree"), json!(5), json!("Strongly agree")].into_iter().enumerate() {
            let token = respondent(&app, &format!("r{n}"), None).await;
            let answered = answer(&app, &survey, &token, json!({"agree": value})).await;
            assert_eq!(answered.status, 201, "a whole-valued number is an integer: {}", answered.text);
        }
        let token = respondent(&app, "late", None).await;
        answer(&app, &survey, &token, json!({"agree": 6})).await.assert_problem(422, "validation_failed");
        let mine = app.client.get(&format!("/api/v1/surveys/{survey}/responses/me"), Some(&token)).await;
        assert_eq!(mine.status, 404);

        let results = app.client.get(&format!("/api/v1/surveys/{survey}/results"), Some(&staff)).await;
        assert_eq!(results.status, 200, "{}", results.text);
        assert_eq!(results.json["items"][0]["counts"], json!({
            "Strongly disagree": 0, "Disagree": 0, "Neither agree nor disagree": 0, "Agree": 2, "Strongly agree": 3
        }));
    }

    async fn a_scale_of_the_associations_own_labels_counts_by_label(app) {
        let staff = app.staff();
        let created = app.client.post("/api/v1/surveys", Some(&staff), &json!({"title": "Needs", "questions": [
            {"key": "pd", "kind": "likert", "prompt": "Professional development is", "options": ["not important", "somewhat important", "very important", "essential"]},
            {"key": "yes_no", "kind": "likert", "prompt": "Would you recommend it?", "options": ["No", "Yes"]}
        ]})).await;
        assert_eq!(created.status, 201, "{}", created.text);
        assert_eq!(created.json["questions"][0]["options"], json!(["not important", "somewhat important", "very important", "essential"]));
        let eleven: Vec<String> = (0..=10).map(|n| n.to_string()).collect();
        let ten_point = app.client.post("/api/v1/surveys", Some(&staff), &json!({"title": "NPS", "questions": [
            {"key": "nps", "kind": "likert", "prompt": "How likely are you to recommend us?", "options": eleven}
        ]})).await;
        assert_eq!(ten_point.status, 201, "{}", ten_point.text);
    }

    async fn answers_are_checked_against_the_questions(app) {
        let staff = app.staff();
        let survey = open_survey(&app, &staff).await;
        let token = respondent(&app, "ada", None).await;
        let cases = [
            (json!({"pd_importance": 0}), "answers.pd_importance"),
            (json!({"pd_importance": 6}), "answers.pd_importance"),
            (json!({"pd_importance": 2.5}), "answers.pd_importance"),
            (json!({"pd_importance": "5"}), "answers.pd_importance"),
            (json!({"pd_importance": 4}), "answers.pd_importance"),
            (json!({"pd_importance": "essential"}), "answers.pd_importance"),
            (json!({"preferred_format": "webinar"}), "answers.preferred_format"),
            (json!({"preferred_format": ["Webinar"]}), "answers.preferred_format"),
            (json!({"helpful_topics": []}), "answers.helpful_topics"),
            (json!({"helpful_topics": "Export"}), "answers.helpful_topics"),
            (json!({"helpful_topics": ["Export", "Export"]}), "answers.helpful_topics"),
            (json!({"helpful_topics": ["Marketing"]}), "answers.helpful_topics"),
            (json!({"comments": "x".repeat(2001)}), "answers.comments"),
            (json!({"comments": 3}), "answers.comments"),
            (json!({"salary": 3}), "answers.salary"),
            (json!({}), "answers"),
            (json!({"pd_importance": null, "comments": "   "}), "answers"),
        ];
        for (answers, field) in cases {
            let refused = answer(&app, &survey, &token, answers.clone()).await;
            refused.assert_problem(422, "validation_failed");
            assert_eq!(fields(&refused), [field], "{answers}");
        }
        let not_an_object = app.client
            .post(&format!("/api/v1/surveys/{survey}/responses"), Some(&token), &json!({"answers": [1]}))
            .await;
        not_an_object.assert_problem(422, "validation_failed");
        let whole = answer(&app, &survey, &token, json!({"pd_importance": "Very important", "comments": "x".repeat(2000)})).await;
        assert_eq!(whole.status, 201, "skipped questions are fine: {}", whole.text);
        assert_eq!(whole.json["answers"]["pd_importance"], "Very important");
    }

    async fn results_count_and_share_answers_and_keep_text_private(app) {
        let staff = app.staff();
        let survey = open_survey(&app, &staff).await;
        let answers = [
            json!({"pd_importance": "Essential", "preferred_format": "Mentorship", "helpful_topics": ["Financing", "Export"], "comments": "secret one"}),
            json!({"pd_importance": "Essential", "preferred_format": "Mentorship", "helpful_topics": ["Financing"], "comments": "secret two"}),
            json!({"pd_importance": "Very important", "preferred_format": "Workshop", "helpful_topics": ["Export"]}),
            json!({"pd_importance": "Essential", "preferred_format": "Mentorship", "helpful_topics": ["Financing"]}),
            json!({"pd_importance": "Somewhat important", "helpful_topics": ["Leadership", "Financing"]}),
        ];
        for (n, answers) in answers.into_iter().enumerate() {
            let token = respondent(&app, &format!("r{n}"), None).await;
            assert_eq!(answer(&app, &survey, &token, answers).await.status, 201);
        }
        let results = app.client.get(&format!("/api/v1/surveys/{survey}/results"), Some(&staff)).await;
        assert_eq!(results.status, 200, "{}", results.text);
        let items = results.json["items"].as_array().unwrap();
        assert_eq!(items.len(), 4);

        assert_eq!(items[0]["key"], "pd_importance");
        assert_eq!(items[0]["responses"], 5);
        assert_eq!(items[0]["suppressed"], false);
        assert_eq!(items[0]["counts"], json!({"Not important": 0, "Somewhat important": 1, "Very important": 1, "Essential": 3}));
        assert_eq!(items[0]["shares"]["Essential"], 0.6);
        let served_at = |label: &str| results.text.find(&format!("\"{label}\":")).unwrap();
        assert!(
            served_at("Not important") < served_at("Somewhat important")
                && served_at("Somewhat important") < served_at("Very important")
                && served_at("Very important") < served_at("Essential"),
            "counts are served lowest point first: {}", results.text
        );

        assert_eq!(items[1]["responses"], 4, "one respondent skipped it");
        assert_eq!(items[1]["suppressed"], true, "4 answers: too few to show");
        assert!(items[1].get("counts").is_none() && items[1].get("shares").is_none());

        assert_eq!(items[2]["responses"], 5);
        assert_eq!(items[2]["counts"], json!({"Financing": 4, "Export": 2, "Leadership": 1}));
        assert_eq!(items[2]["shares"], json!({"Financing": 0.8, "Export": 0.4, "Leadership": 0.2}));

        assert_eq!(items[3]["key"], "comments");
        assert_eq!(items[3]["responses"], 2);
        assert!(items[3].get("counts").is_none());
        assert!(!results.text.contains("secret"), "free text never leaves through results");
        assert!(results.json["items"][0].get("groups").is_none());
    }

    async fn four_responses_are_suppressed_and_five_are_shown(app) {
        let staff = app.staff();
        let survey = open_survey(&app, &staff).await;
        let path = format!("/api/v1/surveys/{survey}/results");
        let empty = app.client.get(&path, Some(&staff)).await;
        assert_eq!(empty.json["items"][0]["responses"], 0);
        assert_eq!(empty.json["items"][0]["suppressed"], true);
        for n in 0..4 {
            let token = respondent(&app, &format!("r{n}"), None).await;
            answer(&app, &survey, &token, json!({"preferred_format": "Webinar"})).await.assert_status(201);
        }
        let four = app.client.get(&path, Some(&staff)).await;
        assert_eq!(four.json["items"][1]["responses"], 4);
        assert_eq!(four.json["items"][1]["suppressed"], true);
        assert!(four.json["items"][1].get("counts").is_none());
        assert!(four.json["items"][1].get("shares").is_none());

        let token = respondent(&app, "r4", None).await;
        answer(&app, &survey, &token, json!({"preferred_format": "Workshop"})).await.assert_status(201);
        let five = app.client.get(&path, Some(&staff)).await;
        assert_eq!(five.json["items"][1]["suppressed"], false);
        assert_eq!(five.json["items"][1]["counts"], json!({"Mentorship": 0, "Workshop": 1, "Webinar": 4}));
        assert_eq!(five.json["items"][1]["shares"], json!({"Mentorship": 0.0, "Workshop": 0.2, "Webinar": 0.8}));
    }

    async fn results_by_career_stage_suppress_each_small_group(app) {
        let staff = app.staff();
        let survey = open_survey(&app, &staff).await;
        // 5 early career, 6 mid career, 5 without a profile, 2 emerging.
        let mut mid_career = Vec::new();
        for (prefix, credits, count, choice) in [
            ("early", Some(1), 5, "Mentorship"),
            ("mid", Some(4), 6, "Workshop"),
            ("unknown", None, 5, "Webinar"),
            ("emerging", Some(0), 2, "Mentorship"),
        ] {
            for n in 0..count {
                let token = respondent(&app, &format!("{prefix}{n}"), credits).await;
                let answered = answer(&app, &survey, &token, json!({"preferred_format": choice})).await;
                assert_eq!(answered.status, 201, "{}", answered.text);
                if prefix == "mid" {
                    mid_career.push(token);
                }
            }
        }
        // Stages are taken when people answer: gaining credits later moves nobody.
        app.client.put("/api/v1/me/profile", Some(&mid_career[0]), &json!({"producing_credits": 12})).await.assert_status(200);

        let results = app.client.get(&format!("/api/v1/surveys/{survey}/results?by=career_stage"), Some(&staff)).await;
        assert_eq!(results.status, 200, "{}", results.text);
        let format = &results.json["items"][1];
        assert_eq!(format["responses"], 18);
        assert_eq!(format["counts"], json!({"Mentorship": 7, "Workshop": 6, "Webinar": 5}));
        let groups = format["groups"].as_array().unwrap();
        let stages: Vec<&str> = groups.iter().map(|g| g["career_stage"].as_str().unwrap()).collect();
        assert_eq!(stages, ["emerging", "early_career", "mid_career", "established", "unknown"]);

        assert_eq!((groups[0]["responses"].clone(), groups[0]["suppressed"].clone()), (json!(2), json!(true)));
        assert!(groups[0].get("counts").is_none());
        assert_eq!(groups[1]["responses"], 5);
        assert_eq!(
            groups[1]["suppressed"], true,
            "shown, early career would let overall minus the shown groups reveal the 2 emerging answers"
        );
        assert!(groups[1].get("counts").is_none());
        assert_eq!(groups[2]["responses"], 6);
        assert_eq!(groups[2]["suppressed"], false);
        assert_eq!(groups[2]["counts"], json!({"Mentorship": 0, "Workshop": 6, "Webinar": 0}));
        assert_eq!(groups[2]["shares"]["Workshop"], 1.0);
        assert_eq!((groups[3]["responses"].clone(), groups[3]["suppressed"].clone()), (json!(0), json!(true)));
        assert_eq!(groups[4]["responses"], 5);
        assert_eq!(groups[4]["suppressed"], false);
        assert_eq!(groups[4]["counts"]["Webinar"], 5);

        let unanswered = &results.json["items"][0];
        assert_eq!(unanswered["responses"], 0);
        assert!(unanswered["groups"].as_array().unwrap().iter().all(|g| g["suppressed"] == true));

        app.client
            .get(&format!("/api/v1/surveys/{survey}/results?by=province"), Some(&staff))
            .await
            .assert_problem(400, "bad_request");
    }

    async fn only_staff_write_surveys_and_read_results(app) {
        let staff = app.staff();
        let survey = open_survey(&app, &staff).await;
        let actions: Vec<(&str, String)> = vec![
            ("POST", "/api/v1/surveys".to_owned()),
            ("POST", format!("/api/v1/surveys/{survey}/open")),
            ("POST", format!("/api/v1/surveys/{survey}/close")),
            ("GET", format!("/api/v1/surveys/{survey}/results")),
            ("GET", format!("/api/v1/surveys/{survey}/results?by=career_stage")),
        ];
        let mut tokens = Vec::new();
        for role in [Role::Individual, Role::Member, Role::Partner] {
            tokens.push(app.user_with_role(&format!("{role}@example.org"), role).1);
        }
        for (method, path) in &actions {
            send(&app, method, path, None).await.assert_problem(401, "unauthorized");
            for token in &tokens {
                send(&app, method, path, Some(token)).await.assert_problem(403, "forbidden");
            }
            let allowed = send(&app, method, path, Some(&staff)).await;
            assert!(allowed.status == 200 || allowed.status == 201, "{method} {path}: {}", allowed.text);
        }
        app.client.get("/api/v1/surveys/missing/results", Some(&staff)).await.assert_problem(404, "not_found");
    }
}
