//! Two outlets report one crime: they disagree on the widow's age, and both give the
//! police chief his office and his rank, which is no disagreement.

use warta_compare::{compare, Comparison, ConflictKind};
use warta_relate::find_reuse;

/// The texts as one event, each extracted and analysed as `warta analyze` does.
fn compared(texts: &[&str]) -> Comparison {
    let items: Vec<_> = texts
        .iter()
        .enumerate()
        .flat_map(|(i, text)| warta_extract::extract_file(&format!("{i}.txt"), text.as_bytes()).articles)
        .map(|e| {
            let analysis = warta_analyze::analyze(&e.article);
            (e.article, analysis)
        })
        .collect();
    assert_eq!(items.len(), texts.len());
    let articles: Vec<_> = items.iter().map(|(a, _)| a.clone()).collect();
    compare(&items, &find_reuse(&articles))
}

const FIRST: &str = "Polisi Tangkap Pembunuh Sopir Taksi di Depok\n\nDEPOK - Polres Metro Depok menangkap dua pelaku pembunuhan sopir taksi online, Sabtu (9/3/2024).\n\nKapolres Metro Depok Kombes Arya Perdana mengatakan, kedua pelaku ditangkap di sebuah rumah kontrakan di Bekasi.\n\nIstri korban, Siti Aminah (31), mengaku syok. \"Suami saya orang baik,\" ujarnya.\n";
const SECOND: &str = "Dua Pembunuh Sopir Taksi di Depok Ditangkap\n\nDEPOK - Polisi menangkap dua pelaku pembunuhan sopir taksi online di Depok, Sabtu (9/3/2024).\n\nKapolres Metro Depok Kombes Arya Perdana mengatakan, kedua pelaku ditangkap di Bekasi.\n\nIstri korban, Siti Aminah (33), mengaku terpukul. \"Suami saya orang baik,\" ujarnya.\n";

#[test]
fn an_age_two_outlets_give_differently_is_a_number_conflict_and_a_shared_rank_is_none() {
    let cmp = compared(&[FIRST, SECOND]);
    let age = cmp.conflicts.iter().find(|c| c.about.starts_with("age of")).unwrap_or_else(|| panic!("no age conflict in {:#?}", cmp.conflicts));
    assert_eq!(age.kind, ConflictKind::Number);
    assert_eq!(age.reason, "outlets give the same person different ages");
    let mut values: Vec<&str> = age.claims.iter().map(|c| c.value.as_str()).collect();
    values.sort();
    assert_eq!(values, ["age 31", "age 33"]);
    assert!(cmp.conflicts.iter().all(|c| c.kind != ConflictKind::Role), "{:#?}", cmp.conflicts);
}

#[test]
fn an_english_age_set_off_by_commas_is_compared_by_the_person() {
    let first = "Boeing whistleblower found dead\n\nCHARLESTON (AP) — John Barnett, 62, a former Boeing quality manager, was found dead on Saturday, police said.\n";
    let second = "Former Boeing manager found dead\n\nCHARLESTON — Former Boeing quality manager John Barnett, 61, was found dead in his truck on Saturday, police said.\n";
    let cmp = compared(&[first, second]);
    let age = cmp.conflicts.iter().find(|c| c.about.starts_with("age of")).unwrap_or_else(|| panic!("no age conflict in {:#?}", cmp.conflicts));
    let mut values: Vec<&str> = age.claims.iter().map(|c| c.value.as_str()).collect();
    values.sort();
    assert_eq!(values, ["age 61", "age 62"]);
}
