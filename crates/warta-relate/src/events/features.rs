//! What event clustering reads from one article: stemmed content words (with the
//! bilingual term list applied), canonical entities, the days the article talks about,
//! and the numbers it reports.
//!
//! Strings are interned to small integers once, so events keep compact sorted vectors
//! and compare them by merging — no hashing of strings per comparison, and sums are
//! always done in the same order, which keeps scores bit-for-bit reproducible.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Deserialize;
use warta_model::{Analysis, Article, EntityKind};

use crate::lexicon::lexicon;
use crate::text::hash_bytes;

const BILINGUAL: &str = include_str!("../../../../resources/common/bilingual.toml");

/// Title words count this many times: a headline names the event in few words.
const TITLE_WEIGHT: f32 = 3.0;
/// Shorter words are mostly particles and abbreviations that say nothing of the event.
const MIN_WORD_CHARS: usize = 3;
/// Numbers at or below this are too common ("two ministers", "1 of 3") to be evidence.
const MIN_NUMBER: f64 = 2.0;
/// Dates an article mentions within this many days before its publication are taken to
/// be what it reports; older dates are background ("the fire in March").
const RECENT_DAYS: i32 = 10;
/// Articles announce what is about to happen ("Putin will arrive on Wednesday"): dates up
/// to this many days after publication still count as the article's event.
const AHEAD_DAYS: i32 = 3;

/// Strings mapped to dense ids in first-seen order (deterministic for a given input
/// order), with the kind of entity when the strings are entity ids.
#[derive(Debug, Default)]
pub(crate) struct Vocab {
    ids: HashMap<Box<str>, u32>,
    pub names: Vec<Box<str>>,
    /// Documents containing each id (document frequency), for IDF weights.
    pub df: Vec<u32>,
    pub kinds: Vec<EntityKind>,
}

impl Vocab {
    pub fn intern(&mut self, s: &str, kind: EntityKind) -> u32 {
        if let Some(&id) = self.ids.get(s) {
            return id;
        }
        let id = self.names.len() as u32;
        self.ids.insert(s.into(), id);
        self.names.push(s.into());
        self.df.push(0);
        self.kinds.push(kind);
        id
    }

    pub fn name(&self, id: u32) -> &str {
        self.names.get(id as usize).map_or("", |s| s)
    }

    pub fn kind(&self, id: u32) -> EntityKind {
        self.kinds.get(id as usize).copied().unwrap_or(EntityKind::Other)
    }

    /// Smoothed inverse document frequency over `docs` documents: rare words and names
    /// weigh more, words in every article weigh almost nothing.
    pub fn idf(&self, id: u32, docs: u32) -> f32 {
        let df = self.df.get(id as usize).copied().unwrap_or(0) as f32;
        ((1.0 + docs as f32) / (1.0 + df)).ln() + 1.0
    }

    pub fn len(&self) -> usize {
        self.names.len()
    }
}

/// The vocabularies of the three kinds of features counted over a corpus.
#[derive(Debug, Default)]
pub(crate) struct Vocabs {
    pub terms: Vocab,
    pub entities: Vocab,
    pub names: Vocab,
}

/// One article reduced to what clustering compares.
#[derive(Clone, Debug, Default)]
pub(crate) struct Features {
    /// (term id, weighted count), sorted by id.
    pub terms: Vec<(u32, f32)>,
    /// (entity id, mention count), sorted by id.
    pub entities: Vec<(u32, f32)>,
    /// Distinct days mentioned (days since 1970-01-01), sorted.
    pub days: Vec<i32>,
    /// The day the article's event happened, as best the text and publication tell.
    pub day: Option<i32>,
    /// Whether `day` is anchored on the publication date rather than guessed from the
    /// dates the text mentions.
    pub day_published: bool,
    /// (name id, count), sorted by id: capitalised words inside sentences, the names
    /// the text writes whether or not the recogniser found them — they tell two events
    /// of one kind apart (the same champion, a different challenger).
    pub names: Vec<(u32, f32)>,
    /// Distinct years the article's times fall in, sorted.
    pub years: Vec<i32>,
    /// Distinct reported numbers (`f64::to_bits`), sorted.
    pub numbers: Vec<u64>,
    pub language: Option<String>,
}

/// The word → concept map of `resources/common/bilingual.toml`, keyed by stem.
fn concepts() -> &'static HashMap<Vec<u8>, String> {
    #[derive(Deserialize)]
    struct File {
        terms: Vec<HashMap<String, Vec<String>>>,
    }
    static MAP: OnceLock<HashMap<Vec<u8>, String>> = OnceLock::new();
    MAP.get_or_init(|| {
        // The file ships inside the crate; the events tests parse it, so a broken edit
        // fails the build's tests rather than a user's run. Should it still be broken,
        // clustering goes on without cross-lingual terms instead of stopping.
        let file: File = toml::from_str(BILINGUAL).unwrap_or(File { terms: Vec::new() });
        let mut map = HashMap::new();
        for concept in &file.terms {
            let Some(head) = concept.get("en").and_then(|words| words.first()) else {
                continue;
            };
            let key = format!("≈{head}");
            let mut langs: Vec<&String> = concept.keys().collect();
            langs.sort();
            for lang in langs {
                for word in concept.get(lang).into_iter().flatten() {
                    let lower = word.to_lowercase();
                    map.insert(lexicon().stem_bytes(lower.as_bytes()).to_vec(), key.clone());
                }
            }
        }
        map
    })
}

/// The cross-lingual concept a word names, when `resources/common/bilingual.toml`
/// lists it: "kebakaran" and "fire" both give `≈fire`. For comparing text in two
/// languages word by word, as clustering does; `word` is one word in any case.
pub fn concept(word: &str) -> Option<&'static str> {
    let lower = word.to_lowercase();
    concepts().get(lexicon().stem_bytes(lower.as_bytes())).map(String::as_str)
}

/// Adds every content word of `text` to `counts`, weighted by `weight`.
fn count_words(text: &str, weight: f32, vocab: &mut Vocab, counts: &mut HashMap<u32, f32>) {
    let lex = lexicon();
    let mut lower = String::new();
    for word in text.split(|c: char| !c.is_alphanumeric()) {
        if word.chars().count() < MIN_WORD_CHARS || word.chars().all(|c| c.is_numeric()) {
            continue;
        }
        lower.clear();
        lower.extend(word.chars().flat_map(char::to_lowercase));
        if lex.is_stopword(hash_bytes(lower.as_bytes())) {
            continue;
        }
        let stem = lex.stem_bytes(lower.as_bytes());
        let id = match concepts().get(stem) {
            Some(concept) => vocab.intern(concept, EntityKind::Other),
            None => vocab.intern(&String::from_utf8_lossy(stem), EntityKind::Other),
        };
        *counts.entry(id).or_insert(0.0) += weight;
    }
}

/// Adds every capitalised word of `text` that does not start a sentence to `counts`:
/// such words are names in Indonesian and English alike.
fn count_names(text: &str, vocab: &mut Vocab, counts: &mut HashMap<u32, f32>) {
    let lex = lexicon();
    let mut lower = String::new();
    let mut sentence_start = true;
    let mut rest = text;
    while let Some(at) = rest.find(|c: char| c.is_alphanumeric()) {
        let before = &rest[..at];
        if before.contains(['.', '!', '?', '"', '“', '”', '\n', ':']) {
            sentence_start = true;
        }
        let len = rest[at..].find(|c: char| !c.is_alphanumeric()).unwrap_or(rest.len() - at);
        let word = &rest[at..at + len];
        rest = &rest[at + len..];
        let capitalised = word.chars().next().is_some_and(char::is_uppercase);
        let counted = capitalised && !sentence_start && word.chars().count() >= MIN_WORD_CHARS;
        sentence_start = false;
        if !counted {
            continue;
        }
        lower.clear();
        lower.extend(word.chars().flat_map(char::to_lowercase));
        if lex.is_stopword(hash_bytes(lower.as_bytes())) {
            continue;
        }
        let id = vocab.intern(&lower, EntityKind::Other);
        *counts.entry(id).or_insert(0.0) += 1.0;
    }
}

/// A count dampened to `1 + ln(count)`: the tenth "fire" in a report on a fire says
/// little more than the second, while a word the other article also uses once is
/// still evidence. Raw counts let a few repeated words decide the cosine.
fn sublinear(count: f32) -> f32 {
    1.0 + count.ln()
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
pub(crate) fn days_from_civil(y: i32, m: u32, d: u32) -> i32 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m as i32 + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d as i32 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// `YYYY-MM-DD` of a day number from [`days_from_civil`].
pub(crate) fn civil_from_days(z: i32) -> String {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i32::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

/// The day of a TimeML value that names one ("2024-06-19", "2024-06-19T06:19+07:00",
/// the start of a range "2024-06-19/2024-06-21"); months, weeks, durations and vague
/// references name no single day and are skipped.
pub(crate) fn day_of_value(value: &str) -> Option<i32> {
    let date = value.split('/').next()?.get(..10)?;
    let b = date.as_bytes();
    if b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let y: i32 = date.get(..4)?.parse().ok()?;
    let m: u32 = date.get(5..7)?.parse().ok()?;
    let d: u32 = date.get(8..10)?.parse().ok()?;
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then(|| days_from_civil(y, m, d))
}

/// The most frequent of `days` (restricted to `range` when given); ties go to the
/// latest when anchored on publication (the freshest development is the news), to the
/// first mentioned otherwise (a dateline comes first).
fn main_day(mentioned: &[i32], range: Option<(i32, i32)>) -> Option<i32> {
    let mut best: Option<(usize, i32)> = None;
    for (i, &day) in mentioned.iter().enumerate() {
        let outside = range.is_some_and(|(lo, hi)| day < lo || day > hi);
        // Each day is weighed once, at its first mention.
        if outside || mentioned[..i].contains(&day) {
            continue;
        }
        let count = mentioned.iter().filter(|&&d| d == day).count();
        let better = match best {
            None => true,
            Some((c, d)) => count > c || (count == c && range.is_some() && day > d),
        };
        if better {
            best = Some((count, day));
        }
    }
    best.map(|(_, day)| day)
}

/// The local calendar day an article was published, as a day number.
pub(crate) fn published_day(article: &Article) -> Option<i32> {
    let date = article.published?.local().date();
    Some(days_from_civil(i32::from(date.year()), date.month() as u32, date.day() as u32))
}

/// Reads `article` and its `analysis` into [`Features`], interning words into `terms`
/// and entity ids into `entities`, and counting their document frequency unless
/// `count_df` is false (when the frequencies were taken from the whole batch first).
pub(crate) fn extract(article: &Article, analysis: &Analysis, vocabs: &mut Vocabs, count_df: bool) -> Features {
    let Vocabs { terms, entities, names } = vocabs;
    let mut counts: HashMap<u32, f32> = HashMap::new();
    if let Some(title) = &article.title {
        count_words(title, TITLE_WEIGHT, terms, &mut counts);
    }
    count_words(&article.text, 1.0, terms, &mut counts);
    let mut term_vec: Vec<(u32, f32)> = counts.into_iter().map(|(id, c)| (id, sublinear(c))).collect();
    term_vec.sort_by_key(|&(id, _)| id);
    for &(id, _) in term_vec.iter().filter(|_| count_df) {
        if let Some(df) = terms.df.get_mut(id as usize) {
            *df += 1;
        }
    }

    let mut name_counts: HashMap<u32, f32> = HashMap::new();
    count_names(&article.text, names, &mut name_counts);
    let mut name_vec: Vec<(u32, f32)> = name_counts.into_iter().map(|(id, c)| (id, sublinear(c))).collect();
    name_vec.sort_by_key(|&(id, _)| id);
    for &(id, _) in name_vec.iter().filter(|_| count_df) {
        if let Some(df) = names.df.get_mut(id as usize) {
            *df += 1;
        }
    }

    let mut ents: HashMap<u32, f32> = HashMap::new();
    for e in &analysis.entities {
        let id = entities.intern(&e.id, e.kind);
        *ents.entry(id).or_insert(0.0) += e.mentions.len().max(1) as f32;
    }
    let mut entity_vec: Vec<(u32, f32)> = ents.into_iter().collect();
    entity_vec.sort_by_key(|&(id, _)| id);
    for &(id, _) in entity_vec.iter().filter(|_| count_df) {
        if let Some(df) = entities.df.get_mut(id as usize) {
            *df += 1;
        }
    }

    let mentioned: Vec<i32> = analysis.times.iter().filter_map(|t| day_of_value(&t.value)).collect();
    let day = match published_day(article) {
        Some(p) => main_day(&mentioned, Some((p - RECENT_DAYS, p + AHEAD_DAYS))).or(Some(p)),
        None => main_day(&mentioned, None),
    };
    let mut years: Vec<i32> = analysis
        .times
        .iter()
        .filter_map(|t| t.value.get(..4)?.parse::<i32>().ok())
        .filter(|y| (1900..=2100).contains(y))
        .collect();
    years.sort_unstable();
    years.dedup();
    let mut days = mentioned;
    days.sort_unstable();
    days.dedup();

    let mut numbers: Vec<u64> = analysis
        .quantities
        .iter()
        .filter(|q| q.value.is_finite() && q.value > MIN_NUMBER && q.unit.as_deref() != Some("year"))
        .filter(|q| !(q.unit.is_none() && q.value.fract() == 0.0 && (1900.0..=2100.0).contains(&q.value)))
        .map(|q| q.value.to_bits())
        .collect();
    numbers.sort_unstable();
    numbers.dedup();

    Features {
        terms: term_vec,
        entities: entity_vec,
        days,
        day,
        day_published: published_day(article).is_some(),
        names: name_vec,
        years,
        numbers,
        language: article.language.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers_round_trip() {
        for (y, m, d) in [(1970, 1, 1), (2024, 2, 29), (2025, 3, 3), (1999, 12, 31), (2100, 3, 1)] {
            let n = days_from_civil(y, m, d);
            assert_eq!(civil_from_days(n), format!("{y:04}-{m:02}-{d:02}"));
        }
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2025, 9, 11) - days_from_civil(2025, 3, 3), 192);
    }

    #[test]
    fn only_values_naming_a_day_are_days() {
        assert!(day_of_value("2024-06-19").is_some());
        assert_eq!(day_of_value("2024-06-19T06:19+07:00"), day_of_value("2024-06-19"));
        assert_eq!(day_of_value("2024-06-19/2024-06-21"), day_of_value("2024-06-19"));
        for v in ["2024-06", "2024-W25", "P24Y", "PAST_REF", "", "2024-13-01", "2024-06-1é"] {
            assert_eq!(day_of_value(v), None, "{v}");
        }
    }

    #[test]
    fn the_main_day_is_the_most_mentioned() {
        assert_eq!(main_day(&[5, 9, 9, 5, 7], None), Some(5));
        assert_eq!(main_day(&[5, 9, 9], None), Some(9));
        assert_eq!(main_day(&[5, 9, 1], Some((4, 10))), Some(9));
        assert_eq!(main_day(&[], None), None);
    }

    #[test]
    fn bilingual_terms_meet() {
        assert!(concepts().len() > 50, "resources/common/bilingual.toml must parse");
        assert!(concept("Kebakaran").is_some() && concept("kebakaran") == concept("fire"));
        assert_eq!(concept("Lembayung"), None);
        let mut terms = Vocab::default();
        let mut a = HashMap::new();
        let mut b = HashMap::new();
        count_words("kebakaran kapal penumpang", 1.0, &mut terms, &mut a);
        count_words("ferry fire passengers", 1.0, &mut terms, &mut b);
        let mut ka: Vec<u32> = a.keys().copied().collect();
        let mut kb: Vec<u32> = b.keys().copied().collect();
        ka.sort();
        kb.sort();
        assert_eq!(ka, kb);
    }
}
