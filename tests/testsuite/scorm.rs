//! `coursegen export scorm`: the SCORM 1.2 package of the fixture course and of
//! the bundled course — manifest structure, every file listed once, safe
//! relative hrefs, mastery scores, the runtime script only in the package, and
//! byte-identical repeated exports.

use crate::fixture;

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

use fixture::Project;

/// Every entry of the zip: path → bytes. Also checks each entry's timestamp.
fn unzip(bytes: &[u8]) -> BTreeMap<String, Vec<u8>> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a valid zip");
    let mut out = BTreeMap::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).expect("entry");
        let name = f.name().expect("a UTF-8 name").to_string();
        let modified = f.last_modified().expect("a timestamp");
        assert_eq!(
            (modified.year(), modified.month(), modified.day()),
            (1980, 1, 1),
            "{name}: fixed timestamp"
        );
        let mut data = Vec::new();
        f.read_to_end(&mut data).expect("read entry");
        assert!(out.insert(name, data).is_none(), "duplicate entry");
    }
    out
}

/// Values of `attr="…"` in every `<tag …>` of `xml`, in order.
fn attrs(xml: &str, tag: &str, attr: &str) -> Vec<String> {
    elements(xml, tag)
        .iter()
        .filter_map(|e| attr_of(e, attr))
        .collect()
}

/// The start tags `<tag …>` of `xml`.
fn elements<'a>(xml: &'a str, tag: &str) -> Vec<&'a str> {
    let open = format!("<{tag} ");
    let mut out = Vec::new();
    let mut rest = xml;
    while let Some(i) = rest.find(&open) {
        let end = rest[i..].find('>').expect("tag ends") + i;
        out.push(&rest[i..=end]);
        rest = &rest[end..];
    }
    out
}

fn attr_of(element: &str, attr: &str) -> Option<String> {
    let needle = format!(" {attr}=\"");
    let i = element.find(&needle)? + needle.len();
    let end = element[i..].find('"')? + i;
    Some(element[i..end].to_string())
}

/// The `<resource>` blocks, each with its start tag and its `<file>` hrefs.
fn resources(xml: &str) -> Vec<(String, Vec<String>)> {
    xml.split("<resource ")
        .skip(1)
        .map(|block| {
            let block = block.split("</resource>").next().expect("block");
            let head = format!("<resource {}", &block[..=block.find('>').expect("tag")]);
            (head, attrs(block, "file", "href"))
        })
        .collect()
}

fn export(p: &Project, out: &str) -> Vec<u8> {
    let run = p.run(&["export", "scorm", "--out", out]);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("wrote"), "{}", run.stdout);
    std::fs::read(p.path(out)).expect("the zip")
}

/// Checks the manifest against the zip; returns it.
fn check_package(files: &BTreeMap<String, Vec<u8>>, modules: usize) -> String {
    let manifest = String::from_utf8(files["imsmanifest.xml"].clone()).expect("UTF-8 manifest");
    assert!(manifest.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
    assert!(manifest.contains("xmlns=\"http://www.imsproject.org/xsd/imscp_rootv1p1p2\""));
    assert!(manifest.contains("xmlns:adlcp=\"http://www.adlnet.org/xsd/adlcp_rootv1p2\""));
    assert!(manifest.contains("<schema>ADL SCORM</schema>"));
    assert!(manifest.contains("<schemaversion>1.2</schemaversion>"));
    assert_eq!(elements(&manifest, "organization").len(), 1);
    let items = elements(&manifest, "item");
    assert_eq!(items.len(), modules, "one item per module");

    let res = resources(&manifest);
    let scos: Vec<_> = res
        .iter()
        .filter(|(head, _)| head.contains("adlcp:scormtype=\"sco\""))
        .collect();
    assert_eq!(scos.len(), modules, "one SCO per module");
    for item in &items {
        let r = attr_of(item, "identifierref").expect("identifierref");
        assert!(
            scos.iter()
                .any(|(h, _)| attr_of(h, "identifier").as_deref() == Some(&r)),
            "{item} names a SCO"
        );
    }

    // Every href relative and inside the package; every file listed exactly once.
    let mut listed: Vec<String> = Vec::new();
    for (head, hrefs) in &res {
        if let Some(h) = attr_of(head, "href") {
            assert!(
                hrefs.contains(&h),
                "the launch file is one of the resource's files: {head}"
            );
        }
        for h in hrefs.iter().chain(attr_of(head, "href").iter()) {
            assert!(
                !h.starts_with('/') && !h.contains("://") && !h.contains('\\'),
                "absolute href {h}"
            );
            assert!(
                !h.split('/').any(|s| s == ".." || s == "."),
                "href {h} leaves its folder"
            );
            assert!(
                h.bytes().all(|b| b.is_ascii_graphic() && b != b'"' && b != b'<'),
                "href {h} is URI-encoded"
            );
        }
        listed.extend(hrefs.iter().map(|h| fixture::percent_decode(h)));
    }
    let mut sorted = listed.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted.len(), listed.len(), "a file is listed twice");
    let in_zip: Vec<String> = files
        .keys()
        .filter(|k| *k != "imsmanifest.xml")
        .cloned()
        .collect();
    assert_eq!(sorted, in_zip, "the manifest lists exactly the package's files");
    for name in files.keys() {
        assert!(
            !name.starts_with('/') && !name.split('/').any(|s| s == ".." || s.is_empty()),
            "zip entry {name}"
        );
    }
    manifest
}

/// Well-formed XML, when xmllint is installed (no schema download).
fn xmllint(manifest: &str) {
    let Ok(out) = std::process::Command::new("which").arg("xmllint").output() else {
        return;
    };
    if !out.status.success() {
        eprintln!("note: xmllint not installed; manifest well-formedness not checked by it");
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("imsmanifest.xml");
    std::fs::write(&path, manifest).expect("write");
    let run = std::process::Command::new("xmllint")
        .arg("--noout")
        .arg(&path)
        .output()
        .expect("xmllint runs");
    assert!(
        run.status.success(),
        "xmllint: {}",
        String::from_utf8_lossy(&run.stderr)
    );
}

fn write_all(files: &BTreeMap<String, Vec<u8>>, dir: &Path) {
    for (name, bytes) in files {
        let p = dir.join(name);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::fs::write(p, bytes).expect("write");
    }
}

#[test]
fn fixture_package_lists_every_file_and_has_mastery_scores() {
    let p = Project::fixture("basic");
    let bytes = export(&p, "course.zip");
    let files = unzip(&bytes);
    let manifest = check_package(&files, 2);
    xmllint(&manifest);

    // Module 2 has a quiz (pass mark 60), module 1 none.
    let items = elements(&manifest, "item");
    let blocks: Vec<&str> = manifest.split("<item ").skip(1).collect();
    assert_eq!(blocks.len(), items.len());
    assert!(
        !blocks[0]
            .split("</item>")
            .next()
            .unwrap()
            .contains("masteryscore")
    );
    assert!(
        blocks[1]
            .split("</item>")
            .next()
            .unwrap()
            .contains("<adlcp:masteryscore>60</adlcp:masteryscore>"),
        "{manifest}"
    );
    assert!(manifest.contains("<title>测试课程</title>"), "{manifest}");

    // The SCOs launch their module's launch page, which starts at the overview.
    let launches: Vec<String> = resources(&manifest)
        .iter()
        .filter(|(h, _)| h.contains("\"sco\""))
        .filter_map(|(h, _)| attr_of(h, "href"))
        .collect();
    assert_eq!(launches, ["_scorm/module-01.html", "_scorm/module-02.html"]);
    let launch = String::from_utf8(files["_scorm/module-02.html"].clone()).unwrap();
    assert!(launch.contains("data-src=\"../more/index.html\""), "{launch}");
    assert!(
        launch.contains("<script src=\"../static/scorm.js\"></script>"),
        "{launch}"
    );
    assert!(launch.contains("\"passMark\":60"), "{launch}");
    assert!(files.contains_key("static/scorm.js"));

    // The runtime script in every page, with a path that works from its folder.
    for (name, bytes) in files.iter().filter(|(n, _)| n.ends_with(".html")) {
        let html = String::from_utf8_lossy(bytes);
        let depth = name.matches('/').count();
        let tag = format!(
            "<script src=\"{}static/scorm.js\"></script>\n</body>",
            "../".repeat(depth)
        );
        assert_eq!(html.matches("static/scorm.js").count(), 1, "{name}");
        assert!(html.contains(&tag), "{name} loads scorm.js before </body>");
    }

    // Every link of the unpacked package resolves.
    let dir = tempfile::tempdir().unwrap();
    write_all(&files, dir.path());
    let broken = fixture::broken_links(dir.path());
    assert!(broken.is_empty(), "{broken:#?}");

    // The normal site is unchanged: no SCORM script, no launch pages.
    let run = p.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!p.path("public/static/scorm.js").exists());
    assert!(!p.path("public/_scorm").exists());
    for entry in walkdir::WalkDir::new(p.path("public")) {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|e| e == "html") {
            let html = std::fs::read_to_string(entry.path()).unwrap();
            assert!(!html.contains("scorm"), "{}", entry.path().display());
        }
    }
}

/// Module 2 of the fixture with a scenario beside its quiz, and a third
/// module whose only graded thing is a scenario: neither has a mastery score
/// (the launch page reports their status), and their launch pages know every
/// scenario of the course and which are their own.
#[test]
fn modules_with_scenarios_have_no_mastery_score() {
    let p = Project::fixture("basic");
    let scenario = include_str!("../data/short.scenario.yaml");
    p.write("course/02-more/02-talk.scenario.yaml", scenario);
    p.write(
        "course/03-talk/index.md",
        "---\ntitle: 第三部分 · 对话\nsummary: 只有一个情景练习。\n---\n\n练习对话。\n",
    );
    p.write("course/03-talk/01-call.scenario.yaml", scenario);
    let files = unzip(&export(&p, "course.zip"));
    let manifest = check_package(&files, 3);
    xmllint(&manifest);
    assert_eq!(manifest.matches("masteryscore").count(), 0, "{manifest}");

    let config = |n: usize| -> serde_json::Value {
        let html = String::from_utf8(files[&format!("_scorm/module-{n:02}.html")].clone()).unwrap();
        let start = html.find("id=\"coursegen-scorm\">").expect("config") + "id=\"coursegen-scorm\">".len();
        let end = start + html[start..].find("</script>").expect("config end");
        serde_json::from_str(&html[start..end]).expect("config JSON")
    };
    let all = serde_json::json!({
        "more/talk": {"version": config(2)["scenarios"]["more/talk"]["version"], "pass": "acceptable",
                      "endings": {"solved": "excellent", "calmed": "acceptable", "lost": "poor"}},
        "talk/call": {"version": config(2)["scenarios"]["talk/call"]["version"], "pass": "acceptable",
                      "endings": {"solved": "excellent", "calmed": "acceptable", "lost": "poor"}},
    });
    assert!(all["more/talk"]["version"].is_string(), "{all}");
    for (n, practised, scored) in [
        (1, serde_json::json!([]), serde_json::json!(["start/check"])),
        (2, serde_json::json!(["more/talk"]), serde_json::json!(["more"])),
        (3, serde_json::json!(["talk/call"]), serde_json::json!([])),
    ] {
        let c = config(n);
        assert_eq!(c["scenarios"], all, "module {n}");
        assert_eq!(c["practised"], practised, "module {n}");
        assert_eq!(c["scored"], scored, "module {n}");
    }
    // A later session may resume on the scenario page.
    assert!(
        config(2)["pages"]
            .as_array()
            .unwrap()
            .contains(&"more/talk.html".into())
    );
    assert_eq!(config(3)["lessons"], serde_json::json!(["talk/index.html"]));
}

#[test]
fn exports_are_byte_identical() {
    let p = Project::fixture("basic");
    let a = export(&p, "a.zip");
    // A later second, a touched source file: nothing of that reaches the zip.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let intro = p.read("course/introduction.md");
    p.write("course/introduction.md", intro);
    let b = export(&p, "b.zip");
    assert!(a == b, "two exports of the same course differ");
    let names: Vec<String> = unzip(&a).into_keys().collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted);
}

#[test]
fn bundled_course_package() {
    let out = tempfile::tempdir().unwrap();
    let zip_path = out.path().join("course.zip");
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_coursegen"))
        .args(["export", "scorm", "--root", env!("CARGO_MANIFEST_DIR"), "--out"])
        .arg(&zip_path)
        .output()
        .expect("coursegen runs");
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let bytes = std::fs::read(&zip_path).unwrap();
    eprintln!("bundled course package: {} bytes", bytes.len());
    let files = unzip(&bytes);
    let manifest = check_package(&files, 9);
    xmllint(&manifest);
    // Every bundled module has a quiz; modules 2 and 3 also have scenarios,
    // so the LMS must not judge them by the score alone.
    assert_eq!(manifest.matches("<adlcp:masteryscore>").count(), 7, "{manifest}");
    for (n, practised) in [
        (
            2,
            "[\"core-elements/phone-for-grandma\",\"core-elements/seventieth-birthday\"]",
        ),
        (3, "[\"techniques/late-delivery\",\"techniques/member-leaving\"]"),
    ] {
        let item = manifest
            .split(&format!("<item identifier=\"ITEM-{n:02}\""))
            .nth(1)
            .and_then(|rest| rest.split("</item>").next())
            .expect("the module's item");
        assert!(!item.contains("masteryscore"), "{item}");
        let launch = String::from_utf8(files[&format!("_scorm/module-{n:02}.html")].clone()).unwrap();
        assert!(launch.contains(&format!("\"practised\":{practised}")), "{launch}");
    }
    assert!(bytes.len() < 5_000_000, "{} bytes", bytes.len());
}

#[test]
fn broken_course_exports_nothing() {
    let p = Project::fixture("basic");
    p.write("course/02-more/quiz.yaml", "title: t\nquestions: []\n");
    let run = p.run(&["export", "scorm", "--out", "course.zip"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(!p.path("course.zip").exists());
}
