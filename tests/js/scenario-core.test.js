// node --test tests/js/: the scenario core (templates/scenario-core.js)
// against the shared vectors in tests/data/scenario_vectors.json, which the
// Rust walk and best path (src/scenario.rs) also read.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");
const fs = require("node:fs");

const core = require(path.join(__dirname, "../../templates/scenario-core.js"));
const V = JSON.parse(fs.readFileSync(path.join(__dirname, "../data/scenario_vectors.json"), "utf8"));

test("walks lead where the vectors say", () => {
  for (const c of V.cases) {
    for (const w of c.walks) {
      assert.deepEqual(core.walk(c.data, w.path), w.expected, `${c.name}: ${JSON.stringify(w.path)}`);
    }
  }
});

test("the best path walks to a best-rated ending", () => {
  for (const c of V.cases) {
    const best = core.walk(c.data, c.data.best);
    assert.notEqual(best.ending, null, c.name);
    const top = Math.max(...c.data.endings.map((e) => core.rank(e.rating)));
    assert.equal(core.rank(c.data.endings[best.ending].rating), top, c.name);
  }
});

test("valid keeps the part of a saved path that still leads somewhere", () => {
  const c = V.cases[0];
  assert.deepEqual(core.valid(c.data, [0, 0, 4]), [0, 0]);
  assert.deepEqual(core.valid(c.data, [9]), []);
  assert.deepEqual(core.valid(c.data, "nonsense"), []);
});
