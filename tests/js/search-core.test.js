// node --test tests/js/: the search core (templates/search-core.js) against
// the shared vectors in tests/data/search_vectors.json, and ranking over the
// index of the course tests/fixtures/search as a build writes it
// (tests/data/search_index/, which tests/testsuite/search.rs checks against a build).
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");
const fs = require("node:fs");

const core = require(path.join(__dirname, "../../templates/search-core.js"));
const V = JSON.parse(fs.readFileSync(path.join(__dirname, "../data/search_vectors.json"), "utf8"));

// The fixture's index, loaded the way search.js loads it: each file calls
// window.__coursegenSearch.add(kind, i, data).
const INDEX = path.join(__dirname, "../data/search_index");
const store = { m: null, t: {}, e: {} };
function load(name) {
  const add = (kind, i, data) => {
    if (kind === "m") store.m = data;
    else if (kind === "t") store.t[i] = data;
    else if (kind === "e") store.e[i] = data;
  };
  new Function("window", fs.readFileSync(path.join(INDEX, name), "utf8"))({ __coursegenSearch: { add } });
}
load("index.js");
core.setT2s(store.m.t2s);
const shardCount = store.m.shards.length;
for (let i = 0; i < shardCount; i++) load("t" + i + ".js");
for (let n = 0; n < store.m.n; n++) load("e" + n + ".js");

test("tokens as in Rust", () => {
  assert.ok(V.tokens.length >= 30);
  for (const c of V.tokens) {
    const pairs = (index) => core.tokenize(c.text, index).map((t) => [t.text, t.start]);
    assert.deepEqual(pairs(false), c.query, "query tokens of " + JSON.stringify(c.text));
    assert.deepEqual(pairs(true), c.index, "index tokens of " + JSON.stringify(c.text));
  }
});

test("postings decode as Rust writes them", () => {
  for (const c of V.postings) {
    const got = core.decode(c.postings).map((p) => [p.doc, p.title, p.heading, p.body]);
    assert.deepEqual(got, c.decoded, c.postings);
  }
});

test("every term is found in its shard, and a prefix in every shard with its terms", () => {
  const firsts = store.m.shards;
  assert.ok(firsts.length >= 2, "the fixture has more than one shard");
  let terms = 0;
  for (let i = 0; i < firsts.length; i++) {
    // Sorted: an object lists keys that look like integers first.
    const keys = Object.keys(store.t[i]).sort(core.compare);
    assert.equal(keys[0], firsts[i], "the manifest names the first term of shard " + i);
    if (i + 1 < firsts.length) {
      assert.ok(core.compare(keys[keys.length - 1], firsts[i + 1]) < 0, "shard " + i + " ends before the next");
    }
    for (const term of keys) {
      terms++;
      assert.ok(core.shardsOf(firsts, term).includes(i), term);
      // Every prefix of the term (as a query of one character or a word).
      const cs = Array.from(term);
      for (let n = 1; n <= cs.length; n++) {
        const prefix = cs.slice(0, n).join("");
        if (n > 1 && /\p{Script=Han}/u.test(cs[0])) break;
        assert.ok(core.shardsOf(firsts, prefix).includes(i), prefix + " → " + term);
      }
    }
  }
  assert.ok(terms > 100, terms + " terms");
});

test("the queries' results on the fixture course", () => {
  assert.ok(V.queries.length >= 10);
  for (const c of V.queries) {
    const terms = core.queryTerms(c.query);
    const hits = core.rank(terms, store.m.shards, store.t);
    assert.deepEqual(hits.map((h) => store.e[h.doc][0]), c.results, c.query + ": " + c.why);
  }
});

test("strings compare by their characters, as Rust orders them", () => {
  const chars = ["a", "z", "é", "服", "\ud7ff", "\ue000", "豈", "ｚ", "\uffff", "𠀀", "\u{10ffff}"];
  const words = [];
  for (const a of chars) {
    words.push(a);
    for (const b of chars) words.push(a + b);
  }
  const points = (s) => Array.from(s, (c) => c.codePointAt(0));
  for (const a of words) {
    for (const b of words) {
      const [p, q] = [points(a), points(b)];
      let want = 0;
      for (let i = 0; want === 0 && i < Math.min(p.length, q.length); i++) want = Math.sign(p[i] - q[i]);
      if (want === 0) want = Math.sign(p.length - q.length);
      assert.equal(Math.sign(core.compare(a, b)), want, a + " " + b);
    }
  }
});

test("marks in titles and snippets", () => {
  assert.deepEqual(core.marked("客户满意度很重要", ["满意", "意度"], false), [
    ["客户", false],
    ["满意度", true],
    ["很重要", false]
  ]);
  // Compared after normalising: a Traditional text, a full-width word.
  assert.deepEqual(core.marked("服務與ＮＰＳ", ["服务", "nps"], false), [
    ["服務", true],
    ["與", false],
    ["ＮＰＳ", true]
  ]);
  const long = "甲".repeat(100) + "服务" + "乙".repeat(200);
  const snippet = core.marked(long, ["服务"], true);
  assert.deepEqual(snippet[0], ["…", false]);
  assert.deepEqual(snippet[2], ["服务", true]);
  assert.deepEqual(snippet[snippet.length - 1], ["…", false]);
  const shown = snippet.map((p) => p[0]).join("");
  assert.equal(Array.from(shown).length, 110 + 2, "110 characters and two ellipses");
  assert.deepEqual(core.marked("无关", ["服务"], true), [["无关", false]]);
});
