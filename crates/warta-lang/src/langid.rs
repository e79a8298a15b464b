use std::sync::OnceLock;

use lingua::{Language, LanguageDetector, LanguageDetectorBuilder};

use crate::resources;

/// How much text the statistical detector reads: news leads settle the language, and
/// reading whole long pages would cost time for nothing.
const SAMPLE_BYTES: usize = 3000;

/// Fewest letters worth guessing on; below this any answer is noise.
const MIN_LETTERS: usize = 12;

#[derive(Clone, Debug, PartialEq)]
pub struct LanguageGuess {
    /// ISO 639-1 code.
    pub code: String,
    /// Between 0 and 1.
    pub confidence: f64,
}

fn detector() -> &'static LanguageDetector {
    static DETECTOR: OnceLock<LanguageDetector> = OnceLock::new();
    DETECTOR.get_or_init(|| {
        let languages: Vec<Language> = Language::all().into_iter().collect();
        LanguageDetectorBuilder::from_languages(&languages).build()
    })
}

/// Names the language of `text`, or `None` when there is too little text to tell.
///
/// Indonesian and Malay share most of their vocabulary and statistical models mix them
/// up; when those two lead, the marker words of `resources/<lang>/language.toml` decide
/// if one side clearly outnumbers the other.
pub fn detect_language(text: &str) -> Option<LanguageGuess> {
    let sample = prefix_at_char_boundary(text, SAMPLE_BYTES);
    if sample.chars().filter(|c| c.is_alphabetic()).count() < MIN_LETTERS {
        return None;
    }
    let ranked = detector().compute_language_confidence_values(sample);
    let (best, best_confidence) = *ranked.first()?;
    let mut guess = LanguageGuess {
        code: best.iso_code_639_1().to_string(),
        confidence: best_confidence,
    };
    if let Some(close) = close_relative_of(&guess.code) {
        let lowered = text.to_lowercase();
        let own = marker_hits(&lowered, &guess.code);
        let other = marker_hits(&lowered, close);
        if other >= 2 * own + 2 {
            let other_confidence = ranked
                .iter()
                .find(|(l, _)| l.iso_code_639_1().to_string() == close)
                .map_or(0.0, |(_, c)| *c);
            guess = LanguageGuess {
                code: close.to_string(),
                confidence: (other_confidence + best_confidence).min(1.0),
            };
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
