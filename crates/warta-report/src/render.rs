//! Markdown, JSON and HTML renderings of a brief. Article text is data, never markup:
//! the HTML escapes every piece of it, and the Markdown escapes what a Markdown
//! renderer would otherwise take for HTML.

use std::fmt::Write;

use serde_json::{json, Value};

use crate::abstractive::Abstractive;
use crate::{Brief, Citation, ConflictView};

/// The JSON contract: `event`, `summary` (`{text, citations}`), `timeline`, `quotes`,
/// `conflicts` (`{kind, claims: [{article, text, span, value}]}`), `updates`,
/// `single_source` (`{article, text, span}`), `corroborated` (`{text, articles,
/// independent_sources}`), `coverage`, and only when a language model was asked,
/// `abstractive` (`{model, sentences: [{text, markers, citations, supported, reason}],
/// dropped, evidence, generated, error}`).
pub fn to_json(brief: &Brief) -> Value {
    serde_json::to_value(brief).unwrap_or_else(|e| json!({ "error": format!("brief not serializable: {e}") }))
}

/// What the reader may take every sentence for: an outlet's own words, except in the
/// abstractive summary, which is a model's.
fn provenance(brief: &Brief) -> &'static str {
    if brief.abstractive.as_ref().is_some_and(|a| !a.sentences.is_empty()) {
        "Every sentence below is quoted from an article, with its id and byte span, except those of the abstractive summary: a language model wrote them and warta checked each against the sources it cites."
    } else {
        "Every sentence below is quoted from an article, with its id and byte span."
    }
}

fn md(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('\n', " ")
}

/// A TimeML value as a reader would write it ("2025-03-03TNI" → "2025-03-03 night",
/// "2025-03-03T20:15+08:00" → "2025-03-03 20:15 +08:00", a range with a dash); any other
/// value unchanged. JSON keeps the TimeML value, which programs compare.
fn readable_time(value: &str) -> String {
    const PARTS_OF_DAY: [(&str, &str); 6] =
        [("TMO", "morning"), ("TAF", "afternoon"), ("TEV", "evening"), ("TNI", "night"), ("TDT", "daytime"), ("TMI", "midday")];
    let looks_dated = value.len() >= 10 && value.as_bytes()[..4].iter().all(u8::is_ascii_digit) && value.as_bytes()[4] == b'-';
    if !looks_dated {
        return value.to_string();
    }
    let one = |v: &str| -> String {
        if let Some((date, part)) = PARTS_OF_DAY.iter().find_map(|(code, word)| v.strip_suffix(code).map(|d| (d, *word))) {
            return format!("{date} {part}");
        }
        match v.split_once('T') {
            Some((date, time)) => {
                let zone_at = time.find(['+', '-', 'Z']).unwrap_or(time.len());
                let (clock, zone) = time.split_at(zone_at);
                if zone.is_empty() { format!("{date} {clock}") } else { format!("{date} {clock} {zone}") }
            }
            None => v.to_string(),
        }
    };
    value.split('/').map(one).collect::<Vec<_>>().join(" – ")
}

fn cite_md(c: &[Citation]) -> String {
    let parts: Vec<String> = c
        .iter()
        .map(|c| format!("{} `{}` {}–{}", md(c.outlet.as_deref().unwrap_or("?")), c.article, c.span.start, c.span.end))
        .collect();
    format!("[{}]", parts.join("; "))
}

fn side_lines_md(out: &mut String, c: &ConflictView) {
    let _ = writeln!(out, "- **{}** — {} ({})", c.kind.name(), md(&c.about), md(&c.reason));
    for s in &c.claims {
        let when = s.published.map(|m| m.to_string()).unwrap_or_else(|| "undated".into());
        let _ = writeln!(
            out,
            "  - `{}`: “{}” [{} `{}` {}–{}, {}]",
            md(&readable_time(&s.value)),
            md(&s.text),
            md(s.outlet.as_deref().unwrap_or("?")),
            s.article,
            s.span.start,
            s.span.end,
            when
        );
    }
}

/// Said in place of an empty summary: the summary only takes statements that two
/// independent sources make, and a reader of an empty section would think it broken.
const NO_SUMMARY: &str = "No statement is made by two independent sources yet, so there is no summary; what a single source claims is listed under \"Claimed by one source only\".";

pub fn to_markdown(brief: &Brief) -> String {
    let mut out = String::new();
    let title = brief.event.title.as_deref().unwrap_or("Untitled event");
    let _ = writeln!(out, "# {}\n", md(title));
    let span = match (&brief.event.start, &brief.event.end) {
        (Some(a), Some(b)) if a != b => format!("{a} – {b}"),
        (Some(a), _) => a.to_string(),
        _ => "undated".into(),
    };
    let _ = writeln!(out, "Event `{}`, {span}. {}\n", md(&brief.event.id), provenance(brief));
    let _ = writeln!(out, "## Summary\n");
    if brief.summary.is_empty() {
        let _ = writeln!(out, "{NO_SUMMARY}");
    }
    for s in &brief.summary {
        let _ = writeln!(out, "- {} {}", md(&s.text), cite_md(&s.citations));
    }
    if let Some(a) = &brief.abstractive {
        abstractive_md(&mut out, a);
    }
    let _ = writeln!(out, "\n## Timeline\n");
    for t in &brief.timeline {
        let _ = writeln!(out, "- **{}** {} {}", md(&readable_time(&t.when)), md(&t.text), cite_md(&t.citations));
    }
    let _ = writeln!(out, "\n## Who said what\n");
    for s in &brief.quotes {
        let _ = writeln!(out, "### {}\n", md(&s.speaker));
        for q in &s.quotes {
            let marks = if q.direct { ("“", "”") } else { ("", " (reported)") };
            let _ = writeln!(out, "- {}{}{} {}", marks.0, md(&q.text), marks.1, cite_md(&q.carried_by));
        }
        out.push('\n');
    }
    let _ = writeln!(out, "## Where sources disagree\n");
    if brief.conflicts.is_empty() {
        let _ = writeln!(out, "No contradictions found.");
    }
    for c in &brief.conflicts {
        side_lines_md(&mut out, c);
    }
    if !brief.updates.is_empty() {
        let _ = writeln!(out, "\n### Figures that changed between reports (not contradictions)\n");
        for c in &brief.updates {
            side_lines_md(&mut out, c);
        }
    }
    let _ = writeln!(out, "\n## Claimed by one source only\n");
    for s in &brief.single_source {
        let note = if s.added_in_derived { " *(only in a copy or rewrite)*" } else { "" };
        let _ = writeln!(out, "- {}{} [{} `{}` {}–{}]", md(&s.text), note, md(s.outlet.as_deref().unwrap_or("?")), s.article, s.span.start, s.span.end);
    }
    let _ = writeln!(out, "\n## Corroborated\n");
    for c in &brief.corroborated {
        let _ = writeln!(out, "- ({} independent, {} articles) {} {}", c.independent_sources, c.articles.len(), md(&c.text), cite_md(&c.citations));
    }
    let _ = writeln!(out, "\n## Coverage\n");
    let _ = writeln!(out, "| Published | Outlet | Article | Source group | Claims | Corroborated | Single-source | Title |\n|---|---|---|---|---|---|---|---|");
    for r in &brief.coverage.articles {
        let first = if brief.coverage.first.as_ref() == Some(&r.article) { " (first)" } else { "" };
        let _ = writeln!(
            out,
            "| {}{} | {} | `{}` | {} | {} | {} | {} | {} |",
            r.published.map(|m| m.to_string()).unwrap_or_else(|| "?".into()),
            first,
            md(r.outlet.as_deref().unwrap_or("?")).replace('|', "\\|"),
            r.article,
            r.source_group.map(|g| g.to_string()).unwrap_or_default(),
            r.claims,
            r.corroborated,
            r.single_source,
            md(r.title.as_deref().unwrap_or("")).replace('|', "\\|"),
        );
    }
    if !brief.coverage.reuse.is_empty() {
        let _ = writeln!(out, "\nWho copied whom:\n");
        for l in &brief.coverage.reuse {
            let _ = writeln!(out, "- `{}` → `{}` ({}; {})", l.source, l.derived, l.kind, md(&l.direction_reason));
        }
    }
    out
}

/// The paragraph opening the abstractive summary, as plain text: who wrote it, how it
/// was checked and what came of it, or why there is none.
fn abstractive_intro(a: &Abstractive) -> String {
    match &a.error {
        Some(error) => format!("Not available: {error}. The rest of this brief does not depend on it."),
        None => format!(
            "Written by the language model “{}” from {} numbered source sentences, then checked: a sentence is supported only when the sentences it cites contain its numbers, dates, names and quotations and most of its words. {} shown, {} dropped.",
            a.model,
            a.evidence,
            a.sentences.len(),
            a.dropped.len()
        ),
    }
}

/// What the model wrote and what the check made of it: kept sentences with their
/// citations, unsupported ones marked with the reason, dropped ones listed.
fn abstractive_md(out: &mut String, a: &Abstractive) {
    let _ = writeln!(out, "\n## Abstractive summary\n\n{}\n", md(&abstractive_intro(a)));
    for s in &a.sentences {
        let flag = match &s.reason {
            Some(reason) => format!("**Unsupported** ({}): ", md(reason)),
            None => String::new(),
        };
        let _ = writeln!(out, "- {flag}{} {}", md(&s.text), cite_md(&s.citations));
    }
    if !a.dropped.is_empty() {
        let _ = writeln!(out, "\nDropped as unsupported:\n");
        for s in &a.dropped {
            let _ = writeln!(out, "- {} — {}", md(&s.text), md(s.reason.as_deref().unwrap_or("unsupported")));
        }
    }
}

fn abstractive_html(out: &mut String, a: &Abstractive) {
    let _ = write!(out, "<h2>Abstractive summary</h2><p class=\"why\">{}</p><ul>", esc(&abstractive_intro(a)));
    for s in &a.sentences {
        match &s.reason {
            Some(reason) => {
                let _ = write!(out, "<li class=\"unsupported\"><b>Unsupported</b> ({}): {} {}</li>", esc(reason), esc(&s.text), cite_html(&s.citations));
            }
            None => {
                let _ = write!(out, "<li>{} {}</li>", esc(&s.text), cite_html(&s.citations));
            }
        }
    }
    out.push_str("</ul>");
    if !a.dropped.is_empty() {
        out.push_str("<p>Dropped as unsupported:</p><ul class=\"dropped\">");
        for s in &a.dropped {
            let _ = write!(out, "<li>{} — <span class=\"why\">{}</span></li>", esc(&s.text), esc(s.reason.as_deref().unwrap_or("unsupported")));
        }
        out.push_str("</ul>");
    }
}

/// Escapes text for HTML element content and quoted attribute values.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

fn cite_html(c: &[Citation]) -> String {
    let parts: Vec<String> = c
        .iter()
        .map(|c| {
            format!(
                "<span class=\"cite\" title=\"{} bytes {}–{}\">{}</span>",
                esc(c.article.as_str()),
                c.span.start,
                c.span.end,
                esc(&format!("{} {}:{}–{}", c.outlet.as_deref().unwrap_or("?"), c.article, c.span.start, c.span.end))
            )
        })
        .collect();
    format!("<span class=\"cites\">{}</span>", parts.join(" "))
}

fn conflicts_html(out: &mut String, list: &[ConflictView]) {
    for c in list {
        let _ = write!(out, "<div class=\"conflict\"><h3>{}: {}</h3><p class=\"why\">{}</p><ul>", esc(c.kind.name()), esc(&c.about), esc(&c.reason));
        for s in &c.claims {
            let _ = write!(
                out,
                "<li><b>{}</b> — {} {}</li>",
                esc(&readable_time(&s.value)),
                esc(&s.text),
                cite_html(&[Citation { article: s.article.clone(), outlet: s.outlet.clone(), span: s.span }])
            );
        }
        out.push_str("</ul></div>");
    }
}

/// One self-contained HTML file (inline style, no scripts, no external resources), so
/// a brief can be mailed or archived and read offline.
pub fn to_html(brief: &Brief) -> String {
    let mut out = String::new();
    let title = brief.event.title.as_deref().unwrap_or("Untitled event");
    let _ = write!(
        out,
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\"><title>{}</title><style>\
body{{font:16px/1.5 system-ui,sans-serif;max-width:50em;margin:2em auto;padding:0 1em;color:#222}}\
.cite{{font-size:.75em;color:#555;background:#eef;border-radius:3px;padding:0 .3em;margin-left:.3em;white-space:nowrap}}\
.conflict{{border-left:4px solid #c33;padding-left:.8em;margin:1em 0}} .why{{color:#666;font-size:.9em}}\
.unsupported{{color:#a40}} .dropped{{color:#777}}\
table{{border-collapse:collapse;font-size:.85em}} td,th{{border:1px solid #ccc;padding:.2em .4em}}\
</style></head><body><h1>{}</h1><p>Event <code>{}</code>. {}</p>",
        esc(title),
        esc(title),
        esc(&brief.event.id),
        esc(provenance(brief))
    );
    out.push_str("<h2>Summary</h2>");
    if brief.summary.is_empty() {
        let _ = write!(out, "<p class=\"why\">{}</p>", esc(NO_SUMMARY));
    }
    out.push_str("<ul>");
    for s in &brief.summary {
        let _ = write!(out, "<li>{} {}</li>", esc(&s.text), cite_html(&s.citations));
    }
    out.push_str("</ul>");
    if let Some(a) = &brief.abstractive {
        abstractive_html(&mut out, a);
    }
    out.push_str("<h2>Timeline</h2><ul>");
    for t in &brief.timeline {
        let _ = write!(out, "<li><b>{}</b> {} {}</li>", esc(&readable_time(&t.when)), esc(&t.text), cite_html(&t.citations));
    }
    out.push_str("</ul><h2>Who said what</h2>");
    for s in &brief.quotes {
        let _ = write!(out, "<h3>{}</h3><ul>", esc(&s.speaker));
        for q in &s.quotes {
            let text = if q.direct { format!("“{}”", esc(&q.text)) } else { format!("{} <i>(reported)</i>", esc(&q.text)) };
            let _ = write!(out, "<li>{} {}</li>", text, cite_html(&q.carried_by));
        }
        out.push_str("</ul>");
    }
    out.push_str("<h2>Where sources disagree</h2>");
    conflicts_html(&mut out, &brief.conflicts);
    if !brief.updates.is_empty() {
        out.push_str("<h3>Figures that changed between reports (not contradictions)</h3>");
        conflicts_html(&mut out, &brief.updates);
    }
    out.push_str("<h2>Claimed by one source only</h2><ul>");
    for s in &brief.single_source {
        let note = if s.added_in_derived { " <i>(only in a copy or rewrite)</i>" } else { "" };
        let _ = write!(
            out,
            "<li>{}{} {}</li>",
            esc(&s.text),
            note,
            cite_html(&[Citation { article: s.article.clone(), outlet: s.outlet.clone(), span: s.span }])
        );
    }
    out.push_str("</ul><h2>Corroborated</h2><ul>");
    for c in &brief.corroborated {
        let _ = write!(out, "<li>({} independent, {} articles) {} {}</li>", c.independent_sources, c.articles.len(), esc(&c.text), cite_html(&c.citations));
    }
    out.push_str("</ul><h2>Coverage</h2><table><tr><th>Published</th><th>Outlet</th><th>Article</th><th>Group</th><th>Claims</th><th>Corroborated</th><th>Single-source</th><th>Title</th></tr>");
    for r in &brief.coverage.articles {
        let first = if brief.coverage.first.as_ref() == Some(&r.article) { " (first)" } else { "" };
        let _ = write!(
            out,
            "<tr><td>{}{}</td><td>{}</td><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&r.published.map(|m| m.to_string()).unwrap_or_else(|| "?".into())),
            first,
            esc(r.outlet.as_deref().unwrap_or("?")),
            esc(r.article.as_str()),
            r.source_group.map(|g| g.to_string()).unwrap_or_default(),
            r.claims,
            r.corroborated,
            r.single_source,
            esc(r.title.as_deref().unwrap_or(""))
        );
    }
    out.push_str("</table><ul>");
    for l in &brief.coverage.reuse {
        let _ = write!(out, "<li><code>{}</code> → <code>{}</code> ({}; {})</li>", esc(l.source.as_str()), esc(l.derived.as_str()), esc(&l.kind), esc(&l.direction_reason));
    }
    out.push_str("</ul></body></html>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::readable_time;

    #[test]
    fn timeml_values_read_as_people_write_them() {
        assert_eq!(readable_time("2025-03-03TNI"), "2025-03-03 night");
        assert_eq!(readable_time("2025-03-04TMO"), "2025-03-04 morning");
        assert_eq!(readable_time("2025-03-03T20:15+08:00"), "2025-03-03 20:15 +08:00");
        assert_eq!(readable_time("2025-03-03T21:40"), "2025-03-03 21:40");
        assert_eq!(readable_time("2025-03-04TMO/2025-03-04"), "2025-03-04 morning – 2025-03-04");
        assert_eq!(readable_time("2025-03-03"), "2025-03-03");
        for unchanged in ["146 penumpang", "2025", "PAST_REF", "", "20ab-01-01"] {
            assert_eq!(readable_time(unchanged), unchanged);
        }
    }
}
