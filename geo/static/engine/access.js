/* Karabakh Atlas without a mouse: a place search and the map as text.
 *
 * KarabakhAtlas.access(engine, data, cartography, options) adds:
 * - "Find a place" (at the top of the side panel, options.side): a search field that knows every
 *   name of every place, district, zone and road in every convention and variant (the
 *   feature's name and its "other names" line), matched without case or accents; Enter (or a
 *   suggestion picked) opens the answer for it and moves the keyboard focus there;
 * - "The map as text" (options.side): for the day shown, each place with who held it (rules.js
 *   heldSince at the place) and each road with its status and since when; every row is a
 *   button that opens the answer for it. Drawn only while it is open.
 * Every text is set with textContent.
 */
(function (root) {
  "use strict";

  var KA = root.KarabakhAtlas, R = root.KarabakhRules;
  if (!KA) { return; }
  var el = KA.el, _ = KA._;
  var SEARCHED = {place: true, district: true, zone: true, route: true};

  // Lower case, without accents or the marks of romanisation: "Xankəndi" finds "xankendi".
  function fold(text) {
    return String(text || "").normalize("NFD").replace(/[\u0300-\u036f\u02bc\u2019'’`]/g, "")
      .replace(/ə/g, "e").replace(/ı/g, "i").toLowerCase().trim();
  }
  // Every name of a record: its name and the names of its "other names" line.
  function namesOf(r) {
    var out = [r.t[0]];
    String(r.t[1] || "").split(";").forEach(function (part) {
      var at = part.indexOf(":"), name = (at >= 0 ? part.slice(at + 1) : part).trim();
      name.split(/[()]/).forEach(function (n) { if (n.trim()) { out.push(n.trim()); } });
      if (name) { out.push(name); }
    });
    return out;
  }

  function Access(engine, data, cart, options) {
    var self = this;
    this.engine = engine;
    this.data = data;
    this.cart = cart;
    this.options = options || {};
    this.roles = R.roleMap(data.layers || []);
    this.index = [];
    engine.features.forEach(function (f) {
      if (!SEARCHED[self.roles[f.r.l]]) { return; }
      namesOf(f.r).forEach(function (n) { self.index.push({key: fold(n), name: n, f: f}); });
    });
    this.setupSearch();
    this.setupText();
    engine.on("date", function () { if (self.details && self.details.open) { self.renderText(); } });
  }

  // The features a query names, best first: a whole name, then a name's start, then a part;
  // shown on the day before not shown.
  Access.prototype.find = function (query) {
    var q = fold(query), seen = {}, out = [];
    if (!q) { return out; }
    [function (k) { return k === q; }, function (k) { return k.indexOf(q) === 0; }, function (k) { return k.indexOf(q) > 0; }]
      .forEach(function (test) {
        var found = [];
        this.index.forEach(function (e) { if (test(e.key) && !seen[e.f.r.i]) { seen[e.f.r.i] = true; found.push(e.f); } });
        found.sort(function (a, b) { return (b.shown ? 1 : 0) - (a.shown ? 1 : 0); });
        out = out.concat(found);
      }, this);
    return out;
  };

  // Open the answer for a feature and move the focus to it.
  Access.prototype.open = function (f) {
    if (!f.shown) { this.say(_("{name} is not drawn on {date}.", {name: f.r.t[0], date: R.longDate(this.engine.current)})); return false; }
    if (!this.cart.select(f.r.i)) { return false; }
    var map = this.engine.map, ll = this.cart.selectedAt;
    if (ll && !map.getBounds().contains(ll)) { map.panTo(ll, {animate: false}); }
    var card = document.querySelector(".ka-card");
    if (card) { card.focus({preventScroll: true}); }
    return true;
  };

  Access.prototype.say = function (text) { if (this.status) { this.status.textContent = text; } };

  Access.prototype.setupSearch = function () {
    var self = this, side = this.options.side;
    if (!side) { return; }
    var controls = el("div", "ka-find-box");
    controls.setAttribute("role", "search");
    side.insertBefore(controls, side.firstChild);
    var label = el("label", "ka-find-label", _("Find a place") + " ");
    var field = this.field = el("input", "ka-find");
    field.type = "search";
    field.setAttribute("list", "ka-find-names");
    field.setAttribute("autocomplete", "off");
    field.placeholder = _("any name or spelling");
    var list = el("datalist");
    list.id = "ka-find-names";
    var names = {};
    this.index.forEach(function (e) { names[e.name] = true; });
    Object.keys(names).sort().forEach(function (n) { var o = document.createElement("option"); o.value = n; list.appendChild(o); });
    label.appendChild(field);
    controls.appendChild(label);
    controls.appendChild(list);
    this.status = el("span", "ka-find-status");
    this.status.setAttribute("role", "status");
    controls.appendChild(this.status);
    function go() {
      var found = self.find(field.value);
      if (!found.length) { self.say(field.value ? _("No place of that name in the atlas.") : ""); return; }
      var others = found.slice(1).map(function (f) { return f.r.t[0]; }).filter(function (n, i, all) {
        return n !== found[0].r.t[0] && all.indexOf(n) === i;
      });
      self.say(others.length ? _("Also: {names}", {names: others.slice(0, 4).join(", ")}) : "");
      self.open(found[0]);
    }
    field.addEventListener("keydown", function (ev) { if (ev.key === "Enter") { ev.preventDefault(); go(); } });
    // a suggestion picked from the list (no key press): the whole name is in the field
    field.addEventListener("input", function (ev) { if (!ev.inputType || ev.inputType === "insertReplacementText") { go(); } });
  };

  Access.prototype.setupText = function () {
    var self = this, side = this.options.side;
    if (!side) { return; }
    var details = this.details = el("details", "ka-text-alt");
    details.appendChild(el("summary", null, _("The map as text")));
    this.textBody = el("div", "ka-text-alt-body");
    details.appendChild(this.textBody);
    details.addEventListener("toggle", function () { if (details.open) { self.renderText(); } });
    side.appendChild(details);
  };

  Access.prototype.renderText = function () {
    var self = this, d = this.engine.current, body = this.textBody, names = this.data.sideNames || {};
    var roles = this.roles, scale = this.engine.scale, styles = this.data.styles;
    while (body.firstChild) { body.removeChild(body.firstChild); }
    body.appendChild(el("p", "ka-meta", _("On {date}. Each row opens its answer.", {date: R.longDate(d)})));
    var places = [], roads = [];
    this.engine.features.forEach(function (f) {
      if (!f.shown || !self.engine.enabled[f.r.l]) { return; }
      if (roles[f.r.l] === "place" && f.r.g[0] === "P") { places.push(f); }
      else if (roles[f.r.l] === "route") { roads.push(f); }
    });
    function byName(a, b) { return a.r.t[0] < b.r.t[0] ? -1 : a.r.t[0] > b.r.t[0] ? 1 : 0; }
    function list(title, items, text) {
      body.appendChild(el("h3", "ka-text-alt-head", title + " (" + items.length + ")"));
      var ul = el("ul", "ka-text-alt-list");
      items.sort(byName).forEach(function (f) {
        var li = el("li"), b = KA.keeping(el("button", "ka-text-alt-row"), text(f), [f.r.t[0]]);  // the name as written
        b.type = "button";
        b.setAttribute("data-feature", f.r.i);
        b.addEventListener("click", function () { self.open(f); });
        li.appendChild(b);
        ul.appendChild(li);
      });
      body.appendChild(ul);
    }
    list(_("Places"), places, function (f) {
      var xy = R.decodeXY(f.r.g[1][0], scale)[0];
      var h = R.heldSince(self.cart.controlRecordsAt({lng: xy[0], lat: xy[1]}), d);
      var who = h.status === "not drawn" ? _("no control area drawn") :
        h.status === "uncertain" ? _("change of hands under way ({sides})", {sides: h.sides.map(function (k) { return names[k] || k; }).join(" / ")}) :
        _("held by {side}", {side: names[h.side] || h.side}) + (h.since ? _(" since {day}", {day: KA.dayText(h.since, h.sinceUncertain)}) : "");
      return f.r.t[0] + ": " + who;
    });
    list(_("Roads and routes"), roads, function (f) {
      var s = f.st >= 0 ? f.r.s[f.st] : null, entry = s && styles[f.r.l + ":" + f.r.k + "|" + s[2]];
      return f.r.t[0] + ": " + (s ? _("{status} since {date}", {status: entry ? entry.label.split(": ").pop() : s[3],
        date: f.stUnc && s[1] ? KA.dayText(s[0], [s[0], s[1]]) : R.longDate(s[0])}) : _("no status recorded"));
    });
  };

  KA.Access = Access;
  KA.access = function (engine, data, cart, options) { return new Access(engine, data, cart, options); };
  KA.foldName = fold;
}(typeof window !== "undefined" ? window : this));
