// The event tables' rules (geo/static/engine/tables.js) against the blocks Python counted
// from the points themselves (tests/test_event_tables.py): run as
//   KA_TABLE_CASES=cases.json node --test tests/js/tables.test.cjs
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");

const T = require(path.join(__dirname, "..", "..", "geo", "static", "engine", "tables.js"));
const input = JSON.parse(fs.readFileSync(process.env.KA_TABLE_CASES, "utf8"));

test("the cases are there", function () {
  assert.ok(input.cases.length > 0, "no cases");
});

test("the zoom gives the block size Python expects", function () {
  input.cases.forEach(function (c) {
    assert.equal(T.factorFor(c.zoom, input.table.cell), c.factor, "zoom " + c.zoom);
  });
});

test("the blocks of a day hold the events Python counted, and add up to the month", function () {
  input.cases.forEach(function (c) {
    const shown = T.blocksOn(input.table, c.day, c.factor);
    const sum = shown.blocks.reduce(function (s, b) { return s + b.count; }, 0);
    assert.equal(shown.total, c.total, c.day + " total");
    assert.equal(sum, c.total, c.day + " zoom " + c.zoom + ": the blocks add up");
    assert.deepStrictEqual(shown.blocks.map(function (b) { return {count: b.count, south: b.south, west: b.west}; }),
                           c.blocks, c.day + " zoom " + c.zoom);
    shown.blocks.forEach(function (b) {
      assert.ok(Math.abs((b.north - b.south) - input.table.cell * c.factor) < 1e-9);
    });
  });
});
