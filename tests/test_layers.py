"""The layer registry: every layer has all it needs, and every part of the atlas uses it."""
from __future__ import annotations

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
