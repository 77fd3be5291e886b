//! A light chunker over one sentence: word classes (from the UPOS tag when
//! there is one, else from the closed-class lists of `words.tsv` and
//! capitalisation), noun-phrase chunks, clause boundaries and the search for
//! a verb's grammatical subject and object.

use crate::lexicon::{Cl, Lexicon};
use annalist_model::{EntityType, Mention, MentionForm, RegionKind, Span, TextAnalysis};

/// Word class of a token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum C {
    Punct,
    /// `'s` after a name.
    PossMark,
    Poss,
    Det,
    Pron,
    Rel,
    Prep,
    Conj,
    Sconj,
    Be,
    Aux,
    Modal,
    Neg,
    Adv,
    Num,
    Propn,
    Noun,
    Verb,
    Adj,
    /// A content word of unknown class (no tagger).
    Other,
}

/// One sentence's mentions: indices into `TextAnalysis::mentions`.
pub(crate) struct SentMentions<'m> {
    /// When the mention list is sorted by start, the sentence's mentions
    /// are one run of it;
    run: std::ops::Range<usize>,
    /// else they come from the per-sentence lists.
    listed: &'m [usize],
}

impl<'m> SentMentions<'m> {
    /// The mentions of sentence `si`, spanning `span`. `sorted`: the
    /// mention list is sorted by start (checked once per document), else
    /// `by_sentence` (mention indices per sentence) is read.
    pub fn of(
        ta: &TextAnalysis,
        span: Span,
        si: usize,
        sorted: bool,
        by_sentence: &'m [Vec<usize>],
    ) -> Self {
        if sorted {
            let first = ta.mentions.partition_point(|m| m.span.end <= span.start);
            let n = ta.mentions[first..].partition_point(|m| m.span.start < span.end);
            SentMentions {
                run: first..first + n,
                listed: &[],
            }
        } else {
            SentMentions {
                run: 0..0,
                listed: by_sentence.get(si).map(Vec::as_slice).unwrap_or(&[]),
            }
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.run.clone().chain(self.listed.iter().copied())
    }

    pub fn is_empty(&self) -> bool {
        self.run.is_empty() && self.listed.is_empty()
    }
}

/// One token of the sentence under analysis.
#[derive(Clone, Debug)]
pub(crate) struct W<'a> {
    pub text: &'a str,
    /// Lower-cased form: the token's own text when it has no upper case,
    /// else a slice of the sentence's buffer of lowered forms (no
    /// allocation per token).
    pub lower: &'a str,
    pub span: Span,
    pub class: C,
    /// Index (into `TextAnalysis::mentions`) of the mention covering the token.
    pub mention: Option<usize>,
    /// Token ends with a possessive `'s` glued to it ("Trotsky's").
    pub glued_poss: bool,
    /// Its closed-class bits (`words.tsv`).
    pub bits: u64,
}

impl W<'_> {
    pub fn has(&self, c: Cl) -> bool {
        self.bits & c.bit() != 0
    }
}

/// A noun-phrase chunk: tokens `a..b` of the sentence.
#[derive(Clone, Debug)]
pub(crate) struct Np {
    pub a: usize,
    pub b: usize,
    /// The mention standing for the phrase (its head), if any.
    pub mention: Option<usize>,
    pub pronoun: bool,
    pub head: String,
    /// The possessor ("his" / "Trotsky's" in "his house").
    pub possessor: Option<Box<Np>>,
}

pub(crate) struct Sent<'a> {
    pub w: Vec<W<'a>>,
    pub lex: &'a Lexicon,
    pub text: &'a str,
    pub ta: &'a TextAnalysis,
    pub has_upos: bool,
    upos: Vec<&'a annalist_model::Tag>,
    verbish: Vec<bool>,
    breaks: Vec<bool>,
    /// Tokens inside a time expression ([`Sent::mark_timex`]): a noun
    /// phrase does not reach back into one ("By April | Brutus").
    in_timex: Vec<bool>,
}

/// A quotation mark, straight or curly, opening or closing.
fn is_quote(s: &str) -> bool {
    matches!(s, "\"" | "“" | "”" | "‘" | "’" | "«" | "»" | "'")
}

/// A dash set off by spaces (or an en or em dash): "Eight – A, B – were".
fn is_dash(w: &W) -> bool {
    matches!(w.text, "–" | "—" | "--")
}

fn is_apostrophe_s(s: &str) -> bool {
    matches!(s, "'s" | "’s" | "'" | "’")
}

impl<'a> Sent<'a> {
    /// The tokens of sentence `si` with their text, lower-cased form,
    /// closed-class bits and glued possessive; no mention and class
    /// [`C::Other`] yet ([`Sent::from_words`] fills those and makes the
    /// sentence). Enough to tell whether a sentence has a trigger word at
    /// all. `lowered` is scratch space for the lower-cased forms of the
    /// tokens that have upper case (the others borrow the text).
    pub fn words(
        text: &'a str,
        ta: &'a TextAnalysis,
        si: usize,
        lex: &'a Lexicon,
        lowered: &'a mut String,
    ) -> Vec<W<'a>> {
        let toks = ta.sentence_tokens(si);
        // Lower-cased forms of the tokens that need it, one after the other
        // in `lowered`, ranges recorded and put in once the buffer is
        // complete; tokens without upper case are their own lower case
        // (`to_lowercase` of such ASCII text is the identity), ASCII tokens
        // are lowered byte by byte (the same as `to_lowercase` for ASCII,
        // without a new String per token).
        lowered.clear();
        let mut patch: Vec<(usize, usize, usize)> = Vec::new();
        let mut w: Vec<W<'a>> = Vec::with_capacity(toks.len());
        for t in toks {
            let tx = t.span.slice(text);
            let upper = tx.bytes().any(|b| b.is_ascii_uppercase() || b >= 0x80);
            if upper {
                let a = lowered.len();
                if tx.is_ascii() {
                    lowered.extend(tx.bytes().map(|b| b.to_ascii_lowercase() as char));
                } else {
                    lowered.push_str(&tx.to_lowercase());
                }
                patch.push((w.len(), a, lowered.len()));
            }
            w.push(W {
                text: tx,
                lower: tx,
                bits: if upper { 0 } else { lex.bits(tx) },
                span: t.span,
                class: C::Other,
                mention: None,
                glued_poss: false,
            });
        }
        let lowered: &'a String = lowered;
        for (i, a, b) in patch {
            let x = &mut w[i];
            x.lower = &lowered[a..b];
            x.bits = lex.bits(x.lower);
            // Only a capitalised token is a glued possessive ("Trotsky's").
            x.glued_poss = x.text.len() > 2
                && (x.lower.ends_with("'s") || x.lower.ends_with("’s"))
                && x.text.chars().next().is_some_and(char::is_uppercase);
        }
        w
    }

    /// The sentence of the tokens `w` ([`Sent::words`] of sentence `si`):
    /// the mention covering each token (among `ms`, the sentence's
    /// mentions), the word classes, and the per-token flags the chunker
    /// asks for.
    pub fn from_words(
        mut w: Vec<W<'a>>,
        text: &'a str,
        ta: &'a TextAnalysis,
        si: usize,
        lex: &'a Lexicon,
        ms: &SentMentions,
    ) -> Sent<'a> {
        let toks = ta.sentence_tokens(si);
        let has_upos = toks.iter().any(|t| !t.upos.is_empty());
        if !ms.is_empty() {
            for x in w.iter_mut() {
                x.mention = ms
                    .iter()
                    .filter(|&m| ta.mentions[m].span.overlaps(x.span))
                    .min_by_key(|&m| ta.mentions[m].span.len());
            }
        }
        let n = w.len();
        for i in 0..n {
            let upos = toks[i].upos.as_str();
            let next_content = w.get(i + 1).is_some_and(|x| {
                x.text.chars().next().is_some_and(char::is_alphanumeric)
                    && !x.has(Cl::Prep)
                    && !x.has(Cl::Conj)
                    && !x.has(Cl::Aux)
                    // ("gave *her* a year in prison": an article after it
                    // makes "her" an object; not "her many friends")
                    && !matches!(x.lower, "a" | "an" | "the")
            });
            let prev = if i > 0 { Some(w[i - 1].class) } else { None };
            // A capitalised token inside a person's name is part of that
            // name, whatever the tagger says ("More was executed": not the
            // adverb). (Not so for groups: "the Allied invasion" keeps its
            // adjective.)
            let named = w[i].text.chars().next().is_some_and(char::is_uppercase)
                && w[i].mention.is_some_and(|m| {
                    let m = &ta.mentions[m];
                    m.etype == EntityType::Person
                        && matches!(m.form, MentionForm::Name | MentionForm::Partial)
                });
            w[i].class = classify(&w[i], upos, i == 0, prev, next_content, named);
        }
        // "Jack Ruby shot Oswald": a trigger verb's past form the tagger
        // read as a noun, between a person's name and the next name or
        // phrase, is the verb (a noun there would be glued to the name:
        // "the Ruby shot").
        for i in 1..n.saturating_sub(1) {
            let person = |x: &W| {
                x.mention
                    .is_some_and(|m| ta.mentions[m].etype == EntityType::Person)
            };
            if w[i].class == C::Noun
                && w[i].mention.is_none()
                && w[i].text.starts_with(|c: char| c.is_lowercase())
                && person(&w[i - 1])
                && (i < 2 || w[i - 2].class != C::Det)
                && (person(&w[i + 1]) || matches!(w[i + 1].class, C::Det | C::Poss | C::Pron))
                && lex.is_trigger_participle(w[i].lower, w[i].bits)
            {
                w[i].class = C::Verb;
            }
        }
        // "transferred without warning to Pollsmoor", "jailed without
        // trial": a subordinator that is also a preposition, before a noun
        // phrase, is the preposition.
        for i in 0..n.saturating_sub(1) {
            if w[i].class == C::Sconj
                && w[i].has(Cl::Prep)
                && matches!(
                    w[i + 1].class,
                    C::Noun | C::Det | C::Adj | C::Num | C::Propn | C::Poss
                )
            {
                w[i].class = C::Prep;
            }
        }
        // "at least 110 people": a quantifier before a number modifies it,
        // like an adjective, instead of opening a phrase of its own — when
        // a noun follows the number ("around 1940, he …" is a time).
        for i in 0..n {
            for q in &lex.quantifiers {
                let e = i + q.len();
                let number = w.get(e).is_some_and(|x| {
                    x.class == C::Num || toks[e].upos == "NUM" || lex.numbers.contains_key(x.lower)
                });
                let counted = w
                    .get(e + 1)
                    .is_some_and(|x| matches!(x.class, C::Noun | C::Adj | C::Other));
                let number = number && counted;
                if number && w[i..].iter().zip(q).all(|(x, y)| x.lower == y) {
                    for x in &mut w[i..e] {
                        x.class = C::Adj;
                    }
                    break;
                }
            }
        }
        // "8 accused were tried", "four other accused": a noun for people
        // tried together that the tagger read as a participle, after a
        // number, determiner or adjective ("co-accused": its prefix too).
        for i in 0..n {
            if w[i].class != C::Verb || !w[i].has(Cl::Members) || i == 0 {
                continue;
            }
            let mut k = i - 1;
            if k >= 1
                && w[k].text == "-"
                && w[k - 1].lower == "co"
                && w[k - 1].span.end == w[k].span.start
                && w[k].span.end == w[i].span.start
            {
                w[k - 1].class = C::Adj;
                w[k].class = C::Adj;
                if k < 2 {
                    w[i].class = C::Noun;
                    continue;
                }
                k -= 2;
            }
            let p = &w[k];
            if matches!(p.class, C::Num | C::Det | C::Adj | C::Poss)
                || lex.numbers.contains_key(p.lower)
                || w[k + 1].class == C::Adj
            {
                w[i].class = C::Noun;
            }
        }
        // "was re-elected", "re-arrested": the tokenizer splits the
        // hyphen; a prefix glued to a verb by it is part of the verb
        // group, like an adverb ("was later elected").
        for i in 0..n.saturating_sub(2) {
            let glued =
                w[i].span.end == w[i + 1].span.start && w[i + 1].span.end == w[i + 2].span.start;
            if glued
                && w[i + 1].text == "-"
                && lex.verb_prefixes.contains(w[i].lower)
                && w[i + 2].class == C::Verb
            {
                w[i].class = C::Adv;
                w[i + 1].class = C::Adv;
            }
        }
        let mut sent = Sent {
            w,
            lex,
            text,
            ta,
            has_upos,
            upos: toks.iter().map(|t| &t.upos).collect(),
            verbish: Vec::new(),
            breaks: Vec::new(),
            in_timex: vec![false; n],
        };
        // Cached per token: the chunker asks these many times.
        sent.verbish = (0..n).map(|i| sent.compute_verbish(i)).collect();
        sent.breaks = (0..n).map(|i| sent.compute_clause_break(i)).collect();
        sent
    }

    /// Marks the tokens inside the time expression spanning `span`, whose
    /// first token is at or after `from`.
    pub fn mark_timex(&mut self, from: usize, span: Span) {
        for (x, t) in self.in_timex.iter_mut().zip(&self.w).skip(from) {
            if t.span.start >= span.end {
                break;
            }
            *x |= span.contains(t.span);
        }
    }

    /// Token `i` lies inside a time expression ([`Sent::mark_timex`]).
    pub fn in_timex(&self, i: usize) -> bool {
        self.in_timex.get(i).copied().unwrap_or(false)
    }

    /// The first token at or after `k` that is no adverb ("shot *later*
    /// that day", "and *then* he…"); the sentence's length when none is.
    pub fn skip_adverbs(&self, mut k: usize) -> usize {
        while k < self.len() && self.w[k].class == C::Adv {
            k += 1;
        }
        k
    }

    pub fn len(&self) -> usize {
        self.w.len()
    }

    pub fn mention(&self, m: usize) -> &Mention {
        &self.ta.mentions[m]
    }

    pub fn is_verbish(&self, i: usize) -> bool {
        match self.verbish.get(i) {
            Some(v) => *v,
            None => self.compute_verbish(i),
        }
    }

    fn compute_verbish(&self, i: usize) -> bool {
        let Some(w) = self.w.get(i) else { return false };
        match w.class {
            C::Verb => true,
            // (with no tagger: a trigger word after a determiner or a
            // possessive is a noun, "in his study")
            C::Other if !self.has_upos => {
                w.mention.is_none()
                    && !i
                        .checked_sub(1)
                        .is_some_and(|k| matches!(self.w[k].class, C::Det | C::Poss))
                    && (w.lower.ends_with("ed")
                        || self.lex.triggers_of(w.lower, w.bits).is_some()
                            && !w.lower.ends_with("ion")
                            && !w.lower.ends_with("ions"))
            }
            _ => false,
        }
    }

    fn lexical_nominal(&self, i: usize) -> bool {
        let Some(w) = self.w.get(i) else { return false };
        let prev = i.checked_sub(1).map(|k| &self.w[k]);
        // (a floating quantifier before a verb is no determiner: "and
        // both killed themselves")
        // ("were *each* sentenced": nor after a form of "be")
        let floating = |p: &W| {
            p.has(Cl::Floating)
                && (self.ta_upos(i) == Some("VERB")
                    || i >= 2 && matches!(self.w[i - 2].class, C::Be | C::Aux))
        };
        // ("among those arrested": a participle after "those" is a verb)
        let those = |p: &W| p.lower == "those" && w.lower.ends_with("ed");
        // ("The British *liberated* …": after a people named by its
        // adjective, a word the tagger calls a verb is one)
        let people =
            |_: &W| i >= 1 && self.people_adjective(i - 1) && self.ta_upos(i) == Some("VERB");
        prev.is_some_and(|p| {
            (matches!(p.class, C::Det | C::Poss | C::PossMark | C::Adj)
                && !floating(p)
                && !those(p)
                && !people(p))
                || p.glued_poss
        }) || self.w.get(i + 1).is_some_and(|n| n.lower == "of") && !w.lower.ends_with("ed")
    }

    fn lexical_verbal(&self, i: usize) -> bool {
        let after_aux = i.checked_sub(1).is_some_and(|k| {
            let p = &self.w[k];
            matches!(p.class, C::Be | C::Aux | C::Modal | C::Pron | C::Neg) || p.lower == "to"
        });
        // "was arrested and (later) shot": coordinated with a verb before
        // it (the taggers read a sentence-final "shot" as a noun)
        let coordinated = || {
            let mut k = i;
            while k > 0 && self.w[k - 1].class == C::Adv {
                k -= 1;
            }
            k >= 2
                && self.w[k - 1].class == C::Conj
                && matches!(self.w[k - 1].lower, "and" | "or")
                // a passive verb group before it in the clause ("was
                // removed from his post and later shot")
                && (k.saturating_sub(9)..k - 1)
                    .rev()
                    .take_while(|&j| self.w[j].class != C::Punct)
                    .any(|j| {
                        self.w[j].class == C::Verb
                            && j > 0
                            && matches!(self.w[j - 1].class, C::Be | C::Aux)
                    })
                && (self.w[i].lower.ends_with("ed")
                    || self.w[i].lower.ends_with("en")
                    || self.w[i].lower.ends_with('t'))
        };
        after_aux || coordinated()
    }

    /// The token at `i` is used as a noun ("his exile", "the murder of"):
    /// the local context first, then the tagger.
    pub fn nominal_context(&self, i: usize) -> bool {
        self.lexical_nominal(i)
            || (matches!(self.ta_upos(i), Some("NOUN" | "PROPN"))
                // (not a noun reading repaired to a verb in `from_words`)
                && self.w[i].class != C::Verb
                && !self.lexical_verbal(i))
    }

    /// The noun at `i` modifies the common noun after it ("an *exile*
    /// community", "the *death* penalty", "the *murder* weapon", "Miami's
    /// *exile* Cuban community"): it names no event of its own.
    pub fn modifies_noun(&self, i: usize) -> bool {
        let common = |k: usize| {
            self.w
                .get(k)
                .is_some_and(|w| w.mention.is_none() && w.class == C::Noun)
        };
        let demonym = |k: usize| {
            self.w.get(k).is_some_and(|w| {
                w.mention.is_none()
                    && w.class == C::Adj
                    && w.text.starts_with(|c: char| c.is_uppercase())
            })
        };
        common(i + 1) || (demonym(i + 1) && common(i + 2))
    }

    /// The token at `i` is used as a verb ("was exiled", "they murder").
    pub fn verbal_context(&self, i: usize) -> bool {
        self.lexical_verbal(i)
            || (matches!(self.ta_upos(i), Some("VERB" | "AUX")) && !self.lexical_nominal(i))
    }

    /// The tagger's UPOS of token `i`, if it tagged the sentence.
    pub(crate) fn ta_upos(&self, i: usize) -> Option<&'a str> {
        let u = self.upos.get(i)?.as_str();
        (!u.is_empty()).then_some(u)
    }

    fn is_nominal(&self, i: usize) -> bool {
        let w = &self.w[i];
        w.mention.is_some()
            || matches!(w.class, C::Noun | C::Propn | C::Num | C::Adj)
            || (w.class == C::Other && !self.is_verbish(i))
    }

    /// The token at `k` is a capitalised adjective right after "the": a
    /// people named by its adjective ("The British", "the French").
    fn people_adjective(&self, k: usize) -> bool {
        let w = &self.w[k];
        w.class == C::Adj
            && k > 0
            && self.w[k - 1].lower == "the"
            && w.text.starts_with(char::is_uppercase)
    }

    /// The possessive-marker token `'s` at `i`.
    fn is_poss_mark(&self, i: usize) -> bool {
        self.w.get(i).is_some_and(|w| w.class == C::PossMark)
    }

    /// Extent of the mention covering token `i`, as a token range.
    pub(crate) fn mention_run(&self, i: usize) -> (usize, usize) {
        let Some(m) = self.w[i].mention else {
            return (i, i + 1);
        };
        let mut a = i;
        while a > 0 && self.w[a - 1].mention == Some(m) {
            a -= 1;
        }
        let mut b = i + 1;
        while b < self.len() && self.w[b].mention == Some(m) {
            b += 1;
        }
        (a, b)
    }

    /// The noun phrase starting at token `i`.
    pub fn np_right(&self, i: usize) -> Option<Np> {
        let w = self.w.get(i)?;
        if matches!(w.class, C::Pron) {
            return Some(self.word_np(i));
        }
        let mut j = i;
        let mut possessor = None;
        if w.class == C::Poss {
            possessor = Some(Box::new(self.word_np(i)));
            j += 1;
        } else if w.class == C::Det {
            j += 1;
        }
        // A quoted title ("wrote the \"Letter from Birmingham Jail\""): the
        // quotation marks around a name are no words of the phrase.
        let quoted = self.opens_quoted_name(j);
        if quoted {
            j += 1;
        }
        let start_content = j;
        let mut last_mention = None;
        let mut head = String::new();
        while j < self.len() && j - start_content < 8 {
            let x = &self.w[j];
            if x.mention.is_some() {
                let (_, b) = self.mention_run(j);
                last_mention = x.mention;
                head = self.w[b - 1].lower.to_string();
                let glued = self.w[b - 1].glued_poss;
                j = b;
                if quoted && self.w.get(j).is_some_and(|w| is_quote(w.text)) {
                    j += 1;
                }
                // "a Bombay-based consultant", "Moscow-led forces": a name
                // glued to a lower-case word by a hyphen modifies the noun.
                if self.w.get(j).is_some_and(|w| w.lower == "-")
                    && self
                        .w
                        .get(j + 1)
                        .is_some_and(|w| w.text.chars().next().is_some_and(char::is_lowercase))
                    && self.w[j].span.start == self.w[j - 1].span.end
                    && self.w[j + 1].span.start == self.w[j].span.end
                {
                    head = self.w[j + 1].lower.to_string();
                    last_mention = None;
                    j += 2;
                    continue;
                }
                // "a Buffalo, N.Y., doctor": a place and its state or
                // country between commas modify the noun after them.
                let place =
                    last_mention.is_some_and(|mi| self.mention(mi).etype == EntityType::Place);
                if place && !glued {
                    if let Some(k) = self.located_noun(j) {
                        j = k;
                        last_mention = None;
                        continue;
                    }
                }
                if glued || self.is_poss_mark(j) {
                    // "Trotsky's house": the name is the possessor.
                    possessor = Some(Box::new(Np {
                        a: start_content,
                        b: j,
                        mention: last_mention,
                        pronoun: false,
                        head: head.clone(),
                        possessor: None,
                    }));
                    last_mention = None;
                    if self.is_poss_mark(j) {
                        j += 1;
                    }
                }
                continue;
            }
            let ok = match x.class {
                C::Noun | C::Propn | C::Adj | C::Num => true,
                C::Other => {
                    !self.is_verbish(j)
                        || (j > 0 && matches!(self.w[j - 1].class, C::Det | C::Adj | C::Poss))
                }
                _ => false,
            };
            if !ok {
                break;
            }
            head = x.lower.to_string();
            // The head is not a name: a name before it is a modifier ("the Stalin era").
            last_mention = None;
            j += 1;
            if self.is_poss_mark(j) {
                possessor = Some(Box::new(Np {
                    a: start_content,
                    b: j,
                    mention: None,
                    pronoun: false,
                    head: head.clone(),
                    possessor: None,
                }));
                j += 1;
            }
        }
        if head.is_empty() {
            return None;
        }
        Some(Np {
            a: i,
            b: j,
            mention: last_mention,
            pronoun: false,
            head,
            possessor,
        })
    }

    /// Whether token `i` is a quotation mark opening a name.
    fn opens_quoted_name(&self, i: usize) -> bool {
        self.w.get(i).is_some_and(|w| is_quote(w.text))
            && self.w.get(i + 1).is_some_and(|w| w.mention.is_some())
    }

    /// Whether token `i` is part of a place's name.
    fn is_place(&self, i: usize) -> bool {
        self.w
            .get(i)
            .and_then(|w| w.mention)
            .is_some_and(|mi| self.mention(mi).etype == EntityType::Place)
    }

    /// After a place name ending before `j`: the noun of ", STATE, noun"
    /// ("Buffalo, N.Y., doctor"), when that is what follows.
    fn located_noun(&self, j: usize) -> Option<usize> {
        if self.w.get(j)?.lower != "," {
            return None;
        }
        let s = j + 1;
        let x = self.w.get(s)?;
        let e = if x.mention.is_some() {
            self.mention_run(s).1
        } else if x.class == C::Propn {
            s + 1
        } else {
            return None;
        };
        let n = e + 1;
        (self.w.get(e)?.lower == ","
            && self.w.get(n).is_some_and(|w| {
                w.mention.is_none()
                    && (w.class == C::Noun || (w.class == C::Other && !self.is_verbish(n)))
            }))
        .then_some(n)
    }

    /// The noun phrase ending at token `j` (inclusive).
    pub fn np_left(&self, j: usize) -> Option<Np> {
        let w = self.w.get(j)?;
        if matches!(w.class, C::Pron | C::Poss) && w.mention.is_none() || w.class == C::Pron {
            return Some(self.word_np(j));
        }
        // ("The British liberated …", "the French": a people named by its
        // adjective is a noun phrase)
        let people = self.people_adjective(j);
        if !self.is_nominal(j) || (w.class == C::Adj && w.mention.is_none() && !people) {
            return None;
        }
        let (mut a, _) = self.mention_run(j);
        let mention = w.mention;
        let mut extra = 0;
        while a > 0 && extra < 4 {
            let k = a - 1;
            let x = &self.w[k];
            // "his father-in-law", "twenty-seven others": words joined by
            // hyphens with no space are one word of the phrase
            if x.text == "-"
                && k > 0
                && mention.is_none()
                && self.w[k - 1].span.end == x.span.start
                && x.span.end == self.w[a].span.start
                && self.w[k - 1].mention.is_none()
                && !self.in_timex[k - 1]
            {
                a = k - 1;
                continue;
            }
            if (x.mention.is_some() && mention.is_some() && x.mention != mention)
                || self.in_timex[k]
            {
                break;
            }
            if x.class == C::Det || x.class == C::Poss {
                a = k;
                break;
            }
            if self.is_nominal(k) && x.mention.is_none() {
                a = k;
                extra += 1;
                continue;
            }
            if x.mention.is_some() && mention.is_none() {
                let (ma, _) = self.mention_run(k);
                a = ma;
                break;
            }
            break;
        }
        // "his house", "Yusupov's own account": the owner (of a name too:
        // "his novel The Picture of Dorian Gray").
        let mut possessor = None;
        if mention.is_none() || self.w[a].class == C::Poss {
            let named = |k: usize| -> Option<Np> {
                let (ma, mb) = self.mention_run(k);
                Some(Np {
                    a: ma,
                    b: mb,
                    mention: self.w[k].mention,
                    pronoun: false,
                    head: self.w[mb - 1].lower.to_string(),
                    possessor: None,
                })
            };
            if self.w[a].class == C::Poss {
                possessor = Some(self.word_np(a));
            } else if a >= 2 && self.is_poss_mark(a - 1) && self.w[a - 2].mention.is_some() {
                possessor = named(a - 2);
            } else if a >= 1 && self.w[a - 1].glued_poss && self.w[a - 1].mention.is_some() {
                possessor = named(a - 1);
            }
            if let Some(p) = &possessor {
                a = a.min(p.a);
            }
        }
        Some(Np {
            a,
            b: j + 1,
            mention,
            pronoun: false,
            head: w.lower.to_string(),
            possessor: possessor.map(Box::new),
        })
    }

    /// `np` plus the phrases coordinated to its right ("Kiev, Kazan and St. Petersburg").
    pub fn coordinated_right(&self, np: Np) -> Vec<Np> {
        let mut out = vec![np];
        // A comma list must close with "and"/"or" ("Kiev, Kazan and St. Petersburg");
        // else the comma opened an apposition ("killed him, Ramon Mercader, …").
        let mut closed = false;
        loop {
            let last = out.last().map(|n| n.b).unwrap_or(0);
            let Some(sep) = self.w.get(last) else { break };
            let is_and = sep.class == C::Conj && matches!(sep.lower, "and" | "or");
            let is_comma = sep.lower == ",";
            if !is_and && !is_comma {
                break;
            }
            let mut k = last + 1;
            while k < self.len()
                && (self.w[k].class == C::Adv || (is_comma && self.w[k].lower == "and"))
            {
                k += 1;
            }
            let Some(next) = self.np_right(k) else { break };
            // A comma only lists names; "and" must not start a new clause.
            if is_comma && next.mention.is_none() {
                break;
            }
            // "tried by a tribunal and shot straight afterwards": a bare
            // trigger participle after "and" coordinates a verb, not a
            // noun, whatever the tagger says.
            let bare = &self.w[k];
            if next.a == k
                && bare.mention.is_none()
                && self.lex.is_trigger_participle(bare.lower, bare.bits)
            {
                break;
            }
            if self.is_verbish(next.b)
                || self
                    .w
                    .get(next.b)
                    .is_some_and(|x| matches!(x.class, C::Be | C::Aux | C::Modal))
            {
                break;
            }
            closed |= is_and || (k > last + 1 && self.w[last + 1].lower == "and");
            out.push(next);
        }
        if !closed {
            out.truncate(1);
        }
        out
    }

    /// `np` plus the phrases coordinated to its left ("Kamenev and Zinoviev").
    pub fn coordinated_left(&self, np: Np) -> Vec<Np> {
        let mut out = vec![np];
        loop {
            let a = out.last().map(|n| n.a).unwrap_or(0);
            if a < 2 {
                break;
            }
            let sep = &self.w[a - 1];
            // "or" between two names: another name of one body ("the ILC,
            // or Fourth International, was formed"), told of both.
            let ok =
                (sep.class == C::Conj && matches!(sep.lower, "and" | "or")) || sep.lower == ",";
            if !ok {
                break;
            }
            // "Molotov, the Soviet foreign minister, and Ribbentrop": skip
            // the apposition of the previous conjunct.
            let mut end = a - 2;
            if sep.lower == "or" && self.w[end].lower == "," && end > 0 {
                end -= 1;
            } else if sep.lower == "and" && self.w[end].lower == "," {
                match self.apposition_start(end) {
                    Some(k) if k > 0 => end = k - 1,
                    _ => break,
                }
            }
            let Some(prev) = self.np_left(end) else {
                break;
            };
            if prev.mention.is_none() || (sep.lower == "," && out.len() < 2) {
                break;
            }
            // "the leader of X and Y": X sits inside a prepositional phrase.
            if prev.a > 0 && self.w[prev.a - 1].class == C::Prep {
                break;
            }
            // "Oswald killed JFK and Jack Ruby killed Oswald": X is the
            // object of the verb before it, not a subject of the next.
            if sep.lower == "and" && prev.a > 0 && self.is_verbish(prev.a - 1) {
                break;
            }
            out.push(prev);
        }
        out.reverse();
        out
    }

    /// Whether token `i` opens a new clause.
    pub fn clause_break(&self, i: usize) -> bool {
        match self.breaks.get(i) {
            Some(b) => *b,
            None => self.compute_clause_break(i),
        }
    }

    fn compute_clause_break(&self, i: usize) -> bool {
        let Some(w) = self.w.get(i) else { return true };
        match w.class {
            C::Sconj | C::Rel => true,
            // "Lochleven Castle, *where* on 24 July she was compelled to
            // abdicate": a relative adverb the tagger calls an adverb opens
            // a clause of its own (its time is not the imprisonment's; its
            // antecedent is the place of its events)
            _ if i > 0 && w.lower == "where" && w.has(Cl::Rel) => true,
            C::Punct => {
                if w.has(Cl::Clausepunct) {
                    return true;
                }
                if w.lower == "," {
                    let k = self.skip_adverbs(i + 1);
                    return self.is_verbish(k)
                        || self.w.get(k).is_some_and(|x| {
                            matches!(x.class, C::Sconj | C::Rel | C::Be | C::Aux | C::Modal)
                        })
                        || (self.w.get(k).is_some_and(|x| x.class == C::Pron)
                            && (self.is_verbish(k + 1)
                                || self.w.get(k + 1).is_some_and(|x| {
                                    matches!(x.class, C::Be | C::Aux | C::Modal | C::Adv)
                                })));
                }
                false
            }
            C::Conj => {
                let k = self.skip_adverbs(i + 1);
                let verb_group = |k: usize| {
                    self.is_verbish(k)
                        || self
                            .w
                            .get(k)
                            .is_some_and(|x| matches!(x.class, C::Be | C::Aux | C::Modal))
                };
                // "…, and he was shot": a new subject and its verb (after
                // a clause with a verb: "At the end of October Anne and
                // Margot were moved" coordinates two subjects of one verb).
                let verb_before = (0..i)
                    .rev()
                    .take_while(|&j| !self.w[j].has(Cl::Clausepunct))
                    .any(verb_group);
                let new_subject = verb_before
                    && self.w.get(k).is_some_and(|x| {
                        x.class == C::Pron || (x.mention.is_some() && x.class == C::Propn)
                    })
                    && verb_group(self.skip_adverbs(self.mention_run(k).1));
                // "…, and on 25 December were tried": a fronted phrase and
                // then the verb of a new clause of the same subject.
                let fronted = self.w.get(k).is_some_and(|x| x.class == C::Prep)
                    && self.np_right(k + 1).is_some_and(|np| {
                        let e = np.b + self.w.get(np.b).is_some_and(|x| x.lower == ",") as usize;
                        verb_group(self.skip_adverbs(e))
                    });
                verb_group(k) || new_subject || fronted
            }
            // A preposition that is also a conjunction opens a clause when
            // a pronoun subject and its verb follow ("in the hours before
            // he hanged himself", "after they fled").
            C::Prep if w.has(Cl::Sconj) => {
                self.w.get(i + 1).is_some_and(|x| x.class == C::Pron) && {
                    let k = self.skip_adverbs(i + 2);
                    self.is_verbish(k)
                        || self
                            .w
                            .get(k)
                            .is_some_and(|x| matches!(x.class, C::Be | C::Aux | C::Modal))
                }
            }
            _ => false,
        }
    }

    /// Token range `[a, b)` of the clause holding token `i`.
    pub fn clause_of(&self, i: usize) -> (usize, usize) {
        let mut a = i;
        while a > 0 && !self.clause_break(a) {
            a -= 1;
        }
        let mut b = i + 1;
        while b < self.len() && !self.clause_break(b) {
            b += 1;
        }
        (a, b)
    }

    /// Byte span of tokens `[a, b)`.
    pub fn span(&self, a: usize, b: usize) -> Span {
        if a >= b || b > self.len() {
            return Span::default();
        }
        // Built by hand: odd (unsorted) token input must not trip Span::new's debug assertion.
        let start = self.w[a].span.start;
        Span {
            start,
            end: self.w[b - 1].span.end.max(start),
        }
    }

    /// The tokens lying wholly inside `span`, in order.
    pub fn tokens_in(&self, span: Span) -> Vec<usize> {
        (0..self.len())
            .filter(|&k| self.w[k].span.start >= span.start && self.w[k].span.end <= span.end)
            .collect()
    }

    pub fn np_span(&self, np: &Np) -> Span {
        self.span(np.a, np.b)
    }

    /// The grammatical subject of the verb group whose head is at `h`:
    /// the noun phrases, and whether the voice was inherited as passive
    /// from a coordinated verb ("was removed … and later exiled").
    pub fn subject_of(&self, h: usize, depth: u8) -> (Vec<Np>, Option<bool>) {
        if (0..h).all(|k| self.w[k].class == C::Adv) {
            if let Some(found) = self.fronted_participle_subject(h) {
                return found;
            }
        }
        let mut j = h;
        let mut steps = 0;
        // Nothing but the verb group between the head and `j` so far.
        let mut adjacent = true;
        // End of a prepositional phrase skipped right after a participle
        // ("men armed *with machine guns* attacked"): the reduced relative
        // clause belongs to the subject.
        let mut skipped_pp: Option<usize> = None;
        let mut modifier_end: Option<usize> = None;
        while j > 0 && steps < 40 {
            steps += 1;
            j -= 1;
            let w = &self.w[j];
            match w.class {
                C::Adv | C::Neg | C::Modal | C::Be | C::Aux => continue,
                // "was *himself* killed": an intensifier, not the subject
                _ if w.has(Cl::Reflexive) && adjacent => continue,
                _ => {}
            }
            // "Princip, Čabrinović and Grabež had been under twenty; *each*
            // received twenty years": a floating quantifier opening its
            // clause stands for the subject of the clause before
            if w.has(Cl::Floating)
                && adjacent
                && j > 0
                && matches!(self.w[j - 1].lower, ";" | ",")
                && self.w.get(j + 1).is_none_or(|x| x.lower != "of")
            {
                let (s, _) = self.coordinated_subject(j - 1, depth);
                if s.len() >= 2 {
                    return (s, None);
                }
            }
            // "Brutus and Cassius … both killed themselves", "were *each*
            // sentenced"
            if w.has(Cl::Floating) && adjacent && j > 0 {
                let before = &self.w[j - 1];
                if before.mention.is_some()
                    || self.is_nominal(j - 1)
                    || matches!(before.class, C::Pron | C::Conj | C::Be | C::Aux)
                {
                    continue;
                }
            }
            // "who two years later became head", "and in 1890 married": a
            // time between the subject and its verb (with its preposition)
            // is no subject
            if self.in_timex[j] {
                while j > 0 && self.in_timex[j - 1] {
                    j -= 1;
                }
                if j > 0 && self.w[j - 1].class == C::Prep {
                    j -= 1;
                }
                continue;
            }
            if w.lower == "to"
                && j > 0
                && (self.is_verbish(j - 1) || self.w[j - 1].has(Cl::Entailing))
            {
                // "was forced to flee": the subject of the governing verb.
                j -= 1;
                adjacent = false;
                continue;
            }
            if w.lower == ")" {
                // Skip a parenthesis.
                let mut k = j;
                while k > 0 && self.w[k].lower != "(" {
                    k -= 1;
                }
                j = k;
                continue;
            }
            if w.lower == "(" {
                continue;
            }
            // "Eight of the accused – Mandela, Sisulu, … – were found
            // guilty": a dashed apposition, skipped like a parenthesis
            if is_dash(w) {
                if let Some(k) = (j.saturating_sub(40)..j)
                    .rev()
                    .find(|&k| is_dash(&self.w[k]))
                {
                    j = k;
                    adjacent = false;
                    continue;
                }
            }
            if w.class == C::Rel && matches!(w.lower, "who" | "which" | "that" | "whom") {
                // "Nikolaev, who had been thrown out": the antecedent.
                // (the comma before it, if any)
                let opening = |r: usize| {
                    if r > 0 && self.w[r - 1].lower == "," {
                        r - 1
                    } else {
                        r
                    }
                };
                let mut k = opening(j);
                // "Coretta Scott King, who pushed for that trial and who
                // died in 2005": the antecedent of the first relative
                if k > 0 && self.w[k - 1].class == C::Conj {
                    let first = (k.saturating_sub(30)..k - 1)
                        .rev()
                        .find(|&r| self.w[r].class == C::Rel && self.w[r].lower == w.lower);
                    if let Some(r) = first {
                        k = opening(r);
                    }
                }
                if k == 0 {
                    return (vec![], None);
                }
                return (self.np_left(k - 1).into_iter().collect(), None);
            }
            if w.lower == "," {
                // "Kirov's bodyguard, Mikhail Borisov, died": the name between commas.
                // "Ahmed Mohamed, a boy from Irving, Texas, was arrested":
                // a place and its state; the apposition opens before them.
                if j >= 2 && self.is_place(j - 1) {
                    let (a, _) = self.mention_run(j - 1);
                    if a >= 2 && self.w[a - 1].lower == "," && self.is_place(a - 2) {
                        if let Some(k) = self.apposition_start(a - 1) {
                            j = k;
                            adjacent = false;
                            continue;
                        }
                    }
                }
                if j >= 2 && self.w[j - 1].mention.is_some() {
                    let (a, _) = self.mention_run(j - 1);
                    // (not "Irving, Texas,": a place and its state)
                    let located = a >= 2 && self.is_place(a - 2) && self.is_place(j - 1);
                    if a >= 1
                        && self.w[a - 1].lower == ","
                        && a >= 2
                        && self.is_nominal(a - 2)
                        && !located
                    {
                        if let Some(mut np) = self.np_left(j - 1) {
                            // ("His only novel, The Picture of Dorian Gray,
                            // appeared": the name's owner is the head's)
                            if np.possessor.is_none() {
                                np.possessor = self.owner_before(a - 2).map(Box::new);
                            }
                            return (vec![np], None);
                        }
                    }
                }
                if let Some(k) = self.apposition_start(j) {
                    j = k;
                    adjacent = false;
                    continue;
                }
                return self.coordinated_subject(j, depth);
            }
            if w.class == C::Conj || w.lower == "then" {
                return self.coordinated_subject(j, depth);
            }
            if self.is_nominal(j) || matches!(w.class, C::Pron) {
                let Some(np) = self.np_left(j) else {
                    return (vec![], None);
                };
                // An object pronoun is no subject of a finite verb: "the
                // man arrested for killing *him* was himself killed" names
                // no one (but "to help *him* enter the US", "saw *him*
                // killed": the subject of a bare verb).
                if np.b == np.a + 1
                    && matches!(self.w[np.a].lower, "him" | "them" | "me" | "us")
                    && (np.b..h).any(|k| matches!(self.w[k].class, C::Be | C::Aux | C::Modal))
                {
                    return (vec![], None);
                }
                // "Pompey and much of the Senate fled": a part of a body
                // tells of that body.
                if let Some(q) = self.partitive_before(np.a) {
                    return (self.coordinated_left(Np { a: q, ..np }), None);
                }
                // "two of their co-workers, Echol Cole and Robert Walker,
                // were crushed": a number of a group named in apposition is
                // those named
                if np.a >= 2
                    && self.w[np.a - 1].lower == "of"
                    && self.is_number(np.a - 2)
                    && !self.apposed_names(&np, EntityType::Person).is_empty()
                {
                    // (coordinated after a name: "Lumumba and two of his
                    // associates, Maurice Mpolo and Joseph Okito, were flown")
                    return (self.coordinated_left(Np { a: np.a - 2, ..np }), None);
                }
                if np.a > 0
                    && self.w[np.a - 1].class == C::Prep
                    && (!adjacent || !self.w[np.a - 1].has(Cl::Sconj))
                {
                    // The object of a preposition: skip the whole phrase
                    // (but "after Kirov was killed": a subordinator).
                    if skipped_pp.is_none() && modifier_end.is_none() {
                        skipped_pp = Some(np.b);
                    }
                    j = np.a - 1;
                    adjacent = false;
                    continue;
                }
                if np.a > 0 && self.is_poss_mark(np.b) {
                    return (vec![], None);
                }
                if let Some(end) = modifier_end {
                    return (
                        vec![Np {
                            b: end.max(np.b),
                            ..np
                        }],
                        None,
                    );
                }
                let all = self.coordinated_left(np);
                return (all, None);
            }
            // "men armed with machine guns attacked": a participle with its
            // phrase after a noun modifies that noun.
            if let Some(end) = skipped_pp.take() {
                if modifier_end.is_none()
                    && self.is_verbish(j)
                    && w.lower.ends_with("ed")
                    && j > 0
                    && self.is_nominal(j - 1)
                {
                    modifier_end = Some(end);
                    continue;
                }
            }
            return (vec![], None);
        }
        (vec![], None)
    }

    /// When the phrase starting at `a` follows "much of", "most of the"…
    /// (a `partitive` word and "of", at a clause's start or after "and"),
    /// the index of that word (or of its determiner: "the rest of").
    fn partitive_before(&self, a: usize) -> Option<usize> {
        if a < 2 || self.w[a - 1].lower != "of" || !self.w[a - 2].has(Cl::Partitive) {
            return None;
        }
        let mut q = a - 2;
        if q > 0 && self.w[q - 1].class == C::Det {
            q -= 1;
        }
        let opens = q == 0
            || matches!(self.w[q - 1].class, C::Conj | C::Sconj | C::Punct)
            || self.w[q - 1].lower == ",";
        opens.then_some(q)
    }

    /// "Arrested by his own government in December 1916, he was tried …",
    /// "Fleeing the city, Brutus …": a participle opening the sentence
    /// tells of the main clause's subject, the noun phrase after the
    /// clause's comma when a verb follows it; a past participle is
    /// passive.
    fn fronted_participle_subject(&self, h: usize) -> Option<(Vec<Np>, Option<bool>)> {
        let w = self.w.get(h)?;
        let ing = w.lower.ends_with("ing");
        // ("Following these arrests, the Jacobins …": a preposition)
        if !self.is_verbish(h) || w.has(Cl::Frameprep) || !(ing || self.ta_upos(h) == Some("VERB"))
        {
            return None;
        }
        let comma = (h + 1..self.len().min(h + 30)).find(|&k| self.w[k].lower == ",")?;
        // (no other verb in the opening clause: "Arrested by his own
        // government in 1916," is one participle phrase; a gerund after a
        // preposition is a noun: "Arrested in 1956 on charges of
        // *embezzling* funds,")
        let gerund = |k: usize| {
            self.w[k].lower.ends_with("ing") && matches!(self.w[k - 1].class, C::Prep | C::Sconj)
        };
        if (h + 2..comma).any(|k| self.is_verbish(k) && self.w[k].class == C::Verb && !gerund(k)) {
            return None;
        }
        let np = self.np_right(self.skip_adverbs(comma + 1))?;
        if np.mention.is_none() && !np.pronoun {
            return None;
        }
        let after = self.skip_adverbs(np.b);
        let verb_next = self.w.get(after).is_some_and(|x| {
            matches!(x.class, C::Be | C::Aux | C::Modal) || self.is_verbish(after)
        });
        verb_next.then(|| (vec![np], Some(!ing)))
    }

    /// When the comma at `j` closes an apposition or relative clause
    /// ("Ramón Mercader, a man who …, assassinated"), the index of the comma
    /// that opens it.
    pub fn apposition_start(&self, j: usize) -> Option<usize> {
        let lo = j.saturating_sub(30);
        let mut k = j;
        while k > lo {
            k -= 1;
            let w = &self.w[k];
            if w.lower == "," || w.lower == "(" {
                let first = self.w.get(k + 1)?;
                if k == 0 || !self.is_nominal(k - 1) {
                    return None;
                }
                let verbless = (k + 1..j).all(|i| {
                    !self.is_verbish(i) && !matches!(self.w[i].class, C::Be | C::Aux | C::Modal)
                });
                // (after adverbs: ", widely thought to have organised …,")
                let f = self.skip_adverbs(k + 1);

                if first.has(Cl::Appos)
                    || matches!(first.class, C::Det | C::Poss)
                    // ", accused of forming …,": a participial modifier
                    || (f < j
                        && self.is_verbish(f)
                        && (self.w[f].lower.ends_with("ed")
                            || self.w.get(f + 1).is_some_and(|x| x.lower == "to")))
                    // "and Pompey, escaping to Egypt, was stabbed": a present
                    // participle after a clause's opening noun phrase (not
                    // after an object: "walked into the Palace, where Kirov
                    // had his office, showing his card, waited")
                    || (self.is_verbish(k + 1)
                        && first.lower.ends_with("ing")
                        && self.np_left(k - 1).is_some_and(|np| {
                            np.a == 0
                                || matches!(self.w[np.a - 1].class, C::Conj | C::Sconj)
                                || self.w[np.a - 1].lower == ","
                        }))
                    // "Kirov, head of the party organisation …,"
                    || (verbless && self.w[k - 1].mention.is_some())
                    // "Two workers, Echol Cole and Robert Walker, died":
                    // names in apposition to a common noun
                    || (verbless && self.w[k - 1].mention.is_none() && first.mention.is_some())
                {
                    return Some(k);
                }
                return None;
            }
            if matches!(w.lower, ";" | ":") {
                return None;
            }
        }
        None
    }

    /// The subject of an earlier verb coordinated with this one.
    fn coordinated_subject(&self, j: usize, depth: u8) -> (Vec<Np>, Option<bool>) {
        if depth >= 3 {
            return (vec![], None);
        }
        let mut k = j;
        while k > 0 {
            k -= 1;
            // A relative clause or apposition closed right here belongs to
            // the noun before it ("talked his way into the house of William
            // Seward, who was in bed recovering, and stabbed him"): the
            // coordinated verb is before it.
            if self.w[k].lower == "," {
                if let Some(o) = self.apposition_start(k) {
                    k = o;
                    continue;
                }
            }
            // A verb-tagged word inside a noun phrase ("the Moscow show
            // trials") is not the coordinated verb.
            let in_np = k > 0
                && self
                    .w
                    .get(k + 1)
                    .is_some_and(|x| matches!(x.class, C::Noun))
                && matches!(self.w[k - 1].class, C::Det | C::Adj | C::Propn | C::Noun);
            if (self.is_verbish(k) && !in_np) || matches!(self.w[k].class, C::Be) {
                let passive = self.is_passive_at(k);
                let (s, inherited) = self.subject_of(k, depth + 1);
                return (s, Some(inherited.unwrap_or(passive)));
            }
            // (a subordinator the tagger reads as a preposition is one: "He
            // qualified *as* a lawyer in 1836 and moved to Springfield")
            let preposition = self.ta_upos(k) == Some("ADP");
            if (matches!(self.w[k].class, C::Sconj | C::Rel) && !preposition)
                || self.w[k].lower == ";"
            {
                break;
            }
        }
        (vec![], None)
    }

    /// The one-word phrase of a pronoun or possessive word at `i` ("him",
    /// "his").
    fn word_np(&self, i: usize) -> Np {
        let w = &self.w[i];
        Np {
            a: i,
            b: i + 1,
            mention: w.mention,
            pronoun: true,
            head: w.lower.to_string(),
            possessor: None,
        }
    }

    /// The possessive word opening the common noun phrase that ends at
    /// `k` ("*His* only novel"), as a phrase of its own.
    pub fn owner_before(&self, k: usize) -> Option<Np> {
        let mut i = k;
        for _ in 0..5 {
            let w = self.w.get(i)?;
            if w.class == C::Poss {
                return Some(self.word_np(i));
            }
            if w.mention.is_some() || !(self.is_nominal(i) || matches!(w.class, C::Adj | C::Adv)) {
                return None;
            }
            i = i.checked_sub(1)?;
        }
        None
    }

    /// Whether the verb at `k` is a passive participle after a form of "be".
    pub fn is_passive_at(&self, k: usize) -> bool {
        let w = &self.w[k];
        // (after "be", a verb the tagger calls one and not in -ing is a
        // participle, irregular ones too: "was caught", "was shot")
        let participle = w.lower.ends_with("ed")
            || w.lower.ends_with("en")
            || (self.ta_upos(k) == Some("VERB") && !w.lower.ends_with("ing"))
            || self.lex.triggers_of(w.lower, w.bits).is_some_and(|ts| {
                ts.iter()
                    .any(|&t| self.lex.triggers[t].participles.contains(w.lower))
            });
        if !participle {
            return false;
        }
        let mut j = k;
        while j > 0 {
            j -= 1;
            match self.w[j].class {
                C::Be => return true,
                C::Adv | C::Neg | C::Aux | C::Modal => continue,
                // "was herself detained": an intensifying reflexive
                _ if self.w[j].has(Cl::Reflexive) && j + 1 == k => continue,
                // "were *each* sentenced": a quantifier floated off the subject
                _ if self.w[j].has(Cl::Floating) => continue,
                _ => return false,
            }
        }
        false
    }

    /// "Mercader, denying any involvement (he would serve 20 years …)": a
    /// pronoun opening a parenthesis comments on the nearest person named
    /// before it in the sentence.
    pub fn parenthetical_antecedent(&self, i: usize) -> Option<usize> {
        let w = self.w.get(i)?;
        if i == 0 || self.w[i - 1].lower != "(" || w.class != C::Pron {
            return None;
        }
        (0..i - 1).rev().find_map(|k| {
            self.w[k].mention.filter(|&m| {
                let mm = self.mention(m);
                mm.etype == EntityType::Person && mm.form != MentionForm::Pronoun
            })
        })
    }

    /// Pronoun fallback when the text stage did not resolve it: the nearest
    /// earlier person mention of the document (singular pronouns only).
    pub fn resolve_pronoun(&self, i: usize) -> Option<usize> {
        let w = self.w.get(i)?;
        if w.mention.is_some() {
            return w.mention;
        }
        if !matches!(
            w.lower,
            "he" | "him" | "his" | "she" | "her" | "himself" | "herself"
        ) {
            return None;
        }
        let off = w.span.start;
        let end = self.ta.mentions.partition_point(|m| m.span.start < off);
        self.ta.mentions[..end]
            .iter()
            .enumerate()
            .rev()
            .take_while(|(_, m)| off.saturating_sub(m.span.end) < 1500)
            .find(|(_, m)| {
                m.etype == EntityType::Person
                    && m.form != MentionForm::Pronoun
                    && !self.in_boilerplate(m)
            })
            .map(|(k, _)| k)
    }

    /// The mention stands in a menu, a footer or other page furniture (no
    /// antecedent of the article's pronouns).
    fn in_boilerplate(&self, m: &Mention) -> bool {
        self.ta
            .sentences
            .get(m.sentence)
            .is_some_and(|s| s.region == RegionKind::Boilerplate)
    }

    /// The nearest earlier person mention (of the document) whose entity is
    /// not in `exclude`.
    pub fn resolve_excluding(&self, i: usize, exclude: &[usize]) -> Option<usize> {
        let off = self.w.get(i)?.span.start;
        let end = self.ta.mentions.partition_point(|m| m.span.start < off);
        self.ta.mentions[..end]
            .iter()
            .enumerate()
            .rev()
            .take_while(|(_, m)| off.saturating_sub(m.span.end) < 1500)
            .find(|(_, m)| {
                m.etype == EntityType::Person
                    && !exclude.contains(&m.entity)
                    && !self.in_boilerplate(m)
            })
            .map(|(k, _)| k)
    }

    /// Fallback for an unresolved "they/them": the nearest earlier list of
    /// person names joined by commas and "and" (within about two
    /// sentences).
    pub fn resolve_plural(&self, i: usize) -> Vec<usize> {
        let Some((off, end)) = self.mentions_before(i) else {
            return vec![];
        };
        let ms = &self.ta.mentions;
        let text = self.text;
        for k in (1..end).rev() {
            let (a, b) = (&ms[k - 1], &ms[k]);
            if off.saturating_sub(b.span.end) > 400 {
                break;
            }
            let gap = |x: &Mention, y: &Mention| text.get(x.span.end..y.span.start).unwrap_or("");
            // ("A and his wife B": the possessive, itself a mention, and a
            // relation named between the two)
            let (k0, a) = if k >= 2
                && a.form == MentionForm::Pronoun
                && gap(&ms[k - 2], a).trim() == "and"
                && gap(a, b).trim().chars().all(|c| c.is_lowercase())
                && !gap(a, b).trim().is_empty()
            {
                (k - 2, &ms[k - 2])
            } else {
                (k - 1, a)
            };
            if a.etype == EntityType::Person
                && b.etype == EntityType::Person
                && a.entity != b.entity
                && (k0 + 2 == k || matches!(gap(a, b).trim(), "and" | ", and"))
            {
                // "Powell, Herold, Atzerodt and Surratt were sentenced to
                // death … they": the whole list
                let mut first = k0;
                while first > 0 {
                    let p = &ms[first - 1];
                    let gap = text.get(p.span.end..ms[first].span.start).unwrap_or("");
                    if p.etype != EntityType::Person || gap.trim() != "," {
                        break;
                    }
                    first -= 1;
                }
                return (first..=k)
                    .filter(|&j| j != k0 + 1 || k0 + 1 == k)
                    .collect();
            }
        }
        vec![]
    }

    /// The byte offset of token `i` and the number of the document's
    /// mentions that start before it.
    fn mentions_before(&self, i: usize) -> Option<(usize, usize)> {
        let off = self.w.get(i)?.span.start;
        let end = self.ta.mentions.partition_point(|m| m.span.start < off);
        Some((off, end))
    }

    /// The last two people named (or pronouns resolved to them) before
    /// token `i`, within 400 bytes of its paragraph, in text order: the
    /// couple a "they" before a reciprocal verb stands for ("she was
    /// introduced to Pierre Curie … They were married"). Fewer than two,
    /// or two of one sex: none.
    pub fn last_two_people(&self, i: usize) -> Vec<usize> {
        self.last_two(i, true)
    }

    /// The last two people named before token `i`, of either sex ("Both
    /// men were executed").
    pub fn last_two_of_any_sex(&self, i: usize) -> Vec<usize> {
        self.last_two(i, false)
    }

    /// [`Sent::last_two_people`]; with `couple`, two of one sex are none.
    fn last_two(&self, i: usize, couple: bool) -> Vec<usize> {
        let ms = &self.ta.mentions;
        let mut found: Vec<usize> = Vec::new();
        for k in self.people_before(i) {
            if found.iter().all(|&f| ms[f].entity != ms[k].entity) {
                found.push(k);
                if found.len() == 2 {
                    if couple
                        && matches!((self.sex(found[0]), self.sex(found[1])), (Some(a), Some(b)) if a == b)
                    {
                        return vec![];
                    }
                    found.reverse();
                    return found;
                }
            }
        }
        vec![]
    }

    /// The last one person named (or a pronoun resolved to one) before
    /// token `i`, within 400 bytes of its paragraph: whose family "the
    /// family" is.
    pub fn last_person(&self, i: usize) -> Option<usize> {
        self.people_before(i).next()
    }

    /// The gender the text stage gave mention `k`'s entity.
    fn sex(&self, k: usize) -> Option<&str> {
        self.ta
            .entities
            .get(self.ta.mentions[k].entity)
            .and_then(|e| e.gender.as_deref())
    }

    /// The mentions of single people before token `i`, nearest first,
    /// within 400 bytes and the same paragraph.
    pub fn people_before(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        let (off, end) = self.mentions_before(i).unwrap_or((0, 0));
        let ms = &self.ta.mentions;
        (0..end)
            .rev()
            .take_while(move |&k| {
                let m = &ms[k];
                off.saturating_sub(m.span.end) <= 400
                    && self
                        .text
                        .get(m.span.end..off)
                        .is_some_and(|g| !g.contains('\n'))
            })
            .filter(move |&k| ms[k].etype == EntityType::Person && self.sex(k) != Some("plural"))
    }

    /// The token at `i` is a number ("8", "eight").
    pub fn is_number(&self, i: usize) -> bool {
        self.w
            .get(i)
            .is_some_and(|w| w.class == C::Num || self.lex.numbers.contains_key(w.lower))
    }

    /// `np` counts people without naming them: a number and a plural noun
    /// ("Eight men", "8 accused", "seven other co-accused"), or a number
    /// alone after a determiner or before "of" ("the eight", "all three",
    /// "eight of the accused").
    pub fn counted_group(&self, np: &Np) -> bool {
        if np.pronoun || np.mention.is_some() || np.b <= np.a {
            return false;
        }
        let words = &self.w[np.a..np.b];
        if self.is_number(np.b - 1) {
            // ("eight of the accused")
            let next = self.w.get(np.b).map(|w| w.lower);
            if next == Some("of") {
                return true;
            }
            // (not "a 16-year-old")
            return next != Some("-")
                && words.len() >= 2
                && words
                    .iter()
                    .any(|w| matches!(w.lower, "the" | "all" | "these" | "those"));
        }
        (np.a..np.b).any(|k| self.is_number(k))
            && (self.lex.is(Cl::Members, &np.head) || self.lex.is(Cl::People, &np.head))
    }

    /// The number a phrase counts ("eight of", "all 14"), if it says one.
    pub fn count_of(&self, np: &Np) -> Option<usize> {
        self.w[np.a..np.b]
            .iter()
            .find_map(|w| match self.lex.numbers.get(w.lower) {
                Some(&n) => Some(n as usize),
                None => w.lower.parse().ok(),
            })
    }

    /// The person mentions (two or more) of a list opened after token
    /// `from` by a colon, a dash or "including" ("were tried in the Red
    /// Fort: Godse, Apte, … and Savarkar"), before the clause ends; a
    /// few words may describe each ("Nathuram's brother Gopal").
    pub fn list_after(&self, from: usize) -> Vec<usize> {
        let n = self.len();
        let Some(open) = (from..n)
            .take_while(|&k| {
                let w = &self.w[k];
                !matches!(w.lower, ";" | ".") && !matches!(w.class, C::Rel | C::Sconj)
            })
            .find(|&k| {
                let w = &self.w[k];
                matches!(w.lower, ":" | "including" | "namely") || is_dash(w)
            })
        else {
            return vec![];
        };
        let person = |k: usize| {
            self.w[k]
                .mention
                .filter(|&m| self.mention(m).etype == EntityType::Person)
        };
        let mut out: Vec<usize> = Vec::new();
        let mut i = open + 1;
        while i < n {
            // the item: a person named within a few describing words, not
            // as an owner ("Nathuram's brother Gopal")
            let mut item = None;
            for k in i..(i + 5).min(n) {
                let w = &self.w[k];
                if let Some(m) = person(k) {
                    let (_, e) = self.mention_run(k);
                    if !self.is_poss_mark(e) && !self.w[e - 1].glued_poss {
                        item = Some((m, e));
                        break;
                    }
                    continue;
                }
                let describing = matches!(
                    w.class,
                    C::Det | C::Adj | C::Noun | C::Num | C::PossMark | C::Propn
                );
                if !describing && !w.glued_poss {
                    break;
                }
            }
            let Some((m, e)) = item else { break };
            if !out
                .iter()
                .any(|&o| self.mention(o).entity == self.mention(m).entity)
            {
                out.push(m);
            }
            // the separator
            i = match self.w.get(e).map(|w| w.lower) {
                Some(",") if self.w.get(e + 1).is_some_and(|w| w.lower == "and") => e + 2,
                Some("," | "and") => e + 1,
                _ => break,
            };
        }
        if out.len() >= 2 {
            out
        } else {
            vec![]
        }
    }

    /// The names of type `etype` an unnamed noun phrase is named by in an
    /// apposition right after it ("killed a 16-year-old, *Larry Payne*";
    /// "two workers, *Echol Cole and Robert Walker*, died"; "his only
    /// novel, *The Picture of Dorian Gray*, appeared"): one name, or names
    /// joined by commas and "and", closed by a comma, the sentence's end or
    /// nothing else; or by "named"/"called" ("a pharmacy worker named
    /// *Marina Prusakova*").
    pub fn apposed_names(&self, np: &Np, etype: EntityType) -> Vec<usize> {
        if np.pronoun || np.mention.is_some() || np.b <= np.a {
            return vec![];
        }
        let n = self.len();
        // "married a pharmacy worker named Marina Prusakova"
        if self
            .w
            .get(np.b)
            .is_some_and(|w| matches!(w.lower, "named" | "called"))
        {
            let k = np.b + 1;
            let named = self.w.get(k).and_then(|w| w.mention).filter(|&m| {
                self.mention(m).etype == etype && self.mention(m).span.start == self.w[k].span.start
            });
            return named.into_iter().collect();
        }
        if self.w.get(np.b).map(|w| w.lower) != Some(",") {
            return vec![];
        }
        let mut out: Vec<usize> = Vec::new();
        let mut i = np.b + 1;
        // (the end of the last name)
        let mut end;
        loop {
            let Some(m) = self.w.get(i).and_then(|w| w.mention) else {
                return vec![];
            };
            if self.mention(m).etype != etype || self.mention(m).span.start != self.w[i].span.start
            {
                return vec![];
            }
            let (_, e) = self.mention_run(i);
            if self.is_poss_mark(e) || self.w[e - 1].glued_poss {
                return vec![];
            }
            out.push(m);
            end = e;
            match self.w.get(e).map(|w| w.lower) {
                Some("and") => i = e + 1,
                Some(",") if self.w.get(e + 1).is_some_and(|w| w.lower == "and") => i = e + 2,
                // ("A, B and C": a comma before another name goes on)
                Some(",")
                    if self.w.get(e + 1).is_some_and(|w| {
                        w.mention.is_some_and(|x| self.mention(x).etype == etype)
                    }) && (e + 2..n.min(e + 8)).any(|k| self.w[k].lower == "and") =>
                {
                    i = e + 1
                }
                None | Some("," | "." | ";" | ":") => break,
                _ => return vec![],
            }
        }
        // A plural noun is named by two or more, closed by a comma ("Two
        // workers, Cole and Walker, died"; "attacked women, Christians and
        // Jews" is a list); a singular one by one name.
        let plural = np.head.len() > 3 && np.head.ends_with('s') && !np.head.ends_with("ss");
        let closed = self.w.get(end).is_some_and(|w| w.lower == ",");
        if plural != (out.len() >= 2) || (plural && !closed) {
            return vec![];
        }
        out
    }

    /// "A, B and C were among those arrested", "Among those arrested were
    /// A, B and C": the people the participle at `h` is told of.
    pub fn among_those(&self, h: usize) -> Option<Vec<Np>> {
        if h < 2 || self.w[h - 1].lower != "those" || self.w[h - 2].lower != "among" {
            return None;
        }
        if h >= 3 && self.w[h - 3].class == C::Be {
            let (subj, _) = self.subject_of(h - 3, 0);
            return Some(subj);
        }
        let (_, end) = self.clause_of(h);
        let be = (h + 1..end.min(self.len())).find(|&k| self.w[k].class == C::Be)?;
        let np = self.np_right(be + 1)?;
        Some(self.coordinated_right(np))
    }

    /// The text of tokens `[a, b)`.
    pub fn text_of(&self, a: usize, b: usize) -> &'a str {
        self.span(a, b).slice(self.text)
    }
}

fn classify(w: &W, upos: &str, first: bool, prev: Option<C>, next_content: bool, named: bool) -> C {
    let l = w.lower;
    if !w.text.chars().any(char::is_alphanumeric) {
        if is_apostrophe_s(l) {
            return C::PossMark;
        }
        return C::Punct;
    }
    if is_apostrophe_s(l) {
        return C::PossMark;
    }
    if w.has(Cl::Neg) || l.ends_with("n't") || l.ends_with("n’t") {
        return C::Neg;
    }
    if w.has(Cl::Modal) {
        return C::Modal;
    }
    if w.has(Cl::Be) {
        return C::Be;
    }
    if named && (w.has(Cl::Adv) || matches!(upos, "ADV" | "ADJ")) {
        return C::Propn;
    }
    if w.has(Cl::Aux) {
        // "had" as a main verb ("had Trotsky murdered") stays an auxiliary here;
        // the trigger patterns handle the causative.
        return C::Aux;
    }
    if l == "her" {
        return if next_content { C::Poss } else { C::Pron };
    }
    if w.has(Cl::Poss) {
        return C::Poss;
    }
    if l == "that" {
        return match upos {
            "DET" => C::Det,
            "PRON" => C::Rel,
            "SCONJ" => C::Sconj,
            _ => match prev {
                Some(C::Noun | C::Propn | C::Other | C::Punct) => C::Rel,
                _ => C::Sconj,
            },
        };
    }
    if w.has(Cl::Rel) && matches!(l, "who" | "whom" | "which") {
        return C::Rel;
    }
    if w.has(Cl::Pron) {
        return C::Pron;
    }
    if w.has(Cl::Det) {
        return C::Det;
    }
    if w.has(Cl::Prep) {
        if upos == "SCONJ" {
            return C::Sconj;
        }
        return C::Prep;
    }
    if l == "to" {
        return C::Prep;
    }
    if w.has(Cl::Conj) {
        return C::Conj;
    }
    if w.has(Cl::Sconj) {
        return C::Sconj;
    }
    if w.has(Cl::Adv) && upos != "NOUN" && upos != "PROPN" {
        return C::Adv;
    }
    if l.chars().all(|c| c.is_ascii_digit()) {
        return C::Num;
    }
    match upos {
        "NOUN" => return C::Noun,
        "PROPN" => return C::Propn,
        "VERB" => return C::Verb,
        "ADJ" => return C::Adj,
        "ADV" => return C::Adv,
        "ADP" => return C::Prep,
        "AUX" => return C::Aux,
        "DET" => return C::Det,
        "PRON" => return C::Pron,
        "CCONJ" => return C::Conj,
        "SCONJ" => return C::Sconj,
        "NUM" => return C::Num,
        "PUNCT" | "SYM" => return C::Punct,
        _ => {}
    }
    let cap = w.text.chars().next().is_some_and(char::is_uppercase);
    if cap && (w.mention.is_some() || !first) {
        return C::Propn;
    }
    C::Other
}
