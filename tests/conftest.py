"""Shared fixtures: a tiny valid dataset written to a temp directory, and paths."""
from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
SEEDS_DIR = ROOT.parent / "shared" / "seeds"


@pytest.fixture(scope="session", autouse=True)
def map_cache(tmp_path_factory):
    """The dashboard builds the map's files into a cache directory: a temporary one for the
    tests (the environment is inherited by the servers the browser tests start)."""
    import os
    root = tmp_path_factory.mktemp("map-cache")
    before = os.environ.get("KARABAKH_ATLAS_CACHE")
    os.environ["KARABAKH_ATLAS_CACHE"] = str(root)
    yield root
    if before is None:
        os.environ.pop("KARABAKH_ATLAS_CACHE", None)
    else:
        os.environ["KARABAKH_ATLAS_CACHE"] = before


@pytest.fixture(scope="session", autouse=True)
def settle_at_once():
    """The dashboard takes a new state of the files once none changed for a second
    (geo/version.py); tests that write a dataset and load it at once take it at once
    (tests/test_data_reload.py checks the waiting with its own setting)."""
    import os
    from geo.version import SETTLE_ENV_VAR
    before = os.environ.get(SETTLE_ENV_VAR)
    os.environ[SETTLE_ENV_VAR] = "0"
    yield
    if before is None:
        os.environ.pop(SETTLE_ENV_VAR, None)
    else:
        os.environ[SETTLE_ENV_VAR] = before


@pytest.fixture(scope="session", autouse=True)
def english_locale():
    """The command line speaks the locale's language (geo.i18n.from_environment): the tests
    expect English, whatever the machine's locale (a test of another language sets its own)."""
    import os
    from geo import i18n
    before = os.environ.get("LANGUAGE")
    if i18n.from_environment() != "en":
        os.environ["LANGUAGE"] = "en"
    yield
    if before is None:
        os.environ.pop("LANGUAGE", None)
    else:
        os.environ["LANGUAGE"] = before


SOURCE_TEXT = "An essay. The line of contact held from 1994. Shusha fell on 8 May 1992,\nand Lachin followed."


def _poly(x0, y0, x1, y1):
    return {"type": "Polygon", "coordinates": [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]]}


def _feature(fid, kind, geometry, valid_from=None, valid_to=None, **extra):
    props = {"id": fid, "kind": kind, "name": fid.title(), "names": {"en": fid.title(), "az": f"{fid}-az",
             "hy_Latn": f"{fid}-hy", "ru": f"{fid}-ru"}, "valid_from": valid_from, "valid_to": valid_to,
             "accuracy_km": 1, "method": "test fixture"}
    props.update(extra)
    return {"type": "Feature", "properties": props, "geometry": geometry}


def tiny_dataset() -> dict:
    """A small, valid dataset as {relative path: JSON content}."""
    return {
        "layers/provinces.geojson": {"type": "FeatureCollection", "features": [
            _feature("prov-a", "district", _poly(46.0, 39.0, 46.5, 39.5))]},
        "layers/control.geojson": {"type": "FeatureCollection", "features": [
            _feature("ctrl-a", "held_area", _poly(46.0, 39.0, 46.2, 39.5), "1994-05-12", "2020-09-27", held_by="armenian"),
            _feature("ctrl-b", "held_area", _poly(46.2, 39.0, 46.5, 39.5), "1994-05-12", "2020-09-27", held_by="azerbaijani")]},
        "layers/line_of_contact.geojson": {"type": "FeatureCollection", "features": [
            _feature("loc-a", "ceasefire_line_1994", {"type": "LineString", "coordinates": [[46.2, 39.0], [46.2, 39.5]]},
                     "1994-05", "2020-09-27")]},
        "layers/places.geojson": {"type": "FeatureCollection", "features": [
            _feature("place-a", "town", {"type": "Point", "coordinates": [46.1, 39.1]})]},
        "sources/src-a.json": {
            "source": {"id": "src-a", "title": "An essay", "authors": ["A. Author"], "published": "2016-04~",
                       "vantage": "test", "vantage_group": "international", "text_file": "a.txt", "url": None},
            "excerpts": [{"id": "src-a-01", "source_id": "src-a", "quote": "Shusha fell on 8 May 1992, and Lachin",
                          "date": "1992-05", "feature_ids": ["loc-a"], "place_ids": ["place-a"]},
                         {"id": "src-a-02", "source_id": "src-a", "quote": "The line of contact held from 1994.",
                          "date": "1994/2020", "feature_ids": ["loc-a", "ctrl-a"], "place_ids": []}]},
    }


def edge_dataset() -> dict:
    """A valid dataset at the edges of what validation allows: dates at the first and last
    years, a change known only as a wide interval, a MultiPoint, a status history."""
    files = copy.deepcopy(tiny_dataset())
    control = files["layers/control.geojson"]["features"]
    control[0]["properties"].update(valid_from="1000", valid_to="2999-12-31")
    control[1]["properties"].update(valid_from="1990/2010", valid_to=None)
    loc = files["layers/line_of_contact.geojson"]["features"][0]["properties"]
    loc["status_history"] = [{"from": "1994-05", "status": "open", "label": "Open"},
                             {"from": "2000/2999", "status": "closed", "label": "Closed"}]
    files["layers/events.geojson"] = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {
            "id": "ev-edge", "kind": "shelling", "name": "Edge", "names": {"en": "Edge", "alt": []},
            "valid_from": "2999-12-30", "valid_to": None, "accuracy_km": 0, "method": "test"},
         "geometry": {"type": "MultiPoint", "coordinates": [[46.1, 39.1], [46.3, 39.3]]}}]}
    excerpts = files["sources/src-a.json"]["excerpts"]
    excerpts[0]["date"] = "1000/2999"
    excerpts[1]["date"] = "2999-12-31"
    return files


def shipped_copy(root: Path) -> tuple[Path, Path]:
    """A writable copy of the shipped dataset and of the seed texts under ``root``: (data, texts)."""
    import shutil
    data, texts = root / "data", root / "texts"
    shutil.copytree(DATA_DIR, data)
    shutil.copytree(SEEDS_DIR, texts)
    for path in [texts, *texts.iterdir()]:  # the seeds are read-only where CI keeps them
        path.chmod(0o755 if path.is_dir() else 0o644)
    return data, texts


def write_dataset(root: Path, files: dict, sources_text: str = SOURCE_TEXT) -> tuple[Path, Path]:
    data, texts = root / "data", root / "texts"
    for rel, content in files.items():
        path = data / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content if isinstance(content, str) else json.dumps(content, ensure_ascii=False),
                        encoding="utf-8")
    texts.mkdir(parents=True, exist_ok=True)
    (texts / "a.txt").write_text(sources_text, encoding="utf-8")
    return data, texts


@pytest.fixture
def dataset_files():
    return copy.deepcopy(tiny_dataset())


@pytest.fixture
def tiny(tmp_path, dataset_files):
    """(data dir, source texts dir) of the tiny valid dataset."""
    return write_dataset(tmp_path, dataset_files)


@pytest.fixture(scope="session")
def atlas():
    """The shipped dataset, loaded once (quotes checked when the seeds are present)."""
    from geo import load_atlas

    return load_atlas(DATA_DIR, SEEDS_DIR if SEEDS_DIR.is_dir() else None,
                      check_quotes=SEEDS_DIR.is_dir())


#: Test modules that drive the dashboard through Streamlit's AppTest (the "app" tier).
APP_MODULES = ("test_dashboard_apptest", "test_dashboard_review", "test_dashboard_robust", "test_access",
               "test_quarantine", "test_build_cache")


def pytest_collection_modifyitems(items):
    """Put every test in one tier: ``browser`` (marked in its module), ``app`` (AppTest
    modules), ``data`` (uses the shipped dataset), else ``unit``; ``make test-fast`` runs
    all but ``browser``. No test can be left out of a tier."""
    for item in items:
        if item.get_closest_marker("browser"):
            continue
        if item.module.__name__ in APP_MODULES:
            item.add_marker(pytest.mark.app)
        elif "atlas" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.data)
        else:
            item.add_marker(pytest.mark.unit)
