//! Case-insensitive matching of word lists from the data files against the raw text,
//! forwards or backwards from a byte position, respecting word boundaries. Spaces in a
//! phrase match any run of whitespace, so "dini  hari" and "dini\nhari" still match.

use std::collections::HashMap;

use crate::fasthash::{FastMap, WordShapes};

/// Phrases with a value each, tried longest first.
pub(crate) struct Phrases<T> {
    items: Vec<(String, T)>,
    /// Indices into `items` (longest first) by the phrase's first character, and by its
    /// last: a lookup only tries the phrases that can start (or end) with the character
    /// at hand instead of every phrase of the list.
    by_first: Index,
    by_last: Index,
    /// Byte length of each phrase's leading run of letters and digits, when ASCII: a
    /// phrase can only match where the text's run is exactly as long, a test far
    /// cheaper than comparing characters.
    runs: Vec<Option<usize>>,
}

impl<T> Default for Phrases<T> {
    fn default() -> Self {
        Phrases { items: Vec::new(), by_first: Index::default(), by_last: Index::default(), runs: Vec::new() }
    }
}

/// Phrase indices by a character: a table for ASCII (most lookups, no hashing), a map
/// for the rest.
#[derive(Default)]
struct Index {
    ascii: Vec<Vec<u32>>,
    other: HashMap<char, Vec<u32>>,
}

impl Index {
    fn push(&mut self, c: char, item: u32) {
        if c.is_ascii() {
            if self.ascii.is_empty() {
                self.ascii = vec![Vec::new(); 128];
            }
            self.ascii[c as usize].push(item);
        } else {
            self.other.entry(c).or_default().push(item);
        }
    }

    fn get(&self, c: char) -> &[u32] {
        if c.is_ascii() {
            self.ascii.get(c as usize).map_or(&[], Vec::as_slice)
        } else {
            self.other.get(&c).map_or(&[], Vec::as_slice)
        }
    }
}

/// The character a phrase character is filed under, and a text character looked up by:
/// apostrophes are one, letters are lower case (the text's `ß` or `İ` that lower-case to
/// something else than one character match no phrase, as in [`same`]).
fn bucket(c: char) -> Option<char> {
    if c.is_ascii() {
        return Some(c.to_ascii_lowercase());
    }
    if matches!(c, '\'' | '’' | '‘') {
        return Some('\'');
    }
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) => Some(l),
        _ => None,
    }
}

impl<T> Phrases<T> {
    pub(crate) fn new(items: impl IntoIterator<Item = (String, T)>) -> Self {
        let mut items: Vec<(String, T)> = items
            .into_iter()
            .map(|(p, v)| (normalize(&p), v))
            .filter(|(p, _)| !p.is_empty())
            .collect();
        items.sort_by_key(|(p, _)| std::cmp::Reverse(p.chars().count()));
        let mut by_first = Index::default();
        let mut by_last = Index::default();
        for (i, (p, _)) in items.iter().enumerate() {
            if let Some(c) = p.chars().next().and_then(bucket) {
                by_first.push(c, i as u32);
            }
            if let Some(c) = p.chars().next_back().and_then(bucket) {
                by_last.push(c, i as u32);
            }
        }
        let runs = items
            .iter()
            .map(|(p, _)| {
                let run = p.find(|c: char| !c.is_alphanumeric()).unwrap_or(p.len());
                (run > 0 && p[..run].is_ascii()).then_some(run)
            })
            .collect();
        Phrases { items, by_first, by_last, runs }
    }

    /// The longest phrase that starts at `pos`: its end and value.
    pub(crate) fn at(&self, text: &str, pos: usize) -> Option<(usize, &T)> {
        if pos > text.len() || !text.is_char_boundary(pos) {
            return None;
        }
        let candidates = self.by_first.get(text[pos..].chars().next().and_then(bucket)?);
        if candidates.is_empty() {
            return None;
        }
        let run = ascii_run(text, pos);
        candidates.iter().find_map(|&i| {
            if let (Some(a), Some(b)) = (run, self.runs[i as usize]) {
                if a != b {
                    return None;
                }
            }
            let (p, v) = &self.items[i as usize];
            match_forward(text, pos, p).map(|end| (end, v))
        })
    }

    /// The longest phrase that ends at `pos`: its start and value.
    pub(crate) fn before(&self, text: &str, pos: usize) -> Option<(usize, &T)> {
        if pos > text.len() || !text.is_char_boundary(pos) {
            return None;
        }
        let candidates = self.by_last.get(text[..pos].chars().next_back().and_then(bucket)?);
        candidates.iter().find_map(|&i| {
            let (p, v) = &self.items[i as usize];
            match_backward(text, pos, p).map(|start| (start, v))
        })
    }

    /// The phrases, normalized as they are matched.
    pub(crate) fn phrases(&self) -> impl Iterator<Item = &str> {
        self.items.iter().map(|(p, _)| p.as_str())
    }

    pub(crate) fn contains(&self, word: &str) -> bool {
        self.get(word).is_some()
    }

    /// The value of a phrase given whole, whatever its case and spacing.
    pub(crate) fn get(&self, phrase: &str) -> Option<&T> {
        let w = normalize(phrase);
        self.items.iter().find(|(p, _)| *p == w).map(|(_, v)| v)
    }
}

impl<T> Phrases<T> {
    /// Files what a match of any of these phrases begins with in `openers`, under
    /// `bit`: the list's own bit.
    pub(crate) fn add_openers(&self, openers: &mut Openers, bit: u32) {
        for (p, _) in &self.items {
            let run: String = p.chars().take_while(|c| c.is_alphanumeric()).collect();
            if run.is_empty() {
                if let Some(c) = p.chars().next().and_then(bucket) {
                    openers.marks.push((c, bit));
                }
            } else {
                openers.add_word(&run, bit);
            }
        }
    }
}

/// The words a token must be (or begin with, up to its first non-alphanumeric
/// character) for a phrase of some lists, or a lexicon word, to match where it starts,
/// each with a bit for every list (or word set) it opens. Most tokens of a text open
/// none, and the others only a list or two: a lookup here spares trying every list.
///
/// Only ASCII words are looked up; a token with any other character may open anything,
/// which keeps the test exact without lower-casing Unicode here.
#[derive(Default)]
pub(crate) struct Openers {
    words: FastMap<String, u32>,
    /// First characters (as [`bucket`] files them) of phrases that begin with a mark.
    marks: Vec<(char, u32)>,
    /// Most tokens are turned away here without hashing.
    shapes: WordShapes,
}

impl Openers {
    /// A lower-case word, as [`Phrases`] and the lexicon maps hold them.
    pub(crate) fn add_word(&mut self, word: &str, bit: u32) {
        if !word.is_empty() {
            self.shapes.add(word);
            *self.words.entry(word.to_string()).or_default() |= bit;
        }
    }

    /// The bits of what may match at the start of `token`, lower-cased as `lower`: a
    /// list's bit only when one of its phrases begins with the token's leading word.
    pub(crate) fn opened_by(&self, token: &str, lower: &str) -> u32 {
        let Some(first) = token.chars().next() else { return 0 };
        let look = |word: &str| if self.shapes.may_hold(word) { self.words.get(word).copied().unwrap_or(0) } else { 0 };
        if !first.is_alphanumeric() {
            let b = bucket(first);
            let marks = self.marks.iter().filter(|(c, _)| Some(*c) == b).fold(0, |bits, (_, bit)| bits | bit);
            return marks | look(lower);
        }
        if !lower.is_ascii() {
            return u32::MAX;
        }
        let run = lower.bytes().position(|b| !b.is_ascii_alphanumeric()).unwrap_or(lower.len());
        let mut bits = look(&lower[..run]);
        if run < lower.len() {
            bits |= look(lower);
        }
        bits
    }
}

impl Phrases<()> {
    pub(crate) fn words(list: &[String]) -> Self {
        Phrases::new(list.iter().map(|w| (w.clone(), ())))
    }
}

/// The byte length of the run of letters and digits at `pos`, when it is all ASCII
/// (then it is as many characters long as it is bytes).
fn ascii_run(text: &str, pos: usize) -> Option<usize> {
    let rest = &text.as_bytes()[pos..];
    let n = rest.iter().position(|b| !b.is_ascii_alphanumeric()).unwrap_or(rest.len());
    rest.get(n).is_none_or(u8::is_ascii).then_some(n)
}

fn normalize(p: &str) -> String {
    p.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

fn same(c: char, p: char) -> bool {
    if c == p {
        return true;
    }
    let apostrophe = |x: char| matches!(x, '\'' | '’' | '‘');
    if apostrophe(c) && apostrophe(p) {
        return true;
    }
    let mut lower = c.to_lowercase();
    lower.next() == Some(p) && lower.next().is_none()
}

fn match_forward(text: &str, pos: usize, phrase: &str) -> Option<usize> {
    let first = phrase.chars().next()?;
    if first.is_alphanumeric() && text[..pos].chars().next_back().is_some_and(char::is_alphanumeric) {
        return None;
    }
    let mut t = text[pos..].char_indices().peekable();
    let mut end = pos;
    for pc in phrase.chars() {
        if pc == ' ' {
            let mut n = 0;
            while let Some(&(i, c)) = t.peek() {
                if c.is_whitespace() {
                    t.next();
                    n += 1;
                    end = pos + i + c.len_utf8();
                } else {
                    break;
                }
            }
            if n == 0 {
                return None;
            }
        } else {
            let (i, c) = t.next()?;
            if !same(c, pc) {
                return None;
            }
            end = pos + i + c.len_utf8();
        }
    }
    let last = phrase.chars().next_back()?;
    if last.is_alphanumeric() && text[end..].chars().next().is_some_and(char::is_alphanumeric) {
        return None;
    }
    Some(end)
}

fn match_backward(text: &str, pos: usize, phrase: &str) -> Option<usize> {
    let last = phrase.chars().next_back()?;
    if last.is_alphanumeric() && text[pos..].chars().next().is_some_and(char::is_alphanumeric) {
        return None;
    }
    let mut t = text[..pos].char_indices().rev().peekable();
    let mut start = pos;
    for pc in phrase.chars().rev() {
        if pc == ' ' {
            let mut n = 0;
            while let Some(&(i, c)) = t.peek() {
                if c.is_whitespace() {
                    t.next();
                    n += 1;
                    start = i;
                } else {
                    break;
                }
            }
            if n == 0 {
                return None;
            }
        } else {
            let (i, c) = t.next()?;
            if !same(c, pc) {
                return None;
            }
            start = i;
        }
    }
    let first = phrase.chars().next()?;
    if first.is_alphanumeric() && text[..start].chars().next_back().is_some_and(char::is_alphanumeric) {
        return None;
    }
    Some(start)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_whole_words_both_ways() {
        let p = Phrases::new([("dini hari".to_string(), 1), ("hari".to_string(), 2)]);
        let text = "Rabu dini  hari tadi";
        assert_eq!(p.at(text, 5), Some((15, &1)));
        assert_eq!(p.at(text, 11), Some((15, &2)));
        assert_eq!(p.before(text, 15), Some((5, &1)));
        assert_eq!(p.at("Rabu dinihari", 5), None);
        assert_eq!(p.at("harian", 0), None);
        // Upper case and curly apostrophes in the text find the lower-case phrase.
        let q = Phrases::new([("o'clock".to_string(), 1), ("jam".to_string(), 2)]);
        assert_eq!(q.at("O’CLOCK", 0), Some((9, &1)));
        assert_eq!(q.before("pukul 9 O’clock", 17), Some((8, &1)));
        assert_eq!(q.at("JAM 9", 0), Some((3, &2)));
        assert_eq!(q.at("", 0), None);
        assert_eq!(q.before("", 0), None);
    }

    #[test]
    fn run_lengths_turn_away_only_what_cannot_match() {
        let p = Phrases::new([("kira-kira".to_string(), 1), ("kira".to_string(), 2), ("sekitar".to_string(), 3)]);
        assert_eq!(p.at("Kira-kira pukul", 0), Some((9, &1)));
        assert_eq!(p.at("kira.", 0), Some((4, &2)));
        assert_eq!(p.at("sekitarnya", 0), None);
        assert_eq!(p.at("sekita", 0), None);
        // The Kelvin sign lower-cases to "k": three bytes in the text for one in the phrase.
        assert_eq!(p.at("\u{212A}ira lagi", 0), Some((6, &2)));
        assert_eq!(p.at("kiraé", 0), None);
    }
}
