/* coursegen NPS / CSI calculator, part 1 of 3: the metrics. Plain JavaScript,
   no DOM and no network. The numbers follow src/metrics (Rust) exactly; the
   browser test tests/calculator_browser.rs checks both against
   tests/data/metrics_vectors.json. Loaded before calc-charts.js and
   calculator.js, which use window.coursegenCalc. */
(function () {
  "use strict";

  var SERVQUAL = ["有形性", "可靠性", "响应性", "保证性", "移情性"];
  var Z_95 = 1.96;

  /* ---- rounding, parsing and metrics (mirrors src/metrics) ---- */

  /* Half away from zero on the shortest round-trip decimal of x (what
     String(x) prints), exactly like round_half_away in round.rs. */
  function round(x, decimals) {
    if (typeof x !== "number" || !isFinite(x) || x === 0) {
      return x === 0 ? 0 : x;
    }
    var d = Math.max(0, Math.floor(Number(decimals) || 0));
    var s = Math.abs(x).toExponential(); // shortest digits, "d.ddde±X"
    var e = s.indexOf("e");
    var exp = parseInt(s.slice(e + 1), 10);
    var digits = s.slice(0, e).replace(".", "").split("").map(Number);
    var point = exp + 1;
    var keep = point + d;
    if (keep >= digits.length) {
      return x;
    }
    if (keep < 0) {
      return 0;
    }
    var roundUp = digits[keep] >= 5;
    var kept = digits.slice(0, keep);
    if (roundUp) {
      var carry = true;
      for (var i = kept.length - 1; i >= 0; i--) {
        if (kept[i] === 9) {
          kept[i] = 0;
        } else {
          kept[i] += 1;
          carry = false;
          break;
        }
      }
      if (carry) {
        kept.unshift(1);
        point += 1;
      }
    }
    if (kept.every(function (k) { return k === 0; })) {
      return 0;
    }
    var v = parseFloat("0." + kept.join("") + "e" + point);
    return x < 0 ? -v : v;
  }

  /* format_rounded: rounded, then exactly `d` places. */
  function fmt(x, d) {
    return round(x, d).toFixed(d);
  }

  function fail(code, extra) {
    var e = { code: code };
    if (extra) {
      for (var k in extra) {
        if (Object.prototype.hasOwnProperty.call(extra, k)) {
          e[k] = extra[k];
        }
      }
    }
    return { error: e };
  }

  function trimAscii(s) {
    return String(s).replace(/^[ \t\n\f\r]+|[ \t\n\f\r]+$/g, "");
  }

  /* Full-width forms U+FF01–U+FF5E (０–９, ＋, －, ．, ，, …) as ASCII and the
     ideographic space as a space, as fold_width in scale.rs. */
  function foldWidth(s) {
    return String(s).replace(/[\uFF01-\uFF5E\u3000]/g, function (c) {
      return c === "\u3000" ? " " : String.fromCharCode(c.charCodeAt(0) - 0xFEE0);
    });
  }

  /* score_from_f64: issue code or null. */
  function numberIssue(x, min, max) {
    if (!isFinite(x)) {
      return "non_finite";
    }
    if (Math.floor(x) !== x) {
      return "not_an_integer";
    }
    if (x < min || x > max) {
      return "out_of_range";
    }
    return null;
  }

  var INT_RE = /^[+-]?[0-9]{1,18}$/;
  var FLOAT_RE = /^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;
  var NONFINITE_RE = /^[+-]?(?:inf|infinity|nan)$/i;

  /* parse_score_bytes: { value } or { issue, text }. */
  function parseScore(v, min, max) {
    if (typeof v === "number") {
      var ni = numberIssue(v, min, max);
      return ni ? { issue: ni, text: String(v) } : { value: v };
    }
    var typed = trimAscii(v);
    var t = trimAscii(foldWidth(v));
    if (t === "") {
      return { issue: "empty_cell", text: typed };
    }
    if (INT_RE.test(t)) {
      var n = Number(t);
      return n >= min && n <= max ? { value: n === 0 ? 0 : n } : { issue: "out_of_range", text: typed };
    }
    if (NONFINITE_RE.test(t)) {
      return { issue: "non_finite", text: typed };
    }
    if (!FLOAT_RE.test(t)) {
      return { issue: "not_a_number", text: typed };
    }
    var x = Number(t);
    var issue = numberIssue(x, min, max);
    return issue ? { issue: issue, text: typed } : { value: x === 0 ? 0 : x };
  }

  /* Scores (numbers or texts) → { histogram } or { error: { code, index, text } }. */
  function histogramOf(values, min, max) {
    var hist = [];
    for (var s = min; s <= max; s++) {
      hist.push(0);
    }
    for (var i = 0; i < values.length; i++) {
      var r = parseScore(values[i], min, max);
      if (r.issue) {
        return fail(r.issue, { index: i, text: r.text });
      }
      hist[r.value - min] += 1;
    }
    return { histogram: hist };
  }

  function sum(a) {
    var t = 0;
    for (var i = 0; i < a.length; i++) {
      t += a[i];
    }
    return t;
  }

  function countsOk(hist) {
    for (var i = 0; i < hist.length; i++) {
      var c = hist[i];
      if (typeof c !== "number" || !(c >= 0) || Math.floor(c) !== c || c > Number.MAX_SAFE_INTEGER) {
        return i;
      }
    }
    return sum(hist) > Number.MAX_SAFE_INTEGER ? hist.length - 1 : -1;
  }

  function interval(P, D, n) {
    var p = P / n;
    var d = D / n;
    var variance = Math.max((p + d - (p - d) * (p - d)) / n, 0);
    var se = 100 * Math.sqrt(variance);
    var centre = (100 * (P - D)) / n;
    var moe = Z_95 * se;
    return {
      centre: centre, se: se, moe: moe, lower: Math.min(Math.max(centre - moe, -100), 100),
      upper: Math.min(Math.max(centre + moe, -100), 100)
    };
  }

  /* NPS of 11 counts (scores 0..10). */
  function nps(hist) {
    if (!hist || hist.length !== 11) {
      return fail("length_mismatch", { expected: 11, found: hist ? hist.length : 0 });
    }
    var bad = countsOk(hist);
    if (bad >= 0) {
      return fail("overflow", { index: bad });
    }
    var n = sum(hist);
    if (n === 0) {
      return fail("empty");
    }
    var P = hist[9] + hist[10];
    var Pa = hist[7] + hist[8];
    var D = n - P - Pa;
    var wald = interval(P, D, n);
    var adjusted = interval(P + 0.75, D + 0.75, n + 3);
    var score = wald.centre;
    return {
      n: n, promoters: P, passives: Pa, detractors: D, promoters_percent: (100 * P) / n,
      passives_percent: (100 * Pa) / n, detractors_percent: (100 * D) / n, nps: score, nps_rounded: round(score, 0),
      histogram: hist.slice(), wald: wald, adjusted_wald: adjusted,
      recommended: n < 30 || Math.abs(score) >= 90 ? "adjusted_wald" : "wald"
    };
  }

  function csiOfHistogram(hist, min, max) {
    var n = sum(hist);
    if (n === 0) {
      return fail("empty");
    }
    var offsets = 0;
    for (var i = 0; i < hist.length; i++) {
      offsets += i * hist[i];
    }
    var mean = (min * n + offsets) / n;
    var top = hist[hist.length - 1] + (hist.length > 1 ? hist[hist.length - 2] : 0);
    return { n: n, mean: mean, csi: scaled(mean, min, max), top_two_box: top, csat_percent: (100 * top) / n, histogram: hist.slice() };
  }

  /* CSI and CSAT of raw scores (numbers or texts) on min..max. */
  function csi(scores, min, max) {
    var h = histogramOf(scores || [], min, max);
    if (h.error) {
      return h;
    }
    return csiOfHistogram(h.histogram, min, max);
  }

  function scaled(mean, min, max) {
    return Math.min(Math.max(((mean - min) / (max - min)) * 100, 0), 100);
  }

  function checkValue(x, min, max, i) {
    if (typeof x !== "number" || !isFinite(x)) {
      return fail(typeof x === "number" ? "non_finite" : "not_a_number", { index: i });
    }
    if (x < min || x > max) {
      return fail("out_of_range", { index: i });
    }
    return null;
  }

  function normaliseWeights(w) {
    if (w.length === 0) {
      return fail("empty");
    }
    var i;
    for (i = 0; i < w.length; i++) {
      if (typeof w[i] !== "number" || !isFinite(w[i])) {
        return fail("non_finite", { index: i });
      }
      if (w[i] < 0) {
        return fail("negative_weight", { index: i });
      }
    }
    var largest = 0;
    for (i = 0; i < w.length; i++) {
      largest = Math.max(largest, w[i]);
    }
    if (largest === 0) {
      return fail("all_zero_weights");
    }
    var total = 0;
    for (i = 0; i < w.length; i++) {
      total += w[i] / largest;
    }
    return {
      weights: w.map(function (x) {
        return x / largest / total;
      })
    };
  }

  /* Weighted CSI. weights: null (equal), plain weights, or importance
     ratings when opts.importance = [min, max]. opts.names: attribute names
     (default: the SERVQUAL dimensions). */
  function weightedCsi(means, weights, min, max, opts) {
    opts = opts || {};
    means = means || [];
    if (means.length === 0) {
      return fail("empty");
    }
    var i, e;
    for (i = 0; i < means.length; i++) {
      e = checkValue(means[i], min, max, i);
      if (e) {
        return e;
      }
    }
    var raw;
    if (weights === null || weights === undefined) {
      raw = means.map(function () {
        return 1;
      });
    } else {
      raw = weights.slice();
      if (opts.importance) {
        for (i = 0; i < raw.length; i++) {
          e = checkValue(raw[i], opts.importance[0], opts.importance[1], i);
          if (e) {
            return e;
          }
        }
      }
    }
    if (raw.length !== means.length) {
      return fail("length_mismatch", { expected: means.length, found: raw.length });
    }
    var nw = normaliseWeights(raw);
    if (nw.error) {
      return nw;
    }
    var names = opts.names || SERVQUAL;
    var attrs = means.map(function (m, k) {
      return {
        name: names[k] !== undefined ? String(names[k]) : "#" + (k + 1),
        mean: m,
        csi: scaled(m, min, max),
        weight: nw.weights[k]
      };
    });
    var total = 0;
    var weakest = 0;
    for (i = 0; i < attrs.length; i++) {
      total += attrs[i].weight * attrs[i].csi;
      if (attrs[i].csi < attrs[weakest].csi) {
        weakest = i;
      }
    }
    return {
      csi: Math.min(Math.max(total, 0), 100),
      weights: nw.weights,
      attribute_csi: attrs.map(function (a) {
        return a.csi;
      }),
      attributes: attrs,
      weakest: attrs[weakest].name,
      weakest_index: weakest
    };
  }

  /* ---- CSV (mirrors src/metrics/csv.rs and reader.rs) ---- */

  function isBlank(c) {
    return c === " " || c === "\t";
  }

  /* Cells of one record: { cells } or { cells, open|malformed: cellIndex }. */
  function splitCells(rec) {
    var out = [];
    var pos = 0;
    var n = rec.length;
    for (var cell = 0; ; cell++) {
      var lead = pos;
      while (lead < n && isBlank(rec.charAt(lead))) {
        lead++;
      }
      if (lead < n && rec.charAt(lead) === '"') {
        var i = lead + 1;
        var text = "";
        var close;
        for (;;) {
          var q = rec.indexOf('"', i);
          if (q < 0) {
            return { cells: out, open: cell };
          }
          if (rec.charAt(q + 1) === '"') {
            text += rec.slice(i, q + 1);
            i = q + 2;
          } else {
            text += rec.slice(i, q);
            close = q;
            break;
          }
        }
        var g = close + 1;
        while (g < n && isBlank(rec.charAt(g))) {
          g++;
        }
        if (g >= n) {
          out.push(text);
          return { cells: out };
        }
        if (rec.charAt(g) !== ",") {
          return { cells: out, malformed: cell };
        }
        out.push(text);
        pos = g + 1;
      } else {
        var c = rec.indexOf(",", pos);
        if (c < 0) {
          out.push(rec.slice(pos));
          return { cells: out };
        }
        out.push(rec.slice(pos, c));
        pos = c + 1;
      }
    }
  }

  /* Read scores from CSV text. column: null (one column), a header name or
     a 1-based index. → { histogram, rows, header, column } or { error }. */
  function readCsv(text, column, min, max) {
    var lines = String(text).split("\n");
    var last = lines.pop();
    for (var k = 0; k < lines.length; k++) {
      if (lines[k].charAt(lines[k].length - 1) === "\r") {
        lines[k] = lines[k].slice(0, -1);
      }
    }
    if (last !== "") {
      lines.push(last);
    }
    if (lines.length && lines[0].charAt(0) === "\uFEFF") {
      lines[0] = lines[0].slice(1);
    }
    var li = 0;
    function nextRecord() {
      while (li < lines.length) {
        var line = lines[li++];
        if (trimAscii(line) === "") {
          continue;
        }
        var row = li;
        var rec = line;
        for (;;) {
          var r = splitCells(rec);
          if (r.open !== undefined) {
            if (li >= lines.length) {
              return fail("unterminated_quote", { row: row, column: r.open + 1 });
            }
            rec += "\n" + lines[li++];
          } else if (r.malformed !== undefined) {
            return fail("malformed_quote", { row: row, column: r.malformed + 1 });
          } else {
            return { row: row, cells: r.cells };
          }
        }
      }
      return null;
    }
    function looksLikeHeader(cells, col) {
      return col < cells.length && parseScore(cells[col], 0, 10).issue === "not_a_number";
    }
    var first = nextRecord();
    if (first === null) {
      return fail("empty");
    }
    if (first.error) {
      return first;
    }
    var col;
    var isHeader;
    if (typeof column === "string") {
      var wanted = trimAscii(column);
      var hits = [];
      first.cells.forEach(function (c, i) {
        if (trimAscii(c) === wanted) {
          hits.push(i);
        }
      });
      if (hits.length === 0) {
        return fail("column_not_found");
      }
      if (hits.length > 1) {
        return fail("duplicate_column");
      }
      col = hits[0];
      isHeader = true;
    } else if (typeof column === "number") {
      if (column < 1) {
        return fail("invalid_column_index");
      }
      col = column - 1;
      isHeader = looksLikeHeader(first.cells, col);
    } else {
      col = 0;
      isHeader = looksLikeHeader(first.cells, 0);
    }
    var single = column === null || column === undefined;
    function checkCells(rec) {
      if (single && rec.cells.length !== 1) {
        return fail("ambiguous_columns", { row: rec.row });
      }
      if (rec.cells.length <= col) {
        return fail("missing_column", { row: rec.row, column: col + 1 });
      }
      return null;
    }
    var hist = [];
    for (var s = min; s <= max; s++) {
      hist.push(0);
    }
    var header = null;
    var rec = first;
    var e;
    if (isHeader) {
      e = checkCells(rec);
      if (e) {
        return e;
      }
      header = trimAscii(rec.cells[col]);
      rec = nextRecord();
    }
    while (rec !== null) {
      if (rec.error) {
        return rec;
      }
      e = checkCells(rec);
      if (e) {
        return e;
      }
      var p = parseScore(rec.cells[col], min, max);
      if (p.issue) {
        return fail(p.issue, { row: rec.row, column: col + 1, text: p.text });
      }
      hist[p.value - min] += 1;
      rec = nextRecord();
    }
    var rows = sum(hist);
    if (rows === 0) {
      return fail("empty");
    }
    return { histogram: hist, rows: rows, header: header, column: col + 1, cells: first.cells };
  }

  /* Split free text into score tokens: spaces, commas, semicolons (ASCII or
     full-width), 、 and new lines. */
  function tokens(text) {
    return String(text)
      .split(/[\s,，;；、]+/)
      .filter(function (t) {
        return t !== "";
      });
  }

  /* A decimal typed into a form field (full-width allowed): { empty }, { bad } or { value }. */
  function parseDecimal(text) {
    var v = trimAscii(foldWidth(text));
    if (v === "") {
      return { empty: true };
    }
    if (!FLOAT_RE.test(v)) {
      return { bad: true };
    }
    var x = Number(v);
    return isFinite(x) ? { value: x } : { bad: true };
  }

  /* A count of respondents typed into a form field (full-width allowed):
     { empty }, { bad } or { value }. */
  function parseCount(text) {
    var v = trimAscii(foldWidth(text));
    if (v === "") {
      return { empty: true };
    }
    var n = /^\+?[0-9]+$/.test(v) ? Number(v) : NaN;
    return n >= 0 && n <= Number.MAX_SAFE_INTEGER ? { value: n } : { bad: true };
  }

  /* The bytes of a file as text, as the encoding module of src/metrics reads
     them: encoding "auto" (default) is UTF-8 when all bytes are valid UTF-8
     (a BOM is dropped), else GB18030 (Excel on Chinese Windows).
     → { text, encoding } or { error: { code: "invalid_encoding", encoding } }. */
  function decode(bytes, encoding) {
    var enc = String(encoding || "auto").toLowerCase();
    var view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
    var tried = [];
    if (enc === "auto" || enc === "utf-8") {
      tried.push("utf-8");
    }
    if (enc === "auto" || enc === "gb18030") {
      tried.push("gb18030");
    }
    for (var i = 0; i < tried.length; i++) {
      try {
        return { text: new TextDecoder(tried[i], { fatal: true }).decode(view), encoding: tried[i] };
      } catch (err) {
        /* not valid in this encoding (or not supported): try the next */
      }
    }
    return fail("invalid_encoding", { encoding: tried[tried.length - 1] || enc });
  }

  /* The score column a CSV header most likely names (1-based; else the last). */
  function guessColumn(cells) {
    var names = cells.map(function (c) {
      return trimAscii(c).toLowerCase();
    });
    for (var i = 0; i < names.length; i++) {
      if (/nps|score|推荐|分/.test(names[i])) {
        return i + 1;
      }
    }
    return names.length;
  }

  /* The public API (tests/calculator_browser.rs calls it). `charts` is filled
     and frozen by calc-charts.js; `_internal` holds what the page scripts share. */
  window.coursegenCalc = Object.freeze({
    nps: nps,
    csi: csi,
    weightedCsi: weightedCsi,
    round: round,
    format: fmt,
    histogram: histogramOf,
    readCsv: readCsv,
    decode: decode,
    tokens: tokens,
    charts: {},
    _internal: Object.freeze({
      SERVQUAL: SERVQUAL, trimAscii: trimAscii, parseScore: parseScore, splitCells: splitCells,
      sum: sum, parseDecimal: parseDecimal, parseCount: parseCount, guessColumn: guessColumn, foldWidth: foldWidth
    })
  });
})();
