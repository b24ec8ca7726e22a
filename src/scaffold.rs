//! `coursegen new DIR`: a small course that builds as it is and shows each feature once.

use std::path::{Path, PathBuf};

const FILES: &[(&str, &str)] = &[
    (
        "course/introduction.md",
        "---\ntitle: 课程介绍\nsummary: 这门课程讲什么、怎样学习。\nplacement: before\n---\n\n## 欢迎 {#welcome}\n\n本课程由若干模块组成，每个模块包含几节课。请从[第一个模块](01-getting-started/index.md)开始。\n",
    ),
    (
        "course/01-getting-started/index.md",
        "---\ntitle: 第一部分 · 入门\nsummary: 认识课程的组织方式。\nobjectives:\n  - 说出模块与课时的关系\n  - 会用相对路径链接其他课时\nduration_minutes: 20\n---\n\n本模块介绍课程的基本结构。\n",
    ),
    (
        "course/01-getting-started/01-structure.md",
        "---\ntitle: 课程结构\nsummary: 模块、课时与排序规则。\n---\n\n## 模块与课时 {#modules-and-lessons}\n\n每个模块是 `course/` 下带数字前缀的文件夹，例如 `01-getting-started`；数字决定顺序，其余部分是网址中的名称。\n\n| 文件 | 作用 |\n|------|------|\n| `index.md` | 模块概览 |\n| `01-structure.md` | 一节课 |\n\n> [!TIP]\n> 课时文件同样用数字前缀排序。\n\n学完本节，先做一个[小练习](02-check.quiz.yaml)，再读下一节：[链接与提示框](03-links.md#links)。\n",
    ),
    (
        "course/01-getting-started/03-links.md",
        "---\ntitle: 链接与提示框\nsummary: 如何在课时之间链接。\n---\n\n## 链接 {#links}\n\n链接写成指向 Markdown 源文件的相对路径，构建时会改写为正确的网址，并检查目标和锚点是否存在。例如回到[模块与课时](01-structure.md#modules-and-lessons)。\n\n## 要点回顾 {#recap}\n\n- 用数字前缀排序\n- 用相对路径链接\n\n学完本模块，请完成[模块小测](quiz.yaml)。\n",
    ),
    (
        // A quiz among the lessons: `NN-slug.quiz.yaml` takes its place in the
        // lesson order at NN, with its own results.
        "course/01-getting-started/02-check.quiz.yaml",
        "# 课时之间的小练习：文件名的数字决定它排在哪两节课之间，它有自己的成绩。\ntitle: 小练习 · 课程结构\npass_mark: 50\nquestions:\n  - id: order-prefix\n    type: true-false\n    prompt: \"模块和课时的顺序由文件夹名和文件名前面的数字决定。\"\n    answer: true\n    explanation: \"数字前缀决定顺序，其余部分成为网址中的名称。详见[模块与课时](01-structure.md#modules-and-lessons)。\"\n",
    ),
    (
        // The module quiz: `quiz.yaml`, after the last lesson.
        "course/01-getting-started/quiz.yaml",
        "# 模块小测：放在模块的最后一节课之后。题型还有 multiple、fill-in、numeric、ordering、matching。\ntitle: 第一部分 · 入门 小测\npass_mark: 60\nquestions:\n  - id: link-target\n    type: single\n    prompt: \"在课时中链接另一节课，应该怎样写链接？\"\n    options:\n      - text: \"写指向 Markdown 源文件的相对路径，例如 01-structure.md\"\n        correct: true\n      - text: \"写生成后网页的完整网址\"\n        feedback: \"网址会随发布位置改变；写源文件的相对路径，构建时会自动改写并检查。\"\n      - text: \"只写课时标题\"\n        feedback: \"标题不是链接目标；构建需要源文件的路径才能检查链接是否有效。\"\n    explanation: \"详见[链接](03-links.md#links)。\"\n  - id: callout\n    type: true-false\n    prompt: \"`> [!TIP]` 会显示为一个提示框。\"\n    answer: true\n    explanation: \"GitHub 风格的提示框写法在 coursegen 中同样可用。\"\n",
    ),
];

/// A new course's `id`: the folder's name made safe (or `course`), and six
/// hex digits of the time, so two new courses on one machine (which may share
/// `file://` storage) do not share saved progress.
pub fn course_id(dir: &Path) -> String {
    let name: String = dir
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    let name = name
        .split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    let name = if name.is_empty() {
        "course".to_string()
    } else {
        name.chars().take(40).collect()
    };
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let stamp = crate::quiz::fnv_hex(&nanos.to_string());
    format!("{name}-{}", &stamp[..6])
}

#[derive(Debug)]
pub enum ScaffoldError {
    Exists(PathBuf),
    Io(PathBuf, std::io::Error),
}

impl std::fmt::Display for ScaffoldError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ScaffoldError::Exists(p) => {
                write!(f, "{} already exists; choose an empty or new folder", p.display())
            }
            ScaffoldError::Io(p, e) => write!(f, "{}: {e}", p.display()),
        }
    }
}

/// Writes the starter course into `dir`; refuses to touch an existing `course/`.
pub fn scaffold(dir: &Path) -> Result<Vec<PathBuf>, ScaffoldError> {
    let course = dir.join("course");
    if course.exists() {
        return Err(ScaffoldError::Exists(course));
    }
    let config = format!(
        "# id names the learners' saved progress in their browsers: keep it when the title changes.\n\
         id: {}\ntitle: 我的课程\nsubtitle: My Course\nlanguage: zh-CN\nauthors: [培训部]\n\
         description: 用 coursegen 编写的示例课程。修改 course/ 下的文件，然后重新构建。\n\
         # Built-in pages are opt-in: `calculator: true` adds the NPS / CSI calculator \
         (calculator.html) to the navigation, for courses that teach those measures.\n\
         calculator: false\n",
        course_id(dir)
    );
    let mut written = Vec::new();
    let files = std::iter::once(("course/course.yaml", config.as_str())).chain(FILES.iter().copied());
    for (rel, text) in files {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| ScaffoldError::Io(parent.to_path_buf(), e))?;
        }
        std::fs::write(&path, text).map_err(|e| ScaffoldError::Io(path.clone(), e))?;
        written.push(path);
    }
    Ok(written)
}
