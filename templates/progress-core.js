/* coursegen progress core: the saved-record model shared by the quiz page
   (quiz.js), the progress page (progress.js) and the SCORM runtime
   (scorm.js). Pure functions over plain JSON values: no DOM, no storage, no
   network, no clock (callers pass the time). tests/js/ checks them with
   `node --test` against tests/data/progress_vectors.json.

   Storage keys (localStorage, one origin may hold several courses; store()
   reads and writes them; site.js, on every page, writes `visited` itself to
   stay small):
     coursegen:<course>:visited      {"<page url>": "<first visit, ISO time>"}
     coursegen:<course>:quiz:<slug>  a quiz record (below)
     coursegen:<course>:scenario:<id>  a scenario record (below)
   <course> is course.yaml's `id`, or without one a hash of the title.

   A quiz record (format 2):
     {format: 2, version,                  the quiz version when last saved
      questions: {"<question id>": {fp, answer, result}},
                                           fp: the question's fingerprint when
                                           answered; answer: the latest answer
                                           (null: none); result: true / false
                                           once checked or submitted (a question
                                           left unanswered in a submission is
                                           false), else null
      order: {"<question id>": [part index…]}   display order of this attempt
      revealed,                            correct answers shown (after a submit)
      attempts, lastScore,                 submissions, and the last one's score
      best, passed,                        best score (%) of every submission and
                                           of every moment all questions were
                                           checked; passed once best ≥ pass mark
      updated}                             ISO time of the last change
   Format 1 records (before 2026-12) are read and upgraded.

   A quiz's meta (the quiz page makes it from its key; the progress page has
   it as JSON): {version, passMark, reveal, questions: {"<id>": fp}}.

   A scenario record (format 1):
     {format: 1, version,                 the scenario's version when saved
      path: [choice index…],              the play on screen (resumed when the
                                          version is the same)
      best: {ending, rating, score}|null  the best ending reached: best rating,
                                          then highest score
      passed,                             best rating ≥ the scenario's `pass`
      plays,                              endings reached
      updated}
   A scenario's meta: {version, pass, endings: {"<ending id>": rating}}. */
(function (root) {
  "use strict";

  var FORMAT = 2;

  function key(course, suffix) {
    return "coursegen:" + course + ":" + suffix;
  }

  function isObject(v) {
    return v !== null && typeof v === "object" && !Array.isArray(v);
  }
  function isPercent(v) {
    return typeof v === "number" && isFinite(v) && v >= 0 && v <= 100;
  }
  function has(o, k) {
    return Object.prototype.hasOwnProperty.call(o, k);
  }
  function ids(meta) {
    return isObject(meta.questions) ? Object.keys(meta.questions) : [];
  }

  function fresh(meta) {
    return {
      format: FORMAT,
      version: meta.version,
      questions: {},
      order: {},
      revealed: false,
      attempts: 0,
      lastScore: null,
      best: null,
      passed: false,
      updated: null
    };
  }

  /** Whether `v` has the shape of a saved answer (any question type). */
  function answerShape(v) {
    if (typeof v === "string") return v.length <= 2000;
    if (Array.isArray(v)) {
      return v.length <= 200 && v.every(function (x) {
        return (typeof x === "string" && x.length <= 20) || (typeof x === "number" && isFinite(x));
      });
    }
    return false;
  }

  /** Whether `v` is a quiz record of either format (for imports and reads). */
  function validRecord(v) {
    if (!isObject(v)) return false;
    if (has(v, "version") && typeof v.version !== "number" && typeof v.version !== "string") return false;
    if (has(v, "best") && v.best !== null && !isPercent(v.best)) return false;
    if (has(v, "lastScore") && v.lastScore !== null && !isPercent(v.lastScore)) return false;
    if (has(v, "passed") && typeof v.passed !== "boolean") return false;
    if (has(v, "attempts") && !(typeof v.attempts === "number" && isFinite(v.attempts) && v.attempts >= 0)) return false;
    if (has(v, "updated") && v.updated !== null && typeof v.updated !== "string") return false;
    if (v.format === FORMAT) {
      if (has(v, "questions")) {
        if (!isObject(v.questions)) return false;
        for (var q in v.questions) {
          if (!has(v.questions, q)) continue;
          var e = v.questions[q];
          if (!isObject(e) || typeof e.fp !== "string") return false;
          if (e.answer !== null && e.answer !== undefined && !answerShape(e.answer)) return false;
          if (e.result !== null && e.result !== undefined && typeof e.result !== "boolean") return false;
        }
      }
      if (has(v, "order")) {
        if (!isObject(v.order)) return false;
        for (var o in v.order) {
          if (has(v.order, o) && !answerShape(v.order[o])) return false;
        }
      }
      if (has(v, "revealed") && typeof v.revealed !== "boolean") return false;
      return true;
    }
    if (has(v, "format")) return false;
    // format 1: {version, answers: {id: answer}, results: {id: bool}, …}
    if (has(v, "answers") && !isObject(v.answers)) return false;
    if (has(v, "results")) {
      if (!isObject(v.results)) return false;
      for (var r in v.results) {
        if (has(v.results, r) && typeof v.results[r] !== "boolean") return false;
      }
    }
    return true;
  }

  /** The record to work with, from what storage held (`saved`, any value):
      a format-1 record is upgraded, answers to questions that changed since
      (other fingerprint) or no longer exist are dropped, and results, best
      score, pass and attempts are kept. */
  function read(saved, meta) {
    var rec = fresh(meta);
    if (!validRecord(saved)) return rec;
    rec.best = isPercent(saved.best) ? saved.best : null;
    rec.lastScore = isPercent(saved.lastScore) ? saved.lastScore : null;
    rec.passed = saved.passed === true;
    rec.attempts = typeof saved.attempts === "number" ? Math.floor(saved.attempts) : 0;
    rec.updated = typeof saved.updated === "string" ? saved.updated : null;
    var fps = isObject(meta.questions) ? meta.questions : {};
    if (saved.format === FORMAT) {
      var qs = isObject(saved.questions) ? saved.questions : {};
      ids(meta).forEach(function (id) {
        var e = qs[id];
        if (!isObject(e) || e.fp !== fps[id]) return;
        var answer = answerShape(e.answer) ? e.answer : null;
        // A question left unanswered in a submission counts as wrong.
        var result = typeof e.result === "boolean" && (answer !== null || e.result === false) ? e.result : null;
        rec.questions[id] = { fp: e.fp, answer: answer, result: result };
      });
      var order = isObject(saved.order) ? saved.order : {};
      ids(meta).forEach(function (id) {
        if (answerShape(order[id]) && Array.isArray(order[id])) rec.order[id] = order[id].slice();
      });
      rec.revealed = saved.revealed === true;
    } else if (saved.version === meta.version) {
      // Format 1 kept answers only for the same quiz version.
      var answers = isObject(saved.answers) ? saved.answers : {};
      var results = isObject(saved.results) ? saved.results : {};
      ids(meta).forEach(function (id) {
        if (!has(answers, id) || !answerShape(answers[id])) return;
        rec.questions[id] = {
          fp: fps[id],
          answer: answers[id],
          result: typeof results[id] === "boolean" ? results[id] : null
        };
      });
    }
    return rec;
  }

  /** Counts and scores of a record against the current quiz. */
  function summarize(rec, meta) {
    var list = ids(meta);
    var answered = 0;
    var checked = 0;
    var correct = 0;
    list.forEach(function (id) {
      var e = rec.questions[id];
      if (!e) return;
      if (e.answer !== null && e.answer !== undefined) answered++;
      if (typeof e.result === "boolean") {
        checked++;
        if (e.result) correct++;
      }
    });
    var total = list.length;
    var passMark = Number(meta.passMark) || 0;
    return {
      total: total,
      answered: answered,
      checked: checked,
      correct: correct,
      score: total ? Math.round((correct / total) * 100) : 0,
      complete: total > 0 && checked === total,
      best: isPercent(rec.best) ? rec.best : null,
      lastScore: isPercent(rec.lastScore) ? rec.lastScore : null,
      attempts: rec.attempts || 0,
      passed: rec.passed === true,
      passMark: passMark,
      revealed: rec.revealed === true,
      started: answered > 0 || (rec.attempts || 0) > 0 || isPercent(rec.best)
    };
  }

  function raiseBest(rec, meta, score) {
    rec.best = isPercent(rec.best) ? Math.max(rec.best, score) : score;
    if (rec.best >= (Number(meta.passMark) || 0)) rec.passed = true;
  }

  /** The learner changed an answer (not checked yet): its old result goes,
      and so does the revealed state of this attempt. */
  function setAnswer(rec, meta, id, answer, now) {
    if (!has(meta.questions, id)) return rec;
    rec.questions[id] = { fp: meta.questions[id], answer: answer, result: null };
    rec.version = meta.version;
    rec.updated = now;
    return rec;
  }

  /** A checked answer: saved with its result; once every question has been
      checked, the score counts towards the best score. */
  function setResult(rec, meta, id, answer, result, now) {
    if (!has(meta.questions, id)) return rec;
    rec.questions[id] = { fp: meta.questions[id], answer: answer, result: result === true };
    rec.version = meta.version;
    rec.updated = now;
    var s = summarize(rec, meta);
    if (s.complete) raiseBest(rec, meta, s.score);
    return rec;
  }

  /** A submission: `graded` holds {answer, result} for every question (an
      unanswered one has answer null and result false). Records the attempt
      and whether the correct answers may now be shown. */
  function submit(rec, meta, graded, now) {
    var list = ids(meta);
    var correct = 0;
    list.forEach(function (id) {
      var g = graded[id] || { answer: null, result: false };
      if (g.result === true) correct++;
      var answer = g.answer === undefined ? null : g.answer;
      rec.questions[id] = { fp: meta.questions[id], answer: answer, result: answer !== null && g.result === true };
    });
    var score = list.length ? Math.round((correct / list.length) * 100) : 0;
    rec.attempts = (rec.attempts || 0) + 1;
    rec.lastScore = score;
    raiseBest(rec, meta, score);
    rec.revealed = mayReveal(meta.reveal, rec.passed);
    rec.version = meta.version;
    rec.updated = now;
    return { score: score, correct: correct, total: list.length, passed: score >= (Number(meta.passMark) || 0) };
  }

  /** Whether a submission shows the correct answers. */
  function mayReveal(reveal, passed) {
    if (reveal === "never") return false;
    if (reveal === "after-pass") return passed === true;
    return true;
  }

  /** A new attempt: answers, results, order and revealed state go; the best
      score, pass and attempts stay. */
  function retry(rec, now) {
    rec.questions = {};
    rec.order = {};
    rec.revealed = false;
    rec.updated = now;
    return rec;
  }

  // ---- scenarios

  var RATING_RANK = { poor: 0, acceptable: 1, excellent: 2 };
  /** 0 poor, 1 acceptable, 2 excellent; -1 for anything else. */
  function ratingRank(r) {
    return typeof r === "string" && has(RATING_RANK, r) ? RATING_RANK[r] : -1;
  }
  function isPath(v) {
    return Array.isArray(v) && v.length <= 1000 && v.every(function (x) {
      return typeof x === "number" && x >= 0 && x < 1000 && Math.floor(x) === x;
    });
  }
  function freshScenario(meta) {
    return { format: 1, version: meta.version, path: [], best: null, passed: false, plays: 0, updated: null };
  }
  function passes(meta, rating) {
    var need = ratingRank(meta.pass);
    return ratingRank(rating) >= (need < 0 ? 1 : need);
  }

  /** Whether `v` is a scenario record (for imports): format 1, a best ending
      of the right shape or null, a path of choice indexes. Unknown ending ids
      pass (the scenario may have changed since); readScenario rates them. */
  function validScenarioRecord(v) {
    if (!isObject(v) || v.format !== 1) return false;
    if (has(v, "version") && typeof v.version !== "string" && typeof v.version !== "number") return false;
    if (has(v, "path") && !isPath(v.path)) return false;
    if (has(v, "best") && v.best !== null) {
      var b = v.best;
      if (!isObject(b) || typeof b.ending !== "string" || b.ending.length > 200) return false;
      if (ratingRank(b.rating) < 0 || typeof b.score !== "number" || !isFinite(b.score)) return false;
    }
    if (has(v, "passed") && typeof v.passed !== "boolean") return false;
    if (has(v, "plays") && !(typeof v.plays === "number" && isFinite(v.plays) && v.plays >= 0)) return false;
    if (has(v, "updated") && v.updated !== null && typeof v.updated !== "string") return false;
    return true;
  }

  /** The scenario record to work with, from what storage held (any value).
      The best ending stays across versions (rated as the scenario rates it
      now when it still exists); the path on screen only within one version. */
  function readScenario(saved, meta) {
    var rec = freshScenario(meta);
    if (!isObject(saved) || saved.format !== 1) return rec;
    var endings = isObject(meta.endings) ? meta.endings : {};
    if (isObject(saved.best) && typeof saved.best.ending === "string" && saved.best.ending.length <= 200) {
      var rating = has(endings, saved.best.ending) ? endings[saved.best.ending] : saved.best.rating;
      var score = saved.best.score;
      if (ratingRank(rating) >= 0 && typeof score === "number" && isFinite(score)) {
        rec.best = { ending: saved.best.ending, rating: rating, score: score };
      }
    }
    rec.passed = rec.best !== null && passes(meta, rec.best.rating);
    rec.plays = typeof saved.plays === "number" && saved.plays >= 0 && isFinite(saved.plays) ? Math.floor(saved.plays) : 0;
    rec.updated = typeof saved.updated === "string" ? saved.updated : null;
    if (saved.version === meta.version && isPath(saved.path)) rec.path = saved.path.slice();
    return rec;
  }

  /** The play on screen changed (a choice, a step back, a restart). */
  function scenarioPath(rec, meta, path, now) {
    rec.path = isPath(path) ? path.slice() : [];
    rec.version = meta.version;
    rec.updated = now;
    return rec;
  }

  /** An ending was reached with `score`: counts a play, and becomes the best
      when its rating is better, or as good with a higher score. Returns
      whether it is the new best. */
  function scenarioEnd(rec, meta, ending, score, now) {
    var endings = isObject(meta.endings) ? meta.endings : {};
    if (!has(endings, ending)) return false;
    var rating = endings[ending];
    rec.plays = (rec.plays || 0) + 1;
    rec.updated = now;
    rec.version = meta.version;
    var b = rec.best;
    var better = !b || ratingRank(rating) > ratingRank(b.rating) ||
      (ratingRank(rating) === ratingRank(b.rating) && score > b.score);
    if (better) rec.best = { ending: ending, rating: rating, score: score };
    rec.passed = rec.best !== null && passes(meta, rec.best.rating);
    return better;
  }

  /** What the progress page shows of a scenario. */
  function scenarioSummary(rec, meta) {
    return {
      best: rec.best ? rec.best.rating : null,
      ending: rec.best ? rec.best.ending : null,
      passed: rec.best !== null && passes(meta, rec.best.rating),
      plays: rec.plays || 0,
      started: (rec.plays || 0) > 0 || (Array.isArray(rec.path) && rec.path.length > 0)
    };
  }

  /** Where the course stands. `get(suffix)` returns the parsed stored value of
      a key of this course (or null); `course` is the progress page's meta:
      {completion: "quizzes" | "lessons-and-quizzes",
       lessons: ["<url>", …], quizzes: {"<slug>": quiz meta},
       scenarios: {"<id>": scenario meta}}. A scenario counts as a quiz
      does: done once an ending at its `pass` rating or better is reached. */
  function courseStatus(get, course) {
    var visited = get("visited");
    if (!isObject(visited)) visited = {};
    var lessons = Array.isArray(course.lessons) ? course.lessons : [];
    var missingLessons = lessons.filter(function (u) {
      return typeof visited[u] !== "string";
    });
    var quizzes = {};
    var missingQuizzes = [];
    var slugs = isObject(course.quizzes) ? Object.keys(course.quizzes) : [];
    slugs.forEach(function (slug) {
      var meta = course.quizzes[slug];
      var s = summarize(read(get("quiz:" + slug), meta), meta);
      quizzes[slug] = s;
      if (!s.passed) missingQuizzes.push(slug);
    });
    var scenarios = {};
    var missingScenarios = [];
    var sids = isObject(course.scenarios) ? Object.keys(course.scenarios) : [];
    sids.forEach(function (id) {
      var meta = course.scenarios[id];
      var s = scenarioSummary(readScenario(get("scenario:" + id), meta), meta);
      scenarios[id] = s;
      if (!s.passed) missingScenarios.push(id);
    });
    var needLessons = course.completion !== "quizzes";
    var done = slugs.length - missingQuizzes.length + sids.length - missingScenarios.length;
    var total = slugs.length + sids.length;
    if (needLessons) {
      done += lessons.length - missingLessons.length;
      total += lessons.length;
    }
    return {
      lessonsVisited: lessons.length - missingLessons.length,
      lessonsTotal: lessons.length,
      missingLessons: needLessons ? missingLessons : [],
      quizzes: quizzes,
      missingQuizzes: missingQuizzes,
      scenarios: scenarios,
      missingScenarios: missingScenarios,
      percent: total ? Math.round((done / total) * 1000) / 10 : 0,
      complete: total > 0 && done === total
    };
  }

  /** This course's saved values in `storage` (a Storage such as
      localStorage, or a function returning one): get / set / remove by key
      suffix, and the suffixes present. Values are JSON. Every access may
      throw (disabled storage, full quota, privacy modes): then get gives
      null, set and remove false, suffixes []. */
  function store(storage, course) {
    var prefix = key(course, "");
    function ls() {
      try {
        return (typeof storage === "function" ? storage() : storage) || null;
      } catch (e) {
        return null;
      }
    }
    return {
      get: function (suffix) {
        try {
          var raw = ls().getItem(prefix + suffix);
          return raw === null ? null : JSON.parse(raw);
        } catch (e) {
          return null;
        }
      },
      set: function (suffix, value) {
        try {
          ls().setItem(prefix + suffix, JSON.stringify(value));
          return true;
        } catch (e) {
          return false;
        }
      },
      remove: function (suffix) {
        try {
          ls().removeItem(prefix + suffix);
          return true;
        } catch (e) {
          return false;
        }
      },
      suffixes: function () {
        var out = [];
        try {
          var s = ls();
          for (var i = 0; i < s.length; i++) {
            var k = s.key(i);
            if (k && k.indexOf(prefix) === 0) out.push(k.slice(prefix.length));
          }
        } catch (e) {
          return [];
        }
        return out;
      },
      available: function () {
        return ls() !== null;
      }
    };
  }

  var api = {
    FORMAT: FORMAT,
    key: key,
    store: store,
    fresh: fresh,
    validRecord: validRecord,
    read: read,
    summarize: summarize,
    setAnswer: setAnswer,
    setResult: setResult,
    submit: submit,
    mayReveal: mayReveal,
    retry: retry,
    ratingRank: ratingRank,
    validScenarioRecord: validScenarioRecord,
    readScenario: readScenario,
    scenarioPath: scenarioPath,
    scenarioEnd: scenarioEnd,
    scenarioSummary: scenarioSummary,
    courseStatus: courseStatus
  };
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.coursegenRecords = api;
})(this);
