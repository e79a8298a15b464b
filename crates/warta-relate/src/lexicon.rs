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
    /// Fewest characters the stem must keep for the rule to fire.
    pub min_stem: usize,
}

#[derive(Debug)]
pub(crate) struct Lexicon {
    pub stopwords: HashSet<String>,
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
        Lexicon {
            initials,
            stopwords: data_lines(STOPWORDS)
                .flat_map(str::split_whitespace)
                .map(str::to_lowercase)
                .collect(),
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
    pub fn stem(&self, word: &str) -> String {
        let mut stem = word;
        for _ in 0..2 {
            if let Some(rule) = self.suffixes.iter().find(|rule| {
                stem.ends_with(rule.text.as_str())
                    && stem.chars().count() >= rule.min_stem + rule.text.chars().count()
            }) {
                stem = &stem[..stem.len() - rule.text.len()];
            }
        }
        if let Some(rule) = self.prefixes.iter().find(|rule| {
            stem.starts_with(rule.text.as_str())
                && stem.chars().count() >= rule.min_stem + rule.text.chars().count()
        }) {
            stem = &stem[rule.text.len()..];
        }
        if let Some(rule) = self.initials.iter().find(|rule| {
            stem.starts_with(rule.text.as_str())
                && stem.chars().count() >= rule.min_stem + rule.text.chars().count()
                && stem[rule.text.len()..].starts_with(['a', 'e', 'i', 'o', 'u'])
        }) {
            stem = &stem[rule.text.len()..];
        }
        stem.to_string()
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
