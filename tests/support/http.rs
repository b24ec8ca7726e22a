//! A tiny static file server for tests: serves one folder under a URL prefix
//! on `127.0.0.1:<free port>`, so a built site can be checked the way it is
//! deployed (e.g. under `/sub/`).
//!
//! ```ignore
//! let server = Server::serve(site_dir, "/sub/");
//! page.goto(&format!("{}index.html", server.base_url())); // http://127.0.0.1:PORT/sub/index.html
//! ```
//!
//! GET only (405 otherwise); paths are percent-decoded, a `..` segment is
//! refused (403), a folder serves its `index.html`, anything else that is not
//! a file under the prefix is 404, with the site's `404.html` as the page
//! when there is one (as static hosts do). Each response closes its connection. The
//! server stops when dropped.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

pub struct Server {
    base_url: String,
    addr: SocketAddr,
    stop: Arc<AtomicBool>,
    log: Arc<Mutex<Vec<String>>>,
    thread: Option<JoinHandle<()>>,
}

impl Server {
    /// Serves `dir` under `prefix` (`"/sub/"`; slashes are added if missing).
    pub fn serve(dir: impl Into<PathBuf>, prefix: &str) -> Server {
        let dir = dir.into();
        let prefix = format!("/{}/", prefix.trim_matches('/')).replace("//", "/");
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
        let addr = listener.local_addr().expect("local address");
        let stop = Arc::new(AtomicBool::new(false));
        let log = Arc::new(Mutex::new(Vec::new()));
        let (stop2, log2, prefix2) = (Arc::clone(&stop), Arc::clone(&log), prefix.clone());
        let thread = std::thread::Builder::new()
            .name("test-http".into())
            .spawn(move || {
                for stream in listener.incoming() {
                    if stop2.load(Ordering::SeqCst) {
                        break;
                    }
                    let Ok(stream) = stream else { continue };
                    let (dir, prefix, log) = (dir.clone(), prefix2.clone(), Arc::clone(&log2));
                    std::thread::spawn(move || handle(stream, &dir, &prefix, &log));
                }
            })
            .expect("server thread");
        Server {
            base_url: format!("http://{addr}{prefix}"),
            addr,
            stop,
            log,
            thread: Some(thread),
        }
    }

    /// `http://127.0.0.1:PORT/prefix/`, always ending in `/`.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// Every request so far as `"GET /sub/index.html 200"`.
    pub fn requests(&self) -> Vec<String> {
        self.log.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the blocking accept() so the loop sees the flag.
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_secs(1));
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn handle(mut stream: TcpStream, dir: &Path, prefix: &str, log: &Mutex<Vec<String>>) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let _ = stream.set_write_timeout(Some(Duration::from_secs(5)));
    let mut head = Vec::new();
    let mut buf = [0u8; 4096];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") && head.len() < 64 * 1024 {
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => head.extend_from_slice(&buf[..n]),
        }
    }
    let head = String::from_utf8_lossy(&head);
    let mut parts = head.lines().next().unwrap_or_default().split_whitespace();
    let (method, target) = (parts.next().unwrap_or_default(), parts.next().unwrap_or_default());
    if method.is_empty() {
        return; // a connection that never sent a request (e.g. a preconnect)
    }
    let (status, content_type, body) = respond(method, target, dir, prefix);
    log.lock()
        .unwrap_or_else(|e| e.into_inner())
        .push(format!("{method} {target} {status}"));
    let reason = match status {
        200 => "OK",
        400 => "Bad Request",
        403 => "Forbidden",
        405 => "Method Not Allowed",
        _ => "Not Found",
    };
    let header = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\
         Cache-Control: no-store\r\nAllow: GET\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream
        .write_all(header.as_bytes())
        .and_then(|()| stream.write_all(&body));
    let _ = stream.flush();
}

fn respond(method: &str, target: &str, dir: &Path, prefix: &str) -> (u16, &'static str, Vec<u8>) {
    let text = "text/plain; charset=utf-8";
    if method != "GET" {
        return (405, text, b"GET only\n".to_vec());
    }
    let path = target.split(['?', '#']).next().unwrap_or_default();
    let Some(rest) = path.strip_prefix(prefix) else {
        return (404, text, b"not found\n".to_vec());
    };
    let Some(rest) = percent_decode(rest) else {
        return (400, text, b"bad path\n".to_vec());
    };
    let mut file = dir.to_path_buf();
    for seg in rest.split('/').filter(|s| !s.is_empty() && *s != ".") {
        if seg == ".." || seg.contains(['\\', '\0']) {
            return (403, text, b"forbidden\n".to_vec());
        }
        file.push(seg);
    }
    if rest.is_empty() || rest.ends_with('/') || file.is_dir() {
        file.push("index.html");
    }
    match std::fs::read(&file) {
        Ok(body) if file.is_file() => (200, content_type(&file), body),
        // As static hosts do: the site's own 404 page, whatever the depth.
        _ => match std::fs::read(dir.join("404.html")) {
            Ok(page) => (404, "text/html; charset=utf-8", page),
            Err(_) => (404, text, b"not found\n".to_vec()),
        },
    }
}

fn content_type(file: &Path) -> &'static str {
    let ext = file.extension().and_then(|e| e.to_str()).unwrap_or_default();
    match ext.to_ascii_lowercase().as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "txt" => "text/plain; charset=utf-8",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

/// `%E4%BD%A0` → `你`; `None` for a malformed escape or invalid UTF-8.
fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_and_refuses_parent_segments() {
        assert_eq!(
            percent_decode("a%20b/%E4%BD%A0.html").as_deref(),
            Some("a b/你.html")
        );
        assert_eq!(percent_decode("bad%2"), None);
        let dir = Path::new("/nonexistent");
        assert_eq!(respond("GET", "/sub/%2e%2e/etc/passwd", dir, "/sub/").0, 403);
        assert_eq!(respond("GET", "/sub/../x", dir, "/sub/").0, 403);
        assert_eq!(respond("GET", "/other/x", dir, "/sub/").0, 404);
        assert_eq!(respond("POST", "/sub/x", dir, "/sub/").0, 405);
    }
}
