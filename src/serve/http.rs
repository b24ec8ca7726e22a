//! The smallest HTTP/1.1 the dev server needs: GET and HEAD, one request per
//! connection, paths that can only name files of the site.

use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::time::Duration;

/// What a request asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// A path of the site (`index.html`, `concepts/definition.html`).
    File(String),
    /// The reload channel (Server-Sent Events).
    Events,
    /// The current build status as JSON (for the error overlay).
    Status,
    /// The reload client script.
    LiveScript,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// 400: not an origin-form path, or not UTF-8 once decoded.
    BadRequest,
    /// 403: `..`, `.`, a backslash, NUL, `//` or a drive/scheme prefix.
    Forbidden,
}

pub const EVENTS_PATH: &str = "/__coursegen/events";
pub const STATUS_PATH: &str = "/__coursegen/status";
pub const LIVE_SCRIPT_PATH: &str = "/__coursegen/live.js";

/// Maps a request target to a route, refusing anything that could leave the site.
pub fn route(target: &str) -> Result<Route, Refusal> {
    if !target.starts_with('/') {
        return Err(Refusal::BadRequest);
    }
    let path = target.split(['?', '#']).next().unwrap_or("");
    match path {
        EVENTS_PATH => return Ok(Route::Events),
        STATUS_PATH => return Ok(Route::Status),
        LIVE_SCRIPT_PATH => return Ok(Route::LiveScript),
        _ => {}
    }
    let decoded = percent_decode(path).ok_or(Refusal::BadRequest)?;
    if decoded.contains(['\\', '\0']) {
        return Err(Refusal::Forbidden);
    }
    let segments: Vec<&str> = decoded[1..].split('/').collect();
    let last = segments.len() - 1;
    for (i, seg) in segments.iter().enumerate() {
        if *seg == ".." || *seg == "." || seg.contains(':') || (seg.is_empty() && i != last) {
            return Err(Refusal::Forbidden);
        }
    }
    let mut file = segments.join("/");
    if file.is_empty() || file.ends_with('/') {
        file.push_str("index.html");
    }
    Ok(Route::File(file))
}

/// Decodes `%XX`; `None` for a malformed escape or a result that is not UTF-8.
fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = b.get(i + 1..i + 3)?;
            let v = u8::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok()?;
            out.push(v);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

pub fn content_type(path: &str) -> &'static str {
    let ext = path.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "ttf" => "font/ttf",
        "wasm" => "application/wasm",
        "pdf" => "application/pdf",
        "txt" | "md" => "text/plain; charset=utf-8",
        "xml" => "application/xml",
        "zip" => "application/zip",
        "mp4" => "video/mp4",
        "webm" => "video/webm",
        "mp3" => "audio/mpeg",
        "csv" => "text/csv; charset=utf-8",
        _ => "application/octet-stream",
    }
}

pub struct Request {
    pub method: String,
    pub target: String,
}

/// Reads the request line and headers (bounded in size and time).
pub fn read_request(stream: &TcpStream) -> io::Result<Request> {
    stream.set_read_timeout(Some(Duration::from_secs(5)))?;
    let mut reader = BufReader::new(stream.take(16 * 1024));
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let mut parts = line.split_whitespace();
    let (Some(method), Some(target)) = (parts.next(), parts.next()) else {
        return Err(io::Error::new(io::ErrorKind::InvalidData, "bad request line"));
    };
    let request = Request {
        method: method.to_string(),
        target: target.to_string(),
    };
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header)? == 0 || header == "\r\n" || header == "\n" {
            break;
        }
    }
    Ok(request)
}

/// Writes a whole response and closes the exchange.
pub fn respond(
    stream: &mut TcpStream,
    status: &str,
    content_type: &str,
    body: &[u8],
    head_only: bool,
    extra: &[(&str, &str)],
) -> io::Result<()> {
    let mut head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nX-Content-Type-Options: nosniff\r\nCache-Control: no-store\r\nConnection: close\r\n",
        body.len()
    );
    for (k, v) in extra {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes())?;
    if !head_only {
        stream.write_all(body)?;
    }
    stream.flush()
}

/// Adds the reload client to an HTML page (only the dev server does this; the
/// files of a build are never changed).
pub fn inject_live_script(html: &[u8]) -> Vec<u8> {
    let tag = format!("<script src=\"{LIVE_SCRIPT_PATH}\"></script>\n");
    let text = String::from_utf8_lossy(html);
    match text.rfind("</body>") {
        Some(i) => format!("{}{tag}{}", &text[..i], &text[i..]).into_bytes(),
        None => format!("{text}{tag}").into_bytes(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_site_paths() {
        assert_eq!(route("/"), Ok(Route::File("index.html".into())));
        assert_eq!(route("/concepts/"), Ok(Route::File("concepts/index.html".into())));
        assert_eq!(
            route("/concepts/definition.html?x=1#top"),
            Ok(Route::File("concepts/definition.html".into()))
        );
        assert_eq!(
            route("/%E6%9C%8D%E5%8A%A1.html"),
            Ok(Route::File("服务.html".into()))
        );
        assert_eq!(route(EVENTS_PATH), Ok(Route::Events));
    }

    #[test]
    fn refuses_everything_that_could_leave_the_site() {
        for bad in [
            "/../etc/passwd",
            "/a/../../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/%2E%2E/etc/passwd",
            "/..%2fetc/passwd",
            "/..%2Fetc%2Fpasswd",
            "/%5c..%5cwindows",
            "/a\\..\\b",
            "/a%00.html",
            "//etc/passwd",
            "/%2fetc/passwd",
            "/C:/Windows/win.ini",
            "/./index.html",
        ] {
            assert_eq!(route(bad), Err(Refusal::Forbidden), "{bad}");
        }
        for bad in [
            "http://example.org/index.html",
            "*",
            "index.html",
            "/%zz",
            "/%ff%fe",
        ] {
            assert_eq!(route(bad), Err(Refusal::BadRequest), "{bad}");
        }
    }

    #[test]
    fn content_types() {
        assert_eq!(content_type("a/b.svg"), "image/svg+xml");
        assert_eq!(content_type("x.WOFF2"), "font/woff2");
        assert_eq!(content_type("x.wasm"), "application/wasm");
        assert_eq!(content_type("x.json"), "application/json");
        assert_eq!(content_type("noext"), "application/octet-stream");
    }

    #[test]
    fn live_script_goes_before_the_body_end() {
        let out = String::from_utf8(inject_live_script(b"<html><body><p>x</p></body></html>")).unwrap();
        assert!(
            out.contains("<p>x</p><script src=\"/__coursegen/live.js\"></script>\n</body>"),
            "{out}"
        );
    }
}
