// coursegen search: the header search box. The index is a set of scripts under
// static/search/ (works from file://), loaded only when the box is first used:
// index.js (manifest), t<i>.js (terms by first character), d<j>.js (entries).
// The tokenizer is the one of src/search/tokenize.rs, step for step.
(function () {
  "use strict";
  var LIMIT = 20;
  var store = { m: null, t: {}, d: {} };
  var loading = {};
  var t2s = {};
  var maxWord = 32;

  function add(kind, i, data) {
    if (kind === "m") {
      store.m = data;
      maxWord = data.max || maxWord;
      var pairs = Array.from(data.t2s || "");
      for (var p = 0; p + 1 < pairs.length; p += 2) t2s[pairs[p]] = pairs[p + 1];
    } else if (kind === "t") {
      store.t[i] = data;
    } else if (kind === "d") {
      store.d[i] = data;
    }
  }

  // ---- tokenizer (same as src/search/tokenize.rs) ----
  var WORD = /^[\p{Alphabetic}\p{N}]$/u;
  function normChar(c) {
    var u = c.codePointAt(0);
    if (u >= 0xff01 && u <= 0xff5e) c = String.fromCodePoint(u - 0xfee0);
    else if (u === 0x3000) c = " ";
    if (c.codePointAt(0) < 128) {
      c = c.toLowerCase();
    } else {
      var l = c.toLowerCase();
      if (Array.from(l).length === 1) c = l;
    }
    return Object.prototype.hasOwnProperty.call(t2s, c) ? t2s[c] : c;
  }
  function isCjk(c) {
    var u = c.codePointAt(0);
    return (u >= 0x3040 && u <= 0x30ff) || (u >= 0x3400 && u <= 0x4dbf) || (u >= 0x4e00 && u <= 0x9fff) ||
      (u >= 0xf900 && u <= 0xfaff) || (u >= 0x20000 && u <= 0x3134f);
  }
  function kindOf(c) { return isCjk(c) ? 1 : WORD.test(c) ? 2 : 0; }
  // Tokens of `text` as [{text, start}] (start in code points); `index` adds
  // run-final unigrams as the index does.
  function tokenize(text, index) {
    var cs = Array.from(String(text)).map(normChar);
    var out = [];
    var i = 0;
    while (i < cs.length) {
      var k = kindOf(cs[i]);
      var j = i + 1;
      while (j < cs.length && kindOf(cs[j]) === k) j++;
      if (k === 2) {
        out.push({ text: cs.slice(i, Math.min(j, i + maxWord)).join(""), start: i });
      } else if (k === 1 && j - i === 1) {
        out.push({ text: cs[i], start: i });
      } else if (k === 1) {
        for (var b = i; b < j - 1; b++) out.push({ text: cs[b] + cs[b + 1], start: b });
        if (index) out.push({ text: cs[j - 1], start: j - 1 });
      }
      i = j;
    }
    return out;
  }
  function isPrefixTerm(t) {
    var cs = Array.from(t);
    return cs.length === 1 || (cs.length > 1 && !isCjk(cs[0]));
  }
  function shardOf(t, k) { return t.codePointAt(0) % Math.max(1, k); }

  window.__coursegenSearch = { add: add, tokenize: tokenize, normalize: normChar, store: store };

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

  function load(name) {
    if (loading[name]) return loading[name];
    loading[name] = new Promise(function (resolve, reject) {
      var s = document.createElement("script");
      s.src = base + name;
      s.async = true;
      s.onload = function () { resolve(); };
      s.onerror = function () { delete loading[name]; reject(new Error(name)); };
      document.head.appendChild(s);
    });
    return loading[name];
  }
  function manifest() { return load("index.js"); }

  // ---- ranking (same as Index::search in src/search/index.rs) ----
  function matches(q) {
    var m = store.m;
    var shard = store.t[shardOf(q, m.k)] || {};
    var out = new Map();
    // Postings as in src/search/postings.rs: (entry delta, code) pairs, each
    // number in base 45, least significant digit first, one character a digit
    // ('#' + d, skipping the backslash); digits from 45 on mean "more follow".
    var addPostings = function (str) {
      var doc = 0, n = 0, scale = 1, isCode = false;
      for (var i = 0; i < str.length; i++) {
        var ch = str.charCodeAt(i);
        var d = ch > 0x5c ? ch - 0x24 : ch - 0x23;
        if (d >= 45) {
          n += (d - 45) * scale;
          scale *= 45;
          continue;
        }
        n += d * scale;
        if (isCode) {
          var s = out.get(doc) || { t: 0, h: 0, b: 0 };
          s.t += Math.floor(n / 100000);
          s.h += Math.floor(n / 1000) % 100;
          s.b += n % 1000;
          out.set(doc, s);
        } else {
          doc += n;
        }
        isCode = !isCode;
        n = 0;
        scale = 1;
      }
    };
    if (isPrefixTerm(q)) {
      for (var key in shard) {
        if (Object.prototype.hasOwnProperty.call(shard, key) && key.lastIndexOf(q, 0) === 0) addPostings(shard[key]);
      }
    } else if (Object.prototype.hasOwnProperty.call(shard, q)) {
      addPostings(shard[q]);
    }
    return out;
  }
  function rank(qs) {
    var hits = null;
    qs.forEach(function (q) {
      var m = matches(q);
      var next = new Map();
      m.forEach(function (s, doc) {
        var h = hits ? hits.get(doc) : { doc: doc, tt: 0, ht: 0, tf: 0 };
        if (!h) return;
        h.tt += s.t > 0 ? 1 : 0;
        h.ht += s.h > 0 ? 1 : 0;
        h.tf += s.t + s.h + s.b;
        next.set(doc, h);
      });
      hits = next;
    });
    var out = hits ? Array.from(hits.values()) : [];
    out.sort(function (a, b) { return b.tt - a.tt || b.ht - a.ht || b.tf - a.tf || a.doc - b.doc; });
    return out;
  }
  function docShard(doc) {
    var ds = store.m.ds;
    var j = 0;
    while (j + 1 < ds.length && ds[j + 1] <= doc) j++;
    return j;
  }
  function entry(doc) {
    var j = docShard(doc);
    var shard = store.d[j];
    return shard ? shard[doc - store.m.ds[j]] : null;
  }

  // ---- highlighting: text nodes and <mark>, never HTML ----
  function highlight(el, text, qs, around) {
    var cs = Array.from(text);
    var norm = cs.map(normChar);
    var hit = new Array(cs.length).fill(false);
    var first = -1;
    qs.forEach(function (q) {
      var qc = Array.from(q);
      for (var i = 0; i + qc.length <= norm.length; i++) {
        var ok = true;
        for (var k = 0; k < qc.length && ok; k++) ok = norm[i + k] === qc[k];
        if (!ok) continue;
        for (k = 0; k < qc.length; k++) hit[i + k] = true;
        if (first < 0 || i < first) first = i;
      }
    });
    var from = 0, to = cs.length;
    if (around) {
      from = Math.max(0, first - 24);
      to = Math.min(cs.length, from + 110);
      if (from > 0) el.appendChild(document.createTextNode("…"));
    }
    var i = from;
    while (i < to) {
      var j = i;
      while (j < to && hit[j] === hit[i]) j++;
      var part = document.createTextNode(cs.slice(i, j).join(""));
      if (hit[i]) {
        var mark = document.createElement("mark");
        mark.appendChild(part);
        el.appendChild(mark);
      } else {
        el.appendChild(part);
      }
      i = j;
    }
    if (around && to < cs.length) el.appendChild(document.createTextNode("…"));
  }

  // ---- the listbox ----
  var active = -1;
  var seq = 0;
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
  function render(qs, hits) {
    list.textContent = "";
    hits.slice(0, LIMIT).forEach(function (h, i) {
      var e = entry(h.doc);
      if (!e) return;
      var a = document.createElement("a");
      a.setAttribute("role", "option");
      a.id = "search-opt-" + i;
      a.className = "search-result";
      a.href = root + e[0];
      a.tabIndex = -1;
      var title = document.createElement("span");
      title.className = "search-result-title";
      highlight(title, e[1], qs, false);
      a.appendChild(title);
      var module = store.m.modules[e[2]];
      if (module) {
        var m = document.createElement("span");
        m.className = "search-result-module";
        m.textContent = module;
        a.appendChild(m);
      }
      if (e[3]) {
        var snip = document.createElement("span");
        snip.className = "search-result-snippet";
        highlight(snip, e[3], qs, true);
        a.appendChild(snip);
      }
      list.appendChild(a);
    });
    status(hits.length ? msg("count", hits.length) : msg("none", 0));
    setOpen(true);
    setActive(-1);
  }
  function run() {
    var mine = ++seq;
    var query = input.value;
    if (!query.trim()) {
      list.textContent = "";
      status("");
      setOpen(false);
      return;
    }
    if (!store.m) status(msg("loading", 0));
    manifest().then(function () {
      var qs = [];
      tokenize(query, false).forEach(function (t) { if (qs.indexOf(t.text) < 0) qs.push(t.text); });
      var shards = [];
      qs.forEach(function (q) {
        var s = shardOf(q, store.m.k);
        if (shards.indexOf(s) < 0) shards.push(s);
      });
      return Promise.all(shards.map(function (s) { return load("t" + s + ".js"); })).then(function () {
        if (mine !== seq) return null;
        var hits = qs.length ? rank(qs) : [];
        var ds = [];
        hits.slice(0, LIMIT).forEach(function (h) {
          var j = docShard(h.doc);
          if (ds.indexOf(j) < 0) ds.push(j);
        });
        return Promise.all(ds.map(function (j) { return load("d" + j + ".js"); })).then(function () {
          if (mine === seq) render(qs, hits);
        });
      });
    }).catch(function () {
      if (mine === seq) {
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
    manifest().catch(function () { /* reported when a query runs */ });
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
