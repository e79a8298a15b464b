//! Sentences and words: the units claims are built from and compared by.

use warta_model::{Article, Span};

/// Words of `text`, lower-cased and lightly stemmed, with their byte spans in `text`.
///
/// Hyphens split words, so the Indonesian plural "luka-luka" reads as "luka" twice and
/// matches "luka bakar". Stemming only strips what varies between outlets telling the
/// same thing: Indonesian "-nya" ("ujarnya") and English plural "-s" ("passengers").
pub(crate) fn words(text: &str) -> Vec<(String, Span)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        if c.is_alphanumeric() {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            out.push((stem(&text[s..i].to_lowercase()), Span::new(s, i)));
        }
    }
    out
}

fn stem(word: &str) -> String {
    let chars = word.chars().count();
    if chars > 5 && word.ends_with("nya") {
        return word[..word.len() - 3].to_string();
    }
    if chars > 4 && word.ends_with('s') && !word.ends_with("ss") && word.is_ascii() {
        return word[..word.len() - 1].to_string();
    }
    word.to_string()
}

/// The sentences of an article as byte spans of `Article::text`, paragraph by paragraph.
///
/// A full stop inside quotation marks does not end a sentence: a quote and its "kata
/// Ruslan" belong together, because the attribution is what makes it a claim.
pub(crate) fn sentences(article: &Article) -> Vec<Span> {
    let text = article.text.as_str();
    let mut paragraphs: Vec<Span> = article
        .paragraphs
        .iter()
        .map(|p| p.span)
        .filter(|s| s.start <= s.end && text.get(s.start..s.end).is_some())
        .collect();
    if paragraphs.is_empty() {
        paragraphs = blank_line_paragraphs(text);
    }
    split_paragraphs(text, &paragraphs)
}

/// The sentences of any text (paragraphs at blank lines), split as article sentences
/// are: so text written about the articles, such as a model's summary of them, is cut
/// into the same units the claims were, quotations with their attribution included.
pub fn text_sentences(text: &str) -> Vec<Span> {
    split_paragraphs(text, &blank_line_paragraphs(text))
}

fn split_paragraphs(text: &str, paragraphs: &[Span]) -> Vec<Span> {
    let mut out = Vec::new();
    for &p in paragraphs {
        split_paragraph(text, p, &mut out);
    }
    out
}

fn blank_line_paragraphs(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    while let Some(found) = text[start..].find("\n\n") {
        out.push(Span::new(start, start + found));
        start += found + 2;
    }
    out.push(Span::new(start, text.len()));
    out
}

fn split_paragraph(text: &str, paragraph: Span, out: &mut Vec<Span>) {
    let body = &text[paragraph.start..paragraph.end];
    let chars: Vec<(usize, char)> = body.char_indices().collect();
    let mut in_quote = false;
    let mut start = 0;
    for (k, &(i, c)) in chars.iter().enumerate() {
        match c {
            '"' => in_quote = !in_quote,
            '“' => in_quote = true,
            '”' => in_quote = false,
            '.' | '!' | '?' if !in_quote => {
                // Closing punctuation that belongs to the sentence ends after it.
                let mut end_k = k + 1;
                while end_k < chars.len() && matches!(chars[end_k].1, '"' | '”' | '’' | ')') {
                    end_k += 1;
                }
                let next_word = chars[end_k..].iter().find(|(_, c)| !c.is_whitespace());
                let spaced = chars.get(end_k).is_some_and(|(_, c)| c.is_whitespace());
                let starts_sentence = next_word
                    .is_some_and(|(_, c)| c.is_uppercase() || c.is_ascii_digit() || matches!(c, '"' | '“'));
                if spaced && starts_sentence && !after_initial(body, i) {
                    let end = chars.get(end_k).map_or(body.len(), |(j, _)| *j);
                    push_trimmed(text, paragraph.start + start, paragraph.start + end, out);
                    start = end;
                }
            }
            _ => {}
        }
    }
    push_trimmed(text, paragraph.start + start, paragraph.end, out);
}

/// "A. Yani" or "J. Smith": a single capital before the full stop is an initial.
fn after_initial(body: &str, dot: usize) -> bool {
    let before = &body[..dot];
    let word: String = before.chars().rev().take_while(|c| c.is_alphanumeric()).collect();
    word.chars().count() == 1 && word.chars().all(char::is_uppercase)
}

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let Some(s) = text.get(start..end) else { return };
    let lead = s.len() - s.trim_start().len();
    let trimmed = s.trim();
    if trimmed.chars().any(char::is_alphanumeric) {
        out.push(Span::new(start + lead, start + lead + trimmed.len()));
    }
}

/// A light Indonesian stemmer for comparing sentences: one suffix, then one prefix,
/// so "terbakar", "kebakaran" and "membakar" meet as "bakar". Conservative (stems keep
/// four letters or more) because a wrong merge makes unrelated sentences look alike.
pub(crate) fn stem_id(word: &str) -> String {
    const SUFFIXES: &[&str] = &["kan", "an", "lah", "kah"];
    const PREFIXES: &[&str] = &["meng", "meny", "mem", "men", "me", "ber", "be", "ter", "per", "peng", "pem", "pen", "pe", "di", "ke", "se"];
    if !word.is_ascii() || word.len() < 6 {
        return word.to_string();
    }
    let mut w = word;
    if let Some(s) = SUFFIXES.iter().find(|s| w.ends_with(*s) && w.len() - s.len() >= 4) {
        w = &w[..w.len() - s.len()];
    }
    if let Some(p) = PREFIXES.iter().find(|p| w.starts_with(*p) && w.len() - p.len() >= 4) {
        w = &w[p.len()..];
    }
    w.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_split_hyphens_and_strip_variable_endings() {
        let w: Vec<String> = words("12 penumpang luka-luka, ujarnya. Passengers").into_iter().map(|(w, _)| w).collect();
        assert_eq!(w, ["12", "penumpang", "luka", "luka", "ujar", "passenger"]);
    }

    #[test]
    fn indonesian_affixes_meet_at_the_stem() {
        assert_eq!(stem_id("terbakar"), "bakar");
        assert_eq!(stem_id("kebakaran"), "bakar");
        assert_eq!(stem_id("membakar"), "bakar");
        assert_eq!(stem_id("kapal"), "kapal");
    }

    #[test]
    fn quotes_keep_their_attribution() {
        let text = "“Api terlihat. Semua selamat,” kata Ruslan. Ia di Bandar Sarinjaya. J. Smith datang.";
        let mut out = Vec::new();
        split_paragraph(text, Span::new(0, text.len()), &mut out);
        let got: Vec<&str> = out.iter().map(|s| &text[s.start..s.end]).collect();
        assert_eq!(got, ["“Api terlihat. Semua selamat,” kata Ruslan.", "Ia di Bandar Sarinjaya.", "J. Smith datang."]);
    }
}
