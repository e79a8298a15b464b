use crate::resources;

/// How much text the statistical detector reads: a news lead settles the language, and
/// reading whole long pages would cost time for nothing.
const SAMPLE_BYTES: usize = 2000;

/// Fewest letters worth guessing on; below this any answer is noise.
const MIN_LETTERS: usize = 12;

#[derive(Clone, Debug, PartialEq)]
pub struct LanguageGuess {
    /// ISO 639-1 code (639-3 for the few languages without one).
    pub code: String,
    /// Between 0 and 1.
    pub confidence: f64,
}

/// Names the language of `text`, or `None` when there is too little text to tell.
///
/// `whatlang`'s trigram model names the language family member it knows; it has no
/// Malay, and no statistical model tells Indonesian from Malay well on short text. So
/// when the answer is Indonesian or Malay, the marker words of
/// `resources/<lang>/language.toml` decide when one side clearly outnumbers the other.
/// (lingua, which has Malay, was measured at 4–5 times the cost of HTML extraction per
/// page for no better answer here.)
pub fn detect_language(text: &str) -> Option<LanguageGuess> {
    let sample = prefix_at_char_boundary(text, SAMPLE_BYTES);
    if sample.chars().filter(|c| c.is_alphabetic()).count() < MIN_LETTERS {
        return None;
    }
    let info = whatlang::detect(sample)?;
    let code = info.lang().code();
    let mut guess = LanguageGuess {
        code: resources().iso639_1.get(code).cloned().unwrap_or_else(|| code.to_string()),
        confidence: info.confidence(),
    };
    if let Some(close) = close_relative_of(&guess.code) {
        let lowered = text.to_lowercase();
        let own = marker_hits(&lowered, &guess.code);
        let other = marker_hits(&lowered, close);
        if other >= 2 * own + 2 {
            guess.code = close.to_string();
        }
    }
    Some(guess)
}

/// The language a detector most often confuses with `code`, among those with markers.
fn close_relative_of(code: &str) -> Option<&'static str> {
    match code {
        "id" => Some("ms"),
        "ms" => Some("id"),
        _ => None,
    }
}

/// Counts whole-word occurrences of a language's marker words and phrases.
fn marker_hits(lowered: &str, code: &str) -> usize {
    let Some(language) = resources().language(code) else {
        return 0;
    };
    language
        .markers
        .iter()
        .map(|m| count_whole_words(lowered, m))
        .sum()
}

fn count_whole_words(haystack: &str, needle: &str) -> usize {
    if needle.is_empty() {
        return 0;
    }
    let is_word = |c: char| c.is_alphanumeric();
    haystack
        .match_indices(needle)
        .filter(|(at, _)| {
            let before = haystack[..*at].chars().next_back();
            let after = haystack[at + needle.len()..].chars().next();
            !before.is_some_and(is_word) && !after.is_some_and(is_word)
        })
        .count()
}

fn prefix_at_char_boundary(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(text: &str) -> String {
        detect_language(text).map(|g| g.code).unwrap_or_default()
    }

    #[test]
    fn tells_indonesian_malay_and_english_apart() {
        assert_eq!(
            code("Pemerintah Indonesia mengatakan bahwa anggaran pendidikan akan naik 20 persen karena kebutuhan sekolah di daerah terpencil."),
            "id"
        );
        assert_eq!(
            code("Kerajaan negeri berkata bajet baharu itu akan membantu rakyat kerana kos sara hidup meningkat, kata kenyataan jabatan itu semalam."),
            "ms"
        );
        assert_eq!(
            code("The government said on Tuesday that the education budget would rise by 20 percent next year."),
            "en"
        );
    }

    #[test]
    fn declines_to_guess_on_too_little_text() {
        assert_eq!(detect_language("12/06 ..."), None);
        assert_eq!(detect_language(""), None);
    }

    #[test]
    fn counts_only_whole_words() {
        assert_eq!(count_whole_words("polisi kepolisian polisi.", "polisi"), 2);
        assert_eq!(count_whole_words("rumah sakit", "rumah sakit"), 1);
    }
}
