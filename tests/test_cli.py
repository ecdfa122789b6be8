"""The command line: exit codes, messages, atomic writes, --data on every command."""
import json
import os
import subprocess
import sys

import pytest

from geo.cli import main



def test_help_of_every_command(capsys):
    for argv in (["--help"], ["validate", "--help"], ["export", "--help"], ["export", "geojson", "--help"],
                 ["export", "excerpts", "--help"], ["export", "csv", "--help"], ["stats", "--help"]):
        with pytest.raises(SystemExit) as exit_:
            main(argv)
        assert exit_.value.code == 0
        out = capsys.readouterr().out
        assert "usage: karabakh-atlas" in out and "exit codes" in out


def test_export_geojson_for_a_date(tiny, tmp_path):
    data, _ = tiny
    out = tmp_path / "day.geojson"
    assert main(["export", "geojson", "--data", str(data), "--date", "2000-01-01", "-o", str(out)]) == 0
    doc = json.loads(out.read_text())
    assert doc["date"] == "2000-01-01" and len(doc["features"]) == 5


def test_export_geojson_layers_option(tiny, tmp_path):
    data, _ = tiny
    out = tmp_path / "day.geojson"
    assert main(["export", "geojson", "--data", str(data), "--date", "2000-01-01", "--layers", "control",
                 "-o", str(out)]) == 0
    assert {f["properties"]["layer"] for f in json.loads(out.read_text())["features"]} == {"control"}


def test_bad_date_is_a_usage_error(tiny, tmp_path, capsys):
    data, _ = tiny
    with pytest.raises(SystemExit) as exit_:
        main(["export", "geojson", "--data", str(data), "--date", "2000-13-01", "-o", str(tmp_path / "x")])
    assert exit_.value.code == 2
    assert "is not a day of the form YYYY-MM-DD" in capsys.readouterr().err


def test_broken_dataset_leaves_no_file(tiny, tmp_path, capsys):
    data, _ = tiny
    (data / "layers" / "control.geojson").write_text("{not json")
    out = tmp_path / "day.geojson"
    assert main(["export", "geojson", "--data", str(data), "--all", "-o", str(out)]) == 1
    assert not out.exists()
    assert "layers/control.geojson" in capsys.readouterr().err


def test_unwritable_output_is_exit_3_and_leaves_nothing(tiny, tmp_path, capsys):
    data, _ = tiny
    out = tmp_path / "missing-dir" / "day.geojson"
    assert main(["export", "geojson", "--data", str(data), "--all", "-o", str(out)]) == 3
    assert "does not exist" in capsys.readouterr().err
    assert not out.parent.exists()


def test_failed_write_keeps_the_old_file(tiny, tmp_path, monkeypatch):
    data, _ = tiny
    out = tmp_path / "day.geojson"
    out.write_text("previous")
    import geo.io

    def boom(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(geo.io.os, "replace", boom)
    assert main(["export", "geojson", "--data", str(data), "--all", "-o", str(out)]) == 3
    assert out.read_text() == "previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "day.geojson", "texts"]  # no .part left


def test_stats_json(tiny, capsys):
    data, _ = tiny
    assert main(["stats", "--data", str(data), "--date", "2000-01-01", "--format", "json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert figures["area_km2"]["armenian"] > 0 and figures["lines"][0]["id"] == "loc-a"


def test_stats_text(tiny, capsys):
    data, _ = tiny
    assert main(["stats", "--data", str(data), "--date", "2000-01-01"]) == 0
    out = capsys.readouterr().out
    assert "Area held" in out and "Armenian and Karabakh Armenian forces" in out and "[loc-a]" in out


def test_console_script_is_installed(tmp_path):
    exe = os.path.join(os.path.dirname(sys.executable), "karabakh-atlas")
    result = subprocess.run([exe, "--help"], capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 0 and "validate" in result.stdout


def test_data_env_var_selects_the_dataset(tiny, tmp_path, monkeypatch, capsys):
    data, texts = tiny
    monkeypatch.setenv("KARABAKH_ATLAS_DATA", str(data))
    assert main(["validate", "--sources", str(texts)]) == 0
    assert str(data) in capsys.readouterr().out
