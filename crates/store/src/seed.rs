//! Data to start from: the demo (data files kept with the code, loaded by
//! the submodules below, one per resource) and generated catalogues of any
//! size for benchmarks.

mod accounts;
mod companies;
mod demo;
mod listings;
mod mentorship;
mod postings;
mod series;
mod survey;

pub use demo::{DemoAccount, DemoCounts, DemoRespondents, DemoWorld, demo};

use chrono::{Days, NaiveDate};
use greenlight_domain::{
    Audience, CareerStage, Cents, Delivery, Format, Language, ProgramContent, ProgramStatus,
    ProviderKind, Province, Region, Slug, Topic, Translations,
};
use serde::Deserialize;

use crate::error::StoreResult;
use crate::programs::{self, NewProgram};
use crate::providers::{self, NewProvider};
use crate::{AnyConnection, StoreError};

/// The association's programs named in its public pages, and illustrative
/// programs of other kinds of provider (marked so in their names and
/// descriptions) that exercise every facet of the taxonomy.
const DEMO_CATALOGUE: &str = include_str!("../data/demo-catalogue.json");

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoCatalogue {
    providers: Vec<DemoProvider>,
    programs: Vec<DemoProgram>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoProvider {
    name: String,
    kind: ProviderKind,
    website: Option<String>,
    province: Option<Province>,
    /// The demo's own French wording (docs/demo.md).
    #[serde(default)]
    translations: Translations,
}

/// Dates are days from the day of loading, so the demo never goes stale.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct DemoProgram {
    title: String,
    provider: String,
    summary: String,
    description: String,
    formats: Vec<Format>,
    topics: Vec<Topic>,
    career_stages: Vec<CareerStage>,
    regions: Vec<Region>,
    audiences: Vec<Audience>,
    delivery: Delivery,
    languages: Vec<Language>,
    cost_cents: Cents,
    stipend_cents: Option<Cents>,
    deadline_in_days: Option<i64>,
    starts_in_days: Option<i64>,
    duration_days: Option<i64>,
    url: Option<String>,
    /// The demo's own French wording (docs/demo.md).
    #[serde(default)]
    translations: Translations,
}

pub(crate) fn days_from(today: NaiveDate, days: i64) -> NaiveDate {
    let shift = Days::new(days.unsigned_abs());
    let shifted = if days < 0 {
        today.checked_sub_days(shift)
    } else {
        today.checked_add_days(shift)
    };
    shifted.unwrap_or(today)
}

/// A demo data file that does not parse, or names something it does not
/// define: a bug in the data, reported like a row the code cannot read.
pub(crate) fn invalid_data(error: impl std::fmt::Display) -> StoreError {
    StoreError::Database(diesel::result::Error::DeserializationError(
        format!("demo data: {error}").into(),
    ))
}

/// Parses one of the demo's data files.
pub(crate) fn parse_data<T: serde::de::DeserializeOwned>(file: &str, text: &str) -> StoreResult<T> {
    serde_json::from_str(text).map_err(|e| invalid_data(format!("{file}: {e}")))
}

impl DemoProgram {
    /// The program's content with its dates counted from `today`.
    pub(crate) fn content(&self, provider_id: String, today: NaiveDate) -> ProgramContent {
        let starts_on = self.starts_in_days.map(|days| days_from(today, days));
        let ends_on = starts_on
            .zip(self.duration_days)
            .map(|(start, days)| days_from(start, days));
        ProgramContent {
            title: self.title.clone(),
            provider_id,
            summary: self.summary.clone(),
            description: self.description.clone(),
            formats: self.formats.clone(),
            topics: self.topics.clone(),
            career_stages: self.career_stages.clone(),
            regions: self.regions.clone(),
            audiences: self.audiences.clone(),
            delivery: self.delivery,
            languages: self.languages.clone(),
            cost: self.cost_cents,
            stipend: self.stipend_cents,
            application_deadline: self.deadline_in_days.map(|days| days_from(today, days)),
            starts_on,
            ends_on,
            url: self.url.clone(),
            translations: self.translations.clone(),
        }
    }
}

/// Loads the demo catalogue, published, submitted by `staff`; returns how
/// many programs it holds.
pub fn demo_catalogue(
    conn: &mut AnyConnection,
    staff: Option<&str>,
    today: NaiveDate,
) -> StoreResult<usize> {
    let catalogue: DemoCatalogue = serde_json::from_str(DEMO_CATALOGUE).map_err(invalid_data)?;
    crate::transaction(conn, |conn| {
        let mut ids = std::collections::HashMap::new();
        for provider in catalogue.providers {
            let created = providers::create(
                conn,
                &NewProvider {
                    name: provider.name.clone(),
                    kind: provider.kind,
                    website: provider.website,
                    province: provider.province,
                    translations: provider.translations,
                },
            )?;
            ids.insert(provider.name, created.id);
        }
        for program in &catalogue.programs {
            let provider_id = ids
                .get(&program.provider)
                .ok_or_else(|| invalid_data(format!("unknown provider {}", program.provider)))?;
            programs::create(
                conn,
                &NewProgram {
                    content: program.content(provider_id.clone(), today),
                    slug: None,
                    status: ProgramStatus::Published,
                    submitted_by: staff.map(str::to_owned),
                },
            )?;
        }
        Ok(catalogue.programs.len())
    })
}

/// SplitMix64: a small, fast, seedable generator, so that the same seed
/// always yields the same catalogue on every machine.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % n.max(1) as u64).unwrap_or(0)
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }

    /// One to `most` distinct items, in the order of `items`.
    fn some<T: Copy + Ord>(&mut self, items: &[T], most: usize) -> Vec<T> {
        let count = 1 + self.below(most);
        let mut chosen: Vec<T> = (0..count).map(|_| self.pick(items)).collect();
        chosen.sort_unstable();
        chosen.dedup();
        chosen
    }
}

const ADJECTIVES: &[&str] = &[
    "Northern",
    "Coastal",
    "Prairie",
    "Emerging",
    "Advanced",
    "Independent",
    "Bold",
    "Nouveau",
    "Global",
    "Rising",
    "Summit",
    "Frontier",
    "Boréal",
    "Atlantic",
    "Metro",
    "Open",
];
const NOUNS: &[&str] = &[
    "Producers",
    "Screen",
    "Stories",
    "Media",
    "Creators",
    "Documentary",
    "Series",
    "Studio",
];
const PROVIDER_WORDS: &[&str] = &[
    "Fund",
    "Institute",
    "Network",
    "Collective",
    "Festival",
    "Academy",
    "Alliance",
    "Works",
];

/// Programs generated from `seed`: realistic mixes of tags, costs and
/// deadlines around `today`, under `providers` generated providers,
/// inserted in batches of one transaction each. Returns how many.
pub fn synthetic(
    conn: &mut AnyConnection,
    count: usize,
    seed: u64,
    today: NaiveDate,
) -> StoreResult<usize> {
    const BATCH: usize = 500;
    const PROVIDERS: usize = 60;
    let mut random = SplitMix64(seed);
    let offset = usize::try_from(programs::count(conn)?).unwrap_or(0);
    let mut provider_ids = Vec::with_capacity(PROVIDERS);
    crate::transaction(conn, |conn| {
        for n in 0..PROVIDERS {
            let name = format!(
                "{} {} {} ({})",
                random.pick(ADJECTIVES),
                random.pick(NOUNS),
                random.pick(PROVIDER_WORDS),
                offset + n + 1
            );
            let created = providers::create(
                conn,
                &NewProvider {
                    name,
                    kind: random.pick(ProviderKind::ALL),
                    website: None,
                    province: random.chance(60).then(|| random.pick(Province::ALL)),
                    translations: Translations::default(),
                },
            )?;
            provider_ids.push(created.id);
        }
        Ok::<_, StoreError>(())
    })?;
    let mut made = 0;
    while made < count {
        let batch: Vec<NewProgram> = (made..count.min(made + BATCH))
            .map(|n| synthetic_program(&mut random, &provider_ids, offset + n + 1, today))
            .collect();
        programs::insert_many(conn, &batch)?;
        made += batch.len();
    }
    Ok(made)
}

fn synthetic_program(
    random: &mut SplitMix64,
    provider_ids: &[String],
    number: usize,
    today: NaiveDate,
) -> NewProgram {
    let format = random.pick(Format::ALL);
    let topics = random.some(Topic::ALL, 3);
    let title = format!(
        "{} {} {} No. {number}",
        random.pick(ADJECTIVES),
        topics[0].label(),
        format.label()
    );
    let formats = if random.chance(30) {
        random.some(Format::ALL, 2)
    } else {
        vec![format]
    };
    let mut formats = formats;
    if !formats.contains(&format) {
        formats.push(format);
    }
    let regions = if random.chance(55) {
        vec![Region::National]
    } else {
        random.some(&Region::ALL[1..], 2)
    };
    let career_stages = if random.chance(20) {
        Vec::new()
    } else {
        random.some(CareerStage::ALL, 3)
    };
    let audiences = if random.chance(80) {
        Vec::new()
    } else {
        random.some(Audience::ALL, 2)
    };
    let deadline = random.chance(75).then(|| {
        let days = i64::try_from(random.below(400)).unwrap_or(0) - 60;
        days_from(today, days)
    });
    let starts_on = deadline.map(|d| days_from(d, 30));
    let topic_words: Vec<String> = topics.iter().map(|t| t.label().to_lowercase()).collect();
    NewProgram {
        content: ProgramContent {
            summary: format!(
                "A {} for producers on {}.",
                format.label().to_lowercase(),
                topic_words.join(" and ")
            ),
            description: format!(
                "Generated program {number} for benchmarks. Sessions cover {}; {}.",
                topic_words.join(", "),
                topics[0].definition().to_lowercase()
            ),
            provider_id: provider_ids[random.below(provider_ids.len())].clone(),
            title: title.clone(),
            formats,
            topics,
            career_stages,
            regions,
            audiences,
            delivery: random.pick(Delivery::ALL),
            languages: if random.chance(70) {
                vec![Language::En]
            } else {
                random.some(&[Language::En, Language::Fr], 2)
            },
            cost: Cents::parse(if random.chance(50) {
                0
            } else {
                i64::try_from(random.below(300)).unwrap_or(0) * 500
            })
            .unwrap_or_default(),
            stipend: random
                .chance(25)
                .then(|| Cents::parse(i64::try_from(random.below(20)).unwrap_or(0) * 100_000))
                .and_then(Result::ok),
            application_deadline: deadline,
            starts_on,
            ends_on: starts_on.map(|d| days_from(d, 90)),
            url: None,
            translations: Translations::default(),
        },
        slug: Some(Slug::from_title(&title)),
        status: ProgramStatus::Published,
        submitted_by: None,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_catalogue_parses_and_covers_every_facet() {
        let catalogue: DemoCatalogue = serde_json::from_str(DEMO_CATALOGUE).unwrap();
        assert!(catalogue.programs.len() >= 40);
        let programs = &catalogue.programs;
        for format in Format::ALL {
            assert!(
                programs.iter().any(|p| p.formats.contains(format)),
                "{format}"
            );
        }
        for topic in Topic::ALL {
            assert!(programs.iter().any(|p| p.topics.contains(topic)), "{topic}");
        }
        for region in Region::ALL {
            assert!(
                programs.iter().any(|p| p.regions.contains(region)),
                "{region}"
            );
        }
        for audience in Audience::ALL {
            assert!(
                programs.iter().any(|p| p.audiences.contains(audience)),
                "{audience}"
            );
        }
        for stage in CareerStage::ALL {
            assert!(
                programs.iter().any(|p| p.career_stages.contains(stage)),
                "{stage}"
            );
        }
        for kind in ProviderKind::ALL {
            assert!(
                catalogue.providers.iter().any(|p| p.kind == *kind),
                "{kind}"
            );
        }
        for program in programs {
            assert!(
                catalogue
                    .providers
                    .iter()
                    .any(|p| p.name == program.provider)
            );
        }
    }

    #[test]
    fn the_same_seed_generates_the_same_programs() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        let ids = vec!["p1".to_owned(), "p2".to_owned()];
        let generate = |seed| {
            let mut random = SplitMix64(seed);
            (1..=50)
                .map(|n| synthetic_program(&mut random, &ids, n, today))
                .collect::<Vec<_>>()
        };
        assert_eq!(generate(7), generate(7));
        assert_ne!(generate(7), generate(8));
        assert!(
            generate(7)
                .iter()
                .all(|p| !p.content.formats.is_empty() && !p.content.regions.is_empty())
        );
    }
}
