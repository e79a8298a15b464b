//! Features of a token in its sentence, hashed to `u32` keys.
//!
//! Every feature is a template id plus a string, hashed (see [`Key`]) so the keys are the
//! same on every machine and run. Case features (raw word, shape, capitalisation
//! pattern) are only emitted for cased sentences: NERP is lower-cased, and a sentence
//! without any capital letter says nothing through its case.

use std::sync::OnceLock;

use super::clusters::Clusters;
use super::names::Names;
use crate::fasthash::{FastMap, FastSet};

/// Hash of `(template, text)`.
pub fn key(template: u8, text: &str) -> u32 {
    Key::new(template).str(text).finish()
}

/// [`key`] built piece by piece, so features made of several parts ("word|next", a
/// shape, a number) are hashed without building their string first. Bytes are taken
/// eight at a time (FxHash's rotate-xor-multiply per word, a murmur finaliser at the
/// end): the same keys on every machine, and few steps per feature.
#[derive(Clone, Copy)]
struct Key {
    state: u64,
    /// Bytes not yet mixed in, little-endian, and how many.
    pending: u64,
    filled: u32,
}

impl Key {
    fn new(template: u8) -> Key {
        Key { state: 0x9e37_79b9_7f4a_7c15, pending: 0, filled: 0 }.byte(template)
    }
    fn mix(state: u64, word: u64) -> u64 {
        (state.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95)
    }
    fn byte(mut self, b: u8) -> Key {
        self.pending |= u64::from(b) << (8 * self.filled);
        self.filled += 1;
        if self.filled == 8 {
            self.state = Key::mix(self.state, self.pending);
            self.pending = 0;
            self.filled = 0;
        }
        self
    }
    fn str(mut self, text: &str) -> Key {
        let mut bytes = text.as_bytes();
        while self.filled != 0 {
            let Some((&b, rest)) = bytes.split_first() else { return self };
            self = self.byte(b);
            bytes = rest;
        }
        while let Some((chunk, rest)) = bytes.split_first_chunk::<8>() {
            self.state = Key::mix(self.state, u64::from_le_bytes(*chunk));
            bytes = rest;
        }
        bytes.iter().fold(self, |k, &b| k.byte(b))
    }
    fn char(self, c: char) -> Key {
        self.str(c.encode_utf8(&mut [0; 4]))
    }
    /// A number as its decimal digits.
    fn number(self, n: usize) -> Key {
        if n >= 10 {
            self.number(n / 10).byte(b'0' + (n % 10) as u8)
        } else {
            self.byte(b'0' + n as u8)
        }
    }
    fn finish(self) -> u32 {
        // The pending bytes and their count, so "a" and "a\0" differ.
        let mut h = Key::mix(self.state, self.pending ^ (u64::from(self.filled) << 59));
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        (h ^ (h >> 32)) as u32
    }
}

/// The key of a feature conjoined with a data-set indicator (domain > 0).
pub fn with_domain(key: u32, domain: u8) -> u32 {
    let mut h = (key as u64) ^ ((domain as u64) << 40) ^ 0x9e37_79b9_7f4a_7c15;
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    (h ^ (h >> 32)) as u32
}

const GAZ_TITLES: [&str; 2] = [
    include_str!("../../../../resources/id/gazetteer-titles.txt"),
    include_str!("../../../../resources/en/gazetteer-titles.txt"),
];
const GAZ_CUES: [&str; 2] = [
    include_str!("../../../../resources/id/gazetteer-cues.txt"),
    include_str!("../../../../resources/en/gazetteer-cues.txt"),
];
const GAZ_PLACES: [&str; 2] = [
    include_str!("../../../../resources/id/gazetteer-places.txt"),
    include_str!("../../../../resources/en/gazetteer-places.txt"),
];
const GAZ_CONTEXT: &str = include_str!("../../../../resources/en/gazetteer-context.txt");
const GAZ_DETERMINERS: &str = include_str!("../../../../resources/en/gazetteer-determiners.txt");
const GAZ_DEMONYMS: &str = include_str!("../../../../resources/en/gazetteer-demonyms.txt");
const GAZ_NAME_CONNECTORS: &str = include_str!("../../../../resources/en/gazetteer-name-connectors.txt");
const GAZ_CONNECTIVES: [&str; 2] = [
    include_str!("../../../../resources/id/gazetteer-connectives.txt"),
    include_str!("../../../../resources/en/gazetteer-connectives.txt"),
];
const GAZ_POSSESSIVES: &str = include_str!("../../../../resources/en/gazetteer-possessives.txt");
const COMBINING_FORMS: &str = include_str!("../../../../resources/common/combining-forms.txt");
/// Word clusters learned from unlabelled Indonesian and English text together (`warta
/// train clusters`): one set of classes, so a name shared by both ("Jakarta", "Obama")
/// is one word.
pub const CLUSTERS: &str = include_str!("../../../../resources/common/word-clusters.tsv");
/// Classes of the same words' context vectors (±5 words; `warta train clusters`), which
/// group words by the company they keep a few words off, not only next door.
pub const VECTOR_CLASSES: &str = include_str!("../../../../resources/common/word-vector-classes.tsv");
/// How often running text writes each word in lower case and with a capital (`warta
/// train case`).
pub const CAPITALISATION: &str = include_str!("../../../../resources/common/word-capitalisation.tsv");
/// Head words of named events (`resources/<lang>/events.toml`): a word that opens
/// ("piala", "festival"), closes ("cup") or is ("lebaran") an event's name.
const EVENT_HEADS: [&str; 2] = [
    include_str!("../../../../resources/id/events.toml"),
    include_str!("../../../../resources/en/events.toml"),
];
/// Food and drink ("nasi goreng", "kopi"): the products NERP marks.
const GAZ_FOODS: [&str; 1] = [include_str!("../../../../resources/id/gazetteer-foods.txt")];
const GAZ_ORGS: [&str; 2] = [
    include_str!("../../../../resources/id/gazetteer-organizations.txt"),
    include_str!("../../../../resources/en/gazetteer-organizations.txt"),
];

struct Gazetteers {
    /// Single lower-cased words: titles and speech cues.
    titles: FastSet<String>,
    cues: FastSet<String>,
    /// Multi-word names by their first word: (all words, category).
    names: FastMap<String, Vec<(Vec<String>, &'static str)>>,
    /// English context words and their Indonesian counterparts.
    context: FastMap<String, String>,
    clusters: Clusters,
    vector_classes: Clusters,
    /// Per word, its capitalisation bucket and how often it was seen (see `capitalisation`).
    capitalisation: FastMap<String, (u8, u8)>,
    /// Words trimmed from the front of a recognised name, and adjectives that are no name
    /// alone (lower-cased, words joined by one space).
    determiners: FastSet<String>,
    demonyms: FastSet<String>,
    /// Words that tie a sentence to the one before ("Furthermore", "Namun"), never a name
    /// alone.
    connectives: FastSet<String>,
    /// Endings that make a name an owner ("’s"), split off before tagging.
    possessives: Vec<String>,
    /// Lower-case words a name may hold ("of").
    name_connectors: FastSet<String>,
    /// Parts of hyphenated names that are no name alone ("indo" of "Indo-Pasifik").
    combining_forms: FastSet<String>,
}

/// The entries of a word-list file: trimmed, lower-cased, without blank and `#` lines.
pub(super) fn lines(text: &str) -> impl Iterator<Item = String> + '_ {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_lowercase)
}

fn gazetteers() -> &'static Gazetteers {
    static G: OnceLock<Gazetteers> = OnceLock::new();
    G.get_or_init(|| {
        let mut names: FastMap<String, Vec<(Vec<String>, &'static str)>> = FastMap::default();
        for (files, category) in [(&GAZ_PLACES[..], "place"), (&GAZ_ORGS[..], "org"), (&GAZ_FOODS[..], "food")] {
            for line in files.iter().flat_map(|f| lines(f)) {
                let words: Vec<String> = line.split_whitespace().map(str::to_string).collect();
                names.entry(words[0].clone()).or_default().push((words, category));
            }
        }
        for text in EVENT_HEADS {
            let heads = crate::named_events::parse_heads(text).expect("events.toml is checked by named_events' tests");
            for (phrases, category) in [(heads.opening, "event-opening"), (heads.closing, "event-closing"), (heads.alone, "event")] {
                for phrase in phrases {
                    let words: Vec<String> = phrase.split_whitespace().map(str::to_lowercase).collect();
                    if let Some(first) = words.first() {
                        names.entry(first.clone()).or_default().push((words, category));
                    }
                }
            }
        }
        for list in names.values_mut() {
            list.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
            list.dedup();
        }
        Gazetteers {
            titles: GAZ_TITLES.iter().flat_map(|f| lines(f)).collect(),
            cues: GAZ_CUES.iter().flat_map(|f| lines(f)).collect(),
            names,
            context: lines(GAZ_CONTEXT)
                .filter_map(|l| l.split_once(char::is_whitespace).map(|(a, b)| (a.to_string(), b.trim().to_string())))
                .collect(),
            clusters: Clusters::parse(CLUSTERS),
            vector_classes: Clusters::parse(VECTOR_CLASSES),
            capitalisation: capitalisation(CAPITALISATION),
            determiners: lines(GAZ_DETERMINERS).collect(),
            demonyms: lines(GAZ_DEMONYMS).map(|l| l.split_whitespace().collect::<Vec<_>>().join(" ")).collect(),
            connectives: GAZ_CONNECTIVES.iter().flat_map(|f| lines(f)).map(|l| l.split_whitespace().collect::<Vec<_>>().join(" ")).collect(),
            possessives: lines(GAZ_POSSESSIVES).collect(),
            name_connectors: lines(GAZ_NAME_CONNECTORS).collect(),
            combining_forms: lines(COMBINING_FORMS).collect(),
        }
    })
}

/// Each word's share of capitalised uses as a bucket (0 never, 1 under a tenth, 2 under
/// half, 3 under nine tenths, 4 nearly always, 5 always) and how often it was seen (0 under
/// five times, 1 under twenty, 2 more). In lower-cased text (NERP) this is the only word
/// of what a capital would have said, and in cased text it tells a sentence's first
/// word, which always has one, from a name.
fn capitalisation(text: &str) -> FastMap<String, (u8, u8)> {
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let mut parts = l.split('\t');
            let word = parts.next()?;
            let lower: u32 = parts.next()?.parse().ok()?;
            let capitalised: u32 = parts.next()?.parse().ok()?;
            let total = lower + capitalised;
            let share = f64::from(capitalised) / f64::from(total.max(1));
            let bucket = match () {
                _ if capitalised == 0 => 0,
                _ if lower == 0 => 5,
                _ if share < 0.1 => 1,
                _ if share < 0.5 => 2,
                _ if share < 0.9 => 3,
                _ => 4,
            };
            let seen = match total {
                0..5 => 0,
                5..20 => 1,
                _ => 2,
            };
            Some((word.to_string(), (bucket, seen)))
        })
        .collect()
}

/// Word shape: X for upper, x for lower, d for digit, other characters as they are;
/// runs collapsed ("Jens" → "Xx", "19/6/2024" → "d/d/d"). Without case all letters are x.
fn shape(word: &str, cased: bool) -> impl Iterator<Item = char> + '_ {
    let mut last = '\0';
    word.chars()
        .map(move |c| {
            if c.is_ascii() {
                // Most characters: no Unicode tables.
                if c.is_ascii_digit() {
                    'd'
                } else if c.is_ascii_alphabetic() {
                    if cased && c.is_ascii_uppercase() {
                        'X'
                    } else {
                        'x'
                    }
                } else {
                    c
                }
            } else if c.is_numeric() {
                'd'
            } else if c.is_alphabetic() {
                if cased && c.is_uppercase() {
                    'X'
                } else {
                    'x'
                }
            } else {
                c
            }
        })
        .filter(move |&s| {
            let new = s != last;
            last = s;
            new
        })
}

/// The key of a word's shape under `template`.
fn shape_key(template: u8, word: &str, cased: bool) -> u32 {
    shape(word, cased).fold(Key::new(template), Key::char).finish()
}

/// One letter for a word's case: T(itle), A(ll caps), l(ower), d(igit), p(unctuation).
fn case_class(word: &str) -> char {
    let mut letters = word.chars().filter(|c| c.is_alphabetic()).peekable();
    if letters.peek().is_none() {
        return if word.chars().any(char::is_numeric) { 'd' } else { 'p' };
    }
    let first_upper = word.chars().next().is_some_and(char::is_uppercase);
    let all_upper = word.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase);
    if all_upper && word.chars().filter(|c| c.is_alphabetic()).count() > 1 {
        'A'
    } else if first_upper {
        'T'
    } else {
        'l'
    }
}

/// Prefixes and suffixes of 1–4 characters of a word longer than them, from one pass
/// over its characters: `(n, prefix, suffix)`.
fn affixes(word: &str) -> impl Iterator<Item = (usize, &str, &str)> + '_ {
    let starts: Vec<usize> = word.char_indices().map(|(i, _)| i).collect();
    let count = starts.len();
    (1..=4).filter(move |&n| count > n).map(move |n| (n, &word[..starts[n]], &word[starts[count - n]..]))
}

/// The part of a tagged name `words[start..end]` that names something: without leading
/// determiners ("the Kremlin" → "Kremlin"), and `None` when what is left is empty or
/// only a nationality adjective ("North Korean"). In text written with case (`cased`)
/// a name also begins and ends with a word that has a capital or a digit: "kota Pati"
/// names "Pati", "Israel utara" "Israel", and a lower-case "company's" nothing. Words
/// inside stay ("Sekolah Guru Tinggi untuk Guru Bumiputra").
pub fn name_part<S: AsRef<str>>(words: &[S], start: usize, end: usize, cased: bool) -> Option<(usize, usize)> {
    let g = gazetteers();
    let lower: Vec<String> = words[start..end].iter().map(|w| w.as_ref().to_lowercase()).collect();
    let skip = lower.iter().take_while(|w| g.determiners.contains(w.as_str())).count();
    let name_like = |i: &usize| !cased || words[*i].as_ref().chars().any(|c| c.is_uppercase() || c.is_numeric());
    let first = (start + skip..end).find(name_like)?;
    let last = (first..end).rfind(name_like)?;
    let whole = lower[first - start..=last - start].join(" ");
    if g.demonyms.contains(&whole) || g.connectives.contains(&whole) || g.connectives.contains(&lower[skip..].join(" ")) {
        return None;
    }
    Some((first, last + 1))
}

/// Endings that make a name an owner (`resources/en/gazetteer-possessives.txt`).
pub fn possessives() -> &'static [String] {
    &gazetteers().possessives
}

/// Is the (lower-cased) word a combining form such as "indo" of "Indo-Pasifik"
/// (`resources/common/combining-forms.txt`)?
pub fn is_combining_form(lower: &str) -> bool {
    gazetteers().combining_forms.contains(lower)
}

/// Is `words`, whole, a place of the gazetteers (`resources/<lang>/gazetteer-places.txt`)?
pub fn is_gazetteer_place<S: AsRef<str>>(words: &[S]) -> bool {
    let lower: Vec<String> = words.iter().map(|w| w.as_ref().to_lowercase()).collect();
    let Some(first) = lower.first() else { return false };
    gazetteers().names.get(first).is_some_and(|list| list.iter().any(|(name, category)| *category == "place" && *name == lower))
}

/// A lower-cased word that running text writes with a capital inside a sentence under
/// a tenth of the times it was seen (at least five): capitalised alone, it opens a
/// sentence and names no one ("Kalaupun …", "Contrary to …", "Large majorities …").
pub fn rarely_capitalised(lower: &str) -> bool {
    gazetteers().capitalisation.get(lower).is_some_and(|&(bucket, seen)| bucket <= 1 && seen >= 1)
}

/// A lower-cased word that running text writes in lower case at least half the times
/// it was seen: a common word, which alone names no particular body ("bank", "dinas").
pub fn mostly_lower_case(lower: &str) -> bool {
    gazetteers().capitalisation.get(lower).is_some_and(|&(bucket, _)| bucket <= 2)
}

/// Lower-cased words that tie a sentence to the one before ("meanwhile", "selain
/// itu"): they name no one.
pub fn is_connective(lower: &str) -> bool {
    gazetteers().connectives.contains(lower)
}

/// A determiner ("the", lower-cased) in front of a name, which is no part of it.
pub fn is_determiner(lower: &str) -> bool {
    gazetteers().determiners.contains(lower)
}

/// A demonym or adjective of a place ("american"), lower-cased: no name alone.
pub fn is_demonym(lower: &str) -> bool {
    gazetteers().demonyms.contains(lower)
}

/// A lower-case word a name may hold between its capitalised words ("of").
pub fn is_name_connector(word: &str) -> bool {
    gazetteers().name_connectors.contains(word)
}

/// A title or honorific of the gazetteers ("mr", "presiden"), lower-cased.
pub fn is_title(lower: &str) -> bool {
    gazetteers().titles.contains(lower)
}

/// Is the sentence written with case? (It has at least one upper-case letter.)
pub fn is_cased<S: AsRef<str>>(words: &[S]) -> bool {
    words.iter().any(|w| w.as_ref().chars().any(char::is_uppercase))
}

/// A neighbour of the token whose features are made, by its offset.
#[derive(Clone, Copy)]
pub enum Side {
    Before2,
    Before1,
    After1,
    After2,
}

pub const SIDES: [Side; 4] = [Side::Before2, Side::Before1, Side::After1, Side::After2];

impl Side {
    pub fn offset(self) -> isize {
        match self {
            Side::Before2 => -2,
            Side::Before1 => -1,
            Side::After1 => 1,
            Side::After2 => 2,
        }
    }
}

/// The word a neighbour stands for as context: English function words read as their
/// Indonesian twins ("in Pyongyang" looks like "di Pyongyang"); `None`: itself.
pub fn context_word(lower: &str) -> Option<&'static str> {
    gazetteers().context.get(lower).map(String::as_str)
}

/// Case class of a word (see `case_class`), for [`context_keys`].
pub fn case_of(word: &str) -> char {
    case_class(word)
}

/// The features of a token that depend on nothing but its own word (and whether the
/// sentence is cased). Kept apart from the rest so that at run time their summed
/// weights can be computed once per distinct word form.
pub fn own_keys(raw: &str, lower: &str, cased: bool, f: &mut Vec<u32>) {
    let g = gazetteers();
    f.push(key(0, ""));
    f.push(key(1, lower));
    for (k, p, s) in affixes(lower) {
        f.push(key(2 + k as u8, p));
        f.push(key(6 + k as u8, s));
    }
    f.push(shape_key(11, raw, false));
    f.push(Key::new(19).number(raw.chars().count().min(12)).finish());
    if g.titles.contains(lower) {
        f.push(key(22, ""));
    }
    if let Some((first, last)) = lower.split_once('-').map(|(a, _)| (a, lower.rsplit('-').next().unwrap_or(""))) {
        f.push(key(29, first));
        f.push(key(30, last));
    }
    // A word outside the clusters gets no class feature: in the training text those
    // are mostly rare names, and "no class" would teach "a name" to every word of a
    // language the clusters did not read.
    for (level, c) in g.clusters.of(lower).unwrap_or_default().iter().enumerate() {
        f.push(Key::new(60 + level as u8).number(usize::from(*c)).finish());
    }
    for (level, c) in g.vector_classes.of(lower).unwrap_or_default().iter().enumerate() {
        f.push(Key::new(110 + level as u8).number(usize::from(*c)).finish());
    }
    if let Some(&(bucket, seen)) = g.capitalisation.get(lower) {
        f.push(Key::new(120).number(usize::from(bucket)).finish());
        f.push(Key::new(121).number(usize::from(bucket) * 3 + usize::from(seen)).finish());
    }
    if cased {
        f.push(key(40, raw));
        f.push(shape_key(41, raw, true));
    } else {
        f.push(key(50, ""));
    }
}

/// Features of a word that weigh the step from the previous tag into its tag: its
/// middle-level class and, in cased text, its shape.
pub fn pair_keys(raw: &str, lower: &str, cased: bool, f: &mut Vec<u32>) {
    let g = gazetteers();
    if let Some(c) = g.clusters.of(lower).and_then(|c| c.get(g.clusters.levels / 2)) {
        f.push(Key::new(90).number(usize::from(*c)).finish());
    }
    if cased {
        f.push(shape_key(91, raw, true));
    }
}

/// The features a token gets from its neighbour at `side`, which depend on nothing but
/// that neighbour's word: `(raw, lower)`, or `None` past the sentence's edge.
pub fn neighbour_keys(side: Side, word: Option<(&str, &str)>, cased: bool, f: &mut Vec<u32>) {
    let template = match side {
        Side::Before2 => 13,
        Side::Before1 => 12,
        Side::After1 => 14,
        Side::After2 => 15,
    };
    let Some((raw, lower)) = word else {
        f.push(key(template, if side.offset() < 0 { "<s>" } else { "</s>" }));
        return;
    };
    let g = gazetteers();
    let ctx = context_word(lower).unwrap_or(lower);
    f.push(key(template, ctx));
    let (title, cue) = match side {
        Side::Before2 => (Some(21), None),
        Side::Before1 => (Some(20), Some(24)),
        Side::After1 => (None, Some(23)),
        Side::After2 => (None, None),
    };
    if let Some(template) = title.filter(|_| g.titles.contains(ctx)) {
        f.push(key(template, ""));
    }
    if let Some(template) = cue.filter(|_| g.cues.contains(ctx)) {
        f.push(key(template, ""));
    }
    // Neighbours' classes: the coarse level generalises most ("after a place-like
    // word"), the fine one keeps frequent function words apart; ±2 at the middle one.
    let mid = g.clusters.levels / 2;
    let fine = g.clusters.levels.saturating_sub(1);
    let levels: &[(u8, usize)] = match side {
        Side::Before2 => &[(86, mid)],
        Side::Before1 => &[(66, mid), (82, 0), (84, fine)],
        Side::After1 => &[(67, mid), (83, 0), (85, fine)],
        Side::After2 => &[(87, mid)],
    };
    if let Some(classes) = g.clusters.of(lower) {
        for &(template, level) in levels {
            if let Some(c) = classes.get(level) {
                f.push(Key::new(template).number(usize::from(*c)).finish());
            }
        }
    }
    // The ±1 neighbours' coarse context-vector class ("after a word used like a title").
    if let Some(c) = g.vector_classes.of(lower).and_then(|c| c.first()) {
        match side {
            Side::Before1 => f.push(Key::new(115).number(usize::from(*c)).finish()),
            Side::After1 => f.push(Key::new(116).number(usize::from(*c)).finish()),
            _ => {}
        }
    }
    if let Some(&(bucket, _)) = g.capitalisation.get(lower) {
        match side {
            Side::Before1 => f.push(Key::new(122).number(usize::from(bucket)).finish()),
            Side::After1 => f.push(Key::new(123).number(usize::from(bucket)).finish()),
            _ => {}
        }
    }
    if cased {
        match side {
            Side::Before1 => f.push(shape_key(47, raw, true)),
            Side::After1 => f.push(shape_key(48, raw, true)),
            _ => {}
        }
    }
}

/// The features of every token that look at several words at once (word pairs,
/// gazetteer and mined names, case patterns), appended to `out`; `ends[i]` is where
/// token `i`'s end. `ctx[i]` is `context_word(lower[i])` or the word itself, `classes[i]`
/// its [`case_of`].
pub fn context_keys<S: AsRef<str>>(lower: &[S], ctx: &[&str], classes: &[char], cased: bool, names: &Names, out: &mut Vec<u32>, ends: &mut Vec<usize>) {
    let n = lower.len();
    let g = gazetteers();
    // Gazetteer matches: longest name starting at each token, marked B/I per category.
    let mut gaz: Vec<Option<(&'static str, bool)>> = vec![None; n];
    let mut i = 0;
    while i < n {
        let mut advanced = false;
        if let Some(list) = g.names.get(lower[i].as_ref()) {
            for (name, category) in list {
                // Food and drink are products in lower-cased text only (NERP); in text
                // with capitals no data set marks them, and their words read as noise
                // there (English lost a point with them).
                if cased && *category == "food" {
                    continue;
                }
                if i + name.len() <= n && name.iter().zip(&lower[i..]).all(|(a, b)| a == b.as_ref()) {
                    for (j, slot) in gaz[i..i + name.len()].iter_mut().enumerate() {
                        *slot = Some((category, j == 0));
                    }
                    i += name.len();
                    advanced = true;
                    break;
                }
            }
        }
        if !advanced {
            i += 1;
        }
    }
    let at = |i: isize| -> &str {
        if i < 0 {
            "<s>"
        } else if i as usize >= n {
            "</s>"
        } else {
            ctx[i as usize]
        }
    };
    let class_at = |i: isize| -> char {
        if i < 0 || i as usize >= n {
            '_'
        } else {
            classes[i as usize]
        }
    };
    let mined = names.matches(lower);
    let pair = |template: u8, a: &str, b: &str| Key::new(template).str(a).byte(b'|').str(b).finish();
    // Runs of capitalised words (digits may continue one): the run's first and last
    // words, the word before it and its length reach every word of a long name, beyond
    // the ±2 window ("Universitas Muhammadiyah Surakarta", "kota Camden").
    let mut run_start = vec![0usize; n];
    let mut run_end = vec![0usize; n];
    if cased {
        let mut i = 0;
        while i < n {
            if matches!(classes[i], 'T' | 'A') {
                let start = i;
                while i < n && matches!(classes[i], 'T' | 'A' | 'd') {
                    i += 1;
                }
                for j in start..i {
                    (run_start[j], run_end[j]) = (start, i);
                }
            } else {
                (run_start[i], run_end[i]) = (i, i);
                i += 1;
            }
        }
    }
    for i in 0..n {
        let lw = lower[i].as_ref();
        let ii = i as isize;
        out.push(pair(16, at(ii - 1), lw));
        out.push(pair(17, lw, at(ii + 1)));
        out.push(pair(18, at(ii - 2), at(ii - 1)));
        match gaz[i] {
            Some((category, first)) => {
                let position = if first { "B" } else { "I" };
                out.push(key(25, category));
                out.push(key(26, position));
                out.push(Key::new(27).str(category).str(position).finish());
            }
            None => out.push(key(25, "-")),
        }
        if let Some(gp) = i.checked_sub(1).and_then(|p| gaz[p]) {
            out.push(key(28, gp.0));
        }
        if let Some((kinds, first)) = mined[i] {
            out.push(Key::new(70).number(usize::from(kinds)).byte(if first { b'B' } else { b'I' }).finish());
            out.push(Key::new(71).number(usize::from(kinds)).finish());
        }
        if cased {
            let classes_key = |template: u8, from: isize, to: isize| (from..=to).map(class_at).fold(Key::new(template), Key::char).finish();
            out.push(classes_key(42, ii - 1, ii + 1));
            out.push(classes_key(43, ii - 2, ii + 2));
            out.push(Key::new(44).str(at(ii - 1)).byte(b'|').char(classes[i]).finish());
            out.push(Key::new(45).char(classes[i]).byte(b'|').str(at(ii + 1)).finish());
            if i == 0 {
                out.push(Key::new(46).char(classes[i]).finish());
            }
            let (start, end) = (run_start[i], run_end[i]);
            if end > start {
                let place = match (i == start, i + 1 == end) {
                    (true, true) => b'S',
                    (true, false) => b'B',
                    (false, true) => b'E',
                    (false, false) => b'I',
                };
                out.push(Key::new(100).number((end - start).min(6)).byte(place).finish());
                if i > start {
                    out.push(key(101, ctx[start]));
                    out.push(key(103, at(start as isize - 1)));
                }
                if i + 1 < end {
                    out.push(key(102, ctx[end - 1]));
                }
            }
        }
        ends.push(out.len());
    }
}

/// Feature keys for every token of a sentence; `names` are the names mined from the
/// training labels that this sentence may see.
pub fn sentence<S: AsRef<str>>(words: &[S], cased: bool, names: &Names) -> Vec<Vec<u32>> {
    let n = words.len();
    let raw: Vec<&str> = words.iter().map(|w| w.as_ref()).collect();
    let lower: Vec<String> = raw.iter().map(|w| w.to_lowercase()).collect();
    let ctx: Vec<&str> = lower.iter().map(|w| context_word(w).unwrap_or(w)).collect();
    let classes: Vec<char> = raw.iter().map(|w| case_class(w)).collect();
    let (mut context, mut ends) = (Vec::new(), Vec::with_capacity(n));
    context_keys(&lower, &ctx, &classes, cased, names, &mut context, &mut ends);
    let mut out = Vec::with_capacity(n);
    let mut from = 0;
    for i in 0..n {
        let mut f: Vec<u32> = Vec::with_capacity(48);
        own_keys(raw[i], &lower[i], cased, &mut f);
        for side in SIDES {
            let j = i as isize + side.offset();
            let word = (j >= 0 && (j as usize) < n).then(|| (raw[j as usize], lower[j as usize].as_str()));
            neighbour_keys(side, word, cased, &mut f);
        }
        f.extend_from_slice(&context[from..ends[i]]);
        from = ends[i];
        out.push(f);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn affixes_of_words_longer_than_them() {
        let got: Vec<_> = affixes("jakarta").collect();
        assert_eq!(got[0], (1, "j", "a"));
        assert_eq!(got[3], (4, "jaka", "arta"));
        assert_eq!(affixes("di").collect::<Vec<_>>(), vec![(1, "d", "i")]);
        assert_eq!(affixes("peñas").nth(1), Some((2, "pe", "as")));
        assert_eq!(affixes("").count(), 0);
    }

    #[test]
    fn names_lose_determiners_and_adjectives_are_no_names() {
        let words = ["the", "Kremlin", "and", "a", "North", "Korean", "official"];
        for cased in [true, false] {
            assert_eq!(name_part(&words, 0, 2, cased), Some((1, 2)));
            assert_eq!(name_part(&words, 1, 2, cased), Some((1, 2)));
            assert_eq!(name_part(&words, 4, 6, cased), None);
            assert_eq!(name_part(&words, 3, 6, cased), None);
            assert_eq!(name_part(&words, 0, 1, cased), None);
            assert_eq!(name_part(&["Korea", "Utara"], 0, 2, cased), Some((0, 2)));
            // A word that ties the sentence to the one before is no name alone.
            assert_eq!(name_part(&["Furthermore", ",", "Trump"], 0, 1, cased), None);
            assert_eq!(name_part(&["Selain", "itu", ",", "Jokowi"], 0, 2, cased), None);
        }
        // In cased text a name begins and ends with a capital or a digit.
        let words = ["kota", "Pati", "dan", "SMA", "Negeri", "14", "di", "Israel", "utara", "the", "company's", "North", "Korean", "officials"];
        assert_eq!(name_part(&words, 0, 2, true), Some((1, 2)));
        assert_eq!(name_part(&words, 3, 6, true), Some((3, 6)));
        assert_eq!(name_part(&words, 7, 9, true), Some((7, 8)));
        assert_eq!(name_part(&words, 9, 11, true), None);
        assert_eq!(name_part(&words, 11, 14, true), None);
        assert_eq!(name_part(&["sekolah", "untuk", "Guru", "untuk", "Guru", "Bumiputra"], 0, 6, true), Some((2, 6)));
        // Lower-cased text (no capital anywhere) keeps what the model tagged.
        assert_eq!(name_part(&["kota", "pati"], 0, 2, false), Some((0, 2)));
    }

    #[test]
    fn shapes() {
        let shape_of = |w: &str, cased: bool| shape(w, cased).collect::<String>();
        assert_eq!(shape_of("Jens", true), "Xx");
        assert_eq!(shape_of("19/6/2024", true), "d/d/d");
        assert_eq!(shape_of("NATO", false), "x");
        assert_eq!(shape_key(41, "Jens", true), key(41, "Xx"));
    }

    #[test]
    fn keys_built_in_pieces_equal_keys_of_the_whole_string() {
        assert_eq!(Key::new(16).str("di").byte(b'|').str("jakarta").finish(), key(16, "di|jakarta"));
        assert_eq!(Key::new(19).number(12).finish(), key(19, "12"));
        assert_eq!(Key::new(19).number(7).finish(), key(19, "7"));
        assert_eq!(Key::new(45).char('T').byte(b'|').str("kata").finish(), key(45, "T|kata"));
        // Long words, split anywhere, and strings that differ only in length or by one byte.
        assert_eq!(Key::new(1).str("kemente").str("rian luar negeri").finish(), key(1, "kementerian luar negeri"));
        let keys = [key(1, "a"), key(1, "a\0"), key(1, ""), key(2, "a"), key(1, "abcdefgh"), key(1, "abcdefgi"), key(1, "abcdefgh\0")];
        for (i, a) in keys.iter().enumerate() {
            for b in &keys[i + 1..] {
                assert_ne!(a, b);
            }
        }
    }

    #[test]
    fn gazetteer_marks_multiword_names() {
        let f = sentence(&["di", "Korea", "Utara", "."], true, &Names::default());
        assert!(f[1].contains(&key(27, "placeB")));
        assert!(f[2].contains(&key(27, "placeI")));
    }

    #[test]
    fn capitalisation_steps_and_the_shipped_counts() {
        let steps = capitalisation("# header\njakarta\t0\t252\nkapal\t66\t1\npiala\t6\t37\nbaru\t3\t0\nbroken line\n");
        assert_eq!(steps.get("jakarta"), Some(&(5, 2)));
        assert_eq!(steps.get("kapal"), Some(&(1, 2)));
        assert_eq!(steps.get("piala"), Some(&(3, 2)));
        assert_eq!(steps.get("baru"), Some(&(0, 0)));
        assert_eq!(steps.len(), 4, "a malformed line is skipped");
        // The shipped file: names nearly always capitalised, function words never.
        let shipped = &gazetteers().capitalisation;
        for name in ["jakarta", "indonesia", "obama", "washington"] {
            assert!(shipped.get(name).is_some_and(|&(step, _)| step >= 4), "{name}: {:?}", shipped.get(name));
        }
        for word in ["yang", "dan", "the", "said"] {
            assert!(shipped.get(word).is_some_and(|&(step, _)| step <= 1), "{word}: {:?}", shipped.get(word));
        }
    }
}
