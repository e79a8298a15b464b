//! `resources/<lang>/quantities.toml`, parsed once per language.

use std::collections::{BTreeMap, HashMap};

use crate::fasthash::{FastMap, WordShapes};
use std::sync::{Mutex, OnceLock};

use serde::Deserialize;
use warta_model::Bound;

use crate::time::phrases::Phrases;

#[derive(Default, Deserialize)]
#[serde(default)]
struct QuantityFile {
    decimal: String,
    thousands: String,
    numbers: BTreeMap<String, f64>,
    multipliers: BTreeMap<String, f64>,
    teens: BTreeMap<String, f64>,
    scales: BTreeMap<String, f64>,
    vague: BTreeMap<String, f64>,
    bounds: BTreeMap<String, Bound>,
    bounds_after: BTreeMap<String, Bound>,
    currency_before: BTreeMap<String, String>,
    units_before: BTreeMap<String, String>,
    currency_after: BTreeMap<String, String>,
    units: BTreeMap<String, String>,
    stop_words: Vec<String>,
    not_after: Vec<String>,
    verb_prefixes: Vec<String>,
    verb_suffixes: Vec<String>,
    plural_endings: Vec<String>,
    not_plural_endings: Vec<String>,
    plurals: Vec<String>,
    counted_max_words: Option<usize>,
    range_joining: Vec<String>,
    range_opening: Vec<String>,
    range_opening_joining: Vec<String>,
    range_not_after: Vec<String>,
    unit_range_dashes: Vec<String>,
    rate_words: Vec<String>,
}

/// What one language's number words mean inside a number phrase.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum NumberWord {
    /// "dua", "twenty", "seratus": adds its value.
    Value(f64),
    /// "puluh", "ratus", "hundred": multiplies the last value.
    Multiplier(f64),
    /// "belas": adds its value to the last value ("tiga belas").
    Teen(f64),
    /// "ribu", "juta", "million": closes a group.
    Scale(f64),
}

pub(crate) struct QuantityLexicon {
    pub decimal: char,
    pub thousands: char,
    pub words: FastMap<String, NumberWord>,
    word_shapes: WordShapes,
    pub scales: Phrases<f64>,
    pub vague: Phrases<f64>,
    pub bounds: Phrases<Bound>,
    pub bounds_after: Phrases<Bound>,
    pub currency_before: Phrases<String>,
    /// Units written before the number ("magnitudo 5,6", "magnitude 5.6").
    pub units_before: Phrases<String>,
    pub currency_after: Phrases<String>,
    pub units: Phrases<String>,
    pub stop_words: Vec<String>,
    pub not_after: Vec<String>,
    pub verb_prefixes: Vec<String>,
    pub verb_suffixes: Vec<String>,
    /// A counted word that is a plural noun ends the phrase: English puts the noun last
    /// ("40 counties qualify", "12 people remain"). Plural by an ending of
    /// `plural_endings` but none of `not_plural_endings` ("counties", not "bonus"), or a
    /// word of `plurals` ("people").
    pub plural_endings: Vec<String>,
    pub not_plural_endings: Vec<String>,
    pub plurals: Vec<String>,
    pub counted_max_words: usize,
    /// Words between the two numbers of a range ("30 hingga 40"); after a word of
    /// `range_opening` ("antara 30 dan 40"), those of `range_opening_joining` too.
    pub range_joining: Vec<String>,
    pub range_opening: Vec<String>,
    pub range_opening_joining: Vec<String>,
    /// Words before the first number that make the two a change, not a range ("from 30
    /// to 40").
    pub range_not_after: Vec<String>,
    /// Dashes that join two amounts each written with its unit into a range
    /// ("5,25%-5,50%").
    pub unit_range_dashes: Vec<String>,
    /// Words between a price and the unit or currency it is paid for ("Rp 15.000 per
    /// kilogram", "$80 a barrel").
    pub rate_words: Phrases<()>,
}

impl QuantityLexicon {
    /// See [`QuantityLexicon::plural_endings`].
    pub fn is_plural(&self, lower: &str) -> bool {
        self.plurals.iter().any(|p| p == lower)
            || (self.plural_endings.iter().any(|e| lower.len() > e.len() + 2 && lower.ends_with(e.as_str()))
                && !self.not_plural_endings.iter().any(|e| lower.ends_with(e.as_str())))
    }

    fn parse(code: &str, text: &str) -> Result<Self, String> {
        let f: QuantityFile =
            toml::from_str(text).map_err(|e| format!("resources/{code}/quantities.toml: {e}"))?;
        let mut words = FastMap::default();
        for (w, v) in &f.numbers {
            words.insert(w.to_lowercase(), NumberWord::Value(*v));
        }
        for (w, v) in &f.multipliers {
            words.insert(w.to_lowercase(), NumberWord::Multiplier(*v));
        }
        for (w, v) in &f.teens {
            words.insert(w.to_lowercase(), NumberWord::Teen(*v));
        }
        for (w, v) in &f.scales {
            // Short scale abbreviations ("m", "bn") only follow digits.
            if w.chars().count() > 3 {
                words.insert(w.to_lowercase(), NumberWord::Scale(*v));
            }
        }
        let ch = |s: &str, d: char| s.chars().next().unwrap_or(d);
        let mut word_shapes = WordShapes::default();
        for w in words.keys() {
            word_shapes.add(w);
        }
        Ok(QuantityLexicon {
            decimal: ch(&f.decimal, '.'),
            thousands: ch(&f.thousands, ','),
            words,
            word_shapes,
            scales: Phrases::new(f.scales),
            vague: Phrases::new(f.vague),
            bounds: Phrases::new(f.bounds),
            bounds_after: Phrases::new(f.bounds_after),
            currency_before: Phrases::new(f.currency_before),
            units_before: Phrases::new(f.units_before),
            currency_after: Phrases::new(f.currency_after),
            units: Phrases::new(f.units),
            stop_words: f.stop_words.iter().map(|w| w.to_lowercase()).collect(),
            not_after: f.not_after.iter().map(|w| w.to_lowercase()).collect(),
            verb_prefixes: f.verb_prefixes.iter().map(|w| w.to_lowercase()).collect(),
            verb_suffixes: f.verb_suffixes.iter().map(|w| w.to_lowercase()).collect(),
            plural_endings: f.plural_endings.iter().map(|w| w.to_lowercase()).collect(),
            not_plural_endings: f.not_plural_endings.iter().map(|w| w.to_lowercase()).collect(),
            plurals: f.plurals.iter().map(|w| w.to_lowercase()).collect(),
            counted_max_words: f.counted_max_words.unwrap_or(2),
            range_joining: f.range_joining.iter().map(|w| w.to_lowercase()).collect(),
            range_opening: f.range_opening.iter().map(|w| w.to_lowercase()).collect(),
            range_opening_joining: f.range_opening_joining.iter().map(|w| w.to_lowercase()).collect(),
            range_not_after: f.range_not_after.iter().map(|w| w.to_lowercase()).collect(),
            unit_range_dashes: f.unit_range_dashes.into_iter().filter(|d| !d.is_empty()).collect(),
            rate_words: Phrases::words(&f.rate_words),
        })
    }

    /// Reads digits as this language writes them, deciding between decimal and
    /// thousands separators by the language and by the shape: "11.000" is 11000 in
    /// Indonesian, "1.5" is 1.5 in either, "1.250.000,50" has both.
    /// Is `lower` (a lower-cased word) a number word? Asked for most tokens of a text.
    pub(crate) fn is_number_word(&self, lower: &str) -> bool {
        self.word_shapes.may_hold(lower) && self.words.contains_key(lower)
    }

    pub(crate) fn read_digits(&self, s: &str) -> Option<f64> {
        if s.is_empty() || !s.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ',') {
            return None;
        }
        if !s.starts_with(|c: char| c.is_ascii_digit()) || !s.ends_with(|c: char| c.is_ascii_digit()) {
            return None;
        }
        let dots = s.matches('.').count();
        let commas = s.matches(',').count();
        let (decimal, thousands) = match (dots, commas) {
            (0, 0) => (None, None),
            (_, 0) | (0, _) => {
                let sep = if dots > 0 { '.' } else { ',' };
                let groups: Vec<&str> = s.split(sep).collect();
                let grouped = groups[1..].iter().all(|g| g.len() == 3) && groups[0].len() <= 3;
                if groups.len() > 2 {
                    if !grouped {
                        return None;
                    }
                    (None, Some(sep))
                } else if grouped && sep == self.thousands {
                    (None, Some(sep))
                } else if grouped && groups[0] == "0" {
                    (Some(sep), None)
                } else if grouped && sep != self.decimal {
                    (None, Some(sep))
                } else {
                    (Some(sep), None)
                }
            }
            _ => {
                let last = if s.rfind('.') > s.rfind(',') { '.' } else { ',' };
                let other = if last == '.' { ',' } else { '.' };
                if s.matches(last).count() > 1 {
                    return None;
                }
                (Some(last), Some(other))
            }
        };
        let mut plain = String::with_capacity(s.len());
        for c in s.chars() {
            if Some(c) == thousands {
                continue;
            } else if Some(c) == decimal {
                plain.push('.');
            } else {
                plain.push(c);
            }
        }
        plain.parse().ok()
    }

    /// The value of a run of number words ("dua ratus tiga puluh lima ribu"), or None
    /// when the words do not make a number.
    pub(crate) fn read_words(&self, words: &[&str]) -> Option<f64> {
        let mut total = 0.0;
        let mut current = 0.0;
        let mut last = 0.0;
        let mut seen_value = false;
        for w in words {
            match self.words.get(&w.to_lowercase())? {
                NumberWord::Value(v) => {
                    current += v;
                    last = *v;
                    seen_value = true;
                }
                NumberWord::Multiplier(m) => {
                    if !seen_value {
                        return None;
                    }
                    current += last * (m - 1.0);
                    last *= m;
                }
                NumberWord::Teen(t) => {
                    if !seen_value {
                        return None;
                    }
                    current += t;
                    last += t;
                }
                NumberWord::Scale(s) => {
                    if !seen_value && total == 0.0 {
                        return None;
                    }
                    total += if current == 0.0 { 1.0 } else { current } * s;
                    current = 0.0;
                    last = 0.0;
                }
            }
        }
        seen_value.then_some(total + current)
    }
}

/// The quantity words of `language` (falling back to Indonesian).
pub(crate) fn lexicon(language: &str) -> &'static QuantityLexicon {
    static CACHE: OnceLock<Mutex<HashMap<String, &'static QuantityLexicon>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    let mut map = cache.lock().unwrap_or_else(|e| e.into_inner());
    // Asked once per article: a known code needs no look into the resource files.
    if let Some(l) = map.get(language) {
        return l;
    }
    // Languages without a quantities.toml use Indonesian words; cache by the file used
    // so arbitrary codes cannot grow the cache.
    let code = if warta_lang::resource_file(language, "quantities.toml").is_some() { language } else { "id" };
    if let Some(l) = map.get(code) {
        return l;
    }
    let lexicon = match warta_lang::resource_file(code, "quantities.toml") {
        Some(text) => QuantityLexicon::parse(code, text).unwrap_or_else(|e| panic!("bad resource file: {e}")),
        None => QuantityLexicon::parse(code, "").unwrap_or_else(|e| panic!("empty quantities: {e}")),
    };
    let leaked: &'static QuantityLexicon = Box::leak(Box::new(lexicon));
    map.insert(code.to_string(), leaked);
    leaked
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_follow_the_language_and_the_shape() {
        let id = lexicon("id");
        let en = lexicon("en");
        assert_eq!(id.read_digits("11.000"), Some(11000.0));
        assert_eq!(id.read_digits("1,25"), Some(1.25));
        assert_eq!(id.read_digits("1.250.000,5"), Some(1250000.5));
        assert_eq!(id.read_digits("1.5"), Some(1.5));
        assert_eq!(en.read_digits("1.25"), Some(1.25));
        assert_eq!(en.read_digits("11,000"), Some(11000.0));
        assert_eq!(en.read_digits("1,250,000.5"), Some(1250000.5));
        assert_eq!(en.read_digits("1.250"), Some(1.25));
        assert_eq!(id.read_digits("1.2.3"), None);
    }

    #[test]
    fn number_words_compose() {
        let id = lexicon("id");
        assert_eq!(id.read_words(&["tiga", "belas"]), Some(13.0));
        assert_eq!(id.read_words(&["dua", "belas"]), Some(12.0));
        assert_eq!(id.read_words(&["dua", "ratus", "tiga", "puluh", "lima", "ribu"]), Some(235000.0));
        assert_eq!(id.read_words(&["seribu", "lima", "ratus"]), Some(1500.0));
        assert_eq!(id.read_words(&["sembilan"]), Some(9.0));
        assert_eq!(id.read_words(&["puluh"]), None);
        let en = lexicon("en");
        assert_eq!(en.read_words(&["twelve"]), Some(12.0));
        assert_eq!(en.read_words(&["one", "hundred", "twenty"]), Some(120.0));
        assert_eq!(en.read_words(&["two", "million"]), Some(2e6));
    }
}
