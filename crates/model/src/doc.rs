//! The per-document analysis: what the pure per-document pipeline yields.

use crate::event::{EntityType, EventType, Factuality, Role};
use crate::source::{Region, RegionKind, SourceMeta};
use crate::span::Span;
use crate::timex::Timex;
use serde::{Deserialize, Serialize};

/// A token of the analysis text. Not stored; passed from the text stage to
/// the time and event stages.
///
/// No field owns heap memory (a document has one token per 5 bytes of
/// text): the tags are interned [`Tag`]s, the lemma a [`Lemma`] kept inline.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Token {
    pub span: Span,
    /// Universal POS tag (`NOUN`, `PROPN`, `VERB`, …), empty until tagged.
    pub upos: Tag,
    /// Lower-cased lemma where known, else the lower-cased form.
    pub lemma: Lemma,
    /// BIO entity tag from the tagger (`B-PER`, `I-LOC`, `O`), empty until tagged.
    pub ent: Tag,
}

/// The string-like impls [`Tag`] and [`Lemma`] share: each derefs to, prints
/// as, compares with and (de)serializes as its string (`as_str`), and is made
/// from one (`new`); `$expected` names it in deserialization errors.
macro_rules! str_like {
    ($t:ident, $expected:literal) => {
        impl std::ops::Deref for $t {
            type Target = str;
            fn deref(&self) -> &str {
                self.as_str()
            }
        }
        impl AsRef<str> for $t {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }
        impl std::borrow::Borrow<str> for $t {
            fn borrow(&self) -> &str {
                self.as_str()
            }
        }
        impl std::fmt::Debug for $t {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                std::fmt::Debug::fmt(self.as_str(), f)
            }
        }
        impl std::fmt::Display for $t {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
        impl From<&str> for $t {
            fn from(s: &str) -> $t {
                $t::new(s)
            }
        }
        impl From<String> for $t {
            fn from(s: String) -> $t {
                $t::new(&s)
            }
        }
        impl PartialEq<str> for $t {
            fn eq(&self, o: &str) -> bool {
                self.as_str() == o
            }
        }
        impl PartialEq<&str> for $t {
            fn eq(&self, o: &&str) -> bool {
                self.as_str() == *o
            }
        }
        impl PartialEq<String> for $t {
            fn eq(&self, o: &String) -> bool {
                self.as_str() == o.as_str()
            }
        }
        impl Serialize for $t {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }
        impl<'de> Deserialize<'de> for $t {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<$t, D::Error> {
                struct V;
                impl serde::de::Visitor<'_> for V {
                    type Value = $t;
                    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        f.write_str($expected)
                    }
                    fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<$t, E> {
                        Ok($t::new(s))
                    }
                }
                d.deserialize_str(V)
            }
        }
    };
}

/// A tag name (`NOUN`, `B-PER`, `O`, or empty): an interned `&'static str`,
/// `Copy`, compared, hashed, printed and (de)serialized as the string.
///
/// The Universal POS tags and the BIO tags of PER/LOC/ORG/MISC are built in;
/// [`Tag::new`] interns any other name once per process (leaked: tag sets
/// are small and fixed by the models, so this memory stays bounded).
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Tag(&'static str);

/// The tags every model of annalist uses ([`Tag::new`] finds them without
/// a lock).
const KNOWN_TAGS: [&str; 27] = [
    "ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON", "PROPN",
    "PUNCT", "SCONJ", "SYM", "VERB", "X", "O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG",
    "I-ORG", "B-MISC", "I-MISC", "",
];

impl Tag {
    /// The empty tag (not tagged yet).
    pub const EMPTY: Tag = Tag("");

    /// A tag from a string known at compile time (no interning).
    pub const fn from_static(s: &'static str) -> Tag {
        Tag(s)
    }

    /// The tag named `s`.
    pub fn new(s: &str) -> Tag {
        if let Some(k) = KNOWN_TAGS.iter().find(|k| **k == s) {
            return Tag(k);
        }
        use std::collections::HashSet;
        use std::sync::{Mutex, OnceLock};
        static MORE: OnceLock<Mutex<HashSet<&'static str>>> = OnceLock::new();
        let mut set = MORE
            .get_or_init(Default::default)
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        if let Some(k) = set.get(s) {
            return Tag(k);
        }
        let k: &'static str = Box::leak(s.to_string().into_boxed_str());
        set.insert(k);
        Tag(k)
    }

    pub fn as_str(&self) -> &'static str {
        self.0
    }
}

str_like!(Tag, "a tag name");
impl PartialEq<Tag> for &str {
    fn eq(&self, o: &Tag) -> bool {
        *self == o.0
    }
}

/// Bytes a [`Lemma`] holds without a heap allocation.
const LEMMA_INLINE: usize = 22;

/// A short string (a word's lemma): up to 22 bytes kept inline (no heap
/// allocation, a plain copy to clone), longer ones shared behind an `Arc`.
/// Compared, hashed, printed and (de)serialized as the string.
#[derive(Clone)]
pub struct Lemma(LemmaRepr);

#[derive(Clone)]
enum LemmaRepr {
    /// Invariant: `buf[..len]` is the UTF-8 of a whole `str`.
    Inline {
        len: u8,
        buf: [u8; LEMMA_INLINE],
    },
    Shared(std::sync::Arc<str>),
}

impl Lemma {
    pub fn new(s: &str) -> Lemma {
        if s.len() <= LEMMA_INLINE {
            let mut buf = [0u8; LEMMA_INLINE];
            buf[..s.len()].copy_from_slice(s.as_bytes());
            Lemma(LemmaRepr::Inline {
                len: s.len() as u8,
                buf,
            })
        } else {
            Lemma(LemmaRepr::Shared(s.into()))
        }
    }

    pub fn as_str(&self) -> &str {
        match &self.0 {
            // always valid (see the invariant): never the empty fallback
            LemmaRepr::Inline { len, buf } => {
                std::str::from_utf8(&buf[..*len as usize]).unwrap_or_default()
            }
            LemmaRepr::Shared(s) => s,
        }
    }
}

impl Default for Lemma {
    fn default() -> Lemma {
        Lemma::new("")
    }
}
impl PartialEq for Lemma {
    fn eq(&self, o: &Lemma) -> bool {
        self.as_str() == o.as_str()
    }
}
impl Eq for Lemma {}
impl std::hash::Hash for Lemma {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        self.as_str().hash(h)
    }
}
impl PartialOrd for Lemma {
    fn partial_cmp(&self, o: &Lemma) -> Option<std::cmp::Ordering> {
        Some(self.cmp(o))
    }
}
impl Ord for Lemma {
    fn cmp(&self, o: &Lemma) -> std::cmp::Ordering {
        self.as_str().cmp(o.as_str())
    }
}
str_like!(Lemma, "a string");

/// A sentence: span plus the range of its tokens in the token list.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Sentence {
    pub span: Span,
    pub region: RegionKind,
    /// Index of the first token and one past the last.
    #[serde(default)]
    pub tokens: (usize, usize),
    /// Hash of the normalized sentence text (exact-duplicate key).
    #[serde(default)]
    pub fingerprint: u64,
    /// SimHash of the sentence's word shingles (near-duplicate key).
    #[serde(default)]
    pub simhash: u64,
}

/// How a mention names its entity.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MentionForm {
    /// A proper name as written.
    #[default]
    Name,
    /// A shortened name resolved to a fuller one ("Trotsky" → "Leon Trotsky").
    Partial,
    Pronoun,
    /// A definite description ("the Old Man", "the Soviet leader").
    Description,
    Acronym,
}

/// One mention of an entity in a document.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    pub span: Span,
    pub text: String,
    #[serde(rename = "type")]
    pub etype: EntityType,
    pub form: MentionForm,
    /// Index into [`DocAnalysis::entities`] / `TextAnalysis::entities`.
    pub entity: usize,
    /// Index of the sentence holding the mention.
    pub sentence: usize,
}

/// Why we believe a name is another name of the same entity.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct AliasEvidence {
    pub alias: String,
    /// The pattern that introduced it: `"surface"`, `"byname"`, `"known_as"`,
    /// `"nickname"`, `"real_name"`, `"acronym"`, `"partial"`, ….
    pub how: String,
    /// Where the text says so (None for plain surface forms).
    pub span: Option<Span>,
}

/// An entity as resolved within one document.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct LocalEntity {
    #[serde(rename = "type")]
    pub etype: EntityType,
    /// The fullest proper name used in the document.
    pub name: String,
    pub aliases: Vec<AliasEvidence>,
    /// Indices into the mention list.
    pub mentions: Vec<usize>,
    /// Gender/number cues for pronoun resolution and merge guards
    /// (`"male"`, `"female"`, `"plural"`), when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gender: Option<String>,
}

/// A filler of an event role: a local entity, or plain text when the
/// filler is not a named entity ("an ice pick", "an underground circle").
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RoleFiller {
    pub role: Option<Role>,
    pub entity: Option<usize>,
    pub text: String,
    pub span: Span,
}

/// When an event happened, as the text lets us know.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct EventTime {
    /// TIMEX3 value (Gregorian).
    pub value: String,
    /// Index of the timex it came from, if any.
    pub timex: Option<usize>,
    /// `"clause"`, `"sentence"`, `"narrative"`, `"age"`, `"apposition"`, ….
    pub how: String,
    /// True when not stated in the event's own sentence.
    pub inferred: bool,
}

/// One event as told by one sentence of one document.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct EventMention {
    #[serde(rename = "type")]
    pub etype: Option<EventType>,
    pub trigger: Span,
    pub trigger_text: String,
    /// The evidence: usually the sentence, or the clause carrying the event.
    pub evidence: Span,
    /// The evidence as read (filled by the pipeline): the analysis text of
    /// the evidence span — for plain text the original bytes under
    /// `evidence`, for HTML the same passage without markup.
    pub evidence_text: String,
    pub roles: Vec<RoleFiller>,
    pub time: Option<EventTime>,
    pub factuality: Factuality,
    pub region: RegionKind,
    /// 0..1, local confidence (trigger strength, region, factuality).
    pub confidence: f32,
    pub sentence: usize,
    /// The subject's age as the sentence tells it ("at the age of eight"):
    /// the knowledge base dates the event from a birth date another source
    /// gives.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub age: Option<u32>,
}

impl EventMention {
    pub fn fillers(&self, role: Role) -> impl Iterator<Item = &RoleFiller> {
        self.roles.iter().filter(move |f| f.role == Some(role))
    }
}

/// Everything the per-document pipeline learns from one document, with
/// every span in **original-input byte offsets**.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DocAnalysis {
    pub meta: SourceMeta,
    pub regions: Vec<Region>,
    pub sentences: Vec<Sentence>,
    pub timexes: Vec<Timex>,
    pub mentions: Vec<Mention>,
    pub entities: Vec<LocalEntity>,
    pub events: Vec<EventMention>,
    /// Analyzer version that produced this analysis.
    pub analyzer: String,
    /// Why extraction was skipped, if it was (e.g. non-English).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skipped: Option<String>,
}

impl DocAnalysis {
    /// Index of the sentence containing byte offset `off`.
    pub fn sentence_at(&self, off: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.span.end <= off);
        (i < self.sentences.len() && self.sentences[i].span.contains_offset(off)).then_some(i)
    }
}

/// The output of the language-analysis stage for one document, in
/// analysis-text offsets: the input of the time and event stages.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TextAnalysis {
    pub tokens: Vec<Token>,
    pub sentences: Vec<Sentence>,
    pub mentions: Vec<Mention>,
    pub entities: Vec<LocalEntity>,
}

impl TextAnalysis {
    /// Index of the sentence containing text offset `off`.
    pub fn sentence_at(&self, off: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.span.end <= off);
        (i < self.sentences.len() && self.sentences[i].span.contains_offset(off)).then_some(i)
    }
    /// The tokens of sentence `i`.
    pub fn sentence_tokens(&self, i: usize) -> &[Token] {
        let (a, b) = self.sentences[i].tokens;
        self.tokens.get(a..b.min(self.tokens.len())).unwrap_or(&[])
    }
}

#[cfg(test)]
mod token_tests {
    use super::*;

    #[test]
    fn tags_and_lemmas_behave_as_strings() {
        assert_eq!(Tag::new("NOUN"), "NOUN");
        assert_eq!(
            Tag::new("NOUN").as_str().as_ptr(),
            Tag::new("NOUN").as_ptr()
        );
        let odd = Tag::new("B-EVENT");
        assert_eq!(odd, Tag::new(&String::from("B-EVENT")));
        assert!(odd.ends_with("EVENT"));
        assert_eq!(Tag::default(), "");
        assert_eq!(format!("{:?}", Tag::new("O")), format!("{:?}", "O"));
        for s in [
            "",
            "ice",
            "ab€cd",
            "a-much-longer-lemma-than-the-inline-room",
        ] {
            let l = Lemma::new(s);
            assert_eq!(l, s);
            assert_eq!(l.clone().as_str(), s);
            assert_eq!(format!("{l:?}"), format!("{s:?}"));
        }
        assert!(std::mem::size_of::<Lemma>() <= 24);
        let t = Token {
            span: Span::new(0, 3),
            upos: Tag::new("NOUN"),
            lemma: "ice".into(),
            ent: Tag::new("O"),
        };
        let j = serde_json::to_string(&t).unwrap();
        assert_eq!(
            j,
            r#"{"span":{"start":0,"end":3},"upos":"NOUN","lemma":"ice","ent":"O"}"#
        );
        assert_eq!(serde_json::from_str::<Token>(&j).unwrap(), t);
    }
}
