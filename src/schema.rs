//! JSON Schemas for the files trainers write, so that editors (e.g. VS Code's
//! YAML extension) complete and check them while typing. They mirror the
//! serde structs of `parse` and `quiz`; a test keeps both in step.

use serde_json::{Value, json};

use crate::model::Completion;
use crate::quiz::{QUESTION_TYPES, Reveal};

pub const KINDS: &[&str] = &["quiz", "course", "lesson", "module", "page"];

pub fn schema(kind: &str) -> Option<Value> {
    let s = match kind {
        "quiz" => quiz(),
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
