// coursegen progress page: visited lessons, quiz results, overall completion,
// reset, export/import of the saved progress and the completion certificate.
// Everything lives in this browser's localStorage; nothing is sent anywhere.
(function () {
  "use strict";

  var body = document.body;
  var page = document.querySelector(".progress-page");
  var course = body && body.getAttribute("data-course");
  if (!page || !course) return;

  var PREFIX = "coursegen:" + course + ":";
  var VISITED = "visited";
  var FORMAT = "coursegen-progress";
  var MAX_IMPORT_BYTES = 1024 * 1024;

  var S = {};
  try {
    var stringsEl = document.getElementById("ui-strings");
    S = JSON.parse(stringsEl ? stringsEl.textContent : "{}") || {};
  } catch (e) { S = {}; }
  function str(key, fallback) {
    return typeof S[key] === "string" ? S[key] : fallback;
  }

  // ---- storage (every access may throw: disabled storage, quota, privacy mode)
  function storage() {
    try { return window.localStorage || null; } catch (e) { return null; }
  }
  function readJson(suffix) {
    var ls = storage();
    if (!ls) return null;
    try {
      var raw = ls.getItem(PREFIX + suffix);
      return raw === null ? null : JSON.parse(raw);
    } catch (e) { return null; }
  }
  function writeJson(suffix, value) {
    var ls = storage();
    if (!ls) return false;
    try { ls.setItem(PREFIX + suffix, JSON.stringify(value)); return true; } catch (e) { return false; }
  }
  function removeKey(suffix) {
    var ls = storage();
    if (!ls) return;
    try { ls.removeItem(PREFIX + suffix); } catch (e) { /* ignore */ }
  }
  function courseSuffixes() {
    var ls = storage();
    var out = [];
    if (!ls) return out;
    try {
      for (var i = 0; i < ls.length; i++) {
        var k = ls.key(i);
        if (k && k.indexOf(PREFIX) === 0) out.push(k.slice(PREFIX.length));
      }
    } catch (e) { /* ignore */ }
    return out;
  }

  // ---- shapes
  function isPlainObject(v) {
    return v !== null && typeof v === "object" && !Array.isArray(v);
  }
  function isPercent(v) {
    return typeof v === "number" && isFinite(v) && v >= 0 && v <= 100;
  }
  function validVisited(v) {
    if (!isPlainObject(v)) return false;
    for (var k in v) {
      if (Object.prototype.hasOwnProperty.call(v, k) && typeof v[k] !== "string") return false;
    }
    return true;
  }
  function validQuiz(v) {
    if (!isPlainObject(v)) return false;
    if ("version" in v && typeof v.version !== "number" && typeof v.version !== "string") return false;
    if ("answers" in v && !isPlainObject(v.answers)) return false;
    if ("results" in v) {
      if (!isPlainObject(v.results)) return false;
      for (var k in v.results) {
        if (Object.prototype.hasOwnProperty.call(v.results, k) && typeof v.results[k] !== "boolean") return false;
      }
    }
    if ("best" in v && v.best !== null && !isPercent(v.best)) return false;
    if ("lastScore" in v && v.lastScore !== null && !isPercent(v.lastScore)) return false;
    if ("passed" in v && typeof v.passed !== "boolean") return false;
    if ("attempts" in v && !(typeof v.attempts === "number" && isFinite(v.attempts) && v.attempts >= 0)) return false;
    if ("updated" in v && v.updated !== null && typeof v.updated !== "string") return false;
    return true;
  }
  var SAFE_SUFFIX = /^[A-Za-z0-9_.\-]+(:[A-Za-z0-9_.\-]+)*$/;
  function validEntry(suffix, value) {
    if (typeof suffix !== "string" || suffix.length > 200 || !SAFE_SUFFIX.test(suffix)) return false;
    if (suffix === VISITED) return validVisited(value);
    if (suffix.indexOf("quiz:") === 0) return validQuiz(value);
    // Keys of other scripts of this course: keep them if they are plain JSON.
    return value !== undefined;
  }

  function visitedMap() {
    var v = readJson(VISITED);
    return validVisited(v) ? v : {};
  }
  function quizRecord(id) {
    var v = readJson("quiz:" + id);
    return validQuiz(v) ? v : null;
  }

  // ---- small DOM helpers (text only, never HTML)
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
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
    if (!status) return;
    status.textContent = "";
    // A fresh text node after clearing makes screen readers repeat a message.
    window.setTimeout(function () { status.textContent = text; }, 50);
  }

  // ---- per-module status, built once and updated by render()
  modules.forEach(function (mod) {
    var title = mod.querySelector("h2");
    var summary = el("p", "progress-summary");
    var lessonsList = mod.querySelector(".progress-lessons");
    if (lessonsList) mod.insertBefore(summary, lessonsList); else mod.appendChild(summary);
    var quizP = mod.querySelector(".progress-quiz");
    if (quizP) {
      quizP.appendChild(document.createTextNode(" "));
      quizP.appendChild(el("span", "progress-quiz-score"));
      quizP.appendChild(document.createTextNode(" "));
      quizP.appendChild(el("span", "progress-quiz-state"));
    }
    var reset = el("button", "progress-reset-module", str("reset_module", "Reset"));
    reset.type = "button";
    if (title) reset.setAttribute("aria-label", str("reset_module", "Reset") + "：" + title.textContent.trim());
    reset.addEventListener("click", function () { resetModule(mod); });
    mod.appendChild(reset);
    Array.prototype.forEach.call(mod.querySelectorAll(".progress-lessons > li"), function (li) {
      var mark = el("span", "progress-mark");
      mark.appendChild(el("span", "progress-mark-icon", "✔"));
      mark.appendChild(document.createTextNode(" " + str("visited", "visited")));
      mark.hidden = true;
      li.appendChild(document.createTextNode(" "));
      li.appendChild(mark);
    });
  });

  function render() {
    var visited = visitedMap();
    var done = 0, total = 0, quizzes = 0, passedQuizzes = 0;
    var latest = null;
    modules.forEach(function (mod) {
      var lessons = mod.querySelectorAll(".progress-lessons > li[data-url]");
      var seen = 0;
      Array.prototype.forEach.call(lessons, function (li) {
        var url = li.getAttribute("data-url");
        var is = Object.prototype.hasOwnProperty.call(visited, url);
        li.classList.toggle("is-visited", is);
        var mark = li.querySelector(".progress-mark");
        if (mark) mark.hidden = !is;
        if (is) seen++;
      });
      mod.querySelector(".progress-summary").textContent =
        str("visited", "Visited") + " " + seen + " / " + lessons.length;
      done += seen;
      total += lessons.length;

      var quizId = mod.getAttribute("data-quiz");
      var quizP = mod.querySelector(".progress-quiz");
      if (quizId && quizP) {
        quizzes++;
        total++;
        var rec = quizRecord(quizId);
        var attempted = !!rec && isPercent(rec.best);
        var passed = !!rec && rec.passed === true;
        quizP.querySelector(".progress-quiz-score").textContent = attempted
          ? str("best_score", "Best") + " " + percentText(rec.best)
          : str("not_attempted", "Not attempted");
        var state = quizP.querySelector(".progress-quiz-state");
        state.textContent = passed ? "✔ " + str("passed", "Passed")
          : attempted ? "✘ " + str("failed", "Not passed") : "";
        state.className = "progress-quiz-state" + (passed ? " is-passed" : attempted ? " is-failed" : "");
        mod.classList.toggle("quiz-passed", passed);
        if (passed) {
          passedQuizzes++;
          done++;
          var when = rec.updated ? new Date(rec.updated) : null;
          if (when && !isNaN(when.getTime()) && (!latest || when > latest)) latest = when;
        }
      }
    });

    var pct = total ? Math.round((done / total) * 1000) / 10 : 0;
    if (overallBar) {
      overallBar.value = pct;
      overallBar.textContent = percentText(pct);
    }
    if (overallValue) overallValue.textContent = percentText(pct);
    if (overallSection) overallSection.hidden = false;
    if (tools) tools.hidden = false;

    if (certSection) {
      var unlocked = quizzes > 0 && passedQuizzes === quizzes;
      certSection.hidden = quizzes === 0;
      certLocked.hidden = unlocked;
      certForm.hidden = !unlocked;
      if (!unlocked) certBlock.hidden = true;
      lastCompletion = unlocked ? (latest || new Date()) : null;
    }
  }

  function confirmReset() {
    try { return window.confirm(str("reset_confirm", "Clear this progress?")); } catch (e) { return false; }
  }

  function resetModule(mod) {
    if (!confirmReset()) return;
    var visited = visitedMap();
    Array.prototype.forEach.call(mod.querySelectorAll(".progress-lessons > li[data-url]"), function (li) {
      delete visited[li.getAttribute("data-url")];
    });
    writeJson(VISITED, visited);
    var quizId = mod.getAttribute("data-quiz");
    if (quizId) removeKey("quiz:" + quizId);
    render();
  }

  function resetAll() {
    if (!confirmReset()) return;
    courseSuffixes().forEach(removeKey);
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
    var ok = entries !== null && storage() !== null;
    if (ok) {
      for (var i = 0; i < entries.length; i++) {
        if (!writeJson(entries[i][0], entries[i][1])) ok = false;
      }
    }
    render();
    announce(ok ? str("import_done", "Imported") : str("import_failed", "Import failed"));
  }

  var fileInput = page.querySelector("#progress-import-file");
  if (fileInput) {
    fileInput.addEventListener("change", function () {
      var file = fileInput.files && fileInput.files[0];
      if (!file) return;
      var done = function (text) {
        fileInput.value = "";
        if (text === null) {
          announce(str("import_failed", "Import failed"));
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
    if (!e.key || e.key.indexOf(PREFIX) === 0) render();
  });
  window.addEventListener("pageshow", function (e) { if (e.persisted) render(); });

  render();

  // For tests and tooling: the same code paths as the buttons.
  window.coursegenProgress = { render: render, importText: importText, exportProgress: exportProgress };
})();
