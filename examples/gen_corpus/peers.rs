//! The same lessons in the layouts of Hugo, Zola and mdBook, each with the
//! smallest theme that renders every page (a base template, a page and a list).

use std::fmt::Write as _;
use std::path::Path;

pub struct Module {
    pub title: String,
    pub overview: String,
    /// (title, Markdown body without front matter)
    pub lessons: Vec<(String, String)>,
}

pub fn write(out: &Path, modules: &[Module]) -> std::io::Result<()> {
    hugo(&out.join("hugo"), modules)?;
    zola(&out.join("zola"), modules)?;
    mdbook(&out.join("mdbook"), modules)
}

fn fresh(dir: &Path) -> std::io::Result<()> {
    if dir.exists() {
        std::fs::remove_dir_all(dir)?;
    }
    std::fs::create_dir_all(dir)
}

fn put(path: &Path, text: &str) -> std::io::Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(path, text)
}

/// Peers link Markdown files differently; their bodies get plain text links.
fn peer_body(body: &str) -> String {
    body.lines()
        .filter(|l| !l.starts_with("参见["))
        .collect::<Vec<_>>()
        .join("\n")
}

fn hugo(dir: &Path, modules: &[Module]) -> std::io::Result<()> {
    fresh(dir)?;
    put(
        &dir.join("hugo.toml"),
        "baseURL = 'https://example.org/'\nlanguageCode = 'zh-CN'\ntitle = '基准课程'\ndisableKinds = ['taxonomy', 'term', 'RSS', 'sitemap']\n",
    )?;
    let base = "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>{{ .Title }}</title></head><body><main>{{ block \"main\" . }}{{ end }}</main></body></html>\n";
    put(&dir.join("layouts/_default/baseof.html"), base)?;
    put(
        &dir.join("layouts/_default/single.html"),
        "{{ define \"main\" }}<h1>{{ .Title }}</h1>{{ .TableOfContents }}{{ .Content }}{{ end }}\n",
    )?;
    put(
        &dir.join("layouts/_default/list.html"),
        "{{ define \"main\" }}<h1>{{ .Title }}</h1>{{ .Content }}{{ end }}\n",
    )?;
    put(
        &dir.join("layouts/index.html"),
        "{{ define \"main\" }}<h1>{{ .Site.Title }}</h1>{{ range .Site.Sections }}<a href=\"{{ .RelPermalink }}\">{{ .Title }}</a>{{ end }}{{ end }}\n",
    )?;
    for (m, module) in modules.iter().enumerate() {
        let sec = dir.join(format!("content/module-{m}"));
        put(
            &sec.join("_index.md"),
            &format!(
                "---\ntitle: {}\nweight: {m}\n---\n\n{}\n",
                module.title, module.overview
            ),
        )?;
        for (l, (title, body)) in module.lessons.iter().enumerate() {
            put(
                &sec.join(format!("lesson-{l}.md")),
                &format!("---\ntitle: {title}\nweight: {l}\n---\n\n{}\n", peer_body(body)),
            )?;
        }
    }
    Ok(())
}

fn zola(dir: &Path, modules: &[Module]) -> std::io::Result<()> {
    fresh(dir)?;
    // With and without Zola's search index (elasticlunr; Chinese needs a Zola
    // built with `--features indexing-zh`).
    for (file, search) in [("config.toml", false), ("config-search.toml", true)] {
        put(
            &dir.join(file),
            &format!(
                "base_url = \"https://example.org\"\ntitle = \"基准课程\"\ndefault_language = \"zh\"\ncompile_sass = false\nbuild_search_index = {search}\n"
            ),
        )?;
    }
    let base = "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>{{ config.title }}</title></head><body><main>{% block content %}{% endblock content %}</main></body></html>\n";
    put(&dir.join("templates/base.html"), base)?;
    put(
        &dir.join("templates/index.html"),
        "{% extends \"base.html\" %}{% block content %}<h1>{{ config.title }}</h1>{% endblock content %}\n",
    )?;
    put(
        &dir.join("templates/section.html"),
        "{% extends \"base.html\" %}{% block content %}<h1>{{ section.title }}</h1>{{ section.content | safe }}<ul>{% for p in section.pages %}<li><a href=\"{{ p.permalink }}\">{{ p.title }}</a></li>{% endfor %}</ul>{% endblock content %}\n",
    )?;
    put(
        &dir.join("templates/page.html"),
        "{% extends \"base.html\" %}{% block content %}<h1>{{ page.title }}</h1>{{ page.content | safe }}{% endblock content %}\n",
    )?;
    put(&dir.join("content/_index.md"), "+++\ntitle = \"基准课程\"\n+++\n")?;
    for (m, module) in modules.iter().enumerate() {
        let sec = dir.join(format!("content/module-{m}"));
        put(
            &sec.join("_index.md"),
            &format!(
                "+++\ntitle = \"{}\"\nweight = {m}\nsort_by = \"weight\"\n+++\n\n{}\n",
                module.title, module.overview
            ),
        )?;
        for (l, (title, body)) in module.lessons.iter().enumerate() {
            put(
                &sec.join(format!("lesson-{l}.md")),
                &format!(
                    "+++\ntitle = \"{title}\"\nweight = {l}\n+++\n\n{}\n",
                    peer_body(body)
                ),
            )?;
        }
    }
    Ok(())
}

fn mdbook(dir: &Path, modules: &[Module]) -> std::io::Result<()> {
    fresh(dir)?;
    put(
        &dir.join("book.toml"),
        "[book]\ntitle = \"基准课程\"\nlanguage = \"zh-CN\"\nsrc = \"src\"\n\n[output.html]\n[output.html.search]\nenable = false\n",
    )?;
    let mut summary = String::from("# Summary\n\n");
    for (m, module) in modules.iter().enumerate() {
        let _ = writeln!(summary, "- [{}](module-{m}/index.md)", module.title);
        put(
            &dir.join(format!("src/module-{m}/index.md")),
            &format!("# {}\n\n{}\n", module.title, module.overview),
        )?;
        for (l, (title, body)) in module.lessons.iter().enumerate() {
            let _ = writeln!(summary, "  - [{title}](module-{m}/lesson-{l}.md)");
            put(
                &dir.join(format!("src/module-{m}/lesson-{l}.md")),
                &format!("# {title}\n\n{}\n", peer_body(body)),
            )?;
        }
    }
    put(&dir.join("src/SUMMARY.md"), &summary)
}
