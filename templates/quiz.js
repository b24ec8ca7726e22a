// coursegen quiz page: grades answers in the browser, shows the pre-rendered
// feedback, keeps answers and scores in localStorage. No network, no HTML
// strings: text goes in with textContent, feedback is shown via `hidden`.
(function () {
  "use strict";

  var form = document.getElementById("quiz");
  if (!form) return;

  function readJson(id) {
    var el = document.getElementById(id);
    if (!el) return null;
    try {
      return JSON.parse(el.textContent);
    } catch (e) {
      return null;
    }
  }

  var key = readJson("quiz-key");
  var T = readJson("ui-strings") || {};
  if (!key || !Array.isArray(key.questions)) return;

  function str(name, fallback) {
    return typeof T[name] === "string" ? T[name] : fallback;
  }
  function fmt(s, n) {
    return s.split("{n}").join(String(n));
  }
  function each(list, fn) {
    Array.prototype.forEach.call(list, fn);
  }
  function qsa(root, sel) {
    return Array.prototype.slice.call(root.querySelectorAll(sel));
  }

  // ---- answer normalisation (same as normalize_answer in src/quiz/model.rs)
  var WS = /[\t\n\u000b\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;
  function normalize(s) {
    var out = "";
    for (var i = 0; i < s.length; i++) {
      var c = s.charCodeAt(i);
      if (c === 0x3000) out += " ";
      else if (c >= 0xff01 && c <= 0xff5e) out += String.fromCharCode(c - 0xfee0);
      else out += s.charAt(i);
    }
    return out
      .split(WS)
      .filter(function (p) {
        return p !== "";
      })
      .join(" ")
      .toLowerCase();
  }
  var NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/;
  function parseNumber(raw) {
    var s = normalize(raw).replace(/\u2212/g, "-").replace(/ /g, "");
    if (!NUMBER.test(s)) return null;
    var x = Number(s);
    return isFinite(x) ? x : null;
  }

  // ---- storage (may be unavailable: private mode, file:// policies, quota)
  var course = (document.body && document.body.getAttribute("data-course")) || "";
  var storeKey = "coursegen:" + course + ":quiz:" + (form.getAttribute("data-quiz-id") || "");
  function load() {
    try {
      var raw = window.localStorage.getItem(storeKey);
      if (!raw) return null;
      var v = JSON.parse(raw);
      return v && typeof v === "object" && !Array.isArray(v) ? v : null;
    } catch (e) {
      return null;
    }
  }
  function freshRecord() {
    return {
      version: key.version,
      answers: {},
      results: {},
      best: null,
      lastScore: null,
      passed: false,
      attempts: 0,
      updated: null
    };
  }
  var record = freshRecord();
  function save() {
    record.updated = new Date().toISOString();
    try {
      window.localStorage.setItem(storeKey, JSON.stringify(record));
    } catch (e) {
      /* storage unavailable: the quiz still works for this visit */
    }
    document.dispatchEvent(new CustomEvent("coursegen:progress"));
  }

  // ---- questions
  var byId = {};
  key.questions.forEach(function (k) {
    if (k && typeof k.id === "string") byId[k.id] = k;
  });
  var questions = [];
  each(form.querySelectorAll("li.question"), function (li) {
    var k = byId[li.getAttribute("data-qid")];
    if (!k) return;
    var q = {
      el: li,
      id: k.id,
      type: k.type || li.getAttribute("data-type"),
      key: k,
      result: li.querySelector(".q-result"),
      ordering: li.querySelector("ol.ordering"),
      initialOrder: null
    };
    if (q.ordering) q.initialOrder = qsa(q.ordering, ".order-item");
    questions.push(q);
  });
  function questionOf(node) {
    for (var i = 0; i < questions.length; i++) {
      if (questions[i].el.contains(node)) return questions[i];
    }
    return null;
  }

  each(form.querySelectorAll("details.answer-key"), function (d) {
    d.hidden = true;
  });

  // ---- reading and writing answers
  function inputs(q, sel) {
    return qsa(q.el, sel || "fieldset input");
  }
  function orderItems(q) {
    return q.ordering ? qsa(q.ordering, ".order-item") : [];
  }
  /** The answer as stored: string, array, or null when unanswered. */
  function getAnswer(q) {
    switch (q.type) {
      case "single":
      case "true-false": {
        var on = inputs(q).filter(function (i) {
          return i.checked;
        })[0];
        return on ? on.value : null;
      }
      case "multiple": {
        var vals = inputs(q)
          .filter(function (i) {
            return i.checked;
          })
          .map(function (i) {
            return i.value;
          });
        return vals.length ? vals : null;
      }
      case "fill-in":
      case "numeric": {
        var t = q.el.querySelector("fieldset input[type=text]");
        return t && t.value.trim() !== "" ? t.value : null;
      }
      case "ordering":
        return orderItems(q).map(function (li) {
          return Number(li.getAttribute("data-item"));
        });
      case "matching": {
        var sel = qsa(q.el, "select");
        var v = sel.map(function (s) {
          return s.value;
        });
        return v.some(function (x) {
          return x !== "";
        })
          ? v
          : null;
      }
    }
    return null;
  }
  function setAnswer(q, v) {
    switch (q.type) {
      case "single":
      case "true-false":
        inputs(q).forEach(function (i) {
          i.checked = v !== null && i.value === String(v);
        });
        break;
      case "multiple":
        inputs(q).forEach(function (i) {
          i.checked = Array.isArray(v) && v.map(String).indexOf(i.value) >= 0;
        });
        break;
      case "fill-in":
      case "numeric": {
        var t = q.el.querySelector("fieldset input[type=text]");
        if (t) t.value = typeof v === "string" ? v : "";
        break;
      }
      case "ordering": {
        var items = orderItems(q);
        if (Array.isArray(v) && v.length === items.length) {
          var byItem = {};
          items.forEach(function (li) {
            byItem[li.getAttribute("data-item")] = li;
          });
          var lis = v.map(function (n) {
            return byItem[String(n)];
          });
          if (lis.every(Boolean) && new Set(v.map(String)).size === lis.length) {
            lis.forEach(function (li) {
              q.ordering.appendChild(li);
            });
          }
        }
        updateMoveButtons(q);
        break;
      }
      case "matching":
        qsa(q.el, "select").forEach(function (s, i) {
          var want = Array.isArray(v) && typeof v[i] === "string" ? v[i] : "";
          var ok = qsa(s, "option").some(function (o) {
            return o.value === want;
          });
          s.value = ok ? want : "";
        });
        break;
    }
  }

  // ---- grading
  /** true / false, or a message string when the answer cannot be graded. */
  function grade(q) {
    var k = q.key;
    var v = getAnswer(q);
    if (q.type === "matching") {
      if (
        v === null ||
        v.some(function (x) {
          return x === "";
        })
      )
        return str("unanswered", "Please answer first");
      return qsa(q.el, "select").every(function (s) {
        return s.value === s.getAttribute("data-left");
      });
    }
    if (v === null) return str("unanswered", "Please answer first");
    switch (q.type) {
      case "single":
      case "multiple": {
        var chosen = (Array.isArray(v) ? v : [v]).map(Number).sort();
        var correct = (k.correct || []).slice().sort();
        return chosen.length === correct.length && chosen.every(function (x, i) {
          return x === correct[i];
        });
      }
      case "true-false":
        return (v === "true") === (k.answer === true);
      case "fill-in": {
        var n = normalize(v);
        return (k.answers || []).some(function (a) {
          return normalize(String(a)) === n;
        });
      }
      case "numeric": {
        var x = parseNumber(v);
        if (x === null) return str("not_a_number", "Please enter a number");
        return Math.abs(x - Number(k.answer)) <= Number(k.tolerance || 0) + 1e-9;
      }
      case "ordering":
        return v.every(function (item, i) {
          return item === i;
        });
    }
    return false;
  }

  function clearDisplay(q) {
    q.el.classList.remove("is-correct", "is-incorrect");
    if (q.result) q.result.textContent = "";
    each(q.el.querySelectorAll(".option-feedback, .explanation"), function (f) {
      f.hidden = true;
    });
  }
  function showFeedback(q, ok) {
    var v = getAnswer(q);
    var shown = [];
    if (q.type === "single" || q.type === "multiple") shown = Array.isArray(v) ? v : [v];
    else if (q.type === "true-false" && !ok) shown = ["wrong"];
    each(q.el.querySelectorAll(".option-feedback"), function (f) {
      f.hidden = shown.indexOf(f.getAttribute("data-option")) < 0;
    });
    each(q.el.querySelectorAll(".explanation"), function (f) {
      f.hidden = false;
    });
  }
  /** Grades and shows one question; returns true / false, or null when not gradable. */
  function check(q, forSubmit) {
    var g = grade(q);
    clearDisplay(q);
    if (typeof g === "string") {
      if (q.result) q.result.textContent = g;
      if (!forSubmit) return null;
      q.el.classList.add("is-incorrect");
      return false;
    }
    q.el.classList.add(g ? "is-correct" : "is-incorrect");
    if (q.result) {
      q.result.textContent = g ? "✔ " + str("correct", "Correct") : "✘ " + str("incorrect", "Incorrect");
    }
    showFeedback(q, g);
    return g;
  }

  // ---- ordering
  function updateMoveButtons(q) {
    var items = orderItems(q);
    items.forEach(function (li, i) {
      var up = li.querySelector(".move-up");
      var down = li.querySelector(".move-down");
      if (up) up.disabled = i === 0;
      if (down) down.disabled = i === items.length - 1;
    });
  }
  function move(q, btn, up) {
    var li = btn.closest(".order-item");
    if (!li) return;
    var other = up ? li.previousElementSibling : li.nextElementSibling;
    if (!other) return;
    // Move the neighbour rather than the focused item, so focus stays put.
    if (up) q.ordering.insertBefore(other, li.nextSibling);
    else q.ordering.insertBefore(other, li);
    updateMoveButtons(q);
    var target = btn.disabled ? li.querySelector(up ? ".move-down" : ".move-up") : btn;
    if (target && document.activeElement !== target) target.focus();
    answerChanged(q);
    if (q.result) q.result.textContent = fmt(str("moved", "Moved to position {n}"), orderItems(q).indexOf(li) + 1);
  }

  // ---- shuffling
  function shuffled(arr) {
    var a = arr.slice();
    for (var i = a.length - 1; i > 0; i--) {
      var j = Math.floor(Math.random() * (i + 1));
      var t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
    return a;
  }
  function shuffleQuestion(q) {
    if (q.type === "single" || q.type === "multiple" || q.type === "true-false") {
      each(q.el.querySelectorAll(".options"), function (box) {
        shuffled(qsa(box, ".option")).forEach(function (o) {
          box.appendChild(o);
        });
      });
    } else if (q.ordering) {
      var items = orderItems(q);
      if (items.length < 2) return;
      var order;
      do {
        order = shuffled(items);
      } while (
        order.every(function (li, i) {
          return li.getAttribute("data-item") === String(i);
        })
      );
      order.forEach(function (li) {
        q.ordering.appendChild(li);
      });
      updateMoveButtons(q);
    }
  }

  // ---- summary
  var summary = form.querySelector(".quiz-summary");
  var restoredNote = form.querySelector(".quiz-restored");
  function clearSummary() {
    if (!summary) return;
    while (summary.firstChild) summary.removeChild(summary.firstChild);
    summary.classList.remove("is-passed", "is-failed");
  }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function submit() {
    var right = 0;
    var wrong = [];
    questions.forEach(function (q) {
      var ok = check(q, true) === true;
      record.results[q.id] = ok;
      if (ok) right++;
      else wrong.push(q);
    });
    var total = questions.length;
    var pct = total ? Math.round((right / total) * 100) : 0;
    var passMark = Number(key.passMark) || 0;
    var passed = pct >= passMark;
    record.answers = collectAnswers();
    record.attempts = (Number(record.attempts) || 0) + 1;
    record.lastScore = pct;
    record.best = typeof record.best === "number" ? Math.max(record.best, pct) : pct;
    record.passed = record.passed === true || passed;
    save();
    if (!summary) return;
    clearSummary();
    summary.classList.add(passed ? "is-passed" : "is-failed");
    summary.appendChild(
      el("p", "quiz-score", str("score", "Score") + " " + right + " / " + total + "（" + pct + "%）")
    );
    summary.appendChild(
      el(
        "p",
        "quiz-verdict",
        (passed ? "✔ " + str("passed", "Passed") : "✘ " + str("failed", "Not passed")) +
          "（" + str("pass_mark", "Pass mark") + " " + passMark + "%）"
      )
    );
    if (wrong.length) {
      summary.appendChild(el("p", "quiz-revisit-title", str("revisit", "Questions to revisit")));
      var ul = el("ul", "quiz-revisit");
      wrong.forEach(function (q) {
        var li = el("li");
        var num = q.el.querySelector(".q-number");
        var prompt = q.el.querySelector(".q-prompt");
        var a = el(
          "a",
          null,
          ((num ? num.textContent : q.id) + " " + (prompt ? prompt.textContent : "")).trim()
        );
        a.setAttribute("href", "#q-" + q.id);
        li.appendChild(a);
        ul.appendChild(li);
      });
      summary.appendChild(ul);
    }
    summary.setAttribute("tabindex", "-1");
    summary.focus();
  }

  function collectAnswers() {
    var out = {};
    questions.forEach(function (q) {
      var v = getAnswer(q);
      if (v !== null) out[q.id] = v;
    });
    return out;
  }
  /** The answer as compared between events ("change" also fires on blur). */
  function snapshot(q) {
    return JSON.stringify(getAnswer(q));
  }
  function answerChanged(q) {
    q.last = snapshot(q);
    clearDisplay(q);
    delete record.results[q.id];
    record.answers = collectAnswers();
    save();
  }

  function retry() {
    questions.forEach(function (q) {
      if (q.type === "ordering" && q.initialOrder) {
        q.initialOrder.forEach(function (li) {
          q.ordering.appendChild(li);
        });
        updateMoveButtons(q);
      } else if (q.type !== "ordering") {
        setAnswer(q, null);
      }
      if (key.shuffle === true) shuffleQuestion(q);
      clearDisplay(q);
      q.last = snapshot(q);
    });
    clearSummary();
    if (restoredNote) restoredNote.textContent = "";
    record.answers = {};
    record.results = {};
    save();
    var first = questions[0] && questions[0].el.querySelector("fieldset input, fieldset select, fieldset button:not([disabled])");
    if (first) first.focus();
  }

  // ---- events
  form.addEventListener("click", function (e) {
    var btn = e.target.closest && e.target.closest("button");
    if (!btn || !form.contains(btn)) return;
    var q = questionOf(btn);
    if (btn.classList.contains("check") && q) {
      var g = check(q, false);
      if (g !== null) {
        record.results[q.id] = g;
        record.answers = collectAnswers();
        save();
      }
    } else if (btn.classList.contains("move-up") && q) {
      move(q, btn, true);
    } else if (btn.classList.contains("move-down") && q) {
      move(q, btn, false);
    } else if (btn.classList.contains("retry")) {
      retry();
    }
  });
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    submit();
  });
  function onEdit(e) {
    var q = questionOf(e.target);
    if (q && e.target.matches("input, select") && snapshot(q) !== q.last) answerChanged(q);
  }
  form.addEventListener("input", onEdit);
  form.addEventListener("change", onEdit);
  // Enter in a text answer checks that question instead of submitting the quiz.
  form.addEventListener("keydown", function (e) {
    if (e.key !== "Enter" || !e.target.matches || !e.target.matches("input[type=text]")) return;
    var q = questionOf(e.target);
    if (!q) return;
    e.preventDefault();
    var btn = q.el.querySelector("button.check");
    if (btn) btn.click();
  });

  // ---- start
  if (key.shuffle === true) questions.forEach(shuffleQuestion);
  questions.forEach(updateMoveButtons);
  // Set after any restore below, so only real edits count as changes.
  function takeSnapshots() {
    questions.forEach(function (q) {
      q.last = snapshot(q);
    });
  }
  var saved = load();
  if (saved && saved.version === key.version) {
    record.answers = saved.answers && typeof saved.answers === "object" ? saved.answers : {};
    record.results = saved.results && typeof saved.results === "object" ? saved.results : {};
    record.best = typeof saved.best === "number" ? saved.best : null;
    record.lastScore = typeof saved.lastScore === "number" ? saved.lastScore : null;
    record.passed = saved.passed === true;
    record.attempts = typeof saved.attempts === "number" ? saved.attempts : 0;
    record.updated = typeof saved.updated === "string" ? saved.updated : null;
    var restored = false;
    questions.forEach(function (q) {
      if (Object.prototype.hasOwnProperty.call(record.answers, q.id)) {
        setAnswer(q, record.answers[q.id]);
        restored = true;
      }
    });
    questions.forEach(function (q) {
      if (typeof record.results[q.id] === "boolean") {
        restored = true;
        if (check(q, true) !== record.results[q.id]) {
          // The stored result no longer matches the stored answer: keep the answer only.
          clearDisplay(q);
          delete record.results[q.id];
        }
      }
    });
    if (restored && restoredNote) restoredNote.textContent = str("restored", "Your saved answers were restored");
  }
  takeSnapshots();
})();
