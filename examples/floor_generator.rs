//! The "floor" for build-time comparisons: the least a Markdown site generator can
//! do. It walks a course folder, reads every `.md` file, renders it with
//! pulldown-cmark, puts the HTML into one Tera template and writes the page, in
//! parallel. No front matter, navigation, links, quizzes or search.
//!
//!     cargo run --release --example floor_generator -- COURSE_DIR OUT_DIR
//!
//! `benches/compare.sh` times it beside coursegen, so that the gap between the
//! two is measured on the same machine in the same run.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

const TEMPLATE: &str = "<!doctype html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">\
<title>{{ title }}</title></head><body><main>{{ content | safe }}</main></body></html>\n";

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [course, out] = args.as_slice() else {
        return Err("usage: floor_generator COURSE_DIR OUT_DIR".into());
    };
    let (course, out) = (Path::new(course), Path::new(out));
    let sources: Vec<PathBuf> = walkdir::WalkDir::new(course)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| e.into_path())
        .collect();
    let mut tera = tera::Tera::default();
    tera.add_raw_template("page.html", TEMPLATE)?;
    sources.par_iter().try_for_each(|src| -> Result<(), String> {
        let text = std::fs::read_to_string(src).map_err(|e| format!("{}: {e}", src.display()))?;
        let mut html = String::with_capacity(text.len() * 3 / 2);
        pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new(&text));
        let mut context = tera::Context::new();
        context.insert("title", &src.file_stem().map(|s| s.to_string_lossy()));
        context.insert("content", &html);
        let page = tera.render("page.html", &context).map_err(|e| e.to_string())?;
        let rel = src.strip_prefix(course).unwrap_or(src).with_extension("html");
        let dest = out.join(rel);
        if let Some(dir) = dest.parent() {
            std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
        }
        std::fs::write(&dest, page).map_err(|e| format!("{}: {e}", dest.display()))
    })?;
    Ok(())
}
