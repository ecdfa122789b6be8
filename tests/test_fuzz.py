"""Property-based tests (Hypothesis): valid datasets mutated at random -- types, values,
structure, encodings, file names -- are either accepted and then exported and read back
unchanged by every exporter, or reported as ``file: id: field: message`` problems. Nothing
raises. Bounded for CI: ``KARABAKH_FUZZ_EXAMPLES`` examples per test (default 40), no
per-example deadline; the whole module takes about a minute on two cores."""
from __future__ import annotations

import copy
import datetime as dt
import json
import os
import re
import string
import tempfile
from contextlib import redirect_stderr, redirect_stdout
from io import StringIO
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geo import export
from geo.atlas import Atlas
from geo.cli import main
from geo.export_html import day_map_html, timeline_html
from geo.io import read_dataset
from geo.validate import check_dataset
from dashboard import panel_data

from conftest import edge_dataset, tiny_dataset
from hostile import TEXT_A, TEXT_B, hostile_files
from roundtrip import check_csv, check_geojson, check_geopackage

pytestmark = pytest.mark.fuzz

EXAMPLES = int(os.environ.get("KARABAKH_FUZZ_EXAMPLES", "40"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=bool(os.environ.get("CI")),
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
PROBLEM_LINE = re.compile(r"[^:\n]+: [^:\n]+: [^:\n]+: [^\n]+")

BASES = {"hostile": (hostile_files, {"a.txt": TEXT_A, "b.txt": TEXT_B}),
         "tiny": (tiny_dataset, None), "edge": (edge_dataset, None)}

# -- values ---------------------------------------------------------------------------------
NASTY_TEXT = st.sampled_from(["", " ", "\x00", "\x1b[2J", "\r\n", "\ud800", "=1+1", "@x", "-", "'",
                              "1994", "1994-13-45", "2020/9999", "0000", "9999-12-31", "../x", "/etc/passwd",
                              "NaN", "null", "a\nb", "\u202e", "ⅠⅡ", "x" * 300, "armenian"])
TEXT = st.one_of(NASTY_TEXT, st.text(max_size=20), st.text(alphabet=string.ascii_lowercase + "-", min_size=1))
NUMBER = st.one_of(st.integers(), st.integers(min_value=-10**400, max_value=10**400),
                   st.floats(allow_nan=True, allow_infinity=True), st.sampled_from([0, -1, 0.5, 1e308, 46.1, 39.5]))
SCALAR = st.one_of(st.none(), st.booleans(), NUMBER, TEXT)
JSON_VALUE = st.recursive(SCALAR, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                          st.dictionaries(TEXT, inner, max_size=3)), max_leaves=8)


def _children(node):
    if isinstance(node, dict):
        return list(node)
    if isinstance(node, list):
        return list(range(len(node)))
    return []


def mutate_json(data, files: dict) -> None:
    """Walk to a random place in one JSON file and change it."""
    rel = data.draw(st.sampled_from(sorted(k for k, v in files.items() if not isinstance(v, bytes))))
    parent, key, node = files, rel, files[rel]
    while _children(node) and data.draw(st.integers(0, 9)) < 8:
        parent, key = node, data.draw(st.sampled_from(_children(node)))
        node = node[key]
    op = data.draw(st.sampled_from(["replace", "replace", "delete", "wrap", "duplicate", "text", "number",
                                    "add_key"]))
    if op == "replace":
        parent[key] = data.draw(JSON_VALUE)
    elif op == "delete" and parent is not files:
        del parent[key]
    elif op == "wrap":
        parent[key] = data.draw(st.sampled_from([[node], {"value": node}, [[node]]]))
    elif op == "duplicate" and isinstance(parent, list):
        parent.insert(key, copy.deepcopy(node))
    elif op == "text":
        parent[key] = (node if isinstance(node, str) else "") + data.draw(TEXT)
    elif op == "number":
        parent[key] = data.draw(NUMBER)
    elif op == "add_key" and isinstance(node, dict):
        node[data.draw(TEXT)] = data.draw(JSON_VALUE)


def mutate_file(data, files: dict) -> None:
    """Change a whole file: its encoding, its bytes, its name, or whether it is there."""
    rel = data.draw(st.sampled_from(sorted(files)))
    op = data.draw(st.sampled_from(["latin1", "utf16", "bom", "truncate", "junk_byte", "rename", "remove",
                                    "extra_file", "nan_literal", "duplicate_key"]))
    raw = files[rel] if isinstance(files[rel], bytes) else encode(files[rel])
    if op == "latin1":
        files[rel] = raw.decode("utf-8", errors="replace").encode("latin-1", errors="replace")
    elif op == "utf16":
        files[rel] = raw.decode("utf-8", errors="replace").encode("utf-16")
    elif op == "bom":
        files[rel] = b"\xef\xbb\xbf" + raw
    elif op == "truncate":
        files[rel] = raw[:data.draw(st.integers(0, max(0, len(raw) - 1)))]
    elif op == "junk_byte":
        at = data.draw(st.integers(0, len(raw)))
        files[rel] = raw[:at] + bytes([data.draw(st.integers(0, 255))]) + raw[at:]
    elif op == "rename":
        suffix = data.draw(st.sampled_from([".GEOJSON", ".json", ".geojson.bak", "", ".JSON"]))
        files[rel.rsplit(".", 1)[0] + suffix] = files.pop(rel)
    elif op == "remove":
        del files[rel]
    elif op == "extra_file":
        files[data.draw(st.sampled_from(["layers/notes.txt", "sources/x.json", "layers/frontlines.geojson",
                                         "layers/events/more.geojson"]))] = data.draw(JSON_VALUE)
    elif op == "nan_literal":
        files[rel] = raw.replace(b'"accuracy_km": 1', b'"accuracy_km": NaN', 1).replace(b"1,", b"Infinity,", 1)
    elif op == "duplicate_key":
        files[rel] = raw.replace(b'"id": ', b'"id": "dup", "id": ', 1)


def encode(value) -> bytes:
    """JSON as UTF-8 (a lone surrogate, which UTF-8 cannot hold, written as a \\u escape)."""
    try:
        return json.dumps(value, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(value).encode("ascii")


def write(root: Path, files: dict, texts: dict) -> tuple[Path, Path]:
    data, text_dir = root / "data", root / "texts"
    text_dir.mkdir(parents=True)
    for name, text in texts.items():
        (text_dir / name).write_text(text, encoding="utf-8")
    for rel, value in files.items():
        path = data / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(value if isinstance(value, bytes) else encode(value))
    (data / "layers").mkdir(parents=True, exist_ok=True)
    return data, text_dir


def base(name: str) -> tuple[dict, dict]:
    make, texts = BASES[name]
    from conftest import SOURCE_TEXT
    return copy.deepcopy(make()), texts or {"a.txt": SOURCE_TEXT}


# -- what must hold -------------------------------------------------------------------------
def check_everything(data: Path, texts: Path, tmp: Path) -> None:
    """Validate; if valid, every exporter works and gives back what was written."""
    checked = check_dataset(read_dataset(data), texts)
    for problem in checked.problems:
        assert PROBLEM_LINE.fullmatch(str(problem)), str(problem)
    out, err = StringIO(), StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(["validate", "--data", str(data), "--sources", str(texts)])
    assert code == (1 if checked.problems else 0), err.getvalue()
    assert "internal error" not in err.getvalue()
    if checked.problems:
        return
    atlas = Atlas(checked.sources, checked.excerpts, checked.features, checked.registry, data)
    check_geojson(atlas, data)
    check_csv(atlas)
    check_geopackage(atlas, data, tmp / "atlas.gpkg")
    json.loads(export.to_json(export.excerpts_document(atlas)))
    days = sorted({*atlas.key_dates[:3], *atlas.key_dates[-2:], dt.date(2021, 6, 1)})
    for day in days:
        json.loads(export.to_json(export.geojson_for_date(atlas, day)))
    json.dumps(panel_data.panel_data(atlas))
    assert "<html" in day_map_html(atlas, days[0], None, "ru")
    assert "<html" in timeline_html(atlas, "az")


@pytest.mark.parametrize("name", list(BASES))
@FUZZ
@given(data=st.data())
def test_mutated_values_and_structure(name, data):
    files, texts = base(name)
    for _ in range(data.draw(st.integers(1, 3))):
        mutate_json(data, files)
    with tempfile.TemporaryDirectory() as tmp:
        check_everything(*write(Path(tmp), files, texts), Path(tmp))


@FUZZ
@given(data=st.data())
def test_mutated_files_and_encodings(data):
    files, texts = base("hostile")
    for _ in range(data.draw(st.integers(1, 2))):
        mutate_file(data, files)
    with tempfile.TemporaryDirectory() as tmp:
        check_everything(*write(Path(tmp), files, texts), Path(tmp))


TEXT_FIELDS = [("layers/places.geojson", ("features", 0, "properties", "name")),
               ("layers/places.geojson", ("features", 0, "properties", "names", "az")),
               ("layers/corridors.geojson", ("features", 0, "properties", "method")),
               ("layers/events.geojson", ("features", 0, "properties", "kind")),
               ("sources/src-hostile.json", ("source", "title")),
               ("sources/src-hostile.json", ("source", "authors", 0)),
               ("sources/src-hostile.json", ("excerpts", 0, "date_basis"))]


#: Fields that must hold more than white space.
REQUIRED_TEXT = {"name", "method", "kind", "title"}


@FUZZ
@given(where=st.sampled_from(TEXT_FIELDS), text=st.text(min_size=1, max_size=40))
def test_any_text_is_accepted_or_reported_and_round_trips(where, text):
    """Arbitrary Unicode in free-text fields: valid unless it holds NUL or a lone surrogate (or
    is blank where a text is required), and then it comes back unchanged from every export."""
    files, texts = base("hostile")
    rel, path = where
    node = files[rel]
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = text
    with tempfile.TemporaryDirectory() as tmp:
        data, text_dir = write(Path(tmp), files, texts)
        checked = check_dataset(read_dataset(data), text_dir)
        bad = ("\x00" in text or any(0xD800 <= ord(c) <= 0xDFFF for c in text)
               or (path[-1] in REQUIRED_TEXT and not text.strip()))
        assert bool(checked.problems) == bad, [str(p) for p in checked.problems]
        check_everything(data, text_dir, Path(tmp))
