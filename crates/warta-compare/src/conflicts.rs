//! Disagreements between articles: dates, numbers, roles, quote wording, weekdays.

use std::collections::{BTreeSet, HashMap, HashSet};

use warta_model::{Analysis, Article, Span};
use warta_relate::ReuseLink;

use crate::claims::{amounts_agree, has_update_cue, Ctx};
use crate::lexicon::lexicon;
use crate::sentences::Docs;
use crate::text::words;
use crate::{ClaimKind, Conflict, ConflictClaim, ConflictKind};

/// Sentence overlap above which two dated sentences that name a common entity tell the
/// same happening. Far lower than for "same statement": the date words are left out,
/// and outlets word a happening differently ("kapal itu terbakar di Selat Lembayung
/// pada Selasa dini hari" vs "Kebakaran hebat melanda KMP Bahari Lestari di Selat
/// Lembayung", 0.22 on the example corpus; unrelated dated sentences of the same story
/// stay under 0.15 once bare weekdays are set aside).
const SAME_HAPPENING: f64 = 0.15;
/// Content-word overlap (Dice) above which two quotes of one speaker are one quote.
const SAME_QUOTE: f64 = 0.5;
/// Word overlap (Jaccard) below which two titles of one person disagree: "Kepala KSOP
/// Teluk Randai" vs "Kepala Dinas Perhubungan" (0.13) does; "juru bicara Dewan Keamanan
/// Nasional" vs "juru bicara Keamanan Nasional Gedung Putih" (0.44) does not.
const SAME_ROLE: f64 = 0.3;
/// Sentence overlap for two counts without a known category to be the same count.
const SAME_COUNT: f64 = 0.35;

pub(crate) fn find(event: &[(Article, Analysis)], docs: &Docs, claims: &[Ctx], links: &[ReuseLink]) -> Vec<Conflict> {
    let mut out = Vec::new();
    quotes(event, claims, links, &mut out);
    numbers(event, docs, claims, &mut out);
    roles(event, claims, &mut out);
    dates(event, docs, claims, &mut out);
    weekdays(event, docs, claims, &mut out);
    out
}

fn side(event: &[(Article, Analysis)], c: &Ctx, value: String) -> ConflictClaim {
    ConflictClaim {
        article: c.claim.article.clone(),
        text: c.claim.text.clone(),
        span: c.claim.span,
        evidence: c.claim.evidence,
        value,
        published: event[c.doc].0.published,
        claim: Some(c.claim.id),
    }
}

fn language(event: &[(Article, Analysis)], doc: usize) -> Option<&str> {
    event[doc].0.language.as_deref()
}

fn same_language(event: &[(Article, Analysis)], a: usize, b: usize) -> bool {
    match (language(event, a), language(event, b)) {
        (Some(x), Some(y)) => x == y,
        _ => true,
    }
}

fn same_outlet(event: &[(Article, Analysis)], a: usize, b: usize) -> bool {
    event[a].0.outlet.is_some() && event[a].0.outlet == event[b].0.outlet
}

fn word_list(text: &str) -> Vec<String> {
    words(text).into_iter().map(|(w, _)| w).collect()
}

/// Same words in the same order, ignoring case and punctuation; a quote cut short by
/// one outlet ("…,” kata dia" ending early) still counts as the same words.
pub(crate) fn same_words(a: &str, b: &str) -> bool {
    let (wa, wb) = (word_list(a).join(" "), word_list(b).join(" "));
    !wa.is_empty() && !wb.is_empty() && (wa.contains(&wb) || wb.contains(&wa))
}

fn dice(a: &str, b: &str) -> f64 {
    let sa: HashSet<String> = word_list(a).into_iter().collect();
    let sb: HashSet<String> = word_list(b).into_iter().collect();
    if sa.is_empty() || sb.is_empty() {
        return 0.0;
    }
    2.0 * sa.intersection(&sb).count() as f64 / (sa.len() + sb.len()) as f64
}

/// Union-find components of `edges` over `n` items, each with at least two members.
fn components(n: usize, edges: &[(usize, usize)]) -> Vec<Vec<usize>> {
    let mut parent: Vec<usize> = (0..n).collect();
    fn root(p: &mut [usize], mut x: usize) -> usize {
        while p[x] != x {
            p[x] = p[p[x]];
            x = p[x];
        }
        x
    }
    for &(a, b) in edges {
        let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
        parent[ra.max(rb)] = ra.min(rb);
    }
    let mut groups: HashMap<usize, Vec<usize>> = HashMap::new();
    for &(a, b) in edges {
        for x in [a, b] {
            let r = root(&mut parent, x);
            let g = groups.entry(r).or_default();
            if !g.contains(&x) {
                g.push(x);
            }
        }
    }
    let mut out: Vec<Vec<usize>> = groups.into_values().collect();
    for g in &mut out {
        g.sort_unstable();
    }
    out.sort();
    out
}

/// Different words inside quotation marks for one quote of one speaker: from aligned
/// quotes, and from the altered quotes reuse detection found inside copied passages.
fn quotes(event: &[(Article, Analysis)], claims: &[Ctx], links: &[ReuseLink], out: &mut Vec<Conflict>) {
    let direct: Vec<&Ctx> = claims.iter().filter(|c| c.claim.kind == ClaimKind::Quote && c.direct).collect();
    let mut edges = Vec::new();
    for (x, a) in direct.iter().enumerate() {
        for (y, b) in direct.iter().enumerate().skip(x + 1) {
            let speakers = match (&a.claim.subject, &b.claim.subject) {
                (Some(p), Some(q)) => p == q,
                _ => true,
            };
            if a.doc != b.doc
                && speakers
                && same_language(event, a.doc, b.doc)
                && dice(&a.claim.value, &b.claim.value) >= SAME_QUOTE
                && !same_words(&a.claim.value, &b.claim.value)
            {
                edges.push((x, y));
            }
        }
    }
    let mut covered: HashSet<(usize, Span)> = HashSet::new();
    for comp in components(direct.len(), &edges) {
        let sides: Vec<ConflictClaim> = dedup_versions(comp.iter().map(|&i| direct[i]));
        for &i in &comp {
            covered.insert((direct[i].doc, direct[i].claim.evidence));
        }
        let speaker = comp
            .iter()
            .find_map(|&i| direct[i].claim.subject.as_deref())
            .map_or_else(|| "an unnamed speaker".into(), |id| display_name(event, id));
        out.push(Conflict {
            kind: ConflictKind::Quote,
            changed_over_time: false,
            about: format!("words of a quote by {speaker}"),
            reason: "the same quote (same speaker, mostly the same words) is worded differently".into(),
            claims: event_sides(event, sides),
        });
    }
    let index: HashMap<_, usize> = event.iter().enumerate().map(|(i, (a, _))| (&a.id, i)).collect();
    for link in links {
        let (Some(&src), Some(&der)) = (index.get(&link.source), index.get(&link.derived)) else { continue };
        for altered in &link.altered_quotes {
            let overlaps = |doc: usize, span: Span| {
                covered.iter().any(|(d, s)| *d == doc && s.start < span.end && span.start < s.end)
            };
            if overlaps(src, altered.source_span) && overlaps(der, altered.derived_span) {
                continue;
            }
            let find = |doc: usize, span: Span, text: &str| {
                claims
                    .iter()
                    .find(|c| c.doc == doc && c.claim.kind == ClaimKind::Quote && c.claim.evidence.start < span.end && span.start < c.claim.evidence.end)
                    .map(|c| side(event, c, text.to_string()))
            };
            let sides: Vec<ConflictClaim> = [
                find(src, altered.source_span, &altered.source_text),
                find(der, altered.derived_span, &altered.derived_text),
            ]
            .into_iter()
            .flatten()
            .collect();
            if sides.len() == 2 {
                out.push(Conflict {
                    kind: ConflictKind::Quote,
                    changed_over_time: false,
                    about: "words of a quote".into(),
                    reason: format!("the quote was reworded when {} was derived from {} ({})", link.derived, link.source, link.kind.name()),
                    claims: sides,
                });
            }
        }
    }
}

/// One side per distinct wording per article, so ten copies of one version do not
/// drown the other.
fn dedup_versions<'a>(items: impl Iterator<Item = &'a Ctx>) -> Vec<ConflictClaim> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for c in items {
        if seen.insert((c.doc, c.claim.value.clone())) {
            out.push(ConflictClaim {
                article: c.claim.article.clone(),
                text: c.claim.text.clone(),
                span: c.claim.span,
                evidence: c.claim.evidence,
                value: c.claim.value.clone(),
                published: None,
                claim: Some(c.claim.id),
            });
        }
    }
    out
}

/// Fills in publication times and orders the sides by them.
fn event_sides(event: &[(Article, Analysis)], mut sides: Vec<ConflictClaim>) -> Vec<ConflictClaim> {
    for s in &mut sides {
        s.published = event.iter().find(|(a, _)| a.id == s.article).and_then(|(a, _)| a.published);
    }
    sides.sort_by_key(|s| (s.published.is_none(), s.published.map(|m| m.timestamp), s.article.clone()));
    sides
}

/// Different numbers for one count. A count whose category can change (injured, dead,
/// missing) and whose values follow publication order without ever going back — 12
/// in the early reports, 17 in the later ones — changed over time; so does any count
/// whose later reports say so ("bertambah", "rose to"). Otherwise it is a contradiction:
/// 146 passengers in the first and last reports, 164 in one between.
fn numbers(event: &[(Article, Analysis)], docs: &Docs, claims: &[Ctx], out: &mut Vec<Conflict>) {
    let counts: Vec<&Ctx> = claims.iter().filter(|c| c.slot.is_some() && c.amount.is_some()).collect();
    let mut edges = Vec::new();
    for (x, a) in counts.iter().enumerate() {
        for (y, b) in counts.iter().enumerate().skip(x + 1) {
            let (Some(sa), Some(sb)) = (&a.slot, &b.slot) else { continue };
            // Ages of one person are compared by the person, whatever the names written.
            let same = match (&sa.whose, &sb.whose) {
                (Some(x), Some(y)) => x == y,
                _ => sa == sb,
            };
            if a.doc == b.doc || !same {
                continue;
            }
            if sa.category.is_some() || sa.whose.is_some() || docs.similarity(a.sent, b.sent) >= SAME_COUNT {
                edges.push((x, y));
            }
        }
    }
    let lex = lexicon();
    for comp in components(counts.len(), &edges) {
        let members: Vec<&Ctx> = comp.iter().map(|&i| counts[i]).collect();
        let disagree = members.iter().enumerate().any(|(i, a)| {
            members[i + 1..].iter().any(|b| {
                a.doc != b.doc && matches!((a.amount, b.amount), (Some(x), Some(y)) if !amounts_agree(x, y))
            })
        });
        if !disagree {
            continue;
        }
        let Some(slot) = members.first().and_then(|c| c.slot.clone()) else { continue };
        let category = slot.category.and_then(|k| lex.categories.get(k));
        let about = match category {
            Some(c) => format!("count of {} ({})", slot.head, c.name),
            None if slot.whose.is_some() => slot.head.clone(),
            None => format!("count of {}", slot.head),
        };
        // One value per article (an article giving two values, "rose to 17 from 12",
        // tells the change itself and is left out of the ordering).
        let mut per_doc: HashMap<usize, Vec<f64>> = HashMap::new();
        for c in &members {
            if let Some((v, _, _)) = c.amount {
                let vals = per_doc.entry(c.doc).or_default();
                if !vals.iter().any(|w| (w - v).abs() < 1e-9) {
                    vals.push(v);
                }
            }
        }
        let mut ordered: Vec<(jiff::Timestamp, f64)> = Vec::new();
        let mut undated = false;
        for (doc, vals) in &per_doc {
            match (event[*doc].0.published, vals.as_slice()) {
                (Some(m), [v]) => ordered.push((m.timestamp, *v)),
                (None, _) => undated = true,
                _ => {}
            }
        }
        ordered.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
        let mut runs: Vec<f64> = Vec::new();
        for (_, v) in &ordered {
            if runs.last().is_none_or(|last| (last - v).abs() > 1e-9) {
                runs.push(*v);
            }
        }
        let distinct: BTreeSet<i64> = runs.iter().map(|v| (v * 1000.0) as i64).collect();
        let no_reversal = !undated && runs.len() >= 2 && distinct.len() == runs.len();
        let first_value = runs.first().copied();
        let later_cue = members.iter().any(|c| {
            c.amount.map(|(v, _, _)| v) != first_value && has_update_cue(&c.claim.text)
        });
        let can_change = category.is_some_and(|c| c.can_change);
        // An age does not move as news comes in.
        let changed = slot.whose.is_none() && no_reversal && (can_change || later_cue);
        let reason = if slot.whose.is_some() {
            "outlets give the same person different ages".into()
        } else if changed {
            let path: Vec<String> = runs.iter().map(|v| crate::claims::format_amount(*v)).collect();
            format!(
                "the figure moved {} in order of publication and never went back{}",
                path.join(" → "),
                if later_cue { "; a later report says it was updated" } else { "; this count changes as news comes in" }
            )
        } else if undated {
            "different figures for the same count; some reports have no publication time to order them by".into()
        } else if runs.len() > distinct.len() {
            "different figures for the same count, and a later report goes back to an earlier figure, so time does not explain it".into()
        } else {
            "different figures for a count that does not change over time".into()
        };
        let sides: Vec<ConflictClaim> = members.iter().map(|c| side(event, c, c.claim.value.clone())).collect();
        out.push(Conflict {
            kind: if changed { ConflictKind::Update } else { ConflictKind::Number },
            changed_over_time: changed,
            about,
            reason,
            claims: event_sides(event, sides),
        });
    }
}

/// Different titles for one person, compared within a language (an English and an
/// Indonesian title share no words however alike they are) and between outlets: one
/// newsroom describing its source in other words from one report to the next ("head of
/// the provincial search and rescue office", "the head of the search agency in
/// Sarinjaya") is no disagreement between sources.
fn roles(event: &[(Article, Analysis)], claims: &[Ctx], out: &mut Vec<Conflict>) {
    let lex = lexicon();
    let words_of = |s: &str| -> BTreeSet<String> {
        word_list(s).into_iter().filter(|w| !lex.stopwords.contains(w)).collect()
    };
    let roles: Vec<&Ctx> = claims.iter().filter(|c| c.claim.kind == ClaimKind::Role && c.claim.subject.is_some()).collect();
    let words: Vec<BTreeSet<String>> = roles.iter().map(|c| words_of(&c.claim.value)).collect();
    let alike = |x: usize, y: usize| {
        let (wa, wb) = (&words[x], &words[y]);
        wa.is_empty() || wb.is_empty() || wa.is_subset(wb) || wb.is_subset(wa) || wa.intersection(wb).count() as f64 / wa.union(wb).count() as f64 >= SAME_ROLE
    };
    // A title one article gives that the other gives too is no disagreement, whatever
    // else either adds ("Kapolres Metro Depok" and the rank "Kombes" in both).
    let mut given: HashSet<(usize, usize)> = HashSet::new();
    for x in 0..roles.len() {
        for y in 0..roles.len() {
            if roles[y].claim.subject == roles[x].claim.subject && alike(x, y) {
                given.insert((x, roles[y].doc));
            }
        }
    }
    let given_by = |x: usize, doc: usize| given.contains(&(x, doc));
    let mut edges = Vec::new();
    for (x, a) in roles.iter().enumerate() {
        for (y, b) in roles.iter().enumerate().skip(x + 1) {
            if a.doc == b.doc || a.claim.subject != b.claim.subject || !same_language(event, a.doc, b.doc) || same_outlet(event, a.doc, b.doc) {
                continue;
            }
            if !alike(x, y) && !given_by(x, b.doc) && !given_by(y, a.doc) {
                edges.push((x, y));
            }
        }
    }
    for comp in components(roles.len(), &edges) {
        let Some(person) = comp.first().and_then(|&i| roles[i].claim.subject.clone()) else { continue };
        let doc = roles[comp[0]].doc;
        // Every title this person has in this language, so each side's support shows.
        let all = roles.iter().copied().filter(|c| c.claim.subject.as_deref() == Some(&person) && same_language(event, c.doc, doc));
        out.push(Conflict {
            kind: ConflictKind::Role,
            changed_over_time: false,
            about: format!("title of {}", display_name(event, &person)),
            reason: "outlets give the same person titles that share almost no words".into(),
            claims: event_sides(event, dedup_versions(all)),
        });
    }
}

/// Different dates for one happening: dated sentences of different articles that tell
/// the same thing (overlap without the date words) but resolve to different days.
///
/// Only dates written with their day number ("Selasa (4/3/2025)", "19 Juni") count, and
/// no ranges: a bare weekday resolved against each article's own publication day
/// ("on Tuesday" in a Tuesday report, "on Wednesday" in the next day's) usually tells
/// a newer development, and "sejak Selasa pagi" (since) a state, not the happening.
fn dates(event: &[(Article, Analysis)], docs: &Docs, claims: &[Ctx], out: &mut Vec<Conflict>) {
    let written = |c: &Ctx| {
        !c.claim.value.contains('/')
            && event[c.doc]
                .0
                .text
                .get(c.claim.evidence.start..c.claim.evidence.end)
                .is_some_and(|t| t.chars().any(|ch| ch.is_ascii_digit()))
    };
    let dated: Vec<&Ctx> = claims.iter().filter(|c| c.when.is_some() && written(c)).collect();
    let mut edges = Vec::new();
    for (x, a) in dated.iter().enumerate() {
        for (y, b) in dated.iter().enumerate().skip(x + 1) {
            let (Some(wa), Some(wb)) = (a.when, b.when) else { continue };
            if a.doc != b.doc && !wa.agrees(&wb) && same_happening(docs, a, b) {
                edges.push((x, y));
            }
        }
    }
    for comp in components(dated.len(), &edges) {
        let sides: Vec<ConflictClaim> = comp.iter().map(|&i| side(event, dated[i], dated[i].claim.value.clone())).collect();
        out.push(Conflict {
            kind: ConflictKind::Date,
            changed_over_time: false,
            about: "date of the same happening".into(),
            reason: "sentences telling the same happening resolve to different days".into(),
            claims: event_sides(event, sides),
        });
    }
}

pub(crate) fn same_happening(docs: &Docs, a: &Ctx, b: &Ctx) -> bool {
    let (sa, sb) = (&docs.sents[a.sent], &docs.sents[b.sent]);
    let shared_entity = sa.entities.iter().any(|e| sb.entities.contains(e));
    shared_entity && docs.similarity(a.sent, b.sent) >= SAME_HAPPENING
}

/// A weekday that contradicts its date (flagged by analysis), with the other articles'
/// dates for the same happening as the other side's evidence.
fn weekdays(event: &[(Article, Analysis)], docs: &Docs, claims: &[Ctx], out: &mut Vec<Conflict>) {
    for c in claims {
        let Some(flag) = c.flags.iter().find(|f| f.starts_with("weekday-mismatch")) else { continue };
        let mut sides = vec![side(event, c, flag.clone())];
        for other in claims.iter().filter(|o| o.doc != c.doc && o.when.is_some()) {
            if let (Some(w), Some(v)) = (c.when, other.when) {
                if w.agrees(&v) && same_happening(docs, c, other) {
                    sides.push(side(event, other, other.claim.value.clone()));
                }
            }
        }
        out.push(Conflict {
            kind: ConflictKind::Weekday,
            changed_over_time: false,
            about: "weekday of a date".into(),
            reason: format!("the weekday written does not fall on the date written ({flag})"),
            claims: event_sides(event, sides),
        });
    }
}

/// The name readers know an entity by: its canonical name in the event's analyses, or
/// the id when no article names it.
fn display_name(event: &[(Article, Analysis)], id: &str) -> String {
    event
        .iter()
        .flat_map(|(_, analysis)| &analysis.entities)
        .find(|e| e.id == id && !e.name.is_empty())
        .map_or_else(|| id.to_string(), |e| e.name.clone())
}
