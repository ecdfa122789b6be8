"""Reads stay inside the dataset and never hang; writes replace only regular files
(issue 10: confined reading, safe writing, settings that name nothing)."""
from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from geo import confine
from geo.cli import main
from geo.io import TEMP_PREFIX, write_atomic

from conftest import ROOT, write_dataset


def validate(data, texts, capsys) -> tuple[int, str]:
    code = main(["validate", "--data", str(data), "--sources", str(texts)])
    return code, capsys.readouterr().err


def with_text_file(files, name):
    files["sources/src-a.json"]["source"]["text_file"] = name
    return files


# -- reading ------------------------------------------------------------------------------------
DOTS = "must not contain '..'"


@pytest.mark.parametrize("name, why", [("../" * 30 + "etc/passwd", DOTS), ("/proc/self/environ", "must be a path relative to the sources directory"),
                                       ("../secret.txt", DOTS), ("sub/../../secret.txt", DOTS)])
def test_text_file_outside_the_sources_is_refused(name, why, tmp_path, dataset_files, capsys):
    (tmp_path / "secret.txt").write_text("Shusha fell on 8 May 1992, and Lachin")  # the quote, as an oracle would use
    data, texts = write_dataset(tmp_path, with_text_file(dataset_files, name))
    code, err = validate(data, texts, capsys)
    assert code == 1 and "src-a: text_file: " + why in err
    assert "quote" not in err  # nothing is learnt about the file's content


def test_symlink_out_of_the_sources_is_refused(tmp_path, dataset_files, capsys):
    data, texts = write_dataset(tmp_path, dataset_files)
    (tmp_path / "secret.txt").write_text((texts / "a.txt").read_text())
    (texts / "a.txt").unlink()
    (texts / "a.txt").symlink_to(tmp_path / "secret.txt")
    code, err = validate(data, texts, capsys)
    assert code == 1 and "src-a: text_file: a.txt: leads outside its directory" in err


def test_symlink_inside_the_sources_is_followed(tmp_path, dataset_files, capsys):
    data, texts = write_dataset(tmp_path, dataset_files)
    (texts / "a.txt").rename(texts / "real.txt")
    (texts / "a.txt").symlink_to("real.txt")
    assert validate(data, texts, capsys)[0] == 0


@pytest.mark.parametrize("target", ["/dev/zero", "/dev/urandom"])
def test_text_file_that_is_a_device_is_refused(target, tmp_path, dataset_files, capsys):
    data, texts = write_dataset(tmp_path, dataset_files)
    (texts / "a.txt").unlink()
    (texts / "a.txt").symlink_to(target)
    code, err = validate(data, texts, capsys)
    assert code == 1 and "src-a: text_file: a.txt:" in err


def test_devices_and_fifos_are_never_read(tmp_path):
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    started = time.monotonic()
    for path, kind in ((fifo, "FIFO"), (Path("/dev/zero"), "character device"), (tmp_path, "directory")):
        with pytest.raises(confine.ReadRefused, match=kind):
            confine.read_bytes(path, 1000)
    assert time.monotonic() - started < 5


def test_a_file_over_the_limit_is_refused(tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 2001)
    with pytest.raises(confine.ReadRefused, match="larger than the limit"):
        confine.read_bytes(big, 2000)
    assert confine.read_bytes(big, 2001) == b"x" * 2001


LAYER_TRAPS = {
    "a FIFO": lambda path, tmp: os.mkfifo(path),
    "a link to /dev/zero": lambda path, tmp: path.symlink_to("/dev/zero"),
    "a link out of the dataset": lambda path, tmp: path.symlink_to(tmp / "elsewhere.geojson"),
}


@pytest.mark.parametrize("trap", list(LAYER_TRAPS))
def test_layer_file_traps_are_reported_quickly(trap, tmp_path, dataset_files):
    data, texts = write_dataset(tmp_path, dataset_files)
    layer = data / "layers" / "places.geojson"
    (tmp_path / "elsewhere.geojson").write_text(layer.read_text())
    layer.unlink()
    LAYER_TRAPS[trap](layer, tmp_path)
    # in a child process with a timeout: a read that hangs must fail this test, not hang it
    result = subprocess.run([sys.executable, "-m", "geo", "validate", "--data", str(data), "--sources", str(texts)],
                            capture_output=True, text=True, timeout=60, cwd=ROOT,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.returncode == 1, result.stderr
    assert "layers/places.geojson: -: -:" in result.stderr and "Traceback" not in result.stderr


# -- settings ---------------------------------------------------------------------------------
def test_a_sources_directory_that_does_not_exist_is_an_error(tiny, tmp_path, monkeypatch, capsys):
    data, _ = tiny
    monkeypatch.setenv("KARABAKH_ATLAS_SOURCES", str(tmp_path / "no-such-dir"))
    assert main(["validate", "--data", str(data)]) == 2
    assert "KARABAKH_ATLAS_SOURCES" in capsys.readouterr().err
    monkeypatch.delenv("KARABAKH_ATLAS_SOURCES")
    assert main(["validate", "--data", str(data), "--sources", str(tmp_path / "nope")]) == 2
    assert "--sources" in capsys.readouterr().err


def test_a_data_directory_that_does_not_exist_is_an_error(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("KARABAKH_ATLAS_DATA", str(tmp_path / "no-such-dir"))
    assert main(["validate", "--no-quotes"]) == 2
    assert main(["stats", "--date", "2021-06-01"]) == 2
    assert "KARABAKH_ATLAS_DATA" in capsys.readouterr().err


@pytest.mark.parametrize("day", ["20210601", "2021-W22-2", "2021-06-01T00:00", " 2021-06-01", "2021-6-1", "２０２１-06-01"])
def test_date_option_takes_exactly_yyyy_mm_dd(day, tiny, tmp_path, capsys):
    data, _ = tiny
    with pytest.raises(SystemExit) as exit_:
        main(["stats", "--data", str(data), "--date", day])
    assert exit_.value.code == 2
    assert "is not a day of the form YYYY-MM-DD" in capsys.readouterr().err


# -- writing ------------------------------------------------------------------------------------
def export(data, out, fmt="geojson"):
    extra = ["--all"] if fmt == "geojson" else []
    return main(["export", fmt, "--data", str(data), *extra, "-o", str(out)])


@pytest.mark.parametrize("fmt", ["geojson", "csv", "gpkg"])
def test_a_symlink_at_the_target_is_refused_not_replaced(fmt, tiny, tmp_path, capsys):
    data, _ = tiny
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    link = tmp_path / f"out.{fmt}"
    link.symlink_to(victim)
    assert export(data, link, fmt) == 3
    err = capsys.readouterr().err
    assert "refusing to write" in err and "a symbolic link" in err
    assert link.is_symlink() and victim.read_text() == "keep me"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(TEMP_PREFIX)]


def test_a_fifo_or_directory_at_the_target_is_refused(tiny, tmp_path, capsys):
    data, _ = tiny
    fifo, folder = tmp_path / "fifo.geojson", tmp_path / "folder.geojson"
    os.mkfifo(fifo)
    folder.mkdir()
    assert export(data, fifo) == 3 and "a FIFO" in capsys.readouterr().err
    assert export(data, folder) == 3 and "a directory" in capsys.readouterr().err
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode) and folder.is_dir()


def test_a_device_at_the_target_is_refused(tiny, tmp_path, capsys):
    """As root, -o /dev/null once replaced the device with a regular file. The test uses a
    device node of its own when it can make one (as root), so that a regression cannot
    break the machine's /dev/null; otherwise /dev/null, which a normal user cannot replace."""
    data, _ = tiny
    device = Path("/dev/null")
    if os.geteuid() == 0:
        device = tmp_path / "null"
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    assert export(data, device) == 3
    assert "character device" in capsys.readouterr().err
    assert stat.S_ISCHR(os.lstat(device).st_mode)


def test_dash_writes_to_standard_output(tiny, tmp_path, capfd, monkeypatch):
    data, _ = tiny
    monkeypatch.chdir(tmp_path)
    assert main(["export", "csv", "--data", str(data), "-o", "-"]) == 0
    out = capfd.readouterr().out
    assert out.startswith("id,source_id,date") and "src-a-01" in out
    assert main(["export", "gpkg", "--data", str(data), "-o", "-"]) == 0
    assert capfd.readouterr().out.startswith("SQLite format 3")
    assert not (tmp_path / "-").exists()


@pytest.mark.parametrize("length", [244, 250, 255])
def test_long_output_names_work(length, tiny, tmp_path):
    data, _ = tiny
    for fmt, suffix in (("geojson", ".geojson"), ("gpkg", ".gpkg")):
        out = tmp_path / ("é" * ((length - len(suffix)) // 2) + "x" * ((length - len(suffix)) % 2) + suffix)
        assert len(os.fsencode(out.name)) == length
        assert export(data, out, fmt) == 0 and out.stat().st_size > 0


@pytest.mark.parametrize("fmt", ["geojson", "gpkg", "html"])
def test_the_mode_follows_the_umask(fmt, tiny, tmp_path):
    data, _ = tiny
    out = tmp_path / f"out.{fmt}"
    old = os.umask(0o027)
    try:
        extra = ["--date", "2000-01-01"] if fmt == "html" else []
        argv = ["export", fmt, "--data", str(data), *(["--all"] if fmt == "geojson" else extra), "-o", str(out)]
        assert main(argv) == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE(out.stat().st_mode) == 0o640


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_leftovers_of_a_killed_export_are_cleaned_by_the_next(tmp_path):
    leftover = tmp_path / f"{TEMP_PREFIX}{_dead_pid()}-abcd1234.part"
    leftover.mkdir()
    (leftover / "output.gpkg-journal").write_bytes(b"half")
    alive = tmp_path / f"{TEMP_PREFIX}{os.getppid()}-abcd1234.part"  # a running process's: kept
    alive.mkdir()
    write_atomic(tmp_path / "x.json", "{}")
    assert not leftover.exists() and alive.exists()


def test_a_killed_geopackage_export_leaves_nothing_the_next_run_does_not_clean(tiny, tmp_path):
    data, _ = tiny
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    slow = ("import time, geo.export_gpkg as g\n"
            "write = g._write_tables\n"
            "def slow(atlas, target):\n"
            "    write(atlas, target); time.sleep(120)\n"
            "g._write_tables = slow\n"
            "from geo.cli import main\n"
            f"main(['export', 'gpkg', '--data', {str(data)!r}, '-o', {str(out_dir / 'atlas.gpkg')!r}])\n")
    child = subprocess.Popen([sys.executable, "-c", slow], cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        deadline = time.monotonic() + 60
        while not list(out_dir.glob(f"{TEMP_PREFIX}*/output.gpkg")) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert list(out_dir.glob(f"{TEMP_PREFIX}*/output.gpkg")), "the export never started writing"
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    assert not (out_dir / "atlas.gpkg").exists()
    assert export(data, out_dir / "atlas.gpkg", "gpkg") == 0
    assert sorted(p.name for p in out_dir.iterdir()) == ["atlas.gpkg"]


def test_other_data_files_are_read_the_same_way(tmp_path):
    """story.json too: a FIFO is reported at once (in a child process: a hang fails, not hangs),
    and a NaN in it is a problem, not a value."""
    data = tmp_path / "data"
    data.mkdir()
    os.mkfifo(data / "story.json")
    script = ("from geo.story import read_story\n"
              f"stops, problems = read_story({str(data)!r})\n"
              "print([str(p) for p in problems])\n")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, cwd=ROOT,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert "story.json: -: -: is a FIFO (named pipe), not a regular file" in result.stdout, result.stderr
    from geo.story import read_story

    (data / "story.json").unlink()
    (data / "story.json").write_text('{"stops": [{"date": "2020-09-27", "caption": NaN}]}')
    stops, problems = read_story(data)
    assert stops == [] and [str(p) for p in problems] == [
        "story.json: -: stops[0].caption: NaN is not a JSON number; write a number, or null if unknown"]


def test_review_reads_a_source_file_like_validate(tmp_path):
    """karabakh-atlas review: a FIFO is refused at once (child process: a hang fails, not hangs);
    duplicate keys are refused, not silently merged."""
    fifo = tmp_path / "proposals.json"
    os.mkfifo(fifo)
    script = ("from geo.ingest import review\n"
              f"try:\n    review.load({str(fifo)!r})\nexcept review.ReviewError as exc:\n    print(exc)\n")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, cwd=ROOT,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert "is a FIFO (named pipe), not a regular file" in result.stdout, result.stderr
    from geo.ingest import review

    doubled = tmp_path / "doubled.json"
    doubled.write_text('{"source": {"id": "a"}, "excerpts": [], "excerpts": []}')
    with pytest.raises(review.ReviewError, match="duplicate key 'excerpts'"):
        review.load(doubled)


def test_geopackage_bytes_leave_nothing_behind(tiny, tmp_path, monkeypatch):
    """The dashboard's GeoPackage download is built in a scratch folder that a killed build's
    successor removes (the system's temporary directory would otherwise collect them)."""
    import tempfile

    from geo.export_gpkg import geopackage_bytes
    from geo import load_atlas

    data, texts = tiny
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    leftover = tmp_path / f"{TEMP_PREFIX}{_dead_pid()}-abcd1234.part"
    leftover.mkdir()
    assert geopackage_bytes(load_atlas(data, texts)).startswith(b"SQLite format 3")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "texts"]
