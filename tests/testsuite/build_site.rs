//! A valid course builds into a navigable site: structure, navigation, link
//! rewriting, heading anchors, and no absolute or third-party URLs.

use crate::fixture;

use fixture::{Project, attribute_values, broken_links};

fn built() -> Project {
    let p = Project::fixture("basic");
    let run = p.build();
    assert_eq!(run.code, 0, "build failed:\n{}", run.stderr);
    assert!(run.stdout.contains("built 12 pages"), "{}", run.stdout);
    p
}

#[test]
fn every_page_is_written_where_expected() {
    let p = built();
    for page in [
        "index.html",
        "introduction.html",
        "glossary.html",
        "start/index.html",
        "start/definition.html",
        "start/importance.html",
        "more/index.html",
        "more/nps.html",
        "404.html",
        "static/style.css",
        "static/site.js",
        "assets/logo.png",
    ] {
        assert!(p.path("public").join(page).is_file(), "{page} missing");
    }
}

#[test]
fn no_broken_links_or_anchors_anywhere() {
    let p = built();
    let problems = broken_links(&p.path("public"));
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn links_are_relative_and_local() {
    let p = built();
    for page in ["index.html", "start/definition.html", "glossary.html"] {
        let html = p.read(&format!("public/{page}"));
        for url in attribute_values(&html, &["href", "src"]) {
            assert!(
                !url.starts_with('/'),
                "{page}: root-relative `{url}` breaks under a subpath"
            );
            assert!(!url.contains("://"), "{page}: `{url}` is a third-party request");
        }
    }
}

#[test]
fn markdown_links_are_rewritten_to_output_urls() {
    let p = built();
    let nps = p.read("public/more/nps.html");
    // Non-ASCII fragments are percent-encoded in the href; browsers decode them.
    let encoded = |s: &str| s.bytes().map(|b| format!("%{b:02X}")).collect::<String>();
    let want = format!("href=\"../start/definition.html#{}\"", encoded("服务卓越的定义"));
    assert!(nps.contains(&want), "{want} not in {nps}");
    let intro = p.read("public/introduction.html");
    let want = format!("href=\"more/nps.html#{}\"", encoded("计算方法"));
    assert!(intro.contains(&want), "{intro}");
    assert!(intro.contains("href=\"start/index.html\""), "{intro}");
    let def = p.read("public/start/definition.html");
    assert!(def.contains("src=\"../assets/logo.png\""), "{def}");
}

#[test]
fn duplicate_cjk_headings_get_unique_ids_and_a_toc() {
    let p = built();
    let html = p.read("public/start/importance.html");
    assert!(html.contains("<h2 id=\"为什么重要\">"), "{html}");
    assert!(html.contains("<h2 id=\"为什么重要-1\">"), "{html}");
    assert!(
        html.contains("<li class=\"toc-h2\"><a href=\"#为什么重要-1\">"),
        "{html}"
    );
}

#[test]
fn navigation_marks_the_current_page_and_crosses_modules() {
    let p = built();
    let html = p.read("public/start/importance.html");
    assert!(
        html.contains("<a href=\"../start/importance.html\" aria-current=\"page\">重要性</a>"),
        "{html}"
    );
    // The last lesson of module 1 leads to the overview of module 2.
    assert!(
        html.contains("rel=\"next\" href=\"../more/index.html\""),
        "{html}"
    );
    // The quiz numbered 01 comes after lesson 01 and before lesson 02.
    assert!(
        html.contains("rel=\"prev\" href=\"../start/check.html\""),
        "{html}"
    );
    let check = p.read("public/start/check.html");
    assert!(
        check.contains("rel=\"prev\" href=\"../start/definition.html\""),
        "{check}"
    );
    assert!(check.contains("data-quiz-id=\"start/check\""), "{check}");
    assert!(
        check.contains("<a href=\"../start/check.html\" aria-current=\"page\">小练习 · 定义</a>"),
        "{check}"
    );
    // Listed among the lessons on the module's overview, with its size.
    let overview = p.read("public/start/index.html");
    assert!(
        overview.contains("<li><a href=\"../start/check.html\">小练习 · 定义</a>"),
        "{overview}"
    );
    // A link to the quiz file (and a question's anchor) leads to its page.
    let definition = p.read("public/start/definition.html");
    assert!(
        definition.contains("href=\"check.html#q-definition\""),
        "{definition}"
    );
    // Breadcrumbs: course › module › lesson.
    assert!(
        html.contains("<li><a href=\"../start/index.html\">第一部分 · 开始</a></li>"),
        "{html}"
    );
    // The introduction (placement: before) comes between home and module 1.
    let home = p.read("public/index.html");
    assert!(home.contains("rel=\"next\" href=\"introduction.html\""), "{home}");
}

#[test]
fn home_page_lists_modules_as_cards() {
    let p = built();
    let home = p.read("public/index.html");
    assert!(home.contains("<html lang=\"zh-CN\">"));
    assert!(home.contains("第一部分的概要。"));
    assert!(home.contains("2 个学习目标 · 2 节课 · 时长约 30 分钟"), "{home}");
    assert!(home.contains("1 个学习目标 · 1 节课 · 时长约 20 分钟"), "{home}");
}

#[test]
fn module_overview_lists_objectives_and_lessons() {
    let p = built();
    let html = p.read("public/start/index.html");
    assert!(html.contains("<li>目标一</li>"));
    assert!(
        html.contains(
            "<a href=\"../start/definition.html\">定义</a> <span class=\"summary\">什么是服务卓越。</span>"
        ),
        "{html}"
    );
}

#[test]
fn callouts_and_reading_time() {
    let p = built();
    let html = p.read("public/start/definition.html");
    assert!(html.contains("class=\"callout callout-tip\""));
    assert!(html.contains("<p class=\"callout-title\">提示</p>"));
    assert!(html.contains("阅读约 1 分钟"));
}

#[test]
fn base_url_gives_canonical_links_but_keeps_relative_navigation() {
    let p = Project::fixture("basic");
    let run = p.run(&["build", "--base-url", "https://example.org/course"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = p.read("public/start/definition.html");
    assert!(
        html.contains("<link rel=\"canonical\" href=\"https://example.org/course/start/definition.html\">")
    );
    assert!(html.contains("href=\"../static/style.css\""));
    // The 404 page is served at any depth, so it links through the base URL.
    let not_found = p.read("public/404.html");
    assert!(
        not_found.contains("href=\"https://example.org/course/static/style.css\""),
        "{not_found}"
    );
}

#[test]
fn template_override_replaces_the_default() {
    let p = Project::fixture("basic");
    p.write(
        "course/templates/page.html",
        "{% extends \"base.html\" %}{% block content %}<h1 class=\"custom\">{{ page.title }}</h1>{{ page.content | safe }}{% endblock content %}",
    );
    p.write("course/templates/style.css", "body { color: rebeccapurple; }");
    let run = p.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        p.read("public/glossary.html")
            .contains("<h1 class=\"custom\">术语表</h1>")
    );
    assert_eq!(
        p.read("public/static/style.css"),
        "body { color: rebeccapurple; }"
    );
}

#[test]
fn two_builds_of_the_same_input_are_byte_identical() {
    let p = Project::fixture("basic");
    for out in ["one", "two"] {
        let run = p.run(&["build", "--base-url", "https://example.org/c/", "--out", out]);
        assert_eq!(run.code, 0, "{}", run.stderr);
    }
    let files = |dir: &str| -> Vec<(String, Vec<u8>)> {
        let root = p.path(dir);
        let mut v: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(&root)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                let rel = e.path().strip_prefix(&root).unwrap().display().to_string();
                (rel, std::fs::read(e.path()).unwrap())
            })
            .collect();
        v.sort();
        v
    };
    let (one, two) = (files("one"), files("two"));
    assert!(one.len() > 15);
    assert_eq!(
        one.iter().map(|f| &f.0).collect::<Vec<_>>(),
        two.iter().map(|f| &f.0).collect::<Vec<_>>()
    );
    for (a, b) in one.iter().zip(&two) {
        assert!(a.1 == b.1, "{} differs between two builds", a.0);
    }
}

#[test]
fn sitemap_robots_and_open_graph_with_a_base_url() {
    let p = Project::fixture("basic");
    let run = p.run(&["build", "--base-url", "https://example.org/c"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let sitemap = p.read("public/sitemap.xml");
    assert!(
        sitemap.contains("<url><loc>https://example.org/c/</loc></url>"),
        "{sitemap}"
    );
    assert!(
        sitemap.contains("<loc>https://example.org/c/start/definition.html</loc><lastmod>"),
        "{sitemap}"
    );
    assert_eq!(
        sitemap.matches("<url>").count(),
        10,
        "every page of the reading order"
    );
    assert!(
        p.read("public/robots.txt")
            .contains("Sitemap: https://example.org/c/sitemap.xml")
    );
    let html = p.read("public/start/definition.html");
    assert!(
        html.contains("<meta property=\"og:title\" content=\"定义\">"),
        "{html}"
    );
    assert!(
        html.contains("<meta property=\"og:url\" content=\"https://example.org/c/start/definition.html\">")
    );
    // Without a base URL there is no sitemap (it needs absolute URLs).
    let p = Project::fixture("basic");
    assert_eq!(p.build().code, 0);
    assert!(!p.path("public/sitemap.xml").exists());
    assert_eq!(p.read("public/robots.txt"), "User-agent: *\nAllow: /\n");
}

#[test]
fn new_scaffolds_a_course_that_builds_strictly() {
    let dir = tempfile::tempdir().unwrap();
    let exe = env!("CARGO_BIN_EXE_coursegen");
    let target = dir.path().join("my-course");
    let out = std::process::Command::new(exe)
        .arg("new")
        .arg(&target)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let out = std::process::Command::new(exe)
        .args(["build", "--strict", "--root"])
        .arg(&target)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let public = target.join("public");
    assert!(broken_links(&public).is_empty());
    // One module quiz and one quiz among the lessons, in the reading order.
    let check = std::fs::read_to_string(public.join("getting-started/check.html")).unwrap();
    assert!(check.contains("rel=\"prev\" href=\"../getting-started/structure.html\""));
    assert!(check.contains("rel=\"next\" href=\"../getting-started/links.html\""));
    assert!(public.join("getting-started/quiz.html").is_file());
    // A role-play scenario after the last lesson, linked from it.
    let scenario = std::fs::read_to_string(public.join("getting-started/missing-link.html")).unwrap();
    assert!(scenario.contains("rel=\"prev\" href=\"../getting-started/links.html\""));
    let links = std::fs::read_to_string(public.join("getting-started/links.html")).unwrap();
    assert!(links.contains("href=\"missing-link.html\""));
    // The calculator is opt-in, and course.yaml says how to turn it on.
    assert!(!public.join("calculator.html").exists());
    assert!(!public.join("static/calculator.js").exists());
    let config = std::fs::read_to_string(target.join("course/course.yaml")).unwrap();
    assert!(config.contains("calculator: false") && config.contains("`calculator: true`"));
    // A second `new` into the same folder refuses instead of overwriting.
    let again = std::process::Command::new(exe)
        .arg("new")
        .arg(&target)
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(1));
}

#[test]
fn print_editions_are_single_pages_with_and_without_answers() {
    let p = Project::fixture("basic");
    let run = p.run(&["build", "--print"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let handout = p.read("public/print/handout.html");
    let trainer = p.read("public/print/trainer.html");
    for (name, html) in [("handout", &handout), ("trainer", &trainer)] {
        // Every lesson is in the one page, each id once (pages' ids are prefixed).
        assert!(
            html.contains("服务卓越是持续超越客户期望的能力") && html.contains("NPS = 推荐者百分比"),
            "{name}"
        );
        let ids = attribute_values(html, &["id"]);
        let mut unique = ids.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(ids.len(), unique.len(), "{name} repeats an id");
        // Links between pages became links inside the document.
        for href in attribute_values(html, &["href"])
            .into_iter()
            .filter(|h| h.starts_with('#'))
        {
            let id = fixture::percent_decode(&href[1..]);
            assert!(ids.contains(&id), "{name}: {href} points nowhere");
        }
    }
    assert!(!handout.contains("key-answer") && handout.contains("☐</span> 推荐者百分比减去批评者百分比"));
    assert!(trainer.contains("<div class=\"key-answer\">"));
    assert!(trainer.contains("☑</span> 推荐者百分比减去批评者百分比"));
    assert!(trainer.contains("方向反了。"), "option feedback for trainers");
    // Without --print there are no editions.
    let p = Project::fixture("basic");
    assert_eq!(p.build().code, 0);
    assert!(!p.path("public/print").exists());
}

#[test]
fn no_search_leaves_out_the_index_and_the_box() {
    let p = Project::fixture("basic");
    let run = p.run(&["build", "--no-search"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!p.path("public/static/search").exists());
    let home = p.read("public/index.html");
    assert!(
        !home.contains("role=\"search\"") && !home.contains("search.js"),
        "{home}"
    );
    assert!(broken_links(&p.path("public")).is_empty());
    let with = Project::fixture("basic");
    assert_eq!(with.build().code, 0);
    assert!(with.path("public/static/search/index.js").is_file());
    assert!(with.read("public/index.html").contains("role=\"search\""));
}

/// A quiz whose written option order gives answers away is warned about (by
/// `check` and `build`, with its file and line), and `--strict` fails on it;
/// a course without an `id` is told to add one.
#[test]
fn quiz_answer_positions_and_a_missing_id_are_warned_about() {
    let p = Project::fixture("basic");
    let single = |id: &str| {
        format!(
            "  - id: {id}\n    type: single\n    prompt: 问题 {id}\n    options:\n      - text: 对\n        correct: true\n      - text: 错一\n      - text: 错二\n      - text: 错三\n"
        )
    };
    let multiple = |id: &str| {
        format!(
            "  - id: {id}\n    type: multiple\n    prompt: 问题 {id}\n    options:\n      - {{text: 甲, correct: true}}\n      - {{text: 乙, correct: true}}\n      - {{text: 丙}}\n      - {{text: 丁}}\n      - {{text: 戊}}\n"
        )
    };
    let quiz: String = ["a", "b", "c", "d"]
        .iter()
        .map(|id| single(id))
        .collect::<String>()
        + &["e", "f", "g"].iter().map(|id| multiple(id)).collect::<String>();
    p.write(
        "course/02-more/quiz.yaml",
        format!("title: 位置\nquestions:\n{quiz}"),
    );
    for cmd in ["check", "build"] {
        let run = p.run(&[cmd]);
        assert_eq!(run.code, 0, "{cmd}: warnings only\n{}", run.stderr);
        assert!(
            run.stderr.contains("course/02-more/quiz.yaml:2:1: the correct option is the first one in 4 of 4 single-choice questions"),
            "{cmd}:\n{}",
            run.stderr
        );
        assert!(
            run.stderr.contains(
                "every correct option comes before every wrong one in 3 of 3 multiple-choice questions"
            ),
            "{cmd}:\n{}",
            run.stderr
        );
        assert!(
            run.stderr
                .contains("course/course.yaml:1:1: course.yaml has no `id`"),
            "{}",
            run.stderr
        );
    }
    assert_eq!(p.run(&["check", "--strict"]).code, 1);

    // Mixed positions (correct at 1, 3, 2, 4; interleaved sets) and an id: silent.
    let moved = |text: String, n: usize| {
        let mut lines: Vec<&str> = text.lines().collect();
        // Move the correct option (2 lines: text + correct) down by n options.
        let first = lines.iter().position(|l| l.contains("text: 对")).unwrap();
        let correct: Vec<&str> = lines.drain(first..first + 2).collect();
        let at = first + n;
        for (i, l) in correct.into_iter().enumerate() {
            lines.insert(at + i, l);
        }
        lines.join("\n") + "\n"
    };
    let quiz: String = [("a", 0), ("b", 2), ("c", 1), ("d", 3)]
        .iter()
        .map(|(id, n)| moved(single(id), *n))
        .collect::<String>()
        + &["e", "f", "g"]
            .iter()
            .map(|id| {
                multiple(id)
                    .replace("{text: 乙, correct: true}", "{text: 乙}")
                    .replace("{text: 丁}", "{text: 丁, correct: true}")
            })
            .collect::<String>();
    p.write(
        "course/02-more/quiz.yaml",
        format!("title: 位置\nquestions:\n{quiz}"),
    );
    let yaml = p.read("course/course.yaml");
    p.write("course/course.yaml", format!("id: basic\n{yaml}"));
    let run = p.run(&["check", "--strict"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
}

/// Quizzes among the lessons go by their number: before the first lesson
/// with `00-`, after a lesson of the same number, and last without one.
#[test]
fn quizzes_among_lessons_take_their_place_by_number() {
    let p = Project::fixture("basic");
    let quiz = |title: &str| {
        format!(
            "title: {title}\nquestions:\n  - id: one\n    type: true-false\n    prompt: 对吗？\n    answer: true\n"
        )
    };
    p.write("course/01-start/00-warmup.quiz.yaml", quiz("课前小测"));
    p.write("course/01-start/wrap-up.quiz.yaml", quiz("课后小测"));
    let run = p.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let overview = p.read("public/start/index.html");
    let order = [
        "warmup.html",
        "definition.html",
        "check.html",
        "importance.html",
        "wrap-up.html",
    ];
    let positions: Vec<usize> = order
        .iter()
        .map(|u| {
            let at = overview.find(&format!("<li><a href=\"../start/{u}\">"));
            at.unwrap_or_else(|| panic!("{u} not listed:\n{overview}"))
        })
        .collect();
    assert!(
        positions.windows(2).all(|w| w[0] < w[1]),
        "{order:?} at {positions:?}"
    );
    // The module has no quiz.yaml: the last quiz leads on to module 2.
    let last = p.read("public/start/wrap-up.html");
    assert!(
        last.contains("rel=\"next\" href=\"../more/index.html\""),
        "{last}"
    );
    assert!(last.contains("data-quiz-id=\"start/wrap-up\""), "{last}");
}

/// Every module has a deck and its overview links it; `slides: false` in
/// course.yaml (a book read on screen) leaves both out.
#[test]
fn decks_are_written_unless_the_course_turns_them_off() {
    let p = Project::fixture("basic");
    assert_eq!(p.build().code, 0);
    assert!(p.path("public/start/slides.html").is_file() && p.path("public/more/presenter.html").is_file());
    assert!(
        p.read("public/start/index.html")
            .contains("<a href=\"slides.html\">")
    );
    let yaml = p.read("course/course.yaml");
    p.write("course/course.yaml", format!("{yaml}slides: false\n"));
    let run = p.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!p.path("public/start/slides.html").exists() && !p.path("public/more/presenter.html").exists());
    assert!(!p.read("public/start/index.html").contains("slides.html"));
}
