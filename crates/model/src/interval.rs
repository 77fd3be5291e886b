//! TIMEX3 values as calendar intervals, for ordering timelines and for
//! deciding whether two values are compatible (1940 vs 1940-08-21) or in
//! conflict (1936 vs 1937).

/// A proleptic Gregorian calendar day; year 0 = 1 BC (astronomical numbering).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl Day {
    /// ISO 8601 (`1940-08-21`, `-0043-03-15`).
    pub fn iso(&self) -> String {
        if self.year < 0 {
            format!("-{:04}-{:02}-{:02}", -self.year, self.month, self.day)
        } else {
            format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
        }
    }
}

pub fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// An inclusive interval of days.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Interval {
    pub start: Day,
    pub end: Day,
}

impl Interval {
    pub fn overlaps(&self, o: &Interval) -> bool {
        self.start <= o.end && o.start <= self.end
    }
    pub fn contains(&self, o: &Interval) -> bool {
        self.start <= o.start && o.end <= self.end
    }
    /// Compatible values: one interval contains the other (different precision
    /// of the same fact), e.g. `1940` and `1940-08-21`.
    pub fn compatible(&self, o: &Interval) -> bool {
        self.contains(o) || o.contains(self)
    }
    /// Length in days (for preferring the more specific of two values).
    pub fn days(&self) -> i64 {
        approx_day(self.end) - approx_day(self.start) + 1
    }
    /// Days between two intervals, in the same approximate days as
    /// [`Interval::days`]; 0 when they overlap.
    pub fn gap_days(&self, o: &Interval) -> i64 {
        if self.overlaps(o) {
            0
        } else if self.end < o.start {
            approx_day(o.start) - approx_day(self.end)
        } else {
            approx_day(self.start) - approx_day(o.end)
        }
    }
}

/// A day as a number of 31-day months of 12 per year: monotonic, close
/// enough for comparing lengths and gaps, no calendar arithmetic.
fn approx_day(d: Day) -> i64 {
    d.year as i64 * 372 + d.month as i64 * 31 + d.day as i64
}

fn num(s: &str) -> Option<i32> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// The interval a TIMEX3 DATE/TIME value denotes, or None for durations,
/// sets, `PRESENT_REF` and unresolved values (`XXXX-08-21`).
///
/// Handles `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, `YYYY-MM-DDThh:mm`, decades
/// `YYYX`, centuries `YYXX`, seasons `YYYY-SP|SU|FA|WI`, quarters `YYYY-Q1`,
/// halves `YYYY-H1`, ISO weeks (approximately, as the month range),
/// `BCYYYY…` for years before the common era, and annalist's own `A/B`
/// for a time known to lie from A to B (an age: "at thirteen", born 1869 →
/// `1882/1883`; not TIMEX3, which has no such value).
pub fn interval(value: &str) -> Option<Interval> {
    let value = value.trim();
    if let Some((a, b)) = value.split_once('/') {
        let (a, b) = (interval(a)?, interval(b)?);
        return (a.start <= b.end).then_some(Interval {
            start: a.start,
            end: b.end,
        });
    }
    let (bc, rest) = match value.strip_prefix("BC") {
        Some(r) => (true, r),
        None => (false, value),
    };
    let date = rest.split('T').next()?;
    let mut parts = date.split('-');
    let y = parts.next()?;
    if y.len() != 4 {
        return None;
    }
    // Decades and centuries.
    let (y0, y1) = if let Some(c) = y.strip_suffix("XX") {
        let c = num(c)?;
        (c * 100, c * 100 + 99)
    } else if let Some(d) = y.strip_suffix('X') {
        let d = num(d)?;
        (d * 10, d * 10 + 9)
    } else {
        let n = num(y)?;
        (n, n)
    };
    let (y0, y1) = if bc {
        // 44 BC is astronomical year -43; a BC decade runs backwards.
        let a = 1 - y1;
        let b = 1 - y0;
        (a.min(b), a.max(b))
    } else {
        (y0, y1)
    };
    let whole = |a: i32, b: i32| Interval {
        start: Day {
            year: a,
            month: 1,
            day: 1,
        },
        end: Day {
            year: b,
            month: 12,
            day: 31,
        },
    };
    let Some(m) = parts.next() else {
        return Some(whole(y0, y1));
    };
    if y0 != y1 {
        return Some(whole(y0, y1));
    }
    let months = |a: u8, b: u8| Interval {
        start: Day {
            year: y0,
            month: a,
            day: 1,
        },
        end: Day {
            year: y0,
            month: b,
            day: days_in_month(y0, b),
        },
    };
    let range = match m {
        "SP" => Some((3, 5)),
        "SU" => Some((6, 8)),
        "FA" => Some((9, 11)),
        "WI" => Some((12, 12)),
        "Q1" => Some((1, 3)),
        "Q2" => Some((4, 6)),
        "Q3" => Some((7, 9)),
        "Q4" => Some((10, 12)),
        "H1" => Some((1, 6)),
        "H2" => Some((7, 12)),
        _ => None,
    };
    if let Some((a, b)) = range {
        return Some(months(a, b));
    }
    if let Some(w) = m.strip_prefix('W') {
        let w = num(w)?;
        if !(1..=53).contains(&w) {
            return None;
        }
        let mo = ((w - 1) * 12 / 52 + 1).clamp(1, 12) as u8;
        return Some(months(mo, mo));
    }
    if m.contains('X') {
        return Some(whole(y0, y1));
    }
    let mo = num(m)?;
    if !(1..=12).contains(&mo) {
        return None;
    }
    let mo = mo as u8;
    let Some(d) = parts.next() else {
        return Some(months(mo, mo));
    };
    if d.contains('X') {
        return Some(months(mo, mo));
    }
    let d = num(d)?;
    if d < 1 || d > days_in_month(y0, mo) as i32 {
        return None;
    }
    let day = Day {
        year: y0,
        month: mo,
        day: d as u8,
    };
    Some(Interval {
        start: day,
        end: day,
    })
}

/// True when two values can describe the same fact: one's interval contains
/// the other's. Values without an interval are compatible with anything.
pub fn compatible(a: &str, b: &str) -> bool {
    match (interval(a), interval(b)) {
        (Some(x), Some(y)) => x.compatible(&y),
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso(v: &str) -> Option<(String, String)> {
        interval(v).map(|i| (i.start.iso(), i.end.iso()))
    }

    #[test]
    fn a_time_from_a_to_b() {
        assert_eq!(
            iso("1887/1888"),
            Some(("1887-01-01".into(), "1888-12-31".into()))
        );
        assert_eq!(iso("1888/1887"), None);
        assert_eq!(iso("1887/"), None);
    }

    #[test]
    fn precisions() {
        assert_eq!(
            iso("1940"),
            Some(("1940-01-01".into(), "1940-12-31".into()))
        );
        assert_eq!(
            iso("1940-02"),
            Some(("1940-02-01".into(), "1940-02-29".into()))
        );
        assert_eq!(
            iso("1940-08-21"),
            Some(("1940-08-21".into(), "1940-08-21".into()))
        );
        assert_eq!(
            iso("1940-08-21T11:21"),
            Some(("1940-08-21".into(), "1940-08-21".into()))
        );
        assert_eq!(
            iso("192X"),
            Some(("1920-01-01".into(), "1929-12-31".into()))
        );
        assert_eq!(
            iso("19XX"),
            Some(("1900-01-01".into(), "1999-12-31".into()))
        );
        assert_eq!(
            iso("BC0044-03-15"),
            Some(("-0043-03-15".into(), "-0043-03-15".into()))
        );
        assert_eq!(
            iso("1917-SU"),
            Some(("1917-06-01".into(), "1917-08-31".into()))
        );
    }

    #[test]
    fn not_intervals() {
        for v in [
            "P20Y",
            "PRESENT_REF",
            "XXXX-08-21",
            "1940-02-30",
            "1940-13",
            "",
            "abc",
        ] {
            assert_eq!(interval(v), None, "{v}");
        }
    }

    #[test]
    fn compatibility() {
        assert!(compatible("1940", "1940-08-21"));
        assert!(compatible("194X", "1940-08"));
        assert!(!compatible("1936", "1937-01"));
        assert!(!compatible("1940-08-20", "1940-08-21"));
    }
}
