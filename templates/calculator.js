/* coursegen NPS / CSI calculator, part 3 of 3: the page. Tabs, reading the
   inputs, errors, the CSV file, the copy button and the state in the URL
   fragment. Plain JavaScript, no network; the metrics come from calc-core.js
   and the DOM side (forms, charts, results) from calc-charts.js. The form
   itself is in calculator.html, so nothing moves when this script starts. */
(function () {
  "use strict";

  var calc = window.coursegenCalc;
  var nps = calc.nps, csi = calc.csi, weightedCsi = calc.weightedCsi, histogramOf = calc.histogram;
  var readCsv = calc.readCsv, tokens = calc.tokens, decode = calc.decode;
  var I = calc._internal;
  var trimAscii = I.trimAscii, parseScore = I.parseScore, splitCells = I.splitCells;
  var sum = I.sum, parseDecimal = I.parseDecimal, parseCount = I.parseCount, guessColumn = I.guessColumn;
  var V = calc.charts;
  var el = V.el, clear = V.clear, markInvalid = V.markInvalid, setError = V.setError;
  var valueMessage = V.valueMessage, fileMessage = V.fileMessage;

  var root = document.getElementById("calculator");
  var stringsEl = document.getElementById("calc-strings");
  if (!root || !stringsEl) {
    return;
  }
  var S;
  try {
    S = JSON.parse(stringsEl.textContent || "{}");
  } catch (err) {
    return;
  }

  /* Punctuation of the page's language (Chinese full-width or Latin). */
  var zh = /^zh/i.test(document.documentElement.lang || "zh");
  var P = zh
    ? { colon: "：", open: "（", close: "）", comma: "，", list: "、", space: "" }
    : { colon: ": ", open: " (", close: ")", comma: ", ", list: ", ", space: " " };

  function t(key, vars) {
    var s = S[key] === undefined ? key : String(S[key]);
    if (vars) {
      s = s.replace(/\{(\w+)\}/g, function (m, k) {
        return vars[k] === undefined ? m : String(vars[k]);
      });
    }
    return s;
  }
  V.init(t, P);

  /* ---- the form (in calculator.html) ---- */

  var nf = V.npsForm();
  var cf = V.csiForm();
  var tablist = root.querySelector("[role=tablist]");
  var tabs = [document.getElementById("calc-tab-nps"), document.getElementById("calc-tab-csi")];
  var panels = [document.getElementById("calc-panel-nps"), document.getElementById("calc-panel-csi")];
  var copyStatus = document.getElementById("calc-copy-status");
  if (!nf || !cf || !tablist || !copyStatus || tabs.concat(panels).indexOf(null) >= 0) {
    return;
  }
  var countInputs = nf.countInputs, countsError = nf.countsError, countsSet = nf.countsSet;
  var rawInput = nf.rawInput, rawError = nf.rawError, rawSet = nf.rawSet, fileInput = nf.fileInput;
  var fileError = nf.fileError, fileStatus = nf.fileStatus, columnSelect = nf.columnSelect, columnWrap = nf.columnWrap;
  var npsSourceNote = nf.npsSourceNote, npsResults = nf.npsResults, npsResultsBox = nf.npsResultsBox;
  var scaleSelect = cf.scaleSelect, meanInputs = cf.meanInputs, weightInputs = cf.weightInputs;
  var meanErrors = cf.meanErrors, weightErrors = cf.weightErrors, weightsError = cf.weightsError;
  var csiRaw = cf.csiRaw, csiRawError = cf.csiRawError, csiResults = cf.csiResults;

  /* ---- tabs ---- */

  tabs.forEach(function (tab) {
    tab.addEventListener("click", function () {
      selectTab(tab.dataset.key, false);
      saveState();
    });
  });

  var current = "nps";
  var ready = false;
  function selectTab(key, focus) {
    var changed = current !== key;
    current = key;
    tabs.forEach(function (tab, i) {
      var on = tab.dataset.key === key;
      tab.setAttribute("aria-selected", on ? "true" : "false");
      tab.tabIndex = on ? 0 : -1;
      panels[i].hidden = !on;
      if (on && focus) {
        tab.focus();
      }
    });
    if (ready && changed) {
      redraw();
    }
  }

  tablist.addEventListener("keydown", function (ev) {
    var i = tabs.indexOf(document.activeElement);
    if (i < 0) {
      return;
    }
    var j = null;
    if (ev.key === "ArrowRight" || ev.key === "ArrowDown") {
      j = (i + 1) % tabs.length;
    } else if (ev.key === "ArrowLeft" || ev.key === "ArrowUp") {
      j = (i - 1 + tabs.length) % tabs.length;
    } else if (ev.key === "Home") {
      j = 0;
    } else if (ev.key === "End") {
      j = tabs.length - 1;
    }
    if (j !== null) {
      ev.preventDefault();
      selectTab(tabs[j].dataset.key, true);
      saveState();
    }
  });

  /* ---- NPS logic ---- */

  var npsSource = "counts";
  var lastNpsSummary = "";
  var lastCsiSummary = "";

  function readCounts() {
    var hist = [];
    var bad = [];
    var any = false;
    countInputs.forEach(function (inp, s) {
      var c = parseCount(inp.value);
      if (!c.empty) {
        any = true;
      }
      if (c.bad) {
        bad.push(s);
        hist.push(0);
      } else {
        hist.push(c.empty ? 0 : c.value);
      }
    });
    return { hist: hist, bad: bad, any: any };
  }

  function updateNps() {
    var result = null;
    var invalid = false;
    var counts = readCounts();
    var rawText = rawInput.value;
    var rawTokens = tokens(rawText);
    if (npsSource === "raw" && rawTokens.length === 0) {
      npsSource = "counts";
    }
    countInputs.forEach(function (inp, s) {
      markInvalid(inp, "calc-counts-error", npsSource === "counts" && counts.bad.indexOf(s) >= 0);
    });
    markInvalid(rawInput, "calc-raw-error", false);
    setError(countsError, "");
    setError(rawError, "");
    if (npsSource === "raw") {
      var h = histogramOf(rawTokens, 0, 10);
      if (h.error) {
        invalid = true;
        markInvalid(rawInput, "calc-raw-error", true);
        setError(rawError, valueMessage(h.error, 0, 10));
      } else {
        result = nps(h.histogram);
      }
    } else if (counts.bad.length) {
      invalid = true;
      setError(
        countsError,
        counts.bad.map(function (s) {
          return t("score_label", { n: s });
        }).join(P.list) + P.colon + t("error_count")
      );
    } else if (sum(counts.hist) > Number.MAX_SAFE_INTEGER) {
      invalid = true;
      setError(countsError, t("error_count"));
    } else if (counts.any) {
      result = nps(counts.hist);
      if (result.error) {
        result = null;
      }
    }
    countsSet.classList.toggle("is-inactive", npsSource !== "counts");
    rawSet.classList.toggle("is-inactive", npsSource !== "raw" && rawTokens.length > 0);
    npsSourceNote.textContent = result ? t(npsSource === "raw" ? "source_raw" : "source_counts") : "";
    renderNps(result, invalid);
  }

  function renderNps(r, invalid) {
    V.npsLive(nf.live, r, invalid);
    clear(npsResults);
    npsResultsBox.classList.toggle("is-empty", !r);
    if (!r) {
      lastNpsSummary = "";
      npsResults.appendChild(el("p", { class: "calc-placeholder", text: t(invalid ? "fix_errors" : "empty_results") }));
      return;
    }
    var summary = V.npsResult(npsResults, r);
    npsResults.appendChild(copyButton("nps"));
    lastNpsSummary = summary;
  }

  /* ---- CSV file ---- */

  var fileText = null;
  var fileName = "";
  var fileEncoding = "utf-8";

  function loadFileText(chooseColumn) {
    if (fileText === null) {
      return;
    }
    var firstLine = fileText.replace(/^\uFEFF/, "").split(/\r?\n/).filter(function (l) {
      return trimAscii(l) !== "";
    })[0] || "";
    var cells = splitCells(firstLine).cells;
    var column = null;
    if (cells.length > 1) {
      if (chooseColumn) {
        clear(columnSelect);
        var header = cells.some(function (c) {
          return parseScore(c, 0, 10).issue === "not_a_number";
        });
        cells.forEach(function (c, i) {
          var name = trimAscii(c);
          columnSelect.appendChild(el("option", {
            value: String(i + 1),
            text: header && name ? name : t("column_n", { n: i + 1 })
          }));
        });
        columnSelect.value = String(guessColumn(header ? cells : []) || cells.length);
      }
      columnWrap.hidden = false;
      column = Number(columnSelect.value) || 1;
    } else {
      columnWrap.hidden = true;
    }
    var r = readCsv(fileText, column, 0, 10);
    fileStatus.textContent = "";
    if (r.error) {
      markInvalid(fileInput, "calc-file-error", true);
      setError(fileError, t("error_file", { e: fileMessage(r.error) }));
      npsSource = "file";
      countsSet.classList.add("is-inactive");
      renderNps(null, true);
      npsSourceNote.textContent = "";
      return;
    }
    markInvalid(fileInput, "calc-file-error", false);
    setError(fileError, "");
    countInputs.forEach(function (inp, s) {
      inp.value = String(r.histogram[s]);
    });
    npsSource = "counts";
    fileStatus.textContent = t("file_loaded", { name: fileName, n: r.rows }) +
      (fileEncoding === "gb18030" ? P.space + t("file_gb18030") : "");
    updateNps();
    saveState();
  }

  fileInput.addEventListener("change", function () {
    var f = fileInput.files && fileInput.files[0];
    if (!f) {
      return;
    }
    var reader = new FileReader();
    reader.onload = function () {
      /* UTF-8 when the bytes are valid UTF-8, else GB18030 (Excel on Chinese Windows). */
      var d = decode(new Uint8Array(reader.result));
      fileName = f.name;
      if (d.error) {
        fileText = null;
        fileStatus.textContent = "";
        columnWrap.hidden = true;
        markInvalid(fileInput, "calc-file-error", true);
        setError(fileError, t("error_file", { e: fileMessage(d.error) }));
        npsSource = "file";
        countsSet.classList.add("is-inactive");
        renderNps(null, true);
        npsSourceNote.textContent = "";
        return;
      }
      fileText = d.text;
      fileEncoding = d.encoding;
      loadFileText(true);
    };
    reader.onerror = function () {
      markInvalid(fileInput, "calc-file-error", true);
      setError(fileError, t("error_file", { e: String(reader.error && reader.error.name) }));
    };
    reader.readAsArrayBuffer(f);
  });
  columnSelect.addEventListener("change", function () {
    loadFileText(false);
  });

  function leaveFile() {
    if (npsSource === "file") {
      npsSource = "counts";
    }
    markInvalid(fileInput, "calc-file-error", false);
    setError(fileError, "");
  }

  countInputs.forEach(function (inp) {
    inp.addEventListener("input", function () {
      leaveFile();
      npsSource = "counts";
      fileStatus.textContent = "";
      updateNps();
      saveState();
    });
  });
  rawInput.addEventListener("input", function () {
    leaveFile();
    npsSource = tokens(rawInput.value).length ? "raw" : "counts";
    updateNps();
    saveState();
  });

  /* ---- CSI logic ---- */

  function updateCsi() {
    var max = Number(scaleSelect.value) || 5;
    var min = 1;
    var invalid = false;
    var means = [];
    var filled = 0;
    meanInputs.forEach(function (inp, i) {
      var p = parseDecimal(inp.value);
      var bad = p.bad || (!p.empty && (p.value < min || p.value > max));
      if (!p.empty) {
        filled += 1;
      }
      markInvalid(inp, meanErrors[i].id, !!bad);
      setError(meanErrors[i], bad ? t("error_mean", { min: min, max: max }) : "");
      if (bad) {
        invalid = true;
      }
      means.push(p.value);
    });
    var weights = [];
    weightInputs.forEach(function (inp, i) {
      var p = parseDecimal(inp.value);
      var bad = p.bad || (!p.empty && p.value < 0);
      markInvalid(inp, weightErrors[i].id, !!bad);
      setError(weightErrors[i], bad ? t("error_number") : "");
      if (bad) {
        invalid = true;
      }
      weights.push(p.empty ? 1 : p.value);
    });
    var weighted = null;
    setError(weightsError, "");
    weightInputs.forEach(function (inp) {
      markInvalid(inp, "calc-weights-error", false);
    });
    if (!invalid && filled === meanInputs.length) {
      weighted = weightedCsi(means, weights, min, max, { names: cf.names });
      if (weighted.error) {
        if (weighted.error.code === "all_zero_weights" || weighted.error.code === "negative_weight") {
          setError(weightsError, t("error_weights"));
          weightInputs.forEach(function (inp) {
            markInvalid(inp, "calc-weights-error", true);
          });
        }
        invalid = true;
        weighted = null;
      }
    }
    var question = null;
    var rawTokens = tokens(csiRaw.value);
    markInvalid(csiRaw, "calc-csi-raw-error", false);
    setError(csiRawError, "");
    if (rawTokens.length) {
      question = csi(rawTokens, min, max);
      if (question.error) {
        markInvalid(csiRaw, "calc-csi-raw-error", true);
        setError(csiRawError, valueMessage(question.error, min, max));
        question = null;
        invalid = true;
      }
    }
    renderCsi(invalid ? null : weighted, invalid ? null : question, invalid, filled, min, max);
  }

  function renderCsi(w, q, invalid, filled, min, max) {
    V.csiLive(cf.live, w, q, invalid);
    clear(csiResults);
    var box = csiResults.parentNode;
    box.classList.toggle("is-empty", !w && !q);
    if (!w && !q) {
      lastCsiSummary = "";
      var msg = invalid ? "fix_errors" : filled > 0 ? "need_all_means" : "empty_results";
      csiResults.appendChild(el("p", { class: "calc-placeholder", text: t(msg) }));
      return;
    }
    var summary = V.csiResult(csiResults, w, q, invalid, filled, min, max);
    csiResults.appendChild(copyButton("csi"));
    lastCsiSummary = summary;
  }

  meanInputs.concat(weightInputs, [csiRaw]).forEach(function (inp) {
    inp.addEventListener("input", function () {
      updateCsi();
      saveState();
    });
  });
  scaleSelect.addEventListener("change", function () {
    updateCsi();
    saveState();
  });

  /* ---- copy ---- */

  function copyButton(which) {
    var b = el("button", { type: "button", class: "calc-copy", id: "calc-copy-" + which, text: t("copy_result") });
    b.addEventListener("click", function () {
      V.copyText(which === "nps" ? lastNpsSummary : lastCsiSummary, announce);
    });
    return b;
  }

  function announce(text) {
    copyStatus.textContent = "";
    window.setTimeout(function () {
      copyStatus.textContent = text;
    }, 30);
  }

  /* ---- state in the URL fragment ---- */

  var restoring = false;

  function enc(s) {
    return encodeURIComponent(s);
  }

  function fragment() {
    var parts = [];
    if (current !== "nps") {
      parts.push("tab=" + current);
    }
    var counts = countInputs.map(function (i) {
      return i.value;
    });
    if (npsSource === "raw" && rawInput.value) {
      parts.push("nps=r:" + enc(rawInput.value));
    } else if (counts.some(function (c) {
      return c !== "";
    })) {
      parts.push("nps=c:" + counts.map(enc).join(","));
    }
    var csiParts = [];
    if (scaleSelect.value !== "5") {
      csiParts.push("s:" + scaleSelect.value);
    }
    var means = meanInputs.map(function (i) {
      return i.value;
    });
    if (means.some(Boolean)) {
      csiParts.push("m:" + means.map(enc).join(","));
    }
    var ws = weightInputs.map(function (i) {
      return i.value;
    });
    if (ws.some(Boolean)) {
      csiParts.push("w:" + ws.map(enc).join(","));
    }
    if (csiRaw.value) {
      csiParts.push("r:" + enc(csiRaw.value));
    }
    if (csiParts.length) {
      parts.push("csi=" + csiParts.join(";"));
    }
    return parts.join("&");
  }

  function saveState() {
    if (restoring) {
      return;
    }
    var f = fragment();
    var url = location.href.split("#")[0] + (f ? "#" + f : "");
    if (url === location.href) {
      return;
    }
    try {
      history.replaceState(history.state, "", url);
    } catch (err) {
      try {
        location.replace(f ? "#" + f : "#");
      } catch (err2) {
        /* the page still works without a shareable address */
      }
    }
  }

  function dec(s) {
    try {
      return decodeURIComponent(s);
    } catch (err) {
      return s;
    }
  }

  function fillList(inputs, text) {
    var vals = text.split(",");
    inputs.forEach(function (inp, i) {
      inp.value = vals[i] === undefined ? "" : dec(vals[i]);
    });
  }

  function restore() {
    var hash = location.hash.replace(/^#/, "");
    if (!hash) {
      return false;
    }
    var state = {};
    hash.split("&").forEach(function (p) {
      var k = p.indexOf("=");
      if (k > 0) {
        state[p.slice(0, k)] = p.slice(k + 1);
      }
    });
    if (!state.nps && !state.csi && !state.tab) {
      return false;
    }
    restoring = true;
    if (state.nps) {
      var kind = state.nps.slice(0, 2);
      var body = state.nps.slice(2);
      if (kind === "c:") {
        fillList(countInputs, body);
        rawInput.value = "";
        npsSource = "counts";
      } else if (kind === "r:") {
        rawInput.value = dec(body);
        countInputs.forEach(function (i) {
          i.value = "";
        });
        npsSource = "raw";
      }
    }
    if (state.csi) {
      scaleSelect.value = "5";
      meanInputs.concat(weightInputs).forEach(function (i) {
        i.value = "";
      });
      csiRaw.value = "";
      state.csi.split(";").forEach(function (part) {
        var key = part.slice(0, 2);
        var val = part.slice(2);
        if (key === "s:" && ["5", "7", "10"].indexOf(val) >= 0) {
          scaleSelect.value = val;
        } else if (key === "m:") {
          fillList(meanInputs, val);
        } else if (key === "w:") {
          fillList(weightInputs, val);
        } else if (key === "r:") {
          csiRaw.value = dec(val);
        }
      });
    }
    selectTab(state.tab === "csi" ? "csi" : state.csi && !state.nps ? "csi" : "nps", false);
    updateNps();
    updateCsi();
    restoring = false;
    return true;
  }

  window.addEventListener("hashchange", function () {
    restore();
  });

  function redraw() {
    updateNps();
    updateCsi();
  }

  var lastWidth = root.clientWidth;
  var resizeTimer = 0;
  window.addEventListener("resize", function () {
    window.clearTimeout(resizeTimer);
    resizeTimer = window.setTimeout(function () {
      if (root.clientWidth !== lastWidth) {
        lastWidth = root.clientWidth;
        redraw();
      }
    }, 150);
  });

  selectTab("nps", false);
  if (!restore()) {
    redraw();
  }
  ready = true;
  root.classList.add("is-ready");
})();
