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
