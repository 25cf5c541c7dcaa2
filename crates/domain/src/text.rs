//! Text folded for matching: what search, slugs and title ordering compare,
//! so that `cafe` finds "Café" and the same words are seen on every backend.

/// Lower-case ASCII words separated by single spaces: accents and other
/// scripts are transliterated (`Café` → `cafe`, `Ōtautahi` → `otautahi`) and
/// every character that is not a letter or digit separates words.
pub fn fold_words(raw: &str) -> String {
    let ascii = deunicode::deunicode(raw);
    let mut folded = String::with_capacity(ascii.len());
    for word in ascii
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|word| !word.is_empty())
    {
        if !folded.is_empty() {
            folded.push(' ');
        }
        folded.extend(word.chars().map(|c| c.to_ascii_lowercase()));
    }
    folded
}

/// [`fold_words`] for a document to search, plus the joined form of every
/// hyphenated compound, so that `coproduction` finds "Co-production" as
/// `co production` finds it.
pub fn fold_for_search(raw: &str) -> String {
    let mut folded = fold_words(raw);
    for compound in deunicode::deunicode(raw).split_whitespace() {
        let parts: Vec<&str> = compound
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|part| !part.is_empty())
            .collect();
        if parts.len() > 1 && compound.contains('-') {
            folded.push(' ');
            folded.extend(parts.concat().chars().map(|c| c.to_ascii_lowercase()));
        }
    }
    folded
}

/// The words of a search query, folded like the documents they are matched
/// against. Each word holds only `[a-z0-9]`, so it can be placed in a
/// full-text query expression without escaping.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchTerms(Vec<String>);

/// More words than this add nothing to a catalogue search but cost.
const MAX_SEARCH_TERMS: usize = 8;

impl SearchTerms {
    /// `None` when the query has no letter or digit at all.
    pub fn parse(raw: &str) -> Option<Self> {
        let mut words: Vec<String> = Vec::new();
        for word in fold_words(raw).split(' ').filter(|word| !word.is_empty()) {
            if !words.iter().any(|seen| seen == word) && words.len() < MAX_SEARCH_TERMS {
                words.push(word.to_owned());
            }
        }
        (!words.is_empty()).then_some(SearchTerms(words))
    }

    pub fn words(&self) -> &[String] {
        &self.0
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn folds_accents_case_and_punctuation() {
        assert_eq!(fold_words("Café-Théâtre: l'Été!"), "cafe theatre l ete");
        assert_eq!(fold_words("  STAR   Producer  "), "star producer");
        assert_eq!(fold_words("2SLGBTQIA+ producers"), "2slgbtqia producers");
        assert_eq!(fold_words("Ōtautahi Straße"), "otautahi strasse");
        assert_eq!(fold_words("—"), "");
    }

    #[test]
    fn search_documents_also_hold_joined_compounds() {
        assert_eq!(
            fold_for_search("Co-production and post-production"),
            "co production and post production coproduction postproduction"
        );
        assert_eq!(fold_for_search("Café"), "cafe");
    }

    #[test]
    fn search_terms_are_folded_distinct_and_bounded() {
        let terms = SearchTerms::parse("Café CAFE co-production").unwrap();
        assert_eq!(terms.words(), ["cafe", "co", "production"]);
        assert!(SearchTerms::parse("?! ...").is_none());
        let many = SearchTerms::parse("a b c d e f g h i j").unwrap();
        assert_eq!(many.words().len(), MAX_SEARCH_TERMS);
        assert!(many.words().iter().all(|w| {
            w.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        }));
    }
}
