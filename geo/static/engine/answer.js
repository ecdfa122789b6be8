/* Karabakh Atlas: the answer for the point clicked, written for a reader.
 *
 * Loaded after cartography.js, it gives Cartography its answer card (openCard):
 * - one plain sentence first: who held THAT POINT on the day and since when, and who held it
 *   before ("Held by Azerbaijani forces since 8 November 2020; before that by Armenian and
 *   Karabakh Armenian forces from 8 May 1992"), from rules.js heldSince over the control
 *   areas that cover the point; inside an uncertain interval both sides are named, with the
 *   days between which the change happened;
 * - when several features lie under the pointer, a list of them: the reader chooses which
 *   one the card is about;
 * - the zones and roads at the point and near it (within NEAR_PX on the screen), each with
 *   its status and since when;
 * - the district the point lies in (the point, never the feature clicked: a road crossing
 *   several districts answers for the district clicked) with its dated changes of control,
 *   the changes of a route's status apart;
 * - titles, dates in words and source titles: never ids or EDTF.
 * Every text is set with textContent; the only HTML inserted is excerpt HTML escaped in
 * Python (geo/escape.py).
 */
(function (root) {
  "use strict";

  var KA = root.KarabakhAtlas, R = root.KarabakhRules, L = root.L;
  if (!KA || !KA.Cartography) { return; }
  var el = KA.el, C = KA.Cartography.prototype, _ = KA._, verbatim = KA.verbatim, said = KA.said;
  function N_(message) { return message; }  // a message said() translates (marked for extraction)

  // A text of the record not yet in the interface language (a feature's method): marked
  // data-ka-record, as it is the record's, not the interface's, to translate.
  function recorded(text) {
    var node = el("span", null, text);
    node.setAttribute("data-ka-record", "");
    return node;
  }
  var NEAR_PX = 30;

  // "8 November 2020", or "a day between 1 and 31 October 2020 (not known exactly)"
  function dayText(first, interval) {
    if (interval && interval[0] !== interval[1]) {
      return _("a day between {first} and {last} (not known exactly)", {first: R.longDate(interval[0]), last: R.longDate(interval[1])});
    }
    return R.longDate(first);
  }
  KA.dayText = dayText;

  // The control records (of every day) whose area covers the point ll.
  C.controlRecordsAt = function (ll) {
    var roles = this.roles, scale = this.engine.scale;
    return this.engine.features.filter(function (f) {
      return roles[f.r.l] === "control" && R.areaContains(f.r.g, ll.lng, ll.lat, scale);
    }).map(function (f) { return f.r; });
  };

  // The first sentence of the answer: who held the point on the day shown, since when, before.
  C.heldSentence = function (ll) {
    var d = this.engine.current, names = this.data.sideNames || {}, first = this.data.first;
    var h = R.heldSince(this.controlRecordsAt(ll), d);
    function side(k) { return names[k] || k; }
    if (h.status === "not drawn") { return {text: _("No control area is drawn here on this day."), side: null, since: h}; }
    var beforeFrom = h.before && h.before.from ?
      _(" from {day}", {day: dayText(h.before.from, h.before.fromUncertain)}) : "";
    if (h.status === "uncertain") {
      var out = h.sides.filter(function (k) { return k !== h.side; })[0];
      return {text: _("Change of hands under way: from {from} to {to} on {day}; both are drawn here until it is known",
                      {from: side(out), to: side(h.side), day: dayText(h.interval ? h.interval[0] : d, h.interval)}) +
                    (h.before ? _(". Before that held by {side}", {side: side(h.before.side)}) + beforeFrom : "") + ".",
              side: null, uncertain: true, since: h};
    }
    var before = h.before ? _("; before that by {side}", {side: side(h.before.side)}) + beforeFrom : "";
    var since = h.since ? _(" since {day}", {day: dayText(h.since, h.sinceUncertain)}) :
                _(" since the start of the record ({day})", {day: R.longDate(first)});
    return {text: _("Held by {side}", {side: side(h.side)}) + since + before + ".", side: h.side, since: h};
  };

  // "open to 2020-11-10" and the like, in words.
  C.validityText = function (r) {
    if (!r.a && !r.b) { return ""; }
    if (!r.b) { return _("Drawn from {day}", {day: R.longDate(r.a)}); }
    var end = R.addDays(r.b, -1);
    if (!r.a) { return _("Drawn until {day}", {day: R.longDate(end)}); }
    return _("Drawn from {first} to {last}", {first: R.longDate(r.a), last: R.longDate(end)});
  };

  // A zone or a road: its title, its status in words and since when.
  C.describe = function (f) {
    var text = f.r.t[0];
    if (this.roles[f.r.l] === "control") { return this.heldAt([f]).text; }
    if (f.st >= 0) {
      var s = f.r.s[f.st], entry = this.data.styles[f.r.l + ":" + f.r.k + "|" + s[2]];
      text += " — " + _("{status} since {date}", {status: entry ? entry.label.split(": ").pop() : s[3],
                                                   date: f.stUnc && s[1] ? dayText(s[0], [s[0], s[1]]) : R.longDate(s[0])});
    }
    return text;
  };

  // describe(f) into node: the feature's name as written, then its status in words.
  C.described = function (node, f) {
    var text = this.describe(f), name = f.r.t[0];
    if (this.roles[f.r.l] === "control" || text.indexOf(name) !== 0) { node.appendChild(document.createTextNode(text)); return node; }
    node.appendChild(verbatim("span", null, name));
    node.appendChild(document.createTextNode(text.slice(name.length)));
    return node;
  };

  // Zones and routes drawn near ll (within NEAR_PX), not under it.
  C.zonesNear = function (ll, hits) {
    var engine = this.engine, map = this.map, roles = this.roles, pt = map.latLngToContainerPoint(ll), out = [];
    var here = {};
    hits.forEach(function (f) { here[f.r.i] = true; });
    engine.features.forEach(function (f) {
      if (!f.shown || !f.layer || here[f.r.i] || !engine.enabled[f.r.l]) { return; }
      if (roles[f.r.l] !== "zone" && roles[f.r.l] !== "route") { return; }
      var near = false;
      if (f.layer.getLatLngs) {
        var lines = f.layer.getLatLngs(), flat = [];
        (function walk(x) { if (x.length && x[0] instanceof L.LatLng) { flat.push(x); } else { x.forEach(walk); } }(lines));
        near = flat.some(function (line) {
          for (var i = 1; i < line.length; i++) {
            if (L.LineUtil.pointToSegmentDistance(pt, map.latLngToContainerPoint(line[i - 1]),
                                                 map.latLngToContainerPoint(line[i])) <= NEAR_PX) { return true; }
          }
          return false;
        });
      }
      if (near) { out.push(f); }
    });
    return out;
  };

  // The district the point lies in (a district's area under ll), never the former oblast.
  C.districtAt = function (ll) {
    var data = this.data, roles = this.roles, scale = this.engine.scale;
    var found = this.engine.features.filter(function (f) {
      return roles[f.r.l] === "district" && data.districtNames && data.districtNames[f.r.i] &&
             f.r.k !== "autonomous_oblast" && R.areaContains(f.r.g, ll.lng, ll.lat, scale);
    });
    return found[0] || null;
  };

  C.sourceTitle = function (id) {
    var titles = this.data.sourceTitles || {};
    return titles[id] || "a source of the record";
  };

  // The hover box: short (who held the point, the names of at most three features there) and
  // transient (a click, a touch or leaving the map closes it).
  var TIP_NAMES = 3;
  C.hereBox = function (ll, id) {
    var engine = this.engine, roles = this.roles, box = el("div", "ka-tip ka-here");
    var hits = ll ? this.featuresAt(ll) : [];
    if (!hits.length && engine.byId[id]) { hits = [engine.byId[id]]; }
    var held = this.heldAt(hits);
    box.appendChild(el("b", null, held.text.split(" (")[0]));
    var named = hits.filter(function (f) { return roles[f.r.l] !== "control" && roles[f.r.l] !== "district"; });
    named.slice(0, TIP_NAMES).forEach(function (f, i) {
      box.appendChild(verbatim("div", "ka-here-row ka-here-" + f.r.l, f.r.t[0]));
      if (i === 0 && f.r.t[1]) { box.appendChild(verbatim("div", "ka-here-detail ka-here-names", f.r.t[1])); }  // its other names
    });
    if (named.length > TIP_NAMES) { box.appendChild(el("div", "ka-meta", _("and {n} more", {n: named.length - TIP_NAMES}))); }
    var district = ll ? this.districtAt(ll) : null;
    if (district) { box.appendChild(verbatim("div", "ka-here-row ka-here-district", this.data.districtNames[district.r.i])); }
    if (ll) {  // a river no source ships at this scale: say so where it is drawn
      this.schematicNear(ll).forEach(function (p) {
        box.appendChild(said("div", "ka-here-row ka-here-schematic", N_("{name} (schematic, ±{km} km): {method}"),
                             {name: p.name, km: p.accuracy_km, method: recorded(p.method)}, ["name"]));
      });
    }
    box.appendChild(el("div", "ka-meta", _("Click for the answer")));
    return box;
  };
  C.closeTips = function () {
    var map = this.map;
    map.eachLayer(function (layer) { if (layer.closeTooltip) { layer.closeTooltip(); } });
  };

  C.openCard = function (ll, clickedId) {
    this.closeTips();
    var self = this, engine = this.engine, data = this.data, d = engine.current, roles = this.roles;
    var hits = this.featuresAt(ll), clicked = engine.byId[clickedId] || null;
    if (!clicked) {
      clicked = hits.filter(function (f) { return roles[f.r.l] !== "control" && roles[f.r.l] !== "district"; })[0] ||
                hits[0] || null;
    }
    this.selected = clicked ? clicked.r.i : null;
    this.selectedAt = ll;
    var card = this.card;
    while (card.firstChild) { card.removeChild(card.firstChild); }
    var box = el("section", "ka-card");
    box.setAttribute("aria-label", _("Answer card"));
    box.setAttribute("tabindex", "-1");
    var close = el("button", "ka-card-close", "×");
    close.type = "button";
    close.title = _("Close");
    close.setAttribute("aria-label", _("Close the answer"));
    close.addEventListener("click", function () { self.closeCard(); });
    box.appendChild(close);
    var title = box.appendChild(el("h3"));
    title.appendChild(clicked ? verbatim("span", null, clicked.r.t[0]) : document.createTextNode(_("This point")));
    title.appendChild(document.createTextNode(" — " + R.longDate(d)));
    if (clicked && clicked.r.t[1]) { box.appendChild(verbatim("div", "ka-variants", clicked.r.t[1])); }
    var held = this.heldSentence(ll);
    box.appendChild(el("p", "ka-card-held" + (held.side ? " ka-held-" + held.side : "") +
                            (held.uncertain ? " ka-held-uncertain" : ""), held.text));

    // several features here: the reader chooses the one the card is about
    var choices = hits.filter(function (f) { return roles[f.r.l] !== "control" && roles[f.r.l] !== "district"; });
    if (choices.length > 1) {
      var pick = el("div", "ka-card-choose");
      pick.appendChild(el("span", "ka-card-head", _("Here:") + " "));
      choices.forEach(function (f) {
        var b = verbatim("button", "ka-card-choice" + (clicked && f.r.i === clicked.r.i ? " ka-chosen" : ""), f.r.t[0]);
        b.type = "button";
        b.setAttribute("data-feature", f.r.i);
        if (clicked && f.r.i === clicked.r.i) { b.setAttribute("aria-pressed", "true"); }
        b.addEventListener("click", function () { self.openCard(ll, f.r.i); });
        pick.appendChild(b);
      });
      box.appendChild(pick);
    }

    var zones = hits.filter(function (f) { return roles[f.r.l] === "zone" || roles[f.r.l] === "route"; });
    var near = this.zonesNear(ll, hits);
    box.appendChild(el("div", "ka-card-head", _("Zones and roads here")));
    if (!zones.length && !near.length) { box.appendChild(el("div", "ka-none", _("None at or near this point."))); }
    zones.forEach(function (f) { box.appendChild(self.described(el("div", "ka-card-zone"), f)); });
    near.forEach(function (f) {
      box.appendChild(said("div", "ka-card-zone ka-card-near", N_("Near: {what}"), {what: self.described(el("span"), f)}, []));
    });

    var district = this.districtAt(ll);
    var oblast = hits.filter(function (f) { return f.r.k === "autonomous_oblast"; })[0];
    if (district) {
      box.appendChild(said("div", "ka-card-head ka-card-district", N_("District: {name}"), {name: data.districtNames[district.r.i]}, ["name"]));
      var rows = (data.histories || {})[district.r.i] || [];
      var own = rows.filter(function (h) { return !h.route; }), routes = rows.filter(function (h) { return h.route; });
      var list = function (items) {
        var ol = el("ol", "ka-history");
        items.forEach(function (h) {
          var item = el("li", h.first <= d ? "ka-past" : "ka-future");
          item.appendChild(el("b", null, dayText(h.first, h.last && h.last !== h.first ? [h.first, h.last] : null) + ": "));
          item.appendChild(document.createTextNode(h.change));
          var titles = h.sources.map(function (s) { return self.sourceTitle(s); });
          var cited = titles.length ? said("div", "ka-meta", N_("Sources: {titles}"), {titles: titles.join("; ")}, ["titles"])
            : el("div", "ka-meta", _("No source given."));
          if (titles.length && h.excerpts.length) { cited.appendChild(document.createTextNode(" " + _("({n} excerpt(s))", {n: h.excerpts.length}))); }
          item.appendChild(cited);
          ol.appendChild(item);
        });
        return ol;
      };
      if (!own.length) { box.appendChild(el("div", "ka-none", _("No dated change of control is recorded for it."))); }
      else { box.appendChild(list(own)); }
      if (routes.length) {
        box.appendChild(el("div", "ka-card-head ka-card-routes", _("Routes through it")));
        box.appendChild(list(routes));
      }
    }
    if (oblast) { box.appendChild(el("div", "ka-meta", _("Inside the outline of the former Nagorno-Karabakh Autonomous Oblast."))); }
    if (clicked && roles[clicked.r.l] !== "control") {
      box.appendChild(said("div", "ka-card-head", N_("About {name}"), {name: clicked.r.t[0]}, ["name"]));
      if (clicked.r.o) { box.appendChild(el("p", "ka-card-note", clicked.r.o)); }  // an event's note (geo/engine.py)
      if (clicked.r.t[2]) { box.appendChild(el("div", "ka-meta", clicked.r.t[2])); }
      var valid = this.validityText(clicked.r);
      if (valid) { box.appendChild(el("div", "ka-meta", valid)); }
      if (clicked.r.t[4]) { box.appendChild(el("div", "ka-meta", clicked.r.t[4])); }
      if (clicked.r.m) { box.appendChild(said("div", "ka-meta", N_("Method: {method}"), {method: recorded(clicked.r.m)}, [])); }
    }
    var linked = clicked && clicked.r.x ? clicked.r.x : [];
    box.appendChild(clicked ? said("div", "ka-card-head", N_("Excerpts about {name}: {n} linked excerpt(s)"),
                                   {name: clicked.r.t[0], n: linked.length}, ["name"])
                            : el("div", "ka-card-head", _("Linked excerpts: {n}", {n: linked.length})));
    var ex = el("div", "ka-card-excerpts");
    ex.innerHTML = linked.map(function (k) { return data.excerpts[k].html; }).join("");  // escaped in Python
    if (!linked.length) { ex.appendChild(el("div", "ka-none", _("No excerpt is linked to it."))); }
    box.appendChild(ex);
    card.appendChild(box);
    engine.setHighlight(clicked ? [clicked.r.i] : []);
    engine.emit("select", this.selected);
  };
}(typeof window !== "undefined" ? window : this));
