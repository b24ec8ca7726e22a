#!/usr/bin/env python3
"""Convert a docsify site (a docs folder with `_sidebar.md`) into a coursegen course.

Usage: python3 tools/convert_docsify.py DOCS_DIR OUT_DIR --title TITLE [--id ID]
                                        [--language zh-CN] [--author NAME …]
Writes OUT_DIR/course/ (replacing it); build it with `coursegen build --root OUT_DIR`.

Layout, as for mdBook (tools/convert_mdbook.py, whose SUMMARY.md reader this
uses): each top-level item of `_sidebar.md` is a module, whose file is the module's
`index.md`, and the items under it, at any depth, are its lessons. A chapter with
no items under it is a module with only its overview. The site's `README.md`
(docsify's home page) becomes a root page placed before the modules. Titles are
the sidebar's; a page's first heading, when it is of level 1, is left out of the
body (coursegen shows the title as the page's heading). Links and files are
handled as by the other converters (tools/bookconv.py); docsify plugins (KaTeX
from a CDN, admonitions) are not run: `$…$` maths is left for coursegen.
"""

import argparse
import os
import posixpath
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bookconv import Course, Page, slugify  # noqa: E402
from convert_mdbook import flatten, parse_summary  # noqa: E402

HEADING = re.compile(r"^(#{1,6})[ \t]+.*$", re.M)
FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,}).*?^ {0,3}\1[ \t]*$", re.M | re.S)


def without_title(text):
    """The text without its first heading when that heading is of level 1
    (headings inside fenced code are not headings)."""
    fences = [m.span() for m in FENCE.finditer(text)]
    for m in HEADING.finditer(text):
        if any(a <= m.start() < b for a, b in fences):
            continue
        if len(m.group(1)) == 1:
            return text[:m.start()] + text[m.end():].lstrip("\n")
        break
    return text


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("docs")
    ap.add_argument("out")
    ap.add_argument("--title", required=True)
    ap.add_argument("--id", required=True)
    ap.add_argument("--language", default="zh-CN")
    ap.add_argument("--author", action="append")
    args = ap.parse_args()

    with open(os.path.join(args.docs, "_sidebar.md"), encoding="utf-8") as f:
        prefix, chapters, suffix = parse_summary(f.read())
    course = Course(args.docs, args.out)
    if os.path.isfile(os.path.join(args.docs, "README.md")):
        course.add(Page("README.md", "01-introduction.md", args.title, {"placement": "before"}))
    for i, (title, path) in enumerate(prefix + suffix, 2):
        if path:
            stem = slugify(posixpath.splitext(posixpath.basename(path))[0])
            placement = "before" if (title, path) in prefix else "after"
            course.add(Page(path, f"{i:02}-{stem}.md", title, {"placement": placement}))
    n = 0
    for title, path, kids in chapters:
        if not path:
            continue
        n += 1
        folder = f"{n:02}-{slugify(posixpath.splitext(posixpath.basename(path))[0])}"
        course.add(Page(path, f"{folder}/index.md", title))
        taken = {"index", "quiz"}
        for k, (sub_title, sub_path) in enumerate(flatten(kids), 1):
            slug = slugify(posixpath.splitext(posixpath.basename(sub_path))[0])
            while slug in taken:
                slug += "-2"
            taken.add(slug)
            course.add(Page(sub_path, f"{folder}/{k:02}-{slug}.md", sub_title))
    for page in course.pages:
        with open(os.path.join(args.docs, page.src), encoding="utf-8-sig") as f:
            page.text = without_title(f.read())
    course.write({
        "title": args.title,
        "id": args.id,
        "language": args.language,
        "authors": args.author,
    })


if __name__ == "__main__":
    main()
