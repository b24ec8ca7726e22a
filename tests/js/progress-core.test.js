// node --test tests/js/: saved-progress records (templates/progress-core.js)
// against tests/data/progress_vectors.json.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");
const fs = require("node:fs");

const Rec = require(path.join(__dirname, "../../templates/progress-core.js"));
const V = JSON.parse(fs.readFileSync(path.join(__dirname, "../data/progress_vectors.json"), "utf8"));
const NOW = "2026-12-04T12:00:00.000Z";

function subset(actual, expected, label) {
  for (const k of Object.keys(expected)) assert.deepEqual(actual[k], expected[k], `${label}: ${k}`);
}

test("stored values are read, upgraded and cleaned", () => {
  for (const c of V.read) {
    const rec = Rec.read(c.saved, V.meta);
    subset(rec, c.expected, c.name);
    assert.equal(rec.format, 2, c.name);
    assert.ok(Rec.validRecord(rec), `${c.name}: the result is a valid record`);
  }
});

function run(rec, steps) {
  for (const s of steps) {
    if (s.op === "setAnswer") Rec.setAnswer(rec, V.meta, s.id, s.answer, NOW);
    else if (s.op === "setResult") Rec.setResult(rec, V.meta, s.id, s.answer, s.result, NOW);
    else if (s.op === "submit") Rec.submit(rec, V.meta, s.graded, NOW);
    else if (s.op === "retry") Rec.retry(rec, NOW);
    else throw new Error("unknown op " + s.op);
  }
}

test("what a learner does gives the summary the README promises", () => {
  for (const c of V.scenarios) {
    const rec = Rec.fresh(V.meta);
    run(rec, c.steps);
    subset(Rec.summarize(rec, V.meta), c.expected, c.name);
    // Everything survives a reload: storing and reading again changes nothing.
    const again = Rec.read(JSON.parse(JSON.stringify(rec)), V.meta);
    assert.deepEqual(Rec.summarize(again, V.meta), Rec.summarize(rec, V.meta), `${c.name}: after reload`);
    if (c.then) {
      run(again, c.then);
      subset(Rec.summarize(again, V.meta), c.expected_then, `${c.name}, then`);
    }
  }
});

test("when the correct answers may be shown", () => {
  for (const c of V.reveal) assert.equal(Rec.mayReveal(c.reveal, c.passed), c.expected, JSON.stringify(c));
});

test("course completion under both rules", () => {
  for (const c of V.course.cases) {
    const course = { completion: c.completion, lessons: V.course.lessons, quizzes: V.course.quizzes };
    const st = Rec.courseStatus((suffix) => (suffix in c.stored ? c.stored[suffix] : null), course);
    subset(st, c.expected, c.name);
  }
});

test("imports accept both record formats and refuse other shapes", () => {
  assert.ok(Rec.validRecord({ version: "v", answers: {}, results: { a: true }, best: 50, passed: false, attempts: 1 }));
  assert.ok(Rec.validRecord(Rec.fresh(V.meta)));
  assert.ok(!Rec.validRecord({ best: 101 }));
  assert.ok(!Rec.validRecord({ results: { a: "yes" } }));
  assert.ok(!Rec.validRecord({ format: 2, questions: { a: { fp: 1 } } }));
  assert.ok(!Rec.validRecord({ format: 2, questions: { a: { fp: "f", answer: { html: "<b>" } } } }));
  assert.ok(!Rec.validRecord([]));
});

test("storage keys", () => {
  assert.equal(Rec.key("service-excellence", "quiz:cases"), "coursegen:service-excellence:quiz:cases");
});

test("a course's store reads, writes and lists its own keys, and survives a storage that throws", () => {
  const data = new Map([["coursegen:other:visited", "{}"], ["coursegen:c:quiz:m", '{"best":50}'], ["coursegen:c:bad", "{not json"]]);
  const fake = {
    getItem: (k) => (data.has(k) ? data.get(k) : null),
    setItem: (k, v) => void data.set(k, String(v)),
    removeItem: (k) => void data.delete(k),
    key: (i) => [...data.keys()][i] ?? null,
    get length() { return data.size; },
  };
  const s = Rec.store(fake, "c");
  assert.deepEqual(s.get("quiz:m"), { best: 50 });
  assert.equal(s.get("bad"), null, "unparsable JSON reads as nothing");
  assert.equal(s.get("missing"), null);
  assert.equal(s.set("visited", { "a.html": "t" }), true);
  assert.equal(data.get("coursegen:c:visited"), '{"a.html":"t"}');
  assert.deepEqual(s.suffixes().sort(), ["bad", "quiz:m", "visited"], "only this course's keys");
  assert.equal(s.remove("quiz:m"), true);
  assert.equal(data.has("coursegen:c:quiz:m"), false);
  assert.equal(data.has("coursegen:other:visited"), true);
  const denied = Rec.store(() => { throw new Error("SecurityError"); }, "c");
  assert.equal(denied.get("x"), null);
  assert.equal(denied.set("x", 1), false);
  assert.deepEqual(denied.suffixes(), []);
  assert.equal(denied.available(), false);
  const full = Rec.store({ ...fake, setItem: () => { throw new Error("QuotaExceededError"); }, get length() { return 0; } }, "c");
  assert.equal(full.set("x", 1), false);
});

// ---- role-play scenarios (issue 20)
const S = V.scenario;

test("scenario records are read and cleaned", () => {
  for (const c of S.read) {
    const rec = Rec.readScenario(c.saved, S.meta);
    subset(rec, c.expected, c.name);
    assert.equal(rec.format, 1, c.name);
    assert.ok(Rec.validScenarioRecord(rec), `${c.name}: the result is a valid record`);
  }
});

test("the best ending: better rating, then higher score; passed against the scenario's pass", () => {
  for (const c of S.plays) {
    const meta = { ...S.meta, pass: c.pass };
    let rec = Rec.readScenario(null, meta);
    c.steps.forEach((s, i) => {
      const label = `${c.name}, step ${i + 1} (${s.ending} ${s.score})`;
      assert.equal(Rec.scenarioEnd(rec, meta, s.ending, s.score, NOW), s.returns, `${label}: returns`);
      subset(rec, s.expected, label);
      // A reload changes nothing.
      rec = Rec.readScenario(JSON.parse(JSON.stringify(rec)), meta);
      subset(rec, s.expected, `${label}, after reload`);
    });
    subset(Rec.scenarioSummary(rec, meta), c.summary, `${c.name}: summary`);
  }
});

test("course completion counts scenarios under both rules", () => {
  for (const c of S.course.cases) {
    const course = { completion: c.completion, lessons: S.course.lessons, quizzes: S.course.quizzes, scenarios: S.course.scenarios };
    const st = Rec.courseStatus((suffix) => (suffix in c.stored ? c.stored[suffix] : null), course);
    subset(st, c.expected, c.name);
  }
});

test("imports accept scenario records and refuse other shapes", () => {
  for (const v of S.valid) assert.ok(Rec.validScenarioRecord(v), JSON.stringify(v));
  for (const v of S.invalid) assert.ok(!Rec.validScenarioRecord(v), JSON.stringify(v));
});
