/* Karabakh Atlas: compare two dates.
 *
 * KarabakhAtlas.compare(engine, data, options) adds a "Compare" button to the time bar. When
 * on, a second map of the other date lies over the map, cut at a swipe line the reader drags
 * (or moves with the arrow keys: it is a range input); the left part shows the compared
 * date, the right part the date of the time bar; both maps move together. Beside the map
 * (options.side) "What changed between A and B" lists the ground that changed hands on the
 * days between them (rules.js changesBetween over data.changes, derived in Python), the km²
 * of each with the chronology's entries, and the total gained by each side.
 * options.onChange(day) is told of every change of the compared date (the permalink's
 * "compare" key); apply(day or null) sets it from an address.
 */
(function (root) {
  "use strict";

  var KA = root.KarabakhAtlas, R = root.KarabakhRules, L = root.L;
  if (!KA) { return; }
  var el = KA.el, _ = KA._;

  function Compare(engine, data, options) {
    var self = this;
    this.engine = engine;
    this.data = data;
    this.options = options || {};
    this.day = null;
    this.other = null;
    this.at = 50;
    var controls = this.options.bar && this.options.bar.element.querySelector(".ka-controls");
    this.button = el("button", "ka-compare-toggle", _("Compare…"));
    this.button.type = "button";
    this.button.title = _("Compare the map of this date with another date (a swipe over the map)");
    this.button.setAttribute("aria-pressed", "false");
    this.field = el("input", "ka-compare-date");
    this.field.type = "date";
    this.field.min = data.first;
    this.field.max = data.last;
    this.field.hidden = true;
    this.field.setAttribute("aria-label", _("The date to compare with"));
    if (controls) { controls.appendChild(this.button); controls.appendChild(this.field); }
    this.button.addEventListener("click", function () {
      if (self.day) { self.set(null); } else { self.set(self.defaultDay()); }
    });
    this.field.addEventListener("keydown", function (ev) {
      if (ev.key === "Enter") { ev.preventDefault(); self.commit(); }
    });
    this.field.addEventListener("blur", function () { self.commit(); });
    this.field.addEventListener("change", function () { if (!self.field.matches(":focus")) { self.commit(); } });
    this.list = el("section", "ka-compare-list");
    this.list.setAttribute("aria-live", "polite");
    this.list.hidden = true;
    if (this.options.side) {
      var card = this.options.side.querySelector(".ka-card-box");
      this.options.side.insertBefore(this.list, card ? card.nextSibling : this.options.side.firstChild);
    }
    engine.on("date", function () { if (self.day) { self.renderList(); } });
  }

  // The compared date when the reader first asks: the previous change on the map a year or
  // more before, else the first day.
  Compare.prototype.defaultDay = function () {
    var d = R.addMonths(this.engine.current, -12);
    return d < this.data.first ? this.data.first : d;
  };

  Compare.prototype.commit = function () {
    var day = R.committedDay(this.field.value, this.data.first, this.data.last);
    if (day && day !== this.day) { this.set(day); } else if (this.day) { this.field.value = this.day; }
  };

  // Compare with day (null: stop comparing).
  Compare.prototype.set = function (day) {
    day = day ? R.committedDay(day, this.data.first, this.data.last) : null;
    if (day === this.day) { return; }
    this.day = day;
    this.button.setAttribute("aria-pressed", day ? "true" : "false");
    this.button.textContent = day ? _("Stop comparing") : _("Compare…");
    this.field.hidden = !day;
    if (day) { this.field.value = day; }
    if (day) { this.show(day); } else { this.hide(); }
    this.renderList();
    if (this.options.onChange) { this.options.onChange(day); }
  };
  Compare.prototype.apply = function (day) { this.set(day || null); };

  Compare.prototype.show = function (day) {
    var self = this, map = this.engine.map, box = map.getContainer();
    if (!this.other) {
      var pane = this.pane = el("div", "ka-compare-pane");
      pane.setAttribute("aria-hidden", "true");
      box.appendChild(pane);
      this.other = KA.create(pane, this.data, {popups: false});
      this.other.map.dragging.disable();
      this.other.map.scrollWheelZoom.disable();
      this.other.map.keyboard.disable();
      this.other.map.doubleClickZoom.disable();
      this.other.map.boxZoom.disable();
      if (this.other.map.tap) { this.other.map.tap.disable(); }
      var follow = function () { self.other.map.setView(map.getCenter(), map.getZoom(), {animate: false}); };
      map.on("move zoom", follow);
      this.follow = follow;
      this.label = el("div", "ka-compare-label");
      box.appendChild(this.label);
      this.swipe = el("input", "ka-compare-swipe");
      this.swipe.type = "range";
      this.swipe.min = "0";
      this.swipe.max = "100";
      this.swipe.value = String(this.at);
      this.swipe.setAttribute("aria-label", _("Swipe between the two dates"));
      ["mousedown", "touchstart", "pointerdown", "dblclick", "click", "wheel"].forEach(function (name) {
        self.swipe.addEventListener(name, function (ev) { ev.stopPropagation(); });
      });
      this.swipe.addEventListener("input", function () { self.at = +self.swipe.value; self.clip(); });
      box.appendChild(this.swipe);
      this.line = el("div", "ka-compare-line");
      box.appendChild(this.line);
    }
    this.pane.hidden = this.label.hidden = this.swipe.hidden = this.line.hidden = false;
    this.other.map.invalidateSize({pan: false});
    this.follow();
    this.other.setDate(day);
    this.clip();
  };

  Compare.prototype.hide = function () {
    if (!this.other) { return; }
    this.pane.hidden = this.label.hidden = this.swipe.hidden = this.line.hidden = true;
  };

  Compare.prototype.clip = function () {
    if (!this.pane) { return; }
    this.pane.style.clipPath = "inset(0 " + (100 - this.at) + "% 0 0)";
    this.line.style.left = this.at + "%";
    this.label.textContent = "◀ " + R.longDate(this.day) + " | " + R.longDate(this.engine.current) + " ▶";
  };

  // "What changed between A and B": each change of hands, its km², the chronology's words.
  Compare.prototype.renderList = function () {
    var list = this.list, names = this.data.sideNames || {};
    while (list.firstChild) { list.removeChild(list.firstChild); }
    list.hidden = !this.day;
    if (!this.day) { return; }
    if (this.label) { this.clip(); }
    var a = this.day, b = this.engine.current, lo = a < b ? a : b, hi = a < b ? b : a;
    var items = R.changesBetween(this.data.changes, a, b), totals = {};
    list.appendChild(el("h2", null, _("What changed between {first} and {last}", {first: R.longDate(lo), last: R.longDate(hi)})));
    if (!items.length) {
      list.appendChild(el("p", "ka-none", _("No ground changed hands between these dates in the record.")));
      return;
    }
    var ol = el("ol", "ka-compare-items");
    items.forEach(function (c) {
      totals[c.to] = (totals[c.to] || 0) + c.km2;
      var li = el("li", "ka-compare-item ka-held-" + c.to);
      li.appendChild(el("b", null, R.longDate(c.date) + ": "));
      li.appendChild(document.createTextNode(_("{km2} km² to {side}", {km2: KA.i18n.number(Math.round(c.km2), 0), side: names[c.to] || c.to})));
      if (c.entries.length) { li.appendChild(el("div", "ka-meta", c.entries.join("; "))); }
      ol.appendChild(li);
    });
    var sum = el("p", "ka-compare-total", Object.keys(totals).sort().map(function (k) {
      return _("{side} gained {km2} km²", {side: names[k] || k, km2: KA.i18n.number(Math.round(totals[k]), 0)});
    }).join("; ") + " " + _("(ground may change hands more than once; km² in an equal-area projection)."));
    list.appendChild(sum);
    list.appendChild(ol);
  };

  KA.Compare = Compare;
  KA.compare = function (engine, data, options) { return new Compare(engine, data, options); };
}(typeof window !== "undefined" ? window : this));
