//! Event types, roles and factuality (the closed lists of `gold/FORMAT.md`).

#![allow(clippy::derivable_impls)] // the defaults below sit outside the closed_enum! macro

use serde::{Deserialize, Serialize};

macro_rules! closed_enum {
    ($(#[$m:meta])* $name:ident { $($variant:ident => $s:literal),* $(,)? }) => {
        $(#[$m])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant),* }
        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),*];
            pub fn as_str(&self) -> &'static str {
                match self { $($name::$variant => $s),* }
            }
            pub fn parse(s: &str) -> Option<$name> {
                match s { $($s => Some($name::$variant),)* _ => None }
            }
        }
        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

closed_enum! {
    /// What happened.
    EventType {
        Birth => "birth", Death => "death", Killing => "killing", Attack => "attack",
        Exile => "exile", Move => "move", Arrest => "arrest", Trial => "trial",
        Sentence => "sentence", Imprisonment => "imprisonment", Release => "release",
        Execution => "execution", Founding => "founding", Joining => "joining",
        Appointment => "appointment", Removal => "removal", Publication => "publication",
        Agreement => "agreement", Marriage => "marriage", Discovery => "discovery",
        Uprising => "uprising",
    }
}

closed_enum! {
    /// The part an entity plays in an event.
    Role {
        Subject => "subject", Agent => "agent", Place => "place",
        Destination => "destination", Instrument => "instrument",
        Organization => "organization", Work => "work",
    }
}

closed_enum! {
    /// Kinds of named things.
    EntityType {
        Person => "person", Place => "place", Organization => "organization",
        Group => "group", Work => "work", EventName => "event_name",
    }
}

closed_enum! {
    /// Whether the text asserts that an event happened.
    Factuality {
        Asserted => "asserted", Negated => "negated", Hypothetical => "hypothetical",
        Question => "question", Reported => "reported",
    }
}

impl Default for Factuality {
    fn default() -> Self {
        Factuality::Asserted
    }
}

impl Default for EventType {
    fn default() -> Self {
        EventType::Death
    }
}

impl Default for Role {
    fn default() -> Self {
        Role::Subject
    }
}

impl Default for EntityType {
    fn default() -> Self {
        EntityType::Person
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn closed_lists_round_trip() {
        assert_eq!(EventType::ALL.len(), 21);
        for t in EventType::ALL {
            assert_eq!(EventType::parse(t.as_str()), Some(*t));
            let j = serde_json::to_string(t).unwrap();
            assert_eq!(j, format!("\"{}\"", t.as_str()));
        }
        assert_eq!(EntityType::parse("event_name"), Some(EntityType::EventName));
    }
}
