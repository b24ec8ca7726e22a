// coursegen search: the header search box, an ARIA combobox. The index
// (static/search/: index.js, the term shards t<i>.js and one e<n>.js per
// entry) and search-core.js (tokenizer, ranking, marks) are plain scripts,
// loaded only when the box is first used, so search works from file:// and
// under a subpath. Results show ten at a time: the next ten load when the list
// is scrolled to its end or ArrowDown passes its last result.
(function () {
  "use strict";
  var BATCH = 10;
  var store = { m: null, t: {}, e: {} };
  var loading = {};

  function add(kind, i, data) {
    if (kind === "m") store.m = data;
    else if (kind === "t") store.t[i] = data;
    else if (kind === "e") store.e[i] = data;
  }
  window.__coursegenSearch = { add: add, store: store };

  var form = document.querySelector("form.search");
  if (!form) return;
  var input = form.querySelector("input");
  var popup = form.querySelector(".search-popup");
  var list = form.querySelector("[role=listbox]");
  var shownStatus = form.querySelector(".search-count");
  var live = form.querySelector(".search-status");
  if (!input || !popup || !list || !live) return;
  var base = form.getAttribute("data-index") || "static/search/";
  var root = form.getAttribute("data-root") || "";
  function msg(name, n) {
    return (form.getAttribute("data-" + name) || "").replace("{n}", String(n));
  }

  function load(src) {
    if (loading[src]) return loading[src];
    loading[src] = new Promise(function (resolve, reject) {
      var s = document.createElement("script");
      s.src = src;
      s.async = true;
      s.onload = function () { resolve(); };
      s.onerror = function () { delete loading[src]; reject(new Error(src)); };
      document.head.appendChild(s);
    });
    return loading[src];
  }
  var core = null;
  // The core and the manifest.
  function start() {
    return Promise.all([load(root + "static/search-core.js"), load(base + "index.js")]).then(function () {
      if (!core) {
        core = window.coursegenSearchCore;
        core.setT2s(store.m.t2s);
      }
    });
  }
  function loadEntries(hits) {
    return Promise.all(hits.map(function (h) { return load(base + "e" + h.doc + ".js"); }));
  }

  // ---- the listbox ----
  var active = -1;
  var seq = 0;
  // The results of the query shown: its terms, every hit, how many are listed.
  var shown = null;
  function options() { return list.querySelectorAll("[role=option]"); }
  function setOpen(open) {
    popup.hidden = !open;
    input.setAttribute("aria-expanded", open ? "true" : "false");
    if (!open) setActive(-1);
  }
  function setActive(i) {
    var opts = options();
    active = opts.length ? i : -1;
    for (var k = 0; k < opts.length; k++) opts[k].setAttribute("aria-selected", k === active ? "true" : "false");
    if (active >= 0) {
      input.setAttribute("aria-activedescendant", opts[active].id);
      if (opts[active].scrollIntoView) opts[active].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }
  function status(text) {
    live.textContent = text;
    if (shownStatus) shownStatus.textContent = text;
  }
  // Text nodes and <mark>, never HTML.
  function fill(el, pieces) {
    pieces.forEach(function (p) {
      var text = document.createTextNode(p[0]);
      if (p[1]) {
        var mark = document.createElement("mark");
        mark.appendChild(text);
        el.appendChild(mark);
      } else {
        el.appendChild(text);
      }
    });
  }
  function span(className) {
    var el = document.createElement("span");
    el.className = className;
    return el;
  }
  // Lists the next results, whose entries are loaded.
  function append(n) {
    var s = shown;
    s.hits.slice(s.listed, s.listed + n).forEach(function (h, k) {
      var e = store.e[h.doc];
      if (!e) return;
      var a = document.createElement("a");
      a.setAttribute("role", "option");
      a.id = "search-opt-" + (s.listed + k);
      a.setAttribute("aria-posinset", String(s.listed + k + 1));
      a.setAttribute("aria-setsize", String(s.hits.length));
      a.className = "search-result";
      a.href = root + e[0];
      a.tabIndex = -1;
      var title = span("search-result-title");
      fill(title, core.marked(e[1], s.terms, false));
      a.appendChild(title);
      if (e[2]) {
        var m = span("search-result-module");
        m.textContent = e[2];
        a.appendChild(m);
      }
      if (e[3]) {
        var snip = span("search-result-snippet");
        fill(snip, core.marked(e[3], s.terms, true));
        a.appendChild(snip);
      }
      list.appendChild(a);
    });
    s.listed = Math.min(s.hits.length, s.listed + n);
  }
  // Loads and lists the next ten results, if any.
  function more() {
    var s = shown;
    if (!s || s.more || s.listed >= s.hits.length) return s && s.more;
    s.more = loadEntries(s.hits.slice(s.listed, s.listed + BATCH)).then(function () {
      if (shown === s) append(BATCH);
      s.more = null;
    });
    return s.more;
  }
  function run() {
    var mine = ++seq;
    var query = input.value;
    if (!query.trim()) {
      shown = null;
      list.textContent = "";
      status("");
      setOpen(false);
      return;
    }
    if (!store.m) status(msg("loading", 0));
    start().then(function () {
      var terms = core.queryTerms(query);
      var shards = [];
      terms.forEach(function (q) {
        core.shardsOf(store.m.shards, q).forEach(function (i) {
          if (shards.indexOf(i) < 0) shards.push(i);
        });
      });
      return Promise.all(shards.map(function (i) { return load(base + "t" + i + ".js"); })).then(function () {
        if (mine !== seq) return null;
        var hits = terms.length ? core.rank(terms, store.m.shards, store.t) : [];
        return loadEntries(hits.slice(0, BATCH)).then(function () {
          if (mine !== seq) return;
          shown = { terms: terms, hits: hits, listed: 0, more: null };
          list.textContent = "";
          append(BATCH);
          status(hits.length ? msg("count", hits.length) : msg("none", 0));
          setOpen(true);
          setActive(-1);
        });
      });
    }).catch(function () {
      if (mine === seq) {
        shown = null;
        list.textContent = "";
        status(msg("failed", 0));
        setOpen(true);
      }
    });
  }
  function go() {
    var opts = options();
    var target = opts[active >= 0 ? active : 0];
    if (target) window.location.href = target.href;
  }

  input.addEventListener("focus", function () {
    start().catch(function () { /* reported when a query runs */ });
    if (input.value.trim() && options().length) setOpen(true);
  });
  // Not on the pinyin an IME is composing: once it commits the text.
  var composing = false;
  input.addEventListener("compositionstart", function () { composing = true; });
  input.addEventListener("compositionend", function () { composing = false; run(); });
  input.addEventListener("input", function (e) { if (!composing && !e.isComposing) run(); });
  input.addEventListener("keydown", function (e) {
    if (e.isComposing) return;
    var n = options().length;
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      if (!n) return;
      e.preventDefault();
      if (popup.hidden) setOpen(true);
      var step = e.key === "ArrowDown" ? 1 : -1;
      if (step > 0 && active === n - 1 && shown && shown.listed < shown.hits.length) {
        // Past the last result listed: the next ten.
        var s = shown;
        more().then(function () {
          if (shown === s && active === n - 1) setActive(n);
        });
        return;
      }
      setActive(active < 0 ? (step > 0 ? 0 : n - 1) : (active + step + n) % n);
    } else if (e.key === "Enter") {
      e.preventDefault();
      if (n) go();
    } else if (e.key === "Escape") {
      if (!popup.hidden) {
        e.preventDefault();
        e.stopPropagation();
        setOpen(false);
      } else if (input.value) {
        input.value = "";
        run();
      }
    }
  });
  form.addEventListener("submit", function (e) { e.preventDefault(); go(); });
  form.addEventListener("focusout", function (e) {
    if (!e.relatedTarget || !form.contains(e.relatedTarget)) setOpen(false);
  });
  list.addEventListener("mousedown", function (e) { e.preventDefault(); });
  popup.addEventListener("scroll", function () {
    if (popup.scrollTop + popup.clientHeight >= popup.scrollHeight - 80) more();
  });
  document.addEventListener("keydown", function (e) {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || e.isComposing) return;
    if (e.key !== "/" && e.key !== "s") return;
    var t = e.target;
    var tag = t && t.tagName ? t.tagName.toLowerCase() : "";
    if (tag === "input" || tag === "textarea" || tag === "select" || (t && t.isContentEditable)) return;
    e.preventDefault();
    input.focus();
    input.select();
  });
})();
