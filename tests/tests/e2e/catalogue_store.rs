//! The catalogue's store functions on both backends: what the HTTP tests
//! cannot see directly (derived columns, slug numbering under the hood).

use greenlight_domain::{Cents, Delivery, Format, ProgramStatus, ProviderKind, Region, Slug};
use greenlight_store::programs::{self, NewProgram, ProgramContent};
use greenlight_store::providers::{self, NewProvider};
use greenlight_store::{AnyConnection, StoreError};
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
fn synthetic_catalogues_load_in_batches_and_are_searchable() {
    on_both(|conn| {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        assert_eq!(
            greenlight_store::seed::synthetic(conn, 1_100, 7, today).unwrap(),
            1_100
        );
        assert_eq!(programs::count(conn).unwrap(), 1_100);
        let mut filter = programs::ProgramFilter::published(today);
        filter.search = greenlight_domain::SearchTerms::parse("financing");
        let found =
            programs::list(conn, &filter, programs::ProgramSort::Relevance, None, 5).unwrap();
        assert_eq!(found.len(), 5);
        assert!(found[0].program.content.title.contains("Financing"));
        assert_eq!(programs::all_published(conn).unwrap().len(), 1_100);
        assert_eq!(
            greenlight_store::seed::synthetic(conn, 10, 7, today).unwrap(),
            10,
            "a second run adds to the first"
        );
    });
}

/// The read model must answer exactly what the database answers: same
/// programs, same order, same scores, page after page.
#[test]
fn the_in_memory_index_lists_exactly_what_the_database_lists() {
    use greenlight_domain::{Audience, CareerStage, Cents, SearchTerms, Topic};
    use greenlight_store::catalogue_index::CatalogueIndex;
    use programs::{ProgramFilter, ProgramSort};

    on_both(|conn| {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        greenlight_store::seed::synthetic(conn, 400, 11, today).unwrap();
        let index = CatalogueIndex::new(programs::all_published(conn).unwrap());
        let base = ProgramFilter::published(today);
        let filters = [
            base.clone(),
            ProgramFilter {
                search: SearchTerms::parse("financing"),
                ..base.clone()
            },
            ProgramFilter {
                search: SearchTerms::parse("northern lab"),
                ..base.clone()
            },
            ProgramFilter {
                search: SearchTerms::parse("pro"),
                formats: vec![Format::Lab, Format::Workshop],
                ..base.clone()
            },
            ProgramFilter {
                regions: vec![Region::National, Region::Bc],
                topics: vec![Topic::Export],
                ..base.clone()
            },
            ProgramFilter {
                career_stages: vec![CareerStage::Emerging],
                audiences: vec![Audience::Indigenous, Audience::Black],
                ..base.clone()
            },
            ProgramFilter {
                open: Some(true),
                max_cost: Some(Cents::parse(20_000).unwrap()),
                deliveries: vec![Delivery::Virtual],
                ..base.clone()
            },
            ProgramFilter {
                open: Some(false),
                ..base.clone()
            },
            ProgramFilter {
                deadline_after: Some(today),
                deadline_before: today.checked_add_days(chrono::Days::new(90)),
                ..base.clone()
            },
        ];
        for filter in &filters {
            let sorts: &[ProgramSort] = if filter.search.is_some() {
                &[
                    ProgramSort::Relevance,
                    ProgramSort::Title,
                    ProgramSort::Deadline,
                    ProgramSort::Updated,
                ]
            } else {
                &[
                    ProgramSort::Title,
                    ProgramSort::Deadline,
                    ProgramSort::Updated,
                ]
            };
            for &sort in sorts {
                let mut after = None;
                let mut pages = 0;
                loop {
                    let from_sql = programs::list(conn, filter, sort, after.as_ref(), 37).unwrap();
                    let from_memory = index.list(filter, sort, after.as_ref(), 37);
                    let keys = |listed: &[programs::Listed]| -> Vec<(String, i64)> {
                        listed
                            .iter()
                            .map(|l| (l.program.id.clone(), l.score))
                            .collect()
                    };
                    assert_eq!(
                        keys(&from_sql),
                        keys(&from_memory),
                        "{filter:?} {sort:?} page {pages}"
                    );
                    pages += 1;
                    match from_sql.last() {
                        Some(last) if from_sql.len() == 37 => after = Some(last.after()),
                        _ => break,
                    }
                }
            }
        }
    });
}
