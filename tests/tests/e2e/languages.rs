//! English and French: a French-speaking producer browses, searches,
//! matches and reads errors in French; codes, ids and field names never
//! change; answers say their language and vary by it.

use greenlight_tests::catalogue::{create_program, program, provider, titles, with};
use greenlight_tests::client::Answer;
use greenlight_tests::smtp::{Received, SmtpSink};
use greenlight_tests::{TestApp, e2e};
use reqwest::Method;
use serde_json::{Value, json};

async fn get_in(app: &TestApp, path: &str, accept_language: &str) -> Answer {
    let request = app
        .client
        .request(Method::GET, path)
        .header("Accept-Language", accept_language);
    app.client.send(request).await
}

async fn post_in(app: &TestApp, path: &str, accept_language: &str, body: &Value) -> Answer {
    let request = app
        .client
        .request(Method::POST, path)
        .header("Accept-Language", accept_language)
        .json(body);
    app.client.send(request).await
}

#[track_caller]
fn says_its_language(answer: &Answer, language: &str) {
    assert_eq!(
        answer.header("content-language"),
        Some(language),
        "{}",
        answer.text
    );
    let vary: Vec<&str> = answer
        .headers
        .get_all("vary")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .collect();
    assert!(
        vary.iter().any(|value| value.contains("Accept-Language")),
        "Vary: {vary:?}"
    );
}

/// A provider with a French name and a program translated but for its
/// description; returns the program.
async fn translated_program(app: &TestApp, staff: &str) -> Value {
    let provider = app
        .client
        .post(
            "/api/v1/providers",
            Some(staff),
            &json!({
                "name": "Canadian Media Producers Association",
                "kind": "association",
                "translations": {"fr": {"name": "Association canadienne des producteurs médiatiques"}}
            }),
        )
        .await;
    provider.assert_status(201);
    assert_eq!(
        provider.json["name"],
        "Canadian Media Producers Association"
    );
    let provider = provider.json["id"].as_str().unwrap().to_owned();
    create_program(
        app,
        staff,
        &with(
            program(&provider, "Banking for Producers"),
            json!({
                "summary": "Working with banks to finance productions",
                "description": "Three units with bankers.",
                "topics": ["banking", "financing"],
                "career_stages": ["emerging"],
                "translations": {"fr": {
                    "title": "Services bancaires pour les producteurs",
                    "summary": "Travailler avec les banques pour financer ses productions"
                }}
            }),
        ),
    )
    .await
}

/// The mails `sink` received for `to`, oldest first.
fn mail_to(sink: &SmtpSink, to: &str) -> Vec<Received> {
    sink.received()
        .into_iter()
        .filter(|mail| mail.rcpt_to == [to])
        .collect()
}

/// The token a confirmation mail asks to post to the confirm address.
fn confirmation_token(mail: &Received) -> String {
    let text = mail.text();
    let before = text.split("/api/v1/subscriptions/confirm").next().unwrap();
    let start = before.rfind("{\"token\": \"").unwrap() + "{\"token\": \"".len();
    before[start..].split('"').next().unwrap().to_owned()
}

#[track_caller]
fn says_all(mail: &Received, expected: &[&str]) {
    let text = mail.text();
    for phrase in expected {
        assert!(text.contains(phrase), "{phrase:?} not in:\n{text}");
    }
}

/// Each field error of a 422 as (field, message).
fn field_errors(answer: &Answer) -> Vec<(String, String)> {
    answer.json["errors"]
        .as_array()
        .unwrap_or_else(|| panic!("no errors in {}", answer.text))
        .iter()
        .map(|e| {
            (
                e["field"].as_str().unwrap().to_owned(),
                e["message"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

e2e! {
    async fn a_french_speaking_producer_browses_and_searches_in_french(app) {
        let staff = app.staff();
        let created = translated_program(&app, &staff).await;
        let slug = created["slug"].as_str().unwrap().to_owned();
        let provider = created["provider"]["id"].as_str().unwrap().to_owned();
        create_program(&app, &staff, &program(&provider, "Pitch Lab")).await;

        let french = get_in(&app, "/api/v1/programs", "fr-CA,fr;q=0.9,en;q=0.5").await;
        french.assert_status(200);
        says_its_language(&french, "fr");
        // Sorted by the English title in every language, so that a cursor
        // means the same page whatever the language (docs/api-conventions.md).
        assert_eq!(titles(&french.json), ["Services bancaires pour les producteurs", "Pitch Lab"]);
        let item = &french.json["items"][0];
        assert_eq!(item["summary"], "Travailler avec les banques pour financer ses productions");
        assert_eq!(item["description"], "Three units with bankers.", "an untranslated field stays English");
        assert_eq!(item["provider"]["name"], "Association canadienne des producteurs médiatiques");
        assert_eq!(item["topics"], json!(["financing", "banking"]), "codes never change");
        assert_eq!(item["slug"], slug.as_str());

        let english = get_in(&app, "/api/v1/programs", "en-CA").await;
        says_its_language(&english, "en");
        assert_eq!(titles(&english.json), ["Banking for Producers", "Pitch Lab"]);
        assert_eq!(english.json["items"][0]["translations"]["fr"]["title"], "Services bancaires pour les producteurs");

        let path = format!("/api/v1/programs/{slug}");
        let one_fr = get_in(&app, &path, "fr").await;
        says_its_language(&one_fr, "fr");
        assert_eq!(one_fr.json["title"], "Services bancaires pour les producteurs");
        let one_en = app.client.get(&path, None).await;
        says_its_language(&one_en, "en");
        assert_eq!(one_en.json["title"], "Banking for Producers");
        let (etag_fr, etag_en) = (one_fr.header("etag").unwrap(), one_en.header("etag").unwrap());
        assert_ne!(etag_fr, etag_en, "each language has its own ETag");
        let again = app.client.send(app.client.request(Method::GET, &path)
            .header("Accept-Language", "fr").header("If-None-Match", etag_en)).await;
        again.assert_status(200);
        let fresh = app.client.send(app.client.request(Method::GET, &path)
            .header("Accept-Language", "fr").header("If-None-Match", etag_fr)).await;
        fresh.assert_status(304);

        let asked = get_in(&app, &format!("{path}?lang=en"), "fr").await;
        assert_eq!(asked.json["title"], "Banking for Producers", "?lang= wins over the header");
        says_its_language(&asked, "en");
        let weighed = get_in(&app, &path, "fr;q=0.3, en;q=0.8").await;
        assert_eq!(weighed.json["title"], "Banking for Producers", "q-values decide");
        let unknown = app.client.get(&format!("{path}?lang=de"), None).await;
        unknown.assert_problem(400, "bad_request");
        assert!(unknown.json["detail"].as_str().unwrap().contains("`lang`"), "{}", unknown.text);

        let found = get_in(&app, "/api/v1/programs?q=bancaires", "fr").await;
        assert_eq!(titles(&found.json), ["Services bancaires pour les producteurs"], "French text is searched as French");
        let stemmed = get_in(&app, "/api/v1/programs?q=financent%20banque", "fr").await;
        assert_eq!(titles(&stemmed.json), ["Services bancaires pour les producteurs"], "French stems");
        let english_words = app.client.get("/api/v1/programs?q=banking", None).await;
        assert_eq!(titles(&english_words.json), ["Banking for Producers"]);
    }

    async fn taxonomy_matches_and_problems_are_in_french_with_unchanged_codes(app) {
        let staff = app.staff();
        translated_program(&app, &staff).await;

        let taxonomy = get_in(&app, "/api/v1/taxonomy", "fr").await;
        taxonomy.assert_status(200);
        says_its_language(&taxonomy, "fr");
        let topics = taxonomy.json["topics"].as_array().unwrap();
        let financing = topics.iter().find(|t| t["id"] == "financing").unwrap();
        assert_eq!(financing["label"], "Financement");
        assert_eq!(financing["definition"], "Réunir l'argent d'une production.");
        let english = app.client.get("/api/v1/taxonomy", None).await;
        assert_eq!(english.json["topics"].as_array().unwrap().len(), topics.len());
        assert_ne!(english.header("etag"), taxonomy.header("etag"));
        let stage = &taxonomy.json["career_stages"][1];
        assert_eq!((stage["id"].as_str(), stage["label"].as_str()), (Some("early_career"), Some("Début de carrière")));

        let matched = post_in(&app, "/api/v1/programs/match", "fr", &json!({
            "profile": {"province": "QC", "producing_credits": 0, "interests": ["banking"]}
        })).await;
        matched.assert_status(200);
        says_its_language(&matched, "fr");
        let item = &matched.json["items"][0];
        assert_eq!(item["program"]["title"], "Services bancaires pour les producteurs");
        let reasons: Vec<&str> = item["reasons"].as_array().unwrap().iter().map(|r| r.as_str().unwrap()).collect();
        assert!(reasons.contains(&"Ouvert aux producteurs à l'étape émergent — vous avez 0 crédit"), "{reasons:?}");
        assert!(reasons.contains(&"Correspond à vos intérêts : services bancaires"), "{reasons:?}");
        assert!(reasons.contains(&"Gratuit"), "{reasons:?}");

        let missing = get_in(&app, "/api/v1/programs/nowhere", "fr").await;
        missing.assert_problem(404, "not_found");
        says_its_language(&missing, "fr");
        assert_eq!(missing.json["title"], "Introuvable");
        assert_eq!(missing.json["detail"], "Aucune ressource n'existe à cette adresse.");
        let unrouted = get_in(&app, "/api/v1/no-such-thing", "fr").await;
        unrouted.assert_problem(404, "not_found");
        assert_eq!(unrouted.json["title"], "Introuvable", "a problem the framework made is translated too");

        let request = app.client.request(Method::POST, "/api/v1/programs")
            .header("Accept-Language", "fr").bearer_auth(&staff)
            .json(&json!({"title": "", "provider_id": "p", "summary": "s", "description": "", "formats": ["lab"],
                "regions": ["national"], "delivery": "virtual", "cost_cents": 0,
                "translations": {"fr": {"name": "Pas ici"}}}));
        let invalid = app.client.send(request).await;
        invalid.assert_problem(422, "validation_failed");
        assert_eq!(invalid.json["title"], "Données non valides");
        assert_eq!(invalid.json["detail"], "2 champs ne sont pas valides");
        let fields: Vec<&str> = invalid.json["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
        assert_eq!(fields, ["title", "translations.fr.name"], "field names never change");
        let english = app.client.get("/api/v1/programs/nowhere", None).await;
        assert_eq!(english.json["title"], "Not Found");
    }

    async fn modules_events_and_cycles_show_their_french_wording(app) {
        let staff = app.staff();
        let module = app.client.post("/api/v1/modules", Some(&staff), &json!({
            "title": "Banking for Producers", "theme": "financing", "year": 2027,
            "summary": "Working with banks.", "audiences": [],
            "translations": {"fr": {"title": "Les banques et les producteurs"}}
        })).await;
        module.assert_status(201);
        let module = module.json["id"].as_str().unwrap().to_owned();
        let event = app.client.post(&format!("/api/v1/modules/{module}/events"), Some(&staff), &json!({
            "title": "Project financing", "kind": "webinar",
            "starts_at": "2027-03-01T17:00:00Z", "ends_at": "2027-03-01T18:00:00Z",
            "timezone": "America/Montreal", "capacity": 50, "members_only": false,
            "translations": {"fr": {"title": "Le financement de projets"}}
        })).await;
        event.assert_status(201);
        let event = event.json["id"].as_str().unwrap().to_owned();

        let detail = get_in(&app, &format!("/api/v1/modules/{module}"), "fr").await;
        detail.assert_status(200);
        says_its_language(&detail, "fr");
        assert_eq!(detail.json["title"], "Les banques et les producteurs");
        assert_eq!(detail.json["summary"], "Working with banks.", "falls back to English");
        assert_eq!(detail.json["events"][0]["title"], "Le financement de projets");
        let listed = app.client.get("/api/v1/events?lang=fr", None).await;
        assert_eq!(listed.json["items"][0]["title"], "Le financement de projets");
        let one = app.client.get(&format!("/api/v1/events/{event}"), None).await;
        assert_eq!(one.json["title"], "Project financing");

        let program = crate::support::program(&app, "Production Mentorship");
        let cycle = app.client.post(&format!("/api/v1/programs/{program}/cycles"), Some(&staff),
            &crate::support::cycle_body(json!({"name": "Spring 2030", "translations": {"fr": {"name": "Printemps 2030"}}}))).await;
        cycle.assert_status(201);
        let cycle = cycle.json["id"].as_str().unwrap().to_owned();
        let french = get_in(&app, &format!("/api/v1/cycles/{cycle}"), "fr").await;
        assert_eq!(french.json["name"], "Printemps 2030");
        let refused = app.client.post(&format!("/api/v1/programs/{program}/cycles"), Some(&staff),
            &crate::support::cycle_body(json!({"translations": {"fr": {"title": "Non"}}}))).await;
        refused.assert_problem(422, "validation_failed");
        assert_eq!(refused.json["errors"][0]["field"], "translations.fr.title");
    }

    async fn a_user_chooses_the_language_of_their_messages(app) {
        let (_, token) = app.register("ana@example.org").await;
        let me = app.client.get("/api/v1/me", Some(&token)).await;
        assert_eq!(me.json["locale"], "en", "English until they choose");
        let changed = app.client.patch("/api/v1/me", Some(&token), &json!({"locale": "fr"})).await;
        changed.assert_status(200);
        assert_eq!(changed.json["locale"], "fr");
        let me = app.client.get("/api/v1/me", Some(&token)).await;
        assert_eq!(me.json["locale"], "fr");
        let refused = app.client.patch("/api/v1/me", Some(&token), &json!({"locale": "de"})).await;
        refused.assert_problem(422, "validation_failed");
        assert_eq!(refused.json["errors"][0]["field"], "locale");
        app.client.patch("/api/v1/me", None, &json!({"locale": "fr"})).await.assert_problem(401, "unauthorized");
    }

    async fn an_account_registered_in_french_keeps_french_for_its_messages(app) {
        let password = "a long enough password";
        let account = |email: &str| json!({"email": email, "password": password, "display_name": "Test User"});
        let in_french = post_in(&app, "/api/v1/auth/register", "fr-CA, en;q=0.5", &account("camille@example.org")).await;
        in_french.assert_status(201);
        assert_eq!(in_french.json["locale"], "fr", "the language the registration was answered in");

        let mut chosen = account("jean@example.org");
        chosen["locale"] = json!("en");
        let explicit = post_in(&app, "/api/v1/auth/register", "fr", &chosen).await;
        explicit.assert_status(201);
        assert_eq!(explicit.json["locale"], "en", "a locale sent wins over the request's language");

        let plain = app.client.post("/api/v1/auth/register", None, &account("ada@example.org")).await;
        plain.assert_status(201);
        assert_eq!(plain.json["locale"], "en");

        let mut wrong = account("zoe@example.org");
        wrong["locale"] = json!("de");
        let refused = app.client.post("/api/v1/auth/register", None, &wrong).await;
        refused.assert_problem(422, "validation_failed");
        assert_eq!(refused.json["errors"][0]["field"], "locale");
    }

    async fn feeds_take_the_language_asked_for(app) {
        let staff = app.staff();
        translated_program(&app, &staff).await;
        let atom = app.client.get("/api/v1/feeds/programs.atom?lang=fr", None).await;
        atom.assert_status(200);
        says_its_language(&atom, "fr");
        assert!(atom.text.contains("<title>Services bancaires pour les producteurs</title>"), "{}", atom.text);
        assert!(atom.text.contains("nouveaux programmes"), "{}", atom.text);
        assert!(atom.text.contains("label=\"Financement\""), "{}", atom.text);
        let english = app.client.get("/api/v1/feeds/programs.atom", None).await;
        assert!(english.text.contains("<title>Banking for Producers</title>"), "{}", english.text);
        assert_ne!(english.header("etag"), atom.header("etag"));
    }

    async fn a_french_speaking_producer_pre_checks_eligibility_in_french(app) {
        let staff = app.staff();
        let program = crate::support::program(&app, "BC Mentorship");
        let cycle = crate::support::cycle(&app, &staff, &program, json!({"rules": {
            "provinces": ["BC"], "min_age": 18, "max_age": 35
        }})).await;
        let checked = post_in(&app, "/api/v1/eligibility/check", "fr-CA", &json!({
            "cycle_id": cycle,
            "profile": {"birth_date": "1980-05-01", "province": "QC", "residency_status": "citizen"}
        })).await;
        checked.assert_status(200);
        says_its_language(&checked, "fr");
        assert_eq!(checked.json["eligible"], false);
        let checks = checked.json["checks"].as_array().unwrap();
        let message = |rule: &str| {
            checks.iter().find(|c| c["rule"] == rule).unwrap_or_else(|| panic!("{rule}: {checks:?}"))["message"]
                .as_str().unwrap().to_owned()
        };
        assert_eq!(message("region"), "Seuls les producteurs de BC peuvent poser leur candidature à ce cycle — votre profil indique QC");
        assert_eq!(message("residency"), "Avec le statut citoyen, vous respectez la règle de résidence de ce cycle");
        assert!(message("age").starts_with("Ce cycle s'adresse aux producteurs âgés de 18 à 35 ans le "), "{}", message("age"));
        let english = app.client.post("/api/v1/eligibility/check", None, &json!({
            "cycle_id": cycle,
            "profile": {"birth_date": "1980-05-01", "province": "QC", "residency_status": "citizen"}
        })).await;
        let rules = |answer: &Value| answer["checks"].as_array().unwrap().iter()
            .map(|c| (c["rule"].clone(), c["passed"].clone())).collect::<Vec<_>>();
        assert_eq!(rules(&english.json), rules(&checked.json), "rule ids and outcomes never change");
        assert_eq!(english.json["checks"][0]["message"].as_str().map(|m| m.starts_with("Applications")), Some(true));
    }

    async fn each_subscriber_reads_the_list_in_their_language(app) {
        let sink = SmtpSink::start();
        let staff = app.staff();
        post_in(&app, "/api/v1/subscriptions", "fr-CA, en;q=0.5",
            &json!({"email": "ana@example.org", "topics": ["new_programs"]})).await.assert_status(202);
        post_in(&app, "/api/v1/subscriptions", "fr",
            &json!({"email": "ada@example.org", "topics": ["new_programs"], "locale": "en"})).await.assert_status(202);
        let refused = app.client.post("/api/v1/subscriptions", None,
            &json!({"email": "bo@example.org", "topics": ["new_programs"], "locale": "de"})).await;
        refused.assert_problem(422, "validation_failed");
        assert_eq!(refused.json["errors"][0]["field"], "locale");

        assert_eq!(app.worker(&sink).run_once(greenlight_store::ids::now()).await.unwrap().sent, 2);
        let french = mail_to(&sink, "ana@example.org").pop().unwrap();
        assert_eq!(french.decoded_header("Subject").unwrap(), "Confirmez votre abonnement à Greenlight");
        says_all(&french, &["Nouveaux programmes", "d'ici 7 jours", "Désabonnement en un clic : https://greenlight.test/"]);
        let english = mail_to(&sink, "ada@example.org").pop().unwrap();
        assert_eq!(english.decoded_header("Subject").unwrap(), "Confirm your Greenlight subscription");
        says_all(&english, &["New programs", "within 7 days", "Leave with one click: https://greenlight.test/"]);
        for (mail, locale) in [(&french, "fr"), (&english, "en")] {
            assert_eq!(mail.header("Content-Language").as_deref(), Some(locale), "the mail names its language");
            let confirmed = app.client.post("/api/v1/subscriptions/confirm", None,
                &json!({"token": confirmation_token(mail)})).await;
            assert_eq!(confirmed.status, 200, "{}", confirmed.text);
            assert_eq!(confirmed.json["locale"], locale);
        }

        translated_program(&app, &staff).await;
        // The messages are written by this round, so due from after it.
        app.run_jobs().await;
        assert_eq!(app.worker(&sink).run_once(greenlight_store::ids::now()).await.unwrap().sent, 2);
        let french = mail_to(&sink, "ana@example.org").pop().unwrap();
        assert_eq!(french.decoded_header("Subject").unwrap(),
            "Nouveau au catalogue : Services bancaires pour les producteurs");
        says_all(&french, &[
            "Services bancaires pour les producteurs (Association canadienne des producteurs médiatiques) fait maintenant partie du catalogue Greenlight.",
            "Travailler avec les banques pour financer ses productions",
            "Coût : gratuit",
            "Modifier ce que vous recevez : https://greenlight.test/api/v1/subscriptions/manage?token=glp_",
        ]);
        let english = mail_to(&sink, "ada@example.org").pop().unwrap();
        assert_eq!(english.decoded_header("Subject").unwrap(), "New in the catalogue: Banking for Producers");
        says_all(&english, &[
            "Banking for Producers (Canadian Media Producers Association) is now in the Greenlight catalogue.",
            "Cost: free",
        ]);

        let staff_view = app.client.get("/api/v1/outbox?to=ana%40example.org", Some(&staff)).await;
        staff_view.assert_status(200);
        let locales: Vec<&Value> = staff_view.json["items"].as_array().unwrap().iter().map(|m| &m["locale"]).collect();
        assert_eq!(locales, [&json!("fr"), &json!("fr")], "the outbox keeps each message's language");

        let one_click = french.header("List-Unsubscribe").unwrap();
        let token = one_click.trim_end_matches('>').split_once("token=").unwrap().1.to_owned();
        let manage = format!("/api/v1/subscriptions/manage?token={token}");
        let shown = app.client.get(&manage, None).await;
        assert_eq!(shown.status, 200, "{}", shown.text);
        assert_eq!(shown.json["locale"], "fr");
        let changed = app.client.patch(&manage, None, &json!({"locale": "en"})).await;
        assert_eq!(changed.status, 200, "{}", changed.text);
        assert_eq!(changed.json["locale"], "en");
        assert_eq!(changed.json["topics"], json!(["new_programs"]), "the rest stays");
        app.client.patch(&manage, None, &json!({"locale": "es"})).await.assert_problem(422, "validation_failed");
    }

    async fn a_french_mentee_reads_their_decision_in_french(app) {
        use crate::support::{decide, submitted, world};
        let sink = SmtpSink::start();
        let w = world(&app).await;
        app.client.patch("/api/v1/me", Some(&w.mentee), &json!({"locale": "fr"})).await.assert_status(200);
        let application = submitted(&app, &w.mentee, &w.rep, &w.cycle, &w.company).await;
        decide(&app, &w.staff, &application, "selected").await.assert_status(200);
        app.client.post(&format!("/api/v1/cycles/{}/release-decisions", w.cycle), Some(&w.staff), &json!({}))
            .await.assert_status(200);
        assert_eq!(app.worker(&sink).run_once(greenlight_store::ids::now()).await.unwrap().sent, 2);

        let french = mail_to(&sink, "mentee@example.org").pop().unwrap();
        assert_eq!(french.decoded_header("Subject").unwrap(),
            "Production Mentorship, Spring 2030 : votre candidature conjointe est retenue");
        says_all(&french, &[
            "a été retenue.",
            "Stage : du 8 avril 2030 au 27 septembre 2030",
            "Allocation : 12\u{a0}000,00\u{a0}$",
            "Prochaine étape : Northern Lights et ",
            &format!("La candidature : https://greenlight.test/api/v1/applications/{application}"),
        ]);
        assert!(french.header("List-Unsubscribe").is_none());
        let english = mail_to(&sink, "rep@northern.example").pop().unwrap();
        assert_eq!(english.decoded_header("Subject").unwrap(),
            "Production Mentorship, Spring 2030: your joint application is selected");
        says_all(&english, &[
            "Placement: 8 April 2030 to 27 September 2030",
            "Stipend: $12,000.00",
            "Next step: Northern Lights and ",
        ]);
    }

    async fn registration_refusals_are_worded_in_french_with_unchanged_fields(app) {
        let body = json!({"email": "not-an-email", "password": "password1234", "display_name": "Camille Roy"});
        let french = post_in(&app, "/api/v1/auth/register", "fr", &body).await;
        french.assert_problem(422, "validation_failed");
        says_its_language(&french, "fr");
        assert_eq!(french.json["detail"], "2 champs ne sont pas valides");
        let errors = field_errors(&french);
        assert_eq!(errors[0], ("email".to_owned(), "doit être une adresse courriel comme nom@example.com".to_owned()));
        assert_eq!(errors[1].0, "password");
        assert!(errors[1].1.starts_with("est trop facile à deviner : choisissez une phrase de passe"), "{}", errors[1].1);

        let english = app.client.post("/api/v1/auth/register", None, &body).await;
        english.assert_problem(422, "validation_failed");
        let errors = field_errors(&english);
        assert_eq!(errors[0], ("email".to_owned(), "must be an email address such as name@example.com".to_owned()));
        assert_eq!(errors[1].0, "password");
        assert!(errors[1].1.starts_with("is too easy to guess"), "{}", errors[1].1);
        assert!(errors[1].1.contains("use a passphrase of four or more unrelated words"), "{}", errors[1].1);

        let short = json!({"email": "camille@example.org", "password": "short", "display_name": "Camille Roy"});
        let one = post_in(&app, "/api/v1/auth/register", "fr", &short).await;
        one.assert_problem(422, "validation_failed");
        assert_eq!(one.json["detail"], "password : doit compter au moins 12 caractères", "the detail follows the message");
        assert_eq!(field_errors(&one), [("password".to_owned(), "doit compter au moins 12 caractères".to_owned())]);
        let one = app.client.post("/api/v1/auth/register", None, &short).await;
        assert_eq!(one.json["detail"], "password: must be at least 12 characters");

        let missing = post_in(&app, "/api/v1/auth/register", "fr", &json!({"email": "camille@example.org", "display_name": "Camille Roy"})).await;
        missing.assert_problem(422, "validation_failed");
        assert_eq!(field_errors(&missing), [("password".to_owned(), "est obligatoire".to_owned())]);
        let mistyped = json!({"email": "camille@example.org", "password": "a long enough password", "display_name": 7});
        let french = post_in(&app, "/api/v1/auth/register", "fr", &mistyped).await;
        assert_eq!(field_errors(&french), [("display_name".to_owned(), "n'a pas le type ou la forme attendus".to_owned())]);
        let english = app.client.post("/api/v1/auth/register", None, &mistyped).await;
        let errors = field_errors(&english);
        assert_eq!(errors[0].0, "display_name");
        assert!(errors[0].1.starts_with("invalid type: integer `7`"), "serde's own words in English: {}", errors[0].1);
    }

    async fn program_refusals_are_worded_in_french_with_unchanged_fields(app) {
        let staff = app.staff();
        let provider = provider(&app, &staff, "Banff Centre", "association").await;
        let body = with(program(&provider, &"T".repeat(201)), json!({"formats": ["nope"], "cost_cents": -5}));
        let request = app.client.request(Method::POST, "/api/v1/programs")
            .header("Accept-Language", "fr").bearer_auth(&staff).json(&body);
        let french = app.client.send(request).await;
        french.assert_problem(422, "validation_failed");
        says_its_language(&french, "fr");
        let errors = field_errors(&french);
        let fields: Vec<&str> = errors.iter().map(|(field, _)| field.as_str()).collect();
        assert_eq!(fields, ["title", "formats[0]", "cost_cents"], "field names never change");
        assert_eq!(errors[0].1, "doit compter de 1 à 200 caractères");
        assert!(errors[1].1.starts_with("doit être l'une des valeurs mentorship, "), "{}", errors[1].1);
        assert_eq!(errors[2].1, "doit être un nombre de cents positif ou nul");

        let english = app.client.post("/api/v1/programs", Some(&staff), &body).await;
        english.assert_problem(422, "validation_failed");
        let errors = field_errors(&english);
        assert_eq!(errors[0], ("title".to_owned(), "must be 1 to 200 characters".to_owned()));
        assert_eq!(errors[1].0, "formats[0]");
        assert!(errors[1].1.starts_with("must be one of mentorship, "), "{}", errors[1].1);
        assert_eq!(errors[2], ("cost_cents".to_owned(), "must be zero or more cents".to_owned()));
    }
    async fn every_refusal_a_french_speaking_producer_meets_is_in_french(app) {
        let fr = |method: Method, path: &str| app.client.request(method, path).header("Accept-Language", "fr");
        let detail = |answer: &Answer| answer.json["detail"].as_str().unwrap_or_default().to_owned();

        // Signing up and in.
        let body = json!({"email": "camille@example.org", "password": "a long enough password", "display_name": "Camille Roy"});
        app.client.post("/api/v1/auth/register", None, &body).await.assert_status(201);
        let again = post_in(&app, "/api/v1/auth/register", "fr", &body).await;
        again.assert_problem(409, "conflict");
        says_its_language(&again, "fr");
        assert_eq!(again.json["title"], "Conflit");
        assert_eq!(detail(&again), "Un compte existe déjà avec cette adresse courriel.");
        let english = app.client.post("/api/v1/auth/register", None, &body).await;
        assert_eq!(detail(&english), "An account with this email already exists.");
        let wrong = post_in(&app, "/api/v1/auth/token", "fr", &json!({"email": "camille@example.org", "password": "not the password at all"})).await;
        wrong.assert_problem(401, "unauthorized");
        assert_eq!(detail(&wrong), "L'adresse courriel ou le mot de passe est erroné.");
        let anonymous = app.client.send(fr(Method::GET, "/api/v1/me")).await;
        anonymous.assert_problem(401, "unauthorized");
        assert_eq!(detail(&anonymous), "Ce point d'accès demande un en-tête Authorization: Bearer <jeton>.");

        // Searching the catalogue.
        let blank = get_in(&app, "/api/v1/programs?q=%21%21%21", "fr").await;
        blank.assert_problem(400, "bad_request");
        assert_eq!(detail(&blank), "Paramètre de requête `q` : doit contenir au moins une lettre ou un chiffre");
        let blank = app.client.get("/api/v1/programs?q=%21%21%21", None).await;
        assert_eq!(detail(&blank), "Query parameter `q`: must contain at least one letter or digit");
        let limit = get_in(&app, "/api/v1/programs?limit=0", "fr").await;
        limit.assert_problem(400, "bad_request");
        assert_eq!(detail(&limit), "Le paramètre de requête `limit` doit être compris entre 1 et 100.");
        let format = get_in(&app, "/api/v1/programs?format=nope", "fr").await;
        format.assert_problem(400, "bad_request");
        assert!(detail(&format).starts_with("Paramètre de requête `format` : doit être l'une des valeurs mentorship, "), "{}", detail(&format));

        // What the body of a request gets wrong.
        let (_, individual) = app.user_with_role("lou@example.org", greenlight_domain::Role::Individual);
        let role = app.client.send(fr(Method::POST, "/api/v1/providers").bearer_auth(&individual).json(&json!({"name": "X", "kind": "association"}))).await;
        role.assert_problem(403, "forbidden");
        assert_eq!(detail(&role), "Votre rôle ne permet pas cette action.");
        let not_json = app.client.send(fr(Method::POST, "/api/v1/auth/token").header("Content-Type", "text/plain").body("hello")).await;
        not_json.assert_problem(415, "unsupported_media_type");
        assert_eq!(detail(&not_json), "Envoyez le corps en application/json, et non en text/plain.");
        let broken = app.client.send(fr(Method::POST, "/api/v1/auth/token").header("Content-Type", "application/json").body("{")).await;
        broken.assert_problem(400, "bad_request");
        assert!(detail(&broken).starts_with("Le corps de la requête n'est pas un JSON valide : "), "{}", detail(&broken));
        let staff = app.staff();
        let orphan = app.client.send(fr(Method::POST, "/api/v1/programs").bearer_auth(&staff)
            .json(&program("0193a5a4-8a9e-7c31-9f43-5b0c6f1d2e13", "Orphan program"))).await;
        orphan.assert_problem(422, "validation_failed");
        assert_eq!(field_errors(&orphan), [("provider_id".to_owned(), "aucun fournisseur n'a cet identifiant".to_owned())]);
        assert_eq!(detail(&orphan), "provider_id : aucun fournisseur n'a cet identifiant");

        // A survey's own rules.
        let survey = app.client.post("/api/v1/surveys", Some(&staff), &json!({"title": "Compétences", "questions": [
            {"key": "pd_importance", "kind": "likert", "prompt": "Importance?"}
        ]})).await;
        survey.assert_status(201);
        let id = survey.json["id"].as_str().unwrap().to_owned();
        app.client.post(&format!("/api/v1/surveys/{id}/open"), Some(&staff), &json!({})).await.assert_status(200);
        let answer = app.client.send(fr(Method::POST, &format!("/api/v1/surveys/{id}/responses")).bearer_auth(&individual)
            .json(&json!({"answers": {"pd_importance": 9, "nope": 1}}))).await;
        answer.assert_problem(422, "validation_failed");
        let errors = field_errors(&answer);
        let fields: Vec<&str> = errors.iter().map(|(field, _)| field.as_str()).collect();
        assert_eq!(fields, ["answers.nope", "answers.pd_importance"], "{}", answer.text);
        assert_eq!(errors[0].1, "n'est pas une question de ce sondage");
        assert!(errors[1].1.starts_with("doit être l'une des valeurs "), "{}", errors[1].1);
        assert!(errors[1].1.ends_with(", ou un entier de 1 à 5"), "{}", errors[1].1);
    }
}
