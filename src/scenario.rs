//! Role-play scenarios (`NN-slug.scenario.yaml`, issue 20): a conversation as
//! nodes (who speaks, what they say, the learner's choices) leading to
//! endings with a rating and a debrief. This module reads and checks a
//! scenario file; every problem comes with its line. (Work in progress: the
//! page, progress and print cards are not built yet.)

use std::collections::{HashMap, HashSet, VecDeque};

use serde::Deserialize;

use crate::diagnostic::Diagnostic;
use crate::source::SourceFile;
use crate::yaml::{self, Locations};

pub const MOODS: &[&str] = &[
    "calm",
    "curious",
    "worried",
    "annoyed",
    "angry",
    "pleased",
    "delighted",
];
pub const RATINGS: &[&str] = &["excellent", "acceptable", "poor"];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawScenario {
    title: String,
    #[serde(default)]
    summary: Option<String>,
    #[serde(default)]
    introduction: Option<String>,
    #[serde(default)]
    roles: indexmap_free::Roles,
    #[serde(default = "yes")]
    allow_back: bool,
    start: String,
    #[serde(default)]
    nodes: Vec<RawNode>,
    #[serde(default)]
    endings: Vec<RawEnding>,
    #[serde(default)]
    cards: Option<serde_json::Value>,
}

fn yes() -> bool {
    true
}

/// Roles as written, in order (a map whose order matters).
mod indexmap_free {
    use serde::Deserialize;

    #[derive(Debug, Default)]
    pub struct Roles(pub Vec<(String, super::Role)>);

    impl<'de> Deserialize<'de> for Roles {
        fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct V;
            impl<'de> serde::de::Visitor<'de> for V {
                type Value = Roles;
                fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                    f.write_str("a map of roles, such as `customer: {name: …, description: …}`")
                }
                fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Roles, A::Error> {
                    let mut out = Vec::new();
                    while let Some((k, v)) = map.next_entry::<String, super::Role>()? {
                        out.push((k, v));
                    }
                    Ok(Roles(out))
                }
            }
            d.deserialize_map(V)
        }
    }
}

#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Role {
    pub name: String,
    #[serde(default)]
    pub description: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawNode {
    id: String,
    speaker: String,
    #[serde(default)]
    mood: Option<String>,
    text: String,
    #[serde(default)]
    choices: Vec<RawChoice>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawChoice {
    text: String,
    next: String,
    #[serde(default)]
    feedback: Option<String>,
    #[serde(default)]
    score: i32,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEnding {
    id: String,
    rating: String,
    title: String,
    #[serde(default)]
    debrief: Option<String>,
    /// Not allowed: an ending ends the conversation (read to say so).
    #[serde(default)]
    choices: Option<serde_json::Value>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Scenario {
    pub title: String,
    pub summary: Option<String>,
    pub introduction: Option<String>,
    pub roles: Vec<(String, Role)>,
    pub allow_back: bool,
    /// Index into `nodes`.
    pub start: usize,
    pub nodes: Vec<Node>,
    pub endings: Vec<Ending>,
    pub cards: Option<serde_json::Value>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub id: String,
    pub speaker: String,
    pub mood: Option<String>,
    pub text: String,
    pub choices: Vec<Choice>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Choice {
    pub text: String,
    pub next: Target,
    pub feedback: Option<String>,
    pub score: i32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Node(usize),
    Ending(usize),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Ending {
    pub id: String,
    pub rating: String,
    pub title: String,
    pub debrief: Option<String>,
}

/// Reads and checks a scenario; returns every problem found.
pub fn parse_scenario(file: &SourceFile) -> Result<Scenario, Vec<Diagnostic>> {
    let raw: RawScenario = yaml::parse(file, &file.text, 0).map_err(|d| vec![d])?;
    let mut r = Reporter {
        file,
        loc: Locations::index(&file.text),
        errors: Vec::new(),
    };
    let mut error = |path: &str, message: String, hint: &str| r.error(path, message, hint);
    if raw.title.trim().is_empty() {
        error("title", "scenario title is empty".into(), "");
    }
    // Ids: nodes and endings share one namespace (a choice names either).
    let mut ids: HashMap<&str, Target> = HashMap::new();
    for (i, n) in raw.nodes.iter().enumerate() {
        if ids.insert(n.id.as_str(), Target::Node(i)).is_some() {
            error(
                &format!("nodes.{i}.id"),
                format!("id `{}` is used twice", n.id),
                "give each node and ending its own id",
            );
        }
    }
    for (i, e) in raw.endings.iter().enumerate() {
        if ids.insert(e.id.as_str(), Target::Ending(i)).is_some() {
            error(
                &format!("endings.{i}.id"),
                format!("id `{}` is used twice", e.id),
                "give each node and ending its own id",
            );
        }
        if !RATINGS.contains(&e.rating.as_str()) {
            error(
                &format!("endings.{i}.rating"),
                format!("unknown rating `{}`", e.rating),
                "rating is one of: excellent, acceptable, poor",
            );
        }
        if e.choices.is_some() {
            error(
                &format!("endings.{i}.choices"),
                format!("ending `{}` has choices", e.id),
                "an ending ends the conversation: move the choices to a node",
            );
        }
    }
    if raw.nodes.is_empty() {
        error("nodes", "scenario has no nodes".into(), "add a `nodes:` list");
    }
    if raw.endings.is_empty() {
        error(
            "endings",
            "scenario has no endings".into(),
            "add an `endings:` list",
        );
    }
    let start = match ids.get(raw.start.as_str()) {
        Some(Target::Node(i)) => *i,
        _ => {
            error(
                "start",
                format!("`start: {}` names no node", raw.start),
                "start names the id of the first node",
            );
            0
        }
    };
    let roles: HashSet<&str> = raw.roles.0.iter().map(|(k, _)| k.as_str()).collect();
    let mut nodes = Vec::new();
    for (i, n) in raw.nodes.iter().enumerate() {
        if !roles.contains(n.speaker.as_str()) {
            error(
                &format!("nodes.{i}.speaker"),
                format!("speaker `{}` is not one of the roles", n.speaker),
                "add it under `roles:`",
            );
        }
        if let Some(m) = &n.mood
            && !MOODS.contains(&m.as_str())
        {
            error(
                &format!("nodes.{i}.mood"),
                format!("unknown mood `{m}`"),
                "mood is one of: calm, curious, worried, annoyed, angry, pleased, delighted",
            );
        }
        if n.choices.is_empty() {
            error(
                &format!("nodes.{i}.id"),
                format!("node `{}` has no choices", n.id),
                "a node needs at least one choice; a conversation ends in an ending",
            );
        }
        let mut choices = Vec::new();
        for (j, c) in n.choices.iter().enumerate() {
            match ids.get(c.next.as_str()) {
                Some(t) => choices.push(Choice {
                    text: c.text.clone(),
                    next: *t,
                    feedback: c.feedback.clone(),
                    score: c.score,
                }),
                None => error(
                    &format!("nodes.{i}.choices.{j}.next"),
                    format!("`next: {}` names no node or ending", c.next),
                    "next is the id of a node or an ending of this scenario",
                ),
            }
        }
        nodes.push(Node {
            id: n.id.clone(),
            speaker: n.speaker.clone(),
            mood: n.mood.clone(),
            text: n.text.clone(),
            choices,
        });
    }
    let endings: Vec<Ending> = raw
        .endings
        .iter()
        .map(|e| Ending {
            id: e.id.clone(),
            rating: e.rating.clone(),
            title: e.title.clone(),
            debrief: e.debrief.clone(),
        })
        .collect();
    if r.errors.is_empty() {
        let mut error = |path: &str, message: String, hint: &str| r.error(path, message, hint);
        // Nodes nothing leads to.
        let reached = reachable(&nodes, start);
        for (i, n) in nodes.iter().enumerate() {
            if !reached[i] {
                error(
                    &format!("nodes.{i}.id"),
                    format!("node `{}` is never reached from `start`", n.id),
                    "lead to it from a choice, or delete it",
                );
            }
        }
        // Nodes (and loops) from which no ending can be reached.
        let out = leads_to_an_ending(&nodes);
        for (i, n) in nodes.iter().enumerate() {
            if reached[i] && !out[i] {
                error(
                    &format!("nodes.{i}.id"),
                    format!(
                        "from node `{}` no ending can be reached: the conversation goes round for ever",
                        n.id
                    ),
                    "give one of its choices (or of the nodes it leads to) an ending as `next`",
                );
            }
        }
    }
    if !r.errors.is_empty() {
        return Err(r.errors);
    }
    Ok(Scenario {
        title: raw.title,
        summary: raw.summary,
        introduction: raw.introduction,
        roles: raw.roles.0,
        allow_back: raw.allow_back,
        start,
        nodes,
        endings,
        cards: raw.cards,
    })
}

struct Reporter<'a> {
    file: &'a SourceFile,
    loc: Locations,
    errors: Vec<Diagnostic>,
}

impl Reporter<'_> {
    fn error(&mut self, path: &str, message: String, hint: &str) {
        let d = Diagnostic::error(message).at_offset(
            &self.file.display_path,
            &self.file.text,
            self.loc.offset(path).unwrap_or(0),
        );
        self.errors
            .push(if hint.is_empty() { d } else { d.with_hint(hint) });
    }
}

/// Which nodes a path from `start` reaches.
fn reachable(nodes: &[Node], start: usize) -> Vec<bool> {
    let mut seen = vec![false; nodes.len()];
    let mut queue = VecDeque::from([start]);
    while let Some(i) = queue.pop_front() {
        if i >= nodes.len() || std::mem::replace(&mut seen[i], true) {
            continue;
        }
        for c in &nodes[i].choices {
            if let Target::Node(j) = c.next {
                queue.push_back(j);
            }
        }
    }
    seen
}

/// Which nodes have a path to some ending (a fixed point: a node does when
/// one of its choices is an ending or a node that does).
fn leads_to_an_ending(nodes: &[Node]) -> Vec<bool> {
    let mut out = vec![false; nodes.len()];
    loop {
        let mut changed = false;
        for (i, n) in nodes.iter().enumerate() {
            if !out[i]
                && n.choices.iter().any(|c| match c.next {
                    Target::Ending(_) => true,
                    Target::Node(j) => out[j],
                })
            {
                out[i] = true;
                changed = true;
            }
        }
        if !changed {
            return out;
        }
    }
}

#[cfg(test)]
mod tests;
