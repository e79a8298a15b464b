//! Case-insensitive matching of word lists from the data files against the raw text,
//! forwards or backwards from a byte position, respecting word boundaries. Spaces in a
//! phrase match any run of whitespace, so "dini  hari" and "dini\nhari" still match.

/// Phrases with a value each, tried longest first.
pub(crate) struct Phrases<T> {
    items: Vec<(String, T)>,
}

impl<T> Default for Phrases<T> {
    fn default() -> Self {
        Phrases { items: Vec::new() }
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
        Phrases { items }
    }

    /// The longest phrase that starts at `pos`: its end and value.
    pub(crate) fn at(&self, text: &str, pos: usize) -> Option<(usize, &T)> {
        if pos > text.len() || !text.is_char_boundary(pos) {
            return None;
        }
        self.items
            .iter()
            .find_map(|(p, v)| match_forward(text, pos, p).map(|end| (end, v)))
    }

    /// The longest phrase that ends at `pos`: its start and value.
    pub(crate) fn before(&self, text: &str, pos: usize) -> Option<(usize, &T)> {
        if pos > text.len() || !text.is_char_boundary(pos) {
            return None;
        }
        self.items
            .iter()
            .find_map(|(p, v)| match_backward(text, pos, p).map(|start| (start, v)))
    }

    pub(crate) fn contains(&self, word: &str) -> bool {
        let w = normalize(word);
        self.items.iter().any(|(p, _)| *p == w)
    }
}

impl Phrases<()> {
    pub(crate) fn words(list: &[String]) -> Self {
        Phrases::new(list.iter().map(|w| (w.clone(), ())))
    }
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
    }
}
