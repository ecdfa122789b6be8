"""One test per validation rule, each on a small broken copy of the tiny dataset."""
import pytest

from geo.cli import main
from geo.errors import DatasetError
from geo.io import read_dataset
from geo.validate import check_dataset
from geo import load_atlas

from conftest import SOURCE_TEXT, write_dataset


def problems_of(tmp_path, files, text=None):
    data, texts = write_dataset(tmp_path, files, **({"sources_text": text} if text else {}))
    return [str(p) for p in check_dataset(read_dataset(data), texts).problems]


def only(problems, *needles):
    assert len(problems) == 1, problems
    for needle in needles:
        assert needle in problems[0], problems[0]
    return problems[0]


def test_tiny_dataset_is_valid(tiny):
    data, texts = tiny
    assert check_dataset(read_dataset(data), texts).problems == []
    atlas = load_atlas(data, texts)
    assert len(atlas.features) == 5 and len(atlas.excerpts) == 2


def test_invalid_json(tmp_path, dataset_files):
    dataset_files["layers/control.geojson"] = '{"type": "FeatureCollection", "features": [}'
    only(problems_of(tmp_path, dataset_files), "layers/control.geojson", "invalid JSON at line 1")


def test_coordinates_outside_wgs84(tmp_path, dataset_files):
    dataset_files["layers/places.geojson"]["features"][0]["geometry"]["coordinates"] = [4650000.0, 4400000.0]
    only(problems_of(tmp_path, dataset_files), "layers/places.geojson", "place-a", "geometry", "outside WGS84")


def test_swapped_lat_lon_is_outside_the_region(tmp_path, dataset_files):
    dataset_files["layers/places.geojson"]["features"][0]["geometry"]["coordinates"] = [39.1, 46.1]
    only(problems_of(tmp_path, dataset_files), "place-a", "geometry", "outside the atlas region", "swapped")


def test_self_intersecting_polygon(tmp_path, dataset_files):
    bowtie = [[[46.0, 39.0], [46.5, 39.5], [46.5, 39.0], [46.0, 39.5], [46.0, 39.0]]]
    dataset_files["layers/provinces.geojson"]["features"][0]["geometry"]["coordinates"] = bowtie
    only(problems_of(tmp_path, dataset_files), "layers/provinces.geojson", "prov-a", "geometry", "Self-intersection")


def test_valid_to_before_valid_from(tmp_path, dataset_files):
    dataset_files["layers/control.geojson"]["features"][0]["properties"]["valid_to"] = "1990-01-01"
    only(problems_of(tmp_path, dataset_files), "ctrl-a", "valid_to", "is not after valid_from")


def test_unparseable_date(tmp_path, dataset_files):
    dataset_files["layers/control.geojson"]["features"][1]["properties"]["valid_from"] = "12 May 1994"
    only(problems_of(tmp_path, dataset_files), "ctrl-b", "valid_from", "unparseable date")


def test_unparseable_excerpt_date(tmp_path, dataset_files):
    dataset_files["sources/src-a.json"]["excerpts"][0]["date"] = "spring 1992"
    only(problems_of(tmp_path, dataset_files), "sources/src-a.json", "src-a-01", "date", "unparseable")


def test_duplicate_ids(tmp_path, dataset_files):
    dataset_files["layers/control.geojson"]["features"][1]["properties"]["id"] = "prov-a"
    only(problems_of(tmp_path, dataset_files), "prov-a", "duplicate feature id")


def test_unknown_feature_reference(tmp_path, dataset_files):
    dataset_files["sources/src-a.json"]["excerpts"][0]["feature_ids"] = ["loc-zzz"]
    only(problems_of(tmp_path, dataset_files), "src-a-01", "feature_ids", "unknown feature 'loc-zzz'")


def test_unknown_place_reference(tmp_path, dataset_files):
    dataset_files["sources/src-a.json"]["excerpts"][0]["place_ids"] = ["ctrl-a"]
    only(problems_of(tmp_path, dataset_files), "src-a-01", "place_ids", "unknown place 'ctrl-a'")


def test_unknown_source_reference(tmp_path, dataset_files):
    dataset_files["sources/src-a.json"]["excerpts"][1]["source_id"] = "src-zzz"
    only(problems_of(tmp_path, dataset_files), "src-a-02", "source_id", "unknown source 'src-zzz'")


def test_unknown_excerpt_reference_in_history(tmp_path, dataset_files):
    props = dataset_files["layers/provinces.geojson"]["features"][0]["properties"]
    props["control_history"] = [{"event": "taken", "side": "armenian", "date": "1992-05", "excerpt_ids": ["src-a-99"]}]
    only(problems_of(tmp_path, dataset_files), "prov-a", "control_history[0].excerpt_ids", "unknown excerpt")


def test_quote_not_in_source(tmp_path, dataset_files):
    dataset_files["sources/src-a.json"]["excerpts"][0]["quote"] = "Shusha fell on 9 May 1992"
    only(problems_of(tmp_path, dataset_files), "src-a-01", "quote", "not found verbatim")


def test_quote_whitespace_is_folded(tmp_path, dataset_files):
    dataset_files["sources/src-a.json"]["excerpts"][0]["quote"] = "Shusha  fell on 8 May 1992,  and\tLachin"
    assert problems_of(tmp_path, dataset_files) == []


def test_quote_too_long(tmp_path, dataset_files):
    words = " ".join(["word"] * 61)
    dataset_files["sources/src-a.json"]["excerpts"][0]["quote"] = words
    problems = problems_of(tmp_path, dataset_files, text=SOURCE_TEXT + " " + words)
    only(problems, "src-a-01", "quote", "61 words")


def test_unknown_layer_name(tmp_path, dataset_files):
    dataset_files["layers/frontlines.geojson"] = {"type": "FeatureCollection", "features": []}
    only(problems_of(tmp_path, dataset_files), "layers/frontlines.geojson", "unknown layer 'frontlines'")


def test_missing_required_property(tmp_path, dataset_files):
    del dataset_files["layers/places.geojson"]["features"][0]["properties"]["accuracy_km"]
    only(problems_of(tmp_path, dataset_files), "place-a", "accuracy_km")


def test_control_needs_a_side(tmp_path, dataset_files):
    dataset_files["layers/control.geojson"]["features"][0]["properties"]["held_by"] = "russian"
    only(problems_of(tmp_path, dataset_files), "ctrl-a", "held_by")


def test_wrong_geometry_type_for_layer(tmp_path, dataset_files):
    dataset_files["layers/places.geojson"]["features"][0]["geometry"] = {
        "type": "LineString", "coordinates": [[46.1, 39.1], [46.2, 39.2]]}
    only(problems_of(tmp_path, dataset_files), "place-a", "geometry", "not allowed in layer places")


def test_load_atlas_raises_with_every_problem(tmp_path, dataset_files):
    dataset_files["layers/control.geojson"]["features"][0]["properties"]["valid_to"] = "1990"
    dataset_files["sources/src-a.json"]["excerpts"][0]["feature_ids"] = ["nope"]
    data, texts = write_dataset(tmp_path, dataset_files)
    with pytest.raises(DatasetError) as err:
        load_atlas(data, texts)
    assert len(err.value.problems) == 2


def test_cli_validate_names_the_problem_and_exits_1(tmp_path, dataset_files, capsys):
    dataset_files["layers/control.geojson"]["features"][0]["properties"]["valid_from"] = "May 1994"
    data, texts = write_dataset(tmp_path, dataset_files)
    assert main(["validate", "--data", str(data), "--sources", str(texts)]) == 1
    err = capsys.readouterr().err
    assert "layers/control.geojson: ctrl-a: valid_from: unparseable date" in err


def test_cli_validate_exits_0_on_valid_data(tiny, capsys):
    data, texts = tiny
    assert main(["validate", "--data", str(data), "--sources", str(texts)]) == 0
    assert "valid: 5 features" in capsys.readouterr().out
