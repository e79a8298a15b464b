//! Word lists that decide what is page chrome rather than article.
//!
//! Two kinds live here. Class/id words are markup conventions and hold across languages.
//! Phrase tables are language data: they are deliberately short (English and Indonesian
//! chrome seen on news pages) because the pipeline's text filter runs per-language data files
//! over our paragraphs afterwards; callers can pass their own through [`crate::Options`].

/// Lines that are chrome when they make up a whole paragraph (compared case-insensitively,
/// ignoring surrounding punctuation).
pub const BOILERPLATE_LINES: &[&str] = &[
    // English
    "advertisement",
    "advertisements",
    "sponsored",
    "sponsored content",
    "story continues below advertisement",
    "article continues below advertisement",
    "continue reading below",
    "continue reading the main story",
    "read more",
    "share this article",
    "share",
    "related",
    "related articles",
    "related stories",
    // Indonesian
    "scroll to continue with content",
    "iklan",
    "baca juga",
    "lihat juga",
    "simak juga",
    "gulir untuk melanjutkan",
    "bagikan",
];

/// Prefixes that mark a short paragraph as a cross-link or promotion ("Baca juga: <title>").
pub const BOILERPLATE_PREFIXES: &[&str] = &[
    // English
    "read more:",
    "read also:",
    "also read:",
    "related:",
    "recommended:",
    "see also:",
    // Indonesian
    "baca juga:",
    "baca juga :",
    "lihat juga:",
    "simak juga:",
    "simak video",
    "tonton juga:",
    "artikel terkait:",
];

/// Class/id words (matched on whole words of the lower-cased `class`/`id`, split at anything
/// that is not a letter or digit) that mark chrome wherever they appear: comment threads,
/// share bars, ads, teasers, sign-up boxes.
pub const CHROME_WORDS: &[&str] = &[
    "ad",
    "ads",
    "adv",
    "advert",
    "advertisement",
    "advertising",
    "adsbygoogle",
    "dfp",
    "comment",
    "comments",
    "commentlist",
    "disqus",
    "consent",
    "cookie",
    "cookies",
    "gdpr",
    "newsletter",
    "subscribe",
    "subscription",
    "promo",
    "promotion",
    "sponsor",
    "sponsored",
    "outbrain",
    "taboola",
    "recirc",
    "related",
    "recommended",
    "trending",
    "popular",
    "share",
    "sharing",
    "social",
    "signup",
    "login",
    "survey",
    "readmore",
];

/// Layout words that name chrome on small blocks but also turn up on page-wide wrappers
/// ("content-with-sidebar", "main-header-offset"): they count only when the same names carry
/// no [`CONTENT_WORDS`], Readability's rule.
pub const LAYOUT_CHROME_WORDS: &[&str] = &[
    "banner",
    "breadcrumb",
    "breadcrumbs",
    "byline",
    "footer",
    "header",
    "masthead",
    "menu",
    "nav",
    "navbar",
    "navigation",
    "modal",
    "popup",
    "sidebar",
    "widget",
    "pagination",
    "pager",
    "tags",
    "toolbar",
    "skip",
    "author",
    "bio",
    "meta",
    "caption",
    "credit",
    "credits",
    "print",
    "rating",
    "hidden",
    "more",
    "topics",
];

/// Class/id fragments (substring match) that name the article body itself. A node carrying
/// one, or containing one, is never dropped as chrome, whatever else its class says.
pub const BODY_NAMES: &[&str] = &[
    "articlebody",
    "article-body",
    "article_body",
    "article__body",
    "articlecontent",
    "article-content",
    "article_content",
    "article__content",
    "story-body",
    "storybody",
    "story_body",
    "story-content",
    "entry-content",
    "entry_content",
    "post-content",
    "post_content",
    "postcontent",
    "post-body",
    "post_body",
    "postbody",
    "article-text",
    "articletext",
    "story-text",
    "body-text",
    "bodytext",
    "content-body",
    "main-content",
    "article__text",
    "text-content",
    "detail-content",
    "detail_text",
    "read__content",
    "itp_bodycontent",
    "td-post-content",
    "single-content",
];

/// Class/id words that suggest content, for the candidate score.
pub const CONTENT_WORDS: &[&str] = &[
    "article", "body", "content", "entry", "main", "post", "story", "text", "blog", "column",
];

/// Visually hidden helpers for screen readers; substring match.
pub const SCREEN_READER_NAMES: &[&str] = &[
    "sr-only",
    "screen-reader",
    "visually-hidden",
    "visuallyhidden",
    "screenreader",
];
