//! course.yaml: raw fields as written, then validated into `CourseConfig`.

use serde::Deserialize;

use crate::diagnostic::Diagnostic;
use crate::model::CourseConfig;
use crate::source::SourceFile;
use crate::yaml;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: String,
    #[serde(default)]
    subtitle: Option<String>,
    #[serde(default)]
    language: Option<String>,
    #[serde(default)]
    authors: Vec<String>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    base_url: Option<String>,
}

pub fn parse_config(file: &SourceFile) -> Result<CourseConfig, Diagnostic> {
    let mut raw: RawConfig = yaml::parse(file, &file.text, 0)?;
    let texts = std::iter::once(&mut raw.title)
        .chain(&mut raw.subtitle)
        .chain(&mut raw.description)
        .chain(&mut raw.authors);
    super::front_matter::unfold_texts(&file.text, texts);
    let at_key = |key: &str, d: Diagnostic| match key_line(&file.text, key) {
        Some(line) => d.at(&file.display_path, &file.text, line, 1),
        None => d.in_file(&file.display_path),
    };
    if raw.title.trim().is_empty() {
        return Err(at_key("title", Diagnostic::error("`title` is empty")));
    }
    let base_url = match raw.base_url.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(url) => Some(normalize_base_url(url).map_err(|msg| at_key("base_url", Diagnostic::error(msg)))?),
    };
    let language = raw.language.unwrap_or_else(|| "zh-CN".to_string());
    if !is_language_tag(&language) {
        return Err(at_key(
            "language",
            Diagnostic::error(format!("`{language}` is not a language tag"))
                .with_hint("use a tag such as zh-CN or en"),
        ));
    }
    Ok(CourseConfig {
        title: raw.title,
        subtitle: raw.subtitle,
        language,
        authors: raw.authors,
        description: raw.description,
        base_url,
    })
}

/// Accepts `https://host/path` (a trailing `/` is added); anything else is an error.
pub fn normalize_base_url(url: &str) -> Result<String, String> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or_else(|| format!("base_url `{url}` must start with http:// or https://"))?;
    if rest.is_empty() || rest.starts_with('/') || url.contains(char::is_whitespace) {
        return Err(format!("base_url `{url}` has no host"));
    }
    if url.contains(['?', '#']) {
        return Err(format!("base_url `{url}` must not contain a query or fragment"));
    }
    let mut out = url.to_string();
    if !out.ends_with('/') {
        out.push('/');
    }
    Ok(out)
}

fn is_language_tag(tag: &str) -> bool {
    !tag.is_empty()
        && tag
            .split('-')
            .all(|p| !p.is_empty() && p.len() <= 8 && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// 1-based line of a top-level `key:` in a YAML text.
fn key_line(text: &str, key: &str) -> Option<usize> {
    text.lines()
        .position(|l| {
            l.strip_prefix(key)
                .is_some_and(|r| r.trim_start().starts_with(':'))
        })
        .map(|i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cfg(text: &str) -> Result<CourseConfig, Diagnostic> {
        parse_config(&SourceFile::new(
            "course.yaml",
            "course/course.yaml",
            text.to_string(),
        ))
    }

    #[test]
    fn defaults_and_base_url() {
        let c = cfg("title: 服务卓越\nbase_url: https://example.org/course\n").unwrap();
        assert_eq!(c.language, "zh-CN");
        assert_eq!(c.base_url.as_deref(), Some("https://example.org/course/"));
    }

    #[test]
    fn bad_base_url_points_at_its_line() {
        let e = cfg("title: t\nbase_url: example.org\n").unwrap_err();
        assert_eq!(e.line, 2);
    }

    #[test]
    fn folded_lines_join_without_a_space_between_cjk_characters() {
        let c = cfg("title: 服务卓越\ndescription: >-\n  讲解概念、实用技巧、\n  文化建设。\n  Taught with\n  examples.\n").unwrap();
        assert_eq!(
            c.description.as_deref(),
            Some("讲解概念、实用技巧、文化建设。 Taught with examples.")
        );
    }

    #[test]
    fn unknown_field_is_an_error() {
        let e = cfg("title: t\nlanguag: zh\n").unwrap_err();
        assert!(e.message.contains("unknown field"));
        assert_eq!(e.line, 2);
    }
}
