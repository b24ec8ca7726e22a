// coursegen progress page: visited lessons, quiz results, role-play scenarios'
// best endings, overall completion,
// reset, export/import of the saved progress and the completion certificate.
// Everything lives in this browser's localStorage; nothing is sent anywhere.
(function () {
  "use strict";

  var body = document.body;
  var page = document.querySelector(".progress-page");
  var course = body && body.getAttribute("data-course");
  var Rec = window.coursegenRecords;
  var Ui = window.coursegenUi;
  if (!page || !course || !Rec || !Ui) return;

  var VISITED = "visited";
  var FORMAT = "coursegen-progress";
  var MAX_IMPORT_BYTES = 1024 * 1024;

  var str = Ui.strings("ui-strings");
  var fmt = Ui.fmt;
  var el = Ui.el;
  var sstr = Ui.strings("scenario-strings");
  var META = Ui.json("progress-meta") || { lessons: [], quizzes: {} };
  var STARS = { excellent: "★★★", acceptable: "★★☆", poor: "★☆☆" };

  // ---- this course's saved values (every access may fail: see progress-core.js)
  var saved = Rec.store(Ui.storage, course);
  var readJson = saved.get;
  var writeJson = saved.set;
  var removeKey = saved.remove;
  var courseSuffixes = saved.suffixes;

  // ---- shapes
  function isPlainObject(v) {
    return v !== null && typeof v === "object" && !Array.isArray(v);
  }
  function validVisited(v) {
    if (!isPlainObject(v)) return false;
    for (var k in v) {
      if (Object.prototype.hasOwnProperty.call(v, k) && typeof v[k] !== "string") return false;
    }
    return true;
  }
  // Letters and digits of any script (module folders may be named in
  // Chinese), `_.-`, and `/` (a quiz among the lessons: quiz:<module>/<quiz>).
  var SAFE_SUFFIX = /^[\p{L}\p{N}_./-]+(:[\p{L}\p{N}_./-]+)*$/u;
  function validEntry(suffix, value) {
    if (typeof suffix !== "string" || suffix.length > 200 || !SAFE_SUFFIX.test(suffix)) return false;
    if (suffix === VISITED) return validVisited(value);
    if (suffix.indexOf("quiz:") === 0) return Rec.validRecord(value);
    if (suffix.indexOf("scenario:") === 0) return Rec.validScenarioRecord(value);
    // Keys of other scripts of this course: keep them if they are plain JSON.
    return value !== undefined;
  }

  function visitedMap() {
    var v = readJson(VISITED);
    return validVisited(v) ? v : {};
  }

  /** A rating in words (`excellent` → 优秀). */
  function ratingLabel(r) {
    return Object.prototype.hasOwnProperty.call(STARS, r) ? sstr("rating_" + r) : String(r || "");
  }

  function percentText(n) {
    return (Math.round(n * 10) / 10) + "%";
  }
  function lang() {
    return document.documentElement.getAttribute("lang") || undefined;
  }
  function formatDate(d) {
    try { return d.toLocaleDateString(lang(), { year: "numeric", month: "long", day: "numeric" }); } catch (e) {
      return d.toISOString().slice(0, 10);
    }
  }

  var modules = Array.prototype.slice.call(page.querySelectorAll(".progress-module"));
  var overallSection = page.querySelector(".progress-overall");
  var overallBar = page.querySelector("#progress-overall-bar");
  var overallValue = page.querySelector(".progress-overall-value");
  var tools = page.querySelector(".progress-tools");
  var status = page.querySelector(".progress-status");
  var certSection = page.querySelector(".progress-certificate");
  var certLocked = page.querySelector(".certificate-locked");
  var certForm = page.querySelector(".certificate-form");
  var certBlock = page.querySelector(".certificate");
  var nameInput = page.querySelector("#progress-learner-name");
  var lastCompletion = null;

  function announce(text) {
    Ui.announce(status, text);
  }

  var countsLine = page.querySelector(".progress-counts");
  var missingSection = page.querySelector(".progress-missing");

  // ---- per-module status, built once and updated by render()
  modules.forEach(function (mod) {
    var title = mod.querySelector("h2");
    var summary = el("p", "progress-summary");
    var lessonsList = mod.querySelector(".progress-lessons");
    if (lessonsList) mod.insertBefore(summary, lessonsList); else mod.insertBefore(summary, title.nextSibling);
    Array.prototype.forEach.call(mod.querySelectorAll(".progress-quiz[data-quiz]"), function (quizP) {
      quizP.appendChild(document.createTextNode(" "));
      quizP.appendChild(el("span", "progress-quiz-state"));
      quizP.appendChild(document.createTextNode(" "));
      quizP.appendChild(el("span", "progress-quiz-score"));
    });
    Array.prototype.forEach.call(mod.querySelectorAll(".progress-scenario[data-scenario]"), function (line) {
      line.appendChild(document.createTextNode(" "));
      line.appendChild(el("span", "progress-quiz-state"));
      line.appendChild(document.createTextNode(" "));
      var best = el("span", "progress-scenario-best");
      // The stars repeat the rating's words for the eye (screen readers get the words).
      var stars = el("span", "progress-stars");
      stars.setAttribute("aria-hidden", "true");
      best.appendChild(stars);
      best.appendChild(el("span", "progress-quiz-score"));
      line.appendChild(best);
    });
    var reset = el("button", "progress-reset-module", str("reset_module"));
    reset.type = "button";
    if (title) reset.setAttribute("aria-label", str("reset_module") + "：" + title.textContent.trim());
    reset.addEventListener("click", function () { resetModule(mod); });
    mod.appendChild(reset);
    Array.prototype.forEach.call(mod.querySelectorAll(".progress-lessons > li[data-url]"), function (li) {
      var mark = el("span", "progress-mark");
      mark.appendChild(el("span", "progress-mark-icon", "✔"));
      mark.appendChild(document.createTextNode(" " + str("visited_mark")));
      mark.hidden = true;
      li.appendChild(document.createTextNode(" "));
      li.appendChild(mark);
    });
  });

  /** A list of links to the pages `urls` (their titles taken from the module list). */
  function fillMissing(box, title, items) {
    if (!box) return;
    box.hidden = items.length === 0;
    box.querySelector(".progress-missing-title").textContent = title;
    var ul = box.querySelector("ul");
    while (ul.firstChild) ul.removeChild(ul.firstChild);
    items.forEach(function (it) {
      var li = el("li");
      var a = el("a", null, it.text);
      a.setAttribute("href", it.href);
      li.appendChild(a);
      ul.appendChild(li);
    });
  }
  function linkOf(a) {
    return { text: a.textContent.trim(), href: a.getAttribute("href") };
  }

  function render() {
    var visited = visitedMap();
    var st = Rec.courseStatus(function (suffix) { return readJson(suffix); }, META);
    var latest = null;
    function later(iso) {
      var when = typeof iso === "string" ? new Date(iso) : null;
      if (when && !isNaN(when.getTime()) && (!latest || when > latest)) latest = when;
    }
    var missingLessons = [];
    var missingQuizzes = [];
    var missingScenarios = [];
    modules.forEach(function (mod) {
      var lessons = mod.querySelectorAll(".progress-lessons > li[data-url]");
      var seen = 0;
      Array.prototype.forEach.call(lessons, function (li) {
        var url = li.getAttribute("data-url");
        var is = Object.prototype.hasOwnProperty.call(visited, url);
        li.classList.toggle("is-visited", is);
        var mark = li.querySelector(".progress-mark");
        if (mark) mark.hidden = !is;
        if (is) { seen++; later(visited[url]); }
        else if (st.missingLessons.indexOf(url) >= 0) missingLessons.push(linkOf(li.querySelector("a")));
      });
      mod.querySelector(".progress-summary").textContent = lessons.length
        ? str("visited") + " " + seen + " / " + lessons.length : "";

      // Every quiz of the module: those among its lessons, then its own.
      var quizzesPassed = true;
      Array.prototype.forEach.call(mod.querySelectorAll(".progress-quiz[data-quiz]"), function (quizP) {
        var quizId = quizP.getAttribute("data-quiz");
        var s = st.quizzes[quizId];
        if (!s) return;
        var parts = [];
        if (s.started) {
          parts.push(fmt(str("answered_of"), { k: s.answered, n: s.total }));
          parts.push(fmt(str("correct_of"), { k: s.correct, n: s.total }));
          if (s.best !== null) parts.push(str("best_score") + " " + percentText(s.best));
        }
        quizP.querySelector(".progress-quiz-score").textContent = parts.length ? parts.join(" · ") : "";
        var state = quizP.querySelector(".progress-quiz-state");
        // Failed only once the learner finished an attempt; before, in progress.
        var failed = !s.passed && (s.attempts > 0 || s.complete);
        state.textContent = s.passed ? "✔ " + str("passed") : failed ? "✘ " + str("failed")
          : s.started ? str("in_progress") : str("not_attempted");
        state.className = "progress-quiz-state" + (s.passed ? " is-passed" : failed ? " is-failed" : "");
        if (s.passed) {
          var rec = readJson("quiz:" + quizId);
          later(rec && rec.updated);
        } else {
          quizzesPassed = false;
          missingQuizzes.push(linkOf(quizP.querySelector("a")));
        }
      });
      mod.classList.toggle("quiz-passed", quizzesPassed && mod.querySelector(".progress-quiz[data-quiz]") !== null);

      // Its scenarios: the best ending reached (rating in words and stars,
      // and the ending's title), and whether that completes the scenario.
      Array.prototype.forEach.call(mod.querySelectorAll(".progress-scenario[data-scenario]"), function (line) {
        var id = line.getAttribute("data-scenario");
        var s = st.scenarios[id];
        if (!s) return;
        var meta = (isPlainObject(META.scenarios) && META.scenarios[id]) || {};
        var failed = !s.passed && s.best !== null;
        var state = line.querySelector(".progress-quiz-state");
        state.textContent = s.passed ? "✔ " + sstr("passed")
          : failed ? "✘ " + fmt(sstr("not_passed"), { rating: ratingLabel(meta.pass) })
          : s.started ? sstr("in_progress") : sstr("not_played");
        state.className = "progress-quiz-state" + (s.passed ? " is-passed" : failed ? " is-failed" : "");
        var titles = isPlainObject(META.endingTitles) && isPlainObject(META.endingTitles[id]) ? META.endingTitles[id] : {};
        var title = s.ending !== null && typeof titles[s.ending] === "string" ? titles[s.ending] : null;
        line.querySelector(".progress-stars").textContent = s.best !== null ? STARS[s.best] + " " : "";
        line.querySelector(".progress-scenario-best .progress-quiz-score").textContent = s.best === null ? ""
          : title !== null ? fmt(sstr("best_result"), { rating: ratingLabel(s.best), title: title })
          : sstr("rating") + sstr("colon") + ratingLabel(s.best);
        line.classList.toggle("is-played", s.best !== null);
        if (s.passed) {
          var rec = readJson("scenario:" + id);
          later(rec && rec.updated);
        } else {
          missingScenarios.push(linkOf(line.querySelector("a")));
        }
      });
    });

    var pct = st.percent;
    if (overallBar) {
      overallBar.value = pct;
      overallBar.textContent = percentText(pct);
    }
    if (overallValue) overallValue.textContent = percentText(pct);
    if (countsLine) {
      var counts = [];
      if (st.lessonsTotal) counts.push(str("visited") + " " + st.lessonsVisited + " / " + st.lessonsTotal);
      var quizTotal = Object.keys(st.quizzes).length;
      if (quizTotal) counts.push(fmt(str("quizzes_passed_of"), { k: quizTotal - st.missingQuizzes.length, n: quizTotal }));
      var scenarioTotal = Object.keys(st.scenarios).length;
      if (scenarioTotal) {
        counts.push(fmt(sstr("scenarios_passed_of"), { k: scenarioTotal - st.missingScenarios.length, n: scenarioTotal }));
      }
      countsLine.textContent = counts.join(" · ");
    }
    if (overallSection) overallSection.hidden = false;
    if (tools) tools.hidden = false;
    var completeNote = page.querySelector(".progress-complete");
    if (completeNote) completeNote.hidden = !st.complete;
    if (missingSection) {
      missingSection.hidden = st.complete;
      fillMissing(missingSection.querySelector(".progress-missing-quizzes"), fmt(str("missing_quizzes"), { n: missingQuizzes.length }), missingQuizzes);
      fillMissing(missingSection.querySelector(".progress-missing-scenarios"), fmt(sstr("missing_scenarios"), { n: missingScenarios.length }), missingScenarios);
      fillMissing(missingSection.querySelector(".progress-missing-lessons"), fmt(str("missing_lessons"), { n: missingLessons.length }), missingLessons);
    }

    if (certSection) {
      var unlocked = st.complete;
      certSection.hidden = Object.keys(st.quizzes).length === 0 && Object.keys(st.scenarios).length === 0 &&
        st.lessonsTotal === 0;
      certLocked.hidden = unlocked;
      certForm.hidden = !unlocked;
      if (!unlocked) certBlock.hidden = true;
      lastCompletion = unlocked ? (latest || new Date()) : null;
    }
  }

  function confirmReset() {
    try { return window.confirm(str("reset_confirm")); } catch (e) { return false; }
  }

  function resetModule(mod) {
    if (!confirmReset()) return;
    var visited = visitedMap();
    Array.prototype.forEach.call(mod.querySelectorAll(".progress-lessons > li[data-url]"), function (li) {
      delete visited[li.getAttribute("data-url")];
    });
    writeJson(VISITED, visited);
    Array.prototype.forEach.call(mod.querySelectorAll(".progress-quiz[data-quiz]"), function (quizP) {
      removeKey("quiz:" + quizP.getAttribute("data-quiz"));
    });
    Array.prototype.forEach.call(mod.querySelectorAll(".progress-scenario[data-scenario]"), function (line) {
      removeKey("scenario:" + line.getAttribute("data-scenario"));
    });
    render();
  }

  function resetAll() {
    if (!confirmReset()) return;
    // The marker of progress carried over from the title's key stays, so
    // that progress does not come back.
    courseSuffixes().forEach(function (suffix) { if (suffix !== "migrated") removeKey(suffix); });
    render();
  }

  // ---- export / import
  function exportProgress() {
    var data = {};
    courseSuffixes().forEach(function (suffix) {
      var v = readJson(suffix);
      if (v !== null) data[suffix] = v;
    });
    var doc = { format: FORMAT, version: 1, course: course, exported: new Date().toISOString(), data: data };
    var blob = new Blob([JSON.stringify(doc, null, 2) + "\n"], { type: "application/json" });
    var url = URL.createObjectURL(blob);
    var a = document.createElement("a");
    a.href = url;
    a.download = course + "-progress.json";
    a.hidden = true;
    body.appendChild(a);
    a.click();
    body.removeChild(a);
    window.setTimeout(function () {
      try { URL.revokeObjectURL(url); } catch (e) { /* ignore */ }
    }, 1000);
  }

  // Returns the entries to write, or null when the document is not a valid
  // progress file of this course.
  function parseImport(text) {
    var doc;
    try { doc = JSON.parse(text); } catch (e) { return null; }
    if (!isPlainObject(doc) || doc.format !== FORMAT || doc.version !== 1 ||
        doc.course !== course || !isPlainObject(doc.data)) return null;
    var entries = [];
    for (var suffix in doc.data) {
      if (!Object.prototype.hasOwnProperty.call(doc.data, suffix)) continue;
      if (!validEntry(suffix, doc.data[suffix])) return null;
      entries.push([suffix, doc.data[suffix]]);
    }
    return entries;
  }

  function importText(text) {
    var entries = parseImport(text);
    var ok = entries !== null && saved.available();
    if (ok) {
      for (var i = 0; i < entries.length; i++) {
        if (!writeJson(entries[i][0], entries[i][1])) ok = false;
      }
    }
    render();
    announce(ok ? str("import_done") : str("import_failed"));
  }

  var fileInput = page.querySelector("#progress-import-file");
  if (fileInput) {
    fileInput.addEventListener("change", function () {
      var file = fileInput.files && fileInput.files[0];
      if (!file) return;
      var done = function (text) {
        fileInput.value = "";
        if (text === null) {
          announce(str("import_failed"));
        } else {
          importText(text);
        }
      };
      if (file.size > MAX_IMPORT_BYTES || typeof FileReader === "undefined") { done(null); return; }
      var reader = new FileReader();
      reader.onload = function () { done(typeof reader.result === "string" ? reader.result : null); };
      reader.onerror = function () { done(null); };
      reader.readAsText(file);
    });
  }

  var exportButton = page.querySelector(".progress-export");
  if (exportButton) exportButton.addEventListener("click", exportProgress);
  var resetAllButton = page.querySelector(".progress-reset-all");
  if (resetAllButton) resetAllButton.addEventListener("click", resetAll);

  // ---- certificate
  // The class limits printing to the certificate; only our button sets it, and
  // a print started from the browser menu afterwards prints the whole page.
  var printingCertificate = false;
  window.addEventListener("beforeprint", function () {
    if (!printingCertificate) body.classList.remove("printing-certificate");
  });
  window.addEventListener("afterprint", function () {
    printingCertificate = false;
    body.classList.remove("printing-certificate");
  });

  var printButton = page.querySelector(".print-certificate");
  if (printButton && nameInput && certBlock) {
    printButton.addEventListener("click", function () {
      var name = nameInput.value.trim();
      if (!name) {
        nameInput.setAttribute("aria-invalid", "true");
        nameInput.focus();
        return;
      }
      nameInput.removeAttribute("aria-invalid");
      certBlock.querySelector(".certificate-name").textContent = name;
      var title = document.querySelector(".site-title");
      if (title) certBlock.querySelector(".certificate-course").textContent = title.textContent.trim();
      certBlock.querySelector(".certificate-date-value").textContent = formatDate(lastCompletion || new Date());
      certBlock.hidden = false;
      printingCertificate = true;
      body.classList.add("printing-certificate");
      try { window.print(); } catch (e) { /* printing unavailable */ }
      printingCertificate = false;
    });
    nameInput.addEventListener("input", function () { nameInput.removeAttribute("aria-invalid"); });
  }

  // Other tabs (a quiz finished elsewhere) and back/forward navigation.
  window.addEventListener("storage", function (e) {
    if (!e.key || e.key.indexOf(Rec.key(course, "")) === 0) render();
  });
  window.addEventListener("pageshow", function (e) { if (e.persisted) render(); });

  render();

  // For tests and tooling: the same code paths as the buttons.
  window.coursegenProgress = { render: render, importText: importText, exportProgress: exportProgress };
})();
