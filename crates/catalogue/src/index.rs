//! The full-text index: tantivy, in memory, one document per catalogue slot
//! (docs/architecture.md, Catalogue search).
//!
//! Scores are BM25 over fixed corpus statistics: a program's score for a
//! query depends on that program alone, never on what else the catalogue
//! holds, so that a relevance cursor stays valid while programs are added,
//! and every instance ranks alike whatever its history of writes (tantivy
//! counts deleted documents in its own statistics until segments merge).

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::index::SegmentReader;
use tantivy::query::{
    Bm25StatisticsProvider, BooleanQuery, BoostQuery, ConstScoreQuery, DisjunctionMaxQuery,
    FuzzyTermQuery, Occur, Query, TermQuery,
};
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, Schema, TextFieldIndexing, TextOptions,
};
use tantivy::{
    DocId, Index, IndexReader, IndexWriter, ReloadPolicy, Score, Searcher, SegmentOrdinal,
    TantivyDocument, Term,
};

use crate::error::CatalogueError;
use crate::text::{Analyzer, SearchText, typos_allowed, with_joined_compounds};

/// What of a program is searched: its title, and everything (title, summary,
/// description, provider name); and the same of its French translation,
/// which only the French and folded analyzers index (an English stem of a
/// French word would match English words it has nothing to do with).
#[derive(Debug, Clone)]
pub(crate) struct Texts<'a> {
    pub(crate) title: &'a str,
    pub(crate) everything: String,
    /// The French title and everything, when the program has any French.
    pub(crate) french: Option<(&'a str, String)>,
}

/// A title word weighs more than the same word elsewhere; an exact word more
/// than its stem, a stem more than a completed prefix or a typo.
const TITLE: Score = 3.0;
const EXACT: Score = 1.0;
const STEM: Score = 0.8;
const PREFIX: Score = 0.5;
const TYPO: Score = 0.3;
/// A word's best match counts; the others add a tenth of theirs.
const TIE_BREAKER: Score = 0.1;

/// The memory tantivy's single indexing thread may use before it flushes.
const WRITER_MEMORY: usize = 15_000_000;

#[derive(Clone, Copy)]
struct Fields {
    slot: Field,
    title: [Field; 3],
    everything: [Field; 3],
}

fn text_options(analyzer: Analyzer) -> TextOptions {
    TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(analyzer.name())
            .set_index_option(IndexRecordOption::WithFreqs),
    )
}

pub(crate) struct TextIndex {
    writer: IndexWriter<TantivyDocument>,
    reader: IndexReader,
    fields: Fields,
}

impl TextIndex {
    pub(crate) fn new() -> Result<(Self, TextSearcher), CatalogueError> {
        let mut schema = Schema::builder();
        let slot = schema.add_u64_field("slot", INDEXED | FAST);
        let field = |schema: &mut tantivy::schema::SchemaBuilder, name: &str, i: usize| {
            let analyzer = Analyzer::ALL[i];
            schema.add_text_field(
                &format!("{name}_{}", analyzer.name()),
                text_options(analyzer),
            )
        };
        let title = [0, 1, 2].map(|i| field(&mut schema, "title", i));
        let everything = [0, 1, 2].map(|i| field(&mut schema, "everything", i));
        let index = Index::create_in_ram(schema.build());
        for analyzer in Analyzer::ALL {
            index
                .tokenizers()
                .register(analyzer.name(), analyzer.build());
        }
        let writer = index.writer_with_num_threads(1, WRITER_MEMORY)?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        let fields = Fields {
            slot,
            title,
            everything,
        };
        let searcher = TextSearcher {
            searcher: reader.searcher(),
            fields,
        };
        Ok((
            TextIndex {
                writer,
                reader,
                fields,
            },
            searcher,
        ))
    }

    /// Replaces whatever the slot held by `texts`.
    pub(crate) fn put(&mut self, slot: u32, texts: &Texts<'_>) -> Result<(), CatalogueError> {
        self.remove(slot);
        let mut document = TantivyDocument::default();
        document.add_u64(self.fields.slot, u64::from(slot));
        let everything = with_joined_compounds(&texts.everything);
        let title = with_joined_compounds(texts.title);
        for i in 0..Analyzer::ALL.len() {
            document.add_text(self.fields.title[i], &title);
            document.add_text(self.fields.everything[i], &everything);
        }
        if let Some((french_title, french_everything)) = &texts.french {
            let french_title = with_joined_compounds(french_title);
            let french_everything = with_joined_compounds(french_everything);
            for (i, analyzer) in Analyzer::ALL.into_iter().enumerate() {
                if analyzer != Analyzer::English {
                    document.add_text(self.fields.title[i], &french_title);
                    document.add_text(self.fields.everything[i], &french_everything);
                }
            }
        }
        self.writer.add_document(document)?;
        Ok(())
    }

    pub(crate) fn remove(&mut self, slot: u32) {
        self.writer
            .delete_term(Term::from_field_u64(self.fields.slot, u64::from(slot)));
    }

    /// Forgets the changes since the last commit.
    pub(crate) fn rollback(&mut self) -> Result<(), CatalogueError> {
        self.writer.rollback()?;
        Ok(())
    }

    /// Makes the changes since the last commit searchable, in the searcher
    /// returned.
    pub(crate) fn commit(&mut self) -> Result<TextSearcher, CatalogueError> {
        self.writer.commit()?;
        self.reader.reload()?;
        Ok(TextSearcher {
            searcher: self.reader.searcher(),
            fields: self.fields,
        })
    }
}

/// A point-in-time view of the index, swapped together with the catalogue
/// state it was built for.
#[derive(Clone)]
pub(crate) struct TextSearcher {
    searcher: Searcher,
    fields: Fields,
}

impl TextSearcher {
    /// Every slot matching every word of `text`, with its score scaled to an
    /// integer (cursors compare it exactly), optionally only `only`.
    pub(crate) fn search(
        &self,
        text: &SearchText,
        only: Option<u32>,
    ) -> Result<Vec<(u32, i64)>, CatalogueError> {
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        if let Some(slot) = only {
            let term = Term::from_field_u64(self.fields.slot, u64::from(slot));
            clauses.push((
                Occur::Must,
                Box::new(ConstScoreQuery::new(
                    Box::new(TermQuery::new(term, IndexRecordOption::Basic)),
                    0.0,
                )),
            ));
        }
        let words = text.words();
        for (position, word) in words.iter().enumerate() {
            let last = position + 1 == words.len();
            if let Some(query) = self.word_query(word, last) {
                clauses.push((Occur::Must, query));
            } else {
                return Ok(Vec::new());
            }
        }
        let query = BooleanQuery::new(clauses);
        let collector = AllSlots { slot_field: "slot" };
        let hits =
            self.searcher
                .search_with_statistics_provider(&query, &collector, &FixedStatistics)?;
        Ok(hits
            .into_iter()
            .map(|(slot, score)| (slot, scaled(score)))
            .collect())
    }

    /// Any form of one query word: exact, stemmed in either language, within
    /// its typo allowance, or as a prefix when it is the last word (still
    /// being typed). `None` for a word no analyzer keeps.
    fn word_query(&self, word: &str, last: bool) -> Option<Box<dyn Query>> {
        let folded = Analyzer::Folded.terms(word).into_iter().next()?;
        let mut forms: Vec<Box<dyn Query>> = Vec::new();
        for (i, analyzer) in Analyzer::ALL.into_iter().enumerate() {
            let weight = if analyzer == Analyzer::Folded {
                EXACT
            } else {
                STEM
            };
            for term in analyzer.terms(word).into_iter().take(1) {
                for (field, boost) in [
                    (self.fields.title[i], TITLE * weight),
                    (self.fields.everything[i], weight),
                ] {
                    let query = TermQuery::new(
                        Term::from_field_text(field, &term),
                        IndexRecordOption::WithFreqs,
                    );
                    forms.push(Box::new(BoostQuery::new(Box::new(query), boost)));
                }
            }
        }
        let anywhere = Term::from_field_text(self.fields.everything[0], &folded);
        if last {
            let prefix = FuzzyTermQuery::new_prefix(anywhere.clone(), 0, true);
            forms.push(Box::new(ConstScoreQuery::new(Box::new(prefix), PREFIX)));
        }
        // A typo-tolerant prefix would walk most of the term dictionary for
        // every query (profiled: the automaton's dictionary walk dominated
        // search), so a word is completed or corrected, not both.
        let typos = typos_allowed(&folded);
        if typos > 0 {
            let fuzzy = FuzzyTermQuery::new(anywhere, typos, true);
            forms.push(Box::new(ConstScoreQuery::new(Box::new(fuzzy), TYPO)));
        }
        Some(Box::new(DisjunctionMaxQuery::with_tie_breaker(
            forms,
            TIE_BREAKER,
        )))
    }
}

/// Scores to a thousandth: enough to order, exact to compare in a cursor.
fn scaled(score: Score) -> i64 {
    (f64::from(score) * 1000.0).round() as i64
}

/// BM25's corpus statistics, fixed: every term is as rare as any other and
/// every field as long as a typical one, so a score depends only on the
/// program scored.
struct FixedStatistics;

const NOMINAL_DOCS: u64 = 1_000_000;
const NOMINAL_DOC_FREQ: u64 = 1_000;
const NOMINAL_FIELD_TOKENS: u64 = 40;

impl Bm25StatisticsProvider for FixedStatistics {
    fn total_num_tokens(&self, _field: Field) -> tantivy::Result<u64> {
        Ok(NOMINAL_DOCS * NOMINAL_FIELD_TOKENS)
    }

    fn total_num_docs(&self) -> tantivy::Result<u64> {
        Ok(NOMINAL_DOCS)
    }

    fn doc_freq(&self, _term: &Term) -> tantivy::Result<u64> {
        Ok(NOMINAL_DOC_FREQ)
    }
}

/// Collects every match as (slot, score): the catalogue filters, counts and
/// orders them itself.
struct AllSlots {
    slot_field: &'static str,
}

struct SegmentSlots {
    slots: Column<u64>,
    hits: Vec<(u32, Score)>,
}

impl Collector for AllSlots {
    type Fruit = Vec<(u32, Score)>;
    type Child = SegmentSlots;

    fn for_segment(
        &self,
        _segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentSlots> {
        Ok(SegmentSlots {
            slots: reader.fast_fields().u64(self.slot_field)?,
            hits: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        true
    }

    fn merge_fruits(&self, segments: Vec<Vec<(u32, Score)>>) -> tantivy::Result<Self::Fruit> {
        Ok(segments.into_iter().flatten().collect())
    }
}

impl SegmentCollector for SegmentSlots {
    type Fruit = Vec<(u32, Score)>;

    fn collect(&mut self, doc: DocId, score: Score) {
        if let Some(slot) = self.slots.first(doc).and_then(|s| u32::try_from(s).ok()) {
            self.hits.push((slot, score));
        }
    }

    fn harvest(self) -> Self::Fruit {
        self.hits
    }
}
