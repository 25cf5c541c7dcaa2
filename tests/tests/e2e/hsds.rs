//! HSDS 3.0: every item of every answer validates against the official
//! compiled schemas (vendored in `tests/hsds/`, with their licence note),
//! and the filters partners sync with work.

use std::sync::LazyLock;

use greenlight_domain::Role;
use greenlight_tests::catalogue::{create_program, program, provider, with};
use greenlight_tests::e2e;
use serde_json::{Value, json};

fn schema(file: &str) -> Value {
    let path = format!("{}/hsds/{file}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

fn validator(schema: &Value) -> jsonschema::Validator {
    jsonschema::options()
        .should_validate_formats(true)
        .build(schema)
        .unwrap()
}

static SERVICE: LazyLock<jsonschema::Validator> =
    LazyLock::new(|| validator(&schema("service.json")));
static SERVICE_LIST: LazyLock<jsonschema::Validator> =
    LazyLock::new(|| validator(&schema("service_list.json")));
static ORGANIZATION: LazyLock<jsonschema::Validator> =
    LazyLock::new(|| validator(&schema("organization.json")));
static ORGANIZATION_LIST: LazyLock<jsonschema::Validator> =
    LazyLock::new(|| validator(&schema("organization_list.json")));
/// The term and taxonomy objects nested in the service schema.
static TERM: LazyLock<jsonschema::Validator> = LazyLock::new(|| {
    validator(
        &schema("service.json")["properties"]["attributes"]["items"]["properties"]["taxonomy_term"],
    )
});
static TAXONOMY: LazyLock<jsonschema::Validator> = LazyLock::new(|| {
    validator(
        &schema("service.json")["properties"]["attributes"]["items"]["properties"]["taxonomy_term"]
            ["properties"]["taxonomy_detail"],
    )
});

#[track_caller]
fn assert_valid(validator: &jsonschema::Validator, item: &Value) {
    let errors: Vec<String> = validator
        .iter_errors(item)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}\nin {item:#}");
}

/// The contents of an HSDS page, after checking its page fields.
#[track_caller]
fn contents(page: &Value) -> Vec<Value> {
    for field in ["total_items", "total_pages", "page_number", "size"] {
        assert!(page[field].is_u64(), "{field} in {page}");
    }
    for field in ["first_page", "last_page", "empty"] {
        assert!(page[field].is_boolean(), "{field} in {page}");
    }
    let contents = page["contents"].as_array().unwrap().clone();
    assert_eq!(page["size"], contents.len());
    contents
}

fn names(items: &[Value]) -> Vec<&str> {
    items
        .iter()
        .map(|item| item["name"].as_str().unwrap())
        .collect()
}

e2e! {
    async fn services_organizations_and_terms_validate_against_hsds(app) {
        let staff = app.staff();
        let provider_id = provider(&app, &staff, "Producers' Association", "association").await;
        app.client.patch(&format!("/api/v1/providers/{provider_id}"), Some(&staff), &json!({"name": "Producers' Association", "kind": "association", "website": "https://producers.example.org"})).await.assert_status(200);
        create_program(&app, &staff, &with(program(&provider_id, "Financing Lab"), json!({
            "topics": ["financing"], "career_stages": ["emerging"], "languages": ["en", "fr"],
            "cost_cents": 12_550, "application_deadline": "2099-01-31", "url": "https://producers.example.org/lab",
            "description": "Long form."
        }))).await;
        create_program(&app, &staff, &program(&provider_id, "Plain Workshop")).await;

        let root = app.client.get("/api/v1/hsds/", None).await;
        root.assert_status(200);
        assert_eq!(root.json["version"], "3.0");
        assert!(root.json["openapi_url"].as_str().unwrap().starts_with("http"));

        // The validators do refuse what HSDS refuses.
        assert!(!SERVICE.is_valid(&json!({"id": "x", "name": "No status"})));
        assert!(!ORGANIZATION.is_valid(&json!({"id": "x", "name": "n", "description": 7})));

        let page = app.client.get("/api/v1/hsds/services", None).await;
        page.assert_status(200);
        let services = contents(&page.json);
        assert_eq!(names(&services), ["Financing Lab", "Plain Workshop"]);
        for service in &services {
            assert_valid(&SERVICE_LIST, service);
            assert_valid(&SERVICE, service);
        }
        let lab = &services[0];
        assert_eq!(lab["status"], "active");
        assert_eq!(lab["organization"]["website"], "https://producers.example.org");
        assert_eq!(lab["cost_options"][0]["amount"], 125.5);
        assert_eq!(lab["languages"].as_array().unwrap().len(), 2);

        let one = app.client.get(&format!("/api/v1/hsds/services/{}", lab["id"].as_str().unwrap()), None).await;
        one.assert_status(200);
        assert_valid(&SERVICE, &one.json);
        assert_eq!(one.json, *lab);

        let organizations = app.client.get("/api/v1/hsds/organizations", None).await;
        let organizations = contents(&organizations.json);
        assert_eq!(names(&organizations), ["Producers' Association"]);
        for organization in &organizations {
            assert_valid(&ORGANIZATION_LIST, organization);
        }
        let organization = app.client.get(&format!("/api/v1/hsds/organizations/{provider_id}"), None).await;
        organization.assert_status(200);
        assert_valid(&ORGANIZATION, &organization.json);
        assert_eq!(organization.json["services"].as_array().unwrap().len(), 2);

        let taxonomies = app.client.get("/api/v1/hsds/taxonomies", None).await;
        let taxonomies = contents(&taxonomies.json);
        assert_eq!(taxonomies.len(), 6);
        for taxonomy in &taxonomies {
            assert_valid(&TAXONOMY, taxonomy);
        }
        let terms = app.client.get("/api/v1/hsds/taxonomy_terms?per_page=100", None).await;
        let terms = contents(&terms.json);
        assert!(terms.len() > 40, "{}", terms.len());
        for term in &terms {
            assert_valid(&TERM, term);
        }
    }

    async fn service_filters_find_what_a_directory_syncs(app) {
        let staff = app.staff();
        let association = provider(&app, &staff, "Producers' Association", "association").await;
        let school = provider(&app, &staff, "Film School", "school").await;
        create_program(&app, &staff, &with(program(&association, "Financing Lab"), json!({"topics": ["financing"]}))).await;
        create_program(&app, &staff, &program(&school, "Editing Course")).await;
        let (_, partner) = app.user_with_role("partner@example.org", Role::Partner);
        create_program(&app, &partner, &program(&school, "Pending Course")).await;

        let terms = app.client.get("/api/v1/hsds/taxonomy_terms?search=financing", None).await;
        let terms = contents(&terms.json);
        let financing = terms.iter().find(|term| term["code"] == "financing").unwrap()["id"].as_str().unwrap().to_owned();
        let by_term = app.client.get(&format!("/api/v1/hsds/services?taxonomy_term_id={financing}"), None).await;
        assert_eq!(names(&contents(&by_term.json)), ["Financing Lab"]);
        let by_organization = app.client.get(&format!("/api/v1/hsds/services?organization_id={school}"), None).await;
        assert_eq!(names(&contents(&by_organization.json)), ["Editing Course"]);
        let searched = app.client.get("/api/v1/hsds/services?search=editing", None).await;
        assert_eq!(names(&contents(&searched.json)), ["Editing Course"]);

        // What changed after a moment: only the program updated since.
        let all = app.client.get("/api/v1/hsds/services", None).await;
        let since = contents(&all.json).iter().map(|s| s["last_modified"].as_str().unwrap().to_owned()).max().unwrap();
        app.client.patch("/api/v1/programs/editing-course", Some(&staff), &json!({"summary": "Now longer"})).await.assert_status(200);
        let changed = app.client.get(&format!("/api/v1/hsds/services?modified_after={since}"), None).await;
        changed.assert_status(200);
        assert_eq!(names(&contents(&changed.json)), ["Editing Course"]);

        let paged = app.client.get("/api/v1/hsds/services?per_page=1&page=2", None).await;
        assert_eq!(paged.json["total_items"], 2);
        assert_eq!(paged.json["total_pages"], 2);
        assert_eq!(paged.json["last_page"], true);
        assert_eq!(names(&contents(&paged.json)), ["Financing Lab"]);

        app.client.get("/api/v1/hsds/services?modified_after=yesterday", None).await.assert_problem(400, "bad_request");
        app.client.get("/api/v1/hsds/services?page=0", None).await.assert_problem(400, "bad_request");
        app.client.get("/api/v1/hsds/services?page=1000001", None).await.assert_problem(400, "bad_request");
        app.client.get("/api/v1/hsds/taxonomy_terms?modified_after=yesterday", None).await.assert_problem(400, "bad_request");
        app.client.get(&format!("/api/v1/hsds/organizations?taxonomy_term_id={}", "0".repeat(81)), None).await.assert_problem(400, "bad_request");
        app.client.get("/api/v1/hsds/services?per_page=101", None).await.assert_problem(400, "bad_request");
        let pending = app.client.get("/api/v1/programs/pending-course", Some(&staff)).await;
        app.client.get(&format!("/api/v1/hsds/services/{}", pending.json["id"].as_str().unwrap()), None).await.assert_problem(404, "not_found");
        app.client.get("/api/v1/hsds/organizations/nobody", None).await.assert_problem(404, "not_found");
    }
}
