//! Blocks for the classroom, written like GitHub callouts:
//!
//! - `> [!TRAINER]` notes for the trainer: off the learner site (and so out of
//!   its search index), the speaker notes of a slide, boxed in the trainer
//!   print edition;
//! - `> [!EXERCISE] <title>` a classroom activity, with `minutes:` and
//!   `materials:` lines: a task box everywhere, listed in the facilitator guide;
//! - `> [!SLIDES]` content for the slides only, `> [!SITE]` for the site only.
//!
//! pulldown-cmark reads these as plain block quotes whose first paragraph
//! starts with the marker; this module reads that paragraph and says what
//! becomes of the block for each [`Audience`].

use pulldown_cmark::{Event, Tag, TagEnd};

/// Who the rendered page is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Audience {
    /// The learner site (and the handout).
    #[default]
    Site,
    /// A module's slide deck.
    Slides,
    /// The trainer's print edition and the facilitator guide.
    Trainer,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Trainer,
    Exercise,
    Slides,
    Site,
}

impl BlockKind {
    /// `[!TRAINER]` and the rest of the line after it, for a line that starts
    /// with a marker (any case).
    pub fn from_marker(line: &str) -> Option<(BlockKind, &str)> {
        let rest = line.trim_start().strip_prefix("[!")?;
        let end = rest.find(']')?;
        let kind = match rest[..end].to_ascii_uppercase().as_str() {
            "TRAINER" => BlockKind::Trainer,
            "EXERCISE" => BlockKind::Exercise,
            "SLIDES" => BlockKind::Slides,
            "SITE" => BlockKind::Site,
            _ => return None,
        };
        let after = &rest[end + 1..];
        // `[!SITE]x` is not a marker; `[!SITE] x` and `[!SITE]` are.
        (after.is_empty() || after.starts_with(char::is_whitespace)).then_some((kind, after.trim()))
    }

    /// What becomes of the block for `audience`.
    pub fn mode(self, audience: Audience) -> Mode {
        match (self, audience) {
            (BlockKind::Exercise, _) => Mode::Box,
            (BlockKind::Trainer, Audience::Site) => Mode::Drop,
            (BlockKind::Trainer, _) => Mode::Box,
            (BlockKind::Slides, Audience::Slides) | (BlockKind::Site, Audience::Site | Audience::Trainer) => {
                Mode::Plain
            }
            (BlockKind::Slides, _) | (BlockKind::Site, Audience::Slides) => Mode::Drop,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Left out (its links are still checked).
    Drop,
    /// Its content as if written outside the quote.
    Plain,
    /// Its content rendered on its own, then written in a box (see
    /// `Events::close_block`) and recorded in [`Rendered::blocks`](super::Rendered::blocks).
    Box,
}

/// An exercise or trainer note as rendered, for the facilitator guide.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlockInfo {
    pub kind: BlockKind,
    /// The text after the marker (an exercise's title).
    pub title: String,
    pub minutes: Option<u32>,
    pub materials: Option<String>,
    /// The content's HTML, without the box.
    pub html: String,
    /// The id of the box on the page (exercises), prefix included.
    pub id: Option<String>,
    /// Byte offset of the block in the Markdown body.
    pub offset: usize,
}

/// The marker paragraph of a block, read.
pub struct Marker<'a> {
    pub kind: BlockKind,
    pub title: String,
    pub minutes: Option<u32>,
    pub materials: Option<String>,
    /// The paragraph's lines that are neither the marker nor a `key: value`,
    /// as events (with their source ranges), to be shown as a paragraph.
    pub rest: Vec<(Event<'a>, std::ops::Range<usize>)>,
}

/// Reads a block quote's first paragraph (`events`, from its `Start(Paragraph)`
/// to its `End(Paragraph)`); `None` when it does not start with a marker.
pub fn read_marker<'a>(events: &[(Event<'a>, std::ops::Range<usize>)]) -> Option<Marker<'a>> {
    let inner = match events {
        [
            (Event::Start(Tag::Paragraph), _),
            inner @ ..,
            (Event::End(TagEnd::Paragraph), _),
        ] => inner,
        _ => return None,
    };
    let mut lines: Vec<&[(Event<'a>, std::ops::Range<usize>)]> = inner
        .split(|(e, _)| matches!(e, Event::SoftBreak | Event::HardBreak))
        .collect();
    let first = line_text(lines.first()?);
    let (kind, title) = BlockKind::from_marker(&first)?;
    let title = title.to_string();
    let mut marker = Marker {
        kind,
        title,
        minutes: None,
        materials: None,
        rest: Vec::new(),
    };
    lines.remove(0);
    let mut kept: Vec<&[(Event<'a>, std::ops::Range<usize>)]> = Vec::new();
    for line in lines {
        let text = line_text(line);
        let field = text.split_once([':', '：']).map(|(k, v)| (k.trim(), v.trim()));
        match field {
            Some(("minutes", v)) if kind == BlockKind::Exercise && is_plain(line) => {
                marker.minutes = v.trim_end_matches(|c: char| !c.is_ascii_digit()).parse().ok()
            }
            Some(("materials", v)) if kind == BlockKind::Exercise && is_plain(line) && !v.is_empty() => {
                marker.materials = Some(v.to_string())
            }
            _ => kept.push(line),
        }
    }
    if !kept.is_empty() {
        let start = kept[0].first().map_or(0..0, |(_, r)| r.clone());
        marker.rest.push((Event::Start(Tag::Paragraph), start.clone()));
        for (i, line) in kept.iter().enumerate() {
            if i > 0 {
                marker.rest.push((Event::SoftBreak, start.clone()));
            }
            marker.rest.extend(line.iter().cloned());
        }
        marker.rest.push((Event::End(TagEnd::Paragraph), start));
    }
    Some(marker)
}

fn line_text(line: &[(Event, std::ops::Range<usize>)]) -> String {
    line.iter()
        .filter_map(|(e, _)| match e {
            Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
            _ => None,
        })
        .collect()
}

/// A line of text only (no emphasis, link or code).
fn is_plain(line: &[(Event, std::ops::Range<usize>)]) -> bool {
    line.iter().all(|(e, _)| matches!(e, Event::Text(_)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers() {
        assert_eq!(
            BlockKind::from_marker("[!TRAINER]"),
            Some((BlockKind::Trainer, ""))
        );
        assert_eq!(
            BlockKind::from_marker("[!exercise] 角色扮演"),
            Some((BlockKind::Exercise, "角色扮演"))
        );
        assert_eq!(BlockKind::from_marker("[!NOTE]"), None);
        assert_eq!(BlockKind::from_marker("[!SITE]x"), None);
        assert_eq!(BlockKind::from_marker("see [!SITE]"), None);
    }

    #[test]
    fn every_kind_has_a_mode_for_every_audience() {
        let table = [
            (BlockKind::Trainer, [Mode::Drop, Mode::Box, Mode::Box]),
            (BlockKind::Exercise, [Mode::Box, Mode::Box, Mode::Box]),
            (BlockKind::Slides, [Mode::Drop, Mode::Plain, Mode::Drop]),
            (BlockKind::Site, [Mode::Plain, Mode::Drop, Mode::Plain]),
        ];
        for (kind, modes) in table {
            for (audience, mode) in [Audience::Site, Audience::Slides, Audience::Trainer]
                .into_iter()
                .zip(modes)
            {
                assert_eq!(kind.mode(audience), mode, "{kind:?} for {audience:?}");
            }
        }
    }
}
