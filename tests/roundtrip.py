"""Checks that what validated comes back unchanged from each export (GeoJSON, CSV,
GeoPackage): one function per format, used by the round-trip tests and the fuzz tests."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyogrio
import shapely
from shapely.geometry import shape

from geo import export
from geo.escape import csv_uncell
from geo.export_gpkg import NAME_KEYS, all_tables, write_geopackage
from geo.model import LAYERS


def layer_inputs(data: Path) -> dict[str, dict]:
    """feature id -> the feature as written in its layer file."""
    found = {}
    for layer in LAYERS:
        path = Path(data) / "layers" / f"{layer}.geojson"
        if path.exists():
            for feature in json.loads(path.read_text(encoding="utf-8"))["features"]:
                found[feature["properties"]["id"]] = feature
    return found


def _same_geometry(written, raw: dict) -> None:
    original = shape(raw)
    assert shapely.get_coordinates(written).tolist() == shapely.get_coordinates(original).tolist()
    assert written.equals(original) or written.is_empty == original.is_empty


def check_geojson(atlas, data: Path) -> None:
    """The GeoJSON of everything holds every feature's properties and geometry as written."""
    inputs = layer_inputs(data)
    document = json.loads(export.to_json(export.geojson_all(atlas)))
    assert sorted(f["id"] for f in document["features"]) == sorted(inputs)
    for feature in document["features"]:
        raw = inputs[feature["id"]]
        for key, value in raw["properties"].items():
            assert feature["properties"][key] == value, (feature["id"], key)
        _same_geometry(shape(feature["geometry"]), raw["geometry"])


def check_csv(atlas) -> None:
    """The excerpts CSV, read back and un-neutralised, gives each excerpt's text exactly."""
    text = export.excerpts_csv(atlas)
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader)
    assert tuple(header) == export.CSV_COLUMNS
    rows = [{k: csv_uncell(v) for k, v in zip(header, row)} for row in reader]
    assert len(rows) == len(atlas.excerpts)
    for row, excerpt in zip(rows, atlas.excerpts):
        source = atlas.sources[excerpt.source_id]
        assert row["id"] == excerpt.id and row["source_id"] == excerpt.source_id
        assert row["quote"] == excerpt.quote and row["date"] == excerpt.date.text
        assert row["feature_ids"] == ";".join(excerpt.feature_ids)
        assert row["place_ids"] == ";".join(excerpt.place_ids)
        assert row["source_title"] == source.title and row["source_vantage"] == source.vantage
        assert row["source_authors"] == "; ".join(source.authors)
    for line in csv.reader(io.StringIO(text, newline="")):
        assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in line), line


def _none(value):
    return None if value is None or (isinstance(value, float) and value != value) else value


def check_geopackage(atlas, data: Path, path: Path) -> None:
    """The GeoPackage holds every feature, excerpt and source as written."""
    write_geopackage(atlas, path)
    inputs = layer_inputs(data)
    seen = set()
    for table in all_tables():  # one table per layer and geometry family
        frame = pyogrio.read_dataframe(path, layer=table.name)
        for _, row in frame.iterrows():
            raw = inputs[row["id"]]
            props = json.loads(row["properties_json"]) if _none(row["properties_json"]) else {}
            names = props.pop("names", {})
            for key in NAME_KEYS:
                if _none(row.get(f"names_{key}")) is not None:
                    names[key] = row[f"names_{key}"]
            props.update(id=row["id"], kind=row["kind"], name=row["name"], names=names,
                         valid_from=_none(row["valid_from_edtf"]), valid_to=_none(row["valid_to_edtf"]),
                         accuracy_km=row["accuracy_km"], method=row["method"])
            if "held_by" in row and _none(row["held_by"]) is not None:
                props["held_by"] = row["held_by"]
            if "control_history" not in raw["properties"]:  # derived from chronology.json at load
                props.pop("control_history", None)
            assert props == raw["properties"], row["id"]
            _same_geometry(row["geometry"], raw["geometry"])
            seen.add(row["id"])
    assert seen == set(inputs)
    excerpts = pyogrio.read_dataframe(path, layer="excerpts")
    by_id = {row["id"]: row for _, row in excerpts.iterrows()}
    assert set(by_id) == {e.id for e in atlas.excerpts}
    for excerpt in atlas.excerpts:
        row = by_id[excerpt.id]
        assert row["quote"] == excerpt.quote and row["date"] == excerpt.date.text
        assert row["source_id"] == excerpt.source_id
        assert tuple((_none(row["feature_ids"]) or "").split(";")) == (excerpt.feature_ids or ("",))
        assert tuple((_none(row["place_ids"]) or "").split(";")) == (excerpt.place_ids or ("",))
    sources = pyogrio.read_dataframe(path, layer="sources")
    titles = {row["id"]: row["title"] for _, row in sources.iterrows()}
    assert titles == {sid: s.title for sid, s in atlas.sources.items()}
