/* Karabakh Atlas cartography on the map engine: what makes the map hard to misread.
 *
 * KarabakhAtlas.cartography(engine, data, options) adds, on top of engine.js:
 * - the base map's rivers, lakes and country names (data.rivers, data.countryLabels);
 * - a legend ON the map that lists only what is drawn that day, each swatch drawn with the
 *   style the map uses (colour, dash, fill, the uncertain style), collapsible;
 * - road status labels on the routes (status and since when), from the status in force;
 * - "what changed": the ground that changed hands since the previous key date, outlined
 *   on each key date of the guided story (data.changes);
 * - the answer card: a click anywhere says who held that point that day (or that the change
 *   is uncertain), the zones and routes there, the district with its dated control history
 *   and sources, and the excerpts of what was clicked; the tooltip lists every layer under
 *   the pointer, control first (options.card false: the page shows the answer itself);
 * - beside the excerpts (options.side): the balance of vantage points, the area chart
 *   (click moves the date), a "Cite this view" box; under the slider (options.bar): a strip
 *   of excerpts by vantage, events and key dates (click moves the date).
 * Every text from data is set with textContent; the only HTML inserted is excerpt HTML
 * escaped in Python (geo/escape.py).
 */
(function (root) {
  "use strict";

  var KA = root.KarabakhAtlas, L = root.L, el = KA.el, R = KA.rules, _ = KA._;
  function N_(message) { return message; }  // a message KA.said() translates (marked for extraction)
  function N_(message) { return message; }  // marks a constant for extraction; _() where shown
  var SVGNS = "http://www.w3.org/2000/svg";
  var SIDE_SHORT = {armenian: N_("Armenian"), azerbaijani: N_("Azerbaijani"), peacekeepers: N_("peacekeepers")};
  var VANTAGE_COLOURS = {armenian: "#E69F00", azerbaijani: "#0072B2", russian: "#CC79A7", international: "#777777"};

  function svg(tag, attrs) {
    var node = document.createElementNS(SVGNS, tag);
    for (var k in attrs) { if (attrs[k] !== null && attrs[k] !== undefined) { node.setAttribute(k, String(attrs[k])); } }
    return node;
  }

  // -- a swatch drawn as the map draws the style ------------------------------------------
  var SCHEMATIC_DASH = "6 5", SCHEMATIC_REACH_PX = 8;
  function isSchematic(feature) { return !!(feature.properties && feature.properties.schematic); }

  function swatch(style, family) {
    var s = svg("svg", {width: 34, height: 16, viewBox: "0 0 34 16", "class": "ka-swatch-svg", "aria-hidden": "true"});
    var stroke = {stroke: style.color || "#333", "stroke-width": Math.min(style.weight || 1, 5),
                  "stroke-dasharray": style.dashArray || null, "stroke-opacity": style.opacity === undefined ? 0.9 : style.opacity};
    if (family === "A") {
      var fill = style.fillOpacity > 0 ? (style.fillColor || style.color) : "none";
      s.appendChild(svg("rect", Object.assign({x: 2, y: 2, width: 30, height: 12, fill: fill,
                                              "fill-opacity": style.fillOpacity || 0}, stroke)));
    } else if (family === "L") {
      s.appendChild(svg("line", Object.assign({x1: 1, y1: 8, x2: 33, y2: 8}, stroke)));
    } else {
      s.appendChild(svg("circle", Object.assign({cx: 17, cy: 8, r: Math.min(style.radius || 4, 6),
                                                 fill: style.fillColor || "#fff", "fill-opacity": style.fillOpacity === undefined ? 1 : style.fillOpacity}, stroke)));
    }
    return s;
  }

  // -- geometry under a point ---------------------------------------------------------------
  function flatLines(latlngs) {
    if (!latlngs.length) { return []; }
    if (latlngs[0] instanceof L.LatLng) { return [latlngs]; }
    return latlngs.reduce(function (acc, x) { return acc.concat(flatLines(x)); }, []);
  }

  function Cartography(engine, data, options) {
    this.engine = engine;
    this.data = data;
    this.options = options || {};
    this.map = engine.map;
    this.selected = null;
    this.extraLegend = [];
    this.roles = R.roleMap(data.layers);  // layer id -> role (geo/layers.py): asked, never tested by id
    this.setupBase();
    this.setupLegend();
    this.setupStatusLabels();
    this.setupChanges();
    this.setupAnswers();
    if (this.options.side) { this.setupSide(this.options.side); }
    if (this.options.bar) { this.setupStrip(this.options.bar); }
    var self = this;
    engine.on("date", function (d) { self.onDate(d); });
    if (engine.current) { this.onDate(engine.current); }
  }

  // -- base map: rivers, lakes, country names -------------------------------------------------
  Cartography.prototype.setupBase = function () {
    var data = this.data, map = this.map;
    if (!map.getPane("ka-water")) { map.createPane("ka-water").style.zIndex = "250"; }
    if (!map.getPane("ka-base-labels")) {
      map.createPane("ka-base-labels").style.zIndex = "450";
      map.getPane("ka-base-labels").style.pointerEvents = "none";
    }
    var rs = data.riverStyle || {};
    if (data.rivers) {
      L.geoJSON(data.rivers, {interactive: false, pane: "ka-water", renderer: L.canvas({pane: "ka-water"}),
        filter: function (feature) { return !isSchematic(feature); },
        style: function (feature) {
          var named = feature.properties && feature.properties.name;
          return {color: rs.color, weight: named ? rs.namedWeight : rs.weight, opacity: rs.opacity,
                  fillColor: rs.fillColor, fillOpacity: rs.fillOpacity};
        }}).addTo(map);
      // rivers no source ships at this scale: dashed; the hover box names them with their method
      L.geoJSON(data.rivers, {interactive: false, pane: "ka-water", filter: isSchematic,
        style: function () { return {color: rs.color, weight: rs.namedWeight, opacity: rs.opacity, dashArray: SCHEMATIC_DASH}; }
      }).addTo(map);
      data.rivers.features.forEach(function (feature) {
        var name = feature.properties && feature.properties.name;
        if (!name) { return; }
        if (isSchematic(feature)) { name += _(" (schematic)"); }
        var g = feature.geometry, at;
        if (g.type === "Polygon") { at = g.coordinates[0][Math.floor(g.coordinates[0].length / 2)]; }
        else {
          var parts = g.type === "LineString" ? [g.coordinates] : g.coordinates;
          var longest = parts.reduce(function (a, b) { return b.length > a.length ? b : a; }, []);
          at = longest[Math.floor(longest.length * 0.55)];
        }
        if (!at) { return; }
        L.marker([at[1], at[0]], {pane: "ka-base-labels", interactive: false, keyboard: false,
          icon: L.divIcon({html: KA.verbatim("span", "ka-water-label", name), className: "ka-label-icon",
                           iconSize: [0, 0], iconAnchor: [-4, 10]})}).addTo(map);
      });
    }
    (data.countryLabels || []).forEach(function (item) {
      L.marker(item.at, {pane: "ka-base-labels", interactive: false, keyboard: false,
        icon: L.divIcon({html: el("span", "ka-country-label", item.name), className: "ka-label-icon",
                         iconSize: [0, 0], iconAnchor: [40, 8]})}).addTo(map);
    });
  };

  // -- the legend: only what is drawn, as it is drawn ------------------------------------------
  Cartography.prototype.setupLegend = function () {
    var box = this.engine.legend;
    while (box.firstChild) { box.removeChild(box.firstChild); }
    var details = this.legendBox = el("details", "ka-legend ka-legend-live");
    details.open = this.map.getContainer().clientWidth >= 700;
    details.appendChild(el("summary", null, _("Legend")));
    this.legendRows = el("div", "ka-legend-rows");
    details.appendChild(this.legendRows);
    box.appendChild(details);
  };

  Cartography.prototype.legendEntries = function () {
    var engine = this.engine, styles = this.data.styles, roles = this.roles, seen = {}, out = [];
    engine.shownFeatures().forEach(function (f) {
      if (!f.shown || !engine.enabled[f.r.l]) { return; }
      var key = f.r.l + ":" + f.r.k;
      if (f.st >= 0 && styles[key + "|" + f.r.s[f.st][2]]) { key = key + "|" + f.r.s[f.st][2]; }
      var id = key + (f.unc ? "~" : "");
      if (seen[id]) { return; }
      seen[id] = true;
      var entry = styles[key];
      out.push({id: id, key: key, layer: f.r.l, family: f.r.g[0], uncertain: f.unc,
                label: entry.label + (f.unc ? _(" (date of change uncertain)") : ""),
                style: f.unc ? entry.uncertain : entry.certain});
    });
    var order = {};
    engine.order.forEach(function (id, i) { order[id] = i; });
    out.sort(function (a, b) {
      var la = roles[a.layer] === "control" ? -1 : order[a.layer], lb = roles[b.layer] === "control" ? -1 : order[b.layer];
      return la - lb || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0);
    });
    return out;
  };

  Cartography.prototype.renderLegend = function () {
    var rows = this.legendRows, data = this.data;
    var entries = this.legendEntries().concat(this.extraLegend);
    // the same entries as drawn: leave the legend's elements alone (a slider step in a long
    // record changes the points drawn, rarely the legend)
    var drawnAs = JSON.stringify(entries.map(function (e) { return [e.id, e.family, e.label, e.style]; }));
    if (drawnAs === this.legendDrawnAs && rows.firstChild) { return; }
    this.legendDrawnAs = drawnAs;
    while (rows.firstChild) { rows.removeChild(rows.firstChild); }
    entries.forEach(function (e) {
      var row = el("div", "ka-legend-row");
      row.setAttribute("data-key", e.id);
      row.appendChild(swatch(e.style, e.family));
      row.appendChild(el("span", null, e.label));
      rows.appendChild(row);
    });
    var base = el("div", "ka-legend-row ka-legend-base");
    base.setAttribute("data-key", "basemap:border");
    base.appendChild(swatch(data.basemapStyle, "L"));
    base.appendChild(el("span", null, _("International border")));
    rows.appendChild(base);
    if (data.rivers) {
      var water = el("div", "ka-legend-row ka-legend-base");
      water.setAttribute("data-key", "basemap:river");
      water.appendChild(swatch({color: data.riverStyle.color, weight: data.riverStyle.namedWeight}, "L"));
      water.appendChild(el("span", null, _("River, lake")));
      rows.appendChild(water);
      if (data.rivers.features.some(isSchematic)) {
        var schematic = el("div", "ka-legend-row ka-legend-base");
        schematic.setAttribute("data-key", "basemap:river-schematic");
        schematic.appendChild(swatch({color: data.riverStyle.color, weight: data.riverStyle.namedWeight,
                                      dashArray: SCHEMATIC_DASH}, "L"));
        schematic.appendChild(el("span", null, _("River, schematic (approximate course)")));
        rows.appendChild(schematic);
      }
    }
    if (!entries.length) { rows.insertBefore(el("div", "ka-none", _("No layer is drawn on this day.")), rows.firstChild); }
  };

  // -- road status labels ---------------------------------------------------------------------
  Cartography.prototype.setupStatusLabels = function () {
    if (!this.map.getPane("ka-status-labels")) {
      this.map.createPane("ka-status-labels").style.zIndex = "640";
      this.map.getPane("ka-status-labels").style.pointerEvents = "none";
    }
    this.statusLabels = L.layerGroup().addTo(this.map);
  };

  Cartography.prototype.renderStatusLabels = function () {
    var engine = this.engine, styles = this.data.styles, group = this.statusLabels, roles = this.roles;
    group.clearLayers();
    engine.shownFeatures().forEach(function (f) {
      if (!f.shown || roles[f.r.l] !== "route" || !engine.enabled[f.r.l] || f.st < 0 || !f.layer || !f.layer.getLatLngs) { return; }
      var s = f.r.s[f.st], entry = styles[f.r.l + ":" + f.r.k + "|" + s[2]];
      var line = flatLines(f.layer.getLatLngs()).reduce(function (a, b) { return b.length > a.length ? b : a; }, []);
      if (!line.length) { return; }
      var at = line[Math.floor(line.length / 2)];
      var status = entry ? entry.label.split(": ").pop() : s[2];
      var span = KA.said("span", "ka-status-label ka-status-" + s[2], N_("{name}: {status} since {date}"),
                         {name: f.r.t[0], status: status, date: R.isIsoDay(s[4]) ? R.longDate(s[4]) : s[4]}, ["name"]);
      if (f.stUnc) { span.appendChild(document.createTextNode(_(" (date uncertain)"))); }
      span.setAttribute("data-feature", f.r.i);
      group.addLayer(L.marker(at, {pane: "ka-status-labels", interactive: false, keyboard: false,
        icon: L.divIcon({html: span, className: "ka-label-icon", iconSize: [0, 0], iconAnchor: [-8, -6]})}));
    });
  };

  // -- what changed since the previous key date ---------------------------------------------
  Cartography.prototype.setupChanges = function () {
    if (!this.map.getPane("ka-changes")) {
      this.map.createPane("ka-changes").style.zIndex = "420";
      this.map.getPane("ka-changes").style.pointerEvents = "none";  // an outline only: the map below answers
    }
    this.changeLayer = L.layerGroup().addTo(this.map);
    this.changeStyle = {color: "#111111", weight: 2.5, dashArray: "2 4", fillColor: "#ffdd00", fillOpacity: 0.35};
  };

  Cartography.prototype.renderChanges = function (d) {
    var items = (this.data.changes || {})[d] || [], self = this;
    this.changeLayer.clearLayers();
    this.extraLegend = [];
    items.forEach(function (item) {
      L.geoJSON(item.geometry, {pane: "ka-changes", interactive: false, style: function () { return self.changeStyle; }})
        .addTo(self.changeLayer);
    });
    if (items.length) {
      var since = items[0].since;
      this.extraLegend.push({id: "changes", family: "A", style: this.changeStyle,
        label: _("Changed hands since {date} (the previous key date)", {date: R.longDate(since)})});
    }
  };

  // -- answers: hover lists every layer, click opens the card ---------------------------------
  Cartography.prototype.featuresAt = function (ll) {
    var engine = this.engine, map = this.map, pt = map.latLngToContainerPoint(ll), hits = [], roles = this.roles;
    engine.features.forEach(function (f) {
      if (!f.shown || !f.layer) { return; }
      var kind = f.r.g[0], hit = false;
      if (kind === "A") {
        hit = R.areaContains(f.r.g, ll.lng, ll.lat, engine.scale);  // the rule Python's cases test
      } else if (kind === "L") {
        hit = flatLines(f.layer.getLatLngs()).some(function (line) {
          for (var i = 1; i < line.length; i++) {
            var a = map.latLngToContainerPoint(line[i - 1]), b = map.latLngToContainerPoint(line[i]);
            if (L.LineUtil.pointToSegmentDistance(pt, a, b) <= 7) { return true; }
          }
          return false;
        });
      } else {
        var markers = f.layer.getLayers ? f.layer.getLayers() : [f.layer];
        hit = markers.some(function (m) { return map.latLngToContainerPoint(m.getLatLng()).distanceTo(pt) <= 9; });
      }
      if (hit) { hits.push(f); }
    });
    var order = {};
    engine.order.forEach(function (id, i) { order[id] = i; });
    hits.sort(function (a, b) {  // control first, then from the top of the map down
      var ra = roles[a.r.l] === "control" ? 1e6 : a.rank, rb = roles[b.r.l] === "control" ? 1e6 : b.rank;
      return rb - ra;
    });
    return hits;
  };

  // Who held the point under hits (the features there) on the date shown: rules.js heldFrom.
  Cartography.prototype.heldAt = function (hits) {
    var roles = this.roles, d = this.engine.current;
    var held = R.heldFrom(hits.filter(function (f) { return roles[f.r.l] === "control"; })
                              .map(function (f) { return f.r; }), d);
    var span = held.interval ? _("between {first} and {last}", {first: R.longDate(held.interval[0]), last: R.longDate(held.interval[1])})
                             : _("dates uncertain");
    if (held.status === "not drawn") { return {text: _("No control area is drawn here on this day."), side: null}; }
    if (held.status === "uncertain") {
      return {text: _("Uncertain: both sides' areas are drawn here, because the change happened on a day not known exactly ({span}).", {span: span}), side: null, uncertain: true};
    }
    return {text: _("Held by {side}", {side: (this.data.sideNames || {})[held.side] || held.side}) +
                  (held.uncertain ? _(" (the date of the change is uncertain: {span})", {span: span}) : ""),
            side: held.side, uncertain: held.uncertain};
  };

  // describe, hereBox and openCard (the hover box and the answer card for the point clicked)
  // are answer.js's, loaded after this file (geo/engine.py SCRIPTS).
  Cartography.prototype.setupAnswers = function () {
    var self = this, engine = this.engine;
    // A click on the map focuses it (keyboard); the browser would scroll a page's inner
    // scroll box to show the whole map, moving the map under the pointer between the press
    // and the release, so the click would land on another feature. Focus it without scrolling.
    var box = this.map.getContainer();
    box.addEventListener("mousedown", function () {
      if (document.activeElement !== box) { box.focus({preventScroll: true}); }
    }, true);
    this.pointer = null;
    this.map.on("mousemove", function (ev) { self.pointer = ev.latlng; });
    engine.hooks.tooltip = function (rec) { return self.hereBox(self.pointer, rec.i); };
    // a tooltip opens where the pointer is: list what is under that very point
    this.map.on("tooltipopen", function (ev) {
      var at = ev.tooltip.getLatLng();
      if (at) {
        self.pointer = at;
        ev.tooltip.setContent(self.hereBox(at, null));
      }
    });
    this.card = engine.addBox("ka-card-box", "topright");
    if (this.options.card !== false) {  // a page that answers clicks itself passes card: false
      engine.hooks.click = function (rec, state, ev) { self.openCard(ev.latlng, rec.i); };
    }
  };

  // the schematic rivers within a few pixels of a point
  Cartography.prototype.schematicNear = function (ll) {
    var map = this.map, p = map.latLngToContainerPoint(ll), out = [];
    ((this.data.rivers || {}).features || []).filter(isSchematic).forEach(function (f) {
      var c = f.geometry.coordinates, near = false;
      for (var i = 1; i < c.length && !near; i++) {
        near = L.LineUtil.pointToSegmentDistance(p, map.latLngToContainerPoint([c[i - 1][1], c[i - 1][0]]),
                                                 map.latLngToContainerPoint([c[i][1], c[i][0]])) <= SCHEMATIC_REACH_PX;
      }
      if (near) { out.push(f.properties); }
    });
    return out;
  };

  Cartography.prototype.closeCard = function () {
    while (this.card.firstChild) { this.card.removeChild(this.card.firstChild); }
    this.selected = null;
    this.engine.setHighlight([]);
    this.engine.emit("select", null);
  };

  Cartography.prototype.select = function (id) {
    var f = this.engine.byId[id];
    if (!f || !f.layer) { return false; }
    var ll = f.layer.getLatLng ? f.layer.getLatLng() : f.layer.getBounds().getCenter();
    if (f.layer.getLayers) { ll = f.layer.getLayers()[0].getLatLng ? f.layer.getLayers()[0].getLatLng() : ll; }
    this.openCard(ll, id);
    return true;
  };

  // -- beside the excerpts: balance, area chart, citation ---------------------------------------
  Cartography.prototype.setupSide = function (side) {
    var data = this.data, self = this;
    var heading = side.querySelector("h2");
    this.balance = el("p", "ka-balance");
    this.balance.setAttribute("aria-live", "polite");
    if (heading) { heading.parentNode.insertBefore(this.balance, heading.nextSibling); } else { side.appendChild(this.balance); }
    if (data.area && data.area.series.length) {
      var wrap = el("figure", "ka-area");
      wrap.appendChild(el("figcaption", null, _("Area held, km², inside {frame} ({km2} km², equal-area projection). Click to go to a date.",
        {frame: data.area.frame.label, km2: KA.i18n.number(Math.round(data.area.frame.km2))})));
      this.chart = this.buildChart(data.area.series);
      wrap.appendChild(this.chart.svg);
      side.insertBefore(wrap, side.querySelector("h2"));
    }
    var cite = el("details", "ka-cite");
    cite.appendChild(el("summary", null, _("Cite this view")));
    this.citeText = el("p", "ka-cite-text");
    cite.appendChild(this.citeText);
    side.appendChild(cite);
  };

  Cartography.prototype.buildChart = function (series) {
    var W = 380, H = 120, P = 4, data = this.data, self = this;
    var t0 = Date.parse(data.first), t1 = Date.parse(data.last);
    var sides = Object.keys(data.sideNames || {armenian: 1, azerbaijani: 1});
    var max = series.reduce(function (m, r) {
      return Math.max(m, sides.reduce(function (t, k) { return t + (r[k] || 0); }, 0) + r.uncertain + r.not_drawn);
    }, 1);
    function x(iso) { return P + (Date.parse(iso) - t0) / (t1 - t0) * (W - 2 * P); }
    function y(v) { return H - P - v / max * (H - 2 * P); }
    var s = svg("svg", {viewBox: "0 0 " + W + " " + H, width: "100%", "class": "ka-area-chart", role: "img",
                        "aria-label": _("Area held by each side over time")});
    sides.forEach(function (side) {
      var pts = [], prev = null;
      series.forEach(function (r) {
        if (prev !== null) { pts.push(x(r.date) + "," + y(prev)); }
        pts.push(x(r.date) + "," + y(r[side]));
        prev = r[side];
      });
      pts.push(x(data.last) + "," + y(prev));
      s.appendChild(svg("polyline", {points: pts.join(" "), fill: "none", stroke: self.sideColour(side), "stroke-width": 2.2,
                                      "class": "ka-area-" + side}));
    });
    var marker = svg("line", {x1: 0, x2: 0, y1: 0, y2: H, stroke: "#111", "stroke-width": 1.2, "stroke-dasharray": "3 2"});
    s.appendChild(marker);
    var readout = svg("text", {x: W - P, y: 12, "text-anchor": "end", "font-size": 10, fill: "#222"});
    s.appendChild(readout);
    s.addEventListener("click", function (ev) {
      var box = s.getBoundingClientRect(), frac = (ev.clientX - box.left) / box.width * W;
      var t = t0 + (frac - P) / (W - 2 * P) * (t1 - t0);
      var iso = new Date(Math.max(t0, Math.min(t1, t))).toISOString().slice(0, 10);
      if (self.options.goTo) { self.options.goTo(iso); }
    });
    return {svg: s, update: function (d) {
      var row = series[R.inForce(series, d, "date")] || null;
      marker.setAttribute("x1", x(d));
      marker.setAttribute("x2", x(d));
      readout.textContent = row ? sides.filter(function (k) { return row[k] || k !== "peacekeepers"; }).map(function (k) {
        return (SIDE_SHORT[k] ? _(SIDE_SHORT[k]) : k) + " " + KA.i18n.number(Math.round(row[k] || 0));
      }).join(" · ") + (row.uncertain ? " · " + _("uncertain {n}", {n: KA.i18n.number(Math.round(row.uncertain))}) : "") : "";
    }};
  };

  // The colour of a side: its fill in the control layer's style (geo/layers.py).
  Cartography.prototype.sideColour = function (side) {
    var control = R.layersWithRole(this.data.layers, "control")[0];
    var entry = control && this.data.styles[control + ":" + side];
    return entry ? entry.certain.fillColor || entry.certain.color : "#555";
  };

  Cartography.prototype.renderBalance = function (d) {
    var data = this.data, labels = data.vantageLabels || {}, sides = data.sideGroups || [];
    var b = R.balanceCounts(data.excerpts, data.vantage, Object.keys(labels), sides, d, 0);
    this.balance.textContent = R.balanceStatement(b.counts, labels, sides, R.longDate(d));
    this.balance.className = "ka-balance" + (b.total && b.sidesMissing.length ? " ka-balance-uneven" : "");
  };

  Cartography.prototype.renderCite = function () {
    if (!this.citeText) { return; }
    var d = this.engine.current, cite = this.data.cite || {sources: {}};
    var sources = R.sourcesOf(R.excerptsOn(this.data.excerpts, d, 0)).filter(function (s) { return cite.sources[s]; });
    var text = R.citationText({
      author: cite.author, title: cite.title, dataset: cite.dataset, licence: cite.licence, date: d, link: location.href,
      accessed: new Date().toISOString().slice(0, 10),
      sources: sources.map(function (s) { return {id: s, citation: cite.sources[s]}; })});
    // the names, the address and the sources' citations as written; the frame in the interface language
    KA.keeping(this.citeText, text, [cite.author, cite.title, location.href].concat(sources.map(function (s) { return cite.sources[s]; })));
  };

  // -- the strip under the slider ---------------------------------------------------------------
  Cartography.prototype.setupStrip = function (bar) {
    var data = this.data, self = this, W = 1000, H = 26;
    var t0 = Date.parse(data.first), t1 = Date.parse(data.last);
    function x(iso) { return (Date.parse(iso) - t0) / (t1 - t0) * W; }
    var s = svg("svg", {viewBox: "0 0 " + W + " " + H, width: "100%", height: H, preserveAspectRatio: "none", "class": "ka-strip", role: "img",
                        "aria-label": _("Excerpts by vantage point, events and key dates over time")});
    var lanes = {armenian: 1, azerbaijani: 6, russian: 11, international: 16}, eventAt = {};
    (data.strip || []).forEach(function (item) {
      if (item.type === "excerpt") {
        var a = x(item.first), b = Math.max(x(item.last), a + 1.5);
        s.appendChild(svg("rect", {x: a, y: lanes[item.vantage_group] || 16, width: b - a, height: 4,
                                   fill: VANTAGE_COLOURS[item.vantage_group] || "#777", "fill-opacity": 0.8,
                                   "class": "ka-strip-excerpt ka-strip-" + item.vantage_group}));
      } else {
        // one tick per tenth of a unit of the strip (a tenth of a pixel or less): a record of
        // 100,000 events draws at most 10,000 ticks, the same picture
        var at = Math.round(x(item.first) * 10) / 10;
        if (eventAt[at]) { return; }
        eventAt[at] = true;
        s.appendChild(svg("rect", {x: at - 0.75, y: 21, width: 1.5, height: 5, fill: "#111", "class": "ka-strip-event"}));
      }
    });
    (data.stops || []).forEach(function (stop) {
      s.appendChild(svg("rect", {x: x(stop.date) - 1, y: 0, width: 2, height: H, fill: "#d00", "fill-opacity": 0.5,
                                 "class": "ka-strip-stop"}));
    });
    // the date marker is an element of its own over the strip: moving it (every slider step)
    // repaints neither the strip nor its ticks
    var marker = el("div", "ka-strip-marker");
    s.addEventListener("click", function (ev) {
      var box = s.getBoundingClientRect(), t = t0 + (ev.clientX - box.left) / box.width * (t1 - t0);
      if (self.options.goTo) { self.options.goTo(new Date(t).toISOString().slice(0, 10)); }
    });
    var wrap = el("div", "ka-strip-row");
    var key = el("div", "ka-strip-key");
    Object.keys(lanes).forEach(function (g) {
      var k = el("span", "ka-strip-key-item", (data.vantageLabels || {})[g] || g);
      k.style.borderLeft = "10px solid " + VANTAGE_COLOURS[g];
      key.appendChild(k);
    });
    key.appendChild(el("span", "ka-strip-key-item ka-strip-key-event", _("events")));
    key.appendChild(el("span", "ka-strip-key-item ka-strip-key-stop", _("key dates")));
    var box = el("div", "ka-strip-box");
    box.appendChild(s);
    box.appendChild(marker);
    wrap.appendChild(box);
    wrap.appendChild(key);
    if ((data.stops || []).length) { wrap.appendChild(this.storyControls()); }
    bar.element.appendChild(wrap);
    this.strip = {update: function (d) { marker.style.left = "calc(" + (x(d) / W * 100) + "% - 1.25px)"; }};
  };

  // The guided story: step from one stop (a key date with its caption) to the next.
  Cartography.prototype.storyControls = function () {
    var self = this, stops = this.data.stops, box = el("div", "ka-story");
    var prev = el("button", "ka-story-prev", _("◀ Previous stop")), next = el("button", "ka-story-next", _("Next stop ▶"));
    prev.type = next.type = "button";
    var where = this.storyWhere = el("span", "ka-story-where");
    function go(step) {
      var d = self.engine.current, target = null;
      if (step > 0) { for (var i = 0; i < stops.length; i++) { if (stops[i].date > d) { target = stops[i].date; break; } } }
      else { for (var j = stops.length - 1; j >= 0; j--) { if (stops[j].date < d) { target = stops[j].date; break; } } }
      if (target && self.options.goTo) { self.options.goTo(target); }
    }
    prev.addEventListener("click", function () { go(-1); });
    next.addEventListener("click", function () { go(1); });
    box.appendChild(el("b", null, _("The story in {n} stops:", {n: stops.length}) + " "));
    box.appendChild(prev);
    box.appendChild(where);
    box.appendChild(next);
    return box;
  };

  Cartography.prototype.renderStory = function (d) {
    if (!this.storyWhere) { return; }
    var stops = this.data.stops, at = R.inForce(stops, d, "date");
    this.storyWhere.textContent = at < 0 ? _("before the first stop") :
      (stops[at].date === d ? _("stop {n} of {total}", {n: at + 1, total: stops.length}) : _("after stop {n}", {n: at + 1}));
  };

  Cartography.prototype.onDate = function (d) {
    this.renderStory(d);
    this.renderChanges(d);
    this.renderLegend();
    this.renderStatusLabels();
    if (this.balance) { this.renderBalance(d); }
    if (this.chart) { this.chart.update(d); }
    if (this.strip) { this.strip.update(d); }
    if (this.selected && this.selectedAt) { this.openCard(this.selectedAt, this.selected); }
  };

  Cartography.prototype.refresh = function () { this.onDate(this.engine.current); };

  KA.Cartography = Cartography;
  KA.cartography = function (engine, data, options) { return new Cartography(engine, data, options); };
}(typeof window !== "undefined" ? window : this));
