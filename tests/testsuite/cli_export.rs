//! `coursegen export gift` and `coursegen schema` from the command line.

use crate::fixture;

use fixture::Project;

#[test]
fn gift_export_has_one_category_per_quiz_module_and_every_question() {
    let p = Project::fixture("basic");
    let run = p.run(&["export", "gift", "--out", "bank.gift"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let gift = p.read("bank.gift");
    assert_eq!(
        gift.matches("$CATEGORY:").count(),
        2,
        "module 2's quiz and module 1's quiz among its lessons:\n{gift}"
    );
    // A quiz among the lessons has its own category inside its module's.
    assert!(
        gift.contains("$CATEGORY: $course$/测试课程/第一部分 · 开始/小练习 · 定义\n\n::definition::"),
        "{gift}"
    );
    assert!(
        gift.contains("$CATEGORY: $course$/测试课程/第二部分 · 衡量"),
        "{gift}"
    );
    for id in [
        "nps-formula",
        "segments",
        "ritz",
        "servqual-count",
        "nps-compute",
        "steps",
        "moments",
    ] {
        assert!(
            gift.contains(&format!("::{id}::[markdown]")),
            "{id} missing:\n{gift}"
        );
    }
    assert!(gift.contains("{TRUE#这是丽思卡尔顿授权文化的标志。"), "{gift}");
    assert!(gift.contains("{#30:0\n"), "{gift}");
    assert!(gift.contains("\t=开场时刻 -> 客户首次接触企业\n"), "{gift}");
}

#[test]
fn gift_export_of_a_broken_quiz_fails_with_its_line() {
    let p = Project::fixture("basic");
    p.write(
        "course/02-more/quiz.yaml",
        "title: t\nquestions:\n  - id: a\n    type: single\n    prompt: p\n    options: []\n",
    );
    let run = p.run(&["export", "gift"]);
    run.assert_error_at("course/02-more/quiz.yaml:6:", "at least 2 options");
}

#[test]
fn schema_prints_json() {
    let p = Project::fixture("basic");
    let run = p.run(&["schema", "quiz"]);
    assert_eq!(run.code, 0);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    assert_eq!(v["title"], "coursegen quiz.yaml");
    assert_eq!(p.run(&["schema", "nonsense"]).code, 2);
}
