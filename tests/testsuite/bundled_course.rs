//! The bundled Service Excellence course builds strictly and has what a learner
//! expects: nine modules in the deck's order, a quiz per module, a glossary,
//! and text that stands on its own (no talk of the slides it was drawn from).

use crate::fixture;

use std::path::Path;

use fixture::broken_links;

#[test]
fn bundled_course_builds_strictly_and_is_complete() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_coursegen"))
        .args(["build", "--strict", "--root"])
        .arg(root)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{stderr}");
    assert!(
        stderr.trim().is_empty(),
        "strict build printed warnings:\n{stderr}"
    );

    let modules = [
        ("concepts", "服务卓越的概念"),
        ("core-elements", "卓越服务的核心要素"),
        ("techniques", "提供卓越服务的技巧"),
        ("culture", "卓越服务文化的建立"),
        ("measurement", "衡量服务卓越"),
        ("technology", "技术在服务卓越中的应用"),
        ("cases", "卓越服务案例分析"),
        ("challenges", "服务卓越面临的挑战"),
        ("trends", "服务卓越的未来趋势"),
    ];
    let home = std::fs::read_to_string(out.join("index.html")).unwrap();
    let mut last = 0;
    for (slug, title) in modules {
        let overview = std::fs::read_to_string(out.join(slug).join("index.html"))
            .unwrap_or_else(|_| panic!("module {slug} missing"));
        assert!(
            overview.contains(title),
            "{slug} overview lacks its title {title}"
        );
        let quiz = std::fs::read_to_string(out.join(slug).join("quiz.html")).expect("quiz page");
        let questions = quiz.matches("<li class=\"question\"").count();
        assert!(questions >= 8, "{slug} quiz has {questions} questions");
        // The module's pages that are lessons (not its overview, quiz,
        // scenarios, deck or presenter view).
        let lessons = std::fs::read_dir(out.join(slug))
            .unwrap()
            .filter(|e| {
                let html = std::fs::read_to_string(e.as_ref().unwrap().path()).unwrap_or_default();
                html.contains("<body class=\"kind-lesson\"")
            })
            .count();
        assert!((3..=6).contains(&lessons), "{slug} has {lessons} lessons");
        let pos = home
            .find(title)
            .unwrap_or_else(|| panic!("{title} not on the home page"));
        assert!(pos > last, "{title} is out of order on the home page");
        last = pos;
    }
    let glossary = std::fs::read_to_string(out.join("glossary.html")).unwrap();
    assert!(
        glossary.matches("<h3 id=").count() >= 30,
        "glossary has too few terms"
    );
    assert!(out.join("references.html").is_file());
    assert!(out.join("introduction.html").is_file());
    let problems = broken_links(&out);
    assert!(problems.is_empty(), "{problems:#?}");
}

/// Learners have no slides: the course text must stand on its own, so no
/// lesson, overview, root page or quiz may talk about "课件" (the slides the
/// course was drawn from). Sources are credited in references.md instead.
#[test]
fn bundled_course_text_does_not_refer_to_slides() {
    let course = Path::new(env!("CARGO_MANIFEST_DIR")).join("course");
    let mut checked = 0;
    let mut quizzes = 0;
    let mut hits = Vec::new();
    for entry in walkdir::WalkDir::new(&course) {
        let entry = entry.unwrap();
        let path = entry.path();
        let name = entry.file_name().to_string_lossy();
        let is_quiz = name == "quiz.yaml";
        if !(is_quiz || name.ends_with(".md")) {
            continue;
        }
        checked += 1;
        quizzes += usize::from(is_quiz);
        let text = std::fs::read_to_string(path).unwrap();
        for (n, line) in text.lines().enumerate() {
            if line.contains("课件") {
                let rel = path.strip_prefix(&course).unwrap().display();
                hits.push(format!("course/{rel}:{}: {line}", n + 1));
            }
        }
    }
    assert_eq!(quizzes, 9, "expected a quiz.yaml in each of the nine modules");
    assert!(checked >= 50, "only {checked} course files were read");
    assert!(
        hits.is_empty(),
        "the course text mentions 课件 (slides the learner does not have):\n{}",
        hits.join("\n")
    );
}
