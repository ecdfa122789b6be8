/* Karabakh Atlas: event tables drawn at the density the view needs.
 *
 * A table of many events (data/tables/*.parquet) comes as counts (geo/event_bins.py): each
 * event counted once, in the month of the first day it may have happened on and in a cell of
 * a regular grid. On a day the map shows that month; at a low zoom the cells are merged into
 * blocks of 2x2, 4x4, ... cells so that a block is never smaller than MIN_BLOCK_PX on screen.
 * The counts drawn always add up to the month's events (the legend says how many, and how
 * many of them are not dated to the day).
 *
 * The rules (monthOf, factorFor, blocksOn) need no DOM and run under Node
 * (tests/js/tables.test.cjs); the drawing below them wraps Engine.prototype.setDate and
 * enableLayer (loaded after engine.js).
 */
(function (root, factory, draw) {
  var T = factory();
  if (typeof module !== "undefined" && module.exports) { module.exports = T; } else { root.KarabakhTables = T; }
  if (root && root.KarabakhAtlas && root.KarabakhAtlas.Engine && root.L) { draw(root, T); }
}(typeof window !== "undefined" ? window : this, function () {
  "use strict";

  //: the smallest block drawn, in screen pixels (cells are merged until a block is at least this)
  var MIN_BLOCK_PX = 24;

  // The month (YYYY-MM) of a day (YYYY-MM-DD).
  function monthOf(day) { return String(day).slice(0, 7); }

  // How many cells a block spans along each side at a zoom: 1, 2, 4, ... (Web Mercator:
  // 256 * 2^zoom pixels per 360 degrees of longitude).
  function factorFor(zoom, cellDegrees) {
    var px = cellDegrees * 256 * Math.pow(2, zoom) / 360, factor = 1;
    while (px * factor < MIN_BLOCK_PX && factor < 1024) { factor *= 2; }
    return factor;
  }

  // What a table shows on a day, in blocks of factor x factor cells:
  // {month, total, uncertain, blocks: [{count, south, west, north, east}]} (blocks in order of
  // their lower left cell); the blocks' counts add up to total. A month without events: total 0.
  function blocksOn(table, day, factor) {
    var month = monthOf(day), rec = table.months[month];
    var out = {month: month, total: 0, uncertain: 0, blocks: []};
    if (!rec) { return out; }
    out.total = rec[0];
    out.uncertain = rec[1];
    var merged = {}, order = [], cell = 0, cols = table.cols, cellDeg = table.cell;
    for (var i = 2; i < rec.length; i += 2) {
      cell += rec[i];
      var bx = Math.floor((cell % cols) / factor), by = Math.floor(Math.floor(cell / cols) / factor);
      var key = by * cols + bx;
      if (!(key in merged)) { merged[key] = {bx: bx, by: by, count: 0}; order.push(key); }
      merged[key].count += rec[i + 1];
    }
    order.sort(function (a, b) { return a - b; });
    var span = cellDeg * factor;
    out.blocks = order.map(function (key) {
      var b = merged[key];
      var west = table.origin[0] + b.bx * span, south = table.origin[1] + b.by * span;
      return {count: b.count, south: round(south), west: round(west), north: round(south + span), east: round(west + span)};
    });
    return out;
  }

  function round(x) { return Math.round(x * 1e6) / 1e6; }

  return {MIN_BLOCK_PX: MIN_BLOCK_PX, monthOf: monthOf, factorFor: factorFor, blocksOn: blocksOn};
},

// -- drawing (browser only) ----------------------------------------------------------------
function (root, T) {
  "use strict";
  var KA = root.KarabakhAtlas, L = root.L, E = KA.Engine.prototype, _ = KA._;
  // neutral grey: not a side's colour (orange and blue are the ground held)
  var FILL = "#1a1a1a";

  function setup(engine) {
    if (engine.eventTables !== undefined) { return engine.eventTables; }
    var tables = engine.data.tables || [];
    if (!tables.length) { engine.eventTables = null; return null; }
    var state = engine.eventTables = {group: L.layerGroup().addTo(engine.map), key: "", legend: null};
    state.legend = engine.addBox("ka-table-legend", "bottomleft");
    engine.map.on("zoomend", function () { redraw(engine); });
    return state;
  }

  function redraw(engine) {
    var state = setup(engine);
    if (!state || !engine.current) { return; }
    var zoom = engine.map.getZoom(), tables = engine.data.tables;
    var shown = tables.filter(function (t) { return engine.enabled[t.layer]; });
    var key = engine.current.slice(0, 7) + "|" + zoom + "|" + shown.map(function (t) { return t.id; }).join(",");
    if (key === state.key) { return; }
    state.key = key;
    state.group.clearLayers();
    while (state.legend.firstChild) { state.legend.removeChild(state.legend.firstChild); }
    shown.forEach(function (t) {
      var factor = T.factorFor(zoom, t.cell), view = T.blocksOn(t, engine.current, factor);
      var most = view.blocks.reduce(function (m, b) { return Math.max(m, b.count); }, 1);
      view.blocks.forEach(function (b) {
        var shade = 0.15 + 0.6 * Math.log(1 + b.count) / Math.log(1 + most);
        var cell = L.rectangle([[b.south, b.west], [b.north, b.east]],
          {renderer: engine.renderer, weight: 0.5, color: FILL, fillColor: FILL, fillOpacity: shade * 0.8, opacity: 0.5});
        cell.bindTooltip(_("{count} events in this cell in {month}", {count: KA.i18n.number(b.count), month: view.month}));
        state.group.addLayer(cell);
      });
      var line = KA.el("div", "ka-table-line", _("{table}: {count} events whose first possible day is in {month} ({uncertain} not dated to the day), counted per cell of {degrees}° (darker: more)",
        {table: t.title, count: KA.i18n.number(view.total), month: view.month,
         uncertain: KA.i18n.number(view.uncertain), degrees: KA.i18n.number(t.cell * factor, 1)}));
      state.legend.appendChild(line);
    });
    state.legend.style.display = shown.length ? "" : "none";
    engine.restack(-1);  // the atlas's own features stay above the counts
  }

  var setDate = E.setDate;
  E.setDate = function (d) {
    var ok = setDate.call(this, d);
    if (ok) { redraw(this); }
    return ok;
  };
  var enableLayer = E.enableLayer;
  E.enableLayer = function (id, on) {
    var out = enableLayer.call(this, id, on);
    if (this.eventTables) { this.eventTables.key = ""; redraw(this); }
    return out;
  };
}));
