#!/usr/bin/env python3
"""Convert one translation of Microsoft's IoT for Beginners into a coursegen course.

Usage: python3 tools/convert_iot.py REPO_DIR OUT_DIR [--lang zh] [--quiz-lang zh-cn]
                                    [--repo-url URL] [--git-dir DIR] [--module-quizzes]
REPO_DIR is a checkout of https://github.com/microsoft/IoT-For-Beginners (at least
`translations/<lang>/`, `images/`, `translated_images/` and `quiz-app/`).
Writes OUT_DIR/course/ (replacing it); build it with `coursegen build --root OUT_DIR`.

The repository is a docsify site, one folder per project, one per lesson:
- each project `N-name/README.md` becomes a module folder `0N-name/` with that
  README as its overview;
- each lesson `N-name/lessons/M-lesson/README.md` becomes a lesson `NN-lesson.md`,
  followed by the lesson's other pages (device guides such as `pi.md`, in the
  order the lesson first links them, then `assignment.md`) as lessons
  `NN-lesson-pi.md`, …;
- the other Markdown files of the translation (the course README, hardware list,
  notes for teachers, code of conduct, …) become root pages: README and hardware
  before the modules, the rest after; docsify's `docs/_sidebar.md` is left out.
- Titles are each page's first level-1 heading (else a first heading that opens
  the page), left out of the body when it opens the page; a page with neither (a
  translation that lost its start) takes the English page's title. The
  translator's `CO_OP_TRANSLATOR_METADATA` comment is left out.
- Links are rewritten to the pages' and files' new places. The translation links
  the English folders (`../../../../../1-getting-started/lessons/1-introduction-to-iot`):
  a link to a folder goes to its README, and a link to an English page goes to
  the translated page when there is one, unless it names an anchor: headings are
  translated, so such a link keeps the English page (on GitHub). Links to other files and folders of the
  repository that are not in the course (code, other translations) are made
  absolute on GitHub with `--repo-url` (better at the commit converted), when
  `--git-dir` shows they exist; links to nothing are left as written.
- Quizzes (`quiz-app/src/assets/translations/<quiz-lang>.json`, 48 quizzes of
  three questions, a pre- and a post-lesson quiz for each of the 24 lessons): each
  is a quiz among the lessons, `NN-slug-pre.quiz.yaml` before its lesson and
  `NN-slug-post.quiz.yaml` after its lesson's pages, and the lessons' links to the
  online quiz app point to them. With `--module-quizzes` (the first converter's
  layout) the pre-lesson quizzes are left out and the post-lesson quizzes of a
  project's lessons make its module quiz `quiz.yaml` instead: one score per module,
  which a SCORM export reports with the quiz's pass mark as `masteryscore`.
"""

import argparse
import json
import os
import posixpath
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bookconv import Course, Page, note, slugify, yaml_str  # noqa: E402

META = re.compile(r"\A\s*<!--\s*CO_OP_TRANSLATOR_METADATA:.*?-->\s*", re.S)
FIRST_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$", re.M)
QUIZ_LINK = re.compile(r"https://[\w.-]+\.azurestaticapps\.net/quiz/(\d+)/?")
BEFORE = {"README.md", "hardware.md"}
LEFT_OUT = {"docs/_sidebar.md"}


def read_page(repo, path, fallback_title):
    """(title, body). The title is the first level-1 heading, or a first heading
    that opens the page; either is left out of the body when it opens the page.
    A page with neither (a translation that lost its start) takes the first
    heading of the English page it translates."""
    with open(os.path.join(repo, path), encoding="utf-8-sig") as f:
        text = f.read()
    source = re.search(r'"source_file":\s*"([^"]+)"', text[:1000])
    text = META.sub("", text, count=1)
    h1 = re.search(r"^#\s+(.*?)\s*#*\s*$", text, re.M)
    first = FIRST_HEADING.search(text)
    if first and not text[:first.start()].strip() and (not h1 or h1.start() == first.start()):
        return first.group(2), text[first.end():]  # the page opens with its title
    if h1:
        return h1.group(1), text  # text before the title (badges): keep it all
    english = os.path.join(repo, source.group(1)) if source else None
    if english and os.path.isfile(english):
        with open(english, encoding="utf-8-sig") as f:
            m = FIRST_HEADING.search(f.read())
        if m:
            note(f"{path}: no title of its own; took the English page's: {m.group(2)}")
            return m.group(2), text
    note(f"{path}: no title; named it {fallback_title}")
    return fallback_title, text


class IotCourse(Course):
    def __init__(self, repo, out, lang, repo_url, files):
        super().__init__(repo, out)
        self.base = f"translations/{lang}"
        self.repo_url = repo_url
        self.files = files  # every path of the repository, or None

    def resolve_extra(self, target, fragment):
        t = target
        if t.startswith(self.base + "/"):
            t = t[len(self.base) + 1:]
        elif fragment and self.repo_url and target.endswith(".md") \
                and (self.files is None or target in self.files):
            # An English page's anchor is an English heading: keep the English page.
            return self.repo_url + target
        for cand in (f"{self.base}/{t}", f"{self.base}/{t}/README.md", f"{t}/README.md"):
            if cand in self.by_src:
                return cand
        if self.repo_url and target == ".":
            return self.repo_url
        if self.repo_url and self.files is not None and not t.startswith("../"):
            if target in self.files or any(f.startswith(target + "/") for f in self.files):
                return self.repo_url + target
        return None


def git_files(git_dir):
    out = subprocess.run(["git", "--git-dir", git_dir, "ls-tree", "-r", "--name-only", "HEAD"],
                         check=True, capture_output=True, text=True).stdout
    return set(out.splitlines())


def quiz_yaml(title, quizzes):
    lines = [f"title: {yaml_str(title)}", "questions:"]
    for q in quizzes:
        for n, question in enumerate(q["quiz"], 1):
            lines.append(f"  - id: q{q['id']}-{n}")
            lines.append("    type: single")
            lines.append(f"    prompt: {yaml_str(question['questionText'])}")
            lines.append("    options:")
            for option in question["answerOptions"]:
                lines.append(f"      - text: {yaml_str(option['answerText'])}")
                if str(option.get("isCorrect")).lower() == "true":
                    lines.append("        correct: true")
    return "\n".join(lines) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("repo")
    ap.add_argument("out")
    ap.add_argument("--lang", default="zh")
    ap.add_argument("--quiz-lang", default="zh-cn")
    ap.add_argument("--language", default="zh-CN", help="course.yaml language")
    ap.add_argument("--repo-url", help="e.g. https://github.com/microsoft/IoT-For-Beginners/blob/COMMIT/")
    ap.add_argument("--git-dir", help="the repository's git dir, to know which paths exist")
    ap.add_argument("--module-quizzes", action="store_true",
                    help="post-lesson quizzes as one module quiz per project, no pre-lesson quizzes")
    args = ap.parse_args()

    files = git_files(args.git_dir) if args.git_dir else None
    course = IotCourse(args.repo, args.out, args.lang, args.repo_url, files)
    base = course.base
    root = os.path.join(args.repo, base)
    with open(os.path.join(args.repo, "quiz-app/src/assets/translations",
                           args.quiz_lang + ".json"), encoding="utf-8") as f:
        quizzes = {q["id"]: q for q in json.load(f)[0]["quizzes"]}

    projects = sorted(d for d in os.listdir(root)
                      if re.match(r"^\d+-", d) and os.path.isdir(os.path.join(root, d)))
    lesson_no = 0  # lessons are numbered through the course: quizzes 2n-1 and 2n are lesson n's
    module_quizzes = {}  # module folder → its quizzes
    module_titles = {}
    quiz_files = []  # (course path, title, [quiz])
    for project in projects:
        num, _, name = project.partition("-")
        folder = f"{int(num):02}-{name}"
        title, body = read_page(args.repo, f"{base}/{project}/README.md", name)
        course.add(Page(f"{base}/{project}/README.md", f"{folder}/index.md", title, text=body))
        module_titles[folder] = title
        lessons_dir = os.path.join(root, project, "lessons")
        k = 0
        for lesson in sorted(os.listdir(lessons_dir), key=lambda d: int(d.split("-")[0])):
            lesson_no += 1
            slug = lesson.partition("-")[2]
            ldir = os.path.join(lessons_dir, lesson)
            with open(os.path.join(ldir, "README.md"), encoding="utf-8-sig") as f:
                readme = f.read()

            def reading_order(name, readme=readme):
                # The order the lesson links its pages in (device guides are
                # steps: mqtt, telemetry, commands), the assignment last.
                at = readme.find(name)
                return (name == "assignment.md", at < 0, at, name)

            pages = ["README.md"] + sorted(
                (f for f in os.listdir(ldir) if f.endswith(".md") and f != "README.md"),
                key=reading_order)
            pre, post = quizzes.get(2 * lesson_no - 1), quizzes.get(2 * lesson_no)
            if not args.module_quizzes and pre:
                k += 1
                quiz_files.append((f"{folder}/{k:02}-{slug}-pre.quiz.yaml", pre["title"], [pre]))
            for page in pages:
                k += 1
                stem = slug if page == "README.md" else f"{slug}-{slugify(page[:-3])}"
                title, body = read_page(args.repo, f"{base}/{project}/lessons/{lesson}/{page}", stem)
                src = f"{base}/{project}/lessons/{lesson}/{page}"
                course.add(Page(src, f"{folder}/{k:02}-{stem}.md", title, text=body))
            if not args.module_quizzes and post:
                k += 1
                quiz_files.append((f"{folder}/{k:02}-{slug}-post.quiz.yaml", post["title"], [post]))
            elif post:
                module_quizzes.setdefault(folder, []).append(post)

    others = []
    for dirpath, _, names in os.walk(root):
        for name in names:
            rel = posixpath.relpath(posixpath.join(dirpath, name), root).replace(os.sep, "/")
            if name.endswith(".md") and not re.match(r"^\d+-", rel) and rel not in LEFT_OUT:
                others.append(rel)
    others.sort(key=lambda r: (r not in BEFORE, r != "README.md", r))
    for i, rel in enumerate(others, 1):
        stem = "introduction" if rel == "README.md" else slugify(
            rel[:-3].replace("/README", "").replace("/", "-"))
        title, body = read_page(args.repo, f"{base}/{rel}", stem)
        placement = "before" if rel in BEFORE else "after"
        course.add(Page(f"{base}/{rel}", f"{i:02}-{stem}.md", title,
                        {"placement": placement}, text=body))

    # Links to the online quiz app go to the quiz pages made here.
    quiz_dest = {}
    for path, _, qs in quiz_files:
        quiz_dest[qs[0]["id"]] = path
    for folder, qs in module_quizzes.items():
        for q in qs:
            quiz_dest[q["id"]] = f"{folder}/quiz.yaml"

    def finish_page(page):
        def to_quiz(m):
            dest = quiz_dest.get(int(m.group(1)))
            if not dest:
                return m.group(0)
            return posixpath.relpath(dest, posixpath.dirname(page.dest))
        page.text = QUIZ_LINK.sub(to_quiz, page.text)

    course.finish_page = finish_page

    course.write({
        "title": "物联网初学者课程",
        "id": "iot-for-beginners-" + args.lang,
        "language": args.language,
        "authors": ["Microsoft Cloud Advocates"],
    })
    for path, title, qs in quiz_files:
        with open(os.path.join(course.course_dir, path), "w", encoding="utf-8") as f:
            f.write(quiz_yaml(title, qs))
    for folder, qs in module_quizzes.items():
        with open(os.path.join(course.course_dir, folder, "quiz.yaml"), "w", encoding="utf-8") as f:
            f.write(quiz_yaml(f"{module_titles[folder]}：课后测验", qs))


if __name__ == "__main__":
    main()
