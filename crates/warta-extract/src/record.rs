//! One record (a text file, a page, a JSON object, a feed item, a WARC response) →
//! one [`Article`]. Every container format ends here, so all articles are cleaned alike.

use serde_json::{Map, Value};
use warta_lang::{detect_language, parse_datetime};
use warta_model::{Article, ArticleId, Compression, Format, Moment, Origin, Paragraph, Span};

use crate::clean::{clean_lines, Line};
use crate::decode::{decode_text, html_declared_charset};
use crate::{Extracted, Outcome, Problem};

/// The file a record belongs to.
pub(crate) struct Input<'a> {
    pub source: &'a str,
    pub compression: Option<Compression>,
    pub format: Format,
}

/// The article body as the record carries it.
pub(crate) enum Body {
    /// Pasted or plain text; raw spans are offsets into it.
    Text(String),
    /// An HTML page or fragment.
    Html(String),
}

/// What the container says about the article (JSON fields, feed elements, HTTP headers).
#[derive(Default)]
pub(crate) struct Hints {
    pub url: Option<String>,
    pub title: Option<String>,
    pub published: Option<String>,
    pub modified: Option<String>,
    pub outlet: Option<String>,
    pub authors: Vec<String>,
    pub language: Option<String>,
    pub description: Option<String>,
    pub extra: Map<String, Value>,
}

/// A text or HTML file that is one article.
pub(crate) fn whole_file(input: &Input<'_>, data: &[u8], outcome: &mut Outcome) {
    let declared = (input.format == Format::Html).then(|| html_declared_charset(data)).flatten();
    let decoded = decode_text(data, declared.as_deref());
    let body = match input.format {
        Format::Html => Body::Html(decoded.text),
        _ => Body::Text(decoded.text),
    };
    let mut warnings = Vec::new();
    if let Some(w) = decoded.warning {
        outcome.problems.push(Problem::warning(None, w.clone(), "if the text looks wrong, convert the file to UTF-8 and ingest it again"));
        warnings.push(w);
    }
    let record = Record { locator: None, raw: data.to_vec(), encoding: decoded.encoding, body, hints: Hints::default(), warnings };
    push_article(input, record, outcome);
}

/// One record ready to be turned into an article.
pub(crate) struct Record {
    pub locator: Option<String>,
    /// The verbatim bytes of the record: what is stored and hashed into the id.
    pub raw: Vec<u8>,
    pub encoding: &'static str,
    pub body: Body,
    pub hints: Hints,
    pub warnings: Vec<String>,
}

/// Extracts `record` and adds the article, or the reason there is none, to `outcome`.
pub(crate) fn push_article(input: &Input<'_>, record: Record, outcome: &mut Outcome) {
    let locator = record.locator.clone();
    match build_article(input, record) {
        Ok(extracted) => outcome.articles.push(extracted),
        Err(problem) => outcome.problems.push(Problem { location: locator, ..problem }),
    }
}

fn build_article(input: &Input<'_>, record: Record) -> Result<Extracted, Problem> {
    let Record { locator, raw, encoding, body, mut hints, mut warnings } = record;
    let (lines, page) = match &body {
        Body::Text(text) => (text_lines(text), None),
        Body::Html(html) => {
            let depth = warta_html::nesting_depth(html);
            if depth > warta_html::MAX_NESTING {
                return Err(Problem::error(
                    None,
                    format!("the page nests elements {depth} deep (browsers stop at 512): it is broken or built to stall parsers"),
                    "if it holds an article, save the article text alone and ingest that",
                ));
            }
            let page = warta_html::extract_html(html, hints.url.as_deref());
            let lines = locate_paragraphs(html, &page.paragraphs);
            (lines, Some(page))
        }
    };
    let mut removed_by_html = Vec::new();
    if let Some(page) = &page {
        hints.title = hints.title.take().or_else(|| page.title.clone());
        hints.url = hints.url.take().or_else(|| page.canonical_url.clone());
        hints.outlet = hints.outlet.take().or_else(|| page.site_name.clone());
        hints.published = hints.published.take().or_else(|| page.published.clone());
        hints.modified = hints.modified.take().or_else(|| page.modified.clone());
        hints.language = hints.language.take().or_else(|| page.language.clone());
        hints.description = hints.description.take().or_else(|| page.description.clone());
        if hints.authors.is_empty() {
            hints.authors = page.authors.clone();
        }
        removed_by_html = page
            .removed
            .iter()
            .map(|r| warta_model::Removed { text: r.text.clone(), reason: r.reason.clone(), raw: None })
            .collect();
    }
    let title_hint = hints.title.as_deref().map(str::trim).filter(|t| !t.is_empty());
    let cleaned = clean_lines(lines, title_hint);
    if cleaned.paragraphs.is_empty() {
        return Err(Problem::error(
            None,
            "no article text found: everything in it is empty or site chrome",
            "if it does hold an article, save the article text alone (or its HTML page) and ingest that",
        ));
    }
    let mut text = String::new();
    let mut paragraphs = Vec::with_capacity(cleaned.paragraphs.len());
    for (paragraph, raw_span, kind) in &cleaned.paragraphs {
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        let start = text.len();
        text.push_str(paragraph);
        paragraphs.push(Paragraph { span: Span::new(start, text.len()), raw: *raw_span, kind: *kind });
    }
    warnings.extend(cleaned.warnings);
    let mut moment = |value: &Option<String>, what: &str| -> Option<Moment> {
        let value = value.as_deref()?;
        match parse_datetime(value, None) {
            Some(found) => {
                if found.zone_assumed && !found.date_only {
                    warnings.push(format!("the {what} time {value:?} names no time zone; UTC was assumed"));
                }
                Some(found.moment)
            }
            None => {
                warnings.push(format!("the {what} time {value:?} could not be read and was left out"));
                None
            }
        }
    };
    let published = moment(&hints.published, "published").or(cleaned.published);
    let modified = moment(&hints.modified, "modified").or(cleaned.modified);
    let language = detect_language(&text)
        .map(|g| g.code)
        .or_else(|| hints.language.as_deref().map(primary_language_code));
    let mut authors = hints.authors;
    if authors.is_empty() {
        authors = cleaned.authors;
    }
    let mut removed = removed_by_html;
    removed.extend(cleaned.removed);
    let canonical_url = page.as_ref().and_then(|p| p.canonical_url.clone());
    let article = Article {
        id: ArticleId::from_raw(&raw),
        origin: Origin {
            path: input.source.to_string(),
            record: locator,
            format: input.format,
            compression: input.compression,
            encoding: encoding.to_string(),
        },
        url: hints.url,
        canonical_url,
        title: hints.title.or(cleaned.title),
        description: hints.description,
        authors,
        editors: cleaned.editors,
        outlet: hints.outlet.or(cleaned.outlet),
        credit: cleaned.credit,
        dateline: cleaned.dateline,
        published,
        modified,
        language,
        text,
        paragraphs,
        removed,
        warnings,
        extra: hints.extra,
    };
    Ok(Extracted { article, raw })
}

/// "en-US" → "en", "id_ID" → "id".
fn primary_language_code(tag: &str) -> String {
    tag.split(['-', '_']).next().unwrap_or(tag).trim().to_lowercase()
}

/// Splits text into lines, each with its byte span in `text`.
pub(crate) fn text_lines(text: &str) -> Vec<Line> {
    line_spans(text)
        .into_iter()
        .map(|s| Line { text: text[s.start..s.end].to_string(), raw: Some(s) })
        .collect()
}

/// Line spans for the file's line-ending style: `\n` or `\r\n`, or, in a file with no
/// `\n` at all, the lone `\r` of old Mac files. (A stray `\r` inside a line of a
/// `\n` file stays part of that line.)
pub(crate) fn line_spans(text: &str) -> Vec<Span> {
    let separator = if text.contains('\n') { '\n' } else { '\r' };
    let mut spans = Vec::new();
    let mut start = 0;
    for piece in text.split_inclusive(separator) {
        let content = piece.trim_end_matches(['\n', '\r']);
        spans.push(Span::new(start, start + content.len()));
        start += piece.len();
    }
    spans
}

/// Finds where each extracted paragraph sits in the page: from its first word to its
/// last, searching forward. Markup and entities in between make an exact map
/// impossible; a stretch that is implausibly long is left unmapped rather than guessed.
fn locate_paragraphs(html: &str, paragraphs: &[String]) -> Vec<Line> {
    let mut cursor = 0;
    paragraphs
        .iter()
        .map(|p| {
            let raw = locate(html, p, cursor);
            if let Some(span) = raw {
                cursor = span.start;
            }
            Line { text: p.clone(), raw }
        })
        .collect()
}

fn locate(html: &str, paragraph: &str, from: usize) -> Option<Span> {
    let first = paragraph.split_whitespace().next()?;
    let last = paragraph.split_whitespace().next_back()?;
    let start = from + html.get(from..)?.find(first)?;
    let tail_from = start + first.len();
    let last_at = if paragraph.split_whitespace().count() == 1 {
        start
    } else {
        tail_from + html.get(tail_from..)?.find(last)?
    };
    let end = last_at + last.len();
    (end - start <= paragraph.len() * 4 + 512).then(|| Span::new(start, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_lines_keep_exact_offsets() {
        let text = "a\r\nbb\n\nccc";
        let lines = text_lines(text);
        let spans: Vec<&str> = lines.iter().map(|l| &text[l.raw.unwrap().start..l.raw.unwrap().end]).collect();
        assert_eq!(spans, vec!["a", "bb", "", "ccc"]);
        let old_mac = "a\rbb\r\rccc";
        let spans: Vec<&str> = line_spans(old_mac).iter().map(|s| &old_mac[s.start..s.end]).collect();
        assert_eq!(spans, vec!["a", "bb", "", "ccc"]);
    }

    #[test]
    fn paragraphs_are_found_in_the_page() {
        let html = "<p>Hello <b>brave</b> new world.</p><p>Second one here.</p>";
        let lines = locate_paragraphs(html, &["Hello brave new world.".into(), "Second one here.".into()]);
        let first = lines[0].raw.unwrap();
        assert_eq!(&html[first.start..first.end], "Hello <b>brave</b> new world.");
        let second = lines[1].raw.unwrap();
        assert_eq!(&html[second.start..second.end], "Second one here.");
        assert!(locate(html, "Missing words", 0).is_none());
    }
}
