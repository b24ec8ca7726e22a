// coursegen scenario page: plays a role-play scenario as a conversation. The
// page holds the whole script, rendered at build time (every node with its
// choices and feedback, every ending with its debrief); this script hides it
// and shows it one line at a time, by cloning those elements: no HTML
// strings. Where a play stands is in scenario-core.js, the saved record in
// progress-core.js.
//
// Keyboard: the choices are buttons; after a choice the focus moves to the
// next choices (or to the ending), and new lines are announced by the log's
// aria-live region.
(function () {
  "use strict";

  var page = document.getElementById("scenario");
  var Core = window.coursegenScenario;
  var Rec = window.coursegenRecords;
  var Ui = window.coursegenUi;
  if (!page || !Core || !Rec || !Ui) return;
  var data = Ui.json("scenario-data");
  var str = Ui.strings("scenario-strings");
  if (!data || !Array.isArray(data.nodes) || !Array.isArray(data.endings)) return;
  var el = Ui.el;
  var fmt = Ui.fmt;

  var player = page.querySelector(".scenario-player");
  var script = page.querySelector(".scenario-script");
  if (!player || !script) return;
  var chatLog = player.querySelector(".chat-log");
  var chat = player.querySelector(".chat");
  var choicesBox = player.querySelector(".choices");
  var choiceList = player.querySelector(".choice-list");
  var endingBox = player.querySelector(".scenario-ending");
  var backButton = player.querySelector(".scenario-back");
  var restartButton = player.querySelector(".scenario-restart");
  var statusLine = player.querySelector(".scenario-status");
  var bestLine = page.querySelector(".scenario-best");

  // ---- the script's elements, by node and ending index
  var nodeEls = {};
  Ui.qsa(script, "[data-node]").forEach(function (li) {
    nodeEls[li.getAttribute("data-node")] = li;
  });
  var endingEls = {};
  Ui.qsa(script, "[data-ending]").forEach(function (li) {
    endingEls[li.getAttribute("data-ending")] = li;
  });
  function choiceEl(node, choice) {
    var li = nodeEls[node];
    return li ? li.querySelector('.script-choice[data-choice="' + choice + '"]') : null;
  }

  // ---- the record
  var meta = { version: page.getAttribute("data-version") || "", pass: data.pass, endings: {} };
  data.endings.forEach(function (e) {
    if (e && typeof e.id === "string") meta.endings[e.id] = e.rating;
  });
  var course = (document.body && document.body.getAttribute("data-course")) || "";
  var saved = Rec.store(Ui.storage, course);
  var recordKey = "scenario:" + (page.getAttribute("data-scenario-id") || "");
  var rec = Rec.readScenario(saved.get(recordKey), meta);
  function now() {
    return new Date().toISOString();
  }
  function save() {
    // Without storage the scenario still plays for this visit.
    saved.set(recordKey, rec);
    document.dispatchEvent(new CustomEvent("coursegen:progress"));
  }

  // ---- copies of the script's parts
  /** Copies the children of `from` into `to`, without ids (they stay unique)
      and, where `plain`, with links turned into text (inside a button). */
  function copyInto(to, from, plain) {
    if (!from) return to;
    for (var n = from.firstChild; n; n = n.nextSibling) to.appendChild(n.cloneNode(true));
    Ui.qsa(to, "[id]").forEach(function (e) {
      e.removeAttribute("id");
    });
    if (plain) {
      Ui.qsa(to, "a").forEach(function (a) {
        var span = el("span");
        while (a.firstChild) span.appendChild(a.firstChild);
        a.parentNode.replaceChild(span, a);
      });
    }
    return to;
  }
  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }
  function signed(n) {
    return n > 0 ? "+" + n : n < 0 ? "\u2212" + -n : "0";
  }
  function choiceText(node, choice) {
    var c = choiceEl(node, choice);
    return c ? c.querySelector(".choice-text") : null;
  }
  function endingTitle(i) {
    var li = endingEls[i];
    var h = li && li.querySelector(".ending-title");
    return h ? h.textContent : "";
  }
  function ratingLabel(rating) {
    return str("rating_" + rating);
  }

  // ---- lines of the conversation
  function said(node) {
    var li = el("li", "msg" + (nodeEls[node] && nodeEls[node].classList.contains("is-you") ? " from-you" : " from-them"));
    var src = nodeEls[node];
    if (!src) return li;
    copyInto(li.appendChild(el("p", "msg-head")), src.querySelector(".line-head"));
    copyInto(li.appendChild(el("div", "msg-text")), src.querySelector(".line"));
    return li;
  }
  function reply(node, choice) {
    var li = el("li", "msg from-you");
    li.appendChild(el("p", "msg-head", str("you_said")));
    copyInto(li.appendChild(el("div", "msg-text")), choiceText(node, choice), true);
    return li;
  }
  /** The feedback on a choice: a line of the conversation (`li`) or part
      of a step of a path (`div`). */
  function feedback(node, choice, tag) {
    var c = choiceEl(node, choice);
    var text = c && c.querySelector(".feedback-text");
    var score = (data.nodes[node].choices[choice] || {}).score || 0;
    var li = el(tag || "li", "note " + (score > 0 ? "is-good" : score < 0 ? "is-poor" : "is-neutral"));
    var head = li.appendChild(el("p", "note-head"));
    head.appendChild(el("span", "note-title", str("feedback")));
    head.appendChild(document.createTextNode(" · "));
    head.appendChild(el("span", "note-score", fmt(str("score_change"), { n: signed(score) })));
    if (text) copyInto(li.appendChild(el("div", "note-text")), text);
    return li;
  }

  // ---- the play
  var path = Core.valid(data, rec.path);
  var state = Core.walk(data, path);

  function showChoices(node) {
    clear(choiceList);
    choicesBox.hidden = false;
    endingBox.hidden = true;
    (data.nodes[node].choices || []).forEach(function (c, i) {
      var b = el("button", "choice");
      b.type = "button";
      copyInto(b, choiceText(node, i), true);
      b.addEventListener("click", function () {
        choose(i);
      });
      choiceList.appendChild(b);
    });
  }
  function focusFirstChoice() {
    var b = choiceList.querySelector("button");
    if (b) b.focus();
  }

  /** The steps of `p` as a list: each reply with its score change and
      feedback, then the ending (what was said is in the conversation above). */
  function pathList(list, p) {
    clear(list);
    var w = Core.walk(data, p);
    w.steps.forEach(function (s) {
      var li = list.appendChild(el("li", "step"));
      var r = li.appendChild(el("p", "step-reply"));
      r.appendChild(el("span", "step-you", str("you_said") + str("colon")));
      copyInto(r.appendChild(el("span", "step-text")), choiceText(s[0], s[1]), true);
      li.appendChild(feedback(s[0], s[1], "div"));
    });
    if (w.ending !== null) {
      var e = data.endings[w.ending];
      list.appendChild(
        el("li", "step step-ending", str("ending") + str("colon") + endingTitle(w.ending) + " · " + ratingLabel(e.rating) + " · " + fmt(str("score_change"), { n: signed(w.score) }))
      );
    }
  }

  function showEnding(announce) {
    choicesBox.hidden = true;
    clear(choiceList);
    var e = data.endings[state.ending];
    var src = endingEls[state.ending];
    endingBox.className = "scenario-ending rating-" + e.rating;
    endingBox.querySelector(".ending-name").textContent = endingTitle(state.ending);
    var rating = endingBox.querySelector(".ending-rating");
    clear(rating);
    copyInto(rating, src && src.querySelector(".rating"));
    var best = Core.walk(data, data.best);
    endingBox.querySelector(".ending-score").textContent = fmt(str("total_score"), {
      n: signed(state.score),
      best: signed(best.score)
    });
    var debrief = endingBox.querySelector(".ending-debrief");
    clear(debrief);
    copyInto(debrief, src && src.querySelector(".debrief"));
    var same = JSON.stringify(path) === JSON.stringify(data.best);
    pathList(endingBox.querySelector(".path-yours ol"), path);
    var bestList = endingBox.querySelector(".path-best ol");
    endingBox.querySelector(".path-same").hidden = !same;
    bestList.hidden = same;
    pathList(bestList, same ? [] : data.best);
    endingBox.hidden = false;
    if (announce) {
      Ui.announce(statusLine, str("ending") + str("colon") + endingTitle(state.ending) + " · " + str("rating") + str("colon") + ratingLabel(e.rating));
      endingBox.focus();
    }
  }

  function updateButtons() {
    if (backButton) backButton.disabled = path.length === 0;
  }

  function showBest() {
    if (!bestLine) return;
    var s = Rec.scenarioSummary(rec, meta);
    if (!s.best) {
      bestLine.hidden = true;
      return;
    }
    var index = -1;
    data.endings.forEach(function (e, i) {
      if (e.id === s.ending) index = i;
    });
    var text = fmt(str("best_result"), { rating: ratingLabel(s.best), title: index >= 0 ? endingTitle(index) : s.ending });
    text += " · " + (s.passed ? str("passed") : fmt(str("not_passed"), { rating: ratingLabel(data.pass) }));
    bestLine.textContent = text;
    bestLine.className = "scenario-best " + (s.passed ? "is-passed" : "is-not-passed");
    bestLine.hidden = false;
  }

  /** Shows the whole play again (at load, after going back or restarting),
      without announcing every line. */
  function rebuild() {
    chatLog.setAttribute("aria-live", "off");
    clear(chat);
    state = Core.walk(data, path);
    state.steps.forEach(function (s) {
      chat.appendChild(said(s[0]));
      chat.appendChild(reply(s[0], s[1]));
      chat.appendChild(feedback(s[0], s[1]));
    });
    if (state.at !== null) {
      chat.appendChild(said(state.at));
      showChoices(state.at);
    } else if (state.ending !== null) {
      showEnding(false);
    }
    updateButtons();
    window.setTimeout(function () {
      chatLog.setAttribute("aria-live", "polite");
    }, 0);
  }

  function choose(i) {
    if (state.at === null) return;
    var node = state.at;
    path.push(i);
    state = Core.walk(data, path);
    chat.appendChild(reply(node, i));
    chat.appendChild(feedback(node, i));
    Rec.scenarioPath(rec, meta, path, now());
    if (state.ending !== null) {
      Rec.scenarioEnd(rec, meta, data.endings[state.ending].id, state.score, now());
      save();
      showBest();
      showEnding(true);
    } else {
      save();
      chat.appendChild(said(state.at));
      showChoices(state.at);
      focusFirstChoice();
    }
    updateButtons();
  }

  if (backButton) {
    backButton.addEventListener("click", function () {
      if (!path.length) return;
      path.pop();
      Rec.scenarioPath(rec, meta, path, now());
      save();
      rebuild();
      Ui.announce(statusLine, str("went_back"));
      focusFirstChoice();
    });
  }
  if (restartButton) {
    restartButton.addEventListener("click", function () {
      path = [];
      Rec.scenarioPath(rec, meta, path, now());
      save();
      rebuild();
      Ui.announce(statusLine, str("restarted"));
      focusFirstChoice();
    });
  }

  script.hidden = true;
  player.hidden = false;
  rebuild();
  showBest();
  if (path.length) Ui.announce(statusLine, str("resumed"));
})();
