//! The catalogue held in memory: one slot per program with what lists,
//! filters, sorts and matching read, the facet bit sets, three sort orders
//! and the full-text index, changed in place program by program
//! (docs/architecture.md, Read model).

use std::cmp::{Ordering, Reverse};
use std::collections::HashMap;
use std::sync::{Mutex, RwLock, RwLockReadGuard};

use chrono::{DateTime, NaiveDate, Utc};
use fixedbitset::FixedBitSet;
use greenlight_domain::{Cents, Delivery, Locale, Program, Translation, fold_words};

use crate::error::CatalogueError;
use crate::facets::{ALL_MET, FacetBits, FacetCounts, Tags};
use crate::index::{TextIndex, TextSearcher, Texts};
use crate::query::{After, ProgramQuery, Sort};

/// What the catalogue keeps of a program besides the caller's body: its
/// keys, tags and the facts filters and matching read.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub id: String,
    pub slug: String,
    /// The title folded to lower-case ASCII words: what title order compares.
    pub sort_title: String,
    pub provider_id: String,
    pub submitted_by: Option<String>,
    pub delivery: Delivery,
    pub cost: Cents,
    pub deadline: Option<NaiveDate>,
    pub updated_at: DateTime<Utc>,
    pub tags: Tags,
}

impl Entry {
    pub fn of(program: &Program) -> Entry {
        let content = &program.content;
        Entry {
            id: program.id.clone(),
            slug: program.slug.clone(),
            sort_title: fold_words(&content.title),
            provider_id: content.provider_id.clone(),
            submitted_by: program.submitted_by.clone(),
            delivery: content.delivery,
            cost: content.cost,
            deadline: content.application_deadline,
            updated_at: program.updated_at,
            tags: Tags::of(content),
        }
    }

    fn key(&self, sort: Sort, score: i64) -> Key<'_> {
        let (title, id) = (self.sort_title.as_str(), self.id.as_str());
        match sort {
            Sort::Title => Key::Title(title, id),
            Sort::Deadline => Key::Deadline(self.deadline.is_none(), self.deadline, title, id),
            Sort::Updated => Key::Updated(Reverse(self.updated_at.timestamp_micros()), title, id),
            Sort::Relevance => Key::Relevance(Reverse(score), title, id),
        }
    }
}

/// A program in the catalogue: its entry and the caller's rendering of it.
#[derive(Debug, Clone)]
pub struct Listing<B> {
    pub entry: Entry,
    pub body: B,
}

/// A program found by a search, with its relevance score.
#[derive(Debug)]
pub struct Hit<'a, B> {
    pub listing: &'a Listing<B>,
    pub score: i64,
}

impl<B> Hit<'_, B> {
    /// Where a page that ends here ends.
    pub fn after(&self) -> After {
        let entry = &self.listing.entry;
        After {
            score: self.score,
            deadline: entry.deadline,
            updated_at: entry.updated_at.timestamp_micros(),
            sort_title: entry.sort_title.clone(),
            id: entry.id.clone(),
        }
    }
}

/// The position of a program in a sort.
#[derive(PartialEq, Eq, PartialOrd, Ord)]
enum Key<'a> {
    Title(&'a str, &'a str),
    Deadline(bool, Option<NaiveDate>, &'a str, &'a str),
    Updated(Reverse<i64>, &'a str, &'a str),
    Relevance(Reverse<i64>, &'a str, &'a str),
}

fn key_after(sort: Sort, after: &After) -> Key<'_> {
    let (title, id) = (after.sort_title.as_str(), after.id.as_str());
    match sort {
        Sort::Title => Key::Title(title, id),
        Sort::Deadline => Key::Deadline(after.deadline.is_none(), after.deadline, title, id),
        Sort::Updated => Key::Updated(Reverse(after.updated_at), title, id),
        Sort::Relevance => Key::Relevance(Reverse(after.score), title, id),
    }
}

/// A change to apply: a program to hold as it now is, or one to drop.
#[derive(Debug)]
pub enum Change<B> {
    Put(Box<Program>, B),
    Remove { id: String },
}

/// The catalogue, shared by every request of an instance. Readers see a
/// consistent state; a writer indexes its changes without blocking them and
/// then swaps them in with a short exclusive lock.
pub struct Catalogue<B> {
    state: RwLock<State<B>>,
    writer: Mutex<TextIndex>,
}

impl<B> std::fmt::Debug for Catalogue<B> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Catalogue").finish_non_exhaustive()
    }
}

struct State<B> {
    slots: Vec<Option<Listing<B>>>,
    free: Vec<u32>,
    by_id: HashMap<String, u32>,
    by_slug: HashMap<String, u32>,
    by_title: Vec<u32>,
    by_deadline: Vec<u32>,
    by_updated: Vec<u32>,
    live: FixedBitSet,
    facets: FacetBits,
    text: TextSearcher,
}

const ORDERS: [Sort; 3] = [Sort::Title, Sort::Deadline, Sort::Updated];

impl<B> State<B> {
    fn entry(&self, slot: u32) -> Option<&Entry> {
        self.slots
            .get(slot as usize)
            .and_then(Option::as_ref)
            .map(|listing| &listing.entry)
    }

    fn order_mut(&mut self, sort: Sort) -> &mut Vec<u32> {
        match sort {
            Sort::Deadline => &mut self.by_deadline,
            Sort::Updated => &mut self.by_updated,
            Sort::Title | Sort::Relevance => &mut self.by_title,
        }
    }

    fn order(&self, sort: Sort) -> &[u32] {
        match sort {
            Sort::Deadline => &self.by_deadline,
            Sort::Updated => &self.by_updated,
            Sort::Title | Sort::Relevance => &self.by_title,
        }
    }

    /// Empties the slot, if it holds a program.
    fn clear(&mut self, slot: u32) {
        let Some(entry) = self.entry(slot).cloned() else {
            return;
        };
        for sort in ORDERS {
            let key = entry.key(sort, 0);
            let position = self.order(sort).binary_search_by(|&other| {
                self.entry(other)
                    .map_or(Ordering::Less, |e| e.key(sort, 0).cmp(&key))
            });
            if let Ok(at) = position {
                self.order_mut(sort).remove(at);
            }
        }
        if let Some(held) = self.slots.get_mut(slot as usize) {
            *held = None;
        }
        self.by_id.remove(&entry.id);
        if self.by_slug.get(&entry.slug) == Some(&slot) {
            self.by_slug.remove(&entry.slug);
        }
        self.live.set(slot as usize, false);
        self.facets.set(slot, &entry.tags, false);
        self.free.push(slot);
    }

    fn fill(&mut self, slot: u32, listing: Listing<B>) {
        let index = slot as usize;
        if self.slots.len() <= index {
            self.slots.resize_with(index + 1, || None);
        }
        self.free.retain(|&free| free != slot);
        self.by_id.insert(listing.entry.id.clone(), slot);
        self.by_slug.insert(listing.entry.slug.clone(), slot);
        self.live.grow_and_insert(index);
        self.facets.set(slot, &listing.entry.tags, true);
        for sort in ORDERS {
            let key = listing.entry.key(sort, 0);
            let at = self
                .order(sort)
                .partition_point(|&other| self.entry(other).is_some_and(|e| e.key(sort, 0) < key));
            self.order_mut(sort).insert(at, slot);
        }
        self.slots[index] = Some(listing);
    }
}

impl<B> Catalogue<B> {
    pub fn new() -> Result<Self, CatalogueError> {
        let (index, text) = TextIndex::new()?;
        Ok(Catalogue {
            state: RwLock::new(State {
                slots: Vec::new(),
                free: Vec::new(),
                by_id: HashMap::new(),
                by_slug: HashMap::new(),
                by_title: Vec::new(),
                by_deadline: Vec::new(),
                by_updated: Vec::new(),
                live: FixedBitSet::new(),
                facets: FacetBits::new(),
                text,
            }),
            writer: Mutex::new(index),
        })
    }

    /// Applies the changes in order: only the programs they name are
    /// touched. Writers take turns; readers keep answering from the state
    /// before the changes until it is swapped in.
    pub fn apply(&self, changes: Vec<Change<B>>) -> Result<(), CatalogueError> {
        if changes.is_empty() {
            return Ok(());
        }
        let mut writer = self.writer.lock().map_err(|_| CatalogueError::Poisoned)?;
        // Slots are chosen against the current state, which only this
        // writer changes.
        let mut planned: Vec<(u32, Option<Listing<B>>)> = Vec::with_capacity(changes.len());
        let indexed = (|| -> Result<TextSearcher, CatalogueError> {
            let state = self.state.read().map_err(|_| CatalogueError::Poisoned)?;
            let mut batch: HashMap<String, u32> = HashMap::new();
            let mut free = state.free.clone();
            let mut next = u32::try_from(state.slots.len()).unwrap_or(u32::MAX);
            for change in changes {
                match change {
                    Change::Put(program, body) => {
                        let existing = batch
                            .get(&program.id)
                            .or_else(|| state.by_id.get(&program.id))
                            .copied();
                        let slot = existing.unwrap_or_else(|| {
                            free.pop().unwrap_or_else(|| {
                                next += 1;
                                next - 1
                            })
                        });
                        batch.insert(program.id.clone(), slot);
                        writer.put(slot, &texts_of(&program))?;
                        let entry = Entry::of(&program);
                        planned.push((slot, Some(Listing { entry, body })));
                    }
                    Change::Remove { id } => {
                        if let Some(slot) =
                            batch.remove(&id).or_else(|| state.by_id.get(&id).copied())
                        {
                            writer.remove(slot);
                            planned.push((slot, None));
                        }
                    }
                }
            }
            writer.commit()
        })();
        // A failed batch leaves nothing half-indexed for the next commit.
        let text = match indexed {
            Ok(text) => text,
            Err(error) => {
                writer.rollback()?;
                return Err(error);
            }
        };
        let mut state = self.state.write().map_err(|_| CatalogueError::Poisoned)?;
        for (slot, listing) in planned {
            state.clear(slot);
            if let Some(listing) = listing {
                state.fill(slot, listing);
            }
        }
        state.text = text;
        Ok(())
    }

    /// The catalogue as it is now, for as long as the guard lives: keep it
    /// for one request, not across an await.
    pub fn read(&self) -> Result<Reader<'_, B>, CatalogueError> {
        self.state
            .read()
            .map(Reader)
            .map_err(|_| CatalogueError::Poisoned)
    }
}

pub struct Reader<'a, B>(RwLockReadGuard<'a, State<B>>);

impl<B> std::fmt::Debug for Reader<'_, B> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Reader")
            .field("programs", &self.len())
            .finish_non_exhaustive()
    }
}

/// What a query found, before it is paged or counted.
pub struct Found<'r, 'a, B> {
    reader: &'r Reader<'a, B>,
    query: &'r ProgramQuery,
    selection: Tags,
    /// With search words: the slots they match with their scores.
    hits: Option<Vec<(u32, i64)>>,
}

impl<'a, B> Reader<'a, B> {
    pub fn len(&self) -> usize {
        self.0.by_id.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// A program by id, else by slug: ids win, so a slug can never hide the
    /// program whose id it spells.
    pub fn get(&self, id_or_slug: &str) -> Option<&Listing<B>> {
        let slot = self
            .0
            .by_id
            .get(id_or_slug)
            .or_else(|| self.0.by_slug.get(id_or_slug))?;
        self.0.slots.get(*slot as usize)?.as_ref()
    }

    /// Every program, in title order.
    pub fn in_title_order(&self) -> impl Iterator<Item = &Listing<B>> {
        self.0
            .by_title
            .iter()
            .filter_map(|&slot| self.0.slots.get(slot as usize)?.as_ref())
    }

    /// Runs the search words of `query`, if any; filters apply as the
    /// result is paged or counted.
    pub fn find<'r>(&'r self, query: &'r ProgramQuery) -> Result<Found<'r, 'a, B>, CatalogueError> {
        let hits = match &query.text {
            None => None,
            Some(text) => Some(self.0.text.search(text, None)?),
        };
        Ok(Found {
            reader: self,
            query,
            selection: query.selection(),
            hits,
        })
    }

    /// Whether the program `id` holds matches `query`, decided by the same
    /// code that filters and searches the catalogue.
    pub fn matches(&self, id: &str, query: &ProgramQuery) -> Result<bool, CatalogueError> {
        let Some(&slot) = self.0.by_id.get(id) else {
            return Ok(false);
        };
        let Some(entry) = self.0.entry(slot) else {
            return Ok(false);
        };
        if entry.tags.met_by(&query.selection()) != ALL_MET || !query.admits(entry) {
            return Ok(false);
        }
        match &query.text {
            None => Ok(true),
            Some(text) => Ok(!self.0.text.search(text, Some(slot))?.is_empty()),
        }
    }
}

impl<'r, 'a, B> Found<'r, 'a, B> {
    fn listing(&self, slot: u32) -> Option<&'r Listing<B>> {
        self.reader.0.slots.get(slot as usize)?.as_ref()
    }

    fn admits(&self, entry: &Entry) -> bool {
        entry.tags.met_by(&self.selection) == ALL_MET && self.query.admits(entry)
    }

    /// Up to `limit` programs after `after` in `sort` order.
    pub fn page(&self, sort: Sort, after: Option<&After>, limit: usize) -> Vec<Hit<'r, B>> {
        let cursor = after.map(|after| key_after(sort, after));
        let hit = |slot: u32, score: i64| -> Option<Hit<'r, B>> {
            let listing = self.listing(slot)?;
            let after_cursor = cursor
                .as_ref()
                .is_none_or(|cursor| listing.entry.key(sort, score) > *cursor);
            (after_cursor && self.admits(&listing.entry)).then_some(Hit { listing, score })
        };
        if sort == Sort::Relevance {
            let mut found: Vec<Hit<'r, B>> = match &self.hits {
                Some(hits) => hits
                    .iter()
                    .filter_map(|&(slot, score)| hit(slot, score))
                    .collect(),
                None => self
                    .reader
                    .0
                    .by_title
                    .iter()
                    .filter_map(|&slot| hit(slot, 0))
                    .collect(),
            };
            let order = |a: &Hit<'r, B>, b: &Hit<'r, B>| {
                a.listing
                    .entry
                    .key(sort, a.score)
                    .cmp(&b.listing.entry.key(sort, b.score))
            };
            if limit < found.len() {
                found.select_nth_unstable_by(limit, order);
                found.truncate(limit);
            }
            found.sort_unstable_by(order);
            return found;
        }
        let order = self.reader.0.order(sort);
        let start = cursor.as_ref().map_or(0, |cursor| {
            order.partition_point(|&slot| {
                self.reader
                    .0
                    .entry(slot)
                    .is_some_and(|entry| entry.key(sort, 0) <= *cursor)
            })
        });
        // Walking another order with search words needs each slot's score:
        // only then are the hits sorted by slot to look it up.
        let by_slot = self.hits.as_ref().map(|hits| {
            let mut by_slot = hits.clone();
            by_slot.sort_unstable_by_key(|&(slot, _)| slot);
            by_slot
        });
        let score = |slot: u32| -> Option<i64> {
            match &by_slot {
                None => Some(0),
                Some(hits) => hits
                    .binary_search_by_key(&slot, |&(s, _)| s)
                    .ok()
                    .map(|at| hits[at].1),
            }
        };
        order[start..]
            .iter()
            .filter_map(|&slot| hit(slot, score(slot)?))
            .take(limit)
            .collect()
    }

    /// How many programs match, and the disjunctive count of every facet
    /// value.
    pub fn facet_counts(&self) -> FacetCounts {
        let state = &self.reader.0;
        if self.hits.is_none() && !self.query.has_conditions() {
            // Only facets: every program is a candidate, with no program
            // to look at one by one.
            return state.facets.count(&state.live, &self.selection);
        }
        let mut base = FixedBitSet::with_capacity(state.slots.len());
        let candidates: Box<dyn Iterator<Item = u32>> = match &self.hits {
            Some(hits) => Box::new(hits.iter().map(|&(slot, _)| slot)),
            None => Box::new(
                state
                    .live
                    .ones()
                    .filter_map(|slot| u32::try_from(slot).ok()),
            ),
        };
        for slot in candidates {
            if state
                .entry(slot)
                .is_some_and(|entry| self.query.admits(entry))
            {
                base.insert(slot as usize);
            }
        }
        state.facets.count(&base, &self.selection)
    }
}

/// What search reads of a program, in English and, where it has a
/// translation, in French (each untranslated field in English again, so
/// that a French query still meets the words nobody translated).
fn texts_of(program: &Program) -> Texts<'_> {
    let content = &program.content;
    let everything = |title: &str, summary: &str, description: &str, provider: &str| {
        [title, summary, description, provider].join("\n")
    };
    let has_french =
        content.translations.fr.is_some() || program.provider_translations.fr.is_some();
    let french = has_french.then(|| {
        let fr = |english: &str, field: fn(&Translation) -> Option<&String>| {
            content
                .translations
                .pick(Locale::Fr, english, field)
                .to_owned()
        };
        let title = content
            .translations
            .pick(Locale::Fr, &content.title, |t| t.title.as_ref());
        let provider =
            program
                .provider_translations
                .pick(Locale::Fr, &program.provider_name, |t| t.name.as_ref());
        (
            title,
            everything(
                title,
                &fr(&content.summary, |t| t.summary.as_ref()),
                &fr(&content.description, |t| t.description.as_ref()),
                provider,
            ),
        )
    });
    Texts {
        title: &content.title,
        everything: everything(
            &content.title,
            &content.summary,
            &content.description,
            &program.provider_name,
        ),
        french,
    }
}
