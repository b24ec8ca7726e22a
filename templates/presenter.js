/* coursegen presenter view (presenter.html): the current and next slide (the
   deck in two frames), the trainer's notes, the time since the view opened
   and the current lesson's time against its plan. In step with the deck
   both ways: a BroadcastChannel, and postMessage with the window that opened
   it (where the channel does not reach). */
(function () {
  "use strict";
  var body = document.body;
  function json(id) {
    var el = document.getElementById(id);
    try { return el ? JSON.parse(el.textContent) : null; } catch (e) { return null; }
  }
  var meta = json("pv-meta") || { slides: [], lessons: [] };
  var stringsEl = document.getElementById("pv-strings");
  var strings = {
    lesson_time: stringsEl ? stringsEl.getAttribute("data-lesson-time") : "",
    counter: stringsEl ? stringsEl.getAttribute("data-counter") : "{n} / {total}"
  };
  var total = meta.slides.length;
  if (!total) return;
  var currentFrame = document.querySelector(".pv-frame-current");
  var nextFrame = document.querySelector(".pv-frame-next");
  var endNote = document.querySelector(".pv-end");
  var notes = Array.prototype.slice.call(document.querySelectorAll(".pv-note"));
  var counter = document.querySelector(".pv-counter");
  var elapsedEl = document.querySelector(".pv-elapsed");
  var lessonEl = document.querySelector(".pv-lesson-time");
  var current = 0;
  var started = Date.now();
  var lessonStarted = Date.now();
  var lesson = null;
  var id = String(Math.random());
  // The deck's logical clock (see slides.js): old and repeated messages are left.
  var stamp = 0;
  var name = body.getAttribute("data-channel");
  var channel = null;
  if (typeof BroadcastChannel === "function" && name) {
    try { channel = new BroadcastChannel(name); } catch (e) { channel = null; }
  }

  function clock(ms) {
    var s = Math.max(0, Math.floor(ms / 1000));
    var m = Math.floor(s / 60);
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return two(m) + ":" + two(s % 60);
  }
  function tick() {
    elapsedEl.textContent = clock(Date.now() - started);
    var l = lesson === null ? null : meta.lessons[lesson];
    if (l && l.minutes) {
      var spent = Date.now() - lessonStarted;
      lessonEl.textContent = String(strings.lesson_time || "")
        .replace("{spent}", clock(spent)).replace("{planned}", String(l.minutes));
      lessonEl.classList.toggle("is-over", spent > l.minutes * 60000);
    } else {
      lessonEl.textContent = "";
      lessonEl.classList.remove("is-over");
    }
  }

  function frameTo(frame, n) {
    if (frame) frame.setAttribute("src", "slides.html?embed#" + n);
  }
  function go(n, announce) {
    n = Math.max(0, Math.min(total - 1, n));
    current = n;
    frameTo(currentFrame, n + 1);
    var hasNext = n + 1 < total;
    if (nextFrame) nextFrame.hidden = !hasNext;
    if (endNote) endNote.hidden = hasNext;
    if (hasNext) frameTo(nextFrame, n + 2);
    notes.forEach(function (el) { el.hidden = el.getAttribute("data-n") !== String(n + 1); });
    counter.textContent = String(strings.counter || "{n} / {total}").replace("{n}", String(n + 1)).replace("{total}", String(total));
    var l = meta.slides[n] ? meta.slides[n].lesson : null;
    if (l !== lesson) {
      lesson = l;
      lessonStarted = Date.now();
    }
    tick();
    var hash = "#" + (n + 1);
    if (window.location.hash !== hash) {
      try { window.history.replaceState(null, "", hash); } catch (e) { window.location.hash = hash; }
    }
    if (announce !== false) {
      stamp += 1;
      var msg = { coursegen: "slides", channel: name, n: n + 1, from: id, stamp: stamp };
      if (channel) channel.postMessage(msg);
      if (window.opener && !window.opener.closed) {
        try { window.opener.postMessage(msg, "*"); } catch (e) { /* closed */ }
      }
    }
  }
  function heard(msg) {
    if (!msg || msg.coursegen !== "slides" || msg.from === id || msg.channel !== name) return;
    if (!(msg.stamp > stamp)) return;
    stamp = msg.stamp;
    var n = parseInt(msg.n, 10);
    if (!isNaN(n) && n - 1 !== current) go(n - 1, false);
  }
  if (channel) channel.onmessage = function (e) { heard(e.data); };
  window.addEventListener("message", function (e) { heard(e.data); });

  document.addEventListener("keydown", function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    var onButton = e.target && (e.target.tagName === "BUTTON" || e.target.tagName === "A");
    switch (e.key) {
      case "ArrowRight": case "PageDown": go(current + 1); break;
      case "ArrowLeft": case "PageUp": go(current - 1); break;
      case " ": if (onButton) return; go(current + (e.shiftKey ? -1 : 1)); break;
      case "Home": go(0); break;
      case "End": go(total - 1); break;
      default: return;
    }
    e.preventDefault();
  });
  document.querySelector(".pv-prev").addEventListener("click", function () { go(current - 1); });
  document.querySelector(".pv-next").addEventListener("click", function () { go(current + 1); });
  document.querySelector(".pv-reset").addEventListener("click", function () {
    started = Date.now();
    lessonStarted = Date.now();
    tick();
  });
  var n = parseInt(window.location.hash.replace(/^#/, ""), 10);
  go(isNaN(n) ? 0 : n - 1, false);
  window.setInterval(tick, 1000);
  window.coursegenPresenter = { go: function (k) { go(k - 1); }, current: function () { return current + 1; } };
})();
