//! Entity resolution across documents: one [`Entity`] per real-world
//! referent, from the local entities of every document.
//!
//! Passes (each a union over a disjoint-set forest of local entities, in
//! canonical document order, so the result is deterministic):
//!
//! 1. **Full names**: local entities of one type class sharing a name of two
//!    or more words (its name or an alias the text stage found: byname,
//!    known as, real name…) after accent folding, title removal and
//!    transliteration keys (Trotsky = Trotskii = Trotzki).
//! 2. **Single names** ("Stalin", "ILO") shared by two local entities, when
//!    their documents share some other entity (two different Nikolaevs in
//!    unrelated documents stay apart).
//! 3. **Partial names** (persons): a cluster known only by one word joins
//!    the cluster whose full name has it as surname when that is the only
//!    candidate; when several fit, the one sharing strictly most context,
//!    and never one that the text stage kept apart in the same document
//!    (father and son). A given name alone that is nobody's surname joins
//!    the one person whose full name starts with it, when the contexts
//!    agree ("Galileo" = "Galileo Galilei"). Acronyms in
//!    capitals join the one cluster with those initials ("ILO"). Full names
//!    that differ only by a missing middle name (patronymic) join too.
//! 4. **Misspellings**: names equal but for one word within a small edit
//!    distance (Mercador / Mercader), merged only when the contexts agree.
//!
//! Types must agree (organization and group count as one class).

use crate::dedup::Dsu;
use crate::merge::{DocSummary, Strings, Sym};
use crate::names::{lexicon, max_typo, osa_distance, slug, NameKey, NameRules};
use annalist_model::{Entity, EntityAlias, EntityType, MentionForm, SourceSpan};
use rustc_hash::{FxHashMap, FxHashSet};
use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

/// The result of resolution.
#[derive(Debug, Default)]
pub struct Resolved {
    /// Sorted by id.
    pub entities: Vec<Entity>,
    /// Each local entity's index into `entities`
    /// (`node_entity.get(doc, local)`).
    pub node_entity: PerLocal,
    /// Place containment learned from the texts ("Coyoacán, Mexico"):
    /// (inner, outer) entity indices.
    pub within: BTreeSet<(usize, usize)>,
}

impl Resolved {
    pub fn entity_of(&self, doc: usize, local: usize) -> Option<&Entity> {
        self.entities.get(self.node_entity.get(doc, local)?)
    }
}

/// A number or none for every local entity of the corpus, in one flat list
/// (document after document), not a vector per document: one entry per
/// local entity is 4 bytes, where `Vec<Vec<Option<usize>>>` took 16 plus
/// a vector per document.
#[derive(Debug, Default)]
pub struct PerLocal {
    /// Document `d`'s entries are `vals[at[d]..at[d + 1]]`.
    at: Vec<u32>,
    /// `u32::MAX`: none.
    vals: Vec<u32>,
}

impl PerLocal {
    fn with_capacity(docs: usize, locals: usize) -> PerLocal {
        let mut at = Vec::with_capacity(docs + 1);
        at.push(0);
        PerLocal {
            at,
            vals: Vec::with_capacity(locals),
        }
    }
    /// Appends the next document's entries.
    fn push_doc(&mut self, row: impl IntoIterator<Item = Option<usize>>) {
        self.vals
            .extend(row.into_iter().map(|x| x.map_or(u32::MAX, idx)));
        self.at.push(idx(self.vals.len()));
    }
    /// The entry of local entity `local` of document `doc`.
    pub fn get(&self, doc: usize, local: usize) -> Option<usize> {
        let (from, to) = (*self.at.get(doc)? as usize, *self.at.get(doc + 1)? as usize);
        let x = *self.vals.get(from..to)?.get(local)?;
        (x != u32::MAX).then_some(x as usize)
    }
    /// Every entry through `f` (none stays none), in place.
    fn map(mut self, f: impl Fn(usize) -> Option<usize>) -> PerLocal {
        for x in &mut self.vals {
            if *x != u32::MAX {
                *x = f(*x as usize).map_or(u32::MAX, idx);
            }
        }
        self
    }
}

/// Alias cues (the text stage's `how`) naming a person's other name, not
/// the full form of the one the texts use: a birth name, a real name
/// behind a pen name, a pen name.
const OTHER_NAME_CUES: &[&str] = &["born", "real_name", "pseudonym"];

fn class(t: EntityType) -> u8 {
    match t {
        EntityType::Person => 0,
        EntityType::Place => 1,
        EntityType::Organization | EntityType::Group => 2,
        EntityType::Work => 3,
        EntityType::EventName => 4,
    }
}

/// A local entity (or a name split off one) as resolution sees it. One per
/// local entity of the corpus, so kept small (48 bytes): the names that
/// identify it are a range of one flat list, what only a few nodes have is
/// boxed apart ([`Rare`]).
struct Node {
    doc: u32,
    local: u32,
    mentions: u32,
    /// Names that identify the entity on their own: a range of the flat
    /// list of every node's anchors (see [`Node::anchors`]).
    anchors: (u32, u32),
    gender: Option<Sym>,
    class: u8,
    /// The type, corrected by event evidence.
    etype: EntityType,
    /// The local name is a heading ("Killing of Grigori Rasputin"): never
    /// the canonical name.
    heading: bool,
    /// The local name (for a split-off node: its fullest name), cleaned,
    /// and folded.
    name: Rc<(String, String)>,
    /// None for most nodes.
    rare: Option<Box<Rare>>,
}

// One per local entity of the corpus: a larger node is a larger merge.
#[cfg(target_pointer_width = "64")]
const _: () = assert!(std::mem::size_of::<Node>() == 48);

/// What only a few nodes have.
#[derive(Default)]
struct Rare {
    /// Names of the local entity that belong to somebody else.
    skip: BTreeSet<String>,
    /// A node split off a local entity: only these of its names.
    only: Option<BTreeSet<String>>,
    /// Names moved here from another local entity: (alias, how, span).
    extra: Vec<(String, String, Option<annalist_model::Span>)>,
    /// The gazetteer spelling of a misspelt place name.
    gaz: Option<String>,
}

impl Node {
    /// The node's anchors in `all`, the flat list of every node's.
    fn anchors<'a>(&self, all: &'a [Rc<NameKey>]) -> &'a [Rc<NameKey>] {
        all.get(self.arange()).unwrap_or(&[])
    }
    /// The range of the node's anchors in the flat list.
    fn arange(&self) -> std::ops::Range<usize> {
        self.anchors.0 as usize..self.anchors.1 as usize
    }
    fn doc(&self) -> usize {
        self.doc as usize
    }
    fn local(&self) -> usize {
        self.local as usize
    }
    fn mentions(&self) -> usize {
        self.mentions as usize
    }
    /// A split-off node: only these names of its local entity.
    fn only(&self) -> Option<&BTreeSet<String>> {
        self.rare.as_ref()?.only.as_ref()
    }
    fn gaz(&self) -> Option<&String> {
        self.rare.as_ref()?.gaz.as_ref()
    }
    fn extra(&self) -> &[(String, String, Option<annalist_model::Span>)] {
        self.rare.as_ref().map_or(&[], |r| &r.extra)
    }
    /// Whether `t` (cleaned) is a name of this node's own.
    fn keeps(&self, t: &str) -> bool {
        match &self.rare {
            None => true,
            Some(r) => match &r.only {
                Some(set) => set.contains(t),
                None => !r.skip.contains(t),
            },
        }
    }
}

/// The clusters of resolution's disjoint-set forest at one point: root ->
/// members (ascending), in root order, in one flat list (no vector per
/// cluster, no tree search per look-up). The root of a cluster is its
/// smallest member ([`Dsu`]).
struct Clusters {
    roots: Vec<usize>,
    /// Cluster `k`'s members are `members[at[k]..at[k + 1]]`.
    at: Vec<u32>,
    members: Vec<usize>,
    /// Per node: the position of its cluster when it is a root, else `u32::MAX`.
    pos: Vec<u32>,
    /// Per cluster: its type class.
    class: Vec<u8>,
}

impl Clusters {
    /// The clusters of nodes whose roots are `root_of`, with `class_of`
    /// of each cluster's members.
    fn new(root_of: &[usize], class_of: impl Fn(&[usize]) -> u8) -> Clusters {
        let n = root_of.len();
        let mut size = vec![0u32; n];
        for &r in root_of {
            size[r] += 1;
        }
        let mut pos = vec![u32::MAX; n];
        let mut roots = Vec::new();
        let mut at = vec![0u32];
        for (r, &k) in size.iter().enumerate() {
            if k > 0 {
                pos[r] = idx(roots.len());
                roots.push(r);
                at.push(at[at.len() - 1] + k);
            }
        }
        // Fill: nodes in ascending order, so members come ascending.
        let mut next: Vec<u32> = at[..roots.len()].to_vec();
        let mut members = vec![0usize; n];
        for (i, &r) in root_of.iter().enumerate() {
            let k = pos[r] as usize;
            members[next[k] as usize] = i;
            next[k] += 1;
        }
        let mut c = Clusters {
            roots,
            at,
            members,
            pos,
            class: Vec::new(),
        };
        c.class = (0..c.roots.len()).map(|k| class_of(c.slice(k))).collect();
        c
    }
    fn slice(&self, k: usize) -> &[usize] {
        &self.members[self.at[k] as usize..self.at[k + 1] as usize]
    }
    /// The members of the cluster whose root is `r`.
    fn get(&self, r: &usize) -> Option<&[usize]> {
        let k = *self.pos.get(*r)?;
        (k != u32::MAX).then(|| self.slice(k as usize))
    }
    /// The type class of the cluster whose root is `r`.
    fn class(&self, r: usize) -> u8 {
        self.pos
            .get(r)
            .and_then(|&k| self.class.get(k as usize))
            .copied()
            .unwrap_or(0)
    }
    fn iter(&self) -> impl Iterator<Item = (&usize, &[usize])> {
        self.roots
            .iter()
            .enumerate()
            .map(move |(k, r)| (r, self.slice(k)))
    }
    fn values(&self) -> impl Iterator<Item = &[usize]> {
        (0..self.roots.len()).map(move |k| self.slice(k))
    }
    fn len(&self) -> usize {
        self.roots.len()
    }
}

impl std::ops::Index<&usize> for Clusters {
    type Output = [usize];
    fn index(&self, r: &usize) -> &[usize] {
        self.get(r).unwrap_or(&[])
    }
}

/// Boxes `r` unless it holds nothing.
fn rare(r: Rare) -> Option<Box<Rare>> {
    (!r.skip.is_empty() || r.only.is_some() || !r.extra.is_empty() || r.gaz.is_some())
        .then(|| Box::new(r))
}

/// An offset into one of resolution's flat lists (far below 4 G entries).
fn idx(x: usize) -> u32 {
    u32::try_from(x).unwrap_or(u32::MAX)
}

/// One-word names typed as a person in other documents: a one-word name
/// the tagger took for a place or a body in one document ("Stalin", tagged a
/// place in a page where every other source calls him a person) is that
/// person, unless the gazetteer knows the name as a place (the city of
/// Kirov) or another document also types it a place or a body.
struct PeopleVote {
    /// Per folded one-word name: the name, and (documents typing it a
    /// person, documents typing it a place or organization), each as the
    /// last document seen and a count.
    votes: Vec<(String, [(usize, u32); 2])>,
    /// Summary string → its slot in `votes` (`u32::MAX`: none).
    slot: Vec<u32>,
    /// Folded one-word names the corpus also names as an administrative
    /// area ("Hunan" of "Hunan Province": a designator of a synonym class
    /// in `designators.tsv`).
    areas: FxHashSet<String>,
}

impl PeopleVote {
    /// Person votes needed from other documents.
    const MIN_PERSON_DOCS: u32 = 2;

    fn count(docs: &[DocSummary], strs: &Strings) -> PeopleVote {
        let rules = NameRules::get();
        const UNSEEN: u32 = u32::MAX - 1;
        let mut slot = vec![UNSEEN; strs.len()];
        let mut by_fold: FxHashMap<String, u32> = FxHashMap::default();
        let mut votes: Vec<(String, [(usize, u32); 2])> = Vec::new();
        // The slot of folded name `f`, made on first sight.
        fn slot_of(
            by_fold: &mut FxHashMap<String, u32>,
            votes: &mut Vec<(String, [(usize, u32); 2])>,
            f: String,
        ) -> u32 {
            *by_fold.entry(f).or_insert_with_key(|f| {
                votes.push((f.clone(), [(usize::MAX, 0); 2]));
                votes.len() as u32 - 1
            })
        }
        // One vote of document `di` for `side`, counted once per document.
        fn vote(v: &mut [(usize, u32); 2], side: usize, di: usize) {
            if v[side].0 != di {
                v[side] = (di, v[side].1 + 1);
            }
        }
        let mut areas: FxHashSet<String> = FxHashSet::default();
        let lex = lexicon::Lexicon::get();
        for (di, d) in docs.iter().enumerate() {
            for le in &d.entities {
                // ("Hunan Province" is a place vote for "Hunan")
                if le.etype == EntityType::Place {
                    let f = rules.fold(strs.str(le.name));
                    if let Some((name, last)) = f.split_once(' ') {
                        if !name.contains(' ') && matches!(lex.designator(last), Some(Some(_))) {
                            areas.insert(name.to_string());
                            let x = slot_of(&mut by_fold, &mut votes, name.to_string());
                            vote(&mut votes[x as usize].1, 1, di);
                        }
                    }
                }
                let side = match le.etype {
                    EntityType::Person => 0,
                    EntityType::Place | EntityType::Organization => 1,
                    _ => continue,
                };
                let Some(x) = slot.get_mut(le.name.index()) else {
                    continue;
                };
                if *x == UNSEEN {
                    let f = rules.fold(strs.str(le.name));
                    *x = if f.is_empty() || f.contains(' ') {
                        u32::MAX
                    } else {
                        slot_of(&mut by_fold, &mut votes, f)
                    };
                }
                let Some(v) = votes.get_mut(*x as usize) else {
                    continue;
                };
                vote(&mut v.1, side, di);
            }
        }
        PeopleVote { votes, slot, areas }
    }

    /// The folded `name` and the numbers of *other* documents than `doc`
    /// typing it a person and a place or body (this document's own votes
    /// are the ones being questioned).
    fn others(&self, name: Sym, doc: usize) -> Option<(&str, u32, u32)> {
        let (f, v) = self
            .slot
            .get(name.index())
            .and_then(|&x| self.votes.get(x as usize))?;
        let persons = v[0].1 - u32::from(v[0].0 == doc);
        let others = v[1].1 - u32::from(v[1].0 == doc);
        Some((f, persons, others))
    }

    /// Whether other documents say `name` (typed a place or a body in
    /// document `doc`) is a person.
    fn says_person(&self, name: Sym, doc: usize) -> bool {
        self.others(name, doc).is_some_and(|(f, persons, others)| {
            persons >= Self::MIN_PERSON_DOCS && others == 0 && !lexicon::Lexicon::get().is_place(f)
        })
    }

    /// Whether other documents say `name` (typed a person in document
    /// `doc`) is a place or a body: a gazetteer place that at least
    /// [`Self::MIN_PLACE_DOCS`] other documents type so and none a person
    /// ("Rome had a secret pact with France", the tagger's person).
    fn says_place(&self, name: Sym, doc: usize) -> bool {
        self.others(name, doc).is_some_and(|(f, persons, others)| {
            persons == 0 && others >= Self::MIN_PLACE_DOCS && lexicon::Lexicon::get().is_place(f)
        })
    }

    /// Place votes needed from other documents.
    const MIN_PLACE_DOCS: u32 = 2;

    /// Whether `name` (typed a person in document `doc`) is an area the
    /// corpus names with its designator ("Hunan Province") and other
    /// documents type a place or body at least as often as a person: the
    /// tagger's person for a province it does not know.
    fn says_area(&self, name: Sym, doc: usize) -> bool {
        self.others(name, doc).is_some_and(|(f, persons, others)| {
            others > 0 && others >= persons && self.areas.contains(f)
        })
    }
}

/// How a node joined its cluster (for alias evidence).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Via {
    Surface,
    CrossDocument,
    Misspelling,
}

fn clean(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub fn resolve(docs: &[DocSummary], strs: &Strings) -> Resolved {
    resolve_traced(docs, strs, &mut |_| {})
}

/// [`resolve`], calling `stage` with the name of each of its steps as it
/// ends (diagnostics: memory per step).
pub fn resolve_traced(
    docs: &[DocSummary],
    strs: &Strings,
    stage: &mut dyn FnMut(&'static str),
) -> Resolved {
    let rules = NameRules::get();
    // --- nodes
    let mut nodes: Vec<Node> = Vec::new();
    // Every node's anchors, one node after the other.
    let mut anc: Vec<Rc<NameKey>> = Vec::new();
    let mut node_of =
        PerLocal::with_capacity(docs.len(), docs.iter().map(|d| d.entities.len()).sum());
    let ev_rules = crate::rules::Rules::get();
    // The gazetteer spelling of each single-word name (looked up once).
    let mut gaz_memo: FxHashMap<Sym, Option<String>> = FxHashMap::default();
    let people_elsewhere = PeopleVote::count(docs, strs);
    // Name keys, shared by every node naming them alike.
    let mut keys = Keys::new(strs);
    let memo = TextMemo::new(strs);
    // One node per local entity, plus the few split-off ones (grown by an
    // eighth, not doubled, when those overflow).
    nodes.reserve_exact(docs.iter().map(|d| d.entities.len()).sum());
    for (di, d) in docs.iter().enumerate() {
        // Local entities that the events show to be people (the subject of
        // a death, an arrest…), whatever type the tagger gave them.
        let mut people: BTreeSet<usize> = BTreeSet::new();
        // ... and the ones they show to be places (the place of a birth
        // read from a life span: "born …, 1879, Yanovka").
        let mut places: BTreeSet<usize> = BTreeSet::new();
        for em in &d.events {
            if ev_rules.of(em.etype).person_subject {
                people.extend(
                    em.fillers(annalist_model::Role::Subject)
                        .filter_map(|f| Some(f.entity? as usize)),
                );
            }
            places.extend(
                em.fillers(annalist_model::Role::Place)
                    .chain(em.fillers(annalist_model::Role::Destination))
                    .filter_map(|f| Some(f.entity? as usize)),
            );
        }
        let types: Vec<EntityType> = d
            .entities
            .iter()
            .enumerate()
            .map(|(li, le)| {
                let gendered = matches!(le.gender.map(|g| strs.str(g)), Some("male" | "female"));
                // (a country is never a person: "a new Germany had been
                // born")
                let country = || lexicon::Lexicon::get().is_country(&rules.fold(strs.str(le.name)));
                // (nor a body named by an acronym: "the CPC had been
                // expelled from Wuhan")
                let acronym = || {
                    let n = strs.str(le.name);
                    n.chars().filter(|c| c.is_alphabetic()).count() >= 2
                        && !n.chars().any(char::is_lowercase)
                };
                if matches!(le.etype, EntityType::Place | EntityType::Organization)
                    && (gendered
                        || people.contains(&li)
                        || people_elsewhere.says_person(le.name, di))
                    && !country()
                    && !(le.etype == EntityType::Organization && acronym())
                {
                    EntityType::Person
                } else if le.etype == EntityType::Person
                    && le.gender.is_none()
                    && !people.contains(&li)
                    && (places.contains(&li)
                        || people_elsewhere.says_place(le.name, di)
                        || people_elsewhere.says_area(le.name, di))
                {
                    EntityType::Place
                } else {
                    le.etype
                }
            })
            .collect();
        // Nicknames the text stage gave to the wrong person of the document
        // ("Mironych", from Kirov's patronymic Mironovich, given to Stalin
        // who used it) move to the person whose name they come from.
        let moved = nickname_moves(d, &types, strs);
        let mut row = Vec::with_capacity(d.entities.len());
        for (li, le) in d.entities.iter().enumerate() {
            let mut etype = types[li];
            let person = etype == EntityType::Person;
            // (A name that is all title — "King" of "King was born Michael
            // King Jr." — gives way to the entity's fullest other name.)
            let mut name = le.name;
            if keys.sym(name, person).is_empty() {
                let fullest = d
                    .aliases_of(le)
                    .iter()
                    .map(|a| (keys.sym(a.alias, person).len(), a.alias))
                    .filter(|(n, _)| *n > 0)
                    .max_by_key(|(n, _)| *n);
                match fullest {
                    Some((_, a)) => name = a,
                    None => {
                        row.push(None);
                        continue;
                    }
                }
            }
            let main = keys.sym(name, person);
            // Names of somebody else merged into this local entity by the
            // text stage (computed once: `skip` and the split-off below).
            let foreign_all = if person {
                foreign_of(d, le, strs, &mut keys)
            } else {
                BTreeSet::new()
            };
            let mut skip = foreign_all.clone();
            let mut extra: Vec<(String, String, Option<annalist_model::Span>)> = Vec::new();
            for (from, to, alias, span) in &moved {
                if *from == li {
                    skip.insert(alias.clone());
                } else if *to == li {
                    extra.push((alias.clone(), "nickname".to_string(), *span));
                }
            }
            // A misspelt place name the tagger could not know ("Coyoacn")
            // gets its gazetteer spelling.
            let gaz = if le.gender.is_none() && main.len() == 1 {
                gaz_memo
                    .entry(le.name)
                    .or_insert_with(|| {
                        lexicon::Lexicon::get()
                            .correct_place(strs.str(le.name))
                            .map(str::to_string)
                    })
                    .clone()
            } else {
                None
            };
            if gaz.is_some() {
                etype = EntityType::Place;
            }
            let person = etype == EntityType::Person;
            let main = keys.sym(name, person);
            // A heading taken for a person's name ("Killing of Grigori
            // Rasputin"): the words after the last small word name the person.
            let tail = person
                .then(|| {
                    let p = main.tokens.iter().rposition(|t| rules.is_small_word(t))?;
                    (main.len() - p > 2).then(|| {
                        Rc::new(NameKey {
                            tokens: main.tokens[p + 1..].to_vec(),
                            keys: main.keys[p + 1..].to_vec(),
                        })
                    })
                })
                .flatten();
            let heading = tail.is_some();
            let a0 = anc.len();
            anc.push(main);
            anc.extend(tail);
            if let Some(g) = &gaz {
                anc.push(keys.name(g, false));
            }
            for (alias, _, _) in &extra {
                anc.push(keys.name(alias, person));
            }
            for a in d.aliases_of(le) {
                let k = keys.sym(a.alias, person);
                if k.is_empty()
                    || (k.len() == 1 && strs.str(a.how) == "partial")
                    || (!skip.is_empty() && skip.contains(&memo.sym(a.alias).0))
                {
                    continue;
                }
                if !anc[a0..].contains(&k) {
                    anc.push(k);
                }
            }
            let anchors = (idx(a0), idx(anc.len()));
            // Names of somebody else merged into this local entity by the
            // text stage ("Maria Rasputin" inside "Grigori Rasputin") make
            // an entity of their own.
            let foreign: BTreeSet<String> = if person { foreign_all } else { BTreeSet::new() };
            let split = foreign
                .iter()
                .filter(|f| keys.name(f, true).len() >= 2)
                .max_by_key(|f| (f.len(), std::cmp::Reverse((*f).clone())))
                .cloned();
            row.push(Some(nodes.len()));
            let mut push = |node: Node| {
                if nodes.len() == nodes.capacity() {
                    nodes.reserve_exact(nodes.capacity() / 8 + 16);
                }
                nodes.push(node);
            };
            push(Node {
                doc: idx(di),
                local: idx(li),
                class: class(etype),
                etype,
                anchors,
                gender: le.gender,
                mentions: idx(le.mention_count()),
                name: memo.sym(le.name).clone(),
                rare: rare(Rare {
                    skip,
                    only: None,
                    extra,
                    gaz,
                }),
                heading,
            });
            if let Some(name) = split {
                let a0 = anc.len();
                for f in &foreign {
                    let k = keys.name(f, true);
                    if !k.is_empty() && !anc[a0..].contains(&k) {
                        anc.push(k);
                    }
                }
                let anchors = (idx(a0), idx(anc.len()));
                let mentions = d
                    .mentions_of(le)
                    .iter()
                    .filter(|m| foreign.contains(&memo.sym(m.text).0))
                    .count();
                push(Node {
                    doc: idx(di),
                    local: idx(li),
                    class: 0,
                    etype: EntityType::Person,
                    anchors,
                    gender: None,
                    mentions: idx(mentions),
                    name: Rc::new((name.clone(), NameRules::get().fold(&name))),
                    rare: rare(Rare {
                        only: Some(foreign),
                        ..Default::default()
                    }),
                    heading: false,
                });
            }
        }
        node_of.push_doc(row);
    }
    anc.shrink_to_fit();
    let n = nodes.len();
    let mut dsu = Dsu::new(n);
    let mut via = vec![Via::Surface; n];

    stage("resolve: nodes");
    // --- pass 1: full names
    // Full names identify across types (the tagger may call one "Leon
    // Trotsky" a place); single words do not.
    // (Hash maps: the unions do not depend on the order, the disjoint-set
    // root is always the smallest member.)
    // Each distinct name key's whole key and surname, as numbers (once
    // per key, not per node): the maps and sets below compare numbers.
    let mut names = Interner::default();
    let mut key_ids: FxHashMap<*const NameKey, (u32, Option<u32>)> = FxHashMap::default();
    // Parallel to `anc`: anchor `j`'s (key, surname) numbers.
    let akeys: Vec<(u32, Option<u32>)> = anc
        .iter()
        .map(|a| {
            *key_ids
                .entry(Rc::as_ptr(a))
                .or_insert_with(|| (names.id(&a.key()), a.surname().map(|s| names.id(s))))
        })
        .collect();
    drop(key_ids);
    let mut full: FxHashMap<(u8, u32), Vec<usize>> = FxHashMap::default();
    let mut single: FxHashMap<(u8, u32), Vec<usize>> = FxHashMap::default();
    // One-word names of places the gazetteer knows (countries, US states, cities of
    // 100,000, and the text stage's countries and historical states: England,
    // Prussia): one place wherever it is named, whatever the context.
    // (name key -> known place; looked up once per key)
    let mut known_places: FxHashMap<u32, bool> = FxHashMap::default();
    let place_class = class(EntityType::Place);
    for (i, nd) in nodes.iter().enumerate() {
        for (a, &(k, _)) in nd.anchors(&anc).iter().zip(&akeys[nd.arange()]) {
            if a.len() == 1 && nd.class == place_class {
                known_places.entry(k).or_insert_with(|| {
                    let lex = lexicon::Lexicon::get();
                    lex.is_place(&a.tokens[0]) || lex.is_country(&a.tokens[0])
                });
            }
            let (m, c) = if a.len() >= 2 {
                (&mut full, 0)
            } else {
                (&mut single, nd.class)
            };
            let v = m.entry((c, k)).or_default();
            if v.last() != Some(&i) {
                v.push(i);
            }
        }
    }
    // Curated aliases (`aliases.tsv`): USSR = Soviet Union, Petrograd =
    // St Petersburg. Across types, like full names.
    let lex = lexicon::Lexicon::get();
    for (i, nd) in nodes.iter().enumerate() {
        if nd.class == 0 {
            continue;
        }
        for &(k, _) in &akeys[nd.arange()] {
            if let Some(row) = lex.alias_row(names.get(k)) {
                let v = full
                    .entry((0, names.id(&format!("#alias {row}"))))
                    .or_default();
                if v.last() != Some(&i) {
                    v.push(i);
                }
            }
        }
    }
    for members in full.values() {
        for w in members.windows(2) {
            dsu.union(w[0], w[1]);
        }
    }

    // Context: for every node, the name keys (and surnames) of the other
    // entities of its document. Two nodes share context when their
    // documents name some third entity alike.
    // Name keys are interned as numbers: the sets below are compared a lot.
    // A node's context is its document's names less its own (`ctx_has`);
    // the sets are sorted vectors.
    // One flat list: node `i`'s names are `own_all[own_at[i]..own_at[i + 1]]`.
    let mut own_all: Vec<u32> = Vec::with_capacity(akeys.len() + akeys.len() / 2);
    let mut own_at: Vec<u32> = Vec::with_capacity(n + 1);
    own_at.push(0);
    for nd in &nodes {
        let start = own_all.len();
        for (a, &(key, sur)) in nd.anchors(&anc).iter().zip(&akeys[nd.arange()]) {
            own_all.push(key);
            if nd.class == 0 && a.len() >= 2 {
                own_all.extend(sur);
            }
        }
        own_all[start..].sort_unstable();
        let mut w = start;
        for r in start..own_all.len() {
            if w == start || own_all[w - 1] != own_all[r] {
                own_all[w] = own_all[r];
                w += 1;
            }
        }
        own_all.truncate(w);
        own_at.push(idx(own_all.len()));
    }
    own_all.shrink_to_fit();
    let own = |i: usize| &own_all[own_at[i] as usize..own_at[i + 1] as usize];
    // The names of every entity of a document.
    let mut doc_names: Vec<Vec<u32>> = vec![Vec::new(); docs.len()];
    for (i, nd) in nodes.iter().enumerate() {
        doc_names[nd.doc()].extend_from_slice(own(i));
    }
    for v in &mut doc_names {
        v.sort_unstable();
        v.dedup();
        v.shrink_to_fit();
    }
    // The context of node `i`: the names of the other entities of its
    // document (less its own).
    let ctx = |i: usize| {
        let mine = own(i);
        doc_names[nodes[i].doc()]
            .iter()
            .copied()
            .filter(move |k| mine.binary_search(k).is_err())
    };

    stage("resolve: full names");
    // --- pass 2: single names, with context. Each node joins the first
    // group of its name whose context (the union over the group) it shares.
    // A group's context less its own names is the names of its documents
    // less its own names (a name a member does not see around itself is
    // one of its own).
    for (&(c, k), members) in &single {
        if c == place_class && known_places.get(&k) == Some(&true) {
            for w in members.windows(2) {
                dsu.union(w[0], w[1]);
            }
            continue;
        }
        // (a member, names of the group's documents, the group's documents,
        // the group's own names)
        type Group = (usize, FxHashSet<u32>, FxHashSet<usize>, FxHashSet<u32>);
        let mut groups: Vec<Group> = Vec::new();
        for &i in members {
            let hit = groups.iter().position(|(_, around, _, mine)| {
                ctx(i).any(|k| around.contains(&k) && !mine.contains(&k))
            });
            let doc = nodes[i].doc();
            match hit {
                Some(g) => {
                    dsu.union(groups[g].0, i);
                    if groups[g].2.insert(doc) {
                        groups[g].1.extend(doc_names[doc].iter().copied());
                    }
                    groups[g].3.extend(own(i).iter().copied());
                }
                None => groups.push((
                    i,
                    doc_names[doc].iter().copied().collect(),
                    std::iter::once(doc).collect(),
                    own(i).iter().copied().collect(),
                )),
            }
        }
    }
    drop((full, single, known_places));

    // The gender most mentioned in a cluster (none when two tie).
    let gender_of = |members: &[usize]| -> Option<Sym> {
        let mut v: Vec<(Sym, usize)> = Vec::new();
        for &i in members {
            if let Some(g) = nodes[i].gender {
                let w = nodes[i].mentions().max(1);
                match v.iter_mut().find(|x| x.0 == g) {
                    Some(x) => x.1 += w,
                    None => v.push((g, w)),
                }
            }
        }
        v.sort_by(|a, b| b.1.cmp(&a.1).then(strs.str(a.0).cmp(strs.str(b.0))));
        match v.as_slice() {
            [] => None,
            [(g, _)] => Some(*g),
            [(g, a), (_, b), ..] if a > b => Some(*g),
            _ => None,
        }
    };
    // Each cluster's gender (`gender_of` its members), by its root.
    let cluster_genders = |cl: &Clusters| {
        let by_root: FxHashMap<usize, Option<Sym>> =
            cl.iter().map(|(r, m)| (*r, gender_of(m))).collect();
        move |root: usize| by_root.get(&root).copied().flatten()
    };
    // The type class most mentioned in a cluster (the lower class on a tie).
    let class_of = |members: &[usize]| -> u8 {
        let mut c = [0usize; 5];
        for &i in members {
            if let Some(x) = c.get_mut(nodes[i].class as usize) {
                *x += nodes[i].mentions().max(1);
            }
        }
        let mut best = 0;
        for k in 1..c.len() {
            if c[k] > c[best] {
                best = k;
            }
        }
        best as u8
    };
    // Cluster views: root -> members (ascending), in root order.
    let clusters = |dsu: &mut Dsu| -> Clusters {
        let roots: Vec<usize> = (0..n).map(|i| dsu.find(i)).collect();
        Clusters::new(&roots, class_of)
    };
    // Whether two clusters have a document in common. Nodes are numbered
    // document by document and members are ascending, so the documents of
    // a cluster come sorted: one merge walk.
    let share_doc = |a: &[usize], b: &[usize]| -> bool {
        let (mut x, mut y) = (a.iter().peekable(), b.iter().peekable());
        while let (Some(&&i), Some(&&j)) = (x.peek(), y.peek()) {
            match nodes[i].doc().cmp(&nodes[j].doc()) {
                std::cmp::Ordering::Less => {
                    x.next();
                }
                std::cmp::Ordering::Greater => {
                    y.next();
                }
                std::cmp::Ordering::Equal => return true,
            }
        }
        false
    };
    // Cluster-level context: the names around any member, less the
    // cluster's own names = the names of its documents less its own.
    // Linear in the cluster sizes, and remembered: clusters only grow, so
    // (first member, size) names one cluster for the whole resolution.
    type Around = std::rc::Rc<(FxHashSet<u32>, FxHashSet<u32>)>;
    let around_memo: std::cell::RefCell<FxHashMap<(usize, usize), Around>> = Default::default();
    let names_of = |m: &[usize]| -> Around {
        let key = (m.first().copied().unwrap_or(usize::MAX), m.len());
        if let Some(x) = around_memo.borrow().get(&key) {
            return x.clone();
        }
        let mut around = FxHashSet::default();
        let mut mine = FxHashSet::default();
        let mut seen = FxHashSet::default();
        for &i in m {
            if seen.insert(nodes[i].doc()) {
                around.extend(doc_names[nodes[i].doc()].iter().copied());
            }
            mine.extend(own(i).iter().copied());
        }
        let x = std::rc::Rc::new((around, mine));
        around_memo.borrow_mut().insert(key, x.clone());
        x
    };
    let cluster_shared = |a: &[usize], b: &[usize]| -> usize {
        let (x, y) = (names_of(a), names_of(b));
        let ((ca, oa), (cb, ob)) = (&*x, &*y);
        let (small, large) = if ca.len() <= cb.len() {
            (ca, cb)
        } else {
            (cb, ca)
        };
        small
            .iter()
            .filter(|k| large.contains(*k) && !oa.contains(*k) && !ob.contains(*k))
            .count()
    };

    stage("resolve: single names");
    // --- pass 3: partial names and missing middle names (persons). Round 0
    // joins only full names that differ by a missing middle name, so that
    // partial names then see one candidate per person.
    for round in 0..2 {
        let cl = clusters(&mut dsu);
        let gender = cluster_genders(&cl);
        // Keys borrowed from the nodes' shared name keys (no String per
        // anchor per round); only looked up, or iterated for unions alone
        // (whose result does not depend on the order).
        let mut surname: FxHashMap<&str, BTreeSet<usize>> = FxHashMap::default();
        // Given-name key → clusters with a full or regnal name that
        // starts with it.
        let mut given: FxHashMap<&str, BTreeSet<usize>> = FxHashMap::default();
        let mut first_last: FxHashMap<(&str, &str), BTreeSet<usize>> = FxHashMap::default();
        // (key, cluster) entries where the "surname" is a given name (a
        // given name + patronymic with no surname: "Dmitri Pavlovich").
        let mut given_keyed: FxHashSet<(&str, usize)> = FxHashSet::default();
        for (&r, members) in cl.iter() {
            if cl.class(r) != 0 {
                continue;
            }
            // Relatives split off a local entity do not take bare surnames.
            for &i in members.iter().filter(|&&i| nodes[i].only().is_none()) {
                for a in nodes[i].anchors(&anc).iter().filter(|a| a.len() >= 2) {
                    if let Some(s) = a.surname() {
                        if a.first() == Some(s) {
                            given_keyed.insert((s, r));
                        }
                        surname.entry(s).or_default().insert(r);
                        if let Some(f) = a.first() {
                            first_last.entry((f, s)).or_default().insert(r);
                            if f != s {
                                given.entry(f).or_default().insert(r);
                            }
                        }
                    } else if let (true, Some(f)) = (a.generational(), a.first()) {
                        // a regnal name: "Charles" may be "Charles I"
                        given.entry(f).or_default().insert(r);
                    }
                }
            }
        }
        let compatible = |a: usize, b: usize| -> bool {
            let ga = gender(a);
            let gb = gender(b);
            let genders_ok = match (ga, gb) {
                (Some(x), Some(y)) => x == y,
                _ => true,
            };
            let apart = match (cl.get(&a), cl.get(&b)) {
                (Some(x), Some(y)) => share_doc(x, y),
                _ => false,
            };
            genders_ok && !apart
        };
        if round == 1 {
            for (&r, members) in cl.iter() {
                if cl.class(r) != 0 {
                    continue;
                }
                // (a birth name, real name or pen name given beside a
                // bare surname is another name, not the full one: "Sacco
                // was born Ferdinando Sacco" is still only "Sacco" to join
                // "Nicola Sacco")
                let multi = members.iter().any(|&i| {
                    let d = &docs[nodes[i].doc()];
                    let le = &d.entities[nodes[i].local()];
                    let other_names: Vec<Rc<NameKey>> = d
                        .aliases_of(le)
                        .iter()
                        .filter(|a| OTHER_NAME_CUES.contains(&strs.str(a.how)))
                        .map(|a| keys.sym(a.alias, true))
                        .collect();
                    nodes[i]
                        .anchors(&anc)
                        .iter()
                        .any(|a| a.len() >= 2 && !other_names.contains(a))
                });
                if multi {
                    continue;
                }
                let keys: BTreeSet<String> = members
                    .iter()
                    .flat_map(|&i| nodes[i].anchors(&anc).iter())
                    .filter(|a| !a.generational())
                    .map(|a| a.key())
                    .collect();
                'keys: for k in &keys {
                    for index in [&surname] {
                        let cands: Vec<usize> = index
                            .get(k.as_str())
                            .map(|s| s.iter().copied().filter(|&c| c != r).collect())
                            .unwrap_or_default();
                        if cands.is_empty() {
                            // No one's surname: a given name alone
                            // ("Galileo", "Pierre") joins the one person
                            // of the corpus whose full name starts with
                            // it, when their contexts agree; two such
                            // people ("Leon Trotsky", "Leon Sedov") leave
                            // it alone. Only a name that the texts treat
                            // as a person's (a pronoun gave it a gender)
                            // and never with a title ("Tsar Aleksei" is a
                            // ruler's name; "Mr. Kelly" a surname).
                            let untitled = || {
                                members.iter().all(|&i| {
                                    let d = &docs[nodes[i].doc()];
                                    let le = &d.entities[nodes[i].local()];
                                    d.mentions_of(le)
                                        .iter()
                                        .filter(|m| m.form == MentionForm::Name)
                                        .map(|m| m.text)
                                        .chain(d.aliases_of(le).iter().map(|a| a.alias))
                                        .all(|t| !strs.str(t).contains(' '))
                                })
                            };
                            let firsts: Vec<usize> = given
                                .get(k.as_str())
                                .map(|s| s.iter().copied().filter(|&c| c != r).collect())
                                .unwrap_or_default();
                            if let ([c], Some(_)) = (&firsts[..], gender(r)) {
                                let c = *c;
                                if untitled()
                                    && compatible(r, c)
                                    && cluster_shared(members, &cl[&c]) > 0
                                {
                                    dsu.union(r, c);
                                    for &i in members {
                                        via[i] = Via::CrossDocument;
                                    }
                                    break 'keys;
                                }
                            }
                            continue;
                        }
                        let ok: Vec<usize> = cands
                            .iter()
                            .copied()
                            .filter(|&c| compatible(r, c))
                            .collect();
                        // Ambiguity is judged on all candidates, so that a name
                        // fitting two people is never forced onto one.
                        // A unique fit is taken even from a document that has
                        // both names (the tagger may have typed them apart).
                        let pick = if cands.len() == 1 {
                            let c = cands[0];
                            let g = &gender;
                            // A given name is shared by many: "Dmitri" joins
                            // Dmitri Pavlovich only from a document that does
                            // not keep the two apart.
                            let given_only =
                                given_keyed.contains(&(k.as_str(), c)) && !compatible(r, c);
                            (given_only || matches!((g(r), g(c)), (Some(a), Some(b)) if a != b))
                                .then_some(())
                                .map_or(Some(c), |_| None)
                        } else {
                            let mut scored: Vec<(usize, usize)> = ok
                                .iter()
                                .map(|&c| (cluster_shared(members, &cl[&c]), c))
                                .collect();
                            scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
                            let all_scored: Vec<usize> = cands
                                .iter()
                                .map(|&c| cluster_shared(members, &cl[&c]))
                                .collect();
                            let top = scored.first().copied();
                            let second = all_scored
                                .iter()
                                .copied()
                                .filter(|&s| Some(s) != top.map(|t| t.0))
                                .max();
                            let ties = all_scored
                                .iter()
                                .filter(|&&s| Some(s) == top.map(|t| t.0))
                                .count();
                            match top {
                                Some((s, c))
                                    if s > 0 && ties == 1 && second.is_none_or(|x| s > x) =>
                                {
                                    Some(c)
                                }
                                _ => None,
                            }
                        };
                        if let Some(c) = pick {
                            dsu.union(r, c);
                            for &i in members {
                                via[i] = Via::CrossDocument;
                            }
                            break 'keys;
                        }
                        // A surname that fits several people is not tried as a first name.
                        break;
                    }
                }
            }
            // Title and given name: "Tsar Nicholas" joins the one cluster
            // named "Nicholas II" (a regnal name), when the contexts agree.
            let mut regnal: BTreeMap<String, BTreeSet<usize>> = BTreeMap::new();
            for (&r, members) in cl.iter() {
                if cl.class(r) != 0 {
                    continue;
                }
                for &i in members {
                    for a in nodes[i].anchors(&anc).iter().filter(|a| a.generational()) {
                        if a.len() == 2 {
                            regnal.entry(a.keys[0].clone()).or_default().insert(r);
                        }
                    }
                }
            }
            for (&r, members) in cl.iter() {
                if cl.class(r) != 0
                    || members
                        .iter()
                        .any(|&i| nodes[i].anchors(&anc).iter().any(|a| a.len() >= 2))
                {
                    continue;
                }
                // Only names that came with a title ("Tsar Nicholas").
                let titled: BTreeSet<String> = members
                    .iter()
                    .filter_map(|&i| {
                        let k = &nodes[i].anchors(&anc)[0];
                        let all = &nodes[i].name.1;
                        (k.len() == 1 && all.split(' ').count() > 1).then(|| k.keys[0].clone())
                    })
                    .collect();
                for k in &titled {
                    let cands: Vec<usize> = regnal
                        .get(k)
                        .map(|s| s.iter().copied().filter(|&c| c != r).collect())
                        .unwrap_or_default();
                    if let [c] = cands[..] {
                        let g = &gender;
                        let clash = matches!((g(r), g(c)), (Some(a), Some(b)) if a != b);
                        if !clash && cluster_shared(members, &cl[&c]) > 0 {
                            dsu.union(r, c);
                            for &i in members {
                                via[i] = Via::CrossDocument;
                            }
                            break;
                        }
                    }
                }
            }
            // Acronyms: "ILO" joins the one cluster named "International Left
            // Opposition" (organizations, groups, places, works, event names).
            let mut initials: BTreeMap<String, BTreeSet<usize>> = BTreeMap::new();
            for (&r, members) in cl.iter() {
                if cl.class(r) == 0 {
                    continue;
                }
                for &i in members {
                    for a in nodes[i].anchors(&anc).iter().filter(|a| a.len() >= 2) {
                        let ini = rules.initials(&a.tokens);
                        if ini.chars().count() >= 2 {
                            initials.entry(ini).or_default().insert(r);
                        }
                    }
                }
            }
            for (&r, members) in cl.iter() {
                if cl.class(r) == 0 {
                    continue;
                }
                let acronyms: BTreeSet<String> = members
                    .iter()
                    .filter_map(|&i| {
                        let name = strs.str(docs[nodes[i].doc()].entities[nodes[i].local()].name);
                        let letters: Vec<char> =
                            name.chars().filter(|c| c.is_alphabetic()).collect();
                        let caps = (2..=6).contains(&letters.len())
                            && letters.iter().all(|c| c.is_uppercase())
                            && !name.contains(' ');
                        caps.then(|| letters.iter().flat_map(|c| c.to_lowercase()).collect())
                    })
                    .collect();
                for a in &acronyms {
                    // Its own full name explains it ("US" beside "United
                    // States"): it must not join another body with those
                    // initials ("Ural Soviet").
                    if initials.get(a).is_some_and(|s| s.contains(&r)) {
                        continue;
                    }
                    let cands: Vec<usize> = initials
                        .get(a)
                        .map(|s| s.iter().copied().filter(|&c| c != r).collect())
                        .unwrap_or_default();
                    if let [c] = cands[..] {
                        dsu.union(r, c);
                        for &i in members {
                            via[i] = Via::CrossDocument;
                        }
                        break;
                    }
                    // Two letters swapped ("ILC" for the International
                    // Communist League): three letters or more, the first kept,
                    // one cluster only, and the contexts agree.
                    let letters: Vec<char> = a.chars().collect();
                    if letters.len() < 3 || !cands.is_empty() {
                        continue;
                    }
                    let mut near: BTreeSet<usize> = BTreeSet::new();
                    for p in 1..letters.len() - 1 {
                        let mut v = letters.clone();
                        v.swap(p, p + 1);
                        let v: String = v.into_iter().collect();
                        if v == *a {
                            continue;
                        }
                        near.extend(initials.get(&v).into_iter().flatten().filter(|&&c| c != r));
                    }
                    if let [c] = near.iter().copied().collect::<Vec<_>>()[..] {
                        if cluster_shared(members, &cl[&c]) > 0 {
                            dsu.union(r, c);
                            for &i in members {
                                via[i] = Via::Misspelling;
                            }
                            break;
                        }
                    }
                }
            }
        }
        // Missing middle names: "Lev Bronshtein" = "Lev Davidovich Bronshtein".
        for roots in first_last.values().filter(|s| s.len() >= 2) {
            let roots: Vec<usize> = roots.iter().copied().collect();
            for (k, &a) in roots.iter().enumerate() {
                for &b in &roots[..k] {
                    if dsu.find(a) == dsu.find(b) || !compatible(a, b) {
                        continue;
                    }
                    let mids = |r: usize| -> Vec<BTreeSet<String>> {
                        cl[&r]
                            .iter()
                            .flat_map(|&i| nodes[i].anchors(&anc).iter())
                            .filter(|x| x.len() >= 3)
                            .map(|x| x.keys[1..x.len() - 1].iter().cloned().collect())
                            .collect()
                    };
                    let (ma, mb) = (mids(a), mids(b));
                    let clash = ma
                        .iter()
                        .any(|x| mb.iter().any(|y| !x.is_subset(y) && !y.is_subset(x)));
                    if !clash {
                        dsu.union(a, b);
                    }
                }
            }
        }
        // A leading name dropped: "Julius Caesar" = "Gaius Julius Caesar",
        // "Wilkes Booth" = "John Wilkes Booth" (a Roman's praenomen, an
        // American's first name): a full name of two words or more that is
        // another person's full name less its first word, for exactly one
        // other person, joins it when the
        // two meet in a document or share context. Two people with the tail
        // ("Lucius Junius Brutus", "Marcus Junius Brutus" for "Junius
        // Brutus") leave it alone.
        if round == 0 {
            let mut tails: FxHashMap<&[String], BTreeSet<usize>> = FxHashMap::default();
            let mut fulls: Vec<(&[String], usize)> = Vec::new();
            for (&r, members) in cl.iter() {
                if cl.class(r) != 0 {
                    continue;
                }
                for &i in members.iter().filter(|&&i| nodes[i].only().is_none()) {
                    for a in nodes[i].anchors(&anc).iter().filter(|a| a.len() >= 2) {
                        if a.generational() {
                            continue;
                        }
                        fulls.push((&a.keys[..], r));
                        // (one leading name only: "Ras Imru Haile Selassie"
                        // is not "Haile Selassie", and a description the text
                        // stage left on a name, "Advisory National Director
                        // Eric Butler", makes no tail)
                        if a.keys.len() >= 3 {
                            tails.entry(&a.keys[1..]).or_default().insert(r);
                        }
                    }
                }
            }
            let mut joins: Vec<(usize, usize)> = Vec::new();
            for (key, r) in fulls {
                let Some(cands) = tails.get(key) else {
                    continue;
                };
                let others: Vec<usize> = cands.iter().copied().filter(|&c| c != r).collect();
                let [c] = others[..] else {
                    continue;
                };
                let meet = share_doc(&cl[&r], &cl[&c]) || cluster_shared(&cl[&r], &cl[&c]) > 0;
                if meet && compatible(r, c) {
                    joins.push((r, c));
                }
            }
            joins.sort_unstable();
            joins.dedup();
            for (r, c) in joins {
                dsu.union(r, c);
            }
        }
        // Pet forms: "Ben Stoloff" = "Benjamin Stoloff" (hypocorisms.tsv),
        // when one person of that given name and surname fits and the two
        // meet in a document or share context. (A document naming both
        // still joins them: "Benjamin Stoloff (…), best known as Ben
        // Stoloff".)
        if round == 0 {
            let mut joins: Vec<(usize, usize)> = Vec::new();
            for (&(f, s), roots) in &first_last {
                let Some(givens) = rules.given_names_of(f) else {
                    continue;
                };
                let fits: BTreeSet<usize> = givens
                    .iter()
                    .flat_map(|g| first_last.get(&(g.as_str(), s)).into_iter().flatten())
                    .copied()
                    .collect();
                let [c] = fits.iter().copied().collect::<Vec<_>>()[..] else {
                    continue;
                };
                for &r in roots {
                    let genders_ok =
                        !matches!((gender(r), gender(c)), (Some(x), Some(y)) if x != y);
                    let meet = share_doc(&cl[&r], &cl[&c]) || cluster_shared(&cl[&r], &cl[&c]) > 0;
                    if r != c && genders_ok && meet {
                        joins.push((r, c));
                    }
                }
            }
            joins.sort_unstable();
            for (r, c) in joins {
                dsu.union(r, c);
            }
        }
    }

    stage("resolve: partial names");
    // --- pass 3b: short forms of places and bodies. "Smolny" joins the one
    // cluster named "Smolny Institute", "Petrovsky Bridge" the one named
    // "Bolshoy Petrovsky Bridge" (designators and modifiers as data), when
    // no other cluster shortens to the same name, the short name is no city
    // or country of the gazetteer, and the contexts agree.
    {
        let cl = clusters(&mut dsu);
        let lex = lexicon::Lexicon::get();
        let mut reduced: BTreeMap<String, BTreeSet<usize>> = BTreeMap::new();
        // Whole name key (as its number in `names`) -> clusters.
        let mut exact: FxHashMap<u32, BTreeSet<usize>> = FxHashMap::default();
        // Per distinct anchor (shared `Rc`): is it a gazetteer place, and
        // its reductions (looked up once, not once per node).
        let mut is_place: FxHashMap<*const NameKey, bool> = FxHashMap::default();
        let mut reductions: FxHashMap<*const NameKey, Rc<[String]>> = FxHashMap::default();
        for (&r, members) in cl.iter() {
            for &i in members {
                for (a, &(k, _)) in nodes[i].anchors(&anc).iter().zip(&akeys[nodes[i].arange()]) {
                    let place = *is_place
                        .entry(Rc::as_ptr(a))
                        .or_insert_with(|| lex.is_place(&a.tokens.join(" ")));
                    if !place {
                        exact.entry(k).or_default().insert(r);
                    }
                }
                if nodes[i].class == 0 {
                    continue;
                }
                for a in nodes[i].anchors(&anc).iter().filter(|a| a.len() >= 2) {
                    let ks = reductions
                        .entry(Rc::as_ptr(a))
                        .or_insert_with(|| lex.reductions(a).into())
                        .clone();
                    for k in ks.iter() {
                        match reduced.get_mut(k) {
                            Some(v) => {
                                v.insert(r);
                            }
                            None => {
                                reduced.insert(k.clone(), BTreeSet::from([r]));
                            }
                        }
                    }
                }
            }
        }
        drop((is_place, reductions));
        let gender = cluster_genders(&cl);
        for (k, sources) in &reduced {
            let [src] = sources.iter().copied().collect::<Vec<_>>()[..] else {
                continue;
            };
            let targets = names.lookup(k).and_then(|k| exact.get(&k));
            for &t in targets.into_iter().flatten() {
                if t == src || dsu.find(t) == dsu.find(src) {
                    continue;
                }
                let tm = &cl[&t];
                // A person known by a full name, a gender or a title
                // ("Prime Minister Lord North" is no "North Bridge") is a
                // person.
                let titled = |i: usize| {
                    let name = strs.str(docs[nodes[i].doc()].entities[nodes[i].local()].name);
                    name.split_whitespace().count() >= 2
                };
                let person = cl.class(t) == 0
                    && (gender(t).is_some()
                        || tm.iter().any(|&i| {
                            titled(i) || nodes[i].anchors(&anc).iter().any(|a| a.len() >= 2)
                        }));
                if person || cluster_shared(&cl[&src], tm) == 0 {
                    continue;
                }
                dsu.union(src, t);
                for &i in tm {
                    via[i] = Via::CrossDocument;
                }
            }
        }
    }

    stage("resolve: short forms");
    // --- pass 4: misspellings
    {
        let cl = clusters(&mut dsu);
        let gender = cluster_genders(&cl);
        // Tokens, joined other tokens and deletion variants are interned
        // as numbers: the index below is large (every name of every
        // cluster, every variant), and only its pairs are observable.
        let mut strs = Interner::default();
        // Each cluster's distinct names as token-id sequences, each marked
        // when it is only the surname of a longer name: a surname matches a
        // one-word name ("Rasputen"), never another full name's surname
        // ("Smart Speakers" is no "House of Representatives Speaker").
        /// A name as token ids, and whether it is only a surname.
        type Unit = (Vec<u32>, bool);
        // Kept flat (one list of token ids; per name its root, range and
        // mark): a vector per cluster and per name was the merge's heap
        // peak.
        let mut unit_toks: Vec<u32> = Vec::new();
        let mut units: Vec<(u32, u32, u32, bool)> = Vec::new();
        let mut set: Vec<Unit> = Vec::new();
        for (&r, members) in cl.iter() {
            let c = cl.class(r);
            set.clear();
            for &i in members {
                for a in nodes[i].anchors(&anc) {
                    set.push((a.keys.iter().map(|k| strs.id(k)).collect(), false));
                    if c == 0 && a.len() >= 2 {
                        if let Some(s) = a.surname() {
                            set.push((vec![strs.id(s)], true));
                        }
                    }
                }
            }
            // A name the cluster also has on its own is no mere surname.
            set.sort_unstable();
            set.dedup_by(|later, first| later.0 == first.0);
            for (toks, surname_only) in set.drain(..) {
                let at = idx(unit_toks.len());
                unit_toks.extend_from_slice(&toks);
                units.push((idx(r), at, idx(unit_toks.len()), surname_only));
            }
        }
        drop(set);
        // Deletion index (SymSpell): a token and its variants with up to
        // max_typo deletions; two tokens within that distance share one.
        // (tokens, position, other tokens, variant) -> (root, token)
        // Variants are 64-bit hashes of their chars, not strings: a slot is
        // only compared for equality, and every pair it yields is checked
        // with the true edit distance below.
        let mut variants: FxHashMap<u32, Vec<u64>> = FxHashMap::default();
        // First each (tokens, position, other tokens) group's members:
        // only a group with two different tokens can hold a pair, so only
        // those are expanded into deletion variants (a slot lies inside
        // one group: the other groups' slots would pair nothing).
        type Group = (u32, u32, u32);
        let mut base: Vec<(Group, u32, u32, bool)> = Vec::new();
        let mut others = String::new();
        for &(r, from, to, surname_only) in &units {
            let toks = unit_toks.get(from as usize..to as usize).unwrap_or(&[]);
            {
                for (p, &t) in toks.iter().enumerate() {
                    let ts = strs.get(t);
                    if max_typo(ts.chars().count()) == 0 {
                        continue;
                    }
                    others.clear();
                    for (q, &o) in toks.iter().enumerate().filter(|(q, _)| *q != p) {
                        if q != usize::from(p == 0) {
                            others.push(' ');
                        }
                        others.push_str(strs.get(o));
                    }
                    let oid = strs.id(&others);
                    base.push(((toks.len() as u32, p as u32, oid), r, t, surname_only));
                }
            }
        }
        drop((units, unit_toks));
        base.sort_unstable();
        base.dedup();
        let mut close: FxHashMap<(u32, u32), bool> = FxHashMap::default();
        let mut pairs: BTreeSet<(usize, usize)> = BTreeSet::new();
        let mut pair_tokens: FxHashMap<(usize, usize), (u32, u32)> = FxHashMap::default();
        // A slot lies inside one group, so the index is built, sorted and
        // scanned one group at a time in one reused buffer: its peak is
        // the largest group's variants, not every group's (it was the
        // merge's heap peak). Per entry: (variant, root, token,
        // surname-only), sorted as the whole index was within the group.
        let mut index: Vec<(u64, u32, u32, bool)> = Vec::new();
        let mut bucket: Vec<(usize, u32, bool)> = Vec::new();
        for group in base.chunk_by(|x, y| x.0 == y.0) {
            if group.iter().all(|x| x.2 == group[0].2) {
                continue;
            }
            index.clear();
            for &(_, r, t, surname_only) in group {
                if let std::collections::hash_map::Entry::Vacant(e) = variants.entry(t) {
                    let ts = strs.get(t);
                    let d = max_typo(ts.chars().count());
                    e.insert(deletion_hashes(ts, d));
                }
                for &v in &variants[&t] {
                    index.push((v, r, t, surname_only));
                }
            }
            index.sort_unstable();
            index.dedup();
            for run in index.chunk_by(|x, y| x.0 == y.0) {
                if run.len() < 2 || run.len() > 64 {
                    continue;
                }
                bucket.clear();
                bucket.extend(run.iter().map(|x| (x.1 as usize, x.2, x.3)));
                for (k, a) in bucket.iter().enumerate() {
                    for b in &bucket[..k] {
                        if a.0 == b.0 || a.1 == b.1 || (a.2 && b.2) {
                            continue;
                        }
                        let ok = *close
                            .entry((a.1.min(b.1), a.1.max(b.1)))
                            .or_insert_with(|| {
                                let (x, y) = (strs.get(a.1), strs.get(b.1));
                                let (la, lb) = (x.chars().count(), y.chars().count());
                                let d = osa_distance(x, y);
                                d != 0
                                    && d <= max_typo(la.min(lb))
                                    && x.chars().next() == y.chars().next()
                                    && !rules.inflected_pair(x, y)
                            });
                        if ok {
                            let key = (a.0.min(b.0), a.0.max(b.0));
                            pairs.insert(key);
                            // (each side's token: the minor side's is
                            // checked against the known words below)
                            let toks = if a.0 < b.0 { (a.1, b.1) } else { (b.1, a.1) };
                            pair_tokens.entry(key).or_insert(toks);
                        }
                    }
                }
            }
        }
        drop((base, index, variants));
        let mentions_of = |m: &[usize]| -> usize { m.iter().map(|&i| nodes[i].mentions()).sum() };
        // A misspelling joins one cluster: when it fits several
        // ("Rasputen": Grigori Rasputin and his daughter Maria Rasputin),
        // only the best fit.
        let mut partners: BTreeMap<usize, BTreeSet<usize>> = BTreeMap::new();
        for &(a, b) in &pairs {
            partners.entry(a).or_default().insert(b);
            partners.entry(b).or_default().insert(a);
        }
        // Each cluster joins at most one larger partner: one sharing
        // context, then of its type, then the most mentioned (the main
        // bearer of a surname).
        let size = |x: usize| (mentions_of(&cl[&x]), x);
        let mut chosen: BTreeSet<(usize, usize)> = BTreeSet::new();
        for (&x, ps) in &partners {
            let score = |p: usize| {
                (
                    cluster_shared(&cl[&x], &cl[&p]) > 0,
                    cl.class(p) == cl.class(x),
                    mentions_of(&cl[&p]),
                )
            };
            let mut bigger: Vec<((bool, bool, usize), usize)> = ps
                .iter()
                .copied()
                .filter(|&p| size(p) > size(x))
                .map(|p| (score(p), p))
                .collect();
            bigger.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            match bigger[..] {
                [(_, p)] => {
                    chosen.insert((x.min(p), x.max(p)));
                }
                [(s1, p), (s2, _), ..] if s1 > s2 => {
                    chosen.insert((x.min(p), x.max(p)));
                }
                _ => {}
            }
        }
        let pairs = chosen;
        // The first names of a cluster's full personal names: "Bill Green"
        // is no misspelling of "Nathanael Greene", whatever the surnames.
        let firsts = |m: &[usize]| -> BTreeSet<String> {
            m.iter()
                .filter(|&&i| nodes[i].class == 0)
                .flat_map(|&i| nodes[i].anchors(&anc).iter())
                .filter_map(|a| a.first().map(str::to_string))
                .collect()
        };
        let compatible = |x: &str, y: &str| {
            x.chars().next() == y.chars().next()
                || rules.given_names_of(x).is_some_and(|g| g.contains(y))
                || rules.given_names_of(y).is_some_and(|g| g.contains(x))
        };
        for (a, b) in pairs {
            let (ma, mb) = (&cl[&a], &cl[&b]);
            if dsu.find(a) == dsu.find(b) {
                continue;
            }
            let ga = gender(a);
            let gb = gender(b);
            if matches!((&ga, &gb), (Some(x), Some(y)) if x != y) {
                continue;
            }
            let (fa, fb) = (firsts(ma), firsts(mb));
            if !fa.is_empty()
                && !fb.is_empty()
                && !fa.iter().any(|x| fb.iter().any(|y| compatible(x, y)))
            {
                continue;
            }
            // Types must agree, except for a rare misspelling that the
            // tagger typed on its own ("Coyoacn" as a person).
            if cl.class(a) != cl.class(b) {
                let (small, g) = if mentions_of(ma) <= mentions_of(mb) {
                    (ma, &ga)
                } else {
                    (mb, &gb)
                };
                if mentions_of(small) > 2 || g.is_some() {
                    continue;
                }
            }
            // (a full name against a bare surname — "Jean-Sylvain Bailly"
            // and Byron's "Dr. Bailey" — is one person's only when more
            // than one other name is shared: the given name cannot be
            // checked)
            let one_sided = fa.is_empty() != fb.is_empty();
            if cluster_shared(ma, mb) < if one_sided { 2 } else { 1 } {
                continue;
            }
            let b_minor = (mentions_of(ma), b) >= (mentions_of(mb), a);
            // The minority spelling must be no word of its own: "Boston"
            // is no misspelling of "Bolton", nor "Alex" of "Alexa".
            let minor_token = pair_tokens
                .get(&(a, b))
                .map(|&(ta, tb)| if b_minor { tb } else { ta });
            if minor_token.is_some_and(|t| crate::names::known_word(strs.get(t))) {
                continue;
            }
            let minor = if b_minor { mb } else { ma };
            for &i in minor {
                via[i] = Via::Misspelling;
            }
            dsu.union(a, b);
        }
    }

    stage("resolve: misspellings");
    // --- build entities
    // The name indexes are done with: freed before the entities grow.
    drop((akeys, own_all, own_at, doc_names, around_memo, names));
    drop((anc, keys, people_elsewhere, gaz_memo));
    let cl = clusters(&mut dsu);
    // (entity, total mentions, cluster): the members are read back from
    // `cl`, not copied per entity.
    let mut drafts: Vec<(Entity, usize, u32)> = Vec::with_capacity(cl.len());
    for (k, members) in cl.values().enumerate() {
        let (e, total) = build_entity(docs, &nodes, members, &via, rules, &memo);
        drafts.push((e, total, idx(k)));
    }
    stage("resolve: entities");
    // Stable, unique ids: on collision the cluster with more mentions (then
    // the earliest mention) keeps the plain slug.
    drafts.sort_by(|a, b| {
        a.0.id
            .cmp(&b.0.id)
            .then(b.1.cmp(&a.1))
            .then_with(|| a.0.mentions.first().cmp(&b.0.mentions.first()))
            .then_with(|| a.0.aliases.cmp(&b.0.aliases))
    });
    // A numbered id must not be another entity's own slug ("Division" twice
    // and "Division 2" once would all be `division-2`): the number skips
    // every id in use.
    let mut used: BTreeSet<String> = drafts.iter().map(|d| d.0.id.clone()).collect();
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for (e, _, _) in drafts.iter_mut() {
        let c = seen.entry(e.id.clone()).or_insert(0);
        *c += 1;
        if *c > 1 {
            let mut id = format!("{}-{}", e.id, c);
            while used.contains(&id) {
                *c += 1;
                id = format!("{}-{}", e.id, c);
            }
            used.insert(id.clone());
            e.id = id;
        }
    }
    drafts.sort_by(|a, b| a.0.id.cmp(&b.0.id));
    // Each node's entity; `node_of` (a local entity's own node, never a
    // split-off one) is then turned in place into `node_entity`.
    let mut entity_of_node = vec![u32::MAX; nodes.len()];
    for (ei, (_, _, k)) in drafts.iter().enumerate() {
        for &i in cl.slice(*k as usize) {
            entity_of_node[i] = idx(ei);
        }
    }
    // Nodes, clusters and memos are done with: freed before anything
    // else is built.
    drop((cl, nodes, via, memo, dsu));
    let node_entity = node_of.map(|i| {
        let e = *entity_of_node.get(i)?;
        (e != u32::MAX).then_some(e as usize)
    });
    drop(entity_of_node);
    let entities: Vec<Entity> = drafts.into_iter().map(|d| d.0).collect();

    // --- place containment: "Coyoacán, Mexico" (adjacent place mentions)
    let mut within = BTreeSet::new();
    for (di, d) in docs.iter().enumerate() {
        let mut places: Vec<(usize, usize, usize, usize)> = Vec::new(); // start, end, sentence, entity
        for (li, le) in d.entities.iter().enumerate() {
            if le.etype != EntityType::Place {
                continue;
            }
            let Some(ei) = node_entity.get(di, li) else {
                continue;
            };
            for m in d.mentions_of(le) {
                places.push((m.start as usize, m.end as usize, m.sentence as usize, ei));
            }
        }
        places.sort();
        for w in places.windows(2) {
            let (a, b) = (w[0], w[1]);
            let gap = b.0.saturating_sub(a.1);
            if a.2 == b.2 && a.3 != b.3 && b.0 > a.1 && (1..=2).contains(&gap) {
                within.insert((a.3, b.3));
            }
        }
    }
    // "Reims Cathedral", "Pretoria Central Prison", "Rouen Castle": a place
    // or building named after a place lies in it
    let place_named: BTreeMap<&str, usize> = entities
        .iter()
        .enumerate()
        .filter(|(_, e)| e.etype == EntityType::Place)
        .map(|(i, e)| (e.name.as_str(), i))
        .collect();
    for (a, e) in entities.iter().enumerate() {
        if !matches!(e.etype, EntityType::Place | EntityType::Organization) {
            continue;
        }
        for (cut, _) in e.name.match_indices(' ') {
            if let Some(&b) = place_named.get(&e.name[..cut]) {
                if b != a {
                    within.insert((a, b));
                }
            }
        }
    }
    Resolved {
        entities,
        node_entity,
        within,
    }
}

/// Names of a person's local entity that name somebody else: same surname
/// as its local name but another first name ("Maria Rasputin" inside
/// "Grigori Rasputin": relatives share a surname), and the bare first
/// names of those. The text stage sometimes merges relatives; these names
/// are kept out of the entity's anchors and aliases.
pub fn foreign_names(local: &str, names: &[&str]) -> BTreeSet<String> {
    let main = NameKey::new(local, true);
    foreign_names_by(
        &main,
        names.iter().map(|n| (*n, Rc::new(NameKey::new(n, true)))),
    )
}

/// [`foreign_names`] of the local name `main`, over names with their keys.
fn foreign_names_by<'a>(
    main: &NameKey,
    names: impl Iterator<Item = (&'a str, Rc<NameKey>)>,
) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let (Some(first), Some(sur)) = (main.first(), main.surname()) else {
        return out;
    };
    let names: Vec<(&str, Rc<NameKey>)> = names.collect();
    let mut firsts = BTreeSet::new();
    for (n, k) in &names {
        // (A one-word name has no first name: its surname is not looked for.)
        if let Some((f, s)) = k.first().and_then(|f| Some((f, k.surname()?))) {
            let initial = |a: &str, b: &str| a.chars().count() == 1 && b.starts_with(a);
            // A name that ends the local name is part of it ("Leon Trotsky"
            // in a heading taken for "Assassination of Leon Trotsky").
            let inside = main.keys.ends_with(&k.keys);
            if s == sur && f != first && !initial(f, first) && !initial(first, f) && !inside {
                out.insert(clean(n));
                firsts.insert(f.to_string());
            }
        }
    }
    for (n, k) in &names {
        if k.len() == 1 && firsts.contains(&k.keys[0]) && k.keys[0] != first {
            out.insert(clean(n));
        }
    }
    out
}

/// Nicknames that the text stage attached to the wrong person of a
/// document: a one-word nickname that shares nothing with its host's names
/// but starts like a name part (five letters or more in common) of exactly
/// one other person of the document ("Mironych" ← Sergei Mironovich
/// Kirov). Returns (from local, to local, alias, span).
pub(crate) fn nickname_moves(
    d: &DocSummary,
    types: &[EntityType],
    strs: &Strings,
) -> Vec<(usize, usize, String, Option<annalist_model::Span>)> {
    let common = |a: &str, b: &str| a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    let rules = NameRules::get();
    // (folded tokens, their keys) of a local entity's names.
    let parts = |li: usize| -> (BTreeSet<String>, BTreeSet<String>) {
        let le = &d.entities[li];
        let mut toks = BTreeSet::new();
        let mut keys = BTreeSet::new();
        let names = std::iter::once(strs.str(le.name)).chain(
            d.aliases_of(le)
                .iter()
                .filter(|a| strs.str(a.how) != "nickname")
                .map(|a| strs.str(a.alias)),
        );
        for n in names {
            let k = NameKey::new(n, true);
            toks.extend(k.tokens);
            keys.extend(k.keys);
        }
        (toks, keys)
    };
    let mut out = Vec::new();
    for (li, le) in d.entities.iter().enumerate() {
        if types.get(li) != Some(&EntityType::Person) {
            continue;
        }
        let aliases = d.aliases_of(le);
        for a in aliases.iter().filter(|a| strs.str(a.how) == "nickname") {
            let k = NameKey::new(strs.str(a.alias), true);
            let [nick] = &k.tokens[..] else {
                continue;
            };
            let given = rules.given_names_of(&k.keys[0]);
            let fits = |(toks, keys): &(BTreeSet<String>, BTreeSet<String>)| -> bool {
                toks.iter().any(|t| t != nick && common(t, nick) >= 5)
                    || given.is_some_and(|g| !g.is_disjoint(keys))
            };
            let own = parts(li);
            if nick.chars().count() < 4 || own.0.iter().any(|t| common(t, nick) >= 4) || fits(&own)
            {
                continue;
            }
            let cands: Vec<usize> = (0..d.entities.len())
                .filter(|&o| o != li && types.get(o) == Some(&EntityType::Person))
                .filter(|&o| fits(&parts(o)))
                .collect();
            if let [to] = cands[..] {
                out.push((li, to, clean(strs.str(a.alias)), a.span()));
            }
        }
    }
    out
}

fn foreign_of(
    d: &DocSummary,
    le: &crate::merge::LocalSummary,
    strs: &Strings,
    keys: &mut Keys,
) -> BTreeSet<String> {
    // Each distinct name once (the result is a set).
    let mut names: Vec<Sym> = d
        .aliases_of(le)
        .iter()
        .map(|a| a.alias)
        .chain(d.mentions_of(le).iter().map(|m| m.text))
        .collect();
    names.sort_unstable();
    names.dedup();
    let main = keys.sym(le.name, true);
    foreign_names_by(
        &main,
        names.iter().map(|&x| (strs.str(x), keys.sym(x, true))),
    )
}

/// The hash of `chars` less the positions in `skip` (ascending).
fn chars_hash(chars: &[char], skip: &[usize]) -> u64 {
    use std::hash::Hasher;
    // SipHash with fixed keys: deterministic, and well spread.
    let mut h = std::hash::DefaultHasher::new();
    let mut k = 0;
    for (i, &c) in chars.iter().enumerate() {
        if skip.get(k) == Some(&i) {
            k += 1;
            continue;
        }
        h.write_u32(c as u32);
    }
    h.write_usize(chars.len() - skip.len());
    h.finish()
}

/// [`chars_hash`] of every string obtained from `t` by deleting up to `d`
/// chars (and of `t`), sorted, without repeats: [`deletions`] without a
/// string per variant.
fn deletion_hashes(t: &str, d: usize) -> Vec<u64> {
    let chars: Vec<char> = t.chars().collect();
    let mut out = Vec::new();
    let mut skip: Vec<usize> = Vec::with_capacity(d);
    // Every set of at most `d` positions, in ascending order.
    fn walk(chars: &[char], d: usize, from: usize, skip: &mut Vec<usize>, out: &mut Vec<u64>) {
        out.push(chars_hash(chars, skip));
        if skip.len() == d {
            return;
        }
        for i in from..chars.len() {
            skip.push(i);
            walk(chars, d, i + 1, skip, out);
            skip.pop();
        }
    }
    walk(&chars, d, 0, &mut skip, &mut out);
    out.sort_unstable();
    out.dedup();
    out
}

/// Every string obtained from `t` by deleting up to `d` chars (and `t`).
#[cfg(test)]
fn deletions(t: &str, d: usize) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    out.insert(t.to_string());
    let mut frontier = vec![t.to_string()];
    for _ in 0..d {
        let mut next = Vec::new();
        for s in &frontier {
            let chars: Vec<char> = s.chars().collect();
            for i in 0..chars.len() {
                let v: String = chars[..i].iter().chain(&chars[i + 1..]).collect();
                if out.insert(v.clone()) {
                    next.push(v);
                }
            }
        }
        frontier = next;
    }
    out
}

/// `clean` and `fold` of the texts met while building entities, and the
/// name keys of aliases: the same names come back in thousands of
/// documents. Summary strings are looked up by number.
/// A text cleaned, and folded.
type Cleaned = Rc<(String, String)>;
/// text → (clean, fold).
type TextMap = FxHashMap<Box<str>, Cleaned>;
/// [not a person, person]: name → name key.
type KeyMap = [FxHashMap<Box<str>, Rc<str>>; 2];

struct TextMemo<'s> {
    strs: &'s Strings,
    by_sym: RefCell<Vec<Option<Cleaned>>>,
    texts: RefCell<TextMap>,
    keys: RefCell<KeyMap>,
    /// [not a person, person]: name → number of words of its key.
    words: RefCell<[FxHashMap<Box<str>, usize>; 2]>,
}

impl<'s> TextMemo<'s> {
    fn new(strs: &'s Strings) -> Self {
        TextMemo {
            strs,
            by_sym: RefCell::new(vec![None; strs.len()]),
            texts: Default::default(),
            keys: Default::default(),
            words: Default::default(),
        }
    }
    /// `NameKey::new(t, person).len()`.
    fn words(&self, t: &str, person: bool) -> usize {
        if let Some(&n) = self.words.borrow()[person as usize].get(t) {
            return n;
        }
        let n = NameKey::new(t, person).len();
        self.words.borrow_mut()[person as usize].insert(t.into(), n);
        n
    }
    /// (`clean(t)`, `fold(clean(t))`).
    fn get(&self, t: &str) -> Rc<(String, String)> {
        if let Some(x) = self.texts.borrow().get(t) {
            return x.clone();
        }
        let c = clean(t);
        let f = NameRules::get().fold(&c);
        let x = Rc::new((c, f));
        self.texts.borrow_mut().insert(t.into(), x.clone());
        x
    }
    /// [`TextMemo::get`] of a summary string.
    fn sym(&self, x: Sym) -> Rc<(String, String)> {
        if let Some(Some(v)) = self.by_sym.borrow().get(x.index()) {
            return v.clone();
        }
        let v = self.get(self.strs.str(x));
        if let Some(slot) = self.by_sym.borrow_mut().get_mut(x.index()) {
            *slot = Some(v.clone());
        }
        v
    }
    /// `NameKey::new(t, person).key()`.
    fn key(&self, t: &str, person: bool) -> Rc<str> {
        if let Some(x) = self.keys.borrow()[person as usize].get(t) {
            return x.clone();
        }
        let x: Rc<str> = NameKey::new(t, person).key().into();
        self.keys.borrow_mut()[person as usize].insert(t.into(), x.clone());
        x
    }
}

/// Name keys, shared by every node naming them alike; summary strings are
/// looked up by number.
struct Keys<'s> {
    strs: &'s Strings,
    by_sym: [Vec<Option<Rc<NameKey>>>; 2],
    by_name: [FxHashMap<Box<str>, Rc<NameKey>>; 2],
}

impl<'s> Keys<'s> {
    fn new(strs: &'s Strings) -> Self {
        Keys {
            strs,
            by_sym: [vec![None; strs.len()], vec![None; strs.len()]],
            by_name: Default::default(),
        }
    }
    /// `NameKey::new(name, person)`, shared.
    fn name(&mut self, name: &str, person: bool) -> Rc<NameKey> {
        let m = &mut self.by_name[person as usize];
        if let Some(k) = m.get(name) {
            return k.clone();
        }
        let k = Rc::new(NameKey::new(name, person));
        m.insert(name.into(), k.clone());
        k
    }
    /// [`Keys::name`] of a summary string.
    fn sym(&mut self, x: Sym, person: bool) -> Rc<NameKey> {
        if let Some(Some(k)) = self.by_sym[person as usize].get(x.index()) {
            return k.clone();
        }
        let k = self.name(self.strs.str(x), person);
        if let Some(slot) = self.by_sym[person as usize].get_mut(x.index()) {
            *slot = Some(k.clone());
        }
        k
    }
}

/// Strings numbered in the order first seen.
#[derive(Default)]
struct Interner {
    ids: FxHashMap<Box<str>, u32>,
    strs: Vec<Box<str>>,
}

impl Interner {
    fn id(&mut self, s: &str) -> u32 {
        if let Some(&i) = self.ids.get(s) {
            return i;
        }
        let i = self.strs.len() as u32;
        self.strs.push(s.into());
        self.ids.insert(s.into(), i);
        i
    }
    fn get(&self, i: u32) -> &str {
        &self.strs[i as usize]
    }
    /// The number of `s`, if it has one.
    fn lookup(&self, s: &str) -> Option<u32> {
        self.ids.get(s).copied()
    }
}

/// Counts `k` (allocating its key only the first time).
fn bump(map: &mut BTreeMap<String, usize>, k: &str) {
    match map.get_mut(k) {
        Some(c) => *c += 1,
        None => {
            map.insert(k.to_string(), 1);
        }
    }
}

/// How much a spelling keeps of the name's accents: its accented Latin
/// letters ("Ramón" over "Ramon"). A letter of another script counts
/// against it: the knowledge base names people in the Latin script its
/// readers search with ("Alexander Gradsky", not "Александр Градский",
/// which stays an alias).
fn latin_accents(s: &str) -> isize {
    s.chars()
        .filter(|c| !c.is_ascii())
        .map(|c| {
            let latin = matches!(c as u32, 0x00C0..=0x024F | 0x1E00..=0x1EFF);
            if !c.is_alphabetic() || latin {
                1
            } else {
                -1
            }
        })
        .sum()
}

fn build_entity(
    docs: &[DocSummary],
    nodes: &[Node],
    members: &[usize],
    via: &[Via],
    rules: &NameRules,
    memo: &TextMemo,
) -> (Entity, usize) {
    let strs = memo.strs;
    // Type: the majority by mentions (organization vs group).
    // Which names of a member's local entity are its own (`t` cleaned).
    let keep = |i: usize, t: &str| -> bool { nodes[i].keeps(t) };
    let mut tcount: BTreeMap<EntityType, usize> = BTreeMap::new();
    let mut total = 0;
    for &i in members {
        *tcount.entry(nodes[i].etype).or_default() += nodes[i].mentions().max(1);
        total += nodes[i].mentions();
    }
    let etype = tcount
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
        .map(|(t, _)| *t)
        .unwrap_or_default();
    let person = etype == EntityType::Person;

    // Canonical name: among the local (fullest-in-document) names, prefer a
    // name of several words, then the most mentioned, then the longest.
    let mut surface_count: BTreeMap<String, usize> = BTreeMap::new();
    let mut fold_count: BTreeMap<String, usize> = BTreeMap::new();
    for &i in members {
        let d = &docs[nodes[i].doc()];
        let le = &d.entities[nodes[i].local()];
        for m in d.mentions_of(le) {
            if matches!(
                m.form,
                MentionForm::Name | MentionForm::Partial | MentionForm::Acronym
            ) {
                let x = memo.sym(m.text);
                if !keep(i, &x.0) {
                    continue;
                }
                bump(&mut fold_count, &x.1);
                bump(&mut surface_count, &x.0);
            }
        }
    }
    let mut cands: BTreeMap<String, (bool, usize, usize, isize, String)> = BTreeMap::new();
    for &i in members {
        if via[i] == Via::Misspelling || nodes[i].heading {
            continue;
        }
        let name = nodes[i]
            .gaz()
            .cloned()
            .unwrap_or_else(|| nodes[i].name.0.clone());
        let f = memo.get(&name).1.clone();
        if f.is_empty() {
            continue;
        }
        let words = memo.words(&name, person);
        let cnt = fold_count.get(&f).copied().unwrap_or(0) + 1;
        let sc = surface_count.get(&name).copied().unwrap_or(0);
        let e = cands
            .entry(f)
            .or_insert((words >= 2, cnt, words, 0, name.clone()));
        // Best surface of this folded name: most used, then with accents.
        let cur = surface_count.get(&e.4).copied().unwrap_or(0);
        if (sc, latin_accents(&name), std::cmp::Reverse(&name))
            > (cur, latin_accents(&e.4), std::cmp::Reverse(&e.4))
        {
            e.4 = name.clone();
        }
        e.3 = latin_accents(&e.4);
    }
    let fallback = || nodes[members[0]].name.0.clone();
    let name = cands
        .iter()
        .max_by(|a, b| {
            let (x, y) = (a.1, b.1);
            (x.0, x.1, x.2, x.3)
                .cmp(&(y.0, y.1, y.2, y.3))
                .then_with(|| b.0.cmp(a.0))
        })
        .map(|(_, v)| v.4.clone())
        .unwrap_or_else(fallback);
    let canon_fold = rules.fold(&name);
    let canon_key = NameKey::new(&name, person).key();

    // Aliases with the evidence that introduced each.
    let mut evidence: BTreeMap<String, EntityAlias> = BTreeMap::new();
    // (document, start, end): documents are in source id order.
    let mut mentions: Vec<(usize, usize, usize)> = Vec::new();
    // `x`: an alias, cleaned, and folded.
    let how_of = |x: &(String, String), node: usize, form: Option<MentionForm>| -> &'static str {
        match form {
            Some(MentionForm::Partial) => return "partial",
            Some(MentionForm::Acronym) => return "acronym",
            Some(MentionForm::Description) => return "description",
            _ => {}
        }
        let f = &x.1;
        if via[node] == Via::Misspelling && *f != canon_fold {
            return "misspelling";
        }
        if *f != canon_fold && *memo.key(&x.0, person) == *canon_key {
            return "transliteration";
        }
        if via[node] == Via::CrossDocument {
            return "cross_document";
        }
        "surface"
    };
    // Keeps the most telling evidence per alias: a pattern over a plain
    // surface form, then the earliest. Allocates only what it keeps.
    let offer = |alias: &str,
                 how: &str,
                 src: &str,
                 (start, end): (usize, usize),
                 evidence: &mut BTreeMap<String, EntityAlias>| {
        if alias.is_empty() {
            return;
        }
        let make = || EntityAlias {
            alias: alias.to_string(),
            how: how.to_string(),
            source: src.to_string(),
            start,
            end,
        };
        match evidence.get_mut(alias) {
            Some(old) => {
                if (how == "surface", src, start)
                    < (old.how == "surface", old.source.as_str(), old.start)
                {
                    *old = make();
                }
            }
            None => {
                evidence.insert(alias.to_string(), make());
            }
        }
    };
    for &i in members {
        let d = &docs[nodes[i].doc()];
        let le = &d.entities[nodes[i].local()];
        let src = d.id();
        for (alias, how, span) in nodes[i].extra() {
            let at = span.map(|s| (s.start, s.end)).unwrap_or((0, 0));
            offer(alias, how, src, at, &mut evidence);
        }
        let le_mentions = d.mentions_of(le);
        if let Some(g) = nodes[i].gaz() {
            let first = le_mentions.first().map(|m| m.span());
            let at = first.map(|s| (s.start, s.end)).unwrap_or((0, 0));
            offer(g, "gazetteer", src, at, &mut evidence);
        }
        for a in d.aliases_of(le) {
            let x = memo.sym(a.alias);
            let alias = &x.0;
            if !keep(i, alias) {
                continue;
            }
            let at = a.span().map(|s| (s.start, s.end)).unwrap_or((0, 0));
            let a_how = strs.str(a.how);
            let how: &str = if a_how.is_empty() || a_how == "surface" {
                how_of(&x, i, None)
            } else {
                a_how
            };
            offer(alias, how, src, at, &mut evidence);
        }
        for m in le_mentions {
            let x = memo.sym(m.text);
            let alias = &x.0;
            if !keep(i, alias) {
                continue;
            }
            let span = m.span();
            mentions.push((nodes[i].doc(), span.start, span.end));
            let keep = match m.form {
                MentionForm::Name | MentionForm::Partial | MentionForm::Acronym => true,
                MentionForm::Pronoun => false,
                // "the Old Man" is a name; "the Soviet leader" hardly is.
                MentionForm::Description => {
                    let words: Vec<&str> = strs.str(m.text).split_whitespace().collect();
                    words.len() >= 2
                        && words[1..]
                            .iter()
                            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
                }
            };
            if !keep {
                continue;
            }
            let how = how_of(&x, i, Some(m.form));
            offer(alias, how, src, (span.start, span.end), &mut evidence);
        }
        // The local name itself, where the text gives no span for it.
        let lname: &str = &nodes[i].name.0;
        if !evidence.contains_key(lname) && keep(i, lname) {
            let first = le_mentions
                .iter()
                .find(|m| memo.sym(m.text).0 == lname)
                .map(|m| m.span());
            let at = first.map(|s| (s.start, s.end)).unwrap_or((0, 0));
            let how = how_of(&nodes[i].name, i, None);
            offer(lname, how, src, at, &mut evidence);
        }
    }
    mentions.sort_unstable();
    mentions.dedup();
    let mentions: Vec<SourceSpan> = mentions
        .into_iter()
        .map(|(di, start, end)| SourceSpan {
            source: docs[di].sid.clone(),
            start,
            end,
        })
        .collect();
    let mut aliases: Vec<String> = evidence.keys().cloned().collect();
    if !aliases.contains(&name) {
        aliases.push(name.clone());
        aliases.sort();
    }
    let alias_evidence: Vec<EntityAlias> = evidence.into_values().collect();
    let id = format!("{}:{}", etype.as_str(), slug(&name));
    (
        Entity {
            id,
            etype,
            name,
            aliases,
            alias_evidence,
            mentions,
        },
        total,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deletion_hashes_are_the_deletions_hashed() {
        for (t, d) in [
            ("trotsky", 1),
            ("mercader", 2),
            ("aab", 2),
            ("Coyoacán", 2),
            ("", 1),
        ] {
            let mut want: Vec<u64> = deletions(t, d)
                .iter()
                .map(|v| chars_hash(&v.chars().collect::<Vec<_>>(), &[]))
                .collect();
            want.sort_unstable();
            assert_eq!(deletion_hashes(t, d), want, "{t}");
        }
    }

    #[test]
    fn relatives_are_foreign_names() {
        let f = foreign_names(
            "Grigori Rasputin",
            &[
                "Rasputin",
                "Maria Rasputin",
                "Maria",
                "G. Rasputin",
                "Grigori Yefimovich Rasputin",
            ],
        );
        assert_eq!(
            f,
            BTreeSet::from(["Maria Rasputin".to_string(), "Maria".to_string()])
        );
        assert!(foreign_names("Stalin", &["Joseph Stalin"]).is_empty());
    }
}
