//! JSON documents (one object or an array of them) and JSON Lines (one object a line).
//! Field names follow the common crawlers' and datasets' conventions; fields warta does
//! not read are kept in `extra`.

use serde_json::value::RawValue;
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
        match serde_json::from_str::<Vec<&RawValue>>(trimmed) {
            Ok(items) => {
                for (i, item) in items.iter().enumerate() {
                    one_object(input, format!("item {}", i + 1), item.get(), outcome);
                }
            }
            Err(e) => outcome.problems.push(Problem::error(
                Some(format!("line {}", e.line())),
                format!("not a valid JSON array: {e}"),
                "fix the JSON (or write one object per line as JSON Lines) and ingest it again",
            )),
        }
    } else {
        one_object(input, "object".to_string(), trimmed, outcome);
    }
}

fn split_lines(input: &Input<'_>, text: &str, outcome: &mut Outcome) {
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_start_matches('\u{feff}').trim();
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
                "fix or remove this line; the other lines were read",
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
