//! The bundled course built for a subpath, served under `/sub/` over HTTP and
//! crawled from the home page: every page, stylesheet, script, image and
//! `#anchor` reachable by a link answers and exists. (The same site opened from
//! disk is checked file by file in tests/testsuite/bundled_course.rs.)

use crate::fixture;
use crate::support;

use std::collections::{BTreeSet, HashMap, VecDeque};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::time::Duration;

use fixture::{attribute_values, percent_decode};
use support::http::Server;

/// GET `url` (`http://host:port/path`); (status, body).
fn fetch(url: &str) -> (u16, Vec<u8>) {
    let rest = url.strip_prefix("http://").expect("http url");
    let (host, path) = rest.split_at(rest.find('/').expect("path"));
    let mut s = TcpStream::connect(host).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").expect("headers");
    let code = String::from_utf8_lossy(&raw[..split])
        .split_whitespace()
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    (code, raw[split + 4..].to_vec())
}

/// Resolves a relative reference against a page URL (no query strings here).
fn resolve(base: &str, reference: &str) -> String {
    let dir = &base[..base.rfind('/').unwrap() + 1];
    let (scheme_host, path) = dir.split_at(dir[7..].find('/').unwrap() + 7);
    let mut parts: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    for seg in reference.split('/') {
        match seg {
            "." | "" => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    format!("{scheme_host}/{}", parts.join("/"))
}

#[test]
fn every_link_and_asset_resolves_under_a_subpath() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    coursegen::build(&coursegen::BuildOptions {
        root: Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf(),
        out: Some(out.clone()),
        base_url: Some("https://example.org/sub/".into()),
        ..Default::default()
    })
    .expect("bundled course builds");
    let server = Server::serve(&out, "/sub/");
    let start = format!("{}index.html", server.base_url());
    let mut queue = VecDeque::from([start.clone()]);
    let mut seen = BTreeSet::from([start]);
    let mut pages: HashMap<String, String> = HashMap::new();
    let mut anchors: Vec<(String, String, String)> = Vec::new();
    let mut problems = Vec::new();
    while let Some(url) = queue.pop_front() {
        let (code, body) = fetch(&url);
        if code != 200 {
            problems.push(format!("{url}: HTTP {code}"));
            continue;
        }
        if !url.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8(body).expect("utf-8 page");
        for reference in attribute_values(&html, &["href", "src"]) {
            if reference.contains("://") || reference.starts_with("mailto:") || reference.starts_with("data:")
            {
                continue;
            }
            let (path, fragment) = match reference.split_once('#') {
                Some((p, f)) => (p, Some(f)),
                None => (reference.as_str(), None),
            };
            let target = if path.is_empty() {
                url.clone()
            } else {
                resolve(&url, &percent_decode(path))
            };
            if let Some(f) = fragment.filter(|f| !f.is_empty()) {
                anchors.push((url.clone(), target.clone(), percent_decode(f)));
            }
            if seen.insert(target.clone()) {
                queue.push_back(target);
            }
        }
        pages.insert(url, html);
    }
    for (from, target, id) in anchors {
        if let Some(html) = pages.get(&target)
            && !html.contains(&format!("id=\"{id}\""))
        {
            problems.push(format!("{from}: #{id} not on {target}"));
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
    assert!(pages.len() > 60, "crawled only {} pages", pages.len());
    for needed in [
        "static/style.css",
        "static/site.js",
        "static/quiz.js",
        "calculator.html",
        "progress.html",
    ] {
        assert!(
            seen.contains(&format!("{}{needed}", server.base_url())),
            "{needed} never linked"
        );
    }
}
