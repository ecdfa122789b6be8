"""The interface's languages (geo/i18n): the catalogue is complete in every language, no
interface string of a converted module is outside it, translations keep their placeholders
and use none of the style guide's one-sided terms, dates read as each language writes them,
and the CLI, the engine data and the permalink carry the language."""
from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import shutil

import pytest

from conftest import DATA_DIR, ROOT
from geo import i18n
from geo.cite import parse_permalink, permalink_query
from geo.i18n.messages import correction_messages, layer_texts
from geo.style import read_terms, terms_in

ENGINE = ROOT / "geo" / "static" / "engine"


def _catalogue_script():
    spec = importlib.util.spec_from_file_location("i18n_catalogue", ROOT / "scripts" / "i18n_catalogue.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def script():
    return _catalogue_script()


@pytest.fixture(scope="module")
def extracted(script):
    return script.extracted()


# -- the catalogue ------------------------------------------------------------------------------
def test_extraction_finds_the_interface(extracted):
    # from Python (a _() inside an f-string too), the engine's JavaScript, the registries and the record
    for message in ("Held by", "Date shown:", "Legend", "{n} feature(s) shown.", "Line of contact",
                    "Lachin road", "Used by the departing population"):
        assert message in extracted, message
    assert len(extracted) > 250


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_every_message_is_translated_in_every_language(script, extracted, lang):
    catalogue = i18n.catalogue(lang)
    missing = [m for m in extracted if script.find(catalogue, m) is None or not script.find(catalogue, m).string]
    assert not missing, f"{i18n.po_path(lang)}: {len(missing)} message(s) without a translation: {missing[:10]}"
    stale = [m.id for m in catalogue if m.id and
             (m.context + i18n.CONTEXT_SEPARATOR + m.id if m.context else m.id) not in extracted]
    assert not stale, f"{i18n.po_path(lang)}: messages no longer in the code or the record: {stale[:10]} " \
                      f"(run scripts/i18n_catalogue.py)"


def test_the_check_fails_on_a_missing_translation(script, tmp_path, monkeypatch):
    monkeypatch.setattr(script, "LOCALE_DIR", tmp_path)
    messages = {"Legend": ["x"], "Close": ["y"]}
    script.update(messages)
    assert script.missing(messages) == {lang: ["Legend", "Close"] for lang in i18n.LANGUAGES if lang != "en"}


@pytest.mark.parametrize("lang", [x for x in i18n.LANGUAGES if x != "en"])
def test_translations_keep_placeholders_and_are_not_english(lang):
    for message in i18n.catalogue(lang):
        if not message.id:
            continue
        assert set(re.findall(r"\{\w+\}", message.string)) == set(re.findall(r"\{\w+\}", message.id)), \
            f"{i18n.po_path(lang)}: {message.id!r} -> {message.string!r}: placeholders differ"
        assert message.string != message.id, f"{i18n.po_path(lang)}: {message.id!r} is not translated"


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_no_translation_uses_a_one_sided_term(lang):
    terms, problems = read_terms(DATA_DIR)
    assert terms and not problems
    assert any(t.lang == lang for t in terms), f"the style guide has no terms in {lang}"
    # English is the record's own text: an event's note may name a side's term as that side's
    # ("Azerbaijan calls the killings the Khojaly genocide"), as the style guide allows in notes
    # (tests/test_style.py checks the English record); a translation quotes the term it
    # attributes, so every other language is checked whole
    # (the corrections log, too, discusses the words it replaced: "Retake and recapture carry a claim")
    own = ({m for m, _where in layer_texts(DATA_DIR) + correction_messages(DATA_DIR)} if lang == i18n.DEFAULT
           else set())
    found = [(m.id, t.term) for m in i18n.catalogue(lang) if m.id and m.id not in own
             for t in terms_in(m.string, terms, lang)]
    assert not found, f"{i18n.po_path(lang)}: one-sided terms in the atlas's own voice: {found}"


def test_the_one_sided_check_can_fail():
    terms, _problems = read_terms(DATA_DIR)
    assert terms_in("Армянские силы освобождают Шушу", terms, "ru")
    assert terms_in("Qarabağın işğalı", terms, "az")
    assert terms_in("Արցախի Հանրապետություն", terms, "hy")


def test_glossary_terms_are_the_catalogues():
    """docs/glossary.md: each language's neutral term for the key notions is the one the catalogue uses."""
    glossary = (ROOT / "docs" / "glossary.md").read_text(encoding="utf-8")
    for english, by_lang in {"Line of contact": {"ru": "Линия соприкосновения", "az": "Təmas xətti", "hy": "Շփման գիծ"},
                             "peacekeepers": {"ru": "миротворцы", "az": "sülhməramlılar", "hy": "խաղաղապահներ"}}.items():
        for lang, term in by_lang.items():
            assert i18n.gettext(english, lang) == term
            assert term.lower() in glossary.lower(), f"docs/glossary.md lacks {term!r} ({lang})"


# -- no interface string outside the catalogue ---------------------------------------------------------
#: The converted modules: every text a reader sees in them goes through _() (or a data file).
CONVERTED_JS = ("engine.js", "timebar.js", "cartography.js", "panels.js", "page.js", "rules.js", "component.js",
                "answer.js", "access.js", "compare.js")
#: A literal English text put where a reader sees it, not through _().
BARE_JS = [re.compile(p) for p in (
    r'\bel\([^()]*?,\s*[^(),]*?,\s*"[A-Za-z][^"]*"\s*\)',                # el(tag, class, "Text")
    r'(?:textContent|title|placeholder)\s*=\s*"[A-Za-z][a-z]+ [^"]*"',      # node.textContent = "Text ..."
    r'setAttribute\("(?:aria-label|title)",\s*"[A-Za-z]',                     # aria-label / title literals
    r'"\s*\+\s*[\w.\[\]()]+\s*\+\s*"\s*[a-z]+ [a-z]+',                        # "... " + x + " words"
    r'\?\s*"[ (]*[A-Za-z][a-z]+ [a-z]+[^"]*"\s*:',                               # cond ? " (some words)" : ...
)]


@pytest.mark.parametrize("name", CONVERTED_JS)
def test_engine_files_have_no_bare_interface_text(name):
    text = (ENGINE / name).read_text(encoding="utf-8")
    # comments are not shown; a line marked "not text" holds ids or states compared in code, never shown
    code = "\n".join(line for line in text.splitlines()
                     if not line.strip().startswith(("//", "*", "/*")) and "// states, not text" not in line)
    found = [m.group(0) for pattern in BARE_JS for m in pattern.finditer(code)]
    assert not found, f"geo/static/engine/{name}: interface text outside the catalogue: {found[:5]}"


def test_the_bare_text_check_can_fail():
    for sample in ('box.appendChild(el("div", "ka-none", "No excerpt here."));', 'node.title = "Play through time";',
                   'label: entry.label + (f.unc ? " (date of change uncertain)" : ""),'):
        assert any(p.search(sample) for p in BARE_JS), sample


#: Python modules whose HTML or terminal text is converted: no English words between tags.
CONVERTED_PY = ("geo/export_html.py", "geo/render.py", "geo/stats.py", "geo/answers.py", "geo/corrections.py")
BARE_HTML = re.compile(r">[A-Z][a-z]+(?: [a-z]+)+[^<{]*<")


@pytest.mark.parametrize("path", CONVERTED_PY)
def test_python_pages_have_no_bare_interface_text(path):
    found = BARE_HTML.findall((ROOT / path).read_text(encoding="utf-8"))
    assert not found, f"{path}: interface text outside the catalogue: {found[:5]}"


#: Python modules whose every text for a person goes through _(): the command line and the review page.
CONVERTED_CALLS = ("geo/cli.py", "geo/cli_answers.py", "geo/ingest/cli.py", "geo/validate.py", "dashboard/pages/review.py",
                   "dashboard/reviewing.py", "dashboard/access.py", "dashboard/language.py")
#: Calls whose text arguments are not shown to a person (or are the catalogue itself).
NOT_SHOWN_CALLS = {"_", "N_", "gettext", "pgettext", "compile", "sub", "match", "search", "fullmatch", "split", "join",
                   "startswith", "endswith", "replace", "get", "getLogger", "debug", "info", "warning", "error",
                   "exception", "setdefault", "pop", "strip", "cache_resource"}
#: Keyword arguments that hold code, not text (a widget's key, argparse's metavar and usage syntax).
NOT_SHOWN_KEYWORDS = {"key", "metavar", "usage", "prog", "dest", "type", "file", "end", "sep", "encoding",
                      "unsafe_allow_html", "format_func", "border"}
TWO_WORDS = re.compile(r"[A-Za-z]{2,}[,;:]? [a-z]{2,}")


def bare_texts(source: str) -> list[tuple[int, str]]:
    """(line, text) of each literal text of two or more English words passed to a call
    (print, a widget, an error, argparse's help) without _() around it."""
    import ast

    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
        if name in NOT_SHOWN_CALLS:
            continue
        todo = list(node.args) + [k.value for k in node.keywords if k.arg not in NOT_SHOWN_KEYWORDS]
        while todo:
            arg = todo.pop()
            if isinstance(arg, ast.BinOp):
                todo += [arg.left, arg.right]
            elif isinstance(arg, ast.IfExp):
                todo += [arg.body, arg.orelse]
            elif isinstance(arg, ast.Constant) and isinstance(arg.value, str) and TWO_WORDS.search(arg.value):
                found.append((arg.lineno, arg.value))
            elif isinstance(arg, ast.JoinedStr):
                text = " {} ".join(v.value for v in arg.values if isinstance(v, ast.Constant))
                if TWO_WORDS.search(text) or len(re.findall(r"\b[a-z]{3,}\b", text)) >= 2:
                    found.append((arg.lineno, text))
    return found


@pytest.mark.parametrize("path", CONVERTED_CALLS)
def test_command_line_and_review_page_have_no_bare_text(path):
    found = bare_texts((ROOT / path).read_text(encoding="utf-8"))
    assert not found, f"{path}: interface text outside the catalogue (wrap it in _()): {found[:5]}"


def test_the_bare_call_check_can_fail():
    for sample in ('print(f"wrote {path}: {n} files", file=sys.stderr)', 'st.button("Sign out", key="x")',
                   'raise UsageError("review needs SOURCE_FILE")', 'p.add_argument("--x", help="skip the check")',
                   'say("note: " + path + " is not there")', 'st.caption(x if y else "Nothing to show")'):
        assert bare_texts(sample), sample
    for sample in ('print(_("wrote {path}", path=p))', 'st.button(_("Sign out"), key="access logout")',
                   'p.add_argument("--x", metavar="A B")'):
        assert not bare_texts(sample), sample


# -- dates, numbers and the language -------------------------------------------------------------
@pytest.mark.parametrize("lang, text", [("en", "19 September 2023"), ("ru", "19 сентября 2023 г."),
                                        ("az", "19 sentyabr 2023"), ("hy", "19 սեպտեմբերի 2023 թ.")])
def test_long_dates(lang, text):
    assert i18n.format_date("2023-09-19", lang).replace("\u202f", " ") == text  # CLDR: a narrow space before "г."


def test_the_engine_writes_the_same_dates_and_numbers(tmp_path):
    if not shutil.which("node"):
        pytest.fail("node is needed for the engine's i18n.js")
    days = ["1988-02-20", "1994-05-12", "2020-11-10", "2023-09-19", "2023-10-01"]
    cases = {lang: {"cat": i18n.engine_catalogue(lang), "dates": [i18n.format_date(d, lang) for d in days],
                    "number": i18n.format_decimal(12861.04, lang, 1)} for lang in i18n.LANGUAGES}
    script = f"""
const I = require({json.dumps(str(ENGINE / 'i18n.js'))});
const cases = {json.dumps(cases, ensure_ascii=False)};
const out = {{}};
for (const lang of Object.keys(cases)) {{
  I.setCatalogue(cases[lang].cat);
  out[lang] = {{dates: {json.dumps(days)}.map(I.longDate), number: I.number(12861.04, 1), legend: I.t("Legend"),
               held: I.t("Held by {{side}}", {{side: "X"}})}};
}}
console.log(JSON.stringify(out));"""
    (tmp_path / "case.cjs").write_text(script, encoding="utf-8")
    result = subprocess.run(["node", str(tmp_path / "case.cjs")], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    for lang in i18n.LANGUAGES:
        assert out[lang]["dates"] == cases[lang]["dates"], lang
        assert out[lang]["number"] == cases[lang]["number"], lang
        assert out[lang]["legend"] == i18n.gettext("Legend", lang)
        assert out[lang]["held"] == i18n.gettext("Held by {side}", lang, side="X")


def test_resolve_a_browser_language():
    assert i18n.resolve("ru-RU") == "ru" and i18n.resolve("hy") == "hy" and i18n.resolve("az-Latn-AZ") == "az"
    assert i18n.resolve("fr-FR") == "en" and i18n.resolve(None) == "en"
    with pytest.raises(i18n.UnknownLanguage, match="choose from en, hy, az, ru"):
        i18n.check("fr")


def test_the_permalink_carries_the_language_apart_from_the_names():
    state = parse_permalink("?date=2023-09-19&names=az&lang=ru")
    assert state["lang"] == "ru" and state["names"] == "az"
    assert permalink_query({"date": "2023-09-19", "names": "hy", "lang": "az"}) == "date=2023-09-19&names=hy&lang=az"
    assert "lang" not in parse_permalink("?lang=R%C3%9C")


def test_engine_data_in_a_language(atlas):
    from geo import engine

    data = engine.engine_data(atlas, "az", lang="ru", excerpts=False)
    assert data["names"] == "az" and data["i18n"]["lang"] == "ru"
    titles = {x["id"]: x["title"] for x in data["layers"]}
    assert titles["line_of_contact"] == "Линия соприкосновения"
    assert data["styles"]["corridors:lachin_corridor|blocked"]["label"] == "Лачинская дорога: закрыта или перекрыта"
    assert data["sideNames"]["azerbaijani"] == "Азербайджанские силы"
    assert all(c == i18n.text(c, "ru") for c in data["captions"].values())
    assert engine.engine_data(atlas, "az", excerpts=False)["layers"][0]["title"] == "Districts and provinces"


@pytest.mark.parametrize("lang, held, word", [("ru", "Под контролем", "Зоны"), ("az", "Nəzarət edir", "Zonalar"),
                                              ("hy", "Վերահսկում է", "Գոտիներ")])
def test_cli_place_and_stats_in_a_language(atlas, capsys, lang, held, word):
    from geo.cli import main

    assert main(["place", "Lachin", "--date", "2021-06-01", "--lang", lang]) == 0
    out = capsys.readouterr().out
    assert held in out and word in out and "Held by" not in out and "Zones" not in out
    assert i18n.format_date("2021-06-01", lang) in out
    assert main(["stats", "--date", "2021-06-01", "--lang", lang]) == 0
    out = capsys.readouterr().out
    assert "Area held" not in out and "Lengths" not in out and i18n.gettext("Azerbaijani forces", lang) in out
    assert main(["stats", "--date", "2021-06-01", "--lang", lang, "--format", "json"]) == 0
    assert '"area_km2"' in capsys.readouterr().out  # JSON keys never change


def test_fonts_for_armenian_and_cyrillic_travel_with_the_page(atlas):
    from geo import fonts
    from geo.export_html import timeline_html

    css = fonts.font_face_css()
    assert css.count("@font-face") == 4 and "U+0530-058F" in css and "U+0400-045F" in css
    assert len(css) < 60_000  # the packages' subsets, not whole fonts
    assert (ROOT / "geo" / "static" / "fonts" / "OFL.txt").read_text(encoding="utf-8").count("SIL Open Font License")
    assert css in timeline_html(atlas, "hy", lang="hy")


def test_export_site_and_html_in_a_language(tiny, tmp_path):
    from geo.cli import main

    data_dir, _sources = tiny
    assert main(["export", "site", "--data", str(data_dir), "--lang", "az", "-o", str(tmp_path / "site")]) == 0
    index = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="az">' in index and "Qarabağ Atlası" in index and "About this map" not in index
    data = json.loads((tmp_path / "site" / "data.json").read_text(encoding="utf-8"))
    assert data["i18n"]["lang"] == "az" and data["i18n"]["messages"]["Legend"] == "Şərti işarələr"
    assert main(["export", "html", "--data", str(data_dir), "--date", "2021-06-01", "--lang", "ru",
                 "-o", str(tmp_path / "day.html")]) == 0
    day = (tmp_path / "day.html").read_text(encoding="utf-8")
    body = day[day.index("<body"):day.index('<script type="application/json"')]  # the page's own text, not its scripts
    assert i18n.format_date("2021-06-01", "ru") in body and "Карабахский атлас" in body
    assert "Excerpts speaking" not in body and "Sources cited" not in body
    assert i18n.current() == "en"  # the language was the command's only


# -- the record's texts a reader sees (geo/i18n/messages.py FEATURE_TEXTS) ----------------------
#: A letter of each language's script, or of the Azerbaijani Latin alphabet's own letters.
SCRIPT_LETTER = {"hy": re.compile("[\u0531-\u0556\u0561-\u0587]"), "ru": re.compile("[\u0400-\u04ff]"),
                 "az": re.compile("[əğışçöüƏĞİŞÇÖÜ]")}


@pytest.fixture(scope="module")
def engine_datas(atlas):
    import datetime as dt

    from geo import engine
    return {lang: engine.engine_data(atlas, "en", today=dt.date(2026, 1, 1), lang=lang, excerpts=False)
            for lang in i18n.LANGUAGES}


def _shown_texts(data: dict) -> dict[tuple[str, str], str]:
    """(feature id, what) -> the text the answer card and the hover box show: its note, its
    method, its status labels; the schematic rivers' methods; the country labels."""
    strings = data["strings"]
    out = {}
    for record in data["features"]:
        if "o" in record:
            out[(record["i"], "note")] = record["o"]
        if "m" in record:
            out[(record["i"], "method")] = strings[record["m"]] if isinstance(record["m"], int) else record["m"]
        for k, status in enumerate(record.get("s", [])):
            out[(record["i"], f"status {k}")] = status[3]
    for feature in (data.get("rivers") or {}).get("features", []):
        if feature["properties"].get("method"):
            out[(feature["properties"]["id"], "method")] = feature["properties"]["method"]
    for k, item in enumerate(data["countryLabels"]):
        out[(f"country {k}", "label")] = item["name"]
    return out


@pytest.mark.parametrize("lang", ["hy", "az", "ru"])
def test_the_engine_data_carries_the_record_texts_in_the_language(engine_datas, atlas, lang):
    from geo.i18n.messages import FEATURE_TEXTS
    from geo.layers import role

    english, translated = _shown_texts(engine_datas["en"]), _shown_texts(engine_datas[lang])
    assert english.keys() == translated.keys()
    # every event note of the record is in the card (English build), and none stays English
    notes = {f.id for f in atlas.with_role("event") if f.properties.get("note")}
    assert notes and notes == {fid for fid, what in english if what == "note"}
    roles = {f.id: role(f.layer) for f in atlas.features}
    shown = [key for key in english if key[0] not in roles or "method" not in key[1] or
             "method" in FEATURE_TEXTS.get(roles[key[0]], ())]
    assert len(shown) > 60
    left = [(key, translated[key]) for key in shown
            if translated[key] == english[key] or not SCRIPT_LETTER[lang].search(translated[key])]
    assert not left, f"record texts left in English in the {lang} engine data: {left[:5]}"


@pytest.mark.parametrize("lang", ["hy", "az", "ru"])
def test_the_tooltip_names_the_variants_in_the_language(engine_datas, lang):
    data = engine_datas[lang]
    variants = [data["strings"][r["t"][1]] if isinstance(r["t"][1], int) else r["t"][1] for r in data["features"]]
    labels = {part.split(": ", 1)[0] for line in variants if line for part in line.split("; ")}
    assert labels and not labels & {"English", "Azerbaijani", "Armenian", "Russian", "other",
                                    "Armenian (BGN/PCGN romanization)", "Russian (alt.)"}


def test_the_data_downloads_keep_the_record_english(engine_datas, atlas):
    # what is drawn is translated; a GeoJSON download in Russian is the record, English text and keys
    from geo.export import geojson_all

    ru = {r["i"]: r for r in engine_datas["ru"]["features"]}
    with i18n.use("ru"):
        document = geojson_all(atlas)
    notes = {f["properties"]["id"]: f["properties"]["note"] for f in document["features"]
             if f["properties"].get("note") and f["properties"]["id"] in ru and "o" in ru[f["properties"]["id"]]}
    assert notes
    for fid, note in notes.items():
        assert note == atlas.by_id[fid].properties["note"] != ru[fid]["o"]
        assert not SCRIPT_LETTER["ru"].search(note)


def test_a_new_note_fails_the_catalogue_check(script, tmp_path):
    from geo.i18n.messages import record_messages

    (tmp_path / "layers").mkdir()
    (tmp_path / "story.json").write_text('{"stops": []}', encoding="utf-8")
    (tmp_path / "chronology.json").write_text('{"changes": []}', encoding="utf-8")
    known = next(f["properties"]["note"] for f in json.loads((DATA_DIR / "layers" / "events.geojson").read_text(
        encoding="utf-8"))["features"] if f["properties"].get("note"))
    events = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": None, "properties": {"id": "ev-known", "kind": "event", "note": known}},
        {"type": "Feature", "geometry": None, "properties": {"id": "ev-new", "kind": "event", "note": "A note no one translated."}}]}
    (tmp_path / "layers" / "events.geojson").write_text(json.dumps(events), encoding="utf-8")
    messages = {}
    for message, where in record_messages(tmp_path):
        messages.setdefault(message, []).append(where)
    assert "data/layers/events.geojson ev-new note" in messages["A note no one translated."]
    lacking = script.missing(messages)  # in no catalogue until scripts/i18n_catalogue.py adds it
    assert set(lacking) == set(i18n.LANGUAGES)
    assert all(items == ["A note no one translated."] for items in lacking.values())
    # a new kind of feature too
    events["features"][1]["properties"]["kind"] = "new_kind"
    (tmp_path / "layers" / "events.geojson").write_text(json.dumps(events), encoding="utf-8")
    messages = {m: [w] for m, w in record_messages(tmp_path)}
    assert "feature kind\x04new kind" in script.missing(messages)["ru"]


@pytest.mark.parametrize("lang", ["hy", "az", "ru"])
def test_the_dashboard_table_names_kinds_in_the_language(atlas, lang):
    from dashboard.panel_data import table_facts

    with i18n.use("en"):
        english = table_facts(atlas)
    with i18n.use(lang):
        translated = table_facts(atlas)
    left = {english[fid][0] for fid in english if translated[fid][0] == english[fid][0]}
    assert not left, f"kinds left in English in the {lang} table: {sorted(left)}"
    assert all(SCRIPT_LETTER[lang].search(translated[fid][0]) or lang == "az" for fid in translated)


def test_water_labels_follow_the_naming_convention(atlas):
    from geo.cartography import rivers

    by_id = {f["properties"]["id"]: f["properties"] for f in rivers(atlas, "ru")["features"]}
    kura = by_id["basemap-kura"]
    assert kura["name"] == kura["names"]["ru"] != rivers(atlas, "en")["features"][[f["properties"]["id"] for f in rivers(atlas, "en")["features"]].index("basemap-kura")]["properties"]["name"]
    # the file is left as it is
    raw = json.loads((DATA_DIR / "basemap" / "rivers.geojson").read_text(encoding="utf-8"))
    assert next(f for f in raw["features"] if f["properties"]["id"] == "basemap-kura")["properties"]["name"] == "Kura"


def test_the_tooltip_writes_the_accuracy_the_language_s_way(engine_datas, atlas):
    fractional = next(f for f in atlas.features if f.accuracy_km != int(f.accuracy_km))
    lines = {lang: {r["i"]: r["t"] for r in data["features"]} for lang, data in engine_datas.items()}
    line = {lang: (lambda x: engine_datas[lang]["strings"][x] if isinstance(x, int) else x)(lines[lang][fractional.id][4])
            for lang in engine_datas}
    assert i18n.format_decimal(fractional.accuracy_km, "en") in line["en"] and "." in line["en"]
    assert i18n.format_decimal(fractional.accuracy_km, "ru") in line["ru"] and "," in line["ru"]
