//! The catalogue's store functions on both backends: what the HTTP tests
//! cannot see directly (slug numbering, the change log, paged loading).

use diesel::prelude::*;
use greenlight_domain::ProgramContent;
use greenlight_domain::{Cents, Delivery, Format, ProgramStatus, ProviderKind, Region, Slug};
use greenlight_store::programs::{self, NewProgram};
use greenlight_store::providers::{self, NewProvider};
use greenlight_store::{AnyConnection, StoreError, program_changes};
use greenlight_tests::{Backend, TestDatabase};

fn content(provider_id: &str, title: &str) -> ProgramContent {
    ProgramContent {
        title: title.to_owned(),
        provider_id: provider_id.to_owned(),
        summary: "A summary".to_owned(),
        description: "A description".to_owned(),
        formats: vec![Format::Lab, Format::Mentorship, Format::Lab],
        topics: Vec::new(),
        career_stages: Vec::new(),
        regions: vec![Region::National],
        audiences: Vec::new(),
        delivery: Delivery::Virtual,
        languages: Vec::new(),
        cost: Cents::ZERO,
        stipend: None,
        application_deadline: None,
        starts_on: None,
        ends_on: None,
        url: None,
        translations: Default::default(),
    }
}

fn new_program(provider_id: &str, title: &str) -> NewProgram {
    NewProgram {
        content: content(provider_id, title),
        slug: None,
        status: ProgramStatus::Published,
        submitted_by: None,
    }
}

fn on_both(scenario: impl Fn(&mut AnyConnection)) {
    for backend in [Backend::Sqlite, Backend::Postgres] {
        let Some(database) = TestDatabase::create(backend) else {
            continue;
        };
        scenario(&mut database.pool().get().unwrap());
    }
}

fn provider(conn: &mut AnyConnection) -> String {
    providers::create(
        conn,
        &NewProvider {
            name: "Producers' Association".to_owned(),
            kind: ProviderKind::Association,
            website: None,
            province: None,
            translations: Default::default(),
        },
    )
    .unwrap()
    .id
}

#[test]
fn derived_slugs_fold_accents_and_number_collisions() {
    on_both(|conn| {
        let provider = provider(conn);
        let first = programs::create(conn, &new_program(&provider, "Café Producteurs")).unwrap();
        let second = programs::create(conn, &new_program(&provider, "CAFÉ producteurs!")).unwrap();
        let third = programs::create(conn, &new_program(&provider, "Cafe producteurs")).unwrap();
        assert_eq!(first.slug, "cafe-producteurs");
        assert_eq!(second.slug, "cafe-producteurs-2");
        assert_eq!(third.slug, "cafe-producteurs-3");
        assert_eq!(first.content.formats, vec![Format::Mentorship, Format::Lab]);
        assert_eq!(
            programs::find(conn, "cafe-producteurs-2").unwrap().id,
            second.id
        );
        assert_eq!(programs::find(conn, &third.id).unwrap().slug, third.slug);
        assert_eq!(first.provider_name, "Producers' Association");
    });
}

#[test]
fn a_given_slug_that_is_taken_conflicts_and_an_unknown_provider_is_a_missing_reference() {
    on_both(|conn| {
        let provider = provider(conn);
        let mut wanted = new_program(&provider, "One");
        wanted.slug = Some(Slug::parse("chosen").unwrap());
        programs::create(conn, &wanted).unwrap();
        assert!(matches!(
            programs::create(conn, &wanted),
            Err(StoreError::Conflict { .. })
        ));
        assert!(matches!(
            programs::create(conn, &new_program("nobody", "Two")),
            Err(StoreError::MissingReference { .. })
        ));
        assert!(matches!(
            programs::find(conn, "two"),
            Err(StoreError::NotFound)
        ));
    });
}

#[test]
fn synthetic_catalogues_load_in_batches_and_are_logged_as_published() {
    on_both(|conn| {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        assert_eq!(
            greenlight_store::seed::synthetic(conn, 1_100, 7, today).unwrap(),
            1_100
        );
        assert_eq!(programs::count(conn).unwrap(), 1_100);
        assert_eq!(program_changes::head(conn).unwrap(), 1_100);
        let mut pages = 0;
        let mut after: Option<String> = None;
        let mut seen = 0;
        loop {
            let page = programs::published_after(conn, after.as_deref()).unwrap();
            let Some(last) = page.last() else { break };
            assert!(
                page.iter().all(|p| !p.content.formats.is_empty()),
                "facets are loaded"
            );
            after = Some(last.id.clone());
            seen += page.len();
            pages += 1;
        }
        assert_eq!((seen, pages), (1_100, 3), "read in pages of 500");
        assert_eq!(
            greenlight_store::seed::synthetic(conn, 10, 7, today).unwrap(),
            10,
            "a second run adds to the first"
        );
        assert_eq!(program_changes::head(conn).unwrap(), 1_110);
    });
}

/// The change log names every change to the published catalogue, in order,
/// with the slug the program had; pending programs stay out of it until they
/// are published.
#[test]
fn the_change_log_records_published_catalogue_changes_in_order() {
    use program_changes::ChangeKind::{Deleted, Published, Updated};
    on_both(|conn| {
        let provider = provider(conn);
        let start = program_changes::head(conn).unwrap();
        let published = programs::create(conn, &new_program(&provider, "Open Lab")).unwrap();
        let pending = programs::create(
            conn,
            &NewProgram {
                status: ProgramStatus::Pending,
                ..new_program(&provider, "Partner Lab")
            },
        )
        .unwrap();
        assert_eq!(
            program_changes::head(conn).unwrap(),
            start + 1,
            "pending writes are not logged"
        );
        let renamed = Slug::parse("renamed-lab").unwrap();
        programs::update(conn, &published.id, &renamed, &published.content).unwrap();
        programs::publish(conn, &pending.id).unwrap();
        programs::publish(conn, &pending.id).unwrap();
        programs::delete(conn, &published.id).unwrap();
        let changes = program_changes::after(conn, start, 100).unwrap();
        let seen: Vec<(i64, &str, &str, program_changes::ChangeKind)> = changes
            .iter()
            .map(|c| {
                (
                    c.seq - start,
                    c.program_id.as_str(),
                    c.slug.as_str(),
                    c.change,
                )
            })
            .collect();
        assert_eq!(
            seen,
            [
                (1, published.id.as_str(), "open-lab", Published),
                (2, published.id.as_str(), "renamed-lab", Updated),
                (3, pending.id.as_str(), "partner-lab", Published),
                (4, published.id.as_str(), "renamed-lab", Deleted),
            ],
            "publishing twice logs once"
        );
        assert_eq!(
            program_changes::after(conn, start + 2, 1).unwrap()[0].seq,
            start + 3
        );
    });
}

#[test]
fn an_id_is_found_before_a_slug_that_spells_it() {
    on_both(|conn| {
        let provider = provider(conn);
        let real = programs::create(conn, &new_program(&provider, "Real")).unwrap();
        let impostor = programs::create(conn, &new_program(&provider, "Impostor")).unwrap();
        // A slug shaped like an id cannot be made any more; one written
        // before the rule (or by hand) must still lose to the id.
        diesel::update(greenlight_store::schema::programs::table.find(&impostor.id))
            .set(greenlight_store::schema::programs::slug.eq(&real.id))
            .execute(conn)
            .unwrap();
        assert_eq!(programs::find(conn, &real.id).unwrap().slug, "real");
        assert_eq!(
            programs::find(conn, &impostor.id).unwrap().content.title,
            "Impostor"
        );
    });
}
