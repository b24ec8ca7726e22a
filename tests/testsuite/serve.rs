//! The dev server, started in-process on a free port: pages, 404, refused
//! traversal, reload events, the error overlay and a storm of edits.

use crate::fixture;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use coursegen::BuildOptions;
use coursegen::serve::{ServeEvent, ServeOptions, ServerHandle, start};
use fixture::Project;

fn serve(p: &Project) -> ServerHandle {
    serve_reporting(p).0
}

/// Also returns, for every successful build, whether it was incremental.
/// The dev server's options for the project `p` on a free local port.
fn options(p: &Project) -> ServeOptions {
    ServeOptions {
        build: BuildOptions {
            root: p.dir.path().to_path_buf(),
            ..Default::default()
        },
        bind: "127.0.0.1".parse().unwrap(),
        port: 0,
    }
}

fn serve_reporting(p: &Project) -> (ServerHandle, Arc<Mutex<Vec<bool>>>) {
    let opts = options(p);
    let builds = Arc::new(Mutex::new(Vec::new()));
    let seen = builds.clone();
    let report = Arc::new(move |e: ServeEvent| {
        if let ServeEvent::Built { incremental, .. } = e {
            seen.lock().unwrap().push(incremental);
        }
    });
    (start(opts, report).expect("server starts"), builds)
}

/// Sends a raw request line, returns (status code, headers, body).
fn get(addr: SocketAddr, method: &str, target: &str) -> (u16, String, Vec<u8>) {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(s, "{method} {target} HTTP/1.1\r\nHost: localhost\r\n\r\n").unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("headers end");
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let code = head.split_whitespace().nth(1).unwrap().parse().unwrap();
    (code, head, raw[split + 4..].to_vec())
}

fn text(addr: SocketAddr, target: &str) -> String {
    String::from_utf8(get(addr, "GET", target).2).unwrap()
}

/// Reads the event stream until `event: <name>` arrives (or the timeout).
struct Events(BufReader<TcpStream>);

impl Events {
    fn open(addr: SocketAddr) -> Events {
        let mut s = TcpStream::connect(addr).unwrap();
        s.set_read_timeout(Some(Duration::from_millis(200))).unwrap();
        write!(s, "GET /__coursegen/events HTTP/1.1\r\nHost: localhost\r\n\r\n").unwrap();
        let mut e = Events(BufReader::new(s));
        assert!(e.wait_for("hello", Duration::from_secs(5)), "hello event");
        e
    }

    fn wait_for(&mut self, name: &str, timeout: Duration) -> bool {
        let deadline = Instant::now() + timeout;
        let want = format!("event: {name}");
        let mut line = String::new();
        while Instant::now() < deadline {
            line.clear();
            match self.0.read_line(&mut line) {
                Ok(0) => return false,
                Ok(_) if line.trim_end() == want => return true,
                _ => {}
            }
        }
        false
    }
}

#[test]
fn serves_pages_assets_and_the_sites_404() {
    let p = Project::fixture("basic");
    let server = serve(&p);
    let addr = server.addr();
    let (code, head, body) = get(addr, "GET", "/");
    assert_eq!(code, 200);
    assert!(head.contains("Content-Type: text/html; charset=utf-8"));
    assert!(head.contains("X-Content-Type-Options: nosniff"));
    let html = String::from_utf8(body).unwrap();
    assert!(
        html.contains("<script src=\"/__coursegen/live.js\"></script>"),
        "reload client injected"
    );
    let (code, head, _) = get(addr, "GET", "/static/style.css");
    assert_eq!(code, 200);
    assert!(head.contains("text/css"));
    let (code, head, _) = get(addr, "GET", "/assets/logo.png");
    assert_eq!(code, 200);
    assert!(head.contains("image/png"));
    assert!(text(addr, "/start/definition.html").contains("服务卓越是持续超越客户期望的能力"));
    assert!(text(addr, "/start/").contains("第一部分 · 开始"));
    let (code, _, body) = get(addr, "GET", "/no/such/page.html");
    assert_eq!(code, 404);
    assert!(String::from_utf8(body).unwrap().contains("页面未找到"));
    let (code, _, body) = get(addr, "HEAD", "/");
    assert_eq!((code, body.len()), (200, 0));
    let (code, head, _) = get(addr, "POST", "/");
    assert_eq!(code, 405);
    assert!(head.contains("Allow: GET, HEAD"));
    // The files on disk are not touched: serve builds in memory.
    assert!(!p.path("public").exists());
    server.stop();
}

#[test]
fn never_serves_a_file_outside_the_site() {
    let p = Project::fixture("basic");
    p.write("secret.txt", "TOP-SECRET");
    std::os::unix::fs::symlink(p.path("secret.txt"), p.path("course/assets/leak.txt")).unwrap();
    let server = serve(&p);
    let addr = server.addr();
    for target in [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/..%2fsecret.txt",
        "/%2e%2e%2fsecret.txt",
        "/assets/..%2f..%2fsecret.txt",
        "/%5c..%5csecret.txt",
        "/..\\secret.txt",
        "//secret.txt",
        "/secret.txt%00.html",
        "http://localhost/../secret.txt",
        "/assets/leak.txt",
        "/../course/course.yaml",
        "/course.yaml",
    ] {
        let (code, _, body) = get(addr, "GET", target);
        assert_ne!(code, 200, "{target} was served");
        let body = String::from_utf8_lossy(&body);
        assert!(
            !body.contains("TOP-SECRET") && !body.contains("title: 测试课程"),
            "{target} leaked"
        );
    }
    server.stop();
}

#[test]
fn an_edit_reloads_and_a_broken_edit_is_served_with_its_errors_until_fixed() {
    let p = Project::fixture("basic");
    let server = serve(&p);
    let addr = server.addr();
    let mut events = Events::open(addr);

    p.write(
        "course/02-more/01-nps.md",
        "---\ntitle: 净推荐值\n---\n\n## 计算方法\n\n新的正文一。\n",
    );
    assert!(
        events.wait_for("reload", Duration::from_secs(10)),
        "reload after an edit"
    );
    assert!(text(addr, "/more/nps.html").contains("新的正文一。"));

    // A typo in the front matter and a link to a missing page: the page is
    // served as far as it renders, the link marked, and the status lists
    // both errors.
    p.write(
        "course/02-more/01-nps.md",
        "---\ntitle: 净推荐值\nsumary: 拼错\n---\n\n## 计算方法\n\n坏的版本，见[不存在](03-missing.md)。\n",
    );
    assert!(
        events.wait_for("reload", Duration::from_secs(10)),
        "reload after a broken edit: its pages are served"
    );
    let status: serde_json::Value = serde_json::from_str(&text(addr, "/__coursegen/status")).unwrap();
    assert_eq!(status["state"], "partial", "{status}");
    let errors = status["errors"].to_string();
    assert!(errors.contains("course/02-more/01-nps.md:3:1"), "{errors}");
    assert!(errors.contains("unknown field `sumary`"), "{errors}");
    assert!(errors.contains("course/02-more/01-nps.md:8:7"), "{errors}");
    assert_eq!(status["errors"].as_array().map(Vec::len), Some(2), "{status}");
    assert!(
        status["strings"]["partial"]
            .as_str()
            .is_some_and(|s| s.contains("{n}"))
    );
    let page = text(addr, "/more/nps.html");
    assert!(
        page.contains("坏的版本"),
        "the page is served as it renders:\n{page}"
    );
    assert!(
        page.contains("href=\"#coursegen-broken:03-missing.md\""),
        "the broken link is marked"
    );
    // Every other page is there too.
    assert!(text(addr, "/start/definition.html").contains("服务卓越是持续超越客户期望的能力"));

    p.write(
        "course/02-more/01-nps.md",
        "---\ntitle: 净推荐值\n---\n\n## 计算方法\n\n修好了。\n",
    );
    assert!(
        events.wait_for("reload", Duration::from_secs(10)),
        "reload after the fix"
    );
    let status: serde_json::Value = serde_json::from_str(&text(addr, "/__coursegen/status")).unwrap();
    assert_eq!(status["errors"].as_array().map(Vec::len), Some(0));
    assert_eq!(status["state"], "ok");
    assert!(text(addr, "/more/nps.html").contains("修好了。"));

    // Nothing renders without a usable course.yaml: the last good site
    // stays, and the status says so.
    p.write("course/course.yaml", "title: [unclosed\n");
    assert!(
        events.wait_for("status", Duration::from_secs(10)),
        "status event when nothing renders"
    );
    let status: serde_json::Value = serde_json::from_str(&text(addr, "/__coursegen/status")).unwrap();
    assert_eq!(status["state"], "failed-last-good", "{status}");
    assert!(text(addr, "/more/nps.html").contains("修好了。"));
    server.stop();
}

/// A course that cannot be built at all when the server starts: nothing is
/// served, and neither the status nor the command says there is an earlier
/// version.
#[test]
fn a_first_build_that_renders_nothing_says_there_is_nothing_yet() {
    let p = Project::fixture("basic");
    p.write("course/course.yaml", "title: [unclosed\n");
    let failures = Arc::new(Mutex::new(Vec::new()));
    let seen = failures.clone();
    let opts = options(&p);
    let report = Arc::new(move |e: ServeEvent| {
        if let ServeEvent::Failed {
            serving_last_good, ..
        } = e
        {
            seen.lock().unwrap().push(serving_last_good);
        }
    });
    let server = start(opts, report).expect("server starts");
    assert_eq!(*failures.lock().unwrap(), [false]);
    let status: serde_json::Value =
        serde_json::from_str(&text(server.addr(), "/__coursegen/status")).unwrap();
    assert_eq!(status["state"], "failed-nothing", "{status}");
    assert!(
        status["errors"].to_string().contains("course/course.yaml:1:"),
        "{status}"
    );
    let (code, _, _) = get(server.addr(), "GET", "/index.html");
    assert_eq!(code, 404);
    server.stop();
}

/// `coursegen serve` run in the project folder, as the README says, has the
/// root `.`; the watcher reports absolute paths, which must still count.
#[test]
fn the_command_in_the_project_folder_reloads_after_an_edit() {
    let p = Project::fixture("basic");
    /// Stops the server however the test ends.
    struct Killed(std::process::Child);
    impl Drop for Killed {
        fn drop(&mut self) {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
    let mut child = Killed(
        std::process::Command::new(env!("CARGO_BIN_EXE_coursegen"))
            .args(["serve", "--port", "0"])
            .current_dir(p.dir.path())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap(),
    );
    let mut out = BufReader::new(child.0.stdout.take().unwrap());
    let mut line = String::new();
    let addr: SocketAddr = loop {
        line.clear();
        assert_ne!(
            out.read_line(&mut line).unwrap(),
            0,
            "the server said where it listens"
        );
        if let Some(rest) = line.split("http://").nth(1) {
            break rest.split('/').next().unwrap().parse().unwrap();
        }
    };
    let mut events = Events::open(addr);
    p.write(
        "course/02-more/01-nps.md",
        "---\ntitle: 净推荐值\n---\n\n## 计算方法\n\n从项目文件夹改的正文。\n",
    );
    let reloaded = events.wait_for("reload", Duration::from_secs(10));
    let page = text(addr, "/more/nps.html");
    drop(child);
    assert!(reloaded, "reload after an edit");
    assert!(page.contains("从项目文件夹改的正文。"));
}

#[test]
fn editor_temp_files_do_not_rebuild() {
    let p = Project::fixture("basic");
    let server = serve(&p);
    let mut events = Events::open(server.addr());
    p.write("course/02-more/.01-nps.md.swp", "swap");
    p.write("course/02-more/01-nps.md~", "backup");
    assert!(
        !events.wait_for("reload", Duration::from_millis(600)),
        "swap files trigger nothing"
    );
    server.stop();
}

#[test]
fn a_storm_of_edits_leaves_the_server_alive_and_current() {
    let p = Project::fixture("basic");
    let server = serve(&p);
    let addr = server.addr();
    for i in 0..200 {
        let body = if i % 3 == 0 {
            format!("---\ntitle: [坏 {i}\n---\n")
        } else {
            format!("---\ntitle: 净推荐值\n---\n\n## 计算方法\n\n版本 {i}。\n")
        };
        p.write("course/02-more/01-nps.md", body);
        if i % 20 == 0 {
            std::thread::sleep(Duration::from_millis(5));
        }
    }
    p.write(
        "course/02-more/01-nps.md",
        "---\ntitle: 净推荐值\n---\n\n## 计算方法\n\n最终版本。\n",
    );
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        if text(addr, "/more/nps.html").contains("最终版本。") {
            break;
        }
        assert!(Instant::now() < deadline, "final state never served");
        std::thread::sleep(Duration::from_millis(50));
    }
    let (code, _, _) = get(addr, "GET", "/");
    assert_eq!(code, 200);
    server.stop();
}

/// The served page without the reload client the dev server adds.
fn served(addr: SocketAddr, target: &str) -> String {
    text(addr, target).replace("<script src=\"/__coursegen/live.js\"></script>\n", "")
}

#[test]
fn updated_pages_equal_a_full_build_of_the_same_files() {
    let p = Project::fixture("basic");
    let (server, builds) = serve_reporting(&p);
    let addr = server.addr();
    let mut events = Events::open(addr);
    // A body-only edit (updated in place) that makes the lesson longer...
    let long = "很长的新正文。".repeat(200);
    p.write(
        "course/01-start/02-importance.md",
        format!("---\ntitle: 重要性\n---\n\n## 为什么重要\n\n{long}\n"),
    );
    assert!(events.wait_for("reload", Duration::from_secs(10)));
    // ...then a title change (navigation on every page changes).
    p.write(
        "course/02-more/01-nps.md",
        "---\ntitle: 净推荐值（新标题）\n---\n\n## 计算方法\n\n正文。\n",
    );
    assert!(events.wait_for("reload", Duration::from_secs(10)));
    // The reload event goes out before the build is reported: give it a moment.
    // On a loaded machine the watcher may report one save twice (two
    // in-place updates of the same edit).
    let settled = |b: &[bool]| b.len() >= 3 && b.last() == Some(&false);
    let deadline = Instant::now() + Duration::from_secs(5);
    while !settled(&builds.lock().unwrap()) && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(10));
    }
    let b = builds.lock().unwrap().clone();
    assert!(
        settled(&b) && !b[0] && b[1..b.len() - 1].iter().all(|&in_place| in_place),
        "full, then the body edit in place, then full: {b:?}"
    );
    let run = p.run(&["build", "--out", "full"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for page in [
        "start/importance.html",
        "start/index.html",
        "more/nps.html",
        "start/definition.html",
        "index.html",
    ] {
        assert_eq!(
            served(addr, &format!("/{page}")),
            p.read(&format!("full/{page}")),
            "{page} differs"
        );
    }
    assert!(
        p.read("full/start/index.html").contains("阅读约 5 分钟"),
        "the overview shows the new reading time"
    );
    assert!(
        p.read("full/start/definition.html")
            .contains("净推荐值（新标题）"),
        "sidebars show the new title"
    );
    server.stop();
}

#[test]
fn search_index_follows_an_in_place_edit() {
    let p = Project::fixture("basic");
    let server = serve(&p);
    let addr = server.addr();
    let mut events = Events::open(addr);
    p.write(
        "course/02-more/01-nps.md",
        "---\ntitle: 净推荐值\n---\n\n## 计算方法\n\n独一无二的琉璃瓦词。\n",
    );
    assert!(events.wait_for("reload", Duration::from_secs(10)));
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let manifest = text(addr, "/static/search/index.js");
        let entries: Vec<String> = (0..64).map(|i| format!("/static/search/e{i}.js")).collect();
        let found = entries.iter().any(|s| {
            let (code, _, body) = get(addr, "GET", s);
            code == 200 && String::from_utf8_lossy(&body).contains("琉璃瓦")
        });
        if found {
            assert!(manifest.contains("__coursegenSearch"), "{manifest}");
            break;
        }
        assert!(Instant::now() < deadline, "the search text never showed the edit");
        std::thread::sleep(Duration::from_millis(100));
    }
    server.stop();
}
