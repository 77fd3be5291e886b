//! The gold annotation format.

use serde::Deserialize;
use serde_json::Value;

/// One topic's gold file.
#[derive(Clone, Debug, Deserialize)]
pub struct Gold {
    pub topic: String,
    pub documents: Vec<GoldDoc>,
    #[serde(default)]
    pub entities: Vec<GoldEntity>,
    #[serde(default)]
    pub events: Vec<GoldEvent>,
    #[serde(default)]
    pub conflicts: Vec<GoldConflict>,
}

#[derive(Clone, Debug, Deserialize)]
pub struct GoldDoc {
    pub file: String,
    pub kind: String,
    pub spam: bool,
    #[serde(default)]
    pub regions: Vec<GoldRegion>,
    #[serde(default)]
    pub timexes: Vec<GoldTimex>,
}

#[derive(Clone, Debug, Deserialize)]
pub struct GoldRegion {
    pub kind: String,
    pub starts_with: String,
    pub ends_with: String,
}

#[derive(Clone, Debug, Deserialize)]
pub struct GoldTimex {
    pub text: String,
    pub value: String,
    #[serde(rename = "type")]
    pub ttype: String,
    #[serde(default, rename = "mod")]
    pub tmod: Option<String>,
    #[serde(default)]
    pub anchor: Option<String>,
}

#[derive(Clone, Debug, Deserialize)]
pub struct GoldEntity {
    pub id: String,
    #[serde(rename = "type")]
    pub etype: String,
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub misspellings: Vec<String>,
}

impl GoldEntity {
    /// Name, aliases and misspellings.
    pub fn all_names(&self) -> impl Iterator<Item = &String> {
        std::iter::once(&self.name)
            .chain(self.aliases.iter())
            .chain(self.misspellings.iter())
    }
    /// Name and aliases (correct spellings only).
    pub fn correct_names(&self) -> impl Iterator<Item = &String> {
        std::iter::once(&self.name).chain(self.aliases.iter())
    }
}

#[derive(Clone, Debug, Deserialize)]
pub struct GoldEvent {
    #[serde(rename = "type")]
    pub etype: String,
    #[serde(default)]
    pub subject: Value,
    #[serde(default)]
    pub agent: Value,
    #[serde(default)]
    pub place: Value,
    #[serde(default)]
    pub destination: Value,
    #[serde(default)]
    pub time: Option<String>,
    #[serde(default)]
    pub sources: Vec<String>,
    #[serde(default)]
    pub evidence: Vec<String>,
}

#[derive(Clone, Debug, Deserialize)]
pub struct GoldConflict {
    pub about: String,
    #[serde(default)]
    pub event_type: Option<String>,
    /// An entity id or plain string, or a list of them (like an event's).
    #[serde(default)]
    pub subject: Value,
    pub claims: Vec<GoldClaim>,
    #[serde(default)]
    pub truth: Value,
}

#[derive(Clone, Debug, Deserialize)]
pub struct GoldClaim {
    pub source: String,
    pub value: String,
}

/// A role value of a gold event as a list of strings (ids or plain text).
pub fn values(v: &Value) -> Vec<String> {
    match v {
        Value::String(s) => vec![s.clone()],
        Value::Array(a) => a
            .iter()
            .filter_map(|x| x.as_str().map(str::to_string))
            .collect(),
        _ => Vec::new(),
    }
}

impl Gold {
    pub fn parse(json: &str) -> Result<Gold, serde_json::Error> {
        serde_json::from_str(json)
    }
    pub fn entity(&self, id: &str) -> Option<&GoldEntity> {
        self.entities.iter().find(|e| e.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_conflict_may_be_about_several_subjects() {
        let g = Gold::parse(
            r#"{"topic": "t", "documents": [], "entities": [], "events": [], "conflicts": [
                {"about": "date", "event_type": "execution", "subject": ["a", "b"],
                 "claims": [{"source": "x.txt", "value": "1587"}], "truth": "1586-09"},
                {"about": "place", "subject": "c", "claims": []}]}"#,
        )
        .expect("parses");
        assert_eq!(values(&g.conflicts[0].subject), ["a", "b"]);
        assert_eq!(values(&g.conflicts[1].subject), ["c"]);
    }
}
