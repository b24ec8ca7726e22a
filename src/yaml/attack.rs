//! Parsers under attack: random and mutated input for every parser of author
//! input (lesson, module and page front matter, course.yaml, quiz YAML, chart
//! blocks), each read through the file-reading path (`SourceFile::read`, which
//! `load` uses). None may panic or hang, and every error must name a line of
//! its file.
//!
//! The inputs are the bundled course's own files, mutated (truncated, bytes
//! inserted or removed, lines doubled, repeated or swapped, tabs for indentation, deep
//! nesting, huge scalars, anchors and aliases, alias bombs, invalid UTF-8), or
//! token soup from scratch.
//!
//! `PROPTEST_CASES` sets the cases per parser (default 128: about a second in a
//! debug build). `ATTACK_BIG=1` lets the mutations write scalars of megabytes
//! and nest tens of thousands deep. A long campaign:
//!
//! ```sh
//! PROPTEST_CASES=100000 ATTACK_BIG=1 ATTACK_LAST_INPUT=/tmp/last \
//!   cargo test --release --lib yaml::attack
//! ```
//!
//! `ATTACK_LAST_INPUT` names a file that holds the input being parsed (its
//! target on the first line): if the process is killed, that is the culprit.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::sync::mpsc;
use std::time::Duration;

use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::{Config, TestCaseError};

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::parse::front_matter::{LessonMeta, ModuleMeta, PageMeta, read_meta_or_fallback};
use crate::source::SourceFile;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    Lesson,
    Module,
    Page,
    Course,
    Quiz,
    Chart,
    Scenario,
}

fn config() -> Config {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(128);
    Config {
        cases,
        // A failure becomes a named regression test, not a file of seeds.
        failure_persistence: None,
        max_shrink_time: 120_000,
        ..Config::default()
    }
}

fn big() -> bool {
    std::env::var_os("ATTACK_BIG").is_some_and(|v| v != "0")
}

/// How long one parse may take before it counts as a hang: generous, as a
/// debug build reads a megabyte of YAML in a fraction of a second.
const LIMIT: Duration = Duration::from_secs(if cfg!(debug_assertions) { 20 } else { 5 });

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The bundled course's files of each kind (and the test fixture's), as
/// bytes; front matter files keep only the start of their body.
fn seeds(target: Target) -> &'static [Vec<u8>] {
    static SEEDS: OnceLock<[Vec<Vec<u8>>; 7]> = OnceLock::new();
    let all = SEEDS.get_or_init(|| {
        let mut out: [Vec<Vec<u8>>; 7] = Default::default();
        for dir in [root().join("course"), root().join("tests/fixtures/basic/course")] {
            for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
                let entry = entry.expect("walk the course");
                let path = entry.path();
                let name = entry.file_name().to_string_lossy().into_owned();
                let Ok(text) = std::fs::read_to_string(path) else {
                    continue;
                };
                let top = path.parent() == Some(dir.as_path());
                let target = match name.as_str() {
                    "course.yaml" => Target::Course,
                    "quiz.yaml" => Target::Quiz,
                    n if n.ends_with(".scenario.yaml") => Target::Scenario,
                    "index.md" if !top => Target::Module,
                    n if n.ends_with(".md") && top => Target::Page,
                    n if n.ends_with(".md") => Target::Lesson,
                    _ => continue,
                };
                for chart in text.split("```chart\n").skip(1) {
                    let end = chart.find("```").unwrap_or(chart.len());
                    out[Target::Chart as usize].push(chart.as_bytes()[..end].to_vec());
                }
                let keep = match target {
                    Target::Course | Target::Quiz | Target::Scenario => text.len(),
                    _ => crate::yaml::split_front_matter(&SourceFile::new("x.md", "x.md", text.as_str()))
                        .ok()
                        .flatten()
                        .map_or(text.len(), |fm| fm.body_offset)
                        .saturating_add(200)
                        .min(text.len()),
                };
                let keep = (0..=keep).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
                out[target as usize].push(text.as_bytes()[..keep].to_vec());
            }
        }
        out
    });
    let found = &all[target as usize];
    assert!(!found.is_empty(), "no seeds for {target:?}");
    found
}

/// Pieces of YAML (and of not quite YAML) that mutations insert and random
/// inputs are made of.
const TOKENS: &[&str] = &[
    "title",
    "summary",
    "order",
    "objectives",
    "placement",
    "questions",
    "id",
    "type",
    "prompt",
    "options",
    "text",
    "correct",
    "answers",
    "answer",
    "pairs",
    "items",
    "series",
    "values",
    "x",
    "name",
    "single",
    "fill-in",
    "numeric",
    "true-false",
    "bar",
    "line",
    "nodes",
    "choices",
    "next",
    "endings",
    "start",
    "speaker",
    "rating",
    "score",
    ":",
    ": ",
    " ",
    "  ",
    "\n",
    "\r\n",
    "\r",
    "\t",
    "- ",
    "-",
    "[",
    "]",
    "{",
    "}",
    ",",
    "? ",
    "&a ",
    "*a",
    "&b ",
    "*b",
    "!!str ",
    "!!int ",
    "!!map ",
    "!x ",
    "!<tag:x> ",
    "'",
    "\"",
    "''",
    "\\",
    "\\u",
    "\\x",
    "|",
    "|-",
    ">",
    ">-",
    "#",
    " # c",
    "---",
    "...",
    "%YAML 1.2\n",
    "%TAG ! tag:x,1:\n",
    "<<: ",
    "~",
    "null",
    "true",
    "True",
    "yes",
    "0",
    "5",
    "-1",
    "012",
    "1_000",
    "0x1F",
    "1.5",
    "1e400",
    ".inf",
    ".nan",
    "五",
    "服务卓越",
    "、",
    "\u{feff}",
    "\u{0}",
    "\u{7}",
    "\u{85}",
    "\u{2028}",
    "\u{fffd}",
    "😀",
    "\u{200b}",
    "\u{202e}",
];

#[derive(Debug, Clone)]
enum Nest {
    Flow,
    FlowMap,
    Block,
}

#[derive(Debug, Clone)]
enum Mutation {
    Truncate(Index),
    Insert(Index, String),
    Bytes(Index, Vec<u8>),
    Delete(Index, usize),
    DoubleLine(Index),
    /// A run of lines written again and again (thousands of questions).
    Repeat(Index, usize, usize),
    SwapLines(Index, Index),
    TabIndent(Index),
    Nest(Index, Nest, usize),
    Huge(Index, usize, char),
    Alias(Index, Index),
    Bomb(Index, usize),
}

fn token() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => prop::sample::select(TOKENS).prop_map(str::to_string),
        1 => any::<char>().prop_map(String::from),
    ]
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let (huge, deep, repeat): (usize, usize, usize) = if big() {
        (6_000_000, 100_000, 30_000)
    } else {
        (70_000, 300, 300)
    };
    prop_oneof![
        2 => any::<Index>().prop_map(Mutation::Truncate),
        6 => (any::<Index>(), prop::collection::vec(token(), 1..6))
            .prop_map(|(i, t)| Mutation::Insert(i, t.concat())),
        1 => (any::<Index>(), prop::collection::vec(any::<u8>(), 1..8)).prop_map(|(i, b)| Mutation::Bytes(i, b)),
        3 => (any::<Index>(), 1..40usize).prop_map(|(i, n)| Mutation::Delete(i, n)),
        2 => any::<Index>().prop_map(Mutation::DoubleLine),
        1 => (any::<Index>(), 1..6usize, 2..repeat).prop_map(|(i, lines, times)| Mutation::Repeat(i, lines, times)),
        1 => (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        2 => any::<Index>().prop_map(Mutation::TabIndent),
        1 => (
            any::<Index>(),
            prop_oneof![Just(Nest::Flow), Just(Nest::FlowMap), Just(Nest::Block)],
            1..deep
        )
            .prop_map(|(i, k, n)| Mutation::Nest(i, k, n)),
        1 => (any::<Index>(), 1..huge, any::<char>()).prop_map(|(i, n, c)| Mutation::Huge(i, n, c)),
        2 => (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Mutation::Alias(a, b)),
        1 => (any::<Index>(), 2..10usize).prop_map(|(i, n)| Mutation::Bomb(i, n)),
    ]
}

/// Byte positions of line starts (0 and after every `\n`).
fn line_starts(b: &[u8]) -> Vec<usize> {
    std::iter::once(0)
        .chain(
            b.iter()
                .enumerate()
                .filter(|(_, c)| **c == b'\n')
                .map(|(i, _)| i + 1),
        )
        .collect()
}

fn line_range(b: &[u8], i: Index) -> std::ops::Range<usize> {
    let starts = line_starts(b);
    let s = starts[i.index(starts.len())];
    let e = b[s..]
        .iter()
        .position(|c| *c == b'\n')
        .map_or(b.len(), |p| s + p + 1);
    s..e
}

/// A position in `b`, moved back to the start of a UTF-8 character: only
/// [`Mutation::Bytes`] writes invalid UTF-8.
fn at(b: &[u8], i: Index) -> usize {
    char_start(b, i.index(b.len() + 1))
}

fn char_start(b: &[u8], mut p: usize) -> usize {
    while p > 0 && p < b.len() && (0x80..0xC0).contains(&b[p]) {
        p -= 1;
    }
    p
}

fn apply(b: &mut Vec<u8>, m: &Mutation) {
    match m {
        Mutation::Truncate(i) => b.truncate(at(b, *i)),
        Mutation::Insert(i, s) => {
            let p = at(b, *i);
            b.splice(p..p, s.bytes());
        }
        Mutation::Bytes(i, bytes) => {
            let p = at(b, *i);
            b.splice(p..p, bytes.iter().copied());
        }
        Mutation::Delete(i, n) => {
            let p = at(b, *i);
            let end = char_start(b, (p + n).min(b.len()));
            b.drain(p..end.max(p));
        }
        Mutation::DoubleLine(i) => {
            let r = line_range(b, *i);
            let line = b[r.clone()].to_vec();
            b.splice(r.start..r.start, line);
        }
        Mutation::Repeat(i, lines, times) => {
            let first = line_range(b, *i);
            let mut end = first.end;
            for _ in 1..*lines {
                end = b[end..]
                    .iter()
                    .position(|c| *c == b'\n')
                    .map_or(b.len(), |p| end + p + 1);
            }
            let run = b[first.start..end].to_vec();
            // At most 8 MB more, whatever the run's length.
            let times = (*times - 1).min(8_000_000 / run.len().max(1));
            let copies: Vec<u8> = run.iter().copied().cycle().take(run.len() * times).collect();
            b.splice(end..end, copies);
        }
        Mutation::SwapLines(x, y) => {
            let (r1, r2) = (line_range(b, *x), line_range(b, *y));
            let (r1, r2) = if r1.start <= r2.start { (r1, r2) } else { (r2, r1) };
            if r1.end <= r2.start {
                let (l1, l2) = (b[r1.clone()].to_vec(), b[r2.clone()].to_vec());
                b.splice(r2, l1);
                b.splice(r1, l2);
            }
        }
        Mutation::TabIndent(i) => {
            let r = line_range(b, *i);
            let spaces = b[r.clone()].iter().take_while(|c| **c == b' ').count();
            b.splice(r.start..r.start + spaces, [b'\t']);
        }
        Mutation::Nest(i, kind, n) => {
            let p = at(b, *i);
            let text = match kind {
                Nest::Flow => format!("{}{}", "[".repeat(*n), "]".repeat(*n)),
                Nest::FlowMap => format!("{}{}", "{a: ".repeat(*n), "}".repeat(*n)),
                // Each line indents further: 2,000 levels are already 4 MB.
                Nest::Block => (0..*n.min(&2_000))
                    .map(|d| format!("{}- \n", " ".repeat(d * 2)))
                    .collect(),
            };
            b.splice(p..p, text.bytes());
        }
        Mutation::Huge(i, n, c) => {
            let p = at(b, *i);
            let c = if c.is_control() { 'x' } else { *c };
            let text: String = std::iter::repeat_n(c, *n / c.len_utf8()).collect();
            b.splice(p..p, text.bytes());
        }
        Mutation::Alias(x, y) => {
            let (p, q) = (at(b, *x), at(b, *y));
            let (p, q) = (p.min(q), p.max(q));
            b.splice(q..q, *b" *z");
            b.splice(p..p, *b"&z ");
        }
        Mutation::Bomb(i, levels) => {
            let mut bomb = String::from("l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
            for level in 1..*levels {
                let aliases = vec![format!("*l{}", level - 1); 9].join(", ");
                bomb.push_str(&format!("l{level}: &l{level} [{aliases}]\n"));
            }
            let r = line_range(b, *i);
            b.splice(r.start..r.start, bomb.bytes());
        }
    }
}

/// The bytes of one input file, shown as text when a case fails.
#[derive(Clone)]
struct Input(Vec<u8>);

impl std::fmt::Debug for Input {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = String::from_utf8_lossy(&self.0);
        let shown: String = text.chars().take(2_000).collect();
        write!(f, "{} bytes: {shown:?}", self.0.len())
    }
}

/// A mutated seed, or token soup (between fences, for front matter).
fn input(target: Target) -> impl Strategy<Value = Input> {
    let seeds = seeds(target);
    prop_oneof![
        5 => (prop::sample::select(seeds), prop::collection::vec(mutation(), 0..6)).prop_map(|(seed, ms)| {
            let mut b = seed.clone();
            for m in &ms {
                apply(&mut b, m);
            }
            Input(b)
        }),
        1 => prop::collection::vec(token(), 0..60).prop_map(move |t| {
            let soup = t.concat();
            Input(match target {
                Target::Lesson | Target::Module | Target::Page => format!("---\n{soup}\n---\n正文\n"),
                _ => soup,
            }.into_bytes())
        }),
    ]
}

/// Runs `f` on another thread; a run longer than [`LIMIT`] is a hang.
fn within<T: Send + 'static>(
    input: &[u8],
    f: impl FnOnce() -> T + Send + 'static,
) -> Result<T, TestCaseError> {
    let (tx, rx) = mpsc::channel();
    let worker = std::thread::Builder::new()
        .name("attack".into())
        .spawn(move || {
            let _ = tx.send(f());
        })
        .expect("spawn a worker");
    match rx.recv_timeout(LIMIT) {
        Ok(v) => {
            let _ = worker.join();
            Ok(v)
        }
        Err(mpsc::RecvTimeoutError::Disconnected) => match worker.join() {
            Err(panic) => std::panic::resume_unwind(panic),
            Ok(()) => Err(TestCaseError::fail("worker ended without an answer")),
        },
        // The worker is left running: the test fails, which is what a hang deserves.
        Err(mpsc::RecvTimeoutError::Timeout) => Err(TestCaseError::fail(format!(
            "no answer within {LIMIT:?} for {} bytes starting {:?}",
            input.len(),
            String::from_utf8_lossy(&input[..input.len().min(300)])
        ))),
    }
}

/// Every problem the parsers of `target` find in `file` (the quiz also goes
/// through its lint, its page view and the location index, and a chart that
/// parses is drawn).
fn problems(target: Target, file: SourceFile) -> Vec<Diagnostic> {
    let mut diags = Diagnostics::default();
    match target {
        Target::Lesson => {
            read_meta_or_fallback::<LessonMeta>(&file, &mut diags);
        }
        Target::Module => {
            read_meta_or_fallback::<ModuleMeta>(&file, &mut diags);
        }
        Target::Page => {
            read_meta_or_fallback::<PageMeta>(&file, &mut diags);
        }
        Target::Course => {
            if let Err(d) = crate::parse::parse_config(&file) {
                diags.push(d);
            }
        }
        Target::Quiz => {
            let loc = super::Locations::index(&file.text);
            let _ = loc.offset("questions.0.options.1.text");
            match crate::quiz::parse_quiz(&file) {
                Ok(quiz) => {
                    for d in crate::quiz::answer_position_warnings(&quiz, &file) {
                        diags.push(d);
                    }
                    crate::quiz::view::quiz_view(&quiz, &mut |s, _, _| s.to_string(), "对", "错");
                }
                Err(found) => found.into_iter().for_each(|d| diags.push(d)),
            }
        }
        Target::Scenario => match crate::scenario::parse_scenario(&file) {
            Ok(s) => {
                let t = &crate::i18n::ZH_CN.scenario;
                crate::scenario::view::scenario_view(&s, &mut |x, _, _| x.to_string(), t);
                let best = crate::scenario::walk(&s.nodes, s.start, &s.best_path);
                assert!(best.ending.is_some(), "the best path ends at an ending");
            }
            Err(found) => found.into_iter().for_each(|d| diags.push(d)),
        },
        Target::Chart => match crate::chart::parse_chart(&file.text) {
            Ok(chart) => {
                crate::chart::render_svg(&chart, "chart-1", "数据");
            }
            Err(e) => {
                // As the page renderer places it: at the offset, else the block's start.
                assert!(e.offset.is_none_or(|o| o <= file.text.len()), "{e:?}");
                diags.push(
                    Diagnostic::error(format!("invalid chart: {}", e.message)).at_offset(
                        &file.display_path,
                        &file.text,
                        e.offset.unwrap_or(0),
                    ),
                );
            }
        },
    }
    diags.into_vec()
}

fn assert_located(d: &Diagnostic, file: &Path, text: &str) -> Result<(), TestCaseError> {
    let lines = text.split('\n').count();
    prop_assert_eq!(d.file.as_deref(), Some(file), "{:?}", d);
    prop_assert!(
        d.line >= 1 && d.line <= lines && d.col >= 1,
        "{:?} in {} lines",
        d,
        lines
    );
    prop_assert!(!d.message.trim().is_empty(), "{:?}", d);
    Ok(())
}

/// Writes `bytes` to a file, reads it the way `load` does, and parses it.
fn check(target: Target, bytes: &[u8]) -> Result<(), TestCaseError> {
    thread_local! {
        static DIR: tempfile::TempDir = tempfile::tempdir().expect("temporary folder");
    }
    let path: PathBuf = DIR.with(|d| d.path().join("input"));
    std::fs::write(&path, bytes).expect("write the input");
    // A long campaign keeps the input being parsed, so that a crash the
    // harness cannot report (the process killed for its memory) leaves it.
    if let Some(last) = std::env::var_os("ATTACK_LAST_INPUT") {
        std::fs::write(&last, [format!("{target:?}\n").as_bytes(), bytes].concat())
            .expect("write the last input");
    }
    let shown = PathBuf::from("course/01-m/input");
    match SourceFile::read(&path, "01-m/input".into(), shown.clone()) {
        Err(d) => {
            // Not UTF-8: the error names the line and column of the first bad byte.
            let valid = std::str::from_utf8(bytes)
                .expect_err("only invalid UTF-8 fails")
                .valid_up_to();
            let line = bytes[..valid].iter().filter(|b| **b == b'\n').count() + 1;
            let col = String::from_utf8_lossy(&bytes[..valid])
                .rsplit('\n')
                .next()
                .map_or(0, |l| l.chars().count())
                + 1;
            prop_assert_eq!((d.line, d.col), (line, col), "{:?}", d);
            prop_assert_eq!(d.file.as_deref(), Some(shown.as_path()));
        }
        Ok(file) => {
            let text = file.text.clone();
            let found = within(bytes, move || problems(target, file))?;
            for d in &found {
                assert_located(d, &shown, &text)?;
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn lesson_front_matter(input in input(Target::Lesson)) {
        check(Target::Lesson, &input.0)?;
    }

    #[test]
    fn module_front_matter(input in input(Target::Module)) {
        check(Target::Module, &input.0)?;
    }

    #[test]
    fn page_front_matter(input in input(Target::Page)) {
        check(Target::Page, &input.0)?;
    }

    #[test]
    fn course_yaml(input in input(Target::Course)) {
        check(Target::Course, &input.0)?;
    }

    #[test]
    fn quiz_yaml(input in input(Target::Quiz)) {
        check(Target::Quiz, &input.0)?;
    }

    #[test]
    fn chart_blocks(input in input(Target::Chart)) {
        check(Target::Chart, &input.0)?;
    }

    #[test]
    fn scenario_yaml(input in input(Target::Scenario)) {
        check(Target::Scenario, &input.0)?;
    }
}

/// The seeds themselves parse (so the mutations start from good input).
#[test]
fn seeds_are_valid() {
    for target in [
        Target::Lesson,
        Target::Module,
        Target::Page,
        Target::Course,
        Target::Quiz,
        Target::Chart,
        Target::Scenario,
    ] {
        for seed in seeds(target) {
            let file = SourceFile::new(
                "01-m/x",
                "course/01-m/x",
                String::from_utf8(seed.clone()).unwrap(),
            );
            let found: Vec<_> = problems(target, file)
                .into_iter()
                .filter(Diagnostic::is_error)
                .collect();
            assert!(
                found.is_empty(),
                "{target:?}: {found:?}\n{}",
                String::from_utf8_lossy(seed)
            );
        }
    }
}

/// Runs one saved input again (`ATTACK_REPLAY=FILE`, a file written through
/// `ATTACK_LAST_INPUT`: the target's name, a newline, the bytes) and prints
/// how long its parse took; without the variable it does nothing.
#[test]
fn replay_a_saved_input() {
    let Some(path) = std::env::var_os("ATTACK_REPLAY") else {
        return;
    };
    let saved = std::fs::read(&path).expect("read the saved input");
    let split = saved.iter().position(|&b| b == b'\n').expect("a target line");
    let target = match &saved[..split] {
        b"Lesson" => Target::Lesson,
        b"Module" => Target::Module,
        b"Page" => Target::Page,
        b"Course" => Target::Course,
        b"Quiz" => Target::Quiz,
        b"Chart" => Target::Chart,
        b"Scenario" => Target::Scenario,
        other => panic!("unknown target {:?}", String::from_utf8_lossy(other)),
    };
    let started = std::time::Instant::now();
    let outcome = check(target, &saved[split + 1..]);
    eprintln!(
        "{target:?}, {} bytes: {:?} in {:?}",
        saved.len() - split - 1,
        outcome,
        started.elapsed()
    );
    outcome.expect("the saved input passes");
}
