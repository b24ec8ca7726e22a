//! Fenced code as HTML, highlighted at build time: each token is a `<span>`
//! with one of a dozen classes (`hl-kw`, `hl-str`, …, see [`CLASSES`]) whose
//! colours are in `templates/code.css`, for the light and the dark theme. No
//! script runs for it and no colour is written into the page.
//!
//! The grammars are syntect's (Sublime Text syntaxes) as bat ships them, via
//! two-face, with pure-Rust regular expressions (fancy-regex); PowerShell,
//! which that set leaves out, is `syntaxes/PowerShell.sublime-syntax`, built
//! into `syntaxes/powershell.packdump`. Both load once, on the first code
//! block with a known language, and are shared by every rendering thread.

use std::sync::OnceLock;

use syntect::easy::HighlightLines;
use syntect::highlighting::{Color, ScopeSelectors, StyleModifier, Theme, ThemeItem};
use syntect::parsing::{SyntaxReference, SyntaxSet};
use syntect::util::LinesWithEndings;

use crate::html_escape::push_escaped;

/// The token classes, by index (`0` is plain text, no span), and the scopes
/// each is given to. Where selectors overlap, the more specific one wins.
pub const CLASSES: &[(&str, &str)] = &[
    (
        "",
        "keyword.operator, punctuation, invalid, variable.other, meta.string.interpolation",
    ),
    ("hl-com", "comment, punctuation.definition.comment"),
    (
        "hl-kw",
        "keyword, storage, keyword.operator.word, keyword.operator.logical.python, variable.language, \
         constant.language.boolean, support.function.builtin.shell, markup.heading, \
         punctuation.definition.heading",
    ),
    (
        "hl-str",
        "string, punctuation.definition.string, markup.raw, markup.underline.link, string.unquoted.heredoc",
    ),
    (
        "hl-num",
        "constant.numeric, constant.language, constant.character, constant.other, support.constant",
    ),
    (
        "hl-fn",
        "entity.name.function, support.function, variable.function, meta.function-call.identifier",
    ),
    (
        "hl-ty",
        "entity.name.type, entity.name.class, entity.name.struct, entity.name.enum, entity.name.trait, \
         entity.name.interface, entity.name.namespace, entity.other.inherited-class, support.type, \
         support.class, storage.type.primitive, storage.type.numeric, entity.name.section",
    ),
    ("hl-tag", "entity.name.tag, punctuation.definition.tag"),
    (
        "hl-attr",
        "entity.other.attribute-name, support.type.property-name, meta.mapping.key string, \
         meta.object-literal.key, variable.other.member, variable.other.property",
    ),
    (
        "hl-var",
        "variable.parameter, variable.other.readwrite.shell, variable.other.normal, \
         punctuation.definition.variable, variable.other.readwrite.powershell",
    ),
    (
        "hl-meta",
        "meta.preprocessor, meta.annotation, meta.decorator, punctuation.definition.annotation, \
         meta.attribute, entity.name.function.decorator, meta.diff.range, meta.diff.header, \
         meta.diff.index, punctuation.definition.range.diff, entity.name.function.preprocessor",
    ),
    ("hl-ins", "markup.inserted, punctuation.definition.inserted"),
    ("hl-del", "markup.deleted, punctuation.definition.deleted"),
];

/// Code longer than this is shown plain: highlighting it would take long for
/// a block no reader scans by colour.
const MAX_HIGHLIGHTED: usize = 200_000;

/// Language names and aliases as written after the fence → the grammar's name.
const ALIASES: &[(&str, &str)] = &[
    ("rust", "Rust"),
    ("rs", "Rust"),
    ("python", "Python"),
    ("py", "Python"),
    ("python3", "Python"),
    ("javascript", "JavaScript"),
    ("js", "JavaScript"),
    ("mjs", "JavaScript"),
    ("cjs", "JavaScript"),
    ("jsx", "JavaScript"),
    ("typescript", "TypeScript"),
    ("ts", "TypeScript"),
    ("tsx", "TypeScriptReact"),
    ("java", "Java"),
    ("c", "C"),
    ("h", "C"),
    ("cpp", "C++"),
    ("c++", "C++"),
    ("cxx", "C++"),
    ("cc", "C++"),
    ("hpp", "C++"),
    ("csharp", "C#"),
    ("cs", "C#"),
    ("c#", "C#"),
    ("go", "Go"),
    ("golang", "Go"),
    ("kotlin", "Kotlin"),
    ("kt", "Kotlin"),
    ("kts", "Kotlin"),
    ("swift", "Swift"),
    ("php", "PHP"),
    ("ruby", "Ruby"),
    ("rb", "Ruby"),
    ("sql", "SQL"),
    ("bash", "Bourne Again Shell (bash)"),
    ("sh", "Bourne Again Shell (bash)"),
    ("shell", "Bourne Again Shell (bash)"),
    ("zsh", "Bourne Again Shell (bash)"),
    ("console", "Bourne Again Shell (bash)"),
    ("shell-session", "Bourne Again Shell (bash)"),
    ("powershell", "PowerShell"),
    ("ps1", "PowerShell"),
    ("ps", "PowerShell"),
    ("pwsh", "PowerShell"),
    ("json", "JSON"),
    ("jsonc", "JSON"),
    ("json5", "JSON"),
    ("yaml", "YAML"),
    ("yml", "YAML"),
    ("toml", "TOML"),
    ("xml", "XML"),
    ("svg", "XML"),
    ("html", "HTML"),
    ("xhtml", "HTML"),
    ("css", "CSS"),
    ("markdown", "Markdown"),
    ("md", "Markdown"),
    ("diff", "Diff"),
    ("patch", "Diff"),
    ("dockerfile", "Dockerfile"),
    ("docker", "Dockerfile"),
    ("containerfile", "Dockerfile"),
];

/// Names that mean "no language" (shown plain, without a lookup).
const PLAIN: &[&str] = &[
    "text",
    "txt",
    "plain",
    "plaintext",
    "output",
    "none",
    "nohighlight",
];

struct Grammars {
    /// bat's syntaxes (via two-face) that fancy-regex can run.
    main: SyntaxSet,
    /// Those the repository adds (PowerShell).
    extra: SyntaxSet,
    theme: Theme,
}

fn grammars() -> &'static Grammars {
    static GRAMMARS: OnceLock<Grammars> = OnceLock::new();
    GRAMMARS.get_or_init(|| Grammars {
        main: two_face::syntax::extra_newlines(),
        extra: syntect::dumps::from_uncompressed_data(include_bytes!("../../syntaxes/powershell.packdump"))
            .unwrap_or_else(|_| SyntaxSet::new()),
        theme: class_theme(),
    })
}

/// A theme whose "colour" for a scope is the index of its class in
/// [`CLASSES`] (in the red channel): syntect's scope matching picks the
/// class, and no colour reaches the page.
fn class_theme() -> Theme {
    let scopes = CLASSES
        .iter()
        .enumerate()
        .filter_map(|(i, (_, selectors))| {
            let scope: ScopeSelectors = selectors.parse().ok()?;
            Some(ThemeItem {
                scope,
                style: StyleModifier {
                    foreground: Some(class_color(i)),
                    ..StyleModifier::default()
                },
            })
        })
        .collect();
    let mut theme = Theme {
        scopes,
        ..Theme::default()
    };
    theme.settings.foreground = Some(class_color(0));
    theme
}

fn class_color(index: usize) -> Color {
    Color {
        r: u8::try_from(index).unwrap_or(0),
        g: 0,
        b: 0,
        a: 0xff,
    }
}

/// The language of an info string as real books write it: the first word
/// before a comma or a space, braces and a leading dot dropped, lower-cased
/// (`rust,ignore` → `rust`, `python title="x.py"` → `python`, `{.rust}` → `rust`).
pub fn info_language(info: &str) -> String {
    let s = info.trim_start();
    let s = s.strip_prefix('{').map_or(s, str::trim_start);
    let s = s.strip_prefix('.').unwrap_or(s);
    let end = s
        .find(|c: char| c == ',' || c == '}' || c == '{' || c.is_whitespace())
        .unwrap_or(s.len());
    s[..end].to_ascii_lowercase()
}

/// The grammar for `lang` (an [`info_language`]), or `None` to show the code plain.
fn grammar_for(lang: &str, code: &str) -> Option<(&'static SyntaxReference, &'static SyntaxSet)> {
    if lang.is_empty() || PLAIN.contains(&lang) {
        return None;
    }
    let g = grammars();
    let name = ALIASES
        .iter()
        .find(|(alias, _)| *alias == lang)
        .map(|(_, name)| *name);
    // PHP without `<?php` is PHP source code, not a template.
    let name = match name {
        Some("PHP") if !code.trim_start().starts_with("<?") => Some("PHP Source"),
        other => other,
    };
    match name {
        Some(name) => [&g.main, &g.extra]
            .into_iter()
            .find_map(|set| set.find_syntax_by_name(name).map(|s| (s, set))),
        // Another language bat knows by name or file extension (haskell, lua…).
        None => g
            .main
            .find_syntax_by_token(lang)
            .filter(|s| s.name != "Plain Text")
            .map(|s| (s, &g.main)),
    }
}

/// A fenced or indented code block as HTML: `<pre tabindex="0"><code
/// class="language-…">`, highlighted when the language is known, else escaped
/// plain text. Focusable: a long line scrolls the block sideways, by keyboard too.
pub fn code_block(lang: &str, code: &str) -> String {
    let mut html = String::with_capacity(code.len() * 2 + 64);
    html.push_str("<pre tabindex=\"0\"><code");
    if !lang.is_empty() {
        html.push_str(" class=\"language-");
        push_escaped(&mut html, lang);
        html.push('"');
    }
    html.push('>');
    let highlighted = code.len() <= MAX_HIGHLIGHTED
        && grammar_for(lang, code)
            .is_some_and(|(syntax, set)| push_highlighted(&mut html, syntax, set, code));
    if !highlighted {
        push_escaped(&mut html, code);
    }
    html.push_str("</code></pre>\n");
    html
}

/// Appends `code` as spans; on a grammar error leaves `html` as it was and
/// returns false (the caller shows the code plain).
fn push_highlighted(html: &mut String, syntax: &SyntaxReference, set: &SyntaxSet, code: &str) -> bool {
    let start = html.len();
    let mut lines = HighlightLines::new(syntax, &grammars().theme);
    // The open span's class, and the text waiting to go in it.
    let mut open: usize = 0;
    for line in LinesWithEndings::from(code) {
        let Ok(tokens) = lines.highlight_line(line, set) else {
            html.truncate(start);
            return false;
        };
        for (style, text) in tokens {
            let class = usize::from(style.foreground.r);
            let class = if class < CLASSES.len() { class } else { 0 };
            // Whitespace takes any colour: it joins the span before it.
            if class != open && !text.trim().is_empty() {
                if open != 0 {
                    html.push_str("</span>");
                }
                if class != 0 {
                    html.push_str("<span class=\"");
                    html.push_str(CLASSES[class].0);
                    html.push_str("\">");
                }
                open = class;
            }
            push_escaped(html, text);
        }
    }
    if open != 0 {
        html.push_str("</span>");
    }
    true
}
