/* Karabakh Atlas: the rules the browser applies to a day - the one home of each, no DOM.
 *
 * Python derives (geo/dates.py: validity, uncertain intervals, statuses) and writes each
 * feature's result into the engine data as ISO days; this file reads those results for a
 * day D and answers every per-day question the pages ask:
 * - shownOn / uncertainOn / statusIndexOn / statusUncertainOn / stateOn: what a feature is on D
 *   (a: start, b: end, drawn when a <= D < b, null being open; u: uncertain intervals
 *   [first, last]; s: status changes [from, uncertain_to, status, label, as written]);
 * - speaksOf / excerptsOn: the excerpts that speak of D, or of D +/- a window of days;
 * - balanceCounts, balanceStatement: how many of those come from each vantage group, in words;
 * - controlAt / heldFrom: who held a point on D (both sides inside an uncertain interval);
 * - encodeView / decodeView: the permalink of a view (geo/cite.py writes the same);
 * - citationText: "Cite this view" (geo/cite.py citation_text);
 * - isIsoDay, addDays, longDate: days and their English long form (geo/dates.long_date).
 * tests/test_rules_parity.py writes a table of cases from the Python side and runs
 * tests/js/rules.test.cjs on it under Node: any rule here that differs from Python fails it.
 *
 * Loaded as a classic script (window.KarabakhRules, before engine.js) or with require().
 */
(function (root, factory) {
  "use strict";
  var rules = factory();
  if (typeof module === "object" && module && module.exports) { module.exports = rules; }
  else { root.KarabakhRules = rules; }
}(typeof window !== "undefined" ? window : this, function () {
  "use strict";

  // -- days ---------------------------------------------------------------------------------
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                "October", "November", "December"];
  var DAY_MS = 86400000;
  // The interface language (i18n.js, loaded before this file): translations and long dates.
  // Without it (a copy of this file alone), English: the message ids with their values filled.
  function english() {
    return {lang: function () { return "en"; }, longDate: null, t: function (m, v) {
      return m.replace(/\{(\w+)\}/g, function (whole, k) { return v && k in v ? String(v[k]) : whole; });
    }};
  }
  function loadI18n() {
    if (typeof window !== "undefined" && window.KarabakhI18n) { return window.KarabakhI18n; }
    try { return typeof require === "function" ? require("./i18n.js") : english(); } catch (err) { return english(); }
  }
  var I18N = loadI18n(), _ = I18N.t;

  function isIsoDay(text) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(text === undefined || text === null ? "" : text));
    if (!m) { return false; }
    var t = new Date(0);
    t.setUTCFullYear(+m[1], +m[2] - 1, +m[3]);
    return +m[1] >= 1 && t.getUTCFullYear() === +m[1] && t.getUTCMonth() === +m[2] - 1 && t.getUTCDate() === +m[3];
  }

  // The ISO day n days after iso (before it when n < 0).
  function addDays(iso, n) {
    if (!n) { return iso; }
    var p = iso.split("-"), d = new Date(0);
    d.setUTCFullYear(+p[0], +p[1] - 1, +p[2]);
    d = new Date(d.getTime() + n * DAY_MS);
    var y = d.getUTCFullYear(), mo = d.getUTCMonth() + 1, da = d.getUTCDate();
    return (y < 1000 ? ("000" + y).slice(-4) : String(y)) + "-" + (mo < 10 ? "0" : "") + mo + "-" + (da < 10 ? "0" : "") + da;
  }

  // "1 May 1994" (geo/dates.long_date).
  function longDate(iso) {
    if (I18N.lang() !== "en") { return I18N.longDate(iso); }
    var p = String(iso).split("-");
    return (+p[2]) + " " + MONTHS[+p[1] - 1] + " " + (+p[0]);
  }

  // -- a feature on a day (the time rule's result, read, never re-derived) ------------------
  function open(x) { return x === null || x === undefined; }

  function shownOn(r, d) {
    return (open(r.a) || r.a <= d) && (open(r.b) || d < r.b);
  }
  // Drawn uncertain on d: shown, and d inside one of its uncertain intervals.
  function uncertainOn(r, d) {
    if (!r.u || !shownOn(r, d)) { return false; }
    for (var i = 0; i < r.u.length; i++) { if (r.u[i][0] <= d && d <= r.u[i][1]) { return true; } }
    return false;
  }
  // The index of the item in force on d in a list in date order: the last whose day (item[key])
  // is on or before d; -1 when none is (a status, a row of figures, a stop of the story).
  function inForce(items, d, key) {
    var k = -1;
    if (items) { for (var i = 0; i < items.length; i++) { if (items[i][key] <= d) { k = i; } } }
    return k;
  }
  // The index of the status change in force on d (the last with from <= d), -1 for none.
  function statusIndexOn(r, d) { return inForce(r.s, d, 0); }
  // Whether status change k is uncertain on d (d inside the interval in which it happened).
  function statusUncertainOn(r, k, d) {
    return k >= 0 && r.s[k][1] !== null && r.s[k][1] !== undefined && d <= r.s[k][1];
  }
  // Everything the map draws of a feature on d: status -1 when it is not shown.
  function stateOn(r, d) {
    var shown = shownOn(r, d), st = shown ? statusIndexOn(r, d) : -1;
    return {shown: shown, uncertain: shown && uncertainOn(r, d), status: st, statusUncertain: statusUncertainOn(r, st, d)};
  }

  // -- excerpts: what speaks of a day --------------------------------------------------------
  // The days d +/- w days: [first, last].
  function windowOf(d, windowDays) {
    var w = windowDays || 0;
    return [addDays(d, -w), addDays(d, w)];
  }
  // An excerpt ({first, last}) speaks of a window [lo, hi] when first <= hi and lo <= last.
  function speaksIn(x, span) { return x.first <= span[1] && span[0] <= x.last; }
  // An excerpt speaks of d +/- w days when first - w <= d <= last + w.
  function speaksOf(x, d, windowDays) { return speaksIn(x, windowOf(d, windowDays)); }
  // The excerpts speaking of d +/- w, in the order given (the data's: newest period first);
  // keep(x), when given, filters them further (sources, vantage).
  function excerptsOn(excerpts, d, windowDays, keep) {
    var span = windowOf(d, windowDays), out = [];
    for (var i = 0; i < excerpts.length; i++) {
      var x = excerpts[i];
      if (speaksIn(x, span) && (!keep || keep(x))) { out.push(x); }
    }
    return out;
  }
  // The distinct sources of a list of excerpts, in order.
  function sourcesOf(excerpts) {
    var seen = {}, out = [];
    excerpts.forEach(function (x) { if (!seen[x.source]) { seen[x.source] = true; out.push(x.source); } });
    return out;
  }

  // -- balance: excerpts per vantage group ------------------------------------------------------
  // groups: the vantage groups in order; vantage: source id -> group; sides: the two sides'
  // groups. {total, counts: {group: n}, missing: [groups without any], sidesMissing: [...]}.
  function balanceCounts(excerpts, vantage, groups, sides, d, windowDays, keep) {
    var found = excerptsOn(excerpts, d, windowDays, keep), counts = {};
    groups.forEach(function (g) { counts[g] = 0; });
    found.forEach(function (x) { var g = vantage[x.source]; counts[g] = (counts[g] || 0) + 1; });
    var missing = Object.keys(counts).filter(function (g) { return !counts[g]; });
    return {total: found.length, counts: counts, missing: missing,
            sidesMissing: (sides || []).filter(function (g) { return !counts[g]; })};
  }

  // The balance in words (geo/balance.py statement): counts per group, labels of the groups,
  // the two sides' groups, and the period spoken of ("1 June 2021").
  function balanceStatement(counts, labels, sides, period) {
    var groups = Object.keys(counts), total = 0;
    groups.forEach(function (g) { total += counts[g]; });
    if (!total) { return _("No excerpt in the record speaks of {period}.", {period: period}); }
    var present = groups.filter(function (g) { return counts[g]; })
      .map(function (g) { return (labels[g] || g) + " " + counts[g]; });
    var text = {n: total, period: period, counts: present.join(", ")};
    text = total === 1 ? _("{n} excerpt speaks of {period}: {counts}.", text) : _("{n} excerpts speak of {period}: {counts}.", text);
    var missing = sides.filter(function (g) { return !counts[g]; });
    if (missing.length === 2) {
      text += " " + _("None comes from an {first} or an {second} source.", {first: labels[missing[0]], second: labels[missing[1]]});
    } else if (missing.length === 1) {
      var only = sides.filter(function (g) { return counts[g]; })[0];
      text += " " + _("None comes from an {missing} source: of the two sides, only the {only} account is in the record for this period.",
                      {missing: labels[missing[0]], only: labels[only]});
    }
    return text;
  }

  // -- geometry: delta-encoded integer quanta (geo/engine.py encode_geometry) -----------------
  // A ring as [[x, y], ...] in degrees (x: longitude, y: latitude).
  function decodeXY(ring, scale) {
    var out = new Array(ring.length / 2), x = 0, y = 0;
    for (var i = 0, j = 0; i < ring.length; i += 2, j++) {
      x += ring[i];
      y += ring[i + 1];
      out[j] = [x / scale, y / scale];
    }
    return out;
  }
  function ringContains(ring, x, y) {
    var inside = false;
    for (var i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      var a = ring[i], b = ring[j];
      if ((a[1] > y) !== (b[1] > y) && x < (b[0] - a[0]) * (y - a[1]) / (b[1] - a[1]) + a[0]) { inside = !inside; }
    }
    return inside;
  }
  // Whether an area's geometry (g: ["A", [[outer, hole, ...], ...]]) contains (lng, lat).
  function areaContains(g, lng, lat, scale) {
    if (!g || g[0] !== "A") { return false; }
    for (var p = 0; p < g[1].length; p++) {
      var rings = g[1][p];
      if (!ringContains(decodeXY(rings[0], scale), lng, lat)) { continue; }
      var inHole = false;
      for (var h = 1; h < rings.length && !inHole; h++) { inHole = ringContains(decodeXY(rings[h], scale), lng, lat); }
      if (!inHole) { return true; }
    }
    return false;
  }

  // -- who held a point ---------------------------------------------------------------------------
  // From the control areas drawn over a point on d (records whose k is the side): "held" by
  // one side, "uncertain" when areas of both sides are drawn there (the change happened on
  // a day inside interval, not known exactly), "not drawn" when none is; uncertain: some of
  // them is drawn uncertain on d; interval: the span of their uncertain intervals around d.
  function heldFrom(records, d) {
    var sides = {}, first = null, last = null, ids = [];
    records.forEach(function (r) {
      if (!shownOn(r, d)) { return; }
      sides[r.k] = true;
      ids.push(r.i);
      (r.u || []).forEach(function (u) {
        if (u[0] <= d && d <= u[1]) {
          if (first === null || u[0] < first) { first = u[0]; }
          if (last === null || u[1] > last) { last = u[1]; }
        }
      });
    });
    var list = Object.keys(sides).sort();
    return {status: !list.length ? "not drawn" : list.length === 1 ? "held" : "uncertain",  // states, not text
            side: list.length === 1 ? list[0] : null, sides: list, uncertain: first !== null,
            interval: first === null ? null : [first, last], ids: ids.sort()};
  }
  // Who held the point (lng, lat) on d, from the control records (their encoded areas).
  function controlAt(records, lng, lat, d, scale) {
    return heldFrom(records.filter(function (r) { return shownOn(r, d) && areaContains(r.g, lng, lat, scale); }), d);
  }

  // -- layers by role (geo/layers.py ROLES): never by id ------------------------------------------
  function layersWithRole(layers, role) {
    return layers.filter(function (x) { return x.role === role; }).map(function (x) { return x.id; });
  }
  function roleMap(layers) {
    var out = {};
    layers.forEach(function (x) { out[x.id] = x.role; });
    return out;
  }

  // -- the permalink of a view (geo/cite.py permalink_query, parse_permalink) ---------------------
  // key=value pairs in KEYS order, lists comma-joined, empty values and a window of 0 left
  // out (but layers empty, not null, is written "layers=": no layer), values percent-encoded as Python's urlencode(quote_via=quote_plus, safe=",:").
  // The hash form writes the date bare first (#YYYY-MM-DD&view=...): a link to a moment.
  var KEYS = ["date", "layers", "names", "view", "window", "sources", "vantage", "selected", "compare", "lang"];
  var LIST_KEYS = {layers: true, sources: true, vantage: true};
  var ALIASES = {sel: "selected"};
  var ID = /^[A-Za-z0-9_.:-]{1,120}$/;
  var SAFE = /[A-Za-z0-9_.\-~,:]/;

  function quote(text) {
    var out = "", bytes = unescape(encodeURIComponent(String(text)));
    for (var i = 0; i < bytes.length; i++) {
      var c = bytes.charAt(i);
      if (c === " ") { out += "+"; }
      else if (SAFE.test(c)) { out += c; }
      else { var h = bytes.charCodeAt(i).toString(16).toUpperCase(); out += "%" + (h.length < 2 ? "0" : "") + h; }
    }
    return out;
  }
  function unquote(text) {
    try { return decodeURIComponent(String(text).replace(/\+/g, " ")); } catch (err) { return null; }
  }
  // A coordinate with at most 5 decimals, no trailing zeros (geo/cite.py decimal_text).
  function decimalText(value) {
    var text = Number(value).toFixed(5).replace(/0+$/, "").replace(/\.$/, "");
    return text === "-0" || text === "" ? "0" : text;
  }
  function viewText(view) {
    if (typeof view === "string") { return view; }
    if (Array.isArray(view)) { return decimalText(view[0]) + "," + decimalText(view[1]) + "," + view[2]; }
    return decimalText(view.center[0]) + "," + decimalText(view.center[1]) + "," + view.zoom;
  }

  function encodeView(state, options) {
    var parts = [], hash = options && options.hash;
    KEYS.forEach(function (key) {
      var value = state[key];
      if (key === "view" && value !== null && value !== undefined && value !== "") { value = viewText(value); }
      if (Array.isArray(value)) { value = value.join(","); }
      if (value === null || value === undefined || ((value === "" || value === 0) && key !== "layers")) { return; }
      if (hash && key === "date") { parts.push(quote(value)); return; }
      parts.push(key + "=" + quote(value));
    });
    return parts.join("&");
  }

  // The state a permalink carries ("?..." or "#..." or the pairs alone), each value checked
  // for its form only (a day, three numbers with a zoom of one or two digits, a whole number
  // of days, ids); what the atlas knows (layers, sources) the caller checks. Malformed values
  // are left out; dropped, when given (an array), gets the keys whose value was left out and
  // not set by a later pair ("?" for a pair whose name cannot be decoded), for a note to the
  // reader (geo/cite.py parse_permalink).
  function decodeView(text, dropped) {
    var state = {}, bad = [], body = String(text || "").replace(/^[?#]/, "");
    (body ? body.split("&") : []).forEach(function (pair, i) {
      var at = pair.indexOf("="), key, raw;
      if (at < 0) {
        if (i === 0 && isIsoDay(pair)) { state.date = pair; }
        else if (i === 0 && pair) { bad.push("date"); }
        return;
      }
      key = unquote(pair.slice(0, at));
      if (key === null) { bad.push("?"); return; }
      key = ALIASES[key] || key;
      if (KEYS.indexOf(key) < 0) { return; }
      raw = unquote(pair.slice(at + 1));
      if (raw === null || !readValue(state, key, raw)) { bad.push(key); }
    });
    if (dropped) {
      bad.forEach(function (key) {
        if ((key === "?" || !(key in state)) && dropped.indexOf(key) < 0) { dropped.push(key); }
      });
    }
    return state;
  }
  // Put key's raw value into state if well formed; whether it was.
  function readValue(state, key, raw) {
    var ok;
    if (key === "date" || key === "compare") { ok = isIsoDay(raw); }
    else if (LIST_KEYS[key]) { state[key] = raw.split(",").filter(function (x) { return ID.test(x); }); return true; }
    else if (key === "view") {
      var n = raw.split(","), nums = n.map(Number);
      ok = n.length === 3 && n.every(function (x) { return /^-?\d+(\.\d+)?$/.test(x); }) && Math.abs(nums[0]) <= 90 &&
        Math.abs(nums[1]) <= 180 && /^\d{1,2}$/.test(n[2]);
      if (ok) { state.view = {center: [nums[0], nums[1]], zoom: nums[2]}; }
      return ok;
    } else if (key === "window") {
      ok = /^\d{1,5}$/.test(raw);
      if (ok) { state.window = +raw; }
      return ok;
    } else if (key === "names" || key === "lang") { ok = /^[a-z]{2,3}$/.test(raw); }
    else { ok = ID.test(raw); }  // selected
    if (ok) { state[key] = raw; }
    return ok;
  }

  // -- "Cite this view" (geo/cite.py citation_text): view = {author, title, licence, date,
  // link, accessed, sources: [{id, citation}]} --------------------------------------------------
  function citationText(view) {
    var text = _("{author}, {title}: the map on {date} ({licence}), {link} (accessed {accessed}).",
                 {author: view.author, title: view.title, date: longDate(view.date),
                  licence: (view.dataset ? view.dataset + "; " : "") + view.licence, link: view.link, accessed: view.accessed});
    if (view.sources.length) {
      text += " " + _("Sources quoted: {sources}.", {sources: view.sources.map(function (s) { return s.citation; }).join("; ")});
    }
    return text;
  }

  // -- since when a point was held (geo/held.py held_since) -----------------------------------
  // records: the control records whose area covers the point (any day). The start of the
  // unbroken run of side's records that covers day: null when it runs from the open start,
  // undefined when no record of side is drawn on day.
  function runStart(records, side, day) {
    var mine = records.filter(function (r) { return r.k === side; });
    var now = mine.filter(function (r) { return shownOn(r, day); });
    if (!now.length) { return undefined; }
    if (now.some(function (r) { return open(r.a); })) { return null; }
    var start = now.map(function (r) { return r.a; }).sort()[0], moved = true;
    while (moved) {
      moved = false;
      for (var i = 0; i < mine.length; i++) {
        var r = mine[i];
        if ((open(r.a) || r.a < start) && (open(r.b) || r.b >= start)) {
          if (open(r.a)) { return null; }
          start = r.a;
          moved = true;
        }
      }
    }
    return start;
  }
  // The uncertain interval of side's records that holds day, or null.
  function uncertainAround(records, side, day) {
    var out = null;
    records.forEach(function (r) {
      if (r.k !== side) { return; }
      (r.u || []).forEach(function (u) { if (u[0] <= day && day <= u[1] && !out) { out = [u[0], u[1]]; } });
    });
    return out;
  }
  // Who held the point on d and since when: {status, side, since, sinceUncertain, before,
  // sides, interval}. status as heldFrom; since: the first day of the holder's unbroken run
  // (null: from the start of the record); sinceUncertain: the interval in which that change
  // happened, when it is not known exactly; before: {side, from, fromUncertain} of the run
  // before it, or null. Inside an uncertain interval (both drawn) side is the side coming
  // in, before the side going out.
  function heldSince(records, d) {
    var held = heldFrom(records, d), out = {status: held.status, side: held.side, since: null, sinceUncertain: null,
                                           before: null, sides: held.sides, interval: held.interval};
    if (held.status === "not drawn") { return out; }
    var side = held.side;
    if (held.status === "uncertain") {  // the side whose run began later is coming in
      var starts = held.sides.map(function (k) { return [runStart(records, k, d), k]; });
      starts.sort(function (x, y) { return x[0] === y[0] ? (x[1] < y[1] ? -1 : 1) : x[0] === null ? -1 : y[0] === null ? 1 : x[0] < y[0] ? -1 : 1; });
      side = out.side = starts[starts.length - 1][1];
    }
    var since = runStart(records, side, d);
    out.since = since === undefined ? null : since;
    if (out.since !== null) {
      out.sinceUncertain = uncertainAround(records, side, out.since);
      var dayBefore = addDays(out.since, -1), prev = heldFrom(records, dayBefore);
      var other = prev.sides.filter(function (k) { return k !== side; })[0];
      if (other) {
        var from = runStart(records, other, dayBefore);
        from = from === undefined ? null : from;
        out.before = {side: other, from: from, fromUncertain: from === null ? null : uncertainAround(records, other, from)};
      }
    }
    return out;
  }

  // -- figures: the rows of the area held on a day (geo/stats.py figure_rows) -------------------
  // row: a row of the frame's series ({side: km2, uncertain, not_drawn}); the sides' rows,
  // then the ground drawn for both sides and the ground drawn for none: they add up to the frame.
  var UNCERTAIN_ROW = "Change of hands under way: date uncertain", NOT_DRAWN_ROW = "Not drawn";
  function figureRows(row, sides, sideNames) {
    var out = sides.map(function (k) { return {key: k, label: (sideNames || {})[k] || k, km2: row[k] || 0}; });
    out.push({key: "uncertain", label: _(UNCERTAIN_ROW), km2: row.uncertain || 0});
    out.push({key: "not_drawn", label: _(NOT_DRAWN_ROW), km2: row.not_drawn || 0});
    return out;
  }

  // -- what changed between two days (geo/cartography.py changes_between) ----------------------
  // changes: key date -> [{to, km2, entries, ...}]; every change on a day after the earlier of
  // a and b and up to the later, in date order.
  function changesBetween(changes, a, b) {
    var lo = a < b ? a : b, hi = a < b ? b : a, out = [];
    Object.keys(changes || {}).sort().forEach(function (day) {
      if (lo < day && day <= hi) {
        changes[day].forEach(function (c) { out.push({date: day, to: c.to, km2: c.km2, entries: c.entries}); });
      }
    });
    return out;
  }

  // -- steps of the time bar (geo/dates.py add_months, committed_day, next_in, prev_in) ---------
  // The same day n months later (earlier when n < 0), kept inside the month it lands in.
  function addMonths(iso, n) {
    var p = String(iso).split("-"), months = (+p[0]) * 12 + (+p[1]) - 1 + n;
    var y = Math.floor(months / 12), m = months - y * 12;
    var end = new Date(0);
    end.setUTCFullYear(y, m + 1, 0);
    var d = Math.min(+p[2], end.getUTCDate());
    return (y < 1000 ? ("000" + y).slice(-4) : String(y)) + "-" + (m < 9 ? "0" : "") + (m + 1) + "-" + (d < 10 ? "0" : "") + d;
  }
  // The day a date field commits: a complete day between first and last, else null (a
  // half-typed "0002-05-01" or "" never moves the map).
  function committedDay(text, first, last) {
    return isIsoDay(text) && first <= text && text <= last ? text : null;
  }
  // The first of the sorted days after d / the last before d; null when none.
  function nextIn(days, d) {
    for (var i = 0; i < (days || []).length; i++) { if (days[i] > d) { return days[i]; } }
    return null;
  }
  function prevIn(days, d) {
    for (var i = (days || []).length - 1; i >= 0; i--) { if (days[i] < d) { return days[i]; } }
    return null;
  }

  return {
    citationText: citationText,
    MONTHS: MONTHS, isIsoDay: isIsoDay, addDays: addDays, longDate: longDate,
    addMonths: addMonths, committedDay: committedDay, nextIn: nextIn, prevIn: prevIn, figureRows: figureRows,
    runStart: runStart, heldSince: heldSince, changesBetween: changesBetween,
    shownOn: shownOn, uncertainOn: uncertainOn, statusIndexOn: statusIndexOn, statusUncertainOn: statusUncertainOn,
    stateOn: stateOn, inForce: inForce,
    windowOf: windowOf, speaksOf: speaksOf, excerptsOn: excerptsOn, sourcesOf: sourcesOf, balanceCounts: balanceCounts,
    balanceStatement: balanceStatement,
    decodeXY: decodeXY, areaContains: areaContains, heldFrom: heldFrom, controlAt: controlAt,
    layersWithRole: layersWithRole, roleMap: roleMap,
    PERMALINK_KEYS: KEYS, quote: quote, unquote: unquote, decimalText: decimalText, viewText: viewText,
    encodeView: encodeView, decodeView: decodeView
  };
}));
