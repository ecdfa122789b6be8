/* The day's panels beside and under the map, drawn in the browser from the engine data:
 * the excerpts speaking of the date (a window of days either side, source and vantage
 * filters, "Highlight on map", "Go to"), the balance of vantage points, the figures (area
 * held by each side, lengths of the lines drawn) and the text-alternative table of what the
 * map shows. A date step redraws them here, with no server round trip.
 *
 * KarabakhAtlas.panels(engine, data, options): data is the engine data with its "panels"
 * member (dashboard/panel_data.py); options: side, figures, table (elements), goTo(iso),
 * state {window, sources, vantages} (the start), onChange(state) (a window or filter was
 * changed). Texts from data are set with textContent; the only HTML inserted is the excerpt
 * HTML escaped in Python (geo/escape.py).
 */
(function (root) {
  "use strict";

  var KA = root.KarabakhAtlas, el = KA.el, _ = KA._;
  var R = root.KarabakhRules;  // rules.js: the one home of the per-day rules

  // -- the panels' use of the rules: which excerpts speak of a day, and the balance sentence ----
  function shiftDay(iso, days) { return R.addDays(iso, days); }
  // Excerpts speaking of d ± window days (rules.js excerptsOn), kept to the chosen sources
  // and vantage groups (empty: all).
  function keepChosen(data, sources, vantages) {
    var src = {}, van = {};
    (sources || []).forEach(function (s) { src[s] = true; });
    (vantages || []).forEach(function (v) { van[v] = true; });
    return function (x) {
      return (!sources || !sources.length || src[x.source]) && (!vantages || !vantages.length || van[data.vantage[x.source]]);
    };
  }
  function excerptsShown(data, d, window, sources, vantages) {
    return R.excerptsOn(data.excerpts, d, window || 0, keepChosen(data, sources, vantages));
  }
  // The balance of the excerpts shown (rules.js balanceCounts and balanceStatement, in the
  // interface language).
  function balanceOf(data, d, window, sources, vantages, period) {
    var labels = data.vantageLabels || {}, sides = data.sideGroups || [];
    var b = R.balanceCounts(data.excerpts, data.vantage, Object.keys(labels), sides, d, window || 0,
                            keepChosen(data, sources, vantages));
    return {total: b.total, counts: b.counts, uneven: b.total > 0 && b.sidesMissing.length > 0,
            text: R.balanceStatement(b.counts, labels, sides, period)};
  }
  // "1 June 2021", or "1 June 2021 ± 30 days", in the interface language (geo.balance._period)
  function periodOf(d, window) { return window ? _("{date} ± {n} days", {date: R.longDate(d), n: window}) : R.longDate(d); }
  function windowLabel(days) { return days === 0 ? _("that day") : days === 365 ? _("±1 year") : _("±{n} days", {n: days}); }
  function number(v, digits) { return KA.i18n.number(v, digits); }

  function Panels(engine, data, options) {
    this.engine = engine;
    this.data = data;
    this.p = data.panels;
    this.options = options || {};
    var start = this.options.state || {};
    this.state = {window: this.p.windows.indexOf(start.window) >= 0 ? start.window : 0,
                  sources: (start.sources || []).slice(), vantages: (start.vantages || []).slice()};
    this.highlight = null;
    this.keys = {};
    this.buildSide(this.options.side);
    this.buildFigures(this.options.figures);
    this.buildTable(this.options.table);
    var self = this;
    engine.on("date", function () { self.render(); });
    if (engine.current) { this.render(); }
  }

  function radio(name, value, label, checked) {
    var lab = el("label", "ka-dash-choice"), input = el("input");
    input.type = "radio";
    input.name = name;
    input.value = String(value);
    input.checked = checked;
    lab.appendChild(input);
    lab.appendChild(document.createTextNode(" " + label));
    return {label: lab, input: input};
  }
  function checkbox(value, label, checked, cls) {
    var lab = el("label", "ka-dash-choice " + cls), input = el("input");
    input.type = "checkbox";
    input.value = value;
    input.checked = checked;
    lab.appendChild(input);
    lab.appendChild(document.createTextNode(" "));
    if (cls === "ka-dash-source") { lab.appendChild(KA.verbatim("span", null, label)); }  // a source's title as written
    else { lab.appendChild(document.createTextNode(label)); }
    return {label: lab, input: input};
  }

  Panels.prototype.buildSide = function (side) {
    if (!side) { return; }
    var self = this, p = this.p, data = this.data;
    if ((data.stops || []).length) {
      var jump = this.jump = el("select", "ka-dash-jump");
      jump.setAttribute("aria-label", _("Jump to a key date"));
      jump.appendChild(el("option", null, _("Jump to a key date…"))).value = "";
      data.stops.forEach(function (s) {
        var o = el("option", null, s.date + " · " + (s.caption || "").split(/[.:;]/)[0]);
        o.value = s.date;
        jump.appendChild(o);
      });
      jump.addEventListener("change", function () {
        var iso = jump.value;
        jump.value = "";
        if (iso && self.options.goTo) { self.options.goTo(iso); }
      });
      side.appendChild(jump);
    }
    this.highlightBox = el("div", "ka-dash-highlight");
    this.highlightBox.hidden = true;
    side.appendChild(this.highlightBox);
    side.appendChild(el("h4", "ka-dash-head", _("Excerpts speaking of this date")));
    var windows = el("div", "ka-dash-windows");
    windows.setAttribute("role", "radiogroup");
    windows.setAttribute("aria-label", _("Window"));
    this.windowInputs = p.windows.map(function (w) {
      var r = radio("ka-window", w, windowLabel(w), w === self.state.window);
      r.input.addEventListener("change", function () { if (r.input.checked) { self.setState({window: w}); } });
      windows.appendChild(r.label);
      return r.input;
    });
    side.appendChild(windows);
    var filters = el("details", "ka-dash-filters");
    filters.appendChild(el("summary", null, _("Filter by source or vantage")));
    function group(title, items, key, cls) {
      var box = el("fieldset", "ka-dash-filter");
      box.appendChild(el("legend", null, title));
      var inputs = items.map(function (item) {
        var c = checkbox(item[0], item[1], self.state[key].indexOf(item[0]) >= 0, cls);
        c.input.addEventListener("change", function () {
          var chosen = inputs.filter(function (i) { return i.checked; }).map(function (i) { return i.value; });
          var change = {};
          change[key] = chosen;
          self.setState(change);
        });
        box.appendChild(c.label);
        return c.input;
      });
      filters.appendChild(box);
      return inputs;
    }
    this.sourceInputs = group(_("Sources (none ticked: all)"), p.sources, "sources", "ka-dash-source");
    this.vantageInputs = group(_("Vantage (none ticked: all)"), p.vantages, "vantages", "ka-dash-vantage");
    if (this.state.sources.length || this.state.vantages.length) { filters.open = true; }
    side.appendChild(filters);
    this.count = el("p", "ka-dash-count");
    side.appendChild(this.count);
    this.balance = el("p", "ka-balance ka-dash-balance");
    this.balance.setAttribute("aria-live", "polite");
    side.appendChild(this.balance);
    this.list = el("div", "ka-dash-excerpts");
    this.list.addEventListener("click", function (ev) {
      var button = ev.target.closest ? ev.target.closest("button[data-action]") : null;
      if (!button) { return; }
      var id = button.getAttribute("data-excerpt");
      if (button.getAttribute("data-action") === "highlight") { self.setHighlight(id); }
      else if (self.options.goTo) { self.options.goTo(button.getAttribute("data-date")); }
    });
    side.appendChild(this.list);
  };

  Panels.prototype.setState = function (change) {
    var self = this;
    Object.keys(change).forEach(function (k) { self.state[k] = change[k]; });
    this.windowInputs.forEach(function (i) { i.checked = +i.value === self.state.window; });
    this.sourceInputs.forEach(function (i) { i.checked = self.state.sources.indexOf(i.value) >= 0; });
    this.vantageInputs.forEach(function (i) { i.checked = self.state.vantages.indexOf(i.value) >= 0; });
    this.render();
    if (this.options.onChange) { this.options.onChange(this.getState()); }
  };

  Panels.prototype.getState = function () {
    return {window: this.state.window, sources: this.state.sources.slice(), vantages: this.state.vantages.slice()};
  };

  Panels.prototype.setHighlight = function (excerptId) {
    var links = excerptId ? this.p.links[excerptId] : null;
    this.highlight = links ? excerptId : null;
    this.engine.setHighlight(links || []);
    this.renderHighlight();
  };

  Panels.prototype.renderHighlight = function () {
    var box = this.highlightBox, self = this, id = this.highlight;
    if (!box) { return; }
    box.replaceChildren();
    box.hidden = !id;
    if (!id) { return; }
    var linked = this.p.links[id] || [], shown = {};
    this.engine.visibleIds().forEach(function (f) { shown[f] = true; });
    var excerpt = this.data.excerpts.filter(function (x) { return x.id === id; })[0];
    var source = excerpt ? this.p.sources.filter(function (s) { return s[0] === excerpt.source; })[0] : null;
    box.appendChild(el("div", "ka-meta", _("Highlighted in yellow: the {n} feature(s) of excerpt {id} ({title}); {shown} shown on this date with the chosen layers.",
      {n: linked.length, id: id, title: source ? source[1] : (excerpt ? excerpt.source : id),
       shown: linked.filter(function (f) { return shown[f]; }).length})));
    var clear = el("button", "ka-dash-button ka-dash-clear", _("Clear highlight"));
    clear.type = "button";
    clear.addEventListener("click", function () { self.setHighlight(null); });
    box.appendChild(clear);
  };

  Panels.prototype.renderExcerpts = function (d) {
    if (!this.list) { return; }
    var s = this.state, shown = excerptsShown(this.data, d, s.window, s.sources, s.vantages);
    var period = periodOf(d, s.window);
    this.count.textContent = _("{n} excerpt(s), newest period first. An excerpt's date is the period it speaks of, not when it was published.", {n: shown.length}) +
      (shown.length || s.window === 365 ? "" : " " + _("Widen the window to see excerpts of nearby dates."));
    var told = balanceOf(this.data, d, s.window, s.sources, s.vantages, period);
    this.balance.textContent = told.text;
    this.balance.className = "ka-balance ka-dash-balance" + (told.total && told.uneven ? " ka-balance-uneven" : "");
    var key = shown.map(function (x) { return x.id; }).join(" ");
    if (key === this.keys.excerpts) { return; }
    this.keys.excerpts = key;
    var list = this.list;
    list.replaceChildren();
    shown.forEach(function (x) {
      var item = el("div", "ka-dash-excerpt");
      item.setAttribute("data-excerpt", x.id);
      var body = el("div");
      body.innerHTML = x.html;  // escaped in Python
      item.appendChild(body);
      var row = el("div", "ka-dash-actions");
      var hl = el("button", "ka-dash-button", _("Highlight on map"));
      hl.type = "button";
      hl.setAttribute("data-action", "highlight");
      hl.setAttribute("data-excerpt", x.id);
      var go = el("button", "ka-dash-button", _("Go to {date}", {date: x.first}));
      go.type = "button";
      go.title = _("Move the date to the first day this excerpt speaks of");
      go.setAttribute("data-action", "goto");
      go.setAttribute("data-excerpt", x.id);
      go.setAttribute("data-date", x.first);
      row.appendChild(hl);
      row.appendChild(go);
      item.appendChild(row);
      list.appendChild(item);
    });
  };

  // -- figures ----------------------------------------------------------------------------------
  Panels.prototype.buildFigures = function (box) {
    if (!box) { return; }
    this.figHead = el("h4", "ka-dash-head");
    box.appendChild(this.figHead);
    var cols = el("div", "ka-dash-figcols");
    this.areas = el("div", "ka-dash-areas");
    this.lines = el("div", "ka-dash-lines");
    cols.appendChild(this.areas);
    cols.appendChild(this.lines);
    box.appendChild(cols);
  };

  Panels.prototype.renderFigures = function (d) {
    if (!this.figHead) { return; }
    var data = this.data, p = this.p, self = this;
    this.figHead.textContent = _("Figures for {date}", {date: d});
    var row = null;
    ((data.area || {}).series || []).forEach(function (r) { if (r.date <= d) { row = r; } });
    var sides = Object.keys(data.sideNames || {}), areas = this.areas;
    var areaKey = JSON.stringify(row);
    if (areaKey !== this.keys.areas) {
      this.keys.areas = areaKey;
      areas.replaceChildren();
      if (row && (row.uncertain || sides.some(function (k) { return row[k]; }))) {
        sides.forEach(function (side) {
          var entry = data.styles["control:" + side], metric = el("div", "ka-dash-metric");
          metric.title = data.sideNames[side];
          metric.appendChild(el("div", "ka-dash-metric-label", entry ? entry.label : side));
          metric.appendChild(el("div", "ka-dash-metric-value", number(row[side] || 0) + " km²"));
          areas.appendChild(metric);
        });
        // the ground drawn for both sides and the ground drawn for none are rows of their
        // own: the rows add up to the frame
        KA.rules.figureRows(row, sides, data.sideNames).slice(sides.length).forEach(function (r) {
          var metric = el("div", "ka-dash-metric ka-dash-metric-" + r.key);
          metric.title = r.label;
          metric.appendChild(el("div", "ka-dash-metric-label", r.label));
          metric.appendChild(el("div", "ka-dash-metric-value", number(r.km2) + " km²"));
          areas.appendChild(metric);
        });
        var frame = data.area.frame;
        areas.appendChild(el("p", "ka-meta", _("Inside {frame} ({km2} km²), in an equal-area projection; as approximate as the drawing.", {frame: frame.label, km2: number(frame.km2)})));
      } else {
        areas.appendChild(el("p", "ka-meta", _("No area of control is drawn for this date.")));
      }
    }
    var measured = {};
    p.lengthLayers.forEach(function (l) { measured[l] = true; });
    var lines = this.engine.shownFeatures().filter(function (f) { return measured[f.r.l] && p.lengths[f.r.i] !== undefined; });
    var lineKey = lines.map(function (f) { return f.r.i; }).join(" ");
    if (lineKey === this.keys.lines) { return; }
    this.keys.lines = lineKey;
    var box = this.lines;
    box.replaceChildren();
    if (!lines.length) { box.appendChild(el("p", "ka-meta", _("No line of contact or corridor is drawn on this date."))); return; }
    var table = el("table", "ka-dash-table ka-dash-lengths"), head = el("tr");
    [_("Name"), _("Length (km)")].forEach(function (h) { head.appendChild(el("th", null, h)); });
    table.appendChild(el("thead")).appendChild(head);
    var tbody = table.appendChild(el("tbody"));
    lines.forEach(function (f) {
      var tr = el("tr");
      tr.appendChild(KA.verbatim("td", null, f.r.t[0]));
      tr.appendChild(el("td", "ka-num", number(p.lengths[f.r.i], 1)));
      tbody.appendChild(tr);
    });
    box.appendChild(table);
    box.appendChild(el("p", "ka-meta", _("Geodesic lengths of the lines of contact and corridors drawn on this date.")));
    void self;
  };

  // -- the text alternative of the map ------------------------------------------------------------
  function N_(message) { return message; }  // marks a constant for extraction; _() where shown
  var COLUMNS = [N_("Layer"), N_("Name"), N_("Kind"), N_("Valid from"), N_("Valid to"), N_("Uncertain dates"), N_("Accuracy (km)"), N_("Excerpts"), N_("Id")];

  Panels.prototype.buildTable = function (box) {
    if (!box) { return; }
    this.tableHead = el("h4", "ka-dash-head");
    box.appendChild(this.tableHead);
    var wrap = el("div", "ka-dash-table-wrap");
    var table = el("table", "ka-dash-table ka-dash-shown"), head = el("tr");
    COLUMNS.forEach(function (h) { head.appendChild(el("th", null, _(h))); });
    table.appendChild(el("thead")).appendChild(head);
    this.tbody = table.appendChild(el("tbody"));
    wrap.appendChild(table);
    box.appendChild(wrap);
    this.tableMore = el("p", "ka-meta");
    box.appendChild(this.tableMore);
  };

  Panels.prototype.renderTable = function (d) {
    if (!this.tbody) { return; }
    var engine = this.engine, p = this.p, order = {};
    this.tableHead.textContent = _("What the map shows on {date}", {date: d});
    engine.order.forEach(function (id, i) { order[id] = i; });
    var rows = engine.shownFeatures().filter(function (f) { return engine.enabled[f.r.l]; });
    rows.sort(function (a, b) { return order[a.r.l] - order[b.r.l]; });  // stable: the data's order within a layer
    var key = rows.map(function (f) { return f.r.i + (f.unc ? "~" : ""); }).join(" ");
    if (key === this.keys.table) { return; }
    this.keys.table = key;
    var tbody = this.tbody, limit = p.tableRows;
    tbody.replaceChildren();
    rows.slice(0, limit).forEach(function (f) {
      var facts = p.facts[f.r.i] || ["", "", "", ""], tr = el("tr");
      tr.setAttribute("data-id", f.r.i);
      [p.layerTitles[f.r.l] || f.r.l, f.r.t[0], facts[0], facts[1], facts[2], f.unc ? _("yes") : _("no"),
       "± " + facts[3], (f.r.x || []).length, f.r.i].forEach(function (v, i) {
        // the name and the id as written; the kind is the record's word (not yet translated)
        var td = (i === 1 || i === 8 ? KA.verbatim : el)("td", i === 6 || i === 7 ? "ka-num" : null, v);
        if (i === 2) { td.setAttribute("data-ka-record", ""); }
        tr.appendChild(td);
      });
      tbody.appendChild(tr);
    });
    this.tableMore.textContent = rows.length > limit ? _("The first {limit} of {n} features shown (the GeoJSON download of this map holds them all).", {limit: limit, n: rows.length})
      : _("{n} feature(s) shown.", {n: rows.length});
  };

  Panels.prototype.render = function () {
    var d = this.engine.current;
    if (!d) { return; }
    this.renderExcerpts(d);
    this.renderFigures(d);
    this.renderTable(d);
    if (this.highlight) { this.renderHighlight(); }
  };

  KA.Panels = Panels;
  KA.panels = function (engine, data, options) { return new Panels(engine, data, options); };
  KA.panelRules = {excerptsShown: excerptsShown, balanceOf: balanceOf, periodOf: periodOf, shiftDay: shiftDay};
}(typeof window !== "undefined" ? window : this));
