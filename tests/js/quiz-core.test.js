// node --test tests/js/: the quiz core (templates/quiz-core.js) against the
// shared vectors in tests/data/quiz_vectors.json, whose `key` the Rust tests
// check is the key the quiz page really gets.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");
const fs = require("node:fs");

const core = require(path.join(__dirname, "../../templates/quiz-core.js"));
const V = JSON.parse(fs.readFileSync(path.join(__dirname, "../data/quiz_vectors.json"), "utf8"));
const byId = Object.fromEntries(V.key.questions.map((q) => [q.id, q]));

test("answers normalise as in Rust", () => {
  for (const [input, expected] of V.normalize) assert.equal(core.normalize(input), expected, JSON.stringify(input));
});

test("typed numbers", () => {
  for (const [input, expected] of V.parse_number) assert.equal(core.parseNumber(input), expected, JSON.stringify(input));
});

test("grading every question type", () => {
  assert.ok(V.grade.length >= 20);
  for (const c of V.grade) {
    assert.ok(byId[c.q], c.q);
    assert.equal(core.grade(byId[c.q], c.answer), c.expected, `${c.q} ${JSON.stringify(c.answer)}`);
  }
});

test("marks beside a revealed answer", () => {
  for (const c of V.marks) {
    assert.deepEqual(core.marks(byId[c.q], c.answer), c.expected, `${c.q} ${JSON.stringify(c.answer)}`);
  }
});

// A seeded generator, so a failure can be replayed.
function seeded(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

test("shuffled orders are permutations, and every order turns up", () => {
  const q = byId.one; // single, shuffle: true, 3 options
  const seen = new Set();
  const random = seeded(7);
  for (let i = 0; i < 300; i++) {
    const order = core.displayOrder(q, ["0", "1", "2"], random);
    assert.deepEqual([...order].sort(), [0, 1, 2]);
    seen.add(order.join(","));
  }
  assert.equal(seen.size, 6, "all 3! orders appear");
});

test("the correct option is not first more often than chance", () => {
  const q = byId.one; // correct option: 1
  const random = seeded(11);
  const firsts = [0, 0, 0];
  for (let i = 0; i < 3000; i++) firsts[core.displayOrder(q, ["0", "1", "2"], random)[0]]++;
  for (const n of firsts) assert.ok(n > 850 && n < 1150, `first-position counts ${firsts}`);
});

test("shuffle: false keeps the written order", () => {
  assert.deepEqual(core.displayOrder(byId.many, ["0", "1", "2", "3"], Math.random), [0, 1, 2, 3]);
});

test("ordering items never start in the correct order", () => {
  const random = seeded(3);
  for (let i = 0; i < 500; i++) {
    const order = core.displayOrder(byId.order, ["0", "1", "2"], random);
    assert.notDeepEqual(order, [0, 1, 2]);
    assert.equal(core.grade(byId.order, order), false);
  }
  // Without shuffling too, even if the written order were the correct one.
  const fixed = Object.assign({}, byId.order, { shuffle: false });
  assert.notDeepEqual(core.displayOrder(fixed, ["0", "1", "2"], Math.random), [0, 1, 2]);
  assert.deepEqual(core.displayOrder(fixed, ["2", "0", "1"], Math.random), [2, 0, 1]);
});

test("two-item ordering questions still start unsolved", () => {
  const two = { id: "two", type: "ordering", count: 2, shuffle: true };
  for (let i = 0; i < 50; i++) assert.deepEqual(core.displayOrder(two, ["0", "1"], Math.random), [1, 0]);
});

test("a saved order is only reused for the same parts", () => {
  assert.equal(core.sameParts([2, 0, 1], ["0", "1", "2"]), true);
  assert.equal(core.sameParts([2, 0], ["0", "1", "2"]), false);
  assert.equal(core.sameParts([3, 0, 1], ["0", "1", "2"]), false);
  assert.equal(core.sameParts(null, ["0"]), false);
});
