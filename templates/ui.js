/* coursegen page helpers shared by the quiz, progress and calculator scripts:
   small DOM and text functions, text only (never HTML). Loaded before them;
   window.coursegenUi. */
(function () {
  "use strict";

  /** A new element with a class and text (textContent, never HTML). */
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }
  /** The JSON in the element `id` (a <script type="application/json">), or null. */
  function json(id) {
    var node = document.getElementById(id);
    if (!node) return null;
    try {
      return JSON.parse(node.textContent);
    } catch (e) {
      return null;
    }
  }
  /** A lookup of the page's interface strings (src/i18n, as JSON in `id`):
      a missing one shows its name, so it is noticed rather than hidden. */
  function strings(id) {
    var table = json(id) || {};
    return function (name) {
      return typeof table[name] === "string" ? table[name] : name;
    };
  }
  /** `s` with each `{name}` replaced by `values[name]`. */
  function fmt(s, values) {
    for (var k in values) {
      if (Object.prototype.hasOwnProperty.call(values, k)) s = s.split("{" + k + "}").join(String(values[k]));
    }
    return s;
  }
  function qsa(root, sel) {
    return Array.prototype.slice.call(root.querySelectorAll(sel));
  }
  /** Says `text` in the live region `region`; clearing first makes screen
      readers repeat a message that did not change. */
  function announce(region, text) {
    if (!region) return;
    region.textContent = "";
    window.setTimeout(function () {
      region.textContent = text;
    }, 50);
  }
  /** localStorage, or null where touching it throws. */
  function storage() {
    try {
      return window.localStorage || null;
    } catch (e) {
      return null;
    }
  }

  window.coursegenUi = Object.freeze({
    el: el,
    json: json,
    strings: strings,
    fmt: fmt,
    qsa: qsa,
    announce: announce,
    storage: storage
  });
})();
