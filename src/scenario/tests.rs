use super::*;

fn parse(text: &str) -> Result<Scenario, Vec<(usize, String)>> {
    parse_scenario(&SourceFile::new(
        "01-a/05-s.scenario.yaml",
        "course/01-a/05-s.scenario.yaml",
        text,
    ))
    .map_err(|ds| ds.iter().map(|d| (d.line, d.message.clone())).collect())
}

const GOOD: &str = "title: t
roles:
  customer: {name: 客户}
  you: {name: 客服}
start: a
nodes:
  - id: a
    speaker: customer
    mood: angry
    text: 你好
    choices:
      - {text: 一, next: b, score: 2}
      - {text: 二, next: bad, score: -2}
  - id: b
    speaker: customer
    text: 嗯
    choices:
      - {text: 三, next: good, score: 1}
endings:
  - {id: good, rating: excellent, title: 好}
  - {id: bad, rating: poor, title: 差}
";

#[test]
fn a_good_scenario_reads_in_order() {
    let s = parse(GOOD).unwrap();
    assert_eq!(s.nodes.len(), 2);
    assert_eq!(s.nodes[0].choices[0].next, Target::Node(1));
    assert_eq!(s.nodes[0].choices[1].next, Target::Ending(1));
    assert_eq!(s.roles[0].0, "customer");
    assert!(s.allow_back);
}

#[test]
fn every_structural_problem_has_its_line() {
    let cases = [
        (
            GOOD.replace("next: b,", "next: nowhere,"),
            (12, "`next: nowhere` names no node or ending"),
        ),
        (
            GOOD.replace("  - id: b\n", "  - id: a\n"),
            (14, "id `a` is used twice"),
        ),
        (
            GOOD.replace("next: b, score: 2", "next: good, score: 2"),
            (14, "node `b` is never reached from `start`"),
        ),
        (
            GOOD.replace(
                "{text: 三, next: good, score: 1}",
                "{text: 三, next: b, score: 1}",
            ),
            (
                14,
                "no ending can be reached from node `b`: the conversation goes round for ever",
            ),
        ),
        (
            GOOD.replace(
                "  - {id: bad, rating: poor, title: 差}",
                "  - {id: bad, rating: poor, title: 差, choices: [x]}",
            ),
            (21, "ending `bad` has choices"),
        ),
        (
            GOOD.replace("    choices:\n      - {text: 三, next: good, score: 1}\n", ""),
            (14, "node `b` has no choices"),
        ),
        (
            GOOD.replace("speaker: customer\n    text: 嗯", "speaker: boss\n    text: 嗯"),
            (15, "speaker `boss` is not one of the roles"),
        ),
    ];
    for (text, (line, message)) in cases {
        let errors = parse(&text).unwrap_err();
        assert!(
            errors.iter().any(|(l, m)| *l == line && m == message),
            "wanted {line}: {message}, got {errors:?}"
        );
    }
}

/// The bundled course's scenarios (drafted for issue 20) read without a problem.
#[test]
fn the_bundled_scenarios_are_valid() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("course");
    let mut n = 0;
    for entry in walkdir::WalkDir::new(&root).into_iter().filter_map(Result::ok) {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !name.ends_with(".scenario.yaml") {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).unwrap();
        let s = parse(&text).unwrap_or_else(|e| panic!("{name}: {e:?}"));
        assert!(s.nodes.len() >= 8 && s.endings.len() >= 3, "{name}");
        let best = walk(&s.nodes, s.start, &s.best_path);
        let ending = best.ending.map(|e| s.endings[e].rating);
        assert_eq!(ending, Some(Rating::Excellent), "{name}: the best path");
        let c = &s.cards;
        assert!(
            c.customer.is_some()
                && c.employee.is_some()
                && !c.observer.is_empty()
                && !c.debrief_questions.is_empty(),
            "{name}: role-play cards"
        );
        n += 1;
    }
    assert_eq!(n, 4);
}

/// The scenario as its page holds it (`data` of a vector) as nodes and endings.
fn from_data(data: &serde_json::Value) -> (Vec<Node>, Vec<Ending>, usize) {
    let target = |v: &serde_json::Value| match (v[0].as_str().unwrap(), v[1].as_u64().unwrap() as usize) {
        ("node", i) => Target::Node(i),
        ("ending", i) => Target::Ending(i),
        (k, _) => panic!("unknown target kind {k}"),
    };
    let nodes = data["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| Node {
            id: n["id"].as_str().unwrap().to_string(),
            speaker: "customer".into(),
            mood: None,
            text: String::new(),
            choices: n["choices"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| Choice {
                    text: String::new(),
                    next: target(&c["next"]),
                    feedback: None,
                    score: c["score"].as_i64().unwrap() as i32,
                })
                .collect(),
        })
        .collect();
    let endings = data["endings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| Ending {
            id: e["id"].as_str().unwrap().to_string(),
            rating: Rating::from_name(e["rating"].as_str().unwrap()).unwrap(),
            title: String::new(),
            debrief: None,
        })
        .collect();
    (nodes, endings, data["start"].as_u64().unwrap() as usize)
}

fn vectors() -> serde_json::Value {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/scenario_vectors.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// The walks and best paths of tests/data/scenario_vectors.json (which
/// templates/scenario-core.js is checked against too).
#[test]
fn walks_and_best_paths_match_the_shared_vectors() {
    let v = vectors();
    for c in v["cases"].as_array().unwrap() {
        let name = c["name"].as_str().unwrap();
        let (nodes, endings, start) = from_data(&c["data"]);
        let best: Vec<usize> = serde_json::from_value(c["data"]["best"].clone()).unwrap();
        assert_eq!(best_path(&nodes, &endings, start), best, "{name}: best path");
        for w in c["walks"].as_array().unwrap() {
            // A path with something that is not a choice index stops there.
            let path: Vec<usize> = w["path"]
                .as_array()
                .unwrap()
                .iter()
                .map_while(|x| x.as_u64().map(|x| x as usize))
                .collect();
            let got = walk(&nodes, start, &path);
            let e = &w["expected"];
            let steps: Vec<(usize, usize)> = serde_json::from_value(e["steps"].clone()).unwrap();
            assert_eq!(got.steps, steps, "{name}: {path:?}");
            assert_eq!(got.at, e["at"].as_u64().map(|x| x as usize), "{name}: {path:?}");
            assert_eq!(
                got.ending,
                e["ending"].as_u64().map(|x| x as usize),
                "{name}: {path:?}"
            );
            assert_eq!(
                i64::from(got.score),
                e["score"].as_i64().unwrap(),
                "{name}: {path:?}"
            );
        }
    }
}

/// The page's JSON is the vectors' format: the first vector's scenario,
/// written as YAML, gives exactly its `data`.
#[test]
fn the_page_data_has_the_vectors_format() {
    let s = parse(
        "title: t
roles:
  customer: {name: c}
allow_back: true
start: a
nodes:
  - {id: a, speaker: customer, text: x, choices: [{text: y, next: b, score: 2}, {text: z, next: bad, score: -2}]}
  - {id: b, speaker: customer, text: x, choices: [{text: y, next: good, score: 1}]}
endings:
  - {id: good, rating: excellent, title: g}
  - {id: bad, rating: poor, title: b}
",
    )
    .unwrap();
    let t = &crate::i18n::ZH_CN.scenario;
    let view = view::scenario_view(&s, &mut |text: &str, _, _| text.to_string(), t);
    let data: serde_json::Value = serde_json::from_str(&view.data_json).unwrap();
    assert_eq!(data, vectors()["cases"][0]["data"]);
}

#[test]
fn the_best_path_search_stops_on_a_huge_graph() {
    // 40 nodes each leading to every later node: far more simple paths than
    // the budget; the search still ends and returns a path to an ending.
    let n = 40;
    let nodes: Vec<Node> = (0..n)
        .map(|i| Node {
            id: format!("n{i}"),
            speaker: "c".into(),
            mood: None,
            text: String::new(),
            choices: (i + 1..n)
                .map(|j| Choice {
                    text: String::new(),
                    next: Target::Node(j),
                    feedback: None,
                    score: 1,
                })
                .chain(std::iter::once(Choice {
                    text: String::new(),
                    next: Target::Ending(0),
                    feedback: None,
                    score: 0,
                }))
                .collect(),
        })
        .collect();
    let endings = vec![Ending {
        id: "e".into(),
        rating: Rating::Excellent,
        title: String::new(),
        debrief: None,
    }];
    let best = best_path(&nodes, &endings, 0);
    assert_eq!(walk(&nodes, 0, &best).ending, Some(0));
}

/// A long chain (5,000 nodes, written last to first) is checked in linear
/// time and its best path search neither recurses without bound nor hangs.
#[test]
fn a_huge_chain_is_checked_quickly() {
    let n = 5_000;
    let mut text = String::from("title: t\nroles:\n  c: {name: c}\nstart: n0\nnodes:\n");
    for i in (0..n).rev() {
        let next = if i + 1 == n {
            "end".to_string()
        } else {
            format!("n{}", i + 1)
        };
        text.push_str(&format!(
            "  - {{id: n{i}, speaker: c, text: x, choices: [{{text: y, next: {next}, score: 2147483647}}]}}\n"
        ));
    }
    text.push_str("endings:\n  - {id: end, rating: excellent, title: e}\n");
    let started = std::time::Instant::now();
    let s = parse(&text).unwrap();
    assert_eq!(s.nodes.len(), n);
    assert!(s.best_path.len() <= MAX_DEPTH);
    assert!(started.elapsed() < std::time::Duration::from_secs(30));
    // Scores add up without overflowing.
    let w = walk(&s.nodes, s.start, &[0; 10]);
    assert_eq!(w.score, i32::MAX);
}
