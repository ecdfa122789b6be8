"""Read the editable inputs, build the drawn layers, write them (one writer per file).

Inputs (all under the dataset directory): ``layers/provinces.geojson`` and
``layers/places.geojson`` (built by their own scripts), ``basemap/countries.geojson``,
``drawn/lines.geojson`` and ``drawn/areas.geojson`` (hand-drawn, editable in QGIS),
``drawn/recipes.json``, ``chronology.json`` and ``drawn/layers/<layer>.geojson`` (the
features of the other drawn layers; a feature's geometry is drawn in place or named by
its ``geometry_recipe``). Output: ``layers/control.geojson`` and ``layers/<layer>.geojson``
for each definition file. The output is deterministic.
"""
from __future__ import annotations

import json
import tempfile
from pathlib import Path

from shapely import set_precision
from shapely.geometry import mapping, shape
from shapely.geometry.polygon import orient
from shapely.ops import unary_union

from ..chronology import parse_chronology
from ..errors import DatasetError, Problem, RecipeError
from ..io import read_json_inside
from ..layers import only, with_role
from ..romanize import with_hy_latn
from ..i18n import _
from .control import control_features
from .recipes import ShapeBook

GRID = 1e-5  # coordinates are rounded to 5 decimals (about 1 m)
#: Properties a drawn shape must have: what it follows, how it was drawn, how accurate it is.
DRAWN_PROPERTIES = ("id", "follows", "method", "accuracy_km")


def _read(data_dir: Path, name: str):
    """A JSON input of the dataset, read like every dataset file: confined, strict, bounded."""
    content, problems = read_json_inside(data_dir, name)
    if problems:
        raise DatasetError(problems)
    return content


def _shape(raw: dict, label: str, fid: str):
    try:
        geometry = shape(raw)
    except Exception as exc:  # shapely raises several types for malformed coordinates
        raise DatasetError([Problem(label, fid, "geometry", _("malformed geometry ({exc})", exc=exc))]) from None
    if geometry.is_empty or not geometry.is_valid:
        raise DatasetError([Problem(label, fid, "geometry", _("empty or invalid geometry"))])
    return geometry


def shape_book(data_dir: Path) -> ShapeBook:
    """Every named shape of the dataset and its recipes."""
    shapes = {}
    for layer in with_role("district", "place"):  # the named shapes recipes start from
        for f in _read(data_dir, f"layers/{layer}.geojson")["features"]:
            shapes[f["properties"]["id"]] = shape(f["geometry"])
    for f in _read(data_dir, "basemap/countries.geojson")["features"]:
        shapes[f"country-{f['properties']['adm0_a3'].lower()}"] = shape(f["geometry"])
    problems = []
    for name in ("lines", "areas"):
        for f in _read(data_dir, f"drawn/{name}.geojson")["features"]:
            props = f["properties"]
            missing = [k for k in DRAWN_PROPERTIES if props.get(k) in (None, "")]
            if missing:
                problems.append(Problem(f"drawn/{name}.geojson", str(props.get("id") or "-"), missing[0],
                                        _("missing: each drawn shape says what it follows, its method and accuracy_km")))
                continue
            shapes[props["id"]] = _shape(f["geometry"], f"drawn/{name}.geojson", props["id"])
    if problems:
        raise DatasetError(problems)
    recipes = {r["id"]: r for r in _read(data_dir, "drawn/recipes.json")["recipes"]}
    return ShapeBook(shapes, recipes)


def clean(geometry):
    """Round to the grid, drop slivers, orient rings counter-clockwise (RFC 7946)."""
    if geometry.geom_type in ("Polygon", "MultiPolygon", "GeometryCollection"):
        geometry = set_precision(geometry.buffer(0), GRID)
        if geometry.geom_type == "GeometryCollection":
            geometry = unary_union([g for g in geometry.geoms if g.geom_type in ("Polygon", "MultiPolygon")])
        if geometry.geom_type == "Polygon":
            return orient(geometry)
        if geometry.geom_type == "MultiPolygon":
            parts = [orient(p) for p in geometry.geoms if p.area > 1e-6]
            return parts[0] if len(parts) == 1 else type(geometry)(parts)
        return geometry
    return set_precision(geometry, GRID)


def make_feature(fid: str, props: dict, geometry) -> dict:
    """A built feature; its ``names.hy_Latn`` is made from ``names.hy`` (BGN/PCGN 1981,
    :mod:`geo.romanize`), never taken from the input."""
    props = {k: v for k, v in props.items() if k != "id"}
    if isinstance(props.get("names"), dict):
        props["names"] = with_hy_latn(props["names"])
    return {"type": "Feature", "properties": {"id": fid, **props}, "geometry": mapping(clean(geometry))}


def layer_text(features: list[dict]) -> str:
    """A layer file's text: compact JSON, one feature per line (readable diffs)."""
    text = json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False,
                      separators=(",", ":"))
    return text.replace(',{"type":"Feature"', ',\n{"type":"Feature"') + "\n"


def defined_features(book: ShapeBook, definitions: dict) -> list[dict]:
    """The features of a definition file, with recipe geometries resolved."""
    out = []
    for f in definitions["features"]:
        props = f["properties"]
        recipe = props.get("geometry_recipe")
        geometry = book[recipe] if recipe else _shape(f["geometry"], "drawn/layers", props["id"])
        out.append(make_feature(props["id"], props, geometry))
    return out


def build(data_dir: Path, out_dir: Path | None = None) -> list[Path]:
    """Build every drawn layer of ``data_dir`` into ``out_dir/layers`` (default: in place)."""
    data_dir = Path(data_dir)
    out_layers = Path(out_dir or data_dir) / "layers"
    out_layers.mkdir(parents=True, exist_ok=True)
    book = shape_book(data_dir)
    problems: list[Problem] = []
    chronology = _read(data_dir, "chronology.json")
    changes = parse_chronology(chronology, "chronology.json", problems)
    if problems:
        raise DatasetError(problems)
    try:
        layers = {only("control"): control_features(changes, book, book[chronology["frame"]], make_feature)}
        for path in sorted((data_dir / "drawn" / "layers").glob("*.geojson")):
            layers[path.stem] = defined_features(book, _read(data_dir, f"drawn/layers/{path.name}"))
    except RecipeError as exc:
        raise DatasetError([Problem("drawn/recipes.json", "", "steps", str(exc))]) from None
    written = []
    for name, features in layers.items():
        target = out_layers / f"{name}.geojson"
        target.write_text(layer_text(features), encoding="utf-8")
        written.append(target)
    return written


def stale_layers(data_dir: Path) -> list[Problem]:
    """Problems for built layers that differ from what their inputs build (a contributor edited
    ``drawn/`` or ``chronology.json`` and did not run ``make layers``); none without ``drawn/``."""
    data_dir = Path(data_dir)
    if not (data_dir / "drawn").is_dir():
        return []
    with tempfile.TemporaryDirectory() as tmp:
        try:
            written = build(data_dir, Path(tmp))
        except DatasetError as exc:
            return list(exc.problems)
        return [Problem(f"layers/{path.name}", "", "", _("out of date: data/drawn/ or chronology.json changed since "
                                                         "it was built; run `make layers` (python "
                                                         "scripts/build_layers.py)"))
                for path in written if not (data_dir / "layers" / path.name).is_file()
                or (data_dir / "layers" / path.name).read_bytes() != path.read_bytes()]
