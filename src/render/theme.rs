//! The default templates and assets, embedded in the binary, and the course's
//! overrides from its own `templates/` folder (same file name wins).

use std::path::PathBuf;

use tera::{ErrorKind, Tera};

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::load::StaticFile;
use crate::source::SourceFile;

/// Default templates, in the order Tera must see them (parents first).
pub const DEFAULT_TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../../templates/base.html")),
    ("index.html", include_str!("../../templates/index.html")),
    ("module.html", include_str!("../../templates/module.html")),
    ("lesson.html", include_str!("../../templates/lesson.html")),
    ("page.html", include_str!("../../templates/page.html")),
    ("404.html", include_str!("../../templates/404.html")),
    ("quiz.html", include_str!("../../templates/quiz.html")),
    ("scenario.html", include_str!("../../templates/scenario.html")),
    ("progress.html", include_str!("../../templates/progress.html")),
    ("calculator.html", include_str!("../../templates/calculator.html")),
    ("print.html", include_str!("../../templates/print.html")),
    ("slides.html", include_str!("../../templates/slides.html")),
    ("presenter.html", include_str!("../../templates/presenter.html")),
    (
        "facilitator.html",
        include_str!("../../templates/facilitator.html"),
    ),
];

/// Default assets, written under `static/` in the output.
pub const DEFAULT_ASSETS: &[(&str, &str)] = &[
    ("style.css", include_str!("../../templates/style.css")),
    ("quiz.css", include_str!("../../templates/quiz.css")),
    ("progress.css", include_str!("../../templates/progress.css")),
    ("print.css", include_str!("../../templates/print.css")),
    ("site.js", include_str!("../../templates/site.js")),
    ("search.js", include_str!("../../templates/search.js")),
    ("search-core.js", include_str!("../../templates/search-core.js")),
    ("favicon.svg", include_str!("../../templates/favicon.svg")),
    ("ui.js", include_str!("../../templates/ui.js")),
    (
        "progress-core.js",
        include_str!("../../templates/progress-core.js"),
    ),
    ("quiz-core.js", include_str!("../../templates/quiz-core.js")),
    ("quiz.js", include_str!("../../templates/quiz.js")),
    ("scenario.css", include_str!("../../templates/scenario.css")),
    (
        "scenario-core.js",
        include_str!("../../templates/scenario-core.js"),
    ),
    ("scenario.js", include_str!("../../templates/scenario.js")),
    ("progress.js", include_str!("../../templates/progress.js")),
    ("calc-core.js", include_str!("../../templates/calc-core.js")),
    ("calc-charts.js", include_str!("../../templates/calc-charts.js")),
    ("calculator.js", include_str!("../../templates/calculator.js")),
    ("calculator.css", include_str!("../../templates/calculator.css")),
    ("code.css", include_str!("../../templates/code.css")),
    ("code.js", include_str!("../../templates/code.js")),
    ("slides.css", include_str!("../../templates/slides.css")),
    ("slides.js", include_str!("../../templates/slides.js")),
    ("presenter.js", include_str!("../../templates/presenter.js")),
];

pub const ASSET_DIR: &str = "static";

/// The assets only the calculator page uses: left out of a site without it.
pub const CALCULATOR_ASSETS: &[&str] = &[
    "static/calc-core.js",
    "static/calc-charts.js",
    "static/calculator.js",
    "static/calculator.css",
];

pub struct Theme {
    pub tera: Tera,
    /// Output path (under `static/`) and contents of every theme asset.
    pub assets: Vec<(String, Vec<u8>)>,
    /// Template name → the file it came from, for messages.
    sources: Vec<(String, PathBuf, String)>,
}

impl Theme {
    /// Loads the defaults, then each override. Every faulty override is reported.
    pub fn load(overrides: &[StaticFile], diags: &mut Diagnostics) -> Option<Theme> {
        let mut tera = Tera::default();
        let mut sources: Vec<(String, PathBuf, String)> = DEFAULT_TEMPLATES
            .iter()
            .map(|(n, t)| {
                (
                    n.to_string(),
                    PathBuf::from(format!("templates/{n} (built-in)")),
                    t.to_string(),
                )
            })
            .collect();
        if let Err(e) = tera.add_raw_templates(DEFAULT_TEMPLATES.iter().copied()) {
            diags.push(Diagnostic::error(format!(
                "built-in templates failed to load: {e}"
            )));
            return None;
        }
        let mut assets: Vec<(String, Vec<u8>)> = DEFAULT_ASSETS
            .iter()
            .map(|(n, t)| (format!("{ASSET_DIR}/{n}"), t.as_bytes().to_vec()))
            .collect();
        let mut ok = true;
        for o in overrides {
            if o.rel.ends_with(".html") {
                let file = match SourceFile::read(&o.path, o.rel.clone(), o.display_path.clone()) {
                    Ok(f) => f,
                    Err(d) => {
                        diags.push(d);
                        ok = false;
                        continue;
                    }
                };
                sources.retain(|(n, _, _)| n != &o.rel);
                sources.push((o.rel.clone(), o.display_path.clone(), file.text.to_string()));
                if let Err(e) = tera.add_raw_template(&o.rel, &file.text) {
                    diags.push(template_error(&e, &sources));
                    ok = false;
                }
            } else {
                match std::fs::read(&o.path) {
                    Ok(bytes) => {
                        let out = format!("{ASSET_DIR}/{}", o.rel);
                        assets.retain(|(n, _)| n != &out);
                        assets.push((out, bytes));
                    }
                    Err(e) => {
                        diags.push(Diagnostic::error(format!("cannot read: {e}")).in_file(&o.display_path));
                        ok = false;
                    }
                }
            }
        }
        ok.then_some(Theme {
            tera,
            assets,
            sources,
        })
    }

    /// Turns a Tera error into a diagnostic naming the template file and line.
    pub fn error(&self, e: &tera::Error) -> Diagnostic {
        template_error(e, &self.sources)
    }
}

fn template_error(e: &tera::Error, sources: &[(String, PathBuf, String)]) -> Diagnostic {
    let report = match e.kind() {
        ErrorKind::SyntaxError(r) | ErrorKind::RenderingError(r) => r,
        _ => {
            let mut msg = format!("template error: {e}");
            let mut source = std::error::Error::source(e);
            while let Some(s) = source {
                msg.push_str(&format!(": {s}"));
                source = s.source();
            }
            return Diagnostic::error(msg);
        }
    };
    let d = Diagnostic::error(format!("template `{}`: {}", report.filename(), report.message()));
    match sources.iter().find(|(n, _, _)| n == report.filename()) {
        Some((_, path, text)) => {
            let span = report.span();
            d.at(path, text, span.start_line, span.start_col + 1)
        }
        None => d,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_default_template_loads() {
        let mut diags = Diagnostics::default();
        let theme = Theme::load(&[], &mut diags).expect("defaults load");
        assert!(diags.is_empty());
        for (name, _) in DEFAULT_TEMPLATES {
            assert!(theme.tera.contains_template(name), "{name}");
        }
        assert_eq!(theme.assets.len(), DEFAULT_ASSETS.len());
    }

    #[test]
    fn broken_override_names_file_and_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("lesson.html");
        std::fs::write(
            &path,
            "{% extends \"base.html\" %}\n{% block content %}\n{{ page.title \n{% endblock content %}\n",
        )
        .unwrap();
        let o = StaticFile {
            rel: "lesson.html".into(),
            path,
            display_path: "course/templates/lesson.html".into(),
        };
        let mut diags = Diagnostics::default();
        assert!(Theme::load(&[o], &mut diags).is_none());
        let d = diags.iter().next().unwrap();
        assert_eq!(
            d.file.as_deref(),
            Some(std::path::Path::new("course/templates/lesson.html"))
        );
        assert!(d.line >= 3, "{d:?}");
        assert!(d.message.contains("lesson.html"));
    }
}
