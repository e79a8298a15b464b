//! Time expressions resolved against the publication time: "Rabu (19/6/2024)",
//! "Selasa (18/6)", "pekan lalu", "tadi malam", "pukul 21.40 WITA", "24 tahun",
//! "sejak 2000", "two days ago", "on Wednesday".
//!
//! Values are TimeML-like (see [`TimeExpression`]): `2024-06-19`, `2024-06`, `2024-W25`,
//! `2024`, `199` (a decade), `2024-06-19TNI` (a part of a day), `2025-03-03T21:40+08:00`
//! (a clock time, with the offset when a zone was written), `P24Y`, `PT2M` (durations),
//! `2000/2024-06-19` (since), `PAST_REF`, `PRESENT_REF`, `FUTURE_REF`.
//!
//! Relative expressions ("kemarin", "pekan lalu", "Rabu") are resolved against the
//! writer's calendar day ([`Moment::local`]). Expressions that point back into the text
//! ("hari itu", "sebulan kemudian", a bare "pukul 06.12") are resolved against the last
//! full date the text mentioned, and `anchor` says so. Without a publication time,
//! relative expressions get `PAST_REF` / `FUTURE_REF` / `XXXX-…` values and the anchor
//! says they are unresolved.
//!
//! A weekday written next to a date it does not fall on ("Rabu (3/3/2025)") is flagged
//! `weekday-mismatch: Rabu, but 2025-03-03 is a Monday`.
//!
//! All words come from `resources/<lang>/time.toml`; month and weekday names and zones
//! from `resources/<lang>/calendar.toml`.

pub mod bench;
pub(crate) mod lexicon;
pub(crate) mod lunar;
pub(crate) mod phrases;

use std::borrow::Cow;
use std::cell::{Cell, OnceCell};

use jiff::civil::{Date, DateTime, Weekday};
use jiff::tz::Offset;
use jiff::{Span as JSpan, ToSpan};
use warta_model::{Moment, Span, TimeExpression};

use crate::quantity::lexicon::{lexicon as quantity_lexicon, QuantityLexicon};
use crate::tokens::{sentences, skip_ws, Token, Words};
use lexicon::{lexicon, open, CountRel, Dir, HolidayRule, PartPhrase, TimeLexicon};
use phrases::Phrases;

/// A year written after an Islamic holiday below this one is a year of the Islamic
/// calendar even without "H" (1445 H began in 2023).
const HIJRI_YEARS_BELOW: i16 = 1700;

/// The year written after a holiday's name: of the Gregorian calendar ("Natal 2024"),
/// or of the Islamic one ("Idul Fitri 1445 H").
#[derive(Clone, Copy, Debug, PartialEq)]
enum HolidayYear {
    Gregorian(i16),
    Hijri(i16),
}

/// Every time expression in `text`, in text order, resolved against `published`.
pub fn resolve_times(text: &str, published: Option<Moment>, language: &str) -> Vec<TimeExpression> {
    resolve_times_in(text, &Words::new(text), published, language)
}

/// [`resolve_times`] on the words of `text` the other stages read too.
pub(crate) fn resolve_times_in(text: &str, words: &Words<'_>, published: Option<Moment>, language: &str) -> Vec<TimeExpression> {
    let mut scanner = Scanner {
        text,
        lex: lexicon(language),
        qlex: quantity_lexicon(language),
        toks: &words.toks,
        lower: &words.lower,
        sentences: OnceCell::new(),
        published,
        news_date: None,
        opening: Cell::new((usize::MAX, 0)),
    };
    if published.is_none() {
        scanner.news_date = scanner.news_date();
        scanner.published = scanner.news_date.and_then(|(d, _)| Offset::UTC.to_timestamp(d.at(12, 0, 0, 0)).ok()).map(|t| Moment::new(t, Offset::UTC));
    }
    let mut ctx = Context { reference: None };
    let mut out = Vec::new();
    let mut i = 0;
    while i < scanner.toks.len() {
        let opened = scanner.opened_by(i);
        if opened == 0 {
            i += 1;
            continue;
        }
        scanner.opening.set((scanner.toks[i].start, opened));
        match scanner.expression_at(scanner.toks[i].start) {
            Some(expr) if expr.end > expr.start => {
                let resolved = scanner.resolve(&expr, &mut ctx);
                let end = expr.end;
                out.push(TimeExpression {
                    text: text[expr.start..expr.end].to_string(),
                    start: expr.start,
                    end: expr.end,
                    value: resolved.value,
                    anchor: resolved.anchor,
                    flags: resolved.flags,
                });
                while i < scanner.toks.len() && scanner.toks[i].start < end {
                    i += 1;
                }
            }
            _ => i += 1,
        }
    }
    out
}

/// A clock time as written.
#[derive(Clone, Debug, PartialEq)]
struct Clock {
    hour: i8,
    minute: i8,
    /// The written zone's offset; `None` when no zone or "waktu setempat" was written.
    offset: Option<Offset>,
    /// The hour and minute a range ends at, in the same zone ("08.00-17.00 WIB", "8 a.m.
    /// to 5 p.m.").
    until: Option<(i8, i8)>,
}

#[derive(Clone, Debug, PartialEq)]
enum Core {
    /// A calendar date; the year may be missing ("19 Juni", "(18/6)").
    Date { year: Option<i16>, month: i8, day: i8 },
    /// A weekday with a date written next to it.
    DatedWeekday { weekday: i8, name: String, year: Option<i16>, month: i8, day: i8 },
    Weekday { weekday: i8, dir: Option<Dir> },
    Month { year: Option<i16>, month: i8, dir: Option<Dir> },
    DayOfMonth { day: i8, dir: Option<Dir> },
    Year(i16),
    /// Decade prefix: "194" for the 1940s.
    Decade(String),
    /// Days from publication ("kemarin" = -1).
    DayOffset(i64),
    /// "tadi malam", "pagi ini".
    PartOfDay(PartPhrase),
    /// "hari itu": the day the text talks about; with a part ("malam itu").
    SameDay(String),
    /// "pekan lalu", "next month".
    UnitRel { unit: String, dir: Dir },
    /// "24 tahun", "dua hari lalu", "beberapa saat" (`count` None = vague).
    Count { count: Option<f64>, unit: String, rel: Option<CountRel> },
    /// A value that needs no resolving ("PXY") or a reference ("PRESENT_REF").
    Literal(String),
    /// Days from one date to another: of one month, the first written as a number
    /// before the other's date ("10 hingga 12 Desember 2024"), or across months, each
    /// with its month ("30 April-1 Mei 2024", "April 30-May 1", "28 Desember 2023 - 2
    /// Januari 2024"). The year written last is the end's; `from_year` is one written
    /// with the first date.
    DateRange { from_year: Option<i16>, from_month: i8, from: i8, year: Option<i16>, month: i8, to: i8 },
    /// A season, in the year written after it ("the winter of 2015", "musim kemarau
    /// 2019") or else the publication's.
    Season { season: String, year: Option<i16> },
    Clock(Clock),
    /// A holiday, in the year written after it or else the nearest.
    Holiday { rule: HolidayRule, year: Option<HolidayYear> },
}

#[derive(Clone, Debug)]
struct Expr {
    start: usize,
    end: usize,
    core: Core,
    part: Option<String>,
    clock: Option<Clock>,
    since: bool,
}

struct Resolved {
    value: String,
    anchor: String,
    flags: Vec<String>,
}

/// What earlier expressions in the text established.
struct Context {
    /// The last full date the text mentioned.
    reference: Option<Date>,
}

struct Scanner<'a> {
    text: &'a str,
    lex: &'static TimeLexicon,
    qlex: &'static QuantityLexicon,
    toks: &'a [Token<'a>],
    /// Each token lower-cased, once: the lexicon lookups ask for it many times a token.
    lower: &'a [Cow<'a, str>],
    /// Split only when a bare weekday or month asks whether its sentence is about the
    /// future: most texts never do.
    sentences: OnceCell<Vec<Span>>,
    published: Option<Moment>,
    /// Without a publication time, the date of the news ("Rabu (3/12/2014)") and whether
    /// the lead gives it, which then stands for it: `published` is its noon.
    news_date: Option<(Date, bool)>,
    /// The token start being tried, and what it can open (see [`Scanner::opened_by`]).
    opening: Cell<(usize, u32)>,
}


fn english_weekday(w: Weekday) -> &'static str {
    match w {
        Weekday::Monday => "Monday",
        Weekday::Tuesday => "Tuesday",
        Weekday::Wednesday => "Wednesday",
        Weekday::Thursday => "Thursday",
        Weekday::Friday => "Friday",
        Weekday::Saturday => "Saturday",
        Weekday::Sunday => "Sunday",
    }
}

/// Dashes between the two ends of a range of days or clock times ("10-12 Maret",
/// "08.00–17.00 WIB"), in any language.
const RANGE_DASHES: [char; 3] = ['-', '–', '—'];

fn parse_u(s: &str) -> Option<i32> {
    if s.is_empty() || s.len() > 4 || !s.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

impl<'a> Scanner<'a> {
    // ---------------------------------------------------------------- tokens

    /// The token starting at `p` (after whitespace).
    /// A token of the text (as `tok` returns it) lower-cased.
    fn lower(&self, tok: &Token<'a>) -> &str {
        let i = self.toks.partition_point(|t| t.start < tok.start);
        &self.lower[i]
    }

    fn tok(&self, p: usize) -> Option<Token<'a>> {
        let p = skip_ws(self.text, p);
        let i = self.toks.partition_point(|t| t.start < p);
        self.toks.get(i).copied().filter(|t| t.start == p)
    }

    /// Consumes a single punctuation mark `c` at `p` (after whitespace).
    fn punct(&self, p: usize, c: &str) -> Option<usize> {
        self.tok(p).filter(|t| t.text == c).map(|t| t.end)
    }

    fn prev_word(&self, p: usize) -> Option<Token<'a>> {
        let i = self.toks.partition_point(|t| t.start < p);
        i.checked_sub(1).map(|j| self.toks[j]).filter(|t| t.is_word())
    }

    // ---------------------------------------------------------------- parsing

    /// What an expression starting at token `i` can begin with: the bits of the
    /// lexicon's lists whose phrases the token opens, and [`open::WORD`] for digits and
    /// number, month and weekday words (see `TimeLexicon::openers`). Nothing for most
    /// tokens.
    fn opened_by(&self, i: usize) -> u32 {
        let (text, lower) = (self.toks[i].text, self.lower[i].as_ref());
        let mut bits = self.lex.openers.opened_by(text, lower);
        if text.bytes().any(|b| b.is_ascii_digit()) || self.qlex.is_number_word(lower) {
            bits |= open::WORD;
        }
        bits
    }

    /// Can what `bits` stand for begin at `p`? Always yes but at the token being tried.
    fn may(&self, p: usize, bits: u32) -> bool {
        let (pos, opened) = self.opening.get();
        pos != p || opened & bits != 0
    }

    /// `list.at(p)`, passed over at the token being tried when it opens none of the
    /// list's phrases.
    fn at<'l, T>(&self, list: &'l Phrases<T>, bit: u32, p: usize) -> Option<(usize, &'l T)> {
        if !self.may(p, bit) {
            return None;
        }
        list.at(self.text, p)
    }

    fn expression_at(&self, p: usize) -> Option<Expr> {
        let lex = self.lex;
        // Hedge words stay in the span ("sekitar pukul 06.14").
        if let Some((e, _)) = self.at(&lex.approx, open::APPROX, p) {
            if let Some(mut expr) = self.expression_core(skip_ws(self.text, e)) {
                if matches!(expr.core, Core::Clock(_) | Core::Count { .. } | Core::Date { .. } | Core::DatedWeekday { .. } | Core::Holiday { .. })
                    || expr.clock.is_some()
                {
                    expr.start = p;
                    return Some(expr);
                }
            }
        }
        if let Some((e, _)) = self.at(&lex.since, open::SINCE, p) {
            if let Some(mut expr) = self.expression_core(skip_ws(self.text, e)) {
                if matches!(
                    expr.core,
                    Core::Year(_) | Core::Date { .. } | Core::DatedWeekday { .. } | Core::Month { .. } | Core::Decade(_) | Core::Holiday { .. }
                ) {
                    expr.start = p;
                    expr.since = true;
                    // "sejak Juni": the last June, never the next one.
                    if let (Core::Month { year: None, month, dir: dir @ None }, Some(pd)) = (&mut expr.core, self.pub_date()) {
                        *dir = Some(if *month == pd.month() { Dir::This } else { Dir::Last });
                    }
                }
                return Some(expr);
            }
        }
        self.expression_core(p)
    }

    fn expression_core(&self, p: usize) -> Option<Expr> {
        let (end, core) = self.core_at(p)?;
        let mut expr = Expr { start: p, end, core, part: None, clock: None, since: false };
        self.extend(&mut expr);
        Some(expr)
    }

    fn core_at(&self, p: usize) -> Option<(usize, Core)> {
        let lex = self.lex;
        let t = self.text;
        let tok = self.tok(p)?;
        if tok.start != p {
            return None;
        }
        if let Some((e, ph)) = self.at(&lex.phrases, open::PHRASES, p) {
            // "the overnight rate", "an overnight protest": a lower-case word after it
            // that is no function word is the noun it describes.
            let describes_next = lex.modifying_phrases.iter().any(|w| *w == t[p..e].to_lowercase())
                && self.tok(skip_ws(t, e)).is_some_and(|n| {
                    n.is_word() && n.text.starts_with(char::is_lowercase) && !self.qlex.stop_words.iter().any(|w| w == self.lower(&n))
                });
            if !describes_next {
                return Some((e, Core::PartOfDay(ph.clone())));
            }
        }
        if let Some((e, d)) = self.at(&lex.days, open::DAYS, p) {
            return Some((e, Core::DayOffset(*d)));
        }
        if let Some((e, part)) = self.at(&lex.same_day, open::SAME_DAY, p) {
            return Some((e, Core::SameDay(part.clone())));
        }
        if let Some((e, v)) = self.at(&lex.refs, open::REFS, p) {
            let prev = self.prev_word(p);
            let after_blocker = prev.is_some_and(|w| lex.refs_not_after.iter().any(|x| x == self.lower(&w)));
            let particle = lex.particle_refs.iter().any(|x| *x == t[p..e].to_lowercase())
                && self.tok(skip_ws(t, e)).is_some_and(|n| matches!(n.text, "," | "."))
                && !prev.is_some_and(|w| lex.particle_refs_time_after.iter().any(|x| x == self.lower(&w)));
            if !after_blocker && !particle {
                return Some((e, Core::Literal(v.clone())));
            }
        }
        if let Some((e, v)) = self.at(&lex.vague, open::VAGUE, p) {
            return Some((e, Core::Literal(v.clone())));
        }
        if let Some((e, v)) = self.at(&lex.seasons, open::SEASONS, p) {
            let q = lex.season_year_joiners.at(t, skip_ws(t, e)).map_or(e, |(q, _)| q);
            return Some(match self.year_after_plain(skip_ws(t, q)) {
                (e2, Some(year)) => (e2, Core::Season { season: v.clone(), year: Some(year) }),
                _ => (e, Core::Season { season: v.clone(), year: None }),
            });
        }
        // A holiday is named with a capital ("Tahun Baru", "malam Natal"); "tahun baru"
        // in lower case is any new year.
        if let Some((e, &rule)) = self.at(&lex.holidays, open::HOLIDAYS, p) {
            if t[p..e].chars().any(char::is_uppercase) {
                let (e2, year) = self.year_after_plain(e);
                // "Idul Fitri 1445 H", "Lebaran 1445": a year of the Islamic calendar (no
                // Gregorian year of news is that early).
                let marker = self.tok(e2).filter(|m| lex.hijri_year_markers.iter().any(|w| *w == self.lower(m)));
                let year = match (year, marker) {
                    (Some(y), m) if rule.in_hijri_year(y).is_some() && (m.is_some() || y < HIJRI_YEARS_BELOW) => Some(HolidayYear::Hijri(y)),
                    (Some(y), _) => Some(HolidayYear::Gregorian(y)),
                    (None, _) => None,
                };
                let e2 = match (year, marker) {
                    (Some(HolidayYear::Hijri(_)), Some(m)) => m.end,
                    _ => e2,
                };
                return Some((e2, Core::Holiday { rule, year }));
            }
        }
        if let Some((e, dir)) = self.at(&lex.before_unit, open::BEFORE_UNIT, p) {
            let q = skip_ws(t, e);
            if let Some((e2, weekday)) = self.weekday_at(q, true) {
                return Some((e2, Core::Weekday { weekday, dir: Some(*dir) }));
            }
            if let Some((e2, unit)) = lex.units.at(t, q) {
                if is_calendar_unit(unit) {
                    return Some((e2, Core::UnitRel { unit: unit.clone(), dir: *dir }));
                }
            }
            if let Some((e2, Core::Month { year, month, .. })) = self.month_at(q, true) {
                return Some((e2, Core::Month { year, month, dir: Some(*dir) }));
            }
        }
        if self.may(p, open::WORD) {
            if let Some(found) = self.weekday_core(p) {
                return Some(found);
            }
        }
        if let Some((e, _)) = self.at(&lex.day_prefixes, open::DAY_PREFIXES, p) {
            let q = skip_ws(t, e);
            if let Some((e2, y, m, d)) = self.date_inner(q, true) {
                return Some((e2, Core::Date { year: y, month: m, day: d }));
            }
            if let Some(dt) = self.tok(q) {
                if let Some(day) = parse_u(dt.text).filter(|d| (1..=31).contains(d)) {
                    return Some((dt.end, Core::DayOfMonth { day: day as i8, dir: None }));
                }
            }
        }
        if self.may(p, open::WORD) {
            // Before a date: "Jan. 5–7" opens with one.
            if let Some(found) = self.date_range_at(p).or_else(|| self.month_span_at(p)) {
                return Some(found);
            }
            if let Some((e, y, m, d)) = self.date_inner(p, false) {
                return Some((e, Core::Date { year: y, month: m, day: d }));
            }
        }
        if self.may(p, open::WORD | open::MONTH_PREFIXES) {
            if let Some(found) = self.month_at(p, false) {
                return Some(found);
            }
        }
        if self.may(p, open::WORD | open::CLOCK_PREFIXES) {
            if let Some((e, clock)) = self.clock_at(p, false) {
                return Some((e, Core::Clock(clock)));
            }
        }
        if self.may(p, open::WORD | open::YEAR_PREFIXES) {
            if let Some(found) = self.year_at(p) {
                return Some(found);
            }
        }
        if self.may(p, open::WORD | open::FEW | open::HALF | open::ONE_WORDS) {
            if let Some(found) = self.count_at(p) {
                return Some(found);
            }
        }
        if let Some((e, unit)) = self.at(&lex.units, open::UNITS, p) {
            if is_calendar_unit(unit) {
                if let Some((e2, dir)) = lex.after_unit.at(t, skip_ws(t, e)) {
                    return Some((e2, Core::UnitRel { unit: unit.clone(), dir: *dir }));
                }
            }
        }
        None
    }

    /// A weekday name at `p`; `alone` says it has no date next to it, where short or
    /// ambiguous spellings ("Sat", "minggu" = week) are not trusted.
    fn weekday_at(&self, p: usize, alone: bool) -> Option<(usize, i8)> {
        let tok = self.tok(p)?;
        let lower = self.lower(&tok);
        let &(wd, safe) = self.lex.weekdays.get(lower)?;
        if alone && !safe {
            return None;
        }
        // "minggu" is also "week": a weekday only when capitalized and not followed by
        // a relative word ("minggu lalu").
        if self.lex.units.contains(lower) {
            let capitalized = tok.text.starts_with(char::is_uppercase);
            let relative = self.lex.after_unit.at(self.text, skip_ws(self.text, tok.end)).is_some();
            if !capitalized || relative {
                return None;
            }
        }
        Some((tok.end, wd))
    }

    fn weekday_core(&self, p: usize) -> Option<(usize, Core)> {
        let tok = self.tok(p)?;
        let &(wd, _) = self.lex.weekdays.get(self.lower(&tok))?;
        // "Rabu (19/6/2024)", "Rabu, 19 Juni 2024", "Sabtu 20 April 1997", "Wed, June 19".
        let mut q = tok.end;
        if let Some(e) = self.punct(q, ",") {
            q = e;
        }
        let open = self.punct(q, "(");
        let inner_from = open.unwrap_or(q);
        if let Some((mut e, y, m, d)) = self.date_inner(inner_from, true) {
            if open.is_some() {
                if let Some(close) = self.punct(e, ")") {
                    e = close;
                }
            }
            let core = Core::DatedWeekday { weekday: wd, name: tok.text.to_string(), year: y, month: m, day: d };
            return Some((e, core));
        }
        let (end, weekday) = self.weekday_at(p, true)?;
        Some((end, Core::Weekday { weekday, dir: None }))
    }

    /// A date: "19/6/2024", "(18/6)" (`loose` allows a year-less numeric form),
    /// "19 Juni 2024", "19 Juni", "June 19, 2024", "2024-06-19".
    fn date_inner(&self, p: usize, loose: bool) -> Option<(usize, Option<i16>, i8, i8)> {
        let tok = self.tok(p)?;
        let s = tok.text;
        // ISO.
        if s.len() == 10 && s.as_bytes()[4] == b'-' && s.as_bytes()[7] == b'-' {
            let y = parse_u(&s[..4])?;
            let m = parse_u(&s[5..7])?;
            let d = parse_u(&s[8..])?;
            Date::new(y as i16, m as i8, d as i8).ok()?;
            return Some((tok.end, Some(y as i16), m as i8, d as i8));
        }
        // Numeric day/month[/year].
        let sep = if s.contains('/') { Some('/') } else if s.contains('-') { Some('-') } else { None };
        if let Some(sep) = sep {
            let parts: Vec<&str> = s.split(sep).collect();
            if (2..=3).contains(&parts.len()) && parts.iter().all(|x| parse_u(x).is_some()) {
                let a = parse_u(parts[0])?;
                let b = parse_u(parts[1])?;
                if parts[0].len() > 2 || parts[1].len() > 2 {
                    return None;
                }
                let year = match parts.get(2) {
                    Some(y) if y.len() == 4 => Some(parse_u(y)? as i16),
                    Some(y) if y.len() == 2 => Some(2000 + parse_u(y)? as i16),
                    Some(_) => return None,
                    None => None,
                };
                if year.is_none() {
                    // "(18/6)" or after a weekday; a bare "2-3" or "1/2" is not a date.
                    let in_parens = self.text[..tok.start].trim_end().ends_with('(');
                    if !(loose || in_parens) || sep == '-' {
                        return None;
                    }
                }
                // Day first, unless that cannot be.
                let (d, m) = if b > 12 && a <= 12 { (b, a) } else { (a, b) };
                if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
                    return None;
                }
                Date::new(year.unwrap_or(2000), m as i8, d as i8).ok()?;
                return Some((tok.end, year, m as i8, d as i8));
            }
            return None;
        }
        // Day month [year].
        if let Some(day) = parse_u(s).filter(|d| (1..=31).contains(d) && s.len() <= 2) {
            let mt = self.tok(tok.end)?;
            let &(m, full) = self.lex.months.get(self.lower(&mt))?;
            let mut e = mt.end;
            if let Some(dot) = self.punct(e, ".") {
                // "19 Jun. 2024": the dot of an abbreviation, not a full stop.
                if !full && self.text[mt.end..].starts_with('.') && self.year_after(dot).1.is_some() {
                    e = dot;
                }
            }
            let (e, year) = self.year_after(e);
            Date::new(year.unwrap_or(2000), m, day as i8).ok()?;
            return Some((e, year, m, day as i8));
        }
        // Month day[,] [year].
        if let Some(&(m, full)) = self.lex.months.get(self.lower(&tok)) {
            let mut q = tok.end;
            if let Some(dot) = self.punct(q, ".") {
                if !full && self.text[tok.end..].starts_with('.') {
                    q = dot;
                }
            }
            let dt = self.tok(q)?;
            let digits = dt.text.trim_end_matches(|c: char| c.is_ascii_alphabetic());
            let suffix = &dt.text[digits.len()..].to_lowercase();
            if !suffix.is_empty() && !matches!(suffix.as_str(), "st" | "nd" | "rd" | "th") {
                return None;
            }
            let day = parse_u(digits).filter(|d| (1..=31).contains(d) && digits.len() <= 2)?;
            let (e, year) = self.year_after(dt.end);
            Date::new(year.unwrap_or(2000), m, day as i8).ok()?;
            return Some((e, year, m, day as i8));
        }
        None
    }

    /// Days of one month: "10 hingga 12 Desember 2024", "10-12 Maret", "5–7 Januari"
    /// (day first), "March 10-12", "Jan. 5–7, 2024" (month first).
    fn date_range_at(&self, p: usize) -> Option<(usize, Core)> {
        let tok = self.tok(p)?;
        let (e, month, from, to) = match self.day_span_at(p) {
            Some((e, from, to)) => {
                let mt = self.tok(e)?;
                let &(month, full) = self.lex.months.get(self.lower(&mt))?;
                (self.abbreviation_dot(mt.end, full), month, from, to)
            }
            None => {
                // A month name in lower case is often a word ("may"): only a capital opens one.
                let &(month, full) = self.lex.months.get(self.lower(&tok)).filter(|_| tok.text.starts_with(char::is_uppercase))?;
                let (e, from, to) = self.day_span_at(skip_ws(self.text, self.abbreviation_dot(tok.end, full)))?;
                (e, month, from, to)
            }
        };
        let (e, year) = self.year_after(e);
        Date::new(year.unwrap_or(2000), month, to).ok()?;
        Some((e, Core::DateRange { from_year: None, from_month: month, from, year, month, to }))
    }

    /// Days from a date of one month to a date of another, each written with its month,
    /// day first ("30 April-1 Mei 2024", "28 Desember 2023 - 2 Januari 2024") or month
    /// first ("April 30-May 1", "Dec. 30 to Jan. 2"). A dash may be glued to the words
    /// around it, which then make one token ("April-1", "30-May").
    fn month_span_at(&self, p: usize) -> Option<(usize, Core)> {
        let day = |s: &str| parse_u(s).filter(|d| s.len() <= 2 && (1..=31).contains(d)).map(|d| d as i8);
        // Tried at every word: the tokens' own lower case, a new one only for the part of
        // a token a dash was glued to.
        let month_of = |word: &str| self.lex.months.get(word.to_lowercase().as_str()).copied();
        let month_tok = |t: &Token<'_>| self.lex.months.get(self.lower(t)).copied();
        let first = self.tok(p)?;
        // The first date and where its joiner ends, or the second date's first part when
        // the dash is glued inside a token.
        let day_first = day(first.text);
        let (from_year, from_month, from, after_join, glued_rest) = if let Some(d1) = day_first {
            let mt = self.tok(first.end)?;
            if let Some((m, rest)) = mt.text.split_once(RANGE_DASHES) {
                let (m1, _) = month_of(m)?;
                (None, m1, d1, mt.end, Some(rest))
            } else {
                let (m1, full) = month_tok(&mt)?;
                let (e, y1) = self.year_after_plain(self.abbreviation_dot(mt.end, full));
                (y1, m1, d1, self.range_joined(skip_ws(self.text, e))?, None)
            }
        } else {
            // A month name in lower case is often a word ("may"): only a capital opens one.
            let (m1, full) = month_tok(&first).filter(|_| first.text.starts_with(char::is_uppercase))?;
            let dt = self.tok(self.abbreviation_dot(first.end, full))?;
            if let Some((d, rest)) = dt.text.split_once(RANGE_DASHES) {
                (None, m1, day(d)?, dt.end, Some(rest))
            } else {
                let d1 = day(dt.text)?;
                (None, m1, d1, self.range_joined(skip_ws(self.text, dt.end))?, None)
            }
        };
        // The second date: day and month in the order the first was written.
        let (e, month, to) = match (glued_rest, day_first.is_some()) {
            (Some(rest), true) => {
                let d2 = day(rest)?;
                let mt = self.tok(after_join)?;
                let (m2, full) = month_tok(&mt)?;
                (self.abbreviation_dot(mt.end, full), m2, d2)
            }
            (Some(rest), false) => {
                let (m2, _) = month_of(rest).filter(|_| rest.starts_with(char::is_uppercase))?;
                let dt = self.tok(after_join)?;
                (dt.end, m2, day(dt.text)?)
            }
            (None, true) => {
                let dt = self.tok(after_join)?;
                let d2 = day(dt.text)?;
                let mt = self.tok(dt.end)?;
                let (m2, full) = month_tok(&mt)?;
                (self.abbreviation_dot(mt.end, full), m2, d2)
            }
            (None, false) => {
                let mt = self.tok(after_join)?;
                let (m2, full) = month_tok(&mt).filter(|_| mt.text.starts_with(char::is_uppercase))?;
                let dt = self.tok(self.abbreviation_dot(mt.end, full))?;
                (dt.end, m2, day(dt.text)?)
            }
        };
        if month == from_month {
            return None;
        }
        let (e, year) = self.year_after(e);
        // Forward in time: a later month of the same year, or into January of the next.
        let forward = match (from_year, year) {
            (Some(a), Some(b)) => (a, from_month) < (b, month) && b - a <= 1,
            (Some(_), None) => false,
            (None, _) => from_month < month || (from_month == 12 && month == 1),
        };
        let end_year = year.unwrap_or(2000);
        let start_year = from_year.unwrap_or(if from_month > month { end_year - 1 } else { end_year });
        (forward && Date::new(start_year, from_month, from).is_ok() && Date::new(end_year, month, to).is_ok()).then_some((e, Core::DateRange { from_year, from_month, from, year, month, to }))
    }

    /// Two days of a month, the first before the second: "10-12" (one token), "5 – 7",
    /// "10 hingga 12".
    fn day_span_at(&self, p: usize) -> Option<(usize, i8, i8)> {
        let day = |s: &str| parse_u(s).filter(|d| s.len() <= 2 && (1..=31).contains(d)).map(|d| d as i8);
        let tok = self.tok(p)?;
        let (end, from, to) = match tok.text.split_once(RANGE_DASHES) {
            Some((a, b)) => (tok.end, day(a)?, day(b)?),
            None => {
                let from = day(tok.text)?;
                let last = self.tok(self.range_joined(skip_ws(self.text, tok.end))?)?;
                (last.end, from, day(last.text)?)
            }
        };
        (from < to).then_some((end, from, to))
    }

    /// Past the dash or the word (`range_joiners`) at `p` that joins the two ends of a
    /// range ("10-12", "5 – 7", "09.00 hingga 15.00").
    fn range_joined(&self, p: usize) -> Option<usize> {
        match self.tok(p).filter(|d| d.text.chars().count() == 1 && d.text.starts_with(RANGE_DASHES)) {
            Some(dash) => Some(dash.end),
            None => self.lex.range_joiners.at(self.text, p).map(|(e, _)| e),
        }
    }

    /// Past the full stop of a short month name ("Jan."), where one is written.
    fn abbreviation_dot(&self, end: usize, full: bool) -> usize {
        match self.punct(end, ".") {
            Some(dot) if !full && self.text[end..].starts_with('.') => dot,
            _ => end,
        }
    }

    /// An optional ", 2024" after a date.
    fn year_after(&self, p: usize) -> (usize, Option<i16>) {
        let mut q = p;
        if let Some(e) = self.punct(q, ",") {
            q = e;
        }
        match self.tok(q) {
            Some(y) if y.text.len() == 4 => match parse_u(y.text) {
                Some(v) if (1000..=2999).contains(&v) => (y.end, Some(v as i16)),
                _ => (p, None),
            },
            _ => (p, None),
        }
    }

    /// "bulan Maret", "Maret 2014", "June 2024", "Maret" (see `month_alone_after`).
    fn month_at(&self, p: usize, after_modifier: bool) -> Option<(usize, Core)> {
        let lex = self.lex;
        // "akhir Maret", "late March": the part stays in the span, the value is the month.
        let q = self.at(&lex.month_parts, open::MONTH_PREFIXES, p).map_or(p, |(e, _)| skip_ws(self.text, e));
        let (q, prefixed) = match self.at(&lex.month_prefixes, open::MONTH_PREFIXES, q) {
            Some((e, _)) => (skip_ws(self.text, e), true),
            None => (q, false),
        };
        let tok = self.tok(q)?;
        let &(month, full) = lex.months.get(self.lower(&tok))?;
        let (e, year) = self.year_after_plain(tok.end);
        if year.is_none() && !prefixed && !after_modifier {
            let capitalized = tok.text.starts_with(char::is_uppercase);
            let allowed_after = lex.month_alone_after.is_empty()
                || self
                    .prev_word(p)
                    .is_some_and(|w| lex.month_alone_after.iter().any(|x| x == self.lower(&w)));
            if !(full && capitalized && allowed_after) {
                return None;
            }
        }
        Some((e, Core::Month { year, month, dir: None }))
    }

    fn year_after_plain(&self, p: usize) -> (usize, Option<i16>) {
        match self.tok(p) {
            Some(y) if y.text.len() == 4 => match parse_u(y.text) {
                Some(v) if (1000..=2999).contains(&v) => (y.end, Some(v as i16)),
                _ => (p, None),
            },
            _ => (p, None),
        }
    }

    /// "tahun 2007", "2014", "tahun 40-an", "1990s".
    fn year_at(&self, p: usize) -> Option<(usize, Core)> {
        let lex = self.lex;
        let (q, prefixed) = match self.at(&lex.year_prefixes, open::YEAR_PREFIXES, p) {
            Some((e, _)) => (skip_ws(self.text, e), true),
            None => (p, false),
        };
        let tok = self.tok(q)?;
        // Years and decades are written with digits: most tokens stop here.
        if !tok.text.bytes().any(|b| b.is_ascii_digit()) {
            return None;
        }
        let s = tok.text;
        let suffix = &lex.decade_suffix;
        if !suffix.is_empty() && s.len() > suffix.len() && self.lower(&tok).ends_with(suffix.to_lowercase().as_str()) {
            let digits = &s[..s.len() - suffix.len()];
            if let Some(v) = parse_u(digits) {
                let prefix = match digits.len() {
                    4 if v % 10 == 0 => (v / 10).to_string(),
                    2 if v % 10 == 0 => {
                        let this_decade = self.published.map_or(2, |m| (m.local().year() % 100) / 10) as i32;
                        let century = if v / 10 > this_decade { 19 } else { 20 };
                        format!("{century}{}", v / 10)
                    }
                    _ => return None,
                };
                if prefixed || digits.len() == 4 {
                    return Some((tok.end, Core::Decade(prefix)));
                }
            }
            return None;
        }
        if s.len() != 4 {
            return None;
        }
        let year = parse_u(s).filter(|y| (1900..=2100).contains(y))?;
        let glued = self.text[..tok.start].chars().next_back().is_some_and(|c| matches!(c, '-' | '/' | '.' | ','))
            || self.text[tok.end..].starts_with(|c: char| matches!(c, '-' | '/' | '%') || c.is_alphanumeric());
        if glued {
            return None;
        }
        if !prefixed {
            // A bare number that looks like a year but counts something ("2000 orang").
            if let Some(next) = self.tok(tok.end) {
                let nl = self.lower(&next);
                let counted_word = next.is_word()
                    && next.text.starts_with(char::is_lowercase)
                    && !self.qlex.stop_words.iter().any(|w| w == nl)
                    && lex.after_unit.at(self.text, next.start).is_none();
                if counted_word || self.qlex.units.at(self.text, next.start).is_some() {
                    return None;
                }
            }
            let before = self.text[..tok.start].trim_end();
            if self.qlex.currency_before.before(self.text, before.len()).is_some() {
                return None;
            }
        }
        Some((tok.end, Core::Year(year as i16)))
    }

    /// A clock time: "pukul 21.40 WITA", "06:19 WIB", "9.40pm", "1340 GMT", "pukul 8".
    /// `bare` accepts "06.19" with no prefix or zone (after a date and a comma).
    fn clock_at(&self, p: usize, bare: bool) -> Option<(usize, Clock)> {
        self.clock_or_range_at(p, bare, true)
    }

    /// [`Scanner::clock_at`]; `range` also reads a second clock time that ends a range
    /// (not for that second one, so "1.00 - 2.00 - 3.00 …" never recurses deeper).
    fn clock_or_range_at(&self, p: usize, bare: bool, range: bool) -> Option<(usize, Clock)> {
        let t = self.text;
        let (q, prefixed) = match self.at(&self.lex.clock_prefixes, open::CLOCK_PREFIXES, p) {
            Some((e, _)) => (skip_ws(t, e), true),
            None => (p, false),
        };
        let tok = self.tok(q)?;
        // Every clock has digits: most tokens stop here.
        if !tok.text.bytes().any(|b| b.is_ascii_digit()) {
            return None;
        }
        let s = self.lower(&tok);
        // "08.00-17.00": a range in one token.
        let hour_minute = |x: &str| -> Option<(i8, i8)> {
            let (h, m) = x.split_once([':', '.'])?;
            let (hour, minute) = (parse_u(h)?, parse_u(m)?);
            (h.len() <= 2 && m.len() == 2 && hour <= 23 && minute <= 59).then_some((hour as i8, minute as i8))
        };
        let (s, glued_until) = match s.split_once(RANGE_DASHES) {
            Some((a, b)) if a.contains(['.', ':']) => (a, Some(hour_minute(b)?)),
            _ => (s, None),
        };
        let (body, glued_meridiem) = if let Some(b) = s.strip_suffix("am") {
            (b, Some(false))
        } else if let Some(b) = s.strip_suffix("pm") {
            (b, Some(true))
        } else {
            (s, None)
        };
        let mut end = tok.end;
        let (hour, minute, colon, military) = if let Some((h, m)) = body.split_once([':', '.']) {
            (parse_u(h)?, parse_u(m).filter(|_| m.len() == 2)?, body.contains(':'), false)
        } else if body.len() == 4 && body.bytes().all(|b| b.is_ascii_digit()) && glued_meridiem.is_none() {
            (parse_u(&body[..2])?, parse_u(&body[2..])?, false, true)
        } else if body.len() <= 2 {
            (parse_u(body)?, 0, false, false)
        } else {
            return None;
        };
        if body.split_once([':', '.']).is_some_and(|(h, _)| h.len() > 2) {
            return None;
        }
        // "8:05 PM", "9.40 p.m."
        let mut meridiem = glued_meridiem;
        if meridiem.is_none() {
            let rest = &t[end..];
            let trimmed = rest.trim_start();
            let lower: String = trimmed.chars().take(4).collect::<String>().to_lowercase();
            let consumed = if lower.starts_with("a.m.") || lower.starts_with("p.m.") {
                Some(4)
            } else if lower.starts_with("am") || lower.starts_with("pm") {
                Some(2)
            } else {
                None
            };
            if let Some(n) = consumed {
                let after = &trimmed[n..];
                if !after.starts_with(char::is_alphanumeric) {
                    meridiem = Some(lower.starts_with('p'));
                    end = end + (rest.len() - trimmed.len()) + n;
                }
            }
        }
        let mut hour = hour as i8;
        if hour > 23 || minute > 59 {
            return None;
        }
        if let Some(pm) = meridiem {
            if hour > 12 {
                return None;
            }
            if pm && hour < 12 {
                hour += 12;
            } else if !pm && hour == 12 {
                hour = 0;
            }
        }
        // Zone.
        let mut offset = None;
        let mut zoned = false;
        // "(GMT+8)": a zone in brackets.
        let bracketed = self.punct(end, "(").and_then(|e| self.tok(e)).filter(|z| self.lex.zones.contains_key(z.text));
        if let Some(z) = self.tok(end).filter(|z| self.lex.zones.contains_key(z.text)).or(bracketed) {
            if let Some(o) = self.lex.zones.get(z.text) {
                offset = Some(*o);
                zoned = true;
                end = z.end;
                // "GMT+8", "UTC+07:00".
                let rest = &t[end..];
                let sign: Option<i32> = match rest.chars().next() {
                    Some('+') => Some(1),
                    Some('-') | Some('−') => Some(-1),
                    _ => None,
                };
                if let Some(sign) = sign {
                    let after_sign = &rest[rest.chars().next().map_or(1, char::len_utf8)..];
                    let digits: String = after_sign.chars().take_while(|c| c.is_ascii_digit() || *c == ':').collect();
                    let clean: String = digits.chars().filter(char::is_ascii_digit).collect();
                    let (h, m) = match clean.len() {
                        1 | 2 => (clean.parse::<i32>().ok(), Some(0)),
                        4 => (clean[..2].parse().ok(), clean[2..].parse().ok()),
                        _ => (None, None),
                    };
                    if let (Some(h), Some(m)) = (h, m) {
                        if h <= 14 && m < 60 {
                            if let Ok(o) = Offset::from_seconds(sign * (h * 3600 + m * 60) + o.seconds()) {
                                offset = Some(o);
                                end += (rest.len() - after_sign.len()) + digits.len();
                            }
                        }
                    }
                }
            }
        }
        if bracketed.is_some() && zoned {
            if let Some(e) = self.punct(end, ")") {
                end = e;
            }
        }
        if let Some((e, _)) = self.lex.local_time.at(t, skip_ws(t, end)) {
            end = e;
            offset = None;
            zoned = true;
        }
        let accepted = if military {
            zoned && !prefixed && offset.is_some()
        } else if body.contains([':', '.']) {
            prefixed || zoned || meridiem.is_some() || colon || bare
        } else {
            prefixed || meridiem.is_some()
        };
        if !accepted {
            return None;
        }
        let mut until = glued_until;
        if until.is_none() && range {
            // "09.00 - 15.00 WIB", "pukul 09.00 hingga 15.00", "8 a.m. to 5 p.m.": the
            // second must be a clock time on its own.
            let joined = self.range_joined(skip_ws(t, end));
            if let Some((e, last)) = joined.and_then(|q| self.clock_or_range_at(skip_ws(t, q), true, false)).filter(|(_, last)| last.until.is_none()) {
                until = Some((last.hour, last.minute));
                end = e;
                if offset.is_none() {
                    offset = last.offset;
                }
            }
        }
        Some((end, Clock { hour, minute: minute as i8, offset, until }))
    }

    /// "24 tahun", "dua hari lalu", "setahun", "beberapa saat", "Sebulan kemudian".
    fn count_at(&self, p: usize) -> Option<(usize, Core)> {
        let lex = self.lex;
        let t = self.text;
        let tok = self.tok(p)?;
        let lower = self.lower(&tok);
        let count: Option<f64>;
        let q;
        let mut unit: Option<(usize, String)> = None;
        if let Some((e, _)) = self.at(&lex.few, open::FEW, p) {
            count = None;
            q = e;
        } else if let Some((e, _)) = self.at(&lex.half, open::HALF, p) {
            count = Some(0.5);
            q = e;
        } else if let Some(v) = self.qlex.read_digits(tok.text).filter(|_| tok.text.chars().all(|c| c.is_ascii_digit() || c == ',' || c == '.')) {
            let glued = t[..tok.start].chars().next_back().is_some_and(|c| c.is_alphanumeric() || c == '-');
            if glued {
                return None;
            }
            count = Some(v);
            q = tok.end;
        } else if !lex.one_prefix.is_empty()
            && lower.starts_with(&lex.one_prefix)
            && lex.units.contains(&lower[lex.one_prefix.len()..])
        {
            let u = &lower[lex.one_prefix.len()..];
            let (_, d) = lex.units.at(u, 0)?;
            count = Some(1.0);
            q = tok.end;
            unit = Some((tok.end, d.clone()));
        } else if let Some((e, _)) = self.at(&lex.one_words, open::ONE_WORDS, p).filter(|_| !self.qlex.is_number_word(lower)) {
            count = Some(1.0);
            q = e;
        } else if self.qlex.is_number_word(lower) {
            let mut j = self.toks.partition_point(|x| x.start < tok.start);
            let first = j;
            while j < self.toks.len() && self.qlex.is_number_word(&self.lower[j]) {
                j += 1;
            }
            loop {
                if j <= first {
                    return None;
                }
                let words: Vec<&str> = self.toks[first..j].iter().map(|x| x.text).collect();
                if let Some(v) = self.qlex.read_words(&words) {
                    count = Some(v);
                    q = self.toks[j - 1].end;
                    break;
                }
                j -= 1;
            }
        } else {
            return None;
        }
        let (mut end, unit) = match unit {
            Some(u) => u,
            None => {
                let (e, u) = lex.units.at(t, skip_ws(t, q))?;
                (e, u.clone())
            }
        };
        // "bulan" right after a number is "month"; the month name after it is a date.
        if unit == "M" && self.tok(end).is_some_and(|n| lex.months.contains_key(self.lower(&n))) {
            return None;
        }
        let mut rel = None;
        if let Some((e, r)) = lex.count_rel.at(t, skip_ws(t, end)) {
            rel = Some(*r);
            end = e;
        }
        // "0 hari" or "2014 hari" are not durations anyone writes.
        if count.is_some_and(|c| c <= 0.0 || c > 10000.0) {
            return None;
        }
        Some((end, Core::Count { count, unit, rel }))
    }

    /// After a date-like core: a trailing "lalu"/"kemarin"/"ini", a part of the day
    /// ("malam", "dini hari", "sore ini"), a clock time ("pukul 07.55", ", 06:19 WIB").
    fn extend(&self, expr: &mut Expr) {
        let t = self.text;
        let lex = self.lex;
        let date_like = matches!(
            expr.core,
            Core::Date { .. }
                | Core::DatedWeekday { .. }
                | Core::Weekday { .. }
                | Core::DayOffset(_)
                | Core::DayOfMonth { .. }
                | Core::Month { .. }
                | Core::Year(_)
                | Core::DateRange { .. }
        );
        // "Selasa besok", "Senin kemarin": the weekday on the side the day word says.
        if let Core::Weekday { dir: dir @ None, .. } = &mut expr.core {
            if let Some((e, &offset)) = lex.days.at(t, skip_ws(t, expr.end)).filter(|(_, o)| **o != 0) {
                *dir = Some(if offset < 0 { Dir::Last } else { Dir::Next });
                expr.end = e;
            }
        }
        if date_like {
            if let Some((e, dir)) = lex.after_unit.at(t, skip_ws(t, expr.end)) {
                let absorb = match &mut expr.core {
                    Core::Weekday { dir: d, .. } | Core::Month { dir: d, .. } | Core::DayOfMonth { dir: d, .. } => {
                        *d = Some(*dir);
                        true
                    }
                    Core::Date { .. } | Core::DatedWeekday { .. } | Core::Year(_) | Core::DateRange { .. } => *dir != Dir::Next,
                    _ => false,
                };
                if absorb {
                    expr.end = e;
                }
            }
        }
        let day_like = matches!(
            expr.core,
            Core::Date { .. } | Core::DatedWeekday { .. } | Core::Weekday { .. } | Core::DayOffset(_) | Core::DayOfMonth { .. }
        );
        if !day_like && !matches!(expr.core, Core::Clock(_)) {
            return;
        }
        if day_like {
            if let Some((e, part)) = lex.parts.at(t, skip_ws(t, expr.end)) {
                expr.part = Some(part.clone());
                expr.end = e;
                if let Some((e2, Dir::This)) = lex.after_unit.at(t, skip_ws(t, e)).map(|(e, d)| (e, *d)) {
                    expr.end = e2;
                }
            }
            let mut q = expr.end;
            let comma = self.punct(q, ",");
            if let Some(e) = comma {
                q = e;
            }
            if let Some(e) = self.punct(q, "|") {
                q = e;
            }
            // After a comma only a bare page-style time joins the date ("15/09/2023, 06:19
            // WIB"); ", pukul 08.00 WIB" is an expression of its own (as TimeML annotates).
            let prefixed_after_comma = comma.is_some() && lex.clock_prefixes.at(t, skip_ws(t, q)).is_some();
            let clock = if prefixed_after_comma { None } else { self.clock_at(skip_ws(t, q), comma.is_some()) };
            let clock = clock.or_else(|| {
                // English: "on Monday at 9pm".
                if comma.is_some() {
                    return None;
                }
                lex.clock_prefixes.at(t, skip_ws(t, q)).and_then(|(e, _)| self.clock_at(skip_ws(t, e), true))
            });
            if let Some((e, clock)) = clock {
                expr.clock = Some(clock);
                expr.end = e;
            } else if comma.is_none() && expr.part.is_none() {
                // "Senin (3/3) malam": part already handled; nothing more.
            }
            if expr.clock.is_none() {
                return;
            }
        }
        // A date after a clock: "9.40pm local time on Monday", and right after it as
        // AP style writes it: "3 p.m. ET Wednesday", "10 a.m. Dec. 5".
        if let Core::Clock(clock) = &expr.core {
            let after = skip_ws(t, expr.end);
            {
                let q = skip_ws(t, lex.clock_date_joiners.at(t, after).map_or(after, |(q, _)| q));
                let date = self.weekday_core(q).or_else(|| {
                    self.date_inner(q, false).map(|(e, year, month, day)| (e, Core::Date { year, month, day }))
                });
                if let Some((e, core)) = date {
                    expr.clock = Some(clock.clone());
                    expr.core = core;
                    expr.end = e;
                    if let Some((e2, part)) = lex.parts.at(t, skip_ws(t, e)) {
                        let _ = part;
                        expr.end = e2;
                    }
                    return;
                }
            }
        }
        // A part of the day after a clock: "pukul 8 malam", "05.20 pagi".
        if let Some((e, part)) = lex.parts.at(t, skip_ws(t, expr.end)) {
            let clock = match &mut expr.core {
                Core::Clock(c) => Some(c),
                _ => expr.clock.as_mut(),
            };
            if let Some(c) = clock {
                let later = |hour: &mut i8| {
                    if matches!(part.as_str(), "AF" | "EV" | "NI") && *hour < 12 && !(part == "NI" && *hour < 4) {
                        *hour += 12;
                    }
                };
                later(&mut c.hour);
                if let Some((hour, _)) = &mut c.until {
                    later(hour);
                }
                expr.end = e;
            }
        }
    }

    // ---------------------------------------------------------------- resolving

    fn published_anchor(&self) -> String {
        match (self.news_date, self.published) {
            (Some((d, true)), _) => format!("date in the lead {d} (no publication time)"),
            (Some((d, false)), _) => format!("first date with its weekday {d} (no publication time)"),
            (None, Some(m)) => format!("published {m}"),
            (None, None) => "unresolved: no publication time".to_string(),
        }
    }

    /// A weekday written with its full date, the weekday right for the date, and whether
    /// it stands in the first three sentences: Indonesian news dates its lead so ("…,
    /// Rabu (3/12/2014), mengatakan …"), or the statement it reports further on ("…,"
    /// ujar Jama, Selasa (12/3/2024)."), and the day it reports is the day relative words
    /// count from when the text came without its publication time. The lead's date when
    /// it has one, else the first such date.
    fn news_date(&self) -> Option<(Date, bool)> {
        let split = self.sentences.get_or_init(|| sentences(self.text));
        // The first three sentences, a quotation split into several counted as one: a
        // quote may come before the dateline ("“Kami minta ditunda dulu. Jangan …,” tegas
        // Sugeng …, Selasa (14/11/2023).").
        let mut open_quote = false;
        let mut counted = 0;
        let mut lead_end = 0;
        for s in split {
            for c in self.text[s.start..s.end].chars() {
                match c {
                    '“' => open_quote = true,
                    '”' => open_quote = false,
                    '"' => open_quote = !open_quote,
                    _ => {}
                }
            }
            lead_end = s.end;
            counted += usize::from(!open_quote);
            if counted == 3 {
                break;
            }
        }
        for i in 0..self.toks.len() {
            // Past the lead only a weekday's name opens one: the rest of the text is not
            // parsed twice.
            if self.toks[i].start >= lead_end && !self.lex.weekdays.contains_key(&*self.lower[i]) {
                continue;
            }
            let opened = self.opened_by(i);
            if opened == 0 {
                continue;
            }
            self.opening.set((self.toks[i].start, opened));
            if let Some(Expr { core: Core::DatedWeekday { weekday, year: Some(y), month, day, .. }, .. }) = self.expression_at(self.toks[i].start) {
                let date = Date::new(y, month, day).ok()?;
                return (date.weekday().to_monday_zero_offset() == weekday).then_some((date, self.toks[i].start < lead_end));
            }
        }
        None
    }

    fn pub_date(&self) -> Option<Date> {
        self.published.map(|m| m.local().date())
    }

    /// Is the expression at `start` in a sentence that talks about the future?
    fn future_context(&self, start: usize) -> bool {
        let sentence_start = self
            .sentences
            .get_or_init(|| sentences(self.text))
            .iter()
            .find(|s| s.start <= start && start < s.end.max(s.start + 1))
            .map_or(0, |s| s.start);
        let i0 = self.toks.partition_point(|t| t.start < sentence_start);
        let i1 = self.toks.partition_point(|t| t.start < start);
        let from = i0.max(i1.saturating_sub(12));
        self.toks[from..i1].iter().any(|t| self.lex.future_cues.at(self.text, t.start).is_some())
    }

    fn resolve(&self, expr: &Expr, ctx: &mut Context) -> Resolved {
        let mut r = self.resolve_core(expr, ctx);
        // Part of day or clock on a resolved date.
        if let Some(part) = &expr.part {
            if let Some(date) = parse_full_date(&r.value) {
                r.value = format!("{date}T{part}");
            } else if r.value.starts_with("XXXX") {
                r.value = format!("{}T{part}", r.value);
            }
        }
        let clock = match &expr.core {
            Core::Clock(c) => Some(c.clone()),
            _ => expr.clock.clone(),
        };
        if let Some(c) = clock {
            let date = match (&expr.core, parse_full_date(&r.value)) {
                (Core::Clock(_), _) => None,
                (_, d) => d,
            };
            let unresolved_date = !matches!(expr.core, Core::Clock(_)) && r.value.starts_with("XXXX");
            // "10 a.m. Monday" with no publication time: the last date the text gave, when
            // it was a Monday; else the Monday stays unknown ("XXXX-WXX-1T10:00").
            let same_weekday = match (&expr.core, ctx.reference) {
                (Core::Weekday { weekday, .. }, Some(d)) => (d.weekday().to_monday_zero_offset() == *weekday).then_some(d),
                _ => None,
            };
            let (date_text, anchor) = match date {
                Some(d) => (d.to_string(), r.anchor.clone()),
                None if unresolved_date => match same_weekday {
                    Some(d) => (d.to_string(), format!("last date in the text {d}")),
                    None => (r.value.clone(), r.anchor.clone()),
                },
                None => match ctx.reference.or(self.pub_date()) {
                    Some(d) => (
                        d.to_string(),
                        if ctx.reference.is_some() {
                            format!("last date in the text {d}")
                        } else {
                            self.published_anchor()
                        },
                    ),
                    None => ("XXXX-XX-XX".to_string(), "unresolved: no date in the text or publication time".into()),
                },
            };
            let zone = c.offset.map(format_offset).unwrap_or_default();
            r.value = format!("{date_text}T{:02}:{:02}{zone}", c.hour, c.minute);
            if let Some((hour, minute)) = c.until {
                // A range past midnight ends the next day ("22.00-02.00").
                let end_date = match parse_full_date(&date_text) {
                    Some(d) if (hour, minute) < (c.hour, c.minute) => add_days(d, 1).to_string(),
                    _ => date_text.clone(),
                };
                r.value = format!("{}/{end_date}T{hour:02}:{minute:02}{zone}", r.value);
            }
            r.anchor = anchor;
        }
        if expr.since {
            let start_value = r.value.clone();
            r.value = match self.pub_date() {
                Some(d) => format!("{start_value}/{d}"),
                None => format!("{start_value}/PRESENT_REF"),
            };
            r.anchor = self.published_anchor();
        }
        // A range's last day is the last date it mentions ("dari 1 Juli hingga 25
        // Oktober 1147. Satu tahun kemudian …").
        let last = r.value.rsplit_once('/').map_or(r.value.as_str(), |(_, end)| end);
        if let Some(d) = parse_full_date(last).or_else(|| parse_full_date(&r.value)) {
            ctx.reference = Some(d);
        }
        r
    }

    fn resolve_core(&self, expr: &Expr, ctx: &mut Context) -> Resolved {
        let written = || "written".to_string();
        let unresolved = |value: &str| Resolved {
            value: value.to_string(),
            anchor: "unresolved: no publication time".to_string(),
            flags: Vec::new(),
        };
        let ok = |value: String, anchor: String| Resolved { value, anchor, flags: Vec::new() };
        let pub_date = self.pub_date();
        let future = || self.future_context(expr.start);
        match &expr.core {
            Core::Date { year: Some(y), month, day } => ok(format!("{y:04}-{month:02}-{day:02}"), written()),
            Core::Date { year: None, month, day } => match pub_date {
                Some(p) => ok(year_of_date(p, *month, *day, future()).to_string(), self.published_anchor()),
                None => unresolved(&format!("XXXX-{month:02}-{day:02}")),
            },
            Core::DateRange { from_year, from_month, from, year, month, to } => {
                let (end_year, anchor) = match (year, pub_date) {
                    (Some(y), _) => (Some(*y), written()),
                    (None, Some(p)) => (Some(year_of_date(p, *month, *to, future()).year()), self.published_anchor()),
                    (None, None) => (None, "unresolved: no publication time".to_string()),
                };
                // "Dec. 30 to Jan. 2" begins the year before it ends.
                let start_year = from_year.or(end_year.map(|y| if from_month > month { y - 1 } else { y }));
                let y = |year: Option<i16>| year.map_or_else(|| "XXXX".to_string(), |y| format!("{y:04}"));
                ok(format!("{}-{from_month:02}-{from:02}/{}-{month:02}-{to:02}", y(start_year), y(end_year)), anchor)
            }
            Core::DatedWeekday { weekday, name, year, month, day } => {
                let (date, anchor) = match (year, pub_date) {
                    (Some(y), _) => (Date::new(*y, *month, *day).ok(), written()),
                    (None, Some(p)) => (Some(nearest_year(p, *month, *day)), self.published_anchor()),
                    (None, None) => (None, String::new()),
                };
                match date {
                    Some(d) => {
                        let mut r = ok(d.to_string(), anchor);
                        if d.weekday().to_monday_zero_offset() != *weekday {
                            r.flags.push(format!(
                                "weekday-mismatch: {name}, but {d} is a {}",
                                english_weekday(d.weekday())
                            ));
                        }
                        r
                    }
                    None => unresolved(&format!("XXXX-{month:02}-{day:02}")),
                }
            }
            Core::Weekday { weekday, dir } => match pub_date {
                Some(p) => {
                    let today = p.weekday().to_monday_zero_offset() as i64;
                    let w = *weekday as i64;
                    let delta = match dir {
                        Some(Dir::Last) => {
                            let d = -(today - w).rem_euclid(7);
                            if d == 0 { -7 } else { d }
                        }
                        Some(Dir::Next) => {
                            let d = (w - today).rem_euclid(7);
                            if d == 0 { 7 } else { d }
                        }
                        Some(Dir::This) => w - today,
                        None if future() => (w - today).rem_euclid(7),
                        None => -(today - w).rem_euclid(7),
                    };
                    ok(add_days(p, delta).to_string(), self.published_anchor())
                }
                None => unresolved(&format!("XXXX-WXX-{}", weekday + 1)),
            },
            Core::Month { year: Some(y), month, .. } => ok(format!("{y:04}-{month:02}"), written()),
            Core::Month { year: None, month, dir } => match pub_date {
                Some(p) => {
                    let (py, pm) = (p.year(), p.month());
                    let y = match dir {
                        Some(Dir::Last) => if *month < pm { py } else { py - 1 },
                        Some(Dir::Next) => if *month > pm { py } else { py + 1 },
                        Some(Dir::This) => py,
                        None if future() => if *month >= pm { py } else { py + 1 },
                        None => if *month <= pm { py } else { py - 1 },
                    };
                    ok(format!("{y:04}-{month:02}"), self.published_anchor())
                }
                None => unresolved(&format!("XXXX-{month:02}")),
            },
            Core::DayOfMonth { day, dir } => match pub_date {
                Some(p) => {
                    let candidates: Vec<Date> = [-1i64, 0, 1]
                        .iter()
                        .filter_map(|k| {
                            let first = p.first_of_month().checked_add(JSpan::new().months(*k)).ok()?;
                            Date::new(first.year(), first.month(), *day).ok()
                        })
                        .collect();
                    let past = !matches!(dir, Some(Dir::Next)) && !future();
                    let pick = candidates
                        .iter()
                        .filter(|d| if past { **d <= p } else { **d >= p })
                        .min_by_key(|d| p.since(**d).map(|s| s.get_days().abs()).unwrap_or(i32::MAX))
                        .or(candidates.first());
                    match pick {
                        Some(d) => ok(d.to_string(), self.published_anchor()),
                        None => unresolved(&format!("XXXX-XX-{day:02}")),
                    }
                }
                None => unresolved(&format!("XXXX-XX-{day:02}")),
            },
            Core::Year(y) => ok(format!("{y:04}"), written()),
            Core::Decade(d) => ok(d.clone(), written()),
            Core::DayOffset(n) => match pub_date {
                Some(p) => ok(add_days(p, *n).to_string(), self.published_anchor()),
                None => unresolved(ref_for(*n)),
            },
            Core::PartOfDay(ph) => match (pub_date, self.published) {
                (Some(p), Some(m)) => {
                    // "tadi malam" written in the evening is tonight.
                    let offset = if ph.offset < 0 && m.local().hour() >= 18 { 0 } else { ph.offset };
                    ok(format!("{}T{}", add_days(p, offset), ph.part), self.published_anchor())
                }
                _ => unresolved(ref_for(ph.offset)),
            },
            Core::SameDay(part) => match ctx.reference {
                Some(d) => {
                    let value = if part.is_empty() { d.to_string() } else { format!("{d}T{part}") };
                    ok(value, format!("last date in the text {d}"))
                }
                None => ok("PAST_REF".to_string(), "no date in the text before it".to_string()),
            },
            Core::UnitRel { unit, dir } => {
                let n = match dir {
                    Dir::Last => -1,
                    Dir::This => 0,
                    Dir::Next => 1,
                };
                match pub_date {
                    Some(p) => match shift_to_unit(p, unit, n) {
                        Some(v) => ok(v, self.published_anchor()),
                        None => unresolved(ref_for(n)),
                    },
                    None => unresolved(ref_for(n)),
                }
            }
            Core::Count { count, unit, rel } => match rel {
                None | Some(CountRel::Ahead) => ok(duration(*count, unit), written()),
                Some(r @ (CountRel::Later | CountRel::Earlier)) => match (count, ctx.reference.or(pub_date)) {
                    (Some(c), Some(base)) => {
                        let c = if *r == CountRel::Earlier { -*c } else { *c };
                        let anchor = match ctx.reference {
                            Some(d) => format!("last date in the text {d}"),
                            None => self.published_anchor(),
                        };
                        match add_units(base, unit, c.round() as i64) {
                            Some(d) => ok(d.to_string(), anchor),
                            None => ok(ref_for(c.signum() as i64).into(), anchor),
                        }
                    }
                    _ => ok(
                        if *r == CountRel::Earlier { "PAST_REF" } else { "FUTURE_REF" }.into(),
                        self.published_anchor(),
                    ),
                },
                Some(r @ (CountRel::Ago | CountRel::Hence)) => {
                    let sign = if *r == CountRel::Ago { -1 } else { 1 };
                    match (count, self.published) {
                        (Some(c), Some(m)) => {
                            let n = sign * c.round() as i64;
                            let v = if matches!(unit.as_str(), "H" | "MIN" | "S") {
                                shift_clock(m, unit, n)
                            } else {
                                m.local().date().pipe(|p| shift_to_unit(p, unit, n))
                            };
                            match v {
                                Some(v) => ok(v, self.published_anchor()),
                                None => unresolved(ref_for(sign)),
                            }
                        }
                        (None, Some(_)) => ok(ref_for(sign).into(), self.published_anchor()),
                        (_, None) => unresolved(ref_for(sign)),
                    }
                }
            },
            Core::Literal(v) => ok(v.clone(), if v.ends_with("_REF") { self.published_anchor() } else { written() }),
            Core::Holiday { rule, year } => {
                let found = match year {
                    Some(HolidayYear::Gregorian(y)) => rule.in_year(*y).map(|d| (d, written())),
                    Some(HolidayYear::Hijri(y)) => rule.in_hijri_year(*y).map(|d| (d, written())),
                    // As for dates without a year; "since" one is past.
                    None => pub_date.and_then(|p| nearest_of(p, |y| rule.in_year(y), expr.since)).map(|d| (d, self.published_anchor())),
                };
                match found {
                    Some((d, anchor)) => match rule.last_day(d) {
                        // A month: "selama Ramadan" is its first day to its last.
                        Some(last) => {
                            let mut r = ok(format!("{d}/{last}"), anchor);
                            r.flags.push(format!("computed: {d} to {last} is the month the moon gives; an announced start or end may differ by a day"));
                            r
                        }
                        None => {
                            let mut r = ok(d.to_string(), anchor);
                            if rule.is_lunar() {
                                r.flags.push(format!("computed: {d} is the day the moon gives; an announced date may differ by a day"));
                            }
                            r
                        }
                    },
                    None => match year {
                        Some(HolidayYear::Gregorian(y)) => unresolved(&format!("{y:04}")),
                        _ => unresolved("XXXX"),
                    },
                }
            }
            Core::Season { season, year: Some(y) } => ok(format!("{y:04}-{season}"), written()),
            Core::Season { season, year: None } => match pub_date {
                Some(p) => ok(format!("{}-{season}", p.year()), self.published_anchor()),
                None => unresolved(&format!("XXXX-{season}")),
            },
            Core::Clock(_) => ok(String::new(), String::new()),
        }
    }
}

trait Pipe: Sized {
    fn pipe<T>(self, f: impl FnOnce(Self) -> T) -> T {
        f(self)
    }
}
impl Pipe for Date {}

fn ref_for(n: i64) -> &'static str {
    match n.signum() {
        -1 => "PAST_REF",
        0 => "PRESENT_REF",
        _ => "FUTURE_REF",
    }
}

fn is_calendar_unit(unit: &str) -> bool {
    matches!(unit, "W" | "WE" | "M" | "Y" | "DE" | "CE")
}

fn add_days(d: Date, n: i64) -> Date {
    d.checked_add(n.days()).unwrap_or(d)
}

fn add_units(d: Date, unit: &str, n: i64) -> Option<Date> {
    let span = match unit {
        "Y" => JSpan::new().try_years(n).ok()?,
        "M" => JSpan::new().try_months(n).ok()?,
        "W" | "WE" => JSpan::new().try_weeks(n).ok()?,
        "D" => JSpan::new().try_days(n).ok()?,
        "DE" => JSpan::new().try_years(n * 10).ok()?,
        "H" | "MIN" | "S" => JSpan::new(),
        _ => return None,
    };
    d.checked_add(span).ok()
}

/// The calendar unit containing `d` shifted by `n` units: a year, a month, an ISO week,
/// its weekend (TimeML's `2024-W08-WE`), a day, a decade or a century.
fn shift_to_unit(d: Date, unit: &str, n: i64) -> Option<String> {
    match unit {
        "Y" => Some(format!("{:04}", d.year() as i64 + n)),
        "M" => {
            let m = d.first_of_month().checked_add(JSpan::new().try_months(n).ok()?).ok()?;
            Some(format!("{:04}-{:02}", m.year(), m.month()))
        }
        "W" => {
            let w = d.checked_add(JSpan::new().try_weeks(n).ok()?).ok()?.iso_week_date();
            Some(format!("{:04}-W{:02}", w.year(), w.week()))
        }
        "WE" => Some(format!("{}-WE", shift_to_unit(d, "W", n)?)),
        "D" => Some(d.checked_add(JSpan::new().try_days(n).ok()?).ok()?.to_string()),
        "DE" => Some(format!("{:03}", d.year() as i64 / 10 + n)),
        "CE" => Some(format!("{:02}", d.year() as i64 / 100 + n)),
        _ => None,
    }
}

fn shift_clock(m: Moment, unit: &str, n: i64) -> Option<String> {
    let span = match unit {
        "H" => JSpan::new().try_hours(n).ok()?,
        "MIN" => JSpan::new().try_minutes(n).ok()?,
        _ => JSpan::new().try_seconds(n).ok()?,
    };
    let t = m.timestamp.checked_add(span).ok()?;
    let local: DateTime = m.offset.to_datetime(t);
    Some(format!(
        "{}T{:02}:{:02}{}",
        local.date(),
        local.hour(),
        local.minute(),
        format_offset(m.offset)
    ))
}

/// The date in the year nearest to publication: "(18/6)" written in June 2024 is 2024,
/// "(28/12)" written on 2 January 2025 is 2024.
/// The year of a date written without one ("19 Juni", "March 3"): the nearest, but a
/// date more than a quarter ahead of publication is last year's unless its sentence
/// speaks of the future, since news reports what happened ("On March 3, a fire …
/// killed one passenger", written in September).
fn year_of_date(p: Date, month: i8, day: i8, future: bool) -> Date {
    let nearest = nearest_year(p, month, day);
    let ahead = p.until(nearest).map(|s| s.get_days()).unwrap_or(0);
    if future || ahead <= 92 {
        return nearest;
    }
    Date::new(nearest.year() - 1, month, day).unwrap_or(nearest)
}

fn nearest_year(p: Date, month: i8, day: i8) -> Date {
    nearest_of(p, |y| Date::new(y, month, day).ok(), false).unwrap_or(p)
}

/// The nearest to `p` of last year's, this year's and next year's `in_year`; only one
/// not after `p` when `past`. Ties go to the past: news reports what happened.
fn nearest_of(p: Date, in_year: impl Fn(i16) -> Option<Date>, past: bool) -> Option<Date> {
    [p.year() - 1, p.year(), p.year() + 1]
        .into_iter()
        .filter_map(in_year)
        .filter(|d| !past || *d <= p)
        .min_by_key(|d| {
            let days = p.since(*d).map(|s| s.get_days()).unwrap_or(i32::MAX / 2);
            (days.abs(), days < 0)
        })
}

fn parse_full_date(v: &str) -> Option<Date> {
    if v.len() < 10 || !v.is_char_boundary(10) {
        return None;
    }
    v[..10].parse::<Date>().ok()
}

fn format_offset(o: Offset) -> String {
    let s = o.seconds();
    let sign = if s < 0 { '-' } else { '+' };
    let a = s.abs();
    format!("{sign}{:02}:{:02}", a / 3600, (a % 3600) / 60)
}

/// `P24Y`, `PT2M`, `PT12H` (half a day), `PXY` (vague).
fn duration(count: Option<f64>, unit: &str) -> String {
    let (mut n, mut unit) = (count, unit.to_string());
    // "windu" = 8 years.
    if let Some(stripped) = unit.strip_suffix('Y').filter(|s| !s.is_empty()) {
        if let Ok(k) = stripped.parse::<f64>() {
            n = n.map(|v| v * k);
            unit = "Y".into();
        }
    }
    if let Some(v) = n {
        if v.fract() != 0.0 {
            let smaller = match unit.as_str() {
                "Y" => Some(("M", 12.0)),
                "M" => Some(("D", 30.0)),
                "W" => Some(("D", 7.0)),
                "D" => Some(("H", 24.0)),
                "H" => Some(("MIN", 60.0)),
                "MIN" => Some(("S", 60.0)),
                _ => None,
            };
            if let Some((u, k)) = smaller {
                n = Some(v * k);
                unit = u.to_string();
            }
        }
    }
    let amount = match n {
        Some(v) if v.fract() == 0.0 => format!("{}", v as i64),
        Some(v) => format!("{v}"),
        None => "X".to_string(),
    };
    match unit.as_str() {
        "H" => format!("PT{amount}H"),
        "MIN" => format!("PT{amount}M"),
        "S" => format!("PT{amount}S"),
        u => format!("P{amount}{u}"),
    }
}

#[cfg(test)]
mod tests;
