//! Independent sources: union-find over reuse links.

use std::collections::HashMap;

use warta_model::{Analysis, Article, ArticleId};
use warta_relate::{ReuseKind, ReuseLink};

use crate::SourceGroup;

pub(crate) struct Groups {
    /// Group id of each article, by position in the event.
    pub of: Vec<usize>,
    pub count: usize,
}

fn find(parent: &mut [usize], mut x: usize) -> usize {
    while parent[x] != x {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    x
}

impl Groups {
    /// Articles joined by a whole-article reuse link are one source. A partial link does
    /// not merge articles — the rest of the derived article is its own reporting — so
    /// only the reused passages are credited to the source (see `Docs`).
    pub fn new(event: &[(Article, Analysis)], links: &[ReuseLink]) -> Self {
        let index: HashMap<&ArticleId, usize> =
            event.iter().enumerate().map(|(i, (a, _))| (&a.id, i)).collect();
        let mut parent: Vec<usize> = (0..event.len()).collect();
        for link in links.iter().filter(|l| l.kind != ReuseKind::Partial) {
            if let (Some(&a), Some(&b)) = (index.get(&link.source), index.get(&link.derived)) {
                let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
                parent[ra.max(rb)] = ra.min(rb);
            }
        }
        let mut ids: HashMap<usize, usize> = HashMap::new();
        let mut of = Vec::with_capacity(event.len());
        for i in 0..event.len() {
            let root = find(&mut parent, i);
            let next = ids.len();
            of.push(*ids.entry(root).or_insert(next));
        }
        Groups { of, count: ids.len() }
    }

    pub fn public(&self, event: &[(Article, Analysis)]) -> Vec<SourceGroup> {
        (0..self.count)
            .filter_map(|g| {
                let members: Vec<&Article> = event
                    .iter()
                    .zip(&self.of)
                    .filter(|(_, &of)| of == g)
                    .map(|((a, _), _)| a)
                    .collect();
                let original = members
                    .iter()
                    .min_by_key(|a| (a.published.is_none(), a.published.map(|m| m.timestamp)))?;
                Some(SourceGroup {
                    id: g,
                    original: original.id.clone(),
                    articles: members.iter().map(|a| a.id.clone()).collect(),
                })
            })
            .collect()
    }
}
