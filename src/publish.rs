//! Files for hosting, written by the write stage: `sitemap.xml` (absolute
//! URLs, so only with a base URL) and `robots.txt`. Both are deterministic: the same input gives the same bytes.

use crate::html_escape::escape_html;
use crate::model::Course;
use crate::site::Site;

/// The hosting files of a course: `robots.txt`, and `sitemap.xml` when the
/// course has a base URL (path under the site root, contents).
pub fn files(course: &Course, site: &Site) -> Vec<(String, Vec<u8>)> {
    let base = course.config.base_url.as_deref();
    let mut files = vec![("robots.txt".to_string(), robots(base).into_bytes())];
    if let Some(base) = base {
        files.push((
            "sitemap.xml".to_string(),
            sitemap(course, site, base).into_bytes(),
        ));
    }
    files
}

/// The sitemap, listing every page of the reading order with the date its
/// source file last changed.
pub fn sitemap(course: &Course, site: &Site, base_url: &str) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for page in &site.pages {
        let url = if page.url == crate::site::HOME_URL {
            base_url.to_string()
        } else {
            format!("{base_url}{}", page.url)
        };
        out.push_str(&format!("  <url><loc>{}</loc>", escape_html(&url)));
        if let Some(secs) = course.source_of(page.kind).and_then(|(s, _)| s.modified) {
            out.push_str(&format!("<lastmod>{}</lastmod>", iso_date(secs)));
        }
        out.push_str("</url>\n");
    }
    out.push_str("</urlset>\n");
    out
}

pub fn robots(base_url: Option<&str>) -> String {
    let mut out = String::from("User-agent: *\nAllow: /\n");
    if let Some(base) = base_url {
        out.push_str(&format!("Sitemap: {base}sitemap.xml\n"));
    }
    out
}

/// `YYYY-MM-DD` (UTC) of a Unix time.
pub fn iso_date(secs: u64) -> String {
    // Howard Hinnant's civil-from-days.
    let z = (secs / 86_400) as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(iso_date(0), "1970-01-01");
        assert_eq!(iso_date(951_782_400), "2000-02-29");
        assert_eq!(iso_date(1_795_392_000), "2026-11-23");
    }

    #[test]
    fn robots_names_the_sitemap_only_with_a_base_url() {
        assert_eq!(robots(None), "User-agent: *\nAllow: /\n");
        assert!(
            robots(Some("https://example.org/c/")).ends_with("Sitemap: https://example.org/c/sitemap.xml\n")
        );
    }
}
