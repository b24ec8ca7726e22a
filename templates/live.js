// coursegen dev server client: reloads the page after a rebuild and shows
// build errors as an overlay. Served only by `coursegen serve`.
(function () {
  "use strict";
  var OVERLAY_ID = "coursegen-error-overlay";

  function clearOverlay() {
    var old = document.getElementById(OVERLAY_ID);
    if (old) old.parentNode.removeChild(old);
  }

  function showOverlay(errors) {
    clearOverlay();
    if (!errors.length) return;
    var box = document.createElement("div");
    box.id = OVERLAY_ID;
    box.setAttribute("role", "alert");
    box.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(13,17,23,.94);color:#f0f6fc;padding:2rem;font:14px/1.5 ui-monospace,Menlo,Consolas,monospace";
    var title = document.createElement("p");
    title.style.cssText = "font:700 18px/1.4 system-ui,sans-serif;color:#ff7b72;margin:0 0 1rem";
    title.textContent = "Build failed — the last good version is shown underneath. Fix the error and save.";
    box.appendChild(title);
    errors.forEach(function (text) {
      var pre = document.createElement("pre");
      pre.style.cssText = "white-space:pre-wrap;background:#161b22;border:1px solid #f85149;border-radius:6px;padding:1rem;margin:0 0 1rem";
      pre.textContent = text;
      box.appendChild(pre);
    });
    var close = document.createElement("button");
    close.type = "button";
    close.textContent = "Close";
    close.style.cssText = "font:inherit;padding:.25rem .75rem";
    close.addEventListener("click", clearOverlay);
    box.appendChild(close);
    document.body.appendChild(box);
  }

  function refreshStatus() {
    var xhr = new XMLHttpRequest();
    xhr.open("GET", "/__coursegen/status");
    xhr.onload = function () {
      try { showOverlay(JSON.parse(xhr.responseText).errors || []); } catch (e) { /* ignore */ }
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
