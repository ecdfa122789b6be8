"""The layer registry: every layer has all it needs, and every part of the atlas uses it."""
from __future__ import annotations

import re

import pytest

from geo import layers, render
from geo.engine import style_table

GEOMETRY_TYPES = {"Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon"}


@pytest.mark.parametrize("layer", layers.REGISTRY, ids=lambda layer: layer.id)
def test_every_layer_has_everything(layer):
    assert layer.id and layer.title and layer.title != layer.id
    assert layer.geometry_types and layer.geometry_types <= GEOMETRY_TYPES
    assert layer.kinds is None or (layer.kinds and all(isinstance(k, str) for k in layer.kinds))
    assert layer.styles, "no style"
    for key, entry in layer.styles.items():
        assert entry.label and entry.style.get("color", "").startswith("#"), key
        assert isinstance(entry.style.get("weight"), (int, float)), key
    if layer.kinds is not None:  # every kind is drawn: by its own style or the layer's fallback
        assert "*" in layer.styles or set(layer.kinds) <= set(layer.styles) or layer.style_by != "kind"
    if layer.style_by != "kind":
        assert layer.style_by in layer.required and set(layer.required[layer.style_by]) <= set(layer.styles)
    assert layer.table and layer.family in {"Point", "LineString", "Polygon", "Unknown"}
    assert layer.measured in (None, "area", "length")
    if layer.measured == "area":
        assert layer.geometry_types <= layers.AREA_TYPES
    if layer.measured == "length":
        assert layer.geometry_types <= layers.LINE_TYPES


def test_the_shipped_data_has_one_file_per_layer(atlas):
    from conftest import DATA_DIR
    assert {p.stem for p in (DATA_DIR / "layers").glob("*.geojson")} == set(layers.LAYER_IDS)
    for feature in atlas.features:  # each feature is drawn by a style of its layer
        assert layers.get(feature.layer).style_key(feature.properties) in layers.get(feature.layer).styles


def test_styles_legend_and_engine_come_from_the_registry():
    table = style_table(layers.LAYER_IDS)
    assert len(table) == sum(len(layer.styles) for layer in layers.REGISTRY)
    labels = [label for label, _ in render.legend_items()]
    for layer in layers.REGISTRY:
        for key, entry in layer.styles.items():
            assert table[f"{layer.id}:{key}"]["label"] == entry.label
            # every style is in the full legend; a road status once, whatever the route
            status = key.partition("|")[2]
            assert entry.label in labels or (status and any(l.endswith(": " + layers.ROAD_STATUSES[status].label.lower())
                                                            for l in labels)), key
            certain, uncertain = render.key_styles(layer.id, key)
            assert certain["dashArray"] != uncertain["dashArray"] == layers.UNCERTAIN_DASH


def test_an_unknown_layer_is_named_with_the_known_ones():
    with pytest.raises(KeyError, match="the layers are provinces, control"):
        layers.get("rivers")


def test_the_readme_names_every_layer():
    from conftest import ROOT
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    listed = readme.split("\nLayers: ", 1)[1].split("\n\n", 1)[0]
    for layer in layers.REGISTRY:
        assert f"`{layer.id}`" in listed, f"README's list of layers does not name {layer.id}"


# -- roles, not names -----------------------------------------------------------------------
def test_every_layer_plays_a_known_role_and_each_role_asked_for_exists():
    assert all(layer.role in layers.ROLES for layer in layers.REGISTRY)
    assert set(layers.ROLES) == {layer.role for layer in layers.REGISTRY}  # no role without a layer
    assert layers.with_role("control") == (layers.only("control"),)
    assert layers.has_role(layers.only("district"), "district", "place")
    with pytest.raises(KeyError, match="unknown role"):
        layers.has_role(layers.LAYER_IDS[0], "zones")  # a typo is an error, not "no"


def test_the_engine_data_carries_each_layers_role(atlas):
    import datetime as dt
    from geo.engine import engine_data
    data = engine_data(atlas, "en", today=dt.date(2021, 6, 1), excerpts=False)
    assert {x["id"]: x["role"] for x in data["layers"]} == {layer.id: layer.role for layer in layers.REGISTRY}


#: Where a layer id may be written in code although it is not a test of a layer by name:
#: (file, text of the line's occurrence) -> why. Anything else fails the test below.
NOT_A_LAYER_TEST = {
    ("geo/answers.py", '"control": control,'): "the answer's key (geo.answers.answer)",
    ("geo/answers.py", 'result["control"]'): "the answer's key",
    ("geo/ingest/cli.py", 'args.file == "events"'): "the ingest command's word for an event table",
    ("benchmarks/bench_events_table.py", '["ingest", "events"'): "the ingest command's word for an event table",
    ("geo/ingest/cli.py", "or the word 'events'"): "its help",
    ("geo/ingest/cli.py", "with 'events': the event table"): "its help",
    ("geo/ingest/cli.py", "with 'events': the table's column layout"): "its help",
    ("scripts/build_places.py", 'the "places" section of docs/ids.md'): "a section's title in docs/ids.md",
    ("geo/static/engine/cartography.js", 'ka-strip-key-event", _("events")'): "a word of the strip's key",
    ("scripts/build_places.py", '["places"]'): "the key of data/places.json",
    # the dashboard's panels move into the browser (the engine's roles); until then:
    ("dashboard/reviewing.py", 'feature.layer in ("places", "provinces")'): "dashboard: to ask the registry's role",
    ("dashboard/reviewing.py", 'f.layer != "places"'): "dashboard: to ask the registry's role",
    ("dashboard/reviewing.py", 'atlas.layer("places")'): "dashboard: to ask the registry's role",
}
#: Roles that are also layer ids: a literal of one is a role where the line asks for a role.
ROLE_QUERY = re.compile(r"has_role\(|with_role\(|on_day\(|only\(|roles\[|layersWithRole\(|LOOKUP_ROLES")


def layer_id_literals(path: str, text: str) -> list[str]:
    """Every line of ``text`` that writes a layer id as a string literal, and is neither
    a role query (for an id that is also a role's name) nor in :data:`NOT_A_LAYER_TEST`."""
    found = []
    for n, line in enumerate(text.splitlines(), 1):
        if line.lstrip().startswith((">>>", "... ")):  # a doctest: a reader calling the API by layer, not a test
            continue
        for m in re.finditer(r"([\"'])(" + "|".join(map(re.escape, layers.LAYER_IDS)) + r")\1", line):
            if m.group(2) in layers.ROLES and ROLE_QUERY.search(line):
                continue
            if any(p == path and fragment in line for p, fragment in NOT_A_LAYER_TEST):
                continue
            found.append(f"{path}:{n}: {line.strip()}")
    return found


def code_files():
    from conftest import ROOT
    for pattern in ("geo/**/*.py", "geo/static/**/*.js", "dashboard/**/*.py", "scripts/**/*.py",
                    "benchmarks/**/*.py"):
        for path in sorted(ROOT.glob(pattern)):
            rel = path.relative_to(ROOT).as_posix()
            if rel != "geo/layers.py":  # the registry: the one place layer ids are written
                yield rel, path.read_text(encoding="utf-8")


def test_no_code_tests_a_layer_by_its_id():
    """Behaviour is keyed on roles (geo/layers.py ROLES); a layer id written in code is a
    test by name that the next layer would miss."""
    files = dict(code_files())
    assert "geo/answers.py" in files and "geo/static/engine/cartography.js" in files
    found = [hit for path, text in files.items() for hit in layer_id_literals(path, text)]
    assert found == [], "ask the registry for a role instead:\n" + "\n".join(found)
    used = {(p, fragment) for p, fragment in NOT_A_LAYER_TEST if p in files and fragment in files[p]}
    assert used == set(NOT_A_LAYER_TEST), f"allowed but gone (remove them): {set(NOT_A_LAYER_TEST) - used}"


def test_the_check_finds_a_layer_tested_by_name():
    zone, control = layers.with_role("zone")[0], layers.only("control")
    code = (f'if f.layer == "{zone}":\n    pass\nzones = [f for f in hits if f.r.l === \'{zone}\']\n'
            f'x = atlas.layer("{control}")\ny = has_role(f.layer, "{control}")\n')
    assert [hit.split(":")[1] for hit in layer_id_literals("geo/x.py", code)] == ["1", "3", "4"]
