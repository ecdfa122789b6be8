"""Malformed datasets from strangers: each gives ``file: id: field: message`` lines and
exit 1, never a traceback, and nothing unsound is accepted (issue 10)."""
from __future__ import annotations

import os
import re

import pytest

from geo.cli import main
from geo.errors import DatasetError
from geo import load_atlas

from conftest import write_dataset

PROBLEM_LINE = re.compile(r"[^:\n]+: [^:\n]+: [^:\n]+: .+")


def _props(files, layer="places", i=0):
    return files[f"layers/{layer}.geojson"]["features"][i]["properties"]


def _excerpt(files, i=0):
    return files["sources/src-a.json"]["excerpts"][i]


def _replace_in(rel, old, new):
    def edit(data, texts):
        path = data / rel
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return edit


def _latin1_text(data, texts):
    (texts / "a.txt").write_bytes("Café 1994.".encode("latin-1"))


def _deep(data, texts):
    (data / "layers" / "places.geojson").write_text(
        '{"type": "FeatureCollection", "features": ' + "[" * 5000 + "]" * 5000 + "}")


def _latin1_layer(data, texts):
    path = data / "layers" / "places.geojson"
    path.write_bytes(path.read_bytes().replace(b'"name": "Place-A"', '"name": "Plac\xe9"'.encode("latin-1")))


def _chronology(**change):
    entry = {"id": "c-1994", "date": "1994-05-12", "held_by": "armenian", "ground": "g", "change": "held",
             "date_basis": "test", "districts": ["prov-a"], "excerpt_ids": [], "reference_ids": [], "accuracy_km": 1}
    entry.update(change)
    return lambda files: files.__setitem__("chronology.json", {"changes": [entry]})


#: (case, change to the files as JSON, change to the files on disk, file, id, field, words of the message)
CASES = [
    ("latin-1 source text", None, _latin1_text, "sources/src-a.json", "src-a", "text_file", "not UTF-8 text: byte 0xe9 at offset 3"),
    ("latin-1 layer file", None, _latin1_layer, "layers/places.geojson", "-", "-", "not UTF-8 text: byte 0xe9 at offset"),
    ("excerpts is a number", lambda f: f["sources/src-a.json"].__setitem__("excerpts", 5), None,
     "sources/src-a.json", "-", "excerpts", "must be a list"),
    ("held_by is a list", lambda f: _props(f, "control").__setitem__("held_by", ["armenian"]), None,
     "layers/control.geojson", "ctrl-a", "held_by", "must be one of"),
    ("source_ids is a number", lambda f: _props(f).__setitem__("source_ids", 5), None,
     "layers/places.geojson", "place-a", "source_ids", "must be a list"),
    ("5000-deep nesting", None, _deep, "layers/places.geojson", "-", "-", "nested too deeply"),
    ("400-digit accuracy_km", None, _replace_in("layers/places.geojson", '"accuracy_km": 1', '"accuracy_km": ' + "9" * 400),
     "layers/places.geojson", "place-a", "accuracy_km", "number of 400 digits is too large"),
    ("status_history from is a list",
     lambda f: _props(f, "line_of_contact").__setitem__("status_history", [{"from": ["2020-01-01"], "label": "x"}]),
     None, "layers/line_of_contact.geojson", "loc-a", "status_history[0].from", "must be a string"),
    ("excerpt dated 2020/9999", lambda f: _excerpt(f).__setitem__("date", "2020/9999"), None,
     "sources/src-a.json", "src-a-01", "date", "outside the years"),
    ("NaN", None, _replace_in("layers/places.geojson", '"accuracy_km": 1', '"accuracy_km": NaN'),
     "layers/places.geojson", "place-a", "accuracy_km", "NaN is not a JSON number"),
    ("Infinity", None, _replace_in("layers/places.geojson", '"accuracy_km": 1', '"accuracy_km": -Infinity'),
     "layers/places.geojson", "place-a", "accuracy_km", "-Infinity is not a JSON number"),
    ("1e400", None, _replace_in("layers/places.geojson", '"accuracy_km": 1', '"accuracy_km": 1e400'),
     "layers/places.geojson", "place-a", "accuracy_km", "too large"),
    ("coordinates as strings",
     lambda f: f["layers/places.geojson"]["features"][0]["geometry"].__setitem__("coordinates", ["46.1", "39.1"]),
     None, "layers/places.geojson", "place-a", "geometry.coordinates[0]", "must be a number, not a string"),
    ("unclosed ring", lambda f: f["layers/provinces.geojson"]["features"][0]["geometry"]["coordinates"][0].pop(),
     None, "layers/provinces.geojson", "prov-a", "geometry", "ring 0 is not closed"),
    ("valid_from as a number", lambda f: _props(f, "control").__setitem__("valid_from", 1994), None,
     "layers/control.geojson", "ctrl-a", "valid_from", "unparseable date 1994"),
    ("names is empty", lambda f: _props(f).__setitem__("names", {}), None,
     "layers/places.geojson", "place-a", "names.en", "missing"),
    ("NUL in a quote", lambda f: _excerpt(f).__setitem__("quote", "Shusha fell\x00 on 8 May 1992"), None,
     "sources/src-a.json", "src-a-01", "quote", "NUL character"),
    ("NUL in a name", lambda f: _props(f).__setitem__("name", "Place\x00A"), None,
     "layers/places.geojson", "place-a", "name", "NUL character"),
    ("id ending in a newline", lambda f: _props(f, "control", 1).__setitem__("id", "ctrl-b\n"), None,
     "layers/control.geojson", "ctrl-b\\x0a", "id", "lowercase letters"),
    ("duplicate keys", None, _replace_in("layers/places.geojson", '"accuracy_km": 1', '"accuracy_km": 1, "accuracy_km": 2'),
     "layers/places.geojson", "place-a", "accuracy_km", "duplicate key 'accuracy_km'"),
    ("upper-case layer extension", None, lambda d, t: os.rename(d / "layers/places.geojson", d / "layers/places.GeoJSON"),
     "layers/places.GeoJSON", "-", "-", "rename it to places.geojson"),
    ("wrong source extension", None, lambda d, t: os.rename(d / "sources/src-a.json", d / "sources/src-a.txt"),
     "sources/src-a.txt", "-", "-", "source files end in .json"),
    ("a directory among the sources", None, lambda d, t: os.mkdir(d / "sources" / "old"),
     "sources/old", "-", "-", "a directory"),
    ("a folder inside a layer folder", None, lambda d, t: os.makedirs(d / "layers" / "events" / "old"),
     "layers/events/old", "-", "-", "a directory"),
    ("a file of another kind in a layer folder", None,
     lambda d, t: os.makedirs(d / "layers" / "events") or (d / "layers" / "events" / "notes.txt").write_text("x"),
     "layers/events/notes.txt", "-", "-", "layer files end in .geojson"),
    ("a byte-order mark", None, lambda d, t: (d / "layers/places.geojson").write_bytes(
        b"\xef\xbb\xbf" + (d / "layers/places.geojson").read_bytes()), "layers/places.geojson", "-", "-", "byte-order mark"),
    ("position with altitude",
     lambda f: f["layers/places.geojson"]["features"][0]["geometry"].__setitem__("coordinates", [46.1, 39.1, 0]),
     None, "layers/places.geojson", "place-a", "geometry.coordinates", "at most 2"),
    ("a source that is a list holding NaN (found by the fuzz tests)",
     lambda f: f["sources/src-a.json"].__setitem__("source", [float("nan")]), None,
     "sources/src-a.json", "-", "source", "must be an object"),
    ("chronology date is a list", _chronology(date=["1994"]), None, "chronology.json", "c-1994", "date",
     "must be a string, not a list"),
    ("chronology date in the year 9999", _chronology(date="9999"), None, "chronology.json", "c-1994", "date",
     "outside the years"),
    ("chronology accuracy NaN", _chronology(accuracy_km=float("nan")), None, "chronology.json", "c-1994",
     "accuracy_km", "NaN is not a JSON number"),
    ("accuracy_km a boolean", lambda f: _props(f).__setitem__("accuracy_km", True), None,
     "layers/places.geojson", "place-a", "accuracy_km", "must be a number, not a boolean"),
]


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_malformed_input_is_one_clear_line(case, tmp_path, dataset_files, capsys):
    name, change_json, change_disk, file, item, field, words = case
    if change_json:
        change_json(dataset_files)
    data, texts = write_dataset(tmp_path, dataset_files)
    if change_disk:
        change_disk(data, texts)
    assert main(["validate", "--data", str(data), "--sources", str(texts)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    problems = err.splitlines()[:-1]  # the last line counts them
    assert problems and all(PROBLEM_LINE.fullmatch(line) for line in problems), problems
    assert any(line.startswith(f"{file}: {item}: {field}: ") and words in line for line in problems), problems
    with pytest.raises(DatasetError):
        load_atlas(data, texts)
    if field != "text_file":  # exports do not read the source texts
        out = tmp_path / "out.geojson"
        assert main(["export", "geojson", "--all", "--data", str(data), "-o", str(out)]) == 1
        assert not out.exists()


def test_a_valid_dataset_still_validates(tiny, capsys):
    data, texts = tiny
    assert main(["validate", "--data", str(data), "--sources", str(texts)]) == 0


def test_a_valid_chronology_still_validates(tmp_path, dataset_files, capsys):
    _chronology()(dataset_files)
    data, texts = write_dataset(tmp_path, dataset_files)
    assert main(["validate", "--data", str(data), "--sources", str(texts)]) == 0, capsys.readouterr().err


def test_terminal_escapes_in_data_are_shown_not_run(tmp_path, dataset_files, capsys):
    _props(dataset_files)["id"] = "x\x1b[2J\x1b[Hvalid\r"
    data, texts = write_dataset(tmp_path, dataset_files)
    os.rename(data / "layers" / "control.geojson", data / "layers" / "control\x1b[31m.json")
    assert main(["validate", "--data", str(data), "--sources", str(texts)]) == 1
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\r" not in err
    assert "x\\x1b[2J\\x1b[Hvalid\\x0d" in err and "control\\x1b[31m.json" in err


@pytest.mark.parametrize("text", [
    '{"a": [1, 2.5, "x"], "b": {"c": null}}', '{"a": 1, "a": 2}', '["x\\u0000y"]', '["\\ud800"]', '["\\uD83D\\uDE00"]',
    '[NaN]', '[1e400]', '[' + '1' * 400 + ']', '[' * 33 + ']' * 33, '[' * 32 + ']' * 32, '{"k\\u0000": 1}',
    '["\\\\u0000 is text, not a NUL"]', '{"s": "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["}',
])
def test_reading_finds_the_same_issues_as_the_full_walk(text):
    """The reader skips the walk of a document only where the walk can find nothing."""
    from geo.jsonload import issues_in, loads
    value, issues = loads(text.encode("utf-8"))
    assert issues == issues_in(value)


def test_nesting_is_counted_across_slices_and_outside_strings():
    from geo.jsonload import nesting
    assert nesting('[[1, {"a": "[[[["}]]') == 3 and nesting("") == 0 and nesting("1") == 0
    assert nesting("[" * 5 + " " * (1 << 23) + "]" * 5) == 5  # opened in one 4 MiB slice, closed two later
    assert nesting(" " * (1 << 22) + "[[]]") == 2


def test_a_file_holding_json_null_is_a_problem_not_an_empty_layer(tmp_path):
    """A layer file of `null` parsed as no content and was skipped: the atlas loaded without
    the layer (found by the fuzz test)."""
    from conftest import edge_dataset, write_dataset
    from geo import load_atlas
    from geo.errors import DatasetError

    files = edge_dataset()
    files["layers/events.geojson"] = None
    data, texts = write_dataset(tmp_path, files)
    with pytest.raises(DatasetError) as caught:
        load_atlas(data, texts)
    assert any(p.file == "layers/events.geojson" and "null" in p.message for p in caught.value.problems)
