//! GraphML (Gephi, Cytoscape, yEd): entities as nodes; directed
//! `acted_on` edges from agents to subjects, and undirected `co_event`
//! edges between entities that take part in the same event.

use crate::ExportError;
use annalist_model::KnowledgeBase;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event as X};
use quick_xml::Writer;
use std::collections::{BTreeMap, BTreeSet};

/// The `<key>`s declared: (id, for, attr.name, attr.type).
pub const KEYS: &[(&str, &str, &str, &str)] = &[
    ("label", "node", "label", "string"),
    ("type", "node", "type", "string"),
    ("mentions", "node", "mentions", "int"),
    ("aliases", "node", "aliases", "string"),
    ("kind", "edge", "kind", "string"),
    ("events", "edge", "events", "string"),
    ("event_types", "edge", "event_types", "string"),
    ("weight", "edge", "weight", "double"),
];

fn xml_err(e: impl std::fmt::Display) -> ExportError {
    ExportError::Xml(e.to_string())
}

struct W<'a> {
    w: Writer<&'a mut dyn std::io::Write>,
}

impl W<'_> {
    fn start(&mut self, name: &str, attrs: &[(&str, &str)]) -> Result<(), ExportError> {
        let mut s = BytesStart::new(name);
        for a in attrs {
            s.push_attribute(*a);
        }
        self.w.write_event(X::Start(s)).map_err(xml_err)
    }
    fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) -> Result<(), ExportError> {
        let mut s = BytesStart::new(name);
        for a in attrs {
            s.push_attribute(*a);
        }
        self.w.write_event(X::Empty(s)).map_err(xml_err)
    }
    fn end(&mut self, name: &str) -> Result<(), ExportError> {
        self.w
            .write_event(X::End(BytesEnd::new(name)))
            .map_err(xml_err)
    }
    fn data(&mut self, key: &str, value: &str) -> Result<(), ExportError> {
        self.start("data", &[("key", key)])?;
        self.w
            .write_event(X::Text(BytesText::new(value)))
            .map_err(xml_err)?;
        self.end("data")
    }
}

/// Removes characters XML 1.0 does not allow (control characters).
fn clean(s: &str) -> String {
    s.chars()
        .filter(|&c| {
            matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{FFFE}' && c != '\u{FFFF}')
        })
        .collect()
}

pub fn write(kb: &KnowledgeBase, out: &mut dyn std::io::Write) -> Result<(), ExportError> {
    let known: BTreeSet<&str> = kb.entities.iter().map(|e| e.id.as_str()).collect();
    // (agent, subject) -> events ; {a, b} -> events
    let mut acted: BTreeMap<(&str, &str), Vec<&annalist_model::Event>> = BTreeMap::new();
    let mut co: BTreeMap<(&str, &str), Vec<&annalist_model::Event>> = BTreeMap::new();
    for e in &kb.events {
        for a in &e.roles.agent {
            for s in &e.roles.subject {
                if a != s && known.contains(a.as_str()) && known.contains(s.as_str()) {
                    acted.entry((a, s)).or_default().push(e);
                }
            }
        }
        let mut ids: Vec<&str> = e
            .roles
            .all()
            .map(|(_, id)| id.as_str())
            .filter(|id| known.contains(id))
            .collect();
        ids.sort_unstable();
        ids.dedup();
        for (i, a) in ids.iter().enumerate() {
            for b in &ids[i + 1..] {
                co.entry((a, b)).or_default().push(e);
            }
        }
    }
    let mut w = W {
        w: Writer::new_with_indent(out, b' ', 2),
    };
    w.w.write_event(X::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))
        .map_err(xml_err)?;
    w.start(
        "graphml",
        &[
            ("xmlns", "http://graphml.graphdrawing.org/xmlns"),
            ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
            (
                "xsi:schemaLocation",
                "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd",
            ),
        ],
    )?;
    for (id, f, name, ty) in KEYS {
        w.empty(
            "key",
            &[
                ("id", id),
                ("for", f),
                ("attr.name", name),
                ("attr.type", ty),
            ],
        )?;
    }
    w.start("graph", &[("id", "annalist"), ("edgedefault", "directed")])?;
    for e in &kb.entities {
        let id = clean(&e.id);
        w.start("node", &[("id", &id)])?;
        w.data("label", &clean(&e.name))?;
        w.data("type", e.etype.as_str())?;
        w.data("mentions", &e.mentions.len().to_string())?;
        w.data("aliases", &clean(&e.aliases.join("; ")))?;
        w.end("node")?;
    }
    let mut n = 0;
    for (kind, directed, map) in [("acted_on", "true", &acted), ("co_event", "false", &co)] {
        for ((a, b), evs) in map {
            let (a, b) = (clean(a), clean(b));
            let eid = format!("e{n}");
            n += 1;
            w.start(
                "edge",
                &[
                    ("id", &eid),
                    ("source", &a),
                    ("target", &b),
                    ("directed", directed),
                ],
            )?;
            w.data("kind", kind)?;
            let ids: Vec<&str> = evs.iter().map(|e| e.id.as_str()).collect();
            w.data("events", &clean(&ids.join(" ")))?;
            let mut types: Vec<&str> = evs.iter().map(|e| e.etype.as_str()).collect();
            types.sort_unstable();
            types.dedup();
            w.data("event_types", &types.join(" "))?;
            w.data("weight", &evs.len().to_string())?;
            w.end("edge")?;
        }
    }
    w.end("graph")?;
    w.end("graphml")?;
    w.w.get_mut().write_all(b"\n")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_as_graphml_with_the_right_keys() {
        let kb = crate::util::sample();
        let mut out = Vec::new();
        write(&kb, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        let doc = roxmltree::Document::parse(&text).unwrap();
        let root = doc.root_element();
        assert_eq!(root.tag_name().name(), "graphml");
        let keys: Vec<_> = root
            .children()
            .filter(|n| n.has_tag_name("key"))
            .map(|n| n.attribute("id").unwrap().to_string())
            .collect();
        for (id, ..) in KEYS {
            assert!(keys.iter().any(|k| k == id), "key {id}");
        }
        let graph = root.children().find(|n| n.has_tag_name("graph")).unwrap();
        let nodes: Vec<_> = graph
            .children()
            .filter(|n| n.has_tag_name("node"))
            .collect();
        assert_eq!(nodes.len(), 3);
        let node_ids: BTreeSet<&str> = nodes.iter().map(|n| n.attribute("id").unwrap()).collect();
        let edges: Vec<_> = graph
            .children()
            .filter(|n| n.has_tag_name("edge"))
            .collect();
        for e in &edges {
            assert!(node_ids.contains(e.attribute("source").unwrap()));
            assert!(node_ids.contains(e.attribute("target").unwrap()));
            for d in e.children().filter(|n| n.has_tag_name("data")) {
                assert!(keys.iter().any(|k| k == d.attribute("key").unwrap()));
            }
        }
        let acted: Vec<_> = edges
            .iter()
            .filter(|e| {
                e.children()
                    .any(|d| d.has_tag_name("data") && d.text() == Some("acted_on"))
            })
            .collect();
        assert_eq!(acted.len(), 1);
        assert_eq!(acted[0].attribute("source"), Some("person:ramon-mercader"));
        assert_eq!(acted[0].attribute("target"), Some("person:leon-trotsky"));
        // Quotes in aliases survive escaping.
        assert!(nodes.iter().any(|n| n
            .children()
            .any(|d| d.text().is_some_and(|t| t.contains("Lev \"Bronstein\"")))));
    }
}
