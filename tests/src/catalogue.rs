//! Arranging catalogue data through the API.

use serde_json::{Value, json};

use crate::TestApp;

/// Creates a provider as `staff`; returns its id.
pub async fn provider(app: &TestApp, staff: &str, name: &str, kind: &str) -> String {
    let created = app
        .client
        .post(
            "/api/v1/providers",
            Some(staff),
            &json!({"name": name, "kind": kind}),
        )
        .await;
    assert_eq!(created.status, 201, "{}", created.text);
    created.json["id"].as_str().unwrap().to_owned()
}

/// The smallest valid program body; tests override what they look at.
pub fn program(provider_id: &str, title: &str) -> Value {
    json!({
        "title": title,
        "provider_id": provider_id,
        "summary": format!("About {title}"),
        "description": "",
        "formats": ["workshop"],
        "regions": ["national"],
        "delivery": "virtual",
        "cost_cents": 0
    })
}

/// `base` with the fields of `overrides` replaced.
pub fn with(mut base: Value, overrides: Value) -> Value {
    if let (Some(base), Some(overrides)) = (base.as_object_mut(), overrides.as_object()) {
        for (key, value) in overrides {
            base.insert(key.clone(), value.clone());
        }
    }
    base
}

/// Creates a program with `token`; returns the created program.
pub async fn create_program(app: &TestApp, token: &str, body: &Value) -> Value {
    let created = app.client.post("/api/v1/programs", Some(token), body).await;
    assert_eq!(created.status, 201, "{}", created.text);
    created.json.into_value()
}

/// The titles of a list answer, in order.
pub fn titles(answer: &Value) -> Vec<String> {
    answer["items"]
        .as_array()
        .unwrap_or_else(|| panic!("no items in {answer}"))
        .iter()
        .map(|item| item["title"].as_str().unwrap().to_owned())
        .collect()
}
