"""The command line in the reader's language: ``--lang`` on every command, else the locale
(LANGUAGE, LC_ALL, LC_MESSAGES, LANG; ``C`` or none: English). In Russian, Armenian and
Azerbaijani no English word of the catalogue's command-line messages is left in what it
prints; exit codes and machine output do not change with the language."""
from __future__ import annotations

import json
import re

import pytest

from conftest import write_dataset
from geo import i18n
from geo.cli import language_asked, main
from geo.exports import FORMATS
from geo.layers import LAYER_IDS
from test_i18n import _catalogue_script  # one loader of the catalogue script

LANGS = ("ru", "hy", "az")
#: The files whose messages the command line prints (help, summaries, errors, problems).
CLI_FILES = ("geo/cli.py", "geo/cli_answers.py", "geo/ingest/cli.py", "geo/ingest/events_table.py",
             "geo/ingest/extract.py", "geo/i18n/argparse_text.py", "geo/exports.py", "geo/validate.py", "geo/io.py",
             "geo/dates.py", "geo/answers.py", "geo/stats.py", "geo/schema/__init__.py", "geo/jsonload.py",
             "geo/confine.py", "geo/sourcecheck.py")


@pytest.fixture(scope="module")
def english_words() -> set[str]:
    """Words of the English message ids printed by the command line, less those every
    translation keeps as they are (commands, options, formats: ``validate``, ``GeoJSON``)."""
    words: set[str] = set()
    for message, where in _catalogue_script().extracted().items():
        if not any(w.startswith(CLI_FILES) for w in where):
            continue
        text = re.sub(r"\{\w+\}|%\(\w+\)[sr]|%[sr]|`[^`]*`|'[^']*'|\$\w+|--[\w-]+", " ", message)
        kept = re.sub(r"\{\w+\}|%\(\w+\)[sr]", " ", " ".join(i18n.gettext(message, lang) for lang in LANGS))
        words |= {w.lower() for w in re.findall(r"(?<![\w.-])[A-Za-z][a-z]{3,}(?![\w.-])", text)
                  if not re.search(rf"(?<![\w.-]){re.escape(w)}(?![\w.-])", kept, re.IGNORECASE)}
    return words


#: Words of the command line's syntax, the same in every language: its commands, formats, layer ids and choices.
CODE_WORDS = {"karabakh", "atlas", "validate", "export", "ingest", "review", "stats", "place", "events", "text", "json",
              *(fmt.name for fmt in FORMATS), *LAYER_IDS}


def english_in(text: str, words: set[str], *paths) -> list[str]:
    """The English words of ``words`` in ``text``: paths, file names, ids, quoted values, choices
    ({en,hy}), metavars (NAME) and the command line's own words (:data:`CODE_WORDS`) left out."""
    for path in paths:
        text = text.replace(str(path), " ")
    text = re.sub(r"\b\w\w = (" + "|".join(i18n.LANGUAGE_NAMES.values()) + ")", " ", text)  # --lang's menu: each in itself
    text = re.sub(r"'[^']*'|\"[^\"]*\"|\{[^}]*\}|\S*[/._\\-]\S*", " ", text)
    return sorted({w for w in re.findall(r"\w+", text) if w.lower() in words - CODE_WORDS and not w.isupper()})


def test_the_word_list_is_long_and_catches_english(english_words):
    assert len(english_words) > 300
    for word in ("problem", "valid", "wrote", "error", "required", "arguments", "directory", "proposal"):
        assert word in english_words, word
    assert english_in("/tmp/x/data: valid: 3 features", english_words, "/tmp/x/data") == ["features", "valid"]
    assert "geojson" not in english_words and "https" not in english_words  # kept as they are
    assert english_in("karabakh-atlas place NAME: ошибка {en,hy}", english_words) == []


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.mark.parametrize("lang", LANGS)
def test_validate_of_a_sound_dataset(tiny, capsys, english_words, lang):
    data, texts = tiny
    code, out, err = run(capsys, "validate", "--data", str(data), "--sources", str(texts), "--lang", lang)
    assert code == 0 and not err
    assert str(data) in out and i18n.gettext("{n} quotes checked verbatim against {path}", lang, n=2, path=texts) in out
    assert not english_in(out, english_words, data, texts), out


@pytest.mark.parametrize("lang", LANGS)
def test_validate_of_a_broken_dataset(tmp_path, dataset_files, capsys, english_words, lang):
    layer = dataset_files["layers/control.geojson"]["features"][0]["properties"]
    layer["valid_to"] = "1990-01-01"  # before valid_from
    excerpt = dataset_files["sources/src-a.json"]["excerpts"][0]
    excerpt["feature_ids"] = ["no-such-feature"]
    data, texts = write_dataset(tmp_path, dataset_files)
    code, out, err = run(capsys, "validate", "--data", str(data), "--sources", str(texts), "--lang", lang)
    assert code == 1 and not out
    lines = err.strip().splitlines()
    assert len(lines) == 3  # two problems, then the count
    assert lines[0].startswith("layers/control.geojson: ctrl-a: valid_to: ")  # file, id and field stay verbatim
    assert "'no-such-feature'" in err
    assert i18n.gettext("{path}: {n} problem(s)", lang, path=data, n=2) in lines[-1]
    assert not english_in(err, english_words, data, texts), err


@pytest.mark.parametrize("lang", LANGS)
def test_schema_json_and_file_problems_in_the_language(tmp_path, dataset_files, capsys, english_words, lang):
    # the schema's words (type, missing field, the schemas' own errorMessage), the strict JSON reader's
    # (a NUL, a duplicate key) and a source file that is not JSON at all
    props = dataset_files["layers/control.geojson"]["features"][0]["properties"]
    props["accuracy_km"] = "far"
    del props["method"]
    props["note"] = "a\u0000b"
    data, texts = write_dataset(tmp_path, dataset_files)
    (data / "sources" / "broken.json").write_text('{"id": "x", "id": "y",', encoding="utf-8")
    code, out, err = run(capsys, "validate", "--data", str(data), "--sources", str(texts), "--lang", lang)
    assert code == 1
    english = run(capsys, "validate", "--data", str(data), "--sources", str(texts), "--lang", "en")[2]
    for said in ("must be a number, not a string", "method: missing", "NUL character", "invalid JSON at line 1"):
        assert said in english, (said, english)  # the same problems are found in English
    assert len(err.strip().splitlines()) == len(english.strip().splitlines())
    said = "\n".join(line.split(": ", 3)[-1] for line in err.splitlines())  # file: id: field: stay verbatim
    assert not english_in(said, english_words, data, texts), err


def test_the_same_broken_dataset_in_english(tmp_path, dataset_files, capsys):
    dataset_files["sources/src-a.json"]["excerpts"][0]["feature_ids"] = ["no-such-feature"]
    data, texts = write_dataset(tmp_path, dataset_files)
    code, _out, err = run(capsys, "validate", "--data", str(data), "--sources", str(texts))
    assert code == 1 and "unknown feature 'no-such-feature'" in err and "1 problem(s)" in err


@pytest.mark.parametrize("lang", LANGS)
def test_place(capsys, english_words, lang):
    code, out, err = run(capsys, "place", "Stepanakert", "--date", "2021-06-01", "--names", lang, "--lang", lang)
    assert code == 0 and not err and i18n.format_date("2021-06-01", lang) in out
    assert not english_in(out, english_words), out
    code, _out, err = run(capsys, "place", "Nowhere-at-all", "--date", "2021-06-01", "--lang", lang)
    assert code == 2 and "Nowhere-at-all" in err
    assert not english_in(err, english_words), err


@pytest.mark.parametrize("lang", LANGS)
def test_ingest_errors(tmp_path, capsys, english_words, lang):
    document = tmp_path / "report.docx"
    document.write_text("Nothing here.", encoding="utf-8")
    code, out, err = run(capsys, "ingest", str(document), "-o", str(tmp_path / "out.json"), "--lang", lang)
    assert code == 2 and not out and "--id, --title, --published, --vantage-group" in err
    assert err.startswith(i18n.gettext("karabakh-atlas: error: {reason}", lang, reason="")), err
    assert not english_in(err, english_words, tmp_path), err
    code, _out, err = run(capsys, "ingest", str(document), "--id", "x", "--title", "T", "--published", "2022",
                          "--vantage-group", "international", "--texts", str(tmp_path), "-o", str(tmp_path / "o.json"),
                          "--lang", lang)
    assert code == 2 and "'.docx'" in err
    assert not english_in(err, english_words, tmp_path), err


@pytest.mark.parametrize("lang", LANGS)
def test_argparse_usage_errors_and_help(capsys, english_words, lang):
    with pytest.raises(SystemExit) as stop:
        main(["place", "Lachin", "--lang", lang])  # --date is required
    code = stop.value.code
    err = capsys.readouterr().err
    assert code == 2 and "--date" in err and i18n.gettext("usage: ", lang) in err
    assert not english_in(err, english_words), err
    with pytest.raises(SystemExit) as stop:
        main(["stats", "--date", "2021-13-40", "--lang", lang])
    err = capsys.readouterr().err
    assert stop.value.code == 2 and "2021-13-40" in err and not english_in(err, english_words), err
    for argv in (["--lang", lang, "--help"], ["validate", "--help", "--lang", lang], ["export", "html", "--help", "--lang", lang],
                 ["ingest", "--help", "--lang", lang], ["review", "--help", "--lang", lang]):
        with pytest.raises(SystemExit) as stop:
            main(argv)
        out = capsys.readouterr().out
        assert stop.value.code == 0 and "--lang" in out
        assert not english_in(out, english_words), (argv, english_in(out, english_words))


def test_argparse_is_english_again_after_a_command():
    import argparse

    with pytest.raises(SystemExit):
        main(["--lang", "ru", "place"])
    assert argparse._("usage: ") == "usage: " and i18n.current() == "en"


def test_the_language_of_the_environment(capsys, monkeypatch):
    for name in i18n.LOCALE_ENV_VARS:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "ru_RU.UTF-8")
    out = run(capsys, "place", "Lachin", "--date", "2021-06-01")[1]
    assert "Под контролем" in out and "Held by" not in out
    code, out, _err = run(capsys, "place", "Lachin", "--date", "2021-06-01", "--lang", "en")  # --lang wins
    assert code == 0 and "Held by" in out
    monkeypatch.setenv("LANG", "C.UTF-8")
    assert "Held by" in run(capsys, "place", "Lachin", "--date", "2021-06-01")[1]


@pytest.mark.parametrize("environ, lang", [
    ({}, "en"), ({"LANG": "C"}, "en"), ({"LANG": "POSIX"}, "en"), ({"LANG": "C.UTF-8", "LANGUAGE": "ru"}, "en"),
    ({"LANG": "ru_RU.UTF-8"}, "ru"), ({"LC_ALL": "hy_AM.UTF-8", "LANG": "ru_RU.UTF-8"}, "hy"),
    ({"LC_MESSAGES": "az_AZ.UTF-8", "LANG": "en_GB.UTF-8"}, "az"), ({"LANG": "de_DE.UTF-8", "LANGUAGE": "fr:ru"}, "ru"),
    ({"LANG": "fr_FR.UTF-8"}, "en"), ({"LANG": "en_US.UTF-8", "LANGUAGE": "hy"}, "hy"), ({"LANG": "ru_RU@euro"}, "ru"),
])
def test_from_environment(environ, lang):
    assert i18n.from_environment(environ) == lang


def test_language_asked():
    assert language_asked(["--lang", "hy", "validate"], {}) == "hy"
    assert language_asked(["validate", "--lang=az"], {"LANG": "ru_RU.UTF-8"}) == "az"
    assert language_asked(["validate"], {"LANG": "ru_RU.UTF-8"}) == "ru"
    assert language_asked(["validate", "--lang", "xx"], {"LANG": "ru_RU.UTF-8"}) == "ru"  # argparse then says why
    assert language_asked(["ingest", "--", "--lang", "hy"], {}) == "en"


@pytest.mark.parametrize("lang", LANGS)
def test_machine_output_keeps_its_keys(capsys, lang):
    code, out, _err = run(capsys, "place", "Lachin", "--date", "2021-06-01", "--format", "json", "--lang", lang)
    english = json.loads(run(capsys, "place", "Lachin", "--date", "2021-06-01", "--format", "json")[1])
    assert code == 0 and set(json.loads(out)) == set(english)


def test_exit_codes_do_not_change_with_the_language(tmp_path, capsys):
    for lang in ("en",) + LANGS:
        assert main(["export", "geojson", "--all", "-o", str(tmp_path / "no" / "x.geojson"), "--lang", lang]) == 3
        assert main(["validate", "--data", str(tmp_path / "missing"), "--lang", lang]) in (1, 2)
        capsys.readouterr()


@pytest.mark.parametrize("lang", LANGS)
def test_a_missing_dataset_is_said_in_the_language(tmp_path, capsys, english_words, lang):
    missing = tmp_path / "nowhere"
    code, out, err = run(capsys, "validate", "--data", str(missing), "--lang", lang)
    assert code == 1 and err.count("\n") == 2, err
    assert i18n.gettext("dataset directory not found", lang) in err
    assert not english_in(err, english_words, missing), err
