//! The hand-built document analyses the kb integration tests merge.
// Each test file uses the part of the builder it needs.
#![allow(dead_code)]

use annalist_model::*;

/// A tiny document builder: text is made of sentences; entities and events
/// are declared by the words they cover.
pub struct Doc {
    pub a: DocAnalysis,
    pub text: String,
}

impl Doc {
    pub fn new(id: &str, quality: f32) -> Doc {
        Doc {
            a: DocAnalysis {
                meta: SourceMeta {
                    id: id.into(),
                    file: format!("{id}.txt"),
                    quality,
                    ..Default::default()
                },
                ..Default::default()
            },
            text: String::new(),
        }
    }
    /// Adds a sentence; returns its index.
    pub fn sentence(&mut self, s: &str) -> usize {
        let start = self.text.len();
        self.text.push_str(s);
        let end = self.text.len();
        self.text.push(' ');
        self.a.sentences.push(Sentence {
            span: Span::new(start, end),
            fingerprint: annalist_ingest::dedup::fingerprint(s),
            simhash: annalist_ingest::dedup::simhash(s),
            ..Default::default()
        });
        self.a.sentences.len() - 1
    }
    pub fn span_of(&self, sent: usize, words: &str) -> Span {
        let s = self.a.sentences[sent].span;
        let off = self.text[s.start..s.end].find(words).expect(words) + s.start;
        Span::new(off, off + words.len())
    }
    /// Declares a local entity (or adds a mention to an existing one with
    /// the same name); returns its index.
    pub fn entity(
        &mut self,
        t: EntityType,
        name: &str,
        sent: usize,
        words: &str,
        form: MentionForm,
    ) -> usize {
        let span = self.span_of(sent, words);
        let li = match self.a.entities.iter().position(|e| e.name == name) {
            Some(i) => i,
            None => {
                self.a.entities.push(LocalEntity {
                    etype: t,
                    name: name.into(),
                    ..Default::default()
                });
                self.a.entities.len() - 1
            }
        };
        self.a.mentions.push(Mention {
            span,
            text: words.into(),
            etype: t,
            form,
            entity: li,
            sentence: sent,
        });
        let mi = self.a.mentions.len() - 1;
        self.a.entities[li].mentions.push(mi);
        li
    }
    pub fn alias(&mut self, li: usize, alias: &str, how: &str, sent: usize) {
        let span = self.span_of(sent, alias);
        self.a.entities[li].aliases.push(AliasEvidence {
            alias: alias.into(),
            how: how.into(),
            span: Some(span),
        });
    }
    pub fn event(
        &mut self,
        t: EventType,
        sent: usize,
        trigger: &str,
        roles: &[(Role, Option<usize>, &str)],
        time: Option<&str>,
    ) {
        let s = self.a.sentences[sent].span;
        let trig = self.span_of(sent, trigger);
        let roles = roles
            .iter()
            .map(|(r, e, text)| RoleFiller {
                role: Some(*r),
                entity: *e,
                text: text.to_string(),
                span: Span::default(),
            })
            .collect();
        self.a.events.push(EventMention {
            etype: Some(t),
            trigger: trig,
            trigger_text: trigger.into(),
            evidence: s,
            evidence_text: s.slice(&self.text).to_string(),
            roles,
            time: time.map(|v| EventTime {
                value: v.into(),
                how: "clause".into(),
                ..Default::default()
            }),
            confidence: 0.8,
            sentence: sent,
            ..Default::default()
        });
    }
    pub fn gender(&mut self, li: usize, g: &str) {
        self.a.entities[li].gender = Some(g.into());
    }
    pub fn done(mut self) -> DocAnalysis {
        self.a.meta.byte_len = self.text.len();
        self.a
    }
}
