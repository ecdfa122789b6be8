/* Karabakh Atlas: ground whose change of hands is under way, drawn as its own thing.
 *
 * Inside an uncertain interval the control layer draws the ground for both sides (the
 * change happened on a day not known exactly). Two translucent fills laid over each other
 * would mix into a colour no legend explains; here each side's area drawn uncertain is
 * filled with diagonal stripes of its colour, the two sides' stripes offset by half a
 * period, so the ground reads as alternating stripes of both colours. The legend shows one
 * entry for it, "Change of hands under way: date uncertain", with the same stripes.
 *
 * Loaded after engine.js and cartography.js: it wraps Engine.prototype.styleOf and
 * Cartography.prototype.legendEntries (the canvas renderer takes a CanvasPattern as a fill).
 */
(function (root) {
  "use strict";

  var KA = root.KarabakhAtlas, R = root.KarabakhRules;
  if (!KA || !KA.Engine || !KA.Cartography) { return; }
  var PERIOD = 10, LABEL = "Change of hands under way: date uncertain";
  var SIDE_ORDER = ["armenian", "azerbaijani"];
  var patterns = {};

  // A tile of diagonal stripes of colour; phase 0 or 1 puts them in the first or second half.
  function stripes(colour, phase) {
    var key = colour + "|" + phase;
    if (patterns[key] || typeof document === "undefined") { return patterns[key] || null; }
    var tile = document.createElement("canvas");
    tile.width = tile.height = PERIOD * 2;
    var ctx = tile.getContext("2d");
    if (!ctx) { return null; }
    ctx.strokeStyle = colour;
    ctx.lineWidth = PERIOD * 0.5;
    ctx.lineCap = "square";
    var off = phase * PERIOD;
    for (var k = -2; k <= 2; k++) {
      ctx.beginPath();
      ctx.moveTo(k * PERIOD * 2 + off, PERIOD * 2);
      ctx.lineTo(k * PERIOD * 2 + off + PERIOD * 2, 0);
      ctx.stroke();
    }
    patterns[key] = ctx.createPattern(tile, "repeat");
    return patterns[key];
  }

  function controlLayers(data) {
    var out = {};
    R.layersWithRole(data.layers || [], "control").forEach(function (id) { out[id] = true; });
    return out;
  }

  var styleOf = KA.Engine.prototype.styleOf;
  KA.Engine.prototype.styleOf = function (f) {
    var style = styleOf.call(this, f);
    if (!f.unc || f.r.g[0] !== "A") { return style; }
    this.controlIds = this.controlIds || controlLayers(this.data);
    if (!this.controlIds[f.r.l]) { return style; }
    var colour = (this.data.styles[f.r.l + ":" + f.r.k] || {}).certain;
    var pattern = colour && stripes(colour.fillColor || colour.color, Math.max(SIDE_ORDER.indexOf(f.r.k), 0));
    if (!pattern) { return style; }
    var out = {};
    for (var k in style) { out[k] = style[k]; }
    out.fillColor = pattern;
    out.fillOpacity = 0.85;
    return out;
  };

  // The legend's swatch of the stripes (an SVG pattern defined once in the page).
  function svgPattern(data) {
    var id = "ka-hatch-uncertain";
    if (document.getElementById(id)) { return "url(#" + id + ")"; }
    var ns = "http://www.w3.org/2000/svg", defs = document.createElementNS(ns, "svg");
    defs.setAttribute("width", "0");
    defs.setAttribute("height", "0");
    defs.setAttribute("aria-hidden", "true");
    defs.style.position = "absolute";
    var p = document.createElementNS(ns, "pattern");
    p.setAttribute("id", id);
    p.setAttribute("patternUnits", "userSpaceOnUse");
    p.setAttribute("width", "8");
    p.setAttribute("height", "8");
    p.setAttribute("patternTransform", "rotate(-45)");
    var control = R.layersWithRole(data.layers || [], "control")[0];
    SIDE_ORDER.forEach(function (side, i) {
      var entry = data.styles[control + ":" + side];
      var rect = document.createElementNS(ns, "rect");
      rect.setAttribute("x", String(i * 4));
      rect.setAttribute("y", "0");
      rect.setAttribute("width", "4");
      rect.setAttribute("height", "8");
      rect.setAttribute("fill", entry ? entry.certain.fillColor || entry.certain.color : "#777");
      p.appendChild(rect);
    });
    defs.appendChild(p);
    document.body.appendChild(defs);
    return "url(#" + id + ")";
  }

  var legendEntries = KA.Cartography.prototype.legendEntries;
  KA.Cartography.prototype.legendEntries = function () {
    var roles = this.roles, out = [], hatched = false;
    var all = legendEntries.call(this), ids = {};
    all.forEach(function (e) { ids[e.id] = true; });
    all.forEach(function (e) {
      if (e.uncertain && e.family === "A" && roles[e.layer] === "control") {
        hatched = true;
        // the side's own colour stays explained, even where its ground is all under way
        if (!ids[e.key]) {
          ids[e.key] = true;
          out.push({id: e.key, key: e.key, layer: e.layer, family: e.family, uncertain: false,
                    label: this.data.styles[e.key].label, style: this.data.styles[e.key].certain});
        }
        return;
      }
      out.push(e);
    }, this);
    if (hatched) {
      var control = R.layersWithRole(this.data.layers, "control")[0];
      var first = out.filter(function (e) { return e.layer !== control; })[0];
      var entry = {id: "control:uncertain", key: "control:uncertain", layer: control, family: "A", uncertain: true,
                   label: KA._ ? KA._(LABEL) : LABEL, style: {color: "#555", weight: 1.5, dashArray: "2 3", fillColor: svgPattern(this.data),
                                         fillOpacity: 1}};
      var at = first ? out.indexOf(first) : out.length;
      out.splice(at, 0, entry);
    }
    return out;
  };

  KA.uncertainLabel = LABEL;
}(typeof window !== "undefined" ? window : this));
