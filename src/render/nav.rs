//! The sidebar's list of links, built in Rust rather than in a template (as
//! mdBook's table of contents is): it is the one part of a page whose size is
//! set by the course, and through Tera it cost two thirds of template time.
//! The markup is what `base.html` shows with `{{ page.sidebar | safe }}`; every
//! string from the course is escaped here.

use rayon::prelude::*;

use super::view::{Link, NavModule, NavView, PageView};
use crate::html_escape::push_escaped;
use crate::i18n::UiStrings;
use crate::site::{CALCULATOR_URL, Site};

/// Sidebar markup that is the same on every page of a module folder (whose
/// links start with `../`), made once per build: each site page's plain
/// `<li>` link, and each module's closed entry. Pages elsewhere (the site
/// root) build theirs as they go.
pub struct SidebarParts {
    root: String,
    /// Per site page: `<li><a href="../{url}">{title}</a></li>\n`.
    items: Vec<String>,
    /// Per module of the nav: its `<li class="nav-module">…</li>\n`, closed.
    closed_modules: Vec<String>,
}

impl SidebarParts {
    pub fn new(site: &Site, nav: &NavView, ui: &UiStrings) -> SidebarParts {
        let pages: Vec<(&str, &str)> = site.pages.iter().map(|p| (&*p.url, &*p.title)).collect();
        SidebarParts::for_pages(&pages, nav, ui)
    }

    /// Parts for site pages given as (url, title).
    fn for_pages(pages: &[(&str, &str)], nav: &NavView, ui: &UiStrings) -> SidebarParts {
        let root = "../";
        let items = pages
            .par_iter()
            .map(|(url, title)| {
                let mut out = String::with_capacity(32 + url.len() + title.len());
                item(&mut out, root, "", url, title, false);
                out
            })
            .collect();
        let closed_modules = nav
            .modules
            .iter()
            .map(|m| {
                let mut out = String::new();
                module_closed(&mut out, root, nav, m, ui);
                out
            })
            .collect();
        SidebarParts {
            root: root.to_string(),
            items,
            closed_modules,
        }
    }

    /// No shared parts: every page builds its own sidebar (cheaper when only
    /// a few pages of a large course are rendered, as after an edit in `serve`).
    pub fn none() -> SidebarParts {
        SidebarParts {
            root: String::new(),
            items: Vec::new(),
            closed_modules: Vec::new(),
        }
    }

    /// Parts for pages at `root` (`""` for the site root, `../` below it).
    fn for_root(&self, root: &str) -> Option<&SidebarParts> {
        (self.root == root && !self.items.is_empty()).then_some(self)
    }
}

/// `<li class="…"><a href="{root}{url}" aria-current="page">{label}</a>`, no `</li>`.
fn open_item(out: &mut String, root: &str, class: &str, url: &str, label: &str, current: bool) {
    out.push_str("<li");
    if !class.is_empty() {
        out.push_str(" class=\"");
        out.push_str(class);
        out.push('"');
    }
    out.push_str("><a href=\"");
    push_escaped(out, root);
    push_escaped(out, url);
    out.push('"');
    if current {
        out.push_str(" aria-current=\"page\"");
    }
    out.push('>');
    push_escaped(out, label);
    out.push_str("</a>");
}

fn item(out: &mut String, root: &str, class: &str, url: &str, label: &str, current: bool) {
    open_item(out, root, class, url, label, current);
    out.push_str("</li>\n");
}

/// A module that is not the current page's: its link, and its lessons and
/// quiz when the whole course is listed.
fn module_closed(out: &mut String, root: &str, nav: &NavView, m: &NavModule, ui: &UiStrings) {
    open_item(out, root, "nav-module", m.url, m.title, false);
    out.push('\n');
    if nav.expand_all && (!m.lessons.is_empty() || m.quiz.is_some()) {
        out.push_str("<ul>\n");
        for l in &m.lessons {
            item(out, root, "", l.url, l.title, false);
        }
        if let Some(q) = &m.quiz {
            item(out, root, "nav-quiz", q.url, ui.quiz.quiz, false);
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</li>\n");
}

/// The `<ul class="nav-list">` of `page`: the home page, root pages placed
/// before the modules, every module (the current one open, with its window of
/// lessons and its quiz), the root pages after, then progress and calculator.
pub fn sidebar_html(nav: &NavView, page: &PageView, ui: &UiStrings, parts: &SidebarParts) -> String {
    let mut out = String::with_capacity(2048 + 160 * page.nav_lessons.len());
    let root = page.root.as_str();
    let parts = parts.for_root(root);
    let links = |out: &mut String, links: &[Link]| {
        for l in links {
            let current = page.url == l.url;
            match parts.and_then(|p| p.items.get(l.page)) {
                Some(cached) if !current => out.push_str(cached),
                _ => item(out, root, "", l.url, l.title, current),
            }
        }
    };
    out.push_str("<ul class=\"nav-list\">\n");
    item(
        &mut out,
        root,
        "",
        "index.html",
        ui.home,
        page.url == "index.html",
    );
    links(&mut out, &nav.before);
    for (mi, m) in nav.modules.iter().enumerate() {
        if page.module_slug != Some(m.slug) {
            match parts.and_then(|p| p.closed_modules.get(mi)) {
                Some(cached) => out.push_str(cached),
                None => module_closed(&mut out, root, nav, m, ui),
            }
            continue;
        }
        open_item(
            &mut out,
            root,
            "nav-module is-current",
            m.url,
            m.title,
            page.url == m.url,
        );
        out.push_str("\n<ul>\n");
        if page.nav_more_before {
            item(&mut out, root, "nav-more", m.url, ui.all_lessons, false);
        }
        links(&mut out, &page.nav_lessons);
        if page.nav_more_after {
            item(&mut out, root, "nav-more", m.url, ui.all_lessons, false);
        }
        if let Some(q) = &m.quiz {
            item(&mut out, root, "nav-quiz", q.url, ui.quiz.quiz, page.url == q.url);
        }
        out.push_str("</ul>\n</li>\n");
    }
    links(&mut out, &nav.after);
    for &url in &nav.tools {
        let label = if url == CALCULATOR_URL {
            ui.calculator
        } else {
            ui.progress
        };
        item(&mut out, root, "nav-tools", url, label, page.url == url);
    }
    out.push_str("</ul>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::view::utility_view;

    const PAGES: &[(&str, &str)] = &[
        ("intro.html", "前言"),
        ("a/index.html", "A & <B>"),
        ("a/one.html", "一"),
        ("a/two.html", "二\""),
        ("a/quiz.html", "测验"),
        ("b/index.html", "B"),
        ("b/three.html", "三 'x'"),
    ];

    fn link(page: usize) -> Link<'static> {
        Link {
            url: PAGES[page].0,
            title: PAGES[page].1,
            page,
        }
    }

    fn nav(expand_all: bool) -> NavView<'static> {
        NavView {
            before: vec![link(0)],
            modules: vec![
                NavModule {
                    page: 1,
                    slug: "a",
                    title: PAGES[1].1,
                    url: PAGES[1].0,
                    lessons: vec![link(2), link(3)],
                    quiz: Some(link(4)),
                },
                NavModule {
                    page: 5,
                    slug: "b",
                    title: PAGES[5].1,
                    url: PAGES[5].0,
                    lessons: vec![link(6)],
                    quiz: None,
                },
            ],
            after: Vec::new(),
            expand_all,
            tools: crate::site::GENERATED_PAGES.to_vec(),
        }
    }

    /// The shared parts change nothing: every page of both modules, listed
    /// whole or as a window, at the root and in a module folder.
    #[test]
    fn shared_parts_give_the_same_markup() {
        let ui = crate::i18n::for_language("zh-CN");
        for expand_all in [false, true] {
            let nav = nav(expand_all);
            let parts = SidebarParts::for_pages(PAGES, &nav, ui);
            let unshared = SidebarParts::none();
            for (i, (url, title)) in PAGES.iter().enumerate() {
                for root in ["", "../"] {
                    let mut page = utility_view("lesson", url, title);
                    page.root = root.into();
                    page.module_slug = url.split_once('/').map(|(m, _)| m);
                    page.nav_lessons = match page.module_slug {
                        Some("a") => vec![link(2), link(3)],
                        Some(_) => vec![link(6)],
                        None => Vec::new(),
                    };
                    page.nav_more_before = i % 2 == 0;
                    let with = sidebar_html(&nav, &page, ui, &parts);
                    assert_eq!(
                        with,
                        sidebar_html(&nav, &page, ui, &unshared),
                        "{url} at {root:?}"
                    );
                    assert_eq!(with.matches("aria-current").count(), 1, "{with}");
                }
            }
        }
    }

    #[test]
    fn current_module_is_open_and_author_text_is_escaped() {
        let nav = nav(false);
        let mut page = utility_view("lesson", "a/two.html", "二");
        page.root = "../".into();
        page.module_slug = Some("a");
        page.nav_lessons = vec![link(2), link(3)];
        page.nav_more_after = true;
        let ui = crate::i18n::for_language("zh-CN");
        let parts = SidebarParts::for_pages(PAGES, &nav, ui);
        let html = sidebar_html(&nav, &page, ui, &parts);
        assert!(
            html.contains("<a href=\"../a/index.html\">A &amp; &lt;B&gt;</a>"),
            "{html}"
        );
        assert!(
            html.contains("<a href=\"../a/two.html\" aria-current=\"page\">二&quot;</a>"),
            "{html}"
        );
        assert!(html.contains("<a href=\"../a/one.html\">一</a>"), "{html}");
        assert!(
            html.contains("<li class=\"nav-more\"><a href=\"../a/index.html\">"),
            "{html}"
        );
        assert!(!html.contains("b/three"), "other modules stay closed");
        assert_eq!(html.matches("<ul>").count(), 1, "{html}");
        assert!(
            html.contains("class=\"nav-quiz\"><a href=\"../a/quiz.html\">"),
            "{html}"
        );
        assert!(html.starts_with("<ul class=\"nav-list\">") && html.ends_with("</ul>\n"));
    }
}
