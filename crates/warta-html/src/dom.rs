//! A compact, read-only copy of the parsed page.
//!
//! html5ever (through `dom_query`) does the hard part, turning any byte soup into a tree the
//! way browsers do. We then copy only what extraction needs into a flat pre-order array: every
//! subtree is a contiguous index range, so per-subtree sums are one reverse loop and nothing
//! recurses, which keeps deeply nested pages from exhausting the stack. Elements that never
//! carry article text (scripts, styles, embeds, form controls) are not copied at all.

use dom_query::{Document, NodeData, NodeId};

/// Sentinel parent of the root.
pub const NO_PARENT: usize = usize::MAX;

pub struct Node {
    pub parent: usize,
    /// One past the last descendant: the subtree is `index..end`.
    pub end: usize,
    pub kind: Kind,
}

pub enum Kind {
    Text(String),
    Element(Element),
}

pub struct Element {
    /// Lower-case local name.
    pub tag: String,
    /// `class` and `id` joined and lower-cased, for boilerplate and content-name patterns.
    pub names: String,
    pub role: String,
    pub itemprop: String,
    /// `hidden`, `aria-hidden="true"` or an inline `display:none`/`visibility:hidden`:
    /// text a reader never sees is not part of the article.
    pub hidden: bool,
    /// Attributes metadata extraction looks at (`name`, `property`, `content`, `rel`, …).
    pub attrs: Vec<(String, String)>,
}

pub struct Dom {
    pub nodes: Vec<Node>,
}

/// Subtrees dropped while copying: they hold code, media or controls, never prose.
const SKIPPED_TAGS: &[&str] = &[
    "style", "noscript", "template", "svg", "math", "iframe", "object", "embed", "canvas", "video",
    "audio", "picture", "source", "select", "option", "button", "input", "textarea", "map",
];

/// Attributes copied for metadata; everything else is dropped to keep the copy small.
const KEPT_ATTRS: &[&str] = &[
    "name",
    "property",
    "content",
    "rel",
    "href",
    "lang",
    "http-equiv",
    "datetime",
    "type",
    "pubdate",
];

impl Dom {
    pub fn parse(html: &str) -> Dom {
        let doc = Document::from(html);
        let tree = &doc.tree;
        let root = tree.root().id;
        let mut nodes = vec![Node {
            parent: NO_PARENT,
            end: 1,
            kind: Kind::Element(Element {
                tag: String::from("#document"),
                names: String::new(),
                role: String::new(),
                itemprop: String::new(),
                hidden: false,
                attrs: Vec::new(),
            }),
        }];
        let first = tree.query_node(&root, |n| n.first_child).flatten();
        // (arena index, next dom child of it still to visit)
        let mut stack: Vec<(usize, Option<NodeId>)> = vec![(0, first)];
        while let Some(top) = stack.last_mut() {
            let parent = top.0;
            let Some(id) = top.1 else {
                nodes[parent].end = nodes.len();
                stack.pop();
                continue;
            };
            let visited = tree.query_node(&id, |n| (n.next_sibling, n.first_child, copy(&n.data)));
            let Some((next, first_child, copied)) = visited else {
                top.1 = None;
                continue;
            };
            top.1 = next;
            match copied {
                Copied::Skip => {}
                Copied::Text(text) => {
                    // Merge adjacent text (html5ever may split it) so words are not cut apart.
                    if let Some(Node {
                        kind: Kind::Text(prev),
                        parent: p,
                        ..
                    }) = nodes.last_mut()
                    {
                        if *p == parent {
                            prev.push_str(&text);
                            continue;
                        }
                    }
                    let index = nodes.len();
                    nodes.push(Node {
                        parent,
                        end: index + 1,
                        kind: Kind::Text(text),
                    });
                }
                Copied::Element(element) => {
                    let index = nodes.len();
                    nodes.push(Node {
                        parent,
                        end: index + 1,
                        kind: Kind::Element(element),
                    });
                    stack.push((index, first_child));
                }
            }
        }
        Dom { nodes }
    }

    pub fn element(&self, index: usize) -> Option<&Element> {
        match self.nodes.get(index).map(|n| &n.kind) {
            Some(Kind::Element(e)) => Some(e),
            _ => None,
        }
    }

    pub fn tag(&self, index: usize) -> &str {
        self.element(index).map(|e| e.tag.as_str()).unwrap_or("")
    }

    /// Concatenated text of a subtree, whitespace-normalised.
    pub fn text(&self, index: usize) -> String {
        let end = self.nodes.get(index).map(|n| n.end).unwrap_or(index);
        let mut out = String::new();
        for node in self.nodes.get(index..end).unwrap_or(&[]) {
            if let Kind::Text(t) = &node.kind {
                out.push_str(t);
                out.push(' ');
            }
        }
        normalize_space(&out)
    }
}

enum Copied {
    Skip,
    Text(String),
    Element(Element),
}

fn copy(data: &NodeData) -> Copied {
    match data {
        NodeData::Text { contents } => Copied::Text(contents.to_string()),
        NodeData::Element(e) => {
            let tag = e.name.local.to_ascii_lowercase().to_string();
            let mut element = Element {
                tag,
                names: String::new(),
                role: String::new(),
                itemprop: String::new(),
                hidden: false,
                attrs: Vec::new(),
            };
            let mut script_type = String::new();
            for attr in &e.attrs {
                let name: &str = &attr.name.local;
                let value: &str = &attr.value;
                match name {
                    "class" | "id" => {
                        if !element.names.is_empty() {
                            element.names.push(' ');
                        }
                        element.names.push_str(&value.to_ascii_lowercase());
                    }
                    "role" => element.role = value.to_ascii_lowercase(),
                    "itemprop" => element.itemprop = value.to_string(),
                    "hidden" => element.hidden = true,
                    "aria-hidden" => element.hidden |= value.eq_ignore_ascii_case("true"),
                    "style" => element.hidden |= hides(value),
                    _ => {}
                }
                if name == "type" {
                    script_type = value.to_ascii_lowercase();
                }
                if KEPT_ATTRS.contains(&name) {
                    element.attrs.push((name.to_string(), value.to_string()));
                }
            }
            // Scripts matter only as JSON-LD metadata.
            if element.tag == "script" && !script_type.contains("ld+json") {
                return Copied::Skip;
            }
            if SKIPPED_TAGS.contains(&element.tag.as_str()) {
                return Copied::Skip;
            }
            Copied::Element(element)
        }
        _ => Copied::Skip,
    }
}

fn hides(style: &str) -> bool {
    let compact: String = style
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase();
    compact.contains("display:none") || compact.contains("visibility:hidden")
}

/// Collapses every run of whitespace (including no-break spaces) to one space and trims.
pub fn normalize_space(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split(|c: char| c.is_whitespace() || c == '\u{200b}') {
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}
