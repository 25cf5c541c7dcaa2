//! The catalogue engine as its callers use it: programs in, searches,
//! facet counts and matches out, changed program by program.

#![allow(clippy::unwrap_used)]

use chrono::{NaiveDate, TimeZone, Utc};
use greenlight_catalogue::{
    Catalogue, Change, Facet, ProgramQuery, SearchText, Sort, match_programs,
};
use greenlight_domain::{
    Audience, CareerStage, Cents, Delivery, Format, Language, Locale, Profile, Program,
    ProgramContent, ProgramStatus, Province, Region, Topic, Translation, Translations,
};
use proptest::prelude::*;
use proptest::sample::subsequence;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 1).unwrap()
}

fn program(id: &str, title: &str) -> Program {
    Program {
        id: id.to_owned(),
        slug: id.to_lowercase(),
        provider_name: "Producers' Association".to_owned(),
        content: ProgramContent {
            title: title.to_owned(),
            provider_id: "association".to_owned(),
            summary: String::new(),
            description: String::new(),
            formats: vec![Format::Workshop],
            topics: Vec::new(),
            career_stages: Vec::new(),
            regions: vec![Region::National],
            audiences: Vec::new(),
            delivery: Delivery::Virtual,
            languages: vec![Language::En],
            cost: Cents::ZERO,
            stipend: None,
            application_deadline: None,
            starts_on: None,
            ends_on: None,
            url: None,
            translations: Translations::default(),
        },
        provider_translations: Translations::default(),
        status: ProgramStatus::Published,
        submitted_by: None,
        published_at: None,
        created_at: Utc.with_ymd_and_hms(2026, 10, 1, 0, 0, 0).unwrap(),
        updated_at: Utc.with_ymd_and_hms(2026, 10, 1, 0, 0, 0).unwrap(),
    }
}

fn with_summary(mut program: Program, summary: &str) -> Program {
    program.content.summary = summary.to_owned();
    program
}

fn catalogue(programs: Vec<Program>) -> Catalogue<()> {
    let catalogue = Catalogue::new().unwrap();
    catalogue
        .apply(
            programs
                .into_iter()
                .map(|p| Change::Put(Box::new(p), ()))
                .collect(),
        )
        .unwrap();
    catalogue
}

fn search(catalogue: &Catalogue<()>, q: &str) -> Vec<String> {
    let query = ProgramQuery {
        text: SearchText::parse(q),
        ..ProgramQuery::everything(today())
    };
    let reader = catalogue.read().unwrap();
    let found = reader.find(&query).unwrap();
    found
        .page(Sort::Relevance, None, 100)
        .iter()
        .map(|hit| hit.listing.entry.id.clone())
        .collect()
}

#[test]
fn search_tolerates_typos_completes_the_last_word_and_stems_both_languages() {
    let catalogue = catalogue(vec![
        program("finance", "Finance for Producers"),
        with_summary(
            program("copro", "Laboratoire"),
            "Une coproduction internationale",
        ),
        program("hyphen", "STAR: Co-production"),
        program("cafe", "Café des producteurs"),
        program("documentary", "Documentary Lab"),
    ]);
    assert_eq!(
        search(&catalogue, "financing"),
        ["finance"],
        "English stems"
    );
    assert_eq!(
        search(&catalogue, "finnance"),
        ["finance"],
        "one typo in 5+ letters"
    );
    assert_eq!(
        search(&catalogue, "documentray"),
        ["documentary"],
        "two typos in 9+ letters"
    );
    assert!(
        search(&catalogue, "lav").is_empty(),
        "no typo in short words"
    );
    assert_eq!(
        search(&catalogue, "docu"),
        ["documentary"],
        "the last word is a prefix"
    );
    let copro = search(&catalogue, "coproductions");
    assert_eq!(copro.len(), 2, "{copro:?}");
    assert!(copro.contains(&"copro".to_owned()) && copro.contains(&"hyphen".to_owned()));
    assert_eq!(
        search(&catalogue, "CAFE"),
        ["cafe"],
        "accents and case fold"
    );
    assert_eq!(
        search(&catalogue, "producteur café"),
        ["cafe"],
        "every word must match"
    );
}

fn in_french(mut program: Program, title: &str, summary: &str) -> Program {
    program.content.translations.fr = Some(Translation {
        title: Some(title.to_owned()),
        summary: Some(summary.to_owned()),
        ..Translation::default()
    });
    program
}

#[test]
fn french_translations_are_searched_as_french() {
    let catalogue = catalogue(vec![
        in_french(
            program("banking", "Banking for Producers"),
            "Services bancaires pour les producteurs",
            "Le financement provisoire et les crédits d'impôt",
        ),
        program("plain", "Banking Basics"),
        program("english", "Producers' Stories"),
    ]);
    assert_eq!(
        search(&catalogue, "bancaire"),
        ["banking"],
        "a French word finds the French title"
    );
    assert_eq!(
        search(&catalogue, "productrices financements"),
        Vec::<String>::new(),
        "every word must match; `productrices` stems apart from `producteurs`"
    );
    assert_eq!(
        search(&catalogue, "crédit impots"),
        ["banking"],
        "French stems and folded accents meet the French summary"
    );
    let english = search(&catalogue, "banking");
    assert_eq!(
        english.len(),
        2,
        "{english:?}: the English text stays searched"
    );
    assert!(
        search(&catalogue, "stories").contains(&"english".to_owned()),
        "English still stems as English"
    );
}

#[test]
fn match_reasons_are_written_in_the_asked_language() {
    let mut program = program("lab", "Lab");
    program.content.career_stages = vec![CareerStage::Emerging];
    program.content.cost = Cents::parse(120_000).unwrap();
    program.content.application_deadline = NaiveDate::from_ymd_opt(2027, 4, 5);
    let entries = [greenlight_catalogue::Entry::of(&program)];
    let entries: Vec<&greenlight_catalogue::Entry> = entries.iter().collect();
    let profile = Profile {
        province: Some(Province::Qc),
        producing_credits: 1,
        ..Profile::default()
    };
    let french = match_programs(&profile, &entries, today(), 1, Locale::Fr).remove(0);
    assert_eq!(
        french.reasons[0],
        "Pour les producteurs à l'étape émergent — vous avez 1 crédit, ce qui vous place à l'étape début de carrière"
    );
    assert!(
        french
            .reasons
            .contains(&"Postulez d'ici le 5 avril 2027 (155 jours restants)".to_owned()),
        "{:?}",
        french.reasons
    );
    assert!(
        french
            .reasons
            .contains(&"Coûte 1\u{a0}200,00\u{a0}$".to_owned())
    );
    let english = match_programs(&profile, &entries, today(), 1, Locale::En).remove(0);
    assert_eq!(english.eligible, french.eligible);
    assert_eq!(english.score, french.score);
    assert!(english.reasons.contains(&"Costs $1,200.00".to_owned()));
}

#[test]
fn reasons_are_written_in_both_languages() {
    let problems = greenlight_domain::l10n::catalogue_problems(
        include_str!("../locales/en.ftl"),
        include_str!("../locales/fr.ftl"),
    );
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn title_matches_rank_first() {
    let catalogue = catalogue(vec![
        with_summary(program("summary", "Pitch Lab"), "Learn financing plans"),
        program("title", "Financing Basics"),
    ]);
    assert_eq!(search(&catalogue, "financing"), ["title", "summary"]);
}

#[test]
fn facet_counts_are_disjunctive() {
    let mut bc = program("bc", "BC Lab");
    bc.content.regions = vec![Region::Bc];
    bc.content.formats = vec![Format::Lab];
    let mut on = program("on", "ON Lab");
    on.content.regions = vec![Region::On];
    on.content.formats = vec![Format::Lab];
    let national = program("national", "National Workshop");
    let catalogue = catalogue(vec![bc, on, national]);
    let query = ProgramQuery {
        regions: vec![Region::Bc],
        ..ProgramQuery::everything(today())
    };
    let reader = catalogue.read().unwrap();
    let counts = reader.find(&query).unwrap().facet_counts();
    assert_eq!(counts.total, 1);
    assert_eq!(counts.of(Facet::Region, "BC"), 1);
    assert_eq!(
        counts.of(Facet::Region, "ON"),
        1,
        "a selected facet still counts its other values"
    );
    assert_eq!(counts.of(Facet::Region, "national"), 1);
    assert_eq!(
        counts.of(Facet::Format, "lab"),
        1,
        "other facets count within the selection"
    );
    assert_eq!(counts.of(Facet::Format, "workshop"), 0);
}

#[test]
fn changes_touch_only_the_programs_they_name() {
    let catalogue = catalogue(vec![program("a", "Alpha"), program("b", "Bravo")]);
    let mut renamed = program("a", "Zulu");
    renamed.slug = "zulu".to_owned();
    catalogue
        .apply(vec![
            Change::Put(Box::new(renamed), ()),
            Change::Remove { id: "b".to_owned() },
            Change::Put(Box::new(program("c", "Charlie")), ()),
        ])
        .unwrap();
    let reader = catalogue.read().unwrap();
    assert!(reader.get("b").is_none());
    assert_eq!(reader.get("zulu").unwrap().entry.id, "a");
    assert!(reader.get("a-old").is_none());
    let titles: Vec<&str> = reader
        .in_title_order()
        .map(|l| l.entry.sort_title.as_str())
        .collect();
    assert_eq!(titles, ["charlie", "zulu"]);
    drop(reader);
    assert_eq!(search(&catalogue, "zulu"), ["a"]);
    assert!(search(&catalogue, "alpha").is_empty());
    assert!(search(&catalogue, "bravo").is_empty());
}

#[test]
fn ids_win_over_slugs() {
    let first = program("0193a5a4-8a9e-7c31-9f43-5b0c6f1d2e30", "Real");
    let mut impostor = program("other", "Impostor");
    impostor.slug = first.id.clone();
    let catalogue = catalogue(vec![impostor, first]);
    let reader = catalogue.read().unwrap();
    assert_eq!(
        reader
            .get("0193a5a4-8a9e-7c31-9f43-5b0c6f1d2e30")
            .unwrap()
            .entry
            .sort_title,
        "real"
    );
}

#[test]
fn one_program_is_tested_against_a_query_by_the_catalogues_own_code() {
    let mut lab = with_summary(program("lab", "Northern Lab"), "Documentary financing");
    lab.content.topics = vec![Topic::Financing];
    let catalogue = catalogue(vec![lab, program("other", "Other")]);
    let reader = catalogue.read().unwrap();
    let query = |text: &str, topics: Vec<Topic>| ProgramQuery {
        text: SearchText::parse(text),
        topics,
        ..ProgramQuery::everything(today())
    };
    assert!(
        reader
            .matches("lab", &query("financing", vec![Topic::Financing]))
            .unwrap()
    );
    assert!(
        !reader
            .matches("lab", &query("financing", vec![Topic::Export]))
            .unwrap()
    );
    assert!(
        !reader
            .matches("other", &query("financing", Vec::new()))
            .unwrap()
    );
    assert!(!reader.matches("missing", &query("", Vec::new())).unwrap());
}

fn arbitrary_program() -> impl Strategy<Value = Program> {
    (
        0usize..6,
        subsequence(Format::ALL.to_vec(), 1..=2),
        subsequence(Topic::ALL.to_vec(), 0..=2),
        subsequence(CareerStage::ALL.to_vec(), 0..=2),
        subsequence(Region::ALL.to_vec(), 1..=2),
        subsequence(Audience::ALL.to_vec(), 0..=1),
        proptest::sample::select(Delivery::ALL),
        proptest::option::of(0u64..200),
    )
        .prop_map(
            |(word, formats, topics, stages, regions, audiences, delivery, days)| {
                let words = [
                    "financing",
                    "documentary",
                    "lab",
                    "export",
                    "mentorship",
                    "story",
                ];
                let mut p = program("x", &format!("{} program", words[word]));
                p.content.formats = formats;
                p.content.topics = topics;
                p.content.career_stages = stages;
                p.content.regions = regions;
                p.content.audiences = audiences;
                p.content.delivery = delivery;
                p.content.application_deadline =
                    days.and_then(|d| today().checked_add_days(chrono::Days::new(d)));
                p
            },
        )
}

fn arbitrary_catalogue() -> impl Strategy<Value = Vec<Program>> {
    proptest::collection::vec(arbitrary_program(), 0..30).prop_map(|mut programs| {
        for (i, p) in programs.iter_mut().enumerate() {
            p.id = format!("p{i:02}");
            p.slug = format!("slug-{i}");
        }
        programs
    })
}

fn arbitrary_query() -> impl Strategy<Value = ProgramQuery> {
    (
        subsequence(Format::ALL.to_vec(), 0..=2),
        subsequence(Region::ALL.to_vec(), 0..=2),
        subsequence(Topic::ALL.to_vec(), 0..=1),
        proptest::option::of(any::<bool>()),
        proptest::option::of(proptest::sample::select(vec![
            "financing",
            "lab",
            "documentry",
        ])),
    )
        .prop_map(|(formats, regions, topics, open, text)| ProgramQuery {
            formats,
            regions,
            topics,
            open,
            text: text.and_then(SearchText::parse),
            ..ProgramQuery::everything(today())
        })
}

/// What a query must find, decided the slow way from the programs' own tags.
fn admits(program: &Program, query: &ProgramQuery) -> bool {
    fn any<T: PartialEq>(wanted: &[T], tags: &[T]) -> bool {
        wanted.is_empty() || wanted.iter().any(|v| tags.contains(v))
    }
    let c = &program.content;
    any(&query.formats, &c.formats)
        && any(&query.regions, &c.regions)
        && any(&query.topics, &c.topics)
        && match query.open {
            Some(true) => c.application_deadline.is_none_or(|d| d >= query.today),
            Some(false) => c.application_deadline.is_some_and(|d| d < query.today),
            None => true,
        }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn pages_and_counts_agree_with_the_programs_tags(
        programs in arbitrary_catalogue(),
        query in arbitrary_query(),
        limit in 1usize..7,
    ) {
        let catalogue = catalogue(programs.clone());
        let reader = catalogue.read().unwrap();
        let found = reader.find(&query).unwrap();
        let mut paged = Vec::new();
        for sort in [Sort::Title, Sort::Deadline, Sort::Updated, Sort::Relevance] {
            paged.clear();
            let mut after = None;
            loop {
                let page = found.page(sort, after.as_ref(), limit);
                paged.extend(page.iter().map(|hit| hit.listing.entry.id.clone()));
                match page.last() {
                    Some(last) if page.len() == limit => after = Some(last.after()),
                    _ => break,
                }
            }
            let mut distinct = paged.clone();
            distinct.sort();
            distinct.dedup();
            prop_assert_eq!(distinct.len(), paged.len(), "{:?}: no program twice", sort);
            if query.text.is_none() {
                let mut expected: Vec<String> = programs
                    .iter()
                    .filter(|p| admits(p, &query))
                    .map(|p| p.id.clone())
                    .collect();
                expected.sort();
                prop_assert_eq!(&distinct, &expected, "{:?}", sort);
            }
        }
        let counts = found.facet_counts();
        prop_assert_eq!(counts.total as usize, paged.len());
        for value in Facet::Format.values() {
            let widened = ProgramQuery {
                formats: vec![value.parse().unwrap()],
                ..query.clone()
            };
            let expected = reader.find(&widened).unwrap().page(Sort::Title, None, 1000).len();
            prop_assert_eq!(counts.of(Facet::Format, value) as usize, expected, "format {}", value);
        }
    }

    #[test]
    fn a_catalogue_changed_step_by_step_equals_one_built_at_once(
        before in arbitrary_catalogue(),
        after in arbitrary_catalogue(),
        query in arbitrary_query(),
    ) {
        let changed = catalogue(before.clone());
        let removed: Vec<Change<()>> = before
            .iter()
            .filter(|p| !after.iter().any(|a| a.id == p.id))
            .map(|p| Change::Remove { id: p.id.clone() })
            .collect();
        changed.apply(removed).unwrap();
        changed.apply(after.iter().cloned().map(|p| Change::Put(Box::new(p), ())).collect()).unwrap();
        let fresh = catalogue(after);
        let ids = |catalogue: &Catalogue<()>| -> Vec<(String, i64)> {
            let reader = catalogue.read().unwrap();
            let found = reader.find(&query).unwrap();
            found.page(Sort::Relevance, None, 1000)
                .iter()
                .map(|hit| (hit.listing.entry.id.clone(), hit.score))
                .collect()
        };
        prop_assert_eq!(ids(&changed), ids(&fresh));
    }

    #[test]
    fn matching_ranks_by_eligibility_then_score_keeping_catalogue_order_in_ties(
        programs in arbitrary_catalogue(),
        credits in 0u32..15,
        province in proptest::option::of(proptest::sample::select(Province::ALL)),
        interests in subsequence(Topic::ALL.to_vec(), 0..=3),
        limit in 1usize..40,
    ) {
        let profile = Profile { producing_credits: credits, province, interests, ..Profile::default() };
        let catalogue = catalogue(programs);
        let reader = catalogue.read().unwrap();
        let entries: Vec<_> = reader.in_title_order().map(|l| &l.entry).collect();
        let results = match_programs(&profile, &entries, today(), limit, Locale::En);
        prop_assert_eq!(results.len(), limit.min(entries.len()));
        let everything = match_programs(&profile, &entries, today(), entries.len().max(1), Locale::En);
        prop_assert_eq!(&results[..], &everything[..results.len()]);
        for pair in everything.windows(2) {
            let (a, b) = (&pair[0], &pair[1]);
            prop_assert!(a.eligible >= b.eligible);
            if a.eligible == b.eligible {
                prop_assert!(a.score >= b.score);
                if a.score == b.score {
                    prop_assert!(a.index < b.index);
                }
            }
        }
        let mut interested = profile.clone();
        interested.interests = Topic::ALL.to_vec();
        let keen = match_programs(&interested, &entries, today(), entries.len().max(1), Locale::En);
        for plain in &everything {
            let keener = keen.iter().find(|k| k.index == plain.index).unwrap();
            prop_assert!(keener.score >= plain.score, "more interests never lower a score");
            prop_assert_eq!(keener.eligible, plain.eligible);
        }
    }
}
