/* coursegen NPS / CSI calculator, part 2 of 3: DOM helpers, finding the
   input forms (written in calculator.html), the compact live results, the SVG
   charts, the result views, the error texts and the clipboard. No
   state of its own; calculator.js (part 3) uses it after init(t, P). Needs
   calc-core.js (part 1). */
(function () {
  "use strict";

  var calc = window.coursegenCalc;
  var fmt = calc.format;
  var round = calc.round;
  var INDUSTRY_AVERAGE = 42;
  var GREIF = 68;
  var SVG_NS = "http://www.w3.org/2000/svg";

  /* The page's t() and punctuation P, given by calculator.js. */
  var t = null, P = null;
  function init(strings, punctuation) {
    t = strings;
    P = punctuation;
  }

  /* ---- DOM helpers ---- */

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    setAttrs(node, attrs);
    append(node, children);
    return node;
  }

  function sv(tag, attrs, children) {
    var node = document.createElementNS(SVG_NS, tag);
    setAttrs(node, attrs);
    append(node, children);
    return node;
  }

  function setAttrs(node, attrs) {
    if (!attrs) {
      return;
    }
    Object.keys(attrs).forEach(function (k) {
      var v = attrs[k];
      if (v === null || v === undefined || v === false) {
        return;
      }
      if (k === "text") {
        node.textContent = v;
      } else if (k === "class") {
        node.setAttribute("class", v);
      } else {
        node.setAttribute(k, v === true ? "" : String(v));
      }
    });
  }

  function append(node, children) {
    if (children === null || children === undefined) {
      return;
    }
    if (!Array.isArray(children)) {
      children = [children];
    }
    children.forEach(function (c) {
      if (c === null || c === undefined || c === false) {
        return;
      }
      node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
  }

  function clear(node) {
    while (node.firstChild) {
      node.removeChild(node.firstChild);
    }
  }

  function show(node, visible) {
    node.hidden = !visible;
  }

  /* Marks `input` invalid (or valid) and keeps aria-describedby in step. */
  function markInvalid(input, errorId, invalid) {
    var ids = (input.getAttribute("aria-describedby") || "").split(/\s+/).filter(function (x) {
      return x && x !== errorId;
    });
    if (invalid) {
      input.setAttribute("aria-invalid", "true");
      ids.push(errorId);
    } else {
      input.removeAttribute("aria-invalid");
    }
    if (ids.length) {
      input.setAttribute("aria-describedby", ids.join(" "));
    } else {
      input.removeAttribute("aria-describedby");
    }
  }

  function setError(node, text) {
    node.textContent = text || "";
    show(node, !!text);
  }

  /* Text of a value error from histogramOf (index is 0-based). */
  function valueMessage(e, min, max) {
    var vars = { i: e.index + 1, v: e.text, min: min, max: max };
    switch (e.code) {
      case "out_of_range":
        return t("error_range", vars);
      case "not_an_integer":
        return t("error_int", vars);
      default:
        return t("error_nan", vars);
    }
  }

  /* Text of a CSV reading error. */
  function fileMessage(e) {
    var vars = { r: e.row, c: e.column, v: e.text, min: 0, max: 10 };
    switch (e.code) {
      case "out_of_range":
      case "not_a_number":
      case "not_an_integer":
      case "non_finite":
        return t("file_bad_value", vars);
      case "empty_cell":
        return t("file_empty_cell", vars);
      case "missing_column":
        return t("file_missing_column", vars);
      case "unterminated_quote":
      case "malformed_quote":
        return t("file_quote", vars);
      case "invalid_encoding":
        return t("file_encoding");
      default:
        return t("file_no_data");
    }
  }

  /* ---- the forms (in calculator.html) ---- */

  function byId(id) {
    return document.getElementById(id);
  }

  /* The fields and boxes of the NPS panel; null if the page lacks one (an
     overridden calculator.html without the form). */
  function npsForm() {
    var countInputs = [];
    for (var score = 0; score <= 10; score++) {
      countInputs.push(byId("calc-count-" + score));
    }
    var rawInput = byId("calc-raw");
    var columnSelect = byId("calc-column");
    var box = byId("calc-nps-results");
    var live = byId("calc-nps-live");
    var panel = byId("calc-panel-nps");
    var f = {
      countInputs: countInputs, countsError: byId("calc-counts-error"), rawInput: rawInput,
      rawError: byId("calc-raw-error"), fileInput: byId("calc-file"), fileError: byId("calc-file-error"),
      fileStatus: byId("calc-file-status"), columnSelect: columnSelect, npsResultsBox: box, live: live
    };
    if (!panel || !box || !live || !rawInput || !columnSelect || countInputs.indexOf(null) >= 0 || missing(f)) {
      return null;
    }
    f.countsSet = countInputs[0].closest("fieldset");
    f.rawSet = rawInput.closest("fieldset");
    f.columnWrap = columnSelect.parentNode;
    f.npsSourceNote = panel.querySelector(".calc-source");
    f.npsResults = box.querySelector(".calc-results-body");
    return missing(f) ? null : f;
  }

  /* The fields and boxes of the CSI panel, or null. The attribute names are
     the row headers of the table (the page's language). */
  function csiForm() {
    var meanInputs = [], weightInputs = [], meanErrors = [], weightErrors = [], names = [];
    for (var i = 0; byId("calc-mean-" + i); i++) {
      meanInputs.push(byId("calc-mean-" + i));
      weightInputs.push(byId("calc-weight-" + i));
      meanErrors.push(byId("calc-mean-error-" + i));
      weightErrors.push(byId("calc-weight-error-" + i));
      var th = byId("calc-attr-" + i);
      names.push(th ? th.textContent : "#" + (i + 1));
    }
    var box = byId("calc-csi-results");
    var f = {
      scaleSelect: byId("calc-scale"), weightsError: byId("calc-weights-error"), csiRaw: byId("calc-csi-raw"),
      csiRawError: byId("calc-csi-raw-error"), live: byId("calc-csi-live"), csiResults: box && box.querySelector(".calc-results-body")
    };
    var lists = weightInputs.concat(meanErrors, weightErrors);
    if (meanInputs.length === 0 || lists.indexOf(null) >= 0 || missing(f)) {
      return null;
    }
    f.meanInputs = meanInputs;
    f.weightInputs = weightInputs;
    f.meanErrors = meanErrors;
    f.weightErrors = weightErrors;
    f.names = names;
    return f;
  }

  function missing(f) {
    return Object.keys(f).some(function (k) {
      return !f[k];
    });
  }

  /* ---- the compact result under the inputs ---- */

  /* Shows `lines` (each [label, value, extra]) in a live box, or its empty
     or invalid text; the link to the full results only with a result. */
  function live(box, lines, emptyKey, invalid) {
    var body = box.querySelector(".calc-live-body");
    var more = box.querySelector(".calc-live-more");
    clear(body);
    box.classList.toggle("is-invalid", !lines && invalid);
    box.classList.toggle("is-empty", !lines && !invalid);
    if (!lines) {
      body.appendChild(el("p", { class: invalid ? "calc-live-empty calc-live-invalid" : "calc-live-empty", text: t(invalid ? "live_invalid" : emptyKey) }));
      more.hidden = true;
      return;
    }
    lines.forEach(function (l) {
      body.appendChild(el("p", { class: "calc-live-line" }, [
        el("span", { class: "calc-live-label", text: l[0] }),
        " ",
        el("strong", { class: "calc-live-value", text: l[1] }),
        l[2] ? el("span", { class: "calc-live-extra", text: " " + l[2] }) : null
      ]));
    });
    more.hidden = false;
  }

  /* The compact NPS result: the score, n and the recommended interval. */
  function npsLive(box, r, invalid) {
    if (!r) {
      live(box, null, "live_empty_nps", invalid);
      return;
    }
    var iv = r[r.recommended];
    live(box, [
      [t("nps"), fmt(r.nps, 0), t("respondents") + " " + r.n],
      [t("interval"), t("live_interval", { lo: fmt(iv.lower, 1), hi: fmt(iv.upper, 1) })]
    ], "live_empty_nps", invalid);
  }

  /* The compact CSI result: weighted CSI and the weakest attribute, and/or
     the CSI and CSAT of the pasted answers. */
  function csiLive(box, w, q, invalid) {
    var lines = [];
    if (w) {
      lines.push([t("live_weighted_csi"), fmt(w.csi, 1), t("live_weakest", { name: w.attributes[w.weakest_index].name })]);
    }
    if (q) {
      lines.push([t("live_question_csi"), fmt(q.csi, 1), "CSAT " + pct(q.csat_percent)]);
    }
    live(box, lines.length ? lines : null, "live_empty_csi", invalid);
  }

  /* ---- charts ---- */

  var SEGMENTS = [
    { key: "promoters", cls: "calc-seg-promoter" },
    { key: "passives", cls: "calc-seg-passive" },
    { key: "detractors", cls: "calc-seg-detractor" }
  ];

  function pct(x) {
    return fmt(x, 1) + "%";
  }

  function segmentChart(r) {
    var label =
      t("segments_chart") + P.colon +
      SEGMENTS.map(function (s) {
        return t(s.key) + " " + pct(r[s.key + "_percent"]);
      }).join(P.comma);
    var svg = sv("svg", { class: "calc-svg calc-segments", viewBox: "0 0 600 44", role: "img", "aria-label": label, preserveAspectRatio: "none" });
    svg.appendChild(sv("title", { text: label }));
    var x = 0;
    SEGMENTS.forEach(function (s) {
      var w = (600 * r[s.key]) / r.n;
      if (w > 0) {
        svg.appendChild(sv("rect", { x: x.toFixed(2), y: 0, width: w.toFixed(2), height: 44, class: s.cls }));
      }
      x += w;
    });
    var legend = el("ul", { class: "calc-legend" });
    SEGMENTS.forEach(function (s) {
      legend.appendChild(
        el("li", null, [el("span", { class: "calc-swatch " + s.cls, "aria-hidden": "true" }), t(s.key) + " " + pct(r[s.key + "_percent"])])
      );
    });
    return el("figure", { class: "calc-figure" }, [el("figcaption", { text: t("segments_chart") }), svg, legend]);
  }

  /* Charts are drawn at the width they are shown at, so that their text
     stays readable on a phone as on a desktop. */
  function chartWidth(container) {
    var w = container.clientWidth;
    return w > 0 ? Math.max(280, Math.min(640, Math.round(w))) : 560;
  }

  function histogramChart(r, npsResults) {
    var hist = r.histogram;
    var largest = Math.max.apply(null, hist) || 1;
    var W = chartWidth(npsResults);
    var H = 220;
    var top = 22;
    var bottom = 28;
    var slot = W / 11;
    var gap = Math.min(6, slot / 5);
    var label =
      t("histogram") + P.colon +
      hist.map(function (c, s) {
        return t("score_label", { n: s }) + " " + t("people", { n: c });
      }).join(P.comma);
    var svg = sv("svg", { class: "calc-svg calc-histogram", viewBox: "0 0 " + W + " " + H, role: "img", "aria-label": label });
    svg.appendChild(sv("title", { text: label }));
    svg.appendChild(sv("line", { x1: 0, x2: W, y1: H - bottom, y2: H - bottom, class: "calc-axis" }));
    hist.forEach(function (c, s) {
      var h = ((H - top - bottom) * c) / largest;
      var x = s * slot + gap;
      var cls = s >= 9 ? "calc-seg-promoter" : s >= 7 ? "calc-seg-passive" : "calc-seg-detractor";
      if (c > 0) {
        svg.appendChild(sv("rect", { x: x.toFixed(2), y: (H - bottom - h).toFixed(2), width: (slot - 2 * gap).toFixed(2), height: h.toFixed(2), class: cls }));
      }
      svg.appendChild(sv("text", { x: (x + (slot - 2 * gap) / 2).toFixed(2), y: (H - bottom - h - 6).toFixed(2), "text-anchor": "middle", class: "calc-value", text: String(c) }));
      svg.appendChild(sv("text", { x: (x + (slot - 2 * gap) / 2).toFixed(2), y: H - 8, "text-anchor": "middle", class: "calc-tick", text: String(s) }));
    });
    return el("figure", { class: "calc-figure" }, [el("figcaption", { text: t("histogram") }), svg]);
  }

  function attributeChart(w, csiResults) {
    var rowH = 40;
    var W = chartWidth(csiResults);
    var left = W < 420 ? 60 : 76;
    var right = W < 420 ? 92 : 110;
    var H = w.attributes.length * rowH + 8;
    var label =
      t("csi_chart") + P.colon +
      w.attributes.map(function (a, i) {
        return a.name + " " + fmt(a.csi, 1) + (i === w.weakest_index ? P.open + t("weakest_mark") + P.close : "");
      }).join(P.comma);
    var svg = sv("svg", { class: "calc-svg calc-attr-chart", viewBox: "0 0 " + W + " " + H, role: "img", "aria-label": label });
    svg.appendChild(sv("title", { text: label }));
    var span = W - left - right;
    w.attributes.forEach(function (a, i) {
      var y = i * rowH + 6;
      var weak = i === w.weakest_index;
      var len = (span * a.csi) / 100;
      svg.appendChild(sv("text", { x: 0, y: y + 21, class: "calc-tick" + (weak ? " calc-weak-text" : ""), text: a.name }));
      svg.appendChild(sv("rect", { x: left, y: y + 4, width: span, height: 24, class: "calc-track" }));
      if (len > 0) {
        svg.appendChild(sv("rect", { x: left, y: y + 4, width: len.toFixed(2), height: 24, class: weak ? "calc-bar-weak" : "calc-bar" }));
      }
      svg.appendChild(sv("text", {
        x: left + span + 8, y: y + 21, class: "calc-value" + (weak ? " calc-weak-text" : ""),
        text: fmt(a.csi, 1) + (weak ? " ◀ " + t("weakest_mark") : "")
      }));
    });
    return el("figure", { class: "calc-figure" }, [el("figcaption", { text: t("csi_chart") }), svg]);
  }

  /* ---- results ---- */

  function intervalLine(r, key) {
    var iv = r[key];
    var rec = r.recommended === key;
    var li = el("li", { class: rec ? "is-recommended" : null }, [
      el("span", { class: "calc-method", text: t(key === "wald" ? "method_wald" : "method_adjusted") + P.colon }),
      el("span", { class: "calc-range", text: t("interval_range", { lo: fmt(iv.lower, 1), hi: fmt(iv.upper, 1), moe: fmt(iv.moe, 1) }) })
    ]);
    if (rec) {
      li.appendChild(el("strong", { class: "calc-badge", text: t("recommended") }));
    }
    return li;
  }

  function compareLine(value, name, ref) {
    var d = round(value - ref, 0);
    var vars = { name: name, v: ref, d: Math.abs(d) };
    var key = d > 0 ? "compare_above" : d < 0 ? "compare_below" : "compare_equal";
    return el("li", { class: "calc-compare-" + (d > 0 ? "above" : d < 0 ? "below" : "equal"), text: t(key, vars) });
  }

  /* Fills the (cleared) NPS result box for result r; returns the summary to copy. */
  function npsResult(npsResults, r) {
    var score = fmt(r.nps, 0);
    var rec = r[r.recommended];
    var headline = el("div", { class: "calc-headline" }, [
      el("p", { class: "calc-big" }, [
        el("span", { class: "calc-big-label", text: t("nps") }),
        el("span", { class: "calc-big-value", id: "calc-nps-value", text: score })
      ]),
      el("p", { class: "calc-big calc-big-small" }, [
        el("span", { class: "calc-big-label", text: t("respondents") }),
        el("span", { class: "calc-big-value", id: "calc-n-value", text: String(r.n) })
      ])
    ]);
    var table = el("table", { class: "calc-seg-table" }, [
      el("thead", null, el("tr", null, [
        el("th", { scope: "col", text: t("segment") }),
        el("th", { scope: "col", text: t("count") }),
        el("th", { scope: "col", text: t("percent") })
      ])),
      el("tbody", null, SEGMENTS.map(function (s) {
        return el("tr", { class: s.cls + "-row" }, [
          el("th", { scope: "row" }, [el("span", { class: "calc-swatch " + s.cls, "aria-hidden": "true" }), t(s.key)]),
          el("td", { text: String(r[s.key]) }),
          el("td", { text: pct(r[s.key + "_percent"]) })
        ]);
      }))
    ]);
    var intervals = el("div", { class: "calc-card" }, [
      el("h3", { text: t("interval") }),
      el("ul", { class: "calc-intervals" }, [intervalLine(r, "wald"), intervalLine(r, "adjusted_wald")])
    ]);
    var compare = el("div", { class: "calc-card" }, [
      el("h3", { text: t("comparison") }),
      el("ul", { class: "calc-compare" }, [
        compareLine(r.nps, t("industry_average"), INDUSTRY_AVERAGE),
        compareLine(r.nps, t("greif"), GREIF)
      ])
    ]);
    append(npsResults, [
      headline,
      el("div", { class: "calc-card" }, el("div", { class: "calc-table-wrap" }, table)),
      intervals,
      compare,
      segmentChart(r),
      histogramChart(r, npsResults)
    ]);
    var lines = [
      t("nps") + P.colon + score + P.open + t("respondents") + " " + r.n + P.close,
      t("interval") + P.open + t(r.recommended === "wald" ? "method_wald" : "method_adjusted") + "）：" +
        t("interval_range", { lo: fmt(rec.lower, 1), hi: fmt(rec.upper, 1), moe: fmt(rec.moe, 1) })
    ];
    SEGMENTS.forEach(function (s) {
      lines.push(t(s.key) + P.colon + r[s.key] + P.open + pct(r[s.key + "_percent"]) + P.close);
    });
    lines.push(
      t("histogram") + P.colon + r.histogram.map(function (c, s) {
        return s + "=" + c;
      }).join(" ")
    );
    return lines.join("\n");
  }

  /* Fills the (cleared) CSI result box; returns the summary to copy. */
  function csiResult(csiResults, w, q, invalid, filled, min, max) {
    var lines = [];
    var head = el("div", { class: "calc-headline" });
    csiResults.appendChild(head);
    if (w) {
      head.appendChild(el("p", { class: "calc-big" }, [
        el("span", { class: "calc-big-label", text: t("weighted_csi") }),
        el("span", { class: "calc-big-value", id: "calc-weighted-value", text: fmt(w.csi, 1) })
      ]));
      var weak = w.attributes[w.weakest_index];
      head.appendChild(el("p", { class: "calc-big calc-big-small" }, [
        el("span", { class: "calc-big-label", text: t("weakest") }),
        el("span", { class: "calc-big-value calc-weak-text", id: "calc-weakest-value", text: weak.name })
      ]));
      lines.push(t("weighted_csi") + P.colon + fmt(w.csi, 1) + P.open + t("scale_label") + " " + min + "–" + max + P.close);
      lines.push(t("weakest") + P.colon + weak.name + "（CSI " + fmt(weak.csi, 1) + P.close);
    } else if (filled > 0 || invalid) {
      csiResults.appendChild(el("p", { class: "calc-placeholder", text: t(invalid ? "fix_errors" : "need_all_means") }));
    }
    if (q) {
      head.appendChild(el("p", { class: "calc-big" }, [
        el("span", { class: "calc-big-label", text: t("question_csi") }),
        el("span", { class: "calc-big-value", id: "calc-question-csi", text: fmt(q.csi, 1) })
      ]));
      head.appendChild(el("p", { class: "calc-big" }, [
        el("span", { class: "calc-big-label", text: t("csat") }),
        el("span", { class: "calc-big-value", id: "calc-csat-value", text: pct(q.csat_percent) })
      ]));
      var detail = el("p", { class: "calc-note", text: t("respondents") + " " + q.n + P.comma + t("mean_label") + " " + fmt(q.mean, 2) });
      csiResults.appendChild(detail);
      lines.push(t("question_csi") + P.colon + fmt(q.csi, 1) + P.open + t("respondents") + " " + q.n + P.comma + t("mean_label") + " " + fmt(q.mean, 2) + P.close);
      lines.push(t("csat") + P.colon + pct(q.csat_percent));
    }
    if (w) {
      var table = el("table", { class: "calc-attr-results" }, [
        el("thead", null, el("tr", null, [
          el("th", { scope: "col", text: t("attribute") }),
          el("th", { scope: "col", text: t("mean_label") }),
          el("th", { scope: "col", text: "CSI" }),
          el("th", { scope: "col", text: t("weight_label") })
        ])),
        el("tbody", null, w.attributes.map(function (a, i) {
          var isWeak = i === w.weakest_index;
          return el("tr", { class: isWeak ? "is-weakest" : null }, [
            el("th", { scope: "row" }, [a.name, isWeak ? el("strong", { class: "calc-badge calc-badge-weak", text: t("weakest_mark") }) : null]),
            el("td", { text: fmt(a.mean, 2) }),
            el("td", { text: fmt(a.csi, 1) }),
            el("td", { text: pct(a.weight * 100) })
          ]);
        }))
      ]);
      csiResults.appendChild(el("div", { class: "calc-card" }, el("div", { class: "calc-table-wrap" }, table)));
      csiResults.appendChild(attributeChart(w, csiResults));
      w.attributes.forEach(function (a) {
        lines.push(a.name + P.colon + t("mean_label") + " " + fmt(a.mean, 2) + "，CSI " + fmt(a.csi, 1) + P.comma + t("weight_label") + " " + pct(a.weight * 100));
      });
    }
    return lines.join("\n");
  }

  /* ---- clipboard ---- */

  /* Copies text and the page address; announce(message) says how it went. */
  function copyText(text, announce) {
    var summary = text + "\n" + location.href;
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(summary).then(
        function () {
          announce(t("copied"));
        },
        function () {
          fallbackCopy(summary, announce);
        }
      );
    } else {
      fallbackCopy(summary, announce);
    }
  }

  function fallbackCopy(text, announce) {
    var ta = el("textarea", { class: "calc-offscreen", readonly: true, "aria-hidden": "true", tabindex: "-1" });
    ta.value = text;
    document.body.appendChild(ta);
    var active = document.activeElement;
    ta.select();
    var ok = false;
    try {
      ok = document.execCommand("copy");
    } catch (err) {
      ok = false;
    }
    document.body.removeChild(ta);
    if (active && active.focus) {
      active.focus();
    }
    announce(t(ok ? "copied" : "copy_failed"));
  }

  var api = {
    init: init, el: el, clear: clear, markInvalid: markInvalid, setError: setError,
    valueMessage: valueMessage, fileMessage: fileMessage, npsForm: npsForm, csiForm: csiForm,
    npsLive: npsLive, csiLive: csiLive, npsResult: npsResult, csiResult: csiResult, copyText: copyText
  };
  Object.keys(api).forEach(function (k) {
    calc.charts[k] = api[k];
  });
  Object.freeze(calc.charts);
})();
