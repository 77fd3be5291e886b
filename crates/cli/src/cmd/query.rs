//! `annalist timeline | entity | conflicts | sources`: readable tables or JSON.

use super::common::{ellipsize, exit, load_kb, DbArg};
use annalist_kb::query::{find_entity, timeline};
use annalist_model::{Event, KnowledgeBase};
use clap::Args;
use std::process::ExitCode;

#[derive(Args, Debug)]
pub struct TimelineArgs {
    /// A name or alias of the entity (forgiving: case, accents, part of a name).
    pub name: String,
    #[command(flatten)]
    pub db: DbArg,
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct EntityArgs {
    /// A name or alias of the entity.
    pub name: String,
    #[command(flatten)]
    pub db: DbArg,
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct ListArgs {
    #[command(flatten)]
    pub db: DbArg,
    #[arg(long)]
    pub json: bool,
}

/// The date column: the value, or the interval when imprecise.
pub fn when(e: &Event) -> String {
    match &e.time {
        Some(t) if t.start == t.end => t.start.clone(),
        Some(t) => format!("{} ({}…{})", t.value, t.start, t.end),
        None => "undated".into(),
    }
}

/// Writes an entity's timeline as a table.
pub fn print_timeline(
    kb: &KnowledgeBase,
    id: &str,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let events = timeline(kb, id);
    let w = events
        .iter()
        .map(|e| when(e).chars().count())
        .max()
        .unwrap_or(4)
        .max(4);
    writeln!(out, "{:<w$}  {:<12} {:>7}  what", "when", "type", "sources")?;
    for e in events {
        let mark = if e.conflicts.is_empty() { " " } else { "!" };
        writeln!(
            out,
            "{:<w$}  {:<12} {:>7}{} {}",
            when(e),
            e.etype.as_str(),
            e.independent_sources,
            mark,
            ellipsize(&e.description, 90)
        )?;
    }
    Ok(())
}

pub fn run_timeline(a: &TimelineArgs) -> anyhow::Result<ExitCode> {
    let kb = load_kb(&a.db.db)?;
    let Some(ent) = find_entity(&kb, &a.name) else {
        eprintln!("no entity matches {:?}", a.name);
        return Ok(ExitCode::from(exit::NOT_FOUND));
    };
    if a.json {
        let events: Vec<&Event> = timeline(&kb, &ent.id);
        let v = serde_json::json!({"entity": {"id": ent.id, "name": ent.name, "type": ent.etype}, "events": events});
        println!("{}", serde_json::to_string_pretty(&v)?);
    } else {
        println!(
            "{} ({}) — timeline; ! marks a conflict between sources",
            ent.name, ent.etype
        );
        print_timeline(&kb, &ent.id, &mut std::io::stdout().lock())?;
    }
    Ok(ExitCode::SUCCESS)
}

pub fn run_entity(a: &EntityArgs) -> anyhow::Result<ExitCode> {
    let kb = load_kb(&a.db.db)?;
    let Some(ent) = find_entity(&kb, &a.name) else {
        eprintln!("no entity matches {:?}", a.name);
        return Ok(ExitCode::from(exit::NOT_FOUND));
    };
    if a.json {
        println!("{}", serde_json::to_string_pretty(ent)?);
        return Ok(ExitCode::SUCCESS);
    }
    println!(
        "{} — {} ({} mentions in {} sources)",
        ent.name,
        ent.etype,
        ent.mentions.len(),
        {
            let s: std::collections::BTreeSet<_> = ent.mentions.iter().map(|m| &m.source).collect();
            s.len()
        }
    );
    println!("id: {}", ent.id);
    println!("names:");
    for alias in &ent.aliases {
        let why: Vec<String> = ent
            .alias_evidence
            .iter()
            .filter(|x| &x.alias == alias && x.how != "surface")
            .map(|x| {
                let file = kb
                    .source(&x.source)
                    .map(|s| s.meta.file.as_str())
                    .unwrap_or("?");
                format!("{} in {file}", x.how)
            })
            .collect();
        if why.is_empty() {
            println!("  {alias}");
        } else {
            println!("  {alias}  ({})", why.join("; "));
        }
    }
    println!("events:");
    print_timeline(&kb, &ent.id, &mut std::io::stdout().lock())?;
    Ok(ExitCode::SUCCESS)
}

pub fn run_conflicts(a: &ListArgs) -> anyhow::Result<ExitCode> {
    let kb = load_kb(&a.db.db)?;
    if a.json {
        println!("{}", serde_json::to_string_pretty(&kb.conflicts)?);
        return Ok(ExitCode::SUCCESS);
    }
    if kb.conflicts.is_empty() {
        println!("no conflicts between sources");
    }
    for c in &kb.conflicts {
        let ev = kb.event(&c.event);
        println!(
            "{} — {} of {}",
            c.id,
            c.field,
            ev.map(|e| ellipsize(&e.description, 70))
                .unwrap_or_default()
        );
        for v in &c.values {
            let files: Vec<&str> = v
                .sources
                .iter()
                .map(|s| kb.source(s).map(|s| s.meta.file.as_str()).unwrap_or(s))
                .collect();
            let pref = if v.value == c.preferred { "*" } else { " " };
            println!("   {pref} {:<24} {}", v.value, files.join(", "));
        }
        println!("     preferred {}: {}", c.preferred, c.reason);
    }
    Ok(ExitCode::SUCCESS)
}

pub fn run_sources(a: &ListArgs) -> anyhow::Result<ExitCode> {
    let kb = load_kb(&a.db.db)?;
    if a.json {
        let metas: Vec<_> = kb.sources.iter().map(|s| &s.meta).collect();
        println!("{}", serde_json::to_string_pretty(&metas)?);
        return Ok(ExitCode::SUCCESS);
    }
    println!(
        "{:<34} {:<13} {:>7} {:>5} {:>8}  title",
        "file", "kind", "quality", "spam", "bytes"
    );
    for s in &kb.sources {
        let m = &s.meta;
        println!(
            "{:<34} {:<13} {:>7.2} {:>5} {:>8}  {}",
            ellipsize(&m.file, 34),
            m.kind.as_str(),
            m.quality,
            if m.spam { "yes" } else { "" },
            m.byte_len,
            ellipsize(m.title.as_deref().unwrap_or(""), 50)
        );
    }
    Ok(ExitCode::SUCCESS)
}
