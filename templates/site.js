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
    var behind = document.querySelectorAll("main, .toc, .site-footer");
    var isOpen = function () { return sidebar.classList.contains("is-open"); };
    var place = function () {
      // The header may wrap onto two rows (search box): the menu starts below it.
      if (header) sidebar.style.top = Math.round(header.getBoundingClientRect().bottom) + "px";
    };
    var setOpen = function (open) {
      if (open) place();
      sidebar.classList.toggle("is-open", open);
      root.classList.toggle("nav-open", open); // the page behind does not scroll
      navButton.setAttribute("aria-expanded", open ? "true" : "false");
      for (var i = 0; i < behind.length; i++) behind[i].inert = open;
    };
    navButton.addEventListener("click", function () {
      var open = !isOpen();
      setOpen(open);
      if (open) {
        var current = sidebar.querySelector("[aria-current=page]") || sidebar.querySelector("a");
        if (current) current.focus();
      }
    });
    // Choosing a page, or a place on this one, closes the menu.
    sidebar.addEventListener("click", function (e) {
      if (isOpen() && e.target.closest && e.target.closest("a[href]")) setOpen(false);
    });
    document.addEventListener("keydown", function (e) {
      if (!isOpen()) return;
      if (e.key === "Escape") {
        setOpen(false);
        navButton.focus();
      } else if (e.key === "Tab") {
        // Focus goes round the menu's links and its button while it is open.
        var items = [navButton].concat(Array.prototype.slice.call(sidebar.querySelectorAll("a[href]")));
        var i = items.indexOf(document.activeElement), n = items.length;
        e.preventDefault();
        items[i < 0 ? (e.shiftKey ? n - 1 : 0) : (i + (e.shiftKey ? n - 1 : 1)) % n].focus();
      }
    });
    window.addEventListener("resize", function () {
      if (!isOpen()) return;
      if (navButton.offsetParent === null) setOpen(false); // wide again: no menu button
      else place();
    });
  }
  // Progress: remember visited lessons, module overviews and pages (read by
  // progress.js) as {"<page url>": "<first visit, ISO time>"}.
  var body = document.body;
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
