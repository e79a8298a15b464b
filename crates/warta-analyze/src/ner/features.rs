//! Features of a token in its sentence, hashed to `u32` keys.
//!
//! Every feature is a template id plus a string, hashed with FNV-1a so the keys are the
//! same on every machine and run. Case features (raw word, shape, capitalisation
//! pattern) are only emitted for cased sentences: NERP is lower-cased, and a sentence
//! without any capital letter says nothing through its case.

use std::collections::HashMap;
use std::sync::OnceLock;

/// Hash of `(template, text)`.
pub fn key(template: u8, text: &str) -> u32 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in std::iter::once(template).chain(text.bytes()) {
        h ^= b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    (h ^ (h >> 32)) as u32
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
const GAZ_ORGS: [&str; 2] = [
    include_str!("../../../../resources/id/gazetteer-organizations.txt"),
    include_str!("../../../../resources/en/gazetteer-organizations.txt"),
];

struct Gazetteers {
    /// Single lower-cased words: titles and speech cues.
    titles: std::collections::HashSet<String>,
    cues: std::collections::HashSet<String>,
    /// Multi-word names by their first word: (all words, category).
    names: HashMap<String, Vec<(Vec<String>, &'static str)>>,
    /// English context words and their Indonesian counterparts.
    context: HashMap<String, String>,
}

fn lines(text: &str) -> impl Iterator<Item = String> + '_ {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_lowercase)
}

fn gazetteers() -> &'static Gazetteers {
    static G: OnceLock<Gazetteers> = OnceLock::new();
    G.get_or_init(|| {
        let mut names: HashMap<String, Vec<(Vec<String>, &'static str)>> = HashMap::new();
        for (files, category) in [(GAZ_PLACES, "place"), (GAZ_ORGS, "org")] {
            for line in files.iter().flat_map(|f| lines(f)) {
                let words: Vec<String> = line.split_whitespace().map(str::to_string).collect();
                names.entry(words[0].clone()).or_default().push((words, category));
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
        }
    })
}

/// Word shape: X for upper, x for lower, d for digit, other characters as they are;
/// runs collapsed ("Jens" → "Xx", "19/6/2024" → "d/d/d"). Without case all letters are x.
fn shape(word: &str, cased: bool) -> String {
    let mut out = String::new();
    let mut last = '\0';
    for c in word.chars() {
        let s = if c.is_numeric() {
            'd'
        } else if c.is_alphabetic() {
            if cased && c.is_uppercase() {
                'X'
            } else {
                'x'
            }
        } else {
            c
        };
        if s != last {
            out.push(s);
            last = s;
        }
    }
    out
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

fn prefix(word: &str, n: usize) -> Option<&str> {
    let end = word.char_indices().nth(n).map(|(i, _)| i)?;
    Some(&word[..end])
}

fn suffix(word: &str, n: usize) -> Option<&str> {
    let count = word.chars().count();
    if count <= n {
        return None;
    }
    let start = word.char_indices().nth(count - n).map(|(i, _)| i)?;
    Some(&word[start..])
}

/// Is the sentence written with case? (It has at least one upper-case letter.)
pub fn is_cased<S: AsRef<str>>(words: &[S]) -> bool {
    words.iter().any(|w| w.as_ref().chars().any(char::is_uppercase))
}

/// Feature keys for every token of a sentence.
pub fn sentence<S: AsRef<str>>(words: &[S], cased: bool) -> Vec<Vec<u32>> {
    let n = words.len();
    let raw: Vec<&str> = words.iter().map(|w| w.as_ref()).collect();
    let lower: Vec<String> = raw.iter().map(|w| w.to_lowercase()).collect();
    let g = gazetteers();
    // Neighbours as context: English function words read as their Indonesian twins.
    let ctx: Vec<&str> = lower.iter().map(|w| g.context.get(w).map(String::as_str).unwrap_or(w)).collect();
    let classes: Vec<char> = raw.iter().map(|w| case_class(w)).collect();

    // Gazetteer matches: longest name starting at each token, marked B/I per category.
    let mut gaz: Vec<Option<(&'static str, bool)>> = vec![None; n];
    let mut i = 0;
    while i < n {
        let mut advanced = false;
        if let Some(list) = g.names.get(&lower[i]) {
            for (name, category) in list {
                if i + name.len() <= n && name.iter().zip(&lower[i..]).all(|(a, b)| a == b) {
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

    let mut out = Vec::with_capacity(n);
    let mut buf = String::new();
    for i in 0..n {
        let w = raw[i];
        let lw = lower[i].as_str();
        let ii = i as isize;
        let mut f: Vec<u32> = Vec::with_capacity(40);
        f.push(key(0, ""));
        f.push(key(1, lw));
        for k in 1..=4 {
            if let Some(p) = prefix(lw, k) {
                f.push(key(2 + k as u8, p));
            }
            if let Some(s) = suffix(lw, k) {
                f.push(key(6 + k as u8, s));
            }
        }
        f.push(key(11, &shape(w, false)));
        f.push(key(12, at(ii - 1)));
        f.push(key(13, at(ii - 2)));
        f.push(key(14, at(ii + 1)));
        f.push(key(15, at(ii + 2)));
        buf.clear();
        buf.push_str(at(ii - 1));
        buf.push('|');
        buf.push_str(lw);
        f.push(key(16, &buf));
        buf.clear();
        buf.push_str(lw);
        buf.push('|');
        buf.push_str(at(ii + 1));
        f.push(key(17, &buf));
        buf.clear();
        buf.push_str(at(ii - 2));
        buf.push('|');
        buf.push_str(at(ii - 1));
        f.push(key(18, &buf));
        let len = w.chars().count();
        f.push(key(19, &len.min(12).to_string()));
        if g.titles.contains(at(ii - 1)) {
            f.push(key(20, ""));
        }
        if g.titles.contains(at(ii - 2)) {
            f.push(key(21, ""));
        }
        if g.titles.contains(lw) {
            f.push(key(22, ""));
        }
        if g.cues.contains(at(ii + 1)) {
            f.push(key(23, ""));
        }
        if g.cues.contains(at(ii - 1)) {
            f.push(key(24, ""));
        }
        match gaz[i] {
            Some((category, first)) => {
                f.push(key(25, category));
                f.push(key(26, if first { "B" } else { "I" }));
                buf.clear();
                buf.push_str(category);
                buf.push_str(if first { "B" } else { "I" });
                f.push(key(27, &buf));
            }
            None => f.push(key(25, "-")),
        }
        if let Some(gp) = i.checked_sub(1).and_then(|p| gaz[p]) {
            f.push(key(28, gp.0));
        }
        if let Some((first, last)) = lw.split_once('-').map(|(a, _)| (a, lw.rsplit('-').next().unwrap_or(""))) {
            f.push(key(29, first));
            f.push(key(30, last));
        }
        if cased {
            f.push(key(40, w));
            f.push(key(41, &shape(w, true)));
            let pattern: String = [class_at(ii - 1), class_at(ii), class_at(ii + 1)].iter().collect();
            f.push(key(42, &pattern));
            let wide: String = [class_at(ii - 2), class_at(ii - 1), class_at(ii), class_at(ii + 1), class_at(ii + 2)]
                .iter()
                .collect();
            f.push(key(43, &wide));
            buf.clear();
            buf.push_str(at(ii - 1));
            buf.push('|');
            buf.push(classes[i]);
            f.push(key(44, &buf));
            buf.clear();
            buf.push(classes[i]);
            buf.push('|');
            buf.push_str(at(ii + 1));
            f.push(key(45, &buf));
            if i == 0 {
                f.push(key(46, &classes[i].to_string()));
            }
            if i > 0 {
                f.push(key(47, &shape(raw[i - 1], true)));
            }
            if i + 1 < n {
                f.push(key(48, &shape(raw[i + 1], true)));
            }
        } else {
            f.push(key(50, ""));
        }
        out.push(f);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        assert_eq!(shape("Jens", true), "Xx");
        assert_eq!(shape("19/6/2024", true), "d/d/d");
        assert_eq!(shape("NATO", false), "x");
    }

    #[test]
    fn gazetteer_marks_multiword_names() {
        let f = sentence(&["di", "Korea", "Utara", "."], true);
        assert!(f[1].contains(&key(27, "placeB")));
        assert!(f[2].contains(&key(27, "placeI")));
    }
}
