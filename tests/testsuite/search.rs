//! Search, on the Rust side: the tokenizer and the postings against the
//! vectors shared with templates/search-core.js (tests/data/search_vectors.json),
//! the index files of the course tests/fixtures/search (exactly those in
//! tests/data/search_index/, which the JavaScript tests rank queries over),
//! and what every index holds (each term lists exactly the entries whose text
//! has it; the shards are in the order the browser looks them up). Ranking is
//! tested in JavaScript (tests/js/search-core.test.js) and in the browser
//! (tests/browser/search.rs).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use coursegen::search::postings::{Postings, code};
use coursegen::search::tokenize::{normalize, tokenize};
use coursegen::search::{Page, Section, index_files, t2s};
use serde_json::Value;

fn vectors() -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/search_vectors.json");
    serde_json::from_str(&std::fs::read_to_string(path).expect("vectors")).expect("JSON")
}

fn pairs(text: &str, index: bool) -> Value {
    let tokens: Vec<Value> = tokenize(text, index)
        .into_iter()
        .map(|t| serde_json::json!([t.text, t.start]))
        .collect();
    Value::from(tokens)
}

#[test]
fn tokens_as_the_vectors_say() {
    let v = vectors();
    let cases = v["tokens"].as_array().expect("tokens");
    assert!(cases.len() >= 30);
    for c in cases {
        let text = c["text"].as_str().expect("text");
        assert_eq!(pairs(text, false), c["query"], "query tokens of {text:?}");
        assert_eq!(pairs(text, true), c["index"], "index tokens of {text:?}");
    }
}

#[test]
fn postings_as_the_vectors_say() {
    let v = vectors();
    for c in v["postings"].as_array().expect("postings") {
        let mut p = Postings::default();
        for d in c["decoded"].as_array().expect("decoded") {
            let n: Vec<u32> = serde_json::from_value(d.clone()).expect("numbers");
            p.push(n[0], code([n[1], n[2], n[3]]));
        }
        assert_eq!(
            String::from_utf8_lossy(&p.bytes),
            c["postings"].as_str().expect("string")
        );
    }
}

#[test]
fn traditional_full_width_and_case_are_normalised_in_place() {
    assert_eq!(normalize("ＡｂＣ，服務"), "abc,服务");
    for (t, s) in [
        ("滿意", "满意"),
        ("顧客", "顾客"),
        ("質量", "质量"),
        ("體驗", "体验"),
    ] {
        assert_eq!(normalize(t), s);
    }
    let s = "Ｓｅｒｖｉｃｅ服務　Σ";
    assert_eq!(
        normalize(s).chars().count(),
        s.chars().count(),
        "offsets never move"
    );
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
    // Both sides of every pair are CJK, so simplifying never changes a
    // character's kind.
    for (t, s) in t2s::pairs() {
        assert!(coursegen::search::tokenize::is_cjk(t) && coursegen::search::tokenize::is_cjk(s));
    }
    assert_eq!(t2s::compact().chars().count(), 2 * seen.len());
}

/// Builds `root` into a temporary folder; the folder and the output.
fn build(root: &Path) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("public");
    let opts = coursegen::BuildOptions {
        root: root.to_path_buf(),
        out: Some(out.clone()),
        ..Default::default()
    };
    if let Err(f) = coursegen::build(&opts) {
        panic!("{:#?}", f.diagnostics);
    }
    (dir, out)
}

/// The files of `dir`, by name.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .expect("read dir")
        .map(|e| {
            let e = e.expect("entry");
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).expect("read"),
            )
        })
        .collect()
}

fn search_fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/search")
}

/// The JavaScript tests rank the vectors' queries over tests/data/search_index:
/// it must be what a build writes. `COURSEGEN_BLESS=1` rewrites it.
#[test]
fn the_fixture_index_is_the_one_the_javascript_tests_read() {
    let (_dir, out) = build(&search_fixture());
    let (_again, out2) = build(&search_fixture());
    let built = files(&out.join("static/search"));
    assert_eq!(
        built,
        files(&out2.join("static/search")),
        "two builds write the same bytes"
    );
    let golden = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/search_index");
    if std::env::var_os("COURSEGEN_BLESS").is_some_and(|v| v == "1") {
        let _ = std::fs::remove_dir_all(&golden);
        std::fs::create_dir_all(&golden).expect("mkdir");
        for (name, bytes) in &built {
            std::fs::write(golden.join(name), bytes).expect("write");
        }
    }
    let names = |m: &BTreeMap<String, Vec<u8>>| m.keys().cloned().collect::<Vec<_>>();
    assert_eq!(
        names(&built),
        names(&files(&golden)),
        "run with COURSEGEN_BLESS=1 to update tests/data/search_index"
    );
    for (name, bytes) in files(&golden) {
        assert!(
            built[&name] == bytes,
            "{name} differs from tests/data/search_index: run with COURSEGEN_BLESS=1 to update it (and check the vectors)"
        );
    }
}

/// One index file: its kind, number and data.
fn script(bytes: &[u8]) -> (String, usize, Value) {
    let text = std::str::from_utf8(bytes).expect("UTF-8");
    let rest = text
        .strip_prefix("window.__coursegenSearch&&window.__coursegenSearch.add(\"")
        .and_then(|t| t.strip_suffix(");\n"))
        .expect("an index script");
    let (kind, rest) = rest.split_once("\",").expect("kind");
    let (i, json) = rest.split_once(',').expect("number");
    (
        kind.to_string(),
        i.parse().expect("number"),
        serde_json::from_str(json).expect("JSON"),
    )
}

/// A postings string as (entry, count code) pairs (what search-core.js
/// `decode` reads).
fn decode(postings: &str) -> Vec<(u32, u32)> {
    let mut numbers = Vec::new();
    let (mut n, mut scale) = (0u32, 1u32);
    for c in postings.bytes() {
        let d = u32::from(c - b'#') - u32::from(c > b'\\');
        if d >= 45 {
            n += (d - 45) * scale;
            scale *= 45;
        } else {
            numbers.push(n + d * scale);
            (n, scale) = (0, 1);
        }
    }
    let mut doc = 0;
    numbers
        .chunks(2)
        .map(|p| {
            doc += p[0];
            (doc, p[1])
        })
        .collect()
}

/// An index as the browser reads it.
struct Index {
    manifest: Value,
    /// Term → entries and count codes; and the shards in order.
    terms: BTreeMap<String, Vec<(u32, u32)>>,
    shards: Vec<Vec<String>>,
    /// URL, title, module, text of each entry.
    entries: Vec<[Value; 4]>,
}

fn read_index(dir: &Path) -> Index {
    let mut index = Index {
        manifest: Value::Null,
        terms: BTreeMap::new(),
        shards: Vec::new(),
        entries: Vec::new(),
    };
    let mut shards = BTreeMap::new();
    let mut entries = BTreeMap::new();
    for (name, bytes) in files(dir) {
        let (kind, i, data) = script(&bytes);
        let expected = match kind.as_str() {
            "m" => "index.js".to_string(),
            k => format!("{k}{i}.js"),
        };
        assert_eq!(name, expected);
        match kind.as_str() {
            "m" => index.manifest = data,
            "t" => {
                let shard: serde_json::Map<String, Value> = serde_json::from_value(data).expect("a shard");
                let names: Vec<String> = shard.keys().cloned().collect();
                for (term, postings) in shard {
                    let postings = postings.as_str().expect("postings are a string");
                    assert!(!postings.contains(['"', '\\']), "{term}: {postings}");
                    index.terms.insert(term, decode(postings));
                }
                shards.insert(i, names);
            }
            "e" => {
                entries.insert(
                    i,
                    serde_json::from_value(data).expect("[url, title, module, text]"),
                );
            }
            k => panic!("{name}: kind {k}"),
        }
    }
    index.shards = shards.into_values().collect();
    index.entries = entries.into_values().collect();
    index
}

/// What must hold for any index: every term lists exactly the entries whose
/// title or text has it, with its counts; the shards are in order and the
/// manifest names the first term of each.
fn check_index(index: &Index) {
    let n = index.manifest["n"].as_u64().expect("n") as usize;
    assert_eq!(index.entries.len(), n);
    assert_eq!(index.manifest["v"], 3);
    let firsts: Vec<&str> = index.manifest["shards"]
        .as_array()
        .expect("shards")
        .iter()
        .map(|s| s.as_str().expect("a term"))
        .collect();
    assert_eq!(firsts.len(), index.shards.len());
    let all: Vec<&String> = index.shards.iter().flatten().collect();
    for (shard, first) in index.shards.iter().zip(&firsts) {
        assert_eq!(shard.first().map(String::as_str), Some(*first));
    }
    assert!(all.windows(2).all(|w| w[0] < w[1]), "terms in order, each once");
    let mut want: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    for (doc, [_, title, _, text]) in index.entries.iter().enumerate() {
        let mut seen = BTreeSet::new();
        for t in [title, text] {
            for token in tokenize(t.as_str().unwrap_or(""), true) {
                seen.insert(token.text);
            }
        }
        for term in seen {
            want.entry(term).or_default().push(doc as u32);
        }
    }
    let got: BTreeMap<String, Vec<u32>> = index
        .terms
        .iter()
        .map(|(t, ps)| (t.clone(), ps.iter().map(|p| p.0).collect()))
        .collect();
    assert_eq!(got, want, "each term lists exactly the entries that have it");
    // A term in the title counts there (title counts are the code's top digits).
    for (doc, [_, title, _, _]) in index.entries.iter().enumerate() {
        for token in tokenize(title.as_str().unwrap_or(""), true) {
            let code = index.terms[&token.text]
                .iter()
                .find(|p| p.0 == doc as u32)
                .map(|p| p.1);
            assert!(
                code.is_some_and(|c| c >= 100_000),
                "{} in the title of {doc}",
                token.text
            );
        }
    }
}

#[test]
fn the_fixture_index_holds_every_page_section_and_prompt() {
    let (_dir, out) = build(&search_fixture());
    let index = read_index(&out.join("static/search"));
    check_index(&index);
    let by_url: BTreeMap<&str, &[Value; 4]> = index
        .entries
        .iter()
        .map(|e| (e[0].as_str().expect("url"), e))
        .collect();
    // Every lesson, overview, quiz and root page, and each glossary term on
    // its own under the glossary's title; not the home page.
    assert_eq!(
        by_url.keys().copied().collect::<Vec<_>>(),
        [
            "glossary.html",
            "glossary.html#moments",
            "glossary.html#nps",
            "ranking/body.html",
            "ranking/heading.html",
            "ranking/index.html",
            "ranking/once.html",
            "ranking/thrice.html",
            "ranking/title.html",
            "words/index.html",
            "words/nps.html",
            "words/quiz.html",
            "words/servqual.html",
        ]
    );
    let nps = by_url["glossary.html#nps"];
    assert_eq!(nps[1], "净推荐值（NPS）");
    assert_eq!(nps[2], "术语表");
    assert_eq!(nps[3], "衡量客户推荐意愿的指标。");
    let glossary = by_url["glossary.html"];
    assert_eq!(glossary[2], Value::Null);
    assert_eq!(
        glossary[3], "课程用到的词。 说明 每个词条都是单独的结果。",
        "the page without its sections"
    );
    // A lesson: its module, summary, headings and text, without tags.
    let lesson = by_url["words/nps.html"];
    assert_eq!(lesson[2], "第二部分 · 词语");
    assert_eq!(
        lesson[3],
        "推荐意愿。 计算方法 Greif 的 NPS 为 68 分。净推荐值等于推荐者百分比减去批评者百分比。"
    );
    // An overview has its objectives; a quiz its prompts.
    assert!(
        by_url["words/index.html"][3]
            .as_str()
            .unwrap_or("")
            .contains("前缀匹配")
    );
    assert!(
        by_url["words/quiz.html"][3]
            .as_str()
            .unwrap_or("")
            .contains("2000美元")
    );
    // A heading counts as a heading (and in the text, which holds it).
    let heading = by_url
        .keys()
        .position(|u| *u == "ranking/heading.html")
        .map(|_| ());
    assert!(heading.is_some());
    let doc = index
        .entries
        .iter()
        .position(|e| e[0] == "ranking/heading.html")
        .expect("entry") as u32;
    let code = index.terms["满意"]
        .iter()
        .find(|p| p.0 == doc)
        .expect("posting")
        .1;
    assert_eq!(
        (code / 1000 % 100, code % 1000),
        (1, 1),
        "once in a heading, once in the text"
    );
}

#[test]
fn the_bundled_course_index_holds_what_its_entries_say() {
    let (_dir, out) = build(Path::new(env!("CARGO_MANIFEST_DIR")));
    let index = read_index(&out.join("static/search"));
    check_index(&index);
    assert!(index.entries.len() > 100, "{}", index.entries.len());
    assert!(index.shards.len() > 10, "small shards: {}", index.shards.len());
}

/// The dev server indexes the texts its documents kept, in one go; a build
/// indexes them as they are rendered: the same files.
#[test]
fn indexing_kept_texts_writes_what_a_build_writes() {
    let (_dir, out) = build(&search_fixture());
    let opts = coursegen::BuildOptions {
        root: search_fixture(),
        keep_pages: true,
        ..Default::default()
    };
    let report = coursegen::Build::run(&opts, coursegen::Output::Discard)
        .unwrap_or_else(|f| panic!("{:#?}", f.diagnostics));
    let kept: BTreeMap<String, Vec<u8>> = report
        .build
        .index_files()
        .into_iter()
        .map(|(path, bytes)| {
            let name = path
                .strip_prefix("static/search/")
                .expect("under static/search")
                .to_string();
            (name, bytes)
        })
        .collect();
    assert_eq!(kept, files(&out.join("static/search")));
}

#[test]
fn pages_become_entries_with_their_counts() {
    let page = Page {
        url: "a.html".into(),
        title: "客户满意度".into(),
        module: Some("模块".into()),
        sections: vec![
            Section {
                anchor: None,
                title: "客户满意度".into(),
                headings: vec!["服务".into()],
                text: "服务 服务 CSI".into(),
            },
            Section {
                anchor: Some("nps".into()),
                title: "NPS".into(),
                headings: Vec::new(),
                text: String::new(),
            },
        ],
    };
    let files: BTreeMap<String, Vec<u8>> = index_files(vec![Page::default(), page]).into_iter().collect();
    let entry = |n: usize| script(&files[&format!("static/search/e{n}.js")]).2;
    assert_eq!(
        entry(0),
        serde_json::json!(["a.html", "客户满意度", "模块", "服务 服务 CSI"])
    );
    assert_eq!(
        entry(1),
        serde_json::json!(["a.html#nps", "NPS", "客户满意度", ""])
    );
    assert_eq!(files.len(), 2 + 2, "two entries, a manifest and one shard");
    let (_, _, shard) = script(&files["static/search/t0.js"]);
    let postings = |t: &str| decode(shard[t].as_str().expect("postings"));
    // 服务: twice in the text, once in a heading; nps only in the second title.
    assert_eq!(postings("服务"), [(0, 1002)]);
    assert_eq!(postings("nps"), [(1, 100_000)]);
    assert_eq!(postings("满意"), [(0, 100_000)]);
}

/// The index stage reads `search::Page`s and depends on nothing else of the
/// crate; the stages before it (render, Markdown) do not know about it.
#[test]
fn the_index_stage_depends_on_nothing_before_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let sources = |dir: &str| -> Vec<(PathBuf, String)> {
        walkdir::WalkDir::new(src.join(dir))
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.path().extension().is_some_and(|x| x == "rs"))
            .map(|e| {
                (
                    e.path().to_path_buf(),
                    std::fs::read_to_string(e.path()).expect("read"),
                )
            })
            .collect()
    };
    let search = sources("search");
    assert!(search.len() >= 5);
    for (path, text) in search {
        assert!(!text.contains("crate::"), "{} uses the crate", path.display());
    }
    for dir in ["render", "markdown"] {
        for (path, text) in sources(dir) {
            assert!(!text.contains("crate::search"), "{} uses search", path.display());
        }
    }
}
