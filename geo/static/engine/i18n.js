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

  return {LANGUAGES: LANGUAGES, resolve: resolve, setCatalogue: setCatalogue, t: t, _: t,
          longDate: longDate, number: number, lang: lang};
}));
