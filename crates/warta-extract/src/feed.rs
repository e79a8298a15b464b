//! RSS 2.0, RSS 1.0 and Atom feeds: each item an article, its full content when the feed
//! carries it (`content:encoded`, Atom `content`), otherwise its summary.

use regex::{Regex, RegexBuilder};
use std::sync::OnceLock;

use crate::record::{push_article, Body, Hints, Input, Record};
use crate::{Outcome, Problem};

pub(crate) fn split(input: &Input<'_>, data: &[u8], outcome: &mut Outcome) {
    let feed = match feed_rs::parser::parse(data) {
        Ok(feed) => feed,
        Err(e) => {
            outcome.problems.push(Problem::error(
                None,
                format!("not a readable RSS or Atom feed: {e}"),
                "check that the download completed; a feed must be well-formed XML",
            ));
            return;
        }
    };
    let raw_items = item_slices(data);
    let aligned = raw_items.len() == feed.entries.len();
    let outlet = feed.title.as_ref().map(|t| t.content.trim().to_string()).filter(|t| !t.is_empty());
    for (i, entry) in feed.entries.into_iter().enumerate() {
        let locator = format!("item {}", i + 1);
        // Each item's own bytes are its raw record, so its id does not change when the
        // feed around it does. Without them, the feed's bytes and the item's position.
        let raw = if aligned {
            data[raw_items[i].0..raw_items[i].1].to_vec()
        } else {
            let mut whole = data.to_vec();
            whole.extend_from_slice(locator.as_bytes());
            whole
        };
        let item_text = if aligned { String::from_utf8_lossy(&raw).into_owned() } else { String::new() };
        let body = entry
            .content
            .as_ref()
            .and_then(|c| c.body.clone())
            .filter(|b| !b.trim().is_empty())
            .or_else(|| entry.summary.as_ref().map(|s| s.content.clone()))
            .filter(|b| !b.trim().is_empty());
        let Some(body) = body else {
            outcome.problems.push(Problem::error(
                Some(locator),
                "the item has neither content nor a summary",
                "feeds that list only links hold no article text: fetch the linked pages and ingest them as HTML",
            ));
            continue;
        };
        let hints = Hints {
            url: entry.links.first().map(|l| l.href.clone()),
            title: entry.title.as_ref().map(|t| t.content.trim().to_string()),
            // The item's own text keeps the zone it was written in; the parser's value is UTC.
            published: element_text(&item_text, &["pubDate", "published", "dc:date", "issued"])
                .or_else(|| entry.published.map(|d| d.to_rfc3339())),
            modified: element_text(&item_text, &["updated", "modified", "atom:updated"])
                .or_else(|| entry.updated.map(|d| d.to_rfc3339())),
            outlet: outlet.clone(),
            authors: entry.authors.iter().map(|a| a.name.trim().to_string()).filter(|n| !n.is_empty()).collect(),
            language: feed.language.clone(),
            description: None,
            extra: Default::default(),
        };
        let body = if body.contains('<') { Body::Html(body) } else { Body::Text(body) };
        push_article(input, Record { locator: Some(locator), raw, encoding: "UTF-8", body, hints, warnings: Vec::new() }, outcome);
    }
}

/// Byte ranges of each `<item>` or `<entry>` element, in order.
fn item_slices(data: &[u8]) -> Vec<(usize, usize)> {
    static ITEM: OnceLock<Regex> = OnceLock::new();
    let item = ITEM.get_or_init(|| {
        RegexBuilder::new(r"(?s)<(item|entry)(\s[^>]*)?>.*?</(item|entry)\s*>")
            .case_insensitive(true)
            .build()
            .unwrap_or_else(|e| panic!("item pattern: {e}"))
    });
    let text = String::from_utf8_lossy(data);
    if text.len() != data.len() {
        // Lossy decoding moved bytes: offsets would not match the raw data.
        return Vec::new();
    }
    item.find_iter(&text).map(|m| (m.start(), m.end())).collect()
}

/// The text of the first of `names` in an item's XML, unescaped of CDATA.
fn element_text(item: &str, names: &[&str]) -> Option<String> {
    for name in names {
        let open = format!("<{name}");
        let Some(at) = item.find(&open) else { continue };
        let after_open = &item[at..];
        let Some(gt) = after_open.find('>') else { continue };
        let inner = &after_open[gt + 1..];
        let Some(close) = inner.find(&format!("</{name}")) else { continue };
        let value = inner[..close].trim().trim_start_matches("<![CDATA[").trim_end_matches("]]>").trim();
        if !value.is_empty() {
            return Some(value.to_string());
        }
    }
    None
}
