//! A static file server for tests: serves one folder under a URL prefix on
//! `127.0.0.1:<free port>`, so a built site can be checked the way it is
//! deployed (e.g. under `/sub/`).
//!
//! ```ignore
//! let server = Server::serve(site_dir, "/sub/");
//! page.goto(&format!("{}index.html", server.base_url())); // http://127.0.0.1:PORT/sub/index.html
//! ```
//!
//! It is the dev server's own HTTP layer (`coursegen::serve::http`: request
//! reading, path checks, content types, responses) over a folder, with what
//! a static host does: GET only (405 otherwise), a folder serves its
//! `index.html`, and anything that is not a file under the prefix is 404 with
//! the site's own `404.html`. The server stops when dropped.

use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use coursegen::serve::http::{Refusal, Route, content_type, read_request, respond, route};

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
                    std::thread::spawn(move || answer(stream, &dir, &prefix, &log));
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

fn answer(mut stream: TcpStream, dir: &Path, prefix: &str, log: &Mutex<Vec<String>>) {
    // A connection that never sends a request (a preconnect) just closes.
    let Ok(request) = read_request(&stream) else {
        return;
    };
    let (status, content_type, body) = lookup(&request.method, &request.target, dir, prefix);
    log.lock().unwrap_or_else(|e| e.into_inner()).push(format!(
        "{} {} {}",
        request.method,
        request.target,
        &status[..3]
    ));
    let _ = stream.set_write_timeout(Some(Duration::from_secs(5)));
    let _ = respond(
        &mut stream,
        status,
        content_type,
        &body,
        false,
        &[("Allow", "GET")],
    );
}

fn lookup(method: &str, target: &str, dir: &Path, prefix: &str) -> (&'static str, &'static str, Vec<u8>) {
    let text = "text/plain; charset=utf-8";
    if method != "GET" {
        return ("405 Method Not Allowed", text, b"GET only\n".to_vec());
    }
    let Some(rest) = target.strip_prefix(prefix) else {
        return ("404 Not Found", text, b"not found\n".to_vec());
    };
    let rel = match route(&format!("/{rest}")) {
        Ok(Route::File(rel)) => rel,
        Ok(_) => return ("404 Not Found", text, b"not found\n".to_vec()),
        Err(Refusal::BadRequest) => return ("400 Bad Request", text, b"bad path\n".to_vec()),
        Err(Refusal::Forbidden) => return ("403 Forbidden", text, b"forbidden\n".to_vec()),
    };
    let mut file = dir.join(&rel);
    if file.is_dir() {
        file.push("index.html");
    }
    match std::fs::read(&file) {
        Ok(body) => ("200 OK", content_type(&file.to_string_lossy()), body),
        // As static hosts do: the site's own 404 page, whatever the depth.
        Err(_) => match std::fs::read(dir.join("404.html")) {
            Ok(page) => ("404 Not Found", "text/html; charset=utf-8", page),
            Err(_) => ("404 Not Found", text, b"not found\n".to_vec()),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_parent_segments_other_prefixes_and_methods() {
        let dir = Path::new("/nonexistent");
        let status = |m: &str, t: &str| lookup(m, t, dir, "/sub/").0;
        assert_eq!(status("GET", "/sub/%2e%2e/etc/passwd"), "403 Forbidden");
        assert_eq!(status("GET", "/sub/../x"), "403 Forbidden");
        assert_eq!(status("GET", "/sub/bad%2"), "400 Bad Request");
        assert_eq!(status("GET", "/other/x"), "404 Not Found");
        assert_eq!(status("POST", "/sub/x"), "405 Method Not Allowed");
    }
}
