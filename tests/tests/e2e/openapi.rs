//! `api-spec/openapi.json` is generated; this fails when it is stale.

#[test]
fn committed_openapi_document_is_current() {
    let generated = greenlight_api::openapi::to_pretty_json(&greenlight_api::openapi::document());
    let committed = include_str!("../../../api-spec/openapi.json");
    assert!(
        generated == committed,
        "api-spec/openapi.json is stale: run `cargo run -- openapi > api-spec/openapi.json`"
    );
}

#[test]
fn every_operation_documents_its_errors() {
    let document = serde_json::to_value(greenlight_api::openapi::document()).unwrap();
    for (path, item) in document["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            let responses = operation["responses"].as_object().unwrap();
            assert!(responses.contains_key("500"), "{method} {path} lacks 500");
            if operation.get("requestBody").is_some() {
                for status in ["400", "413", "415", "422"] {
                    assert!(
                        responses.contains_key(status),
                        "{method} {path} lacks {status}"
                    );
                }
            }
            if operation.get("security").is_some() {
                assert!(responses.contains_key("401"), "{method} {path} lacks 401");
            }
        }
    }
}
