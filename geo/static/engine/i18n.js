/* Karabakh Atlas: the interface language of the engine - the one home of its translations.
 *
 * The catalogue is geo/i18n (gettext .po files managed with Babel); Python writes the active
 * language's messages into the engine data ("i18n": {lang, messages, date}, see
 * geo/i18n.engine_catalogue) and the page calls setCatalogue(data.i18n). Every interface
 * string of the engine is written _("English message id", {values}) so that `pybabel extract`
 * finds it (babel.cfg); a missing translation falls back to the English id.
 * Dates are written with the CLDR long-date pattern and month names Babel exports for the
 * language (the same text as geo/i18n.format_date: "19 сентября 2023 г.", "19 sentyabr 2023").
 *
 * Loaded as a classic script (window.KarabakhI18n, before rules.js) or with require().
 */
(function (root, factory) {
  "use strict";
  var i18n = factory();
  if (typeof module === "object" && module && module.exports) { module.exports = i18n; }
  else { root.KarabakhI18n = i18n; }
}(typeof window !== "undefined" ? window : this, function () {
  "use strict";

  var LANGUAGES = ["en", "hy", "az", "ru"];
  var ENGLISH_DATE = {pattern: "d MMMM y", decimal: ".", group: ",",
                      months: ["January", "February", "March", "April", "May", "June", "July", "August",
                               "September", "October", "November", "December"]};
  var state = {lang: "en", messages: {}, date: ENGLISH_DATE};

  // The interface language for a language tag ("ru-RU" -> "ru"); "" when it is not one of ours.
  function resolve(tag) {
    var primary = String(tag || "").replace("_", "-").split("-")[0].toLowerCase();
    return LANGUAGES.indexOf(primary) >= 0 ? primary : "";
  }

  function setCatalogue(cat) {
    if (!cat) { return; }
    state = {lang: cat.lang || "en", messages: cat.messages || {}, date: cat.date || ENGLISH_DATE};
    if (typeof document !== "undefined" && document.documentElement) { document.documentElement.lang = state.lang; }
  }

  function fill(text, values) {
    if (!values) { return text; }
    return text.replace(/\{(\w+)\}/g, function (whole, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole;
    });
  }

  // A message in the active language, its {name} placeholders filled from values.
  function t(message, values) {
    var text = Object.prototype.hasOwnProperty.call(state.messages, message) && state.messages[message]
      ? state.messages[message] : message;
    return fill(text, values);
  }

  // An ISO day in the language's long form, by the CLDR pattern (d, dd, M, MM, MMMM, y, 'literal').
  function longDate(iso) {
    var p = String(iso).split("-"), y = +p[0], m = +p[1], d = +p[2], pattern = state.date.pattern, out = "";
    var tokens = pattern.match(/'[^']*'|d+|M+|L+|y+|[^dMLy']+/g) || [];
    tokens.forEach(function (tok) {
      if (tok.charAt(0) === "'") { out += tok.length > 2 ? tok.slice(1, -1) : "'"; }
      else if (tok.charAt(0) === "d") { out += tok.length > 1 && d < 10 ? "0" + d : String(d); }
      else if (tok.charAt(0) === "M" || tok.charAt(0) === "L") {
        out += tok.length >= 3 ? state.date.months[m - 1] : (tok.length > 1 && m < 10 ? "0" + m : String(m));
      } else if (tok.charAt(0) === "y") { out += String(y); }
      else { out += tok; }
    });
    return out;
  }

  // A number with the language's separators; digits: fixed decimal places (default 0).
  function number(value, digits) {
    var fixed = Number(value).toFixed(digits || 0), neg = fixed.charAt(0) === "-";
    if (neg) { fixed = fixed.slice(1); }
    var parts = fixed.split("."), whole = parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, state.date.group);
    return (neg ? "-" : "") + whole + (parts.length > 1 ? state.date.decimal + parts[1] : "");
  }

  function lang() { return state.lang; }

  // -- a page that carries every language (geo/engine_languages.py) ------------------------
  // The languages a data set carries, its own (English) first.
  function languagesOf(data) {
    var own = (data && data.i18n && data.i18n.lang) || "en";
    return [own].concat(Object.keys((data && data.languages) || {}).filter(function (l) { return l !== own; }));
  }

  // The language a page opens in: the address's lang= when the page carries it, else the first
  // of the browser's languages (navigator.languages / navigator.language) it carries, else its own.
  function choose(data, asked, browser) {
    var have = languagesOf(data), wanted = [asked].concat(browser || []);
    for (var i = 0; i < wanted.length; i += 1) {
      var l = resolve(wanted[i]);
      if (l && have.indexOf(l) >= 0) { return l; }
    }
    return have[0];
  }

  function allNumbers(list) {
    for (var i = 0; i < list.length; i += 1) { if (typeof list[i] !== "number") { return false; } }
    return true;
  }

  var own = Object.prototype.hasOwnProperty, TAG = /(<[^>]*>)/, JOIN = /(; |: )/;
  // A text in the language: whole when table.texts has it, else piece by piece between its cuts
  // (an HTML text's tags, a plain text's "; " and ": ") through table.parts, as
  // geo/engine_languages.py wrote them.
  function translated(node, table) {
    if (typeof node === "string") {
      if (own.call(table.texts, node)) { return table.texts[node]; }
      return node.split(node.indexOf("<") >= 0 ? TAG : JOIN).map(function (piece, i) {
        return i % 2 === 0 && own.call(table.parts, piece) ? table.parts[piece] : piece;
      }).join("");
    }
    if (Array.isArray(node)) { return allNumbers(node) ? node : node.map(function (x) { return translated(x, table); }); }
    if (node && typeof node === "object") {
      var out = {};
      Object.keys(node).forEach(function (k) { out[k] = translated(node[k], table); });
      return out;
    }
    return node;
  }

  // The data in lang: the English data with every text of the language's table put in, then its
  // placed values ([path, value]; [path] alone removes a member). Without lang's table: the data.
  function localise(data, lang) {
    var table = data.languages && data.languages[lang], out = {};
    Object.keys(data).forEach(function (k) { if (k !== "languages" && k !== "i18n") { out[k] = data[k]; } });
    if (!table) { out.i18n = data.i18n; return out; }
    out = translated(out, {texts: table.texts || {}, parts: table.parts || {}});
    (table.at || []).forEach(function (entry) {
      var path = entry[0], node = out;
      for (var i = 0; i < path.length - 1; i += 1) { node = node[path[i]]; }
      if (entry.length === 1) { delete node[path[path.length - 1]]; } else { node[path[path.length - 1]] = entry[1]; }
    });
    out.i18n = table.i18n;
    return out;
  }

  return {LANGUAGES: LANGUAGES, resolve: resolve, setCatalogue: setCatalogue, t: t, _: t,
          longDate: longDate, number: number, lang: lang, languagesOf: languagesOf, choose: choose,
          localise: localise};
}));
