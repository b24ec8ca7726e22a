//! The SCORM package in a real SCORM 1.2 runtime: scorm-again's `Scorm12API`
//! in a wrapper page plays the LMS, headless Chromium runs the SCOs.
//!
//! scorm-again comes from npm: `.ci/run` installs it into target/scorm-again;
//! elsewhere set COURSEGEN_SCORM_AGAIN to its dist/scorm12.min.js. Without it
//! (or without Chromium) the test prints SKIPPED, unless
//! COURSEGEN_REQUIRE_BROWSER=1.

use crate::fixture;
use crate::support;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde_json::{Value, json};
use support::browser::{Browser, Page};
use support::http::Server;

const WAIT: Duration = Duration::from_secs(10);

fn scorm_again() -> Option<String> {
    let path = std::env::var_os("COURSEGEN_SCORM_AGAIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("target/scorm-again/node_modules/scorm-again/dist/scorm12.min.js")
        });
    match std::fs::read_to_string(&path) {
        Ok(s) => Some(s),
        Err(e) if std::env::var("COURSEGEN_REQUIRE_BROWSER").as_deref() == Ok("1") => panic!(
            "scorm-again not found at {} ({e}); run `npm install --prefix target/scorm-again scorm-again@3`",
            path.display()
        ),
        Err(_) => {
            eprintln!("SKIPPED: scorm-again not found at {}", path.display());
            None
        }
    }
}

/// The "LMS": scorm-again's SCORM 1.2 API as `window.API`, every call logged in
/// `window.calls`, and the SCO (`?launch=`) in a frame. `?resume=` and `?loc=`
/// preload suspend_data and lesson_location, as an LMS does for a returning learner.
const LMS_HTML: &str = r#"<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>LMS</title>
<link rel="icon" href="data:,">
<script src="scorm12.min.js"></script></head>
<body>
<script>
(function () {
  var q = new URLSearchParams(location.search);
  var api = new Scorm12API({ logLevel: 5, autocommit: false });
  if (q.get("resume")) {
    api.loadFromJSON({ suspend_data: q.get("resume"), core: { lesson_location: q.get("loc") || "" } });
  }
  window.calls = [];
  ["LMSInitialize", "LMSFinish", "LMSGetValue", "LMSSetValue", "LMSCommit"].forEach(function (n) {
    var f = api[n].bind(api);
    api[n] = function (a, b) {
      var r = f(a, b);
      window.calls.push({ fn: n, a: a, b: b, r: String(r), err: String(api.LMSGetLastError()) });
      return r;
    };
  });
  window.API = api;
  var launch = q.get("launch");
  if (launch) {
    var frame = document.createElement("iframe");
    frame.id = "sco";
    frame.title = "SCO";
    frame.style.width = "1100px";
    frame.style.height = "800px";
    frame.src = launch;
    document.body.appendChild(frame);
  }
})();
</script>
</body></html>
"#;

/// The course page shown inside the SCO's launch page.
const INNER: &str =
    "document.getElementById('sco').contentDocument.getElementById('coursegen-scorm-content').contentWindow";

fn inner_page(page: &Page) -> String {
    page.eval(&format!(
        "(() => {{ try {{ return {INNER}.document.body.dataset.page || ''; }} catch (e) {{ return ''; }} }})()"
    ))
    .as_str()
    .unwrap_or_default()
    .to_string()
}

fn wait_inner(page: &Page, url: &str) {
    page.wait_for(
        &format!(
            "{INNER}.document.readyState === 'complete' && {INNER}.document.body.dataset.page === {}",
            json!(url)
        ),
        WAIT,
    );
}

/// The last value the SCO set for `element` (null when never set).
fn last_set(page: &Page, element: &str) -> Value {
    page.eval(&format!(
        "(calls.filter(c => c.fn === 'LMSSetValue' && c.a === {}).map(c => c.b)).pop() ?? null",
        json!(element)
    ))
}

fn wait_set(page: &Page, element: &str, value: &str) {
    page.wait_for(
        &format!(
            "(calls.filter(c => c.fn === 'LMSSetValue' && c.a === {}).map(c => c.b)).pop() === {}",
            json!(element),
            json!(value)
        ),
        WAIT,
    );
}

fn count(page: &Page, f: &str) -> u64 {
    page.eval(&format!("calls.filter(c => c.fn === {}).length", json!(f)))
        .as_u64()
        .unwrap_or(0)
}

/// Opens the LMS page with a fresh localStorage and launches `launch`.
fn start(page: &Page, base: &str, query: &str) {
    page.goto(&format!("{base}lms.html"));
    page.eval("localStorage.clear()");
    page.goto(&format!("{base}lms.html?{query}"));
    page.wait_for(
        "calls.some(c => c.fn === 'LMSInitialize' && c.r === 'true')",
        WAIT,
    );
}

/// Every call the runtime refused (a value it rejected, a call out of order).
fn refused(page: &Page) -> Value {
    page.eval(
        "calls.filter(c => (c.fn === 'LMSSetValue' || c.fn === 'LMSCommit' || c.fn === 'LMSFinish' \
         || c.fn === 'LMSInitialize') && c.r !== 'true')",
    )
}

/// Unloads the SCO as an LMS does when the learner leaves it; returns the calls
/// made while finishing.
fn close_sco(page: &Page) {
    page.eval("document.getElementById('sco').remove()");
    page.wait_for("calls.some(c => c.fn === 'LMSFinish')", WAIT);
    assert_eq!(count(page, "LMSFinish"), 1);
    assert_eq!(page.eval("calls.filter(c => c.fn === 'LMSFinish')[0].r"), "true");
    assert_eq!(last_set(page, "cmi.core.exit"), "suspend");
    let time = last_set(page, "cmi.core.session_time");
    let time = time.as_str().expect("session_time set");
    assert!(
        time.len() == 8 && time.as_bytes()[2] == b':' && time.as_bytes()[5] == b':',
        "{time}"
    );
}

fn open_quiz(page: &Page) {
    page.eval(&format!("{INNER}.document.querySelector('.nav-quiz a').click()"));
    wait_inner(page, "more/quiz.html");
    page.wait_for(
        &format!("{INNER}.document.querySelector('#q-steps .order-item')"),
        WAIT,
    );
}

/// All seven fixture questions answered right, through the quiz's own controls.
const ANSWER_ALL: &str = r#"(() => {
  const w = FRAME;
  const d = w.document;
  for (const id of ['#q-nps-formula-0', '#q-segments-0', '#q-segments-1', '#q-ritz-true']) d.querySelector(id).click();
  for (const [id, v] of [['#q-servqual-count-input', '5'], ['#q-nps-compute-input', '30']]) {
    const i = d.querySelector(id);
    i.value = v;
    i.dispatchEvent(new w.Event('input', { bubbles: true }));
  }
  const ol = d.querySelector('#q-steps ol.ordering');
  [...ol.querySelectorAll('.order-item')]
    .sort((a, b) => Number(a.dataset.item) - Number(b.dataset.item))
    .forEach(li => ol.appendChild(li));
  d.querySelectorAll('#q-moments select').forEach(s => {
    s.value = s.getAttribute('data-left');
    s.dispatchEvent(new w.Event('change', { bubbles: true }));
  });
  d.querySelector('#quiz .submit').click();
  return d.querySelector('.quiz-score').textContent;
})()"#;

fn unzip_into(bytes: &[u8], dir: &Path) {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a valid zip");
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).expect("entry");
        let name = f.name().expect("UTF-8 name").to_string();
        assert!(!name.starts_with('/') && !name.split('/').any(|s| s == ".."));
        let path = dir.join(&name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        let mut data = Vec::new();
        f.read_to_end(&mut data).unwrap();
        std::fs::write(path, data).unwrap();
    }
}

/// SCO launch hrefs from the manifest, in organization order.
fn launch_hrefs(manifest: &str) -> Vec<String> {
    manifest
        .split("<resource ")
        .skip(1)
        .filter(|r| r.contains("adlcp:scormtype=\"sco\""))
        .filter_map(|r| {
            let head = &r[..r.find('>')?];
            let i = head.find(" href=\"")? + 7;
            Some(head[i..i + head[i..].find('"')?].to_string())
        })
        .collect()
}

#[test]
fn scos_report_to_a_real_scorm_12_runtime() {
    let Some(runtime) = scorm_again() else { return };
    let Some(browser) = Browser::launch() else { return };
    let started = std::time::Instant::now();

    let p = fixture::Project::fixture("basic");
    let run = p.run(&["export", "scorm", "--out", "course.zip"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let pkg = tempfile::tempdir().unwrap();
    unzip_into(&std::fs::read(p.path("course.zip")).unwrap(), pkg.path());
    let manifest = std::fs::read_to_string(pkg.path().join("imsmanifest.xml")).unwrap();
    let launches = launch_hrefs(&manifest);
    assert_eq!(launches.len(), 2, "{manifest}");
    std::fs::write(pkg.path().join("scorm12.min.js"), runtime).unwrap();
    std::fs::write(pkg.path().join("lms.html"), LMS_HTML).unwrap();
    let server = Server::serve(pkg.path(), "/lms/");
    let base = server.base_url().to_string();
    let page = browser.page(&format!("{base}lms.html"), 1200, 900);
    let answer_all = ANSWER_ALL.replace("FRAME", INNER);

    // ---- module 2 (quiz, pass mark 60): answered right → passed, 100
    start(&page, &base, &format!("launch={}", launches[1]));
    wait_inner(&page, "more/index.html");
    wait_set(&page, "cmi.core.lesson_status", "incomplete");
    assert_eq!(
        last_set(&page, "cmi.core.score.raw"),
        Value::Null,
        "no score before the quiz"
    );
    open_quiz(&page);
    let score = page.eval(&answer_all);
    assert!(score.as_str().unwrap_or_default().contains("100%"), "{score}");
    wait_set(&page, "cmi.core.lesson_status", "passed");
    wait_set(&page, "cmi.core.score.raw", "100");
    assert_eq!(last_set(&page, "cmi.core.score.min"), "0");
    assert_eq!(last_set(&page, "cmi.core.score.max"), "100");
    wait_set(&page, "cmi.core.lesson_location", "more/quiz.html");
    page.wait_for(
        "(() => { const i = calls.map(c => c.a).lastIndexOf('cmi.core.lesson_status'); \
         return calls.slice(i).some(c => c.fn === 'LMSCommit' && c.r === 'true'); })()",
        WAIT,
    );
    let suspend = last_set(&page, "cmi.suspend_data");
    let suspend = suspend.as_str().expect("suspend_data set").to_string();
    assert!(suspend.chars().count() <= 4096, "{} chars", suspend.len());
    let data: Value = serde_json::from_str(&suspend).expect("suspend_data is JSON");
    assert_eq!(data["q"]["more"], json!([100, 1]), "{suspend}");
    let visited = data["p"].as_array().expect("visited pages");
    assert!(visited.contains(&json!("more/index")), "{suspend}");
    // The runtime itself holds the values (it validated them).
    assert_eq!(page.eval("API.cmi.core.lesson_status"), "passed");
    assert_eq!(page.eval("API.cmi.core.score.raw"), "100");
    assert_eq!(
        count(&page, "LMSInitialize"),
        1,
        "one session across page changes"
    );
    close_sco(&page);
    assert_eq!(refused(&page), json!([]), "every call accepted");

    // ---- a returning learner on another device: suspend_data restores progress
    start(
        &page,
        &base,
        &format!(
            "launch={}&resume={}&loc={}",
            launches[1],
            percent_encode(&suspend),
            "more/quiz.html"
        ),
    );
    wait_inner(&page, "more/quiz.html");
    let record = page.eval(&format!(
        "JSON.parse({INNER}.localStorage.getItem('coursegen:' + {INNER}.document.body.dataset.course + ':quiz:more'))"
    ));
    assert_eq!(record["best"], 100, "{record}");
    assert_eq!(record["passed"], true, "{record}");
    let visited = page.eval(&format!(
        "JSON.parse({INNER}.localStorage.getItem('coursegen:' + {INNER}.document.body.dataset.course + ':visited'))"
    ));
    assert!(visited["more/index.html"].is_string(), "{visited}");
    wait_set(&page, "cmi.core.lesson_status", "passed");
    wait_set(&page, "cmi.core.score.raw", "100");
    close_sco(&page);
    assert_eq!(refused(&page), json!([]), "every call accepted");

    // ---- module 2 submitted unanswered → failed, 0
    start(&page, &base, &format!("launch={}", launches[1]));
    wait_inner(&page, "more/index.html");
    open_quiz(&page);
    page.eval(&format!(
        "{INNER}.document.querySelector('#quiz .submit').click()"
    ));
    wait_set(&page, "cmi.core.lesson_status", "failed");
    wait_set(&page, "cmi.core.score.raw", "0");
    assert_eq!(page.eval("API.cmi.core.lesson_status"), "failed");
    close_sco(&page);
    assert_eq!(refused(&page), json!([]), "every call accepted");

    // ---- module 1 (no module quiz, one quiz among its lessons): its score is
    // that quiz's (the mean of such quizzes), and so is its status
    start(&page, &base, &format!("launch={}", launches[0]));
    wait_inner(&page, "start/index.html");
    wait_set(&page, "cmi.core.lesson_status", "incomplete");
    page.eval(&format!("{INNER}.document.querySelector('.pager-next').click()"));
    wait_inner(&page, "start/definition.html");
    wait_set(&page, "cmi.core.lesson_location", "start/definition.html");
    assert_eq!(last_set(&page, "cmi.core.lesson_status"), "incomplete");
    page.eval(&format!("{INNER}.document.querySelector('.pager-next').click()"));
    wait_inner(&page, "start/check.html");
    assert_eq!(
        last_set(&page, "cmi.core.score.raw"),
        Value::Null,
        "no score before the quiz"
    );
    page.eval(&format!(
        "{INNER}.document.getElementById('q-definition-true').click(); {INNER}.document.querySelector('#quiz .submit').click()"
    ));
    wait_set(&page, "cmi.core.lesson_status", "passed");
    assert_eq!(last_set(&page, "cmi.core.score.raw"), "100");
    page.eval(&format!("{INNER}.document.querySelector('.pager-next').click()"));
    wait_inner(&page, "start/importance.html");
    wait_set(&page, "cmi.core.lesson_location", "start/importance.html");
    assert_eq!(inner_page(&page), "start/importance.html");
    close_sco(&page);
    assert_eq!(refused(&page), json!([]), "every call accepted");

    assert_eq!(page.console_errors(), Vec::<String>::new());
    assert_eq!(page.failed_requests(), Vec::<String>::new());
    eprintln!("SCORM runtime test: {:?}", started.elapsed());
}

fn percent_encode(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// Plays the scenario shown in the SCO's frame through its buttons, from the
/// start (a play resumed at its ending is restarted).
fn play_inner(page: &Page, choices: &[usize]) {
    page.wait_for(
        &format!("{INNER}.document.querySelector('.scenario-player') && !{INNER}.document.querySelector('.scenario-player').hidden"),
        WAIT,
    );
    page.eval(&format!(
        "if (!{INNER}.document.querySelector('.scenario-ending').hidden) {INNER}.document.querySelector('.scenario-restart').click()"
    ));
    for &c in choices {
        page.wait_for(
            &format!("{INNER}.document.querySelectorAll('.choice-list button.choice').length > 0 && !{INNER}.document.querySelector('.choices').hidden"),
            WAIT,
        );
        page.eval(&format!(
            "{INNER}.document.querySelectorAll('.choice-list button.choice')[{c}].click()"
        ));
    }
    page.wait_for(
        &format!("!{INNER}.document.querySelector('.scenario-ending').hidden"),
        WAIT,
    );
}

/// A module with a scenario: passed only once its quiz is passed and the
/// scenario's best ending is good enough; failed when a poor ending is the
/// only graded thing of a module; scenario bests travel in suspend_data.
#[test]
fn scenarios_decide_a_modules_status() {
    let Some(runtime) = scorm_again() else { return };
    let Some(browser) = Browser::launch() else { return };

    let p = fixture::Project::fixture("basic");
    let scenario = include_str!("../data/short.scenario.yaml");
    p.write("course/02-more/02-talk.scenario.yaml", scenario);
    p.write(
        "course/03-talk/index.md",
        "---\ntitle: 第三部分 · 对话\nsummary: 只有一个情景练习。\n---\n\n练习对话。\n",
    );
    p.write("course/03-talk/01-call.scenario.yaml", scenario);
    let run = p.run(&["export", "scorm", "--out", "course.zip"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let pkg = tempfile::tempdir().unwrap();
    unzip_into(&std::fs::read(p.path("course.zip")).unwrap(), pkg.path());
    let manifest = std::fs::read_to_string(pkg.path().join("imsmanifest.xml")).unwrap();
    assert!(!manifest.contains("masteryscore"), "{manifest}");
    let launches = launch_hrefs(&manifest);
    assert_eq!(launches.len(), 3, "{manifest}");
    std::fs::write(pkg.path().join("scorm12.min.js"), runtime).unwrap();
    std::fs::write(pkg.path().join("lms.html"), LMS_HTML).unwrap();
    let server = Server::serve(pkg.path(), "/lms/");
    let base = server.base_url().to_string();
    let page = browser.page(&format!("{base}lms.html"), 1200, 900);

    // ---- module 2: quiz passed, scenario not played → still incomplete
    start(&page, &base, &format!("launch={}", launches[1]));
    wait_inner(&page, "more/index.html");
    open_quiz(&page);
    let score = page.eval(&ANSWER_ALL.replace("FRAME", INNER));
    assert!(score.as_str().unwrap_or_default().contains("100%"), "{score}");
    wait_set(&page, "cmi.core.score.raw", "100");
    let suspend = |page: &Page| -> Value {
        let s = last_set(page, "cmi.suspend_data");
        let s = s.as_str().expect("suspend_data set");
        assert!(s.chars().count() <= 4096, "{} chars", s.len());
        serde_json::from_str(s).expect("suspend_data is JSON")
    };
    page.wait_for(
        "JSON.parse((calls.filter(c => c.a === 'cmi.suspend_data').pop() || {b: '{}'}).b).q?.more",
        WAIT,
    );
    assert_eq!(
        last_set(&page, "cmi.core.lesson_status"),
        "incomplete",
        "the quiz alone does not pass a module with a scenario"
    );
    // A poor ending: every graded thing has a result, one falls short.
    page.eval(&format!(
        "{INNER}.location.assign(new URL('talk.html', {INNER}.location.href).href)"
    ));
    wait_inner(&page, "more/talk.html");
    play_inner(&page, &[1, 1]);
    wait_set(&page, "cmi.core.lesson_status", "failed");
    page.wait_for(
        "JSON.parse(calls.filter(c => c.a === 'cmi.suspend_data').pop().b).s['more/talk']",
        WAIT,
    );
    assert_eq!(suspend(&page)["s"]["more/talk"], json!(["poor", "lost", -2]));
    // The good ending passes it; the score stays the quiz's.
    play_inner(&page, &[0]);
    wait_set(&page, "cmi.core.lesson_status", "passed");
    assert_eq!(last_set(&page, "cmi.core.score.raw"), "100");
    page.wait_for(
        "JSON.parse(calls.filter(c => c.a === 'cmi.suspend_data').pop().b).s['more/talk'][0] === 'excellent'",
        WAIT,
    );
    let data = suspend(&page);
    assert_eq!(
        data["s"]["more/talk"],
        json!(["excellent", "solved", 2]),
        "{data}"
    );
    assert_eq!(data["q"]["more"], json!([100, 1]), "{data}");
    wait_set(&page, "cmi.core.lesson_location", "more/talk.html");
    close_sco(&page);
    assert_eq!(refused(&page), json!([]), "every call accepted");

    // ---- module 3: a scenario is its only graded thing; no score ever
    start(&page, &base, &format!("launch={}", launches[2]));
    wait_inner(&page, "talk/index.html");
    wait_set(&page, "cmi.core.lesson_status", "incomplete");
    page.eval(&format!(
        "{INNER}.location.assign(new URL('call.html', {INNER}.location.href).href)"
    ));
    wait_inner(&page, "talk/call.html");
    play_inner(&page, &[1, 1]);
    wait_set(&page, "cmi.core.lesson_status", "failed");
    assert_eq!(
        last_set(&page, "cmi.core.score.raw"),
        Value::Null,
        "no quiz, no score"
    );
    close_sco(&page);
    assert_eq!(refused(&page), json!([]), "every call accepted");

    // ---- the same learner on another device: the LMS's best ending is
    // restored into this browser's record and passes the module, while a
    // worse one never replaces what this browser has.
    let resume = json!({ "v": 1, "q": {}, "s": { "talk/call": ["acceptable", "calmed", 1], "more/talk": ["poor", "lost", -2] }, "p": [] }).to_string();
    page.goto(&format!("{base}lms.html"));
    page.eval("localStorage.clear()");
    page.goto(&format!(
        "{base}lms.html?launch={}&resume={}",
        launches[2],
        percent_encode(&resume)
    ));
    page.wait_for(
        "calls.some(c => c.fn === 'LMSInitialize' && c.r === 'true')",
        WAIT,
    );
    wait_inner(&page, "talk/index.html");
    wait_set(&page, "cmi.core.lesson_status", "passed");
    let key = page.eval(&format!("{INNER}.document.body.dataset.course"));
    let key = key.as_str().expect("course key").to_string();
    let record = |id: &str| {
        page.eval(&format!(
            "JSON.parse({INNER}.localStorage.getItem({}))",
            json!(format!("coursegen:{key}:scenario:{id}"))
        ))
    };
    assert_eq!(
        record("talk/call")["best"],
        json!({ "ending": "calmed", "rating": "acceptable", "score": 1 })
    );
    assert_eq!(record("talk/call")["passed"], true);
    assert_eq!(record("more/talk")["best"]["ending"], "lost");
    close_sco(&page);
    // Now this browser has an excellent ending for module 2's scenario: a
    // poorer one from the LMS does not lower it.
    page.eval(&format!(
        "localStorage.setItem({}, JSON.stringify({{ format: 1, version: 'x', path: [], best: {{ ending: 'solved', rating: 'excellent', score: 2 }}, passed: true, plays: 1 }}))",
        json!(format!("coursegen:{key}:scenario:more/talk"))
    ));
    page.goto(&format!(
        "{base}lms.html?launch={}&resume={}",
        launches[1],
        percent_encode(&resume)
    ));
    page.wait_for(
        "calls.some(c => c.fn === 'LMSInitialize' && c.r === 'true')",
        WAIT,
    );
    wait_inner(&page, "more/index.html");
    page.wait_for("calls.some(c => c.a === 'cmi.suspend_data')", WAIT);
    assert_eq!(record("more/talk")["best"]["ending"], "solved");
    assert_eq!(
        suspend(&page)["s"]["more/talk"],
        json!(["excellent", "solved", 2])
    );
    assert_eq!(
        last_set(&page, "cmi.core.lesson_status"),
        "incomplete",
        "its quiz was not taken here"
    );
    close_sco(&page);
    assert_eq!(refused(&page), json!([]), "every call accepted");
    assert_eq!(page.console_errors(), Vec::<String>::new());
    assert_eq!(page.failed_requests(), Vec::<String>::new());
}
