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

use annalist_model::{CleanDoc, RegionKind, Sentence, Span, TextAnalysis, Token};
use lexicon::{data_lines, gunzip, TokLexicon};
use perceptron::Model;
use rustc_hash::FxHashMap as HashMap;
use tagger::{NameLexicon, NerContext};
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
        Analyzer {
            tagdict,
            tok: TokLexicon::load(),
            names: NameLexicon::load(),
            ml: mentions::MentionLexicon::load(),
            pos,
            ner: Model::from_bytes(&gunzip(include_bytes!(
                "../../../resources/models/ner.apm.gz"
            ))),
            lemmas,
        }
    }

    /// Tokens and sentences of `text`, one segment per region (regions are
    /// always sentence boundaries). Without regions the whole text is one
    /// main-text segment.
    pub fn split(&self, doc: &CleanDoc) -> (Vec<RawTok>, Vec<SentenceSplit>) {
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
        let mut toks = Vec::new();
        let mut sents = Vec::new();
        for (seg, kind) in segs {
            let a = annalist_model::ceil_char_boundary(text, seg.start);
            let b = annalist_model::floor_char_boundary(text, seg.end);
            if b <= a {
                continue;
            }
            let first = toks.len();
            tokenize::tokenize_into(text, Span::new(a, b), &self.tok, &mut toks);
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
        (toks, sents)
    }

    /// UPOS tags (model class names) of one sentence's words.
    pub fn pos_tags(&self, words: &[&str]) -> Vec<&str> {
        tagger::tag_pos_dict(&self.pos, Some(&self.tagdict), words)
            .into_iter()
            .map(|t| self.pos.classes[t].as_str())
            .collect()
    }

    /// UPOS tags with a per-document cache of word scores (same tags as
    /// [`Analyzer::pos_tags`], faster over a whole document).
    pub fn pos_tags_cached(&self, cache: &mut tagger::PosCache, words: &[&str]) -> Vec<&str> {
        tagger::tag_pos_cached(&self.pos, Some(&self.tagdict), cache, words)
            .into_iter()
            .map(|t| self.pos.classes[t].as_str())
            .collect()
    }

    /// UPOS and BIO entity tags of one sentence (what `analyze` runs), with a
    /// per-document cache (`tagger::DocCache::default()` per document).
    pub fn tag_sentence<'a>(
        &'a self,
        cache: &mut tagger::DocCache,
        words: &[&'a str],
    ) -> (Vec<&'a str>, Vec<&'a str>) {
        let prep = tagger::Prepared::new(words);
        let pos: Vec<&str> =
            tagger::tag_pos_prepared(&self.pos, Some(&self.tagdict), &mut cache.pos, &prep)
                .into_iter()
                .map(|t| self.pos.classes[t].as_str())
                .collect();
        let ctx = NerContext::with_prepared(prep, pos.clone(), &self.names);
        let ner: Vec<&str> = tagger::tag_ner_cached(&self.ner, &ctx, &self.names, &mut cache.ner)
            .into_iter()
            .map(|t| self.ner.classes[t].as_str())
            .collect();
        (pos, ner)
    }

    /// BIO entity tags of one sentence given its UPOS tags.
    pub fn ner_tags<'a>(&'a self, words: &[&'a str], pos: Vec<&'a str>) -> Vec<&'a str> {
        let ctx = NerContext::new(words, pos, &self.names);
        tagger::tag_ner(&self.ner, &ctx)
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
        let (raw, splits) = self.split(doc);
        let mut tokens: Vec<Token> = raw
            .iter()
            .map(|t| Token {
                span: t.span,
                ..Default::default()
            })
            .collect();
        let mut sentences = Vec::with_capacity(splits.len());
        let mut cache = tagger::DocCache::default();
        for s in &splits {
            let (a, b) = s.tokens;
            let words: Vec<&str> = raw[a..b].iter().map(|t| t.span.slice(text)).collect();
            let (pos, ner) = self.tag_sentence(&mut cache, &words);
            for (k, tok) in tokens[a..b].iter_mut().enumerate() {
                tok.upos = pos[k].to_string();
                tok.ent = ner[k].to_string();
                tok.lemma = self.lemma(words[k], pos[k]);
            }
            let span = Span::new(raw[a].span.start, raw[b - 1].span.end);
            let (fingerprint, simhash) = fingerprints(&words);
            sentences.push(Sentence {
                span,
                region: s.region,
                tokens: (a, b),
                fingerprint,
                simhash,
            });
        }
        let (mentions, entities) = mentions::extract(self, text, &tokens, &sentences);
        TextAnalysis {
            tokens,
            sentences,
            mentions,
            entities,
        }
    }
}

/// Exact-duplicate hash of the normalized sentence and a 64-bit SimHash of
/// its word bigrams (near-duplicate key).
fn fingerprints(words: &[&str]) -> (u64, u64) {
    let norm: Vec<String> = words
        .iter()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .map(|w| w.to_lowercase())
        .collect();
    let mut h = perceptron::FHash::new(250);
    for w in &norm {
        h = h.str(w);
    }
    let fp = h.finish();
    let mut acc = [0i32; 64];
    let mut add = |x: u64| {
        for (b, a) in acc.iter_mut().enumerate() {
            if x >> b & 1 == 1 {
                *a += 1;
            } else {
                *a -= 1;
            }
        }
    };
    if norm.len() == 1 {
        add(perceptron::fhash(251, &[&norm[0]]));
    }
    for w in norm.windows(2) {
        add(perceptron::fhash(251, &[&w[0], &w[1]]));
    }
    let mut sh = 0u64;
    for (b, a) in acc.iter().enumerate() {
        if *a > 0 {
            sh |= 1 << b;
        }
    }
    (fp, sh)
}
