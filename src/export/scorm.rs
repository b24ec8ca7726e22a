//! SCORM 1.2 package: the whole static site in one zip, with `imsmanifest.xml`
//! at its root and one SCO per module.
//!
//! A SCORM 1.2 session lasts from `LMSInitialize` to `LMSFinish`, and a strict
//! runtime refuses a second `LMSInitialize` after `LMSFinish`. A course site has
//! many pages per module, and every link replaces the document, so each SCO is
//! launched through a small launch page (`_scorm/module-NN.html`) that holds the
//! session for as long as the LMS shows the module and loads the course pages in
//! a full-size frame. `static/scorm.js` runs the session in the launch page and,
//! in the course pages, only forwards the "progress saved" event of a quiz or a
//! role-play scenario.
//!
//! A module's status comes from everything graded in it: its scored quizzes
//! and its scenarios (a scenario passes once its best ending is rated at least
//! its `pass`). The score is the quizzes' alone; a module with scenarios has
//! no mastery score in the manifest (see [`manifest`]).
//!
//! The package is deterministic: entries are sorted, timestamps and permissions
//! fixed, so two exports of the same course are byte-identical.

use std::collections::BTreeMap;
use std::io::{self, Cursor, Write};
use std::path::Path;
use std::sync::{Mutex, PoisonError};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use crate::build::{Build, BuildFailure, BuildOptions, Output};
use crate::diagnostic::Diagnostic;
use crate::html_escape::escape_html;
use crate::model::Course;
use crate::output::Sink;
use crate::quiz::view::script_safe_json;
use crate::render::view::progress_key;
use crate::site::Site;

/// The manifest, at the root of the zip.
pub const MANIFEST: &str = "imsmanifest.xml";
/// The runtime script, added to every HTML page of the package.
pub const SCRIPT_PATH: &str = "static/scorm.js";
/// Folder of the SCO launch pages.
pub const LAUNCH_DIR: &str = "_scorm";
/// Largest `cmi.suspend_data` SCORM 1.2 allows (the script keeps below it).
pub const SUSPEND_DATA_MAX: usize = 4096;

const SCRIPT: &str = include_str!("../../templates/scorm.js");

/// A finished package.
#[derive(Debug)]
pub struct Package {
    /// The zip file.
    pub bytes: Vec<u8>,
    /// Files in the zip, the manifest included.
    pub files: usize,
    /// SCOs (modules).
    pub scos: usize,
    pub warnings: Vec<Diagnostic>,
}

/// The launch page of the module with index `mi` (0-based).
pub fn launch_path(mi: usize) -> String {
    format!("{LAUNCH_DIR}/module-{:02}.html", mi + 1)
}

/// Builds the course and packages it.
pub fn export(opts: &BuildOptions) -> Result<Package, BuildFailure> {
    let files = Collect::default();
    let report = Build::run(opts, Output::Sink(&files))?;
    let files = files.0.into_inner().unwrap_or_else(PoisonError::into_inner);
    let mut clashes = Vec::new();
    for reserved in [MANIFEST, SCRIPT_PATH] {
        if files.contains_key(reserved) {
            clashes.push(Diagnostic::error(format!(
                "the site already has a file {reserved}, which the SCORM package needs for itself"
            )));
        }
    }
    if let Some(clash) = files.keys().find(|k| k.starts_with(&format!("{LAUNCH_DIR}/"))) {
        clashes.push(Diagnostic::error(format!(
            "the site already has {clash}; the SCORM package keeps its launch pages in {LAUNCH_DIR}/"
        )));
    }
    if !clashes.is_empty() {
        return Err(BuildFailure {
            diagnostics: report.warnings.into_iter().chain(clashes).collect(),
        });
    }
    let mut files = files;
    for (rel, bytes) in files.iter_mut() {
        if rel.ends_with(".html") {
            *bytes = inject_script(bytes, &Site::root_prefix(rel));
        }
    }
    files.insert(SCRIPT_PATH.to_string(), SCRIPT.as_bytes().to_vec());
    let course = &report.build.course;
    let site = &report.build.site;
    for mi in 0..course.modules.len() {
        files.insert(launch_path(mi), launch_page(course, site, mi).into_bytes());
    }
    let manifest = manifest(course, &files);
    let count = files.len() + 1;
    let bytes = write_zip(&manifest, &files).map_err(|e| BuildFailure {
        diagnostics: vec![Diagnostic::error(format!("cannot write the zip: {e}"))],
    })?;
    Ok(Package {
        bytes,
        files: count,
        scos: course.modules.len(),
        warnings: report.warnings,
    })
}

/// Every file of the site, in memory, sorted by path.
#[derive(Default)]
struct Collect(Mutex<BTreeMap<String, Vec<u8>>>);

impl Collect {
    fn insert(&self, rel: &str, bytes: Vec<u8>) {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(rel.to_string(), bytes);
    }
}

impl Sink for Collect {
    fn write_file(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        self.insert(rel, bytes.to_vec());
        Ok(())
    }

    fn copy_file(&self, rel: &str, from: &Path) -> io::Result<()> {
        self.insert(rel, std::fs::read(from)?);
        Ok(())
    }
}

/// Adds the runtime script before the last `</body>` (at the end without one).
fn inject_script(html: &[u8], root: &str) -> Vec<u8> {
    let tag = format!("<script src=\"{root}{SCRIPT_PATH}\"></script>\n");
    let text = String::from_utf8_lossy(html);
    match text.rfind("</body>") {
        Some(at) => format!("{}{tag}{}", &text[..at], &text[at..]).into_bytes(),
        None => format!("{text}{tag}").into_bytes(),
    }
}

/// The page the LMS launches for module `mi`: holds the SCORM session and shows
/// the course pages in a frame (see the module docs).
fn launch_page(course: &Course, site: &Site, mi: usize) -> String {
    let m = &course.modules[mi];
    let module_urls = |lessons_only: bool| -> Vec<&str> {
        site.pages
            .iter()
            .filter(|p| match p.kind {
                crate::site::PageKind::Module(i) => i == mi,
                crate::site::PageKind::Lesson(i, _) => i == mi,
                crate::site::PageKind::Quiz(i)
                | crate::site::PageKind::LessonQuiz(i, _)
                | crate::site::PageKind::Scenario(i, _) => i == mi && !lessons_only,
                _ => false,
            })
            .map(|p| p.url.as_str())
            .collect()
    };
    let start = format!("{}/index.html", m.slug);
    let quizzes: serde_json::Map<String, serde_json::Value> = course
        .modules
        .iter()
        .flat_map(|m| m.quizzes())
        .map(|q| (q.id.clone(), crate::quiz::view::quiz_meta(&q.quiz)))
        .collect();
    let scenarios: serde_json::Map<String, serde_json::Value> = course
        .modules
        .iter()
        .flat_map(|m| &m.scenarios)
        .map(|s| (s.id.clone(), crate::scenario::view::scenario_meta(&s.scenario)))
        .collect();
    // The module's score: its quiz's, or else the mean of the quizzes among
    // its lessons.
    let scored: Vec<&str> = match &m.quiz {
        Some(q) => vec![q.id.as_str()],
        None => m.quizzes().map(|q| q.id.as_str()).collect(),
    };
    let config = serde_json::json!({
        "course": progress_key(&course.config),
        "module": m.slug,
        "start": start,
        // Visiting all of these completes a module without a quiz.
        "lessons": module_urls(true),
        // Where a later session may resume (cmi.core.lesson_location).
        "pages": module_urls(false),
        "scored": scored,
        "quizzes": quizzes,
        // Every scenario of the course (suspend_data keeps all their bests)…
        "scenarios": scenarios,
        // …and this module's, which its status needs passed.
        "practised": m.scenarios.iter().map(|s| s.id.as_str()).collect::<Vec<_>>(),
        "suspendMax": SUSPEND_DATA_MAX,
    });
    let title = escape_html(&m.title);
    let course_title = escape_html(&course.config.title);
    let lang = escape_html(&course.config.language);
    let start = escape_html(&start);
    let key = escape_html(&progress_key(&course.config));
    let page = escape_html(&launch_path(mi));
    let config = script_safe_json(&config);
    format!(
        "<!DOCTYPE html>
<html lang=\"{lang}\">
<head>
<meta charset=\"utf-8\">
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">
<title>{title} · {course_title}</title>
<link rel=\"icon\" href=\"../static/favicon.svg\" type=\"image/svg+xml\">
<style>html,body{{margin:0;height:100%;overflow:hidden}}iframe{{display:block;border:0;width:100%;height:100%}}</style>
</head>
<body class=\"kind-scorm-launch\" data-course=\"{key}\" data-page=\"{page}\">
<script type=\"application/json\" id=\"coursegen-scorm\">{config}</script>
<iframe id=\"coursegen-scorm-content\" title=\"{title}\" data-src=\"../{start}\"></iframe>
<noscript><p><a href=\"../{start}\">{title}</a></p></noscript>
<script src=\"../static/progress-core.js\"></script>
<script src=\"../{SCRIPT_PATH}\"></script>
</body>
</html>
"
    )
}

/// `imsmanifest.xml`: one organization with an item per module, a SCO resource
/// per module (its launch page and the files under the module's folder) and one
/// shared asset resource with every other file. Every file is listed once.
pub fn manifest(course: &Course, files: &BTreeMap<String, Vec<u8>>) -> String {
    let key = progress_key(&course.config);
    let mut items = String::new();
    let mut resources = String::new();
    let mut claimed: Vec<&str> = Vec::new();
    for (mi, m) in course.modules.iter().enumerate() {
        let n = mi + 1;
        // With a mastery score an LMS may set passed/failed from the score
        // alone (SCORM 1.2 RTE 3.4.4: the LMS compares score.raw with it),
        // which would pass a module whose quizzes are passed but whose
        // scenario is not; such a module reports its status itself.
        let mastery = m
            .quiz
            .as_ref()
            .filter(|_| m.scenarios.is_empty())
            .map(|q| {
                format!(
                    "\n        <adlcp:masteryscore>{}</adlcp:masteryscore>",
                    q.quiz.pass_mark
                )
            })
            .unwrap_or_default();
        items.push_str(&format!(
            "      <item identifier=\"ITEM-{n:02}\" identifierref=\"SCO-{n:02}\" isvisible=\"true\">\n        <title>{}</title>{mastery}\n      </item>\n",
            xml_text(&m.title)
        ));
        let launch = launch_path(mi);
        let folder = format!("{}/", m.slug);
        let mut own: Vec<&str> = vec![files.get_key_value(&launch).map_or("", |(k, _)| k.as_str())];
        own.extend(
            files
                .keys()
                .map(String::as_str)
                .filter(|k| k.starts_with(&folder)),
        );
        resources.push_str(&format!(
            "    <resource identifier=\"SCO-{n:02}\" type=\"webcontent\" adlcp:scormtype=\"sco\" href=\"{}\">\n",
            href(&launch)
        ));
        for f in &own {
            resources.push_str(&format!("      <file href=\"{}\"/>\n", href(f)));
        }
        resources.push_str("      <dependency identifierref=\"SHARED\"/>\n    </resource>\n");
        claimed.extend(own);
    }
    resources
        .push_str("    <resource identifier=\"SHARED\" type=\"webcontent\" adlcp:scormtype=\"asset\">\n");
    for f in files.keys().filter(|k| !claimed.contains(&k.as_str())) {
        resources.push_str(&format!("      <file href=\"{}\"/>\n", href(f)));
    }
    resources.push_str("    </resource>\n");
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>
<manifest identifier=\"coursegen-{key}\" version=\"1.0\"
    xmlns=\"http://www.imsproject.org/xsd/imscp_rootv1p1p2\"
    xmlns:adlcp=\"http://www.adlnet.org/xsd/adlcp_rootv1p2\">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
  </metadata>
  <organizations default=\"ORG\">
    <organization identifier=\"ORG\">
      <title>{}</title>
{items}    </organization>
  </organizations>
  <resources>
{resources}  </resources>
</manifest>
",
        xml_text(&course.config.title)
    )
}

/// Text for XML element content and quoted attributes.
fn xml_text(s: &str) -> String {
    escape_html(s).replace("&#39;", "&apos;")
}

/// A package path as a URI reference: everything but unreserved characters and
/// `/` is percent-encoded (UTF-8), so CJK file names survive every LMS.
pub fn href(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Files whose contents are already compressed are stored as they are.
fn compression(path: &str) -> CompressionMethod {
    let ext = path.rsplit_once('.').map_or("", |(_, e)| e).to_ascii_lowercase();
    match ext.as_str() {
        "png" | "jpg" | "jpeg" | "gif" | "webp" | "woff" | "woff2" | "zip" | "gz" | "mp3" | "mp4" | "pdf" => {
            CompressionMethod::Stored
        }
        _ => CompressionMethod::Deflated,
    }
}

/// The zip: the manifest first, then every file in path order, all with the
/// same timestamp (1980-01-01) and permissions.
fn write_zip(manifest: &str, files: &BTreeMap<String, Vec<u8>>) -> zip::result::ZipResult<Vec<u8>> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let base = SimpleFileOptions::default()
        .last_modified_time(DateTime::default())
        .unix_permissions(0o644);
    zip.start_file(MANIFEST, base.compression_method(CompressionMethod::Deflated))?;
    zip.write_all(manifest.as_bytes())?;
    for (path, bytes) in files {
        zip.start_file(path.as_str(), base.compression_method(compression(path)))?;
        zip.write_all(bytes)?;
    }
    Ok(zip.finish()?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hrefs_are_percent_encoded() {
        assert_eq!(href("a-b/c_d.html"), "a-b/c_d.html");
        assert_eq!(
            href("assets/流程 图.png"),
            "assets/%E6%B5%81%E7%A8%8B%20%E5%9B%BE.png"
        );
    }

    #[test]
    fn script_goes_before_the_last_body_end() {
        let out = inject_script(b"<body>x</body>\n</html>", "../");
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "<body>x<script src=\"../static/scorm.js\"></script>\n</body>\n</html>"
        );
    }
}
