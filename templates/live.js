// coursegen dev server client: reloads the page after a rebuild, lists build
// errors over the page, and marks links that do not resolve. Served only by
// `coursegen serve`; its strings come from the server (src/i18n, `dev`).
(function () {
  "use strict";
  var PANEL_ID = "coursegen-error-overlay";
  // Written by the build for a link or image that does not resolve (src/links.rs).
  var BROKEN = "#coursegen-broken:";

  function clearPanel() {
    var old = document.getElementById(PANEL_ID);
    if (old) old.parentNode.removeChild(old);
  }

  function markBroken(strings) {
    if (!document.getElementById("coursegen-broken-style")) {
      var style = document.createElement("style");
      style.id = "coursegen-broken-style";
      style.textContent =
        "a[href^='" + BROKEN + "']{color:#d1242f;outline:2px dashed #d1242f;outline-offset:2px;text-decoration:underline wavy #d1242f}" +
        "a[href^='" + BROKEN + "']::before{content:'\u26a0\ufe0e '}" +
        "img[src^='" + BROKEN + "']{outline:2px dashed #d1242f;min-width:4rem;min-height:2rem}";
      document.head.appendChild(style);
    }
    var els = document.querySelectorAll("a[href^='" + BROKEN + "'], img[src^='" + BROKEN + "']");
    Array.prototype.forEach.call(els, function (el) {
      var url = el.getAttribute(el.tagName === "IMG" ? "src" : "href") || "";
      var dest = url.slice(BROKEN.length);
      try { dest = decodeURIComponent(dest); } catch (e) { /* keep as written */ }
      el.setAttribute("title", (strings.broken_link || "") + dest);
      el.setAttribute("data-coursegen-broken", dest);
    });
  }

  // `partial`: pages are shown, so the list sits at the bottom, over a part
  // of the page; a failed run covers the page.
  function showPanel(status) {
    clearPanel();
    var errors = status.errors || [];
    var strings = status.strings || {};
    if (status.state === "partial") markBroken(strings);
    if (!errors.length) return;
    var partial = status.state === "partial";
    var box = document.createElement("div");
    box.id = PANEL_ID;
    box.setAttribute("role", "alert");
    box.style.cssText = (partial
      ? "position:fixed;left:0;right:0;bottom:0;max-height:45vh;border-top:3px solid #f85149;"
      : "position:fixed;inset:0;") +
      "z-index:2147483647;overflow:auto;background:#0d1117;color:#f0f6fc;padding:1rem 1.25rem;font:14px/1.5 ui-monospace,Menlo,Consolas,monospace";
    var title = document.createElement("p");
    title.style.cssText = "font:700 16px/1.4 system-ui,sans-serif;color:#ff7b72;margin:0 0 .75rem";
    var text = partial ? strings.partial : status.state === "failed-nothing" ? strings.failed_nothing : strings.failed_last_good;
    title.textContent = String(text || "").replace("{n}", String(errors.length));
    box.appendChild(title);
    var close = document.createElement("button");
    close.type = "button";
    close.textContent = strings.close || "×";
    close.style.cssText = "font:14px/1.4 system-ui,sans-serif;padding:.25rem .75rem;margin:0 0 .75rem";
    close.addEventListener("click", clearPanel);
    box.appendChild(close);
    errors.forEach(function (err) {
      var pre = document.createElement("pre");
      pre.style.cssText = "white-space:pre-wrap;background:#161b22;border:1px solid #f85149;border-radius:6px;padding:.75rem;margin:0 0 .75rem";
      pre.textContent = err;
      box.appendChild(pre);
    });
    document.body.appendChild(box);
  }

  function refreshStatus() {
    var xhr = new XMLHttpRequest();
    xhr.open("GET", "/__coursegen/status");
    xhr.onload = function () {
      try { showPanel(JSON.parse(xhr.responseText)); } catch (e) { /* ignore */ }
    };
    xhr.send();
  }

  var source = new EventSource("/__coursegen/events");
  source.addEventListener("reload", function () { window.location.reload(); });
  source.addEventListener("status", refreshStatus);
  // A new server instance (after a restart) means the site may have changed.
  source.addEventListener("hello", function (e) {
    var key = "coursegen-dev-instance";
    var seen = sessionStorage.getItem(key);
    sessionStorage.setItem(key, e.data);
    if (seen && seen !== e.data) window.location.reload();
  });
  refreshStatus();
})();
