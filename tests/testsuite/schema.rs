//! The JSON Schemas accept every quiz and front matter the bundled course and
//! the fixtures use, and reject what the parser rejects. A small validator for
//! the subset of JSON Schema the schemas use keeps the test self-contained.

use serde_json::Value;

fn type_ok(t: &str, v: &Value) -> bool {
    match t {
        "object" => v.is_object(),
        "array" => v.is_array(),
        "string" => v.is_string(),
        "integer" => v.as_f64().is_some_and(|f| f.fract() == 0.0),
        "number" => v.is_number(),
        "boolean" => v.is_boolean(),
        "null" => v.is_null(),
        other => panic!("validator does not know type {other}"),
    }
}

/// Returns the problems of `v` against `schema`, with JSON-pointer-like paths.
fn validate(schema: &Value, v: &Value, path: &str, out: &mut Vec<String>) {
    let s = schema.as_object().expect("schema is an object");
    for key in s.keys() {
        assert!(
            [
                "$schema",
                "title",
                "description",
                "default",
                "type",
                "enum",
                "const",
                "properties",
                "required",
                "additionalProperties",
                "items",
                "minItems",
                "maxItems",
                "minimum",
                "maximum",
                "allOf",
                "if",
                "then",
                "pattern"
            ]
            .contains(&key.as_str()),
            "schema uses `{key}`, which this validator does not check"
        );
    }
    if let Some(t) = s.get("type") {
        let ok = match t {
            Value::String(t) => type_ok(t, v),
            Value::Array(ts) => ts.iter().any(|t| type_ok(t.as_str().unwrap(), v)),
            _ => panic!("bad type"),
        };
        if !ok {
            out.push(format!("{path}: expected {t}, got {v}"));
            return;
        }
    }
    if let Some(Value::Array(e)) = s.get("enum")
        && !e.contains(v)
    {
        out.push(format!("{path}: {v} not in {e:?}"));
    }
    if let Some(c) = s.get("const")
        && c != v
    {
        out.push(format!("{path}: {v} != {c}"));
    }
    if let Some(min) = s.get("minimum").and_then(Value::as_f64)
        && v.as_f64().is_some_and(|x| x < min)
    {
        out.push(format!("{path}: below {min}"));
    }
    if let Some(max) = s.get("maximum").and_then(Value::as_f64)
        && v.as_f64().is_some_and(|x| x > max)
    {
        out.push(format!("{path}: above {max}"));
    }
    if let Some(pattern) = s.get("pattern").and_then(Value::as_str)
        && let Some(text) = v.as_str()
        && pattern == "^[a-z0-9]+(-[a-z0-9]+)*$"
        && !text
            .split('-')
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()))
    {
        out.push(format!("{path}: `{text}` does not match {pattern}"));
    }
    if let Value::Object(map) = v {
        let props = s.get("properties").and_then(Value::as_object);
        for req in s.get("required").and_then(Value::as_array).into_iter().flatten() {
            if !map.contains_key(req.as_str().unwrap()) {
                out.push(format!("{path}: missing {req}"));
            }
        }
        for (k, val) in map {
            match props.and_then(|p| p.get(k)) {
                Some(sub) => validate(sub, val, &format!("{path}/{k}"), out),
                None => match s.get("additionalProperties") {
                    Some(Value::Bool(false)) => out.push(format!("{path}: unexpected property {k}")),
                    Some(sub @ Value::Object(_)) => validate(sub, val, &format!("{path}/{k}"), out),
                    _ => {}
                },
            }
        }
    }
    if let Value::Array(items) = v {
        if let Some(min) = s.get("minItems").and_then(Value::as_u64)
            && (items.len() as u64) < min
        {
            out.push(format!("{path}: fewer than {min} items"));
        }
        if let Some(max) = s.get("maxItems").and_then(Value::as_u64)
            && (items.len() as u64) > max
        {
            out.push(format!("{path}: more than {max} items"));
        }
        if let Some(item_schema) = s.get("items") {
            for (i, it) in items.iter().enumerate() {
                validate(item_schema, it, &format!("{path}/{i}"), out);
            }
        }
    }
    for sub in s.get("allOf").and_then(Value::as_array).into_iter().flatten() {
        validate(sub, v, path, out);
    }
    if let Some(cond) = s.get("if") {
        let mut probe = Vec::new();
        validate(cond, v, path, &mut probe);
        if probe.is_empty()
            && let Some(then) = s.get("then")
        {
            validate(then, v, path, out);
        }
    }
}

fn yaml_to_json(text: &str) -> Value {
    coursegen::yaml::parse_str(text).expect("valid YAML")
}

fn problems(kind: &str, doc: &Value) -> Vec<String> {
    let schema = coursegen::schema::schema(kind).expect("known kind");
    let mut out = Vec::new();
    validate(&schema, doc, "", &mut out);
    out
}

fn front_matter(text: &str) -> Value {
    let rest = text.strip_prefix("---\n").expect("front matter");
    let end = rest.find("\n---").expect("closed");
    yaml_to_json(&rest[..end])
}

#[test]
fn every_bundled_and_fixture_file_is_accepted() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut checked = 0;
    for dir in ["course", "tests/fixtures/basic/course"] {
        for entry in walkdir::WalkDir::new(root.join(dir))
            .into_iter()
            .filter_map(Result::ok)
        {
            let path = entry.path();
            let name = path.file_name().unwrap().to_string_lossy();
            let text = std::fs::read_to_string(path).unwrap_or_default();
            let depth = entry.depth();
            let (kind, doc) = match (name.as_ref(), depth) {
                (n, _) if n == "quiz.yaml" || n.ends_with(".quiz.yaml") => ("quiz", yaml_to_json(&text)),
                (n, _) if n.ends_with(".scenario.yaml") => ("scenario", yaml_to_json(&text)),
                ("course.yaml", 1) => ("course", yaml_to_json(&text)),
                ("index.md", 2) => ("module", front_matter(&text)),
                (n, 2) if n.ends_with(".md") => ("lesson", front_matter(&text)),
                (n, 1) if n.ends_with(".md") => ("page", front_matter(&text)),
                _ => continue,
            };
            let p = problems(kind, &doc);
            assert!(p.is_empty(), "{}: {p:#?}", path.display());
            checked += 1;
        }
    }
    assert!(checked > 60, "only {checked} files checked");
}

#[test]
fn schema_rejects_what_the_parser_rejects() {
    let bad = [
        "title: t\nquestions:\n  - {id: a, type: single, prompt: p}\n",
        "title: t\nquestions:\n  - {id: a, type: essay, prompt: p}\n",
        "title: t\nquestions:\n  - {id: A_1, type: true-false, prompt: p, answer: true}\n",
        "title: t\npass_mark: 120\nquestions:\n  - {id: a, type: true-false, prompt: p, answer: true}\n",
        "title: t\nquestions:\n  - {id: a, type: true-false, promt: p, answer: true}\n",
        "title: t\nquestions: []\n",
    ];
    for text in bad {
        assert!(
            !problems("quiz", &yaml_to_json(text)).is_empty(),
            "accepted: {text}"
        );
    }
    assert!(!problems("lesson", &yaml_to_json("titel: x")).is_empty());
    assert!(!problems("page", &yaml_to_json("title: x\nplacement: middle")).is_empty());
    let scenario = "title: t\nroles:\n  customer: {name: c}\nstart: a\nnodes:\n  - id: a\n    speaker: customer\n    text: hi\n    choices:\n      - {text: x, next: e}\nendings:\n  - {id: e, rating: excellent, title: ok}\n";
    assert!(problems("scenario", &yaml_to_json(scenario)).is_empty());
    for (from, to) in [
        ("rating: excellent", "rating: great"),
        ("{name: c}", "{nom: c}"),
        ("    text: hi\n", "    text: hi\n    mood: furious\n"),
        ("{text: x, next: e}", "{text: x, nxt: e}"),
        ("title: t\n", "title: t\npass: perfect\n"),
    ] {
        let bad = scenario.replace(from, to);
        assert!(
            !problems("scenario", &yaml_to_json(&bad)).is_empty(),
            "accepted: {bad}"
        );
        assert!(
            coursegen::scenario::parse_scenario(&coursegen::source::SourceFile::new(
                "a/01-s.scenario.yaml",
                "a/01-s.scenario.yaml",
                bad.as_str()
            ))
            .is_err(),
            "the parser accepts what the schema rejects: {bad}"
        );
    }
}

#[test]
fn unknown_kind_has_no_schema() {
    assert!(coursegen::schema::schema("nope").is_none());
    for kind in coursegen::schema::KINDS {
        assert!(coursegen::schema::schema(kind).is_some());
    }
}
