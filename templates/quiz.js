// coursegen quiz page: the form, its keyboard rules and what is shown. The
// grading is in quiz-core.js, the saved record in progress-core.js; this file
// only reads and writes the page. No network, no HTML strings: text goes in
// with textContent, pre-rendered feedback is shown via `hidden`.
//
// The model (README "Quizzes"): each question's latest answer is saved, with
// its result once checked; the score follows from the checked answers;
// submitting grades every question and records an attempt; the correct answers
// are shown after a submission when the quiz's `reveal` allows it; all of it
// is restored on reload.
(function () {
  "use strict";

  var form = document.getElementById("quiz");
  var Core = window.coursegenQuizCore;
  var Rec = window.coursegenRecords;
  var Ui = window.coursegenUi;
  if (!form || !Core || !Rec || !Ui) return;

  var key = Ui.json("quiz-key");
  var str = Ui.strings("ui-strings");
  var fmt = Ui.fmt;
  var qsa = Ui.qsa;
  var el = Ui.el;
  if (!key || !Array.isArray(key.questions)) return;
  function now() {
    return new Date().toISOString();
  }

  // ---- the quiz's meta and saved record
  var meta = { version: key.version, passMark: key.passMark, reveal: key.reveal, questions: {} };
  key.questions.forEach(function (k) {
    if (k && typeof k.id === "string") meta.questions[k.id] = k.fp;
  });
  var course = (document.body && document.body.getAttribute("data-course")) || "";
  var saved = Rec.store(Ui.storage, course);
  var recordKey = "quiz:" + (form.getAttribute("data-quiz-id") || "");
  var rec = Rec.read(saved.get(recordKey), meta);
  function save() {
    // Without storage the quiz still works for this visit.
    saved.set(recordKey, rec);
    document.dispatchEvent(new CustomEvent("coursegen:progress"));
  }

  // ---- questions
  var questions = [];
  key.questions.forEach(function (k) {
    var li = document.getElementById("q-" + k.id);
    if (!li || !form.contains(li)) return;
    questions.push({
      el: li,
      id: k.id,
      type: k.type,
      key: k,
      result: li.querySelector(".q-result"),
      ordering: li.querySelector("ol.ordering"),
      written: null
    });
  });
  function questionOf(node) {
    for (var i = 0; i < questions.length; i++) {
      if (questions[i].el.contains(node)) return questions[i];
    }
    return null;
  }
  qsa(form, "details.answer-key").forEach(function (d) {
    d.hidden = true;
  });

  // ---- reading and writing answers in the page
  function inputs(q) {
    return qsa(q.el, "fieldset input");
  }
  function orderItems(q) {
    return q.ordering ? qsa(q.ordering, ".order-item") : [];
  }
  function selects(q) {
    return qsa(q.el, "fieldset select");
  }
  /** The answer on the page (see quiz-core.js for the shapes), or null. */
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
        var v = selects(q).map(function (s) {
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
      case "ordering":
        if (Array.isArray(v)) arrange(q, v);
        break;
      case "matching":
        selects(q).forEach(function (s, i) {
          var want = Array.isArray(v) && typeof v[i] === "string" ? v[i] : "";
          var ok = qsa(s, "option").some(function (o) {
            return o.value === want;
          });
          s.value = ok ? want : "";
        });
        break;
    }
  }

  // ---- display order of options, items and matching choices
  /** The question's parts in page order, as the indices the key uses. */
  function parts(q) {
    switch (q.type) {
      case "single":
      case "multiple":
        return inputs(q).map(function (i) {
          return i.value;
        });
      case "ordering":
        return orderItems(q).map(function (li) {
          return li.getAttribute("data-item");
        });
      case "matching": {
        var first = selects(q)[0];
        return first
          ? qsa(first, "option")
              .map(function (o) {
                return o.value;
              })
              .filter(function (v) {
                return v !== "";
              })
          : [];
      }
    }
    return null;
  }
  /** Puts the question's parts in `order` (indices as in parts()). */
  function arrange(q, order) {
    var wanted = order.map(String);
    if (q.type === "single" || q.type === "multiple") {
      var box = q.el.querySelector(".options");
      var byValue = {};
      qsa(box, ".option").forEach(function (o) {
        var input = o.querySelector("input");
        if (input) byValue[input.value] = o;
      });
      wanted.forEach(function (v) {
        if (byValue[v]) box.appendChild(byValue[v]);
      });
    } else if (q.type === "ordering") {
      var byItem = {};
      orderItems(q).forEach(function (li) {
        byItem[li.getAttribute("data-item")] = li;
      });
      if (!Core.sameParts(wanted, Object.keys(byItem))) return;
      wanted.forEach(function (v) {
        q.ordering.appendChild(byItem[v]);
      });
      updateMoveButtons(q);
    } else if (q.type === "matching") {
      selects(q).forEach(function (s) {
        var byOption = {};
        qsa(s, "option").forEach(function (o) {
          if (o.value !== "") byOption[o.value] = o;
        });
        wanted.forEach(function (v) {
          if (byOption[v]) s.appendChild(byOption[v]);
        });
      });
    }
  }
  /** This attempt's order: the saved one, or a new one (shuffled unless the
      quiz or question says `shuffle: false`). */
  function setOrder(q, fresh) {
    // The order the page was written in (as without JavaScript).
    if (!q.written) q.written = parts(q);
    var written = q.written;
    if (!written) return;
    var kept = rec.order[q.id];
    var order = !fresh && Core.sameParts(kept, written) ? kept : Core.displayOrder(q.key, written, Math.random);
    rec.order[q.id] = order.map(Number);
    arrange(q, order);
  }

  // ---- what is shown
  function clearDisplay(q) {
    q.el.classList.remove("is-correct", "is-incorrect");
    if (q.result) q.result.textContent = "";
    qsa(q.el, ".option-feedback, .explanation, .q-solution").forEach(function (f) {
      f.hidden = true;
    });
    qsa(q.el, ".q-mark").forEach(function (m) {
      m.parentNode.removeChild(m);
    });
  }
  var MARK_TEXT = {
    "chosen-correct": "mark_chosen_correct",
    "chosen-wrong": "mark_chosen_wrong",
    correct: "mark_correct",
    missed: "mark_missed"
  };
  function addMark(parent, kind, text, tag) {
    var m = el(tag || "span", "q-mark q-mark-" + kind, text);
    parent.appendChild(m);
  }
  /** The correct answer beside the learner's, part by part. */
  function reveal(q, answer) {
    var m = Core.marks(q.key, answer);
    if (m.options) {
      qsa(q.el, ".option").forEach(function (o) {
        var input = o.querySelector("input");
        var kind = input && m.options[input.value];
        var label = o.querySelector("label");
        if (kind && label) addMark(label, kind, str(MARK_TEXT[kind]));
      });
    }
    if (m.items) {
      var lis = orderItems(q);
      m.items.forEach(function (it, i) {
        var li = lis[i];
        var text = li && li.querySelector(".order-text");
        if (text) {
          addMark(text, it.right ? "right" : "wrong", it.right ? str("order_right") : fmt(str("order_wrong"), { n: it.belongs }));
        }
      });
    }
    if (m.rows) {
      selects(q).forEach(function (s, i) {
        var row = m.rows[i];
        if (!row) return;
        var right = qsa(s, "option").filter(function (o) {
          return o.value === row.belongs;
        })[0];
        var text = row.right ? str("match_right") : str("match_wrong") + (right ? right.textContent : "");
        addMark(s.parentNode, row.right ? "right" : "wrong", text, "p");
      });
    }
    qsa(q.el, ".q-solution").forEach(function (f) {
      f.hidden = false;
    });
  }
  /** Shows a graded question: ✔ / ✘, the chosen options' feedback, the
      explanation once it is right or the answers are revealed, and the
      correct answer when revealed. `g` is true, false, or null for a question
      left unanswered in a submission. */
  function show(q, g, answer, revealed) {
    clearDisplay(q);
    q.el.classList.add(g === true ? "is-correct" : "is-incorrect");
    if (q.result) {
      q.result.textContent = g === true ? "✔ " + str("correct") : g === false ? "✘ " + str("incorrect") : "✘ " + str("not_answered");
    }
    var shown = [];
    if (q.type === "single" || q.type === "multiple") shown = Array.isArray(answer) ? answer : answer === null ? [] : [answer];
    else if (q.type === "true-false" && g === false) shown = ["wrong"];
    qsa(q.el, ".option-feedback").forEach(function (f) {
      f.hidden = shown.indexOf(f.getAttribute("data-option")) < 0;
    });
    if (g === true || revealed) {
      qsa(q.el, ".explanation").forEach(function (f) {
        f.hidden = false;
      });
    }
    if (revealed) reveal(q, answer);
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
    if (q.result) q.result.textContent = fmt(str("moved"), { n: orderItems(q).indexOf(li) + 1 });
  }

  // ---- summary: the score so far, the verdict, what to revisit
  var summary = form.querySelector(".quiz-summary");
  var restoredNote = form.querySelector(".quiz-restored");
  function renderSummary() {
    if (!summary) return;
    while (summary.firstChild) summary.removeChild(summary.firstChild);
    summary.classList.remove("is-passed", "is-failed");
    var s = Rec.summarize(rec, meta);
    if (s.checked === 0 && s.attempts === 0) return;
    var passes = s.score >= s.passMark;
    if (s.checked > 0) {
      if (s.complete) summary.classList.add(passes ? "is-passed" : "is-failed");
      summary.appendChild(el("p", "quiz-score", str("score") + " " + s.correct + " / " + s.total + "（" + s.score + "%）"));
      if (!s.complete) summary.appendChild(el("p", "quiz-progress", fmt(str("checked_of"), { k: s.checked, n: s.total })));
    }
    if (s.complete) {
      summary.appendChild(
        el(
          "p",
          "quiz-verdict",
          (passes ? "✔ " + str("passed") : "✘ " + str("failed")) + "（" + str("pass_mark") + " " + s.passMark + "%）"
        )
      );
    }
    var facts = [];
    if (s.best !== null) facts.push(str("best_score") + " " + s.best + "%" + (s.passed ? "（✔ " + str("passed") + "）" : ""));
    if (s.attempts > 0) facts.push(fmt(str("attempts"), { n: s.attempts }));
    if (facts.length) summary.appendChild(el("p", "quiz-facts", facts.join(" · ")));
    if (s.attempts > 0 && !s.revealed) {
      var why = key.reveal === "never" ? "reveal_never" : key.reveal === "after-pass" ? "reveal_after_pass" : "";
      if (why) summary.appendChild(el("p", "quiz-reveal-note", str(why)));
    }
    if (s.checked === 0) return;
    var wrong = questions.filter(function (q) {
      var e = rec.questions[q.id];
      // Wrong, or left unanswered in a submission.
      return !!e && e.result === false;
    });
    if (wrong.length) {
      summary.appendChild(el("p", "quiz-revisit-title", str("revisit")));
      var ul = el("ul", "quiz-revisit");
      wrong.forEach(function (q) {
        var li = el("li");
        var num = q.el.querySelector(".q-number");
        var prompt = q.el.querySelector(".q-prompt");
        var a = el("a", null, ((num ? num.textContent : q.id) + " " + (prompt ? prompt.textContent : "")).trim());
        a.setAttribute("href", "#q-" + q.id);
        li.appendChild(a);
        ul.appendChild(li);
      });
      summary.appendChild(ul);
    }
  }

  // ---- actions
  function check(q) {
    var answer = getAnswer(q);
    var g = Core.grade(q.key, answer);
    if (typeof g === "string") {
      clearDisplay(q);
      if (q.result) q.result.textContent = str(g === "not-a-number" ? "not_a_number" : "unanswered");
      return;
    }
    Rec.setResult(rec, meta, q.id, answer, g, now());
    show(q, g, answer, rec.revealed);
    save();
    renderSummary();
  }
  function submit() {
    var graded = {};
    questions.forEach(function (q) {
      var answer = getAnswer(q);
      graded[q.id] = Core.isAnswered(q.key, answer)
        ? { answer: answer, result: Core.grade(q.key, answer) === true }
        : { answer: null, result: false };
    });
    Rec.submit(rec, meta, graded, now());
    save();
    questions.forEach(function (q) {
      var g = graded[q.id];
      show(q, g.answer === null ? null : g.result, g.answer, rec.revealed);
    });
    renderSummary();
    if (summary) {
      summary.setAttribute("tabindex", "-1");
      summary.focus();
    }
  }
  function answerChanged(q) {
    var answer = getAnswer(q);
    q.last = JSON.stringify(answer);
    clearDisplay(q);
    Rec.setAnswer(rec, meta, q.id, answer, now());
    save();
    renderSummary();
  }
  function retry() {
    Rec.retry(rec, now());
    questions.forEach(function (q) {
      if (q.type !== "ordering") setAnswer(q, null);
      setOrder(q, true);
      clearDisplay(q);
      q.last = JSON.stringify(getAnswer(q));
    });
    renderSummary();
    if (restoredNote) restoredNote.textContent = "";
    save();
    var first = questions[0] && questions[0].el.querySelector("fieldset input, fieldset select, fieldset button:not([disabled])");
    if (first) first.focus();
  }

  // ---- events
  form.addEventListener("click", function (e) {
    var btn = e.target.closest && e.target.closest("button");
    if (!btn || !form.contains(btn)) return;
    var q = questionOf(btn);
    if (btn.classList.contains("check") && q) check(q);
    else if (btn.classList.contains("move-up") && q) move(q, btn, true);
    else if (btn.classList.contains("move-down") && q) move(q, btn, false);
    else if (btn.classList.contains("submit")) submit();
    else if (btn.classList.contains("retry")) retry();
  });
  // Only the submit button submits: implicit submission (Enter in a field)
  // never grades anything.
  form.addEventListener("submit", function (e) {
    e.preventDefault();
  });
  form.addEventListener("keydown", function (e) {
    if (e.key !== "Enter" || !e.target.matches || !e.target.matches("input, select")) return;
    e.preventDefault();
    // Enter in a typed answer checks that question.
    if (e.target.matches("input[type=text]")) {
      var q = questionOf(e.target);
      if (q) check(q);
    }
  });
  function onEdit(e) {
    var q = questionOf(e.target);
    if (q && e.target.matches("input, select") && JSON.stringify(getAnswer(q)) !== q.last) answerChanged(q);
  }
  form.addEventListener("input", onEdit);
  form.addEventListener("change", onEdit);

  // ---- start: this attempt's order, the saved answers and what they showed
  var restored = false;
  questions.forEach(function (q) {
    setOrder(q, false);
    var e = rec.questions[q.id];
    if (e && e.answer !== null) {
      setAnswer(q, e.answer);
      restored = true;
    }
    updateMoveButtons(q);
  });
  questions.forEach(function (q) {
    var e = rec.questions[q.id];
    if (e && typeof e.result === "boolean") {
      if (e.answer === null) {
        show(q, null, null, rec.revealed);
      } else if (Core.grade(q.key, e.answer) !== e.result) {
        // A result must still follow from its answer (the key may have changed).
        e.result = null;
      } else {
        show(q, e.result, e.answer, rec.revealed);
      }
    }
    q.last = JSON.stringify(getAnswer(q));
  });
  renderSummary();
  if (restored && restoredNote) restoredNote.textContent = str("restored");
  save();
})();
