"""Shared helpers of the book converters (convert_mdbook.py, convert_iot.py).

A converter decides where each source Markdown file goes in the course
(`Page` objects: source path → course path, title, front matter) and then calls
`write_course`, which writes every page with its front matter, rewrites the
relative links of its Markdown and raw HTML to the pages' and files' new places,
copies the files they point to (images, downloads) into `course/assets/`, and
writes `course.yaml`.

Nothing here fixes a book: a link to a file that does not exist is written as
it was, so that `coursegen build` reports it and it can be blamed on the book.
Python 3 standard library only.
"""

import json
import os
import posixpath
import re
import shutil
import sys
import unicodedata
from urllib.parse import unquote, urljoin


class Page:
    """One Markdown page of the course."""

    def __init__(self, src, dest, title, meta=None, text=None):
        self.src = src  # path of the source file, relative to the book's root
        self.dest = dest  # path in the course folder (`01-intro/02-x.md`)
        self.title = title
        self.meta = meta or {}  # further front matter fields
        self.text = text  # the body, once read and preprocessed


def note(msg):
    """A message about the conversion (not an error of the script)."""
    print(f"convert: {msg}", file=sys.stderr)


def slugify(text, fallback="page"):
    """A URL slug: lower case, letters (any script) and digits, `-` between words."""
    text = unicodedata.normalize("NFKC", text).lower()
    out = re.sub(r"[^\w]+", "-", text).strip("-_")
    return out or fallback


def yaml_str(s):
    """A YAML scalar that is always read back as this exact string (JSON is YAML)."""
    return json.dumps(s, ensure_ascii=False)


def front_matter(title, meta):
    lines = ["---", f"title: {yaml_str(title)}"]
    for key, value in meta.items():
        if isinstance(value, list):
            lines.append(f"{key}:")
            lines.extend(f"  - {yaml_str(v)}" for v in value)
        else:
            lines.append(f"{key}: {yaml_str(value)}")
    lines.append("---")
    return "\n".join(lines) + "\n\n"


FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


def split_fences(text):
    """Split Markdown into (is_code, chunk) pieces: fenced code blocks and the
    prose between them."""
    pieces = []
    prose = []
    fence = None
    for line in text.splitlines(keepends=True):
        m = FENCE.match(line)
        if fence is None and m:
            pieces.append((False, "".join(prose)))
            prose = []
            fence = m.group(1)
            pieces.append((True, line))
        elif fence is not None:
            pieces.append((True, line))
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence) \
                    and line.strip() == m.group(1):
                fence = None
        else:
            prose.append(line)
    pieces.append((False, "".join(prose)))
    return pieces


def split_spans(prose):
    """Split prose into (is_code, chunk) pieces: inline code spans (`…`, ``…``)
    and the text around them."""
    out = []
    pos = 0
    for m in re.finditer(r"(`+)(?:.|\n)*?(?<!`)\1(?!`)", prose):
        out.append((False, prose[pos:m.start()]))
        out.append((True, m.group(0)))
        pos = m.end()
    out.append((False, prose[pos:]))
    return out


# `](target)` or `](target "title")` of inline links and images; `[ref]: target`
# definitions; `src=`/`href=` of raw HTML.
MD_LINK = re.compile(r"(\]\()(<[^>]*>|[^()\s]*(?:\([^()\s]*\)[^()\s]*)*)(?=\)|[ \t]+[\"'(])")
MD_DEF = re.compile(r"^( {0,3}\[(?!\^)[^\]]+\]:[ \t]*)(<[^>]*>|\S+)", re.M)
HTML_ATTR = re.compile(r"""(\b(?:src|href)\s*=\s*)("[^"]*"|'[^']*'|[^\s>"']+)""", re.I)


def is_relative(url):
    return url and not re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:|^//|^#|^/", url)


class Course:
    def __init__(self, book_root, out_dir, site_url=None):
        self.book_root = book_root
        # Where the book is published: links that leave the book's folder
        # (`../std/index.html` in the Rust Book, which sits next to the standard
        # library's docs on doc.rust-lang.org) point there, as on the book's site.
        self.site_url = site_url
        self.course_dir = os.path.join(out_dir, "course")
        self.pages = []
        self.by_src = {}  # source path (book-relative) → Page
        self.copied = {}  # source path of a copied file → its course path
        self.stats = {"links": 0, "files": 0, "kept": 0, "outside": 0}

    def add(self, page):
        self.pages.append(page)
        self.by_src[page.src] = page

    def resolve_extra(self, target_src, fragment):
        """Hook for converters: map a book path with no page or file (and the
        link's #fragment, or "") to another book path (a folder to its
        README.md, for instance) or to an absolute URL, or None."""
        return None

    def finish_page(self, page):
        """Hook for converters: last changes to a page, after its links are rewritten."""

    def rewrite_target(self, page, url):
        """The new URL of `url`, written in `page`; the same URL when it is not
        a relative link or points nowhere known."""
        bare = url[1:-1] if url.startswith("<") and url.endswith(">") else url
        if not is_relative(bare):
            return url
        path, sep, frag = bare.partition("#")
        path_part, qsep, query = path.partition("?")
        target = posixpath.normpath(
            posixpath.join(posixpath.dirname(page.src), unquote(path_part)))
        here = posixpath.dirname(page.dest)
        if target.startswith("../") and self.site_url:
            self.stats["outside"] += 1
            return urljoin(urljoin(self.site_url, page.src), bare)
        dest = self.find(target)
        if dest is None:
            extra = self.resolve_extra(target, frag)
            if extra and re.match(r"^https?://", extra):
                self.stats["outside"] += 1
                return extra + (sep + frag if sep else "")
            if extra:
                dest = self.find(extra)
        if dest is None:
            self.stats["kept"] += 1
            note(f"{page.src}: link `{url}` left as written: no page or file `{target}`")
            return url
        self.stats["links"] += 1
        if sep and any(frag in getattr(p, "title_anchors", ()) for p in self.pages if p.dest == dest):
            sep = frag = ""  # the anchor of a heading left out for the page's title
        new = posixpath.relpath(dest, here or ".")
        new = new.replace(" ", "%20")
        return new + (qsep + query if qsep else "") + (sep + frag if sep else "")

    def find(self, target):
        """The course path of a book path: its page, or the file, copied."""
        candidates = [target]
        if target.endswith(".html"):
            candidates.append(target[:-5] + ".md")
        for cand in candidates:
            if cand in self.by_src:
                return self.by_src[cand].dest
            full = os.path.join(self.book_root, cand)
            if os.path.isfile(full) and not cand.endswith(".md"):
                return self.copy_file(cand)
        return None

    def copy_file(self, src):
        if src not in self.copied:
            dest = posixpath.join("assets", src.lstrip("./"))
            dest = dest.replace("../", "")
            full_dest = os.path.join(self.course_dir, dest)
            os.makedirs(os.path.dirname(full_dest), exist_ok=True)
            shutil.copyfile(os.path.join(self.book_root, src), full_dest)
            self.copied[src] = dest
            self.stats["files"] += 1
        return self.copied[src]

    def rewrite_links(self, page):
        def target(m):
            return m.group(1) + self.rewrite_target(page, m.group(2))

        out = []
        for is_code, chunk in split_fences(page.text):
            if not is_code:
                # Reference definitions first: their label may hold code (`[`&`]: x.md`).
                chunk = MD_DEF.sub(target, chunk)
                spans = []
                for in_span, text in split_spans(chunk):
                    if not in_span:
                        text = MD_LINK.sub(target, text)
                        text = HTML_ATTR.sub(
                            lambda m: m.group(1) + self.rewrite_html(page, m.group(2)), text)
                    spans.append(text)
                chunk = "".join(spans)
            out.append(chunk)
        page.text = "".join(out)

    def rewrite_html(self, page, value):
        quote = value[0] if value[0] in "\"'" else ""
        inner = value[1:-1] if quote else value
        return quote + self.rewrite_target(page, inner) + quote

    def write(self, course_yaml):
        if os.path.exists(self.course_dir):
            shutil.rmtree(self.course_dir)
        os.makedirs(self.course_dir)
        for page in self.pages:
            self.rewrite_links(page)
            self.finish_page(page)
        for page in self.pages:
            path = os.path.join(self.course_dir, page.dest)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8") as f:
                f.write(front_matter(page.title, page.meta))
                f.write(page.text.lstrip("\n"))
        lines = []
        for key, value in course_yaml.items():
            if value is None:
                continue
            if isinstance(value, list):
                lines.append(f"{key}:")
                lines.extend(f"  - {yaml_str(v)}" for v in value)
            else:
                lines.append(f"{key}: {yaml_str(value)}")
        with open(os.path.join(self.course_dir, "course.yaml"), "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
        note(f"wrote {len(self.pages)} pages, rewrote {self.stats['links']} links, "
             f"copied {self.stats['files']} files, left {self.stats['kept']} relative "
             f"links that point to nothing known as they were, and made "
             f"{self.stats['outside']} links that leave the book absolute")
