//! The event lexicon: triggers, default frames, closed-class words and
//! factuality cues, parsed once from the data files in `resources/events/`.

use annalist_model::{EventType, Role};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

const TRIGGERS: &str = include_str!("../../../resources/events/triggers.tsv");
const TYPES: &str = include_str!("../../../resources/events/types.tsv");
const WORDS: &str = include_str!("../../../resources/events/words.tsv");
const IRREGULAR: &str = include_str!("../../../resources/events/verbs_irregular.tsv");
const FACTUALITY: &str = include_str!("../../../resources/events/factuality.tsv");
/// The merge's table of event types (`once`: at most once per subject),
/// read here too so that the list exists in one place.
const KB_EVENT_TYPES: &str = include_str!("../../../resources/kb/event_types.tsv");

/// The closed word classes of `words.tsv` (one bit each).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Cl {
    Det,
    Poss,
    Pron,
    Rel,
    Prep,
    Conj,
    Sconj,
    Aux,
    Be,
    Modal,
    Neg,
    Adv,
    Clausepunct,
    Proxy,
    Placenoun,
    Entailing,
    Appos,
    TemporalSconj,
    Frameprep,
    Worknoun,
    Polity,
    Bodynoun,
    Locprep,
    Act,
    Weapon,
    Vicinity,
    Unitnoun,
    Opnoun,
    Speech,
    Commemoration,
    Later,
    Rhetoric,
    Counted,
    Rangesep,
    Lifecue,
    Reflexive,
    Ordering,
    Posterior,
    Sharedconj,
    /// Words saying the victim lived ("survived", "wounded"): a shooting
    /// with one after it is an attack (`survived=TYPE`).
    Survival,
    /// Accidents ("crash", "accident"): one killed in one with no killer
    /// named died (`accident=TYPE`).
    Accident,
    /// Places of custody ("prison", "gaol"): a move there implies an
    /// imprisonment (`custody=TYPE`).
    Custody,
    /// Prepositions putting an event noun before the clause's time ("a
    /// few days *after* Henry's suicide"): that time does not date it.
    Earlier,
    /// Where a shot struck ("in the head") and clock words ("p.m."): an
    /// agentless shooting so told is a killing, not an execution.
    Wound,
    Clock,
    /// Words naming a part of a body before "of" ("much of the Senate
    /// fled"): the phrase after "of" is the clause's subject.
    Partitive,
    /// Quantifiers floating between a subject and its verb ("both killed
    /// themselves"): skipped in the search for the subject.
    Floating,
    /// Plural nouns for people named together just before ("the couple",
    /// "the conspirators"): read like an unresolved "they".
    Members,
    /// Plural nouns for people, counted ("Eight men were tried: …").
    People,
    /// Nouns naming a group of people as one ("the family", "the
    /// rioters"): unresolved to names, such a phrase is the event's subject
    /// as words ("the Frank family moved to Amsterdam").
    Groupnoun,
    /// Nouns naming a household by its people ("the family", "his
    /// family"): with no name in the phrase, the family of the person the
    /// possessive or the text just before names, as "the Frank family".
    Kin,
    /// Cues opening a parenthesis of life dates ("John Wycliffe (*d.*
    /// 1384)", "(*born* 4 February 1906)"): the date after one is the
    /// person's birth or death.
    Lifeborn,
    Lifedied,
    /// Prepositions putting a clause inside an event ("*during* the
    /// Russian Revolution of 1905 she went to Warsaw"): the event's time
    /// dates the clause.
    Within,
    /// Nouns heading a named site ("the Auschwitz concentration *camp*",
    /// "the Ipatiev *house*"): with a capitalised word before them, a
    /// place where something happened.
    Sitenoun,
    /// A relative adverb after a time ("June 1647, *when* Joyce seized
    /// him"): the time dates the clause it opens.
    Timerel,
    /// Verbs two people do together ("married"): a "they" before one,
    /// with no list of names to stand for, is the last two people named.
    Reciprocal,
    /// Nouns for a married pair ("the couple"): with no list of names
    /// and no group before, the last two people named, of both sexes.
    Couple,
    /// Small words inside a work's title ("Tragedy *in* Dedham", "Marie
    /// Curie*:* A Life"), read with the title's capitalised words.
    Titleinner,
}

/// Set in [`Lexicon::bits`] for the words that have an entry in
/// [`Lexicon::index`] (above every [`Cl`] bit).
pub(crate) const TRIGGER_BIT: u64 = 1 << 63;

/// Set in [`Lexicon::bits`] for the words of a required (non-optional)
/// literal item after a trigger's head ("killed" in "have _ killed"): the
/// extractor's gate looks such words up only where this bit is set.
pub(crate) const REQUIRED_BIT: u64 = 1 << 62;

impl Cl {
    pub fn parse(s: &str) -> Option<Cl> {
        Some(match s {
            "det" => Cl::Det,
            "poss" => Cl::Poss,
            "pron" => Cl::Pron,
            "rel" => Cl::Rel,
            "prep" => Cl::Prep,
            "conj" => Cl::Conj,
            "sconj" => Cl::Sconj,
            "aux" => Cl::Aux,
            "be" => Cl::Be,
            "modal" => Cl::Modal,
            "neg" => Cl::Neg,
            "adv" => Cl::Adv,
            "clausepunct" => Cl::Clausepunct,
            "proxy" => Cl::Proxy,
            "placenoun" => Cl::Placenoun,
            "entailing" => Cl::Entailing,
            "appos" => Cl::Appos,
            "temporal_sconj" => Cl::TemporalSconj,
            "frameprep" => Cl::Frameprep,
            "worknoun" => Cl::Worknoun,
            "polity" => Cl::Polity,
            "bodynoun" => Cl::Bodynoun,
            "locprep" => Cl::Locprep,
            "act" => Cl::Act,
            "weapon" => Cl::Weapon,
            "vicinity" => Cl::Vicinity,
            "unitnoun" => Cl::Unitnoun,
            "opnoun" => Cl::Opnoun,
            "speech" => Cl::Speech,
            "commemoration" => Cl::Commemoration,
            "later" => Cl::Later,
            "rhetoric" => Cl::Rhetoric,
            "counted" => Cl::Counted,
            "rangesep" => Cl::Rangesep,
            "lifecue" => Cl::Lifecue,
            "reflexive" => Cl::Reflexive,
            "ordering" => Cl::Ordering,
            "posterior" => Cl::Posterior,
            "sharedconj" => Cl::Sharedconj,
            "survival" => Cl::Survival,
            "accident" => Cl::Accident,
            "custody" => Cl::Custody,
            "earlier" => Cl::Earlier,
            "wound" => Cl::Wound,
            "clock" => Cl::Clock,
            "partitive" => Cl::Partitive,
            "floating" => Cl::Floating,
            "members" => Cl::Members,
            "people" => Cl::People,
            "groupnoun" => Cl::Groupnoun,
            "kin" => Cl::Kin,
            "lifeborn" => Cl::Lifeborn,
            "lifedied" => Cl::Lifedied,
            "within" => Cl::Within,
            "sitenoun" => Cl::Sitenoun,
            "reciprocal" => Cl::Reciprocal,
            "couple" => Cl::Couple,
            "titleinner" => Cl::Titleinner,
            "timerel" => Cl::Timerel,
            _ => return None,
        })
    }
    pub fn bit(self) -> u64 {
        1 << (self as u32)
    }
}

/// One element of a trigger pattern.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum ItemKind {
    /// Any of these lower-case forms.
    Words(HashSet<String>),
    /// A possessive determiner or a possessive name ("his", "Trotsky's").
    Poss,
    /// A determiner.
    Det,
    /// A gap of 1..=4 tokens: the direct object ("Stalin stripped *him* of his posts").
    Gap,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Item {
    pub kind: ItemKind,
    pub optional: bool,
}

/// How the head word of a trigger behaves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum HeadKind {
    Verb,
    Noun,
    /// Literal forms that behave as verb participles (`born`, `founded`).
    Lit,
}

/// Which grammatical slot fills which role, plus the trigger's flags.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Frame {
    /// slot name (`subj`, `obj`, `poss`, `self`, `clause`, or a preposition) → role.
    pub slots: Vec<(String, Role)>,
    pub force_passive: bool,
    /// Only a passive use is this event (`voice=passive_only`: "were tried", not "tried to").
    pub passive_only: bool,
    /// `voice=passive_aux`: a passive with its auxiliary only ("they were
    /// married"), not a participle after a name ("Yusupov, married to the
    /// Tsar's niece", a state).
    pub passive_aux: bool,
    /// `voice=active_only`: only an active use is this event (a pattern
    /// whose gap is the object: "made *him* a cardinal"; the passive, "was
    /// made a cardinal", is read by another).
    pub active_only: bool,
    /// `unless=rhetoric`: no event when a word of that class follows in the
    /// clause ("attacked Stalin politically and personally through his
    /// books" is criticism, not an assault).
    pub unless: Option<Cl>,
    /// `object=none`: an intransitive reading only; a direct object that
    /// is no place ("*settled* the dispute", "*returning* government to
    /// the people") makes it no event.
    pub no_object: bool,
    /// `object=place`: only with a direct object that is a place (a Place
    /// entity or a `placenoun`): "*left* Rome", "*left* the city"; not
    /// "left his wife", "left office".
    pub place_object: bool,
    /// Another event the trigger entails for the same subject (`implies=death`).
    pub implies: Option<EventType>,
    pub require: Vec<String>,
    /// `forbid=ROLE:TYPE|TYPE`: drop the event when that role is filled by
    /// an entity of one of those types ("capturing Kiev" is no arrest).
    pub forbid: Vec<String>,
    /// `emit=none`: a longer reading that is no event ("succeeded in",
    /// "sued for peace"); it wins the overlap with the shorter trigger and
    /// emits nothing.
    pub veto: bool,
    pub passive_noagent: Option<EventType>,
    pub from_place: Option<EventType>,
    /// `of_work=TYPE`: retype when the subject is a work (a Work entity, or
    /// a phrase with a `worknoun`: "the album Desert Orchid"), which becomes the
    /// `work` role, the agent becoming the subject ("the album was
    /// released in 1988" is a publication, not a release from prison).
    pub of_work: Option<EventType>,
    /// `owner=none`: a noun trigger owned by a name or a noun ("the
    /// city's Hoa Lo *prison*") names a building, no event; "a Mexican
    /// prison", "his prison cell" stay.
    pub unowned: bool,
    /// `reflexive=TYPE`: retype when the object is the subject itself
    /// ("killed himself", "hanged herself": a suicide is a death, with no
    /// agent).
    pub reflexive: Option<EventType>,
    /// `survived=TYPE`: retype when a `survival` word follows in the
    /// sentence ("was shot in the back … but survived" is an attack).
    pub survived: Option<EventType>,
    /// `accident=TYPE`: retype a passive with no agent when an `accident`
    /// word follows in the clause ("was killed in a car crash" is a death).
    pub accident: Option<EventType>,
    /// `custody=TYPE`: a destination that is a place of custody implies an
    /// event of TYPE there ("was sent to Pentonville prison": imprisoned).
    pub custody: Option<EventType>,
    /// Types whose trigger in the same clause makes this one its complement
    /// (`part_of=sentence`: "sentenced to ten years *in prison*" is the
    /// sentence, not an imprisonment).
    pub part_of: Vec<EventType>,
    /// `pair=ROLE`: a mutual event ("they were married"): told of two
    /// people at once with no one in ROLE, each takes the other there.
    pub pair: Option<Role>,
}

impl Frame {
    pub fn slot(&self, name: &str) -> Option<Role> {
        self.slots.iter().find(|(s, _)| s == name).map(|(_, r)| *r)
    }
    fn parse(s: &str) -> Result<Frame, String> {
        let event_type = |v: &str| EventType::parse(v).ok_or_else(|| format!("bad type {v}"));
        let mut f = Frame::default();
        for kv in s.split_whitespace() {
            let (k, v) = kv
                .split_once('=')
                .ok_or_else(|| format!("bad frame item {kv}"))?;
            match k {
                "voice" => {
                    f.force_passive = v == "passive";
                    f.passive_aux = v == "passive_aux";
                    f.passive_only = v == "passive_only" || f.passive_aux;
                    f.active_only = v == "active_only";
                }
                "object" if v == "none" => f.no_object = true,
                "object" if v == "place" => f.place_object = true,
                "owner" if v == "none" => f.unowned = true,
                "unless" => {
                    f.unless = Some(Cl::parse(v).ok_or_else(|| format!("unknown word class {v}"))?)
                }
                "require" => f.require.push(v.to_string()),
                "emit" if v == "none" => f.veto = true,
                "forbid" => {
                    let spec = v.split_once(':').filter(|(_, t)| !t.is_empty());
                    if spec.and_then(|(r, _)| Role::parse(r)).is_none() {
                        return Err(format!("forbid needs ROLE:TYPE, got {v}"));
                    }
                    f.forbid.push(v.to_string())
                }
                "passive_noagent" => f.passive_noagent = Some(event_type(v)?),
                "implies" => f.implies = Some(event_type(v)?),
                "part_of" => {
                    for t in v.split('|') {
                        f.part_of.push(event_type(t)?);
                    }
                }
                "from_place" => f.from_place = Some(event_type(v)?),
                "reflexive" => f.reflexive = Some(event_type(v)?),
                "accident" => f.accident = Some(event_type(v)?),
                "custody" => f.custody = Some(event_type(v)?),
                "survived" => f.survived = Some(event_type(v)?),
                "of_work" => f.of_work = Some(event_type(v)?),
                "pair" => f.pair = Some(Role::parse(v).ok_or_else(|| format!("bad role {v}"))?),
                _ => {
                    let r = Role::parse(v).ok_or_else(|| format!("bad role {v}"))?;
                    f.slots.retain(|(s, _)| s != k);
                    f.slots.push((k.to_string(), r));
                }
            }
        }
        Ok(f)
    }
    /// `self` with the keys of `defaults` it does not set itself, and the
    /// exclusions of both.
    fn merged(mut self, defaults: &Frame) -> Frame {
        for (k, r) in &defaults.slots {
            if self.slot(k).is_none() {
                self.slots.push((k.clone(), *r));
            }
        }
        for f in &defaults.forbid {
            if !self.forbid.contains(f) {
                self.forbid.push(f.clone());
            }
        }
        self.custody = self.custody.or(defaults.custody);
        self
    }
}

#[derive(Clone, Debug)]
pub(crate) struct Trigger {
    pub etype: EventType,
    pub head: HeadKind,
    /// Past-participle forms of the head (for voice detection).
    pub participles: HashSet<String>,
    pub items: Vec<Item>,
    pub frame: Frame,
    pub weight: f32,
}

/// A factuality cue.
#[derive(Clone, Debug)]
pub(crate) struct Cue {
    pub category: annalist_model::Factuality,
    pub words: Vec<HashSet<String>>,
    pub scope: CueScope,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum CueScope {
    Before,
    /// Right before the trigger ("nearly killed", not "nearly 100 were
    /// killed").
    Next,
    Sentence,
    Start,
}

/// Everything the extractor knows about words.
#[derive(Debug)]
pub(crate) struct Lexicon {
    pub triggers: Vec<Trigger>,
    /// First-token form → triggers starting with it.
    pub index: HashMap<String, Vec<usize>>,
    /// Word → bit set of its [`Cl`] classes (one hash per look-up).
    pub classes: HashMap<String, u64>,
    /// Multiword prepositions: token sequence → canonical preposition.
    pub mwprep: Vec<(Vec<String>, String)>,
    /// Quantifying phrases before a number ("at least", "more than"): with
    /// the number they open a noun phrase ("killed *at least 110* people").
    pub quantifiers: Vec<Vec<String>>,
    /// Prefixes a hyphen glues to a verb ("*re*-elected"), read as part of it.
    pub verb_prefixes: HashSet<String>,
    pub numbers: HashMap<String, u32>,
    pub cues: Vec<Cue>,
    /// A cue's first word → the cues starting with it.
    pub cue_index: HashMap<String, Vec<usize>>,
    /// Types that happen at most once to their subject (birth, death…):
    /// one document's dates of such an event must agree.
    pub once: Vec<EventType>,
    /// Mutual types (`pair=ROLE` in `types.tsv`): two subjects with no one
    /// in ROLE each take the other there.
    pub pairs: Vec<(EventType, Role)>,
}

/// The types marked `yes` in the `once` column (the second) of
/// `resources/kb/event_types.tsv`.
fn once_types(table: &str) -> Result<Vec<EventType>, String> {
    let mut once = Vec::new();
    for l in table
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
    {
        let mut f = l.split('\t');
        let t = f.next().unwrap_or_default();
        let t = EventType::parse(t).ok_or_else(|| format!("bad type {t}"))?;
        if f.next() == Some("yes") {
            once.push(t);
        }
    }
    Ok(once)
}

impl Lexicon {
    pub fn load() -> Lexicon {
        // The data files are part of the crate: a parse error is a bug caught by the tests.
        let mut lex = Self::parse(TRIGGERS, TYPES, WORDS, IRREGULAR, FACTUALITY)
            .unwrap_or_else(|e| panic!("invalid resources/events data: {e}"));
        lex.once = once_types(KB_EVENT_TYPES)
            .unwrap_or_else(|e| panic!("invalid resources/kb/event_types.tsv: {e}"));
        lex
    }

    pub fn parse(
        triggers: &str,
        types: &str,
        words: &str,
        irregular: &str,
        factuality: &str,
    ) -> Result<Lexicon, String> {
        fn data_lines(s: &str) -> Vec<&str> {
            s.lines()
                .map(str::trim_end)
                .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
                .collect()
        }

        let mut classes: HashMap<String, u64> = HashMap::default();
        let mut mwprep = Vec::new();
        let mut quantifiers = Vec::new();
        let mut verb_prefixes = HashSet::default();
        let mut numbers = HashMap::default();
        // `@NAME` lines: word sets a trigger pattern names as one item
        // (`become/V DET? @office`).
        let mut sets: HashMap<&str, HashSet<String>> = HashMap::default();
        for l in data_lines(words) {
            let (class, list) = l
                .split_once('\t')
                .ok_or_else(|| format!("bad words line {l}"))?;
            match class {
                "mwprep" => {
                    for m in list.split('|') {
                        let (p, c) = m.split_once('=').ok_or_else(|| format!("bad mwprep {m}"))?;
                        mwprep.push((
                            p.split_whitespace().map(str::to_string).collect(),
                            c.trim().to_string(),
                        ));
                    }
                }
                "quantifier" => {
                    for m in list.split('|') {
                        let q: Vec<String> = m.split_whitespace().map(str::to_string).collect();
                        if q.is_empty() {
                            return Err(format!("empty quantifier in {l}"));
                        }
                        quantifiers.push(q);
                    }
                }
                "verbprefix" => {
                    verb_prefixes.extend(list.split_whitespace().map(str::to_string));
                }
                set if set.starts_with('@') => {
                    sets.entry(set)
                        .or_default()
                        .extend(list.split_whitespace().map(str::to_string));
                }
                "number" => {
                    for m in list.split_whitespace() {
                        let (w, n) = m.split_once('=').ok_or_else(|| format!("bad number {m}"))?;
                        numbers.insert(w.to_string(), n.parse().map_err(|_| m.to_string())?);
                    }
                }
                _ => {
                    let cl =
                        Cl::parse(class).ok_or_else(|| format!("unknown word class {class}"))?;
                    for w in list.split_whitespace() {
                        *classes.entry(w.to_string()).or_default() |= cl.bit();
                    }
                }
            }
        }
        mwprep.sort_by_key(|(p, _): &(Vec<String>, String)| std::cmp::Reverse(p.len()));

        let mut irr: HashMap<String, [Vec<String>; 4]> = HashMap::default();
        for l in data_lines(irregular) {
            let f: Vec<&str> = l.split('\t').collect();
            if f.len() < 3 {
                return Err(format!("bad irregular verb line {l}"));
            }
            let split = |s: &str| {
                s.split('|')
                    .filter(|w| *w != "-" && !w.is_empty())
                    .map(str::to_string)
                    .collect::<Vec<_>>()
            };
            irr.insert(
                f[0].to_string(),
                [
                    split(f[1]),
                    split(f[2]),
                    f.get(3).map(|s| split(s)).unwrap_or_default(),
                    f.get(4).map(|s| split(s)).unwrap_or_default(),
                ],
            );
        }

        let mut defaults: HashMap<EventType, Frame> = HashMap::default();
        let mut pairs = Vec::new();
        for l in data_lines(types) {
            let (t, fr) = l
                .split_once('\t')
                .ok_or_else(|| format!("bad types line {l}"))?;
            let t = EventType::parse(t).ok_or_else(|| format!("bad type {t}"))?;
            let frame = Frame::parse(fr)?;
            if let Some(r) = frame.pair {
                pairs.push((t, r));
            }
            defaults.insert(t, frame);
        }

        let mut trigs = Vec::new();
        let mut index: HashMap<String, Vec<usize>> = HashMap::default();
        for l in data_lines(triggers) {
            let f: Vec<&str> = l.split('\t').collect();
            if f.len() < 4 {
                return Err(format!("trigger line needs 4 fields: {l}"));
            }
            let etype = EventType::parse(f[0]).ok_or_else(|| format!("bad type {}", f[0]))?;
            let weight: f32 = f[3].trim().parse().map_err(|_| format!("bad weight {l}"))?;
            let frame =
                Frame::parse(f[2])?.merged(defaults.get(&etype).unwrap_or(&Frame::default()));
            let mut items = Vec::new();
            let mut head = HeadKind::Lit;
            let mut participles = HashSet::default();
            for (i, raw) in f[1].split_whitespace().enumerate() {
                let (raw, optional) = match raw.strip_suffix('?') {
                    Some(r) => (r, true),
                    None => (raw, false),
                };
                let kind = match raw {
                    "POSS" => ItemKind::Poss,
                    "DET" => ItemKind::Det,
                    "_" => ItemKind::Gap,
                    set if set.starts_with('@') => ItemKind::Words(
                        sets.get(set)
                            .cloned()
                            .ok_or_else(|| format!("unknown word set {set} in {l}"))?,
                    ),
                    _ => {
                        let (alts, pos) = match raw.rsplit_once('/') {
                            Some((a, p)) => (a, p),
                            None => (raw, ""),
                        };
                        let mut forms = HashSet::default();
                        for a in alts.split('|') {
                            match pos {
                                "V" => {
                                    let vf = verb_forms(a, &irr);
                                    if i == 0 {
                                        participles.extend(vf.participles.iter().cloned());
                                    }
                                    forms.extend(vf.all);
                                }
                                "N" => {
                                    forms.insert(a.to_string());
                                    forms.insert(plural(a));
                                }
                                _ => {
                                    if i == 0 && (a.ends_with("ed") || pos == "L") {
                                        participles.insert(a.to_string());
                                    }
                                    forms.insert(a.to_string());
                                }
                            }
                        }
                        if i == 0 {
                            head = match pos {
                                "V" => HeadKind::Verb,
                                "N" => HeadKind::Noun,
                                _ => HeadKind::Lit,
                            };
                        }
                        ItemKind::Words(forms)
                    }
                };
                items.push(Item { kind, optional });
            }
            let Some(first) = items.first() else {
                return Err(format!("empty pattern: {l}"));
            };
            let ItemKind::Words(forms) = &first.kind else {
                return Err(format!("a pattern must start with a word: {l}"));
            };
            let id = trigs.len();
            for w in forms {
                index.entry(w.clone()).or_default().push(id);
            }
            trigs.push(Trigger {
                etype,
                head,
                participles,
                items,
                frame,
                weight,
            });
        }

        let mut cues = Vec::new();
        for l in data_lines(factuality) {
            let f: Vec<&str> = l.split('\t').collect();
            if f.len() < 3 {
                return Err(format!("bad factuality line {l}"));
            }
            use annalist_model::Factuality as F;
            let category = match f[0] {
                "negated" => F::Negated,
                "hypothetical" => F::Hypothetical,
                "question" => F::Question,
                "reported" => F::Reported,
                // A phrase that looks like a cue and is none ("not long
                // after"): its words open no other cue.
                "asserted" => F::Asserted,
                c => return Err(format!("bad factuality category {c}")),
            };
            let scope = match f[2].trim() {
                "before" => CueScope::Before,
                "next" => CueScope::Next,
                "sentence" => CueScope::Sentence,
                "start" => CueScope::Start,
                s => return Err(format!("bad cue scope {s}")),
            };
            let words = f[1]
                .split_whitespace()
                .map(|w| w.split('|').map(str::to_string).collect())
                .collect();
            cues.push(Cue {
                category,
                words,
                scope,
            });
        }

        let mut cue_index: HashMap<String, Vec<usize>> = HashMap::default();
        for (ci, c) in cues.iter().enumerate() {
            for w in c.words.first().into_iter().flatten() {
                cue_index.entry(w.clone()).or_default().push(ci);
            }
        }
        // Words that head a trigger carry TRIGGER_BIT in their class bits,
        // so that the per-token look-ups of `index` happen only for them.
        for w in index.keys() {
            *classes.entry(w.clone()).or_default() |= TRIGGER_BIT;
        }
        for t in &trigs {
            for item in t.items.iter().skip(1).filter(|i| !i.optional) {
                if let ItemKind::Words(set) = &item.kind {
                    for w in set {
                        *classes.entry(w.clone()).or_default() |= REQUIRED_BIT;
                    }
                }
            }
        }
        Ok(Lexicon {
            triggers: trigs,
            index,
            classes,
            mwprep,
            quantifiers,
            verb_prefixes,
            numbers,
            cues,
            cue_index,
            once: Vec::new(),
            pairs,
        })
    }

    pub fn is(&self, class: Cl, w: &str) -> bool {
        self.bits(w) & class.bit() != 0
    }

    /// Trigger candidates of a word (its entry in `index`), looked up only
    /// when its class bits say it has one.
    pub fn triggers_of(&self, w: &str, bits: u64) -> Option<&Vec<usize>> {
        if bits & TRIGGER_BIT == 0 {
            return None;
        }
        self.index.get(w)
    }

    /// Whether a lower-cased word is the past participle of a verb trigger
    /// ("shot", "hanged"), whatever a tagger made of it.
    pub fn is_trigger_participle(&self, w: &str, bits: u64) -> bool {
        self.triggers_of(w, bits).is_some_and(|ts| {
            ts.iter().any(|&t| {
                let t = &self.triggers[t];
                t.head != HeadKind::Noun && t.participles.contains(w)
            })
        })
    }

    /// The class bits of a lower-cased word.
    pub fn bits(&self, w: &str) -> u64 {
        self.classes.get(w).copied().unwrap_or(0)
    }
}

pub(crate) struct VerbForms {
    pub all: Vec<String>,
    pub participles: Vec<String>,
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u')
}

/// Inflections of a verb lemma: base, -s, past, past participle, -ing.
/// Irregular and consonant-doubling verbs come from `verbs_irregular.tsv`.
pub(crate) fn verb_forms(lemma: &str, irr: &HashMap<String, [Vec<String>; 4]>) -> VerbForms {
    let mut all = vec![lemma.to_string()];
    if let Some([past, pp, ing, s3]) = irr.get(lemma) {
        if s3.is_empty() {
            all.push(third_person(lemma));
        } else {
            all.extend(s3.iter().cloned());
        }
        all.extend(past.iter().cloned());
        all.extend(pp.iter().cloned());
        if ing.is_empty() {
            all.push(ing_form(lemma));
        } else {
            all.extend(ing.iter().cloned());
        }
        return VerbForms {
            all,
            participles: pp.clone(),
        };
    }
    all.push(third_person(lemma));
    let past = if lemma.ends_with('e') {
        format!("{lemma}d")
    } else if let Some(stem) = consonant_y(lemma) {
        format!("{stem}ied")
    } else {
        format!("{lemma}ed")
    };
    all.push(past.clone());
    all.push(ing_form(lemma));
    VerbForms {
        all,
        participles: vec![past],
    }
}

/// The stem before a final consonant + `y` ("marry" → "marr").
fn consonant_y(w: &str) -> Option<&str> {
    let stem = w.strip_suffix('y')?;
    let last = stem.chars().last()?;
    (!is_vowel(last)).then_some(stem)
}

fn third_person(w: &str) -> String {
    if let Some(stem) = consonant_y(w) {
        format!("{stem}ies")
    } else if ["s", "x", "z", "ch", "sh", "o"]
        .iter()
        .any(|s| w.ends_with(s))
    {
        format!("{w}es")
    } else {
        format!("{w}s")
    }
}

fn ing_form(w: &str) -> String {
    if let Some(stem) = w.strip_suffix("ie") {
        format!("{stem}ying")
    } else if w.ends_with('e') && !w.ends_with("ee") && w.len() > 2 {
        format!("{}ing", &w[..w.len() - 1])
    } else {
        format!("{w}ing")
    }
}

pub(crate) fn plural(w: &str) -> String {
    third_person(w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resources_parse() {
        let l = Lexicon::load();
        assert!(l.triggers.len() > 100);
        assert!(l.index.contains_key("assassinated"));
        assert!(l.index.contains_key("died"));
        assert!(l.index.contains_key("dying"));
        assert!(l.index.contains_key("fled"));
        assert!(l.index.contains_key("assassinations"));
        assert!(l.is(Cl::Prep, "with"));
        assert_eq!(l.numbers.get("eight"), Some(&8));
    }

    #[test]
    fn inflections() {
        let irr = HashMap::default();
        let f = verb_forms("marry", &irr);
        assert!(f.all.contains(&"married".to_string()));
        assert!(f.all.contains(&"marries".to_string()));
        let f = verb_forms("exile", &irr);
        assert!(f.all.contains(&"exiled".to_string()) && f.all.contains(&"exiling".to_string()));
        assert_eq!(f.participles, vec!["exiled".to_string()]);
        let f = verb_forms("die", &irr);
        assert!(f.all.contains(&"dying".to_string()));
        assert_eq!(plural("assassination"), "assassinations");
    }
}
