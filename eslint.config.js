// ESLint for the site's scripts (templates/*.js: classic scripts, not modules,
// because modules do not load from file://) and the Node tests of their cores
// (tests/js/). Run by tests/js_units.rs; `.ci/run` installs eslint into
// target/eslint.
"use strict";
const path = require("node:path");
const modules = path.join(__dirname, "target/eslint/node_modules");
const js = require(path.join(modules, "@eslint/js"));
const globals = require(path.join(modules, "globals"));

module.exports = [
  js.configs.recommended,
  {
    files: ["templates/**/*.js"],
    languageOptions: {
      ecmaVersion: 2020,
      sourceType: "script",
      globals: { ...globals.browser, module: "readonly" },
    },
    rules: {
      "no-unused-vars": ["error", { args: "none", caughtErrors: "none" }],
      "no-var": "off",
    },
  },
  {
    files: ["tests/js/**/*.js", "eslint.config.js"],
    languageOptions: { ecmaVersion: 2022, sourceType: "commonjs", globals: { ...globals.node } },
  },
];
