//! Language analysis of one cleaned document: tokens, sentences, POS tags,
//! entity mentions and within-document coreference.
//!
//! [`Analyzer`] is built once (it loads the embedded models and lexicons)
//! and is immutable afterwards, so it can be shared across threads; its
//! [`Analyzer::analyze`] is a pure function of the [`CleanDoc`].
//!
//! Stages: [`tokenize`] (tokens and sentence ends per region) →
//! [`tagger`] (averaged-perceptron UPOS and BIO entity tags, models in
//! `resources/models/`) → [`mentions`] (names, works, events, groups,
//! pronouns, aliases and local entities).

pub mod data;
pub mod lexicon;
pub mod mentions;
pub mod perceptron;
pub mod tagger;
pub mod tokenize;

use annalist_model::{CleanDoc, RegionKind, Sentence, Span, Tag, TextAnalysis, Token};
use lexicon::{data_lines, gunzip, TokLexicon};
use perceptron::Model;
use rustc_hash::FxHashMap as HashMap;
use tagger::NameLexicon;
use tokenize::RawTok;

/// The language-analysis stage.
#[derive(Debug)]
pub struct Analyzer {
    pub(crate) tok: TokLexicon,
    pub(crate) names: NameLexicon,
    pub(crate) ml: mentions::MentionLexicon,
    pos: Model,
    ner: Model,
    tagdict: tagger::TagDict,
    lemmas: HashMap<String, String>,
    /// The POS and entity models' classes as interned tags.
    pos_tags: Vec<Tag>,
    ner_tags: Vec<Tag>,
    /// Identity of this analyzer's models for the thread's word cache.
    id: u64,
}

/// Bytes of word types, lemmas and contexts cached per thread before the
/// cache is emptied (about 90k word types with their score rows).
const WORD_CACHE_BYTES: usize = 64 << 20;

thread_local! {
    /// Each thread's word-type cache ([`tagger::DocCache`]) with the id of
    /// the analyzer that filled it. Its entries are pure functions of the
    /// models and the word (exact integer partial scores), so tags never
    /// depend on what was analysed before; it only saves the model look-ups
    /// of word types already seen, across documents.
    static WORD_CACHE: std::cell::RefCell<(u64, tagger::DocCache)> = Default::default();
}

/// Largest token buffer kept for the next document (about 6 MB).
const KEPT_TOKENS: usize = 1 << 18;

thread_local! {
    /// Each thread's [`Analyzer::split_into`] buffers, taken by `analyze`
    /// and put back when it is done.
    static SPLIT_BUF: std::cell::Cell<(Vec<RawTok>, Vec<SentenceSplit>)> = Default::default();
}

/// Empties this thread's word cache and split buffers (tens of MB once a
/// large corpus has gone through). A build calls it on every analysis
/// thread once the analysis is done, so that the merge, which needs the
/// most memory, reuses that memory instead of adding to it. Results never
/// depend on the caches; the next `analyze` on this thread fills them again.
pub fn release_thread_caches() {
    WORD_CACHE.with(|c| {
        if let Ok(mut g) = c.try_borrow_mut() {
            *g = Default::default();
        }
    });
    SPLIT_BUF.with(|c| drop(c.take()));
}

impl Default for Analyzer {
    fn default() -> Self {
        Self::new()
    }
}

/// A sentence as the splitter sees it: token range and region.
#[derive(Clone, Debug)]
pub struct SentenceSplit {
    pub tokens: (usize, usize),
    pub region: RegionKind,
}

impl Analyzer {
    pub fn new() -> Self {
        let lemmas = data_lines(include_str!("../../../resources/text/lemmas.tsv"))
            .filter_map(|l| {
                let mut it = l.split('\t');
                Some((it.next()?.to_string(), it.next()?.to_string()))
            })
            .collect();
        let pos = Model::from_bytes(&gunzip(include_bytes!(
            "../../../resources/models/pos.apm.gz"
        )));
        let tagdict = tagger::parse_tagdict(
            &String::from_utf8_lossy(&gunzip(include_bytes!(
                "../../../resources/models/tagdict.tsv.gz"
            ))),
            &pos,
        );
        let ner = Model::from_bytes(&gunzip(include_bytes!(
            "../../../resources/models/ner.apm.gz"
        )));
        let tok = TokLexicon::load();
        let names = NameLexicon::load_with(&tok.vocab);
        Analyzer {
            pos_tags: pos.classes.iter().map(|c| Tag::new(c)).collect(),
            ner_tags: ner.classes.iter().map(|c| Tag::new(c)).collect(),
            tagdict,
            tok,
            names,
            ml: mentions::MentionLexicon::load(),
            pos,
            ner,
            lemmas,
            id: {
                static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
                NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
            },
        }
    }

    /// Runs `f` with this thread's word cache (a fresh one when it is in use).
    fn with_word_cache<R>(&self, f: impl FnOnce(&mut tagger::DocCache) -> R) -> R {
        WORD_CACHE.with(|c| match c.try_borrow_mut() {
            Ok(mut g) => {
                if g.0 != self.id || g.1.approx_bytes() > WORD_CACHE_BYTES {
                    *g = (self.id, tagger::DocCache::default());
                }
                f(&mut g.1)
            }
            Err(_) => f(&mut tagger::DocCache::default()),
        })
    }

    /// Tokens and sentences of `text`, one segment per region (regions are
    /// always sentence boundaries). Without regions the whole text is one
    /// main-text segment.
    pub fn split(&self, doc: &CleanDoc) -> (Vec<RawTok>, Vec<SentenceSplit>) {
        let mut toks = Vec::new();
        let mut sents = Vec::new();
        self.split_into(doc, &mut toks, &mut sents);
        (toks, sents)
    }

    /// [`Analyzer::split`] into the given buffers (cleared first).
    fn split_into(&self, doc: &CleanDoc, toks: &mut Vec<RawTok>, sents: &mut Vec<SentenceSplit>) {
        toks.clear();
        sents.clear();
        let text = &doc.text;
        let mut segs: Vec<(Span, RegionKind)> = Vec::new();
        if doc.regions.is_empty() {
            segs.push((Span::new(0, text.len()), RegionKind::Main));
        } else {
            let mut pos = 0;
            for r in &doc.regions {
                let a = r.span.start.min(text.len());
                let b = r.span.end.min(text.len());
                if a > pos {
                    segs.push((Span::new(pos, a), RegionKind::Boilerplate));
                }
                if b > a.max(pos) {
                    segs.push((Span::new(a.max(pos), b), r.kind));
                }
                pos = pos.max(b);
            }
            if pos < text.len() {
                segs.push((Span::new(pos, text.len()), RegionKind::Boilerplate));
            }
        }
        for (seg, kind) in segs {
            let a = annalist_model::ceil_char_boundary(text, seg.start);
            let b = annalist_model::floor_char_boundary(text, seg.end);
            if b <= a {
                continue;
            }
            let first = toks.len();
            tokenize::tokenize_into(text, Span::new(a, b), &self.tok, toks);
            let ends = tokenize::split_sentences(text, &toks[first..], &self.tok);
            let mut s = first;
            for e in ends {
                let e = first + e;
                if e > s {
                    sents.push(SentenceSplit {
                        tokens: (s, e),
                        region: kind,
                    });
                    s = e;
                }
            }
        }
    }

    fn taggers(&self) -> tagger::Taggers<'_> {
        tagger::Taggers {
            pos: &self.pos,
            dict: Some(&self.tagdict),
            ner: &self.ner,
            lx: &self.names,
        }
    }

    /// UPOS tags (model class names) of one sentence's words.
    pub fn pos_tags(&self, words: &[&str]) -> Vec<&str> {
        self.pos_tags_cached(&mut tagger::DocCache::default(), words)
    }

    /// UPOS tags with a per-document cache (same tags as
    /// [`Analyzer::pos_tags`], faster over a whole document).
    pub fn pos_tags_cached(&self, cache: &mut tagger::PosCache, words: &[&str]) -> Vec<&str> {
        let m = self.taggers();
        let ids: Vec<u32> = words.iter().map(|w| cache.intern(&m, w)).collect();
        cache
            .tag_pos(&m, &ids)
            .into_iter()
            .map(|t| self.pos.classes[t].as_str())
            .collect()
    }

    /// Type ids, UPOS and BIO class indexes of one sentence.
    fn tag_ids(
        &self,
        cache: &mut tagger::DocCache,
        words: &[&str],
    ) -> (Vec<u32>, Vec<usize>, Vec<usize>) {
        cache.tag_words(&self.taggers(), words);
        let s = &cache.sent;
        (s.ids.clone(), s.pos.clone(), s.ner.clone())
    }

    /// UPOS and BIO entity tags of one sentence (what `analyze` runs), with a
    /// per-document cache (`tagger::DocCache::default()` per document).
    pub fn tag_sentence<'a>(
        &'a self,
        cache: &mut tagger::DocCache,
        words: &[&'a str],
    ) -> (Vec<&'a str>, Vec<&'a str>) {
        let (_, pos, ner) = self.tag_ids(cache, words);
        (
            pos.into_iter()
                .map(|t| self.pos.classes[t].as_str())
                .collect(),
            ner.into_iter()
                .map(|t| self.ner.classes[t].as_str())
                .collect(),
        )
    }

    /// BIO entity tags of one sentence given its UPOS tags.
    pub fn ner_tags<'a>(&'a self, words: &[&'a str], pos: Vec<&'a str>) -> Vec<&'a str> {
        let m = self.taggers();
        let mut cache = tagger::DocCache::default();
        let ids: Vec<u32> = words.iter().map(|w| cache.intern(&m, w)).collect();
        let pos: Vec<usize> = pos
            .iter()
            .map(|p| self.pos.class_id(p).unwrap_or(0))
            .collect();
        let place = cache.place_codes(&m, words, &ids);
        cache
            .tag_ner(&m, &ids, &tagger::pos_ids(&pos), &place)
            .into_iter()
            .map(|t| self.ner.classes[t].as_str())
            .collect()
    }

    /// Lower-cased lemma: irregular forms from `resources/text/lemmas.tsv`,
    /// regular inflections stripped when the stem is a known word.
    pub fn lemma(&self, word: &str, upos: &str) -> String {
        let w = word.to_lowercase().replace('’', "'");
        if let Some(l) = self.lemmas.get(&w) {
            return l.clone();
        }
        let known = |s: &str| self.tok.vocab.contains(s);
        let doubled = |s: &str| {
            let b = s.as_bytes();
            b.len() >= 3
                && b[b.len() - 1] == b[b.len() - 2]
                && !matches!(b[b.len() - 1], b'l' | b's')
        };
        match upos {
            "VERB" | "AUX" => {
                for suf in ["ing", "ed"] {
                    if let Some(stem) = w.strip_suffix(suf) {
                        if stem.len() < 2 {
                            continue;
                        }
                        if doubled(stem) && known(&stem[..stem.len() - 1]) {
                            return stem[..stem.len() - 1].to_string();
                        }
                        let e = format!("{stem}e");
                        if suf == "ed" && w.ends_with("ied") {
                            let y = format!("{}y", &w[..w.len() - 3]);
                            if known(&y) {
                                return y;
                            }
                        }
                        if known(&e) && !known(stem) {
                            return e;
                        }
                        if known(stem) {
                            return stem.to_string();
                        }
                        if known(&e) {
                            return e;
                        }
                    }
                }
                if let Some(stem) = w.strip_suffix("ies") {
                    return format!("{stem}y");
                }
                if let Some(stem) = w.strip_suffix("es") {
                    if known(stem)
                        && (stem.ends_with("sh")
                            || stem.ends_with("ch")
                            || stem.ends_with('s')
                            || stem.ends_with('x'))
                    {
                        return stem.to_string();
                    }
                }
                if let Some(stem) = w.strip_suffix('s') {
                    if known(stem) && !w.ends_with("ss") {
                        return stem.to_string();
                    }
                }
                w
            }
            "NOUN" => {
                if let Some(stem) = w.strip_suffix("ies") {
                    if stem.len() >= 2 {
                        return format!("{stem}y");
                    }
                }
                for suf in ["ches", "shes", "sses", "xes"] {
                    if w.ends_with(suf) {
                        return w[..w.len() - 2].to_string();
                    }
                }
                if let Some(stem) = w.strip_suffix('s') {
                    if !w.ends_with("ss")
                        && !w.ends_with("us")
                        && !w.ends_with("is")
                        && stem.len() >= 2
                    {
                        return stem.to_string();
                    }
                }
                w
            }
            _ => w,
        }
    }

    /// Tokens, sentences, mentions and local entities of `doc`, in
    /// analysis-text offsets.
    pub fn analyze(&self, doc: &CleanDoc) -> TextAnalysis {
        let text = &doc.text;
        // the thread's token and sentence buffers, reused across documents
        // (a large block per document would be allocated and freed anew)
        let (mut raw, mut splits) = SPLIT_BUF.with(|b| b.take());
        self.split_into(doc, &mut raw, &mut splits);
        let mut tokens: Vec<Token> = raw
            .iter()
            .map(|t| Token {
                span: t.span,
                ..Default::default()
            })
            .collect();
        let mut sentences = Vec::with_capacity(splits.len());
        // the tags again as the models' class names, for the mention stage
        let mut tok_upos: Vec<&str> = vec![""; raw.len()];
        let mut tok_ent: Vec<&str> = vec![""; raw.len()];
        let mut tok_flags: Vec<u16> = vec![0; raw.len()];
        // every token's text, read once (the taggers and the mention rules)
        let all_words: Vec<&str> = raw.iter().map(|t| t.span.slice(text)).collect();
        self.with_word_cache(|cache| {
            let m = self.taggers();
            for s in &splits {
                let (a, b) = s.tokens;
                let words = &all_words[a..b];
                cache.tag_words(&m, words);
                let st = std::mem::take(&mut cache.sent);
                for (k, tok) in tokens[a..b].iter_mut().enumerate() {
                    let upos = self.pos_tags[st.pos[k]];
                    let ent = self.ner_tags[st.ner[k]];
                    tok_upos[a + k] = upos.as_str();
                    tok_ent[a + k] = ent.as_str();
                    // the mention rules' lexicon facts, once per word type
                    tok_flags[a + k] =
                        cache.word_flags(st.ids[k], || mentions::word_flags(self, words[k]));
                    tok.upos = upos;
                    tok.ent = ent;
                    // lemma per (word type, UPOS), kept with the word cache
                    tok.lemma = cache
                        .lemma(st.ids[k], st.pos[k], || self.lemma(words[k], &upos))
                        .clone();
                }
                cache.sent = st;
                // "moved to Springfield": a capitalised word inside a
                // sentence that is not in title case is no infinitive after
                // "to", whatever the tagger read (it then misses the place)
                // (the sentence's capitals counted only when a case arises)
                let infinitive_name = |k: usize| {
                    let w = words[k];
                    tok_upos[a + k] == "VERB"
                        && tok_upos[a + k - 1] == "PART"
                        && words[k - 1].eq_ignore_ascii_case("to")
                        && w.chars().next().is_some_and(char::is_uppercase)
                        && w.chars().skip(1).any(char::is_lowercase)
                };
                let repairs: Vec<usize> =
                    (1..words.len()).filter(|&k| infinitive_name(k)).collect();
                let title_case = || {
                    let caps = words
                        .iter()
                        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
                        .count();
                    caps * 2 >= words.len()
                };
                if !repairs.is_empty() && !title_case() {
                    for k in repairs {
                        tok_upos[a + k] = "PROPN";
                        tokens[a + k].upos = Tag::new("PROPN");
                        tok_upos[a + k - 1] = "ADP";
                        tokens[a + k - 1].upos = Tag::new("ADP");
                    }
                }
                let span = Span::new(raw[a].span.start, raw[b - 1].span.end);
                sentences.push(Sentence {
                    span,
                    region: s.region,
                    tokens: (a, b),
                    // The duplicate keys are the pipeline's
                    // (`annalist_ingest::dedup`), filled from the
                    // cleaned text: one scheme, stored and compared.
                    ..Default::default()
                });
            }
        });
        let (mentions, entities) = mentions::extract_tagged(
            self, text, &tokens, &sentences, all_words, tok_upos, tok_ent, tok_flags,
        );
        // a very long document's buffers are not kept (memory stays flat)
        if raw.capacity() <= KEPT_TOKENS {
            SPLIT_BUF.with(|b| b.set((raw, splits)));
        }
        TextAnalysis {
            tokens,
            sentences,
            mentions,
            entities,
        }
    }
}

#[cfg(test)]
mod tests {
    /// `analyze` hands the mention stage tags and lexicon flags cached per
    /// word type; the public `mentions::extract` reads them from the tokens:
    /// both give the same mentions and entities.
    #[test]
    fn cached_and_public_mention_paths_agree() {
        let an = super::Analyzer::new();
        let text = "Leon Trotsky, byname of Lev Davidovich Bronshtein, was killed in \
                    Coyoacán by Ramón Mercader. He had been exiled to Turkey in 1929. \
                    The Tsar and Grand Duke Dmitri met the Bolsheviks. Trotsky's \
                    book “The Revolution Betrayed” appeared; she read it to him.";
        let doc = annalist_model::CleanDoc {
            map: annalist_model::OffsetMap::identity(text.len()),
            text: text.to_string(),
            ..Default::default()
        };
        // twice: the second analysis reads the thread's warm word cache
        for _ in 0..2 {
            let ta = an.analyze(&doc);
            let (m, e) = super::mentions::extract(&an, text, &ta.tokens, &ta.sentences);
            assert!(!m.is_empty());
            assert_eq!(format!("{m:?}"), format!("{:?}", ta.mentions));
            assert_eq!(format!("{e:?}"), format!("{:?}", ta.entities));
        }
    }

    /// Emptying the thread's caches between two analyses changes nothing
    /// in them, and the caches fill again.
    #[test]
    fn released_caches_give_the_same_analysis() {
        let an = super::Analyzer::new();
        let text = "Ramón Mercader attacked Trotsky with an ice axe on 20 August 1940. \
                    He died the next day in Coyoacán.";
        let doc = annalist_model::CleanDoc {
            map: annalist_model::OffsetMap::identity(text.len()),
            text: text.to_string(),
            ..Default::default()
        };
        let warm = format!("{:?}", an.analyze(&doc));
        let filled = super::WORD_CACHE.with(|c| c.borrow().1.approx_bytes());
        assert!(filled > 0);
        super::release_thread_caches();
        assert_eq!(super::WORD_CACHE.with(|c| c.borrow().1.approx_bytes()), 0);
        assert_eq!(format!("{:?}", an.analyze(&doc)), warm);
        assert!(super::WORD_CACHE.with(|c| c.borrow().1.approx_bytes()) > 0);
    }
}
