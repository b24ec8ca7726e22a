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
        "---\ntitle: 链接与提示框\nsummary: 如何在课时之间链接。\n---\n\n## 链接 {#links}\n\n链接写成指向 Markdown 源文件的相对路径，构建时会改写为正确的网址，并检查目标和锚点是否存在。例如回到[模块与课时](01-structure.md#modules-and-lessons)。\n\n## 要点回顾 {#recap}\n\n- 用数字前缀排序\n- 用相对路径链接\n\n先试一次[情景练习](03-missing-link.scenario.yaml)，再完成[模块小测](quiz.yaml)。\n",
    ),
    (
        // A quiz among the lessons: `NN-slug.quiz.yaml` takes its place in the
        // lesson order at NN, with its own results.
        "course/01-getting-started/02-check.quiz.yaml",
        "# 课时之间的小练习：文件名的数字决定它排在哪两节课之间，它有自己的成绩。\ntitle: 小练习 · 课程结构\npass_mark: 50\nquestions:\n  - id: order-prefix\n    type: true-false\n    prompt: \"模块和课时的顺序由文件夹名和文件名前面的数字决定。\"\n    answer: true\n    explanation: \"数字前缀决定顺序，其余部分成为网址中的名称。详见[模块与课时](01-structure.md#modules-and-lessons)。\"\n",
    ),
    (
        // A role-play scenario: `NN-slug.scenario.yaml`, a conversation
        // placed in the lesson order at NN.
        "course/01-getting-started/03-missing-link.scenario.yaml",
        "# 情景练习：文件名的数字决定它排在哪节课之后。对话由节点（谁说、说什么、你的回答）组成，走到结局时显示评级和复盘。\n# 格式见 README 的“Role-play scenarios”；`coursegen schema scenario` 输出编辑器用的 JSON Schema。\ntitle: 找不到课程链接的学员\nsummary: 一位学员说找不到上课链接，练习先确认情况、再给出具体帮助。\nintroduction: 你是培训班的助教。开课前五分钟，一位学员在群里找你。\nroles:\n  learner: {name: 小李, description: 第一次参加线上培训的学员}\n  you: {name: 助教, description: 负责课前答疑}\nstart: opening\nnodes:\n  - id: opening\n    speaker: learner\n    mood: worried\n    text: 老师，马上开课了，我找不到上课的链接！\n    choices:\n      - text: 别急，我来帮你。你是在哪里找的？邮件还是群公告？\n        next: where\n        feedback: 先安抚，再问清情况，才能给出对的帮助。\n        score: 2\n      - text: 链接早就发过了，你自己翻一下。\n        next: upset\n        feedback: 把问题推回给对方，对方只会更着急。\n        score: -2\n  - id: where\n    speaker: learner\n    mood: calm\n    text: 我翻了邮件，没看到。\n    choices:\n      - text: 我现在把链接私发给你，你点开后告诉我能不能进。\n        next: solved\n        feedback: 直接解决，并确认结果。\n        score: 2\n      - text: 那你再找找群公告吧。\n        next: solved-slowly\n        score: 0\n  - id: upset\n    speaker: learner\n    mood: annoyed\n    text: 我翻过了，就是没有啊。\n    choices:\n      - text: 抱歉，我直接发给你。\n        next: solved-slowly\n        feedback: 及时改口，还来得及。\n        score: 1\n      - text: 那我也没办法。\n        next: lost\n        score: -2\nendings:\n  - id: solved\n    rating: excellent\n    title: 准时进入课堂\n    debrief: 先安抚、再确认、直接解决并确认结果。回顾[链接与提示框](03-links.md)。\n  - id: solved-slowly\n    rating: acceptable\n    title: 迟到了几分钟\n    debrief: 问题解决了，但学员多花了时间。想一想哪一句回答可以更直接。\n  - id: lost\n    rating: poor\n    title: 学员没能上课\n    debrief: 推诿让一个小问题变成了缺课。\ncards:\n  customer:\n    situation: 你第一次参加线上培训，开课前五分钟找不到链接。\n    wants: 马上拿到能用的链接。\n    reacts_well: 对方安抚你并直接帮你时，你很快平静下来。\n    reacts_poorly: 对方让你自己找时，你更着急，说想退课。\n  employee:\n    situation: 你是助教，手上有上课链接。\n    goal: 让学员准时进入课堂。\n  observer:\n    - 是否先安抚了学员\n    - 是否确认了学员能进入课堂\n  debrief_questions:\n    - 哪一句话让学员平静下来？\n",
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
