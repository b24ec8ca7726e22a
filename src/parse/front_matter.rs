//! Front matter fields of lessons, module index pages and root pages. Unknown
//! fields are errors so that a typo never silently drops a value.

use serde::Deserialize;
use serde::de::DeserializeOwned;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::model::Placement;
use crate::source::SourceFile;
use crate::yaml;

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LessonMeta {
    pub title: String,
    #[serde(default)]
    pub summary: Option<String>,
    #[serde(default)]
    pub order: Option<u32>,
    /// Classroom time, for the facilitator guide's agenda.
    #[serde(default)]
    pub duration_minutes: Option<u32>,
    /// `false` keeps the lesson off its module's slide deck.
    #[serde(default = "yes")]
    pub slides: bool,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModuleMeta {
    pub title: String,
    #[serde(default)]
    pub summary: Option<String>,
    #[serde(default)]
    pub objectives: Vec<String>,
    #[serde(default)]
    pub duration_minutes: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageMeta {
    pub title: String,
    #[serde(default)]
    pub summary: Option<String>,
    #[serde(default = "default_placement")]
    pub placement: Placement,
}

fn default_placement() -> Placement {
    Placement::After
}

impl<'de> Deserialize<'de> for Placement {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match String::deserialize(d)?.as_str() {
            "before" => Ok(Placement::Before),
            "after" => Ok(Placement::After),
            other => Err(serde::de::Error::custom(format!(
                "placement must be `before` or `after`, not `{other}`"
            ))),
        }
    }
}

/// Front matter with texts a reader sees, which YAML may have folded from
/// several lines (see [`crate::markdown::cjk_break`]).
pub trait Texts {
    fn texts(&mut self) -> Vec<&mut String>;
}

impl Texts for LessonMeta {
    fn texts(&mut self) -> Vec<&mut String> {
        std::iter::once(&mut self.title)
            .chain(&mut self.summary)
            .collect()
    }
}

impl Texts for ModuleMeta {
    fn texts(&mut self) -> Vec<&mut String> {
        std::iter::once(&mut self.title)
            .chain(&mut self.summary)
            .chain(&mut self.objectives)
            .collect()
    }
}

impl Texts for PageMeta {
    fn texts(&mut self) -> Vec<&mut String> {
        std::iter::once(&mut self.title)
            .chain(&mut self.summary)
            .collect()
    }
}

/// Takes out the spaces a YAML parser made of line breaks between CJK
/// characters in the texts of `value`, read from `yaml`.
pub fn unfold_texts<'v>(yaml: &str, texts: impl IntoIterator<Item = &'v mut String>) {
    let folds = crate::markdown::cjk_break::folds(yaml);
    if folds.is_empty() {
        return;
    }
    for t in texts {
        if t.contains(' ') {
            *t = crate::markdown::cjk_break::unfold(t, &folds);
        }
    }
}

/// Metadata that can stand in for a file whose front matter is faulty, so that
/// one bad file does not also make every link to it fail.
pub trait Fallback {
    fn fallback(title: &str) -> Self;
}

impl Fallback for LessonMeta {
    fn fallback(title: &str) -> Self {
        LessonMeta {
            title: title.to_string(),
            summary: None,
            order: None,
            duration_minutes: None,
            slides: true,
        }
    }
}

impl Fallback for ModuleMeta {
    fn fallback(title: &str) -> Self {
        ModuleMeta {
            title: title.to_string(),
            summary: None,
            objectives: Vec::new(),
            duration_minutes: None,
        }
    }
}

impl Fallback for PageMeta {
    fn fallback(title: &str) -> Self {
        PageMeta {
            title: title.to_string(),
            summary: None,
            placement: Placement::After,
        }
    }
}

/// Like [`read_meta`], but a faulty front matter (already reported) gives
/// placeholder metadata titled after the file.
pub fn read_meta_or_fallback<T: DeserializeOwned + Fallback + Texts>(
    file: &SourceFile,
    diags: &mut Diagnostics,
) -> (T, usize) {
    read_meta(file, diags).unwrap_or_else(|| {
        let offset = match yaml::split_front_matter(file) {
            Ok(Some(fm)) => fm.body_offset,
            _ => 0,
        };
        (T::fallback(file.stem()), offset)
    })
}

/// Reads the front matter of `file` into `T`; returns it with the byte offset of the body.
pub fn read_meta<T: DeserializeOwned + Texts>(
    file: &SourceFile,
    diags: &mut Diagnostics,
) -> Option<(T, usize)> {
    let fm = match yaml::split_front_matter(file) {
        Ok(Some(fm)) => fm,
        Ok(None) => {
            diags.push(
                Diagnostic::error("missing front matter (a `title` is required)")
                    .at(&file.display_path, &file.text, 1, 1)
                    .with_hint("start the file with:\n---\ntitle: 课程标题\n---"),
            );
            return None;
        }
        Err(d) => {
            diags.push(d);
            return None;
        }
    };
    match yaml::parse::<T>(file, fm.yaml, fm.yaml_offset) {
        Ok(mut meta) => {
            unfold_texts(fm.yaml, meta.texts());
            Some((meta, fm.body_offset))
        }
        Err(d) => {
            diags.push(d);
            None
        }
    }
}
