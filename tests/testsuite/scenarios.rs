//! Role-play scenarios in the bundled course's site and print editions:
//! each is a page in the reading order (the pages before and after it link
//! to each other through it), linked from the lesson it practises; module overviews list it as a scenario; the page carries the
//! script (every node and ending) for readers without JavaScript; the
//! trainer edition has its role-play cards and the handout does not; the
//! scenario file itself is not copied into the site; `coursegen schema
//! scenario` prints its schema.

use std::path::Path;

use crate::support::site::bundled;

const SCENARIOS: [(&str, &str); 4] = [
    (
        "core-elements/phone-for-grandma.html",
        "core-elements/understanding-needs.html",
    ),
    (
        "core-elements/seventieth-birthday.html",
        "core-elements/exceeding-expectations.html",
    ),
    (
        "techniques/late-delivery.html",
        "techniques/response-strategies.html",
    ),
    (
        "techniques/member-leaving.html",
        "techniques/service-moments.html",
    ),
];

fn read(out: &Path, rel: &str) -> String {
    std::fs::read_to_string(out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The file name the pager link `rel` ("prev" or "next") leads to.
fn pager(html: &str, rel: &str) -> Option<String> {
    let tag = html
        .split("<a ")
        .map(|t| &t[..t.find('>').unwrap_or(t.len())])
        .find(|t| t.contains(&format!("rel=\"{rel}\"")))?;
    let href = &tag[tag.find("href=\"")? + 6..];
    let href = &href[..href.find('"')?];
    Some(href.rsplit('/').next()?.to_string())
}

#[test]
fn each_scenario_is_a_page_linked_from_its_lesson_and_listed_in_its_module() {
    let out = bundled(false);
    for (page, lesson) in SCENARIOS {
        let html = read(out, page);
        let name = page.rsplit('/').next().unwrap();
        assert!(html.contains("<body class=\"kind-scenario\""), "{page}");
        let nodes = html.matches("<li class=\"script-node").count();
        let endings = html.matches("<li class=\"script-ending").count();
        assert!(
            nodes >= 8 && endings >= 3,
            "{page}: {nodes} nodes, {endings} endings"
        );
        // Every reply of the script links to an element of the page.
        for href in html.split("href=\"#").skip(1) {
            let id = &href[..href.find('"').unwrap()];
            if id.starts_with("n-") || id.starts_with("e-") {
                assert!(html.contains(&format!("id=\"{id}\"")), "{page}: #{id}");
            }
        }
        let lesson_html = read(out, lesson);
        assert!(
            lesson_html.contains(&format!("href=\"{name}\"")),
            "{lesson} links to {name}"
        );
        // In the reading order; the module overview lists it as a scenario.
        let (module, _) = page.split_once('/').unwrap();
        let overview = read(out, &format!("{module}/index.html"));
        let item = overview
            .split("<li>")
            .find(|li| li.contains(&format!("/{name}\"")) && li.contains("class=\"meta\""))
            .unwrap_or_else(|| panic!("{module}/index.html lists {name}"));
        assert!(item.contains(&format!("情景练习 · {endings} 个结局")), "{item}");
        let prev = pager(&html, "prev").expect("a previous page");
        let prev_html = read(out, &format!("{module}/{prev}"));
        assert_eq!(
            pager(&prev_html, "next").as_deref(),
            Some(name),
            "{page} follows {prev}"
        );
    }
    // The YAML is the page's source, not a file to copy.
    let copied: Vec<_> = walkdir::WalkDir::new(out)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".scenario.yaml"))
        .collect();
    assert!(copied.is_empty(), "{copied:?}");
}

#[test]
fn the_trainer_edition_has_role_play_cards_and_the_handout_does_not() {
    let out = bundled(true);
    let trainer = read(out, "print/trainer.html");
    let handout = read(out, "print/handout.html");
    for card in ["card-customer", "card-employee", "card-observer", "card-debrief"] {
        assert_eq!(
            trainer.matches(&format!("class=\"card {card}\"")).count(),
            SCENARIOS.len(),
            "{card}"
        );
        assert!(!handout.contains(card), "{card} in the handout");
    }
    // What a card says comes from the scenario's `cards`.
    assert!(trainer.contains("第一句话是否先回应了客户的情绪"));
    assert!(trainer.contains("客户的火气是在哪一句话之后开始降下来的？"));
    // Both editions give the situation.
    assert!(handout.contains("物流信息停在外省一个中转站"));
}

#[test]
fn schema_scenario_prints_a_json_schema() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_coursegen"))
        .args(["schema", "scenario"])
        .output()
        .expect("coursegen runs");
    assert!(out.status.success());
    let schema: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(schema["title"], "coursegen NN-slug.scenario.yaml");
    assert_eq!(
        schema["properties"]["endings"]["items"]["properties"]["rating"]["enum"],
        serde_json::json!(["excellent", "acceptable", "poor"])
    );
}

/// A reply with a link of its own, no going back, and only an excellent
/// ending passing: the script links the reply's target beside its text (a
/// link cannot hold a link), there is no back button, and the page says
/// which ending completes it; links in a debrief lead to the lesson's page.
#[test]
fn a_reply_with_a_link_no_back_and_a_strict_pass() {
    let p = crate::fixture::Project::fixture("basic");
    p.write(
        "course/01-start/03-ask.scenario.yaml",
        "title: 问路
roles:
  customer: {name: 客户}
  you: {name: 店员}
allow_back: false
pass: excellent
start: a
nodes:
  - id: a
    speaker: customer
    text: 请问**洗手间**在哪？
    choices:
      - {text: '看[地图](01-definition.md)：二楼左手边。', next: good, score: 1}
      - {text: 不知道。, next: bad, score: -1}
endings:
  - {id: good, rating: excellent, title: 好, debrief: '见[定义](01-definition.md#要点回顾)。'}
  - {id: bad, rating: poor, title: 差}
",
    );
    let run = p.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = p.read("public/start/ask.html");
    assert!(
        html.contains("<span class=\"choice-text\">看<a href=\"definition.html\">地图</a>：二楼左手边。</span> <a class=\"choice-go\" href=\"#e-good\">"),
        "{html}"
    );
    assert!(html.contains("<a class=\"choice-text\" href=\"#e-bad\">不知道。</a>"));
    assert!(!html.contains("scenario-back"), "no back button");
    assert!(html.contains("走到“优秀”或更好的结局即算完成。"));
    assert!(html.contains("<a href=\"definition.html#%E8%A6%81%E7%82%B9%E5%9B%9E%E9%A1%BE\">定义</a>"));
    assert!(
        html.contains("<strong>洗手间</strong>"),
        "inline Markdown in what is said"
    );
}
