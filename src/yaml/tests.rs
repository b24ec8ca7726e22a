use serde::Deserialize;

use super::*;
use crate::parse::front_matter::{LessonMeta, ModuleMeta};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Meta {
    title: String,
}

fn file(text: &str) -> SourceFile {
    SourceFile::new("course/01-a/01-b.md", "course/01-a/01-b.md", text.to_string())
}

#[test]
fn splits_front_matter_and_body() {
    let f = file("---\ntitle: 甲\n---\n正文\n");
    let fm = split_front_matter(&f).unwrap().unwrap();
    assert_eq!(fm.yaml, "title: 甲\n");
    assert_eq!(fm.body, "正文\n");
    assert_eq!(&f.text[fm.body_offset..], "正文\n");
}

#[test]
fn no_front_matter_is_none() {
    assert!(split_front_matter(&file("# 标题\n")).unwrap().is_none());
}

#[test]
fn unclosed_front_matter_is_an_error() {
    let e = split_front_matter(&file("---\ntitle: 甲\n")).unwrap_err();
    assert_eq!(e.line, 1);
}

#[test]
fn errors_point_at_the_line_in_the_file() {
    let f = file("---\ntitle: 甲\ntitel: 乙\n---\n");
    let fm = split_front_matter(&f).unwrap().unwrap();
    let e = parse::<Meta>(&f, fm.yaml, fm.yaml_offset).unwrap_err();
    let ok = parse::<Meta>(&f, "title: 甲\n", fm.yaml_offset).unwrap();
    assert_eq!(ok.title, "甲");
    assert!(e.message.contains("unknown field `titel`"), "{}", e.message);
    assert_eq!((e.line, e.col), (3, 1));
}

#[test]
fn empty_front_matter_reports_missing_title() {
    let f = file("---\n---\nbody");
    let fm = split_front_matter(&f).unwrap().unwrap();
    let e = parse::<Meta>(&f, fm.yaml, fm.yaml_offset).unwrap_err();
    assert!(e.message.contains("missing field `title`"), "{}", e.message);
    assert_eq!(e.line, 2);
}

#[test]
fn malformed_yaml_points_into_the_file() {
    let f = file("---\ntitle: [未闭合\n---\n");
    let fm = split_front_matter(&f).unwrap().unwrap();
    let e = parse::<Meta>(&f, fm.yaml, fm.yaml_offset).unwrap_err();
    assert!(e.line >= 2, "line {}", e.line);
}

#[test]
fn locations_find_nested_keys_and_items() {
    let text = "title: 测验\nquestions:\n  - id: a\n    type: single\n  - id: b\n    options:\n      - text: 甲\n      - text: 乙\n";
    let loc = Locations::index(text);
    let line = |p: &str| crate::diagnostic::line_col(text, loc.offset(p).unwrap()).0;
    assert_eq!(line("title"), 1);
    assert_eq!(line("questions.0"), 3);
    assert_eq!(line("questions.0.type"), 4);
    assert_eq!(line("questions.1.id"), 5);
    assert_eq!(line("questions.1.options.1"), 8);
    assert_eq!(line("questions.1.options.1.text"), 8);
    // Unknown paths fall back to the nearest known ancestor.
    assert_eq!(line("questions.1.answers"), 5);
    let col = crate::diagnostic::line_col(text, loc.offset("questions.1.options.1.text").unwrap()).1;
    assert_eq!(col, 9);
}

/// The diagnostic of `yaml` read as front matter of type `T`.
fn front_matter_error<T: DeserializeOwned>(yaml: &str) -> Diagnostic {
    let f = file(&format!("---\n{yaml}---\n正文\n"));
    let fm = split_front_matter(&f).unwrap().unwrap();
    match parse::<T>(&f, fm.yaml, fm.yaml_offset) {
        Ok(_) => panic!("{yaml:?} should not parse"),
        Err(d) => d,
    }
}

#[test]
fn duplicate_key_points_at_the_second_one() {
    let e = front_matter_error::<LessonMeta>("title: 甲\nsummary: 乙\ntitle: 丙\n");
    assert_eq!(e.message, "duplicate key `title`");
    assert_eq!(e.location(), "course/01-a/01-b.md:4:1");
    assert!(e.hint.unwrap().contains("only once"));
}

#[test]
fn tab_indent_points_at_the_tab() {
    let e = front_matter_error::<ModuleMeta>("title: 甲\nobjectives:\n\t- 乙\n");
    assert_eq!(e.location(), "course/01-a/01-b.md:4:1");
    assert_eq!(e.message, "a tab where YAML allows only spaces");
    assert!(e.hint.unwrap().contains("indent with spaces"));
    // The parser names the scalar it was reading (line 2); the message names the tab's line.
    let e = front_matter_error::<LessonMeta>("title: 甲\n\tsummary: 乙\n");
    assert_eq!(e.location(), "course/01-a/01-b.md:3:1");
}

/// "Billion laughs": nine levels of nine aliases each.
fn alias_bomb() -> String {
    let mut bomb = String::from("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (prev, name) in "abcdefgh".chars().zip("bcdefghi".chars()) {
        let aliases = vec![format!("*{prev}"); 9].join(", ");
        bomb.push_str(&format!("{name}: &{name} [{aliases}]\n"));
    }
    bomb
}

/// Typed fields stop the bomb at its first key; an untyped value (such as
/// the `serde_json::Value` tests/testsuite/schema.rs reads) is stopped by the alias
/// budget, with an error, long before it runs out of memory.
#[test]
fn alias_bomb_is_a_located_error() {
    let bomb = alias_bomb();
    let e = parse_str::<serde_json::Value>(&bomb).unwrap_err();
    assert!(
        e.message.starts_with("the YAML is too large or too complex"),
        "{e:?}"
    );
    assert!(e.hint.unwrap().contains("*alias"));
    // At an alias of the last lines, where the expansion runs over the budget.
    let (line, _) = crate::diagnostic::line_col(&bomb, e.offset);
    assert!((2..=9).contains(&line), "line {line}");
    let e = front_matter_error::<ModuleMeta>(&bomb);
    assert_eq!(e.location(), "course/01-a/01-b.md:2:1");
    assert!(e.message.starts_with("unknown field `a`"), "{}", e.message);
}

/// A front matter of 5 MB: an error at its end is still found and placed,
/// and one made of half a million list items hits the budget, with a line.
#[test]
fn five_megabyte_front_matter() {
    let long = "很长的摘要。".repeat(5_000_000 / 18);
    let e = front_matter_error::<LessonMeta>(&format!("title: 甲\nsummary: {long}\nordr: 1\n"));
    assert_eq!(e.location(), "course/01-a/01-b.md:4:1");
    assert!(e.message.starts_with("unknown field `ordr`"), "{}", e.message);
    let items = "  - 目标\n".repeat(5_000_000 / 11);
    let e = front_matter_error::<ModuleMeta>(&format!("title: 甲\nobjectives:\n{items}"));
    assert!(e.message.contains("too many values"), "{}", e.message);
    assert!(e.line > 4, "{}", e.location());
}

/// The settings keep what course files meant with serde_yaml: YAML 1.2
/// booleans, numbers with leading zeros or `_` as text, `title:` as empty
/// text, `<<` as an ordinary key, and `.inf` as a number.
#[test]
fn course_files_keep_their_meaning() {
    let v: serde_json::Value = parse_str("[yes, no, on, True, 5, 012, 1_000, 0x10, 1.5, 五, '5']").unwrap();
    assert_eq!(
        v,
        serde_json::json!(["yes", "no", "on", true, 5, "012", "1_000", 16, 1.5, "五", "5"])
    );
    let m: LessonMeta = parse_str("title:\norder: 3\n").unwrap();
    assert_eq!((m.title.as_str(), m.order), ("", Some(3)));
    let e = parse_str::<LessonMeta>("title: a\n<<: {summary: b}\n").unwrap_err();
    assert!(e.message.starts_with("unknown field `<<`"), "{e:?}");
    #[derive(Debug, Deserialize)]
    struct Flag {
        correct: bool,
        value: f64,
    }
    let e = parse_str::<Flag>("correct: yes\nvalue: 1\n").unwrap_err();
    assert_eq!((e.message.as_str(), e.offset), ("`yes` is not true or false", 9));
    let f: Flag = parse_str("correct: TRUE\nvalue: .inf\n").unwrap();
    assert!(f.correct && f.value.is_infinite());
}

/// Each kind of error gets our message and hint from its type, not its text.
#[test]
fn typed_errors_get_their_hints() {
    let cases: [(&str, &str, &str); 6] = [
        ("summary: s\n", "missing field `title`", "add the field"),
        (
            "title: t\nsumary: s\n",
            "unknown field `sumary`, expected one of `title`, `summary`, `order`, `duration_minutes`, `slides`",
            "spelling",
        ),
        (
            "title: t\norder: 二\n",
            "`二` is not a whole number from 0 to 4294967295",
            "value's type",
        ),
        (
            "title: [t]\n",
            "expected a single value (text or a number), found `[`",
            "value's type",
        ),
        ("title: \"t\n", "unclosed quote", "close every quote"),
        (
            "title: *t\n",
            "alias to an anchor that is not defined",
            "define `&name`",
        ),
    ];
    for (yaml, message, hint) in cases {
        let e = parse_str::<LessonMeta>(yaml).unwrap_err();
        assert_eq!(e.message, message, "{yaml:?}");
        assert!(
            e.hint.as_deref().unwrap_or_default().contains(hint),
            "{yaml:?}: {e:?}"
        );
    }
}

/// A message of our own (a `Deserialize` that rejects a value) comes through
/// as written, at the value.
#[test]
fn custom_messages_keep_their_words() {
    let e = parse_str::<crate::parse::front_matter::PageMeta>("title: t\nplacement: middle\n").unwrap_err();
    assert_eq!(
        (e.message.as_str(), e.offset),
        ("placement must be `before` or `after`, not `middle`", 20)
    );
}

#[test]
fn only_comments_is_an_empty_document() {
    let e = parse_str::<LessonMeta>("# 稍后填写\n\n").unwrap_err();
    assert_eq!((e.message.as_str(), e.offset), ("missing field `title`", 0));
    // A lone carriage return ends a line too: the title is there.
    let m: LessonMeta = parse_str("# 标题：\rtitle: 甲\r").unwrap();
    assert_eq!(m.title, "甲");
}

#[test]
fn line_and_column_to_offset() {
    let text = "a: 1\r\nb: 甲乙\rc: 3\n";
    assert_eq!(offset_of_line_col(text, 1, 1), 0);
    assert_eq!(offset_of_line_col(text, 2, 4), 9);
    assert_eq!(offset_of_line_col(text, 2, 5), 12);
    assert_eq!(offset_of_line_col(text, 3, 1), 16);
    assert_eq!(offset_of_line_col(text, 9, 1), text.len());
}

/// Found by the property tests (src/yaml/attack.rs): a file that is not UTF-8 and longer than 64 KB,
/// where the 64 KB cut of the excerpt text fell inside a character, made the
/// reader panic (`coursegen check` crashed) instead of naming the bad byte.
#[test]
fn regression_long_file_not_utf8() {
    let mut bytes = format!("title: {}", "¡".repeat(40_000)).into_bytes();
    bytes.extend_from_slice(b"\xff\n");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("01-b.md");
    std::fs::write(&path, &bytes).unwrap();
    let e = SourceFile::read(&path, "01-a/01-b.md".into(), "course/01-a/01-b.md".into()).unwrap_err();
    assert_eq!(e.location(), "course/01-a/01-b.md:1:40008");
    assert!(e.message.contains("0xFF"), "{}", e.message);
}

/// `Scalar` reads what the untagged enum it replaces read, and names what it
/// expected when it meets a list, a mapping or null.
#[test]
fn scalars_as_the_untagged_enum_read_them() {
    let v: Vec<Scalar> =
        parse_str("[true, 5, -3, 18446744073709551615, 1.5, 五, '5', 012, 1_000, .inf]").unwrap();
    assert_eq!(
        v[..9],
        [
            Scalar::Bool(true),
            Scalar::Int(5),
            Scalar::Int(-3),
            Scalar::Float(18446744073709551615.0),
            Scalar::Float(1.5),
            Scalar::Text("五".into()),
            Scalar::Text("5".into()),
            Scalar::Text("012".into()),
            Scalar::Text("1_000".into()),
        ]
    );
    assert!(matches!(v[9], Scalar::Float(f) if f.is_infinite()));
    for (yaml, found) in [("[a, [b]]", "sequence"), ("[{a: b}]", "map"), ("[a, ~]", "")] {
        let e = parse_str::<Vec<Scalar>>(yaml).unwrap_err();
        assert!(
            e.message
                .ends_with("expected a single value (text, a number, true or false)")
                && e.message.contains(found),
            "{yaml}: {e:?}"
        );
        assert_eq!(e.hint.as_deref(), Some(TYPE_HINT), "{yaml}");
    }
}

/// Found by the property test campaign (an out-of-memory kill at 19.5 GB):
/// every indexed path repeats its parents' keys, so 2 MB of nested lists
/// made a 350 MB index, and a huge key with many children a copy of the key
/// for each. Deep nodes and long keys are no longer named.
#[test]
fn the_location_index_stays_about_as_large_as_the_text() {
    let nested = format!("- {}{}\n", "[".repeat(250), "]".repeat(250)).repeat(400);
    let long_key = format!("{}: [{}]\n", "键".repeat(300), vec!["a"; 10_000].join(", "));
    for text in [nested, long_key] {
        let loc = Locations::index(&text);
        let bytes: usize = loc.offsets.keys().map(String::len).sum();
        // A short item (`a, `) takes a few bytes of path; before, these two
        // texts took 125 and 290 times their length.
        assert!(
            bytes <= 4 * text.len(),
            "{bytes} bytes of paths for {} of text",
            text.len()
        );
        assert!(!loc.offsets.is_empty());
    }
    let loc = Locations::index(
        "a:\n  b:\n    c:\n      d:\n        e:\n          f:\n            g:\n              h:\n                i: 1\n",
    );
    assert_eq!(loc.offset("a.b.c.d.e.f.g.h"), Some(77));
    assert_eq!(
        loc.offset("a.b.c.d.e.f.g.h.i"),
        Some(77),
        "deeper: the nearest indexed ancestor"
    );
}
