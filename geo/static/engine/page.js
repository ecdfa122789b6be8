/* A standalone Karabakh Atlas page: the exported timeline, the map of one day, the static
 * site. The page holds #ka-map, optionally #ka-bar (the time bar), #ka-excerpts, and a
 * caption (#ka-caption) and legend (#ka-legend) that move onto the map. Its data is either
 * inline (a JSON script element with id ka-data) or fetched from the address in
 * <body data-src="...">.
 *
 * body[data-mode]: "day" shows data.initial only; "timeline" adds the time bar and keeps the
 * date in the address (#YYYY-MM-DD, a link to the moment shown).
 */
(function () {
  "use strict";

  var KA = window.KarabakhAtlas;

  function byId(id) { return document.getElementById(id); }

  function note(text) { return KA.el("p", "ka-none", text); }

  function start(data) {
    var body = document.body;
    var mode = body.getAttribute("data-mode") || "timeline";
    var engine = KA.create(byId("ka-map"), data, {popups: true});
    var caption = byId("ka-caption"), legend = byId("ka-legend");
    if (caption) { engine.caption.appendChild(caption); }
    if (legend) { engine.legend.appendChild(legend); }
    engine.map.on("popupopen", function () {
      var details = document.querySelector("#ka-caption details");
      if (details) { details.open = false; }
    });
    if (engine.map.getContainer().clientWidth < 800) {
      var folded = document.querySelector("#ka-caption details");
      if (folded) { folded.open = false; }
    }

    // -- excerpts and sources of the date shown ------------------------------------------
    var excerptList = byId("ka-excerpts"), sourceList = byId("ka-sources"), noSources = byId("ka-no-sources");
    var lastKey = null;
    function showExcerpts(iso) {
      var found = data.excerpts.filter(function (x) { return x.first <= iso && iso <= x.last; });
      var count = byId("ka-excerpt-count"), when = byId("ka-excerpt-date");
      if (count) { count.textContent = String(found.length); }
      if (when) { when.textContent = KA.longDate(iso); }
      var key = found.map(function (x) { return x.id; }).join(" ");
      if (key === lastKey) { return; }
      lastKey = key;
      if (excerptList) {
        excerptList.innerHTML = found.map(function (x) { return x.html; }).join("");  // escaped in Python
        if (!found.length) { excerptList.appendChild(note("No excerpt in the atlas speaks of this day.")); }
      }
      if (sourceList) {
        var seen = {}, items = [];
        found.forEach(function (x) {
          if (!seen[x.source] && data.sources[x.source]) { seen[x.source] = true; items.push(data.sources[x.source]); }
        });
        sourceList.innerHTML = items.join("");  // escaped in Python
        if (noSources) { noSources.hidden = items.length > 0; }
      }
    }
    engine.on("date", function (iso) {
      if (mode !== "day") { showExcerpts(iso); }  // the day map's list is written in the page
      if (mode !== "day") { document.title = "Karabakh Atlas — " + KA.longDate(iso); }
    });

    window.kaEngine = engine;
    window.kaVisibleIds = function () { return engine.visibleIds(); };
    window.kaCurrentDate = function () { return engine.current; };

    if (mode === "day") {
      engine.setDate(data.initial);
      body.setAttribute("data-ready", "true");
      return;
    }

    var bar = KA.createTimebar(byId("ka-bar"), engine, data);
    window.kaTimebar = bar;
    // The address follows the date shown, a little later (dragging or playing does not flood
    // the history); a hash changed meanwhile by someone else is left alone: its hashchange
    // event sets the date.
    var hashTimer = null;
    bar.on("change", function (iso) {
      clearTimeout(hashTimer);
      var before = location.hash;
      hashTimer = setTimeout(function () {
        if (location.hash !== before || location.hash === "#" + iso) { return; }
        try { history.replaceState(null, "", "#" + iso); } catch (err) { location.hash = iso; }
      }, 150);
    });
    function hashDate() {
      var h = location.hash.replace(/^#/, "");
      return KA.isIsoDay(h) ? h : null;
    }
    window.addEventListener("hashchange", function () {
      var h = hashDate();
      if (h && h !== engine.current) { bar.stop(); bar.set(h, "hash"); }
    });
    bar.set(hashDate() || data.initial, "load");
    body.setAttribute("data-ready", "true");
  }

  var inline = byId("ka-data");
  if (inline) {
    start(JSON.parse(inline.textContent));
  } else {
    var src = document.body.getAttribute("data-src");
    fetch(src).then(function (response) {
      if (!response.ok) { throw new Error(response.status + " " + response.statusText); }
      return response.json();
    }).then(start, function (err) {
      var box = byId("ka-map");
      box.appendChild(note("The atlas data (" + src + ") could not be loaded: " + err.message +
        ". Serve this folder over HTTP (for example: python -m http.server) and open it from there."));
    });
  }
}());
