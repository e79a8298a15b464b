//! Turning the lines of a page into an article: site chrome out (with its reason),
//! title, byline, editor, time and dateline moved to metadata, paragraphs kept with
//! their place in the raw input. All language knowledge comes from `resources/`.

use warta_lang::{parse_datetime, resources, LanguageData, RestAction};
use warta_model::{Moment, ParagraphKind, Removed, Span};

/// Byline, editor and time lines are looked for only this far into the page: further
/// down, "Oleh karena itu ..." is prose, not a byline.
const HEAD_LINES: usize = 12;

/// Longest line read as a byline, time or dateline line.
const METADATA_MAX_WORDS: usize = 14;

/// A line of input text with where it sits in the decoded raw record.
#[derive(Clone, Debug)]
pub(crate) struct Line {
    pub text: String,
    pub raw: Option<Span>,
}

/// What the page says about itself, read off its lines.
#[derive(Debug, Default)]
pub(crate) struct Cleaned {
    pub title: Option<String>,
    pub authors: Vec<String>,
    pub editors: Vec<String>,
    pub outlet: Option<String>,
    pub credit: Option<String>,
    pub dateline: Option<String>,
    pub published: Option<Moment>,
    pub modified: Option<Moment>,
    /// Times read off the page before zones are settled: (time, zone assumed, is an update).
    times: Vec<(Moment, bool, bool)>,
    pub paragraphs: Vec<(String, Option<Span>, ParagraphKind)>,
    pub removed: Vec<Removed>,
    pub warnings: Vec<String>,
}

/// A line as classified: `spaced` keeps the original runs of spaces, which tell a
/// pasted menu ("Home  Peristiwa  Sport") from prose.
struct Classified {
    line: Line,
    spaced: String,
}

#[derive(Debug)]
enum Class {
    Chrome(String),
    Metadata(String),
    Kept,
}

/// Cleans `lines`. `known_title` is the title the container gave (HTML `<title>`, a JSON
/// field): then no line is taken as the title, and a first line repeating it is dropped.
pub(crate) fn clean_lines(lines: Vec<Line>, known_title: Option<&str>) -> Cleaned {
    let r = resources();
    let mut out = Cleaned::default();
    let classified: Vec<Classified> = lines
        .into_iter()
        .filter_map(|l| {
            let trimmed = l.text.trim();
            if trimmed.is_empty() {
                return None;
            }
            let offset = l.text.find(trimmed).unwrap_or(0);
            Some(Classified {
                line: Line {
                    raw: l.raw.map(|s| Span::new(s.start + offset, s.start + offset + trimmed.len())),
                    text: squeeze_spaces(trimmed),
                },
                spaced: trimmed.to_string(),
            })
        })
        .collect();
    let is_menu: Vec<bool> = classified.iter().map(|c| is_menu_row(&c.spaced)).collect();
    let lines: Vec<Line> = classified.into_iter().map(|c| c.line).collect();
    let mut classes: Vec<Class> = Vec::with_capacity(lines.len());
    let mut dropping_rest: Option<String> = None;
    let mut dropping_list: Option<String> = None;
    let mut head_seen = 0;
    for (i, line) in lines.iter().enumerate() {
        let rule = chrome_rule(&line.text, r.all())
            .or_else(|| is_menu[i].then(|| ("menu or button row".to_string(), RestAction::Keep)));
        let rule_then = rule.as_ref().map(|(_, then)| *then);
        if rule.is_none() && dropping_rest.is_none() {
            if let Some(list) = &dropping_list {
                if is_heading_like(&line.text) {
                    classes.push(Class::Chrome(list.clone()));
                    continue;
                }
            }
        }
        dropping_list = None;
        if let Some(block) = &dropping_rest {
            // Inside a block of chrome, a line's own reason is the more precise one, and
            // a new block heading ("POPULER" after "Komentar") names what follows.
            let reason = rule.map_or_else(|| block.clone(), |(reason, _)| reason);
            if rule_then == Some(RestAction::DropRest) {
                dropping_rest = Some(reason.clone());
            }
            classes.push(Class::Chrome(reason));
            continue;
        }
        if let Some((reason, then)) = rule {
            match then {
                RestAction::DropRest => dropping_rest = Some(reason.clone()),
                RestAction::DropList => dropping_list = Some(reason.clone()),
                RestAction::Keep => {}
            }
            classes.push(Class::Chrome(reason));
            continue;
        }
        if head_seen < HEAD_LINES {
            head_seen += 1;
            if let Some(reason) = read_metadata_line(&line.text, &mut out) {
                classes.push(Class::Metadata(reason));
                continue;
            }
            if is_editor_label(&line.text) {
                mark_previous_as_editor(i, &lines, &mut classes, &mut out);
                classes.push(Class::Metadata("editor label".into()));
                continue;
            }
            if let Some(editor) = editor_with_label(&line.text) {
                out.editors.push(editor);
                classes.push(Class::Metadata("editor → editors".into()));
                continue;
            }
        }
        classes.push(Class::Kept);
    }

    let mut kept: Vec<Line> = Vec::new();
    for (line, class) in lines.into_iter().zip(classes) {
        match class {
            Class::Kept => kept.push(line),
            Class::Chrome(reason) | Class::Metadata(reason) => out.removed.push(Removed {
                text: line.text,
                reason,
                raw: line.raw,
            }),
        }
    }
    settle_times(&mut out);
    take_masthead(&mut kept, known_title, &mut out);
    take_title(&mut kept, known_title, &mut out);
    take_dateline(&mut kept, &mut out);
    strip_suffixes(&mut kept, &mut out);
    let first_body = kept.iter().position(|l| !is_heading_like(&l.text));
    for (i, line) in kept.into_iter().enumerate() {
        let kind = if first_body.is_some_and(|b| i > b) && is_heading_like(&line.text) {
            ParagraphKind::Heading
        } else {
            ParagraphKind::Body
        };
        out.paragraphs.push((line.text, line.raw, kind));
    }
    // In page order, so the list reads alongside the input.
    out.removed.sort_by_key(|r| r.raw.map_or(usize::MAX, |s| s.start));
    out
}

/// Three or more short items separated by wide gaps, bars or bullets: a menu, tag list
/// or share-button row pasted from a page, in any language.
fn is_menu_row(spaced: &str) -> bool {
    let items: Vec<&str> = spaced
        .split(['\t', '|', '•', '·'])
        .flat_map(|part| part.split("  "))
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .collect();
    items.len() >= 3
        && items.iter().all(|item| {
            word_count(item) <= 3 && !item.ends_with(['.', '!', '?', '"', '”']) && !item.chars().any(|c| c.is_ascii_digit())
        })
}

fn squeeze_spaces(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut last_space = false;
    for c in s.chars() {
        let space = c.is_whitespace();
        if !(space && last_space) {
            out.push(if space { ' ' } else { c });
        }
        last_space = space;
    }
    out
}

fn word_count(s: &str) -> usize {
    s.split_whitespace().count()
}

/// A line short enough to be a label, a masthead or a subheading. Characters are
/// counted too: Chinese or Japanese prose has no spaces, so a whole paragraph is "one word".
fn is_short(s: &str, max_words: usize) -> bool {
    word_count(s) <= max_words && s.chars().count() <= max_words * 12
}

/// The first chrome rule of any language matching the whole line.
fn chrome_rule<'a>(text: &str, languages: impl Iterator<Item = &'a LanguageData>) -> Option<(String, RestAction)> {
    let words = word_count(text);
    for language in languages {
        for rule in &language.boilerplate.lines {
            if words <= rule.max_words && rule.patterns.iter().any(|p| p.is_match(text)) {
                return Some((rule.reason.clone(), rule.then));
            }
        }
    }
    None
}

fn metadata_words() -> impl Iterator<Item = &'static warta_lang::MetadataWords> {
    resources().all().map(|l| &l.metadata)
}

/// `label` followed by a space, colon or the end of `lower`.
fn strip_label<'a>(lower: &'a str, label: &str) -> Option<&'a str> {
    let rest = lower.strip_prefix(label)?;
    match rest.chars().next() {
        None => Some(rest),
        Some(c) if c.is_whitespace() || c == ':' => Some(rest.trim_start_matches([':', ' ', '\t'])),
        _ => None,
    }
}

/// Reads a byline or time line into `out`; returns the removal reason when it was one.
fn read_metadata_line(text: &str, out: &mut Cleaned) -> Option<String> {
    if word_count(text) > METADATA_MAX_WORDS {
        return None;
    }
    let lower = text.to_lowercase();
    for words in metadata_words() {
        for prefix in &words.byline_prefixes {
            let Some(rest_lower) = strip_label(&lower, prefix) else { continue };
            let rest = &text[text.len() - rest_lower.len()..];
            let mut segments = rest.split(" | ");
            let (names_part, time_part) = split_names_from_time(segments.next().unwrap_or_default());
            let names = split_names(names_part, &words.author_separators);
            if names.is_empty() {
                continue;
            }
            out.authors.extend(names);
            let mut reason = "byline → authors".to_string();
            for part in time_part.into_iter().chain(segments) {
                if let Some(editor) = editor_with_label(part) {
                    out.editors.push(editor);
                    reason.push_str(", editors");
                } else if read_time(part, out) {
                    reason.push_str(", time");
                }
            }
            return Some(reason);
        }
    }
    let found = parse_datetime(text, None)?;
    if found.date_only && word_count(text) > 6 {
        return None;
    }
    let remainder = format!("{} {}", &text[..found.start], &text[found.end..]);
    let remainder = strip_time_words(&remainder);
    // "Rapat digelar Senin (4/3/2024) di Jakarta.": a short sentence, not a time line.
    let words = word_count(&remainder);
    if words > 4 || words >= 3 && ends_a_sentence(text) {
        return None;
    }
    read_time(text, out);
    if let Some(outlet) = outlet_name(&remainder) {
        out.outlet.get_or_insert(outlet);
        return Some("outlet and publication time → metadata".into());
    }
    Some("publication time → metadata".into())
}

/// Splits "Khairisa Ferida diperbarui 19 Jun 2024, 17:23 WIB" into the names and the time.
fn split_names_from_time(rest: &str) -> (&str, Option<&str>) {
    let lower = rest.to_lowercase();
    let mut cut = parse_datetime(rest, None).map(|d| d.start);
    for words in metadata_words() {
        for label in words.updated_labels.iter().chain(&words.published_labels) {
            for (at, _) in lower.match_indices(label.as_str()) {
                let boundary_before = at == 0 || lower[..at].ends_with([' ', ',', '|', '-', '–', '—', '·']);
                if boundary_before && cut.is_none_or(|c| at < c) {
                    cut = Some(at);
                }
            }
        }
    }
    match cut {
        Some(at) => (rest[..at].trim_end_matches([' ', ',', '|', '-', '–', '—', '·']), Some(&rest[at..])),
        None => (rest, None),
    }
}

/// Particles that stay lower-case inside personal names.
const NAME_PARTICLES: &[&str] = &["bin", "binti", "van", "von", "de", "da", "al", "el", "di", "la", "le"];

/// Splits a byline into names; empty when any part does not look like a name, which is
/// how "Oleh karena itu, ..." is told from "Oleh Khairisa Ferida".
fn split_names(text: &str, separators: &[String]) -> Vec<String> {
    let mut parts = vec![text.trim().to_string()];
    for sep in separators {
        parts = parts
            .iter()
            .flat_map(|p| p.split(sep.as_str()).map(str::to_string).collect::<Vec<_>>())
            .collect();
    }
    let names: Vec<String> = parts
        .into_iter()
        .map(|p| without_parenthetical(&p).trim_matches(|c: char| c == ',' || c == '|' || c == '-').trim().to_string())
        .filter(|p| !p.is_empty())
        .collect();
    let all_names = !names.is_empty() && names.iter().all(|n| looks_like_name(n));
    if all_names {
        names
    } else {
        Vec::new()
    }
}

/// "Ardiansyah Putra (KBS)" → "Ardiansyah Putra": the agency credit is not a name.
fn without_parenthetical(text: &str) -> &str {
    let text = text.trim();
    match (text.rfind('('), text.ends_with(')')) {
        (Some(open), true) if open > 0 => text[..open].trim_end(),
        _ => text,
    }
}

fn looks_like_name(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    (1..=6).contains(&words.len())
        && !text.chars().any(|c| c.is_ascii_digit())
        && words.iter().all(|w| {
            NAME_PARTICLES.contains(&w.to_lowercase().as_str())
                || w.chars().next().is_some_and(|c| c.is_uppercase())
        })
}

/// Parses the time in `text` into published or, after an "updated" label, modified.
fn read_time(text: &str, out: &mut Cleaned) -> bool {
    let Some(found) = parse_datetime(text, None) else { return false };
    let lower = text[..found.start].to_lowercase();
    let updated = metadata_words().any(|w| w.updated_labels.iter().any(|l| lower.contains(l.as_str())));
    out.times.push((found.moment, found.zone_assumed, updated));
    true
}

/// Settles published and modified times. A time written without a zone takes the zone
/// of another time on the same page ("Published 8:05 PM (GMT+8)" / "Updated 8:41 PM");
/// with none, UTC is assumed and the user warned.
fn settle_times(out: &mut Cleaned) {
    let page_zone = out.times.iter().find(|(_, assumed, _)| !assumed).map(|(m, _, _)| m.offset);
    for (moment, assumed, updated) in std::mem::take(&mut out.times) {
        let moment = match (assumed, page_zone) {
            (true, Some(zone)) => zone.to_timestamp(moment.local()).map_or(moment, |t| Moment::new(t, zone)),
            (true, None) => {
                out.warnings.push(format!("the time {moment} names no time zone; UTC was assumed"));
                moment
            }
            (false, _) => moment,
        };
        if updated {
            out.modified.get_or_insert(moment);
        } else {
            out.published.get_or_insert(moment);
        }
    }
    // An update time is the best publication time a page without another one offers:
    // the article existed by then.
    if out.published.is_none() {
        out.published = out.modified;
    }
}

/// Removes time labels, weekday names and separators around a time.
fn strip_time_words(text: &str) -> String {
    let mut words: Vec<&str> = Vec::new();
    for word in text.split_whitespace() {
        let bare = word.trim_matches(|c: char| !c.is_alphanumeric() && c != '.' && c != '+');
        let lower = bare.to_lowercase();
        let is_label = metadata_words().any(|w| {
            w.updated_labels.iter().chain(&w.published_labels).any(|l| *l == lower)
        }) || resources()
            .all()
            .any(|l| l.calendar.weekdays.iter().any(|names| names.contains(&lower)));
        if !bare.is_empty() && !is_label {
            words.push(bare);
        }
    }
    words.join(" ")
}

/// An outlet name next to a time: a domain ("Kompas.com") or a few capitalised words.
fn outlet_name(text: &str) -> Option<String> {
    let text = text.trim_matches(|c: char| !c.is_alphanumeric() && c != '+').trim();
    if text.is_empty() {
        return None;
    }
    let is_domain = text.contains('.') && !text.contains(' ');
    (is_domain || looks_like_name(text)).then(|| text.to_string())
}

fn is_editor_label(text: &str) -> bool {
    let lower = text.trim_end_matches(':').trim().to_lowercase();
    metadata_words().any(|w| w.editor_labels.contains(&lower))
}

fn editor_with_label(text: &str) -> Option<String> {
    if word_count(text) > 8 {
        return None;
    }
    let lower = text.to_lowercase();
    for words in metadata_words() {
        for label in &words.editor_labels {
            if let Some(rest) = lower.strip_prefix(label.as_str()) {
                if rest.trim_start().starts_with(':') {
                    let name = text[text.len() - rest.len()..].trim_start().trim_start_matches(':').trim();
                    if looks_like_name(name) {
                        return Some(name.to_string());
                    }
                }
            }
        }
    }
    None
}

/// "Irawan Sapto Adhi" then "Editor": the kept line before the label is the editor.
fn mark_previous_as_editor(i: usize, lines: &[Line], classes: &mut [Class], out: &mut Cleaned) {
    let Some(prev) = i.checked_sub(1) else { return };
    if matches!(classes[prev], Class::Kept) && looks_like_name(&lines[prev].text) && word_count(&lines[prev].text) >= 2 {
        out.editors.push(lines[prev].text.clone());
        classes[prev] = Class::Metadata("editor → editors".into());
    }
}

/// Most words capitalised, as in headlines of Indonesian and English outlets.
fn is_title_case(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    let capitalised = words
        .iter()
        .filter(|w| w.chars().find(|c| c.is_alphanumeric()).is_some_and(|c| c.is_uppercase() || c.is_numeric()))
        .count();
    !words.is_empty() && capitalised * 10 >= words.len() * 7
}

fn ends_a_sentence(text: &str) -> bool {
    text.trim_end_matches(['"', '”', '’', '\'', ')']).ends_with(['.', '…', ':', ';'])
}

/// Short lines above the headline are the site's name and section labels
/// ("harianpesisir.id", "STRAITS LEDGER", "Olahraga"): taken off, the name as the outlet.
fn take_masthead(kept: &mut Vec<Line>, known_title: Option<&str>, out: &mut Cleaned) {
    while kept.len() > 2 && is_short(&kept[0].text, 3) && !ends_a_sentence(&kept[0].text) {
        let next = &kept[1].text;
        let headline_follows = known_title.is_some_and(|t| normalise(t) == normalise(next))
            || is_short(next, 3)
            || (known_title.is_none() && is_headline(next));
        if !headline_follows {
            return;
        }
        let line = kept.remove(0);
        let reason = match outlet_name(&line.text) {
            Some(name) if out.outlet.is_none() && (name.contains('.') || word_count(&name) >= 2) => {
                out.outlet = Some(tidy_outlet(&name));
                "masthead → outlet"
            }
            _ => "section label",
        };
        out.removed.push(Removed { text: line.text, reason: reason.into(), raw: line.raw });
    }
}

/// A line shaped like a headline: a few words to a long phrase, no closing full stop.
fn is_headline(text: &str) -> bool {
    word_count(text) >= 2 && is_short(text, 25) && !ends_a_sentence(text)
}

/// Outlet names written in capitals are shown the way sites write them elsewhere:
/// "KABARNUSANTARA.CO.ID" → "kabarnusantara.co.id", "STRAITS LEDGER" → "Straits Ledger".
fn tidy_outlet(name: &str) -> String {
    let is_acronym = !name.contains(' ') && name.chars().count() <= 5;
    if is_acronym || name.chars().any(char::is_lowercase) {
        name.to_string()
    } else if name.contains('.') && !name.contains(' ') {
        name.to_lowercase()
    } else {
        tidy_place(name)
    }
}

/// How far down a page the headline is looked for when the page names its title.
const HEADLINE_SEARCH_LINES: usize = 20;

/// Fewest paragraphs after a headline for them to be taken as its story.
const MIN_STORY_LINES: usize = 3;

fn take_title(kept: &mut Vec<Line>, known_title: Option<&str>, out: &mut Cleaned) {
    let Some(first) = kept.first() else { return };
    if let Some(title) = known_title {
        // The headline opens the article: what a page puts above it (tickers, teasers,
        // breadcrumbs) is not the story. Looked for only near the top, and trusted only
        // when a story follows it: a headline repeated in a list at the foot of the page
        // has little after it.
        let wanted = normalise(title);
        let at = kept.iter().take(HEADLINE_SEARCH_LINES).position(|l| normalise(&l.text) == wanted);
        let chars = |lines: &[Line]| lines.iter().map(|l| l.text.len()).sum::<usize>();
        let story_follows = |at: usize| kept.len() >= at + 1 + MIN_STORY_LINES && 2 * chars(&kept[at + 1..]) >= chars(&kept[..at]);
        if let Some(at) = at.filter(|&at| story_follows(at)) {
            for line in kept.drain(..at) {
                out.removed.push(Removed { text: line.text, reason: "above the headline".into(), raw: line.raw });
            }
            let line = kept.remove(0);
            out.removed.push(Removed { text: line.text, reason: "title repeated in the body".into(), raw: line.raw });
        }
        return;
    }
    if is_headline(&first.text) && kept.len() > 1 {
        let line = kept.remove(0);
        out.title = Some(line.text.clone());
        out.removed.push(Removed { text: line.text, reason: "title → metadata".into(), raw: line.raw });
        return;
    }
    // A headline run together with the lead: "Pakta ... Diteken. Apa sikap AS ...?"
    if let Some(end) = first_sentence_end(&first.text) {
        let sentence = first.text[..end].trim_end_matches('.');
        if (3..=15).contains(&word_count(sentence)) && is_title_case(sentence) {
            let rest_start = first.text[end..].len() - first.text[end..].trim_start().len() + end;
            let title = sentence.to_string();
            let raw = first.raw;
            out.removed.push(Removed {
                text: first.text[..end].to_string(),
                reason: "title → metadata".into(),
                raw: raw.map(|s| Span::new(s.start, s.start + end)),
            });
            let rest = first.text[rest_start..].to_string();
            kept[0] = Line { raw: raw.map(|s| Span::new(s.start + rest_start, s.end)), text: rest };
            out.title = Some(title);
        }
    }
}

/// End of the first sentence: a full stop followed by a space and a capital letter.
fn first_sentence_end(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    (0..bytes.len().saturating_sub(2)).find_map(|i| {
        (bytes[i] == b'.' && bytes[i + 1] == b' ' && text[i + 2..].chars().next().is_some_and(char::is_uppercase))
            .then_some(i + 1)
    })
}

fn normalise(text: &str) -> String {
    text.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// How many opening paragraphs may carry the dateline (a standfirst can come first).
const DATELINE_PARAGRAPHS: usize = 3;

fn take_dateline(kept: &mut [Line], out: &mut Cleaned) {
    let patterns = &resources().datelines;
    for line in kept.iter_mut().take(DATELINE_PARAGRAPHS) {
        for pattern in patterns {
            let Some(c) = pattern.captures(&line.text) else { continue };
            let (Some(whole), Some(place)) = (c.get(0), c.name("place")) else {
                continue;
            };
            // The rest must be the article, not a second dateline-shaped fragment.
            if word_count(&line.text[whole.end()..]) < 3 {
                continue;
            }
            let place = tidy_place(place.as_str());
            let outlet = c.name("outlet").map(|o| tidy_outlet(o.as_str().trim()));
            let whole_text = whole.as_str().trim_end().to_string();
            let whole_end = whole.end();
            out.dateline = Some(place);
            match (&out.outlet, outlet) {
                // Keep the way the page writes the name elsewhere ("Kompas.com", not "KOMPAS.com").
                (Some(known), Some(outlet)) if known.eq_ignore_ascii_case(&outlet) => {}
                (Some(_), Some(other)) => out.credit = Some(other),
                (None, Some(outlet)) => out.outlet = Some(outlet),
                (_, None) => {}
            }
            out.removed.push(Removed {
                text: whole_text,
                reason: "dateline → metadata".into(),
                raw: line.raw.map(|s| Span::new(s.start, s.start + whole_end)),
            });
            line.text = line.text[whole_end..].to_string();
            line.raw = line.raw.map(|s| Span::new(s.start + whole_end, s.end));
            return;
        }
    }
}

/// "WASHINGTON DC" → "Washington DC"; mixed case is kept as written.
fn tidy_place(place: &str) -> String {
    let place = place.trim().trim_end_matches(',');
    place
        .split_whitespace()
        .map(|w| {
            if w.chars().count() <= 2 || w.chars().any(char::is_lowercase) {
                w.to_string()
            } else {
                let mut chars = w.chars();
                chars
                    .next()
                    .map(|c| c.to_string() + &chars.as_str().to_lowercase())
                    .unwrap_or_default()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn strip_suffixes(kept: &mut Vec<Line>, out: &mut Cleaned) {
    loop {
        let Some(last) = kept.last_mut() else { return };
        let found = resources().all().flat_map(|l| &l.boilerplate.suffixes).find_map(|rule| {
            rule.pattern.find(&last.text).map(|m| (m.start(), rule.reason.clone()))
        });
        let Some((at, reason)) = found else { return };
        out.removed.push(Removed {
            text: last.text[at..].trim().to_string(),
            reason,
            raw: last.raw.map(|s| Span::new(s.start + at, s.end)),
        });
        last.text.truncate(at);
        last.raw = last.raw.map(|s| Span::new(s.start, s.start + at));
        if last.text.trim().is_empty() {
            kept.pop();
        }
    }
}

/// A short line without closing punctuation: a subheading inside the article.
fn is_heading_like(text: &str) -> bool {
    is_short(text, 10)
        && !ends_a_sentence(text)
        && !text.trim_end().ends_with(['"', '”', '?', '!'])
        && !text.starts_with(['"', '“'])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<Line> {
        let mut at = 0;
        text.split('\n')
            .map(|l| {
                let line = Line { text: l.to_string(), raw: Some(Span::new(at, at + l.len())) };
                at += l.len() + 1;
                line
            })
            .collect()
    }

    #[test]
    fn moves_byline_time_and_dateline_to_metadata() {
        let page = "Judul Berita Yang Cukup Panjang\n\noleh Khairisa Ferida diperbarui 19 Jun 2024, 17:23 WIB\nIlustrasi NATO. (Dok. Pixabay)\n\nLiputan6.com, Brussels - NATO khawatir mengenai dukungan Rusia.\n\nBaca juga: Artikel lain\n\nParagraf kedua berakhir di sini. (sin)\n\nRekomendasi\n\nPOPULER";
        let c = clean_lines(lines(page), None);
        assert_eq!(c.title.as_deref(), Some("Judul Berita Yang Cukup Panjang"));
        assert_eq!(c.authors, vec!["Khairisa Ferida"]);
        assert_eq!(c.modified.unwrap().to_string(), "2024-06-19T17:23:00+07:00");
        assert_eq!(c.outlet.as_deref(), Some("Liputan6.com"));
        assert_eq!(c.dateline.as_deref(), Some("Brussels"));
        let texts: Vec<&str> = c.paragraphs.iter().map(|p| p.0.as_str()).collect();
        assert_eq!(texts, vec!["NATO khawatir mengenai dukungan Rusia.", "Paragraf kedua berakhir di sini."]);
        let reasons: Vec<&str> = c.removed.iter().map(|r| r.reason.as_str()).collect();
        for expected in ["photo caption or credit", "related-article link", "editor's initials", "recommendation list"] {
            assert!(reasons.contains(&expected), "{expected} missing from {reasons:?}");
        }
        // Raw spans point at the same text in the input.
        let (text, raw, _) = &c.paragraphs[0];
        assert_eq!(&page[raw.unwrap().start..raw.unwrap().end], text);
    }

    #[test]
    fn a_wire_credit_at_the_end_is_no_prose() {
        let page = "Ferry Fire Kills Three\n\nThe ferry caught fire on Monday night, officials said.\n\nRescuers searched for two missing passengers. (Reporting by Amanda Becker in Washington; Editing by Eric Beech.)\n\n(Additional reporting by Kylie MacLellan; Editing by Michael Holden and Gareth Jones.)";
        let c = clean_lines(lines(page), None);
        let texts: Vec<&str> = c.paragraphs.iter().map(|p| p.0.as_str()).collect();
        assert_eq!(texts, vec!["The ferry caught fire on Monday night, officials said.", "Rescuers searched for two missing passengers."]);
        let credits = c.removed.iter().filter(|r| r.reason == "wire credit (reporters and editors)").count();
        assert_eq!(credits, 2, "{:?}", c.removed);
        // Prose that mentions reporting keeps its sentence.
        let page = "Ferry Fire\n\nThe ferry caught fire (according to reporting by local radio).";
        let c = clean_lines(lines(page), None);
        assert_eq!(c.paragraphs.len(), 1);
        assert!(c.paragraphs[0].0.ends_with("local radio)."), "{:?}", c.paragraphs);
    }

    #[test]
    fn a_list_of_links_under_its_heading_goes_and_the_article_below_it_stays() {
        let page = "A Headline About The Ferry\n\nThe ferry caught fire on Monday night.\n\nRead more\n\nTourist boat capsizes in storm; all 30 passengers rescued\n\nJakarta flood warning as monsoon rains persist\n\nRescuers searched through the night for two missing passengers.\n\nBaca juga\n\nHarga Cabai Naik Lagi di Pasar Tanaweri\n\nPolisi memeriksa enam saksi, termasuk nakhoda kapal.";
        let c = clean_lines(lines(page), None);
        let texts: Vec<&str> = c.paragraphs.iter().map(|p| p.0.as_str()).collect();
        assert_eq!(
            texts,
            vec![
                "The ferry caught fire on Monday night.",
                "Rescuers searched through the night for two missing passengers.",
                "Polisi memeriksa enam saksi, termasuk nakhoda kapal."
            ]
        );
        let listed = c.removed.iter().filter(|r| r.reason == "related-article list").count();
        assert_eq!(listed, 5, "two headings and three headlines: {:?}", c.removed);
    }

    #[test]
    fn a_tag_list_is_chrome_and_prose_about_tags_is_not() {
        let page = "Kapal Terbakar Lagi\n\nKapal milik PT Arunika Lintas Nusa kembali terbakar.\n\nTags: KMP Bahari Sentosa  PT Arunika Lintas Nusa  KSOP Teluk Randai\n\nTopik : kapal terbakar\n\nTags were added to every ferry after the fire, officials said on Monday.";
        let c = clean_lines(lines(page), None);
        let texts: Vec<&str> = c.paragraphs.iter().map(|p| p.0.as_str()).collect();
        assert_eq!(
            texts,
            vec!["Kapal milik PT Arunika Lintas Nusa kembali terbakar.", "Tags were added to every ferry after the fire, officials said on Monday."]
        );
        assert_eq!(c.removed.iter().filter(|r| r.reason == "tag list").count(), 2, "{:?}", c.removed);
    }

    #[test]
    fn channel_promotions_go_and_news_about_google_news_stays() {
        let page = "Judul Berita Yang Cukup Panjang\n\nGoogle News mengubah cara kerja di Indonesia sejak Senin, kata juru bicara perusahaan itu.\n\nIkuti Sarinjaya Pos di Google News\n\nSimak berita Suara Tanaweri lainnya di Google News dan kanal WhatsApp kami.";
        let c = clean_lines(lines(page), None);
        let texts: Vec<&str> = c.paragraphs.iter().map(|p| p.0.as_str()).collect();
        assert_eq!(texts, vec!["Google News mengubah cara kerja di Indonesia sejak Senin, kata juru bicara perusahaan itu."]);
        assert_eq!(c.removed.iter().filter(|r| r.reason == "app or channel promotion").count(), 2, "{:?}", c.removed);
    }

    #[test]
    fn a_place_in_capitals_before_a_dash_is_a_dateline() {
        let page = "Judul Berita Yang Cukup Panjang\n\nBANDAR SARINJAYA - Persisar menundukkan tamunya dengan skor 2-1.\n\nNATO - aliansi itu - bertemu lagi.";
        let c = clean_lines(lines(page), None);
        assert_eq!(c.dateline.as_deref(), Some("Bandar Sarinjaya"));
        let texts: Vec<&str> = c.paragraphs.iter().map(|p| p.0.as_str()).collect();
        assert_eq!(texts, vec!["Persisar menundukkan tamunya dengan skor 2-1.", "NATO - aliansi itu - bertemu lagi."]);
    }

    #[test]
    fn a_short_sentence_with_a_date_is_prose_and_a_time_line_is_metadata() {
        let page = "Judul\nRapat digelar Senin (4/3/2024) di Jakarta.";
        let c = clean_lines(lines(page), None);
        assert!(c.paragraphs.iter().any(|p| p.0 == "Rapat digelar Senin (4/3/2024) di Jakarta."), "{:?}", c.removed);
        assert!(c.published.is_none());
        let page = "Judul\nSenin, 4 Maret 2024 10:00 WIB\nRapat digelar di Jakarta dan dihadiri banyak orang.";
        let c = clean_lines(lines(page), None);
        assert!(c.published.is_some());
        assert!(c.paragraphs.iter().all(|p| !p.0.contains("10:00")), "{:?}", c.paragraphs);
    }

    #[test]
    fn prose_starting_like_a_byline_is_kept() {
        let page = "Oleh karena itu, pemerintah menunda rencana tersebut hingga tahun depan.";
        let c = clean_lines(lines(page), None);
        assert!(c.authors.is_empty());
        assert_eq!(c.paragraphs.len(), 1);
    }

    #[test]
    fn reads_editor_before_its_label_and_outlet_before_the_time() {
        let page = "Judul Berita Di Sini\nKompas.com - 15/09/2023, 06:19 WIB\nIrawan Sapto Adhi\nEditor\nPenulis: VOA Indonesia/Cindy Saine\nWASHINGTON DC, KOMPAS.com - Presiden Rusia bertemu pemimpin Korea Utara.";
        let c = clean_lines(lines(page), None);
        assert_eq!(c.editors, vec!["Irawan Sapto Adhi"]);
        assert_eq!(c.authors, vec!["VOA Indonesia", "Cindy Saine"]);
        assert_eq!(c.outlet.as_deref(), Some("Kompas.com"));
        assert_eq!(c.dateline.as_deref(), Some("Washington DC"));
        assert_eq!(c.published.unwrap().to_string(), "2023-09-15T06:19:00+07:00");
        assert_eq!(c.paragraphs[0].0, "Presiden Rusia bertemu pemimpin Korea Utara.");
    }

    #[test]
    fn splits_a_headline_run_into_the_lead() {
        let page = "Pakta Pertahanan Kedua Negara Resmi Diteken. Apa sikap mereka? Pertanyaan ini muncul.\nParagraf berikutnya.";
        let c = clean_lines(lines(page), None);
        assert_eq!(c.title.as_deref(), Some("Pakta Pertahanan Kedua Negara Resmi Diteken"));
        assert_eq!(c.paragraphs[0].0, "Apa sikap mereka? Pertanyaan ini muncul.");
        let raw = c.paragraphs[0].1.unwrap();
        assert_eq!(&page[raw.start..raw.end], "Apa sikap mereka? Pertanyaan ini muncul.");
    }

    #[test]
    fn marks_subheadings_and_drops_a_repeated_title() {
        let page = "Sebuah Judul\nParagraf pertama yang panjang dan berakhir dengan titik.\nKonsekuensi bagi China\nParagraf ketiga.";
        let c = clean_lines(lines(page), Some("Sebuah Judul"));
        assert_eq!(c.paragraphs.len(), 3);
        assert_eq!(c.paragraphs[1].2, ParagraphKind::Heading);
        assert_eq!(c.paragraphs[0].2, ParagraphKind::Body);
    }

    #[test]
    fn teasers_above_the_headline_go_but_a_repeat_at_the_foot_keeps_the_story() {
        let teasers = "Breaking News\nOther story one with its lead sentence here.\nOther story two with its lead sentence here.";
        let story = "First paragraph of the story, long enough.\nSecond paragraph of the story.\nThird paragraph of the story.";
        let page = format!("{teasers}\nThe Headline Of The Story\n{story}");
        let c = clean_lines(lines(&page), Some("The Headline Of The Story"));
        assert_eq!(c.paragraphs[0].0, "First paragraph of the story, long enough.");
        assert!(c.removed.iter().any(|r| r.reason == "above the headline" && r.text.starts_with("Other story one")));
        let page = format!("{story}\nThe Headline Of The Story\nmore");
        let c = clean_lines(lines(&page), Some("The Headline Of The Story"));
        assert_eq!(c.paragraphs[0].0, "First paragraph of the story, long enough.");
    }

    #[test]
    fn reads_english_bylines_and_wire_datelines() {
        let page = "Storm Hits The Coast Overnight\nBy John Smith and Jane Doe\nUpdated 5:32 PM EDT, Wed June 19, 2024\nMIAMI (AP) — A storm hit the coast overnight, officials said.\nRead more: Other story\nAdvertisement";
        let c = clean_lines(lines(page), None);
        assert_eq!(c.authors, vec!["John Smith", "Jane Doe"]);
        assert_eq!(c.modified.unwrap().to_string(), "2024-06-19T17:32:00-04:00");
        assert_eq!(c.outlet.as_deref(), Some("AP"));
        assert_eq!(c.dateline.as_deref(), Some("Miami"));
        assert_eq!(c.paragraphs.len(), 1);
        // The day between the place and the agency goes with them.
        for (page, place) in [
            ("Wildfire Forces Thousands To Flee\nPARADISE, Calif., Aug. 14 (AP) — A fast-moving wildfire destroyed 120 homes.", "Paradise, Calif."),
            ("Apple To Pay $490 Million\nNEW YORK, July 5 (Reuters) - Apple has agreed to pay $490 million.", "New York"),
        ] {
            let c = clean_lines(lines(page), None);
            assert_eq!(c.dateline.as_deref(), Some(place));
            assert!(c.paragraphs.last().is_some_and(|p| p.0.starts_with("A") && !p.0.contains("(AP)") && !p.0.contains("Reuters")), "{:?}", c.paragraphs);
        }
    }
}
