//! JSON Schemas for the files trainers write, so that editors (e.g. VS Code's
//! YAML extension) complete and check them while typing. They mirror the
//! serde structs of `parse` and `quiz`; a test keeps both in step.

use serde_json::{Value, json};

use crate::model::Completion;
use crate::quiz::{QUESTION_TYPES, Reveal};
use crate::scenario::{MOODS, RATINGS};

pub const KINDS: &[&str] = &["quiz", "scenario", "course", "lesson", "module", "page"];

pub fn schema(kind: &str) -> Option<Value> {
    let s = match kind {
        "quiz" => quiz(),
        "scenario" => scenario(),
        "course" => object(
            "course.yaml",
            json!({
                "id": {"type": "string", "pattern": "^[A-Za-z0-9_.-]{1,64}$", "description": "Stable course id: names the learners' saved progress; never change it once published"},
                "completion": {"enum": Completion::NAMES, "default": "lessons-and-quizzes", "description": "What completes the course and unlocks the certificate"},
                "calculator": {"type": "boolean", "default": false, "description": "Add the built-in NPS / CSI calculator page (calculator.html) to the site"},
                "slides": {"type": "boolean", "default": true, "description": "false: no slide decks (and no slide warnings), e.g. for a book read on screen"},
                "schedule": {
                    "type": "object",
                    "description": "The workshop's days, for the facilitator guide's agenda",
                    "additionalProperties": false,
                    "required": ["days", "start", "end"],
                    "properties": {
                        "days": {"type": "integer", "minimum": 1},
                        "start": {"type": "string", "pattern": "^[0-2]?[0-9]:[0-5][0-9]$"},
                        "end": {"type": "string", "pattern": "^[0-2]?[0-9]:[0-5][0-9]$"},
                        "lunch": {"type": "object", "additionalProperties": false, "required": ["at", "minutes"], "properties": {"at": {"type": "string", "pattern": "^[0-2]?[0-9]:[0-5][0-9]$"}, "minutes": {"type": "integer", "minimum": 0}}},
                        "breaks": {"type": "array", "items": {"type": "object", "additionalProperties": false, "required": ["at", "minutes"], "properties": {"at": {"type": "string", "pattern": "^[0-2]?[0-9]:[0-5][0-9]$"}, "minutes": {"type": "integer", "minimum": 0}}}},
                    },
                },
                "title": text("Course title"),
                "subtitle": text("Subtitle"),
                "language": {"type": "string", "description": "BCP 47 language tag", "default": "zh-CN"},
                "authors": {"type": "array", "items": {"type": "string"}},
                "description": text("One or two sentences for the home page"),
                "base_url": {"type": "string", "pattern": "^https?://[^/?#]+", "description": "Public URL of the site, for canonical links"},
                "allowed_remote_hosts": {"type": "array", "items": {"type": "string", "pattern": "^(\\*\\.)?[^/:@?#\\s]+$"}, "description": "Hosts that pages may load images, media, frames or scripts from without a warning, e.g. www.youtube-nocookie.com (`*.example.org`: every host under example.org)"},
            }),
            &["title"],
        ),
        "lesson" => object(
            "Lesson front matter",
            json!({
                "title": text("Lesson title"),
                "summary": text("One sentence shown in lists"),
                "order": {"type": "integer", "minimum": 0, "description": "Overrides the file name's number prefix"},
                "duration_minutes": {"type": "integer", "minimum": 0, "description": "Classroom minutes, for the facilitator guide's agenda"},
                "slides": {"type": "boolean", "default": true, "description": "false keeps the lesson off its module's slide deck"},
            }),
            &["title"],
        ),
        "module" => object(
            "Module front matter (index.md)",
            json!({
                "title": text("Module title"),
                "summary": text("One sentence shown on the home page"),
                "objectives": {"type": "array", "items": {"type": "string"}, "description": "Learning objectives"},
                "duration_minutes": {"type": "integer", "minimum": 0},
            }),
            &["title"],
        ),
        "page" => object(
            "Root page front matter",
            json!({
                "title": text("Page title"),
                "summary": text("One sentence"),
                "placement": {"enum": ["before", "after"], "default": "after", "description": "Listed before or after the modules"},
            }),
            &["title"],
        ),
        _ => return None,
    };
    Some(s)
}

fn text(description: &str) -> Value {
    json!({"type": "string", "description": description})
}

fn object(title: &str, properties: Value, required: &[&str]) -> Value {
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": title,
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": false,
    })
}

fn scenario() -> Value {
    let id = json!({"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"});
    let rating = json!({"enum": RATINGS});
    let strings = json!({"type": "array", "items": {"type": "string"}});
    let lines = |names: &[(&str, &str)]| -> Value {
        let props: serde_json::Map<String, Value> =
            names.iter().map(|(k, d)| (k.to_string(), text(d))).collect();
        json!({"type": "object", "additionalProperties": false, "properties": props})
    };
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "coursegen NN-slug.scenario.yaml",
        "type": "object",
        "properties": {
            "title": text("Scenario title"),
            "summary": text("One sentence shown in lists"),
            "introduction": text("Markdown: the situation, shown before the conversation"),
            "roles": {
                "type": "object",
                "description": "Who speaks, by key; `you` is the learner",
                "additionalProperties": {
                    "type": "object",
                    "additionalProperties": false,
                    "required": ["name"],
                    "properties": {"name": text("Shown beside what the role says"), "description": text("Who they are")},
                },
            },
            "allow_back": {"type": "boolean", "default": true, "description": "The learner may go back one step"},
            "pass": {"enum": RATINGS, "default": "acceptable", "description": "An ending rated this or better completes the scenario"},
            "start": {"type": "string", "description": "Id of the first node"},
            "nodes": {
                "type": "array",
                "minItems": 1,
                "items": {
                    "type": "object",
                    "additionalProperties": false,
                    "required": ["id", "speaker", "text", "choices"],
                    "properties": {
                        "id": id,
                        "speaker": text("A key of `roles`"),
                        "mood": {"enum": MOODS},
                        "text": text("Inline Markdown: what they say"),
                        "choices": {
                            "type": "array",
                            "minItems": 1,
                            "items": {
                                "type": "object",
                                "additionalProperties": false,
                                "required": ["text", "next"],
                                "properties": {
                                    "text": text("Inline Markdown: what the learner says"),
                                    "next": text("Id of a node or an ending"),
                                    "feedback": text("Markdown shown after choosing"),
                                    "score": {"type": "integer", "default": 0, "description": "Score change, e.g. -2 … 2"},
                                },
                            },
                        },
                    },
                },
            },
            "endings": {
                "type": "array",
                "minItems": 1,
                "items": {
                    "type": "object",
                    "additionalProperties": false,
                    "required": ["id", "rating", "title"],
                    "properties": {
                        "id": id,
                        "rating": rating,
                        "title": text("Ending title"),
                        "debrief": text("Markdown: what went well, what the course says"),
                    },
                },
            },
            "cards": {
                "type": "object",
                "description": "Role-play cards for the trainer print edition",
                "additionalProperties": false,
                "properties": {
                    "customer": lines(&[("situation", "What happened, told to the customer"), ("mood", "How they feel"), ("wants", "What they want"), ("reacts_well", "How they react to good answers"), ("reacts_poorly", "How they react to poor answers")]),
                    "employee": lines(&[("situation", "What the employee knows and may do"), ("goal", "What a good outcome is")]),
                    "observer": strings.clone(),
                    "debrief_questions": strings,
                },
            },
        },
        "required": ["title", "start", "nodes", "endings"],
        "additionalProperties": false,
    })
}

fn quiz() -> Value {
    let choice = json!({
        "type": "object",
        "properties": {
            "text": {"type": ["string", "number", "boolean"], "description": "Inline Markdown"},
            "correct": {"type": "boolean", "default": false},
            "feedback": text("Shown when this option is chosen"),
        },
        "required": ["text"],
        "additionalProperties": false,
    });
    let scalar = json!({"type": ["string", "number", "boolean"]});
    let uses = |t: &str, required: &[&str]| json!({"if": {"properties": {"type": {"const": t}}, "required": ["type"]}, "then": {"required": required}});
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "coursegen quiz.yaml",
        "type": "object",
        "properties": {
            "title": text("Quiz title"),
            "pass_mark": {"type": "integer", "minimum": 0, "maximum": 100, "default": 70},
            "shuffle": {"type": "boolean", "default": true, "description": "Shuffle options per attempt"},
            "reveal": {"enum": Reveal::NAMES, "default": "after-submit", "description": "When learners see the correct answers"},
            "questions": {
                "type": "array",
                "minItems": 1,
                "items": {
                    "type": "object",
                    "properties": {
                        "id": {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"},
                        "type": {"enum": QUESTION_TYPES},
                        "prompt": text("Inline Markdown"),
                        "explanation": text("Markdown shown after checking"),
                        "options": {"type": "array", "minItems": 2, "items": choice},
                        "answers": {"type": "array", "minItems": 1, "items": scalar},
                        "answer": {"type": ["number", "boolean"]},
                        "tolerance": {"type": "number", "minimum": 0},
                        "items": {"type": "array", "minItems": 2, "items": scalar},
                        "pairs": {"type": "array", "minItems": 2, "items": {"type": "array", "minItems": 2, "maxItems": 2, "items": scalar}},
                        "feedback": text("true-false: shown when the answer is wrong"),
                        "shuffle": {"type": "boolean", "description": "Overrides the quiz's shuffle (single, multiple, ordering, matching)"},
                    },
                    "required": ["id", "type", "prompt"],
                    "additionalProperties": false,
                    "allOf": [
                        uses("single", &["options"]),
                        uses("multiple", &["options"]),
                        uses("true-false", &["answer"]),
                        uses("fill-in", &["answers"]),
                        uses("numeric", &["answer"]),
                        uses("ordering", &["items"]),
                        uses("matching", &["pairs"]),
                    ],
                },
            },
        },
        "required": ["title", "questions"],
        "additionalProperties": false,
    })
}
