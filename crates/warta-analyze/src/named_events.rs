//! Named events: "Piala Dunia 2018", "KTT APEC", "Perang Dunia II", "World War II",
//! "Asian Games", "Lebaran". The recogniser learned events from NERP alone, which is
//! written in lower case, and never tags one in cased news; a named event is a run of
//! capitalised words that one of its usual head words opens ("Piala", "KTT") or closes
//! ("Cup", "Summit"), or one of the few names that stand alone ("Natal", "Christmas").
//! The words are in `resources/<lang>/events.toml`.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Deserialize;
use warta_lang::{language_codes, resource_file};
use warta_model::EntityKind;

use crate::entities::NamedSpan;
use crate::fasthash::FastSet;
use crate::tokens::{Token, Words};

#[derive(Default, Deserialize)]
pub(crate) struct EventsFile {
    #[serde(default)]
    pub(crate) opening: Vec<String>,
    #[serde(default)]
    pub(crate) closing: Vec<String>,
    #[serde(default)]
    pub(crate) alone: Vec<String>,
    #[serde(default)]
    connectors: Vec<String>,
}

/// The head words of an `events.toml` (the recogniser learns them as a gazetteer too).
pub(crate) fn parse_heads(text: &str) -> Result<EventsFile, toml::de::Error> {
    toml::from_str(text)
}

/// One language's head words, lower-cased; phrases as their words.
#[derive(Default)]
struct Heads {
    opening: Vec<Vec<String>>,
    closing: Vec<Vec<String>>,
    alone: Vec<Vec<String>>,
    /// Every word of the phrases above: a run without one holds no event.
    words: FastSet<String>,
    /// Lower-case words an event's name may hold between capitalised ones ("of" of
    /// "Battle of Britain").
    connectors: FastSet<String>,
}

impl Heads {
    fn add(&mut self, file: EventsFile) {
        let phrases = |v: Vec<String>| v.into_iter().map(|p| p.split_whitespace().map(str::to_lowercase).collect::<Vec<_>>()).filter(|p| !p.is_empty());
        self.opening.extend(phrases(file.opening));
        self.closing.extend(phrases(file.closing));
        self.alone.extend(phrases(file.alone));
        self.connectors.extend(file.connectors.iter().map(|w| w.to_lowercase()));
        let words: Vec<String> = self.opening.iter().chain(&self.closing).chain(&self.alone).flatten().cloned().collect();
        self.words.extend(words);
    }
}

/// Head words by language, and every language's together for text in another one.
struct AllHeads {
    by_language: BTreeMap<String, Heads>,
    all: Heads,
}

fn all_heads() -> &'static AllHeads {
    static HEADS: OnceLock<AllHeads> = OnceLock::new();
    HEADS.get_or_init(|| {
        let mut heads = AllHeads { by_language: BTreeMap::new(), all: Heads::default() };
        for code in language_codes() {
            let Some(text) = resource_file(code, "events.toml") else { continue };
            // Data files ship with the build; a broken one fails this crate's tests.
            let parse = || parse_heads(text).unwrap_or_else(|e| panic!("resources/{code}/events.toml: {e}"));
            heads.by_language.entry(code.to_string()).or_default().add(parse());
            heads.all.add(parse());
        }
        heads
    })
}

/// The named events of `text` in `language`, as byte spans; `words` are its tokens.
pub fn named_events(text: &str, words: &Words, language: &str) -> Vec<NamedSpan> {
    let all = all_heads();
    let heads = all.by_language.get(language).unwrap_or(&all.all);
    let (toks, lower) = (&words.toks[..], &words.lower[..]);
    let mut found = Vec::new();
    for (first, last) in capitalised_runs(text, toks, lower, heads) {
        // Most runs hold no head word, and most articles no event: the sentence is
        // looked at only around a run that does.
        if !lower[first..=last].iter().any(|w| heads.words.contains(w.as_ref())) {
            continue;
        }
        let (sentence_first, sentence_end) = sentence_around(text, toks, first);
        // A headline in title case capitalises every word: "Howard Dean Tells
        // Democratic Convention" is no event's name.
        if crate::ner::is_title_case(&toks[sentence_first..sentence_end].iter().map(|t| t.text).collect::<Vec<_>>()) {
            continue;
        }
        if let Some((a, b)) = event_in_run(toks, lower, first, last, sentence_first, heads) {
            found.push(NamedSpan { start: toks[a].start, end: toks[b].end, kind: EntityKind::Event });
        }
    }
    found
}

/// The tokens of the sentence or line around token `i`: from after the last full
/// stop, question or exclamation mark or line break before it to the next one.
fn sentence_around(text: &str, toks: &[Token], i: usize) -> (usize, usize) {
    let boundary = |a: usize| matches!(toks[a].text, "." | "!" | "?") || text[toks[a].end..toks[a + 1].start].contains('\n');
    let first = (0..i).rev().find(|&j| boundary(j)).map_or(0, |j| j + 1);
    let end = (i..toks.len().saturating_sub(1)).find(|&j| boundary(j)).map_or(toks.len(), |j| j + 1);
    (first, end)
}

/// A word that can be part of a name: capitalised (Roman numerals too, "II"; "G20") or
/// a year ("2018"), not a count ("2,472").
fn name_part(t: &Token) -> bool {
    t.is_word() && (t.text.starts_with(char::is_uppercase) || t.text.chars().all(|c| c.is_ascii_digit()))
}

/// Maximal runs of name parts on one line, joined across single connectors between two
/// of them; inclusive token indices.
fn capitalised_runs(text: &str, toks: &[Token], lower: &[Cow<str>], heads: &Heads) -> Vec<(usize, usize)> {
    let same_line = |a: usize, b: usize| !text[toks[a].end..toks[b].start].contains('\n');
    let mut runs = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if !name_part(&toks[i]) {
            i += 1;
            continue;
        }
        let first = i;
        let mut last = i;
        loop {
            if last + 1 < toks.len() && name_part(&toks[last + 1]) && same_line(last, last + 1) {
                last += 1;
            } else if last + 2 < toks.len() && heads.connectors.contains(lower[last + 1].as_ref()) && name_part(&toks[last + 2]) && same_line(last, last + 2) {
                last += 2;
            } else {
                break;
            }
        }
        runs.push((first, last));
        i = last + 1;
    }
    runs
}

/// Does `phrase` stand at token `at` of `words` (lower-cased)?
fn phrase_at(words: &[Cow<str>], at: usize, phrase: &[String]) -> bool {
    words.get(at..at + phrase.len()).is_some_and(|w| w.iter().zip(phrase).all(|(a, b)| a == b))
}

/// The event a run of name parts holds: from an opening head to the end of the run
/// ("Piala Dunia 2018"; something must follow the head), the
/// whole run up to a closing head and the numbers after it ("World War II"), or a name
/// that stands alone with its year ("Lebaran 2023").
fn event_in_run(toks: &[Token], lower: &[Cow<str>], first: usize, last: usize, sentence_first: usize, heads: &Heads) -> Option<(usize, usize)> {
    let words = &lower[first..=last];
    // A run shouted in capitals is a heading or a label ("STAT OF THE WEEK"); two
    // acronyms are a name ("KTT APEC").
    let shouted = |t: &Token| t.text.chars().any(char::is_alphabetic) && !t.text.chars().any(char::is_lowercase);
    if toks[first..=last].iter().filter(|t| shouted(t)).count() >= 3 {
        return None;
    }
    // Opening head: the earliest in the run ("Jelang KTT APEC" keeps "KTT APEC").
    for at in 0..words.len() {
        let longest = heads.opening.iter().filter(|p| phrase_at(words, at, p)).map(Vec::len).max();
        if let Some(n) = longest {
            if at + n < words.len() {
                return Some((first + at, last));
            }
        }
    }
    // Closing head: the last one in the run, with the numbers right after it.
    for end in (1..words.len()).rev() {
        let Some(n) = heads.closing.iter().filter(|p| p.len() <= end + 1 && phrase_at(words, end + 1 - p.len(), p)).map(Vec::len).max() else { continue };
        let numbers_after = words[end + 1..].iter().all(|w| is_number(w));
        // The head must name something before it: "World Cup", not a lone "Cup".
        let head_start = end + 1 - n;
        // An owner before the name is no part of it ("ABC's This Week").
        let owner = (0..head_start).rfind(|&s| words[s].ends_with("'s") || words[s].ends_with("’s")).map_or(0, |s| s + 1);
        if numbers_after && head_start > 0 {
            if let Some(start) = (owner..head_start).find(|&s| !opens_without_naming(&words[s], first + s == sentence_first)) {
                return Some((first + start, last));
            }
        }
    }
    // A name that stands alone, with a year or a numeral after it, and before it only
    // words that name nothing ("Besides Christmas", not "Easter Island").
    let start = (0..words.len()).find(|&s| !opens_without_naming(&words[s], first + s == sentence_first))?;
    let n = heads.alone.iter().filter(|p| phrase_at(words, start, p)).map(Vec::len).max()?;
    words[start + n..].iter().all(|w| is_number(w)).then_some((first + start, last))
}

/// "2018", "II", "IX": a year or a number after an event's name.
fn is_number(word: &str) -> bool {
    word.chars().all(|c| c.is_ascii_digit()) || (word.len() <= 4 && word.chars().all(|c| matches!(c, 'i' | 'v' | 'x')))
}

/// A capitalised word (lower-cased) at the front of a run that is no part of a name: a
/// determiner ("The World Cup") or, opening the sentence, a word running text writes in
/// lower case.
fn opens_without_naming(lower: &str, opens_sentence: bool) -> bool {
    crate::ner::is_determiner(lower) || (opens_sentence && (crate::ner::rarely_capitalised(lower) || crate::ner::is_lower_case_word(lower)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn events<'t>(text: &'t str, language: &str) -> Vec<&'t str> {
        named_events(text, &Words::new(text), language).into_iter().map(|s| &text[s.start..s.end]).collect()
    }

    #[test]
    fn opening_and_closing_heads_name_events() {
        assert_eq!(events("Indonesia lolos ke Piala Dunia 2026 setelah KTT APEC di Lima.", "id"), vec!["Piala Dunia 2026", "KTT APEC"]);
        assert_eq!(events("Jelang berakhirnya Perang Dunia II, ajang Sea Games 2023 digelar di Kamboja.", "id"), vec!["Perang Dunia II", "Sea Games 2023"]);
        assert_eq!(events("The World Cup and the Paris Olympics drew crowds after World War II.", "en"), vec!["World Cup", "Paris Olympics", "World War II"]);
        assert_eq!(events("Hurricane Katrina hit before the Battle of Britain anniversary.", "en"), vec!["Hurricane Katrina", "Battle of Britain"]);
    }

    #[test]
    fn a_name_alone_is_an_event_and_a_head_alone_is_not() {
        assert_eq!(events("Arus mudik Lebaran 2023 dan libur Natal padat.", "id"), vec!["Lebaran 2023", "Natal"]);
        // "Piala" needs a name after it, "Cup" one before it; lower case names nothing.
        assert!(events("Ia mengangkat Piala itu. Cup of tea, please. Piala dunia dibuka.", "id").is_empty());
        // A word that only opens the sentence is no part of the name.
        assert_eq!(events("Besides Christmas, Olympics fever grew.", "en"), vec!["Christmas", "Olympics"]);
        // A name that holds one names something else.
        assert!(events("They studied Easter Island.", "en").is_empty());
        // Owners, counts, headlines and labels in capitals are no part of a name.
        assert!(events("Trump said on ABC's This Week that 2,472 Republican National Convention delegates are free.", "en").iter().all(|e| *e == "Republican National Convention"));
        assert!(events("Howard Dean Tells Democratic Convention Guns Are a Crisis", "en").is_empty());
        assert!(events("STAT OF THE WEEK: $43 million.", "en").is_empty());
        assert_eq!(events("Libur Natal dan Tahun Baru 2024 dimulai.", "id"), vec!["Natal", "Tahun Baru 2024"]);
    }

    #[test]
    fn an_event_written_in_either_language_is_one_entity() {
        let id_of = |text: &str, language: &str| {
            let entities = crate::entities::canonical_entities(text, language, &named_events(text, &Words::new(text), language));
            entities.iter().find(|e| e.kind == EntityKind::Event).map(|e| e.id.clone())
        };
        let english = id_of("Europe has not seen such a war since World War II ended.", "en");
        assert_eq!(english.as_deref(), Some("event:world-war-ii"));
        assert_eq!(id_of("Eropa belum pernah melihat perang seperti ini sejak Perang Dunia Kedua usai.", "id"), english);
        // An event the data files do not list gets an id from its name.
        assert_eq!(id_of("Ia bertanding di Sea Games 2023 bulan lalu.", "id").as_deref(), Some("event:sea-games-2023"));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]
        #[test]
        fn never_panics_and_every_event_holds_a_head_word(s in "(\\PC|[.!?,'’\\n ]|Piala |Dunia |2018 |II |The |World |Cup |War |of |Battle |Natal |ABC's |STAT OF THE |KTT |Perang ){0,60}") {
            for language in ["id", "en", "xx"] {
                for e in named_events(&s, &Words::new(&s), language) {
                    proptest::prop_assert!(e.start < e.end && e.end <= s.len() && s.is_char_boundary(e.start) && s.is_char_boundary(e.end));
                    let heads = &all_heads().all;
                    proptest::prop_assert!(s[e.start..e.end].split_whitespace().any(|w| heads.words.contains(&w.to_lowercase())), "{:?}", &s[e.start..e.end]);
                }
            }
        }
    }

    #[test]
    fn organisations_named_like_events_are_left_to_the_recogniser() {
        // "Kongres AS" is Congress and "Konferensi Waligereja Indonesia" a church body.
        assert!(events("Kongres AS dan Konferensi Waligereja Indonesia menolak.", "id").is_empty());
    }
}
