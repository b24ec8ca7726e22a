//! The sidebar's list of links, built in Rust rather than in a template (as
//! mdBook's table of contents is): it is the one part of a page whose size is
//! set by the course, and through Tera it cost two thirds of template time.
//! The markup is what `base.html` shows with `{{ page.sidebar | safe }}`; every
//! string from the course is escaped here.

use super::view::{Link, NavView, PageView};
use crate::html_escape::push_escaped;
use crate::i18n::UiStrings;

/// The `<ul class="nav-list">` of `page`: the home page, root pages placed
/// before the modules, every module (the current one open, with its window of
/// lessons and its quiz), the root pages after, then progress and calculator.
pub fn sidebar_html(nav: &NavView, page: &PageView, ui: &UiStrings) -> String {
    let mut out = String::with_capacity(2048 + 160 * page.nav_lessons.len());
    let root = page.root.as_str();
    // `<li class="…"><a href="{root}{url}" aria-current="page">{label}</a>`, no `</li>`.
    let open_item = |out: &mut String, class: &str, url: &str, label: &str, current: bool| {
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
    };
    let item = |out: &mut String, class: &str, url: &str, label: &str, current: bool| {
        open_item(out, class, url, label, current);
        out.push_str("</li>\n");
    };
    let links = |out: &mut String, links: &[Link]| {
        for l in links {
            item(out, "", l.url, l.title, page.url == l.url);
        }
    };
    out.push_str("<ul class=\"nav-list\">\n");
    item(&mut out, "", "index.html", ui.home, page.url == "index.html");
    links(&mut out, &nav.before);
    for m in &nav.modules {
        let open = page.module_slug == Some(m.slug);
        let class = if open {
            "nav-module is-current"
        } else {
            "nav-module"
        };
        open_item(&mut out, class, m.url, m.title, page.url == m.url);
        out.push('\n');
        let quiz = |out: &mut String| {
            if let Some(q) = &m.quiz {
                item(out, "nav-quiz", q.url, ui.quiz.quiz, page.url == q.url);
            }
        };
        if open {
            out.push_str("<ul>\n");
            if page.nav_more_before {
                item(&mut out, "nav-more", m.url, ui.all_lessons, false);
            }
            links(&mut out, &page.nav_lessons);
            if page.nav_more_after {
                item(&mut out, "nav-more", m.url, ui.all_lessons, false);
            }
            quiz(&mut out);
            out.push_str("</ul>\n");
        } else if nav.expand_all && (!m.lessons.is_empty() || m.quiz.is_some()) {
            out.push_str("<ul>\n");
            for l in &m.lessons {
                item(&mut out, "", l.url, l.title, false);
            }
            quiz(&mut out);
            out.push_str("</ul>\n");
        }
        out.push_str("</li>\n");
    }
    links(&mut out, &nav.after);
    item(
        &mut out,
        "nav-tools",
        "progress.html",
        ui.progress,
        page.url == "progress.html",
    );
    item(
        &mut out,
        "nav-tools",
        "calculator.html",
        ui.calculator,
        page.url == "calculator.html",
    );
    out.push_str("</ul>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::view::{NavModule, utility_view};

    fn link<'a>(title: &'a str, url: &'a str) -> Link<'a> {
        Link { title, url }
    }

    #[test]
    fn current_module_is_open_and_author_text_is_escaped() {
        let nav = NavView {
            before: vec![link("前言", "intro.html")],
            modules: vec![
                NavModule {
                    slug: "a",
                    title: "A & <B>",
                    url: "a/index.html",
                    lessons: Vec::new(),
                    quiz: Some(link("测验", "a/quiz.html")),
                },
                NavModule {
                    slug: "b",
                    title: "B",
                    url: "b/index.html",
                    lessons: Vec::new(),
                    quiz: None,
                },
            ],
            after: Vec::new(),
            expand_all: false,
        };
        let mut page = utility_view("lesson", "a/two.html", "二");
        page.root = "../".into();
        page.module_slug = Some("a");
        page.nav_lessons = vec![link("一", "a/one.html"), link("二\"", "a/two.html")];
        page.nav_more_after = true;
        let ui = crate::i18n::for_language("zh-CN");
        let html = sidebar_html(&nav, &page, ui);
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
        assert!(!html.contains("b/one"), "other modules stay closed");
        assert_eq!(html.matches("<ul>").count(), 1, "{html}");
        assert!(
            html.contains("class=\"nav-quiz\"><a href=\"../a/quiz.html\">"),
            "{html}"
        );
        assert!(html.starts_with("<ul class=\"nav-list\">") && html.ends_with("</ul>\n"));
    }
}
