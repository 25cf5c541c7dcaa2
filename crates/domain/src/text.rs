//! Text folded for comparing: what slugs and title ordering use, so that
//! "Café" sorts and addresses like `cafe` on every backend.

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
}
