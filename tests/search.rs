//! Search: the tokenizer (sub-words, Traditional queries, mixed scripts,
//! full-width), ranking (title > heading > body), the index over a small
//! Chinese course and the bundled course, and agreement of the Rust tokenizer
//! with the one in templates/search.js (run in headless Chromium).

mod support;

use std::path::{Path, PathBuf};
use std::time::Duration;

use coursegen::search::tokenize::{Mode, normalize, tokenize};
use coursegen::search::{Entry, Index, IndexWriter, count_page, postings, t2s};
use support::browser::Browser;

fn toks(s: &str) -> Vec<String> {
    tokenize(s, Mode::Query).into_iter().map(|t| t.text).collect()
}

fn index_toks(s: &str) -> Vec<String> {
    tokenize(s, Mode::Index).into_iter().map(|t| t.text).collect()
}

#[test]
fn cjk_runs_become_bigrams() {
    assert_eq!(toks("客户满意度"), ["客户", "户满", "满意", "意度"]);
    assert_eq!(index_toks("客户满意度"), ["客户", "户满", "满意", "意度", "度"]);
    assert_eq!(toks("服"), ["服"]);
    assert_eq!(index_toks("服"), ["服"]);
    // Punctuation splits runs.
    assert_eq!(toks("服务，卓越。"), ["服务", "卓越"]);
    let starts: Vec<usize> = tokenize("一个 服务", Mode::Query)
        .iter()
        .map(|t| t.start)
        .collect();
    assert_eq!(starts, [0, 3]);
}

#[test]
fn traditional_full_width_and_case_are_normalised() {
    assert_eq!(toks("服務"), toks("服务"));
    assert_eq!(toks("滿意"), ["满意"]);
    assert_eq!(toks("顧客"), ["顾客"]);
    assert_eq!(toks("質量"), ["质量"]);
    assert_eq!(toks("時刻"), ["时刻"]);
    assert_eq!(toks("體驗"), ["体验"]);
    assert_eq!(toks("員工"), ["员工"]);
    assert_eq!(toks("卓越"), ["卓越"]);
    assert_eq!(toks("ＮＰＳ　６８"), ["nps", "68"]);
    assert_eq!(toks("Net Promoter"), ["net", "promoter"]);
    assert_eq!(normalize("ＡｂＣ，服務"), "abc,服务");
    // Normalising never moves offsets.
    let s = "Ｓｅｒｖｉｃｅ服務";
    assert_eq!(normalize(s).chars().count(), s.chars().count());
}

#[test]
fn mixed_scripts_split_into_words_and_bigrams() {
    assert_eq!(toks("NPS的计算"), ["nps", "的计", "计算"]);
    assert_eq!(toks("2000美元"), ["2000", "美元"]);
    assert_eq!(toks("NPS 68"), ["nps", "68"]);
    assert_eq!(
        toks("SERVQUAL模型5个维度"),
        ["servqual", "模型", "5", "个维", "维度"]
    );
    assert_eq!(toks("e-mail café"), ["e", "mail", "café"]);
    assert_eq!(toks("  ——  "), Vec::<String>::new());
}

#[test]
fn the_traditional_table_is_consistent() {
    let mut seen = std::collections::HashMap::new();
    let mut n = 0;
    for (t, s) in t2s::pairs() {
        n += 1;
        assert_ne!(t, s, "identity pair {t}");
        if let Some(prev) = seen.insert(t, s) {
            assert_eq!(prev, s, "{t} maps to {prev} and {s}");
        }
    }
    assert!(n >= 300, "{n} pairs");
    assert_eq!(
        t2s::PAIRS.split_whitespace().count(),
        n,
        "every pair is two characters"
    );
    for s in seen.values() {
        assert!(!seen.contains_key(s), "{s} is itself mapped (chain)");
    }
}

fn entry(url: &str, title: &str, headings: &[&str], text: &str) -> Entry {
    Entry {
        url: url.into(),
        title: title.into(),
        module: Some("模块".into()),
        headings: headings.iter().map(|h| h.to_string()).collect(),
        text: text.into(),
    }
}

fn urls(index: &Index, query: &str) -> Vec<String> {
    index
        .search(query)
        .iter()
        .map(|h| index.entries[h.doc].url.clone())
        .collect()
}

#[test]
fn title_beats_heading_beats_body() {
    let index = Index::build(vec![
        entry(
            "body.html",
            "其他内容",
            &["概述"],
            "客户满意度很重要。客户满意度，客户满意度。",
        ),
        entry("heading.html", "另一课", &["客户满意度"], "正文。"),
        entry("title.html", "客户满意度", &["概述"], "正文。"),
        entry("none.html", "无关", &[], "完全无关的文字。"),
    ]);
    assert_eq!(
        urls(&index, "满意度"),
        ["title.html", "heading.html", "body.html"]
    );
    // Among body hits, more occurrences rank higher.
    let index = Index::build(vec![
        entry("once.html", "甲", &[], "服务一次。"),
        entry("thrice.html", "乙", &[], "服务，服务，服务。"),
    ]);
    assert_eq!(urls(&index, "服務"), ["thrice.html", "once.html"]);
}

#[test]
fn every_token_must_match_and_prefixes_match_words() {
    let index = Index::build(vec![
        entry("a.html", "净推荐值（NPS）", &[], "Greif 的 NPS 为 68 分。"),
        entry("b.html", "客户满意度", &[], "CSI 与 NPS 不同。"),
    ]);
    assert_eq!(urls(&index, "NPS 68"), ["a.html"]);
    assert_eq!(urls(&index, "gre"), ["a.html"]);
    assert_eq!(urls(&index, "净推荐值"), ["a.html"]);
    assert_eq!(urls(&index, "np"), ["a.html", "b.html"]);
    // One character finds every occurrence, also at the end of a run.
    assert_eq!(urls(&index, "度"), ["b.html"]);
    assert_eq!(urls(&index, "值"), ["a.html"]);
    assert!(urls(&index, "满意 68").is_empty());
}

/// An index built page by page through `count_page` and `IndexWriter` (as
/// the build does, several entries to a page) answers like the one built from
/// the entries, and its files hold the same postings.
#[test]
fn pages_through_the_writer_answer_queries() {
    let pages = vec![
        vec![
            entry("csi.html", "客户满意度", &["测量"], "满意度调查。"),
            entry("csi.html#nps", "净推荐值（NPS）", &[], "Greif 的 NPS 为 68 分。"),
        ],
        vec![],
        vec![entry(
            "service.html",
            "服务时刻",
            &["服务"],
            "服务，服务。Greenwich",
        )],
        vec![entry("other.html", "其他", &[], "CSI 与 NPS 不同。")],
    ];
    let mut writer = IndexWriter::new();
    for p in &pages {
        writer.add(count_page(p.clone()));
    }
    let index = Index {
        entries: pages.iter().flatten().cloned().collect(),
        terms: writer.terms(),
    };
    assert_eq!(urls(&index, "满意度"), ["csi.html"]);
    assert_eq!(urls(&index, "服務"), ["service.html"]);
    assert_eq!(urls(&index, "NPS 68"), ["csi.html#nps"]);
    assert_eq!(urls(&index, "gre"), ["csi.html#nps", "service.html"]);
    assert_eq!(urls(&index, "np"), ["csi.html#nps", "other.html"]);
    assert_eq!(urls(&index, "度"), ["csi.html"]);
    let built = Index::build(index.entries.clone());
    assert_eq!(built.terms, index.terms);
    assert_eq!(writer.finish(), built.files());
}

/// The term shards of `files`, decoded: term → postings.
fn shard_terms(
    files: &[(String, Vec<u8>)],
) -> std::collections::BTreeMap<String, Vec<coursegen::search::index::Posting>> {
    let mut out = std::collections::BTreeMap::new();
    for (name, bytes) in files {
        let Some(i) = name
            .strip_prefix("static/search/t")
            .and_then(|n| n.strip_suffix(".js"))
        else {
            continue;
        };
        let text = std::str::from_utf8(bytes).expect("UTF-8");
        let prefix = format!("window.__coursegenSearch&&window.__coursegenSearch.add(\"t\",{i},");
        let json = text
            .strip_prefix(&prefix)
            .and_then(|t| t.strip_suffix(");\n"))
            .expect("term shard script");
        let shard: serde_json::Map<String, serde_json::Value> = serde_json::from_str(json).expect("JSON");
        for (term, p) in shard {
            let p = p.as_str().expect("postings are a string");
            assert!(!p.contains(['"', '\\']), "{term}: {p}");
            out.insert(term, postings::decode(p.as_bytes()));
        }
    }
    out
}

/// Copies tests/fixtures/basic to a temporary folder.
fn basic_fixture() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/basic");
    for e in walkdir::WalkDir::new(&src) {
        let e = e.expect("walk");
        let rel = e.path().strip_prefix(&src).expect("under src");
        let to = dir.path().join(rel);
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&to).expect("mkdir");
        } else {
            std::fs::copy(e.path(), &to).expect("copy");
        }
    }
    dir
}

fn index_of(root: &Path) -> Index {
    let opts = coursegen::BuildOptions {
        root: root.to_path_buf(),
        ..Default::default()
    };
    let p = match coursegen::build::render_in_memory(&opts) {
        Ok(p) => p,
        Err(f) => panic!("{:#?}", f.diagnostics),
    };
    Index::build(coursegen::search::entries(&p.course, &p.site, &p.docs))
}

#[test]
fn fixture_course_index() {
    let dir = basic_fixture();
    let index = index_of(dir.path());
    let all: Vec<&str> = index.entries.iter().map(|e| e.url.as_str()).collect();
    for want in [
        "start/index.html",
        "start/definition.html",
        "more/nps.html",
        "more/quiz.html",
        "glossary.html",
        "glossary.html#nps",
    ] {
        assert!(all.contains(&want), "{want} not in {all:?}");
    }
    let nps = &index.entries[all.iter().position(|u| *u == "more/nps.html").unwrap()];
    assert_eq!(nps.title, "净推荐值");
    assert_eq!(nps.headings, ["计算方法"]);
    assert!(nps.text.contains("推荐者百分比"), "{}", nps.text);
    assert!(!nps.text.contains('<'), "tags stripped: {}", nps.text);
    // The glossary term has NPS in its title, the lesson only in its text.
    let nps_hits = urls(&index, "NPS");
    assert_eq!(nps_hits[0], "glossary.html#nps");
    assert!(nps_hits.contains(&"more/nps.html".to_string()), "{nps_hits:?}");
    assert_eq!(
        urls(&index, "服務卓越").first().map(String::as_str),
        Some("start/definition.html")
    );
    // Quiz prompts are indexed.
    assert!(urls(&index, "2000美元").contains(&"more/quiz.html".to_string()));
    // The JavaScript files: a manifest, term and entry shards; the build's
    // (pages counted in parallel, several entries to a page) are the same.
    let files = index.files();
    let out = dir.path().join("public");
    let opts = coursegen::BuildOptions {
        root: dir.path().to_path_buf(),
        out: Some(out.clone()),
        ..Default::default()
    };
    let p = coursegen::build::render_in_memory(&opts).unwrap_or_else(|f| panic!("{:#?}", f.diagnostics));
    assert_eq!(coursegen::search::index_files(&p.course, &p.site, &p.docs), files);
    // A real build counts each page as it renders it, and writes the same files.
    coursegen::build(&opts).unwrap_or_else(|f| panic!("{:#?}", f.diagnostics));
    for (name, bytes) in &files {
        assert_eq!(&std::fs::read(out.join(name)).expect("written"), bytes, "{name}");
    }
    assert_eq!(shard_terms(&files), index.terms);
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    assert!(names.contains(&"static/search/index.js"), "{names:?}");
    assert!(names.contains(&"static/search/t0.js"), "{names:?}");
    assert!(names.contains(&"static/search/d0.js"), "{names:?}");
    for (_, bytes) in &files {
        let text = std::str::from_utf8(bytes).expect("UTF-8");
        assert!(text.starts_with("window.__coursegenSearch&&window.__coursegenSearch.add("));
    }
}

/// The bundled course: the queries of the issue find the right pages first.
/// Run with `--nocapture` to see the top 3 of each.
#[test]
fn bundled_course_queries() {
    let index = index_of(Path::new(env!("CARGO_MANIFEST_DIR")));
    assert_eq!(shard_terms(&index.files()), index.terms);
    let cases: &[(&str, &str)] = &[
        ("满意度", ""),
        ("净推荐值", "measurement/nps.html"),
        ("NPS", "measurement/nps.html"),
        ("服务时刻", "techniques/service-moments.html"),
        ("服務時刻", "techniques/service-moments.html"),
        ("NPS 68", "measurement/nps.html"),
        ("2000美元", ""),
        ("丽思卡尔顿", "cases/ritz-carlton.html"),
        ("卡诺模型", ""),
        ("ＳＥＲＶＱＵＡＬ", ""),
    ];
    for (q, want) in cases {
        let hits = index.search(q);
        let top: Vec<String> = hits
            .iter()
            .take(3)
            .map(|h| format!("{} ({})", index.entries[h.doc].title, index.entries[h.doc].url))
            .collect();
        eprintln!("{q}: {} hits; {}", hits.len(), top.join(" | "));
        assert!(!hits.is_empty(), "{q}: no hits");
        if *q == "满意度" {
            assert!(top.iter().any(|t| t.contains("measurement/csi.html")), "{top:?}");
        }
        if !want.is_empty() {
            assert_eq!(index.entries[hits[0].doc].url, *want, "{q}: {top:?}");
        }
    }
}

/// Strings for the tokenizer agreement check.
const SAMPLES: &[&str] = &[
    "客户满意度",
    "服務質量",
    "顧客滿意",
    "NPS 68",
    "2000美元",
    "净推荐值（NPS）",
    "ＮＰＳ　６８",
    "Ritz-Carlton 丽思卡尔顿",
    "SERVQUAL模型5个维度",
    "服",
    "度",
    "時刻體驗",
    "員工卓越",
    "café Übung ÉCOLE",
    "Σίσυφος ΣΑΣ",
    "İstanbul",
    "ﬁle ǅ",
    "🙂服务🙂",
    "𠀀𠀁 extension B",
    "カタカナとひらがな",
    "한국어 텍스트",
    "e-mail: a_b@c.com",
    "3.14159 ½ ²",
    "第一部分 · 服务卓越的概念",
    "“推荐”而不是“满意”",
    "１２３ＡＢＣａｂｃ！",
    "Ａ－Ｂ",
    "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz 长词",
    "  ",
    "",
];

fn js_tokens(browser: &Browser, url: &str) -> Vec<serde_json::Value> {
    let page = browser.page(url, 1000, 800);
    page.eval("document.getElementById('search-input').focus()");
    page.wait_for(
        "window.__coursegenSearch && window.__coursegenSearch.store.m",
        Duration::from_secs(10),
    );
    let samples = serde_json::to_string(SAMPLES).expect("json");
    let v = page.eval(&format!(
        "{samples}.map(s => [false, true].map(ix => window.__coursegenSearch.tokenize(s, ix).map(t => [t.text, t.start])))"
    ));
    assert_eq!(page.console_errors(), Vec::<String>::new());
    v.as_array().cloned().unwrap_or_default()
}

#[test]
fn rust_and_javascript_tokenizers_agree() {
    let dir = basic_fixture();
    let out: PathBuf = dir.path().join("public");
    let opts = coursegen::BuildOptions {
        root: dir.path().to_path_buf(),
        out: Some(out.clone()),
        ..Default::default()
    };
    if let Err(f) = coursegen::build(&opts) {
        panic!("{:#?}", f.diagnostics);
    }
    let Some(browser) = Browser::launch() else { return };
    let url = format!("file://{}", out.join("index.html").display());
    let js = js_tokens(&browser, &url);
    assert_eq!(js.len(), SAMPLES.len());
    for (s, got) in SAMPLES.iter().zip(js) {
        let want: Vec<serde_json::Value> = [Mode::Query, Mode::Index]
            .iter()
            .map(|&m| {
                serde_json::json!(
                    tokenize(s, m)
                        .into_iter()
                        .map(|t| serde_json::json!([t.text, t.start]))
                        .collect::<Vec<_>>()
                )
            })
            .collect();
        assert_eq!(got, serde_json::json!(want), "tokens of {s:?}");
    }
}
