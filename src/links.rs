//! Links as authors write them (relative paths to Markdown sources, with optional
//! `#anchor`) resolved against the site plan and turned into relative output URLs,
//! so the site works at `/`, under a subpath and from `file://`.

use crate::site::Site;

/// What a link or image that does not resolve points at instead (followed by
/// the destination as written). Only a preview run (`serve`) ever shows such
/// a page; the dev server's script draws these links as broken.
pub const BROKEN_LINK: &str = "#coursegen-broken:";

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// `https:`, `mailto:` …: left as written.
    External,
    /// `#anchor` on the same page.
    SamePage { fragment: String },
    /// A page of the site; `fragment` is percent-decoded.
    Page {
        page: usize,
        href: String,
        fragment: Option<String>,
    },
    /// A file copied as it is (image, PDF…).
    Static { href: String },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkError {
    /// `/path`: breaks under a subpath.
    RootRelative,
    /// `../../x` that climbs out of the course folder.
    OutsideCourse,
    /// Nothing at that path (course-relative, normalised).
    Missing(String),
    /// A built-in page (the calculator) that the course has not turned on.
    BuiltInOff(&'static str),
}

impl LinkError {
    pub fn message(&self, dest: &str) -> String {
        match self {
            LinkError::RootRelative => {
                format!("link `{dest}` starts with `/`, which breaks when the site is served under a subpath")
            }
            LinkError::OutsideCourse => format!("link `{dest}` points outside the course folder"),
            LinkError::Missing(path) => format!("link `{dest}` points to `{path}`, which does not exist"),
            LinkError::BuiltInOff(page) => {
                format!("link `{dest}` points to the built-in page `{page}`, which this course does not have")
            }
        }
    }

    pub fn hint(&self) -> &'static str {
        match self {
            LinkError::RootRelative | LinkError::OutsideCourse => {
                "write links as paths relative to this file, e.g. ../05-measurement/02-nps.md#计算方法"
            }
            LinkError::Missing(_) => {
                "link to the Markdown file (…/02-nps.md), a module folder's index.md, or a file under assets/"
            }
            LinkError::BuiltInOff(_) => {
                "add `calculator: true` to course.yaml to give the site its NPS / CSI calculator"
            }
        }
    }
}

/// Resolves `dest` written in the source file whose course-relative folder is
/// `from_dir`, for the output page at `from_url`.
pub fn resolve(dest: &str, from_dir: &str, from_url: &str, site: &Site) -> Result<Target, LinkError> {
    let dest = dest.trim();
    if is_external(dest) {
        return Ok(Target::External);
    }
    if let Some(fragment) = dest.strip_prefix('#') {
        return Ok(Target::SamePage {
            fragment: percent_decode(fragment),
        });
    }
    if dest.starts_with('/') {
        return Err(LinkError::RootRelative);
    }
    let (path_and_query, fragment) = match dest.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (dest, None),
    };
    let path = path_and_query.split('?').next().unwrap_or("");
    let joined = if from_dir.is_empty() {
        percent_decode(path)
    } else {
        format!("{from_dir}/{}", percent_decode(path))
    };
    let rel = normalize(&joined).ok_or(LinkError::OutsideCourse)?;
    let candidates = if rel.is_empty() || path.ends_with('/') {
        vec![join(&rel, "index.md")]
    } else {
        vec![rel.clone(), join(&rel, "index.md")]
    };
    for c in &candidates {
        if let Some(&page) = site.by_source.get(c) {
            let href = relative_url(from_url, &site.pages[page].url);
            let fragment = fragment.filter(|f| !f.is_empty());
            let href = match fragment {
                Some(f) => format!("{href}#{f}"),
                None => href,
            };
            return Ok(Target::Page {
                page,
                href,
                fragment: fragment.map(percent_decode),
            });
        }
        if let Some(generated) = site.generated.iter().find(|g| **g == c.as_str()) {
            let href = relative_url(from_url, generated);
            return Ok(Target::Static {
                href: match fragment {
                    Some(f) if !f.is_empty() => format!("{href}#{f}"),
                    _ => href,
                },
            });
        }
        if let Some(out) = site.statics.get(c) {
            return Ok(Target::Static {
                href: relative_url(from_url, out),
            });
        }
    }
    if let Some(&off) = crate::site::GENERATED_PAGES.iter().find(|g| **g == rel) {
        return Err(LinkError::BuiltInOff(off));
    }
    Err(LinkError::Missing(rel))
}

fn join(dir: &str, name: &str) -> String {
    if dir.is_empty() {
        name.to_string()
    } else {
        format!("{dir}/{name}")
    }
}

/// `scheme:` (http, https, mailto, tel, data…) or protocol-relative `//host`.
pub fn is_external(dest: &str) -> bool {
    if dest.starts_with("//") {
        return true;
    }
    match dest.find(':') {
        Some(i) => {
            let scheme = &dest[..i];
            !scheme.is_empty()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
                && !dest[..i].contains(['/', '#', '?'])
        }
        None => false,
    }
}

/// The host a URL loads from when it is on another site: `https://host/…`,
/// `//host/…` (protocol-relative) or any `scheme://host`, but not `file:`.
/// Without user name or port, in lower case.
pub fn remote_host(dest: &str) -> Option<String> {
    let dest = dest.trim();
    let rest = match dest.strip_prefix("//") {
        Some(rest) => rest,
        None => {
            let (scheme, rest) = dest.split_once("://")?;
            if !is_external(dest) || scheme.eq_ignore_ascii_case("file") {
                return None;
            }
            rest
        }
    };
    let authority = rest.split(['/', '?', '#', '\\']).next().unwrap_or("");
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = match host_port.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or(""),
        None => host_port.split(':').next().unwrap_or(""),
    };
    (!host.is_empty()).then(|| host.to_ascii_lowercase())
}

/// Whether `host` is named by an entry of a course's allowed hosts: the same
/// name, or `*.example.org` for any host under example.org.
pub fn host_allowed(host: &str, allowed: &[String]) -> bool {
    allowed.iter().any(|a| match a.strip_prefix("*.") {
        Some(domain) => host.strip_suffix(domain).is_some_and(|sub| sub.ends_with('.')),
        None => a.eq_ignore_ascii_case(host),
    })
}

/// Removes `.` and `..` segments; `None` when the path climbs above the root.
pub fn normalize(path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

/// The URL of site path `to` as seen from the page at site path `from`.
pub fn relative_url(from: &str, to: &str) -> String {
    let from_dirs: Vec<&str> = from.split('/').collect();
    let from_dirs = &from_dirs[..from_dirs.len() - 1];
    let to_parts: Vec<&str> = to.split('/').collect();
    let common = from_dirs
        .iter()
        .zip(&to_parts[..to_parts.len() - 1])
        .take_while(|(a, b)| a == b)
        .count();
    let mut out = "../".repeat(from_dirs.len() - common);
    out.push_str(&to_parts[common..].join("/"));
    out
}

/// Decodes `%XX` escapes (invalid escapes are kept as written).
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3])
                .ok()
                .and_then(|h| u8::from_str_radix(h, 16).ok());
            if let Some(b) = hex {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}

#[cfg(test)]
mod tests;
