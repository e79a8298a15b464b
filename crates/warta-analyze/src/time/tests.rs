use super::*;

fn at(s: &str) -> Option<Moment> {
    Some(s.parse().unwrap())
}

fn find<'a>(found: &'a [TimeExpression], text: &str) -> &'a TimeExpression {
    found
        .iter()
        .find(|t| t.text == text)
        .unwrap_or_else(|| panic!("{text:?} not found in {:#?}", found.iter().map(|t| (&t.text, &t.value)).collect::<Vec<_>>()))
}

fn values(text: &str, published: &str, lang: &str) -> Vec<(String, String)> {
    resolve_times(text, at(published), lang).into_iter().map(|t| (t.text, t.value)).collect()
}

const SEED_PUB: &str = "2024-06-19T17:23:00+07:00";

#[test]
fn seed_dates_with_weekdays() {
    let text = "jelang lawatan Presiden Vladimir Putin ke Korea Utara pada Rabu (20/6/2024). \
                Hal tersebut diungkapkan Sekjen NATO Jens Stoltenberg pada Selasa (18/6). \
                Pada Rabu (19 Juni) dini hari waktu setempat, Putin tiba.";
    let found = resolve_times(text, at(SEED_PUB), "id");
    let t = find(&found, "Rabu (20/6/2024)");
    assert_eq!(t.value, "2024-06-20");
    assert_eq!(t.anchor, "written");
    // 20 June 2024 was a Thursday: the seed's own weekday is wrong.
    assert_eq!(t.flags, vec!["weekday-mismatch: Rabu, but 2024-06-20 is a Thursday".to_string()]);
    let t = find(&found, "Selasa (18/6)");
    assert_eq!(t.value, "2024-06-18");
    assert_eq!(t.anchor, "published 2024-06-19T17:23:00+07:00");
    let t = find(&found, "Rabu (19 Juni) dini hari");
    assert_eq!(t.value, "2024-06-19TMO");
}

#[test]
fn relative_words_resolve_against_the_writers_day() {
    let text = "Pekan lalu, Campbell berbicara. Puncak NATO bulan depan di Washington. \
                Kemarin ia tiba, hari ini ia pergi. Tadi malam hujan. Putin pergi dalam 24 tahun. \
                Hubungan itu terjalin sejak 2000.";
    let found = resolve_times(text, at(SEED_PUB), "id");
    assert_eq!(find(&found, "Pekan lalu").value, "2024-W24");
    assert_eq!(find(&found, "bulan depan").value, "2024-07");
    assert_eq!(find(&found, "Kemarin").value, "2024-06-18");
    assert_eq!(find(&found, "hari ini").value, "2024-06-19");
    // Published at 17:23: "tadi malam" is the night before.
    assert_eq!(find(&found, "Tadi malam").value, "2024-06-18TNI");
    let d = find(&found, "24 tahun");
    assert_eq!(d.value, "P24Y");
    assert_eq!(d.anchor, "written");
    assert_eq!(find(&found, "sejak 2000").value, "2000/2024-06-19");
}

#[test]
fn bare_weekdays_are_past_unless_the_sentence_looks_ahead() {
    let found = resolve_times("Putin dalam suratnya yang dipublikasikan pada Selasa berjanji.", at(SEED_PUB), "id");
    assert_eq!(find(&found, "Selasa").value, "2024-06-18");
    let found = resolve_times("Putin akan berkunjung pada Jumat.", at(SEED_PUB), "id");
    assert_eq!(find(&found, "Jumat").value, "2024-06-21");
    let found = resolve_times("Ia tiba Jumat lalu dan pergi Senin depan.", at(SEED_PUB), "id");
    assert_eq!(find(&found, "Jumat lalu").value, "2024-06-14");
    assert_eq!(find(&found, "Senin depan").value, "2024-06-24");
    // Reported speech looks ahead with "would": the inspections have not begun yet.
    let found = resolve_times("The harbourmaster said the inspections would begin on Thursday.", at(SEED_PUB), "en");
    assert_eq!(find(&found, "Thursday").value, "2024-06-20");
    let found = resolve_times("The harbourmaster said the inspections began on Thursday.", at(SEED_PUB), "en");
    assert_eq!(find(&found, "Thursday").value, "2024-06-13");
    // The publication's own weekday is that day.
    let found = resolve_times("Stoltenberg berbicara Rabu.", at(SEED_PUB), "id");
    assert_eq!(find(&found, "Rabu").value, "2024-06-19");
}

#[test]
fn page_times_and_zones() {
    let found = resolve_times("Published Mar 4, 2025, 8:05 PM (GMT+8)", None, "en");
    assert_eq!(find(&found, "Mar 4, 2025, 8:05 PM (GMT+8)").value, "2025-03-04T20:05+08:00");
    let found = resolve_times("Kompas.com - 15/09/2023, 06:19 WIB", at("2023-09-15T06:19:00+07:00"), "id");
    let t = find(&found, "15/09/2023, 06:19 WIB");
    assert_eq!(t.value, "2023-09-15T06:19+07:00");
    assert_eq!(t.anchor, "written");
}

#[test]
fn the_same_fire_in_two_zones_is_the_same_instant() {
    let pub_a1 = at("2025-03-04T00:31:00+07:00");
    let a1 = resolve_times(
        "Kapal terbakar di Selat Lembayung, Senin (3/3) malam. Api muncul sekitar pukul 21.40 WITA.",
        pub_a1,
        "id",
    );
    assert_eq!(find(&a1, "Senin (3/3) malam").value, "2025-03-03TNI");
    let wita = find(&a1, "sekitar pukul 21.40 WITA");
    assert_eq!(wita.value, "2025-03-03T21:40+08:00");
    let a9 = resolve_times(
        "Kebakaran terjadi Rabu (3/3) malam sekitar pukul 20.40 WIB.",
        at("2025-03-05T10:30:00+07:00"),
        "id",
    );
    let wib = find(&a9, "sekitar pukul 20.40 WIB");
    assert_eq!(wib.value, "2025-03-03T20:40+07:00");
    let instant = |v: &str| v.parse::<jiff::Timestamp>().ok();
    let to_rfc = |v: &str| format!("{}:00{}", &v[..16], &v[16..]);
    assert_eq!(instant(&to_rfc(&wita.value)), instant(&to_rfc(&wib.value)));
    assert!(instant(&to_rfc(&wib.value)).is_some());
}

#[test]
fn a_weekday_that_contradicts_its_date_is_flagged() {
    let found = resolve_times("Kebakaran terjadi Rabu (3/3) malam.", at("2025-03-05T10:30:00+07:00"), "id");
    let t = find(&found, "Rabu (3/3) malam");
    assert_eq!(t.value, "2025-03-03TNI");
    assert_eq!(t.flags, vec!["weekday-mismatch: Rabu, but 2025-03-03 is a Monday".to_string()]);
    let found = resolve_times("pada Rabu (3/3/2025)", None, "id");
    assert_eq!(find(&found, "Rabu (3/3/2025)").flags, vec!["weekday-mismatch: Rabu, but 2025-03-03 is a Monday".to_string()]);
    let found = resolve_times("Senin (3/3/2025) malam", None, "id");
    assert!(found[0].flags.is_empty());
}

#[test]
fn year_less_dates_take_the_nearest_year() {
    let found = resolve_times("Minggu (28/12) ia berangkat.", at("2025-01-02T09:00:00+07:00"), "id");
    assert_eq!(find(&found, "Minggu (28/12)").value, "2024-12-28");
    let found = resolve_times("Acara pada 19 Juni.", at(SEED_PUB), "id");
    assert_eq!(find(&found, "19 Juni").value, "2024-06-19");
}

#[test]
fn english_expressions() {
    let p = at("2025-03-04T20:05:00+08:00");
    let text = "The fire started at about 9.40pm local time on Monday (1340 GMT). Last week the ship was inspected. \
                Yesterday police said the toll rose. Two days ago, next month, in 2025. The company will respond on Friday.";
    let found = resolve_times(text, p, "en");
    // The clock takes the day written after it; "local time" gives no offset.
    assert_eq!(find(&found, "about 9.40pm local time on Monday").value, "2025-03-03T21:40");
    assert_eq!(find(&found, "1340 GMT").value, "2025-03-03T13:40+00:00");
    assert_eq!(find(&found, "Last week").value, "2025-W09");
    assert_eq!(find(&found, "Yesterday").value, "2025-03-03");
    assert_eq!(find(&found, "Two days ago").value, "2025-03-02");
    assert_eq!(find(&found, "next month").value, "2025-04");
    assert_eq!(find(&found, "2025").value, "2025");
    assert_eq!(find(&found, "Friday").value, "2025-03-07");
}

#[test]
fn without_a_publication_time_relative_values_stay_unresolved() {
    let found = resolve_times("Kemarin, pekan lalu, pada Rabu, 24 tahun, 19 Juni 2024.", None, "id");
    let k = find(&found, "Kemarin");
    assert_eq!(k.value, "PAST_REF");
    assert!(k.anchor.starts_with("unresolved"));
    assert_eq!(find(&found, "pekan lalu").value, "PAST_REF");
    assert_eq!(find(&found, "Rabu").value, "XXXX-WXX-3");
    assert_eq!(find(&found, "24 tahun").value, "P24Y");
    assert_eq!(find(&found, "19 Juni 2024").anchor, "written");
}

#[test]
fn gold_style_expressions() {
    let p = "2014-12-29T12:00:00+07:00";
    let v = values(
        "Pesawat hilang Minggu (28/12/2014) pukul 07.55. Pada hari itu hujan. Sebulan kemudian. \
         Cox terbang selama enam tahun, dua menit, 48 jam, setengah hari. Musim penghujan terburuk sejak bertahun-tahun. \
         Minggu siang dan Senin petang. Pada tahun 40-an. Tanggal 24 kemarin. Saat itu kini.",
        p,
        "id",
    );
    let get = |t: &str| v.iter().find(|(x, _)| x == t).map(|(_, v)| v.as_str()).unwrap_or_else(|| panic!("{t} in {v:?}"));
    assert_eq!(get("Minggu (28/12/2014) pukul 07.55"), "2014-12-28T07:55");
    assert_eq!(get("hari itu"), "2014-12-28");
    assert_eq!(get("Sebulan kemudian"), "2015-01-28");
    assert_eq!(get("enam tahun"), "P6Y");
    assert_eq!(get("dua menit"), "PT2M");
    assert_eq!(get("48 jam"), "PT48H");
    assert_eq!(get("setengah hari"), "PT12H");
    assert_eq!(get("Musim penghujan"), "2014-WI");
    assert_eq!(get("bertahun-tahun"), "PXY");
    assert_eq!(get("Minggu siang"), "2014-12-28TAF");
    assert_eq!(get("Senin petang"), "2014-12-29TEV");
    assert_eq!(get("tahun 40-an"), "194");
    assert_eq!(get("Tanggal 24 kemarin"), "2014-12-24");
    assert_eq!(get("Saat itu"), "PAST_REF");
    assert_eq!(get("kini"), "PRESENT_REF");
}

#[test]
fn numbers_that_are_not_times_are_left_alone() {
    let found = resolve_times("Sebanyak 11.000 kontainer, 70 persen, KN SAR Kresna 231, Covid-19, 2000 orang.", at(SEED_PUB), "id");
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn spans_point_at_the_text() {
    for (text, lang) in [
        ("Rabu (19/6/2024), pukul 21.40 WITA, pekan lalu, 24 tahun, tadi malam", "id"),
        ("on Monday at 9pm, last week, two days ago", "en"),
    ] {
        for t in resolve_times(text, at(SEED_PUB), lang) {
            assert_eq!(&text[t.start..t.end], t.text);
        }
    }
}

proptest::proptest! {
    #[test]
    fn never_panics_and_spans_hold(text in "\\PC{0,200}", hour in 0i64..48) {
        let m: Moment = "2024-06-19T17:23:00+07:00".parse().unwrap();
        let m = Moment::new(m.timestamp.checked_add(jiff::Span::new().hours(hour)).unwrap(), m.offset);
        for lang in ["id", "en", "xx"] {
            for t in resolve_times(&text, Some(m), lang) {
                proptest::prop_assert_eq!(&text[t.start..t.end], t.text.as_str());
            }
        }
    }

    #[test]
    fn never_panics_on_time_like_text(text in "((Rabu|Senin|Minggu|pukul|sejak|tahun|bulan|lalu|depan|kemarin|malam|Lebaran|Idul Fitri|Imlek|H|[0-9]{1,4}|[./:,()-]| ){0,30})") {
        for published in [None, at("2024-03-20T09:00:00+07:00")] {
            for t in resolve_times(&text, published, "id") {
                proptest::prop_assert_eq!(&text[t.start..t.end], t.text.as_str());
            }
        }
    }

    #[test]
    fn never_panics_on_english_clocks_and_weekends(text in "((Wednesday|Monday|Dec\\.|ET|p\\.m\\.|a\\.m\\.|this|last|weekend|at|on|[0-9]{1,2}|[.,“”\"]|\n| ){0,30})") {
        for published in [None, at("2024-02-20T18:05:00-05:00")] {
            for t in resolve_times(&text, published, "en") {
                proptest::prop_assert_eq!(&text[t.start..t.end], t.text.as_str());
            }
        }
    }
}

#[test]
fn malay_words_where_they_differ_from_indonesian() {
    // Published on Wednesday 19 June 2024, 17:23 in Kuala Lumpur.
    let published = at("2024-06-19T17:23:00+08:00");
    let text = "Menteri itu tiba semalam. Mesyuarat diadakan minggu lepas dan tahun lepas. \
                Beliau akan berlepas Ahad ini, pada Khamis (20 Jun) petang, dan pulang bulan hadapan. \
                Kapal itu tiba malam tadi, sekitar pukul 9.40 malam waktu tempatan.";
    let found = resolve_times(text, published, "ms");
    assert_eq!(find(&found, "semalam").value, "2024-06-18");
    // "minggu" is a week in Malay, not Sunday.
    assert_eq!(find(&found, "minggu lepas").value, "2024-W24");
    assert_eq!(find(&found, "tahun lepas").value, "2023");
    assert_eq!(find(&found, "Khamis (20 Jun) petang").value, "2024-06-20TAF");
    assert!(find(&found, "Khamis (20 Jun) petang").flags.is_empty());
    assert_eq!(find(&found, "bulan hadapan").value, "2024-07");
    assert_eq!(find(&found, "malam tadi").value, "2024-06-18TNI");
}

#[test]
fn fixed_holidays_are_dates_of_the_nearest_or_the_written_year() {
    let found = resolve_times("Harga naik menjelang Natal dan malam Tahun Baru 2025, lebih dari tahun baru mana pun.", at("2024-12-20T10:00:00+07:00"), "id");
    assert_eq!(find(&found, "menjelang Natal").value, "2024-12-25");
    assert_eq!(find(&found, "malam Tahun Baru 2025").value, "2025-12-31");
    // "tahun baru" in lower case is any new year, not the holiday.
    assert!(found.iter().all(|t| t.text != "tahun baru"), "{found:#?}");
    // Early in January, Christmas is the one just past.
    assert_eq!(values("Sales fell after Christmas and before Valentine's Day.", "2025-01-06T09:00:00-05:00", "en"), vec![("Christmas".to_string(), "2024-12-25".to_string()), ("Valentine's Day".to_string(), "2025-02-14".to_string())]);
}

#[test]
fn holidays_that_move_are_found_by_their_rule() {
    // Thanksgiving 2024 was on 28 November, Easter 2025 on 20 April, Memorial Day 2024
    // on 27 May, Labor Day 2024 on 2 September.
    let found = values("After Thanksgiving, before Easter 2025 and since Memorial Day, until Labor Day.", "2024-12-10T09:00:00-05:00", "en");
    let value = |text: &str| found.iter().find(|(t, _)| t.contains(text)).map(|(_, v)| v.clone()).unwrap_or_else(|| panic!("{text}: {found:?}"));
    assert_eq!(value("Thanksgiving"), "2024-11-28");
    assert_eq!(value("Easter 2025"), "2025-04-20");
    // "since" one is past, though next May's is nearer.
    assert_eq!(value("Memorial Day"), "2024-05-27/2024-12-10");
    assert_eq!(value("Labor Day"), "2024-09-02");
    // The Tuesday after the first Monday of November: 8 November in 2022, when the
    // month began on a Tuesday.
    assert_eq!(values("Voters lined up on Election Day 2022.", "2022-11-09T09:00:00-05:00", "en"), vec![("Election Day 2022".to_string(), "2022-11-08".to_string())]);
    let found = values("Libur Jumat Agung tahun ini jatuh sebelum Paskah.", "2024-03-20T09:00:00+07:00", "id");
    assert!(found.contains(&("Jumat Agung".to_string(), "2024-03-29".to_string())), "{found:?}");
    assert!(found.contains(&("Paskah".to_string(), "2024-03-31".to_string())), "{found:?}");
}

#[test]
fn holidays_of_the_lunar_calendars_are_computed_and_say_so() {
    // Idul Fitri 1445 H was on 10 April 2024, Idul Adha 1445 H on 17 June 2024, Imlek
    // 2025 on 29 January; "Lebaran Haji" is Idul Adha, not Lebaran.
    let found = resolve_times(
        "Arus mudik menjelang Lebaran diperkirakan padat. Idul Fitri 1445 H disambut gembira. Harga sapi naik saat Lebaran Haji. Imlek 2025 dirayakan meriah.",
        at("2024-03-20T09:00:00+07:00"),
        "id",
    );
    assert_eq!(find(&found, "menjelang Lebaran").value, "2024-04-10");
    let written = find(&found, "Idul Fitri 1445 H");
    assert_eq!((written.value.as_str(), written.anchor.as_str()), ("2024-04-10", "written"));
    assert!(written.flags.iter().any(|f| f.starts_with("computed")), "{:?}", written.flags);
    assert_eq!(find(&found, "Lebaran Haji").value, "2024-06-17");
    assert_eq!(find(&found, "Imlek 2025").value, "2025-01-29");
    // Cap Go Meh closes the new year on its fifteenth day: 12 February in 2025, 24
    // February in 2024.
    assert_eq!(values("Ribuan warga menonton Cap Go Meh di Singkawang.", "2025-02-01T09:00:00+07:00", "id"), vec![("Cap Go Meh".to_string(), "2025-02-12".to_string())]);
    assert_eq!(values("Cap Go Meh 2024 berlangsung meriah.", "2024-03-01T09:00:00+07:00", "id"), vec![("Cap Go Meh 2024".to_string(), "2024-02-24".to_string())]);
    // Ramadan is a month: 1445 H ran from 12 March to 9 April 2024 (Idul Fitri on 10
    // April); "awal Ramadan" is its first day.
    let found = resolve_times("Harga naik selama Ramadan. Awal Ramadan ditetapkan pemerintah.", at("2024-03-01T09:00:00+07:00"), "id");
    let month = find(&found, "Ramadan");
    assert_eq!(month.value, "2024-03-12/2024-04-09");
    assert!(month.flags.iter().any(|f| f.starts_with("computed")), "{:?}", month.flags);
    assert_eq!(find(&found, "Awal Ramadan").value, "2024-03-12");
    assert_eq!(values("Prices rose during Ramadan 1445 AH.", "2024-05-01T09:00:00+00:00", "en"), vec![("Ramadan 1445 AH".to_string(), "2024-03-12/2024-04-09".to_string())]);
    // A fixed holiday is no computation.
    let natal = resolve_times("Libur Natal tiba.", at("2024-12-20T09:00:00+07:00"), "id");
    assert!(natal.iter().all(|t| t.flags.is_empty()), "{natal:#?}");
    assert_eq!(values("Travel peaks before Eid al-Adha and after Lunar New Year.", "2024-06-01T09:00:00+00:00", "en"), vec![
        ("Eid al-Adha".to_string(), "2024-06-17".to_string()),
        ("Lunar New Year".to_string(), "2024-02-10".to_string()),
    ]);
}

#[test]
fn without_a_publication_time_the_dated_lead_anchors_relative_words() {
    let text = "JAKARTA, KOMPAS.com — Menteri Keuangan, Rabu (3/12/2014), mengatakan harga naik sejak kemarin. Harga akan turun tahun depan.";
    let found = resolve_times(text, None, "id");
    let yesterday = find(&found, "kemarin");
    assert_eq!(yesterday.value, "2014-12-02");
    assert!(yesterday.anchor.starts_with("date in the lead 2014-12-03"), "{}", yesterday.anchor);
    assert_eq!(find(&found, "tahun depan").value, "2015");
    // A lead whose weekday contradicts its date anchors nothing.
    let wrong = resolve_times("Menteri, Kamis (3/12/2014), mengatakan harga naik kemarin.", None, "id");
    assert!(find(&wrong, "kemarin").anchor.starts_with("unresolved"), "{wrong:#?}");
    // The third sentence is still the lead.
    let third = resolve_times("Harga naik kemarin. Pasar ramai. Menteri datang Rabu (3/12/2014).", None, "id");
    assert_eq!(find(&third, "kemarin").value, "2014-12-02");
    assert!(find(&third, "kemarin").anchor.starts_with("date in the lead 2014-12-03"));
    // Past the lead, the first date written with its weekday: the day of the statement
    // the story reports ("…,\" ujar Jama, Selasa (12/3/2024)."), said so in the anchor.
    let late = resolve_times("Pelaku beraksi pada Minggu dini hari sekitar pukul 02.30 WIB. Pasar ramai. Toko tutup. \"Uangnya dibawa kabur,\" ujar Jama, Selasa (12/3/2024).", None, "id");
    let sunday = find(&late, "Minggu dini hari");
    assert_eq!(sunday.value, "2024-03-10TMO");
    assert_eq!(sunday.anchor, "first date with its weekday 2024-03-12 (no publication time)");
    assert_eq!(find(&late, "sekitar pukul 02.30 WIB").value, "2024-03-10T02:30+07:00");
    // A publication time wins.
    let published = resolve_times(text, at("2014-12-04T09:00:00+07:00"), "id");
    assert_eq!(find(&published, "kemarin").value, "2014-12-03");
}

#[test]
fn a_contract_named_for_its_month_delivers_in_the_months_ahead() {
    let found = resolve_times("Minyak untuk pengiriman Januari naik 2 sen. Harga Januari lalu lebih tinggi.", at("2014-11-26T09:00:00+07:00"), "id");
    assert_eq!(find(&found, "Januari").value, "2015-01");
    assert_eq!(find(&found, "Januari lalu").value, "2014-01");
}

#[test]
fn a_date_without_a_year_far_ahead_is_last_years_unless_the_future_is_spoken_of() {
    let found = resolve_times("On March 3, a fire on the ferry killed one passenger.", at("2025-09-11T21:20:00+08:00"), "en");
    assert_eq!(find(&found, "March 3").value, "2025-03-03");
    let found = resolve_times("The hearing will be held on March 3.", at("2025-09-11T21:20:00+08:00"), "en");
    assert_eq!(find(&found, "March 3").value, "2026-03-03");
    // Near the turn of the year the nearest still wins: "2 Januari" written on 28 December.
    let found = resolve_times("Pelabuhan dibuka kembali 2 Januari.", at("2024-12-28T09:00:00+07:00"), "id");
    assert_eq!(find(&found, "2 Januari").value, "2025-01-02");
}

#[test]
fn weekends_and_a_clock_before_its_weekday() {
    let published = at("2024-02-20T18:05:00-05:00");
    let found = resolve_times("Forecasters warned of more snow this weekend. Crews expect to restore power by 3 p.m. ET Wednesday.", published, "en");
    assert_eq!(find(&found, "this weekend").value, "2024-W08-WE");
    assert_eq!(find(&found, "3 p.m. ET Wednesday").value, "2024-02-21T15:00-05:00", "the clock joins the weekday after it, which lies ahead");
    let found = resolve_times("The hearing began at 10 a.m. Feb. 12.", published, "en");
    assert_eq!(found.iter().map(|t| t.value.as_str()).collect::<Vec<_>>(), vec!["2024-02-12T10:00"], "{found:#?}");
    let found = resolve_times("Hujan turun hingga akhir pekan ini, setelah banjir akhir pekan lalu.", at("2024-02-20T14:30:00+07:00"), "id");
    assert_eq!(find(&found, "akhir pekan ini").value, "2024-W08-WE");
    assert_eq!(find(&found, "akhir pekan lalu").value, "2024-W07-WE");
}

#[test]
fn a_clock_on_a_weekday_with_nothing_to_count_from_keeps_the_weekday() {
    let found = resolve_times("They met on 17 September 2016. The vote came at 9 a.m. Sunday.", None, "en");
    assert_eq!(find(&found, "at 9 a.m. Sunday").value, "XXXX-WXX-7T09:00");
}

#[test]
fn a_particle_is_no_time() {
    let published = at("2023-11-14T10:00:00+07:00");
    let found = resolve_times("Kami minta ditunda dulu. Motor kita abaikan dulu, katanya. Sejak dulu, ia bekerja di sana. Ia dulu bekerja di pabrik.", published, "id");
    let texts: Vec<&str> = found.iter().map(|t| t.text.as_str()).collect();
    assert_eq!(texts.len(), 2, "{found:#?}");
    assert!(found.iter().all(|t| t.value == "PAST_REF"), "{found:#?}");
}

#[test]
fn a_quotation_in_the_lead_counts_as_one_sentence() {
    let text = "Ketua Komisi VII DPR Sugeng Suparwoto meminta pemerintah menunda kenaikan tarif listrik. Menurut dia, daya beli masyarakat belum pulih.\n\n\"Kami minta ditunda dulu. Jangan sampai rakyat yang jadi korban,\" tegas Sugeng di Gedung DPR, Senayan, Jakarta, Selasa (14/11/2023).\n\nKomisi VII akan memanggil Menteri ESDM pekan depan.";
    let found = resolve_times(text, None, "id");
    assert_eq!(find(&found, "pekan depan").value, "2023-W47", "{found:#?}");
}

#[test]
fn a_season_takes_the_year_written_after_it() {
    let published = at("2024-02-20T18:05:00-05:00");
    let found = resolve_times("The last storm this severe hit in the winter of 2015, not last summer.", published, "en");
    assert_eq!(find(&found, "winter of 2015").value, "2015-WI");
    let found = resolve_times("Kekeringan terparah terjadi pada musim kemarau tahun 2019 dan musim hujan 2020.", at("2024-02-20T14:30:00+07:00"), "id");
    assert_eq!(find(&found, "musim kemarau tahun 2019").value, "2019-SU");
    assert_eq!(find(&found, "musim hujan 2020").value, "2020-WI");
}

#[test]
fn a_range_of_days_is_one_expression() {
    let published = at("2024-12-05T09:00:00+07:00");
    let found = resolve_times("Pameran digelar pada 10 hingga 12 Desember 2024, lalu 3 sampai 5 Januari.", published, "id");
    assert_eq!(find(&found, "10 hingga 12 Desember 2024").value, "2024-12-10/2024-12-12");
    assert_eq!(find(&found, "3 sampai 5 Januari").value, "2025-01-03/2025-01-05");
    let found = resolve_times("The fair runs from 10 to 12 December 2024. Two to three minutes later it ended.", published, "en");
    assert_eq!(find(&found, "10 to 12 December 2024").value, "2024-12-10/2024-12-12");
    // A later day first is no range.
    let found = resolve_times("Dari 12 hingga 10 Desember.", published, "id");
    assert!(found.iter().all(|t| !t.value.contains('/')), "{found:#?}");
}

#[test]
fn a_range_written_with_a_dash_or_month_first_is_one_expression() {
    let published = at("2024-02-19T09:00:00+07:00");
    let found = resolve_times("Pameran akan digelar 10-12 Maret 2024. Sebelumnya digelar 5–7 Januari lalu, lalu 20 - 22 Februari.", published, "id");
    assert_eq!(find(&found, "10-12 Maret 2024").value, "2024-03-10/2024-03-12");
    assert_eq!(find(&found, "5–7 Januari lalu").value, "2024-01-05/2024-01-07");
    assert_eq!(find(&found, "20 - 22 Februari").value, "2024-02-20/2024-02-22");
    let found = resolve_times("The fair will run March 10-12. One was held Jan. 5–7, 2023, and Dec. 3 through 5.", published, "en");
    assert_eq!(find(&found, "March 10-12").value, "2024-03-10/2024-03-12");
    assert_eq!(find(&found, "Jan. 5–7, 2023").value, "2023-01-05/2023-01-07");
    assert_eq!(find(&found, "Dec. 3 through 5").value, "2023-12-03/2023-12-05");
    // A score, a later day first or a lower-case "may" make no range.
    let found = resolve_times("Skor 2-1 Maret, dari 12-10 Juni.", published, "id");
    assert!(found.iter().all(|t| !t.value.contains('/')), "{found:#?}");
    let found = resolve_times("Prices may 3-4 times rise.", published, "en");
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn a_range_across_months_is_one_expression() {
    let published = at("2024-03-20T09:00:00+07:00");
    let found = resolve_times("Pameran berlangsung 30 April-1 Mei 2024. Libur 28 Desember 2023 - 2 Januari 2024, lalu 30 Maret hingga 2 April. Satu tahun kemudian pameran kembali.", published, "id");
    assert_eq!(find(&found, "30 April-1 Mei 2024").value, "2024-04-30/2024-05-01");
    assert_eq!(find(&found, "28 Desember 2023 - 2 Januari 2024").value, "2023-12-28/2024-01-02");
    assert_eq!(find(&found, "30 Maret hingga 2 April").value, "2024-03-30/2024-04-02");
    // What comes after counts from the range's last day.
    assert_eq!(find(&found, "Satu tahun kemudian").value, "2025-04-02");
    let found = resolve_times("The next meeting is April 30-May 1. Talks ran from Dec. 30 to Jan. 2.", published, "en");
    assert_eq!(find(&found, "April 30-May 1").value, "2024-04-30/2024-05-01");
    assert_eq!(find(&found, "Dec. 30 to Jan. 2").value, "2023-12-30/2024-01-02");
    // Backwards, or a year's gap, is no range.
    let found = resolve_times("Dari 2 Mei hingga 30 April, dan 1 Maret 2020 - 2 April 2024.", published, "id");
    assert!(found.iter().all(|t| !t.value.contains('/')), "{found:#?}");
}

#[test]
fn a_range_of_clock_times_is_one_expression_in_the_zone_written_last() {
    let published = at("2024-02-19T09:00:00+07:00");
    let found = resolve_times("Listrik padam Senin (19/2/2024) pukul 08.00-17.00 WIB. Layanan dibuka pukul 09.00 hingga 15.00 WITA, lalu pukul 22.00 - 02.00.", published, "id");
    assert_eq!(find(&found, "Senin (19/2/2024) pukul 08.00-17.00 WIB").value, "2024-02-19T08:00+07:00/2024-02-19T17:00+07:00");
    assert_eq!(find(&found, "pukul 09.00 hingga 15.00 WITA").value, "2024-02-19T09:00+08:00/2024-02-19T15:00+08:00");
    // Past midnight, the range ends the next day.
    assert_eq!(find(&found, "pukul 22.00 - 02.00").value, "2024-02-19T22:00/2024-02-20T02:00");
    let found = resolve_times("Power was cut on Monday from 8 a.m. to 5 p.m. local time. Offices open 9 a.m.-3 p.m. ET.", published, "en");
    assert_eq!(find(&found, "8 a.m. to 5 p.m. local time").value, "2024-02-19T08:00/2024-02-19T17:00");
    assert_eq!(find(&found, "9 a.m.-3 p.m. ET").value, "2024-02-19T09:00-05:00/2024-02-19T15:00-05:00");
    // The second end must be a clock time itself: "from 8 a.m. to 10 people" is one time.
    let found = resolve_times("Attendance rose at 8 a.m. to 10 people.", published, "en");
    assert_eq!(find(&found, "at 8 a.m.").value, "2024-02-19T08:00");
}

#[test]
fn a_weekday_with_a_day_word_is_one_expression_on_its_side() {
    // Published Monday 21 November 2022.
    let found = resolve_times("Presiden dijadwalkan meninjau lokasi pada Selasa besok, setelah rapat Jumat kemarin.", at("2022-11-21T15:00:00+07:00"), "id");
    assert_eq!(find(&found, "Selasa besok").value, "2022-11-22");
    assert_eq!(find(&found, "Jumat kemarin").value, "2022-11-18");
    assert_eq!(found.len(), 2, "{found:#?}");
}

#[test]
fn a_long_chain_of_clock_times_is_read_without_recursing_deep() {
    let text = format!("Listrik padam pukul 01.00{}.", " - 02.00".repeat(20_000));
    let found = resolve_times(&text, at("2024-02-19T09:00:00+07:00"), "id");
    assert_eq!(find(&found, "pukul 01.00 - 02.00").value, "2024-02-19T01:00/2024-02-19T02:00");
}

#[test]
fn overnight_before_the_noun_it_describes_is_no_time() {
    let published = at("2024-03-20T14:00:00-04:00");
    let text = "The Fed held its overnight rate steady. Stocks rose overnight, traders said. Police ended an overnight protest. Talks went on overnight in Geneva.";
    let found = resolve_times(text, published, "en");
    let starts: Vec<usize> = found.iter().filter(|t| t.text == "overnight").map(|t| t.start).collect();
    let expected: Vec<usize> = [" overnight,", " overnight in"].iter().map(|s| text.find(s).unwrap() + 1).collect();
    assert_eq!(starts, expected, "{found:#?}");
    assert!(found.iter().filter(|t| t.text == "overnight").all(|t| t.value == "2024-03-19TNI"), "{found:#?}");
}

#[test]
fn a_part_of_a_month_stays_in_the_expression_and_the_value_is_the_month() {
    let published = at("2024-04-02T10:00:00+07:00");
    let found = resolve_times("Harga beras naik pada akhir Maret 2024 dan turun pada pertengahan bulan Juni.", published, "id");
    assert_eq!(find(&found, "akhir Maret 2024").value, "2024-03");
    assert!(found.iter().any(|t| t.text == "pertengahan bulan Juni" && t.value.ends_with("-06")), "{found:#?}");
    let found = resolve_times("Talks resume in late March. Late May will be busy.", published, "en");
    assert_eq!(find(&found, "late March").value, "2024-03");
    // With no word before it that allows a bare month, the part is left out as before.
    assert!(found.iter().all(|t| t.text != "Late May"), "{found:#?}");
}
