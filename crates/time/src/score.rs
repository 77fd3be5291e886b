//! A TempEval-3 compatible scorer for TIMEX3: strict and relaxed extent
//! P/R/F1, and type and value attribute F1 as TempEval-3 defines them
//! (attribute P = correct attributes over relaxed-matched pairs / system
//! timexes, R = the same / gold timexes).

use annalist_model::Timex;

/// Counts over one or many documents.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Counts {
    pub gold: usize,
    pub system: usize,
    pub strict: usize,
    /// System timexes overlapping a gold one (relaxed precision numerator).
    pub relaxed_sys: usize,
    /// Gold timexes overlapped by a system one (relaxed recall numerator).
    pub relaxed_gold: usize,
    /// Relaxed-matched pairs with the same type / value.
    pub type_ok: usize,
    pub value_ok: usize,
}

/// P, R, F1 as percentages.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Prf {
    pub p: f64,
    pub r: f64,
    pub f1: f64,
}

fn prf(num_p: usize, den_p: usize, num_r: usize, den_r: usize) -> Prf {
    let p = if den_p == 0 {
        0.0
    } else {
        num_p as f64 / den_p as f64
    };
    let r = if den_r == 0 {
        0.0
    } else {
        num_r as f64 / den_r as f64
    };
    let f1 = if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    };
    Prf {
        p: p * 100.0,
        r: r * 100.0,
        f1: f1 * 100.0,
    }
}

impl Counts {
    pub fn add(&mut self, o: &Counts) {
        self.gold += o.gold;
        self.system += o.system;
        self.strict += o.strict;
        self.relaxed_sys += o.relaxed_sys;
        self.relaxed_gold += o.relaxed_gold;
        self.type_ok += o.type_ok;
        self.value_ok += o.value_ok;
    }
    pub fn strict(&self) -> Prf {
        prf(self.strict, self.system, self.strict, self.gold)
    }
    pub fn relaxed(&self) -> Prf {
        prf(self.relaxed_sys, self.system, self.relaxed_gold, self.gold)
    }
    pub fn type_f1(&self) -> Prf {
        prf(self.type_ok, self.system, self.type_ok, self.gold)
    }
    pub fn value_f1(&self) -> Prf {
        prf(self.value_ok, self.system, self.value_ok, self.gold)
    }
}

/// Value equality for scoring: exact, except that a decade or century may
/// be written with or without its X padding (`196X` = `196`, `19XX` = `19`,
/// `BC03XX` = `BC03`,
/// the TIMEX2 spelling of WikiWars).
pub fn same_value(a: &str, b: &str) -> bool {
    fn canon(v: &str) -> &str {
        let t = v.trim();
        let stripped = t.trim_end_matches('X');
        let digits = stripped.strip_prefix("BC").unwrap_or(stripped);
        if stripped.len() < t.len()
            && !digits.is_empty()
            && digits.bytes().all(|c| c.is_ascii_digit())
        {
            stripped
        } else {
            t
        }
    }
    canon(a) == canon(b)
}

/// Scores one document's system timexes against its gold ones (spans in
/// the same text). Pairs are made one-to-one, the largest overlap first.
pub fn score_doc(gold: &[Timex], system: &[Timex]) -> Counts {
    let mut c = Counts {
        gold: gold.len(),
        system: system.len(),
        ..Default::default()
    };
    c.strict = system
        .iter()
        .filter(|s| gold.iter().any(|g| g.span == s.span))
        .count();
    c.relaxed_sys = system
        .iter()
        .filter(|s| gold.iter().any(|g| g.span.overlaps(s.span)))
        .count();
    c.relaxed_gold = gold
        .iter()
        .filter(|g| system.iter().any(|s| g.span.overlaps(s.span)))
        .count();
    // One-to-one pairs for the attributes.
    let mut pairs: Vec<(usize, usize, usize)> = Vec::new();
    for (gi, g) in gold.iter().enumerate() {
        for (si, s) in system.iter().enumerate() {
            if g.span.overlaps(s.span) {
                let ov = g.span.end.min(s.span.end) - g.span.start.max(s.span.start);
                pairs.push((ov, gi, si));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut gu = vec![false; gold.len()];
    let mut su = vec![false; system.len()];
    for (_, gi, si) in pairs {
        if gu[gi] || su[si] {
            continue;
        }
        gu[gi] = true;
        su[si] = true;
        if gold[gi].ttype == system[si].ttype {
            c.type_ok += 1;
        }
        if same_value(&gold[gi].value, &system[si].value) {
            c.value_ok += 1;
        }
    }
    c
}

/// A one-line report.
pub fn report(name: &str, c: &Counts) -> String {
    let (s, r, t, v) = (c.strict(), c.relaxed(), c.type_f1(), c.value_f1());
    format!(
        "{name}: gold {} system {} | strict P {:.1} R {:.1} F1 {:.1} | relaxed P {:.1} R {:.1} F1 {:.1} | type F1 {:.1} | value F1 {:.1}",
        c.gold, c.system, s.p, s.r, s.f1, r.p, r.r, r.f1, t.f1, v.f1
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use annalist_model::{Span, TimexType};

    fn tx(a: usize, b: usize, v: &str) -> Timex {
        Timex {
            span: Span::new(a, b),
            value: v.into(),
            ttype: TimexType::Date,
            ..Default::default()
        }
    }

    #[test]
    fn counts() {
        let gold = [tx(0, 10, "1940"), tx(20, 30, "196X")];
        let sys = [tx(0, 10, "1940"), tx(22, 30, "196"), tx(40, 44, "1")];
        let c = score_doc(&gold, &sys);
        assert_eq!(c.strict, 1);
        assert_eq!(c.relaxed_sys, 2);
        assert_eq!(c.relaxed_gold, 2);
        assert_eq!(c.value_ok, 2);
        assert!((c.relaxed().r - 100.0).abs() < 1e-9);
    }
}
