//! TIMEX3 time expressions (TimeML 1.2.1).

use crate::span::Span;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum TimexType {
    #[default]
    #[serde(rename = "DATE")]
    Date,
    #[serde(rename = "TIME")]
    Time,
    #[serde(rename = "DURATION")]
    Duration,
    #[serde(rename = "SET")]
    Set,
}

impl TimexType {
    pub fn as_str(&self) -> &'static str {
        match self {
            TimexType::Date => "DATE",
            TimexType::Time => "TIME",
            TimexType::Duration => "DURATION",
            TimexType::Set => "SET",
        }
    }
    pub fn parse(s: &str) -> Option<TimexType> {
        match s {
            "DATE" => Some(TimexType::Date),
            "TIME" => Some(TimexType::Time),
            "DURATION" => Some(TimexType::Duration),
            "SET" => Some(TimexType::Set),
            _ => None,
        }
    }
}

/// TIMEX3 `mod` attribute.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum TimexMod {
    Start,
    Mid,
    End,
    Approx,
    Before,
    After,
    OnOrBefore,
    OnOrAfter,
    MoreThan,
    LessThan,
    EqualOrLess,
    EqualOrMore,
}

impl TimexMod {
    pub fn as_str(&self) -> &'static str {
        match self {
            TimexMod::Start => "START",
            TimexMod::Mid => "MID",
            TimexMod::End => "END",
            TimexMod::Approx => "APPROX",
            TimexMod::Before => "BEFORE",
            TimexMod::After => "AFTER",
            TimexMod::OnOrBefore => "ON_OR_BEFORE",
            TimexMod::OnOrAfter => "ON_OR_AFTER",
            TimexMod::MoreThan => "MORE_THAN",
            TimexMod::LessThan => "LESS_THAN",
            TimexMod::EqualOrLess => "EQUAL_OR_LESS",
            TimexMod::EqualOrMore => "EQUAL_OR_MORE",
        }
    }
    pub fn parse(s: &str) -> Option<TimexMod> {
        [
            TimexMod::Start,
            TimexMod::Mid,
            TimexMod::End,
            TimexMod::Approx,
            TimexMod::Before,
            TimexMod::After,
            TimexMod::OnOrBefore,
            TimexMod::OnOrAfter,
            TimexMod::MoreThan,
            TimexMod::LessThan,
            TimexMod::EqualOrLess,
            TimexMod::EqualOrMore,
        ]
        .into_iter()
        .find(|m| m.as_str() == s)
    }
}

/// One temporal expression found in a text.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Timex {
    /// Byte span (analysis text inside the pipeline; original input once
    /// stored in a [`crate::DocAnalysis`]).
    #[serde(flatten)]
    pub span: Span,
    pub text: String,
    #[serde(rename = "type")]
    pub ttype: TimexType,
    /// TIMEX3 value: `1940-08-21`, `1940-08`, `194X`, `BC0044-03-15`,
    /// `1940-08-21T11:21`, `P20Y`, `PRESENT_REF`, `XXXX-08-21` when unresolved.
    pub value: String,
    #[serde(rename = "mod")]
    pub tmod: Option<TimexMod>,
    /// The calendar the text used when not Gregorian (`"julian"`); `value`
    /// is always Gregorian.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calendar: Option<String>,
    /// What a relative value was resolved against: a TIMEX3 value of the
    /// anchor and how it was chosen (e.g. `"1940-08-20 (narrative)"`, `"DCT"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anchor: Option<String>,
    /// TIMEX3 `quant`/`freq` for SETs ("every morning" → freq "1D"?).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub freq: Option<String>,
    /// The name of the rule that matched (debugging, evaluation).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub rule: String,
    /// Read from a post's or a comment's header ("sepoy_archive Jan 30,
    /// 2018 at 21:47"): when what follows was written, never the time of
    /// an event it tells.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub header: bool,
}
