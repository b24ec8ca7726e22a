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
    var isOpen = function () { return sidebar.classList.contains("is-open"); };
    // The menu starts below the header, which may wrap onto two rows; while
    // it is open the page behind neither scrolls nor takes focus.
    var setOpen = function (open) {
      if (open && header) sidebar.style.top = Math.round(header.getBoundingClientRect().bottom) + "px";
      sidebar.classList.toggle("is-open", open);
      root.classList.toggle("nav-open", open);
      navButton.setAttribute("aria-expanded", open ? "true" : "false");
      document.querySelectorAll("main, .site-footer").forEach(function (el) { el.inert = open; });
    };
    navButton.addEventListener("click", function () {
      setOpen(!isOpen());
      var current = isOpen() && (sidebar.querySelector("[aria-current=page]") || sidebar.querySelector("a"));
      if (current) current.focus();
    });
    // Choosing a link, to a page or to a place on this one, closes the menu.
    sidebar.addEventListener("click", function (e) { if (e.target.closest("a")) setOpen(false); });
    document.addEventListener("keydown", function (e) {
      if (!isOpen()) return;
      if (e.key === "Escape") {
        setOpen(false);
        navButton.focus();
      } else if (e.key === "Tab") { // round the menu's links and its button
        var items = [navButton].concat(Array.from(sidebar.querySelectorAll("a"))), n = items.length;
        var i = items.indexOf(document.activeElement);
        e.preventDefault();
        items[i < 0 ? 0 : (i + n + (e.shiftKey ? -1 : 1)) % n].focus();
      }
    });
    // Wider than a phone there is no menu button, and no open menu.
    window.addEventListener("resize", function () { if (isOpen()) setOpen(navButton.offsetParent !== null); });
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
  // The site root, remembered for the 404 page (served at any depth).
  try {
    var rootKey = "coursegen-root:" + document.body.getAttribute("data-course"); // not progress data
    var rootUrl = document.currentScript.src.replace(/static\/site\.js.*$/, "");
    if (localStorage.getItem(rootKey) !== rootUrl) localStorage.setItem(rootKey, rootUrl);
  } catch (e) { /* no storage */ }
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
