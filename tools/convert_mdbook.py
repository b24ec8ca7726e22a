#!/usr/bin/env python3
"""Convert an mdBook (book.toml + src/SUMMARY.md) into a coursegen course.

Usage: python3 tools/convert_mdbook.py BOOK_DIR OUT_DIR [--id ID] [--language LANG]
Writes OUT_DIR/course/ (replacing it); build it with `coursegen build --root OUT_DIR`.

How the book is laid out in the course:
- Each top-level chapter of SUMMARY.md becomes a module folder `NN-<file stem>/`:
  the chapter's own file is the module's `index.md` (the module overview), and all
  the chapters nested under it, at any depth, become its lessons `NN-<stem>.md` in
  reading order (coursegen has two levels; deeper chapters keep their titles). A
  chapter without sub-chapters is a module with only its overview, which reads as
  the chapter itself.
- Prefix chapters (the links above the first list item) and suffix chapters become
  root pages placed before and after the modules, numbered to keep their order.
- Part titles (`# Part`), separators and draft chapters (`- [Draft]()`) have no
  place in a course and are left out (each is named on stderr).
- Titles are SUMMARY.md's; a page's first line, when it is a level-1 heading or
  a heading of another level with the page's title, is left out, since coursegen
  shows the title as the page's heading.
- Links between chapters (`.md`, or `.html` as mdBook writes them) and to files
  (images, downloads) are rewritten to their new places, in Markdown and in raw
  HTML `src`/`href`; linked files are copied to `course/assets/` under their
  path in the book. Links to files that do not exist are left as written.
- Links that leave the book's folder (`../std/index.html`: the Rust Book is
  published next to the standard library's docs) are made absolute against
  `--site-url`, where they work; without it they are left as written.

mdBook's preprocessing, done here because coursegen has no equivalent:
- `{{#include file}}`, `{{#include file:anchor}}` and `{{#include file:N:M}}` are
  replaced by the file's text (ANCHOR lines removed), as mdBook does.
- `{{#rustdoc_include file:sel}}` is replaced by the selected part only: mdBook
  includes the whole file but hides the lines outside it, and coursegen has no
  hidden lines, so the reader sees what mdBook shows.
- In Rust code blocks, lines that mdBook hides (`# code`, `#`) are left out and
  `##` at a line's start becomes `#`. A block marked `does_not_compile`, `panics`
  or `not_desired_behavior` gets the Rust Book's note ("This code does not
  compile!", which its ferris.js shows as a picture) in italics before it.
- `{{#title …}}` is removed; any other `{{#…}}` (playground, template) is left as
  written and named on stderr.
- The Rust Book's `<Listing number=… file-name=… caption=…>` (its `trpl-listing`
  preprocessor) becomes the `<figure class="listing">` that preprocessor writes.
A missing include is left as written and named on stderr (the book's fault).
"""

import argparse
import html
import os
import posixpath
import re
import sys
import tomllib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bookconv import Course, Page, note, slugify  # noqa: E402

RESERVED_ROOT = {"index", "progress", "calculator", "404"}


def parse_summary(text):
    """(prefix, chapters, suffix): prefix and suffix are [(title, path)],
    chapters is a tree [(title, path, [children])]."""
    prefix, suffix, chapters = [], [], []
    stack = []  # (indent, children list)
    seen_list = False
    link = re.compile(r"\[(.*)\]\(([^)]*)\)")
    for line in text.splitlines():
        if not line.strip() or line.strip().startswith("<!--"):
            continue
        item = re.match(r"^(\s*)[-*]\s+(.*)$", line)
        if item:
            seen_list = True
            indent = len(item.group(1).expandtabs(4))
            m = link.search(item.group(2))
            if not m:
                note(f"SUMMARY.md: not a chapter link, left out: {line.strip()}")
                continue
            title, path = m.group(1), m.group(2).strip()
            node = (title, path, [])
            while stack and stack[-1][0] >= indent:
                stack.pop()
            (stack[-1][1] if stack else chapters).append(node)
            stack.append((indent, node[2]))
            continue
        if line.startswith("#"):
            if seen_list:
                note(f"SUMMARY.md: part title left out: {line.strip()}")
            continue
        if re.match(r"^\s*-{3,}\s*$", line):
            continue
        m = link.search(line)
        if m:
            (suffix if seen_list else prefix).append((m.group(1), m.group(2).strip()))
    return prefix, chapters, suffix


def flatten(children):
    for title, path, kids in children:
        yield title, path
        yield from flatten(kids)


def include_text(path, selector):
    """The part of a file that `{{#include path:selector}}` names."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    anchor_line = re.compile(r"ANCHOR(_END)?:\s*[\w-]+")
    if selector:
        if re.fullmatch(r"\d*(:\d*)?", selector):
            start, _, end = selector.partition(":")
            a = int(start) - 1 if start else 0
            b = int(end) if end else (len(lines) if ":" in selector else a + 1)
            lines = lines[a:b]
        else:
            begin = re.compile(r"ANCHOR:\s*" + re.escape(selector) + r"\b")
            finish = re.compile(r"ANCHOR_END:\s*" + re.escape(selector) + r"\b")
            out, inside = [], False
            for line in lines:
                if begin.search(line):
                    inside = True
                elif finish.search(line):
                    inside = False
                elif inside:
                    out.append(line)
            if not out:
                raise KeyError(f"anchor `{selector}` not found")
            lines = out
    return "\n".join(line for line in lines if not anchor_line.search(line))


def expand_includes(text, md_dir, src):
    def repl(m):
        kind, arg = m.group(1), m.group(2).strip()
        if kind == "title":
            return ""
        if kind not in ("include", "rustdoc_include"):
            note(f"{src}: {{{{#{kind}}}}} left as written (no equivalent)")
            return m.group(0)
        path, _, selector = arg.partition(":")
        full = os.path.normpath(os.path.join(md_dir, path))
        try:
            return include_text(full, selector)
        except (OSError, KeyError) as e:
            note(f"{src}: {{{{#{kind} {arg}}}}} left as written: {e}")
            return m.group(0)

    # Includes may include files with includes (mdBook goes 10 deep).
    for _ in range(10):
        new = re.sub(r"\{\{#(\w+)\s*([^}]*)\}\}", repl, text)
        if new == text:
            break
        text = new
    return text


# What the Rust Book's ferris.js shows beside code blocks with these attributes.
FERRIS = {
    "does_not_compile": "This code does not compile!",
    "panics": "This code panics!",
    "not_desired_behavior": "This code does not produce the desired behavior.",
}


def rust_code_blocks(text):
    """mdBook's view of Rust code blocks: hidden lines (`# code`, `#`) left out,
    `##` at a line's start made `#`; and, as the Rust Book's ferris.js does, a
    note before a block marked `does_not_compile`, `panics` or
    `not_desired_behavior`. Blocks inside block quotes (`> `) count too."""
    out, fence, rust, prefix = [], None, False, ""
    for line in text.split("\n"):
        m = re.match(r"^((?:[ \t]*>)*[ \t]*)(`{3,}|~{3,})(.*)$", line)
        if fence is None and m:
            prefix, fence = m.group(1), m.group(2)
            info = m.group(3).strip()
            words = [w for w in re.split(r"[,\s]+", info) if w]
            rust = bool(words) and words[0] == "rust"
            notes = [FERRIS[w] for w in words if w in FERRIS] if rust else []
            for note_text in notes:
                out.append(f"{prefix}*{note_text}*")
                out.append(prefix.rstrip())
        elif fence is not None and m and m.group(2).startswith(fence) and not m.group(3).strip():
            fence = None
        elif fence is not None and rust:
            body = line[len(prefix):] if line.startswith(prefix) else line.lstrip()
            stripped = body.lstrip()
            if stripped == "#" or stripped.startswith("# "):
                continue
            if stripped.startswith("##"):
                line = line.replace("##", "#", 1)
        out.append(line)
    return "\n".join(out)


def inline_md(text):
    """A caption's inline Markdown (code, emphasis) as HTML, as trpl-listing does."""
    parts = re.split(r"(`[^`]*`)", text)
    out = []
    for p in parts:
        if p.startswith("`") and p.endswith("`") and len(p) > 1:
            out.append(f"<code>{html.escape(p[1:-1])}</code>")
        else:
            p = html.escape(p, quote=False)
            p = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", p)
            p = re.sub(r"(?<![\w*])[*_](.+?)[*_](?![\w*])", r"<em>\1</em>", p)
            out.append(p)
    return "".join(out)


def listings(text):
    def open_tag(attr_text):
        attrs = dict(re.findall(r'([\w-]+)="([^"]*)"', attr_text))
        number, name, caption = attrs.get("number"), attrs.get("file-name"), attrs.get("caption")
        id_attr = f' id="listing-{number}"' if number else ""
        head = f'<figure class="listing"{id_attr}>\n'
        if name:
            head += f'<span class="file-name">Filename: {html.escape(name)}</span>\n'
        if number and caption:
            tail = f"Listing {number}: {inline_md(caption)}"
        elif number:
            tail = f"Listing {number}"
        else:
            tail = inline_md(caption) if caption else ""
        close = f"<figcaption>{tail}</figcaption>\n</figure>" if tail else "</figure>"
        pending.append(close)
        return head

    pending = []
    out = []
    for line in text.split("\n"):
        # A listing may sit in a block quote (`> <Listing …>`).
        m = re.match(r"^((?:\s*>)*\s*)<Listing\b(.*)>\s*$", line)
        end = re.match(r"^((?:\s*>)*\s*)</Listing>\s*$", line)
        if m:
            out.append(m.group(1) + open_tag(m.group(2)).replace("\n", "\n" + m.group(1)).rstrip())
        elif end and pending:
            out.append(end.group(1) + pending.pop(0).replace("\n", "\n" + end.group(1)))
        else:
            out.append(line)
    return "\n".join(out)


def mdbook_id(heading):
    """The id mdBook gives a heading (its `normalize_id`)."""
    return "".join(c.lower() if c.isalnum() or c in "_-" else "-" if c == " " else ""
                   for c in heading.strip())


def strip_h1(text, page):
    """The page without its opening level-1 heading, or without an opening
    heading of another level that repeats the title (the Rust Book's
    sub-chapters open with `## Title`): coursegen shows the title itself."""
    lines = text.lstrip("\n\ufeff").split("\n")
    if lines and re.match(r"^#\s", lines[0]):
        return "\n".join(lines[1:])
    m = re.match(r"^#{2,6}\s+(.*?)\s*#*\s*$", lines[0]) if lines else None
    if m and " ".join(m.group(1).split()).casefold() == " ".join(page.title.split()).casefold():
        page.title_anchors = {mdbook_id(m.group(1))}  # links to it go to the page
        return "\n".join(lines[1:])
    if len(lines) > 1 and lines[0].strip() and re.match(r"^=+\s*$", lines[1]):
        return "\n".join(lines[2:])
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("book")
    ap.add_argument("out")
    ap.add_argument("--id", help="course id (default: a slug of the title)")
    ap.add_argument("--language", help="course language (default: book.toml's, else en)")
    ap.add_argument("--site-url", help="the book's published URL (`https://doc.rust-lang.org/book/`): "
                    "links that leave the book's folder are made absolute against it")
    args = ap.parse_args()

    with open(os.path.join(args.book, "book.toml"), "rb") as f:
        toml = tomllib.load(f)
    book = toml.get("book", {})
    src_root = os.path.join(args.book, book.get("src", "src"))
    with open(os.path.join(src_root, "SUMMARY.md"), encoding="utf-8") as f:
        prefix, chapters, suffix = parse_summary(f.read())

    course = Course(src_root, args.out, args.site_url)
    taken_root = set()

    def root_page(i, title, path, placement):
        stem = slugify(posixpath.splitext(posixpath.basename(path))[0])
        if stem in RESERVED_ROOT or stem == "readme":
            stem = slugify(title)
        while stem in taken_root or stem in RESERVED_ROOT:
            stem += "-page"
        taken_root.add(stem)
        course.add(Page(path, f"{i:02}-{stem}.md", title, {"placement": placement}))

    for i, (title, path) in enumerate(prefix, 1):
        if path:
            root_page(i, title, path, "before")
    for i, (title, path) in enumerate(suffix, len(prefix) + 1):
        if path:
            root_page(i, title, path, "after")

    n = 0
    for title, path, kids in chapters:
        if not path:
            note(f"draft chapter left out with its sub-chapters: {title}")
            continue
        n += 1
        stem = slugify(posixpath.splitext(posixpath.basename(path))[0])
        folder = f"{n:02}-{stem}"
        course.add(Page(path, f"{folder}/index.md", title))
        taken = {"index", "quiz"}
        k = 0
        for sub_title, sub_path in flatten(kids):
            if not sub_path:
                note(f"draft chapter left out: {sub_title}")
                continue
            k += 1
            slug = slugify(posixpath.splitext(posixpath.basename(sub_path))[0])
            while slug in taken:
                slug += "-2"
            taken.add(slug)
            course.add(Page(sub_path, f"{folder}/{k:02}-{slug}.md", sub_title))

    for page in course.pages:
        full = os.path.join(src_root, page.src)
        with open(full, encoding="utf-8") as f:
            text = f.read()
        text = expand_includes(text, os.path.dirname(full), page.src)
        text = rust_code_blocks(text)
        text = listings(text)
        page.text = strip_h1(text, page)

    title = book.get("title", "Untitled")
    authors = book.get("authors")
    course.write({
        "title": title,
        # An id is ASCII letters, digits and `-`.
        "id": args.id or re.sub(r"[^a-z0-9]+", "-", slugify(title, "book").lower()).strip("-")
        or "book",
        "language": args.language or book.get("language", "en"),
        "authors": authors if isinstance(authors, list) else None,
        "description": book.get("description"),
    })


if __name__ == "__main__":
    main()
