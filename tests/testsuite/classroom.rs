//! The classroom edition of the bundled course: trainer notes stay off every
//! learner page and out of the search index, yet reach the presenter views,
//! the trainer edition and the facilitator guide; the guide's two-day agenda
//! adds up; exercises read as tasks on the site.

use std::path::Path;

use crate::support::site::bundled;

/// Every file under `dir`, with its path relative to it.
fn files(dir: &Path) -> Vec<(String, String)> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .ok()?
                .to_string_lossy()
                .replace('\\', "/");
            Some((rel, std::fs::read_to_string(e.path()).ok()?))
        })
        .collect()
}

/// A stretch of each trainer note of the course, as the learner would see
/// its text (the first line, Markdown marks left out).
fn note_snippets() -> Vec<String> {
    let course = Path::new(env!("CARGO_MANIFEST_DIR")).join("course");
    let mut out: Vec<String> = Vec::new();
    for (_, text) in files(&course) {
        let lines: Vec<&str> = text.lines().collect();
        for (i, l) in lines.iter().enumerate() {
            if !l.trim().eq_ignore_ascii_case("> [!TRAINER]") {
                continue;
            }
            let Some(next) = lines.get(i + 1) else { continue };
            // A stretch without markup, quotes or links: as the page shows it.
            let line = next.trim_start_matches(['>', ' ', '-', '*']);
            let Some(run) = line
                .split(|c: char| "*`[]()“”\"'$&<>".contains(c))
                .find(|r| r.chars().count() >= 12)
            else {
                continue;
            };
            out.push(run.chars().take(12).collect());
        }
    }
    // Only what the notes alone say (a note may quote the lesson).
    let learner_text: String = files(&course)
        .into_iter()
        .map(|(_, text)| without_notes(&text))
        .collect();
    out.retain(|s| !learner_text.contains(s.as_str()));
    out
}

/// A source file without its `> [!TRAINER]` blocks.
fn without_notes(text: &str) -> String {
    let mut out = String::new();
    let mut in_note = false;
    for line in text.lines() {
        if line.trim().eq_ignore_ascii_case("> [!TRAINER]") {
            in_note = true;
        } else if in_note && !line.starts_with('>') {
            in_note = false;
        }
        if !in_note {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

#[test]
fn trainer_notes_are_in_no_learner_page_and_no_search_shard() {
    let site = bundled(true);
    let snippets = note_snippets();
    assert!(snippets.len() > 60, "only {} notes found", snippets.len());
    let trainer_only = |rel: &str| {
        rel.ends_with("/presenter.html") || rel == "print/trainer.html" || rel == "print/facilitator.html"
    };
    let mut leaks = Vec::new();
    let mut shown = 0;
    for (rel, text) in files(site) {
        let hits: Vec<&String> = snippets.iter().filter(|s| text.contains(s.as_str())).collect();
        if trainer_only(&rel) {
            shown += hits.len();
        } else if let Some(s) = hits.first() {
            leaks.push(format!("{rel}: {s}"));
        }
    }
    assert!(
        leaks.is_empty(),
        "trainer notes on learner pages or in search:\n{}",
        leaks.join("\n")
    );
    // Each note is in a presenter view, the trainer edition and the guide.
    assert!(shown >= 3 * snippets.len(), "{shown} of {}", 3 * snippets.len());
    let handout = std::fs::read_to_string(site.join("print/handout.html")).unwrap();
    let trainer = std::fs::read_to_string(site.join("print/trainer.html")).unwrap();
    assert!(!handout.contains("callout-trainer") && trainer.contains("callout-trainer"));
}

#[test]
fn exercises_read_as_tasks_on_the_site() {
    let site = bundled(false);
    let mut exercises = 0;
    for (rel, text) in files(site) {
        if rel.ends_with(".html") && !rel.contains('/') {
            continue;
        }
        exercises += text
            .matches("<div class=\"callout callout-exercise\" id=\"exercise-")
            .count();
        assert!(
            !text.contains("[!EXERCISE]") && !text.contains("[!TRAINER]"),
            "{rel}"
        );
    }
    assert!(exercises >= 9, "{exercises} exercises on the site");
}

/// Minutes of `HH:MM`.
fn minutes(t: &str) -> u32 {
    let (h, m) = t.split_once(':').unwrap();
    h.parse::<u32>().unwrap() * 60 + m.parse::<u32>().unwrap()
}

#[test]
fn the_facilitator_guide_has_a_two_day_agenda_that_adds_up() {
    let site = bundled(true);
    let guide = std::fs::read_to_string(site.join("print/facilitator.html")).unwrap();
    assert!(guide.contains("第 1 天") && guide.contains("第 2 天") && !guide.contains("第 3 天"));
    assert!(!guide.contains("guide-overflow"), "the course fits two days");
    // Rows in order, each day from 09:00 to at most 17:00, without gaps.
    let days: Vec<&str> = guide.split("<section class=\"guide-day\"").skip(1).collect();
    assert_eq!(days.len(), 2);
    let mut teaching = 0;
    let mut lessons = 0;
    for day in &days {
        let mut end = minutes("09:00");
        for row in day.split("<tr class=\"agenda-").skip(1) {
            let kind = row.split('"').next().unwrap();
            let span = row
                .split("<td class=\"agenda-time\">")
                .nth(1)
                .and_then(|r| r.split("</td>").next())
                .unwrap();
            let (from, to) = span.split_once('–').unwrap();
            assert_eq!(minutes(from), end, "a gap or an overlap before {span}");
            end = minutes(to);
            let listed: u32 = row
                .split("<td class=\"agenda-minutes\">")
                .nth(1)
                .and_then(|m| m.split('<').next())
                .and_then(|m| m.parse().ok())
                .unwrap();
            assert_eq!(listed, minutes(to) - minutes(from), "{span}");
            match kind {
                "pause" | "buffer" => {}
                "lesson" => {
                    lessons += 1;
                    teaching += listed;
                }
                _ => teaching += listed,
            }
        }
        assert!(end <= minutes("17:00"), "a day ends at {end}");
    }
    // What the agenda holds is every lesson's duration and every quiz's.
    let course = Path::new(env!("CARGO_MANIFEST_DIR")).join("course");
    let mut planned = 0;
    let mut quizzes = 0;
    for (rel, text) in files(&course) {
        if rel.ends_with("quiz.yaml") {
            quizzes += 1;
        } else if rel.matches('/').count() == 1 && rel.ends_with(".md") && !rel.ends_with("index.md") {
            let d = text
                .lines()
                .find_map(|l| l.strip_prefix("duration_minutes:"))
                .unwrap_or_else(|| panic!("{rel} has no duration_minutes"));
            planned += d.trim().parse::<u32>().unwrap();
        }
    }
    assert_eq!(teaching, planned + 10 * quizzes, "the agenda adds up");
    assert!(lessons >= 45, "{lessons} lesson rows");
    assert!(guide.contains("课堂练习一览") && guide.matches("callout-exercise").count() >= 9);
}
