//! The scenario as its page template sees it: Markdown already rendered, the
//! script (every node with its choices, every ending) for reading without
//! JavaScript, and the conversation's structure as JSON for the player
//! (templates/scenario.js), which shows the rendered parts and never builds
//! HTML from strings.

use serde::Serialize;
use serde_json::json;

use super::{Rating, Scenario, Target};
use crate::i18n::ScenarioStrings;

#[derive(Debug, Clone, Serialize)]
pub struct ScenarioView {
    pub title: String,
    pub summary: Option<String>,
    pub intro_html: Option<String>,
    pub allow_back: bool,
    /// The rating that completes it (`excellent`, `acceptable`, `poor`).
    pub pass: &'static str,
    /// Which ending completes it, in words.
    pub pass_note: String,
    pub roles: Vec<RoleView>,
    /// The start node first, then the others in the file's order.
    pub nodes: Vec<NodeView>,
    pub endings: Vec<EndingView>,
    pub version: String,
    /// `{start, allowBack, nodes: [{choices: [{next, score}]}], endings:
    /// [{id, rating}], best: [choice…]}`, safe to embed in a `<script>`.
    pub data_json: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct RoleView {
    pub key: String,
    pub name: String,
    pub description: Option<String>,
    /// The learner's own role (`you`).
    pub you: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct NodeView {
    /// Index in the file's order (what the player's JSON refers to).
    pub index: usize,
    pub id: String,
    pub speaker: String,
    pub speaker_name: String,
    pub you: bool,
    pub mood: Option<String>,
    pub mood_label: Option<&'static str>,
    pub text_html: String,
    pub choices: Vec<ChoiceView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ChoiceView {
    pub index: usize,
    pub text_html: String,
    /// Whether the text holds a link of its own (then the script view links
    /// the choice's target beside it, not around it).
    pub has_link: bool,
    pub feedback_html: Option<String>,
    pub score: i32,
    /// The score change as shown (`+2`, `0`, `−1`).
    pub score_label: String,
    /// `n-<id>` or `e-<id>`: the element the choice leads to on the page.
    pub target: String,
    pub target_is_ending: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct EndingView {
    pub index: usize,
    pub id: String,
    pub rating: &'static str,
    pub rating_label: &'static str,
    /// ★★★, ★★☆ or ★☆☆: the rating without reading (and without colour).
    pub stars: &'static str,
    pub title: String,
    pub debrief_html: Option<String>,
    /// Its rating completes the scenario.
    pub passes: bool,
}

/// Renders Markdown for a scenario field: (text, inline, field path for messages).
pub type RenderMarkdown<'a> = dyn FnMut(&str, bool, &str) -> String + 'a;

/// The words for a rating.
pub fn rating_label(r: Rating, t: &ScenarioStrings) -> &'static str {
    match r {
        Rating::Excellent => t.rating_excellent,
        Rating::Acceptable => t.rating_acceptable,
        Rating::Poor => t.rating_poor,
    }
}

pub fn stars(r: Rating) -> &'static str {
    match r {
        Rating::Excellent => "★★★",
        Rating::Acceptable => "★★☆",
        Rating::Poor => "★☆☆",
    }
}

fn mood_label(mood: &str, t: &ScenarioStrings) -> Option<&'static str> {
    Some(match mood {
        "calm" => t.mood_calm,
        "curious" => t.mood_curious,
        "worried" => t.mood_worried,
        "annoyed" => t.mood_annoyed,
        "angry" => t.mood_angry,
        "pleased" => t.mood_pleased,
        "delighted" => t.mood_delighted,
        _ => return None,
    })
}

/// A score change as shown: `+2`, `0`, `−1` (a real minus sign).
pub fn signed(n: i32) -> String {
    match n {
        n if n > 0 => format!("+{n}"),
        n if n < 0 => format!("\u{2212}{}", n.unsigned_abs()),
        _ => "0".to_string(),
    }
}

pub fn scenario_view(s: &Scenario, md: &mut RenderMarkdown, t: &ScenarioStrings) -> ScenarioView {
    let role = |key: &str| s.roles.iter().find(|(k, _)| k == key).map(|(_, r)| r);
    let target = |t: Target| match t {
        Target::Node(i) => (format!("n-{}", s.nodes[i].id), false),
        Target::Ending(i) => (format!("e-{}", s.endings[i].id), true),
    };
    let mut order: Vec<usize> = vec![s.start];
    order.extend((0..s.nodes.len()).filter(|&i| i != s.start));
    let nodes = order
        .into_iter()
        .map(|i| {
            let n = &s.nodes[i];
            NodeView {
                index: i,
                id: n.id.clone(),
                speaker: n.speaker.clone(),
                speaker_name: role(&n.speaker).map_or_else(|| n.speaker.clone(), |r| r.name.clone()),
                you: n.speaker == "you",
                mood: n.mood.clone(),
                mood_label: n.mood.as_deref().and_then(|m| mood_label(m, t)),
                text_html: md(&n.text, true, &format!("nodes.{i}.text")),
                choices: n
                    .choices
                    .iter()
                    .enumerate()
                    .map(|(j, c)| {
                        let text_html = md(&c.text, true, &format!("nodes.{i}.choices.{j}.text"));
                        let (target, target_is_ending) = target(c.next);
                        ChoiceView {
                            index: j,
                            has_link: text_html.contains("<a "),
                            text_html,
                            feedback_html: c
                                .feedback
                                .as_deref()
                                .map(|f| md(f, false, &format!("nodes.{i}.choices.{j}.feedback"))),
                            score: c.score,
                            score_label: signed(c.score),
                            target,
                            target_is_ending,
                        }
                    })
                    .collect(),
            }
        })
        .collect();
    let endings = s
        .endings
        .iter()
        .enumerate()
        .map(|(i, e)| EndingView {
            index: i,
            id: e.id.clone(),
            rating: e.rating.name(),
            rating_label: rating_label(e.rating, t),
            stars: stars(e.rating),
            title: e.title.clone(),
            debrief_html: e
                .debrief
                .as_deref()
                .map(|d| md(d, false, &format!("endings.{i}.debrief"))),
            passes: e.rating >= s.pass,
        })
        .collect();
    let data = json!({
        "start": s.start,
        "allowBack": s.allow_back,
        "pass": s.pass.name(),
        "nodes": s.nodes.iter().map(|n| json!({
            "id": n.id,
            "choices": n.choices.iter().map(|c| json!({
                "next": match c.next {
                    Target::Node(i) => json!(["node", i]),
                    Target::Ending(i) => json!(["ending", i]),
                },
                "score": c.score,
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "endings": s.endings.iter().map(|e| json!({"id": e.id, "rating": e.rating.name()})).collect::<Vec<_>>(),
        "best": s.best_path,
    });
    ScenarioView {
        title: s.title.clone(),
        summary: s.summary.clone(),
        intro_html: s.introduction.as_deref().map(|t| md(t, false, "introduction")),
        allow_back: s.allow_back,
        pass: s.pass.name(),
        pass_note: t.pass_note.replace("{rating}", rating_label(s.pass, t)),
        roles: s
            .roles
            .iter()
            .map(|(k, r)| RoleView {
                key: k.clone(),
                name: r.name.clone(),
                description: r.description.clone(),
                you: k == "you",
            })
            .collect(),
        nodes,
        endings,
        version: s.version.clone(),
        data_json: crate::quiz::view::script_safe_json(&data),
    }
}

/// What the progress page and the SCORM runtime need to read a scenario's
/// saved record: `{version, pass, endings: {"<id>": rating}}`.
pub fn scenario_meta(s: &Scenario) -> serde_json::Value {
    let endings: serde_json::Map<String, serde_json::Value> = s
        .endings
        .iter()
        .map(|e| (e.id.clone(), e.rating.name().into()))
        .collect();
    json!({
        "version": s.version,
        "pass": s.pass.name(),
        "endings": endings,
    })
}
