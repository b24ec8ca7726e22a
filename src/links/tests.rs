use std::collections::HashMap;

use super::*;
use crate::site::{PageKind, SitePage};

fn site() -> Site {
    let pages = vec![
        SitePage {
            kind: PageKind::Home,
            url: "index.html".into(),
            title: "首页".into(),
        },
        SitePage {
            kind: PageKind::Module(0),
            url: "measurement/index.html".into(),
            title: "衡量".into(),
        },
        SitePage {
            kind: PageKind::Lesson(0, 0),
            url: "measurement/nps.html".into(),
            title: "NPS".into(),
        },
        SitePage {
            kind: PageKind::Page(0),
            url: "glossary.html".into(),
            title: "术语表".into(),
        },
    ];
    let by_source = HashMap::from([
        ("05-measurement/index.md".to_string(), 1),
        ("05-measurement/02-nps.md".to_string(), 2),
        ("glossary.md".to_string(), 3),
    ]);
    let statics = HashMap::from([
        ("assets/logo.png".to_string(), "assets/logo.png".to_string()),
        (
            "05-measurement/chart.png".to_string(),
            "measurement/chart.png".to_string(),
        ),
    ]);
    Site {
        pages,
        by_source,
        statics,
        generated: crate::site::GENERATED_PAGES.to_vec(),
    }
}

#[test]
fn lesson_to_lesson_in_another_module() {
    let t = resolve(
        "../05-measurement/02-nps.md#计算方法",
        "01-concepts",
        "concepts/definition.html",
        &site(),
    )
    .unwrap();
    assert_eq!(
        t,
        Target::Page {
            page: 2,
            href: "../measurement/nps.html#计算方法".into(),
            fragment: Some("计算方法".into())
        }
    );
}

#[test]
fn percent_encoded_anchor_is_decoded_for_checking() {
    let t = resolve(
        "02-nps.md#%E8%AE%A1%E7%AE%97",
        "05-measurement",
        "measurement/index.html",
        &site(),
    )
    .unwrap();
    match t {
        Target::Page { href, fragment, .. } => {
            assert_eq!(href, "nps.html#%E8%AE%A1%E7%AE%97");
            assert_eq!(fragment.as_deref(), Some("计算"));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn root_page_links_and_module_folders() {
    let s = site();
    let t = resolve("05-measurement/", "", "glossary.html", &s).unwrap();
    assert!(matches!(t, Target::Page { page: 1, ref href, .. } if href == "measurement/index.html"));
    let t = resolve("../glossary.md#nps", "05-measurement", "measurement/nps.html", &s).unwrap();
    assert!(matches!(t, Target::Page { page: 3, ref href, .. } if href == "../glossary.html#nps"));
    let t = resolve("../index.md", "05-measurement", "measurement/nps.html", &s);
    assert_eq!(t, Err(LinkError::Missing("index.md".into())));
}

#[test]
fn assets_work_from_every_depth() {
    let s = site();
    assert_eq!(
        resolve("../assets/logo.png", "05-measurement", "measurement/nps.html", &s),
        Ok(Target::Static {
            href: "../assets/logo.png".into()
        })
    );
    assert_eq!(
        resolve("assets/logo.png", "", "glossary.html", &s),
        Ok(Target::Static {
            href: "assets/logo.png".into()
        })
    );
    assert_eq!(
        resolve("chart.png", "05-measurement", "measurement/nps.html", &s),
        Ok(Target::Static {
            href: "chart.png".into()
        })
    );
}

#[test]
fn bad_links_are_errors() {
    let s = site();
    assert_eq!(
        resolve("/glossary.md", "", "glossary.html", &s),
        Err(LinkError::RootRelative)
    );
    assert_eq!(
        resolve("../../x.md", "05-measurement", "measurement/nps.html", &s),
        Err(LinkError::OutsideCourse)
    );
    assert_eq!(
        resolve("03-missing.md", "05-measurement", "measurement/nps.html", &s),
        Err(LinkError::Missing("05-measurement/03-missing.md".into()))
    );
}

#[test]
fn external_and_same_page() {
    let s = site();
    for ext in [
        "https://example.org/a",
        "mailto:a@b.c",
        "//cdn.example/x",
        "tel:123",
    ] {
        assert_eq!(resolve(ext, "", "index.html", &s), Ok(Target::External), "{ext}");
    }
    assert_eq!(
        resolve("#要点", "", "index.html", &s),
        Ok(Target::SamePage {
            fragment: "要点".into()
        })
    );
    assert!(!is_external("02-nps.md#a:b"));
}

#[test]
fn relative_urls() {
    assert_eq!(relative_url("index.html", "a/b.html"), "a/b.html");
    assert_eq!(relative_url("a/b.html", "index.html"), "../index.html");
    assert_eq!(relative_url("a/b.html", "a/c.html"), "c.html");
    assert_eq!(relative_url("a/b.html", "d/c.html"), "../d/c.html");
}

#[test]
fn normalize_paths() {
    assert_eq!(normalize("a/./b/../c.md").as_deref(), Some("a/c.md"));
    assert_eq!(normalize("../x"), None);
}

#[test]
fn generated_pages_can_be_linked_by_name() {
    let s = site();
    assert_eq!(
        resolve(
            "../calculator.html#nps",
            "05-measurement",
            "measurement/nps.html",
            &s
        ),
        Ok(Target::Static {
            href: "../calculator.html#nps".into()
        })
    );
    assert_eq!(
        resolve("progress.html", "", "glossary.html", &s),
        Ok(Target::Static {
            href: "progress.html".into()
        })
    );
    assert!(resolve("../other.html", "05-measurement", "measurement/nps.html", &s).is_err());
}

#[test]
fn a_built_in_page_the_course_has_not_turned_on_is_named_as_such() {
    let mut s = site();
    s.generated.retain(|p| *p != "calculator.html");
    let err = resolve("../calculator.html", "05-measurement", "measurement/nps.html", &s).unwrap_err();
    assert_eq!(err, LinkError::BuiltInOff("calculator.html"));
    assert!(err.hint().contains("calculator: true"));
    assert!(resolve("progress.html", "", "glossary.html", &s).is_ok());
}

#[test]
fn remote_hosts_of_urls_a_page_loads() {
    let host = |d: &str| remote_host(d);
    assert_eq!(
        host("https://cdn.example.com/x.png").as_deref(),
        Some("cdn.example.com")
    );
    assert_eq!(
        host("http://User@Img.Example.org:8080/a").as_deref(),
        Some("img.example.org")
    );
    assert_eq!(
        host("//player.bilibili.com/player.html?x=1").as_deref(),
        Some("player.bilibili.com")
    );
    assert_eq!(host("https://[::1]:3000/x").as_deref(), Some("::1"));
    assert_eq!(
        host("ftp://files.example.net").as_deref(),
        Some("files.example.net")
    );
    for local in [
        "../assets/x.png",
        "file:///tmp/x.png",
        "data:image/png;base64,AA",
        "mailto:a@b.c",
        "#top",
        "a://",
    ] {
        assert_eq!(host(local), None, "{local}");
    }
    let allowed = [
        "www.youtube-nocookie.com".to_string(),
        "*.example.org".to_string(),
    ];
    assert!(host_allowed("www.youtube-nocookie.com", &allowed));
    assert!(host_allowed("img.example.org", &allowed));
    assert!(host_allowed("a.b.example.org", &allowed));
    assert!(!host_allowed("example.org", &allowed));
    assert!(!host_allowed("badexample.org", &allowed));
    assert!(!host_allowed("youtube-nocookie.com", &allowed));
}
