"""The drawn layers are built from data: rebuilding reproduces the committed files exactly."""
import json
import shutil

import pytest
from shapely.geometry import LineString, Point, box

from geo.build.pipeline import build, shape_book
from geo.build.recipes import ShapeBook, evaluate, side_of_line
from geo.chronology import parse_chronology
from geo.errors import DatasetError, RecipeError
from geo.measure import area_km2

from conftest import DATA_DIR

pytestmark = pytest.mark.data
BUILT = ("control", "line_of_contact", "corridors", "peacekeeping", "events")


def test_rebuilding_reproduces_the_committed_layers_byte_for_byte(tmp_path):
    written = build(DATA_DIR, tmp_path)
    assert sorted(p.stem for p in written) == sorted(BUILT)
    for path in written:
        assert path.read_bytes() == (DATA_DIR / "layers" / path.name).read_bytes(), path.name


def test_a_new_dated_change_needs_no_code(tmp_path):
    """Adding a chronology entry changes the built control layer, with its end derived."""
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data, ignore=shutil.ignore_patterns("sources"))
    chronology = json.loads((data / "chronology.json").read_text(encoding="utf-8"))
    chronology["changes"].append({
        "id": "2030-01-test", "date": "2030-01-01", "held_by": "armenian", "ground": "ground-khojaly-1992",
        "districts": ["prov-khojaly"], "change": "a test change", "date_basis": "a test", "excerpt_ids": [],
        "reference_ids": [], "accuracy_km": 5})
    (data / "chronology.json").write_text(json.dumps(chronology), encoding="utf-8")
    build(data)
    control = json.loads((data / "layers" / "control.geojson").read_text(encoding="utf-8"))["features"]
    ends = {f["properties"]["id"]: f["properties"]["valid_to"] for f in control}
    assert ends["ctrl-2030-01-test-armenian"] is None
    assert ends["ctrl-2023-09-operation-to-2030-01-test-azerbaijani"] == "2030-01-01"


def test_each_change_lists_the_districts_its_ground_concerns():
    book = shape_book(DATA_DIR)
    content = json.loads((DATA_DIR / "chronology.json").read_text(encoding="utf-8"))
    frame = book[content["frame"]]
    districts = [k for k, g in book.shapes.items() if k.startswith("prov-") and k != "prov-nkao"
                 and g.intersects(frame)]
    for change in content["changes"]:
        ground = book[change["ground"]].intersection(frame)
        touched = sorted(d for d in districts if area_km2(ground.intersection(book.shapes[d])) >= 5)
        assert change["districts"] == touched, change["id"]


def test_every_drawn_shape_says_what_it_follows():
    for name in ("lines", "areas"):
        for f in json.loads((DATA_DIR / "drawn" / f"{name}.geojson").read_text(encoding="utf-8"))["features"]:
            props = f["properties"]
            assert props["follows"] and props["method"] and props["accuracy_km"] > 0, props["id"]


def test_recipes_combine_named_shapes():
    cut = LineString([(46.5, 40.5), (46.5, 39.0)])
    book = ShapeBook({"a": box(46.0, 39.5, 46.8, 40.0), "b": box(46.4, 39.5, 47.0, 40.0), "cut": cut})
    assert evaluate(book, {"steps": [{"union": ["a", "b"]}]}).area == pytest.approx(0.5)
    assert evaluate(book, {"steps": [{"union": ["a"]}, {"difference": ["b"]}]}).area == pytest.approx(0.2)
    west = evaluate(book, {"steps": [{"union": ["a", "b"]}, {"clip_by_line": ["cut", "west"]}]})
    assert west.bounds == pytest.approx((46.0, 39.5, 46.5, 40.0))
    assert side_of_line(cut, "east").contains(Point(46.7, 39.7)) and not side_of_line(cut, "east").contains(Point(46.3, 39.7))


@pytest.mark.parametrize("recipe, message", [
    ({"id": "x", "steps": [{"difference": ["a"]}]}, "first step must be a union"),
    ({"id": "x", "steps": [{"union": ["nowhere"]}]}, "unknown shape 'nowhere'"),
    ({"id": "x", "steps": [{"union": ["a"]}, {"explode": 1}]}, "unknown step 'explode'"),
])
def test_a_bad_recipe_says_what_is_wrong(recipe, message):
    with pytest.raises(RecipeError, match=message):
        evaluate(ShapeBook({"a": box(0, 0, 1, 1)}), recipe)


def test_a_recipe_that_refers_to_itself_is_reported():
    book = ShapeBook({}, {"loop": {"id": "loop", "steps": [{"union": ["loop"]}]}})
    with pytest.raises(RecipeError, match="refers to itself"):
        book["loop"]


def test_chronology_problems_name_the_entry_and_the_field():
    problems = []
    parse_chronology({"changes": [{"id": "c1", "date": "1993-10~", "held_by": "nobody", "ground": "g",
                                   "change": "x", "date_basis": "y", "accuracy_km": 5}]}, "chronology.json", problems)
    fields = {(p.item_id, p.field) for p in problems}
    assert fields == {("c1", "date"), ("c1", "held_by")}


def test_validate_reports_layers_not_rebuilt_after_an_edit(tmp_path, capsys):
    from geo.cli import main

    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    assert main(["validate", "--data", str(data), "--no-quotes"]) == 0
    chronology = json.loads((data / "chronology.json").read_text(encoding="utf-8"))
    khojaly = next(c for c in chronology["changes"] if c["id"] == "1992-02-khojaly")
    khojaly["date"] = "1992-02-20"
    (data / "chronology.json").write_text(json.dumps(chronology), encoding="utf-8")
    assert main(["validate", "--data", str(data), "--no-quotes"]) == 1
    assert "layers/control.geojson: -: -: out of date" in capsys.readouterr().err
    build(data)
    assert main(["validate", "--data", str(data), "--no-quotes"]) == 0


def test_a_drawn_file_is_read_inside_the_dataset_only(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data, ignore=shutil.ignore_patterns("sources"))
    outside = tmp_path / "outside.geojson"
    outside.write_text((data / "drawn" / "lines.geojson").read_text(encoding="utf-8"), encoding="utf-8")
    (data / "drawn" / "lines.geojson").unlink()
    (data / "drawn" / "lines.geojson").symlink_to(outside)
    with pytest.raises(DatasetError) as caught:
        build(data, tmp_path / "out")
    assert caught.value.problems[0].file == "drawn/lines.geojson"
