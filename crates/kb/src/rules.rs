//! Event-type behaviour and confidence weights, parsed from
//! `resources/kb/event_types.tsv` and `resources/kb/weights.tsv`.

use annalist_model::{EventType, RegionKind, Role};
use std::collections::BTreeMap;
use std::sync::OnceLock;

const EVENT_TYPES: &str = include_str!("../../../resources/kb/event_types.tsv");
const POSSESSIVES: &str = include_str!("../../../resources/kb/possessives.txt");
const ARTICLES: &str = include_str!("../../../resources/kb/articles.txt");
const WEIGHTS: &str = include_str!("../../../resources/kb/weights.tsv");

/// How events of one type merge and read.
#[derive(Clone, Debug, Default)]
pub struct TypeRule {
    /// At most once per subject (birth, death…).
    pub once: bool,
    /// One event per subject when a mention has several.
    pub split: bool,
    /// Roles whose filler tells two happenings apart.
    pub keys: Vec<Role>,
    pub agentive: String,
    pub plain: String,
    /// The subject is a person.
    pub person_subject: bool,
    /// The type this one can be the act of: an attack sharing an
    /// instrument with a killing of the same subject is that killing.
    pub act_of: Option<EventType>,
}

/// Numeric weights for confidence.
#[derive(Clone, Debug)]
pub struct Weights {
    pub region_main: f32,
    pub region_comment: f32,
    pub region_boilerplate: f32,
    pub spam: f32,
    pub quality_default: f32,
    pub mention_default: f32,
    pub gain: f32,
    pub time_inferred: f32,
}

#[derive(Debug)]
pub struct Rules {
    types: BTreeMap<EventType, TypeRule>,
    pub weights: Weights,
    /// Possessive determiners (`possessives.txt`), lower case.
    pub possessives: Vec<String>,
    /// Articles (`articles.txt`), lower case.
    pub articles: Vec<String>,
}

/// The words of a one-word-per-line list (`#` comments).
fn word_list(s: &str) -> Vec<String> {
    s.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_string)
        .collect()
}

impl Rules {
    fn parse() -> Rules {
        let mut types = BTreeMap::new();
        for l in EVENT_TYPES
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        {
            let f: Vec<&str> = l.trim_end_matches('\r').split('\t').collect();
            let Some(t) = f.first().and_then(|t| EventType::parse(t.trim())) else {
                continue;
            };
            let get = |i: usize| f.get(i).map(|s| s.trim()).unwrap_or("");
            let keys = get(3)
                .split(',')
                .filter_map(|r| Role::parse(r.trim()))
                .collect();
            types.insert(
                t,
                TypeRule {
                    once: get(1) == "yes",
                    split: get(2) == "yes",
                    keys,
                    agentive: get(4).to_string(),
                    plain: get(5).to_string(),
                    person_subject: get(6) == "yes",
                    act_of: EventType::parse(get(7)),
                },
            );
        }
        let mut w: BTreeMap<&str, f32> = BTreeMap::new();
        for l in WEIGHTS.lines().filter(|l| !l.starts_with('#')) {
            let mut it = l.split('\t');
            if let (Some(k), Some(v)) = (it.next(), it.next()) {
                if let Ok(v) = v.trim().parse() {
                    w.insert(k.trim(), v);
                }
            }
        }
        let g = |k: &str, d: f32| w.get(k).copied().unwrap_or(d);
        Rules {
            types,
            possessives: word_list(POSSESSIVES),
            articles: word_list(ARTICLES),
            weights: Weights {
                region_main: g("region.main", 1.0),
                region_comment: g("region.comment", 0.6),
                region_boilerplate: g("region.boilerplate", 0.3),
                spam: g("spam", 0.5),
                quality_default: g("quality.default", 0.5),
                mention_default: g("mention.default", 0.6),
                gain: g("gain", 0.75),
                time_inferred: g("time.inferred", 0.5),
            },
        }
    }

    /// The rules, parsed once.
    pub fn get() -> &'static Rules {
        static R: OnceLock<Rules> = OnceLock::new();
        R.get_or_init(Rules::parse)
    }

    pub fn of(&self, t: EventType) -> TypeRule {
        self.types.get(&t).cloned().unwrap_or_else(|| TypeRule {
            split: true,
            agentive: format!("{{agent}} {t} {{subject}}"),
            plain: format!("{t} of {{subject}}"),
            ..Default::default()
        })
    }

    pub fn region(&self, r: RegionKind) -> f32 {
        match r {
            RegionKind::Main => self.weights.region_main,
            RegionKind::Comment => self.weights.region_comment,
            RegionKind::Boilerplate => self.weights.region_boilerplate,
        }
    }
}

/// Fills a description template: `{role}` placeholders from `values`;
/// a `[bracketed part]` disappears when one of its placeholders is empty.
pub fn fill(template: &str, values: &BTreeMap<&str, String>) -> String {
    // With `lenient`, a missing value is left out; otherwise the part fails.
    fn subst(part: &str, values: &BTreeMap<&str, String>, lenient: bool) -> Option<String> {
        let mut out = String::new();
        let mut rest = part;
        while let Some(i) = rest.find('{') {
            out.push_str(&rest[..i]);
            let after = &rest[i + 1..];
            let Some(j) = after.find('}') else {
                out.push_str(&rest[i..]);
                return Some(out);
            };
            match values.get(&after[..j]).filter(|v| !v.is_empty()) {
                Some(v) => out.push_str(v),
                None if lenient => {}
                None => return None,
            }
            rest = &after[j + 1..];
        }
        out.push_str(rest);
        Some(out)
    }
    let mut out = String::new();
    let mut rest = template;
    while let Some(i) = rest.find('[') {
        out.push_str(&subst(&rest[..i], values, true).unwrap_or_default());
        let after = &rest[i + 1..];
        let j = after.find(']').unwrap_or(after.len());
        if let Some(s) = subst(&after[..j], values, false) {
            out.push_str(&s);
        }
        rest = after.get(j + 1..).unwrap_or("");
    }
    out.push_str(&subst(rest, values, true).unwrap_or_default());
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_type_has_a_rule() {
        let r = Rules::get();
        for t in EventType::ALL {
            assert!(!r.of(*t).plain.is_empty(), "{t}");
        }
        assert!(r.of(EventType::Death).once);
        assert_eq!(r.of(EventType::Move).keys, vec![Role::Destination]);
    }

    #[test]
    fn templates() {
        let mut v = BTreeMap::new();
        v.insert("subject", "Leon Trotsky".to_string());
        v.insert("place", "Coyoacán".to_string());
        assert_eq!(
            fill("{subject} died[ in {place}][ with {instrument}]", &v),
            "Leon Trotsky died in Coyoacán"
        );
        v.insert("agent", "Ramón Mercader".to_string());
        v.insert("instrument", "an ice pick".to_string());
        v.remove("place");
        assert_eq!(
            fill(
                "{agent} attacked {subject}[ with {instrument}][ in {place}]",
                &v
            ),
            "Ramón Mercader attacked Leon Trotsky with an ice pick"
        );
        let _ = fill("[unclosed {x", &v);
        assert_eq!(
            fill("{subject} joined {organization}", &v),
            "Leon Trotsky joined"
        );
        assert_eq!(fill("", &v), "");
    }
}
