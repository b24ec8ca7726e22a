/* coursegen search core: the query tokenizer (src/search/tokenize.rs, function
   for function), finding a term's shard and reading its postings (as
   src/search/writer.rs and postings.rs write them), ranking, and the marks in a
   result's title and snippet. Pure functions: no DOM, no network. search.js
   loads this file when the search box is first used; tests/js/ checks it with
   `node --test` against tests/data/search_vectors.json, which the Rust tests
   read too.

   The index (static/search/, loaded by search.js):
     index.js  the manifest: {v, n: entries, shards: [first term of each term
               shard], t2s: "繁简繁简…"}
     t<i>.js   term shard i: {term: postings, …}, terms in order of their characters
     e<n>.js   entry n: [url, title, module or null, text] */
(function (root) {
  "use strict";

  /* ---- tokenizer (src/search/tokenize.rs) ---- */
  var MAX_WORD = 32;
  var t2s = Object.create(null);

  // The Traditional → Simplified table, as the manifest's `t2s` pairs.
  function setT2s(pairs) {
    t2s = Object.create(null);
    var cs = Array.from(pairs || "");
    for (var i = 0; i + 1 < cs.length; i += 2) t2s[cs[i]] = cs[i + 1];
  }
  function isCjk(c) {
    var u = c.codePointAt(0);
    return (u >= 0x3040 && u <= 0x30ff) || (u >= 0x3400 && u <= 0x4dbf) || (u >= 0x4e00 && u <= 0x9fff) ||
      (u >= 0xf900 && u <= 0xfaff) || (u >= 0x20000 && u <= 0x3134f);
  }
  function normalizeChar(c) {
    var u = c.codePointAt(0);
    if (u >= 0xff01 && u <= 0xff5e) c = String.fromCodePoint(u - 0xfee0);
    else if (u === 0x3000) c = " ";
    if (c.codePointAt(0) < 128) return c.toLowerCase();
    if (isCjk(c)) return t2s[c] || c;
    var lower = c.toLowerCase();
    return Array.from(lower).length === 1 ? lower : c;
  }
  function normalize(text) {
    return Array.from(String(text)).map(normalizeChar).join("");
  }
  var WORD = /^[\p{Alphabetic}\p{N}]$/u;
  function kind(c) {
    return isCjk(c) ? "cjk" : WORD.test(c) ? "word" : "other";
  }
  // The tokens of `text` (normalised first) as [{text, start}], `start` in
  // characters; `index` adds the unigram that ends each CJK run.
  function tokenize(text, index) {
    var cs = Array.from(normalize(text));
    var out = [];
    var i = 0;
    while (i < cs.length) {
      var k = kind(cs[i]);
      var j = i + 1;
      while (j < cs.length && kind(cs[j]) === k) j++;
      if (k === "word") {
        out.push({ text: cs.slice(i, Math.min(j, i + MAX_WORD)).join(""), start: i });
      } else if (k === "cjk" && j - i === 1) {
        out.push({ text: cs[i], start: i });
      } else if (k === "cjk") {
        for (var b = i; b < j - 1; b++) out.push({ text: cs[b] + cs[b + 1], start: b });
        if (index) out.push({ text: cs[j - 1], start: j - 1 });
      }
      i = j;
    }
    return out;
  }

  /* ---- terms of a query, and their shards ---- */
  // The distinct tokens of a query.
  function queryTerms(query) {
    var out = [];
    tokenize(query, false).forEach(function (t) {
      if (out.indexOf(t.text) < 0) out.push(t.text);
    });
    return out;
  }
  // A query term matches the index terms it begins (a word, or a single CJK
  // character), or only itself (a CJK bigram).
  function isPrefix(term) {
    var cs = Array.from(term);
    return cs.length === 1 || !isCjk(cs[0]);
  }
  // Compares two strings by their characters, as Rust orders the terms
  // (JavaScript's own `<` compares UTF-16 units, which puts characters from
  // U+10000 on before U+E000–U+FFFF).
  function compare(a, b) {
    for (var i = 0; i < a.length && i < b.length; i += a.codePointAt(i) > 0xffff ? 2 : 1) {
      var x = a.codePointAt(i);
      var y = b.codePointAt(i);
      if (x !== y) return x < y ? -1 : 1;
    }
    return a.length - b.length;
  }
  // The term shards that can hold `term` (and, for a prefix, the terms it
  // begins): `firsts` is the first term of each shard, the shards in order.
  function shardsOf(firsts, term) {
    var lo = 0;
    var hi = firsts.length;
    while (hi - lo > 1) {
      var mid = (lo + hi) >> 1;
      if (compare(firsts[mid], term) <= 0) lo = mid;
      else hi = mid;
    }
    var out = [lo];
    if (isPrefix(term)) {
      for (var i = lo + 1; i < firsts.length && firsts[i].lastIndexOf(term, 0) === 0; i++) out.push(i);
    }
    return out;
  }

  /* ---- postings (src/search/postings.rs) ---- */
  // A term's postings string as [{doc, title, heading, body}]: (entry delta,
  // count code) pairs, each number in base 45, least significant digit first,
  // a character a digit ('#' + d, skipping the backslash); digits from 45 on
  // mean that more digits follow. code = body + 1000 heading + 100000 title.
  function decode(postings) {
    var out = [];
    var doc = 0;
    var delta = -1;
    var n = 0;
    var scale = 1;
    for (var i = 0; i < postings.length; i++) {
      var c = postings.charCodeAt(i);
      var d = c > 0x5c ? c - 0x24 : c - 0x23;
      if (d >= 45) {
        n += (d - 45) * scale;
        scale *= 45;
        continue;
      }
      n += d * scale;
      if (delta < 0) {
        delta = n;
      } else {
        doc += delta;
        out.push({ doc: doc, title: Math.floor(n / 100000), heading: Math.floor(n / 1000) % 100, body: n % 1000 });
        delta = -1;
      }
      n = 0;
      scale = 1;
    }
    return out;
  }

  /* ---- ranking ---- */
  // The counts of every index term that query term `q` matches, summed per
  // entry: Map entry → {title, heading, body}. `shards` holds the loaded term
  // shards by number.
  function matches(q, firsts, shards) {
    var out = new Map();
    function add(postings) {
      decode(postings).forEach(function (p) {
        var s = out.get(p.doc) || { title: 0, heading: 0, body: 0 };
        s.title += p.title;
        s.heading += p.heading;
        s.body += p.body;
        out.set(p.doc, s);
      });
    }
    shardsOf(firsts, q).forEach(function (i) {
      var shard = shards[i] || {};
      if (!isPrefix(q)) {
        if (Object.prototype.hasOwnProperty.call(shard, q)) add(shard[q]);
        return;
      }
      Object.keys(shard).forEach(function (term) {
        if (term.lastIndexOf(q, 0) === 0) add(shard[term]);
      });
    });
    return out;
  }
  // The entries that hold every query term, best first: by how many of the
  // terms are in the title, then in headings, then by how often they occur,
  // then in site order. [{doc, titleTerms, headingTerms, tf}]
  function rank(terms, firsts, shards) {
    var hits = null;
    terms.forEach(function (q) {
      var next = new Map();
      matches(q, firsts, shards).forEach(function (s, doc) {
        var h = hits ? hits.get(doc) : { doc: doc, titleTerms: 0, headingTerms: 0, tf: 0 };
        if (!h) return;
        h.titleTerms += s.title > 0 ? 1 : 0;
        h.headingTerms += s.heading > 0 ? 1 : 0;
        h.tf += s.title + s.heading + s.body;
        next.set(doc, h);
      });
      hits = next;
    });
    var out = hits ? Array.from(hits.values()) : [];
    out.sort(function (a, b) {
      return b.titleTerms - a.titleTerms || b.headingTerms - a.headingTerms || b.tf - a.tf || a.doc - b.doc;
    });
    return out;
  }

  /* ---- marks ---- */
  // `text` in pieces [[text, marked]…], the query terms marked where they
  // occur (compared after normalising, character by character). With
  // `around`, only about 110 characters from a little before the first mark,
  // with "…" where the text was cut.
  function marked(text, terms, around) {
    var cs = Array.from(text);
    var norm = cs.map(normalizeChar);
    var hit = cs.map(function () { return false; });
    var first = -1;
    terms.forEach(function (q) {
      var qc = Array.from(q);
      for (var i = 0; i + qc.length <= norm.length; i++) {
        var k = 0;
        while (k < qc.length && norm[i + k] === qc[k]) k++;
        if (k < qc.length) continue;
        for (k = 0; k < qc.length; k++) hit[i + k] = true;
        if (first < 0 || i < first) first = i;
      }
    });
    var from = around ? Math.max(0, first - 24) : 0;
    var to = around ? Math.min(cs.length, from + 110) : cs.length;
    var out = from > 0 ? [["…", false]] : [];
    for (var i = from; i < to; ) {
      var j = i;
      while (j < to && hit[j] === hit[i]) j++;
      out.push([cs.slice(i, j).join(""), hit[i]]);
      i = j;
    }
    if (to < cs.length) out.push(["…", false]);
    return out;
  }

  var api = {
    setT2s: setT2s,
    normalize: normalize,
    tokenize: tokenize,
    queryTerms: queryTerms,
    compare: compare,
    shardsOf: shardsOf,
    decode: decode,
    rank: rank,
    marked: marked
  };
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.coursegenSearchCore = api;
})(this);
