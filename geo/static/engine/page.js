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

  var KA = window.KarabakhAtlas, R = KA.rules, _ = KA._;

  function byId(id) { return document.getElementById(id); }

  function note(text) { return KA.el("p", "ka-none", text); }

  // A page that carries every language (built without --lang; geo/engine_languages.py) opens in
  // the address's lang=, else the browser's language, else English: its data is put in that
  // language and the page's own text (side panel, caption, legend, title) is taken from the
  // language's <template data-ka-lang> (written by geo/export_html.py).
  var carried = [];  // the languages the page carries, when more than one
  function inLanguage(data) {
    var I = KA.i18n;
    if (!data.languages) { return data; }
    carried = I.languagesOf(data);
    var asked = R.decodeView(location.hash).lang;
    var lang = I.choose(data, asked, navigator.languages && navigator.languages.length ? navigator.languages
                                                                                        : [navigator.language]);
    var chrome = document.querySelector('template[data-ka-lang="' + lang + '"]');
    if (chrome) {
      Array.prototype.forEach.call(chrome.content.querySelectorAll("[data-ka-part]"), function (part) {
        var now = document.querySelector('body > [data-ka-part="' + part.getAttribute("data-ka-part") + '"]');
        if (now) { now.parentNode.replaceChild(document.importNode(part, true), now); }
      });
      if (chrome.getAttribute("data-title")) { document.title = chrome.getAttribute("data-title"); }
    }
    return I.localise(data, lang);
  }

  function start(data) {
    data = inLanguage(data);
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
    // "About this map" folds: nothing covers the map unasked
    var folded = document.querySelector("#ka-caption details");
    if (folded && (mode !== "day" || engine.map.getContainer().clientWidth < 800)) { folded.open = false; }
    // the default view fits the contested ground (data.fit), not a fixed centre
    function fit() {
      if (!data.fit) { return; }
      engine.map.invalidateSize({pan: false});
      engine.map.fitBounds(data.fit, {animate: false});
    }
    fit();

    // -- excerpts and sources of the date shown ------------------------------------------
    var excerptList = byId("ka-excerpts"), sourceList = byId("ka-sources"), noSources = byId("ka-no-sources");
    var lastKey = null;
    function showExcerpts(iso) {
      var found = R.excerptsOn(data.excerpts, iso, 0);
      var count = byId("ka-excerpt-count"), when = byId("ka-excerpt-date");
      if (count) { count.textContent = String(found.length); }
      if (when) { when.textContent = R.longDate(iso); }
      var key = found.map(function (x) { return x.id; }).join(" ");
      if (key === lastKey) { return; }
      lastKey = key;
      if (excerptList) {
        excerptList.innerHTML = found.map(function (x) { return x.html; }).join("");  // escaped in Python
        if (!found.length) { excerptList.appendChild(note(_("No excerpt in the atlas speaks of this day."))); }
      }
      if (sourceList) {
        var items = R.sourcesOf(found).filter(function (s) { return data.sources[s]; })
          .map(function (s) { return data.sources[s]; });
        sourceList.innerHTML = items.join("");  // escaped in Python
        if (noSources) { noSources.hidden = items.length > 0; }
      }
    }
    engine.on("date", function (iso) {
      if (mode !== "day") { showExcerpts(iso); }  // the day map's list is written in the page
      if (mode !== "day") { document.title = _("Karabakh Atlas") + " — " + R.longDate(iso); }
    });

    window.kaEngine = engine;
    window.kaVisibleIds = function () { return engine.visibleIds(); };
    window.kaCurrentDate = function () { return engine.current; };

    var side = document.querySelector(".ka-side");
    // the answer goes beside the map (a bottom sheet on a phone, page.css), never over it
    function dockCard(cart) {
      if (cart && cart.card && side) { side.insertBefore(cart.card, side.firstChild); cart.card.classList.add("ka-card-docked"); }
    }
    if (mode === "day") {
      window.kaCartography = KA.cartography ? KA.cartography(engine, data, {side: side}) : null;
      dockCard(window.kaCartography);
      engine.setDate(data.initial);
      if (window.kaCartography) { window.kaCartography.renderCite(); }
      body.setAttribute("data-ready", "true");
      return;
    }

    var bar = KA.createTimebar(byId("ka-bar"), engine, data);
    window.kaTimebar = bar;
    var cart = window.kaCartography = KA.cartography ? KA.cartography(engine, data, {
      side: side, bar: bar, goTo: function (iso) { bar.stop(); bar.set(iso, "chart"); }}) : null;
    dockCard(cart);
    // compare two dates: the compared date is carried by the address (&compare=DAY)
    var compare = window.kaCompare = KA.compare ? KA.compare(engine, data, {
      side: side, bar: bar, onChange: function () { replace(); }}) : null;
    // without a mouse: a place search and the map as text (access.js)
    window.kaAccess = KA.access && cart ? KA.access(engine, data, cart, {side: side, bar: bar}) : null;
    // The address is a permalink of the view (rules.js encodeView, hash form): #DATE, then
    // &layers=A,B (when not all are shown), &view=LAT,LNG,ZOOM and &selected=FEATURE. A date
    // the reader settles on (stops dragging, steps, types, or Play rests on) becomes a new
    // history entry, so Back steps back through dates; moving the map or selecting a feature
    // only rewrites the current entry.
    function readState() {
      var view = R.decodeView(location.hash), state = {};
      if (view.date) { state.date = view.date; }
      if (view.view) { state.view = view.view; }
      if (view.layers) { state.layers = view.layers.filter(function (id) { return engine.layers[id]; }); }
      if (view.selected) { state.sel = view.selected; }
      if (view.compare) { state.compare = view.compare; }
      return state;
    }
    function writeState(date) {
      var on = engine.order.filter(function (id) { return engine.enabled[id]; });
      return "#" + R.encodeView({date: date || engine.current, view: engine.view(),
                                 layers: on.length !== engine.order.length ? on : null,
                                 selected: cart && cart.selected, compare: compare && compare.day,
                                 lang: KA.i18n.lang() !== "en" ? KA.i18n.lang() : null}, {hash: true});
    }
    var applying = false;
    function applyState(state) {
      applying = true;
      if (state.layers) { engine.setLayers(state.layers); }
      if (state.view) { engine.map.invalidateSize({pan: false}); engine.setView(state.view); }
      if (state.date && state.date !== engine.current) { bar.stop(); bar.set(state.date, "hash"); }
      if (compare) { compare.apply(state.compare || null); }
      if (cart) {
        if (state.sel && state.sel !== cart.selected) { cart.select(state.sel); }
        else if (!state.sel && cart.selected) { cart.closeCard(); }
        cart.refresh();
      }
      applying = false;
    }
    function replace() {  // the view or selection changed: rewrite the entry, keeping its date
      if (applying) { return; }
      var next = writeState(readState().date || engine.current);
      if (location.hash !== next) { try { history.replaceState(null, "", next); } catch (err) { /* file: in some browsers */ } }
      if (cart) { cart.renderCite(); }
    }
    bar.on("settle", function (iso, source) {
      var shown = readState().date;
      if (applying || source === "hash" || source === "load") {
        if (shown !== iso) { try { history.replaceState(null, "", writeState(iso)); } catch (err) { /* ignore */ } }
        replace();
        return;
      }
      if (shown !== iso) {
        try { history.pushState(null, "", writeState(iso)); } catch (err) { location.hash = writeState(iso); }
      } else { replace(); }
      if (cart) { cart.renderCite(); }
    });
    engine.on("view", replace);
    engine.on("select", replace);
    window.addEventListener("hashchange", function () {
      var asked = R.decodeView(location.hash).lang;  // another language the page carries: open it again in that one
      if (asked && asked !== KA.i18n.lang() && carried.indexOf(asked) >= 0) {
        location.reload();
        return;
      }
      applyState(readState());
    });
    window.addEventListener("popstate", function () { applyState(readState()); });
    var initialState = readState();
    linkNote(location.hash);
    if (!initialState.view) { fit(); }  // the time bar took its height: fit again
    bar.set(initialState.date || data.initial, "load");
    applyState(initialState);
    body.setAttribute("data-ready", "true");
  }

  // A link whose parts cannot be read (malformed percent-encoding, a zoom of thousands of
  // digits, a day that does not exist): the page starts with the defaults for those parts and
  // says so, at the top of the side panel.
  function linkNote(address) {
    var dropped = [];
    R.decodeView(address, dropped);
    if (!dropped.length) { return; }
    var box = KA.el("p", "ka-link-note", _("Parts of this link could not be read and were left out ({parts}); showing the defaults for them.",
                                            {parts: dropped.join(", ")}));
    box.setAttribute("role", "status");
    var side = document.querySelector(".ka-side") || byId("ka-map");
    side.insertBefore(box, side.firstChild);
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
      box.appendChild(note(KA._("The atlas data ({src}) could not be loaded: {error}. Serve this folder over HTTP (for example: python -m http.server) and open it from there.",
        {src: src, error: err.message})));
    });
  }
}());
