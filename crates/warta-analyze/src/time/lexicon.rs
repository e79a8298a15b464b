//! `resources/<lang>/time.toml` plus the month and weekday names and zones of
//! `calendar.toml`, parsed once per language.

use std::collections::{BTreeMap, HashMap};

use crate::fasthash::FastMap;
use std::sync::{Mutex, OnceLock};

use jiff::tz::Offset;
use serde::Deserialize;

use super::phrases::{Openers, Phrases};

#[derive(Default, Deserialize)]
#[serde(default)]
struct TimeFile {
    clock_prefixes: Vec<String>,
    day_prefixes: Vec<String>,
    year_prefixes: Vec<String>,
    decade_suffix: String,
    month_prefixes: Vec<String>,
    month_parts: Vec<String>,
    month_alone_after: Vec<String>,
    since: Vec<String>,
    clock_date_joiners: Vec<String>,
    season_year_joiners: Vec<String>,
    range_joiners: Vec<String>,
    approx: Vec<String>,
    local_time: Vec<String>,
    refs_not_after: Vec<String>,
    modifying_phrases: Vec<String>,
    particle_refs: Vec<String>,
    particle_refs_time_after: Vec<String>,
    future_cues: Vec<String>,
    days: BTreeMap<String, i64>,
    parts: BTreeMap<String, String>,
    phrases: BTreeMap<String, PartPhrase>,
    units: BTreeMap<String, String>,
    modifiers: Modifiers,
    counts: Counts,
    vague: BTreeMap<String, String>,
    refs: BTreeMap<String, String>,
    same_day: BTreeMap<String, String>,
    seasons: BTreeMap<String, String>,
    holidays: BTreeMap<String, String>,
    hijri_year_markers: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
pub(crate) struct PartPhrase {
    pub offset: i64,
    pub part: String,
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct Modifiers {
    last: Vec<String>,
    next: Vec<String>,
    this: Vec<String>,
    last_before: Vec<String>,
    next_before: Vec<String>,
    this_before: Vec<String>,
    ago: Vec<String>,
    later: Vec<String>,
    earlier: Vec<String>,
    hence: Vec<String>,
    ahead: Vec<String>,
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct Counts {
    one_prefix: String,
    one_words: Vec<String>,
    few: Vec<String>,
    half: Vec<String>,
}

/// Direction of a relative expression.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Dir {
    Last,
    This,
    Next,
}

/// What follows a counted unit ("dua hari lalu", "sebulan kemudian").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum CountRel {
    Ago,
    Later,
    /// "<n> <unit> sebelumnya": n units before the date the text last mentioned.
    Earlier,
    Hence,
    Ahead,
}

pub(crate) struct TimeLexicon {
    pub clock_prefixes: Phrases<()>,
    pub day_prefixes: Phrases<()>,
    pub year_prefixes: Phrases<()>,
    pub decade_suffix: String,
    pub month_prefixes: Phrases<()>,
    /// Parts of a month written before its name ("akhir Maret", "late March"): kept in
    /// the expression, whose value stays the month.
    pub month_parts: Phrases<()>,
    pub month_alone_after: Vec<String>,
    pub since: Phrases<()>,
    pub clock_date_joiners: Phrases<()>,
    /// Words between a season and its year ("the winter of 2015").
    pub season_year_joiners: Phrases<()>,
    /// Words between the first and the last day or clock time of a range ("10 hingga 12
    /// Desember", "09.00 sampai 15.00").
    pub range_joiners: Phrases<()>,
    pub approx: Phrases<()>,
    pub local_time: Phrases<()>,
    pub refs_not_after: Vec<String>,
    /// Phrases of `phrases` that modify a following noun ("the overnight rate"): no
    /// time there.
    pub modifying_phrases: Vec<String>,
    /// Reference words that are also particles ("ditunda dulu": put off for now): a
    /// particle when a comma or full stop follows, unless a word of
    /// `particle_refs_time_after` comes before ("sejak dulu.").
    pub particle_refs: Vec<String>,
    pub particle_refs_time_after: Vec<String>,
    pub future_cues: Phrases<()>,
    pub days: Phrases<i64>,
    pub parts: Phrases<String>,
    pub phrases: Phrases<PartPhrase>,
    /// Unit word → TimeML designator ("Y", "MIN", "8Y" for a windu).
    pub units: Phrases<String>,
    pub after_unit: Phrases<Dir>,
    pub before_unit: Phrases<Dir>,
    pub count_rel: Phrases<CountRel>,
    pub one_prefix: String,
    pub one_words: Phrases<()>,
    pub few: Phrases<()>,
    pub half: Phrases<()>,
    pub vague: Phrases<String>,
    pub refs: Phrases<String>,
    pub same_day: Phrases<String>,
    pub seasons: Phrases<String>,
    /// Holidays ("Natal", "New Year's Day", "Thanksgiving", "Easter") → the rule that
    /// gives their day in a year.
    pub holidays: Phrases<HolidayRule>,
    /// Words after a year that make it a year of the Islamic calendar ("1445 H",
    /// "1445 Hijriah"), lower case.
    pub hijri_year_markers: Vec<String>,
    /// Lower-case month spelling → month number (1–12), and whether it is the full name.
    pub months: FastMap<String, (i8, bool)>,
    /// Lower-case weekday spelling → 0 for Monday … 6 for Sunday, and whether it is safe
    /// to read alone (full names).
    pub weekdays: FastMap<String, (i8, bool)>,
    /// Zone abbreviations of every language (upper case).
    pub zones: BTreeMap<String, Offset>,
    /// What a time expression can begin with, besides digits and number words.
    pub openers: Openers,
}

impl TimeLexicon {
    fn parse(code: &str, text: &str) -> Result<Self, String> {
        let f: TimeFile = toml::from_str(text).map_err(|e| format!("resources/{code}/time.toml: {e}"))?;
        let r = warta_lang::resources();
        let calendar = r.language(code).map(|l| &l.calendar);
        let mut months = FastMap::default();
        let mut weekdays = FastMap::default();
        if let Some(c) = calendar {
            for (i, names) in c.months.iter().enumerate() {
                for (k, n) in names.iter().enumerate() {
                    months.insert(n.clone(), (i as i8 + 1, k == 0));
                }
            }
            for (i, names) in c.weekdays.iter().enumerate() {
                for (k, n) in names.iter().enumerate() {
                    weekdays.insert(n.clone(), (i as i8, k == 0 || n.chars().count() >= 5));
                }
            }
        }
        let mut zones = BTreeMap::new();
        for l in r.all() {
            for (z, o) in &l.calendar.zones {
                zones.insert(z.clone(), *o);
            }
        }
        let m = &f.modifiers;
        let tag = |list: &[String], d: Dir| list.iter().map(move |w| (w.clone(), d)).collect::<Vec<_>>();
        let rel = |list: &[String], d: CountRel| list.iter().map(move |w| (w.clone(), d)).collect::<Vec<_>>();
        let mut lexicon = TimeLexicon {
            clock_prefixes: Phrases::words(&f.clock_prefixes),
            day_prefixes: Phrases::words(&f.day_prefixes),
            year_prefixes: Phrases::words(&f.year_prefixes),
            decade_suffix: f.decade_suffix,
            month_prefixes: Phrases::words(&f.month_prefixes),
            month_parts: Phrases::words(&f.month_parts),
            month_alone_after: f.month_alone_after.iter().map(|w| w.to_lowercase()).collect(),
            since: Phrases::words(&f.since),
            clock_date_joiners: Phrases::words(&f.clock_date_joiners),
            season_year_joiners: Phrases::words(&f.season_year_joiners),
            range_joiners: Phrases::words(&f.range_joiners),
            approx: Phrases::words(&f.approx),
            local_time: Phrases::words(&f.local_time),
            refs_not_after: f.refs_not_after.iter().map(|w| w.to_lowercase()).collect(),
            modifying_phrases: f.modifying_phrases.iter().map(|w| w.to_lowercase()).collect(),
            particle_refs: f.particle_refs.iter().map(|w| w.to_lowercase()).collect(),
            particle_refs_time_after: f.particle_refs_time_after.iter().map(|w| w.to_lowercase()).collect(),
            future_cues: Phrases::words(&f.future_cues),
            days: Phrases::new(f.days),
            parts: Phrases::new(f.parts),
            phrases: Phrases::new(f.phrases),
            units: Phrases::new(f.units),
            after_unit: Phrases::new(
                [tag(&m.last, Dir::Last), tag(&m.next, Dir::Next), tag(&m.this, Dir::This)].concat(),
            ),
            before_unit: Phrases::new(
                [tag(&m.last_before, Dir::Last), tag(&m.next_before, Dir::Next), tag(&m.this_before, Dir::This)]
                    .concat(),
            ),
            count_rel: Phrases::new(
                [
                    rel(&m.ago, CountRel::Ago),
                    rel(&m.later, CountRel::Later),
                    rel(&m.earlier, CountRel::Earlier),
                    rel(&m.hence, CountRel::Hence),
                    rel(&m.ahead, CountRel::Ahead),
                ]
                .concat(),
            ),
            one_prefix: f.counts.one_prefix.to_lowercase(),
            one_words: Phrases::words(&f.counts.one_words),
            few: Phrases::words(&f.counts.few),
            half: Phrases::words(&f.counts.half),
            vague: Phrases::new(f.vague),
            refs: Phrases::new(f.refs),
            same_day: Phrases::new(f.same_day),
            seasons: Phrases::new(f.seasons),
            holidays: Phrases::new(holidays(code, f.holidays)?),
            hijri_year_markers: f.hijri_year_markers.iter().map(|w| w.to_lowercase()).collect(),
            months,
            weekdays,
            zones,
            openers: Openers::default(),
        };
        lexicon.openers = lexicon.openers();
        Ok(lexicon)
    }

    /// Every list and word `Scanner::expression_at` tries at the start of an expression
    /// (the lists read after a first word, like `after_unit`, are not needed here), each
    /// list under its bit of [`open`].
    fn openers(&self) -> Openers {
        let mut o = Openers::default();
        for (list, bit) in [
            (&self.approx, open::APPROX),
            (&self.since, open::SINCE),
            (&self.day_prefixes, open::DAY_PREFIXES),
            (&self.month_prefixes, open::MONTH_PREFIXES),
            (&self.month_parts, open::MONTH_PREFIXES),
            (&self.clock_prefixes, open::CLOCK_PREFIXES),
            (&self.year_prefixes, open::YEAR_PREFIXES),
            (&self.few, open::FEW),
            (&self.half, open::HALF),
            (&self.one_words, open::ONE_WORDS),
        ] {
            list.add_openers(&mut o, bit);
        }
        self.phrases.add_openers(&mut o, open::PHRASES);
        self.days.add_openers(&mut o, open::DAYS);
        self.same_day.add_openers(&mut o, open::SAME_DAY);
        self.refs.add_openers(&mut o, open::REFS);
        self.vague.add_openers(&mut o, open::VAGUE);
        self.seasons.add_openers(&mut o, open::SEASONS);
        self.holidays.add_openers(&mut o, open::HOLIDAYS);
        self.before_unit.add_openers(&mut o, open::BEFORE_UNIT);
        self.units.add_openers(&mut o, open::UNITS);
        for word in self.months.keys().chain(self.weekdays.keys()) {
            o.add_word(word, open::WORD);
        }
        if !self.one_prefix.is_empty() {
            for unit in self.units.phrases() {
                o.add_word(&format!("{}{unit}", self.one_prefix), open::WORD);
            }
        }
        o
    }
}

/// Bits of [`Openers`]: one per list an expression can start with, and one for the
/// month and weekday names and the "se-" unit words, which are looked up whole.
pub(crate) mod open {
    pub const APPROX: u32 = 1;
    pub const SINCE: u32 = 1 << 1;
    pub const DAY_PREFIXES: u32 = 1 << 2;
    pub const MONTH_PREFIXES: u32 = 1 << 3;
    pub const CLOCK_PREFIXES: u32 = 1 << 4;
    pub const YEAR_PREFIXES: u32 = 1 << 5;
    pub const FEW: u32 = 1 << 6;
    pub const HALF: u32 = 1 << 7;
    pub const ONE_WORDS: u32 = 1 << 8;
    pub const PHRASES: u32 = 1 << 9;
    pub const DAYS: u32 = 1 << 10;
    pub const SAME_DAY: u32 = 1 << 11;
    pub const REFS: u32 = 1 << 12;
    pub const VAGUE: u32 = 1 << 13;
    pub const SEASONS: u32 = 1 << 14;
    pub const BEFORE_UNIT: u32 = 1 << 15;
    pub const UNITS: u32 = 1 << 16;
    pub const WORD: u32 = 1 << 17;
    pub const HOLIDAYS: u32 = 1 << 18;
}

/// How a holiday's day is found in a given year.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum HolidayRule {
    /// "12-25".
    Fixed { month: i8, day: i8 },
    /// "11-4-thu": the fourth Thursday of November; `nth` 0 for the last ("05-last-mon");
    /// `after` days later ("11-1-mon+1": the Tuesday after the first Monday).
    Weekday { month: i8, nth: i8, weekday: i8, after: i8 },
    /// "easter-2": days from Easter Sunday (Western).
    Easter(i16),
    /// "hijri-10-01": a day of the Islamic calendar (month 1 = Muharram), on the day
    /// Indonesia's criterion starts its month ([`super::lunar`]).
    Hijri { month: i8, day: i8 },
    /// "hijri-09": a whole month of the Islamic calendar (Ramadan), from its first day
    /// to its last.
    HijriMonth { month: i8 },
    /// "chinese-new-year": Imlek ([`super::lunar`]); "chinese-new-year+14" the days
    /// after it (Cap Go Meh, the fifteenth day).
    ChineseNewYear(i8),
}

impl HolidayRule {
    /// The holiday's day in `year`, if that year has it.
    pub(crate) fn in_year(self, year: i16) -> Option<jiff::civil::Date> {
        use jiff::civil::Date;
        match self {
            HolidayRule::Fixed { month, day } => Date::new(year, month, day).ok(),
            HolidayRule::Weekday { month, nth, weekday, after } => {
                let first = Date::new(year, month, 1).ok()?;
                let offset = (weekday as i64 - first.weekday().to_monday_zero_offset() as i64).rem_euclid(7);
                let first_match = first.checked_add(jiff::Span::new().days(offset)).ok()?;
                let weeks = if nth > 0 { (nth - 1) as i64 } else { (first.days_in_month() as i64 - 1 - offset) / 7 };
                let date = first_match.checked_add(jiff::Span::new().days(7 * weeks)).ok()?;
                (date.month() == month).then_some(date)?.checked_add(jiff::Span::new().days(after as i64)).ok()
            }
            HolidayRule::Easter(offset) => easter(year)?.checked_add(jiff::Span::new().days(offset as i64)).ok(),
            HolidayRule::Hijri { month, day } => super::lunar::hijri_in_gregorian_year(year, month, day),
            HolidayRule::HijriMonth { month } => super::lunar::hijri_in_gregorian_year(year, month, 1),
            HolidayRule::ChineseNewYear(after) => super::lunar::chinese_new_year(year)?.checked_add(jiff::Span::new().days(after as i64)).ok(),
        }
    }

    /// The holiday's day in Islamic year `year` ("Idul Fitri 1445 H"), for a day of
    /// that calendar.
    pub(crate) fn in_hijri_year(self, year: i16) -> Option<jiff::civil::Date> {
        match self {
            HolidayRule::Hijri { month, day } => super::lunar::hijri_date(year as i32, month, day),
            HolidayRule::HijriMonth { month } => super::lunar::hijri_date(year as i32, month, 1),
            _ => None,
        }
    }

    /// Whether the day is computed from the moon, and so may differ by a day from the
    /// one a government or a community announces.
    pub(crate) fn is_lunar(self) -> bool {
        matches!(self, HolidayRule::Hijri { .. } | HolidayRule::HijriMonth { .. } | HolidayRule::ChineseNewYear(_))
    }

    /// The last day of a holiday that lasts a month, which begins on `first`.
    pub(crate) fn last_day(self, first: jiff::civil::Date) -> Option<jiff::civil::Date> {
        match self {
            HolidayRule::HijriMonth { month } => super::lunar::hijri_month_last_day(first, month),
            _ => None,
        }
    }
}

/// Easter Sunday of `year` in the Gregorian calendar (the anonymous Gregorian
/// algorithm of Meeus).
fn easter(year: i16) -> Option<jiff::civil::Date> {
    let y = year as i32;
    let (a, b, c) = (y % 19, y / 100, y % 100);
    let (d, e) = (b / 4, b % 4);
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let (i, k) = (c / 4, c % 4);
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    jiff::civil::Date::new(year, month as i8, day as i8).ok()
}

/// `[holidays]` of a time file: name → "MM-DD", "MM-N-weekday" (N from 1, or "last";
/// "+days" after it for a day after that one), "easter±days", "hijri-MM-DD", "hijri-MM"
/// (a whole month) or "chinese-new-year" (with "+days" for a day after it).
fn holidays(code: &str, table: BTreeMap<String, String>) -> Result<Vec<(String, HolidayRule)>, String> {
    const WEEKDAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
    table
        .into_iter()
        .map(|(name, rule)| {
            let lower = rule.to_lowercase();
            let parts: Vec<&str> = lower.split('-').collect();
            let number = |s: &str, range: std::ops::RangeInclusive<i8>| s.parse::<i8>().ok().filter(|n| range.contains(n));
            let parsed = if let Some(after) = lower.strip_prefix("chinese-new-year") {
                match after.strip_prefix('+') {
                    None if after.is_empty() => Some(HolidayRule::ChineseNewYear(0)),
                    Some(days) => number(days, 0..=30).map(HolidayRule::ChineseNewYear),
                    None => None,
                }
            } else if let Some(day) = lower.strip_prefix("hijri-") {
                match day.split('-').collect::<Vec<_>>().as_slice() {
                    [m, d] => number(m, 1..=12).zip(number(d, 1..=30)).map(|(month, day)| HolidayRule::Hijri { month, day }),
                    [m] => number(m, 1..=12).map(|month| HolidayRule::HijriMonth { month }),
                    _ => None,
                }
            } else if let Some(offset) = lower.strip_prefix("easter") {
                match offset {
                    "" => Some(HolidayRule::Easter(0)),
                    _ => offset.strip_prefix('+').unwrap_or(offset).parse::<i16>().ok().map(HolidayRule::Easter),
                }
            } else {
                match parts.as_slice() {
                    [m, d] => number(m, 1..=12).zip(number(d, 1..=31)).map(|(month, day)| HolidayRule::Fixed { month, day }),
                    [m, n, w] => {
                        let nth = if *n == "last" { Some(0) } else { number(n, 1..=5) };
                        let (w, after) = match w.split_once('+') {
                            Some((w, days)) => (w, number(days, 0..=6)),
                            None => (*w, Some(0)),
                        };
                        let weekday = WEEKDAYS.iter().position(|x| *x == w).map(|i| i as i8);
                        match (number(m, 1..=12), nth, weekday, after) {
                            (Some(month), Some(nth), Some(weekday), Some(after)) => Some(HolidayRule::Weekday { month, nth, weekday, after }),
                            _ => None,
                        }
                    }
                    _ => None,
                }
            };
            parsed.map(|r| (name.clone(), r)).ok_or_else(|| {
                format!("resources/{code}/time.toml: holiday {name:?} = {rule:?} is none of \"MM-DD\", \"MM-N-weekday\", \"MM-last-weekday\", \"MM-N-weekday+days\", \"easter±days\", \"hijri-MM-DD\", \"hijri-MM\", \"chinese-new-year(+days)\"")
            })
        })
        .collect()
}

/// The time words of `language` (falling back to Indonesian).
pub(crate) fn lexicon(language: &str) -> &'static TimeLexicon {
    static CACHE: OnceLock<Mutex<HashMap<String, &'static TimeLexicon>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    let mut map = cache.lock().unwrap_or_else(|e| e.into_inner());
    // Asked once per article: a known code needs no look into the resource files.
    if let Some(l) = map.get(language) {
        return l;
    }
    // Languages without a time.toml use Indonesian words; cache by the file used so
    // arbitrary codes cannot grow the cache.
    let code = if warta_lang::resource_file(language, "time.toml").is_some() { language } else { "id" };
    if let Some(l) = map.get(code) {
        return l;
    }
    let lexicon = match warta_lang::resource_file(code, "time.toml") {
        Some(text) => TimeLexicon::parse(code, text).unwrap_or_else(|e| panic!("bad resource file: {e}")),
        None => TimeLexicon::parse(code, "").unwrap_or_else(|e| panic!("empty time words: {e}")),
    };
    let leaked: &'static TimeLexicon = Box::leak(Box::new(lexicon));
    map.insert(code.to_string(), leaked);
    leaked
}
