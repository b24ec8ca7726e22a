//! `coursegen serve`: builds the course into memory, serves it over HTTP,
//! rebuilds when `course/` changes and reloads open pages over Server-Sent
//! Events. A run with errors serves every page it could render (links that do
//! not resolve are marked) and lists the errors over the page; a run that can
//! render nothing (course.yaml or a template unusable) keeps the last good
//! site, if any. Nothing is written to disk, so there is nothing to clean up.

pub mod http;
mod live;
mod memory;
pub mod watch;

pub use http::{EVENTS_PATH, LIVE_SCRIPT_PATH, Refusal, Route, STATUS_PATH, route};
pub use memory::MemorySite;

use std::net::{IpAddr, SocketAddr, TcpListener, TcpStream};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex, RwLock};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use notify::RecursiveMode;
use notify_debouncer_full::{DebounceEventResult, new_debouncer};

use crate::build::{BuildOptions, locate};
use crate::diagnostic::Diagnostic;
use live::{LiveBuild, Outcome};
use memory::Body;
use watch::{Action, Change};

/// How long the watcher waits for a burst of changes (an editor's save, a
/// `git checkout`) to end before rebuilding once.
pub const DEBOUNCE: Duration = Duration::from_millis(40);

const LIVE_SCRIPT: &str = include_str!("../../templates/live.js");

#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub build: BuildOptions,
    pub bind: IpAddr,
    /// 0 picks a free port.
    pub port: u16,
}

/// What the server reports; the command line prints these.
#[derive(Debug)]
pub enum ServeEvent {
    /// `incremental`: only the pages the edit touched were rendered again.
    Built {
        pages: usize,
        elapsed: Duration,
        changes: Vec<Change>,
        incremental: bool,
    },
    /// Served with errors: broken links marked, the errors listed in the page.
    Partial {
        pages: usize,
        elapsed: Duration,
        diagnostics: Vec<Diagnostic>,
    },
    Failed {
        diagnostics: Vec<Diagnostic>,
        /// Whether an earlier site is still served (else there is none).
        serving_last_good: bool,
    },
    WatchError(String),
}

pub type Reporter = Arc<dyn Fn(ServeEvent) + Send + Sync>;

struct Status {
    generation: u64,
    /// `ok`, `partial`, `failed-last-good` or `failed-nothing`.
    state: &'static str,
    errors: Vec<String>,
    ui: &'static crate::i18n::UiStrings,
}

struct Shared {
    site: RwLock<Arc<MemorySite>>,
    status: Mutex<Status>,
    subscribers: Mutex<Vec<Sender<&'static str>>>,
    stop: AtomicBool,
    /// Changes with every server start, so pages reload after a restart.
    instance: String,
}

pub struct ServerHandle {
    addr: SocketAddr,
    shared: Arc<Shared>,
    threads: Vec<JoinHandle<()>>,
    /// Dropping the debouncer stops the watcher.
    _watcher: Option<Box<dyn std::any::Any + Send>>,
}

impl ServerHandle {
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Stops accepting, ends the reload channels and joins the threads.
    pub fn stop(mut self) {
        self.shutdown();
    }

    fn shutdown(&mut self) {
        self.shared.stop.store(true, Ordering::SeqCst);
        self._watcher = None;
        self.shared.subscribers.lock().map(|mut s| s.clear()).ok();
        let _ = TcpStream::connect(self.addr);
        for t in self.threads.drain(..) {
            let _ = t.join();
        }
    }
}

impl Drop for ServerHandle {
    fn drop(&mut self) {
        self.shutdown();
    }
}

/// Builds once, starts the watcher and the HTTP server, and returns at once.
pub fn start(opts: ServeOptions, report: Reporter) -> std::io::Result<ServerHandle> {
    // The watcher reports absolute paths (`serve` in the project folder
    // passes `.`), so the course folder is named the same way.
    let mut opts = opts;
    opts.build.root = std::path::absolute(&opts.build.root)?;
    let shared = Arc::new(Shared {
        site: RwLock::new(Arc::new(MemorySite::default())),
        status: Mutex::new(Status {
            generation: 0,
            state: "ok",
            errors: Vec::new(),
            ui: &crate::i18n::ZH_CN,
        }),
        subscribers: Mutex::new(Vec::new()),
        stop: AtomicBool::new(false),
        instance: format!(
            "{}",
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos())
        ),
    });
    let started = Instant::now();
    let (live, first) = LiveBuild::new(opts.build.clone());
    publish(first, &live, &shared, &report, started, Vec::new());

    let listener = TcpListener::bind((opts.bind, opts.port))?;
    let addr = listener.local_addr()?;
    let mut threads = Vec::new();

    let (tx, rx) = mpsc::channel::<DebounceEventResult>();
    let (course_dir, _) = locate(&opts.build.root);
    let watcher = match new_debouncer(DEBOUNCE, None, tx) {
        Ok(mut d) => match d.watch(&course_dir, RecursiveMode::Recursive) {
            Ok(()) => Some(Box::new(d) as Box<dyn std::any::Any + Send>),
            Err(e) => {
                report(ServeEvent::WatchError(format!(
                    "cannot watch {}: {e}",
                    course_dir.display()
                )));
                None
            }
        },
        Err(e) => {
            report(ServeEvent::WatchError(e.to_string()));
            None
        }
    };
    {
        let shared = shared.clone();
        let report = report.clone();
        threads.push(std::thread::spawn(move || {
            rebuild_loop(rx, course_dir, live, shared, report)
        }));
    }
    {
        let shared = shared.clone();
        threads.push(std::thread::spawn(move || accept_loop(listener, shared)));
    }
    Ok(ServerHandle {
        addr,
        shared,
        threads,
        _watcher: watcher,
    })
}

/// How long the dev server waits after an incremental update, with no further
/// change, before rebuilding the search index (0.5 s at 10,000 pages, during
/// which a new edit waits).
pub const SEARCH_REFRESH_IDLE: Duration = Duration::from_millis(1000);

/// Waits for batches of changes; while a rebuild runs, new batches queue up
/// and are merged into the next one. An incremental rebuild leaves the search
/// index behind; it is brought up to date once no change has come for
/// [`SEARCH_REFRESH_IDLE`], so that a run of edits is never held up by it.
fn rebuild_loop(
    rx: Receiver<DebounceEventResult>,
    course_dir: PathBuf,
    mut live: LiveBuild,
    shared: Arc<Shared>,
    report: Reporter,
) {
    let mut search_stale = false;
    while !shared.stop.load(Ordering::SeqCst) {
        let wait = if search_stale {
            SEARCH_REFRESH_IDLE
        } else {
            Duration::from_millis(200)
        };
        let first = match rx.recv_timeout(wait) {
            Ok(batch) => batch,
            Err(RecvTimeoutError::Timeout) => {
                if std::mem::take(&mut search_stale)
                    && live.refresh_search()
                    && let Ok(mut current) = shared.site.write()
                {
                    *current = live.site();
                }
                continue;
            }
            Err(RecvTimeoutError::Disconnected) => return,
        };
        let mut paths: Vec<PathBuf> = Vec::new();
        for batch in std::iter::once(first).chain(rx.try_iter()) {
            match batch {
                Ok(events) => paths.extend(
                    events
                        .into_iter()
                        .filter(|e| watch::is_change(&e.event.kind))
                        .flat_map(|e| e.event.paths.clone()),
                ),
                Err(errors) => {
                    for e in errors {
                        report(ServeEvent::WatchError(e.to_string()));
                    }
                }
            }
        }
        if let Action::Rebuild(changes) = watch::plan(&paths, &course_dir) {
            search_stale |= rebuild(&mut live, &shared, &report, &paths, changes);
        }
    }
}

/// Updates the build; swaps the site in only when the build succeeded.
/// Returns whether the update was incremental (and so left the search index
/// out of date).
fn rebuild(
    live: &mut LiveBuild,
    shared: &Shared,
    report: &Reporter,
    paths: &[PathBuf],
    changes: Vec<Change>,
) -> bool {
    let started = Instant::now();
    let outcome = if paths.is_empty() {
        Outcome::Failed {
            diagnostics: Vec::new(),
            serving_last_good: true,
        }
    } else {
        live.update(paths, &changes)
    };
    let incremental = matches!(
        outcome,
        Outcome::Built {
            incremental: true,
            ..
        }
    );
    publish(outcome, live, shared, report, started, changes);
    incremental
}

fn publish(
    outcome: Outcome,
    live: &LiveBuild,
    shared: &Shared,
    report: &Reporter,
    started: Instant,
    changes: Vec<Change>,
) {
    let errors_of = |diagnostics: &[Diagnostic]| -> Vec<String> {
        diagnostics
            .iter()
            .filter(|d| d.is_error())
            .map(Diagnostic::render)
            .collect()
    };
    let set_status = |state: &'static str, errors: Vec<String>| {
        if let Ok(mut s) = shared.status.lock() {
            s.generation += 1;
            s.state = state;
            s.errors = errors;
            s.ui = live.ui();
        }
    };
    let event = match outcome {
        Outcome::Built { pages, incremental } => {
            if let Ok(mut current) = shared.site.write() {
                *current = live.site();
            }
            set_status("ok", Vec::new());
            broadcast(shared, "reload");
            ServeEvent::Built {
                pages,
                elapsed: started.elapsed(),
                changes,
                incremental,
            }
        }
        Outcome::Partial { pages, diagnostics } => {
            if let Ok(mut current) = shared.site.write() {
                *current = live.site();
            }
            set_status("partial", errors_of(&diagnostics));
            // The pages changed: they reload, and then list the errors.
            broadcast(shared, "reload");
            ServeEvent::Partial {
                pages,
                elapsed: started.elapsed(),
                diagnostics,
            }
        }
        Outcome::Failed {
            diagnostics,
            serving_last_good,
        } => {
            let state = if serving_last_good {
                "failed-last-good"
            } else {
                "failed-nothing"
            };
            set_status(state, errors_of(&diagnostics));
            broadcast(shared, "status");
            ServeEvent::Failed {
                diagnostics,
                serving_last_good,
            }
        }
    };
    report(event);
}

fn broadcast(shared: &Shared, event: &'static str) {
    if let Ok(mut subs) = shared.subscribers.lock() {
        subs.retain(|s| s.send(event).is_ok());
    }
}

fn accept_loop(listener: TcpListener, shared: Arc<Shared>) {
    for stream in listener.incoming() {
        if shared.stop.load(Ordering::SeqCst) {
            return;
        }
        let Ok(stream) = stream else { continue };
        let shared = shared.clone();
        std::thread::spawn(move || {
            let _ = handle(stream, &shared);
        });
    }
}

fn handle(mut stream: TcpStream, shared: &Shared) -> std::io::Result<()> {
    let req = http::read_request(&stream)?;
    let head_only = req.method == "HEAD";
    if req.method != "GET" && !head_only {
        return http::respond(
            &mut stream,
            "405 Method Not Allowed",
            "text/plain; charset=utf-8",
            b"GET and HEAD only\n",
            false,
            &[("Allow", "GET, HEAD")],
        );
    }
    let route = match route(&req.target) {
        Ok(r) => r,
        Err(Refusal::BadRequest) => {
            return http::respond(
                &mut stream,
                "400 Bad Request",
                "text/plain; charset=utf-8",
                b"bad request\n",
                head_only,
                &[],
            );
        }
        Err(Refusal::Forbidden) => {
            return http::respond(
                &mut stream,
                "403 Forbidden",
                "text/plain; charset=utf-8",
                b"forbidden\n",
                head_only,
                &[],
            );
        }
    };
    match route {
        Route::LiveScript => http::respond(
            &mut stream,
            "200 OK",
            http::content_type("live.js"),
            LIVE_SCRIPT.as_bytes(),
            head_only,
            &[],
        ),
        Route::Status => {
            let body = match shared.status.lock() {
                Ok(s) => serde_json::json!({
                    "generation": s.generation,
                    "state": s.state,
                    "errors": s.errors,
                    "strings": s.ui.dev,
                })
                .to_string(),
                Err(_) => "{}".into(),
            };
            http::respond(
                &mut stream,
                "200 OK",
                "application/json",
                body.as_bytes(),
                head_only,
                &[],
            )
        }
        Route::Events => events(stream, shared),
        Route::File(path) => {
            let site = shared.site.read().map(|s| s.clone()).unwrap_or_default();
            let (status, path, body) = match site.get(&path) {
                Some(body) => ("200 OK", path, body.clone()),
                None => match site.get("404.html") {
                    Some(body) => ("404 Not Found", "404.html".to_string(), body.clone()),
                    None => ("404 Not Found", "404.html".to_string(), Body::Bytes(Arc::from(&b"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>coursegen</title></head><body><h1>No site yet</h1></body></html>"[..]))),
                },
            };
            let bytes: Vec<u8> = match body {
                Body::Bytes(b) => b.to_vec(),
                Body::File(p) => std::fs::read(p)?,
            };
            let ctype = http::content_type(&path);
            let bytes = if ctype.starts_with("text/html") {
                http::inject_live_script(&bytes)
            } else {
                bytes
            };
            http::respond(&mut stream, status, ctype, &bytes, head_only, &[])
        }
    }
}

/// Holds the connection open and sends `reload` / `status` events; a comment
/// every 15 s notices closed tabs.
fn events(mut stream: TcpStream, shared: &Shared) -> std::io::Result<()> {
    use std::io::Write;
    let (tx, rx) = mpsc::channel();
    if let Ok(mut subs) = shared.subscribers.lock() {
        subs.push(tx);
    }
    stream.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: keep-alive\r\n\r\nretry: 500\n\n")?;
    stream.write_all(format!("event: hello\ndata: {}\n\n", shared.instance).as_bytes())?;
    stream.flush()?;
    loop {
        match rx.recv_timeout(Duration::from_secs(15)) {
            Ok(event) => stream.write_all(format!("event: {event}\ndata: {event}\n\n").as_bytes())?,
            Err(RecvTimeoutError::Timeout) => stream.write_all(b": ping\n\n")?,
            Err(RecvTimeoutError::Disconnected) => return Ok(()),
        }
        stream.flush()?;
        if shared.stop.load(Ordering::SeqCst) {
            return Ok(());
        }
    }
}
