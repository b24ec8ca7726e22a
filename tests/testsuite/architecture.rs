//! The shape of the code, as README's "Project layout" describes it: the
//! top-level modules of `src/` form no cycle, and none depends on a later
//! stage of the pipeline load → parse → plan → render → index → write.
//!
//! Dependencies are read from the source: every `crate::<module>` path in a
//! module's files, test code (`tests.rs`, `tests/` folders, files declared
//! as `#[cfg(test)] mod name;`, and everything after a `#[cfg(test)]` line)
//! left out.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Every top-level module and its layer. A module may use modules of its own
/// layer or lower ones; the cycle check keeps a layer's modules apart.
const LAYERS: &[(&str, &[&str])] = &[
    // Foundations: no stage of their own, used by stages.
    (
        "foundations",
        &[
            "diagnostic",
            "source",
            "html_escape",
            "output",
            "yaml",
            "markdown",
            "chart",
            "i18n",
            "quiz",
            "scenario",
            "model",
            "agenda",
        ],
    ),
    ("load", &["load"]),
    ("parse", &["parse"]),
    ("plan", &["site", "links"]),
    ("render", &["render"]),
    ("index", &["search"]),
    ("write", &["write", "publish"]),
    // The owner of a build, then what drives it.
    ("owner", &["build"]),
    ("commands", &["serve", "export", "scaffold", "schema"]),
];

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|(_, ms)| ms.contains(&module))
}

/// Non-test Rust source of a module: `src/<m>.rs` and `src/<m>/**.rs`.
fn sources(src: &Path, module: &str) -> Vec<PathBuf> {
    let mut files = vec![src.join(format!("{module}.rs"))];
    let dir = src.join(module);
    if dir.is_dir() {
        for e in walkdir::WalkDir::new(&dir).into_iter().filter_map(Result::ok) {
            let p = e.path();
            let is_test = p.file_name().is_some_and(|n| n == "tests.rs")
                || p.components().any(|c| c.as_os_str() == "tests");
            if p.extension().is_some_and(|x| x == "rs") && !is_test {
                files.push(p.to_path_buf());
            }
        }
    }
    // Files declared as `#[cfg(test)] mod name;` are test code too.
    let test_only: BTreeSet<PathBuf> = files
        .iter()
        .filter_map(|f| Some((f, std::fs::read_to_string(f).ok()?)))
        .flat_map(|(f, text)| {
            let dir = if f.file_name().is_some_and(|n| n == "mod.rs") {
                f.parent().unwrap().to_path_buf()
            } else {
                f.with_extension("")
            };
            text.split("#[cfg(test)]")
                .skip(1)
                .filter_map(|after| {
                    let decl = after.trim_start().strip_prefix("mod ")?;
                    let name = decl.split(';').next()?.trim();
                    (!name.contains(char::is_whitespace)).then(|| dir.join(format!("{name}.rs")))
                })
                .collect::<Vec<_>>()
        })
        .collect();
    files
        .into_iter()
        .filter(|p| p.is_file() && !test_only.contains(p))
        .collect()
}

/// `crate::x` names used in `text` before its first `#[cfg(test)]`.
fn uses(text: &str) -> BTreeSet<String> {
    let code = text.split("#[cfg(test)]").next().unwrap_or("");
    let mut out = BTreeSet::new();
    let mut rest = code;
    while let Some(i) = rest.find("crate::") {
        rest = &rest[i + "crate::".len()..];
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        if !name.is_empty() {
            out.insert(name);
        }
    }
    // `use crate::{a, b::c}` groups.
    let mut rest = code;
    while let Some(i) = rest.find("crate::{") {
        rest = &rest[i + "crate::{".len()..];
        let group = &rest[..rest.find('}').unwrap_or(0)];
        for part in group.split(',') {
            let name: String = part
                .trim()
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                out.insert(name);
            }
        }
    }
    out
}

fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let modules: BTreeSet<String> = std::fs::read_dir(&src)
        .expect("src/")
        .filter_map(Result::ok)
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let name = name.strip_suffix(".rs").map(str::to_string).unwrap_or(name);
            (name != "lib" && name != "main").then_some(name)
        })
        .collect();
    modules
        .iter()
        .map(|m| {
            let deps: BTreeSet<String> = sources(&src, m)
                .iter()
                .flat_map(|f| uses(&std::fs::read_to_string(f).expect("read source")))
                .filter(|d| d != m && modules.contains(d))
                .collect();
            (m.clone(), deps)
        })
        .collect()
}

#[test]
fn every_module_has_a_layer() {
    let missing: Vec<String> = graph().into_keys().filter(|m| layer_of(m).is_none()).collect();
    assert!(missing.is_empty(), "place these modules in LAYERS: {missing:?}");
}

#[test]
fn no_module_depends_on_a_later_stage() {
    let mut wrong = Vec::new();
    for (m, deps) in graph() {
        let Some(lm) = layer_of(&m) else { continue };
        for d in deps {
            if let Some(ld) = layer_of(&d)
                && ld > lm
            {
                wrong.push(format!("{m} ({}) uses {d} ({})", LAYERS[lm].0, LAYERS[ld].0));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "dependencies on a later layer:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn top_level_modules_form_no_cycle() {
    let g = graph();
    // Depth-first search with colours; reports the first cycle found.
    fn visit<'a>(
        m: &'a str,
        g: &'a BTreeMap<String, BTreeSet<String>>,
        state: &mut BTreeMap<&'a str, u8>,
        path: &mut Vec<&'a str>,
    ) -> Option<Vec<String>> {
        match state.get(m) {
            Some(2) => return None,
            Some(1) => {
                let start = path.iter().position(|p| *p == m).unwrap_or(0);
                let mut cycle: Vec<String> = path[start..].iter().map(|s| s.to_string()).collect();
                cycle.push(m.to_string());
                return Some(cycle);
            }
            _ => {}
        }
        state.insert(m, 1);
        path.push(m);
        for d in g.get(m).into_iter().flatten() {
            if let Some(c) = visit(d, g, state, path) {
                return Some(c);
            }
        }
        path.pop();
        state.insert(m, 2);
        None
    }
    let mut state = BTreeMap::new();
    for m in g.keys() {
        if let Some(cycle) = visit(m, &g, &mut state, &mut Vec::new()) {
            panic!("module cycle: {}", cycle.join(" → "));
        }
    }
}

/// The checks above can fail: a made-up graph with a cycle and a backward
/// dependency is caught by the same functions.
#[test]
fn the_reader_finds_uses_in_groups_and_paths() {
    let text =
        "use crate::{site::Site, render};\nfn f() { crate::search::x(); }\n#[cfg(test)]\nuse crate::build;";
    let found = uses(text);
    assert_eq!(
        found.into_iter().collect::<Vec<_>>(),
        ["render", "search", "site"],
        "test code after #[cfg(test)] is left out"
    );
}
