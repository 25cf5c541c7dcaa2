//! What search reads and how words are compared (docs/architecture.md,
//! Catalogue search): each text is indexed three ways, as folded words (for
//! exact, prefix and typo-tolerant matches), stemmed as English and stemmed
//! as French, so that `financing` finds "finance" and `coproductions` finds
//! "coproduction" in either language, and `cafe` finds "Café".

use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer,
    TextAnalyzer, TokenStream,
};

/// Longer tokens are noise (pasted URLs, identifiers) and are not indexed.
const LONGEST_WORD: usize = 40;

/// More words than this add nothing to a catalogue search but cost.
const MAX_SEARCH_WORDS: usize = 8;

/// How a text is turned into terms: each analyzer is one set of index fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Analyzer {
    /// Lower-cased, accents folded, not stemmed.
    Folded,
    English,
    French,
}

impl Analyzer {
    pub(crate) const ALL: [Analyzer; 3] = [Analyzer::Folded, Analyzer::English, Analyzer::French];

    pub(crate) fn name(self) -> &'static str {
        match self {
            Analyzer::Folded => "folded",
            Analyzer::English => "english",
            Analyzer::French => "french",
        }
    }

    /// Stemming runs on the accented word (the French stemmer needs its
    /// accents), folding after it, so that an unaccented query meets an
    /// accented text on the same stem.
    pub(crate) fn build(self) -> TextAnalyzer {
        let words = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(LONGEST_WORD))
            .filter(LowerCaser);
        match self {
            Analyzer::Folded => words.filter(AsciiFoldingFilter).build(),
            Analyzer::English => words
                .filter(Stemmer::new(Language::English))
                .filter(AsciiFoldingFilter)
                .build(),
            Analyzer::French => words
                .filter(Stemmer::new(Language::French))
                .filter(AsciiFoldingFilter)
                .build(),
        }
    }

    /// The terms this analyzer makes of `text`.
    pub(crate) fn terms(self, text: &str) -> Vec<String> {
        let mut analyzer = self.build();
        let mut stream = analyzer.token_stream(text);
        let mut terms = Vec::new();
        while stream.advance() {
            terms.push(stream.token().text.clone());
        }
        terms
    }
}

/// `text` plus the joined form of every hyphenated compound, so that
/// `coproduction` finds "Co-production" as `co production` does.
pub(crate) fn with_joined_compounds(text: &str) -> String {
    let mut joined = text.to_owned();
    for compound in text.split_whitespace().filter(|word| word.contains('-')) {
        let parts: Vec<&str> = compound
            .split(|c: char| !c.is_alphanumeric())
            .filter(|part| !part.is_empty())
            .collect();
        if parts.len() > 1 {
            joined.push(' ');
            joined.push_str(&parts.concat());
        }
    }
    joined
}

/// The words of a search (`q`): lower-cased, accents kept for the stemmers,
/// distinct, at most eight.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchText(Vec<String>);

impl SearchText {
    /// `None` when the query has no letter or digit at all.
    pub fn parse(raw: &str) -> Option<Self> {
        let mut words: Vec<String> = Vec::new();
        for word in raw
            .split(|c: char| !c.is_alphanumeric())
            .filter(|word| !word.is_empty())
            .map(str::to_lowercase)
        {
            if !words.contains(&word) && words.len() < MAX_SEARCH_WORDS {
                words.push(word);
            }
        }
        (!words.is_empty()).then_some(SearchText(words))
    }

    pub fn words(&self) -> &[String] {
        &self.0
    }
}

/// How many typos a word of the query may carry: one in words of five
/// letters or more, two from nine.
pub(crate) fn typos_allowed(word: &str) -> u8 {
    match word.chars().count() {
        0..=4 => 0,
        5..=8 => 1,
        _ => 2,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn folded_terms_ignore_case_and_accents() {
        assert_eq!(
            Analyzer::Folded.terms("Café-Théâtre: l'ÉTÉ!"),
            ["cafe", "theatre", "l", "ete"]
        );
    }

    #[test]
    fn stems_meet_across_inflections_in_both_languages() {
        let en = |word| Analyzer::English.terms(word);
        let fr = |word| Analyzer::French.terms(word);
        assert_eq!(en("financing"), en("finance"));
        assert_eq!(en("coproductions"), en("coproduction"));
        assert_eq!(fr("coproductions"), fr("coproduction"));
        assert_eq!(fr("productrices"), fr("productrice"));
        assert_eq!(
            fr("écoproduction"),
            fr("ecoproduction"),
            "accents fold after stemming"
        );
    }

    #[test]
    fn hyphenated_compounds_are_also_indexed_joined() {
        assert_eq!(
            with_joined_compounds("Co-production and post-production"),
            "Co-production and post-production Coproduction postproduction"
        );
        assert_eq!(with_joined_compounds("Café"), "Café");
    }

    #[test]
    fn search_words_are_lower_cased_distinct_and_bounded() {
        let text = SearchText::parse("Café CAFÉ co-production").unwrap();
        assert_eq!(text.words(), ["café", "co", "production"]);
        assert!(SearchText::parse("?! ...").is_none());
        let many = SearchText::parse("a b c d e f g h i j").unwrap();
        assert_eq!(many.words().len(), MAX_SEARCH_WORDS);
    }

    #[test]
    fn longer_words_tolerate_more_typos() {
        assert_eq!(typos_allowed("lab"), 0);
        assert_eq!(typos_allowed("média"), 1);
        assert_eq!(typos_allowed("financing"), 2);
    }
}
