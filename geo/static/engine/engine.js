/* Karabakh Atlas map engine: every feature of the atlas loaded once, drawn on a Leaflet
 * canvas, filtered by date in the browser.
 *
 * The time rule lives in Python (geo/dates.py). Each feature record carries its result as
 * ISO days (a, b, u, s; c: the other days on which its drawing may change); rules.js reads
 * them for a day (stateOn) and this file draws what it says.
 *
 * Work per date change is proportional to what changes: every change day of every feature
 * is indexed once, and moving from one date to another re-evaluates only the features with
 * a change day in between; a feature's Leaflet layer is created the first time it is shown
 * and then only added, removed or restyled.
 *
 * Text from data is set with textContent; the only HTML inserted is the excerpt and source
 * HTML that Python escaped (geo/escape.py) before writing the data.
 */
(function (root) {
  "use strict";

  var L = root.L;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  // An element holding text as written (a feature's or a source's name, a quote): marked
  // data-ka-verbatim, it is never translated (and the tests of the interface's words skip it).
  function verbatim(tag, className, text) {
    var node = el(tag, className, text);
    node.setAttribute("data-ka-verbatim", "");
    return node;
  }

  // An element with an interface message whose values named in `kept` are names as written:
  // each such value in a data-ka-verbatim span, the rest plain text ("District: {name}"); a value
  // that is a DOM node is put in as it is.
  function said(tag, className, message, values, kept) {
    var node = el(tag, className), text = I18N.t(message), at = 0, m, re = /\{(\w+)\}/g;
    while ((m = re.exec(text)) !== null) {
      if (m.index > at) { node.appendChild(document.createTextNode(text.slice(at, m.index))); }
      var has = Object.prototype.hasOwnProperty.call(values, m[1]), value = has ? String(values[m[1]]) : m[0];
      if (has && values[m[1]] && values[m[1]].nodeType) { node.appendChild(values[m[1]]); }
      else { node.appendChild(has && kept.indexOf(m[1]) >= 0 ? verbatim("span", null, value) : document.createTextNode(value)); }
      at = re.lastIndex;
    }
    if (at < text.length) { node.appendChild(document.createTextNode(text.slice(at))); }
    return node;
  }

  // Fill node with text, each of the strings of `kept` found in it (names, titles, an address)
  // in a data-ka-verbatim span.
  function keeping(node, text, kept) {
    kept = kept.filter(function (k) { return k; });
    node.textContent = "";
    while (text) {
      var at = -1, found = "";
      kept.forEach(function (k) {
        var i = text.indexOf(k);
        if (i >= 0 && (at < 0 || i < at || (i === at && k.length > found.length))) { at = i; found = k; }
      });
      if (at < 0) { node.appendChild(document.createTextNode(text)); break; }
      if (at > 0) { node.appendChild(document.createTextNode(text.slice(0, at))); }
      node.appendChild(verbatim("span", null, found));
      text = text.slice(at + found.length);
    }
    return node;
  }

  function extend(target) {
    for (var i = 1; i < arguments.length; i++) {
      var src = arguments[i];
      if (src) { for (var k in src) { if (Object.prototype.hasOwnProperty.call(src, k)) { target[k] = src[k]; } } }
    }
    return target;
  }

  // -- geometry: delta-encoded integer quanta (geo/engine.py encode_geometry) -----------
  function decodeRing(ring, scale) {
    var out = new Array(ring.length / 2), x = 0, y = 0;
    for (var i = 0, j = 0; i < ring.length; i += 2, j++) {
      x += ring[i];
      y += ring[i + 1];
      out[j] = [y / scale, x / scale];
    }
    return out;
  }

  function buildLayer(rec, style, options, scale) {
    var kind = rec.g[0], parts = rec.g[1];
    var opts = extend({}, options, style);
    if (kind === "P") {
      var markers = parts.map(function (p) { return L.circleMarker(decodeRing(p, scale)[0], opts); });
      return markers.length === 1 ? markers[0] : L.featureGroup(markers);
    }
    if (kind === "L") {
      opts.fill = false;  // a layer's style may fill its areas; its lines never
      return L.polyline(parts.map(function (p) { return decodeRing(p, scale); }), opts);
    }
    return L.polygon(parts.map(function (poly) {
      return poly.map(function (ring) { return decodeRing(ring, scale); });
    }), opts);
  }

  // -- the rules of a day live in rules.js (KarabakhRules): read here, never re-derived ----
  var R = root.KarabakhRules;
  var I18N = root.KarabakhI18n, _ = I18N.t;
  var FAMILY_RANK = {A: 0, L: 1, P: 2};

  // -- the engine ---------------------------------------------------------------------------
  function Engine(container, data, options) {
    var self = this;
    options = options || {};
    this.data = data;
    this.options = options;
    I18N.setCatalogue(data.i18n);
    this.scale = Math.pow(10, data.quantum);
    this.handlers = {};
    this.current = null;
    this.highlighted = {};
    this.enabled = {};
    this.stamp = 0;
    this.lowestAdded = null;
    this.stacks = {};  // rank -> {id: Leaflet layer} of the features drawn, for restack()
    this.drawn = {};   // index -> feature, of the features drawn now (see shownFeatures)
    //: hooks others may replace: build the popup of a clicked feature, answer a click
    this.hooks = {popup: null, click: null, tooltip: null};

    var map = this.map = L.map(container, {
      center: data.map.center, zoom: data.map.zoom, minZoom: data.map.minZoom, maxZoom: data.map.maxZoom,
      preferCanvas: true, zoomControl: false, attributionControl: false
    });
    // Leaflet's controls speak the interface language: the zoom buttons' titles, the scale's units
    // (metric; miles too for English only)
    L.control.zoom({zoomInTitle: _("Zoom in"), zoomOutTitle: _("Zoom out")}).addTo(map);
    var scaleBar = L.control.scale({imperial: I18N.lang() === "en"});
    scaleBar._updateMetric = function (maxMeters) {
      var meters = this._getRoundNum(maxMeters);
      var text = meters < 1000 ? _("{n} m", {n: meters}) : _("{n} km", {n: meters / 1000});
      this._updateScale(this._mScale, text, meters / maxMeters);
    };
    scaleBar.addTo(map);
    map.createPane("ka-base").style.zIndex = "200";
    L.geoJSON(data.basemap, {interactive: false, pane: "ka-base", renderer: L.canvas({pane: "ka-base"}),
                             style: function () { return data.basemapStyle; }}).addTo(map);

    // One canvas draws every feature (one canvas per layer would let only the top one
    // receive the mouse). Areas are drawn first, then lines, then points, each in the layers'
    // order, so that a line or a point is never under an area (to see or to hover); restack()
    // keeps that order. Labels are DOM markers in a pane of their own above it.
    this.renderer = L.canvas({padding: 0.3, tolerance: 3});
    this.layers = {};
    this.order = [];
    data.layers.forEach(function (item, i) {
      var labelPane = null;
      if (item.labels) {
        labelPane = "ka-labels-" + item.id;
        map.createPane(labelPane).style.zIndex = String(610 + i);
        map.getPane(labelPane).style.pointerEvents = "none";
      }
      self.order.push(item.id);
      self.layers[item.id] = {item: item, index: i, labelPane: labelPane, group: L.layerGroup()};
    });

    // the features and the index of their change days
    // texts shared by many features are written once (geo/engine.py intern_strings): put them back
    var S = data.strings || [];
    function text(x) { return typeof x === "number" ? S[x] : x; }
    data.features.forEach(function (r) {
      for (var k = 0; k < r.t.length; k++) { r.t[k] = text(r.t[k]); }
      if (r.m !== undefined) { r.m = text(r.m); }
    });
    var feats = this.features = data.features.map(function (r, i) {
      var rank = FAMILY_RANK[r.g[0]] * 1000 + self.layers[r.l].index;
      if (!self.stacks[rank]) { self.stacks[rank] = {}; }
      return {r: r, i: i, rank: rank, layer: null, label: null, shown: false, unc: false, st: -1, stUnc: false,
              mark: 0};
    });
    this.ranks = Object.keys(this.stacks).map(Number).sort(function (x, y) { return x - y; });
    this.byId = {};
    var pairs = [];
    feats.forEach(function (f) {
      self.byId[f.r.i] = f;
      [f.r.a, f.r.b].concat(f.r.c || []).forEach(function (d) { if (d) { pairs.push([d, f.i]); } });
    });
    pairs.sort(function (x, y) { return x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : x[1] - y[1]; });
    this.changeDays = pairs.map(function (p) { return p[0]; });
    this.changeFeatures = new Int32Array(pairs.map(function (p) { return p[1]; }));

    // overlay boxes others fill: a caption (top left), a legend (bottom right)
    this.caption = this.addBox("ka-caption-box", "topleft");
    this.legend = this.addBox("ka-legend-box", "bottomright");

    (options.layers || data.layers.map(function (x) { return x.id; })).forEach(function (id) {
      self.enableLayer(id, true);
    });
    if (options.highlight) { this.setHighlight(options.highlight); }
    map.on("moveend", function () { self.emit("view", self.view()); });
    // the container may be laid out (or resized) after the map was made: follow its size
    if (root.ResizeObserver) {
      this.resizer = new root.ResizeObserver(function () { map.invalidateSize({pan: false}); });
      this.resizer.observe(container);
    }
    if (options.date) { this.setDate(options.date); }
  }

  Engine.prototype.addBox = function (className, position) {
    var Box = L.Control.extend({
      options: {position: position},
      onAdd: function () {
        var box = el("div", className);
        L.DomEvent.disableClickPropagation(box);
        L.DomEvent.disableScrollPropagation(box);
        return box;
      }
    });
    var control = new Box();
    control.addTo(this.map);
    return control.getContainer();
  };

  Engine.prototype.on = function (name, fn) {
    (this.handlers[name] = this.handlers[name] || []).push(fn);
    return this;
  };
  Engine.prototype.emit = function (name, value) {
    (this.handlers[name] || []).forEach(function (fn) { fn(value); });
  };

  Engine.prototype.view = function () {
    var c = this.map.getCenter();
    return {center: [Math.round(c.lat * 1e5) / 1e5, Math.round(c.lng * 1e5) / 1e5], zoom: this.map.getZoom()};
  };
  Engine.prototype.setView = function (view) {
    if (view && view.center && typeof view.zoom === "number") { this.map.setView(view.center, view.zoom); }
  };

  // The style of a feature in its current state: its style key's certain or uncertain
  // style (a status may have its own: "layer:key|status"), highlighted when asked.
  Engine.prototype.styleOf = function (f) {
    var r = f.r, styles = this.data.styles;
    var entry = (f.st >= 0 && styles[r.l + ":" + r.k + "|" + r.s[f.st][2]]) || styles[r.l + ":" + r.k];
    var style = f.unc ? entry.uncertain : entry.certain;
    if (this.highlighted[r.i]) { style = extend({}, style, this.data.highlight); }
    return style;
  };

  Engine.prototype.tooltipOf = function (f) {
    if (this.hooks.tooltip) { return this.hooks.tooltip(f.r, this.stateOf(f)); }
    var box = el("div", "ka-tip");
    var lines = f.r.t;
    box.appendChild(verbatim("b", null, lines[0]));
    if (lines[1]) { box.appendChild(verbatim("div", "ka-variants", lines[1])); }
    for (var i = 2; i < lines.length; i++) { box.appendChild(el("div", null, lines[i])); }
    if (f.st >= 0) {
      var s = f.r.s[f.st];
      box.appendChild(el("div", "ka-status", _("Status: {status}", {status: s[3]}) +
        (f.stUnc ? _(" (from {date}; date uncertain)", {date: s[4]}) : "")));
    }
    return box;
  };

  Engine.prototype.popupOf = function (f) {
    if (this.hooks.popup) { return this.hooks.popup(f.r, this.stateOf(f)); }
    var box = el("div", "ka-popup");
    box.appendChild(this.tooltipOf(f));
    if (f.r.o) { box.appendChild(el("p", "ka-note", f.r.o)); }  // an event's note
    if (f.r.m) { box.appendChild(el("div", "ka-meta", _("Method: {method}", {method: f.r.m}))); }
    var linked = f.r.x || [];
    box.appendChild(el("div", "ka-meta", _("{n} linked excerpt(s)", {n: linked.length})));
    var list = el("div", "ka-popup-excerpts");
    var excerpts = this.data.excerpts;
    // excerpt HTML was escaped in Python (geo/render.excerpt_html through geo/escape.py)
    list.innerHTML = linked.map(function (k) { return excerpts[k].html; }).join("");
    if (!linked.length) { list.appendChild(el("i", null, _("No excerpt is linked to this feature."))); }
    box.appendChild(list);
    return box;
  };

  Engine.prototype.stateOf = function (f) {
    return {id: f.r.i, layer: f.r.l, shown: f.shown, uncertain: f.unc,
            status: f.st >= 0 ? f.r.s[f.st][2] : null, statusUncertain: f.stUnc};
  };

  Engine.prototype.layerOf = function (f) {
    if (f.layer) { return f.layer; }
    var self = this, slot = this.layers[f.r.l];
    var layer = f.layer = buildLayer(f.r, this.styleOf(f), {renderer: this.renderer}, this.scale);
    layer.bindTooltip(function () { return self.tooltipOf(f); }, {sticky: true});
    layer.on("mouseover", function () {
      self.hovered = f.r.i;
      layer.setStyle({weight: (self.styleOf(f).weight || 1) + 2});
    });
    layer.on("mouseout", function () {
      if (self.hovered === f.r.i) { self.hovered = null; }
      layer.setStyle(self.styleOf(f));
    });
    layer.on("click", function (ev) {
      self.emit("click", f.r.i);
      if (self.hooks.click) { self.hooks.click(f.r, self.stateOf(f), ev); return; }
      if (self.options.popups !== false) {
        L.popup({maxWidth: 420, autoPanPaddingTopLeft: [10, 56]}).setLatLng(ev.latlng)
          .setContent(self.popupOf(f)).openOn(self.map);
      }
    });
    if (slot.item.labels && f.r.g[0] === "P") {
      var text = verbatim("span", "ka-label", f.r.t[0]);
      if (f.r.n) { text.setAttribute("data-kind", f.r.n); }  // its priority among labels (labels.js)
      f.label = L.marker(decodeRing(f.r.g[1][0], this.scale)[0], {
        pane: slot.labelPane, interactive: false, keyboard: false,
        icon: L.divIcon({html: text, className: "ka-label-icon", iconSize: [0, 0], iconAnchor: [-6, 8]})});
    }
    return layer;
  };

  // Re-evaluate one feature on day d; apply only what changed.
  Engine.prototype.update = function (f, d) {
    var r = f.r;
    var now = R.stateOn(r, d);
    var shown = now.shown, unc = now.uncertain, st = now.status, stUnc = now.statusUncertain;
    var restyle = shown && f.shown && (unc !== f.unc || st !== f.st);
    f.unc = unc;
    f.st = st;
    f.stUnc = stUnc;
    if (shown !== f.shown) {
      var group = this.layers[r.l].group;
      f.shown = shown;
      if (shown) {
        var layer = this.layerOf(f);
        layer.setStyle(this.styleOf(f));
        group.addLayer(layer);
        if (f.label) { group.addLayer(f.label); }
        this.stacks[f.rank][r.i] = layer;
        this.drawn[f.i] = f;
        if (this.lowestAdded === null || f.rank < this.lowestAdded) { this.lowestAdded = f.rank; }
      } else {
        group.removeLayer(f.layer);
        delete this.stacks[f.rank][r.i];
        delete this.drawn[f.i];
        if (f.label) { group.removeLayer(f.label); }
      }
    } else if (restyle) {
      f.layer.setStyle(this.styleOf(f));
    }
  };

  function upperBound(days, d) {
    var lo = 0, hi = days.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (days[mid] <= d) { lo = mid + 1; } else { hi = mid; } }
    return lo;
  }

  // Move the map to day d (YYYY-MM-DD). Returns false for a string that is not a day.
  Engine.prototype.setDate = function (d) {
    if (!R.isIsoDay(d)) { return false; }
    var prev = this.current;
    if (d === prev) { return true; }
    this.current = d;
    this.lowestAdded = null;
    var feats = this.features, i;
    if (prev === null) {
      for (i = 0; i < feats.length; i++) { this.update(feats[i], d); }
    } else {
      // a state changes on a change day x: between two dates only features with a change day
      // x in (lower, upper] can differ
      var lower = prev < d ? prev : d, upper = prev < d ? d : prev;
      var from = upperBound(this.changeDays, lower), to = upperBound(this.changeDays, upper);
      var mark = ++this.stamp;
      for (i = from; i < to; i++) {
        var f = feats[this.changeFeatures[i]];
        if (f.mark !== mark) { f.mark = mark; this.update(f, d); }
      }
    }
    if (this.lowestAdded !== null) { this.restack(this.lowestAdded); }
    this.emit("date", d);
    return true;
  };

  // Features newly drawn go on top of the canvas: bring every drawn feature of a higher
  // rank (family, then layer) back on top of them, lowest rank first (work: those only).
  Engine.prototype.restack = function (rank) {
    for (var j = 0; j < this.ranks.length; j++) {
      var r = this.ranks[j];
      if (r <= rank) { continue; }
      var id = r % 1000, slot = this.layers[this.order[id]], stack = this.stacks[r];
      if (!this.enabled[slot.item.id]) { continue; }
      for (var k in stack) { if (stack[k].bringToFront) { stack[k].bringToFront(); } }
    }
  };

  Engine.prototype.enableLayer = function (id, on) {
    var slot = this.layers[id];
    if (!slot) { return; }
    this.enabled[id] = !!on;
    if (on) {
      slot.group.addTo(this.map);
      this.restack(slot.index);  // the lowest rank of the layer: its areas
    } else {
      slot.group.remove();
    }
  };

  Engine.prototype.setLayers = function (ids) {
    var wanted = {}, self = this;
    (ids || []).forEach(function (id) { wanted[id] = true; });
    Object.keys(this.layers).forEach(function (id) {
      if (!!wanted[id] !== !!self.enabled[id]) { self.enableLayer(id, !!wanted[id]); }
    });
  };

  Engine.prototype.setHighlight = function (ids) {
    var next = {}, changed = [], self = this;
    (ids || []).forEach(function (id) { next[id] = true; });
    Object.keys(this.highlighted).concat(Object.keys(next)).forEach(function (id) {
      if (!!self.highlighted[id] !== !!next[id] && self.byId[id]) { changed.push(self.byId[id]); }
    });
    this.highlighted = next;
    var lowest = null;
    changed.forEach(function (f) {
      if (f.layer) {
        f.layer.setStyle(self.styleOf(f));
        if (next[f.r.i] && f.layer.bringToFront) { f.layer.bringToFront(); }
        else if (lowest === null || f.rank < lowest) { lowest = f.rank; }
      }
    });
    // a feature no longer highlighted goes back under the features of higher rank (an area
    // brought to the front would otherwise keep the points inside it from the pointer)
    if (lowest !== null) { this.restack(lowest); }
  };

  // What the map draws now, read from the map itself (its layers and their applied styles):
  // the ids of the drawn features, of those drawn uncertain, and each drawn feature's status.
  Engine.prototype.drawnState = function () {
    var visible = [], uncertain = [], status = {}, self = this;
    this.features.forEach(function (f) {
      var slot = self.layers[f.r.l];
      if (!f.layer || !slot.group.hasLayer(f.layer)) { return; }
      visible.push(f.r.i);
      var dash = (f.layer.getLayers ? f.layer.getLayers()[0] : f.layer).options.dashArray;
      var entry = self.data.styles[f.r.l + ":" + f.r.k];
      if (dash === entry.uncertain.dashArray && dash !== entry.certain.dashArray) { uncertain.push(f.r.i); }
      if (f.r.s) { status[f.r.i] = f.st >= 0 ? [f.r.s[f.st][2], f.stUnc] : null; }
    });
    return {date: this.current, visible: visible.sort(), uncertain: uncertain.sort(), status: status};
  };

  // The features shown on the current date (of every layer, enabled or not), in the order of
  // the data: work proportional to what is drawn, not to the whole record.
  Engine.prototype.shownFeatures = function () {
    var drawn = this.drawn, feats = this.features;
    return Object.keys(drawn).map(Number).sort(function (x, y) { return x - y; })
      .map(function (i) { return feats[i]; });
  };

  Engine.prototype.visibleIds = function () {
    var self = this;
    return this.features.filter(function (f) {
      return f.shown && self.enabled[f.r.l];
    }).map(function (f) { return f.r.i; }).sort();
  };

  // The page position of a point of a drawn feature (for tests and tours): [x, y].
  Engine.prototype.pointOf = function (id, latlng) {
    var f = this.byId[id];
    if (!f || !f.layer) { return null; }
    var ll = latlng ? L.latLng(latlng) : (f.layer.getLatLng ? f.layer.getLatLng() : f.layer.getBounds().getCenter());
    var p = this.map.latLngToContainerPoint(ll), box = this.map.getContainer().getBoundingClientRect();
    return [box.left + p.x, box.top + p.y];
  };

  // Page positions on a drawn feature, inside the map: its point, or points along its
  // outline (each step between two vertices, halfway) - where a pointer may find it.
  Engine.prototype.pointsOn = function (id) {
    var f = this.byId[id];
    if (!f || !f.shown) { return []; }
    var self = this, box = this.map.getContainer().getBoundingClientRect(), size = this.map.getSize(), out = [];
    var rings = [];
    f.r.g[1].forEach(function (part) {
      if (f.r.g[0] === "A") { rings.push(decodeRing(part[0], self.scale)); } else { rings.push(decodeRing(part, self.scale)); }
    });
    rings.forEach(function (ring) {
      for (var i = 0; i < ring.length; i++) {
        var a = ring[i], b = ring[Math.min(i + 1, ring.length - 1)];
        var p = self.map.latLngToContainerPoint([(a[0] + b[0]) / 2, (a[1] + b[1]) / 2]);
        if (p.x > 2 && p.y > 2 && p.x < size.x - 2 && p.y < size.y - 2) { out.push([box.left + p.x, box.top + p.y]); }
      }
    });
    return out;
  };

  Engine.prototype.destroy = function () {
    if (this.resizer) { this.resizer.disconnect(); }
    this.map.remove();
    this.handlers = {};
  };

  root.KarabakhAtlas = {
    Engine: Engine,
    create: function (container, data, options) { return new Engine(container, data, options); },
    rules: R,
    longDate: R.longDate,
    isIsoDay: R.isIsoDay,
    el: el,
    verbatim: verbatim,
    said: said,
    keeping: keeping,
    i18n: I18N,
    _: _
  };
}(typeof window !== "undefined" ? window : this));
