//! Every kind of bad input fails the build with exit code 1, names `file:line`,
//! and leaves the previous output untouched.

mod fixture;

use fixture::Project;

/// Builds once so there is a previous output, breaks the course, builds again
/// and checks both the message and that the previous site survived.
fn broken(change: impl FnOnce(&Project), location: &str, message: &str) {
    let p = Project::fixture("basic");
    let first = p.build();
    assert_eq!(first.code, 0, "fixture builds: {}", first.stderr);
    let before = p.read("public/start/definition.html");
    change(&p);
    p.build().assert_error_at(location, message);
    assert_eq!(
        p.read("public/start/definition.html"),
        before,
        "previous output untouched"
    );
    let stray: Vec<_> = std::fs::read_dir(p.dir.path())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("coursegen-tmp") || n.contains("coursegen-old"))
        .collect();
    assert!(stray.is_empty(), "temporary folders left behind: {stray:?}");
    // `check` finds the same problem and writes nothing.
    p.run(&["check"]).assert_error_at(location, message);
}

#[test]
fn malformed_front_matter_points_at_the_file_line() {
    broken(
        |p| {
            p.write(
                "course/01-start/02-importance.md",
                "---\ntitle: 重要性\nsummary: [未闭合\n---\n正文\n",
            );
        },
        "course/01-start/02-importance.md:3:",
        "error",
    );
}

#[test]
fn malformed_course_yaml() {
    broken(
        |p| {
            p.write(
                "course/course.yaml",
                "title: 课程\nauthors: [a, b\ndescription: x\n",
            );
        },
        "course/course.yaml:",
        "error",
    );
}

#[test]
fn missing_title() {
    broken(
        |p| {
            p.write("course/02-more/01-nps.md", "---\nsummary: 没有标题\n---\n正文\n");
        },
        "course/02-more/01-nps.md:2:",
        "missing field `title`",
    );
}

#[test]
fn unknown_field_is_a_typo_error() {
    broken(
        |p| {
            p.write(
                "course/02-more/01-nps.md",
                "---\ntitle: 净推荐值\nsumary: 拼错了\n---\n正文\n",
            );
        },
        "course/02-more/01-nps.md:3:1",
        "unknown field `sumary`",
    );
}

#[test]
fn two_lessons_with_the_same_slug() {
    broken(
        |p| {
            p.write(
                "course/01-start/03-definition.md",
                "---\ntitle: 又一个定义\n---\n正文\n",
            );
        },
        "course/01-start/03-definition.md",
        "two lessons have the slug `definition`",
    );
}

#[test]
fn two_lessons_with_the_same_order() {
    broken(
        |p| {
            p.write("course/01-start/01-extra.md", "---\ntitle: 额外\n---\n正文\n");
        },
        "course/01-start/",
        "two lessons have the order 1",
    );
}

#[test]
fn module_folder_without_index() {
    broken(
        |p| {
            p.write("course/03-orphan/01-lesson.md", "---\ntitle: 孤儿\n---\n正文\n");
        },
        "course/03-orphan",
        "module folder has no index.md",
    );
}

#[test]
fn link_to_a_missing_page() {
    broken(
        |p| {
            p.write(
                "course/02-more/01-nps.md",
                "---\ntitle: 净推荐值\n---\n\n## 计算方法\n\n见[不存在](03-missing.md)。\n",
            );
        },
        "course/02-more/01-nps.md:7:2",
        "points to `02-more/03-missing.md`, which does not exist",
    );
}

#[test]
fn link_to_a_missing_anchor() {
    broken(
        |p| {
            p.write(
                "course/02-more/01-nps.md",
                "---\ntitle: 净推荐值\n---\n\n## 计算方法\n\n见[定义](../01-start/01-definition.md#没有这个标题)。\n",
            );
        },
        "course/02-more/01-nps.md:7:2",
        "no heading with id `没有这个标题`",
    );
}

#[test]
fn missing_image() {
    broken(
        |p| {
            p.write(
                "course/02-more/01-nps.md",
                "---\ntitle: 净推荐值\n---\n\n## 计算方法\n\n![图](../assets/none.png)\n",
            );
        },
        "course/02-more/01-nps.md:7:1",
        "image `../assets/none.png` not found",
    );
}

#[test]
fn file_that_is_not_utf8() {
    broken(
        |p| {
            p.write(
                "course/02-more/01-nps.md",
                b"---\ntitle: x\n---\n\n\xc4\xe3\xba\xc3\n".as_slice(),
            );
        },
        "course/02-more/01-nps.md:5:1",
        "not valid UTF-8",
    );
}

#[test]
fn template_error_in_an_override_names_the_template() {
    broken(
        |p| {
            p.write(
                "course/templates/lesson.html",
                "{% extends \"base.html\" %}\n{% block content %}\n{% if page.title %}\n{% endblock content %}\n",
            );
        },
        "course/templates/lesson.html:",
        "lesson.html",
    );
}

#[test]
fn all_errors_are_reported_in_one_run() {
    let p = Project::fixture("basic");
    p.write(
        "course/02-more/01-nps.md",
        "---\ntitle: 净推荐值\ncolor: red\n---\n\n## 计算方法\n\n正文\n",
    );
    p.write(
        "course/01-start/02-importance.md",
        "---\ntitle: 重要性\n---\n[x](nowhere.md)\n",
    );
    p.write("course/03-orphan/01-lesson.md", "---\ntitle: 孤儿\n---\n正文\n");
    let run = p.build();
    assert_eq!(run.code, 1);
    for expected in [
        "course/02-more/01-nps.md:3:1",
        "course/01-start/02-importance.md:4:1",
        "course/03-orphan",
        "3 error(s)",
    ] {
        assert!(
            run.stderr.contains(expected),
            "missing `{expected}` in:\n{}",
            run.stderr
        );
    }
    assert!(!p.path("public").exists(), "nothing written");
}

#[test]
fn strict_turns_warnings_into_errors() {
    let p = Project::fixture("basic");
    p.write("course/assets/unused.pdf", "%PDF-1.4");
    p.write("course/02-more/02-empty.md", "---\ntitle: 空课时\n---\n");
    let lenient = p.build();
    assert_eq!(lenient.code, 0, "{}", lenient.stderr);
    assert!(
        lenient.stderr.contains("course/assets/unused.pdf"),
        "{}",
        lenient.stderr
    );
    assert!(
        lenient.stderr.contains("lesson has no text"),
        "{}",
        lenient.stderr
    );
    let strict = p.run(&["build", "--strict"]);
    strict.assert_error_at("course/assets/unused.pdf", "file is not used by any page");
    assert!(
        strict.stderr.contains("course/02-more/02-empty.md:4:1"),
        "{}",
        strict.stderr
    );
}

#[test]
fn refuses_to_replace_a_folder_it_did_not_create() {
    let p = Project::fixture("basic");
    p.write("public/notes.txt", "my own notes");
    let run = p.build();
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("was not created by coursegen"),
        "{}",
        run.stderr
    );
    assert_eq!(p.read("public/notes.txt"), "my own notes");
    let forced = p.run(&["build", "--force"]);
    assert_eq!(forced.code, 0, "{}", forced.stderr);
    assert!(p.path("public/index.html").exists());
}

#[test]
fn never_writes_over_the_course_itself() {
    let p = Project::fixture("basic");
    let run = p.run(&["build", "--out", "course", "--force"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("overlaps the course sources"),
        "{}",
        run.stderr
    );
    assert!(p.path("course/course.yaml").exists());
}

#[test]
fn invalid_chart_points_at_its_yaml_line() {
    broken(
        |p| {
            p.write(
                "course/02-more/01-nps.md",
                "---\ntitle: 净推荐值\n---\n\n## 计算方法\n\n```chart\ntype: bar\ntitle: 对比\nx: [甲, 乙]\nseries:\n  - name: s\n    values: [1, abc]\n```\n",
            );
        },
        "course/02-more/01-nps.md:13:",
        "invalid chart",
    );
}

#[test]
fn invalid_quiz_fails_the_build_with_its_line() {
    broken(
        |p| {
            p.write(
                "course/02-more/quiz.yaml",
                "title: 小测\nquestions:\n  - id: a\n    type: single\n    prompt: p\n    options:\n      - {text: x, correct: true}\n      - {text: y, correct: true}\n",
            );
        },
        "course/02-more/quiz.yaml:6:",
        "it needs exactly 1",
    );
}
