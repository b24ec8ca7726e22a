/* coursegen quiz core: normalising and grading answers, the marks shown
   beside a revealed answer, and option shuffling. Pure functions: no DOM, no
   storage, no network. quiz.js uses them on the quiz page; tests/js/ checks
   them with `node --test` against tests/data/quiz_vectors.json, whose answer
   normalisation cases the Rust tests (normalize_answer) read too.

   A question's key (from the page's #quiz-key JSON, made by src/quiz/view.rs):
     {id, type, fp, shuffle, ...}, with per type
       single / multiple: correct: [option index…], count
       true-false:        answer: true | false
       fill-in:           answers: [normalised accepted answer…]
       numeric:           answer, tolerance
       ordering:          count (items are numbered in the correct order)
       matching:          count (right side i belongs with left side i)
   An answer, as saved:
       single, true-false: "<option index>" | "true" | "false"
       multiple:           ["<option index>", …]
       fill-in, numeric:   "<typed text>"
       ordering:           [item number, …] in the order the learner left them
       matching:           ["<right side index>" | "", …] per left side */
(function (root) {
  "use strict";

  /* ---- answer normalisation (same as normalize_answer in src/quiz/model.rs).
     WS is Rust's char::is_whitespace, the vertical tab included. */
  // eslint-disable-next-line no-control-regex
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
  /** A typed number (full-width digits, "−" and spaces allowed), or null. */
  function parseNumber(raw) {
    var s = normalize(String(raw)).replace(/\u2212/g, "-").replace(/ /g, "");
    if (!NUMBER.test(s)) return null;
    var x = Number(s);
    return isFinite(x) ? x : null;
  }

  function isArray(v) {
    return Array.isArray(v);
  }

  /** Whether `answer` is a real answer to `q` (not empty, right shape). */
  function isAnswered(q, answer) {
    switch (q.type) {
      case "single":
      case "true-false":
        return typeof answer === "string" && answer !== "";
      case "multiple":
        return isArray(answer) && answer.length > 0;
      case "fill-in":
      case "numeric":
        return typeof answer === "string" && answer.trim() !== "";
      case "ordering":
        return isArray(answer) && answer.length === q.count;
      case "matching":
        return isArray(answer) && answer.length === q.count && answer.every(function (x) {
          return typeof x === "string" && x !== "";
        });
    }
    return false;
  }

  /** true / false, or "unanswered" / "not-a-number" when it cannot be graded. */
  function grade(q, answer) {
    if (!isAnswered(q, answer)) return "unanswered";
    switch (q.type) {
      case "single":
      case "multiple": {
        var chosen = (isArray(answer) ? answer : [answer]).map(Number).sort(byNumber);
        var correct = (q.correct || []).slice().sort(byNumber);
        return chosen.length === correct.length && chosen.every(function (x, i) {
          return x === correct[i];
        });
      }
      case "true-false":
        return (answer === "true") === (q.answer === true);
      case "fill-in": {
        var n = normalize(answer);
        return (q.answers || []).some(function (a) {
          return normalize(String(a)) === n;
        });
      }
      case "numeric": {
        var x = parseNumber(answer);
        if (x === null) return "not-a-number";
        return Math.abs(x - Number(q.answer)) <= Number(q.tolerance || 0) + 1e-9;
      }
      case "ordering":
        return answer.every(function (item, i) {
          return Number(item) === i;
        });
      case "matching":
        return answer.every(function (x, i) {
          return x === String(i);
        });
    }
    return false;
  }
  function byNumber(a, b) {
    return a - b;
  }

  /** What to show beside each part of a revealed answer:
      single / multiple / true-false: {options: {"<value>": mark}} with mark one of
        "chosen-correct", "chosen-wrong", "correct" (right, not chosen: single and
        true-false), "missed" (right, not chosen: multiple);
      ordering: {items: [{item, right, belongs}]} in the learner's order, `belongs`
        being the 1-based right position;
      matching: {rows: [{right, belongs}]} per left side, `belongs` the index of
        the right side that belongs there;
      fill-in / numeric: {} (the page shows the accepted answer). */
  function marks(q, answer) {
    var out = {};
    switch (q.type) {
      case "single":
      case "multiple": {
        var chosen = (isArray(answer) ? answer : answer === null || answer === undefined ? [] : [answer]).map(String);
        var right = (q.correct || []).map(String);
        out.options = {};
        for (var i = 0; i < (q.count || 0); i++) {
          var v = String(i);
          var isChosen = chosen.indexOf(v) >= 0;
          var isRight = right.indexOf(v) >= 0;
          if (isChosen) out.options[v] = isRight ? "chosen-correct" : "chosen-wrong";
          else if (isRight) out.options[v] = q.type === "multiple" ? "missed" : "correct";
        }
        break;
      }
      case "true-false": {
        var truth = q.answer === true ? "true" : "false";
        out.options = {};
        ["true", "false"].forEach(function (v) {
          if (v === answer) out.options[v] = v === truth ? "chosen-correct" : "chosen-wrong";
          else if (v === truth) out.options[v] = "correct";
        });
        break;
      }
      case "ordering":
        out.items = (isArray(answer) ? answer : []).map(function (item, i) {
          var n = Number(item);
          return { item: n, right: n === i, belongs: n + 1 };
        });
        break;
      case "matching":
        out.rows = [];
        for (var r = 0; r < (q.count || 0); r++) {
          var got = isArray(answer) ? answer[r] : "";
          out.rows.push({ right: got === String(r), belongs: String(r) });
        }
        break;
    }
    return out;
  }

  /** A shuffled copy of `list` (Fisher–Yates); `random` returns [0, 1). */
  function shuffle(list, random) {
    var a = list.slice();
    for (var i = a.length - 1; i > 0; i--) {
      var j = Math.floor(random() * (i + 1));
      var t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
    return a;
  }

  function isIdentity(order) {
    return order.every(function (x, i) {
      return Number(x) === i;
    });
  }

  /** The display order of a question's parts for a new attempt, as a list of
      their indices: options (single, multiple), items (ordering) or right sides
      (matching). `written` is the order the page shows without JavaScript.
      Without shuffling that order is kept; an ordering question never starts
      solved either way. Other types: null (nothing to order). */
  function displayOrder(q, written, random) {
    if (q.type !== "single" && q.type !== "multiple" && q.type !== "ordering" && q.type !== "matching") {
      return null;
    }
    var base = written.map(Number);
    if (q.shuffle !== true) {
      if (q.type === "ordering" && base.length > 1 && isIdentity(base)) return base.slice(1).concat(base[0]);
      return base;
    }
    if (base.length < 2) return base;
    var order = shuffle(base, random);
    if (q.type === "ordering") {
      for (var tries = 0; isIdentity(order) && tries < 100; tries++) order = shuffle(base, random);
      if (isIdentity(order)) order = base.slice(1).concat(base[0]);
    }
    return order;
  }

  /** Whether `order` is a valid display order for `written` (same parts). */
  function sameParts(order, written) {
    if (!isArray(order) || order.length !== written.length) return false;
    var a = order.map(String).sort();
    var b = written.map(String).sort();
    return a.every(function (x, i) {
      return x === b[i];
    });
  }

  var api = {
    normalize: normalize,
    parseNumber: parseNumber,
    isAnswered: isAnswered,
    grade: grade,
    marks: marks,
    shuffle: shuffle,
    displayOrder: displayOrder,
    sameParts: sameParts
  };
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.coursegenQuizCore = api;
})(this);
