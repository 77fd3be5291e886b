//! The metrics (see `docs/evaluation.md` for their definitions).

use crate::gold::{values, Gold, GoldEntity};
use annalist_model::interval::interval;
use annalist_model::{Entity, KbSource, KnowledgeBase, RegionKind, Span};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// A numerator over a denominator; ratios are computed at the end so that
/// counts add up across topics (micro-averaging).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Ratio {
    pub hit: f64,
    pub total: f64,
}

impl Ratio {
    fn add(&mut self, hit: f64, total: f64) {
        self.hit += hit;
        self.total += total;
    }
    fn merge(&mut self, o: &Ratio) {
        self.add(o.hit, o.total);
    }
    /// hit / total, or None when nothing was counted.
    pub fn value(&self) -> Option<f64> {
        (self.total > 0.0).then(|| self.hit / self.total)
    }
}

fn f1(p: Option<f64>, r: Option<f64>) -> Option<f64> {
    match (p, r) {
        (Some(p), Some(r)) if p + r > 0.0 => Some(2.0 * p * r / (p + r)),
        (Some(_), Some(_)) => Some(0.0),
        _ => None,
    }
}

/// Raw counts of one or more topics.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Counts {
    pub region_main: Ratio,
    pub region_comment: Ratio,
    pub region_boilerplate: Ratio,
    pub regions_unlocated: usize,
    pub spam: Ratio,
    pub kind: Ratio,
    /// Timex precision/recall numerators and denominators.
    pub timex_strict_p: Ratio,
    pub timex_strict_r: Ratio,
    pub timex_relaxed_p: Ratio,
    pub timex_relaxed_r: Ratio,
    pub timex_value_p: Ratio,
    pub timex_value_r: Ratio,
    pub timex_type: Ratio,
    pub entity_found: Ratio,
    pub alias_recall: Ratio,
    pub one_cluster: Ratio,
    pub purity: Ratio,
    pub misspellings: Ratio,
    pub event_p: Ratio,
    pub event_r: Ratio,
    pub conflict_r: Ratio,
    /// Why gold events were missed and system events were not in the gold,
    /// counted per cause (`--breakdown`): aggregate figures that tell which
    /// stage to work on without reading a held-out set's misses.
    pub event_causes: BTreeMap<String, usize>,
    /// Gold items that could not be matched, for debugging (`--verbose`).
    #[serde(skip)]
    pub misses: Vec<String>,
}

impl Counts {
    pub fn merge(&mut self, o: &Counts) {
        for (a, b) in self.ratios_mut().into_iter().zip(o.ratios()) {
            a.merge(&b);
        }
        self.regions_unlocated += o.regions_unlocated;
        for (k, v) in &o.event_causes {
            *self.event_causes.entry(k.clone()).or_default() += v;
        }
        self.misses.extend(o.misses.iter().cloned());
    }
    fn ratios(&self) -> Vec<Ratio> {
        vec![
            self.region_main,
            self.region_comment,
            self.region_boilerplate,
            self.spam,
            self.kind,
            self.timex_strict_p,
            self.timex_strict_r,
            self.timex_relaxed_p,
            self.timex_relaxed_r,
            self.timex_value_p,
            self.timex_value_r,
            self.timex_type,
            self.entity_found,
            self.alias_recall,
            self.one_cluster,
            self.purity,
            self.misspellings,
            self.event_p,
            self.event_r,
            self.conflict_r,
        ]
    }
    fn ratios_mut(&mut self) -> Vec<&mut Ratio> {
        vec![
            &mut self.region_main,
            &mut self.region_comment,
            &mut self.region_boilerplate,
            &mut self.spam,
            &mut self.kind,
            &mut self.timex_strict_p,
            &mut self.timex_strict_r,
            &mut self.timex_relaxed_p,
            &mut self.timex_relaxed_r,
            &mut self.timex_value_p,
            &mut self.timex_value_r,
            &mut self.timex_type,
            &mut self.entity_found,
            &mut self.alias_recall,
            &mut self.one_cluster,
            &mut self.purity,
            &mut self.misspellings,
            &mut self.event_p,
            &mut self.event_r,
            &mut self.conflict_r,
        ]
    }

    /// The headline figures.
    pub fn report(&self) -> Report {
        Report {
            region_main: self.region_main.value(),
            region_comment: self.region_comment.value(),
            region_boilerplate: self.region_boilerplate.value(),
            spam_accuracy: self.spam.value(),
            kind_accuracy: self.kind.value(),
            timex_strict_f1: f1(self.timex_strict_p.value(), self.timex_strict_r.value()),
            timex_relaxed_f1: f1(self.timex_relaxed_p.value(), self.timex_relaxed_r.value()),
            timex_value_f1: f1(self.timex_value_p.value(), self.timex_value_r.value()),
            timex_type_accuracy: self.timex_type.value(),
            entity_found: self.entity_found.value(),
            alias_recall: self.alias_recall.value(),
            one_cluster: self.one_cluster.value(),
            purity: self.purity.value(),
            misspellings_merged: self.misspellings.value(),
            event_precision: self.event_p.value(),
            event_recall: self.event_r.value(),
            conflict_recall: self.conflict_r.value(),
        }
    }
}

/// The headline figures, each in 0..1 (None when the gold has nothing to count).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Report {
    pub region_main: Option<f64>,
    pub region_comment: Option<f64>,
    pub region_boilerplate: Option<f64>,
    pub spam_accuracy: Option<f64>,
    pub kind_accuracy: Option<f64>,
    pub timex_strict_f1: Option<f64>,
    pub timex_relaxed_f1: Option<f64>,
    pub timex_value_f1: Option<f64>,
    pub timex_type_accuracy: Option<f64>,
    pub entity_found: Option<f64>,
    pub alias_recall: Option<f64>,
    pub one_cluster: Option<f64>,
    pub purity: Option<f64>,
    pub misspellings_merged: Option<f64>,
    pub event_precision: Option<f64>,
    pub event_recall: Option<f64>,
    pub conflict_recall: Option<f64>,
}

impl Report {
    /// `(name, value)` rows in display order.
    pub fn rows(&self) -> Vec<(&'static str, Option<f64>)> {
        vec![
            ("region byte accuracy: main", self.region_main),
            ("region byte accuracy: comment", self.region_comment),
            ("region byte accuracy: boilerplate", self.region_boilerplate),
            ("spam flag accuracy", self.spam_accuracy),
            ("source kind accuracy", self.kind_accuracy),
            ("timex strict span F1", self.timex_strict_f1),
            ("timex relaxed span F1", self.timex_relaxed_f1),
            ("timex value F1", self.timex_value_f1),
            ("timex type accuracy", self.timex_type_accuracy),
            ("entity found", self.entity_found),
            ("alias recall", self.alias_recall),
            ("one cluster", self.one_cluster),
            ("purity", self.purity),
            ("misspellings merged", self.misspellings_merged),
            ("event precision", self.event_precision),
            ("event recall", self.event_recall),
            ("conflict recall", self.conflict_recall),
        ]
    }
}

/// Lower case, accents and punctuation folded, spaces collapsed.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let c = match c {
            'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' | 'Á' | 'À' | 'Â' | 'Ä' => 'a',
            'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' => 'e',
            'í' | 'ì' | 'î' | 'ï' | 'Í' => 'i',
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'Ó' | 'Ö' => 'o',
            'ú' | 'ù' | 'û' | 'ü' | 'Ú' | 'Ü' => 'u',
            'ñ' | 'Ñ' => 'n',
            'ç' | 'Ç' => 'c',
            '’' | '\'' => '\'',
            c if c.is_alphanumeric() => c,
            _ => ' ',
        };
        for l in c.to_lowercase() {
            out.push(l);
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The key two names are compared by: [`fold`]ed, without a leading
/// definite article. Annotators write "the Netherlands", "the SS"; a name
/// recogniser, by the CoNLL convention, finds "Netherlands", "SS" — the
/// same name.
pub fn name_key(s: &str) -> String {
    let f = fold(s);
    match f.strip_prefix("the ") {
        Some(rest) if !rest.is_empty() => rest.to_string(),
        _ => f,
    }
}

fn find_all(hay: &str, needle: &str) -> Vec<usize> {
    if needle.is_empty() {
        return Vec::new();
    }
    hay.match_indices(needle).map(|(i, _)| i).collect()
}

/// Locates gold regions (quoted by their first and last words) in `text`,
/// in document order.
pub fn locate_regions(
    text: &str,
    regions: &[crate::gold::GoldRegion],
) -> Vec<Option<(RegionKind, Span)>> {
    let mut cursor = 0;
    regions
        .iter()
        .map(|r| {
            let kind = match r.kind.as_str() {
                "main" => RegionKind::Main,
                "comment" => RegionKind::Comment,
                _ => RegionKind::Boilerplate,
            };
            let s = cursor + text.get(cursor..)?.find(&r.starts_with)?;
            let min_end = s + r.starts_with.len();
            let e = find_all(&text[s..], &r.ends_with)
                .into_iter()
                .map(|i| s + i + r.ends_with.len())
                .find(|&e| e >= min_end)?;
            cursor = e;
            Some((kind, Span::new(s, e)))
        })
        .collect()
}

/// Two folded passages are one: a gold quote is an excerpt of annalist's
/// evidence sentence, or the other way round.
fn same_passage(gold: &str, sys: &str) -> bool {
    !gold.is_empty() && !sys.is_empty() && (sys.contains(gold) || gold.contains(sys))
}

/// Why a gold event found no system event: the first stage that failed.
fn miss_cause(
    gold: &Gold,
    ge: &crate::gold::GoldEvent,
    kb: &KnowledgeBase,
    sys_names: &[BTreeSet<String>],
    names_of: &dyn Fn(&serde_json::Value) -> BTreeSet<String>,
    sys_subject_names: &dyn Fn(&annalist_model::Event) -> BTreeSet<String>,
) -> &'static str {
    let subject_ids = values(&ge.subject);
    let group = subject_ids.iter().any(|id| {
        gold.entity(id)
            .is_some_and(|g| matches!(g.etype.as_str(), "group" | "event_name"))
    });
    // Did the system read one of the gold's own sentences as an event of
    // the type (of any subject)?
    let gold_ev: Vec<String> = ge.evidence.iter().map(|e| fold(e)).collect();
    let told = |t: &str| {
        let t = fold(t);
        gold_ev.iter().any(|g| same_passage(g, &t))
    };
    let read_as_type = kb
        .events
        .iter()
        .any(|se| se.etype.as_str() == ge.etype && se.evidence.iter().any(|ev| told(&ev.text)));
    let names = names_of(&ge.subject);
    let events: Vec<_> = kb
        .events
        .iter()
        .filter(|se| !names.is_disjoint(&sys_subject_names(se)))
        .collect();
    if !sys_names.iter().any(|s| !s.is_disjoint(&names)) && events.is_empty() {
        if group {
            "missed: subject a group, not found"
        } else {
            "missed: subject not found"
        }
    } else if !events.iter().any(|se| se.etype.as_str() == ge.etype) {
        if read_as_type {
            "missed: sentence read as the type, another subject"
        } else if events.is_empty() {
            "missed: subject found, no event of it"
        } else {
            "missed: subject has events of other types"
        }
    } else {
        let same: Vec<_> = events
            .iter()
            .filter(|se| se.etype.as_str() == ge.etype)
            .flat_map(|se| se.evidence.iter())
            .filter(|ev| told(&ev.text))
            .collect();
        let fits = |t: &Option<String>| match (&ge.time, t) {
            (Some(g), Some(t)) => match (interval(g), interval(t)) {
                (Some(a), Some(b)) => a.compatible(&b),
                _ => true,
            },
            _ => true,
        };
        if same.is_empty() {
            "missed: time, another instance found"
        } else if same.iter().any(|ev| ev.time.is_some() && fits(&ev.time)) {
            "missed: time, evidence read right but merged away"
        } else if same.iter().all(|ev| ev.time.is_none()) {
            "missed: time, evidence read undated, merged"
        } else {
            "missed: time, evidence read with a wrong time"
        }
    }
}

fn label_at(src: &KbSource, off: usize) -> RegionKind {
    let rs = &src.regions;
    let i = rs.partition_point(|r| r.span.end <= off);
    match rs.get(i) {
        Some(r) if r.span.contains_offset(off) => r.kind,
        _ => RegionKind::Boilerplate,
    }
}

fn same_value(a: &str, b: &str) -> bool {
    a.trim_end_matches('X') == b.trim_end_matches('X')
}

/// Entity name sets, folded.
/// Whether the misspelling `m` shares a system entity with a correct name:
/// one the texts use (`correct`), or the gold name itself (`canonical`),
/// which a system can only have by correcting the misspelling when no text
/// spells the name right ("Coyoacn" for Coyoacán).
fn misspelling_merged(
    sys_names: &[BTreeSet<String>],
    m: &str,
    correct: &BTreeSet<String>,
    canonical: &str,
) -> bool {
    sys_names.iter().any(|s| {
        s.contains(m)
            && s.iter()
                .any(|n| n != m && (correct.contains(n) || n == canonical))
    })
}

fn entity_names(e: &Entity) -> BTreeSet<String> {
    let mut s: BTreeSet<String> = e.aliases.iter().map(|a| name_key(a)).collect();
    s.insert(name_key(&e.name));
    s.remove("");
    s
}

fn gold_names(g: &GoldEntity) -> BTreeSet<String> {
    g.all_names()
        .map(|n| name_key(n))
        .filter(|n| !n.is_empty())
        .collect()
}

/// Scores `kb` (built from the topic's documents) against `gold`.
/// `texts` maps each gold document's file name to its original bytes.
pub fn score(gold: &Gold, kb: &KnowledgeBase, texts: &BTreeMap<String, Vec<u8>>) -> Counts {
    let mut c = Counts::default();
    let by_file: BTreeMap<&str, &KbSource> = kb
        .sources
        .iter()
        .map(|s| {
            let f = s.meta.file.rsplit('/').next().unwrap_or(&s.meta.file);
            (f, s)
        })
        .collect();
    let mut topic_text = String::new();

    for gd in &gold.documents {
        let Some(bytes) = texts.get(&gd.file) else {
            c.misses
                .push(format!("{}: document missing from corpus", gd.file));
            continue;
        };
        let text = String::from_utf8_lossy(bytes);
        topic_text.push_str(&fold(&text));
        topic_text.push('\n');
        let Some(src) = by_file.get(gd.file.as_str()) else {
            c.misses
                .push(format!("{}: no source in the knowledge base", gd.file));
            c.spam.add(0.0, 1.0);
            c.kind.add(0.0, 1.0);
            continue;
        };
        c.spam.add((src.meta.spam == gd.spam) as u8 as f64, 1.0);
        c.kind
            .add((src.meta.kind.as_str() == gd.kind) as u8 as f64, 1.0);

        // Regions.
        let located = locate_regions(&text, &gd.regions);
        let mut gold_spans = Vec::new();
        for (r, loc) in gd.regions.iter().zip(&located) {
            let Some((kind, span)) = loc else {
                c.regions_unlocated += 1;
                c.misses.push(format!(
                    "{}: region not located: {:?}",
                    gd.file, r.starts_with
                ));
                continue;
            };
            gold_spans.push((*kind, *span));
            let (mut hit, mut total) = (0.0, 0.0);
            for (i, b) in text.as_bytes()[span.start..span.end].iter().enumerate() {
                if b.is_ascii_whitespace() {
                    continue;
                }
                total += 1.0;
                if label_at(src, span.start + i) == *kind {
                    hit += 1.0;
                }
            }
            match kind {
                RegionKind::Main => c.region_main.add(hit, total),
                RegionKind::Comment => c.region_comment.add(hit, total),
                RegionKind::Boilerplate => c.region_boilerplate.add(hit, total),
            }
        }

        // Timexes: system ones inside gold boilerplate are not counted
        // (the gold annotates main text and comments only).
        let in_gold_boiler = |s: Span| {
            gold_spans
                .iter()
                .any(|(k, g)| *k == RegionKind::Boilerplate && g.contains(s))
        };
        let sys: Vec<_> = src
            .timexes
            .iter()
            .filter(|t| !in_gold_boiler(t.span))
            .collect();
        let mut used = vec![false; sys.len()];
        let (mut strict, mut relaxed, mut value_ok, mut type_ok) = (0.0, 0.0, 0.0, 0.0);
        for gt in &gd.timexes {
            let occ: Vec<Span> = find_all(&text, &gt.text)
                .into_iter()
                .map(|i| Span::new(i, i + gt.text.len()))
                .collect();
            let exact = (0..sys.len()).find(|&j| !used[j] && occ.contains(&sys[j].span));
            let overlap = exact.or_else(|| {
                (0..sys.len()).find(|&j| !used[j] && occ.iter().any(|o| o.overlaps(sys[j].span)))
            });
            match overlap {
                Some(j) => {
                    used[j] = true;
                    relaxed += 1.0;
                    if exact.is_some() {
                        strict += 1.0;
                    }
                    if same_value(&sys[j].value, &gt.value) {
                        value_ok += 1.0;
                    } else {
                        c.misses.push(format!(
                            "{}: timex {:?} value {} (gold {})",
                            gd.file, gt.text, sys[j].value, gt.value
                        ));
                    }
                    if sys[j].ttype.as_str() == gt.ttype {
                        type_ok += 1.0;
                    }
                }
                None => c.misses.push(format!(
                    "{}: timex {:?} ({}) not found",
                    gd.file, gt.text, gt.value
                )),
            }
        }
        let (ng, ns) = (gd.timexes.len() as f64, sys.len() as f64);
        c.timex_strict_p.add(strict, ns);
        c.timex_strict_r.add(strict, ng);
        c.timex_relaxed_p.add(relaxed, ns);
        c.timex_relaxed_r.add(relaxed, ng);
        c.timex_value_p.add(value_ok, ns);
        c.timex_value_r.add(value_ok, ng);
        c.timex_type.add(type_ok, relaxed);
    }

    // Entities.
    let sys_names: Vec<BTreeSet<String>> = kb.entities.iter().map(entity_names).collect();
    let present = |n: &str| !n.is_empty() && topic_text.contains(n);
    for g in &gold.entities {
        let names = gold_names(g);
        let found = sys_names.iter().any(|s| !s.is_disjoint(&names));
        c.entity_found.add(found as u8 as f64, 1.0);
        if !found {
            c.misses.push(format!("entity {} not found", g.name));
        }
        let correct: BTreeSet<String> = g
            .correct_names()
            .map(|n| name_key(n))
            .filter(|n| present(n))
            .collect();
        if correct.len() >= 2 {
            let best = sys_names
                .iter()
                .map(|s| s.intersection(&correct).count())
                .max()
                .unwrap_or(0);
            c.alias_recall.add(best as f64, correct.len() as f64);
            c.one_cluster.add((best == correct.len()) as u8 as f64, 1.0);
            if best < correct.len() {
                c.misses.push(format!(
                    "entity {}: {best} of {} names in one cluster",
                    g.name,
                    correct.len()
                ));
            }
        }
        for m in g
            .misspellings
            .iter()
            .map(|m| name_key(m))
            .filter(|m| present(m))
        {
            let merged = misspelling_merged(&sys_names, &m, &correct, &name_key(&g.name));
            c.misspellings.add(merged as u8 as f64, 1.0);
            if !merged {
                c.misses
                    .push(format!("misspelling {m} of {} not merged", g.name));
            }
        }
    }
    let gold_sets: Vec<BTreeSet<String>> = gold.entities.iter().map(gold_names).collect();
    for (e, s) in kb.entities.iter().zip(&sys_names) {
        let hit: Vec<&String> = s
            .iter()
            .filter(|n| gold_sets.iter().any(|g| g.contains(*n)))
            .collect();
        if hit.is_empty() {
            continue;
        }
        let pure = gold_sets.iter().any(|g| hit.iter().all(|n| g.contains(*n)));
        c.purity.add(pure as u8 as f64, 1.0);
        if !pure {
            c.misses
                .push(format!("entity {} mixes gold entities: {hit:?}", e.name));
        }
    }

    // Events.
    let names_of = |v: &serde_json::Value| -> BTreeSet<String> {
        values(v)
            .iter()
            .flat_map(|id| match gold.entity(id) {
                Some(g) => gold_names(g).into_iter().collect::<Vec<_>>(),
                None => vec![name_key(id)],
            })
            .collect()
    };
    // A marriage is one fact about both spouses: the gold may file it under
    // either (or split it per spouse), so both count as its subject.
    let sys_subject_names = |e: &annalist_model::Event| -> BTreeSet<String> {
        let spouses = if e.etype == annalist_model::EventType::Marriage {
            &e.roles.agent[..]
        } else {
            &[]
        };
        e.roles
            .subject
            .iter()
            .chain(spouses)
            .filter_map(|id| kb.entity(id))
            .flat_map(entity_names)
            .chain(
                e.role_text
                    .get("subject")
                    .into_iter()
                    .flatten()
                    .map(|t| name_key(t)),
            )
            .collect()
    };
    let time_ok = |g: &Option<String>, s: &Option<annalist_model::KbTime>| match (g, s) {
        (Some(g), Some(s)) => match (interval(g), interval(&s.value)) {
            (Some(a), Some(b)) => a.compatible(&b),
            _ => true,
        },
        _ => true,
    };
    let matches = |ge: &crate::gold::GoldEvent, se: &annalist_model::Event| {
        ge.etype == se.etype.as_str()
            && !names_of(&ge.subject).is_disjoint(&sys_subject_names(se))
            && time_ok(&ge.time, &se.time)
    };
    let spurious_cause = |se: &annalist_model::Event| {
        let subj = sys_subject_names(se);
        let of_subject: Vec<_> = gold
            .events
            .iter()
            .filter(|ge| !names_of(&ge.subject).is_disjoint(&subj))
            .collect();
        if !gold_sets.iter().any(|g| !g.is_disjoint(&subj)) {
            "spurious: subject not a gold entity"
        } else if of_subject.is_empty() {
            "spurious: gold has no event of the subject"
        } else if !of_subject.iter().any(|ge| ge.etype == se.etype.as_str()) {
            // (a sentence the gold reads as another type of event, or
            // one it does not read as an event)
            let read = se.evidence.iter().any(|ev| {
                let t = fold(&ev.text);
                of_subject
                    .iter()
                    .flat_map(|ge| &ge.evidence)
                    .any(|g| same_passage(&fold(g), &t))
            });
            if read {
                "spurious: a gold sentence of the subject, other type"
            } else {
                "spurious: gold has other types for the subject"
            }
        } else if se.time.as_ref().is_some_and(|t| t.inferred) {
            "spurious: time incompatible (inferred)"
        } else {
            "spurious: time incompatible (in the text)"
        }
    };
    for ge in &gold.events {
        let hit = kb.events.iter().any(|se| matches(ge, se));
        c.event_r.add(hit as u8 as f64, 1.0);
        if !hit {
            let why = miss_cause(gold, ge, kb, &sys_names, &names_of, &sys_subject_names);
            *c.event_causes.entry(why.to_string()).or_default() += 1;
            if why.contains("event") || why.contains("another") || why.contains("read as the type")
            {
                // (a trigger or role miss: is the subject named where the
                // gold reads the event, or only referred to?)
                let names = names_of(&ge.subject);
                let named = ge.evidence.iter().any(|ev| {
                    let ev = format!(" {} ", fold(ev));
                    names
                        .iter()
                        .any(|n| !n.is_empty() && ev.contains(&format!(" {n} ")))
                });
                let k = if named {
                    "of trigger and role misses: subject named in a gold sentence"
                } else {
                    "of trigger and role misses: subject only referred to"
                };
                *c.event_causes.entry(k.to_string()).or_default() += 1;
            }
            // (the times of the subject's events of that type, when any)
            let names = names_of(&ge.subject);
            let times: Vec<&str> = kb
                .events
                .iter()
                .filter(|se| {
                    se.etype.as_str() == ge.etype && !names.is_disjoint(&sys_subject_names(se))
                })
                .map(|se| se.time.as_ref().map_or("-", |t| t.value.as_str()))
                .collect();
            let had = if times.is_empty() {
                String::new()
            } else {
                format!("; found at {}", times.join(", "))
            };
            c.misses.push(format!(
                "event {} of {} ({}) not found{had} [{}]",
                ge.etype,
                values(&ge.subject).join(","),
                ge.time.as_deref().unwrap_or("-"),
                why.trim_start_matches("missed: ")
            ));
        }
    }
    for se in &kb.events {
        let hit = gold.events.iter().any(|ge| matches(ge, se));
        c.event_p.add(hit as u8 as f64, 1.0);
        if !hit {
            let why = spurious_cause(se);
            *c.event_causes.entry(why.to_string()).or_default() += 1;
            c.misses.push(format!(
                "event {} not in gold: {} ({}) [{}]",
                se.etype,
                se.description,
                se.time.as_ref().map(|t| t.value.as_str()).unwrap_or("-"),
                why.trim_start_matches("spurious: ")
            ));
        }
    }

    // Conflicts (those about an event).
    for gc in gold.conflicts.iter().filter(|g| g.event_type.is_some()) {
        let subject = names_of(&gc.subject);
        let hit = kb.conflicts.iter().any(|sc| {
            let Some(ev) = kb.event(&sc.event) else {
                return false;
            };
            Some(ev.etype.as_str()) == gc.event_type.as_deref()
                && (subject.is_empty() || !subject.is_disjoint(&sys_subject_names(ev)))
                && gc.claims.iter().any(|cl| {
                    sc.values
                        .iter()
                        .any(|v| match (interval(&cl.value), interval(&v.value)) {
                            (Some(a), Some(b)) => a.compatible(&b),
                            _ => {
                                let (x, y) = (fold(&cl.value), fold(&v.value));
                                !x.is_empty() && !y.is_empty() && (x.contains(&y) || y.contains(&x))
                            }
                        })
                })
        });
        c.conflict_r.add(hit as u8 as f64, 1.0);
        if !hit {
            // (why: the first stage that failed, as for events)
            let events: Vec<_> = kb
                .events
                .iter()
                .filter(|e| {
                    Some(e.etype.as_str()) == gc.event_type.as_deref()
                        && (subject.is_empty() || !subject.is_disjoint(&sys_subject_names(e)))
                })
                .collect();
            let times: Vec<&str> = events
                .iter()
                .flat_map(|e| {
                    e.time
                        .iter()
                        .map(|t| t.value.as_str())
                        .chain(e.evidence.iter().filter_map(|v| v.time.as_deref()))
                })
                .collect();
            let read = |value: &str| {
                interval(value).is_some_and(|a| {
                    times
                        .iter()
                        .any(|t| interval(t).is_some_and(|b| a.compatible(&b)))
                })
            };
            let about_time = gc.claims.iter().all(|cl| interval(&cl.value).is_some());
            let why = if events.is_empty() {
                "conflict missed: no event of the type and subject"
            } else if !about_time {
                "conflict missed: about a place or a participant"
            } else {
                let n = gc.claims.iter().filter(|cl| read(&cl.value)).count();
                if n == 0 {
                    "conflict missed: no claimed time read"
                } else if n < gc.claims.len() {
                    "conflict missed: some claimed times read"
                } else {
                    "conflict missed: every claimed time read, no conflict"
                }
            };
            *c.event_causes.entry(why.to_string()).or_default() += 1;
            c.misses.push(format!(
                "conflict not found: {} [{}]",
                gc.about,
                why.trim_start_matches("conflict missed: ")
            ));
        }
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gold::GoldRegion;

    #[test]
    fn folding() {
        assert_eq!(fold("Ramón  Mercader"), "ramon mercader");
        assert_eq!(fold("Trotsky’s"), "trotsky's");
        assert_eq!(name_key("the Netherlands"), name_key("Netherlands"));
        assert_eq!(name_key("The"), "the");
    }

    #[test]
    fn regions_are_located_in_order() {
        let text =
            "Title\n\nBody text here.\n\nLiked by 1 person\n\nA comment.\n\nLiked by 1 person\n";
        let r = |k: &str, s: &str, e: &str| GoldRegion {
            kind: k.into(),
            starts_with: s.into(),
            ends_with: e.into(),
        };
        let loc = locate_regions(
            text,
            &[
                r("main", "Title", "here."),
                r("boilerplate", "Liked by 1 person", "Liked by 1 person"),
                r("comment", "A comment", "comment."),
                r("boilerplate", "Liked by 1 person", "Liked by 1 person"),
            ],
        );
        let spans: Vec<&str> = loc
            .iter()
            .map(|l| l.map(|(_, s)| s.slice(text)).unwrap_or("?"))
            .collect();
        assert_eq!(
            spans,
            [
                "Title\n\nBody text here.",
                "Liked by 1 person",
                "A comment.",
                "Liked by 1 person"
            ]
        );
        assert!(loc[3].unwrap().1.start > loc[1].unwrap().1.start);
    }

    #[test]
    fn a_misspelling_is_merged_with_a_correct_name_or_the_gold_name() {
        let set = |v: &[&str]| {
            v.iter()
                .map(|s| s.to_string())
                .collect::<BTreeSet<String>>()
        };
        let correct = set(&["khabarovsk"]);
        // with a correct spelling from the texts
        assert!(misspelling_merged(
            &[set(&["khabarovks", "khabarovsk"])],
            "khabarovks",
            &correct,
            "khabarovsk"
        ));
        // alone, or beside another entity's name: not merged
        assert!(!misspelling_merged(
            &[set(&["khabarovks"]), set(&["khabarovsk"])],
            "khabarovks",
            &correct,
            "khabarovsk"
        ));
        // no text spells it right: the gold name, restored, counts
        assert!(misspelling_merged(
            &[set(&["coyoacn", "coyoacan"])],
            "coyoacn",
            &BTreeSet::new(),
            "coyoacan"
        ));
        assert!(!misspelling_merged(
            &[set(&["coyoacn", "mexico"])],
            "coyoacn",
            &BTreeSet::new(),
            "coyoacan"
        ));
    }

    #[test]
    fn a_marriage_counts_for_either_spouse() {
        let gold: Gold = serde_json::from_value(serde_json::json!({
            "topic": "t",
            "documents": [],
            "entities": [
                {"id": "jack", "type": "person", "name": "Jack Kennedy"},
                {"id": "jackie", "type": "person", "name": "Jacqueline Bouvier"}
            ],
            "events": [
                {"type": "marriage", "subject": "jack", "agent": "jackie", "time": "1953"},
                {"type": "marriage", "subject": "jackie", "agent": "jack", "time": "1953"}
            ]
        }))
        .expect("gold");
        let person = |id: &str, name: &str| annalist_model::Entity {
            id: id.into(),
            name: name.into(),
            aliases: vec![name.into()],
            ..Default::default()
        };
        let kb = KnowledgeBase {
            entities: vec![
                person("person:jack", "Jack Kennedy"),
                person("person:jackie", "Jacqueline Bouvier"),
            ],
            events: vec![annalist_model::Event {
                etype: annalist_model::EventType::Marriage,
                roles: annalist_model::Roles {
                    subject: vec!["person:jack".into()],
                    agent: vec!["person:jackie".into()],
                    ..Default::default()
                },
                ..Default::default()
            }],
            ..Default::default()
        };
        let c = score(&gold, &kb, &BTreeMap::new());
        assert_eq!(c.report().event_recall, Some(1.0));
        assert_eq!(c.report().event_precision, Some(1.0));
    }

    #[test]
    fn misses_are_counted_by_the_stage_that_failed() {
        let gold: Gold = serde_json::from_value(serde_json::json!({
            "topic": "t",
            "documents": [],
            "entities": [
                {"id": "rosa", "type": "person", "name": "Rosa Luxemburg"},
                {"id": "karl", "type": "person", "name": "Karl Liebknecht"},
                {"id": "kpd", "type": "group", "name": "the Spartacists"}
            ],
            "events": [
                {"type": "arrest", "subject": "rosa", "time": "1906-03",
                 "evidence": ["she was arrested there on 4 March 1906"]},
                {"type": "arrest", "subject": "rosa", "time": "1916-07",
                 "evidence": ["in July 1916 was taken into custody"]},
                {"type": "death", "subject": "karl", "time": "1919"},
                {"type": "uprising", "subject": "kpd", "time": "1919"}
            ],
            "conflicts": [
                {"about": "when Rosa was arrested", "event_type": "arrest", "subject": "rosa",
                 "claims": [{"source": "a.txt", "value": "1916-07"}], "truth": "1916"},
                {"about": "where Karl died", "event_type": "death", "subject": "karl",
                 "claims": [{"source": "a.txt", "value": "Berlin"}], "truth": "Tiergarten"}
            ]
        }))
        .expect("gold");
        let kb = KnowledgeBase {
            entities: vec![
                annalist_model::Entity {
                    id: "person:rosa".into(),
                    name: "Rosa Luxemburg".into(),
                    ..Default::default()
                },
                annalist_model::Entity {
                    id: "person:karl".into(),
                    name: "Karl Liebknecht".into(),
                    ..Default::default()
                },
            ],
            events: vec![annalist_model::Event {
                etype: annalist_model::EventType::Arrest,
                roles: annalist_model::Roles {
                    subject: vec!["person:rosa".into()],
                    ..Default::default()
                },
                time: Some(annalist_model::KbTime {
                    value: "1906-SU".into(),
                    ..Default::default()
                }),
                evidence: vec![annalist_model::Evidence {
                    text: "She was arrested there on 4 March 1906.".into(),
                    time: Some("1906-SU".into()),
                    ..Default::default()
                }],
                ..Default::default()
            }],
            ..Default::default()
        };
        let c = score(&gold, &kb, &BTreeMap::new());
        let n = |k: &str| c.event_causes.get(k).copied().unwrap_or(0);
        assert_eq!(n("missed: time, evidence read with a wrong time"), 1);
        assert_eq!(n("missed: time, another instance found"), 1);
        assert_eq!(n("missed: subject found, no event of it"), 1);
        assert_eq!(n("missed: subject a group, not found"), 1);
        assert_eq!(n("spurious: time incompatible (in the text)"), 1);
        let causes: usize = c
            .event_causes
            .iter()
            .filter(|(k, _)| !k.starts_with("of ") && !k.starts_with("conflict"))
            .map(|(_, v)| v)
            .sum();
        assert_eq!(causes, 5);
        // (Karl is named in no gold sentence; Rosa's second arrest's
        // sentence names no one either)
        assert_eq!(n("of trigger and role misses: subject only referred to"), 2);
        // (the arrest was read, never in July 1916; Karl has no death)
        assert_eq!(n("conflict missed: no claimed time read"), 1);
        assert_eq!(n("conflict missed: no event of the type and subject"), 1);
    }

    #[test]
    fn ratios_micro_average() {
        let mut a = Counts::default();
        a.spam.add(1.0, 1.0);
        let mut b = Counts::default();
        b.spam.add(0.0, 3.0);
        a.merge(&b);
        assert_eq!(a.report().spam_accuracy, Some(0.25));
    }
}
