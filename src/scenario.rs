//! Role-play scenarios (`NN-slug.scenario.yaml`, issue 20): a conversation as
//! nodes (who speaks, what they say, the learner's choices) leading to
//! endings with a rating and a debrief. This module reads and checks a
//! scenario file (every problem comes with its line) and works out its best
//! path; the page, the progress records and the print cards read the result.

use std::collections::{HashMap, HashSet, VecDeque};

use serde::Deserialize;

use crate::diagnostic::Diagnostic;
use crate::source::SourceFile;
use crate::yaml::{self, Locations};

pub mod view;

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

/// How well an ending went; ordered, poor < acceptable < excellent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Rating {
    Poor,
    Acceptable,
    Excellent,
}

impl Rating {
    pub fn from_name(name: &str) -> Option<Rating> {
        match name {
            "poor" => Some(Rating::Poor),
            "acceptable" => Some(Rating::Acceptable),
            "excellent" => Some(Rating::Excellent),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Rating::Poor => "poor",
            Rating::Acceptable => "acceptable",
            Rating::Excellent => "excellent",
        }
    }
}

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
    /// The rating an ending needs for the scenario to count as done.
    #[serde(default)]
    pass: Option<String>,
    start: String,
    #[serde(default)]
    nodes: Vec<RawNode>,
    #[serde(default)]
    endings: Vec<RawEnding>,
    #[serde(default)]
    cards: Option<Cards>,
}

/// The role-play cards of the trainer print edition.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Cards {
    #[serde(default)]
    pub customer: Option<CustomerCard>,
    #[serde(default)]
    pub employee: Option<EmployeeCard>,
    /// What the observer watches for, one line each.
    #[serde(default)]
    pub observer: Vec<String>,
    #[serde(default)]
    pub debrief_questions: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct CustomerCard {
    #[serde(default)]
    pub situation: Option<String>,
    #[serde(default)]
    pub mood: Option<String>,
    #[serde(default)]
    pub wants: Option<String>,
    #[serde(default)]
    pub reacts_well: Option<String>,
    #[serde(default)]
    pub reacts_poorly: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct EmployeeCard {
    #[serde(default)]
    pub situation: Option<String>,
    #[serde(default)]
    pub goal: Option<String>,
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
    /// An ending at this rating or better completes the scenario.
    pub pass: Rating,
    /// Index into `nodes`.
    pub start: usize,
    pub nodes: Vec<Node>,
    pub endings: Vec<Ending>,
    pub cards: Cards,
    /// The choices (an index per node passed) of the best path: to the best
    /// rated ending, with the highest score, then the fewest steps.
    pub best_path: Vec<usize>,
    /// Changes when the conversation's structure changes (ids, choices and
    /// where they lead), so a saved unfinished play is only resumed in the
    /// scenario it was played in.
    pub version: String,
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
    pub rating: Rating,
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
            rating: Rating::from_name(&e.rating).unwrap_or(Rating::Poor),
            title: e.title.clone(),
            debrief: e.debrief.clone(),
        })
        .collect();
    let pass = match raw.pass.as_deref() {
        None => Rating::Acceptable,
        Some(name) => Rating::from_name(name).unwrap_or_else(|| {
            error(
                "pass",
                format!("unknown rating `{name}`"),
                "pass is one of: excellent, acceptable, poor",
            );
            Rating::Acceptable
        }),
    };
    if !endings.is_empty() && endings.iter().all(|e| e.rating < pass) {
        error(
            "pass",
            format!(
                "no ending is rated `{}` or better, so no learner can complete this scenario",
                pass.name()
            ),
            "rate an ending at least that well, or lower `pass:`",
        );
    }
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
        // One error for all of them, at the first: they are one problem.
        let out = leads_to_an_ending(&nodes);
        let stuck: Vec<usize> = (0..nodes.len()).filter(|&i| reached[i] && !out[i]).collect();
        if let Some((&first, others)) = stuck.split_first() {
            let line = |i: usize| {
                let offset = r.loc.offset(&format!("nodes.{i}.id")).unwrap_or(0);
                file.text[..offset.min(file.text.len())].matches('\n').count() + 1
            };
            let also = if others.is_empty() {
                String::new()
            } else {
                let list: Vec<String> = others
                    .iter()
                    .map(|&i| format!("`{}` at line {}", nodes[i].id, line(i)))
                    .collect();
                format!(" (nor from {})", list.join(", "))
            };
            r.error(
                &format!("nodes.{first}.id"),
                format!(
                    "no ending can be reached from node `{}`{also}: the conversation goes round for ever",
                    nodes[first].id
                ),
                "give one of their choices an ending as `next`",
            );
        }
    }
    if !r.errors.is_empty() {
        return Err(r.errors);
    }
    let version = version_of(&nodes, &endings, start);
    let best_path = best_path(&nodes, &endings, start);
    Ok(Scenario {
        title: raw.title,
        summary: raw.summary,
        introduction: raw.introduction,
        roles: raw.roles.0,
        allow_back: raw.allow_back,
        pass,
        start,
        nodes,
        endings,
        cards: raw.cards.unwrap_or_default(),
        best_path,
        version,
    })
}

/// Where a play goes: the nodes passed (with the choice made at each), the
/// score so far and the ending, if reached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Walk {
    /// `(node, choice)` for every step taken.
    pub steps: Vec<(usize, usize)>,
    /// The node the learner is at (`None` once at an ending).
    pub at: Option<usize>,
    pub ending: Option<usize>,
    pub score: i32,
}

/// Follows `choices` (a choice index per node) from the start; stops at the
/// first index that does not exist or at an ending. templates/scenario-core.js
/// has the same function; tests/data/scenario_vectors.json checks both.
pub fn walk(nodes: &[Node], start: usize, choices: &[usize]) -> Walk {
    let mut w = Walk {
        steps: Vec::new(),
        at: Some(start).filter(|&s| s < nodes.len()),
        ending: None,
        score: 0,
    };
    for &c in choices {
        let Some(at) = w.at else { break };
        let Some(choice) = nodes[at].choices.get(c) else {
            break;
        };
        w.steps.push((at, c));
        w.score = w.score.saturating_add(choice.score);
        match choice.next {
            Target::Node(n) => w.at = Some(n),
            Target::Ending(e) => {
                w.at = None;
                w.ending = Some(e);
            }
        }
    }
    w
}

/// Paths tried at most when looking for the best path; scenarios written by
/// hand have a few dozen, and a larger graph gets the best path found so far.
const BEST_PATH_BUDGET: usize = 200_000;
/// Steps a best path may take at most (the search recurses once a step).
const MAX_DEPTH: usize = 1_000;

/// The best path: of the paths from `start` that pass no node twice, the
/// one to the best rated ending, then with the highest score, then the
/// shortest (the first in choice order on a tie).
pub fn best_path(nodes: &[Node], endings: &[Ending], start: usize) -> Vec<usize> {
    /// Better rating, then higher score, then fewer steps.
    type PathRank = (Rating, i32, std::cmp::Reverse<usize>);
    struct Search<'a> {
        nodes: &'a [Node],
        endings: &'a [Ending],
        on_path: Vec<bool>,
        path: Vec<usize>,
        best: Option<(PathRank, Vec<usize>)>,
        budget: usize,
    }
    impl Search<'_> {
        fn go(&mut self, at: usize, score: i32) {
            if self.budget == 0 || self.path.len() >= MAX_DEPTH {
                return;
            }
            self.budget -= 1;
            self.on_path[at] = true;
            for (i, c) in self.nodes[at].choices.iter().enumerate() {
                self.path.push(i);
                let score = score.saturating_add(c.score);
                match c.next {
                    Target::Ending(e) => {
                        let key = (self.endings[e].rating, score, std::cmp::Reverse(self.path.len()));
                        if self.best.as_ref().is_none_or(|(k, _)| key > *k) {
                            self.best = Some((key, self.path.clone()));
                        }
                    }
                    Target::Node(n) if !self.on_path[n] => self.go(n, score),
                    Target::Node(_) => {}
                }
                self.path.pop();
            }
            self.on_path[at] = false;
        }
    }
    if start >= nodes.len() {
        return Vec::new();
    }
    let mut s = Search {
        nodes,
        endings,
        on_path: vec![false; nodes.len()],
        path: Vec::new(),
        best: None,
        budget: BEST_PATH_BUDGET,
    };
    s.go(start, 0);
    s.best.map(|(_, p)| p).unwrap_or_default()
}

/// FNV-1a over the ids and where every choice leads.
fn version_of(nodes: &[Node], endings: &[Ending], start: usize) -> String {
    let mut text = format!("{start};");
    for n in nodes {
        text.push_str(&n.id);
        for c in &n.choices {
            text.push_str(&match c.next {
                Target::Node(i) => format!(",n{i}"),
                Target::Ending(i) => format!(",e{i}"),
            });
        }
        text.push(';');
    }
    for e in endings {
        text.push_str(&e.id);
        text.push(';');
    }
    crate::quiz::fnv_hex(&text)
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

/// Which nodes have a path to some ending: a walk backwards from the nodes
/// with a choice that ends, over the choices reversed (linear in the
/// choices, whatever the order of the nodes).
fn leads_to_an_ending(nodes: &[Node]) -> Vec<bool> {
    let mut into: Vec<Vec<usize>> = vec![Vec::new(); nodes.len()];
    let mut out = vec![false; nodes.len()];
    let mut queue = VecDeque::new();
    for (i, n) in nodes.iter().enumerate() {
        for c in &n.choices {
            match c.next {
                Target::Ending(_) => {
                    if !std::mem::replace(&mut out[i], true) {
                        queue.push_back(i);
                    }
                }
                Target::Node(j) if j < nodes.len() => into[j].push(i),
                Target::Node(_) => {}
            }
        }
    }
    while let Some(j) = queue.pop_front() {
        for &i in &into[j] {
            if !std::mem::replace(&mut out[i], true) {
                queue.push_back(i);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests;
