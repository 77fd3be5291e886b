//! Language analysis of one cleaned document: tokens, sentences, POS tags,
//! entity mentions and within-document coreference.
//!
//! [`Analyzer`] is built once (it loads the embedded models and lexicons)
//! and is immutable afterwards, so it can be shared across threads; its
//! [`Analyzer::analyze`] is a pure function of the [`CleanDoc`].

use annalist_model::{
    CleanDoc, EntityType, LocalEntity, Mention, MentionForm, Sentence, Span, TextAnalysis, Token,
};

/// The language-analysis stage.
#[derive(Debug, Default)]
pub struct Analyzer {}

impl Analyzer {
    pub fn new() -> Self {
        Analyzer {}
    }

    /// Tokens, sentences, mentions and local entities of `doc`, in
    /// analysis-text offsets.
    pub fn analyze(&self, doc: &CleanDoc) -> TextAnalysis {
        let text = &doc.text;
        let mut tokens = Vec::new();
        let mut sentences = Vec::new();
        let mut sent_start = None;
        let mut first_tok = 0;
        let mut i = 0;
        let b = text.as_bytes();
        while i < b.len() {
            let c = text[i..].chars().next().unwrap_or(' ');
            let w = c.len_utf8();
            if c.is_whitespace() {
                i += w;
                continue;
            }
            let start = i;
            if c.is_alphanumeric() {
                while i < b.len() {
                    let c = text[i..].chars().next().unwrap_or(' ');
                    if c.is_alphanumeric() || c == '\'' || c == '’' {
                        i += c.len_utf8();
                    } else {
                        break;
                    }
                }
            } else {
                i += w;
            }
            sent_start.get_or_insert(start);
            tokens.push(Token {
                span: Span::new(start, i),
                lemma: text[start..i].to_lowercase(),
                ..Default::default()
            });
            let end_of_sentence = matches!(c, '.' | '!' | '?') && !c.is_alphanumeric()
                || text[i..].starts_with("\n\n");
            if end_of_sentence {
                if let Some(s) = sent_start.take() {
                    sentences.push(Sentence {
                        span: Span::new(s, i),
                        region: doc.region_at(s),
                        tokens: (first_tok, tokens.len()),
                        ..Default::default()
                    });
                    first_tok = tokens.len();
                }
            }
        }
        if let Some(s) = sent_start {
            sentences.push(Sentence {
                span: Span::new(s, text.len()),
                region: doc.region_at(s),
                tokens: (first_tok, tokens.len()),
                ..Default::default()
            });
        }
        // Placeholder name finder: runs of capitalised words not at sentence start.
        let mut mentions = Vec::new();
        let mut entities: Vec<LocalEntity> = Vec::new();
        for (si, s) in sentences.iter().enumerate() {
            let toks = &tokens[s.tokens.0..s.tokens.1];
            let mut j = 1;
            while j < toks.len() {
                let is_cap = |t: &Token| {
                    let w = t.span.slice(text);
                    w.chars().next().is_some_and(char::is_uppercase) && w.len() > 1
                };
                if is_cap(&toks[j]) {
                    let a = j;
                    while j < toks.len() && is_cap(&toks[j]) {
                        j += 1;
                    }
                    let span = Span::new(toks[a].span.start, toks[j - 1].span.end);
                    let name = span.slice(text).to_string();
                    let e = match entities.iter().position(|e| e.name == name) {
                        Some(e) => e,
                        None => {
                            entities.push(LocalEntity {
                                etype: EntityType::Person,
                                name: name.clone(),
                                ..Default::default()
                            });
                            entities.len() - 1
                        }
                    };
                    entities[e].mentions.push(mentions.len());
                    mentions.push(Mention {
                        span,
                        text: name,
                        etype: EntityType::Person,
                        form: MentionForm::Name,
                        entity: e,
                        sentence: si,
                    });
                } else {
                    j += 1;
                }
            }
        }
        TextAnalysis {
            tokens,
            sentences,
            mentions,
            entities,
        }
    }
}
