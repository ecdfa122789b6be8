/* Karabakh Atlas time bar: the date shown, a slider over every day from the first to the
 * last, previous / next change on the map and excerpt, a date field (it commits a
 * complete day only: Enter, leaving it, or a picked day) and Play; on the slider the arrows
 * move a day, Page Up/Down a month, Shift+Page Up/Down a year. It moves the engine in the
 * browser; whoever embeds it listens to "change" (each date shown) or "settle" (the date a
 * moment after the last move, for slower followers such as a server).
 *
 * Dragging is coalesced to one engine update per animation frame. Play advances
 * stepDays every tickMs and, when keyPauseMs > 0, rests on each captioned date it reaches
 * (play.pauseDates; every key date when there are none), showing the date's caption.
 */
(function (root) {
  "use strict";

  var KA = root.KarabakhAtlas, R = root.KarabakhRules, _ = KA._;
  var DAY_MS = 86400000;

  function parseIso(iso) {
    if (!KA.isIsoDay(iso)) { return null; }
    var p = iso.split("-");
    return Date.UTC(+p[0], +p[1] - 1, +p[2]);
  }
  function isoOf(t) { return new Date(t).toISOString().slice(0, 10); }

  function Timebar(container, engine, data, options) {
    var self = this, el = KA.el;
    options = options || {};
    this.engine = engine;
    this.data = data;
    this.handlers = {};
    this.first = data.first;
    this.last = data.last;
    this.startMs = parseIso(this.first);
    this.maxIndex = Math.round((parseIso(this.last) - this.startMs) / DAY_MS);
    this.play = {stepDays: data.play.stepDays, tickMs: data.play.tickMs, keyPauseMs: data.play.keyPauseMs || 0,
                 pauseDates: data.play.pauseDates || null};
    this.captions = data.captions || {};
    if (options.play) { for (var k in options.play) { this.play[k] = options.play[k]; } }
    this.settleMs = options.settleMs || 300;
    this.timer = null;
    this.pending = null;
    this.frame = null;

    var bar = this.element = el("div", "ka-timebar");
    this.bigDate = el("div", "ka-date-big");
    this.bigDate.setAttribute("aria-live", "polite");
    var controls = el("div", "ka-controls");
    // two kinds of step: a day on which what the map draws changes (data.mapDays, derived in
    // Python), and the first day of an excerpt (data.excerptDays); key dates when absent
    this.mapDays = data.mapDays || data.keyDates;
    this.excerptDays = data.excerptDays || [];
    this.prev = el("button", "ka-prev", _("◀ Change"));
    this.prev.type = "button";
    this.prev.title = _("The previous day on which the map changes");
    this.prev.setAttribute("aria-label", _("Previous change on the map"));
    this.playButton = el("button", "ka-play", _("▶ Play"));
    this.playButton.type = "button";
    this.playButton.setAttribute("aria-pressed", "false");
    this.playButton.title = _("Play through time");
    this.next = el("button", "ka-next", _("Change ▶"));
    this.next.type = "button";
    this.next.title = _("The next day on which the map changes");
    this.next.setAttribute("aria-label", _("Next change on the map"));
    this.prevExcerpt = el("button", "ka-prev-excerpt", _("◀ Excerpt"));
    this.prevExcerpt.type = "button";
    this.prevExcerpt.title = _("The previous day of which an excerpt begins to speak");
    this.prevExcerpt.setAttribute("aria-label", _("Previous excerpt"));
    this.nextExcerpt = el("button", "ka-next-excerpt", _("Excerpt ▶"));
    this.nextExcerpt.type = "button";
    this.nextExcerpt.title = _("The next day of which an excerpt begins to speak");
    this.nextExcerpt.setAttribute("aria-label", _("Next excerpt"));
    var label = el("label", "ka-date-label", _("Date") + " ");
    this.input = el("input", "ka-date-input");
    this.input.type = "date";
    this.input.required = true;
    this.input.min = this.first;
    this.input.max = this.last;
    this.input.title = _("Type a day and press Enter (or leave the field); Escape restores the day shown");
    label.appendChild(this.input);
    controls.appendChild(this.prev);
    controls.appendChild(this.playButton);
    controls.appendChild(this.next);
    controls.appendChild(this.prevExcerpt);
    controls.appendChild(this.nextExcerpt);
    controls.appendChild(label);
    if (options.extra) { controls.appendChild(options.extra); }
    var row = el("div", "ka-slider-row");
    this.slider = el("input", "ka-slider");
    this.slider.type = "range";
    this.slider.min = "0";
    this.slider.max = String(this.maxIndex);
    this.slider.step = "1";
    this.slider.setAttribute("aria-label", _("Date shown on the map"));
    this.slider.title = _("Arrows: a day · Page Up/Down: a month · Shift+Page Up/Down: a year");
    row.appendChild(el("span", "ka-slider-end", KA.longDate(this.first)));
    row.appendChild(this.slider);
    row.appendChild(el("span", "ka-slider-end", KA.longDate(this.last)));
    this.caption = el("div", "ka-key-caption");
    this.caption.setAttribute("aria-live", "polite");
    bar.appendChild(this.bigDate);
    bar.appendChild(this.caption);
    bar.appendChild(controls);
    bar.appendChild(row);
    container.appendChild(bar);

    this.slider.addEventListener("input", function () {
      self.stop();
      self.request(self.isoAt(+self.slider.value), "slider");
    });
    // The date field commits a complete day only: on Enter, on leaving the field, or on a
    // day picked in the calendar (a change that no key press in the field preceded). The
    // values Chromium reports while a year is half typed ("", 0002, 0020, 0202) never move
    // the map (rules.js committedDay).
    this.typing = false;
    this.input.addEventListener("keydown", function (ev) {
      if (ev.key === "Enter") { ev.preventDefault(); self.commitInput(); }
      else if (ev.key === "Escape") { self.typing = false; self.input.value = self.engine.current; }
      else if (ev.key !== "Tab" && ev.key !== "Shift") { self.typing = true; }
    });
    this.input.addEventListener("mousedown", function () { self.typing = false; });
    this.input.addEventListener("change", function () { if (!self.typing) { self.commitInput(); } });
    this.input.addEventListener("blur", function () { if (self.typing) { self.commitInput(); } });
    this.slider.addEventListener("keydown", function (ev) {
      if (ev.key !== "PageUp" && ev.key !== "PageDown") { return; }  // arrows: a day (the slider's step)
      ev.preventDefault();
      self.stop();
      var n = (ev.key === "PageUp" ? 1 : -1) * (ev.shiftKey ? 12 : 1);
      self.set(R.addMonths(self.engine.current, n), "key");
    });
    this.prevExcerpt.addEventListener("click", function () {
      self.stop();
      var d = R.prevIn(self.excerptDays, self.engine.current);
      if (d) { self.set(d, "step"); }
    });
    this.nextExcerpt.addEventListener("click", function () {
      self.stop();
      var d = R.nextIn(self.excerptDays, self.engine.current);
      if (d) { self.set(d, "step"); }
    });
    this.prev.addEventListener("click", function () {
      self.stop();
      var d = self.prevKey(self.engine.current);
      if (d) { self.set(d, "step"); }
    });
    this.next.addEventListener("click", function () {
      self.stop();
      var d = self.nextKey(self.engine.current);
      if (d) { self.set(d, "step"); }
    });
    this.playButton.addEventListener("click", function () {
      if (self.timer === null) { self.start(); } else { self.stop(); }
    });
  }

  Timebar.prototype.on = function (name, fn) {
    (this.handlers[name] = this.handlers[name] || []).push(fn);
    return this;
  };
  Timebar.prototype.emit = function (name, a, b) {
    (this.handlers[name] || []).forEach(function (fn) { fn(a, b); });
  };

  Timebar.prototype.isoAt = function (i) { return isoOf(this.startMs + i * DAY_MS); };
  Timebar.prototype.indexOf = function (iso) { return Math.round((parseIso(iso) - this.startMs) / DAY_MS); };

  // Commit what the date field holds when it is a complete day inside the bar's span; else
  // put the day shown back and say why.
  Timebar.prototype.commitInput = function () {
    this.typing = false;
    var day = R.committedDay(this.input.value, this.first, this.last);
    if (day === null) {
      this.input.setCustomValidity(this.input.value ? "A day between " + KA.longDate(this.first) + " and " +
                                   KA.longDate(this.last) : "");
      this.input.value = this.engine.current;
      return false;
    }
    this.input.setCustomValidity("");
    this.stop();
    if (day !== this.engine.current) { this.set(day, "input"); }
    return true;
  };

  // The next / previous day on which the map changes (inside the bar's span).
  Timebar.prototype.nextKey = function (iso) {
    var d = R.nextIn(this.mapDays, iso);
    return d && d <= this.last ? d : null;
  };
  // Play rests on the captioned dates when there are any, else on every key date.
  Timebar.prototype.nextPause = function (iso) {
    var keys = this.play.pauseDates;
    if (!keys) { return this.nextKey(iso); }
    for (var i = 0; i < keys.length; i++) { if (keys[i] > iso && keys[i] <= this.last) { return keys[i]; } }
    return null;
  };
  Timebar.prototype.prevKey = function (iso) {
    var d = R.prevIn(this.mapDays, iso);
    return d && d >= this.first ? d : null;
  };

  // A drag asks for many dates: draw the latest one at the next animation frame.
  Timebar.prototype.request = function (iso, source) {
    var self = this;
    this.pending = [iso, source];
    if (this.frame === null) {
      this.frame = root.requestAnimationFrame(function () {
        self.frame = null;
        var p = self.pending;
        self.pending = null;
        if (p) { self.set(p[0], p[1]); }
      });
    }
  };

  // Show day iso (clamped to the bar's span); false when it is not a day.
  Timebar.prototype.set = function (iso, source) {
    if (!KA.isIsoDay(iso)) { return false; }
    if (iso < this.first) { iso = this.first; }
    if (iso > this.last) { iso = this.last; }
    this.engine.setDate(iso);
    this.slider.value = String(this.indexOf(iso));
    this.slider.setAttribute("aria-valuetext", KA.longDate(iso));
    if (this.input.value !== iso) { this.input.value = iso; }
    this.bigDate.textContent = KA.longDate(iso);
    var caption = Object.prototype.hasOwnProperty.call(this.captions, iso) ? this.captions[iso] : "";
    this.caption.textContent = caption;  // the row keeps its height: the map does not jump
    this.prev.disabled = this.prevKey(iso) === null;
    this.next.disabled = this.nextKey(iso) === null;
    this.prevExcerpt.disabled = R.prevIn(this.excerptDays, iso) === null;
    this.nextExcerpt.disabled = R.nextIn(this.excerptDays, iso) === null;
    this.emit("change", iso, source || "api");
    var self = this;
    clearTimeout(this.settleTimer);
    this.settleTimer = setTimeout(function () { self.emit("settle", self.engine.current, source || "api"); },
                                  this.settleMs);
    return true;
  };

  Timebar.prototype.start = function () {
    var self = this;
    if (this.engine.current >= this.last) { this.set(this.first, "play"); }
    this.playButton.textContent = _("❚❚ Pause");
    this.playButton.setAttribute("aria-pressed", "true");
    this.emit("play", true);
    var tick = function () {
      var here = self.engine.current;
      var target = self.isoAt(Math.min(self.indexOf(here) + self.play.stepDays, self.maxIndex));
      var key = self.play.keyPauseMs > 0 ? self.nextPause(here) : null;
      var wait = self.play.tickMs;
      if (key && key <= target) { target = key; wait = self.play.keyPauseMs; }
      self.set(target, "play");
      if (target >= self.last) { self.stop(); return; }
      self.timer = setTimeout(tick, wait);
    };
    this.timer = setTimeout(tick, this.play.tickMs);
  };

  Timebar.prototype.stop = function () {
    if (this.timer !== null) { clearTimeout(this.timer); this.timer = null; this.emit("play", false); }
    this.playButton.textContent = _("▶ Play");
    this.playButton.setAttribute("aria-pressed", "false");
  };

  KA.Timebar = Timebar;
  KA.createTimebar = function (container, engine, data, options) {
    return new Timebar(container, engine, data, options);
  };
}(typeof window !== "undefined" ? window : this));
