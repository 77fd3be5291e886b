//! Calendar arithmetic: proleptic Gregorian and Julian days, weekday, and
//! the Julian → Gregorian conversion.
//!
//! Written by hand (a few lines of well-known integer formulas) because the
//! date crates do not handle the Julian calendar, and TIMEX3 needs year 0
//! and negative (astronomical) years for dates before the common era.

/// Days since 1970-01-01 of a proleptic Gregorian date (astronomical year).
pub fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = m as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

/// The proleptic Gregorian date of a day count since 1970-01-01.
pub fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719468;
    let era = z.div_euclid(146097);
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// Days since 1970-01-01 of a Julian-calendar date (astronomical year).
pub fn days_from_julian(y: i64, m: u32, d: u32) -> i64 {
    // Julian day number (Richards' algorithm), then shift to the Unix epoch.
    let a = (14 - m as i64) / 12;
    let yy = y + 4800 - a;
    let mm = m as i64 + 12 * a - 3;
    let jdn = d as i64 + (153 * mm + 2) / 5 + 365 * yy + yy.div_euclid(4) - 32083;
    jdn - 2440588
}

pub fn is_leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

pub fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(y) => 29,
        2 => 28,
        _ => 0,
    }
}

fn julian_days_in_month(y: i64, m: u32) -> u32 {
    if m == 2 {
        if y.rem_euclid(4) == 0 {
            29
        } else {
            28
        }
    } else {
        days_in_month(y, m)
    }
}

/// True when `y-m-d` is a real Gregorian date in the years TIMEX3 can write.
pub fn valid(y: i64, m: u32, d: u32) -> bool {
    (-9999..=9999).contains(&y) && (1..=12).contains(&m) && d >= 1 && d <= days_in_month(y, m)
}

/// The first day of the Gregorian calendar (15 October 1582): every date
/// before it is Julian (converted only where a custom or a mark says so).
pub const GREGORIAN_REFORM: (i64, u32, u32) = (1582, 10, 15);

/// Converts a Julian ("Old Style") date to the Gregorian calendar; None when
/// the Julian date does not exist.
pub fn julian_to_gregorian(y: i64, m: u32, d: u32) -> Option<(i64, u32, u32)> {
    if !(-9999..=9999).contains(&y) || !(1..=12).contains(&m) || d < 1 {
        return None;
    }
    if d > julian_days_in_month(y, m) {
        return None;
    }
    Some(civil_from_days(days_from_julian(y, m, d)))
}

/// ISO weekday (1 = Monday … 7 = Sunday) of a Gregorian date.
pub fn weekday(y: i64, m: u32, d: u32) -> u32 {
    // 1970-01-01 was a Thursday (4).
    ((days_from_civil(y, m, d) + 3).rem_euclid(7) + 1) as u32
}

/// Adds `n` days.
pub fn add_days(y: i64, m: u32, d: u32, n: i64) -> (i64, u32, u32) {
    civil_from_days(days_from_civil(y, m, d) + n)
}

/// Adds `n` months, clamping the day to the length of the target month.
pub fn add_months(y: i64, m: u32, n: i64) -> (i64, u32) {
    let t = y * 12 + (m as i64 - 1) + n;
    (t.div_euclid(12), (t.rem_euclid(12) + 1) as u32)
}

/// ISO week number and ISO year of a date.
pub fn iso_week(y: i64, m: u32, d: u32) -> (i64, u32) {
    let wd = weekday(y, m, d) as i64;
    let days = days_from_civil(y, m, d);
    // Thursday of this week decides the ISO year.
    let thu = days - wd + 4;
    let (ty, _, _) = civil_from_days(thu);
    let jan1 = days_from_civil(ty, 1, 1);
    (ty, ((thu - jan1) / 7 + 1) as u32)
}

/// Easter Sunday of year `y` as (month, day): the Gregorian computus from
/// 1583 (the anonymous algorithm, Meeus/Jones/Butcher), the Julian one
/// before (Meeus), whose date is a Julian calendar date like every date
/// written before the reform.
pub fn easter(y: i64) -> (u32, u32) {
    if y < 1583 {
        let (a, b, c) = (y.rem_euclid(4), y.rem_euclid(7), y.rem_euclid(19));
        let d = (19 * c + 15) % 30;
        let e = (2 * a + 4 * b - d + 34).rem_euclid(7);
        let f = d + e + 114;
        return ((f / 31) as u32, (f % 31 + 1) as u32);
    }
    let a = y.rem_euclid(19);
    let (b, c) = (y.div_euclid(100), y.rem_euclid(100));
    let (d, e) = (b / 4, b % 4);
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let (i, k) = (c / 4, c % 4);
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l) / 451;
    let n = h + l - 7 * m + 114;
    ((n / 31) as u32, (n % 31 + 1) as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_old_style_pairs() {
        // Trotsky's birth, the October Revolution, Rasputin's death.
        assert_eq!(julian_to_gregorian(1879, 10, 26), Some((1879, 11, 7)));
        assert_eq!(julian_to_gregorian(1917, 10, 25), Some((1917, 11, 7)));
        assert_eq!(julian_to_gregorian(1916, 12, 17), Some((1916, 12, 30)));
        assert_eq!(julian_to_gregorian(1916, 12, 16), Some((1916, 12, 29)));
        assert_eq!(julian_to_gregorian(1918, 1, 31), Some((1918, 2, 13)));
        assert_eq!(julian_to_gregorian(1869, 1, 9), Some((1869, 1, 21)));
        // 10 days before 1 March 1700 (Julian), 11 after.
        assert_eq!(julian_to_gregorian(1700, 2, 18), Some((1700, 2, 28)));
        assert_eq!(julian_to_gregorian(1700, 2, 29), Some((1700, 3, 11)));
        assert_eq!(julian_to_gregorian(1700, 3, 1), Some((1700, 3, 12)));
        // 11 until 1 March 1800, 12 until 1 March 1900, 13 after.
        assert_eq!(julian_to_gregorian(1799, 6, 1), Some((1799, 6, 12)));
        assert_eq!(julian_to_gregorian(1800, 3, 1), Some((1800, 3, 13)));
        assert_eq!(julian_to_gregorian(1900, 3, 1), Some((1900, 3, 14)));
        // Julian 1582-10-05 was Gregorian 1582-10-15.
        assert_eq!(julian_to_gregorian(1582, 10, 5), Some((1582, 10, 15)));
        assert_eq!(julian_to_gregorian(1917, 2, 30), None);
    }

    #[test]
    fn civil_round_trip_and_weekday() {
        for z in (-800_000..800_000).step_by(997) {
            let (y, m, d) = civil_from_days(z);
            assert_eq!(days_from_civil(y, m, d), z);
        }
        assert_eq!(weekday(1940, 8, 20), 2); // a Tuesday
        assert_eq!(iso_week(1998, 12, 31), (1998, 53));
        assert_eq!(add_months(1937, 6, 13), (1938, 7));
    }
}
