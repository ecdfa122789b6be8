/* The dashboard's map and day panels as a Streamlit component (components v2).
 *
 * The browser owns the date and the address. Python mounts the component with data
 * {base (where the engine's files and data are served), scripts, names, layers, initial
 * (the view of the address the page was opened with, checked by dashboard/state.py), height,
 * days (the days that move with the calendar, over those of the data file)};
 * from then on the time bar, the answer card (cartography.js, as on the exported timeline),
 * the excerpts, balance, figures and table (panels.js) follow every date step here, with no
 * server round trip. The component writes the address: each movement of the date (a step, a
 * drag, Play until it rests) is a new history entry (Back steps through dates); a pan, zoom,
 * window, filter or selection rewrites the current entry; Back and Forward (popstate) are answered here. Python hears of the view
 * only when the reader asks for the downloads of it (the trigger "downloads"): nothing is
 * sent to the server while the reader moves through time. The view is kept for the browser
 * tab (sessionStorage, under the session's token), so coming back from the review page
 * shows the view left, not the link the session opened with.
 */
const instances = new WeakMap();
const KEPT = "karabakh-atlas:view";
const REWRITE_MS = 150;

function addStyle(url) {
  if (document.querySelector(`link[data-ka="${url}"]`)) { return; }
  const node = document.createElement("link");
  node.rel = "stylesheet";
  node.href = url;
  node.dataset.ka = url;
  document.head.appendChild(node);
}

function addScript(url) {
  const present = document.querySelector(`script[data-ka="${url}"]`);
  if (present) { return present.kaLoaded; }
  const node = document.createElement("script");
  node.dataset.ka = url;
  node.kaLoaded = new Promise((resolve, reject) => {
    node.onload = () => resolve();
    node.onerror = () => reject(new Error("could not load " + url));
  });
  node.async = false;  // scripts added together run in the order added, and download in parallel
  node.src = url;
  document.head.appendChild(node);
  return node.kaLoaded;
}

async function boot(inst, data) {
  addStyle(`${data.base}/leaflet/leaflet.css`);
  addStyle(`${data.base}/engine/engine.css`);
  addStyle(`${data.base}/engine/fonts.css`);  // Armenian and Cyrillic offline (geo/fonts.py)
  const atlas = loadData(data);  // the data downloads while the scripts do
  await Promise.all(["leaflet/leaflet.js", ...data.scripts.map((s) => "engine/" + s)]
    .map((name) => addScript(`${data.base}/${name}`)));  // run in order: Leaflet first
  await build(inst, data, data.initial || {}, atlas);
}

async function loadData(data) {
  const response = await fetch(`${data.base}/data-${data.names}-${data.lang || "en"}.json`);
  if (!response.ok) { throw new Error(response.status + " " + response.statusText); }
  return withDays(await response.json(), data.days);
}

// The days that move with the calendar (the slider's end, the export day, the opening day) come
// from this run, not from the file, which may have been built on another day (dashboard/served.py).
function withDays(atlas, days) {
  for (const key of ["last", "exportDay", "initial"]) {
    if (days && typeof days[key] === "string" && /^\d{4}-\d{2}-\d{2}$/.test(days[key])) { atlas[key] = days[key]; }
  }
  return atlas;
}

// -- the address: the permalink codec of rules.js (geo/cite.py permalink_query), as a query --------
function encode(view) {
  return "?" + window.KarabakhRules.encodeView({date: view.date, layers: view.layers, names: view.names,
    view: view.map || null, window: view.window, sources: view.sources, vantage: view.vantages,
    selected: view.selected, compare: view.compare || null, lang: view.lang || null});
}

// The address of a history entry the component wrote, read back (Back/Forward): the codec
// checks each value's form; here, what the atlas knows (its days, windows, sources, features).
// A value that is not well formed is left as it is now.
function decode(search, inst) {
  const state = window.KarabakhRules.decodeView(search), atlas = inst.atlas, out = {};
  if (state.date) { out.date = state.date < atlas.first ? atlas.first : state.date > atlas.last ? atlas.last : state.date; }
  out.window = atlas.panels.windows.indexOf(state.window || 0) >= 0 ? state.window || 0 : 0;
  const known = (list) => new Set(list.map((item) => item[0]));
  const ids = (list, allowed) => (list || []).filter((id) => allowed.has(id)).slice(0, 200);
  out.sources = ids(state.sources, known(atlas.panels.sources));
  out.vantages = ids(state.vantage, known(atlas.panels.vantages));
  out.selected = state.selected && inst.engine.byId[state.selected] ? state.selected : null;
  out.compare = state.compare || null;
  if (state.view) { out.map = state.view; }
  return out;
}

function currentView(inst) {
  const p = inst.panels.getState();
  return {date: inst.engine.current, layers: inst.layers.slice(), names: inst.names, window: p.window,
          sources: p.sources, vantages: p.vantages, selected: inst.cart ? inst.cart.selected : null,
          map: inst.engine.view(), compare: inst.compare ? inst.compare.day : null,
          lang: inst.atlas && inst.atlas.i18n ? inst.atlas.i18n.lang : null};
}

function writeAddress(inst, push) {
  if (inst.applying || !inst.engine) { return; }
  const next = encode(currentView(inst));
  if (window.location.search !== next) {
    try {
      window.history[push ? "pushState" : "replaceState"](window.history.state, "", window.location.pathname + next);
    } catch (err) { /* an address that cannot be changed (sandboxed page): the view still works */ }
  }
  renderCite(inst);
  try { window.sessionStorage.setItem(KEPT, JSON.stringify({token: inst.token, search: next})); } catch (err) { /* no storage */ }
}

// "Cite this view": the exported timeline's text (cartography.js), written only when it changed.
function renderCite(inst) {
  if (!inst.citeBox) { return; }
  const scratch = document.createElement("p");  // names and the address in data-ka-verbatim spans (cartography.js)
  window.KarabakhAtlas.Cartography.prototype.renderCite.call({citeText: scratch, engine: inst.engine, data: inst.atlas});
  if (inst.cite.innerHTML !== scratch.innerHTML) { inst.cite.replaceChildren(...scratch.childNodes); }
}

// The view this browser tab showed last in this session, if any (back from the review page).
function keptView(inst, token) {
  try {
    const kept = JSON.parse(window.sessionStorage.getItem(KEPT) || "null");
    return kept && kept.token === token && typeof kept.search === "string" ? kept.search : null;
  } catch (err) {
    return null;
  }
}

function applyView(inst, view) {
  inst.applying = true;
  try {
    if (view.map) { inst.engine.setView(view.map); }
    inst.panels.setState({window: view.window || 0, sources: view.sources || [], vantages: view.vantages || []});
    if (view.date && view.date !== inst.engine.current) { inst.bar.stop(); inst.bar.set(view.date, "history"); }
    if (inst.compare) { inst.compare.apply(view.compare || null); }
    if (inst.cart) {
      if (view.selected && view.selected !== inst.cart.selected) { inst.cart.select(view.selected); }
      else if (!view.selected && inst.cart.selected) { inst.cart.closeCard(); }
    }
  } finally {
    inst.applying = false;
  }
}

// The component's fixed text (dashboard/mapview.py COMPONENT_HTML, each element's English in
// data-t, marked for extraction there) in the interface language of the data loaded.
function translateFixed(root) {
  root.querySelectorAll("[data-t]").forEach((node) => { node.textContent = window.KarabakhI18n.t(node.getAttribute("data-t")); });
  root.querySelectorAll("[data-t-label]").forEach((node) => {
    node.setAttribute("aria-label", window.KarabakhI18n.t(node.getAttribute("data-t-label")));
  });
}

// Streamlit's own words around the page (its sidebar's buttons, the skip link), which it writes
// in English: put in the interface language, again whenever Streamlit draws them anew.
const N_ = (message) => message;  // marked for the catalogue
const STREAMLIT_TEXTS = new Set([N_("Skip to main content"), N_("Sidebar"), N_("Collapse sidebar"),
                                 N_("Expand sidebar"), N_("App pages"), N_("Open"), N_("Close"), N_("Main menu"),
                                 N_("Choose an option")]);
// A widget's help button: Streamlit labels it "Help for <the widget's label>".
const HELP_FOR = "Help for ", HELP_FOR_MESSAGE = N_("Help for {label}");
function translateStreamlit() {
  const T = window.KarabakhI18n;
  if (!T || T.lang() === "en") { return; }
  document.querySelectorAll("[aria-label], [title], [placeholder]").forEach((node) => {
    ["aria-label", "title", "placeholder"].forEach((name) => {
      const value = node.getAttribute(name);
      if (value && STREAMLIT_TEXTS.has(value) && T.t(value) !== value) { node.setAttribute(name, T.t(value)); }
      else if (value && value.indexOf(HELP_FOR) === 0) {
        node.setAttribute(name, T.t(HELP_FOR_MESSAGE, {label: value.slice(HELP_FOR.length)}));
      }
    });
  });
  document.querySelectorAll("a, button, span, div, p").forEach((node) => {
    const only = node.childNodes.length === 1 && node.firstChild.nodeType === 3 ? node.firstChild : null;
    if (only && STREAMLIT_TEXTS.has(only.nodeValue.trim()) && !node.closest(".ka-dash")) {
      only.nodeValue = T.t(only.nodeValue.trim());
    }
  });
}
let streamlitWatch = null;
function watchStreamlit() {
  translateStreamlit();
  if (streamlitWatch || typeof MutationObserver === "undefined") { return; }
  let queued = false;
  streamlitWatch = new MutationObserver(() => {
    if (queued) { return; }
    queued = true;
    window.requestAnimationFrame(() => { queued = false; translateStreamlit(); });
  });
  streamlitWatch.observe(document.body, {childList: true, subtree: true});
}

async function build(inst, data, start, loading) {
  const KA = window.KarabakhAtlas;
  const atlas = await (loading || loadData(data));
  const keep = inst.engine ? currentView(inst) : null;
  if (inst.engine) { inst.bar.stop(); inst.engine.destroy(); }
  for (const box of [inst.barBox, inst.mapBox, inst.side, inst.figures, inst.table]) { box.replaceChildren(); }
  inst.atlas = atlas;
  inst.names = data.names;
  inst.layers = data.layers.slice();
  const engine = inst.engine = KA.create(inst.mapBox, atlas, {popups: false, layers: data.layers});
  const bar = inst.bar = KA.createTimebar(inst.barBox, engine, atlas, {settleMs: 350});
  const goTo = (iso) => { bar.stop(); bar.set(iso, "panel"); };
  // the legend, road status labels, the story strip and the answer card on a click: the
  // exported timeline's code (cartography.js)
  inst.cart = KA.cartography(engine, atlas, {bar: bar, goTo: goTo});
  // the answer beside the map, at the top of the side panel (a bottom sheet on a phone)
  inst.side.insertBefore(inst.cart.card, inst.side.firstChild);
  inst.cart.card.classList.add("ka-card-docked");
  const view = keep || start;
  inst.panels = KA.panels(engine, atlas, {side: inst.side, figures: inst.figures, table: inst.table, goTo: goTo,
                                          state: view, onChange: () => writeAddress(inst, false)});
  inst.citeBox = true;
  // compare two dates (compare.js): carried by the address (&compare=DAY)
  inst.compare = KA.compare ? KA.compare(engine, atlas, {side: inst.side, bar: bar,
                                                          onChange: () => writeAddress(inst, false)}) : null;
  // without a mouse: a place search and the map as text (access.js)
  inst.access = KA.access ? KA.access(engine, atlas, inst.cart, {side: inst.side, bar: bar}) : null;
  engine.on("date", () => renderCite(inst));
  inst.applying = true;
  if (view.map) { engine.setView(view.map); } else if (atlas.fit) { engine.map.fitBounds(atlas.fit, {animate: false}); }
  bar.set(view.date || atlas.initial, "load");
  const linked = new URLSearchParams(window.location.search).get("compare");
  if (inst.compare && linked && KA.isIsoDay(linked)) {
    inst.applying = true;
    inst.compare.apply(linked);
    inst.applying = false;
  }
  inst.applying = false;
  if (view.selected && engine.byId[view.selected]) {
    inst.applying = true;
    inst.cart.select(view.selected);
    inst.applying = false;
  }
  // The first date of a movement (a step, a drag, Play) is a new history entry, written at
  // once; the dates that follow while it goes on rewrite that entry (at most every
  // REWRITE_MS); the date it rests on is written when it settles.
  bar.on("change", (iso, source) => {
    if (inst.applying || source === "load" || source === "history") { return; }
    if (!inst.moving) {
      inst.moving = true;
      writeAddress(inst, true);
    } else if (!inst.rewrite) {
      inst.rewrite = setTimeout(() => { inst.rewrite = null; writeAddress(inst, false); }, REWRITE_MS);
    }
  });
  bar.on("settle", () => {
    inst.moving = false;
    clearTimeout(inst.rewrite);
    inst.rewrite = null;
    writeAddress(inst, false);
  });
  engine.on("view", () => writeAddress(inst, false));
  engine.on("select", () => writeAddress(inst, false));
  inst.dataKey = data.base + "|" + data.names + "|" + data.lang;
  translateFixed(inst.root);
  watchStreamlit();
  const kept = keep ? null : keptView(inst, inst.token);
  if (kept) { applyView(inst, decode(kept, inst)); }
  else if (!view.map && atlas.fit) {  // laid out by now: fit the contested ground again
    window.setTimeout(() => {
      engine.map.invalidateSize({pan: false});
      engine.map.fitBounds(atlas.fit, {animate: false});
    }, 250);
  }
  writeAddress(inst, false);  // the page opened without a full address gets one
  window.kaEngine = engine;
  window.kaTimebar = bar;
  window.kaPanels = inst.panels;
  window.kaCartography = inst.cart;
  inst.root.dataset.ready = "true";
}

function apply(inst, data) {
  if (data.base + "|" + data.names + "|" + data.lang !== inst.dataKey) { inst.pending = build(inst, data, {}); return inst.pending; }
  const layers = data.layers.join(",");
  if (layers !== inst.layers.join(",")) {
    inst.layers = data.layers.slice();
    inst.engine.setLayers(data.layers);
    inst.cart.refresh();
    inst.panels.render();
    writeAddress(inst, false);
  }
  return null;
}

export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  let inst = instances.get(parentElement);
  if (!inst) {
    const root = parentElement.querySelector(".ka-dash");
    inst = {root: root, barBox: root.querySelector(".ka-dash-bar"), mapBox: root.querySelector(".ka-dash-map"),
            side: root.querySelector(".ka-dash-side"), figures: root.querySelector(".ka-dash-figures"),
            table: root.querySelector(".ka-dash-tablebox"), cite: root.querySelector(".ka-cite-text"),
            engine: null, dataKey: null};
    inst.mapBox.style.height = (data.height || 620) + "px";
    inst.token = data.token;
    instances.set(parentElement, inst);
    inst.api = {setTriggerValue};
    const ask = root.querySelector(".ka-dash-downloads");
    if (ask) { ask.addEventListener("click", () => { if (inst.engine) { inst.api.setTriggerValue("downloads", currentView(inst)); } }); }
    window.addEventListener("popstate", () => {
      if (inst.engine && new URLSearchParams(window.location.search).has("date")) {
        applyView(inst, decode(window.location.search, inst));
      }
    });
    inst.pending = boot(inst, data).catch((err) => {
      const _ = window.KarabakhI18n ? window.KarabakhI18n.t : (m, v) => m.replace("{error}", v.error);
      inst.mapBox.textContent = _("The map could not start: {error}", {error: err.message});
    });
  } else {
    inst.api = {setTriggerValue};
    inst.pending = inst.pending.then(() => apply(inst, data));
  }
  return undefined;
}
