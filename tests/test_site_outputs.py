"""`export site -o DIR` never writes through what is already in DIR: a symbolic link (to a
folder or a file outside), a FIFO or a device there stops the export before any file is
written, and nothing outside DIR changes."""
from __future__ import annotations

import os
import threading

import pytest

from geo.cli import main


def _snapshot(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.mark.parametrize("plant", ["leaflet-dir-link", "engine-dir-link", "leaflet-js-link", "index-link",
                                   "data-fifo", "images-fifo", "dir-itself-link"])
def test_export_site_refuses_links_and_fifos_before_writing_anything(tiny, tmp_path, capsys, plant):
    data, _ = tiny
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "leaflet.js").write_text("precious", encoding="utf-8")
    (outside / "index.html").write_text("precious", encoding="utf-8")
    site = tmp_path / "site"
    site.mkdir()
    if plant == "leaflet-dir-link":
        (site / "leaflet").symlink_to(outside, target_is_directory=True)
    elif plant == "engine-dir-link":
        (site / "engine").symlink_to(outside, target_is_directory=True)
    elif plant == "leaflet-js-link":
        (site / "leaflet").mkdir()
        (site / "leaflet" / "leaflet.js").symlink_to(outside / "leaflet.js")
    elif plant == "index-link":
        (site / "index.html").symlink_to(outside / "index.html")
    elif plant == "data-fifo":
        os.mkfifo(site / "data.json")
    elif plant == "images-fifo":
        (site / "leaflet").mkdir()
        os.mkfifo(site / "leaflet" / "images")
    else:
        site.rmdir()
        site.symlink_to(outside, target_is_directory=True)
    before_outside, before_site = _snapshot(outside), sorted(p.name for p in site.rglob("*"))
    result = {}
    worker = threading.Thread(target=lambda: result.setdefault(
        "code", main(["export", "site", "--data", str(data), "-o", str(site)])), daemon=True)
    worker.start()
    worker.join(timeout=60)
    assert not worker.is_alive(), "the export hangs"
    assert result["code"] == 3
    assert "refusing" in capsys.readouterr().err
    assert _snapshot(outside) == before_outside
    assert sorted(p.name for p in site.rglob("*")) == before_site  # nothing written into DIR either


def test_export_site_over_its_own_earlier_output_works(tiny, tmp_path):
    data, _ = tiny
    site = tmp_path / "site"
    assert main(["export", "site", "--data", str(data), "-o", str(site)]) == 0
    first = _snapshot(site)
    assert main(["export", "site", "--data", str(data), "-o", str(site)]) == 0
    assert _snapshot(site).keys() == first.keys() and "leaflet/images/marker-icon.png" in first


def test_the_engines_files_are_named_by_their_content(tiny, tmp_path):
    """A changed engine file gets a new name (so a host may keep each for a year); the page
    links the names written; the same content keeps its name from one export to the next."""
    from geo import engine, export_site

    data, _ = tiny
    site = tmp_path / "site"
    assert main(["export", "site", "--data", str(data), "-o", str(site)]) == 0
    page = (site / "index.html").read_text(encoding="utf-8")
    written = sorted(p.name for p in (site / "engine").iterdir())
    assert len(written) == len(engine.static_names())
    for name in engine.static_names():
        stem, suffix = name.rsplit(".", 1)
        [hashed] = [w for w in written if w.startswith(stem + ".") and w.endswith("." + suffix)
                    and w.count(".") == name.count(".") + 1]
        digest = hashed[len(stem) + 1:-len(suffix) - 1]
        assert len(digest) == export_site.HASH_DIGITS and set(digest) <= set("0123456789abcdef")
        assert (site / "engine" / hashed).read_text(encoding="utf-8") == engine.static_text(name)
        if name != "component.js":  # the dashboard's, not the page's
            assert (f'"engine/{hashed}"' in page) == (name in (*engine.SCRIPTS, engine.PAGE_SCRIPT,
                                                                engine.STYLESHEET, "page.css")), name
    assert export_site.hashed_name("engine.js", "a") != export_site.hashed_name("engine.js", "b")
    assert export_site.hashed_name("engine.js", "a") == export_site.hashed_name("engine.js", b"a")
