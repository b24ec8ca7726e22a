use super::*;
use crate::source::SourceFile;

fn quiz(text: &str) -> Result<Quiz, Vec<crate::Diagnostic>> {
    parse_quiz(&SourceFile::new(
        "05-m/quiz.yaml",
        "course/05-m/quiz.yaml",
        text.to_string(),
    ))
}

/// Parses `text`, expects failure, returns (line, message) of every problem.
fn problems(text: &str) -> Vec<(usize, String)> {
    quiz(text)
        .expect_err("quiz is invalid")
        .into_iter()
        .map(|d| (d.line, d.message))
        .collect()
}

const ALL_TYPES: &str = r#"title: 小测
pass_mark: 80
shuffle: true
questions:
  - id: nps-formula
    type: single
    prompt: "NPS 如何计算？"
    options:
      - text: 推荐者百分比减去批评者百分比
        correct: true
      - text: 推荐者人数除以受访总人数
        feedback: 这只是推荐者的占比。
    explanation: 见课程。
  - id: pick
    type: multiple
    prompt: 选出两个
    options:
      - {text: 甲, correct: true}
      - {text: 乙, correct: true}
      - {text: 丙}
  - id: servqual-count
    type: fill-in
    prompt: "SERVQUAL 模型包含 ___ 个维度。"
    answers: [5, "五"]
  - id: nps-compute
    type: numeric
    prompt: NPS 是多少？
    answer: 30
    tolerance: 0.5
  - id: steps
    type: ordering
    prompt: 排序
    items: [一, 二, 三]
  - id: moments
    type: matching
    prompt: 配对
    pairs:
      - [开场时刻, 客户首次接触企业]
      - [危险时刻, 客户对服务产生异议]
  - id: ritz
    type: true-false
    prompt: 丽思卡尔顿的员工可动用 2000 美元。
    answer: true
    feedback: 原文如此。
"#;

#[test]
fn all_seven_types_parse() {
    let q = quiz(ALL_TYPES).unwrap();
    assert_eq!(q.pass_mark, 80);
    assert!(q.shuffle);
    let types: Vec<&str> = q.questions.iter().map(|q| q.kind.name()).collect();
    assert_eq!(
        types,
        [
            "single",
            "multiple",
            "fill-in",
            "numeric",
            "ordering",
            "matching",
            "true-false"
        ]
    );
    assert_eq!(q.questions[0].explanation.as_deref(), Some("见课程。"));
    assert_eq!(
        q.questions[2].kind,
        QuestionKind::FillIn {
            answers: vec!["5".into(), "五".into()]
        }
    );
    assert_eq!(
        q.questions[3].kind,
        QuestionKind::Numeric {
            answer: 30.0,
            tolerance: 0.5
        }
    );
    assert_eq!(q.version.len(), 16);
}

#[test]
fn version_changes_with_the_questions() {
    let a = quiz(ALL_TYPES).unwrap().version;
    let b = quiz(&ALL_TYPES.replace("排序", "请排序")).unwrap().version;
    assert_ne!(a, b);
    assert_eq!(a, quiz(ALL_TYPES).unwrap().version);
}

#[test]
fn default_pass_mark() {
    let q = quiz("title: t\nquestions:\n  - {id: a, type: true-false, prompt: p, answer: false}\n").unwrap();
    assert_eq!(q.pass_mark, DEFAULT_PASS_MARK);
}

#[test]
fn unknown_type_points_at_the_type_line() {
    let p = problems("title: t\nquestions:\n  - id: a\n    type: essay\n    prompt: p\n");
    assert_eq!(p.len(), 1);
    assert_eq!(p[0].0, 4);
    assert!(p[0].1.contains("unknown question type `essay`"));
}

#[test]
fn unknown_field_is_reported_by_serde_with_its_line() {
    let p = problems("title: t\nquestions:\n  - id: a\n    type: single\n    promt: p\n");
    assert_eq!(p[0].0, 5);
    assert!(p[0].1.contains("unknown field `promt`"), "{p:?}");
}

#[test]
fn field_of_another_type_is_an_error() {
    let p = problems(
        "title: t\nquestions:\n  - id: a\n    type: true-false\n    prompt: p\n    answer: true\n    answers: [x]\n",
    );
    assert_eq!(
        p,
        [(7, "`answers` is not used by true-false questions".to_string())]
    );
}

#[test]
fn missing_prompt_and_missing_id() {
    let p = problems("title: t\nquestions:\n  - type: true-false\n    answer: true\n");
    let msgs: Vec<&str> = p.iter().map(|(_, m)| m.as_str()).collect();
    assert!(msgs.contains(&"question has no `id`"), "{p:?}");
    assert!(msgs.contains(&"question has no `prompt`"), "{p:?}");
    assert!(p.iter().all(|(l, _)| *l == 3));
}

#[test]
fn duplicate_ids() {
    let p = problems(
        "title: t\nquestions:\n  - {id: a, type: true-false, prompt: p, answer: true}\n  - {id: a, type: true-false, prompt: q, answer: true}\n",
    );
    assert_eq!(p[0].0, 4);
    assert!(p[0].1.contains("duplicate question id `a`"));
}

#[test]
fn single_needs_exactly_one_correct() {
    let two = "title: t\nquestions:\n  - id: a\n    type: single\n    prompt: p\n    options:\n      - {text: x, correct: true}\n      - {text: y, correct: true}\n";
    let p = problems(two);
    assert_eq!(p[0].0, 6);
    assert!(p[0].1.contains("2 correct options"));
    let none = two.replace("correct: true}", "correct: false}");
    assert!(problems(&none)[0].1.contains("0 correct options"));
}

#[test]
fn true_false_needs_a_boolean() {
    let p =
        problems("title: t\nquestions:\n  - id: a\n    type: true-false\n    prompt: p\n    answer: 对\n");
    assert_eq!(p[0].0, 6);
}

#[test]
fn multiple_needs_a_correct_option() {
    let p = problems(
        "title: t\nquestions:\n  - id: a\n    type: multiple\n    prompt: p\n    options: [{text: x}, {text: y}]\n",
    );
    assert!(p[0].1.contains("no correct option"));
}

#[test]
fn too_few_options_or_items() {
    let p = problems(
        "title: t\nquestions:\n  - id: a\n    type: single\n    prompt: p\n    options: [{text: x, correct: true}]\n",
    );
    assert!(p[0].1.contains("at least 2 options"));
    let p = problems("title: t\nquestions:\n  - id: a\n    type: ordering\n    prompt: p\n    items: [x]\n");
    assert_eq!(p[0].0, 6);
    assert!(p[0].1.contains("at least 2 items"));
}

#[test]
fn fill_in_needs_answers() {
    let p = problems("title: t\nquestions:\n  - id: a\n    type: fill-in\n    prompt: p\n");
    assert!(p[0].1.contains("no `answers`"));
}

#[test]
fn numeric_needs_a_number() {
    let p = problems("title: t\nquestions:\n  - id: a\n    type: numeric\n    prompt: p\n    answer: 三十\n");
    assert_eq!(p[0].0, 6);
    assert!(p[0].1.contains("`三十` is not a number"));
}

#[test]
fn matching_sides_must_be_unique() {
    let p = problems(
        "title: t\nquestions:\n  - id: a\n    type: matching\n    prompt: p\n    pairs:\n      - [甲, 一]\n      - [甲, 二]\n",
    );
    assert_eq!(p[0].0, 6);
    assert!(p[0].1.contains("left side `甲` appears twice"));
}

#[test]
fn pass_mark_out_of_range() {
    let p = problems(
        "title: t\npass_mark: 120\nquestions:\n  - {id: a, type: true-false, prompt: p, answer: true}\n",
    );
    assert_eq!(p[0].0, 2);
}

#[test]
fn every_problem_is_reported() {
    let p = problems(
        "title: t\npass_mark: -1\nquestions:\n  - {id: A, type: true-false, prompt: p, answer: true}\n  - {id: b, type: essay, prompt: p}\n",
    );
    assert_eq!(p.len(), 3, "{p:?}");
}

/// tests/data/quiz_vectors.json, shared with tests/js/quiz-core.test.js.
fn vectors() -> serde_json::Value {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/quiz_vectors.json");
    serde_json::from_str(&std::fs::read_to_string(path).expect("read quiz_vectors.json")).expect("valid JSON")
}

#[test]
fn answer_normalisation_matches_the_shared_vectors() {
    let v = vectors();
    let cases = v["normalize"].as_array().expect("normalize cases");
    assert!(cases.len() >= 5);
    for case in cases {
        let (input, expected) = (case[0].as_str().unwrap(), case[1].as_str().unwrap());
        assert_eq!(normalize_answer(input), expected, "normalize({input:?})");
    }
}

/// The JS tests grade answers against `key`; this checks it is the key the
/// quiz page really gets for `quiz_yaml`.
#[test]
fn quiz_page_key_matches_the_shared_vectors() {
    let v = vectors();
    let q = quiz(v["quiz_yaml"].as_str().unwrap()).expect("vector quiz is valid");
    let view = view::quiz_view(&q, &mut |s, _, _| s.to_string(), "对", "错");
    let key: serde_json::Value = serde_json::from_str(&view.key_json).unwrap();
    assert_eq!(
        key,
        v["key"],
        "actual key:\n{}",
        serde_json::to_string_pretty(&key).unwrap()
    );
}

/// A quiz with thousands of problems reports the first hundred and counts
/// the rest: reporting all 20,000 took 20 s (each report finds its line in
/// the whole file), the one quadratic path left in reading a quiz.
#[test]
fn thousands_of_problems_are_counted_not_all_reported() {
    let questions: String = (0..2_000)
        .map(|i| format!("  - id: q{i}\n    type: true-false\n    answer: true\n"))
        .collect();
    let p = problems(&format!("title: t\nquestions:\n{questions}"));
    assert_eq!(p.len(), 101);
    assert_eq!(p[0], (3, "question has no `prompt`".to_string()));
    assert_eq!(p[99].0, 3 + 99 * 3);
    assert_eq!(
        p[100],
        (2, "1900 more problems in this quiz are not shown".to_string())
    );
}

#[test]
fn an_answer_that_is_a_list_says_what_was_expected() {
    let p = problems(
        "title: t\nquestions:\n  - id: a\n    type: fill-in\n    prompt: p\n    answers: [五, [5, 6]]\n",
    );
    assert_eq!(
        p,
        [(
            6,
            "invalid type: sequence, expected a single value (text, a number, true or false)".to_string()
        )]
    );
}
