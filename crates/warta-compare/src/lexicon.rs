//! The language data of the compare stage, read from `resources/<lang>/compare.toml`.
//!
//! All languages are merged into one lexicon: an event mixes articles in several
//! languages, and the cue words of Indonesian and English do not collide, so a sentence
//! is read with every language's words at once.

use std::collections::{BTreeMap, HashSet};
use std::sync::OnceLock;

use serde::Deserialize;

/// Every language's `compare.toml` (compiled into warta-lang, so the stage stays a pure
/// function with no file access).
fn files() -> impl Iterator<Item = (&'static str, &'static str)> {
    warta_lang::language_codes().filter_map(|lang| warta_lang::resource_file(lang, "compare.toml").map(|text| (lang, text)))
}

#[derive(Deserialize)]
struct File {
    #[serde(default)]
    stopwords: Vec<String>,
    #[serde(default)]
    update_cues: Vec<String>,
    #[serde(default)]
    negations: Vec<String>,
    #[serde(default)]
    heads: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    categories: Vec<CategoryFile>,
}

#[derive(Deserialize)]
struct CategoryFile {
    name: String,
    can_change: bool,
    cues: Vec<String>,
}

/// What a count is about ("injured", "aboard"), recognised from cue words near it.
pub(crate) struct Category {
    pub name: String,
    pub can_change: bool,
    /// Each cue as a sequence of normalised tokens, so multi-word cues match too.
    pub cues: Vec<Vec<String>>,
}

pub(crate) struct Lexicon {
    pub stopwords: HashSet<String>,
    /// Words that negate a statement, normalised like sentence words.
    pub negations: HashSet<String>,
    pub update_cues: Vec<Vec<String>>,
    /// (phrase as tokens, class), longest phrases first so "anak buah kapal" wins over
    /// "anak buah".
    pub heads: Vec<(Vec<String>, String)>,
    pub categories: Vec<Category>,
}

/// Splits a phrase from a data file the same way sentences are split.
fn phrase(text: &str) -> Vec<String> {
    crate::text::words(text).into_iter().map(|(w, _)| w).collect()
}

pub(crate) fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(|| {
        let mut lexicon = Lexicon {
            stopwords: HashSet::new(),
            negations: HashSet::new(),
            update_cues: Vec::new(),
            heads: Vec::new(),
            categories: Vec::new(),
        };
        for (lang, text) in files() {
            // The files are part of the crate and covered by a test; a broken file
            // degrades to "no language knowledge" rather than a panic at run time.
            let file: File = match toml::from_str(text) {
                Ok(f) => f,
                Err(e) => {
                    debug_assert!(false, "resources/{lang}/compare.toml: {e}");
                    continue;
                }
            };
            lexicon.stopwords.extend(file.stopwords.iter().map(|w| w.to_lowercase()));
            lexicon.update_cues.extend(file.update_cues.iter().map(|c| phrase(c)));
            lexicon.negations.extend(file.negations.iter().flat_map(|n| phrase(n)));
            for (class, nouns) in file.heads {
                lexicon.heads.extend(nouns.iter().map(|n| (phrase(n), class.clone())));
            }
            for c in file.categories {
                let cues: Vec<Vec<String>> = c.cues.iter().map(|cue| phrase(cue)).collect();
                match lexicon.categories.iter_mut().find(|k| k.name == c.name) {
                    Some(known) => known.cues.extend(cues),
                    None => lexicon.categories.push(Category {
                        name: c.name,
                        can_change: c.can_change,
                        cues,
                    }),
                }
            }
        }
        lexicon.heads.sort_by_key(|(p, _)| std::cmp::Reverse(p.len()));
        lexicon
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_data_file_parses() {
        assert!(files().count() >= 2);
        for (lang, text) in files() {
            assert!(toml::from_str::<File>(text).is_ok(), "resources/{lang}/compare.toml");
        }
        let l = lexicon();
        assert!(l.stopwords.contains("yang") && l.stopwords.contains("the"));
        assert!(l.categories.iter().any(|c| c.name == "injured" && c.can_change));
        assert!(l.negations.contains("tidak") && l.negations.contains("not"));
    }
}
