//! What a first search query downloads, in headless Chromium, over HTTP
//! (under /sub/) and from file://:
//!
//!   cargo run --release --example search_payload -- SITE_DIR [START_PAGE] [QUERY…]
//!
//! SITE_DIR is a built site (e.g. `coursegen build --root DIR --out SITE_DIR`
//! on a course from the gen_corpus example). Each query is typed into the
//! search box of a fresh tab on START_PAGE (default `index.html`); every file
//! loaded from the focus on (search core, manifest, term shards, the entries
//! of the results shown) is counted by its size. Prints one row per query and
//! the median and maximum. The default queries are the bundled course's ten.

#[path = "../tests/support/mod.rs"]
mod support;

use std::path::PathBuf;

use support::browser::Browser;
use support::http::Server;
use support::payload::{first_query, median_max};

const BUNDLED: &[&str] = &[
    "满意度",
    "净推荐值",
    "NPS",
    "服务时刻",
    "服務時刻",
    "NPS 68",
    "2000美元",
    "丽思卡尔顿",
    "卡诺模型",
    "ＳＥＲＶＱＵＡＬ",
];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let site: PathBuf = args
        .next()
        .ok_or("usage: search_payload SITE_DIR [START_PAGE] [QUERY…]")?
        .into();
    let site = site.canonicalize()?;
    let start = args.next().unwrap_or_else(|| "index.html".into());
    let mut queries: Vec<String> = args.collect();
    if queries.is_empty() {
        queries = BUNDLED.iter().map(|q| q.to_string()).collect();
    }
    let browser = Browser::launch().ok_or("Chromium is needed")?;
    let server = Server::serve(&site, "/sub/");
    let file_base = format!("file://{}/", site.display());
    println!("| query | HTTP bytes | file:// bytes | files | results |");
    println!("|---|---|---|---|---|");
    let (mut http, mut file) = (Vec::new(), Vec::new());
    for q in &queries {
        let h = first_query(&browser, &site, server.base_url(), &start, q);
        let f = first_query(&browser, &site, &file_base, &start, q);
        println!("| {q} | {} | {} | {} | {} |", h.bytes, f.bytes, h.files, h.status);
        http.push(h.bytes);
        file.push(f.bytes);
    }
    let ((hm, hx), (fm, fx)) = (median_max(&http), median_max(&file));
    println!("\nmedian / max: HTTP {hm} / {hx} bytes, file:// {fm} / {fx} bytes");
    Ok(())
}
