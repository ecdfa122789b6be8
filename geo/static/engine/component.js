/* The map engine as the dashboard's Streamlit component (components v2).
 *
 * Python mounts it with data {assets: {styles: [...], scripts: [...]} (URLs, or inline text),
 * dataUrl (or data), layers, highlight, command: {date, seq, view}, height}. The time bar lives
 * here, in the browser: dragging, stepping and playing move the map without Python. The
 * component reports back, as state: "date" (a moment after the last move), "view"
 * (centre and zoom after a pan or zoom); as a trigger: "clicked" (a feature id). Python
 * moves the date (and the view, when the command has one) only by a new command (a seq it
 * has not sent before), so a report that reruns the app never pulls the map back to an
 * older date. The address and Back are Python's: each settled date it is told becomes a new
 * address, and Streamlit keeps one history entry per address; Back reruns the app with the
 * older address, which Python turns into a new command. A pan or zoom replaces the view in
 * the current entry instead (replaceView), so Back steps through dates, not map moves.
 */
const instances = new WeakMap();

function addStyle(item) {
  const node = item.url ? document.createElement("link") : document.createElement("style");
  if (item.url) {
    if (document.querySelector(`link[data-ka="${item.name}"]`)) { return Promise.resolve(); }
    node.rel = "stylesheet";
    node.href = item.url;
  } else {
    if (document.querySelector(`style[data-ka="${item.name}"]`)) { return Promise.resolve(); }
    node.textContent = item.text;
  }
  node.dataset.ka = item.name;
  document.head.appendChild(node);
  return Promise.resolve();
}

function addScript(item) {
  const present = document.querySelector(`script[data-ka="${item.name}"]`);
  if (present) { return present.kaLoaded; }
  const node = document.createElement("script");
  node.dataset.ka = item.name;
  const loaded = new Promise((resolve, reject) => {
    if (item.url) {
      node.onload = () => resolve();
      node.onerror = () => reject(new Error("could not load " + item.url));
      node.src = item.url;
    } else {
      node.textContent = item.text;
      resolve();
    }
  });
  node.kaLoaded = loaded;
  document.head.appendChild(node);
  return loaded;
}

async function boot(inst, data) {
  await Promise.all(data.assets.styles.map(addStyle));
  for (const item of data.assets.scripts) { await addScript(item); }  // in order: Leaflet first
  await build(inst, data);
}

async function loadData(data) {
  if (data.data) { return data.data; }
  const response = await fetch(data.dataUrl);
  if (!response.ok) { throw new Error(response.status + " " + response.statusText); }
  return response.json();
}

// A coordinate as dashboard/state.py writes it: at most 5 decimals, no trailing zeros.
function decimal(value) {
  const text = value.toFixed(5).replace(/0+$/, "").replace(/\.$/, "");
  return text === "-0" ? "0" : text;
}

// A pan or zoom changes the view in the current history entry (no new entry: Back steps
// through dates). Python then writes the same address ("view" is its last parameter, as
// URLSearchParams appends it), which Streamlit sees as no change.
function replaceView(view) {
  try {
    const params = new URLSearchParams(window.location.search);
    if (!params.has("date")) { return; }  // not yet written by the app
    params.set("view", decimal(view.center[0]) + "," + decimal(view.center[1]) + "," + view.zoom);
    window.history.replaceState(window.history.state, "", window.location.pathname + "?" + params.toString());
  } catch (err) { /* an address that cannot be changed: Python writes it */ }
}

async function build(inst, data) {
  const KA = window.KarabakhAtlas;
  const atlas = await loadData(data);
  const keep = inst.engine ? {date: inst.engine.current, view: inst.engine.view()} : null;
  if (inst.engine) { inst.bar.stop(); inst.engine.destroy(); }
  inst.barBox.replaceChildren();
  inst.mapBox.replaceChildren();
  const engine = inst.engine = KA.create(inst.mapBox, atlas, {popups: false, layers: data.layers,
                                                               highlight: data.highlight});
  const bar = inst.bar = KA.createTimebar(inst.barBox, engine, atlas, {settleMs: 350});
  // the legend of the day on the map, road status, the answer card, what changed, the story
  // (the answer to a click is shown beside the map, by Python: no card over the map here)
  inst.cart = KA.cartography ? KA.cartography(engine, atlas, {bar: bar, card: false,
    goTo: (iso) => { bar.stop(); bar.set(iso, "strip"); }}) : null;
  inst.dataKey = data.dataUrl || "inline:" + atlas.names;
  bar.on("settle", (iso) => { if (iso !== inst.reported) { inst.reported = iso; inst.api.setStateValue("date", iso); } });
  engine.on("click", (id) => inst.api.setTriggerValue("clicked", id));
  let viewTimer = null;
  engine.on("view", (view) => {
    clearTimeout(viewTimer);
    viewTimer = setTimeout(() => { replaceView(view); inst.api.setStateValue("view", view); }, 400);
  });
  if (keep) { engine.setView(keep.view); } else if (data.command && data.command.view) { engine.setView(data.command.view); }
  const first = (keep && keep.date) || (data.command && data.command.date) || atlas.initial;
  inst.reported = first;
  bar.set(first, "load");
  inst.seq = data.command ? data.command.seq : null;
  window.kaEngine = engine;
  window.kaTimebar = bar;
  inst.root.dataset.ready = "true";
}

function apply(inst, data) {
  const key = data.dataUrl || (data.data ? "inline:" + data.data.names : null);
  if (key !== inst.dataKey) { inst.pending = build(inst, data); return; }
  inst.engine.setLayers(data.layers);
  inst.engine.setHighlight(data.highlight);
  if (data.command && data.command.seq !== inst.seq) {
    inst.seq = data.command.seq;
    inst.bar.stop();
    inst.reported = data.command.date;
    inst.bar.set(data.command.date, "python");
    if (data.command.view) { inst.engine.setView(data.command.view); }
  }
}

export default function (component) {
  const { data, parentElement, setStateValue, setTriggerValue } = component;
  let inst = instances.get(parentElement);
  if (!inst) {
    const root = parentElement.querySelector(".ka-dash");
    inst = {root: root, barBox: root.querySelector(".ka-dash-bar"), mapBox: root.querySelector(".ka-dash-map"),
            engine: null, bar: null, seq: null, dataKey: null};
    inst.mapBox.style.height = (data.height || 640) + "px";
    instances.set(parentElement, inst);
    inst.api = {setStateValue, setTriggerValue};
    inst.pending = boot(inst, data).catch((err) => {
      inst.mapBox.textContent = "The map could not start: " + err.message;
    });
  } else {
    inst.api = {setStateValue, setTriggerValue};
    inst.pending = inst.pending.then(() => apply(inst, data));
  }
  return undefined;
}
