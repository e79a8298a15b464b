//! RSS 2.0, RSS 1.0 and Atom feeds: each item an article, its full content when the feed
//! carries it (`content:encoded`, Atom `content`), otherwise its summary.

use regex::{Regex, RegexBuilder};
use std::sync::OnceLock;

use crate::record::{push_article, Body, Hints, Input, Record};
use crate::{Outcome, Problem};
use warta_model::Format;

pub(crate) fn split(input: &Input<'_>, data: &[u8], outcome: &mut Outcome) {
    let raw_items = item_slices(data);
    match feed_rs::parser::parse(data) {
        Ok(feed) => {
            let aligned = raw_items.len() == feed.entries.len();
            let context = FeedContext {
                outlet: feed.title.as_ref().map(|t| t.content.trim().to_string()).filter(|t| !t.is_empty()),
                language: feed.language.clone(),
            };
            for (i, entry) in feed.entries.into_iter().enumerate() {
                // Each item's own bytes are its raw record, so its id does not change when
                // the feed around it does. Without them, the feed's bytes and the position.
                let raw = if aligned {
                    data[raw_items[i].0..raw_items[i].1].to_vec()
                } else {
                    let mut whole = data.to_vec();
                    whole.extend_from_slice(format!("item {}", i + 1).as_bytes());
                    whole
                };
                push_entry(input, i, entry, raw, aligned, &context, outcome);
            }
        }
        Err(e) if raw_items.is_empty() => outcome.problems.push(Problem::error(
            None,
            format!("not a readable RSS or Atom feed: {e}"),
            "check that the download completed; a feed must be well-formed XML",
        )),
        Err(e) => {
            // One broken item must not cost the others: read them one at a time.
            outcome.problems.push(Problem::warning(
                None,
                format!("the feed is not well-formed XML as a whole ({e}); its items were read one by one"),
                "check that the download completed",
            ));
            let context = FeedContext { outlet: channel_title(data), language: None };
            let atom = input.format == Format::Atom;
            for (i, &(start, end)) in raw_items.iter().enumerate() {
                let item = &data[start..end];
                let wrapped = wrap_item(item, atom);
                match feed_rs::parser::parse(&wrapped[..]).ok().and_then(|f| f.entries.into_iter().next()) {
                    Some(entry) => push_entry(input, i, entry, item.to_vec(), true, &context, outcome),
                    None => outcome.problems.push(Problem::error(
                        Some(format!("item {}", i + 1)),
                        "the item is not well-formed XML",
                        "fix or remove this item; the other items were read",
                    )),
                }
            }
        }
    }
}

/// What the feed says about all its items.
struct FeedContext {
    outlet: Option<String>,
    language: Option<String>,
}

fn push_entry(input: &Input<'_>, i: usize, entry: feed_rs::model::Entry, raw: Vec<u8>, own_bytes: bool, context: &FeedContext, outcome: &mut Outcome) {
    let locator = format!("item {}", i + 1);
    let item_text = if own_bytes { String::from_utf8_lossy(&raw).into_owned() } else { String::new() };
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
        return;
    };
    let hints = Hints {
        url: entry.links.first().map(|l| l.href.clone()),
        title: entry.title.as_ref().map(|t| t.content.trim().to_string()),
        // The item's own text keeps the zone it was written in; the parser's value is UTC.
        published: element_text(&item_text, &["pubDate", "published", "dc:date", "issued"]).or_else(|| entry.published.map(|d| d.to_rfc3339())),
        modified: element_text(&item_text, &["updated", "modified", "atom:updated"]).or_else(|| entry.updated.map(|d| d.to_rfc3339())),
        outlet: context.outlet.clone(),
        authors: entry.authors.iter().map(|a| a.name.trim().to_string()).filter(|n| !n.is_empty()).collect(),
        language: context.language.clone(),
        description: None,
        extra: Default::default(),
    };
    // Feeds escape markup and entities ("[&#8230;]"): anything that is not plain text
    // goes through the HTML reader, which decodes them.
    let body = if body.contains('<') || body.contains('&') { Body::Html(body) } else { Body::Text(body) };
    push_article(input, Record { locator: Some(locator), raw, encoding: "UTF-8", body, hints, warnings: Vec::new() }, outcome);
}

/// A lone item inside the smallest feed that makes it parse.
fn wrap_item(item: &[u8], atom: bool) -> Vec<u8> {
    let (open, close): (&[u8], &[u8]) = if atom {
        (b"<feed xmlns=\"http://www.w3.org/2005/Atom\">", b"</feed>")
    } else {
        (
            b"<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel>",
            b"</channel></rss>",
        )
    };
    [open, item, close].concat()
}

/// The feed's own title, read before its first item.
fn channel_title(data: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(data);
    let head = &text[..text.find("<item").or_else(|| text.find("<entry")).unwrap_or(text.len())];
    element_text(head, &["title"])
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
