//! Behaviour on small hand-written pages, and robustness on hostile input.

use proptest::prelude::*;
use warta_html::{extract_html, extract_html_with, HtmlDocument, Options};

const PROSE: &str = "The committee met on Tuesday to review the budget, and members agreed \
    that spending on schools, roads and clinics should rise next year.";

fn body_text(doc: &HtmlDocument) -> String {
    doc.paragraphs.join("\n")
}

fn removed_text(doc: &HtmlDocument) -> String {
    doc.removed
        .iter()
        .map(|r| r.text.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn json_ld_metadata() {
    let html = r#"<html><head>
        <script type="application/ld+json">
        {"@context":"https://schema.org","@graph":[
          {"@type":"WebSite","name":"Ignored"},
          {"@type":"NewsArticle","headline":"Budget rises",
           "datePublished":"2024-06-19T08:00:00+07:00","dateModified":"2024-06-19T09:30:00+07:00",
           "inLanguage":"id-ID",
           "author":[{"@type":"Person","name":"Siti Rahma"},{"@type":"Person","name":"Budi"}],
           "publisher":{"@type":"Organization","name":"Kabar Harian"}}]}
        </script></head><body><article><p>PROSE</p></article></body></html>"#
        .replace("PROSE", PROSE);
    let doc = extract_html(&html, Some("https://example.id/a/1"));
    assert_eq!(doc.title.as_deref(), Some("Budget rises"));
    assert_eq!(doc.authors, vec!["Siti Rahma", "Budi"]);
    assert_eq!(doc.published.as_deref(), Some("2024-06-19T08:00:00+07:00"));
    assert_eq!(doc.modified.as_deref(), Some("2024-06-19T09:30:00+07:00"));
    assert_eq!(doc.site_name.as_deref(), Some("Kabar Harian"));
    assert_eq!(doc.language.as_deref(), Some("id-ID"));
    assert_eq!(doc.canonical_url.as_deref(), Some("https://example.id/a/1"));
    assert_eq!(doc.paragraphs, vec![PROSE]);
}

#[test]
fn opengraph_and_html_metadata() {
    let html = format!(
        r#"<html lang="en"><head><title>Budget rises | Daily</title>
        <meta property="og:title" content="Budget rises">
        <meta property="og:site_name" content="The Daily">
        <meta property="article:published_time" content="2024-06-19T08:00:00Z">
        <meta property="article:modified_time" content="2024-06-20T08:00:00Z">
        <meta name="author" content="Jane Doe">
        <meta name="description" content="Spending goes up.">
        <link rel="canonical" href="/news/budget">
        </head><body><main><p>{PROSE}</p></main></body></html>"#
    );
    let doc = extract_html(&html, Some("https://daily.example/news/budget?utm=x"));
    assert_eq!(doc.title.as_deref(), Some("Budget rises"));
    assert_eq!(doc.site_name.as_deref(), Some("The Daily"));
    assert_eq!(doc.published.as_deref(), Some("2024-06-19T08:00:00Z"));
    assert_eq!(doc.modified.as_deref(), Some("2024-06-20T08:00:00Z"));
    assert_eq!(doc.authors, vec!["Jane Doe"]);
    assert_eq!(doc.description.as_deref(), Some("Spending goes up."));
    assert_eq!(doc.language.as_deref(), Some("en"));
    assert_eq!(
        doc.canonical_url.as_deref(),
        Some("https://daily.example/news/budget")
    );
}

#[test]
fn time_element_gives_published_when_nothing_better() {
    let html = format!(
        r#"<body><article><time datetime="2024-01-02">2 Jan</time><p>{PROSE}</p></article></body>"#
    );
    assert_eq!(
        extract_html(&html, None).published.as_deref(),
        Some("2024-01-02")
    );
}

#[test]
fn nested_article_keeps_all_paragraphs_and_headings() {
    let html = format!(
        r#"<body><div class="layout"><div class="col">
        <article><div class="article-body">
          <p>{PROSE}</p>
          <div class="inner"><p>Second paragraph, with a clause, and another clause to count.</p>
          <h2>What happens next</h2>
          <ul><li>Schools get new roofs, windows and desks this year.</li></ul></div>
          <p>Final paragraph of the story, closing the report.</p>
        </div></article></div></div></body>"#
    );
    let doc = extract_html(&html, None);
    assert_eq!(
        doc.paragraphs,
        vec![
            PROSE,
            "Second paragraph, with a clause, and another clause to count.",
            "What happens next",
            "Schools get new roofs, windows and desks this year.",
            "Final paragraph of the story, closing the report.",
        ]
    );
}

#[test]
fn comments_nav_and_footer_are_dropped() {
    let html = format!(
        r#"<body>
        <nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
        <header class="site-header">The Daily Example</header>
        <article class="post"><p>{PROSE}</p><p>{PROSE} Again, in other words, for length.</p>
          <div class="share-bar">Share on Facebook, Twitter, WhatsApp</div></article>
        <section id="comments" class="comments-area">
          <p>I disagree with this article completely, the budget is far too big, honestly.</p>
        </section>
        <footer>Copyright 2024 The Daily Example. All rights reserved, everywhere.</footer>
        </body>"#
    );
    let doc = extract_html(&html, None);
    let text = body_text(&doc);
    assert!(text.contains("The committee met"), "{text}");
    for chrome in [
        "Home",
        "I disagree",
        "Copyright",
        "Share on Facebook",
        "The Daily Example",
    ] {
        assert!(!text.contains(chrome), "{chrome} leaked into {text}");
    }
    assert!(
        removed_text(&doc).contains("Share on Facebook"),
        "{:?}",
        doc.removed
    );
}

#[test]
fn indonesian_chrome_is_dropped() {
    let html = r#"<html lang="id"><body><div class="detail-text">
        <p>Jakarta - Presiden Rusia Vladimir Putin tiba di Pyongyang, Korea Utara, pada Rabu dini hari untuk kunjungan kenegaraan, kata kantor berita.</p>
        <p><strong>Baca juga:</strong> <a href="/x">Kim Jong Un sambut Putin di bandara</a></p>
        <div class="parallaxindetail">ADVERTISEMENT</div>
        <p>SCROLL TO CONTINUE WITH CONTENT</p>
        <p>Baca juga: Rusia dan Korut teken pakta pertahanan</p>
        <p>Kedua pemimpin menandatangani perjanjian kemitraan strategis yang mencakup bantuan timbal balik, menurut laporan media pemerintah.</p>
        <p>Simak Video "Putin dan Kim Jong Un Naik Limusin"</p>
        </div></body></html>"#;
    let doc = extract_html(html, None);
    assert_eq!(doc.language.as_deref(), Some("id"));
    assert_eq!(doc.paragraphs.len(), 2, "{:?}", doc.paragraphs);
    assert!(doc.paragraphs[0].starts_with("Jakarta - Presiden Rusia"));
    assert!(doc.paragraphs[1].starts_with("Kedua pemimpin"));
    let removed = removed_text(&doc);
    for chrome in [
        "Baca juga",
        "ADVERTISEMENT",
        "SCROLL TO CONTINUE WITH CONTENT",
        "Simak Video",
    ] {
        assert!(
            removed.contains(chrome),
            "{chrome} not reported in {removed}"
        );
    }
}

#[test]
fn english_ad_labels_and_read_more_links_are_dropped() {
    let html = format!(
        r#"<body><article><p>{PROSE}</p><p>Advertisement</p>
        <p>Read more: <a href="/y">Council approves new bus lanes</a></p>
        <p>The vote was close: seven members in favour, six against, and two abstentions.</p>
        </article></body>"#
    );
    let doc = extract_html(&html, None);
    assert_eq!(doc.paragraphs.len(), 2, "{:?}", doc.paragraphs);
}

#[test]
fn caller_phrase_tables_replace_the_defaults() {
    let html = format!(r#"<body><article><p>{PROSE}</p><p>Lihat berita lain</p></article></body>"#);
    let options = Options {
        boilerplate_lines: &["lihat berita lain"],
        boilerplate_prefixes: &[],
    };
    assert_eq!(
        extract_html_with(&html, None, &options).paragraphs,
        vec![PROSE]
    );
    assert_eq!(extract_html(&html, None).paragraphs.len(), 2);
}

#[test]
fn hidden_text_and_scripts_are_not_body() {
    let html = format!(
        r#"<body><article><p>{PROSE}</p><p style="display: none">Secret tracking text here.</p>
        <script>var x = "not text";</script><p hidden>Also hidden.</p></article></body>"#
    );
    assert_eq!(extract_html(&html, None).paragraphs, vec![PROSE]);
}

#[test]
fn repeated_copy_of_the_body_is_dropped() {
    let long = format!("{PROSE} {PROSE}");
    let html = format!(
        r#"<body><article><p>{long}</p></article><div class="print-copy"><p>{long}</p></div></body>"#
    );
    let doc = extract_html(&html, None);
    assert_eq!(doc.paragraphs, vec![long.clone()]);
}

#[test]
fn empty_and_trivial_inputs() {
    for html in [
        "",
        " ",
        "<",
        "<html>",
        "<p>",
        "text only",
        "<!doctype html><title>t</title>",
    ] {
        let doc = extract_html(html, None);
        assert!(
            doc.paragraphs.iter().all(|p| !p.trim().is_empty()),
            "{html:?}"
        );
    }
}

#[test]
fn deeply_nested_tags_do_not_overflow_the_stack() {
    // html5ever's scope checks make deep nesting quadratic, so the depth is kept to what
    // finishes quickly in a debug build while still far past any recursion limit.
    for tag in ["div", "span", "b", "table"] {
        let depth = 5_000;
        let html = format!(
            "{}{PROSE}{}",
            format!("<{tag}>").repeat(depth),
            format!("</{tag}>").repeat(depth)
        );
        let _ = extract_html(&html, None);
    }
}

#[test]
fn large_page_is_handled() {
    // ~50 MB: a real article followed by a huge block of repeated markup.
    let filler = "<div class=\"teaser\"><a href=\"/x\">Another story headline</a></div>\n";
    let mut html = format!("<html><body><article><p>{PROSE}</p></article>");
    while html.len() < 50_000_000 {
        html.push_str(filler);
    }
    html.push_str("</body></html>");
    let doc = extract_html(&html, None);
    assert!(body_text(&doc).contains("The committee met"));
}

#[test]
fn binary_garbage_decoded_lossily() {
    let bytes: Vec<u8> = (0..200_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    let text = String::from_utf8_lossy(&bytes);
    let _ = extract_html(&text, Some("not a url"));
}

#[test]
fn malformed_json_ld_is_ignored() {
    let html = r#"<head><script type="application/ld+json">{"@type": "NewsArticle", "headline": </script>
        <script type="application/ld+json">[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]</script></head>"#;
    let doc = extract_html(html, None);
    assert_eq!(doc.title, None);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn never_panics_on_arbitrary_text(s in ".{0,2000}") {
        let _ = extract_html(&s, None);
    }

    #[test]
    fn never_panics_on_tag_soup(parts in proptest::collection::vec(
        prop_oneof![
            Just("<div class=\"article-body\">".to_string()),
            Just("</div>".to_string()),
            Just("<p>".to_string()),
            Just("</p>".to_string()),
            Just("<a href=x>".to_string()),
            Just("</a>".to_string()),
            Just("<nav>".to_string()),
            Just("<table><tr><td>".to_string()),
            Just("<script type=\"application/ld+json\">{\"@type\":\"Article\",\"author\":[".to_string()),
            Just("</script>".to_string()),
            Just("<br>".to_string()),
            Just("<meta property=\"og:title\" content=\"x\">".to_string()),
            "[a-zA-Z ,.]{0,80}",
            "[^<>]{0,20}",
        ],
        0..200,
    ), url in proptest::option::of("[a-z:/.]{0,30}")) {
        let html = parts.concat();
        let doc = extract_html(&html, url.as_deref());
        for p in &doc.paragraphs {
            prop_assert!(!p.is_empty());
            prop_assert_eq!(p.trim(), p.as_str());
        }
    }
}

/// Older sites write the story straight into a layout cell between images and `<br>`s,
/// beside other blocks: that bare text is the article.
#[test]
fn bare_text_beside_blocks_is_the_body() {
    let story = format!("{PROSE} {PROSE} The mayor said the plan would be published on Friday after a final vote.");
    let html = format!(
        r#"<html><body><div class="menu"><ul><li><a href="/">Home</a></li><li><a href="/n">News</a></li></ul></div>
        <div class="col-md-9"><p class="title">Budget rises</p><small>05/10/2018 - Category: <a href="/c">Health</a></small><br><br>
        <img src="a.jpg">{story}<br><br><br></div>
        <div class="rodape"><p>Jaragua, SC - Rua Walter, 1111 - Barra do Rio, 89259-565 - Caixa Postal 421 - Fone: (047) 2106-8000</p></div></body></html>"#
    );
    let doc = extract_html(&html, None);
    let body = body_text(&doc);
    assert!(body.contains("The mayor said the plan would be published"), "{body}");
    assert!(!body.contains("Caixa Postal"), "{body}");
}
