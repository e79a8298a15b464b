//! Finding the article body.
//!
//! 1. Chrome is marked, not deleted: elements whose tag, role or class/id name navigation,
//!    comments, share bars, teasers or ads, and hidden elements. An element that contains a
//!    known article-body marker is never chrome, so a page-wide wrapper with an unlucky class
//!    ("has-sidebar") cannot take the article with it.
//! 2. Paragraph-like blocks are scored Readability-style (length and commas, less links) and
//!    their scores flow to a few ancestors, so the container holding the most prose wins.
//! 3. Siblings of the winner that score well or look like prose are added: bodies split into
//!    several divs (ads between them) are common.
//! 4. The chosen subtrees are read out block by block; link-dense blocks and stock phrases
//!    ("Advertisement", "Baca juga: …") are dropped with the reason recorded.

use crate::boilerplate::{
    BODY_NAMES, CHROME_WORDS, CONTENT_WORDS, LAYOUT_CHROME_WORDS, SCREEN_READER_NAMES,
};
use crate::dom::{normalize_space, Dom, Element, Kind};
use crate::{Options, Removed};
use std::collections::hash_map::DefaultHasher;
use std::collections::HashSet;
use std::hash::{Hash, Hasher};

/// Tags that start a new paragraph when reading text out.
const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "aside",
    "nav",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "table",
    "tr",
    "td",
    "th",
    "thead",
    "tbody",
    "tfoot",
    "caption",
    "figure",
    "figcaption",
    "form",
    "fieldset",
    "address",
    "hr",
    "br",
    "center",
    "details",
    "summary",
    "body",
    "html",
];

/// Tags whose whole subtree is chrome.
const CHROME_TAGS: &[&str] = &[
    "nav",
    "aside",
    "footer",
    "header",
    "dialog",
    "menu",
    "label",
    "figcaption",
];

/// ARIA landmark roles that are not the main content.
const CHROME_ROLES: &[&str] = &[
    "navigation",
    "complementary",
    "contentinfo",
    "banner",
    "menu",
    "menubar",
    "dialog",
    "alertdialog",
    "search",
    "toolbar",
    "tablist",
];

/// Microdata properties that restate metadata (often in blocks hidden by CSS we cannot see);
/// the text they carry is reported through [`crate::HtmlDocument`]'s fields, not as body.
const METADATA_ITEMPROPS: &[&str] = &[
    "headline",
    "alternativeHeadline",
    "author",
    "creator",
    "publisher",
    "datePublished",
    "dateModified",
    "dateCreated",
    "keywords",
    "mainEntityOfPage",
    "image",
    "logo",
    "description",
    "caption",
    "interactionStatistic",
];

/// Paragraph-like tags scored directly; other containers score only when they hold text
/// without block children (the "div used as a paragraph" case).
const SCORED_TAGS: &[&str] = &["p", "pre", "td", "blockquote"];

/// Shortest block (in non-space characters) worth scoring; shorter text is captions, labels
/// and buttons whichever container they sit in.
const MIN_SCORED_CHARS: u32 = 25;

/// Share of prose in what a parent adds to the chosen container for the parent to be taken
/// instead.
const PROSE_SHARE_TO_WIDEN: f64 = 0.7;

pub struct Content {
    pub paragraphs: Vec<String>,
    pub removed: Vec<Removed>,
    /// Hashes of the word 4-grams already read out, to spot repeated passages.
    seen: HashSet<u64>,
}

/// Passages shorter than this many words are never called duplicates: table cells and
/// list items repeat legitimately.
const MIN_DUPLICATE_WORDS: usize = 12;

impl Content {
    fn repeats_earlier_text(&mut self, text: &str) -> bool {
        let words: Vec<&str> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        let hashes: Vec<u64> = words
            .windows(4)
            .map(|w| {
                let mut h = DefaultHasher::new();
                w.hash(&mut h);
                h.finish()
            })
            .collect();
        let repeated = hashes.iter().filter(|h| self.seen.contains(h)).count();
        if words.len() >= MIN_DUPLICATE_WORDS && repeated * 3 >= hashes.len() * 2 {
            return true;
        }
        self.seen.extend(hashes);
        false
    }
}

/// Per-node figures, indexed like `dom.nodes`.
struct Stats {
    /// Why the node (and so its subtree) is chrome; `None` for content.
    chrome: Vec<Option<&'static str>>,
    /// Visible non-space characters outside chrome.
    chars: Vec<u32>,
    /// Of which inside links.
    link_chars: Vec<u32>,
    commas: Vec<u32>,
    has_block_child: Vec<bool>,
}

pub fn extract(dom: &Dom, options: &Options, title: Option<&str>) -> Content {
    let n = dom.nodes.len();
    let body = (0..n).find(|&i| dom.tag(i) == "body").unwrap_or(0);
    let stats = stats(dom);
    let scores = scores(dom, &stats, body);
    let roots = choose_roots(dom, &stats, &scores, body);
    read_out(dom, &stats, &roots, options, title)
}

fn words(names: &str) -> impl Iterator<Item = &str> {
    names
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
}

fn is_body_marker(e: &Element) -> bool {
    e.itemprop.split_whitespace().any(|p| p == "articleBody")
        || BODY_NAMES.iter().any(|b| e.names.contains(b))
}

fn chrome_reason(e: &Element) -> Option<&'static str> {
    if e.hidden || SCREEN_READER_NAMES.iter().any(|s| e.names.contains(s)) {
        return Some("hidden");
    }
    if let Some(tag) = CHROME_TAGS.iter().find(|t| **t == e.tag) {
        return Some(tag);
    }
    if e.itemprop
        .split_whitespace()
        .any(|p| METADATA_ITEMPROPS.contains(&p))
    {
        return Some("metadata markup");
    }
    if CHROME_ROLES.contains(&e.role.as_str()) {
        return Some("landmark role");
    }
    if is_chrome_named(&e.names) {
        return Some("class/id");
    }
    None
}

fn is_chrome_named(names: &str) -> bool {
    words(names).any(|w| CHROME_WORDS.contains(&w))
        || (words(names).any(|w| LAYOUT_CHROME_WORDS.contains(&w))
            && !words(names).any(|w| CONTENT_WORDS.contains(&w)))
}

fn stats(dom: &Dom) -> Stats {
    let n = dom.nodes.len();
    // Which subtrees hold an article-body marker, and how much text each holds at all.
    let mut holds_body = vec![false; n];
    let mut raw_chars = vec![0usize; n];
    for i in (0..n).rev() {
        match &dom.nodes[i].kind {
            Kind::Element(e) => holds_body[i] |= is_body_marker(e),
            Kind::Text(t) => raw_chars[i] = t.chars().filter(|c| !c.is_whitespace()).count(),
        }
        let parent = dom.nodes[i].parent;
        if parent < n {
            holds_body[parent] |= holds_body[i];
            raw_chars[parent] += raw_chars[i];
        }
    }
    let page_chars = (0..n)
        .find(|&i| dom.tag(i) == "body")
        .map_or(raw_chars[0], |b| raw_chars[b]);
    let mut chrome: Vec<Option<&'static str>> = vec![None; n];
    for i in 0..n {
        let parent = dom.nodes[i].parent;
        let inherited = if parent < n { chrome[parent] } else { None };
        chrome[i] = inherited.or_else(|| {
            let e = dom.element(i)?;
            if matches!(e.tag.as_str(), "head" | "script" | "title") {
                return Some("metadata");
            }
            // Page-wide wrappers often carry layout classes ("has-sidebar", "menu-dropdown");
            // whatever holds the body marker or most of the page's text is not chrome.
            if holds_body[i]
                || raw_chars[i] * 2 > page_chars
                || matches!(e.tag.as_str(), "html" | "body")
            {
                return None;
            }
            chrome_reason(e)
        });
    }
    let mut chars = vec![0u32; n];
    let mut link_chars = vec![0u32; n];
    let mut commas = vec![0u32; n];
    let mut has_block_child = vec![false; n];
    for i in (0..n).rev() {
        if chrome[i].is_some() {
            continue;
        }
        match &dom.nodes[i].kind {
            Kind::Text(t) => {
                for c in t.chars() {
                    if !c.is_whitespace() {
                        chars[i] += 1;
                    }
                    if matches!(c, ',' | '，' | '、' | '،') {
                        commas[i] += 1;
                    }
                }
            }
            Kind::Element(e) if e.tag == "a" => link_chars[i] = chars[i],
            Kind::Element(_) => {}
        }
        let parent = dom.nodes[i].parent;
        if parent < n {
            chars[parent] += chars[i];
            link_chars[parent] += link_chars[i];
            commas[parent] += commas[i];
            if BLOCK_TAGS.contains(&dom.tag(i)) {
                has_block_child[parent] = true;
            }
        }
    }
    Stats {
        chrome,
        chars,
        link_chars,
        commas,
        has_block_child,
    }
}

fn link_density(stats: &Stats, i: usize) -> f64 {
    if stats.chars[i] == 0 {
        0.0
    } else {
        f64::from(stats.link_chars[i]) / f64::from(stats.chars[i])
    }
}

/// Readability's prior for a container from its tag and names.
fn prior(e: &Element) -> f64 {
    let tag = match e.tag.as_str() {
        "div" | "article" | "main" | "section" => 5.0,
        "pre" | "td" | "blockquote" => 3.0,
        "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
        _ => 0.0,
    };
    let mut names = 0.0;
    if is_body_marker(e) {
        names += 50.0;
    } else if words(&e.names).any(|w| CONTENT_WORDS.contains(&w)) {
        names += 25.0;
    }
    if is_chrome_named(&e.names) {
        names -= 25.0;
    }
    tag + names
}

/// Content score of every node (0 for nodes no paragraph contributed to), and the characters
/// of prose (paragraph blocks that are not link lists) each subtree holds.
struct Scores {
    score: Vec<f64>,
    prose: Vec<u32>,
}

fn scores(dom: &Dom, stats: &Stats, body: usize) -> Scores {
    let n = dom.nodes.len();
    let mut acc = vec![0.0f64; n];
    let mut touched = vec![false; n];
    let mut is_prose = vec![false; n];
    for (i, prose_block) in is_prose.iter_mut().enumerate() {
        if stats.chrome[i].is_some() || stats.chars[i] < MIN_SCORED_CHARS {
            continue;
        }
        let paragraph = match &dom.nodes[i].kind {
            Kind::Element(e) => {
                SCORED_TAGS.contains(&e.tag.as_str())
                    || (matches!(e.tag.as_str(), "div" | "section" | "article" | "span" | "font" | "center")
                        && !stats.has_block_child[i])
            }
            // Prose written straight into a container beside other blocks (text between
            // <br>s on older sites) is a paragraph too; inside a block-free container the
            // container itself is scored.
            Kind::Text(_) => {
                let parent = dom.nodes[i].parent;
                parent < n && stats.has_block_child[parent] && stats.chars[i] >= 3 * MIN_SCORED_CHARS
            }
        };
        if !paragraph {
            continue;
        }
        *prose_block = link_density(stats, i) < 0.5;
        let score = 1.0 + f64::from(stats.commas[i]) + (f64::from(stats.chars[i]) / 100.0).min(3.0);
        let mut ancestor = dom.nodes[i].parent;
        for level in 0..5 {
            if ancestor >= n || ancestor < body {
                break;
            }
            let divider = match level {
                0 => 1.0,
                1 => 2.0,
                l => f64::from(l) * 3.0,
            };
            acc[ancestor] += score / divider;
            touched[ancestor] = true;
            ancestor = dom.nodes[ancestor].parent;
        }
    }
    let score = (0..n)
        .map(|i| match dom.element(i) {
            Some(e) if touched[i] => (acc[i] + prior(e)) * (1.0 - link_density(stats, i)),
            _ => 0.0,
        })
        .collect();
    // Children come after their parent, so a reverse pass sums subtrees; a paragraph counts
    // as a whole so nested blocks (a <p> in a <td>) are not counted twice.
    let mut prose = vec![0u32; n];
    for i in (0..n).rev() {
        if is_prose[i] {
            prose[i] = stats.chars[i];
        }
        let parent = dom.nodes[i].parent;
        if parent < n {
            prose[parent] += prose[i];
        }
    }
    Scores { score, prose }
}

fn is_ancestor(dom: &Dom, ancestor: usize, node: usize) -> bool {
    ancestor <= node && node < dom.nodes[ancestor].end
}

/// The winning container plus qualifying siblings, in document order.
fn choose_roots(dom: &Dom, stats: &Stats, scores: &Scores, body: usize) -> Vec<usize> {
    let score = &scores.score;
    let n = dom.nodes.len();
    let mut ranked: Vec<usize> = (0..n).filter(|&i| score[i] > 0.0 && i > body).collect();
    ranked.sort_by(|&a, &b| score[b].total_cmp(&score[a]));
    ranked.truncate(5);
    let Some(&first) = ranked.first() else {
        return vec![body];
    };
    let mut top = first;
    let top_score = score[top];

    // Several near-equal candidates under one ancestor mean the body is split: take the
    // ancestor.
    let close: Vec<usize> = ranked
        .iter()
        .skip(1)
        .copied()
        .filter(|&c| score[c] >= 0.75 * top_score)
        .collect();
    if close.len() >= 2 {
        let mut ancestor = dom.nodes[top].parent;
        while ancestor < n && ancestor > body {
            if close
                .iter()
                .filter(|&&c| is_ancestor(dom, ancestor, c))
                .count()
                >= 2
            {
                top = ancestor;
                break;
            }
            ancestor = dom.nodes[ancestor].parent;
        }
    }

    // Climb while the parent scores higher: the winner was one column of the body.
    let mut last = score[top];
    let mut parent = dom.nodes[top].parent;
    while parent < n && parent > body {
        if score[parent] > 0.0 {
            if score[parent] < last / 3.0 {
                break;
            }
            if score[parent] > last {
                top = parent;
                break;
            }
            last = score[parent];
        }
        parent = dom.nodes[parent].parent;
    }
    // Bodies split into sections (a pull quote, an ad slot, a subheading block between them)
    // leave the winner holding only part of the prose: widen while what the parent adds is
    // itself mostly prose rather than teasers and chrome.
    let mut parent = dom.nodes[top].parent;
    while parent < n && parent > body {
        let extra_prose = scores.prose[parent].saturating_sub(scores.prose[top]);
        let extra_chars = stats.chars[parent].saturating_sub(stats.chars[top]);
        if extra_prose == 0
            || f64::from(extra_prose) < PROSE_SHARE_TO_WIDEN * f64::from(extra_chars)
        {
            break;
        }
        top = parent;
        parent = dom.nodes[parent].parent;
    }
    // A lone child says nothing its parent doesn't.
    while dom.nodes[top].parent > body
        && dom.nodes[top].parent < n
        && element_children(dom, dom.nodes[top].parent).count() == 1
    {
        top = dom.nodes[top].parent;
    }

    let Some(parent) = Some(dom.nodes[top].parent).filter(|&p| p < n) else {
        return vec![top];
    };
    let threshold = (score[top] * 0.2).max(10.0);
    let top_names = dom.element(top).map(|e| e.names.as_str()).unwrap_or("");
    element_children(dom, parent)
        .filter(|&s| {
            if s == top {
                return true;
            }
            if stats.chrome[s].is_some() {
                return false;
            }
            let bonus = match dom.element(s) {
                Some(e) if !top_names.is_empty() && e.names == top_names => score[top] * 0.2,
                _ => 0.0,
            };
            if score[s] + bonus >= threshold {
                return true;
            }
            if dom.tag(s) == "p" {
                let ld = link_density(stats, s);
                let chars = stats.chars[s];
                return (chars > 80 && ld < 0.25)
                    || (chars > 0 && ld == 0.0 && dom.text(s).ends_with('.'));
            }
            false
        })
        .collect()
}

fn element_children(dom: &Dom, parent: usize) -> impl Iterator<Item = usize> + '_ {
    let end = dom.nodes.get(parent).map(|n| n.end).unwrap_or(parent);
    let mut i = parent + 1;
    std::iter::from_fn(move || {
        while i < end {
            let current = i;
            i = dom.nodes[current].end;
            if dom.element(current).is_some() {
                return Some(current);
            }
        }
        None
    })
}

/// A paragraph being collected while reading out.
#[derive(Default)]
struct Run {
    text: String,
    chars: usize,
    link_chars: usize,
}

fn read_out(
    dom: &Dom,
    stats: &Stats,
    roots: &[usize],
    options: &Options,
    title: Option<&str>,
) -> Content {
    let mut out = Content {
        paragraphs: Vec::new(),
        removed: Vec::new(),
        seen: HashSet::new(),
    };
    for &root in roots {
        let end = dom.nodes[root].end;
        // End indices of the open link elements, to count link text.
        let mut open_links: Vec<usize> = Vec::new();
        // End indices of open block elements: reaching one closes a paragraph.
        let mut open_blocks: Vec<usize> = Vec::new();
        let mut run = Run::default();
        let mut i = root;
        while i < end {
            while open_blocks.last().is_some_and(|&e| e <= i) {
                open_blocks.pop();
                flush(&mut run, &mut out, options, title);
            }
            while open_links.last().is_some_and(|&e| e <= i) {
                open_links.pop();
            }
            let node = &dom.nodes[i];
            if let Some(reason) = stats.chrome[i] {
                let text = dom.text(i);
                if !text.is_empty() && i != root {
                    out.removed.push(Removed {
                        text,
                        reason: format!("chrome: {reason}"),
                    });
                }
                if dom
                    .element(i)
                    .is_some_and(|e| BLOCK_TAGS.contains(&e.tag.as_str()))
                {
                    flush(&mut run, &mut out, options, title);
                }
                i = node.end;
                continue;
            }
            match &node.kind {
                Kind::Text(t) => {
                    let chars = t.chars().filter(|c| !c.is_whitespace()).count();
                    run.chars += chars;
                    if !open_links.is_empty() {
                        run.link_chars += chars;
                    }
                    run.text.push_str(t);
                }
                Kind::Element(e) => {
                    if BLOCK_TAGS.contains(&e.tag.as_str()) {
                        flush(&mut run, &mut out, options, title);
                        open_blocks.push(node.end);
                    } else if e.tag == "a" {
                        open_links.push(node.end);
                    }
                }
            }
            i += 1;
        }
        flush(&mut run, &mut out, options, title);
    }
    out
}

fn flush(run: &mut Run, out: &mut Content, options: &Options, title: Option<&str>) {
    let run = std::mem::take(run);
    if run.chars == 0 {
        return;
    }
    let text = normalize_space(&run.text);
    let reason = if run.link_chars * 2 > run.chars {
        Some("link-dense block")
    } else if options.is_boilerplate(&text) {
        Some("boilerplate phrase")
    } else if out.paragraphs.is_empty() && title.is_some_and(|t| same_words(t, &text)) {
        Some("repeats the title")
    } else if out.repeats_earlier_text(&text) {
        // Pages often carry the body twice (a print or AMP copy, a teaser of the same text).
        Some("duplicate")
    } else {
        None
    };
    match reason {
        Some(reason) => out.removed.push(Removed {
            text,
            reason: reason.to_string(),
        }),
        None => out.paragraphs.push(text),
    }
}

fn same_words(a: &str, b: &str) -> bool {
    let words = |s: &str| {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect::<Vec<_>>()
    };
    let (a, b) = (words(a), words(b));
    !b.is_empty() && a.starts_with(&b)
}
