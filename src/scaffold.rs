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
        "---\ntitle: 课程结构\nsummary: 模块、课时与排序规则。\n---\n\n## 模块与课时 {#modules-and-lessons}\n\n每个模块是 `course/` 下带数字前缀的文件夹，例如 `01-getting-started`；数字决定顺序，其余部分是网址中的名称。\n\n| 文件 | 作用 |\n|------|------|\n| `index.md` | 模块概览 |\n| `01-structure.md` | 一节课 |\n\n> [!TIP]\n> 课时文件同样用数字前缀排序。\n\n下一节：[链接与提示框](02-links.md#links)。\n",
    ),
    (
        "course/01-getting-started/02-links.md",
        "---\ntitle: 链接与提示框\nsummary: 如何在课时之间链接。\n---\n\n## 链接 {#links}\n\n链接写成指向 Markdown 源文件的相对路径，构建时会改写为正确的网址，并检查目标和锚点是否存在。例如回到[模块与课时](01-structure.md#modules-and-lessons)。\n\n## 要点回顾 {#recap}\n\n- 用数字前缀排序\n- 用相对路径链接\n",
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
         description: 用 coursegen 编写的示例课程。修改 course/ 下的文件，然后重新构建。\n",
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
