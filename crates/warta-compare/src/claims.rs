//! Claims built from each article's analysis, with what is needed to align them.

use warta_model::{Analysis, Article, Bound, EntityKind, QuoteKind, Span};

use crate::lexicon::lexicon;
use crate::sentences::Docs;
use crate::text::words;
use crate::{Claim, ClaimKind};

/// A claim with the facts alignment needs, which the public [`Claim`] does not carry.
pub(crate) struct Ctx {
    pub claim: Claim,
    pub doc: usize,
    /// Index of the claim's sentence in `Docs::sents`.
    pub sent: usize,
    pub direct: bool,
    pub slot: Option<Slot>,
    pub amount: Option<Amount>,
    pub when: Option<When>,
    pub flags: Vec<String>,
}

/// What a number counts: the head noun class ("people", "crew", or the noun itself)
/// and, when cue words tell it, what about them (index into the lexicon's categories).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) struct Slot {
    pub head: String,
    pub category: Option<usize>,
    /// For an age, the person's key ([`Docs::key`]): one fact wherever it is told.
    pub whose: Option<String>,
}

/// A resolved time at day precision or finer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct When {
    /// `None` when the text gave no year ("Rabu (19 Juni)" in an undated page).
    pub year: Option<i16>,
    pub month: i8,
    pub day: i8,
    pub instant: Option<jiff::Timestamp>,
}

impl When {
    /// Reads the day of a TimeML-style value (`2025-03-03TNI`, `XXXX-06-19`,
    /// `2025-03-03T21:40+08:00`, a range `start/end` by its start); coarser values
    /// (`2024-06`, `P1W`, `PRESENT_REF`) give `None`.
    pub fn parse(value: &str) -> Option<When> {
        let first = value.split('/').next()?;
        let date = first.get(..10)?;
        let mut parts = date.split('-');
        let year = parts.next()?;
        let month: i8 = parts.next()?.parse().ok()?;
        let day: i8 = parts.next()?.parse().ok()?;
        let year = if year == "XXXX" { None } else { Some(year.parse().ok()?) };
        let instant = if first.len() > 16 && first.as_bytes().get(10) == Some(&b'T') {
            first
                .parse::<jiff::Timestamp>()
                .ok()
                .or_else(|| first.get(..16).and_then(|hm| format!("{hm}:00{}", &first[16..]).parse().ok()))
        } else {
            None
        };
        Some(When { year, month, day, instant })
    }

    /// Whether two times can be the same happening. Two clock times with zones are
    /// compared as instants (20.40 WIB is 21.40 WITA); otherwise the calendar days, with
    /// a missing year matching any year.
    pub fn agrees(&self, other: &When) -> bool {
        if let (Some(a), Some(b)) = (self.instant, other.instant) {
            return (a.as_second() - b.as_second()).abs() < 12 * 3600;
        }
        let years = match (self.year, other.year) {
            (Some(a), Some(b)) => a == b,
            _ => true,
        };
        years && self.month == other.month && self.day == other.day
    }
}

/// A claimed amount: its value, bound and, for a range, its upper end.
pub(crate) type Amount = (f64, Bound, Option<f64>);

/// Whether two amounts can describe the same count: equal, or within what a bound
/// ("about 9", "more than 17,000", "between 30 and 40") allows; two ranges that overlap.
pub(crate) fn amounts_agree(a: Amount, b: Amount) -> bool {
    let close = |x: f64, y: f64| (x - y).abs() <= 1e-9 * x.abs().max(1.0);
    if close(a.0, b.0) {
        return true;
    }
    if let (Bound::Between, Bound::Between, Some(a_upper), Some(b_upper)) = (a.1, b.1, a.2, b.2) {
        return a.0 <= b_upper && b.0 <= a_upper;
    }
    let fits = |(limit, bound, upper): Amount, v: f64| match bound {
        Bound::Exact => close(limit, v),
        Bound::About => (limit - v).abs() <= 0.15 * limit.abs(),
        Bound::MoreThan => v > limit,
        Bound::AtLeast => v >= limit,
        Bound::LessThan => v < limit,
        Bound::AtMost => v <= limit,
        Bound::Between => limit <= v && upper.is_none_or(|u| v <= u),
    };
    fits(a, b.0) || fits(b, a.0)
}

pub(crate) fn format_amount(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{}", value as i64)
    } else {
        format!("{value}")
    }
}

pub(crate) fn build(event: &[(Article, Analysis)], docs: &Docs) -> Vec<Ctx> {
    let mut out: Vec<Ctx> = Vec::new();
    for (doc, (article, analysis)) in event.iter().enumerate() {
        let make = |kind: ClaimKind, evidence: Span, subject: Option<String>, value: String| {
            let sent = docs.sentence_at(doc, evidence.start)?;
            let s = &docs.sents[sent];
            let claim = Claim {
                id: 0,
                article: article.id.clone(),
                kind,
                text: article.text.get(s.span.start..s.span.end)?.to_string(),
                span: s.span,
                evidence,
                subject,
                value,
                entities: s.entities.clone(),
                source_group: s.group,
            };
            Some(Ctx { claim, doc, sent, direct: false, slot: None, amount: None, when: None, flags: Vec::new() })
        };
        for q in analysis.quotes.iter().filter(|q| q.kind != QuoteKind::Fragment) {
            let speaker = q.speaker_id.as_deref().map(|id| docs.key(id)).or_else(|| q.speaker.clone());
            if let Some(mut c) = make(ClaimKind::Quote, Span::new(q.start, q.end), speaker, q.text.clone()) {
                c.direct = q.kind == QuoteKind::Direct;
                out.push(c);
            }
        }
        for t in &analysis.times {
            let Some(when) = When::parse(&t.value) else { continue };
            if let Some(mut c) = make(ClaimKind::Happening, Span::new(t.start, t.end), None, t.value.clone()) {
                c.when = Some(when);
                c.flags = t.flags.clone();
                out.push(c);
            }
        }
        for q in &analysis.quantities {
            let what = q.counted.clone().or_else(|| q.unit.clone());
            let amount = match q.upper {
                Some(upper) => format!("{}–{}", format_amount(q.value), format_amount(upper)),
                None => format_amount(q.value),
            };
            let value = match &what {
                Some(w) if w == "age" => format!("age {amount}"),
                Some(w) => format!("{amount} {w}"),
                None => amount,
            };
            // "Siti Aminah (31)", "John Barnett, 62,": the age of the person named right
            // before it.
            let aged = (q.unit.as_deref() == Some("age"))
                .then(|| {
                    let before = article.text.get(..q.start)?.trim_end().strip_suffix(['(', ','])?.trim_end().len();
                    analysis.entities.iter().find(|e| e.kind == EntityKind::Person && e.mentions.iter().any(|m| m.end == before))
                })
                .flatten();
            let slot = match aged {
                Some(person) => Some(Slot { head: format!("age of {}", person.name), category: None, whose: Some(docs.key(&person.id)) }),
                None => slot(article, analysis, docs, doc, q),
            };
            if let Some(mut c) = make(ClaimKind::Quantity, Span::new(q.start, q.end), what, value) {
                c.slot = slot;
                c.amount = Some((q.value, q.bound, q.upper));
                out.push(c);
            }
        }
        for e in analysis.entities.iter().filter(|e| e.kind == EntityKind::Person) {
            for r in &e.roles {
                out.extend(make(ClaimKind::Role, Span::new(r.start, r.end), Some(docs.key(&e.id)), r.canonical.clone()));
            }
        }
    }
    for (id, c) in out.iter_mut().enumerate() {
        c.claim.id = id;
    }
    out
}

/// The slot of a quantity: its head noun class, and the category named by the cue
/// words of its clause — bounded by commas and by neighbouring numbers, so in "17
/// penumpang luka-luka, sementara satu penumpang ditemukan meninggal" the 17 is
/// "injured" and the one "dead".
fn slot(article: &Article, analysis: &Analysis, docs: &Docs, doc: usize, q: &warta_model::Quantity) -> Option<Slot> {
    let sent = docs.sentence_at(doc, q.start)?;
    slot_in(&article.text, docs.sents[sent].span, q, &analysis.quantities)
}

/// What a count is, in words: the class of what is counted ("people", "crew", or the
/// noun itself) and, for counts of people, what the cue words of its clause say
/// happened to them ("dead", "injured", from the languages' `compare.toml`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CountedAs {
    pub head: String,
    pub category: Option<String>,
}

/// What `q`, inside `sentence` of `text`, counts; `quantities` are all of `text`'s
/// quantities (a neighbouring number ends the clause). The same reading compare aligns
/// counts by, for text outside the articles such as a model's summary of them.
pub fn counted_as(text: &str, sentence: Span, q: &warta_model::Quantity, quantities: &[warta_model::Quantity]) -> Option<CountedAs> {
    let slot = slot_in(text, sentence, q, quantities)?;
    Some(CountedAs { head: slot.head, category: slot.category.and_then(|k| lexicon().categories.get(k)).map(|c| c.name.clone()) })
}

fn slot_in(text: &str, span: Span, q: &warta_model::Quantity, quantities: &[warta_model::Quantity]) -> Option<Slot> {
    let lex = lexicon();
    let head = match (&q.counted, &q.unit) {
        (Some(counted), _) => {
            let tokens: Vec<String> = words(counted).into_iter().map(|(w, _)| w).collect();
            lex.heads
                .iter()
                .find(|(phrase, _)| !phrase.is_empty() && tokens.starts_with(phrase))
                .map(|(_, class)| class.clone())
                .or_else(|| tokens.first().cloned())?
        }
        (None, Some(unit)) => format!("unit:{unit}"),
        (None, None) => return None,
    };
    let mut from = span.start;
    let mut to = span.end;
    let boundary = |c: char| matches!(c, ',' | ';' | ':' | '(' | ')');
    if let Some(before) = text.get(span.start..q.start.max(span.start)) {
        if let Some(i) = before.rfind(boundary) {
            from = span.start + i + 1;
        }
    }
    if let Some(after) = text.get(q.end.min(span.end)..span.end) {
        if let Some(i) = after.find(boundary) {
            to = q.end + i;
        }
    }
    for other in quantities {
        if other.end <= q.start && other.end > from {
            from = other.end;
        }
        if other.start >= q.end && other.start < to {
            to = other.start;
        }
    }
    let clause: Vec<(String, Span)> = text.get(from..to).map(words).unwrap_or_default();
    let centre = q.start.saturating_sub(from);
    let mut best: Option<(usize, usize)> = None;
    for (k, category) in lex.categories.iter().enumerate() {
        for cue in &category.cues {
            if cue.is_empty() {
                continue;
            }
            for (i, window) in clause.windows(cue.len()).enumerate() {
                if window.iter().zip(cue).all(|((w, _), c)| w == c) {
                    let distance = clause[i].1.start.abs_diff(centre);
                    if best.is_none_or(|(d, _)| distance < d) {
                        best = Some((distance, k));
                    }
                }
            }
        }
    }
    // Categories describe counts of people; "15 nautical miles" near "search" is not
    // a count of the missing.
    let of_people = lex.heads.iter().any(|(_, class)| *class == head);
    Some(Slot { head, category: best.filter(|_| of_people).map(|(_, k)| k), whose: None })
}

/// Whether `text` holds a word telling that a figure was updated.
pub(crate) fn has_update_cue(text: &str) -> bool {
    let tokens: Vec<String> = words(text).into_iter().map(|(w, _)| w).collect();
    lexicon()
        .update_cues
        .iter()
        .any(|cue| !cue.is_empty() && tokens.windows(cue.len()).any(|w| w == cue.as_slice()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_agree_across_zones_and_unknown_years() {
        let wita = When::parse("2025-03-03T21:40+08:00").unwrap();
        let wib = When::parse("2025-03-03T20:40+07:00").unwrap();
        assert!(wita.instant.is_some() && wita.agrees(&wib));
        let night = When::parse("2025-03-03TNI").unwrap();
        let early = When::parse("2025-03-04TMO").unwrap();
        assert!(night.agrees(&wita) && !night.agrees(&early));
        assert!(When::parse("XXXX-06-19TMO").unwrap().agrees(&When::parse("2024-06-19").unwrap()));
        assert!(When::parse("2024-06").is_none() && When::parse("P1W").is_none());
    }

    #[test]
    fn bounds_widen_agreement() {
        assert!(amounts_agree((9.0, Bound::About, None), (9.5, Bound::Exact, None)));
        assert!(!amounts_agree((146.0, Bound::Exact, None), (164.0, Bound::Exact, None)));
        assert!(amounts_agree((17000.0, Bound::MoreThan, None), (17500.0, Bound::Exact, None)));
        // A range holds what lies in it, and meets a range it overlaps.
        assert!(amounts_agree((30.0, Bound::Between, Some(40.0)), (35.0, Bound::Exact, None)));
        assert!(!amounts_agree((30.0, Bound::Between, Some(40.0)), (45.0, Bound::Exact, None)));
        assert!(amounts_agree((30.0, Bound::Between, Some(40.0)), (38.0, Bound::Between, Some(50.0))));
        assert!(!amounts_agree((30.0, Bound::Between, Some(40.0)), (41.0, Bound::Between, Some(50.0))));
    }
}
