//! Numbers with what they count: "lebih dari 11.000 kontainer amunisi", "Rp 1,25 triliun",
//! "70 persen", "lusinan rudal", "at least 12 people", "$3.5 million", "sembilan mil laut".
//!
//! Digits are read the way the article's language writes them ("11.000" is eleven
//! thousand in Indonesian, "1.25" one and a quarter in English), falling back on the
//! shape when it is unambiguous. Numbers that belong to a date, a clock time or a year
//! ("21.40 WITA", "19/6", "2024") are left to [`crate::time`]; numbers that name
//! something ("KN SAR Kresna 231", "Covid-19", "U-20", "MH370") are skipped.
//!
//! All words (number words, scales, currencies, bounds, units, and the words that end
//! the counted phrase) come from `resources/<lang>/quantities.toml`.

pub(crate) mod lexicon;

use warta_model::{Bound, Quantity, Span, TimeExpression};

use crate::tokens::{skip_ws, Token, Words};
use lexicon::{lexicon, QuantityLexicon};

/// Every quantity in `text`, in text order, with byte spans that cover the bound,
/// currency, number, scale, unit and counted words ("lebih dari 11.000 kontainer amunisi").
pub fn find_quantities(text: &str, language: &str) -> Vec<Quantity> {
    find_quantities_around(text, language, &crate::time::resolve_times(text, None, language))
}

/// A whole number alone in brackets or between commas right after a person's name is
/// that person's age ("Siti Aminah (31)", "berinisial RH (22)", "John Barnett, 62,"): its
/// unit becomes "age". `people` are the spans of people's mentions.
pub fn mark_ages(text: &str, people: &[Span], mut quantities: Vec<Quantity>) -> Vec<Quantity> {
    for q in quantities.iter_mut().filter(|q| q.unit.is_none() && q.counted.is_none() && q.upper.is_none() && q.bound == Bound::Exact) {
        let before = text[..q.start].trim_end();
        let set_off = [('(', ')'), (',', ',')].iter().find_map(|&(open, close)| before.strip_suffix(open).filter(|_| text[q.end..].starts_with(close)));
        let after_person = set_off.map(str::trim_end).is_some_and(|before| people.iter().any(|p| p.end == before.len()));
        if after_person && q.value.fract() == 0.0 && (1.0..=130.0).contains(&q.value) {
            q.unit = Some("age".to_string());
        }
    }
    quantities
}

/// [`find_quantities`] when the text's time expressions are known already (analyze has
/// them), so the time scan is not run twice: numbers inside `times` are not quantities,
/// except in durations ("24 tahun").
pub fn find_quantities_around(text: &str, language: &str, times: &[TimeExpression]) -> Vec<Quantity> {
    find_quantities_in(text, &Words::new(text), language, times)
}

/// [`find_quantities_around`] on the words of `text` the other stages read too.
pub(crate) fn find_quantities_in(text: &str, words: &Words<'_>, language: &str, times: &[TimeExpression]) -> Vec<Quantity> {
    let lex = lexicon(language);
    let toks = &words.toks;
    // Durations are `P…` values; `PAST_REF` and `PRESENT_REF` are times (an unresolved
    // "3 hari lalu") whatever the publication time.
    let is_duration = |value: &str| value.starts_with('P') && !value.ends_with("_REF");
    let taken: Vec<(usize, usize)> = times.iter().filter(|t| !is_duration(&t.value)).map(|t| (t.start, t.end)).collect();
    let inside_time = |s: usize, e: usize| taken.iter().any(|&(a, b)| s < b && a < e);
    let mut out: Vec<Quantity> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let Some(found) = read_at(text, words, i, lex, &inside_time) else {
            i += 1;
            continue;
        };
        if inside_time(found.number_start, found.number_end) {
            i += 1;
            continue;
        }
        let next_i = toks.partition_point(|t| t.start < found.end);
        i = next_i.max(i + 1);
        if out.last().is_some_and(|q| q.end > found.start) {
            continue;
        }
        out.push(Quantity {
            text: text[found.start..found.end].to_string(),
            start: found.start,
            end: found.end,
            value: found.value,
            unit: found.unit,
            counted: found.counted,
            bound: found.bound,
            upper: found.upper,
        });
    }
    out
}

struct Found {
    start: usize,
    end: usize,
    number_start: usize,
    number_end: usize,
    value: f64,
    unit: Option<String>,
    counted: Option<String>,
    bound: Bound,
    upper: Option<f64>,
}

/// Currencies are written as their ISO codes ("IDR", "USD"); other units in lower case.
fn is_currency(unit: &str) -> bool {
    unit.chars().all(|c| c.is_ascii_uppercase())
}

fn is_digits(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_digit()) && s.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ',')
}


fn trim_back(text: &str, p: usize) -> usize {
    text[..p].trim_end().len()
}

/// The quantity whose number is token `i`, if any; `inside_time(start, end)` tells a
/// span that overlaps a time expression, where what is counted ends ("5,1 persen tahun
/// ini" counts no year).
fn read_at(text: &str, words: &Words<'_>, i: usize, lex: &QuantityLexicon, inside_time: &dyn Fn(usize, usize) -> bool) -> Option<Found> {
    let (toks, lower) = (words.toks.as_slice(), words.lower.as_slice());
    let mut t = toks[i];
    // A currency glued to its number is one token ("Rp15.000", "RM1.5"): read the number
    // after it, and the currency is found before the number as when a space parts them.
    let mut glued_currency = None;
    if let Some(split) = t.text.find(|c: char| c.is_ascii_digit()).filter(|&s| s > 0) {
        if let Some(currency) = lex.currency_before.get(&t.text[..split]).filter(|_| is_digits(&t.text[split..])) {
            glued_currency = Some((t.start, currency));
            t = Token { text: &t.text[split..], start: t.start + split, ..t };
        }
    }
    let mut bound = Bound::Exact;
    let mut from_words = false;
    let (mut value, number_end) = if is_digits(t.text) {
        // Glued to letters on either side ("Covid-19", "U-20", "QZ8501") or part of a
        // slash or dash form: an identifier, not a count.
        let before = text[..t.start].chars().next_back();
        let after = text[t.end..].chars().next();
        if before.is_some_and(|c| (c.is_alphanumeric() && glued_currency.is_none()) || matches!(c, '-' | '/' | '.' | ','))
            || after.is_some_and(|c| c.is_alphanumeric() || matches!(c, '-' | '/'))
        {
            return None;
        }
        // A list number: "1. Judul", "2) Item" at the start of a line.
        let line_start = text[..t.start].trim_end_matches([' ', '\t']).ends_with('\n') || t.start == 0;
        if line_start && (after == Some('.') || after == Some(')')) {
            return None;
        }
        (lex.read_digits(t.text)?, t.end)
    } else if let Some((end, v)) = lex.vague.at(text, t.start) {
        bound = Bound::AtLeast;
        (*v, end)
    } else if lex.is_number_word(&lower[i]) {
        let mut j = i;
        while j < toks.len() && lex.is_number_word(&lower[j]) {
            j += 1;
        }
        // Back off until the words make a number.
        loop {
            if j <= i {
                return None;
            }
            let words: Vec<&str> = toks[i..j].iter().map(|t| t.text).collect();
            if let Some(v) = lex.read_words(&words) {
                from_words = true;
                break (v, toks[j - 1].end);
            }
            j -= 1;
        }
    } else {
        return None;
    };
    // "nomor 5", "level 3" name; "level 6 persen", "level 7.250,5" measure: decided once
    // the unit is known.
    let after_naming_word = i.checked_sub(1).is_some_and(|j| lex.not_after.iter().any(|n| n == &lower[j]));
    let number_start = t.start;
    let (mut upper, mut end) = match range_after(text, words, i, number_end, lex, value) {
        // "10 hingga 12 Desember 2024": the first number opens a range of days.
        Some((_, end)) if inside_time(end - 1, end) => return None,
        Some((upper, end)) if !from_words => (Some(upper), end),
        _ => (None, number_end),
    };
    // Scale words: "1,25 triliun", "3.5 million", "$3.5m"; in a range, of both ends.
    let mut scaled = false;
    loop {
        let p = skip_ws(text, end);
        match lex.scales.at(text, p) {
            Some((e, s)) if !(from_words && p > end && scaled) => {
                value *= s;
                upper = upper.map(|u| u * s);
                end = e;
                scaled = true;
            }
            _ => break,
        }
    }
    let mut unit: Option<String> = None;
    // Currency or unit before the number ("Rp 1,25", "US$3", "magnitudo 5,6").
    let mut start = number_start;
    if let Some((s, unit_before)) = glued_currency.or_else(|| lex.currency_before.before(text, trim_back(text, number_start))).or_else(|| lex.units_before.before(text, trim_back(text, number_start))) {
        unit = Some(unit_before.clone());
        start = s;
    }
    // Bound words before.
    if let Some((s, b)) = lex.bounds.before(text, trim_back(text, start)) {
        if bound == Bound::Exact {
            bound = *b;
        }
        start = s;
    }
    // Bound word after ("100 lebih").
    let p = skip_ws(text, end);
    if upper.is_none() {
        if let Some((e, b)) = lex.bounds_after.at(text, p) {
            bound = *b;
            end = e;
        }
    } else {
        bound = Bound::Between;
        // "antara 30 dan 40": the word that opens the range is part of it.
        let before = toks.partition_point(|t| t.end <= start).checked_sub(1);
        if let Some(opening) = before.filter(|&j| lex.range_opening.iter().any(|w| *w == lower[j])) {
            start = toks[opening].start;
        }
    }
    // Currency or unit after.
    let p = skip_ws(text, end);
    if unit.is_none() {
        if let Some((e, cur)) = lex.currency_after.at(text, p) {
            unit = Some(cur.clone());
            end = e;
        } else if let Some((e, u)) = lex.units.at(text, p) {
            // A one-letter unit must follow the number directly or stand alone.
            unit = Some(u.clone());
            end = e;
        }
    } else if let Some((e, _)) = lex.currency_after.at(text, p) {
        // "Rp 5 juta rupiah": the word repeats the symbol.
        end = e;
    }
    // A price for each unit or each of another currency: "Rp 15.000 per kilogram" is
    // IDR_per_kg, "Rp 16.300 per dolar AS" IDR_per_USD, "$80 a barrel" USD_per_barrel.
    // Within the line: "jutaan dolar" closing a paragraph is paid for nothing after it.
    if let Some(currency) = unit.clone().filter(|u| is_currency(u)) {
        let rate_word = lex.rate_words.at(text, skip_ws(text, end)).filter(|&(q, _)| !text[end..q].contains('\n'));
        if let Some((q, _)) = rate_word {
            let p = skip_ws(text, q);
            let per = lex.units.at(text, p).or_else(|| lex.currency_after.at(text, p)).filter(|_| !text[q..p].contains('\n'));
            if let Some((e, per)) = per {
                unit = Some(format!("{currency}_per_{per}"));
                end = e;
            }
        }
    }
    // "5.25%-5.50%", "10 persen - 12 persen": the unit written again after a dash and a
    // larger number ends a range.
    if let (None, Some(u)) = (upper, &unit) {
        if let Some((upper_value, e)) = unit_range_after(text, words, end, u, lex).filter(|&(v, _)| v > value) {
            upper = Some(upper_value);
            bound = Bound::Between;
            end = e;
        }
    }
    let separated = text[number_start..number_end].contains([lex.decimal, lex.thousands]);
    if after_naming_word && unit.is_none() && !separated {
        return None;
    }
    // What is counted.
    let mut counted_words: Vec<&str> = Vec::new();
    let measures = unit.as_deref().is_some_and(|u| !matches!(u, "percent" | "percentage_point") && !is_currency(u));
    let mut counted_end = end;
    if !measures {
        let mut j = toks.partition_point(|t| t.start < end);
        // Only words directly after, with no punctuation between.
        while j < toks.len() && counted_words.len() < lex.counted_max_words {
            let w = toks[j];
            let wl = lower[j].as_ref();
            let gap = &text[counted_end..w.start];
            if !gap.chars().all(char::is_whitespace) || gap.contains("\n") {
                break;
            }
            let alphabetic = w.text.chars().all(|c| c.is_alphabetic() || c == '-')
                && w.text.chars().next().is_some_and(char::is_alphabetic);
            let capitalized = w.text.chars().next().is_some_and(char::is_uppercase);
            let acronym = w.text.chars().filter(|c| c.is_alphabetic()).count() >= 2
                && w.text.chars().all(|c| c.is_uppercase() || c == '-');
            if !alphabetic
                || inside_time(w.start, w.end)
                || (capitalized && !acronym)
                || lex.stop_words.iter().any(|s| s == wl)
                || lex.is_number_word(wl)
                // A prefix needs a long word ("meja" is a table); an ending, a stem of two
                // letters ("died", "fled").
                // A verb after a sum of money names no thing counted ("US$ 2 miliar
                // disiapkan").
                || ((!counted_words.is_empty() || unit.is_some())
                    && ((wl.chars().count() >= 6 && lex.verb_prefixes.iter().any(|p| wl.starts_with(p.as_str())))
                        || lex.verb_suffixes.iter().any(|p| wl.ends_with(p.as_str()) && wl.len() >= p.len() + 2)))
            {
                break;
            }
            counted_words.push(w.text);
            counted_end = w.end;
            j += 1;
            if lex.is_plural(wl) {
                break;
            }
        }
    }
    let counted = (!counted_words.is_empty()).then(|| counted_words.join(" "));
    if counted.is_some() {
        end = counted_end;
    }
    // A number right after a capitalized name names something ("KN SAR Kresna 231",
    // "Liga 4 Zona"), unless a bound or currency claims it or the name opens the sentence.
    if start == number_start && unit.is_none() && !from_words && bound == Bound::Exact && i > 0 {
        let prev = toks[i - 1];
        let prev_cap = prev.text.chars().next().is_some_and(char::is_uppercase)
            && prev.text.chars().any(char::is_alphabetic);
        let opens_sentence = i < 2
            || matches!(toks[i - 2].text, "." | "!" | "?" | "\"" | "“" | ":" | "(")
            || text[toks[i - 2].end..prev.start].contains('\n');
        if prev_cap && !opens_sentence {
            return None;
        }
    }
    // A year written as a bare number before a noun ("his 2012 visit", "pemilu 2014")
    // dates it, it counts nothing: counts that large carry a thousands separator.
    let written = &text[number_start..number_end];
    let year_like = written.len() == 4 && written.bytes().all(|b| b.is_ascii_digit()) && (1900.0..=2099.0).contains(&value);
    if year_like && unit.is_none() && bound == Bound::Exact {
        return None;
    }
    // Two years of four digits joined as a range ("1535 sampai 1541", "between 1347 and
    // 1350") are a period, not an amount.
    let four_digits = |v: f64| v.fract() == 0.0 && (1000.0..=2099.0).contains(&v);
    if upper.is_some_and(four_digits) && four_digits(value) && written.len() == 4 && unit.is_none() && counted.is_none() {
        return None;
    }
    // Number words with nothing around them ("one of", "dua" alone) say too little.
    if from_words && unit.is_none() && counted.is_none() && bound == Bound::Exact {
        return None;
    }
    if from_words && value <= 1.0 && counted.is_none() && unit.is_none() {
        return None;
    }
    Some(Found { start, end, number_start, number_end, value, unit, counted, bound, upper })
}

/// The upper end of a range whose first number, `value`, is token `i` and ends at
/// `number_end`: "30 hingga 40", "10 to 15", "antara 30 dan 40" (the second number
/// larger, so a tally such as "passed 68 to 32" is no range); its value and where it
/// ends. Not after a word that makes the two a change ("from 30 to 40").
fn range_after(text: &str, words: &Words<'_>, i: usize, number_end: usize, lex: &QuantityLexicon, value: f64) -> Option<(f64, usize)> {
    let (toks, lower) = (words.toks.as_slice(), words.lower.as_slice());
    // The word before the number, or before its currency ("from $5 to $7").
    let first_currency = lex.currency_before.before(text, trim_back(text, toks[i].start));
    let opening = first_currency.map_or(toks[i].start, |(s, _)| s);
    let first = toks.partition_point(|t| t.start < opening);
    let before = first.checked_sub(1).map(|j| lower[j].as_ref());
    // "from 30 to 40", and for money up to three words back ("from the current $7.25 to
    // $12"): a change. ("dari periode sekitar 1200 hingga 1650" is a period.)
    let back = if opening < toks[i].start { 3 } else { 1 };
    let mut words_before = (first.saturating_sub(back)..first).rev().take_while(|&j| toks[j].is_word());
    if words_before.any(|j| lex.range_not_after.iter().any(|n| *n == lower[j])) {
        return None;
    }
    let opened = before.is_some_and(|w| lex.range_opening.iter().any(|o| o == w));
    let j = toks.partition_point(|t| t.start < number_end);
    let joining = lower.get(j)?.as_ref();
    if !(lex.range_joining.iter().any(|w| w == joining) || (opened && lex.range_opening_joining.iter().any(|w| w == joining))) {
        return None;
    }
    // "Rp 16.100 hingga Rp 16.300": the currency written before the first number may
    // stand before the second too.
    let mut second = toks.get(j + 1)?;
    if let Some((e, c)) = lex.currency_before.at(text, second.start) {
        let next = toks[j + 1..].iter().find(|n| n.start >= e)?;
        if first_currency.map(|(_, c)| c) != Some(c) || skip_ws(text, e) != next.start {
            return None;
        }
        second = next;
    }
    let after = text[second.end..].chars().next();
    if !is_digits(second.text) || after.is_some_and(|c| c.is_alphanumeric() || matches!(c, '-' | '/')) || text[number_end..second.start].contains('\n') {
        return None;
    }
    let upper = lex.read_digits(second.text)?;
    (upper > value).then_some((upper, second.end))
}

/// A dash right after a quantity's unit (`end`), a number and the same unit again: the
/// number's value and where that unit ends.
fn unit_range_after(text: &str, words: &Words<'_>, end: usize, unit: &str, lex: &QuantityLexicon) -> Option<(f64, usize)> {
    let toks = words.toks.as_slice();
    let j = toks.partition_point(|t| t.start < end);
    let (dash, number) = (toks.get(j)?, toks.get(j + 1)?);
    if !lex.unit_range_dashes.iter().any(|d| d == dash.text) || !is_digits(number.text) || text[end..number.start].contains('\n') {
        return None;
    }
    let value = lex.read_digits(number.text)?;
    let (e, second) = lex.units.at(text, skip_ws(text, number.end))?;
    (second == unit).then_some((value, e))
}

#[cfg(test)]
mod tests;
