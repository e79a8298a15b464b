//! Person ids that name the same person in the articles of one event.

use std::collections::{BTreeSet, HashMap};

/// One key per person among `ids` (entity ids of the articles of one event), as a map
/// from an id to the id it stands for (ids that stand for themselves are left out):
/// - analysis sometimes glues a title word to a name ("person:sar-sarinjaya-ruslan-
///   hadiwijaya" next to "person:ruslan-hadiwijaya"): an id that ends with another person
///   id of two or more name parts is taken as that person;
/// - an article that names someone by the surname alone ("person:stoltenberg") means the
///   one person of the event whose full name ends with it ("person:jens-stoltenberg"),
///   when there is exactly one; with two ("Joe Biden", "Hunter Biden") it stays apart.
pub fn person_keys<'a>(ids: impl Iterator<Item = &'a str>) -> HashMap<String, String> {
    let ids: BTreeSet<&str> = ids.filter(|id| id.starts_with("person:")).collect();
    let slug = |id: &'a str| &id["person:".len()..];
    let mut out = HashMap::new();
    for &id in &ids {
        let shorter = ids
            .iter()
            .map(|o| slug(o))
            .filter(|o| o.len() < slug(id).len() && o.contains('-') && slug(id).ends_with(&format!("-{o}")))
            .min_by_key(|o| o.len());
        if let Some(o) = shorter {
            out.insert(id.to_string(), format!("person:{o}"));
        }
    }
    for &id in ids.iter().filter(|id| !slug(id).contains('-')) {
        let mut fuller = ids.iter().filter(|o| !out.contains_key(**o) && slug(o).ends_with(&format!("-{}", slug(id))));
        if let (Some(full), None) = (fuller.next(), fuller.next()) {
            out.insert(id.to_string(), full.to_string());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::person_keys;

    #[test]
    fn a_surname_joins_the_one_full_name_that_ends_with_it() {
        let keys = person_keys(
            ["person:jens-stoltenberg", "person:stoltenberg", "person:sar-sarinjaya-ruslan-hadiwijaya", "person:ruslan-hadiwijaya", "person:hadiwijaya", "place:china"].into_iter(),
        );
        assert_eq!(keys.get("person:stoltenberg").map(String::as_str), Some("person:jens-stoltenberg"));
        assert_eq!(keys.get("person:sar-sarinjaya-ruslan-hadiwijaya").map(String::as_str), Some("person:ruslan-hadiwijaya"));
        assert_eq!(keys.get("person:hadiwijaya").map(String::as_str), Some("person:ruslan-hadiwijaya"));
        assert_eq!(keys.get("person:jens-stoltenberg"), None);
        // Two full names end with it: which one is meant is not known.
        let keys = person_keys(["person:joe-biden", "person:hunter-biden", "person:biden"].into_iter());
        assert_eq!(keys.get("person:biden"), None);
    }
}
