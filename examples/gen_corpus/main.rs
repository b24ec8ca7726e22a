//! Writes a deterministic Chinese course for benchmarks and scale tests:
//! `cargo run --release --example gen_corpus -- --pages N --out DIR`.
//! 8 modules; every lesson has ~1,600 CJK characters, h2/h3 headings, a list,
//! a table, a callout and links to other lessons; one 5-question quiz per module.
//! With `--text-from DIR`, sentences are windows of the Chinese text of the
//! Markdown files under DIR (e.g. `course`, the bundled course) instead of
//! draws from 28 words, so that pages have the variety of real text (about
//! as many distinct bigrams as characters on a page, rather than a third).
//! With `--peers`, the same lessons are also written as a Hugo site (`hugo/`), a
//! Zola site (`zola/`) and an mdBook (`mdbook/`) for benches/compare.sh.
//! With `--code`, every lesson also shows three fenced code blocks (about ten
//! lines each) in languages taken in turn from eight (Rust, Python,
//! TypeScript, Java, Go, SQL, shell, YAML), as a programming course would.

mod peers;

use std::fmt::Write as _;
use std::path::PathBuf;

const MODULES: usize = 8;
/// `--code` blocks: (info string, code); `{n}` becomes a number per lesson.
const CODE: &[(&str, &str)] = &[
    (
        "rust,ignore",
        "/// Sums the even numbers.\nfn sum_even(xs: &[i64]) -> i64 {\n    let limit = {n};\n    xs.iter()\n        .filter(|x| *x % 2 == 0 && **x < limit)\n        .sum()\n}\n\nfn main() {\n    println!(\"{}\", sum_even(&[1, 2, 3, 4]));\n}\n",
    ),
    (
        "python",
        "def mean(values: list[float]) -> float:\n    \"\"\"The arithmetic mean.\"\"\"\n    if not values:\n        raise ValueError(\"empty\")  # nothing to average\n    return sum(values) / len(values)\n\n\nscores = [{n}, 7.5, 9]\nprint(f\"mean: {mean(scores):.2f}\")\n",
    ),
    (
        "typescript",
        "interface Lesson {\n  title: string;\n  minutes: number;\n}\n\nexport function total(lessons: Lesson[]): number {\n  // minutes of the whole module\n  return lessons.reduce((sum, l) => sum + l.minutes, {n});\n}\n",
    ),
    (
        "java",
        "public final class Counter {\n    private int count = {n};\n\n    /** Adds one and returns the new count. */\n    public int increment() {\n        return ++count;\n    }\n}\n",
    ),
    (
        "go",
        "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfor i := 0; i < {n}; i++ {\n\t\tfmt.Printf(\"%d squared is %d\\n\", i, i*i)\n\t}\n}\n",
    ),
    (
        "sql",
        "-- customers with more than one order\nSELECT c.name, COUNT(o.id) AS orders\nFROM customers c\nJOIN orders o ON o.customer_id = c.id\nWHERE o.total > {n}\nGROUP BY c.name\nHAVING COUNT(o.id) > 1\nORDER BY orders DESC;\n",
    ),
    (
        "console",
        "$ cargo new hello --bin\n$ cd hello && cargo run --release\n$ export LIMIT={n}\n$ grep -c \"error\" build.log | tee count.txt\n",
    ),
    (
        "yaml",
        "# the course settings\ntitle: Service Excellence\nlanguage: zh-CN\nmodules: {n}\nauthors:\n  - name: Trainer\n    email: trainer@example.org\ncompletion: lessons-and-quizzes\n",
    ),
];
const WORDS: &[&str] = &[
    "服务", "客户", "体验", "卓越", "团队", "流程", "标准", "沟通", "倾听", "反馈", "满意", "忠诚", "期望",
    "改进", "培训", "文化", "数据", "渠道", "响应", "信任", "价值", "质量", "效率", "承诺", "细节", "关怀",
    "问题", "方案",
];

/// Deterministic text: a seeded generator and an optional pool of real text.
struct Rng(fastrand::Rng, Vec<char>);

impl Rng {
    fn next(&mut self) -> usize {
        self.0.usize(..)
    }
    fn sentence(&mut self, chars: usize) -> String {
        if self.1.len() > chars {
            let start = self.next() % (self.1.len() - chars);
            let mut s: String = self.1[start..start + chars].iter().collect();
            s.push('。');
            return s;
        }
        let mut s = String::new();
        while s.chars().count() < chars {
            s.push_str(WORDS[self.next() % WORDS.len()]);
        }
        s.push('。');
        s
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut pages = 100usize;
    let mut out = PathBuf::from("corpus");
    let mut with_peers = false;
    let mut text_from: Option<PathBuf> = None;
    let mut code = false;
    let mut written: Vec<peers::Module> = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--pages" => pages = args.next().ok_or("--pages N")?.parse()?,
            "--out" => out = args.next().ok_or("--out DIR")?.into(),
            "--peers" => with_peers = true,
            "--code" => code = true,
            "--text-from" => text_from = Some(PathBuf::from(args.next().ok_or("--text-from DIR")?)),
            other => return Err(format!("unknown argument {other}").into()),
        }
    }
    let course = out.join("course");
    if course.exists() {
        std::fs::remove_dir_all(&course)?;
    }
    std::fs::create_dir_all(&course)?;
    std::fs::write(
        course.join("course.yaml"),
        "title: 基准课程\nlanguage: zh-CN\ndescription: 生成的基准语料。\n",
    )?;
    let per_module = pages.div_ceil(MODULES).max(1);
    let pool = match &text_from {
        Some(dir) => chinese_text(dir)?,
        None => Vec::new(),
    };
    let mut rng = Rng(fastrand::Rng::with_seed(0x2545_F491_4F6C_DD1D), pool);
    for m in 0..MODULES {
        let dir = course.join(format!("{:02}-module-{m}", m + 1));
        std::fs::create_dir_all(&dir)?;
        let overview = rng.sentence(80);
        std::fs::write(
            dir.join("index.md"),
            format!(
                "---\ntitle: 第 {} 部分\nsummary: 模块概要。\nobjectives: [目标一, 目标二]\nduration_minutes: 60\n---\n\n{overview}\n",
                m + 1,
            ),
        )?;
        written.push(peers::Module {
            title: format!("第 {} 部分", m + 1),
            overview,
            lessons: Vec::new(),
        });
        for l in 0..per_module {
            let mut body = format!(
                "---\ntitle: 第 {} 部分第 {} 课\nsummary: {}\n---\n\n",
                m + 1,
                l + 1,
                rng.sentence(20)
            );
            let front_matter_len = body.len();
            for h in 0..4 {
                let _ = write!(
                    body,
                    "## 小节 {h} {{#s{h}}}\n\n{}\n\n{}\n\n",
                    rng.sentence(180),
                    rng.sentence(120)
                );
                let _ = write!(
                    body,
                    "### 要点 {h}\n\n- {}\n- {}\n- {}\n\n",
                    rng.sentence(20),
                    rng.sentence(20),
                    rng.sentence(20)
                );
            }
            body.push_str(
                "| 指标 | 说明 |\n|---|---|\n| 满意度 | 客户的整体评价 |\n| 忠诚度 | 再次购买的意愿 |\n\n",
            );
            let _ = write!(body, "> [!TIP]\n> {}\n\n", rng.sentence(40));
            if code {
                for k in 0..3 {
                    let (info, text) = CODE[((m * per_module + l) * 3 + k) % CODE.len()];
                    let text = text.replace("{n}", &(l * 3 + k).to_string());
                    let _ = write!(body, "```{info}\n{text}```\n\n{}\n\n", rng.sentence(30));
                }
            }
            let other = (l + 1) % per_module;
            let next_module = (m + 1) % MODULES;
            let _ = writeln!(
                body,
                "参见[第 {} 课](lesson-{other}.md#s1)和[下一部分](../{:02}-module-{next_module}/index.md)。",
                other + 1,
                next_module + 1
            );
            if let Some(module) = written.last_mut() {
                module.lessons.push((
                    format!("第 {} 部分第 {} 课", m + 1, l + 1),
                    body[front_matter_len..].to_string(),
                ));
            }
            std::fs::write(dir.join(format!("lesson-{l}.md")), body)?;
        }
        let mut quiz = String::from("title: 小测\nquestions:\n");
        for q in 0..5 {
            let _ = write!(
                quiz,
                "  - id: q{q}\n    type: single\n    prompt: {}\n    options:\n      - {{text: 甲, correct: true}}\n      - {{text: 乙, feedback: 不对}}\n    explanation: 见[第一课](lesson-0.md)。\n",
                rng.sentence(20)
            );
        }
        std::fs::write(dir.join("quiz.yaml"), quiz)?;
    }
    if with_peers {
        peers::write(&out, &written)?;
    }
    println!(
        "wrote {} lessons in {MODULES} modules to {}",
        per_module * MODULES,
        course.display()
    );
    Ok(())
}

/// The CJK ideographs and Chinese punctuation (，、；：) of the Markdown files
/// under `dir`, front matter left out, in the order they come.
fn chinese_text(dir: &std::path::Path) -> Result<Vec<char>, Box<dyn std::error::Error>> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d)? {
            let p = e?.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "md") {
                files.push(p);
            }
        }
    }
    files.sort();
    let mut out = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f)?;
        let body = match text.strip_prefix("---\n").and_then(|t| t.split_once("\n---\n")) {
            Some((_, body)) => body,
            None => &text,
        };
        out.extend(
            body.chars()
                .filter(|&c| ('\u{4E00}'..='\u{9FFF}').contains(&c) || "，、；：".contains(c)),
        );
    }
    if out.len() < 1000 {
        return Err(format!("{}: too little Chinese text", dir.display()).into());
    }
    Ok(out)
}
