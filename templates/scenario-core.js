/* coursegen scenario core: where a play of a role-play scenario stands.
   Pure functions over the scenario's JSON (the page's #scenario-data, made
   by src/scenario/view.rs): no DOM, no storage. src/scenario.rs has the
   same walk; tests/data/scenario_vectors.json checks both (cargo test and
   `node --test`).

   data: {start, allowBack, pass, best: [choice…],
          nodes: [{id, choices: [{next: ["node", i] | ["ending", i], score}]}],
          endings: [{id, rating}]}
   A path is the list of choices made, one index per node passed. */
(function (root) {
  "use strict";

  var RANK = { poor: 0, acceptable: 1, excellent: 2 };

  /** Where `path` leads from the start: {steps: [[node, choice]…], at: the
      node now shown (null at an ending), ending: index or null, score}. It
      stops at the first choice that does not exist, or at an ending. */
  function walk(data, path) {
    var nodes = data && Array.isArray(data.nodes) ? data.nodes : [];
    var at = typeof data.start === "number" && data.start >= 0 && data.start < nodes.length ? data.start : null;
    var out = { steps: [], at: at, ending: null, score: 0 };
    var list = Array.isArray(path) ? path : [];
    for (var i = 0; i < list.length && out.at !== null; i++) {
      var node = nodes[out.at];
      var c = list[i];
      var choice = node && Array.isArray(node.choices) && typeof c === "number" ? node.choices[c] : undefined;
      if (!choice || !Array.isArray(choice.next)) break;
      out.steps.push([out.at, c]);
      out.score += typeof choice.score === "number" ? choice.score : 0;
      var kind = choice.next[0];
      var target = choice.next[1];
      if (kind === "ending" && data.endings && data.endings[target]) {
        out.at = null;
        out.ending = target;
      } else if (kind === "node" && nodes[target]) {
        out.at = target;
      } else {
        out.steps.pop();
        break;
      }
    }
    return out;
  }

  /** The part of `path` that `walk` follows (a saved path of a scenario that
      changed may hold more). */
  function valid(data, path) {
    return walk(data, path).steps.map(function (s) {
      return s[1];
    });
  }

  /** 0, 1, 2 for poor, acceptable, excellent; -1 for anything else. */
  function rank(rating) {
    return Object.prototype.hasOwnProperty.call(RANK, rating) ? RANK[rating] : -1;
  }

  var api = { walk: walk, valid: valid, rank: rank };
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.coursegenScenario = api;
})(this);
