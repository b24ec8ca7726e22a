/* coursegen slide deck (slides.html): one slide at a time, scaled to the
   window; keys → ← Space PageUp PageDown Home End, swipes, #n in the URL,
   O overview, F full screen, B black screen, P presenter view. In step with
   the presenter view (presenter.html) both ways: a BroadcastChannel, and
   postMessage between the two windows where the channel does not reach
   (some browsers keep file:// pages apart). Embedded in the presenter view
   (?embed) it only follows its URL's #n. */
(function () {
  "use strict";
  var body = document.body;
  var slides = Array.prototype.slice.call(document.querySelectorAll(".slide"));
  if (!slides.length) return;
  var embedded = /[?&]embed\b/.test(window.location.search);
  var counter = document.querySelector(".deck-counter");
  var black = document.querySelector(".deck-black");
  var current = 0;
  var FRAME_W = 1280;
  var FRAME_H = 720;
  body.classList.add("js-ready");
  if (embedded) body.classList.add("is-embedded");

  function fit() {
    var scale = Math.min(window.innerWidth / FRAME_W, window.innerHeight / FRAME_H);
    var root = document.documentElement.style;
    root.setProperty("--scale", String(scale));
    root.setProperty("--left", (window.innerWidth - FRAME_W * scale) / 2 + "px");
    root.setProperty("--top", (window.innerHeight - FRAME_H * scale) / 2 + "px");
  }

  function fromHash() {
    var n = parseInt(window.location.hash.replace(/^#/, ""), 10);
    return isNaN(n) ? 0 : Math.max(0, Math.min(slides.length - 1, n - 1));
  }

  // -- the other window: a channel, and the window that opened us or that we opened
  var channel = null;
  var peer = null;
  var id = String(Math.random());
  // A logical clock: every move gets a stamp above all seen, and a message
  // with a stamp not above the last is old (both routes deliver each one).
  var stamp = 0;
  if (!embedded && typeof BroadcastChannel === "function" && body.getAttribute("data-channel")) {
    try { channel = new BroadcastChannel(body.getAttribute("data-channel")); } catch (e) { channel = null; }
  }
  function tell(n) {
    stamp += 1;
    var msg = { coursegen: "slides", channel: body.getAttribute("data-channel"), n: n + 1, from: id, stamp: stamp };
    if (channel) channel.postMessage(msg);
    var other = peer || (window.opener && !window.opener.closed ? window.opener : null);
    if (other) { try { other.postMessage(msg, "*"); } catch (e) { /* closed */ } }
  }
  function heard(msg) {
    if (!msg || msg.coursegen !== "slides" || msg.from === id) return;
    if (msg.channel !== body.getAttribute("data-channel")) return;
    if (!(msg.stamp > stamp)) return;
    stamp = msg.stamp;
    var n = parseInt(msg.n, 10);
    if (!isNaN(n)) go(n - 1, false);
  }
  if (channel) channel.onmessage = function (e) { heard(e.data); };
  if (!embedded) window.addEventListener("message", function (e) { heard(e.data); });

  function go(n, announce) {
    n = Math.max(0, Math.min(slides.length - 1, n));
    slides[current].classList.remove("is-current");
    slides[current].removeAttribute("aria-current");
    current = n;
    slides[n].classList.add("is-current");
    slides[n].setAttribute("aria-current", "true");
    if (counter) counter.textContent = slides[n].getAttribute("aria-label");
    var hash = "#" + (n + 1);
    if (window.location.hash !== hash) {
      try { window.history.replaceState(null, "", hash); } catch (e) { window.location.hash = hash; }
    }
    if (announce !== false && !embedded) tell(n);
  }

  function overview(on) {
    body.classList.toggle("is-overview", on);
    slides.forEach(function (s) { s.tabIndex = on ? 0 : -1; });
    if (on) slides[current].focus();
  }
  function toggleBlack() {
    black.hidden = !black.hidden;
  }
  function fullscreen() {
    var el = document.documentElement;
    if (document.fullscreenElement) { document.exitFullscreen(); return; }
    if (el.requestFullscreen) el.requestFullscreen().catch(function () { /* refused */ });
  }
  function presenter() {
    var w = window.open("presenter.html#" + (current + 1), "coursegen-presenter");
    if (w) peer = w;
  }

  document.addEventListener("keydown", function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    var t = e.target;
    if (t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA")) return;
    var inOverview = body.classList.contains("is-overview");
    var onButton = t && (t.tagName === "BUTTON" || t.tagName === "A");
    switch (e.key) {
      case "ArrowRight": case "PageDown": go(current + 1); break;
      case "ArrowLeft": case "PageUp": go(current - 1); break;
      case " ": if (onButton) return; go(current + (e.shiftKey ? -1 : 1)); break;
      case "Home": go(0); break;
      case "End": go(slides.length - 1); break;
      case "o": case "O": overview(!inOverview); break;
      case "Escape": if (!inOverview) return; overview(false); break;
      case "Enter":
        if (!inOverview) return;
        var i = slides.indexOf(document.activeElement);
        if (i >= 0) go(i);
        overview(false);
        break;
      case "f": case "F": fullscreen(); break;
      case "b": case "B": case ".": toggleBlack(); break;
      case "p": case "P": presenter(); break;
      default: return;
    }
    e.preventDefault();
  });
  slides.forEach(function (s, i) {
    s.addEventListener("click", function () {
      if (!body.classList.contains("is-overview")) return;
      go(i);
      overview(false);
    });
  });

  // Swipes: left for the next slide, right for the previous one.
  var touch = null;
  document.addEventListener("touchstart", function (e) {
    if (e.touches.length === 1) touch = { x: e.touches[0].clientX, y: e.touches[0].clientY };
  }, { passive: true });
  document.addEventListener("touchend", function (e) {
    if (!touch || !e.changedTouches.length) return;
    var dx = e.changedTouches[0].clientX - touch.x;
    var dy = e.changedTouches[0].clientY - touch.y;
    touch = null;
    if (Math.abs(dx) > 50 && Math.abs(dx) > Math.abs(dy) && !body.classList.contains("is-overview")) go(current + (dx < 0 ? 1 : -1));
  }, { passive: true });

  function click(sel, f) {
    var el = document.querySelector(sel);
    if (el) el.addEventListener("click", function (e) { e.preventDefault(); f(); });
  }
  click(".deck-prev", function () { go(current - 1); });
  click(".deck-next", function () { go(current + 1); });
  click(".deck-overview", function () { overview(!body.classList.contains("is-overview")); });
  click(".deck-full", fullscreen);
  click(".deck-presenter", presenter);

  window.addEventListener("resize", fit);
  window.addEventListener("hashchange", function () { go(fromHash(), !embedded); });
  fit();
  // Previews in the presenter view never take the focus (the view's keys).
  if (!embedded) slides.forEach(function (s) { s.tabIndex = -1; });
  go(fromHash(), false);
  window.coursegenDeck = { go: function (n) { go(n - 1); }, current: function () { return current + 1; }, count: slides.length };
})();
