// coursegen site script: theme toggle and the phone-size navigation drawer.
(function () {
  "use strict";
  var root = document.documentElement;
  var KEY = "coursegen-theme";

  function isDark() {
    var set = root.dataset.theme;
    if (set) return set === "dark";
    return window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches;
  }

  var themeButton = document.querySelector(".theme-toggle");
  if (themeButton) {
    var sync = function () { themeButton.setAttribute("aria-pressed", isDark() ? "true" : "false"); };
    sync();
    themeButton.addEventListener("click", function () {
      var next = isDark() ? "light" : "dark";
      root.dataset.theme = next;
      try { localStorage.setItem(KEY, next); } catch (e) { /* storage may be disabled */ }
      sync();
    });
  }

  var navButton = document.querySelector(".nav-toggle");
  var sidebar = document.getElementById("sidebar");
  if (navButton && sidebar) {
    var header = document.querySelector(".site-header");
    var setOpen = function (open) {
      // The header may wrap onto two rows (search box): the drawer starts below it.
      if (open && header) sidebar.style.top = Math.round(header.getBoundingClientRect().bottom) + "px";
      sidebar.classList.toggle("is-open", open);
      navButton.setAttribute("aria-expanded", open ? "true" : "false");
    };
    navButton.addEventListener("click", function () {
      var open = !sidebar.classList.contains("is-open");
      setOpen(open);
      if (open) {
        var current = sidebar.querySelector("[aria-current=page]") || sidebar.querySelector("a");
        if (current) current.focus();
      }
    });
    document.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && sidebar.classList.contains("is-open")) {
        setOpen(false);
        navButton.focus();
      }
    });
  }
  var body = document.body;
  // Progress saved under the title's hash before the course had an `id` is
  // carried over to the id's keys, once (the `migrated` key remembers it).
  var legacy = body && body.getAttribute("data-course-legacy");
  var courseKey = body && body.getAttribute("data-course");
  if (legacy && courseKey && legacy !== courseKey) {
    try {
      var ls = localStorage;
      var to = "coursegen:" + courseKey + ":";
      var from = "coursegen:" + legacy + ":";
      if (ls.getItem(to + "migrated") === null) {
        var keys = [];
        for (var i = 0; i < ls.length; i++) keys.push(ls.key(i));
        keys.forEach(function (k) {
          var target = k && k.indexOf(from) === 0 ? to + k.slice(from.length) : null;
          if (target && ls.getItem(target) === null) ls.setItem(target, ls.getItem(k));
        });
        ls.setItem(to + "migrated", JSON.stringify(legacy));
      }
    } catch (e) { /* storage may be disabled or full */ }
  }
  // Progress: remember visited lessons, module overviews and pages (read by
  // progress.js) as {"<page url>": "<first visit, ISO time>"}.
  var kind = body ? body.classList : null;
  if (kind && (kind.contains("kind-lesson") || kind.contains("kind-module") || kind.contains("kind-page"))) {
    var course = body.getAttribute("data-course");
    var here = body.getAttribute("data-page");
    if (course && here) {
      try {
        var visitedKey = "coursegen:" + course + ":visited";
        var visited = null;
        try { visited = JSON.parse(localStorage.getItem(visitedKey) || "{}"); } catch (e) { visited = null; }
        if (!visited || typeof visited !== "object" || Array.isArray(visited)) visited = {};
        if (typeof visited[here] !== "string") {
          visited[here] = new Date().toISOString();
          localStorage.setItem(visitedKey, JSON.stringify(visited));
        }
      } catch (e) { /* storage may be disabled or full */ }
    }
  }

  var current = sidebar && sidebar.querySelector("[aria-current=page]");
  if (current && current.scrollIntoView && window.innerWidth > 800) {
    current.scrollIntoView({ block: "nearest" });
  }
})();
