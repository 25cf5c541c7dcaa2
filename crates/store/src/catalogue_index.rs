//! The published catalogue held in memory, answering the same lists as
//! [`programs::list`] (same filters, same scores, same order, same cursors)
//! without a query. The API keeps one as its read model; a test runs both
//! on the same data to keep them in step.

use std::cmp::{Ordering, Reverse};
use std::collections::HashMap;

use greenlight_domain::SearchTerms;

use crate::programs::{After, Listed, Program, ProgramFilter, ProgramSort, SearchColumns};

pub struct CatalogueIndex {
    programs: Vec<Program>,
    search: Vec<SearchColumns>,
    by_title: Vec<usize>,
    by_deadline: Vec<usize>,
    by_updated: Vec<usize>,
    by_id_or_slug: HashMap<String, usize>,
    /// Every word of the search texts, sorted, with the programs that hold
    /// it and its mark there ([`SearchColumns::word_marks`]), so that a word
    /// prefix finds its programs by binary search and scores them without
    /// rescanning their text.
    words: Vec<(String, Vec<(usize, u8)>)>,
}

impl std::fmt::Debug for CatalogueIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CatalogueIndex")
            .field("programs", &self.programs.len())
            .finish_non_exhaustive()
    }
}

/// The position of a program in a sort, compared like the SQL `ORDER BY`.
#[derive(PartialEq, Eq, PartialOrd, Ord)]
enum SortKey<'a> {
    Title(&'a str, &'a str),
    Deadline(bool, Option<chrono::NaiveDate>, &'a str, &'a str),
    Updated(Reverse<chrono::NaiveDateTime>, &'a str, &'a str),
    Relevance(Reverse<i64>, &'a str, &'a str),
}

fn key_of<'a>(
    sort: ProgramSort,
    program: &'a Program,
    search: &'a SearchColumns,
    score: i64,
) -> SortKey<'a> {
    let (title, id) = (search.sort_title.as_str(), program.id.as_str());
    match sort {
        ProgramSort::Title => SortKey::Title(title, id),
        ProgramSort::Deadline => {
            let deadline = program.content.application_deadline;
            SortKey::Deadline(deadline.is_none(), deadline, title, id)
        }
        ProgramSort::Updated => {
            SortKey::Updated(Reverse(program.updated_at.naive_utc()), title, id)
        }
        ProgramSort::Relevance => SortKey::Relevance(Reverse(score), title, id),
    }
}

fn key_after(sort: ProgramSort, after: &After) -> SortKey<'_> {
    let (title, id) = (after.sort_title.as_str(), after.id.as_str());
    match sort {
        ProgramSort::Title => SortKey::Title(title, id),
        ProgramSort::Deadline => {
            SortKey::Deadline(after.deadline.is_none(), after.deadline, title, id)
        }
        ProgramSort::Updated => SortKey::Updated(Reverse(after.updated_at), title, id),
        ProgramSort::Relevance => SortKey::Relevance(Reverse(after.score), title, id),
    }
}

fn any_of<T: PartialEq>(wanted: &[T], tags: &[T]) -> bool {
    wanted.is_empty() || wanted.iter().any(|value| tags.contains(value))
}

/// `programs::list`'s conditions but the full-text one, for a program in
/// memory (search candidates come from the word index).
fn admits(filter: &ProgramFilter, program: &Program) -> bool {
    let c = &program.content;
    let deadline = c.application_deadline;
    program.status == filter.status
        && filter
            .submitted_by
            .as_ref()
            .is_none_or(|user| program.submitted_by.as_ref() == Some(user))
        && any_of(&filter.career_stages, &c.career_stages)
        && any_of(&filter.formats, &c.formats)
        && any_of(&filter.topics, &c.topics)
        && any_of(&filter.regions, &c.regions)
        && any_of(&filter.audiences, &c.audiences)
        && any_of(&filter.languages, &c.languages)
        && (filter.deliveries.is_empty() || filter.deliveries.contains(&c.delivery))
        && (filter.provider_ids.is_empty() || filter.provider_ids.contains(&c.provider_id))
        && match filter.open {
            Some(true) => deadline.is_none_or(|d| d >= filter.today),
            Some(false) => deadline.is_some_and(|d| d < filter.today),
            None => true,
        }
        && filter
            .deadline_before
            .is_none_or(|day| deadline.is_some_and(|d| d < day))
        && filter
            .deadline_after
            .is_none_or(|day| deadline.is_some_and(|d| d > day))
        && filter.max_cost.is_none_or(|max| c.cost <= max)
}

impl CatalogueIndex {
    /// Holds the programs in title order (then id), so that position in
    /// [`CatalogueIndex::programs`] is itself the title order: matching uses
    /// it to break ties without comparing strings.
    pub fn new(programs: Vec<Program>) -> Self {
        let mut entries: Vec<(Program, SearchColumns)> = programs
            .into_iter()
            .map(|p| {
                let search = SearchColumns::of(&p.content, &p.provider_name);
                (p, search)
            })
            .collect();
        entries.sort_by(|(a, a_search), (b, b_search)| {
            (a_search.sort_title.as_str(), a.id.as_str())
                .cmp(&(b_search.sort_title.as_str(), b.id.as_str()))
        });
        let (programs, search): (Vec<Program>, Vec<SearchColumns>) = entries.into_iter().unzip();
        let sorted = |sort: ProgramSort| {
            let mut order: Vec<usize> = (0..programs.len()).collect();
            order.sort_by(|&a, &b| {
                key_of(sort, &programs[a], &search[a], 0).cmp(&key_of(
                    sort,
                    &programs[b],
                    &search[b],
                    0,
                ))
            });
            order
        };
        let by_title = sorted(ProgramSort::Title);
        let by_deadline = sorted(ProgramSort::Deadline);
        let by_updated = sorted(ProgramSort::Updated);
        let mut by_id_or_slug = HashMap::with_capacity(programs.len() * 2);
        for (index, program) in programs.iter().enumerate() {
            by_id_or_slug.insert(program.id.clone(), index);
            by_id_or_slug.insert(program.slug.clone(), index);
        }
        let mut postings: HashMap<&str, Vec<(usize, u8)>> = HashMap::new();
        for (index, columns) in search.iter().enumerate() {
            for (word, mark) in columns.word_marks() {
                let programs = postings.entry(word).or_default();
                match programs.last_mut() {
                    Some((last, marks)) if *last == index => *marks |= mark,
                    _ => programs.push((index, mark)),
                }
            }
        }
        let mut words: Vec<(String, Vec<(usize, u8)>)> = postings
            .into_iter()
            .map(|(word, programs)| (word.to_owned(), programs))
            .collect();
        words.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        CatalogueIndex {
            words,
            programs,
            search,
            by_title,
            by_deadline,
            by_updated,
            by_id_or_slug,
        }
    }

    pub fn programs(&self) -> &[Program] {
        &self.programs
    }

    pub fn find(&self, id_or_slug: &str) -> Option<&Program> {
        self.by_id_or_slug
            .get(id_or_slug)
            .map(|&i| &self.programs[i])
    }

    /// Programs with a word starting with every term, in index order, with
    /// their relevance score: what the full-text condition admits and what
    /// `score_sql` gives them.
    fn matches(&self, terms: &SearchTerms) -> Vec<(usize, i64)> {
        let mut result: Option<Vec<(usize, i64)>> = None;
        for term in terms.words() {
            let start = self
                .words
                .partition_point(|(word, _)| word.as_str() < term.as_str());
            let mut found: Vec<(usize, u8)> = self.words[start..]
                .iter()
                .take_while(|(word, _)| word.starts_with(term.as_str()))
                .flat_map(|(_, programs)| programs.iter().copied())
                .collect();
            found.sort_unstable_by_key(|&(index, _)| index);
            let mut term_scores: Vec<(usize, u8)> = Vec::with_capacity(found.len());
            for (index, mark) in found {
                match term_scores.last_mut() {
                    Some((last, marks)) if *last == index => *marks |= mark,
                    _ => term_scores.push((index, mark)),
                }
            }
            result = Some(match result {
                None => term_scores
                    .into_iter()
                    .map(|(index, marks)| (index, i64::from(marks)))
                    .collect(),
                Some(before) => before
                    .into_iter()
                    .filter_map(|(index, score)| {
                        term_scores
                            .binary_search_by_key(&index, |&(i, _)| i)
                            .ok()
                            .map(|at| (index, score + i64::from(term_scores[at].1)))
                    })
                    .collect(),
            });
        }
        result.unwrap_or_default()
    }

    /// The program at `index` with the keys a cursor needs.
    pub fn listed(&self, index: usize, score: i64) -> Listed {
        Listed {
            program: self.programs[index].clone(),
            score,
            sort_title: self.search[index].sort_title.clone(),
        }
    }

    /// The same page as [`crate::programs::list`] on the same programs, as
    /// positions in [`CatalogueIndex::programs`] with their scores.
    pub fn positions(
        &self,
        filter: &ProgramFilter,
        sort: ProgramSort,
        after: Option<&After>,
        limit: usize,
    ) -> Vec<(usize, i64)> {
        let matches = filter.search.as_ref().map(|terms| self.matches(terms));
        let score_of = |i: usize| -> Option<i64> {
            match &matches {
                None => Some(0),
                Some(found) => found
                    .binary_search_by_key(&i, |&(index, _)| index)
                    .ok()
                    .map(|at| found[at].1),
            }
        };
        if sort == ProgramSort::Relevance {
            let all: Vec<(usize, i64)> = match matches.as_ref() {
                Some(found) => found.clone(),
                None => (0..self.programs.len()).map(|i| (i, 0)).collect(),
            };
            let mut scored: Vec<(usize, i64)> = all
                .into_iter()
                .filter(|&(i, _)| admits(filter, &self.programs[i]))
                .filter(|&(i, score)| {
                    after.is_none_or(|after| {
                        key_of(sort, &self.programs[i], &self.search[i], score)
                            .cmp(&key_after(sort, after))
                            == Ordering::Greater
                    })
                })
                .collect();
            let order = |a: &(usize, i64), b: &(usize, i64)| {
                key_of(sort, &self.programs[a.0], &self.search[a.0], a.1).cmp(&key_of(
                    sort,
                    &self.programs[b.0],
                    &self.search[b.0],
                    b.1,
                ))
            };
            if limit < scored.len() {
                scored.select_nth_unstable_by(limit, order);
                scored.truncate(limit);
            }
            scored.sort_unstable_by(order);
            return scored;
        }
        let order = match sort {
            ProgramSort::Deadline => &self.by_deadline,
            ProgramSort::Updated => &self.by_updated,
            ProgramSort::Title | ProgramSort::Relevance => &self.by_title,
        };
        let start = after.map_or(0, |after| {
            let cursor = key_after(sort, after);
            order
                .partition_point(|&i| key_of(sort, &self.programs[i], &self.search[i], 0) <= cursor)
        });
        order[start..]
            .iter()
            .filter(|&&i| admits(filter, &self.programs[i]))
            .filter_map(|&i| score_of(i).map(|score| (i, score)))
            .take(limit)
            .collect()
    }

    /// The same page as [`crate::programs::list`] on the same programs.
    pub fn list(
        &self,
        filter: &ProgramFilter,
        sort: ProgramSort,
        after: Option<&After>,
        limit: usize,
    ) -> Vec<Listed> {
        self.positions(filter, sort, after, limit)
            .into_iter()
            .map(|(i, score)| self.listed(i, score))
            .collect()
    }
}
