//! The change feed partners sync with: every change to the published
//! catalogue in order, deletions and unpublishing included, and a cursor
//! that keeps working.

use greenlight_domain::Role;
use greenlight_tests::catalogue::{create_program, program, provider};
use greenlight_tests::e2e;
use serde_json::{Value, json};

/// `(slug, change, deleted)` of each item.
fn changes(page: &Value) -> Vec<(String, String, bool)> {
    page["items"]
        .as_array()
        .unwrap_or_else(|| panic!("no items in {page}"))
        .iter()
        .map(|item| {
            (
                item["slug"].as_str().unwrap().to_owned(),
                item["change"].as_str().unwrap().to_owned(),
                item["deleted"].as_bool().unwrap(),
            )
        })
        .collect()
}

fn change(slug: &str, change: &str, deleted: bool) -> (String, String, bool) {
    (slug.to_owned(), change.to_owned(), deleted)
}

e2e! {
    async fn the_feed_tells_every_change_in_order_and_the_cursor_only_what_follows(app) {
        let staff = app.staff();
        let provider_id = provider(&app, &staff, "Producers' Association", "association").await;
        let kept = create_program(&app, &staff, &program(&provider_id, "Kept Lab")).await;
        let gone = create_program(&app, &staff, &program(&provider_id, "Gone Lab")).await;
        let (_, partner) = app.user_with_role("partner@example.org", Role::Partner);
        let waiting = create_program(&app, &partner, &program(&provider_id, "Waiting Lab")).await;
        app.client.patch(&format!("/api/v1/programs/{}", kept["id"].as_str().unwrap()), Some(&staff), &json!({"summary": "New words"})).await.assert_status(200);
        app.client.post("/api/v1/programs/kept-lab/unpublish", Some(&staff), &json!({})).await.assert_status(200);
        app.client.delete("/api/v1/programs/gone-lab", Some(&staff)).await.assert_status(204);

        let first = app.client.get("/api/v1/programs/changes", None).await;
        first.assert_status(200);
        assert_eq!(changes(&first.json), vec![
            change("kept-lab", "published", false),
            change("gone-lab", "published", false),
            change("kept-lab", "updated", false),
            change("kept-lab", "unpublished", false),
            change("gone-lab", "unpublished", true),
        ]);
        assert_eq!(first.json["items"][4]["program_id"], gone["id"]);
        assert!(first.json["items"].as_array().unwrap().iter().all(|item| item["program_id"] != waiting["id"]));
        assert!(first.json["items"][0]["at"].as_str().unwrap().ends_with('Z'));
        assert!(first.header("link").is_none());

        // Polling with the cursor answers nothing new, and again a cursor.
        let cursor = first.json["next_cursor"].as_str().unwrap().to_owned();
        let idle = app.client.get(&format!("/api/v1/programs/changes?after={cursor}"), None).await;
        idle.assert_status(200);
        assert_eq!(changes(&idle.json), vec![]);
        assert_eq!(idle.json["next_cursor"], cursor.as_str());

        // Publishing again shows up after the cursor, and only that.
        app.client.post("/api/v1/programs/kept-lab/publish", Some(&staff), &json!({})).await.assert_status(200);
        let next = app.client.get(&format!("/api/v1/programs/changes?after={cursor}"), None).await;
        assert_eq!(changes(&next.json), vec![change("kept-lab", "published", false)]);
    }

    async fn pages_of_the_feed_link_to_the_next_and_refuse_foreign_cursors(app) {
        let staff = app.staff();
        let provider_id = provider(&app, &staff, "Producers' Association", "association").await;
        for n in 0..3 {
            create_program(&app, &staff, &program(&provider_id, &format!("Lab {n}"))).await;
        }
        let page = app.client.get("/api/v1/programs/changes?limit=2", None).await;
        assert_eq!(changes(&page.json), vec![change("lab-0", "published", false), change("lab-1", "published", false)]);
        let link = page.header("link").unwrap().to_owned();
        assert!(link.ends_with("rel=\"next\""), "{link}");
        let next = link.trim_start_matches('<').split('>').next().unwrap();
        assert!(next.starts_with(&app.config.public_url), "{next}");
        let rest = app.client.get(next, None).await;
        assert_eq!(changes(&rest.json), vec![change("lab-2", "published", false)]);

        let listing = app.client.get("/api/v1/programs?limit=1", None).await;
        let foreign = listing.json["next_cursor"].as_str().unwrap();
        app.client.get(&format!("/api/v1/programs/changes?after={foreign}"), None).await.assert_problem(400, "bad_request");
        app.client.get("/api/v1/programs/changes?limit=0", None).await.assert_problem(400, "bad_request");
    }

    async fn only_staff_unpublish_and_an_unpublished_program_leaves_the_catalogue(app) {
        let staff = app.staff();
        let provider_id = provider(&app, &staff, "Producers' Association", "association").await;
        create_program(&app, &staff, &program(&provider_id, "Short Lived")).await;
        let (_, partner) = app.user_with_role("partner@example.org", Role::Partner);
        app.client.post("/api/v1/programs/short-lived/unpublish", Some(&partner), &json!({})).await.assert_problem(403, "forbidden");
        let unpublished = app.client.post("/api/v1/programs/short-lived/unpublish", Some(&staff), &json!({})).await;
        unpublished.assert_status(200);
        assert_eq!(unpublished.json["status"], "pending");
        app.client.get("/api/v1/programs/short-lived", None).await.assert_problem(404, "not_found");
        let listing = app.client.get("/api/v1/programs", None).await;
        assert_eq!(listing.json["items"].as_array().unwrap().len(), 0);
        // Unpublishing again changes nothing and logs nothing.
        app.client.post("/api/v1/programs/short-lived/unpublish", Some(&staff), &json!({})).await.assert_status(200);
        let feed = app.client.get("/api/v1/programs/changes", None).await;
        assert_eq!(changes(&feed.json).len(), 2);
    }
}
