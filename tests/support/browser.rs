//! A minimal Chrome DevTools Protocol (CDP) client for browser tests.
//!
//! Headless Chromium is started with `--remote-debugging-pipe`: it reads CDP
//! JSON messages from fd 3 and writes to fd 4, each message ended by a NUL
//! byte. A reader thread files every answer under its `id` and keeps every
//! event in an in-memory log, which the [`Page`] methods search.
//!
//! ```ignore
//! let Some(browser) = Browser::launch() else { return }; // skipped: no Chromium
//! let page = browser.page(&url, 1280, 900);             // waits for `load`
//! page.click(".pager-next");
//! page.wait_for("document.title.startsWith('Lesson 2')", Duration::from_secs(5));
//! assert_eq!(page.console_errors(), Vec::<String>::new());
//! ```
//!
//! * [`Browser::launch`] finds Chromium (`$COURSEGEN_CHROMIUM`, then
//!   `/usr/lib/chromium/chromium`, then `/usr/bin/chromium`). Without one it
//!   prints `SKIPPED: chromium not found` and returns `None`, unless
//!   `COURSEGEN_REQUIRE_BROWSER=1`, which turns the skip into a panic.
//! * Every wait has a timeout ([`DEFAULT_TIMEOUT`] unless given), so a test
//!   can fail but never hang. Protocol errors and JavaScript exceptions panic
//!   with the method or the exception text.
//! * One Chromium serves the whole test binary; each [`Browser`] is a browser
//!   context of its own (storage and cookies apart, as an incognito window),
//!   closed when it is dropped. Chromium exits when the binary does.

use std::collections::HashMap;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Write};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, OnceLock};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// How long any single wait (a command's answer, a page load) may take.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);

/// Where Chromium is looked for, after `$COURSEGEN_CHROMIUM`.
const CANDIDATES: &[&str] = &["/usr/lib/chromium/chromium", "/usr/bin/chromium"];

const FLAGS: &[&str] = &[
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
    "--remote-debugging-pipe",
];

/// Locks a mutex, ignoring poisoning (a panicking test must not hide the cause
/// behind a second `PoisonError` panic).
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// The Chromium binary to use, or `None` when there is none.
pub fn find_chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("COURSEGEN_CHROMIUM") {
        let p = PathBuf::from(p);
        assert!(p.is_file(), "COURSEGEN_CHROMIUM={} does not exist", p.display());
        return Some(p);
    }
    CANDIDATES.iter().map(PathBuf::from).find(|p| p.is_file())
}

#[derive(Default)]
struct State {
    /// Answers by command id, removed when collected.
    responses: HashMap<u64, Value>,
    /// Every event received, in order, by session (`""` for the browser's
    /// own); a closed tab's are dropped.
    events: HashMap<String, Vec<Value>>,
    /// Chromium closed the pipe (exited or was killed).
    closed: bool,
}

/// The pipe to Chromium and what the reader thread has received.
struct Conn {
    state: Mutex<State>,
    changed: Condvar,
    writer: Mutex<File>,
    next_id: AtomicU64,
}

impl Conn {
    /// Sends one command and waits for its answer (`result`), or returns the
    /// protocol error, or a timeout.
    fn call(
        &self,
        session: Option<&str>,
        method: &str,
        params: Value,
        timeout: Duration,
    ) -> Result<Value, String> {
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        let mut msg = json!({ "id": id, "method": method, "params": params });
        if let Some(s) = session {
            msg["sessionId"] = json!(s);
        }
        let mut bytes = serde_json::to_vec(&msg).expect("a JSON value serializes");
        bytes.push(0);
        {
            let mut w = lock(&self.writer);
            w.write_all(&bytes)
                .and_then(|()| w.flush())
                .map_err(|e| format!("{method}: cannot write to Chromium: {e}"))?;
        }
        let deadline = Instant::now() + timeout;
        let mut st = lock(&self.state);
        loop {
            if let Some(answer) = st.responses.remove(&id) {
                if let Some(err) = answer.get("error") {
                    return Err(format!("{method} failed: {err}"));
                }
                return Ok(answer.get("result").cloned().unwrap_or(Value::Null));
            }
            if st.closed {
                return Err(format!("{method}: Chromium closed the connection"));
            }
            let now = Instant::now();
            if now >= deadline {
                return Err(format!("{method}: no answer within {timeout:?}"));
            }
            st = self
                .changed
                .wait_timeout(st, deadline - now)
                .unwrap_or_else(|e| e.into_inner())
                .0;
        }
    }

    fn event_count(&self, session: &str) -> usize {
        lock(&self.state).events.get(session).map_or(0, Vec::len)
    }

    /// Waits until an event at index `from` or later matches `pred`.
    fn wait_event(
        &self,
        session: &str,
        from: usize,
        timeout: Duration,
        pred: impl Fn(&Value) -> bool,
    ) -> Result<(), String> {
        let deadline = Instant::now() + timeout;
        let mut scanned = from;
        let mut st = lock(&self.state);
        loop {
            let events = st.events.get(session).map_or(&[][..], Vec::as_slice);
            if events[scanned.min(events.len())..].iter().any(&pred) {
                return Ok(());
            }
            scanned = events.len();
            if st.closed {
                return Err("Chromium closed the connection".into());
            }
            let now = Instant::now();
            if now >= deadline {
                return Err(format!("timed out after {timeout:?}"));
            }
            st = self
                .changed
                .wait_timeout(st, deadline - now)
                .unwrap_or_else(|e| e.into_inner())
                .0;
        }
    }

    /// A copy of the events of one session.
    fn session_events(&self, session: &str) -> Vec<Value> {
        lock(&self.state).events.get(session).cloned().unwrap_or_default()
    }
}

/// Reads NUL-terminated messages until Chromium closes the pipe.
fn read_loop(pipe: File, conn: Arc<Conn>) {
    let mut reader = BufReader::new(pipe);
    let mut buf = Vec::new();
    loop {
        buf.clear();
        match reader.read_until(0, &mut buf) {
            Ok(0) | Err(_) => break,
            Ok(_) => {}
        }
        if buf.last() == Some(&0) {
            buf.pop();
        }
        let Ok(msg) = serde_json::from_slice::<Value>(&buf) else {
            continue;
        };
        {
            let mut st = lock(&conn.state);
            match msg.get("id").and_then(Value::as_u64) {
                Some(id) => {
                    st.responses.insert(id, msg);
                }
                None => {
                    let session = msg["sessionId"].as_str().unwrap_or_default().to_string();
                    st.events.entry(session).or_default().push(msg);
                }
            }
        }
        conn.changed.notify_all();
    }
    lock(&conn.state).closed = true;
    conn.changed.notify_all();
}

fn cloexec_pipe() -> io::Result<(OwnedFd, OwnedFd)> {
    let mut fds = [0; 2];
    // SAFETY: `fds` has room for the two descriptors pipe2 writes.
    if unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC) } != 0 {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: pipe2 succeeded, so both descriptors are open and owned by nobody else.
    Ok(unsafe { (OwnedFd::from_raw_fd(fds[0]), OwnedFd::from_raw_fd(fds[1])) })
}

/// The headless Chromium of this test binary: started by the first
/// [`Browser::launch`], shared by every test after it, and gone with the
/// binary (it exits when its end of the pipe closes).
struct Chromium {
    conn: Arc<Conn>,
    child: Child,
    /// Holds `profile/` (the user data dir) and `stderr.log`.
    dir: tempfile::TempDir,
}

static CHROMIUM: OnceLock<Chromium> = OnceLock::new();

/// A clean slate in the shared Chromium: a browser context of its own, so
/// storage and cookies are never seen by another test (as a new incognito
/// window). Dropping it closes the context and its tabs.
pub struct Browser {
    conn: Arc<Conn>,
    context: String,
}

impl Browser {
    /// Starts headless Chromium with a fresh profile.
    ///
    /// Returns `None` (after printing `SKIPPED: chromium not found`) when no
    /// Chromium is installed, unless `COURSEGEN_REQUIRE_BROWSER=1`, in which
    /// case it panics. Panics when Chromium exists but does not start.
    pub fn launch() -> Option<Browser> {
        let required = std::env::var("COURSEGEN_REQUIRE_BROWSER").is_ok_and(|v| v == "1");
        let Some(exe) = find_chromium() else {
            let looked = format!("$COURSEGEN_CHROMIUM, {}", CANDIDATES.join(", "));
            assert!(
                !required,
                "COURSEGEN_REQUIRE_BROWSER=1 but no Chromium was found (looked at {looked}); \
                 install the `chromium` package or set COURSEGEN_CHROMIUM"
            );
            eprintln!("SKIPPED: chromium not found (looked at {looked}); browser test not run");
            return None;
        };
        let chromium = CHROMIUM.get_or_init(|| {
            Chromium::start(&exe).unwrap_or_else(|e| panic!("cannot start {}: {e}", exe.display()))
        });
        let conn = Arc::clone(&chromium.conn);
        let context = conn
            .call(None, "Target.createBrowserContext", json!({}), DEFAULT_TIMEOUT)
            .unwrap_or_else(|e| panic!("{e}"))["browserContextId"]
            .as_str()
            .expect("browserContextId")
            .to_string();
        Some(Browser { conn, context })
    }

    /// Sends a browser-level command; panics on a protocol error or timeout.
    fn call(&self, method: &str, params: Value) -> Result<Value, String> {
        self.conn.call(None, method, params, DEFAULT_TIMEOUT)
    }
}

impl Chromium {
    fn start(exe: &Path) -> Result<Chromium, String> {
        let dir = tempfile::Builder::new()
            .prefix("coursegen-chromium-")
            .tempdir()
            .map_err(|e| format!("temporary profile: {e}"))?;
        let profile = dir.path().join("profile");
        let log_path = dir.path().join("stderr.log");
        let log = File::create(&log_path).map_err(|e| format!("{}: {e}", log_path.display()))?;
        let (child_reads, we_write) = cloexec_pipe().map_err(|e| format!("pipe: {e}"))?;
        let (we_read, child_writes) = cloexec_pipe().map_err(|e| format!("pipe: {e}"))?;

        let mut cmd = Command::new(exe);
        cmd.args(FLAGS)
            .arg(format!("--user-data-dir={}", profile.display()))
            .arg("about:blank")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(log)
            // Its own process group, so Drop can kill renderers and helpers too.
            .process_group(0);
        let (r, w) = (child_reads.as_raw_fd(), child_writes.as_raw_fd());
        // SAFETY: the closure only calls async-signal-safe functions (fcntl, dup2).
        unsafe {
            cmd.pre_exec(move || {
                // Copy both ends above fd 4 first so that the dup2 calls cannot
                // overwrite one another; the copies are close-on-exec, the
                // dup2 targets 3 and 4 are not.
                let r2 = libc::fcntl(r, libc::F_DUPFD_CLOEXEC, 10);
                let w2 = libc::fcntl(w, libc::F_DUPFD_CLOEXEC, 10);
                if r2 < 0 || w2 < 0 || libc::dup2(r2, 3) < 0 || libc::dup2(w2, 4) < 0 {
                    return Err(io::Error::last_os_error());
                }
                Ok(())
            });
        }
        let child = cmd.spawn().map_err(|e| e.to_string())?;
        // Only Chromium may hold the child ends, or we would never see EOF.
        drop(child_reads);
        drop(child_writes);

        let conn = Arc::new(Conn {
            state: Mutex::new(State::default()),
            changed: Condvar::new(),
            writer: Mutex::new(File::from(we_write)),
            next_id: AtomicU64::new(1),
        });
        let reader_conn = Arc::clone(&conn);
        let reader = File::from(we_read);
        std::thread::Builder::new()
            .name("cdp-reader".into())
            .spawn(move || read_loop(reader, reader_conn))
            .map_err(|e| format!("reader thread: {e}"))?;
        if let Err(e) = conn.call(None, "Browser.getVersion", json!({}), DEFAULT_TIMEOUT) {
            let log = std::fs::read_to_string(&log_path).unwrap_or_default();
            return Err(format!("{e}\nChromium stderr:\n{log}"));
        }
        Ok(Chromium { conn, child, dir })
    }
}

impl Browser {
    /// Attaches to a tab of this browser that a page opened (`window.open`),
    /// the first whose URL contains `url_part`, waiting for it up to `timeout`.
    pub fn wait_for_page(&self, url_part: &str, timeout: Duration) -> Option<Page<'_>> {
        let deadline = Instant::now() + timeout;
        let target_id = loop {
            let targets = self.call("Target.getTargets", json!({})).ok()?;
            let found = targets["targetInfos"].as_array().and_then(|all| {
                all.iter().find(|t| {
                    t["type"] == "page"
                        && t["browserContextId"] == json!(self.context)
                        && t["url"].as_str().is_some_and(|u| u.contains(url_part))
                })
            });
            if let Some(t) = found {
                break t["targetId"].as_str()?.to_string();
            }
            if Instant::now() > deadline {
                return None;
            }
            std::thread::sleep(Duration::from_millis(50));
        };
        self.attach(target_id).ok()
    }

    /// A session on tab `target_id`, its events on, focused as a window.
    fn attach(&self, target_id: String) -> Result<Page<'_>, String> {
        let attached = self.call(
            "Target.attachToTarget",
            json!({ "targetId": target_id, "flatten": true }),
        )?;
        let session = attached["sessionId"].as_str().ok_or("no sessionId")?.to_string();
        let page = Page {
            browser: self,
            target_id,
            session,
        };
        for domain in ["Page", "Runtime", "Network", "Log"] {
            page.cmd(&format!("{domain}.enable"), json!({}));
        }
        // Headless tabs are not "focused" otherwise: :focus-visible, focus events.
        page.cmd("Emulation.setFocusEmulationEnabled", json!({ "enabled": true }));
        Ok(page)
    }

    /// Opens a new tab with a `width`×`height` CSS-pixel viewport, loads `url`
    /// and waits for its `load` event. Tabs of one browser share cookies and
    /// localStorage; launch another [`Browser`] for a clean slate.
    pub fn page(&self, url: &str, width: u32, height: u32) -> Page<'_> {
        let target = self
            .call(
                "Target.createTarget",
                json!({ "url": "about:blank", "browserContextId": self.context }),
            )
            .unwrap_or_else(|e| panic!("{e}"));
        let target_id = target["targetId"].as_str().expect("targetId").to_string();
        let page = self.attach(target_id).unwrap_or_else(|e| panic!("{e}"));
        page.cmd(
            "Emulation.setDeviceMetricsOverride",
            json!({ "width": width, "height": height, "deviceScaleFactor": 1, "mobile": width <= 600 }),
        );
        page.goto(url);
        page
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let params = json!({ "browserContextId": self.context });
        let _ = self
            .conn
            .call(None, "Target.disposeBrowserContext", params, DEFAULT_TIMEOUT);
    }
}

impl Drop for Chromium {
    fn drop(&mut self) {
        if let Ok(pid) = i32::try_from(self.child.id()) {
            // SAFETY: plain syscall; the negative pid names Chromium's own process group.
            unsafe {
                libc::kill(-pid, libc::SIGKILL);
            }
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
        // The reader thread ends by itself at EOF; `dir` (the profile) is removed next.
    }
}

/// One tab, attached with a flat session. All methods panic with a clear
/// message on failure; none waits longer than its timeout.
pub struct Page<'b> {
    browser: &'b Browser,
    target_id: String,
    session: String,
}

impl Page<'_> {
    /// Sends a command to this tab; panics on a protocol error or timeout.
    pub fn cmd(&self, method: &str, params: Value) -> Value {
        self.try_cmd(method, params, DEFAULT_TIMEOUT)
            .unwrap_or_else(|e| panic!("{e}"))
    }

    fn try_cmd(&self, method: &str, params: Value, timeout: Duration) -> Result<Value, String> {
        self.browser
            .conn
            .call(Some(&self.session), method, params, timeout)
    }

    fn wait_load(&self, from: usize, what: &str) {
        let session = self.session.as_str();
        self.browser
            .conn
            .wait_event(session, from, DEFAULT_TIMEOUT, |e| {
                e["method"] == "Page.loadEventFired"
            })
            .unwrap_or_else(|e| panic!("waiting for {what} to load: {e}"));
    }

    /// Navigates to `url` and waits for its `load` event.
    pub fn goto(&self, url: &str) {
        let from = self.browser.conn.event_count(&self.session);
        let r = self.cmd("Page.navigate", json!({ "url": url }));
        if let Some(err) = r.get("errorText").and_then(Value::as_str) {
            panic!("cannot open {url}: {err}");
        }
        self.wait_load(from, url);
    }

    /// Reloads the page (bypassing the cache) and waits for `load`.
    pub fn reload(&self) {
        let from = self.browser.conn.event_count(&self.session);
        self.cmd("Page.reload", json!({ "ignoreCache": true }));
        self.wait_load(from, "the reloaded page");
    }

    /// Evaluates `js` in the page (promises are awaited) and returns its value
    /// as JSON (`null` for `undefined`). A thrown exception panics with its text.
    pub fn eval(&self, js: &str) -> Value {
        self.try_eval(js)
            .unwrap_or_else(|e| panic!("JavaScript failed: {e}\n  in: {js}"))
    }

    fn try_eval(&self, js: &str) -> Result<Value, String> {
        let r = self.try_cmd(
            "Runtime.evaluate",
            json!({ "expression": js, "returnByValue": true, "awaitPromise": true, "userGesture": true }),
            DEFAULT_TIMEOUT,
        )?;
        if let Some(ex) = r.get("exceptionDetails") {
            return Err(exception_text(ex));
        }
        Ok(r["result"].get("value").cloned().unwrap_or(Value::Null))
    }

    /// Polls the boolean expression `js` every 50 ms until it is truthy.
    /// Evaluation errors (e.g. while a navigation replaces the document) count
    /// as "not yet". Panics with the expression after `timeout`.
    pub fn wait_for(&self, js: &str, timeout: Duration) {
        let deadline = Instant::now() + timeout;
        let expr = format!("!!({js})");
        loop {
            let last = self.try_eval(&expr);
            if last == Ok(Value::Bool(true)) {
                return;
            }
            if Instant::now() >= deadline {
                let url = self.try_eval("location.href").unwrap_or_default();
                panic!("timed out after {timeout:?} waiting for `{js}` (last result: {last:?}, at {url})");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Clicks the centre of the first element matching `selector` with real
    /// mouse events, after scrolling it into view. Panics when nothing
    /// matches, when it has no size (hidden), or when another element covers
    /// its centre.
    pub fn click(&self, selector: &str) {
        let sel = serde_json::to_string(selector).expect("a string serializes");
        let js = format!(
            r#"(() => {{
  const el = document.querySelector({sel});
  if (!el) return {{ error: "no element matches" }};
  el.scrollIntoView({{ block: "center", inline: "center" }});
  const r = el.getBoundingClientRect();
  if (r.width === 0 || r.height === 0) return {{ error: "the element has no size (hidden?)" }};
  const x = r.left + r.width / 2, y = r.top + r.height / 2;
  const hit = document.elementFromPoint(x, y);
  if (hit && hit !== el && !el.contains(hit)) return {{ error: "its centre is covered by " + hit.outerHTML.slice(0, 120) }};
  return {{ x, y }};
}})()"#
        );
        let at = self.eval(&js);
        if let Some(err) = at.get("error") {
            panic!("cannot click `{selector}`: {}", err.as_str().unwrap_or_default());
        }
        let (x, y) = (at["x"].clone(), at["y"].clone());
        self.cmd(
            "Input.dispatchMouseEvent",
            json!({ "type": "mouseMoved", "x": x, "y": y }),
        );
        for (kind, buttons) in [("mousePressed", 1), ("mouseReleased", 0)] {
            self.cmd(
                "Input.dispatchMouseEvent",
                json!({ "type": kind, "x": x, "y": y, "button": "left", "buttons": buttons, "clickCount": 1 }),
            );
        }
    }

    /// Types `text` into the focused element (as an IME would insert it).
    pub fn type_text(&self, text: &str) {
        self.cmd("Input.insertText", json!({ "text": text }));
    }

    /// Presses and releases one key: `Tab`, `Enter`, `Escape`, `ArrowUp`,
    /// `ArrowDown`, `ArrowLeft`, `ArrowRight`, `PageUp`, `PageDown`, `Home`,
    /// `End`, `Space` (or `" "`), `Slash` (or `"/"`), or a lower-case letter.
    pub fn press(&self, key: &str) {
        let letter: String;
        let (key, code, vk, text) = match key {
            "PageUp" => ("PageUp", "PageUp", 33, None),
            "PageDown" => ("PageDown", "PageDown", 34, None),
            "End" => ("End", "End", 35, None),
            "Home" => ("Home", "Home", 36, None),
            k if k.len() == 1 && k.as_bytes()[0].is_ascii_lowercase() => {
                letter = format!("Key{}", k.to_ascii_uppercase());
                (
                    k,
                    letter.as_str(),
                    i64::from(k.as_bytes()[0].to_ascii_uppercase()),
                    Some(k),
                )
            }
            "Tab" => ("Tab", "Tab", 9, None),
            "Enter" => ("Enter", "Enter", 13, Some("\r")),
            "Escape" => ("Escape", "Escape", 27, None),
            "ArrowLeft" => ("ArrowLeft", "ArrowLeft", 37, None),
            "ArrowUp" => ("ArrowUp", "ArrowUp", 38, None),
            "ArrowRight" => ("ArrowRight", "ArrowRight", 39, None),
            "ArrowDown" => ("ArrowDown", "ArrowDown", 40, None),
            "Space" | " " => (" ", "Space", 32, Some(" ")),
            "Slash" | "/" => ("/", "Slash", 191, Some("/")),
            other => panic!("press: unsupported key `{other}`"),
        };
        let mut down = json!({
            "type": if text.is_some() { "keyDown" } else { "rawKeyDown" },
            "key": key, "code": code, "windowsVirtualKeyCode": vk, "nativeVirtualKeyCode": vk,
        });
        if let Some(t) = text {
            down["text"] = json!(t);
            down["unmodifiedText"] = json!(t);
        }
        self.cmd("Input.dispatchKeyEvent", down);
        self.cmd(
            "Input.dispatchKeyEvent",
            json!({ "type": "keyUp", "key": key, "code": code, "windowsVirtualKeyCode": vk, "nativeVirtualKeyCode": vk }),
        );
    }

    /// `document.activeElement` as `tag#id.class1.class2` (e.g. `a.skip-link`,
    /// `main#main`, `body`).
    pub fn focused_selector_info(&self) -> String {
        let v = self.eval(
            r##"(() => {
  const e = document.activeElement;
  if (!e) return "";
  let s = e.tagName.toLowerCase();
  if (e.id) s += "#" + e.id;
  for (const c of e.classList) s += "." + c;
  return s;
})()"##,
        );
        v.as_str().unwrap_or_default().to_string()
    }

    /// Saves a PNG of the viewport, or of the whole page when `full_page`.
    /// Creates the parent folder.
    pub fn screenshot(&self, path: impl AsRef<Path>, full_page: bool) {
        let path = path.as_ref();
        let mut params = json!({ "format": "png" });
        if full_page {
            let m = self.cmd("Page.getLayoutMetrics", json!({}));
            let size = &m["cssContentSize"];
            params["captureBeyondViewport"] = json!(true);
            params["clip"] = json!({
                "x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1,
            });
        }
        let shot = self
            .try_cmd("Page.captureScreenshot", params, DEFAULT_TIMEOUT * 3)
            .unwrap_or_else(|e| panic!("{e}"));
        let png = base64_decode(shot["data"].as_str().expect("screenshot data"));
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        }
        std::fs::write(path, png).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    }

    /// Emulates `prefers-color-scheme: dark` (true) or `light` (false).
    pub fn emulate_dark(&self, dark: bool) {
        let value = if dark { "dark" } else { "light" };
        self.cmd(
            "Emulation.setEmulatedMedia",
            json!({ "features": [{ "name": "prefers-color-scheme", "value": value }] }),
        );
    }

    /// Uncaught exceptions, `console.error`/`console.assert` calls and
    /// browser-logged errors (e.g. a resource that failed to load) since the
    /// tab was opened, across navigations. Chromium's own request for
    /// `/favicon.ico` at the origin root is not counted.
    pub fn console_errors(&self) -> Vec<String> {
        let mut out = Vec::new();
        for e in self.browser.conn.session_events(&self.session) {
            let p = &e["params"];
            match e["method"].as_str().unwrap_or_default() {
                "Runtime.exceptionThrown" => out.push(exception_text(&p["exceptionDetails"])),
                "Runtime.consoleAPICalled" if p["type"] == "error" || p["type"] == "assert" => {
                    let args: Vec<String> = p["args"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .map(|a| match a.get("value") {
                            Some(Value::String(s)) => s.clone(),
                            Some(v) => v.to_string(),
                            None => a["description"].as_str().unwrap_or_default().to_string(),
                        })
                        .collect();
                    out.push(format!(
                        "console.{}: {}",
                        p["type"].as_str().unwrap_or_default(),
                        args.join(" ")
                    ));
                }
                "Log.entryAdded"
                    if p["entry"]["level"] == "error"
                        && !is_auto_favicon(p["entry"]["url"].as_str().unwrap_or("")) =>
                {
                    let entry = &p["entry"];
                    let url = entry["url"].as_str().unwrap_or_default();
                    out.push(
                        format!("{} {url}", entry["text"].as_str().unwrap_or_default())
                            .trim()
                            .to_string(),
                    );
                }
                _ => {}
            }
        }
        out
    }

    /// Every request that failed (network error, or HTTP status >= 400) and
    /// every third-party request (see [`Page::third_party_requests`]), since
    /// the tab was opened, except Chromium's own `/favicon.ico` request.
    /// Empty for a healthy, self-contained site.
    pub fn failed_requests(&self) -> Vec<String> {
        let mut urls: HashMap<String, String> = HashMap::new();
        let mut out = Vec::new();
        for e in self.browser.conn.session_events(&self.session) {
            let p = &e["params"];
            let id = p["requestId"].as_str().unwrap_or_default().to_string();
            match e["method"].as_str().unwrap_or_default() {
                "Network.requestWillBeSent" => {
                    let url = p["request"]["url"].as_str().unwrap_or_default().to_string();
                    if !is_local(&url) {
                        out.push(format!("third-party: {url}"));
                    }
                    urls.insert(id, url);
                }
                "Network.responseReceived" => {
                    let status = p["response"]["status"].as_u64().unwrap_or(0);
                    let url = p["response"]["url"].as_str().unwrap_or_default();
                    if status >= 400 && !is_auto_favicon(url) {
                        out.push(format!(
                            "HTTP {status}: {}",
                            p["response"]["url"].as_str().unwrap_or_default()
                        ));
                    }
                }
                "Network.loadingFailed" if p["canceled"] != true => {
                    let url = urls.get(&id).map_or("?", String::as_str);
                    if is_auto_favicon(url) {
                        continue;
                    }
                    out.push(format!(
                        "failed: {url} ({})",
                        p["errorText"].as_str().unwrap_or_default()
                    ));
                }
                _ => {}
            }
        }
        out
    }

    /// The URL of every request since the tab was opened, in order.
    pub fn requests(&self) -> Vec<String> {
        self.browser
            .conn
            .session_events(&self.session)
            .iter()
            .filter(|e| e["method"] == "Network.requestWillBeSent")
            .filter_map(|e| e["params"]["request"]["url"].as_str())
            .map(str::to_string)
            .collect()
    }

    /// URLs of requests that leave the machine: every scheme except `file:`,
    /// `data:`, `blob:`, `about:` and `http://127.0.0.1:`.
    pub fn third_party_requests(&self) -> Vec<String> {
        self.browser
            .conn
            .session_events(&self.session)
            .iter()
            .filter(|e| e["method"] == "Network.requestWillBeSent")
            .filter_map(|e| e["params"]["request"]["url"].as_str())
            .filter(|u| !is_local(u))
            .map(str::to_string)
            .collect()
    }
}

impl Drop for Page<'_> {
    fn drop(&mut self) {
        let params = json!({ "targetId": self.target_id });
        let _ = self
            .browser
            .conn
            .call(None, "Target.closeTarget", params, Duration::from_secs(2));
        lock(&self.browser.conn.state).events.remove(&self.session);
    }
}

/// Chromium itself asks for `/favicon.ico` at the root of an http(s) origin
/// when a page declares no icon; that 404 is not the page's doing. (An icon
/// the page links to lives under its own path and is still reported.)
fn is_auto_favicon(url: &str) -> bool {
    let path = url
        .split_once("://")
        .map_or("", |(_, rest)| rest.find('/').map_or("", |i| &rest[i..]));
    url.starts_with("http") && path == "/favicon.ico"
}

fn is_local(url: &str) -> bool {
    ["file:", "data:", "blob:", "about:", "http://127.0.0.1:"]
        .iter()
        .any(|p| url.starts_with(p))
}

/// `Uncaught TypeError: … (url:line)` from CDP `exceptionDetails`.
fn exception_text(ex: &Value) -> String {
    let what = ex["exception"]["description"]
        .as_str()
        .or_else(|| ex["text"].as_str())
        .unwrap_or("exception");
    match ex["url"].as_str() {
        Some(url) if !url.is_empty() => {
            format!("{what} ({url}:{})", ex["lineNumber"].as_u64().unwrap_or(0) + 1)
        }
        _ => what.to_string(),
    }
}

/// Decodes standard (padded) base64, as CDP sends binary data.
fn base64_decode(s: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len() / 4 * 3);
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in s.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            b'=' | b'\n' | b'\r' => continue,
            _ => panic!("invalid base64 byte {c:#x}"),
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    out
}

/// A phone tab (`width`×`height`, mobile) with touch input, at `url`.
pub fn phone<'b>(browser: &'b Browser, url: &str, (width, height): (u32, u32)) -> Page<'b> {
    let page = browser.page("about:blank", width, height);
    page.cmd(
        "Emulation.setTouchEmulationEnabled",
        json!({ "enabled": true, "maxTouchPoints": 5 }),
    );
    page.goto(url);
    page
}

/// Taps the centre of the element `el` (a JavaScript expression) with a
/// touch; it must be on screen and not covered (nothing is scrolled for it).
pub fn tap(page: &Page, el: &str) {
    let at = page.eval(&format!(
        "(() => {{ const e = {el}; if (!e) return 'no element';\
         const r = e.getBoundingClientRect(), x = r.left + r.width / 2, y = r.top + r.height / 2;\
         if (r.width === 0 || y < 0 || y > innerHeight || x < 0 || x > innerWidth) return 'not on screen';\
         const hit = document.elementFromPoint(x, y);\
         if (hit !== e && !e.contains(hit)) return 'covered by ' + (hit ? hit.outerHTML.slice(0, 80) : 'nothing');\
         return [x, y]; }})()"
    ));
    let Some([x, y]) = at.as_array().map(|a| [a[0].clone(), a[1].clone()]) else {
        panic!("cannot tap `{el}`: {at}");
    };
    let point = json!([{ "x": x, "y": y }]);
    page.cmd(
        "Input.dispatchTouchEvent",
        json!({ "type": "touchStart", "touchPoints": point }),
    );
    page.cmd(
        "Input.dispatchTouchEvent",
        json!({ "type": "touchEnd", "touchPoints": [] }),
    );
}

/// A finger swipe from (x, y) by (dx, dy) CSS pixels (negative dy scrolls
/// down): touch events through the browser's input pipeline, as a
/// touchscreen sends them; returns once the scrolling (and its fling) has
/// stopped. (`Input.synthesizeScrollGesture` with touch scrolls nothing in
/// headless Chromium.)
pub fn swipe(page: &Page, x: f64, y: f64, dx: f64, dy: f64) {
    page.eval(
        "window.__lastScroll = performance.now(); if (!window.__scrollWatch) { window.__scrollWatch = true;\
         addEventListener('scroll', () => { window.__lastScroll = performance.now(); }, true); }",
    );
    let steps = (dx.abs().max(dy.abs()) / 15.0).ceil().max(2.0);
    let touch = |kind: &str, points: Value| {
        page.cmd(
            "Input.dispatchTouchEvent",
            json!({ "type": kind, "touchPoints": points }),
        );
    };
    touch("touchStart", json!([{ "x": x, "y": y }]));
    for i in 1..=steps as u32 {
        let f = f64::from(i) / steps;
        touch("touchMove", json!([{ "x": x + dx * f, "y": y + dy * f }]));
    }
    touch("touchEnd", json!([]));
    page.wait_for("performance.now() - window.__lastScroll > 250", DEFAULT_TIMEOUT);
}

/// Whether the element `el` (a JavaScript expression) is wholly on screen,
/// below the site header, and what is drawn at its centre is it (or inside it).
pub fn on_screen(page: &Page, el: &str) -> bool {
    page.eval(&format!(
        "(() => {{ const e = {el}; if (!e) return false;\
         const r = e.getBoundingClientRect(), top = document.querySelector('.site-header').getBoundingClientRect().bottom;\
         if (r.height === 0 || r.top < top - 0.5 || r.bottom > innerHeight + 0.5) return false;\
         const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);\
         return hit === e || e.contains(hit); }})()"
    )) == true
}

#[cfg(test)]
mod tests {
    #[test]
    fn base64_round_trip() {
        assert_eq!(super::base64_decode("aGVsbG8="), b"hello");
        assert_eq!(super::base64_decode("iVBORw0KGgo="), b"\x89PNG\r\n\x1a\n");
    }
}
