//! Catalogue search as the contract states it: typo tolerance, the last word
//! as a prefix, English and French stems, accent and case folding, and
//! disjunctive facet counts.

use greenlight_tests::catalogue::{create_program, program, provider, titles, with};
use greenlight_tests::{TestApp, e2e};
use serde_json::{Value, json};

async fn search(app: &TestApp, query: &str) -> Value {
    let answer = app
        .client
        .get(&format!("/api/v1/programs?{query}"), None)
        .await;
    assert_eq!(answer.status, 200, "{query}: {}", answer.text);
    answer.json.into_value()
}

async fn found(app: &TestApp, query: &str) -> Vec<String> {
    let mut found = titles(&search(app, query).await);
    found.sort();
    found
}

e2e! {
    async fn search_tolerates_typos_stems_both_languages_and_completes_the_last_word(app) {
        let staff = app.staff();
        let association = provider(&app, &staff, "Producers' Association", "association").await;
        for (title, summary) in [
            ("Finance for Producers", "Interim loans and tax credits"),
            ("Laboratoire de coproduction", "Productrices et producteurs en coproduction internationale"),
            ("Documentary Accelerator", "From treatment to broadcast"),
            ("Café des producteurs", "Rencontres mensuelles"),
            ("Pitch Lab", "Short pitches"),
        ] {
            create_program(&app, &staff, &with(program(&association, title), json!({"summary": summary}))).await;
        }
        assert_eq!(found(&app, "q=financing").await, ["Finance for Producers"], "English stems: financing finds finance");
        assert_eq!(found(&app, "q=coproductions").await, ["Laboratoire de coproduction"], "coproductions finds coproduction");
        assert_eq!(found(&app, "q=productrice").await, ["Laboratoire de coproduction"], "French stems: productrice finds productrices");
        assert_eq!(found(&app, "q=finanse").await, ["Finance for Producers"], "one typo in a word of 5+ letters");
        assert_eq!(found(&app, "q=documantery").await, ["Documentary Accelerator"], "two typos in a word of 9+ letters");
        assert!(found(&app, "q=pich").await.is_empty(), "no typo allowed under 5 letters");
        assert_eq!(found(&app, "q=docum").await, ["Documentary Accelerator"], "the last word matches as a prefix");
        assert!(found(&app, "q=docum%20lab").await.is_empty(), "only the last word is a prefix, and every word must match");
        assert_eq!(found(&app, "q=CAFE%20Rencontres").await, ["Café des producteurs"], "accents and case fold");
        assert_eq!(found(&app, "q=caf%C3%A9").await, ["Café des producteurs"]);
        let ranked = titles(&search(&app, "q=producteurs").await);
        assert_eq!(ranked[0], "Café des producteurs", "a title match ranks first: {ranked:?}");
    }

    async fn facet_counts_count_each_facet_with_every_filter_but_its_own(app) {
        let staff = app.staff();
        let association = provider(&app, &staff, "Producers' Association", "association").await;
        for (title, formats, regions, delivery, languages) in [
            ("BC Lab", json!(["lab"]), json!(["BC"]), "in_person", json!(["en"])),
            ("BC Mentorship", json!(["mentorship"]), json!(["BC"]), "virtual", json!(["en", "fr"])),
            ("Ontario Lab", json!(["lab"]), json!(["ON"]), "virtual", json!(["fr"])),
            ("National Lab", json!(["lab", "workshop"]), json!(["national"]), "hybrid", json!(["en"])),
        ] {
            create_program(&app, &staff, &with(program(&association, title), json!({
                "formats": formats, "regions": regions, "delivery": delivery, "languages": languages
            }))).await;
        }
        let page = search(&app, "region=BC&facets=true&limit=1").await;
        assert_eq!(page["total"], 2, "total counts every match, not the page");
        assert_eq!(page["items"].as_array().unwrap().len(), 1);
        let facets = &page["facets"];
        assert_eq!(facets["region"]["BC"], 2);
        assert_eq!(facets["region"]["ON"], 1, "the selected facet still counts its other values");
        assert_eq!(facets["region"]["national"], 1);
        assert_eq!(facets["format"]["lab"], 1, "other facets count within the selection");
        assert_eq!(facets["format"]["mentorship"], 1);
        assert_eq!(facets["format"]["workshop"], 0, "every value is listed, zeros included");
        assert_eq!(facets["delivery"]["virtual"], 1);
        assert_eq!(facets["language"]["fr"], 1);
        assert_eq!(facets["career_stage"]["emerging"], 0);
        assert!(facets["topic"].as_object().unwrap().contains_key("financing"));

        let two = search(&app, "region=BC&format=lab&facets=true").await;
        assert_eq!(titles(&two), ["BC Lab"]);
        assert_eq!(two["total"], 1);
        assert_eq!(two["facets"]["format"]["lab"], 1);
        assert_eq!(two["facets"]["format"]["mentorship"], 1, "counted with region=BC, not with format=lab");
        assert_eq!(two["facets"]["region"]["ON"], 1, "counted with format=lab, not with region=BC");
        assert_eq!(two["facets"]["region"]["national"], 1);

        let searched = search(&app, "q=lab&facets=true").await;
        assert_eq!(searched["total"], 3, "words narrow the counts too");
        assert_eq!(searched["facets"]["format"]["mentorship"], 0);
        let plain = search(&app, "region=BC").await;
        assert!(plain.get("facets").is_none() && plain.get("total").is_none(), "only when asked: {plain}");
    }
}
