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
                "from node `b` no ending can be reached: the conversation goes round for ever",
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
        n += 1;
    }
    assert_eq!(n, 4);
}
