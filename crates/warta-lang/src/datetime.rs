//! Absolute date-times as news pages print them, in any supported language:
//! `2024-06-19T17:23:00+07:00`, `15/09/2023, 06:19 WIB`, `diperbarui 19 Jun 2024, 17:23 WIB`,
//! `Wed, 19 Jun 2024 17:23:00 +0700`, `June 19, 2024 5:32 PM EDT`.
//! Relative expressions ("kemarin", "last week") belong to the analyze stage.

use std::sync::OnceLock;

use jiff::civil::{Date, DateTime, Time};
use jiff::tz::Offset;
use regex::{Captures, Regex, RegexBuilder};
use warta_model::Moment;

use crate::resources::{parse_offset, resources};

/// A date-time found in a piece of text.
#[derive(Clone, Debug, PartialEq)]
pub struct DateParse {
    pub moment: Moment,
    /// Bytes of the input that were read (date, time and zone together).
    pub start: usize,
    pub end: usize,
    /// No zone was written: the offset is the caller's default.
    pub zone_assumed: bool,
    /// No time of day was written: the time is midnight.
    pub date_only: bool,
}

pub(crate) struct Patterns {
    iso: Regex,
    numeric: Regex,
    day_month: Regex,
    month_day: Regex,
    time: Regex,
    zone_abbreviation: Regex,
    zone_numeric: Regex,
    /// Lower-case month spelling → month number, across all languages.
    months: Vec<(String, i8)>,
}

pub(crate) fn patterns() -> &'static Patterns {
    static PATTERNS: OnceLock<Patterns> = OnceLock::new();
    PATTERNS.get_or_init(|| {
        let r = resources();
        let mut months: Vec<(String, i8)> = Vec::new();
        let mut zones: Vec<String> = Vec::new();
        for language in r.all() {
            for (i, names) in language.calendar.months.iter().enumerate() {
                months.extend(names.iter().map(|n| (n.clone(), i as i8 + 1)));
            }
            zones.extend(language.calendar.zones.keys().cloned());
        }
        // Longest first so "juni" is tried before "jun".
        months.sort_by_key(|(name, _)| std::cmp::Reverse(name.len()));
        zones.sort_by_key(|z| std::cmp::Reverse(z.len()));
        let month_alt = months
            .iter()
            .map(|(n, _)| regex::escape(n))
            .collect::<Vec<_>>()
            .join("|");
        let zone_alt = zones.iter().map(|z| regex::escape(z)).collect::<Vec<_>>().join("|");
        let ci = |p: &str| {
            RegexBuilder::new(p)
                .case_insensitive(true)
                .build()
                .unwrap_or_else(|e| panic!("date pattern {p}: {e}"))
        };
        Patterns {
            iso: ci(r"\b(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?"),
            numeric: ci(r"\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\b"),
            day_month: ci(&format!(r"\b(\d{{1,2}})\s+({month_alt})\.?,?\s+(\d{{4}})\b")),
            month_day: ci(&format!(r"\b({month_alt})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b")),
            time: ci(r"\b(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?(?:\s*(a\.?m\.?|p\.?m\.?)(?:\W|$))?"),
            zone_abbreviation: Regex::new(&format!(r"\b({zone_alt})\b")).unwrap_or_else(|e| panic!("zone pattern: {e}")),
            zone_numeric: ci(r"(?:\b(?:GMT|UTC)\s*)?([+\-−]\d{1,2}(?::?\d{2})?)\b"),
            months,
        }
    })
}

/// Finds the first absolute date in `text` and reads the time and zone around it.
/// `default_offset` is used when the text names no zone (e.g. the zone usual for the
/// outlet's language); without one, UTC is assumed. Either way `zone_assumed` is set.
pub fn parse_datetime(text: &str, default_offset: Option<Offset>) -> Option<DateParse> {
    let p = patterns();
    if let Some(c) = p.iso.captures(text) {
        return from_iso(&c, default_offset);
    }
    let (date, date_start, date_end) = find_date(text, p)?;
    // Time and zone are looked for after the date first, then before it
    // ("Updated 5:32 PM EDT, Wed June 19, 2024").
    let after = &text[date_end..];
    let before = &text[..date_start];
    let (time, time_span) = match find_time(after, p) {
        Some((t, s, e)) => (Some(t), Some((date_end + s, date_end + e))),
        None => match find_time(before, p) {
            Some((t, s, e)) => (Some(t), Some((s, e))),
            None => (None, None),
        },
    };
    let zone_search_from = time_span.map_or(date_end, |(_, e)| e.max(date_end));
    let zone = find_zone(&text[zone_search_from..], p)
        .map(|(o, s, e)| (o, zone_search_from + s, zone_search_from + e))
        .or_else(|| {
            time_span.filter(|(s, _)| *s < date_start).and_then(|(_, te)| {
                find_zone(&text[te..date_start], p).map(|(o, s, e)| (o, te + s, te + e))
            })
        });
    let (offset, zone_assumed) = match zone {
        Some((o, _, _)) => (o, false),
        None => (default_offset.unwrap_or(Offset::UTC), true),
    };
    let datetime = DateTime::from_parts(date, time.unwrap_or(Time::midnight()));
    let timestamp = offset.to_timestamp(datetime).ok()?;
    let mut start = date_start;
    let mut end = date_end;
    for (s, e) in time_span.into_iter().chain(zone.map(|(_, s, e)| (s, e))) {
        start = start.min(s);
        end = end.max(e);
    }
    Some(DateParse {
        moment: Moment::new(timestamp, offset),
        start,
        end,
        zone_assumed,
        date_only: time.is_none(),
    })
}

fn from_iso(c: &Captures<'_>, default_offset: Option<Offset>) -> Option<DateParse> {
    let num = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<i32>().ok());
    let date = Date::new(num(1)? as i16, num(2)? as i8, num(3)? as i8).ok()?;
    let time = match (num(4), num(5)) {
        (Some(h), Some(m)) => Some(Time::new(h as i8, m as i8, num(6).unwrap_or(0) as i8, 0).ok()?),
        _ => None,
    };
    let written_zone = c.get(7).and_then(|z| {
        if z.as_str().eq_ignore_ascii_case("z") {
            Some(Offset::UTC)
        } else {
            parse_offset(z.as_str())
        }
    });
    let offset = written_zone.or(default_offset).unwrap_or(Offset::UTC);
    let timestamp = offset
        .to_timestamp(DateTime::from_parts(date, time.unwrap_or(Time::midnight())))
        .ok()?;
    let whole = c.get(0)?;
    Some(DateParse {
        moment: Moment::new(timestamp, offset),
        start: whole.start(),
        end: whole.end(),
        zone_assumed: written_zone.is_none(),
        date_only: time.is_none(),
    })
}

fn find_date(text: &str, p: &Patterns) -> Option<(Date, usize, usize)> {
    let month_number = |name: &str| {
        let lower = name.to_lowercase();
        p.months.iter().find(|(n, _)| *n == lower).map(|(_, m)| *m)
    };
    let mut found: Vec<(Date, usize, usize)> = Vec::new();
    if let Some(c) = p.numeric.captures(text) {
        let a: i8 = c[1].parse().ok()?;
        let b: i8 = c[2].parse().ok()?;
        let year: i16 = c[3].parse().ok()?;
        // Day first, as in Indonesian and most of the world, unless that cannot be.
        let (day, month) = if b > 12 && a <= 12 { (b, a) } else { (a, b) };
        if let (Ok(d), Some(m)) = (Date::new(year, month, day), c.get(0)) {
            found.push((d, m.start(), m.end()));
        }
    }
    if let Some(c) = p.day_month.captures(text) {
        if let (Some(month), Ok(day), Ok(year), Some(m)) =
            (month_number(&c[2]), c[1].parse::<i8>(), c[3].parse::<i16>(), c.get(0))
        {
            if let Ok(d) = Date::new(year, month, day) {
                found.push((d, m.start(), m.end()));
            }
        }
    }
    if let Some(c) = p.month_day.captures(text) {
        if let (Some(month), Ok(day), Ok(year), Some(m)) =
            (month_number(&c[1]), c[2].parse::<i8>(), c[3].parse::<i16>(), c.get(0))
        {
            if let Ok(d) = Date::new(year, month, day) {
                found.push((d, m.start(), m.end()));
            }
        }
    }
    found.into_iter().min_by_key(|(_, start, _)| *start)
}

fn find_time(text: &str, p: &Patterns) -> Option<(Time, usize, usize)> {
    for c in p.time.captures_iter(text) {
        let Some(whole) = c.get(0) else { continue };
        let mut hour: i8 = c[1].parse().ok()?;
        let minute: i8 = c[2].parse().ok()?;
        let second: i8 = c.get(3).and_then(|s| s.as_str().parse().ok()).unwrap_or(0);
        if let Some(meridiem) = c.get(4) {
            let pm = meridiem.as_str().to_lowercase().starts_with('p');
            if hour == 12 {
                hour = 0;
            }
            if pm {
                hour += 12;
            }
        }
        if let Ok(t) = Time::new(hour, minute, second, 0) {
            let end = whole.as_str().trim_end().len() + whole.start();
            return Some((t, whole.start(), end));
        }
    }
    None
}

fn find_zone(text: &str, p: &Patterns) -> Option<(Offset, usize, usize)> {
    let abbreviation = p.zone_abbreviation.find(text);
    let numeric = p.zone_numeric.captures(text);
    let abbreviation = abbreviation.and_then(|m| {
        resources()
            .zone(m.as_str())
            .map(|o| (o, m.start(), m.end()))
    });
    let numeric = numeric.and_then(|c| {
        let whole = c.get(0)?;
        let offset = parse_offset(&c[1].replace('−', "-"))?;
        Some((offset, whole.start(), whole.end()))
    });
    match (abbreviation, numeric) {
        (Some(a), Some(n)) => Some(if n.1 < a.1 { n } else { a }),
        (a, n) => a.or(n),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rfc3339(text: &str) -> String {
        parse_datetime(text, None)
            .map(|d| d.moment.to_string())
            .unwrap_or_else(|| "none".into())
    }

    #[test]
    fn reads_indonesian_page_times() {
        assert_eq!(rfc3339("Kompas.com - 15/09/2023, 06:19 WIB"), "2023-09-15T06:19:00+07:00");
        assert_eq!(rfc3339("diperbarui 19 Jun 2024, 17:23 WIB"), "2024-06-19T17:23:00+07:00");
        assert_eq!(rfc3339("Rabu, 19 Juni 2024 | 17.23 WITA"), "2024-06-19T17:23:00+08:00");
        assert_eq!(rfc3339("Senin, 3 Maret 2025 08:00 WIT"), "2025-03-03T08:00:00+09:00");
    }

    #[test]
    fn reads_english_and_machine_times() {
        assert_eq!(rfc3339("June 19, 2024 5:32 PM EDT"), "2024-06-19T17:32:00-04:00");
        assert_eq!(rfc3339("Updated 5:32 p.m. EDT, Wed June 19, 2024"), "2024-06-19T17:32:00-04:00");
        assert_eq!(rfc3339("Wed, 19 Jun 2024 17:23:00 +0700"), "2024-06-19T17:23:00+07:00");
        assert_eq!(rfc3339("2024-06-19T17:23:00.000+07:00"), "2024-06-19T17:23:00+07:00");
        assert_eq!(rfc3339("2024-06-19T10:23:00Z"), "2024-06-19T10:23:00+00:00");
        assert_eq!(rfc3339("Published 12:05 GMT, 1 March 2025"), "2025-03-01T12:05:00+00:00");
    }

    #[test]
    fn marks_what_it_had_to_assume() {
        let wib = Offset::from_hours(7).unwrap();
        let d = parse_datetime("19 Juni 2024", Some(wib)).unwrap();
        assert!(d.zone_assumed && d.date_only);
        assert_eq!(d.moment.to_string(), "2024-06-19T00:00:00+07:00");
        let d = parse_datetime("2024-06-19", None).unwrap();
        assert!(d.zone_assumed && d.date_only);
    }

    #[test]
    fn rejects_impossible_dates_and_plain_text() {
        assert_eq!(rfc3339("31/02/2024"), "none");
        assert_eq!(rfc3339("tidak ada tanggal di sini"), "none");
        assert_eq!(rfc3339("99:99 WIB"), "none");
    }
}
