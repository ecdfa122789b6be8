/* Karabakh Atlas: labels that do not collide.
 *
 * After each drawing of the day and each move of the map, the labels on the map are placed in
 * order of priority - road status labels first (they say what a road is that day), then
 * country names, then places (cities before towns before villages), then waters - and a label
 * that would overlap one already placed is hidden until there is room for it (zoom in).
 * Loaded after cartography.js: it wraps Cartography.prototype.setupBase and renderStatusLabels.
 */
(function (root) {
  "use strict";

  var KA = root.KarabakhAtlas;
  if (!KA || !KA.Cartography) { return; }
  var C = KA.Cartography.prototype, MARGIN = 2;
  var PLACE_RANK = {capital: 0, city: 1, town: 2};

  function priority(node) {
    var c = node.classList;
    if (c.contains("ka-status-label")) { return 0; }
    if (c.contains("ka-country-label")) { return 1; }
    if (c.contains("ka-label")) {
      var kind = node.getAttribute("data-kind");
      return 2 + (kind in PLACE_RANK ? PLACE_RANK[kind] : 3) / 10;
    }
    return 3;  // rivers, lakes
  }

  function overlaps(a, b) {
    return a.left < b.right + MARGIN && b.left < a.right + MARGIN && a.top < b.bottom + MARGIN && b.top < a.bottom + MARGIN;
  }

  // Show the labels that fit, in order of priority; hide the rest.
  C.declutter = function () {
    var box = this.map.getContainer();
    var nodes = Array.prototype.slice.call(box.querySelectorAll(".ka-status-label, .ka-country-label, .ka-label, .ka-water-label"));
    nodes.forEach(function (n) { n.style.visibility = ""; });
    var items = nodes.map(function (n, i) { return {n: n, p: priority(n), i: i, r: n.getBoundingClientRect()}; })
      .filter(function (x) { return x.r.width > 0; });
    items.sort(function (a, b) { return a.p - b.p || a.i - b.i; });
    var kept = [];
    items.forEach(function (x) {
      if (kept.some(function (k) { return overlaps(k, x.r); })) { x.n.style.visibility = "hidden"; x.n.setAttribute("data-hidden", "overlap"); }
      else { kept.push(x.r); x.n.removeAttribute("data-hidden"); }
    });
  };
  C.scheduleDeclutter = function () {
    var self = this;
    if (this.declutterFrame) { return; }
    this.declutterFrame = root.requestAnimationFrame(function () { self.declutterFrame = null; self.declutter(); });
  };

  var setupBase = C.setupBase;
  C.setupBase = function () {
    setupBase.call(this);
    var self = this;
    this.map.on("zoomend moveend", function () { self.scheduleDeclutter(); });
  };
  var renderStatusLabels = C.renderStatusLabels;
  C.renderStatusLabels = function () {
    renderStatusLabels.call(this);
    this.scheduleDeclutter();
  };
}(typeof window !== "undefined" ? window : this));
