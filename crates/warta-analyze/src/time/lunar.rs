//! Holidays of the lunar calendars, computed: the first day of an Islamic month as
//! Indonesia fixes it (the crescent after the new moon must stand at least 3° above the
//! horizon at sunset, 6.4° from the sun: the MABIMS criterion of 2021), and the Chinese
//! New Year (Imlek, the new moon between 21 January and 20 February in China's time).
//!
//! The crescent may be seen anywhere in the country, so it is judged where Indonesia's
//! sunset comes last and the moon is oldest, Banda Aceh, and at Jakarta; one suffices.
//!
//! The positions are those of Meeus, *Astronomical Algorithms* (2nd ed.): the sun of
//! chapter 25 (low precision, 0.01°), the moon of chapter 47 with its largest terms
//! (about 0.01°), sidereal time of chapter 12. A day is found, not announced: when the
//! crescent is near the limit the government's sighting may fall the other way, so
//! every date from here carries a flag that says it was computed.

use jiff::civil::Date;

/// Where the crescent is judged: Banda Aceh and Jakarta (latitude, longitude east, in
/// degrees), and their offset from UTC (WIB).
const OBSERVERS: [(f64, f64); 2] = [(5.55, 95.32), (-6.2, 106.8)];
const OBSERVER_UTC_OFFSET_HOURS: f64 = 7.0;
/// MABIMS (2021): least apparent topocentric altitude of the moon at sunset and least
/// geocentric elongation from the sun.
const MIN_ALTITUDE: f64 = 3.0;
const MIN_ELONGATION: f64 = 6.4;
/// China's time, which dates the Chinese new moon.
const CHINA_UTC_OFFSET_HOURS: f64 = 8.0;
/// Mean length of a lunation in days.
const SYNODIC_MONTH: f64 = 29.530_588_861;
/// Julian day of the new moon of lunation 0 (6 January 2000) and the lunation that
/// opened 1 Muharram 1 AH counted from it.
const LUNATION_0: f64 = 2_451_550.097_66;
const HIJRI_LUNATION_OFFSET: i64 = 17_037;
/// Julian day of 1970-01-01 00:00 UTC.
const UNIX_EPOCH_JD: f64 = 2_440_587.5;

/// The Gregorian date of `day` of Islamic `month` (1 = Muharram … 12 = Zulhijah) of
/// Hijri year `year`, as Indonesia's criterion would start that month.
pub(crate) fn hijri_date(year: i32, month: i8, day: i8) -> Option<Date> {
    if !(1..=12).contains(&month) || !(1..=30).contains(&day) || !(1..=3000).contains(&year) {
        return None;
    }
    let first = hijri_month_start(year, month)?;
    first.checked_add(jiff::Span::new().days(day as i64 - 1)).ok()
}

/// The first day of Islamic `month` of `year`, computed once per thread: an article
/// that says "Lebaran" a hundred times asks for the same month a hundred times.
fn hijri_month_start(year: i32, month: i8) -> Option<Date> {
    thread_local! {
        static STARTS: std::cell::RefCell<std::collections::HashMap<(i32, i8), Option<Date>>> = Default::default();
    }
    STARTS.with(|starts| {
        *starts.borrow_mut().entry((year, month)).or_insert_with(|| {
            let lunation = (year as i64 - 1) * 12 + (month as i64 - 1) - HIJRI_LUNATION_OFFSET;
            month_start(new_moon(lunation as f64))
        })
    })
}

/// The Gregorian date of `day` of Islamic `month` that falls in Gregorian `year` (the
/// first, in the years that hold two).
pub(crate) fn hijri_in_gregorian_year(year: i16, month: i8, day: i8) -> Option<Date> {
    // The Hijri year that begins in Gregorian year `year`, roughly.
    let approx = ((year as f64 - 622.0) * 33.0 / 32.0) as i32;
    (approx - 1..=approx + 2).filter_map(|h| hijri_date(h, month, day)).find(|d| d.year() == year)
}

/// The last day of Islamic `month` whose first day is `first`: the day before the next
/// month begins.
pub(crate) fn hijri_month_last_day(first: Date, month: i8) -> Option<Date> {
    let approx = ((first.year() as f64 - 622.0) * 33.0 / 32.0) as i32;
    let year = (approx - 1..=approx + 2).find(|&h| hijri_date(h, month, 1) == Some(first))?;
    let next = if month == 12 { hijri_date(year + 1, 1, 1) } else { hijri_date(year, month + 1, 1) }?;
    next.checked_sub(jiff::Span::new().days(1)).ok()
}

/// Chinese New Year of Gregorian `year`: the day, in China's time, of the new moon
/// between 21 January and 20 February.
pub(crate) fn chinese_new_year(year: i16) -> Option<Date> {
    thread_local! {
        static DAYS: std::cell::RefCell<std::collections::HashMap<i16, Option<Date>>> = Default::default();
    }
    DAYS.with(|days| *days.borrow_mut().entry(year).or_insert_with(|| chinese_new_year_uncached(year)))
}

fn chinese_new_year_uncached(year: i16) -> Option<Date> {
    let start = Date::new(year, 1, 21).ok()?;
    let end = Date::new(year, 2, 20).ok()?;
    let k = ((year as f64 + 1.0 / 12.0 - 2000.0) * 12.3685).floor();
    (-1..=2).map(|d| local_date(new_moon(k + d as f64), CHINA_UTC_OFFSET_HOURS)).find(|d| (start..=end).contains(d))
}

/// The first day of the month whose new moon falls at Julian day `conjunction` (UT):
/// the day after the first evening, from the conjunction's own, that shows the crescent.
fn month_start(conjunction: f64) -> Option<Date> {
    let first_evening = local_date(conjunction, OBSERVER_UTC_OFFSET_HOURS);
    (0..3).find_map(|d| {
        let evening = first_evening.checked_add(jiff::Span::new().days(d)).ok()?;
        let seen = OBSERVERS.iter().any(|&observer| sunset_jd(evening, observer).is_some_and(|sunset| sunset > conjunction && crescent_visible(sunset, observer)));
        seen.then(|| evening.checked_add(jiff::Span::new().days(1)).ok()).flatten()
    })
}

/// Julian day (UT) of sunset at `observer` on local date `date`: the sun's centre
/// 0.833° below the horizon (refraction and its radius), found by bisection between
/// 16:00 and 20:00 local time.
fn sunset_jd(date: Date, observer: (f64, f64)) -> Option<f64> {
    let midnight = date_jd(date) - OBSERVER_UTC_OFFSET_HOURS / 24.0;
    let (mut lo, mut hi) = (midnight + 16.0 / 24.0, midnight + 20.0 / 24.0);
    let above = |jd: f64| {
        let (ra, dec) = equatorial(sun_longitude(jd), 0.0, jd);
        altitude(jd, ra, dec, observer) > -0.833
    };
    if !above(lo) || above(hi) {
        return None;
    }
    for _ in 0..30 {
        let mid = (lo + hi) / 2.0;
        if above(mid) {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    Some(lo)
}

/// Whether the crescent meets the criterion at Julian day `jd` (UT) at `observer`.
fn crescent_visible(jd: f64, observer: (f64, f64)) -> bool {
    let (lambda, beta, distance_km) = moon_position(jd);
    let sun = sun_longitude(jd);
    let elongation = (beta.to_radians().cos() * (lambda - sun).to_radians().cos()).acos().to_degrees();
    let (ra, dec) = equatorial(lambda, beta, jd);
    let geocentric = altitude(jd, ra, dec, observer);
    let parallax = (6_378.14 / distance_km).asin().to_degrees();
    let topocentric = geocentric - parallax * geocentric.to_radians().cos();
    // As it is seen: refraction lifts it (Bennett's formula, Meeus ch. 16).
    let refraction = 1.0 / (topocentric + 7.31 / (topocentric + 4.4)).to_radians().tan() / 60.0;
    topocentric + refraction >= MIN_ALTITUDE && elongation >= MIN_ELONGATION
}

/// Julian day (UT) of the new moon nearest lunation `k` (0 = January 2000): the mean
/// phase, then Newton steps until the moon's longitude equals the sun's.
fn new_moon(k: f64) -> f64 {
    let t = k / 1_236.85;
    let mut jd = LUNATION_0 + SYNODIC_MONTH * k + 0.000_154_37 * t * t;
    for _ in 0..6 {
        let (moon, _, _) = moon_position(jd);
        let gap = normalize_signed(moon - sun_longitude(jd));
        // The moon gains on the sun about 12.19° a day.
        jd -= gap / 12.190_749;
    }
    jd
}

/// The local calendar date of Julian day `jd` (UT) at `offset_hours` from UTC.
fn local_date(jd: f64, offset_hours: f64) -> Date {
    let days = (jd + offset_hours / 24.0 - UNIX_EPOCH_JD).floor() as i64;
    Date::constant(1970, 1, 1).checked_add(jiff::Span::new().days(days)).unwrap_or(Date::constant(1970, 1, 1))
}

/// Julian day of 00:00 UTC of `date`.
fn date_jd(date: Date) -> f64 {
    let days = date.since(Date::constant(1970, 1, 1)).map(|s| s.get_days()).unwrap_or(0);
    UNIX_EPOCH_JD + days as f64
}

/// Julian centuries of Terrestrial Time since J2000 for Julian day `jd` (UT): ΔT from
/// the polynomial of Espenak and Meeus for 2005–2050, close enough on either side.
fn centuries(jd: f64) -> f64 {
    let year = 2000.0 + (jd - 2_451_545.0) / 365.25;
    let t = year - 2000.0;
    let delta_t = 62.92 + 0.322_17 * t + 0.005_589 * t * t;
    (jd + delta_t / 86_400.0 - 2_451_545.0) / 36_525.0
}

/// The sun's apparent ecliptic longitude in degrees (Meeus ch. 25, low precision).
fn sun_longitude(jd: f64) -> f64 {
    let t = centuries(jd);
    let l0 = 280.466_46 + 36_000.769_83 * t + 0.000_303_2 * t * t;
    let m = (357.529_11 + 35_999.050_29 * t - 0.000_153_7 * t * t).to_radians();
    let c = (1.914_602 - 0.004_817 * t - 0.000_014 * t * t) * m.sin() + (0.019_993 - 0.000_101 * t) * (2.0 * m).sin() + 0.000_289 * (3.0 * m).sin();
    let omega = (125.04 - 1_934.136 * t).to_radians();
    normalize(l0 + c - 0.005_69 - 0.004_78 * omega.sin())
}

/// Periodic terms of the moon's longitude and distance (Meeus table 47.A, the largest):
/// multiples of D, M, M', F; longitude in 10⁻⁶ degrees; distance in metres.
const LONGITUDE_TERMS: [(i8, i8, i8, i8, f64, f64); 32] = [
    (0, 0, 1, 0, 6_288_774.0, -20_905_355.0),
    (2, 0, -1, 0, 1_274_027.0, -3_699_111.0),
    (2, 0, 0, 0, 658_314.0, -2_955_968.0),
    (0, 0, 2, 0, 213_618.0, -569_925.0),
    (0, 1, 0, 0, -185_116.0, 48_888.0),
    (0, 0, 0, 2, -114_332.0, -3_149.0),
    (2, 0, -2, 0, 58_793.0, 246_158.0),
    (2, -1, -1, 0, 57_066.0, -152_138.0),
    (2, 0, 1, 0, 53_322.0, -170_733.0),
    (2, -1, 0, 0, 45_758.0, -204_586.0),
    (0, 1, -1, 0, -40_923.0, -129_620.0),
    (1, 0, 0, 0, -34_720.0, 108_743.0),
    (0, 1, 1, 0, -30_383.0, 104_755.0),
    (2, 0, 0, -2, 15_327.0, 10_321.0),
    (0, 0, 1, 2, -12_528.0, 0.0),
    (0, 0, 1, -2, 10_980.0, 79_661.0),
    (4, 0, -1, 0, 10_675.0, -34_782.0),
    (0, 0, 3, 0, 10_034.0, -23_210.0),
    (4, 0, -2, 0, 8_548.0, -21_636.0),
    (2, 1, -1, 0, -7_888.0, 24_208.0),
    (2, 1, 0, 0, -6_766.0, 30_824.0),
    (1, 0, -1, 0, -5_163.0, -8_379.0),
    (1, 1, 0, 0, 4_987.0, -16_675.0),
    (2, -1, 1, 0, 4_036.0, -12_831.0),
    (2, 0, 2, 0, 3_994.0, -10_445.0),
    (4, 0, 0, 0, 3_861.0, -11_650.0),
    (2, 0, -3, 0, 3_665.0, 14_403.0),
    (0, 1, -2, 0, -2_689.0, -7_003.0),
    (2, 0, -1, 2, -2_602.0, 0.0),
    (2, -1, -2, 0, 2_390.0, 10_056.0),
    (1, 0, 1, 0, -2_348.0, 6_322.0),
    (2, -2, 0, 0, 2_236.0, -9_884.0),
];

/// Periodic terms of the moon's latitude (Meeus table 47.B, the largest), in 10⁻⁶
/// degrees.
const LATITUDE_TERMS: [(i8, i8, i8, i8, f64); 20] = [
    (0, 0, 0, 1, 5_128_122.0),
    (0, 0, 1, 1, 280_602.0),
    (0, 0, 1, -1, 277_693.0),
    (2, 0, 0, -1, 173_237.0),
    (2, 0, -1, 1, 55_413.0),
    (2, 0, -1, -1, 46_271.0),
    (2, 0, 0, 1, 32_573.0),
    (0, 0, 2, 1, 17_198.0),
    (2, 0, 1, -1, 9_266.0),
    (0, 0, 2, -1, 8_822.0),
    (2, -1, 0, -1, 8_216.0),
    (2, 0, -2, -1, 4_324.0),
    (2, 0, 1, 1, 4_200.0),
    (2, 1, 0, -1, -3_359.0),
    (2, -1, -1, 1, 2_463.0),
    (2, -1, 0, 1, 2_211.0),
    (2, -1, -1, -1, 2_065.0),
    (0, 1, -1, -1, -1_870.0),
    (4, 0, -1, -1, 1_828.0),
    (0, 1, 0, 1, -1_794.0),
];

/// The moon's geocentric ecliptic longitude and latitude (degrees) and distance (km)
/// (Meeus ch. 47, its largest terms).
fn moon_position(jd: f64) -> (f64, f64, f64) {
    let t = centuries(jd);
    let l = 218.316_447_7 + 481_267.881_234_21 * t - 0.001_578_6 * t * t;
    let d = 297.850_192_1 + 445_267.111_403_4 * t - 0.001_881_9 * t * t;
    let m = 357.529_109_2 + 35_999.050_290_9 * t - 0.000_153_6 * t * t;
    let mp = 134.963_396_4 + 477_198.867_505_5 * t + 0.008_741_4 * t * t;
    let f = 93.272_095_0 + 483_202.017_523_3 * t - 0.003_653_9 * t * t;
    let e = 1.0 - 0.002_516 * t - 0.000_007_4 * t * t;
    let eccentricity = |m_multiple: i8| match m_multiple.abs() {
        1 => e,
        2 => e * e,
        _ => 1.0,
    };
    let argument = |cd: i8, cm: i8, cmp: i8, cf: i8| (cd as f64 * d + cm as f64 * m + cmp as f64 * mp + cf as f64 * f).to_radians();
    let (mut sum_l, mut sum_r, mut sum_b) = (0.0, 0.0, 0.0);
    for &(cd, cm, cmp, cf, coef_l, coef_r) in &LONGITUDE_TERMS {
        let a = argument(cd, cm, cmp, cf);
        sum_l += coef_l * eccentricity(cm) * a.sin();
        sum_r += coef_r * eccentricity(cm) * a.cos();
    }
    for &(cd, cm, cmp, cf, coef_b) in &LATITUDE_TERMS {
        sum_b += coef_b * eccentricity(cm) * argument(cd, cm, cmp, cf).sin();
    }
    let a1 = (119.75 + 131.849 * t).to_radians();
    let a2 = (53.09 + 479_264.29 * t).to_radians();
    let a3 = (313.45 + 481_266.484 * t).to_radians();
    let (l_rad, mp_rad, f_rad) = (l.to_radians(), mp.to_radians(), f.to_radians());
    sum_l += 3_958.0 * a1.sin() + 1_962.0 * (l_rad - f_rad).sin() + 318.0 * a2.sin();
    sum_b += -2_235.0 * l_rad.sin() + 382.0 * a3.sin() + 175.0 * (a1 - f_rad).sin() + 175.0 * (a1 + f_rad).sin() + 127.0 * (l_rad - mp_rad).sin()
        - 115.0 * (l_rad + mp_rad).sin();
    (normalize(l + sum_l / 1e6), sum_b / 1e6, 385_000.56 + sum_r / 1_000.0)
}

/// Right ascension and declination (degrees) of ecliptic longitude and latitude.
fn equatorial(lambda: f64, beta: f64, jd: f64) -> (f64, f64) {
    let epsilon = (23.439_291 - 0.013_004_2 * centuries(jd)).to_radians();
    let (l, b) = (lambda.to_radians(), beta.to_radians());
    let ra = (l.sin() * epsilon.cos() - b.tan() * epsilon.sin()).atan2(l.cos());
    let dec = (b.sin() * epsilon.cos() + b.cos() * epsilon.sin() * l.sin()).asin();
    (normalize(ra.to_degrees()), dec.to_degrees())
}

/// Altitude (degrees) at `observer` (latitude, longitude east) of a body at right
/// ascension `ra` and declination `dec` at Julian day `jd` (UT).
fn altitude(jd: f64, ra: f64, dec: f64, observer: (f64, f64)) -> f64 {
    let d = jd - 2_451_545.0;
    let sidereal = normalize(280.460_618_37 + 360.985_647_366_29 * d + observer.1);
    let hour_angle = (sidereal - ra).to_radians();
    let (phi, delta) = (observer.0.to_radians(), dec.to_radians());
    (phi.sin() * delta.sin() + phi.cos() * delta.cos() * hour_angle.cos()).asin().to_degrees()
}

fn normalize(degrees: f64) -> f64 {
    degrees.rem_euclid(360.0)
}

/// An angle in (−180°, 180°].
fn normalize_signed(degrees: f64) -> f64 {
    let d = normalize(degrees);
    if d > 180.0 {
        d - 360.0
    } else {
        d
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn new_moons_fall_within_minutes_of_the_published_times() {
        // Meeus example 49.a: the new moon of 1977 February 18, 3:37:42 TD.
        let jd = new_moon(-283.0);
        let expected = 2_443_192.651_18 - 48.0 / 86_400.0;
        assert!((jd - expected).abs() * 1_440.0 < 5.0, "{jd} vs {expected}");
        // 8 April 2024, 18:21 UT (the eclipse).
        let jd = new_moon(((2024.27 - 2000.0) * 12.3685f64).round());
        let expected = date_jd(date("2024-04-08")) + (18.0 + 21.0 / 60.0) / 24.0;
        assert!((jd - expected).abs() * 1_440.0 < 5.0, "{jd} vs {expected}");
    }

    #[test]
    fn the_moon_is_where_meeus_puts_it() {
        // Meeus example 47.a: 1992 April 12, 0h TD: λ 133.162655°, β −3.229126°, Δ 368409.7 km.
        let jd = 2_448_724.5 - 59.0 / 86_400.0;
        let (lambda, beta, distance) = moon_position(jd);
        assert!((lambda - 133.162_655).abs() < 0.02, "{lambda}");
        assert!((beta + 3.229_126).abs() < 0.02, "{beta}");
        assert!((distance - 368_409.7).abs() < 50.0, "{distance}");
    }

    #[test]
    fn islamic_holidays_are_the_days_indonesia_kept() {
        // 1 Ramadan, 1 Syawal (Idul Fitri) and 10 Zulhijah (Idul Adha) of 1443–1446 H and
        // 1 Muharram of 1445 and 1446, as the Ministry of Religious Affairs announced them
        // (the MABIMS criterion of 2021).
        let kept = [
            (1443, 9, 1, "2022-04-03"),
            (1443, 10, 1, "2022-05-02"),
            (1443, 12, 10, "2022-07-10"),
            (1444, 9, 1, "2023-03-23"),
            (1444, 10, 1, "2023-04-22"),
            (1444, 12, 10, "2023-06-29"),
            (1445, 1, 1, "2023-07-19"),
            (1445, 9, 1, "2024-03-12"),
            (1445, 10, 1, "2024-04-10"),
            (1445, 12, 10, "2024-06-17"),
            (1446, 1, 1, "2024-07-07"),
            (1446, 9, 1, "2025-03-01"),
            (1446, 10, 1, "2025-03-31"),
            (1446, 12, 10, "2025-06-06"),
            // Checked after the two choices above were made on the dates before (judging
            // at Banda Aceh too, counting refraction): the government's holidays of
            // 1 Muharram, Maulid Nabi (12 Rabiul Awal) and Isra Mikraj (27 Rajab).
            (1444, 1, 1, "2022-07-30"),
            (1447, 1, 1, "2025-06-27"),
            (1444, 3, 12, "2022-10-08"),
            (1445, 3, 12, "2023-09-28"),
            (1446, 3, 12, "2024-09-16"),
            (1447, 3, 12, "2025-09-05"),
            (1444, 7, 27, "2023-02-18"),
            (1445, 7, 27, "2024-02-08"),
            (1446, 7, 27, "2025-01-27"),
        ];
        let wrong: Vec<String> = kept
            .iter()
            .filter_map(|&(y, m, d, want)| {
                let got = hijri_date(y, m, d);
                (got != Some(date(want))).then(|| format!("{d} {m} {y} H: {got:?}, kept {want}"))
            })
            .collect();
        assert!(wrong.is_empty(), "{wrong:#?}");
        assert_eq!(hijri_in_gregorian_year(2024, 10, 1), Some(date("2024-04-10")));
    }

    #[test]
    fn chinese_new_year_is_the_new_moon_in_china_between_late_january_and_february() {
        for (year, want) in [(2019, "2019-02-05"), (2020, "2020-01-25"), (2021, "2021-02-12"), (2022, "2022-02-01"), (2023, "2023-01-22"), (2024, "2024-02-10"), (2025, "2025-01-29")] {
            assert_eq!(chinese_new_year(year), Some(date(want)), "{year}");
        }
    }
}
