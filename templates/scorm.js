// coursegen SCORM 1.2 runtime. Only in packages made by `coursegen export scorm`;
// the normal site never loads it. Two roles:
//  * in a SCO launch page (it holds a #coursegen-scorm config): finds the LMS
//    API, keeps one session open while the learner moves between the module's
//    pages (shown in a frame), reports status, score, location and progress,
//    and finishes the session when the LMS closes the SCO;
//  * in a course page inside that frame: tells the launch page at once when
//    a quiz or a role-play scenario has saved progress.
// Without an LMS API it does nothing; the site keeps working with localStorage.
// No network, no HTML strings, no globals.
(function () {
  "use strict";

  var EVENT = "coursegen:progress";
  var configEl = document.getElementById("coursegen-scorm");
  if (!configEl) {
    forwardProgress();
    return;
  }
  var cfg;
  try {
    cfg = JSON.parse(configEl.textContent);
  } catch (e) {
    return;
  }
  if (!cfg || typeof cfg !== "object" || typeof cfg.course !== "string") return;
  launch(cfg);

  // ---- course page: pass the quiz's event on to the launch page
  function forwardProgress() {
    document.addEventListener(EVENT, function () {
      try {
        var p = window.parent;
        if (p && p !== window && p.document.getElementById("coursegen-scorm")) {
          p.document.dispatchEvent(new p.CustomEvent(EVENT));
        }
      } catch (e) {
        /* not inside a launch page of this package */
      }
    });
  }

  // ---- launch page
  function launch(cfg) {
    var frame = document.getElementById("coursegen-scorm-content");
    var lessons = Array.isArray(cfg.lessons) ? cfg.lessons : [];
    var pages = Array.isArray(cfg.pages) ? cfg.pages : [];
    // {"<quiz slug>": quiz meta} (see progress-core.js, loaded before this script).
    var quizzes = cfg.quizzes && typeof cfg.quizzes === "object" ? cfg.quizzes : {};
    // {"<scenario id>": scenario meta} of the whole course, and this module's ids.
    var scenarios = cfg.scenarios && typeof cfg.scenarios === "object" ? cfg.scenarios : {};
    var practised = (Array.isArray(cfg.practised) ? cfg.practised : []).filter(function (id) {
      return Object.prototype.hasOwnProperty.call(scenarios, id);
    });
    var Rec = window.coursegenRecords;
    var prefix = Rec ? Rec.key(cfg.course, "") : "coursegen:" + cfg.course + ":";
    var saved = Rec ? Rec.store(function () { return window.localStorage; }, cfg.course) : null;
    var max = Number(cfg.suspendMax) || 4096;
    var started = Date.now();
    var api = findApi();
    var active = false;
    var finished = false;
    var sent = {};
    var status = "";
    var lessonLocation = "";
    // Best results restored from suspend_data, so a quiz page loaded before the
    // restore cannot lower what is reported.
    var floor = {};
    // The same for scenarios: {"<id>": {ending, rating, score}}.
    var scenarioFloor = {};
    var RANK = { "": 0, "not attempted": 0, browsed: 1, incomplete: 1, failed: 2, completed: 3, passed: 4 };

    if (api) active = call("LMSInitialize", "") === "true";
    if (active) {
      restore(call("LMSGetValue", "cmi.suspend_data"));
      status = call("LMSGetValue", "cmi.core.lesson_status");
      lessonLocation = call("LMSGetValue", "cmi.core.lesson_location");
      if ((status === "" || status === "not attempted") && set("cmi.core.lesson_status", "incomplete")) {
        status = "incomplete";
      }
      sent["cmi.core.lesson_location"] = lessonLocation;
    }
    var start = pages.indexOf(lessonLocation) >= 0 ? lessonLocation : cfg.start;
    if (frame) {
      frame.addEventListener("load", onFrameLoad);
      frame.setAttribute("src", "../" + start);
    }
    if (!active) return;

    update();
    document.addEventListener(EVENT, update);
    window.addEventListener("storage", function (e) {
      if (!e.key || e.key.indexOf(prefix) === 0) update();
    });
    var timer = window.setInterval(update, 1000);
    window.addEventListener("pagehide", finish);
    window.addEventListener("unload", finish);

    function onFrameLoad() {
      var here = null;
      try {
        here = frame.contentDocument && frame.contentDocument.body.getAttribute("data-page");
      } catch (e) {
        here = null;
      }
      if (typeof here === "string" && here !== "" && here.length <= 255) lessonLocation = here;
      if (active) update();
    }

    // -- the LMS API: this window's parents, then the opener's
    function findApi() {
      return scan(window.parent !== window ? window.parent : null) || scan(openerOf(window));
    }
    function openerOf(w) {
      try {
        return w.opener || null;
      } catch (e) {
        return null;
      }
    }
    function scan(w) {
      for (var i = 0; w && i <= 7; i++) {
        try {
          if (w.API && typeof w.API.LMSInitialize === "function") return w.API;
        } catch (e) {
          /* a cross-origin frame: keep climbing */
        }
        if (w.parent === w) break;
        w = w.parent;
      }
      return null;
    }
    function call(name, a, b) {
      try {
        var r = b === undefined ? api[name](a) : api[name](a, b);
        return r === undefined || r === null ? "" : String(r);
      } catch (e) {
        return "";
      }
    }
    function set(element, value) {
      value = String(value);
      if (sent[element] === value) return false;
      if (call("LMSSetValue", element, value) === "true") {
        sent[element] = value;
        return true;
      }
      return false;
    }

    // -- localStorage of this course (`saved`, made above: every access may fail)
    function read(suffix) {
      var v = saved ? saved.get(suffix) : null;
      return v && typeof v === "object" && !Array.isArray(v) ? v : null;
    }
    /** A quiz's saved record, read as the quiz page reads it. */
    function quizRecord(id) {
      var raw = read("quiz:" + id);
      return raw && Rec ? Rec.read(raw, quizzes[id]) : null;
    }
    function write(suffix, value) {
      if (saved) saved.set(suffix, value);
    }
    function isPercent(v) {
      return typeof v === "number" && isFinite(v) && v >= 0 && v <= 100;
    }
    function quizIds() {
      var out = [];
      for (var id in quizzes) if (Object.prototype.hasOwnProperty.call(quizzes, id)) out.push(id);
      return out;
    }
    /** {best, passed} of a quiz, at least what was restored; null when never taken. */
    function quizState(id) {
      var rec = quizRecord(id);
      var best = rec && isPercent(rec.best) ? rec.best : null;
      var passed = !!rec && rec.passed === true;
      var f = floor[id];
      if (f) {
        if (best === null || f.best > best) best = f.best;
        passed = passed || f.passed;
      }
      return best === null ? null : { best: best, passed: passed };
    }

    function scenarioIds() {
      var out = [];
      for (var id in scenarios) if (Object.prototype.hasOwnProperty.call(scenarios, id)) out.push(id);
      return out;
    }
    /** Whether best ending `a` ({rating, score}) is better than `b` (or b is null). */
    function betterEnding(a, b) {
      if (!b) return true;
      var ra = Rec.ratingRank(a.rating);
      var rb = Rec.ratingRank(b.rating);
      return ra > rb || (ra === rb && a.score > b.score);
    }
    /** {ending, rating, score, passed} of a scenario's best ending, at least
        what was restored; null when no ending was reached. */
    function scenarioState(id) {
      if (!Rec) return null;
      var meta = scenarios[id];
      var rec = Rec.readScenario(read("scenario:" + id), meta);
      var best = rec.best;
      var f = scenarioFloor[id];
      if (f && betterEnding(f, best)) best = f;
      if (!best) return null;
      return {
        ending: best.ending,
        rating: best.rating,
        score: best.score,
        passed: Rec.scenarioSummary({ best: best, plays: 1 }, meta).passed
      };
    }

    // -- suspend_data: {"v":1,"q":{"<quiz id>":[best,passed]},
    //    "s":{"<scenario id>":["<rating>","<ending id>",score]},"p":["<visited url>"…]}
    // URLs lose ".html"; when too long, visited pages of other modules go
    // first, then the scenarios of other modules.
    function compress() {
      var q = {};
      quizIds().forEach(function (id) {
        var s = quizState(id);
        if (s) q[id] = [Math.round(s.best * 10) / 10, s.passed ? 1 : 0];
      });
      var sc = {};
      var otherScenarios = [];
      scenarioIds().forEach(function (id) {
        var s = scenarioState(id);
        if (!s) return;
        sc[id] = [s.rating, s.ending, s.score];
        if (practised.indexOf(id) < 0) otherScenarios.push(id);
      });
      var visited = read("visited") || {};
      var own = [];
      var other = [];
      for (var url in visited) {
        if (!Object.prototype.hasOwnProperty.call(visited, url)) continue;
        (pages.indexOf(url) >= 0 ? own : other).push(url.replace(/\.html$/, ""));
      }
      own.sort();
      other.sort();
      var doc = { v: 1, q: q, s: sc, p: [] };
      var text = JSON.stringify(doc);
      while (text.length > max && otherScenarios.length) {
        delete sc[otherScenarios.pop()];
        text = JSON.stringify(doc);
      }
      var list = own.concat(other);
      for (var i = 0; i < list.length; i++) {
        var extra = JSON.stringify(list[i]).length + 1;
        if (text.length + extra > max) break;
        doc.p.push(list[i]);
        text = JSON.stringify(doc);
      }
      return text.length <= max ? text : "";
    }
    function restore(text) {
      var doc;
      try {
        doc = JSON.parse(text);
      } catch (e) {
        return;
      }
      if (!doc || doc.v !== 1) return;
      var now = new Date().toISOString();
      if (Array.isArray(doc.p)) {
        var visited = read("visited") || {};
        var changed = false;
        doc.p.forEach(function (u) {
          if (typeof u !== "string" || u === "" || u.length > 255) return;
          var url = u + ".html";
          if (typeof visited[url] !== "string") {
            visited[url] = now;
            changed = true;
          }
        });
        if (changed) write("visited", visited);
      }
      if (doc.q && typeof doc.q === "object") {
        quizIds().forEach(function (id) {
          var e = doc.q[id];
          if (!Array.isArray(e) || !isPercent(e[0])) return;
          var best = e[0];
          var passed = e[1] === 1;
          floor[id] = { best: best, passed: passed };
          if (!Rec) return;
          // What this browser saved stays; the LMS's best score and pass are
          // added to it.
          var rec = Rec.read(read("quiz:" + id), quizzes[id]);
          if (isPercent(rec.best) && rec.best >= best && (rec.passed === true || !passed)) return;
          rec.best = isPercent(rec.best) ? Math.max(rec.best, best) : best;
          rec.passed = rec.passed === true || passed;
          if (!isPercent(rec.lastScore)) rec.lastScore = best;
          if (!(rec.attempts > 0)) rec.attempts = 1;
          if (!rec.updated) rec.updated = now;
          write("quiz:" + id, rec);
        });
      }
      if (doc.s && typeof doc.s === "object" && Rec) {
        scenarioIds().forEach(function (id) {
          var e = doc.s[id];
          if (!Array.isArray(e) || typeof e[1] !== "string" || e[1] === "" || e[1].length > 200 ||
              typeof e[2] !== "number" || !isFinite(e[2])) return;
          var meta = scenarios[id];
          var endings = meta && typeof meta.endings === "object" && meta.endings ? meta.endings : {};
          // Rated as the scenario rates that ending now (as readScenario does).
          var rating = Object.prototype.hasOwnProperty.call(endings, e[1]) ? endings[e[1]] : e[0];
          if (Rec.ratingRank(rating) < 0) return;
          var best = { ending: e[1], rating: rating, score: e[2] };
          scenarioFloor[id] = best;
          // What this browser saved stays unless the LMS's best is better.
          var rec = Rec.readScenario(read("scenario:" + id), meta);
          if (!betterEnding(best, rec.best)) return;
          rec.best = best;
          rec.passed = Rec.scenarioSummary(rec, meta).passed;
          if (!(rec.plays > 0)) rec.plays = 1;
          if (!rec.updated) rec.updated = now;
          write("scenario:" + id, rec);
        });
      }
    }

    // -- what the LMS is told
    function rank(s) {
      return Object.prototype.hasOwnProperty.call(RANK, s) ? RANK[s] : 0;
    }
    function has(s) {
      return s !== null;
    }
    function ok(s) {
      return s !== null && s.passed;
    }
    function update() {
      if (!active || finished) return;
      var changed = false;
      var next = "incomplete";
      // The module's score: its quiz's, or the mean of the quizzes among its
      // lessons (cfg.scored lists which); reported once every one was taken.
      // Its status: passed once every scored quiz is passed and every one of
      // its scenarios has its best ending rated at least its `pass`; failed
      // once each of them has a result and one falls short.
      var scored = Array.isArray(cfg.scored) ? cfg.scored : [];
      if (scored.length || practised.length) {
        var states = scored.map(quizState);
        var played = practised.map(scenarioState);
        if (states.every(ok) && played.every(ok)) next = "passed";
        else if (states.every(has) && played.every(has)) next = "failed";
        if (scored.length && states.every(has)) {
          var sum = 0;
          states.forEach(function (s) {
            sum += s.best;
          });
          var raw = String(Math.round(sum / states.length));
          changed = set("cmi.core.score.min", "0") || changed;
          changed = set("cmi.core.score.max", "100") || changed;
          changed = set("cmi.core.score.raw", raw) || changed;
        }
      } else {
        var visited = read("visited") || {};
        var all = lessons.every(function (u) {
          return typeof visited[u] === "string";
        });
        if (all) next = "completed";
      }
      // Never lower a status the LMS already has (e.g. from an earlier session).
      if (rank(next) > rank(status) && set("cmi.core.lesson_status", next)) {
        status = next;
        changed = true;
      }
      if (lessonLocation) changed = set("cmi.core.lesson_location", lessonLocation) || changed;
      var data = compress();
      if (data) changed = set("cmi.suspend_data", data) || changed;
      if (changed) call("LMSCommit", "");
    }
    function sessionTime() {
      var s = Math.max(0, Math.floor((Date.now() - started) / 1000));
      var h = Math.min(9999, Math.floor(s / 3600));
      function two(n) {
        return (n < 10 ? "0" : "") + n;
      }
      return two(h) + ":" + two(Math.floor(s / 60) % 60) + ":" + two(s % 60);
    }
    function finish() {
      if (!active || finished) return;
      update();
      finished = true;
      window.clearInterval(timer);
      call("LMSSetValue", "cmi.core.session_time", sessionTime());
      // Keep suspend_data (the whole course's progress) for the next session.
      call("LMSSetValue", "cmi.core.exit", "suspend");
      call("LMSCommit", "");
      call("LMSFinish", "");
    }
  }
})();
