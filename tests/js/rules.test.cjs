// The engine's rules (geo/static/engine/rules.js) against the cases Python wrote
// (tests/rules_cases.py): run by tests/test_rules_parity.py as
//   KA_RULES_CASES=cases.json node --test tests/js/rules.test.cjs
// Every mismatch is listed (the first 20 of each kind), with what Python said.
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");

const R = require(path.join(__dirname, "..", "..", "geo", "static", "engine", "rules.js"));
const table = JSON.parse(fs.readFileSync(process.env.KA_RULES_CASES, "utf8"));

// Compare every case; fail with the mismatches (never pass on an empty list of cases).
function check(cases, actual, expected) {
  assert.ok(cases.length > 0, "no cases: the table is empty");
  const wrong = [];
  cases.forEach(function (c) {
    const got = actual(c), want = expected(c);
    try { assert.deepStrictEqual(got, want); } catch (err) { wrong.push({case: c, js: got, python: want}); }
  });
  assert.deepStrictEqual(wrong.slice(0, 20), [], wrong.length + " of " + cases.length + " cases differ");
}

test("the table holds every dataset", function () {
  assert.ok(table.datasets.length >= 4);
  assert.deepStrictEqual(R.PERMALINK_KEYS, table.permalinkKeys);
});

table.datasets.forEach(function (ds) {
  const F = ds.features, X = ds.excerpts, C = ds.cases;

  test(ds.name + ": a feature on each change day and the days either side", function () {
    check(C.feature, function (c) {
      const r = F[c[0]], d = c[1], k = R.statusIndexOn(r, d), s = R.stateOn(r, d);
      return [R.shownOn(r, d), R.uncertainOn(r, d), k, R.statusUncertainOn(r, k, d), s.status,
              s.shown, s.uncertain, s.statusUncertain];
    }, function (c) { return [c[2], c[3], c[4], c[5], c[6], c[2], c[3], c[6] >= 0 && c[5]]; });
  });

  test(ds.name + ": which excerpts speak of a day, at every edge of every window", function () {
    check(C.speaks, function (c) { return R.speaksOf(X[c[0]], c[1], c[2]); }, function (c) { return c[3]; });
  });

  test(ds.name + ": the balance of the excerpts of a day", function () {
    check(C.balance, function (c) {
      const b = R.balanceCounts(X, ds.vantage, ds.groups, ds.sides, c.date, c.window);
      return {total: b.total, counts: b.counts, missing: b.missing, sidesMissing: b.sidesMissing,
              excerpts: R.excerptsOn(X, c.date, c.window).map(function (x) { return x.id; }),
              statement: R.balanceStatement(b.counts, ds.groupLabels, ds.sides, c.period)};
    }, function (c) { return {total: c.total, counts: c.counts, missing: c.missing, sidesMissing: c.sidesMissing,
                              excerpts: c.excerpts, statement: c.statement}; });
  });

  test(ds.name + ": cite this view: the sources of the day and the text", function () {
    check(C.cite, function (c) {
      return [R.sourcesOf(R.excerptsOn(X, c.date, 0)), R.citationText(c.view)];
    }, function (c) { return [c.view.sources.map(function (s) { return s.id; }), c.text]; });
  });

  test(ds.name + ": who held a point on a day", function () {
    const control = R.layersWithRole(ds.layers, "control");
    const records = F.filter(function (r) { return control.indexOf(r.l) >= 0; });
    check(C.held, function (c) {
      const h = R.controlAt(records, c.lng, c.lat, c.date, ds.scale);
      return {status: h.status, side: h.side, sides: h.sides, uncertain: h.uncertain, interval: h.interval, ids: h.ids};
    }, function (c) { return {status: c.status, side: c.side, sides: c.sides, uncertain: c.uncertain,
                              interval: c.interval, ids: c.ids}; });
    check(C.since, function (c) {
      const over = records.filter(function (r) { return R.areaContains(r.g, c.lng, c.lat, ds.scale); });
      return R.heldSince(over, c.date);
    }, function (c) { return c.since; });
  });
});

test("the held cases reach every answer: held, uncertain (both sides), not drawn", function () {
  const seen = {};
  table.datasets.forEach(function (ds) { ds.cases.held.forEach(function (c) { seen[c.status] = true; }); });
  assert.deepStrictEqual(Object.keys(seen).sort(), ["held", "not drawn", "uncertain"]);
});

test("permalinks: written alike, read alike", function () {
  check(table.permalinks.encode, function (c) { return R.encodeView(c.state, {hash: c.hash}); },
        function (c) { return c.text; });
  check(table.permalinks.encode, function (c) { return R.decodeView(c.text); }, function (c) { return c.decoded; });
  check(table.permalinks.decode, function (c) { return R.decodeView(c.text); }, function (c) { return c.decoded; });
  check(table.permalinks.decode, function (c) { var d = []; R.decodeView(c.text, d); return d; },
        function (c) { return c.dropped; });
});

test("days: which strings are days, day arithmetic, long dates", function () {
  const D = table.days;
  check(D.isIsoDay, function (c) { return R.isIsoDay(c[0]); }, function (c) { return c[1]; });
  check(D.addDays, function (c) { return R.addDays(c[0], c[1]); }, function (c) { return c[2]; });
  check(D.longDate, function (c) { return R.longDate(c[0]); }, function (c) { return c[1]; });
  check(D.figures, function (c) { return R.figureRows(c[0], c[1], c[2]); }, function (c) { return c[3]; });
  check(D.between.cases, function (c) { return R.changesBetween(D.between.changes, c[0], c[1]); },
        function (c) { return c[2]; });
  check(D.addMonths, function (c) { return R.addMonths(c[0], c[1]); }, function (c) { return c[2]; });
  check(D.committedDay, function (c) { return R.committedDay(c[0], c[1], c[2]); }, function (c) { return c[3]; });
  check(D.steps.cases, function (c) { return [R.nextIn(D.steps.days, c[0]), R.prevIn(D.steps.days, c[0])]; },
        function (c) { return [c[1], c[2]]; });
});
