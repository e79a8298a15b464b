//! JSON documents (one object or an array of them) and JSON Lines (one object a line).
//! Field names follow the common crawlers' and datasets' conventions; fields warta does
//! not read are kept in `extra`.

use serde_json::{Map, Value};

use crate::decode::decode_text;
use crate::record::{push_article, Body, Hints, Input, Record};
use crate::{Outcome, Problem};
use warta_model::Format;

const URL: &[&str] = &["url", "link", "canonical_url", "canonicalUrl"];
const TITLE: &[&str] = &["title", "headline"];
const TEXT: &[&str] = &["text", "body", "content", "maintext", "articleBody", "article", "description_full"];
const HTML: &[&str] = &["html", "raw_html", "content_html", "rawHtml"];
const PUBLISHED: &[&str] = &["published", "published_at", "publishedAt", "datePublished", "date_publish", "pubDate", "date"];
const MODIFIED: &[&str] = &["modified", "updated", "updated_at", "dateModified", "date_modify"];
const OUTLET: &[&str] = &["outlet", "source", "site_name", "siteName", "publisher", "source_domain"];
const AUTHORS: &[&str] = &["authors", "author", "byline"];
const LANGUAGE: &[&str] = &["language", "lang", "inLanguage"];
const DESCRIPTION: &[&str] = &["description", "summary", "lead"];

pub(crate) fn split(input: &Input<'_>, data: &[u8], outcome: &mut Outcome) {
    let decoded = decode_text(data, None);
    if let Some(w) = &decoded.warning {
        outcome.problems.push(Problem::warning(None, w.clone(), "JSON should be UTF-8; convert the file and ingest it again if text looks wrong"));
    }
    let text = decoded.text;
    if input.format == Format::Json {
        split_document(input, &text, outcome);
    } else {
        split_lines(input, &text, outcome);
    }
}

fn split_document(input: &Input<'_>, text: &str, outcome: &mut Outcome) {
    let trimmed = text.trim_start_matches('\u{feff}').trim();
    if trimmed.starts_with('[') {
        match array_items(trimmed) {
            Some(items) => {
                for (i, item) in items.into_iter().enumerate() {
                    one_object(input, format!("item {}", i + 1), item, outcome);
                }
            }
            None => outcome.problems.push(Problem::error(
                None,
                "the JSON array never closes",
                "the file is cut short or damaged; fix it (or write one object per line as JSON Lines) and ingest it again",
            )),
        }
    } else {
        one_object(input, "object".to_string(), trimmed, outcome);
    }
}

/// The top-level items of a JSON array, split without parsing them, so one malformed
/// item costs only itself. `None` when the brackets never balance.
fn array_items(array: &str) -> Option<Vec<&str>> {
    let bytes = array.as_bytes();
    let mut items = Vec::new();
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    let mut item_start = 1;
    for (i, &b) in bytes.iter().enumerate() {
        if in_string {
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => depth += 1,
            b']' | b'}' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    let last = array[item_start..i].trim();
                    if !last.is_empty() {
                        items.push(last);
                    }
                    return Some(items);
                }
            }
            b',' if depth == 1 => {
                items.push(array[item_start..i].trim());
                item_start = i + 1;
            }
            _ => {}
        }
    }
    None
}

fn split_lines(input: &Input<'_>, text: &str, outcome: &mut Outcome) {
    for (i, span) in crate::record::line_spans(text).into_iter().enumerate() {
        let line = text[span.start..span.end].trim_start_matches('\u{feff}').trim();
        if line.is_empty() {
            continue;
        }
        one_object(input, format!("line {}", i + 1), line, outcome);
    }
}

fn one_object(input: &Input<'_>, locator: String, raw: &str, outcome: &mut Outcome) {
    let object = match serde_json::from_str::<Value>(raw) {
        Ok(Value::Object(object)) => object,
        Ok(other) => {
            outcome.problems.push(Problem::error(
                Some(locator),
                format!("expected a JSON object with the article's fields, found {}", kind_of(&other)),
                "write each article as an object such as {\"title\": ..., \"text\": ...}",
            ));
            return;
        }
        Err(e) => {
            outcome.problems.push(Problem::error(
                Some(locator),
                format!("not valid JSON: {e}"),
                "fix or remove this record; the others were read",
            ));
            return;
        }
    };
    match record_from_object(object) {
        Ok((body, hints)) => push_article(
            input,
            Record { locator: Some(locator), raw: raw.as_bytes().to_vec(), encoding: "UTF-8", body, hints, warnings: Vec::new() },
            outcome,
        ),
        Err(message) => outcome.problems.push(Problem::error(
            Some(locator),
            message,
            "give the article body in a `text` (plain text) or `html` field",
        )),
    }
}

fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn record_from_object(mut object: Map<String, Value>) -> Result<(Body, Hints), String> {
    let html = take_string(&mut object, HTML);
    let text = take_string(&mut object, TEXT);
    let body = match (html, text) {
        (Some(html), _) if !html.trim().is_empty() => Body::Html(html),
        (_, Some(text)) if !text.trim().is_empty() => Body::Text(text),
        _ => return Err("no article body: none of the fields text, body, content, html is a non-empty string".into()),
    };
    let hints = Hints {
        url: take_string(&mut object, URL),
        title: take_string(&mut object, TITLE),
        published: take_string(&mut object, PUBLISHED),
        modified: take_string(&mut object, MODIFIED),
        outlet: take_string(&mut object, OUTLET),
        authors: take_names(&mut object, AUTHORS),
        language: take_string(&mut object, LANGUAGE),
        description: take_string(&mut object, DESCRIPTION),
        extra: object,
    };
    Ok((body, hints))
}

/// The first of `keys` holding a string (or an object with a `name`), removed from the map.
fn take_string(object: &mut Map<String, Value>, keys: &[&str]) -> Option<String> {
    for key in keys {
        let found = match object.get(*key) {
            Some(Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_string()),
            Some(Value::Number(n)) => Some(n.to_string()),
            Some(Value::Object(o)) => o.get("name").and_then(Value::as_str).map(str::to_string),
            _ => None,
        };
        if found.is_some() {
            object.remove(*key);
            return found;
        }
    }
    None
}

/// Authors as a string, an array of strings, or objects with `name`.
fn take_names(object: &mut Map<String, Value>, keys: &[&str]) -> Vec<String> {
    for key in keys {
        let names: Vec<String> = match object.get(*key) {
            Some(Value::String(s)) => s.split([',', ';']).map(str::trim).filter(|s| !s.is_empty()).map(str::to_string).collect(),
            Some(Value::Array(items)) => items
                .iter()
                .filter_map(|v| match v {
                    Value::String(s) => Some(s.trim().to_string()),
                    Value::Object(o) => o.get("name").and_then(Value::as_str).map(|s| s.trim().to_string()),
                    _ => None,
                })
                .filter(|s| !s.is_empty())
                .collect(),
            Some(Value::Object(o)) => o.get("name").and_then(Value::as_str).map(|s| vec![s.to_string()]).unwrap_or_default(),
            _ => continue,
        };
        object.remove(*key);
        return names;
    }
    Vec::new()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn array_items_split_at_top_level_commas_only() {
        let items = array_items(r#"[{"a": [1, 2], "b": "x,]y"}, {"c": "\"}"}, 3]"#).unwrap();
        assert_eq!(items, vec![r#"{"a": [1, 2], "b": "x,]y"}"#, r#"{"c": "\"}"}"#, "3"]);
        assert_eq!(array_items("[]").unwrap(), Vec::<&str>::new());
        assert!(array_items(r#"[{"a": 1}"#).is_none());
    }
}
