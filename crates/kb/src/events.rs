//! Event merging across sources, independent-source counting, confidence
//! and conflicts.
//!
//! Asserted event mentions are bucketed by (type, subject). Within a bucket
//! mentions are taken most specific time first and each joins the best
//! compatible event: same time up to precision (containment, see
//! [`annalist_model::interval`]) and no clash on the roles that tell
//! happenings of that type apart (`keys` in `resources/kb/event_types.tsv`).
//! Once-in-a-life types (birth, death…) always make one event per subject;
//! a move or exile to the same destination at an incompatible time joins
//! too. Disagreements inside one event become [`Conflict`]s.

use crate::dedup::{Dsu, Duplicates};
use crate::merge::{DocSummary, EventSummary, Strings};
use crate::names::{slug, NameRules};
use crate::resolve::Resolved;
use crate::rules::{fill, Rules, TypeRule};
use annalist_model::interval::{interval, Interval};
use annalist_model::{
    Conflict, ConflictValue, EntityType, Event, EventType, Evidence, KbTime, Role, Roles,
};
use std::collections::{BTreeMap, BTreeSet};

/// One mention, with entities resolved.
struct M<'a> {
    doc: usize,
    em: &'a EventSummary,
    roles: BTreeMap<Role, BTreeSet<usize>>,
    texts: BTreeMap<Role, Vec<String>>,
    value: Option<String>,
    iv: Option<Interval>,
    inferred: bool,
    weight: f32,
    /// Duplicate group of the evidence sentence, if any.
    dup: Option<usize>,
    /// Entities named in the evidence sentence, the subject excepted.
    context: BTreeSet<usize>,
}

impl M<'_> {
    fn ents(&self, r: Role) -> Option<&BTreeSet<usize>> {
        self.roles.get(&r).filter(|s| !s.is_empty())
    }
}

struct Cluster {
    members: Vec<usize>,
    core: Option<Interval>,
}

fn round3(x: f32) -> f32 {
    (x.clamp(0.0, 1.0) * 1000.0).round() / 1000.0
}

/// Place relation: equal, or one within the other (transitively, a few
/// steps), as learned from the texts.
struct Places<'a> {
    within: &'a BTreeSet<(usize, usize)>,
}

impl Places<'_> {
    fn related(&self, a: usize, b: usize) -> bool {
        a == b || self.reaches(a, b, 3) || self.reaches(b, a, 3)
    }
    fn reaches(&self, a: usize, b: usize, depth: usize) -> bool {
        if depth == 0 {
            return false;
        }
        self.within
            .range((a, 0)..=(a, usize::MAX))
            .any(|&(_, o)| o == b || self.reaches(o, b, depth - 1))
    }
}

pub fn merge_events(
    docs: &[DocSummary],
    res: &Resolved,
    dups: &Duplicates,
    strs: &Strings,
) -> (Vec<Event>, Vec<Conflict>) {
    let rules = Rules::get();
    let w = &rules.weights;
    let places = Places {
        within: &res.within,
    };

    // --- mentions, split per subject where the type says so
    let mut ms: Vec<M> = Vec::new();
    let mut buckets: BTreeMap<(EventType, String), Vec<usize>> = BTreeMap::new();
    for (di, d) in docs.iter().enumerate() {
        // Sentence → entities named in it.
        let mut in_sentence: BTreeMap<usize, BTreeSet<usize>> = BTreeMap::new();
        if !d.events.is_empty() {
            for (le, l) in d.entities.iter().enumerate() {
                let Some(ei) = res.node_entity.get(di, le) else {
                    continue;
                };
                for mm in d.mentions_of(l) {
                    in_sentence
                        .entry(mm.sentence as usize)
                        .or_default()
                        .insert(ei);
                }
            }
        }
        let meta = &d.source.meta;
        let q = if meta.quality > 0.0 {
            meta.quality
        } else {
            w.quality_default
        };
        let spam = if meta.spam { w.spam } else { 1.0 };
        for em in &d.events {
            let etype = em.etype;
            let rule = rules.of(etype);
            let mut roles: BTreeMap<Role, BTreeSet<usize>> = BTreeMap::new();
            let mut texts: BTreeMap<Role, Vec<String>> = BTreeMap::new();
            for f in em.roles.iter() {
                let r = f.role;
                match f.entity.and_then(|le| res.node_entity.get(di, le as usize)) {
                    Some(ei) => {
                        roles.entry(r).or_default().insert(ei);
                    }
                    None => {
                        let t = strs
                            .str(f.text)
                            .split_whitespace()
                            .collect::<Vec<_>>()
                            .join(" ");
                        if !t.is_empty() {
                            let v = texts.entry(r).or_default();
                            if !v.contains(&t) {
                                v.push(t);
                            }
                        }
                    }
                }
            }
            let value = em
                .time
                .map(|t| strs.str(t).to_string())
                .filter(|v| !v.is_empty());
            let iv = value.as_deref().and_then(interval);
            let mc = if em.confidence > 0.0 {
                em.confidence
            } else {
                w.mention_default
            };
            let weight = (q * spam * rules.region(em.region) * mc).clamp(0.0, 1.0);
            let dup = em.sentence().and_then(|si| dups.group_of(di, si));
            let subjects: Vec<usize> = roles
                .get(&Role::Subject)
                .map(|s| s.iter().copied().collect())
                .unwrap_or_default();
            // An event that befalls only people, told of what resolution
            // kept a place (a country is never made a person: "a new
            // Germany had been born"), is a figure of speech.
            if rule.person_subject
                && !subjects.is_empty()
                && subjects
                    .iter()
                    .all(|&e| res.entities[e].etype == EntityType::Place)
            {
                continue;
            }
            let groups: Vec<Vec<usize>> = if rule.split && subjects.len() > 1 {
                subjects.iter().map(|&s| vec![s]).collect()
            } else {
                vec![subjects.clone()]
            };
            let sentence_entities = em
                .sentence()
                .and_then(|si| in_sentence.get(&si))
                .cloned()
                .unwrap_or_default();
            for subj in groups {
                let context: BTreeSet<usize> = sentence_entities
                    .iter()
                    .copied()
                    .filter(|e| !subjects.contains(e))
                    .collect();
                let mut roles = roles.clone();
                if !subj.is_empty() {
                    roles.insert(Role::Subject, subj.iter().copied().collect());
                }
                let key = if !subj.is_empty() {
                    subj.iter()
                        .map(|&e| res.entities[e].id.as_str())
                        .collect::<Vec<_>>()
                        .join("+")
                } else if let Some(t) = texts.get(&Role::Subject).and_then(|v| v.first()) {
                    format!("text:{}", NameRules::get().fold(t))
                } else {
                    String::new()
                };
                buckets.entry((etype, key)).or_default().push(ms.len());
                ms.push(M {
                    doc: di,
                    em,
                    roles,
                    texts: texts.clone(),
                    value: value.clone(),
                    iv,
                    inferred: em.inferred,
                    weight,
                    dup,
                    context,
                });
            }
        }
    }

    date_ages(&mut ms);

    // --- clustering within buckets
    let mut out: Vec<(EventType, Vec<usize>, Option<Interval>)> = Vec::new();
    for ((etype, key), mut idx) in buckets {
        let rule = rules.of(etype);
        // A group dies, is arrested or killed many times over ("Fourteen
        // Palestinians died in Hebron", "Palestinians died in Gaza"): its
        // events join only as a subjectless event's do (dated alike and
        // sharing a participant), never one per group.
        let group = idx.first().is_some_and(|&i| {
            ms[i].roles.get(&Role::Subject).is_some_and(|s| {
                !s.is_empty()
                    && s.iter()
                        .all(|&e| res.entities[e].etype == EntityType::Group)
            })
        });
        idx.sort_by(|&a, &b| {
            let (x, y) = (&ms[a], &ms[b]);
            let dx = x.iv.map(|i| i.days()).unwrap_or(i64::MAX);
            let dy = y.iv.map(|i| i.days()).unwrap_or(i64::MAX);
            dx.cmp(&dy)
                // Documents are in source id order.
                .then(x.doc.cmp(&y.doc))
                .then(x.em.evidence().start.cmp(&y.em.evidence().start))
                .then(x.em.trigger().start.cmp(&y.em.trigger().start))
                .then(a.cmp(&b))
        });
        let mut cls: Vec<Cluster> = Vec::new();
        for i in idx {
            let m = &ms[i];
            let target = if rule.once && !key.is_empty() && !group {
                if cls.is_empty() {
                    None
                } else {
                    Some(0)
                }
            } else {
                choose(&ms, m, &cls, &rule, key.is_empty() || group, &places)
            };
            match target {
                Some(c) => {
                    let cl = &mut cls[c];
                    cl.members.push(i);
                    if let Some(iv) = m.iv {
                        match cl.core {
                            None => cl.core = Some(iv),
                            Some(core) if core.contains(&iv) => cl.core = Some(iv),
                            _ => {}
                        }
                    }
                }
                None => cls.push(Cluster {
                    members: vec![i],
                    core: m.iv,
                }),
            }
        }
        out.extend(cls.into_iter().map(|c| (etype, c.members, c.core)));
    }
    let out = join_acts(&ms, out);

    // --- events
    let mut events: Vec<(Event, Vec<Conflict>, Option<Interval>)> = Vec::new();
    for (etype, members) in out {
        events.push(build_event(docs, res, &ms, etype, &members, &places));
    }
    events.sort_by(|a, b| {
        let ka = (a.2.is_none(), a.2, a.0.etype, &a.0.roles.subject);
        let kb = (b.2.is_none(), b.2, b.0.etype, &b.0.roles.subject);
        ka.cmp(&kb).then_with(|| {
            let fa = a.0.evidence.first().map(|e| (&e.source, e.start));
            let fb = b.0.evidence.first().map(|e| (&e.source, e.start));
            fa.cmp(&fb)
        })
    });
    execution_against_death(&mut events);
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let mut all_conflicts = Vec::new();
    let mut evs = Vec::with_capacity(events.len());
    for (mut e, mut cs, _) in events {
        let subj = e
            .roles
            .subject
            .first()
            .map(|id| id.split_once(':').map(|x| x.1).unwrap_or(id).to_string())
            .or_else(|| {
                e.role_text
                    .get("subject")
                    .and_then(|v| v.first())
                    .map(|t| slug(t))
            })
            .unwrap_or_else(|| "unknown".into());
        let date = e
            .time
            .as_ref()
            .map(|t| t.start.clone())
            .unwrap_or_else(|| "undated".into());
        let base = format!("ev:{}:{}:{}", e.etype, subj, date);
        let c = seen.entry(base.clone()).or_insert(0);
        *c += 1;
        e.id = if *c > 1 { format!("{base}-{c}") } else { base };
        for cf in &mut cs {
            cf.id = format!("cf:{}:{}", &e.id[3..], cf.field);
            cf.event = e.id.clone();
            e.conflicts.push(cf.id.clone());
        }
        all_conflicts.extend(cs);
        evs.push(e);
    }
    all_conflicts.sort_by(|a, b| a.id.cmp(&b.id));
    (evs, all_conflicts)
}

/// An execution is its subject's death: when the sources date the one
/// and the other apart (the same day a year off, or days or weeks apart:
/// "burned at the stake on 6 July 1416" against a life told "c. 1370 – 6
/// July 1415"), the execution carries a time conflict listing both, the
/// value told by more independent sources preferred. Only stated times of
/// both, one subject each, and only where the dates are close enough to
/// be one happening told two ways (two days to a year apart).
fn execution_against_death(events: &mut [(Event, Vec<Conflict>, Option<Interval>)]) {
    fn stated(e: &Event) -> Option<&KbTime> {
        e.time.as_ref().filter(|t| !t.inferred)
    }
    struct Death {
        subject: Vec<String>,
        value: String,
        iv: Interval,
        sources: Vec<String>,
        independent: usize,
    }
    let deaths: Vec<Death> = events
        .iter()
        .filter(|(e, _, _)| e.etype == EventType::Death && e.roles.subject.len() == 1)
        .filter_map(|(e, _, iv)| {
            Some(Death {
                subject: e.roles.subject.clone(),
                value: stated(e)?.value.clone(),
                iv: (*iv)?,
                sources: e.sources.clone(),
                independent: e.independent_sources,
            })
        })
        .collect();
    for (e, cs, iv) in events.iter_mut() {
        if e.etype != EventType::Execution
            || e.roles.subject.len() != 1
            || cs.iter().any(|c| c.field == "time")
        {
            continue;
        }
        let (Some(t), Some(iv)) = (stated(e).cloned(), *iv) else {
            continue;
        };
        // (a day apart is no disagreement here: a shooting the sources
        // call an execution, and a death the next morning)
        let close = |d: &Interval| {
            (2..=372).contains(&d.gap_days(&iv)) && d.days() <= 31 && iv.days() <= 31
        };
        let Some(death) = deaths
            .iter()
            .filter(|d| d.subject == e.roles.subject && close(&d.iv))
            .max_by_key(|d| d.independent)
        else {
            continue;
        };
        let (pref, reason) = if death.independent > e.independent_sources {
            (
                death.value.clone(),
                format!(
                    "more independent sources ({} vs {}), the death's",
                    death.independent, e.independent_sources
                ),
            )
        } else {
            (t.value.clone(), "the execution's own sources".to_string())
        };
        cs.push(Conflict {
            field: "time".into(),
            values: vec![
                ConflictValue {
                    value: t.value.clone(),
                    sources: e.sources.clone(),
                },
                ConflictValue {
                    value: death.value.clone(),
                    sources: death.sources.clone(),
                },
            ],
            preferred: pref,
            reason,
            ..Default::default()
        });
    }
}

/// "At the age of eight, he was sent to school": a mention telling the
/// subject's age and no time of its own (or only one carried from the
/// narrative) is dated from the subject's birth year, whichever source
/// tells it (the most specific stated birth date wins).
fn date_ages(ms: &mut [M]) {
    let mut births: BTreeMap<usize, Interval> = BTreeMap::new();
    for m in ms.iter() {
        if m.em.etype != EventType::Birth || m.inferred {
            continue;
        }
        let (Some(subj), Some(iv)) = (m.ents(Role::Subject), m.iv) else {
            continue;
        };
        if subj.len() != 1 || iv.start.year != iv.end.year {
            continue;
        }
        for &e in subj {
            let b = births.entry(e).or_insert(iv);
            if b.contains(&iv) {
                *b = iv;
            }
        }
    }
    for m in ms.iter_mut() {
        let Some(age) = m.em.age else { continue };
        let carried = m.iv.is_none() || m.em.narrative;
        if !carried || m.em.etype == EventType::Birth {
            continue;
        }
        let Some(subj) = m.ents(Role::Subject).filter(|s| s.len() == 1) else {
            continue;
        };
        let Some(b) = subj.iter().next().and_then(|e| births.get(e)) else {
            continue;
        };
        // (aged n from the n-th birthday to the next: "At the age of
        // eight", born 1879 → 1887/1888)
        let year = b.start.year + age as i32;
        if year <= 0 {
            continue;
        }
        let value = format!("{year:04}/{:04}", year + 1);
        m.iv = interval(&value);
        m.value = Some(value);
        m.inferred = true;
    }
}

/// Clusters of a type that can be the act of another (`act_of`) join the
/// event of that type about the same subject when their times are
/// compatible and they share an instrument: "he was attacked … with an ice
/// pick, and died next day" is the killing "assassinated with an ice pick".
fn join_acts(
    ms: &[M],
    mut out: Vec<(EventType, Vec<usize>, Option<Interval>)>,
) -> Vec<(EventType, Vec<usize>)> {
    let rules = Rules::get();
    let subject = |members: &[usize]| -> BTreeSet<usize> {
        members
            .iter()
            .flat_map(|&i| ms[i].ents(Role::Subject).into_iter().flatten().copied())
            .collect()
    };
    let instruments = |members: &[usize]| -> (BTreeSet<usize>, BTreeSet<String>) {
        let ents = members
            .iter()
            .flat_map(|&i| ms[i].ents(Role::Instrument).into_iter().flatten().copied())
            .collect();
        let texts = members
            .iter()
            .flat_map(|&i| ms[i].texts.get(&Role::Instrument).into_iter().flatten())
            .map(|t| instrument_key(t))
            .filter(|t| !t.is_empty())
            .collect();
        (ents, texts)
    };
    let mut gone = vec![false; out.len()];
    for a in 0..out.len() {
        let Some(target) = rules.of(out[a].0).act_of else {
            continue;
        };
        let subj = subject(&out[a].1);
        if subj.is_empty() {
            continue;
        }
        let (ie, it) = instruments(&out[a].1);
        if ie.is_empty() && it.is_empty() {
            continue;
        }
        let core = out[a].2;
        let into = (0..out.len()).find(|&b| {
            let (t, members, bcore) = &out[b];
            *t == target
                && !gone[b]
                && subject(members) == subj
                && match (core, bcore) {
                    (Some(x), Some(y)) => x.compatible(y),
                    _ => true,
                }
                && {
                    let (be, bt) = instruments(members);
                    !ie.is_disjoint(&be) || !it.is_disjoint(&bt)
                }
        });
        if let Some(b) = into {
            let moved = std::mem::take(&mut out[a].1);
            out[b].1.extend(moved);
            if let (Some(x), Some(y)) = (core, out[b].2) {
                if y.contains(&x) {
                    out[b].2 = Some(x);
                }
            }
            gone[a] = true;
        }
    }
    out.into_iter()
        .zip(gone)
        .filter(|(_, g)| !g)
        .map(|((t, m, _), _)| (t, m))
        .collect()
}

/// An instrument told in words, for comparison: lower case, without its
/// determiner ("an ice pick" = "the ice pick" = "ice pick").
fn instrument_key(t: &str) -> String {
    let rules = Rules::get();
    let words: Vec<String> = t.split_whitespace().map(str::to_lowercase).collect();
    let skip = usize::from(
        words
            .first()
            .is_some_and(|w| rules.articles.contains(w) || rules.possessives.contains(w)),
    );
    words[skip..].join(" ")
}

/// The cluster mention `m` joins, if any.
fn choose(
    ms: &[M],
    m: &M,
    cls: &[Cluster],
    rule: &TypeRule,
    subjectless: bool,
    places: &Places,
) -> Option<usize> {
    let keys_of = |c: &Cluster, r: Role| -> BTreeSet<usize> {
        c.members
            .iter()
            .filter_map(|&i| ms[i].ents(r))
            .flatten()
            .copied()
            .collect()
    };
    let keys_ok = |c: &Cluster| -> bool {
        rule.keys.iter().all(|&r| match m.ents(r) {
            Some(mine) => {
                let theirs = keys_of(c, r);
                theirs.is_empty()
                    || mine
                        .iter()
                        .any(|&a| theirs.iter().any(|&b| places.related(a, b)))
            }
            None => true,
        })
    };
    let shared = |c: &Cluster| -> usize {
        let mut n = 0;
        for r in [
            Role::Agent,
            Role::Place,
            Role::Destination,
            Role::Organization,
            Role::Work,
            Role::Instrument,
        ] {
            if let Some(mine) = m.ents(r) {
                n += keys_of(c, r).intersection(mine).count();
            }
        }
        n
    };
    let time_ok = |c: &Cluster| match (m.iv, c.core) {
        (Some(a), Some(b)) => a.compatible(&b),
        _ => true,
    };
    // A sentence copied from one source to another tells one happening
    // (at one time: two events of the sentence dated apart — "In 1954 he
    // became pastor …, and in December 1955 he was elected president" —
    // stay two).
    if let Some(d) = m.dup {
        if let Some(c) = (0..cls.len())
            .find(|&c| cls[c].members.iter().any(|&i| ms[i].dup == Some(d)) && time_ok(&cls[c]))
        {
            return Some(c);
        }
    }
    let cands: Vec<usize> = (0..cls.len())
        .filter(|&c| {
            let cl = &cls[c];
            if subjectless {
                // Without a subject, only a dated match sharing a participant.
                m.iv.is_some() && cl.core.is_some() && time_ok(cl) && keys_ok(cl) && shared(cl) > 0
            } else {
                time_ok(cl) && keys_ok(cl)
            }
        })
        .collect();
    if !cands.is_empty() {
        return cands.iter().copied().max_by(|&a, &b| {
            (shared(&cls[a]), cls[a].members.len())
                .cmp(&(shared(&cls[b]), cls[b].members.len()))
                .then(b.cmp(&a))
        });
    }
    // A slip: another source tells the same day a year or two off ("5 August
    // 1963" for 5 August 1962) or a day or two off ("24 May 1430" for the
    // 23rd), of the same subject: one happening, misdated — unless a source
    // of the cluster tells both (it knows two happenings).
    if let Some(mine) =
        m.iv.filter(|iv| !subjectless && iv.days() == 1 && !m.inferred)
    {
        let slip = |core: Interval| {
            core.days() == 1
                && ((core.start.month == mine.start.month
                    && core.start.day == mine.start.day
                    && (core.start.year - mine.start.year).abs() <= MAX_SLIP_YEARS)
                    || core.gap_days(&mine) <= MAX_SLIP_DAYS)
        };
        let found = (0..cls.len()).find(|&c| {
            let cl = &cls[c];
            cl.core.is_some_and(slip)
                && keys_ok(cl)
                && cl.members.iter().all(|&i| ms[i].doc != m.doc)
        });
        if found.is_some() {
            return found;
        }
    }
    if subjectless || rule.keys.is_empty() {
        return None;
    }
    // Same destination (or other key filler), another time: one happening
    // told with a wrong date — by another source: one source stating two
    // dates tells two happenings ("He returned to China in 1920 … He again
    // returned to China in 1925").
    let same_source = |c: &Cluster| {
        m.iv.is_some()
            && !m.inferred
            && c.members
                .iter()
                .any(|&i| ms[i].doc == m.doc && ms[i].iv.is_some() && !ms[i].inferred)
    };
    let same_key = (0..cls.len()).find(|&c| {
        rule.keys.iter().any(|&r| {
            m.ents(r)
                .is_some_and(|mine| !keys_of(&cls[c], r).is_disjoint(mine))
        }) && keys_ok(&cls[c])
            && !same_source(&cls[c])
    });
    if same_key.is_some() {
        return same_key;
    }
    // No key told, a close but different date in another source whose
    // sentence names the same other participant ("in 1926, when he replaced
    // Zinoviev" / "in 1928 he succeeded Zinoviev"): one happening, two dates.
    let mine = m.iv.filter(|iv| iv.days() <= MAX_CLOSE_SPAN)?;
    if m.context.is_empty() || rule.keys.iter().any(|&r| m.ents(r).is_some()) {
        return None;
    }
    (0..cls.len()).find(|&c| {
        let cl = &cls[c];
        cl.core.is_some_and(|core| {
            core.days() <= MAX_CLOSE_SPAN && core.gap_days(&mine) <= MAX_CLOSE_GAP
        }) && keys_ok(cl)
            && rule.keys.iter().all(|&r| keys_of(cl, r).is_empty())
            && cl.members.iter().all(|&i| ms[i].doc != m.doc)
            && cl
                .members
                .iter()
                .any(|&i| !ms[i].context.is_disjoint(&m.context))
    })
}

/// A day date this many years off the same day and month of another
/// source's is a slip of the year ...
const MAX_SLIP_YEARS: i32 = 2;
/// ... and one this many days off another source's day is a slip of the day.
const MAX_SLIP_DAYS: i64 = 2;

/// Dates at most this long (in the approximate days of [`Interval::days`])
/// can be "the same happening, misdated" ...
const MAX_CLOSE_SPAN: i64 = 372;
/// ... when at most this far apart (two years).
const MAX_CLOSE_GAP: i64 = 2 * 372;

/// Independent components: sources joined when their evidence shares a
/// duplicate group. Returns component index per member.
fn components(ms: &[M], docs: &[DocSummary], members: &[usize]) -> (Vec<usize>, usize) {
    let srcs: Vec<&str> = {
        let s: BTreeSet<&str> = members.iter().map(|&i| docs[ms[i].doc].id()).collect();
        s.into_iter().collect()
    };
    let pos = |i: usize| srcs.binary_search(&docs[ms[i].doc].id()).unwrap_or(0);
    let mut dsu = Dsu::new(srcs.len());
    let mut by_group: BTreeMap<usize, usize> = BTreeMap::new();
    for &i in members {
        if let Some(g) = ms[i].dup {
            match by_group.get(&g) {
                Some(&p) => {
                    dsu.union(p, pos(i));
                }
                None => {
                    by_group.insert(g, pos(i));
                }
            }
        }
    }
    let roots: Vec<usize> = members.iter().map(|&i| dsu.find(pos(i))).collect();
    let n = (0..srcs.len())
        .map(|p| dsu.find(p))
        .collect::<BTreeSet<_>>()
        .len();
    (roots, n)
}

/// Place or destination values told in words only (no entity), as claims
/// that can disagree with the named ones: "exiled to the Persian front" vs
/// "exile in Siberia". Only phrases with a capitalised word count ("his
/// estate" is no claim), and never a phrase whose own mention also names an
/// entity for the role, or whose first capitalised word is a word of one of
/// `named` (it then names the same place). Returns (value, supporting
/// members).
fn text_claims(
    ms: &[M],
    res: &Resolved,
    members: &[usize],
    r: Role,
    named: &[usize],
) -> Vec<(String, Vec<usize>)> {
    let rules = NameRules::get();
    // Words of the named values; a phrase whose first proper word is one of
    // them says the same ("Tobolsk province" ~ "Tobolsk Governorate").
    let words: BTreeSet<String> = named
        .iter()
        .flat_map(|&e| {
            let en = &res.entities[e];
            std::iter::once(&en.name).chain(en.aliases.iter())
        })
        .flat_map(|n| {
            rules
                .fold(n)
                .split_whitespace()
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect();
    let first_proper = |t: &str| -> Option<String> {
        t.split_whitespace()
            .find(|w| w.chars().next().is_some_and(char::is_uppercase))
            .map(|w| rules.fold(w))
            .filter(|w| !w.is_empty())
    };
    let kb_rules = Rules::get();
    let possessives = &kb_rules.possessives;
    let mut out: Vec<(String, String, Vec<usize>)> = Vec::new();
    for &i in members {
        if ms[i].ents(r).is_some() {
            continue;
        }
        for t in ms[i].texts.get(&r).into_iter().flatten() {
            let first = t.split_whitespace().next().unwrap_or("");
            let first_lower = first.to_lowercase();
            // "his Mexican retreat": a possessed place is a house, not a
            // rival place name.
            if possessives.contains(&first_lower) {
                continue;
            }
            let Some(f) = first_proper(t) else { continue };
            // "outside Paris" (the events stage keeps a place told with a
            // vicinity preposition as words): near the place, not in it, so
            // it differs from "Paris" itself.
            let near = first.chars().next().is_some_and(char::is_lowercase)
                && !kb_rules.articles.contains(&first_lower);
            let f = if near { rules.fold(t) } else { f };
            // The same word, or its adjective ("Mexican" ~ "Mexico").
            let same = |w: &String| {
                let k = w.chars().zip(f.chars()).take_while(|(a, b)| a == b).count();
                *w == f || k >= 5.min(w.chars().count()).max(4)
            };
            if !near && words.iter().any(same) {
                continue;
            }
            match out.iter_mut().find(|(_, g, _)| *g == f) {
                Some((_, _, sup)) => {
                    if !sup.contains(&i) {
                        sup.push(i);
                    }
                }
                None => out.push((t.clone(), f, vec![i])),
            }
        }
    }
    out.into_iter().map(|(t, _, sup)| (t, sup)).collect()
}

/// Support for one candidate value of a field.
struct Claim {
    value: String,
    members: Vec<usize>,
    /// Index into `members` of the preferred member order (for ties).
    days: i64,
}

fn pick(
    claims: &[Claim],
    ms: &[M],
    comp: &BTreeMap<usize, usize>,
    docs: &[DocSummary],
    inferred_w: f32,
) -> (usize, String) {
    let score = |c: &Claim| {
        let n = c
            .members
            .iter()
            .map(|i| comp[i])
            .collect::<BTreeSet<_>>()
            .len();
        let wsum: f32 = c
            .members
            .iter()
            .map(|&i| {
                if ms[i].inferred {
                    ms[i].weight * inferred_w
                } else {
                    ms[i].weight
                }
            })
            .sum();
        (n, wsum, c.days)
    };
    let mut order: Vec<usize> = (0..claims.len()).collect();
    order.sort_by(|&a, &b| {
        let (x, y) = (score(&claims[a]), score(&claims[b]));
        y.0.cmp(&x.0)
            .then(y.1.partial_cmp(&x.1).unwrap_or(std::cmp::Ordering::Equal))
            .then(x.2.cmp(&y.2))
            .then(claims[a].value.cmp(&claims[b].value))
    });
    let best = order[0];
    let reason = match order.get(1) {
        None => String::new(),
        Some(&second) => {
            let (x, y) = (score(&claims[best]), score(&claims[second]));
            if x.0 != y.0 {
                format!("more independent sources ({} vs {})", x.0, y.0)
            } else if (x.1 - y.1).abs() > 0.01 {
                format!("better sources (weight {:.2} vs {:.2})", x.1, y.1)
            } else if x.2 < y.2 {
                "more specific value".to_string()
            } else {
                let _ = docs;
                "equally supported; first in order".to_string()
            }
        }
    };
    (best, reason)
}

fn source_list(ms: &[M], docs: &[DocSummary], members: &[usize]) -> Vec<String> {
    let s: BTreeSet<String> = members
        .iter()
        .map(|&i| docs[ms[i].doc].id().to_string())
        .collect();
    s.into_iter().collect()
}

fn build_event(
    docs: &[DocSummary],
    res: &Resolved,
    ms: &[M],
    etype: EventType,
    members: &[usize],
    places: &Places,
) -> (Event, Vec<Conflict>, Option<Interval>) {
    let rules = Rules::get();
    let w = &rules.weights;
    let (roots, n_indep) = components(ms, docs, members);
    let comp: BTreeMap<usize, usize> = members.iter().copied().zip(roots.iter().copied()).collect();
    let mut conflicts = Vec::new();

    // --- time
    let dated: Vec<usize> = members
        .iter()
        .copied()
        .filter(|&i| ms[i].iv.is_some())
        .collect();
    let ivs: BTreeSet<Interval> = dated.iter().filter_map(|&i| ms[i].iv).collect();
    let leaves: Vec<Interval> = ivs
        .iter()
        .copied()
        .filter(|a| !ivs.iter().any(|b| b != a && a.contains(b)))
        .collect();
    let mut claims: Vec<(Interval, Claim)> = leaves
        .iter()
        .map(|&l| {
            let sup: Vec<usize> = dated
                .iter()
                .copied()
                .filter(|&i| {
                    let iv = ms[i].iv.unwrap_or(l);
                    iv.contains(&l) && leaves.iter().filter(|o| iv.contains(o)).count() == 1
                })
                .collect();
            // The value as written most often for this interval.
            let mut vc: BTreeMap<&str, usize> = BTreeMap::new();
            for &i in &sup {
                if ms[i].iv == Some(l) {
                    *vc.entry(ms[i].value.as_deref().unwrap_or("")).or_default() += 1;
                }
            }
            let value = vc
                .iter()
                .max_by(|a, b| {
                    a.1.cmp(b.1)
                        .then(b.0.len().cmp(&a.0.len()))
                        .then(b.0.cmp(a.0))
                })
                .map(|(v, _)| v.to_string())
                .unwrap_or_default();
            (
                l,
                Claim {
                    value,
                    members: sup,
                    days: l.days(),
                },
            )
        })
        .collect();
    let stated = claims
        .iter()
        .any(|(_, c)| c.members.iter().any(|&i| !ms[i].inferred));
    if stated {
        claims.retain(|(_, c)| c.members.iter().any(|&i| !ms[i].inferred));
    }
    let mut time = None;
    let mut sort_iv = None;
    if !claims.is_empty() {
        let just: Vec<Claim> = claims
            .iter()
            .map(|(_, c)| Claim {
                value: c.value.clone(),
                members: c.members.clone(),
                days: c.days,
            })
            .collect();
        let (best, reason) = pick(&just, ms, &comp, docs, w.time_inferred);
        let (iv, c) = &claims[best];
        time = Some(KbTime {
            value: c.value.clone(),
            start: iv.start.iso(),
            end: iv.end.iso(),
            inferred: c.members.iter().all(|&i| ms[i].inferred),
        });
        sort_iv = Some(*iv);
        // (times only carried from the narrative do not make a conflict:
        // "Joan of Arc's death did not end the war" after a sentence of
        // 1435 is no claim that she died then)
        if claims.len() >= 2 && stated {
            conflicts.push(Conflict {
                field: "time".into(),
                values: just
                    .iter()
                    .map(|c| ConflictValue {
                        value: c.value.clone(),
                        sources: source_list(ms, docs, &c.members),
                    })
                    .collect(),
                preferred: c.value.clone(),
                reason,
                ..Default::default()
            });
        }
    }

    // --- roles
    let mut roles = Roles::default();
    let name = |e: usize| res.entities[e].name.clone();
    let id = |e: usize| res.entities[e].id.clone();
    let mut chosen: BTreeMap<Role, Vec<usize>> = BTreeMap::new();
    for r in Role::ALL.iter().copied() {
        let with: Vec<usize> = members
            .iter()
            .copied()
            .filter(|&i| ms[i].ents(r).is_some())
            .collect();
        let all: BTreeSet<usize> = with
            .iter()
            .flat_map(|&i| ms[i].ents(r).into_iter().flatten().copied())
            .collect();
        let all: Vec<usize> = all.into_iter().collect();
        let texts = if matches!(r, Role::Place | Role::Destination) {
            text_claims(ms, res, members, r, &all)
        } else {
            Vec::new()
        };
        if with.is_empty() && texts.len() < 2 {
            continue;
        }
        // Group values that can all be true at once: the same entity, a
        // place inside another, or named together by one piece of evidence.
        let mut dsu = Dsu::new(all.len());
        let pos = |e: usize| all.binary_search(&e).unwrap_or(0);
        for &i in &with {
            let v: Vec<usize> = ms[i].ents(r).into_iter().flatten().copied().collect();
            for x in v.windows(2) {
                dsu.union(pos(x[0]), pos(x[1]));
            }
        }
        if matches!(r, Role::Place | Role::Destination) {
            for a in 0..all.len() {
                for b in 0..a {
                    if places.related(all[a], all[b]) {
                        dsu.union(a, b);
                    }
                }
            }
        }
        let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for (p, &e) in all.iter().enumerate() {
            groups.entry(dsu.find(p)).or_default().push(e);
        }
        let groups: Vec<Vec<usize>> = groups.into_values().collect();
        // Agents named by one source (in any of its sentences) act together:
        // the killer and his accomplice are not a disagreement. Agents
        // conflict only when no source names agents from two groups.
        let co_agents = r == Role::Agent && {
            let mut per_source: BTreeMap<&str, BTreeSet<usize>> = BTreeMap::new();
            for &i in &with {
                let g: BTreeSet<usize> = ms[i]
                    .ents(r)
                    .into_iter()
                    .flatten()
                    .filter_map(|e| groups.iter().position(|g| g.contains(e)))
                    .collect();
                per_source
                    .entry(docs[ms[i].doc].id())
                    .or_default()
                    .extend(g);
            }
            per_source.values().any(|g| g.len() >= 2)
        };
        let conflicting = r != Role::Subject
            && groups.len() + texts.len() >= 2
            && !co_agents
            && matches!(r, Role::Place | Role::Agent | Role::Destination);
        let keep: Vec<usize> = if conflicting {
            let mut claims: Vec<Claim> = groups
                .iter()
                .map(|g| {
                    let sup: Vec<usize> = with
                        .iter()
                        .copied()
                        .filter(|&i| {
                            ms[i]
                                .ents(r)
                                .is_some_and(|s| g.iter().any(|e| s.contains(e)))
                        })
                        .collect();
                    // The most supported of the most specific places (not
                    // containing another of the group) names the group.
                    let inner: Vec<usize> = g
                        .iter()
                        .copied()
                        .filter(|&e| {
                            !matches!(r, Role::Place | Role::Destination)
                                || !g.iter().any(|&x| x != e && places.reaches(x, e, 3))
                        })
                        .collect();
                    // (between equally supported ones, the one a piece of
                    // evidence names first: "at the Place de la Bastille in
                    // Paris", where no containment is known)
                    let first_named = |e: usize| {
                        sup.iter()
                            .filter_map(|&i| {
                                ms[i]
                                    .em
                                    .roles
                                    .iter()
                                    .filter(|f| f.role == r)
                                    .filter_map(|f| {
                                        f.entity.and_then(|le| {
                                            res.node_entity.get(ms[i].doc, le as usize)
                                        })
                                    })
                                    .position(|x| x == e)
                            })
                            .min()
                            .unwrap_or(usize::MAX)
                    };
                    let rep = inner
                        .iter()
                        .copied()
                        .max_by_key(|&e| {
                            (
                                sup.iter()
                                    .filter(|&&i| ms[i].ents(r).is_some_and(|s| s.contains(&e)))
                                    .count(),
                                std::cmp::Reverse(first_named(e)),
                                std::cmp::Reverse(e),
                            )
                        })
                        .unwrap_or(g[0]);
                    Claim {
                        value: name(rep),
                        members: sup,
                        days: 0,
                    }
                })
                .collect();
            claims.extend(texts.into_iter().map(|(value, members)| Claim {
                value,
                members,
                days: 0,
            }));
            let (best, reason) = pick(&claims, ms, &comp, docs, 1.0);
            conflicts.push(Conflict {
                field: r.as_str().to_string(),
                values: claims
                    .iter()
                    .map(|c| ConflictValue {
                        value: c.value.clone(),
                        sources: source_list(ms, docs, &c.members),
                    })
                    .collect(),
                preferred: claims[best].value.clone(),
                reason,
                ..Default::default()
            });
            // A place told only in words may win: no entity then.
            groups.get(best).cloned().unwrap_or_default()
        } else {
            all
        };
        let mut ids: Vec<String> = keep.iter().map(|&e| id(e)).collect();
        ids.sort();
        ids.dedup();
        *roles.get_mut(r) = ids;
        chosen.insert(r, keep);
    }

    // --- role text (fillers that are not entities)
    let mut role_text: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for &i in members {
        for (r, ts) in &ms[i].texts {
            if chosen.contains_key(r) && *r == Role::Subject {
                continue;
            }
            let v = role_text.entry(r.as_str().to_string()).or_default();
            for t in ts {
                if !v.iter().any(|x| x.eq_ignore_ascii_case(t)) {
                    v.push(t.clone());
                }
            }
        }
    }
    role_text.retain(|_, v| !v.is_empty());

    // --- evidence
    let mut evidence: Vec<Evidence> = Vec::new();
    let mut seen: BTreeSet<(String, usize, usize)> = BTreeSet::new();
    let mut sorted: Vec<usize> = members.to_vec();
    sorted.sort_by(|&a, &b| {
        (
            docs[ms[a].doc].id(),
            ms[a].em.evidence().start,
            ms[a].em.trigger().start,
            a,
        )
            .cmp(&(
                docs[ms[b].doc].id(),
                ms[b].em.evidence().start,
                ms[b].em.trigger().start,
                b,
            ))
    });
    for &i in &sorted {
        let em = ms[i].em;
        let key = (
            docs[ms[i].doc].id().to_string(),
            em.evidence().start,
            em.evidence().end,
        );
        if !seen.insert(key) {
            continue;
        }
        evidence.push(Evidence {
            source: docs[ms[i].doc].id().to_string(),
            start: em.evidence().start,
            end: em.evidence().end,
            text: em.evidence_text.to_string(),
            trigger: Some((em.trigger().start, em.trigger().end)),
            region: em.region.as_str().to_string(),
            time: ms[i].value.clone(),
        });
    }

    // --- confidence: strongest evidence per independent component
    let mut strength: BTreeMap<usize, f32> = BTreeMap::new();
    for &i in members {
        let s = strength.entry(comp[&i]).or_insert(0.0);
        *s = s.max(ms[i].weight);
    }
    let miss: f32 = strength.values().map(|s| 1.0 - w.gain * s).product();
    let confidence = round3(1.0 - miss);

    // --- description
    let mut vals: BTreeMap<&str, String> = BTreeMap::new();
    for &r in Role::ALL {
        let names: Vec<String> = chosen
            .get(&r)
            .map(|v| v.iter().map(|&e| name(e)).collect())
            .unwrap_or_default();
        let text = if names.is_empty() {
            role_text
                .get(r.as_str())
                .and_then(|v| v.first())
                .cloned()
                .unwrap_or_default()
        } else {
            names.join(" and ")
        };
        vals.insert(r.as_str(), text);
    }
    if vals.get("subject").is_none_or(|s| s.is_empty()) {
        vals.insert("subject", "someone".into());
    }
    let rule = rules.of(etype);
    let has_agent = vals.get("agent").is_some_and(|a| !a.is_empty());
    let description = fill(
        if has_agent {
            &rule.agentive
        } else {
            &rule.plain
        },
        &vals,
    );

    let event = Event {
        etype,
        time,
        roles,
        role_text,
        description,
        sources: source_list(ms, docs, members),
        independent_sources: n_indep,
        confidence,
        evidence,
        ..Default::default()
    };
    (event, conflicts, sort_iv)
}
