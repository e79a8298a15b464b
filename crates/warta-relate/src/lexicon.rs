//! Language knowledge used by reuse detection, read from the data files under `data/`.
//!
//! Everything language-specific (stop words, affixes, credit phrases, abbreviations)
//! lives in those files so that adding a language is editing text, not code. The files
//! are compiled in with `include_str!` and parsed once.

use std::collections::HashSet;
use std::sync::OnceLock;

const STOPWORDS: &str = include_str!("../data/stopwords.txt");
const AFFIXES: &str = include_str!("../data/affixes.txt");
const CREDITS: &str = include_str!("../data/credits.txt");
const ABBREVIATIONS: &str = include_str!("../data/abbreviations.txt");

/// One affix-stripping rule from `data/affixes.txt`.
#[derive(Debug)]
pub(crate) struct Affix {
    pub text: String,
    /// Chars in `text`.
    pub chars: usize,
    /// Fewest characters the stem must keep for the rule to fire.
    pub min_stem: usize,
}

#[derive(Debug)]
pub(crate) struct Lexicon {
    #[cfg_attr(not(test), allow(dead_code))]
    pub stopwords: HashSet<String>,
    /// `hash_bytes` of every stop word, sorted: tokens are hashed anyway, so the stop
    /// word test is a binary search on a small array instead of a string hash lookup.
    pub stopword_hashes: Vec<u64>,
    /// Longest first, so `meng` wins over `me`.
    pub prefixes: Vec<Affix>,
    /// In file order: particles are stripped before derivational suffixes.
    pub suffixes: Vec<Affix>,
    /// Initial consonants a nasal prefix may have swallowed.
    pub initials: Vec<Affix>,
    /// Lower case; matched on word boundaries.
    pub credits: Vec<String>,
    pub abbreviations: HashSet<String>,
}

/// Lines of a data file without comments and blank lines.
fn data_lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(|line| line.split('#').next().unwrap_or("").trim())
        .filter(|line| !line.is_empty())
}

struct Affixes {
    prefixes: Vec<Affix>,
    suffixes: Vec<Affix>,
    initials: Vec<Affix>,
}

fn parse_affixes(text: &str) -> Affixes {
    let mut prefixes = Vec::new();
    let mut suffixes = Vec::new();
    let mut initials = Vec::new();
    for line in data_lines(text) {
        let mut fields = line.split_whitespace();
        let (Some(kind), Some(affix), Some(min)) = (fields.next(), fields.next(), fields.next())
        else {
            continue;
        };
        let Ok(min_stem) = min.parse() else { continue };
        let rule = Affix {
            text: affix.to_string(),
            chars: affix.chars().count(),
            min_stem,
        };
        match kind {
            "prefix" => prefixes.push(rule),
            "suffix" => suffixes.push(rule),
            "initial" => initials.push(rule),
            _ => {}
        }
    }
    prefixes.sort_by_key(|a| std::cmp::Reverse(a.text.len()));
    Affixes {
        prefixes,
        suffixes,
        initials,
    }
}

pub(crate) fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(|| {
        let Affixes {
            prefixes,
            suffixes,
            initials,
        } = parse_affixes(AFFIXES);
        let stopwords: HashSet<String> = data_lines(STOPWORDS)
            .flat_map(str::split_whitespace)
            .map(str::to_lowercase)
            .collect();
        let mut stopword_hashes: Vec<u64> = stopwords
            .iter()
            .map(|w| crate::text::hash_bytes(w.as_bytes()))
            .collect();
        stopword_hashes.sort_unstable();
        Lexicon {
            initials,
            stopwords,
            stopword_hashes,
            prefixes,
            suffixes,
            credits: data_lines(CREDITS).map(str::to_lowercase).collect(),
            abbreviations: data_lines(ABBREVIATIONS)
                .flat_map(str::split_whitespace)
                .map(str::to_lowercase)
                .collect(),
        }
    })
}

impl Lexicon {
    /// The crude stem of a lower-cased content word: at most one prefix and two suffixes
    /// (a particle, then a derivational suffix) are removed, then a consonant a nasal
    /// prefix may have swallowed.
    #[cfg(test)]
    pub fn stem(&self, word: &str) -> String {
        String::from_utf8_lossy(self.stem_bytes(word.as_bytes())).into_owned()
    }

    /// [`Lexicon::stem`] without allocating: the stem is a slice of `word` (UTF-8 bytes;
    /// affixes are cut on char boundaries because they are whole strings).
    pub fn stem_bytes<'a>(&self, word: &'a [u8]) -> &'a [u8] {
        fn ends_with(s: &[u8], suffix: &[u8]) -> bool {
            s.len() >= suffix.len()
                && s[s.len() - suffix.len()..]
                    .iter()
                    .rev()
                    .zip(suffix.iter().rev())
                    .all(|(a, b)| a == b)
        }
        fn starts_with(s: &[u8], prefix: &[u8]) -> bool {
            s.len() >= prefix.len() && s.iter().zip(prefix).all(|(a, b)| a == b)
        }
        let mut stem = word;
        // Chars are the bytes that do not continue a UTF-8 sequence.
        let mut chars = word.iter().filter(|&&b| (b as i8) >= -0x40).count();
        for _ in 0..2 {
            if let Some(rule) = self.suffixes.iter().find(|rule| {
                chars >= rule.min_stem + rule.chars && ends_with(stem, rule.text.as_bytes())
            }) {
                stem = &stem[..stem.len() - rule.text.len()];
                chars -= rule.chars;
            }
        }
        if let Some(rule) = self.prefixes.iter().find(|rule| {
            chars >= rule.min_stem + rule.chars && starts_with(stem, rule.text.as_bytes())
        }) {
            stem = &stem[rule.text.len()..];
            chars -= rule.chars;
        }
        if let Some(rule) = self.initials.iter().find(|rule| {
            chars >= rule.min_stem + rule.chars
                && starts_with(stem, rule.text.as_bytes())
                && matches!(
                    stem.get(rule.text.len()),
                    Some(b'a' | b'e' | b'i' | b'o' | b'u')
                )
        }) {
            stem = &stem[rule.text.len()..];
        }
        stem
    }

    /// Whether the word whose lower-cased form hashes to `surface` is a stop word.
    pub fn is_stopword(&self, surface: u64) -> bool {
        self.stopword_hashes.binary_search(&surface).is_ok()
    }

    /// The first credit phrase found in `text`, if any.
    pub fn find_credit(&self, text: &str) -> Option<&str> {
        let lower = text.to_lowercase();
        self.credits
            .iter()
            .find(|phrase| contains_on_boundaries(&lower, phrase))
            .map(String::as_str)
    }
}

/// Whether `needle` occurs in `haystack` with no letter or digit glued to either end,
/// so "afp" does not match inside "cafpa".
fn contains_on_boundaries(haystack: &str, needle: &str) -> bool {
    if needle.is_empty() {
        return false;
    }
    let mut from = 0;
    while let Some(found) = haystack[from..].find(needle) {
        let start = from + found;
        let end = start + needle.len();
        let before_ok = haystack[..start]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric() || !starts_alnum(needle));
        let after_ok = haystack[end..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric() || !ends_alnum(needle));
        if before_ok && after_ok {
            return true;
        }
        from = start + needle.chars().next().map_or(1, char::len_utf8);
    }
    false
}

fn starts_alnum(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_alphanumeric)
}

fn ends_alnum(s: &str) -> bool {
    s.chars().next_back().is_some_and(char::is_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_files_load() {
        let lex = lexicon();
        assert!(lex.stopwords.contains("yang"));
        assert!(lex.stopwords.contains("the"));
        assert!(lex.credits.iter().any(|c| c == "seperti dilansir"));
        assert!(lex.abbreviations.contains("dr"));
    }

    #[test]
    fn stems_meet_across_affixes() {
        let lex = lexicon();
        assert_eq!(lex.stem("mengatakan"), lex.stem("dikatakan"));
        assert_eq!(lex.stem("sertifikatnya"), lex.stem("sertifikat"));
        assert_eq!(lex.stem("reports"), lex.stem("reported"));
        assert_eq!(lex.stem("api"), "api");
    }

    #[test]
    fn credits_match_on_word_boundaries() {
        let lex = lexicon();
        assert!(lex
            .find_credit("kata Stoltenberg, seperti dilansir CNA")
            .is_some());
        assert!(lex.find_credit("Jakarta (ANTARA) - Presiden").is_some());
        assert!(lex.find_credit("Sumber: Kantor Berita Samudra").is_some());
        assert!(lex.find_credit("mencafpa kapal").is_none());
    }
}
