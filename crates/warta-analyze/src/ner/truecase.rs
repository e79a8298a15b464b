//! Headlines in title case ("Clinton Plan for Taxes Is Expansive but Complex", "Kapal
//! Terbakar di Perairan Sarinjaya"): there a capital says little about names, and a model
//! that learned from sentence text reads every capitalised word as one. Before tagging,
//! such a line gets its capitals taken off the words running text writes in lower case
//! (truecasing, Lita et al. 2003): "Kapal terbakar di perairan Sarinjaya". The word lists
//! are counted from text in the data sets by `warta train case`, and so are the
//! capitalisation counts the recogniser reads as a feature.

use std::sync::OnceLock;

use crate::fasthash::FastSet;

use super::features::lines;

/// Languages whose lists are compiled in below, in the same order.
pub const LANGUAGES: [&str; 2] = ["id", "en"];
const MINOR_WORDS: [&str; 2] = [
    include_str!("../../../../resources/id/title-case-minor-words.txt"),
    include_str!("../../../../resources/en/title-case-minor-words.txt"),
];
const LOWER_CASE_WORDS: [&str; 2] = [
    include_str!("../../../../resources/id/lower-case-words.txt"),
    include_str!("../../../../resources/en/lower-case-words.txt"),
];

/// Least number of capitalised words that makes a line title case: two are a name.
const MIN_CAPITALISED: usize = 3;
/// A title-case line has at least this many capitalised words per lower-case word that
/// is not a minor word (house styles differ on some).
const LOWER_PER_CAPITALISED: usize = 6;
/// A word goes on the lower-case list when running text writes it in lower case at least
/// this many times as often as with a capital (inside a sentence)...
const LOWER_CASE_RATIO: u32 = 3;
/// ... and at least this many times.
const LOWER_CASE_MIN_COUNT: u32 = 2;

struct Lists {
    /// Words title case leaves in lower case ("di", "of").
    minor: FastSet<String>,
    /// Words running text writes in lower case.
    lower_case: FastSet<String>,
}

fn lists() -> &'static Lists {
    static LISTS: OnceLock<Lists> = OnceLock::new();
    LISTS.get_or_init(|| {
        let words = |files: &[&'static str]| -> FastSet<String> { files.iter().flat_map(|f| lines(f)).collect() };
        Lists { minor: words(&MINOR_WORDS), lower_case: words(&LOWER_CASE_WORDS) }
    })
}

/// Is the word one that a title leaves in lower case ("of", "the", "di")?
pub fn is_minor_word(word: &str) -> bool {
    lists().minor.contains(word)
}

/// Is the (lower-cased) word one that running text writes in lower case?
pub fn is_lower_case_word(lower: &str) -> bool {
    lists().lower_case.contains(lower)
}

/// At least three words begin with a capital, and for every six of them at most one
/// word that is not a minor word begins in lower case ("Presiden Joko Widodo tiba di
/// Jakarta pada Senin" is a sentence).
pub fn is_title_case<S: AsRef<str>>(words: &[S]) -> bool {
    let starts = |w: &S, case: fn(char) -> bool| w.as_ref().chars().next().is_some_and(case);
    let capitalised = words.iter().filter(|w| starts(w, char::is_uppercase)).count();
    if capitalised < MIN_CAPITALISED {
        return false;
    }
    // Most lines are sentences: they fail after a few lower-case words.
    let minor = &lists().minor;
    let mut lower = 0;
    for w in words.iter().filter(|w| starts(w, char::is_lowercase)) {
        if !minor.contains(w.as_ref()) {
            lower += 1;
            if LOWER_PER_CAPITALISED * lower > capitalised {
                return false;
            }
        }
    }
    true
}

/// A title-case line's words with the capital taken off those on the lower-case list,
/// except the first word (a sentence's keeps it) and words in `keep` (as written).
pub fn truecased<S: AsRef<str>>(words: &[S], keep: &FastSet<&str>) -> Vec<String> {
    let lower_case = &lists().lower_case;
    words
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let w = w.as_ref();
            let capitalised = w.chars().next().is_some_and(char::is_uppercase);
            if i > 0 && capitalised && !keep.contains(w) {
                let lower = w.to_lowercase();
                if lower_case.contains(&lower) {
                    return lower;
                }
            }
            w.to_string()
        })
        .collect()
}

/// The words as a title-case headline writes them: every word that begins in lower case
/// and is not a minor word gets a capital (for measuring how headlines are read).
pub fn title_cased<S: AsRef<str>>(words: &[S]) -> Vec<String> {
    let minor = &lists().minor;
    words
        .iter()
        .map(|w| {
            let w = w.as_ref();
            let mut chars = w.chars();
            match chars.next() {
                Some(c) if c.is_lowercase() && !minor.contains(w) => c.to_uppercase().chain(chars).collect(),
                _ => w.to_string(),
            }
        })
        .collect()
}

/// The text of a lower-case word list (`resources/<lang>/lower-case-words.txt`) counted
/// from sentences as written; `source` says in its header where they came from. Only
/// words inside a sentence count (not after a colon or an opening quote, which start
/// one), and headlines and lines without capitals are skipped: they say nothing about
/// how a word is written.
pub fn build<S: AsRef<str>>(sentences: &[Vec<S>], source: &str) -> String {
    let mut out = format!(
        "# Words running text writes in lower case: inside sentences at least {LOWER_CASE_MIN_COUNT} times, and at\n\
         # least {LOWER_CASE_RATIO} times as often as with a capital. A title-case headline's capital on them is\n\
         # taken off before tagging. Built by `warta train case` from {source}; do not edit.\n"
    );
    for (word, (lower, capitalised)) in case_counts(sentences) {
        if lower >= LOWER_CASE_MIN_COUNT && lower >= LOWER_CASE_RATIO * capitalised {
            out.push_str(&word);
            out.push('\n');
        }
    }
    out
}

/// The text of the capitalisation file (`resources/common/word-capitalisation.tsv`):
/// for every word seen inside sentences at least twice, how often in lower case and how
/// often with a capital. The recogniser reads it as a feature, which gives lower-cased
/// text (NERP) back what the capital would have said.
pub fn build_capitalisation<S: AsRef<str>, W: AsRef<[S]>>(sentences: &[W], source: &str) -> String {
    let mut out = format!(
        "# How often running text writes each word in lower case and with a capital, inside sentences\n\
         # (word, lower, capitalised; words seen at least twice). A feature of the named-entity\n\
         # recogniser. Built by `warta train case` from {source}; do not edit.\n"
    );
    for (word, (lower, capitalised)) in case_counts(sentences) {
        if lower + capitalised >= 2 {
            out.push_str(&format!("{word}\t{lower}\t{capitalised}\n"));
        }
    }
    out
}

/// Per lower-cased word, how often it is written in lower case and with a capital inside
/// a sentence.
fn case_counts<S: AsRef<str>, W: AsRef<[S]>>(sentences: &[W]) -> std::collections::BTreeMap<String, (u32, u32)> {
    let mut counts: std::collections::BTreeMap<String, (u32, u32)> = Default::default();
    for words in sentences {
        let words = words.as_ref();
        if !words.iter().any(|w| w.as_ref().chars().any(char::is_uppercase)) || is_title_case(words) {
            continue;
        }
        for pair in words.windows(2) {
            let (before, word) = (pair[0].as_ref(), pair[1].as_ref());
            if matches!(before, ":" | "\"" | "“" | "'" | "‘" | "(" | "-" | "–" | "—") {
                continue;
            }
            let Some(first) = word.chars().next().filter(|c| c.is_alphabetic()) else { continue };
            let (lower, capitalised) = counts.entry(word.to_lowercase()).or_default();
            if first.is_uppercase() {
                *capitalised += 1;
            } else {
                *lower += 1;
            }
        }
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headlines_are_title_case_and_sentences_are_not() {
        let words = |s: &str| s.split(' ').map(str::to_string).collect::<Vec<_>>();
        assert!(is_title_case(&words("Clinton Plan for Taxes Is Expansive but Complex")));
        assert!(is_title_case(&words("Kapal Terbakar di Perairan Sarinjaya , 12 Penumpang Luka")));
        assert!(!is_title_case(&words("Presiden Joko Widodo tiba di Jakarta pada Senin")));
        assert!(!is_title_case(&words("Joko Widodo")), "a name alone is no headline");
        assert!(!is_title_case(&words("tidak ada huruf besar")));
    }

    #[test]
    fn truecasing_takes_capitals_off_common_words_only() {
        let words = ["Kapal", "Terbakar", "di", "Perairan", "Sarinjaya", ",", "12", "Penumpang", "Luka"];
        let fixed = truecased(&words, &FastSet::default());
        assert_eq!(fixed[0], "Kapal", "the first word keeps its capital");
        assert_eq!(fixed[1], "terbakar");
        assert_eq!(fixed[7], "penumpang");
        assert_eq!(fixed[4], "Sarinjaya", "a name keeps it");
        let kept = truecased(&words, &["Perairan"].into_iter().collect());
        assert_eq!(kept[3], "Perairan", "a word the article capitalises in its sentences keeps it");
    }

    #[test]
    fn word_lists_count_words_inside_sentences_only() {
        let sentences: Vec<Vec<&str>> = vec![
            vec!["Warga", "melihat", "kapal", "di", "pelabuhan", "Sarinjaya", "."],
            vec!["Kapal", "itu", "terbakar", "dekat", "kapal", "lain", "."],
            vec!["Ia", "berkata", ":", "Kapal", "Sarinjaya", "tenggelam", "."],
            // A headline counts for nothing.
            vec!["Kapal", "Terbakar", "di", "Perairan", "Sarinjaya"],
        ];
        let list = build(&sentences, "a test");
        let words: Vec<&str> = list.lines().filter(|l| !l.starts_with('#')).collect();
        assert!(words.contains(&"kapal"), "{list}");
        assert!(!words.contains(&"sarinjaya"), "written with a capital: {list}");
        assert!(!words.contains(&"melihat"), "seen once only: {list}");
        assert!(list.contains("a test"));
    }

    #[test]
    fn capitalisation_counts_both_ways_inside_sentences() {
        let sentences: Vec<Vec<&str>> = vec![
            vec!["Warga", "melihat", "kapal", "di", "pelabuhan", "Sarinjaya", "."],
            vec!["Kapal", "itu", "terbakar", "dekat", "kapal", "Sarinjaya", "."],
            vec!["Ia", "berkata", ":", "Kapal", "tenggelam", "."],
            vec!["Di", "Sarinjaya", ",", "Kapal", "Api", "berlabuh", "."],
        ];
        let file = build_capitalisation(&sentences, "a test");
        let row = |word: &str| file.lines().find(|l| l.split('\t').next() == Some(word)).map(str::to_string);
        assert_eq!(row("kapal").as_deref(), Some("kapal\t2\t1"), "sentence-initial and after a colon do not count: {file}");
        assert_eq!(row("sarinjaya").as_deref(), Some("sarinjaya\t0\t3"), "{file}");
        assert_eq!(row("melihat"), None, "seen once only");
        assert!(file.contains("a test"));
    }
}
