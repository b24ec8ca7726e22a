//! course.yaml: raw fields as written, then validated into `CourseConfig`.

use serde::Deserialize;

use crate::diagnostic::Diagnostic;
use crate::model::{Completion, CourseConfig, Pause, Schedule};
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
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    completion: Option<String>,
    #[serde(default)]
    calculator: bool,
    #[serde(default)]
    allowed_remote_hosts: Vec<String>,
    #[serde(default)]
    schedule: Option<RawSchedule>,
    #[serde(default = "yes")]
    slides: bool,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSchedule {
    days: u32,
    start: String,
    end: String,
    #[serde(default)]
    lunch: Option<RawPause>,
    #[serde(default)]
    breaks: Vec<RawPause>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPause {
    at: String,
    minutes: u32,
}

pub fn parse_config(file: &SourceFile) -> Result<CourseConfig, Diagnostic> {
    let mut raw: RawConfig = yaml::parse(file, &file.text, 0)?;
    let texts = std::iter::once(&mut raw.title)
        .chain(&mut raw.subtitle)
        .chain(&mut raw.description)
        .chain(&mut raw.authors);
    super::front_matter::unfold_texts(&file.text, texts);
    // Where each key is, as the YAML parser reads it (indented, quoted or in
    // braces alike); the top of the file if it cannot tell.
    let keys = yaml::Locations::index(&file.text);
    let at_key =
        |key: &str, d: Diagnostic| d.at_offset(&file.display_path, &file.text, keys.offset(key).unwrap_or(0));
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
    let id = match raw.id.as_deref().map(str::trim) {
        None => None,
        Some(id) if is_course_id(id) => Some(id.to_string()),
        Some(id) => {
            return Err(at_key(
                "id",
                Diagnostic::error(format!("course id `{id}` is not a valid id"))
                    .with_hint("use 1 to 64 letters, digits, `-`, `_` or `.`, such as `service-excellence`; it names the learners' saved progress, so never change it once published"),
            ));
        }
    };
    let completion = match raw.completion.as_deref().map(str::trim) {
        None => Completion::default(),
        Some(name) => Completion::from_name(name).ok_or_else(|| {
            at_key(
                "completion",
                Diagnostic::error(format!("unknown completion rule `{name}`"))
                    .with_hint(format!("completion is one of: {}", Completion::NAMES.join(", "))),
            )
        })?,
    };
    let allowed_remote_hosts =
        allowed_remote_hosts(raw.allowed_remote_hosts).map_err(|d| at_key("allowed_remote_hosts", d))?;
    let schedule = match raw.schedule {
        None => None,
        Some(s) => Some(schedule(s).map_err(|e| {
            let (key, d) = *e;
            at_key(&format!("schedule.{key}"), d)
        })?),
    };
    Ok(CourseConfig {
        id,
        allowed_remote_hosts,
        completion,
        calculator: raw.calculator,
        schedule,
        slides: raw.slides,
        title: raw.title,
        subtitle: raw.subtitle,
        language,
        authors: raw.authors,
        description: raw.description,
        base_url,
    })
}

/// `HH:MM` as minutes after midnight.
fn clock(text: &str) -> Option<u32> {
    let (h, m) = text.trim().split_once(':')?;
    let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    (h < 24 && m < 60).then_some(h * 60 + m)
}

/// A workshop day's times, checked: the problem comes with the key it is at.
fn schedule(raw: RawSchedule) -> Result<Schedule, Box<(String, Diagnostic)>> {
    let time = |key: &str, text: &str| {
        clock(text).ok_or_else(|| {
            Box::new((
                key.to_string(),
                Diagnostic::error(format!("`{text}` is not a time of day"))
                    .with_hint("write times as HH:MM, such as \"09:00\" or \"13:30\""),
            ))
        })
    };
    if raw.days == 0 {
        return Err(Box::new((
            "days".into(),
            Diagnostic::error("a schedule needs at least one day"),
        )));
    }
    let start = time("start", &raw.start)?;
    let end = time("end", &raw.end)?;
    if end <= start {
        return Err(Box::new((
            "end".into(),
            Diagnostic::error(format!("the day ends at {} but starts at {}", raw.end, raw.start)),
        )));
    }
    let mut pauses = Vec::new();
    for (i, (p, lunch)) in raw
        .lunch
        .iter()
        .map(|p| (p, true))
        .chain(raw.breaks.iter().map(|p| (p, false)))
        .enumerate()
    {
        let key = if lunch {
            "lunch".to_string()
        } else {
            format!("breaks.{}", i - usize::from(raw.lunch.is_some()))
        };
        let at = time(&key, &p.at)?;
        if at < start || at + p.minutes > end {
            return Err(Box::new((
                key,
                Diagnostic::error(format!(
                    "the pause at {} is not within the day ({}–{})",
                    p.at, raw.start, raw.end
                )),
            )));
        }
        pauses.push(Pause {
            at,
            minutes: p.minutes,
            lunch,
        });
    }
    pauses.sort_by_key(|p| p.at);
    if let Some(w) = pauses.windows(2).find(|w| w[0].at + w[0].minutes > w[1].at) {
        return Err(Box::new((
            "breaks".into(),
            Diagnostic::error(format!(
                "two pauses overlap (at {} for {} minutes, and at {})",
                crate::agenda::hhmm(w[0].at),
                w[0].minutes,
                crate::agenda::hhmm(w[1].at)
            )),
        )));
    }
    Ok(Schedule {
        days: raw.days,
        start,
        end,
        pauses,
    })
}

/// Host names (`www.youtube-nocookie.com`, or `*.example.org` for every host
/// under it), in lower case.
fn allowed_remote_hosts(hosts: Vec<String>) -> Result<Vec<String>, Diagnostic> {
    hosts
        .into_iter()
        .map(|h| {
            let host = h.trim().to_ascii_lowercase();
            let name = host.strip_prefix("*.").unwrap_or(&host);
            let valid = !name.is_empty()
                && name
                    .chars()
                    .all(|c| c.is_alphanumeric() || matches!(c, '-' | '.' | '_'));
            if valid {
                Ok(host)
            } else {
                Err(Diagnostic::error(format!("`{h}` in allowed_remote_hosts is not a host name"))
                    .with_hint("write the host alone, without scheme, port or path: `www.youtube-nocookie.com`, or `*.example.org` for every host under example.org"))
            }
        })
        .collect()
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

/// What `id` may be: it becomes part of the browser storage keys of the
/// learners' progress (`coursegen:<id>:…`).
fn is_course_id(id: &str) -> bool {
    (1..=64).contains(&id.len())
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

fn is_language_tag(tag: &str) -> bool {
    !tag.is_empty()
        && tag
            .split('-')
            .all(|p| !p.is_empty() && p.len() <= 8 && p.chars().all(|c| c.is_ascii_alphanumeric()))
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
    fn id_and_completion() {
        let c = cfg("title: t\nid: service-excellence\ncompletion: quizzes\n").unwrap();
        assert_eq!(c.id.as_deref(), Some("service-excellence"));
        assert_eq!(c.completion, Completion::Quizzes);
        let c = cfg("title: t\n").unwrap();
        assert_eq!((c.id, c.completion), (None, Completion::LessonsAndQuizzes));
        let e = cfg("title: t\nid: 服务 卓越\n").unwrap_err();
        assert_eq!(e.line, 2);
        let e = cfg("title: t\n\ncompletion: all\n").unwrap_err();
        assert_eq!(e.line, 3);
        assert!(e.hint.unwrap().contains("lessons-and-quizzes"));
    }

    #[test]
    fn folded_lines_join_without_a_space_between_cjk_characters() {
        let c = cfg("title: 服务卓越\ndescription: >-\n  讲解概念、实用技巧、\n  文化建设。\n  Taught with\n  examples.\n").unwrap();
        assert_eq!(
            c.description.as_deref(),
            Some("讲解概念、实用技巧、文化建设。 Taught with examples.")
        );
    }

    /// Found by the property tests: a key the line scan did not recognise
    /// (after a tab, quoted, in braces) gave an error with no line at all.
    #[test]
    fn every_error_has_the_line_of_its_key() {
        let e = cfg("\ttitle:").unwrap_err();
        assert_eq!((e.message.as_str(), e.line, e.col), ("`title` is empty", 1, 2));
        let e = cfg("\"title\": t\n'base_url': ftp://x\n").unwrap_err();
        assert_eq!(e.line, 2);
        let e = cfg("{title: t,\n language: 中文}\n").unwrap_err();
        assert_eq!((e.line, e.col), (2, 2));
    }

    #[test]
    fn allowed_remote_hosts_are_host_names() {
        let c = cfg("title: t\nallowed_remote_hosts: [www.YouTube-nocookie.com, '*.example.org']\n").unwrap();
        assert_eq!(
            c.allowed_remote_hosts,
            ["www.youtube-nocookie.com", "*.example.org"]
        );
        assert!(cfg("title: t\n").unwrap().allowed_remote_hosts.is_empty());
        let e =
            cfg("title: t\nid: x\nallowed_remote_hosts:\n  - https://player.bilibili.com/\n").unwrap_err();
        assert!(e.message.contains("is not a host name"), "{}", e.message);
        assert_eq!(e.line, 3);
        // A misspelt key is an error, not a list silently ignored.
        let e = cfg("title: t\nallowed_remote_host: [a.org]\n").unwrap_err();
        assert!(
            e.message.contains("unknown field `allowed_remote_host`"),
            "{}",
            e.message
        );
        assert_eq!(e.line, 2);
    }

    #[test]
    fn unknown_field_is_an_error() {
        let e = cfg("title: t\nlanguag: zh\n").unwrap_err();
        assert!(e.message.contains("unknown field"));
        assert_eq!(e.line, 2);
    }
}
