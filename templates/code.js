/* coursegen code blocks: a copy button above each one. Progressive
   enhancement: without scripts the code is still there to select. The
   labels come from the page (src/i18n, on this script's data attributes);
   text only, never HTML. Needs ui.js (window.coursegenUi), loaded before. */
(function () {
  "use strict";
  var ui = window.coursegenUi;
  var script = document.currentScript;
  var main = document.getElementById("main");
  if (!ui || !script || !main) return;
  var label = script.getAttribute("data-copy") || "Copy";
  var copied = script.getAttribute("data-copied") || "Copied";
  var failed = script.getAttribute("data-failed") || "Copy failed";

  // One live region for every button: screen readers hear "copied".
  var status = ui.el("p", "code-status");
  status.setAttribute("role", "status");
  status.setAttribute("aria-live", "polite");
  main.appendChild(status);

  /** Copies `text` by selecting `node` (for browsers without the clipboard
      API, or where it is refused); true when the browser says it copied. */
  function copyBySelection(node) {
    var selection = window.getSelection();
    if (!selection) return false;
    var range = document.createRange();
    range.selectNodeContents(node);
    selection.removeAllRanges();
    selection.addRange(range);
    var ok = false;
    try {
      ok = document.execCommand("copy");
    } catch (e) {
      ok = false;
    }
    selection.removeAllRanges();
    return ok;
  }

  function copy(code, button) {
    var text = code.textContent;
    var done = function (ok) {
      ui.announce(status, ok ? copied : failed);
      button.textContent = ok ? copied : failed;
      window.setTimeout(function () {
        button.textContent = label;
      }, 2000);
    };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(
        function () { done(true); },
        function () { done(copyBySelection(code)); }
      );
    } else {
      done(copyBySelection(code));
    }
  }

  ui.qsa(main, "pre > code").forEach(function (code) {
    var pre = code.parentNode;
    var block = ui.el("div", "code-block");
    var tools = ui.el("div", "code-tools");
    var button = ui.el("button", "code-copy", label);
    button.type = "button";
    button.addEventListener("click", function () { copy(code, button); });
    tools.appendChild(button);
    pre.parentNode.insertBefore(block, pre);
    block.appendChild(tools);
    block.appendChild(pre);
  });
})();
