/* coursegen NPS / CSI calculator, part 2 of 3: DOM helpers, the input forms,
   the SVG charts, the result views, the error texts and the clipboard. No
   state of its own; calculator.js (part 3) uses it after init(t, P). Needs
   calc-core.js (part 1). */
(function () {
  "use strict";

  var calc = window.coursegenCalc;
  var fmt = calc.format;
  var round = calc.round;
  var SERVQUAL = calc._internal.SERVQUAL;
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
      default:
        return t("file_no_data");
    }
  }

  /* ---- NPS inputs ---- */

  /* Fills the NPS panel; returns its fields and result boxes. */
  function npsForm(npsPanel) {
    var countInputs = [];
    var countsError = el("p", { class: "calc-error", id: "calc-counts-error" });
    countsError.hidden = true;
    var countsGrid = el("div", { class: "calc-counts-grid" });
    for (var score = 0; score <= 10; score++) {
      var seg = score >= 9 ? "promoter" : score >= 7 ? "passive" : "detractor";
      var input = el("input", {
        type: "text", inputmode: "numeric", autocomplete: "off", id: "calc-count-" + score, class: "calc-count-input",
        placeholder: "0", "data-score": score
      });
      countInputs.push(input);
      countsGrid.appendChild(
        el("div", { class: "calc-count is-" + seg }, [el("label", { for: input.id, text: t("score_label", { n: score }) }), input])
      );
    }
    var countsSet = el("fieldset", { class: "calc-fieldset calc-counts" }, [
      el("legend", { text: t("counts_legend") }),
      countsGrid,
      countsError
    ]);

    var rawHint = el("p", { class: "calc-hint", id: "calc-raw-hint", text: t("raw_hint") });
    var rawError = el("p", { class: "calc-error", id: "calc-raw-error" });
    rawError.hidden = true;
    var rawInput = el("textarea", { id: "calc-raw", rows: "3", spellcheck: "false", autocomplete: "off", "aria-describedby": "calc-raw-hint" });
    var rawSet = el("fieldset", { class: "calc-fieldset calc-raw" }, [
      el("legend", { text: t("raw_legend") }),
      el("label", { for: "calc-raw", text: t("raw_label") }),
      rawInput,
      rawHint,
      rawError
    ]);

    var fileInput = el("input", { type: "file", id: "calc-file", accept: ".csv,.txt,text/csv,text/plain", "aria-describedby": "calc-file-hint" });
    var fileHint = el("p", { class: "calc-hint", id: "calc-file-hint", text: t("file_hint") });
    var fileError = el("p", { class: "calc-error", id: "calc-file-error" });
    fileError.hidden = true;
    var fileStatus = el("p", { class: "calc-note", id: "calc-file-status", role: "status" });
    var columnSelect = el("select", { id: "calc-column" });
    var columnWrap = el("p", { class: "calc-column" }, [el("label", { for: "calc-column", text: t("column_label") }), " ", columnSelect]);
    columnWrap.hidden = true;
    var fileSet = el("fieldset", { class: "calc-fieldset calc-file" }, [
      el("legend", { text: t("file_label") }),
      el("label", { for: "calc-file", class: "visually-hidden", text: t("file_label") }),
      fileInput,
      fileHint,
      columnWrap,
      fileError,
      fileStatus
    ]);

    var npsSourceNote = el("p", { class: "calc-note calc-source" });
    var npsResults = el("div", { class: "calc-results-body" });
    var npsResultsBox = el(
      "section",
      { class: "calc-results", id: "calc-nps-results", "aria-live": "polite", "aria-labelledby": "calc-nps-results-title" },
      [el("h2", { id: "calc-nps-results-title", text: t("results") }), npsResults]
    );
    append(npsPanel, [el("div", { class: "calc-inputs" }, [countsSet, rawSet, fileSet]), npsSourceNote, npsResultsBox]);
    return {
      countInputs: countInputs, countsError: countsError, countsSet: countsSet, rawInput: rawInput,
      rawError: rawError, rawSet: rawSet, fileInput: fileInput, fileError: fileError, fileStatus: fileStatus,
      columnSelect: columnSelect, columnWrap: columnWrap, npsSourceNote: npsSourceNote,
      npsResults: npsResults, npsResultsBox: npsResultsBox
    };
  }

  /* ---- CSI inputs ---- */

  /* Fills the CSI panel; returns its fields and result box. */
  function csiForm(csiPanel) {
    var scaleSelect = el("select", { id: "calc-scale" });
    [5, 7, 10].forEach(function (m) {
      scaleSelect.appendChild(el("option", { value: String(m), text: "1–" + m }));
    });
    var meanInputs = [];
    var weightInputs = [];
    var meanErrors = [];
    var weightErrors = [];
    var tbody = el("tbody");
    SERVQUAL.forEach(function (name, i) {
      var mean = el("input", {
        type: "text", inputmode: "decimal", autocomplete: "off", id: "calc-mean-" + i, class: "calc-mean-input",
        "aria-labelledby": "calc-attr-" + i + " calc-col-mean"
      });
      var weight = el("input", {
        type: "text", inputmode: "decimal", autocomplete: "off", id: "calc-weight-" + i, class: "calc-weight-input",
        placeholder: "1", "aria-labelledby": "calc-attr-" + i + " calc-col-importance"
      });
      var me = el("span", { class: "calc-error", id: "calc-mean-error-" + i });
      var we = el("span", { class: "calc-error", id: "calc-weight-error-" + i });
      me.hidden = true;
      we.hidden = true;
      meanInputs.push(mean);
      weightInputs.push(weight);
      meanErrors.push(me);
      weightErrors.push(we);
      tbody.appendChild(
        el("tr", null, [
          el("th", { scope: "row", id: "calc-attr-" + i, text: name }),
          el("td", null, [mean, me]),
          el("td", null, [weight, we])
        ])
      );
    });
    var weightsError = el("p", { class: "calc-error", id: "calc-weights-error" });
    weightsError.hidden = true;
    var attrTable = el("table", { class: "calc-attr-table" }, [
      el("thead", null, el("tr", null, [
        el("th", { scope: "col", text: t("attribute") }),
        el("th", { scope: "col", id: "calc-col-mean", text: t("mean_label") }),
        el("th", { scope: "col", id: "calc-col-importance", text: t("importance_label") })
      ])),
      tbody
    ]);
    var csiRawError = el("p", { class: "calc-error", id: "calc-csi-raw-error" });
    csiRawError.hidden = true;
    var csiRaw = el("textarea", { id: "calc-csi-raw", rows: "3", spellcheck: "false", autocomplete: "off", "aria-describedby": "calc-csi-raw-hint" });
    var csiResults = el("div", { class: "calc-results-body" });
    append(csiPanel, [
      el("div", { class: "calc-inputs" }, [
        el("p", { class: "calc-scale" }, [el("label", { for: "calc-scale", text: t("scale_label") }), " ", scaleSelect]),
        el("div", { class: "calc-table-wrap" }, attrTable),
        el("p", { class: "calc-hint", id: "calc-importance-hint", text: t("importance_hint") }),
        weightsError,
        el("fieldset", { class: "calc-fieldset calc-raw" }, [
          el("legend", { text: t("csi_raw_legend") }),
          el("label", { for: "calc-csi-raw", text: t("raw_label") }),
          csiRaw,
          el("p", { class: "calc-hint", id: "calc-csi-raw-hint", text: t("raw_hint") }),
          csiRawError
        ])
      ]),
      el(
        "section",
        { class: "calc-results", id: "calc-csi-results", "aria-live": "polite", "aria-labelledby": "calc-csi-results-title" },
        [el("h2", { id: "calc-csi-results-title", text: t("results") }), csiResults]
      )
    ]);
    weightInputs.forEach(function (w) {
      w.setAttribute("aria-describedby", "calc-importance-hint");
    });
    return {
      scaleSelect: scaleSelect, meanInputs: meanInputs, weightInputs: weightInputs, meanErrors: meanErrors,
      weightErrors: weightErrors, weightsError: weightsError, csiRaw: csiRaw, csiRawError: csiRawError,
      csiResults: csiResults
    };
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
        el("th", { scope: "col", text: "" }),
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
    npsResult: npsResult, csiResult: csiResult, copyText: copyText
  };
  Object.keys(api).forEach(function (k) {
    calc.charts[k] = api[k];
  });
  Object.freeze(calc.charts);
})();
